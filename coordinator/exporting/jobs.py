"""Long exports built off the request: on RQ when REDIS_URL is set, on a worker thread in the app otherwise.

A build is named by (kind, key). Whoever asks first claims it in the export store (a lock file every
process sharing EXPORT_DIR sees), so two people asking for the same list at once, on any web worker,
start one build; the others follow the same claim. The builder is given by its import path
("package.module:function") and called with keyword arguments inside an app context; it returns the
file's bytes, which land in the ExportStore. The claim records the stage the build is at.
"""

import dataclasses
import importlib
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from flask import Flask, current_app, render_template

from coordinator.exporting.store import ExportStore

QUEUED, RUNNING, DONE, FAILED, MISSING = "queued", "running", "done", "failed", "missing"
#: Stages of a build: claimed while its input is prepared in the request, waiting for a worker,
#: built by the builder (a PDF is laid out), saved.
PREPARING, WAITING, BUILDING, SAVING = "preparing", "waiting", "building", "saving"
#: Longest an RQ worker may spend on one build.
JOB_TIMEOUT = 1800


@dataclass(frozen=True)
class BuildRequest:
    kind: str
    key: str
    extension: str
    builder: str
    arguments: dict

    @property
    def job_id(self) -> str:
        return f"export-{self.kind}-{self.key}"


@dataclass(frozen=True)
class BuildStatus:
    state: str
    started_at: float | None = None
    message: str = ""
    stage: str = ""

    @property
    def elapsed(self) -> float:
        return time.time() - self.started_at if self.started_at else 0.0


def _call_builder(request: BuildRequest) -> bytes:
    module_name, function_name = request.builder.split(":")
    builder = getattr(importlib.import_module(module_name), function_name)
    return builder(**request.arguments)


def run_build(request: BuildRequest) -> None:
    """Build and store one export, then release its claim; runs inside an app context.

    A failure is logged, kept as the build's message for the people waiting, and raised again (so an
    RQ job is marked failed).
    """
    store = ExportStore.current()
    where = (request.kind, request.key, request.extension)
    try:
        if store.get(*where) is None:
            store.set_stage(*where, BUILDING)
            data = _call_builder(request)
            store.set_stage(*where, SAVING)
            store.put(*where, data)
    except Exception as error:
        current_app.logger.exception("Export %s failed", request.job_id)
        store.release(*where, failure=str(error) or type(error).__name__)
        raise
    store.release(*where)


def run_build_in_new_app(request: BuildRequest) -> None:
    """The RQ job: a worker process has no app, so it makes one."""
    from coordinator import create_app

    with create_app().app_context():
        run_build(request)


class ThreadRunner:
    """Worker threads in the app process; enough for a secretariat's few long exports at a time."""

    def __init__(self, app: Flask, workers: int = 2):
        self.app = app
        self.executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="export")

    def _run(self, request: BuildRequest) -> None:
        with self.app.app_context():
            run_build(request)

    def submit(self, request: BuildRequest) -> None:
        self.executor.submit(self._run, request)


class RqRunner:
    """Jobs on an RQ queue; the claim in the export store makes sure each build is enqueued once."""

    def __init__(self, redis_url: str, queue_name: str = "exports"):
        from redis import Redis
        from rq import Queue

        self.queue = Queue(queue_name, connection=Redis.from_url(redis_url))

    def submit(self, request: BuildRequest) -> None:
        self.queue.enqueue(
            run_build_in_new_app, request, job_id=request.job_id, job_timeout=JOB_TIMEOUT, result_ttl=60
        )


def runner():
    """The app's runner, made on first use."""
    app = current_app._get_current_object()
    if "export_runner" not in app.extensions:
        redis_url = app.config.get("REDIS_URL")
        app.extensions["export_runner"] = RqRunner(redis_url) if redis_url else ThreadRunner(app)
    return app.extensions["export_runner"]


def request_build(request: BuildRequest, arguments: Callable[[], dict] | None = None) -> BuildStatus:
    """DONE at once when the file exists; otherwise the state of the one build making it, started here
    when nobody has claimed it. `arguments`, when given, makes the builder's arguments: it runs only
    for the caller who starts the build, so a heavy input (the HTML of a long list) is made once."""
    store = ExportStore.current()
    where = (request.kind, request.key, request.extension)
    if store.get(*where):
        return BuildStatus(DONE)
    if store.claim(*where, PREPARING):
        try:
            if arguments is not None:
                request = dataclasses.replace(request, arguments=arguments())
            store.set_stage(*where, WAITING)
            runner().submit(request)
        except Exception as error:  # noqa: BLE001 - the people waiting see the build failed, and why
            current_app.logger.exception("Export %s could not be started", request.job_id)
            store.release(*where, failure=str(error) or type(error).__name__)
    return build_status(request)


def stored_or_requested(
    request: BuildRequest,
    build_here: Callable[[], bytes] | None = None,
    arguments: Callable[[], dict] | None = None,
):
    """(the file, DONE) when it is stored, or built here by `build_here` when the caller finds it cheap enough to
    make while the reader waits; otherwise (None, the state of the one build off the request)."""
    store = ExportStore.current()
    where = (request.kind, request.key, request.extension)
    path = store.get(*where)
    if path is None and build_here is not None:
        path = store.put(*where, build_here())
    if path is not None:
        return path, BuildStatus(DONE)
    status = request_build(request, arguments)
    return (store.get(*where) if status.state == DONE else None), status


#: How often a waiting page looks again, in seconds.
WAITING_PAGE_REFRESH = 2


def waiting_page(title: str, status: BuildStatus, url: str):
    """The page (and status) a reader waits on for a PDF built off the request; `url` asks for it again."""
    page = render_template(
        "exporting/building.html", title=title, status=status, url=url, refresh=WAITING_PAGE_REFRESH
    )
    return page, 500 if status.state == FAILED else 202


def build_status(request: BuildRequest) -> BuildStatus:
    store = ExportStore.current()
    where = (request.kind, request.key, request.extension)
    if store.get(*where):
        return BuildStatus(DONE)
    claim = store.claimed(*where)
    if claim is not None:
        state = RUNNING if claim.get("stage") in (BUILDING, SAVING) else QUEUED
        return BuildStatus(state, claim.get("since"), stage=claim.get("stage", ""))
    failure = store.failure(*where)
    return BuildStatus(FAILED, message=failure) if failure is not None else BuildStatus(MISSING)
