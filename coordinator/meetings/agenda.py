"""The agenda as plain data: a snapshot of sessions and items, and its layout in several time zones.

A snapshot is what a release freezes and what every agenda page, the PDF and the changes list read:
plain dicts and lists (JSON), times as ISO strings in UTC. The working copy is snapshotted the same
way, so organizers and readers see one layout.
"""

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo


def _iso(instant: datetime) -> str:
    return instant.isoformat()


def _not_in(text: str, parts) -> list[str]:
    """The parts the text does not already contain (a capacity often repeats the position or organisation)."""
    return [part for part in parts if part and part.casefold() not in text.casefold()]


def appearance(link) -> dict:
    """One appearance as plain data: the name it is printed under, the role and its label, the directory's
    position and organisation less what the capacity already says, the capacity, and the agenda's own
    wording (listed_as), which `described` prints in place of the rest."""
    person, capacity = link.person, link.capacity or ""
    return {
        "person_id": person.id,
        "name": link.listed_name or person.name_with_honorific,
        "role": link.role,
        "role_label": link.role_label or "",
        "position": ", ".join(_not_in(capacity, (person.position, person.organisation))),
        "delivery": link.delivery,
        "capacity": capacity,
        "listed_as": link.listed_as or "",
    }


def _plain_speaker(person: dict) -> bool:
    return person["role"] == "speaker" and not person.get("role_label")


def annex_blocks(people: list[dict]) -> list[tuple[str, list[dict]]]:
    """An item's people as Annex IV prints them: ("labelled", [p]) with the role before the name;
    ("statements", [...]) for two or more speakers in a row, under "Statements by:"; ("alone", [p]) for a
    lone speaker, whom the item's title introduces."""
    blocks: list[tuple[str, list[dict]]] = []
    for person in people:
        if _plain_speaker(person) and blocks and blocks[-1][0] in ("alone", "statements"):
            blocks[-1] = ("statements", [*blocks[-1][1], person])
        else:
            blocks.append(("alone" if _plain_speaker(person) else "labelled", [person]))
    return blocks


def described(person: dict) -> str:
    """What follows an appearance's name: its own wording, else position and capacity (older releases included)."""
    if person.get("listed_as"):
        return person["listed_as"]
    return ", ".join(part for part in (person["position"], person["capacity"]) if part)


def appearance_text(link) -> str:
    """ "Name, wording" of one appearance as the agenda prints it, for text that names people as the agenda does."""
    person = appearance(link)
    return ", ".join(part for part in (person["name"], described(person)) if part)


def _item(item) -> dict:
    return {
        "id": item.id,
        "kind": item.kind,
        "title": item.title,
        "description": item.description or "",
        "starts_at": _iso(item.starts_at),
        "ends_at": _iso(item.ends_at),
        "people": [appearance(link) for link in item.people],
    }


def _session(session, rapporteur_names: list[str]) -> dict:
    return {
        "id": session.id,
        "title": session.title,
        "kind": session.kind,
        "status": session.status,
        "starts_at": _iso(session.starts_at),
        "ends_at": _iso(session.ends_at),
        "audience": session.audience or "",
        "interpretation": list(session.interpretation or []),
        "objective": session.objective or "",
        "guiding_questions": list(session.guiding_questions or []),
        "room": session.room or "",
        "link": session.link or "",
        "track": session.track or "",
        "iscms": [
            {"slug": iscm.slug, "acronym": iscm.acronym, "zone": iscm.home_timezone} for iscm in session.iscms
        ],
        "rapporteurs": rapporteur_names,
        "items": [_item(item) for item in session.items],
    }


def snapshot(meeting) -> dict:
    """The meeting's working agenda as plain data (what a release keeps)."""
    rapporteurs: dict[int, list[str]] = {}
    for role in meeting.roles:
        if role.role == "rapporteur" and role.session_id:
            rapporteurs.setdefault(role.session_id, []).append(role.user.display_name)
    sessions = sorted(meeting.sessions, key=lambda s: (s.starts_at, s.position, s.id))
    return {
        "timezone": meeting.timezone,
        "sessions": [_session(s, rapporteurs.get(s.id, [])) for s in sessions],
    }


def parse(value: str) -> datetime:
    return datetime.fromisoformat(value)


@dataclass(frozen=True)
class ZoneTime:
    """A time range in one zone, with the days it lies after the agenda day (+1 day marks)."""

    zone: str
    starts_at: datetime
    ends_at: datetime
    start_shift: int
    end_shift: int


def zone_times(starts_at: datetime, ends_at: datetime, day: date, zones: list[str]) -> list[ZoneTime]:
    result = []
    for name in zones:
        tz = ZoneInfo(name)
        local_start, local_end = starts_at.astimezone(tz), ends_at.astimezone(tz)
        result.append(
            ZoneTime(
                name, local_start, local_end, (local_start.date() - day).days, (local_end.date() - day).days
            )
        )
    return result


def _with_times(session: dict, zones: list[str]) -> dict:
    """A session of the snapshot with datetimes and the times in each zone, on its reference day."""
    starts_at, ends_at = parse(session["starts_at"]), parse(session["ends_at"])
    day = starts_at.astimezone(ZoneInfo(zones[0])).date()
    items = [
        {**item, "times": zone_times(parse(item["starts_at"]), parse(item["ends_at"]), day, zones)}
        for item in session["items"]
    ]
    return {
        **session,
        "day": day,
        "start": starts_at,
        "end": ends_at,
        "items": items,
        "times": zone_times(starts_at, ends_at, day, zones),
    }


def _parallel_groups(sessions: list[dict]) -> list[list[dict]]:
    """Sessions that overlap in time, grouped to be shown side by side as tracks."""
    groups: list[list[dict]] = []
    group_end = None
    for session in sorted(sessions, key=lambda s: (s["start"], s["track"], s["id"])):
        if groups and session["start"] < group_end:
            groups[-1].append(session)
            group_end = max(group_end, session["end"])
        else:
            groups.append([session])
            group_end = session["end"]
    return groups


def layout(agenda: dict, zones: list[str]) -> list[dict]:
    """Days (in the reference zone, zones[0]) of groups of parallel sessions, every time in every zone."""
    sessions = [_with_times(session, zones) for session in agenda["sessions"]]
    days: dict[date, list[dict]] = {}
    for session in sessions:
        days.setdefault(session["day"], []).append(session)
    return [{"day": day, "groups": _parallel_groups(days[day])} for day in sorted(days)]


#: Columns of other zones an agenda shows at most beside the reference zone; the page names those left out.
MAX_ZONE_COLUMNS = 8


@dataclass(frozen=True)
class ZoneColumn:
    """Zones showing the same local times all through an agenda: one column, named by all of them."""

    zones: tuple[str, ...]

    @property
    def zone(self) -> str:
        return self.zones[0]

    @property
    def cities(self) -> str:
        """The zones' last parts as people say them: "Costa Rica, El Salvador"."""
        return ", ".join(zone.rsplit("/", 1)[-1].replace("_", " ") for zone in self.zones)


def zone_layout(agenda: dict | None, columns: list[ZoneColumn], left_out: list[str]) -> dict:
    """What an agenda page and the PDF show in these columns: the columns, the zones left out, and the days with
    every time in each column's zone (none before the first release)."""
    days = layout(agenda, [column.zone for column in columns]) if agenda else []
    return {"columns": columns, "left_out_zones": left_out, "days": days}


def _instants(agenda: dict) -> list[datetime]:
    return [
        parse(entry[key])
        for session in agenda["sessions"]
        for entry in (session, *session["items"])
        for key in ("starts_at", "ends_at")
    ]


def zone_columns(agenda: dict, zones: list[str]) -> tuple[list[ZoneColumn], list[str]]:
    """(columns, zones left out): zones with the same offsets at every start and end of the agenda share a
    column (the reference zone's, zones[0], first); beyond MAX_ZONE_COLUMNS other columns, zones are left out."""
    instants = _instants(agenda)
    by_offsets: dict[tuple, list[str]] = {}
    for name in dict.fromkeys(zones):
        tz = ZoneInfo(name)
        offsets = tuple(instant.astimezone(tz).utcoffset() for instant in instants) or (name,)
        by_offsets.setdefault(offsets, []).append(name)
    columns = [ZoneColumn(tuple(group)) for group in by_offsets.values()]
    kept = columns[: MAX_ZONE_COLUMNS + 1]
    return kept, [zone for column in columns[MAX_ZONE_COLUMNS + 1 :] for zone in column.zones]


def session_zones(agenda: dict, session_id: int) -> list[str]:
    """The home zones of one session's ISCMs, each once, in order."""
    for session in agenda["sessions"]:
        if session["id"] == session_id:
            return list(dict.fromkeys(iscm["zone"] for iscm in session["iscms"] if iscm["zone"]))
    return []
