"""The printed lists: GRCP 9's Annex VI and Annex V rebuilt from the demo data, and their PDFs."""

import csv
import io
import re
from pathlib import Path

from pypdf import PdfReader

from coordinator.exporting.pdf import render_pdf_html
from coordinator.extensions import db
from coordinator.participants import printouts
from coordinator.participants.labels import capacity_label
from coordinator.participants.lists import (
    ListOptions,
    fold,
    join_without_repeats,
    participant_list_rows,
    roman,
    speakers_list,
    split_capacity,
)
from coordinator.participants.models import CAPACITIES
from coordinator.participants.printouts import NameCard, badges, place_cards, text_direction
from coordinator.participants.seed import seed_participants
from tests.participants_factories import (
    add_meeting,
    add_person_participant,
    fetch_pdf,
    get_meeting,
    grant,
    seed_grcp9,
)

DATA = Path(__file__).parent / "data"
#: Annex V's two speakers whose names it shortens, as the directory (and Annex VI) spell them.
DIRECTORY_NAMES = {"Alba Goycochea": "Alba Goycoechea", "Ioane Alama": "Ioane Moreli Simi Alama"}


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def flat(text: str) -> str:
    """Text as a reader sees it: lines joined, and a word split at a hyphen whole again."""
    return re.sub(r"-\s+", "-", re.sub(r"\s+", " ", text))


def annex_vi_rows() -> list[list[str]]:
    """Annex VI's rows (number, ISCM, name with honorific, position) from the test data's CSV of it."""
    with (DATA / "grcp9_annex_vi.csv").open(encoding="utf-8") as handle:
        return [row for row in csv.reader(handle) if row and re.fullmatch(r"\d+\.", row[0])]


def staff_pdf(app, client, auth, make_user, url: str) -> str:
    staff = make_user("staff")
    grant(app, "grcp-9", staff, "staff")
    auth.login(staff)
    return flat(pdf_text(client.get(url).data))


def test_fold_files_accented_letters_with_plain_ones():
    assert fold("Órla") == "orla"
    assert fold("Gümürkçü") == "gumurkcu"


def test_roman_numerals_of_sections():
    assert [roman(n) for n in (1, 2, 3, 4, 9)] == ["I", "II", "III", "IV", "IX"]


def test_text_direction_of_names():
    assert text_direction("محمد علي") == "rtl"
    assert text_direction("Rüya Gümürkçü") == "ltr"
    assert text_direction("Иван Петров") == "ltr"


def test_grcp9_list_has_the_annex_sections_and_continuous_numbers(app):
    seed_grcp9(app)
    with app.test_request_context():
        sections = participant_list_rows(get_meeting("grcp-9"))
        assert [(s.numeral, s.title, len(s.rows)) for s in sections] == [
            ("I", "Participants from ISCMs", 59),
            ("II", "Host and Organizers (IOM)", 8),
        ]
        numbers = [row.number for section in sections for row in section.rows]
        assert numbers == list(range(1, 68))
        first = sections[0].rows[0]
        assert first.name == "Mr Ahmed Sharfeldin"
        assert first.represented.startswith("African Union Horn of Africa Initiative")
        assert first.email == ""


def test_delegation_is_ordered_by_capacity_then_name(app, registry):
    add_meeting(app)
    add_person_participant(app, "som-2024", "Zoe", "Adams", iscm="bali-process", capacity="secretariat")
    add_person_participant(app, "som-2024", "Yann", "Brun", iscm="bali-process", capacity="co_chair")
    add_person_participant(app, "som-2024", "Xavier", "Abel", iscm="bali-process", capacity="co_chair")
    add_person_participant(app, "som-2024", "Ana", "Costa", iscm="almaty-process", capacity="secretariat")
    with app.test_request_context():
        rows = participant_list_rows(get_meeting("som-2024"))[0].rows
        assert [row.name for row in rows] == ["Ana Costa", "Xavier Abel", "Yann Brun", "Zoe Adams"]
        alphabetical = participant_list_rows(get_meeting("som-2024"), ListOptions(order="alphabetical"))[
            0
        ].rows
        assert [row.name for row in alphabetical] == ["Xavier Abel", "Zoe Adams", "Yann Brun", "Ana Costa"]


def test_only_confirmed_and_email_options(app, registry):
    add_meeting(app)
    add_person_participant(app, "som-2024", "Ana", "Costa", status="confirmed", email="ana@example.org")
    add_person_participant(app, "som-2024", "Ben", "Dia", status="registered")
    add_person_participant(app, "som-2024", "Cy", "Eto", status="declined")
    with app.test_request_context():
        meeting = get_meeting("som-2024")
        assert [r.name for r in participant_list_rows(meeting)[0].rows] == ["Ana Costa", "Ben Dia"]
        confirmed = participant_list_rows(meeting, ListOptions(only_confirmed=True, include_email=True))[
            0
        ].rows
        assert [(r.name, r.email) for r in confirmed] == [("Ana Costa", "ana@example.org")]


def test_speakers_list_comes_from_the_agenda_alphabetically(app):
    seed_grcp9(app)
    with app.test_request_context():
        speakers = speakers_list(get_meeting("grcp-9"))
        names = [row.name for row in speakers]
        assert len(names) == len(set(names))
        assert names[0] == "Abdulla Al-Nuaim"
        assert "Tomáš Urubek" in names and "Rocío González" in names
        assert "Ahmed Sharfeldin" not in names  # a written statement only
        assert "Ahmed Zanya Bugre" in names  # presents a rapporteur report
        assert len(names) == 22  # Annex V's 21, and Japhet Lishomw, whom the agenda lists and Annex V omits
        assert names == sorted(names, key=fold)
        wen_li = next(row for row in speakers if row.name == "Wen Li")
        assert "Director for International Cooperation and Partnerships (ICP)" in wen_li.description


def test_participant_seed_is_idempotent(app):
    seed_grcp9(app)
    with app.app_context():
        assert seed_participants() == {"participants": 0}


def test_participant_list_pdf_prints_every_script(app, client, auth, make_user, registry):
    add_meeting(app)
    add_person_participant(
        app, "som-2024", "Rüya", "Gümürkçü", iscm="almaty-process", capacity="chair", honorific="Ms"
    )
    add_person_participant(
        app, "som-2024", "Tomáš", "Urubek", iscm="prague-process", capacity="chair", honorific="Dr"
    )
    add_person_participant(app, "som-2024", "Иван", "Петров", iscm="almaty-process", capacity="secretariat")
    add_person_participant(app, "som-2024", "محمد", "العلي", iscm="arcp", capacity="secretariat")
    staff = make_user("staff")
    grant(app, "som-2024", staff, "staff")
    auth.login(staff)
    response = client.get("/meetings/som-2024/participants.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    text = pdf_text(response.data)
    for name in ("Ms Rüya Gümürkçü", "Dr Tomáš Urubek", "Иван Петров", "I. Participants from ISCMs"):
        assert name in text
    assert "محمد" in text or "دمحم" in text


def test_speakers_badges_place_cards_and_sign_in_render(app, client, auth, make_user):
    seed_grcp9(app)
    staff = make_user("staff")
    grant(app, "grcp-9", staff, "staff")
    auth.login(staff)
    speakers = pdf_text(client.get("/meetings/grcp-9/speakers.pdf").data)
    assert "List of Speakers (Alphabetical order)" in speakers and "Tomáš Urubek" in speakers
    badges = PdfReader(io.BytesIO(fetch_pdf(client, "/meetings/grcp-9/badges.pdf")))
    assert len(badges.pages) == 9  # 67 badges, 8 per sheet
    cards = PdfReader(io.BytesIO(fetch_pdf(client, "/meetings/grcp-9/place-cards.pdf")))
    assert len(cards.pages) == 67
    box = cards.pages[0].mediabox
    assert float(box.width) > float(box.height)
    with app.app_context():
        session_id = get_meeting("grcp-9").sessions[0].id
    sign_in = pdf_text(client.get(f"/meetings/grcp-9/sessions/{session_id}/sign-in.pdf").data)
    assert "Signature" in sign_in and "Rüya Gümürkçü" in sign_in


def test_unchanged_list_is_served_from_the_store_and_a_change_rebuilds(
    app, client, auth, make_user, registry
):
    add_meeting(app)
    add_person_participant(app, "som-2024", "Ana", "Costa")
    staff = make_user("staff")
    grant(app, "som-2024", staff, "staff")
    auth.login(staff)
    first = client.get("/meetings/som-2024/participants.pdf").data
    stored = list((app.config["EXPORT_DIR"] / "participant-list").glob("*.pdf"))
    assert len(stored) == 1
    assert client.get("/meetings/som-2024/participants.pdf").data == first
    add_person_participant(app, "som-2024", "Ben", "Dia")
    client.get("/meetings/som-2024/participants.pdf")
    assert len(list((app.config["EXPORT_DIR"] / "participant-list").glob("*.pdf"))) == 2
    with app.app_context():
        from coordinator.audit.models import AuditEntry

        exports = db.session.scalars(
            db.select(AuditEntry).where(AuditEntry.action == "participants.export")
        ).all()
        assert len(exports) == 3


def test_grcp9_participant_list_prints_every_annex_vi_row_verbatim(app, client, auth, make_user):
    seed_grcp9(app)
    text = staff_pdf(app, client, auth, make_user, "/meetings/grcp-9/participants.pdf")
    rows = annex_vi_rows()
    assert len(rows) == 67
    for _number, represented, name, position in rows:
        name = name.replace("H. E.", "H.E.").replace("Mr.", "Mr")  # the directory writes honorifics one way
        assert flat(f"{represented} {name} {position}") in text
    assert "Chief of Mission, IOM Guyana" in text
    assert "Head of the Interim Secretariat of the Caribbean Migration Consultations" not in text


def test_grcp9_speakers_list_prints_every_annex_v_line_verbatim(app, client, auth, make_user):
    seed_grcp9(app)
    text = staff_pdf(app, client, auth, make_user, "/meetings/grcp-9/speakers.pdf")
    lines = (DATA / "grcp9_annex_v.txt").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 21
    for line in lines:
        for short, full in DIRECTORY_NAMES.items():
            line = line.replace(f"{short},", f"{full},")
        assert flat(line) in text
    assert "Japhet Lishomw, " in text  # speaks in the agenda; Annex V omits him


def test_a_composed_speaker_description_says_each_thing_once():
    assert join_without_repeats(
        [
            "Head of Secretariat",
            "Pacific Immigration Development Community (PIDC)",
            "Head of the Pacific Immigration Development Community (PIDC) Secretariat",
        ]
    ) == ("Head of the Pacific Immigration Development Community (PIDC) Secretariat")
    assert join_without_repeats(["Coordinator", "RCM", None, "for the Chair of the RCM"]) == (
        "Coordinator, for the Chair of the RCM"
    )
    assert join_without_repeats(["Director General", "IOM", "IOM"]) == "Director General, IOM"
    assert join_without_repeats(
        ["Minister of Foreign Affairs", "Ministry of Foreign Affairs of Sudan", ""]
    ) == ("Minister of Foreign Affairs, Ministry of Foreign Affairs of Sudan")


def test_section_one_is_ordered_by_the_printed_iscm_text(app):
    seed_grcp9(app)
    with app.test_request_context():
        rows = participant_list_rows(get_meeting("grcp-9"))[0].rows
    delegations = list(dict.fromkeys(split_capacity(row.represented)[0] for row in rows))
    assert delegations == sorted(delegations, key=fold)
    position = {text.split(" (")[-1].rstrip(")"): index for index, text in enumerate(delegations)}
    assert position["MID-IGAD or IGAD RCP"] < position["MIDSA"]
    assert position["Khartoum Process"] < position["Rabat Process"]
    assert [row.number for row in rows if "(MID-IGAD" in row.represented] == [30, 31, 32]
    assert [row.number for row in rows if "(MIDSA)" in row.represented] == [33, 34]


def test_badges_and_place_cards_follow_the_list_order(app):
    seed_grcp9(app)
    with app.test_request_context():
        meeting = get_meeting("grcp-9")
        listed = [row.name for section in participant_list_rows(meeting) for row in section.rows]
        for printout in (badges(meeting, ListOptions()), place_cards(meeting, ListOptions())):
            cards = printout.context.get("cards") or [
                card for sheet in printout.context["sheets"] for card in sheet
            ]
            assert [" ".join(filter(None, (card.honorific, card.name))) for card in cards] == listed


def test_the_capacity_ending_of_an_iscm_column(app):
    assert split_capacity("Caribbean Migration Consultations (CMC) incoming Chair") == (
        "Caribbean Migration Consultations (CMC)",
        "incoming_chair",
    )
    assert split_capacity("Pan-African Forum on Migration (PAFOM) Secretariat Support (informal)") == (
        "Pan-African Forum on Migration (PAFOM)",
        "informal_support",
    )
    assert split_capacity("Budapest Process Co-Secretariat") == ("Budapest Process", "co_secretariat")
    assert split_capacity("South American Conference on Migration (SACM)") == (
        "South American Conference on Migration (SACM)",
        None,
    )
    assert split_capacity("Chair") == ("Chair", None)


def staff_client_on(app, client, auth, make_user, slug="som-2024"):
    staff = make_user("staff")
    grant(app, slug, staff, "staff")
    auth.login(staff)
    return client


def test_the_alphabetical_list_says_so(app, client, auth, make_user):
    add_meeting(app)
    add_person_participant(app, "som-2024", "Ana", "Costa")
    staff_client_on(app, client, auth, make_user)
    alphabetical = pdf_text(client.get("/meetings/som-2024/participants.pdf?order=alphabetical").data)
    by_iscm = pdf_text(client.get("/meetings/som-2024/participants.pdf").data)
    assert "Participant List (Alphabetical order)" in alphabetical
    assert "Participant List" in by_iscm and "Alphabetical order" not in by_iscm


def test_a_long_email_wraps_inside_its_column(app, client, auth, make_user):
    email = "maria.papadopoulou-konstantinopoulou.delegation@mfa.example.gov.gr"
    add_meeting(app)
    add_person_participant(app, "som-2024", "Maria", "Papadopoulou", email=email, position="Head of Unit")
    staff_client_on(app, client, auth, make_user)
    text = pdf_text(client.get("/meetings/som-2024/participants.pdf?email=1").data)
    assert email not in text.splitlines() and email in text.replace("\n", "")
    assert "Head of Unit" in text


def test_text_cells_in_arabic_run_right_to_left(app):
    add_meeting(app)
    add_person_participant(
        app,
        "som-2024",
        "محمد",
        "العلي",
        organisation="جامعة الدول العربية",
        position="مدير إدارة اللاجئين",
        honorific="السيد",
    )
    with app.test_request_context():
        meeting = get_meeting("som-2024")
        list_html = render_pdf_html(**_template(printouts.participant_list(meeting, ListOptions())))
        cards_html = render_pdf_html(**_template(place_cards(meeting, ListOptions())))
    assert '<td class="col-position" dir="rtl">مدير إدارة اللاجئين, جامعة الدول العربية</td>' in list_html
    assert '<td class="col-represented" dir="rtl">جامعة الدول العربية</td>' in list_html
    assert '<div class="card-affiliation" dir="rtl">جامعة الدول العربية</div>' in cards_html


def _template(printout) -> dict:
    return {"template_name": printout.template, **printout.context}


def test_long_names_get_smaller_type_on_badges_and_cards_instead_of_being_cut(app):
    cards = [
        NameCard("", name, "", "")
        for name in (
            "Tomáš Urubek",
            "Lucia Rodriguez Torresi",
            "Mohammed bin Abdulrahman bin Jassim Al Thani",
            "Venkatanarasimharajuvaripeta",
            "Xochiquetzalpapalotzinmaxtlatzintli Cuauhtémoc",
        )
    ]
    assert [card.badge_scale for card in cards] == [0, 0, 1, 2, 3]
    assert [card.card_scale for card in cards] == [0, 0, 0, 0, 1]
    add_meeting(app)
    add_person_participant(app, "som-2024", "", "Xochiquetzalpapalotzinmaxtlatzintli")
    with app.test_request_context():
        html = render_pdf_html(**_template(badges(get_meeting("som-2024"), ListOptions())))
    assert '<div class="badge-name scale-3" dir="ltr">Xochiquetzalpapalotzinmaxtlatzintli</div>' in html


def test_capacities_are_cased_as_annex_vi_prints_them():
    assert [capacity_label(code) for code in CAPACITIES] == [
        "Chair",
        "Co-Chair",
        "incoming Chair",
        "for the Chair",
        "Head of Secretariat",
        "Secretariat",
        "Co-Secretariat",
        "Informal support",
        "Member State delegate",
        "Observer",
        "Organizer",
    ]


def test_a_printouts_key_changes_with_the_templates_it_is_laid_out_from(app, tmp_path):
    import shutil

    seed_grcp9(app)
    copy = tmp_path / "templates"
    shutil.copytree(app.template_folder, copy)
    app.template_folder = str(copy)

    def fingerprint():
        with app.test_request_context():
            return badges(get_meeting("grcp-9"), ListOptions()).fingerprint

    prints = [fingerprint()]
    for name in ("participants/pdf/badges.html", "pdf/base.css"):
        with open(copy / name, "a", encoding="utf-8") as template:
            template.write("\n/* a change of layout */\n")
        prints.append(fingerprint())
    with open(copy / "meetings" / "show.html", "a", encoding="utf-8") as unrelated:
        unrelated.write("\n{# not printed on a badge #}\n")
    assert len({repr(p) for p in prints}) == 3 and fingerprint() == prints[-1]
