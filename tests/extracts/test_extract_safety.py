"""Spreadsheet safety: no text cell of an extract starts a formula (CONTRACT §4)."""

from __future__ import annotations

import duckdb
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.extracts.safety import is_formula_like, neutralise, sql_neutralised


@pytest.mark.parametrize(
    "text", ["=1+1", "+31", "-2+3", "@SUM(A1)", "  =1", "\t1", "\r1", "\n=1", "<r><t>x</t></r>", "<r></r>"]
)
def test_text_that_starts_a_formula_gets_an_apostrophe(text):
    assert is_formula_like(text)
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize(
    "text", ["Politie (BVH)", "'s-Hertogenbosch", "2016-2017", "a=b", "", " x", "<r>x", "x</r>", " <r></r>"]
)
def test_ordinary_text_is_left_alone(text):
    assert neutralise(text) == text


def test_neutralising_twice_changes_nothing_more():
    once = neutralise("=1+1")
    assert neutralise(once) == once
    assert neutralise(None) is None


PIECES = ["=", "+", "-", "@", " ", "\t", "\r", "\n", "a", "1", "'", "<r>", "</r>"]


@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=6).map("".join), min_size=1, max_size=30))
def test_sql_and_python_forms_agree(texts):
    con = duckdb.connect()
    got = [
        v
        for (v,) in con.execute(
            f"select {sql_neutralised('t')} from (select unnest($texts::varchar[]) as t, "
            "generate_subscripts($texts::varchar[], 1) as i) order by i",
            {"texts": texts},
        ).fetchall()
    ]
    assert got == [neutralise(t) for t in texts]
