"""Check a built graph against the SHACL shapes in ontology/shapes.ttl.

The data graph is every named graph of the store merged into one rdflib Graph, together with
the ontology (so that ``sh:class`` follows ``rdfs:subClassOf``). Validation runs without
inference: RDFS inference would read the range of ``ckg:leadsChain`` as a type and make a
wrongly typed object pass.

>>> from kg.reading.document import Document
>>> from kg.graph.rdf import document_graph
>>> validate(document_graph(Document(name="a.txt", raw="甲", text="甲", offsets=[0, 1])))[0]
True
"""

from __future__ import annotations

import os
from functools import cache
from typing import Any

import pyoxigraph as ox
import pyshacl
from rdflib import Dataset, Graph

from kg.errors import ValidationError
from kg.graph.store import open_store, oxigraph_store, union_triples
from kg.ontology import SHAPES_FILE, ontology_graph

__all__ = ["validate", "check", "shapes_graph", "union_graph"]


@cache
def shapes_graph() -> Graph:
    """The SHACL shapes, parsed once (do not modify them)."""
    return Graph().parse(SHAPES_FILE, format="turtle")


def union_graph(store_or_graph: Any) -> Graph:
    """All triples of a store, Dataset or Graph merged into one new in-memory Graph.

    >>> len(union_graph(ox.Store()))
    0
    """
    if isinstance(store_or_graph, (str, os.PathLike)):
        store_or_graph = open_store(store_or_graph)
    store = oxigraph_store(store_or_graph)
    g = Graph()
    if store is not None:
        data = ox.serialize(union_triples(store), format=ox.RdfFormat.N_TRIPLES)
        g.parse(data=data, format="nt")
    elif isinstance(store_or_graph, Dataset):
        g += ((s, p, o) for s, p, o, _ in store_or_graph.quads((None, None, None, None)))
    elif isinstance(store_or_graph, Graph):
        g += store_or_graph
    else:
        raise TypeError(f"expected a store, path or rdflib graph, not {type(store_or_graph)}")
    return g


def validate(store_or_graph: Any) -> tuple[bool, str]:
    """Validate a store (path, Store, Dataset) or graph; return (conforms, report text)."""
    data = union_graph(store_or_graph)
    data += ontology_graph()
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes_graph(), inference="none")
    return bool(conforms), str(text)


def check(store_or_graph: Any) -> None:
    """Raise ValidationError, with the SHACL report, unless the graph conforms."""
    conforms, text = validate(store_or_graph)
    if not conforms:
        raise ValidationError(f"the graph violates the SHACL shapes:\n{text}")
