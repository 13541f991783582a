"""The participant list as a spreadsheet (CSV and .xlsx) that the importer reads back.

A cell that a spreadsheet would take for a formula stays text wherever the file is opened: in CSV it
is written with a leading apostrophe (which the importer drops again); in .xlsx every cell is a text cell,
and such a one carries the quote prefix, so it shows as typed ("=HYPERLINK(...)") and is never computed.
"""

import csv
import io

from coordinator.participants.importing import FIELDS, starts_like_formula
from coordinator.participants.labels import capacity_label, group_title, status_label
from coordinator.participants.lists import ListOptions, list_order, listed_participants

#: The importer's fields in the order the spreadsheet has them, and what each holds of a participation: the
#: headers are the importer's own labels, so an exported list imports back as it was.
COLUMNS = (
    ("honorific", lambda p: p.person.honorific),
    ("given_name", lambda p: p.person.given_name),
    ("family_name", lambda p: p.person.family_name),
    ("email", lambda p: p.person.email),
    ("position", lambda p: p.person.position),
    ("organisation", lambda p: p.organisation or p.person.organisation),
    ("iscm", lambda p: p.iscm.acronym if p.iscm else ""),
    ("capacity", lambda p: capacity_label(p.capacity)),
    ("represented", lambda p: p.represented),
    ("list_position", lambda p: p.position),
    ("group", lambda p: group_title(p.group)),
    ("status", lambda p: status_label(p.status)),
    ("language", lambda p: p.language),
    ("remarks", lambda p: p.remarks),
)


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if starts_like_formula(text) else text


def headers() -> list[str]:
    return [str(FIELDS[name][0]) for name, _value in COLUMNS]


def spreadsheet_rows(meeting) -> list[list[str]]:
    """Everyone invited or registered, in the printed list's order; erased people are left out."""
    participants = [p for p in listed_participants(meeting, ListOptions()) if p.person.erased_at is None]
    participants.sort(key=lambda p: list_order(p, "iscm"))
    return [
        ["" if (text := value(p)) is None else str(text) for _name, value in COLUMNS] for p in participants
    ]


def to_csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers())
    writer.writerows([safe_cell(value) for value in row] for row in rows)
    return out.getvalue().encode("utf-8-sig")


def _text_cell(sheet, value: str):
    from openpyxl.cell import WriteOnlyCell

    if not value:
        return None
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    cell.quotePrefix = starts_like_formula(value)
    return cell


def to_xlsx(rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title="Participants")
    sheet.append(headers())
    for row in rows:
        sheet.append([_text_cell(sheet, value) for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
