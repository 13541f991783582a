"""accounts, audit log and ISCM registry

Revision ID: 0001
Revises: 


"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    
    op.create_table('iscms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('acronym', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('other_names', sa.JSON(), nullable=False),
    sa.Column('type', sa.String(length=10), nullable=True),
    sa.Column('member_states', sa.Integer(), nullable=True),
    sa.Column('established', sa.Integer(), nullable=True),
    sa.Column('established_note', sa.String(length=200), nullable=True),
    sa.Column('regions_note', sa.String(length=200), nullable=True),
    sa.Column('organisations', sa.JSON(), nullable=False),
    sa.Column('secretariats', sa.JSON(), nullable=False),
    sa.Column('secretariats_note', sa.String(length=300), nullable=True),
    sa.Column('iom_roles', sa.JSON(), nullable=False),
    sa.Column('home_timezone', sa.String(length=64), nullable=True),
    sa.Column('timezone_note', sa.String(length=200), nullable=True),
    sa.Column('fact_sheet_number', sa.Integer(), nullable=True),
    sa.Column('annex10_column', sa.String(length=80), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('sources', sa.JSON(), nullable=False),
    sa.Column('website', sa.String(length=300), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("type IS NULL OR type IN ('RCP', 'IRF', 'GLOBAL')", name=op.f('ck_iscms_type_known')),
    sa.CheckConstraint('member_states IS NULL OR member_states >= 0', name=op.f('ck_iscms_member_states_positive')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_iscms')),
    sa.UniqueConstraint('acronym', name=op.f('uq_iscms_acronym')),
    sa.UniqueConstraint('slug', name=op.f('uq_iscms_slug'))
    )
    op.create_table('login_attempts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('address', sa.String(length=64), nullable=False),
    sa.Column('succeeded', sa.Boolean(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_login_attempts'))
    )
    with op.batch_alter_table('login_attempts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_login_attempts_address'), ['address'], unique=False)
        batch_op.create_index(batch_op.f('ix_login_attempts_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_login_attempts_email'), ['email'], unique=False)

    op.create_table('regions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_regions')),
    sa.UniqueConstraint('slug', name=op.f('uq_regions_slug'))
    )
    op.create_table('themes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_themes')),
    sa.UniqueConstraint('slug', name=op.f('uq_themes_slug'))
    )
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('locale', sa.String(length=10), nullable=True),
    sa.Column('timezone', sa.String(length=64), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('last_login_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("role IN ('admin', 'staff', 'user')", name=op.f('ck_users_role_known')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('email', name=op.f('uq_users_email'))
    )
    op.create_table('audit_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('object_type', sa.String(length=64), nullable=False),
    sa.Column('object_id', sa.String(length=64), nullable=True),
    sa.Column('summary', sa.String(length=300), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_audit_entries_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entries'))
    )
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entries_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_entries_at'), ['at'], unique=False)
        batch_op.create_index('ix_audit_entries_object', ['object_type', 'object_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_entries_user_id'), ['user_id'], unique=False)

    op.create_table('chair_terms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('iscm_id', sa.Integer(), nullable=False),
    sa.Column('holder', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=True),
    sa.Column('starts_precision', sa.String(length=5), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('ends_precision', sa.String(length=5), nullable=True),
    sa.Column('source', sa.String(length=200), nullable=True),
    sa.CheckConstraint("role IN ('chair', 'co-chair')", name=op.f('ck_chair_terms_role_known')),
    sa.CheckConstraint("status IN ('incoming', 'current', 'past')", name=op.f('ck_chair_terms_status_known')),
    sa.CheckConstraint('ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on', name=op.f('ck_chair_terms_ends_after_start')),
    sa.ForeignKeyConstraint(['iscm_id'], ['iscms.id'], name=op.f('fk_chair_terms_iscm_id_iscms'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_chair_terms'))
    )
    with op.batch_alter_table('chair_terms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_chair_terms_iscm_id'), ['iscm_id'], unique=False)

    op.create_table('iscm_regions',
    sa.Column('iscm_id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['iscm_id'], ['iscms.id'], name=op.f('fk_iscm_regions_iscm_id_iscms'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], name=op.f('fk_iscm_regions_region_id_regions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('iscm_id', 'region_id', name=op.f('pk_iscm_regions'))
    )
    op.create_table('iscm_themes',
    sa.Column('iscm_id', sa.Integer(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['iscm_id'], ['iscms.id'], name=op.f('fk_iscm_themes_iscm_id_iscms'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_id'], ['themes.id'], name=op.f('fk_iscm_themes_theme_id_themes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('iscm_id', 'theme_id', name=op.f('pk_iscm_themes'))
    )
    


def downgrade():
    
    op.drop_table('iscm_themes')
    op.drop_table('iscm_regions')
    with op.batch_alter_table('chair_terms', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_chair_terms_iscm_id'))

    op.drop_table('chair_terms')
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_entries_user_id'))
        batch_op.drop_index('ix_audit_entries_object')
        batch_op.drop_index(batch_op.f('ix_audit_entries_at'))
        batch_op.drop_index(batch_op.f('ix_audit_entries_action'))

    op.drop_table('audit_entries')
    op.drop_table('users')
    op.drop_table('themes')
    op.drop_table('regions')
    with op.batch_alter_table('login_attempts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_attempts_email'))
        batch_op.drop_index(batch_op.f('ix_login_attempts_at'))
        batch_op.drop_index(batch_op.f('ix_login_attempts_address'))

    op.drop_table('login_attempts')
    op.drop_table('iscms')
    
