"""The yearly ISCM Highlights as data: the documents, and what they say about the ISCMs and themes of a filter.

The documents list, per thematic area, the ISCMs that addressed it over the year; those are facts about
ISCMs, not about single meetings, so the calendar shows them beside a filter instead of tagging meetings.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from coordinator.calendars.filters import CalendarFilter

DATA_DIR = Path(__file__).parent / "data"
HIGHLIGHT_FILES = ("highlights_2021.yaml", "highlights_2023.yaml")


@cache
def load_highlights(name: str) -> dict:
    """One document as transcribed (read once per process: callers must not change it)."""
    return yaml.safe_load((DATA_DIR / name).read_text(encoding="utf-8"))


def document_for(year: int) -> dict | None:
    return next(
        (document for document in map(load_highlights, HIGHLIGHT_FILES) if document["year"] == year), None
    )


@dataclass(frozen=True)
class Mention:
    """The year's Highlights list these ISCMs among those that addressed a thematic area."""

    year: int
    area: str
    theme: str
    iscms: tuple[str, ...]


def mentions(flt: CalendarFilter) -> list[Mention]:
    """For a filter that combines ISCMs and themes: where the Highlights name those ISCMs under those themes."""
    if not flt.iscms or not flt.themes:
        return []
    found = []
    for document in map(load_highlights, HIGHLIGHT_FILES):
        for area in document.get("thematic_areas") or []:
            if area.get("theme") not in flt.themes:
                continue
            listed = (
                flt.iscms
                if area.get("all_iscms")
                else [slug for slug in flt.iscms if slug in (area.get("iscms") or [])]
            )
            if listed:
                found.append(Mention(document["year"], area["name"], area["theme"], tuple(listed)))
    return found
