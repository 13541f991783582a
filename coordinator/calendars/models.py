"""Calendar state: what people follow, the serialised-event cache of the feeds, and the change marker.

Calendar entries themselves are `Meeting`s (one calendar entity); nothing here duplicates them.
"""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.orm import Session as OrmSession

from coordinator.db import UTCDateTime, utcnow
from coordinator.extensions import db


class Follow(db.Model):
    """A user follows an ISCM or a theme: their meetings go into the user's personal feed."""

    __tablename__ = "calendar_follows"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    iscm_id: Mapped[int | None] = mapped_column(sa.ForeignKey("iscms.id", ondelete="CASCADE"))
    theme_id: Mapped[int | None] = mapped_column(sa.ForeignKey("themes.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    iscm = relationship("Iscm")
    theme = relationship("Theme")

    __table_args__ = (
        sa.CheckConstraint("(iscm_id IS NULL) <> (theme_id IS NULL)", name="one_target"),
        sa.UniqueConstraint("user_id", "iscm_id", name="uq_calendar_follows_user_iscm"),
        sa.UniqueConstraint("user_id", "theme_id", name="uq_calendar_follows_user_theme"),
    )


class CalendarState(db.Model):
    """One row: when an entry last left the calendar (deleted, hidden, unlinked from an ISCM or theme).

    max(updated_at) of the entries in a feed cannot see an entry that is gone, so Last-Modified and
    ETags also take this stamp; it only ever moves forward.
    """

    __tablename__ = "calendar_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class IcalFragment(db.Model):
    """One serialised VEVENT, reused by every feed until its entry changes (the stamp says which version)."""

    __tablename__ = "ical_fragments"

    uid: Mapped[str] = mapped_column(sa.String(255), primary_key=True)
    #: Hash of (sequence, updated_at, base URL...) the text was built from.
    stamp: Mapped[str] = mapped_column(sa.String(64))
    body: Mapped[str] = mapped_column(sa.Text)


#: Changes after which an entry may have left a feed without a newer updated_at left behind.
_SCOPE_ATTRIBUTES = ("visibility", "status", "iscms", "themes")


def _left_some_scope(session: OrmSession) -> bool:
    from coordinator.meetings.models import AgendaItem, Meeting, MeetingRole, Session

    if any(isinstance(obj, Meeting | Session | AgendaItem | MeetingRole) for obj in session.deleted):
        return True
    for obj in session.dirty:
        if isinstance(obj, Meeting):
            state = sa.inspect(obj)
            if any(state.attrs[name].history.has_changes() for name in _SCOPE_ATTRIBUTES):
                return True
    return False


def mark_calendar_changed(connection) -> None:
    now = utcnow()
    table = CalendarState.__table__
    if connection.execute(table.update().where(table.c.id == 1).values(changed_at=now)).rowcount == 0:
        connection.execute(table.insert().values(id=1, changed_at=now))


@sa.event.listens_for(OrmSession, "before_flush")
def _touch_meetings_with_new_links(session: OrmSession, flush_context, instances) -> None:
    """A meeting's ISCMs or themes live in link tables: touch the meeting so its feeds see the change."""
    from coordinator.meetings.models import Meeting

    for obj in session.dirty:
        if isinstance(obj, Meeting):
            state = sa.inspect(obj)
            if any(state.attrs[name].history.has_changes() for name in ("iscms", "themes")):
                obj.updated_at = utcnow()


@sa.event.listens_for(OrmSession, "after_flush")
def _bump_calendar_state(session: OrmSession, flush_context) -> None:
    if _left_some_scope(session):
        mark_calendar_changed(session.connection())
