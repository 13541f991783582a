"""Every model module, imported once so the metadata (and Alembic) sees the whole schema."""

from coordinator.audit.models import AuditEntry  # noqa: F401
from coordinator.auth.models import LoginAttempt, User  # noqa: F401
from coordinator.calendars.models import CalendarState, Follow, IcalFragment  # noqa: F401
from coordinator.iscms.models import ChairTerm, Iscm, Region, Theme  # noqa: F401
from coordinator.meetings.models import (  # noqa: F401
    AgendaItem,
    AgendaRelease,
    ItemPerson,
    Material,
    Meeting,
    MeetingRole,
    Session,
)
from coordinator.notices.models import Notice  # noqa: F401
from coordinator.participants.models import (  # noqa: F401
    Participant,
    ParticipantGroup,
    RegistrationSettings,
)
from coordinator.people.models import Person  # noqa: F401
from coordinator.reports.models import (  # noqa: F401
    RapporteurReport,
    ReportEvent,
    ReportRevision,
    SummaryQuote,
    SummaryReport,
    SummarySection,
)
