"""The store: an rdflib Dataset over Oxigraph on disk, built in one go and replaced atomically.

Each article is a named graph (its IRI); the ontology is the named graph
``<https://w3id.org/chainkg/ontology>``. Queries see the union of all graphs.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "store"
>>> build_store([], path)["documents"]
0
>>> ds = open_store(path)
>>> counts(ds)["entities"]
{}
"""

from __future__ import annotations

import ctypes
import io
import itertools
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.document import Document
from kg.errors import StoreError
from kg.iris import article_iri
from kg.ontology import ONTOLOGY_FILE, ONTOLOGY_GRAPH, PREFIXES, entity_classes, relations
from kg.rdf import document_quads, to_oxigraph

__all__ = [
    "DEFAULT_STORE",
    "build_store",
    "open_store",
    "open_oxigraph",
    "oxigraph_store",
    "has_union_graph",
    "union_triples",
    "export",
    "counts",
    "check_replaceable",
    "swap_in",
]

DEFAULT_STORE = Path("out/store")


def _with_default_copy(nquads: str, graph: str) -> str:
    # Every line ends with " <graph> .\n" (newlines inside literals are escaped), so dropping
    # the graph name gives the same statements in the default graph.
    return nquads + nquads.replace(f" <{graph}> .\n", " .\n")


def _with_default_copy_utf8(nquads: bytes, graph: bytes) -> bytes:
    # The same on UTF-8 (no multi-byte sequence contains b" <" or b">"): no decoding needed.
    return nquads + nquads.replace(b" <" + graph + b"> .\n", b" .\n")


def _ontology_nquads() -> str:
    graph = ox.NamedNode(str(ONTOLOGY_GRAPH))
    triples = ox.parse(path=ONTOLOGY_FILE, format=ox.RdfFormat.TURTLE)
    quads = (ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode("utf-8")


# Quads per call of Oxigraph's bulk loader, which holds a call's quads in memory (about 1 kB
# each) before writing them: a stream cut into calls of this size keeps memory flat.
LOAD_QUADS = 100_000


def release_memory() -> None:
    """Give the C heap's free pages back to the system (glibc's ``malloc_trim``; else nothing).

    Oxigraph's bulk loader and queries free what they allocate, but glibc keeps the freed pages,
    so without this the resident size creeps up call after call with the size of the store.

    >>> release_memory()
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def _malloc_trim() -> Any:
    global _TRIM
    if _TRIM is False:
        try:
            _TRIM = ctypes.CDLL(None).malloc_trim  # glibc only (not musl, macOS, Windows)
        except (OSError, AttributeError, TypeError):
            _TRIM = None
    return _TRIM


_TRIM: Any = False  # not looked up yet


class _QuadStream(io.RawIOBase):
    """The N-Quads of the documents as a byte stream, made one document at a time.

    Oxigraph's bulk loader reads it, and an exception raised while making a document reaches
    the caller as is. Each document's quads come twice: in its named graph and in the default
    graph, which thus holds the union of all graphs as a set. The stream ends at the first
    document boundary after `part_quads` lines; `next_part()` then starts the next part.
    """

    def __init__(
        self, docs: Iterable[Document], head: str = "", *, part_quads: int = LOAD_QUADS
    ) -> None:
        self._docs = iter(docs)
        self._buffer = memoryview(head.encode("utf-8"))
        self._part_quads = part_quads
        self._in_part = 0
        self.exhausted = False
        self.documents = 0
        self.quads = 0

    def next_part(self) -> bool:
        """Start the next part; False when every document has been read."""
        self._in_part = 0
        return not self.exhausted

    def readable(self) -> bool:
        return True

    def readinto(self, target: Any) -> int:
        while not self._buffer:
            if self._in_part >= self._part_quads:
                return 0  # the end of this part
            doc = next(self._docs, None)
            if doc is None:
                self.exhausted = True
                return 0
            data = getattr(doc, "nquads_utf8", None)  # already rendered, as by kg.parallel
            if data is None:
                nquads = getattr(doc, "nquads", None)  # or rendered as text
                data = (document_quads(doc) if nquads is None else nquads).encode("utf-8")
            self.documents += 1
            lines = data.count(b"\n")
            self.quads += lines
            self._in_part += 2 * lines
            graph = article_iri(doc.name, doc.sha256).encode("utf-8")
            self._buffer = memoryview(_with_default_copy_utf8(data, graph))
        n = min(len(target), len(self._buffer))
        target[:n] = self._buffer[:n]
        self._buffer = self._buffer[n:]
        return n


def _is_store(path: Path) -> bool:
    return (path / "CURRENT").is_file()


def check_replaceable(path: Path) -> None:
    """Raise StoreError unless `path` is free, an empty folder or a store a build may replace."""
    if not path.exists():
        return
    if not path.is_dir():
        raise StoreError(f"{path} exists and is not a directory; choose another store path")
    if any(path.iterdir()) and not _is_store(path):
        raise StoreError(
            f"{path} is a non-empty directory that is not an Oxigraph store; "
            "refusing to replace it (choose another store path)"
        )


def swap_in(new: Path, path: Path) -> None:
    """Put the folder `new` at `path` (a sibling), replacing what is there.

    The old folder is renamed aside, the new one in, then the old is deleted: at every moment
    either the old or the new folder is at `path`, and a failure restores the old one.
    """
    if not path.exists():
        new.rename(path)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{path.name}.old-", dir=path.parent))
    old.rmdir()
    path.rename(old)
    try:
        new.rename(path)
    except OSError:
        old.rename(path)
        raise
    shutil.rmtree(old, ignore_errors=True)


def build_store(
    docs: Iterable[Document],
    path: str | os.PathLike[str] = DEFAULT_STORE,
    *,
    include_ontology: bool = True,
) -> dict[str, int]:
    """Write the documents' quads (and the ontology) to a new store that replaces `path`.

    Each article is a named graph, the ontology is the graph `ONTOLOGY_GRAPH`, and the default
    graph holds the union of them all (a set: Oxigraph 0.5's own union view repeats a triple
    once per graph holding it). The store is built in a temporary sibling directory and swapped
    in by renaming, so a build that fails part-way leaves the previous store as it was.
    Documents are streamed to Oxigraph's bulk loader, one at a time, in calls of about
    `LOAD_QUADS` quads; after each call the store is reopened (RocksDB otherwise keeps the index
    of every file a call wrote, which grows with the store) and freed memory is given back, so
    memory does not grow with the number of documents. A record with ``name``,
    ``sha256`` and already rendered ``nquads`` (`kg.parallel.Extracted`) may stand for a
    Document (or ``nquads_utf8``, the same as UTF-8 bytes). Returns counts:
    ``documents``, ``quads`` (in article graphs) and ``ontology_triples``.
    """
    path = Path(path)
    check_replaceable(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    new = Path(tempfile.mkdtemp(prefix=f".{path.name}.new-", dir=path.parent))
    try:
        head = _ontology_nquads() if include_ontology else ""
        store = ox.Store(str(new))
        try:
            stream = _QuadStream(docs, _with_default_copy(head, str(ONTOLOGY_GRAPH)))
            reader = io.BufferedReader(stream, 1 << 20)  # one reader: closing it closes stream
            while stream.next_part():  # one loader call per part: memory stays flat
                store.bulk_load(reader, ox.RdfFormat.N_QUADS)
                store = None  # drop the indexes of the files just written (see the docstring)
                release_memory()
                store = ox.Store(str(new))
            store.optimize()  # compact once now so that every later query is faster
        finally:
            store = None  # release the RocksDB lock before the directory is renamed or removed
        swap_in(new, path)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    return {
        "documents": stream.documents,
        "quads": stream.quads,
        "ontology_triples": head.count("\n"),
    }


def open_oxigraph(
    path: str | os.PathLike[str],
    *,
    read_only: bool = False,
    when_locked: str = "close it or open read-only",
) -> ox.Store:
    """The pyoxigraph Store at `path`; StoreError when there is none or it cannot be opened
    (`when_locked` says what to do when another process holds its lock)."""
    path = Path(path)
    if not _is_store(path):
        raise StoreError(f"no store at {path}: build one first with `kg build`")
    try:
        return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except OSError as e:
        reason = str(e).splitlines()[0] if str(e) else type(e).__name__
        if "lock" in reason.lower():
            raise StoreError(
                f"the store at {path} is locked by another process; {when_locked}"
            ) from None
        raise StoreError(f"cannot open the store at {path}: {reason}") from None


def open_store(path: str | os.PathLike[str] = DEFAULT_STORE, *, read_only: bool = True) -> Dataset:
    """Open a built store as an rdflib Dataset over Oxigraph whose default graph is the union.

    Raises StoreError when there is no store at `path` or another process holds its lock.
    """
    inner = open_oxigraph(path, read_only=read_only)
    ds = Dataset(store=OxigraphStore(store=inner), default_union=not has_union_graph(inner))
    for prefix, iri in PREFIXES.items():
        ds.bind(prefix, iri)
    return ds


def has_union_graph(store: ox.Store) -> bool:
    """Whether the store's default graph holds the union of its graphs (as `build_store` makes).

    >>> has_union_graph(ox.Store())
    False
    """
    default = store.quads_for_pattern(None, None, None, ox.DefaultGraph())
    return next(iter(default), None) is not None


def union_triples(store: ox.Store) -> Iterator[ox.Triple]:
    """Every distinct triple of every graph of the store.

    >>> list(union_triples(ox.Store()))
    []
    """
    if has_union_graph(store):
        return (q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    everything = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    return iter(store.query(everything, use_default_graph_as_union=True))


def oxigraph_store(obj: Any) -> ox.Store | None:
    """The pyoxigraph Store behind `obj` (a Store, or an rdflib graph over oxrdflib), else None.

    >>> oxigraph_store(ox.Store()) is not None, oxigraph_store(Graph())
    (True, None)
    """
    if isinstance(obj, ox.Store):
        return obj
    store = getattr(obj, "store", None)
    if isinstance(store, OxigraphStore):
        return store._inner  # oxrdflib keeps the pyoxigraph Store here
    return None


def _as_oxigraph(source: Any) -> ox.Store:
    # A store path, a Store, an Oxigraph-backed Dataset, or an in-memory rdflib graph (copied).
    if isinstance(source, (str, os.PathLike)):
        return oxigraph_store(open_store(source))  # type: ignore[return-value]
    found = oxigraph_store(source)
    if found is not None:
        return found
    if isinstance(source, Graph):
        store = ox.Store()
        if isinstance(source, Dataset):
            quads = source.quads((None, None, None, None))
        else:
            quads = ((s, p, o, None) for s, p, o in source)
        store.extend(
            ox.Quad(
                to_oxigraph(s),
                to_oxigraph(p),
                to_oxigraph(o),
                ox.DefaultGraph()
                if g is None or _graph_id(g) == DATASET_DEFAULT_GRAPH_ID
                else to_oxigraph(_graph_id(g)),
            )
            for s, p, o, g in quads
        )
        return store
    raise TypeError(f"expected a store path, Store or rdflib graph, not {type(source).__name__}")


def _graph_id(g: Any) -> Any:
    return g.identifier if isinstance(g, Graph) else g


def export(
    source: Any, out_dir: str | os.PathLike[str], *, formats: Iterable[str] = ("ttl", "trig")
) -> dict[str, Path]:
    """Write ``graph.ttl`` (all graphs merged, plain triples) and ``graph.trig`` (named graphs),
    or only those of `formats`.

    `source` is a store path, a pyoxigraph Store or an rdflib Dataset/Graph. The ontology is
    included even when the store was built without it. Returns the paths by format:
    ``{"ttl": ..., "trig": ...}``.
    """
    wanted = set(formats)
    store = _as_oxigraph(source)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    ttl, trig = out / "graph.ttl", out / "graph.trig"
    graphs = sorted(store.named_graphs(), key=str)
    extra: list[ox.Quad] = []
    if not store.contains_named_graph(ox.NamedNode(str(ONTOLOGY_GRAPH))):
        extra = list(ox.parse(_ontology_nquads(), format=ox.RdfFormat.N_QUADS))
    triples = itertools.chain(union_triples(store), (q.triple for q in extra))
    quads = itertools.chain(*(store.quads_for_pattern(None, None, None, g) for g in graphs), extra)
    written: dict[str, Path] = {}
    if "ttl" in wanted:
        _atomic_write(
            ttl, lambda f: ox.serialize(triples, f, ox.RdfFormat.TURTLE, prefixes=PREFIXES)
        )
        written["ttl"] = ttl
    if "trig" in wanted:
        _atomic_write(trig, lambda f: ox.serialize(quads, f, ox.RdfFormat.TRIG, prefixes=PREFIXES))
        written["trig"] = trig
    return written


def _atomic_write(path: Path, write: Any) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with open(tmp, "wb") as f:
            write(f)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def counts(source: Any) -> dict[str, Any]:
    """Entities per class, relations per property and provenance records, via SPARQL.

    Returns ``{"entities": {class: n}, "relations": {property: n}, "records": {class: n},
    "triples": n}``; relations count distinct (subject, object) pairs, not their evidence, and
    triples are the distinct triples of all graphs together.
    """
    from kg.query import run_named  # kg.query imports this module

    if isinstance(source, (str, os.PathLike)):
        source = open_store(source)
    wanted_classes = set(entity_classes())
    wanted_relations = set(relations())
    prefix = PREFIXES["ckg"]
    entities: dict[str, int] = {}
    records: dict[str, int] = {}
    inner = oxigraph_store(source)
    # In a default graph that is the union as a set, each typing triple is there once.
    per_type = "count_types_set" if inner is not None and has_union_graph(inner) else "count_types"
    for cls, n in run_named(source, per_type)[1]:
        if not str(cls).startswith(prefix):
            continue
        local = str(cls)[len(prefix) :]
        (entities if local in wanted_classes else records)[local] = int(n)
    found: dict[str, int] = {}
    for prop, n in run_named(source, "count_relations")[1]:
        local = str(prop)[len(prefix) :]
        if str(prop).startswith(prefix) and local in wanted_relations:
            found[local] = int(n)
    n_triples = run_named(source, "count_triples")[1][0][0]
    return {
        "entities": dict(sorted(entities.items())),
        "relations": dict(sorted(found.items())),
        "records": dict(sorted(records.items())),
        "triples": int(n_triples),
    }
