"""GRCP 9's participants (Annex VI) as demo data, linked to the people the meetings seed created."""

from pathlib import Path

import sqlalchemy as sa
import yaml

from coordinator.extensions import db
from coordinator.iscms.models import Iscm
from coordinator.meetings.models import Meeting
from coordinator.participants.models import Participant, ParticipantGroup
from coordinator.participants.operations import ensure_groups
from coordinator.people.models import Person

DATA = Path(__file__).parent / "data" / "grcp9_participants.yaml"
MEETING_SLUG = "grcp-9"


def load_data() -> dict:
    with DATA.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _groups(meeting: Meeting, rows: list[dict]) -> dict[str, ParticipantGroup]:
    """The document's sections, titled as the document titles them."""
    groups = {group.key: group for group in ensure_groups(meeting)}
    for position, row in enumerate(rows, start=1):
        group = groups.get(row["key"]) or ParticipantGroup(meeting_id=meeting.id, key=row["key"])
        group.title, group.position = row["title"], position
        db.session.add(group)
        groups[row["key"]] = group
    db.session.flush()
    return groups


def seed_participants() -> dict[str, int]:
    """Adds the participants GRCP 9 does not have yet; nothing when the meeting is not loaded."""
    meeting = db.session.scalar(sa.select(Meeting).where(Meeting.slug == MEETING_SLUG))
    if meeting is None:
        return {"participants": 0}
    data = load_data()
    groups = _groups(meeting, data["groups"])
    people = {p.key: p for p in db.session.scalars(sa.select(Person).where(Person.key.is_not(None)))}
    iscms = {i.slug: i for i in db.session.scalars(sa.select(Iscm))}
    present = set(
        db.session.scalars(sa.select(Participant.person_id).where(Participant.meeting_id == meeting.id))
    )
    added = 0
    for row in data["participants"]:
        person = people.get(row["person"])
        if person is None or person.id in present:
            continue
        db.session.add(_participant(meeting, person, row, groups, iscms))
        added += 1
    db.session.flush()
    return {"participants": added}


def _participant(meeting, person, row, groups, iscms) -> Participant:
    iscm = iscms.get(row["iscm"]) if row["iscm"] else None
    return Participant(
        meeting_id=meeting.id,
        person=person,
        group=groups[row["group"]],
        iscm=iscm,
        organisation=row["organisation"],
        represented=row["represented"],
        capacity=row["capacity"],
        position=row.get("position"),
        status="attended",
        language="en",
        remarks="",
    )
