"""An organizer rebuilds GRCP 9's opening session through the pages, reads it in Manila time, gets the PDF."""

import io

from pypdf import PdfReader

from coordinator.extensions import db
from tests.conftest import PASSWORD


def seed_people(app):
    from coordinator.meetings.seed import _iscms_by_slug, load_grcp9
    from coordinator.meetings.seed import seed_people as seed

    with app.app_context():
        seed(load_grcp9(), _iscms_by_slug())
        db.session.commit()


def attach(page, name_query, role, capacity=""):
    page.fill("#person-q", name_query)
    page.locator("#person-results input[type=radio]").first.wait_for()
    page.check("#person-results input[type=radio]")
    page.select_option("select[name=role]", role)
    page.fill("input[name=capacity]", capacity)
    page.click("form.attach-form button.primary")


def add_item(page, start, end, kind, title):
    page.click("text=Add an item")
    page.fill("input[name=start]", start)
    page.fill("input[name=end]", end)
    page.select_option("select[name=kind]", kind)
    page.fill("input[name=title]", title)
    page.click("form.grid-form button.primary")


def test_organizer_rebuilds_the_opening_session_and_reads_it_in_manila(app, live_server, page, registry, make_user):
    seed_people(app)
    organizer = make_user("staff", email="organizer@example.org")
    page.goto(f"{live_server}/login")
    page.fill("input[name=email]", organizer.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button.primary")

    page.goto(f"{live_server}/meetings/new")
    page.fill("input[name=title]", "Ninth Global Meeting of Chairs and Secretariats of ISCMs")
    page.fill("input[name=number]", "GRCP 9")
    page.fill("input[name=start_date]", "2021-11-10")
    page.fill("input[name=end_date]", "2021-11-11")
    page.select_option("select[name=format]", "online")
    page.select_option("select[name=status]", "published")
    page.click("form.grid-form button.primary")
    assert page.url.endswith("/meetings/grcp-9")

    page.click("nav.meeting-nav >> text=Edit agenda")
    page.click("text=Add a session")
    page.fill("input[name=title]", "General Opening Session")
    page.select_option("select[name=kind]", "opening")
    page.fill("input[name=day]", "2021-11-10")
    page.fill("input[name=start]", "15:00")
    page.fill("input[name=end]", "16:00")
    for language in ("en", "fr", "es"):
        page.check(f"input[name=interpretation][value={language}]")
    page.fill("input[name=room]", "Zoom")
    page.click("form.grid-form button.primary")
    assert page.locator("article.session h3").inner_text() == "General Opening Session"

    add_item(page, "15:00", "15:30", "registration", "Zoom registration")
    page.click("text=Back to the agenda")
    add_item(page, "15:30", "15:45", "welcome", "Statement of welcome")
    attach(page, "vitorino", "speaker")
    assert "António Vitorino" in page.locator("ul.attached-people").inner_text()
    page.click("text=Back to the agenda")
    add_item(page, "15:45", "16:00", "walkthrough", "Walk-through the agenda, housekeeping rules and background")
    attach(page, "wen li", "speaker")
    page.click("text=Back to the agenda")
    assert page.locator("#session-1 tr.item").count() == 3

    page.fill("input[name=comment]", "Opening session as in Annex IV")
    page.click("text=Release version 1")
    assert "Version 1" in page.locator("#v1").inner_text()

    page.goto(f"{live_server}/meetings/grcp-9/agenda?tz=Asia/Manila")
    assert "Asia/Manila" in page.locator("#zone-banner").inner_text()
    rows = page.locator("#session-1 tr.item")
    assert rows.nth(0).locator("td").nth(0).inner_text() == "15:00–15:30"
    assert rows.nth(0).locator("td").nth(1).inner_text() == "22:00–22:30"
    assert "H.E. Mr António Vitorino" in rows.nth(1).inner_text()

    pdf_url = page.locator("p.exports a", has_text="PDF").get_attribute("href")
    response = page.request.get(f"{live_server}{pdf_url}")
    assert response.headers["content-type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    assert "GENERAL OPENING SESSION" in text and "22:00–23:00 Asia/Manila" in text
    assert "STATEMENT OF WELCOME" in text


def test_the_browsers_zone_is_used_when_none_is_given(live_server, browser, grcp9):
    context = browser.new_context(locale="en-GB", timezone_id="Asia/Manila")
    page = context.new_page()
    page.goto(f"{live_server}/meetings/grcp-9/agenda")
    page.wait_for_url("**/agenda?tz=Asia%2FManila")
    assert "Asia/Manila" in page.locator("#zone-banner").inner_text()
    page.goto(f"{live_server}/meetings/grcp-9/agenda?tz=America/Guatemala")
    assert page.url.endswith("tz=America/Guatemala")
    context.close()
