"""Reading a secretariat's own calendar (.ics or CSV) into entry values, with line-numbered errors.

All or nothing: a file with any error yields no rows. Plain functions, tested without a request.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
from flask_babel import gettext as _
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from coordinator.core.text import codes_by_spelling, spelling_key
from coordinator.core.timezones import AmbiguousLocalTime, NonexistentLocalTime, is_known_zone, local_to_utc
from coordinator.meetings.labels import FORMAT_LABELS, KIND_LABELS, LEVEL_LABELS
from coordinator.meetings.models import FORMATS, KINDS, LEVELS

#: The CSV header, documented in the README; `end`, times, zone and the rest may be left empty.
CSV_COLUMNS = (
    "uid",
    "title",
    "start",
    "end",
    "start_time",
    "end_time",
    "timezone",
    "place",
    "kind",
    "level",
    "format",
    "description",
)
MAX_ROWS = 5000
_CONTENT_LINE = re.compile(r"^[A-Za-z0-9-]+(;[^:]*)?:")


@dataclass
class ImportResult:
    rows: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def fail(self, line: int, message: str) -> None:
        self.errors.append(_("Line %(line)d: %(message)s", line=line, message=message))


def _dates_of(start, end, zone_name: str) -> dict:
    """Entry fields for an all-day (dates) or timed (aware datetimes) event; all-day ends are made inclusive."""
    if not isinstance(start, datetime):
        last = (end - timedelta(days=1)) if isinstance(end, date) and end > start else start
        return {
            "all_day": True,
            "start_date": start,
            "end_date": last,
            "starts_at": None,
            "ends_at": None,
            "timezone": zone_name,
        }
    end = end if isinstance(end, datetime) else start
    tz = ZoneInfo(zone_name)
    return {
        "all_day": False,
        "starts_at": start.astimezone(UTC),
        "ends_at": end.astimezone(UTC),
        "start_date": start.astimezone(tz).date(),
        "end_date": end.astimezone(tz).date(),
        "timezone": zone_name,
    }


# --- iCalendar -----------------------------------------------------------------------------------


def _logical_lines(text: str) -> list[tuple[int, str]]:
    """Unfolded content lines with the number of the physical line each starts on."""
    lines: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] = (lines[-1][0], lines[-1][1] + raw[1:])
        elif raw.strip():
            lines.append((number, raw))
    return lines


def _event_blocks(result: ImportResult, lines) -> list[tuple[int, dict[str, tuple[int, str]]]]:
    """Each VEVENT's first line number and its properties (name -> (line, raw line))."""
    blocks, current = [], None
    for number, line in lines:
        if not _CONTENT_LINE.match(line):
            result.fail(number, _("this is not an iCalendar line: “%(text)s”.", text=line[:60]))
            continue
        upper = line.upper()
        if upper.startswith("BEGIN:VEVENT"):
            current = (number, {})
        elif upper.startswith("END:VEVENT") and current:
            blocks.append(current)
            current = None
        elif current is not None:
            name = re.split(r"[;:]", line, maxsplit=1)[0].upper()
            current[1].setdefault(name, (number, line))
    if current is not None:
        result.fail(current[0], _("this event has no END:VEVENT."))
    return blocks


def _zone_name(tzid: str) -> str | None:
    """An IANA zone for a TZID: as given, or the zone a Windows name (as Outlook writes) stands for."""
    if is_known_zone(tzid):
        return tzid
    return WINDOWS_TO_OLSON.get(tzid)


def _ics_zone(result: ImportResult, props, name: str, value, default_zone: str) -> str | None:
    """The zone of DTSTART or DTEND: its TZID, UTC for a time ending in Z, the default for a date."""
    line, raw = props[name]
    match = re.search(r";TZID=\"?([^;:\"]+)", raw, re.IGNORECASE)
    if match:
        zone = _zone_name(match.group(1).strip())
        if zone is None:
            result.fail(line, _("unknown time zone “%(zone)s”.", zone=match.group(1)))
        return zone
    if isinstance(value, datetime) and value.tzinfo is None:
        result.fail(line, _("a time without a time zone: give a TZID or a UTC time (ending in Z)."))
        return None
    return "UTC" if isinstance(value, datetime) else default_zone


def _raw_value(props, name: str) -> str:
    return props[name][1].split(":", 1)[-1].strip()


def _decoded(result: ImportResult, props, event, name: str):
    """DTSTART or DTEND as a date or an aware datetime; the reader is lenient, so anything else is refused here."""
    try:
        value = event.decoded(name.lower())
    except (ValueError, KeyError, TypeError):
        value = None
    if not isinstance(value, date):
        result.fail(
            props[name][0],
            _(
                "“%(value)s” is not a date (20230615) or a time (20230615T090000).",
                value=_raw_value(props, name)[:40],
            ),
        )
        return None
    return value


def _end(result: ImportResult, props, event, start):
    """DTEND, else DTSTART plus DURATION, else the start itself (a one-day or zero-length event)."""
    if "DTEND" in props:
        return _decoded(result, props, event, "DTEND")
    if "DURATION" in props:
        try:
            duration = event.decoded("duration")
        except (ValueError, KeyError, TypeError):
            duration = None
        if not isinstance(duration, timedelta):
            result.fail(
                props["DURATION"][0],
                _("“%(value)s” is not a duration (PT2H).", value=_raw_value(props, "DURATION")[:40]),
            )
            return None
        return start + duration
    return start


def _event_times(result: ImportResult, props, event, default_zone: str) -> dict | None:
    """The entry's dates or instants from DTSTART and DTEND (or DURATION), each checked, naming its line."""
    start = _decoded(result, props, event, "DTSTART")
    end = _end(result, props, event, start) if start is not None else None
    if start is None or end is None:
        return None
    zone = _ics_zone(result, props, "DTSTART", start, default_zone)
    end_zone = _ics_zone(result, props, "DTEND", end, default_zone) if "DTEND" in props else zone
    if zone is None or end_zone is None:
        return None
    line = props["DTEND"][0] if "DTEND" in props else props["DTSTART"][0]
    if isinstance(start, datetime) != isinstance(end, datetime):
        result.fail(line, _("the start and the end must both be dates or both be times."))
        return None
    if end < start:
        result.fail(line, _("the end is before the start."))
        return None
    return _dates_of(start, end, zone)


def read_ics(data: bytes, default_zone: str = "UTC") -> ImportResult:
    result = ImportResult()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        result.fail(1, _("the file is not UTF-8 text."))
        return result
    blocks = _event_blocks(result, _logical_lines(text))
    if not result.errors and not blocks:
        result.fail(1, _("no event (BEGIN:VEVENT) in this file."))
    if result.errors:
        return result
    try:
        events = icalendar.Calendar.from_ical(text).walk("VEVENT")
    except ValueError as error:
        result.fail(1, _("the file cannot be read as iCalendar (%(error)s).", error=str(error)[:120]))
        return result
    for (line, props), event in zip(blocks, events, strict=False):
        _read_event(result, line, props, event, default_zone)
    return result if not result.errors else ImportResult(errors=result.errors)


def _read_event(result: ImportResult, line: int, props, event, default_zone: str) -> None:
    title = str(event.get("summary", "")).strip()
    if "DTSTART" not in props:
        result.fail(line, _("the event “%(title)s” has no start (DTSTART).", title=title[:80]))
        return
    times = _event_times(result, props, event, default_zone)
    if not title:
        result.fail(line, _("the event has no title (SUMMARY)."))
    if times is None or not title:
        return
    row = {
        "line": line,
        "uid": str(event.get("uid", "")).strip() or None,
        "title": title[:300],
        "place": str(event.get("location", "")).strip()[:300] or None,
        "description": str(event.get("description", "")).strip(),
        **times,
    }
    if str(event.get("status", "")).upper() == "CANCELLED":
        row["status"] = "cancelled"
    result.rows.append(row)


# --- CSV -----------------------------------------------------------------------------------------


def _parse_date(text: str) -> date:
    return date.fromisoformat(text.strip())


def _parse_time(text: str) -> time:
    return time.fromisoformat(text.strip())


def read_csv(data: bytes, default_zone: str = "UTC") -> ImportResult:
    result = ImportResult()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        result.fail(1, _("the file is not UTF-8 text."))
        return result
    reader = csv.DictReader(io.StringIO(text))
    missing = [name for name in ("title", "start") if name not in (reader.fieldnames or [])]
    if missing:
        result.fail(1, _("the header must name the columns %(columns)s.", columns=", ".join(CSV_COLUMNS)))
        return result
    for number, record in enumerate(reader, start=2):
        if number > MAX_ROWS + 1:
            result.fail(number, _("too many rows (at most %(max)d).", max=MAX_ROWS))
            break
        _read_csv_row(result, number, {k: (v or "").strip() for k, v in record.items() if k}, default_zone)
    if not result.errors and not result.rows:
        result.fail(2, _("no row under the header."))
    return result if not result.errors else ImportResult(errors=result.errors)


def _read_csv_row(result: ImportResult, number: int, record: dict, default_zone: str) -> None:
    if not record.get("title"):
        result.fail(number, _("the title is empty."))
        return
    if not record.get("start"):
        result.fail(number, _("“%(title)s” has no start date.", title=record["title"][:80]))
        return
    zone = record.get("timezone") or default_zone
    if not is_known_zone(zone):
        result.fail(number, _("unknown time zone “%(zone)s”.", zone=zone))
        return
    try:
        first, last = _parse_date(record["start"]), _parse_date(record.get("end") or record["start"])
        start, end = first, last + timedelta(days=1)
        if record.get("start_time"):
            start = local_to_utc(datetime.combine(first, _parse_time(record["start_time"])), zone)
            end = local_to_utc(
                datetime.combine(last, _parse_time(record.get("end_time") or record["start_time"])), zone
            )
    except (NonexistentLocalTime, AmbiguousLocalTime):
        result.fail(
            number,
            _("this local time does not exist or exists twice in %(zone)s (a clock change).", zone=zone),
        )
        return
    except ValueError:
        result.fail(number, _("dates must be written 2023-06-09 and times 09:30."))
        return
    if (end < start) if isinstance(start, datetime) else (last < first):
        result.fail(number, _("the end is before the start."))
        return
    choices = _csv_choices(result, number, record)
    if choices is None:
        return
    optional = {name: record.get(name) or None for name in ("uid", "place")}
    result.rows.append(
        {
            "line": number,
            "title": record["title"][:300],
            "description": record.get("description", ""),
            **optional,
            **choices,
            **_dates_of(start, end, zone),
        }
    )


#: The CSV columns with a closed list of values: the codes, or their labels in the page's language (any case or accents).
_CHOICES = {"kind": (KINDS, KIND_LABELS), "level": (LEVELS, LEVEL_LABELS), "format": (FORMATS, FORMAT_LABELS)}


def _csv_choices(result: ImportResult, number: int, record: dict) -> dict | None:
    """kind, level and format as the codes the calendar filters by; an unknown value names the line and the choices."""
    values = {}
    for name, (codes, labels) in _CHOICES.items():
        given = record.get(name) or ""
        values[name] = codes_by_spelling(codes, labels).get(spelling_key(given)) if given else None
        if given and values[name] is None:
            result.fail(
                number,
                _(
                    "%(column)s “%(value)s” is not one of: %(choices)s.",
                    column=name,
                    value=given[:40],
                    choices=", ".join(codes),
                ),
            )
            return None
    return values


def read_file(filename: str, data: bytes, default_zone: str = "UTC") -> ImportResult:
    """By extension: .ics or .csv; anything else is refused with a message."""
    name = filename.lower()
    if name.endswith(".ics"):
        return read_ics(data, default_zone)
    if name.endswith(".csv"):
        return read_csv(data, default_zone)
    result = ImportResult()
    result.fail(1, _("upload an .ics or a .csv file."))
    return result
