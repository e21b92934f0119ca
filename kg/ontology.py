"""The ontology, loaded once: its closed namespace `CKG`, labels, layers and lexicon.

Everything here is read from ``ontology/chainkg.ttl``; no term or label is typed twice in code.
The file is parsed on first use, not at import.

>>> from kg.ontology import CKG
>>> CKG.leadsChain
rdflib.term.URIRef('https://w3id.org/chainkg/ontology#leadsChain')
>>> label("leadsChain"), label("leadsChain", lang="en")
('引领产业链', 'leads chain')
>>> suffixes("IndustryChain")
['全产业链', '产业链']
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import ClosedNamespace

from kg.iris import ONTOLOGY

__all__ = [  # noqa: F822 - CKG is provided lazily by the module __getattr__
    "CKG",
    "ONTOLOGY_DIR",
    "ONTOLOGY_FILE",
    "SHAPES_FILE",
    "ONTOLOGY_GRAPH",
    "PREFIXES",
    "ontology_graph",
    "label",
    "alt_labels",
    "definition",
    "classes",
    "properties",
    "entity_classes",
    "relations",
    "domain_of",
    "range_of",
    "suffixes",
    "display_styles",
]

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "chainkg.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
#: The named graph that holds the ontology in a store (also the owl:Ontology IRI).
ONTOLOGY_GRAPH = URIRef(ONTOLOGY.rstrip("#"))

#: Prefixes predeclared for SPARQL and used in serialisations.
PREFIXES: dict[str, str] = {
    "ckg": ONTOLOGY,
    "skos": str(SKOS),
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "schema": "https://schema.org/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "org": "http://www.w3.org/ns/org#",
    "owl": str(OWL),
    "qb": "http://purl.org/linked-data/cube#",
}

_TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
_PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty)


@cache
def ontology_graph() -> Graph:
    """The ontology as an rdflib Graph, parsed once (do not modify it)."""
    g = Graph()
    g.parse(ONTOLOGY_FILE, format="turtle")
    for prefix, iri in PREFIXES.items():
        g.bind(prefix, iri)
    return g


def _local(iri: URIRef) -> str:
    return str(iri)[len(ONTOLOGY) :]


@cache
def _terms() -> dict[str, URIRef]:
    g = ontology_graph()
    return {
        _local(s): s
        for kind in _TERM_TYPES
        for s in g.subjects(RDF.type, kind)
        if isinstance(s, URIRef) and str(s).startswith(ONTOLOGY)
    }


@cache
def _ckg() -> ClosedNamespace:
    return ClosedNamespace(ONTOLOGY, sorted(_terms()))


def __getattr__(name: str) -> ClosedNamespace:
    # `CKG` is built lazily so that importing kg.ontology does not parse the Turtle file.
    if name == "CKG":
        return _ckg()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _term(name: str) -> URIRef:
    try:
        return _terms()[name]
    except KeyError:
        raise KeyError(f"{name!r} is not a term of the chainkg ontology") from None


def _literals(subject: URIRef, predicate: URIRef, lang: str | None) -> list[str]:
    return sorted(
        str(o)
        for o in ontology_graph().objects(subject, predicate)
        if isinstance(o, Literal) and (lang is None or o.language == lang)
    )


def label(term: str, lang: str = "zh") -> str:
    """The preferred label of an ontology term (class or property local name) in `lang`.

    >>> label("ChainLeaderRole")
    '链长职务'
    """
    found = _literals(_term(term), SKOS.prefLabel, lang) or _literals(_term(term), RDFS.label, lang)
    if not found:
        raise KeyError(f"{term!r} has no label in language {lang!r}")
    return found[0]


def alt_labels(term: str, lang: str = "zh") -> list[str]:
    """The alternative labels (aliases, trigger words) of a term, sorted.

    >>> "链主" in alt_labels("leadsChain")
    True
    """
    return _literals(_term(term), SKOS.altLabel, lang)


def definition(term: str, lang: str = "zh") -> str:
    """The skos:definition of a term in `lang` ('' when there is none).

    >>> definition("Project", lang="en").startswith("An investment")
    True
    """
    found = _literals(_term(term), SKOS.definition, lang)
    return found[0] if found else ""


def _layer(term: URIRef) -> str:
    return str(ontology_graph().value(term, _terms()["layer"], default=""))


def _declared(kinds: tuple[URIRef, ...], layer: str | None) -> list[str]:
    g = ontology_graph()
    names = {
        _local(s)
        for kind in kinds
        for s in g.subjects(RDF.type, kind)
        if isinstance(s, URIRef) and str(s).startswith(ONTOLOGY)
    }
    return sorted(n for n in names if layer is None or _layer(_terms()[n]) == layer)


def classes(layer: str | None = None) -> list[str]:
    """Local names of the ontology's classes, sorted; `layer` keeps one layer only.

    >>> "Enterprise" in classes(layer="entity"), "Sentence" in classes(layer="entity")
    (True, False)
    """
    return _declared((OWL.Class,), layer)


def properties(layer: str | None = None) -> list[str]:
    """Local names of the object and datatype properties, sorted; `layer` keeps one layer.

    >>> "leadsChain" in properties(layer="relation")
    True
    """
    return _declared(_PROPERTY_TYPES, layer)


def entity_classes() -> list[str]:
    """The classes of the things the graph is about (Enterprise, IndustryChain, ...).

    >>> entity_classes()[:2]
    ['ChainLeaderRole', 'Enterprise']
    """
    return classes(layer="entity")


def relations() -> list[str]:
    """The properties that relate two entities (leadsChain, chainLeaderOf, ...).

    >>> "chainLeaderOf" in relations()
    True
    """
    return properties(layer="relation")


def _class_set(node: URIRef | None) -> list[str]:
    # A domain or range is a class or an owl:unionOf list of classes.
    if node is None:
        return []
    g = ontology_graph()
    union = g.value(node, OWL.unionOf)
    members = list(Collection(g, union)) if union is not None else [node]
    return sorted(_local(m) if str(m).startswith(ONTOLOGY) else str(m) for m in members)


def domain_of(prop: str) -> list[str]:
    """The classes a property's subject may have (local names; full IRIs for other vocabularies).

    >>> domain_of("chainLeaderOf")
    ['ChainLeaderRole', 'Person']
    """
    return _class_set(ontology_graph().value(_term(prop), RDFS.domain))


def range_of(prop: str) -> list[str]:
    """The classes a property's object may have ([] when unconstrained).

    >>> range_of("leadsChain")
    ['Industry', 'IndustryChain']
    """
    return _class_set(ontology_graph().value(_term(prop), RDFS.range))


def suffixes(class_local: str) -> list[str]:
    """The name endings that mark `class_local` (ckg:lexicalSuffix), longest first (ties sorted).

    >>> suffixes("Project")
    ['项目']
    """
    found = _literals(_term(class_local), _terms()["lexicalSuffix"], None)
    return sorted(found, key=lambda s: (-len(s), s))


def display_styles() -> dict[str, tuple[str, str]]:
    """(colour, shape) of each class the views draw (ckg:displayColour, ckg:displayShape), in
    legend order (ckg:displayOrder).

    >>> styles = display_styles()
    >>> list(styles)[:2], styles["Enterprise"]
    (['IndustryCluster', 'IndustryChain'], ('#1e88e5', 'dot'))
    """
    g, terms = ontology_graph(), _terms()
    found = []
    for cls in classes():
        colour = g.value(terms[cls], terms["displayColour"])
        if colour is not None:
            shape = g.value(terms[cls], terms["displayShape"])
            order = g.value(terms[cls], terms["displayOrder"])
            found.append((int(order) if order is not None else 0, cls, (str(colour), str(shape))))
    return {cls: style for _, cls, style in sorted(found)}
