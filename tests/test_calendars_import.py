"""Importing a secretariat's calendar: preview, ISCM mapping, update by UID, line-numbered errors, all or nothing."""

import io
from datetime import UTC, datetime

import sqlalchemy as sa

from coordinator.calendars.imports import read_csv, read_ics
from coordinator.extensions import db
from coordinator.meetings.models import Meeting

ICS = """BEGIN:VCALENDAR\r
VERSION:2.0\r
BEGIN:VEVENT\r
UID:som-1@bali\r
SUMMARY:Ad Hoc Group SOM\\, Bali\r
DTSTART;TZID=Asia/Jakarta:20230615T090000\r
DTEND;TZID=Asia/Jakarta:20230615T170000\r
LOCATION:Bali\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:ws-2@bali\r
SUMMARY:Workshop\r
DTSTART;VALUE=DATE:20230701\r
DTEND;VALUE=DATE:20230703\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_ics_rows_keep_zone_and_make_all_day_ends_inclusive(app):
    with app.test_request_context():
        result = read_ics(ICS.encode())
    assert result.errors == []
    som, workshop = result.rows
    assert som["title"] == "Ad Hoc Group SOM, Bali" and som["timezone"] == "Asia/Jakarta"
    assert som["starts_at"] == datetime(2023, 6, 15, 2, tzinfo=UTC)
    assert (
        workshop["start_date"].isoformat() == "2023-07-01"
        and workshop["end_date"].isoformat() == "2023-07-02"
    )


def test_errors_name_their_line_and_give_no_rows(app):
    with app.test_request_context():
        no_start = read_ics(ICS.replace("DTSTART;VALUE=DATE:20230701\r\n", "").encode())
        bad_zone = read_ics(ICS.replace("Asia/Jakarta", "Mars/Olympus").encode())
        garbage = read_ics(b"BEGIN:VCALENDAR\r\nthis is not ical\r\nEND:VCALENDAR\r\n")
        csv_bad = read_csv(b"title,start,timezone\nSOM,2023-06-15,UTC\nWorkshop,,UTC\nX,2023-13-01,UTC\n")
    assert no_start.rows == [] and no_start.errors == [
        "Line 10: the event “Workshop” has no start (DTSTART)."
    ]
    assert bad_zone.rows == [] and bad_zone.errors[0] == "Line 6: unknown time zone “Mars/Olympus”."
    assert garbage.errors[0].startswith("Line 2:")
    assert csv_bad.rows == [] and [e.split(":")[0] for e in csv_bad.errors] == ["Line 3", "Line 4"]


def test_csv_times_are_read_in_the_row_zone_and_refuse_a_skipped_hour(app):
    with app.test_request_context():
        ok = read_csv(b"title,start,start_time,end_time,timezone\nSOM,2023-03-27,09:00,10:00,Europe/Zurich\n")
        skipped = read_csv(b"title,start,start_time,timezone\nSOM,2023-03-26,02:30,Europe/Zurich\n")
    assert ok.rows[0]["starts_at"] == datetime(2023, 3, 27, 7, tzinfo=UTC)
    assert skipped.errors and skipped.errors[0].startswith("Line 2:")


def _upload(client, content: bytes, name="bali.ics"):
    return client.post(
        "/calendar/import",
        data={"file": (io.BytesIO(content), name), "iscm": "bali-process", "timezone": "UTC"},
        content_type="multipart/form-data",
    )


def _confirm(client, preview_html: str):
    import re

    fields = dict(
        re.findall(r'name="(key|iscm|timezone|filename)" type="hidden" value="([^"]*)"', preview_html)
    )
    return client.post("/calendar/import/confirm", data=fields)


def test_preview_then_import_then_reimport_updates_by_uid(app, client, registry, as_role):
    as_role("staff")
    preview = _upload(client, ICS.encode())
    assert preview.status_code == 200 and "Ad Hoc Group SOM, Bali" in preview.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Meeting)) == 0
    _confirm(client, preview.get_data(as_text=True))
    changed = ICS.replace("20230615T090000", "20230616T090000").replace("20230615T170000", "20230616T170000")
    _confirm(client, _upload(client, changed.encode()).get_data(as_text=True))
    with app.app_context():
        meetings = db.session.scalars(sa.select(Meeting).order_by(Meeting.title)).all()
        assert [m.title for m in meetings] == ["Ad Hoc Group SOM, Bali", "Workshop"]
        assert [i.slug for i in meetings[0].iscms] == ["bali-process"]
        assert meetings[0].uid == "som-1@bali" and meetings[0].sequence == 1
        assert meetings[0].start_date.isoformat() == "2023-06-16"


def test_a_bad_file_imports_nothing_and_says_why(app, client, registry, as_role):
    as_role("staff")
    response = _upload(client, ICS.replace("Asia/Jakarta", "Mars/Olympus").encode())
    assert response.status_code == 400 and "Line 6: unknown time zone" in response.get_data(as_text=True)
    assert _upload(client, b"hello", name="notes.txt").status_code == 400


def test_import_is_for_staff(client, registry, as_role):
    assert client.get("/calendar/import").status_code in (302, 401)
    as_role("user")
    assert client.get("/calendar/import").status_code == 403


def _one_event(*lines: str, before: str = "") -> bytes:
    """A calendar of one event (UID and SUMMARY given); `lines` start on line 6 when nothing comes `before`."""
    body = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + before + "BEGIN:VEVENT\r\nUID:x@bali\r\nSUMMARY:SOM\r\n"
    return (body + "".join(f"{line}\r\n" for line in lines) + "END:VEVENT\r\nEND:VCALENDAR\r\n").encode()


WINDOWS_ZONE = """BEGIN:VTIMEZONE\r
TZID:W. Europe Standard Time\r
BEGIN:STANDARD\r
DTSTART:16010101T030000\r
TZOFFSETFROM:+0200\r
TZOFFSETTO:+0100\r
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10\r
END:STANDARD\r
BEGIN:DAYLIGHT\r
DTSTART:16010101T020000\r
TZOFFSETFROM:+0100\r
TZOFFSETTO:+0200\r
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3\r
END:DAYLIGHT\r
END:VTIMEZONE\r
"""


def test_ics_values_the_reader_lets_through_are_refused_with_their_line(app):
    with app.test_request_context():
        bad_date = read_ics(_one_event("DTSTART:2023XX01"))
        backwards = read_ics(_one_event("DTSTART:20230615T090000Z", "DTEND:20230615T080000Z"))
        bad_end_zone = read_ics(
            _one_event(
                "DTSTART;TZID=Europe/Zurich:20230615T090000", "DTEND;TZID=Mars/Olympus:20230615T100000"
            )
        )
        mixed = read_ics(_one_event("DTSTART;VALUE=DATE:20230615", "DTEND:20230616T100000Z"))
        bad_duration = read_ics(_one_event("DTSTART:20230615T090000Z", "DURATION:two hours"))
    assert bad_date.rows == [] and bad_date.errors == [
        "Line 6: “2023XX01” is not a date (20230615) or a time (20230615T090000)."
    ]
    assert backwards.errors == ["Line 7: the end is before the start."]
    assert bad_end_zone.errors == ["Line 7: unknown time zone “Mars/Olympus”."]
    assert mixed.errors == ["Line 7: the start and the end must both be dates or both be times."]
    assert bad_duration.rows == [] and bad_duration.errors[0].startswith("Line 7:")


def test_windows_zone_names_as_outlook_writes_them_are_mapped_to_iana_zones(app):
    with app.test_request_context():
        result = read_ics(
            _one_event(
                "DTSTART;TZID=W. Europe Standard Time:20230615T090000",
                "DTEND;TZID=W. Europe Standard Time:20230615T103000",
                before=WINDOWS_ZONE,
            )
        )
    assert result.errors == []
    (row,) = result.rows
    assert row["timezone"] == "Europe/Berlin"
    assert (row["starts_at"], row["ends_at"]) == (
        datetime(2023, 6, 15, 7, tzinfo=UTC),
        datetime(2023, 6, 15, 8, 30, tzinfo=UTC),
    )


def test_an_event_with_a_duration_ends_after_it(app):
    with app.test_request_context():
        (row,) = read_ics(_one_event("DTSTART:20230615T090000Z", "DURATION:PT2H")).rows
    assert row["ends_at"] == datetime(2023, 6, 15, 11, tzinfo=UTC)


def test_csv_kind_level_and_format_must_be_known(app):
    header = b"title,start,kind,level,format\n"
    with app.test_request_context():
        ok = read_csv(header + b"SOM,2023-06-15,SOM,Ministerial,In person\n")
        bad = read_csv(
            header + b"SOM,2023-06-15,som,high,in_person\nWebinar,2023-06-16,webinar,technical,zoom\n"
        )
    assert ok.errors == [] and {k: ok.rows[0][k] for k in ("kind", "level", "format")} == {
        "kind": "som",
        "level": "ministerial",
        "format": "in_person",
    }
    assert bad.rows == [] and bad.errors == [
        "Line 2: level “high” is not one of: ministerial, senior, technical.",
        "Line 3: format “zoom” is not one of: in_person, online, hybrid.",
    ]


def test_bad_files_are_refused_at_the_preview_and_nothing_is_imported(app, client, registry, as_role):
    as_role("staff")
    for content in (
        _one_event("DTSTART:2023XX01"),
        _one_event("DTSTART:20230615T090000Z", "DTEND:20230615T080000Z"),
    ):
        response = _upload(client, content)
        assert response.status_code == 400 and "Line " in response.get_data(as_text=True)
    response = _upload(client, b"title,start,level\nSOM,2023-06-15,high\n", name="bali.csv")
    assert response.status_code == 400 and "Line 2: level “high”" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Meeting)) == 0


def test_a_windows_zone_file_imports_through_the_pages(app, client, registry, as_role):
    as_role("staff")
    preview = _upload(
        client,
        _one_event(
            "DTSTART;TZID=W. Europe Standard Time:20230615T090000",
            "DTEND;TZID=W. Europe Standard Time:20230615T103000",
            before=WINDOWS_ZONE,
        ),
    )
    assert preview.status_code == 200
    assert _confirm(client, preview.get_data(as_text=True)).status_code == 302
    with app.app_context():
        meeting = db.session.scalar(sa.select(Meeting).where(Meeting.uid == "x@bali"))
        assert (meeting.timezone, meeting.starts_at) == (
            "Europe/Berlin",
            datetime(2023, 6, 15, 7, tzinfo=UTC),
        )


def test_csv_choices_match_the_page_language_labels_without_their_accents(app):
    """A French secretariat types "Ministeriel" or "en-presentiel" as often as the labels' own spelling."""
    header = b"title,start,level,format\n"
    with app.test_request_context(headers={"Accept-Language": "fr"}):
        result = read_csv(
            header + "SOM,2023-06-15,Ministeriel,en-présentiel\nGT,2023-06-16,MINISTÉRIEL,hybride\n".encode()
        )
    assert result.errors == []
    assert [(row["level"], row["format"]) for row in result.rows] == [
        ("ministerial", "in_person"),
        ("ministerial", "hybrid"),
    ]
