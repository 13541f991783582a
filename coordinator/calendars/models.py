"""Calendar state: what people follow, the serialised-event cache of the feeds, and the change marker.

Calendar entries themselves are `Meeting`s (one calendar entity); nothing here duplicates them.
"""

import math
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, object_session, relationship
from sqlalchemy.orm import Session as OrmSession

from coordinator.auth.models import User
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
    """One row: when anything every feed may show last changed (an entry, a release, the registry).

    Feeds take it as their Last-Modified and in their ETag, so it only ever moves forward, in whole
    seconds and by at least one second per change: HTTP dates have no fractions, and a second change
    within the same second must still be newer than what a client was given. A follow or a role changes
    one user's personal feed only: it moves that user's own marker (`User.calendar_changed_at`) instead.
    """

    __tablename__ = "calendar_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: The latest marker handed out, to every feed or to one user's; the next comes after it, so the later
    #: of the global and a user's own marker (the personal feed's) moves on every change of either kind.
    issued_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


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


#: Rows every feed may show or be scoped by; sessions and agenda items reach feeds only through releases.
_FEED_MODELS = (Meeting, AgendaRelease, Iscm, Theme, Region)
#: Registry texts that cached events carry: an ISCM's acronym (titles) and name, a theme's name (CATEGORIES).
_SHOWN_IN_EVENTS = (
    (Iscm, ("acronym", "name"), meeting_iscms.c.iscm_id),
    (Theme, ("name",), meeting_themes.c.theme_id),
)


@dataclass
class _Changes:
    """What the transaction's flushes changed, for the markers to move at commit."""

    everyone: bool = False
    users: set[int] = field(default_factory=set)


def _changes(session: OrmSession) -> _Changes:
    return session.info.setdefault("calendar_changes", _Changes())


def _changes_feeds(session: OrmSession) -> bool:
    if any(isinstance(obj, _FEED_MODELS) for obj in (*session.new, *session.deleted)):
        return True
    return any(isinstance(obj, _FEED_MODELS) and session.is_modified(obj) for obj in session.dirty)


def _next_marker(previous: datetime | None, now: datetime) -> datetime:
    whole = datetime.fromtimestamp(math.ceil(now.timestamp()), UTC)
    return max(whole, previous + timedelta(seconds=1)) if previous else whole


def mark_calendar_changed(connection, everyone: bool = True, user_ids=()) -> None:
    """Hand out the next marker to every feed and/or to these users' personal feeds.

    The row lock makes concurrent writers take one second each, one after the other.
    """
    state = CalendarState.__table__
    row = connection.execute(
        sa.select(state.c.changed_at, state.c.issued_at).where(state.c.id == 1).with_for_update()
    ).first()
    marker = _next_marker(max(filter(None, row)) if row else None, utcnow())
    if row is None:
        connection.execute(state.insert().values(id=1, changed_at=marker, issued_at=marker))
    else:
        moved = {"issued_at": marker, **({"changed_at": marker} if everyone else {})}
        connection.execute(state.update().where(state.c.id == 1).values(**moved))
    if user_ids:
        users = User.__table__
        connection.execute(
            users.update().where(users.c.id.in_(sorted(user_ids))).values(calendar_changed_at=marker)
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
    """Touch the meetings of renamed ISCMs and themes; note that every feed changed."""
    if _changes_feeds(session):
        _touch_meetings_of_renamed(session.connection(), session)
        _changes(session).everyone = True


@sa.event.listens_for(Follow, "after_insert")
@sa.event.listens_for(Follow, "after_update")
@sa.event.listens_for(Follow, "after_delete")
@sa.event.listens_for(MeetingRole, "after_insert")
@sa.event.listens_for(MeetingRole, "after_update")
@sa.event.listens_for(MeetingRole, "after_delete")
def _note_personal_change(mapper, connection, target) -> None:
    """A follow or a role written (also one removed from a collection, which the session's lists miss):
    its user's personal feed changed (and the previous user's, should it move to another)."""
    users = sa.inspect(target).attrs.user_id.history.sum()
    _changes(object_session(target)).users.update(user for user in users if user is not None)


@sa.event.listens_for(OrmSession, "before_commit")
def _move_markers(session: OrmSession) -> None:
    """The markers move once, at commit, after a last flush: the row lock is held only while committing
    (taken at the first flush, two transactions that flush several times could deadlock on PostgreSQL)."""
    if session.in_nested_transaction():
        return
    session.flush()
    changes = session.info.pop("calendar_changes", None)
    if changes and (changes.everyone or changes.users):
        mark_calendar_changed(session.connection(), changes.everyone, changes.users)


@sa.event.listens_for(OrmSession, "after_transaction_end")
def _forget_changes(session: OrmSession, transaction) -> None:
    """A rolled back (or closed) transaction changed nothing; a savepoint's end is not the transaction's."""
    if transaction.parent is None:
        session.info.pop("calendar_changes", None)


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
