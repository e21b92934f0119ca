"""`kg add` and `kg remove`: change a built store article by article, without rebuilding it."""

from __future__ import annotations

import argparse
import sys

from kg.cli.registry import command, reporting, store_option


def _add_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", help="articles or folders to add")
    store_option(p)
    p.add_argument("--keep-going", action="store_true", help="skip unreadable articles")
    p.add_argument(
        "--workers", type=int, default=1, metavar="N", help="extract in N processes (default: 1)"
    )
    p.add_argument(
        "--batch",
        type=int,
        metavar="N",
        help="write every N articles in their own transaction (default: all in one)",
    )


def _summary(change, verb: str) -> str:
    parts = [
        f"{len(change.added)} added",
        f"{len(change.replaced)} replaced",
        f"{len(change.unchanged)} unchanged",
    ]
    if verb == "remove":
        parts = [f"{len(change.removed)} removed"]
    if change.skipped:
        parts.append(f"{len(change.skipped)} skipped")
    return ", ".join(parts)


@command(_add_options)
def cmd_add(args: argparse.Namespace) -> int:
    """Add articles to a built store, or replace those whose content changed.

    An article is known by its file name. One whose content is already in the store (same
    hash) changes nothing and is not even extracted; a changed one replaces its own facts and
    nothing else. The whole call is one transaction (one per N articles with --batch N): if it
    is interrupted, the store stays as it was. Exports, views and out/merge_log.tsv are not
    rewritten: run kg export or kg views afterwards.

    Example: kg add news/2024-05-17.txt --store out/store
    """
    # start-up: loaded when the command runs, so `kg --help` stays fast
    from kg.run.incremental import add

    with reporting(args) as reporter:
        change = add(
            args.paths,
            args.store,
            keep_going=args.keep_going,
            workers=args.workers,
            batch=args.batch,
            on_skip=lambda err: reporter.warn(f"kg: warning: skipped {err}"),
            phases=reporter,
        )
    for verb, names in (("added", change.added), ("replaced", change.replaced)):
        for name in names:
            sys.stdout.write(f"{verb:>9}: {name}\n")
    sys.stdout.write(
        f"{_summary(change, 'add')} ({change.quads_added:,} quads written, "
        f"{change.quads_removed:,} removed) in {args.store}\n"
    )
    return 0


def _remove_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "articles", nargs="+", metavar="ARTICLE", help="file name (or graph IRI) of an article"
    )
    store_option(p)


@command(_remove_options)
def cmd_remove(args: argparse.Namespace) -> int:
    """Take articles out of a built store, with every fact that came only from them.

    ARTICLE is the article's file name as built (a path is taken by its file name) or its
    graph IRI. An unknown article is refused before anything changes.

    Example: kg remove 000_c9519bf765dc77e1.txt --store out/store
    """
    # start-up: loaded when the command runs, so `kg --help` stays fast
    from kg.run.incremental import remove

    change = remove(args.articles, args.store)
    for name in change.removed:
        sys.stdout.write(f"  removed: {name}\n")
    sys.stdout.write(
        f"{_summary(change, 'remove')} ({change.quads_removed:,} quads) from {args.store}\n"
    )
    return 0
