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
from coordinator.extensions import db
from coordinator.iscms.models import Iscm
from coordinator.participants.labels import CAPACITY_LABELS, STATUS_LABELS
from coordinator.participants.lists import fold
from coordinator.participants.models import CAPACITIES, STATUSES, Participant
from coordinator.participants.operations import assign, ensure_groups, new_participant, sync_roles
from coordinator.people.models import Person
from coordinator.people.operations import assign_person, build_person

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
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
    "capacity": (_l("Capacity"), ("capacity", "role", "qualite", "calidad")),
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
}
HTML = re.compile(r"<\s*[a-zA-Z!/?]")
FORMULA_STARTS = ("=", "+=", "-=", "@")


class ImportFileError(ValueError):
    """The file cannot be read at all; the message is for the user."""


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    #: The uploaded file's name, for the audit log.
    filename: str = ""


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
    """The file's cells as text; the first non-empty row gives the headers."""
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
    rows = [row for row in rows if any(cell for cell in row)]
    if len(rows) < 2:
        raise ImportFileError(_("The file has no rows under its header row."))
    if len(rows) > MAX_ROWS + 1:
        raise ImportFileError(_("The file has more than %(count)d rows.", count=MAX_ROWS))
    width = max(len(row) for row in rows)
    padded = [row + [""] * (width - len(row)) for row in rows]
    return Table(headers=padded[0], rows=padded[1:], filename=filename or "")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _csv_rows(data: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if "\x00" in text:
        raise ImportFileError(_("This does not look like a CSV file."))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [[_text(cell) for cell in row] for row in csv.reader(io.StringIO(text), dialect)]


def _xlsx_rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ImportFileError(_("This is not an Excel workbook (.xlsx) that can be read.")) from error
    try:
        sheet = workbook.worksheets[0]
        return [[_text(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def guess_mapping(headers: list[str]) -> list[str]:
    """The field each column most likely holds, IGNORE when none; a field is used by one column only."""
    taken, mapping = set(), []
    for header in headers:
        key = re.sub(r"[^a-z0-9@ -]+", " ", fold(header)).strip()
        match = next(
            (name for name, (_label, aliases) in FIELDS.items() if key in aliases and name not in taken),
            IGNORE,
        )
        if match:
            taken.add(match)
        mapping.append(match)
    return mapping


# Validation -------------------------------------------------------------------------------------


@dataclass
class Vocabulary:
    """What cells may name: ISCMs, capacities, groups, statuses, languages; each by its folded spelling."""

    iscms: dict
    iscm_names: list[str]
    groups: dict

    @classmethod
    def for_meeting(cls, meeting) -> "Vocabulary":
        iscms, names = {}, []
        for iscm in db.session.scalars(sa.select(Iscm)):
            for spelling in (iscm.slug, iscm.acronym, iscm.name, *(iscm.other_names or [])):
                iscms[fold(spelling)] = iscm.id
            names.append(iscm.acronym)
        groups = {}
        for group in ensure_groups(meeting):
            groups[fold(group.key)] = groups[fold(group.title)] = group.id
        return cls(iscms, names, groups)


def _vocabulary_code(value: str, codes, labels: dict) -> str | None:
    wanted = fold(value).replace("-", " ").replace("_", " ")
    for code in codes:
        spellings = {code.replace("_", " "), fold(str(labels.get(code, ""))).replace("-", " ")}
        if wanted in spellings:
            return code
    aliases = {
        "organizer": "organiser",
        "member state delegate": "delegate",
        "head of the secretariat": "head_of_secretariat",
        "informal": "informal_support",
        "host": "organiser",
    }
    return aliases.get(wanted) if aliases.get(wanted) in codes else None


def cell_problem(value: str) -> str | None:
    if value.startswith(FORMULA_STARTS):
        return _("formulas are not accepted; type the value itself")
    if HTML.search(value):
        return _("HTML is not accepted; type plain text")
    return None


def validate_row(
    number: int, cells: dict[str, str], vocabulary: Vocabulary
) -> tuple[Record | None, list[RowError]]:
    errors = []
    person = {name: cells.get(name, "") for name in PERSON_FIELDS}
    if cells.get("full_name") and not person["family_name"]:
        given, _sep, family = cells["full_name"].rpartition(" ")
        person["given_name"], person["family_name"] = person["given_name"] or given, family
    if not person["family_name"]:
        errors.append(RowError(number, _("the name is missing")))
    if person["email"]:
        try:
            person["email"] = validate_email(person["email"], check_deliverability=False).normalized
        except EmailNotValidError:
            errors.append(
                RowError(number, _("“%(value)s” is not a valid e-mail address", value=person["email"]))
            )
    for name, limit in LIMITS.items():
        if len(person.get(name) or "") > limit:
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
    participation, defaults, more = _participation(number, cells, vocabulary)
    errors.extend(more)
    if errors:
        return None, errors
    keys = [("email", person["email"].casefold())] if person["email"] else []
    keys.append(
        ("name", fold(person["given_name"]), fold(person["family_name"]), fold(person["organisation"]))
    )
    return Record(number, person, participation, keys, defaults), []


def _participation(number: int, cells: dict, vocabulary: Vocabulary) -> tuple[dict, dict, list[RowError]]:
    """The participation fields the row has a value for, the defaults of a new participant, and the errors."""
    errors, values = [], {name: cells[name] for name in ("organisation", "remarks") if cells.get(name)}
    iscm = cells.get("iscm", "")
    if iscm:
        values["iscm_id"] = vocabulary.iscms.get(fold(iscm))
        if values["iscm_id"] is None:
            errors.append(RowError(number, _unknown_iscm(iscm, vocabulary)))
    for name, codes, labels in (
        ("capacity", CAPACITIES, CAPACITY_LABELS),
        ("status", STATUSES, STATUS_LABELS),
    ):
        text = cells.get(name, "")
        if not text:
            continue
        values[name] = _vocabulary_code(text, codes, labels)
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
    group = cells.get("group", "")
    if group:
        values["group_id"] = vocabulary.groups.get(fold(group))
        if values["group_id"] is None:
            errors.append(RowError(number, _("unknown group “%(value)s”", value=group)))
    default_group = "iscms" if values.get("iscm_id") else "observers"
    return values, {"status": "invited", "group_id": vocabulary.groups[default_group]}, errors


def _unknown_iscm(text: str, vocabulary: Vocabulary) -> str:
    close = difflib.get_close_matches(text, vocabulary.iscm_names, n=1, cutoff=0.6)
    if not close:
        folded = {fold(name): name for name in vocabulary.iscm_names}
        close = [folded[m] for m in difflib.get_close_matches(fold(text), list(folded), n=1, cutoff=0.6)]
    if close:
        return _("unknown ISCM “%(value)s” — did you mean “%(suggestion)s”?", value=text, suggestion=close[0])
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


def validate(table: Table, mapping: list[str], vocabulary: Vocabulary) -> tuple[list[Record], list[RowError]]:
    """Every row checked; row numbers are the spreadsheet's own (the header is row 1)."""
    records, errors, seen = [], [], {}
    if "family_name" not in mapping and "full_name" not in mapping:
        return [], [RowError(1, _("no column is mapped to the name"))]
    for index, row in enumerate(table.rows, start=2):
        cells, problems = {}, []
        for column, name in enumerate(mapping):
            if name and column < len(row):
                cells[name] = row[column]
            if column < len(row) and row[column] and (problem := cell_problem(row[column])):
                problems.append(RowError(index, f"{table.headers[column]}: {problem}"))
        record, row_errors = validate_row(index, cells, vocabulary)
        errors.extend(problems + row_errors)
        if record is None or problems:
            continue
        duplicate = next((seen[key] for key in record.keys if key in seen), None)
        if duplicate:
            errors.append(RowError(index, _("the same person as row %(row)d", row=duplicate)))
            continue
        seen.update({key: index for key in record.keys})
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
