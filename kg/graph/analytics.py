"""Network analytics over the NetworkX projection: counts, multi-chain firms, leaders, groups.

Every function takes the graph of `kg.graph.network.to_networkx` first (nodes carry ``label`` and
``type``, edges ``predicate``) and returns plain data. Degree and betweenness are measured on
the undirected simple graph (direction and parallel evidence ignored), so a firm named as a
chain's leader in ten articles is still one neighbour of that chain.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("e", label="云铝海鑫", type="Enterprise")
>>> for c in ("铝", "硅"):
...     G.add_node(c, label=c + "产业链", type="IndustryChain")
...     _ = G.add_edge("e", c, predicate="leadsChain")
>>> [(G.nodes[e]["label"], [G.nodes[c]["label"] for c in cs])
...  for e, cs in multi_chain_enterprises(G)]
[('云铝海鑫', ['硅产业链', '铝产业链'])]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable
from typing import Literal

import networkx as nx

from kg.terms import C, P

__all__ = [
    "CHAIN_MEMBERSHIP",
    "BETWEENNESS_EXACT_UP_TO",
    "simple_graph",
    "class_counts",
    "relation_counts",
    "chains_of_enterprises",
    "multi_chain_enterprises",
    "centrality",
    "leaders",
    "components",
    "communities",
    "community_of",
    "Table",
    "tables",
]

Measure = Literal["degree", "betweenness"]

#: Relations that put an enterprise in a chain: (predicate, True when the enterprise is the
#: subject). An enterprise leads a chain, is the chain's leading enterprise, or belongs to it.
CHAIN_MEMBERSHIP: dict[str, bool] = {
    P.leadsChain: True,
    P.inChain: True,
    P.hasLeadingEnterprise: False,
}

#: Above this many nodes betweenness is estimated from a fixed sample of source nodes, which
#: keeps `kg stats` within seconds on large graphs (exact betweenness is O(nodes * edges)).
BETWEENNESS_EXACT_UP_TO = 2000
_BETWEENNESS_SAMPLE = 500


def simple_graph(G: nx.Graph) -> nx.Graph:
    """`G` as an undirected graph without parallel edges or self-loops, node data kept.

    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "a"), ("a", "b"), ("a", "a")])
    >>> sorted(simple_graph(G).edges())
    [('a', 'b')]
    """
    H = nx.Graph()
    H.add_nodes_from(G.nodes(data=True))
    H.add_edges_from((u, v) for u, v in G.edges() if u != v)
    return H


def class_counts(G: nx.Graph) -> dict[str, int]:
    """Nodes per class (the ``type`` attribute; ``""`` when unknown), sorted by class.

    >>> class_counts(nx.Graph([("a", "b")]))
    {'': 2}
    """
    found = Counter(d.get("type", "") or "" for _, d in G.nodes(data=True))
    return dict(sorted(found.items()))


def relation_counts(G: nx.Graph) -> dict[str, int]:
    """Distinct (subject, object) pairs per relation (the edges' ``predicate``), sorted.

    >>> G = nx.MultiDiGraph()
    >>> G.add_edges_from([("a", "b", {"predicate": "inChain"})] * 2)
    [0, 1]
    >>> relation_counts(G)
    {'inChain': 1}
    """
    pairs = {(d.get("predicate", ""), u, v) for u, v, d in G.edges(data=True)}
    return dict(sorted(Counter(p for p, _, _ in pairs).items()))


def chains_of_enterprises(G: nx.Graph) -> dict[Hashable, set[Hashable]]:
    """The chains each enterprise leads or belongs to (see `CHAIN_MEMBERSHIP`).

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("e", type="Enterprise"); G.add_node("c", type="IndustryChain")
    >>> _ = G.add_edge("c", "e", predicate="hasLeadingEnterprise")
    >>> chains_of_enterprises(G)
    {'e': {'c'}}
    """
    found: dict[Hashable, set[Hashable]] = {}
    for u, v, d in G.edges(data=True):
        forward = CHAIN_MEMBERSHIP.get(d.get("predicate", ""))
        if forward is None:
            continue
        firm, chain = (u, v) if forward else (v, u)
        if G.nodes[firm].get("type") == C.Enterprise and G.nodes[chain].get("type") == (
            C.IndustryChain
        ):
            found.setdefault(firm, set()).add(chain)
    return found


def _label(G: nx.Graph, node: Hashable) -> str:
    return str(G.nodes[node].get("label") or node)


def multi_chain_enterprises(G: nx.Graph) -> list[tuple[Hashable, list[Hashable]]]:
    """Enterprises in more than one chain, most chains first, each with its chains by label."""
    rows = [
        (firm, sorted(chains, key=lambda c: _label(G, c)))
        for firm, chains in chains_of_enterprises(G).items()
        if len(chains) > 1
    ]
    return sorted(rows, key=lambda r: (-len(r[1]), _label(G, r[0])))


def centrality(G: nx.Graph, measure: Measure = "degree", *, seed: int = 0) -> dict[Hashable, float]:
    """Degree (distinct neighbours) or normalised betweenness of every node.

    Betweenness is exact up to `BETWEENNESS_EXACT_UP_TO` nodes, above that estimated from a
    sample of source nodes drawn with `seed`.

    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("a", "b")])
    >>> centrality(G)["b"], centrality(G, "betweenness")["b"]
    (2, 1.0)
    """
    H = simple_graph(G)
    if measure == "degree":
        return dict(H.degree())
    if measure == "betweenness":
        k = None if len(H) <= BETWEENNESS_EXACT_UP_TO else _BETWEENNESS_SAMPLE
        return nx.betweenness_centrality(H, k=k, seed=seed)
    raise ValueError(f"unknown measure {measure!r}: use 'degree' or 'betweenness'")


def leaders(
    G: nx.Graph,
    measure: Measure = "degree",
    *,
    top: int = 3,
    scores: dict[Hashable, float] | None = None,
) -> dict[str, list[tuple[Hashable, float]]]:
    """The `top` nodes of each class by `measure` (ties by label), classes sorted.

    >>> G = nx.MultiDiGraph([("a", "b"), ("a", "c")])
    >>> nx.set_node_attributes(G, "Enterprise", "type")
    >>> leaders(G, top=1)
    {'Enterprise': [('a', 2)]}
    """
    scores = centrality(G, measure) if scores is None else scores
    by_class: dict[str, list[Hashable]] = {}
    for node, d in G.nodes(data=True):
        by_class.setdefault(d.get("type", "") or "", []).append(node)
    return {
        cls: [
            (n, scores[n])
            for n in sorted(nodes, key=lambda n: (-scores[n], _label(G, n), str(n)))[:top]
        ]
        for cls, nodes in sorted(by_class.items())
    }


def _ordered(G: nx.Graph, groups: list[set[Hashable]]) -> list[set[Hashable]]:
    # Largest first; equal sizes by their smallest label, so the order is the same every run.
    return sorted(groups, key=lambda g: (-len(g), min(_label(G, n) for n in g)))


def components(G: nx.Graph) -> list[set[Hashable]]:
    """Connected components (ignoring direction), largest first.

    >>> [sorted(c) for c in components(nx.MultiDiGraph([("a", "b"), ("c", "d"), ("d", "e")]))]
    [['c', 'd', 'e'], ['a', 'b']]
    """
    return _ordered(G, [set(c) for c in nx.connected_components(simple_graph(G))])


def communities(G: nx.Graph, *, seed: int = 0, resolution: float = 1.0) -> list[set[Hashable]]:
    """Louvain communities of the undirected simple graph with a fixed `seed`, largest first.

    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("x", "y"), ("y", "z")])
    >>> [sorted(c) for c in communities(G)]
    [['a', 'b', 'c'], ['x', 'y', 'z']]
    """
    H = simple_graph(G)
    found = nx.community.louvain_communities(H, seed=seed, resolution=resolution)
    return _ordered(G, [set(c) for c in found])


def community_of(groups: list[set[Hashable]]) -> dict[Hashable, int]:
    """Each node's group number (0 is the largest group) from `components` or `communities`.

    >>> community_of([{"a", "b"}, {"c"}])["c"]
    1
    """
    return {n: i for i, group in enumerate(groups) for n in group}


Table = tuple[str, list[str], list[tuple[object, ...]]]  # title, column names, rows


def _members(G: nx.Graph, nodes: set[Hashable], limit: int = 6) -> str:
    labels = sorted(_label(G, n) for n in nodes)
    more = f" … (+{len(labels) - limit})" if len(labels) > limit else ""
    return "、".join(labels[:limit]) + more


def tables(G: nx.Graph, *, top: int = 3, seed: int = 0, groups_shown: int = 10) -> list[Table]:
    """Every analytic of `G` as titled tables (what `kg stats` prints), labels for nodes.

    >>> G = nx.MultiDiGraph([("a", "b", {"predicate": "inChain"})])
    >>> [title for title, _, _ in tables(G)][:2]
    ['Entities per class', 'Relations per property (distinct subject-object pairs)']
    """
    out: list[Table] = [
        ("Entities per class", ["class", "count"], list(class_counts(G).items())),
        (
            "Relations per property (distinct subject-object pairs)",
            ["property", "count"],
            list(relation_counts(G).items()),
        ),
        (
            "Enterprises in more than one chain",
            ["enterprise", "chains", "which"],
            [
                (_label(G, e), len(cs), "、".join(_label(G, c) for c in cs))
                for e, cs in multi_chain_enterprises(G)
            ],
        ),
    ]
    for measure in ("degree", "betweenness"):
        rows = [
            (cls or "?", _label(G, n), round(v, 4) if measure == "betweenness" else v)
            for cls, best in leaders(G, measure, top=top).items()
            for n, v in best
            if v > 0
        ]
        out.append(
            (f"Leaders by {measure} per class (top {top})", ["class", "entity", measure], rows)
        )
    for title, groups in (
        ("Connected components", components(G)),
        (f"Louvain communities (seed {seed})", communities(G, seed=seed)),
    ):
        single = sum(1 for g in groups if len(g) == 1)
        rows = [(i + 1, len(g), _members(G, g)) for i, g in enumerate(groups) if len(g) > 1]
        out.append(
            (
                f"{title}: {len(groups)}, of which {single} single entities"
                + (f" (largest {groups_shown} shown)" if len(rows) > groups_shown else ""),
                ["group", "entities", "members"],
                rows[:groups_shown],
            )
        )
    return out
