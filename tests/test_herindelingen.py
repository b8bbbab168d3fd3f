"""Municipal reorganisations: the register covers 2010–2025, the table of reorganisations agrees
with it, and figures reach the latest classification without an area counted twice."""

from __future__ import annotations

import csv

from pipeline.config import MUNICIPALITY_REGISTER_FILE, REORGANISATION_FILE
from tests.conftest import SHIPPED_RAW, csv_delivery, rows

REF = SHIPPED_RAW / "reference"


def _register() -> list[dict]:
    return list(csv.DictReader((REF / MUNICIPALITY_REGISTER_FILE).open(encoding="utf-8")))


def test_the_register_covers_every_year_2010_to_2025_with_cbs_counts():
    active: dict[int, int] = {}
    for r in _register():
        active[int(r["jaar"])] = active.get(int(r["jaar"]), 0) + (r["actief_op_1_jan"] == "1")
    assert active == {
        2010: 431,
        2011: 418,
        2012: 415,
        2013: 408,
        2014: 403,
        2015: 393,
        2016: 390,
        2017: 388,
        2018: 380,
        2019: 355,
        2020: 355,
        2021: 352,
        2022: 345,
        2023: 342,
        2024: 342,
        2025: 342,
    }


def test_every_dissolved_code_has_its_reorganisation_and_every_successor_exists():
    register = _register()
    ended = {r["gemeentecode"]: r["einddatum"] for r in register if r["einddatum"]}
    changes = list(csv.DictReader((REF / REORGANISATION_FILE).open(encoding="utf-8")))
    assert {c["gemeentecode_oud"] for c in changes} == set(ended)
    active = {(r["gemeentecode"], int(r["jaar"])) for r in register if r["actief_op_1_jan"] == "1"}
    for c in changes:
        assert ended[c["gemeentecode_oud"]] == c["datum"]
        year = int(c["datum"][:4]) + (0 if c["datum"].endswith("-01-01") else 1)
        assert (c["gemeentecode_nieuw"], year) in active, c
        assert c["soort"] in ("samenvoeging", "toevoeging", "naamswijziging", "splitsing")


def test_merged_predecessors_are_added_to_their_successor(make_raw, build):
    raw = make_raw(
        {
            "GM0014/2016-01-01_x.csv": csv_delivery("GM0014;2015;bijstand;roma;30;120;;;"),
            "GM0017/2016-01-01_x.csv": csv_delivery("GM0017;2015;bijstand;roma;5;20;;;"),
            "GM0009/2016-01-01_x.csv": csv_delivery("GM0009;2015;bijstand;roma;2;10;;;"),
            "GM1671/2014-06-01_x.csv": csv_delivery("GM1671;2014;bijstand;roma;3;30;;;"),
            "GM0363/2016-01-01_x.csv": csv_delivery("GM0363;2015;bijstand;roma;300;1200;;;"),
        }
    )
    _, con = build(raw)
    got = rows(
        con,
        """select gemeente_code, teller, noemer, geleverde_codes, omgezet, volledig, omzetbaar, in_analyses
                       from waarnemingen_indeling where herkomst = 'levering' order by 1""",
    )
    assert got == [
        ("GM0014", 37, 150, ["GM0009", "GM0014", "GM0017"], True, True, True, True),
        ("GM0363", 300, 1200, ["GM0363"], False, False, True, True),  # Weesp missing: about 2 % of the area
        ("GM1671", 3, 30, ["GM1671"], False, False, False, False),  # Maasdonk was split: kept apart
    ]
    assert rows(
        con,
        "select ontbreekt from waarnemingen_indeling where gemeente_code = 'GM0363' and herkomst = 'levering'",
    ) == [(["GM0457"],)]
    # the delivered figures themselves stay as delivered
    assert rows(con, "select count(*) from waarnemingen where herkomst = 'levering'") == [(5,)]


def test_a_municipality_page_can_say_how_it_came_into_being(sample_db):
    (text,) = rows(sample_db, "select herindeling from gemeenten where gemeente_code = 'GM1966'")[0]
    assert text.startswith("ontstaan op 1 januari 2019 uit Bedum, De Marne, Eemsmond en een deel van Winsum")
    assert rows(sample_db, "select opgegaan_in from gemeenten where gemeente_code = 'GM0457'") == [
        (["GM0363"],)
    ]


def test_two_back_series_over_the_same_area_are_a_conflict(make_raw, build):
    raw = make_raw(
        {
            "GM1927/2012-01-01_x.csv": csv_delivery(
                "GM1927;2011;bijstand;roma;30;120;;;"
            ),  # Molenwaard, from 2013
            "GM1978/2020-01-01_x.csv": csv_delivery(
                "GM1978;2011;bijstand;roma;40;150;;;"
            ),  # Molenlanden, from 2019
        }
    )
    _, con = build(raw)
    got = rows(con, "select gemeente_code, regel from quarantaine order by 1")
    assert got == [("GM1927", "sleutel.conflict_herindeling"), ("GM1978", "sleutel.conflict_herindeling")]
    assert rows(con, "select count(*) from waarnemingen_indeling where herkomst = 'levering'") == [(0,)]
