"""kg.ontology and ontology/*.ttl: terms, labels, definitions, the closed namespace, lexicon."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef

from kg import ontology
from kg.ontology import (
    CKG,
    ONTOLOGY_DIR,
    ONTOLOGY_GRAPH,
    alt_labels,
    classes,
    domain_of,
    entity_classes,
    label,
    ontology_graph,
    properties,
    range_of,
    relations,
    suffixes,
)

ORG = "http://www.w3.org/ns/org#"
SCHEMA = "https://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
QB = "http://purl.org/linked-data/cube#"

ENTITY_CLASSES = [
    "ChainLeaderRole",
    "Enterprise",
    "IndustrialPark",
    "Industry",
    "IndustryChain",
    "IndustryCluster",
    "Person",
    "Policy",
    "Project",
    "Region",
    "Strategy",
]
RECORD_CLASSES = ["Article", "Assertion", "Mention", "MetricObservation", "Sentence"]
RELATIONS = [
    "chainLeaderOf",
    "developedBy",
    "hasLeadingEnterprise",
    "inChain",
    "issuedBy",
    "leadingEnterpriseIn",
    "leadsChain",
    "leadsCluster",
    "locatedIn",
    "partOfCluster",
    "signedWith",
]
OTHER_PROPERTIES = [
    "observedSubject",
    "indicator",
    "value",
    "unit",
    "year",
    "qualifier",
    "evidence",
    "inArticle",
    "mentionOf",
    "text",
    "startOffset",
    "endOffset",
    "rawStartOffset",
    "rawEndOffset",
    "sha256",
    "fileName",
    "alias",
    "how",
    "confidence",
]
ANNOTATIONS = ["lexicalSuffix", "layer", "displayColour", "displayShape", "displayOrder"]
ALL_TERMS = [*ENTITY_CLASSES, *RECORD_CLASSES, *RELATIONS, *OTHER_PROPERTIES, *ANNOTATIONS]


def _literals(term: str, predicate: URIRef, lang: str) -> list[str]:
    g = ontology_graph()
    return [
        str(o)
        for o in g.objects(URIRef(CKG[term]), predicate)
        if isinstance(o, Literal) and o.language == lang
    ]


@pytest.mark.parametrize("name", ["chainkg.ttl", "shapes.ttl"])
def test_turtle_files_load(name):
    assert len(Graph().parse(ONTOLOGY_DIR / name, format="turtle")) > 50


def test_ontology_dir_is_beside_the_package():
    assert ONTOLOGY_DIR == ontology.Path(ontology.__file__).resolve().parent.parent / "ontology"


def test_the_ontology_is_loaded_once():
    assert ontology_graph() is ontology_graph()


def test_the_ontology_declares_itself():
    assert (ONTOLOGY_GRAPH, RDF.type, OWL.Ontology) in ontology_graph()


def test_classes_are_exactly_the_model():
    assert classes() == sorted([*ENTITY_CLASSES, *RECORD_CLASSES])
    assert entity_classes() == ENTITY_CLASSES


def test_relations_are_exactly_the_model():
    assert relations() == RELATIONS
    assert set(properties()) == {*RELATIONS, *OTHER_PROPERTIES, "rule"}


@pytest.mark.parametrize("term", ALL_TERMS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_term_has_labels_and_a_definition(term, lang):
    assert len(_literals(term, SKOS.prefLabel, lang)) == 1
    assert len(_literals(term, RDFS.label, lang)) == 1
    assert len(_literals(term, SKOS.definition, lang)) == 1


def test_every_declared_term_is_covered_by_these_tests():
    assert set(dir(CKG)) == {*ALL_TERMS, "rule"}


def test_closed_namespace_gives_known_terms():
    assert CKG.leadsChain == URIRef("https://w3id.org/chainkg/ontology#leadsChain")
    assert CKG["Enterprise"] == URIRef("https://w3id.org/chainkg/ontology#Enterprise")


def test_closed_namespace_refuses_a_typo():
    with pytest.raises(AttributeError):
        CKG.leadChain  # noqa: B018
    with pytest.raises(KeyError):
        CKG["leadChain"]


@pytest.mark.parametrize(
    ("term", "lang", "want"),
    [
        ("leadsChain", "zh", "引领产业链"),
        ("leadsChain", "en", "leads chain"),
        ("chainLeaderOf", "zh", "担任链长"),
        ("ChainLeaderRole", "zh", "链长职务"),
        ("IndustryChain", "zh", "产业链"),
        ("IndustrialPark", "en", "Industrial park"),
        ("MetricObservation", "zh", "指标观测"),
    ],
)
def test_label(term, lang, want):
    assert label(term, lang=lang) == want


def test_label_of_an_unknown_term_raises():
    with pytest.raises(KeyError, match="not a term"):
        label("leadChain")


@pytest.mark.parametrize(
    ("term", "alias"),
    [
        ("leadsChain", "链主"),
        ("leadsChain", "龙头企业"),
        ("chainLeaderOf", "链长"),
        ("ChainLeaderRole", "市级领导"),
        ("signedWith", "签约"),
        ("IndustrialPark", "经开区"),
    ],
)
def test_alt_labels_carry_trigger_words(term, alias):
    assert alias in alt_labels(term)


@pytest.mark.parametrize(
    ("cls", "first", "member"),
    [
        ("IndustryChain", "全产业链", "产业链"),
        ("IndustryCluster", "产业集群", "产业集群"),
        ("IndustrialPark", "高新技术产业开发区", "经开区"),
        ("Project", "项目", "项目"),
        ("Region", "自治区", "镇"),
        ("Enterprise", "有限责任公司", "酒庄"),  # ties in code-point order
    ],
)
def test_suffixes_longest_first(cls, first, member):
    found = suffixes(cls)
    assert found[0] == first
    assert member in found
    assert [len(s) for s in found] == sorted((len(s) for s in found), reverse=True)


@pytest.mark.parametrize(
    ("prop", "domain", "range_"),
    [
        ("leadsChain", ["Enterprise"], ["Industry", "IndustryChain"]),
        ("hasLeadingEnterprise", ["Industry", "IndustryChain"], ["Enterprise"]),
        ("chainLeaderOf", ["ChainLeaderRole", "Person"], ["IndustryChain"]),
        ("partOfCluster", ["IndustryChain"], ["IndustryCluster"]),
        (
            "locatedIn",
            ["Enterprise", "IndustrialPark", "Project", "Region"],
            ["IndustrialPark", "Region"],
        ),
        ("developedBy", ["Project"], ["Enterprise"]),
        ("inChain", ["Enterprise", "Project"], ["IndustryChain"]),
        ("issuedBy", ["Policy"], ["Enterprise", "Region", ORG + "Organization"]),
        ("signedWith", ["Enterprise", "IndustrialPark", "Region"], ["Enterprise"]),
        ("evidence", ["Assertion", "Mention", "MetricObservation"], ["Sentence"]),
        ("inArticle", ["Sentence"], ["Article"]),
        ("observedSubject", ["MetricObservation"], []),
    ],
)
def test_domains_and_ranges(prop, domain, range_):
    assert domain_of(prop) == sorted(domain)
    assert range_of(prop) == sorted(range_)


@pytest.mark.parametrize(
    ("prop", "datatype"),
    [
        ("value", "decimal"),
        ("year", "integer"),
        ("startOffset", "integer"),
        ("rawEndOffset", "integer"),
        ("unit", "string"),
    ],
)
def test_datatype_ranges(prop, datatype):
    assert range_of(prop) == ["http://www.w3.org/2001/XMLSchema#" + datatype]


def test_leads_chain_and_has_leading_enterprise_are_inverses():
    assert (CKG.leadsChain, OWL.inverseOf, CKG.hasLeadingEnterprise) in ontology_graph()


@pytest.mark.parametrize(
    ("cls", "parent"),
    [
        ("Enterprise", ORG + "Organization"),
        ("ChainLeaderRole", ORG + "Post"),
        ("Article", SCHEMA + "NewsArticle"),
        ("Article", PROV + "Entity"),
        ("Assertion", str(RDF.Statement)),
        ("MetricObservation", QB + "Observation"),
        ("Region", SCHEMA + "AdministrativeArea"),
    ],
)
def test_classes_reuse_w3c_vocabularies(cls, parent):
    assert (CKG[cls], RDFS.subClassOf, URIRef(parent)) in ontology_graph()
