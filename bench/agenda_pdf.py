"""Benchmark of the agenda PDF: a 3-day meeting, 12 sessions, 150 items, 300 people. Prints figures; asserts nothing.

    .venv/bin/python bench/agenda_pdf.py

On a throw-away SQLite database. Figures (medians of RUNS): GET /meetings/<slug>/agenda.pdf?tz=… through
the app with the export cache emptied each time: the agenda is large, so the first answer is the waiting
page and the build runs off the request; the time is until a request (polled every POLL seconds, as a
waiting browser would, only faster) gets the PDF. Then WeasyPrint alone laying out the very same final
HTML, their ratio (the app's overhead: loading, snapshot layout, Jinja, the job, the polls), and a
repeat request served from the store.
"""

import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402

from coordinator import create_app  # noqa: E402
from coordinator.config import TestConfig  # noqa: E402
from coordinator.exporting.pdf import html_to_pdf  # noqa: E402
from coordinator.extensions import db  # noqa: E402
from coordinator.meetings import pdf as agenda_pdfs  # noqa: E402
from coordinator.meetings.agenda import zone_columns  # noqa: E402
from coordinator.meetings.models import AgendaItem, ItemPerson, Meeting, Session  # noqa: E402
from coordinator.meetings.operations import latest_release, release_agenda  # noqa: E402
from coordinator.people.models import Person  # noqa: E402

RUNS = 5
POLL = 0.1
DAYS, SESSIONS_PER_DAY, ITEMS, PEOPLE = 3, 4, 150, 300
ZONES = ["Asia/Manila", "America/Guatemala"]


def make_app(workdir: Path):
    config = TestConfig()
    config.SQLALCHEMY_DATABASE_URI = f"sqlite:///{workdir / 'bench.sqlite'}"
    config.EXPORT_DIR = workdir / "exports"
    return create_app(config)


def build_meeting() -> Meeting:
    """Sessions of 2 hours at 08:00, 10:30, 14:00 and 16:30 UTC; items of 15 minutes, two people each."""
    people = [
        Person(
            given_name=f"Given{n}",
            family_name=f"Family{n}",
            honorific="Ms",
            position=f"Director of a ministry department number {n}",
            organisation="Ministry of Interior",
        )
        for n in range(PEOPLE)
    ]
    meeting = Meeting(
        slug="bench",
        title="Benchmark meeting of chairs and secretariats",
        number="BENCH 1",
        subtitle="A long theme to wrap over two lines of the heading " * 2,
        organiser="IOM",
        format="hybrid",
        start_date=date(2024, 5, 6),
        end_date=date(2024, 5, 8),
        all_day=False,
        timezone="Europe/Zurich",
        visibility="public",
        status="published",
    )
    item_number = 0
    for index in range(DAYS * SESSIONS_PER_DAY):
        day = datetime(2024, 5, 6 + index // SESSIONS_PER_DAY, tzinfo=UTC)
        start = day + timedelta(hours=(8, 10.5, 14, 16.5)[index % SESSIONS_PER_DAY])
        session = Session(
            title=f"Session {index + 1}",
            kind="discussion",
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            interpretation=["en", "fr", "es"],
            audience="ISCMs based in several time zones",
            objective="To discuss " * 10,
            guiding_questions=["What are the main trends and gaps?"] * 3,
            room="Room A",
            position=index,
        )
        count = ITEMS // (DAYS * SESSIONS_PER_DAY) + (1 if index < ITEMS % (DAYS * SESSIONS_PER_DAY) else 0)
        for slot in range(count):
            item_start = start + timedelta(minutes=120 * slot // count)
            item = AgendaItem(
                title=f"Item {item_number + 1}: statements and discussion",
                kind="statements",
                starts_at=item_start,
                ends_at=item_start + timedelta(minutes=120 // count),
                position=slot,
            )
            item.people = [
                ItemPerson(
                    person=people[(2 * item_number + k) % PEOPLE],
                    role=("speaker", "facilitator")[k],
                    capacity="for the Chair of the process",
                    position=k,
                )
                for k in range(2)
            ]
            session.items.append(item)
            item_number += 1
        meeting.sessions.append(session)
    db.session.add(meeting)
    db.session.flush()
    release_agenda(meeting, "Benchmark")
    db.session.commit()
    return meeting


def median_seconds(action) -> float:
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def empty_store(app) -> None:
    for path in (Path(app.config["EXPORT_DIR"]) / "agendas").glob("*.pdf"):
        path.unlink()


def pdf_through_app(client, url: str) -> bytes:
    """The first request starts the build (202, the waiting page); polls until the PDF comes."""
    response = client.get(url)
    while response.status_code == 202:
        time.sleep(POLL)
        response = client.get(url)
    assert response.status_code == 200 and response.mimetype == "application/pdf", response.status_code
    return response.data


def main() -> None:
    with tempfile.TemporaryDirectory() as workdir:
        app = make_app(Path(workdir))
        with app.app_context():
            upgrade()
            meeting = build_meeting()
            release = latest_release(meeting)
            zones = [meeting.timezone, *ZONES]
            rows = agenda_pdfs.rows(release.snapshot)
        client = app.test_client()
        url = "/meetings/bench/agenda.pdf?" + "&".join(f"tz={zone}" for zone in ZONES)
        first = client.get(url).status_code
        size = len(pdf_through_app(client, url))

        def through_app():
            empty_store(app)
            pdf_through_app(client, url)

        app_seconds = median_seconds(through_app)
        with app.test_request_context(url), app.app_context():
            release = latest_release(db.session.get(Meeting, meeting.id))
            columns, left_out = zone_columns(release.snapshot, zones)
            html = agenda_pdfs.agenda_html(release, columns, left_out)
        weasy_seconds = median_seconds(lambda: html_to_pdf(html))
        cached_seconds = median_seconds(lambda: client.get(url))
    print(
        f"agenda PDF: {DAYS} days, {DAYS * SESSIONS_PER_DAY} sessions, {ITEMS} items, {PEOPLE} people, "
        f"3 zones, {rows} rows (inline up to {agenda_pdfs.INLINE_ROWS}), {size // 1024} KiB; medians of {RUNS} runs"
    )
    print(f"  first answer: {first} (the waiting page; the build runs off the request)")
    print(
        f"  through the app until the PDF (cache emptied, polled every {POLL * 1000:.0f} ms): "
        f"{app_seconds * 1000:8.1f} ms"
    )
    print(f"  WeasyPrint alone, same HTML:     {weasy_seconds * 1000:8.1f} ms")
    print(f"  ratio app / WeasyPrint:          {app_seconds / weasy_seconds:8.2f}")
    print(f"  repeat request (from the store): {cached_seconds * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
