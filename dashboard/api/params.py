"""The question a request asks, checked before anything reaches the database: which parameters a
resource knows, repeated or comma-separated values, lengths, years, page and format. A wrong one
is a 400 that names it (`problems.py`); what one question may cost is `Limits`.
"""

from __future__ import annotations

from dataclasses import dataclass

from werkzeug.datastructures import MultiDict

from dashboard.api.problems import Fault, invalid, shown
from dashboard.api.resources import Resource
from pipeline.config import load_settings
from pipeline.extracts.query import normalise_code

FORMATS = ("json", "csv", "csv-nl", "parquet")
PAGING = ("limit", "offset")


@dataclass(frozen=True)
class Limits:
    """What one question may cost. The defaults hold at national scale on two cores."""

    page_default: int = 100  # rows of a JSON page when no limit is given
    page_max: int = 1000  # the largest JSON page
    file_rows: int = 1_000_000  # the most rows a csv or parquet answer may hold
    query_seconds: float = 10.0  # a query running longer is interrupted
    concurrent: int = 4  # queries running at once in one process
    wait_seconds: float = 2.0  # how long a question waits for a free slot before 429
    values: int = 200  # values of one filter
    value_chars: int = 64  # characters of one value
    cache_bytes: int = 4 << 20  # a larger answer is made again when asked again


@dataclass(frozen=True)
class Ask:
    """A checked question: the resource, its filters in canonical form, the format and the page."""

    resource: Resource
    filters: tuple[tuple[str, tuple[str, ...]], ...]  # (filter name, values), sorted; van/tot as text
    fmt: str
    limit: int
    offset: int

    def values(self, name: str) -> tuple[str, ...]:
        return dict(self.filters).get(name, ())

    def year(self, name: str) -> int | None:
        v = self.values(name)
        return int(v[0]) if v else None

    @property
    def key(self) -> tuple:
        """What the rows depend on (not the format or the page)."""
        return (self.resource.name, self.filters)


def split(values: list[str]) -> list[str]:
    """Repeated parameters and comma-separated values alike: `a,b` and `a&x=b` → [a, b]."""
    return [p.strip() for v in values for p in v.split(",") if p.strip()]


def parse(
    resource: Resource,
    args: MultiDict,
    limits: Limits,
    formats: tuple[str, ...] = FORMATS,
    default_format: str = "json",
    paged: bool = True,
) -> Ask:
    """The question in `args`, checked without the database; 400 naming every parameter that is wrong."""
    faults: list[Fault] = []
    allowed = {f.name: f for f in resource.filters}
    known = set(allowed) | {"format"} | (set(PAGING) if paged else set())
    for name in args:
        if name not in known:
            hint = f"; deze bron kent {', '.join(sorted(known))}" if known else ""
            faults.append(Fault(shown(name), f"onbekende parameter{hint}"))
    for name in known:
        if len(args.getlist(name)) > 1 and (name not in allowed or not allowed[name].multiple):
            faults.append(Fault(name, "mag maar één keer voorkomen"))
    filters: dict[str, tuple[str, ...]] = {}
    for name, f in allowed.items():
        values = split(args.getlist(name))
        if not values:
            if args.getlist(name):
                faults.append(Fault(name, "is leeg; laat de parameter weg of geef een waarde"))
            continue
        if len(values) > limits.values:
            faults.append(Fault(name, f"te veel waarden ({len(values)}); hooguit {limits.values}"))
            continue
        if any(len(v) > limits.value_chars for v in values):
            faults.append(Fault(name, f"een waarde is langer dan {limits.value_chars} tekens"))
            continue
        if not f.multiple and len(values) > 1:
            faults.append(Fault(name, "één jaar, geen lijst"))
            continue
        filters[name] = tuple(dict.fromkeys(_canonical(name, v) for v in values))
    years = load_settings().validatie
    for name in ("van", "tot"):
        if name in filters:
            text = filters[name][0]
            if not (text.isascii() and text.isdigit() and len(text) == 4):
                faults.append(
                    Fault(name, f"{shown(text)!r} is geen jaartal; schrijf vier cijfers, zoals 2020")
                )
                del filters[name]
            elif not years.eerste_jaar <= int(text) <= years.laatste_jaar:
                faults.append(
                    Fault(
                        name, f"{text}: kies een jaar van {years.eerste_jaar} tot en met {years.laatste_jaar}"
                    )
                )
                del filters[name]
    if "van" in filters and "tot" in filters and int(filters["van"][0]) > int(filters["tot"][0]):
        faults.append(Fault("van", f"van {filters['van'][0]} ligt na tot {filters['tot'][0]}"))
    fmt = _one(args, "format", default_format)
    if fmt not in formats:
        faults.append(Fault("format", f"{shown(fmt)!r} is geen formaat; kies uit {', '.join(formats)}"))
    limit = _whole(args, "limit", limits.page_default, 1, limits.page_max, faults) if paged else 0
    offset = _whole(args, "offset", 0, 0, None, faults) if paged else 0
    if faults:
        raise invalid(faults)
    return Ask(resource, tuple(sorted(filters.items())), fmt, limit, offset)


def _one(args: MultiDict, name: str, default: str) -> str:
    values = args.getlist(name)
    return values[0].strip().lower() if values else default


def _whole(args: MultiDict, name: str, default: int, low: int, high: int | None, faults: list[Fault]) -> int:
    if name not in args:
        return default
    text = args.getlist(name)[0].strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 12:
        faults.append(Fault(name, f"{shown(text)!r} is geen heel getal ≥ {low}"))
        return default
    n = int(text)
    if n < low or (high is not None and n > high):
        most = (
            f" en hooguit {high} (de grootste pagina; neem format=csv voor alles in één keer)" if high else ""
        )
        faults.append(Fault(name, f"{n}: kies minstens {low}{most}"))
        return default
    return n


def _canonical(name: str, value: str) -> str:
    """A filter value as the extract compares it: codes upper (GM0363), other codes lower."""
    if name == "gemeente":
        return normalise_code(value) or value
    if name in ("indicator", "domein", "doelgroep"):
        return value.lower()
    return value
