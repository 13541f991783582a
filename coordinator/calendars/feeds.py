"""The iCal feeds: meetings and sessions turned into VEVENTs, cached one by one, assembled per feed.

Each VEVENT's text is kept in `ical_fragments` under the entry's UID with a stamp of what it was built
from (SEQUENCE, last change, base URL, language); a feed re-serialises only entries whose stamp moved, so
one edit in a 10,000-event calendar costs one event, not 10,000. Whole feeds are kept in the export
store under a key of their scope's change marker, so an unchanged feed is read from disk.
"""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from coordinator.calendars.models import IcalFragment
from coordinator.exporting.ical import (
    CalendarMeta,
    EventData,
    add_zone_years,
    assemble_calendar,
    serialize_event,
)
from coordinator.exporting.store import ExportStore, content_key
from coordinator.extensions import db
from coordinator.meetings.labels import FORMAT_LABELS, INITIATIVE_LABELS, KIND_LABELS, LEVEL_LABELS
from coordinator.meetings.models import AgendaItem, ItemPerson, Meeting, Session

#: Raised whenever the text of a VEVENT changes shape, so every cached fragment is rebuilt.
FORMAT_VERSION = 1
_CHUNK = 500


def meeting_url(meeting_slug: str) -> str:
    return url_for("meetings.show", slug=meeting_slug, _external=True) if _has_endpoint("meetings.show") else (
        url_for("core.home", _external=True).rstrip("/") + f"/meetings/{meeting_slug}"
    )


def agenda_url(meeting_slug: str) -> str:
    return meeting_url(meeting_slug) + "/agenda"


def _has_endpoint(name: str) -> bool:
    from flask import current_app

    return name in current_app.view_functions


def _stamp(uid: str, sequence: int, *changes) -> str:
    base = url_for("core.home", _external=True)
    text = "|".join(str(part) for part in (FORMAT_VERSION, uid, sequence, base, get_locale(), *changes))
    return hashlib.sha1(text.encode()).hexdigest()


# --- Meetings as events ---------------------------------------------------------------------------


def meeting_summary(meeting: Meeting) -> str:
    acronyms = ", ".join(iscm.acronym for iscm in meeting.iscms)
    title = f"{acronyms}: {meeting.title}" if acronyms and not meeting.title.startswith(acronyms) else meeting.title
    return f"{title} (×{meeting.count})" if meeting.count > 1 else title


def meeting_description(meeting: Meeting) -> str:
    facts = [str(labels[value]) for labels, value in (
        (KIND_LABELS, meeting.kind), (LEVEL_LABELS, meeting.level), (FORMAT_LABELS, meeting.format),
    ) if value in labels]
    lines = [" · ".join(facts)] if facts else []
    if meeting.iscms:
        lines.append(_("ISCMs: %(names)s", names="; ".join(f"{i.name} ({i.acronym})" for i in meeting.iscms)))
    if meeting.organiser:
        lines.append(_("Organiser: %(name)s", name=meeting.organiser))
    if meeting.initiatives:
        lines.append(_("Global initiatives: %(names)s", names="; ".join(str(INITIATIVE_LABELS.get(i, i)) for i in meeting.initiatives)))
    if meeting.outcome_documents:
        lines.append(_("Outcome documents: %(names)s", names="; ".join(meeting.outcome_documents)))
    if meeting.description:
        lines.extend(("", meeting.description))
    return "\n".join(lines)


def meeting_location(meeting: Meeting) -> str:
    return ", ".join(part for part in (meeting.venue, meeting.place) if part) or (
        str(FORMAT_LABELS["online"]) if meeting.format == "online" else ""
    )


def meeting_event(meeting: Meeting) -> EventData:
    timed = not meeting.all_day and meeting.starts_at is not None
    return EventData(
        uid=meeting.uid,
        summary=meeting_summary(meeting),
        start=meeting.starts_at if timed else meeting.start_date,
        end=(meeting.ends_at or meeting.starts_at) if timed else (meeting.end_date or meeting.start_date),
        stamp=meeting.updated_at,
        sequence=meeting.sequence,
        timezone=meeting.timezone,
        cancelled=meeting.is_cancelled,
        description=meeting_description(meeting),
        location=meeting_location(meeting),
        url=meeting_url(meeting.slug),
        categories=tuple(theme.name for theme in meeting.themes),
    )


# --- Sessions as events ---------------------------------------------------------------------------


def _people(item: AgendaItem) -> str:
    return ", ".join(link.person.name_with_honorific for link in item.people)


def session_description(session: Session) -> str:
    """The session's agenda in the meeting's reference zone, one line per item."""
    tz = ZoneInfo(session.meeting.timezone)
    lines = [session.objective] if session.objective else []
    for item in session.items:
        start, end = item.starts_at.astimezone(tz), item.ends_at.astimezone(tz)
        people = _people(item)
        lines.append(f"{start:%H:%M}–{end:%H:%M} {item.title}" + (f" — {people}" if people else ""))
    lines.append(_("Times in %(zone)s.", zone=session.meeting.timezone))
    return "\n".join(lines)


def session_stamp(session: Session) -> str:
    items = [(item.id, item.updated_at) for item in session.items]
    return _stamp(session.uid, session.sequence, session.updated_at, session.meeting.updated_at, session.meeting.status, items)


def session_event(session: Session) -> EventData:
    meeting = session.meeting
    return EventData(
        uid=session.uid,
        summary=f"{meeting.number or meeting.title}: {session.title}",
        start=session.starts_at,
        end=session.ends_at,
        stamp=max([session.updated_at, meeting.updated_at, *(item.updated_at for item in session.items)]),
        sequence=session.sequence,
        timezone=meeting.timezone,
        cancelled=session.status == "cancelled" or meeting.is_cancelled,
        description=session_description(session),
        location=session.room or session.link or meeting_location(meeting),
        url=agenda_url(meeting.slug),
        categories=tuple(theme.name for theme in meeting.themes),
    )


# --- Fragments ------------------------------------------------------------------------------------


@dataclass
class Fragments:
    """Serialised VEVENTs in feed order and the zones (with years) their times use."""

    texts: list[str]
    zones: dict[str, tuple[int, int]]

    def add(self, text: str, zone: str | None, start: datetime | None, end: datetime | None) -> None:
        self.texts.append(text)
        if zone and start:
            tz = ZoneInfo(zone)
            add_zone_years(self.zones, zone, start.astimezone(tz).year, (end or start).astimezone(tz).year)


def _save_fragments(built: dict[str, tuple[str, str]]) -> None:
    """Replace the cached texts; a concurrent request that saved the same ones first is not an error."""
    uids = list(built)
    try:
        with db.session.begin_nested():
            for start in range(0, len(uids), _CHUNK):
                chunk = uids[start:start + _CHUNK]
                db.session.execute(sa.delete(IcalFragment).where(IcalFragment.uid.in_(chunk)))
                db.session.execute(
                    sa.insert(IcalFragment), [{"uid": uid, "stamp": built[uid][0], "body": built[uid][1]} for uid in chunk]
                )
    except IntegrityError:
        pass


def meeting_fragments(meeting_clause, order=(Meeting.start_date, Meeting.starts_at, Meeting.id)) -> Fragments:
    """VEVENTs of the meetings matching a clause, from the cache where their stamp still holds."""
    rows = db.session.execute(
        sa.select(Meeting.id, Meeting.uid, Meeting.sequence, Meeting.updated_at, Meeting.all_day, Meeting.timezone,
                  Meeting.starts_at, Meeting.ends_at, IcalFragment.stamp, IcalFragment.body)
        .outerjoin(IcalFragment, IcalFragment.uid == Meeting.uid)
        .where(meeting_clause)
        .order_by(*order)
    ).all()
    stamps = {row.id: _stamp(row.uid, row.sequence, row.updated_at) for row in rows}
    stale = [row.id for row in rows if row.stamp != stamps[row.id]]
    built = _build_meetings(stale, stamps)
    fragments = Fragments([], {})
    for row in rows:
        text = built[row.uid][1] if row.uid in built else row.body
        timed = not row.all_day and row.starts_at is not None
        fragments.add(text, row.timezone if timed else None, row.starts_at if timed else None, row.ends_at)
    return fragments


def _build_meetings(ids: list[int], stamps: dict[int, str]) -> dict[str, tuple[str, str]]:
    built = {}
    for start in range(0, len(ids), _CHUNK):
        meetings = db.session.scalars(
            sa.select(Meeting).where(Meeting.id.in_(ids[start:start + _CHUNK]))
            .options(selectinload(Meeting.iscms), selectinload(Meeting.themes))
        )
        for meeting in meetings:
            built[meeting.uid] = (stamps[meeting.id], serialize_event(meeting_event(meeting)))
    if built:
        _save_fragments(built)
    return built


def session_fragments(sessions: Iterable[Session], fragments: Fragments) -> None:
    """Append the VEVENTs of sessions (already loaded with their items) to a feed's fragments."""
    sessions = list(sessions)
    cached = {row.uid: row for row in db.session.execute(
        sa.select(IcalFragment.uid, IcalFragment.stamp, IcalFragment.body)
        .where(IcalFragment.uid.in_([s.uid for s in sessions]))
    )} if sessions else {}
    built = {}
    for session in sessions:
        stamp = session_stamp(session)
        stored = cached.get(session.uid)
        if stored is not None and stored.stamp == stamp:
            text = stored.body
        else:
            text = serialize_event(session_event(session))
            built[session.uid] = (stamp, text)
        fragments.add(text, session.meeting.timezone, session.starts_at, session.ends_at)
    if built:
        _save_fragments(built)


def load_sessions(meeting_ids: Iterable[int]) -> list[Session]:
    ids = list(meeting_ids)
    if not ids:
        return []
    return list(db.session.scalars(
        sa.select(Session).where(Session.meeting_id.in_(ids))
        .options(
            selectinload(Session.meeting).selectinload(Meeting.themes),
            selectinload(Session.items).selectinload(AgendaItem.people).selectinload(ItemPerson.person),
        )
        .order_by(Session.starts_at, Session.position, Session.id)
    ))


# --- Whole feeds ----------------------------------------------------------------------------------


def feed_key(kind: str, scope, marker) -> str:
    return content_key(FORMAT_VERSION, kind, scope, marker, url_for("core.home", _external=True), str(get_locale()))


def cached_feed(key: str, build) -> bytes:
    """The feed from the export store, built and stored first if this version was never served."""
    return ExportStore.current().get_or_build("ical", key, "ics", build).read_bytes()


def assemble(meta: CalendarMeta, fragments: Fragments) -> bytes:
    return assemble_calendar(meta, fragments.zones, fragments.texts)

