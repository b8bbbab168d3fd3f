"""The message catalogue (issue 17): every key in both languages, every domain word with one English
rendering, numbers in each language's own format."""

from __future__ import annotations

import re
import string
import tomllib

import pytest

from pipeline import i18n, vocabulary
from pipeline.i18n import catalogue
from tests.conftest import SHIPPED_RAW


def test_every_message_has_dutch_and_english_with_the_same_placeholders():
    for key, texts in catalogue.MESSAGES.items():
        assert set(texts) == set(i18n.TALEN), key
        fields = [{f for _, f, _, _ in string.Formatter().parse(texts[taal]) if f} for taal in i18n.TALEN]
        assert fields[0] == fields[1], f"{key}: {fields}"
        # only a note that English needs and Dutch does not may be empty, and only in Dutch
        assert texts["en"] and (texts["nl"] or key in ("interventies_taal", "ui_alleen_kader")), key


def test_every_word_of_the_vocabulary_has_its_english_rendering():
    words = [
        *vocabulary.PUBLISHED_STATUSES,
        *vocabulary.PUBLISHED_GAP_STATUSES,
        *vocabulary.VERDICTS,
        *vocabulary.DOELGROEPEN,
        *vocabulary.GROEPEN,
        vocabulary.REDEN_KLEIN,
        vocabulary.REDEN_TOTAAL,
        vocabulary.REDEN_BESCHERMT,
        vocabulary.REDEN_AFGELEID,
        "verzuim",
        "proeftuin",
        "nulmeting",
    ]
    for w in words:
        english = i18n.word(w, "en")
        assert (english and english != w) or w == vocabulary.ROMA, w
        assert i18n.word(w, "nl") == w


def test_the_fixed_domain_words_of_the_issue():
    assert i18n.word("verzuim", "en") == "school absenteeism"
    assert i18n.word("proeftuin", "en") == "pilot municipality"
    assert i18n.word("nulmeting", "en") == "baseline"


def test_no_two_dutch_words_share_an_english_rendering():
    english = list(vocabulary.ENGLISH.values())
    assert len(english) == len(set(english))


def test_every_indicator_and_unit_of_the_shipped_catalogue_has_english():
    cat = tomllib.loads((SHIPPED_RAW / "reference" / "indicatoren.toml").read_text(encoding="utf-8"))
    for ind in cat["indicator"]:
        assert catalogue.INDICATORS[ind["code"]], ind["code"]
        assert i18n.unit(ind["eenheid"], "en"), ind["eenheid"]
    for domein in vocabulary.DOMEINEN:
        assert set(catalogue.DOMAINS[domein]) == set(i18n.TALEN)


def test_numbers_follow_the_language():
    assert (
        i18n.number(1234567.25, 1, "nl") == "1.234.567,2" or i18n.number(1234567.25, 1, "nl") == "1.234.567,3"
    )
    assert i18n.number(1234.5, 1, "en") == "1,234.5"
    assert i18n.number(-13.04, 1, "nl") == "−13,0"
    assert i18n.number(-0.04, 1, "en") == "0.0"  # no minus zero
    assert i18n.value(13.043, 100, "nl") == "13,0%"
    assert i18n.value(105.46, 1000, "en") == "105.5 per 1,000"
    assert i18n.difference(-13.04, 100, "en") == "−13.0 percentage points"
    assert i18n.difference(35.4, 100, "nl") == "+35,4 procentpunt"
    assert i18n.estimate(0.099, "nl") == "0,099"
    assert i18n.estimate(-8.9, "en") == "−8.9"


def test_an_unknown_language_is_refused():
    with pytest.raises(i18n.UnknownLanguage):
        i18n.t("monitor", "fr")


def test_messages_never_type_a_status_word_that_the_vocabulary_owns():
    # statuses come from vocabulary via word(); a message that spells one itself would drift
    owned = {w for w in vocabulary.STATUSES if len(w) > 8}
    for key, texts in catalogue.MESSAGES.items():
        for w in owned:
            assert not re.search(rf"\b{re.escape(w)}\b", texts["nl"]) or key.endswith("uitleg"), (key, w)
