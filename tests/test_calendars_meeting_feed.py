"""The meeting feed and the personal feed's sessions: the latest agenda release, never the working copy."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import icalendar
import sqlalchemy as sa
import vobject

from coordinator.calendars.feeds import released_sessions
from coordinator.core.timezones import utc_to_local
from coordinator.extensions import db
from coordinator.iscms.models import Theme
from coordinator.meetings.models import Meeting, MeetingRole, Session
from tests.calendar_factories import parse

FEED = "/meetings/grcp-9/calendar.ics"


def _session_form(app, session_id: int, **overrides) -> dict:
    """The session edit form as the page fills it in, with the fields a test changes."""
    with app.app_context():
        session = db.session.get(Session, session_id)
        zone = session.meeting.timezone
        start, end = utc_to_local(session.starts_at, zone), utc_to_local(session.ends_at, zone)
        values = {
            "version": str(session.version),
            "title": session.title,
            "kind": session.kind,
            "day": start.date().isoformat(),
            "start": start.strftime("%H:%M"),
            "end": end.strftime("%H:%M"),
            "audience": session.audience or "",
            "iscms": [iscm.slug for iscm in session.iscms],
            "interpretation": list(session.interpretation),
            "objective": session.objective or "",
            "guiding_questions": "\n".join(session.guiding_questions),
            "room": session.room or "",
            "link": session.link or "",
            "track": session.track or "",
            "status": session.status,
        }
    values.update(overrides)
    return values


def _edit_session(client, app, session_id: int, **overrides) -> None:
    response = client.post(
        f"/meetings/grcp-9/sessions/{session_id}/edit", data=_session_form(app, session_id, **overrides)
    )
    assert response.status_code == 302, response.get_data(as_text=True)


def _release(client, comment="Changes") -> None:
    assert client.post("/meetings/grcp-9/agenda/release", data={"comment": comment}).status_code == 302


def _session_uid(app, session_id: int) -> str:
    with app.app_context():
        return db.session.get(Session, session_id).uid


def _sessions(app, meeting_id: int) -> dict[str, int]:
    with app.app_context():
        return {s.title: s.id for s in db.session.get(Meeting, meeting_id).sessions}


def test_feed_readers_see_the_release_not_the_working_copy(app, client, grcp9, sign_in, auth):
    from tests.test_meetings_pages import item_form

    sign_in("organizer", grcp9.meeting_id)
    client.post(
        f"/meetings/grcp-9/items/{grcp9.item_id}/edit", data=item_form(grcp9.session_id, title="Unreleased")
    )
    _edit_session(client, app, grcp9.session_id, title="Renamed, not released")
    auth.logout()
    body = client.get(FEED).get_data(as_text=True)
    assert "Unreleased" not in body and "Renamed, not released" not in body
    assert "GRCP 9: Dedicated Discussion Session 1" in body


def test_a_released_title_change_and_place_change_raise_sequence_with_the_uid_unchanged(
    app, client, grcp9, sign_in
):
    uid = _session_uid(app, grcp9.session_id)
    before = parse(client.get(FEED).data)[uid]
    sign_in("organizer", grcp9.meeting_id)
    _edit_session(client, app, grcp9.session_id, title="Discussion Session 1 (Americas)")
    _release(client, "Renamed")
    renamed = parse(client.get(FEED).data)[uid]
    _edit_session(client, app, grcp9.session_id, room="Interprefy")
    _release(client, "New platform")
    moved = parse(client.get(FEED).data)[uid]
    assert (before["sequence"], renamed["sequence"], moved["sequence"]) == (0, 1, 2)
    assert str(renamed["summary"]) == "GRCP 9: Discussion Session 1 (Americas)"
    assert (str(before["location"]), str(moved["location"])) == ("Zoom", "Interprefy")


def test_a_release_changing_nothing_a_subscriber_sees_keeps_the_sequence(app, client, grcp9, sign_in):
    uid = _session_uid(app, grcp9.session_id)
    sign_in("organizer", grcp9.meeting_id)
    _edit_session(client, app, grcp9.session_id, audience="Every ISCM of the Americas")
    _release(client, "Audience")
    assert parse(client.get(FEED).data)[uid]["sequence"] == 0


def test_a_session_cancelled_in_a_release_is_cancelled_with_a_higher_sequence(app, client, grcp9, sign_in):
    uid = _session_uid(app, grcp9.session_id)
    assert str(parse(client.get(FEED).data)[uid]["status"]) == "CONFIRMED"
    sign_in("organizer", grcp9.meeting_id)
    _edit_session(client, app, grcp9.session_id, status="cancelled")
    assert str(parse(client.get(FEED).data)[uid]["status"]) == "CONFIRMED"
    _release(client, "Session 1 cancelled")
    event = parse(client.get(FEED).data)[uid]
    assert str(event["status"]) == "CANCELLED" and event["sequence"] == 1


def test_a_session_removed_from_the_agenda_stays_in_the_feed_as_cancelled(app, client, grcp9, sign_in):
    closing = _sessions(app, grcp9.meeting_id)["General Closing Session"]
    uid = _session_uid(app, closing)
    sign_in("organizer", grcp9.meeting_id)
    assert client.post(f"/meetings/grcp-9/sessions/{closing}/delete").status_code == 302
    assert str(parse(client.get(FEED).data)[uid]["status"]) == "CONFIRMED"
    _release(client, "No closing session")
    events = parse(client.get(FEED).data)
    assert len(events) == 4
    # +1 for the release that dropped it, +1 for the meeting's end, which the last session gave
    assert str(events[uid]["status"]) == "CANCELLED" and events[uid]["sequence"] == 2
    assert str(events[uid]["summary"]) == "GRCP 9: General Closing Session"


def test_the_session_agenda_is_in_the_description(app, client, grcp9):
    opening = _sessions(app, grcp9.meeting_id)["General Opening Session"]
    description = str(parse(client.get(FEED).data)[_session_uid(app, opening)]["description"]).splitlines()
    assert description[0] == "15:00–15:30 Zoom registration"
    assert description[1].startswith("15:30–15:45 Statement of welcome — H.E. Mr António Vitorino")
    assert description[-1] == "Times in Europe/Zurich."


def test_the_grcp9_demo_feed_holds_its_four_sessions_in_geneva_time_in_both_parsers(app, client, grcp9):
    body = client.get(FEED).data
    expected = {
        "General Opening Session": datetime(2021, 11, 10, 14, tzinfo=UTC),
        "Dedicated Discussion Session 1": datetime(2021, 11, 10, 15, tzinfo=UTC),
        "Dedicated Discussion Session 2": datetime(2021, 11, 11, 7, 30, tzinfo=UTC),
        "General Closing Session": datetime(2021, 11, 11, 13, 30, tzinfo=UTC),
    }
    ours = {
        str(e["summary"]).removeprefix("GRCP 9: "): e
        for e in icalendar.Calendar.from_ical(body).walk("VEVENT")
    }
    assert {title: e.decoded("dtstart").astimezone(UTC) for title, e in ours.items()} == expected
    assert {e["dtstart"].params["TZID"] for e in ours.values()} == {"Europe/Zurich"}
    other = {e.summary.value.removeprefix("GRCP 9: "): e for e in vobject.readOne(body.decode()).vevent_list}
    assert {title: e.dtstart.value.astimezone(UTC) for title, e in other.items()} == expected
    assert {e.uid.value for e in other.values()} == {str(e["uid"]) for e in ours.values()}
    assert body.count(b"BEGIN:VTIMEZONE") == 1


def _meeting_with_a_session(title: str) -> tuple[Meeting, Session]:
    """A public meeting on 6 May 2024 in Geneva with one session, 9:00-10:00, never released (in an app context)."""
    from coordinator.meetings.operations import create_meeting, create_session

    zurich = ZoneInfo("Europe/Zurich")
    meeting = create_meeting(
        {
            "title": title,
            "timezone": "Europe/Zurich",
            "status": "published",
            "visibility": "public",
            "start_date": datetime(2024, 5, 6).date(),
        }
    )
    session = create_session(
        meeting,
        {
            "title": "Planned",
            "starts_at": datetime(2024, 5, 6, 9, tzinfo=zurich),
            "ends_at": datetime(2024, 5, 6, 10, tzinfo=zurich),
        },
    )
    return meeting, session


def test_a_meeting_with_sessions_but_no_release_has_only_its_own_event(app, client, registry):
    with app.app_context():
        meeting, _session = _meeting_with_a_session("Unreleased meeting")
        db.session.commit()
        slug, uid = meeting.slug, meeting.uid
    events = parse(client.get(f"/meetings/{slug}/calendar.ics").data)
    assert list(events) == [uid] and str(events[uid]["summary"]) == "Unreleased meeting"


def _personal_feed(app, client, auth, user) -> dict[str, icalendar.Event]:
    auth.login(user)
    client.post("/account/calendar-feed")
    auth.logout()
    with app.app_context():
        from coordinator.auth.models import User

        token = db.session.get(User, user.id).feed_token
    return parse(client.get(f"/feeds/{token}.ics").data)


def test_a_rapporteur_of_one_session_gets_that_session_only_and_an_organizer_gets_all(
    app, client, grcp9, make_user, auth
):
    rapporteur, organizer = make_user("user"), make_user("user")
    with app.app_context():
        db.session.add_all(
            [
                MeetingRole(
                    meeting_id=grcp9.meeting_id,
                    user_id=rapporteur.id,
                    role="rapporteur",
                    session_id=grcp9.session_id,
                ),
                MeetingRole(meeting_id=grcp9.meeting_id, user_id=organizer.id, role="organizer"),
            ]
        )
        db.session.commit()
    assert list(_personal_feed(app, client, auth, rapporteur)) == [_session_uid(app, grcp9.session_id)]
    assert len(_personal_feed(app, client, auth, organizer)) == 4


def test_release_history_gives_each_session_its_sequence():
    def snapshot(*sessions):
        return {
            "timezone": "UTC",
            "sessions": [
                {
                    "id": sid,
                    "title": title,
                    "starts_at": "2024-01-01T09:00:00+00:00",
                    "ends_at": "2024-01-01T10:00:00+00:00",
                    "room": room,
                    "link": "",
                    "status": "scheduled",
                    "audience": audience,
                }
                for sid, title, room, audience in sessions
            ],
        }

    history = released_sessions(
        [
            snapshot((1, "Opening", "Zoom", ""), (2, "Panel", "Zoom", "")),
            snapshot((1, "Opening", "Zoom", "All"), (2, "Panel", "Teams", "")),
            snapshot((1, "Opening", "Zoom", "All")),
            snapshot((1, "Opening", "Zoom", "All"), (3, "Extra", "Zoom", "")),
        ]
    )
    assert {sid: (s.sequence, s.removed) for sid, s in history.items()} == {
        1: (0, False),
        2: (2, True),
        3: (0, False),
    }
    assert history[2].data["room"] == "Teams"
    back = released_sessions(
        [snapshot((2, "Panel", "Zoom", "")), snapshot(), snapshot((2, "Panel", "Zoom", ""))]
    )
    assert (back[2].sequence, back[2].removed) == (2, False)


def test_renaming_a_theme_reaches_the_session_events_of_the_meeting_feed(app, client, grcp9):
    from coordinator.iscms.models import Theme

    with app.app_context():
        meeting = db.session.get(Meeting, grcp9.meeting_id)
        meeting.themes = [db.session.scalar(sa.select(Theme).where(Theme.slug == "labour-migration"))]
        db.session.commit()
    before = client.get(FEED)
    with app.app_context():
        db.session.scalar(sa.select(Theme).where(Theme.slug == "labour-migration")).name = "Labour mobility"
        db.session.commit()
    after = client.get(FEED, headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200
    assert {tuple(str(c) for c in e["categories"].cats) for e in parse(after.data).values()} == {
        ("Labour mobility",)
    }


def test_deleting_a_meeting_keeps_nothing_of_its_sessions(app, client, grcp9, sign_in):
    from coordinator.calendars.models import RemovedSession

    closing = _sessions(app, grcp9.meeting_id)["General Closing Session"]
    sign_in("organizer", grcp9.meeting_id)
    client.post(f"/meetings/grcp-9/sessions/{closing}/delete")
    with app.app_context():
        assert db.session.scalars(sa.select(RemovedSession.session_id)).all() == [closing]
        db.session.delete(db.session.get(Meeting, grcp9.meeting_id))
        db.session.commit()
        assert db.session.scalars(sa.select(RemovedSession.session_id)).all() == []


def test_the_agenda_page_subscribes_through_the_feed_links_in_the_readers_language(client, grcp9):
    client.post("/language", data={"locale": "fr", "next": "/meetings/grcp-9/agenda"})
    page = client.get("/meetings/grcp-9/agenda").get_data(as_text=True)
    assert 'href="http://localhost/meetings/grcp-9/calendar.ics?lang=fr"' in page
    assert 'href="webcal://localhost/meetings/grcp-9/calendar.ics?lang=fr"' in page


def test_a_french_feed_names_its_themes_in_french(app, client, grcp9):
    with app.app_context():
        meeting = db.session.scalar(sa.select(Meeting).where(Meeting.slug == "grcp-9"))
        meeting.themes = [db.session.scalar(sa.select(Theme).where(Theme.slug == "labour-migration"))]
        db.session.commit()
    events = parse(client.get("/meetings/grcp-9/calendar.ics?lang=fr").data)
    categories = {
        str(c) for event in events.values() if "categories" in event for c in event["categories"].cats
    }
    assert categories == {"Migration de main-d’œuvre"}


def test_ids_of_deleted_sessions_and_items_are_never_given_again_so_a_removed_session_keeps_its_uid(
    app, client, grcp9, sign_in
):
    from coordinator.meetings.operations import create_item, delete_item

    closing = _sessions(app, grcp9.meeting_id)["General Closing Session"]
    uid = _session_uid(app, closing)
    sign_in("organizer", grcp9.meeting_id)
    client.post(f"/meetings/grcp-9/sessions/{closing}/delete")
    _release(client, "No closing session")
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.max(Session.id))) < closing
        _other, new_session = _meeting_with_a_session("Another meeting")
        first = create_item(
            new_session,
            {"title": "First", "starts_at": new_session.starts_at, "ends_at": new_session.ends_at},
        )
        db.session.flush()
        first_id = first.id
        delete_item(first)
        second = create_item(
            new_session,
            {"title": "Second", "starts_at": new_session.starts_at, "ends_at": new_session.ends_at},
        )
        db.session.commit()
        assert (new_session.id > closing, second.id > first_id) == (True, True)
    event = parse(client.get(FEED).data)[uid]
    assert (str(event["status"]), str(event["summary"])) == ("CANCELLED", "GRCP 9: General Closing Session")
