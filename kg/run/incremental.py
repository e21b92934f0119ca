"""Add, replace and remove articles in a built store without rebuilding it.

An article is known by its file name (``ckg:fileName``); its named graph's IRI carries its
content hash (`kg.iris.article_iri`). Adding an article whose name and hash are already in the
store changes nothing; adding a changed article replaces its own graph and nothing else;
removing takes its graph out. The entity graph (`kg.graph.rdf.ENTITY_GRAPH`) stays what the articles
left make it: an entity's class and labels leave it when no article left names the entity
(``prov:wasDerivedFrom``), a name (``skos:altLabel``) when no article left uses it
(``ckg:alias``).

Every `add` or `remove` is one Oxigraph transaction (a single SPARQL update; with `batch`, one
per batch): a process killed part-way leaves the store as it was before the call (before the
batch), and a call that has returned survives its process being killed. The work is
proportional to the articles changed, not to the size of the store: each lookup is an index
probe, and an unchanged article (same hash) is not even extracted.

>>> import tempfile, pathlib
>>> from kg.graph.store import build_store
>>> tmp = pathlib.Path(tempfile.mkdtemp())
>>> _ = build_store([], tmp / "store")
>>> _ = (tmp / "a.txt").write_text("以云铝海鑫为龙头,绿色铝产业链链长工作取得新成效。", "utf-8")
>>> add([tmp / "a.txt"], tmp / "store").added, add([tmp / "a.txt"], tmp / "store").unchanged
(['a.txt'], ['a.txt'])
>>> remove(["a.txt"], tmp / "store").removed, entity_mismatches(tmp / "store")
(['a.txt'], (0, 0))
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePath

import pyoxigraph as ox

from kg.apps.serve import check_not_served
from kg.errors import InputError, KGError, StoreError
from kg.graph.query import QUERY_DIR, run_named
from kg.graph.store import DEFAULT_STORE, open_oxigraph
from kg.iris import article_iri
from kg.locks import hold, store_lock
from kg.ontology import ONTOLOGY_GRAPH, PREFIXES
from kg.progress import NO_PROGRESS, Progress, first_part
from kg.reading.document import Document
from kg.reading.reader import iter_paths, read_articles
from kg.run.parallel import Extracted, extract_documents
from kg.terms import C, P

__all__ = ["Change", "add", "remove", "articles", "entity_mismatches"]

_FILE_NAME = ox.NamedNode(PREFIXES["ckg"] + P.fileName)
_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
_ARTICLE = ox.NamedNode(PREFIXES["ckg"] + C.Article)


@dataclass
class Change:
    """What an `add` or `remove` did, by article file name."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # messages of unreadable articles
    quads_added: int = 0  # in article graphs
    quads_removed: int = 0


def _open(path: str | os.PathLike[str]) -> ox.Store:
    """The store at `path`, opened for writing; StoreError when absent, served or locked."""
    path = Path(path)
    if not (path / "CURRENT").is_file():
        raise StoreError(f"no store at {path}: build one first with `kg build`")
    check_not_served(path)
    return open_oxigraph(path, when_locked="wait for it to finish")


def _locked(path: str | os.PathLike[str]) -> contextlib.AbstractContextManager[None]:
    """The store's lock (`kg.locks`): no build may swap the store away while it is changed."""
    path = Path(path)
    if not (path / "CURRENT").is_file():
        return contextlib.nullcontext()  # `_open` says there is no store
    check_not_served(path)  # the clearer message when `kg serve` is what holds the lock
    return hold(store_lock(path), f"the store at {path}")


def _graphs_named(store: ox.Store, name: str) -> list[ox.NamedNode]:
    """The article graphs whose article has file name `name` (an index probe, not a scan)."""
    found = []
    for quad in store.quads_for_pattern(None, _FILE_NAME, ox.Literal(name), None):
        graph = quad.graph_name
        if isinstance(graph, ox.NamedNode) and quad.subject == graph and graph not in found:
            found.append(graph)
    return found


def _graph_size(store: ox.Store, graph: ox.NamedNode) -> int:
    return sum(1 for _ in store.quads_for_pattern(None, None, None, graph))


def _blocks(item: Extracted) -> str:
    """The article's quads as SPARQL ``GRAPH <g> { … }`` blocks: its graph and the entity graph.

    Every line of `kg.graph.rdf.document_quads` ends with " <graph> .\n" (kg.graph.rdf escapes
    newlines inside literals), the entity graph's first.
    """
    graphs: dict[str, list[str]] = {}
    # "\n" only: str.splitlines would also cut at U+2028 or U+0085 inside a literal
    for line in item.nquads.split("\n")[:-1]:
        head, graph = line[:-2].rsplit(" ", 1)  # "<s> <p> <o>", "<g>" of "<s> <p> <o> <g> ."
        graphs.setdefault(graph, []).append(head + " .\n")
    return "".join(f"GRAPH {g} {{\n{''.join(lines)}}}\n" for g, lines in graphs.items())


def _update(store: ox.Store, drop: set[ox.NamedNode], insert: list[Extracted]) -> int:
    """Drop graphs and insert articles in one transaction, keeping the entity graph exact.

    One SPARQL update request is one Oxigraph transaction, so it is applied whole or not at
    all; pyoxigraph offers no other way to delete and insert atomically. The dropped graphs'
    IRIs are filled into kg/graph/queries/forget_articles.ru as Oxigraph writes them; inserted
    triples are N-Triples as `kg.graph.rdf` wrote them (literals escaped, IRIs percent-encoded), so
    article text can only ever be data. Returns the number of quads dropped from article graphs.
    """
    parts: list[str] = []
    dropped = 0
    if drop:
        graphs = sorted(drop, key=str)
        names = [str(g) for g in graphs]
        parts.append(_forget().format(dropped=" ".join(names), dropped_list=", ".join(names)))
        for graph in graphs:
            dropped += _graph_size(store, graph)
            parts.append(f"DROP SILENT GRAPH {graph}")
    if insert:
        parts.append("INSERT DATA {\n" + "".join(_blocks(item) for item in insert) + "}")
    if parts:
        store.update(" ;\n".join(parts))
    return dropped


def _forget() -> str:
    # The update that takes dropped articles' entities out of the entity graph (see the file).
    text = (QUERY_DIR / "forget_articles.ru").read_text(encoding="utf-8")
    return "\n".join(line for line in text.splitlines() if not line.startswith("#"))


def add(
    paths: Iterable[str | os.PathLike[str]],
    store: str | os.PathLike[str] = DEFAULT_STORE,
    *,
    keep_going: bool = False,
    on_skip: Callable[[KGError], None] | None = None,
    workers: int = 1,
    batch: int | None = None,
    progress: Callable[[Extracted], None] | None = None,
    phases: Progress | None = None,
) -> Change:
    """Add the articles under `paths` to the built store at `store`, or replace changed ones.

    An article already in the store with the same content (same hash) is left alone, and not
    even extracted. All articles go in one transaction, or one per `batch` articles when
    `batch` is given (bounding memory for large additions: a kill then keeps the batches
    already written). Extraction runs in `workers` processes; `progress` is called per
    extracted article. `phases` hears of the phases "extracting" (each article read, extracted
    or found unchanged) and "writing" (the last transaction).
    """
    if batch is not None and batch < 1:
        raise InputError(f"--batch must be at least 1, not {batch}")
    change = Change()
    phases = phases or NO_PROGRESS
    paths = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    n_files = sum(1 for _ in iter_paths(paths))  # (a folder's broken links are counted too)

    def skip(err: KGError) -> None:
        change.skipped.append(str(err))
        phases.advance()
        if on_skip is not None:
            on_skip(err)

    def extracted(item: Extracted) -> None:
        if first_part(item.name):
            phases.advance()
        if progress is not None:
            progress(item)

    with _locked(store):
        db = _open(store)
        try:
            phases.phase("extracting", n_files, "articles")
            docs = read_articles(paths, keep_going=keep_going, on_skip=skip)
            fresh = _new_or_changed(db, docs, change, phases)
            items = extract_documents(fresh, workers=workers)
            _add(db, items, change, batch, extracted, phases)
        finally:
            del db  # release the RocksDB lock now, not when the garbage collector gets to it
    return change


def _new_or_changed(
    db: ox.Store, docs: Iterable[Document], change: Change, phases: Progress
) -> Iterator[Document]:
    """The read articles that are not in the store with this content: only they are extracted."""
    seen: set[str] = set()
    for doc in docs:
        if doc.name in seen:
            raise InputError(
                f"{doc.name}: two articles with this file name in one `kg add`; "
                "an article is known by its file name, so add them one at a time"
            )
        seen.add(doc.name)
        if ox.NamedNode(article_iri(doc.name, doc.sha256)) in _graphs_named(db, doc.name):
            change.unchanged.append(doc.name)
            if first_part(doc.name):
                phases.advance()
        else:
            yield doc


def _add(
    db: ox.Store,
    items: Iterable[Extracted],
    change: Change,
    batch: int | None,
    progress: Callable[[Extracted], None] | None,
    phases: Progress,
) -> None:
    drop: set[ox.NamedNode] = set()
    pending: list[Extracted] = []

    def flush() -> None:
        change.quads_removed += _update(db, drop, pending)
        drop.clear()
        pending.clear()

    for item in items:
        if progress is not None:
            progress(item)
        existing = _graphs_named(db, item.name)
        (change.replaced if existing else change.added).append(item.name)
        change.quads_added += len(set(item.nquads.split("\n"))) - 1
        drop.update(existing)
        pending.append(item)
        if batch is not None and len(pending) >= batch:
            flush()
    phases.phase("writing", 1, "transactions")
    flush()
    phases.advance()


def _article_graphs(db: ox.Store, article: str) -> list[ox.NamedNode]:
    if "://" in article:
        graph = ox.NamedNode(article)
        if db.contains_named_graph(graph) and graph != ox.NamedNode(str(ONTOLOGY_GRAPH)):
            return [graph]
        return []
    return _graphs_named(db, PurePath(article).name)


def remove(
    names: Iterable[str],
    store: str | os.PathLike[str] = DEFAULT_STORE,
) -> Change:
    """Take articles out of the built store at `store`, in one transaction.

    Each of `names` is an article's file name (a path is taken by its file name) or its graph
    IRI. Raises `InputError` naming the first that is not in the store, before changing
    anything.
    """
    path = Path(store)
    change = Change()
    with _locked(path):
        db = _open(path)
        try:
            drop: set[ox.NamedNode] = set()
            for name in names:
                graphs = _article_graphs(db, name)
                if not graphs:
                    raise InputError(f"{name}: no such article in the store at {path}")
                change.removed.append(name)
                drop.update(graphs)
            change.quads_removed = _update(db, drop, [])
        finally:
            del db
    return change


def articles(store: str | os.PathLike[str] | ox.Store) -> list[tuple[str, str]]:
    """(file name, graph IRI) of every article in the store, sorted.

    >>> articles(ox.Store())
    []
    """
    db = store if isinstance(store, ox.Store) else ox.Store.read_only(str(store))
    found = set()
    for quad in db.quads_for_pattern(None, _TYPE, _ARTICLE, None):
        graph = quad.graph_name
        if isinstance(graph, ox.NamedNode) and quad.subject == graph:
            for name in db.quads_for_pattern(graph, _FILE_NAME, None, graph):
                found.add((name.object.value, graph.value))
    return sorted(found)


def entity_mismatches(store: str | os.PathLike[str] | ox.Store) -> tuple[int, int]:
    """(missing, extra): what the entity graph lacks of what the articles say of their entities
    (a class and label of each entity an article names, each name it uses), and what it holds
    that no article says (kg/graph/queries/entity_mismatches.rq). A consistent store gives (0, 0).
    Reads the whole store: a check for tests and audits.

    >>> entity_mismatches(ox.Store())
    (0, 0)
    """
    db = store if isinstance(store, ox.Store) else open_oxigraph(store, read_only=True)
    (missing, extra), *_ = run_named(db, "entity_mismatches")[1]
    return int(missing), int(extra)
