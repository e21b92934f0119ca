"""The knowledge graph as a NetworkX multigraph of entities and their relations, and GraphML.

Nodes are entities (IRI as node id) with ``label``, ``type`` and ``aliases``; each asserted
relation is one edge (keyed by its assertion IRI) with ``predicate``, ``label`` (the property's
Chinese label), ``evidence`` (the sentence), ``sentence`` and ``article``.

>>> from kg.reading.document import Document, Mention, Relation, Sentence
>>> text = "云铝海鑫是绿色铝产业链的龙头企业。"
>>> doc = Document(name="a.txt", raw=text, text=text, offsets=list(range(len(text) + 1)))
>>> sent = Sentence(0, len(text), text)
>>> doc.relations = [Relation("leadsChain", Mention("Enterprise", "云铝海鑫", 0, 4),
...                           Mention("IndustryChain", "绿色铝产业链", 5, 11), sent)]
>>> from kg.graph.rdf import document_graph
>>> G = to_networkx(document_graph(doc))
>>> [(G.nodes[u]["label"], d["label"], G.nodes[v]["label"]) for u, v, d in G.edges(data=True)]
[('云铝海鑫', '引领产业链', '绿色铝产业链')]
"""

from __future__ import annotations

import os
from typing import Any

import networkx as nx

from kg.graph.query import run_named
from kg.ontology import PREFIXES, entity_classes, label, relations

__all__ = ["to_networkx", "write_graphml"]


def _local(iri: str | None) -> str:
    prefix = PREFIXES["ckg"]
    return iri[len(prefix) :] if iri and iri.startswith(prefix) else (iri or "")


def to_networkx(store_or_graph: Any) -> nx.MultiDiGraph:
    """Entities and asserted relations of a store or rdflib graph as a `MultiDiGraph`.

    Edges are kept only for the ontology's relations (see `kg.ontology.relations`); an entity
    with several Chinese labels across articles keeps the first in sort order.
    """
    G = nx.MultiDiGraph()
    kinds = set(entity_classes())
    aliases: dict[str, set[str]] = {}
    for iri, cls, name, alias in run_named(store_or_graph, "network_nodes")[1]:
        if _local(cls) not in kinds:
            continue
        if iri not in G:
            G.add_node(iri, label=name, type=_local(cls))
        if alias:
            aliases.setdefault(iri, set()).add(alias)
    for iri in G:
        G.nodes[iri]["aliases"] = "|".join(sorted(aliases.get(iri, ())))
    names = set(relations())
    edges = run_named(store_or_graph, "network_edges")[1]
    for key, s, p, o, sentence, evidence, article, confidence in edges:
        predicate = _local(p)
        if predicate not in names:
            continue
        for node in (s, o):
            if node not in G:
                G.add_node(node, label=node.rsplit("/", 1)[-1], type="", aliases="")
        G.add_edge(
            s,
            o,
            key=key,
            predicate=predicate,
            label=label(predicate),
            evidence=evidence or "",
            sentence=sentence or "",
            article=article or "",
            confidence=float(confidence if confidence is not None else 1),
        )
    return G


def _plain(value: Any) -> str | int | float | bool:
    # GraphML (and Gephi) take strings, numbers and booleans only.
    if value is None:
        return ""
    if isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (set, frozenset, list, tuple)):
        return "|".join(sorted(str(v) for v in value))
    return str(value)


def write_graphml(G: nx.Graph, path: str | os.PathLike[str]) -> None:
    """Write `G` as GraphML that Gephi opens: every attribute a string, number or boolean.

    >>> import tempfile, pathlib
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", predicate="leadsChain", note=None, tags={"x", "y"})
    0
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "g.graphml"
    >>> write_graphml(G, path)
    >>> [d["tags"] for _, _, d in nx.read_graphml(path).edges(data=True)]
    ['x|y']
    """
    H = G.__class__()
    H.graph.update({k: _plain(v) for k, v in G.graph.items()})
    H.add_nodes_from((n, {k: _plain(v) for k, v in d.items()}) for n, d in G.nodes(data=True))
    if G.is_multigraph():
        H.add_edges_from(
            (u, v, key, {k: _plain(x) for k, x in d.items()})
            for u, v, key, d in G.edges(keys=True, data=True)
        )
    else:
        H.add_edges_from(
            (u, v, {k: _plain(x) for k, x in d.items()}) for u, v, d in G.edges(data=True)
        )
    nx.write_graphml(H, path, encoding="utf-8")
