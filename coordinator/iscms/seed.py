"""Loading the registry from the project's data files. Existing records are left as they are."""

from pathlib import Path

import sqlalchemy as sa
import yaml

from coordinator.core.partial_dates import parse_partial_date, parse_partial_end
from coordinator.extensions import db
from coordinator.iscms.models import ChairTerm, Iscm, Region, Theme

DATA_DIR = Path(__file__).parent / "data"

REGIONS = ("Africa", "Americas", "Asia", "Europe", "Eurasia", "Middle East", "Pacific", "Global")

_SCALAR_FIELDS = (
    "acronym",
    "name",
    "type",
    "member_states",
    "established",
    "established_note",
    "regions_note",
    "organisations_note",
    "secretariats_note",
    "home_timezone",
    "timezone_note",
    "fact_sheet_number",
    "annex10_column",
    "website",
)
_LIST_FIELDS = ("other_names", "organisations", "secretariats", "iom_roles", "sources")


def load_yaml(name: str):
    with open(DATA_DIR / name, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def region_slug(name: str) -> str:
    return name.lower().replace(" ", "-")


def _existing_slugs(model) -> set[str]:
    return set(db.session.scalars(sa.select(model.slug)))


def seed_regions() -> int:
    existing = _existing_slugs(Region)
    new = [Region(slug=region_slug(name), name=name) for name in REGIONS if region_slug(name) not in existing]
    db.session.add_all(new)
    return len(new)


def seed_themes() -> int:
    """Adds the themes that are missing; an existing theme gets the data file's name (an older file cut two
    names short at their comma), so running it again changes nothing."""
    existing = {theme.slug: theme for theme in db.session.scalars(sa.select(Theme))}
    new = []
    for index, row in enumerate(load_yaml("themes.yaml")):
        if row["slug"] in existing:
            existing[row["slug"]].name = row["name"]
        else:
            new.append(Theme(slug=row["slug"], name=row["name"], position=index))
    db.session.add_all(new)
    return len(new)


def _chair_term(row: dict) -> ChairTerm:
    starts_on, starts_precision = parse_partial_date(row.get("start"))
    ends_on, ends_precision = parse_partial_end(row.get("end"))
    return ChairTerm(
        holder=row["holder"],
        role=row.get("role") or "chair",
        status=row.get("status") or "current",
        starts_on=starts_on,
        starts_precision=starts_precision,
        ends_on=ends_on,
        ends_precision=ends_precision,
        source=row.get("source"),
    )


def build_iscm(row: dict, regions: dict[str, Region], themes: dict[str, Theme]) -> Iscm:
    iscm = Iscm(slug=row["slug"], description=(row.get("description") or "").strip())
    for name in _SCALAR_FIELDS:
        setattr(iscm, name, row.get(name))
    for name in _LIST_FIELDS:
        setattr(iscm, name, list(row.get(name) or []))
    iscm.regions = [regions[region_slug(name)] for name in row.get("regions") or []]
    iscm.themes = [themes[slug] for slug in row.get("themes") or []]
    iscm.chair_terms = [_chair_term(term) for term in row.get("chair_terms") or []]
    return iscm


def seed_iscms() -> int:
    db.session.flush()
    regions = {region.slug: region for region in db.session.scalars(sa.select(Region))}
    themes = {theme.slug: theme for theme in db.session.scalars(sa.select(Theme))}
    existing = _existing_slugs(Iscm)
    new = [build_iscm(row, regions, themes) for row in load_yaml("iscms.yaml") if row["slug"] not in existing]
    db.session.add_all(new)
    db.session.flush()
    return len(new)


def seed_registry() -> dict[str, int]:
    return {"regions": seed_regions(), "themes": seed_themes(), "iscms": seed_iscms()}
