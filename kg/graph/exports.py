"""The graph in the formats analysts' tools read: RDF syntaxes, GraphML and CSV tables.

RDF keeps the provenance: ``trig``, ``nq`` and ``jsonld`` keep one named graph per article
(plus the entity graph and the ontology's), ``ttl`` and ``nt`` merge every graph into one.
``graphml`` is the NetworkX projection (Gephi opens it). ``csv`` writes three tables through
pandas: entities with their aliases, relations with their evidence sentence and article, and
metrics with indicator, value, unit, year and subject.

>>> import tempfile, pathlib
>>> from kg.run.pipeline import extract
>>> from kg.reading.reader import read_text
>>> from kg.graph.store import build_store
>>> doc = extract(read_text("以云铝海鑫为龙头,绿色铝产业链链长工作取得新成效。", name="a.txt"))
>>> tmp = pathlib.Path(tempfile.mkdtemp())
>>> _ = build_store([doc], tmp / "store")
>>> files = export(tmp / "store", tmp / "out", formats=["csv"])
>>> sorted(files)
['entities.csv', 'metrics.csv', 'relations.csv']
>>> import pandas as pd
>>> pd.read_csv(files["relations.csv"])[["subject_label", "predicate", "object_label"]].values
array([['云铝海鑫', 'leadsChain', '绿色铝产业链']], dtype=object)
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.files import atomic_write
from kg.graph.query import run_named
from kg.graph.rdf import to_oxigraph
from kg.graph.store import dataset_quads, ontology_nquads, open_store, oxigraph_store, union_triples
from kg.ontology import ONTOLOGY_GRAPH, PREFIXES
from kg.progress import NO_PROGRESS, Progress

if TYPE_CHECKING:  # pandas, networkx and the query engine are imported when used: every
    import networkx as nx  # `kg` command reads FORMATS, and they take 0.4 s to import
    import pandas as pd

__all__ = [
    "FORMATS",
    "as_store",
    "article_files",
    "export",
    "entities_table",
    "relations_table",
    "metrics_table",
    "write_csv",
]

#: Every format `export` writes, in the order it writes them.
FORMATS = ("ttl", "trig", "nt", "nq", "jsonld", "graphml", "csv")

_FILES = {
    "ttl": "graph.ttl",
    "trig": "graph.trig",
    "nt": "graph.nt",
    "nq": "graph.nq",
    "jsonld": "graph.jsonld",
    "graphml": "graph.graphml",
}
# utf-8 with a byte-order mark: Excel and WPS then read the Chinese text correctly, and pandas
# and Python's csv (encoding="utf-8-sig") read it as plain UTF-8.
CSV_ENCODING = "utf-8-sig"

ENTITY_COLUMNS = ["iri", "class", "label", "aliases"]
RELATION_COLUMNS = [
    "subject_label",
    "predicate",
    "predicate_label",
    "object_label",
    "evidence",
    "file",
    "subject",
    "object",
    "article",
    "sentence",
    "assertion",
]
METRIC_COLUMNS = [
    "subject_label",
    "indicator",
    "value",
    "unit",
    "year",
    "qualifier",
    "text",
    "evidence",
    "file",
    "subject",
    "article",
    "observation",
]


def as_store(source: Any) -> ox.Store:
    """The pyoxigraph Store of a store path, a Store, a graph from `kg.graph.store.open_store`, or
    an in-memory rdflib graph (copied).

    >>> as_store(ox.Store()) is not None
    True
    """
    if isinstance(source, (str, os.PathLike)):
        source = open_store(source)
    store = oxigraph_store(source)
    if store is not None:
        return store
    if isinstance(source, Graph):
        return _copy(source)
    raise TypeError(
        f"expected a store path, a pyoxigraph Store or an rdflib graph, not {type(source).__name__}"
    )


def _copy(g: Graph) -> ox.Store:
    """An in-memory rdflib graph's triples (a Dataset's quads) in a new in-memory Store."""
    if isinstance(g, Dataset):
        quads = g.quads((None, None, None, None))
    else:
        quads = ((s, p, o, None) for s, p, o in g)
    store = ox.Store()
    store.extend(
        ox.Quad(
            to_oxigraph(s),
            to_oxigraph(p),
            to_oxigraph(o),
            ox.DefaultGraph()
            if c is None or _graph_id(c) == DATASET_DEFAULT_GRAPH_ID
            else to_oxigraph(_graph_id(c)),
        )
        for s, p, o, c in quads
    )
    return store


def _graph_id(g: Any) -> Any:
    return g.identifier if isinstance(g, Graph) else g


def _with_ontology(store: ox.Store) -> list[ox.Quad]:
    """The ontology's quads when the store was built without it (Turtle and TriG always hold
    it), else none."""
    if store.contains_named_graph(ox.NamedNode(str(ONTOLOGY_GRAPH))):
        return []
    return list(ox.parse(ontology_nquads(), format=ox.RdfFormat.N_QUADS))


def _write_rdf(store: ox.Store, out: Path, fmt: str) -> Path:
    """``graph.ttl`` (every graph merged, plain triples) or ``graph.trig`` (named graphs), with
    the ontology even when the store was built without it."""
    extra = _with_ontology(store)
    if fmt == "ttl":
        data: Iterable[Any] = itertools.chain(union_triples(store), (q.triple for q in extra))
        syntax = ox.RdfFormat.TURTLE
    else:
        data, syntax = itertools.chain(dataset_quads(store), extra), ox.RdfFormat.TRIG
    return atomic_write(
        out / _FILES[fmt], lambda f: ox.serialize(data, f, syntax, prefixes=PREFIXES)
    )


def entities_table(G: nx.Graph) -> pd.DataFrame:
    """One row per entity of a graph made by `kg.graph.network.to_networkx`: iri, class, label,
    aliases.

    Aliases are the other names the articles use, joined by ``|``.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("e1", label="云铝海鑫", type="Enterprise", aliases="云南云铝海鑫")
    >>> entities_table(G).values.tolist()
    [['e1', 'Enterprise', '云铝海鑫', '云南云铝海鑫']]
    """
    # start-up: pandas takes about 1.6 s to import; only tables need it
    import pandas as pd

    rows = [
        (iri, d.get("type", ""), d.get("label", ""), d.get("aliases", ""))
        for iri, d in G.nodes(data=True)
    ]
    df = pd.DataFrame(rows, columns=ENTITY_COLUMNS)
    return df.sort_values(["class", "label", "iri"], ignore_index=True)


def relations_table(G: nx.Graph, files: Mapping[str, str] | None = None) -> pd.DataFrame:
    """One row per asserted relation of a `kg.graph.network.to_networkx` graph, with its evidence.

    `files` maps article IRIs to file names (see `article_files`); the ``file`` column is empty
    without it.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("e", label="云铝海鑫"); G.add_node("c", label="绿色铝产业链")
    >>> _ = G.add_edge("e", "c", key="r1", predicate="leadsChain", label="引领产业链",
    ...                evidence="以云铝海鑫为龙头", sentence="s1", article="a1")
    >>> relations_table(G, {"a1": "a.txt"})[["subject_label", "object_label", "file"]].values
    array([['云铝海鑫', '绿色铝产业链', 'a.txt']], dtype=object)
    """
    # start-up: pandas takes about 1.6 s to import; only tables need it
    import pandas as pd

    files = files or {}
    rows = []
    for u, v, key, d in G.edges(keys=True, data=True):
        article = d.get("article", "")
        rows.append(
            {
                "subject_label": G.nodes[u].get("label", ""),
                "predicate": d.get("predicate", ""),
                "predicate_label": d.get("label", ""),
                "object_label": G.nodes[v].get("label", ""),
                "evidence": d.get("evidence", ""),
                "file": files.get(article, ""),
                "subject": u,
                "object": v,
                "article": article,
                "sentence": d.get("sentence", ""),
                "assertion": key,
            }
        )
    df = pd.DataFrame(rows, columns=RELATION_COLUMNS)
    return df.sort_values(
        ["predicate", "subject_label", "object_label", "file", "assertion"], ignore_index=True
    )


def article_files(source: Any) -> dict[str, str]:
    """Article IRI -> file name, for every article in a store or graph."""
    return {article: file or "" for article, file, _title in run_named(source, "article_files")[1]}


def metrics_table(source: Any) -> pd.DataFrame:
    """One row per metric observation of a store or graph: subject, indicator, value, unit, year.

    ``year`` is a nullable integer (absent when the article does not say); ``evidence`` is the
    sentence and ``file`` the article it came from.

    >>> from kg.graph.rdf import document_graph
    >>> from kg.run.pipeline import extract
    >>> from kg.reading.reader import read_text
    >>> doc = extract(read_text("2022年，威信县工业总产值达997.8亿元。", name="a.txt"))
    >>> metrics_table(document_graph(doc))[["subject_label", "value", "unit", "year"]].values
    array([['威信县', 997.8, '亿元', 2022]], dtype=object)
    """
    # start-up: pandas takes about 1.6 s to import; only tables need it
    import pandas as pd

    names, rows = run_named(source, "metric_observations")
    df = pd.DataFrame(rows, columns=names)
    # One row per observation, even when its subject has several Chinese labels.
    df = df.drop_duplicates("observation", keep="first")
    df = df.rename(columns={"subjectLabel": "subject_label", "sentence": "evidence"})
    df["year"] = df["year"].astype("Int64")
    df["value"] = df["value"].astype(float)
    df = df[METRIC_COLUMNS].fillna({c: "" for c in METRIC_COLUMNS if c not in ("year", "value")})
    return df.sort_values(["subject_label", "indicator", "year", "observation"], ignore_index=True)


def write_csv(source: Any, out_dir: str | os.PathLike[str]) -> dict[str, Path]:
    """Write ``entities.csv``, ``relations.csv`` and ``metrics.csv`` to `out_dir`."""
    # start-up: networkx (about 0.3 s) only when the network is built
    from kg.graph.network import to_networkx

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    G = to_networkx(source)
    tables = {
        "entities.csv": entities_table(G),
        "relations.csv": relations_table(G, article_files(source)),
        "metrics.csv": metrics_table(source),
    }
    return {
        name: atomic_write(
            out / name, lambda f, df=df: df.to_csv(f, index=False, encoding=CSV_ENCODING)
        )
        for name, df in tables.items()
    }


def export(
    source: Any,
    out_dir: str | os.PathLike[str],
    *,
    formats: Iterable[str] = FORMATS,
    phases: Progress | None = None,
) -> dict[str, Path]:
    """Write the graph of a store in each of `formats` (see `FORMATS`) to `out_dir`.

    `source` is a store path, a pyoxigraph Store or an rdflib graph (see `as_store`). Returns the
    written files by format (``csv`` gives one entry per table). Turtle and TriG hold the ontology
    even when the store was built without it. `phases` hears of the phase "exporting" and each
    format.
    """
    # start-up: networkx (about 0.3 s) only when the network is built
    from kg.graph import network

    wanted = list(dict.fromkeys(formats))
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown export format {unknown[0]!r}; use one of {', '.join(FORMATS)}")
    store = as_store(source)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files: dict[str, Path] = {}
    phases = phases or NO_PROGRESS
    phases.phase("exporting", len(wanted), "formats")
    for fmt in ("ttl", "trig"):
        if fmt in wanted:
            files[fmt] = _write_rdf(store, out, fmt)
            phases.advance()
    if "nt" in wanted:
        merged = union_triples(store)
        files["nt"] = atomic_write(
            out / _FILES["nt"], lambda f: ox.serialize(merged, f, ox.RdfFormat.N_TRIPLES)
        )
        phases.advance()
    for fmt, syntax in (("nq", ox.RdfFormat.N_QUADS), ("jsonld", ox.RdfFormat.JSON_LD)):
        if fmt in wanted:
            files[fmt] = atomic_write(
                out / _FILES[fmt],
                lambda f, syntax=syntax: ox.serialize(dataset_quads(store), f, syntax),
            )
            phases.advance()
    if "graphml" in wanted:
        path = out / _FILES["graphml"]
        atomic_write(path, lambda f: network.write_graphml(network.to_networkx(store), f))
        files["graphml"] = path
        phases.advance()
    if "csv" in wanted:
        files.update(write_csv(store, out))
        phases.advance()
    return files
