"""A small meeting with two sessions, an organizer and one rapporteur per session, for the reports tests."""

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session as OrmSession

from coordinator.extensions import db
from coordinator.meetings.models import Meeting, MeetingRole, Session


@dataclass(frozen=True)
class ReportSetup:
    slug: str
    session_ids: tuple[int, int]
    organizer: object
    rapporteurs: tuple[object, object]

    def url(self, index: int, suffix: str = "") -> str:
        return f"/meetings/{self.slug}/sessions/{self.session_ids[index]}/report{suffix}"


def add_meeting(visibility="public", status="published") -> Meeting:
    meeting = Meeting(
        slug="som-1",
        title="First SOM",
        number="SOM 1",
        visibility=visibility,
        status=status,
        timezone="Europe/Zurich",
        all_day=False,
    )
    for position, title in enumerate(("Discussion A", "Discussion B")):
        meeting.sessions.append(
            Session(
                title=title,
                kind="discussion",
                position=position,
                objective="To discuss the IMRF.",
                guiding_questions=["What works?"],
                starts_at=datetime(2024, 3, 5, 9 + 2 * position, tzinfo=UTC),
                ends_at=datetime(2024, 3, 5, 10 + 2 * position, tzinfo=UTC),
            )
        )
    db.session.add(meeting)
    db.session.flush()
    return meeting


@pytest.fixture
def report_setup(app, make_user):
    """GET/POST through the client; the client is signed out."""
    organizer = make_user("user", email="organizer@example.org")
    rapporteurs = (make_user("user", email="r1@example.org"), make_user("user", email="r2@example.org"))
    with app.app_context():
        meeting = add_meeting()
        db.session.add(MeetingRole(meeting=meeting, user_id=organizer.id, role="organizer"))
        for session, user in zip(meeting.sessions, rapporteurs, strict=True):
            db.session.add(
                MeetingRole(meeting=meeting, user_id=user.id, role="rapporteur", session_id=session.id)
            )
        db.session.commit()
        return ReportSetup(meeting.slug, tuple(s.id for s in meeting.sessions), organizer, rapporteurs)


@pytest.fixture
def written_by_someone_else_first():
    """The context manager below, for tests that need a concurrent write."""
    return _written_by_someone_else_first


@contextmanager
def _written_by_someone_else_first(statement: str, **params):
    """Runs `statement` in a request's transaction just before its next flush: what another organizer's commit
    landing between the page's read and its write does to the rows the page is about to change."""

    def write_first(session, flush_context, instances):
        session.connection().execute(sa.text(statement), params)

    event.listen(OrmSession, "before_flush", write_first, once=True)
    try:
        yield
    finally:
        if event.contains(OrmSession, "before_flush", write_first):
            event.remove(OrmSession, "before_flush", write_first)
