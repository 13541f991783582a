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
    assert workshop["start_date"].isoformat() == "2023-07-01" and workshop["end_date"].isoformat() == "2023-07-02"


def test_errors_name_their_line_and_give_no_rows(app):
    with app.test_request_context():
        no_start = read_ics(ICS.replace("DTSTART;VALUE=DATE:20230701\r\n", "").encode())
        bad_zone = read_ics(ICS.replace("Asia/Jakarta", "Mars/Olympus").encode())
        garbage = read_ics(b"BEGIN:VCALENDAR\r\nthis is not ical\r\nEND:VCALENDAR\r\n")
        csv_bad = read_csv(b"title,start,timezone\nSOM,2023-06-15,UTC\nWorkshop,,UTC\nX,2023-13-01,UTC\n")
    assert no_start.rows == [] and no_start.errors == ["Line 10: the event “Workshop” has no start (DTSTART)."]
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
    return client.post("/calendar/import", data={"file": (io.BytesIO(content), name), "iscm": "bali-process", "timezone": "UTC"},
                       content_type="multipart/form-data")


def _confirm(client, preview_html: str):
    import re

    fields = dict(re.findall(r'name="(key|iscm|timezone|filename)" type="hidden" value="([^"]*)"', preview_html))
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
