"""Giving and reading notices."""

import sqlalchemy as sa

from coordinator.db import utcnow
from coordinator.extensions import db
from coordinator.notices.mail import mail_configured, send_mail
from coordinator.notices.models import Notice


def give_notice(user, subject: str, body: str, url: str | None = None, meeting=None) -> Notice:
    """A notice in the app; by e-mail as well when SMTP is configured."""
    notice = Notice(user_id=user.id, meeting=meeting, subject=subject[:300], body=body, url=url)
    db.session.add(notice)
    if mail_configured() and send_mail(user.email, subject, f"{body}\n\n{url or ''}".strip()):
        notice.emailed_at = utcnow()
    db.session.flush()
    return notice


def unread_count(user) -> int:
    return db.session.scalar(
        sa.select(sa.func.count(Notice.id)).where(Notice.user_id == user.id, Notice.read_at.is_(None))
    )


def notices_of(user, limit: int = 100) -> list[Notice]:
    return list(
        db.session.scalars(
            sa.select(Notice)
            .where(Notice.user_id == user.id)
            .order_by(Notice.created_at.desc(), Notice.id.desc())
            .limit(limit)
        )
    )


def mark_all_read(user) -> None:
    db.session.execute(
        sa.update(Notice).where(Notice.user_id == user.id, Notice.read_at.is_(None)).values(read_at=utcnow())
    )
