"""The graphs the views draw: one edge per relation with its evidence, and the chain-leader
system cut out of it (all chains, or one chain).

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("e", label="云铝海鑫", type="Enterprise", aliases="")
>>> G.add_node("c", label="绿色铝产业链", type="IndustryChain", aliases="")
>>> _ = G.add_edge("e", "c", predicate="leadsChain", label="引领产业链",
...                evidence="以云铝海鑫为龙头,绿色铝产业链链长工作取得新成效。", article="a")
>>> sorted(chain_graph(chain_leader_graph(view_graph(G)), "c"))
['c', 'e']
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any

import networkx as nx

from kg.graph.query import run_named
from kg.terms import C, P

__all__ = [
    "CHAIN_SYSTEM",
    "Source",
    "entity_evidence",
    "view_graph",
    "chain_leader_graph",
    "chain_graph",
    "of_type",
]

#: The relations of the chain-leader system view.
CHAIN_SYSTEM: frozenset[str] = frozenset(
    {
        P.partOfCluster,
        P.leadsChain,
        P.leadsCluster,
        P.hasLeadingEnterprise,
        P.chainLeaderOf,
        P.developedBy,
        P.inChain,
        P.locatedIn,
    }
)

Source = tuple[str, str]  # (evidence sentence, article file name)


def entity_evidence(source: Any) -> tuple[dict[str, list[Source]], dict[str, str]]:
    """Sentences each entity is mentioned in, and article IRI -> file name, from the store.

    `source` is a pyoxigraph Store or an rdflib graph (see `kg.graph.query.run_named`).
    """
    by_entity: dict[str, list[Source]] = {}
    files: dict[str, str] = {}
    for entity, sentence, article, file in run_named(source, "entity_evidence")[1]:
        name = files.setdefault(article, file or _tail(article))
        by_entity.setdefault(entity, []).append((sentence or "", name))
    return by_entity, files


def _tail(iri: str | None) -> str:
    return (iri or "").rstrip("/").rsplit("/", 1)[-1]


def _aliases(value: Any) -> list[str]:
    if not value:
        return []
    items = value.split("|") if isinstance(value, str) else list(value)
    return sorted({str(a) for a in items if a})


def _add_source(found: list[Source], item: Source) -> None:
    if item[0] and item not in found:
        found.append(item)


def view_graph(
    G: nx.MultiDiGraph,
    *,
    sources: Mapping[Hashable, Sequence[Source]] | None = None,
    files: Mapping[str, str] | None = None,
) -> nx.MultiDiGraph:
    """`G` (from `kg.graph.network.to_networkx`) with one edge per (subject, relation, object).

    Each edge keeps its relation as key, ``predicate``, ``label`` and ``sources``, the
    evidence sentences of all its assertions with their article's file name (`files` maps
    article IRIs to names). Each node gets ``aliases`` as a list and ``sources``: the
    sentences of its relations, then the other sentences it is mentioned in (`sources`).

    >>> G = nx.MultiDiGraph()
    >>> for s in ("甲。", "乙。"):
    ...     _ = G.add_edge("e", "c", predicate="inChain", label="属于产业链", evidence=s)
    >>> V = view_graph(G)
    >>> V.number_of_edges(), V.edges["e", "c", "inChain"]["sources"]
    (1, [('甲。', ''), ('乙。', '')])
    """
    files = files or {}
    V = nx.MultiDiGraph()
    for node, d in G.nodes(data=True):
        V.add_node(
            node,
            label=str(d.get("label") or _tail(str(node))),
            type=d.get("type", "") or "",
            aliases=_aliases(d.get("aliases")),
            sources=list((sources or {}).get(node, d.get("sources") or ())),
        )
    for u, v, d in G.edges(data=True):
        predicate = d.get("predicate", "")
        if not V.has_edge(u, v, key=predicate):
            V.add_edge(
                u, v, key=predicate, predicate=predicate, label=d.get("label", ""), sources=[]
            )
        found = V.edges[u, v, predicate]["sources"]
        for item in d.get("sources") or ():
            _add_source(found, tuple(item))
        article = d.get("article") or ""
        _add_source(found, (d.get("evidence") or "", files.get(article, _tail(article))))
    for node, d in V.nodes(data=True):
        # The sentences of its relations first: they say why the node is in the picture.
        found: list[Source] = []
        for _, _, e in [*V.out_edges(node, data=True), *V.in_edges(node, data=True)]:
            for item in e["sources"]:
                _add_source(found, item)
        for item in d["sources"]:
            _add_source(found, tuple(item))
        d["sources"] = found
    return V


def _restrict(
    V: nx.MultiDiGraph, keep: Iterable[Hashable], relations: Iterable[str]
) -> nx.MultiDiGraph:
    keep, relations = set(keep), set(relations)
    H = nx.MultiDiGraph()
    H.add_nodes_from((n, V.nodes[n]) for n in V if n in keep)
    H.add_edges_from(
        (u, v, k, d)
        for u, v, k, d in V.edges(keys=True, data=True)
        if u in keep and v in keep and d.get("predicate") in relations
    )
    return H


def of_type(V: nx.Graph, node: Hashable, *types: str) -> bool:
    """Whether `node` of `V` is of one of the classes `types`.

    >>> of_type(nx.Graph([("a", "b")]), "a", "Enterprise")
    False
    """
    return V.nodes[node].get("type") in types


def chain_leader_graph(V: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The chain-leader system: every chain (and every industry a firm leads, which the text
    calls no chain), its clusters, leading enterprises and chain leaders, and the projects and
    parks attached to those chains and enterprises.

    >>> V = nx.MultiDiGraph()
    >>> V.add_nodes_from([("c", {"type": "IndustryChain"}), ("e", {"type": "Enterprise"}),
    ...                   ("r", {"type": "Region"})])
    >>> V.add_edges_from([("e", "c", {"predicate": "leadsChain"}),
    ...                   ("e", "r", {"predicate": "locatedIn"})])
    [0, 0]
    >>> sorted(chain_leader_graph(V))
    ['c', 'e']
    """
    chains = {n for n in V if of_type(V, n, C.IndustryChain, C.Industry)}
    core, firms = set(chains), set()
    for u, v, d in V.edges(data=True):
        p = d.get("predicate")
        if p == P.partOfCluster and u in chains and of_type(V, v, C.IndustryCluster):
            core.add(v)
        elif p == P.leadsChain and v in chains and of_type(V, u, C.Enterprise):
            firms.add(u)
        elif p == P.leadsCluster and of_type(V, u, C.Enterprise):
            core.add(v)
            firms.add(u)
        elif p == P.hasLeadingEnterprise and u in chains and of_type(V, v, C.Enterprise):
            firms.add(v)
        elif p == P.chainLeaderOf and v in chains:
            core.add(u)
    core |= firms
    projects = set()
    for u, v, d in V.edges(data=True):
        p = d.get("predicate")
        if of_type(V, u, C.Project) and (
            (p == P.developedBy and v in firms) or (p == P.inChain and v in chains)
        ):
            projects.add(u)
    attached = firms | chains | projects
    parks = {
        v
        for u, v, d in V.edges(data=True)
        if d.get("predicate") == P.locatedIn and u in attached and of_type(V, v, C.IndustrialPark)
    }
    return _restrict(V, core | projects | parks, CHAIN_SYSTEM)


def chain_graph(H: nx.MultiDiGraph, chain: Hashable) -> nx.MultiDiGraph:
    """One chain's page: the chain, its neighbours in the chain-leader graph `H`, the projects
    and parks of its enterprises and projects, and the parks of those projects.

    >>> H = nx.MultiDiGraph()
    >>> H.add_nodes_from([("c", {"type": "IndustryChain"}), ("d", {"type": "IndustryChain"}),
    ...                   ("e", {"type": "Enterprise"}), ("p", {"type": "Project"})])
    >>> H.add_edges_from([("e", "c", {"predicate": "leadsChain"}),
    ...                   ("e", "d", {"predicate": "leadsChain"}),
    ...                   ("p", "e", {"predicate": "developedBy"})])
    [0, 0, 0]
    >>> sorted(chain_graph(H, "c"))
    ['c', 'e', 'p']
    """
    U = H.to_undirected(as_view=True)
    near = set(U[chain]) | {chain}
    # Two steps out: a firm's projects, then those projects' parks.
    frontier = {n for n in near if of_type(H, n, C.Enterprise, C.Project)}
    for _ in range(2):
        found = {m for n in frontier for m in U[n] if of_type(H, m, C.Project, C.IndustrialPark)}
        frontier = found - near
        near |= found
    return _restrict(H, near, CHAIN_SYSTEM)
