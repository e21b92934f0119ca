"""A view graph -> its HTML page (pyvis data, vis-network inlined): offline and escaped.

Each page carries vis-network, its styles and the graph data inline, so it opens from a laptop
without a network; colours and shapes come from `kg.apps.styles.CLASS_STYLE`, edge labels are
the ontology's Chinese labels, hovering shows a node's class, aliases and evidence sentences
with their articles, clicking a node highlights its neighbours, and a search box and the
legend's check boxes find and filter.

Text from articles never becomes markup: the data sits in a JSON block whose ``<``, ``>`` and
``&`` are escaped, and the page's script shows it through ``textContent`` or the canvas.

>>> import networkx as nx
>>> from kg.apps.subgraphs import view_graph
>>> G = nx.MultiDiGraph()
>>> G.add_node("e", label="云铝海鑫", type="Enterprise", aliases="")
>>> page = render(view_graph(G), title="<示例>")
>>> "<title>&lt;示例&gt;</title>" in page, "<script src" in page, "<link" in page
(True, False, False)
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from typing import Any

import networkx as nx

from kg.apps.layout import layout
from kg.apps.styles import CLASS_STYLE, COMMUNITY_COLOURS, SHAPE_ICONS, UNKNOWN_STYLE, vis_options
from kg.apps.subgraphs import Source
from kg.apps.templates import inline, script_json, static, template, vis
from kg.graph import analytics
from kg.ontology import label as term_label

__all__ = ["PHYSICS_UP_TO", "MAX_SOURCES", "render"]

#: Up to this many nodes the browser lays the graph out (physics, stopped once stable); above
#: it NetworkX lays it out beforehand and the page draws without physics. Measured with
#: `benchmarks/bench_views.py` on the 2-core machine: in-browser physics takes about a second to
#: its first stable drawing at 100-200 nodes, 2-3 s at 300 and 10 s or more at 2,000, while a
#: pre-laid page draws in 0.1-0.5 s at any of these sizes.
PHYSICS_UP_TO = 200

#: Evidence sentences carried per node or edge (the hover says how many more there are).
MAX_SOURCES = 3

_MEASURE_NAMES = {"degree": "度（不同邻居数）", "betweenness": "中介中心性"}


def _class_label(cls: str) -> str:
    try:
        return term_label(cls)
    except KeyError:
        return cls or "未知"


def _sizes(V: nx.Graph, scores: Mapping[Hashable, float]) -> dict[Hashable, float]:
    top = max((scores.get(n, 0) for n in V), default=0) or 1
    return {n: round(10 + 22 * math.sqrt(max(scores.get(n, 0), 0) / top), 1) for n in V}


def _cut(items: Sequence[Source]) -> tuple[list[list[str]], int]:
    return [list(s) for s in items[:MAX_SOURCES]], max(len(items) - MAX_SOURCES, 0)


def _legend(
    V: nx.Graph, colour_by: str, groups: Sequence[set[Hashable]] | None
) -> tuple[list[dict[str, Any]], dict[Hashable, str]]:
    """The legend's entries (key, colour, shape, label, count) and each node's entry key."""
    group_of: dict[Hashable, str] = {}
    legend: list[dict[str, Any]] = []
    if colour_by == "community":
        if groups is None:
            groups = analytics.communities(V)
        number = analytics.community_of(groups)
        counts: dict[int, int] = {}
        for n in V:
            i = min(number.get(n, len(COMMUNITY_COLOURS)), len(COMMUNITY_COLOURS))
            group_of[n] = f"c{i}"
            counts[i] = counts.get(i, 0) + 1
        for i in sorted(counts):
            colour = COMMUNITY_COLOURS[i] if i < len(COMMUNITY_COLOURS) else UNKNOWN_STYLE[0]
            name = f"社区 {i + 1}" if i < len(COMMUNITY_COLOURS) else "其他社区"
            legend.append({"key": f"c{i}", "colour": colour, "shape": "dot", "label": name})
            legend[-1]["count"] = counts[i]
    else:
        present = {V.nodes[n].get("type", "") for n in V}
        for cls in [*CLASS_STYLE, ""]:
            if cls in present:
                colour, shape = CLASS_STYLE.get(cls, UNKNOWN_STYLE)
                count = sum(1 for n in V if V.nodes[n].get("type", "") == cls)
                name = f"{_class_label(cls)} {cls}" if cls else "未知类别"
                legend.append(
                    {"key": cls, "colour": colour, "shape": shape, "label": name, "count": count}
                )
        group_of = {n: V.nodes[n].get("type", "") for n in V}
    return legend, group_of


def render(
    V: nx.MultiDiGraph,
    *,
    title: str,
    size_by: analytics.Measure = "degree",
    colour_by: str = "class",
    scores: Mapping[Hashable, float] | None = None,
    groups: Sequence[set[Hashable]] | None = None,
    physics: bool | None = None,
) -> str:
    """The HTML page of a view graph (`kg.apps.subgraphs.view_graph`): self-contained, UTF-8,
    no request made.

    Nodes are sized by `size_by` (or the given `scores`, e.g. computed on the whole graph) and
    coloured by class or, with ``colour_by="community"``, by Louvain community (`groups`).
    `physics` None chooses by size (see `PHYSICS_UP_TO`); False lays out with `layout`.
    """
    # start-up: pyvis (about 0.7 s) only when views are written
    from pyvis.network import Network

    if colour_by not in ("class", "community"):
        raise ValueError(f"unknown colouring {colour_by!r}: use 'class' or 'community'")
    if scores is None:
        scores = analytics.centrality(V, size_by)
    if physics is None:
        physics = len(V) <= PHYSICS_UP_TO
    pos = {} if physics else layout(V)
    sizes = _sizes(V, scores)
    measure = _MEASURE_NAMES.get(size_by, size_by)
    legend, group_of = _legend(V, colour_by, groups)
    colour_of = {item["key"]: item["colour"] for item in legend}

    net = Network(directed=True, cdn_resources="in_line")
    for n, d in V.nodes(data=True):
        cls = d.get("type", "")
        shape = CLASS_STYLE.get(cls, UNKNOWN_STYLE)[1]
        evidence, more = _cut(d.get("sources") or [])
        metrics = {measure: round(scores.get(n, 0), 4)}
        extra: dict[str, Any] = {}
        if n in pos:
            extra.update(x=pos[n][0], y=pos[n][1], physics=False)
        net.add_node(
            str(n),
            label=d.get("label") or str(n),
            shape=shape,
            color=colour_of[group_of[n]],
            size=sizes[n],
            kg={
                "cls": cls or "?",
                "classLabel": _class_label(cls),
                "group": group_of[n],
                "aliases": d.get("aliases") or [],
                "evidence": evidence,
                "more": more,
                "metrics": metrics,
            },
            **extra,
        )
    for i, (u, v, d) in enumerate(V.edges(data=True)):
        evidence, more = _cut(d.get("sources") or [])
        net.add_edge(
            str(u),
            str(v),
            id=f"e{i}",
            label=d.get("label") or d.get("predicate", ""),
            kg={"predicate": d.get("predicate", ""), "evidence": evidence, "more": more},
        )
    net.options = vis_options(len(V), physics)
    data = {"nodes": net.nodes, "edges": net.edges, "options": net.options, "physics": physics}
    for item in legend:
        item["icon"] = inline(SHAPE_ICONS[item["shape"]].format(c=item["colour"]), "svg")
    return template("view.html").render(
        title=title,
        n_nodes=V.number_of_nodes(),
        n_edges=V.number_of_edges(),
        legend=legend,
        legend_title="图例（社区）" if colour_by == "community" else "图例（类别）",
        size_note=f"节点大小：{measure}",
        data_json=script_json(data),
        vis_js=inline(vis("vis-network.min.js"), "script"),
        view_css=inline(static("view.css"), "style"),
        view_js=inline(static("view.js"), "script"),
    )
