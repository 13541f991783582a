"""Factories for the participants tests: a meeting, people, participants, and the GRCP 9 demo."""

import io
import time
from datetime import UTC, date, datetime

import sqlalchemy as sa
from pypdf import PdfReader

from coordinator.extensions import db
from coordinator.iscms.models import Iscm
from coordinator.meetings.models import Meeting, MeetingRole, Session
from coordinator.participants.operations import add_participant, group_by_key
from coordinator.people.models import Person


def add_meeting(app, slug="som-2024", **values) -> str:
    with app.app_context():
        values = {
            "title": "Senior Officials Meeting",
            "visibility": "public",
            "status": "published",
            "start_date": date(2024, 5, 10),
            "end_date": date(2024, 5, 11),
            **values,
        }
        meeting = Meeting(slug=slug, **values)
        meeting.sessions.append(
            Session(
                title="Opening",
                starts_at=datetime(2024, 5, 10, 8, tzinfo=UTC),
                ends_at=datetime(2024, 5, 10, 10, tzinfo=UTC),
            )
        )
        db.session.add(meeting)
        db.session.commit()
        return slug


def get_meeting(slug) -> Meeting:
    return db.session.scalar(sa.select(Meeting).where(Meeting.slug == slug))


def grant(app, slug, user, role) -> None:
    with app.app_context():
        db.session.add(MeetingRole(meeting_id=get_meeting(slug).id, user_id=user.id, role=role))
        db.session.commit()


def add_person_participant(
    app, slug, given, family, iscm=None, capacity=None, status="confirmed", group="iscms", **person_values
) -> int:
    with app.app_context():
        meeting = get_meeting(slug)
        person = Person(given_name=given, family_name=family, **person_values)
        db.session.add(person)
        iscm_id = db.session.scalar(sa.select(Iscm.id).where(Iscm.slug == iscm)) if iscm else None
        participant = add_participant(
            meeting,
            person,
            {
                "group_id": group_by_key(meeting, group).id,
                "iscm_id": iscm_id,
                "capacity": capacity,
                "status": status,
            },
        )
        db.session.commit()
        return participant.id


def seed_grcp9(app) -> None:
    from coordinator.iscms.seed import seed_registry
    from coordinator.meetings.seed import seed_grcp9 as seed_meeting
    from coordinator.participants.seed import seed_participants

    with app.app_context():
        seed_registry()
        seed_meeting()
        seed_participants()
        db.session.commit()


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def stored_keys(app, kind: str) -> set[str]:
    """The content keys of the files the export store holds for a kind."""
    return {path.stem for path in (app.config["EXPORT_DIR"] / kind).glob("*.pdf")}


def finished_export(client, progress: str) -> dict:
    """The progress page's JSON once its build has ended (a minute at the most), as the page's poll reads it."""
    for _attempt in range(600):
        state = client.get(progress, headers={"Accept": "application/json"}).get_json()
        if state["state"] not in ("queued", "running"):
            return state
        time.sleep(0.1)
    return state


def fetch_pdf(client, url: str) -> bytes:
    """A printout's file, built in the request or, for a long one, off it behind the progress page."""
    response = client.get(url)
    if response.status_code == 302 and "/exports/" in response.headers["Location"]:
        state = finished_export(client, response.headers["Location"])
        assert state["state"] == "done", state
        response = client.get(state["download"])
    assert response.status_code == 200, response.status_code
    return response.data
