"""What staff print: each printout is a PDF template, its context, and a fingerprint of what it shows.

The fingerprint keys the file in the export store, so an unchanged list is served from disk and any
change (a name, an option, the reader's language, the template) gives a new file.
"""

import unicodedata
from dataclasses import asdict, dataclass
from functools import cached_property

from flask_babel import format_date, get_locale
from flask_babel import gettext as _

from coordinator.exporting.pdf import template_fingerprint
from coordinator.exporting.store import content_key
from coordinator.participants.labels import capacity_label
from coordinator.participants.lists import (
    ListOptions,
    list_order,
    listed_participants,
    participant_list_rows,
    sections_fingerprint,
    sort_key,
    speakers_list,
)
from coordinator.participants.models import Participant

#: Every template a printout is laid out from: part of its content key (template_fingerprint).
TEMPLATES = ("participants/pdf/**/*", "pdf/*")
BADGES_PER_SHEET = 8
#: The longest word and the longest name a badge's name holds at each type size but the smallest
#: (21, 17, 13.5 pt); a place card's line holds half as many letters again (40, 34, 28 pt).
NAME_SCALES = ((20, 40), (25, 50), (31, 62))
PLACE_CARD_ROOM = 1.5
KINDS = ("participant-list", "speakers", "badges", "place-cards", "sign-in")
#: The most entries of each printout laid out inside the request; more are built off it. A list row
#: is cheap; a badge or a place card is a box of large type (150 badges took 9–47 s).
INLINE_LIMITS = {"participant-list": 150, "speakers": 150, "sign-in": 150, "badges": 32, "place-cards": 40}


@dataclass(frozen=True)
class Printout:
    kind: str
    template: str
    filename: str
    context: dict
    fingerprint: list
    #: How many entries it prints: long ones are built off the request.
    size: int

    @cached_property
    def key(self) -> str:
        """Its file's key in the export store."""
        return content_key(self.fingerprint)

    @property
    def inline(self) -> bool:
        """Cheap enough to lay out while the reader waits for the response."""
        return self.size <= INLINE_LIMITS[self.kind]


@dataclass(frozen=True)
class NameCard:
    """What a badge and a place card print for one participant."""

    honorific: str
    name: str
    affiliation: str
    capacity: str

    @property
    def badge_scale(self) -> int:
        return _name_scale(self.name, 1.0)

    @property
    def card_scale(self) -> int:
        return _name_scale(self.name, PLACE_CARD_ROOM)


def _name_scale(name: str, room: float) -> int:
    """0 for a name the largest type holds (its longest word on one line, the whole on two), up to 3 for
    the longest: badges and cards pick smaller type by it instead of cutting the name off. `room` is how
    many times a badge's letters a line holds at the same scale."""
    longest = max((len(word) for word in name.split()), default=0)
    for scale, (word, total) in enumerate(NAME_SCALES):
        if longest <= word * room and len(name) <= total * room:
            return scale
    return len(NAME_SCALES)


def text_direction(text: str) -> str:
    """ "rtl" when the first letter with a direction is Arabic or Hebrew, so the name is laid out right to left."""
    for char in text or "":
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def meeting_heading(meeting) -> dict:
    return {
        "organiser": meeting.organiser or "",
        "subtitle": meeting.subtitle or "",
        "title": meeting.title + (f" ({meeting.number})" if meeting.number else ""),
        "dates": _dates(meeting),
        "place": meeting.place or (_("virtual") if meeting.format == "online" else ""),
    }


def _dates(meeting) -> str:
    start, end = meeting.start_date, meeting.end_date
    if start is None:
        return meeting.dates_text or ""
    if end is None or end == start:
        return format_date(start, "d MMMM y")
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{format_date(end, 'd MMMM y')}"
    return f"{format_date(start, 'd MMMM')} – {format_date(end, 'd MMMM y')}"


def _common(meeting, kind: str) -> list:
    return [template_fingerprint(*TEMPLATES), kind, str(get_locale() or "en"), meeting_heading(meeting)]


def participant_list(meeting, options: ListOptions) -> Printout:
    sections = participant_list_rows(meeting, options)
    size = sum(len(section.rows) for section in sections)
    return Printout(
        "participant-list",
        "participants/pdf/participant_list.html",
        f"{meeting.slug}-participants.pdf",
        {"heading": meeting_heading(meeting), "sections": sections, "options": options},
        [*_common(meeting, "participant-list"), asdict(options), sections_fingerprint(sections)],
        size,
    )


def speakers(meeting) -> Printout:
    rows = speakers_list(meeting)
    return Printout(
        "speakers",
        "participants/pdf/speakers.html",
        f"{meeting.slug}-speakers.pdf",
        {"heading": meeting_heading(meeting), "speakers": rows},
        [*_common(meeting, "speakers"), [asdict(row) for row in rows]],
        len(rows),
    )


def name_card(participant: Participant) -> NameCard:
    person = participant.person
    affiliation = (
        participant.iscm.acronym
        if participant.iscm
        else (participant.organisation or person.organisation or "")
    )
    return NameCard(person.honorific or "", person.name, affiliation, capacity_label(participant.capacity))


def _cards(meeting, options: ListOptions) -> list[NameCard]:
    people = [p for p in listed_participants(meeting, options) if p.person.erased_at is None]
    return [name_card(p) for p in sorted(people, key=lambda p: list_order(p, options.order))]


def badges(meeting, options: ListOptions) -> Printout:
    cards = _cards(meeting, options)
    sheets = [cards[start : start + BADGES_PER_SHEET] for start in range(0, len(cards), BADGES_PER_SHEET)]
    return Printout(
        "badges",
        "participants/pdf/badges.html",
        f"{meeting.slug}-badges.pdf",
        {"heading": meeting_heading(meeting), "sheets": sheets},
        [*_common(meeting, "badges"), asdict(options), [asdict(card) for card in cards]],
        len(cards),
    )


def place_cards(meeting, options: ListOptions) -> Printout:
    cards = _cards(meeting, options)
    return Printout(
        "place-cards",
        "participants/pdf/place_cards.html",
        f"{meeting.slug}-place-cards.pdf",
        {"heading": meeting_heading(meeting), "cards": cards},
        [*_common(meeting, "place-cards"), asdict(options), [asdict(card) for card in cards]],
        len(cards),
    )


def session_attendees(meeting, session) -> list[Participant]:
    """Those down for the session; everyone expected when nobody has been assigned to sessions yet."""
    everyone = [p for p in listed_participants(meeting, ListOptions()) if p.person.erased_at is None]
    assigned = [p for p in everyone if any(s.id == session.id for s in p.sessions)]
    chosen = assigned or ([] if any(p.sessions for p in everyone) else everyone)
    return sorted(chosen, key=lambda p: sort_key(p, "alphabetical"))


def sign_in_sheet(meeting, session) -> Printout:
    cards = [name_card(p) for p in session_attendees(meeting, session)]
    heading = {**meeting_heading(meeting), "session": session.title}
    return Printout(
        "sign-in",
        "participants/pdf/sign_in.html",
        f"{meeting.slug}-sign-in-{session.id}.pdf",
        {"heading": heading, "cards": cards},
        [*_common(meeting, "sign-in"), session.title, [asdict(card) for card in cards]],
        len(cards),
    )
