"""Every change to the registry, each recorded in the audit log. Operations flush; views commit."""

import sqlalchemy as sa
from flask_babel import gettext as _

from coordinator.audit.operations import diff, record
from coordinator.core.concurrency import check_version
from coordinator.core.partial_dates import format_partial_date, period_end
from coordinator.core.slugs import slugify, unique_slug
from coordinator.extensions import db
from coordinator.iscms.models import ChairTerm, Iscm, Region, Theme

EDITABLE_FIELDS = (
    "acronym",
    "name",
    "other_names",
    "type",
    "member_states",
    "established",
    "established_note",
    "regions_note",
    "organisations",
    "organisations_note",
    "secretariats",
    "secretariats_note",
    "iom_roles",
    "home_timezone",
    "timezone_note",
    "description",
    "website",
)
REQUIRED_TEXT = ("acronym", "name", "description")
#: The registry's own addresses under /iscms/ (views.py): no ISCM may take one as its slug.
RESERVED_SLUGS = frozenset({"new", "themes"})
#: The length of Iscm.slug.
SLUG_LENGTH = 80
TERM_FIELDS = (
    "holder",
    "role",
    "status",
    "starts_on",
    "starts_precision",
    "ends_on",
    "ends_precision",
    "source",
)


class RegistryError(ValueError):
    """Input the registry refuses; `field` names the form field the message belongs to."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def snapshot(iscm: Iscm) -> dict:
    values = {name: getattr(iscm, name) for name in EDITABLE_FIELDS}
    values["regions"] = sorted(region.slug for region in iscm.regions)
    values["themes"] = sorted(theme.slug for theme in iscm.themes)
    return values


def _ensure_unique_acronym(acronym: str, iscm: Iscm | None) -> None:
    query = sa.select(Iscm.id).where(sa.func.lower(Iscm.acronym) == acronym.lower())
    if iscm is not None and iscm.id is not None:
        query = query.where(Iscm.id != iscm.id)
    if db.session.scalar(query) is not None:
        raise RegistryError(
            "acronym", _("Another ISCM already uses the acronym “%(acronym)s”.", acronym=acronym)
        )


def _by_slugs(model, slugs) -> list:
    if not slugs:
        return []
    return list(db.session.scalars(sa.select(model).where(model.slug.in_(list(slugs)))))


def _clean(name: str, value):
    """Texts are trimmed; an emptied optional text is stored as None."""
    if isinstance(value, str):
        value = value.strip()
        if not value and name not in REQUIRED_TEXT:
            return None
    return value


def _assign(iscm: Iscm, values: dict) -> None:
    for name in EDITABLE_FIELDS:
        if name in values:
            setattr(iscm, name, _clean(name, values[name]))
    if "regions" in values:
        iscm.regions = _by_slugs(Region, values["regions"])
    if "themes" in values:
        iscm.themes = _by_slugs(Theme, values["themes"])


def new_slug(acronym: str, name: str) -> str:
    """The acronym's slug; else the name's, when the acronym gives none that is free (no Latin letters, a word
    of the registry's own addresses, taken); else iscm-<n>. A new ISCM always gets an address of its own."""
    for text in (acronym, name):
        slug = slugify(text)[:SLUG_LENGTH].strip("-")
        if slug and unique_slug(Iscm, slug, RESERVED_SLUGS) == slug:
            return slug
    return unique_slug(Iscm, "iscm", RESERVED_SLUGS, numbered=True)


def create_iscm(values: dict) -> Iscm:
    acronym = values["acronym"].strip()
    _ensure_unique_acronym(acronym, None)
    iscm = Iscm(slug=new_slug(acronym, values["name"].strip()), acronym=acronym, name=values["name"])
    _assign(iscm, values)
    db.session.add(iscm)
    db.session.flush()
    record("iscm.create", iscm, f"Created {iscm.acronym}", diff({}, snapshot(iscm)))
    return iscm


def update_iscm(iscm: Iscm, values: dict, expected_version) -> dict:
    """Apply a form's values; refuses a stale form. Returns what changed."""
    check_version(iscm, expected_version)
    _ensure_unique_acronym(values.get("acronym", iscm.acronym).strip(), iscm)
    before = snapshot(iscm)
    _assign(iscm, values)
    changes = diff(before, snapshot(iscm))
    if changes:
        db.session.flush()
        record("iscm.update", iscm, f"Edited {iscm.acronym}: {', '.join(changes)}", changes)
    return changes


def _term_values(term: ChairTerm) -> dict:
    return {name: getattr(term, name) for name in TERM_FIELDS}


def _terms_retired_by(iscm: Iscm, term: ChairTerm, status: str, role: str) -> list[ChairTerm]:
    """The other current terms of the same role, which a current term makes past."""
    if status != "current":
        return []
    return [
        other
        for other in iscm.chair_terms
        if other is not term and other.status == "current" and other.role == role
    ]


def _refuse_backdating(iscm: Iscm, term: ChairTerm | None, values: dict) -> None:
    """A new current chair cannot start before the current one it replaces: that one would end before
    it began."""
    starts_on = values.get("starts_on")
    if starts_on is None:
        return
    starts_by = period_end(starts_on, values.get("starts_precision"))
    for other in _terms_retired_by(iscm, term, values.get("status"), values.get("role")):
        if other.starts_on is not None and starts_by < other.starts_on:
            raise RegistryError(
                "starts",
                _(
                    "%(holder)s is the current chair since %(start)s: a new current chair cannot start before "
                    "that. Record this term as past, or correct its start.",
                    holder=other.holder,
                    start=format_partial_date(other.starts_on, other.starts_precision),
                ),
            )


def _retire_current_terms(iscm: Iscm, new_term: ChairTerm) -> None:
    """A new current chair makes the previous current holder of the same role a past one, ending in the
    period the new one starts."""
    for term in _terms_retired_by(iscm, new_term, new_term.status, new_term.role):
        term.status = "past"
        if term.ends_on is None and new_term.starts_on is not None:
            term.ends_on = period_end(new_term.starts_on, new_term.starts_precision)
            term.ends_precision = new_term.starts_precision


def add_chair_term(iscm: Iscm, values: dict) -> ChairTerm:
    """Refuses (RegistryError, nothing changed) a current term starting before the current one."""
    _refuse_backdating(iscm, None, values)
    term = ChairTerm(iscm=iscm, **{name: values.get(name) for name in TERM_FIELDS})
    db.session.add(term)
    _retire_current_terms(iscm, term)
    db.session.flush()
    record(
        "chair_term.create",
        iscm,
        f"{iscm.acronym}: {term.status} {term.role} {term.holder}",
        diff({}, _term_values(term)),
    )
    return term


def update_chair_term(term: ChairTerm, values: dict) -> dict:
    _refuse_backdating(term.iscm, term, values)
    before = _term_values(term)
    for name in TERM_FIELDS:
        setattr(term, name, values.get(name))
    _retire_current_terms(term.iscm, term)
    changes = diff(before, _term_values(term))
    if changes:
        db.session.flush()
        record("chair_term.update", term.iscm, f"{term.iscm.acronym}: chair term of {term.holder}", changes)
    return changes


def delete_chair_term(term: ChairTerm) -> None:
    iscm = term.iscm
    record(
        "chair_term.delete",
        iscm,
        f"{iscm.acronym}: removed chair term of {term.holder}",
        diff(_term_values(term), {name: None for name in TERM_FIELDS}),
    )
    db.session.delete(term)
    db.session.flush()
