"""A rapporteur report through the app: saves, revisions, conflicts, restore, and the review workflow."""

import sqlalchemy as sa

from coordinator.extensions import db
from coordinator.reports.models import RapporteurReport

pytest_plugins = ("tests.reports_fixtures",)


def _report(app, session_id):
    with app.app_context():
        report = db.session.scalar(sa.select(RapporteurReport).where(RapporteurReport.session_id == session_id))
        return (report.status, report.head, report.content) if report else None


def _save(client, setup, base, index=0, **fields):
    return client.post(setup.url(index, "/edit"), data={"base_revision": str(base), **fields})


def test_editor_is_prefilled_from_the_agenda(client, auth, report_setup):
    auth.login(report_setup.rapporteurs[0])
    page = client.get(report_setup.url(0, "/edit")).get_data(as_text=True)
    assert "To discuss the IMRF." in page and "What works?" in page


def test_every_save_is_a_revision_and_a_stale_one_is_refused(app, client, auth, report_setup):
    auth.login(report_setup.rapporteurs[0])
    assert _save(client, report_setup, 0, **{"consensuses-0": "We agree"}).status_code == 302
    assert client.post(report_setup.url(0, "/autosave"), data={"base_revision": "1", "consensuses-0": "We agree on more"}).json == {"revision": 2, "saved": True}
    stale = _save(client, report_setup, 1, **{"consensuses-0": "Typed in an old tab"})
    assert stale.status_code == 409
    assert "Typed in an old tab" in stale.get_data(as_text=True)
    assert _report(app, report_setup.session_ids[0])[1:] == (2, _report(app, report_setup.session_ids[0])[2])
    assert _report(app, report_setup.session_ids[0])[2]["consensuses"] == ["We agree on more"]
    stale_json = client.post(report_setup.url(0, "/autosave"), data={"base_revision": "1", "consensuses-0": "x"})
    assert stale_json.status_code == 409 and stale_json.json["head"] == 2


def test_revisions_compare_and_restore_and_a_restore_over_a_newer_one_is_refused(app, client, auth, report_setup):
    auth.login(report_setup.rapporteurs[0])
    _save(client, report_setup, 0, **{"consensuses-0": "First"})
    _save(client, report_setup, 1, **{"consensuses-0": "Second"})
    diff = client.get(report_setup.url(0, "/revisions/2")).get_data(as_text=True)
    assert "- - First" in diff and "+ - Second" in diff
    refused = client.post(report_setup.url(0, "/revisions/1/restore"), data={"base_revision": "1"})
    assert refused.status_code == 303
    assert _report(app, report_setup.session_ids[0])[1] == 2
    assert client.post(report_setup.url(0, "/revisions/1/restore"), data={"base_revision": "2"}).status_code == 302
    status, head, content = _report(app, report_setup.session_ids[0])
    assert (head, content["consensuses"]) == (3, ["First"])


def test_an_empty_report_cannot_be_submitted(app, client, auth, report_setup):
    auth.login(report_setup.rapporteurs[0])
    client.get(report_setup.url(0, "/edit"))
    response = client.post(report_setup.url(0, "/submit"))
    assert response.status_code == 400
    assert "The report is empty" in response.get_data(as_text=True)
    assert _report(app, report_setup.session_ids[0])[0] == "draft"


def test_a_rapporteur_cannot_edit_another_sessions_report(app, client, auth, report_setup):
    auth.login(report_setup.rapporteurs[0])
    response = _save(client, report_setup, 0, index=1, **{"consensuses-0": "Not mine"})
    assert response.status_code == 403
    assert "may work on its report" in response.get_data(as_text=True)
    assert _report(app, report_setup.session_ids[1]) is None


def test_only_organizers_approve(app, client, auth, report_setup):
    auth.login(report_setup.rapporteurs[0])
    _save(client, report_setup, 0, **{"consensuses-0": "We agree"})
    client.post(report_setup.url(0, "/submit"))
    response = client.post(report_setup.url(0, "/approve"))
    assert response.status_code == 403
    assert "may request changes to a report or approve it" in response.get_data(as_text=True)
    assert _report(app, report_setup.session_ids[0])[0] == "submitted"


def test_draft_submitted_changes_requested_resubmitted_approved(app, client, auth, report_setup):
    auth.login(report_setup.rapporteurs[0])
    _save(client, report_setup, 0, **{"consensuses-0": "We agree"})
    client.post(report_setup.url(0, "/submit"))
    assert client.get(report_setup.url(0, "/edit")).status_code == 403
    auth.logout()
    auth.login(report_setup.organizer)
    assert client.post(report_setup.url(0, "/request_changes"), data={"comment": ""}).status_code == 400
    client.post(report_setup.url(0, "/request_changes"), data={"comment": "Add the challenges."})
    assert _report(app, report_setup.session_ids[0])[0] == "changes_requested"
    auth.logout()
    auth.login(report_setup.rapporteurs[0])
    assert "Add the challenges." in client.get(report_setup.url(0)).get_data(as_text=True)
    _save(client, report_setup, 1, **{"consensuses-0": "We agree", "challenges-0": "Funding"})
    client.post(report_setup.url(0, "/resubmit"))
    auth.logout()
    auth.login(report_setup.organizer)
    client.post(report_setup.url(0, "/approve"))
    status, head, content = _report(app, report_setup.session_ids[0])
    assert (status, content["challenges"]) == ("approved", ["Funding"])
    history = client.get(report_setup.url(0)).get_data(as_text=True)
    for label in ("Submitted", "Changes requested", "Resubmitted", "Approved"):
        assert label in history


def test_an_approved_report_is_public_on_a_public_meeting_and_sanitised(app, client, auth, report_setup):
    auth.login(report_setup.rapporteurs[0])
    _save(client, report_setup, 0, **{"consensuses-0": "<script>alert(1)</script> **Agreed**"})
    assert client.get(report_setup.url(0)).status_code == 200
    client.post(report_setup.url(0, "/submit"))
    auth.logout()
    assert client.get(report_setup.url(0)).status_code == 403
    auth.login(report_setup.organizer)
    client.post(report_setup.url(0, "/approve"))
    auth.logout()
    page = client.get(report_setup.url(0)).get_data(as_text=True)
    assert "<strong>Agreed</strong>" in page and "<script>alert" not in page


def test_organizer_assigns_an_existing_account_and_invites_a_new_one(app, client, auth, report_setup, make_user):
    existing = make_user("user", email="known@example.org")
    auth.login(report_setup.organizer)
    url = f"/meetings/{report_setup.slug}/rapporteurs"
    client.post(url, data={"session_id": report_setup.session_ids[1], "email": existing.email})
    page = client.post(url, data={"session_id": report_setup.session_ids[1], "email": "new@example.org", "name": "New One"})
    html = page.get_data(as_text=True)
    link = html.split('class="invitation-link" aria-label="Invitation link"')[0].rsplit('value="', 1)[1].split('"')[0]
    path = "/" + link.split("/", 3)[3]
    auth.logout()
    form = {"new_password": "a long new password", "confirm": "a long new password"}
    assert client.post(path, data=form).status_code == 302
    assert "Discussion B" in client.get("/my/sessions").get_data(as_text=True)
    assert client.get(path).status_code == 404
    auth.logout()
    auth.login(existing)
    assert "Discussion B" in client.get("/my/sessions").get_data(as_text=True)
