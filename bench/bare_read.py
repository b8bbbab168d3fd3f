"""The physical limit: DuckDB's bare read_csv of the same delivery files into a table.

Used by the benchmark as the yardstick for `pipeline run` (issue 7). One CREATE TABLE per dialect
(separator and header), DuckDB detecting the types itself, nothing else: no lineage, no checks.
Files DuckDB cannot read bare (XLSX, Windows-1252) are left out and counted.

    python bench/bare_read.py RAW_DIR     → prints one JSON line: files, skipped, rows, seconds
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from pathlib import Path

import duckdb


def groups(raw: Path) -> tuple[dict[tuple[str, str], list[str]], int]:
    """Delivery CSVs by (separator, header line); files DuckDB cannot read bare are counted."""
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    skipped = 0
    for path in sorted((raw / "leveringen").rglob("*.csv")):
        head = path.open("rb").read(4096)
        first = head.split(b"\n", 1)[0]
        try:
            header = first.decode("utf-8-sig").strip()
            path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            skipped += 1
            continue
        sep = ";" if header.count(";") >= header.count(",") else ","
        out[(sep, header)].append(str(path))
    return out, skipped


def main(raw: Path) -> dict:
    files, skipped = groups(raw)
    con = duckdb.connect()
    start = time.perf_counter()
    rows = 0
    for n, ((sep, _), paths) in enumerate(sorted(files.items())):
        con.execute(f"create table t{n} as select * from read_csv(?, delim = ?, header = true)", [paths, sep])
        rows += con.execute(f"select count(*) from t{n}").fetchall()[0][0]
    seconds = time.perf_counter() - start
    return {"files": sum(map(len, files.values())), "skipped": skipped, "rows": rows, "seconds": seconds}


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]))))
