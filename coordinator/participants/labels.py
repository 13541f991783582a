"""Translatable labels of the participation vocabularies."""

from flask_babel import lazy_gettext as _l

from coordinator.participants.models import DEFAULT_GROUPS

#: As Annex VI prints them: a capital letter, except "incoming Chair" and "for the Chair", which read on
#: from the ISCM's name.
CAPACITY_LABELS = {
    "chair": _l("Chair"),
    "co_chair": _l("Co-Chair"),
    "incoming_chair": _l("incoming Chair"),
    "for_the_chair": _l("for the Chair"),
    "head_of_secretariat": _l("Head of Secretariat"),
    "secretariat": _l("Secretariat"),
    "co_secretariat": _l("Co-Secretariat"),
    "informal_support": _l("Informal support"),
    "delegate": _l("Member State delegate"),
    "observer": _l("Observer"),
    "organiser": _l("Organizer"),
}
#: How lists and spreadsheets write each capacity in English, lower-cased, besides its label: what an
#: import recognises, and the ending a printed ISCM column ("… (CMC) incoming Chair") may carry.
CAPACITY_SPELLINGS = {
    "chair": ("chair",),
    "co_chair": ("co-chair", "co chair"),
    "incoming_chair": ("incoming chair",),
    "for_the_chair": ("for the chair",),
    "head_of_secretariat": ("head of secretariat", "head of the secretariat"),
    "secretariat": ("secretariat",),
    "co_secretariat": ("co-secretariat", "co secretariat"),
    "informal_support": (
        "informal support",
        "informal",
        "interim support",
        "support (informal)",
        "secretariat support (informal)",
    ),
    "delegate": ("member state delegate", "delegate"),
    "observer": ("observer",),
    "organiser": ("organizer", "organiser", "host"),
}
STATUS_LABELS = {
    "invited": _l("invited"),
    "registered": _l("registered"),
    "confirmed": _l("confirmed"),
    "declined": _l("declined"),
    "attended": _l("attended"),
}
GROUP_LABELS = {
    "iscms": _l("Participants from ISCMs"),
    "host": _l("Host and Organizers"),
    "observers": _l("Observers"),
}


def capacity_label(code: str | None) -> str:
    return str(CAPACITY_LABELS.get(code, code or ""))


def status_label(code: str) -> str:
    return str(STATUS_LABELS.get(code, code))


def group_title(group) -> str:
    """A default group's title in the reader's language; a title an organizer wrote, as written."""
    english = {key: title for key, title, _ in DEFAULT_GROUPS}
    if group.key in GROUP_LABELS and group.title == english[group.key]:
        return str(GROUP_LABELS[group.key])
    return group.title
