"""Network analytics (kg/graph/analytics.py): hand-made graphs, the bundled build, `kg stats`."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.graph import analytics

from .helpers import kg


def graph(nodes: dict[str, str], edges: list[tuple[str, str, str]]) -> nx.MultiDiGraph:
    """A graph shaped like `kg.graph.network.to_networkx`: node -> class, (subject, relation,
    object)."""
    G = nx.MultiDiGraph()
    for node, cls in nodes.items():
        G.add_node(node, label=node, type=cls, aliases="")
    for s, p, o in edges:
        G.add_edge(s, o, predicate=p)
    return G


FIRMS = {"甲公司": "Enterprise", "乙公司": "Enterprise", "铝链": "IndustryChain",
         "硅链": "IndustryChain", "锂链": "IndustryChain", "丙项目": "Project"}  # fmt: skip

# (case, edges, expected [(enterprise, [chains])])
MULTI_CHAIN = [
    ("leads two", [("甲公司", "leadsChain", "铝链"), ("甲公司", "leadsChain", "硅链")],
     [("甲公司", ["硅链", "铝链"])]),
    ("leads one, in another", [("甲公司", "leadsChain", "铝链"), ("甲公司", "inChain", "硅链")],
     [("甲公司", ["硅链", "铝链"])]),
    ("named leading enterprise by the chain",
     [("铝链", "hasLeadingEnterprise", "甲公司"), ("甲公司", "inChain", "硅链")],
     [("甲公司", ["硅链", "铝链"])]),
    ("one chain twice is one chain",
     [("甲公司", "leadsChain", "铝链"), ("甲公司", "inChain", "铝链")], []),
    ("a project in two chains is no enterprise",
     [("丙项目", "inChain", "铝链"), ("丙项目", "inChain", "硅链")], []),
    ("most chains first",
     [("乙公司", "leadsChain", "铝链"), ("乙公司", "leadsChain", "硅链"),
      ("乙公司", "leadsChain", "锂链"), ("甲公司", "leadsChain", "铝链"),
      ("甲公司", "inChain", "锂链")],
     [("乙公司", ["硅链", "铝链", "锂链"]), ("甲公司", ["铝链", "锂链"])]),
]  # fmt: skip


@pytest.mark.parametrize("case,edges,expected", MULTI_CHAIN, ids=[c[0] for c in MULTI_CHAIN])
def test_enterprises_in_more_than_one_chain(case, edges, expected):
    assert analytics.multi_chain_enterprises(graph(FIRMS, edges)) == expected


def test_chain_membership_relations_are_the_ontologys():
    from kg.ontology import relations

    assert set(analytics.CHAIN_MEMBERSHIP) <= set(relations())


STAR = graph(
    {"hub": "Region", "a": "Enterprise", "b": "Enterprise", "c": "Project", "d": "Project"},
    [("a", "locatedIn", "hub"), ("b", "locatedIn", "hub"), ("c", "developedBy", "a"),
     ("c", "developedBy", "a"), ("d", "developedBy", "b")],
)  # fmt: skip

# (measure, node, expected value): parallel evidence and direction do not count.
CENTRALITY = [
    ("degree", "hub", 2),
    ("degree", "a", 2),
    ("degree", "c", 1),
    ("betweenness", "hub", pytest.approx(8 / 12)),
    ("betweenness", "a", pytest.approx(6 / 12)),
    ("betweenness", "c", 0.0),
]


@pytest.mark.parametrize("measure,node,expected", CENTRALITY)
def test_centrality(measure, node, expected):
    assert analytics.centrality(STAR, measure)[node] == expected


@pytest.mark.parametrize(
    "measure,expected",
    [
        ("degree", {"Enterprise": [("a", 2), ("b", 2)], "Project": [("c", 1), ("d", 1)],
                    "Region": [("hub", 2)]}),
        ("betweenness", {"Enterprise": [("a", 0.5), ("b", 0.5)], "Project": [("c", 0), ("d", 0)],
                         "Region": [("hub", pytest.approx(2 / 3))]}),
    ],
)  # fmt: skip
def test_leaders_per_class(measure, expected):
    assert analytics.leaders(STAR, measure, top=2) == expected


def test_unknown_measure_is_refused():
    with pytest.raises(ValueError, match="unknown measure"):
        analytics.centrality(STAR, "pagerank")


# (edges, expected counts per relation)
RELATION_COUNTS = [
    ([("a", "inChain", "x"), ("a", "inChain", "x")], {"inChain": 1}),
    ([("a", "inChain", "x"), ("b", "inChain", "x"), ("a", "leadsChain", "x")],
     {"inChain": 2, "leadsChain": 1}),
    ([], {}),
]  # fmt: skip


@pytest.mark.parametrize("edges,expected", RELATION_COUNTS)
def test_relation_counts_count_distinct_pairs(edges, expected):
    nodes = {"a": "Enterprise", "b": "Enterprise", "x": "IndustryChain"}
    assert analytics.relation_counts(graph(nodes, edges)) == expected


def test_components_and_communities_largest_first_and_stable():
    G = nx.MultiDiGraph()
    nx.add_path(G, ["a", "b", "c", "a"])
    nx.add_path(G, ["d", "e", "f", "d"])
    G.add_edge("c", "d")
    G.add_node("z")
    nx.set_node_attributes(G, {n: n for n in G}, "label")
    assert [sorted(c) for c in analytics.components(G)] == [list("abcdef"), ["z"]]
    first = analytics.communities(G, seed=1)
    assert [sorted(c) for c in first] == [["a", "b", "c"], ["d", "e", "f"], ["z"]]
    assert analytics.communities(G, seed=1) == first
    assert analytics.community_of(first)["e"] == 1


def test_empty_graph_gives_empty_tables():
    for title, headers, rows in analytics.tables(nx.MultiDiGraph()):
        assert title and headers and rows == []


def test_counts_agree_with_the_store(seed_build):
    from kg.graph.network import to_networkx
    from kg.graph.query import counts
    from kg.graph.store import open_store

    ds = open_store(seed_build[1] / "store")
    G = to_networkx(ds)
    expected = counts(ds)
    assert analytics.class_counts(G) == expected["entities"]
    assert analytics.relation_counts(G) == expected["relations"]


def test_bundled_leaders_and_groups(seed_build):
    from kg.graph.network import to_networkx
    from kg.graph.store import open_store

    G = to_networkx(open_store(seed_build[1] / "store"))
    label = {n: d["label"] for n, d in G.nodes(data=True)}
    best_region = analytics.leaders(G, "degree", top=1)["Region"][0][0]
    assert label[best_region] == "昭通市"
    comps = analytics.components(G)
    assert sum(len(c) for c in comps) == len(G)
    assert any({"合盛铝业", "绿色硅全产业链"} <= {label[n] for n in c} for c in comps)
    assert sum(len(c) for c in analytics.communities(G)) == len(G)


def test_kg_stats_prints_every_table(seed_build):
    proc = kg("stats", "--store", str(seed_build[1] / "store"), "--top", "2")
    assert proc.returncode == 0, proc.stderr
    for heading in [
        "Entities per class",
        "Relations per property",
        "Enterprises in more than one chain",
        "Leaders by degree per class (top 2)",
        "Leaders by betweenness per class (top 2)",
        "Connected components",
        "Louvain communities (seed 0)",
    ]:
        assert heading in proc.stdout
    assert "昭通市" in proc.stdout


@pytest.mark.parametrize(
    "args,message",
    [
        (["--store", "no/such/store"], "no store at no/such/store"),
        (["--top", "0"], "--top must be at least 1"),
    ],
)
def test_kg_stats_refuses_bad_input_in_one_line(seed_build, args, message):
    if "--store" not in args:
        args = [*args, "--store", str(seed_build[1] / "store")]
    proc = kg("stats", *args)
    assert proc.returncode != 0
    assert proc.stderr.strip().count("\n") == 0 and "Traceback" not in proc.stderr
    assert message in proc.stderr
