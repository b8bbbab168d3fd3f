"""The API's door to the database: read-only, reopened when a new build replaces the file, results
cached per build, every query bounded in time, rows and concurrency.

- Only publication and reference tables are read (`resources.py` names them), each once per
  build; `cijfers` through the extract's own query (`pipeline.extracts.query.figures`). A question
  then takes its rows from that table with the extract's filters (`Database.select`), and unknown
  codes are refused in the extract's words (`resolve`), so the API cannot disagree with
  `python -m pipeline extract` (held byte for byte by tests/api).
- Parameters are checked before anything reaches the database (`params.py`) and no text of a
  request becomes SQL.
- A query that runs longer than `Limits.query_seconds` is interrupted (413), a file of more rows
  than `Limits.file_rows` is refused (413), and when `Limits.concurrent` computations are already
  running the next one waits at most `Limits.wait_seconds` and is then told to come back (429):
  a busy server answers, it does not stall.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypedDict, TypeVar, cast

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.api.params import Ask, Limits
from dashboard.api.problems import Fault, Problem, invalid, shown
from dashboard.api.resources import RESOURCES, Resource, doelgroepen
from pipeline.extracts.query import Filters, UsageError, resolve
from pipeline.extracts.query import figures as extract_figures
from pipeline.extracts.run import Release, release_of
from pipeline.extracts.safety import sql_neutralised

T = TypeVar("T")


class Codes(TypedDict):
    """The codes of a build that a filter may name (`Database.codes`)."""

    gemeente: set[str]
    indicator: set[str]
    domein: dict[str, set[str]]  # domain → its indicators
    groep: dict[str, set[str]]  # table → its groups


class Database:
    """Read-only access to the build at `path_of()` for the API, with a cache per build."""

    def __init__(self, path_of: Callable[[], Path], limits: Limits, cache_size: int = 256) -> None:
        self.path_of = path_of
        self.limits = limits
        self._lock = threading.RLock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._stamp: tuple[int, int, int] | None = None
        self._pid = os.getpid()
        self._inherited: list[duckdb.DuckDBPyConnection] = []
        self._cache: OrderedDict[tuple, object] = OrderedDict()
        self._cache_size = cache_size
        self._gate = threading.BoundedSemaphore(limits.concurrent)
        self._held = threading.local()

    def _connection(self) -> tuple[duckdb.DuckDBPyConnection, str]:
        path = Path(self.path_of())
        try:
            st = os.stat(path)
        except OSError:
            raise Problem(
                503,
                "Er is nog geen database; bouw hem met `make` (of `python -m pipeline run`).",
                headers={"Retry-After": "60"},
            ) from None
        stamp = (st.st_ino, st.st_mtime_ns, st.st_size)
        with self._lock:
            if self._pid != os.getpid():  # a forked worker opens its own connection, never its parent's
                if self._con is not None:
                    self._inherited.append(self._con)
                self._con, self._pid = None, os.getpid()
            if stamp != self._stamp or self._con is None:
                # The old connection is dropped, not closed: a query still running finishes on it.
                con = duckdb.connect(":memory:")
                con.execute("set global python_enable_replacements = false")
                quoted = str(path).replace("'", "''")
                con.execute(f"attach '{quoted}' as monitor (read_only)")
                self._con = con
                if stamp != self._stamp:
                    self._stamp = stamp
                    self._cache.clear()
            return self._con, "-".join(map(str, stamp))

    @contextlib.contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor on the open build, interrupted when it runs past the time limit (413)."""
        con, _ = self._connection()
        cur = con.cursor()
        cur.execute("use monitor")
        done = threading.Event()

        def watch() -> None:
            # past the limit, interrupt whatever the cursor runs until the block ends (an interrupt
            # that arrives between two queries would otherwise be lost)
            if not done.wait(self.limits.query_seconds):
                while not done.is_set():
                    cur.interrupt()
                    done.wait(0.01)

        watcher = threading.Thread(target=watch, name="api-query-limit", daemon=True)
        watcher.start()
        try:
            yield cur
        except duckdb.InterruptException:
            seconds = f"{self.limits.query_seconds:g}"
            raise Problem(
                413,
                f"De vraag duurde langer dan {seconds} s en is afgebroken; filter verder "
                "(gemeente, indicator, van, tot).",
            ) from None
        finally:
            done.set()
            watcher.join()  # it lets go of the cursor before the cursor is closed
            cur.close()

    def build_key(self) -> str:
        return self._connection()[1]

    def cached(self, name: str, args: tuple, compute: Callable[[], T]) -> T:
        """`compute()` once per build; while it runs it holds one of the limited query slots."""
        key = (self.build_key(), name, args)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return cast(T, self._cache[key])  # what `compute` of this name and args made
        if getattr(self._held, "slot", False):  # a computation inside one that holds a slot already
            return self._store(key, compute())
        if not self._gate.acquire(timeout=self.limits.wait_seconds):
            raise Problem(
                429,
                "De server beantwoordt nu al zoveel vragen dat deze moet wachten; probeer het "
                "over een seconde opnieuw.",
                headers={"Retry-After": "1"},
            )
        self._held.slot = True
        try:
            return self._store(key, compute())
        finally:
            self._held.slot = False
            self._gate.release()

    def _store(self, key: tuple, value: T) -> T:
        # A build's own tables are kept whatever their size; an answer only when it is small, so
        # that a few hundred remembered answers cannot fill the memory of a worker.
        if key[1] != "table" and _size(value) > self.limits.cache_bytes:
            return value
        with self._lock:
            if self._stamp is not None and key[0] == "-".join(map(str, self._stamp)):
                self._cache[key] = value
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
        return value

    # ------------------------------------------------------------------ what the build says

    def release(self) -> Release:
        """The build's id, whether it is synthetic, its codes and disclosure thresholds (as the extract)."""

        def compute() -> Release:
            with self.cursor() as cur:
                return release_of(cur)

        return self.cached("release", (), compute)

    def build(self) -> dict:
        """Which build is served: id, time, the digest of its inputs' hashes, synthetic or not."""

        def compute() -> dict:
            with self.cursor() as cur:
                m = cur.execute(
                    "select id, gemaakt, synthetisch, versies, leveringen_geaccepteerd, "
                    "leveringen_geweigerd, rijen_quarantaine from manifest"
                ).fetchall()[0]
                inputs = cur.execute(
                    "select bestand, sha256 from manifest_invoer order by bestand"
                ).fetchall()
            digest = hashlib.sha256("".join(f"{b}\t{h}\n" for b, h in inputs).encode()).hexdigest()
            return {
                "id": str(m[0]),
                "gemaakt": str(m[1]),
                "synthetisch": bool(m[2]),
                "invoer_sha256": digest,
                "invoer_bestanden": len(inputs),
                "leveringen_geaccepteerd": int(m[4]),
                "leveringen_geweigerd": int(m[5]),
                "rijen_quarantaine": int(m[6]),
                "versies": json.loads(m[3]),
            }

        return self.cached("build", (), compute)

    # ------------------------------------------------------------------ the rows of a question

    def codes(self) -> Codes:
        """The codes of the build a filter may name: municipalities, indicators, domains (with their
        indicators), and the groups of each table that has them."""

        def compute() -> Codes:
            with self.cursor() as cur:
                pairs = cur.execute("select indicator, domein from indicatoren").fetchall()
                groups = {
                    r.table: {
                        g
                        for (g,) in cur.execute(
                            f"select distinct groep from {r.table} where groep is not null"
                        ).fetchall()
                    }
                    for r in RESOURCES
                    if any(f.name == "groep" for f in r.filters)
                }
                gemeenten = {g for (g,) in cur.execute("select gemeente_code from gemeenten").fetchall()}
            domains: dict[str, set[str]] = {}
            for indicator, domein in pairs:
                domains.setdefault(domein, set()).add(indicator)
            return {
                "gemeente": gemeenten,
                "indicator": {i for i, _ in pairs},
                "domein": domains,
                "groep": groups,
            }

        return self.cached("codes", (), compute)

    def check_codes(self, ask: Ask) -> Filters:
        """The codes of `ask` against the build; 400 naming each unknown one. When anything is
        unknown, the extract's own `resolve` says what (with its hints), so the API and `pipeline
        extract` refuse the same filters with the same words."""
        codes = self.codes()
        wanted = Filters(ask.values("gemeente"), ask.values("indicator"), ask.values("domein"))
        domains = codes["domein"]
        suspect = (
            not set(wanted.gemeenten) <= codes["gemeente"]
            or not set(wanted.indicatoren) <= codes["indicator"]
            or not set(wanted.domeinen) <= set(domains)
            or (
                wanted.indicatoren
                and wanted.domeinen
                and not set(wanted.indicatoren) & set().union(*(domains[d] for d in wanted.domeinen))
            )
        )
        faults: list[Fault] = []
        if suspect:
            try:
                with self.cursor() as cur:
                    resolve(cur, wanted)
            except UsageError as e:
                for line in str(e).splitlines():
                    first = line.split(" ", 1)[0]
                    # "geen van de indicatoren … hoort bij domein …" is about the indicator chosen
                    field = first if first in ("gemeente", "indicator", "domein") else "indicator"
                    faults.append(Fault(field, line))
        for d in ask.values("doelgroep"):
            if d not in doelgroepen():
                faults.append(
                    Fault("doelgroep", f"{shown(d)!r} is geen doelgroep; kies uit {', '.join(doelgroepen())}")
                )
        groups = codes["groep"].get(ask.resource.table, set())
        for g in ask.values("groep"):
            if g not in groups:
                faults.append(
                    Fault("groep", f"{shown(g)!r} is geen groep; kies uit {', '.join(sorted(groups))}")
                )
        if faults:
            raise invalid(faults)
        return Filters(
            wanted.gemeenten, wanted.indicatoren, wanted.domeinen, ask.year("van"), ask.year("tot")
        )

    def table(self, resource: Resource) -> pa.Table:
        """A whole table of the build, once per build. `cijfers` is the extract's query without
        filters (`pipeline.extracts.query.figures`, its text left for the writers to neutralise);
        the others are selected with their text neutralised, in the order of their definition."""

        def compute() -> pa.Table:
            with self.cursor() as cur:
                if resource.figures:
                    return extract_figures(cur, Filters())
                select = ", ".join(
                    f"{sql_neutralised(c.name)} as {c.name}" if c.type == "s" else c.name
                    for c in resource.columns
                )
                order = ", ".join(f"{o} nulls last" for o in resource.order)
                return cur.sql(f"select {select} from {resource.table} order by {order}").to_arrow_table()

        return self.cached("table", (resource.name,), compute)

    def runs(self, resource: Resource) -> dict[str, tuple[int, int]] | None:
        """Where each municipality's rows start and stop in the table of the build, when the table is
        ordered by `gemeente_code` (as `cijfers` and most others are); None otherwise."""

        def compute() -> dict[str, tuple[int, int]] | None:
            if "gemeente_code" not in resource.names:
                return None
            codes = self.table(resource).column("gemeente_code").to_pylist()
            out: dict[str, tuple[int, int]] = {}
            previous = None
            for i, code in enumerate(codes):
                if code != previous:
                    if code is None or code in out or (previous is not None and code < previous):
                        return None  # not ordered (or empty codes): filter by scanning
                    if previous is not None:
                        out[previous] = (out[previous][0], i)
                    out[code] = (i, len(codes))
                    previous = code
            return out

        return self.cached("runs", (resource.name,), compute)

    def rows(self, ask: Ask) -> pa.Table:
        """The rows of the question (all pages), in the table's order."""
        return self.select(ask)[0]

    def select(self, ask: Ask) -> tuple[pa.Table, Filters]:
        """The rows of `ask` and its filters as the extract describes them.

        The filters mean what they mean in the extract's query (`FIGURES_SQL`): any of the
        municipalities, indicators, domains given; `jaar` from `van` up to and including `tot`; and
        `doelgroep`, which the extract lacks, the same way. They are applied to the whole table of
        the build held in memory, which keeps a question to a few milliseconds at national scale;
        `tests/api` hold the result byte for byte to `pipeline extract` for random filters.
        """

        def compute() -> tuple[pa.Table, Filters]:
            resolved = self.check_codes(ask)
            table = self.table(ask.resource)
            runs = self.runs(ask.resource) if ask.values("gemeente") else None
            if runs is not None:  # the rows of those municipalities, in the table's order, without a scan
                spans = sorted(runs[g] for g in ask.values("gemeente") if g in runs)
                table = (
                    pa.concat_tables([table.slice(a, b - a) for a, b in spans])
                    if spans
                    else table.slice(0, 0)
                )
            masks = []
            for f in ask.resource.filters:
                values = ask.values(f.name)
                if not values or (f.name == "gemeente" and runs is not None):
                    continue
                if f.name in ("van", "tot"):
                    compare = pc.greater_equal if f.name == "van" else pc.less_equal
                    masks.append(compare(table.column("jaar"), int(values[0])))
                    continue
                column = f.column
                if f.name == "domein":
                    if "domein" in ask.resource.names:
                        column = "domein"
                    else:
                        values = tuple(sorted(set().union(*(self.codes()["domein"][d] for d in values))))
                masks.append(pc.is_in(table.column(column), value_set=pa.array(values, pa.string())))
            if masks:
                mask = masks[0]
                for m in masks[1:]:
                    mask = pc.and_kleene(mask, m)
                table = table.filter(mask)  # a null (unknown) is not a match, as in SQL
            return table, resolved

        return self.cached("select", ask.key, compute)


def _size(value: object) -> int:
    """Bytes a cached value holds (tables, files, and tuples of them)."""
    if isinstance(value, bytes | pa.Table):
        return len(value) if isinstance(value, bytes) else value.nbytes
    if isinstance(value, tuple):
        return sum(_size(v) for v in value)
    return 0
