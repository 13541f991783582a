"""The participant list as a spreadsheet (CSV and .xlsx) that the importer reads back.

A cell that a spreadsheet would take for a formula stays text wherever the file is opened: in CSV it
is written with a leading apostrophe; in .xlsx every cell is a text cell, and such a one carries the
quote prefix, so it shows as typed ("=HYPERLINK(...)") and is never computed.
"""

import csv
import io

from flask_babel import gettext as _

from coordinator.participants.labels import capacity_label, group_title, status_label
from coordinator.participants.lists import ListOptions, list_order, listed_participants

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def headers() -> list[str]:
    return [
        _("Honorific"),
        _("Given name"),
        _("Family name"),
        _("E-mail"),
        _("Position"),
        _("Organisation"),
        _("ISCM"),
        _("Capacity"),
        _("Group"),
        _("Status"),
        _("Language"),
        _("Remarks"),
    ]


def spreadsheet_rows(meeting) -> list[list[str]]:
    """Everyone invited or registered, in the printed list's order; erased people are left out."""
    participants = [p for p in listed_participants(meeting, ListOptions()) if p.person.erased_at is None]
    participants.sort(key=lambda p: list_order(p, "iscm"))
    return [
        [
            "" if v is None else str(v)
            for v in (
                p.person.honorific,
                p.person.given_name,
                p.person.family_name,
                p.person.email,
                p.person.position,
                p.organisation or p.person.organisation,
                p.iscm.acronym if p.iscm else "",
                capacity_label(p.capacity),
                group_title(p.group),
                status_label(p.status),
                p.language,
                p.remarks,
            )
        ]
        for p in participants
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
    cell.quotePrefix = value.startswith(FORMULA_PREFIXES)
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
