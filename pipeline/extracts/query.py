"""Which figures an extract holds: the filters, checked against the database, and one set-based query.

Filter values never become SQL text: they are checked against the catalogue and the municipal
register in the database, then passed as parameters. The figures come from the publication
tables (`publicatie_cijfers`, `publicatie_vergelijking`), where disclosure control was applied
once, by the build, over all cells: an extract only filters them, so a cell is suppressed the
same in every extract, on the dashboard and in its downloads.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from pipeline.config import load_settings
from pipeline.extracts.codebook import DECIMALS, NAMES, arrow_schema
from pipeline.vocabulary import CODE_PATTERN


class UsageError(ValueError):
    """A filter the database does not know, or years that make no sense; the message is Dutch."""


@dataclass(frozen=True)
class Filters:
    """Municipalities, indicators, domains (each: any of them), and a range of `jaar`; empty is all."""

    gemeenten: tuple[str, ...] = ()
    indicatoren: tuple[str, ...] = ()
    domeinen: tuple[str, ...] = ()
    van: int | None = None
    tot: int | None = None

    def describe(self) -> dict[str, object]:
        """The filters as they go into datapackage.json and the notes sheet."""
        return {
            "gemeente": list(self.gemeenten),
            "indicator": list(self.indicatoren),
            "domein": list(self.domeinen),
            "van": self.van,
            "tot": self.tot,
        }


def normalise_code(text: str) -> str | None:
    """`GM0228`, `gm228`, `0228` and `228` → `GM0228` (as in deliveries); None when it is no code."""
    text = text.strip()
    if not re.match(CODE_PATTERN, text):
        return None
    return "GM" + re.sub(r"[^0-9]", "", text).zfill(4)


def resolve(con: duckdb.DuckDBPyConnection, filters: Filters) -> Filters:
    """The filters in canonical form, or UsageError naming every value the database does not know."""
    problems: list[str] = []
    gemeenten = _known(
        con,
        "gemeente",
        [normalise_code(g) or g.strip() for g in filters.gemeenten],
        "select gemeente_code, gemeente_naam from gemeenten",
        problems,
        "staat niet in de CBS-indeling (tabel gemeenten); geef de CBS-code, zoals GM0228",
    )
    indicatoren = _known(
        con,
        "indicator",
        [i.strip().lower() for i in filters.indicatoren],
        "select indicator, naam from indicatoren",
        problems,
        "staat niet in de indicatorcatalogus (tabel indicatoren)",
    )
    domeinen = _known(
        con,
        "domein",
        [d.strip().lower() for d in filters.domeinen],
        "select distinct domein, domein_naam from indicatoren",
        problems,
        "is geen domein",
    )
    limits = load_settings().validatie
    for flag, year in (("--van", filters.van), ("--tot", filters.tot)):
        if year is not None and not limits.eerste_jaar <= year <= limits.laatste_jaar:
            problems.append(
                f"{flag} {year}: kies een jaar van {limits.eerste_jaar} tot en met {limits.laatste_jaar}"
            )
    if filters.van is not None and filters.tot is not None and filters.van > filters.tot:
        problems.append(f"--van {filters.van} ligt na --tot {filters.tot}")
    if indicatoren and domeinen and not problems:
        inside = {
            i
            for (i,) in con.execute(
                "select indicator from indicatoren where list_contains($d, domein)", {"d": domeinen}
            ).fetchall()
        }
        if not inside & set(indicatoren):
            problems.append(
                f"geen van de indicatoren {', '.join(indicatoren)} hoort bij domein "
                f"{', '.join(domeinen)}; samen leveren ze niets op"
            )
    if problems:
        raise UsageError("\n".join(problems))
    return Filters(tuple(gemeenten), tuple(indicatoren), tuple(domeinen), filters.van, filters.tot)


def _known(
    con: duckdb.DuckDBPyConnection, what: str, values: list[str], sql: str, problems: list[str], why: str
) -> list[str]:
    """`values` without repeats; a problem with a hint for each one that is not a known code.

    `sql` gives (code, label) pairs; the hint names codes that look alike, or whose label holds
    the value (someone who types `Ede` or `onderwijs` is told the code they meant).
    """
    labels = dict(con.execute(sql).fetchall())
    for v in values:
        if v in labels:
            continue
        alike = [] if what == "gemeente" else difflib.get_close_matches(v, sorted(labels), n=3, cutoff=0.6)
        named = sorted(
            (str(label).lower() != v.lower(), c)
            for c, label in labels.items()
            if len(v) >= 3 and label and v.lower() in str(label).lower()
        )  # exact first
        named = [c for _, c in named[:3]]
        hints = [f"{c} ({labels[c]})" for c in dict.fromkeys(named + alike)]
        hint = f" — bedoelt u {' of '.join(hints)}?" if hints else ""
        if not hints and len(labels) <= 20:
            hint = f"; kies uit {', '.join(sorted(labels))}"
        problems.append(f"{what} {v!r} {why}{hint}")
    return list(dict.fromkeys(values))


FIGURES_SQL = f"""
with cijfers as (
    select * from publicatie_cijfers
),

gekozen as (
    select c.*
    from cijfers as c
    where (len($gemeenten::varchar[]) = 0 or list_contains($gemeenten::varchar[], c.gemeente_code))
      and (len($indicatoren::varchar[]) = 0 or list_contains($indicatoren::varchar[], c.indicator))
      and (len($domeinen::varchar[]) = 0 or list_contains($domeinen::varchar[], c.domein))
      and ($van::integer is null or c.jaar >= $van::integer)
      and ($tot::integer is null or c.jaar <= $tot::integer)
),

final as (
    select
        $synthetisch::boolean as synthetisch,
        c.gemeente_code,
        c.gemeente_naam,
        c.periode,
        c.jaar,
        c.domein,
        c.indicator,
        i.naam as indicator_naam,
        i.eenheid,
        c.doelgroep,
        c.teller,
        c.noemer,
        round(c.waarde, {DECIMALS}) as waarde,
        c.onderdrukt,
        c.voorlopig,
        v.nulmeting_periode,
        round(v.nulmeting_waarde, {DECIMALS}) as nulmeting_waarde,
        v.nulmeting_onderdrukt,
        v.laatste_periode,
        v.status,
        c.bron,
        c.reden_onderdrukt
    from gekozen as c
    join indicatoren as i using (indicator)
    left join publicatie_vergelijking as v using (gemeente_code, indicator, doelgroep)
    order by c.gemeente_code, i.volgorde, c.doelgroep, c.jaar, c.periode
)

select {", ".join(NAMES)} from final
"""


def synthetic(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the build says its data are synthetic (manifest.synthetisch)."""
    return bool(con.execute("select bool_or(synthetisch) from manifest").fetchall()[0][0])


def manifest_id(con: duckdb.DuckDBPyConnection) -> str:
    """The build's manifest id: it identifies the release the extract comes from."""
    return str(con.execute("select id from manifest").fetchall()[0][0])


def figures(con: duckdb.DuckDBPyConnection, filters: Filters) -> pa.Table:
    """The published figures for `filters` (already resolved), typed per the codebook.

    Suppression is applied; text is not yet neutralised (the writers do that, for every format).
    """
    params = {
        "gemeenten": list(filters.gemeenten),
        "indicatoren": list(filters.indicatoren),
        "domeinen": list(filters.domeinen),
        "van": filters.van,
        "tot": filters.tot,
        "synthetisch": synthetic(con),
    }
    table = con.sql(FIGURES_SQL, params=params).to_arrow_table()
    return table.cast(arrow_schema())
