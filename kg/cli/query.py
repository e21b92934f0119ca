"""`kg query`: SPARQL or a named query over the store, printed as a table, CSV or JSON."""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Sequence
from pathlib import Path

from kg.cli.registry import command, echo, store_option
from kg.errors import InputError
from kg.rows import format_rows

# --------------------------------------------------------------------------- query


def _query_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("sparql", nargs="?", help="a SPARQL query, or a file holding one")
    p.add_argument("--named", metavar="NAME", help="run the named query kg/graph/queries/NAME.rq")
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
    store_option(p)
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
    (kg/graph/queries/*.rq) with what each answers and its parameters; parameters are bound to the
    query, never written into its text.

    Example: kg query "SELECT ?c (COUNT(*) AS ?n) WHERE { ?x a ?c } GROUP BY ?c"
    Example: kg query --named leading-enterprises --param chain=绿色铝产业链
    """
    # start-up: loaded when the command runs, so `kg --help` stays fast
    from kg.graph.query import (
        bind_parameters,
        format_rows,
        list_queries,
        named_query,
        result_columns,
        run_sparql,
    )

    # start-up: loaded when the command runs, so `kg --help` stays fast
    from kg.graph.store import open_store

    if args.param and not args.named:
        raise InputError("--param goes with --named NAME")
    if sum([args.sparql is not None, args.named is not None, args.list]) != 1:
        raise InputError("give one of: a SPARQL query (or a file), --named NAME, or --list")
    if args.all and not args.list:
        raise InputError("--all goes with --list")
    if args.list:
        echo(_query_list(list_queries(internal=args.all), args.format))
        return 0
    if args.named is not None:
        text = named_query(args.named)
        bindings = bind_parameters(args.named, _params(args.param))
        variables, rows = run_sparql(open_store(args.store), text, bindings=bindings)
        n = result_columns(args.named, variables)
        echo(format_rows(variables[:n], [row[:n] for row in rows], args.format))
        return 0
    text = args.sparql
    if len(text) < 4096 and "{" not in text and os.path.isfile(text):
        text = Path(text).read_text(encoding="utf-8")
    elif "{" not in text and text.endswith((".rq", ".sparql")):
        raise InputError(f"{text}: no such file or directory")
    variables, rows = run_sparql(open_store(args.store), text)
    echo(format_rows(variables, rows, args.format))
    return 0
