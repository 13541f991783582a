"""The structured notes of a rapporteur report, as GRCP 9's Annex VIII lays them out.

A report's content is a plain dict (kept as JSON):

    objective: str                    guiding_questions: [str]
    floor: [{iscm, speaker, notes}]   consensuses: [str]
    practices: [{iscm, text}]         challenges: [str]
    recommendations: [str]            free_text: str

`iscm` is an ISCM slug or None. These functions need no request and no database.
"""

from collections.abc import Mapping

LIST_FIELDS = ("guiding_questions", "consensuses", "challenges", "recommendations")
TEXT_FIELDS = ("objective", "free_text")
#: Blank rows the editor adds under each list, so more can be written without JavaScript.
SPARE_ROWS = 2
#: Upper bounds that keep one save of one report to a sane size.
MAX_ROWS = 200
MAX_TEXT = 50_000


def empty_content() -> dict:
    return {
        "objective": "", "guiding_questions": [], "floor": [], "consensuses": [], "practices": [],
        "challenges": [], "recommendations": [], "free_text": "",
    }


def _clean(value) -> str:
    return str(value or "").replace("\r\n", "\n").strip()[:MAX_TEXT]


def normalise(raw: Mapping) -> dict:
    """A content dict with every key, stripped strings, and blank rows dropped."""
    content = empty_content()
    for name in TEXT_FIELDS:
        content[name] = _clean(raw.get(name))
    for name in LIST_FIELDS:
        content[name] = [text for text in (_clean(v) for v in (raw.get(name) or [])[:MAX_ROWS]) if text]
    content["floor"] = [
        {"iscm": _clean(row.get("iscm")) or None, "speaker": _clean(row.get("speaker")), "notes": _clean(row.get("notes"))}
        for row in (raw.get("floor") or [])[:MAX_ROWS]
        if isinstance(row, Mapping) and (_clean(row.get("speaker")) or _clean(row.get("notes")))
    ]
    content["practices"] = [
        {"iscm": _clean(row.get("iscm")) or None, "text": _clean(row.get("text"))}
        for row in (raw.get("practices") or [])[:MAX_ROWS]
        if isinstance(row, Mapping) and _clean(row.get("text"))
    ]
    return content


def _indexed(form, prefix: str) -> list[int]:
    """The row numbers present in a form for fields named `<prefix>-<n>...`."""
    numbers = set()
    for name in form:
        head, _, rest = name.partition("-")
        if head == prefix and rest.split("-")[0].isdigit():
            numbers.add(int(rest.split("-")[0]))
    return sorted(numbers)[:MAX_ROWS]


def from_form(form) -> dict:
    """The content a posted editor holds (fields `objective`, `consensuses-0`, `floor-0-speaker`...)."""
    raw = {name: form.get(name, "") for name in TEXT_FIELDS}
    for name in LIST_FIELDS:
        raw[name] = [form.get(f"{name}-{n}", "") for n in _indexed(form, name)]
    raw["floor"] = [
        {key: form.get(f"floor-{n}-{key}", "") for key in ("iscm", "speaker", "notes")} for n in _indexed(form, "floor")
    ]
    raw["practices"] = [
        {key: form.get(f"practices-{n}-{key}", "") for key in ("iscm", "text")} for n in _indexed(form, "practices")
    ]
    return normalise(raw)


def is_empty(content: Mapping) -> bool:
    """True when nothing was written beyond what the agenda pre-filled (objective, questions, names)."""
    written = [content.get("free_text"), *content.get("consensuses", []), *content.get("challenges", [])]
    written += content.get("recommendations", [])
    written += [row.get("notes") for row in content.get("floor", [])]
    written += [row.get("text") for row in content.get("practices", [])]
    return not any(written)


def with_spare_rows(content: Mapping) -> dict:
    """The content with blank rows appended to each list, for the editor without JavaScript."""
    rows = dict(content)
    for name in LIST_FIELDS:
        rows[name] = [*content.get(name, []), *[""] * SPARE_ROWS]
    rows["floor"] = [*content.get("floor", []), *[{"iscm": None, "speaker": "", "notes": ""}] * SPARE_ROWS]
    rows["practices"] = [*content.get("practices", []), *[{"iscm": None, "text": ""}] * SPARE_ROWS]
    return rows


def prefill(objective: str | None, guiding_questions: list[str], speakers: list[tuple[str | None, str]]) -> dict:
    """A new report as the agenda gives it: the session's objective, questions, and who took the floor."""
    content = empty_content()
    content["objective"] = objective or ""
    content["guiding_questions"] = list(guiding_questions)
    content["floor"] = [{"iscm": iscm, "speaker": speaker, "notes": ""} for iscm, speaker in speakers]
    return normalise(content)


def _bullets(title: str, values: list[str]) -> list[str]:
    return [f"# {title}", *[f"- {value}" for value in values]]


def as_lines(content: Mapping, iscm_names: Mapping[str, str]) -> list[str]:
    """The content as lines of text under headings, for comparing two revisions."""
    lines = ["# Objective", content.get("objective", "")]
    lines += _bullets("Guiding questions", content.get("guiding_questions", []))
    lines.append("# ISCMs and speakers who took the floor")
    for row in content.get("floor", []):
        label = " · ".join(part for part in (iscm_names.get(row.get("iscm"), ""), row.get("speaker", "")) if part)
        lines += [f"## {label}", row.get("notes", "")]
    lines += _bullets("Main consensuses", content.get("consensuses", []))
    lines += _bullets(
        "Effective practices",
        [f"[{iscm_names.get(row.get('iscm'), '—')}] {row.get('text', '')}" for row in content.get("practices", [])],
    )
    lines += _bullets("Challenges", content.get("challenges", []))
    lines += _bullets("Recommendations", content.get("recommendations", []))
    lines += ["# Free text", content.get("free_text", "")]
    return "\n".join(lines).splitlines()
