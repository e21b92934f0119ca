"""The interactive HTML views of the graph, written to a folder: offline, escaped, UTF-8.

`write_views` writes ``graph.html`` (every entity), ``chain_leaders.html`` (clusters, chains,
leading enterprises, chain leaders and the projects and parks attached to them), one page per
chain and ``index.html`` linking them with their node and edge counts (and the plots it is
given). The work is done by the modules this one names its public parts from:
`kg.apps.subgraphs` (which nodes and edges, with evidence), `kg.apps.layout`,
`kg.apps.styles` (colours and shapes, from the ontology), `kg.apps.render` (a page) and
`kg.apps.index_page`.

>>> import networkx as nx, tempfile
>>> G = nx.MultiDiGraph()
>>> G.add_node("e", label="云铝海鑫", type="Enterprise", aliases="")
>>> G.add_node("c", label="绿色铝产业链", type="IndustryChain", aliases="")
>>> _ = G.add_edge("e", "c", predicate="leadsChain", label="引领产业链",
...                evidence="以云铝海鑫为龙头,绿色铝产业链链长工作取得新成效。", article="a")
>>> [(v.file, v.nodes, v.edges) for v in write_views(G, tempfile.mkdtemp())][:2]
[('graph.html', 2, 1), ('chain_leaders.html', 2, 1)]
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Hashable, Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from kg.apps.index_page import PlotLink, View, render_index
from kg.apps.layout import layout
from kg.apps.render import MAX_SOURCES, PHYSICS_UP_TO, render
from kg.apps.styles import CLASS_STYLE, COMMUNITY_COLOURS, UNKNOWN_STYLE
from kg.apps.subgraphs import (
    CHAIN_SYSTEM,
    chain_graph,
    chain_leader_graph,
    entity_evidence,
    of_type,
    view_graph,
)
from kg.errors import KGError
from kg.files import atomic_write
from kg.graph import analytics
from kg.graph.store import open_store
from kg.progress import NO_PROGRESS, Progress
from kg.terms import C

__all__ = [
    "CLASS_STYLE",
    "UNKNOWN_STYLE",
    "COMMUNITY_COLOURS",
    "CHAIN_SYSTEM",
    "PHYSICS_UP_TO",
    "MAX_SOURCES",
    "View",
    "PlotLink",
    "entity_evidence",
    "view_graph",
    "chain_leader_graph",
    "chain_graph",
    "layout",
    "render",
    "render_index",
    "chain_file",
    "write_view",
    "write_views",
    "confident",
]


def _write(path: Path, text: str) -> None:
    # Always UTF-8 (pyvis writes in the platform's encoding); written aside, then renamed.
    atomic_write(path, lambda f: f.write(text.encode("utf-8")))


def write_view(
    V: nx.MultiDiGraph,
    path: str | os.PathLike[str],
    *,
    title: str,
    description: str = "",
    **kw: Any,
) -> View:
    """Render `V` (see `render` for the options) to `path` in UTF-8; return its `View`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _write(path, render(V, title=title, **kw))
    return View(path.name, title, description, V.number_of_nodes(), V.number_of_edges(), path)


def chain_file(chain: Hashable) -> str:
    """The file name of a chain's page: stable, ASCII, from the chain's IRI.

    >>> chain_file("https://w3id.org/chainkg/id/chain/绿色铝产业链")
    'chain-2e873bad58.html'
    """
    return f"chain-{hashlib.sha1(str(chain).encode('utf-8')).hexdigest()[:10]}.html"


def _pages(V: nx.MultiDiGraph) -> list[tuple[nx.MultiDiGraph, str, str, str]]:
    """(graph, file, title, description) of every page: all, the chain leaders, each chain."""
    H = chain_leader_graph(V)
    pages = [
        (V, "graph.html", "全部实体与关系", "图中的全部实体及其关系"),
        (
            H,
            "chain_leaders.html",
            "链长制：集群、产业链、龙头企业与链长",
            "产业集群、产业链、龙头/链主企业、链长（人物或职务）及其项目与园区",
        ),
    ]
    chains = sorted(
        (n for n in H if of_type(H, n, C.IndustryChain, C.Industry)),
        key=lambda n: (H.nodes[n]["label"], n),
    )
    for chain in chains:
        name = H.nodes[chain]["label"]
        kind = "产业链" if of_type(H, chain, C.IndustryChain) else "行业"
        pages.append(
            (chain_graph(H, chain), chain_file(chain), f"{kind}：{name}", f"{name}的链长制")
        )
    return pages


def confident(G: nx.MultiDiGraph, min_confidence: float | None) -> nx.MultiDiGraph:
    """`G` without the relations found with a confidence below `min_confidence` (an edge
    without one has 1); `G` itself when there is no minimum.

    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", confidence=0.5), G.add_edge("a", "c", confidence=1.0)
    (0, 0)
    >>> sorted(confident(G, 0.8).edges())
    [('a', 'c')]
    """
    if min_confidence is None:
        return G
    H = G.copy()
    low = [
        (s, o, k)
        for s, o, k, c in G.edges(keys=True, data="confidence", default=1.0)
        if c < min_confidence
    ]
    H.remove_edges_from(low)
    return H


def write_views(
    source: Any,
    out_dir: str | os.PathLike[str],
    *,
    size_by: analytics.Measure = "degree",
    colour_by: str = "class",
    plots: Sequence[PlotLink] = (),
    min_confidence: float | None = None,
    progress: Callable[[View], None] | None = None,
    phases: Progress | None = None,
) -> list[View]:
    """Write graph.html, chain_leaders.html, one page per chain and index.html to `out_dir`.

    `source` is a store path, an rdflib graph (e.g. `kg.graph.store.open_store`) or a NetworkX
    graph from `kg.graph.network.to_networkx`. Sizes and communities are computed once on the
    whole graph, so a node has the same size on every page. The index also links `plots`
    (see `kg.apps.plots.plot_links`). With `min_confidence`, relations found less surely
    (`ckg:confidence`, 1 unless stated) are left out. Returns the views, index last.
    `progress` is called with each view written; `phases` hears of the phase "views" and each
    page.
    """
    # start-up: networkx (about 0.3 s) only when the network is built
    from kg.graph.network import to_networkx

    if isinstance(source, (str, os.PathLike)):
        source = open_store(source)
    if isinstance(source, nx.Graph):
        V = view_graph(confident(source, min_confidence))
    else:
        evidence, files = entity_evidence(source)
        G = confident(to_networkx(source), min_confidence)
        V = view_graph(G, sources=evidence, files=files)
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise KGError(f"cannot write the views to {out}: {e.strerror or e}") from e
    common: dict[str, Any] = {
        "size_by": size_by,
        "colour_by": colour_by,
        "scores": analytics.centrality(V, size_by),
        "groups": analytics.communities(V) if colour_by == "community" else None,
    }
    pages = _pages(V)
    wanted = {file for _, file, _, _ in pages}
    for stale in out.glob("chain-*.html"):
        if stale.name not in wanted:
            stale.unlink()
    views: list[View] = []
    phases = phases or NO_PROGRESS
    phases.phase("views", len(pages) + 1, "pages")
    for graph, file, title, description in pages:
        views.append(write_view(graph, out / file, title=title, description=description, **common))
        phases.advance()
        if progress is not None:
            progress(views[-1])
    index = out / "index.html"
    _write(index, render_index(views, plots=plots))
    phases.advance()
    views.append(View("index.html", "chainkg 视图", "全部视图", 0, 0, index))
    return views
