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
import re
import sys
import types
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.term import Identifier

from kg.errors import QueryError, ReadOnlyError, StoreError
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
    `kg.store.open_store`) run on the Oxigraph engine, in-memory graphs on rdflib's. `bindings`
    maps variable names (no ``?``) to values: str and numbers become literals, pass
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


# --------------------------------------------------------------------------- named queries API

_PARAM_LINE = re.compile(
    r"^\?(?P<name>\w+)\s+(?P<kind>label|string|integer|class|iri)\s*,\s*"
    r"(?P<need>optional|required)\s*:\s*(?P<text>.*)$"
)
_MENTIONED = re.compile(r"\?(\w+)")
#: How a parameter's value is bound: label -> "…"@zh, string -> "…", integer -> xsd:integer,
#: class -> an ontology class IRI (ckg:Enterprise), iri -> an IRI (full or prefixed),
#: term -> an IRI when the value looks like one, else a string.
PARAMETER_KINDS = ("label", "string", "integer", "class", "iri", "term")


@dataclass(frozen=True)
class Parameter:
    """One parameter of a named query, as its comment header declares it."""

    name: str
    kind: str
    required: bool
    description: str


@dataclass(frozen=True)
class NamedQuery:
    """A named query: its name, what it answers (the header) and its parameters."""

    name: str
    description: str
    parameters: tuple[Parameter, ...]

    def parameter(self, name: str) -> Parameter:
        """The parameter called `name`; QueryError when the query has none by that name."""
        for p in self.parameters:
            if p.name == name:
                return p
        known = ", ".join(p.name for p in self.parameters) or "none"
        raise QueryError(f"{self.name} has no parameter {name!r}; its parameters: {known}")


def _header(text: str) -> list[str]:
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line[1:].strip())
    return lines


@cache
def query_info(name: str) -> NamedQuery:
    """What the named query answers and its parameters, read from the .rq file's comment header.

    The header is the leading ``#`` lines: a description, then optionally a ``Parameters:`` line
    followed by one ``?name  KIND, optional|required: text`` line per parameter, where KIND is
    label, string, integer, class or iri. A header without that section offers as parameters
    the ``?variables`` it mentions, bound as IRIs or strings (kind "term").

    >>> info = query_info("leading-enterprises")
    >>> [(p.name, p.kind, p.required) for p in info.parameters]
    [('chain', 'label', False)]
    """
    lines = _header(named_query(name))
    if "Parameters:" in lines:
        at = lines.index("Parameters:")
        described, declared = lines[:at], lines[at + 1 :]
    else:
        described, declared = lines, []
    params: list[Parameter] = []
    for line in declared:
        m = _PARAM_LINE.match(line)
        if m:
            params.append(
                Parameter(m["name"], m["kind"], m["need"] == "required", m["text"].strip())
            )
        elif line and params:  # a continuation of the previous parameter's text
            last = params[-1]
            text = f"{last.description} {line}"
            params[-1] = Parameter(last.name, last.kind, last.required, text)
    description = " ".join(line for line in described if line)
    if not declared:
        seen = dict.fromkeys(_MENTIONED.findall(description))
        params = [Parameter(v, "term", False, "named in the description") for v in seen]
    return NamedQuery(name, description, tuple(params))


def is_internal(name: str) -> bool:
    """Whether a named query is one kg runs for itself (counts, exports, the network), not one
    to ask the graph with: by convention its name has an underscore, as ``count_types``.

    >>> is_internal("count_types"), is_internal("leading-enterprises")
    (True, False)
    """
    return "_" in name


def list_queries(*, internal: bool = False) -> list[NamedQuery]:
    """The named queries to ask the graph with, with description and parameters, sorted by
    name; with `internal`, those kg runs for itself too (see `is_internal`).

    >>> names = [q.name for q in list_queries()]
    >>> "leading-enterprises" in names, "count_types" in names
    (True, False)
    """
    return [query_info(name) for name in query_names() if internal or not is_internal(name)]


def _iri(value: str) -> URIRef:
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return URIRef(PREFIXES[prefix] + local)
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    if "://" not in value and not value.startswith("urn:"):
        raise QueryError(f"{value!r} is not an IRI; write it in full or as ckg:Name")
    return URIRef(value)


def _bind_one(query: NamedQuery, p: Parameter, value: Any) -> Identifier:
    if isinstance(value, Identifier) and p.kind not in ("class", "integer"):
        return value
    if p.kind == "integer":
        if isinstance(value, Literal):
            value = value.toPython()
        text = str(value).strip()
        if isinstance(value, bool) or not text.lstrip("-").isdigit():
            raise QueryError(f"{query.name}: {p.name} must be an integer, not {value!r}")
        return Literal(int(text))
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise QueryError(f"{query.name}: {p.name} must be a string, not {type(value).__name__}")
    text = str(value).strip()
    if p.kind == "label":
        return Literal(text, lang="zh")
    if p.kind == "string":
        return Literal(text)
    if p.kind == "class":
        from kg.ontology import CKG, classes

        local = text.removeprefix(PREFIXES["ckg"]).removeprefix("ckg:")
        if local not in classes():
            raise QueryError(
                f"{query.name}: {p.name} must be a class of the ontology "
                f"({', '.join(sorted(classes()))}), not {value!r}"
            )
        return URIRef(CKG[local])
    if p.kind == "iri":
        return _iri(text)
    try:  # "term": an IRI when it reads as one, else a string
        return _iri(text)
    except QueryError:
        return Literal(text)


def bind_parameters(name: str, params: Mapping[str, Any]) -> dict[str, Identifier]:
    """The bindings for running the named query with `params` (values None are left out).

    Values are converted by the parameter's kind (see `query_info`): a label becomes a zh
    literal, so it matches the zh prefLabel or any alias; a year an xsd:integer. Raises
    QueryError for an unknown parameter, a missing required one or a value of the wrong kind.

    >>> bind_parameters("leading-enterprises", {"chain": "绿色铝产业链"})
    {'chain': rdflib.term.Literal('绿色铝产业链', lang='zh')}
    """
    info = query_info(name)
    given = {k: v for k, v in params.items() if v is not None}
    bindings = {k: _bind_one(info, info.parameter(k), v) for k, v in given.items()}
    missing = [p.name for p in info.parameters if p.required and p.name not in bindings]
    if missing:
        raise QueryError(f"{name} needs the parameter {', '.join(missing)}")
    return bindings


def result_columns(name: str, variables: Sequence[str]) -> int:
    """How many leading columns of the named query's result to show.

    Oxigraph binds only variables a query returns, so named queries return their parameters as
    trailing columns that merely repeat the input; those are left out.

    >>> result_columns("chains-led-by", ["enterprise_label", "chain", "enterprise"])
    2
    """
    params = {p.name for p in query_info(name).parameters}
    n = len(variables)
    while n and variables[n - 1] in params:
        n -= 1
    return n


def query(graph_or_store: Any, name: str, /, **params: Any) -> Any:
    """Run the named query kg/queries/<name>.rq with `params`; return a pandas DataFrame.

    `graph_or_store` is a store folder, a pyoxigraph Store, or an rdflib graph (over Oxigraph
    or in memory). Parameters are bound, never written into the query text, so any value is
    only ever a value. `kg.query(...)` is this function.

    >>> from kg.rdf import document_graph
    >>> from kg.document import Document
    >>> g = document_graph(Document(name="a.txt", raw="甲", text="甲", offsets=[0, 1]))
    >>> query(g, "leading-enterprises", chain="绿色铝产业链").columns.tolist()
    ['enterprise', 'chain', 'sentence', 'article', 'file']
    """
    import pandas as pd

    if isinstance(graph_or_store, (str, Path)):
        from kg.store import open_store

        graph_or_store = open_store(graph_or_store)
    bindings = bind_parameters(name, params)
    variables, rows = run_sparql(graph_or_store, named_query(name), bindings=bindings)
    n = result_columns(name, variables)
    if n < len(variables):
        rows = [row[:n] for row in rows]
    return pd.DataFrame.from_records(rows, columns=variables[:n])


class _CallableModule(types.ModuleType):
    # `kg.query` names this module once anything imports it; calling it runs `query`.
    def __call__(self, graph_or_store: Any, name: str, /, **params: Any) -> Any:
        return query(graph_or_store, name, **params)


sys.modules[__name__].__class__ = _CallableModule
