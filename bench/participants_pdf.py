"""Benchmark of the participant list PDF for 2,000 participants. Prints figures; asserts nothing.

    .venv/bin/python bench/participants_pdf.py

On a throw-away SQLite database: the build through the app (rows, HTML, WeasyPrint, store) off the
request as staff get it, the ratio to WeasyPrint laying out the same HTML alone, and the time of a
repeat download of the unchanged list (served from the export store). Then, on a meeting of 64, what an
entry of each printout costs to lay out, and so how long the longest one built inside a request takes.
"""

import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402

from coordinator import create_app  # noqa: E402
from coordinator.config import TestConfig  # noqa: E402
from coordinator.exporting.pdf import html_to_pdf, render_pdf_html  # noqa: E402
from coordinator.extensions import db  # noqa: E402
from coordinator.iscms.seed import seed_registry  # noqa: E402
from coordinator.meetings.models import Meeting, MeetingRole  # noqa: E402
from coordinator.participants import printouts  # noqa: E402
from coordinator.participants.lists import ListOptions  # noqa: E402
from coordinator.participants.models import Participant  # noqa: E402
from coordinator.participants.operations import ensure_groups  # noqa: E402
from coordinator.people.models import Person  # noqa: E402

PARTICIPANTS = 2_000
SAMPLE = 64
CAPACITIES = ("chair", "co_chair", "secretariat", "delegate", "head_of_secretariat")
NAMES = ("Rüya Gümürkçü", "Tomáš Urubek", "Rocío González", "Иван Петров", "محمد العلي", "Wen Li")


def make_app(workdir: Path):
    config = TestConfig()
    config.SQLALCHEMY_DATABASE_URI = f"sqlite:///{workdir / 'bench.sqlite'}"
    config.EXPORT_DIR = workdir / "exports"
    app = create_app(config)
    with app.app_context():
        upgrade()
        seed_registry()
        fill(app)
    return app


def fill(app) -> None:
    from coordinator.auth.operations import create_user

    meeting = add_meeting("big", PARTICIPANTS)
    add_meeting("sample", SAMPLE)
    user = create_user("bench@example.org", "bench-password-123", "staff")
    db.session.add(MeetingRole(meeting_id=meeting.id, user_id=user.id, role="staff"))
    db.session.commit()


def add_meeting(slug: str, participants: int) -> Meeting:
    from coordinator.iscms.models import Iscm

    iscms = db.session.scalars(db.select(Iscm)).all()
    meeting = Meeting(
        slug=slug,
        title="A very large meeting",
        visibility="public",
        status="published",
        start_date=date(2025, 3, 3),
        end_date=date(2025, 3, 5),
        organiser="IOM",
    )
    db.session.add(meeting)
    db.session.flush()
    group = ensure_groups(meeting)[0]
    for n in range(participants):
        given, family = NAMES[n % len(NAMES)].split(" ", 1)
        person = Person(
            given_name=given,
            family_name=f"{family} {n}",
            honorific="Ms",
            organisation="Ministry",
            position="Director General, Department of Migration, Ministry of the Interior",
        )
        db.session.add(
            Participant(
                meeting_id=meeting.id,
                person=person,
                group_id=group.id,
                iscm_id=iscms[n % len(iscms)].id,
                capacity=CAPACITIES[n % len(CAPACITIES)],
                status="confirmed",
            )
        )
    return meeting


def inline_costs(app) -> None:
    """Per entry of each printout on the sample meeting, and the longest built inside a request."""
    with app.test_request_context():
        meeting = db.session.scalar(db.select(Meeting).where(Meeting.slug == "sample"))
        for make in (printouts.participant_list, printouts.badges, printouts.place_cards):
            printout = make(meeting, ListOptions())
            html = render_pdf_html(printout.template, **printout.context)
            started = time.perf_counter()
            html_to_pdf(html)
            each = (time.perf_counter() - started) / printout.size
            limit = printouts.INLINE_LIMITS[printout.kind]
            print(
                f"{printout.kind}: {each * 1000:.0f} ms an entry; the longest inline ({limit}) "
                f"about {each * limit:.1f} s"
            )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        app = make_app(Path(tmp))
        client = app.test_client()
        client.post("/login", data={"email": "bench@example.org", "password": "bench-password-123"})

        started = time.perf_counter()
        response = client.get("/meetings/big/participants.pdf")
        progress = response.headers["Location"]
        while client.get(progress, headers={"Accept": "application/json"}).get_json()["state"] != "done":
            time.sleep(0.2)
        build = time.perf_counter() - started

        with app.test_request_context():
            meeting = db.session.scalar(db.select(Meeting).where(Meeting.slug == "big"))
            printout = printouts.participant_list(meeting, ListOptions())
            html = render_pdf_html(printout.template, **printout.context)
        started = time.perf_counter()
        pdf = html_to_pdf(html)
        alone = time.perf_counter() - started

        repeats = []
        for _ in range(5):
            started = time.perf_counter()
            repeat = client.get("/meetings/big/participants.pdf")
            repeats.append(time.perf_counter() - started)
            assert repeat.status_code == 200

        import io

        from pypdf import PdfReader

        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        print(f"participants: {PARTICIPANTS}, pages: {pages}")
        print(f"build through the app (request, job, store): {build:.1f} s")
        print(f"WeasyPrint alone on the same HTML:           {alone:.1f} s")
        print(f"ratio app build / WeasyPrint alone:          {build / alone:.2f}")
        print(
            f"repeat download of the unchanged list:       median {statistics.median(repeats) * 1000:.0f} ms (5 runs)"
        )
        inline_costs(app)


if __name__ == "__main__":
    main()
