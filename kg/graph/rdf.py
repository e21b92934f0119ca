"""A Document's facts as RDF: N-Quads of one article, with provenance, in a compact layout.

Every triple lives in one graph only (but for ``ckg:alias``), so the union of the graphs
(Oxigraph's ``use_default_graph_as_union``, the server's ``--union-default-graph``) holds no
triple twice and the store needs no stored copy of it:

- the entity graph `ENTITY_GRAPH`, shared by all articles, is the knowledge graph itself: each
  entity's ``a ckg:<Class>``, ``skos:prefLabel`` @zh and every ``skos:altLabel`` an article
  uses, and each relation as a plain triple ``<subject> ckg:<predicate> <object>`` (written by
  every article that states it; the store keeps each triple once);
- the graph named by the article IRI is its provenance, what the article says:

  - the article: ``a ckg:Article``, ``ckg:fileName``, ``ckg:sha256``, ``schema:name`` (title);
  - each entity it names: ``prov:wasDerivedFrom`` the article, and ``ckg:alias`` for each name
    it uses other than the preferred label (the entity graph's altLabels are their union);
  - each relation it states: an assertion (``rdf:subject``/``rdf:predicate``/``rdf:object``,
    ``ckg:evidence``, ``ckg:rule``);
  - each mention: ``ckg:mentionOf`` its entity, ``ckg:evidence`` its sentence (its IRI is a
    fragment of the sentence's: ``…/s12-40#m15-19-region``);
  - each metric: indicator, value, unit, year, qualifier, subject, ``ckg:evidence``;
  - each evidence sentence: ``ckg:text``, ``ckg:inArticle``, raw offsets where they differ.

What can be read off something else is not stored again. A node's span of the normalised text
is in its IRI (`sentence_iri` ``…/s12-40``, `mention_iri` ``…#m15-19-region``,
`observation_iri` ``…/o20-27-…``, `assertion_iri` ``…/r12-40-…``: its sentence's), and
kg/graph/queries/provenance.rq returns it as numbers. A sentence's raw offsets (in the original
file) are stated where reading the file moved it (``ckg:rawStartOffset``) or changed its
length (``ckg:rawEndOffset``); a mention's or metric's words are its sentence's text at its
span, and its raw offsets the sentence's shifted alike, unless stated. Record classes
(Sentence, Mention, Assertion, MetricObservation) follow from the domains of their properties
(RDFS) and are not stated.

>>> from kg.reading.document import Document, Mention, Sentence
>>> doc = Document(name="a.txt", raw="昭通市。", text="昭通市。", offsets=[0, 1, 2, 3, 4])
>>> doc.sentences = [Sentence(0, 4, "昭通市。")]
>>> doc.mentions = [Mention("Region", "昭通市", 0, 3)]
>>> len(document_quads(doc).splitlines())  # article 3, entity 2 + 1, mention 2, sentence 2
10
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable
from decimal import Decimal
from functools import cache, lru_cache

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.term import Identifier

from kg import ontology
from kg.errors import ValidationError
from kg.iris import BASE, article_iri, entity_iri, sentence_iri
from kg.ontology import PREFIXES
from kg.reading.document import Document, Entity, Mention, Relation, Sentence
from kg.terms import C, P

__all__ = [
    "ENTITY_GRAPH",
    "document_quads",
    "leading_pairs",
    "document_graph",
    "mention_iri",
    "assertion_iri",
    "observation_iri",
    "to_rdflib",
    "to_oxigraph",
]

#: The named graph of what the articles say about the entities: their classes, labels and
#: relations, each triple once for all articles.
ENTITY_GRAPH = BASE + "entities"

_RDF = PREFIXES["rdf"]
_XSD = PREFIXES["xsd"]
_TYPE = f"<{_RDF}type>"
_SUBJECT = f"<{_RDF}subject>"
_PREDICATE = f"<{_RDF}predicate>"
_OBJECT = f"<{_RDF}object>"
_PREF_LABEL = f"<{PREFIXES['skos']}prefLabel>"
_ALT_LABEL = f"<{PREFIXES['skos']}altLabel>"
_DERIVED = f"<{PREFIXES['prov']}wasDerivedFrom>"
_NAME = f"<{PREFIXES['schema']}name>"
_INTEGER = f"^^<{_XSD}integer>"
_DECIMAL = f"^^<{_XSD}decimal>"

# Characters an N-Quads IRIREF may not contain; they are percent-encoded.
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
# Escapes for STRING_LITERAL_QUOTE; other controls become \uXXXX so every parser accepts them.
_ESCAPES = {i: f"\\u{i:04X}" for i in [*range(0x20), 0x7F]}
_ESCAPES.update({ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r"})
_ESCAPES[ord("\t")] = "\\t"
# What _ESCAPES changes: most texts hold none of it and are written as they are (`str.translate`
# looks every character up in the table: a tenth of an article's N-Quads time).
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f\x7f"\\]')


@lru_cache(maxsize=8192)  # articles name the same entities over and over
def _iri(value: str) -> str:
    if _BAD_IRI.search(value):
        value = _BAD_IRI.sub(lambda m: "".join(f"%{b:02X}" for b in m.group(0).encode()), value)
    return f"<{value}>"


def _node(value: str) -> str:
    # An IRI made of the article IRI (kg.iris percent-encodes its file name), digits, class or
    # property names and hex digests: nothing to encode.
    return f"<{value}>"


def _str(text: str) -> str:
    if _NEEDS_ESCAPE.search(text) is None:
        return f'"{text}"'
    return f'"{text.translate(_ESCAPES)}"'


def _int(n: int) -> str:
    return f'"{int(n)}"{_INTEGER}'


def _decimal(x: float) -> str | None:
    # xsd:decimal has no exponent, NaN or infinity: write the shortest exact digits in plain form.
    if not math.isfinite(x):
        return None
    text = format(Decimal(repr(float(x))), "f")
    return f'"{text}"{_DECIMAL}'


@cache
def _ckg() -> dict[str, str]:
    # "<iri>" of every class and property, from the ontology's closed namespace.
    ckg = ontology.CKG
    return {name: f"<{ckg[name]}>" for name in [*ontology.classes(), *ontology.properties()]}


@cache
def _entity_classes() -> frozenset[str]:
    return frozenset(ontology.entity_classes())


@cache
def _relations() -> frozenset[str]:
    return frozenset(ontology.relations())


def _class(name: str) -> str:
    if name not in _entity_classes():
        raise ValidationError(
            f"{name!r} is not an entity class of the ontology (see ontology/chainkg.ttl)"
        )
    return _ckg()[name]


def _relation(name: str) -> str:
    if name not in _relations():
        raise ValidationError(
            f"{name!r} is not a relation of the ontology (see ontology/chainkg.ttl)"
        )
    return _ckg()[name]


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]


def _entity_of(mention: Mention) -> str:
    return mention.iri or entity_iri(mention.type, mention.label)


def mention_iri(article: str, mention: Mention, sentence: Sentence | None = None) -> str:
    """IRI of a mention: a fragment of its sentence's IRI (or, outside every sentence, of the
    article IRI) naming its span and class.

    >>> a = "https://w3id.org/chainkg/article/a-1"
    >>> mention_iri(a, Mention("Region", "云南", 3, 5), Sentence(0, 9, ""))
    'https://w3id.org/chainkg/article/a-1/s0-9#m3-5-region'
    >>> mention_iri(a, Mention("Region", "云南", 3, 5))
    'https://w3id.org/chainkg/article/a-1#m3-5-region'
    """
    where = article if sentence is None else sentence_iri(article, sentence.start, sentence.end)
    return f"{where}#m{mention.start}-{mention.end}-{mention.type.lower()}"


def assertion_iri(
    article: str, predicate: str, subject: str, object_: str, sentence: Sentence
) -> str:
    """IRI of an assertion, from its article, predicate, end IRIs and evidence sentence span.

    >>> assertion_iri("http://x/a", "leadsChain", "http://x/e", "http://x/c", Sentence(0, 9, ""))
    'http://x/a/r0-9-leadsChain-59f857986e91'
    """
    return f"{article}/r{sentence.start}-{sentence.end}-{predicate}-{_digest(subject, object_)}"


def observation_iri(article: str, start: int, end: int, indicator: str, unit: str) -> str:
    """IRI of a metric observation, from its article, span, indicator and unit.

    >>> observation_iri("http://x/a", 3, 9, "产值", "亿元")
    'http://x/a/o3-9-c9c799b31b63'
    """
    return f"{article}/o{start}-{end}-{_digest(indicator, unit)}"


def _entities(doc: Document) -> dict[str, Entity]:
    # The resolved entities, plus any entity a mention, relation or metric names that the
    # resolve step did not list, so that every IRI used has a type and a label.
    found: dict[str, Entity] = {e.iri: e for e in doc.entities.values()}
    made: set[str] = set()

    def see(m: Mention | None) -> None:
        if m is None:
            return
        iri = _entity_of(m)
        if iri not in found:
            found[iri] = Entity(iri=iri, type=m.type, label=m.label)
            made.add(iri)
        if iri in made:
            found[iri].aliases.add(m.text)

    for m in doc.mentions:
        see(m)
    for r in doc.relations:
        see(r.subject)
        see(r.object)
    for metric in doc.metrics:
        see(metric.subject)
    return found


def document_quads(doc: Document) -> str:
    """N-Quads of one article: its entities' types and labels in `ENTITY_GRAPH`, then everything
    else in the named graph whose IRI is the article IRI (see the module docstring).

    The output is deterministic: the same document gives the same text.
    Raises `kg.errors.ValidationError` when a mention type or relation predicate is not a term
    of the ontology.
    """
    t = _ckg()
    art = article_iri(doc.name, doc.sha256)
    a = _node(art)
    out = _Quads(a)
    add = out.add

    add(a, _TYPE, t[C.Article])
    add(a, t[P.fileName], _str(doc.name))
    add(a, t["sha256"], _str(doc.sha256))
    if doc.title:
        add(a, _NAME, _str(doc.title))

    for iri, entity in sorted(_entities(doc).items()):
        e = _iri(iri)
        out.entity(e, _TYPE, _class(entity.type))
        out.entity(e, _PREF_LABEL, f"{_str(entity.label)}@zh")
        add(e, _DERIVED, a)
        for alias in sorted(entity.aliases - {entity.label}):
            name = f"{_str(alias)}@zh"
            out.entity(e, _ALT_LABEL, name)
            add(e, t["alias"], name)

    sentences: dict[tuple[int, int], str] = {}

    def sentence(s: Sentence) -> str:
        key = (s.start, s.end)
        if key not in sentences:
            node = sentences[key] = _node(sentence_iri(art, s.start, s.end))
            raw_start, raw_end = doc.raw_span(s.start, s.end)
            add(node, t["text"], _str(s.text))
            add(node, t[P.inArticle], a)
            # The raw span, where reading the file moved the sentence or changed its length.
            if raw_start != s.start:
                add(node, t[P.rawStartOffset], _int(raw_start))
            if raw_end - raw_start != s.end - s.start:
                add(node, t[P.rawEndOffset], _int(raw_end))
        return sentences[key]

    def words(node: str, text: str, start: int, end: int, s: Sentence | None) -> None:
        # The words of a span, unless they are its sentence's at that span (the usual case).
        if (
            s is None
            or not s.start <= start <= end <= s.end
            or s.text[start - s.start : end - s.start] != text
        ):
            add(node, t["text"], _str(text))

    def span(node: str, start: int, end: int, s: Sentence | None) -> None:
        # The raw offsets of a span, unless they are its sentence's shifted alike (the usual case).
        raw_start, raw_end = doc.raw_span(start, end)
        if s is not None:
            shift = doc.raw_span(s.start, s.end)[0] - s.start
            if (raw_start, raw_end) == (start + shift, end + shift):
                return
        add(node, t[P.rawStartOffset], _int(raw_start))
        add(node, t[P.rawEndOffset], _int(raw_end))

    sentence_at = doc.sentence_at
    seen: set[str] = set()
    for m in doc.mentions:
        evidence = sentence_at(m.start)
        node_iri = mention_iri(art, m, evidence)
        if node_iri in seen:
            continue
        seen.add(node_iri)
        node = _node(node_iri)
        add(node, t[P.mentionOf], _iri(_entity_of(m)))
        if evidence is not None:
            add(node, t["evidence"], sentence(evidence))  # also its IRI's: a join, not a parse
        words(node, m.text, m.start, m.end, evidence)
        span(node, m.start, m.end, evidence)

    for r in doc.relations:
        p = _relation(r.predicate)
        s_iri, o_iri = _entity_of(r.subject), _entity_of(r.object)
        node_iri = assertion_iri(art, r.predicate, s_iri, o_iri, r.sentence)
        if node_iri in seen:
            continue
        seen.add(node_iri)
        s, o, node = _iri(s_iri), _iri(o_iri), _node(node_iri)
        out.entity(s, p, o)
        add(node, _SUBJECT, s)
        add(node, _PREDICATE, p)
        add(node, _OBJECT, o)
        add(node, t["evidence"], sentence(r.sentence))
        for prop, value in _provenance(r):
            add(node, t[prop], value)

    for metric in doc.metrics:
        value = _decimal(metric.value)
        node_iri = observation_iri(art, metric.start, metric.end, metric.indicator, metric.unit)
        if value is None or node_iri in seen:
            continue  # a NaN or infinite value is not an observation
        seen.add(node_iri)
        node = _node(node_iri)
        add(node, t["indicator"], _str(metric.indicator))
        add(node, t["value"], value)
        add(node, t["unit"], _str(metric.unit))
        if metric.year is not None:
            add(node, t["year"], _int(metric.year))
        if metric.qualifier:
            add(node, t["qualifier"], _str(metric.qualifier))
        if metric.subject is not None:
            add(node, t[P.observedSubject], _iri(_entity_of(metric.subject)))
        add(node, t["evidence"], sentence(metric.sentence))
        words(node, metric.text, metric.start, metric.end, metric.sentence)
        span(node, metric.start, metric.end, metric.sentence)

    return out.text()


def leading_pairs(doc: Document) -> list[tuple[str, str]]:
    """(firm, chain) of each ``leadsChain`` relation of the article, labelled as the entity
    graph labels them (what kg/graph/queries/leading_pairs.rq groups by).

    >>> from kg.reading.document import Document
    >>> leading_pairs(Document(name="a.txt", raw="", text="", offsets=[0]))
    []
    """
    found = [r for r in doc.relations if r.predicate == P.leadsChain]
    if not found:
        return []
    entities = _entities(doc)
    return [
        (entities[_entity_of(r.subject)].label, entities[_entity_of(r.object)].label) for r in found
    ]


def _provenance(r: Relation) -> list[tuple[str, str]]:
    """How an assertion was made, as (ckg property, N-Quads term) pairs: its rule, how a frame
    filled its slots, and its confidence when below 1 (an assertion without one has 1).

    >>> from kg.reading.document import Mention, Sentence
    >>> a, b = Mention("Enterprise", "甲", 0, 1), Mention("IndustryChain", "乙产业链", 2, 6)
    >>> s = Sentence(0, 7, "甲为乙产业链龙头")
    >>> r = Relation("leadsChain", a, b, s, rule="f", how="以X为T", confidence=0.68)
    >>> found = _provenance(r)
    >>> [(name, value.split("^^")[0]) for name, value in found]
    [('rule', '"f"'), ('how', '"以X为T"'), ('confidence', '"0.68"')]
    """
    found = []
    if r.rule:
        found.append(("rule", _str(r.rule)))
    if r.how:
        found.append(("how", _str(r.how)))
    if r.confidence < 1:
        confidence = _decimal(r.confidence)
        if confidence is not None:
            found.append(("confidence", confidence))
    return found


class _Quads:
    """N-Quads lines of one article: those of the entity graph first, then the article's."""

    def __init__(self, article: str) -> None:
        self._entities: list[str] = []
        self._lines: list[str] = []
        ending, entity_ending = f" {article} .\n", f" {_node(ENTITY_GRAPH)} .\n"
        append, append_entity = self._lines.append, self._entities.append

        # closures, not methods: called for every quad of every article
        def add(s: str, p: str, o: str) -> None:
            """A triple of the article graph."""
            append(f"{s} {p} {o}{ending}")

        def entity(s: str, p: str, o: str) -> None:
            """A triple of the entity graph."""
            append_entity(f"{s} {p} {o}{entity_ending}")

        self.add, self.entity = add, entity

    def text(self) -> str:
        return "".join(self._entities) + "".join(self._lines)


def document_graph(doc: Document | Iterable[Document]) -> Dataset:
    """An in-memory rdflib Dataset of one or more documents (union default graph), for small uses.

    >>> from kg.reading.document import Document
    >>> len(document_graph(Document(name="a.txt", raw="甲", text="甲", offsets=[0, 1])))
    3
    """
    docs = [doc] if isinstance(doc, Document) else list(doc)
    ds = Dataset(default_union=True)
    for prefix, iri in PREFIXES.items():
        ds.bind(prefix, iri)
    for d in docs:
        quads = ox.parse(document_quads(d), format=ox.RdfFormat.N_QUADS)
        ds.addN(
            (
                to_rdflib(q.subject),
                to_rdflib(q.predicate),
                to_rdflib(q.object),
                ds.graph(to_rdflib(q.graph_name)),
            )
            for q in quads
        )
    return ds


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Identifier:
    """The rdflib term for a pyoxigraph term.

    >>> to_rdflib(ox.Literal("昭通", language="zh"))
    rdflib.term.Literal('昭通', lang='zh')
    """
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD + "string":
            return Literal(term.value)  # rdflib tells "x" from "x"^^xsd:string; RDF 1.1 does not
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"cannot convert {term!r} to rdflib")


def to_oxigraph(term: Identifier) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The pyoxigraph term for an rdflib term.

    >>> to_oxigraph(URIRef("https://w3id.org/chainkg/ontology#leadsChain")).value
    'https://w3id.org/chainkg/ontology#leadsChain'
    """
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        datatype = ox.NamedNode(str(term.datatype)) if term.datatype else None
        return ox.Literal(str(term), datatype=datatype)
    raise TypeError(f"cannot convert {term!r} to pyoxigraph")
