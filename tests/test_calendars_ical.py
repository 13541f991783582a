"""The iCal layer on its own: VTIMEZONE rules against the zone database, escaping, folding, all-day events."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject

from coordinator.exporting.ical import (
    CalendarMeta,
    EventData,
    assemble_calendar,
    serialize_event,
    vtimezone_text,
    zones_used,
)

ZONES = (
    "Europe/Zurich",
    "America/New_York",
    "Australia/Sydney",
    "Asia/Manila",
    "America/Santiago",
    "Africa/Casablanca",
    "America/Mexico_City",
    "Asia/Amman",
    "Asia/Damascus",
    "Pacific/Apia",
    "America/Asuncion",
    "Europe/Moscow",
    "Asia/Almaty",
    "Africa/Juba",
)
TRICKY = "Réunion, “Bali”; a\\b\nسلام عليكم — Встреча по миграции"


def _calendar(events: list[EventData]) -> bytes:
    return assemble_calendar(
        CalendarMeta("Test, feed; ok", "Filtered: Bali Process"),
        zones_used(events),
        [serialize_event(event) for event in events],
    )


def _parsed_zones(text: str) -> dict:
    """The VTIMEZONE as each parser reads it by its own rules (icalendar would look the TZID up by default)."""
    calendar = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + text + "END:VCALENDAR\r\n"
    return {
        "vobject": vobject.readOne(calendar).vtimezone.gettzinfo(),
        "icalendar": icalendar.Calendar.from_ical(calendar).walk("VTIMEZONE")[0].to_tz(lookup_tzid=False),
    }


@pytest.mark.parametrize("years", [(2021, 2024), (2023, 2024), (2020, 2022)])
@pytest.mark.parametrize("zone", ZONES)
def test_vtimezone_rules_give_the_zone_database_offsets_every_six_hours_in_both_parsers(zone, years):
    text = vtimezone_text(zone, *years)
    assert "RDATE" not in text
    expected_zone = ZoneInfo(zone)
    for parser, tzinfo in _parsed_zones(text).items():
        wrong = []
        instant = datetime(years[0], 1, 1, tzinfo=UTC)
        while instant < datetime(years[1] + 1, 1, 1, tzinfo=UTC):
            if instant.astimezone(tzinfo).utcoffset() != instant.astimezone(expected_zone).utcoffset():
                wrong.append(instant)
            instant += timedelta(hours=6)
        assert wrong == [], (parser, len(wrong), wrong[:3])


def test_a_zone_that_dropped_daylight_saving_gets_rules_that_end():
    mexico = vtimezone_text("America/Mexico_City", 2021, 2024)
    assert [line for line in mexico.splitlines() if line.startswith("RRULE")] == [
        "RRULE:FREQ=YEARLY;UNTIL=20220404T080000Z;BYDAY=1SU;BYMONTH=4",
        "RRULE:FREQ=YEARLY;UNTIL=20221031T070000Z;BYDAY=-1SU;BYMONTH=10",
    ]
    assert "UNTIL" not in vtimezone_text("Europe/Zurich", 2021, 2024)


def test_a_zone_whose_offset_changes_once_keeps_an_observance_for_the_offset_before_the_change():
    almaty = vtimezone_text("Asia/Almaty", 2023, 2024)
    assert [line for line in almaty.splitlines() if line.startswith(("DTSTART", "TZOFFSET"))] == [
        "DTSTART:19700101T060000",
        "TZOFFSETFROM:+0600",
        "TZOFFSETTO:+0600",
        "DTSTART:20240301T000000",
        "TZOFFSETFROM:+0600",
        "TZOFFSETTO:+0500",
    ]
    june = datetime(2023, 6, 1, 12, tzinfo=UTC)
    for parser, tzinfo in _parsed_zones(almaty).items():
        assert june.astimezone(tzinfo).utcoffset() == timedelta(hours=6), parser


def test_zurich_is_one_yearly_rule_pair():
    text = vtimezone_text("Europe/Zurich", 2021, 2023)
    assert text.count("RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3") == 1
    assert text.count("RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10") == 1


def test_a_zone_without_changes_is_one_fixed_observance():
    text = vtimezone_text("Asia/Manila", 2021, 2021)
    assert text.count("BEGIN:STANDARD") == 1 and "TZOFFSETTO:+0800" in text and "RRULE" not in text


def _geneva(day: date) -> EventData:
    start = datetime(day.year, day.month, day.day, 9, tzinfo=ZoneInfo("Europe/Zurich"))
    return EventData(
        uid=f"{day}@test",
        summary="Session",
        start=start,
        end=start + timedelta(hours=2),
        stamp=datetime(2023, 1, 1, tzinfo=UTC),
        timezone="Europe/Zurich",
    )


def test_geneva_0900_after_the_clock_change_and_in_july_land_on_the_right_instants_in_both_parsers():
    body = _calendar([_geneva(date(2023, 3, 27)), _geneva(date(2023, 7, 10)), _geneva(date(2023, 10, 30))])
    expected = {
        "2023-03-27@test": datetime(2023, 3, 27, 7, tzinfo=UTC),
        "2023-07-10@test": datetime(2023, 7, 10, 7, tzinfo=UTC),
        "2023-10-30@test": datetime(2023, 10, 30, 8, tzinfo=UTC),
    }
    for event in icalendar.Calendar.from_ical(body).walk("VEVENT"):
        assert event.decoded("dtstart").astimezone(UTC) == expected[str(event["uid"])]
        assert event["dtstart"].params["TZID"] == "Europe/Zurich"
    for event in vobject.readOne(body.decode()).vevent_list:
        assert event.dtstart.value.astimezone(UTC) == expected[event.uid.value]


def test_text_survives_a_round_trip_through_both_parsers_and_lines_fold_on_characters():
    event = EventData(
        uid="x@test",
        summary=TRICKY * 3,
        start=date(2023, 5, 1),
        end=date(2023, 5, 2),
        stamp=datetime(2023, 1, 1, tzinfo=UTC),
        description=TRICKY,
        location=TRICKY,
        categories=("Labour migration", "Return, readmission; reintegration"),
    )
    body = _calendar([event])
    for line in body.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")
    parsed = icalendar.Calendar.from_ical(body).walk("VEVENT")[0]
    assert str(parsed["summary"]) == TRICKY * 3
    assert str(parsed["description"]) == TRICKY
    assert [str(c) for c in parsed["categories"].cats] == [
        "Labour migration",
        "Return, readmission; reintegration",
    ]
    other = vobject.readOne(body.decode()).vevent
    assert other.summary.value == TRICKY * 3
    assert other.location.value == TRICKY


def test_all_day_events_are_dates_with_an_exclusive_end():
    event = EventData(
        uid="d@test",
        summary="SOM",
        start=date(2023, 5, 10),
        end=date(2023, 5, 11),
        stamp=datetime(2023, 1, 1, tzinfo=UTC),
    )
    body = _calendar([event])
    assert b"DTSTART;VALUE=DATE:20230510" in body and b"DTEND;VALUE=DATE:20230512" in body
    parsed = vobject.readOne(body.decode()).vevent
    assert parsed.dtstart.value == date(2023, 5, 10) and parsed.dtend.value == date(2023, 5, 12)


def test_calendar_header_names_the_feed_for_real_clients():
    body = _calendar([_geneva(date(2023, 7, 10))]).decode()
    for line in (
        "METHOD:PUBLISH",
        "NAME:Test\\, feed\\; ok",
        "X-WR-CALNAME:Test\\, feed\\; ok",
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
        "X-PUBLISHED-TTL:PT1H",
        "DESCRIPTION:Filtered: Bali Process",
        "BEGIN:VTIMEZONE",
        "TZID:Europe/Zurich",
    ):
        assert line in body.splitlines(), line
    assert body.count("BEGIN:VTIMEZONE") == 1
