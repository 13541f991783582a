"""an ISCM's organisations as the source words them when it names none; registry lists without \\u escapes

Revision ID: 0013
Revises: 0012

"""
from alembic import op
import sqlalchemy as sa


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

LIST_COLUMNS = ('other_names', 'organisations', 'secretariats', 'iom_roles', 'sources')


def _rewrite_lists():
    """Lists stored before the app wrote JSON with its letters as they are ("S\\u00f6derk\\u00f6ping") are
    written again, so the registry's text search finds them; the values themselves do not change."""
    bind = op.get_bind()
    iscms = sa.table('iscms', sa.column('id', sa.Integer), *(sa.column(name, sa.JSON) for name in LIST_COLUMNS))
    for row in bind.execute(sa.select(iscms)).mappings().all():
        values = {name: row[name] for name in LIST_COLUMNS}
        bind.execute(iscms.update().where(iscms.c.id == row['id']).values(values))


def upgrade():
    with op.batch_alter_table('iscms', schema=None) as batch_op:
        batch_op.add_column(sa.Column('organisations_note', sa.String(length=200), nullable=True))
    _rewrite_lists()


def downgrade():
    with op.batch_alter_table('iscms', schema=None) as batch_op:
        batch_op.drop_column('organisations_note')
