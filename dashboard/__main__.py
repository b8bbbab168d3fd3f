"""`python -m dashboard [--db PATH] [--host HOST] [--port PORT]`: serve the dashboard for one user."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dashboard.data import DEFAULT_DB

USAGE = 2


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m dashboard", description="Monitor Inclusie Roma: het dashboard."
    )
    p.add_argument("--db", type=Path, default=DEFAULT_DB, help="de database (standaard: %(default)s)")
    p.add_argument("--host", default="127.0.0.1", help="adres om op te luisteren (standaard: %(default)s)")
    p.add_argument("--port", type=int, default=8050, help="poort (standaard: %(default)s)")
    args = p.parse_args(argv)
    if not args.db.exists():
        print(f"fout: de database {args.db} bestaat niet; bouw hem eerst met `make`", file=sys.stderr)
        return USAGE
    from dashboard.app import create_app

    app = create_app(args.db)
    print(f"Dashboard op http://{args.host}:{args.port}/ (stoppen: Ctrl+C)", file=sys.stderr)
    app.run(host=args.host, port=args.port, debug=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
