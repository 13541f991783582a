"""Who may reach each participants route: anonymous, a user, staff without a role on the meeting, a
confirmed participant (with and without the meeting's consent), the meeting's staff and organizer, an admin.

Driven by the app's URL map: a participants route (or method) without expectations fails the first test.
Every request is what a user of the page would send, so an allowed POST succeeds (302)."""

import io
import json
from urllib.parse import quote

import pytest

from coordinator.exporting.store import ExportStore, content_key
from coordinator.extensions import db
from coordinator.participants import importing, printouts
from coordinator.participants.lists import ListOptions
from coordinator.participants.models import Participant
from coordinator.participants.operations import set_open_registration
from coordinator.people.operations import create_person
from tests.participants_factories import (
    add_meeting,
    add_person_participant,
    get_meeting,
    grant,
    pdf_text,
    stored_keys,
)

ROLES = (
    "anonymous",
    "user",
    "staff",
    "participant",
    "participant_visible",
    "meeting_staff",
    "organizer",
    "admin",
)
#: Anonymous visitors are sent to the login page.
LOGIN = "login"


def statuses(*values) -> dict:
    return dict(zip(ROLES, values, strict=True))


def staffing(status: int) -> dict:
    """The meeting's staff and organizers, and admins."""
    return statuses(LOGIN, 403, 403, 403, 403, status, status, status)


def listing(status: int) -> dict:
    """As staffing, and confirmed participants when the meeting lets them see each other."""
    return statuses(LOGIN, 403, 403, 403, status, status, status, status)


def admins(status: int) -> dict:
    return statuses(LOGIN, 403, 403, 403, 403, 403, 403, status)


def everyone(status: int) -> dict:
    return statuses(*[status] * len(ROLES))


M = "/meetings/som-2024"
#: (endpoint, method, url) → status per role, in the order they are asked (GETs first, erasure last).
ROUTES = [
    ("participants.index", "GET", f"{M}/participants", listing(200)),
    ("participants.create", "GET", f"{M}/participants/new", staffing(200)),
    ("participants.edit", "GET", f"{M}/participants/{{pid}}/edit", staffing(200)),
    ("participants.settings", "GET", f"{M}/participants/settings", staffing(200)),
    ("participants.import_upload", "GET", f"{M}/participants/import", staffing(200)),
    ("participants.import_review", "GET", f"{M}/participants/import/{{upload}}", staffing(200)),
    ("participants.export_csv", "GET", f"{M}/participants.csv", staffing(200)),
    ("participants.export_xlsx", "GET", f"{M}/participants.xlsx", staffing(200)),
    ("participants.participant_list_pdf", "GET", f"{M}/participants.pdf", listing(200)),
    ("participants.speakers_pdf", "GET", f"{M}/speakers.pdf", staffing(200)),
    ("participants.badges_pdf", "GET", f"{M}/badges.pdf", staffing(200)),
    ("participants.place_cards_pdf", "GET", f"{M}/place-cards.pdf", staffing(200)),
    ("participants.sign_in_pdf", "GET", f"{M}/sessions/{{sid}}/sign-in.pdf", staffing(200)),
    ("participants.printouts", "GET", f"{M}/printouts", listing(200)),
    ("participants.export_progress", "GET", f"{M}/exports/badges/{{badges}}", staffing(200)),
    ("participants.export_progress", "GET", f"{M}/exports/participant-list/{{listed}}", listing(200)),
    ("participants.export_download", "GET", f"{M}/exports/badges/{{badges}}/file", staffing(200)),
    ("participants.export_download", "GET", f"{M}/exports/participant-list/{{listed}}/file", listing(200)),
    ("participants.respond", "GET", "/invitations/{token}", everyone(200)),
    ("participants.register", "GET", f"{M}/register", everyone(200)),
    ("participants.person_export", "GET", "/admin/people/{person}/export.json", admins(200)),
    ("participants.person_erase", "GET", "/admin/people/{person}/erase", admins(200)),
    ("participants.create", "POST", f"{M}/participants/new", staffing(302)),
    ("participants.edit", "POST", f"{M}/participants/{{pid}}/edit", staffing(302)),
    ("participants.set_status", "POST", f"{M}/participants/{{pid}}/status", staffing(302)),
    ("participants.invite", "POST", f"{M}/participants/{{pid}}/invite", staffing(302)),
    ("participants.settings", "POST", f"{M}/participants/settings", staffing(302)),
    ("participants.import_upload", "POST", f"{M}/participants/import", staffing(302)),
    ("participants.import_review", "POST", f"{M}/participants/import/{{upload}}", staffing(302)),
    ("participants.respond", "POST", "/invitations/{token}", everyone(302)),
    ("participants.register", "POST", f"{M}/register", everyone(302)),
    ("participants.person_erase", "POST", "/admin/people/{person}/erase", admins(200)),
]


def post_data(endpoint: str, ids: dict) -> dict:
    """What the page's form sends, leaving Ana Costa's participation as it is."""
    ana = {"honorific": "", "given_name": "Ana", "family_name": "Costa", "email": "ana@example.org"}
    return {
        "participants.create": {"family_name": "Added", "group_id": ids["group"], "status": "invited"},
        "participants.edit": {
            **ana,
            "group_id": ids["group"],
            "status": "confirmed",
            "version": ids["version"],
        },
        "participants.set_status": {"status": "confirmed"},
        "participants.settings": {"form": "settings", "settings-open_registration": "y"}
        | ({"settings-participants_visible": "y"} if ids["visible"] else {}),
        "participants.import_upload": {"file": (io.BytesIO(b"Name\nCleo Doe\n"), "list.csv")},
        "participants.import_review": {"action": "import"},
        "participants.respond": {**ana, "answer": "accept"},
        "participants.register": {"given_name": "Dan", "family_name": "Eze", "email": "dan@example.org"},
    }.get(endpoint, {})


def _store_upload(app, meeting_id: int, user_id: int | None) -> str:
    """An upload waiting for its import, as the signed-in reader would have left it."""
    payload = {
        "meeting": meeting_id,
        "user": user_id,
        "headers": ["Name"],
        "rows": [["Cleo Doe"]],
        "numbers": [2],
        "header_row": 1,
        "filename": "list.csv",
    }
    key = content_key("upload", meeting_id, user_id)
    with app.app_context():
        ExportStore.current().put(importing.UPLOADS, key, "json", json.dumps(payload).encode())
    return key


@pytest.fixture
def setting(app, make_user, auth, request):
    """The meeting with Ana Costa confirmed, open registration, a built badge sheet and a built list."""
    role = request.param
    add_meeting(app, participants_visible=role == "participant_visible")
    pid = add_person_participant(app, "som-2024", "Ana", "Costa", email="ana@example.org")
    user = None
    if role != "anonymous":
        user = make_user({"admin": "admin", "staff": "staff", "meeting_staff": "staff"}.get(role, "user"))
        if role in ("participant", "participant_visible", "meeting_staff", "organizer"):
            grant(app, "som-2024", user, {"meeting_staff": "staff"}.get(role, role.split("_")[0]))
    with app.test_request_context():
        meeting = get_meeting("som-2024")
        set_open_registration(meeting, True)
        participant = db.session.get(Participant, pid)
        listed = content_key(
            printouts.participant_list(meeting, ListOptions(only_confirmed=True)).fingerprint
        )
        store = ExportStore.current()
        store.put("participant-list", listed, "pdf", b"%PDF-1.7 built before")
        store.put("badges", "abc123", "pdf", b"%PDF-1.7 built before")
        ids = {
            "meeting": meeting.id,
            "pid": pid,
            "sid": meeting.sessions[0].id,
            "person": create_person({"family_name": "Zed"}).id,
            "group": participant.group_id,
            "version": participant.version,
            "listed": listed,
            "badges": "abc123",
            "visible": meeting.participants_visible,
        }
        db.session.commit()
    ids["upload"] = _store_upload(app, ids["meeting"], user.id if user else None)
    if user is not None:
        auth.login(user)
    return role, ids


def get_meeting_id(app) -> int:
    with app.app_context():
        return get_meeting("som-2024").id


def current_token(app, pid: int) -> str:
    with app.app_context():
        return db.session.get(Participant, pid).token


def answer(response, url: str):
    if response.status_code == 302 and response.headers["Location"] == f"/login?next={quote(url, safe='')}":
        return LOGIN
    return response.status_code


def test_every_participants_route_has_expectations(app):
    served = {
        (rule.endpoint, method)
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("participants.")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert served == {(endpoint, method) for endpoint, method, _url, _expected in ROUTES}
    assert all(tuple(expected) == ROLES for *_route, expected in ROUTES)


@pytest.mark.parametrize("setting", ROLES, indirect=True)
def test_every_route_answers_each_role_as_expected(app, client, setting):
    role, ids = setting
    answers, wanted = {}, {}
    for endpoint, method, pattern, expected in ROUTES:
        url = pattern.format(**ids, token=current_token(app, ids["pid"]))
        if method == "GET":
            response = client.get(url)
        else:
            response = client.post(url, data=post_data(endpoint, ids), content_type="multipart/form-data")
        answers[(method, pattern)], wanted[(method, pattern)] = answer(response, url), expected[role]
    assert answers == wanted
    with app.app_context():
        ana = db.session.get(Participant, ids["pid"])
        assert (ana.status, ana.person.name, ana.person.erased_at) == ("confirmed", "Ana Costa", None)


def test_an_upload_opens_only_for_its_uploader_on_its_meeting(app, client, make_user, auth):
    add_meeting(app)
    add_meeting(app, slug="other")
    first, second = make_user("staff"), make_user("staff")
    for user in (first, second):
        grant(app, "som-2024", user, "staff")
        grant(app, "other", user, "staff")
    key = _store_upload(app, get_meeting_id(app), first.id)
    auth.login(second)
    assert client.get(f"/meetings/som-2024/participants/import/{key}").status_code == 404
    auth.logout()
    auth.login(first)
    assert client.get(f"/meetings/other/participants/import/{key}").status_code == 404
    assert client.get(f"/meetings/som-2024/participants/import/{key}").status_code == 200


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
    for url in (
        f"/meetings/som-2024/exports/participant-list/{staff_key}",
        f"/meetings/som-2024/exports/participant-list/{staff_key}/file",
    ):
        assert client.get(url).status_code == 404
    again = client.get(f"/meetings/som-2024/exports/participant-list/{own_key}/file")
    assert again.status_code == 200 and "Ben Dia" not in pdf_text(again.data)
    assert "Only confirmed participants" not in client.get("/meetings/som-2024/printouts").get_data(
        as_text=True
    )
