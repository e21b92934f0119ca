"""A Document's facts as RDF: N-Quads in one named graph per article, with provenance.

The model, all in the graph named by the article IRI:

- the article: ``a ckg:Article``, ``schema:name`` (title), ``ckg:fileName``, ``ckg:sha256``;
- each entity: ``a ckg:<Class>``, ``skos:prefLabel``/``skos:altLabel`` @zh,
  ``prov:wasDerivedFrom`` the article;
- each relation twice: the plain triple ``<subject> ckg:<predicate> <object>`` and a
  ``ckg:Assertion`` (``rdf:subject``/``rdf:predicate``/``rdf:object``) with ``ckg:evidence``;
- each mention: ``a ckg:Mention``, ``ckg:mentionOf`` its entity, text and offsets, evidence;
- each metric: ``a ckg:MetricObservation`` with indicator, value, unit, year, evidence;
- each evidence sentence: ``a ckg:Sentence``, ``ckg:text``, offsets, ``ckg:inArticle``.

>>> from kg.document import Document, Mention, Sentence
>>> doc = Document(name="a.txt", raw="昭通市。", text="昭通市。", offsets=[0, 1, 2, 3, 4])
>>> doc.sentences = [Sentence(0, 4, "昭通市。")]
>>> doc.mentions = [Mention("Region", "昭通市", 0, 3)]
>>> len(document_quads(doc).splitlines())  # article 3, entity 3, mention 9, sentence 7
22
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable
from decimal import Decimal
from functools import cache

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.term import Identifier

from kg import ontology
from kg.document import Document, Entity, Mention, Sentence
from kg.errors import ValidationError
from kg.iris import article_iri, entity_iri, sentence_iri
from kg.ontology import PREFIXES

__all__ = [
    "document_quads",
    "document_graph",
    "mention_iri",
    "assertion_iri",
    "observation_iri",
    "to_rdflib",
    "to_oxigraph",
]

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


def _iri(value: str) -> str:
    if _BAD_IRI.search(value):
        value = _BAD_IRI.sub(lambda m: "".join(f"%{b:02X}" for b in m.group(0).encode()), value)
    return f"<{value}>"


def _str(text: str) -> str:
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


def mention_iri(article: str, mention: Mention) -> str:
    """IRI of a mention: the article IRI plus its span and class.

    >>> mention_iri("https://w3id.org/chainkg/article/a-1", Mention("Region", "云南", 0, 2))
    'https://w3id.org/chainkg/article/a-1/m0-2-region'
    """
    return f"{article}/m{mention.start}-{mention.end}-{mention.type.lower()}"


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
    """N-Quads of one article, all in the named graph whose IRI is the article IRI.

    The output is deterministic: the same document gives the same text.
    Raises `kg.errors.ValidationError` when a mention type or relation predicate is not a term
    of the ontology.
    """
    t = _ckg()
    art = article_iri(doc.name, doc.sha256)
    g = _iri(art)
    a = g
    out: list[str] = []
    add = out.append

    add(f"{a} {_TYPE} {t['Article']} {g} .\n")
    add(f"{a} {t['fileName']} {_str(doc.name)} {g} .\n")
    add(f"{a} {t['sha256']} {_str(doc.sha256)} {g} .\n")
    if doc.title:
        add(f"{a} {_NAME} {_str(doc.title)} {g} .\n")

    sentences: dict[tuple[int, int], str] = {}

    def sentence(s: Sentence | None) -> str | None:
        if s is None:
            return None
        key = (s.start, s.end)
        if key not in sentences:
            node = _iri(sentence_iri(art, s.start, s.end))
            sentences[key] = node
            raw_start, raw_end = doc.raw_span(s.start, s.end)
            add(f"{node} {_TYPE} {t['Sentence']} {g} .\n")
            add(f"{node} {t['text']} {_str(s.text)} {g} .\n")
            add(f"{node} {t['startOffset']} {_int(s.start)} {g} .\n")
            add(f"{node} {t['endOffset']} {_int(s.end)} {g} .\n")
            add(f"{node} {t['rawStartOffset']} {_int(raw_start)} {g} .\n")
            add(f"{node} {t['rawEndOffset']} {_int(raw_end)} {g} .\n")
            add(f"{node} {t['inArticle']} {a} {g} .\n")
        return sentences[key]

    for iri, entity in sorted(_entities(doc).items()):
        e = _iri(iri)
        add(f"{e} {_TYPE} {_class(entity.type)} {g} .\n")
        add(f"{e} {_PREF_LABEL} {_str(entity.label)}@zh {g} .\n")
        for alias in sorted(entity.aliases - {entity.label}):
            add(f"{e} {_ALT_LABEL} {_str(alias)}@zh {g} .\n")
        add(f"{e} {_DERIVED} {a} {g} .\n")

    sentence_at = doc.sentence_at
    seen: set[str] = set()
    for m in doc.mentions:
        node_iri = mention_iri(art, m)
        if node_iri in seen:
            continue
        seen.add(node_iri)
        node = _iri(node_iri)
        raw_start, raw_end = doc.raw_span(m.start, m.end)
        add(f"{node} {_TYPE} {t['Mention']} {g} .\n")
        add(f"{node} {t['mentionOf']} {_iri(_entity_of(m))} {g} .\n")
        add(f"{node} {t['text']} {_str(m.text)} {g} .\n")
        add(f"{node} {t['startOffset']} {_int(m.start)} {g} .\n")
        add(f"{node} {t['endOffset']} {_int(m.end)} {g} .\n")
        add(f"{node} {t['rawStartOffset']} {_int(raw_start)} {g} .\n")
        add(f"{node} {t['rawEndOffset']} {_int(raw_end)} {g} .\n")
        if m.rule:
            add(f"{node} {t['rule']} {_str(m.rule)} {g} .\n")
        add(f"{node} {_DERIVED} {a} {g} .\n")
        evidence = sentence(sentence_at(m.start))
        if evidence:
            add(f"{node} {t['evidence']} {evidence} {g} .\n")

    for r in doc.relations:
        p = _relation(r.predicate)
        s_iri, o_iri = _entity_of(r.subject), _entity_of(r.object)
        node_iri = assertion_iri(art, r.predicate, s_iri, o_iri, r.sentence)
        if node_iri in seen:
            continue
        seen.add(node_iri)
        s, o, node = _iri(s_iri), _iri(o_iri), _iri(node_iri)
        add(f"{s} {p} {o} {g} .\n")
        add(f"{node} {_TYPE} {t['Assertion']} {g} .\n")
        add(f"{node} {_SUBJECT} {s} {g} .\n")
        add(f"{node} {_PREDICATE} {p} {g} .\n")
        add(f"{node} {_OBJECT} {o} {g} .\n")
        add(f"{node} {t['evidence']} {sentence(r.sentence)} {g} .\n")
        if r.rule:
            add(f"{node} {t['rule']} {_str(r.rule)} {g} .\n")
        add(f"{node} {_DERIVED} {a} {g} .\n")

    for metric in doc.metrics:
        value = _decimal(metric.value)
        node_iri = observation_iri(art, metric.start, metric.end, metric.indicator, metric.unit)
        if value is None or node_iri in seen:
            continue  # a NaN or infinite value is not an observation
        seen.add(node_iri)
        node = _iri(node_iri)
        raw_start, raw_end = doc.raw_span(metric.start, metric.end)
        add(f"{node} {_TYPE} {t['MetricObservation']} {g} .\n")
        add(f"{node} {t['indicator']} {_str(metric.indicator)} {g} .\n")
        add(f"{node} {t['value']} {value} {g} .\n")
        add(f"{node} {t['unit']} {_str(metric.unit)} {g} .\n")
        if metric.year is not None:
            add(f"{node} {t['year']} {_int(metric.year)} {g} .\n")
        if metric.qualifier:
            add(f"{node} {t['qualifier']} {_str(metric.qualifier)} {g} .\n")
        if metric.subject is not None:
            add(f"{node} {t['observedSubject']} {_iri(_entity_of(metric.subject))} {g} .\n")
        add(f"{node} {t['text']} {_str(metric.text)} {g} .\n")
        add(f"{node} {t['startOffset']} {_int(metric.start)} {g} .\n")
        add(f"{node} {t['endOffset']} {_int(metric.end)} {g} .\n")
        add(f"{node} {t['rawStartOffset']} {_int(raw_start)} {g} .\n")
        add(f"{node} {t['rawEndOffset']} {_int(raw_end)} {g} .\n")
        add(f"{node} {t['evidence']} {sentence(metric.sentence)} {g} .\n")
        add(f"{node} {_DERIVED} {a} {g} .\n")

    return "".join(out)


def document_graph(doc: Document | Iterable[Document]) -> Dataset:
    """An in-memory rdflib Dataset of one or more documents (union default graph), for small uses.

    >>> from kg.document import Document
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
