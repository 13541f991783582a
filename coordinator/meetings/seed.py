"""GRCP 9 as demo data, from the project's own `data/grcp9.yaml`: meeting, sessions, agenda, people.

Idempotent: people are found by their key, the meeting by its slug; what exists is left alone.
The seeded agenda is released as version 1, so readers see it as the report published it.
"""

from datetime import date, datetime, time
from pathlib import Path

import sqlalchemy as sa
import yaml

from coordinator.core.timezones import local_to_utc
from coordinator.extensions import db
from coordinator.iscms.models import Iscm
from coordinator.meetings.models import APPEARANCE_FIELDS, AgendaItem, ItemPerson, Material, Meeting, Session
from coordinator.meetings.operations import release_agenda
from coordinator.people.models import PERSON_DETAILS, Person
from coordinator.people.queries import get_person_by_key

DATA_FILE = Path(__file__).parent / "data" / "grcp9.yaml"


def load_grcp9() -> dict:
    with open(DATA_FILE, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _iscms_by_slug() -> dict[str, Iscm]:
    return {iscm.slug: iscm for iscm in db.session.scalars(sa.select(Iscm))}


def referenced_iscm_slugs(data: dict) -> set[str]:
    """Every ISCM slug the file names: the meeting's, the sessions', the people's and the extra ones."""
    slugs = set(data["meeting"]["iscms"])
    slugs |= {slug for session in data["sessions"] for slug in session["iscms"]}
    slugs |= {person["iscm"] for person in data["people"] if person.get("iscm")}
    return slugs | {extra["slug"] for extra in data.get("extra_iscms", [])}


def unresolved_iscm_slugs(data: dict) -> set[str]:
    """Slugs the registry does not know; the seed skips them (a test keeps this empty)."""
    return referenced_iscm_slugs(data) - set(_iscms_by_slug())


def seed_people(data: dict, iscms: dict[str, Iscm]) -> int:
    created = 0
    for row in data["people"]:
        if get_person_by_key(row["key"]) is not None:
            continue
        person = Person(key=row["key"], **{name: row.get(name) for name in PERSON_DETAILS})
        person.given_name = person.given_name or ""
        person.iscm = iscms.get(row.get("iscm") or "")
        db.session.add(person)
        created += 1
    db.session.flush()
    return created


def _instant(value: str, zone: str) -> datetime:
    return local_to_utc(datetime.fromisoformat(value), zone)


def _item(row: dict, day: date, zone: str, position: int) -> AgendaItem:
    item = AgendaItem(
        kind=row["kind"],
        title=row["title"],
        description=row.get("description"),
        position=position,
        starts_at=local_to_utc(datetime.combine(day, time.fromisoformat(row["start"])), zone),
        ends_at=local_to_utc(datetime.combine(day, time.fromisoformat(row["end"])), zone),
    )
    item.people = [
        ItemPerson(
            person=get_person_by_key(link["person"]),
            position=index,
            **{name: link.get(name) for name in APPEARANCE_FIELDS},
        )
        for index, link in enumerate(row["people"])
    ]
    return item


def _session(row: dict, zone: str, iscms: dict[str, Iscm], position: int) -> Session:
    starts_at = _instant(row["start"], zone)
    day = datetime.fromisoformat(row["start"]).date()
    session = Session(
        title=row["title"],
        kind=row["kind"],
        starts_at=starts_at,
        ends_at=_instant(row["end"], zone),
        audience=row.get("audience"),
        interpretation=list(row.get("interpretation") or []),
        objective=row.get("objective"),
        guiding_questions=list(row.get("guiding_questions") or []),
        room=row.get("room"),
        position=position,
        iscms=[iscms[slug] for slug in row["iscms"] if slug in iscms],
    )
    session.items = [_item(item, day, zone, index) for index, item in enumerate(row["items"])]
    return session


def _meeting(row: dict, iscms: dict[str, Iscm]) -> Meeting:
    return Meeting(
        slug=row["slug"],
        number=row["number"],
        title=row["title"],
        subtitle=row.get("theme"),
        organiser=row.get("organiser"),
        kind="global_meeting",
        level="senior",
        format=row["format"],
        all_day=False,
        start_date=row["start_date"],
        end_date=row["end_date"],
        timezone=row["timezone"],
        platform=row.get("platform"),
        website=row.get("url"),
        languages=list(row.get("languages") or []),
        interpretation=list(row.get("languages") or []),
        visibility=row["visibility"],
        status=row["status"],
        description=(row.get("description") or "").strip(),
        objectives=row.get("objective") or "",
        guiding_questions=list(row.get("guiding_questions") or []),
        initiatives=["gcm", "imrf"],
        source="GRCP 9 Summary Report",
        iscms=[iscms[slug] for slug in row["iscms"] if slug in iscms],
        materials=[
            Material(title=m["title"], url=m.get("url"), description=m.get("description"), position=index)
            for index, m in enumerate(row.get("materials") or [])
        ],
    )


def seed_grcp9() -> dict[str, int]:
    """People, then the meeting with its agenda, released as version 1; nothing twice."""
    data = load_grcp9()
    iscms = _iscms_by_slug()
    counts = {"people": seed_people(data, iscms), "meetings": 0}
    row = data["meeting"]
    if db.session.scalar(sa.select(Meeting.id).where(Meeting.slug == row["slug"])) is not None:
        return counts
    meeting = _meeting(row, iscms)
    meeting.sessions = [
        _session(session, row["timezone"], iscms, index) for index, session in enumerate(data["sessions"])
    ]
    meeting.starts_at = min(session.starts_at for session in meeting.sessions)
    meeting.ends_at = max(session.ends_at for session in meeting.sessions)
    db.session.add(meeting)
    db.session.flush()
    release_agenda(meeting, "As published in the GRCP 9 Summary Report (Annex IV).")
    counts["meetings"] = 1
    return counts
