"""Participants pages: the list, registration, import and export, and everything staff print.

Every view loads (404), checks access (403), then acts; the view commits.
"""

import io
import json

import sqlalchemy as sa
from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, send_file, url_for
from flask import session as browser_session
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge

from coordinator.audit.operations import record
from coordinator.auth.permissions import admin_required
from coordinator.core.concurrency import EditConflict
from coordinator.core.http import child_or_404, safe_next_url, wants_json
from coordinator.exporting import jobs
from coordinator.exporting.labels import stage_label
from coordinator.exporting.pdf import html_to_pdf, render_pdf_html
from coordinator.exporting.store import ExportStore, content_key
from coordinator.extensions import db, login_manager
from coordinator.meetings.access import (
    can_manage_meeting,
    can_see_participants,
    can_staff_meeting,
    can_view_meeting,
)
from coordinator.meetings.models import Meeting, Session
from coordinator.meetings.queries import get_meeting
from coordinator.participants import exports, importing, operations, printouts, privacy, queries
from coordinator.participants.forms import (
    GroupForm,
    ParticipantForm,
    RegistrationForm,
    ResponseForm,
    SettingsForm,
    UploadForm,
)
from coordinator.participants.labels import capacity_label, status_label
from coordinator.participants.lists import ORDERS, ListOptions
from coordinator.participants.mail import mail_configured, send_invitation
from coordinator.participants.models import Participant
from coordinator.people.models import Person
from coordinator.people.operations import create_person, update_person

bp = Blueprint("participants", __name__)
bp.add_app_template_filter(printouts.text_direction, "text_direction")
bp.add_app_template_filter(capacity_label, "capacity_label")
bp.add_app_template_filter(status_label, "status_label")
bp.add_app_template_global(can_see_participants, "can_see_participants")

#: Largest upload read, a little above what the importer accepts, so the message can say why.
UPLOAD_LIMIT = importing.MAX_BYTES + 1024 * 1024
PERSON_FIELDS = ("honorific", "given_name", "family_name", "email", "position", "organisation")
#: The build keys of the participant lists a reader who is not staff asked for in their browser session, and
#: how many of the latest are kept.
READABLE_LISTS = "participant_list_keys"
READABLE_LISTS_KEPT = 8


# Loading and access -----------------------------------------------------------------------------


def _meeting(slug: str) -> Meeting:
    """The meeting, or 404 when it does not exist or the reader may not know it does."""
    meeting = get_meeting(slug)
    if meeting is None or not can_view_meeting(current_user, meeting):
        abort(404)
    return meeting


def _checked(meeting: Meeting, allowed) -> Meeting:
    """Anonymous readers are sent to sign in; signed-in ones without the right get 403."""
    if not current_user.is_authenticated:
        abort(login_manager.unauthorized())
    if not allowed(current_user, meeting):
        abort(403)
    return meeting


def _staffed_meeting(slug: str) -> Meeting:
    return _checked(_meeting(slug), can_staff_meeting)


def _listing_meeting(slug: str) -> Meeting:
    return _checked(_meeting(slug), can_see_participants)


def _render(template: str, meeting: Meeting, **context):
    """A page inside the meeting's layout, whose navigation needs to know who manages."""
    return render_template(
        template, meeting=meeting, can_manage=can_manage_meeting(current_user, meeting), **context
    )


def _participant(meeting: Meeting, participant_id: int) -> Participant:
    return child_or_404(Participant, participant_id, meeting_id=meeting.id)


def _list_options(meeting: Meeting) -> ListOptions:
    """Options from the query string; e-mails and people not confirmed only ever for organizers and staff."""
    order = request.args.get("order", "iscm")
    staff = can_staff_meeting(current_user, meeting)
    return ListOptions(
        order if order in ORDERS else "iscm",
        staff and request.args.get("email") == "1",
        request.args.get("confirmed") == "1" or not staff,
    )


# The list and the participation form ------------------------------------------------------------


def index(slug):
    meeting = _listing_meeting(slug)
    staff = can_staff_meeting(current_user, meeting)
    status = request.args.get("status", "") if staff else ""
    participants = queries.meeting_participants(meeting, status)
    if not staff:
        participants = [p for p in participants if p.is_confirmed and p.person.erased_at is None]
    db.session.commit()
    return _render(
        "participants/index.html",
        meeting,
        participants=participants,
        staff=staff,
        status=status,
        mail_configured=mail_configured(),
    )


def _fill_choices(form, meeting: Meeting) -> None:
    form.group_id.choices = queries.group_choices(meeting)
    form.iscm_id.choices = queries.iscm_choices()
    form.sessions.choices = queries.session_choices(meeting)


def _participation_values(form, meeting: Meeting) -> dict:
    chosen = set(form.sessions.data or [])
    return {
        "group_id": form.group_id.data,
        "iscm_id": form.iscm_id.data,
        "represented": form.represented.data,
        "capacity": form.capacity.data or None,
        "position": form.list_position.data,
        "status": form.status.data,
        "language": form.language.data or None,
        "remarks": form.remarks.data,
        "sessions": [s for s in meeting.sessions if s.id in chosen],
    }


def create(slug):
    meeting = _staffed_meeting(slug)
    form = ParticipantForm()
    _fill_choices(form, meeting)
    if form.validate_on_submit():
        person_values = {name: getattr(form, name).data for name in PERSON_FIELDS}
        person = _known_person(person_values["email"]) or create_person(person_values)
        try:
            operations.add_participant(meeting, person, _participation_values(form, meeting))
        except operations.ParticipationError as error:
            db.session.rollback()
            flash(str(error), "error")
        else:
            db.session.commit()
            flash(_("%(name)s was added.", name=person.name), "success")
            return redirect(url_for("participants.index", slug=slug))
    return _render("participants/edit.html", meeting, form=form, participant=None)


def _known_person(email: str | None) -> Person | None:
    if not email:
        return None
    return db.session.scalar(
        sa.select(Person).where(
            sa.func.lower(Person.email) == email.strip().lower(), Person.erased_at.is_(None)
        )
    )


def edit(slug, participant_id):
    meeting = _staffed_meeting(slug)
    participant = _participant(meeting, participant_id)
    if participant.person.erased_at is not None:
        abort(404)
    form = ParticipantForm(obj=participant.person) if request.method == "GET" else ParticipantForm()
    _fill_choices(form, meeting)
    if request.method == "GET":
        form.process(obj=participant.person, data=_participation_data(participant))
    if form.validate_on_submit():
        try:
            update_person(
                participant.person,
                {n: getattr(form, n).data for n in PERSON_FIELDS},
                participant.person.version,
            )
            operations.update_participant(
                participant, _participation_values(form, meeting), form.version.data
            )
        except EditConflict:
            db.session.rollback()
            flash(
                _(
                    "Someone else changed this participant since you opened the form; your changes were not saved."
                ),
                "error",
            )
            return redirect(url_for("participants.edit", slug=slug, participant_id=participant_id))
        db.session.commit()
        flash(_("Saved."), "success")
        return redirect(url_for("participants.index", slug=slug))
    return _render("participants/edit.html", meeting, form=form, participant=participant)


def _participation_data(participant: Participant) -> dict:
    return {
        "group_id": participant.group_id,
        "iscm_id": participant.iscm_id,
        "represented": participant.represented,
        "capacity": participant.capacity or "",
        "list_position": participant.position,
        "status": participant.status,
        "language": participant.language or "",
        "sessions": [s.id for s in participant.sessions],
        "remarks": participant.remarks,
        "version": participant.version,
    }


def set_status(slug, participant_id):
    meeting = _staffed_meeting(slug)
    participant = _participant(meeting, participant_id)
    status = request.form.get("status", "")
    if status not in ("confirmed", "declined", "attended", "registered", "invited"):
        abort(400)
    operations.set_status(participant, status)
    db.session.commit()
    return redirect(url_for("participants.index", slug=slug, status=request.form.get("filter") or None))


def invite(slug, participant_id):
    meeting = _staffed_meeting(slug)
    participant = _participant(meeting, participant_id)
    token = operations.invite(participant)
    db.session.commit()
    link = url_for("participants.respond", token=token, _external=True)
    if mail_configured() and participant.person.email:
        if send_invitation(participant.person, meeting, link):
            flash(_("Invitation sent to %(email)s.", email=participant.person.email), "success")
        else:
            flash(_("The e-mail could not be sent; copy the link instead: %(link)s", link=link), "error")
    else:
        flash(
            _(
                "Invitation link for %(name)s (copy it into your message): %(link)s",
                name=participant.person.name,
                link=link,
            ),
            "success",
        )
    return redirect(url_for("participants.index", slug=slug))


def settings(slug):
    meeting = _staffed_meeting(slug)
    current = operations.registration_settings(meeting)
    settings_form = SettingsForm(
        prefix="settings",
        open_registration=current.open_registration,
        participants_visible=meeting.participants_visible,
    )
    group_form = GroupForm(prefix="group")
    if request.method == "POST" and request.form.get("form") == "settings" and settings_form.validate():
        operations.set_open_registration(meeting, settings_form.open_registration.data)
        operations.set_participants_visible(meeting, settings_form.participants_visible.data)
        db.session.commit()
        flash(_("Saved."), "success")
        return redirect(url_for("participants.settings", slug=slug))
    if request.method == "POST" and request.form.get("form") == "group" and group_form.validate():
        operations.add_group(meeting, group_form.title.data)
        db.session.commit()
        flash(_("Group added."), "success")
        return redirect(url_for("participants.settings", slug=slug))
    groups = queries.group_choices(meeting)
    db.session.commit()
    return _render(
        "participants/settings.html",
        meeting,
        settings_form=settings_form,
        group_form=group_form,
        groups=groups,
    )


# Registration -----------------------------------------------------------------------------------


def respond(token):
    participant = db.first_or_404(sa.select(Participant).where(Participant.token == token))
    meeting, person = participant.meeting, participant.person
    if person.erased_at is not None or meeting.is_cancelled:
        abort(404)
    form = ResponseForm(obj=person) if request.method == "GET" else ResponseForm()
    form.sessions.choices = queries.session_choices(meeting)
    if request.method == "GET":
        form.process(
            obj=person,
            data={
                "language": participant.language or "",
                "remarks": participant.remarks,
                "sessions": [s.id for s in participant.sessions],
            },
        )
    if form.validate_on_submit():
        accept = request.form.get("answer") != "decline"
        if current_user.is_authenticated:
            operations.link_account(person, current_user)
        update_person(person, {n: getattr(form, n).data for n in PERSON_FIELDS}, person.version)
        chosen = set(form.sessions.data or [])
        operations.respond(
            participant,
            {
                "language": form.language.data or None,
                "remarks": form.remarks.data,
                "sessions": [s for s in meeting.sessions if s.id in chosen],
            },
            accept,
        )
        db.session.commit()
        message = (
            _("Thank you: the organizers will confirm your participation.")
            if accept
            else _("Thank you: your answer was recorded.")
        )
        flash(message, "success")
        return redirect(url_for("participants.respond", token=token))
    return render_template("participants/respond.html", meeting=meeting, participant=participant, form=form)


def register(slug):
    meeting = _meeting(slug)
    if not operations.registration_settings(meeting).open_registration or meeting.is_cancelled:
        abort(404)
    form = RegistrationForm()
    form.iscm_id.choices = queries.iscm_choices()
    form.sessions.choices = queries.session_choices(meeting)
    if form.validate_on_submit():
        person = _known_person(form.email.data) or create_person(
            {n: getattr(form, n).data for n in PERSON_FIELDS}
        )
        if current_user.is_authenticated:
            operations.link_account(person, current_user)
        if operations.find_participant(meeting, person) is not None:
            db.session.rollback()
            flash(_("This e-mail address is already registered for this meeting."), "error")
        else:
            chosen = set(form.sessions.data or [])
            group = operations.group_by_key(meeting, "iscms" if form.iscm_id.data else "observers")
            operations.add_participant(
                meeting,
                person,
                {
                    "group_id": group.id,
                    "iscm_id": form.iscm_id.data,
                    "capacity": form.capacity.data or None,
                    "status": "registered",
                    "language": form.language.data or None,
                    "remarks": form.remarks.data,
                    "sessions": [s for s in meeting.sessions if s.id in chosen],
                },
            )
            db.session.commit()
            flash(_("Thank you: the organizers will review your registration."), "success")
            return redirect(url_for("participants.register", slug=slug))
    db.session.commit()
    return render_template("participants/register.html", meeting=meeting, form=form)


# Import -----------------------------------------------------------------------------------------


def import_upload(slug):
    meeting = _staffed_meeting(slug)
    request.max_content_length = UPLOAD_LIMIT
    error = None
    try:
        form = UploadForm()
        upload = request.files.get("file") if request.method == "POST" else None
    except RequestEntityTooLarge:
        form, upload = UploadForm(formdata=None), None
        error = _("The file is larger than %(size)d MB.", size=importing.MAX_BYTES // (1024 * 1024))
    if request.method == "POST" and error is None:
        try:
            if upload is None or not upload.filename:
                raise importing.ImportFileError(_("Choose a file to upload."))
            table = importing.read_table(upload.filename, upload.read())
        except importing.ImportFileError as failure:
            error = str(failure)
        else:
            return redirect(
                url_for("participants.import_review", slug=slug, key=_store_upload(meeting, table))
            )
    page = _render("participants/import_upload.html", meeting, form=form, error=error)
    return page, (400 if error else 200)


def _store_upload(meeting: Meeting, table: importing.Table) -> str:
    """The uploaded rows are kept server-side between the mapping, preview and import steps, for the
    meeting and the person who uploaded them."""
    payload = json.dumps(
        {
            "meeting": meeting.id,
            "user": current_user.id,
            "headers": table.headers,
            "rows": table.rows,
            "numbers": table.numbers,
            "header_row": table.header_row,
            "filename": table.filename,
        },
        ensure_ascii=False,
    )
    key = content_key("participant-import", meeting.id, current_user.id, payload)
    store = ExportStore.current()
    store.remove_older(importing.UPLOADS, "json", importing.UPLOAD_LIFETIME)
    store.put(importing.UPLOADS, key, "json", payload.encode())
    return key


def _load_upload(meeting: Meeting, key: str) -> importing.Table | None:
    """The rows this person uploaded for this meeting; None once past their lifetime (or erased), and
    404 for anyone else's."""
    store = ExportStore.current()
    path = store.get(importing.UPLOADS, key, "json") if key.isalnum() else None
    if path is None or store.is_older(path, importing.UPLOAD_LIFETIME):
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if (data.get("meeting"), data.get("user")) != (meeting.id, current_user.id):
        abort(404)
    return importing.Table(
        data["headers"],
        data["rows"],
        data.get("filename", ""),
        data.get("numbers", []),
        data.get("header_row", 1),
    )


def _mapping(table: importing.Table, source) -> list[str]:
    guessed = importing.guess_mapping(table.headers)
    chosen = [source.get(f"map-{i}", guessed[i]) for i in range(len(table.headers))]
    return [name if name in importing.FIELDS else importing.IGNORE for name in chosen]


def import_review(slug, key):
    meeting = _staffed_meeting(slug)
    table = _load_upload(meeting, key)
    if table is None:
        flash(
            _("This upload is no longer kept (uploads wait a day for their import): upload the file again."),
            "error",
        )
        return redirect(url_for("participants.import_upload", slug=slug))
    mapping = _mapping(table, request.form if request.method == "POST" else request.args)
    records, errors = importing.validate(table, mapping, importing.Vocabulary.for_meeting(meeting))
    if request.method == "POST" and request.form.get("action") == "import" and not errors:
        result = importing.apply_import(meeting, records, table.filename)
        db.session.commit()
        ExportStore.current().path(importing.UPLOADS, key, "json").unlink(missing_ok=True)
        flash(
            _(
                "Imported %(count)d participants (%(created)d new people, %(updated)d updated).",
                count=len(records),
                created=result.created,
                updated=result.updated,
            ),
            "success",
        )
        return redirect(url_for("participants.index", slug=slug))
    db.session.rollback()
    return _render(
        "participants/import_review.html",
        meeting,
        key=key,
        table=table,
        mapping=mapping,
        fields=importing.FIELDS,
        errors=errors,
        preview=table.rows[:10],
        count=len(table.rows),
        tried=request.method == "POST",
    ), (422 if request.method == "POST" and errors else 200)


# Exports and printouts ----------------------------------------------------------------------------


def _audit_export(meeting: Meeting, what: str) -> None:
    """The download of a printout `_serve` sends, logged; only flushed: the printout's view commits."""
    operations.record_export(meeting, what)


def export_csv(slug):
    meeting = _staffed_meeting(slug)
    data = exports.to_csv(exports.spreadsheet_rows(meeting))
    operations.record_export(meeting, "participant list (CSV)")
    db.session.commit()
    return _download(data, f"{meeting.slug}-participants.csv", "text/csv; charset=utf-8")


def export_xlsx(slug):
    meeting = _staffed_meeting(slug)
    data = exports.to_xlsx(exports.spreadsheet_rows(meeting))
    operations.record_export(meeting, "participant list (Excel)")
    db.session.commit()
    return _download(
        data,
        f"{meeting.slug}-participants.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def _download(data: bytes, filename: str, mimetype: str):
    return send_file(io.BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=filename)


def _serve(meeting: Meeting, printout: printouts.Printout):
    """From the store at once when unchanged; built here when cheap; otherwise off the request, once.

    A build already running for the same data is joined without rendering anything again.
    """
    build = _build_request(printout.kind, content_key(printout.fingerprint))

    def html() -> str:
        return render_pdf_html(printout.template, **printout.context)

    path, _status = jobs.stored_or_requested(
        build, (lambda: html_to_pdf(html())) if printout.inline else None, lambda: {"html": html()}
    )
    if path is None:
        return redirect(
            url_for(
                "participants.export_progress",
                slug=meeting.slug,
                kind=printout.kind,
                key=build.key,
                name=printout.filename,
                back=request.full_path,
            )
        )
    _audit_export(meeting, printout.kind.replace("-", " "))
    return send_file(path, mimetype="application/pdf", as_attachment=True, download_name=printout.filename)


def _build_request(kind: str, key: str) -> jobs.BuildRequest:
    return jobs.BuildRequest(kind, key, "pdf", "coordinator.exporting.pdf:html_to_pdf", {})


def participant_list_pdf(slug):
    meeting = _listing_meeting(slug)
    printout = printouts.participant_list(meeting, _list_options(meeting))
    _remember_readable_list(meeting, printout)
    response = _serve(meeting, printout)
    db.session.commit()
    return response


def speakers_pdf(slug):
    meeting = _staffed_meeting(slug)
    response = _serve(meeting, printouts.speakers(meeting))
    db.session.commit()
    return response


def badges_pdf(slug):
    meeting = _staffed_meeting(slug)
    response = _serve(meeting, printouts.badges(meeting, _list_options(meeting)))
    db.session.commit()
    return response


def place_cards_pdf(slug):
    meeting = _staffed_meeting(slug)
    response = _serve(meeting, printouts.place_cards(meeting, _list_options(meeting)))
    db.session.commit()
    return response


def sign_in_pdf(slug, session_id):
    meeting = _staffed_meeting(slug)
    session = child_or_404(Session, session_id, meeting_id=meeting.id)
    response = _serve(meeting, printouts.sign_in_sheet(meeting, session))
    db.session.commit()
    return response


def printouts_page(slug):
    meeting = _listing_meeting(slug)
    return _render("participants/printouts.html", meeting, staff=can_staff_meeting(current_user, meeting))


def _checked_export(slug, kind, key) -> tuple[Meeting, jobs.BuildRequest]:
    meeting = _checked(
        _meeting(slug), can_see_participants if kind == "participant-list" else can_staff_meeting
    )
    if kind not in printouts.KINDS or not key.isalnum() or not _may_read_export(meeting, kind, key):
        abort(404)
    return meeting, _build_request(kind, key)


def _remember_readable_list(meeting: Meeting, printout: printouts.Printout) -> None:
    """A reader who is not staff follows the list they asked for to its progress page and download: its key
    is remembered in their session, so those looks (one a second while it builds) need not build the list
    again to know they may read it."""
    if can_staff_meeting(current_user, meeting):
        return
    kept = [key for key in browser_session.get(READABLE_LISTS, []) if key != printout.key]
    browser_session[READABLE_LISTS] = [*kept, printout.key][-READABLE_LISTS_KEPT:]


def _may_read_export(meeting: Meeting, kind: str, key: str) -> bool:
    """Staff read any build; a participant only a list they asked for themselves in this browser session
    (confirmed, no e-mails), so a link to the staff's full list passed on to them shows nothing."""
    if can_staff_meeting(current_user, meeting):
        return True
    return kind == "participant-list" and key in browser_session.get(READABLE_LISTS, [])


def export_progress(slug, kind, key):
    meeting, build = _checked_export(slug, kind, key)
    status = jobs.build_status(build)
    filename = request.args.get("name") or f"{kind}.pdf"
    download = url_for("participants.export_download", slug=slug, kind=kind, key=key, name=filename)
    back = safe_next_url(request.args.get("back"))
    if wants_json():
        return jsonify(
            state=status.state,
            stage=status.stage,
            stage_label=stage_label(status.stage),
            elapsed=round(status.elapsed, 1),
            message=status.message,
            download=download if status.state == jobs.DONE else None,
        )
    return _render(
        "participants/export_progress.html",
        meeting,
        status=status,
        stage=stage_label(status.stage),
        download=download,
        back=back,
        jobs=jobs,
    )


def export_download(slug, kind, key):
    meeting, build = _checked_export(slug, kind, key)
    path = ExportStore.current().get(build.kind, build.key, build.extension)
    if path is None:
        abort(404)
    operations.record_export(meeting, kind.replace("-", " "))
    db.session.commit()
    return send_file(
        path,
        mimetype="application/pdf",
        as_attachment=True,
        download_name=request.args.get("name") or f"{kind}.pdf",
    )


# Privacy (administrators) -----------------------------------------------------------------------


@admin_required
def person_export(person_id):
    person = db.get_or_404(Person, person_id)
    data = privacy.person_export(person)
    record("person.export", person, f"Exported everything held about person #{person.id}")
    db.session.commit()
    body = json.dumps(data, ensure_ascii=False, indent=2).encode()
    return _download(body, f"person-{person.id}.json", "application/json")


@admin_required
def person_erase(person_id):
    person = db.get_or_404(Person, person_id)
    if request.method == "POST" and person.erased_at is None:
        privacy.erase_person(person)
        db.session.commit()
        flash(_("The person was erased: their participations remain, without a name."), "success")
    return render_template("participants/erase.html", person=person)


bp.add_url_rule("/meetings/<slug>/participants", "index", index)
bp.add_url_rule("/meetings/<slug>/participants/new", "create", create, methods=["GET", "POST"])
bp.add_url_rule(
    "/meetings/<slug>/participants/<int:participant_id>/edit", "edit", edit, methods=["GET", "POST"]
)
bp.add_url_rule(
    "/meetings/<slug>/participants/<int:participant_id>/status", "set_status", set_status, methods=["POST"]
)
bp.add_url_rule(
    "/meetings/<slug>/participants/<int:participant_id>/invite", "invite", invite, methods=["POST"]
)
bp.add_url_rule("/meetings/<slug>/participants/settings", "settings", settings, methods=["GET", "POST"])
bp.add_url_rule(
    "/meetings/<slug>/participants/import", "import_upload", import_upload, methods=["GET", "POST"]
)
bp.add_url_rule(
    "/meetings/<slug>/participants/import/<key>", "import_review", import_review, methods=["GET", "POST"]
)
bp.add_url_rule("/meetings/<slug>/participants.csv", "export_csv", export_csv)
bp.add_url_rule("/meetings/<slug>/participants.xlsx", "export_xlsx", export_xlsx)
bp.add_url_rule("/meetings/<slug>/participants.pdf", "participant_list_pdf", participant_list_pdf)
bp.add_url_rule("/meetings/<slug>/speakers.pdf", "speakers_pdf", speakers_pdf)
bp.add_url_rule("/meetings/<slug>/badges.pdf", "badges_pdf", badges_pdf)
bp.add_url_rule("/meetings/<slug>/place-cards.pdf", "place_cards_pdf", place_cards_pdf)
bp.add_url_rule("/meetings/<slug>/sessions/<int:session_id>/sign-in.pdf", "sign_in_pdf", sign_in_pdf)
bp.add_url_rule("/meetings/<slug>/printouts", "printouts", printouts_page)
bp.add_url_rule("/meetings/<slug>/exports/<kind>/<key>", "export_progress", export_progress)
bp.add_url_rule("/meetings/<slug>/exports/<kind>/<key>/file", "export_download", export_download)
bp.add_url_rule("/invitations/<token>", "respond", respond, methods=["GET", "POST"])
bp.add_url_rule("/meetings/<slug>/register", "register", register, methods=["GET", "POST"])
bp.add_url_rule("/admin/people/<int:person_id>/export.json", "person_export", person_export)
bp.add_url_rule("/admin/people/<int:person_id>/erase", "person_erase", person_erase, methods=["GET", "POST"])
