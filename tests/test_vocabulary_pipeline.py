"""One vocabulary on the pipeline side: the Dutch number format and "is this a rate?" once, the
confidence level and the funnel's coverages from the settings in every label, doelgroepen
configured once."""

from __future__ import annotations

import ast
import re
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from pipeline import config, nulmeting, vocabulary
from tests.conftest import PROJECT

PIPELINE = PROJECT / "pipeline"


def test_percent_and_number_formats():
    assert vocabulary.percent(0.95) == "95" and vocabulary.percent(0.998) == "99,8"
    assert (
        vocabulary.nl_number(1234567.5, 1) == "1.234.567,5"
        and vocabulary.nl_number(20_000_000) == "20.000.000"
    )


def test_no_module_of_the_pipeline_formats_dutch_numbers_itself():
    own = []
    for path in sorted(PIPELINE.rglob("*.py")):
        if path.name == "vocabulary.py" or "sample" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef) and node.name in ("_nl", "nl_int", "_pct", "nl_number"):
                own.append(f"{path.relative_to(PROJECT)}:{node.name}")
        if '.replace(",", "_").replace(".", ",")' in text or '.replace(".", ",")' in text:
            own.append(str(path.relative_to(PROJECT)))
    assert own == []


def test_is_rate_is_the_catalogues_multiplier():
    assert vocabulary.is_rate(100) and vocabulary.is_rate(1000) and not vocabulary.is_rate(1)
    ind = config.load_reference(PROJECT / "data" / "raw").indicatoren
    assert {i.is_rate for i in ind} == {True, False}


def test_every_sql_model_reads_is_a_rate_from_the_vocabulary_not_from_the_multiplier():
    # the one home: vocabulary.is_rate → stg_indicatoren.is_verhouding → indicatoren.is_aantal;
    # the dashboard asks vocabulary.is_rate too (its multiplier is `mult` or `vermenigvuldiger`)
    decides = re.compile(
        r"(vermenigvuldiger|\bmult)\s*(<>|!=|==?)\s*1\b|\[\"vermenigvuldiger\"\]\s*(==|!=)\s*1\b"
    )
    own = []
    dashboard = PROJECT / "dashboard"
    for path in sorted([*PIPELINE.rglob("*.sql"), *PIPELINE.rglob("*.py"), *dashboard.rglob("*.py")]):
        if path.name == "vocabulary.py":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if decides.search(line):
                own.append(f"{path.relative_to(PROJECT)}:{n}: {line.strip()}")
    assert own == []


def test_the_databases_is_aantal_is_the_vocabularys_is_rate_for_every_indicator(sample_db):
    rows = sample_db.execute("select indicator, vermenigvuldiger, is_aantal from indicatoren").fetchall()
    assert len(rows) == len(config.load_reference(PROJECT / "data" / "raw").indicatoren)
    assert {is_aantal for _, _, is_aantal in rows} == {True, False}  # both kinds are in the catalogue
    for indicator, mult, is_aantal in rows:
        assert is_aantal is (not vocabulary.is_rate(mult)), indicator
    # and the figures follow it: a count has no noemer, its waarde is its teller
    wrong = sample_db.execute("""
        select count(*) from waarnemingen as w join indicatoren as i using (indicator)
        where (i.is_aantal and (w.noemer is not null or w.waarde <> w.teller))
           or (not i.is_aantal and w.noemer is null)
    """).fetchall()[0][0]
    assert wrong == 0


def test_the_interval_label_follows_the_configured_level():
    gem = pd.DataFrame(
        {"gemeente_code": ["GM0228"], "proeftuin": [True], "startjaar": [2011], "nulmeting_jaar": [2010]}
    )
    ind = pd.DataFrame(
        {
            "indicator": ["bijstand"],
            "richting": ["lager_beter"],
            "streefwaarde": [None],
            "vermenigvuldiger": [100.0],
        }
    )
    w = pd.DataFrame(
        {
            "gemeente_code": ["GM0228"] * 2,
            "indicator": ["bijstand"] * 2,
            "doelgroep": ["roma"] * 2,
            "jaar": [2010, 2016],
            "periode": ["2010", "2016"],
            "teller": [30, 20],
            "noemer": [100, 100],
            "waarde": [30.0, 20.0],
        }
    )
    s = config.load_settings()
    labels = {}
    for alpha in (0.05, 0.1):
        out = nulmeting.compare(w, gem, ind, s.nulmeting, replace(s.status, alpha=alpha))
        labels[alpha] = set(out["toets"])
    assert labels[0.05] == {"Newcombe-interval verschil twee proporties (95%)"}
    assert labels[0.1] == {"Newcombe-interval verschil twee proporties (90%)"}


def test_the_funnel_labels_are_the_configured_coverages(sample_db):
    labels = {
        x for (x,) in sample_db.execute("select distinct ligging from publicatie_trechter_punten").fetchall()
    }
    cov = sorted(config.load_settings().trechter.dekkingen)
    assert labels <= {"binnen de grenzen", *(f"buiten {vocabulary.percent(c)}%-grenzen" for c in cov)}
    assert len(labels) > 1


@pytest.mark.parametrize(
    ("allowed", "protected", "message"),
    [
        (["roma", "totaal", "sinti"], ["roma"], "onbekend"),
        (["totaal"], ["roma"], "staat niet in"),
    ],
)
def test_doelgroepen_are_configured_once_with_the_vocabularys_words(
    tmp_path: Path, allowed, protected, message
):
    text = config.SETTINGS_PATH.read_text(encoding="utf-8")
    text = text.replace('doelgroepen = ["roma", "totaal"]', f"doelgroepen = {allowed!r}".replace("'", '"'))
    text = text.replace('doelgroepen = ["roma"]', f"doelgroepen = {protected!r}".replace("'", '"'))
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        config.load_settings(path)
    assert config.DOELGROEPEN is vocabulary.DOELGROEPEN
