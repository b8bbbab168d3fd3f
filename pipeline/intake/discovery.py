"""Discovery: which files under `leveringen/` are deliveries, and what is refused before any byte is read.

A delivery lies directly in a folder named exactly `GM` and four ASCII digits (`GM0228`; not
`gm0228`, not `GM228`, not a look-alike letter). Everything else under `leveringen/` that is not
documentation is refused with a reason and listed in `leveringen`: a file outside such a folder, a
folder with another name (once, with the number of files it holds, none of them read), a folder
inside a municipality's folder, a symbolic link (never followed), anything that is not a regular
file. Hidden files (`.name`) and Excel's lock files (`~$name`) are skipped.

Names are shown cleaned of control characters, and a name that holds personal data (a BSN, an
e-mail address, a phone number) is refused and shown redacted — the name itself is never stored.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.intake import personal
from pipeline.progress import nl_number

GM_FOLDER = re.compile(r"GM[0-9]{4}", re.ASCII)
DOC_SUFFIXES = (".md", ".txt", ".pdf", ".docx")
COUNT_AT_MOST = 10_000  # files counted inside a refused folder


@dataclass
class Found:
    """One entry under `leveringen/`: a delivery to read, or a refusal."""

    path: Path
    bestand: str  # as lineage shows it: `leveringen/GM0228/2017-04-01_x.csv`, cleaned and redacted
    map_code: str | None
    reden: str | None = None  # set: refused without reading
    privacy: bool = False
    data: bytes | None = field(default=None, repr=False)  # held in memory (`check` of an upload)


def folder_code(name: str) -> str | None:
    """The municipality of a delivery folder: `GM0228` → `GM0228`; anything else → None."""
    return name if GM_FOLDER.fullmatch(name) else None


def shown_path(*parts: str) -> tuple[str, bool]:
    """A path for lineage and reasons: each part cleaned, a part with personal data redacted;
    and whether anything was redacted."""
    shown, redacted = [], False
    for part in parts:
        safe = personal.safe_name(part)
        if safe == personal.REDACTED and part != safe:
            redacted = True
            _, dot, suffix = part.rpartition(".")
            keep = "." + suffix if dot and suffix.lower() in ("csv", "xlsx") else ""
            date = part[:10] if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}_", part[:11]) else ""
            safe = f"{date}_{personal.REDACTED}{keep}" if date else f"{personal.REDACTED}{keep}"
        shown.append(safe)
    return "/".join(shown), redacted


def _entries(folder: Path) -> list[os.DirEntry]:
    with os.scandir(folder) as it:
        return sorted(it, key=lambda e: e.name)


def _skipped(name: str) -> bool:
    return name.startswith((".", "~$"))


def _count_files(folder: Path) -> int:
    n = 0
    for _root, _dirs, files in os.walk(folder, followlinks=False):
        n += len(files)
        if n >= COUNT_AT_MOST:
            break
    return n


def discover(deliveries_dir: Path, prefix: str = "leveringen") -> list[Found]:
    """Every entry under `leveringen/`, in a stable order, each a delivery or a refusal."""
    if not deliveries_dir.is_dir():
        return []
    out: list[Found] = []

    def refuse(path: Path, parts: tuple[str, ...], reason: str, code: str | None = None) -> None:
        bestand, redacted = shown_path(prefix, *parts)
        if redacted:
            reason = "de naam bevat gegevens over personen en is hier weggelaten; " + reason
        out.append(Found(path, bestand, code, reason, privacy=redacted))

    try:
        top = _entries(deliveries_dir)
    except OSError as e:
        return [Found(deliveries_dir, prefix, None, f"de map kan niet worden gelezen ({e.strerror})")]
    for entry in top:
        path, name = Path(entry.path), entry.name
        if _skipped(name):
            continue
        if entry.is_symlink():
            refuse(
                path, (name,), "dit is een symbolische link; zet de levering zelf in de map van de gemeente"
            )
        elif entry.is_dir(follow_symlinks=False):
            code = folder_code(name)
            if code is None:
                n = _count_files(path)
                shown = personal.safe_name(name)
                refuse(
                    path,
                    (name + "/",),
                    f"de map {shown!r} is geen gemeentemap: de naam "
                    f"moet precies GM en vier cijfers zijn, zoals GM0228; de {nl_number(n)} bestanden "
                    "erin zijn niet gelezen",
                )
            else:
                out += _folder(path, name, code, prefix)
        elif name.lower().endswith(DOC_SUFFIXES) and entry.is_file(follow_symlinks=False):
            continue  # documentation beside the deliveries (SYNTHETISCH.md, a README)
        else:
            refuse(
                path,
                (name,),
                "het bestand staat niet in de map van een gemeente; zet het in "
                "leveringen/GMxxxx/ (GM en de vier cijfers van de CBS-code)",
            )
    return out


def _folder(folder: Path, folder_name: str, code: str, prefix: str) -> list[Found]:
    out: list[Found] = []
    try:
        entries = _entries(folder)
    except OSError as e:
        return [
            Found(folder, f"{prefix}/{folder_name}/", code, f"de map kan niet worden gelezen ({e.strerror})")
        ]
    for entry in entries:
        name = entry.name
        if _skipped(name):
            continue
        path = Path(entry.path)
        bestand, redacted = shown_path(prefix, folder_name, name)
        if entry.is_symlink():
            reason = "dit is een symbolische link; zet de levering zelf in de map van de gemeente"
        elif entry.is_dir(follow_symlinks=False):
            bestand += "/"
            reason = (
                "een map in de map van de gemeente wordt niet gelezen; zet de leveringen direct in "
                + folder_name
            )
        elif not entry.is_file(follow_symlinks=False):
            reason = "dit is geen gewoon bestand (maar bijvoorbeeld een pipe of apparaat)"
        else:
            reason = None
        if redacted:
            kind = personal.name_kind(name) or "persoonsgegeven"
            reason = (
                f"de naam van het bestand bevat een {kind}; die is hier weggelaten. Geef het bestand een "
                "naam zonder gegevens over personen" + (f" ({reason})" if reason else "")
            )
        out.append(Found(path, bestand, code, reason, privacy=redacted))
    return out
