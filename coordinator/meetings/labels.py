"""Translatable labels of the meeting vocabularies (kinds, levels, formats, global initiatives, statuses)."""

from flask_babel import lazy_gettext as _l

KIND_LABELS = {
    "som": _l("Senior officials' meeting"),
    "ministerial": _l("Ministerial meeting or conference"),
    "summit": _l("Summit"),
    "annual": _l("Annual meeting"),
    "plenary": _l("Plenary"),
    "steering_committee": _l("Steering committee"),
    "troika": _l("Troika"),
    "working_group": _l("Working group"),
    "thematic": _l("Thematic meeting or workshop"),
    "webinar": _l("Webinar"),
    "training": _l("Training or course"),
    "consultation": _l("Consultation"),
    "anniversary": _l("Anniversary event"),
    "global_meeting": _l("Global meeting"),
}
LEVEL_LABELS = {
    "ministerial": _l("Ministerial"),
    "senior": _l("Senior officials"),
    "technical": _l("Technical/expert"),
}
FORMAT_LABELS = {"in_person": _l("In person"), "online": _l("Online"), "hybrid": _l("Hybrid")}
INITIATIVE_LABELS = {
    "gcm": _l("Global Compact for Migration (GCM)"),
    "gcr": _l("Global Compact on Refugees (GCR)"),
    "sdgs": _l("2030 Agenda and SDGs"),
    "imrf": _l("International Migration Review Forum (IMRF)"),
    "cop": _l("COP/UNFCCC"),
}
STATUS_LABELS = {"draft": _l("Draft"), "published": _l("Published"), "cancelled": _l("Cancelled")}
VISIBILITY_LABELS = {"public": _l("Public"), "private": _l("Private")}
