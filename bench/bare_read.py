"""The physical limit: DuckDB's bare read_csv of the same delivery files into a table.

Used by the benchmark as the yardstick for `pipeline run` (issue 7). One CREATE TABLE per dialect
(separator, header and encoding), DuckDB detecting the types itself, nothing else: no lineage, no
checks. Files that are not UTF-8 are read as Latin-1 when they are (DuckDB has no Windows-1252);
the rest, and the XLSX files, which read_csv cannot read, are left out and counted.

    python bench/bare_read.py RAW_DIR     → prints one JSON line: files, skipped, rows, seconds
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

import duckdb

C1 = re.compile(rb"[\x80-\x9f]")


def groups(raw: Path) -> tuple[dict[tuple[str, str, str], list[str]], int]:
    """Delivery CSVs by (separator, header line, encoding); files DuckDB cannot read are counted."""
    out: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    skipped = sum(1 for _ in (raw / "leveringen").rglob("*.xlsx"))
    for path in sorted((raw / "leveringen").rglob("*.csv")):
        data = path.read_bytes()
        try:
            data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            if C1.search(data):  # Windows-1252's – € ‘ ’ …: not Latin-1, and DuckDB refuses them
                skipped += 1
                continue
            encoding = "latin-1"
        header = data.split(b"\n", 1)[0].decode(encoding).lstrip("\ufeff").strip()
        sep = ";" if header.count(";") >= header.count(",") else ","
        out[(sep, header, encoding)].append(str(path))
    return out, skipped


def main(raw: Path) -> dict:
    files, skipped = groups(raw)
    con = duckdb.connect()
    start = time.perf_counter()
    rows = 0
    for n, ((sep, _, encoding), paths) in enumerate(sorted(files.items())):
        con.execute(
            f"create table t{n} as select * from read_csv(?, delim = ?, header = true, encoding = ?)",
            [paths, sep, encoding],
        )
        rows += con.execute(f"select count(*) from t{n}").fetchall()[0][0]
    seconds = time.perf_counter() - start
    return {"files": sum(map(len, files.values())), "skipped": skipped, "rows": rows, "seconds": seconds}


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]))))
