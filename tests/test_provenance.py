"""kg/graph/queries/provenance.rq: the sentence and offsets behind any fact, read off the compact
store (spans in IRIs, words and raw offsets from the sentence unless stated), equal to what
the extractor found, on both query engines."""

from __future__ import annotations

import pytest
from rdflib import URIRef

from kg.extraction.resolve import entity_iri
from kg.graph.query import run_named
from kg.graph.rdf import assertion_iri, document_graph, mention_iri, observation_iri
from kg.graph.store import build_store, open_store
from kg.iris import article_iri, sentence_iri

from .samples import sample_document

COLUMNS = [
    "kind",
    "text",
    "start",
    "end",
    "raw_start",
    "raw_end",
    "sentence",
    "sentence_start",
    "sentence_end",
    "sentence_raw_start",
    "sentence_raw_end",
    "article",
    "file",
    "rule",
    "how",
    "confidence",
    "fact",
]


def _expected(doc):
    """(fact IRI, row without the fact) for every mention, metric and relation of `doc`."""
    art = article_iri(doc.name, doc.sha256)

    def row(kind, text, start, end, s, found=(None, None, None)):
        return (
            kind,
            text,
            start,
            end,
            *doc.raw_span(start, end),
            s.text,
            s.start,
            s.end,
            *doc.raw_span(s.start, s.end),
            art,
            doc.name,
            *found,
        )

    for m in doc.mentions:
        s = doc.sentence_at(m.start)
        if s is not None:
            yield mention_iri(art, m, s), row("mention", m.text, m.start, m.end, s)
    for x in doc.metrics:
        if x.value == x.value and abs(x.value) != float("inf"):
            iri = observation_iri(art, x.start, x.end, x.indicator, x.unit)
            yield iri, row("metric", x.text, x.start, x.end, x.sentence)
    for r in doc.relations:
        s_iri = r.subject.iri or entity_iri(r.subject.type, r.subject.label)
        o_iri = r.object.iri or entity_iri(r.object.type, r.object.label)
        iri = assertion_iri(art, r.predicate, s_iri, o_iri, r.sentence)
        s = r.sentence
        found = (r.rule or None, r.how or None, round(r.confidence, 2))
        yield iri, row("assertion", s.text, s.start, s.end, s, found)
    for s in [x.sentence for x in doc.metrics][:3]:  # evidence sentences are in the store
        yield sentence_iri(art, s.start, s.end), row("sentence", s.text, s.start, s.end, s)


def _check(graph, docs):
    checked = 0
    for doc in docs:
        expected: dict[str, tuple] = {}
        for fact, want in _expected(doc):
            expected.setdefault(fact, want)  # one assertion per IRI: the first made
        for fact, want in expected.items():
            columns, rows = run_named(graph, "provenance", bindings={"fact": URIRef(fact)})
            assert columns == COLUMNS
            got = [(*r[:-2], None if r[-2] is None else float(r[-2])) for r in rows]
            assert got == [want], fact
            checked += 1
    return checked


@pytest.fixture(scope="module")
def shifted():
    """The sample article with one character standing for two in the original file: from there
    on, raw offsets are not their sentence's shifted alike and are stated."""
    doc = sample_document("shifted.txt")
    at = doc.mentions[3].start + 1
    doc.raw = doc.raw[: at + 2] + "\n" + doc.raw[at + 2 :]
    doc.offsets = [o + (1 if i > at else 0) for i, o in enumerate(doc.offsets)]
    return doc


def test_on_an_in_memory_graph(shifted):
    # rdflib's engine (slower): the small articles
    assert _check(document_graph(shifted), [shifted]) >= 15


def test_on_the_store(seed_docs, shifted, tmp_path):
    docs = [*seed_docs, shifted, sample_document()]
    build_store(docs, tmp_path / "store")
    assert _check(open_store(tmp_path / "store"), docs) > 300


def test_on_the_development_articles(dev_docs, tmp_path):
    build_store(dev_docs, tmp_path / "store")
    assert _check(open_store(tmp_path / "store"), dev_docs) > 100
