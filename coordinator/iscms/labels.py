"""Translatable labels of the registry's fixed vocabularies."""

from flask_babel import lazy_gettext as _l

TYPE_LABELS = {
    "RCP": _l("Regional consultative process (RCP)"),
    "IRF": _l("Interregional forum (IRF)"),
    "GLOBAL": _l("Global process"),
}
STATUS_LABELS = {"incoming": _l("Incoming"), "current": _l("Current"), "past": _l("Past")}
ROLE_LABELS = {"chair": _l("Chair"), "co-chair": _l("Co-Chair")}
REGION_LABELS = {
    "Africa": _l("Africa"),
    "Americas": _l("Americas"),
    "Asia": _l("Asia"),
    "Europe": _l("Europe"),
    "Eurasia": _l("Eurasia"),
    "Middle East": _l("Middle East"),
    "Pacific": _l("Pacific"),
    "Global": _l("Global"),
}


def region_label(name: str) -> str:
    return str(REGION_LABELS.get(name, name))
