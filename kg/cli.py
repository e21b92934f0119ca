"""The `kg` command: thin wrappers that parse options, call the library and print.

Every command's help is its docstring. Errors a user can act on are printed as one line
(`kg: error: …`) with a non-zero exit, never as a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from kg.errors import InputError, KGError, QueryError, ValidationError
from kg.progress import Progress, first_part

__all__ = ["main", "COMMANDS"]

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


def echo(text: str = "") -> None:
    """Print one line to standard output (the library never prints; commands do)."""
    sys.stdout.write(text + "\n")


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Rows as an aligned text table."""
    from kg.query import format_rows

    return format_rows(list(headers), [tuple(r) for r in rows], "table")


_print, _table = echo, table


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
    from kg.build import DEFAULT_CORPUS, build
    from kg.parallel import check_workers

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
    _print(
        f"Built {report.articles} articles ({report.characters:,} characters) "
        f"in {report.seconds:.1f}s into {report.files['store']}"
    )
    _print()
    _print("Entities per class")
    _print(_table(["class", "count"], sorted(c.get("entities", {}).items())))
    _print()
    _print("Relations per property")
    _print(_table(["property", "count"], sorted(c.get("relations", {}).items())))
    _print()
    _print("Which firms lead which chain (龙头 / 链主)")
    _print(_table(["enterprise", "chain", "article"], report.leads))
    _print()
    for name, path in sorted(report.files.items()):
        _print(f"{name:>10}: {path}")


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
    from kg.build import DEFAULT_CORPUS
    from kg.parallel import check_workers, extract_many
    from kg.reader import iter_paths

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
    """An extracted article's name and its facts as JSON lines (`kg.facts.as_jsonl`), sent back
    by the workers of `kg extract`: the name counts the article in the progress bar."""
    from kg import facts

    return doc.name, facts.as_jsonl(doc)


def named_table(doc) -> tuple[str, str]:
    """An extracted article's name and its facts as a text table (`kg.facts.as_table`)."""
    from kg import facts

    return doc.name, facts.as_table(doc)


# --------------------------------------------------------------------------- query


def _query_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("sparql", nargs="?", help="a SPARQL query, or a file holding one")
    p.add_argument("--named", metavar="NAME", help="run the named query kg/queries/NAME.rq")
    p.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a parameter of the named query (repeatable), e.g. chain=绿色铝产业链",
    )
    p.add_argument("--list", action="store_true", help="list the named queries and parameters")
    p.add_argument(
        "--all", action="store_true", help="with --list: also the queries kg runs for itself"
    )
    p.add_argument("--store", default="out/store", help="store folder (default: out/store)")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")


def _query_list(queries: Sequence, fmt: str) -> str:
    records = [
        {
            "name": q.name,
            "description": q.description,
            "parameters": [
                {"name": p.name, "kind": p.kind, "required": p.required, "about": p.description}
                for p in q.parameters
            ],
        }
        for q in queries
    ]
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False)
    if fmt == "csv":
        from kg.query import format_rows

        rows = [
            (r["name"], " ".join(p["name"] for p in r["parameters"]), r["description"])
            for r in records
        ]
        return format_rows(["name", "parameters", "description"], rows, "csv").rstrip("\n")
    blocks = []
    for r in records:
        lines = [r["name"], f"    {r['description']}"]
        for p in r["parameters"]:
            need = "required" if p["required"] else "optional"
            lines.append(f"    --param {p['name']}=…  {p['kind']}, {need}: {p['about']}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _params(items: Sequence[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise InputError(f"--param {item!r}: write it as KEY=VALUE")
        if key in params:
            raise InputError(f"--param {key} is given twice")
        params[key] = value
    return params


@command(_query_options)
def cmd_query(args: argparse.Namespace) -> int:
    """Run a SPARQL query, or a named query with parameters, over the store.

    The store holds all articles' graphs plus the ontology. `--list` shows the named queries
    (kg/queries/*.rq) with what each answers and its parameters; parameters are bound to the
    query, never written into its text.

    Example: kg query "SELECT ?c (COUNT(*) AS ?n) WHERE { ?x a ?c } GROUP BY ?c"
    Example: kg query --named leading-enterprises --param chain=绿色铝产业链
    """
    from kg.query import (
        bind_parameters,
        format_rows,
        list_queries,
        named_query,
        result_columns,
        run_sparql,
    )
    from kg.store import open_store

    if args.param and not args.named:
        raise InputError("--param goes with --named NAME")
    if sum([args.sparql is not None, args.named is not None, args.list]) != 1:
        raise InputError("give one of: a SPARQL query (or a file), --named NAME, or --list")
    if args.all and not args.list:
        raise InputError("--all goes with --list")
    if args.list:
        _print(_query_list(list_queries(internal=args.all), args.format))
        return 0
    if args.named is not None:
        text = named_query(args.named)
        bindings = bind_parameters(args.named, _params(args.param))
        variables, rows = run_sparql(open_store(args.store), text, bindings=bindings)
        n = result_columns(args.named, variables)
        _print(format_rows(variables[:n], [row[:n] for row in rows], args.format))
        return 0
    text = args.sparql
    if len(text) < 4096 and "{" not in text and os.path.isfile(text):
        text = Path(text).read_text(encoding="utf-8")
    elif "{" not in text and text.endswith((".rq", ".sparql")):
        raise InputError(f"{text}: no such file or directory")
    variables, rows = run_sparql(open_store(args.store), text)
    _print(format_rows(variables, rows, args.format))
    return 0


# --------------------------------------------------------------------------- validate


def _validate_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--store", default="out/store", help="store folder (default: out/store)")


@command(_validate_options)
def cmd_validate(args: argparse.Namespace) -> int:
    """Check the graph against the SHACL shapes in ontology/shapes.ttl.

    Example: kg validate --store out/store
    """
    from kg.store import open_store
    from kg.validate import validate

    conforms, report = validate(open_store(args.store))
    if not conforms:
        sys.stderr.write(report.rstrip() + "\n")
        raise ValidationError("the graph does not conform to ontology/shapes.ttl (see above)")
    _print("The graph conforms to ontology/shapes.ttl.")
    return 0


# --------------------------------------------------------------------------- eval


def _eval_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", help="articles or folders (default: data/corpus)")
    p.add_argument("--gold", required=True, help="folder of gold NAME.json files")
    p.add_argument("--errors", action="store_true", help="list false positives and negatives")


@command(_eval_options)
def cmd_eval(args: argparse.Namespace) -> int:
    """Score the extractor against gold annotations: precision, recall and F1 per field.

    Example: kg eval --gold data/gold data/corpus
    """
    from kg import evaluate
    from kg.build import DEFAULT_CORPUS, extract_paths

    docs = list(extract_paths(args.paths or [DEFAULT_CORPUS]))
    total, per_doc = evaluate.score_corpus(docs, args.gold)
    scored = [name for name, s in per_doc.items() if s]
    if not scored:
        raise InputError(f"{args.gold}: no gold file matches any article")
    if args.errors:
        for doc in docs:
            gold = evaluate.gold_for(doc.name, args.gold)
            if gold is None:
                continue
            for field, e in evaluate.errors(evaluate.predictions(doc), gold).items():
                if e["false_positives"] or e["false_negatives"]:
                    _print(
                        f"{doc.name} {field}: FP {e['false_positives']} FN {e['false_negatives']}"
                    )
        _print()
    _print(f"{len(scored)} articles with gold, micro-averaged")
    _print(evaluate.format_scores(total))
    return 0


# --------------------------------------------------------------------------- main


def _load_command_modules() -> None:
    """Import kg/commands/*.py: each module registers its commands with `@command`."""
    import importlib
    import pkgutil

    import kg.commands

    for info in sorted(pkgutil.iter_modules(kg.commands.__path__), key=lambda i: i.name):
        importlib.import_module(f"kg.commands.{info.name}")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("chainkg")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown (not installed)"


def parser() -> argparse.ArgumentParser:
    """The argument parser of `kg` with every registered command."""
    _load_command_modules()
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


if __name__ == "__main__":
    # run as `python -m kg.cli`: use the importable module, where kg/commands/* register
    from kg.cli import main as _main

    sys.exit(_main())
