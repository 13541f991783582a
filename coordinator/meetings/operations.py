"""Every change to meetings, sessions, agenda items and releases. Operations flush; views commit.

Each change is recorded in the audit log. iCal SEQUENCE rises whenever the time, title or place of
a session (or the dates, title or place of the meeting) changes: calendar feeds rely on it.
"""

import hashlib
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _

from coordinator.audit.operations import diff, record
from coordinator.core.concurrency import check_version
from coordinator.core.slugs import slugify, unique_slug
from coordinator.core.timezones import utc_to_local
from coordinator.exporting.store import ExportStore
from coordinator.extensions import db
from coordinator.iscms.models import Iscm, Theme
from coordinator.meetings import agenda, releases
from coordinator.meetings.models import (
    APPEARANCE_FIELDS,
    AgendaItem,
    AgendaRelease,
    ItemPerson,
    Material,
    Meeting,
    MeetingRole,
    Session,
)

MEETING_FIELDS = (
    "title",
    "number",
    "subtitle",
    "organiser",
    "kind",
    "level",
    "format",
    "all_day",
    "start_date",
    "end_date",
    "starts_at",
    "ends_at",
    "month",
    "dates_text",
    "count",
    "year",
    "timezone",
    "place",
    "venue",
    "platform",
    "link",
    "website",
    "languages",
    "interpretation",
    "visibility",
    "status",
    "description",
    "objectives",
    "guiding_questions",
    "initiatives",
    "outcome_documents",
    "source",
)
#: The meetings' own fixed addresses under /meetings/ (views.py): no meeting may take one as its slug.
RESERVED_SLUGS = frozenset({"new"})
REQUIRED_MEETING_TEXT = ("title", "timezone", "visibility", "status", "description", "objectives")
#: Meeting fields an iCal subscriber sees change (RFC 5545 SEQUENCE): its time, title, place or status.
MEETING_SEQUENCE_FIELDS = (
    "title",
    "all_day",
    "start_date",
    "end_date",
    "starts_at",
    "ends_at",
    "timezone",
    "place",
    "venue",
    "platform",
    "link",
    "status",
)
SESSION_FIELDS = (
    "title",
    "kind",
    "starts_at",
    "ends_at",
    "audience",
    "interpretation",
    "objective",
    "guiding_questions",
    "room",
    "link",
    "track",
    "status",
)
SESSION_SEQUENCE_FIELDS = ("title", "starts_at", "ends_at", "room", "link", "status")
ITEM_FIELDS = ("kind", "title", "description", "starts_at", "ends_at")


class AgendaError(ValueError):
    """Input refused; `field` names the form field the message belongs to."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def _values(obj, fields) -> dict:
    return {name: getattr(obj, name) for name in fields}


def _clean(value):
    if isinstance(value, str):
        return value.strip() or None
    return value


def _iscms(slugs) -> list[Iscm]:
    if not slugs:
        return []
    return list(db.session.scalars(sa.select(Iscm).where(Iscm.slug.in_(list(slugs))).order_by(Iscm.acronym)))


# Meetings ---------------------------------------------------------------------------------------


def _check_meeting_dates(values: dict) -> None:
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and end < start:
        raise AgendaError("end_date", _("The meeting cannot end before it starts."))
    starts_at, ends_at = values.get("starts_at"), values.get("ends_at")
    if starts_at and ends_at and ends_at < starts_at:
        raise AgendaError("end_time", _("The meeting cannot end before it starts."))


def entry_slug(year: int | None, iscm_slugs: list[str], title: str, day: date | None) -> str:
    """Stable slug from year, ISCMs, title and date, so re-seeding or re-importing finds the same entry."""
    parts = [str(year or ""), "-".join(iscm_slugs[:2]), title, day.isoformat() if day else ""]
    return slugify(" ".join(part for part in parts if part))[:120].strip("-") or "meeting"


def _new_slug(values: dict) -> str:
    """A series number makes the slug (GRCP 10 -> grcp-10); otherwise year, ISCMs, title and first day."""
    if values.get("number"):
        return unique_slug(Meeting, slugify(values["number"])[:100] or "meeting", RESERVED_SLUGS)
    return unique_slug(
        Meeting,
        entry_slug(
            _derived_year(values),
            list(values.get("iscms") or []),
            values["title"],
            values.get("start_date") or values.get("month"),
        ),
        RESERVED_SLUGS,
    )


def _snapshot(obj, fields) -> dict:
    """The editable values of a meeting or session, with its ISCMs by slug (for the audit log and conflicts)."""
    values = _values(obj, fields)
    values["iscms"] = [iscm.slug for iscm in obj.iscms]
    return values


def _assign(obj, fields, required, values: dict) -> None:
    """Set the fields given; required texts are trimmed, emptied optional ones become None."""
    for name in fields:
        if name in values:
            value = values[name]
            setattr(obj, name, (value or "").strip() if name in required else _clean(value))
    if "iscms" in values:
        obj.iscms = _iscms(values["iscms"])


def meeting_snapshot(meeting: Meeting) -> dict:
    values = _snapshot(meeting, MEETING_FIELDS)
    values["themes"] = [theme.slug for theme in meeting.themes]
    return values


def _derived_year(values: dict) -> int | None:
    """The calendar year of an entry: from its first day, else its month, else the year the source gives."""
    for key in ("start_date", "month"):
        if values.get(key):
            return values[key].year
    return values.get("year")


def _span_from_sessions(meeting: Meeting) -> bool:
    """A meeting with scheduled sessions starts with the first and ends with the last; True if that moved it."""
    scheduled = [s for s in meeting.sessions if s.status != "cancelled"]
    span = (
        (min(s.starts_at for s in scheduled), max(s.ends_at for s in scheduled))
        if scheduled
        else (None, None)
    )
    changed = span != (meeting.starts_at, meeting.ends_at)
    meeting.starts_at, meeting.ends_at = span
    meeting.all_day = not scheduled
    return changed


def _assign_meeting(meeting: Meeting, values: dict) -> None:
    """Set the given fields; a day makes a month-only date redundant; sessions, when there are any, set the span."""
    _assign(meeting, MEETING_FIELDS, REQUIRED_MEETING_TEXT, values)
    if "themes" in values:
        slugs = list(values["themes"] or [])
        meeting.themes = (
            list(db.session.scalars(sa.select(Theme).where(Theme.slug.in_(slugs)))) if slugs else []
        )
    if meeting.start_date:
        meeting.month = None
        meeting.end_date = meeting.end_date or meeting.start_date
    meeting.year = _derived_year(_values(meeting, ("start_date", "month", "year")))
    if meeting.all_day:
        meeting.starts_at = meeting.ends_at = None
    if any(s.status != "cancelled" for s in meeting.sessions):
        _span_from_sessions(meeting)


def create_meeting(values: dict, creator=None, slug: str | None = None) -> Meeting:
    """A new meeting, from a one-line calendar entry to a global meeting; its creator becomes its organizer.

    Seeds and imports call it too (without a creator), giving a stable `slug` or an imported `uid`.
    """
    _check_meeting_dates(values)
    meeting = Meeting(
        slug=slug or _new_slug(values),
        title=values["title"].strip(),
        created_by_id=getattr(creator, "id", None),
        **({"uid": values["uid"]} if values.get("uid") else {}),
    )
    _assign_meeting(meeting, values)
    db.session.add(meeting)
    if creator is not None:
        meeting.roles.append(MeetingRole(user_id=creator.id, role="organizer"))
    db.session.flush()
    record("meeting.create", meeting, f"Created {meeting.title}", diff({}, meeting_snapshot(meeting)))
    return meeting


def update_meeting(meeting: Meeting, values: dict, expected_version=None) -> dict:
    """Apply the values given; refuses a stale form (when a version is given). Returns what changed.

    SEQUENCE rises when the time, title, place or status changed, so calendar clients replace their copy.
    """
    if expected_version is not None:
        check_version(meeting, expected_version)
    _check_meeting_dates(values)
    before = meeting_snapshot(meeting)
    _assign_meeting(meeting, values)
    changes = diff(before, meeting_snapshot(meeting))
    if set(changes) & set(MEETING_SEQUENCE_FIELDS):
        meeting.sequence += 1
    if changes:
        db.session.flush()
        record("meeting.update", meeting, f"Edited {meeting.title}: {', '.join(changes)}", changes)
    return changes


def cancel_meeting(meeting: Meeting) -> dict:
    """Deletion is soft: the meeting stays, shown as cancelled and sent to feeds as STATUS:CANCELLED."""
    return update_meeting(meeting, {"status": "cancelled"})


def store_material_file(data: bytes, filename: str) -> str:
    """Keep an uploaded file under EXPORT_DIR/materials, named by its content; returns the stored name."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    key = hashlib.sha256(data).hexdigest()[:32]
    ExportStore.current().put("materials", key, extension, data)
    return f"{key}.{extension}"


def add_material(
    meeting: Meeting,
    title: str,
    url: str | None,
    description: str | None = None,
    upload: tuple[bytes, str] | None = None,
) -> Material:
    """A material given by link, or by an uploaded file (bytes, original file name)."""
    material = Material(
        meeting=meeting,
        title=title.strip(),
        url=_clean(url),
        description=_clean(description),
        position=len(meeting.materials),
    )
    if upload is not None:
        material.stored_file, material.original_filename = store_material_file(*upload), upload[1][:255]
    db.session.add(material)
    db.session.flush()
    record("material.create", meeting, f"{meeting.title}: material {material.title}")
    return material


def delete_material(material: Material) -> None:
    meeting = material.meeting
    record("material.delete", meeting, f"{meeting.title}: removed material {material.title}")
    db.session.delete(material)
    db.session.flush()


def grant_role(meeting: Meeting, user, role: str, session: Session | None = None) -> MeetingRole:
    existing = next(
        (
            r
            for r in meeting.roles
            if r.user_id == user.id and r.role == role and r.session_id == (session.id if session else None)
        ),
        None,
    )
    if existing:
        return existing
    assignment = MeetingRole(
        meeting=meeting, user_id=user.id, role=role, session_id=session.id if session else None
    )
    db.session.add(assignment)
    db.session.flush()
    record("meeting_role.create", meeting, f"{meeting.title}: {user.email} is {role}")
    return assignment


def revoke_role(assignment: MeetingRole) -> None:
    """Remove a role; a meeting always keeps at least one organizer."""
    meeting = assignment.meeting
    organizers = [r for r in meeting.roles if r.role == "organizer"]
    if assignment.role == "organizer" and len(organizers) == 1:
        raise AgendaError("role", _("A meeting needs at least one organizer."))
    record(
        "meeting_role.delete",
        meeting,
        f"{meeting.title}: {assignment.user.email} is no longer {assignment.role}",
    )
    meeting.roles.remove(assignment)
    db.session.flush()


# Sessions ---------------------------------------------------------------------------------------


def refresh_span(meeting: Meeting) -> None:
    """The meeting's first start and last end follow its scheduled sessions (calendar feeds read them)."""
    if _span_from_sessions(meeting):
        meeting.sequence += 1


def _check_within_meeting(meeting: Meeting, starts_at: datetime, ends_at: datetime) -> None:
    if ends_at <= starts_at:
        raise AgendaError("end", _("The session must end after it starts."))
    local_day = utc_to_local(starts_at, meeting.timezone).date()
    if meeting.start_date and meeting.end_date and not meeting.start_date <= local_day <= meeting.end_date:
        raise AgendaError(
            "day",
            _(
                "The day is outside the meeting (%(start)s to %(end)s).",
                start=meeting.start_date.isoformat(),
                end=meeting.end_date.isoformat(),
            ),
        )


def session_snapshot(session: Session) -> dict:
    return _snapshot(session, SESSION_FIELDS)


def _assign_session(session: Session, values: dict) -> None:
    _assign(session, SESSION_FIELDS, ("title", "kind", "status"), values)


def create_session(meeting: Meeting, values: dict) -> Session:
    _check_within_meeting(meeting, values["starts_at"], values["ends_at"])
    session = Session(
        title=values["title"].strip(),
        starts_at=values["starts_at"],
        ends_at=values["ends_at"],
        position=len(meeting.sessions),
    )
    meeting.sessions.append(session)
    _assign_session(session, values)
    refresh_span(meeting)
    db.session.flush()
    record(
        "session.create",
        session,
        f"{meeting.title}: session {session.title}",
        diff({}, session_snapshot(session)),
    )
    return session


def update_session(session: Session, values: dict, expected_version) -> dict:
    """Apply a form's values; refuses a stale form, a session ending before it starts or off the meeting's dates."""
    check_version(session, expected_version)
    _check_within_meeting(
        session.meeting, values.get("starts_at", session.starts_at), values.get("ends_at", session.ends_at)
    )
    before = session_snapshot(session)
    _assign_session(session, values)
    changes = diff(before, session_snapshot(session))
    if set(changes) & set(SESSION_SEQUENCE_FIELDS):
        session.sequence += 1
        refresh_span(session.meeting)
    if changes:
        db.session.flush()
        record("session.update", session, f"Edited session {session.title}: {', '.join(changes)}", changes)
    return changes


def delete_session(session: Session) -> None:
    record("session.delete", session, f"Removed session {session.title}", diff(session_snapshot(session), {}))
    meeting = session.meeting
    meeting.sessions.remove(session)
    refresh_span(meeting)
    db.session.flush()


# Agenda items -----------------------------------------------------------------------------------


def _check_item_times(session: Session, starts_at: datetime, ends_at: datetime) -> None:
    if ends_at <= starts_at:
        raise AgendaError("end", _("The item must end after it starts."))
    if starts_at < session.starts_at or ends_at > session.ends_at:
        raise AgendaError("start", _("The item must lie within its session."))


def item_snapshot(item: AgendaItem) -> dict:
    values = _values(item, ITEM_FIELDS)
    values["session_id"] = item.session_id
    return values


def create_item(session: Session, values: dict) -> AgendaItem:
    _check_item_times(session, values["starts_at"], values["ends_at"])
    item = AgendaItem(
        session=session,
        position=len(session.items),
        **{name: _clean(values.get(name)) for name in ITEM_FIELDS},
    )
    item.title = values["title"].strip()
    db.session.add(item)
    db.session.flush()
    record("agenda_item.create", item, f"{session.title}: item {item.title}", diff({}, item_snapshot(item)))
    return item


def update_item(item: AgendaItem, values: dict, expected_version, session: Session | None = None) -> dict:
    """Apply a form's values (optionally moving the item to another session); refuses a stale form."""
    check_version(item, expected_version)
    target = session or item.session
    _check_item_times(target, values["starts_at"], values["ends_at"])
    before = item_snapshot(item)
    for name in ITEM_FIELDS:
        setattr(item, name, values[name].strip() if name == "title" else _clean(values.get(name)))
    if target is not item.session:
        item.session = target
    db.session.flush()
    changes = diff(before, item_snapshot(item))
    if changes:
        record("agenda_item.update", item, f"Edited item {item.title}: {', '.join(changes)}", changes)
    return changes


def delete_item(item: AgendaItem) -> None:
    record("agenda_item.delete", item, f"Removed item {item.title}", diff(item_snapshot(item), {}))
    item.session.items.remove(item)
    db.session.flush()


def attach_person(item: AgendaItem, person, values: dict) -> ItemPerson:
    """A person in an item, with role, delivery, capacity and, when given, the agenda's own words for them."""
    link = ItemPerson(item=item, person=person, position=len(item.people))
    _assign(link, APPEARANCE_FIELDS, ("role", "delivery"), values)
    db.session.add(link)
    db.session.flush()
    record(
        "agenda_item.attach",
        item,
        f"{item.title}: {person.name} as {link.role}",
        {"person": [None, person.name], **diff({}, _values(link, APPEARANCE_FIELDS))},
    )
    return link


def update_appearance(link: ItemPerson, values: dict) -> dict:
    """New role, delivery or wording of one appearance; what changed (readers see it with the next release)."""
    before = _values(link, APPEARANCE_FIELDS)
    _assign(link, APPEARANCE_FIELDS, ("role", "delivery"), values)
    changes = diff(before, _values(link, APPEARANCE_FIELDS))
    if changes:
        db.session.flush()
        record(
            "agenda_item.appearance",
            link.item,
            f"{link.item.title}: {link.person.name}, {', '.join(changes)}",
            changes,
        )
    return changes


def detach_person(link: ItemPerson) -> None:
    item = link.item
    record(
        "agenda_item.detach",
        item,
        f"{item.title}: removed {link.person.name}",
        {"person": [link.person.name, None]},
    )
    item.people.remove(link)
    db.session.flush()


# Releases and proposals -------------------------------------------------------------------------


def latest_release(meeting: Meeting) -> AgendaRelease | None:
    return db.session.scalar(
        sa.select(AgendaRelease)
        .where(AgendaRelease.meeting_id == meeting.id)
        .order_by(AgendaRelease.number.desc())
    )


def release_agenda(meeting: Meeting, comment: str, user=None) -> AgendaRelease:
    """Publish the working copy as the next numbered version, with what changed since the last one."""
    previous = latest_release(meeting)
    current = agenda.snapshot(meeting)
    release = AgendaRelease(
        meeting=meeting,
        number=(previous.number + 1) if previous else 1,
        comment=(comment or "").strip()[:500],
        released_by_id=getattr(user, "id", None),
        snapshot=current,
        changes=releases.compare(previous.snapshot if previous else None, current),
    )
    db.session.add(release)
    db.session.flush()
    record(
        "agenda.release",
        meeting,
        f"{meeting.title}: agenda version {release.number}",
        {"version": [previous.number if previous else None, release.number]},
    )
    return release


def sessions_from_proposal(meeting: Meeting, proposal, minutes: int, title: str, kind: str) -> list[Session]:
    """One session per slot of a planner proposal, serving the ISCMs the planner assigned to it."""
    created = []
    for number, slot in enumerate(proposal.slots, start=1):
        slugs = [p.key for p in slot.participants]
        created.append(
            create_session(
                meeting,
                {
                    "title": f"{title} {number}" if len(proposal.slots) > 1 else title,
                    "kind": kind,
                    "starts_at": slot.starts_at,
                    "ends_at": slot.starts_at + timedelta(minutes=minutes),
                    "iscms": slugs,
                    "audience": ", ".join(p.label for p in slot.participants),
                },
            )
        )
    return created
