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
- Figures come only from the publication tables (`publicatie_*`), where the build applied
  disclosure control once and audited it; besides those, only the reference tables (`gemeenten`,
  `indicatoren`, `proeftuinen`, `manifest*`) are read. Nothing here computes a figure from the
  working data: totals, gaps, map classes, funnel limits and statuses are all the build's.
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
from typing import TypeVar

import duckdb
import orjson
import pandas as pd
from plotly.io.json import to_json_plotly

from pipeline import extracts, monitorcheck
from pipeline.vocabulary import DOELGROEPEN, suppression_explanation

T = TypeVar("T")

DEFAULT_DB = Path("data/processed/monitor.duckdb")
# The columns the pages need of a publication table that an older build may lack.
EFFECT_COLUMNS = [
    "indicator",
    "doelgroep",
    "effect",
    "ci_laag",
    "ci_hoog",
    "status",
    "te_klein",
    "reden",
    "n_proeftuinen",
    "n_vergelijking",
]
EVENT_COLUMNS = [
    "indicator",
    "doelgroep",
    "jaren_sinds_start",
    "periode",
    "effect",
    "ci_laag",
    "ci_hoog",
    "te_klein",
]
GAP_COLUMNS = ["gemeente_code", "gemeente_naam", "indicator", "voortgang", "status", "onderdrukt"]


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

    def _cached(self, cache: str, name: str, args: tuple, compute: Callable[[], T]) -> T:
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
        return orjson.Fragment(blob)

    def _table(self, sql: str, params: list | tuple, columns: list[str]) -> pd.DataFrame:
        """A query on a table that older builds do not have: empty (with its columns) when absent."""
        try:
            return self._query(sql, params)
        except duckdb.CatalogException:
            return pd.DataFrame(columns=columns)

    def keep(self, name: str, args: tuple, compute: Callable[[], T]) -> T:
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
        return self._cached("_frames", name, args, compute).copy()

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

        return self._cached("_frames", "build", (), compute)

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

    def indicator(self, code: object) -> pd.Series | None:
        """One indicator of the catalogue, or None when the code is unknown (every callback asks)."""
        rows = self._cached(
            "_frames",
            "indicator_rijen",
            (),
            lambda: {r["indicator"]: r for _, r in self.indicatoren().iterrows()},
        )
        hit = rows.get(code) if isinstance(code, str) else None
        return None if hit is None else hit.copy()

    def known_view(self, indicator: object, doelgroep: object) -> bool:
        """True when a callback's indicator and doelgroep are in the catalogue (values from the
        browser are untrusted; anything else leaves the view as it is)."""
        return doelgroep in DOELGROEPEN and self.indicator(indicator) is not None

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

    # ------------------------------------------------------------------ rules and texts of the build

    def regels(self) -> dict[str, str]:
        """The thresholds the build used (`publicatie_regels`): name → value as text."""
        return self._cached(
            "_frames",
            "regels",
            (),
            lambda: dict(
                self._query("select naam, waarde from publicatie_regels").itertuples(index=False, name=None)
            ),
        )

    def regel(self, name: str) -> float:
        """One threshold of the build as a number."""
        return float(self.regels()[name])

    def tekst(self, name: str) -> str:
        """A text the build wrote to explain its figures (`publicatie_teksten`)."""
        texts = self._cached(
            "_frames",
            "teksten",
            (),
            lambda: dict(
                self._query("select naam, tekst from publicatie_teksten").itertuples(index=False, name=None)
            ),
        )
        return str(texts.get(name, ""))

    def explanation(self) -> str:
        """Why a figure is suppressed, with the build's thresholds."""
        return suppression_explanation(
            int(self.regel("onthulling.min_noemer")),
            int(self.regel("onthulling.teller_min")),
            int(self.regel("onthulling.teller_max")),
        )

    def controle(self) -> pd.Series | None:
        """The disclosure audit of the build (`publicatie_controle`), or None for older builds."""
        frame = self._table("select * from publicatie_controle", (), [])
        return None if frame.empty else frame.iloc[0]

    # ------------------------------------------------------------------ figures (published)

    def series(self, indicator: str, doelgroep: str) -> pd.DataFrame:
        """Every municipality's published figures per year for one indicator and doelgroep."""
        return self._frame(
            "series",
            (indicator, doelgroep),
            lambda: self._query(
                """
            select c.gemeente_code, g.gemeente_naam, g.groep, g.proeftuin, g.startjaar,
                   g.nulmeting_jaar, c.indicator, c.doelgroep, c.jaar, c.periode,
                   c.teller, c.noemer, c.waarde, c.voorlopig, c.herkomst, c.onderdrukt,
                   c.reden_onderdrukt, c.kloof
            from publicatie_cijfers c join gemeenten g using (gemeente_code)
            where c.indicator = ? and c.doelgroep = ?
            order by g.gemeente_naam, c.gemeente_code, c.jaar
        """,
                [indicator, doelgroep],
            ),
        )

    def groups(self, indicator: str, doelgroep: str) -> pd.DataFrame:
        """The pilots together against the other municipalities together, per year
        (`publicatie_groepen`: a total that would give a suppressed cell away is withheld)."""
        return self._frame(
            "groups",
            (indicator, doelgroep),
            lambda: self._query(
                """
            select jaar, periode, voorlopig, groep, n_gemeenten, teller, noemer, waarde, laag, hoog,
                   onderdrukt, reden_onderdrukt
            from publicatie_groepen where indicator = ? and doelgroep = ?
            order by groep, jaar
        """,
                [indicator, doelgroep],
            ),
        )

    def all_groups(self, doelgroep: str) -> pd.DataFrame:
        """`groups` for every indicator at once (the overview's small trend lines)."""
        return self._frame(
            "all_groups",
            (doelgroep,),
            lambda: self._query(
                """
            select indicator, jaar, periode, voorlopig, groep, n_gemeenten, teller, noemer, waarde,
                   laag, hoog, onderdrukt, reden_onderdrukt
            from publicatie_groepen where doelgroep = ?
            order by indicator, groep, jaar
        """,
                [doelgroep],
            ),
        )

    def profile(self, gemeente_code: str) -> pd.DataFrame:
        """One municipality's published figures for every indicator and doelgroep."""
        return self._frame(
            "profile",
            (gemeente_code,),
            lambda: self._query(
                """
            select gemeente_code, indicator, doelgroep, jaar, periode, teller, noemer, waarde,
                   voorlopig, herkomst, onderdrukt, reden_onderdrukt
            from publicatie_cijfers where gemeente_code = ?
            order by indicator, doelgroep, jaar
        """,
                [gemeente_code],
            ),
        )

    def latest(self, doelgroep: str) -> pd.DataFrame:
        """Per municipality and indicator the most recent published figure for a doelgroep."""
        return self._frame(
            "latest",
            (doelgroep,),
            lambda: self._query(
                """
            select * exclude (rn) from (
                select c.gemeente_code, g.gemeente_naam, g.groep, g.proeftuin, c.indicator,
                       c.doelgroep, c.jaar, c.periode, c.teller, c.noemer, c.waarde, c.voorlopig,
                       c.onderdrukt,
                       row_number() over (
                           partition by c.gemeente_code, c.indicator order by c.jaar desc
                       ) as rn
                from publicatie_cijfers c join gemeenten g using (gemeente_code)
                where c.doelgroep = ?
            ) where rn = 1
            order by indicator, gemeente_naam
        """,
                [doelgroep],
            ),
        )

    def vergelijking(self, indicator: str | None = None, gemeente_code: str | None = None) -> pd.DataFrame:
        """Baseline against latest per municipality × indicator × doelgroep, as published: where
        either cell is suppressed, the difference, its interval and the status are too."""

        def compute() -> pd.DataFrame:
            where, params = ["true"], []
            if indicator is not None:
                where.append("v.indicator = ?")
                params.append(indicator)
            if gemeente_code is not None:
                where.append("v.gemeente_code = ?")
                params.append(gemeente_code)
            return self._query(
                f"""
                select v.*, g.groep, g.proeftuin, g.startjaar,
                       coalesce(c.voorlopig, false) as laatste_voorlopig
                from publicatie_vergelijking v
                join gemeenten g using (gemeente_code)
                left join publicatie_cijfers c
                  on c.gemeente_code = v.gemeente_code and c.indicator = v.indicator
                 and c.doelgroep = v.doelgroep and c.periode = v.laatste_periode
                where {" and ".join(where)}
                order by v.gemeente_naam, v.indicator, v.doelgroep
            """,
                params,
            )

        return self._frame("vergelijking", (indicator, gemeente_code), compute)

    def kaart(self, indicator: str, doelgroep: str) -> pd.DataFrame:
        """Per municipality the map's figure (`publicatie_kaart`): latest published value, its class
        and the class breaks, and the status against the baseline."""
        return self._frame(
            "kaart",
            (indicator, doelgroep),
            lambda: self._query(
                "select * from publicatie_kaart where indicator = ? and doelgroep = ? order by gemeente_code",
                [indicator, doelgroep],
            ),
        )

    def trechter(self, indicator: str, doelgroep: str) -> tuple[pd.Series | None, pd.DataFrame, pd.DataFrame]:
        """The funnel plot of the build: its centre and method (`publicatie_trechter`, None when the
        build has none), the published points with where they lie (`publicatie_trechter_punten`),
        and the limits along the noemer (`publicatie_trechter_grenzen`)."""
        centre = self._frame(
            "trechter_centrum",
            (indicator, doelgroep),
            lambda: self._table(
                "select * from publicatie_trechter where indicator = ? and doelgroep = ?",
                [indicator, doelgroep],
                [],
            ),
        )
        points = self._frame(
            "trechter",
            (indicator, doelgroep),
            lambda: self._table(
                "select * from publicatie_trechter_punten where indicator = ? and doelgroep = ? "
                "order by gemeente_code",
                [indicator, doelgroep],
                [],
            ),
        )
        limits = self._frame(
            "trechter_grenzen",
            (indicator, doelgroep),
            lambda: self._table(
                "select * from publicatie_trechter_grenzen where indicator = ? and doelgroep = ? "
                "order by noemer",
                [indicator, doelgroep],
                [],
            ),
        )
        return (None if centre.empty else centre.iloc[0]), points, limits

    def download(self, filters: extracts.Filters, doelgroep: str | None = None) -> bytes:
        """The figures of a view as a csv-nl download: the extract's own rows and columns
        (`pipeline.extracts`, on the publication tables), so a download equals
        `extract --format csv-nl` with those filters."""

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

        return self.keep("download", (filters, doelgroep), compute)

    # ------------------------------------------------------------------ deliveries and quality

    def leveringen(self, gemeente_code: str | None = None) -> pd.DataFrame:
        """Delivery files with their state (no values: a delivery's content never shows here)."""
        where, params = ("where gemeente_code = ?", [gemeente_code]) if gemeente_code else ("", [])
        return self._frame(
            "leveringen",
            (gemeente_code,),
            lambda: self._query(
                f"select * from publicatie_leveringen {where} order by gemeente_code, leverdatum, bestand",
                params,
            ),
        )

    def completeness(self) -> pd.DataFrame:
        """Delivered figures in force per municipality and year."""
        return self._frame(
            "completeness",
            (),
            lambda: self._query("select * from publicatie_volledigheid order by gemeente_naam, jaar"),
        )

    def quarantaine(self) -> pd.DataFrame:
        """Quarantined rows: file, row, column and rule (the reason stays in the working data: it
        may describe the delivered figures of a small roma cell)."""
        return self._frame(
            "quarantaine",
            (),
            lambda: self._query("select * from publicatie_quarantaine order by bestand, rij"),
        )

    def check_state(self) -> monitorcheck.MonitorState:
        """What `/controleren` compares an uploaded delivery with: which delivery each figure in
        force comes from, the published totaal figures, the municipalities and indicators
        (publication and reference tables only; no roma figure, nothing suppressed)."""

        def compute() -> monitorcheck.MonitorState:
            return monitorcheck.state_from(
                self._table(monitorcheck.IN_FORCE_SQL, [], [*monitorcheck.KEY, "bestand", "leverdatum"]),
                self._query(monitorcheck.TOTALS_SQL),
                self._query(monitorcheck.GEMEENTEN_SQL),
                self._query(monitorcheck.INDICATOREN_SQL),
            )

        return self.keep("check_state", (), compute)

    # ------------------------------------------------------------------ effects and the gap (issue 6)

    def effecten(self) -> pd.DataFrame:
        """The pilots' effect against non-pilots per indicator × doelgroep, as published: an estimate
        that is too small to say anything (`te_klein`) keeps its reason and has no numbers."""
        return self._frame(
            "effecten",
            (),
            lambda: self._table(
                "select * from publicatie_effecten order by indicator, doelgroep", (), EFFECT_COLUMNS
            ),
        )

    def gebeurtenis(self, indicator: str, doelgroep: str) -> pd.DataFrame:
        """The event study of one indicator and doelgroep (effect by years since the start)."""
        return self._frame(
            "gebeurtenis",
            (indicator, doelgroep),
            lambda: self._table(
                "select * from publicatie_gebeurtenis where indicator = ? and doelgroep = ? "
                "order by jaren_sinds_start",
                [indicator, doelgroep],
                EVENT_COLUMNS,
            ),
        )

    def kloof(self, indicator: str) -> pd.DataFrame:
        """The gap roma − totaal per municipality for one indicator, as published: everything derived
        from a suppressed cell is empty and its status is 'onderdrukt'."""
        return self._frame(
            "kloof",
            (indicator,),
            lambda: self._table(
                "select * from publicatie_kloof where indicator = ? order by gemeente_code",
                [indicator],
                GAP_COLUMNS,
            ),
        )


def tree(section: object) -> object:
    """A section (components, a figure, or a remembered `orjson.Fragment`) as plain dicts and lists,
    read from the same JSON that Dash sends."""
    return orjson.loads(to_json_plotly(section))


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
