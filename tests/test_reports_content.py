"""Plain functions of rapporteur reports: content, workflow rules, acronyms, sanitised Markdown."""

from werkzeug.datastructures import MultiDict

from coordinator.core.markup import render_markdown
from coordinator.reports import acronyms, content, workflow


def test_from_form_reads_rows_and_drops_blank_ones():
    form = MultiDict(
        {
            "objective": " To discuss ",
            "consensuses-0": "One",
            "consensuses-1": "  ",
            "consensuses-2": "Two",
            "floor-0-iscm": "rcm",
            "floor-0-speaker": "Ms A",
            "floor-0-notes": "Said x",
            "floor-1-speaker": "",
            "practices-0-iscm": "",
            "practices-0-text": "Networks",
            "free_text": "Notes\r\nmore",
        }
    )
    result = content.from_form(form, {})
    assert result["objective"] == "To discuss"
    assert result["consensuses"] == ["One", "Two"]
    assert result["floor"] == [{"iscm": "rcm", "speaker": "Ms A", "notes": "Said x"}]
    assert result["practices"] == [{"iscm": None, "text": "Networks"}]
    assert result["free_text"] == "Notes\nmore"


def test_prefilled_report_is_empty_until_something_is_written():
    agenda = {
        "objective": "Objective",
        "guiding_questions": ["Q1"],
        "facilitator": "Mr F, Chair",
        "iscms": ["RCM"],
    }
    report = content.prefill(agenda, [("rcm", "Ms A, Chair")])
    assert report["floor"] == [{"iscm": "rcm", "speaker": "Ms A, Chair", "notes": ""}]
    assert (report["facilitator"], report["iscms_present"], report["order"]) == (
        "Mr F, Chair",
        ["RCM"],
        list(content.PARTS),
    )
    assert content.is_empty(report)
    report["floor"][0]["notes"] = "She said"
    assert not content.is_empty(report)


def test_spare_rows_are_offered_under_each_list():
    rows = content.with_spare_rows(content.empty_content())
    assert rows["consensuses"] == ["", ""]
    assert len(rows["floor"]) == content.SPARE_ROWS


DEFAULTS = {
    "floor": "ISCMs and speakers who took the floor",
    "challenges": "Challenges",
    "practices": "Effective practices",
}


def test_a_heading_typed_over_the_default_is_kept_and_an_emptied_one_prints_none():
    form = MultiDict(
        {
            "heading-floor": "ISCMs and speakers who took the floor",
            "heading-challenges": "Main migration trends",
            "heading-practices": "",
            "intro-challenges": "What are the main trends?",
            "intro-floor": " ",
        }
    )
    result = content.from_form(form, DEFAULTS)
    assert result["headings"] == {"challenges": "Main migration trends", "practices": ""}
    assert result["intros"] == {"challenges": "What are the main trends?"}


def test_parts_print_in_the_typed_positions_and_ties_keep_the_usual_order():
    form = MultiDict({"position-challenges": "1", "position-opening": "1", "position-practices": "x"})
    order = content.from_form(form, DEFAULTS)["order"]
    assert order[:2] == ["opening", "challenges"]
    assert order[2:] == [part for part in content.PARTS if part not in ("opening", "challenges")]


def test_printed_parts_follow_the_reports_order_and_its_own_headings():
    report = content.normalise(
        {
            "order": ["challenges", "floor", "bogus", "challenges"],
            "headings": {"challenges": "Gaps", "floor": ""},
            "intros": {"challenges": "What are the gaps?"},
        }
    )
    parts = content.printed_parts(report, DEFAULTS)
    assert [part["key"] for part in parts] == [
        "challenges",
        "floor",
        *[p for p in content.PARTS if p not in ("challenges", "floor")],
    ]
    assert parts[0] == {
        "key": "challenges",
        "kind": "list",
        "heading": "Gaps",
        "intro": "What are the gaps?",
        "filled": False,
    }
    assert parts[1] == {"key": "floor", "kind": "floor", "heading": "", "intro": "", "filled": False}
    assert next(p for p in parts if p["key"] == "practices")["heading"] == "Effective practices"


def test_content_saved_before_the_layout_fields_prints_in_the_usual_order():
    parts = content.printed_parts({"objective": "x"}, DEFAULTS)
    assert [part["key"] for part in parts] == list(content.PARTS)


def test_printed_parts_say_which_have_something_to_print_the_rapporteur_filling_the_people():
    report = content.normalise({"objective": "x", "consensuses": ["We agree"], "practices": [{"text": "y"}]})
    filled = [part["key"] for part in content.printed_parts(report, DEFAULTS) if part["filled"]]
    assert filled == ["objective", "consensuses", "practices"]
    with_rapporteur = content.printed_parts(report, DEFAULTS, rapporteur="Ms R")
    assert [part["key"] for part in with_rapporteur if part["filled"]] == [
        "people",
        "objective",
        "consensuses",
        "practices",
    ]


def test_every_part_has_a_kind_a_heading_and_an_editor_field():
    from coordinator.reports.forms import PART_FIELDS

    assert content.LIST_FIELDS == (
        "guiding_questions",
        "iscms_present",
        "consensuses",
        "challenges",
        "recommendations",
        "next_steps",
    )
    assert set(content.TEXT_FIELDS) == {
        "title",
        "facilitator",
        "facilitator_label",
        "opening",
        "objective",
        "free_text",
    }
    assert list(content.PART_HEADINGS) == list(PART_FIELDS) == list(content.PARTS)


def test_as_lines_names_iscms_for_comparison():
    lines = content.as_lines({"practices": [{"iscm": "rcm", "text": "Follow-up"}]}, {"rcm": "RCM"})
    assert "- [RCM] Follow-up" in lines


def test_workflow_steps_by_state_and_actor():
    assert workflow.available_steps("draft", "rapporteur") == ["submit"]
    assert workflow.available_steps("submitted", "rapporteur") == []
    assert workflow.available_steps("submitted", "organizer") == ["request_changes", "approve"]
    assert workflow.available_steps("approved", "organizer") == ["reopen"]
    assert workflow.submit_action("changes_requested") == "resubmit"
    assert workflow.can_edit("changes_requested", "rapporteur")
    assert not workflow.can_edit("submitted", "rapporteur")
    assert workflow.can_edit("submitted", "organizer")
    assert not workflow.can_edit("draft", None)


def test_acronyms_come_from_the_meeting_its_initiatives_and_its_text():
    derived = acronyms.derive(
        [("RCM", "Regional Conference on Migration")],
        [
            ("PIDC", "Pacific Immigration Development Community"),
            ("SACM", "South American Conference on Migration"),
        ],
        ["imrf"],
        ["The PIDC spoke; the GCM-like text is not the GCM itself? GCM."],
    )
    assert [row["acronym"] for row in derived] == ["GCM", "IMRF", "PIDC", "RCM"]


def test_acronym_lines_parse_and_report_bad_lines():
    rows, bad = acronyms.parse_lines("GCM: Global Compact\nno separator\nAU HoAI\tAfrican Union")
    assert rows == [
        {"acronym": "GCM", "expansion": "Global Compact"},
        {"acronym": "AU HoAI", "expansion": "African Union"},
    ]
    assert bad == ["no separator"]


def test_markdown_never_lets_a_script_through():
    html = str(
        render_markdown(
            '<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror="alert(1)"> **ok**'
        )
    )
    assert "<script" not in html and 'href="javascript' not in html and "<img" not in html
    assert "<strong>ok</strong>" in html


def test_the_rapporteur_line_is_the_agendas_until_the_report_has_its_own_and_an_emptied_one_prints_none():
    saved_before_the_field = content.normalise({"objective": "x"})
    from_an_old_tab = content.from_form(MultiDict({"objective": "x"}), DEFAULTS)
    emptied = content.from_form(MultiDict({"objective": "x", "rapporteur": "  "}), DEFAULTS)
    own = content.from_form(MultiDict({"objective": "x", "rapporteur": "Ms R, for the Chair"}), DEFAULTS)
    assert saved_before_the_field["rapporteur"] is None and from_an_old_tab["rapporteur"] is None
    lines = [content.rapporteur_line(report, "Ms R") for report in (from_an_old_tab, emptied, own)]
    assert lines == ["Ms R", "", "Ms R, for the Chair"]
    people = {
        name: next(
            part for part in content.printed_parts(report, DEFAULTS, "Ms R") if part["key"] == "people"
        )
        for name, report in (("agenda", from_an_old_tab), ("emptied", emptied))
    }
    assert people["agenda"]["filled"] and not people["emptied"]["filled"]


def test_the_facilitators_label_comes_from_the_agenda_and_the_diff_shows_both_lines():
    report = content.prefill(
        {"facilitator": "H.E. Mr Julio Fiol Zuñiga", "facilitator_label": "Discussion Session Facilitator"},
        [],
    )
    assert report["facilitator_label"] == "Discussion Session Facilitator"
    assert report["rapporteur"] is None
    lines = content.as_lines({**report, "rapporteur": ""}, {})
    assert "# Facilitator's label: Discussion Session Facilitator" in lines and "# Rapporteur: " in lines
