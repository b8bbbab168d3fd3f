"""The simulations of issue 13's Proof at a larger size than `make test` runs them: rejection,
coverage, pre-trend flags and verdicts per scenario (tests/simulatie.py), as a table.

    python bench/simulatie_effecten.py [--panelen 1000] [--permutaties 199]

Not part of `make bench` (it measures statistics, not speed); takes about a minute per 1.000 panels.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import simulatie  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--panelen", type=int, default=1000)
    parser.add_argument("--permutaties", type=int, default=199)
    args = parser.parse_args()
    columns = list(simulatie.summary(simulatie.run("geen_effect", 2, 19)))
    print(f"{'scenario':<18}" + "".join(f"{c:>21}" for c in columns))
    for scenario in simulatie.SCENARIOS:
        start = time.perf_counter()
        frame = simulatie.run(scenario, args.panelen, args.permutaties, seed=2026)
        s = simulatie.summary(frame)
        print(
            f"{scenario:<18}"
            + "".join(f"{s[c]:>21.3f}" for c in columns)
            + f"   ({time.perf_counter() - start:.0f} s)"
        )


if __name__ == "__main__":
    main()
