"""The reference configuration: catalogue and pilot register as the domain describes them."""

from __future__ import annotations

from pipeline.config import load_reference
from tests.conftest import SHIPPED_RAW

REF = load_reference(SHIPPED_RAW)


def test_catalogue_has_the_seventeen_codes_in_four_domains():
    codes = {i.code for i in REF.indicatoren}
    assert len(codes) == 17
    assert {i.domein for i in REF.indicatoren} == {"verzuim", "arbeid", "wonen", "veiligheid"}
    assert sum(i.bron == "gemeente" for i in REF.indicatoren) == 16
    assert REF.indicator("woninginbraak").bron == "cbs"


def test_catalogue_entries_are_complete():
    for i in REF.indicatoren:
        assert i.naam and i.definitie and i.eenheid
        assert i.periodetype == ("schooljaar" if i.domein == "verzuim" else "kalenderjaar")
    assert REF.indicator("absoluut_verzuim").streefwaarde == 0
    assert REF.indicator("signalen_uitbuiting").richting == "neutraal"
    assert REF.indicator("vve_deelname").richting == "hoger_beter"


def test_pilot_register_has_eleven_sites_nine_municipalities_two_organisations():
    assert len(REF.proeftuinen) == 11
    assert sum(p.soort == "gemeente" for p in REF.proeftuinen) == 9
    assert {p.naam for p in REF.proeftuinen if p.soort == "organisatie"} == {
        "Nationale Politie",
        "Leger des Heils Jeugdbescherming & Reclassering",
    }


def test_phase_one_sites_started_in_2011_and_assumptions_are_marked():
    phase1 = {p.naam: p.startjaar for p in REF.proeftuinen if p.fase == 1}
    assert phase1 == {
        "Veldhoven": 2011,
        "Nieuwegein": 2011,
        "Ede": 2011,
        "Lelystad": 2011,
        "Nationale Politie": 2011,
    }
    assumed = {p.naam for p in REF.proeftuinen if p.startjaar_aanname}
    assert assumed == {"Tilburg", "'s-Hertogenbosch"}
    assert all(p.startjaar_toelichting for p in REF.proeftuinen if p.startjaar_aanname)


def test_every_documented_fact_names_its_letter():
    for p in REF.proeftuinen:
        assert p.bronnen["deelname"] and p.bronnen["subsidie"]
        if not p.startjaar_aanname:
            assert p.bronnen["startjaar"]
        if p.interventies:
            assert p.bronnen["interventies"]
    assert {p.naam for p in REF.proeftuinen if not p.subsidie} == {"Gilze en Rijen", "'s-Hertogenbosch"}
