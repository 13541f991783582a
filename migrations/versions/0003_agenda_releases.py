"""agenda releases, notices, and a stable key on people

Revision ID: 0003
Revises: 0002

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('agenda_releases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('comment', sa.String(length=500), nullable=False),
    sa.Column('released_at', sa.DateTime(), nullable=False),
    sa.Column('released_by_id', sa.Integer(), nullable=True),
    sa.Column('snapshot', sa.JSON(), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_agenda_releases_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['released_by_id'], ['users.id'], name=op.f('fk_agenda_releases_released_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_releases')),
    sa.UniqueConstraint('meeting_id', 'number', name='uq_agenda_releases_meeting_number')
    )
    with op.batch_alter_table('agenda_releases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agenda_releases_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('notices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('url', sa.String(length=500), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('read_at', sa.DateTime(), nullable=True),
    sa.Column('emailed_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_notices_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notices_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notices'))
    )
    with op.batch_alter_table('notices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notices_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_notices_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_notices_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.add_column(sa.Column('key', sa.String(length=120), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_people_key'), ['key'])



def downgrade():
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_people_key'), type_='unique')
        batch_op.drop_column('key')

    with op.batch_alter_table('notices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notices_user_id'))
        batch_op.drop_index(batch_op.f('ix_notices_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_notices_created_at'))

    op.drop_table('notices')
    with op.batch_alter_table('agenda_releases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agenda_releases_meeting_id'))

    op.drop_table('agenda_releases')
