"""iCalendar plumbing shared by every feed: events, VTIMEZONEs written as yearly rules, the calendar around them.

Feeds are assembled from already-serialised VEVENT texts so that a feed of 10,000 events re-serialises
only the events that changed (the callers cache each text). Outlook reduces a zone to one yearly rule
pair and mishandles the RDATE lists `icalendar.add_missing_timezones` writes, so VTIMEZONEs are written
here with RRULEs derived from the zone database (tests check them against it in two parsers).
"""

import calendar as stdlib_calendar
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import icalendar

PRODID = "-//IOM//Coordinator ISCM calendar//EN"
MIME_TYPE = "text/calendar; charset=utf-8"
#: How often clients should poll a feed.
REFRESH = timedelta(hours=1)
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class EventData:
    """What one VEVENT says; `start`/`end` are dates (all-day, end inclusive) or aware datetimes."""

    uid: str
    summary: str
    start: date | datetime
    end: date | datetime
    stamp: datetime
    sequence: int = 0
    timezone: str = "UTC"
    cancelled: bool = False
    description: str = ""
    location: str = ""
    url: str = ""
    categories: tuple[str, ...] = field(default_factory=tuple)

    @property
    def timed(self) -> bool:
        return isinstance(self.start, datetime)


def _utc(value: datetime) -> datetime:
    return value.astimezone(UTC).replace(microsecond=0)


def serialize_event(data: EventData) -> str:
    """One VEVENT as folded iCalendar text: timed events in their zone, all-day ones as dates with exclusive end."""
    event = icalendar.Event()
    event.add("uid", data.uid)
    event.add("dtstamp", _utc(data.stamp))
    event.add("sequence", data.sequence)
    event.add("summary", data.summary)
    if data.timed:
        tz = ZoneInfo(data.timezone)
        event.add("dtstart", data.start.astimezone(tz).replace(microsecond=0))
        event.add("dtend", data.end.astimezone(tz).replace(microsecond=0))
    else:
        event.add("dtstart", data.start)
        event.add("dtend", data.end + timedelta(days=1))
    event.add("status", "CANCELLED" if data.cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT" if not data.timed else "OPAQUE")
    for name, value in (("description", data.description), ("location", data.location), ("url", data.url)):
        if value:
            event.add(name, value)
    if data.categories:
        event.add("categories", list(data.categories))
    return event.to_ical().decode("utf-8")


# --- VTIMEZONE -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Transition:
    at: datetime  # UTC instant
    offset_from: timedelta
    offset_to: timedelta
    name: str
    is_dst: bool

    @property
    def local_onset(self) -> datetime:
        """Wall-clock time of the change, read on the clock before it (what VTIMEZONE's DTSTART means)."""
        return (self.at + self.offset_from).replace(tzinfo=None)

    def rule(self) -> tuple:
        """The yearly rule this change follows: month, n-th (or last) weekday, wall time, offsets."""
        onset = self.local_onset
        days_in_month = stdlib_calendar.monthrange(onset.year, onset.month)[1]
        nth = -1 if onset.day + 7 > days_in_month else (onset.day - 1) // 7 + 1
        return (
            onset.month,
            nth,
            onset.weekday(),
            onset.time(),
            self.offset_from,
            self.offset_to,
            self.name,
            self.is_dst,
        )


def _offset(tz: ZoneInfo, instant: datetime) -> timedelta:
    return instant.astimezone(tz).utcoffset()


def _transition_at(tz: ZoneInfo, before: datetime, after: datetime) -> Transition:
    """Bisect to the second at which the offset changes between two instants."""
    start_offset = _offset(tz, before)
    while after - before > timedelta(seconds=1):
        middle = before + (after - before) / 2
        if _offset(tz, middle) == start_offset:
            before = middle
        else:
            after = middle
    local = after.astimezone(tz)
    return Transition(
        after.replace(microsecond=0), start_offset, local.utcoffset(), local.tzname(), bool(local.dst())
    )


def zone_transitions(zone_name: str, first_year: int, last_year: int) -> list[Transition]:
    """Every change of offset in the zone database for the years given, found by daily steps then bisection."""
    tz = ZoneInfo(zone_name)
    found = []
    instant = datetime(first_year, 1, 1, tzinfo=UTC)
    end = datetime(last_year + 1, 1, 1, tzinfo=UTC)
    while instant < end:
        following = instant + timedelta(days=1)
        if _offset(tz, instant) != _offset(tz, following):
            found.append(_transition_at(tz, instant, following))
        instant = following
    return found


def _observance(first: Transition, rrule: str | None) -> icalendar.cal.Component:
    component = icalendar.TimezoneDaylight() if first.is_dst else icalendar.TimezoneStandard()
    component.add("dtstart", first.local_onset)
    component.add("tzoffsetfrom", first.offset_from)
    component.add("tzoffsetto", first.offset_to)
    if first.name:
        component.add("tzname", first.name)
    if rrule:
        component["rrule"] = icalendar.vRecur.from_ical(rrule)
    return component


def _rrule_for(group: list[Transition], open_ended: bool) -> str:
    """The yearly rule of a group; a closed one ends a day after its last change.

    UNTIL exactly at the last change is valid, but some parsers (vobject) compare it with the local
    onset and drop that last occurrence; a day later no further occurrence can fall.
    """
    month, nth, weekday, *_ = group[0].rule()
    text = f"FREQ=YEARLY;BYMONTH={month};BYDAY={nth}{_WEEKDAYS[weekday]}"
    if not open_ended:
        text += f";UNTIL={(group[-1].at + timedelta(days=1)).strftime('%Y%m%dT%H%M%SZ')}"
    return text


def _grouped(transitions: list[Transition]) -> list[list[Transition]]:
    """Consecutive yearly changes that follow the same rule, one group per rule and kind (summer/winter)."""
    groups: dict[tuple, list[list[Transition]]] = {}
    for transition in transitions:
        runs = groups.setdefault((transition.is_dst, transition.offset_to), [])
        last = runs[-1][-1] if runs else None
        if last and last.rule() == transition.rule() and transition.at.year == last.at.year + 1:
            runs[-1].append(transition)
        else:
            runs.append([transition])
    return [run for runs in groups.values() for run in runs]


def _timezone(zone_name: str, observances: list[icalendar.cal.Component]) -> str:
    timezone = icalendar.Timezone()
    timezone.add("tzid", zone_name)
    for observance in observances:
        timezone.add_component(observance)
    return timezone.to_ical().decode("utf-8")


def _rule_observances(transitions: list[Transition], continuing_year: int) -> list[icalendar.cal.Component]:
    """One RRULE observance per group of yearly changes; open-ended only if the zone still follows it in
    `continuing_year`, the year after the feed's span (a zone that dropped DST gets a closed rule)."""
    observances = []
    for group in _grouped(transitions):
        if len(group) > 1:
            observances.append(_observance(group[0], _rrule_for(group, group[-1].at.year == continuing_year)))
        else:
            observances.append(_observance(group[0], None))
    return observances


def _in_force(zone_name: str, year: int) -> Transition:
    """The offset in force on 1 January of `year`, as an observance starting long before any feed's events."""
    local = datetime(year, 1, 1, tzinfo=UTC).astimezone(ZoneInfo(zone_name))
    return Transition(
        datetime(1970, 1, 1, tzinfo=UTC),
        local.utcoffset(),
        local.utcoffset(),
        local.tzname(),
        bool(local.dst()),
    )


def _with_offset_in_force(transitions: list[Transition], in_force: Transition) -> list[Transition]:
    """The changes, preceded by the offset in force before the first when no change leads back to it.

    A zone whose offset changes once (Asia/Almaty in 2024) would otherwise give no observance for the
    time before the change, and parsers read that time with the new offset.
    """
    if transitions and transitions[0].offset_from in {transition.offset_to for transition in transitions}:
        return transitions
    return [in_force, *transitions]


@lru_cache(maxsize=256)
def vtimezone_text(zone_name: str, first_year: int, last_year: int) -> str:
    """A VTIMEZONE with RRULE observances valid for the years given (the tests check it against the zone
    database in two parsers).

    Changes are read from the year before (for the offset in force on 1 January) to the year after (to
    know which rules still hold).
    """
    transitions = _with_offset_in_force(
        zone_transitions(zone_name, first_year - 1, last_year + 1), _in_force(zone_name, first_year - 1)
    )
    return _timezone(zone_name, _rule_observances(transitions, last_year + 1))


# --- The calendar around the events ----------------------------------------------------------------


@dataclass(frozen=True)
class CalendarMeta:
    name: str
    description: str
    url: str = ""


def _header(meta: CalendarMeta) -> str:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    for name, value in (
        ("name", meta.name),
        ("x-wr-calname", meta.name),
        ("description", meta.description),
        ("x-wr-caldesc", meta.description),
    ):
        cal.add(name, icalendar.vText(value))
    if meta.url:
        cal.add("url", icalendar.vUri(meta.url))
    cal.add("refresh-interval", icalendar.vDuration(REFRESH), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", icalendar.vDuration(REFRESH))
    text = cal.to_ical().decode("utf-8")
    return text[: -len("END:VCALENDAR\r\n")]


def assemble_calendar(meta: CalendarMeta, zones: dict[str, tuple[int, int]], events: list[str]) -> bytes:
    """The whole feed from serialised VEVENTs; `zones` maps every TZID used to the years its events span."""
    parts = [_header(meta)]
    parts.extend(vtimezone_text(name, *years) for name, years in sorted(zones.items()))
    parts.extend(events)
    parts.append("END:VCALENDAR\r\n")
    return "".join(parts).encode("utf-8")


def zones_used(events: list[EventData]) -> dict[str, tuple[int, int]]:
    """TZID -> (first year, last year) of the timed events using it."""
    spans: dict[str, tuple[int, int]] = {}
    for event in events:
        if event.timed:
            add_zone_years(spans, event.timezone, event.start.year, event.end.year)
    return spans


def add_zone_years(spans: dict[str, tuple[int, int]], zone_name: str, first: int, last: int) -> None:
    known = spans.get(zone_name)
    spans[zone_name] = (min(first, known[0]), max(last, known[1])) if known else (first, last)
