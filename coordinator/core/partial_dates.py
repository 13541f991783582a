"""Dates known only to the year or the month, as the source documents often give them."""

import calendar
import re
from datetime import date

from babel.dates import format_date, format_skeleton

#: The years a meeting may be dated in and the calendar pages show.
MIN_YEAR, MAX_YEAR = 1900, 2200
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


def parse_partial_end(text: str | None) -> tuple[date | None, str | None]:
    """The end of a period as it is stored: the last day the text can mean ('2021' -> 2021-12-31).

    So "from 2021-06 to 2021" is a valid term, and a plain `ends_on >= starts_on` in the database says
    exactly what the form says.
    """
    value, precision = parse_partial_date(text)
    return (period_end(value, precision) if value else None), precision


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


def describe_partial_date(value: date | None, precision: str | None, locale) -> str:
    """A partial date as a reader of `locale` writes it: '2019', 'juin 2019', '15 juin 2019'."""
    if value is None:
        return ""
    if precision == "year":
        return f"{value.year}"
    if precision == "month":
        return format_skeleton("yMMMM", value, locale=locale)
    return format_date(value, "medium", locale=locale)
