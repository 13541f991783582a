"""Long exports built off the request: on RQ when REDIS_URL is set, on a worker thread in the app otherwise.

A build is named by (kind, key): asking again for a build that is queued or running joins it, so two
people asking for the same list at once start one build. The builder is given by its import path
("package.module:function") and called with keyword arguments inside an app context; it returns
the file's bytes, which land in the ExportStore.
"""

import importlib
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from flask import Flask, current_app

from coordinator.exporting.store import ExportStore

QUEUED, RUNNING, DONE, FAILED, MISSING = "queued", "running", "done", "failed", "missing"


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

    @property
    def elapsed(self) -> float:
        return time.time() - self.started_at if self.started_at else 0.0


def _call_builder(request: BuildRequest) -> bytes:
    module_name, function_name = request.builder.split(":")
    builder = getattr(importlib.import_module(module_name), function_name)
    return builder(**request.arguments)


def run_build(request: BuildRequest) -> None:
    """Build and store one export; runs inside an app context."""
    store = ExportStore.current()
    if store.get(request.kind, request.key, request.extension) is None:
        store.put(request.kind, request.key, request.extension, _call_builder(request))


def run_build_in_new_app(request: BuildRequest) -> None:
    """The RQ job: a worker process has no app, so it makes one."""
    from coordinator import create_app

    with create_app().app_context():
        run_build(request)


class ThreadRunner:
    """One in-process worker per app; enough for a secretariat's few long exports at a time."""

    def __init__(self, app: Flask, workers: int = 2):
        self.app = app
        self.executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="export")
        self.lock = threading.Lock()
        self.states: dict[str, BuildStatus] = {}

    def _run(self, request: BuildRequest) -> None:
        with self.lock:
            self.states[request.job_id] = BuildStatus(RUNNING, time.time())
        try:
            with self.app.app_context():
                run_build(request)
        except Exception as error:  # noqa: BLE001 - the failure is shown to the person waiting
            self.app.logger.exception("Export %s failed", request.job_id)
            with self.lock:
                self.states[request.job_id] = BuildStatus(FAILED, message=str(error))
            return
        with self.lock:
            self.states.pop(request.job_id, None)

    def submit(self, request: BuildRequest) -> BuildStatus:
        with self.lock:
            status = self.states.get(request.job_id)
            if status and status.state in (QUEUED, RUNNING):
                return status
            status = BuildStatus(QUEUED, time.time())
            self.states[request.job_id] = status
        self.executor.submit(self._run, request)
        return status

    def status(self, request: BuildRequest) -> BuildStatus:
        with self.lock:
            return self.states.get(request.job_id, BuildStatus(MISSING))


class RqRunner:
    def __init__(self, redis_url: str):
        from redis import Redis
        from rq import Queue

        self.queue = Queue("exports", connection=Redis.from_url(redis_url))

    def _job(self, request: BuildRequest):
        from rq.exceptions import NoSuchJobError
        from rq.job import Job

        try:
            return Job.fetch(request.job_id, connection=self.queue.connection)
        except NoSuchJobError:
            return None

    def status(self, request: BuildRequest) -> BuildStatus:
        job = self._job(request)
        if job is None:
            return BuildStatus(MISSING)
        state = job.get_status()
        started = job.started_at.timestamp() if job.started_at else None
        if state in ("queued", "deferred", "scheduled"):
            return BuildStatus(QUEUED, started)
        if state == "started":
            return BuildStatus(RUNNING, started)
        if state == "failed":
            return BuildStatus(FAILED, started, message="The build failed; see the worker's log.")
        return BuildStatus(DONE, started)

    def submit(self, request: BuildRequest) -> BuildStatus:
        status = self.status(request)
        if status.state in (QUEUED, RUNNING):
            return status
        self.queue.enqueue(run_build_in_new_app, request, job_id=request.job_id, job_timeout=1800, result_ttl=60)
        return BuildStatus(QUEUED, time.time())


def runner():
    """The app's runner, made on first use."""
    app = current_app._get_current_object()
    if "export_runner" not in app.extensions:
        redis_url = app.config.get("REDIS_URL")
        app.extensions["export_runner"] = RqRunner(redis_url) if redis_url else ThreadRunner(app)
    return app.extensions["export_runner"]


def request_build(request: BuildRequest) -> BuildStatus:
    """DONE at once when the file exists; otherwise the state of the (one) build making it."""
    if ExportStore.current().get(request.kind, request.key, request.extension):
        return BuildStatus(DONE)
    return runner().submit(request)


def build_status(request: BuildRequest) -> BuildStatus:
    if ExportStore.current().get(request.kind, request.key, request.extension):
        return BuildStatus(DONE)
    return runner().status(request)
