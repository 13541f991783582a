"""The time zone planner: when can delegates from every region attend, and how to stagger sessions.

Plain functions over participants (an ISCM or a plain zone, each with an IANA zone), candidate start
instants and a duration. Local times are computed for the real instants, so offsets follow daylight
saving on the very date planned. A participant's band for a session is the worst part of it:
working hours (08–18 local), stretch (07–08, 18–21) or night.
"""

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

WORKING = "working"
STRETCH = "stretch"
NIGHT = "night"
#: Band ranks: a higher rank is better for the participant.
RANK = {NIGHT: 0, STRETCH: 1, WORKING: 2}

WORKING_HOURS = (time(8), time(18))
STRETCH_HOURS = (time(7), time(21))
#: Core hours only break ties between equally good proposals.
CORE_HOURS = (time(9), time(17))
STEP_MINUTES = 15


@dataclass(frozen=True)
class Participant:
    """Whoever must attend: an ISCM (key = its slug) or a plain zone (key = the zone)."""

    key: str
    label: str
    zone: str
    #: Where the zone comes from, as the page tells it ("ICMPD headquarters, Vienna").
    source: str = ""


@dataclass
class Slot:
    starts_at: datetime
    ends_at: datetime
    participants: list[Participant] = field(default_factory=list)


@dataclass
class Proposal:
    slots: list[Slot]
    working: int
    stretch: int
    night: int

    @property
    def everyone_awake(self) -> bool:
        return self.night == 0


def _within(local_start: datetime, local_end: datetime, hours: tuple[time, time]) -> bool:
    """The whole session lies on one local day inside the hours (an end at 18:00 sharp counts)."""
    if local_start.date() != local_end.date():
        return local_end.time() == time(0) and hours[1] == time(0)
    return hours[0] <= local_start.time() and local_end.time() <= hours[1]


def band(starts_at: datetime, ends_at: datetime, zone: str) -> str:
    """Working, stretch or night for a session from starts_at to ends_at, in a zone."""
    tz = ZoneInfo(zone)
    local_start, local_end = starts_at.astimezone(tz), ends_at.astimezone(tz)
    if _within(local_start, local_end, WORKING_HOURS):
        return WORKING
    if _within(local_start, local_end, STRETCH_HOURS):
        return STRETCH
    return NIGHT


def hour_band(local: datetime) -> str:
    """The band of one local moment (the colour of a cell in the grid)."""
    moment = local.time()
    if WORKING_HOURS[0] <= moment < WORKING_HOURS[1]:
        return WORKING
    if STRETCH_HOURS[0] <= moment < STRETCH_HOURS[1]:
        return STRETCH
    return NIGHT


def day_bounds(day: date, reference_zone: str) -> tuple[datetime, datetime]:
    """The UTC instants of local midnight starting and ending a day (23 or 25 hours on clock-change days)."""
    tz = ZoneInfo(reference_zone)
    start = datetime.combine(day, time(0), tz).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time(0), tz).astimezone(UTC)
    return start, end


def candidate_starts(
    day: date, reference_zone: str, minutes: int, step: int = STEP_MINUTES
) -> list[datetime]:
    """Every start, each `step` minutes, of a session that begins and ends within the day in the reference zone."""
    start, end = day_bounds(day, reference_zone)
    starts, moment = [], start
    while moment + timedelta(minutes=minutes) <= end:
        starts.append(moment)
        moment += timedelta(minutes=step)
    return starts


@dataclass(frozen=True)
class _Masks:
    """Which participants (bit i = participant i) a start serves in working, stretch-or-better, core hours."""

    working: int
    awake: int
    core: int


def _masks(participants: list[Participant], starts_at: datetime, minutes: int) -> _Masks:
    ends_at = starts_at + timedelta(minutes=minutes)
    working = awake = core = 0
    for index, participant in enumerate(participants):
        result = band(starts_at, ends_at, participant.zone)
        bit = 1 << index
        if result == WORKING:
            working |= bit
        if result != NIGHT:
            awake |= bit
        tz = ZoneInfo(participant.zone)
        if _within(starts_at.astimezone(tz), ends_at.astimezone(tz), CORE_HOURS):
            core |= bit
    return _Masks(working, awake, core)


def _key(working: int, awake: int, core: int) -> tuple[int, int, int]:
    return working.bit_count(), awake.bit_count(), core.bit_count()


def _suffix_unions(masks: list[_Masks]) -> list[tuple[int, int, int]]:
    """For each index, the union of the masks from there on: what any choice among them can reach at best."""
    unions = [(0, 0, 0)] * (len(masks) + 1)
    for index in range(len(masks) - 1, -1, -1):
        working, awake, core = unions[index + 1]
        unions[index] = (working | masks[index].working, awake | masks[index].awake, core | masks[index].core)
    return unions


@dataclass
class _Search:
    """Depth-first over non-overlapping starts in time order, cutting a branch that cannot beat the best.

    The best is the first in time order reaching the highest (working, awake, core) counts, so the
    earliest starts win ties, as a full scan of every combination would give.
    """

    masks: list[_Masks]
    following: list[int]
    sessions: int
    accept: Callable[[tuple[int, ...]], bool]
    best_key: tuple[int, int, int] | None = None
    best: tuple[int, ...] | None = None

    def __post_init__(self):
        self.unions = _suffix_unions(self.masks)

    def run(self, start: int = 0, chosen: tuple[int, ...] = (), union: tuple[int, int, int] = (0, 0, 0)):
        if len(chosen) == self.sessions:
            key = _key(*union)
            if (self.best_key is None or key > self.best_key) and self.accept(chosen):
                self.best_key, self.best = key, chosen
            return
        for index in range(start, len(self.masks)):
            reach = tuple(have | more for have, more in zip(union, self.unions[index], strict=True))
            if self.best_key is not None and _key(*reach) <= self.best_key:
                break  # later starts reach no more: the unions only shrink
            mask = self.masks[index]
            self.run(
                self.following[index],
                (*chosen, index),
                (union[0] | mask.working, union[1] | mask.awake, union[2] | mask.core),
            )


def _preference(participant: Participant, starts_at: datetime, minutes: int) -> tuple[int, float]:
    """How well a session suits a participant: its band, then closeness of its middle to 13:00 local."""
    ends_at = starts_at + timedelta(minutes=minutes)
    middle = (starts_at + timedelta(minutes=minutes / 2)).astimezone(ZoneInfo(participant.zone))
    distance = abs(middle.hour * 60 + middle.minute - 13 * 60)
    return RANK[band(starts_at, ends_at, participant.zone)], -distance


def assign(participants: list[Participant], starts: list[datetime], minutes: int) -> Proposal:
    """Each participant joins the session that suits it best; the proposal counts the bands reached."""
    slots = [Slot(start, start + timedelta(minutes=minutes)) for start in starts]
    counts = {WORKING: 0, STRETCH: 0, NIGHT: 0}
    for participant in participants:
        best = max(slots, key=lambda slot: _preference(participant, slot.starts_at, minutes))
        best.participants.append(participant)
        counts[band(best.starts_at, best.ends_at, participant.zone)] += 1
    return Proposal(slots, counts[WORKING], counts[STRETCH], counts[NIGHT])


def _first_after(starts: list[datetime], minutes: int) -> list[int]:
    """For each start, the index of the first start that does not overlap a session beginning there."""
    return [bisect_left(starts, start + timedelta(minutes=minutes)) for start in starts]


def best_split(
    participants: list[Participant],
    day: date,
    reference_zone: str,
    minutes: int,
    sessions: int = 1,
    hosts_awake: bool = False,
    days: int = 1,
) -> Proposal | None:
    """The best `sessions` staggered, non-overlapping starts, and who joins which.

    Maximises the participants inside working hours, then those inside working-or-stretch hours, then
    those inside core hours; the earliest such starts win ties. With `hosts_awake`, the organizers
    (who attend every session, in the reference zone) keep within 07–21 too. With `days=2` (two or
    three sessions), the sessions are spread over the day and the next one, each day having one at least
    (as GRCP 9's 16:00 on the 10th and 08:30 on the 11th).
    """
    participants = list(participants)
    spread = days == 2 and sessions > 1
    dates = [day, day + timedelta(days=1)] if spread else [day]
    starts = [start for each in dates for start in candidate_starts(each, reference_zone, minutes)]
    if hosts_awake:
        starts = [
            start
            for start in starts
            if band(start, start + timedelta(minutes=minutes), reference_zone) != NIGHT
        ]
    if not participants or len(starts) < sessions:
        return None
    second_day = day_bounds(dates[-1], reference_zone)[0]

    def both_days(chosen: tuple[int, ...]) -> bool:
        return not spread or starts[chosen[0]] < second_day <= starts[chosen[-1]]

    search = _Search(
        [_masks(participants, start, minutes) for start in starts],
        _first_after(starts, minutes),
        sessions,
        both_days,
    )
    search.run()
    if search.best is None:
        return None
    return assign(participants, [starts[i] for i in search.best], minutes)


def day_hours(day: date, reference_zone: str) -> list[datetime]:
    """The UTC instant of each hour of a day in the reference zone (23 or 25 on clock-change days)."""
    day_start, day_end = day_bounds(day, reference_zone)
    return [day_start + timedelta(hours=n) for n in range(int((day_end - day_start) / timedelta(hours=1)))]


def grid(
    participants: list[Participant], day: date, reference_zone: str, starts_at: datetime, minutes: int
) -> list[dict]:
    """One row per participant: the local hours of the reference day, coloured, the candidate marked."""
    ends_at = starts_at + timedelta(minutes=minutes)
    hours = day_hours(day, reference_zone)
    rows = []
    for participant in participants:
        tz = ZoneInfo(participant.zone)
        rows.append(
            {
                "participant": participant,
                "local_start": starts_at.astimezone(tz),
                "local_end": ends_at.astimezone(tz),
                "band": band(starts_at, ends_at, participant.zone),
                "cells": [
                    {
                        "local": hour.astimezone(tz),
                        "band": hour_band(hour.astimezone(tz)),
                        "chosen": starts_at < hour + timedelta(hours=1) and hour < ends_at,
                    }
                    for hour in hours
                ],
            }
        )
    return rows
