"""The structured notes of a rapporteur report, as GRCP 9's Annex VIII lays them out.

A report's content is a plain dict (kept as JSON):

    title: str                        the report's own title ("" prints the session's)
    opening: str                      lines printed first: link, title, date, "SESSION 1"
    facilitator: str                  iscms_present: [str]
    facilitator_label: str            the word before the facilitator ("" prints "Facilitator")
    rapporteur: str | None            the rapporteur line ("" prints none; None: as the agenda names them)
    objective: str                    guiding_questions: [str]
    floor: [{iscm, speaker, notes}]   consensuses: [str]
    practices: [{iscm, text}]         challenges: [str]
    recommendations: [str]            next_steps: [str]
    free_text: str
    headings: {part: str}             the rapporteur's own heading of a part ("" prints none)
    intros: {part: str}               a line printed under a part's heading
    order: [part]                     the order the parts print in

`iscm` is an ISCM slug or None. These functions need no request and no database.
"""

from collections.abc import Mapping

from flask_babel import lazy_gettext as _l

#: The parts of a report and the kind of each, in the order they print unless the rapporteur orders them
#: otherwise. text: one Markdown text; list: Markdown lines; floor: [{iscm, speaker, notes}]; practices:
#: [{iscm, text}]; people: the facilitator and the rapporteur line.
PARTS = {
    "opening": "text",
    "people": "people",
    "objective": "text",
    "guiding_questions": "list",
    "iscms_present": "list",
    "floor": "floor",
    "consensuses": "list",
    "practices": "practices",
    "challenges": "list",
    "recommendations": "list",
    "next_steps": "list",
    "free_text": "text",
}
LIST_FIELDS = tuple(part for part, kind in PARTS.items() if kind == "list")
#: The text parts, the report's own title, and the facilitator and its label that its people part prints.
TEXT_FIELDS = (
    "title",
    "facilitator",
    "facilitator_label",
    *(part for part, kind in PARTS.items() if kind == "text"),
)
#: The heading each part prints under unless the rapporteur gives its own.
PART_HEADINGS = {
    "opening": "",
    "people": _l("Participants"),
    "objective": _l("Objective"),
    "guiding_questions": _l("Guiding questions for discussion"),
    "iscms_present": _l("ISCMs present"),
    "floor": _l("ISCMs and speakers who took the floor"),
    "consensuses": _l("Main consensuses"),
    "practices": _l("Effective practices"),
    "challenges": _l("Challenges"),
    "recommendations": _l("Recommendations"),
    "next_steps": _l("Next steps"),
    "free_text": _l("Further notes"),
}
#: Blank rows the editor adds under each list, so more can be written without JavaScript.
SPARE_ROWS = 2
#: Upper bounds that keep one save of one report to a sane size.
MAX_ROWS = 200
MAX_TEXT = 50_000
MAX_HEADING = 500


def empty_content() -> dict:
    content = {name: "" for name in TEXT_FIELDS}
    content.update({name: [] for name in LIST_FIELDS})
    content.update({"floor": [], "practices": [], "headings": {}, "intros": {}, "order": list(PARTS)})
    content["rapporteur"] = None
    return content


def _clean(value, limit: int = MAX_TEXT) -> str:
    return str(value or "").replace("\r\n", "\n").strip()[:limit]


def _part_texts(raw) -> dict[str, str]:
    """{part: text} for known parts only; a heading may be "" (printed without one)."""
    if not isinstance(raw, Mapping):
        return {}
    return {part: _clean(raw[part], MAX_HEADING) for part in PARTS if part in raw and raw[part] is not None}


def _order(raw) -> list[str]:
    """The known parts in the order given, each once, then those left out in their usual place."""
    given = [part for part in (raw if isinstance(raw, list | tuple) else []) if part in PARTS]
    ordered = list(dict.fromkeys(given))
    return ordered + [part for part in PARTS if part not in ordered]


def normalise(raw: Mapping) -> dict:
    """A content dict with every key, stripped strings, and blank rows dropped."""
    content = empty_content()
    for name in TEXT_FIELDS:
        content[name] = _clean(raw.get(name))
    for name in LIST_FIELDS:
        content[name] = [text for text in (_clean(v) for v in (raw.get(name) or [])[:MAX_ROWS]) if text]
    content["floor"] = [
        {
            "iscm": _clean(row.get("iscm")) or None,
            "speaker": _clean(row.get("speaker")),
            "notes": _clean(row.get("notes")),
        }
        for row in (raw.get("floor") or [])[:MAX_ROWS]
        if isinstance(row, Mapping) and (_clean(row.get("speaker")) or _clean(row.get("notes")))
    ]
    content["practices"] = [
        {"iscm": _clean(row.get("iscm")) or None, "text": _clean(row.get("text"))}
        for row in (raw.get("practices") or [])[:MAX_ROWS]
        if isinstance(row, Mapping) and _clean(row.get("text"))
    ]
    content["rapporteur"] = None if raw.get("rapporteur") is None else _clean(raw["rapporteur"], MAX_HEADING)
    content["headings"] = _part_texts(raw.get("headings"))
    content["intros"] = {part: text for part, text in _part_texts(raw.get("intros")).items() if text}
    content["order"] = _order(raw.get("order"))
    return content


def _indexed(form, prefix: str) -> list[int]:
    """The row numbers present in a form for fields named `<prefix>-<n>...`."""
    numbers = set()
    for name in form:
        head, _, rest = name.partition("-")
        if head == prefix and rest.split("-")[0].isdigit():
            numbers.add(int(rest.split("-")[0]))
    return sorted(numbers)[:MAX_ROWS]


def _headings_from_form(form, default_headings: Mapping[str, str]) -> dict[str, str]:
    """Headings typed over the defaults; one left as the default is not kept, so it follows the reader's language."""
    typed = {
        part: _clean(form.get(f"heading-{part}"), MAX_HEADING) for part in PARTS if f"heading-{part}" in form
    }
    return {part: text for part, text in typed.items() if text != default_headings.get(part, "")}


def _order_from_form(form) -> list[str]:
    """Parts sorted by the position typed for each (`position-<part>`); ties and blanks keep the usual order."""

    def position(index_and_part):
        index, part = index_and_part
        try:
            return int(form.get(f"position-{part}", "")), index
        except ValueError:
            return index + 1, index

    return [part for _, part in sorted(enumerate(PARTS), key=position)]


def from_form(form, default_headings: Mapping[str, str]) -> dict:
    """The content a posted editor holds (fields `objective`, `consensuses-0`, `floor-0-speaker`, `heading-floor`...).

    `default_headings` are the headings the editor offered, so that only the ones typed over are kept.
    """
    raw = {name: form.get(name, "") for name in TEXT_FIELDS}
    raw["rapporteur"] = form.get("rapporteur")  # absent (a tab opened before the field): as before
    for name in LIST_FIELDS:
        raw[name] = [form.get(f"{name}-{n}", "") for n in _indexed(form, name)]
    raw["floor"] = [
        {key: form.get(f"floor-{n}-{key}", "") for key in ("iscm", "speaker", "notes")}
        for n in _indexed(form, "floor")
    ]
    raw["practices"] = [
        {key: form.get(f"practices-{n}-{key}", "") for key in ("iscm", "text")}
        for n in _indexed(form, "practices")
    ]
    raw["headings"] = _headings_from_form(form, default_headings)
    raw["intros"] = {part: form.get(f"intro-{part}", "") for part in PARTS}
    raw["order"] = _order_from_form(form)
    return normalise(raw)


def is_empty(content: Mapping) -> bool:
    """True when nothing was written beyond what the agenda pre-filled (objective, questions, names)."""
    written = [content.get("free_text"), *content.get("consensuses", []), *content.get("challenges", [])]
    written += [*content.get("recommendations", []), *content.get("next_steps", [])]
    written += [row.get("notes") for row in content.get("floor", [])]
    written += [row.get("text") for row in content.get("practices", [])]
    return not any(written)


def with_spare_rows(content: Mapping) -> dict:
    """The content with every key and blank rows appended to each list, for the editor without JavaScript."""
    rows = normalise(content)
    for name in LIST_FIELDS:
        rows[name] = [*rows[name], *[""] * SPARE_ROWS]
    rows["floor"] = [*rows["floor"], *[{"iscm": None, "speaker": "", "notes": ""}] * SPARE_ROWS]
    rows["practices"] = [*rows["practices"], *[{"iscm": None, "text": ""}] * SPARE_ROWS]
    return rows


def rapporteur_line(content: Mapping, agenda_line: str | None) -> str:
    """The line naming the rapporteur: the report's own ("" prints none), else the agenda's."""
    own = content.get("rapporteur")
    return (agenda_line or "") if own is None else own


def _filled(content: Mapping, part: str, rapporteur: str | None) -> bool:
    """Whether the part has anything to print: the people part prints the rapporteur line even without a facilitator."""
    if PARTS[part] == "people":
        return bool(content.get("facilitator") or rapporteur_line(content, rapporteur))
    return bool(content.get(part))


def printed_parts(
    content: Mapping, default_headings: Mapping[str, str], rapporteur: str | None = None
) -> list[dict]:
    """[{key, kind, heading, intro, filled}] in the report's order: its own heading where it gave one, else the
    default; `filled` when the part has something to print (`rapporteur`: the agenda's rapporteur line)."""
    headings, intros = content.get("headings") or {}, content.get("intros") or {}
    return [
        {
            "key": part,
            "kind": PARTS[part],
            "heading": headings.get(part, default_headings.get(part, "")),
            "intro": intros.get(part, ""),
            "filled": _filled(content, part, rapporteur),
        }
        for part in _order(content.get("order"))
    ]


def prefill(session_text: Mapping, speakers: list[tuple[str | None, str]]) -> dict:
    """A new report as the agenda gives it: objective, questions, facilitator, ISCMs, and who took the floor.

    `session_text` holds the session's `objective`, `guiding_questions`, `facilitator`, `facilitator_label` and
    `iscms` (names). The rapporteur line stays None: the agenda's, until the rapporteur writes their own.
    """
    content = empty_content()
    content["objective"] = session_text.get("objective") or ""
    content["guiding_questions"] = list(session_text.get("guiding_questions") or [])
    content["facilitator"] = session_text.get("facilitator") or ""
    content["facilitator_label"] = session_text.get("facilitator_label") or ""
    content["iscms_present"] = list(session_text.get("iscms") or [])
    content["floor"] = [{"iscm": iscm, "speaker": speaker, "notes": ""} for iscm, speaker in speakers]
    return normalise(content)


def _bullets(title: str, values: list[str]) -> list[str]:
    return [f"# {title}", *[f"- {value}" for value in values]]


def _framing_lines(content: Mapping) -> list[str]:
    """Title, headings, introduction lines and order, so a diff shows a change of layout too."""
    lines = [
        f"# Title: {content.get('title', '')}",
        "# Opening",
        content.get("opening", ""),
        f"# Facilitator: {content.get('facilitator', '')}",
        f"# Facilitator's label: {content.get('facilitator_label', '')}",
        f"# Rapporteur: {'(as the agenda names them)' if content.get('rapporteur') is None else content['rapporteur']}",
    ]
    lines += _bullets("ISCMs present", content.get("iscms_present", []))
    lines += [
        f"# Heading of {part}: {text}" for part, text in sorted((content.get("headings") or {}).items())
    ]
    lines += [
        f"# Introduction of {part}: {text}" for part, text in sorted((content.get("intros") or {}).items())
    ]
    return [*lines, f"# Order: {', '.join(_order(content.get('order')))}"]


def as_lines(content: Mapping, iscm_names: Mapping[str, str]) -> list[str]:
    """The content as lines of text under headings, for comparing two revisions."""
    lines = [*_framing_lines(content), "# Objective", content.get("objective", "")]
    lines += _bullets("Guiding questions", content.get("guiding_questions", []))
    lines.append("# ISCMs and speakers who took the floor")
    for row in content.get("floor", []):
        label = " · ".join(
            part for part in (iscm_names.get(row.get("iscm"), ""), row.get("speaker", "")) if part
        )
        lines += [f"## {label}", row.get("notes", "")]
    lines += _bullets("Main consensuses", content.get("consensuses", []))
    lines += _bullets(
        "Effective practices",
        [
            f"[{iscm_names.get(row.get('iscm'), '—')}] {row.get('text', '')}"
            for row in content.get("practices", [])
        ],
    )
    lines += _bullets("Challenges", content.get("challenges", []))
    lines += _bullets("Recommendations", content.get("recommendations", []))
    lines += _bullets("Next steps", content.get("next_steps", []))
    lines += ["# Free text", content.get("free_text", "")]
    return "\n".join(lines).splitlines()
