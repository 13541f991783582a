"""summary report: imprint page, notes after built-in annexes, headings in the list of materials; sub-sections (level 3)

Revision ID: 0012
Revises: 0010

"""
from alembic import op
import sqlalchemy as sa


revision = '0012'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('summary_reports', schema=None) as batch_op:
        batch_op.add_column(sa.Column('imprint', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('annex_notes', sa.JSON(), nullable=False, server_default='{}'))
        batch_op.add_column(sa.Column('material_headings', sa.JSON(), nullable=False, server_default='{}'))
    with op.batch_alter_table('summary_reports', schema=None) as batch_op:
        batch_op.alter_column('imprint', server_default=None)
        batch_op.alter_column('annex_notes', server_default=None)
        batch_op.alter_column('material_headings', server_default=None)
    with op.batch_alter_table('summary_sections', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_summary_sections_level_known'), type_='check')
        batch_op.create_check_constraint(op.f('ck_summary_sections_level_known'), 'level IN (1, 2, 3)')


def downgrade():
    op.execute("UPDATE summary_sections SET level = 2 WHERE level = 3")
    with op.batch_alter_table('summary_sections', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_summary_sections_level_known'), type_='check')
        batch_op.create_check_constraint(op.f('ck_summary_sections_level_known'), 'level IN (1, 2)')
    with op.batch_alter_table('summary_reports', schema=None) as batch_op:
        batch_op.drop_column('material_headings')
        batch_op.drop_column('annex_notes')
        batch_op.drop_column('imprint')
