"""The people directory shared by every meeting: search, add, edit. Personal data: staff and admins only."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy.orm.exc import StaleDataError

from coordinator.auth.permissions import staff_required
from coordinator.core.concurrency import EditConflict
from coordinator.extensions import db
from coordinator.meetings.models import ItemPerson
from coordinator.meetings.queries import all_iscms
from coordinator.people.forms import PersonForm
from coordinator.people.models import Person
from coordinator.people.operations import create_person, snapshot, update_person
from coordinator.people.queries import PAGE_SIZE, count_people, search_people

bp = Blueprint("people", __name__)


def _load(person_id: int) -> Person:
    person = db.session.get(Person, person_id)
    if person is None or person.erased_at is not None:
        abort(404)
    return person


@staff_required
def index():
    query = request.args.get("q", "").strip()
    page = max(request.args.get("page", 1, type=int), 1)
    people = search_people(query, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    return render_template(
        "people/index.html", people=people, q=query, page=page, total=count_people(query), page_size=PAGE_SIZE
    )


@staff_required
def show(person_id: int):
    person = _load(person_id)
    links = db.session.scalars(db.select(ItemPerson).where(ItemPerson.person_id == person.id)).all()
    return render_template("people/show.html", person=person, links=links)


def _form(person: Person | None = None) -> PersonForm:
    form = PersonForm(obj=person) if request.method == "GET" and person else PersonForm()
    form.iscm_id.choices = [("", "—")] + [(iscm.id, iscm.acronym) for iscm in all_iscms()]
    if request.method == "GET" and person:
        form.version.data = person.version
    return form


def _values(form: PersonForm) -> dict:
    return {name: field.data for name, field in form._fields.items() if name not in ("version", "csrf_token")}


@staff_required
def create():
    form = _form()
    if form.validate_on_submit():
        person = create_person(_values(form))
        db.session.commit()
        flash(_("%(name)s is added to the directory.", name=person.name), "success")
        return redirect(url_for("people.show", person_id=person.id))
    return render_template(
        "people/edit.html", form=form, person=None, conflict=None
    ), 400 if form.errors else 200


@staff_required
def edit(person_id: int):
    person = _load(person_id)
    form = _form(person)
    conflict = None
    if form.validate_on_submit():
        try:
            update_person(person, _values(form), form.version.data)
            db.session.commit()
        except (EditConflict, StaleDataError):
            db.session.rollback()
            person = _load(person_id)
            conflict, form.version.data = snapshot(person), person.version
        else:
            flash(_("Your changes are saved."), "success")
            return redirect(url_for("people.show", person_id=person.id))
    status = 409 if conflict else 400 if form.errors else 200
    return render_template("people/edit.html", form=form, person=person, conflict=conflict), status


bp.add_url_rule("/people", "index", index)
bp.add_url_rule("/people/new", "create", create, methods=["GET", "POST"])
bp.add_url_rule("/people/<int:person_id>", "show", show)
bp.add_url_rule("/people/<int:person_id>/edit", "edit", edit, methods=["GET", "POST"])
