"""Meetings: every calendar entry, from a one-line webinar to a fully planned GRCP.

Planning detail (sessions, agenda items, roles, materials) is optional around a Meeting.
Instants are stored in UTC; the reference zone by IANA name; all-day meetings have dates, not instants.
"""

import uuid
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coordinator.db import UTCDateTime, utcnow
from coordinator.extensions import db

FORMATS = ("in_person", "online", "hybrid")
VISIBILITIES = ("public", "private")
STATUSES = ("draft", "published", "cancelled")
#: Kinds of calendar entry (the ISCM highlights' vocabulary) plus the global meeting itself.
KINDS = (
    "som",
    "ministerial",
    "summit",
    "annual",
    "plenary",
    "steering_committee",
    "troika",
    "working_group",
    "thematic",
    "webinar",
    "training",
    "consultation",
    "anniversary",
    "global_meeting",
)
LEVELS = ("ministerial", "senior", "technical")
INITIATIVES = ("gcm", "gcr", "sdgs", "imrf", "cop")
MEETING_ROLES = ("organizer", "rapporteur", "staff", "participant")

SESSION_KINDS = (
    "opening",
    "discussion",
    "plenary",
    "working_group",
    "breakout",
    "panel",
    "closing",
    "social",
)
SESSION_STATUSES = ("scheduled", "cancelled")
ITEM_KINDS = (
    "registration",
    "welcome",
    "walkthrough",
    "discussion",
    "statements",
    "panel",
    "conclusions",
    "break",
    "meal",
    "closing_remarks",
)
ITEM_ROLES = ("speaker", "facilitator", "moderator", "co_facilitator", "panelist", "rapporteur")
DELIVERIES = ("in_person", "video", "written")
#: How a person appears in an item, what the agenda prints about them there (ItemPerson's columns): what the
#: attach and edit forms ask, the operations store and audit, and the GRCP 9 seed loads.
APPEARANCE_FIELDS = ("role", "delivery", "capacity", "role_label", "listed_name", "listed_as")


def new_uid() -> str:
    """A UID for iCal that never changes once given."""
    return f"{uuid.uuid4()}@coordinator"


meeting_iscms = sa.Table(
    "meeting_iscms",
    db.metadata,
    sa.Column("meeting_id", sa.ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("iscm_id", sa.ForeignKey("iscms.id", ondelete="CASCADE"), primary_key=True),
)

meeting_themes = sa.Table(
    "meeting_themes",
    db.metadata,
    sa.Column("meeting_id", sa.ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("theme_id", sa.ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True),
)

session_iscms = sa.Table(
    "session_iscms",
    db.metadata,
    sa.Column("session_id", sa.ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("iscm_id", sa.ForeignKey("iscms.id", ondelete="CASCADE"), primary_key=True),
)


class Meeting(db.Model):
    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(120), unique=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    #: Number or series, e.g. "GRCP 9", "Sixth Ministerial Consultation".
    number: Mapped[str | None] = mapped_column(sa.String(80))
    #: Theme or subtitle of the meeting.
    subtitle: Mapped[str | None] = mapped_column(sa.String(500))
    #: Who convenes it when not (only) ISCMs, e.g. "International Organization for Migration (IOM)".
    organiser: Mapped[str | None] = mapped_column(sa.String(300))
    kind: Mapped[str | None] = mapped_column(sa.String(30))
    level: Mapped[str | None] = mapped_column(sa.String(20))
    format: Mapped[str | None] = mapped_column(sa.String(20))

    #: All-day meetings have dates only; timed ones have instants too.
    all_day: Mapped[bool] = mapped_column(default=True)
    #: First and last day (inclusive) in the reference zone; None when the source gives no day.
    start_date: Mapped[date | None] = mapped_column(index=True)
    end_date: Mapped[date | None]
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: The first day of the month when the source gives only a month.
    month: Mapped[date | None]
    #: The dates in the source's own words ("July and September", "28 and 30 September").
    dates_text: Mapped[str | None] = mapped_column(sa.String(200))
    #: The year the source places the entry in, even when it gives no month or day (calendar year views).
    year: Mapped[int | None] = mapped_column(index=True)
    #: How many events this entry stands for when the source gives a count ("five training workshops").
    count: Mapped[int] = mapped_column(default=1)
    #: Reference zone (IANA); times in the agenda are written in it.
    timezone: Mapped[str] = mapped_column(sa.String(64), default="UTC")

    place: Mapped[str | None] = mapped_column(sa.String(300))
    venue: Mapped[str | None] = mapped_column(sa.String(300))
    #: Virtual platform (Zoom, Teams, Interprefy...) and its link.
    platform: Mapped[str | None] = mapped_column(sa.String(100))
    link: Mapped[str | None] = mapped_column(sa.String(500))
    website: Mapped[str | None] = mapped_column(sa.String(500))
    #: Working languages and interpretation languages, as ISO 639-1 codes.
    languages: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    interpretation: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    visibility: Mapped[str] = mapped_column(sa.String(10), default="public")
    status: Mapped[str] = mapped_column(sa.String(10), default="draft")
    #: Confirmed participants may see each other's names in the participant list.
    participants_visible: Mapped[bool] = mapped_column(default=False)

    description: Mapped[str] = mapped_column(sa.Text, default="")
    objectives: Mapped[str] = mapped_column(sa.Text, default="")
    guiding_questions: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    initiatives: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    outcome_documents: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    #: Where an imported or seeded entry came from ("ISCM 2021 Highlights", an .ics file).
    source: Mapped[str | None] = mapped_column(sa.String(200))

    #: iCal identity: never changes. SEQUENCE rises on every change of time, title or place.
    uid: Mapped[str] = mapped_column(sa.String(255), unique=True, default=new_uid)
    sequence: Mapped[int] = mapped_column(default=0)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow, index=True)
    version: Mapped[int] = mapped_column(default=1)

    iscms = relationship("Iscm", secondary=meeting_iscms, order_by="Iscm.acronym")
    themes = relationship("Theme", secondary=meeting_themes, order_by="Theme.position")
    sessions: Mapped[list["Session"]] = relationship(
        back_populates="meeting",
        cascade="all, delete-orphan",
        order_by="(Session.starts_at, Session.position)",
    )
    roles: Mapped[list["MeetingRole"]] = relationship(back_populates="meeting", cascade="all, delete-orphan")
    materials: Mapped[list["Material"]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="Material.position"
    )

    __table_args__ = (
        sa.CheckConstraint(f"visibility IN {VISIBILITIES!r}", name="visibility_known"),
        sa.CheckConstraint(f"status IN {STATUSES!r}", name="status_known"),
        sa.CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR end_date >= start_date", name="dates_ordered"
        ),
        sa.CheckConstraint(
            "ends_at IS NULL OR starts_at IS NULL OR ends_at >= starts_at", name="times_ordered"
        ),
        sa.CheckConstraint("count >= 1", name="count_positive"),
    )
    __mapper_args__ = {"version_id_col": version}

    @property
    def is_public(self) -> bool:
        return self.visibility == "public" and self.status != "draft"

    @property
    def is_cancelled(self) -> bool:
        return self.status == "cancelled"

    def __repr__(self) -> str:
        return f"<Meeting {self.slug}>"


class MeetingRole(db.Model):
    """A user's role on one meeting; a rapporteur's role names the session."""

    __tablename__ = "meeting_roles"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(sa.String(20))
    session_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )

    meeting: Mapped[Meeting] = relationship(back_populates="roles")
    user = relationship("User")
    session = relationship("Session")

    __table_args__ = (
        sa.UniqueConstraint(
            "meeting_id", "user_id", "role", "session_id", name="uq_meeting_roles_assignment"
        ),
        sa.CheckConstraint(f"role IN {MEETING_ROLES!r}", name="role_known"),
    )


class Material(db.Model):
    """A relevant material of a meeting: a link, or a file uploaded to the export store."""

    __tablename__ = "materials"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(500))
    url: Mapped[str | None] = mapped_column(sa.String(1000))
    #: Name of an uploaded file under the uploads folder, keyed by its content hash.
    stored_file: Mapped[str | None] = mapped_column(sa.String(200))
    original_filename: Mapped[str | None] = mapped_column(sa.String(255))
    description: Mapped[str | None] = mapped_column(sa.Text)
    position: Mapped[int] = mapped_column(default=0)

    meeting: Mapped[Meeting] = relationship(back_populates="materials")


class Session(db.Model):
    """A part of a meeting with its own time, audience and interpretation; parallel tracks may overlap."""

    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    kind: Mapped[str] = mapped_column(sa.String(20), default="plenary")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: Whom the session serves, e.g. "ISCMs based in Western time zones".
    audience: Mapped[str | None] = mapped_column(sa.String(300))
    interpretation: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    objective: Mapped[str | None] = mapped_column(sa.Text)
    guiding_questions: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    room: Mapped[str | None] = mapped_column(sa.String(200))
    link: Mapped[str | None] = mapped_column(sa.String(500))
    #: Parallel sessions share a time and differ by track; shown side by side.
    track: Mapped[str | None] = mapped_column(sa.String(80))
    position: Mapped[int] = mapped_column(default=0)
    status: Mapped[str] = mapped_column(sa.String(10), default="scheduled")
    uid: Mapped[str] = mapped_column(sa.String(255), unique=True, default=new_uid)
    sequence: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    meeting: Mapped[Meeting] = relationship(back_populates="sessions")
    iscms = relationship("Iscm", secondary=session_iscms, order_by="Iscm.acronym")
    items: Mapped[list["AgendaItem"]] = relationship(
        back_populates="session",
        cascade="all, delete-orphan",
        order_by="(AgendaItem.starts_at, AgendaItem.position)",
    )

    __table_args__ = (
        sa.CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        sa.CheckConstraint(f"status IN {SESSION_STATUSES!r}", name="status_known"),
        # Ids are never given twice (SQLite would reuse the highest after a delete): releases, the feeds'
        # UIDs of removed sessions and the audit trail name sessions by id.
        {"sqlite_autoincrement": True},
    )
    __mapper_args__ = {"version_id_col": version}


class AgendaItem(db.Model):
    __tablename__ = "agenda_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(sa.ForeignKey("sessions.id", ondelete="CASCADE"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    kind: Mapped[str] = mapped_column(sa.String(20), default="discussion")
    title: Mapped[str] = mapped_column(sa.String(500))
    description: Mapped[str | None] = mapped_column(sa.Text)
    position: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    session: Mapped[Session] = relationship(back_populates="items")
    people: Mapped[list["ItemPerson"]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="ItemPerson.position"
    )

    __table_args__ = (
        sa.CheckConstraint("ends_at >= starts_at", name="ends_after_start"),
        # Ids are never given twice, as for sessions: releases compare items by id.
        {"sqlite_autoincrement": True},
    )
    __mapper_args__ = {"version_id_col": version}


class ItemPerson(db.Model):
    """A person attached to an agenda item: speaker, facilitator, moderator, panelist, rapporteur."""

    __tablename__ = "item_people"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(sa.ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(sa.ForeignKey("people.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(sa.String(20), default="speaker")
    delivery: Mapped[str] = mapped_column(sa.String(20), default="in_person")
    #: In what capacity they speak: "for the Chair of the RCM", "Head of Budapest Process Secretariat".
    capacity: Mapped[str | None] = mapped_column(sa.String(500))
    #: How the agenda words this appearance after the name, when the directory's position, organisation and
    #: capacity do not say it as the organizers want ("Head of Technical Secretariat of the RCM"); replaces them.
    listed_as: Mapped[str | None] = mapped_column(sa.Text)
    #: The name, honorific included, when this agenda prints it otherwise than the directory ("Mr Ioane Alama").
    listed_name: Mapped[str | None] = mapped_column(sa.String(300))
    #: The role as this agenda words it, when not the role's own label ("Rapporteur for Discussion Session 1").
    role_label: Mapped[str | None] = mapped_column(sa.String(200))
    position: Mapped[int] = mapped_column(default=0)

    item: Mapped[AgendaItem] = relationship(back_populates="people")
    person = relationship("Person")


class AgendaRelease(db.Model):
    """A numbered, published version of a meeting's agenda: what readers see, frozen as it was released."""

    __tablename__ = "agenda_releases"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    #: 1, 2, 3... per meeting; readable at /meetings/<slug>/agenda/v<number>.
    number: Mapped[int]
    comment: Mapped[str] = mapped_column(sa.String(500), default="")
    released_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    released_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    #: The whole agenda as `agenda.snapshot()` built it: sessions, items, people, times in UTC.
    snapshot: Mapped[dict] = mapped_column(sa.JSON)
    #: What changed since the previous release, as `releases.compare()` lists it.
    changes: Mapped[list] = mapped_column(sa.JSON, default=list)

    meeting: Mapped[Meeting] = relationship()
    released_by = relationship("User")

    __table_args__ = (sa.UniqueConstraint("meeting_id", "number", name="uq_agenda_releases_meeting_number"),)
