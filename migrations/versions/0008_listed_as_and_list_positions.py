"""an agenda appearance's own wording; a participation's own printed position

Revision ID: 0008
Revises: 0007

"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('item_people', schema=None) as batch_op:
        batch_op.add_column(sa.Column('listed_as', sa.Text(), nullable=True))
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.add_column(sa.Column('position', sa.String(length=500), nullable=True))


def downgrade():
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.drop_column('position')
    with op.batch_alter_table('item_people', schema=None) as batch_op:
        batch_op.drop_column('listed_as')
