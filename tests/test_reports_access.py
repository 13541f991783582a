"""Who may use each route of rapporteur and summary reports, per role, on a public meeting with a draft report
(two revisions) and a draft summary (one section, one quote). Driven by the app's URL map: a new route of the
reports blueprint without expectations fails the first test."""

from urllib.parse import quote

import pytest
import sqlalchemy as sa
from flask import url_for

from coordinator.exporting.store import ExportStore
from coordinator.extensions import db
from coordinator.meetings.models import Meeting, MeetingRole
from coordinator.reports import operations
from coordinator.reports.models import RapporteurReport, SummaryReport
from coordinator.reports.pdf import build_request

pytest_plugins = ("tests.reports_fixtures",)

ROLES = ("anonymous", "user", "staff", "own_rapporteur", "other_rapporteur", "organizer", "admin")
#: "login": anonymous visitors are sent to the login page.
LOGIN = "login"


def statuses(*values) -> dict:
    return dict(zip(ROLES, values, strict=True))


def organizers(status: int) -> dict:
    return statuses(LOGIN, 403, 403, 403, 403, status, status)


def report_workers(status: int) -> dict:
    """The session's own rapporteur and the meeting's organizers (admins among them)."""
    return statuses(LOGIN, 403, 403, status, 403, status, status)


#: (endpoint, method) → status per role. POSTs send POST_DATA: what a user of the page would send, so those
#: allowed succeed (302 to the next page, 200 for the autosave's JSON).
EXPECTED = {
    ("reports.my_sessions", "GET"): statuses(LOGIN, 200, 200, 200, 200, 200, 200),
    ("reports.accept_invitation", "GET"): statuses(*[404] * 7),
    ("reports.accept_invitation", "POST"): statuses(*[404] * 7),
    ("reports.rapporteurs", "GET"): organizers(200),
    ("reports.assign", "POST"): organizers(302),
    ("reports.unassign", "POST"): organizers(302),
    ("reports.show", "GET"): statuses(403, 403, 403, 200, 403, 200, 200),
    ("reports.edit", "GET"): report_workers(200),
    ("reports.edit", "POST"): report_workers(302),
    ("reports.autosave", "POST"): report_workers(200),
    ("reports.revisions", "GET"): report_workers(200),
    ("reports.revision", "GET"): report_workers(200),
    ("reports.restore", "POST"): report_workers(302),
    ("reports.summary", "GET"): statuses(403, 403, 403, 200, 200, 200, 200),
    ("reports.summary_pdf", "GET"): statuses(403, 403, 403, 200, 200, 200, 200),
    ("reports.summary_edit", "GET"): organizers(200),
    ("reports.summary_edit", "POST"): organizers(302),
    ("reports.summary_acronyms", "POST"): organizers(302),
    ("reports.section_new", "GET"): organizers(200),
    ("reports.section_new", "POST"): organizers(302),
    ("reports.section_edit", "GET"): organizers(200),
    ("reports.section_edit", "POST"): organizers(302),
    ("reports.section_delete", "POST"): organizers(302),
    ("reports.section_move", "POST"): organizers(302),
    ("reports.quote_add", "POST"): organizers(302),
    ("reports.quote_delete", "POST"): organizers(302),
}
#: Workflow steps: each taken from the state it starts from, with a comment (see test_each_step_per_role).
STEP_STATES = {
    "submit": "draft",
    "resubmit": "changes_requested",
    "request_changes": "submitted",
    "approve": "submitted",
    "reopen": "approved",
}
STEP_EXPECTED = {
    "submit": report_workers(302),
    "resubmit": report_workers(302),
    "request_changes": organizers(302),
    "approve": organizers(302),
    "reopen": organizers(302),
}


@pytest.fixture
def access_setup(app, report_setup):
    """The report of session A with two revisions, a draft summary with a section and a quote."""
    with app.app_context():
        meeting = db.session.scalar(sa.select(Meeting).where(Meeting.slug == report_setup.slug))
        report = operations.get_or_start_report(meeting.sessions[0])
        for text in ("First", "Second"):
            operations.save_report(
                report, {**report.content, "consensuses": [text]}, report.head, None, "rapporteur"
            )
        summary = operations.get_or_start_summary(meeting)
        section = operations.save_section(
            summary,
            None,
            {"key": "introduction", "title": "Introduction", "level": 1, "part": "body", "body": "Hi"},
            None,
        )
        quote_row = operations.add_quote(section, "Ms A", "Cooperate.")
        role = next(
            r for r in meeting.roles if r.role == "rapporteur" and r.session_id == meeting.sessions[1].id
        )
        db.session.commit()
        return {
            "slug": meeting.slug,
            "session_id": meeting.sessions[0].id,
            "number": 2,
            "role_id": role.id,
            "section_id": section.id,
            "quote_id": quote_row.id,
            "token": "not-a-valid-token",
            "summary_version": summary.version,
            "section_version": section.version,
        }


def post_data(endpoint: str, values: dict) -> dict:
    return {
        "reports.assign": {"session_id": values["session_id"], "email": "known@example.org"},
        "reports.edit": {"base_revision": "2", "consensuses-0": "Third"},
        "reports.autosave": {"base_revision": "2", "consensuses-0": "Third"},
        "reports.restore": {"base_revision": "2"},
        "reports.summary_edit": {
            "version": values["summary_version"],
            "title": "SOM 1 report",
            "annexes": ["agenda"],
        },
        "reports.summary_acronyms": {
            "version": values["summary_version"],
            "text": "SOM: Senior officials' meeting",
        },
        "reports.section_new": {
            "key": "background",
            "title": "Background",
            "level": 1,
            "part": "body",
            "body": "x",
        },
        "reports.section_edit": {
            "version": values["section_version"],
            "title": "Introduction",
            "level": 1,
            "part": "body",
            "body": "New",
        },
        "reports.section_move": {"direction": "down"},
        "reports.quote_add": {"speaker": "Mr B", "words": "Agreed."},
    }.get(endpoint, {})


def report_routes(app) -> list[tuple[str, str]]:
    return sorted(
        (rule.endpoint, method)
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("reports.")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    )


def url_of(app, endpoint: str, values: dict, **extra) -> str:
    rule = next(rule for rule in app.url_map.iter_rules() if rule.endpoint == endpoint)
    with app.test_request_context():
        return url_for(endpoint, **{name: {**values, **extra}[name] for name in rule.arguments})


def sign_in(role, auth, as_role, setup) -> None:
    accounts = {
        "own_rapporteur": setup.rapporteurs[0],
        "other_rapporteur": setup.rapporteurs[1],
        "organizer": setup.organizer,
    }
    if role in accounts:
        auth.login(accounts[role])
    else:
        as_role(role)


def assert_answer(response, expected, url) -> None:
    if expected == LOGIN:
        assert (response.status_code, response.headers["Location"]) == (
            302,
            f"/login?next={quote(url, safe='')}",
        )
    else:
        assert response.status_code == expected


def test_every_reports_route_has_an_expected_status_for_every_role(app):
    step_routes = [("reports.step", "POST")]
    assert report_routes(app) == sorted([*EXPECTED, *step_routes])
    assert [route for route, expected in EXPECTED.items() if tuple(expected) != ROLES] == []
    assert (
        sorted(STEP_EXPECTED)
        == sorted(STEP_STATES)
        == sorted(
            next(r for r in app.url_map.iter_rules() if r.endpoint == "reports.step")
            ._converters["action"]
            .items
        )
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("endpoint", "method"), sorted(EXPECTED))
def test_each_reports_route_answers_each_role_as_expected(
    app, client, auth, as_role, make_user, report_setup, access_setup, endpoint, method, role
):
    make_user("user", email="known@example.org")
    url = url_of(app, endpoint, access_setup)
    if endpoint == "reports.summary_pdf":
        with app.test_request_context():
            build = build_request(db.session.scalar(sa.select(SummaryReport)))
            ExportStore.current().put(build.kind, build.key, build.extension, b"%PDF-1.7 built before")
    sign_in(role, auth, as_role, report_setup)
    response = (
        client.get(url) if method == "GET" else client.post(url, data=post_data(endpoint, access_setup))
    )
    assert_answer(response, EXPECTED[(endpoint, method)][role], url)


def _put_in_state(app, slug: str, status: str) -> None:
    with app.app_context():
        report = operations.get_or_start_report(
            db.session.scalar(sa.select(Meeting).where(Meeting.slug == slug)).sessions[0]
        )
        report.content = {**report.content, "consensuses": ["Agreed"]}
        report.status = status
        db.session.commit()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", sorted(STEP_STATES))
def test_each_step_per_role(app, client, auth, as_role, report_setup, action, role):
    _put_in_state(app, report_setup.slug, STEP_STATES[action])
    url = report_setup.url(0, f"/{action}")
    sign_in(role, auth, as_role, report_setup)
    response = client.post(url, data={"comment": "Please add the challenges."})
    expected = STEP_EXPECTED[action][role]
    assert_answer(response, expected, url)
    with app.app_context():
        status = db.session.scalar(sa.select(RapporteurReport.status))
    moved = {
        "submit": "submitted",
        "resubmit": "resubmitted",
        "request_changes": "changes_requested",
        "approve": "approved",
        "reopen": "changes_requested",
    }[action]
    assert status == (moved if expected == 302 else STEP_STATES[action])


@pytest.mark.parametrize("role", ("user", "staff", "other_rapporteur"))
def test_refused_report_posts_change_nothing(app, client, auth, as_role, report_setup, access_setup, role):
    sign_in(role, auth, as_role, report_setup)
    for endpoint in ("reports.edit", "reports.autosave", "reports.restore"):
        client.post(url_of(app, endpoint, access_setup), data=post_data(endpoint, access_setup))
    client.post(url_of(app, "reports.section_delete", access_setup))
    with app.app_context():
        report = db.session.scalar(sa.select(RapporteurReport))
        assert (report.head, report.content["consensuses"]) == (2, ["Second"])
        assert [s.key for s in db.session.scalar(sa.select(SummaryReport)).sections] == ["introduction"]
        assert db.session.scalar(sa.select(sa.func.count()).select_from(MeetingRole)) == 3


def test_a_private_meetings_approved_report_stays_hidden_from_outsiders(
    app, client, auth, as_role, report_setup
):
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
