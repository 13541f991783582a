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


#: What stands in the log where erased personal data stood.
ERASED = "[erased]"


def _without(value, texts: list[str]):
    if isinstance(value, str):
        for text in texts:
            value = value.replace(text, ERASED)
        return value
    if isinstance(value, list):
        return [_without(item, texts) for item in value]
    if isinstance(value, dict):
        return {key: _without(item, texts) for key, item in value.items()}
    return value


def _blanked(value):
    if isinstance(value, list):
        return [None if item is None else ERASED for item in value]
    return None if value is None else ERASED


def redact(entries: list[AuditEntry], texts, fields=()) -> None:
    """Take personal data out of past entries, which themselves stay: every occurrence of `texts` in
    summaries and changes, and the values of `fields` in changes (a name the person once had, say)."""
    texts = sorted({text for text in texts if text}, key=len, reverse=True)
    for entry in entries:
        changes = {
            key: _blanked(value) if key in fields else value for key, value in (entry.changes or {}).items()
        }
        entry.changes = _without(changes, texts)
        entry.summary = _without(entry.summary, texts)[:300]
