"""Who may see and who may manage a meeting: the one place these rules live.

Public, non-draft meetings are for everyone. Drafts and private meetings are for those with a role
on the meeting, and for admins. Organizers (and admins) manage; staff with a role on the meeting
print its lists.
"""

import sqlalchemy as sa

from coordinator.meetings.models import Meeting, MeetingRole


def _roles_of(user, meeting: Meeting) -> set[str]:
    if user is None or not user.is_authenticated:
        return set()
    return {role.role for role in meeting.roles if role.user_id == user.id}


def has_role(user, meeting: Meeting, *roles: str) -> bool:
    held = _roles_of(user, meeting)
    return bool(held & set(roles)) if roles else bool(held)


def can_view_meeting(user, meeting: Meeting) -> bool:
    if meeting.is_public:
        return True
    if user is None or not user.is_authenticated:
        return False
    return user.is_admin or has_role(user, meeting)


def can_manage_meeting(user, meeting: Meeting) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return user.is_admin or has_role(user, meeting, "organizer")


def can_staff_meeting(user, meeting: Meeting) -> bool:
    """Organizers and the meeting's staff: participant lists, printouts, e-mails."""
    if user is None or not user.is_authenticated:
        return False
    return user.is_admin or has_role(user, meeting, "organizer", "staff")


def can_see_participants(user, meeting: Meeting) -> bool:
    """Organizers and staff; confirmed participants (who hold the participant role) when the meeting allows it."""
    if can_staff_meeting(user, meeting):
        return True
    return meeting.participants_visible and has_role(user, meeting, "participant")


def can_create_meetings(user) -> bool:
    return user is not None and user.is_authenticated and user.is_staff


def public_meetings_clause():
    """SQL condition for meetings anyone may see (public pages and public feeds)."""
    return sa.and_(Meeting.visibility == "public", Meeting.status != "draft")


def visible_meetings_clause(user):
    """SQL condition for the meetings a user may see: public ones plus those they hold a role on."""
    if user is None or not user.is_authenticated:
        return public_meetings_clause()
    if user.is_admin:
        return sa.true()
    with_role = sa.select(MeetingRole.meeting_id).where(MeetingRole.user_id == user.id)
    return sa.or_(public_meetings_clause(), Meeting.id.in_(with_role))


def report_actor(user, session) -> str | None:
    """ "organizer" for the meeting's organizers (and admins), "rapporteur" for the session's own, else None.

    A rapporteur of one session is nobody for another session's report.
    """
    if can_manage_meeting(user, session.meeting):
        return "organizer"
    if (
        user is not None
        and user.is_authenticated
        and any(
            role.user_id == user.id and role.role == "rapporteur" and role.session_id == session.id
            for role in session.meeting.roles
        )
    ):
        return "rapporteur"
    return None


def can_view_rapporteur_report(user, session, report) -> bool:
    """Its rapporteur and the organizers always; others once approved, on meetings they can see."""
    if report_actor(user, session) is not None:
        return True
    return report is not None and report.is_approved and can_view_meeting(user, session.meeting)


def can_view_summary_report(user, meeting, summary) -> bool:
    """A draft summary is for those with a role on the meeting; the final one for all who see the meeting."""
    if not can_view_meeting(user, meeting):
        return False
    if can_manage_meeting(user, meeting) or has_role(user, meeting):
        return True
    return summary is not None and summary.final
