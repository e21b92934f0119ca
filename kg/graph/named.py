"""Named queries: the SPARQL files of kg/graph/queries, what each answers and its parameters (read
from the file's comment header), and their values bound as RDF terms, never written into the text.

>>> info = query_info("leading-enterprises")
>>> [(p.name, p.kind) for p in info.parameters]
[('chain', 'label'), ('min_confidence', 'decimal')]
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from kg.errors import QueryError
from kg.ontology import CKG, PREFIXES, classes

QUERY_DIR = Path(__file__).resolve().parent / "queries"


def query_names() -> list[str]:
    """Names of the queries in kg/graph/queries (file names without .rq).

    >>> "relation_evidence" in query_names()
    True
    """
    return sorted(p.stem for p in QUERY_DIR.glob("*.rq"))


@cache
def named_query(name: str) -> str:
    """The text of the named query kg/graph/queries/<name>.rq.

    >>> "ckg:evidence" in named_query("relation_evidence")
    True
    """
    path = QUERY_DIR / f"{name}.rq"
    if not path.is_file():
        raise QueryError(f"no query named {name!r}; known: {', '.join(query_names())}")
    return path.read_text(encoding="utf-8")


_PARAM_LINE = re.compile(
    r"^\?(?P<name>\w+)\s+(?P<kind>label|string|integer|decimal|class|iri)\s*,\s*"
    r"(?P<need>optional|required)\s*:\s*(?P<text>.*)$"
)


_MENTIONED = re.compile(r"\?(\w+)")


#: How a parameter's value is bound: label -> "…"@zh, string -> "…", integer -> xsd:integer,
#: decimal -> xsd:decimal (a number such as 0.8),
#: class -> an ontology class IRI (ckg:Enterprise), iri -> an IRI (full or prefixed),
#: term -> an IRI when the value looks like one, else a string.
PARAMETER_KINDS = ("label", "string", "integer", "decimal", "class", "iri", "term")


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
    label, string, integer, decimal, class or iri. A header without that section offers as
    parameters the ``?variables`` it mentions, bound as IRIs or strings (kind "term").

    >>> info = query_info("leading-enterprises")
    >>> [(p.name, p.kind, p.required) for p in info.parameters]
    [('chain', 'label', False), ('min_confidence', 'decimal', False)]
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
    if p.kind == "decimal":
        if isinstance(value, Literal):
            value = value.toPython()
        try:
            number = Decimal(str(value).strip())
        except (InvalidOperation, ValueError):
            number = None
        if isinstance(value, bool) or number is None or not number.is_finite():
            raise QueryError(f"{query.name}: {p.name} must be a number, not {value!r}")
        return Literal(number)
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise QueryError(f"{query.name}: {p.name} must be a string, not {type(value).__name__}")
    text = str(value).strip()
    if p.kind == "label":
        return Literal(text, lang="zh")
    if p.kind == "string":
        return Literal(text)
    if p.kind == "class":
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
