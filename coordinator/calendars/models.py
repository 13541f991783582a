"""Calendar state: what people follow, the serialised-event cache of the feeds, and the change marker.

Calendar entries themselves are `Meeting`s (one calendar entity); nothing here duplicates them.
"""

import math
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, object_session, relationship
from sqlalchemy.orm import Session as OrmSession

from coordinator.db import UTCDateTime, utcnow
from coordinator.extensions import db
from coordinator.iscms.models import Iscm, Region, Theme
from coordinator.meetings.models import (
    AgendaRelease,
    Meeting,
    MeetingRole,
    Session,
    meeting_iscms,
    meeting_themes,
)


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
    """One row: when anything a feed shows last changed (an entry, a release, a role, a follow, the registry).

    Feeds take it as their Last-Modified and in their ETag, so it only ever moves forward, in whole
    seconds and by at least one second per change: HTTP dates have no fractions, and a second change
    within the same second must still be newer than what a client was given.
    """

    __tablename__ = "calendar_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class IcalFragment(db.Model):
    """One serialised VEVENT in one language, reused by every feed until its entry changes."""

    __tablename__ = "ical_fragments"

    uid: Mapped[str] = mapped_column(sa.String(255), primary_key=True)
    #: The feed language the text was written in (labels and descriptions are translated).
    language: Mapped[str] = mapped_column(sa.String(8), primary_key=True)
    #: Hash of (sequence, updated_at, base URL...) the text was built from.
    stamp: Mapped[str] = mapped_column(sa.String(64))
    body: Mapped[str] = mapped_column(sa.Text)


class RemovedSession(db.Model):
    """The UID of a deleted session, so feeds can still send the last release's copy of it as CANCELLED."""

    __tablename__ = "calendar_removed_sessions"

    #: The id the session had (release snapshots name sessions by id).
    session_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    uid: Mapped[str] = mapped_column(sa.String(255))


#: Rows a feed shows or is scoped by; sessions and agenda items reach feeds only through releases.
_FEED_MODELS = (Meeting, AgendaRelease, MeetingRole, Follow, Iscm, Theme, Region)
#: Registry texts that cached events carry: an ISCM's acronym (titles) and name, a theme's name (CATEGORIES).
_SHOWN_IN_EVENTS = (
    (Iscm, ("acronym", "name"), meeting_iscms.c.iscm_id),
    (Theme, ("name",), meeting_themes.c.theme_id),
)


def _changes_feeds(session: OrmSession) -> bool:
    if any(isinstance(obj, _FEED_MODELS) for obj in (*session.new, *session.deleted)):
        return True
    return any(isinstance(obj, _FEED_MODELS) and session.is_modified(obj) for obj in session.dirty)


def _next_marker(previous: datetime | None, now: datetime) -> datetime:
    whole = datetime.fromtimestamp(math.ceil(now.timestamp()), UTC)
    return max(whole, previous + timedelta(seconds=1)) if previous else whole


def mark_calendar_changed(connection) -> None:
    """Move the change marker forward; the row lock makes concurrent writers take one second each."""
    table = CalendarState.__table__
    previous = connection.execute(
        sa.select(table.c.changed_at).where(table.c.id == 1).with_for_update()
    ).scalar()
    if previous is None:
        connection.execute(table.insert().values(id=1, changed_at=_next_marker(None, utcnow())))
    else:
        connection.execute(
            table.update().where(table.c.id == 1).values(changed_at=_next_marker(previous, utcnow()))
        )


def _touch_meetings_of_renamed(connection, session: OrmSession) -> None:
    """Renaming an ISCM or a theme changes the text of its meetings' events: give them a new last change."""
    meetings = Meeting.__table__
    for model, names, link_column in _SHOWN_IN_EVENTS:
        ids = [
            obj.id
            for obj in session.dirty
            if isinstance(obj, model)
            and any(sa.inspect(obj).attrs[name].history.has_changes() for name in names)
        ]
        if ids:
            linked = sa.select(link_column.table.c.meeting_id).where(link_column.in_(ids))
            connection.execute(
                sa.update(meetings).where(meetings.c.id.in_(linked)).values(updated_at=utcnow())
            )


@sa.event.listens_for(OrmSession, "before_flush")
def _touch_meetings_with_new_links(session: OrmSession, flush_context, instances) -> None:
    """A meeting's ISCMs or themes live in link tables: touch the meeting so its feeds see the change."""
    for obj in session.dirty:
        if isinstance(obj, Meeting):
            state = sa.inspect(obj)
            if any(state.attrs[name].history.has_changes() for name in ("iscms", "themes")):
                obj.updated_at = utcnow()


@sa.event.listens_for(OrmSession, "after_flush")
def _after_flush(session: OrmSession, flush_context) -> None:
    """Touch the meetings of renamed ISCMs and themes; move the change marker once per transaction."""
    if not _changes_feeds(session):
        return
    connection = session.connection()
    _touch_meetings_of_renamed(connection, session)
    if not session.info.get("calendar_marked"):
        mark_calendar_changed(connection)
        session.info["calendar_marked"] = True


@sa.event.listens_for(OrmSession, "after_commit")
@sa.event.listens_for(OrmSession, "after_soft_rollback")
def _forget_mark(session: OrmSession, *args) -> None:
    session.info.pop("calendar_marked", None)


@sa.event.listens_for(Session, "after_delete")
def _remember_removed_session(mapper, connection, target: Session) -> None:
    """A deleted session's UID is kept, so the feeds can send its last released copy as CANCELLED
    (not when its whole meeting is deleted: nothing of it is left to send)."""
    if target.meeting is not None and target.meeting in object_session(target).deleted:
        return
    table = RemovedSession.__table__
    connection.execute(table.delete().where(table.c.session_id == target.id))
    connection.execute(
        table.insert().values(session_id=target.id, meeting_id=target.meeting_id, uid=target.uid)
    )


@sa.event.listens_for(Meeting, "after_delete")
def _forget_removed_sessions(mapper, connection, target: Meeting) -> None:
    """The foreign key cascades on PostgreSQL; SQLite does not enforce it, so the rows go here too."""
    table = RemovedSession.__table__
    connection.execute(table.delete().where(table.c.meeting_id == target.id))
