"""The people directory shared by every meeting: speakers, facilitators, rapporteurs, participants."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coordinator.db import UTCDateTime, utcnow
from coordinator.extensions import db

HONORIFICS = ("H.E. Mr", "H.E. Ms", "Mr", "Ms", "Dr", "Prof.")
#: What describes a person, apart from their ISCM and account: what the directory edits, the seeds load and
#: erasure blanks.
PERSON_DETAILS = (
    "honorific",
    "given_name",
    "family_name",
    "position",
    "organisation",
    "country",
    "email",
    "timezone",
    "full_position",
)


class Person(db.Model):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: A stable name given by the demo data or an import ("antonio-vitorino"), so later loads find the same row.
    key: Mapped[str | None] = mapped_column(sa.String(120), unique=True)
    #: As printed before the name: "H.E. Mr", "Ms", "Dr"; free text, the list above is a suggestion.
    honorific: Mapped[str | None] = mapped_column(sa.String(30))
    given_name: Mapped[str] = mapped_column(sa.String(120), default="")
    family_name: Mapped[str] = mapped_column(sa.String(120))
    #: Job title, e.g. "Director for International Cooperation and Partnerships (ICP)".
    position: Mapped[str | None] = mapped_column(sa.String(500))
    organisation: Mapped[str | None] = mapped_column(sa.String(300))
    #: ISO 3166-1 alpha-2 code of the State the person serves, when a State.
    country: Mapped[str | None] = mapped_column(sa.String(2))
    iscm_id: Mapped[int | None] = mapped_column(sa.ForeignKey("iscms.id", ondelete="SET NULL"), index=True)
    email: Mapped[str | None] = mapped_column(sa.String(254), index=True)
    #: Where the person works (IANA name): the agenda and planner read it.
    timezone: Mapped[str | None] = mapped_column(sa.String(64))
    #: The full position text as a list prints it (job title, organisation and capacity together).
    full_position: Mapped[str | None] = mapped_column(sa.Text)
    #: Linked account, when the person signs in (rapporteurs, participants).
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    #: Set when an administrator erased the person: the record stays so numbered lists keep their numbers.
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    iscm = relationship("Iscm")
    user = relationship("User")

    __mapper_args__ = {"version_id_col": version}

    @property
    def name(self) -> str:
        return " ".join(part for part in (self.given_name, self.family_name) if part)

    @property
    def name_with_honorific(self) -> str:
        return " ".join(part for part in (self.honorific, self.given_name, self.family_name) if part)

    @property
    def sort_name(self) -> tuple[str, str]:
        return (self.family_name.casefold(), self.given_name.casefold())

    def __repr__(self) -> str:
        return f"<Person {self.name}>"
