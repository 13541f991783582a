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
