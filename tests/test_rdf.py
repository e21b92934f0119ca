"""kg.rdf: one article -> N-Quads in its named graph, with evidence and offsets."""

from __future__ import annotations

import time

import pyoxigraph as ox
import pytest
from rdflib import RDF, SKOS, Dataset, Literal, URIRef
from rdflib.namespace import PROV

from kg.document import Document, Entity, Mention, Metric, Relation, Sentence
from kg.errors import ValidationError
from kg.iris import article_iri, entity_iri, sentence_iri
from kg.ontology import CKG
from kg.rdf import document_graph, document_quads

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


def test_all_quads_are_in_the_article_graph():
    doc = sample_document()
    quads = list(ox.parse(document_quads(doc), format=ox.RdfFormat.N_QUADS))
    assert {q.graph_name.value for q in quads} == {str(_article(doc))}


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


def test_aliases_are_alt_labels():
    g = _graph(sample_document())
    e = URIRef(entity_iri("Enterprise", "云铝海鑫"))
    assert (e, SKOS.altLabel, Literal("云南云铝海鑫铝业有限公司", lang="zh")) in g


@pytest.mark.parametrize(("predicate", "s", "o"), RELATIONS)
def test_relation_is_a_triple_and_an_assertion_with_evidence(predicate, s, o):
    doc = sample_document()
    g = _graph(doc)
    subject, object_ = doc.mentions[s], doc.mentions[o]
    si, oi = URIRef(subject.iri), URIRef(object_.iri)
    assert (si, CKG[predicate], oi) in g
    [assertion] = [
        a
        for a in g.subjects(RDF.subject, si)
        if (a, RDF.predicate, CKG[predicate]) in g and (a, RDF.object, oi) in g
    ]
    assert (assertion, RDF.type, CKG.Assertion) in g
    assert (assertion, PROV.wasDerivedFrom, _article(doc)) in g
    sentence = g.value(assertion, CKG.evidence)
    assert str(g.value(sentence, CKG.text)) == doc.sentence_at(subject.start).text
    assert g.value(sentence, CKG.inArticle) == _article(doc)


def test_evidence_sentence_offsets_point_into_both_texts():
    doc = sample_document()
    g = _graph(doc)
    sent = doc.sentences[2]
    node = URIRef(sentence_iri(str(_article(doc)), sent.start, sent.end))
    assert (node, RDF.type, CKG.Sentence) in g
    start, end = (g.value(node, CKG[p]).toPython() for p in ("startOffset", "endOffset"))
    raw_start, raw_end = (
        g.value(node, CKG[p]).toPython() for p in ("rawStartOffset", "rawEndOffset")
    )
    assert doc.text[start:end] == doc.raw[raw_start:raw_end] == sent.text
    assert raw_start == start + 2


def test_mentions_point_to_their_entity_and_sentence():
    doc = sample_document()
    g = _graph(doc)
    mentions = set(g.subjects(RDF.type, CKG.Mention))
    assert len(mentions) == len(MENTIONS)
    for node in mentions:
        entity = g.value(node, CKG.mentionOf)
        text = str(g.value(node, CKG.text))
        start = g.value(node, CKG.startOffset).toPython()
        raw_start = g.value(node, CKG.rawStartOffset).toPython()
        assert doc.text[start : start + len(text)] == text
        assert doc.raw[raw_start : raw_start + len(text)] == text
        assert (entity, SKOS.prefLabel, Literal(text, lang="zh")) in g
        assert (g.value(node, CKG.evidence), RDF.type, CKG.Sentence) in g


def test_metric_observation():
    doc = sample_document()
    g = _graph(doc)
    [obs] = g.subjects(RDF.type, CKG.MetricObservation)
    assert g.value(obs, CKG.indicator) == Literal("产值")
    assert g.value(obs, CKG.value) == Literal("110.0", datatype=DECIMAL)
    assert g.value(obs, CKG.unit) == Literal("亿元")
    assert g.value(obs, CKG.year) == Literal(2022)
    assert g.value(obs, CKG.observedSubject) == URIRef(entity_iri("Enterprise", "云铝海鑫"))
    assert str(g.value(g.value(obs, CKG.evidence), CKG.text)) == doc.sentences[3].text


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
    [obs] = _graph(doc).subjects(RDF.type, CKG.MetricObservation)
    assert _graph(doc).value(obs, CKG.value) == Literal(lexical, datatype=DECIMAL)


@pytest.mark.parametrize("value", [float("nan"), float("inf")])
def test_a_metric_without_a_finite_value_is_left_out(value):
    doc = sample_document()
    doc.metrics[0].value = value
    assert not list(_graph(doc).subjects(RDF.type, CKG.MetricObservation))


def test_optional_metric_fields_are_omitted():
    doc = sample_document()
    doc.metrics[0].year = None
    doc.metrics[0].subject = None
    g = _graph(doc)
    [obs] = g.subjects(RDF.type, CKG.MetricObservation)
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
    assert len(set(g.subjects(RDF.type, CKG.Mention))) == len(MENTIONS)
    assert not list(g.subjects(CKG.evidence, None))


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
    assert names == {_article(sample_document("a.txt")), _article(sample_document("b.txt"))}


def _long_document(n: int) -> Document:
    doc = Document(name="long.txt", raw="", text="", offsets=[0])
    parts, pos = [], 0
    for k in range(n):
        firm, chain = f"企业{k}有限公司", f"产业{k % 7}产业链"
        s = f"{firm}是{chain}的龙头企业，实现产值{k}亿元。"
        sent = Sentence(pos, pos + len(s), s)
        m1 = Mention("Enterprise", firm, pos, pos + len(firm))
        c = pos + s.index(chain)
        m2 = Mention("IndustryChain", chain, c, c + len(chain))
        v = pos + s.index("产值")
        doc.sentences.append(sent)
        doc.mentions += [m1, m2]
        doc.relations.append(Relation("leadsChain", m1, m2, sent))
        doc.metrics.append(Metric("产值", float(k), "亿元", 2022, s[v : v + 6], v, v + 6, sent, m1))
        doc.entities[entity_iri("Enterprise", firm)] = Entity(
            entity_iri("Enterprise", firm), "Enterprise", firm
        )
        parts.append(s)
        pos += len(s)
    doc.text = doc.raw = "".join(parts)
    doc.offsets = list(range(len(doc.text) + 1))
    return doc


def test_throughput_is_at_least_50k_quads_per_second():
    doc = _long_document(2000)
    started = time.perf_counter()
    n = document_quads(doc).count("\n")
    assert n / (time.perf_counter() - started) > 50_000
