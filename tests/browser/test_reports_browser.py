"""A rapporteur writes and submits in real Chromium (a reload mid-way loses nothing); an organizer reviews."""

import sqlalchemy as sa
from playwright.sync_api import expect

from coordinator.extensions import db
from coordinator.reports.models import RapporteurReport
from tests.conftest import PASSWORD

pytest_plugins = ("tests.reports_fixtures",)


def _login(page, base, email):
    page.goto(f"{base}/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit], form input[type=submit], main form button")


def _saved_content(app, session_id):
    with app.app_context():
        report = db.session.scalar(
            sa.select(RapporteurReport).where(RapporteurReport.session_id == session_id)
        )
        return report.content if report else None


def test_rapporteur_writes_submits_and_organizer_requests_changes_then_approves(
    app, live_server, browser, page, report_setup
):
    _login(page, live_server, report_setup.rapporteurs[0].email)
    page.get_by_role("link", name="My sessions").click()
    expect(page).to_have_url(f"{live_server}/my/sessions")
    page.get_by_role("row", name="Discussion A").get_by_role("link", name="Write").click()
    page.fill("textarea[name=consensuses-0]", "Cooperation among ISCMs matters.")
    expect(page.locator("#autosave-status")).to_contain_text("Saved: revision 1")
    page.reload()
    expect(page.locator("textarea[name=consensuses-0]")).to_have_value("Cooperation among ISCMs matters.")

    # Typed, then reloaded before the autosave's 800 ms are up: the save on leaving the page, or the copy the
    # page kept, brings it back, and the server ends up with it.
    page.fill("textarea[name=challenges-0]", "Funding.")
    page.reload()
    expect(page.locator("textarea[name=challenges-0]")).to_have_value("Funding.")
    expect(page.locator("#autosave-status")).to_contain_text("Saved: revision 2")
    assert _saved_content(app, report_setup.session_ids[0])["challenges"] == ["Funding."]
    fresh = browser.new_context(locale="en-GB").new_page()
    _login(fresh, live_server, report_setup.rapporteurs[0].email)
    fresh.goto(live_server + report_setup.url(0, "/edit"))
    expect(fresh.locator("textarea[name=challenges-0]")).to_have_value("Funding.")
    fresh.context.close()
    page.get_by_role("link", name="Report and history").click()
    page.get_by_role("button", name="Submit to the organizers").click()
    expect(page.locator(".report-status")).to_have_text("Submitted")

    organizer = browser.new_context(locale="en-GB").new_page()
    _login(organizer, live_server, report_setup.organizer.email)
    organizer.goto(live_server + report_setup.url(0))
    organizer.fill("#comment-request_changes", "Please name who raised the funding challenge.")
    organizer.get_by_role("button", name="Request changes").click()
    expect(organizer.locator(".report-status")).to_have_text("Changes requested")

    page.reload()
    expect(page.locator("main")).to_contain_text("Please name who raised the funding challenge.")
    page.get_by_role("link", name="Edit the notes").click()
    page.fill("textarea[name=challenges-0]", "Funding (raised by the CMC).")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".flash")).to_contain_text("Saved as revision")
    page.get_by_role("link", name="Report and history").click()
    page.get_by_role("button", name="Submit again").click()
    expect(page.locator(".report-status")).to_have_text("Resubmitted")

    organizer.reload()
    organizer.get_by_role("button", name="Approve").click()
    expect(organizer.locator(".report-status")).to_have_text("Approved")
    expect(organizer.locator("main")).to_contain_text("Funding (raised by the CMC).")
    organizer.context.close()
