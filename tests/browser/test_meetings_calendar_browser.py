"""A secretariat adds a light calendar entry from the calendar, in real Chromium, and finds it in the month grid."""

import os
from pathlib import Path

from tests.conftest import PASSWORD


def screenshot(page, tmp_path, name: str) -> None:
    """Kept under SCREENSHOT_DIR when set (to look at them), else in the test's temporary folder."""
    folder = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def test_staff_add_a_timed_entry_from_the_calendar_and_open_it_from_the_month_grid(
    live_server, page, registry, make_user, tmp_path
):
    staff = make_user("staff")
    page.goto(f"{live_server}/login")
    page.fill("input[name=email]", staff.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button.primary")

    page.goto(f"{live_server}/calendar?iscm=budapest-process&month=2023-06")
    page.click("#add-to-calendar")
    assert page.locator("input[name=iscms][value=budapest-process]").is_checked()
    page.fill("input[name=title]", "Ministerial Conference of the Budapest Process")
    page.select_option("select[name=format]", "in_person")
    page.fill("input[name=start_date]", "2023-06-21")
    page.fill("input[name=timezone]", "Europe/Zurich")
    page.select_option("select[name=kind]", "ministerial")
    page.select_option("select[name=level]", "ministerial")
    page.fill("input[name=place]", "Geneva, Switzerland")
    page.check("input[name=themes][value=labour-migration]")
    page.check("input[name=initiatives][value=gcm]")
    page.fill("textarea[name=outcome_documents]", "Geneva Ministerial Declaration")
    page.check("input[name=timed]")
    page.fill("input[name=start_time]", "09:30")
    page.fill("input[name=end_time]", "17:00")
    screenshot(page, tmp_path, "light-entry-form")
    page.click("form.grid-form button.primary")

    facts = page.locator("#meeting-facts")
    assert "Ministerial meeting or conference" in facts.inner_text()
    assert "09:30–17:00 Europe/Zurich" in page.locator("#meeting-dates").inner_text()
    assert "Geneva Ministerial Declaration" in facts.inner_text()
    assert page.locator("#plan-sessions").is_visible()
    assert page.locator("nav.meeting-nav").get_by_role("link", name="Agenda", exact=True).count() == 0
    screenshot(page, tmp_path, "light-entry-page")
    entry_url = page.url

    page.goto(f"{live_server}/calendar?month=2023-06")
    page.click("table.month-grid a:has-text('Ministerial Conference of the Budapest Process')")
    assert page.url == entry_url
