"""Finding audit entries: about given objects, or mentioning given texts."""

import json

import sqlalchemy as sa

from coordinator.audit.models import AuditEntry
from coordinator.extensions import db


def entries_about(object_type: str, object_ids) -> list[AuditEntry]:
    ids = [str(object_id) for object_id in object_ids]
    if not ids:
        return []
    query = sa.select(AuditEntry).where(AuditEntry.object_type == object_type, AuditEntry.object_id.in_(ids))
    return list(db.session.scalars(query))


def entries_mentioning(texts) -> list[AuditEntry]:
    """Entries whose summary or changes contain any of the texts. Changes are searched as stored JSON, where
    older entries escape letters outside ASCII ("\\u00f6") and newer ones keep them as they are."""
    conditions = []
    for text in (text for text in texts if text):
        conditions.append(AuditEntry.summary.contains(text, autoescape=True))
        for written in {json.dumps(text)[1:-1], json.dumps(text, ensure_ascii=False)[1:-1]}:
            conditions.append(sa.cast(AuditEntry.changes, sa.Text).contains(written, autoescape=True))
    if not conditions:
        return []
    return list(db.session.scalars(sa.select(AuditEntry).where(sa.or_(*conditions))))
