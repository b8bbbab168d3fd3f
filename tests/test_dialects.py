"""Every CONTRACT §1 variant of a delivery loads to the same figures, with Excel's row numbers."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from tests.conftest import rows

FIGURES = [  # (periode as written, indicator, doelgroep, teller, noemer)
    ("2016", "bijstand", "roma", "30", "120"),
    ("2016/2017", "relatief_verzuim", "roma", "19", "146"),
    ("2016", "werkervaringstrajecten", "roma", "4", ""),
]
EXPECTED = sorted(
    [
        ("2016", 2016, "bijstand", "roma", 30, 120, 25.0),
        ("2016-2017", 2016, "relatief_verzuim", "roma", 19, 146, 19 / 146 * 100),
        ("2016", 2016, "werkervaringstrajecten", "roma", 4, None, 4.0),
    ]
)
BRON = "Leerplicht – één loket; BRP"


def _csv(code: str, sep: str, header: list[str], lines: list[list[str]], newline: str = "\n") -> str:
    def q(v: str) -> str:
        return f'"{v}"' if sep in v or '"' in v or "\n" in v else v

    return newline.join(sep.join(q(v) for v in r) for r in [header, *lines]) + newline


def _lines(code: str) -> list[list[str]]:
    return [[code, p, i, d, t, n, BRON, "01-10-2016", ""] for p, i, d, t, n in FIGURES]


HEADER = [
    "gemeente_code",
    "periode",
    "indicator",
    "doelgroep",
    "teller",
    "noemer",
    "bron",
    "peildatum",
    "opmerking",
]


def _xlsx(code: str, sheet: str | None, title_lines: int) -> bytes:
    wb = Workbook()
    ws = wb.active
    if sheet:
        ws.title = "Toelichting"
        ws.append(["lees het andere tabblad"])
        ws = wb.create_sheet(sheet)
    for n in range(title_lines):
        ws.append([f"Levering Monitor Inclusie Roma, titelregel {n + 1}"])
    ws.append([h.upper() for h in HEADER])
    for p, i, d, t, n in FIGURES:
        ws.append(
            [int(code), int(p) if p.isdigit() else p, i, d, int(t), int(n) if n else None, BRON, None, None]
        )
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


VARIANTS = {
    "utf8_komma": lambda: _csv("GM0228", ",", HEADER, _lines("GM0228")).encode("utf-8"),
    "bom_puntkomma_crlf": lambda: _csv(
        "0228", ";", [h.capitalize() for h in HEADER], _lines("0228"), "\r\n"
    ).encode("utf-8-sig"),
    "windows1252": lambda: _csv("228", ";", [h.upper() for h in HEADER], _lines("228")).encode("cp1252"),
    "kopregel_met_spaties": lambda: _csv(
        "GM0228", ";", [f"  {h.title()} " for h in HEADER], _lines("gm0228")
    ).encode("utf-8"),
    "titelregels_boven_csv": lambda: (
        "Monitor Inclusie Roma\nGemeente Ede\n" + _csv("GM0228", ";", HEADER, _lines("GM0228"))
    ).encode("utf-8"),
    "tab_gescheiden": lambda: _csv("GM0228", "\t", HEADER, _lines("GM0228")).encode("utf-8"),
    "decimale_komma_nul": lambda: _csv(
        "GM0228",
        ";",
        HEADER,
        [
            [c, p, i, d, f"{t},0", f"{n},00" if n else "", b, pd, o]
            for c, p, i, d, t, n, b, pd, o in _lines("GM0228")
        ],
    ).encode("utf-8"),
}
XLSX_VARIANTS = {
    "xlsx_eerste_blad_titelregels": lambda: _xlsx("0228", None, 3),
    "xlsx_blad_levering": lambda: _xlsx("228", "levering", 0),
}


@pytest.mark.parametrize("variant", sorted(VARIANTS) + sorted(XLSX_VARIANTS))
def test_every_delivery_variant_loads_to_the_same_figures(make_raw, build, variant):
    make = VARIANTS.get(variant) or XLSX_VARIANTS[variant]
    suffix = "xlsx" if variant.startswith("xlsx") else "csv"
    raw = make_raw({f"GM0228/2017-03-01_{variant}.{suffix}": make()})
    _, con = build(raw)
    assert rows(con, "select status, reden from leveringen") == [("geaccepteerd", None)]
    got = rows(
        con,
        """select periode, jaar, indicator, doelgroep, teller, noemer, waarde
                       from waarnemingen where herkomst = 'levering' order by all""",
    )
    assert [g[:6] for g in got] == [e[:6] for e in EXPECTED]
    assert [g[6] for g in got] == pytest.approx([e[6] for e in EXPECTED])
    assert rows(con, "select distinct bron from waarnemingen where herkomst = 'levering'") == [(BRON,)]


def test_row_numbers_are_those_excel_shows_after_title_lines(make_raw, build):
    text = ("Titel\nGemeente Ede\n" + _csv("GM0228", ";", HEADER, _lines("GM0228"))).encode("utf-8")
    raw = make_raw({"GM0228/2017-03-01_titel.csv": text})
    _, con = build(raw)
    assert rows(con, "select rij from waarnemingen where herkomst = 'levering' order by rij") == [
        (4,),
        (5,),
        (6,),
    ]


def test_row_numbers_stay_right_around_blank_lines_and_line_breaks_in_quotes(make_raw, build):
    text = (
        ";".join(HEADER) + "\n"
        'GM0228;2016;bijstand;roma;30;120;"regel een\nregel twee";;\n'  # row 2 (two lines)
        "\n"  # row 3 blank
        "GM0228;2016;arbeidsparticipatie;roma;20;150;;;\n"  # row 4
        "GM0228;2016;huurachterstand;roma;-1;40;;;\n"  # row 5: bad
    )
    raw = make_raw({"GM0228/2017-03-01_lastig.csv": text})
    _, con = build(raw)
    assert rows(con, "select indicator, rij from waarnemingen where herkomst = 'levering' order by rij") == [
        ("bijstand", 2),
        ("arbeidsparticipatie", 4),
    ]
    assert rows(con, "select rij, kolom from quarantaine") == [(5, "teller")]
    # the line break is a control character: it becomes a space before any output (CONTRACT §1)
    assert rows(
        con, "select bron from waarnemingen where indicator = 'bijstand' and herkomst = 'levering'"
    ) == [("regel een regel twee",)]


def test_bulk_read_numbers_rows_per_file_across_many_files(make_raw, build):
    calendar = [
        "arbeidsparticipatie",
        "bijstand",
        "jongeren_werk_of_school",
        "werkervaringstrajecten",
        "overbewoning",
        "overlast_woonomgeving",
        "huurachterstand",
        "minderjarige_verdachten",
        "verdachten_vermogensdelicten",
        "signalen_uitbuiting",
    ]
    deliveries = {}
    for code in ("GM0228", "GM0356", "GM0861", "GM0995"):
        for k, ind in enumerate(calendar):
            lines = [
                [code, str(2000 + r), ind, "totaal", str(100 + r), "5000", f"r{r + 2}", "", ""]
                for r in range(20)
            ]
            deliveries[f"{code}/2017-01-{k + 1:02d}_{ind}.csv"] = _csv(code, ";", HEADER, lines)
    raw = make_raw(deliveries)
    _, con = build(raw)
    assert rows(con, "select count(*) from leveringen where status = 'geaccepteerd'") == [(40,)]
    assert rows(con, "select count(*) from waarnemingen where herkomst = 'levering'") == [(800,)]
    assert rows(
        con,
        """select count(*) from waarnemingen
                        where herkomst = 'levering' and bron <> 'r' || rij""",
    ) == [(0,)]


def test_a_utf16_file_as_excel_saves_unicode_text_loads(make_raw, build):
    text = _csv("GM0228", "\t", HEADER, _lines("GM0228"), "\r\n")
    raw = make_raw({"GM0228/2017-03-01_unicode.csv": text.encode("utf-16")})
    _, con = build(raw)
    assert rows(con, "select status, codering from leveringen") == [("geaccepteerd", "utf-16")]
    assert rows(con, "select count(*) from waarnemingen where herkomst = 'levering'") == [(3,)]


def test_a_file_that_is_utf8_at_the_top_and_windows1252_further_down_loads_whole(make_raw, build):
    top = [
        ["GM0228", str(2000 + r), "bijstand", "totaal", "300", "60000", "bron", "", ""] for r in range(5000)
    ]
    text = _csv("GM0228", ";", HEADER, top) + "GM0228;2016;bijstand;roma;30;120;één bron;;\n"
    raw = make_raw({"GM0228/2017-03-01_gemengd.csv": text.encode("cp1252")})
    _, con = build(raw)
    # the top is long enough that only DuckDB, reading, finds the Windows-1252 further down
    assert rows(con, "select status, codering, rijen from leveringen") == [("geaccepteerd", "cp1252", 5001)]
    assert rows(con, "select bron, rij from waarnemingen where doelgroep = 'roma'") == [("één bron", 5002)]


def test_windows1252_with_and_without_its_own_characters_reads_the_same_texts(make_raw, build):
    # without € – ‘ ’ … (0x80–0x9F) Windows-1252 is Latin-1, which DuckDB reads itself (issue 18);
    # with them the file is read as a UTF-8 copy: both give the texts the municipality wrote
    latin = "Súdwest-Fryslân, één loket ×½"
    windows = "Leerplicht – € 5 ‘één’ loket"
    files = {}
    for code, bron in (("GM0228", latin), ("GM0363", windows)):
        lines = [[code, p, i, d, t, n, bron, "01-10-2016", ""] for p, i, d, t, n in FIGURES]
        files[f"{code}/2017-03-01_ansi.csv"] = _csv(code, ";", HEADER, lines, "\r\n").encode("cp1252")
    _, con = build(make_raw(files))
    assert (
        rows(con, "select status, codering from leveringen order by bestand")
        == [("geaccepteerd", "cp1252")] * 2
    )
    assert rows(
        con, "select distinct gemeente_code, bron from waarnemingen where herkomst = 'levering' order by all"
    ) == [("GM0228", latin), ("GM0363", windows)]


def test_old_mac_line_ends_and_breaks_inside_quotes_keep_excels_row_numbers(make_raw, build):
    text = (
        ";".join(HEADER) + "\r"
        'GM0228;2016;bijstand;roma;30;120;"regel een\nregel twee";;\r'
        "GM0228;2016;arbeidsparticipatie;roma;20;150;;;\r"
        "GM0228;2016;huurachterstand;roma;-1;40;;;\r"
    )
    raw = make_raw({"GM0228/2017-03-01_mac.csv": text})
    _, con = build(raw)
    assert rows(con, "select indicator, rij from waarnemingen where herkomst = 'levering' order by rij") == [
        ("bijstand", 2),
        ("arbeidsparticipatie", 3),
    ]
    assert rows(con, "select rij, kolom from quarantaine") == [(4, "teller")]
