"""sessions and agenda items never reuse an id on SQLite; personal calendar markers

Revision ID: 0014
Revises: 0013

SQLite gives a new row the highest id plus one, so deleting the last session and adding another gave
the new one the old id: the feeds then sent the removed session's last copy under the new session's
UID. AUTOINCREMENT needs the table recreated; the counter starts past every id the tables, the release
snapshots and the kept UIDs of removed sessions name. PostgreSQL's sequences never reuse an id.

A follow or a role moves only its user's marker (users.calendar_changed_at), no longer every feed's;
calendar_state.issued_at is the latest marker of either kind, which the next one follows.
"""
from alembic import op
import sqlalchemy as sa


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None

#: Table -> queries giving the ids it has handed out (rows, release snapshots, removed sessions' UIDs).
ISSUED_IDS = {
    'sessions': (
        "SELECT max(id) FROM sessions",
        "SELECT max(json_extract(s.value, '$.id')) FROM agenda_releases r, json_each(r.snapshot, '$.sessions') s",
        "SELECT max(session_id) FROM calendar_removed_sessions",
    ),
    'agenda_items': (
        "SELECT max(id) FROM agenda_items",
        "SELECT max(json_extract(i.value, '$.id')) FROM agenda_releases r, json_each(r.snapshot, '$.sessions') s,"
        " json_each(s.value, '$.items') i",
    ),
}


def _recreate(table: str, autoincrement: bool) -> None:
    with op.batch_alter_table(table, recreate='always', table_kwargs={'sqlite_autoincrement': autoincrement}):
        pass


def _start_counter_past_issued_ids(table: str) -> None:
    bind = op.get_bind()
    issued = [bind.execute(sa.text(query)).scalar() for query in ISSUED_IDS[table]]
    highest = max((int(value) for value in issued if value is not None), default=None)
    if highest is not None:
        bind.execute(sa.text("DELETE FROM sqlite_sequence WHERE name = :table"), {'table': table})
        bind.execute(
            sa.text("INSERT INTO sqlite_sequence (name, seq) VALUES (:table, :seq)"),
            {'table': table, 'seq': highest},
        )


def _add_markers() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('calendar_changed_at', sa.DateTime(), nullable=True))
    with op.batch_alter_table('calendar_state', schema=None) as batch_op:
        batch_op.add_column(sa.Column('issued_at', sa.DateTime(), nullable=True))
    op.execute("UPDATE calendar_state SET issued_at = changed_at")


def _drop_markers() -> None:
    with op.batch_alter_table('calendar_state', schema=None) as batch_op:
        batch_op.drop_column('issued_at')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('calendar_changed_at')


def upgrade():
    _add_markers()
    if op.get_bind().dialect.name != 'sqlite':
        return
    for table in ISSUED_IDS:
        _recreate(table, autoincrement=True)
        _start_counter_past_issued_ids(table)


def downgrade():
    if op.get_bind().dialect.name == 'sqlite':
        for table in ISSUED_IDS:
            _recreate(table, autoincrement=False)
    _drop_markers()
