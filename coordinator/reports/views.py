"""Rapporteur reports (assignment, editor, autosave, revisions, workflow) and the summary report (page, PDF, editing).

Every view: load (404) → check access (403, with the reason) → act; operations flush, views commit.
"""

import difflib

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, send_file, url_for
from flask import session as browser_session
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user
from markupsafe import Markup
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from coordinator.auth.operations import set_password
from coordinator.core.concurrency import EditConflict
from coordinator.core.http import child_or_404
from coordinator.exporting.jobs import DONE, QUEUED, RUNNING, build_status, stored_or_requested, waiting_page
from coordinator.extensions import db
from coordinator.meetings.access import (
    can_manage_meeting,
    can_view_rapporteur_report,
    can_view_summary_report,
    report_actor,
)
from coordinator.reports import acronyms as acronym_lists
from coordinator.reports import content as report_content
from coordinator.reports import operations, queries
from coordinator.reports.document import agenda_rapporteur, build_document, derived_acronyms
from coordinator.reports.forms import (
    PART_FIELDS,
    AcronymsForm,
    AssignRapporteurForm,
    QuoteForm,
    SectionForm,
    SetPasswordForm,
    StepForm,
    SummaryForm,
)
from coordinator.reports.invitations import make_token, read_token
from coordinator.reports.models import SummaryQuote, SummarySection
from coordinator.reports.pdf import build_request, filename, pending_request
from coordinator.reports.workflow import STEPS, WorkflowError, available_steps, can_edit, submit_action

bp = Blueprint("reports", __name__)


@bp.app_template_global()
def my_rapporteur_roles():
    """The signed-in user's rapporteur sessions, for the home page and the menu."""
    return queries.rapporteur_roles(current_user)


def _default_headings() -> dict[str, str]:
    return {part: str(label) for part, label in report_content.PART_HEADINGS.items()}


bp.add_app_template_global(report_content.rapporteur_line, "report_rapporteur_line")


@bp.app_template_global()
def report_parts(content, rapporteur=None) -> list[dict]:
    """A rapporteur report's parts in its order, each with the heading it prints under (in the reader's language)
    and whether it has anything to print."""
    return report_content.printed_parts(content, _default_headings(), rapporteur)


@bp.app_template_filter()
def lead_with(html: Markup, lead: Markup) -> Markup:
    """Rendered Markdown with `lead` (an ISCM tag) at the start of its first paragraph, on the same line as the text."""
    if html.startswith("<p>"):
        return Markup("<p>") + lead + " " + html[len("<p>") :]
    return lead + " " + html


def _typed_content():
    return report_content.from_form(request.form, _default_headings())


# Loading and access ----------------------------------------------------------------------------------


def _manageable_meeting(slug: str):
    meeting = queries.meeting_or_404(slug)
    if not can_manage_meeting(current_user, meeting):
        abort(403, description=_("Only the meeting's organizers may do this."))
    return meeting


def _session_and_actor(slug: str, session_id: int, need_actor: bool = True):
    meeting = queries.meeting_or_404(slug)
    session = queries.session_or_404(meeting, session_id)
    actor = report_actor(current_user, session)
    if need_actor and actor is None:
        abort(
            403,
            description=_(
                "Only this session's rapporteur and the meeting's organizers may work on its report."
            ),
        )
    return meeting, session, actor


def _conflict_message() -> str:
    """Two people acting on one report at the same moment: the second one is refused and nothing changes."""
    return _(
        "Someone else changed this report at the same moment: nothing was changed. It is shown as it stands "
        "now; look at it, then try again."
    )


def _report_url(session, endpoint: str = "reports.show", **values) -> str:
    return url_for(endpoint, slug=session.meeting.slug, session_id=session.id, **values)


# Rapporteurs -------------------------------------------------------------------------------------------


@login_required
def my_sessions():
    roles = queries.rapporteur_roles(current_user)
    reports = {role.session_id: queries.report_of(role.session) for role in roles}
    return render_template("reports/my_sessions.html", roles=roles, reports=reports)


def _assign_form(meeting) -> AssignRapporteurForm:
    form = AssignRapporteurForm()
    form.session_id.choices = [(s.id, s.title) for s in meeting.sessions]
    return form


def _rapporteurs_page(meeting, form, invitation_url=None, status=200):
    reports = queries.reports_by_session(meeting)
    roles = [r for r in meeting.roles if r.role == "rapporteur"]
    return render_template(
        "reports/rapporteurs.html",
        meeting=meeting,
        form=form,
        reports=reports,
        roles=roles,
        invitation_url=invitation_url,
    ), status


@login_required
def rapporteurs(slug):
    meeting = _manageable_meeting(slug)
    return _rapporteurs_page(meeting, _assign_form(meeting))


@login_required
def assign(slug):
    meeting = _manageable_meeting(slug)
    form = _assign_form(meeting)
    if not form.validate_on_submit():
        return _rapporteurs_page(meeting, form, status=400)
    session = queries.session_or_404(meeting, form.session_id.data)
    role, created = operations.assign_rapporteur(meeting, session, form.email.data, form.name.data or "")
    db.session.commit()
    if not created:
        flash(
            _("%(email)s is now rapporteur of %(session)s.", email=role.user.email, session=session.title),
            "success",
        )
        return redirect(url_for("reports.rapporteurs", slug=slug))
    link = url_for("reports.accept_invitation", token=make_token(role.user), _external=True)
    flash(
        _("An account was made for %(email)s. Send them the invitation link below.", email=role.user.email),
        "success",
    )
    return _rapporteurs_page(meeting, _assign_form(meeting), invitation_url=link)


@login_required
def unassign(slug, role_id):
    meeting = _manageable_meeting(slug)
    role = next((r for r in meeting.roles if r.id == role_id and r.role == "rapporteur"), None)
    if role is None:
        abort(404)
    operations.remove_rapporteur(role)
    db.session.commit()
    flash(_("The rapporteur was removed; the report and its revisions stay."), "info")
    return redirect(url_for("reports.rapporteurs", slug=slug))


def accept_invitation(token):
    user = read_token(token)
    if user is None:
        abort(
            404,
            description=_("This invitation link is not valid any more: ask the organizers for a new one."),
        )
    form = SetPasswordForm()
    if form.validate_on_submit():
        set_password(user, form.new_password.data)
        db.session.commit()
        login_user(user)
        flash(_("Your password is set. Here are the sessions you are rapporteur of."), "success")
        return redirect(url_for("reports.my_sessions"))
    return render_template("reports/invitation.html", form=form, user=user), 400 if form.errors else 200


# One rapporteur report ------------------------------------------------------------------------------


def show(slug, session_id):
    meeting, session, actor = _session_and_actor(slug, session_id, need_actor=False)
    report = queries.report_of(session)
    if not can_view_rapporteur_report(current_user, session, report):
        abort(403, description=_("This report is visible once the organizers approve it."))
    if report is None:
        report = operations.get_or_start_report(session)
        db.session.commit()
    return render_template(
        "reports/show.html",
        meeting=meeting,
        session=session,
        report=report,
        agenda_rapporteur=agenda_rapporteur(report),
        actor=actor,
        steps=available_steps(report.status, actor),
        editable=can_edit(report.status, actor),
        step_form=StepForm(),
        iscm_names=queries.iscm_names(),
        submit_step=submit_action(report.status),
        summary_final="reopen" in available_steps(report.status, actor)
        and queries.final_summary_printing_reports(meeting) is not None,
    )


def _editor(meeting, session, report, actor, content, base, conflict=None, status=200):
    return render_template(
        "reports/edit.html",
        meeting=meeting,
        session=session,
        report=report,
        actor=actor,
        rows=report_content.with_spare_rows(content),
        agenda_rapporteur=agenda_rapporteur(report),
        part_fields=PART_FIELDS,
        base=base,
        conflict=conflict,
        iscms=sorted(queries.iscm_names().items(), key=lambda pair: pair[1].casefold()),
        iscm_names=queries.iscm_names(),
    ), status


def _refuse_if_not_editable(report, actor):
    if not can_edit(report.status, actor):
        abort(
            403,
            description=_(
                "This report cannot be edited in its present state (%(status)s).", status=report.status
            ),
        )


@login_required
def edit(slug, session_id):
    meeting, session, actor = _session_and_actor(slug, session_id)
    report = operations.get_or_start_report(session)
    db.session.commit()
    _refuse_if_not_editable(report, actor)
    if request.method == "GET":
        return _editor(meeting, session, report, actor, report.content, report.head)
    typed = _typed_content()
    try:
        revision = operations.save_report(
            report, typed, request.form.get("base_revision"), current_user, actor
        )
        db.session.commit()
    except (EditConflict, IntegrityError, StaleDataError):
        db.session.rollback()
        return _editor(
            meeting,
            session,
            report,
            actor,
            typed,
            request.form.get("base_revision"),
            conflict=report,
            status=409,
        )
    flash(
        _("Saved as revision %(number)d.", number=revision.number) if revision else _("Nothing changed."),
        "success",
    )
    return redirect(_report_url(session, "reports.edit"))


@login_required
def autosave(slug, session_id):
    """The editor's script posts the form here as the rapporteur types; a stale base is refused with 409."""
    meeting, session, actor = _session_and_actor(slug, session_id)
    report = operations.get_or_start_report(session)
    if not can_edit(report.status, actor):
        return jsonify(error={"code": 403, "message": _("This report cannot be edited now.")}), 403
    try:
        revision = operations.save_report(
            report,
            _typed_content(),
            request.form.get("base_revision"),
            current_user,
            actor,
            origin="autosave",
        )
        db.session.commit()
    except (EditConflict, IntegrityError, StaleDataError):
        db.session.rollback()
        message = _(
            "Someone saved this report in another window or tab since you opened it. Nothing was "
            "overwritten: copy your text, reload the page, and add it again."
        )
        return jsonify(error={"code": 409, "message": message}, head=report.head), 409
    return jsonify(revision=report.head, saved=revision is not None)


@login_required
def step(slug, session_id, action):
    meeting, session, actor = _session_and_actor(slug, session_id)
    if actor not in STEPS[action].actors:
        abort(
            403, description=_("Only the meeting's organizers may request changes to a report or approve it.")
        )
    report = operations.get_or_start_report(session)
    form = StepForm()
    if not form.validate_on_submit():
        return show(slug, session_id), 400
    try:
        _event, summary_unmarked = operations.take_step(
            report, action, current_user, actor, form.comment.data or ""
        )
        db.session.commit()
    except WorkflowError as error:
        db.session.rollback()
        flash(str(error), "error")
        return show(slug, session_id), 400
    except (IntegrityError, StaleDataError):
        db.session.rollback()
        flash(_conflict_message(), "error")
        return show(slug, session_id), 409
    flash(_("The report is now: %(status)s.", status=_status_label(report.status)), "success")
    if summary_unmarked:
        flash(
            _(
                "The summary report was final and printed this report: it is a draft again. Mark it final once "
                "the report is approved again."
            ),
            "info",
        )
    return redirect(_report_url(session))


def _status_label(status: str) -> str:
    return {
        "draft": _("draft"),
        "submitted": _("submitted"),
        "changes_requested": _("changes requested"),
        "resubmitted": _("resubmitted"),
        "approved": _("approved"),
    }[status]


def _revisions_page(meeting, session, actor):
    report = operations.get_or_start_report(session)
    db.session.commit()
    return render_template(
        "reports/revisions.html",
        meeting=meeting,
        session=session,
        report=report,
        editable=can_edit(report.status, actor),
    )


@login_required
def revisions(slug, session_id):
    return _revisions_page(*_session_and_actor(slug, session_id))


def _revision_or_404(report, number):
    revision = next((r for r in report.revisions if r.number == number), None)
    if revision is None:
        abort(404)
    return revision


def diff_lines(old: dict, new: dict, iscm_names: dict) -> list[tuple[str, str]]:
    """(" ", "-" or "+", line) pairs of the changes between two contents, with a little context."""
    a, b = report_content.as_lines(old, iscm_names), report_content.as_lines(new, iscm_names)
    return [(line[0], line[2:]) for line in difflib.ndiff(a, b) if line[0] in " -+"]


@login_required
def revision(slug, session_id, number):
    meeting, session, actor = _session_and_actor(slug, session_id)
    report = operations.get_or_start_report(session)
    shown = _revision_or_404(report, number)
    against_number = request.args.get("against", type=int, default=number - 1)
    against = next((r for r in report.revisions if r.number == against_number), None)
    lines = diff_lines(against.content if against else {}, shown.content, queries.iscm_names())
    return render_template(
        "reports/revision.html",
        meeting=meeting,
        session=session,
        report=report,
        shown=shown,
        against=against,
        lines=lines,
        editable=can_edit(report.status, actor),
    )


@login_required
def restore(slug, session_id, number):
    meeting, session, actor = _session_and_actor(slug, session_id)
    report = operations.get_or_start_report(session)
    _revision_or_404(report, number)
    try:
        operations.restore_revision(report, number, request.form.get("base_revision"), current_user, actor)
        db.session.commit()
    except EditConflict:
        db.session.rollback()
        flash(
            _(
                "A newer revision was saved since you opened this page: nothing was restored. Look at the "
                "latest revision first."
            ),
            "error",
        )
        return redirect(_report_url(session, "reports.revisions")), 303
    except WorkflowError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(_report_url(session, "reports.revisions")), 303
    except (IntegrityError, StaleDataError):
        db.session.rollback()
        flash(_conflict_message(), "error")
        return _revisions_page(meeting, session, actor), 409
    flash(
        _("Revision %(number)d is restored as revision %(head)d.", number=number, head=report.head), "success"
    )
    return redirect(_report_url(session, "reports.edit"))


# The summary report --------------------------------------------------------------------------------


def _readable_summary(slug):
    meeting = queries.meeting_or_404(slug)
    summary = queries.summary_of(meeting)
    if not can_view_summary_report(current_user, meeting, summary):
        abort(
            403, description=_("The summary report is shown to everyone once the organizers mark it final.")
        )
    if summary is None:
        if not can_manage_meeting(current_user, meeting):
            abort(404, description=_("The organizers have not started the summary report yet."))
        summary = operations.get_or_start_summary(meeting)
        db.session.commit()
    return meeting, summary


def summary(slug):
    meeting, summary = _readable_summary(slug)
    return render_template(
        "reports/summary.html",
        meeting=meeting,
        summary=summary,
        doc=build_document(summary),
        can_manage=can_manage_meeting(current_user, meeting),
    )


PENDING = "summary_pdf_builds"


def _pending_slot(summary) -> str:
    return f"{summary.id}:{get_locale()}"


def _pending_build(summary):
    """The build this reader is waiting for, while it is queued or running: its key is remembered in their
    session, so a look at the waiting page does not gather the whole document again to find it."""
    key = browser_session.get(PENDING, {}).get(_pending_slot(summary))
    if key is None:
        return None
    build = pending_request(summary, key)
    return build if build_status(build).state in (DONE, QUEUED, RUNNING) else None


def _remember_pending(summary, build) -> None:
    browser_session[PENDING] = {**browser_session.get(PENDING, {}), _pending_slot(summary): build.key}


def _forget_pending(summary) -> None:
    pending = browser_session.get(PENDING, {})
    if _pending_slot(summary) in pending:
        browser_session[PENDING] = {
            slot: key for slot, key in pending.items() if slot != _pending_slot(summary)
        }


def summary_pdf(slug):
    """Served from the export store when built from the same content; otherwise built off the request, the
    reader waiting on a page that looks again every few seconds."""
    meeting, summary = _readable_summary(slug)
    build = _pending_build(summary) or build_request(summary)
    path, status = stored_or_requested(build)
    if status.state in (QUEUED, RUNNING):
        _remember_pending(summary, build)
    else:
        _forget_pending(summary)
    if path is None:
        return waiting_page(
            _("Summary report (PDF)"), status, url_for("reports.summary_pdf", slug=meeting.slug)
        )
    operations.audit_summary_download(summary)
    db.session.commit()
    return send_file(
        path, mimetype="application/pdf", download_name=filename(summary), max_age=0, etag=build.key
    )


def _summary_form(summary) -> SummaryForm:
    """The cover and annexes form on the summary as saved, its annex notes included."""
    return SummaryForm(obj=summary)


def _typed_material_headings() -> dict[str, str]:
    """The headings the form gave materials (`material-heading-<id>`), for the materials it had fields for."""
    prefix = "material-heading-"
    return {name[len(prefix) :]: value for name, value in request.form.items() if name.startswith(prefix)}


def _summary_editor(meeting, summary, form=None, acronyms_form=None, conflict=False, status=200):
    form = form or _summary_form(summary)
    if acronyms_form is None:
        acronyms_form = AcronymsForm(version=summary.version)
        acronyms_form.text.data = acronym_lists.as_lines(
            summary.acronyms if summary.acronyms_edited else derived_acronyms(summary)
        )
    return render_template(
        "reports/summary_edit.html",
        meeting=meeting,
        summary=summary,
        form=form,
        acronyms_form=acronyms_form,
        conflict=conflict,
        reports=queries.reports_by_session(meeting),
    ), status


def _summary_conflict(meeting, summary, form=None, acronyms_form=None):
    """Another organizer saved the summary report at the same moment: nothing is changed, the editor says so
    and keeps what was typed in the form that was sent."""
    db.session.rollback()
    return _summary_editor(meeting, summary, form, acronyms_form, conflict=True, status=409)


@login_required
def summary_edit(slug):
    meeting = _manageable_meeting(slug)
    summary = operations.get_or_start_summary(meeting)
    db.session.commit()
    form = _summary_form(summary)
    if request.method == "GET":
        form.version.data = summary.version
        return _summary_editor(meeting, summary, form)
    if not form.validate_on_submit():
        return _summary_editor(meeting, summary, form, status=400)
    values = {name: form[name].data for name in operations.SUMMARY_FIELDS if name in form}
    values["material_headings"] = operations.material_headings(summary, _typed_material_headings())
    try:
        operations.update_summary(summary, values, form.version.data)
        db.session.commit()
    except (EditConflict, StaleDataError):
        return _summary_conflict(meeting, summary, form=form)
    flash(_("The summary report is saved."), "success")
    return redirect(url_for("reports.summary_edit", slug=slug))


@login_required
def summary_acronyms(slug):
    meeting = _manageable_meeting(slug)
    summary = operations.get_or_start_summary(meeting)
    form = AcronymsForm()
    rows, bad = acronym_lists.parse_lines(form.text.data or "")
    if bad:
        form.text.errors = [
            _("Write each line as “ACRONYM: what it stands for”: %(lines)s", lines="; ".join(bad[:5]))
        ]
    if not form.validate_on_submit() or bad:
        return _summary_editor(meeting, summary, acronyms_form=form, status=400)
    try:
        operations.set_acronyms(summary, rows, bool(rows), form.version.data)
        db.session.commit()
    except (EditConflict, StaleDataError):
        return _summary_conflict(meeting, summary, acronyms_form=form)
    flash(
        _("The list of acronyms is saved.") if rows else _("The list of acronyms is derived again."),
        "success",
    )
    return redirect(url_for("reports.summary_edit", slug=slug) + "#acronyms")


def _section_or_404(summary, section_id) -> SummarySection:
    return child_or_404(SummarySection, section_id, summary_id=summary.id)


def _section_page(meeting, summary, section, form, conflict=False, status=200):
    return render_template(
        "reports/section_edit.html",
        meeting=meeting,
        summary=summary,
        section=section,
        form=form,
        quote_form=QuoteForm(),
        conflict=conflict,
    ), status


@login_required
def section_edit(slug, section_id=None):
    meeting = _manageable_meeting(slug)
    summary = operations.get_or_start_summary(meeting)
    section = _section_or_404(summary, section_id) if section_id else None
    form = SectionForm(obj=section)
    if request.method == "GET":
        form.version.data = section.version if section else ""
        return _section_page(meeting, summary, section, form)
    if section:
        form.key.data = section.key
    elif any(s.key == form.key.data for s in summary.sections):
        form.key.errors = [_("Another section has this short name.")]
        return _section_page(meeting, summary, section, form, status=400)
    if not form.validate_on_submit():
        return _section_page(meeting, summary, section, form, status=400)
    values = {name: getattr(form, name).data for name in ("key", "title", "level", "part", "body")}
    try:
        section = operations.save_section(summary, section, values, form.version.data)
        db.session.commit()
    except (EditConflict, StaleDataError):
        db.session.rollback()
        return _section_page(meeting, summary, section, form, conflict=True, status=409)
    flash(_("The section is saved."), "success")
    return redirect(url_for("reports.section_edit", slug=slug, section_id=section.id))


@login_required
def section_delete(slug, section_id):
    meeting = _manageable_meeting(slug)
    summary = operations.get_or_start_summary(meeting)
    section = _section_or_404(summary, section_id)
    try:
        operations.delete_section(section)
        db.session.commit()
    except StaleDataError:
        return _summary_conflict(meeting, summary)
    flash(_("The section is deleted."), "info")
    return redirect(url_for("reports.summary_edit", slug=slug))


@login_required
def section_move(slug, section_id):
    meeting = _manageable_meeting(slug)
    summary = operations.get_or_start_summary(meeting)
    section = _section_or_404(summary, section_id)
    try:
        operations.move_section(section, -1 if request.form.get("direction") == "up" else 1)
        db.session.commit()
    except StaleDataError:
        return _summary_conflict(meeting, summary)
    return redirect(url_for("reports.summary_edit", slug=slug) + "#sections")


@login_required
def quote_add(slug, section_id):
    meeting = _manageable_meeting(slug)
    summary = operations.get_or_start_summary(meeting)
    section = _section_or_404(summary, section_id)
    quote_form = QuoteForm()
    if not quote_form.validate_on_submit():
        form = SectionForm(obj=section, version=section.version)
        page = render_template(
            "reports/section_edit.html",
            meeting=meeting,
            summary=summary,
            section=section,
            form=form,
            quote_form=quote_form,
            conflict=False,
        )
        return page, 400
    operations.add_quote(section, quote_form.speaker.data, quote_form.words.data)
    db.session.commit()
    flash(_("The quote is added."), "success")
    return redirect(url_for("reports.section_edit", slug=slug, section_id=section.id) + "#quotes")


@login_required
def quote_delete(slug, quote_id):
    meeting = _manageable_meeting(slug)
    summary = operations.get_or_start_summary(meeting)
    quote = db.get_or_404(SummaryQuote, quote_id)
    if quote.section.summary_id != summary.id:
        abort(404)
    section_id = quote.section_id
    operations.delete_quote(quote)
    db.session.commit()
    return redirect(url_for("reports.section_edit", slug=slug, section_id=section_id) + "#quotes")


REPORT = "/meetings/<slug>/sessions/<int:session_id>/report"
bp.add_url_rule("/my/sessions", "my_sessions", my_sessions)
bp.add_url_rule(
    "/rapporteur-invitations/<token>", "accept_invitation", accept_invitation, methods=["GET", "POST"]
)
bp.add_url_rule("/meetings/<slug>/rapporteurs", "rapporteurs", rapporteurs)
bp.add_url_rule("/meetings/<slug>/rapporteurs", "assign", assign, methods=["POST"])
bp.add_url_rule("/meetings/<slug>/rapporteurs/<int:role_id>/remove", "unassign", unassign, methods=["POST"])
bp.add_url_rule(REPORT, "show", show)
bp.add_url_rule(f"{REPORT}/edit", "edit", edit, methods=["GET", "POST"])
bp.add_url_rule(f"{REPORT}/autosave", "autosave", autosave, methods=["POST"])
bp.add_url_rule(f"{REPORT}/revisions", "revisions", revisions)
bp.add_url_rule(f"{REPORT}/revisions/<int:number>", "revision", revision)
bp.add_url_rule(f"{REPORT}/revisions/<int:number>/restore", "restore", restore, methods=["POST"])
bp.add_url_rule(
    f"{REPORT}/<any(submit, resubmit, request_changes, approve, reopen):action>",
    "step",
    step,
    methods=["POST"],
)
bp.add_url_rule("/meetings/<slug>/report", "summary", summary)
bp.add_url_rule("/meetings/<slug>/report.pdf", "summary_pdf", summary_pdf)
bp.add_url_rule("/meetings/<slug>/report/edit", "summary_edit", summary_edit, methods=["GET", "POST"])
bp.add_url_rule("/meetings/<slug>/report/acronyms", "summary_acronyms", summary_acronyms, methods=["POST"])
bp.add_url_rule("/meetings/<slug>/report/sections/new", "section_new", section_edit, methods=["GET", "POST"])
bp.add_url_rule(
    "/meetings/<slug>/report/sections/<int:section_id>/edit",
    "section_edit",
    section_edit,
    methods=["GET", "POST"],
)
bp.add_url_rule(
    "/meetings/<slug>/report/sections/<int:section_id>/delete",
    "section_delete",
    section_delete,
    methods=["POST"],
)
bp.add_url_rule(
    "/meetings/<slug>/report/sections/<int:section_id>/move", "section_move", section_move, methods=["POST"]
)
bp.add_url_rule(
    "/meetings/<slug>/report/sections/<int:section_id>/quotes", "quote_add", quote_add, methods=["POST"]
)
bp.add_url_rule(
    "/meetings/<slug>/report/quotes/<int:quote_id>/delete", "quote_delete", quote_delete, methods=["POST"]
)
