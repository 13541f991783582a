"""The printed lists as plain rows: the participant list (Annex VI) and the speakers list (Annex V).

Plain functions over loaded objects so the summary report can include the same lists as annexes.
"""

import re
from dataclasses import asdict, dataclass, field

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from coordinator.core.text import fold
from coordinator.extensions import db
from coordinator.meetings.models import AgendaItem, ItemPerson, Session
from coordinator.participants.labels import CAPACITY_SPELLINGS, capacity_label, group_title
from coordinator.participants.models import CAPACITIES, Participant, ParticipantGroup

ORDERS = ("iscm", "alphabetical")
#: Roles that put someone on the floor in an agenda item: a rapporteur listed in an item presents the report.
SPEAKING_ROLES = ("speaker", "facilitator", "moderator", "co_facilitator", "panelist", "rapporteur")


@dataclass(frozen=True)
class ListOptions:
    #: "iscm": by ISCM, capacity, then name (Annex VI); "alphabetical": by name within each section.
    order: str = "iscm"
    include_email: bool = False
    only_confirmed: bool = False


@dataclass(frozen=True)
class ParticipantRow:
    number: int
    represented: str
    name: str
    position: str
    email: str
    erased: bool


@dataclass
class ListSection:
    numeral: str
    title: str
    #: Header of the second column: "ISCM" for ISCM delegations, "Organization" otherwise.
    column: str
    rows: list[ParticipantRow] = field(default_factory=list)


@dataclass(frozen=True)
class SpeakerRow:
    name: str
    description: str


def roman(number: int) -> str:
    numerals = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, letters in numerals:
        while number >= value:
            out, number = out + letters, number - value
    return out


def represented_text(participant: Participant) -> str:
    """What the ISCM column prints: the ISCM's name and the capacity, or the organisation."""
    if participant.represented:
        return participant.represented
    if participant.iscm is not None:
        return " ".join(
            part for part in (participant.iscm.name, capacity_label(participant.capacity)) if part
        )
    return participant.organisation or participant.person.organisation or ""


#: (spelling, capacity) of every way an ISCM column may end with a capacity, the longest first.
CAPACITY_ENDINGS = sorted(
    ((spelling, code) for code, spellings in CAPACITY_SPELLINGS.items() for spelling in spellings),
    key=lambda ending: -len(ending[0]),
)


def split_capacity(text: str) -> tuple[str, str | None]:
    """An ISCM column's text and the capacity it ends with: ("Caribbean Migration Consultations (CMC)",
    "incoming_chair") from "Caribbean Migration Consultations (CMC) incoming Chair"; (text, None) otherwise."""
    for spelling, code in CAPACITY_ENDINGS:
        head, tail = text[: -len(spelling)], text[-len(spelling) :]
        if len(text) > len(spelling) and head[-1:].isspace() and fold(tail) == spelling:
            return head.rstrip(" ,;"), code
    return text, None


def iscm_text(participant: Participant) -> str:
    """The ISCM or organisation the ISCM column prints, without the capacity it may end with."""
    if participant.represented:
        return split_capacity(participant.represented)[0]
    if participant.iscm is not None:
        return participant.iscm.name
    return participant.organisation or participant.person.organisation or ""


def position_text(person) -> str:
    if person.full_position:
        return person.full_position
    return join_without_repeats([person.position, person.organisation])


def listed_position(participant: Participant) -> str:
    """The Position column: the participation's own wording for this meeting, else the directory's."""
    return participant.position or position_text(participant.person)


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", fold(text)))


def join_without_repeats(parts: list) -> str:
    """The parts joined by commas, leaving out any that another part already says.

    A part is left out when all its words are in another one ("Head of Secretariat" beside "Head of the
    PIDC Secretariat"), or it says the same as an earlier one.
    """
    parts = [part for part in parts if part]
    kept = []
    for index, part in enumerate(parts):
        words = _words(part)
        said = any(
            words < _words(other) or (words == _words(other) and earlier < index)
            for earlier, other in enumerate(parts)
            if earlier != index
        )
        if not said:
            kept.append(part)
    return ", ".join(kept)


def _name_key(participant: Participant, order: str) -> tuple:
    """By name; an erased person's row sorts on the key frozen at erasure, so it keeps its number."""
    frozen = participant.erased_sort_keys
    if frozen and order in frozen:
        return tuple(frozen[order])
    person = participant.person
    return (fold(person.family_name), fold(person.given_name), participant.id)


def _capacity_rank(code: str | None) -> int:
    return CAPACITIES.index(code) if code in CAPACITIES else len(CAPACITIES)


def _delegation(participant: Participant) -> str:
    """What ISCM order sorts a delegation on: the printed ISCM text (kept as it was when the person was erased)."""
    frozen = participant.erased_sort_keys or {}
    return frozen["delegation"] if "delegation" in frozen else fold(iscm_text(participant))


def _block(participant: Participant, order: str) -> tuple:
    """The rows a participant is sorted among by name: its section, and in ISCM order its delegation."""
    if order == "alphabetical":
        return (participant.group_id,)
    return (participant.group_id, _delegation(participant), _capacity_rank(participant.capacity))


def sort_key(participant: Participant, order: str) -> tuple:
    """The place within its section."""
    if order == "alphabetical":
        return _name_key(participant, order)
    return (*_block(participant, order)[1:], *_name_key(participant, order))


def list_order(participant: Participant, order: str) -> tuple:
    """The place in the printed list: its section, then its place within it (badges and cards follow it)."""
    return (participant.group.position, participant.group_id, *sort_key(participant, order))


def frozen_sort_keys(participant: Participant, peers: list[Participant]) -> dict:
    """For each order, a key that keeps the row where it stands once the name is gone.

    The key is that of the row just before it in its block, followed by its own id: it sorts right
    after that row and before the next, and holds nothing of the erased person.
    """
    keys = {}
    for order in ORDERS:
        own, block = _name_key(participant, order), _block(participant, order)
        before = [
            _name_key(peer, order)
            for peer in peers
            if peer.id != participant.id and _block(peer, order) == block and _name_key(peer, order) < own
        ]
        keys[order] = [*max(before, default=("", "", 0)), participant.id]
    keys["delegation"] = _delegation(participant)
    return keys


def row_for(participant: Participant, number: int, options: ListOptions) -> ParticipantRow:
    person = participant.person
    if person.erased_at is not None:
        return ParticipantRow(number, represented_text(participant), _("(name withheld)"), "", "", True)
    email = (person.email or "") if options.include_email else ""
    return ParticipantRow(
        number,
        represented_text(participant),
        person.name_with_honorific,
        listed_position(participant),
        email,
        False,
    )


def listed_participants(meeting, options: ListOptions) -> list[Participant]:
    statuses = (
        ("confirmed", "attended")
        if options.only_confirmed
        else ("invited", "registered", "confirmed", "attended")
    )
    query = (
        sa.select(Participant)
        .where(Participant.meeting_id == meeting.id, Participant.status.in_(statuses))
        .options(
            selectinload(Participant.person), selectinload(Participant.iscm), selectinload(Participant.group)
        )
    )
    return list(db.session.scalars(query))


def build_sections(participants: list[Participant], groups: list[ParticipantGroup], options: ListOptions):
    """Sections in group order, rows numbered continuously across sections."""
    sections, number = [], 0
    for group in sorted(groups, key=lambda g: (g.position, g.id)):
        members = sorted(
            (p for p in participants if p.group_id == group.id), key=lambda p: sort_key(p, options.order)
        )
        if not members:
            continue
        column = _("ISCM") if group.key == "iscms" else _("Organization")
        section = ListSection(roman(len(sections) + 1), group_title(group), column)
        for participant in members:
            number += 1
            section.rows.append(row_for(participant, number, options))
        sections.append(section)
    return sections


def participant_list_rows(meeting, options: ListOptions = ListOptions()) -> list[ListSection]:
    """The participant list of a meeting as the PDF, the exports and the summary report print it."""
    groups = list(
        db.session.scalars(sa.select(ParticipantGroup).where(ParticipantGroup.meeting_id == meeting.id))
    )
    return build_sections(listed_participants(meeting, options), groups, options)


def sections_fingerprint(sections: list[ListSection]) -> list:
    """Everything a printed list shows, for the export store's content key."""
    return [
        [section.numeral, section.title, section.column, [asdict(row) for row in section.rows]]
        for section in sections
    ]


def speakers_list(meeting) -> list[SpeakerRow]:
    """Everyone who speaks, facilitates or moderates in the agenda, alphabetical by name (Annex V).

    A written statement alone does not make a speaker: the person did not take the floor.
    """
    query = (
        sa.select(ItemPerson)
        .join(AgendaItem, ItemPerson.item_id == AgendaItem.id)
        .join(Session, AgendaItem.session_id == Session.id)
        .where(
            Session.meeting_id == meeting.id,
            ItemPerson.role.in_(SPEAKING_ROLES),
            ItemPerson.delivery != "written",
        )
        .options(selectinload(ItemPerson.person))
        .order_by(Session.starts_at, AgendaItem.starts_at, ItemPerson.position, ItemPerson.id)
    )
    first_by_person: dict[int, ItemPerson] = {}
    for entry in db.session.scalars(query):
        if entry.person.erased_at is None:
            known = first_by_person.setdefault(entry.person_id, entry)
            if not known.capacity and entry.capacity:
                first_by_person[entry.person_id] = entry
    rows = [speaker_row(entry) for entry in first_by_person.values()]
    return sorted(rows, key=lambda row: fold(row.name))


def speaker_row(entry: ItemPerson) -> SpeakerRow:
    """The name, then the directory's full position text (as Annex V prints it); without one, the
    position, organisation and the capacity the agenda gives, each said once."""
    person = entry.person
    description = person.full_position or join_without_repeats(
        [person.position, person.organisation, entry.capacity]
    )
    return SpeakerRow(person.name, description)
