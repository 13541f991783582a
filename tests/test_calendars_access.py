"""Every route of the calendars blueprint, for every role: anonymous, user, staff, admin, and an account without
global rights holding a role (participant) on a private meeting.

The table is checked against the app's URL map: a new calendars route without expectations fails the first test.
"""

from datetime import date

import pytest
import sqlalchemy as sa

from coordinator.extensions import db
from coordinator.meetings.models import Meeting, MeetingRole
from tests.calendar_factories import add_entry

ROLES = ("anonymous", "user", "staff", "admin", "holder")
EVERYONE = dict.fromkeys(ROLES, 200)
#: Sent to the login page when anonymous, 403 for accounts that are not staff.
STAFF_ONLY = {"anonymous": "login", "user": 403, "holder": 403}
#: The private meeting: a 404 (it does not exist for them) to all but admins and its role holders.
PRIVATE = {"anonymous": 404, "user": 404, "staff": 404, "admin": 200, "holder": 200}

#: (endpoint, method) -> [(url, {role: status or "login"})]; "{public}", "{private}", "{token}" are filled in per
#: test. Checked in this order: the token is renewed last.
ROUTES = {
    ("calendars.index", "GET"): [("/calendar?view=year&year=2023", EVERYONE)],
    ("calendars.highlights", "GET"): [
        ("/calendar/2023/highlights", EVERYONE),
        ("/calendar/1800/highlights", dict.fromkeys(ROLES, 404)),
    ],
    ("calendars.feed", "GET"): [("/calendar.ics", EVERYONE)],
    ("calendars.json_feed", "GET"): [("/calendar.json", EVERYONE)],
    ("calendars.iscm_feed", "GET"): [
        ("/iscms/bali-process/calendar.ics", EVERYONE),
        ("/iscms/nope/calendar.ics", dict.fromkeys(ROLES, 404)),
    ],
    ("calendars.meeting_feed", "GET"): [
        ("/meetings/{public}/calendar.ics", EVERYONE),
        ("/meetings/{private}/calendar.ics", PRIVATE),
        ("/meetings/nope/calendar.ics", dict.fromkeys(ROLES, 404)),
    ],
    #: The token is the credential (calendar applications have no session): it answers whoever asks.
    ("calendars.personal_feed", "GET"): [
        ("/feeds/{token}.ics", EVERYONE),
        ("/feeds/not-a-token-at-all-not-at-all.ics", dict.fromkeys(ROLES, 404)),
    ],
    ("calendars.import_upload", "GET"): [("/calendar/import", {**STAFF_ONLY, "staff": 200, "admin": 200})],
    ("calendars.import_upload", "POST"): [("/calendar/import", {**STAFF_ONLY, "staff": 400, "admin": 400})],
    ("calendars.import_confirm", "POST"): [
        ("/calendar/import/confirm", {**STAFF_ONLY, "staff": 302, "admin": 302})
    ],
    ("calendars.follow", "POST"): [("/calendar/follow", {**dict.fromkeys(ROLES, 302), "anonymous": "login"})],
    ("calendars.regenerate_token", "POST"): [
        ("/account/calendar-feed", {**dict.fromkeys(ROLES, 302), "anonymous": "login"})
    ],
}
FORMS = {"calendars.follow": {"iscm": "rcm", "action": "follow", "next": "/calendar"}}


def test_every_calendars_route_has_expectations(app):
    routes = {
        (rule.endpoint, method)
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("calendars.")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert routes == set(ROUTES)


@pytest.fixture
def world(app, registry, make_user):
    """A public entry, a private one with a participant (the holder), and the holder's feed token."""
    public = add_entry(app, title="Bali labour SOM")
    private = add_entry(
        app, title="Closed troika", visibility="private", start_date=date(2023, 6, 1), end_date=None
    )
    holder = make_user("user")
    with app.app_context():
        from coordinator.auth.models import User

        meeting = db.session.scalar(sa.select(Meeting).where(Meeting.slug == private))
        db.session.add(MeetingRole(meeting_id=meeting.id, user_id=holder.id, role="participant"))
        db.session.get(User, holder.id).feed_token = "holder-token-" + "x" * 20
        db.session.commit()
    return {"public": public, "private": private, "token": "holder-token-" + "x" * 20, "holder": holder}


def _sign_in(role, world, as_role, auth):
    if role == "holder":
        auth.login(world["holder"])
    else:
        as_role(role)


def _answer(client, endpoint: str, method: str, url: str, login_expected: bool):
    response = client.get(url) if method == "GET" else client.post(url, data=FORMS.get(endpoint, {}))
    if login_expected:
        return response.status_code, response.headers.get("Location", "").split("?")[0]
    return response.status_code


@pytest.mark.parametrize("role", ROLES)
def test_each_route_answers_each_role_as_expected(client, world, as_role, auth, role):
    _sign_in(role, world, as_role, auth)
    expected, seen = {}, {}
    for (endpoint, method), cases in ROUTES.items():
        for url, statuses in cases:
            url = url.format(**world)
            login = statuses[role] == "login"
            expected[(method, url)] = (302, "/login") if login else statuses[role]
            seen[(method, url)] = _answer(client, endpoint, method, url, login)
    assert seen == expected


@pytest.mark.parametrize("role", ROLES)
def test_the_private_meeting_is_on_the_pages_of_those_who_may_see_it_and_in_no_public_feed(
    client, world, as_role, auth, role
):
    _sign_in(role, world, as_role, auth)
    page = client.get("/calendar?view=year&year=2023").get_data(as_text=True)
    assert ("Closed troika" in page) == (role in ("admin", "holder"))
    for url in ("/calendar.ics", "/calendar.json?year=2023", "/iscms/bali-process/calendar.ics"):
        assert b"Closed troika" not in client.get(url).data


def test_the_holders_personal_feed_holds_the_private_meeting(client, world):
    assert b"Closed troika" in client.get(f"/feeds/{world['token']}.ics").data
