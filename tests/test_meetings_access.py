"""Every meeting route, for every role: anonymous, user, staff, admin and the meeting's organizer."""

import pytest

from tests.meetings_helpers import make_private

ROLES = ("anonymous", "user", "staff", "admin", "organizer")

READ_PAGES = (
    "/meetings/grcp-9", "/meetings/grcp-9/agenda", "/meetings/grcp-9/agenda/v1", "/meetings/grcp-9/agenda/print",
    "/meetings/grcp-9/agenda.pdf", "/meetings/grcp-9/agenda/changes",
)
MANAGE_PAGES = (
    "/meetings/grcp-9/edit", "/meetings/grcp-9/agenda/edit", "/meetings/grcp-9/sessions/new",
    "/meetings/grcp-9/sessions/{session_id}/edit", "/meetings/grcp-9/sessions/{session_id}/items/new",
    "/meetings/grcp-9/items/{item_id}/edit", "/meetings/grcp-9/items/{item_id}/people",
    "/meetings/grcp-9/people.json?q=li", "/meetings/grcp-9/planner", "/meetings/grcp-9/roles",
)
MANAGE_POSTS = (
    "/meetings/grcp-9/materials", "/meetings/grcp-9/materials/{material_id}/delete", "/meetings/grcp-9/agenda/release",
    "/meetings/grcp-9/items/{item_id}/people/{link_id}/delete", "/meetings/grcp-9/items/{item_id}/delete",
    "/meetings/grcp-9/sessions/{session_id}/delete", "/meetings/grcp-9/planner/apply", "/meetings/grcp-9/roles",
    "/meetings/grcp-9/cancel",
)
#: Expected status of a manage page: anonymous readers are sent to sign in.
MANAGE_STATUS = {"anonymous": 302, "user": 403, "staff": 403, "admin": 200, "organizer": 200}


def fill(url, ids):
    return url.format(session_id=ids.session_id, item_id=ids.item_id, link_id=ids.link_id,
                      material_id=ids.material_id)


@pytest.mark.parametrize("role", ROLES)
def test_public_meeting_pages_are_open_to_everyone(client, grcp9, sign_in, role):
    sign_in(role, grcp9.meeting_id)
    assert client.get("/meetings").status_code == 200
    for url in READ_PAGES:
        assert (url, client.get(url).status_code) == (url, 200)


@pytest.mark.parametrize("role", ROLES)
def test_manage_pages_by_role(client, grcp9, sign_in, role):
    sign_in(role, grcp9.meeting_id)
    for url in MANAGE_PAGES:
        response = client.get(fill(url, grcp9))
        assert (url, response.status_code) == (url, MANAGE_STATUS[role])
        if role == "anonymous":
            assert "/login" in response.headers["Location"]


@pytest.mark.parametrize("role", ("anonymous", "user", "staff"))
def test_manage_posts_are_refused_to_those_without_the_right(client, grcp9, sign_in, role):
    sign_in(role, grcp9.meeting_id)
    for url in MANAGE_POSTS:
        assert (url, client.post(fill(url, grcp9)).status_code) == (url, 302 if role == "anonymous" else 403)


@pytest.mark.parametrize("role", ("admin", "organizer"))
def test_manage_posts_are_accepted_from_organizers_and_admins(client, grcp9, sign_in, role):
    sign_in(role, grcp9.meeting_id)
    for url in MANAGE_POSTS:
        assert (url, client.post(fill(url, grcp9)).status_code) in ((url, 302), (url, 400))


@pytest.mark.parametrize("role", ROLES)
def test_a_private_meeting_is_a_404_without_a_role(app, client, grcp9, sign_in, role):
    make_private(app, grcp9.meeting_id)
    sign_in(role, grcp9.meeting_id)
    expected = 200 if role in ("admin", "organizer") else 404
    for url in READ_PAGES:
        assert (url, client.get(url).status_code) == (url, expected)
    listed = "Ninth Global Meeting" in client.get("/meetings?when=all").get_data(as_text=True)
    assert listed == (role in ("admin", "organizer"))
    if role not in ("admin", "organizer"):
        assert client.get(fill(MANAGE_PAGES[1], grcp9)).status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_unknown_meetings_sessions_and_items_are_404(client, grcp9, sign_in, role):
    sign_in(role, grcp9.meeting_id)
    assert client.get("/meetings/no-such-meeting").status_code == 404
    assert client.get("/meetings/no-such-meeting/agenda").status_code == 404
    assert client.get("/meetings/grcp-9/agenda/v99").status_code == 404
    if role in ("admin", "organizer"):
        assert client.get("/meetings/grcp-9/sessions/999999/edit").status_code == 404
        assert client.get("/meetings/grcp-9/items/999999/edit").status_code == 404


@pytest.mark.parametrize("role,expected", [("anonymous", 302), ("user", 403), ("staff", 200), ("admin", 200),
                                           ("organizer", 403)])
def test_creating_a_meeting_is_for_staff_and_admins(client, grcp9, sign_in, role, expected):
    sign_in(role, grcp9.meeting_id)
    assert client.get("/meetings/new").status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_remembering_a_zone_is_open_to_readers(app, client, grcp9, sign_in, role):
    sign_in(role, grcp9.meeting_id)
    response = client.post("/meetings/grcp-9/agenda/zone", data={"tz": "Asia/Manila"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/meetings/grcp-9/agenda?tz=Asia/Manila")


@pytest.mark.parametrize("role,expected", [("anonymous", 302), ("user", 403), ("staff", 200), ("admin", 200),
                                           ("organizer", 403)])
def test_the_people_directory_is_for_staff_and_admins(app, client, grcp9, sign_in, role, expected):
    sign_in(role, grcp9.meeting_id)
    assert client.get("/people").status_code == expected
    assert client.get("/people/new").status_code == expected
    assert client.get("/people/1").status_code == expected
    assert client.get("/people/1/edit").status_code == expected


@pytest.mark.parametrize("role,expected", [("anonymous", 302), ("user", 200), ("staff", 200), ("admin", 200),
                                           ("organizer", 200)])
def test_notices_are_for_signed_in_users(client, grcp9, sign_in, role, expected):
    sign_in(role, grcp9.meeting_id)
    assert client.get("/notices").status_code == expected
    assert client.post("/notices/read").status_code == 302
