"""Every route of the meetings, people and notices blueprints, for every role, on a public and a private meeting.

The table is checked against the app's URL map: a new route without expectations fails the first test.
Roles: anonymous, user (no rights), staff and admin (global), and accounts without global rights holding a
role on GRCP 9: organizer, meeting_staff (its staff) and rapporteur (of Discussion Session 1).
"""

from dataclasses import dataclass

import pytest

from coordinator.extensions import db
from coordinator.meetings.models import ItemPerson, Meeting, MeetingRole
from coordinator.meetings.operations import add_material
from tests.meetings_helpers import make_private

ROLES = ("anonymous", "user", "staff", "admin", "organizer", "meeting_staff", "rapporteur")
#: Who sees a private meeting: admins and those with a role on it.
ROLE_HOLDERS = ("admin", "organizer", "meeting_staff", "rapporteur")
MANAGERS = ("admin", "organizer")
#: The people directory and creating meetings: staff and admins (global roles).
DIRECTORY = ("staff", "admin")


@dataclass(frozen=True)
class Route:
    url: str
    #: read (whoever sees the meeting), open (everyone, even on a private meeting it answers the same),
    #: manage (organizers and admins), directory (staff and admins), signed_in.
    audience: str
    #: The status for those allowed (a POST without data: 400 for a form, 302 for an action).
    allowed: int = 200


#: (endpoint, method) → route. Destructive actions come last, in an order that keeps later URLs valid.
ROUTES = {
    ("meetings.index", "GET"): Route("/meetings", "open"),
    ("meetings.create", "GET"): Route("/meetings/new", "directory"),
    ("meetings.create", "POST"): Route("/meetings/new", "directory", 400),
    ("meetings.show", "GET"): Route("/meetings/grcp-9", "read"),
    ("meetings.material_file", "GET"): Route("/meetings/grcp-9/materials/{uploaded_id}/file", "read"),
    ("meetings.agenda_page", "GET"): Route("/meetings/grcp-9/agenda?tz=Europe/Zurich", "read"),
    ("meetings.agenda_version", "GET"): Route("/meetings/grcp-9/agenda/v1", "read"),
    ("meetings.agenda_print", "GET"): Route("/meetings/grcp-9/agenda/print", "read"),
    ("meetings.agenda_pdf", "GET"): Route("/meetings/grcp-9/agenda.pdf", "read"),
    ("meetings.changes", "GET"): Route("/meetings/grcp-9/agenda/changes", "read"),
    ("calendars.meeting_feed", "GET"): Route("/meetings/grcp-9/calendar.ics", "read"),
    ("meetings.remember_zone", "POST"): Route("/meetings/grcp-9/agenda/zone", "read", 302),
    ("meetings.edit", "GET"): Route("/meetings/grcp-9/edit", "manage"),
    ("meetings.edit", "POST"): Route("/meetings/grcp-9/edit", "manage", 400),
    ("meetings.agenda_edit", "GET"): Route("/meetings/grcp-9/agenda/edit", "manage"),
    ("meetings.session_new", "GET"): Route("/meetings/grcp-9/sessions/new", "manage"),
    ("meetings.session_new", "POST"): Route("/meetings/grcp-9/sessions/new", "manage", 400),
    ("meetings.session_edit", "GET"): Route("/meetings/grcp-9/sessions/{session_id}/edit", "manage"),
    ("meetings.session_edit", "POST"): Route("/meetings/grcp-9/sessions/{session_id}/edit", "manage", 400),
    ("meetings.item_new", "GET"): Route("/meetings/grcp-9/sessions/{session_id}/items/new", "manage"),
    ("meetings.item_new", "POST"): Route("/meetings/grcp-9/sessions/{session_id}/items/new", "manage", 400),
    ("meetings.item_edit", "GET"): Route("/meetings/grcp-9/items/{item_id}/edit", "manage"),
    ("meetings.item_edit", "POST"): Route("/meetings/grcp-9/items/{item_id}/edit", "manage", 400),
    ("meetings.item_people", "GET"): Route("/meetings/grcp-9/items/{item_id}/people", "manage"),
    ("meetings.item_people", "POST"): Route("/meetings/grcp-9/items/{item_id}/people", "manage", 400),
    ("meetings.item_person_edit", "POST"): Route(
        "/meetings/grcp-9/items/{item_id}/people/{link_id}/edit", "manage", 400
    ),
    ("meetings.people_search", "GET"): Route("/meetings/grcp-9/people.json?q=li", "manage"),
    ("meetings.planner_page", "GET"): Route("/meetings/grcp-9/planner", "manage"),
    ("meetings.planner_apply", "POST"): Route("/meetings/grcp-9/planner/apply", "manage", 302),
    ("meetings.roles", "GET"): Route("/meetings/grcp-9/roles", "manage"),
    ("meetings.roles", "POST"): Route("/meetings/grcp-9/roles", "manage", 400),
    ("meetings.add_material", "POST"): Route("/meetings/grcp-9/materials", "manage", 400),
    ("meetings.release", "POST"): Route("/meetings/grcp-9/agenda/release", "manage", 400),
    ("meetings.remove_role", "POST"): Route("/meetings/grcp-9/roles/{role_id}/delete", "manage", 302),
    ("meetings.delete_material", "POST"): Route(
        "/meetings/grcp-9/materials/{material_id}/delete", "manage", 302
    ),
    ("meetings.item_person_delete", "POST"): Route(
        "/meetings/grcp-9/items/{item_id}/people/{link_id}/delete", "manage", 302
    ),
    ("meetings.item_delete", "POST"): Route("/meetings/grcp-9/items/{item_id}/delete", "manage", 302),
    ("meetings.session_delete", "POST"): Route(
        "/meetings/grcp-9/sessions/{session_id}/delete", "manage", 302
    ),
    ("meetings.cancel", "POST"): Route("/meetings/grcp-9/cancel", "manage", 302),
    ("people.index", "GET"): Route("/people", "directory"),
    ("people.create", "GET"): Route("/people/new", "directory"),
    ("people.create", "POST"): Route("/people/new", "directory", 400),
    ("people.show", "GET"): Route("/people/{person_id}", "directory"),
    ("people.edit", "GET"): Route("/people/{person_id}/edit", "directory"),
    ("people.edit", "POST"): Route("/people/{person_id}/edit", "directory", 400),
    ("notices.index", "GET"): Route("/notices", "signed_in"),
    ("notices.read_all", "POST"): Route("/notices/read", "signed_in", 302),
}
BLUEPRINTS = ("meetings", "people", "notices")


def expected(route: Route, role: str, private: bool) -> int:
    """The status a role gets; a meeting one may not see is a 404 before any sign-in is asked for."""
    meeting_route = route.audience in ("read", "manage")
    if meeting_route and private and role not in ROLE_HOLDERS:
        return 404
    if route.audience in ("open", "read"):
        return route.allowed
    if role == "anonymous":
        return 302
    allowed = {"manage": MANAGERS, "directory": DIRECTORY, "signed_in": ROLES}[route.audience]
    return route.allowed if role in allowed else 403


@dataclass(frozen=True)
class Ids:
    session_id: int
    item_id: int
    link_id: int
    material_id: int
    uploaded_id: int
    role_id: int
    person_id: int


@pytest.fixture
def ids(app, grcp9, make_user) -> Ids:
    """GRCP 9 with an uploaded material and a staff role of someone else (to remove)."""
    colleague = make_user("user")
    with app.app_context():
        meeting = db.session.get(Meeting, grcp9.meeting_id)
        uploaded = add_material(meeting, "Concept note", None, upload=(b"%PDF-1.4 note", "note.pdf"))
        role = MeetingRole(meeting=meeting, user_id=colleague.id, role="staff")
        db.session.add(role)
        db.session.commit()
        person_id = db.session.get(ItemPerson, grcp9.link_id).person_id
        return Ids(
            grcp9.session_id, grcp9.item_id, grcp9.link_id, grcp9.material_id, uploaded.id, role.id, person_id
        )


def answers(client, role: str, ids: Ids, private: bool) -> list[tuple]:
    """Every route asked in turn: (endpoint, method, status, expected) where they differ, and anonymous
    readers sent anywhere but the sign-in page."""
    wrong = []
    for (endpoint, method), route in ROUTES.items():
        url = route.url.format(**vars(ids))
        response = client.get(url) if method == "GET" else client.post(url)
        want = expected(route, role, private)
        if response.status_code != want:
            wrong.append((endpoint, method, response.status_code, want))
        elif (
            want == 302
            and role == "anonymous"
            and route.audience not in ("open", "read")
            and "/login" not in response.headers["Location"]
        ):
            wrong.append((endpoint, method, response.headers["Location"], "/login"))
    return wrong


def test_every_route_of_the_blueprints_has_expectations(app):
    routes = {
        (rule.endpoint, method)
        for rule in app.url_map.iter_rules()
        if rule.endpoint.split(".")[0] in BLUEPRINTS
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert sorted(routes - set(ROUTES)) == []
    assert sorted(key for key in set(ROUTES) - routes if key[0].split(".")[0] in BLUEPRINTS) == []


@pytest.mark.parametrize("role", ROLES)
def test_every_route_by_role_on_a_public_meeting(client, ids, sign_in, grcp9, role):
    sign_in(role, grcp9.meeting_id)
    assert answers(client, role, ids, private=False) == []


@pytest.mark.parametrize("role", ROLES)
def test_every_route_by_role_on_a_private_meeting(app, client, ids, sign_in, grcp9, role):
    make_private(app, grcp9.meeting_id)
    sign_in(role, grcp9.meeting_id)
    assert answers(client, role, ids, private=True) == []


@pytest.mark.parametrize("role", ROLES)
def test_a_private_meeting_is_listed_only_for_those_who_see_it(app, client, grcp9, sign_in, role):
    make_private(app, grcp9.meeting_id)
    sign_in(role, grcp9.meeting_id)
    listed = "Ninth Global Meeting" in client.get("/meetings?when=all").get_data(as_text=True)
    assert listed == (role in ROLE_HOLDERS)


@pytest.mark.parametrize("role", ROLES)
def test_unknown_meetings_sessions_and_items_are_404(client, grcp9, sign_in, role):
    sign_in(role, grcp9.meeting_id)
    assert client.get("/meetings/no-such-meeting").status_code == 404
    assert client.get("/meetings/no-such-meeting/agenda").status_code == 404
    assert client.get("/meetings/grcp-9/agenda/v99").status_code == 404
    assert client.get("/meetings/grcp-9/materials/999999/file").status_code == 404
    if role in MANAGERS:
        assert client.get("/meetings/grcp-9/sessions/999999/edit").status_code == 404
        assert client.get("/meetings/grcp-9/items/999999/edit").status_code == 404
        assert client.post(f"/meetings/grcp-9/items/{grcp9.item_id}/people/999999/edit").status_code == 404


def test_rows_of_one_item_or_meeting_are_not_reached_through_another(app, client, grcp9, sign_in, make_user):
    sign_in("organizer", grcp9.meeting_id)
    with app.app_context():
        link = db.session.get(ItemPerson, grcp9.link_id)
        other_item = next(i.id for i in link.item.session.items if i.id != grcp9.item_id)
        before = (link.item_id, link.role, len(link.item.people))
        other_meeting = Meeting(
            slug="other", title="Other", timezone="UTC", visibility="public", status="published"
        )
        other_meeting.roles.append(MeetingRole(user_id=make_user("user").id, role="organizer"))
        db.session.add(other_meeting)
        db.session.commit()
        role_id = other_meeting.roles[0].id
    person_url = f"/meetings/grcp-9/items/{other_item}/people/{grcp9.link_id}"
    assert client.post(f"{person_url}/edit", data={"role": "moderator"}).status_code == 404
    assert client.post(f"{person_url}/delete").status_code == 404
    assert client.post(f"/meetings/grcp-9/roles/{role_id}/delete").status_code == 404
    with app.app_context():
        link = db.session.get(ItemPerson, grcp9.link_id)
        assert (link.item_id, link.role, len(link.item.people)) == before
        assert db.session.get(MeetingRole, role_id) is not None


def test_an_anonymous_reader_remembers_nothing_but_is_shown_the_zone(client, grcp9):
    response = client.post("/meetings/grcp-9/agenda/zone", data={"tz": "Asia/Manila"})
    assert response.headers["Location"].endswith("/meetings/grcp-9/agenda?tz=Asia/Manila")
