"""calendar: follows, feed tokens, the VEVENT cache, the change marker, the year of undated entries

Revision ID: 0004
Revises: 0003

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('calendar_state',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_state'))
    )
    op.create_table('ical_fragments',
    sa.Column('uid', sa.String(length=255), nullable=False),
    sa.Column('stamp', sa.String(length=64), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('uid', name=op.f('pk_ical_fragments'))
    )
    op.create_table('calendar_follows',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('iscm_id', sa.Integer(), nullable=True),
    sa.Column('theme_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('(iscm_id IS NULL) <> (theme_id IS NULL)', name=op.f('ck_calendar_follows_one_target')),
    sa.ForeignKeyConstraint(['iscm_id'], ['iscms.id'], name=op.f('fk_calendar_follows_iscm_id_iscms'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_id'], ['themes.id'], name=op.f('fk_calendar_follows_theme_id_themes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_calendar_follows_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_follows')),
    sa.UniqueConstraint('user_id', 'iscm_id', name='uq_calendar_follows_user_iscm'),
    sa.UniqueConstraint('user_id', 'theme_id', name='uq_calendar_follows_user_theme')
    )
    with op.batch_alter_table('calendar_follows', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_calendar_follows_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('year', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_meetings_year'), ['year'], unique=False)

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('feed_token', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_users_feed_token'), ['feed_token'])



def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_users_feed_token'), type_='unique')
        batch_op.drop_column('feed_token')

    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meetings_year'))
        batch_op.drop_column('year')

    with op.batch_alter_table('calendar_follows', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_calendar_follows_user_id'))

    op.drop_table('calendar_follows')
    op.drop_table('ical_fragments')
    op.drop_table('calendar_state')
