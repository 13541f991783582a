"""Benchmark of the time zone planner: 30 ISCMs, best split into 3 staggered sessions. Prints figures; asserts nothing.

    .venv/bin/python bench/planner.py

The 30 ISCMs of the registry data that have a home zone, on 10 November 2021 and on 31 October 2021
(the day Europe's clocks go back: 25 hours of candidates), 90-minute sessions, 15-minute steps; then
the 2 and 3-session splits spread over the date and the next day (10-11 November, and 30-31 October
across the clock change).
"""

import statistics
import sys
import time
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coordinator.iscms.seed import DATA_DIR  # noqa: E402
from coordinator.meetings.planner import Participant, best_split  # noqa: E402

RUNS = 5


def participants(count: int = 30) -> list[Participant]:
    rows = [row for row in yaml.safe_load((DATA_DIR / "iscms.yaml").read_text()) if row.get("home_timezone")]
    return [Participant(row["slug"], row["acronym"], row["home_timezone"]) for row in rows[:count]]


def median_seconds(action) -> float:
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def measure(people: list[Participant], day: date, sessions: int, days: int) -> None:
    proposal = best_split(people, day, "Europe/Zurich", 90, sessions, days=days)
    seconds = median_seconds(lambda: best_split(people, day, "Europe/Zurich", 90, sessions, days=days))
    span = f"{day} and the next day" if days == 2 else f"{day}"
    print(
        f"{len(people)} ISCMs, {span}, {sessions} session(s): {seconds * 1000:8.1f} ms "
        f"(median of {RUNS}); working {proposal.working}, stretch {proposal.stretch}, night {proposal.night}"
    )


def main() -> None:
    people = participants()
    for day in (date(2021, 11, 10), date(2021, 10, 31)):
        for sessions in (1, 2, 3):
            measure(people, day, sessions, days=1)
    for day in (date(2021, 11, 10), date(2021, 10, 30)):
        for sessions in (2, 3):
            measure(people, day, sessions, days=2)


if __name__ == "__main__":
    main()
