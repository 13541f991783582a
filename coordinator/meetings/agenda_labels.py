"""Translatable labels of the agenda vocabularies: session and item kinds, roles, deliveries, problems."""

from flask_babel import lazy_gettext as _l

SESSION_KIND_LABELS = {
    "opening": _l("Opening"),
    "discussion": _l("Discussion"),
    "plenary": _l("Plenary"),
    "working_group": _l("Working group"),
    "breakout": _l("Breakout"),
    "panel": _l("Panel"),
    "closing": _l("Closing"),
    "social": _l("Social"),
}
ITEM_KIND_LABELS = {
    "registration": _l("Registration"),
    "welcome": _l("Statement of welcome"),
    "walkthrough": _l("Walk-through"),
    "discussion": _l("Discussion"),
    "statements": _l("Statements"),
    "panel": _l("Panel"),
    "conclusions": _l("Conclusions"),
    "break": _l("Break"),
    "meal": _l("Meal"),
    "closing_remarks": _l("Closing remarks"),
}
ROLE_LABELS = {
    "speaker": _l("Speaker"),
    "facilitator": _l("Facilitator"),
    "moderator": _l("Moderator"),
    "co_facilitator": _l("Co-facilitator"),
    "panelist": _l("Panelist"),
    "rapporteur": _l("Rapporteur"),
}
DELIVERY_LABELS = {
    "in_person": _l("In person"),
    "video": _l("Video address"),
    "written": _l("Written statement"),
}
MEETING_ROLE_LABELS = {
    "organizer": _l("Organizer"),
    "rapporteur": _l("Rapporteur"),
    "staff": _l("Staff"),
    "participant": _l("Participant"),
}
CHANGE_LABELS = {
    "added": _l("Added"),
    "removed": _l("Removed"),
    "moved": _l("Moved to another session"),
    "retimed": _l("New time"),
    "renamed": _l("New title"),
    "speakers": _l("Speakers changed"),
    "session_added": _l("Session added"),
    "session_removed": _l("Session removed"),
    "session_retimed": _l("Session at a new time"),
    "session_cancelled": _l("Session cancelled"),
}
LANGUAGE_LABELS = {
    "en": _l("English"),
    "fr": _l("French"),
    "es": _l("Spanish"),
    "ar": _l("Arabic"),
    "ru": _l("Russian"),
    "zh": _l("Chinese"),
    "pt": _l("Portuguese"),
}
