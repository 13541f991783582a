"""The list of acronyms of a summary report, derived from the ISCMs and initiatives that appear in it.

Plain functions: the caller gathers the meeting's ISCMs, every ISCM of the registry and the report's
texts; an ISCM or initiative is listed when the meeting names it or its acronym occurs in the text.
"""

import re
from collections.abc import Iterable

#: Global initiatives on migration (Meeting.initiatives) and how a report spells them out.
INITIATIVES = {
    "gcm": ("GCM", "Global Compact for Safe, Orderly and Regular Migration"),
    "gcr": ("GCR", "Global Compact on Refugees"),
    "sdgs": ("SDGs", "Sustainable Development Goals"),
    "imrf": ("IMRF", "International Migration Review Forum"),
    "cop": ("COP", "Conference of the Parties to the United Nations Framework Convention on Climate Change"),
}
#: Words every ISCM report uses; listed whenever they occur.
COMMON = (
    ("ISCM", "Inter-State Consultation Mechanism on Migration"),
    ("IOM", "International Organization for Migration"),
)


def mentions(acronym: str, text: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text) is not None


def derive(
    meeting_iscms: Iterable[tuple[str, str]],
    all_iscms: Iterable[tuple[str, str]],
    initiatives: Iterable[str],
    texts: Iterable[str],
) -> list[dict]:
    """[{acronym, expansion}] sorted by acronym, each once: named by the meeting or found in its texts."""
    text = "\n".join(texts)
    found = {acronym: name for acronym, name in meeting_iscms}
    candidates = [*all_iscms, *INITIATIVES.values(), *COMMON]
    found.update(
        {acronym: name for acronym, name in candidates if acronym not in found and mentions(acronym, text)}
    )
    for key in initiatives:
        if key in INITIATIVES:
            found.setdefault(*INITIATIVES[key])
    return [{"acronym": a, "expansion": found[a]} for a in sorted(found, key=str.casefold) if a != found[a]]


def parse_lines(text: str) -> tuple[list[dict], list[str]]:
    """Acronyms typed one a line as "ACRONYM: expansion" (or a tab); returns (acronyms, bad lines)."""
    acronyms, bad = [], []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        parts = re.split(r"\t|:\s", line.strip(), maxsplit=1)
        acronym, expansion = (parts + [""])[:2]
        if not acronym.strip() or not expansion.strip():
            bad.append(line.strip())
            continue
        acronyms.append({"acronym": acronym.strip(), "expansion": expansion.strip()})
    return acronyms, bad


def as_lines(acronyms: list[dict]) -> str:
    return "\n".join(f"{row['acronym']}: {row['expansion']}" for row in acronyms)
