"""`datapackage.json` beside the data: a Frictionless Data Package (v2) that describes every column.

`frictionless validate datapackage.json` reads the data through this descriptor: the dialect
(`;` for csv-nl), decimal comma, `ja`/`nee`, the primary key, the allowed codes, and the file's
size and sha256. The build's manifest id and whether the data are synthetic are properties of
the package, beside its sources with their credit and licence.
"""

from __future__ import annotations

import hashlib
import json

from pipeline.extracts import notes
from pipeline.extracts.codebook import COLUMNS, PRIMARY_KEY, Column
from pipeline.extracts.formats import SHEET_FIGURES, Format

PROFILE = "https://datapackage.org/profiles/2.0/"
FILENAME = "datapackage.json"
NAME = "monitor-inclusie-roma"
RESOURCE = "cijfers"
KEYWORDS = ["Monitor Inclusie Roma", "roma", "gemeenten", "verzuim", "arbeid", "wonen", "veiligheid"]


def descriptor(
    fmt: Format,
    content: bytes,
    synthetic: bool,
    manifest_id: str,
    filters: dict[str, object],
    enums: dict[str, list[str]],
    rule: dict[str, object],
    taal: str = "nl",
) -> dict:
    """The package descriptor for the data file of format `fmt` whose bytes are `content`; with
    `taal="en"` its titles and descriptions in English (names, codes and values stay as they are)."""
    package = _descriptor(fmt, content, synthetic, manifest_id, filters, enums, rule)
    return in_english(package, fmt, synthetic) if taal == "en" else package


def in_english(package: dict, fmt: Format, synthetic: bool) -> dict:
    """The same descriptor with the English codebook of pipeline/i18n/codebook.py."""
    from pipeline.i18n import codebook as en

    resource = dict(package["resources"][0])
    resource["title"], resource["description"] = en.TITLE, en.FORMATS[fmt.name]
    fields = []
    for f in resource["schema"]["fields"]:
        title, description, unit = en.COLUMNS[f["name"]]
        fields.append({**f, "title": title, "description": description, "unit": unit})
    resource["schema"] = {**resource["schema"], "fields": fields}
    sources = []
    for s, (title, description) in zip(package["sources"], en.SOURCES, strict=True):
        if synthetic and not s.get("path"):
            title, description = title + en.SYNTHETIC_SOURCE[0], description + en.SYNTHETIC_SOURCE[1]
        sources.append({**s, "title": title, "description": description})
    return {
        **package,
        "title": en.TITLE + (en.SYNTHETIC_TITLE if synthetic else ""),
        "description": " ".join([en.SYNTHETIC_WARNING if synthetic else en.MEASURED, en.DESCRIPTION]),
        "sources": sources,
        "resources": [resource],
    }


def _descriptor(
    fmt: Format,
    content: bytes,
    synthetic: bool,
    manifest_id: str,
    filters: dict[str, object],
    enums: dict[str, list[str]],
    rule: dict[str, object],
) -> dict:
    resource = {
        "name": RESOURCE,
        "type": "table",
        "title": notes.TITLE,
        "description": fmt.description,
        "path": fmt.filename,
        "format": fmt.filename.rsplit(".", 1)[1],
        "mediatype": fmt.mediatype,
        "bytes": len(content),
        "hash": "sha256:" + hashlib.sha256(content).hexdigest(),
    }
    if fmt.name == "parquet":
        # frictionless reads parquet through pandas: it cannot count the bytes it reads, and a
        # null arrives as NaN ("nan"). Neither is in the file; without this it fails on itself.
        del resource["bytes"]
    if resource_is_text(fmt):
        resource["encoding"] = "utf-8"
        resource["dialect"] = {
            "$schema": PROFILE + "tabledialect.json",
            "header": True,
            "delimiter": fmt.delimiter,
            "quoteChar": '"',
        }
    elif resource["format"] == "xlsx":
        resource["dialect"] = {"$schema": PROFILE + "tabledialect.json", "sheetName": SHEET_FIGURES}
    resource["schema"] = {
        "$schema": PROFILE + "tableschema.json",
        "fields": [_field(c, fmt, enums.get(c.name)) for c in COLUMNS],
        "primaryKey": list(PRIMARY_KEY),
        "missingValues": ["", "nan"] if fmt.name == "parquet" else [""],
    }
    return {
        "$schema": PROFILE + "datapackage.json",
        "name": NAME,
        "title": notes.TITLE + (" — SYNTHETISCHE GEGEVENS" if synthetic else ""),
        "description": notes.description(synthetic),
        "synthetisch": synthetic,
        "manifest_id": manifest_id,
        "filters": filters,
        "onthulling": rule,
        "keywords": KEYWORDS,
        "sources": [_source(s) for s in notes.sources(synthetic)],
        "resources": [resource],
    }


def resource_is_text(fmt: Format) -> bool:
    """CSV flavours carry their dialect and the text of numbers and booleans in the descriptor."""
    return fmt.filename.endswith(".csv")


def _field(c: Column, fmt: Format, enum: list[str] | None) -> dict:
    out: dict[str, object] = {
        "name": c.name,
        "type": c.type,
        "title": c.title,
        "description": c.description,
        "unit": c.unit,
    }
    if resource_is_text(fmt):
        if c.type == "number":
            out["decimalChar"] = fmt.decimal
        if c.type == "boolean":
            out["trueValues"], out["falseValues"] = [fmt.true], [fmt.false]
    constraints = dict(c.constraints)
    if enum:
        constraints["enum"] = enum
    if constraints:
        out["constraints"] = constraints
    return out


def _source(s: notes.Source) -> dict:
    out: dict[str, object] = {"title": s.title, "description": s.description}
    if s.path:
        out["path"] = s.path
    if s.cbs:
        out["attribution"] = notes.ATTRIBUTION
        out["licenses"] = [notes.CC_BY]
    return out


def dumps(package: dict) -> bytes:
    """Stable JSON text: the same descriptor gives the same bytes."""
    return (json.dumps(package, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
