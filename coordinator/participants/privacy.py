"""What an administrator can do for a person's privacy: hand over everything held, and erase.

Erasing anonymises instead of deleting: the person's participations stay, so every numbered list
printed before keeps its numbering, but nothing identifying is left and lists print the name withheld.
"""

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from coordinator.audit.operations import record, redact
from coordinator.audit.queries import entries_about, entries_mentioning
from coordinator.db import utcnow
from coordinator.exporting.store import ExportStore
from coordinator.extensions import db
from coordinator.meetings import pdf as agenda_pdf
from coordinator.meetings.models import ItemPerson, MeetingRole
from coordinator.participants.importing import UPLOADS
from coordinator.participants.lists import frozen_sort_keys
from coordinator.participants.models import Participant, new_token
from coordinator.participants.printouts import KINDS
from coordinator.people.models import PERSON_DETAILS, Person
from coordinator.reports import pdf as summary_pdf

#: The person's fields that erasure blanks, here and in the audit log's past entries.
ERASED_PERSON_FIELDS = (*PERSON_DETAILS, "key")
PERSON_FIELDS = (*ERASED_PERSON_FIELDS, "created_at", "updated_at", "erased_at")
#: Cached printouts that print names: the participants' own, the summary report (its speakers and
#: participants annexes) and the agenda (its speakers).
PRINTOUT_KINDS = (*KINDS, summary_pdf.KIND, agenda_pdf.KIND)
#: The same for a participation: what the organizers wrote about the person, each with its blank (remarks
#: are never NULL).
ERASED_PARTICIPANT_FIELDS = {"remarks": "", "represented": None, "position": None}
PARTICIPANT_FIELDS = (
    "organisation",
    "represented",
    "position",
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
                "listed_name": link.listed_name,
                "listed_as": link.listed_as,
            }
            for link in agenda
        ],
    }


def erase_person(person: Person) -> None:
    """Blank every personal field, here and in the audit log's past entries; participations keep
    their place (and number) in every list, without a name."""
    participations = list(
        db.session.scalars(sa.select(Participant).where(Participant.person_id == person.id))
    )
    for participant in participations:
        participant.erased_sort_keys = frozen_sort_keys(participant, _peers(participant))
    _scrub_audit(person, participations)
    for name in ERASED_PERSON_FIELDS:
        setattr(person, name, None)
    person.given_name, person.family_name = "", ""
    _drop_participant_roles(person, participations)
    person.user_id, person.erased_at = None, utcnow()
    for participant in participations:
        for name, blank in ERASED_PARTICIPANT_FIELDS.items():
            setattr(participant, name, blank)
        participant.token = new_token()
    _erase_agenda_wording(person)
    db.session.flush()
    record("person.erase", person, f"Erased person #{person.id}")
    purge_stored_files()


def _drop_participant_roles(person: Person, participations: list[Participant]) -> None:
    """The account keeps no participant role it held through the erased person's participations."""
    if person.user_id is None or not participations:
        return
    roles = db.session.scalars(
        sa.select(MeetingRole).where(
            MeetingRole.user_id == person.user_id,
            MeetingRole.role == "participant",
            MeetingRole.meeting_id.in_({p.meeting_id for p in participations}),
        )
    )
    for role in roles:
        db.session.delete(role)


def purge_stored_files() -> None:
    """Files that may still hold an erased name: every cached printout (they are rebuilt when asked for
    again) and the participant uploads waiting for their import."""
    store = ExportStore.current()
    for kind in PRINTOUT_KINDS:
        store.remove_kind(kind, "pdf")
    store.remove_kind(UPLOADS, "json")


def _erase_agenda_wording(person: Person) -> None:
    """An agenda may print the person under its own name and words: blank them, and that name in the log."""
    links = list(db.session.scalars(sa.select(ItemPerson).where(ItemPerson.person_id == person.id)))
    listed = {link.listed_name for link in links if link.listed_name}
    if listed:
        redact(entries_mentioning(listed), listed)
    for link in links:
        link.listed_name = link.listed_as = None


def _peers(participant: Participant) -> list[Participant]:
    query = (
        sa.select(Participant)
        .where(Participant.meeting_id == participant.meeting_id)
        .options(selectinload(Participant.person), selectinload(Participant.iscm))
    )
    return list(db.session.scalars(query))


def _scrub_audit(person: Person, participations: list[Participant]) -> None:
    """Past entries stay, but without any name or e-mail the person went by."""
    own = entries_about("Person", [person.id])
    texts = _names_and_emails(person, own)
    about_participations = entries_about("Participant", [p.id for p in participations])
    redact(own, texts, ERASED_PERSON_FIELDS)
    redact(about_participations, texts, ERASED_PARTICIPANT_FIELDS)
    redact(entries_mentioning(texts), texts)


def _names_and_emails(person: Person, entries) -> set[str]:
    """Every name and e-mail address the person has had: now, and in the log of their edits."""
    given, family, emails = {person.given_name}, {person.family_name}, {person.email}
    for entry in entries:
        changes = entry.changes or {}
        given.update(changes.get("given_name") or [])
        family.update(changes.get("family_name") or [])
        emails.update(changes.get("email") or [])
    names = {" ".join(part for part in (g, f) if part) for g in given for f in family if f}
    return {text for text in names | emails if text}
