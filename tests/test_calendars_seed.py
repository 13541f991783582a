"""The highlights seed: complete against the documents, idempotent, no invented dates, GRCP 9 not duplicated."""

import sqlalchemy as sa

from coordinator.calendars.seed import highlight_slugs, load_highlights, seed_highlights
from coordinator.extensions import db
from coordinator.meetings.models import Meeting


def test_every_highlights_entry_is_seeded_once_and_a_second_run_adds_nothing(app, registry):
    with app.app_context():
        first = seed_highlights()
        db.session.commit()
        second = seed_highlights()
        db.session.commit()
        expected = sum(len(load_highlights(name)["meetings"]) for name in ("highlights_2021.yaml", "highlights_2023.yaml"))
        assert first == expected and second == 0
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Meeting)) == expected


def test_slugs_are_unique_and_grcp_meetings_get_their_own(app):
    for name, grcp in (("highlights_2021.yaml", "grcp-9"), ("highlights_2023.yaml", "grcp-10")):
        slugs = highlight_slugs(load_highlights(name))
        assert len(slugs) == len(set(slugs)) and grcp in slugs


def test_grcp9_of_the_highlights_is_the_full_meeting_when_it_exists(app, registry):
    with app.app_context():
        full = Meeting(slug="grcp-9", title="Ninth Global Meeting", timezone="Europe/Zurich", status="published")
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
        trainings = db.session.scalar(sa.select(Meeting).where(Meeting.title.like("Training workshops on People Smuggling%")))
        assert trainings.start_date is None and trainings.month is None and trainings.count == 5 and trainings.year == 2021
        identity = db.session.scalar(sa.select(Meeting).where(Meeting.title.like("Identity Week Europe%")))
        assert identity.start_date is None and identity.month.isoformat() == "2023-06-01"


def test_highlights_page_shows_the_document_totals_beside_the_calendar_counts(app, client, registry):
    from coordinator.calendars.seed import seed_highlights

    with app.app_context():
        seed_highlights()
        db.session.commit()
    page = client.get("/calendar/2023/highlights").get_data(as_text=True)
    assert "<td>170</td>" in page and "Labour migration" in page
    assert client.get("/calendar/2021/highlights").status_code == 200
