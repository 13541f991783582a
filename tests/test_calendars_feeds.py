"""The feeds over HTTP: filters, validators and 304s, SEQUENCE, cancellations, private meetings, personal feeds."""

from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa
import vobject

from coordinator.calendars import feeds
from coordinator.extensions import db
from coordinator.meetings.models import Meeting, MeetingRole, Session
from coordinator.meetings.operations import cancel_meeting, release_agenda, update_meeting
from tests.calendar_factories import add_entry, parse


def _meeting(app, slug):
    return db.session.scalar(sa.select(Meeting).where(Meeting.slug == slug))


@pytest.fixture
def entries(app, registry):
    return {
        "bali_labour": add_entry(app, title="Bali labour SOM"),
        "bali_other": add_entry(
            app,
            title="Bali smuggling workshop",
            themes=["counter-smuggling"],
            start_date=date(2023, 6, 1),
            end_date=None,
        ),
        "rcm_labour": add_entry(app, title="RCM labour webinar", iscms=["rcm"], format="online"),
        "undated": add_entry(
            app, title="Five training workshops", start_date=None, end_date=None, year=2023, count=5
        ),
        "private": add_entry(app, title="Closed troika", visibility="private"),
        "draft": add_entry(app, title="Draft plenary", status="draft"),
    }


def test_calendar_feed_holds_exactly_the_filtered_public_dated_entries(client, entries):
    response = client.get("/calendar.ics?iscm=bali-process&theme=labour-migration")
    assert response.status_code == 200
    assert response.content_type == "text/calendar; charset=utf-8"
    events = parse(response.data)
    assert [str(e["summary"]) for e in events.values()] == ["Bali Process: Bali labour SOM"]
    assert "Bali Process" in response.data.decode() and "Labour migration" in response.data.decode()
    everything = parse(client.get("/calendar.ics").data)
    titles = {str(e["summary"]).split(": ", 1)[-1] for e in everything.values()}
    assert titles == {"Bali labour SOM", "Bali smuggling workshop", "RCM labour webinar"}


def test_event_has_url_categories_and_all_day_dates(client, entries):
    event = next(iter(parse(client.get("/calendar.ics?q=labour+SOM").data).values()))
    assert str(event["url"]).endswith(f"/meetings/{entries['bali_labour']}")
    assert [str(c) for c in event["categories"].cats] == ["Labour migration"]
    assert event.decoded("dtstart") == date(2023, 5, 10) and event.decoded("dtend") == date(2023, 5, 12)


def test_two_requests_give_identical_bodies_and_a_conditional_request_gets_304_without_a_build(
    client, entries, monkeypatch
):
    first = client.get("/calendar.ics")
    second = client.get("/calendar.ics")
    assert first.data == second.data
    assert first.headers["ETag"] == second.headers["ETag"]

    def refuse(*args, **kwargs):
        raise AssertionError("a 304 must not build the feed")

    monkeypatch.setattr(feeds, "assemble", refuse)
    monkeypatch.setattr(feeds, "cached_feed", refuse)
    assert client.get("/calendar.ics", headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    assert (
        client.get("/calendar.ics", headers={"If-Modified-Since": first.headers["Last-Modified"]}).status_code
        == 304
    )


def test_a_change_of_date_raises_sequence_keeps_the_uid_and_reaches_the_feed(app, client, entries):
    before = parse(client.get("/calendar.ics?q=labour+SOM").data)
    ((uid, event),) = before.items()
    with app.app_context():
        meeting = _meeting(app, entries["bali_labour"])
        update_meeting(
            meeting, {"start_date": date(2023, 5, 17), "end_date": date(2023, 5, 18)}, meeting.version
        )
        db.session.commit()
    response = client.get("/calendar.ics?q=labour+SOM", headers={"If-None-Match": "stale"})
    ((uid_after, changed),) = parse(response.data).items()
    assert uid_after == uid
    assert changed["sequence"] == event["sequence"] + 1
    assert changed.decoded("dtstart") == date(2023, 5, 17)
    assert changed.decoded("dtstamp") >= event.decoded("dtstamp")


def test_a_change_of_description_only_keeps_the_sequence(app, client, entries):
    with app.app_context():
        meeting = _meeting(app, entries["bali_labour"])
        update_meeting(meeting, {"description": "New words"}, meeting.version)
        db.session.commit()
        assert meeting.sequence == 0


def test_cancelled_entry_stays_with_status_cancelled_and_last_modified_never_moves_back(app, client, entries):
    first = client.get("/calendar.ics")
    with app.app_context():
        cancel_meeting(_meeting(app, entries["bali_other"]))
        db.session.commit()
    second = client.get("/calendar.ics", headers={"If-None-Match": first.headers["ETag"]})
    assert second.status_code == 200
    statuses = {str(e["summary"]).split(": ", 1)[-1]: str(e["status"]) for e in parse(second.data).values()}
    assert statuses["Bali smuggling workshop"] == "CANCELLED"
    assert second.last_modified >= first.last_modified


def test_a_deleted_entry_leaves_the_feed_and_last_modified_moves_forward(app, client, entries):
    first = client.get("/calendar.ics")
    with app.app_context():
        db.session.delete(_meeting(app, entries["bali_other"]))
        db.session.commit()
    second = client.get("/calendar.ics", headers={"If-None-Match": first.headers["ETag"]})
    assert second.status_code == 200
    assert len(parse(second.data)) == 2
    assert second.last_modified >= first.last_modified


def test_private_and_draft_entries_are_never_in_public_feeds_or_pages(client, entries, as_role):
    assert b"Closed troika" not in client.get("/calendar.ics").data
    assert b"Draft plenary" not in client.get("/calendar.ics").data
    assert b"Closed troika" not in client.get("/calendar.json").data
    assert b"Closed troika" not in client.get("/iscms/bali-process/calendar.ics").data
    as_role("user")
    assert b"Closed troika" not in client.get("/calendar?view=list&when=past").data
    assert b"Closed troika" not in client.get("/calendar?view=year&year=2023").data


def test_iscm_feed_lists_that_iscm_only(client, entries):
    events = parse(client.get("/iscms/rcm/calendar.ics").data)
    assert [str(e["summary"]) for e in events.values()] == ["RCM labour webinar"]
    assert client.get("/iscms/nope/calendar.ics").status_code == 404


def _add_session(app, slug, start_local: datetime, title="Opening"):
    """A session added to the working copy and released, as readers of the meeting feed see sessions."""
    with app.app_context():
        meeting = _meeting(app, slug)
        meeting.timezone = "Europe/Zurich"
        session = Session(
            meeting=meeting,
            title=title,
            starts_at=start_local.astimezone(UTC),
            ends_at=(start_local + timedelta(hours=2)).astimezone(UTC),
        )
        db.session.add(session)
        db.session.flush()
        release_agenda(meeting, f"Added {title}")
        db.session.commit()
        return session.uid


def test_meeting_feed_has_one_event_per_session_in_geneva_time(app, client, entries):
    from zoneinfo import ZoneInfo

    zurich = ZoneInfo("Europe/Zurich")
    slug = entries["bali_labour"]
    after_change = _add_session(app, slug, datetime(2023, 3, 27, 9, tzinfo=zurich), "After the clock change")
    july = _add_session(app, slug, datetime(2023, 7, 10, 9, tzinfo=zurich), "In July")
    body = client.get(f"/meetings/{slug}/calendar.ics").data
    events = parse(body)
    assert set(events) == {after_change, july}
    assert events[after_change].decoded("dtstart").astimezone(UTC) == datetime(2023, 3, 27, 7, tzinfo=UTC)
    assert events[july].decoded("dtstart").astimezone(UTC) == datetime(2023, 7, 10, 7, tzinfo=UTC)
    assert str(events[july]["url"]).endswith(f"/meetings/{slug}/agenda")
    assert b"RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in body
    for event in vobject.readOne(body.decode()).vevent_list:
        assert event.dtstart.value.astimezone(UTC).hour == 7


def test_a_released_change_of_session_time_raises_its_sequence_in_the_meeting_feed(app, client, entries):
    slug = entries["bali_labour"]
    uid = _add_session(app, slug, datetime(2023, 7, 10, 7, tzinfo=UTC))
    before = parse(client.get(f"/meetings/{slug}/calendar.ics").data)[uid]
    with app.app_context():
        session = db.session.scalar(sa.select(Session).where(Session.uid == uid))
        session.starts_at += timedelta(hours=1)
        session.ends_at += timedelta(hours=1)
        db.session.flush()
        release_agenda(session.meeting, "One hour later")
        db.session.commit()
    after = parse(client.get(f"/meetings/{slug}/calendar.ics").data)[uid]
    assert after["sequence"] == before["sequence"] + 1
    assert after.decoded("dtstart").astimezone(UTC) == datetime(2023, 7, 10, 8, tzinfo=UTC)


def test_private_meeting_feed_is_404_for_others_and_in_the_personal_feed_of_its_organizer(
    app, client, entries, make_user, auth
):
    slug = entries["private"]
    assert client.get(f"/meetings/{slug}/calendar.ics").status_code == 404
    user = make_user("user")
    with app.app_context():
        meeting = _meeting(app, slug)
        db.session.add(MeetingRole(meeting_id=meeting.id, user_id=user.id, role="rapporteur"))
        db.session.commit()
    auth.login(user)
    client.post("/account/calendar-feed")
    with app.app_context():
        from coordinator.auth.models import User

        token = db.session.get(User, user.id).feed_token
    auth.logout()
    events = parse(client.get(f"/feeds/{token}.ics").data)
    assert [str(e["summary"]).split(": ", 1)[-1] for e in events.values()] == ["Closed troika"]


def test_following_an_iscm_fills_the_personal_feed_and_a_new_token_kills_the_old_url(
    app, client, entries, make_user, auth
):
    user = make_user("user")
    auth.login(user)
    client.post("/calendar/follow", data={"iscm": "rcm", "action": "follow", "next": "/iscms/rcm"})
    client.post("/calendar/follow", data={"theme": "counter-smuggling", "action": "follow"})
    client.post("/account/calendar-feed")
    with app.app_context():
        from coordinator.auth.models import User

        old = db.session.get(User, user.id).feed_token
    titles = {
        str(e["summary"]).split(": ", 1)[-1] for e in parse(client.get(f"/feeds/{old}.ics").data).values()
    }
    assert titles == {"RCM labour webinar", "Bali smuggling workshop"}
    client.post("/calendar/follow", data={"iscm": "rcm", "action": "unfollow"})
    titles = {
        str(e["summary"]).split(": ", 1)[-1] for e in parse(client.get(f"/feeds/{old}.ics").data).values()
    }
    assert titles == {"Bali smuggling workshop"}
    client.post("/account/calendar-feed")
    assert client.get(f"/feeds/{old}.ics").status_code == 404


def test_follow_needs_a_signed_in_user(client, entries):
    response = client.post("/calendar/follow", data={"iscm": "rcm"})
    assert response.status_code in (302, 401)
    assert client.get("/feeds/not-a-token-at-all-not-at-all.ics").status_code == 404


def test_calendar_json_carries_the_same_filters(client, entries):
    data = client.get("/calendar.json?iscm=bali-process&theme=labour-migration&level=senior&q=SOM").get_json()
    assert [m["title"] for m in data["meetings"]] == ["Bali labour SOM"]
    assert (
        data["meetings"][0]["start_date"] == "2023-05-10"
        and data["meetings"][0]["iscms"][0]["slug"] == "bali-process"
    )
    undated = client.get("/calendar.json?q=training&year=2023").get_json()["meetings"]
    assert undated[0]["start_date"] is None and undated[0]["count"] == 5 and undated[0]["year"] == 2023


def test_renaming_a_user_renames_their_feed_and_leaves_one_file_of_it(app, client, entries, make_user, auth):
    from coordinator.auth.models import User

    user = make_user("user", name="Ana Reyes")
    auth.login(user)
    client.post("/account/calendar-feed")
    auth.logout()
    with app.app_context():
        token = db.session.get(User, user.id).feed_token
    before = client.get(f"/feeds/{token}.ics")
    with app.app_context():
        db.session.get(User, user.id).name = "Ana María Reyes"
        db.session.commit()
    after = client.get(f"/feeds/{token}.ics")
    assert "X-WR-CALNAME:My ISCM calendar (Ana Reyes)" in before.get_data(as_text=True)
    assert "X-WR-CALNAME:My ISCM calendar (Ana María Reyes)" in after.get_data(as_text=True)
    assert after.headers["ETag"] != before.headers["ETag"]
    assert len(list((app.config["EXPORT_DIR"] / "ical").glob("*.ics"))) == 1
