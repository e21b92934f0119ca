"""SPARQL over the store or an in-memory graph: named (kg/graph/queries/*.rq) or free queries ->
rows.

Prefixes ckg, skos, prov, rdf, rdfs, schema, xsd, org (and owl, qb) are predeclared. The default
graph is the union of all named graphs. Values are bound with `bindings`, never by formatting.

>>> from rdflib import SKOS, Graph, Literal, URIRef
>>> g = Graph()
>>> zt = URIRef("https://w3id.org/chainkg/id/region/昭通市")
>>> g.add((zt, SKOS.prefLabel, Literal("昭通市", lang="zh")))
<Graph identifier=... (<class 'rdflib.graph.Graph'>)>
>>> query = "SELECT ?e WHERE { ?e skos:prefLabel ?l }"
>>> run_sparql(g, query, bindings={"l": Literal("昭通市", lang="zh")})
(['e'], [('https://w3id.org/chainkg/id/region/昭通市',)])
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.term import Identifier

from kg.errors import QueryError, ReadOnlyError, StoreError
from kg.graph.named import (
    PARAMETER_KINDS,
    QUERY_DIR,
    NamedQuery,
    Parameter,
    bind_parameters,
    is_internal,
    list_queries,
    named_query,
    query_info,
    query_names,
    result_columns,
)
from kg.graph.rdf import to_oxigraph, to_rdflib
from kg.graph.store import open_store, oxigraph_store
from kg.ontology import PREFIXES, entity_classes, relations
from kg.rows import Row, format_rows

__all__ = [
    "counts",
    "QUERY_DIR",
    "run_sparql",
    "run_named",
    "named_query",
    "query_names",
    "format_rows",
    "query",
    "list_queries",
    "is_internal",
    "check_read_only",
    "query_info",
    "bind_parameters",
    "result_columns",
    "NamedQuery",
    "Parameter",
    "PARAMETER_KINDS",
]


_XSD = PREFIXES["xsd"]
_INTEGERS = {
    _XSD + t
    for t in (
        "integer long int short byte nonNegativeInteger nonPositiveInteger positiveInteger "
        "negativeInteger unsignedLong unsignedInt unsignedShort unsignedByte"
    ).split()
}
_FLOATS = {_XSD + "decimal", _XSD + "double", _XSD + "float"}


def _python(value: Any) -> Any:
    # One conversion for both engines: IRIs as str, literals as int/float/bool/str, None unbound.
    kind = type(value)  # Oxigraph's terms first, by their exact type (no ABC checks)
    if kind is ox.NamedNode:
        return value.value
    if kind is ox.Literal:
        datatype = value.datatype.value
        if datatype in _STRINGS:
            return value.value
        return _typed(value.value, datatype)
    if value is None:
        return None
    if isinstance(value, (ox.NamedNode, URIRef)):
        return value.value if isinstance(value, ox.NamedNode) else str(value)
    if isinstance(value, ox.BlankNode):
        return f"_:{value.value}"
    if isinstance(value, BNode):
        return f"_:{value}"
    if isinstance(value, ox.Literal):
        lexical, datatype = value.value, value.datatype.value
    elif isinstance(value, Literal):
        lexical, datatype = str(value), str(value.datatype) if value.datatype else ""
    else:
        return str(value)
    return _typed(lexical, datatype)


_STRINGS = {_XSD + "string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"}


def _typed(lexical: str, datatype: str) -> Any:
    """A literal's value by its datatype: int, float, bool, else its lexical form."""
    try:
        if datatype in _INTEGERS:
            return int(lexical)
        if datatype in _FLOATS:
            return float(lexical)
        if datatype == _XSD + "boolean":
            return lexical in ("true", "1")
    except ValueError:
        pass  # an ill-typed literal stays its lexical form
    return lexical


def _rdflib_term(value: Any) -> Identifier:
    if isinstance(value, Identifier):
        return value
    if isinstance(value, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        return to_rdflib(value)
    if isinstance(value, (str, bool, int, float, Decimal, date, datetime)):
        return Literal(value)
    raise QueryError(f"cannot bind a {type(value).__name__}; use str, a number or an rdflib term")


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


# What a SPARQL request starts with once its prologue (comments, BASE, PREFIX) is skipped.
_PROLOGUE = re.compile(
    r"(?:\s+|#[^\n]*\n?|BASE\s*<[^>]*>|PREFIX\s+[^\s:]*:\s*<[^>]*>)*", re.IGNORECASE
)
_UPDATE = re.compile(
    r"(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE
)


def check_read_only(sparql: str) -> None:
    """Raise ReadOnlyError when `sparql` is an update (INSERT DATA, DELETE, LOAD, ...).

    >>> check_read_only("PREFIX ex: <http://e/> SELECT * WHERE { ?s ?p ?o }")
    >>> check_read_only("# add one\\nINSERT DATA { <http://e/a> <http://e/b> 1 }")
    Traceback (most recent call last):
    ...
    kg.errors.ReadOnlyError: SPARQL updates (INSERT) are not run: ...
    """
    m = _UPDATE.match(sparql, _PROLOGUE.match(sparql).end())
    if m is not None:
        raise ReadOnlyError(
            f"SPARQL updates ({m.group(0).upper()}) are not run: the store is read-only to "
            "queries; it changes only through kg build, kg add and kg remove"
        )


# What hides prefixed names: comments, strings and IRIs (masked, their length kept).
_NOT_NAMES = re.compile(
    r'#[^\n]*|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>'
)
_PREFIXED = re.compile(r"(?<![\w?$:.\-])([A-Za-z][\w.\-]*)?:(?=[\w%\\:]|\s|$)")
_DECLARED = re.compile(r"PREFIX\s+([A-Za-z][\w.\-]*)?:", re.IGNORECASE)


def _unknown_prefix(sparql: str) -> tuple[str, str] | None:
    """The first prefix `sparql` uses without declaring it (nor being predeclared), and where.

    >>> _unknown_prefix('SELECT * { ?s foo:bar "a:b" ; skos:prefLabel ?o }')
    ('foo', 'line 1, column 15')
    >>> _unknown_prefix("PREFIX ex: <http://e/> SELECT * { ?s ex:p <http://x/y> }") is None
    True
    """
    masked = _NOT_NAMES.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), sparql)
    declared = set(PREFIXES) | {m.group(1) or "" for m in _DECLARED.finditer(masked)}
    for m in _PREFIXED.finditer(masked):
        prefix = m.group(1) or ""
        if prefix in declared or prefix == "_":  # _: is a blank node
            continue
        if masked[max(0, m.start() - 6) : m.start()].upper().endswith("PREFIX"):
            continue
        line = masked.count("\n", 0, m.start()) + 1
        column = m.start() - (masked.rfind("\n", 0, m.start()) + 1) + 1
        return prefix, f"line {line}, column {column}"
    return None


def _syntax_error(sparql: str, error: Exception) -> QueryError:
    message = _first_line(error)
    unknown = _unknown_prefix(sparql)
    if unknown is not None:
        prefix, where = unknown
        known = ", ".join(sorted(PREFIXES))
        return QueryError(
            f"unknown prefix '{prefix}:' at {where}; declare it with "
            f"PREFIX {prefix}: <…> or use a predeclared one: {known}"
        )
    return QueryError(f"malformed SPARQL: {message}")


def _run_oxigraph(
    store: ox.Store, sparql: str, bindings: Mapping[str, Any]
) -> tuple[list[str], list[Row]]:
    substitutions = {ox.Variable(k): to_oxigraph(_rdflib_term(v)) for k, v in bindings.items()}
    check_read_only(sparql)
    try:
        result = store.query(
            sparql,
            prefixes=PREFIXES,
            use_default_graph_as_union=True,
            substitutions=substitutions or None,
        )
    except SyntaxError as e:
        raise _syntax_error(sparql, e) from e
    except OSError as e:
        raise StoreError(f"the store could not be read: {_first_line(e)}") from e
    except RuntimeError as e:
        if bindings and "projection" in str(e):
            raise QueryError(
                f"cannot bind {', '.join('?' + k for k in bindings)}: Oxigraph binds only "
                f"variables the query returns, so add them to SELECT ({_first_line(e)})"
            ) from e
        raise QueryError(f"the query failed: {_first_line(e)}") from e
    if isinstance(result, ox.QueryBoolean):
        return ["ask"], [(bool(result),)]
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        return names, [tuple(_python(value) for value in solution) for solution in result]
    triples = [tuple(_python(term) for term in triple) for triple in result]
    return ["subject", "predicate", "object"], triples


def _run_rdflib(g: Graph, sparql: str, bindings: Mapping[str, Any]) -> tuple[list[str], list[Row]]:
    check_read_only(sparql)
    try:
        prepared = prepareQuery(sparql, initNs=PREFIXES)
    except Exception as e:  # pyparsing and rdflib raise several types for a bad query
        raise _syntax_error(sparql, e) from e
    if isinstance(g, Dataset) and not g.default_union:
        g = Dataset(store=g.store, default_union=True)  # the union of the named graphs
    result = g.query(prepared, initBindings={k: _rdflib_term(v) for k, v in bindings.items()})
    if result.type == "ASK":
        return ["ask"], [(bool(result.askAnswer),)]
    if result.type == "SELECT":
        names = [str(v) for v in result.vars or []]
        return names, [tuple(_python(v) for v in row) for row in result]
    return ["subject", "predicate", "object"], [tuple(_python(t) for t in row) for row in result]


def run_sparql(
    store_or_graph: Any, sparql: str, *, bindings: Mapping[str, Any] | None = None
) -> tuple[list[str], list[Row]]:
    """Run a SPARQL query; return its variable names and rows of Python values.

    `store_or_graph` is a pyoxigraph Store or an rdflib graph; graphs over Oxigraph (see
    `kg.graph.store.open_store`) run on the Oxigraph engine, in-memory graphs on rdflib's.
    `bindings` maps variable names (no ``?``) to values: str and numbers become literals, pass
    ``rdflib.URIRef`` for an IRI and ``Literal(label, lang="zh")`` for a label. IRIs come back
    as str, numeric literals as int or float, unbound variables as None. ASK gives
    ``(["ask"], [(bool,)])``; CONSTRUCT gives subject/predicate/object rows.
    Raises QueryError with the parser's message when the query is malformed. On Oxigraph only
    variables that a SELECT returns can be bound (SPARQL substitution, SEP-0007); a named
    query therefore returns its parameters as columns.
    """
    bindings = dict(bindings or {})
    store = oxigraph_store(store_or_graph)
    if store is not None:
        return _run_oxigraph(store, sparql, bindings)
    if isinstance(store_or_graph, Graph):
        return _run_rdflib(store_or_graph, sparql, bindings)
    raise TypeError(f"expected a pyoxigraph Store or rdflib Graph, not {type(store_or_graph)}")


def run_named(
    store_or_graph: Any, name: str, *, bindings: Mapping[str, Any] | None = None
) -> tuple[list[str], list[Row]]:
    """Run the query kg/graph/queries/<name>.rq with `bindings` (see `run_sparql`).

    >>> from kg.graph.rdf import document_graph
    >>> from kg.reading.document import Document
    >>> run_named(document_graph(Document(name="a.txt", raw="甲", text="甲", offsets=[0, 1])),
    ...           "relation_evidence")
    (['subject', 'predicate', 'object', 'sentence', 'article', 'assertion'], [])
    """
    return run_sparql(store_or_graph, named_query(name), bindings=bindings)


# --------------------------------------------------------------------------- named queries API


def query(graph_or_store: Any, name: str, /, **params: Any) -> Any:
    """Run the named query kg/graph/queries/<name>.rq with `params`; return a pandas DataFrame.

    `graph_or_store` is a store folder, a pyoxigraph Store, or an rdflib graph (over Oxigraph
    or in memory). Parameters are bound, never written into the query text, so any value is
    only ever a value. `kg.query(...)` is this function.

    >>> from kg.graph.rdf import document_graph
    >>> from kg.reading.document import Document
    >>> g = document_graph(Document(name="a.txt", raw="甲", text="甲", offsets=[0, 1]))
    >>> query(g, "leading-enterprises", chain="绿色铝产业链").columns.tolist()
    ['enterprise', 'chain', 'sentence', 'article', 'file']
    """
    # start-up: pandas takes about 1.6 s to import; only tables need it
    import pandas as pd

    if isinstance(graph_or_store, (str, Path)):
        graph_or_store = open_store(graph_or_store)
    bindings = bind_parameters(name, params)
    variables, rows = run_sparql(graph_or_store, named_query(name), bindings=bindings)
    n = result_columns(name, variables)
    if n < len(variables):
        rows = [row[:n] for row in rows]
    return pd.DataFrame.from_records(rows, columns=variables[:n])


def counts(source: Any) -> dict[str, Any]:
    """Entities per class, relations per property and provenance records, via SPARQL.

    Returns ``{"entities": {class: n}, "relations": {property: n}, "records": {class: n},
    "quads": n}``; relations count distinct (subject, object) pairs, not their evidence, and
    quads are those stored (in every graph).
    """
    if isinstance(source, (str, os.PathLike)):
        source = open_store(source)
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
    inner = oxigraph_store(source)
    if inner is not None:
        quads = len(inner)
    elif isinstance(source, Dataset):
        quads = sum(1 for _ in source.quads((None, None, None, None)))
    else:
        quads = len(source)
    return {
        "entities": dict(sorted(entities.items())),
        "relations": dict(sorted(found.items())),
        "records": dict(sorted(records.items())),
        "quads": quads,
    }
