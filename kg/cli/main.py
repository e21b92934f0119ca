"""`kg`: the parser of every command, and the one place errors become a line and an exit code."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

# Each command module registers its commands when imported, in the order of `kg --help`.
from kg.cli import ask, build, export, incremental, push, quality, query, serve, views  # noqa: F401, I001
from kg.cli.registry import _SETUP, COMMANDS
from kg.errors import KGError, QueryError


def _version() -> str:
    # start-up: loaded when the command runs, so `kg --help` stays fast
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("chainkg")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown (not installed)"


def parser() -> argparse.ArgumentParser:
    """The argument parser of `kg` with every registered command."""
    p = argparse.ArgumentParser(
        prog="kg",
        description="chainkg: a knowledge graph of industrial chains and chain leaders (链长制).",
    )
    p.add_argument("--version", action="version", version=f"kg (chainkg) {_version()}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, fn in COMMANDS.items():
        doc = (fn.__doc__ or "").strip()
        sp = sub.add_parser(
            name,
            help=doc.splitlines()[0] if doc else "",
            description=doc,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        _SETUP[name](sp)
        if not any("--quiet" in a.option_strings for a in sp._actions):
            sp.add_argument(
                "--quiet", action="store_true", help="no progress bars or progress lines"
            )
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run `kg` with `argv`; return the exit code (0 ok, 1 error, 2 usage)."""
    args = parser().parse_args(argv)
    # start-up: loaded when the command runs, so `kg --help` stays fast
    from kg import locks

    locks.COMMAND = " ".join(["kg", *(sys.argv[1:] if argv is None else argv)])
    try:
        return COMMANDS[args.command](args)
    except QueryError as err:
        sys.stderr.write(f"kg: error: malformed or unknown query: {err}\n")
        return 1
    except KGError as err:
        sys.stderr.write(f"kg: error: {err}\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("kg: interrupted\n")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as err:  # noqa: BLE001 - the last line of defence: one line, no traceback
        if os.environ.get("KG_DEBUG"):
            raise
        sys.stderr.write(
            f"kg: internal error: {type(err).__name__}: {err} (set KG_DEBUG=1 for details)\n"
        )
        return 70
