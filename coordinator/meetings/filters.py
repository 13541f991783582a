"""Template filters of the meeting pages: offsets, local times, language and initiative names, conflict values,
and how the agenda words its people."""

from datetime import datetime, timedelta

from flask_babel import ngettext

from coordinator.core.timezones import utc_to_local
from coordinator.meetings.agenda import MAX_ZONE_COLUMNS, annex_blocks, appearance, described
from coordinator.meetings.agenda_labels import LANGUAGE_LABELS, ROLE_LABELS
from coordinator.meetings.labels import INITIATIVE_LABELS


def utc_offset(moment: datetime) -> str:
    """'UTC+08:00' for an aware datetime, from its own offset."""
    offset = moment.utcoffset() or timedelta(0)
    sign = "+" if offset >= timedelta(0) else "-"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def local_time(value: datetime | str, zone: str, pattern: str = "%d %b %Y %H:%M") -> str:
    instant = datetime.fromisoformat(value) if isinstance(value, str) else value
    return utc_to_local(instant, zone).strftime(pattern)


def language_label(code: str) -> str:
    return str(LANGUAGE_LABELS.get(code, code))


def initiative_label(code: str) -> str:
    return str(INITIATIVE_LABELS.get(code, code))


def role_text(person: dict) -> str:
    """An appearance's role as the agenda prints it: its own wording, else the role's name in the reader's language
    (named here, at each reading: a release keeps the role's code, never the words of one language)."""
    return person.get("role_label") or str(ROLE_LABELS.get(person["role"], person["role"]))


def zones_left_out_note(left_out: list[str]) -> str:
    """The agenda's note (page and PDF) of the zones it leaves out, beyond its MAX_ZONE_COLUMNS columns."""
    return ngettext(
        "One zone is not shown (at most %(max)d columns of other zones fit): %(zones)s.",
        "%(num)d zones are not shown (at most %(max)d columns of other zones fit): %(zones)s.",
        len(left_out),
        max=MAX_ZONE_COLUMNS,
        zones=", ".join(left_out),
    )


def conflict_value(value, zone: str) -> str:
    """A stored value as the organizer typed it: instants in the reference zone, lists joined."""
    if isinstance(value, datetime):
        return local_time(value, zone)
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or "—"
    return "—" if value in (None, "") else str(value)


def choice_label(value, field):
    """A stored value as its form field shows it: a choice's label (or the labels of several), else the value."""
    choices = {key: str(label) for key, label in getattr(field, "choices", None) or []}
    if isinstance(value, list | tuple):
        return [choices.get(item, item) for item in value]
    return choices.get(value, value)


FILTERS = {
    "utc_offset": utc_offset,
    "local_time": local_time,
    "language_label": language_label,
    "initiative_label": initiative_label,
    "conflict_value": conflict_value,
    "described": described,
    "annex_blocks": annex_blocks,
    "appearance": appearance,
    "role_text": role_text,
    "zones_left_out_note": zones_left_out_note,
    "choice_label": choice_label,
}
