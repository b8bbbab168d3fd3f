"""The shipped sample, built end to end: every CONTRACT §3 table and column, and the facts of the letters."""

from __future__ import annotations

import json

import pytest

from tests.conftest import rows

CONTRACT_TABLES = {
    "gemeenten": ["gemeente_code", "gemeente_naam", "provincie", "proeftuin", "startjaar", "nulmeting_jaar"],
    "indicatoren": ["indicator", "domein", "naam", "eenheid", "richting", "streefwaarde"],
    "leveringen": ["bestand", "gemeente_code", "leverdatum", "sha256", "status", "reden", "rijen"],
    "waarnemingen": [
        "gemeente_code",
        "periode",
        "jaar",
        "indicator",
        "doelgroep",
        "teller",
        "noemer",
        "waarde",
        "bestand",
    ],
    "quarantaine": ["bestand", "rij", "kolom", "reden"],
    "vergelijking_nulmeting": [
        "gemeente_code",
        "indicator",
        "doelgroep",
        "nulmeting_waarde",
        "laatste_waarde",
        "verschil",
        "status",
    ],
}
PILOTS = {  # CBS code → (name in the CBS register, start year)
    "GM0861": ("Veldhoven", 2011),
    "GM0356": ("Nieuwegein", 2011),
    "GM0228": ("Ede", 2011),
    "GM0995": ("Lelystad", 2011),
    "GM0502": ("Capelle aan den IJssel", 2015),
    "GM0153": ("Enschede", 2015),
    "GM0784": ("Gilze en Rijen", 2015),
    "GM0855": ("Tilburg", 2016),
    "GM0796": ("'s-Hertogenbosch", 2016),
}


@pytest.mark.parametrize("table", sorted(CONTRACT_TABLES))
def test_build_has_every_contract_table_and_column(sample_db, table):
    have = {
        c
        for (c,) in rows(
            sample_db, "select column_name from information_schema.columns where table_name = ?", table
        )
    }
    assert set(CONTRACT_TABLES[table]) <= have
    if table != "quarantaine":
        assert rows(sample_db, f"select count(*) > 0 from {table}") == [(True,)]


def test_nine_pilot_municipalities_carry_real_cbs_codes_names_and_start_years(sample_db):
    got = rows(
        sample_db,
        "select gemeente_code, gemeente_naam, startjaar, nulmeting_jaar from gemeenten where proeftuin",
    )
    assert {c: (n, s) for c, n, s, _ in got} == PILOTS
    assert all(nj == s - 1 for _, _, s, nj in got)


def test_non_pilots_have_baseline_2010_and_every_register_municipality_is_present(sample_db):
    assert rows(sample_db, "select distinct nulmeting_jaar from gemeenten where not proeftuin") == [(2010,)]
    assert rows(sample_db, "select count(*) from gemeenten where actief") == [(342,)]
    assert rows(sample_db, "select count(*) from gemeenten where provincie is null") == [(0,)]


def test_assumed_start_years_are_marked(sample_db):
    assert rows(sample_db, "select gemeente_code from gemeenten where startjaar_aanname order by 1") == [
        ("GM0796",),
        ("GM0855",),
    ]


def test_all_four_domains_and_seventeen_indicators_have_data(sample_db):
    assert rows(sample_db, "select count(distinct domein), count(distinct indicator) from waarnemingen") == [
        (4, 17)
    ]


def test_ede_absolute_absenteeism_for_roma_is_zero_from_school_year_2016_2017(sample_db):
    got = rows(
        sample_db,
        """select jaar, periode, teller from waarnemingen
        where gemeente_code = 'GM0228' and indicator = 'absoluut_verzuim' and doelgroep = 'roma' order by jaar""",
    )
    assert {p for _, p, _ in got} >= {"2015-2016", "2016-2017"}
    assert all(t > 0 for j, _, t in got if j < 2016)
    assert all(t == 0 for j, _, t in got if j >= 2016)


def test_lelystad_has_four_work_experience_tracks_for_roma_in_2016(sample_db):
    assert rows(
        sample_db,
        """select teller from waarnemingen where gemeente_code = 'GM0995'
        and indicator = 'werkervaringstrajecten' and doelgroep = 'roma' and jaar = 2016""",
    ) == [(4,)]


def test_waarde_is_teller_over_noemer_times_multiplier_and_teller_for_counts(sample_db):
    off = rows(
        sample_db,
        """select count(*) from waarnemingen w join indicatoren i using (indicator)
        where abs(w.waarde - case when i.is_aantal then w.teller
                                  else w.teller / w.noemer * i.vermenigvuldiger end) > 1e-9""",
    )
    assert off == [(0,)]


def test_burglary_comes_from_cbs_for_totaal_only_with_the_provisional_flag(sample_db):
    got = rows(
        sample_db,
        """select distinct doelgroep, herkomst from waarnemingen where indicator = 'woninginbraak'""",
    )
    assert got == [("totaal", "cbs")]
    ede = rows(
        sample_db,
        """select jaar, teller, voorlopig from waarnemingen
        where indicator = 'woninginbraak' and gemeente_code = 'GM0228' and jaar in (2012, 2024)""",
    )
    assert sorted(ede) == [(2012, 850, False), (2024, 150, True)]


def test_school_years_become_the_first_calendar_year(sample_db):
    bad = rows(
        sample_db,
        """select count(*) from waarnemingen
        where periode like '%-%' and jaar <> cast(left(periode, 4) as integer)""",
    )
    assert bad == [(0,)]


def test_sample_has_corrections_that_supersede_earlier_figures(sample_db):
    assert rows(sample_db, "select count(*) > 100 from waarnemingen_vervangen") == [(True,)]
    assert rows(sample_db, "select count(*) > 0 from leveringen where label like 'correctie-%'") == [(True,)]


def test_sample_mixes_formats_encodings_and_separators(sample_db):
    kinds = {r for r in rows(sample_db, "select formaat, codering, scheidingsteken from leveringen")}
    assert ("xlsx", None, None) in kinds
    assert {("csv", "utf-8-sig", ";"), ("csv", "cp1252", ";"), ("csv", "utf-8", ",")} <= kinds


def test_manifest_records_inputs_versions_and_row_counts(sample_build, sample_db):
    _, db = sample_build
    manifest = json.loads((db.parent / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["id"] == rows(sample_db, "select id from manifest")[0][0]
    assert manifest["synthetisch"] is True
    assert {"duckdb", "pandas", "pandera", "python"} <= set(manifest["versies"])
    deliveries = [f for f in manifest["invoer"] if f["soort"] == "levering"]
    assert len(deliveries) == rows(sample_db, "select count(*) from leveringen")[0][0]
    assert all(len(f["sha256"]) == 64 for f in manifest["invoer"])
    for table, n in manifest["tabellen"].items():
        assert rows(sample_db, f"select count(*) from {table}") == [(n,)]


def test_rebuilding_the_same_inputs_gives_the_same_manifest_id(sample_build, make_raw, tmp_path):
    # the id hangs on the inputs' names and hashes and the versions only, so two small deliveries
    # show it as well as the whole sample (built once per session) would
    from pipeline.run import run
    from tests.conftest import csv_delivery, quiet

    raw = make_raw(
        {
            "GM0228/2017-01-01_a.csv": csv_delivery("GM0228;2016;bijstand;roma;30;120;;;"),
            "GM0995/2017-02-01_b.csv": csv_delivery("GM0995;2016;bijstand;roma;20;110;;;"),
        }
    )
    first = run(raw, tmp_path / "een", quiet())
    again = run(raw, tmp_path / "twee", quiet())
    assert again.manifest["id"] == first.manifest["id"] != sample_build[0].manifest["id"]
    assert again.manifest["gemaakt"] and len(first.manifest["invoer"]) == len(again.manifest["invoer"]) > 2


def test_status_uses_the_indicator_direction(sample_db):
    # for a lower-is-better indicator a significant fall is an improvement, and vice versa
    wrong = rows(
        sample_db,
        """select count(*) from vergelijking_nulmeting v join indicatoren i using (indicator)
        where (v.status = 'verbeterd' and ((i.richting = 'lager_beter' and v.verschil >= 0)
                                        or (i.richting = 'hoger_beter' and v.verschil <= 0)))
           or (v.status = 'verslechterd' and ((i.richting = 'lager_beter' and v.verschil <= 0)
                                           or (i.richting = 'hoger_beter' and v.verschil >= 0)))
           or (i.richting = 'neutraal' and v.status in ('verbeterd', 'verslechterd'))""",
    )
    assert wrong == [(0,)]


def test_pilots_improve_more_often_than_non_pilots_for_roma(sample_db):
    share = dict(
        rows(
            sample_db,
            """select g.proeftuin, avg((v.status = 'verbeterd')::int)
        from vergelijking_nulmeting v join gemeenten g using (gemeente_code)
        join indicatoren i using (indicator)
        where v.doelgroep = 'roma' and i.richting <> 'neutraal' group by 1""",
        )
    )
    assert share[True] > share[False]


def test_roma_group_has_small_cells_for_disclosure_control(sample_db):
    from tests.conftest import small_sql

    n = rows(
        sample_db,
        f"select count(*) from waarnemingen where doelgroep = 'roma' and {small_sql('teller', 'noemer')}",
    )[0][0]
    assert n > 100
