"""Recording changes. Every operation that edits shared data calls `record`."""

from datetime import date, datetime

from flask import has_request_context
from flask_login import current_user

from coordinator.audit.models import AuditEntry
from coordinator.extensions import db


def _plain(value):
    """JSON-safe form of a value for the log."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    return value


def diff(before: dict, after: dict) -> dict:
    """{field: [old, new]} for the fields whose value changed."""
    return {
        key: [_plain(before.get(key)), _plain(after.get(key))]
        for key in after
        if _plain(before.get(key)) != _plain(after.get(key))
    }


def _acting_user_id() -> int | None:
    if has_request_context() and current_user and current_user.is_authenticated:
        return current_user.id
    return None


def record(action: str, obj, summary: str = "", changes: dict | None = None) -> AuditEntry:
    entry = AuditEntry(
        user_id=_acting_user_id(),
        action=action,
        object_type=type(obj).__name__,
        object_id=str(getattr(obj, "id", "") or ""),
        summary=summary[:300],
        changes=changes or {},
    )
    db.session.add(entry)
    return entry
