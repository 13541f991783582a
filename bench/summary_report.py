"""Benchmark of the summary report PDF at GRCP 9 size (the demo: 11 sections, 2 written and 6 built-in annexes,
67 participants, 2 approved rapporteur reports). Prints figures; asserts nothing.

    .venv/bin/python bench/summary_report.py

On a throw-away SQLite database with the demo data. Figures (medians of RUNS):
- the build itself (`run_build`: gather the document, render the HTML, lay it out, store it), WeasyPrint alone
  laying out the very same final HTML, and their ratio;
- through the app as a reader gets it: GET /meetings/grcp-9/report.pdf with the store emptied, then a look every
  WAITING_PAGE_REFRESH (the waiting page's own pace) until the PDF is served, so it is rounded up to that pace;
- the requests around it: the first one (which gathers the document to find its key and starts the build), a look
  while the build runs (which reuses the remembered key), and a repeat once the file is kept.
"""

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402

from coordinator import create_app  # noqa: E402
from coordinator.cli import seed_demo_data  # noqa: E402
from coordinator.config import TestConfig  # noqa: E402
from coordinator.exporting.jobs import WAITING_PAGE_REFRESH, run_build  # noqa: E402
from coordinator.exporting.pdf import html_to_pdf  # noqa: E402
from coordinator.extensions import db  # noqa: E402
from coordinator.reports.document import build_document  # noqa: E402
from coordinator.reports.models import SummaryReport  # noqa: E402
from coordinator.reports.pdf import build_request, summary_html  # noqa: E402

RUNS = 3
URL = "/meetings/grcp-9/report.pdf"


def make_app(workdir: Path):
    config = TestConfig()
    config.SQLALCHEMY_DATABASE_URI = f"sqlite:///{workdir / 'bench.sqlite'}"
    config.EXPORT_DIR = workdir / "exports"
    return create_app(config)


def timed(call) -> tuple[float, object]:
    start = time.perf_counter()
    result = call()
    return time.perf_counter() - start, result


def through_the_app(client) -> dict[str, float]:
    """A reader's cold request, one look right after it, then looks at the waiting page's pace until served."""
    start = time.perf_counter()
    first, response = timed(lambda: client.get(URL))
    assert response.status_code == 202, response.status_code
    look, response = timed(lambda: client.get(URL))
    while response.status_code == 202:
        time.sleep(WAITING_PAGE_REFRESH)
        response = client.get(URL)
    assert response.status_code == 200, response.status_code
    served = time.perf_counter() - start
    cached, response = timed(lambda: client.get(URL))
    assert response.status_code == 200, response.status_code
    return {"first": first, "look": look, "served": served, "cached": cached, "size": len(response.data)}


def the_build_alone(app) -> tuple[float, float, int]:
    """(run_build, WeasyPrint alone on the same HTML, pages' bytes) in one app context."""
    with app.test_request_context():
        summary = db.session.scalar(db.select(SummaryReport))
        build = build_request(summary)
        shutil.rmtree(app.config["EXPORT_DIR"], ignore_errors=True)
        built, _ = timed(lambda: run_build(build))
        html = summary_html(build_document(summary))
        alone, pdf = timed(lambda: html_to_pdf(html))
    return built, alone, len(pdf)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        app = make_app(Path(tmp))
        with app.app_context():
            upgrade()
            seed_demo_data()
            db.session.commit()
        client = app.test_client()
        builds, alones, requests = [], [], []
        for _ in range(RUNS):
            built, alone, size = the_build_alone(app)
            builds.append(built)
            alones.append(alone)
            shutil.rmtree(app.config["EXPORT_DIR"], ignore_errors=True)
            requests.append(through_the_app(client))

        def median(name):
            return statistics.median(run[name] for run in requests)

        build, alone = statistics.median(builds), statistics.median(alones)
        print(f"summary report PDF, GRCP 9 size ({size / 1024:.0f} KiB, {RUNS} runs, medians)")
        print(f"  the build (run_build)            : {build * 1000:8.0f} ms")
        print(f"  WeasyPrint alone, same HTML      : {alone * 1000:8.0f} ms")
        print(f"  ratio build / WeasyPrint         : {build / alone:8.2f}")
        print(
            f"  through the app, looks every {WAITING_PAGE_REFRESH} s : {median('served') * 1000:8.0f} ms until served"
        )
        print(f"  first request (key, start build) : {median('first') * 1000:8.1f} ms")
        print(f"  a look while it builds           : {median('look') * 1000:8.1f} ms")
        print(f"  cached repeat request            : {median('cached') * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
