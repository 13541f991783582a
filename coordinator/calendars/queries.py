"""Reading the calendar: filtered entries for the month, list and year views, counts, and feed scopes.

Every query loads entries with their ISCMs and themes in a fixed number of statements, whatever the
number of entries (the month view's query count is asserted in the tests).
"""

import calendar as stdlib_calendar
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from coordinator.calendars.filters import CalendarFilter
from coordinator.calendars.models import CalendarState, Follow
from coordinator.extensions import db
from coordinator.iscms.models import Iscm, Region, Theme
from coordinator.meetings.access import public_meetings_clause, visible_meetings_clause
from coordinator.meetings.models import Meeting, MeetingRole

#: Most entries the list view shows at once; the counts always cover all of them.
LIST_LIMIT = 300
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def filter_clause(flt: CalendarFilter):
    """The SQL condition of a filter on meetings."""
    conditions = []
    if flt.iscms:
        conditions.append(Meeting.iscms.any(Iscm.slug.in_(flt.iscms)))
    if flt.types:
        conditions.append(Meeting.iscms.any(Iscm.type.in_(flt.types)))
    if flt.regions:
        conditions.append(Meeting.iscms.any(Iscm.regions.any(Region.slug.in_(flt.regions))))
    if flt.levels:
        conditions.append(Meeting.level.in_(flt.levels))
    if flt.formats:
        conditions.append(Meeting.format.in_(flt.formats))
    if flt.themes:
        conditions.append(Meeting.themes.any(Theme.slug.in_(flt.themes)))
    if flt.initiatives:
        as_text = sa.cast(Meeting.initiatives, sa.String)
        conditions.append(sa.or_(*(as_text.like(f'%"{value}"%') for value in flt.initiatives)))
    if flt.text:
        conditions.append(_text_clause(flt.text))
    return sa.and_(sa.true(), *conditions)


def _text_clause(text: str):
    pattern = "%" + text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"

    def like(column):
        return sa.func.lower(column).like(pattern, escape="\\")

    return sa.or_(
        like(Meeting.title),
        like(Meeting.number),
        like(Meeting.place),
        like(Meeting.description),
        like(sa.cast(Meeting.outcome_documents, sa.String)),
        Meeting.iscms.any(sa.or_(like(Iscm.acronym), like(Iscm.name))),
    )


def entries_where(*conditions, order=None, limit=None) -> list[Meeting]:
    query = (
        sa.select(Meeting)
        .where(*conditions)
        .options(selectinload(Meeting.iscms), selectinload(Meeting.themes))
        .order_by(*(order or (Meeting.start_date, Meeting.starts_at, Meeting.title, Meeting.id)))
    )
    if limit:
        query = query.limit(limit)
    return list(db.session.scalars(query))


def in_year(year: int):
    first, last = date(year, 1, 1), date(year, 12, 31)
    return sa.or_(
        Meeting.start_date.between(first, last),
        sa.and_(Meeting.start_date.is_(None), Meeting.month.between(first, last)),
        sa.and_(Meeting.start_date.is_(None), Meeting.month.is_(None), Meeting.year == year),
    )


@dataclass
class MonthView:
    year: int
    month: int
    #: Weeks of seven days (None outside the month) and what is on each day.
    weeks: list[list[date | None]]
    by_day: dict[date, list[Meeting]]
    #: Entries the source dates only to this month: listed, never placed on a day.
    month_only: list[Meeting]
    entries: list[Meeting]

    @property
    def first(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def previous(self) -> str:
        return (self.first - timedelta(days=1)).strftime("%Y-%m")

    @property
    def next(self) -> str:
        return (self.first.replace(day=28) + timedelta(days=4)).strftime("%Y-%m")


def month_view(flt: CalendarFilter, user, year: int, month: int) -> MonthView:
    first = date(year, month, 1)
    last = date(year, month, stdlib_calendar.monthrange(year, month)[1])
    scope = (visible_meetings_clause(user), filter_clause(flt))
    dated = sa.and_(
        Meeting.start_date <= last, sa.func.coalesce(Meeting.end_date, Meeting.start_date) >= first
    )
    undated_in_month = sa.and_(Meeting.start_date.is_(None), Meeting.month == first)
    entries = entries_where(*scope, sa.or_(dated, undated_in_month))
    by_day: dict[date, list[Meeting]] = {}
    for entry in entries:
        if entry.start_date:
            for day in _days(entry, first, last):
                by_day.setdefault(day, []).append(entry)
    weeks = [
        [d if d.month == month else None for d in week]
        for week in stdlib_calendar.Calendar().monthdatescalendar(year, month)
    ]
    return MonthView(year, month, weeks, by_day, [e for e in entries if not e.start_date], entries)


def _days(entry: Meeting, first: date, last: date):
    day = max(entry.start_date, first)
    end = min(entry.end_date or entry.start_date, last)
    while day <= end:
        yield day
        day = date.fromordinal(day.toordinal() + 1)


def list_view(flt: CalendarFilter, user, when: str, today: date) -> tuple[list[Meeting], int]:
    """Upcoming (soonest first) or past (latest first) dated entries, and how many match in all."""
    this_month = today.replace(day=1)
    ends = sa.func.coalesce(Meeting.end_date, Meeting.start_date)
    upcoming = sa.or_(ends >= today, sa.and_(Meeting.start_date.is_(None), Meeting.month >= this_month))
    dated = sa.or_(Meeting.start_date.is_not(None), Meeting.month.is_not(None))
    when_clause = upcoming if when == "upcoming" else sa.not_(upcoming)
    scope = (visible_meetings_clause(user), filter_clause(flt), dated, when_clause)
    sort = sa.func.coalesce(Meeting.start_date, Meeting.month)
    order = (
        (sort, Meeting.title, Meeting.id) if when == "upcoming" else (sort.desc(), Meeting.title, Meeting.id)
    )
    total = db.session.scalar(sa.select(sa.func.count()).select_from(Meeting).where(*scope))
    return entries_where(*scope, order=order, limit=LIST_LIMIT), total


def year_view(flt: CalendarFilter, user, year: int) -> list[Meeting]:
    """Every entry of a year: dated, dated to a month, and those the source gives no date for."""
    return entries_where(
        visible_meetings_clause(user),
        filter_clause(flt),
        in_year(year),
        order=(
            sa.func.coalesce(Meeting.start_date, Meeting.month).is_(None),
            sa.func.coalesce(Meeting.start_date, Meeting.month),
            Meeting.title,
            Meeting.id,
        ),
    )


def by_month(entries: list[Meeting]) -> list[tuple[date | None, list[Meeting]]]:
    """Year-view groups: one per month in order (by day or by the month the source gives), then undated ones."""
    groups: dict[date | None, list[Meeting]] = {}
    for entry in entries:
        day = entry.start_date or entry.month
        groups.setdefault(day.replace(day=1) if day else None, []).append(entry)
    return sorted(groups.items(), key=lambda item: (item[0] is None, item[0] or date.min))


@dataclass
class Counts:
    """Entries and the events they stand for ("five training workshops" is one entry, five events)."""

    entries: int = 0
    events: int = 0
    by_kind: Counter = field(default_factory=Counter)
    by_level: Counter = field(default_factory=Counter)
    by_format: Counter = field(default_factory=Counter)
    cancelled: int = 0


def count_entries(entries: list[Meeting]) -> Counts:
    counts = Counts()
    for entry in entries:
        counts.entries += 1
        counts.events += entry.count
        counts.by_kind[entry.kind] += entry.count
        counts.by_level[entry.level] += entry.count
        counts.by_format[entry.format] += entry.count
        counts.cancelled += entry.is_cancelled
    return counts


def iscm_meetings(iscm: Iscm, user) -> list[Meeting]:
    return entries_where(
        visible_meetings_clause(user),
        Meeting.iscms.any(Iscm.id == iscm.id),
        order=(
            sa.func.coalesce(Meeting.start_date, Meeting.month).desc().nulls_last(),
            Meeting.year.desc(),
            Meeting.title,
        ),
    )


# --- Feed scopes ---------------------------------------------------------------------------------


def public_feed_clause(flt: CalendarFilter):
    """Public, dated entries matching a filter: what /calendar.ics and /calendar.json serve."""
    return sa.and_(public_meetings_clause(), filter_clause(flt), Meeting.start_date.is_not(None))


def session_access(user) -> dict[int, set[int] | None]:
    """The meetings a user holds a role on, with the sessions their feed shows: None for all of them
    (organizers, staff, participants), else the ids of the sessions they are rapporteur of."""
    access: dict[int, set[int] | None] = {}
    rows = db.session.execute(
        sa.select(MeetingRole.meeting_id, MeetingRole.role, MeetingRole.session_id).where(
            MeetingRole.user_id == user.id
        )
    )
    for meeting_id, role, session_id in rows:
        if role == "rapporteur" and session_id is not None:
            sessions = access.setdefault(meeting_id, set())
            if sessions is not None:
                sessions.add(session_id)
        else:
            access[meeting_id] = None
    return access


def followed_meeting_ids(user) -> set[int]:
    """Public, dated meetings of the ISCMs and themes the user follows."""
    follows = list(db.session.scalars(sa.select(Follow).where(Follow.user_id == user.id)))
    iscm_ids = [f.iscm_id for f in follows if f.iscm_id]
    theme_ids = [f.theme_id for f in follows if f.theme_id]
    if not iscm_ids and not theme_ids:
        return set()
    followed = sa.or_(Meeting.iscms.any(Iscm.id.in_(iscm_ids)), Meeting.themes.any(Theme.id.in_(theme_ids)))
    return set(
        db.session.scalars(
            sa.select(Meeting.id).where(public_meetings_clause(), followed, Meeting.start_date.is_not(None))
        )
    )


def calendar_changed_at() -> datetime:
    """When anything every feed may show last changed; the epoch when nothing ever did."""
    return db.session.scalar(sa.select(CalendarState.changed_at).where(CalendarState.id == 1)) or _EPOCH


def personal_calendar_changed_at(user) -> datetime:
    """When the user's personal feed last changed: the later of the global marker and their own."""
    return max(calendar_changed_at(), user.calendar_changed_at or _EPOCH)
