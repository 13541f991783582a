"""Changing the calendar: follows, feed tokens, imports.

Entries are meetings: they are created, edited and cancelled by `coordinator.meetings.operations` (one way
for a one-line webinar and a planned global meeting alike). Operations flush; the view commits.
"""

import secrets

import sqlalchemy as sa

from coordinator.audit.operations import record
from coordinator.calendars.models import Follow
from coordinator.extensions import db
from coordinator.iscms.models import Iscm, Theme
from coordinator.meetings.models import Meeting
from coordinator.meetings.operations import create_meeting, update_meeting

# --- Follows and feed tokens ----------------------------------------------------------------------


def _follow_of(user, iscm: Iscm | None, theme: Theme | None) -> Follow | None:
    return db.session.scalar(
        sa.select(Follow).where(
            Follow.user_id == user.id,
            Follow.iscm_id == iscm.id if iscm else Follow.theme_id == theme.id,
        )
    )


def set_follow(user, following: bool, iscm: Iscm | None = None, theme: Theme | None = None) -> None:
    """Follow or stop following an ISCM or a theme; doing it twice changes nothing."""
    existing = _follow_of(user, iscm, theme)
    if following and existing is None:
        db.session.add(
            Follow(user_id=user.id, iscm_id=iscm.id if iscm else None, theme_id=theme.id if theme else None)
        )
    elif not following and existing is not None:
        db.session.delete(existing)
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
        existing = (
            db.session.scalar(sa.select(Meeting).where(Meeting.uid == row["uid"])) if row.get("uid") else None
        )
        if existing is not None:
            values.pop("uid", None)
            if update_meeting(existing, values):
                updated += 1
            continue
        values.update(iscms=[iscm_slug], source=source, visibility="public")
        values.setdefault("status", "published")
        create_meeting(values, user)
        created += 1
    return created, updated
