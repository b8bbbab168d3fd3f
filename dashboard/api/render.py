"""The formats of an answer: a JSON page, or a whole file (`csv`, `csv-nl`, `parquet`) with its
`datapackage.json`.

For `cijfers` the files are the extract's own (`pipeline.extracts.run.write_data`,
`pipeline.extracts.datapackage.descriptor`): byte for byte what `python -m pipeline extract`
writes for the same filters. The other tables follow the same rules with the same format
definitions (`FORMATS` of the extract): UTF-8, `,` or `;` with BOM, decimal point or comma,
`true`/`false` or `ja`/`nee`, every text cell neutralised against spreadsheet formulas; a list
is written as a JSON array.
"""

from __future__ import annotations

import hashlib
import io
import tempfile
from pathlib import Path

import duckdb
import orjson
import pyarrow as pa
import pyarrow.parquet as pq

from dashboard.api.resources import Resource
from pipeline.extracts import datapackage, notes
from pipeline.extracts.formats import BOM, FORMATS, Format
from pipeline.extracts.query import Filters
from pipeline.extracts.run import Release, write_data
from pipeline.extracts.safety import neutralise

MEDIA_TYPES = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8; header=present",
    "csv-nl": "text/csv; charset=utf-8; header=present",
    "parquet": "application/vnd.apache.parquet",
}
TABLE_SCHEMA_TYPES = {"s": "string", "i": "integer", "n": "number", "b": "boolean", "d": "date"}


def json_bytes(value: object) -> bytes:
    """Compact JSON (NaN and infinity become null, dates ISO 8601)."""
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS)


def page(
    table: pa.Table, ask_offset: int, ask_limit: int, build: str, synthetic: bool, next_url: str | None
) -> bytes:
    """One JSON page of the rows: `total`, `limit`, `offset`, `next` (null on the last page), `data`."""
    rows = [
        {k: neutralise(v) if isinstance(v, str) else v for k, v in row.items()}
        for row in table.slice(ask_offset, ask_limit).to_pylist()
    ]
    return json_bytes(
        {
            "build": build,
            "synthetisch": synthetic,
            "total": table.num_rows,
            "limit": ask_limit,
            "offset": ask_offset,
            "next": next_url,
            "data": rows,
        }
    )


def filters_described(resolved: Filters, doelgroep: tuple[str, ...]) -> dict[str, object]:
    """The filters as the extract describes them, and `doelgroep` (which the extract lacks) when given."""
    out = resolved.describe()
    if doelgroep:
        out["doelgroep"] = list(doelgroep)
    return out


def figures_file(table: pa.Table, fmt: str, release: Release, filters: dict[str, object]) -> bytes:
    """The extract's data file for the figures `table` (as `figures()` gives them)."""
    with tempfile.TemporaryDirectory(prefix="api-") as tmp:
        path = Path(tmp) / FORMATS[fmt].filename
        write_data(table, path, fmt, release, filters)
        return path.read_bytes()


def figures_package(content: bytes, fmt: str, release: Release, filters: dict[str, object], url: str) -> dict:
    """The extract's `datapackage.json` for that file, its resource pointing at `url`."""
    package = datapackage.descriptor(
        FORMATS[fmt], content, release.synthetic, release.manifest_id, filters, release.enums, release.rules
    )
    package["resources"][0]["path"] = url
    return package


def table_file(resource: Resource, table: pa.Table, fmt: str, release: Release) -> bytes:
    """Another table (already neutralised) as csv, csv-nl or parquet."""
    if fmt == "parquet":
        meta = {
            "manifest_id": release.manifest_id,
            "synthetisch": "true" if release.synthetic else "false",
            "titel": f"{notes.TITLE}: {resource.title}",
            "beschrijving": resource.description,
        }
        out = io.BytesIO()
        pq.write_table(
            table.replace_schema_metadata({k.encode(): v.encode() for k, v in sorted(meta.items())}),
            out,
            compression="zstd",
        )
        return out.getvalue()
    spec = FORMATS[fmt]
    with tempfile.TemporaryDirectory(prefix="api-") as tmp:
        path = Path(tmp) / "rijen.csv"
        con = duckdb.connect()
        try:
            con.register("rijen", table)
            con.sql(_csv_select(resource, spec)).write_csv(
                str(path), sep=spec.delimiter, header=True, quotechar='"'
            )
        finally:
            con.close()
        body = path.read_bytes()
    return (BOM if spec.bom else b"") + body


def _csv_select(resource: Resource, fmt: Format) -> str:
    out = []
    for c in resource.columns:
        if c.is_list:
            out.append(f"to_json({c.name})::varchar as {c.name}")
        elif c.type == "n" and fmt.decimal != ".":
            out.append(f"replace(cast({c.name} as varchar), '.', '{fmt.decimal}') as {c.name}")
        elif c.type == "b":
            out.append(
                f"case when {c.name} then '{fmt.true}' when not {c.name} then '{fmt.false}' end as {c.name}"
            )
        else:
            out.append(c.name)
    return "select " + ", ".join(out) + " from rijen"


def table_package(
    resource: Resource, content: bytes, fmt: str, release: Release, filters: dict[str, object], url: str
) -> dict:
    """A Frictionless Data Package (v2) for another table's file, built like the extract's."""
    spec = FORMATS[fmt]
    res: dict[str, object] = {
        "name": resource.name,
        "type": "table",
        "title": resource.title,
        "description": resource.description,
        "path": url,
        "format": "parquet" if fmt == "parquet" else "csv",
        "mediatype": spec.mediatype,
        "hash": "sha256:" + hashlib.sha256(content).hexdigest(),
    }
    fields = []
    for c in resource.columns:
        field: dict[str, object] = {
            "name": c.name,
            "type": "array" if c.is_list else TABLE_SCHEMA_TYPES[c.base],
        }
        if c.description:
            field["description"] = c.description
        if fmt != "parquet" and c.type == "n":
            field["decimalChar"] = spec.decimal
        if fmt != "parquet" and c.type == "b":
            field["trueValues"], field["falseValues"] = [spec.true], [spec.false]
        fields.append(field)
    if fmt != "parquet":
        res["bytes"] = len(content)
        res["encoding"] = "utf-8"
        res["dialect"] = {
            "$schema": datapackage.PROFILE + "tabledialect.json",
            "header": True,
            "delimiter": spec.delimiter,
            "quoteChar": '"',
        }
    res["schema"] = {
        "$schema": datapackage.PROFILE + "tableschema.json",
        "fields": fields,
        "missingValues": [""],
    }
    return {
        "$schema": datapackage.PROFILE + "datapackage.json",
        "name": f"{datapackage.NAME}-{resource.name.replace('_', '-')}",
        "title": f"{notes.TITLE}: {resource.title}"
        + (" — SYNTHETISCHE GEGEVENS" if release.synthetic else ""),
        "description": notes.description(release.synthetic),
        "synthetisch": release.synthetic,
        "manifest_id": release.manifest_id,
        "filters": filters,
        "onthulling": release.rules,
        "sources": [
            {"title": s.title, "description": s.description} for s in notes.sources(release.synthetic)
        ],
        "resources": [res],
    }
