"""The dashboard's one door to the database.

- Read-only: the dashboard never writes to `monitor.duckdb`.
- A new build replaces the file atomically (`os.replace` in `pipeline/stages/publish.py`); every
  call compares the file's inode, mtime and size with those of the open connection and reopens
  when they differ, so a running dashboard picks up a new build without a restart. A connection
  to the old file keeps reading the old build until it is dropped, so a query never sees half of
  each.
- Results are cached per build, so that a filter change costs a dictionary look-up, not a query.
- Every figure for a protected doelgroep leaves this module through `pipeline.disclosure`:
  pages and figures only ever see published values. Raw cells stay private to this module.
- Every query is parameterised; no text from an address ever becomes SQL.
"""

from __future__ import annotations

import json
import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from dashboard import summaries
from dashboard.theme import ONDERDRUKT
from pipeline import disclosure

DEFAULT_DB = Path("data/processed/monitor.duckdb")
COMPARISON_DERIVED = ("verschil", "verschil_laag", "verschil_hoog", "relatief_verschil", "p_waarde")


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


class Monitor:
    """Read-only access to one `monitor.duckdb`, reopened when a new build replaces it."""

    def __init__(self, path: Path | str, cache_size: int = 512) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._stamp: tuple[int, int, int] | None = None
        self._cache: OrderedDict[tuple, object] = OrderedDict()
        self._cache_size = cache_size

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
            if stamp != self._stamp or self._con is None:
                # The old connection is dropped, not closed: a query that is still running on
                # another thread finishes on the old build.
                self._con = _open_read_only(self.path)
                self._stamp = stamp
                self._cache.clear()
            return self._con, "-".join(map(str, stamp))

    def _query(self, sql: str, params: list | tuple = ()) -> pd.DataFrame:
        con, _ = self._connection()
        cursor = con.cursor()  # one cursor per query: connections are not shared across threads
        try:
            cursor.execute("use monitor")  # the default catalog is per cursor
            return cursor.execute(sql, list(params)).df()
        finally:
            cursor.close()

    def _cached(self, name: str, args: tuple, compute: Callable[[], object]) -> object:
        _, key = self._connection()
        cache_key = (key, name, args)
        with self._lock:
            if cache_key in self._cache:
                self._cache.move_to_end(cache_key)
                return self._cache[cache_key]
        result = compute()
        with self._lock:
            if self._stamp is not None and key == "-".join(map(str, self._stamp)):
                self._cache[cache_key] = result
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
        return result

    def memo(self, name: str, args: tuple, compute: Callable[[], object]) -> object:
        """Remember a derived result (a page section, a figure) for as long as this build is open."""
        return self._cached(f"memo:{name}", args, compute)

    def _frame(self, name: str, args: tuple, compute: Callable[[], pd.DataFrame]) -> pd.DataFrame:
        # A copy, so that no caller can change what the next caller gets.
        return self._cached(name, args, compute).copy()  # type: ignore[union-attr]

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

        return self._cached("build", (), compute)  # type: ignore[return-value]

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
        """One indicator of the catalogue, or None when the code is unknown."""
        cat = self.indicatoren()
        hit = cat.loc[cat["indicator"] == code]
        return None if hit.empty else hit.iloc[0]

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
                """
            select w.gemeente_code, g.gemeente_naam, g.groep, g.proeftuin, g.startjaar,
                   g.nulmeting_jaar, w.indicator, w.doelgroep, w.jaar, w.periode,
                   w.teller, w.noemer, w.waarde, w.voorlopig, w.herkomst
            from waarnemingen w join gemeenten g using (gemeente_code)
            where w.indicator = ? and w.doelgroep = ?
            order by g.gemeente_naam, w.gemeente_code, w.jaar
        """,
                [indicator, doelgroep],
            ),
        )

    def series(self, indicator: str, doelgroep: str) -> pd.DataFrame:
        """Every municipality's figures per year for one indicator and doelgroep, published."""
        return self._frame(
            "series", (indicator, doelgroep), lambda: disclosure.apply(self._raw_series(indicator, doelgroep))
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
            lambda: disclosure.apply(
                self._query(
                    """
            select w.gemeente_code, w.indicator, w.doelgroep, w.jaar, w.periode, w.teller,
                   w.noemer, w.waarde, w.voorlopig, w.herkomst, w.bestand
            from waarnemingen w where w.gemeente_code = ?
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
            lambda: disclosure.apply(
                self._query(
                    """
            select * exclude (rn) from (
                select w.gemeente_code, g.gemeente_naam, g.groep, g.proeftuin, w.indicator,
                       w.doelgroep, w.jaar, w.periode, w.teller, w.noemer, w.waarde, w.voorlopig,
                       row_number() over (
                           partition by w.gemeente_code, w.indicator order by w.jaar desc
                       ) as rn
                from waarnemingen w join gemeenten g using (gemeente_code)
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
                       coalesce(w.voorlopig, false) as laatste_voorlopig
                from vergelijking_nulmeting v
                join gemeenten g using (gemeente_code)
                left join waarnemingen w
                  on w.gemeente_code = v.gemeente_code and w.indicator = v.indicator
                 and w.doelgroep = v.doelgroep and w.jaar = v.laatste_jaar
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


def _open_read_only(path: Path) -> duckdb.DuckDBPyConnection:
    """A fresh read-only connection to the file now at `path`.

    `duckdb.connect(path)` would hand back the process's cached instance of the *old* file after a
    rename; attaching into a new in-memory instance always opens the file that is there now.
    """
    con = duckdb.connect(":memory:")
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
