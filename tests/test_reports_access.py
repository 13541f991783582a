"""Who may open each route of rapporteur and summary reports, per role (a public meeting, a draft report)."""

import pytest

pytest_plugins = ("tests.reports_fixtures",)

ROLES = ("anonymous", "user", "staff", "own_rapporteur", "other_rapporteur", "organizer", "admin")


def _sign_in(role, auth, as_role, setup):
    accounts = {"own_rapporteur": setup.rapporteurs[0], "other_rapporteur": setup.rapporteurs[1],
                "organizer": setup.organizer}
    if role in accounts:
        auth.login(accounts[role])
    else:
        as_role(role)


#: path suffix → expected status per role, in ROLES order. "R" is the report URL of session 0.
GETS = {
    "/my/sessions": (302, 200, 200, 200, 200, 200, 200),
    "R": (403, 403, 403, 200, 403, 200, 200),
    "R/edit": (302, 403, 403, 200, 403, 200, 200),
    "R/revisions": (302, 403, 403, 200, 403, 200, 200),
    "/meetings/som-1/rapporteurs": (302, 403, 403, 403, 403, 200, 200),
    "/meetings/som-1/report/edit": (302, 403, 403, 403, 403, 200, 200),
    "/meetings/som-1/report/sections/new": (302, 403, 403, 403, 403, 200, 200),
    "/meetings/som-1/report": (403, 403, 403, 404, 404, 200, 200),
}

#: POST routes only organizers may use (any signed-in non-organizer gets 403, anonymous goes to login).
ORGANIZER_POSTS = (
    "/meetings/som-1/rapporteurs", "/meetings/som-1/rapporteurs/1/remove", "/meetings/som-1/report/acronyms",
    "/meetings/som-1/report/edit", "/meetings/som-1/report/sections/new",
)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", GETS)
def test_get_routes_per_role(client, auth, as_role, report_setup, role, path):
    _sign_in(role, auth, as_role, report_setup)
    url = path.replace("R", report_setup.url(0), 1) if path.startswith("R") else path
    assert client.get(url).status_code == GETS[path][ROLES.index(role)]


@pytest.mark.parametrize("role", ("anonymous", "user", "staff", "own_rapporteur", "other_rapporteur"))
@pytest.mark.parametrize("path", ORGANIZER_POSTS)
def test_organizer_posts_are_refused_to_others(client, auth, as_role, report_setup, role, path):
    _sign_in(role, auth, as_role, report_setup)
    assert client.post(path, data={}).status_code == (302 if role == "anonymous" else 403)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("suffix", ("/autosave", "/submit", "/revisions/1/restore"))
def test_report_posts_per_role(client, auth, as_role, report_setup, role, suffix):
    _sign_in(role, auth, as_role, report_setup)
    status = client.post(report_setup.url(0, suffix), data={"base_revision": "0"}).status_code
    if role == "anonymous":
        assert status == 302
    elif role in ("user", "staff", "other_rapporteur"):
        assert status == 403
    else:
        assert status in (200, 400, 404)


def test_a_private_meetings_approved_report_stays_hidden_from_outsiders(app, client, auth, as_role, report_setup):
    from coordinator.extensions import db
    from coordinator.meetings.models import Meeting

    auth.login(report_setup.rapporteurs[0])
    client.post(report_setup.url(0, "/edit"), data={"base_revision": "0", "consensuses-0": "Agreed"})
    client.post(report_setup.url(0, "/submit"))
    auth.logout()
    auth.login(report_setup.organizer)
    client.post(report_setup.url(0, "/approve"))
    auth.logout()
    assert client.get(report_setup.url(0)).status_code == 200
    with app.app_context():
        db.session.scalar(db.select(Meeting)).visibility = "private"
        db.session.commit()
    assert client.get(report_setup.url(0)).status_code == 403
    as_role("user")
    assert client.get(report_setup.url(0)).status_code == 403
