"""The shared export plumbing: PDF rendering, the content-keyed store, and builds off the request."""

import os
import threading
import time
import uuid
from io import BytesIO

import pytest
from pypdf import PdfReader

from coordinator import create_app
from coordinator.exporting.jobs import (
    BUILDING,
    DONE,
    FAILED,
    MISSING,
    PREPARING,
    QUEUED,
    RUNNING,
    WAITING,
    BuildRequest,
    BuildStatus,
    RqRunner,
    ThreadRunner,
    build_status,
    request_build,
    run_build,
)
from coordinator.exporting.pdf import LocalOnlyFetcher, html_to_pdf
from coordinator.exporting.store import CLAIM_LIFETIME, ExportStore, content_key
from tests.conftest import age_file, make_config

#: CI names its Redis (and then a Redis that does not answer fails the test); elsewhere the local one, if any.
REDIS_URL = os.environ.get("TEST_REDIS_URL") or "redis://127.0.0.1:6379/0"

calls = []
release = threading.Event()


def counting_builder(text: str) -> bytes:
    """A slow build that counts how often it ran."""
    calls.append(text)
    release.wait(timeout=10)
    return text.encode()


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


def test_content_key_is_stable_and_sensitive_to_any_change():
    assert content_key("participants", [1, 2], {"email": False}) == content_key(
        "participants", [1, 2], {"email": False}
    )
    assert content_key("participants", [1, 2]) != content_key("participants", [2, 1])


def test_store_builds_once_then_serves_from_disk(tmp_path):
    store = ExportStore(tmp_path)
    built = []
    first = store.get_or_build("lists", "abc", "pdf", lambda: built.append(1) or b"%PDF-1")
    second = store.get_or_build("lists", "abc", "pdf", lambda: built.append(1) or b"%PDF-2")
    assert first == second == tmp_path / "lists" / "abc.pdf"
    assert first.read_bytes() == b"%PDF-1"
    assert built == [1]
    assert [p.name for p in (tmp_path / "lists").iterdir()] == ["abc.pdf"]


def test_names_in_every_script_survive_into_the_pdf():
    names = ["Rüya Gümürkçü", "Tomáš Urubek", "Rocío González", "Ольга Петрова", "لبنى عزام"]
    html = "<html><body>" + "".join(f"<p dir='auto'>{name}</p>" for name in names) + "</body></html>"
    assert pdf_text(html_to_pdf(html)).splitlines() == names


def test_pdf_rendering_refuses_the_network():
    with pytest.raises(ValueError):
        LocalOnlyFetcher().fetch("http://example.org/logo.png")
    with pytest.raises(ValueError):
        LocalOnlyFetcher().fetch("file:///etc/passwd")


def test_two_requests_for_the_same_export_start_one_build(app):
    calls.clear()
    release.clear()
    request = BuildRequest("lists", "k1", "txt", "tests.test_exporting:counting_builder", {"text": "hello"})
    with app.app_context():
        app.extensions["export_runner"] = ThreadRunner(app)
        first = request_build(request)
        second = request_build(request)
        assert first.state in ("queued", "running")
        assert second.state in ("queued", "running")
        release.set()
        for _ in range(200):
            if build_status(request).state == DONE:
                break
            time.sleep(0.02)
        assert build_status(request).state == DONE
        assert calls == ["hello"]
        assert ExportStore.current().get("lists", "k1", "txt").read_bytes() == b"hello"
        assert request_build(request).state == DONE


def test_an_export_never_asked_for_is_missing(app):
    request = BuildRequest("lists", "never", "txt", "tests.test_exporting:counting_builder", {"text": "x"})
    with app.app_context():
        app.extensions["export_runner"] = ThreadRunner(app)
        assert build_status(request).state == MISSING


def wait_until_done(request, seconds: float = 10) -> BuildStatus:
    for _attempt in range(int(seconds / 0.02)):
        status = build_status(request)
        if status.state not in (QUEUED, RUNNING):
            return status
        time.sleep(0.02)
    return build_status(request)


def test_two_processes_asked_at_the_same_instant_start_one_build(app):
    """Two apps on one EXPORT_DIR stand for two web workers; each has its own runner."""
    calls.clear()
    release.clear()
    other = create_app(make_config(app.config["SQLALCHEMY_DATABASE_URI"], app.config["EXPORT_DIR"]))
    request = BuildRequest("lists", "k2", "txt", "tests.test_exporting:counting_builder", {"text": "once"})
    barrier, states = threading.Barrier(4), []

    def ask(flask_app):
        with flask_app.app_context():
            flask_app.extensions.setdefault("export_runner", ThreadRunner(flask_app))
            barrier.wait()
            states.append(request_build(request).state)

    threads = [threading.Thread(target=ask, args=(flask_app,)) for flask_app in (app, other, app, other)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    release.set()
    with app.app_context():
        assert wait_until_done(request).state == DONE
    assert len(states) == 4 and set(states) <= {QUEUED, RUNNING}
    assert calls == ["once"]


def stage_reporting_builder(seen: list) -> bytes:
    """Notes the stage its own build is at while it runs."""
    seen.append(build_status(STAGED).stage)
    return b"built"


STAGED = BuildRequest("lists", "k3", "txt", "tests.test_exporting:stage_reporting_builder", {})


def test_a_build_records_its_stage_and_releases_its_claim(app):
    seen = []
    with app.app_context():
        app.extensions["export_runner"] = ThreadRunner(app)
        request_build(STAGED, lambda: {"seen": seen})
        assert wait_until_done(STAGED).state == DONE
        assert seen == [BUILDING]
        assert sorted(path.name for path in (app.config["EXPORT_DIR"] / "lists").iterdir()) == ["k3.txt"]


def failing_builder() -> bytes:
    raise RuntimeError("The template is broken")


def test_a_failed_build_says_why_and_the_next_request_starts_it_again(app):
    request = BuildRequest("lists", "k4", "txt", "tests.test_exporting:failing_builder", {})
    with app.app_context():
        app.extensions["export_runner"] = ThreadRunner(app)
        request_build(request)
        status = wait_until_done(request)
        assert (status.state, status.message) == (FAILED, "The template is broken")
        fixed = BuildRequest("lists", "k4", "txt", "tests.test_exporting:counting_builder", {"text": "fixed"})
        release.set()
        assert request_build(fixed).state in (QUEUED, RUNNING, DONE)
        assert wait_until_done(fixed).state == DONE
        assert ExportStore.current().get("lists", "k4", "txt").read_bytes() == b"fixed"


def test_a_claim_left_by_a_dead_process_is_taken_over_by_one_caller(tmp_path):
    store = ExportStore(tmp_path)
    assert store.claim("lists", "k5", "pdf", PREPARING)
    assert not store.claim("lists", "k5", "pdf", PREPARING)
    lock = tmp_path / "lists" / "k5.pdf.lock"
    age_file(lock, CLAIM_LIFETIME + 1)
    assert store.claimed("lists", "k5", "pdf") is None
    assert [store.claim("lists", "k5", "pdf", WAITING) for _ in range(3)] == [True, False, False]
    assert store.claimed("lists", "k5", "pdf")["stage"] == WAITING
    store.release("lists", "k5", "pdf")
    assert sorted(path.name for path in (tmp_path / "lists").iterdir()) == []


def test_callers_that_lose_a_simultaneous_claim_read_the_winners_stage(tmp_path):
    store = ExportStore(tmp_path)
    for attempt in range(30):
        key, barrier, results = f"race{attempt}", threading.Barrier(4), []

        def ask(key=key, barrier=barrier, results=results):
            barrier.wait()
            won = store.claim("lists", key, "pdf", PREPARING)
            results.append((won, store.claimed("lists", key, "pdf")["stage"]))

        threads = [threading.Thread(target=ask) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(results) == [(False, PREPARING)] * 3 + [(True, PREPARING)]
    assert sorted(path.name for path in (tmp_path / "lists").iterdir()) == sorted(
        f"race{n}.pdf.lock" for n in range(30)
    )


def test_old_working_files_are_removed_and_a_kind_can_be_emptied(tmp_path):
    store = ExportStore(tmp_path)
    fresh, stale = store.put("imports", "a", "json", b"{}"), store.put("imports", "b", "json", b"{}")
    store.put("imports", "c", "bin", b"x")
    age_file(stale, 86_400 + 3_600)
    assert store.remove_older("imports", "json", 86_400) == 1
    assert sorted(path.name for path in (tmp_path / "imports").iterdir()) == ["a.json", "c.bin"]
    assert fresh.exists()
    assert store.remove_kind("imports", "json") == 1
    assert store.remove_kind("nothing-here") == 0


def test_keeping_the_latest_removes_older_versions_and_the_least_recently_written_beyond_the_limit(tmp_path):
    store = ExportStore(tmp_path)
    for age, key in enumerate(["feed-a-v2", "feed-a-v1", "feed-b-v1", "feed-c-v1", "feed-d-v1"]):
        age_file(store.put("ical", key, "ics", b"x"), 60 * age)
    store.put("ical", "feed-a-v2", "bin", b"other extension")
    assert store.keep_latest("ical", "ics", "feed-a-v3", "feed-a-", limit=3) == 3
    assert sorted(path.name for path in (tmp_path / "ical").iterdir()) == [
        "feed-a-v2.bin",
        "feed-b-v1.ics",
        "feed-c-v1.ics",
    ]
    store.put("ical", "feed-a-v3", "ics", b"x")
    assert store.keep_latest("ical", "ics", "feed-a-v3", "feed-a-", limit=3) == 0


@pytest.fixture
def redis_queue_name():
    redis = pytest.importorskip("redis")
    connection = redis.Redis.from_url(REDIS_URL)
    try:
        connection.ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("TEST_REDIS_URL"):
            pytest.fail(f"TEST_REDIS_URL={REDIS_URL} does not answer")
        pytest.skip(
            f"no Redis at {REDIS_URL}: the RQ runner is not tested (set TEST_REDIS_URL to require it)"
        )
    name = f"exports-test-{uuid.uuid4().hex}"
    yield name
    from rq import Queue

    Queue(name, connection=connection).delete(delete_jobs=True)


def test_rq_two_simultaneous_requests_enqueue_one_job(app, redis_queue_name):
    request = BuildRequest(
        "lists",
        f"rq{uuid.uuid4().hex}",
        "txt",
        "tests.test_exporting:counting_builder",
        {"text": "queued once"},
    )
    barrier, states = threading.Barrier(2), []
    runner = RqRunner(REDIS_URL, redis_queue_name)

    def ask():
        with app.app_context():
            app.extensions["export_runner"] = runner
            barrier.wait()
            states.append(request_build(request).state)

    threads = [threading.Thread(target=ask) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert states == [QUEUED, QUEUED]
    assert runner.queue.job_ids == [request.job_id]
    job = runner.queue.fetch_job(request.job_id)
    assert job.func_name == "coordinator.exporting.jobs.run_build_in_new_app" and job.args == (request,)
    release.set()
    with app.app_context():
        run_build(job.args[0])  # what the worker does, here against the test app
        assert build_status(request).state == DONE
        assert request_build(request).state == DONE
    assert runner.queue.job_ids == [request.job_id]
