"""The registry of `kg` commands and what every command shares: printing, tables, progress.

Every command's help is its docstring; errors a user can act on are one line (`kg: error: …`).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TextIO

from kg.graph.store import DEFAULT_STORE
from kg.progress import Progress
from kg.rows import format_rows

__all__ = ["COMMANDS", "command", "echo", "reporting", "table", "Reporter", "store_option"]

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {}
_SETUP: dict[str, Callable[[argparse.ArgumentParser], None]] = {}


def command(setup: Callable[[argparse.ArgumentParser], None]):
    """Register a command function whose name (minus `cmd_`) is the sub-command."""

    def register(fn: Callable[[argparse.Namespace], int]):
        name = fn.__name__.removeprefix("cmd_").replace("_", "-")
        COMMANDS[name] = fn
        _SETUP[name] = setup
        return fn

    return register


def store_option(p: argparse.ArgumentParser) -> None:
    """Add ``--store DIR``: the store folder, `kg.graph.store.DEFAULT_STORE` by default."""
    default = DEFAULT_STORE.as_posix()
    p.add_argument("--store", default=default, help=f"store folder (default: {default})")


def echo(text: str = "") -> None:
    """Print one line to standard output (the library never prints; commands do)."""
    sys.stdout.write(text + "\n")


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Rows as an aligned text table."""
    return format_rows(list(headers), [tuple(r) for r in rows], "table")


class Reporter(Progress):
    """Progress as a person sees it on standard error: on a terminal a bar per phase with its
    total, rate and time left; in a pipe one line per finished phase; nothing with --quiet.
    Warnings go through `warn`, so that they do not tear a bar."""

    def __init__(self, *, quiet: bool = False, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.bars = not quiet and self.stream.isatty()
        self._name: str | None = None
        self._bar: Any = None
        self._n = 0
        self._unit = ""
        self._started = 0.0

    def phase(self, name: str, total: int | None = None, unit: str = "steps") -> None:
        self._finish()
        self._name, self._n, self._unit, self._started = name, 0, unit, time.perf_counter()
        if self.bars:
            # start-up: loaded when the command runs, so `kg --help` stays fast
            from tqdm import tqdm

            sized = _columns(self.stream) > 0
            self._bar = tqdm(
                total=total,
                desc=name,
                unit=f" {unit}",
                file=self.stream,
                leave=False,
                # a terminal that reports no size (0 x 0) would hide the bar: assume 80 x 24
                ncols=None if sized else 80,
                nrows=None if sized else 24,
            )

    def advance(self, n: int = 1) -> None:
        self._n += n
        if self._bar is not None:
            self._bar.update(n)

    def warn(self, line: str) -> None:
        """Write one line (a warning) without tearing the bar being drawn."""
        if self._bar is not None:
            self._bar.clear()
        self.stream.write(line + "\n")
        self.stream.flush()
        if self._bar is not None:
            self._bar.refresh()

    def close(self, *, finished: bool = True) -> None:
        """End the last phase: its line is written only if it `finished`."""
        if finished:
            self._finish()
        elif self._bar is not None:
            self._bar.close()
        self._name, self._bar = None, None

    def _finish(self) -> None:
        if self._name is None:
            return
        if self._bar is not None:
            self._bar.refresh()  # the phase's last count is drawn once before the bar goes
            self._bar.close()
        elif not self.quiet:
            seconds = time.perf_counter() - self._started
            self.stream.write(f"kg: {self._name}: {self._n:,} {self._unit} in {seconds:.1f}s\n")
            self.stream.flush()
        self._name, self._bar = None, None


def _columns(stream: TextIO) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (OSError, ValueError, AttributeError):
        return 0


@contextlib.contextmanager
def reporting(args: argparse.Namespace) -> Iterator[Reporter]:
    """A `Reporter` for a command run with `args` (its --quiet), closed when the block ends."""
    reporter = Reporter(quiet=getattr(args, "quiet", False))
    try:
        yield reporter
    except BaseException:
        reporter.close(finished=False)
        raise
    reporter.close()
