"""Reading the registry: lists, filters, sorting, the theme matrix and counts."""

import json
from collections import Counter
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from coordinator.extensions import db
from coordinator.iscms.models import TYPES, ChairTerm, Iscm, Region, Theme

SORT_COLUMNS = {
    "acronym": sa.func.lower(Iscm.acronym),
    "name": sa.func.lower(Iscm.name),
    "type": Iscm.type,
    "members": Iscm.member_states,
    "established": Iscm.established,
}


@dataclass(frozen=True)
class RegistryFilter:
    """What the registry pages filter by; every field comes from the query string."""

    types: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    text: str = ""
    sort: str = "acronym"
    descending: bool = False

    @classmethod
    def from_args(cls, args) -> "RegistryFilter":
        sort = args.get("sort", "acronym")
        descending = sort.startswith("-")
        sort = sort.lstrip("-")
        return cls(
            types=tuple(t for t in args.getlist("type") if t in TYPES),
            regions=tuple(r for r in args.getlist("region") if r),
            themes=tuple(t for t in args.getlist("theme") if t),
            text=args.get("q", "").strip(),
            sort=sort if sort in SORT_COLUMNS else "acronym",
            descending=descending,
        )

    @property
    def active(self) -> bool:
        return bool(self.types or self.regions or self.themes or self.text)

    def query_args(self, **overrides) -> dict:
        args = {"type": list(self.types), "region": list(self.regions), "theme": list(self.themes)}
        if self.text:
            args["q"] = self.text
        sort = overrides.pop("sort", ("-" if self.descending else "") + self.sort)
        if sort != "acronym":
            args["sort"] = sort
        args.update(overrides)
        return args


def _apply_filter(query, flt: RegistryFilter):
    if flt.types:
        query = query.where(Iscm.type.in_(flt.types))
    for region in flt.regions:
        query = query.where(Iscm.regions.any(Region.slug == region))
    for theme in flt.themes:
        query = query.where(Iscm.themes.any(Theme.slug == theme))
    if flt.text:
        query = query.where(_text_matches(flt.text.lower()))
    return query


def _text_matches(text: str):
    """The text anywhere in the names, secretariats or chairs; % and _ are letters like any other. Lists are
    searched in their stored JSON, where the text is written as a JSON string writes it (quotes escaped)."""

    def contains(column, value=text):
        return sa.func.lower(column).contains(value, autoescape=True)

    in_json = json.dumps(text, ensure_ascii=False)[1:-1]
    return sa.or_(
        contains(Iscm.acronym),
        contains(Iscm.name),
        contains(sa.cast(Iscm.other_names, sa.String), in_json),
        contains(sa.cast(Iscm.secretariats, sa.String), in_json),
        Iscm.chair_terms.any(contains(ChairTerm.holder)),
    )


def list_iscms(flt: RegistryFilter = RegistryFilter()) -> list[Iscm]:
    column = SORT_COLUMNS[flt.sort]
    order = column.desc().nulls_last() if flt.descending else column.asc().nulls_last()
    query = (
        _apply_filter(sa.select(Iscm), flt)
        .options(selectinload(Iscm.regions), selectinload(Iscm.themes), selectinload(Iscm.chair_terms))
        .order_by(order, sa.func.lower(Iscm.acronym))
    )
    return list(db.session.scalars(query))


def all_regions() -> list[Region]:
    return list(db.session.scalars(sa.select(Region).order_by(Region.name)))


def all_themes() -> list[Theme]:
    return list(db.session.scalars(sa.select(Theme).order_by(Theme.position, Theme.name)))


def get_iscm(slug: str) -> Iscm | None:
    return db.session.scalar(sa.select(Iscm).where(Iscm.slug == slug))


@dataclass
class RegistryCounts:
    total: int = 0
    by_type: Counter = field(default_factory=Counter)


def registry_counts(iscms: list[Iscm] | None = None) -> RegistryCounts:
    if iscms is None:
        rows = db.session.execute(sa.select(Iscm.type, sa.func.count()).group_by(Iscm.type)).all()
        by_type = Counter({kind: count for kind, count in rows})
    else:
        by_type = Counter(iscm.type for iscm in iscms)
    return RegistryCounts(total=sum(by_type.values()), by_type=by_type)


@dataclass
class ThemeMatrix:
    themes: list[Theme]
    iscms: list[Iscm]
    ticks: set[tuple[int, int]]

    def has(self, theme: Theme, iscm: Iscm) -> bool:
        return (theme.id, iscm.id) in self.ticks

    def row_count(self, theme: Theme) -> int:
        return sum(1 for iscm in self.iscms if (theme.id, iscm.id) in self.ticks)

    def column_count(self, iscm: Iscm) -> int:
        return sum(1 for theme in self.themes if (theme.id, iscm.id) in self.ticks)


def theme_matrix(flt: RegistryFilter) -> ThemeMatrix:
    """Rows: the chosen themes (all when none is chosen); columns: the ISCMs the other filters keep.

    Columns are ISCMs that address at least one of the chosen themes.
    """
    iscms = list_iscms(RegistryFilter(types=flt.types, regions=flt.regions, text=flt.text))
    themes = [theme for theme in all_themes() if not flt.themes or theme.slug in flt.themes]
    theme_ids = {theme.id for theme in themes}
    ticks = {(theme.id, iscm.id) for iscm in iscms for theme in iscm.themes if theme.id in theme_ids}
    if flt.themes:
        iscms = [iscm for iscm in iscms if any(iscm.id == iscm_id for _, iscm_id in ticks)]
    return ThemeMatrix(themes=themes, iscms=iscms, ticks=ticks)
