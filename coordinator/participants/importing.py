"""Importing a participant list from CSV or Excel: read, guess the columns, validate every row, apply.

Reading and validation are plain functions over the file's rows; `apply_import` writes only when no
row has an error, so an import is all or nothing. Cells are only ever text: a formula is refused, not
evaluated, and HTML is refused, not rendered.
"""

import csv
import difflib
import io
import re
import zipfile
from dataclasses import dataclass, field

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from coordinator.audit.operations import record as audit
from coordinator.core.text import codes_by_spelling, fold, spelling_key
from coordinator.extensions import db
from coordinator.iscms.models import Iscm
from coordinator.participants.labels import CAPACITY_LABELS, CAPACITY_SPELLINGS, STATUS_LABELS
from coordinator.participants.lists import split_capacity
from coordinator.participants.models import CAPACITIES, STATUSES, Participant
from coordinator.participants.operations import assign, ensure_groups, new_participant, sync_roles
from coordinator.people.models import Person
from coordinator.people.operations import assign_person, build_person

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
#: How many filled rows at the top of a file may come before its header row (titles, dates, notes).
HEADER_SEARCH_ROWS = 20
#: Where an upload's rows wait (in the export store) between the upload and the import, and for how long.
UPLOADS = "imports"
UPLOAD_LIFETIME = 24 * 3600
IGNORE = ""
#: The columns a file may map to, with the headers that usually mean them (compared after `fold`).
FIELDS = {
    "honorific": (_l("Honorific"), ("honorific", "salutation", "title", "prefix", "civilite", "tratamiento")),
    "given_name": (
        _l("Given name"),
        ("first name", "given name", "firstname", "forename", "prenom", "nombre"),
    ),
    "family_name": (
        _l("Family name"),
        ("last name", "family name", "surname", "lastname", "nom", "apellido", "apellidos"),
    ),
    "full_name": (_l("Full name"), ("name", "full name", "participant", "nom complet", "nombre completo")),
    "email": (
        _l("E-mail"),
        ("email", "e-mail", "mail", "email address", "e-mail address", "courriel", "correo"),
    ),
    "position": (_l("Position"), ("position", "job title", "function", "fonction", "cargo", "designation")),
    "organisation": (
        _l("Organisation"),
        ("organisation", "organization", "institution", "ministry", "agency", "entity"),
    ),
    "country": (_l("Country (ISO code)"), ("country", "pays", "pais")),
    "iscm": (_l("ISCM"), ("iscm", "rcp", "process", "mechanism", "iscm represented")),
    "represented": (
        _l("ISCM and capacity as printed"),
        ("iscm and capacity", "represented", "printed as", "iscm or organization", "iscm or organisation"),
    ),
    "capacity": (_l("Capacity"), ("capacity", "role", "qualite", "calidad")),
    "list_position": (
        _l("Position printed in this meeting's list"),
        ("position in the list", "list position", "printed position"),
    ),
    "group": (_l("Group"), ("group", "section", "category")),
    "status": (_l("Status"), ("status", "registration status")),
    "language": (_l("Interpretation language"), ("language", "interpretation", "langue", "idioma")),
    "remarks": (_l("Remarks"), ("remarks", "notes", "comments", "observations")),
}
LANGUAGES = {
    "en": "english",
    "fr": "french",
    "es": "spanish",
    "ar": "arabic",
    "ru": "russian",
    "pt": "portuguese",
    "zh": "chinese",
}
PERSON_FIELDS = ("honorific", "given_name", "family_name", "email", "position", "organisation", "country")
LIMITS = {
    "honorific": 30,
    "given_name": 120,
    "family_name": 120,
    "email": 254,
    "position": 500,
    "organisation": 300,
    "country": 2,
    "represented": 2000,
    "list_position": 500,
    "remarks": 5000,
}
#: Real markup only: a tag, a closing tag, a comment, a doctype; "a < b" is text.
HTML = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>|!--|![A-Za-z]|\?[A-Za-z])")
#: How a cell a spreadsheet may compute starts (OWASP's list for CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
#: A telephone number as people type it: "+41 22 717 91 11", "+1 (202) 555-0100".
PHONE = re.compile(r"\+\d[\d ().\/-]*\d")
#: Honorifics written before a name, as lists write them ("H. E. Mr", "Dr", "Ms").
HONORIFIC = re.compile(r"(?:(?:H\.\s?E\.|Mrs?\.?|Ms\.?|Miss|Dra?\.?|Prof\.?|Mme|Mlle|Sra?\.)\s+)+")
#: "Name (ACRONYM)", and "(MID-IGAD or IGAD RCP)" gives two acronyms.
ACRONYM = re.compile(r"([^()]+?)\s*\(([^()]+)\)")
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"


class ImportFileError(ValueError):
    """The file cannot be read at all; the message is for the user."""


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    #: The uploaded file's name, for the audit log.
    filename: str = ""
    #: Each row's number in the file, as the spreadsheet shows it (blank rows and title lines count).
    numbers: list[int] = field(default_factory=list)
    header_row: int = 1

    @property
    def row_numbers(self) -> list[int]:
        return self.numbers or list(range(self.header_row + 1, self.header_row + 1 + len(self.rows)))


@dataclass
class RowError:
    row: int
    message: str


@dataclass
class Record:
    """One valid row, ready to write."""

    row: int
    person: dict
    #: Only the participation fields the row gives a value for: re-importing a known person changes
    #: nothing the file does not say.
    participation: dict
    #: (e-mail) or (name, organisation): how the person is recognised in the directory.
    keys: list = field(default_factory=list)
    #: What a new participant takes where the row says nothing (status, group).
    defaults: dict = field(default_factory=dict)


# Reading ----------------------------------------------------------------------------------------


def read_table(filename: str, data: bytes) -> Table:
    """The file's cells as text, from its header row down, each row keeping its number in the file.

    The header row is the first of the first rows that names a name column, so title lines above it are
    passed over.
    """
    if not data:
        raise ImportFileError(_("The file is empty."))
    if len(data) > MAX_BYTES:
        raise ImportFileError(_("The file is larger than %(size)d MB.", size=MAX_BYTES // (1024 * 1024)))
    name = (filename or "").lower()
    if name.endswith(".xlsx"):
        rows = _xlsx_rows(data)
    elif name.endswith(".csv"):
        rows = _csv_rows(data)
    else:
        raise ImportFileError(_("Upload a CSV file (.csv) or an Excel workbook (.xlsx)."))
    numbered = [(number, row) for number, row in enumerate(rows, start=1) if any(row)]
    start = next(
        (index for index, (_number, row) in enumerate(numbered[:HEADER_SEARCH_ROWS]) if is_header(row)), 0
    )
    body = numbered[start + 1 :]
    if not body:
        raise ImportFileError(_("The file has no rows under its header row."))
    if len(body) > MAX_ROWS:
        raise ImportFileError(_("The file has more than %(count)d rows.", count=MAX_ROWS))
    width = max(len(row) for _number, row in numbered[start:])
    header_row, headers = numbered[start]
    return Table(
        headers=_padded(headers, width),
        rows=[_padded(row, width) for _number, row in body],
        filename=filename or "",
        numbers=[number for number, _row in body],
        header_row=header_row,
    )


def _padded(row: list[str], width: int) -> list[str]:
    return row + [""] * (width - len(row))


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _csv_text(data: bytes) -> str:
    if data.startswith(OLE2_SIGNATURE):
        raise ImportFileError(
            _(
                "This is an old Excel workbook (.xls) renamed .csv: save it as .xlsx or as CSV, then upload it."
            )
        )
    if data.startswith(ZIP_SIGNATURE):
        raise ImportFileError(_("This is an Excel workbook renamed .csv: upload it as .xlsx."))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(
        _(
            "The text of the file is neither UTF-8 nor Windows-1252: save it as “CSV UTF-8” and upload it again."
        )
    )


def _csv_rows(data: bytes) -> list[list[str]]:
    text = _csv_text(data)
    if "\x00" in text:
        raise ImportFileError(_("This does not look like a CSV file."))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [[_text(_unquoted(cell)) for cell in row] for row in csv.reader(io.StringIO(text), dialect)]


def _unquoted(cell: str) -> str:
    """A CSV cell as it was before the export wrote it as text: without the apostrophe it put before what
    starts like a formula ("'- vegetarian")."""
    return cell[1:] if cell.startswith("'") and starts_like_formula(cell[1:]) else cell


def _xlsx_rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ImportFileError(_("This is not an Excel workbook (.xlsx) that can be read.")) from error
    try:
        sheet = workbook.worksheets[0]
        return [[_text(cell) for cell in row] for row in sheet.iter_rows(min_row=1, values_only=True)]
    finally:
        workbook.close()


#: The field each usual header means (each header belongs to one field).
HEADERS = {alias: name for name, (_label, aliases) in FIELDS.items() for alias in aliases}


def _header_key(header: str) -> str:
    return re.sub(r"[^a-z0-9@ -]+", " ", fold(header)).strip()


def _known_headers() -> dict[str, str]:
    """The usual headers, and each field's own label in the reader's language: the headers the export writes,
    so that a list exported in French imports back in French."""
    return {**{_header_key(str(label)): name for name, (label, _aliases) in FIELDS.items()}, **HEADERS}


def guess_mapping(headers: list[str]) -> list[str]:
    """The field each column most likely holds, IGNORE when none; a field is used by one column only."""
    taken, mapping, known = set(), [], _known_headers()
    for header in headers:
        match = known.get(_header_key(header), IGNORE)
        match = IGNORE if match in taken else match
        if match:
            taken.add(match)
        mapping.append(match)
    return mapping


def is_header(row: list[str]) -> bool:
    """A row of column titles: two or more known headers, one of them a name column."""
    mapped = [name for name in guess_mapping(row) if name]
    return len(mapped) >= 2 and bool({"full_name", "family_name"} & set(mapped))


# Validation -------------------------------------------------------------------------------------


def _variants(text: str) -> list[str]:
    """The text, then what "Name (A or B)" also names: A, B and Name."""
    match = ACRONYM.fullmatch(text.strip())
    return [text, *re.split(r"\s+or\s+", match[2]), match[1]] if match else [text]


@dataclass
class Vocabulary:
    """What cells may name: ISCMs (by any spelling), groups; each compared by `spelling_key`."""

    iscms: dict
    #: {ISCM id: acronym}, the name a suggestion gives.
    acronyms: dict
    groups: dict
    group_keys: dict
    capacities: dict
    statuses: dict

    @classmethod
    def for_meeting(cls, meeting) -> "Vocabulary":
        iscms, acronyms = {}, {}
        for iscm in db.session.scalars(sa.select(Iscm).order_by(Iscm.acronym)):
            acronyms[iscm.id] = iscm.acronym
            for spelling in (iscm.slug, iscm.acronym, iscm.name, *(iscm.other_names or [])):
                iscms.setdefault(spelling_key(spelling), iscm.id)
        groups, keys = {}, {}
        for group in ensure_groups(meeting):
            groups[spelling_key(group.key)] = groups[spelling_key(group.title)] = group.id
            keys[group.id] = group.key
        capacities = codes_by_spelling(CAPACITIES, CAPACITY_LABELS, CAPACITY_SPELLINGS)
        return cls(iscms, acronyms, groups, keys, capacities, codes_by_spelling(STATUSES, STATUS_LABELS))

    def find_iscm(self, text: str) -> int | None:
        """The ISCM a text names: any spelling, or "Name (ACRONYM)" by its acronym or its name."""
        for variant in _variants(text):
            if (found := self.iscms.get(spelling_key(variant))) is not None:
                return found
        return None

    def read_iscm(self, text: str) -> tuple[int | None, str | None]:
        """The ISCM an ISCM column names and the capacity it ends with.

        A column naming several ("… (RIAM) Secretariat and … (SACM) Secretariat") gives the first.
        """
        rest, capacity = split_capacity(text)
        found = self.find_iscm(rest)
        for match in re.finditer(r"\s+and\s+", rest) if found is None else ():
            head, head_capacity = split_capacity(rest[: match.start()])
            if (found := self.find_iscm(head)) is not None:
                return found, head_capacity or capacity
        return found, capacity

    def suggestion(self, text: str) -> str | None:
        """The ISCM a mistyped or shortened name most likely means ("Bali" → "Bali Process")."""
        for piece in map(spelling_key, _variants(split_capacity(text)[0])):
            close = difflib.get_close_matches(piece, list(self.iscms), n=1, cutoff=0.6)
            close = close or [s for s in self.iscms if len(piece) > 2 and s.startswith(piece + " ")][:1]
            if close:
                return self.acronyms[self.iscms[close[0]]]
        return None

    def group_named(self, heading: str) -> int | None:
        """The group a section heading names: "II. Host and Organizers (IOM)" names "Host and Organizers"."""
        title = re.sub(r"^\s*(?:[IVXLC]+|\d+)[.)]\s+", "", heading)
        match = ACRONYM.fullmatch(title.strip())
        for candidate in (title, match[1] if match else ""):
            if candidate and (found := self.groups.get(spelling_key(candidate))) is not None:
                return found
        return None


def starts_like_formula(value: str) -> bool:
    """A spreadsheet may compute a cell that starts so: the export writes every such cell as text."""
    return value.startswith(FORMULA_PREFIXES)


def is_formula(value: str) -> bool:
    """A cell that starts like a formula and is not plain text: anything after "=", "@" before a word, and "+"
    or "-" before anything but a space, except a telephone number ("+41 22 717 91 11"). "Al-Nuaim",
    "- none" are text."""
    if not starts_like_formula(value):
        return False
    first, second = value[:1], value[1:2]
    if first == "=":
        return True
    if first in ("@", "+", "-") and second and not second.isspace():
        return not (first == "+" and PHONE.fullmatch(value))
    return False


def cell_problem(value: str) -> str | None:
    if is_formula(value):
        return _("formulas are not accepted; type the value itself")
    if HTML.search(value):
        return _("HTML is not accepted; type plain text")
    return None


def split_honorific(full_name: str) -> tuple[str, str]:
    """ "H. E. Mr António Vitorino" → ("H. E. Mr", "António Vitorino"); a name without one is left whole."""
    match = HONORIFIC.match(full_name)
    if match is None or match.end() == len(full_name):
        return "", full_name
    return match.group(0).strip(), full_name[match.end() :]


def _person_values(cells: dict[str, str]) -> dict:
    person = {name: cells.get(name, "") for name in PERSON_FIELDS}
    if cells.get("full_name") and not person["family_name"]:
        honorific, name = split_honorific(cells["full_name"])
        given, _sep, family = name.rpartition(" ")
        person["honorific"] = person["honorific"] or honorific
        person["given_name"], person["family_name"] = person["given_name"] or given, family
    return person


def validate_row(
    number: int, cells: dict[str, str], vocabulary: Vocabulary, section: int | None = None
) -> tuple[Record | None, list[RowError]]:
    """One row checked; `section` is the group its section heading named, if any."""
    errors = []
    person = _person_values(cells)
    if not person["family_name"]:
        errors.append(RowError(number, _("the name is missing")))
    if person["email"]:
        try:
            person["email"] = validate_email(person["email"], check_deliverability=False).normalized
        except EmailNotValidError:
            errors.append(
                RowError(number, _("“%(value)s” is not a valid e-mail address", value=person["email"]))
            )
    values = {**cells, **person}
    for name, limit in LIMITS.items():
        if len(values.get(name) or "") > limit:
            errors.append(
                RowError(
                    number,
                    _(
                        "the %(field)s is longer than %(limit)d characters",
                        field=str(FIELDS[name][0]).lower(),
                        limit=limit,
                    ),
                )
            )
    participation, defaults, more = _participation(number, cells, vocabulary, section)
    errors.extend(more)
    if errors:
        return None, errors
    keys = [("email", person["email"].casefold())] if person["email"] else []
    keys.append(
        ("name", fold(person["given_name"]), fold(person["family_name"]), fold(person["organisation"]))
    )
    return Record(number, person, participation, keys, defaults), []


def _participation(
    number: int, cells: dict, vocabulary: Vocabulary, section: int | None
) -> tuple[dict, dict, list[RowError]]:
    """The participation fields the row has a value for, the defaults of a new participant, and the errors."""
    errors, values = [], {name: cells[name] for name in ("organisation", "remarks") if cells.get(name)}
    if cells.get("list_position"):
        values["position"] = cells["list_position"]
    group = cells.get("group", "")
    if group:
        values["group_id"] = vocabulary.groups.get(spelling_key(group))
        if values["group_id"] is None:
            errors.append(RowError(number, _("unknown group “%(value)s”", value=group)))
    group_id = values.get("group_id") or section
    errors += _iscm_values(number, cells, vocabulary, vocabulary.group_keys.get(group_id), values)
    for name, codes, labels, known_codes in (
        ("capacity", CAPACITIES, CAPACITY_LABELS, vocabulary.capacities),
        ("status", STATUSES, STATUS_LABELS, vocabulary.statuses),
    ):
        text = cells.get(name, "")
        if not text:
            continue
        values[name] = known_codes.get(spelling_key(text))
        if values[name] is None:
            known = ", ".join(str(labels[code]) for code in codes)
            errors.append(
                RowError(
                    number,
                    _(
                        "unknown %(field)s “%(value)s” (known: %(known)s)",
                        field=str(FIELDS[name][0]).lower(),
                        value=text,
                        known=known,
                    ),
                )
            )
    if cells.get("language"):
        values["language"], language_error = _language(cells["language"])
        if language_error:
            errors.append(RowError(number, language_error))
    default_group = group_id or vocabulary.groups["iscms" if values.get("iscm_id") else "observers"]
    return values, {"status": "invited", "group_id": default_group}, errors


def _iscm_values(
    number: int, cells: dict, vocabulary: Vocabulary, group_key: str | None, values: dict
) -> list:
    """ISCM, capacity and the printed ISCM column from the ISCM column (or the printed one), into `values`.

    An ISCM column written as a list prints it ("… (CMC) incoming Chair") is also kept as printed. In a
    section other than the ISCMs', a text naming no ISCM is the organisation ("IOM Headquarters").
    """
    printed, text = cells.get("represented", ""), cells.get("iscm", "")
    if printed:
        values["represented"] = printed
    iscm_id, capacity = vocabulary.read_iscm(text or printed) if (text or printed) else (None, None)
    if iscm_id is None:
        if text and group_key not in (None, "iscms"):
            values["organisation"] = text
        elif text:
            return [RowError(number, _unknown_iscm(text, vocabulary))]
        return []
    values["iscm_id"] = iscm_id
    if capacity:
        values["capacity"] = capacity
    if text and not printed and spelling_key(text) not in vocabulary.iscms:
        values["represented"] = text
    return []


def _unknown_iscm(text: str, vocabulary: Vocabulary) -> str:
    suggestion = vocabulary.suggestion(text)
    if suggestion:
        return _(
            "unknown ISCM “%(value)s” — did you mean “%(suggestion)s”?", value=text, suggestion=suggestion
        )
    return _("unknown ISCM “%(value)s”", value=text)


def _language(text: str) -> tuple[str | None, str | None]:
    if not text:
        return None, None
    wanted = fold(text)
    for code, name in LANGUAGES.items():
        if wanted in (code, name):
            return code, None
    return None, _(
        "unknown interpretation language “%(value)s” (use a code such as en, fr, es, ar)", value=text
    )


def _section_heading(row: list[str], vocabulary: Vocabulary) -> int | None:
    """The group a row names when it is a section heading: its only cell, naming a group."""
    filled = [cell for cell in row if cell]
    return vocabulary.group_named(filled[0]) if len(filled) == 1 else None


def _repeats_header(row: list[str], headers: list[str], name_columns: list[int]) -> bool:
    """The header row again further down: its name cells are the name columns' titles (GRCP 9's list repeats
    its header under each section, with "Organization" where the first says "ISCM")."""
    return all(headers[column] and row[column : column + 1] == [headers[column]] for column in name_columns)


def validate(table: Table, mapping: list[str], vocabulary: Vocabulary) -> tuple[list[Record], list[RowError]]:
    """Every row checked, numbered as in the file; repeated header rows are passed over, and a section
    heading ("II. Host and Organizers") puts the rows under it in its group."""
    records, errors, seen, section = [], [], {}, None
    name_columns = [column for column, name in enumerate(mapping) if name in ("family_name", "full_name")]
    if not name_columns:
        return [], [RowError(table.header_row, _("no column is mapped to the name"))]
    for number, row in zip(table.row_numbers, table.rows, strict=True):
        if _repeats_header(row, table.headers, name_columns):
            continue
        if (heading := _section_heading(row, vocabulary)) is not None:
            section = heading
            continue
        cells, problems = {}, []
        for column, name in enumerate(mapping):
            if name and column < len(row):
                cells[name] = row[column]
            if column < len(row) and row[column] and (problem := cell_problem(row[column])):
                problems.append(RowError(number, f"{table.headers[column]}: {problem}"))
        record, row_errors = validate_row(number, cells, vocabulary, section)
        errors.extend(problems + row_errors)
        if record is None or problems:
            continue
        duplicate = next((seen[key] for key in record.keys if key in seen), None)
        if duplicate:
            errors.append(RowError(number, _("the same person as row %(row)d", row=duplicate)))
            continue
        seen.update({key: number for key in record.keys})
        records.append(record)
    return records, errors


# Applying ---------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0


def _directory_index() -> dict:
    """Known people by e-mail and by (name, organisation), loaded once for the whole file."""
    index = {}
    for person in db.session.scalars(sa.select(Person).where(Person.erased_at.is_(None))):
        index.setdefault(
            ("name", fold(person.given_name), fold(person.family_name), fold(person.organisation)), person
        )
        if person.email:
            index.setdefault(("email", person.email.casefold()), person)
    return index


def apply_import(meeting, records: list[Record], filename: str = "") -> ImportResult:
    """Write every record in bulk: a known person is updated, a new one added; then their participation.

    Everything it needs is loaded once and nothing is flushed until the end, so thousands of rows cost a
    handful of queries; the import is audited as one entry naming the people it touched.
    """
    result, directory = ImportResult(), _directory_index()
    participations = {
        p.person_id: p
        for p in db.session.scalars(sa.select(Participant).where(Participant.meeting_id == meeting.id))
    }
    #: (person, participation) by the person object, so a person met twice is written once.
    touched: dict[int, tuple] = {}
    with db.session.no_autoflush:
        for record in records:
            person, participant = _write_record(meeting, record, directory, participations, touched, result)
            touched[id(person)] = (person, participant)
        sync_roles(meeting.id, [participant for _person, participant in touched.values()])
    db.session.flush()
    _audit_import(meeting, filename, len(records), result, [person.id for person, _p in touched.values()])
    return result


def _write_record(
    meeting, record: Record, directory: dict, participations: dict, touched: dict, result: ImportResult
):
    """The person (found or new) and their participation for one row, set but not flushed."""
    person = next((directory[key] for key in record.keys if key in directory), None)
    values = {name: value for name, value in record.person.items() if value}
    if person is None:
        person = build_person(values)
        directory.update({key: person for key in record.keys})
        result.created += 1
    else:
        assign_person(person, values)
        result.updated += 1
    earlier = touched.get(id(person))
    participant = earlier[1] if earlier else participations.get(person.id)
    if participant is None:
        participant = new_participant(meeting, person, {**record.defaults, **record.participation})
    else:
        assign(participant, record.participation)
    return person, participant


def _audit_import(meeting, filename: str, rows: int, result: ImportResult, person_ids: list[int]) -> None:
    audit(
        "participants.import",
        meeting,
        f"{meeting.title}: imported {rows} participants from {filename or 'a file'}",
        {
            "file": filename,
            "rows": rows,
            "created": result.created,
            "updated": result.updated,
            "people": sorted(person_ids),
        },
    )
