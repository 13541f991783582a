"""Benchmark of /calendar.ics and the month view with 10,000 events on PostgreSQL. Prints figures; asserts nothing.

    BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/coord_bench_calendar .venv/bin/python bench/calendar_feed.py

The database named is created if missing, else emptied and rebuilt. Figures: the month view's time and SQL statements per request
with ~100 events and again with 10,000 (the count must not grow); with 10,000: cold build (timed events
spread over several zones, so several VTIMEZONEs), warm, 304 (ETag and If-Modified-Since), rebuild after
one change in English and in French, and requests/s of gunicorn (2 workers, loopback only, 50 concurrent
clients, bounded in count and time) on the feed beside /healthz, a trivial view of the same app.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coordinator import create_app  # noqa: E402
from coordinator.config import Config, database_url  # noqa: E402
from coordinator.extensions import db  # noqa: E402

EVENTS = 10_000
FEW = 100
URL = os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/coord_bench_calendar")
#: Zones of the timed events, one VTIMEZONE each (southern hemisphere and a zone that dropped DST included).
ZONES = (
    "Europe/Zurich",
    "America/New_York",
    "Asia/Bangkok",
    "Australia/Sydney",
    "America/Santiago",
    "America/Mexico_City",
    "Africa/Nairobi",
)
MONTH = "/calendar?month=2022-05"
CLIENTS, REQUESTS_PER_CLIENT, TIME_LIMIT = 50, 20, 60.0


def make_app(export_dir: str):
    config = Config()
    config.SQLALCHEMY_DATABASE_URI = database_url(URL)
    config.EXPORT_DIR = Path(export_dir)
    return create_app(config)


def ensure_database(url: str) -> None:
    """Creates the database the URL names when the server has none of that name, as on a new machine."""
    target = sa.make_url(database_url(url))
    admin = sa.create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        exists = connection.scalar(
            sa.text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": target.database}
        )
        if not exists:
            connection.execute(sa.text(f'CREATE DATABASE "{target.database}"'))
    admin.dispose()


def rebuild_database(app) -> None:
    """An empty schema at head with the registry; events are added by add_events."""
    from flask_migrate import upgrade

    from coordinator.iscms.seed import seed_registry

    ensure_database(URL)
    engine = sa.create_engine(database_url(URL))
    with engine.begin() as connection:
        connection.execute(sa.text("DROP SCHEMA public CASCADE"))
        connection.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()
    with app.app_context():
        upgrade()
        seed_registry()
        db.session.commit()


def _event(number: int, now: datetime) -> dict:
    day = date(2021, 1, 1) + timedelta(
        days=number * 37 % 1095
    )  # spread: ~100 events already span three years
    timed = number % 3 == 0
    start = datetime(day.year, day.month, day.day, 7 + number % 8, tzinfo=UTC)
    return {
        "slug": f"bench-{number}",
        "title": f"Meeting {number}, “ISCM”; Встреча — اجتماع",
        "kind": "som",
        "level": ("ministerial", "senior", "technical")[number % 3],
        "format": "in_person",
        "all_day": not timed,
        "start_date": day,
        "end_date": day + timedelta(days=number % 3),
        "year": day.year,
        "starts_at": start if timed else None,
        "ends_at": start + timedelta(hours=2) if timed else None,
        "timezone": ZONES[(number // 3) % len(ZONES)],
        "count": 1,
        "visibility": "public",
        "status": "published",
        "description": "Agenda, notes; and more.\nSecond line.",
        "languages": [],
        "interpretation": [],
        "guiding_questions": [],
        "initiatives": ["gcm"],
        "outcome_documents": [],
        "uid": f"bench-{number}@coordinator",
        "sequence": 0,
        "version": 1,
        "created_at": now,
        "updated_at": now,
        "participants_visible": False,
        "objectives": "",
    }


def add_events(app, first: int, last: int) -> None:
    """Events first..last-1 in bulk (Core inserts), then the change marker moved as the ORM would have."""
    from coordinator.calendars.models import mark_calendar_changed
    from coordinator.meetings.models import Meeting, meeting_iscms, meeting_themes

    with app.app_context():
        iscm_ids = list(db.session.scalars(sa.text("SELECT id FROM iscms ORDER BY id")))
        theme_ids = list(db.session.scalars(sa.text("SELECT id FROM themes ORDER BY id")))
        now = datetime.now(UTC)
        db.session.execute(sa.insert(Meeting), [_event(number, now) for number in range(first, last)])
        ids = list(
            db.session.scalars(
                sa.select(Meeting.id)
                .where(Meeting.slug.in_([f"bench-{number}" for number in range(first, last)]))
                .order_by(Meeting.id)
            )
        )
        db.session.execute(
            meeting_iscms.insert(),
            [{"meeting_id": i, "iscm_id": iscm_ids[n % len(iscm_ids)]} for n, i in enumerate(ids)],
        )
        db.session.execute(
            meeting_themes.insert(),
            [{"meeting_id": i, "theme_id": theme_ids[n % len(theme_ids)]} for n, i in enumerate(ids)],
        )
        mark_calendar_changed(db.session.connection())
        db.session.commit()


def timed(function, repeat=1) -> float:
    results = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        results.append(time.perf_counter() - start)
    return statistics.median(results)


def count_statements(app, client, url) -> int:
    seen = []

    def listener(*args):
        seen.append(1)

    with app.app_context():
        sa.event.listen(db.engine, "before_cursor_execute", listener)
    client.get(url)
    with app.app_context():
        sa.event.remove(db.engine, "before_cursor_execute", listener)
    return len(seen)


def month_view(app, events: int) -> dict:
    client = app.test_client()
    client.get(MONTH)
    return {
        f"month view, {events} events, median of 5 (s)": timed(lambda: client.get(MONTH), 5),
        f"month view, {events} events, SQL statements": count_statements(app, client, MONTH),
    }


def in_process(app) -> dict:
    from coordinator.meetings.models import Meeting
    from coordinator.meetings.operations import update_meeting

    client = app.test_client()
    figures = {"cold build (s)": timed(lambda: client.get("/calendar.ics"))}
    body = client.get("/calendar.ics")
    figures["feed size (MB)"] = len(body.data) / 1e6
    figures["VTIMEZONEs in the feed"] = body.data.count(b"BEGIN:VTIMEZONE")
    figures["warm, median of 5 (s)"] = timed(lambda: client.get("/calendar.ics"), 5)
    etag, last_modified = body.headers["ETag"], body.headers["Last-Modified"]
    figures["304 by ETag, median of 20 (s)"] = timed(
        lambda: client.get("/calendar.ics", headers={"If-None-Match": etag}), 20
    )
    figures["304 by If-Modified-Since, median of 20 (s)"] = timed(
        lambda: client.get("/calendar.ics", headers={"If-Modified-Since": last_modified}), 20
    )
    figures["cold build in French (s)"] = timed(lambda: client.get("/calendar.ics?lang=fr"))
    with app.app_context():
        meeting = db.session.scalar(sa.select(Meeting).where(Meeting.slug == "bench-42"))
        update_meeting(
            meeting,
            {
                "start_date": meeting.start_date + timedelta(days=1),
                "end_date": meeting.end_date + timedelta(days=1),
            },
        )
        db.session.commit()
    figures["rebuild after one change (s)"] = timed(lambda: client.get("/calendar.ics"))
    figures["rebuild after one change, French (s)"] = timed(lambda: client.get("/calendar.ics?lang=fr"))
    return figures


def hammer(url: str, headers: dict) -> float:
    """Requests per second of 50 threads each sending up to 20 requests, stopping after 60 s."""
    done = []
    deadline = time.monotonic() + TIME_LIMIT

    def client():
        for _ in range(REQUESTS_PER_CLIENT):
            if time.monotonic() > deadline:
                return
            try:
                with urllib.request.urlopen(
                    urllib.request.Request(url, headers=headers), timeout=60
                ) as response:
                    response.read()
            except urllib.error.HTTPError as error:
                if error.code != 304:
                    raise
            done.append(1)

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(done) / (time.perf_counter() - start)


def under_gunicorn(export_dir: str) -> dict:
    port = "8765"
    env = {**os.environ, "DATABASE_URL": URL, "EXPORT_DIR": export_dir, "SECRET_KEY": "bench"}
    server = subprocess.Popen(
        # The first request builds every event again (another base URL): more than gunicorn's default 30 s.
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "-w",
            "2",
            "--timeout",
            "600",
            "-b",
            f"127.0.0.1:{port}",
            "wsgi:app",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        urllib.request.urlopen(base + "/calendar.ics", timeout=120).read()
        trivial = hammer(base + "/healthz", {})
        feed = hammer(base + "/calendar.ics", {})
        etag = urllib.request.urlopen(base + "/calendar.ics", timeout=60).headers["ETag"]
        conditional = hammer(base + "/calendar.ics", {"If-None-Match": etag})
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {
        "gunicorn /healthz (req/s)": trivial,
        "gunicorn /calendar.ics warm (req/s)": feed,
        "gunicorn /calendar.ics 304 (req/s)": conditional,
        "ratio feed / healthz": feed / trivial,
        "ratio 304 / healthz": conditional / trivial,
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as export_dir:
        app = make_app(export_dir)
        rebuild_database(app)
        add_events(app, 0, FEW)
        figures = month_view(app, FEW)
        add_events(app, FEW, EVENTS)
        figures.update(month_view(app, EVENTS))
        figures.update(in_process(app))
        figures.update(under_gunicorn(export_dir))
    print(f"/calendar.ics with {EVENTS} events on PostgreSQL")
    for name, value in figures.items():
        print(f"  {name:48s} {value:10.3f}" if isinstance(value, float) else f"  {name:48s} {value:10d}")


if __name__ == "__main__":
    main()
