"""Demo data: every meeting of the ISCM 2021 and 2023 Highlights, as light calendar entries.

Idempotent: each entry has a stable slug from year, ISCMs, title and date, so a second run finds it.
The highlights' GRCP 9 is the meeting the meetings seed creates (slug `grcp-9`); GRCP 10 gets `grcp-10`.
Dates are recorded as the document gives them: a month, a count, or nothing, never an invented day.
"""

from collections import Counter
from datetime import date

import sqlalchemy as sa

from coordinator.calendars.highlights import HIGHLIGHT_FILES, load_highlights
from coordinator.extensions import db
from coordinator.iscms.models import Iscm, Theme
from coordinator.meetings.models import Meeting
from coordinator.meetings.operations import create_meeting, entry_slug

#: Highlights entries that are meetings planned in full elsewhere, by a marker in their title.
KNOWN_SLUGS = {"(GRCP 9)": "grcp-9", "(GRCP 10)": "grcp-10"}


class SeedError(ValueError):
    """The data names an ISCM or theme the registry does not have."""


def _month(value) -> date | None:
    if not value:
        return None
    year, month = (int(part) for part in str(value).split("-")[:2])
    return date(year, month, 1)


def _check_known(slugs: list[str], model, what: str) -> list[str]:
    known = set(db.session.scalars(sa.select(model.slug).where(model.slug.in_(slugs))))
    missing = sorted(set(slugs) - known)
    if missing:
        raise SeedError(f"Unknown {what} in the highlights: {', '.join(missing)}")
    return slugs


def entry_values(item: dict, document: dict) -> dict:
    """The Meeting fields of one highlights entry, exactly as the document gives them."""
    iscm_slugs = _check_known(item.get("iscms") or [], Iscm, "ISCM")
    first = (
        db.session.scalar(sa.select(Iscm.home_timezone).where(Iscm.slug == iscm_slugs[0]))
        if iscm_slugs
        else None
    )
    return {
        "title": item["title"],
        "kind": item.get("kind"),
        "level": item.get("level"),
        "format": item.get("format"),
        "all_day": True,
        "start_date": item.get("start"),
        "end_date": item.get("end") or item.get("start"),
        "month": _month(item.get("month")),
        "dates_text": item.get("dates_text"),
        "count": item.get("count") or 1,
        "year": document["year"],
        "place": item.get("place"),
        "organiser": item.get("organiser"),
        "iscms": iscm_slugs,
        "themes": _check_known(item.get("themes") or [], Theme, "theme"),
        "initiatives": item.get("initiatives") or [],
        "outcome_documents": item.get("outcome_documents") or [],
        "description": item.get("description") or "",
        "timezone": first or "UTC",
        "status": "published",
        "visibility": "public",
        "source": document["source"],
    }


def highlight_slugs(document: dict) -> list[str]:
    """The stable slug of every entry, in order; repeated identical entries get -2, -3..."""
    seen: Counter = Counter()
    slugs = []
    for item in document["meetings"]:
        known = next((slug for marker, slug in KNOWN_SLUGS.items() if marker in item["title"]), None)
        base = known or entry_slug(
            document["year"],
            item.get("iscms") or [],
            item["title"],
            item.get("start") or _month(item.get("month")),
        )
        seen[base] += 1
        slugs.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return slugs


def _complete_existing(meeting: Meeting, values: dict) -> None:
    """The full meeting (GRCP 9) keeps its own data; the highlights only fill what it leaves empty."""
    for name in ("kind", "level", "year", "source"):
        if getattr(meeting, name) is None:
            setattr(meeting, name, values[name])
    for name in ("initiatives", "outcome_documents"):
        if not getattr(meeting, name):
            setattr(meeting, name, values[name])
    if not meeting.themes and values["themes"]:
        meeting.themes = list(db.session.scalars(sa.select(Theme).where(Theme.slug.in_(values["themes"]))))


def seed_highlights() -> int:
    """Create the entries that do not exist yet; returns how many were created."""
    created = 0
    for name in HIGHLIGHT_FILES:
        document = load_highlights(name)
        for item, slug in zip(document["meetings"], highlight_slugs(document), strict=True):
            values = entry_values(item, document)
            existing = db.session.scalar(sa.select(Meeting).where(Meeting.slug == slug))
            if existing is not None:
                _complete_existing(existing, values)
                continue
            create_meeting(values, slug=slug)
            created += 1
    db.session.flush()
    return created
