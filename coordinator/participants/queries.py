"""Loading participants, groups and ISCM choices for the pages."""

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from coordinator.extensions import db
from coordinator.iscms.models import Iscm
from coordinator.participants.labels import group_title
from coordinator.participants.lists import list_order
from coordinator.participants.models import Participant
from coordinator.participants.operations import ensure_groups


def meeting_participants(meeting, status: str = "") -> list[Participant]:
    """The meeting's participants for the management page, in the printed list's order."""
    query = (
        sa.select(Participant)
        .where(Participant.meeting_id == meeting.id)
        .options(
            selectinload(Participant.person), selectinload(Participant.iscm), selectinload(Participant.group)
        )
    )
    if status:
        query = query.where(Participant.status == status)
    participants = list(db.session.scalars(query))
    return sorted(participants, key=lambda p: list_order(p, "iscm"))


def iscm_choices() -> list[tuple]:
    return [("", "—")] + [
        (i.id, f"{i.acronym} — {i.name}") for i in db.session.scalars(sa.select(Iscm).order_by(Iscm.acronym))
    ]


def group_choices(meeting) -> list[tuple]:
    return [(group.id, group_title(group)) for group in ensure_groups(meeting)]


def session_choices(meeting) -> list[tuple]:
    return [(session.id, session.title) for session in meeting.sessions]
