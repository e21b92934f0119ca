"""`kg build` and `kg extract`: articles into a store, or into facts on standard output."""

from __future__ import annotations

import argparse
import sys

from kg.cli.registry import command, echo, reporting, table
from kg.errors import KGError
from kg.progress import first_part

# --------------------------------------------------------------------------- build


def _build_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", help="articles or folders (default: data/corpus)")
    p.add_argument("--out", default="out", help="output folder (default: out)")
    p.add_argument("--store", default=None, help="store folder (default: OUT/store)")
    p.add_argument("--keep-going", action="store_true", help="skip unreadable articles")
    p.add_argument(
        "--exports",
        action="store_true",
        help="also write graph.ttl, graph.trig, graph.graphml, the views and the plots",
    )
    _worker_options(p)


def _worker_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--workers", type=int, default=1, metavar="N", help="extract in N processes (default: 1)"
    )
    p.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="extract on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786)",
    )


@command(_build_options)
def cmd_build(args: argparse.Namespace) -> int:
    """Build the knowledge graph of the articles into a store (OUT/store, OUT/merge_log.tsv).

    The store is written while the articles are extracted. --workers N extracts in N
    processes on this machine; --dask ADDRESS sends each article to an existing Dask cluster
    (pip install 'chainkg[dask]'). The graph is the same either way. --exports also writes
    the RDF and GraphML files, the HTML views and the plots (else: kg export, kg views).

    Example: kg build data/corpus --out out
    Example: kg build corpus/ --workers 2
    Example: kg build data/corpus --exports
    """
    # start-up: loaded when the command runs, so `kg --help` stays fast
    from kg.run.build import DEFAULT_CORPUS, build

    # start-up: loaded when the command runs, so `kg --help` stays fast
    from kg.run.parallel import check_workers

    check_workers(args.workers, args.dask)  # before the progress bar is drawn
    with reporting(args) as reporter:
        report = build(
            args.paths or [DEFAULT_CORPUS],
            out=args.out,
            store=args.store,
            keep_going=args.keep_going,
            exports=args.exports,
            workers=args.workers,
            dask=args.dask,
            on_skip=lambda err: reporter.warn(f"kg: warning: skipped {err}"),
            phases=reporter,
        )
    _print_report(report)
    return 0


def _print_report(report) -> None:
    c = report.counts
    echo(
        f"Built {report.articles} articles ({report.characters:,} characters) "
        f"in {report.seconds:.1f}s into {report.files['store']}"
    )
    echo()
    echo("Entities per class")
    echo(table(["class", "count"], sorted(c.get("entities", {}).items())))
    echo()
    echo("Relations per property")
    echo(table(["property", "count"], sorted(c.get("relations", {}).items())))
    echo()
    echo("Which firms lead which chain (龙头 / 链主)")
    echo(table(["enterprise", "chain", "article"], report.leads))
    echo()
    for name, path in sorted(report.files.items()):
        echo(f"{name:>10}: {path}")


# --------------------------------------------------------------------------- extract


def _extract_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", help="articles or folders (default: data/corpus)")
    p.add_argument("--format", choices=["jsonl", "table"], default="jsonl")
    p.add_argument("--keep-going", action="store_true", help="skip unreadable articles")
    _worker_options(p)


@command(_extract_options)
def cmd_extract(args: argparse.Namespace) -> int:
    """Print what the extractor finds in each article: entities, relations, metrics.

    --workers N extracts in N processes on this machine; --dask ADDRESS on an existing Dask
    cluster. The output is the same, in the same order, either way.

    Example: kg extract data/corpus --format jsonl
    Example: kg extract archive/ --workers 2 > facts.jsonl
    """
    # start-up: loaded when the command runs, so `kg --help` stays fast
    from kg.reading.reader import iter_paths

    # start-up: loaded when the command runs, so `kg --help` stays fast
    from kg.run.build import DEFAULT_CORPUS

    # start-up: loaded when the command runs, so `kg --help` stays fast
    from kg.run.parallel import check_workers, extract_many

    check_workers(args.workers, args.dask)
    paths = args.paths or [DEFAULT_CORPUS]
    n_files = sum(1 for _ in iter_paths(paths))
    with reporting(args) as reporter:

        def skip(err: KGError) -> None:
            reporter.advance()
            reporter.warn(f"kg: warning: skipped {err}")

        reporter.phase("extracting", n_files, "articles")
        rendered = extract_many(
            paths,
            workers=args.workers,
            dask=args.dask,
            keep_going=args.keep_going,
            on_skip=skip,
            render=named_jsonl if args.format == "jsonl" else named_table,
        )
        for name, text in rendered:
            sys.stdout.write(text)
            if first_part(name):
                reporter.advance()
    return 0


def named_jsonl(doc) -> tuple[str, str]:
    """An extracted article's name and its facts as JSON lines (`kg.extraction.facts.as_jsonl`),
    sent back by the workers of `kg extract`: the name counts the article in the progress bar."""
    # start-up: loaded when the command runs, so `kg --help` stays fast
    from kg.extraction import facts

    return doc.name, facts.as_jsonl(doc)


def named_table(doc) -> tuple[str, str]:
    """An extracted article's name and its facts as a text table
    (`kg.extraction.facts.as_table`)."""
    # start-up: loaded when the command runs, so `kg --help` stays fast
    from kg.extraction import facts

    return doc.name, facts.as_table(doc)
