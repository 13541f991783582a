"""The highlights seed: complete against the documents, idempotent, no invented dates, GRCP 9 not duplicated."""

from datetime import date, datetime

import sqlalchemy as sa

from coordinator.calendars.highlights import load_highlights
from coordinator.calendars.seed import highlight_slugs, seed_highlights
from coordinator.extensions import db
from coordinator.meetings.models import Meeting


def test_every_highlights_entry_is_seeded_once_and_a_second_run_adds_nothing(app, registry):
    with app.app_context():
        first = seed_highlights()
        db.session.commit()
        second = seed_highlights()
        db.session.commit()
        expected = sum(
            len(load_highlights(name)["meetings"])
            for name in ("highlights_2021.yaml", "highlights_2023.yaml")
        )
        assert first == expected and second == 0
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Meeting)) == expected


def test_slugs_are_unique_and_grcp_meetings_get_their_own(app):
    for name, grcp in (("highlights_2021.yaml", "grcp-9"), ("highlights_2023.yaml", "grcp-10")):
        slugs = highlight_slugs(load_highlights(name))
        assert len(slugs) == len(set(slugs)) and grcp in slugs


def test_grcp9_of_the_highlights_is_the_full_meeting_when_it_exists(app, registry):
    with app.app_context():
        full = Meeting(
            slug="grcp-9", title="Ninth Global Meeting", timezone="Europe/Zurich", status="published"
        )
        db.session.add(full)
        db.session.commit()
        seed_highlights()
        db.session.commit()
        grcp9 = db.session.scalars(sa.select(Meeting).where(Meeting.title.like("%GRCP 9%"))).all()
        assert grcp9 == []
        assert full.title == "Ninth Global Meeting" and full.year == 2021 and "imrf" in full.initiatives


def test_no_date_is_invented(app, registry):
    with app.app_context():
        seed_highlights()
        db.session.commit()
        trainings = db.session.scalar(
            sa.select(Meeting).where(Meeting.title.like("Training workshops on People Smuggling%"))
        )
        assert (
            trainings.start_date is None
            and trainings.month is None
            and trainings.count == 5
            and trainings.year == 2021
        )
        identity = db.session.scalar(sa.select(Meeting).where(Meeting.title.like("Identity Week Europe%")))
        assert identity.start_date is None and identity.month.isoformat() == "2023-06-01"


def _spans(dates_text: str, year: int) -> list[tuple[date, date]]:
    """ "28 and 30 September" -> two one-day spans; "13-15 March and 2-5 October" -> two spans."""
    parts = dates_text.split(" and ")
    month_of_last = parts[-1].split()[-1]
    spans = []
    for part in parts:
        days, *month = part.split()
        month_number = datetime.strptime((month or [month_of_last])[0], "%B").month
        first, _, last = days.partition("-")
        spans.append((date(year, month_number, int(first)), date(year, month_number, int(last or first))))
    return spans


def test_an_entry_of_days_joined_by_and_covers_one_of_them_exactly(app):
    for name in ("highlights_2021.yaml", "highlights_2023.yaml"):
        document = load_highlights(name)
        for item in document["meetings"]:
            if item.get("start") and " and " in (item.get("dates_text") or ""):
                assert (item["start"], item["end"]) in _spans(item["dates_text"], document["year"]), item[
                    "title"
                ]


def _dates(title: str) -> list[tuple]:
    entries = db.session.scalars(
        sa.select(Meeting).where(Meeting.title == title).order_by(Meeting.start_date, Meeting.month)
    )
    return [
        (
            m.start_date and m.start_date.isoformat(),
            m.end_date and m.end_date.isoformat(),
            m.month and m.month.isoformat(),
            m.dates_text,
            m.count,
        )
        for m in entries
    ]


def test_meetings_on_separate_days_or_months_are_separate_entries_without_the_days_between(app, registry):
    with app.app_context():
        seed_highlights()
        db.session.commit()
        both = "28 and 30 September"
        assert _dates("Meeting of the Technical Experts Group on Returns and Reintegration") == [
            ("2021-09-28", "2021-09-28", None, both, 1),
            ("2021-09-30", "2021-09-30", None, both, 1),
        ]
        sessions = "13-15 March and 2-5 October"
        assert _dates("Thematic working group meetings") == [
            ("2023-03-13", "2023-03-15", None, sessions, 1),
            ("2023-10-02", "2023-10-05", None, sessions, 1),
        ]
        months = "July and September"
        assert _dates("Thematic workshops on the 2020-2022 ADD research agenda") == [
            (None, None, "2021-07-01", months, 1),
            (None, None, "2021-09-01", months, 1),
        ]
        rmfm = db.session.scalar(sa.select(Meeting).where(Meeting.title == "Thematic working group meetings"))
        assert "how many were held in each session is not given" in rmfm.description


def test_both_grcp_meetings_are_global_meetings_and_both_bali_meetings_endorsed_the_adelaide_strategy(
    app, registry
):
    from coordinator.meetings.seed import seed_grcp9

    with app.app_context():
        seed_grcp9()
        seed_highlights()
        db.session.commit()
        kinds = dict(
            db.session.execute(
                sa.select(Meeting.slug, Meeting.kind).where(Meeting.slug.in_(["grcp-9", "grcp-10"]))
            ).all()
        )
        assert kinds == {"grcp-9": "global_meeting", "grcp-10": "global_meeting"}
        endorsing = db.session.scalars(
            sa.select(Meeting.title)
            .where(sa.cast(Meeting.outcome_documents, sa.String).like("%Adelaide Strategy%"))
            .order_by(Meeting.title)
        ).all()
        assert endorsing == ["8th Ministerial Conference", "Senior Officials Meeting"]
    for name in ("highlights_2021.yaml", "highlights_2023.yaml"):
        grcp = [m for m in load_highlights(name)["meetings"] if "(GRCP" in m["title"]]
        assert [m["kind"] for m in grcp] == ["global_meeting"]


def test_highlights_page_shows_the_document_totals_beside_the_calendar_counts(app, client, registry):
    from coordinator.calendars.seed import seed_highlights

    with app.app_context():
        seed_highlights()
        db.session.commit()
    page = client.get("/calendar/2023/highlights").get_data(as_text=True)
    assert "<td>170</td>" in page and "Labour migration" in page
    assert client.get("/calendar/2021/highlights").status_code == 200


def test_bali_process_and_labour_migration_point_to_the_highlights_that_list_bali_under_that_theme(
    app, client, registry
):
    with app.app_context():
        seed_highlights()
        db.session.commit()
    data = client.get("/calendar.json?iscm=bali-process&theme=labour-migration").get_json()
    assert data["count"] == 0
    assert data["highlights"] == [
        {
            "year": 2023,
            "area": "Labour migration",
            "theme": "labour-migration",
            "iscms": ["bali-process"],
            "url": "http://localhost/calendar/2023/highlights",
        }
    ]
    page = client.get("/calendar?view=year&year=2023&iscm=bali-process&theme=labour-migration").get_data(
        as_text=True
    )
    assert (
        "The ISCM 2023 Highlights list Bali Process among the ISCMs that addressed “Labour migration” that year"
        in page
    )
    assert 'href="/calendar/2023/highlights#thematic-areas"' in page
    assert client.get("/calendar.json?iscm=bali-process").get_json()["highlights"] == []
    assert 'id="highlights-mentions"' not in client.get("/calendar?theme=labour-migration").get_data(
        as_text=True
    )
