"""`kg export`: the graph as RDF (ttl, trig, nt, nq, jsonld), GraphML or CSV tables."""

from __future__ import annotations

import argparse
import sys

from kg.cli.registry import command, reporting, store_option


def _export_options(p: argparse.ArgumentParser) -> None:
    # start-up: loaded when the command runs, so `kg --help` stays fast
    from kg.graph.exports import FORMATS

    p.add_argument(
        "--format",
        action="append",
        choices=FORMATS,
        metavar="FORMAT",
        help=f"one of {', '.join(FORMATS)}; repeat for several (default: all)",
    )
    p.add_argument("--out", default="out", help="output folder (default: out)")
    store_option(p)


@command(_export_options)
def cmd_export(args: argparse.Namespace) -> int:
    """Write the graph as Turtle, TriG, N-Triples, N-Quads, JSON-LD, GraphML or CSV tables.

    csv writes entities.csv (with aliases), relations.csv (with evidence and article) and
    metrics.csv (indicator, value, unit, year, subject), UTF-8 with a BOM for Excel.

    Example: kg export --format csv --format graphml --out out
    """
    # start-up: loaded when the command runs, so `kg --help` stays fast
    from kg.graph.exports import FORMATS, export

    with reporting(args) as reporter:
        files = export(args.store, args.out, formats=args.format or FORMATS, phases=reporter)
    for name, path in files.items():
        sys.stdout.write(f"{name:>14}: {path}\n")
    return 0
