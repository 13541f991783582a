"""An organizer rebuilds GRCP 9's opening session and Dedicated Discussion Session 1 through the pages, in real
Chromium, releases the agenda, reads it in Manila time, gets the PDF and subscribes to the meeting's calendar."""

import io
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import icalendar
import vobject
from pypdf import PdfReader

from coordinator.extensions import db
from tests.conftest import PASSWORD


def seed_people(app):
    from coordinator.meetings.seed import _iscms_by_slug, load_grcp9
    from coordinator.meetings.seed import seed_people as seed

    with app.app_context():
        seed(load_grcp9(), _iscms_by_slug())
        db.session.commit()


def attach(page, name_query, role, capacity="", delivery="in_person", role_label="", listed_as=""):
    """Search as one types, pick the one person found, give the role; the agenda's own words when given."""
    page.fill("#person-q", name_query)
    page.locator("#person-results input[type=radio]").first.wait_for()
    assert page.locator("#person-results input[type=radio]").count() == 1
    page.check("#person-results input[type=radio]")
    page.select_option("select[name=role]", role)
    page.select_option("select[name=delivery]", delivery)
    page.fill("input[name=capacity]", capacity)
    if role_label or listed_as:
        page.click("form.attach-form details summary")
        page.fill("input[name=role_label]", role_label)
        page.fill("textarea[name=listed_as]", listed_as)
    with page.expect_navigation():
        page.click("form.attach-form button.primary")
    assert page.locator(".flash.success").count() == 1


def add_item(page, start, end, kind, title):
    page.click("text=Add an item")
    page.fill("input[name=start]", start)
    page.fill("input[name=end]", end)
    page.select_option("select[name=kind]", kind)
    page.fill("input[name=title]", title)
    page.click("form.grid-form button.primary")


#: Dedicated Discussion Session 1 as Annex IV gives it.
SESSION_1_ISCMS = (
    "cmc",
    "midcom",
    "midwa",
    "ocam",
    "prague-process",
    "quito-process",
    "rcm",
    "riam",
    "rmfm",
    "sacm",
)
GUIDING_QUESTIONS = (
    "How can the IMRF contribute to migration governance within your respective regions?",
    "What are the main trends, challenges, gaps, that you would like to see addressed in the IMRF Policy Debate and "
    "at the IMRF Roundtables?",
    "What are effective practices and innovative approaches you would like to bring to the attention of the IMRF?",
)
TRESSLER = (
    "Ambassador Extraordinary and Plenipotentiary, Permanent Representative of Chile to the UN and "
    "International Organizations in Geneva, Chair of the South American Conference on Migration (SACM)"
)
SERRANO = "Head of Technical Secretariat of the Regional Conference on Migration (RCM)"


def sign_in_as_organizer(page, live_server, organizer):
    page.goto(f"{live_server}/login")
    page.fill("input[name=email]", organizer.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button.primary")


def create_the_meeting(page, live_server):
    page.goto(f"{live_server}/meetings/new")
    page.fill("input[name=title]", "Ninth Global Meeting of Chairs and Secretariats of ISCMs")
    page.fill("input[name=number]", "GRCP 9")
    page.fill("input[name=start_date]", "2021-11-10")
    page.fill("input[name=end_date]", "2021-11-11")
    page.select_option("select[name=format]", "online")
    page.select_option("select[name=status]", "published")
    page.click("form.grid-form button.primary")
    assert page.url.endswith("/meetings/grcp-9")


def add_session(page, title, kind, start, end, languages, iscms=(), audience="", objective="", questions=()):
    page.click("text=Add a session")
    page.fill("input[name=title]", title)
    page.select_option("select[name=kind]", kind)
    page.fill("input[name=day]", "2021-11-10")
    page.fill("input[name=start]", start)
    page.fill("input[name=end]", end)
    for language in languages:
        page.check(f"input[name=interpretation][value={language}]")
    for slug in iscms:
        page.check(f"input[name=iscms][value={slug}]")
    page.fill("input[name=audience]", audience)
    page.fill("textarea[name=objective]", objective)
    page.fill("textarea[name=guiding_questions]", "\n".join(questions))
    page.fill("input[name=room]", "Zoom")
    page.click("form.grid-form button.primary")


def rebuild_the_opening_session(page):
    add_session(page, "General Opening Session", "opening", "15:00", "16:00", ("en", "fr", "es"))
    assert page.locator("article.session h3").inner_text() == "General Opening Session"
    add_item(page, "15:00", "15:30", "registration", "Zoom registration")
    page.click("text=Back to the agenda")
    add_item(page, "15:30", "15:45", "welcome", "Statement of welcome")
    attach(page, "vitorino", "speaker")
    assert "António Vitorino" in page.locator("ul.attached-people").inner_text()
    page.click("text=Back to the agenda")
    add_item(
        page, "15:45", "16:00", "walkthrough", "Walk-through the agenda, housekeeping rules and background"
    )
    attach(page, "wen li", "speaker")
    page.click("text=Back to the agenda")
    assert page.locator("#session-1 tr.item").count() == 3


def rebuild_discussion_session_1(page):
    add_session(
        page,
        "Dedicated Discussion Session 1",
        "discussion",
        "16:00",
        "17:30",
        ("en", "es"),
        SESSION_1_ISCMS,
        "Interactive discussion with participating ISCMs based in Western time zones",
        "to discuss possible contributions by interested ISCMs to the IMRF",
        GUIDING_QUESTIONS,
    )
    session = page.locator("#session-2")
    assert (
        "CMC, MIDCOM, MIDWA, OCAM, Prague Process, Quito Process, RCM, RIAM, RMFM, SACM"
        in session.inner_text()
    )
    session.locator("text=Add an item").click()
    page.fill("input[name=start]", "16:00")
    page.fill("input[name=end]", "17:20")
    page.select_option("select[name=kind]", "discussion")
    page.fill(
        "input[name=title]",
        "Discussion on possible ISCMs contributions to the IMRF, including IMRF "
        "roundtables on Global Compact objectives",
    )
    page.click("form.grid-form button.primary")
    attach(
        page,
        "tressler",
        "facilitator",
        "Chair of the South American Conference on Migration (SACM)",
        role_label="Discussion Session Facilitator",
        listed_as=TRESSLER,
    )
    attach(
        page,
        "chelugui",
        "speaker",
        "Chair of the Regional Ministerial Forum on Migration for East and Horn of Africa (RMFM)",
    )
    attach(page, "serrano", "speaker", SERRANO)
    attach(
        page,
        "sharfeldin",
        "speaker",
        "Chair of the African Union Horn of Africa Initiative on Human Trafficking "
        "and Smuggling of Migrants (AU HoAI)",
        delivery="written",
    )
    assert page.locator("ul.attached-people > li").count() == 4
    page.click("text=Back to the agenda")
    page.locator("#session-2").locator("text=Add an item").click()
    page.fill("input[name=start]", "17:20")
    page.fill("input[name=end]", "17:30")
    page.select_option("select[name=kind]", "conclusions")
    page.fill("input[name=title]", "Conclusions")
    page.click("form.grid-form button.primary")
    attach(page, "serrano", "rapporteur", SERRANO, role_label="Discussion Session Rapporteur")
    page.click("text=Back to the agenda")
    assert page.locator("#session-2 tr.item").count() == 2
    assert (
        page.locator("#problems").count() == 0
    )  # items inside their sessions, a rapporteur, nobody booked twice


def read_the_pdf(page, live_server) -> str:
    pdf_url = page.locator("p.exports a", has_text="PDF").get_attribute("href")
    response = page.request.get(f"{live_server}{pdf_url}")
    assert response.headers["content-type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    return re.sub(r"\s+", " ", text)


def events_by_summary(body: bytes) -> tuple[dict, dict]:
    """The feed read by two parsers: {summary: (start, end, description)} from icalendar and from vobject."""
    by_icalendar = {
        str(event["SUMMARY"]): (
            event.decoded("DTSTART"),
            event.decoded("DTEND"),
            str(event.get("DESCRIPTION", "")),
        )
        for event in icalendar.Calendar.from_ical(body).walk("VEVENT")
    }
    by_vobject = {
        event.summary.value: (
            event.dtstart.value,
            event.dtend.value,
            getattr(event, "description", None) and event.description.value or "",
        )
        for event in vobject.readOne(body.decode()).vevent_list
    }
    return by_icalendar, by_vobject


def test_organizer_rebuilds_two_sessions_reads_them_in_manila_and_subscribes(
    app, live_server, page, registry, make_user
):
    seed_people(app)
    sign_in_as_organizer(page, live_server, make_user("staff", email="organizer@example.org"))
    create_the_meeting(page, live_server)
    page.click("nav.meeting-nav >> text=Edit agenda")
    rebuild_the_opening_session(page)
    rebuild_discussion_session_1(page)

    page.fill("input[name=comment]", "Opening and first discussion session as in Annex IV")
    page.click("text=Release version 1")
    assert "Version 1" in page.locator("#v1").inner_text()

    page.goto(f"{live_server}/meetings/grcp-9/agenda?tz=Asia/Manila")
    assert "Asia/Manila" in page.locator("#zone-banner").inner_text()
    rows = page.locator("#session-1 tr.item")
    assert rows.nth(0).locator("td").nth(0).inner_text() == "15:00–15:30"
    assert rows.nth(0).locator("td").nth(1).inner_text() == "22:00–22:30"
    assert "H.E. Mr António Vitorino" in rows.nth(1).inner_text()
    discussion = page.locator("#session-2 tr.item")
    assert discussion.nth(0).locator("td").nth(1).inner_text() == "23:00–00:20 +1 day"
    assert discussion.nth(1).locator("td").nth(1).inner_text() == "00:20 +1 day–00:30 +1 day"
    assert (
        f"Discussion Session Facilitator: H.E. Mr Frank Tressler Zamorano, {TRESSLER}"
        in discussion.nth(0).inner_text()
    )
    assert f"Speaker: Mr Luis Alonso Serrano Echeverría, {SERRANO}" in discussion.nth(0).inner_text()
    guiding = page.locator("#session-2 details.questions")
    guiding.locator("summary").click()
    assert guiding.locator("li").all_inner_texts() == list(GUIDING_QUESTIONS)

    text = read_the_pdf(page, live_server)
    assert "GENERAL OPENING SESSION" in text and "22:00–23:00 Asia/Manila" in text
    assert "STATEMENT OF WELCOME" in text
    assert "DEDICATED DISCUSSION SESSION 1" in text and "23:00–00:30 (+1 day) Asia/Manila" in text
    assert f"Discussion Session Facilitator: H.E. Mr Frank Tressler Zamorano, {TRESSLER}" in text
    assert "– written statement from Mr Ahmed Sharfeldin, Director General" in text
    assert f"Discussion Session Rapporteur: Mr Luis Alonso Serrano Echeverría, {SERRANO}" in text
    assert (
        "Interactive discussion with participating ISCMs based in Western time zones: CMC; MIDCOM; MIDWA; OCAM; "
        "Prague Process; Quito Process; RCM; RIAM; RMFM; and SACM."
    ) in text

    feed_url = page.locator("p.exports a", has_text="Calendar (.ics)").get_attribute("href")
    assert feed_url == f"{live_server}/meetings/grcp-9/calendar.ics"
    webcal = page.locator("p.exports a", has_text="Subscribe").get_attribute("href")
    assert webcal == "webcal://" + feed_url.split("://", 1)[1]
    response = page.request.get(feed_url)
    assert response.headers["content-type"].startswith("text/calendar")
    by_icalendar, by_vobject = events_by_summary(response.body())
    zurich = ZoneInfo("Europe/Zurich")
    expected = {
        "GRCP 9: General Opening Session": (
            datetime(2021, 11, 10, 15, tzinfo=zurich),
            datetime(2021, 11, 10, 16, tzinfo=zurich),
        ),
        "GRCP 9: Dedicated Discussion Session 1": (
            datetime(2021, 11, 10, 16, tzinfo=zurich),
            datetime(2021, 11, 10, 17, 30, tzinfo=zurich),
        ),
    }
    for events in (by_icalendar, by_vobject):
        assert {summary: times[:2] for summary, times in events.items()} == expected
        description = events["GRCP 9: Dedicated Discussion Session 1"][2]
        assert "Discussion on possible ISCMs contributions to the IMRF" in description
        assert "Conclusions" in description


def test_the_browsers_zone_is_used_when_none_is_given(live_server, browser, grcp9):
    context = browser.new_context(locale="en-GB", timezone_id="Asia/Manila")
    page = context.new_page()
    page.goto(f"{live_server}/meetings/grcp-9/agenda")
    page.wait_for_url("**/agenda?tz=Asia%2FManila")
    assert "Asia/Manila" in page.locator("#zone-banner").inner_text()
    page.goto(f"{live_server}/meetings/grcp-9/agenda?tz=America/Guatemala")
    assert page.url.endswith("tz=America/Guatemala")
    context.close()
