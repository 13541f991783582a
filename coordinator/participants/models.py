"""Participation in a meeting: who comes, for which ISCM, in what capacity, and how far their registration is."""

import secrets
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coordinator.db import UTCDateTime, utcnow
from coordinator.extensions import db

#: Capacities in protocol order: the participant list sorts each ISCM's delegation by this order.
CAPACITIES = (
    "chair",
    "co_chair",
    "incoming_chair",
    "for_the_chair",
    "head_of_secretariat",
    "secretariat",
    "co_secretariat",
    "informal_support",
    "delegate",
    "observer",
    "organiser",
)
STATUSES = ("invited", "registered", "confirmed", "declined", "attended")
#: The groups every meeting starts with (organizers may add more): key, English title, position.
DEFAULT_GROUPS = (
    ("iscms", "Participants from ISCMs", 1),
    ("host", "Host and Organizers", 2),
    ("observers", "Observers", 3),
)


def new_token() -> str:
    """The secret part of a personal invitation link."""
    return secrets.token_urlsafe(24)


participant_sessions = sa.Table(
    "participant_sessions",
    db.metadata,
    sa.Column("participant_id", sa.ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("session_id", sa.ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True),
)


class ParticipantGroup(db.Model):
    """A numbered section of the participant list ("I. Participants from ISCMs")."""

    __tablename__ = "participant_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(sa.String(40))
    title: Mapped[str] = mapped_column(sa.String(200))
    #: Order of the sections in the printed list.
    position: Mapped[int] = mapped_column(default=0)

    meeting = relationship("Meeting")

    __table_args__ = (sa.UniqueConstraint("meeting_id", "key", name="uq_participant_groups_meeting_key"),)


class Participant(db.Model):
    """A person's participation in one meeting."""

    __tablename__ = "participants"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(sa.ForeignKey("people.id", ondelete="CASCADE"), index=True)
    group_id: Mapped[int] = mapped_column(sa.ForeignKey("participant_groups.id"), index=True)
    iscm_id: Mapped[int | None] = mapped_column(sa.ForeignKey("iscms.id", ondelete="SET NULL"), index=True)
    #: The organisation represented when not an ISCM ("IOM Headquarters").
    organisation: Mapped[str | None] = mapped_column(sa.String(300))
    #: What the list prints in its ISCM column when the ISCM's name and the capacity do not say it all.
    represented: Mapped[str | None] = mapped_column(sa.Text)
    capacity: Mapped[str | None] = mapped_column(sa.String(30))
    #: The position the participant list prints for this meeting ("Chief of Mission, IOM Guyana"), when it is
    #: not the directory's; a speaker's agenda wording lives on the agenda item, not here.
    position: Mapped[str | None] = mapped_column(sa.String(500))
    status: Mapped[str] = mapped_column(sa.String(20), default="invited")
    #: ISO 639-1 code of the language the participant listens to.
    language: Mapped[str | None] = mapped_column(sa.String(8))
    remarks: Mapped[str] = mapped_column(sa.Text, default="")
    #: The personal invitation link's secret; replaced when the invitation is sent again.
    token: Mapped[str] = mapped_column(sa.String(64), unique=True, default=new_token)
    invited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Set when the person is erased, for each list order: the sort key the row keeps from then on (the
    #: key of the row printed just before it, then its own id), so it keeps its number without the name.
    erased_sort_keys: Mapped[dict | None] = mapped_column(sa.JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    meeting = relationship("Meeting")
    person = relationship("Person")
    group: Mapped[ParticipantGroup] = relationship()
    iscm = relationship("Iscm")
    sessions = relationship("Session", secondary=participant_sessions, order_by="Session.starts_at")

    __table_args__ = (
        sa.UniqueConstraint("meeting_id", "person_id", name="uq_participants_meeting_person"),
        sa.CheckConstraint(f"status IN {STATUSES!r}", name="status_known"),
        sa.CheckConstraint(f"capacity IS NULL OR capacity IN {CAPACITIES!r}", name="capacity_known"),
    )
    __mapper_args__ = {"version_id_col": version}

    @property
    def is_confirmed(self) -> bool:
        return self.status in ("confirmed", "attended")


class RegistrationSettings(db.Model):
    """How a meeting takes registrations beyond personal invitations."""

    __tablename__ = "registration_settings"

    meeting_id: Mapped[int] = mapped_column(
        sa.ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True
    )
    #: Anyone may ask to take part through the meeting's registration form; an organizer approves each request.
    open_registration: Mapped[bool] = mapped_column(default=False)

    meeting = relationship("Meeting")
