"""The schemas of the stages, in pandera: the list of rules a municipality reads in its error report.

- `staging_rows`: what the extract stage promises (lineage on every row); a breach is a bug.
- `delivery_rows`: the row rules of CONTRACT §1 on typed delivery rows; a breach sends the row to
  quarantine with the message written here.
- `waarnemingen` and `vergelijking_nulmeting`: what the marts promise researchers.

Custom checks carry their SQL (`statistics["sql"]`) beside their pandas function, so that
`pipeline.sqlcheck` can run the schema set-based in DuckDB; the built-in checks compile by name.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pandera.pandas as pa

from pipeline import numbers
from pipeline.config import DOELGROEPEN, Reference, Settings
from pipeline.vocabulary import CODE_PATTERN, ONVOLDOENDE, nl_number

PERIODE_PATTERN = r"^[0-9]{4}(\s*[-/]\s*([0-9]{4}|[0-9]{2}))?$"
DATE_PATTERN = r"^([0-9]{4}-[0-9]{1,2}-[0-9]{1,2}|[0-9]{1,2}[-/.][0-9]{1,2}[-/.][0-9]{4})$"
WHITESPACE = " \t\r\n\u00a0"  # trimmed from every delivered value
DELIVERY_KEY = ["levering_id", "gemeente_code", "periode", "indicator", "doelgroep"]


def _sql_check(name: str, kolom: str, sql: str, error: str, fn: Callable[[pd.DataFrame], object]) -> pa.Check:
    """A check across columns: `fn` (pandas) and `sql` (the violation, DuckDB) say the same."""
    return pa.Check(fn, name=name, error=error, statistics={"sql": sql, "kolom": kolom})


def _is(series: pd.Series) -> pd.Series:
    """A boolean column where missing counts as false."""
    return series.astype("boolean").fillna(False).astype(bool)


def _form(pattern: str, parsed: str, error: str) -> pa.Check:
    """A value must have the form of `pattern`. The typing model parses each value by the same
    pattern, so in SQL the rule asks whether parsing succeeded (`parsed` is the violation, e.g.
    `teller is null`) instead of running the pattern on every row a second time."""
    return pa.Check(
        lambda s: s.astype("str").str.match(pattern),
        name="vorm",
        error=error,
        statistics={"sql": parsed, "pattern": pattern},
    )


def _number(column: str) -> pa.Check:
    """A count is read one way only (pipeline/numbers.py); `{column}_soort` holds the verdict in SQL."""
    return pa.Check(
        lambda s: s.map(lambda t: not isinstance(t, str) or numbers.problem(t) is None),
        name="vorm",
        error="{waarde} {" + column + "_uitleg}",
        statistics={"sql": f"{column}_soort not in {numbers.READABLE!r}".replace(",)", ")")},
    )


def _whole() -> pa.Check:
    return pa.Check(
        lambda s: s == s.round(0),
        name="heel_getal",
        error="{waarde} is geen heel getal; teller en noemer zijn aantallen, "
        "zonder scheidingsteken voor duizendtallen",
        statistics={"sql": "{col} <> round({col})"},
    )


def staging_rows() -> pa.DataFrameSchema:
    """Every staged delivery row knows its file and row number."""
    return pa.DataFrameSchema(
        {
            "levering_id": pa.Column(None, nullable=False),
            "rij": pa.Column(None, nullable=False, checks=pa.Check.ge(1, error="rijnummer {rij} < 1")),
        },
        strict=False,
    )


def delivery_rows(ref: Reference, settings: Settings, gemeenten: list[str]) -> pa.DataFrameSchema:
    """The row rules of CONTRACT §1, checked on typed delivery rows (`int_leveringrijen`)."""
    lim = settings.validatie
    indicators = [i.code for i in ref.indicatoren]
    return pa.DataFrameSchema(
        {
            "gemeente_code_ruw": pa.Column(
                None,
                nullable=False,
                checks=_form(
                    CODE_PATTERN,
                    "gemeente_code is null",
                    "{waarde} is geen gemeentecode; gebruik de CBS-code, zoals GM0228",
                ),
            ),
            "gemeente_code": pa.Column(
                None,
                nullable=True,
                checks=pa.Check.isin(
                    gemeenten, error="gemeente {gemeente_code} staat niet in de CBS-gemeentelijke indeling"
                ),
            ),
            "periode_ruw": pa.Column(
                None,
                nullable=False,
                checks=_form(
                    PERIODE_PATTERN,
                    "jaar is null",
                    "{waarde} is geen periode; gebruik een jaar (2016) of een schooljaar (2016-2017)",
                ),
            ),
            "jaar": pa.Column(
                None,
                nullable=True,
                checks=[
                    pa.Check.ge(
                        lim.eerste_jaar, error="periode {periode_ruw} ligt vóór " + str(lim.eerste_jaar)
                    ),
                    pa.Check.le(lim.laatste_jaar, error="periode {periode_ruw} ligt in de toekomst"),
                ],
            ),
            "indicator_ruw": pa.Column(None, nullable=False),
            "indicator": pa.Column(
                None,
                nullable=True,
                checks=pa.Check.isin(
                    indicators,
                    error="onbekende indicator {indicator_ruw}; gebruik een code uit de indicatorcatalogus",
                ),
            ),
            "doelgroep_ruw": pa.Column(None, nullable=False),
            "doelgroep": pa.Column(
                None,
                nullable=True,
                checks=pa.Check.isin(
                    list(lim.doelgroepen),
                    error="doelgroep {doelgroep_ruw} is niet toegestaan; kies "
                    + " of ".join(lim.doelgroepen),
                ),
            ),
            "teller_ruw": pa.Column(None, nullable=False, checks=_number("teller")),
            "teller": pa.Column(
                None,
                nullable=True,
                checks=[
                    _whole(),
                    pa.Check.ge(0, error="{waarde} is negatief"),
                    pa.Check.le(
                        lim.max_aantal,
                        error="{waarde} is onwaarschijnlijk groot (meer dan "
                        + nl_number(lim.max_aantal)
                        + ")",
                    ),
                ],
            ),
            "noemer_ruw": pa.Column(None, nullable=True, checks=_number("noemer")),
            "noemer": pa.Column(
                None,
                nullable=True,
                checks=[
                    _whole(),
                    pa.Check.ge(0, error="{waarde} is negatief"),
                    pa.Check.le(
                        lim.max_aantal,
                        error="{waarde} is onwaarschijnlijk groot (meer dan "
                        + nl_number(lim.max_aantal)
                        + ")",
                    ),
                ],
            ),
            "peildatum_ruw": pa.Column(
                None,
                nullable=True,
                checks=_form(
                    DATE_PATTERN,
                    "not peildatum_leesbaar",
                    "{waarde} is geen datum; gebruik 2016-10-01 of 01-10-2016",
                ),
            ),
        },
        checks=[
            _sql_check(
                "bestond_niet",
                "gemeente_code",
                "gemeente_status = 'bestond_niet'",
                "{gemeente_uitleg}",
                lambda df: ~(df.gemeente_status == "bestond_niet"),
            ),
            _sql_check(
                "schooljaar",
                "periode",
                "periodetype = 'schooljaar' and periode_eind <> jaar + 1",
                "{periode_ruw} is geen bestaand schooljaar: het tweede jaar moet direct op het eerste volgen",
                lambda df: ~((df.periodetype == "schooljaar") & (df.periode_eind != df.jaar + 1)),
            ),
            _sql_check(
                "cbs_indicator",
                "indicator",
                "ind_bron = 'cbs'",
                "indicator {indicator} wordt niet door gemeenten geleverd: "
                "de monitor neemt hem over van het CBS",
                lambda df: ~(df.ind_bron == "cbs"),
            ),
            _sql_check(
                "schooljaar_verwacht",
                "periode",
                "ind_periodetype = 'schooljaar' and periodetype = 'kalenderjaar'",
                "indicator {indicator} wordt per schooljaar geleverd; schrijf de periode als "
                "{jaar_tekst}-{jaar_volgend}, niet als {periode_ruw}",
                lambda df: ~((df.ind_periodetype == "schooljaar") & (df.periodetype == "kalenderjaar")),
            ),
            _sql_check(
                "kalenderjaar_verwacht",
                "periode",
                "ind_periodetype = 'kalenderjaar' and periodetype = 'schooljaar'",
                "indicator {indicator} wordt per kalenderjaar geleverd; schrijf de periode als "
                "een jaar ({jaar_tekst}), niet als {periode_ruw}",
                lambda df: ~((df.ind_periodetype == "kalenderjaar") & (df.periodetype == "schooljaar")),
            ),
            _sql_check(
                "andere_gemeente",
                "gemeente_code",
                "map_code is not null and gemeente_code <> map_code",
                "gemeente {gemeente_code} hoort niet in de map van {map_code}: "
                "een gemeente levert alleen haar eigen cijfers",
                lambda df: (
                    ~(df.map_code.notna() & df.gemeente_code.notna() & (df.gemeente_code != df.map_code))
                ),
            ),
            _sql_check(
                "noemer_ontbreekt",
                "noemer",
                "ind_is_rate and noemer_ruw is null",
                "noemer ontbreekt; {indicator} is een verhouding en heeft een noemer nodig",
                lambda df: ~(_is(df.ind_is_rate) & df.noemer_ruw.isna()),
            ),
            _sql_check(
                "noemer_nul",
                "noemer",
                "ind_is_rate and noemer = 0",
                "noemer is 0; van een lege groep is geen verhouding te berekenen",
                lambda df: ~(_is(df.ind_is_rate) & (df.noemer == 0)),
            ),
            _sql_check(
                "teller_boven_noemer",
                "teller",
                "ind_is_rate and teller > noemer",
                "teller {teller_ruw} is groter dan noemer {noemer_ruw}",
                lambda df: ~(_is(df.ind_is_rate) & (df.teller > df.noemer)),
            ),
            _sql_check(
                "datum_bestaat_niet",
                "peildatum",
                "peildatum_leesbaar and peildatum is null",
                "{peildatum_ruw} is geen bestaande datum",
                lambda df: (
                    ~(
                        df.peildatum_ruw.notna()
                        & df.peildatum.isna()
                        & df.peildatum_ruw.astype("str").str.match(DATE_PATTERN)
                    )
                ),
            ),
        ],
        unique=DELIVERY_KEY,
        report_duplicates="all",
        strict=False,
        metadata={
            "kolommen": {"jaar": "periode"},
            "sleutel_kolom": "gemeente_code+periode+indicator+doelgroep",
            "uniek_melding": "conflict: deze gemeente, periode, indicator en doelgroep staan meer dan "
            "eens in dezelfde levering; alle rijen met deze sleutel zijn apart gezet",
        },
    )


def roma_binnen_totaal() -> pa.DataFrameSchema:
    """The target group is part of the whole population (CONTRACT §1): a `roma` row beside the
    `totaal` row of the same gemeente, periode and indicator (`int_roma_totaal`) may not have a
    larger teller, a larger noemer, or a larger noemer − teller (the rest of the population would
    be negative). A breach sends the roma row to quarantine. No message quotes a value."""
    waar = "{totaal_herkomst}"
    return pa.DataFrameSchema(
        {"doelgroep": pa.Column(None, nullable=False)},
        checks=[
            _sql_check(
                "roma_boven_totaal",
                "teller",
                "teller > totaal_teller",
                "de teller van roma is groter dan de teller van totaal "
                + waar
                + "; roma is een deel van de hele bevolking",
                lambda df: ~(df.teller > df.totaal_teller),
            ),
            _sql_check(
                "roma_boven_totaal",
                "noemer",
                "noemer is not null and totaal_noemer is not null and noemer > totaal_noemer",
                "de noemer van roma is groter dan de noemer van totaal "
                + waar
                + "; roma is een deel van de hele bevolking",
                lambda df: ~(df.noemer.notna() & df.totaal_noemer.notna() & (df.noemer > df.totaal_noemer)),
            ),
            _sql_check(
                "roma_rest_negatief",
                "noemer",
                "noemer is not null and totaal_noemer is not null and noemer <= totaal_noemer "
                "and noemer - teller > totaal_noemer - totaal_teller",
                "noemer min teller is voor roma groter dan voor totaal "
                + waar
                + "; dan zou de rest van de bevolking een negatief aantal hebben",
                lambda df: (
                    ~(
                        df.noemer.notna()
                        & df.totaal_noemer.notna()
                        & (df.noemer <= df.totaal_noemer)
                        & (df.noemer - df.teller > df.totaal_noemer - df.totaal_teller)
                    )
                ),
            ),
        ],
        strict=False,
    )


def waarnemingen(ref: Reference) -> pa.DataFrameSchema:
    """What researchers may rely on in `waarnemingen`: one figure per key, consistent values."""
    return pa.DataFrameSchema(
        {
            "gemeente_code": pa.Column(None, nullable=False, checks=pa.Check.str_matches(r"^GM[0-9]{4}$")),
            "periode": pa.Column(None, nullable=False),
            "jaar": pa.Column(None, nullable=False),
            "indicator": pa.Column(
                None, nullable=False, checks=pa.Check.isin([i.code for i in ref.indicatoren])
            ),
            "doelgroep": pa.Column(None, nullable=False, checks=pa.Check.isin(list(DOELGROEPEN))),
            "teller": pa.Column(None, nullable=False, checks=pa.Check.ge(0)),
            "waarde": pa.Column(None, nullable=False, checks=pa.Check.ge(0)),
            "bestand": pa.Column(None, nullable=False),
            "rij": pa.Column(None, nullable=False, checks=pa.Check.ge(1)),
        },
        checks=[
            _sql_check(
                "noemer_dekt_teller",
                "noemer",
                "noemer is not null and teller > noemer",
                "teller groter dan noemer",
                lambda df: ~(df.noemer.notna() & (df.teller > df.noemer)),
            ),
        ],
        unique=["gemeente_code", "periode", "indicator", "doelgroep"],
        strict=False,
    )


def vergelijking_nulmeting(statuses: tuple[str, ...]) -> pa.DataFrameSchema:
    """What `vergelijking_nulmeting` promises: one row per key and a known status."""
    return pa.DataFrameSchema(
        {
            "gemeente_code": pa.Column(str, nullable=False),
            "indicator": pa.Column(str, nullable=False),
            "doelgroep": pa.Column(str, nullable=False, checks=pa.Check.isin(list(DOELGROEPEN))),
            "status": pa.Column(str, nullable=False, checks=pa.Check.isin(list(statuses))),
            "verschil": pa.Column(float, nullable=True),
        },
        checks=pa.Check(
            lambda df: df.verschil.notna() | (df.status == ONVOLDOENDE),
            name="zonder_verschil_onvoldoende",
            error="status zonder verschil moet 'onvoldoende gegevens' zijn",
        ),
        unique=["gemeente_code", "indicator", "doelgroep"],
        strict=False,
        coerce=True,
    )
