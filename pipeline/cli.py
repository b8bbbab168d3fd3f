"""The command line of CONTRACT §2: `python -m pipeline run|check|extract|sample|sjabloon`.

Exit status: 0 done; 1 a data problem (`check` found something, `run --strict` refused or
quarantined anything); 2 wrong usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import NoReturn

from pipeline.progress import Progress
from pipeline.vocabulary import nl_number

OK, DATA_PROBLEM, USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse's own exit code is 2 too; say it in Dutch
        self.print_usage(sys.stderr)
        print(f"{self.prog}: fout: {message}", file=sys.stderr)
        raise SystemExit(USAGE)


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m pipeline", description="Monitor Inclusie Roma: de pipeline.")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    r = sub.add_parser("run", help="bouw monitor.duckdb uit de leveringen en referentiedata")
    r.add_argument("--raw", type=Path, default=Path("data/raw"), help="map met reference/ en leveringen/")
    r.add_argument("--out", type=Path, default=Path("data/processed"), help="map voor monitor.duckdb")
    r.add_argument(
        "--strict",
        action="store_true",
        help="eindig met status 1 als er iets is geweigerd of in quarantaine gezet",
    )
    r.add_argument("--stil", action="store_true", help="geen voortgang tonen")

    c = sub.add_parser("check", help="controleer leveringen vóór het versturen (niets wordt opgeslagen)")
    c.add_argument("files", nargs="+", type=Path, metavar="FILE", help="CSV- of XLSX-levering(en)")
    c.add_argument("--raw", type=Path, default=Path("data/raw"), help=argparse.SUPPRESS)
    c.add_argument(
        "--db",
        type=Path,
        default=Path("data/processed/monitor.duckdb"),
        help="vergelijk ook met deze database als die er is (standaard: %(default)s)",
    )

    s = sub.add_parser("sample", help="maak de synthetische steekproef (leveringen + referentiedata)")
    s.add_argument("--out", type=Path, default=Path("data/raw"), help="doelmap (een complete raw-map)")
    s.add_argument(
        "--scale",
        choices=("pilot", "national", "stress", "hostile"),
        default="pilot",
        help="hostile: een kleine set met elk soort vijandige of slordige levering (CONTRACT §1)",
    )
    s.add_argument("--seed", type=int, default=None, help="seed (standaard: die van de meegeleverde data)")

    t = sub.add_parser("sjabloon", help="maak het leversjabloon (xlsx) voor een gemeente")
    t.add_argument("--gemeente", metavar="CODE", help="CBS-code (GM0228): alleen voor deze gemeente")
    t.add_argument(
        "--out",
        type=Path,
        metavar="FILE",
        help="het bestand (standaard: levering-sjabloon[-GMxxxx].xlsx hier)",
    )
    t.add_argument("--raw", type=Path, default=Path("data/raw"), help=argparse.SUPPRESS)

    e = sub.add_parser("extract", help="schrijf een extract voor ministeries: cijfers + datapackage.json")
    e.add_argument("--db", type=Path, default=Path("data/processed/monitor.duckdb"), help="de database")
    e.add_argument(
        "--out",
        type=Path,
        default=Path("data/processed/extracts"),
        help="map voor het extract (standaard: data/processed/extracts)",
    )
    e.add_argument(
        "--format",
        type=_extract_format,
        default="csv-nl",
        metavar="csv|csv-nl|xlsx|parquet",
        help="csv-nl (standaard): goed in Nederlandse Excel; csv: voor software",
    )
    e.add_argument("--gemeente", action="append", default=[], metavar="CODE", help="CBS-code; herhaalbaar")
    e.add_argument("--indicator", action="append", default=[], metavar="CODE", help="herhaalbaar")
    e.add_argument("--domein", action="append", default=[], metavar="NAAM", help="herhaalbaar")
    e.add_argument("--van", type=_year, metavar="JAAR", help="vanaf dit jaar (kolom jaar)")
    e.add_argument("--tot", type=_year, metavar="JAAR", help="tot en met dit jaar")
    e.add_argument(
        "--taal",
        choices=("nl", "en"),
        default="nl",
        help="taal van de titels en omschrijvingen in datapackage.json",
    )
    e.add_argument("--stil", action="store_true", help="geen voortgang tonen")

    rp = sub.add_parser("rapport", help="schrijf een voortgangsrapportage als PDF (land of één gemeente)")
    rp.add_argument("--db", type=Path, default=Path("data/processed/monitor.duckdb"), help="de database")
    rp.add_argument(
        "--gemeente",
        type=_gemeente,
        metavar="CODE",
        help="CBS-code (GM0228); zonder: het rapport voor heel Nederland",
    )
    rp.add_argument("--taal", choices=("nl", "en"), default="nl", help="nl (standaard) of en")
    rp.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar="FILE",
        help="het PDF-bestand (standaard: data/processed/rapporten/"
        "rapport-<gemeente|nederland>-<taal>.pdf); bij --alle: de map",
    )
    rp.add_argument(
        "--alle",
        action="store_true",
        help="het landelijke rapport en dat van elke proeftuin, in beide talen, in de map "
        "--out (standaard data/processed/rapporten)",
    )
    rp.add_argument("--stil", action="store_true", help="geen voortgang tonen")
    return p


def _gemeente(text: str) -> str:
    code = text.strip().upper()
    digits = code.removeprefix("GM")
    if not (digits.isascii() and digits.isdigit() and 1 <= len(digits) <= 4):
        raise argparse.ArgumentTypeError(f"{text!r} is geen CBS-gemeentecode (zoals GM0228)")
    return "GM" + digits.zfill(4)


def _year(text: str) -> int:
    if not text.strip().isdigit() or len(text.strip()) != 4:
        raise argparse.ArgumentTypeError(f"{text!r} is geen jaartal (zoals 2016)")
    return int(text)


def _extract_format(text: str) -> str:
    from pipeline.extracts import FORMATS

    if text not in FORMATS:
        raise argparse.ArgumentTypeError(f"onbekend formaat {text!r}; kies uit {', '.join(FORMATS)}")
    return text


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "run":
        return _run(args)
    if args.command == "sample":
        return _sample(args)
    if args.command == "extract":
        return _extract(args)
    if args.command == "check":
        return _check(args)
    if args.command == "sjabloon":
        return _sjabloon(args)
    if args.command == "rapport":
        return _rapport(args)
    return USAGE


def _run(args: argparse.Namespace) -> int:
    from pipeline.config import DELIVERIES_DIR, REFERENCE_DIR
    from pipeline.run import NoDeliveries, run

    if not args.raw.is_dir():
        print(f"fout: de map {args.raw} bestaat niet (--raw)", file=sys.stderr)
        return USAGE
    if not (args.raw / DELIVERIES_DIR).is_dir() and not (args.raw / REFERENCE_DIR).is_dir():
        print(
            f"fout: {args.raw} is geen raw-map: er staan geen mappen {DELIVERIES_DIR}/ en {REFERENCE_DIR}/ "
            "in "
            "(--raw wijst naar de map die ze bevat, zoals data/raw)",
            file=sys.stderr,
        )
        return USAGE
    if args.out.exists() and not args.out.is_dir():
        print(f"fout: {args.out} is een bestand, geen map (--out)", file=sys.stderr)
        return USAGE
    try:
        result = run(args.raw, args.out, Progress(quiet=args.stil))
    except NoDeliveries as e:
        print(f"fout: {e}", file=sys.stderr)
        return DATA_PROBLEM
    except OSError as e:  # --out where nobody may write, a disk that is full
        where = f" ({e.filename})" if e.filename else ""
        print(f"fout: kan niet lezen of schrijven{where}: {e.strerror or e}", file=sys.stderr)
        return USAGE
    if args.strict and not result.clean:
        print("--strict: er is iets geweigerd of in quarantaine gezet (zie hierboven)", file=sys.stderr)
        return DATA_PROBLEM
    return OK


def _check(args: argparse.Namespace) -> int:
    from pipeline.check import check, write_report
    from pipeline.intake import control

    missing = [control.terminal(str(f)) for f in args.files if not f.is_file()]
    if missing:
        print(f"fout: bestand niet gevonden (of geen bestand): {', '.join(missing)}", file=sys.stderr)
        return USAGE
    reports = check(args.files, args.raw)
    write_report(reports, sys.stdout)
    clean = all(r.clean for r in reports)
    comparisons = _against_monitor(reports, args.db)
    if comparisons is not None:
        from pipeline.monitorcheck import write_comparisons

        write_comparisons(reports, comparisons, control.terminal(str(args.db)), sys.stdout)
        clean = clean and not any(c.problemen for c in comparisons)
    return OK if clean else DATA_PROBLEM


def _against_monitor(reports: list, db: Path) -> list | None:
    """The checked files against the monitor database, when there is one (publication tables only)."""
    if not db.is_file():
        return None
    import duckdb

    from pipeline.intake import control
    from pipeline.monitorcheck import compare, read_state

    try:
        with duckdb.connect(str(db), read_only=True) as con:
            state = read_state(con)
    except duckdb.Error:  # an older build without publicatie_herkomst, or no monitor database at all
        print(
            f"(de database {control.terminal(str(db))} kan niet worden vergeleken; alleen de bestanden "
            "zijn gecontroleerd)",
            file=sys.stderr,
        )
        return None
    return [compare(r, state) for r in reports]


def _sjabloon(args: argparse.Namespace) -> int:
    from pipeline import sjabloon
    from pipeline.build import resolve_reference_dir

    reference = resolve_reference_dir(args.raw)
    try:
        own = sjabloon.known_code(args.gemeente, reference) if args.gemeente else None
    except sjabloon.UnknownMunicipality as e:
        print(f"fout: {e} (--gemeente)", file=sys.stderr)
        return USAGE
    out = args.out or Path(sjabloon.default_name(own.code if own else None))
    if out.is_dir():
        out = out / sjabloon.default_name(own.code if own else None)
    try:
        out.write_bytes(sjabloon.template(reference, own.code if own else None))
    except OSError as e:
        print(f"fout: kan {out} niet schrijven: {e.strerror or e}", file=sys.stderr)
        return USAGE
    voor = f" voor {own.naam} ({own.code})" if own else ""
    print(f"Leversjabloon{voor} geschreven: {out}", file=sys.stderr)
    print(
        "Vul het blad 'levering' in, sla het op als JJJJ-MM-DD_omschrijving.xlsx en controleer het met "
        "python -m pipeline check BESTAND.",
        file=sys.stderr,
    )
    return OK


def _sample(args: argparse.Namespace) -> int:
    from pipeline.sample import DEFAULT_SEED, generate

    progress = Progress()
    seed = DEFAULT_SEED if args.seed is None else args.seed
    progress.say(f"▸ Synthetische steekproef, schaal {args.scale}, seed {seed} → {args.out}")
    try:
        files = generate(args.out, args.scale, seed, progress=lambda d, t: progress.count(d, t, "gemeenten"))
    except FileExistsError as e:
        print(f"fout: {e}", file=sys.stderr)
        return USAGE
    progress.say(f"  {nl_number(len(files))} leveringen geschreven")
    return OK


def _extract(args: argparse.Namespace) -> int:
    from pipeline.extracts import Filters, UsageError, extract

    progress = Progress(quiet=args.stil)
    filters = Filters(tuple(args.gemeente), tuple(args.indicator), tuple(args.domein), args.van, args.tot)
    try:
        result = extract(args.db, args.out, args.format, filters, args.taal)
    except UsageError as e:
        print(f"fout: {e}", file=sys.stderr)
        return USAGE
    except OSError as e:  # --out is a file, or a folder nobody may write in
        print(f"fout: kan het extract niet schrijven in {args.out}: {e.strerror or e}", file=sys.stderr)
        return USAGE
    release = result.release
    progress.say(f"▸ Extract {args.format} uit {args.db} (build {release.manifest_id})")
    if release.synthetic:
        progress.say("  LET OP: SYNTHETISCHE GEGEVENS — niet gemeten, niet voor rapporten")
    progress.say(
        f"  {nl_number(result.rows)} cijfers, waarvan {nl_number(result.suppressed)} onderdrukt"
        + ("" if result.rows else " — geen cijfers bij deze filters")
    )
    progress.say(f"  {result.data} + {result.descriptor.name}, in {nl_number(result.seconds, 2)} s")
    return OK


REPORTS_DIR = Path("data/processed/rapporten")


def report_name(gemeente: str | None, taal: str) -> str:
    """rapport-<GM0228|nederland>-<taal>.pdf"""
    return f"rapport-{gemeente or 'nederland'}-{taal}.pdf"


def _rapport(args: argparse.Namespace) -> int:
    from pipeline.intake import control

    if not args.db.is_file():
        print(
            f"fout: de database {control.terminal(str(args.db))} bestaat niet (--db; eerst `make`)",
            file=sys.stderr,
        )
        return USAGE
    if args.alle:
        if args.gemeente:
            print("fout: --alle en --gemeente gaan niet samen", file=sys.stderr)
            return USAGE
        import duckdb

        con = duckdb.connect(str(args.db), read_only=True)
        try:
            sql = "select gemeente_code from proeftuinen where gemeente_code is not null order by 1"
            pilots = [c for (c,) in con.execute(sql).fetchall()]
        finally:
            con.close()
        folder = args.out or REPORTS_DIR
        jobs = [(g, taal, folder / report_name(g, taal)) for g in [None, *pilots] for taal in ("nl", "en")]
    else:
        jobs = [(args.gemeente, args.taal, args.out or REPORTS_DIR / report_name(args.gemeente, args.taal))]
    for gemeente, taal, out in jobs:
        status = _write_report(args, gemeente, taal, out)
        if status != OK:
            return status
    return OK


def _write_report(args: argparse.Namespace, gemeente: str | None, taal: str, out: Path) -> int:
    import time

    from pipeline.i18n import t
    from pipeline.intake import control
    from pipeline.rapport import UnknownGemeente, render_pages

    started = time.perf_counter()
    try:
        pdf, pages = render_pages(args.db, gemeente, taal)
    except UnknownGemeente:
        print(f"fout: gemeente {gemeente} staat niet in de database (--gemeente)", file=sys.stderr)
        return USAGE
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(f".{out.name}.tmp")
        tmp.write_bytes(pdf)
        tmp.replace(out)
    except OSError as e:
        print(
            f"fout: kan het rapport niet schrijven naar {control.terminal(str(out))}: {e.strerror or e}",
            file=sys.stderr,
        )
        return USAGE
    Progress(quiet=args.stil).say(
        t(
            "cli_geschreven",
            "nl",
            pad=control.terminal(str(out)),
            kb=nl_number(len(pdf) / 1024),
            paginas=pages,
            s=nl_number(time.perf_counter() - started, 1),
        )
    )
    return OK
