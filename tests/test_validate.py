"""kg.graph.validate: the SHACL shapes accept the built graph and reject each kind of mistake."""

from __future__ import annotations

from collections.abc import Callable

import pyshacl
import pytest
from rdflib import RDF, SH, SKOS, Graph, Literal, URIRef
from rdflib.collection import Collection

from kg.errors import ValidationError
from kg.graph.rdf import document_graph
from kg.graph.store import build_store
from kg.graph.validate import check, shapes_graph, union_graph, validate
from kg.iris import entity_iri
from kg.ontology import CKG, ontology_graph, relations
from kg.reading.document import Document, Relation

from .samples import sample_document

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")


PARK = URIRef(entity_iri("IndustrialPark", "昭通经济技术开发区"))


def _relation(predicate: str, subject: int, object_: int) -> Callable[[Document], None]:
    def change(doc: Document) -> None:
        s, o = doc.mentions[subject], doc.mentions[object_]
        doc.relations.append(Relation(predicate, s, o, doc.sentence_at(s.start)))

    return change


def test_the_sample_graph_conforms():
    conforms, report = validate(document_graph(sample_document()))
    assert conforms, report


def test_a_built_store_conforms(tmp_path):
    build_store([sample_document("a.txt"), sample_document("b.txt")], tmp_path / "store")
    conforms, report = validate(tmp_path / "store")
    assert conforms, report


# Each case: a wrong fact, as the extractor could produce it, and a phrase of the report.
WRONG_DOCUMENTS = [
    (_relation("leadsChain", 5, 8), "object of ckg:leadsChain must be a ckg:IndustryChain"),
    (_relation("leadsChain", 0, 2), "subject of ckg:leadsChain must be a ckg:Enterprise"),
    (_relation("chainLeaderOf", 0, 2), "subject of ckg:chainLeaderOf must be a ckg:Person"),
    (_relation("chainLeaderOf", 3, 5), "object of ckg:chainLeaderOf"),
    (_relation("locatedIn", 5, 2), "object of ckg:locatedIn"),
    (_relation("locatedIn", 2, 0), "subject of ckg:locatedIn"),
    (_relation("hasLeadingEnterprise", 5, 2), "subject of ckg:hasLeadingEnterprise"),
    (_relation("partOfCluster", 2, 4), "object of ckg:partOfCluster"),
    (_relation("developedBy", 5, 8), "subject of ckg:developedBy"),
    (_relation("inChain", 0, 2), "subject of ckg:inChain"),
    (_relation("issuedBy", 2, 0), "subject of ckg:issuedBy"),
    (_relation("signedWith", 0, 2), "object of ckg:signedWith"),
    (_relation("leadingEnterpriseIn", 0, 7), "subject of ckg:leadingEnterpriseIn"),
    (_relation("leadingEnterpriseIn", 5, 8), "object of ckg:leadingEnterpriseIn"),
]


@pytest.mark.parametrize(("change", "message"), WRONG_DOCUMENTS)
def test_a_relation_between_wrong_types_fails(change, message):
    doc = sample_document()
    change(doc)
    conforms, report = validate(document_graph(doc))
    assert not conforms
    assert message in report


@pytest.mark.parametrize(
    "change",
    [
        _relation("chainLeaderOf", 1, 4),  # a role leads a chain: 由市级领导担任…链长
        _relation("locatedIn", 0, 7),  # a region in a park is allowed by the model
        _relation("inChain", 5, 4),
        _relation("signedWith", 0, 5),
        _relation("leadingEnterpriseIn", 5, 0),  # a firm called a leading firm of a place
        _relation("leadingEnterpriseIn", 5, 7),  # or of a park
    ],
)
def test_relations_between_allowed_types_pass(change):
    doc = sample_document()
    change(doc)
    conforms, report = validate(document_graph(doc))
    assert conforms, report


def test_an_assertion_may_state_every_relation_and_nothing_else():
    shapes = shapes_graph()
    lists = [
        o
        for prop in shapes.objects(None, SH.property)
        if (prop, SH.path, RDF.predicate) in shapes
        for o in shapes.objects(prop, SH["in"])
    ]
    assert len(lists) == 1
    allowed = {str(term).rsplit("#", 1)[1] for term in Collection(shapes, lists[0])}
    assert allowed == set(relations())


def _graph() -> Graph:
    return union_graph(document_graph(sample_document()))


def _drop(predicate: URIRef, subject: URIRef | None = None) -> Callable[[Graph], None]:
    return lambda g: g.remove((subject, predicate, None))


def _assertions(g: Graph) -> list[URIRef]:
    return list(g.subjects(RDF.predicate, None))


WRONG_GRAPHS = [
    (_drop(SKOS.prefLabel, PARK), "exactly one skos:prefLabel in Chinese"),
    (
        lambda g: g.set((PARK, SKOS.prefLabel, Literal("Zhaotong ETDZ", lang="en"))),
        "exactly one skos:prefLabel in Chinese",
    ),
    (lambda g: g.add((PARK, SKOS.prefLabel, Literal("昭通经开区", lang="zh"))), "in Chinese"),
    (lambda g: g.set((PARK, SKOS.prefLabel, Literal("昭通经济技术开发区"))), "in Chinese"),
    (_drop(CKG.evidence), "assertion needs ckg:evidence"),
    (_drop(CKG.inArticle), "needs ckg:inArticle"),
    (_drop(CKG.text), "needs its ckg:text"),
    (_drop(CKG.unit), "needs exactly one ckg:unit"),
    (_drop(CKG.value), "needs exactly one ckg:value"),
    (_drop(CKG.indicator), "needs exactly one ckg:indicator"),
    (_drop(CKG.locatedIn), "not stated as a triple"),
    (
        lambda g: [g.set((a, RDF.predicate, CKG.evidence)) for a in _assertions(g)],
        "must be one of the ontology's relations",
    ),
    (
        lambda g: [g.set((o, CKG.value, Literal("110"))) for o in g.subjects(CKG.indicator, None)],
        "ckg:value (xsd:decimal)",
    ),
]


@pytest.mark.parametrize(("change", "message"), WRONG_GRAPHS)
def test_a_graph_missing_something_fails(change, message):
    g = _graph()
    change(g)
    conforms, report = validate(g)
    assert not conforms
    assert message in report


def test_a_wrong_store_fails(tmp_path):
    doc = sample_document()
    _relation("leadsChain", 5, 8)(doc)
    build_store([doc], tmp_path / "store")
    assert not validate(tmp_path / "store")[0]


def test_check_raises_with_the_report():
    doc = sample_document()
    _relation("leadsChain", 5, 8)(doc)
    with pytest.raises(ValidationError, match="must be a ckg:IndustryChain"):
        check(document_graph(doc))


def test_rdfs_inference_would_hide_a_wrong_type():
    # Why validate() runs without inference: rdfs:range of chainLeaderOf would make the
    # enterprise an IndustryChain too, and the wrong fact would pass.
    doc = sample_document()
    _relation("chainLeaderOf", 3, 5)(doc)
    data = union_graph(document_graph(doc)) + ontology_graph()
    conforms, _, _ = pyshacl.validate(data, shacl_graph=shapes_graph(), inference="rdfs")
    assert conforms
    assert not validate(document_graph(doc))[0]
