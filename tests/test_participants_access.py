"""Who may reach each participants route: anonymous, a user, staff without a role on the meeting,
a confirmed participant (with and without the meeting's consent), the meeting's staff and organizer, an admin."""

import pytest

from coordinator.extensions import db
from coordinator.people.models import Person
from tests.participants_factories import (
    add_meeting,
    add_person_participant,
    get_meeting,
    grant,
    pdf_text,
    stored_keys,
)

STAFF_ONLY = [
    ("get", "/meetings/som-2024/participants/new"),
    ("get", "/meetings/som-2024/participants/{pid}/edit"),
    ("post", "/meetings/som-2024/participants/{pid}/status"),
    ("post", "/meetings/som-2024/participants/{pid}/invite"),
    ("get", "/meetings/som-2024/participants/settings"),
    ("get", "/meetings/som-2024/participants/import"),
    ("get", "/meetings/som-2024/participants.csv"),
    ("get", "/meetings/som-2024/participants.xlsx"),
    ("get", "/meetings/som-2024/speakers.pdf"),
    ("get", "/meetings/som-2024/badges.pdf"),
    ("get", "/meetings/som-2024/place-cards.pdf"),
    ("get", "/meetings/som-2024/sessions/{sid}/sign-in.pdf"),
    ("get", "/meetings/som-2024/exports/badges/abc123"),
]
LISTING = [
    ("get", "/meetings/som-2024/participants"),
    ("get", "/meetings/som-2024/participants.pdf"),
    ("get", "/meetings/som-2024/printouts"),
]
ADMIN_ONLY = [("get", "/admin/people/{person}/export.json"), ("get", "/admin/people/{person}/erase")]
#: role -> (staff-only routes, listing routes, admin routes); 401 means "sent to sign in".
EXPECTED = {
    "anonymous": (401, 401, 401),
    "user": (403, 403, 403),
    "staff": (403, 403, 403),
    "participant": (403, 403, 403),
    "participant_visible": (403, 200, 403),
    "meeting_staff": (200, 200, 403),
    "organizer": (200, 200, 403),
    "admin": (200, 200, 200),
}


@pytest.fixture
def setting(app, make_user, auth, request):
    add_meeting(app)
    pid = add_person_participant(app, "som-2024", "Ana", "Costa", email="ana@example.org")
    with app.app_context():
        meeting = get_meeting("som-2024")
        ids = {"pid": pid, "sid": meeting.sessions[0].id, "person": db.session.get(Person, 1).id}
    role = request.param
    if role != "anonymous":
        user = make_user({"admin": "admin", "staff": "staff", "meeting_staff": "staff"}.get(role, "user"))
        if role in ("participant", "participant_visible", "meeting_staff", "organizer"):
            grant(app, "som-2024", user, {"meeting_staff": "staff"}.get(role, role.split("_")[0]))
        if role == "participant_visible":
            with app.app_context():
                get_meeting("som-2024").participants_visible = True
                db.session.commit()
        auth.login(user)
    return role, ids


def status_of(client, method, url):
    response = getattr(client, method)(url, data={"status": "confirmed"})
    if response.status_code == 302 and "/login" in response.headers["Location"]:
        return 401
    if response.status_code == 302 or response.status_code == 404 and "exports" in url:
        return 200
    return response.status_code


@pytest.mark.parametrize("setting", list(EXPECTED), indirect=True)
def test_every_route_per_role(client, setting):
    role, ids = setting
    staff_only, listing, admin = EXPECTED[role]
    for expected, routes in ((staff_only, STAFF_ONLY), (listing, LISTING), (admin, ADMIN_ONLY)):
        for method, url in routes:
            assert (url, status_of(client, method, url.format(**ids))) == (url, expected)


def test_private_meetings_are_hidden_from_strangers(app, client, as_role):
    add_meeting(app, slug="closed", visibility="private")
    as_role("staff")
    assert client.get("/meetings/closed/participants").status_code == 404


def test_confirmed_participants_see_names_but_not_emails(app, client, make_user, auth):
    add_meeting(app, participants_visible=True)
    add_person_participant(app, "som-2024", "Ana", "Costa", email="ana@example.org")
    add_person_participant(app, "som-2024", "Ben", "Dia", status="invited", email="ben@example.org")
    user = make_user("user")
    grant(app, "som-2024", user, "participant")
    auth.login(user)
    page = client.get("/meetings/som-2024/participants").get_data(as_text=True)
    assert "Ana Costa" in page and "Ben Dia" not in page and "ana@example.org" not in page
    assert client.get("/meetings/som-2024/participants.pdf?email=1").status_code == 200


def test_a_participant_reads_only_confirmed_names_in_the_pdf_whatever_the_query(app, client, make_user, auth):
    add_meeting(app, participants_visible=True)
    add_person_participant(app, "som-2024", "Ana", "Costa", email="ana@example.org")
    add_person_participant(app, "som-2024", "Ben", "Dia", status="invited", email="ben@example.org")
    staff, participant = make_user("staff"), make_user("user")
    grant(app, "som-2024", staff, "staff")
    grant(app, "som-2024", participant, "participant")
    auth.login(staff)
    full = pdf_text(client.get("/meetings/som-2024/participants.pdf?email=1").data)
    assert "Ben Dia" in full and "ben@example.org" in full
    (staff_key,) = stored_keys(app, "participant-list")
    auth.logout()
    auth.login(participant)
    own = pdf_text(client.get("/meetings/som-2024/participants.pdf?email=1&confirmed=0").data)
    assert "Ana Costa" in own and "Ben Dia" not in own and "@example.org" not in own
    (own_key,) = stored_keys(app, "participant-list") - {staff_key}
    for url in (f"/meetings/som-2024/exports/participant-list/{staff_key}",
                f"/meetings/som-2024/exports/participant-list/{staff_key}/file"):
        assert client.get(url).status_code == 404
    again = client.get(f"/meetings/som-2024/exports/participant-list/{own_key}/file")
    assert again.status_code == 200 and "Ben Dia" not in pdf_text(again.data)
    assert "Only confirmed participants" not in client.get("/meetings/som-2024/printouts").get_data(as_text=True)
