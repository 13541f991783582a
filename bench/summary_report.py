"""Benchmark of the summary report PDF at GRCP 9 size (the demo: 9 sections, 2 written and 6 built-in annexes,
67 participants, 2 approved rapporteur reports). Prints figures; asserts nothing.

    .venv/bin/python bench/summary_report.py

On a throw-away SQLite database with the demo data. Figures (medians of RUNS): a cold build through the app
(GET /meetings/grcp-9/report.pdf with the export store emptied, until the PDF is served), WeasyPrint alone
laying out the very same final HTML, their ratio, and a cached repeat request.
"""

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import shutil  # noqa: E402

from flask_migrate import upgrade  # noqa: E402

from coordinator import create_app  # noqa: E402
from coordinator.cli import seed_demo_data  # noqa: E402
from coordinator.config import TestConfig  # noqa: E402
from coordinator.exporting.pdf import html_to_pdf  # noqa: E402
from coordinator.extensions import db  # noqa: E402
from coordinator.reports.document import build_document  # noqa: E402
from coordinator.reports.models import SummaryReport  # noqa: E402
from coordinator.reports.pdf import summary_html  # noqa: E402

RUNS = 5
URL = "/meetings/grcp-9/report.pdf"


def make_app(workdir: Path):
    config = TestConfig()
    config.SQLALCHEMY_DATABASE_URI = f"sqlite:///{workdir / 'bench.sqlite'}"
    config.EXPORT_DIR = workdir / "exports"
    return create_app(config)


def fetch(client) -> tuple[float, int]:
    """Seconds until the PDF is served (polling the build like the waiting page does), and its size."""
    start = time.perf_counter()
    response = client.get(URL)
    while response.status_code == 202:
        time.sleep(0.02)
        response = client.get(URL)
    assert response.status_code == 200, response.status_code
    return time.perf_counter() - start, len(response.data)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        app = make_app(workdir)
        with app.app_context():
            upgrade()
            seed_demo_data()
            db.session.commit()
        client = app.test_client()
        cold, alone, cached = [], [], []
        for _ in range(RUNS):
            shutil.rmtree(app.config["EXPORT_DIR"], ignore_errors=True)
            seconds, size = fetch(client)
            cold.append(seconds)
            cached.append(fetch(client)[0])
            with app.test_request_context():
                html = summary_html(build_document(db.session.scalar(db.select(SummaryReport))))
                start = time.perf_counter()
                pages = html_to_pdf(html)
                alone.append(time.perf_counter() - start)
        cold_median, alone_median = statistics.median(cold), statistics.median(alone)
        print(f"summary report PDF, GRCP 9 size ({size / 1024:.0f} KiB, {RUNS} runs, medians)")
        print(f"  cold build through the app : {cold_median * 1000:8.0f} ms")
        print(f"  WeasyPrint alone, same HTML: {alone_median * 1000:8.0f} ms  ({len(pages) / 1024:.0f} KiB)")
        print(f"  ratio cold / WeasyPrint    : {cold_median / alone_median:8.2f}")
        print(f"  cached repeat request      : {statistics.median(cached) * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
