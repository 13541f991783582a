"""Translatable labels of the registry's fixed vocabularies."""

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

TYPE_LABELS = {
    "RCP": _l("Regional consultative process (RCP)"),
    "IRF": _l("Interregional forum (IRF)"),
    "GLOBAL": _l("Global process"),
}
#: The short form the registry table and its filter use.
TYPE_SHORT_LABELS = {"RCP": _l("RCP"), "IRF": _l("IRF"), "GLOBAL": _l("Global process")}
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

#: The names of themes.yaml by slug, marked so the catalogs translate them (theme_label reads them there).
THEME_LABELS = {
    "asylum": _l("Asylum"),
    "biometrics": _l("Biometrics"),
    "border-management": _l("Border management"),
    "brain-drain": _l("Brain drain"),
    "counter-smuggling": _l("Counter-human smuggling"),
    "counter-trafficking": _l("Counter-trafficking"),
    "diaspora": _l("Diaspora"),
    "global-compact-migration": _l("Global Compact for Migration"),
    "humanitarian-emergency-preparedness": _l("Humanitarian emergency preparedness"),
    "idps": _l("IDPs"),
    "irregular-migration": _l("Irregular migration"),
    "labour-migration": _l("Labour migration"),
    "migrant-integration": _l("Migrant integration"),
    "migrants-rights": _l("Migrants' rights"),
    "migrants-vulnerable-situations": _l("Migrants in vulnerable situations"),
    "migration-development": _l("Migration and development"),
    "migration-gender": _l("Migration and gender"),
    "migration-security": _l("Migration and security"),
    "migration-health": _l("Migration and health"),
    "migration-data": _l("Migration data and statistics"),
    "migration-management": _l("Migration management"),
    "migration-governance": _l("Migration policy and governance"),
    "migration-environment-climate": _l("Migration, environment and climate change"),
    "migration-drivers": _l("Migration trends/drivers of migration"),
    "mixed-migration": _l("Mixed migration"),
    "multi-stakeholder-engagement": _l("Multi-stakeholder engagement (private and/or civil society)"),
    "partnerships-cooperation": _l("Partnerships and cooperation on migration"),
    "refugees-protection": _l("Refugees and protection"),
    "remittances": _l("Remittances"),
    "return-reintegration": _l("Return, reintegration and readmission"),
    "sdgs": _l("Sustainable Development Goals"),
}


def region_label(name: str) -> str:
    return str(REGION_LABELS.get(name, name))


def theme_label(theme) -> str:
    """The theme's name in the reader's language; a name changed or added since themes.yaml shows as written."""
    return gettext(theme.name)
