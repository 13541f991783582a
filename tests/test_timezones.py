from datetime import UTC, date, datetime, time

import pytest

from coordinator.core.timezones import (
    AmbiguousLocalTime,
    NonexistentLocalTime,
    combine_local,
    day_shift,
    is_known_zone,
    local_to_utc,
    utc_offset_label,
)


def test_geneva_morning_in_winter_and_summer_lands_on_different_utc_hours():
    assert local_to_utc(datetime(2021, 11, 10, 15, 0), "Europe/Zurich") == datetime(
        2021, 11, 10, 14, 0, tzinfo=UTC
    )
    assert local_to_utc(datetime(2021, 7, 10, 15, 0), "Europe/Zurich") == datetime(
        2021, 7, 10, 13, 0, tzinfo=UTC
    )


def test_a_time_on_the_day_after_the_spring_clock_change_uses_summer_time():
    assert combine_local(date(2021, 3, 29), time(9, 0), "Europe/Zurich") == datetime(
        2021, 3, 29, 7, 0, tzinfo=UTC
    )


def test_a_time_skipped_by_the_spring_clock_change_is_refused():
    with pytest.raises(NonexistentLocalTime):
        local_to_utc(datetime(2021, 3, 28, 2, 30), "Europe/Zurich")


def test_a_time_that_happens_twice_in_autumn_needs_a_choice():
    with pytest.raises(AmbiguousLocalTime):
        local_to_utc(datetime(2021, 10, 31, 2, 30), "Europe/Zurich")
    assert local_to_utc(datetime(2021, 10, 31, 2, 30), "Europe/Zurich", fold=0) == datetime(
        2021, 10, 31, 0, 30, tzinfo=UTC
    )
    assert local_to_utc(datetime(2021, 10, 31, 2, 30), "Europe/Zurich", fold=1) == datetime(
        2021, 10, 31, 1, 30, tzinfo=UTC
    )


def test_geneva_has_no_zone_of_its_own():
    assert is_known_zone("Europe/Zurich")
    assert not is_known_zone("Europe/Geneva")
    assert not is_known_zone("")
    assert not is_known_zone("../etc/passwd")


def test_an_evening_session_in_geneva_is_the_next_day_in_manila():
    instant = local_to_utc(datetime(2021, 11, 10, 17, 20), "Europe/Zurich")
    assert day_shift(instant, "Europe/Zurich", "Asia/Manila") == 1
    assert day_shift(instant, "Europe/Zurich", "America/Guatemala") == 0


def test_offset_labels():
    instant = datetime(2021, 11, 10, 14, 0, tzinfo=UTC)
    assert utc_offset_label(instant, "Europe/Zurich") == "UTC+01:00"
    assert utc_offset_label(instant, "America/Guatemala") == "UTC-06:00"
    assert utc_offset_label(instant, "Asia/Kathmandu") == "UTC+05:45"
