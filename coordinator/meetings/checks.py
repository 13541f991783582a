"""Problems organizers see while they edit an agenda, computed from a snapshot (plain data, no request).

Each problem names its kind, the session and item it belongs to, and the facts a message needs;
the templates word them (so they translate).
"""

from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from coordinator.meetings.agenda import parse
from coordinator.meetings.planner import NIGHT, band

#: Session kinds whose conclusions a rapporteur reports.
NEEDS_RAPPORTEUR = ("discussion", "working_group", "breakout")


@dataclass(frozen=True)
class Problem:
    kind: str
    session_id: int
    item_id: int | None = None
    facts: dict = field(default_factory=dict, compare=False, hash=False)


def _interval(entry: dict):
    return parse(entry["starts_at"]), parse(entry["ends_at"])


def _overlap(first: dict, second: dict) -> bool:
    (a_start, a_end), (b_start, b_end) = _interval(first), _interval(second)
    return a_start < b_end and b_start < a_end


def items_outside(session: dict) -> list[Problem]:
    start, end = _interval(session)
    return [
        Problem(
            "item_outside_session",
            session["id"],
            item["id"],
            {"session": session["title"], "item": item["title"]},
        )
        for item in session["items"]
        if parse(item["starts_at"]) < start or parse(item["ends_at"]) > end
    ]


def overlapping_items(session: dict) -> list[Problem]:
    items = sorted(session["items"], key=lambda item: item["starts_at"])
    return [
        Problem(
            "items_overlap",
            session["id"],
            later["id"],
            {"session": session["title"], "item": later["title"], "other": earlier["title"]},
        )
        for earlier, later in zip(items, items[1:], strict=False)
        if _overlap(earlier, later)
    ]


def double_booked(agenda: dict) -> list[Problem]:
    """One person attached to two different items that overlap in time (anywhere in the meeting)."""
    bookings: dict[int, list[tuple[dict, dict, str]]] = {}
    for session in agenda["sessions"]:
        if session["status"] == "cancelled":
            continue
        for item in session["items"]:
            for person in {p["person_id"]: p for p in item["people"]}.values():
                bookings.setdefault(person["person_id"], []).append((session, item, person["name"]))
    problems = []
    for entries in bookings.values():
        for index, (session, item, name) in enumerate(entries):
            for _other_session, other, _ in entries[index + 1 :]:
                if other["id"] != item["id"] and _overlap(item, other):
                    problems.append(
                        Problem(
                            "person_double_booked",
                            session["id"],
                            item["id"],
                            {
                                "session": session["title"],
                                "person": name,
                                "item": item["title"],
                                "other": other["title"],
                            },
                        )
                    )
    return problems


def missing_rapporteur(session: dict) -> list[Problem]:
    has_one = session["rapporteurs"] or any(
        person["role"] == "rapporteur" for item in session["items"] for person in item["people"]
    )
    if session["kind"] in NEEDS_RAPPORTEUR and not has_one:
        return [Problem("no_rapporteur", session["id"], None, {"session": session["title"]})]
    return []


def night_for_iscms(session: dict) -> list[Problem]:
    start, end = _interval(session)
    return [
        Problem(
            "night_for_iscm",
            session["id"],
            None,
            {
                "session": session["title"],
                "iscm": iscm["acronym"],
                "zone": iscm["zone"],
                "local": start.astimezone(ZoneInfo(iscm["zone"])).strftime("%H:%M"),
            },
        )
        for iscm in session["iscms"]
        if iscm["zone"] and band(start, end, iscm["zone"]) == NIGHT
    ]


def problems(agenda: dict) -> list[Problem]:
    """Every problem of an agenda, session by session, then the people booked twice."""
    found: list[Problem] = []
    for session in agenda["sessions"]:
        if session["status"] == "cancelled":
            continue
        for check in (items_outside, overlapping_items, missing_rapporteur, night_for_iscms):
            found.extend(check(session))
    return found + double_booked(agenda)
