"""`python -m pipeline sample --scale hostile`: every kind of hostile or careless delivery of CONTRACT §1.

A small raw folder (seeded): the real reference data, a few ordinary deliveries, and one file (or
folder) for every way a delivery can be wrong that the contract names — workbooks that expand
beyond the limits, a date typo that lies in 2038, `1.000` as a count, personal data in a hidden
sheet, in a file name, behind look-alike letters or a zero-width space, a folder with a Cyrillic
letter, a symbolic link, a named pipe, a code that did not exist in its year, a back series that
collides with its predecessor's figure. `EXPECTED` says what the monitor must do with each: the
test suite builds this set and holds the build to it, and `make bench` times it.
"""

from __future__ import annotations

import io
import os
import random
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook

HEADER = "gemeente_code;periode;indicator;doelgroep;teller;noemer;bron;peildatum;opmerking"
BSN = "123456782"  # passes the eleven-test
EMAIL = "j.jansen@example.nl"
SECRETS = (BSN, "123 456 782", EMAIL, "Jansen")  # none of these may come out of a build


@dataclass(frozen=True)
class Expected:
    """What the monitor must do with a hostile file: refuse it (with words in the reason) or
    quarantine rows (row number → words in the reason), or accept it."""

    status: str  # geweigerd | geaccepteerd
    words: str = ""
    rows: tuple[tuple[int, str], ...] = ()


def _csv(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


def _xlsx(sheets: list[tuple[str, Sequence[Sequence[object]], str]]) -> bytes:
    """A workbook of (title, rows, state) sheets."""
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows, state in sheets:
        ws = wb.create_sheet(title)
        ws.sheet_state = state
        for r in rows:
            ws.append(r)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _far_cell(lie: bool) -> bytes:
    """A tiny workbook with one stray cell at XFD1048576; with `lie`, its declared dimension says A1:I2."""
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER.split(";"))
    ws.append(["GM0228", "2016", "bijstand", "roma", 30, 120, "", "", ""])
    ws["XFD1048576"] = 1
    buffer = io.BytesIO()
    wb.save(buffer)
    if not lie:
        return buffer.getvalue()
    src = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.startswith("xl/worksheets/"):
                data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:I2"', data)
            dst.writestr(info, data)
    return out.getvalue()


def _zip_bomb() -> bytes:
    """A workbook of a few tens of KB whose one shared text expands to 60 MB."""
    good = _xlsx(
        [("levering", [HEADER.split(";"), ["GM0228", "2016", "bijstand", "roma", 30, 120]], "visible")]
    )
    src = zipfile.ZipFile(io.BytesIO(good))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info))
        text = (
            b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            b'count="1" uniqueCount="1"><si><t>' + b"a" * 60_000_000 + b"</t></si></sst>"
        )
        if "xl/sharedStrings.xml" not in src.namelist():
            dst.writestr("xl/sharedStrings.xml", text)
    return out.getvalue()


def _good_rows(code: str, year: int, rng: random.Random) -> list[str]:
    out = []
    for indicator in ("bijstand", "arbeidsparticipatie", "overbewoning"):
        for doelgroep in ("roma", "totaal"):
            noemer = rng.randint(150, 400) if doelgroep == "roma" else rng.randint(20_000, 40_000)
            teller = rng.randint(20, noemer // 3)
            out.append(
                f"{code};{year};{indicator};{doelgroep};{teller};{noemer};synthetisch (vijandige set);;"
            )
    return out


def files(seed: int) -> dict[str, tuple[bytes, Expected]]:
    """Every hostile file: path under `leveringen/` → (bytes, what must happen)."""
    rng = random.Random(seed)
    g = "GM0228/"
    refused = Expected
    bijstand = "GM0228;2016;bijstand;roma;30;120;;;"
    out: dict[str, tuple[bytes, Expected]] = {
        g + "2017-01-01_gewone-levering.csv": (
            _csv(*_good_rows("GM0228", 2016, rng)),
            Expected("geaccepteerd"),
        ),
        g + "2017-01-02_cel-op-XFD1048576.xlsx": (_far_cell(lie=False), refused("geweigerd", "grenzen.max_")),
        g + "2017-01-03_dimensie-liegt.xlsx": (_far_cell(lie=True), refused("geweigerd", "grenzen.max_")),
        g + "2017-01-04_zipbom.xlsx": (_zip_bomb(), refused("geweigerd", "grenzen.max_")),
        g + "2017-01-05_lange-cel.xlsx": (
            _xlsx(
                [
                    (
                        "levering",
                        [HEADER.split(";"), ["GM0228", "2016", "bijstand", "roma", 30, 120, "x" * 20_000]],
                        "visible",
                    )
                ]
            ),
            refused("geweigerd", "grenzen.max_tekens_cel"),
        ),
        g + "2017-01-06_cel-van-11-MB.csv": (
            _csv(f"GM0228;2016;bijstand;roma;30;120;{'b' * 11_000_000};;"),
            refused("geweigerd", "grenzen.max_tekens_cel"),
        ),
        g + "2038-01-20_tikfout-in-het-jaar.csv": (_csv(bijstand), refused("geweigerd", "in de toekomst")),
        g + "9999-12-31_einde-der-tijden.csv": (_csv(bijstand), refused("geweigerd", "in de toekomst")),
        g + "1999-12-31_te-oud.csv": (_csv(bijstand), refused("geweigerd", "vóór 2000")),
        g + "2017-01-07_getallen.csv": (
            _csv(
                "GM0228;2016;bijstand;roma;1.000;2000;;;",
                'GM0228;2016;arbeidsparticipatie;roma;"1,000";2000;;;',
                "GM0228;2016;overbewoning;roma;1 000;2000;;;",
                "GM0228;2016;huurachterstand;roma;=1+1;2000;;;",
                "GM0228;2016;relatief_verzuim;roma;WAAR;2000;;;",
                "GM0228;2016;vve_deelname;roma;NaN;2000;;;",
                "GM0228;2016;minderjarige_verdachten;roma;inf;2000;;;",
                "GM0228;2016;jongeren_werk_of_school;roma;1e3;2000;;;",
            ),
            Expected(
                "geaccepteerd",
                rows=(
                    (2, "op twee manieren"),
                    (3, "op twee manieren"),
                    (4, "duizendtallen"),
                    (5, "formule"),
                    (6, "ja/nee-waarde"),
                    (7, "geen eindig getal"),
                    (8, "geen eindig getal"),
                    (9, "wetenschappelijke notatie"),
                ),
            ),
        ),
        g + "2017-01-08_stuurtekens-in-bron.csv": (
            _csv("GM0228;2016;bijstand;roma;30;120;regel een\x0bregel twee \x1b[31mrood\u202e;;"),
            Expected("geaccepteerd"),
        ),
        g + f"2017-01-09_lijst-{BSN}.csv": (
            _csv(bijstand),
            refused("geweigerd", "naam van het bestand bevat een BSN"),
        ),
        g + "2017-01-10_kop-met-bsn.csv": (
            _csv(bijstand + ";1", header=HEADER + f";bsn {BSN}"),
            refused("geweigerd", "gegevens over personen"),
        ),
        g + "2017-01-11_bsn-met-spaties.csv": (
            _csv("GM0228;2016;bijstand;roma;123 456 782;120;;;"),
            refused("geweigerd", "een BSN in kolom teller, rij 2"),
        ),
        g + "2017-01-12_cyrillische-B.csv": (
            _csv(bijstand + ";1", header=HEADER + ";ВSN"),
            refused("geweigerd", "kolom over personen"),
        ),
        g + "2017-01-13_cyrillische-a.csv": (
            _csv(bijstand + ";Jansen", header=HEADER + ";nаam"),
            refused("geweigerd", "kolom over personen"),
        ),
        g + "2017-01-14_kindnaam.csv": (
            _csv(bijstand + ";Jansen", header=HEADER + ";kindnaam"),
            refused("geweigerd", "kolom over personen"),
        ),
        g + "2017-01-15_geboren.csv": (
            _csv(bijstand + ";2009", header=HEADER + ";geboren"),
            refused("geweigerd", "kolom over personen"),
        ),
        g + "2017-01-16_leerling.csv": (
            _csv(bijstand + ";Jansen", header=HEADER + ";leerling"),
            refused("geweigerd", "kolom over personen"),
        ),
        g + "2017-01-17_verborgen-blad.xlsx": (
            _xlsx(
                [
                    (
                        "levering",
                        [HEADER.split(";"), ["GM0228", "2016", "bijstand", "roma", 30, 120]],
                        "visible",
                    ),
                    ("Blad2", [["naam", "bsn"], ["Jansen", int(BSN)]], "hidden"),
                ]
            ),
            refused("geweigerd", "gegevens over personen"),
        ),
        g + "2017-01-18_tweede-blad.xlsx": (
            _xlsx(
                [
                    (
                        "levering",
                        [HEADER.split(";"), ["GM0228", "2016", "bijstand", "roma", 30, 120]],
                        "visible",
                    ),
                    ("leerlingen", [["leerling", "e-mail"], ["Jansen", EMAIL]], "visible"),
                ]
            ),
            refused("geweigerd", "gegevens over personen"),
        ),
        g + "2017-01-19_bsn-met-nulbreedte.csv": (
            _csv(bijstand.replace(";;;", ";;;bsn 123\u200b456\u200b782")),
            refused("geweigerd", "een BSN"),
        ),
        g + "2017-01-20_bsn-in-volle-breedte.csv": (
            _csv(bijstand.replace(";;;", ";;;１２３４５６７８２")),
            refused("geweigerd", "een BSN"),
        ),
        g + "2017-01-21_email-met-lookalikes.csv": (
            _csv(bijstand.replace(";;;", ";;;j.jansen＠exаmple.nl")),
            refused("geweigerd", "e-mailadres"),
        ),
        g + "2017-01-22_leeg.csv": (b"", refused("geweigerd", "leeg")),
        g + "2017-01-23_rommel.csv": (
            bytes(rng.randrange(256) for _ in range(4096)),
            refused("geweigerd", ""),
        ),
        g + "2017-01-24_afgebroken.xlsx": (_far_cell(False)[:700], refused("geweigerd", "beschadigd")),
        g + "2017-01-25_oud-excel.xlsx": (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
            refused("geweigerd", "oud Excel-bestand"),
        ),
        g + "2017-01-26_te-veel-rijen.csv": (
            _csv(*([bijstand] * 250_100)),
            refused("geweigerd", "grenzen.max_rijen"),
        ),
        g + "2017-01-27_te-veel-kolommen.csv": (
            _csv(bijstand + ";" * 200, header=HEADER + "".join(f";extra{i}" for i in range(200))),
            refused("geweigerd", "grenzen.max_kolommen"),
        ),
        g + "2017-01-28_te-groot.csv": (
            _csv(bijstand) + b" " * 50_000_001,
            refused("geweigerd", "grenzen.max_bytes"),
        ),
        # municipal reorganisations
        "GM1671/2017-02-01_maasdonk-na-2015.csv": (
            _csv("GM1671;2016;bijstand;roma;30;120;;;"),
            Expected("geaccepteerd", rows=((2, "bestond in 2016 niet meer"),)),
        ),
        "GM1966/2017-02-02_terugreeks.csv": (
            _csv("GM1966;2015;bijstand;roma;30;120;;;", "GM1966;2014;bijstand;roma;28;118;;;"),
            Expected("geaccepteerd", rows=((2, "terugreeks"),)),
        ),
        "GM0005/2016-02-01_bedum.csv": (
            _csv("GM0005;2015;bijstand;roma;12;60;;;"),
            Expected("geaccepteerd", rows=((2, "terugreeks"),)),
        ),
    }
    return out


# Entries that are not files with bytes: folders, links, a pipe (path → (kind, what must happen)).
SPECIAL = {
    "GМ0228/": ("map", Expected("geweigerd", "geen gemeentemap")),  # a Cyrillic М
    "GM228/": ("map", Expected("geweigerd", "geen gemeentemap")),
    f"{EMAIL}/": ("map", Expected("geweigerd", "naam bevat gegevens over personen")),
    "2017-03-01_los-bestand.csv": ("los", Expected("geweigerd", "niet in de map van een gemeente")),
    "GM0344": ("link-map", Expected("geweigerd", "symbolische link")),
    "GM0228/2017-03-02_link.csv": ("link", Expected("geweigerd", "symbolische link")),
    "GM0228/2017-03-03_pipe.csv": ("pipe", Expected("geweigerd", "geen gewoon bestand")),
}


def write(deliveries_dir: Path, seed: int) -> list[Path]:
    """Write the hostile set into `leveringen/`; returns the paths written."""
    written = []
    for rel, (data, _) in files(seed).items():
        path = deliveries_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    good = _csv("GM0228;2016;bijstand;roma;30;120;;;")
    for rel, (kind, _) in SPECIAL.items():
        path = deliveries_dir / rel.rstrip("/")
        if kind == "map":
            path.mkdir(parents=True, exist_ok=True)
            (path / "2017-03-01_x.csv").write_bytes(good)
        elif kind == "los":
            path.write_bytes(good)
        elif kind == "link-map":
            target = deliveries_dir.parent / "elders"
            target.mkdir(exist_ok=True)
            (target / "2017-03-01_x.csv").write_bytes(good)
            os.symlink(target, path)
        elif kind == "link":
            os.symlink(deliveries_dir / "GM0228" / "2017-01-01_gewone-levering.csv", path)
        elif kind == "pipe" and hasattr(os, "mkfifo"):
            os.mkfifo(path)
        written.append(path)
    return written
