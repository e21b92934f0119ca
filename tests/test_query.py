"""kg.graph.query: SPARQL on both engines, bindings, errors, union default graph, formatting."""

from __future__ import annotations

import json

import pytest
from rdflib import Literal, URIRef

from kg.errors import QueryError
from kg.graph.query import format_rows, named_query, query_names, run_named, run_sparql
from kg.graph.rdf import document_graph
from kg.graph.store import build_store, open_store, oxigraph_store
from kg.iris import article_iri, entity_iri
from kg.ontology import CKG

from .samples import sample_document

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")


ENGINES = ["store", "dataset", "oxigraph"]


@pytest.fixture(params=ENGINES)
def graph(request, tmp_path):
    """The sample article (twice, as a.txt and b.txt) on each engine."""
    docs = [sample_document("a.txt"), sample_document("b.txt")]
    if request.param == "dataset":
        return document_graph(docs)
    build_store(docs, tmp_path / "store")
    ds = open_store(tmp_path / "store")
    return ds if request.param == "store" else oxigraph_store(ds)


SENTENCE = "云铝海鑫是绿色铝产业链的龙头企业，位于昭通经济技术开发区。"


def test_the_evidence_sentence_of_each_leads_chain_pair(graph):
    names, rows = run_named(graph, "relation_evidence", bindings={"predicate": CKG.leadsChain})
    assert names == ["subject", "predicate", "object", "sentence", "article", "assertion"]
    assert [(r[0], r[2], r[3]) for r in rows] == [("云铝海鑫", "绿色铝产业链", SENTENCE)] * 2
    assert {r[4] for r in rows} == {
        article_iri(d.name, d.sha256) for d in (sample_document("a.txt"), sample_document("b.txt"))
    }


def test_a_label_binding(graph):
    query = """SELECT ?name ?chain WHERE {
        ?e skos:prefLabel ?name ; ckg:leadsChain ?c . ?c skos:prefLabel ?chain }"""
    _, rows = run_sparql(graph, query, bindings={"name": Literal("云铝海鑫", lang="zh")})
    assert rows == [("云铝海鑫", "绿色铝产业链")]


def test_queries_without_graph_see_the_union_once(graph):
    _, rows = run_sparql(graph, "SELECT ?a WHERE { ?a a ckg:Article } ORDER BY ?a")
    assert len(rows) == 2
    _, rows = run_sparql(graph, 'SELECT ?e WHERE { ?e skos:prefLabel "冯怀玉"@zh }')
    assert rows == [(entity_iri("Person", "冯怀玉"),)]


def test_graph_clauses_see_each_article(graph):
    _, rows = run_sparql(graph, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?a a ckg:Article } }")
    assert len(rows) == 2


def test_python_values(graph):
    query = """SELECT ?value ?year ?unit ?subject ?qualifier WHERE {
        ?o ckg:value ?value ; ckg:year ?year ; ckg:unit ?unit ;
           ckg:observedSubject ?subject .
        OPTIONAL { ?o ckg:qualifier ?qualifier } } LIMIT 1"""
    _, rows = run_sparql(graph, query)
    assert rows == [(110.0, 2022, "亿元", entity_iri("Enterprise", "云铝海鑫"), None)]


@pytest.mark.parametrize(
    ("bindings", "want"),
    [
        ({"indicator": "产值"}, 1),
        ({"indicator": "营业收入"}, 0),
        ({"year": 2022}, 1),
        ({"subject": URIRef(entity_iri("Enterprise", "云铝海鑫"))}, 1),
    ],
)
def test_bindings_of_python_values(graph, bindings, want):
    query = """SELECT DISTINCT ?indicator ?year ?subject WHERE {
        ?o ckg:indicator ?indicator ; ckg:year ?year ; ckg:observedSubject ?subject }"""
    assert len(run_sparql(graph, query, bindings=bindings)[1]) == want


@pytest.mark.parametrize("engine", ["store", "oxigraph"])
def test_oxigraph_binds_only_returned_variables(tmp_path, engine):
    build_store([sample_document()], tmp_path / "store")
    graph = open_store(tmp_path / "store")
    graph = graph if engine == "store" else oxigraph_store(graph)
    with pytest.raises(QueryError, match="add them to SELECT"):
        run_sparql(graph, "SELECT ?e WHERE { ?e skos:prefLabel ?l }", bindings={"l": "x"})


def test_ask(graph):
    assert run_sparql(graph, "ASK { ?p ckg:chainLeaderOf ?c }") == (["ask"], [(True,)])


def test_construct(graph):
    names, rows = run_sparql(
        graph, "CONSTRUCT { ?s ckg:leadsChain ?o } WHERE { ?s ckg:leadsChain ?o }"
    )
    assert names == ["subject", "predicate", "object"]
    assert rows == [
        (
            entity_iri("Enterprise", "云铝海鑫"),
            str(CKG.leadsChain),
            entity_iri("IndustryChain", "绿色铝产业链"),
        )
    ]


def test_a_query_may_declare_its_own_prefixes(graph):
    query = "PREFIX ckg: <https://w3id.org/chainkg/ontology#>\nASK { ?e a ckg:Person }"
    assert run_sparql(graph, query)[1] == [(True,)]


@pytest.mark.parametrize(
    "query",
    [
        "SELEC ?x WHERE { ?x ?p ?o }",
        "SELECT ?x WHERE { ?x ckg:leadsChain }",
        "SELECT ?x WHERE { ?x nope:thing ?o }",
        "SELECT ?x WHERE { ?x ?p ?o ",
    ],
)
def test_malformed_sparql_raises_query_error_on_one_line(graph, query):
    with pytest.raises(QueryError) as info:
        run_sparql(graph, query)
    message = str(info.value)
    assert message.startswith(("malformed SPARQL: ", "unknown prefix 'nope:'"))
    assert "\n" not in message


def test_every_named_query_parses(graph):
    for name in query_names():
        run_named(graph, name)


def test_an_unknown_named_query():
    with pytest.raises(QueryError, match="no query named"):
        named_query("no-such-query")


def test_a_value_that_cannot_be_bound():
    with pytest.raises(QueryError, match="cannot bind"):
        run_sparql(document_graph(sample_document()), "ASK { ?s ?p ?o }", bindings={"s": object()})


ROWS = (["企业", "产值", "年份"], [("云铝海鑫", 110.0, 2022), ("旗滨", None, None)])


@pytest.mark.parametrize(
    ("fmt", "want"),
    [
        (
            "table",
            "企业      产值   年份\n--------  -----  ----\n云铝海鑫  110.0  2022\n旗滨",
        ),
        ("csv", "企业,产值,年份\n云铝海鑫,110.0,2022\n旗滨,,\n"),
    ],
)
def test_format_rows(fmt, want):
    assert format_rows(*ROWS, fmt=fmt) == want


def test_format_rows_as_json():
    assert json.loads(format_rows(*ROWS, fmt="json")) == [
        {"企业": "云铝海鑫", "产值": 110.0, "年份": 2022},
        {"企业": "旗滨", "产值": None, "年份": None},
    ]


def test_format_rows_refuses_an_unknown_format():
    with pytest.raises(ValueError, match="unknown format"):
        format_rows(*ROWS, fmt="xml")
