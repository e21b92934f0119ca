"""`kg push`: upload the graph to a shared triplestore (SPARQL 1.1 Graph Store protocol)."""

from __future__ import annotations

import argparse
import os
import sys

from kg.cli.registry import command, store_option

PASSWORD_VARIABLE = "KG_PUSH_PASSWORD"


def _push_options(p: argparse.ArgumentParser) -> None:
    # start-up: loaded when the command runs, so `kg --help` stays fast
    from kg.apps.push import DEFAULT_CHUNK

    p.add_argument("--endpoint", required=True, help="the Graph Store URL, e.g. …/store")
    p.add_argument("--graph", default=None, help="put everything into this one graph IRI")
    store_option(p)
    p.add_argument(
        "--union-default-graph",
        action="store_true",
        help="the endpoint's default graph is the union of its named graphs: do not send it",
    )
    p.add_argument(
        "--chunk",
        type=int,
        default=DEFAULT_CHUNK,
        help=f"triples per request (default: {DEFAULT_CHUNK:,})",
    )
    p.add_argument("--retries", type=int, default=3, help="retries per request (default: 3)")
    p.add_argument("--timeout", type=float, default=60.0, help="seconds per request")
    p.add_argument(
        "--user", default=None, help=f"basic-auth user; password from ${PASSWORD_VARIABLE}"
    )
    p.add_argument("--quiet", action="store_true", help="no progress lines")


@command(_push_options)
def cmd_push(args: argparse.Namespace) -> int:
    """Upload the graph with its provenance to a triplestore, one named graph per article.

    Uses the SPARQL 1.1 Graph Store HTTP Protocol: each graph is replaced (PUT), so pushing
    again does not duplicate anything; --graph IRI puts everything into one graph instead.
    The endpoint's default graph gets the union of all graphs, so that queries without GRAPH
    answer as they do locally; --union-default-graph leaves it out for a triplestore whose
    default graph is that union already (oxigraph serve --union-default-graph, Fuseki's
    unionDefaultGraph).

    Example: kg push --endpoint http://127.0.0.1:7878/store
    Example: kg push --endpoint http://127.0.0.1:7878/store --union-default-graph
    """
    # start-up: loaded when the command runs, so `kg --help` stays fast
    from kg.apps.push import push

    # start-up: loaded when the command runs, so `kg --help` stays fast
    from kg.errors import InputError

    if args.chunk < 1:
        raise InputError(f"--chunk must be at least 1, not {args.chunk}")
    if args.retries < 0:
        raise InputError(f"--retries must be 0 or more, not {args.retries}")
    password = os.environ.get(PASSWORD_VARIABLE)
    if args.user is not None and password is None:
        sys.stderr.write(
            f"kg: warning: --user {args.user} is given but ${PASSWORD_VARIABLE} is not set; "
            "sending an empty password (set it in the environment: "
            f"export {PASSWORD_VARIABLE}=...)\n"
        )

    def progress(chunk) -> None:
        if args.quiet:
            return
        graph = "default graph" if chunk.graph is None else f"<{chunk.graph}>"
        retried = f" (attempt {chunk.attempts})" if chunk.attempts > 1 else ""
        sys.stderr.write(
            f"[{chunk.index}/{chunk.total}] {chunk.method} {graph} "
            f"{len(chunk.triples):,} triples{retried}\n"
        )

    report = push(
        args.store,
        args.endpoint,
        graph=args.graph,
        chunk_triples=args.chunk,
        retries=args.retries,
        timeout=args.timeout,
        user=args.user,
        password=password,
        progress=progress,
        union_default_graph=args.union_default_graph,
    )
    sys.stdout.write(
        f"Pushed {len(report.graphs)} graphs ({report.triples:,} triples in {report.chunks} "
        f"requests, {report.retries} retries) to {report.endpoint} in {report.seconds:.1f}s\n"
    )
    return 0
