"""Meeting pages at work: reading the agenda in other zones, editing it with bad input and conflicts,
releasing versions with their changes and notices, the planner, the PDF and the printable agenda."""

import io
import re
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from coordinator.auth.models import User
from coordinator.extensions import db
from coordinator.iscms.models import Iscm
from coordinator.meetings.models import AgendaItem, AgendaRelease, Material, Meeting, MeetingRole, Session
from coordinator.notices.models import Notice
from coordinator.people.models import Person
from tests.meetings_helpers import item_row, make_private, session_row


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def session_form(**overrides):
    values = {
        "title": "Dedicated Discussion Session 1",
        "kind": "discussion",
        "day": "2021-11-10",
        "start": "16:00",
        "end": "17:30",
        "audience": "ISCMs based in Western time zones",
        "room": "Zoom",
        "status": "scheduled",
        "interpretation": ["en", "es"],
        "version": "1",
    }
    values.update(overrides)
    return values


def item_form(session_id, **overrides):
    values = {
        "session_id": str(session_id),
        "kind": "discussion",
        "title": "Discussion",
        "start": "16:00",
        "end": "17:20",
        "version": "1",
    }
    values.update(overrides)
    return values


# Reading ----------------------------------------------------------------------------------------


def test_agenda_in_manila_time_marks_the_next_day_and_says_the_zone_differs(client, grcp9):
    page = client.get("/meetings/grcp-9/agenda?tz=Asia/Manila").get_data(as_text=True)
    assert 'id="zone-banner"' in page
    assert "Asia/Manila" in page and "Europe/Zurich" in page
    # Discussion session 1: 16:00-17:30 in Geneva is 23:00-00:30 (+1 day) in Manila.
    assert '23:00–00:30 <span class="day-shift">+1 day</span>' in page
    assert "Statement of welcome" in page and "H.E. Mr António Vitorino" in page


def test_several_reader_zones_side_by_side(client, grcp9):
    page = client.get("/meetings/grcp-9/agenda?tz=Asia/Manila&tz=America/Guatemala").get_data(as_text=True)
    assert '<th scope="col" class="nowrap">America/Guatemala</th>' in page
    # The opening at 15:00 Geneva is 08:00 in Guatemala.
    assert "08:00–08:30" in page


def test_reference_zone_only_has_no_banner_and_no_browser_script(client, grcp9):
    page = client.get("/meetings/grcp-9/agenda?tz=Europe/Zurich").get_data(as_text=True)
    assert 'id="zone-banner"' not in page
    assert "resolvedOptions" not in page


def test_without_tz_the_page_asks_the_browser_for_its_zone(client, grcp9):
    page = client.get("/meetings/grcp-9/agenda").get_data(as_text=True)
    assert "resolvedOptions().timeZone" in page
    assert 'id="zone-banner"' not in page


def test_an_unknown_zone_is_reported_and_ignored(client, grcp9):
    response = client.get("/meetings/grcp-9/agenda?tz=Mars/Olympus")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Unknown time zone “Mars/Olympus”" in page
    assert 'id="zone-banner"' not in page


def test_a_signed_in_readers_zone_is_remembered_and_used(app, client, grcp9, sign_in):
    user = sign_in("user")
    client.post("/meetings/grcp-9/agenda/zone", data={"tz": "Asia/Manila"})
    page = client.get("/meetings/grcp-9/agenda").get_data(as_text=True)
    assert 'id="zone-banner"' in page and "resolvedOptions" not in page
    with app.app_context():
        assert db.session.get(User, user.id).timezone == "Asia/Manila"


def test_session_iscm_zones_link(client, grcp9):
    page = client.get("/meetings/grcp-9/agenda").get_data(as_text=True)
    assert "tz=America/Guyana" in page


def test_meeting_list_filters(client, grcp9):
    assert "Ninth Global Meeting" in client.get("/meetings?when=past&iscm=gfmd").get_data(as_text=True)
    assert "Ninth Global Meeting" not in client.get("/meetings?when=past&iscm=rabat-process").get_data(
        as_text=True
    )
    assert "Ninth Global Meeting" not in client.get("/meetings").get_data(as_text=True)  # upcoming only
    assert "Ninth Global Meeting" in client.get("/meetings?when=all&q=grcp").get_data(as_text=True)


def test_overview_shows_objective_questions_materials_and_calendar_link(client, grcp9):
    page = client.get("/meetings/grcp-9").get_data(as_text=True)
    assert "to discuss possible contributions" in page
    assert "GRCP 7 Highlights" in page
    assert 'href="/meetings/grcp-9/calendar.ics"' in page


def test_agenda_links_the_calendar_feed_and_webcal(client, grcp9):
    page = client.get("/meetings/grcp-9/agenda?tz=Europe/Zurich").get_data(as_text=True)
    assert 'href="http://localhost/meetings/grcp-9/calendar.ics"' in page
    assert 'href="webcal://localhost/meetings/grcp-9/calendar.ics"' in page


# Creating and editing ---------------------------------------------------------------------------


def test_staff_create_a_meeting_and_become_its_organizer(app, client, registry, sign_in):
    sign_in("staff")
    response = client.post(
        "/meetings/new",
        data={
            "title": "Tenth Global Meeting",
            "number": "GRCP 10",
            "start_date": "2023-11-08",
            "end_date": "2023-11-09",
            "timezone": "Europe/Zurich",
            "format": "hybrid",
            "visibility": "public",
            "status": "draft",
            "iscms": ["gfmd", "rcm"],
            "guiding_questions": "One?\nTwo?",
        },
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("/meetings/grcp-10")
    with app.app_context():
        meeting = db.session.scalar(sa.select(Meeting).where(Meeting.slug == "grcp-10"))
        assert [r.role for r in meeting.roles] == ["organizer"]
        assert [i.slug for i in meeting.iscms] == ["gfmd", "rcm"]
        assert meeting.guiding_questions == ["One?", "Two?"]
    assert client.get("/meetings/grcp-10/agenda/edit").status_code == 200


def test_meeting_with_unknown_zone_or_reversed_dates_is_refused(app, client, registry, sign_in):
    sign_in("staff")
    response = client.post(
        "/meetings/new",
        data={
            "title": "Bad",
            "start_date": "2023-11-09",
            "end_date": "2023-11-08",
            "timezone": "Europe/Geneva",
            "format": "online",
            "visibility": "public",
            "status": "draft",
        },
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Unknown time zone “Europe/Geneva”" in page
    assert "The meeting cannot end before it starts." in page
    assert 'value="Bad"' in page
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Meeting.id))) == 0


def test_cancelling_a_meeting_keeps_it_and_raises_its_sequence(app, client, grcp9, sign_in):
    sign_in("organizer", grcp9.meeting_id)
    form = client.get("/meetings/grcp-9/edit").get_data(as_text=True)
    assert 'name="version" type="hidden" value="1"' in form
    response = client.post(
        "/meetings/grcp-9/edit",
        data={
            "version": "1",
            "title": "Ninth Global Meeting",
            "start_date": "2021-11-10",
            "end_date": "2021-11-11",
            "timezone": "Europe/Zurich",
            "format": "online",
            "visibility": "public",
            "status": "cancelled",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        meeting = db.session.get(Meeting, grcp9.meeting_id)
        assert (meeting.status, meeting.sequence) == ("cancelled", 1)
    assert client.get("/meetings/grcp-9").status_code == 200


def test_a_session_edit_raises_its_sequence_and_is_audited(app, client, grcp9, sign_in):
    sign_in("organizer", grcp9.meeting_id)
    response = client.post(
        f"/meetings/grcp-9/sessions/{grcp9.session_id}/edit", data=session_form(start="16:15", end="17:45")
    )
    assert response.status_code == 302
    row = session_row(app, grcp9.session_id)
    assert (row["starts_at"], row["ends_at"], row["sequence"]) == (
        utc(2021, 11, 10, 15, 15),
        utc(2021, 11, 10, 16, 45),
        1,
    )


@pytest.mark.parametrize("start,end", [("17:00", "16:00"), ("16:00", "16:00")])
def test_a_session_ending_before_it_starts_is_refused(app, client, grcp9, sign_in, start, end):
    sign_in("organizer", grcp9.meeting_id)
    response = client.post(
        f"/meetings/grcp-9/sessions/{grcp9.session_id}/edit", data=session_form(start=start, end=end)
    )
    assert response.status_code == 400
    assert "The session must end after it starts." in response.get_data(as_text=True)
    assert session_row(app, grcp9.session_id)["starts_at"] == utc(2021, 11, 10, 15)


def test_a_session_outside_the_meeting_dates_is_refused(app, client, grcp9, sign_in):
    sign_in("organizer", grcp9.meeting_id)
    response = client.post("/meetings/grcp-9/sessions/new", data=session_form(title="Late", day="2021-11-14"))
    assert response.status_code == 400
    assert "The day is outside the meeting (2021-11-10 to 2021-11-11)." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Session.id))) == 4


def set_dates(app, meeting_id, start, end):
    from datetime import date

    with app.app_context():
        meeting = db.session.get(Meeting, meeting_id)
        meeting.start_date, meeting.end_date = date.fromisoformat(start), date.fromisoformat(end)
        db.session.commit()


def test_a_nonexistent_local_time_is_refused_with_a_message(app, client, grcp9, sign_in):
    set_dates(app, grcp9.meeting_id, "2022-03-27", "2022-03-27")
    sign_in("organizer", grcp9.meeting_id)
    response = client.post(
        "/meetings/grcp-9/sessions/new",
        data=session_form(title="Spring", day="2022-03-27", start="02:30", end="04:00"),
    )
    assert response.status_code == 400
    assert "02:30 does not exist on 2022-03-27 in Europe/Zurich" in response.get_data(as_text=True)


def test_an_ambiguous_local_time_asks_which_one_then_saves(app, client, grcp9, sign_in):
    set_dates(app, grcp9.meeting_id, "2022-10-30", "2022-10-30")
    sign_in("organizer", grcp9.meeting_id)
    data = session_form(title="Autumn", day="2022-10-30", start="02:30", end="04:00")
    response = client.post("/meetings/grcp-9/sessions/new", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "02:30 happens twice on 2022-10-30 in Europe/Zurich: say which one you mean." in page
    assert "The first one is at UTC+02:00, the second at UTC+01:00." in page
    response = client.post("/meetings/grcp-9/sessions/new", data={**data, "start_fold": "1"})
    assert response.status_code == 302
    with app.app_context():
        session = db.session.scalar(sa.select(Session).where(Session.title == "Autumn"))
        assert session.starts_at == utc(2022, 10, 30, 1, 30)


def test_copying_the_meetings_guiding_questions(app, client, grcp9, sign_in):
    sign_in("organizer", grcp9.meeting_id)
    client.post(
        "/meetings/grcp-9/sessions/new",
        data=session_form(title="Copy", copy_questions="y", start="18:00", end="19:00"),
    )
    with app.app_context():
        session = db.session.scalar(sa.select(Session).where(Session.title == "Copy"))
        assert session.guiding_questions == db.session.get(Meeting, grcp9.meeting_id).guiding_questions


def test_two_organizers_editing_one_session_the_second_is_refused(app, client, grcp9, sign_in):
    sign_in("organizer", grcp9.meeting_id)
    first = client.post(
        f"/meetings/grcp-9/sessions/{grcp9.session_id}/edit", data=session_form(title="First save")
    )
    assert first.status_code == 302
    second = client.post(
        f"/meetings/grcp-9/sessions/{grcp9.session_id}/edit", data=session_form(title="Second save")
    )
    page = second.get_data(as_text=True)
    assert second.status_code == 409
    assert "changed by someone else since you opened it" in page
    assert "First save" in page and 'value="Second save"' in page
    assert session_row(app, grcp9.session_id)["title"] == "First save"


def test_two_organizers_editing_one_item_the_second_is_refused(app, client, grcp9, sign_in):
    sign_in("organizer", grcp9.meeting_id)
    url = f"/meetings/grcp-9/items/{grcp9.item_id}/edit"
    assert client.post(url, data=item_form(grcp9.session_id, title="Mine")).status_code == 302
    second = client.post(url, data=item_form(grcp9.session_id, title="Theirs"))
    page = second.get_data(as_text=True)
    assert second.status_code == 409
    assert "changed by someone else since you opened it" in page
    current = page[page.index('id="conflict"') : page.index("</dl>", page.index('id="conflict"'))]
    assert (
        "<dt>Kind</dt><dd>Discussion</dd><dt>Title</dt><dd>Mine</dd><dt>Description</dt><dd>—</dd>"
        "<dt>Starts at</dt><dd>10 Nov 2021 16:00</dd><dt>Ends at</dt><dd>10 Nov 2021 17:20</dd>"
        "<dt>Session</dt><dd>2021-11-10 16:00 · Dedicated Discussion Session 1</dd>"
    ) in current
    assert 'value="Theirs"' in page
    assert item_row(app, grcp9.item_id)["title"] == "Mine"


@pytest.mark.parametrize("start,end", [("16:30", "16:10"), ("16:30", "16:30")])
def test_an_item_must_end_after_it_starts(app, client, grcp9, sign_in, start, end):
    sign_in("organizer", grcp9.meeting_id)
    before = item_row(app, grcp9.item_id)
    response = client.post(
        f"/meetings/grcp-9/items/{grcp9.item_id}/edit", data=item_form(grcp9.session_id, start=start, end=end)
    )
    assert response.status_code == 400
    assert "The item must end after it starts." in response.get_data(as_text=True)
    assert item_row(app, grcp9.item_id) == before
    added = client.post(
        f"/meetings/grcp-9/sessions/{grcp9.session_id}/items/new",
        data=item_form(grcp9.session_id, start=start, end=end, title="Zero"),
    )
    assert added.status_code == 400 and "The item must end after it starts." in added.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).where(AgendaItem.title == "Zero")) == 0


def test_an_item_outside_its_session_is_refused(app, client, grcp9, sign_in):
    sign_in("organizer", grcp9.meeting_id)
    response = client.post(
        f"/meetings/grcp-9/items/{grcp9.item_id}/edit",
        data=item_form(grcp9.session_id, start="15:30", end="16:30"),
    )
    assert response.status_code == 400
    assert "The item must lie within its session." in response.get_data(as_text=True)
    assert item_row(app, grcp9.item_id)["starts_at"] == utc(2021, 11, 10, 15)


def test_an_item_with_a_missing_time_is_refused(client, grcp9, sign_in):
    sign_in("organizer", grcp9.meeting_id)
    response = client.post(
        f"/meetings/grcp-9/sessions/{grcp9.session_id}/items/new",
        data=item_form(grcp9.session_id, start="", title="No time"),
    )
    assert response.status_code == 400
    assert "Give a time such as 15:00." in response.get_data(as_text=True)


def test_attach_a_person_without_javascript(app, client, grcp9, sign_in):
    sign_in("organizer", grcp9.meeting_id)
    page = client.get(f"/meetings/grcp-9/items/{grcp9.item_id}/people?q=vitorino").get_data(as_text=True)
    assert "António Vitorino" in page
    with app.app_context():
        person_id = db.session.scalar(sa.select(Person.id).where(Person.key == "antonio-vitorino"))
    response = client.post(
        f"/meetings/grcp-9/items/{grcp9.item_id}/people",
        data={"person_id": str(person_id), "role": "speaker", "delivery": "video", "capacity": "DG"},
    )
    assert response.status_code == 302
    page = client.get(f"/meetings/grcp-9/items/{grcp9.item_id}/people").get_data(as_text=True)
    assert (
        "<bdi>H.E. Mr António Vitorino</bdi>, Director General, International Organization for Migration (IOM), DG "
        in page
    )


def test_attach_without_choosing_a_person_is_refused(client, grcp9, sign_in):
    sign_in("organizer", grcp9.meeting_id)
    response = client.post(
        f"/meetings/grcp-9/items/{grcp9.item_id}/people", data={"role": "speaker", "delivery": "in_person"}
    )
    assert response.status_code == 400
    assert "Choose a person from the search results." in response.get_data(as_text=True)


def test_people_search_json(client, grcp9, sign_in):
    sign_in("organizer", grcp9.meeting_id)
    data = client.get("/meetings/grcp-9/people.json?q=wen li").get_json()
    assert [p["name"] for p in data["people"]] == ["Ms Wen Li"]


def test_the_editor_shows_problems(client, grcp9, sign_in):
    sign_in("organizer", grcp9.meeting_id)
    page = client.get("/meetings/grcp-9/agenda/edit").get_data(as_text=True)
    assert '<strong>Dedicated Discussion Session 2</strong>: <a href="#session-' in page
    assert "It falls in the night for PIDC (20:30 in Pacific/Apia)." in page


# Releases ---------------------------------------------------------------------------------------


def link_account(app, make_user, key):
    user = make_user("user")
    with app.app_context():
        db.session.scalar(sa.select(Person).where(Person.key == key)).user_id = user.id
        db.session.commit()
    return user


def test_releasing_lists_changes_tells_people_and_keeps_the_old_version(
    app, client, grcp9, sign_in, make_user, auth
):
    speaker = link_account(app, make_user, "frank-tressler-zamorano")
    bystander = link_account(app, make_user, "antonio-vitorino")
    sign_in("organizer", grcp9.meeting_id)
    client.post(
        f"/meetings/grcp-9/items/{grcp9.item_id}/edit",
        data=item_form(
            grcp9.session_id,
            start="16:10",
            end="17:20",
            title="Discussion on possible ISCMs contributions to the IMRF, including IMRF roundtables on Global Compact objectives",
        ),
    )
    response = client.post(
        "/meetings/grcp-9/agenda/release", data={"comment": "Discussion starts ten minutes later"}
    )
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalars(sa.select(AgendaRelease.number).order_by(AgendaRelease.number)).all() == [
            1,
            2,
        ]
        notices = db.session.scalars(sa.select(Notice)).all()
        assert [n.user_id for n in notices] == [speaker.id]
        assert notices[0].emailed_at is None
    changes = client.get("/meetings/grcp-9/agenda/changes").get_data(as_text=True)
    assert "Version 2" in changes and "Discussion starts ten minutes later" in changes
    assert "<td>New time</td>" in changes and "10 Nov 2021 16:00–10 Nov 2021 17:20" in changes
    assert "16:10" in client.get("/meetings/grcp-9/agenda?tz=Europe/Zurich").get_data(as_text=True)
    old = client.get("/meetings/grcp-9/agenda/v1?tz=Europe/Zurich").get_data(as_text=True)
    assert "This is an earlier version." in old and "16:00–17:20" in old
    auth.logout()
    auth.login(speaker)
    assert '<span class="badge unread">1</span>' in client.get("/notices").get_data(as_text=True)
    auth.logout()
    auth.login(bystander)
    assert "badge unread" not in client.get("/notices").get_data(as_text=True)


def test_readers_see_the_release_not_the_working_copy(client, grcp9, sign_in, auth):
    sign_in("organizer", grcp9.meeting_id)
    client.post(
        f"/meetings/grcp-9/items/{grcp9.item_id}/edit", data=item_form(grcp9.session_id, title="Unreleased")
    )
    auth.logout()
    assert "Unreleased" not in client.get("/meetings/grcp-9/agenda?tz=Europe/Zurich").get_data(as_text=True)


def test_a_release_without_comment_is_refused(app, client, grcp9, sign_in):
    sign_in("organizer", grcp9.meeting_id)
    response = client.post("/meetings/grcp-9/agenda/release", data={"comment": ""})
    assert response.status_code == 400
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(AgendaRelease.id))) == 1


# Planner ----------------------------------------------------------------------------------------


def test_planner_page_proposes_splits_for_the_meetings_iscms(client, grcp9, sign_in):
    sign_in("organizer", grcp9.meeting_id)
    page = client.get("/meetings/grcp-9/planner").get_data(as_text=True)
    assert 'id="proposal-2"' in page and "0 at night" in page
    assert "planner-grid" in page and "PIDC" in page


def test_planner_rejects_unknown_zones(client, grcp9, sign_in):
    sign_in("organizer", grcp9.meeting_id)
    response = client.get("/meetings/grcp-9/planner?day=2021-11-10&minutes=90&zones=Mars/Olympus")
    assert response.status_code == 400
    assert "Unknown time zone: Mars/Olympus" in response.get_data(as_text=True)


def test_planner_overrides_and_candidate_grid(client, grcp9, sign_in):
    sign_in("organizer", grcp9.meeting_id)
    page = client.get(
        "/meetings/grcp-9/planner?day=2021-11-10&minutes=90&iscms=bali-process&candidate=15:00"
        "&overrides=bali-process+%3D+Asia/Jakarta"
    ).get_data(as_text=True)
    assert "Asia/Jakarta" in page and "21:00–22:30" in page


def test_planner_spreads_two_sessions_over_the_date_and_the_next_day(app, client, grcp9, sign_in):
    sign_in("organizer", grcp9.meeting_id)
    page = client.get(
        "/meetings/grcp-9/planner?day=2021-11-10&minutes=90&iscms=rcm&iscms=bali-process"
        "&hosts_awake=y&next_day=y"
    ).get_data(as_text=True)
    proposal = page[page.index('id="proposal-2"') : page.index("</article>", page.index('id="proposal-2"'))]
    assert re.findall(r"<strong>(\d\d \w+ \d{4}) \d\d:\d\d–", proposal) == ["10 Nov 2021", "11 Nov 2021"]
    assert 'name="next_day" value="y"' in proposal
    response = client.post(
        "/meetings/grcp-9/planner/apply",
        data={
            "day": "2021-11-10",
            "minutes": "90",
            "iscms": ["rcm", "bali-process"],
            "hosts_awake": "y",
            "next_day": "y",
            "sessions": "2",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        created = db.session.scalars(sa.select(Session).where(Session.title.like("Session _"))).all()
        assert sorted(s.starts_at.date().isoformat() for s in created) == ["2021-11-10", "2021-11-11"]


def test_planner_says_where_each_zone_comes_from_and_who_has_none(app, client, grcp9, sign_in):
    with app.app_context():
        db.session.add(Iscm(slug="no-zone-forum", acronym="NZF", name="A forum without a seat"))
        db.session.commit()
    sign_in("organizer", grcp9.meeting_id)
    page = client.get(
        "/meetings/grcp-9/planner?day=2021-11-10&minutes=90&iscms=budapest-process&iscms=bali-process"
        "&iscms=no-zone-forum&overrides=bali-process+%3D+Asia/Jakarta"
    ).get_data(as_text=True)
    assert (
        "Left out: NZF has no home time zone in the registry. Give it one under Zone overrides "
        "(slug = Zone/Name) to plan for it."
    ) in page
    rows = {
        name: source
        for name, source in re.findall(
            r'<th scope="row">([^<]+)</th>\s*<td class="nowrap">[^<]+</td>\s*<td class="zone-source">([^<]*)</td>',
            page,
        )
    }
    assert rows == {"Bali Process": "your override", "Budapest Process": "ICMPD headquarters, Vienna"}


#: A new session joins its meeting before its ISCMs are queried: no "not in session" autoflush warning.
@pytest.mark.filterwarnings("error::sqlalchemy.exc.SAWarning")
def test_a_proposal_becomes_sessions_in_one_click(app, client, grcp9, sign_in):
    sign_in("organizer", grcp9.meeting_id)
    response = client.post(
        "/meetings/grcp-9/planner/apply",
        data={"day": "2021-11-11", "minutes": "90", "iscms": ["rcm", "bali-process"], "sessions": "2"},
    )
    assert response.status_code == 302
    with app.app_context():
        created = db.session.scalars(sa.select(Session).where(Session.title.like("Session _"))).all()
        assert sorted(s.title for s in created) == ["Session 1", "Session 2"]
        assert sorted(i.slug for s in created for i in s.iscms) == ["bali-process", "rcm"]


# Exports ----------------------------------------------------------------------------------------


def pdf_text(response) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(response.data))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def test_agenda_pdf_like_annex_iv_with_manila_times_and_page_numbers(client, grcp9):
    response = client.get("/meetings/grcp-9/agenda.pdf?tz=Asia/Manila")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    pages, text = pdf_text(response)
    assert "GENERAL OPENING SESSION" in text and "DEDICATED DISCUSSION SESSION 2" in text
    assert "Interpretation will be arranged into English, French, Spanish." in text
    assert "15:00–16:00 Europe/Zurich" in text and "22:00–23:00 Asia/Manila" in text
    assert "23:00–00:30 (+1 day)" in text
    assert "Facilitator: H.E. Mr Frank Tressler Zamorano" in text
    assert f"1 / {pages}" in text and f"{pages} / {pages}" in text


def test_agenda_pdf_is_served_from_the_store_the_second_time(app, client, grcp9):
    first = client.get("/meetings/grcp-9/agenda.pdf")
    files = list((app.config["EXPORT_DIR"] / "agendas").glob("*.pdf"))
    assert len(files) == 1
    assert client.get("/meetings/grcp-9/agenda.pdf").data == first.data


def test_printable_agenda(client, grcp9):
    page = client.get("/meetings/grcp-9/agenda/print?tz=Asia/Manila").get_data(as_text=True)
    assert "Agenda version 1" in page and "Asia/Manila" in page and "no-print" in page


# Demo data --------------------------------------------------------------------------------------


def test_seeding_twice_changes_nothing(app, grcp9):
    from coordinator.meetings.seed import seed_grcp9

    with app.app_context():
        assert seed_grcp9() == {"people": 0, "meetings": 0}
        meeting = db.session.get(Meeting, grcp9.meeting_id)
        assert [len(s.items) for s in meeting.sessions] == [3, 2, 3, 3]
        assert db.session.scalar(sa.select(sa.func.count(Person.id))) == 67


def test_every_iscm_named_by_grcp9_is_in_the_registry(app, registry):
    from coordinator.meetings.seed import load_grcp9, unresolved_iscm_slugs

    with app.app_context():
        assert unresolved_iscm_slugs(load_grcp9()) == set()


def test_grcp9_sessions_are_in_utc_from_central_european_time(app, grcp9):
    with app.app_context():
        meeting = db.session.get(Meeting, grcp9.meeting_id)
        assert [(s.starts_at, s.ends_at) for s in meeting.sessions] == [
            (utc(2021, 11, 10, 14), utc(2021, 11, 10, 15)),
            (utc(2021, 11, 10, 15), utc(2021, 11, 10, 16, 30)),
            (utc(2021, 11, 11, 7, 30), utc(2021, 11, 11, 9, 30)),
            (utc(2021, 11, 11, 13, 30), utc(2021, 11, 11, 14, 45)),
        ]
        assert len(meeting.sessions[1].iscms) == 10 and len(meeting.sessions[2].iscms) == 13


# Roles and the meeting's span ---------------------------------------------------------------------


def test_an_organizer_adds_a_staff_member_and_cannot_remove_the_last_organizer(
    app, client, grcp9, sign_in, make_user
):
    colleague = make_user("user")
    organizer = sign_in("organizer", grcp9.meeting_id)
    assert (
        client.post("/meetings/grcp-9/roles", data={"email": colleague.email, "role": "staff"}).status_code
        == 302
    )
    response = client.post("/meetings/grcp-9/roles", data={"email": "nobody@example.org", "role": "staff"})
    assert response.status_code == 400 and "No account has this e-mail" in response.get_data(as_text=True)
    with app.app_context():
        meeting = db.session.get(Meeting, grcp9.meeting_id)
        assert sorted((r.role, r.user_id) for r in meeting.roles) == [
            ("organizer", organizer.id),
            ("staff", colleague.id),
        ]
        own = next(r.id for r in meeting.roles if r.user_id == organizer.id)
    client.post(f"/meetings/grcp-9/roles/{own}/delete")
    assert "A meeting needs at least one organizer." in client.get("/meetings/grcp-9/roles").get_data(
        as_text=True
    )
    with app.app_context():
        assert db.session.get(MeetingRole, own) is not None


def test_roles_page_by_role(client, grcp9, sign_in):
    sign_in("staff")
    assert client.get("/meetings/grcp-9/roles").status_code == 403
    assert client.post("/meetings/grcp-9/roles/1/delete").status_code == 403


def test_the_meeting_span_follows_its_sessions(app, client, grcp9, sign_in):
    sign_in("organizer", grcp9.meeting_id)
    client.post(
        "/meetings/grcp-9/sessions/new",
        data=session_form(title="Evening", day="2021-11-11", start="18:00", end="19:00"),
    )
    with app.app_context():
        meeting = db.session.get(Meeting, grcp9.meeting_id)
        assert (meeting.starts_at, meeting.ends_at, meeting.sequence) == (
            utc(2021, 11, 10, 14),
            utc(2021, 11, 11, 18),
            1,
        )


# Materials --------------------------------------------------------------------------------------


def test_an_uploaded_material_is_stored_by_content_and_served_to_readers(app, client, grcp9, sign_in, auth):
    sign_in("organizer", grcp9.meeting_id)
    response = client.post(
        "/meetings/grcp-9/materials",
        content_type="multipart/form-data",
        data={"title": "Concept note", "file": (io.BytesIO(b"%PDF-1.4 concept"), "concept note.pdf")},
    )
    assert response.status_code == 302
    with app.app_context():
        material = db.session.scalar(sa.select(Material).where(Material.title == "Concept note"))
        assert material.original_filename == "concept_note.pdf"
        material_id = material.id
    auth.logout()
    download = client.get(f"/meetings/grcp-9/materials/{material_id}/file")
    assert download.status_code == 200 and download.data == b"%PDF-1.4 concept"
    assert "filename=concept_note.pdf" in download.headers["Content-Disposition"]
    make_private(app, grcp9.meeting_id)
    assert client.get(f"/meetings/grcp-9/materials/{material_id}/file").status_code == 404


def test_a_material_needs_a_link_or_an_allowed_file(client, grcp9, sign_in):
    sign_in("organizer", grcp9.meeting_id)
    response = client.post("/meetings/grcp-9/materials", data={"title": "Nothing"})
    assert response.status_code == 400 and "Give a link or upload a file." in response.get_data(as_text=True)
    response = client.post(
        "/meetings/grcp-9/materials",
        content_type="multipart/form-data",
        data={"title": "Script", "file": (io.BytesIO(b"#!/bin/sh"), "run.sh")},
    )
    assert response.status_code == 400 and "Upload a document or an image" in response.get_data(as_text=True)


def test_a_material_without_file_is_404(client, grcp9):
    assert client.get(f"/meetings/grcp-9/materials/{grcp9.material_id}/file").status_code == 404
