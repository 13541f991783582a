"""participants: groups, participations, sessions attended, registration settings

Revision ID: 0005
Revises: 0004


"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('participant_groups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_participant_groups_meeting_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participant_groups')),
    sa.UniqueConstraint('meeting_id', 'key', name='uq_participant_groups_meeting_key')
    )
    with op.batch_alter_table('participant_groups', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participant_groups_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('registration_settings',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('open_registration', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_registration_settings_meeting_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('meeting_id', name=op.f('pk_registration_settings'))
    )
    op.create_table('participants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('iscm_id', sa.Integer(), nullable=True),
    sa.Column('organisation', sa.String(length=300), nullable=True),
    sa.Column('represented', sa.Text(), nullable=True),
    sa.Column('capacity', sa.String(length=30), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=True),
    sa.Column('remarks', sa.Text(), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('invited_at', sa.DateTime(), nullable=True),
    sa.Column('responded_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("capacity IS NULL OR capacity IN ('chair', 'co_chair', 'incoming_chair', 'for_the_chair', 'head_of_secretariat', 'secretariat', 'co_secretariat', 'informal_support', 'delegate', 'observer', 'organiser')", name=op.f('ck_participants_capacity_known')),
    sa.CheckConstraint("status IN ('invited', 'registered', 'confirmed', 'declined', 'attended')", name=op.f('ck_participants_status_known')),
    sa.ForeignKeyConstraint(['group_id'], ['participant_groups.id'], name=op.f('fk_participants_group_id_participant_groups')),
    sa.ForeignKeyConstraint(['iscm_id'], ['iscms.id'], name=op.f('fk_participants_iscm_id_iscms'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_participants_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_participants_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participants')),
    sa.UniqueConstraint('meeting_id', 'person_id', name='uq_participants_meeting_person'),
    sa.UniqueConstraint('token', name=op.f('uq_participants_token'))
    )
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participants_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_participants_iscm_id'), ['iscm_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_participants_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_participants_person_id'), ['person_id'], unique=False)

    op.create_table('participant_sessions',
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_participant_sessions_participant_id_participants'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_participant_sessions_session_id_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('participant_id', 'session_id', name=op.f('pk_participant_sessions'))
    )


def downgrade():
    op.drop_table('participant_sessions')
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participants_person_id'))
        batch_op.drop_index(batch_op.f('ix_participants_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_participants_iscm_id'))
        batch_op.drop_index(batch_op.f('ix_participants_group_id'))

    op.drop_table('participants')
    op.drop_table('registration_settings')
    with op.batch_alter_table('participant_groups', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participant_groups_meeting_id'))

    op.drop_table('participant_groups')
