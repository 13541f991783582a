"""Changing the calendar: light entries (create, update, cancel), follows, feed tokens, imports.

Operations flush; the view commits. SEQUENCE rises on every change of time, title or place, so calendar
clients replace their copy; the UID never changes.
"""

import re
import secrets
import unicodedata
from datetime import date

import sqlalchemy as sa

from coordinator.audit.operations import diff, record
from coordinator.calendars.models import Follow, mark_calendar_changed
from coordinator.core.concurrency import check_version
from coordinator.db import utcnow
from coordinator.extensions import db
from coordinator.iscms.models import Iscm, Theme
from coordinator.meetings.models import Meeting, MeetingRole

#: Fields whose change makes calendar clients update the event (RFC 5545 SEQUENCE).
SCHEDULE_FIELDS = ("title", "all_day", "start_date", "end_date", "starts_at", "ends_at", "timezone", "place", "venue")
ENTRY_FIELDS = SCHEDULE_FIELDS + (
    "kind", "level", "format", "month", "dates_text", "count", "year", "description", "initiatives",
    "outcome_documents", "visibility", "status", "organiser", "source", "link", "website",
)


def slugify(text: str, max_length: int = 120) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:max_length].strip("-") or "entry"


def entry_slug(year: int | None, iscm_slugs: list[str], title: str, day: date | None) -> str:
    """Stable slug from year, ISCMs, title and date, so re-seeding or re-importing finds the same entry."""
    parts = [str(year or ""), "-".join(iscm_slugs[:2]), title, day.isoformat() if day else ""]
    return slugify(" ".join(part for part in parts if part))


def unique_slug(base: str) -> str:
    taken = set(db.session.scalars(sa.select(Meeting.slug).where(Meeting.slug.like(f"{base}%"))))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def snapshot(meeting: Meeting) -> dict:
    values = {name: getattr(meeting, name) for name in ENTRY_FIELDS}
    values["iscms"] = [iscm.slug for iscm in meeting.iscms]
    values["themes"] = [theme.slug for theme in meeting.themes]
    return values


def _derived_year(values: dict) -> int | None:
    for key in ("start_date", "month"):
        if values.get(key):
            return values[key].year
    return values.get("year")


def _assign(meeting: Meeting, values: dict) -> None:
    for name in ENTRY_FIELDS:
        if name in values:
            setattr(meeting, name, values[name])
    meeting.year = _derived_year({**snapshot(meeting), **values})
    if "iscms" in values:
        meeting.iscms = list(db.session.scalars(sa.select(Iscm).where(Iscm.slug.in_(values["iscms"]))))
    if "themes" in values:
        meeting.themes = list(db.session.scalars(sa.select(Theme).where(Theme.slug.in_(values["themes"]))))


def create_entry(values: dict, user=None, slug: str | None = None) -> Meeting:
    """A light calendar entry; its creator becomes its organizer (so they may edit or cancel it)."""
    year = _derived_year(values)
    meeting = Meeting(
        slug=slug or unique_slug(entry_slug(year, values.get("iscms", []), values["title"], values.get("start_date"))),
        created_by_id=getattr(user, "id", None),
        **({"uid": values["uid"]} if values.get("uid") else {}),
    )
    _assign(meeting, values)
    db.session.add(meeting)
    if user is not None:
        meeting.roles.append(MeetingRole(user_id=user.id, role="organizer"))
    db.session.flush()
    record("create", meeting, f"Calendar entry {meeting.title}", diff({}, snapshot(meeting)))
    return meeting


def update_entry(meeting: Meeting, values: dict, expected_version=None) -> dict:
    """Apply a form's values; raise EditConflict for a stale form. Returns the changes (empty: nothing to do)."""
    if expected_version is not None:
        check_version(meeting, expected_version)
    before = snapshot(meeting)
    _assign(meeting, values)
    changes = diff(before, snapshot(meeting))
    if not changes:
        return {}
    if any(name in changes for name in SCHEDULE_FIELDS):
        meeting.sequence += 1
    meeting.updated_at = utcnow()
    db.session.flush()
    record("update", meeting, f"Calendar entry {meeting.title}", changes)
    return changes


def cancel_entry(meeting: Meeting) -> None:
    """Deletion is soft: the entry stays, shown as cancelled and sent to feeds as STATUS:CANCELLED."""
    if meeting.is_cancelled:
        return
    meeting.status = "cancelled"
    meeting.sequence += 1
    meeting.updated_at = utcnow()
    db.session.flush()
    record("cancel", meeting, f"Calendar entry {meeting.title} cancelled", {"status": ["published", "cancelled"]})


# --- Follows and feed tokens ----------------------------------------------------------------------


def _follow_of(user, iscm: Iscm | None, theme: Theme | None) -> Follow | None:
    return db.session.scalar(sa.select(Follow).where(
        Follow.user_id == user.id,
        Follow.iscm_id == iscm.id if iscm else Follow.theme_id == theme.id,
    ))


def set_follow(user, following: bool, iscm: Iscm | None = None, theme: Theme | None = None) -> None:
    """Follow or stop following an ISCM or a theme; doing it twice changes nothing."""
    existing = _follow_of(user, iscm, theme)
    if following and existing is None:
        db.session.add(Follow(user_id=user.id, iscm_id=iscm.id if iscm else None, theme_id=theme.id if theme else None))
    elif not following and existing is not None:
        db.session.delete(existing)
        mark_calendar_changed(db.session.connection())
    db.session.flush()


def is_following(user, iscm: Iscm | None = None, theme: Theme | None = None) -> bool:
    return user.is_authenticated and _follow_of(user, iscm, theme) is not None


def feed_token(user) -> str:
    """The user's personal feed token, created on first use."""
    if not user.feed_token:
        regenerate_feed_token(user)
    return user.feed_token


def regenerate_feed_token(user) -> str:
    """A new secret URL for the personal feed; the old one answers 404 from now on."""
    user.feed_token = secrets.token_urlsafe(32)
    db.session.flush()
    record("regenerate_feed_token", user, "Personal calendar feed address renewed")
    return user.feed_token


# --- Imports -------------------------------------------------------------------------------------


def import_rows(rows: list[dict], iscm_slug: str, source: str, user=None) -> tuple[int, int]:
    """Create new entries and update those imported before (same UID); returns (created, updated)."""
    created = updated = 0
    for row in rows:
        values = {key: value for key, value in row.items() if key != "line"}
        existing = db.session.scalar(sa.select(Meeting).where(Meeting.uid == row["uid"])) if row.get("uid") else None
        if existing is not None:
            values.pop("uid", None)
            if update_entry(existing, values):
                updated += 1
            continue
        values.update(iscms=[iscm_slug], source=source, visibility="public")
        values.setdefault("status", "published")
        create_entry(values, user)
        created += 1
    return created, updated
