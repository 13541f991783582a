"""Time zone facts and conversions. Instants are stored in UTC; zones by IANA name; conversion at the edges."""

from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones


class NonexistentLocalTime(ValueError):
    """A wall-clock time skipped by a clock change (e.g. 02:30 on the spring-forward night)."""


class AmbiguousLocalTime(ValueError):
    """A wall-clock time that happens twice (the autumn fall-back hour)."""


@cache
def all_zone_names() -> tuple[str, ...]:
    return tuple(
        sorted(name for name in available_timezones() if "/" in name and not name.startswith("Etc/"))
    )


def is_known_zone(name: str | None) -> bool:
    if not name:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def local_to_utc(local: datetime, zone_name: str, fold: int | None = None) -> datetime:
    """The UTC instant of a wall-clock time in a zone; refuses times that do not exist or exist twice.

    `fold` picks the occurrence (0 first, 1 second) when the caller knows which one is meant.
    """
    tz = ZoneInfo(zone_name)
    naive = local.replace(tzinfo=None)
    first = naive.replace(tzinfo=tz, fold=0)
    second = naive.replace(tzinfo=tz, fold=1)
    if first.utcoffset() != second.utcoffset():
        if _round_trips(first):
            if fold is None:
                raise AmbiguousLocalTime(naive)
            return (first if fold == 0 else second).astimezone(UTC)
        raise NonexistentLocalTime(naive)
    return first.astimezone(UTC)


def _round_trips(aware: datetime) -> bool:
    return aware.astimezone(UTC).astimezone(aware.tzinfo).replace(tzinfo=None) == aware.replace(tzinfo=None)


def utc_to_local(instant: datetime, zone_name: str) -> datetime:
    return instant.astimezone(ZoneInfo(zone_name))


def utc_offset_label(instant: datetime, zone_name: str) -> str:
    """'UTC+01:00' style label of a zone's offset at an instant."""
    offset = instant.astimezone(ZoneInfo(zone_name)).utcoffset() or timedelta(0)
    sign = "+" if offset >= timedelta(0) else "-"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def day_shift(instant: datetime, reference_zone: str, reader_zone: str) -> int:
    """Days between the reference zone's date and the reader's date of one instant (+1, -1, 0)."""
    reference_day = instant.astimezone(ZoneInfo(reference_zone)).date()
    reader_day = instant.astimezone(ZoneInfo(reader_zone)).date()
    return (reader_day - reference_day).days


def combine_local(day: date, at: time, zone_name: str, fold: int | None = None) -> datetime:
    return local_to_utc(datetime.combine(day, at), zone_name, fold=fold)
