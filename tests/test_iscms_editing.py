"""Administrators edit the registry through forms; bad input changes nothing; every change is audited."""

import re

import pytest
import sqlalchemy as sa

from coordinator.audit.models import AuditEntry
from coordinator.extensions import db
from coordinator.iscms.models import ChairTerm, Iscm
from coordinator.iscms.operations import RESERVED_SLUGS


def form_of(app, slug: str, **changes) -> dict:
    """The edit form as the page fills it, with some fields changed."""
    with app.app_context():
        iscm = db.session.scalar(sa.select(Iscm).where(Iscm.slug == slug))
        data = {
            "version": iscm.version,
            "acronym": iscm.acronym,
            "name": iscm.name,
            "type": iscm.type or "",
            "member_states": iscm.member_states if iscm.member_states is not None else "",
            "established": iscm.established or "",
            "established_note": iscm.established_note or "",
            "regions": [region.slug for region in iscm.regions],
            "regions_note": iscm.regions_note or "",
            "organisations": "\n".join(iscm.organisations),
            "organisations_note": iscm.organisations_note or "",
            "secretariats": "\n".join(iscm.secretariats),
            "secretariats_note": iscm.secretariats_note or "",
            "iom_roles": "\n".join(iscm.iom_roles),
            "other_names": "\n".join(iscm.other_names),
            "home_timezone": iscm.home_timezone or "",
            "timezone_note": iscm.timezone_note or "",
            "website": iscm.website or "",
            "description": iscm.description,
            "themes": [theme.slug for theme in iscm.themes],
        }
    data.update(changes)
    return data


def load(app, slug):
    with app.app_context():
        iscm = db.session.scalar(sa.select(Iscm).where(Iscm.slug == slug))
        return {
            "acronym": iscm.acronym,
            "member_states": iscm.member_states,
            "established": iscm.established,
            "version": iscm.version,
            "secretariats": list(iscm.secretariats),
            "terms": [(t.holder, t.status, t.role) for t in iscm.chair_history],
        }


def audit_actions(app) -> list[tuple[str, str]]:
    with app.app_context():
        return [
            (entry.action, entry.summary)
            for entry in db.session.scalars(sa.select(AuditEntry).order_by(AuditEntry.id))
        ]


def test_admin_edits_an_iscm_and_the_change_is_audited(app, client, as_role, registry):
    admin = as_role("admin")
    response = client.post(
        "/iscms/bali-process/edit",
        data=form_of(app, "bali-process", member_states="49", secretariats="IOM\nRSO"),
    )
    assert response.status_code == 302
    saved = load(app, "bali-process")
    assert saved["member_states"] == 49
    assert saved["secretariats"] == ["IOM", "RSO"]
    with app.app_context():
        entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "iscm.update"))
        assert entry.user_id == admin.id
        assert entry.changes == {"member_states": [45, 49], "secretariats": [["IOM"], ["IOM", "RSO"]]}
    log = client.get("/audit").get_data(as_text=True)
    assert "iscm.update" in log and "Edited Bali Process" in log


def test_saving_an_unchanged_form_records_nothing(app, client, as_role, registry):
    as_role("admin")
    client.post("/iscms/bali-process/edit", data=form_of(app, "bali-process"))
    assert audit_actions(app) == []


def test_bad_input_shows_messages_and_changes_nothing(app, client, as_role, registry):
    as_role("admin")
    before = load(app, "bali-process")
    cases = {
        "acronym": ("Budapest Process", "Another ISCM already uses the acronym"),
        "established": ("2999", "cannot be in the future"),
        "member_states": ("-3", "cannot be negative"),
        "home_timezone": ("Europe/Geneva", "Unknown time zone"),
    }
    for field, (value, message) in cases.items():
        response = client.post(
            "/iscms/bali-process/edit", data=form_of(app, "bali-process", **{field: value})
        )
        page = response.get_data(as_text=True)
        assert response.status_code == 400, field
        assert message in page, field
        assert f'value="{value}"' in page, field
        assert "Nothing was saved" in page
    assert load(app, "bali-process") == before
    assert audit_actions(app) == []


def test_a_stale_form_is_refused_with_the_current_values(app, client, as_role, registry):
    as_role("admin")
    stale = form_of(app, "bali-process", member_states="50")
    fresh = form_of(app, "bali-process", member_states="47")
    assert client.post("/iscms/bali-process/edit", data=fresh).status_code == 302
    response = client.post("/iscms/bali-process/edit", data=stale)
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "changed by someone else since you opened it" in page
    assert 'value="50"' in page
    assert load(app, "bali-process")["member_states"] == 47


def test_admin_adds_an_iscm(app, client, as_role, registry):
    as_role("admin")
    data = form_of(app, "bali-process", acronym="MIDEX", name="Migration Dialogue Example", version="")
    response = client.post("/iscms/new", data=data)
    assert response.status_code == 302
    assert response.headers["Location"] == "/iscms/midex"
    assert client.get("/iscms/midex").status_code == 200
    assert audit_actions(app)[0][0] == "iscm.create"


def test_a_new_current_chair_retires_the_previous_one(app, client, as_role, registry):
    as_role("admin")
    response = client.post(
        "/iscms/rcm/chairs/new",
        data={
            "holder": "Honduras",
            "role": "chair",
            "status": "current",
            "starts": "2024",
            "ends": "",
            "source": "test",
        },
    )
    assert response.status_code == 302
    terms = load(app, "rcm")["terms"]
    assert ("Honduras", "current", "chair") in terms
    assert [holder for holder, status, role in terms if status == "current" and role == "chair"] == [
        "Honduras"
    ]
    assert audit_actions(app)[-1][0] == "chair_term.create"


def test_a_chair_term_ending_before_it_starts_is_refused(app, client, as_role, registry):
    as_role("admin")
    before = load(app, "rcm")["terms"]
    response = client.post(
        "/iscms/rcm/chairs/new",
        data={"holder": "Honduras", "role": "chair", "status": "past", "starts": "2022-06", "ends": "2021"},
    )
    assert response.status_code == 400
    assert "A term cannot end before it starts." in response.get_data(as_text=True)
    response = client.post(
        "/iscms/rcm/chairs/new",
        data={"holder": "Honduras", "role": "chair", "status": "past", "starts": "June 2022"},
    )
    assert "Write a year (2019), a month (2019-06) or a date (2019-06-15)." in response.get_data(as_text=True)
    assert load(app, "rcm")["terms"] == before


def test_edit_and_remove_a_chair_term(app, client, as_role, registry):
    as_role("admin")
    with app.app_context():
        term = db.session.scalar(sa.select(ChairTerm).join(Iscm).where(Iscm.slug == "rcm"))
        term_id, holder = term.id, term.holder
    page = client.get(f"/iscms/rcm/chairs/{term_id}/edit").get_data(as_text=True)
    assert f'value="{holder}"' in page
    response = client.post(
        f"/iscms/rcm/chairs/{term_id}/edit",
        data={"holder": holder, "role": "chair", "status": "past", "starts": "2019", "ends": "2020"},
    )
    assert response.status_code == 302
    assert (holder, "past", "chair") in load(app, "rcm")["terms"]
    assert client.post(f"/iscms/rcm/chairs/{term_id}/delete").status_code == 302
    assert holder not in [h for h, _, _ in load(app, "rcm")["terms"]]
    assert [action for action, _ in audit_actions(app)] == ["chair_term.update", "chair_term.delete"]


def test_a_chair_term_of_another_iscm_is_404(app, client, as_role, registry):
    as_role("admin")
    with app.app_context():
        term_id = db.session.scalar(sa.select(ChairTerm.id).join(Iscm).where(Iscm.slug == "rcm"))
    assert client.get(f"/iscms/bali-process/chairs/{term_id}/edit").status_code == 404


def test_member_states_beyond_every_state_there_is_are_refused(app, client, as_role, registry):
    as_role("admin")
    before = load(app, "bali-process")
    for value in ("251", "99999999999999999999"):
        response = client.post(
            "/iscms/bali-process/edit", data=form_of(app, "bali-process", member_states=value)
        )
        assert response.status_code == 400
        assert "No ISCM has more than 250 member States." in response.get_data(as_text=True)
    assert (
        client.post(
            "/iscms/bali-process/edit", data=form_of(app, "bali-process", member_states="250")
        ).status_code
        == 302
    )
    assert load(app, "bali-process") == {**before, "member_states": 250, "version": before["version"] + 1}


def test_member_states_that_are_not_a_number_get_one_message(app, client, as_role, registry):
    as_role("admin")
    response = client.post(
        "/iscms/bali-process/edit", data=form_of(app, "bali-process", member_states="many")
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert re.findall(r'<p class="error" role="alert">([^<]+)</p>', page) == ["Not a valid integer value."]


def add_iscm(app, client, acronym: str, name: str):
    data = form_of(app, "bali-process", acronym=acronym, name=name, version="")
    return client.post("/iscms/new", data=data)


@pytest.mark.parametrize(
    ("acronym", "name", "address"),
    [
        ("New", "New Migration Dialogue", "/iscms/new-migration-dialogue"),
        ("Themes", "Thematic Dialogue on Migration", "/iscms/thematic-dialogue-on-migration"),
        ("ДМ", "Dialogue on Migration of the East", "/iscms/dialogue-on-migration-of-the-east"),
        ("ДМ", "Диалог по миграции", "/iscms/iscm-1"),
        ("Bali-Process", "Another Bali Process", "/iscms/another-bali-process"),
    ],
)
def test_a_new_iscm_always_gets_an_address_of_its_own(app, client, as_role, registry, acronym, name, address):
    as_role("admin")
    response = add_iscm(app, client, acronym, name)
    assert response.status_code == 302
    assert response.headers["Location"] == address
    assert f"<h1>{name}</h1>" in client.get(address).get_data(as_text=True)
    assert "<h1>Add an ISCM</h1>" in client.get("/iscms/new").get_data(as_text=True)
    assert "<h1>Thematic foci of ISCMs</h1>" in client.get("/iscms/themes").get_data(as_text=True)


def test_addresses_without_latin_letters_are_numbered(app, client, as_role, registry):
    as_role("admin")
    add_iscm(app, client, "ДМ", "Диалог по миграции")
    response = add_iscm(app, client, "ДМВ", "Диалог по миграции Востока")
    assert response.headers["Location"] == "/iscms/iscm-2"


def test_every_fixed_registry_address_is_reserved(app):
    fixed = {
        rule.rule.removeprefix("/iscms/")
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/iscms/") and not rule.arguments and rule.rule.count("/") == 2
    }
    assert fixed == RESERVED_SLUGS
