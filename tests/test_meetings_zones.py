"""Reading an agenda in many zones: zones with the same times share a column, none is dropped silently."""

import re

import sqlalchemy as sa

from coordinator.extensions import db
from coordinator.meetings.agenda import MAX_ZONE_COLUMNS, zone_columns
from coordinator.meetings.models import Session
from tests.test_meetings_wording import pdf_words


def one_session(start: str, end: str) -> dict:
    return {"sessions": [{"id": 1, "starts_at": start, "ends_at": end, "items": []}]}


GRCP9_DAY = one_session("2021-11-10T15:00:00+00:00", "2021-11-10T16:30:00+00:00")


def zones_of(columns) -> list[tuple[str, ...]]:
    return [column.zones for column in columns]


def test_zones_with_the_same_times_share_a_column_the_reference_first():
    columns, left_out = zone_columns(
        GRCP9_DAY,
        ["Europe/Zurich", "America/Costa_Rica", "Africa/Lagos", "America/El_Salvador", "Asia/Manila"],
    )
    assert zones_of(columns) == [
        ("Europe/Zurich", "Africa/Lagos"),
        ("America/Costa_Rica", "America/El_Salvador"),
        ("Asia/Manila",),
    ]
    assert (columns[1].cities, left_out) == ("Costa Rica, El Salvador", [])


def test_zones_that_differ_in_summer_time_stay_apart():
    july = one_session("2021-07-10T15:00:00+00:00", "2021-07-10T16:30:00+00:00")
    assert zones_of(zone_columns(july, ["Europe/Zurich", "Africa/Lagos"])[0]) == [
        ("Europe/Zurich",),
        ("Africa/Lagos",),
    ]


def test_zones_alike_on_one_day_but_not_across_the_clock_change_stay_apart():
    across = {
        "sessions": [
            {
                "id": 1,
                "starts_at": "2021-10-30T10:00:00+00:00",
                "ends_at": "2021-10-30T11:00:00+00:00",
                "items": [],
            },
            {
                "id": 2,
                "starts_at": "2021-11-01T10:00:00+00:00",
                "ends_at": "2021-11-01T11:00:00+00:00",
                "items": [],
            },
        ]
    }
    columns, _ = zone_columns(across, ["Europe/London", "Africa/Abidjan", "Atlantic/Reykjavik"])
    assert zones_of(columns) == [("Europe/London",), ("Africa/Abidjan", "Atlantic/Reykjavik")]


#: Eleven zones of different offsets beside Geneva's, three more than the agenda has columns for.
MANY_ZONES = (
    "Asia/Manila",
    "America/Guatemala",
    "Asia/Tokyo",
    "America/New_York",
    "Asia/Dubai",
    "Asia/Kolkata",
    "America/Sao_Paulo",
    "Pacific/Apia",
    "Asia/Almaty",
    "Africa/Nairobi",
    "Asia/Bangkok",
)


def test_beyond_the_column_limit_zones_are_named_as_left_out():
    columns, left_out = zone_columns(GRCP9_DAY, ["Europe/Zurich", *MANY_ZONES])
    assert len(columns) == MAX_ZONE_COLUMNS + 1 == 9
    assert left_out == ["Asia/Almaty", "Africa/Nairobi", "Asia/Bangkok"]


def session_article(page: str, session_id: int) -> str:
    return re.search(rf'<article [^>]*id="session-{session_id}">.*?</article>', page, re.S).group(0)


def session_ids(app) -> dict[str, int]:
    with app.app_context():
        return dict(db.session.execute(sa.select(Session.title, Session.id)).all())


#: GRCP 9's ISCMs by discussion session, with their home zones in the registry.
SESSION_ZONES = {
    "Dedicated Discussion Session 1": {
        "CMC": "America/Guyana",
        "MIDCOM": "Africa/Lusaka",
        "MIDWA": "Africa/Lagos",
        "OCAM": "America/El_Salvador",
        "Prague Process": "Europe/Vienna",
        "Quito Process": "America/Guayaquil",
        "RCM": "America/Costa_Rica",
        "RIAM": "America/Argentina/Buenos_Aires",
        "RMFM": "Africa/Nairobi",
        "SACM": "America/Argentina/Buenos_Aires",
    },
    "Dedicated Discussion Session 2": {
        "AU-HoAI": "Africa/Addis_Ababa",
        "ADD": "Asia/Dubai",
        "Almaty Process": "Asia/Almaty",
        "ARCP": "Africa/Cairo",
        "Bali Process": "Asia/Bangkok",
        "Budapest Process": "Europe/Vienna",
        "GFMD": "Europe/Zurich",
        "Khartoum Process": "Europe/Brussels",
        "IGC": "Europe/Zurich",
        "MID-IGAD": "Africa/Djibouti",
        "MIDSA": "Africa/Johannesburg",
        "PAFOM": "Africa/Addis_Ababa",
        "PIDC": "Pacific/Apia",
    },
}


def test_following_a_sessions_zones_link_shows_every_iscms_zone(app, client, grcp9):
    ids = session_ids(app)
    agenda = client.get("/meetings/grcp-9/agenda?tz=Europe/Zurich").get_data(as_text=True)
    for title, zones in SESSION_ZONES.items():
        article = session_article(agenda, ids[title])
        link = re.search(r'<a href="([^"]+)">Show in these ISCMs\' zones</a>', article).group(1)
        page = client.get(link.replace("&amp;", "&")).get_data(as_text=True)
        assert 'id="zones-left-out"' not in page
        head = re.search(r"<thead>(.*?)</thead>", session_article(page, ids[title]), re.S).group(1)
        columns = re.findall(r'<th scope="col" class="[^"]+">(.*?)</th>', head)
        shown = {zone: column for column in columns for zone in re.sub(r" <span.*", "", column).split(", ")}
        assert sorted(set(zones.values()) - set(shown)) == []
        for acronym, zone in zones.items():
            assert acronym in shown[zone], (acronym, shown[zone])


def test_session_two_in_its_iscms_zones_has_one_column_per_offset(app, client, grcp9):
    ids = session_ids(app)
    zones = sorted(set(SESSION_ZONES["Dedicated Discussion Session 2"].values()))
    page = client.get("/meetings/grcp-9/agenda?" + "&".join(f"tz={zone}" for zone in zones)).get_data(
        as_text=True
    )
    head = re.search(
        r"<thead>(.*?)</thead>", session_article(page, ids["Dedicated Discussion Session 2"]), re.S
    )
    assert re.findall(r'<th scope="col" class="[^"]+">(.*?)</th>', head.group(1)) == [
        'Europe/Zurich, Europe/Brussels, Europe/Vienna <span class="column-iscms">(Budapest Process, GFMD, IGC, '
        "Khartoum Process)</span>",
        'Africa/Addis_Ababa, Africa/Djibouti <span class="column-iscms">(AU-HoAI, MID-IGAD, PAFOM)</span>',
        'Africa/Cairo, Africa/Johannesburg <span class="column-iscms">(ARCP, MIDSA)</span>',
        'Asia/Almaty <span class="column-iscms">(Almaty Process)</span>',
        'Asia/Bangkok <span class="column-iscms">(Bali Process)</span>',
        'Asia/Dubai <span class="column-iscms">(ADD)</span>',
        'Pacific/Apia <span class="column-iscms">(PIDC)</span>',
    ]
    assert "20:30–21:00" in page  # 08:30 in Geneva is 20:30 in Apia (UTC+13)


def test_too_many_zones_are_named_on_the_page_and_in_the_pdf(client, grcp9):
    query = "&".join(f"tz={zone}" for zone in MANY_ZONES)
    page = client.get(f"/meetings/grcp-9/agenda?{query}").get_data(as_text=True)
    assert (
        "3 zones are not shown (at most 8 columns of other zones fit): Asia/Almaty, Africa/Nairobi, "
        "Asia/Bangkok."
    ) in page
    text = pdf_words(client.get(f"/meetings/grcp-9/agenda.pdf?{query}").data)
    assert (
        "3 zones are not shown (at most 8 columns of other zones fit): Asia/Almaty, Africa/Nairobi, "
        "Asia/Bangkok." in text
    )
