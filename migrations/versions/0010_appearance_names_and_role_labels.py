"""an agenda appearance's own printed name and role label

Revision ID: 0010
Revises: 0009

"""
from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('item_people', schema=None) as batch_op:
        batch_op.add_column(sa.Column('listed_name', sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column('role_label', sa.String(length=200), nullable=True))


def downgrade():
    with op.batch_alter_table('item_people', schema=None) as batch_op:
        batch_op.drop_column('role_label')
        batch_op.drop_column('listed_name')
