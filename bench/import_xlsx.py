"""Benchmark of importing a 5,000-row .xlsx participant list. Prints figures; asserts nothing.

    .venv/bin/python bench/import_xlsx.py

On a throw-away SQLite database: reading the workbook, validating every row, and writing it (people,
participations and the import's one audit entry) in one transaction; then the same file again (every person updated).
"""

import io
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from coordinator import create_app  # noqa: E402
from coordinator.config import TestConfig  # noqa: E402
from coordinator.extensions import db  # noqa: E402
from coordinator.iscms.seed import seed_registry  # noqa: E402
from coordinator.meetings.models import Meeting  # noqa: E402
from coordinator.participants import importing  # noqa: E402

ROWS = 5_000
ISCMS = ("Bali Process", "Prague Process", "Almaty Process", "RCM", "Colombo Process")
CAPACITIES = ("Chair", "Co-Chair", "Secretariat", "member State delegate")


def workbook_bytes() -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Participants")
    sheet.append(
        ["Title", "First name", "Last name", "E-mail", "Organization", "Position", "ISCM", "Capacity"]
    )
    for n in range(ROWS):
        sheet.append(
            [
                "Ms",
                "Rocío",
                f"González {n}",
                f"person{n}@example.org",
                "Ministry of the Interior",
                "Head of the Migration Policy Unit",
                ISCMS[n % len(ISCMS)],
                CAPACITIES[n % len(CAPACITIES)],
            ]
        )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def timed_import(app, data: bytes) -> tuple[float, float, float]:
    with app.test_request_context():
        meeting = db.session.scalar(db.select(Meeting).where(Meeting.slug == "big"))
        started = time.perf_counter()
        table = importing.read_table("list.xlsx", data)
        read = time.perf_counter() - started
        records, errors = importing.validate(
            table, importing.guess_mapping(table.headers), importing.Vocabulary.for_meeting(meeting)
        )
        assert not errors, errors[:3]
        validated = time.perf_counter() - started
        importing.apply_import(meeting, records)
        db.session.commit()
        return read, validated - read, time.perf_counter() - started


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        config = TestConfig()
        config.SQLALCHEMY_DATABASE_URI = f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
        config.EXPORT_DIR = Path(tmp) / "exports"
        app = create_app(config)
        with app.app_context():
            upgrade()
            seed_registry()
            db.session.add(
                Meeting(
                    slug="big",
                    title="Big",
                    visibility="public",
                    status="published",
                    start_date=date(2025, 3, 3),
                )
            )
            db.session.commit()
        data = workbook_bytes()
        print(f"rows: {ROWS}, file: {len(data) / 1024:.0f} KB")
        for label in ("first import (all new)", "second import (all updates)"):
            read, validate, total = timed_import(app, data)
            write = total - read - validate
            print(
                f"{label}: read {read:.1f} s, validate {validate:.1f} s, write {write:.1f} s, total {total:.1f} s"
            )


if __name__ == "__main__":
    main()
