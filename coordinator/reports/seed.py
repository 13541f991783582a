"""GRCP 9's summary report and both rapporteur reports (Annex VIII, approved), from `data/grcp9_report.yaml`.

Runs after the meetings and participants seeds; idempotent: a report or summary that exists is left alone.
Demo accounts show the workflow: an organizer of GRCP 9 and the rapporteur of each discussion session.
"""

from pathlib import Path

import sqlalchemy as sa
import yaml

from coordinator.auth.models import ROLE_USER
from coordinator.auth.operations import create_user, get_user_by_email
from coordinator.extensions import db
from coordinator.meetings.models import Meeting, Session
from coordinator.meetings.operations import grant_role
from coordinator.meetings.seed import load_grcp9
from coordinator.reports import content as report_content
from coordinator.reports.models import (
    BUILT_IN_ANNEXES,
    RapporteurReport,
    ReportEvent,
    ReportRevision,
    SummaryQuote,
    SummaryReport,
    SummarySection,
)

DATA_FILE = Path(__file__).parent / "data" / "grcp9_report.yaml"
MEETING_SLUG = "grcp-9"
#: The report's session codes and the agenda's session keys.
SESSION_KEYS = {"ds1": "discussion-1", "ds2": "discussion-2"}
#: (email, password, name, what the account does on GRCP 9): listed in the README's demo logins.
DEMO_ACCOUNTS = (
    ("organizer@example.org", "demo-organizer-password", "Demo Organizer", "organizer"),
    ("rapporteur1@example.org", "demo-rapporteur-password", "Demo Rapporteur 1", "discussion-1"),
    ("rapporteur2@example.org", "demo-rapporteur-password", "Demo Rapporteur 2", "discussion-2"),
)


def load_report_data() -> dict:
    with open(DATA_FILE, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _sessions_by_key(meeting: Meeting) -> dict[str, Session]:
    """The meetings seed stores the agenda's sessions in the data file's order, as their position."""
    keys = [row["key"] for row in load_grcp9()["sessions"]]
    return {keys[s.position]: s for s in meeting.sessions if s.position < len(keys)}


def _account(email: str, password: str, name: str):
    return get_user_by_email(email) or create_user(email, password, ROLE_USER, name=name)


def _seed_accounts(meeting: Meeting, sessions: dict[str, Session]) -> dict[str, object]:
    users = {}
    for email, password, name, duty in DEMO_ACCOUNTS:
        user = users[duty] = _account(email, password, name)
        if duty == "organizer":
            grant_role(meeting, user, "organizer")
        elif duty in sessions:
            grant_role(meeting, user, "rapporteur", sessions[duty])
    return users


def _approved_report(session: Session, row: dict, rapporteur, organizer) -> RapporteurReport:
    """The report as Annex VIII prints it: one revision by its rapporteur, submitted, then approved."""
    content = report_content.normalise({"objective": session.objective or "", **row})
    report = RapporteurReport(session=session, content=content, head=1, status="approved")
    report.revisions = [ReportRevision(number=1, content=content, author=rapporteur, origin="save")]
    report.events = [
        ReportEvent(action="submit", from_status="draft", to_status="submitted", revision=1, user=rapporteur),
        ReportEvent(
            action="approve", from_status="submitted", to_status="approved", revision=1, user=organizer
        ),
    ]
    return report


def _material_headings(meeting: Meeting, by_title: dict[str, str]) -> dict[str, str]:
    """The data file names the material a heading stands over by its title; the report keeps its id."""
    return {str(m.id): by_title[m.title] for m in meeting.materials if m.title in by_title}


def _summary(meeting: Meeting, data: dict) -> SummaryReport:
    summary = SummaryReport(
        meeting=meeting,
        title=data["title"],
        subtitle=data["subtitle"],
        date_line=data["date_line"],
        imprint=data["imprint"].strip(),
        acronyms=data["acronyms"],
        acronyms_edited=True,
        annexes=list(BUILT_IN_ANNEXES),
        annex_notes=data["annex_notes"],
        final=True,
        material_headings=_material_headings(meeting, data["material_headings"]),
    )
    sections = {}
    for position, row in enumerate(data["sections"], start=1):
        sections[row["key"]] = SummarySection(
            key=row["key"],
            title=row["title"],
            level=row["level"],
            part="body",
            body=row["body"].strip(),
            position=position,
        )
    for position, (key, row) in enumerate(data["annexes"].items(), start=len(sections) + 1):
        sections[key] = SummarySection(
            key=key.replace("_", "-"),
            title=row["title"],
            level=1,
            part="annex",
            body=row["body"].strip(),
            position=position,
        )
    for position, row in enumerate(data["quotes"], start=1):
        sections[row["section"]].quotes.append(
            SummaryQuote(speaker=row["speaker"], words=row["words"], position=position)
        )
    summary.sections = list(sections.values())
    return summary


def seed_reports() -> dict[str, int]:
    """Both approved rapporteur reports and the summary report of GRCP 9; nothing when GRCP 9 is not loaded."""
    meeting = db.session.scalar(sa.select(Meeting).where(Meeting.slug == MEETING_SLUG))
    counts = {"rapporteur reports": 0, "summary reports": 0}
    if meeting is None:
        return counts
    data = load_report_data()
    sessions = _sessions_by_key(meeting)
    users = _seed_accounts(meeting, sessions)
    for row in data["rapporteur_reports"]:
        key = SESSION_KEYS[row["session"]]
        session = sessions[key]
        exists = db.session.scalar(
            sa.select(RapporteurReport.id).where(RapporteurReport.session_id == session.id)
        )
        if exists is None:
            db.session.add(_approved_report(session, row, users[key], users["organizer"]))
            counts["rapporteur reports"] += 1
    if db.session.scalar(sa.select(SummaryReport.id).where(SummaryReport.meeting_id == meeting.id)) is None:
        db.session.add(_summary(meeting, data))
        counts["summary reports"] = 1
    db.session.flush()
    return counts
