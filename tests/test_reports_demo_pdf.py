"""The demo summary report of GRCP 9 laid beside the original (seeds/grcp9-summary-report.txt): the PDF's
table of contents, headings and annexes as the original prints them. The PDF is built once for the module."""

import io
import re

import pytest
from pypdf import PdfReader

from coordinator import create_app
from coordinator.cli import seed_demo_data
from coordinator.extensions import db
from coordinator.reports.models import SummaryReport
from coordinator.reports.pdf import build_summary_pdf
from tests.conftest import make_config

TOC_LINE = re.compile(r"^(?P<title>.+?)\s*\.{3,}\s*(?P<page>\d+)$")


@pytest.fixture(scope="module")
def demo_pdf(database, tmp_path_factory):
    """The demo's summary report PDF: (reader, text of each page with its lines joined by spaces)."""
    tmp_path = tmp_path_factory.mktemp("demo-pdf")
    app = create_app(make_config(database.url_for_test(tmp_path), tmp_path / "exports"))
    with app.app_context():
        seed_demo_data()
        db.session.commit()
        data = build_summary_pdf(db.session.scalar(db.select(SummaryReport.id)), "en")
    database.reset(app)
    with app.app_context():
        db.engine.dispose()
    reader = PdfReader(io.BytesIO(data))
    return reader, [page.extract_text() for page in reader.pages]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _pages_from(pages: list[str], heading: str) -> str:
    """The text of the document from the page that opens with `heading` (after the TOC) to its end."""
    start = next(index for index, text in enumerate(pages) if text.startswith(heading) and index > 2)
    return _flat("\n".join(pages[start:]))


def _in_order(text: str, expected: list[str]) -> list[str]:
    """The expected strings not found after the previous one (empty when all are there, in that order)."""
    missing, position = [], 0
    for item in expected:
        found = text.find(item, position)
        if found < 0:
            missing.append(item)
        else:
            position = found + len(item)
    return missing


def _toc(pages: list[str]) -> dict[str, int]:
    entries, pending = {}, ""
    for line in pages[2].splitlines()[1:]:
        match = TOC_LINE.match(f"{pending} {line}".strip())
        if match:
            entries[match["title"]] = int(match["page"])
            pending = ""
        else:
            pending = f"{pending} {line}".strip()
    return entries


def _bookmarks(reader, items=None, out=None) -> dict[str, int]:
    out = {} if out is None else out
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            _bookmarks(reader, item, out)
        else:
            out.setdefault(item.title, reader.get_destination_page_number(item) + 1)
    return out


def test_the_table_of_contents_lists_the_originals_entries_with_their_real_pages(demo_pdf):
    reader, pages = demo_pdf
    toc, bookmarks = _toc(pages), _bookmarks(reader)
    assert list(toc) == [
        "List of acronyms",
        "Summary Report",
        "Introduction",
        "The bigger context: background information and the 2021 survey",
        "Summary of proceedings and highlights of discussion",
        "Key outcomes of GRCP 9",
        "IMRF contributions to migration governance",
        "IMRF Policy Debate and Roundtables: trends and challenges for a strategic discussion",
        "Effective practices and innovative approaches to be shared",
        "How ISCMs can contribute to the IMRF? General aspects and possible resources to enable its engagement",
        "Conclusion",
        "Annexes",
        "Annex I: ISCMs Survey Summary 2021",
        "Annex II: GRCP 9 Background",
        "Annex III: GRCP 9 Description",
        "Annex IV: GRCP 9 Agenda",
        "Annex V: GRCP 9 List of Speakers",
        "Annex VI: GRCP 9 List of Participants",
        "Annex VII: GRCP 9 List of Relevant Materials",
        "Annex VIII: GRCP 9 Rapporteur reports",
    ]
    assert {title: bookmarks[title] for title in toc} == toc
    for title, page in toc.items():
        assert _flat(title) in _flat(pages[page - 1]), title


def test_the_imprint_follows_the_cover_and_the_summary_report_chapter_holds_the_sections(demo_pdf):
    reader, pages = demo_pdf
    imprint = _flat(pages[1])
    assert imprint.startswith("The opinions expressed in this report are those of the authors")
    assert "Publisher: International Organization for Migration 17 route des Morillons P.O. Box 17" in imprint
    assert "© 2021 International Organization for Migration (IOM) All rights reserved." in imprint
    assert _flat(pages[4]).startswith("Summary Report Introduction Inter-State consultation mechanisms")


def test_annex_viii_prints_both_reports_in_the_originals_order_and_headings(demo_pdf):
    reader, pages = demo_pdf
    annex = _pages_from(pages, "Annex VIII: GRCP 9 Rapporteur reports")
    assert (
        _in_order(
            annex,
            [
                "Discussion session 1",
                "rapporteur-report-on-grcp-9-discussion-",
                "International Migration Review Forum: an Opportunity for Inter-State Consultations Mechanisms",
                "10 November 2021",
                "SESSION 1",
                "Guiding questions for discussion",
                "How can the IMRF contribute to migration governance within your respective regions?",
                "Participantes",
                "Discussion Session Facilitator: H.E. Mr Julio Fiol Zuñiga",
                "Rapporteur: Mr Luis Alonso Serrano Echeverría, Head of Technical Secretariat of the Regional "
                "Conference on Migration (RCM)",
                "Objective",
                "To discuss possible contributions",
                "Chairs and Secretariats",
                "Regional Ministerial Forum on Migration for East and Horn of Africa",
                "Caribbean Migration Consultations (CMC)",
                "Discussion",
                "H.E. Mr. Simon K. Cheluqui",
                "Mr Robert Natiello",
                "Main consensuses",
                "Importance of cooperation and coordination of Inter-State Mechanisms",
                "The shortage of funds in the context of the global pandemic emergency was mentioned as a specific challenge.",
                "Finally, which replicable practices they would like to bring to the attention of IMRF:",
                "RCM An experience of permanent follow-up to the PMM was presented",
                "Discussion session 2",
                "rapporteur-report-grcp-9-discussion-",
                "Report of Interactive Discussions of ISCMs based in Eastern time zone – Session 2",
                "11 Nov 2021",
                "ISCMs based in Eastern time zone that took part in session 2",
                "Abu Dhabi Dialogue",
                "Main migration trends, challenges, and gaps",
                "What are the main trends, challenges, gaps, that you would like to see addressed",
                "COVID-19 has affected not only the GCM review process",
                "Effective ISCM practices and innovative approaches",
                "ARCP Raising awareness amongst countries on the GCM",
                "Planned input into the IMRF",
                "How does your ISCM intend to contribute to the IMRF",
                "ISCMs are regional extensions of national priorities",
                "Availability of resources to engage in the IMRF",
                "Has your ISCM dedicated resources",
                "In cases where ISCM activities are dependent on availability of funding",
                "Thank you!",
            ],
        )
        == []
    )
    assert "Dedicated Discussion Session" not in annex
    session_2 = annex.split("Report of Interactive Discussions of ISCMs based in Eastern time zone", 1)[1]
    assert "Facilitator:" not in session_2 and "Rapporteur:" not in session_2  # as the original's session 2
    start = next(index for index, text in enumerate(pages) if text.startswith("Annex VIII") and index > 2)
    lines = {line.strip() for text in pages[start:] for line in text.splitlines()}
    assert (
        lines
        & {
            "Further notes",
            "Effective practices",
            "Challenges",
            "Recommendations",
            "Next steps",
            "ISCMs and speakers who took the floor",
        }
        == set()
    )


def test_the_agenda_annex_gives_the_zone_by_name_and_each_sessions_objective_questions_and_iscms(demo_pdf):
    reader, pages = demo_pdf
    agenda = _pages_from(pages, "Annex IV: GRCP 9 Agenda")
    assert (
        _in_order(
            agenda,
            [
                "Times are given in Central European Time (Europe/Zurich).",
                "Dedicated Discussion Session 1",
                "ISCMs based in Western time zones: CMC; MIDCOM; MIDWA; OCAM; Prague Process; Quito Process; RCM; RIAM; RMFM; SACM.",
                "Objective: to discuss possible contributions by interested ISCMs to the IMRF",
                "Guiding questions for discussion:",
                "How can the IMRF contribute to migration governance",
                "Dedicated Discussion Session 2",
                "ISCMs based in Eastern time zones:",
            ],
        )
        == []
    )


def test_annex_iii_ends_with_the_website_and_annex_vii_keeps_its_two_lists_each_citation_once(demo_pdf):
    reader, pages = demo_pdf
    description = _pages_from(pages, "Annex III: GRCP 9 Description")
    assert (
        _in_order(
            description,
            [
                "Guiding questions for discussion",
                "Official GRCP 9 website",
                "https://www.iom.int/2021-global-iscm-meeting",
                "GRCP Opening Remarks",
                "GRCP 9 Closing Remarks",
                "GRCP 9 Discussion Session Rapporteur Reports",
                "Annex IV: GRCP 9 Agenda",
            ],
        )
        == []
    )
    materials = _pages_from(pages, "Annex VII: GRCP 9 List of Relevant Materials")
    assert (
        _in_order(
            materials,
            [
                "List of relevant materials",
                "Global Compact for Safe, Orderly and Regular Migration",
                "Frequent ISCM themes and corresponding GCM objectives and SDGs",
                "List of Previous GRCP Reports",
                "IOM, “Advancing a common understanding of migration governance across regions, Summary Report of the "
                "Eighth Global RCP Meeting”, 2019",
                "IOM, Summary Meeting of GCIM – IOM Workshop on Regional Consultative Processes (GRCP 1), 2005",
            ],
        )
        == []
    )
    assert materials.count("Advancing a common understanding of migration governance across regions") == 1


def test_no_highlighted_quote_is_split_across_two_pages(demo_pdf):
    reader, pages = demo_pdf
    quotes = [
        ("The IMRF is the primary intergovernmental", "Antonio Vitorino, Director General"),
        (
            "There is a growing recognition that regular migration",
            "Robert Natiello, Head of the Interim Secretariat",
        ),
        (
            "We should highlight the importance of respecting diversity",
            "Lobna Azzam, for the Head of the Arab",
        ),
        (
            "ISCMS provide an important platform for advancing cooperation",
            "Simon K. Chelugui, Chair of the Regional",
        ),
    ]
    flat = [_flat(text) for text in pages]
    for words, speaker in quotes:
        page = next(index for index, text in enumerate(flat) if f"“{words}" in text)
        assert speaker in flat[page], words
