"""What an administrator can do for a person's privacy: hand over everything held, and erase.

Erasing anonymises instead of deleting: the person's participations stay, so every numbered list
printed before keeps its numbering, but nothing identifying is left and lists print the name withheld.
"""

import sqlalchemy as sa

from coordinator.audit.operations import record
from coordinator.db import utcnow
from coordinator.extensions import db
from coordinator.meetings.models import ItemPerson
from coordinator.participants.models import Participant, new_token
from coordinator.people.models import Person

PERSON_FIELDS = (
    "key",
    "honorific",
    "given_name",
    "family_name",
    "position",
    "organisation",
    "country",
    "email",
    "timezone",
    "full_position",
    "created_at",
    "updated_at",
    "erased_at",
)
PARTICIPANT_FIELDS = (
    "organisation",
    "represented",
    "capacity",
    "status",
    "language",
    "remarks",
    "invited_at",
    "responded_at",
    "created_at",
    "updated_at",
)


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def person_export(person: Person) -> dict:
    """Everything the app holds about one person, as JSON-ready data."""
    participations = db.session.scalars(sa.select(Participant).where(Participant.person_id == person.id))
    agenda = db.session.scalars(sa.select(ItemPerson).where(ItemPerson.person_id == person.id))
    return {
        "person": {name: _plain(getattr(person, name)) for name in PERSON_FIELDS}
        | {
            "iscm": person.iscm.acronym if person.iscm else None,
            "account": person.user.email if person.user else None,
        },
        "participations": [
            {
                "meeting": p.meeting.slug,
                "group": p.group.title,
                "iscm": p.iscm.acronym if p.iscm else None,
                "sessions": [s.title for s in p.sessions],
            }
            | {name: _plain(getattr(p, name)) for name in PARTICIPANT_FIELDS}
            for p in participations
        ],
        "agenda": [
            {
                "meeting": link.item.session.meeting.slug,
                "session": link.item.session.title,
                "item": link.item.title,
                "role": link.role,
                "capacity": link.capacity,
            }
            for link in agenda
        ],
    }


def erase_person(person: Person) -> None:
    """Blank every personal field; participations keep their place in lists, without a name."""
    for name in (
        "honorific",
        "position",
        "organisation",
        "country",
        "email",
        "timezone",
        "full_position",
        "key",
    ):
        setattr(person, name, None)
    person.given_name, person.family_name = "", ""
    person.user_id, person.erased_at = None, utcnow()
    for participant in db.session.scalars(sa.select(Participant).where(Participant.person_id == person.id)):
        participant.remarks, participant.represented = "", None
        participant.token = new_token()
    db.session.flush()
    record("person.erase", person, f"Erased person #{person.id}")
