"""Reading reports: a session's report, a user's sessions, a meeting's approved reports."""

import sqlalchemy as sa

from coordinator.core.http import child_or_404
from coordinator.extensions import db
from coordinator.iscms.models import Iscm
from coordinator.meetings.models import Meeting, MeetingRole, Session
from coordinator.reports.models import RapporteurReport, SummaryReport


def meeting_or_404(slug: str) -> Meeting:
    return db.first_or_404(sa.select(Meeting).where(Meeting.slug == slug))


def session_or_404(meeting: Meeting, session_id: int) -> Session:
    return child_or_404(Session, session_id, meeting_id=meeting.id)


def report_of(session: Session) -> RapporteurReport | None:
    return db.session.scalar(sa.select(RapporteurReport).where(RapporteurReport.session_id == session.id))


def summary_of(meeting: Meeting) -> SummaryReport | None:
    return db.session.scalar(sa.select(SummaryReport).where(SummaryReport.meeting_id == meeting.id))


def final_summary_printing_reports(meeting: Meeting) -> SummaryReport | None:
    """The meeting's summary report when it is final and its annexes print the approved rapporteur reports."""
    summary = summary_of(meeting)
    return summary if summary and summary.final and "rapporteur_reports" in (summary.annexes or []) else None


def rapporteur_roles(user) -> list[MeetingRole]:
    """The sessions a user is rapporteur of, newest meeting first."""
    if user is None or not user.is_authenticated:
        return []
    query = (
        sa.select(MeetingRole)
        .join(Session, MeetingRole.session_id == Session.id)
        .where(MeetingRole.user_id == user.id, MeetingRole.role == "rapporteur")
        .order_by(Session.starts_at.desc())
    )
    return list(db.session.scalars(query))


def reports_by_session(meeting: Meeting) -> dict[int, RapporteurReport]:
    query = sa.select(RapporteurReport).join(Session).where(Session.meeting_id == meeting.id)
    return {report.session_id: report for report in db.session.scalars(query)}


def approved_reports(meeting: Meeting) -> list[RapporteurReport]:
    """Approved reports in the order of their sessions: what the summary report annexes."""
    query = (
        sa.select(RapporteurReport)
        .join(Session)
        .where(Session.meeting_id == meeting.id, RapporteurReport.status == "approved")
        .order_by(Session.starts_at, Session.position)
    )
    return list(db.session.scalars(query))


def rapporteur_names(meeting: Meeting) -> dict[int, list[str]]:
    names: dict[int, list[str]] = {}
    for role in meeting.roles:
        if role.role == "rapporteur" and role.session_id:
            names.setdefault(role.session_id, []).append(role.user.display_name)
    return names


def iscm_names() -> dict[str, str]:
    """ISCM slug → acronym, for labelling floor and practice rows."""
    return dict(db.session.execute(sa.select(Iscm.slug, Iscm.acronym)).all())


def iscm_acronyms_and_names() -> list[tuple[str, str]]:
    return list(db.session.execute(sa.select(Iscm.acronym, Iscm.name)).all())
