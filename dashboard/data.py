"""The dashboard's one door to the database.

- Read-only: the dashboard never writes to `monitor.duckdb`.
- A new build replaces the file atomically (`os.replace` in `pipeline/stages/publish.py`); every
  call compares the file's inode, mtime and size with those of the open connection and reopens
  when they differ, so a running dashboard picks up a new build without a restart. A connection
  to the old file keeps reading the old build until it is dropped, so a query never sees half of
  each.
- Results are cached per build, so that a filter change costs a dictionary look-up, not a query:
  tables as frames, page sections (`memo`) as their JSON. A new build can be warmed in the
  background (`keep_warm`), so that the first user after it does not pay for every view.
- Every figure for a protected doelgroep leaves this module through `pipeline.disclosure`:
  pages and figures only ever see published values. Raw cells stay private to this module.
- Every query is parameterised; no text from an address ever becomes SQL.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import orjson
import pandas as pd
from plotly.io.json import to_json_plotly

from dashboard import summaries
from dashboard.theme import ONDERDRUKT
from pipeline import disclosure, extracts, kloof
from pipeline.config import DOELGROEPEN
from pipeline.effecten import EFFECT_COLUMNS, EVENT_COLUMNS

DEFAULT_DB = Path("data/processed/monitor.duckdb")
# Every figure read from here: waarnemingen with `onderdrukt` decided over whole cell groups
# (roma and totaal of one gemeente × periode × indicator), as the extract decides it.
PUBLISHED = f"({disclosure.sql_suppressed_cells('waarnemingen')})"
COMPARISON_DERIVED = ("verschil", "verschil_laag", "verschil_hoog", "relatief_verschil", "p_waarde")
# What an estimate that is too small to say anything (`te_klein`) does not publish.
ESTIMATE_COLUMNS = ("effect", "ci_laag", "ci_hoog", "standaardfout", "vrijheidsgraden", "p_waarde",
                    "voortrend", "voortrend_laag", "voortrend_hoog", "voortrend_p")  # fmt: skip


Section = orjson.Fragment  # a remembered page section: its JSON, which Dash sends on as it is


class DatabaseMissing(RuntimeError):
    """There is no database yet at the configured path."""


@dataclass(frozen=True)
class BuildInfo:
    """The build on screen: its manifest id, when it was made, and whether its data are synthetic."""

    id: str
    gemaakt: datetime
    synthetisch: bool
    key: str
    leveringen_geaccepteerd: int
    leveringen_geweigerd: int
    rijen_quarantaine: int
    versies: dict


class _Lru:
    """A bounded mapping that forgets what was used longest ago."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[tuple, object] = OrderedDict()

    def get(self, key: tuple) -> object | None:
        if key in self.items:
            self.items.move_to_end(key)
            return self.items[key]
        return None

    def put(self, key: tuple, value: object) -> None:
        self.items[key] = value
        while len(self.items) > self.size:
            self.items.popitem(last=False)


class Monitor:
    """Read-only access to one `monitor.duckdb`, reopened when a new build replaces it."""

    def __init__(self, path: Path | str, cache_size: int = 256, memo_size: int = 4096) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._pid = os.getpid()
        self._stamp: tuple[int, int, int] | None = None
        self._frames = _Lru(cache_size)  # tables: a few MB each at national scale
        self._memo = _Lru(memo_size)  # page sections as JSON: tens of KB each
        self._warm: Callable[[Monitor], object] | None = None
        self._warming: threading.Thread | None = None
        self._stop = threading.Event()
        self._inherited: list[duckdb.DuckDBPyConnection] = []

    # ------------------------------------------------------------------ connection and cache

    def _connection(self) -> tuple[duckdb.DuckDBPyConnection, str]:
        try:
            st = os.stat(self.path)
        except FileNotFoundError as e:
            raise DatabaseMissing(
                f"De database {self.path} bestaat nog niet. Bouw hem met `make` (of `python -m "
                "pipeline run`)."
            ) from e
        stamp = (st.st_ino, st.st_mtime_ns, st.st_size)
        with self._lock:
            if self._pid != os.getpid():
                # A forked worker (gunicorn --preload) must not use or destroy its parent's
                # connection: it is kept, unused, and the worker opens its own on the same build.
                if self._con is not None:
                    self._inherited.append(self._con)
                self._con, self._pid, self._warming = None, os.getpid(), None
            new_build = stamp != self._stamp
            if new_build or self._con is None:
                # The old connection is dropped, not closed: a query that is still running on
                # another thread finishes on the old build.
                self._con = _open_read_only(self.path)
            if new_build:
                self._stamp = stamp
                self._frames = _Lru(self._frames.size)
                self._memo = _Lru(self._memo.size)
                self._start_warming()
            return self._con, "-".join(map(str, stamp))

    def close(self) -> None:
        """Drop the connection (the cache stays: the same build is reopened on the next call).
        Done before gunicorn forks its workers, which each open their own."""
        with self._lock:
            if self._con is not None:
                self._con.close()
            self._con = None

    def _query(self, sql: str, params: list | tuple = ()) -> pd.DataFrame:
        con, _ = self._connection()
        cursor = con.cursor()  # one cursor per query: connections are not shared across threads
        try:
            cursor.execute("use monitor")  # the default catalog is per cursor
            return cursor.execute(sql, list(params)).df()
        finally:
            cursor.close()

    def _cached(self, cache: str, name: str, args: tuple, compute: Callable[[], object]) -> object:
        _, key = self._connection()
        cache_key = (key, name, args)
        with self._lock:
            hit = getattr(self, cache).get(cache_key)
        if hit is not None:
            return hit
        result = compute()
        with self._lock:
            if self._stamp is not None and key == "-".join(map(str, self._stamp)):
                getattr(self, cache).put(cache_key, result)
        return result

    def memo(self, name: str, args: tuple, compute: Callable[[], object]) -> Section:
        """A page section (Dash components or a figure) for as long as this build is open.

        It is kept as its JSON and handed out as that JSON (`orjson.Fragment`), which Dash copies
        into its response as it is: compact in memory, nothing a caller does can change what the
        next one gets, and a repeated view costs neither walking thousands of components nor
        parsing and writing the JSON again. `tree` reads a fragment back (tests, notebooks).
        """
        blob = self._cached("_memo", name, args, lambda: to_json_plotly(compute()).encode())
        return orjson.Fragment(blob)  # type: ignore[arg-type]

    def _table(self, sql: str, params: list | tuple, columns: list[str]) -> pd.DataFrame:
        """A query on a table that older builds do not have: empty (with its columns) when absent."""
        try:
            return self._query(sql, params)
        except duckdb.CatalogException:
            return pd.DataFrame(columns=columns)

    def keep(self, name: str, args: tuple, compute: Callable[[], object]) -> object:
        """Any other derived result for as long as this build is open, handed out as it is: the
        caller must treat it as read-only (frames: copy before changing)."""
        return self._cached("_memo", f"keep:{name}", args, compute)

    def remembers(self, name: str, args: tuple) -> bool:
        """Whether a section (`memo`) of the open build is in the cache."""
        _, key = self._connection()
        with self._lock:
            return (key, name, args) in self._memo.items

    def _frame(self, name: str, args: tuple, compute: Callable[[], pd.DataFrame]) -> pd.DataFrame:
        # A copy, so that no caller can change what the next caller gets.
        return self._cached("_frames", name, args, compute).copy()  # type: ignore[union-attr]

    # ------------------------------------------------------------------ warming

    def keep_warm(self, warm: Callable[[Monitor], object]) -> None:
        """Run `warm(self)` in a background thread now and whenever a new build is opened, so
        that the views it asks for are in the cache before anyone asks."""
        with self._lock:
            first = self._warm is None
            self._warm = warm
            if self._stamp is not None:
                self._start_warming()
        if first:
            atexit.register(self.stop_warming)  # a thread mid-query at exit upsets DuckDB
        if self._stamp is None:
            with contextlib.suppress(DatabaseMissing):  # nothing to warm yet; the first build will be
                self._connection()  # opening the build starts the warming

    def _start_warming(self) -> None:
        if self._warm is None:
            return
        warm = self._warm
        self._warming = threading.Thread(target=warm, args=(self,), name="monitor-warm", daemon=True)
        self._warming.start()

    def stop_warming(self, timeout: float = 10) -> None:
        """Ask the background warming to stop after its current view, and wait for it."""
        self._stop.set()
        self.wait_warm(timeout)

    @property
    def warming(self) -> bool:
        """Whether the background warming is still running."""
        thread = self._warming
        return thread is not None and thread.is_alive()

    @property
    def stopping(self) -> bool:
        """Whether warming has been asked to stop (the process is ending)."""
        return self._stop.is_set()

    def wait_warm(self, timeout: float | None = None) -> None:
        """Wait until the background warming has finished (before gunicorn forks)."""
        thread = self._warming
        if thread is not None:
            thread.join(timeout)

    def build_key(self) -> str:
        """The key of the build that is open now (changes when a new build replaces the file)."""
        return self._connection()[1]

    # ------------------------------------------------------------------ the build

    def build(self) -> BuildInfo:
        """The manifest of the build that is open now."""

        def compute() -> BuildInfo:
            m = self._query("select * from manifest").iloc[0]
            _, key = self._connection()
            return BuildInfo(
                id=str(m["id"]),
                gemaakt=datetime.fromisoformat(str(m["gemaakt"])),
                synthetisch=bool(m["synthetisch"]),
                key=key,
                leveringen_geaccepteerd=int(m["leveringen_geaccepteerd"]),
                leveringen_geweigerd=int(m["leveringen_geweigerd"]),
                rijen_quarantaine=int(m["rijen_quarantaine"]),
                versies=json.loads(m["versies"]),
            )

        return self._cached("_frames", "build", (), compute)  # type: ignore[return-value]

    def manifest_tables(self) -> pd.DataFrame:
        """Rows per table of the build."""
        return self._frame(
            "manifest_tabellen",
            (),
            lambda: self._query("select tabel, rijen from manifest_tabellen order by tabel"),
        )

    def manifest_inputs(self) -> pd.DataFrame:
        """Input files of the build by kind."""
        return self._frame(
            "manifest_invoer",
            (),
            lambda: self._query(
                "select soort, status, count(*) as bestanden, sum(grootte) as grootte "
                "from manifest_invoer group by all order by soort, status"
            ),
        )

    # ------------------------------------------------------------------ catalogue and register

    def indicatoren(self) -> pd.DataFrame:
        """The indicator catalogue, in catalogue order."""
        return self._frame(
            "indicatoren", (), lambda: self._query("select * from indicatoren order by volgorde")
        )

    def indicator(self, code: str) -> pd.Series | None:
        """One indicator of the catalogue, or None when the code is unknown (every callback asks)."""
        rows = self._cached("_frames", "indicator_rijen", (), lambda: {
            r["indicator"]: r for _, r in self.indicatoren().iterrows()
        })  # fmt: skip
        hit = rows.get(code) if isinstance(code, str) else None  # type: ignore[attr-defined]
        return None if hit is None else hit.copy()

    def known_view(self, indicator: object, doelgroep: object) -> bool:
        """True when a callback's indicator and doelgroep are in the catalogue (values from the
        browser are untrusted; anything else leaves the view as it is)."""
        return doelgroep in DOELGROEPEN and self.indicator(indicator) is not None  # type: ignore[arg-type]

    def gemeenten(self) -> pd.DataFrame:
        """Every municipality of the register, by name."""
        return self._frame(
            "gemeenten",
            (),
            lambda: self._query("select * from gemeenten order by gemeente_naam, gemeente_code"),
        )

    def gemeente(self, code: str) -> pd.Series | None:
        """One municipality, or None when the code is unknown."""
        g = self.gemeenten()
        hit = g.loc[g["gemeente_code"] == code]
        return None if hit.empty else hit.iloc[0]

    def proeftuinen(self) -> pd.DataFrame:
        """The pilot register (municipalities and organisations), with sources."""
        return self._frame(
            "proeftuinen", (), lambda: self._query("select * from proeftuinen order by fase, startjaar, naam")
        )

    # ------------------------------------------------------------------ figures (published)

    def _raw_series(self, indicator: str, doelgroep: str) -> pd.DataFrame:
        return self._frame(
            "raw_series",
            (indicator, doelgroep),
            lambda: self._query(
                f"""
            select w.gemeente_code, g.gemeente_naam, g.groep, g.proeftuin, g.startjaar,
                   g.nulmeting_jaar, w.indicator, w.doelgroep, w.jaar, w.periode,
                   w.teller, w.noemer, w.waarde, w.voorlopig, w.herkomst, w.onderdrukt
            from {PUBLISHED} w join gemeenten g using (gemeente_code)
            where w.indicator = ? and w.doelgroep = ?
            order by g.gemeente_naam, w.gemeente_code, w.jaar
        """,
                [indicator, doelgroep],
            ),
        )

    def series(self, indicator: str, doelgroep: str) -> pd.DataFrame:
        """Every municipality's figures per year for one indicator and doelgroep, published."""
        return self._frame(
            "series", (indicator, doelgroep),
            lambda: disclosure.apply_cells(self._raw_series(indicator, doelgroep)),
        )

    def groups(self, indicator: str, doelgroep: str) -> pd.DataFrame:
        """Pilots as a group against the other municipalities, per year; a group total that would
        let a suppressed cell be recomputed is withheld (see `summaries.pooled`)."""
        ind = self.indicator(indicator)

        def compute() -> pd.DataFrame:
            return summaries.pooled(self._raw_series(indicator, doelgroep), int(ind["vermenigvuldiger"]))

        return self._frame("groups", (indicator, doelgroep), compute)

    def all_groups(self, doelgroep: str) -> pd.DataFrame:
        """`groups` for every indicator at once (the overview's small trend lines)."""

        def compute() -> pd.DataFrame:
            frames = [
                self.groups(code, doelgroep).assign(indicator=code)
                for code in self.indicatoren()["indicator"]
            ]
            return pd.concat(frames, ignore_index=True)

        return self._frame("all_groups", (doelgroep,), compute)

    def profile(self, gemeente_code: str) -> pd.DataFrame:
        """One municipality's figures for every indicator and doelgroep, published."""
        return self._frame(
            "profile",
            (gemeente_code,),
            lambda: disclosure.apply_cells(
                self._query(
                    f"""
            select w.gemeente_code, w.indicator, w.doelgroep, w.jaar, w.periode, w.teller,
                   w.noemer, w.waarde, w.voorlopig, w.herkomst, w.bestand, w.onderdrukt
            from {PUBLISHED} w where w.gemeente_code = ?
            order by w.indicator, w.doelgroep, w.jaar
        """,
                    [gemeente_code],
                )
            ),
        )

    def latest(self, doelgroep: str) -> pd.DataFrame:
        """Per municipality and indicator the most recent figure for a doelgroep, published."""
        return self._frame(
            "latest",
            (doelgroep,),
            lambda: disclosure.apply_cells(
                self._query(
                    f"""
            select * exclude (rn) from (
                select w.gemeente_code, g.gemeente_naam, g.groep, g.proeftuin, w.indicator,
                       w.doelgroep, w.jaar, w.periode, w.teller, w.noemer, w.waarde, w.voorlopig,
                       w.onderdrukt,
                       row_number() over (
                           partition by w.gemeente_code, w.indicator order by w.jaar desc
                       ) as rn
                from {PUBLISHED} w join gemeenten g using (gemeente_code)
                where w.doelgroep = ?
            ) where rn = 1
            order by indicator, gemeente_naam
        """,
                    [doelgroep],
                )
            ),
        )

    def vergelijking(self, indicator: str | None = None, gemeente_code: str | None = None) -> pd.DataFrame:
        """Baseline against latest per municipality × indicator × doelgroep, published: where
        either cell is suppressed the difference, its interval and the status are withheld."""

        def compute() -> pd.DataFrame:
            where, params = ["true"], []
            if indicator is not None:
                where.append("v.indicator = ?")
                params.append(indicator)
            if gemeente_code is not None:
                where.append("v.gemeente_code = ?")
                params.append(gemeente_code)
            raw = self._query(
                f"""
                select v.*, g.gemeente_naam, g.groep, g.proeftuin, g.startjaar,
                       coalesce(w.voorlopig, false) as laatste_voorlopig,
                       coalesce(w.onderdrukt, false) as laatste_onderdrukt,
                       coalesce(b.onderdrukt, false) as nulmeting_onderdrukt
                from vergelijking_nulmeting v
                join gemeenten g using (gemeente_code)
                left join {PUBLISHED} w
                  on w.gemeente_code = v.gemeente_code and w.indicator = v.indicator
                 and w.doelgroep = v.doelgroep and w.jaar = v.laatste_jaar
                left join {PUBLISHED} b
                  on b.gemeente_code = v.gemeente_code and b.indicator = v.indicator
                 and b.doelgroep = v.doelgroep and b.jaar = v.nulmeting_jaar
                where {" and ".join(where)}
                order by g.gemeente_naam, v.indicator, v.doelgroep
            """,
                params,
            )
            out = disclosure.apply_pair(raw, ("nulmeting", "laatste"), COMPARISON_DERIVED)
            out["status"] = out["status"].astype("object").where(~out["onderdrukt"], ONDERDRUKT)
            reached = out["streefwaarde_bereikt"].astype("object")
            out["streefwaarde_bereikt"] = reached.where(~out["laatste_onderdrukt"], None)
            return out

        return self._frame("vergelijking", (indicator, gemeente_code), compute)

    def download(self, filters: extracts.Filters, doelgroep: str | None = None) -> bytes:
        """The figures of a view as a csv-nl download: the extract's own rows and columns
        (`pipeline.extracts`), so a download equals `extract --format csv-nl` with those filters."""

        def compute() -> bytes:
            con, _ = self._connection()
            cursor = con.cursor()
            try:
                cursor.execute("use monitor")
                frame = extracts.figures_frame(cursor, filters)
            finally:
                cursor.close()
            if doelgroep is not None:
                frame = frame.loc[frame["doelgroep"] == doelgroep]
            return extracts.csv_nl_bytes(frame)

        return self.keep("download", (filters, doelgroep), compute)  # type: ignore[return-value]

    # ------------------------------------------------------------------ deliveries and quality

    def leveringen(self, gemeente_code: str | None = None) -> pd.DataFrame:
        """Delivery files with their state (no values: a delivery's content never shows here)."""
        where, params = ("where l.gemeente_code = ?", [gemeente_code]) if gemeente_code else ("", [])
        return self._frame(
            "leveringen",
            (gemeente_code,),
            lambda: self._query(
                f"""
            select l.bestand, l.gemeente_code, g.gemeente_naam, l.leverdatum, l.label, l.status,
                   l.reden, l.kolom, l.rijen, l.rijen_quarantaine, l.rijen_in_gebruik,
                   l.rijen_vervangen, l.formaat
            from leveringen l left join gemeenten g using (gemeente_code)
            {where}
            order by l.gemeente_code, l.leverdatum, l.bestand
        """,
                params,
            ),
        )

    def completeness(self) -> pd.DataFrame:
        """Delivered figures in force per municipality and year."""
        return self._frame(
            "completeness",
            (),
            lambda: self._query("""
            select w.gemeente_code, g.gemeente_naam, g.groep, w.jaar, count(*) as cijfers
            from waarnemingen w join gemeenten g using (gemeente_code)
            where w.herkomst = 'levering'
            group by all
            order by g.gemeente_naam, w.jaar
        """),
        )

    def quarantaine(self) -> pd.DataFrame:
        """Quarantined rows: file, row, column and rule.

        The `reden` column is deliberately not read: a reason quotes the delivered values of its
        row (teller, noemer), and a quarantined row of the roma group can be a small cell that
        disclosure control would have suppressed. The rule and column say what to fix; the
        municipality sees the full reason with `python -m pipeline check` on its own file.
        """
        return self._frame(
            "quarantaine",
            (),
            lambda: self._query("""
            select q.bestand, q.gemeente_code, g.gemeente_naam, q.rij, q.kolom, q.regel, q.meldingen
            from quarantaine q left join gemeenten g using (gemeente_code)
            order by q.bestand, q.rij
        """),
        )


    # ------------------------------------------------------------------ effects and the gap (issue 6)

    def effecten(self) -> pd.DataFrame:
        """The pilots' effect against non-pilots per indicator × doelgroep, published: an estimate
        that is too small to say anything (`te_klein`) keeps its reason and loses its numbers."""

        def compute() -> pd.DataFrame:
            raw = self._table("select * from effecten order by indicator, doelgroep", (), EFFECT_COLUMNS)
            return _without_small_estimates(raw)

        return self._frame("effecten", (), compute)

    def gebeurtenis(self, indicator: str, doelgroep: str) -> pd.DataFrame:
        """The event study of one indicator and doelgroep (effect by years since the start),
        published as `effecten`."""

        def compute() -> pd.DataFrame:
            raw = self._table(
                "select * from effecten_gebeurtenis where indicator = ? and doelgroep = ? "
                "order by jaren_sinds_start",
                [indicator, doelgroep],
                EVENT_COLUMNS,
            )
            return _without_small_estimates(raw)

        return self._frame("gebeurtenis", (indicator, doelgroep), compute)

    def kloof(self, indicator: str) -> pd.DataFrame:
        """The gap roma − totaal per municipality for one indicator, published: both roma cells
        under disclosure control and everything derived from a suppressed one emptied
        (`pipeline.kloof.for_publication`)."""

        def compute() -> pd.DataFrame:
            raw = self._table(
                "select * from kloof where indicator = ? order by gemeente_code", [indicator], kloof.COLUMNS
            )
            return kloof.for_publication(raw)

        return self._frame("kloof", (indicator,), compute)


def tree(section: object) -> object:
    """A section (components, a figure, or a remembered `orjson.Fragment`) as plain dicts and lists,
    read from the same JSON that Dash sends."""
    return orjson.loads(to_json_plotly(section))


def _without_small_estimates(frame: pd.DataFrame) -> pd.DataFrame:
    """Estimates flagged `te_klein` with their numbers emptied (the reason stays)."""
    out = frame.copy()
    small = out["te_klein"].astype("boolean").fillna(True).to_numpy(bool)
    for c in ESTIMATE_COLUMNS:
        if c in out.columns:
            out[c] = pd.to_numeric(out[c], errors="coerce").astype(float)
            out.loc[small, c] = float("nan")
    out["te_klein"] = small
    return out


def _open_read_only(path: Path) -> duckdb.DuckDBPyConnection:
    """A fresh read-only connection to the file now at `path`.

    `duckdb.connect(path)` would hand back the process's cached instance of the *old* file after a
    rename; attaching into a new in-memory instance always opens the file that is there now.
    """
    con = duckdb.connect(":memory:")
    # A query names tables of the build only: never a Python variable that happens to share a name
    # with a table that an older build lacks (DuckDB's replacement scans would read it).
    con.execute("set global python_enable_replacements = false")  # for every cursor of this instance
    quoted = str(path).replace("'", "''")
    con.execute(f"attach '{quoted}' as monitor (read_only)")
    con.execute("use monitor")
    return con


_monitor: Monitor | None = None


def use(path: Path | str) -> Monitor:
    """Point the dashboard at a database (done once by `create_app`)."""
    global _monitor
    _monitor = Monitor(path)
    return _monitor


def monitor() -> Monitor:
    """The database the dashboard reads."""
    if _monitor is None:
        return use(Path(os.environ.get("MONITOR_DB", DEFAULT_DB)))
    return _monitor
