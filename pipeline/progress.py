"""What a long run shows while it works: stages, counts, and a closing summary, on stderr."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from pipeline.vocabulary import nl_number


class Progress:
    """Prints progress lines; redraws a counter in place when the output is a terminal."""

    def __init__(self, stream: TextIO | None = None, quiet: bool = False) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self._last = 0.0
        self.timings: dict[str, float] = {}

    def say(self, text: str) -> None:
        if not self.quiet:
            print(text, file=self.stream, flush=True)

    @contextmanager
    def stage(self, name: str, title: str) -> Iterator[None]:
        """Announce a stage, time it, and say how long it took."""
        self.say(f"▸ {title}")
        start = time.perf_counter()
        yield
        self.timings[name] = time.perf_counter() - start
        self.say(f"  {name} klaar in {nl_number(self.timings[name], 2)} s")

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        """Time a step within a stage; say so when it took long enough to matter."""
        start = time.perf_counter()
        yield
        took = time.perf_counter() - start
        self.timings[name] = took
        if took >= 0.5:
            self.say(f"  · {name}: {nl_number(took, 1)} s")

    def count(self, done: int, total: int, what: str) -> None:
        """A counter for many items; at most a few lines per second when not on a terminal."""
        if self.quiet:
            return
        now = time.perf_counter()
        if done < total and now - self._last < (0.1 if self.tty else 2.0):
            return
        self._last = now
        line = f"  {what}: {nl_number(done)} van {nl_number(total)}"
        if self.tty:
            end = "\n" if done >= total else ""
            print(f"\r{line}", end=end, file=self.stream, flush=True)
        else:
            print(line, file=self.stream, flush=True)
