"""One way to create and edit any meeting: light calendar entries through /meetings/new and /meetings/<slug>/edit,
their calendar fields, times in the reference zone, the cancel action, and the entry in /calendar and its feeds."""

import re
from datetime import UTC, date, datetime

import icalendar
import pytest
import sqlalchemy as sa
import vobject

from coordinator.audit.models import AuditEntry
from coordinator.extensions import db
from coordinator.meetings.models import Meeting, MeetingRole
from coordinator.meetings.operations import RESERVED_SLUGS
from tests.calendar_factories import add_entry


def entry_form(**overrides) -> dict:
    """A light calendar entry as a secretariat types it: all-day, one ISCM, calendar facts."""
    values = {
        "title": "Senior Officials' Meeting",
        "iscms": ["bali-process"],
        "kind": "som",
        "level": "senior",
        "format": "in_person",
        "start_date": "2023-06-12",
        "end_date": "2023-06-13",
        "timezone": "Asia/Bangkok",
        "place": "Bangkok, Thailand",
        "themes": ["labour-migration"],
        "initiatives": ["gcm", "sdgs"],
        "outcome_documents": "Bangkok Statement\nWork plan 2023–2025",
        "visibility": "public",
        "status": "published",
        "count": "1",
    }
    values.update(overrides)
    return values


def timed_form(**overrides) -> dict:
    values = entry_form(
        timezone="Europe/Zurich",
        timed="y",
        start_date="2023-06-12",
        end_date="",
        start_time="09:00",
        end_time="12:30",
        place="Geneva, Switzerland",
    )
    values.update(overrides)
    return values


def meeting_count(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count(Meeting.id)))


def only_meeting(app) -> Meeting:
    return db.session.scalar(sa.select(Meeting))


def parse(body: bytes) -> dict[str, icalendar.Event]:
    """Both parsers read the feed; icalendar's events by UID."""
    other = vobject.readOne(body.decode("utf-8"))
    events = {str(e["uid"]): e for e in icalendar.Calendar.from_ical(body).walk("VEVENT")}
    assert sorted(e.uid.value for e in getattr(other, "vevent_list", [])) == sorted(events)
    return events


@pytest.fixture
def entry(app, registry, make_user) -> dict:
    """A light entry (no sessions, no agenda) and the account that organizes it."""
    organizer = make_user("user")
    slug = add_entry(
        app,
        title="Bali Process SOM",
        place="Bali, Indonesia",
        initiatives=["gcm"],
        outcome_documents=["Bali Declaration"],
        source="ISCM 2023 Highlights",
        start_date=date(2023, 2, 10),
        end_date=date(2023, 2, 10),
    )
    with app.app_context():
        meeting = db.session.scalar(sa.select(Meeting).where(Meeting.slug == slug))
        db.session.add(MeetingRole(meeting_id=meeting.id, user_id=organizer.id, role="organizer"))
        db.session.commit()
        return {"slug": slug, "uid": meeting.uid, "organizer": organizer}


# Who may create, edit and cancel ----------------------------------------------------------------


@pytest.mark.parametrize("role,expected", [("anonymous", 302), ("user", 403), ("staff", 200), ("admin", 200)])
def test_the_new_meeting_form_by_role(client, registry, as_role, role, expected):
    as_role(role)
    response = client.get("/meetings/new?iscm=bali-process")
    assert response.status_code == expected
    if role == "anonymous":
        assert "/login" in response.headers["Location"]


@pytest.mark.parametrize("role,expected", [("anonymous", 302), ("user", 403)])
def test_creating_is_refused_without_the_right_and_saves_nothing(
    app, client, registry, as_role, role, expected
):
    as_role(role)
    assert client.post("/meetings/new", data=entry_form()).status_code == expected
    assert meeting_count(app) == 0


def test_a_meeting_whose_slug_is_a_fixed_address_gets_a_page_of_its_own(app, client, registry, as_role):
    as_role("staff")
    first = client.post("/meetings/new", data=entry_form(number="New", title="A new dialogue"))
    second = client.post("/meetings/new", data=entry_form(number="NEW", title="Another new dialogue"))
    assert [first.headers["Location"], second.headers["Location"]] == ["/meetings/new-2", "/meetings/new-3"]
    assert "<h1>A new dialogue</h1>" in client.get("/meetings/new-2").get_data(as_text=True)
    assert "<h1>New meeting</h1>" in client.get("/meetings/new").get_data(as_text=True)


def test_every_fixed_meetings_address_is_reserved(app):
    fixed = {
        rule.rule.removeprefix("/meetings/")
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/meetings/") and not rule.arguments and rule.rule.count("/") == 2
    }
    assert fixed == RESERVED_SLUGS


@pytest.mark.parametrize("role", ["staff", "admin"])
def test_staff_and_admins_create_a_light_entry_and_organize_it(app, client, registry, as_role, role):
    user = as_role(role)
    response = client.post("/meetings/new", data=entry_form())
    assert response.status_code == 302
    with app.app_context():
        meeting = only_meeting(app)
        assert response.headers["Location"] == f"/meetings/{meeting.slug}"
        assert meeting.slug == "2023-bali-process-senior-officials-meeting-2023-06-12"
        assert (meeting.kind, meeting.level, meeting.format, meeting.place) == (
            "som",
            "senior",
            "in_person",
            "Bangkok, Thailand",
        )
        assert [i.slug for i in meeting.iscms] == ["bali-process"]
        assert [t.slug for t in meeting.themes] == ["labour-migration"]
        assert meeting.initiatives == ["gcm", "sdgs"]
        assert meeting.outcome_documents == ["Bangkok Statement", "Work plan 2023–2025"]
        assert (meeting.all_day, meeting.start_date, meeting.end_date, meeting.starts_at) == (
            True,
            date(2023, 6, 12),
            date(2023, 6, 13),
            None,
        )
        assert (meeting.year, meeting.count, meeting.sequence) == (2023, 1, 0)
        assert [(r.user_id, r.role) for r in meeting.roles] == [(user.id, "organizer")]
        audit = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "meeting.create"))
        assert audit.user_id == user.id and audit.changes["place"] == [None, "Bangkok, Thailand"]


@pytest.mark.parametrize(
    "role,expected", [("anonymous", 302), ("user", 403), ("staff", 403), ("admin", 200), ("organizer", 200)]
)
def test_editing_an_entry_is_for_its_organizers_and_admins(client, auth, entry, as_role, role, expected):
    if role == "organizer":
        auth.login(entry["organizer"])
    else:
        as_role(role)
    assert client.get(f"/meetings/{entry['slug']}/edit").status_code == expected


@pytest.mark.parametrize("role,expected", [("anonymous", 302), ("user", 403), ("staff", 403)])
def test_cancelling_is_refused_to_those_who_do_not_organize_it(app, client, entry, as_role, role, expected):
    as_role(role)
    assert client.post(f"/meetings/{entry['slug']}/cancel").status_code == expected
    with app.app_context():
        assert only_meeting(app).status == "published"


def test_the_calendar_and_the_iscm_page_offer_staff_to_add_an_entry(client, registry, as_role):
    assert 'id="add-to-calendar"' not in client.get("/calendar").get_data(as_text=True)
    as_role("staff")
    page = client.get("/calendar?iscm=bali-process").get_data(as_text=True)
    assert 'href="/meetings/new?status=published&amp;iscm=bali-process" id="add-to-calendar"' in page
    iscm_page = client.get("/iscms/bali-process").get_data(as_text=True)
    assert 'href="/meetings/new?iscm=bali-process&amp;status=published" id="add-to-calendar"' in iscm_page


def test_the_new_form_is_prefilled_from_the_iscm(client, registry, as_role):
    as_role("staff")
    page = client.get("/meetings/new?iscm=bali-process&status=published&start_date=2023-06-12").get_data(
        as_text=True
    )
    assert re.search(
        r'<input checked id="iscms-\d+" name="iscms" type="checkbox" value="bali-process">', page
    )
    assert 'value="Asia/Bangkok"' in page
    assert '<option selected value="published">' in page
    assert 'value="2023-06-12"' in page
    assert 'id="calendar-fields"' in page


# Times in the reference zone ---------------------------------------------------------------------


def test_a_timed_entry_is_stored_in_utc_from_the_reference_zone(app, client, registry, as_role):
    as_role("staff")
    assert client.post("/meetings/new", data=timed_form()).status_code == 302
    with app.app_context():
        meeting = only_meeting(app)
        # Geneva (Europe/Zurich) is UTC+2 in June.
        assert (meeting.all_day, meeting.starts_at, meeting.ends_at) == (
            False,
            datetime(2023, 6, 12, 7, 0, tzinfo=UTC),
            datetime(2023, 6, 12, 10, 30, tzinfo=UTC),
        )
        assert meeting.end_date == date(2023, 6, 12)


@pytest.mark.parametrize(
    "overrides,field,message",
    [
        (
            {"start_date": "2023-06-13", "end_date": "2023-06-12"},
            "end_date",
            "The meeting cannot end before it starts.",
        ),
        ({"timezone": "Europe/Geneva"}, "timezone", "Unknown time zone “Europe/Geneva”"),
        (
            {
                "timed": "y",
                "start_date": "2023-06-12",
                "end_date": "",
                "start_time": "14:00",
                "end_time": "13:00",
                "timezone": "Europe/Zurich",
            },
            "end_time",
            "The meeting cannot end before it starts.",
        ),
        (
            {
                "timed": "y",
                "start_date": "2023-03-26",
                "end_date": "",
                "start_time": "02:30",
                "end_time": "04:00",
                "timezone": "Europe/Zurich",
            },
            "start_time",
            "02:30 does not exist on 2023-03-26 in Europe/Zurich: the clocks skip it. Choose another time.",
        ),
        (
            {
                "timed": "y",
                "start_date": "2023-10-29",
                "end_date": "",
                "start_time": "01:00",
                "end_time": "02:30",
                "timezone": "Europe/Zurich",
            },
            "end_time",
            "02:30 happens twice on 2023-10-29 in Europe/Zurich",
        ),
        ({"timed": "y", "start_time": "", "end_time": "10:00"}, "start_time", "Give a time such as 15:00."),
        (
            {"start_date": "", "end_date": ""},
            "start_date",
            "Give the first day (or, when the source does not give it, the month or year).",
        ),
    ],
)
def test_bad_input_gets_a_message_keeps_the_input_and_saves_nothing(
    app, client, registry, as_role, overrides, field, message
):
    as_role("staff")
    response = client.post("/meetings/new", data=entry_form(**overrides))
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in page
    assert 'value="Senior Officials&#39; Meeting"' in page
    assert meeting_count(app) == 0


def test_a_bad_edit_changes_nothing(app, client, auth, entry):
    auth.login(entry["organizer"])
    response = client.post(
        f"/meetings/{entry['slug']}/edit",
        data=entry_form(
            version="1",
            title="Renamed",
            timed="y",
            start_date="2023-03-26",
            end_date="",
            start_time="02:15",
            end_time="03:30",
            timezone="Europe/Zurich",
        ),
    )
    assert response.status_code == 400
    with app.app_context():
        meeting = only_meeting(app)
        assert (meeting.title, meeting.sequence, meeting.all_day) == ("Bali Process SOM", 0, True)


def field_errors(page: str) -> list[str]:
    return re.findall(r'<p class="error" role="alert">([^<]+)</p>', page)


def test_a_year_or_count_that_is_not_a_number_gets_one_message(app, client, registry, as_role):
    as_role("staff")
    response = client.post(
        "/meetings/new", data=entry_form(start_date="", end_date="", year="abc", count="x")
    )
    assert response.status_code == 400
    assert field_errors(response.get_data(as_text=True)) == [
        "Give the first day (or, when the source does not give it, the month or year).",
        "Not a valid integer value.",
        "Not a valid integer value.",
    ]
    response = client.post(
        "/meetings/new", data=entry_form(start_date="", end_date="", year="1899", count="0")
    )
    assert field_errors(response.get_data(as_text=True)) == [
        "Number must be between 1900 and 2200.",
        "Number must be between 1 and 1000.",
    ]
    assert meeting_count(app) == 0


def test_an_entry_dated_only_to_a_month_is_edited_without_inventing_a_day(app, client, registry, as_role):
    slug = add_entry(
        app,
        title="Five training workshops",
        start_date=None,
        end_date=None,
        month=date(2023, 7, 1),
        count=5,
        dates_text="July",
    )
    as_role("admin")
    form = client.get(f"/meetings/{slug}/edit").get_data(as_text=True)
    assert 'value="2023-07"' in form and 'value="5"' in form
    response = client.post(
        f"/meetings/{slug}/edit",
        data=entry_form(
            version="1",
            title="Five training workshops on labour migration",
            start_date="",
            end_date="",
            month="2023-07",
            count="5",
            dates_text="July",
        ),
    )
    assert response.status_code == 302
    with app.app_context():
        meeting = only_meeting(app)
        assert (meeting.start_date, meeting.month, meeting.year, meeting.count) == (
            None,
            date(2023, 7, 1),
            2023,
            5,
        )


# The entry in the calendar and its feeds --------------------------------------------------------


def test_a_created_all_day_entry_is_in_the_calendar_the_feed_and_the_json(app, client, registry, as_role):
    as_role("staff")
    client.post("/meetings/new", data=entry_form())
    with app.app_context():
        meeting = only_meeting(app)
        slug, uid = meeting.slug, meeting.uid
    client.post("/logout")
    month = client.get("/calendar?month=2023-06").get_data(as_text=True)
    assert f'href="/meetings/{slug}" data-title="1"' in month
    listed = client.get("/calendar?view=list&when=past&iscm=bali-process").get_data(as_text=True)
    assert f'href="/meetings/{slug}" class="cal-title"' in listed
    body = client.get("/calendar.ics?iscm=bali-process").data
    assert b"DTSTART;VALUE=DATE:20230612" in body and b"DTEND;VALUE=DATE:20230614" in body
    event = parse(body)[uid]
    assert str(event["location"]) == "Bangkok, Thailand"
    assert [str(c) for c in event["categories"].cats] == ["Labour migration"]
    data = client.get("/calendar.json?iscm=bali-process").get_json()
    assert [
        (m["uid"], m["all_day"], m["start_date"], m["end_date"], m["kind"], m["level"])
        for m in data["meetings"]
    ] == [(uid, True, "2023-06-12", "2023-06-13", "som", "senior")]
    assert data["meetings"][0]["outcome_documents"] == ["Bangkok Statement", "Work plan 2023–2025"]


def test_a_created_timed_entry_is_in_the_feed_in_its_zone(app, client, registry, as_role):
    as_role("staff")
    client.post("/meetings/new", data=timed_form())
    body = client.get("/calendar.ics").data
    assert b"DTSTART;TZID=Europe/Zurich:20230612T090000" in body
    assert b"DTEND;TZID=Europe/Zurich:20230612T123000" in body
    assert b"TZID:Europe/Zurich" in body  # its VTIMEZONE
    (event,) = parse(body).values()
    assert event.decoded("dtstart").astimezone(UTC) == datetime(2023, 6, 12, 7, 0, tzinfo=UTC)
    data = client.get("/calendar.json").get_json()
    assert (data["meetings"][0]["all_day"], data["meetings"][0]["starts_at"]) == (
        False,
        "2023-06-12T07:00:00+00:00",
    )


def test_an_edit_of_the_date_raises_sequence_with_the_uid_unchanged(app, client, auth, entry):
    before = parse(client.get("/calendar.ics").data)[entry["uid"]]
    auth.login(entry["organizer"])
    response = client.post(
        f"/meetings/{entry['slug']}/edit",
        data=entry_form(
            version="1",
            title="Bali Process SOM",
            start_date="2023-02-17",
            end_date="2023-02-17",
            place="Bali, Indonesia",
        ),
    )
    assert response.status_code == 302
    after = parse(client.get("/calendar.ics").data)[entry["uid"]]
    assert after["sequence"] == before["sequence"] + 1
    assert after.decoded("dtstart") == date(2023, 2, 17)
    with app.app_context():
        meeting = only_meeting(app)
        assert meeting.uid == entry["uid"]
        audit = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "meeting.update")).all()
        assert [a.changes["start_date"] for a in audit] == [["2023-02-10", "2023-02-17"]]


def test_an_edit_of_the_kind_only_keeps_the_sequence(app, client, auth, entry):
    auth.login(entry["organizer"])
    client.post(
        f"/meetings/{entry['slug']}/edit",
        data=entry_form(
            version="1",
            title="Bali Process SOM",
            kind="plenary",
            start_date="2023-02-10",
            end_date="2023-02-10",
            place="Bali, Indonesia",
            timezone="UTC",
        ),
    )
    with app.app_context():
        meeting = only_meeting(app)
        assert (meeting.kind, meeting.sequence) == ("plenary", 0)


def test_cancel_keeps_the_entry_with_status_cancelled_and_a_higher_sequence(app, client, auth, entry):
    auth.login(entry["organizer"])
    response = client.post(f"/meetings/{entry['slug']}/cancel")
    assert response.status_code == 302 and response.headers["Location"] == f"/meetings/{entry['slug']}"
    event = parse(client.get("/calendar.ics").data)[entry["uid"]]
    assert (str(event["status"]), event["sequence"]) == ("CANCELLED", 1)
    page = client.get(f"/meetings/{entry['slug']}").get_data(as_text=True)
    assert "badge status-cancelled" in page and 'id="cancel-meeting"' not in page
    with app.app_context():
        assert only_meeting(app).status == "cancelled"
        audit = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "meeting.update"))
        assert audit.changes["status"] == ["published", "cancelled"]


# The page of a light entry ----------------------------------------------------------------------


def test_a_light_entry_page_shows_its_calendar_facts_and_no_empty_agenda(client, entry):
    response = client.get(f"/meetings/{entry['slug']}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    for text in (
        "<dt>Kind</dt><dd>Senior officials' meeting</dd>",
        "<dt>Level</dt><dd>Senior officials</dd>",
        "Bali, Indonesia",
        "Labour migration",
        "Global Compact for Migration (GCM)",
        "Bali Declaration",
        "ISCM 2023 Highlights",
        "(all day)",
    ):
        assert text in page, text
    assert "Not released yet" not in page and "No material yet." not in page
    assert f'href="/meetings/{entry["slug"]}/agenda"' not in page
    assert 'id="plan-sessions"' not in page and 'id="cancel-meeting"' not in page


def test_organizers_are_offered_to_plan_sessions_and_to_cancel(client, auth, entry):
    auth.login(entry["organizer"])
    page = client.get(f"/meetings/{entry['slug']}").get_data(as_text=True)
    assert 'id="plan-sessions"' in page
    assert f'href="/meetings/{entry["slug"]}/sessions/new"' in page
    assert 'id="cancel-meeting"' in page


def test_a_meeting_with_sessions_takes_its_span_from_them(app, client, grcp9, sign_in):
    sign_in("organizer", grcp9.meeting_id)
    form = client.get("/meetings/grcp-9/edit").get_data(as_text=True)
    assert 'id="times-from-sessions"' in form and 'name="start_time"' not in form
    with app.app_context():
        before = db.session.get(Meeting, grcp9.meeting_id)
        span, sequence = (before.starts_at, before.ends_at), before.sequence
    response = client.post(
        "/meetings/grcp-9/edit",
        data={
            "version": "1",
            "title": "Ninth Global Meeting",
            "number": "GRCP 9",
            "start_date": "2021-11-10",
            "end_date": "2021-11-11",
            "timezone": "Europe/Zurich",
            "format": "online",
            "visibility": "public",
            "status": "published",
            "kind": "global_meeting",
            "level": "senior",
            "place": "Geneva, Switzerland",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        after = db.session.get(Meeting, grcp9.meeting_id)
        assert ((after.starts_at, after.ends_at), after.all_day) == (span, False)
        assert (after.place, after.sequence) == ("Geneva, Switzerland", sequence + 1)


def test_a_meeting_over_several_days_shows_when_it_starts_and_when_it_ends(client, grcp9):
    dates = (
        client.get("/meetings/grcp-9")
        .get_data(as_text=True)
        .split('id="meeting-dates">', 1)[1]
        .split("</dd>")[0]
    )
    assert dates.strip().startswith("Nov 10, 2021 15:00 – Nov 11, 2021 ")
    assert dates.strip().endswith(" Europe/Zurich")


def test_every_page_of_an_undated_light_entry_answers_without_error(app, client, registry, as_role):
    slug = add_entry(app, title="Five training workshops", start_date=None, end_date=None, year=2023, count=5)
    as_role("admin")
    pages = {
        "": 200,
        "/agenda": 200,
        "/agenda/print": 200,
        "/agenda/changes": 200,
        "/agenda.pdf": 404,
        "/calendar.ics": 200,
        "/edit": 200,
        "/agenda/edit": 200,
        "/planner": 200,
        "/sessions/new": 200,
        "/roles": 200,
        "/report": 200,
    }
    assert {path: client.get(f"/meetings/{slug}{path}").status_code for path in pages} == pages


def test_a_stale_meeting_form_is_refused_and_shows_the_current_times_under_its_own_labels(
    app, client, registry, as_role
):
    as_role("staff")
    client.post("/meetings/new", data=timed_form())
    with app.app_context():
        slug = only_meeting(app).slug
    assert (
        client.post(f"/meetings/{slug}/edit", data=timed_form(version="1", start_time="10:00")).status_code
        == 302
    )
    stale = client.post(f"/meetings/{slug}/edit", data=timed_form(version="1", title="Stale title"))
    page = stale.get_data(as_text=True)
    assert stale.status_code == 409
    assert "<dt>Starts at (reference zone)</dt><dd>12 Jun 2023 10:00</dd>" in page
    assert "<dt>Ends at (reference zone, on the last day)</dt><dd>12 Jun 2023 12:30</dd>" in page
    with app.app_context():
        assert only_meeting(app).title == "Senior Officials' Meeting"


def test_the_edit_form_shows_a_timed_entry_in_its_reference_zone(app, client, registry, as_role):
    as_role("staff")
    client.post("/meetings/new", data=timed_form())
    with app.app_context():
        slug = only_meeting(app).slug
    form = client.get(f"/meetings/{slug}/edit").get_data(as_text=True)
    assert '<input checked id="timed" name="timed" type="checkbox" value="y">' in form
    assert '<input id="start_time" name="start_time" type="time" value="09:00">' in form
    assert '<input id="end_time" name="end_time" type="time" value="12:30">' in form
    assert '<input id="year" max="2200" min="1900" name="year" type="number" value="">' in form
