"""Dates known only to the year or the month, as the source documents often give them."""

import calendar
import re
from datetime import date

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


class PartialDateError(ValueError):
    pass


def parse_partial_date(text: str | None) -> tuple[date | None, str | None]:
    """'2019' -> (2019-01-01, 'year'); '2019-06' -> (2019-06-01, 'month'); '2019-06-15' -> day."""
    if text is None or not str(text).strip():
        return None, None
    match = _PATTERN.match(str(text).strip())
    if not match:
        raise PartialDateError(text)
    year, month, day = match.groups()
    try:
        if day:
            return date(int(year), int(month), int(day)), "day"
        if month:
            return date(int(year), int(month), 1), "month"
        return date(int(year), 1, 1), "year"
    except ValueError as error:
        raise PartialDateError(text) from error


def format_partial_date(value: date | None, precision: str | None) -> str:
    if value is None:
        return ""
    if precision == "year":
        return f"{value.year}"
    if precision == "month":
        return f"{value.year}-{value.month:02d}"
    return value.isoformat()


def period_end(value: date, precision: str | None) -> date:
    """The last day a partial date can mean: '2019' ends on 31 December 2019."""
    if precision == "year":
        return date(value.year, 12, 31)
    if precision == "month":
        return date(value.year, value.month, calendar.monthrange(value.year, value.month)[1])
    return value
