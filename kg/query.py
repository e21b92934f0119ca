"""SPARQL over the store or an in-memory graph: named (kg/queries/*.rq) or free queries -> rows.

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

import csv
import io
import json
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.term import Identifier

from kg.errors import QueryError, StoreError
from kg.ontology import PREFIXES
from kg.rdf import to_oxigraph, to_rdflib
from kg.store import oxigraph_store

__all__ = [
    "QUERY_DIR",
    "run_sparql",
    "run_named",
    "named_query",
    "query_names",
    "format_rows",
]

QUERY_DIR = Path(__file__).resolve().parent / "queries"

_XSD = PREFIXES["xsd"]
_INTEGERS = {
    _XSD + t
    for t in (
        "integer long int short byte nonNegativeInteger nonPositiveInteger positiveInteger "
        "negativeInteger unsignedLong unsignedInt unsignedShort unsignedByte"
    ).split()
}
_FLOATS = {_XSD + "decimal", _XSD + "double", _XSD + "float"}

Row = tuple[Any, ...]


def query_names() -> list[str]:
    """Names of the queries in kg/queries (file names without .rq).

    >>> "relation_evidence" in query_names()
    True
    """
    return sorted(p.stem for p in QUERY_DIR.glob("*.rq"))


@cache
def named_query(name: str) -> str:
    """The text of the named query kg/queries/<name>.rq.

    >>> "ckg:evidence" in named_query("relation_evidence")
    True
    """
    path = QUERY_DIR / f"{name}.rq"
    if not path.is_file():
        raise QueryError(f"no query named {name!r}; known: {', '.join(query_names())}")
    return path.read_text(encoding="utf-8")


def _python(value: Any) -> Any:
    # One conversion for both engines: IRIs as str, literals as int/float/bool/str, None unbound.
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


def _run_oxigraph(
    store: ox.Store, sparql: str, bindings: Mapping[str, Any]
) -> tuple[list[str], list[Row]]:
    substitutions = {ox.Variable(k): to_oxigraph(_rdflib_term(v)) for k, v in bindings.items()}
    try:
        result = store.query(
            sparql,
            prefixes=PREFIXES,
            use_default_graph_as_union=True,
            substitutions=substitutions or None,
        )
    except SyntaxError as e:
        raise QueryError(f"malformed SPARQL: {_first_line(e)}") from e
    except OSError as e:
        raise StoreError(f"the store could not be read: {_first_line(e)}") from e
    if isinstance(result, ox.QueryBoolean):
        return ["ask"], [(bool(result),)]
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        return names, [tuple(_python(value) for value in solution) for solution in result]
    triples = [tuple(_python(term) for term in triple) for triple in result]
    return ["subject", "predicate", "object"], triples


def _run_rdflib(g: Graph, sparql: str, bindings: Mapping[str, Any]) -> tuple[list[str], list[Row]]:
    try:
        prepared = prepareQuery(sparql, initNs=PREFIXES)
    except Exception as e:  # pyparsing and rdflib raise several types for a bad query
        raise QueryError(f"malformed SPARQL: {_first_line(e)}") from e
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
    `kg.store.open_store`) run on the Oxigraph engine, in-memory graphs on rdflib's. `bindings`
    maps variable names (no ``?``) to values: str and numbers become literals, pass
    ``rdflib.URIRef`` for an IRI and ``Literal(label, lang="zh")`` for a label. IRIs come back
    as str, numeric literals as int or float, unbound variables as None. ASK gives
    ``(["ask"], [(bool,)])``; CONSTRUCT gives subject/predicate/object rows.
    Raises QueryError with the parser's message when the query is malformed.
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
    """Run the query kg/queries/<name>.rq with `bindings` (see `run_sparql`).

    >>> from kg.rdf import document_graph
    >>> from kg.document import Document
    >>> run_named(document_graph(Document(name="a.txt", raw="甲", text="甲", offsets=[0, 1])),
    ...           "relation_evidence")
    (['subject', 'predicate', 'object', 'sentence', 'article', 'assertion'], [])
    """
    return run_sparql(store_or_graph, named_query(name), bindings=bindings)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _width(text: str) -> int:
    # Chinese characters take two columns in a terminal.
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def format_rows(variables: Sequence[str], rows: Sequence[Row], fmt: str = "table") -> str:
    """Rows as an aligned text table, CSV or JSON (a list of objects).

    >>> print(format_rows(["企业", "n"], [("云铝海鑫", 110)]))
    企业      n
    --------  ---
    云铝海鑫  110
    >>> format_rows(["n"], [(1,)], fmt="json")
    '[{"n": 1}]'
    """
    if fmt == "json":
        records = [dict(zip(variables, row, strict=True)) for row in rows]
        return json.dumps(records, ensure_ascii=False, default=str)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(variables)
        writer.writerows([_cell(v) for v in row] for row in rows)
        return buffer.getvalue()
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}; use 'table', 'csv' or 'json'")
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [
        max([_width(name), 3, *(_width(row[i]) for row in cells)])
        for i, name in enumerate(variables)
    ]
    lines = [_line(variables, widths), "  ".join("-" * w for w in widths)]
    lines += [_line(row, widths) for row in cells]
    return "\n".join(lines)


def _line(cells: Sequence[str], widths: Sequence[int]) -> str:
    return "  ".join(_pad(c, w) for c, w in zip(cells, widths, strict=True)).rstrip()
