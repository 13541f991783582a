"""Rapporteur reports (one per session, every save a revision) and the meeting's summary report."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coordinator.db import UTCDateTime, utcnow
from coordinator.extensions import db

#: draft → submitted → changes_requested → resubmitted → approved (see `workflow.py`).
REPORT_STATUSES = ("draft", "submitted", "changes_requested", "resubmitted", "approved")
REPORT_ACTIONS = ("submit", "resubmit", "request_changes", "approve", "reopen", "restore")
SECTION_PARTS = ("body", "annex")
#: Chapter, section, sub-section (GRCP 9: "Summary Report" › "Key outcomes" › "IMRF contributions…").
SECTION_LEVELS = (1, 2, 3)
#: Annexes built from the meeting's own records, in the order the GRCP reports print them.
BUILT_IN_ANNEXES = ("description", "agenda", "speakers", "participants", "materials", "rapporteur_reports")


class RapporteurReport(db.Model):
    """The notes of one session; its content is the latest revision's."""

    __tablename__ = "rapporteur_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(sa.ForeignKey("sessions.id", ondelete="CASCADE"), unique=True)
    status: Mapped[str] = mapped_column(sa.String(20), default="draft")
    #: The structured notes (see `content.py`), the same as the latest revision's.
    content: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    #: Number of the latest revision; an editor opened on an older one may not save over it.
    head: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    session = relationship("Session")
    revisions: Mapped[list["ReportRevision"]] = relationship(
        back_populates="report", cascade="all, delete-orphan", order_by="ReportRevision.number"
    )
    events: Mapped[list["ReportEvent"]] = relationship(
        back_populates="report", cascade="all, delete-orphan", order_by="ReportEvent.id"
    )

    __table_args__ = (sa.CheckConstraint(f"status IN {REPORT_STATUSES!r}", name="status_known"),)
    __mapper_args__ = {"version_id_col": version}

    @property
    def is_approved(self) -> bool:
        return self.status == "approved"


class ReportRevision(db.Model):
    """One save of a report: what it said, who saved it, when."""

    __tablename__ = "report_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(
        sa.ForeignKey("rapporteur_reports.id", ondelete="CASCADE"), index=True
    )
    #: 1, 2, 3... per report; two saves racing for the same number cannot both land.
    number: Mapped[int]
    content: Mapped[dict] = mapped_column(sa.JSON)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: "autosave", "save" or "restore of 3": how the revision came to be.
    origin: Mapped[str] = mapped_column(sa.String(40), default="save")

    report: Mapped[RapporteurReport] = relationship(back_populates="revisions")
    author = relationship("User")

    __table_args__ = (sa.UniqueConstraint("report_id", "number", name="uq_report_revisions_report_number"),)


class ReportEvent(db.Model):
    """A step of the workflow, with the organizer's comments when changes are requested."""

    __tablename__ = "report_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(
        sa.ForeignKey("rapporteur_reports.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[str] = mapped_column(sa.String(20))
    from_status: Mapped[str] = mapped_column(sa.String(20))
    to_status: Mapped[str] = mapped_column(sa.String(20))
    comment: Mapped[str] = mapped_column(sa.Text, default="")
    #: The revision the step was taken on.
    revision: Mapped[int] = mapped_column(default=0)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    report: Mapped[RapporteurReport] = relationship(back_populates="events")
    user = relationship("User")

    __table_args__ = (sa.CheckConstraint(f"action IN {REPORT_ACTIONS!r}", name="action_known"),)


class SummaryReport(db.Model):
    """What a meeting produces: front sections written by organizers, then annexes."""

    __tablename__ = "summary_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"), unique=True)
    title: Mapped[str] = mapped_column(sa.String(500), default="")
    subtitle: Mapped[str] = mapped_column(sa.String(500), default="")
    #: The dates as the cover prints them, e.g. "10-11 November 2021".
    date_line: Mapped[str] = mapped_column(sa.String(200), default="")
    #: [{"acronym": "GCM", "expansion": "..."}]; derived from the meeting until an organizer edits it.
    acronyms: Mapped[list] = mapped_column(sa.JSON, default=list)
    acronyms_edited: Mapped[bool] = mapped_column(default=False)
    #: Keys of BUILT_IN_ANNEXES chosen to follow the written annexes.
    annexes: Mapped[list] = mapped_column(sa.JSON, default=list)
    #: Markdown printed on the page after the cover: disclaimer, publisher, copyright.
    imprint: Mapped[str] = mapped_column(sa.Text, default="")
    #: {annex key: Markdown} printed at the end of a built-in annex (e.g. the meeting's website under its description).
    annex_notes: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    #: {material id (as text): heading}: the list of materials starts a new group, so headed, at that material.
    material_headings: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    #: Until set, the PDF carries a "Draft" watermark and only people with a role on the meeting see it.
    final: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    meeting = relationship("Meeting")
    sections: Mapped[list["SummarySection"]] = relationship(
        back_populates="summary", cascade="all, delete-orphan", order_by="SummarySection.position"
    )

    __mapper_args__ = {"version_id_col": version}

    def part(self, name: str) -> list["SummarySection"]:
        return [section for section in self.sections if section.part == name]


class SummarySection(db.Model):
    """A heading and its Markdown text: a front section (chapter, section or sub-section) or a written annex."""

    __tablename__ = "summary_sections"

    id: Mapped[int] = mapped_column(primary_key=True)
    summary_id: Mapped[int] = mapped_column(
        sa.ForeignKey("summary_reports.id", ondelete="CASCADE"), index=True
    )
    #: Stable name within the report, used in anchors ("introduction", "key-outcomes").
    key: Mapped[str] = mapped_column(sa.String(80))
    title: Mapped[str] = mapped_column(sa.String(300))
    level: Mapped[int] = mapped_column(default=1)
    part: Mapped[str] = mapped_column(sa.String(10), default="body")
    body: Mapped[str] = mapped_column(sa.Text, default="")
    position: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    summary: Mapped[SummaryReport] = relationship(back_populates="sections")
    quotes: Mapped[list["SummaryQuote"]] = relationship(
        back_populates="section", cascade="all, delete-orphan", order_by="SummaryQuote.position"
    )

    __table_args__ = (
        sa.UniqueConstraint("summary_id", "key", name="uq_summary_sections_summary_key"),
        sa.CheckConstraint(f"part IN {SECTION_PARTS!r}", name="part_known"),
        sa.CheckConstraint(f"level IN {SECTION_LEVELS!r}", name="level_known"),
    )
    __mapper_args__ = {"version_id_col": version}


class SummaryQuote(db.Model):
    """A highlighted quote printed beside a section: who said it and the words."""

    __tablename__ = "summary_quotes"

    id: Mapped[int] = mapped_column(primary_key=True)
    section_id: Mapped[int] = mapped_column(
        sa.ForeignKey("summary_sections.id", ondelete="CASCADE"), index=True
    )
    speaker: Mapped[str] = mapped_column(sa.String(500))
    words: Mapped[str] = mapped_column(sa.Text)
    position: Mapped[int] = mapped_column(default=0)

    section: Mapped[SummarySection] = relationship(back_populates="quotes")
