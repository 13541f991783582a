"""The ISCM registry: mechanisms, their chair terms, regions and thematic foci."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coordinator.db import UTCDateTime, utcnow
from coordinator.extensions import db

TYPE_RCP = "RCP"
TYPE_IRF = "IRF"
TYPE_GLOBAL = "GLOBAL"
TYPES = (TYPE_RCP, TYPE_IRF, TYPE_GLOBAL)

CHAIR_ROLES = ("chair", "co-chair")
TERM_STATUSES = ("incoming", "current", "past")
#: How much of a term's date is known: "2019", "2019-06" or "2019-06-15".
PRECISIONS = ("year", "month", "day")

iscm_regions = sa.Table(
    "iscm_regions",
    db.metadata,
    sa.Column("iscm_id", sa.ForeignKey("iscms.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("region_id", sa.ForeignKey("regions.id", ondelete="CASCADE"), primary_key=True),
)

iscm_themes = sa.Table(
    "iscm_themes",
    db.metadata,
    sa.Column("iscm_id", sa.ForeignKey("iscms.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("theme_id", sa.ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True),
)


class Region(db.Model):
    __tablename__ = "regions"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(40), unique=True)
    name: Mapped[str] = mapped_column(sa.String(80))


class Theme(db.Model):
    """A thematic focus (the rows of Annex 10 of the 2019 assessment, plus any added later)."""

    __tablename__ = "themes"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(80), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    #: Order of the rows in the matrix.
    position: Mapped[int] = mapped_column(default=0)


class Iscm(db.Model):
    """An Inter-State Consultation Mechanism on Migration: an RCP, an IRF or a global process."""

    __tablename__ = "iscms"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(80), unique=True)
    acronym: Mapped[str] = mapped_column(sa.String(40), unique=True)
    name: Mapped[str] = mapped_column(sa.String(300))
    #: Other names and spellings the documents use ("IGAD-RCP", "Puebla Process").
    other_names: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    type: Mapped[str | None] = mapped_column(sa.String(10))
    member_states: Mapped[int | None]
    established: Mapped[int | None]
    established_note: Mapped[str | None] = mapped_column(sa.String(200))
    #: The source's own wording of the regions when it says more than the region list.
    regions_note: Mapped[str | None] = mapped_column(sa.String(200))
    organisations: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    #: The source's words when it names no organisation ("Not applicable", "None"); unset when it says nothing.
    organisations_note: Mapped[str | None] = mapped_column(sa.String(200))
    secretariats: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    secretariats_note: Mapped[str | None] = mapped_column(sa.String(300))
    iom_roles: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    #: Where the secretariat works: the planner's default zone for this ISCM.
    home_timezone: Mapped[str | None] = mapped_column(sa.String(64))
    timezone_note: Mapped[str | None] = mapped_column(sa.String(200))
    #: Row number in Annex 2 of the 2019 assessment; None for ISCMs it does not list.
    fact_sheet_number: Mapped[int | None]
    #: Column header of this ISCM in Annex 10 of the 2019 assessment.
    annex10_column: Mapped[str | None] = mapped_column(sa.String(80))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    sources: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    website: Mapped[str | None] = mapped_column(sa.String(300))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    #: Raised on every save; a save from a stale form is refused.
    version: Mapped[int] = mapped_column(default=1)

    regions: Mapped[list[Region]] = relationship(secondary=iscm_regions, order_by=Region.name)
    themes: Mapped[list[Theme]] = relationship(secondary=iscm_themes, order_by=Theme.position)
    chair_terms: Mapped[list["ChairTerm"]] = relationship(
        back_populates="iscm", cascade="all, delete-orphan", order_by="ChairTerm.id"
    )

    __table_args__ = (
        sa.CheckConstraint("member_states IS NULL OR member_states >= 0", name="member_states_positive"),
        sa.CheckConstraint(f"type IS NULL OR type IN {TYPES!r}", name="type_known"),
    )
    __mapper_args__ = {"version_id_col": version}

    @property
    def chair_history(self) -> list["ChairTerm"]:
        """Past terms first, then the current, then the incoming; by start within each."""
        return sorted(self.chair_terms, key=lambda term: term.sort_key)

    @property
    def current_chairs(self) -> list["ChairTerm"]:
        return [term for term in self.chair_terms if term.status == "current"]

    @property
    def incoming_chairs(self) -> list["ChairTerm"]:
        return [term for term in self.chair_terms if term.status == "incoming"]

    def __repr__(self) -> str:
        return f"<Iscm {self.acronym}>"


class ChairTerm(db.Model):
    """A State or entity chairing an ISCM for a while; past terms are kept as the history."""

    __tablename__ = "chair_terms"

    id: Mapped[int] = mapped_column(primary_key=True)
    iscm_id: Mapped[int] = mapped_column(sa.ForeignKey("iscms.id", ondelete="CASCADE"), index=True)
    holder: Mapped[str] = mapped_column(sa.String(200))
    role: Mapped[str] = mapped_column(sa.String(20), default="chair")
    status: Mapped[str] = mapped_column(sa.String(20), default="current")
    starts_on: Mapped[date | None]
    starts_precision: Mapped[str | None] = mapped_column(sa.String(5))
    #: The last day the end can mean ("2021" is kept as 2021-12-31), so `ends_on >= starts_on` is the rule.
    ends_on: Mapped[date | None]
    ends_precision: Mapped[str | None] = mapped_column(sa.String(5))
    #: Where the registry learnt of this term.
    source: Mapped[str | None] = mapped_column(sa.String(200))

    iscm: Mapped[Iscm] = relationship(back_populates="chair_terms")

    __table_args__ = (
        sa.CheckConstraint(
            "ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on", name="ends_after_start"
        ),
        sa.CheckConstraint(f"status IN {TERM_STATUSES!r}", name="status_known"),
        sa.CheckConstraint(f"role IN {CHAIR_ROLES!r}", name="role_known"),
    )

    @property
    def sort_key(self):
        order = {"past": 0, "current": 1, "incoming": 2}[self.status]
        return (order, self.starts_on or date.min, self.id or 0)
