"""A delegate filters the calendar to Bali Process + labour migration, opens Subscribe and gets exactly those events."""

from datetime import date
from urllib.request import urlopen

import icalendar
import vobject

from tests.calendar_factories import add_entry


def test_filter_subscribe_and_fetch_exactly_the_filtered_events(app, registry, live_server, page):
    add_entry(app, title="Bali labour SOM")
    add_entry(app, title="Bali labour workshop", start_date=date(2023, 5, 24), end_date=None)
    add_entry(app, title="Bali smuggling workshop", themes=["counter-smuggling"])
    add_entry(app, title="RCM labour webinar", iscms=["rcm"])
    page.goto(f"{live_server}/calendar?month=2023-05")
    page.select_option("#f-iscm", ["bali-process"])
    page.select_option("#f-theme", ["labour-migration"])
    page.click("#apply-filters")
    assert "iscm=bali-process" in page.url and "theme=labour-migration" in page.url
    grid = page.inner_text(".month-grid")
    assert "Bali labour SOM" in grid and "RCM labour webinar" not in grid and "smuggling" not in grid
    page.click("#subscribe summary")
    feed_url = page.input_value("#feed-url-main")
    assert page.get_attribute("#subscribe-webcal", "href") == "webcal://" + feed_url.split("://", 1)[1]
    body = urlopen(feed_url.replace("http://localhost", live_server)).read()
    titles = sorted(str(e["summary"]) for e in icalendar.Calendar.from_ical(body).walk("VEVENT"))
    assert titles == ["Bali Process: Bali labour SOM", "Bali Process: Bali labour workshop"]
    assert len(vobject.readOne(body.decode()).vevent_list) == 2


def test_bali_process_and_labour_migration_lead_to_the_highlights_that_list_them(
    app, registry, live_server, page
):
    import os

    from coordinator.calendars.seed import seed_highlights
    from coordinator.extensions import db

    with app.app_context():
        seed_highlights()
        db.session.commit()
    page.goto(f"{live_server}/calendar?view=year&year=2023")
    page.select_option("#f-iscm", ["bali-process"])
    page.select_option("#f-theme", ["labour-migration"])
    page.click("#apply-filters")
    note = page.inner_text("#highlights-mentions")
    assert (
        "The ISCM 2023 Highlights list Bali Process among the ISCMs that addressed “Labour migration”" in note
    )
    if os.environ.get("SCREENSHOT_DIR"):
        page.screenshot(
            path=os.path.join(os.environ["SCREENSHOT_DIR"], "calendar-highlights-mention.png"), full_page=True
        )
    page.click("#highlights-mentions a")
    assert page.url.endswith("/calendar/2023/highlights#thematic-areas")
    row = page.locator("#thematic-areas tr", has_text="Labour migration").first.inner_text()
    assert "Bali Process" in row
