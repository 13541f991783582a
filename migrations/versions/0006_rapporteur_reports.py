"""rapporteur reports and summary reports

Revision ID: 0006
Revises: 0005

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('summary_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('subtitle', sa.String(length=500), nullable=False),
    sa.Column('date_line', sa.String(length=200), nullable=False),
    sa.Column('acronyms', sa.JSON(), nullable=False),
    sa.Column('acronyms_edited', sa.Boolean(), nullable=False),
    sa.Column('annexes', sa.JSON(), nullable=False),
    sa.Column('final', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_summary_reports_meeting_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_summary_reports')),
    sa.UniqueConstraint('meeting_id', name=op.f('uq_summary_reports_meeting_id'))
    )
    op.create_table('rapporteur_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.Column('head', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("status IN ('draft', 'submitted', 'changes_requested', 'resubmitted', 'approved')", name=op.f('ck_rapporteur_reports_status_known')),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_rapporteur_reports_session_id_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rapporteur_reports')),
    sa.UniqueConstraint('session_id', name=op.f('uq_rapporteur_reports_session_id'))
    )
    op.create_table('summary_sections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('summary_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('part', sa.String(length=10), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("part IN ('body', 'annex')", name=op.f('ck_summary_sections_part_known')),
    sa.CheckConstraint('level IN (1, 2)', name=op.f('ck_summary_sections_level_known')),
    sa.ForeignKeyConstraint(['summary_id'], ['summary_reports.id'], name=op.f('fk_summary_sections_summary_id_summary_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_summary_sections')),
    sa.UniqueConstraint('summary_id', 'key', name='uq_summary_sections_summary_key')
    )
    with op.batch_alter_table('summary_sections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_summary_sections_summary_id'), ['summary_id'], unique=False)

    op.create_table('report_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('from_status', sa.String(length=20), nullable=False),
    sa.Column('to_status', sa.String(length=20), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("action IN ('submit', 'resubmit', 'request_changes', 'approve', 'reopen', 'restore')", name=op.f('ck_report_events_action_known')),
    sa.ForeignKeyConstraint(['report_id'], ['rapporteur_reports.id'], name=op.f('fk_report_events_report_id_rapporteur_reports'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_report_events_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_events'))
    )
    with op.batch_alter_table('report_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_events_report_id'), ['report_id'], unique=False)

    op.create_table('report_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('origin', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_report_revisions_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['report_id'], ['rapporteur_reports.id'], name=op.f('fk_report_revisions_report_id_rapporteur_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_revisions')),
    sa.UniqueConstraint('report_id', 'number', name='uq_report_revisions_report_number')
    )
    with op.batch_alter_table('report_revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_revisions_report_id'), ['report_id'], unique=False)

    op.create_table('summary_quotes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('section_id', sa.Integer(), nullable=False),
    sa.Column('speaker', sa.String(length=500), nullable=False),
    sa.Column('words', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['section_id'], ['summary_sections.id'], name=op.f('fk_summary_quotes_section_id_summary_sections'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_summary_quotes'))
    )
    with op.batch_alter_table('summary_quotes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_summary_quotes_section_id'), ['section_id'], unique=False)


def downgrade():
    with op.batch_alter_table('summary_quotes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_summary_quotes_section_id'))

    op.drop_table('summary_quotes')
    with op.batch_alter_table('report_revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_revisions_report_id'))

    op.drop_table('report_revisions')
    with op.batch_alter_table('report_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_events_report_id'))

    op.drop_table('report_events')
    with op.batch_alter_table('summary_sections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_summary_sections_summary_id'))

    op.drop_table('summary_sections')
    op.drop_table('rapporteur_reports')
    op.drop_table('summary_reports')
