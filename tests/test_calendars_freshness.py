"""Feeds stay fresh: every change a feed shows moves ETag and Last-Modified forward, renames reach cached
events, each language keeps its own cached events, and old feed files are removed."""

from datetime import date

import pytest
import sqlalchemy as sa

from coordinator.calendars.models import IcalFragment
from coordinator.extensions import db
from coordinator.iscms.models import Iscm, Theme
from coordinator.meetings.models import Meeting, MeetingRole
from coordinator.meetings.operations import update_meeting
from tests.calendar_factories import add_entry, parse


@pytest.fixture
def entries(app, registry):
    return {
        "senior": add_entry(app, title="Bali labour SOM"),
        "technical": add_entry(
            app,
            title="Bali technical workshop",
            level="technical",
            start_date=date(2023, 6, 1),
            end_date=None,
        ),
        "rcm": add_entry(
            app, title="RCM webinar", iscms=["rcm"], format="online", level="technical", themes=[]
        ),
    }


def _edit(app, slug, **values):
    with app.app_context():
        meeting = db.session.scalar(sa.select(Meeting).where(Meeting.slug == slug))
        update_meeting(meeting, values)
        db.session.commit()


def _titles(response) -> set[str]:
    return {str(e["summary"]).split(": ", 1)[-1] for e in parse(response.data).values()}


def _since(client, url, first):
    """The feed asked again as a client holding only the first answer's Last-Modified would."""
    return client.get(url, headers={"If-Modified-Since": first.headers["Last-Modified"]})


def test_an_entry_leaving_a_filtered_feed_moves_last_modified_forward(app, client, entries):
    url = "/calendar.ics?level=senior"
    first = client.get(url)
    assert _titles(first) == {"Bali labour SOM"}
    assert _since(client, url, first).status_code == 304
    _edit(app, entries["senior"], level="technical")
    second = _since(client, url, first)
    assert second.status_code == 200 and _titles(second) == set()
    assert second.last_modified > first.last_modified
    assert second.headers["ETag"] != first.headers["ETag"]


def test_an_entry_losing_its_date_leaves_the_feed_for_if_modified_since_clients(app, client, entries):
    first = client.get("/calendar.ics")
    _edit(app, entries["technical"], start_date=None, end_date=None, month=date(2023, 6, 1))
    second = _since(client, "/calendar.ics", first)
    assert second.status_code == 200 and _titles(second) == {"Bali labour SOM", "RCM webinar"}
    assert second.last_modified > first.last_modified


@pytest.mark.parametrize("change", ["format", "text", "iscm_type"])
def test_changes_that_move_an_entry_out_of_a_filter_are_seen(app, client, entries, change):
    url = {
        "format": "/calendar.ics?format=online",
        "text": "/calendar.ics?q=webinar",
        "iscm_type": "/calendar.ics?type=RCP",
    }[change]
    first = client.get(url)
    assert _titles(first) == {"RCM webinar"}
    if change == "format":
        _edit(app, entries["rcm"], format="in_person")
    elif change == "text":
        _edit(app, entries["rcm"], title="RCM online meeting")
    else:
        with app.app_context():
            db.session.scalar(sa.select(Iscm).where(Iscm.slug == "rcm")).type = "IRF"
            db.session.commit()
    second = _since(client, url, first)
    assert second.status_code == 200 and _titles(second) == set()


def test_two_changes_within_one_second_are_both_seen(app, client, entries):
    _edit(app, entries["rcm"], title="RCM webinar 1")
    first = client.get("/calendar.ics?iscm=rcm")
    _edit(app, entries["rcm"], title="RCM webinar 2")
    second = _since(client, "/calendar.ics?iscm=rcm", first)
    assert second.status_code == 200 and _titles(second) == {"RCM webinar 2"}


def _token(app, client, auth, user) -> str:
    from coordinator.auth.models import User

    auth.login(user)
    client.post("/account/calendar-feed")
    with app.app_context():
        return db.session.get(User, user.id).feed_token


def test_a_new_follow_brings_old_entries_into_the_personal_feed_for_if_modified_since_clients(
    app, client, entries, make_user, auth
):
    token = _token(app, client, auth, make_user("user"))
    first = client.get(f"/feeds/{token}.ics")
    assert _titles(first) == set()
    client.post("/calendar/follow", data={"iscm": "rcm", "action": "follow"})
    second = _since(client, f"/feeds/{token}.ics", first)
    assert second.status_code == 200 and _titles(second) == {"RCM webinar"}
    assert second.last_modified > first.last_modified


def test_a_new_role_brings_a_private_meeting_into_the_personal_feed(app, client, entries, make_user, auth):
    user = make_user("user")
    private = add_entry(app, title="Closed troika", visibility="private")
    token = _token(app, client, auth, user)
    first = client.get(f"/feeds/{token}.ics")
    with app.app_context():
        meeting = db.session.scalar(sa.select(Meeting).where(Meeting.slug == private))
        db.session.add(MeetingRole(meeting_id=meeting.id, user_id=user.id, role="participant"))
        db.session.commit()
    second = _since(client, f"/feeds/{token}.ics", first)
    assert second.status_code == 200 and _titles(second) == {"Closed troika"}


def test_a_follow_or_a_role_leaves_every_other_feed_as_it_was(app, client, entries, make_user, auth):
    user = make_user("user")
    first = client.get("/calendar.ics")
    auth.login(user)
    client.post("/calendar/follow", data={"iscm": "rcm", "action": "follow"})
    with app.app_context():
        meeting = db.session.scalar(sa.select(Meeting).where(Meeting.slug == entries["rcm"]))
        db.session.add(MeetingRole(meeting_id=meeting.id, user_id=user.id, role="participant"))
        db.session.commit()
    again = client.get("/calendar.ics")
    assert (again.headers["ETag"], again.last_modified) == (first.headers["ETag"], first.last_modified)


def test_the_personal_feed_sees_a_change_of_every_feed_after_its_own_changes_ran_ahead(
    app, client, entries, make_user, auth
):
    token = _token(app, client, auth, make_user("user"))
    for action in ("follow", "unfollow", "follow", "unfollow", "follow"):
        client.post("/calendar/follow", data={"iscm": "rcm", "action": action})
    first = client.get(f"/feeds/{token}.ics")
    _edit(app, entries["rcm"], title="RCM webinar on return")
    second = _since(client, f"/feeds/{token}.ics", first)
    assert second.status_code == 200 and _titles(second) == {"RCM webinar on return"}
    assert second.last_modified > first.last_modified


def test_a_change_flushed_before_a_savepoint_rolled_back_still_moves_the_marker(app, entries):
    from sqlalchemy.exc import IntegrityError

    from coordinator.calendars.models import Follow
    from coordinator.calendars.queries import calendar_changed_at

    with app.app_context():
        before = calendar_changed_at()
        db.session.scalar(sa.select(Meeting).where(Meeting.slug == entries["rcm"])).title = "RCM on return"
        db.session.flush()
        with pytest.raises(IntegrityError), db.session.begin_nested():
            db.session.add(Follow(user_id=None, iscm_id=None, theme_id=None))
            db.session.flush()
        db.session.commit()
        assert calendar_changed_at() > before


def test_the_marker_is_locked_only_while_committing(app, entries, backend):
    if backend != "postgres":
        pytest.skip("SQLite locks the whole database at the first write: there is no row lock to test")
    with app.app_context():
        db.session.scalar(sa.select(Meeting).where(Meeting.slug == entries["rcm"])).title = "RCM on return"
        db.session.flush()
        with db.engine.connect() as other:
            other.execute(sa.text("SET lock_timeout = '2s'"))
            locked = other.execute(sa.text("SELECT id FROM calendar_state WHERE id = 1 FOR UPDATE")).all()
            other.rollback()
        db.session.commit()
    assert locked == [(1,)]


def test_renaming_an_iscm_or_a_theme_reaches_the_cached_events(app, client, entries):
    first = client.get("/calendar.ics?iscm=bali-process")
    with app.app_context():
        iscm = db.session.scalar(sa.select(Iscm).where(Iscm.slug == "bali-process"))
        iscm.acronym, iscm.name = "BP", "Bali Process on People Smuggling"
        db.session.scalar(sa.select(Theme).where(Theme.slug == "labour-migration")).name = "Labour mobility"
        db.session.commit()
    second = client.get("/calendar.ics?iscm=bali-process", headers={"If-None-Match": first.headers["ETag"]})
    assert second.status_code == 200
    events = {str(e["summary"]): e for e in parse(second.data).values()}
    assert set(events) == {"BP: Bali labour SOM", "BP: Bali technical workshop"}
    assert "Bali Process on People Smuggling (BP)" in str(events["BP: Bali labour SOM"]["description"])
    assert [str(c) for c in events["BP: Bali labour SOM"]["categories"].cats] == ["Labour mobility"]


def _rendered(app) -> dict[str, set[str]]:
    with app.app_context():
        rows = db.session.execute(sa.select(IcalFragment.language, IcalFragment.stamp)).all()
    by_language: dict[str, set[str]] = {}
    for language, stamp in rows:
        by_language.setdefault(language, set()).add(stamp)
    return by_language


def test_each_language_keeps_its_events_and_one_change_renders_one_event_per_language(app, client, entries):
    english = client.get("/calendar.ics").get_data(as_text=True)
    french = client.get("/calendar.ics?lang=fr").get_data(as_text=True)
    assert "Senior officials" in english and "Hauts fonctionnaires" in french
    before = _rendered(app)
    assert {language: len(stamps) for language, stamps in before.items()} == {"en": 3, "fr": 3}
    _edit(app, entries["rcm"], title="RCM webinar on return")
    client.get("/calendar.ics")
    client.get("/calendar.ics?lang=fr")
    after = _rendered(app)
    assert {language: len(after[language] - before[language]) for language in after} == {"en": 1, "fr": 1}


def test_the_feed_language_comes_from_the_url_not_the_client(client, entries):
    asked_in_french = client.get("/calendar.ics", headers={"Accept-Language": "fr"})
    assert "Senior officials" in asked_in_french.get_data(as_text=True)
    assert "Accept-Language" not in asked_in_french.headers.get("Vary", "")
    assert client.get("/calendar.ics?lang=fr").headers["ETag"] != asked_in_french.headers["ETag"]


def test_the_subscribe_box_gives_the_readers_language(client, entries):
    client.post("/language", data={"locale": "fr", "next": "/calendar"})
    page = client.get("/calendar?month=2023-05&iscm=rcm").get_data(as_text=True)
    assert "http://localhost/calendar.ics?iscm=rcm&amp;lang=fr" in page


def test_only_the_latest_file_of_each_feed_is_kept(app, client, entries):
    feeds_dir = app.config["EXPORT_DIR"] / "ical"
    client.get("/calendar.ics")
    client.get("/calendar.ics?iscm=rcm")
    assert len(list(feeds_dir.glob("*.ics"))) == 2
    for number in range(3):
        _edit(app, entries["rcm"], title=f"RCM webinar {number}")
        client.get("/calendar.ics")
        client.get("/calendar.ics?iscm=rcm")
    assert len(list(feeds_dir.glob("*.ics"))) == 2
    served = client.get("/calendar.ics?iscm=rcm")
    assert _titles(served) == {"RCM webinar 2"}


def test_feed_files_are_capped_whatever_the_queries(app, client, entries, monkeypatch):
    from coordinator.calendars import feeds

    monkeypatch.setattr(feeds, "MAX_FEED_FILES", 5)
    for number in range(12):
        assert client.get(f"/calendar.ics?q=random{number}").status_code == 200
    assert len(list((app.config["EXPORT_DIR"] / "ical").glob("*.ics"))) == 5
