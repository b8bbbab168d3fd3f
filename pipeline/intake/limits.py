"""Inspection and limits: what a delivery file may be, checked before anything reads it into memory.

A file is read once, at most `max_bytes` + 1 bytes of it (a file that is larger is refused
without reading the rest); its hash is the hash of exactly those bytes, and the readers parse
those same bytes. A workbook (XLSX, a zip of XML parts) is measured before a sheet is opened:
the number and declared sizes of its parts and their compression ratio (a zip bomb), then each
sheet's declared dimension and, streaming through its XML, the cells it really holds — so that
no reader ever allocates a grid the limits do not allow; every text is measured once read (its
size bounded meanwhile by the unpacked size). The parts are then handed to the Excel reader as a
new, uncompressed zip of exactly the bytes that were measured.

Every refusal names the limit it broke (the setting in `pipeline/settings.toml` [grenzen]).
"""

from __future__ import annotations

import io
import os
import re
import stat
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO
from xml.parsers import expat

from pipeline.config import FileLimits
from pipeline.intake import Refused
from pipeline.progress import nl_number

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
RATIO_FROM = 1_000_000  # bytes: smaller parts may compress as well as they like
CELL_REF = re.compile(r"^\$?([A-Z]{1,3})\$?([0-9]{1,7})$")


def over(what: str, limit: int, setting: str, unit: str = "") -> Refused:
    """A refusal that names the limit and its setting."""
    return Refused(f"{what} (de grens is {nl_number(limit)}{unit}; instelling grenzen.{setting})")


def read_file(path: Path, limits: FileLimits) -> bytes:
    """A delivery's bytes, read once and bounded: a file over `max_bytes` is refused unread, and
    neither a symbolic link nor anything but a regular file (a pipe, a device) is opened."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        raise Refused("het bestand is verdwenen voordat het gelezen kon worden") from None
    except OSError as e:
        if e.errno == 40:  # ELOOP: a symbolic link put in its place
            raise Refused("het bestand is een symbolische link; lever het bestand zelf") from None
        raise Refused(f"het bestand kan niet worden geopend ({e.strerror or type(e).__name__})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Refused("dit is geen gewoon bestand (maar bijvoorbeeld een pipe of apparaat)")
        if info.st_size > limits.max_bytes:
            raise over(
                f"het bestand is {nl_number(info.st_size)} bytes", limits.max_bytes, "max_bytes", " bytes"
            )
        chunks, size = [], 0
        while size <= limits.max_bytes:
            chunk = os.read(fd, min(1 << 20, limits.max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limits.max_bytes:
            raise over(
                "het bestand is gegroeid tot boven de grootte", limits.max_bytes, "max_bytes", " bytes"
            )
        return b"".join(chunks)
    except OSError as e:
        raise Refused(f"het bestand kan niet worden gelezen ({e.strerror or type(e).__name__})") from None
    finally:
        os.close(fd)


def check_size(data: bytes, limits: FileLimits) -> None:
    if len(data) > limits.max_bytes:
        raise over(f"het bestand is {nl_number(len(data))} bytes", limits.max_bytes, "max_bytes", " bytes")


def check_cells(values: Sequence[Sequence[object]], sheet: str, limits: FileLimits) -> None:
    """No text in a sheet longer than one cell may be (the sheet is in memory, bounded by the
    workbook's unpacked size)."""
    longest = max((len(v) for row in values for v in row if type(v) is str), default=0)
    if longest > limits.max_tekens_cel:
        raise over(
            f"werkblad {sheet!r}: een cel is langer", limits.max_tekens_cel, "max_tekens_cel", " tekens"
        )


def check_text(data: bytes, limits: FileLimits) -> None:
    """A text file's rows, before it is decoded: every line break counts (blank lines too)."""
    lines = data.count(b"\n") + 1
    if lines > limits.max_rijen + 20:
        raise over(f"het bestand heeft {nl_number(lines)} regels", limits.max_rijen, "max_rijen", " rijen")


# --------------------------------------------------------------------------- workbooks


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def cell_position(ref: str) -> tuple[int, int] | None:
    """`B12` → (12, 2)."""
    m = CELL_REF.match(ref.strip().upper())
    return (int(m.group(2)), _column_number(m.group(1))) if m else None


@dataclass
class SheetScan:
    """What streaming through one sheet's XML found."""

    naam: str
    zichtbaar: bool
    pad: str
    rijen: int = 0
    kolommen: int = 0
    formules: set[tuple[int, int]] = field(default_factory=set)  # (row, column), 1-based


@dataclass
class Workbook:
    """A measured workbook: its parts as an uncompressed zip of exactly the bytes measured, and
    its sheets in workbook order."""

    data: bytes
    sheets: list[SheetScan]


class _Stop(Exception):
    pass


def _parse(
    stream: IO[bytes],
    start: Callable[[str, dict[str, str]], None],
    end: Callable[[str], None] | None = None,
    text: Callable[[str], None] | None = None,
) -> None:
    """Stream an XML part through expat with namespace-qualified names; DTDs are refused (a
    workbook never has one; they carry entity bombs)."""
    parser = expat.ParserCreate(namespace_separator="|")
    parser.buffer_text = True

    def doctype(*_args: object) -> None:
        raise Refused("de Excel-werkmap bevat een DTD-declaratie; sla haar opnieuw op als gewone .xlsx")

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    parser.StartElementHandler = start
    if end:
        parser.EndElementHandler = end
    if text:
        parser.CharacterDataHandler = text
    while True:
        chunk = stream.read(1 << 16)
        if not chunk:
            break
        parser.Parse(chunk, False)
    parser.Parse(b"", True)


def _local(name: str) -> tuple[str, str]:
    ns, _, local = name.rpartition("|")
    return ns, local


def open_xlsx(data: bytes, limits: FileLimits) -> Workbook:
    """Measure a workbook against the limits; raises Refused naming the limit it broke."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise Refused("de Excel-werkmap is beschadigd of onvolledig (geen leesbare zip)") from None
    if len(infos) > limits.max_onderdelen:
        raise over(
            f"de werkmap heeft {nl_number(len(infos))} onderdelen", limits.max_onderdelen, "max_onderdelen"
        )
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise Refused("de Excel-werkmap is versleuteld; lever haar zonder wachtwoord")
        total += info.file_size
        if info.file_size > RATIO_FROM and info.file_size > limits.max_verhouding * max(
            info.compress_size, 1
        ):
            raise over(
                f"een onderdeel van de werkmap pakt uit tot {nl_number(info.file_size)} bytes uit "
                f"{nl_number(info.compress_size)} (een zipbom)",
                limits.max_verhouding,
                "max_verhouding",
                " keer",
            )
    if total > limits.max_uitgepakt:
        raise over(
            f"de werkmap pakt uit tot {nl_number(total)} bytes",
            limits.max_uitgepakt,
            "max_uitgepakt",
            " bytes",
        )
    names = {i.filename for i in infos}
    try:
        sheets = _sheet_list(zf, names, limits)
        for sheet in sheets:
            with zf.open(sheet.pad) as stream:
                _scan_sheet(stream, sheet, limits)
        return Workbook(_repack(zf, infos), sheets)
    except Refused:
        raise
    except Exception as e:  # zlib, zipfile, expat, struct, …: whatever a broken zip makes them raise
        raise Refused(f"de Excel-werkmap is beschadigd of onvolledig ({type(e).__name__})") from None


def _repack(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> bytes:
    """Every part, uncompressed, in a new zip: the Excel reader sees exactly what was measured (a
    part that decompresses to more than it declared was cut at its declared size and failed its
    checksum here)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as new:
        for info in infos:
            if info.is_dir():
                continue
            new.writestr(info.filename, zf.read(info))
    return out.getvalue()


def _sheet_list(zf: zipfile.ZipFile, names: set[str], limits: FileLimits) -> list[SheetScan]:
    """The worksheets in workbook order, hidden ones too, with the part that holds each."""
    if "xl/workbook.xml" not in names:
        raise Refused("de Excel-werkmap heeft geen werkboekdeel (xl/workbook.xml); is het wel een .xlsx?")
    found: list[tuple[str, bool, str]] = []

    def sheet(name: str, attrs: dict[str, str]) -> None:
        if _local(name) == (MAIN_NS, "sheet") or _local(name)[1] == "sheet":
            found.append(
                (
                    attrs.get("name", ""),
                    attrs.get("state", "visible") == "visible",
                    attrs.get(f"{REL_NS}|id", ""),
                )
            )
            if len(found) > limits.max_werkbladen:
                raise over("de werkmap heeft meer werkbladen", limits.max_werkbladen, "max_werkbladen")

    with zf.open("xl/workbook.xml") as stream:
        _parse(stream, sheet)
    targets: dict[str, str] = {}
    if "xl/_rels/workbook.xml.rels" in names:

        def rel(name: str, attrs: dict[str, str]) -> None:
            if _local(name)[1] == "Relationship" and attrs.get("Type", "").endswith("/worksheet"):
                target = attrs.get("Target", "")
                target = target.lstrip("/") if target.startswith("/") else "xl/" + target
                targets[attrs.get("Id", "")] = os.path.normpath(target).replace(os.sep, "/")

        with zf.open("xl/_rels/workbook.xml.rels") as stream:
            _parse(stream, rel)
    sheets = [
        SheetScan(n, visible, targets[rid])
        for n, visible, rid in found
        if rid in targets and targets[rid] in names
    ]
    if not sheets:
        raise Refused("de Excel-werkmap heeft geen werkblad")
    return sheets


PLAIN_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")


def _scan_sheet(stream: IO[bytes], sheet: SheetScan, limits: FileLimits) -> None:
    """The used range and the formula cells of one sheet, streaming; refuses as soon as the range
    breaks a limit (a declared dimension too, before any cell). Only element starts are looked
    at: the texts are bounded by the part's size here and measured once read."""
    name = f"werkblad {sheet.naam!r}"
    at = [0, 0]  # row, column of the last cell

    def check_extent(row: int, col: int) -> None:
        # the Excel reader makes a grid from A1 to the last cell: that is what must fit
        if row > limits.max_rijen:
            raise over(
                f"{name} heeft rijen tot rij {nl_number(row)}", limits.max_rijen, "max_rijen", " rijen"
            )
        if col > limits.max_kolommen:
            raise over(
                f"{name} heeft kolommen tot kolom {nl_number(col)}",
                limits.max_kolommen,
                "max_kolommen",
                " kolommen",
            )
        sheet.rijen, sheet.kolommen = max(sheet.rijen, row), max(sheet.kolommen, col)
        if sheet.rijen * sheet.kolommen > limits.max_cellen:
            raise over(
                f"{name} beslaat {nl_number(sheet.rijen * sheet.kolommen)} cellen",
                limits.max_cellen,
                "max_cellen",
                " cellen",
            )

    locals_: dict[str, str] = {}  # tag → local name: a sheet has a handful of tags, a cell each
    columns: dict[str, int] = {}  # column letters → number

    def start(tag: str, attrs: dict[str, str]) -> None:
        local = locals_.get(tag)
        if local is None:
            local = locals_[tag] = tag[tag.rfind("|") + 1 :]
        if local == "c":
            ref = attrs.get("r")
            m = PLAIN_REF.fullmatch(ref) if ref else None
            if m:
                letters, digits = m.groups()
                col = columns.get(letters)
                if col is None:
                    col = columns[letters] = _column_number(letters)
                at[0], at[1] = int(digits), col
            elif ref and (position := cell_position(ref)):
                at[0], at[1] = position
            else:
                at[1] += 1
            if at[0] > sheet.rijen or at[1] > sheet.kolommen:
                check_extent(max(at[0], 1), max(at[1], 1))
        elif local == "row":
            r = attrs.get("r")
            at[0] = int(r) if r and r.isdigit() else at[0] + 1
            at[1] = 0
        elif local == "f":
            sheet.formules.add((at[0], at[1]))
        elif local == "dimension":
            ref = attrs.get("ref", "")
            last = cell_position(ref.split(":")[-1]) if ref else None
            if last:
                check_extent(*last)

    _parse(stream, start)
