"""Recognising data about persons, in column names and in values."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.intake import personal as privacy


@pytest.mark.parametrize(
    "name",
    [
        "bsn",
        "BSN",
        "burgerservicenummer",
        "Sofinummer",
        "naam",
        "Voornaam",
        "achternaam",
        "first_name",
        "Last Name",
        "geboortedatum",
        "date_of_birth",
        "DOB",
        "adres",
        "straat",
        "huisnummer",
        "postcode_huisnummer",
        "telefoon",
        "telefoonnummer",
        "phone",
        "e-mail",
        "email",
        "E-mailadres",
        "naam_kind",
    ],
)
def test_columns_that_identify_persons_are_recognised(name):
    assert privacy.is_person_column(name)


@pytest.mark.parametrize(
    "name",
    [
        "gemeente_code",
        "periode",
        "indicator",
        "doelgroep",
        "teller",
        "noemer",
        "bron",
        "peildatum",
        "opmerking",
        "gemeentenaam",
        "gemeente_naam",
        "indicator_naam",
        "percentage",
        "postcode",
    ],
)
def test_aggregate_columns_are_not_mistaken_for_personal_data(name):
    assert not privacy.is_person_column(name)


def test_eleven_test():
    assert privacy.passes_eleven_test("111222333")
    assert privacy.passes_eleven_test("123456782")
    assert not privacy.passes_eleven_test("123456789")
    assert not privacy.passes_eleven_test("000000000")


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("123456782", "BSN"),
        ("BSN 1234.56.782 bekend", "BSN"),
        ("zie 111222333", "BSN"),
        ("j.jansen@ede.nl", "e-mailadres"),
        ("bel 06-12345678", "telefoonnummer"),
        ("+31 6 12345678", "telefoonnummer"),
        ("020-1234567", "telefoonnummer"),
        ("123456789", None),
        ("2016-2017", None),
        ("01-10-2016", None),
        ("2016-10-01", None),
        ("25000000", None),
        ("Politie (BVH) – Veiligheidshuis, één loket", None),
        ("0900-8844", None),
    ],
)
def test_values_that_look_like_personal_data(value, kind):
    assert privacy.value_kind(value) == kind


PERSONAL_LOOKING = st.one_of(
    st.text(alphabet='0123456789 .-()+@;,\n\r"abc–é', max_size=60),
    st.sampled_from(
        [
            "123456782",
            "1234.56.782",
            "06-12345678",
            "+31 6 12345678",
            "020-1234567",
            "(020) 123 45 67",
            "0031 20 1234567",
            "j.jansen@ede.nl",
        ]
    ),
)


@given(st.lists(PERSONAL_LOOKING, max_size=8), st.sampled_from(["utf-8", "cp1252"]))
def test_quick_personal_data_test_never_misses_what_value_kind_finds(parts, encoding):
    """The byte-level test may say 'perhaps' too often, never 'no' when value_kind finds something."""
    text = ";".join(parts)
    if privacy.value_kind(text) is not None:
        assert privacy.may_hold_personal_data(text.encode(encoding, errors="replace"))


def test_quick_personal_data_test_lets_ordinary_deliveries_through():
    row = "GM0014;2016-2017;absoluut_verzuim;roma;5;26;Leerplicht – RMC (synthetisch);01-10-2016;;19,2\r\n"
    assert not privacy.may_hold_personal_data((row * 50).encode("cp1252"))
    assert privacy.may_hold_personal_data((row * 50 + "bel 06-12345678").encode("cp1252"))
