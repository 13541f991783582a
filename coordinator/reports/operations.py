"""Everything that changes rapporteur reports, their rapporteurs and summary reports.

Operations flush; the view commits. Every change is recorded in the audit log.
"""

import secrets

import sqlalchemy as sa
from flask_babel import gettext as _

from coordinator.audit.operations import diff, record
from coordinator.auth.models import ROLE_USER
from coordinator.auth.operations import create_user, get_user_by_email
from coordinator.core.concurrency import EditConflict, check_version
from coordinator.extensions import db
from coordinator.meetings import agenda
from coordinator.meetings.models import Meeting, MeetingRole, Session
from coordinator.meetings.operations import grant_role
from coordinator.participants.operations import record_export
from coordinator.reports import content as report_content
from coordinator.reports import queries
from coordinator.reports.models import (
    BUILT_IN_ANNEXES,
    RapporteurReport,
    ReportEvent,
    ReportRevision,
    SummaryQuote,
    SummaryReport,
    SummarySection,
)
from coordinator.reports.workflow import STEPS, WorkflowError, can_edit


class EmptyReport(WorkflowError):
    """A report submitted with nothing written in it."""


def floor_from_agenda(session: Session) -> list[tuple[str | None, str]]:
    """(ISCM slug, "Name, capacity") of each speaker of the session's items, once each, in agenda order."""
    seen, speakers = set(), []
    for item in session.items:
        for link in item.people:
            if link.role != "speaker" or link.person_id in seen:
                continue
            seen.add(link.person_id)
            speakers.append(
                (link.person.iscm.slug if link.person.iscm else None, agenda.appearance_text(link))
            )
    return speakers


def _facilitating(session: Session) -> list:
    """The appearances that facilitated or moderated the session's items, in agenda order."""
    return [
        link
        for item in session.items
        for link in item.people
        if link.role in ("facilitator", "co_facilitator", "moderator")
    ]


def _facilitators(session: Session) -> str:
    """Who facilitated or moderated the session's items, as the agenda names them, once each."""
    return "; ".join(dict.fromkeys(agenda.appearance_text(link) for link in _facilitating(session)))


def _facilitator_label(session: Session) -> str:
    """The agenda's own word for the facilitator ("Discussion Session Facilitator"), when it has one."""
    return next((link.role_label for link in _facilitating(session) if link.role_label), "")


def _iscm_label(iscm) -> str:
    return iscm.name if iscm.acronym in iscm.name else f"{iscm.name} ({iscm.acronym})"


def get_or_start_report(session: Session) -> RapporteurReport:
    """The session's report, started from the agenda when nobody has written one yet."""
    report = db.session.scalar(sa.select(RapporteurReport).where(RapporteurReport.session_id == session.id))
    if report is None:
        agenda_text = {
            "objective": session.objective,
            "guiding_questions": session.guiding_questions,
            "facilitator": _facilitators(session),
            "facilitator_label": _facilitator_label(session),
            "iscms": [_iscm_label(iscm) for iscm in session.iscms],
        }
        report = RapporteurReport(
            session=session, content=report_content.prefill(agenda_text, floor_from_agenda(session))
        )
        db.session.add(report)
        db.session.flush()
    return report


def _check_base(report: RapporteurReport, base_revision) -> None:
    """An editor opened on revision n may save only while n is still the latest."""
    try:
        base = int(base_revision)
    except (TypeError, ValueError):
        base = None
    if base != report.head:
        raise EditConflict(report)


def _add_revision(report: RapporteurReport, content: dict, author, origin: str) -> ReportRevision:
    report.head += 1
    revision = ReportRevision(
        report=report, number=report.head, content=content, author=author, origin=origin
    )
    report.content = content
    db.session.add(revision)
    return revision


def save_report(
    report: RapporteurReport,
    raw_content: dict,
    base_revision,
    author,
    actor: str | None,
    origin: str = "save",
) -> ReportRevision | None:
    """Store what was typed as a new revision; None when it is what the latest revision already says.

    A save of exactly the saved text is no conflict, even from an older base: the editor's save on leaving
    the page may reach the server after the reloaded page's own save of the same text.
    """
    if not can_edit(report.status, actor):
        raise WorkflowError(_("This report cannot be edited now."))
    content = report_content.normalise(raw_content)
    if report.head and content == report.content:
        return None
    _check_base(report, base_revision)
    revision = _add_revision(report, content, author, origin)
    db.session.flush()
    record("update", report, f"Rapporteur report of {report.session.title}: revision {revision.number}")
    return revision


def restore_revision(
    report: RapporteurReport, number: int, base_revision, author, actor: str | None
) -> ReportRevision:
    """Make an old revision's content the latest again, as a new revision (nothing is ever deleted)."""
    if not can_edit(report.status, actor):
        raise WorkflowError(_("This report cannot be edited now."))
    _check_base(report, base_revision)
    old = next((revision for revision in report.revisions if revision.number == number), None)
    if old is None:
        raise WorkflowError(_("There is no such revision."))
    revision = _add_revision(report, dict(old.content), author, f"restore of {number}")
    _event(report, "restore", report.status, "", author)
    db.session.flush()
    record("update", report, f"Rapporteur report of {report.session.title}: revision {number} restored")
    return revision


def _event(report: RapporteurReport, action: str, to_status: str, comment: str, user) -> ReportEvent:
    event = ReportEvent(
        report=report,
        action=action,
        from_status=report.status,
        to_status=to_status,
        comment=comment,
        revision=report.head,
        user=user,
    )
    db.session.add(event)
    return event


def take_step(
    report: RapporteurReport, action: str, user, actor: str | None, comment: str = ""
) -> tuple[ReportEvent, bool]:
    """Move the report along its workflow, refusing a step out of order, by the wrong person, or empty.

    (event, True) when the step made the final summary report that printed the report a draft again.
    """
    step = STEPS.get(action)
    if step is None or report.status not in step.from_statuses:
        raise WorkflowError(_("This step is not possible in the report's present state."))
    if actor not in step.actors:
        raise WorkflowError(_("Only the meeting's organizers may take this step."))
    comment = (comment or "").strip()
    if step.needs_comment and not comment:
        raise WorkflowError(_("Say what should change: the comment is required."))
    if action in ("submit", "resubmit") and report_content.is_empty(report.content):
        raise EmptyReport(_("The report is empty: write the notes of the session before submitting it."))
    event = _event(report, action, step.to_status, comment, user)
    report.status = step.to_status
    unmarked = action == "reopen" and _unmark_final_summary(report)
    db.session.flush()
    record(
        action, report, f"Rapporteur report of {report.session.title}: {event.from_status} → {step.to_status}"
    )
    return event, unmarked


def _unmark_final_summary(report: RapporteurReport) -> bool:
    """A final summary report prints the approved reports: one reopened would silently drop out of it, so the
    summary becomes a draft again until the organizers mark it final once more. True when it was final."""
    summary = queries.final_summary_printing_reports(report.session.meeting)
    if summary is None:
        return False
    summary.final = False
    record(
        "update",
        summary,
        f"Summary report of {summary.meeting.slug}: a draft again, "
        f"the report of {report.session.title} was reopened",
        {"final": [True, False]},
    )
    return True


def assign_rapporteur(meeting: Meeting, session: Session, email: str, name: str) -> tuple[MeetingRole, bool]:
    """Make an account the session's rapporteur; (role, True) when the account is new: it has a password
    nobody knows until its owner sets one from the invitation."""
    user = get_user_by_email(email)
    created = user is None
    if created:
        user = create_user(email, secrets.token_urlsafe(32), ROLE_USER, name=name.strip())
    return grant_role(meeting, user, "rapporteur", session), created


def remove_rapporteur(role: MeetingRole) -> None:
    record("delete", role, f"{role.user.email} is no longer rapporteur of {role.session.title}")
    db.session.delete(role)
    db.session.flush()


def audit_summary_download(summary: SummaryReport) -> None:
    """The summary report PDF prints the list of participants (Annex VI) when chosen: each download of it is an
    export of a participant list, logged as the participants' own exports are."""
    if "participants" in (summary.annexes or []):
        record_export(summary.meeting, "summary report (list of participants)")


def get_or_start_summary(meeting: Meeting) -> SummaryReport:
    """The meeting's summary report, started with the meeting's title and every built-in annex."""
    summary = db.session.scalar(sa.select(SummaryReport).where(SummaryReport.meeting_id == meeting.id))
    if summary is None:
        summary = SummaryReport(
            meeting=meeting,
            title=meeting.title,
            subtitle=meeting.subtitle or "",
            acronyms=[],
            annexes=list(BUILT_IN_ANNEXES),
        )
        db.session.add(summary)
        db.session.flush()
    return summary


SUMMARY_FIELDS = (
    "title",
    "subtitle",
    "date_line",
    "annexes",
    "final",
    "imprint",
    "annex_notes",
    "material_headings",
)
#: Longest heading of a group in the list of materials.
MAX_MATERIAL_HEADING = 300


def material_headings(summary: SummaryReport, typed: dict[str, str]) -> dict[str, str]:
    """{material id: heading} of the meeting's own materials: typed where the form had the field, else as saved;
    blank headings dropped."""
    saved = summary.material_headings or {}
    headings = {
        str(m.id): (typed.get(str(m.id), saved.get(str(m.id))) or "").strip()[:MAX_MATERIAL_HEADING]
        for m in summary.meeting.materials
    }
    return {material_id: heading for material_id, heading in headings.items() if heading}


def _stored_summary_values(values: dict) -> dict:
    """The form's values as the summary keeps them: annexes in their printed order, the imprint stripped, and
    only the annex notes that say something (the form always sends every annex's note, blank or not)."""
    return {
        **values,
        "annexes": [key for key in BUILT_IN_ANNEXES if key in values["annexes"]],
        "imprint": (values["imprint"] or "").strip(),
        "annex_notes": {
            key: text.strip() for key, text in values["annex_notes"].items() if (text or "").strip()
        },
    }


def update_summary(summary: SummaryReport, values: dict, version) -> None:
    """Cover, imprint, annexes and their notes, the final mark; refused when someone else saved since the form
    was opened. The audit log records what the stored values changed, so a save of the same form logs none."""
    check_version(summary, version)
    stored = _stored_summary_values(values)
    before = {name: getattr(summary, name) for name in SUMMARY_FIELDS}
    for name in SUMMARY_FIELDS:
        setattr(summary, name, stored[name])
    db.session.flush()
    record("update", summary, f"Summary report of {summary.meeting.slug}", diff(before, stored))


def set_acronyms(summary: SummaryReport, acronyms: list[dict], edited: bool, version) -> None:
    check_version(summary, version)
    changes = diff({"acronyms": summary.acronyms}, {"acronyms": acronyms})
    summary.acronyms, summary.acronyms_edited = acronyms, edited
    db.session.flush()
    record("update", summary, f"Acronyms of the summary report of {summary.meeting.slug}", changes)


def save_section(
    summary: SummaryReport, section: SummarySection | None, values: dict, version
) -> SummarySection:
    """Create a section at the end of its part, or update one opened on its current version."""
    if section is None:
        position = max((s.position for s in summary.sections), default=0) + 1
        section = SummarySection(summary=summary, position=position, key=values["key"])
        db.session.add(section)
        before = {}
    else:
        check_version(section, version)
        before = {name: getattr(section, name) for name in ("title", "level", "part", "body")}
    for name in ("title", "level", "part", "body"):
        setattr(section, name, values[name])
    db.session.flush()
    record(
        "update" if before else "create", section, f"Summary section {section.title}", diff(before, values)
    )
    return section


def delete_section(section: SummarySection) -> None:
    record("delete", section, f"Summary section {section.title}")
    db.session.delete(section)
    db.session.flush()


def move_section(section: SummarySection, offset: int) -> None:
    """Swap the section with its neighbour in the same part (-1 up, +1 down)."""
    siblings = section.summary.part(section.part)
    index = siblings.index(section)
    if 0 <= index + offset < len(siblings):
        other = siblings[index + offset]
        section.position, other.position = other.position, section.position
        db.session.flush()


def add_quote(section: SummarySection, speaker: str, words: str) -> SummaryQuote:
    position = max((q.position for q in section.quotes), default=0) + 1
    quote = SummaryQuote(section=section, speaker=speaker.strip(), words=words.strip(), position=position)
    db.session.add(quote)
    db.session.flush()
    record("create", quote, f"Quote of {quote.speaker} in {section.title}")
    return quote


def delete_quote(quote: SummaryQuote) -> None:
    record("delete", quote, f"Quote of {quote.speaker}")
    db.session.delete(quote)
    db.session.flush()
