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

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.document import Document
from kg.errors import StoreError
from kg.ontology import ONTOLOGY_FILE, ONTOLOGY_GRAPH, PREFIXES, entity_classes, relations
from kg.rdf import document_quads, to_oxigraph

__all__ = [
    "DEFAULT_STORE",
    "build_store",
    "open_store",
    "oxigraph_store",
    "export",
    "counts",
]

DEFAULT_STORE = Path("out/store")

# Quads are handed to Oxigraph's bulk loader in chunks of about this many bytes of N-Quads,
# so memory stays flat however many documents there are.
_CHUNK_BYTES = 16 << 20


def _is_store(path: Path) -> bool:
    return (path / "CURRENT").is_file()


def _check_replaceable(path: Path) -> None:
    if not path.exists():
        return
    if not path.is_dir():
        raise StoreError(f"{path} exists and is not a directory; choose another store path")
    if any(path.iterdir()) and not _is_store(path):
        raise StoreError(
            f"{path} is a non-empty directory that is not an Oxigraph store; "
            "refusing to replace it (choose another store path)"
        )


def _load(store: ox.Store, docs: Iterable[Document], chunk_bytes: int) -> dict[str, int]:
    n_docs = n_quads = size = 0
    chunk: list[str] = []
    for doc in docs:
        text = document_quads(doc)
        n_docs += 1
        n_quads += text.count("\n")
        chunk.append(text)
        size += len(text)
        if size >= chunk_bytes:
            store.bulk_load("".join(chunk).encode("utf-8"), ox.RdfFormat.N_QUADS)
            chunk, size = [], 0
    if chunk:
        store.bulk_load("".join(chunk).encode("utf-8"), ox.RdfFormat.N_QUADS)
    return {"documents": n_docs, "quads": n_quads}


def _swap(new: Path, path: Path) -> None:
    # Rename the old store aside, the new one in, then delete the old: at every moment either
    # the old or the new store is at `path`, and a failure restores the old one.
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
    chunk_bytes: int = _CHUNK_BYTES,
) -> dict[str, int]:
    """Write the documents' quads (and the ontology) to a new store that replaces `path`.

    The store is built in a temporary sibling directory and swapped in by renaming, so a build
    that fails part-way leaves the previous store as it was. Documents are streamed: at most
    about `chunk_bytes` of N-Quads are held in memory. Returns counts: ``documents``,
    ``quads`` (written, before de-duplication) and ``ontology_triples``.
    """
    path = Path(path)
    _check_replaceable(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    new = Path(tempfile.mkdtemp(prefix=f".{path.name}.new-", dir=path.parent))
    try:
        store = ox.Store(str(new))
        try:
            result = _load(store, docs, chunk_bytes)
            result["ontology_triples"] = 0
            if include_ontology:
                before = len(store)
                store.bulk_load(
                    path=str(ONTOLOGY_FILE),
                    format=ox.RdfFormat.TURTLE,
                    to_graph=ox.NamedNode(str(ONTOLOGY_GRAPH)),
                )
                result["ontology_triples"] = len(store) - before
            store.flush()
        finally:
            del store  # release the RocksDB lock before the directory is renamed or removed
        _swap(new, path)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    return result


def open_store(path: str | os.PathLike[str] = DEFAULT_STORE, *, read_only: bool = True) -> Dataset:
    """Open a built store as an rdflib Dataset over Oxigraph whose default graph is the union.

    Raises StoreError when there is no store at `path` or another process holds its lock.
    """
    path = Path(path)
    if not _is_store(path):
        raise StoreError(f"no store at {path}: build one first with `kg build`")
    try:
        inner = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except OSError as e:
        reason = str(e).splitlines()[0] if str(e) else type(e).__name__
        if "lock" in reason.lower():
            raise StoreError(
                f"the store at {path} is locked by another process; close it or open read-only"
            ) from e
        raise StoreError(f"cannot open the store at {path}: {reason}") from e
    ds = Dataset(store=OxigraphStore(store=inner), default_union=True)
    for prefix, iri in PREFIXES.items():
        ds.bind(prefix, iri)
    return ds


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


def export(source: Any, out_dir: str | os.PathLike[str]) -> dict[str, Path]:
    """Write ``graph.ttl`` (all graphs merged, plain triples) and ``graph.trig`` (named graphs).

    `source` is a store path, a pyoxigraph Store or an rdflib Dataset/Graph. Returns the paths
    by format: ``{"ttl": ..., "trig": ...}``.
    """
    store = _as_oxigraph(source)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    ttl, trig = out / "graph.ttl", out / "graph.trig"
    merged = store.query(
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True
    )
    _atomic_write(ttl, lambda f: ox.serialize(merged, f, ox.RdfFormat.TURTLE, prefixes=PREFIXES))
    _atomic_write(trig, lambda f: store.dump(f, ox.RdfFormat.TRIG, prefixes=PREFIXES))
    return {"ttl": ttl, "trig": trig}


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
    "quads": n}``; relations count distinct (subject, object) pairs, not their evidence.
    """
    from kg.query import run_named  # kg.query imports this module

    wanted_classes = set(entity_classes())
    wanted_relations = set(relations())
    prefix = PREFIXES["ckg"]
    entities: dict[str, int] = {}
    records: dict[str, int] = {}
    for cls, n in run_named(source, "count_types")[1]:
        if not str(cls).startswith(prefix):
            continue
        local = str(cls)[len(prefix) :]
        (entities if local in wanted_classes else records)[local] = int(n)
    found: dict[str, int] = {}
    for prop, n in run_named(source, "count_relations")[1]:
        local = str(prop)[len(prefix) :]
        if str(prop).startswith(prefix) and local in wanted_relations:
            found[local] = int(n)
    store = oxigraph_store(source)
    n_quads = len(store) if store is not None else len(source)
    return {
        "entities": dict(sorted(entities.items())),
        "relations": dict(sorted(found.items())),
        "records": dict(sorted(records.items())),
        "quads": n_quads,
    }
