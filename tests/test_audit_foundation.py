"""The audit log: entries are found by the texts they mention, however they were stored."""

import json
from datetime import UTC, datetime

import sqlalchemy as sa

from coordinator.audit.models import AuditEntry
from coordinator.audit.operations import record
from coordinator.audit.queries import entries_mentioning
from coordinator.auth.models import User
from coordinator.extensions import db
from coordinator.iscms.models import Iscm


def insert_raw_entry(summary: str, changes_json: str) -> None:
    """An entry as an older version wrote it, its JSON with letters outside ASCII escaped."""
    value = "CAST(:changes AS JSON)" if db.engine.dialect.name == "postgresql" else ":changes"
    db.session.execute(
        sa.text(
            f"INSERT INTO audit_entries (at, action, object_type, summary, changes) "
            f"VALUES (:at, 'iscm.update', 'Iscm', :summary, {value})"
        ),
        {"at": "2020-01-01 00:00:00", "summary": summary, "changes": changes_json},
    )


def test_entries_are_found_by_a_name_in_old_and_new_changes(app):
    with app.app_context():
        insert_raw_entry("old", json.dumps({"name": ["Åsa Öberg", None]}))
        record("iscm.update", Iscm(id=1), "new", {"name": ["Åsa Öberg", "Åsa Berg"]})
        record("iscm.update", Iscm(id=2), "other", {"name": ["Wen Li", None]})
        db.session.commit()
        stored = db.session.scalars(
            sa.select(sa.cast(AuditEntry.changes, sa.Text)).order_by(AuditEntry.id)
        ).all()
        assert "\\u00c5sa" in stored[0] and "Åsa Öberg" in stored[1]
        assert sorted(entry.summary for entry in entries_mentioning(["Åsa Öberg"])) == ["new", "old"]


def test_the_log_gives_times_in_the_readers_zone_and_language(app, client, auth, make_user):
    admin = make_user("admin")
    with app.app_context():
        user = db.session.get(User, admin.id)
        user.locale, user.timezone = "fr", "Asia/Manila"
        entry = record("iscm.update", Iscm(id=1), "Edited RCM", {})
        entry.at = datetime(2024, 3, 1, 12, 5, tzinfo=UTC)
        db.session.commit()
    auth.login(admin)
    page = client.get("/audit").get_data(as_text=True)
    assert "(Asia/Manila)</th>" in page
    assert '<time datetime="2024-03-01T12:05:00+00:00">1 mars 2024, 20:05:00</time>' in page
