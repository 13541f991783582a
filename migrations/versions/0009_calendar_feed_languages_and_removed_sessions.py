"""calendar: the VEVENT cache keyed by UID and language; UIDs of deleted sessions

Revision ID: 0009
Revises: 0008

The cache is rebuilt on demand, so its rows are dropped rather than converted.
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    op.drop_table('ical_fragments')
    op.create_table('ical_fragments',
    sa.Column('uid', sa.String(length=255), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('stamp', sa.String(length=64), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('uid', 'language', name=op.f('pk_ical_fragments'))
    )
    op.create_table('calendar_removed_sessions',
    sa.Column('session_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=255), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_calendar_removed_sessions_meeting_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('session_id', name=op.f('pk_calendar_removed_sessions'))
    )
    with op.batch_alter_table('calendar_removed_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_calendar_removed_sessions_meeting_id'), ['meeting_id'], unique=False)


def downgrade():
    with op.batch_alter_table('calendar_removed_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_calendar_removed_sessions_meeting_id'))
    op.drop_table('calendar_removed_sessions')
    op.drop_table('ical_fragments')
    op.create_table('ical_fragments',
    sa.Column('uid', sa.String(length=255), nullable=False),
    sa.Column('stamp', sa.String(length=64), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('uid', name=op.f('pk_ical_fragments'))
    )
