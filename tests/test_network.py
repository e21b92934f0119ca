"""kg.graph.network: entities and asserted relations as a NetworkX multigraph, and GraphML."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.graph.network import to_networkx, write_graphml
from kg.graph.rdf import document_graph
from kg.graph.store import build_store, open_store
from kg.iris import article_iri, entity_iri

from .samples import sample_document

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")


@pytest.fixture(params=["dataset", "store"])
def G(request, tmp_path) -> nx.MultiDiGraph:
    """The sample article's network, from an in-memory graph or from the store."""
    if request.param == "dataset":
        return to_networkx(document_graph(sample_document()))
    build_store([sample_document()], tmp_path / "store")
    return to_networkx(open_store(tmp_path / "store"))


NODES = {  # label -> class: one node per entity, however many mentions it has
    "昭通市": "Region",
    "市级领导": "ChainLeaderRole",
    "绿色铝产业链": "IndustryChain",
    "冯怀玉": "Person",
    "新材料产业链": "IndustryChain",
    "云铝海鑫": "Enterprise",
    "昭通经济技术开发区": "IndustrialPark",
}
EDGES = [  # (subject, predicate, zh label of the predicate, object)
    ("市级领导", "chainLeaderOf", "担任链长", "绿色铝产业链"),
    ("冯怀玉", "chainLeaderOf", "担任链长", "新材料产业链"),
    ("云铝海鑫", "leadsChain", "引领产业链", "绿色铝产业链"),
    ("云铝海鑫", "locatedIn", "位于", "昭通经济技术开发区"),
]


def _edges(G: nx.MultiDiGraph) -> list[tuple[str, str, str, str]]:
    return sorted(
        (G.nodes[u]["label"], d["predicate"], d["label"], G.nodes[v]["label"])
        for u, v, d in G.edges(data=True)
    )


def test_nodes_are_entities(G):
    assert G.number_of_nodes() == len(NODES)
    assert {d["label"]: d["type"] for _, d in G.nodes(data=True)} == NODES


def test_node_ids_are_entity_iris(G):
    assert entity_iri("Enterprise", "云铝海鑫") in G


def test_aliases(G):
    assert G.nodes[entity_iri("Enterprise", "云铝海鑫")]["aliases"] == "云南云铝海鑫铝业有限公司"
    assert G.nodes[entity_iri("Person", "冯怀玉")]["aliases"] == ""


def test_edges_are_relations(G):
    assert G.number_of_edges() == len(EDGES)
    assert _edges(G) == sorted(EDGES)


def test_edges_carry_their_evidence(G):
    doc = sample_document()
    [(_, _, d)] = G.edges(entity_iri("Person", "冯怀玉"), data=True)
    assert d["evidence"] == "冯怀玉担任新材料产业链链长。"
    assert d["article"] == article_iri(doc.name, doc.sha256)
    assert d["sentence"].startswith(d["article"] + "/s")


def test_the_same_fact_in_two_articles_is_two_edges():
    G = to_networkx(document_graph([sample_document("a.txt"), sample_document("b.txt")]))
    assert G.number_of_nodes() == len(NODES)
    assert G.number_of_edges() == 2 * len(EDGES)


def test_graphml_round_trip(G, tmp_path):
    path = tmp_path / "graph.graphml"
    write_graphml(G, path)
    H = nx.read_graphml(path, force_multigraph=True)
    assert (H.number_of_nodes(), H.number_of_edges()) == (G.number_of_nodes(), G.number_of_edges())
    assert _edges(H) == _edges(G)
    assert H.nodes[entity_iri("Region", "昭通市")] == G.nodes[entity_iri("Region", "昭通市")]


@pytest.mark.parametrize(
    ("value", "written"),
    [(None, ""), ({"b", "a"}, "a|b"), (["x", "y"], "x|y"), (3, 3), (2.5, 2.5), ("链长", "链长")],
)
def test_graphml_attributes_are_plain(tmp_path, value, written):
    G = nx.MultiDiGraph()
    G.add_node("n", value=value)
    write_graphml(G, tmp_path / "g.graphml")
    assert nx.read_graphml(tmp_path / "g.graphml").nodes["n"]["value"] == written
