"""Progress reports (issue 17): the national report and one pilot's, in Dutch and English, read back
with Debian's pdftotext and held to the publication tables."""

from __future__ import annotations

import re
import shutil
import subprocess
import zlib

import duckdb
import pytest

from pipeline import i18n, vocabulary
from pipeline.cli import main
from pipeline.i18n import catalogue
from pipeline.rapport import render, render_pages

PILOT = "GM0228"  # Ede: a pilot with published, suppressed and derived-suppressed figures
pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")
TOKEN = re.compile(r"(?<![\w.,−])−?\d+(?:[.,]\d+)*(?!\w)")


@pytest.fixture(scope="module")
def reports(sample_build) -> dict[tuple[str | None, str], tuple[bytes, str, int]]:
    """Every report of the test once: (pdf, its text from pdftotext, pages), by (gemeente, taal)."""
    db = sample_build[1]
    out = {}
    for gemeente in (None, PILOT):
        for taal in i18n.TALEN:
            pdf, pages = render_pages(db, gemeente, taal)
            text = subprocess.run(
                ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
            ).stdout.decode("utf-8")
            out[gemeente, taal] = (pdf, text, pages)
    return out


def flat(text: str) -> str:
    return " ".join(text.split())


def tokens(text: str) -> set[str]:
    return set(TOKEN.findall(text))


def formats(value: object, taal: str) -> set[str]:
    """Every way the report may print a published number: 0–3 decimals, with or without its sign."""
    if vocabulary.is_missing(value):
        return set()
    v = float(value)
    out = set()
    for d in range(4):
        out |= {i18n.number(v, d, taal), i18n.number(abs(v), d, taal)}
    return out


def allowed_numbers(con: duckdb.DuckDBPyConnection, gemeente: str | None, taal: str, pages: int) -> set[str]:
    """The numbers a report may contain: the publication rows it reads, and fixed text."""
    ok: set[str] = set()
    values: list[object] = []

    def column_values(sql: str, *params: object) -> None:
        for row in con.execute(sql, list(params)).fetchall():
            values.extend(v for v in row if isinstance(v, int | float) and not isinstance(v, bool))

    def text_tokens(sql: str, *params: object) -> None:
        for row in con.execute(sql, list(params)).fetchall():
            for v in row:
                ok.update(tokens(" ".join(v) if isinstance(v, list) else str(v)))

    text_tokens("select * from proeftuinen")
    text_tokens("select eenheid, vermenigvuldiger from indicatoren")
    text_tokens("select id, left(gemaakt, 10) from manifest")
    text_tokens("select periode from publicatie_cijfers")
    for texts in catalogue.MESSAGES.values():
        ok.update(tokens(texts[taal]))
    ok.update(t for u in catalogue.UNITS.values() for t in tokens(u))
    ok.update(
        i18n.number(m, 0, taal) for (m,) in con.execute("select vermenigvuldiger from indicatoren").fetchall()
    )
    ok.update(str(p) for p in range(1, pages + 1))
    column_values("select waarde from publicatie_regels where try_cast(waarde as double) is not null")
    ok.update(
        i18n.number(float(v) * 100, 0, taal)
        for (v,) in con.execute(
            "select waarde from publicatie_regels where naam = 'effecten.betrouwbaarheid'"
        ).fetchall()
    )
    column_values("select effect, ci_laag, ci_hoog, voortrend_p from publicatie_effecten")
    n_pilots = con.execute("select count(*) from gemeenten where proeftuin").fetchone()[0]
    ok.update(i18n.number(n, 0, taal) for n in range(n_pilots + 1))  # counts of pilots by status
    if gemeente:
        column_values(
            "select nulmeting_waarde, laatste_waarde, verschil, verschil_laag, verschil_hoog "
            "from publicatie_vergelijking where gemeente_code = ? and doelgroep = 'roma'",
            gemeente,
        )
        column_values(
            "select waarde, laag, hoog from publicatie_groepen where groep = ? and doelgroep = 'roma'",
            vocabulary.OVERIGE,
        )
        column_values(
            "select nulmeting_kloof, laatste_kloof, voortgang * 100 from publicatie_kloof "
            "where gemeente_code = ?",
            gemeente,
        )
        column_values(
            "select count(*) from publicatie_cijfers where gemeente_code = ? and onderdrukt", gemeente
        )
        column_values(
            "select count(*) from publicatie_cijfers where gemeente_code = ? and onderdrukt "
            "group by indicator, doelgroep, reden_onderdrukt",
            gemeente,
        )
    else:
        column_values("select waarde, laag, hoog from publicatie_groepen where doelgroep = 'roma'")
        column_values("select * from publicatie_controle")
        column_values("select count(*) from publicatie_leveringen group by status")
        column_values("select coalesce(sum(meldingen), 0) from publicatie_quarantaine")
        column_values(
            "select count(distinct gemeente_code) from publicatie_volledigheid where cijfers > 0 "
            "group by jaar"
        )
    for v in values:
        ok |= formats(v, taal)
    return ok


@pytest.mark.slow
@pytest.mark.parametrize("gemeente", [None, PILOT])
@pytest.mark.parametrize("taal", i18n.TALEN)
def test_every_number_in_the_report_is_a_published_figure(reports, sample_db, gemeente, taal):
    _, text, pages = reports[gemeente, taal]
    found = tokens(text)
    assert len(found) > 40  # the test reads a real report, not an empty page
    unknown = found - allowed_numbers(sample_db, gemeente, taal, pages)
    assert not unknown, f"numbers in the report that no publication table holds: {sorted(unknown)}"


@pytest.mark.slow
@pytest.mark.parametrize("taal", i18n.TALEN)
def test_the_pilots_baseline_and_latest_are_the_published_ones(reports, sample_db, taal):
    text = flat(reports[PILOT, taal][1])
    rows = sample_db.execute(
        "select v.nulmeting_waarde, v.nulmeting_periode, v.laatste_waarde, v.laatste_periode, i.vermenigvuldiger "
        "from publicatie_vergelijking v join indicatoren i using (indicator) "
        "where v.gemeente_code = ? and v.doelgroep = 'roma'",
        [PILOT],
    ).fetchall()
    shown = 0
    for base, p_base, last, p_last, m in rows:
        for value, periode in ((base, p_base), (last, p_last)):
            if not vocabulary.is_missing(value):
                assert f"{i18n.value(value, m, taal)} ({periode})" in text
                shown += 1
            elif periode:
                assert f"{i18n.word(vocabulary.ONDERDRUKT, taal)} ({periode})" in text
    assert shown >= 20


@pytest.mark.slow
@pytest.mark.parametrize("taal", i18n.TALEN)
def test_no_suppressed_value_appears(reports, sample_db, taal):
    """The working values behind the pilot's suppressed baseline and latest figures are nowhere in the
    report, in any of the ways the report writes a value beside its period."""
    text = flat(reports[PILOT, taal][1])
    hidden = sample_db.execute(
        "select w.indicator, w.nulmeting_waarde, w.nulmeting_periode, w.laatste_waarde, w.laatste_periode, "
        "p.nulmeting_onderdrukt, p.laatste_onderdrukt, i.vermenigvuldiger "
        "from vergelijking_nulmeting w join publicatie_vergelijking p using (gemeente_code, indicator, doelgroep) "
        "join indicatoren i using (indicator) where w.gemeente_code = ? and w.doelgroep = 'roma' "
        "and (p.nulmeting_onderdrukt or p.laatste_onderdrukt)",
        [PILOT],
    ).fetchall()
    assert hidden, "the fixture must have suppressed figures to test"
    for _, base, p_base, last, p_last, base_hidden, last_hidden, m in hidden:
        for value, periode, is_hidden in ((base, p_base, base_hidden), (last, p_last, last_hidden)):
            if is_hidden and not vocabulary.is_missing(value):
                assert f"{i18n.value(value, m, taal)} ({periode})" not in text
    # and the suppressed cells are listed with their reason
    assert i18n.t("h_onderdrukt", taal) in text
    for (reden,) in sample_db.execute(
        "select distinct reden_onderdrukt from publicatie_cijfers where gemeente_code = ? and onderdrukt",
        [PILOT],
    ).fetchall():
        assert i18n.word(reden, taal) in text


@pytest.mark.slow
@pytest.mark.parametrize("gemeente", [None, PILOT])
@pytest.mark.parametrize("taal", i18n.TALEN)
def test_every_page_carries_build_date_source_and_synthetic_notice(reports, sample_db, gemeente, taal):
    _, text, pages = reports[gemeente, taal]
    build, made, synthetic = sample_db.execute("select id, gemaakt, synthetisch from manifest").fetchone()
    page_texts = [p for p in text.split("\f") if p.strip()]
    assert len(page_texts) == pages >= 3
    notice = i18n.t("synthetisch", taal).split(" — ")[0]
    for page in page_texts:
        assert build in page and str(made)[:10] in page and "Bron: CBS / PDOK" in page
        assert (notice in page) == bool(synthetic)


@pytest.mark.slow
@pytest.mark.parametrize("gemeente", [None, PILOT])
@pytest.mark.parametrize("taal", i18n.TALEN)
def test_the_pdf_is_tagged_with_title_and_language(reports, gemeente, taal):
    pdf = reports[gemeente, taal][0]
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert re.search(r"^Tagged:\s+yes", info, re.M)
    title = re.search(r"^Title:\s+(.+)$", info, re.M).group(1)
    assert i18n.t("titel_land" if gemeente is None else "titel_gemeente", taal, naam="Ede") in title
    langs = set()
    for m in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            langs.update(re.findall(rb"/Lang \((\w+)\)", zlib.decompress(m.group(1))))
        except zlib.error:
            continue
    assert langs == {taal.encode()}


@pytest.mark.slow
def test_the_english_report_speaks_english(reports):
    text = flat(reports[PILOT, "en"][1]) + flat(reports[None, "en"][1])
    for dutch in (
        vocabulary.VERBETERD,
        vocabulary.GELIJK,
        vocabulary.ONDERDRUKT,
        vocabulary.GEHALVEERD,
        vocabulary.GEEN_EFFECT,
        vocabulary.NIET_BEOORDEELBAAR_VOORTREND,
        "Nulmeting",
        "proeftuinen",
    ):
        assert dutch not in text, dutch
    assert "baseline" in text.lower() and "pilot municipality" in text


@pytest.mark.slow
def test_two_renders_of_one_build_are_byte_identical(reports, sample_build):
    assert render(sample_build[1], PILOT, "nl") == reports[PILOT, "nl"][0]


@pytest.mark.slow
def test_findings_state_only_changes_the_status_allows(reports, sample_db):
    text = flat(reports[PILOT, "nl"][1])
    rows = sample_db.execute(
        "select i.naam, v.status from publicatie_vergelijking v join indicatoren i using (indicator) "
        "where v.gemeente_code = ? and v.doelgroep = 'roma'",
        [PILOT],
    ).fetchall()
    for naam, status in rows:
        stated = f"{naam} in Ede daalde van" in text or f"{naam} in Ede steeg van" in text
        assert stated == (
            status in (vocabulary.VERBETERD, vocabulary.VERSLECHTERD, vocabulary.GESTEGEN, vocabulary.GEDAALD)
        ), (naam, status)


@pytest.mark.slow
def test_no_effect_is_claimed_where_the_verdict_does_not_allow_it(sample_build, tmp_path):
    """A build in which every verdict is 'cannot be judged: pre-trend' gives a report that claims no
    effect, even though the estimates and their intervals are unchanged."""
    db = tmp_path / "monitor.duckdb"
    shutil.copy(sample_build[1], db)
    con = duckdb.connect(str(db))
    allowed = con.execute(
        "select count(*) from publicatie_effecten where oordeel in (?, ?, ?, ?)",
        [vocabulary.GUNSTIG, vocabulary.ONGUNSTIG, vocabulary.HOGER, vocabulary.LAGER],
    ).fetchone()[0]
    con.close()
    assert allowed > 0, "the sample must have an effect the verdict allows, or this test proves nothing"
    before = flat(
        subprocess.run(
            ["pdftotext", "-", "-"], input=render(db, None, "nl"), capture_output=True, check=True
        ).stdout.decode()
    )
    assert before.count(f": {vocabulary.GUNSTIG}, ") + before.count(f": {vocabulary.HOGER}, ") >= 1
    con = duckdb.connect(str(db))
    con.execute("update publicatie_effecten set oordeel = ?", [vocabulary.NIET_BEOORDEELBAAR_VOORTREND])
    con.close()
    after = flat(
        subprocess.run(
            ["pdftotext", "-", "-"], input=render(db, None, "nl"), capture_output=True, check=True
        ).stdout.decode()
    )
    assert i18n.t("effecten_geen_oordeel", "nl") in after
    for verdict in (vocabulary.GUNSTIG, vocabulary.ONGUNSTIG, vocabulary.HOGER, vocabulary.LAGER):
        assert f": {verdict}, " not in after


def test_cli_writes_the_report_and_refuses_what_it_cannot_do(sample_build, tmp_path, capsys):
    db = sample_build[1]
    out = tmp_path / "r.pdf"
    assert main(["rapport", "--db", str(db), "--gemeente", "228", "--taal", "en", "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF-")
    assert "rapport geschreven" in capsys.readouterr().err
    assert main(["rapport", "--db", str(db), "--gemeente", "GM9999", "--out", str(out)]) == 2
    assert "GM9999" in capsys.readouterr().err
    assert main(["rapport", "--db", str(tmp_path / "geen.duckdb")]) == 2
    for bad in (["--taal", "fr"], ["--gemeente", "Ede'; drop table x"], ["--alle", "--gemeente", "GM0228"]):
        with pytest.raises(SystemExit) as e:
            main(["rapport", "--db", str(db), *bad])
            raise SystemExit(2)  # --alle with --gemeente returns instead of raising
        assert e.value.code == 2


@pytest.mark.slow
def test_a_name_with_an_apostrophe_reads_right_in_the_running_header(sample_build):
    """'s-Hertogenbosch in the header of every page (a CSS string): not as an HTML entity."""
    pdf = render(sample_build[1], "GM0796", "en")
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert text.count("Progress report: pilot municipality 's-Hertogenbosch") >= 2  # header and title
    assert "&#" not in text and "&amp;" not in text


def test_text_in_a_css_string_cannot_leave_it():
    from pipeline.rapport.render import _cssstr

    hostile = 'a"} body { display: none } </style><script>x</script>\\'
    out = str(_cssstr(hostile))
    assert "<" not in out and ">" not in out and "\n" not in out
    assert out.count('"') == out.count('\\"')  # every quote escaped
