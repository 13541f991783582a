"""Invitation e-mails, through the notices' mailer: sent only when MAIL_SERVER is configured."""

from flask_babel import gettext as _

from coordinator.notices.mail import mail_configured, send_mail

__all__ = ["mail_configured", "send_invitation"]


def send_invitation(person, meeting, link: str) -> bool:
    """True when the message left; a refusal is logged by the mailer, and the organizer copies the link."""
    subject = _("Invitation: %(meeting)s", meeting=meeting.title)
    body = _(
        "Dear %(name)s,\n\nYou are invited to %(meeting)s. Please answer here:\n%(link)s\n",
        name=person.name_with_honorific,
        meeting=meeting.title,
        link=link,
    )
    return send_mail(person.email, subject, body)
