"""Meeting pages: list, overview, agenda (released versions, print, PDF, changes), the agenda editor and planner.

Every view: load (404) → check access (403; a meeting one may not see is a 404) → act.
"""

from datetime import date, datetime, timedelta

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.utils import secure_filename

from coordinator.auth.operations import get_user_by_email
from coordinator.core.concurrency import EditConflict
from coordinator.core.http import child_or_404
from coordinator.core.timezones import NonexistentLocalTime, all_zone_names, local_to_utc, utc_to_local
from coordinator.exporting import jobs
from coordinator.exporting.store import ExportStore
from coordinator.extensions import db, login_manager
from coordinator.iscms.labels import theme_label
from coordinator.iscms.queries import all_themes, get_iscm
from coordinator.meetings import agenda, checks, planner
from coordinator.meetings import pdf as agenda_pdfs
from coordinator.meetings.access import can_create_meetings, can_manage_meeting, can_view_meeting
from coordinator.meetings.agenda_labels import (
    CHANGE_LABELS,
    DELIVERY_LABELS,
    ITEM_KIND_LABELS,
    LANGUAGE_LABELS,
    MEETING_ROLE_LABELS,
    ROLE_LABELS,
    SESSION_KIND_LABELS,
)
from coordinator.meetings.filters import FILTERS
from coordinator.meetings.forms import (
    AppearanceForm,
    AttachForm,
    ItemForm,
    MaterialForm,
    MeetingForm,
    PlannerForm,
    ReleaseForm,
    RoleForm,
    SessionForm,
    fold_labels,
)
from coordinator.meetings.models import AgendaItem, ItemPerson, Material, Meeting, MeetingRole, Session
from coordinator.meetings.notify import tell_people
from coordinator.meetings.operations import (
    ITEM_FIELDS,
    SESSION_FIELDS,
    AgendaError,
    add_material,
    attach_person,
    cancel_meeting,
    create_item,
    create_meeting,
    create_session,
    delete_item,
    delete_material,
    delete_session,
    detach_person,
    grant_role,
    item_snapshot,
    latest_release,
    meeting_snapshot,
    release_agenda,
    revoke_role,
    session_snapshot,
    sessions_from_proposal,
    update_appearance,
    update_item,
    update_meeting,
    update_session,
)
from coordinator.meetings.queries import (
    MeetingFilter,
    all_iscms,
    all_releases,
    get_meeting,
    get_release,
    list_meetings,
    reader_zones,
)
from coordinator.people.models import Person
from coordinator.people.queries import search_people

bp = Blueprint("meetings", __name__)
bp.add_app_template_global(SESSION_KIND_LABELS, "SESSION_KIND_LABELS")
bp.add_app_template_global(ITEM_KIND_LABELS, "ITEM_KIND_LABELS")
bp.add_app_template_global(ROLE_LABELS, "ITEM_ROLE_LABELS")
bp.add_app_template_global(DELIVERY_LABELS, "DELIVERY_LABELS")
bp.add_app_template_global(LANGUAGE_LABELS, "LANGUAGE_LABELS")
bp.add_app_template_global(CHANGE_LABELS, "CHANGE_LABELS")
bp.add_app_template_global(MEETING_ROLE_LABELS, "MEETING_ROLE_LABELS")
for _name, _filter in FILTERS.items():
    bp.add_app_template_filter(_filter, _name)


# Loading and access -----------------------------------------------------------------------------


def _load(slug: str) -> Meeting:
    """The meeting, or 404 when it does not exist or the reader may not know it does."""
    meeting = get_meeting(slug)
    if meeting is None or not can_view_meeting(current_user, meeting):
        abort(404)
    return meeting


def _load_managed(slug: str) -> Meeting:
    meeting = _load(slug)
    if not current_user.is_authenticated:
        abort(login_manager.unauthorized())
    if not can_manage_meeting(current_user, meeting):
        abort(403)
    return meeting


def _load_session(meeting: Meeting, session_id: int) -> Session:
    return child_or_404(Session, session_id, meeting_id=meeting.id)


def _load_item(meeting: Meeting, item_id: int) -> AgendaItem:
    item = db.session.get(AgendaItem, item_id)
    if item is None or item.session.meeting_id != meeting.id:
        abort(404)
    return item


def _status(form, conflict=None) -> int:
    return 409 if conflict else 400 if form.errors else 200


# List and overview ------------------------------------------------------------------------------


def index():
    flt = MeetingFilter.from_args(request.args)
    meetings = list_meetings(current_user, flt, date.today())
    return render_template(
        "meetings/index.html",
        meetings=meetings,
        flt=flt,
        iscms=all_iscms(),
        can_create=can_create_meetings(current_user),
    )


def show(slug: str):
    meeting = _load(slug)
    return render_template(
        "meetings/show.html",
        meeting=meeting,
        release=latest_release(meeting),
        material_form=MaterialForm(),
        **_meeting_context(meeting),
    )


def _meeting_context(meeting: Meeting) -> dict:
    return {"can_manage": can_manage_meeting(current_user, meeting)}


def _meeting_form(meeting: Meeting | None = None) -> MeetingForm:
    form = MeetingForm(obj=meeting) if request.method == "GET" and meeting else MeetingForm()
    form.iscms.choices = [(iscm.slug, iscm.acronym) for iscm in all_iscms()]
    form.themes.choices = [(theme.slug, theme_label(theme)) for theme in all_themes()]
    if request.method == "GET" and meeting:
        form.iscms.data = [iscm.slug for iscm in meeting.iscms]
        form.themes.data = [theme.slug for theme in meeting.themes]
        form.show_dates(meeting)
        form.version.data = meeting.version
    elif request.method == "GET":
        _prefill(form)
    return form


def _prefill(form: MeetingForm) -> None:
    """A new meeting: ?iscm= (from an ISCM page or a filtered calendar) gives its ISCM and home zone;
    ?start_date= a day of the calendar; ?status=published for an entry meant for the calendar at once."""
    iscm = get_iscm(request.args.get("iscm", ""))
    form.iscms.data = [iscm.slug] if iscm else []
    form.timezone.data = (iscm.home_timezone if iscm else None) or "Europe/Zurich"
    form.status.data = "published" if request.args.get("status") == "published" else "draft"
    try:
        form.start_date.data = date.fromisoformat(request.args.get("start_date", ""))
    except ValueError:
        form.start_date.data = None


def _render_meeting_form(form: MeetingForm, meeting: Meeting | None, conflict=None):
    return (
        render_template(
            "meetings/edit.html",
            form=form,
            meeting=meeting,
            conflict=conflict,
            can_manage=meeting is not None,
        ),
        _status(form, conflict),
    )


def create():
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if not can_create_meetings(current_user):
        abort(403)
    form = _meeting_form()
    if form.validate_on_submit() and (values := form.meeting_values()) is not None:
        try:
            meeting = create_meeting(values, current_user)
        except AgendaError as error:
            db.session.rollback()
            form[error.field].errors.append(str(error))
        else:
            db.session.commit()
            flash(_("The meeting is created; you are its organizer."), "success")
            return redirect(url_for("meetings.show", slug=meeting.slug))
    return _render_meeting_form(form, None)


def edit(slug: str):
    meeting = _load_managed(slug)
    form = _meeting_form(meeting)
    conflict = None
    if form.validate_on_submit() and (values := form.meeting_values()) is not None:
        try:
            changes = update_meeting(meeting, values, form.version.data)
            db.session.commit()
        except AgendaError as error:
            db.session.rollback()
            form[error.field].errors.append(str(error))
        except (EditConflict, StaleDataError):
            db.session.rollback()
            meeting = get_meeting(slug)
            conflict = form.current_values(meeting_snapshot(meeting))
            form.version.data = meeting.version
        else:
            flash(
                _("Your changes are saved.") if changes else _("Nothing was changed."),
                "success" if changes else "info",
            )
            return redirect(url_for("meetings.show", slug=meeting.slug))
    return _render_meeting_form(form, meeting, conflict)


def cancel(slug: str):
    """Cancelling keeps the meeting: marked cancelled on its pages, STATUS:CANCELLED with a higher SEQUENCE in feeds."""
    meeting = _load_managed(slug)
    if meeting.is_cancelled:
        flash(_("The meeting was already cancelled."), "info")
    else:
        cancel_meeting(meeting)
        db.session.commit()
        flash(
            _("The meeting is cancelled. It stays in the calendar and its feeds, marked as cancelled."),
            "success",
        )
    return redirect(url_for("meetings.show", slug=slug))


def add_material_view(slug: str):
    meeting = _load_managed(slug)
    form = MaterialForm()
    if form.validate_on_submit():
        upload = (
            (form.file.data.read(), secure_filename(form.file.data.filename) or "file")
            if form.file.data
            else None
        )
        add_material(meeting, form.title.data, form.url.data, form.description.data, upload)
        db.session.commit()
        flash(_("The material is added."), "success")
        return redirect(url_for("meetings.show", slug=slug, _anchor="materials"))
    return (
        render_template(
            "meetings/show.html",
            meeting=meeting,
            release=latest_release(meeting),
            material_form=form,
            can_manage=True,
        ),
        400,
    )


def _load_material(meeting: Meeting, material_id: int) -> Material:
    return child_or_404(Material, material_id, meeting_id=meeting.id)


def material_file(slug: str, material_id: int):
    """An uploaded material, for whoever may see the meeting."""
    material = _load_material(_load(slug), material_id)
    if not material.stored_file:
        abort(404)
    key, extension = material.stored_file.rsplit(".", 1)
    path = ExportStore.current().get("materials", key, extension)
    if path is None:
        abort(404)
    return send_file(
        path, download_name=material.original_filename or material.stored_file, as_attachment=True
    )


def delete_material_view(slug: str, material_id: int):
    meeting = _load_managed(slug)
    material = _load_material(meeting, material_id)
    delete_material(material)
    db.session.commit()
    flash(_("The material is removed."), "success")
    return redirect(url_for("meetings.show", slug=slug, _anchor="materials"))


def roles(slug: str):
    """Who organizes and staffs the meeting; organizers add accounts by e-mail."""
    meeting = _load_managed(slug)
    form = RoleForm()
    if form.validate_on_submit():
        user = get_user_by_email(form.email.data)
        if user is None:
            form.email.errors.append(_("No account has this e-mail; an administrator creates accounts."))
        else:
            grant_role(meeting, user, form.role.data)
            db.session.commit()
            flash(_("%(email)s is added.", email=user.email), "success")
            return redirect(url_for("meetings.roles", slug=slug))
    return render_template("meetings/roles.html", meeting=meeting, form=form, can_manage=True), _status(form)


def remove_role(slug: str, role_id: int):
    meeting = _load_managed(slug)
    assignment = child_or_404(MeetingRole, role_id, meeting_id=meeting.id)
    try:
        revoke_role(assignment)
    except AgendaError as error:
        db.session.rollback()
        flash(str(error), "error")
    else:
        db.session.commit()
        flash(_("The role is removed."), "success")
    return redirect(url_for("meetings.roles", slug=slug))


# Reading the agenda -----------------------------------------------------------------------------


def _zones(meeting: Meeting) -> tuple[list[str], list[str]]:
    saved = current_user.timezone if current_user.is_authenticated else None
    return reader_zones(request.args.getlist("tz"), meeting.timezone, saved)


def _columns(
    meeting: Meeting, data: dict | None, zones: list[str]
) -> tuple[list[agenda.ZoneColumn], list[str]]:
    """The columns of the reference zone and the reader's `zones` (zones with the same times share one), and the
    zones left out."""
    every_zone = [meeting.timezone, *zones]
    return agenda.zone_columns(data, every_zone) if data else ([agenda.ZoneColumn((meeting.timezone,))], [])


def _agenda_context(meeting: Meeting, data: dict | None) -> dict:
    zones, unknown = _zones(meeting)
    return {
        "meeting": meeting,
        "agenda": data,
        **agenda.zone_layout(data, *_columns(meeting, data, zones)),
        "reader_zones": zones,
        "unknown_zones": unknown,
        "zone_names": all_zone_names(),
        "tz_given": bool(request.args.getlist("tz")),
        **_meeting_context(meeting),
    }


def agenda_page(slug: str):
    meeting = _load(slug)
    release = latest_release(meeting)
    context = _agenda_context(meeting, release.snapshot if release else None)
    return render_template("meetings/agenda.html", release=release, latest=release, **context)


def agenda_version(slug: str, number: int):
    meeting = _load(slug)
    release = get_release(meeting, number)
    if release is None:
        abort(404)
    context = _agenda_context(meeting, release.snapshot)
    return render_template("meetings/agenda.html", release=release, latest=latest_release(meeting), **context)


def agenda_print(slug: str):
    meeting = _load(slug)
    release = latest_release(meeting)
    return render_template(
        "meetings/agenda_print.html",
        release=release,
        **_agenda_context(meeting, release.snapshot if release else None),
    )


def agenda_pdf(slug: str):
    """Laid out like GRCP 9's Annex IV; `?tz=` adds zones. Kept in the store by release, zones and language;
    a large agenda is built off the request while a waiting page refreshes itself."""
    meeting = _load(slug)
    release = latest_release(meeting)
    if release is None:
        abort(404, _("The agenda is not released yet."))
    columns, left_out = _columns(meeting, release.snapshot, _zones(meeting)[0])
    build = agenda_pdfs.build_request(release, columns, left_out, str(get_locale()))
    build_here = (
        (lambda: agenda_pdfs.agenda_pdf(release, columns, left_out))
        if agenda_pdfs.is_small(release)
        else None
    )
    path, status = jobs.stored_or_requested(build, build_here)
    if path is None:
        return jobs.waiting_page(_("Agenda (PDF)"), status, request.full_path)
    filename = f"{meeting.slug}-agenda-v{release.number}.pdf"
    return Response(
        path.read_bytes(),
        mimetype="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{filename}"'},
    )


def changes(slug: str):
    meeting = _load(slug)
    return render_template(
        "meetings/changes.html", meeting=meeting, releases=all_releases(meeting), **_meeting_context(meeting)
    )


def remember_zone(slug: str):
    """The zone selector's POST: remembered on the account when signed in, then shown with ?tz=."""
    meeting = _load(slug)
    zones, _unknown = reader_zones(request.form.getlist("tz"), meeting.timezone, None)
    if current_user.is_authenticated and zones:
        current_user.timezone = zones[0]
        db.session.commit()
        flash(_("Your time zone %(zone)s is remembered.", zone=zones[0]), "success")
    return redirect(url_for("meetings.agenda_page", slug=slug, tz=zones or None))


# Editing the agenda -----------------------------------------------------------------------------


def agenda_edit(slug: str):
    meeting = _load_managed(slug)
    working = agenda.snapshot(meeting)
    context = _agenda_context(meeting, working)
    return render_template(
        "meetings/agenda_edit.html",
        problems=checks.problems(working),
        release_form=ReleaseForm(),
        latest=latest_release(meeting),
        **context,
    )


def release(slug: str):
    meeting = _load_managed(slug)
    form = ReleaseForm()
    if not form.validate_on_submit():
        working = agenda.snapshot(meeting)
        return render_template(
            "meetings/agenda_edit.html",
            problems=checks.problems(working),
            release_form=form,
            latest=latest_release(meeting),
            **_agenda_context(meeting, working),
        ), 400
    new = release_agenda(meeting, form.comment.data, current_user)
    notices = tell_people(meeting, new)
    db.session.commit()
    flash(
        _(
            "Version %(number)d of the agenda is released; %(count)d people are told.",
            number=new.number,
            count=notices,
        ),
        "success",
    )
    return redirect(url_for("meetings.changes", slug=slug, _anchor=f"v{new.number}"))


def _session_form(meeting: Meeting, session: Session | None = None) -> SessionForm:
    form = SessionForm(obj=session) if request.method == "GET" and session else SessionForm()
    form.iscms.choices = [(iscm.slug, iscm.acronym) for iscm in all_iscms()]
    if request.method == "GET" and session:
        local_start = utc_to_local(session.starts_at, meeting.timezone)
        form.day.data, form.start.data = local_start.date(), local_start.time()
        form.end.data = utc_to_local(session.ends_at, meeting.timezone).time()
        form.iscms.data = [iscm.slug for iscm in session.iscms]
        form.version.data = session.version
    elif request.method == "GET":
        form.day.data = meeting.start_date
    return form


def _session_values(form: SessionForm, meeting: Meeting) -> dict | None:
    instants = form.instants(form.day.data, meeting.timezone)
    if instants is None:
        return None
    values = form.stored_values((*SESSION_FIELDS, "iscms"))
    if form.copy_questions.data and not values["guiding_questions"]:
        values["guiding_questions"] = list(meeting.guiding_questions)
    values["starts_at"], values["ends_at"] = instants
    return values


def _render_session_form(meeting, session, form, conflict=None):
    folds = None
    if getattr(form, "ambiguous", False):
        folds = fold_labels(meeting.timezone, form.day.data, form.start.data)
    return render_template(
        "meetings/session_form.html",
        meeting=meeting,
        session=session,
        form=form,
        conflict=conflict,
        folds=folds,
        can_manage=True,
    ), _status(form, conflict)


def _save_session(meeting: Meeting, form: SessionForm, session: Session | None):
    values = _session_values(form, meeting)
    if values is None:
        return None
    try:
        if session is None:
            session = create_session(meeting, values)
        else:
            update_session(session, values, form.version.data)
        db.session.commit()
    except AgendaError as error:
        db.session.rollback()
        form[error.field].errors.append(str(error))
        return None
    return session


def session_new(slug: str):
    meeting = _load_managed(slug)
    form = _session_form(meeting)
    if form.validate_on_submit() and (session := _save_session(meeting, form, None)):
        flash(_("The session “%(title)s” is added.", title=session.title), "success")
        return redirect(url_for("meetings.agenda_edit", slug=slug, _anchor=f"session-{session.id}"))
    return _render_session_form(meeting, None, form)


def session_edit(slug: str, session_id: int):
    meeting = _load_managed(slug)
    session = _load_session(meeting, session_id)
    form = _session_form(meeting, session)
    if form.validate_on_submit():
        try:
            saved = _save_session(meeting, form, session)
        except (EditConflict, StaleDataError):
            db.session.rollback()
            session = _load_session(meeting, session_id)
            form.version.data = session.version
            return _render_session_form(
                meeting, session, form, conflict=form.current_values(session_snapshot(session))
            )
        if saved:
            flash(_("The session is saved."), "success")
            return redirect(url_for("meetings.agenda_edit", slug=slug, _anchor=f"session-{session.id}"))
    return _render_session_form(meeting, session, form)


def session_delete(slug: str, session_id: int):
    meeting = _load_managed(slug)
    session = _load_session(meeting, session_id)
    delete_session(session)
    db.session.commit()
    flash(_("The session is removed from the working copy; released versions keep it."), "success")
    return redirect(url_for("meetings.agenda_edit", slug=slug))


def _item_form(meeting: Meeting, session: Session, item: AgendaItem | None = None) -> ItemForm:
    form = ItemForm(obj=item) if request.method == "GET" and item else ItemForm()
    form.session_id.choices = [
        (s.id, f"{utc_to_local(s.starts_at, meeting.timezone):%Y-%m-%d %H:%M} · {s.title}")
        for s in meeting.sessions
    ]
    if request.method == "GET":
        form.session_id.data = session.id
        start = (
            item.starts_at if item else (session.items[-1].ends_at if session.items else session.starts_at)
        )
        end = item.ends_at if item else min(start + timedelta(minutes=15), session.ends_at)
        form.start.data = utc_to_local(start, meeting.timezone).time()
        form.end.data = utc_to_local(end, meeting.timezone).time()
        if item:
            form.version.data = item.version
    return form


def _item_values(form: ItemForm, meeting: Meeting, target: Session) -> dict | None:
    day = utc_to_local(target.starts_at, meeting.timezone).date()
    instants = form.instants(day, meeting.timezone)
    if instants is None:
        return None
    values = form.stored_values(ITEM_FIELDS)
    values["starts_at"], values["ends_at"] = instants
    return values


def _render_item_form(meeting, session, item, form, conflict=None):
    return render_template(
        "meetings/item_form.html",
        meeting=meeting,
        session=session,
        item=item,
        form=form,
        conflict=conflict,
        can_manage=True,
    ), _status(form, conflict)


def item_new(slug: str, session_id: int):
    meeting = _load_managed(slug)
    session = _load_session(meeting, session_id)
    form = _item_form(meeting, session)
    if form.validate_on_submit():
        target = _load_session(meeting, form.session_id.data)
        values = _item_values(form, meeting, target)
        if values is not None:
            try:
                item = create_item(target, values)
                db.session.commit()
            except AgendaError as error:
                db.session.rollback()
                form[error.field].errors.append(str(error))
            else:
                flash(_("The item is added; now attach its speakers."), "success")
                return redirect(url_for("meetings.item_people", slug=slug, item_id=item.id))
    return _render_item_form(meeting, session, None, form)


def item_edit(slug: str, item_id: int):
    meeting = _load_managed(slug)
    item = _load_item(meeting, item_id)
    form = _item_form(meeting, item.session, item)
    if form.validate_on_submit():
        target = _load_session(meeting, form.session_id.data)
        values = _item_values(form, meeting, target)
        if values is not None:
            try:
                update_item(item, values, form.version.data, target)
                db.session.commit()
            except AgendaError as error:
                db.session.rollback()
                form[error.field].errors.append(str(error))
            except (EditConflict, StaleDataError):
                db.session.rollback()
                item = _load_item(meeting, item_id)
                form.version.data = item.version
                return _render_item_form(
                    meeting,
                    item.session,
                    item,
                    form,
                    conflict=form.current_values(item_snapshot(item)),
                )
            else:
                flash(_("The item is saved."), "success")
                return redirect(url_for("meetings.agenda_edit", slug=slug, _anchor=f"item-{item.id}"))
    return _render_item_form(meeting, item.session, item, form)


def item_delete(slug: str, item_id: int):
    meeting = _load_managed(slug)
    item = _load_item(meeting, item_id)
    delete_item(item)
    db.session.commit()
    flash(_("The item is removed from the working copy."), "success")
    return redirect(url_for("meetings.agenda_edit", slug=slug))


def _appearance_form(link: ItemPerson, formdata=None) -> AppearanceForm:
    """The edit form of one attached person, its fields prefixed so that every link's form fits on one page;
    filled from the link, or from what was sent (and only that)."""
    source = {"formdata": formdata} if formdata is not None else {"formdata": None, "obj": link}
    return AppearanceForm(prefix=f"link-{link.id}", **source)


def _render_item_people(meeting: Meeting, item: AgendaItem, form: AttachForm, edit_forms: dict | None = None):
    query = request.args.get("q", "").strip()
    forms = {link.id: _appearance_form(link) for link in item.people}
    forms.update(edit_forms or {})
    failed = form.errors or any(f.errors for f in forms.values())
    return render_template(
        "meetings/item_people.html",
        meeting=meeting,
        item=item,
        form=form,
        q=query,
        results=search_people(query, limit=20) if query else [],
        edit_forms=forms,
        can_manage=True,
    ), 400 if failed else 200


def item_people(slug: str, item_id: int):
    """Attach people to an item: search the directory (works without JavaScript), pick, give the role."""
    meeting = _load_managed(slug)
    item = _load_item(meeting, item_id)
    form = AttachForm()
    if form.validate_on_submit():
        person = db.session.get(Person, form.person_id.data)
        if person is None:
            form.person_id.errors.append(_("Choose a person from the search results."))
        else:
            attach_person(item, person, form.appearance_values())
            db.session.commit()
            flash(_("%(name)s is attached.", name=person.name), "success")
            return redirect(url_for("meetings.item_people", slug=slug, item_id=item.id))
    return _render_item_people(meeting, item, form)


def item_person_edit(slug: str, item_id: int, link_id: int):
    """One attached person's role, delivery, capacity and the agenda's own words for them (item people page)."""
    meeting = _load_managed(slug)
    item = _load_item(meeting, item_id)
    link = child_or_404(ItemPerson, link_id, item_id=item.id)
    form = _appearance_form(link, request.form)
    if form.validate_on_submit():
        changes = update_appearance(link, form.appearance_values())
        db.session.commit()
        flash(
            _("%(name)s: saved; readers see it in the next release.", name=link.person.name)
            if changes
            else _("Nothing was changed."),
            "success" if changes else "info",
        )
        return redirect(
            url_for("meetings.item_people", slug=slug, item_id=item.id, _anchor=f"link-{link.id}")
        )
    return _render_item_people(meeting, item, AttachForm(formdata=None), {link.id: form})


def people_search(slug: str):
    """Search-as-you-type for the attach form: JSON of the people matching ?q=."""
    _load_managed(slug)
    query = request.args.get("q", "").strip()
    people = search_people(query, limit=20) if len(query) >= 2 else []
    return jsonify(
        people=[
            {
                "id": p.id,
                "name": p.name_with_honorific,
                "position": p.position or "",
                "organisation": p.organisation or "",
            }
            for p in people
        ]
    )


def item_person_delete(slug: str, item_id: int, link_id: int):
    meeting = _load_managed(slug)
    item = _load_item(meeting, item_id)
    link = child_or_404(ItemPerson, link_id, item_id=item.id)
    detach_person(link)
    db.session.commit()
    flash(_("The person is detached from the item."), "success")
    return redirect(url_for("meetings.item_people", slug=slug, item_id=item.id))


# The planner ------------------------------------------------------------------------------------


def _planner_form(meeting: Meeting) -> PlannerForm:
    form = PlannerForm(request.args if request.args else None)
    form.iscms.choices = [
        (iscm.slug, f"{iscm.acronym} ({iscm.home_timezone or '—'})") for iscm in all_iscms()
    ]
    if not request.args:
        form.day.data = meeting.start_date
        form.iscms.data = [iscm.slug for iscm in meeting.iscms]
        form.hosts_awake.data = True
    return form


def _iscm_participant(iscm, overrides: dict[str, str]) -> planner.Participant | None:
    """An ISCM with its zone and where that zone comes from: the organizer's override, else the registry's."""
    if iscm.slug in overrides:
        return planner.Participant(iscm.slug, iscm.acronym, overrides[iscm.slug], _("your override"))
    if iscm.home_timezone:
        return planner.Participant(
            iscm.slug, iscm.acronym, iscm.home_timezone, iscm.timezone_note or _("the registry's home zone")
        )
    return None


def _participants(form: PlannerForm) -> tuple[list[planner.Participant], list[str]]:
    """(who the planner places, the chosen ISCMs it cannot place because they have no zone)."""
    overrides = form.parsed_overrides()
    chosen = [iscm for iscm in all_iscms() if iscm.slug in (form.iscms.data or [])]
    placed = {iscm.slug: _iscm_participant(iscm, overrides) for iscm in chosen}
    people = [participant for participant in placed.values() if participant is not None]
    zones = [planner.Participant(zone, zone, zone, _("added by you")) for zone in form.zones.data or []]
    return people + zones, [iscm.acronym for iscm in chosen if placed[iscm.slug] is None]


def _candidate_start(meeting: Meeting, form: PlannerForm) -> datetime | None:
    if form.candidate.data is None:
        return None
    try:
        return local_to_utc(datetime.combine(form.day.data, form.candidate.data), meeting.timezone, fold=0)
    except NonexistentLocalTime:
        form.candidate.errors = [_("This time does not exist that day (the clocks skip it).")]
        return None


def _plan(meeting: Meeting, form: PlannerForm) -> dict:
    participants, without_zone = _participants(form)
    day, minutes = form.day.data, form.minutes.data
    days = 2 if form.next_day.data else 1
    proposals = {
        count: planner.best_split(
            participants, day, meeting.timezone, minutes, count, form.hosts_awake.data, days
        )
        for count in (1, 2, 3)
    }
    starts_at = _candidate_start(meeting, form)
    if starts_at is None and proposals[1]:
        starts_at = proposals[1].slots[0].starts_at
    elif starts_at is None:
        starts_at = planner.day_bounds(day, meeting.timezone)[0]
    return {
        "participants": participants,
        "without_zone": without_zone,
        "proposals": proposals,
        "starts_at": starts_at,
        "grid": planner.grid(participants, day, meeting.timezone, starts_at, minutes),
        "hours": [utc_to_local(hour, meeting.timezone) for hour in planner.day_hours(day, meeting.timezone)],
    }


def planner_page(slug: str):
    meeting = _load_managed(slug)
    form = _planner_form(meeting)
    plan = _plan(meeting, form) if form.validate() else None
    return render_template(
        "meetings/planner.html",
        meeting=meeting,
        form=form,
        plan=plan,
        can_manage=True,
        apply_args=request.args.to_dict(flat=False),
    ), (200 if plan or not request.args else 400)


def planner_apply(slug: str):
    """One click: the chosen proposal (1, 2 or 3 sessions) becomes sessions of the working agenda."""
    meeting = _load_managed(slug)
    form = PlannerForm(request.form)
    form.iscms.choices = [(iscm.slug, iscm.acronym) for iscm in all_iscms()]
    count = request.form.get("sessions", type=int)
    if not form.validate() or count not in (1, 2, 3):
        flash(_("The planner's input was not understood; nothing was created."), "error")
        return redirect(url_for("meetings.planner_page", slug=slug))
    proposal = _plan(meeting, form)["proposals"][count]
    try:
        created = sessions_from_proposal(meeting, proposal, form.minutes.data, _("Session"), "discussion")
        db.session.commit()
    except AgendaError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for("meetings.planner_page", slug=slug, **request.form.to_dict(flat=False)))
    flash(_("%(count)d sessions are added to the working agenda.", count=len(created)), "success")
    return redirect(url_for("meetings.agenda_edit", slug=slug))


bp.add_url_rule("/meetings", "index", index)
bp.add_url_rule("/meetings/new", "create", create, methods=["GET", "POST"])
bp.add_url_rule("/meetings/<slug>", "show", show)
bp.add_url_rule("/meetings/<slug>/edit", "edit", edit, methods=["GET", "POST"])
bp.add_url_rule("/meetings/<slug>/cancel", "cancel", cancel, methods=["POST"])
bp.add_url_rule("/meetings/<slug>/materials", "add_material", add_material_view, methods=["POST"])
bp.add_url_rule("/meetings/<slug>/materials/<int:material_id>/file", "material_file", material_file)
bp.add_url_rule(
    "/meetings/<slug>/materials/<int:material_id>/delete",
    "delete_material",
    delete_material_view,
    methods=["POST"],
)
bp.add_url_rule("/meetings/<slug>/roles", "roles", roles, methods=["GET", "POST"])
bp.add_url_rule("/meetings/<slug>/roles/<int:role_id>/delete", "remove_role", remove_role, methods=["POST"])
bp.add_url_rule("/meetings/<slug>/agenda", "agenda_page", agenda_page)
bp.add_url_rule("/meetings/<slug>/agenda/v<int:number>", "agenda_version", agenda_version)
bp.add_url_rule("/meetings/<slug>/agenda/print", "agenda_print", agenda_print)
bp.add_url_rule("/meetings/<slug>/agenda.pdf", "agenda_pdf", agenda_pdf)
bp.add_url_rule("/meetings/<slug>/agenda/changes", "changes", changes)
bp.add_url_rule("/meetings/<slug>/agenda/zone", "remember_zone", remember_zone, methods=["POST"])
bp.add_url_rule("/meetings/<slug>/agenda/edit", "agenda_edit", agenda_edit)
bp.add_url_rule("/meetings/<slug>/agenda/release", "release", release, methods=["POST"])
bp.add_url_rule("/meetings/<slug>/sessions/new", "session_new", session_new, methods=["GET", "POST"])
bp.add_url_rule(
    "/meetings/<slug>/sessions/<int:session_id>/edit", "session_edit", session_edit, methods=["GET", "POST"]
)
bp.add_url_rule(
    "/meetings/<slug>/sessions/<int:session_id>/delete", "session_delete", session_delete, methods=["POST"]
)
bp.add_url_rule(
    "/meetings/<slug>/sessions/<int:session_id>/items/new", "item_new", item_new, methods=["GET", "POST"]
)
bp.add_url_rule("/meetings/<slug>/items/<int:item_id>/edit", "item_edit", item_edit, methods=["GET", "POST"])
bp.add_url_rule("/meetings/<slug>/items/<int:item_id>/delete", "item_delete", item_delete, methods=["POST"])
bp.add_url_rule(
    "/meetings/<slug>/items/<int:item_id>/people", "item_people", item_people, methods=["GET", "POST"]
)
bp.add_url_rule(
    "/meetings/<slug>/items/<int:item_id>/people/<int:link_id>/edit",
    "item_person_edit",
    item_person_edit,
    methods=["POST"],
)
bp.add_url_rule(
    "/meetings/<slug>/items/<int:item_id>/people/<int:link_id>/delete",
    "item_person_delete",
    item_person_delete,
    methods=["POST"],
)
bp.add_url_rule("/meetings/<slug>/people.json", "people_search", people_search)
bp.add_url_rule("/meetings/<slug>/planner", "planner_page", planner_page)
bp.add_url_rule("/meetings/<slug>/planner/apply", "planner_apply", planner_apply, methods=["POST"])
