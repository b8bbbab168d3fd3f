"""`/controleren` by its callbacks: check's own report on an upload held in memory, the comparison
with the monitor, the limits before decoding, the report as CSV and the template download."""

from __future__ import annotations

import base64
import io
import json
from datetime import date, timedelta

import duckdb
import pytest
from openpyxl import load_workbook
from plotly.io.json import to_json_plotly

from dashboard import upload
from pipeline.check import check_deliveries
from pipeline.config import load_settings
from pipeline.sample import hostile
from pipeline.sample.writers import PROFILES, Row, csv_bytes, xlsx_bytes
from tests.conftest import SHIPPED_RAW

HEADER = "gemeente_code;periode;indicator;doelgroep;teller;noemer;bron;peildatum;opmerking"
TODAY = date.today().isoformat()


def url(data: bytes, kind: str = "text/csv") -> str:
    return f"data:{kind};base64,{base64.b64encode(data).decode()}"


def csv(*rows: str) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode()


@pytest.fixture(scope="module")
def page(app):
    from dashboard.pages import controleren

    return controleren


def run(page, files: dict[str, bytes]) -> tuple[str, str]:
    """Upload files through the page's callback: (the report as rendered JSON, the report CSV)."""
    children, text, style, cleared = page.checked([url(d) for d in files.values()], list(files))
    assert cleared is None  # the upload does not stay in the page
    assert style == {}  # the download button shows
    return to_json_plotly(children), text


def test_the_report_is_checks_own_for_every_hostile_file(page):
    """Each kind of bad file of the test suite, uploaded: the page refuses or quarantines exactly as
    `check_deliveries` (the code of `python -m pipeline check`) does, with the same words."""
    max_bytes = load_settings().grenzen.max_bytes
    files = list(hostile.files(seed=1).items())
    batches: list[list] = [[]]
    for item in files:  # uploads of at most 20 files and max_bytes together, as the page allows them
        size = sum(len(d) for _, (d, _) in batches[-1])
        if len(batches[-1]) == upload.MAX_FILES or size + len(item[1][0]) > max_bytes:
            batches.append([])
        batches[-1].append(item)
    seen = 0
    for batch in batches:
        names = [rel.rsplit("/", 1)[-1] for rel, _ in batch]
        urls = [url(data) for _, (data, _) in batch]
        reports, _ = page.check_upload(urls, names)
        decoded = upload.decode(urls, names, max_bytes)
        direct = iter(check_deliveries(decoded.files) if decoded.files else [])
        for (rel, (_, expected)), report, (_, data, _) in zip(batch, reports, decoded.items, strict=True):
            seen += 1
            assert report.status == expected.status, (rel, report.reden)
            # a name with personal data: `check` words it without the folder (`given_bytes`)
            words = (
                "naam van het bestand bevat" if "naam van het bestand" in expected.words else expected.words
            )
            assert words in (report.reden or ""), (rel, report.reden)
            if rel.startswith("GM0228/"):  # the others need the figures of other deliveries in the same build
                for rij, words in expected.rows:
                    assert any(p.rij == rij and words in p.reden for p in report.problemen), (rel, rij)
            if data is not None:  # not refused before decoding: the very report of check_deliveries
                d = next(direct)
                assert (d.naam, d.status, d.reden, d.problemen) == (
                    report.naam,
                    report.status,
                    report.reden,
                    report.problemen,
                )
    assert seen == len(files) > 30


def test_summary_comes_first_and_counts_rows_and_files(page):
    rendered, _ = run(
        page,
        {
            f"{TODAY}_goed.csv": csv("GM0228;2016;bijstand;roma;30;120;;;"),
            f"{TODAY}_slecht.csv": csv(
                "GM0228;2016;bijstand;roma;2,5;120;;;",
                "GM0228;2016;bijstand;totaal;-3;900;;;",
                "GM0228;2017;bijstand;roma;30;20;;;",
                "GM0228;2018;bijstand;roma;30;120;;;",
            ),
            f"{TODAY}_leeg.csv": b"",
        },
    )
    tree = json.loads(rendered)
    assert tree[0]["props"]["id"] == "verslag-samenvatting"
    assert tree[0]["props"]["children"] == (
        "3 bestanden gecontroleerd: 3 rijen gaan in quarantaine, 1 bestand wordt geweigerd, 1 bestand is in orde."
    )
    assert "rij 3" not in rendered  # rows are numbers in a table, as Excel numbers them
    assert "2,5 is geen heel getal" in rendered and "vul een aantal in" in rendered


def test_quarantined_rows_are_a_table_with_excel_row_numbers(page):
    rendered, text = run(
        page,
        {
            f"{TODAY}_x.xlsx": _xlsx(
                [
                    ["Titel van de gemeente"],
                    [],
                    HEADER.split(";"),
                    ["GM0228", "2016", "bijstand", "roma", 2.5, 120],
                ]
            )
        },
    )
    cells = _cells(json.loads(rendered))
    assert cells[0][:2] == ["4", "teller"]  # the fourth row in Excel: two title lines and the header above it
    assert text.split("\r\n")[1].split(";")[2] == "4"


def test_a_file_with_personal_data_is_refused_with_the_pipelines_message_and_no_value(page):
    bsn = _bsn(31)
    data = csv(f"GM0228;2016;bijstand;roma;30;120;;;{bsn}")
    name = f"{TODAY}_personen.csv"
    rendered, text = run(page, {name: data})
    [direct] = check_deliveries([(name, data)])
    assert direct.geweigerd and "een BSN in kolom opmerking, rij 2" in direct.reden
    assert direct.reden in rendered and direct.reden in text
    for shown in (rendered, text):
        assert bsn not in shown and bsn[:5] not in shown


def test_a_file_name_with_personal_data_is_shown_redacted(page):
    bsn = _bsn(57)
    rendered, text = run(page, {f"{TODAY}_lijst-{bsn}.csv": csv("GM0228;2016;bijstand;roma;30;120;;;")})
    assert bsn not in rendered and bsn not in text
    assert "weggelaten" in rendered


def test_a_later_delivery_says_which_figures_it_supersedes(page):
    shipped = sorted((SHIPPED_RAW / "leveringen" / "GM0228").glob("*leerplicht*.csv"))[-1]
    rendered, _ = run(page, {f"{TODAY}_correctie.csv": shipped.read_bytes()})
    n = len(shipped.read_bytes().strip().splitlines()) - 1
    assert f"vervangt {n} cijfers van de levering van {shipped.name[:10]}" in rendered


def test_an_older_delivery_says_it_would_not_be_used(page):
    shipped = sorted((SHIPPED_RAW / "leveringen" / "GM0228").glob("*leerplicht*.csv"))[-1]
    older = (date.fromisoformat(shipped.name[:10]) - timedelta(days=1)).isoformat()
    rendered, _ = run(page, {f"{older}_oud.csv": shipped.read_bytes()})
    assert f"de levering van {shipped.name[:10]}" in rendered and "nieuwer" in rendered


def test_roma_above_a_published_totaal_elsewhere_goes_to_quarantine(page, sample_path):
    with duckdb.connect(str(sample_path), read_only=True) as con:
        code, periode, ind, teller, noemer = con.execute("""
            select gemeente_code, periode, indicator, teller, noemer from publicatie_cijfers
            where doelgroep = 'totaal' and not onderdrukt and indicator = 'bijstand' and teller > 20
              and noemer > teller + 100
            order by gemeente_code, periode limit 1
        """).fetchone()
    above = csv(f"{code};{periode};{ind};roma;{teller + 1};{noemer};;;")
    within = csv(f"{code};{periode};{ind};roma;{teller - 1};{noemer - 1};;;")
    rendered, _ = run(page, {f"{TODAY}_boven.csv": above})
    assert "groter dan die van totaal in de monitor" in rendered
    assert "1 rij gaat in quarantaine" in rendered
    rendered, _ = run(page, {f"{TODAY}_binnen.csv": within})
    assert "totaal in de monitor" not in rendered and "1 bestand is in orde" in rendered
    # with its own totaal row the file is compared with itself only, as a build would
    rendered, _ = run(
        page,
        {
            f"{TODAY}_eigen.csv": csv(
                f"{code};{periode};{ind};roma;{teller + 1};{noemer};;;",
                f"{code};{periode};{ind};totaal;{teller + 5};{noemer};;;",
            )
        },
    )
    assert "totaal in de monitor" not in rendered


def test_the_comparison_reads_no_suppressed_or_roma_figure(page):
    from dashboard.data import monitor
    from pipeline import monitorcheck

    assert "doelgroep = 'totaal' and not onderdrukt" in monitorcheck.TOTALS_SQL
    state = monitor().check_state()
    assert list(state.totals.columns) == ["gemeente_code", "periode", "indicator", "teller", "noemer"]
    assert state.totals["teller"].notna().all()
    assert set(state.in_force.columns) == {
        "gemeente_code",
        "periode",
        "indicator",
        "doelgroep",
        "bestand",
        "leverdatum",
    }


@pytest.mark.parametrize("profile", list(PROFILES))
def test_every_export_profile_of_the_sample_generator_passes(page, profile):
    p = PROFILES[profile]
    rows = [
        Row("GM0228", "bijstand", d, 2016, False, t, n, "registratie", date(2016, 12, 31), "")
        for d, t, n in (("roma", 30, 120), ("totaal", 900, 41_000))
    ]
    rows += [
        Row("GM0228", "absoluut_verzuim", d, 2016, True, t, n, "leerplicht", None, "")
        for d, t, n in (("roma", 12, 140), ("totaal", 40, 16_000))
    ]
    when = date.today()
    data = csv_bytes(p, rows) if p.formaat == "csv" else xlsx_bytes(p, rows, "Levering", "Ede", when)
    reports, _ = page.check_upload([url(data)], [f"{TODAY}_{profile}.{p.formaat}"])
    assert reports[0].clean, (profile, reports[0].reden, reports[0].problemen)
    assert reports[0].rijen == 4


def test_a_file_over_the_limit_is_refused_before_decoding(page, monkeypatch):
    max_bytes = load_settings().grenzen.max_bytes
    big = "data:text/csv;base64," + "A" * (-(-max_bytes // 3) * 4 + 8)

    def never(*_a, **_k):
        raise AssertionError("decoded")

    monkeypatch.setattr(upload.base64, "b64decode", never)
    reports, _ = page.check_upload([big], [f"{TODAY}_groot.csv"])
    assert reports[0].geweigerd and "grenzen.max_bytes" in reports[0].reden
    assert upload.decoded_size(big) > max_bytes


def test_files_of_one_upload_together_over_the_limit_are_refused_from_where_they_pass_it():
    half = "data:text/csv;base64," + base64.b64encode(b"x" * 600).decode()
    up = upload.decode([half, half, half], ["a.csv", "b.csv", "c.csv"], max_bytes=1_000)
    assert [d is not None for _, d, _ in up.items] == [True, False, False]
    assert "samen groter" in up.items[1][2]


def test_decoded_size_is_exact():
    for n in range(0, 40):
        assert upload.decoded_size(url(b"x" * n)) == n


def test_the_server_refuses_a_request_over_the_limit_unread(app):
    limit = app.server.config["MAX_CONTENT_LENGTH"]
    assert limit == upload.request_limit(load_settings().grenzen.max_bytes)
    client = app.server.test_client()
    response = client.post(
        "/_dash-update-component",
        data=b"{}",
        content_type="application/json",
        environ_overrides={"CONTENT_LENGTH": str(limit + 1)},
    )
    assert response.status_code == 413


def test_report_csv_is_for_dutch_excel_and_starts_no_formula(page):
    _, text = run(page, {f"{TODAY}_x.csv": csv("GM0228;2016;bijstand;roma;=1+1;120;;;")})
    assert text.startswith("\ufeffbestand;oordeel;rij;kolom;regel;melding;oplossing\r\n")
    for line in text.splitlines()[1:]:
        for cell in line.split(";"):
            assert not cell.lstrip('"').startswith(("=", "+", "-", "@")), line


def test_an_unforeseen_error_shows_a_message_and_logs_no_value(page, monkeypatch, caplog):
    def broken(*_a, **_k):
        raise ValueError("geheime waarde 123456782")

    monkeypatch.setattr(page, "check_deliveries", broken)
    children, text, style, _ = page.checked(
        [url(csv("GM0228;2016;bijstand;roma;30;120;;;"))], [f"{TODAY}_x.csv"]
    )
    shown = to_json_plotly(children)
    assert "onverwacht misgegaan" in shown and "geheime" not in shown
    assert "geheime" not in caplog.text and "ValueError" in caplog.text
    assert text is None and style == {"display": "none"}


def test_the_template_download_is_the_template(page):
    sent = page.template_download(1, "GM0228")
    assert sent["filename"] == "levering-sjabloon-GM0228.xlsx"
    wb = load_workbook(io.BytesIO(base64.b64decode(sent["content"])))
    assert wb.sheetnames == ["levering", "uitleg", "voorbeeld"]
    assert page.template_download(1, "alle")["filename"] == "levering-sjabloon.xlsx"


# ----------------------------------------------------------------------------- helpers


def _bsn(seed: int) -> str:
    """A nine-digit number that passes the eleven-test, made here (in no file of the project)."""
    n = 100_000_000 + seed * 7_919_113
    while True:
        digits = str(n)
        if sum(int(d) * w for d, w in zip(digits, [9, 8, 7, 6, 5, 4, 3, 2, -1], strict=True)) % 11 == 0:
            return digits
        n += 1


def _xlsx(rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _cells(tree: object) -> list[list[str]]:
    """The text of every body row of the tables in a rendered tree."""
    rows: list[list[str]] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if node.get("type") == "Tr":
                tds = [c for c in node["props"]["children"] if c.get("type") == "Td"]
                if tds:
                    rows.append([str(c["props"].get("children")) for c in tds])
                return
            walk(node.get("props", {}).get("children"))
        elif isinstance(node, list):
            for n in node:
                walk(n)

    walk(tree)
    return rows


def test_the_comparison_needs_nothing_but_publication_and_reference_tables(page, sample_path, tmp_path):
    import shutil

    from dashboard import data
    from tests.dashboard.test_publication_views import REFERENCE

    db = tmp_path / "monitor.duckdb"
    shutil.copy(sample_path, db)
    with duckdb.connect(str(db)) as con:
        for (t,) in con.execute("select table_name from duckdb_tables()").fetchall():
            if not t.startswith("publicatie_") and t not in REFERENCE:
                con.execute(f'drop table "{t}"')
    shipped = sorted((SHIPPED_RAW / "leveringen" / "GM0228").glob("*leerplicht*.csv"))[-1]
    previous, data._monitor = data._monitor, data.Monitor(db)
    try:
        rendered, _ = run(page, {f"{TODAY}_correctie.csv": shipped.read_bytes()})
    finally:
        data._monitor = previous
    assert f"cijfers van de levering van {shipped.name[:10]}" in rendered


def test_without_a_readable_monitor_the_files_are_checked_all_the_same(page, tmp_path):
    from dashboard import data

    previous, data._monitor = data._monitor, data.Monitor(tmp_path / "er-niet.duckdb")
    try:
        children, _, _, _ = page.checked(
            [url(csv("GM0228;2016;bijstand;roma;30;120;;;"))], [f"{TODAY}_x.csv"]
        )
    finally:
        data._monitor = previous
    rendered = to_json_plotly(children)
    assert "1 bestand is in orde" in rendered and "De rij is in orde." in rendered
    assert "De monitor zelf is nu niet te lezen" in rendered
