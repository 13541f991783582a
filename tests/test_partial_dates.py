from datetime import date

import pytest

from coordinator.core.partial_dates import (
    PartialDateError,
    format_partial_date,
    parse_partial_date,
    period_end,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019", (date(2019, 1, 1), "year")),
        ("2019-06", (date(2019, 6, 1), "month")),
        ("2019-06-15", (date(2019, 6, 15), "day")),
        ("", (None, None)),
        (None, (None, None)),
    ],
)
def test_parse_partial_dates(text, expected):
    assert parse_partial_date(text) == expected


@pytest.mark.parametrize("text", ["June 2019", "2019-13", "2019-02-30", "19"])
def test_parse_refuses_what_is_not_a_date(text):
    with pytest.raises(PartialDateError):
        parse_partial_date(text)


def test_format_gives_back_what_was_known():
    assert format_partial_date(date(2019, 6, 1), "month") == "2019-06"
    assert format_partial_date(date(2019, 1, 1), "year") == "2019"
    assert format_partial_date(None, None) == ""


def test_period_end_is_the_last_day_the_date_can_mean():
    assert period_end(date(2019, 1, 1), "year") == date(2019, 12, 31)
    assert period_end(date(2020, 2, 1), "month") == date(2020, 2, 29)
    assert period_end(date(2019, 6, 15), "day") == date(2019, 6, 15)
