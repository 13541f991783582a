"""Calendar pages: month grid, list and year views, filters in the URL, counts, ISCM pages, query counts."""

from datetime import date

import pytest
import sqlalchemy as sa

from coordinator.extensions import db
from tests.calendar_factories import add_entry


@pytest.fixture
def entries(app, registry):
    add_entry(app, title="Bali labour SOM")
    add_entry(app, title="RCM webinar", iscms=["rcm"], themes=[], start_date=date(2023, 5, 20), end_date=None)
    add_entry(app, title="Month-only workshop", start_date=None, end_date=None, month=date(2023, 5, 1))
    add_entry(app, title="Undated trainings", start_date=None, end_date=None, year=2023, count=5)


@pytest.mark.parametrize("role", ["anonymous", "user", "staff", "admin"])
def test_month_view_places_dated_entries_on_days_and_lists_month_only_ones(client, entries, as_role, role):
    as_role(role)
    page = client.get("/calendar?month=2023-05").get_data(as_text=True)
    grid, below = page.split("This month, day not given")
    assert grid.count(">Bali Process: Bali labour SOM<") == 2  # 10 and 11 May
    assert "Month-only workshop" not in grid and "Month-only workshop" in below
    assert "Undated trainings" not in page


def test_filters_travel_in_the_url_and_reach_the_subscribe_links(client, entries):
    page = client.get("/calendar?month=2023-05&iscm=bali-process&theme=labour-migration").get_data(
        as_text=True
    )
    assert "RCM webinar" not in page and "Bali labour SOM" in page
    assert "webcal://localhost/calendar.ics?iscm=bali-process&amp;theme=labour-migration" in page
    assert "http://localhost/calendar.ics?iscm=bali-process&amp;theme=labour-migration" in page
    assert "Filtered to: Bali Process; Labour migration." in page


def test_year_view_shows_undated_entries_under_date_not_given_with_counts(client, entries):
    page = client.get("/calendar?view=year&year=2023").get_data(as_text=True)
    assert page.index("Month-only workshop") < page.index("Date not given") < page.index("Undated trainings")
    assert "4 entries" in page and "8 events" in page


def test_list_view_splits_upcoming_and_past(client, entries):
    past = client.get("/calendar?view=list&when=past").get_data(as_text=True)
    upcoming = client.get("/calendar?view=list&when=upcoming").get_data(as_text=True)
    assert "Bali labour SOM" in past and "Bali labour SOM" not in upcoming


def test_bad_parameters_fall_back_instead_of_failing(client, entries):
    for query in (
        "month=2023-13",
        "month=abc",
        "view=nope",
        "year=99999&view=year",
        "level=galactic",
        "q=" + "x" * 500,
    ):
        assert client.get(f"/calendar?{query}").status_code == 200


def test_iscm_page_lists_its_meetings_with_subscribe_and_follow(client, entries, as_role):
    page = client.get("/iscms/bali-process").get_data(as_text=True)
    assert "Meetings of this ISCM" in page and "Bali labour SOM" in page and "RCM webinar" not in page
    assert "webcal://localhost/iscms/bali-process/calendar.ics" in page
    assert ">Follow<" not in page
    as_role("user")
    assert ">Follow<" in client.get("/iscms/bali-process").get_data(as_text=True)


def _count_queries(app, client, url) -> int:
    statements = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    with app.app_context():
        sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        assert client.get(url).status_code == 200
    finally:
        with app.app_context():
            sa.event.remove(db.engine, "before_cursor_execute", count)
    return len(statements)


def test_month_view_query_count_does_not_grow_with_the_number_of_entries(app, client, entries):
    few = _count_queries(app, client, "/calendar?month=2023-05")
    for number in range(30):
        add_entry(
            app,
            title=f"Extra {number}",
            iscms=["rcm", "bali-process"],
            start_date=date(2023, 5, 1 + number % 28),
            end_date=None,
        )
    many = _count_queries(app, client, "/calendar?month=2023-05")
    assert many == few


@pytest.mark.parametrize("year", ["abc", "1800", "99999", "2023.5"])
def test_calendar_json_refuses_a_bad_year_with_a_json_400(client, entries, year):
    response = client.get(f"/calendar.json?year={year}")
    assert response.status_code == 400
    assert response.get_json() == {"error": "year must be a number from 1900 to 2200."}


@pytest.mark.parametrize("query", ["view=year&year=abc", "view=year&year=1800", "view=year&year=99999"])
def test_the_year_view_ignores_a_bad_year_and_says_so(client, entries, query):
    response = client.get(f"/calendar?{query}")
    assert response.status_code == 200
    value = query.rsplit("=", 1)[1]
    assert f"“{value}” is not a year from 1900 to 2200: showing {date.today().year}." in response.get_data(
        as_text=True
    )


def test_the_month_view_ignores_a_bad_month_and_says_so(client, entries):
    page = client.get("/calendar?month=2023-13").get_data(as_text=True)
    assert "“2023-13” is not a month like 2023-05 from 1900 to 2200: showing this month." in page


def test_calendar_json_gives_undated_entries_only_with_a_year(client, entries):
    dated = client.get("/calendar.json").get_json()
    assert sorted(m["title"] for m in dated["meetings"]) == ["Bali labour SOM", "RCM webinar"]
    in_year = client.get("/calendar.json?year=2023").get_json()
    assert sorted(m["title"] for m in in_year["meetings"]) == [
        "Bali labour SOM",
        "Month-only workshop",
        "RCM webinar",
        "Undated trainings",
    ]
    assert client.get("/calendar.json?year=2022").get_json()["count"] == 0


def test_healthz_answers_ok_without_touching_the_database(app, client):
    statements = _count_queries(app, client, "/healthz")
    response = client.get("/healthz")
    assert (response.status_code, response.get_data(as_text=True), statements) == (200, "ok\n", 0)
