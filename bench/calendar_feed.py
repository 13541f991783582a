"""Benchmark of /calendar.ics and the month view with 10,000 events on PostgreSQL. Prints figures; asserts nothing.

    BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench_calendar .venv/bin/python bench/calendar_feed.py

The database named is emptied and rebuilt. Figures: cold build, warm, 304, rebuild after one change,
month view time and SQL statements per request, and requests/s of gunicorn (2 workers, loopback only,
50 concurrent clients, bounded in count and time) on the feed beside a trivial endpoint of the same app.
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
URL = os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/bench_calendar")
CLIENTS, REQUESTS_PER_CLIENT, TIME_LIMIT = 50, 20, 60.0


def make_app(export_dir: str):
    config = Config()
    config.SQLALCHEMY_DATABASE_URI = database_url(URL)
    config.EXPORT_DIR = Path(export_dir)
    return create_app(config)


def rebuild_database(app) -> None:
    from flask_migrate import upgrade

    from coordinator.iscms.seed import seed_registry
    from coordinator.meetings.models import Meeting, meeting_iscms, meeting_themes

    engine = sa.create_engine(database_url(URL))
    with engine.begin() as connection:
        connection.execute(sa.text("DROP SCHEMA public CASCADE"))
        connection.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()
    with app.app_context():
        upgrade()
        seed_registry()
        db.session.commit()
        iscm_ids = list(db.session.scalars(sa.text("SELECT id FROM iscms ORDER BY id")))
        theme_ids = list(db.session.scalars(sa.text("SELECT id FROM themes ORDER BY id")))
        now = datetime.now(UTC)
        rows = []
        for number in range(EVENTS):
            day = date(2021, 1, 1) + timedelta(days=number % 1095)
            timed = number % 3 == 0
            start = datetime(day.year, day.month, day.day, 7 + number % 8, tzinfo=UTC)
            rows.append({
                "slug": f"bench-{number}", "title": f"Meeting {number}, “ISCM”; Встреча — اجتماع", "kind": "som",
                "level": ("ministerial", "senior", "technical")[number % 3], "format": "in_person",
                "all_day": not timed, "start_date": day, "end_date": day + timedelta(days=number % 3), "year": day.year,
                "starts_at": start if timed else None, "ends_at": start + timedelta(hours=2) if timed else None,
                "timezone": ("Europe/Zurich", "America/New_York", "Asia/Bangkok")[number % 3], "count": 1,
                "visibility": "public", "status": "published", "description": "Agenda, notes; and more.\nSecond line.",
                "languages": [], "interpretation": [], "guiding_questions": [], "initiatives": ["gcm"],
                "outcome_documents": [], "uid": f"bench-{number}@coordinator", "sequence": 0, "version": 1,
                "created_at": now, "updated_at": now, "participants_visible": False, "objectives": "",
            })
        db.session.execute(sa.insert(Meeting), rows)
        ids = list(db.session.scalars(sa.text("SELECT id FROM meetings ORDER BY id")))
        db.session.execute(meeting_iscms.insert(), [{"meeting_id": i, "iscm_id": iscm_ids[n % len(iscm_ids)]} for n, i in enumerate(ids)])
        db.session.execute(meeting_themes.insert(), [{"meeting_id": i, "theme_id": theme_ids[n % len(theme_ids)]} for n, i in enumerate(ids)])
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


def in_process(app) -> dict:
    from coordinator.meetings.models import Meeting
    from coordinator.meetings.operations import update_meeting

    client = app.test_client()
    figures = {"cold build (s)": timed(lambda: client.get("/calendar.ics"))}
    body = client.get("/calendar.ics")
    figures["feed size (MB)"] = len(body.data) / 1e6
    figures["warm, median of 5 (s)"] = timed(lambda: client.get("/calendar.ics"), 5)
    etag = body.headers["ETag"]
    figures["304, median of 20 (s)"] = timed(lambda: client.get("/calendar.ics", headers={"If-None-Match": etag}), 20)
    with app.app_context():
        meeting = db.session.scalar(sa.select(Meeting).where(Meeting.slug == "bench-42"))
        update_meeting(meeting, {"start_date": meeting.start_date + timedelta(days=1), "end_date": meeting.end_date + timedelta(days=1)})
        db.session.commit()
    figures["rebuild after one change (s)"] = timed(lambda: client.get("/calendar.ics"))
    figures["month view, median of 5 (s)"] = timed(lambda: client.get("/calendar?month=2022-05"), 5)
    figures["month view SQL statements"] = count_statements(app, client, "/calendar?month=2022-05")
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
                with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=60) as response:
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
        [str(ROOT / ".venv/bin/gunicorn"), "-w", "2", "-b", f"127.0.0.1:{port}", "wsgi:app"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/static/app.css", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        urllib.request.urlopen(base + "/calendar.ics", timeout=120).read()
        trivial = hammer(base + "/static/app.css", {})
        feed = hammer(base + "/calendar.ics", {})
        etag = urllib.request.urlopen(base + "/calendar.ics", timeout=60).headers["ETag"]
        conditional = hammer(base + "/calendar.ics", {"If-None-Match": etag})
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {
        "gunicorn trivial endpoint (req/s)": trivial,
        "gunicorn /calendar.ics warm (req/s)": feed,
        "gunicorn /calendar.ics 304 (req/s)": conditional,
        "ratio feed / trivial": feed / trivial,
        "ratio 304 / trivial": conditional / trivial,
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as export_dir:
        app = make_app(export_dir)
        rebuild_database(app)
        figures = in_process(app)
        figures.update(under_gunicorn(export_dir))
    print(f"/calendar.ics with {EVENTS} events on PostgreSQL")
    for name, value in figures.items():
        print(f"  {name:40s} {value:10.3f}" if isinstance(value, float) else f"  {name:40s} {value:10d}")


if __name__ == "__main__":
    main()
