"""Fixtures of the meeting tests: GRCP 9 seeded, its ids, and signing in as any role incl. organizer."""

from dataclasses import dataclass

import pytest
import sqlalchemy as sa

from coordinator.extensions import db
from coordinator.meetings.models import AgendaItem, Meeting, MeetingRole, Session


@dataclass(frozen=True)
class Grcp9:
    meeting_id: int
    session_id: int
    item_id: int
    link_id: int
    material_id: int


@pytest.fixture
def grcp9(app, registry) -> Grcp9:
    from coordinator.meetings.seed import seed_grcp9

    with app.app_context():
        seed_grcp9()
        db.session.commit()
        meeting = db.session.scalar(sa.select(Meeting).where(Meeting.slug == "grcp-9"))
        session = next(s for s in meeting.sessions if s.title == "Dedicated Discussion Session 1")
        item = session.items[0]
        return Grcp9(meeting.id, session.id, item.id, item.people[0].id, meeting.materials[0].id)


#: Per-meeting roles a test may sign in with: an account without global rights holding that role on the meeting.
MEETING_ROLES = {"organizer": "organizer", "meeting_staff": "staff", "rapporteur": "rapporteur"}


@pytest.fixture
def sign_in(app, as_role, make_user, auth):
    """Like as_role, plus 'organizer', 'meeting_staff' and 'rapporteur' (of the meeting's first discussion
    session): an account without global rights holding that role on the meeting."""

    def sign(role, meeting_id=None):
        if role not in MEETING_ROLES:
            return as_role(role)
        user = make_user("user")
        with app.app_context():
            meeting = db.session.get(Meeting, meeting_id)
            session = (
                next((s for s in meeting.sessions if s.kind == "discussion"), None)
                if role == "rapporteur"
                else None
            )
            db.session.add(
                MeetingRole(
                    meeting_id=meeting_id,
                    user_id=user.id,
                    role=MEETING_ROLES[role],
                    session_id=session.id if session else None,
                )
            )
            db.session.commit()
        auth.login(user)
        return user

    return sign


def make_private(app, meeting_id: int) -> None:
    with app.app_context():
        db.session.get(Meeting, meeting_id).visibility = "private"
        db.session.commit()


def session_row(app, session_id: int) -> dict:
    with app.app_context():
        s = db.session.get(Session, session_id)
        return {
            "title": s.title,
            "starts_at": s.starts_at,
            "ends_at": s.ends_at,
            "version": s.version,
            "sequence": s.sequence,
        }


def item_row(app, item_id: int) -> dict:
    with app.app_context():
        i = db.session.get(AgendaItem, item_id)
        return {
            "title": i.title,
            "starts_at": i.starts_at,
            "ends_at": i.ends_at,
            "version": i.version,
            "session_id": i.session_id,
        }
