"""`kg views` (the HTML views) and `kg stats` (network analytics as tables)."""

from __future__ import annotations

import argparse

from kg.cli.registry import command, echo, reporting, store_option, table

_MEASURES = ["degree", "betweenness"]


_print, _table = echo, table


def _confidence(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"must be a number from 0 to 1, not {text!r}")
    return value


def _views_options(p: argparse.ArgumentParser) -> None:
    store_option(p)
    p.add_argument("--out", default="out/views", help="output folder (default: out/views)")
    p.add_argument("--size-by", choices=_MEASURES, default="degree", help="node size (degree)")
    p.add_argument(
        "--colour-by", choices=["class", "community"], default="class", help="node colour (class)"
    )
    p.add_argument(
        "--min-confidence",
        type=_confidence,
        metavar="X",
        help="leave out relations found with a confidence below X (0 to 1; explicit ones have 1)",
    )


@command(_views_options)
def cmd_views(args: argparse.Namespace) -> int:
    """Write the interactive HTML views of the graph: index, chain leaders, each chain, all.

    The pages work offline (everything is inlined); open OUT/index.html in a browser.

    Example: kg views --store out/store --out out/views
    """
    # start-up: loaded when the command runs, so `kg --help` stays fast
    from kg.apps.views import write_views

    with reporting(args) as reporter:
        views = write_views(
            args.store,
            args.out,
            size_by=args.size_by,
            colour_by=args.colour_by,
            min_confidence=args.min_confidence,
            phases=reporter,
        )
    rows = [(v.file, v.title, v.nodes, v.edges) for v in views if v.file != "index.html"]
    _print(_table(["file", "view", "nodes", "edges"], rows))
    _print()
    _print(f"open {views[-1].path}")
    return 0


def _stats_options(p: argparse.ArgumentParser) -> None:
    store_option(p)
    p.add_argument("--top", type=int, default=3, help="leaders per class (default: 3)")
    p.add_argument("--seed", type=int, default=0, help="seed of the Louvain communities")


@command(_stats_options)
def cmd_stats(args: argparse.Namespace) -> int:
    """Print network analytics of the graph: counts per class and relation, enterprises in more
    than one chain, degree and betweenness leaders per class, components and communities.

    Example: kg stats --store out/store --top 3
    """
    # start-up: loaded when the command runs, so `kg --help` stays fast
    from kg.errors import InputError

    # start-up: loaded when the command runs, so `kg --help` stays fast
    from kg.graph.analytics import tables

    # start-up: loaded when the command runs, so `kg --help` stays fast
    from kg.graph.network import to_networkx

    # start-up: loaded when the command runs, so `kg --help` stays fast
    from kg.graph.store import open_store

    if args.top < 1:
        raise InputError(f"--top must be at least 1, not {args.top}")
    G = to_networkx(open_store(args.store))
    _print(f"{G.number_of_nodes()} entities, {G.number_of_edges()} relation assertions")
    for title, headers, rows in tables(G, top=args.top, seed=args.seed):
        _print()
        _print(title)
        _print(_table(headers, rows) if rows else "(none)")
    return 0
