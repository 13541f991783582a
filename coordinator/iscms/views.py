"""Registry pages: the list, one ISCM's fact sheet, the theme matrix, and the admins' edit forms."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy.orm.exc import StaleDataError

from coordinator.auth.permissions import admin_required
from coordinator.core.concurrency import EditConflict
from coordinator.core.partial_dates import format_partial_date
from coordinator.extensions import db
from coordinator.iscms.forms import ChairTermForm, IscmForm
from coordinator.iscms.labels import STATUS_LABELS, TYPE_LABELS, TYPE_SHORT_LABELS, region_label, theme_label
from coordinator.iscms.models import ChairTerm, Iscm
from coordinator.iscms.operations import (
    RegistryError,
    add_chair_term,
    create_iscm,
    delete_chair_term,
    snapshot,
    update_chair_term,
    update_iscm,
)
from coordinator.iscms.queries import (
    RegistryFilter,
    all_regions,
    all_themes,
    get_iscm,
    list_iscms,
    registry_counts,
    theme_matrix,
)

bp = Blueprint("iscms", __name__)
bp.add_app_template_filter(region_label, "translate_region")
bp.add_app_template_filter(theme_label, "theme_label")
bp.add_app_template_global(TYPE_LABELS, "ISCM_TYPE_LABELS")
bp.add_app_template_global(TYPE_SHORT_LABELS, "ISCM_TYPE_SHORT_LABELS")
bp.add_app_template_global(STATUS_LABELS, "CHAIR_STATUS_LABELS")


def _load_iscm(slug: str) -> Iscm:
    iscm = get_iscm(slug)
    if iscm is None:
        abort(404)
    return iscm


def _filter_context(flt: RegistryFilter) -> dict:
    return {"flt": flt, "regions": all_regions(), "themes": all_themes()}


def index():
    flt = RegistryFilter.from_args(request.args)
    iscms = list_iscms(flt)
    return render_template(
        "iscms/index.html",
        iscms=iscms,
        counts=registry_counts(iscms),
        total=registry_counts(),
        **_filter_context(flt),
    )


def show(slug: str):
    iscm = _load_iscm(slug)
    return render_template("iscms/show.html", iscm=iscm)


def themes():
    flt = RegistryFilter.from_args(request.args)
    return render_template("iscms/themes.html", matrix=theme_matrix(flt), **_filter_context(flt))


def _iscm_form(iscm: Iscm | None = None) -> IscmForm:
    form = IscmForm(obj=iscm) if request.method == "GET" and iscm else IscmForm()
    form.regions.choices = [(region.slug, region_label(region.name)) for region in all_regions()]
    form.themes.choices = [(theme.slug, theme_label(theme)) for theme in all_themes()]
    if request.method == "GET" and iscm:
        form.regions.data = [region.slug for region in iscm.regions]
        form.themes.data = [theme.slug for theme in iscm.themes]
        form.version.data = iscm.version
    return form


def _form_values(form: IscmForm) -> dict:
    return {name: field.data for name, field in form._fields.items() if name not in ("version", "csrf_token")}


@admin_required
def create():
    form = _iscm_form()
    if form.validate_on_submit():
        try:
            iscm = create_iscm(_form_values(form))
        except RegistryError as error:
            getattr(form, error.field).errors.append(str(error))
        else:
            db.session.commit()
            flash(_("%(acronym)s is added to the registry.", acronym=iscm.acronym), "success")
            return redirect(url_for("iscms.show", slug=iscm.slug))
    return render_template(
        "iscms/edit.html", form=form, iscm=None, conflict=None
    ), 400 if form.errors else 200


@admin_required
def edit(slug: str):
    iscm = _load_iscm(slug)
    form = _iscm_form(iscm)
    conflict = None
    if form.validate_on_submit():
        try:
            changes = update_iscm(iscm, _form_values(form), form.version.data)
            db.session.commit()
        except RegistryError as error:
            db.session.rollback()
            getattr(form, error.field).errors.append(str(error))
        except (EditConflict, StaleDataError):
            db.session.rollback()
            conflict = snapshot(_load_iscm(slug))
            form.version.data = _load_iscm(slug).version
        else:
            if changes:
                flash(_("Your changes to %(acronym)s are saved.", acronym=iscm.acronym), "success")
            else:
                flash(_("Nothing was changed."), "info")
            return redirect(url_for("iscms.show", slug=iscm.slug))
    status = 409 if conflict else 400 if form.errors else 200
    return render_template("iscms/edit.html", form=form, iscm=iscm, conflict=conflict), status


def _term_values(form: ChairTermForm) -> dict:
    starts_on, starts_precision = form.starts.parsed()
    ends_on, ends_precision = form.ends.parsed_end()
    return {
        "holder": form.holder.data.strip(),
        "role": form.role.data,
        "status": form.status.data,
        "starts_on": starts_on,
        "starts_precision": starts_precision,
        "ends_on": ends_on,
        "ends_precision": ends_precision,
        "source": (form.source.data or "").strip() or None,
    }


@admin_required
def add_term(slug: str):
    iscm = _load_iscm(slug)
    form = ChairTermForm()
    if form.validate_on_submit():
        try:
            term = add_chair_term(iscm, _term_values(form))
        except RegistryError as error:
            getattr(form, error.field).errors.append(str(error))
        else:
            db.session.commit()
            flash(
                _(
                    "%(holder)s is recorded as %(status)s chair.",
                    holder=term.holder,
                    status=STATUS_LABELS[term.status],
                ),
                "success",
            )
            return redirect(url_for("iscms.show", slug=iscm.slug))
    return render_template(
        "iscms/chair_term.html", form=form, iscm=iscm, term=None
    ), 400 if form.errors else 200


def _load_term(slug: str, term_id: int) -> ChairTerm:
    term = db.session.get(ChairTerm, term_id)
    if term is None or term.iscm.slug != slug:
        abort(404)
    return term


@admin_required
def edit_term(slug: str, term_id: int):
    term = _load_term(slug, term_id)
    form = ChairTermForm(obj=term) if request.method == "GET" else ChairTermForm()
    if request.method == "GET":
        form.starts.data = format_partial_date(term.starts_on, term.starts_precision)
        form.ends.data = format_partial_date(term.ends_on, term.ends_precision)
    if form.validate_on_submit():
        try:
            update_chair_term(term, _term_values(form))
        except RegistryError as error:
            getattr(form, error.field).errors.append(str(error))
        else:
            db.session.commit()
            flash(_("The chair term is saved."), "success")
            return redirect(url_for("iscms.show", slug=slug))
    return render_template(
        "iscms/chair_term.html", form=form, iscm=term.iscm, term=term
    ), 400 if form.errors else 200


@admin_required
def delete_term(slug: str, term_id: int):
    term = _load_term(slug, term_id)
    delete_chair_term(term)
    db.session.commit()
    flash(_("The chair term is removed."), "success")
    return redirect(url_for("iscms.show", slug=slug))


bp.add_url_rule("/iscms", "index", index)
bp.add_url_rule("/iscms/themes", "themes", themes)
bp.add_url_rule("/iscms/new", "create", create, methods=["GET", "POST"])
bp.add_url_rule("/iscms/<slug>", "show", show)
bp.add_url_rule("/iscms/<slug>/edit", "edit", edit, methods=["GET", "POST"])
bp.add_url_rule("/iscms/<slug>/chairs/new", "add_term", add_term, methods=["GET", "POST"])
bp.add_url_rule("/iscms/<slug>/chairs/<int:term_id>/edit", "edit_term", edit_term, methods=["GET", "POST"])
bp.add_url_rule("/iscms/<slug>/chairs/<int:term_id>/delete", "delete_term", delete_term, methods=["POST"])
