"""Reading meetings: by slug, the filtered list, releases, and the zones a reader asked for."""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from coordinator.core.timezones import is_known_zone
from coordinator.extensions import db
from coordinator.iscms.models import Iscm
from coordinator.meetings.access import visible_meetings_clause
from coordinator.meetings.models import AgendaRelease, Meeting, meeting_iscms


def get_meeting(slug: str) -> Meeting | None:
    return db.session.scalar(sa.select(Meeting).where(Meeting.slug == slug))


def all_iscms() -> list[Iscm]:
    return list(db.session.scalars(sa.select(Iscm).order_by(Iscm.acronym)))


@dataclass(frozen=True)
class MeetingFilter:
    """The list's filters, from the query string: upcoming or past, an ISCM, a status, words."""

    when: str = "upcoming"
    iscm: str = ""
    status: str = ""
    q: str = ""

    @classmethod
    def from_args(cls, args) -> "MeetingFilter":
        when = args.get("when", "upcoming")
        return cls(
            when=when if when in ("upcoming", "past", "all") else "upcoming",
            iscm=args.get("iscm", ""),
            status=args.get("status", ""),
            q=args.get("q", "").strip(),
        )


def list_meetings(user, flt: MeetingFilter, today: date) -> list[Meeting]:
    """Meetings the user may see that have sessions or dates: upcoming soonest first, past latest first."""
    query = sa.select(Meeting).where(visible_meetings_clause(user), Meeting.start_date.is_not(None))
    last_day = sa.func.coalesce(Meeting.end_date, Meeting.start_date)
    if flt.when == "upcoming":
        query = query.where(last_day >= today).order_by(Meeting.start_date, Meeting.title)
    else:
        if flt.when == "past":
            query = query.where(last_day < today)
        query = query.order_by(Meeting.start_date.desc(), Meeting.title)
    if flt.iscm:
        query = query.where(
            Meeting.id.in_(
                sa.select(meeting_iscms.c.meeting_id)
                .join(Iscm, Iscm.id == meeting_iscms.c.iscm_id)
                .where(Iscm.slug == flt.iscm)
            )
        )
    if flt.status:
        query = query.where(Meeting.status == flt.status)
    if flt.q:
        pattern = f"%{flt.q.lower()}%"
        query = query.where(
            sa.or_(
                sa.func.lower(Meeting.title).like(pattern),
                sa.func.lower(Meeting.number).like(pattern),
                sa.func.lower(Meeting.subtitle).like(pattern),
            )
        )
    return list(db.session.scalars(query.limit(500)))


def get_release(meeting: Meeting, number: int) -> AgendaRelease | None:
    return db.session.scalar(
        sa.select(AgendaRelease).where(AgendaRelease.meeting_id == meeting.id, AgendaRelease.number == number)
    )


def all_releases(meeting: Meeting) -> list[AgendaRelease]:
    return list(
        db.session.scalars(
            sa.select(AgendaRelease)
            .where(AgendaRelease.meeting_id == meeting.id)
            .order_by(AgendaRelease.number.desc())
        )
    )


def reader_zones(requested: list[str], reference_zone: str, saved: str | None) -> tuple[list[str], list[str]]:
    """(zones to show after the reference zone, unknown names asked for).

    `?tz=` wins; without it, the signed-in reader's saved zone. The reference zone is never repeated; how
    many columns they make is the layout's business (agenda.zone_columns).
    """
    asked = [name.strip() for name in requested if name.strip()]
    unknown = [name for name in asked if not is_known_zone(name)]
    chosen = [name for name in asked if is_known_zone(name)] or (
        [saved] if saved and is_known_zone(saved) else []
    )
    return [name for name in dict.fromkeys(chosen) if name != reference_zone], unknown
