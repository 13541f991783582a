"""The iCal feeds: meetings and released sessions turned into VEVENTs, cached one by one, assembled per feed.

Each VEVENT's text is kept in `ical_fragments` under the entry's UID and the feed language, with a stamp
of what it was built from (SEQUENCE, last change, release, base URL); a feed re-serialises only entries
whose stamp moved, so one edit in a 10,000-event calendar costs one event per language, not 10,000.
Whole feeds are kept in the export store under a key of the calendar's change marker, one file per feed.

Sessions reach feeds only as the latest agenda release gives them (readers never see the organizers'
working copy); a session an earlier release held and the latest dropped stays, as CANCELLED.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app, request, url_for
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from coordinator.calendars.models import IcalFragment, RemovedSession
from coordinator.exporting.ical import (
    CalendarMeta,
    EventData,
    add_zone_years,
    assemble_calendar,
    serialize_event,
)
from coordinator.exporting.store import ExportStore, content_key
from coordinator.extensions import db
from coordinator.iscms.labels import theme_label
from coordinator.meetings.agenda import parse
from coordinator.meetings.labels import FORMAT_LABELS, INITIATIVE_LABELS, KIND_LABELS, LEVEL_LABELS
from coordinator.meetings.models import AgendaRelease, Meeting, Session

#: Raised whenever the text of a VEVENT changes shape, so every cached fragment is rebuilt.
FORMAT_VERSION = 2
_CHUNK = 500
#: Whole feeds kept on disk at most; the least recently written go first (one file per feed scope anyway).
MAX_FEED_FILES = 500


def feed_language() -> str:
    """The language a feed is written in: `?lang=` (the Subscribe box puts the reader's), else the default.

    Calendar applications send no useful Accept-Language, so a subscription reads the same whoever polls it.
    """
    languages = current_app.config["LANGUAGES"]
    asked = request.args.get("lang", "")
    return asked if asked in languages else current_app.config["BABEL_DEFAULT_LOCALE"]


def meeting_url(meeting_slug: str) -> str:
    return url_for("meetings.show", slug=meeting_slug, _external=True)


def agenda_url(meeting_slug: str) -> str:
    return url_for("meetings.agenda_page", slug=meeting_slug, _external=True)


def _stamp(base: str, uid: str, sequence: int, *changes) -> str:
    """What a cached event was built from; `base` is the site's address its links start with."""
    text = "|".join(str(part) for part in (FORMAT_VERSION, uid, sequence, base, *changes))
    return hashlib.sha1(text.encode()).hexdigest()


def _base() -> str:
    return url_for("core.home", _external=True)


# --- Meetings as events ---------------------------------------------------------------------------


def meeting_summary(meeting: Meeting) -> str:
    acronyms = ", ".join(iscm.acronym for iscm in meeting.iscms)
    title = (
        f"{acronyms}: {meeting.title}"
        if acronyms and not meeting.title.startswith(acronyms)
        else meeting.title
    )
    return f"{title} (×{meeting.count})" if meeting.count > 1 else title


def meeting_description(meeting: Meeting) -> str:
    facts = [
        str(labels[value])
        for labels, value in (
            (KIND_LABELS, meeting.kind),
            (LEVEL_LABELS, meeting.level),
            (FORMAT_LABELS, meeting.format),
        )
        if value in labels
    ]
    lines = [" · ".join(facts)] if facts else []
    if meeting.iscms:
        lines.append(_("ISCMs: %(names)s", names="; ".join(f"{i.name} ({i.acronym})" for i in meeting.iscms)))
    if meeting.organiser:
        lines.append(_("Organiser: %(name)s", name=meeting.organiser))
    if meeting.initiatives:
        lines.append(
            _(
                "Global initiatives: %(names)s",
                names="; ".join(str(INITIATIVE_LABELS.get(i, i)) for i in meeting.initiatives),
            )
        )
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
        categories=tuple(theme_label(theme) for theme in meeting.themes),
    )


# --- Released sessions as events ------------------------------------------------------------------

#: What a subscriber sees change in a session (RFC 5545 SEQUENCE): its time, title, place and status.
SESSION_FACTS = ("title", "starts_at", "ends_at", "room", "link", "status")


@dataclass(frozen=True)
class ReleasedSession:
    """A session as the latest release that held it gives it, with the SEQUENCE its release history earns."""

    data: dict
    sequence: int
    #: An earlier release held it and the latest does not: it is sent as CANCELLED.
    removed: bool


def _facts(session: dict) -> tuple:
    return tuple(session[name] for name in SESSION_FACTS)


def released_sessions(snapshots: list[dict]) -> dict[int, ReleasedSession]:
    """Every session the releases (oldest first) ever held, by id.

    SEQUENCE rises with each release that changes the session's time, title, place or status, that drops
    it, or that brings it back: a plain function of the releases, so every feed and request agrees.
    """
    state: dict[int, ReleasedSession] = {}
    for snapshot in snapshots:
        present = {session["id"]: session for session in snapshot["sessions"]}
        for session_id, known in state.items():
            if session_id not in present and not known.removed:
                state[session_id] = ReleasedSession(known.data, known.sequence + 1, True)
        for session_id, session in present.items():
            known = state.get(session_id)
            if known is None:
                state[session_id] = ReleasedSession(session, 0, False)
            else:
                changed = known.removed or _facts(known.data) != _facts(session)
                state[session_id] = ReleasedSession(session, known.sequence + changed, False)
    return state


@dataclass
class ReleasedAgenda:
    """What a feed shows of one meeting's agenda: its latest release and the sessions a reader may see."""

    meeting: Meeting
    release: AgendaRelease
    #: (UID, session) in the order of the agenda.
    sessions: list[tuple[str, ReleasedSession]]

    @property
    def zone(self) -> str:
        return self.release.snapshot.get("timezone") or self.meeting.timezone


def session_description(session: dict, zone: str) -> str:
    """The session's released agenda in the reference zone, one line per item."""
    tz = ZoneInfo(zone)
    lines = [session["objective"]] if session.get("objective") else []
    for item in session["items"]:
        start, end = parse(item["starts_at"]).astimezone(tz), parse(item["ends_at"]).astimezone(tz)
        people = ", ".join(person["name"] for person in item["people"])
        lines.append(f"{start:%H:%M}–{end:%H:%M} {item['title']}" + (f" — {people}" if people else ""))
    lines.append(_("Times in %(zone)s.", zone=zone))
    return "\n".join(lines)


def session_event(agenda: ReleasedAgenda, uid: str, released: ReleasedSession) -> EventData:
    meeting, session = agenda.meeting, released.data
    return EventData(
        uid=uid,
        summary=f"{meeting.number or meeting.title}: {session['title']}",
        start=parse(session["starts_at"]),
        end=parse(session["ends_at"]),
        stamp=max(agenda.release.released_at, meeting.updated_at),
        sequence=released.sequence + meeting.sequence,
        timezone=agenda.zone,
        cancelled=released.removed or session["status"] == "cancelled" or meeting.is_cancelled,
        description=session_description(session, agenda.zone),
        location=session.get("room") or session.get("link") or meeting_location(meeting),
        url=agenda_url(meeting.slug),
        categories=tuple(theme_label(theme) for theme in meeting.themes),
    )


def _session_uids(agendas: dict[int, dict[int, ReleasedSession]]) -> dict[int, str]:
    """Session id -> UID: from the session while it exists, else from what its deletion left behind."""
    ids = [session_id for sessions in agendas.values() for session_id in sessions]
    uids: dict[int, str] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        for model, id_column in ((RemovedSession, RemovedSession.session_id), (Session, Session.id)):
            uids.update(db.session.execute(sa.select(id_column, model.uid).where(id_column.in_(chunk))).all())
    return uids


def _releases(meeting_ids) -> dict[int, list[AgendaRelease]]:
    """Every release of the meetings given, oldest first, by meeting."""
    releases: dict[int, list[AgendaRelease]] = {}
    for release in db.session.scalars(
        sa.select(AgendaRelease)
        .where(AgendaRelease.meeting_id.in_(list(meeting_ids)))
        .order_by(AgendaRelease.meeting_id, AgendaRelease.number)
    ):
        releases.setdefault(release.meeting_id, []).append(release)
    return releases


def released_agendas(session_access: dict[int, set[int] | None]) -> list[ReleasedAgenda]:
    """The released agendas of the meetings given, each cut to the sessions allowed (None: all of them).

    Meetings without a release, or without an allowed session in it, are left out (they are shown by
    their own event).
    """
    releases = _releases(session_access) if session_access else {}
    histories = {
        meeting_id: {
            sid: s
            for sid, s in released_sessions([r.snapshot for r in versions]).items()
            if session_access[meeting_id] is None or sid in session_access[meeting_id]
        }
        for meeting_id, versions in releases.items()
    }
    uids = _session_uids(histories)
    meetings = (
        {
            meeting.id: meeting
            for meeting in db.session.scalars(
                sa.select(Meeting)
                .where(Meeting.id.in_(list(histories)))
                .options(selectinload(Meeting.iscms), selectinload(Meeting.themes))
            )
        }
        if histories
        else {}
    )
    agendas = []
    for meeting_id, history in histories.items():
        sessions = sorted(
            ((uids[sid], s) for sid, s in history.items() if sid in uids),
            key=lambda pair: (pair[1].data["starts_at"], pair[1].data["id"]),
        )
        if sessions:
            agendas.append(ReleasedAgenda(meetings[meeting_id], releases[meeting_id][-1], sessions))
    return agendas


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


def _save_fragments(built: dict[str, tuple[str, str]], language: str) -> None:
    """Replace the cached texts; a concurrent request that saved the same ones first is not an error."""
    uids = list(built)
    try:
        with db.session.begin_nested():
            for start in range(0, len(uids), _CHUNK):
                chunk = uids[start : start + _CHUNK]
                db.session.execute(
                    sa.delete(IcalFragment).where(
                        IcalFragment.uid.in_(chunk), IcalFragment.language == language
                    )
                )
                db.session.execute(
                    sa.insert(IcalFragment),
                    [
                        {"uid": uid, "language": language, "stamp": built[uid][0], "body": built[uid][1]}
                        for uid in chunk
                    ],
                )
    except IntegrityError:
        pass


def meeting_fragments(
    meeting_clause, language: str, order=(Meeting.start_date, Meeting.starts_at, Meeting.id)
) -> Fragments:
    """VEVENTs of the meetings matching a clause, from the cache where their stamp still holds."""
    rows = db.session.execute(
        sa.select(
            Meeting.id,
            Meeting.uid,
            Meeting.sequence,
            Meeting.updated_at,
            Meeting.all_day,
            Meeting.timezone,
            Meeting.starts_at,
            Meeting.ends_at,
            IcalFragment.stamp,
            IcalFragment.body,
        )
        .outerjoin(IcalFragment, sa.and_(IcalFragment.uid == Meeting.uid, IcalFragment.language == language))
        .where(meeting_clause)
        .order_by(*order)
    ).all()
    base = _base()
    stamps = {row.id: _stamp(base, row.uid, row.sequence, row.updated_at) for row in rows}
    stale = [row.id for row in rows if row.stamp != stamps[row.id]]
    built = _build_meetings(stale, stamps, language)
    fragments = Fragments([], {})
    for row in rows:
        text = built[row.uid][1] if row.uid in built else row.body
        timed = not row.all_day and row.starts_at is not None
        fragments.add(text, row.timezone if timed else None, row.starts_at if timed else None, row.ends_at)
    return fragments


def _build_meetings(ids: list[int], stamps: dict[int, str], language: str) -> dict[str, tuple[str, str]]:
    built = {}
    for start in range(0, len(ids), _CHUNK):
        meetings = db.session.scalars(
            sa.select(Meeting)
            .where(Meeting.id.in_(ids[start : start + _CHUNK]))
            .options(selectinload(Meeting.iscms), selectinload(Meeting.themes))
        )
        for meeting in meetings:
            built[meeting.uid] = (stamps[meeting.id], serialize_event(meeting_event(meeting)))
    if built:
        _save_fragments(built, language)
    return built


def session_fragments(agendas: list[ReleasedAgenda], fragments: Fragments, language: str) -> None:
    """Append the VEVENTs of released sessions to a feed's fragments, from the cache where it holds."""
    uids = [uid for agenda in agendas for uid, _session in agenda.sessions]
    cached = {}
    for start in range(0, len(uids), _CHUNK):
        cached.update(
            {
                row.uid: row
                for row in db.session.execute(
                    sa.select(IcalFragment.uid, IcalFragment.stamp, IcalFragment.body).where(
                        IcalFragment.uid.in_(uids[start : start + _CHUNK]), IcalFragment.language == language
                    )
                )
            }
        )
    built, base = {}, _base()
    for agenda in agendas:
        for uid, released in agenda.sessions:
            stamp = _stamp(
                base,
                uid,
                released.sequence,
                agenda.release.id,
                agenda.meeting.updated_at,
                agenda.meeting.sequence,
                released.removed,
            )
            stored = cached.get(uid)
            if stored is not None and stored.stamp == stamp:
                text = stored.body
            else:
                text = serialize_event(session_event(agenda, uid, released))
                built[uid] = (stamp, text)
            fragments.add(
                text, agenda.zone, parse(released.data["starts_at"]), parse(released.data["ends_at"])
            )
    if built:
        _save_fragments(built, language)


def feed_fragments(meeting_clause, session_access: dict[int, set[int] | None], language: str) -> Fragments:
    """The released sessions of the meetings in `session_access` (all, or the ids allowed), and one event for
    every other dated meeting of the clause (no release yet, or no session the reader may see)."""
    agendas = released_agendas(session_access)
    with_sessions = [agenda.meeting.id for agenda in agendas]
    fragments = meeting_fragments(
        sa.and_(meeting_clause, Meeting.id.not_in(with_sessions), Meeting.start_date.is_not(None)), language
    )
    session_fragments(agendas, fragments, language)
    return fragments


# --- Whole feeds ----------------------------------------------------------------------------------


def scope_key(kind: str, scope, language: str) -> str:
    """Which feed this is, whatever its version: one file is kept per scope."""
    return content_key(FORMAT_VERSION, kind, scope, _base(), language)


def version_key(scope: str, marker: datetime, *extra) -> str:
    """The ETag of a feed: its scope at the calendar's change marker (and whatever else its body shows)."""
    return content_key(scope, marker.isoformat(), *extra)


def cached_feed(scope: str, version: str, build) -> bytes:
    """The feed from the export store; when new, built and stored, the scope's older versions removed.

    A file removed between finding and reading it (a newer version of its scope was just stored) is
    built again for this request.
    """
    store = ExportStore.current()
    name = f"{scope}-{version}"

    def build_in_room() -> bytes:
        store.keep_latest("ical", "ics", name, f"{scope}-", MAX_FEED_FILES)
        return build()

    try:
        return store.get_or_build("ical", name, "ics", build_in_room).read_bytes()
    except FileNotFoundError:
        return build()


def assemble(meta: CalendarMeta, fragments: Fragments) -> bytes:
    return assemble_calendar(meta, fragments.zones, fragments.texts)
