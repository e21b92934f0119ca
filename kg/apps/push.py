"""Upload the graph to a shared triplestore over the SPARQL 1.1 Graph Store HTTP Protocol.

Each named graph of the store (one per article, plus the entity graph and the ontology) is sent
to the endpoint with ``PUT ?graph=<article IRI>``, which replaces that graph: pushing again gives
the same graphs, never duplicates. The store keeps no copy of their union (queries read the
named graphs as the default graph); a triplestore that does not (Fuseki and GraphDB by
default, Oxigraph without ``--union-default-graph``) is also sent that union as its default
graph, so that queries without ``GRAPH`` answer there as they do locally;
``union_default_graph=True`` leaves it out for one that does. With `graph`, everything goes
into that one graph instead. A graph larger
than `chunk_triples` goes in several requests: the first PUT, the rest POST (append); triples
with blank nodes all travel in the first request, so a blank node is never split across two.
A request that fails with a network error, a timeout or a 5xx/408/429 answer is retried with
back-off; any other failure stops the push with a `KGError` that names the graph, the chunk
and the server's answer.

The endpoint is the store's Graph Store URL, e.g. Oxigraph ``http://host:7878/store``, Fuseki
``http://host:3030/DATASET/data``, GraphDB ``http://host:7200/repositories/REPO/rdf-graphs/
service``.

>>> store = ox.Store()
>>> for i in range(3):
...     store.add(ox.Quad(ox.NamedNode(f"http://x/s{i}"), ox.NamedNode("http://x/p"),
...                       ox.Literal(i), ox.NamedNode("http://x/a")))
>>> [(c.graph, c.method, len(c.triples)) for c in plan(store, chunk_triples=2)]
[(None, 'PUT', 2), (None, 'POST', 1), ('http://x/a', 'PUT', 2), ('http://x/a', 'POST', 1)]
>>> [c.graph for c in plan(store, union_default_graph=True)]
['http://x/a']
"""

from __future__ import annotations

import base64
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from kg.errors import KGError
from kg.graph.exports import as_store
from kg.graph.store import union_triples

__all__ = ["Chunk", "PushReport", "plan", "push", "DEFAULT_CHUNK"]

DEFAULT_CHUNK = 20_000
_RETRY_STATUS = {408, 429, 500, 502, 503, 504}
# N-Triples is a subset of Turtle, the syntax every Graph Store endpoint accepts.
_CONTENT_TYPE = "text/turtle; charset=utf-8"


@dataclass
class Chunk:
    """One request: `triples` for `graph` (None: the default graph) sent with `method`."""

    graph: str | None
    method: str
    triples: list[ox.Triple]
    index: int = 0
    total: int = 0
    attempts: int = 0


@dataclass
class PushReport:
    """What a push sent: graphs, requests, triples, retries and time taken."""

    endpoint: str
    graphs: list[str] = field(default_factory=list)
    chunks: int = 0
    triples: int = 0
    retries: int = 0
    seconds: float = 0.0


def _has_blank(t: ox.Triple) -> bool:
    return isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode)


def _graph_triples(store: ox.Store, graph: Any) -> list[ox.Triple]:
    triples = [
        ox.Triple(q.subject, q.predicate, q.object)
        for q in store.quads_for_pattern(None, None, None, graph)
    ]
    triples.sort(key=lambda t: not _has_blank(t))  # blank-node triples first, kept together
    return triples


def _split(triples: list[ox.Triple], graph: str | None, size: int) -> Iterator[Chunk]:
    first = max(size, sum(1 for t in triples if _has_blank(t)))
    yield Chunk(graph, "PUT", triples[:first])
    for start in range(first, len(triples), size):
        yield Chunk(graph, "POST", triples[start : start + size])


def plan(
    source: Any,
    *,
    graph: str | None = None,
    chunk_triples: int = DEFAULT_CHUNK,
    union_default_graph: bool = False,
) -> list[Chunk]:
    """The requests a push makes, in order: the union of all graphs to the endpoint's default
    graph (unless `union_default_graph`: the endpoint makes it itself), then each named graph;
    or everything into `graph`.
    """
    if chunk_triples < 1:
        raise ValueError("chunk_triples must be at least 1")
    store = as_store(source)
    names = sorted((g for g in store.named_graphs() if isinstance(g, ox.NamedNode)), key=str)
    chunks: list[Chunk] = []
    if graph is not None:
        merged = sorted(union_triples(store), key=lambda t: not _has_blank(t))
        chunks.extend(_split(merged, graph, chunk_triples))
    else:
        if not union_default_graph:
            union = sorted(union_triples(store), key=lambda t: not _has_blank(t))
            if union:
                chunks.extend(_split(union, None, chunk_triples))
        for g in names:
            chunks.extend(_split(_graph_triples(store, g), g.value, chunk_triples))
    for i, chunk in enumerate(chunks, 1):
        chunk.index, chunk.total = i, len(chunks)
    return chunks


def _target(endpoint: str, graph: str | None) -> str:
    query = "default" if graph is None else urllib.parse.urlencode({"graph": graph})
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


def _first_line(text: str) -> str:
    text = text.strip()
    return text.splitlines()[0][:200] if text else ""


def _send(chunk: Chunk, endpoint: str, headers: dict[str, str], timeout: float) -> None:
    body = ox.serialize(chunk.triples, format=ox.RdfFormat.N_TRIPLES) or b""
    request = urllib.request.Request(
        _target(endpoint, chunk.graph),
        data=body,
        method=chunk.method,
        headers={"Content-Type": _CONTENT_TYPE, **headers},
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        response.read()


class _Retry(Exception):
    """A failure worth another attempt."""


def _attempt(chunk: Chunk, endpoint: str, headers: dict[str, str], timeout: float) -> None:
    where = "the default graph" if chunk.graph is None else f"graph <{chunk.graph}>"
    context = f"push to {endpoint} failed at request {chunk.index}/{chunk.total} ({where})"
    try:
        _send(chunk, endpoint, headers, timeout)
    except urllib.error.HTTPError as e:
        detail = _first_line(e.read().decode("utf-8", errors="replace"))
        message = f"{context}: HTTP {e.code} {e.reason}" + (f": {detail}" if detail else "")
        if e.code in _RETRY_STATUS:
            raise _Retry(message) from e
        raise KGError(message) from e
    except urllib.error.URLError as e:
        raise _Retry(f"{context}: cannot reach the endpoint: {e.reason}") from e
    except (TimeoutError, ConnectionError, OSError) as e:
        raise _Retry(f"{context}: {e.strerror or e}") from e


def push(
    source: Any,
    endpoint: str,
    *,
    graph: str | None = None,
    chunk_triples: int = DEFAULT_CHUNK,
    retries: int = 3,
    backoff: float = 0.5,
    timeout: float = 60.0,
    user: str | None = None,
    password: str | None = None,
    progress: Callable[[Chunk], None] | None = None,
    union_default_graph: bool = False,
) -> PushReport:
    """Upload the store `source` to the Graph Store endpoint `endpoint`; return a `PushReport`.

    `source` is a store path, a pyoxigraph Store or a graph from `kg.graph.store.open_store`. The
    endpoint's default graph gets the union of all graphs, unless `union_default_graph` says
    the endpoint makes that union itself (see `plan`). Each
    failed request is retried up to `retries` times, waiting `backoff`, then twice as long, ...
    seconds; `progress` is called after each request that succeeded. `user` and `password` are
    sent as HTTP basic authentication. Raises KGError when a request fails for good.
    """
    parsed = urllib.parse.urlsplit(endpoint)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise KGError(f"{endpoint!r} is not an http(s) URL of a Graph Store endpoint")
    headers = {}
    if user is not None:
        token = base64.b64encode(f"{user}:{password or ''}".encode()).decode("ascii")
        headers["Authorization"] = f"Basic {token}"
    started = time.perf_counter()
    report = PushReport(endpoint=endpoint)
    chunks = plan(
        source,
        graph=graph,
        chunk_triples=chunk_triples,
        union_default_graph=union_default_graph,
    )
    for chunk in chunks:
        for attempt in range(retries + 1):
            chunk.attempts = attempt + 1
            try:
                _attempt(chunk, endpoint, headers, timeout)
                break
            except _Retry as e:
                if attempt == retries:
                    tries = f"{retries + 1} attempts" if retries else "1 attempt"
                    raise KGError(f"{e} (gave up after {tries})") from e
                report.retries += 1
                time.sleep(backoff * 2**attempt)
        report.chunks += 1
        report.triples += len(chunk.triples)
        name = chunk.graph if chunk.graph is not None else "default"
        if name not in report.graphs:
            report.graphs.append(name)
        if progress is not None:
            progress(chunk)
    report.seconds = time.perf_counter() - started
    return report
