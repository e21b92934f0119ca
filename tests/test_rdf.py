"""kg.graph.rdf: one article -> N-Quads in its named graph and the entity graph, with evidence and
offsets (a node's span in its IRI; words and raw offsets stated only where they cannot be read
off its sentence)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import RDF, SKOS, Dataset, Literal, URIRef
from rdflib.namespace import PROV

from kg.errors import ValidationError
from kg.graph.rdf import ENTITY_GRAPH, document_graph, document_quads, mention_iri, observation_iri
from kg.iris import article_iri, entity_iri, sentence_iri
from kg.ontology import CKG
from kg.reading.document import Document

from .samples import MENTIONS, RELATIONS, sample_document

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")

DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")


def _graph(doc: Document) -> Dataset:
    ds = Dataset(default_union=True)
    ds.parse(data=document_quads(doc), format="nquads")
    return ds


def _article(doc: Document) -> URIRef:
    return URIRef(article_iri(doc.name, doc.sha256))


def test_quads_parse_with_rdflib_and_oxigraph():
    text = document_quads(sample_document())
    n = text.count("\n")
    assert len(list(ox.parse(text, format=ox.RdfFormat.N_QUADS))) == n
    assert len(_graph(sample_document())) == n


def test_quads_are_in_the_article_graph_or_the_entity_graph():
    doc = sample_document()
    quads = list(ox.parse(document_quads(doc), format=ox.RdfFormat.N_QUADS))
    assert {q.graph_name.value for q in quads} == {str(_article(doc)), ENTITY_GRAPH}
    shared = {q.predicate.value for q in quads if q.graph_name.value == ENTITY_GRAPH}
    relations = {str(CKG[p]) for p, _, _ in RELATIONS}
    assert shared == {str(RDF.type), str(SKOS.prefLabel), str(SKOS.altLabel), *relations}


def test_no_record_is_typed():
    # Sentences, mentions, assertions and observations are known by their properties (the
    # ontology's domains): only entities and the article have an rdf:type.
    g = _graph(sample_document())
    typed = {str(o) for o in g.objects(None, RDF.type)}
    assert not typed & {str(CKG[c]) for c in ("Sentence", "Mention", "Assertion")}
    assert str(CKG.MetricObservation) not in typed


def test_output_is_deterministic():
    assert document_quads(sample_document()) == document_quads(sample_document())


def test_article_node():
    doc = sample_document()
    g, a = _graph(doc), _article(doc)
    assert (a, RDF.type, CKG.Article) in g
    assert (a, CKG.fileName, Literal(doc.name)) in g
    assert (a, CKG.sha256, Literal(doc.sha256)) in g
    assert (a, URIRef("https://schema.org/name"), Literal(doc.title)) in g


@pytest.mark.parametrize(("cls", "label"), [(c, t) for c, t, _ in MENTIONS])
def test_entities_have_type_label_and_source(cls, label):
    doc = sample_document()
    g, e = _graph(doc), URIRef(entity_iri(cls, label))
    assert (e, RDF.type, CKG[cls]) in g
    assert list(g.objects(e, SKOS.prefLabel)) == [Literal(label, lang="zh")]
    assert (e, PROV.wasDerivedFrom, _article(doc)) in g


def test_aliases_are_alt_labels_and_the_article_says_it_uses_them():
    doc = sample_document()
    ds = Dataset()
    ds.parse(data=document_quads(doc), format="nquads")
    e = URIRef(entity_iri("Enterprise", "云铝海鑫"))
    name = Literal("云南云铝海鑫铝业有限公司", lang="zh")
    assert (e, SKOS.altLabel, name) in ds.graph(URIRef(ENTITY_GRAPH))
    assert (e, CKG.alias, name) in ds.graph(_article(doc))


@pytest.mark.parametrize(("predicate", "s", "o"), RELATIONS)
def test_relation_is_a_triple_and_an_assertion_with_evidence(predicate, s, o):
    doc = sample_document()
    g = _graph(doc)
    subject, object_ = doc.mentions[s], doc.mentions[o]
    si, oi = URIRef(subject.iri), URIRef(object_.iri)
    assert (si, CKG[predicate], oi) in g.graph(URIRef(ENTITY_GRAPH))
    [assertion] = [
        a
        for a in g.subjects(RDF.subject, si)
        if (a, RDF.predicate, CKG[predicate]) in g and (a, RDF.object, oi) in g
    ]
    assert g.value(assertion, CKG.rule) == Literal("hand")
    sentence = g.value(assertion, CKG.evidence)
    assert str(g.value(sentence, CKG.text)) == doc.sentence_at(subject.start).text
    assert g.value(sentence, CKG.inArticle) == _article(doc)


def test_evidence_sentence_offsets_point_into_both_texts():
    # The sample's original text has two characters more at its start: every raw start is
    # stated; the lengths are the same, so no raw end is.
    doc = sample_document()
    g = _graph(doc)
    sent = doc.sentences[2]
    node = URIRef(sentence_iri(str(_article(doc)), sent.start, sent.end))  # the span, in the IRI
    raw_start = g.value(node, CKG.rawStartOffset).toPython()
    assert raw_start == sent.start + 2
    assert g.value(node, CKG.rawEndOffset) is None  # the raw start plus the length
    raw_end = raw_start + sent.end - sent.start
    assert doc.raw[raw_start:raw_end] == str(g.value(node, CKG.text)) == sent.text
    assert g.value(node, CKG.startOffset) is None  # read off the IRI


def test_a_sentence_that_reading_did_not_move_states_no_raw_offsets():
    doc = sample_document()
    doc.raw, doc.offsets = doc.text, list(range(len(doc.text) + 1))
    g = _graph(doc)
    assert not list(g.subjects(CKG.rawStartOffset, None))
    assert not list(g.subjects(CKG.rawEndOffset, None))


def test_mentions_point_to_their_entity_and_sentence():
    doc = sample_document()
    g = _graph(doc)
    art = str(_article(doc))
    mentions = set(g.subjects(CKG.mentionOf, None))
    assert mentions == {URIRef(mention_iri(art, m, doc.sentence_at(m.start))) for m in doc.mentions}
    for m in doc.mentions:
        node = URIRef(mention_iri(art, m, doc.sentence_at(m.start)))
        assert (g.value(node, CKG.mentionOf), SKOS.prefLabel, Literal(m.text, lang="zh")) in g
        sentence = g.value(node, CKG.evidence)
        assert sentence == URIRef(str(node).split("#")[0])  # its IRI is a part of the sentence's
        assert str(g.value(sentence, CKG.text)) == doc.sentence_at(m.start).text
        # the words and raw offsets are the sentence's at the span: not stated again
        assert g.value(node, CKG.text) is None
        assert g.value(node, CKG.rawStartOffset) is None


def test_raw_offsets_are_stated_where_the_sentence_does_not_give_them():
    # One character inside the second mention's sentence stood for two in the original file
    # (a rejoined line break): from there on, raw offsets are not the sentence's shifted.
    doc = sample_document()
    m = doc.mentions[3]  # 冯怀玉, in the second sentence
    doc.offsets = [o + (1 if i > m.start else 0) for i, o in enumerate(doc.offsets)]
    g = _graph(doc)
    node = URIRef(mention_iri(str(_article(doc)), m, doc.sentence_at(m.start)))
    stated = [g.value(node, CKG[p]).toPython() for p in ("rawStartOffset", "rawEndOffset")]
    assert stated == list(doc.raw_span(m.start, m.end))
    first = doc.mentions[0]
    node = URIRef(mention_iri(str(_article(doc)), first, doc.sentence_at(first.start)))
    assert g.value(node, CKG.rawStartOffset) is None


def test_words_that_are_not_the_sentence_s_own_are_stated():
    doc = sample_document()
    doc.metrics[0].text = "产值达110亿元"  # not the text at its span
    g = _graph(doc)
    [obs] = g.subjects(CKG.indicator, None)
    assert g.value(obs, CKG.text) == Literal("产值达110亿元")


def test_metric_observation():
    doc = sample_document()
    g = _graph(doc)
    [obs] = g.subjects(CKG.indicator, None)
    metric = doc.metrics[0]
    assert obs == URIRef(
        observation_iri(str(_article(doc)), metric.start, metric.end, "产值", "亿元")
    )
    assert g.value(obs, CKG.indicator) == Literal("产值")
    assert g.value(obs, CKG.value) == Literal("110.0", datatype=DECIMAL)
    assert g.value(obs, CKG.unit) == Literal("亿元")
    assert g.value(obs, CKG.year) == Literal(2022)
    assert g.value(obs, CKG.observedSubject) == URIRef(entity_iri("Enterprise", "云铝海鑫"))
    assert str(g.value(g.value(obs, CKG.evidence), CKG.text)) == doc.sentences[3].text
    assert g.value(obs, CKG.text) is None  # the sentence's words at its span


@pytest.mark.parametrize(
    ("value", "lexical"),
    [
        (110.0, "110.0"),
        (0.1, "0.1"),
        (1e-7, "0.0000001"),
        (2.5e12, "2500000000000.0"),
        (-3, "-3.0"),
    ],
)
def test_metric_values_are_plain_decimals(value, lexical):
    doc = sample_document()
    doc.metrics[0].value = value
    [obs] = _graph(doc).subjects(CKG.indicator, None)
    assert _graph(doc).value(obs, CKG.value) == Literal(lexical, datatype=DECIMAL)


@pytest.mark.parametrize("value", [float("nan"), float("inf")])
def test_a_metric_without_a_finite_value_is_left_out(value):
    doc = sample_document()
    doc.metrics[0].value = value
    assert not list(_graph(doc).subjects(CKG.indicator, None))


def test_optional_metric_fields_are_omitted():
    doc = sample_document()
    doc.metrics[0].year = None
    doc.metrics[0].subject = None
    g = _graph(doc)
    [obs] = g.subjects(CKG.indicator, None)
    assert g.value(obs, CKG.year) is None
    assert g.value(obs, CKG.observedSubject) is None
    assert g.value(obs, CKG.qualifier) is None


@pytest.mark.parametrize(
    "title",
    ['引号"与\\反斜杠', "换行\n回车\r制表\t", "控制\x01字符\x7f", "《关于推行“链长制”的方案》"],
)
def test_literals_are_escaped(title):
    doc = sample_document()
    doc.title = title
    g = _graph(doc)
    assert g.value(_article(doc), URIRef("https://schema.org/name")) == Literal(title)


@pytest.mark.parametrize("iri", ["https://w3id.org/chainkg/id/x/a b", "https://w3id.org/x/<a>{|}"])
def test_unsafe_iri_characters_are_percent_encoded(iri):
    doc = sample_document()
    doc.mentions[0].iri = iri
    text = document_quads(doc)
    assert len(list(ox.parse(text, format=ox.RdfFormat.N_QUADS))) == text.count("\n")


def test_entities_missing_from_doc_entities_are_still_typed_and_labelled():
    doc = sample_document()
    doc.entities.clear()
    for m in doc.mentions:
        m.iri = ""
    g = _graph(doc)
    e = URIRef(entity_iri("IndustrialPark", "昭通经济技术开发区"))
    assert (e, RDF.type, CKG.IndustrialPark) in g
    assert (e, SKOS.prefLabel, Literal("昭通经济技术开发区", lang="zh")) in g


def test_a_mention_outside_every_sentence_has_no_evidence():
    doc = sample_document()
    doc.sentences.clear()
    doc.relations.clear()
    doc.metrics.clear()
    g = _graph(doc)
    mentions = set(g.subjects(CKG.mentionOf, None))
    assert len(mentions) == len(MENTIONS)
    assert not list(g.subjects(CKG.evidence, None))
    for node in mentions:  # no sentence to read them off: the words and raw offsets are stated
        assert g.value(node, CKG.text) is not None
        assert g.value(node, CKG.rawStartOffset) is not None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda doc: setattr(doc.relations[0], "predicate", "leadChain"), "not a relation"),
        (lambda doc: setattr(doc.relations[0], "predicate", "evidence"), "not a relation"),
        (lambda doc: setattr(doc.mentions[0], "type", "City"), "not an entity class"),
        (lambda doc: setattr(doc.mentions[0], "type", "Sentence"), "not an entity class"),
    ],
)
def test_terms_outside_the_ontology_are_refused(change, message):
    doc = sample_document()
    doc.entities.clear()
    change(doc)
    with pytest.raises(ValidationError, match=message):
        document_quads(doc)


def test_document_graph_holds_one_named_graph_per_document():
    ds = document_graph([sample_document("a.txt"), sample_document("b.txt")])
    names = {g.identifier for g in ds.graphs() if len(g)}
    articles = {_article(sample_document("a.txt")), _article(sample_document("b.txt"))}
    assert names == {*articles, URIRef(ENTITY_GRAPH)}
