"""People as the agenda words them: GRCP 9's Annex IV verbatim on the page and in the PDF; the agenda's own
words edited on the item people page, released as a speaker change, and erased with the person."""

import html
import io
import re

import sqlalchemy as sa
from pypdf import PdfReader

from coordinator.audit.models import AuditEntry
from coordinator.extensions import db
from coordinator.meetings.agenda import annex_blocks, described
from coordinator.meetings.filters import role_text
from coordinator.meetings.models import ItemPerson
from coordinator.meetings.releases import compare
from coordinator.people.models import Person

#: Every appearance of Annex IV (GRCP 9 Summary Report), name and words after it, transcribed from the report.
#: Typography normalised where Annex IV itself varies: "H. E." is printed "H.E.", "Mr." is printed "Mr".
ANNEX_IV = (
    "H.E. Mr António Vitorino, Director General, International Organization for Migration (IOM)",
    "Ms Wen Li, Director for International Cooperation and Partnerships (ICP), International Organization for "
    "Migration (IOM)",
    "H.E. Mr Frank Tressler Zamorano, Ambassador Extraordinary and Plenipotentiary, Permanent Representative of Chile "
    "to the UN and International Organizations in Geneva, Chair of the South American Conference on Migration (SACM)",
    "H.E. Mr Simon K. Chelugui, Cabinet Secretary, Ministry of Labour and Social Protection of Kenya, Chair of the "
    "Regional Ministerial Forum on Migration for East and Horn of Africa (RMFM)",
    "Ms Rocío González, Head of the Migration Policy Unit, Registry and Identity of Persons, Ministry of the Interior "
    "of Mexico, for the Chair of the Regional Conference on Migration (RCM)",
    "Mr Luis Alonso Serrano Echeverría, Head of Technical Secretariat of the Regional Conference on Migration (RCM)",
    "Dr Tomáš Urubek, Head, Unit for International and European Affairs, Department for Asylum and Migration Policy, "
    "Ministry of the Interior of the Czech Republic, Prague Process Chair",
    "Mr Japhet Lishomw, Deputy Director General, Department of Immigration of Zambia, for the Chair of the Migration "
    "Dialogue from the Common Market for Eastern and Southern Africa Member States (MIDCOM)",
    "Mr Ahmed Sharfeldin, Director General, Passports and Civil Registration corporation, Ministry of Interior of "
    "Sudan, Chair of the African Union Horn of Africa Initiative on Human Trafficking and Smuggling of Migrants "
    "(AU HoAI)",
    "Mr Stuard Rodríguez, Director General, Migration Institute from Guatemala, Chair of the Central American "
    "Commission of Migration Directors (OCAM)",
    "Ms Alba Goycochea, Head of the Secretariat of the Ibero-American Network of Migration Authorities (RIAM) and "
    "Head of the Secretariat of the South American Conference on Migration (SACM)",
    "Mr Enrique Patiño, Joint Communicator officer, Office of the United Nations High Commissioner for Refugees "
    "(UNHCR), Co-Head of the Technical Secretariat of the Quito Process",
    "Mr Robert Natiello, Regional Coordination Officer for the Caribbean and Chief of Mission in Guyana, IOM, Head of "
    "the Interim Secretariat of the Caribbean Migration Consultations (CMC)",
    "Mr Rolliansyah Soemirat, Director for International Security and Disarmament, Ministry of Foreign Affairs of "
    "Indonesia, for the Bali Process Co-Chair",
    "H.E. Ms Mariam Almansoura Alsadig Almahdi, Minister of Foreign Affairs of Sudan, Chair of the Migration Dialogue "
    "for Intergovernmental Authority on Development (IGAD) Region (MID-IGAD or IGAD-RCP)",
    "Mr Ioane Alama, Head of the Pacific Immigration Development Community (PIDC) Secretariat",
    "Ms Clare Gatehouse, Director, Human Trafficking and Modern Slavery, Department of Foreign Affairs and Trade of "
    "Australia, Co-Chair of the Bali Process",
    "H.E. Mr Christophe Leonzi, Ambassador on migration, Ministry of Europe and Foreign Affairs of France, Incoming "
    "Chair of the Global Forum on Migration and Development (GFMD)",
    "H.E. Mr Abdulla Al-Nuaim, Assistant Undersecretary for International Relations, Ministry of Human Resources and "
    "Emiratisation of United Arab Emirates, Head of Abu Dhabi Dialogue Secretariat",
    "Ms Lobna Azzam, Officer, Refugees, Expatriates and Migration Affairs Department, League of Arab States, for the "
    "Head of the Arab Regional Consultative Process on Migration (ARCP)",
    "Ms Sedef Dearing, Regional Coordinator Silk Routes, International Centre for Migration Policy Development "
    "(ICMPD), Head of Budapest Process Secretariat",
    "Mr John Kabaghe, Acting Director Planning and Coordinator for Diaspora Affairs, Ministry of Foreign Affairs of "
    "Malawi, Chair of the Migration Dialogue for Southern Africa (MIDSA)",
    "Mr Ahmed Zanya Bugre, Senior Migrant Protection and Assistance Advisor, Department for Health, Humanitarian "
    "Affairs, and Social Development, African Union Commission, for the Co-Head of the African Union Horn of Africa "
    "Initiative on Human Trafficking and Smuggling of Migrants (AU HoAI) Secretariat; Head of the Pan-African Forum "
    "on Migration (PAFOM) Secretariat; and Co-Head of EU-Horn of Africa Migration Route Initiative (Khartoum Process) "
    "Secretariat",
    "Ms Wen Li, Director for International Cooperation and Partnerships (ICP), IOM",
)
#: Annex IV's labels before a name, and its wording of the audiences.
ANNEX_IV_LABELS = (
    "Discussion Session Facilitator: H.E. Mr Frank Tressler Zamorano",
    "Discussion Session Rapporteur: Mr Luis Alonso Serrano Echeverría",
    "Discussion Session Facilitator: Mr Rolliansyah Soemirat",
    "Discussion Session Rapporteur: Mr Ahmed Zanya Bugre",
    "Moderator: Ms Wen Li",
    "Rapporteur for Discussion Session 1: Mr Luis Alonso Serrano Echeverría",
    "Rapporteur for Discussion Session 2: Mr Ahmed Zanya Bugre",
    "Interactive discussion with participating ISCMs based in Western time zones",
    "Interactive discussion with participating ISCMs based in Eastern time zones",
)
#: What the directory alone printed before: repeats and Annex VI's names.
NOT_ANNEX_IV = (
    "Head of Technical Secretariat, Regional Conference on Migration (RCM), Head of Technical Secretariat",
    "Head of Secretariat, Pacific Immigration Development Community (PIDC)",
    "Permanent Representative, Permanent Mission of Chile",
    "Minister of Foreign Affairs, Ministry of Foreign Affairs of Sudan",
    "Deputy Director-General",
    "Ioane Moreli Simi Alama",
    "Dr Ahmed Zanya Bugre",
    "Technical Secretariat Coordinator",
)


def plain(text: str) -> str:
    """Words only, as a reader sees them: tags dropped, entities decoded, every run of blanks one space."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", text))).replace("H. E.", "H.E.")


def pdf_words(data: bytes) -> str:
    """The PDF's text as one line: a line broken after a hyphen or a slash ("Inter-", "Asia/") joins the next."""
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return re.sub(r"\s+", " ", re.sub(r"([-/])\n", r"\1", text))


def test_the_agenda_page_prints_every_appearance_as_annex_iv(client, grcp9):
    text = plain(client.get("/meetings/grcp-9/agenda?tz=Europe/Zurich").get_data(as_text=True))
    missing = [line for line in ANNEX_IV + ANNEX_IV_LABELS if line not in text]
    assert missing == []
    assert [line for line in NOT_ANNEX_IV if line in text] == []
    assert "Speaker: H.E. Ms Mariam Almansoura Alsadig Almahdi, Minister of Foreign Affairs of Sudan" in text


def test_the_agenda_pdf_prints_every_appearance_as_annex_iv(client, grcp9):
    text = pdf_words(client.get("/meetings/grcp-9/agenda.pdf").data)
    missing = [line for line in ANNEX_IV + ANNEX_IV_LABELS if line not in text]
    assert missing == []
    assert [line for line in NOT_ANNEX_IV if line in text] == []
    assert "Statements by: – H.E. Mr Simon K. Chelugui, Cabinet Secretary" in text
    assert (
        "– video address by H.E. Ms Mariam Almansoura Alsadig Almahdi, Minister of Foreign Affairs of Sudan"
        in text
    )
    assert "– written statement from Mr Ahmed Sharfeldin, Director General" in text
    assert "STATEMENT OF WELCOME H.E. Mr António Vitorino, Director General" in text
    assert (
        "Interactive discussion with participating ISCMs based in Western time zones: CMC; MIDCOM; MIDWA; OCAM; "
        "Prague Process; Quito Process; RCM; RIAM; RMFM; and SACM."
    ) in text


def test_a_released_role_is_named_in_the_readers_language_and_its_own_wording_kept(app, client, grcp9):
    client.post("/language", data={"locale": "fr", "next": "/meetings/grcp-9/agenda"})
    for text in (
        plain(client.get("/meetings/grcp-9/agenda?tz=Europe/Zurich").get_data(as_text=True)),
        pdf_words(client.get("/meetings/grcp-9/agenda.pdf").data),
    ):
        assert "Modérateur: Ms Wen Li" in text
        assert "Rapporteur for Discussion Session 1: Mr Luis Alonso Serrano Echeverría" in text
    with app.test_request_context():
        assert role_text({"role": "co_facilitator"}) == "Co-facilitator"  # a release older than role labels


def person(person_id, role="speaker", **wording):
    return {
        "person_id": person_id,
        "name": "Mr A",
        "role": role,
        "delivery": "in_person",
        "position": "Head, Unit",
        "capacity": "Chair of X",
        **wording,
    }


def test_described_uses_the_agendas_own_words_else_position_and_capacity():
    assert described(person(1)) == "Head, Unit, Chair of X"
    assert described(person(1, listed_as="Head of the Unit of X")) == "Head of the Unit of X"
    older_release = {
        "person_id": 1,
        "name": "Mr A",
        "role": "speaker",
        "delivery": "in_person",
        "position": "",
        "capacity": "Chair of X",
    }
    assert described(older_release) == "Chair of X"


def test_annex_blocks_group_speakers_in_a_row_and_keep_labelled_roles():
    people = [person(1, "facilitator"), person(2), person(3), person(4, role_label="Keynote"), person(5)]
    assert [(kind, [p["person_id"] for p in group]) for kind, group in annex_blocks(people)] == [
        ("labelled", [1]),
        ("statements", [2, 3]),
        ("labelled", [4]),
        ("alone", [5]),
    ]


def test_a_capacity_that_contains_the_position_is_not_repeated(app, grcp9):
    from coordinator.meetings.agenda import appearance

    with app.app_context():
        link = db.session.scalar(
            sa.select(ItemPerson)
            .join(Person)
            .where(Person.key == "luis-alonso-serrano-echeverria", ItemPerson.role == "speaker")
        )
        shown = appearance(link)
        assert (shown["position"], described(shown)) == (
            "",
            "Head of Technical Secretariat of the Regional Conference on Migration (RCM)",
        )


def release_snapshot_people(item_id, **wording):
    return {
        "sessions": [
            {
                "id": 1,
                "title": "S",
                "status": "scheduled",
                "starts_at": "a",
                "ends_at": "b",
                "items": [
                    {
                        "id": item_id,
                        "title": "I",
                        "starts_at": "a",
                        "ends_at": "b",
                        "people": [person(7, **wording)],
                    }
                ],
            }
        ]
    }


def test_a_change_of_wording_is_a_speaker_change():
    old = release_snapshot_people(3)
    for wording in ({"listed_as": "Head of the Unit of X"}, {"role_label": "Keynote"}, {"name": "Mr B"}):
        changes = compare(old, release_snapshot_people(3, **wording))
        assert [(c["type"], c["people"]) for c in changes] == [("speakers", [7])]


def alama_link(app) -> tuple[int, int]:
    """(item id, link id) of Mr Ioane Alama's statement in Dedicated Discussion Session 2."""
    with app.app_context():
        link = db.session.scalar(
            sa.select(ItemPerson).join(Person).where(Person.key == "ioane-moreli-simi-alama")
        )
        return link.item_id, link.id


def appearance_form(link_id, **values):
    fields = {
        "role": "speaker",
        "delivery": "in_person",
        "capacity": "",
        "role_label": "",
        "listed_name": "",
        "listed_as": "",
        **values,
    }
    return {f"link-{link_id}-{name}": value for name, value in fields.items()}


def test_an_organizer_edits_the_agendas_words_for_a_person_and_releases_them(app, client, grcp9, sign_in):
    sign_in("organizer", grcp9.meeting_id)
    item_id, link_id = alama_link(app)
    page = client.get(f"/meetings/grcp-9/items/{item_id}/people").get_data(as_text=True)
    assert f'name="link-{link_id}-listed_name" type="text" value="Mr Ioane Alama"' in page
    response = client.post(
        f"/meetings/grcp-9/items/{item_id}/people/{link_id}/edit",
        data=appearance_form(
            link_id,
            role_label="Statement by the PIDC",
            listed_name="Mr Ioane Alama",
            listed_as="Head of the PIDC Secretariat, Apia",
        ),
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/meetings/grcp-9/items/{item_id}/people#link-{link_id}")
    page = plain(client.get(f"/meetings/grcp-9/items/{item_id}/people").get_data(as_text=True))
    assert "Statement by the PIDC: Mr Ioane Alama, Head of the PIDC Secretariat, Apia (In person)" in page
    with app.app_context():
        entry = db.session.scalars(
            sa.select(AuditEntry).where(AuditEntry.action == "agenda_item.appearance")
        ).one()
        assert entry.changes["listed_as"] == [
            "Head of the Pacific Immigration Development Community (PIDC) Secretariat",
            "Head of the PIDC Secretariat, Apia",
        ]
    assert "Head of the PIDC Secretariat, Apia" not in client.get(
        "/meetings/grcp-9/agenda?tz=Europe/Zurich"
    ).get_data(as_text=True)
    client.post("/meetings/grcp-9/agenda/release", data={"comment": "PIDC wording"})
    reader = plain(client.get("/meetings/grcp-9/agenda?tz=Europe/Zurich").get_data(as_text=True))
    assert "Statement by the PIDC: Mr Ioane Alama, Head of the PIDC Secretariat, Apia" in reader
    changes = plain(client.get("/meetings/grcp-9/agenda/changes").get_data(as_text=True))
    assert "Speakers changed" in changes


def test_emptied_words_fall_back_to_the_directory(app, client, grcp9, sign_in):
    sign_in("organizer", grcp9.meeting_id)
    item_id, link_id = alama_link(app)
    client.post(f"/meetings/grcp-9/items/{item_id}/people/{link_id}/edit", data=appearance_form(link_id))
    page = plain(client.get(f"/meetings/grcp-9/items/{item_id}/people").get_data(as_text=True))
    assert (
        "Speaker: Mr Ioane Moreli Simi Alama, Head of Secretariat, Pacific Immigration Development Community (PIDC)"
        " (In person)" in page
    )
    with app.app_context():
        link = db.session.get(ItemPerson, link_id)
        assert (link.role_label, link.listed_name, link.listed_as, link.capacity) == (None, None, None, None)


def test_words_too_long_are_refused_and_nothing_changes(app, client, grcp9, sign_in):
    sign_in("organizer", grcp9.meeting_id)
    item_id, link_id = alama_link(app)
    response = client.post(
        f"/meetings/grcp-9/items/{item_id}/people/{link_id}/edit",
        data=appearance_form(link_id, listed_name="M" * 301, listed_as="New words"),
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Nothing was saved: please correct the fields marked below." in page
    assert "Field cannot be longer than 300 characters." in page
    assert '<details class="appearance-edit" open>' in page
    with app.app_context():
        link = db.session.get(ItemPerson, link_id)
        assert (link.listed_name, link.listed_as) == (
            "Mr Ioane Alama",
            "Head of the Pacific Immigration Development Community (PIDC) Secretariat",
        )


def test_an_edit_of_another_items_person_is_a_404(app, client, grcp9, sign_in):
    sign_in("organizer", grcp9.meeting_id)
    _item_id, link_id = alama_link(app)
    response = client.post(
        f"/meetings/grcp-9/items/{grcp9.item_id}/people/{link_id}/edit", data=appearance_form(link_id)
    )
    assert response.status_code == 404


def test_attaching_with_the_agendas_own_words(app, client, grcp9, sign_in):
    sign_in("organizer", grcp9.meeting_id)
    with app.app_context():
        person_id = db.session.scalar(sa.select(Person.id).where(Person.key == "wen-li"))
    response = client.post(
        f"/meetings/grcp-9/items/{grcp9.item_id}/people",
        data={
            "person_id": str(person_id),
            "role": "moderator",
            "delivery": "in_person",
            "capacity": "",
            "role_label": "Moderator of the discussion",
            "listed_as": "Director for International Cooperation and Partnerships (ICP), IOM",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        link = db.session.scalars(
            sa.select(ItemPerson).where(ItemPerson.item_id == grcp9.item_id).order_by(ItemPerson.id.desc())
        ).first()
        assert (link.person_id, link.role_label, link.listed_name, link.listed_as) == (
            person_id,
            "Moderator of the discussion",
            None,
            "Director for International Cooperation and Partnerships (ICP), IOM",
        )


def test_erasing_a_person_blanks_the_agendas_own_name_and_words(app, client, grcp9, sign_in, as_role):
    sign_in("organizer", grcp9.meeting_id)
    item_id, link_id = alama_link(app)
    with app.app_context():
        person_id = db.session.get(ItemPerson, link_id).person_id
    client.post(
        f"/meetings/grcp-9/items/{item_id}/people/{link_id}/edit",
        data=appearance_form(link_id, listed_name="Mr Ioane Alama", listed_as="Head of the PIDC"),
    )
    client.post("/logout")
    as_role("admin")
    assert client.post(f"/admin/people/{person_id}/erase").status_code == 200
    with app.app_context():
        link = db.session.get(ItemPerson, link_id)
        assert (link.listed_name, link.listed_as) == (None, None)
        assert (
            db.session.scalars(sa.select(AuditEntry).where(AuditEntry.summary.contains("Ioane Alama"))).all()
            == []
        )
        assert "Ioane Alama" not in str(
            db.session.scalars(
                sa.select(AuditEntry.changes).where(AuditEntry.action == "agenda_item.appearance")
            ).all()
        )
