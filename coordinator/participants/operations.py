"""Every change to participation and registration. Operations flush; views commit; each is audited."""

import sqlalchemy as sa

from coordinator.audit.operations import diff, record
from coordinator.core.concurrency import check_version
from coordinator.db import utcnow
from coordinator.extensions import db
from coordinator.meetings.models import Meeting, MeetingRole
from coordinator.participants.models import (
    DEFAULT_GROUPS,
    Participant,
    ParticipantGroup,
    RegistrationSettings,
    new_token,
)

FIELDS = (
    "group_id",
    "iscm_id",
    "organisation",
    "represented",
    "capacity",
    "position",
    "status",
    "language",
    "remarks",
)
CONFIRMED = ("confirmed", "attended")


class ParticipationError(ValueError):
    """Input refused; the message is for the user."""


def _clean(value):
    return (value.strip() or None) if isinstance(value, str) else value


def snapshot(participant: Participant) -> dict:
    values = {name: getattr(participant, name) for name in FIELDS}
    values["sessions"] = sorted(session.id for session in participant.sessions)
    return values


def ensure_groups(meeting: Meeting) -> list[ParticipantGroup]:
    """The meeting's groups, creating the default ones the first time they are needed."""
    groups = list(
        db.session.scalars(sa.select(ParticipantGroup).where(ParticipantGroup.meeting_id == meeting.id))
    )
    known = {group.key for group in groups}
    for key, title, position in DEFAULT_GROUPS:
        if key not in known:
            group = ParticipantGroup(meeting_id=meeting.id, key=key, title=title, position=position)
            db.session.add(group)
            groups.append(group)
    db.session.flush()
    return sorted(groups, key=lambda g: (g.position, g.id))


def group_by_key(meeting: Meeting, key: str) -> ParticipantGroup:
    return next(group for group in ensure_groups(meeting) if group.key == key)


def add_group(meeting: Meeting, title: str) -> ParticipantGroup:
    """An organizer's own section of the list, printed after the existing ones."""
    title = (title or "").strip()
    if not title:
        raise ParticipationError("Give the group a title.")
    groups = ensure_groups(meeting)
    key = f"group-{len(groups) + 1}"
    while any(group.key == key for group in groups):
        key += "x"
    group = ParticipantGroup(
        meeting_id=meeting.id, key=key, title=title, position=max(g.position for g in groups) + 1
    )
    db.session.add(group)
    db.session.flush()
    record("participant_group.create", meeting, f"{meeting.title}: added the participant group {title}")
    return group


def sync_roles(meeting_id: int, participants: list[Participant]) -> None:
    """A confirmed participant with an account holds the meeting's participant role, and only then.

    One query for however many participants, so an import of thousands syncs their roles at once.
    """
    with_accounts = [p for p in participants if p.person.user_id is not None]
    if not with_accounts:
        return
    held = {
        role.user_id: role
        for role in db.session.scalars(
            sa.select(MeetingRole).where(
                MeetingRole.meeting_id == meeting_id,
                MeetingRole.user_id.in_(sorted({p.person.user_id for p in with_accounts})),
                MeetingRole.role == "participant",
                MeetingRole.session_id.is_(None),
            )
        )
    }
    for participant in with_accounts:
        user_id = participant.person.user_id
        role = held.get(user_id)
        if participant.status in CONFIRMED and role is None:
            held[user_id] = MeetingRole(meeting_id=meeting_id, user_id=user_id, role="participant")
            db.session.add(held[user_id])
        elif participant.status not in CONFIRMED and role is not None:
            db.session.delete(held.pop(user_id))


def assign(participant: Participant, values: dict) -> None:
    """Set the given participation fields without flushing (the import sets thousands, then flushes once)."""
    for name in FIELDS:
        if name in values:
            setattr(participant, name, _clean(values[name]) if name != "remarks" else (values[name] or ""))
    if "sessions" in values:
        participant.sessions = list(values["sessions"])


def find_participant(meeting: Meeting, person) -> Participant | None:
    return db.session.scalar(
        sa.select(Participant).where(Participant.meeting_id == meeting.id, Participant.person_id == person.id)
    )


def new_participant(meeting: Meeting, person, values: dict) -> Participant:
    """A participation added to the session, neither flushed nor audited (`values` names the group)."""
    participant = Participant(meeting_id=meeting.id, person=person, sessions=[])
    assign(participant, {"status": "invited", **values})
    db.session.add(participant)
    return participant


def add_participant(meeting: Meeting, person, values: dict) -> Participant:
    if person.id is not None and find_participant(meeting, person) is not None:
        raise ParticipationError(f"{person.name} is already a participant of this meeting.")
    if "group_id" not in values:
        values = {**values, "group_id": group_by_key(meeting, "iscms").id}
    participant = new_participant(meeting, person, values)
    db.session.flush()
    sync_roles(meeting.id, [participant])
    record(
        "participant.create",
        participant,
        f"{meeting.title}: added {person.name}",
        diff({}, snapshot(participant)),
    )
    return participant


def update_participant(participant: Participant, values: dict, expected_version=None) -> dict:
    """Apply a form's values (a stale form is refused when it gives its version)."""
    if expected_version is not None:
        check_version(participant, expected_version)
    before = snapshot(participant)
    assign(participant, values)
    changes = diff(before, snapshot(participant))
    if changes:
        db.session.flush()
        sync_roles(participant.meeting_id, [participant])
        record(
            "participant.update",
            participant,
            f"{participant.meeting.title}: edited {participant.person.name}",
            changes,
        )
    return changes


def set_status(participant: Participant, status: str) -> dict:
    return update_participant(participant, {"status": status})


def invite(participant: Participant) -> str:
    """A fresh personal link (the old one stops working); returns the token."""
    participant.token = new_token()
    participant.invited_at = utcnow()
    db.session.flush()
    record(
        "participant.invite", participant, f"{participant.meeting.title}: invited {participant.person.name}"
    )
    return participant.token


def respond(participant: Participant, values: dict, accept: bool) -> dict:
    """The invitee's answer: registered (to be confirmed by an organizer) or declined."""
    participant.responded_at = utcnow()
    status = "registered" if accept else "declined"
    if participant.status in CONFIRMED and accept:
        status = participant.status
    return update_participant(participant, {**values, "status": status})


def registration_settings(meeting: Meeting) -> RegistrationSettings:
    settings = db.session.get(RegistrationSettings, meeting.id)
    if settings is None:
        settings = RegistrationSettings(meeting_id=meeting.id, open_registration=False)
        db.session.add(settings)
        db.session.flush()
    return settings


def link_account(person, user) -> bool:
    """Link a person to the signed-in account that has their e-mail address, once.

    Only called where the account holder shows they are that person (answering their own invitation,
    registering themselves), never on an address an organizer typed alone. Their confirmed
    participations then give the account the participant role.
    """
    if person.user_id is not None or not person.email or person.email.casefold() != user.email.casefold():
        return False
    person.user_id = user.id
    db.session.flush()
    record("person.link_account", person, f"Linked {person.name} to the account {user.email}")
    for participant in db.session.scalars(sa.select(Participant).where(Participant.person_id == person.id)):
        sync_roles(participant.meeting_id, [participant])
    return True


def set_participants_visible(meeting: Meeting, visible: bool) -> None:
    """Whether confirmed participants may see each other's names in the participant list."""
    if meeting.participants_visible != visible:
        meeting.participants_visible = visible
        db.session.flush()
        state = "may" if visible else "may no longer"
        record("registration.update", meeting, f"{meeting.title}: participants {state} see each other")


def set_open_registration(meeting: Meeting, open_registration: bool) -> None:
    settings = registration_settings(meeting)
    if settings.open_registration != open_registration:
        settings.open_registration = open_registration
        db.session.flush()
        state = "opened" if open_registration else "closed"
        record("registration.update", meeting, f"{meeting.title}: open registration {state}")


def record_export(meeting: Meeting, what: str) -> None:
    """A download that prints the meeting's participants (a list, badges, the summary report's Annex VI) is
    logged against the meeting, as personal data handed out."""
    record("participants.export", meeting, f"{meeting.title}: downloaded the {what}")
    db.session.flush()
