"""Plain functions of rapporteur reports: content, workflow rules, acronyms, sanitised Markdown."""

from werkzeug.datastructures import MultiDict

from coordinator.core.markup import render_markdown
from coordinator.reports import acronyms, content, workflow


def test_from_form_reads_rows_and_drops_blank_ones():
    form = MultiDict({
        "objective": " To discuss ", "consensuses-0": "One", "consensuses-1": "  ", "consensuses-2": "Two",
        "floor-0-iscm": "rcm", "floor-0-speaker": "Ms A", "floor-0-notes": "Said x", "floor-1-speaker": "",
        "practices-0-iscm": "", "practices-0-text": "Networks", "free_text": "Notes\r\nmore",
    })
    result = content.from_form(form)
    assert result["objective"] == "To discuss"
    assert result["consensuses"] == ["One", "Two"]
    assert result["floor"] == [{"iscm": "rcm", "speaker": "Ms A", "notes": "Said x"}]
    assert result["practices"] == [{"iscm": None, "text": "Networks"}]
    assert result["free_text"] == "Notes\nmore"


def test_prefilled_report_is_empty_until_something_is_written():
    report = content.prefill("Objective", ["Q1"], [("rcm", "Ms A, Chair")])
    assert report["floor"] == [{"iscm": "rcm", "speaker": "Ms A, Chair", "notes": ""}]
    assert content.is_empty(report)
    report["floor"][0]["notes"] = "She said"
    assert not content.is_empty(report)


def test_spare_rows_are_offered_under_each_list():
    rows = content.with_spare_rows(content.empty_content())
    assert rows["consensuses"] == ["", ""]
    assert len(rows["floor"]) == content.SPARE_ROWS


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
        [("RCM", "Regional Conference on Migration")], [("PIDC", "Pacific Immigration Development Community"),
                                                        ("SACM", "South American Conference on Migration")],
        ["imrf"], ["The PIDC spoke; the GCM-like text is not the GCM itself? GCM."],
    )
    assert [row["acronym"] for row in derived] == ["GCM", "IMRF", "PIDC", "RCM"]


def test_acronym_lines_parse_and_report_bad_lines():
    rows, bad = acronyms.parse_lines("GCM: Global Compact\nno separator\nAU HoAI\tAfrican Union")
    assert rows == [{"acronym": "GCM", "expansion": "Global Compact"}, {"acronym": "AU HoAI", "expansion": "African Union"}]
    assert bad == ["no separator"]


def test_markdown_never_lets_a_script_through():
    html = str(render_markdown('<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror="alert(1)"> **ok**'))
    assert "<script" not in html and 'href="javascript' not in html and "<img" not in html
    assert "<strong>ok</strong>" in html
