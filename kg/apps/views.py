"""NetworkX -> interactive HTML views (pyvis data, vis-network inlined): offline and escaped.

`write_views` writes ``graph.html`` (every entity), ``chain_leaders.html`` (clusters, chains,
leading enterprises, chain leaders and the projects and parks attached to them), one page per
chain and ``index.html`` linking them with their node and edge counts. Each page carries
vis-network, its styles and the graph data inline, so it opens from a laptop without a network;
colours and shapes come from `CLASS_STYLE`, edge labels are the ontology's Chinese labels,
hovering shows a node's class, aliases and evidence sentences with their articles, clicking a
node highlights its neighbours, and a search box and the legend's check boxes find and filter.

Text from articles never becomes markup: the data sits in a JSON block whose ``<``, ``>`` and
``&`` are escaped, and the page's script shows it through ``textContent`` or the canvas.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("e", label="云铝海鑫", type="Enterprise", aliases="")
>>> G.add_node("c", label="绿色铝产业链", type="IndustryChain", aliases="")
>>> _ = G.add_edge("e", "c", predicate="leadsChain", label="引领产业链",
...                evidence="以云铝海鑫为龙头,绿色铝产业链链长工作取得新成效。", article="a")
>>> V = view_graph(G)
>>> page = render(V, title="<示例>")
>>> "<title>&lt;示例&gt;</title>" in page, "<script src" in page, "<link" in page
(True, False, False)
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from kg.errors import KGError
from kg.graph import analytics
from kg.graph.query import run_named
from kg.graph.store import open_store
from kg.ontology import label as term_label
from kg.progress import NO_PROGRESS, Progress
from kg.terms import C, P

__all__ = [
    "CLASS_STYLE",
    "UNKNOWN_STYLE",
    "COMMUNITY_COLOURS",
    "CHAIN_SYSTEM",
    "PHYSICS_UP_TO",
    "MAX_SOURCES",
    "View",
    "entity_evidence",
    "view_graph",
    "chain_leader_graph",
    "chain_graph",
    "layout",
    "render",
    "render_index",
    "write_view",
    "write_views",
    "CHROMIUM",
    "chromium_options",
]

STATIC = Path(__file__).resolve().parent / "static"

#: Colour and vis-network shape per ontology class; the legend is drawn from this table.
#: Only shapes that draw their label below the node, so that size can show an analytic.
CLASS_STYLE: dict[str, tuple[str, str]] = {
    C.IndustryCluster: ("#8e24aa", "hexagon"),
    C.IndustryChain: ("#ef6c00", "diamond"),
    C.Enterprise: ("#1e88e5", "dot"),
    C.Person: ("#e53935", "star"),
    C.ChainLeaderRole: ("#d81b60", "triangle"),
    C.IndustrialPark: ("#43a047", "square"),
    C.Project: ("#00acc1", "triangleDown"),
    C.Policy: ("#6d4c41", "square"),
    C.Strategy: ("#5e35b1", "triangle"),
    C.Region: ("#c0a000", "dot"),
}
#: Nodes of no known class (an IRI seen only as a relation's end).
UNKNOWN_STYLE: tuple[str, str] = ("#9e9e9e", "dot")
#: Colours of the largest communities when nodes are coloured by community; the rest are grey.
COMMUNITY_COLOURS: tuple[str, ...] = (
    "#1e88e5",
    "#ef6c00",
    "#43a047",
    "#e53935",
    "#8e24aa",
    "#00acc1",
    "#c0a000",
    "#d81b60",
    "#6d4c41",
    "#5e35b1",
)

#: The relations of the chain-leader system view.
CHAIN_SYSTEM: frozenset[str] = frozenset(
    {
        P.partOfCluster,
        P.leadsChain,
        P.hasLeadingEnterprise,
        P.chainLeaderOf,
        P.developedBy,
        P.inChain,
        P.locatedIn,
    }
)

#: Up to this many nodes the browser lays the graph out (physics, stopped once stable); above
#: it NetworkX lays it out beforehand and the page draws without physics. Measured with
#: `benchmarks/bench_views.py` on the 2-core machine: in-browser physics takes about a second to
#: its first stable drawing at 100-200 nodes, 2-3 s at 300 and 10 s or more at 2,000, while a
#: pre-laid page draws in 0.1-0.5 s at any of these sizes.
PHYSICS_UP_TO = 200

_FEW_ITERATIONS_FROM = 500  # component size from which `layout` starts from a spectral layout

#: Evidence sentences carried per node or edge (the hover says how many more there are).
MAX_SOURCES = 3

_FONT = "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
_SHAPE_ICONS: dict[str, str] = {
    "dot": '<circle r="6" fill="{c}"/>',
    "square": '<rect x="-6" y="-6" width="12" height="12" fill="{c}"/>',
    "diamond": '<polygon points="0,-7 7,0 0,7 -7,0" fill="{c}"/>',
    "triangle": '<polygon points="0,-7 7,6 -7,6" fill="{c}"/>',
    "triangleDown": '<polygon points="0,7 7,-6 -7,-6" fill="{c}"/>',
    "hexagon": '<polygon points="7,0 3.5,6.1 -3.5,6.1 -7,0 -3.5,-6.1 3.5,-6.1" fill="{c}"/>',
    "star": '<polygon points="0,-7 1.6,-2.2 6.7,-2.2 2.6,0.8 4.1,5.7 0,2.7 -4.1,5.7 -2.6,0.8 '
    '-6.7,-2.2 -1.6,-2.2" fill="{c}"/>',
}
_MEASURE_NAMES = {"degree": "度（不同邻居数）", "betweenness": "中介中心性"}

Source = tuple[str, str]  # (evidence sentence, article file name)


@dataclass(frozen=True)
class View:
    """One written page: its file name, title, description and size."""

    file: str
    title: str
    description: str
    nodes: int
    edges: int
    path: Path


# --------------------------------------------------------------------------- graphs


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


def _of_type(V: nx.Graph, node: Hashable, *types: str) -> bool:
    return V.nodes[node].get("type") in types


def chain_leader_graph(V: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The chain-leader system: every chain, its clusters, leading enterprises and chain leaders,
    and the projects and parks attached to those chains and enterprises.

    >>> V = nx.MultiDiGraph()
    >>> V.add_nodes_from([("c", {"type": "IndustryChain"}), ("e", {"type": "Enterprise"}),
    ...                   ("r", {"type": "Region"})])
    >>> V.add_edges_from([("e", "c", {"predicate": "leadsChain"}),
    ...                   ("e", "r", {"predicate": "locatedIn"})])
    [0, 0]
    >>> sorted(chain_leader_graph(V))
    ['c', 'e']
    """
    chains = {n for n in V if _of_type(V, n, C.IndustryChain)}
    core, firms = set(chains), set()
    for u, v, d in V.edges(data=True):
        p = d.get("predicate")
        if p == P.partOfCluster and u in chains and _of_type(V, v, C.IndustryCluster):
            core.add(v)
        elif p == P.leadsChain and v in chains and _of_type(V, u, C.Enterprise):
            firms.add(u)
        elif p == P.hasLeadingEnterprise and u in chains and _of_type(V, v, C.Enterprise):
            firms.add(v)
        elif p == P.chainLeaderOf and v in chains:
            core.add(u)
    core |= firms
    projects = set()
    for u, v, d in V.edges(data=True):
        p = d.get("predicate")
        if _of_type(V, u, C.Project) and (
            (p == P.developedBy and v in firms) or (p == P.inChain and v in chains)
        ):
            projects.add(u)
    attached = firms | chains | projects
    parks = {
        v
        for u, v, d in V.edges(data=True)
        if d.get("predicate") == P.locatedIn and u in attached and _of_type(V, v, C.IndustrialPark)
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
    frontier = {n for n in near if _of_type(H, n, C.Enterprise, C.Project)}
    for _ in range(2):
        found = {m for n in frontier for m in U[n] if _of_type(H, m, C.Project, C.IndustrialPark)}
        frontier = found - near
        near |= found
    return _restrict(H, near, CHAIN_SYSTEM)


def _spring(H: nx.Graph, seed: int) -> dict[Hashable, Any]:
    if len(H) < _FEW_ITERATIONS_FROM:
        return nx.spring_layout(H, seed=seed)
    # 50 spring iterations take ~8 s at 2,000 nodes; from a spectral start 15 are enough.
    start = nx.spectral_layout(H)
    return nx.spring_layout(H, pos=start, iterations=15, seed=seed, method="force")


def layout(
    G: nx.Graph, *, seed: int = 0, spacing: float = 60.0
) -> dict[Hashable, tuple[float, float]]:
    """Positions in pixels: each connected component by NetworkX's spring layout (started
    from its spectral layout when large), the components packed in rows, largest first.

    >>> pos = layout(nx.MultiDiGraph([("a", "b"), ("c", "d")]))
    >>> sorted(pos), all(isinstance(x, float) for xy in pos.values() for x in xy)
    (['a', 'b', 'c', 'd'], True)
    """
    H = analytics.simple_graph(G)
    boxes: list[tuple[float, float, dict[Hashable, tuple[float, float]]]] = []
    for comp in analytics.components(H):
        if len(comp) == 1:
            placed = {next(iter(comp)): (0.0, 0.0)}
        else:
            radius = spacing * math.sqrt(len(comp)) * 0.6
            raw = _spring(H.subgraph(comp), seed)
            placed = {n: (float(x) * radius, float(y) * radius) for n, (x, y) in raw.items()}
        xs = [x for x, _ in placed.values()]
        ys = [y for _, y in placed.values()]
        x0, y0 = min(xs), min(ys)
        shifted = {n: (x - x0, y - y0) for n, (x, y) in placed.items()}
        boxes.append((max(xs) - x0 + spacing, max(ys) - y0 + spacing, shifted))
    if not boxes:
        return {}
    area = sum(w * h for w, h, _ in boxes)
    row_width = max(max(w for w, _, _ in boxes), math.sqrt(area) * 1.3)
    pos: dict[Hashable, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for w, h, placed in boxes:
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        pos.update({n: (round(x + px, 1), round(y + py, 1)) for n, (px, py) in placed.items()})
        x += w
        row_height = max(row_height, h)
    return pos


# --------------------------------------------------------------------------- pages


@cache
def _static(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


@cache
def _vis(name: str) -> str:
    # vis-network as the pyvis package ships it, inlined so the page makes no request.
    return (resources.files("pyvis") / "templates" / "lib" / "vis-9.1.2" / name).read_text(
        encoding="utf-8"
    )


def _inline(text: str, tag: str) -> Any:
    if f"</{tag}" in text.lower():
        raise ValueError(f"cannot inline text containing </{tag}")
    return Markup(text)


def _script_json(obj: Any) -> Any:
    """JSON that stays JSON inside ``<script>``: no ``<``, ``>`` or ``&`` survives literally.

    >>> str(_script_json({"t": "</script><img src=x>"}))
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003cimg src=x\\\\u003e"}'
    """
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return _inline(text, "script")


@cache
def _templates() -> Any:
    return Environment(
        loader=FileSystemLoader(str(STATIC)), autoescape=True, undefined=StrictUndefined
    )


def _class_label(cls: str) -> str:
    try:
        return term_label(cls)
    except KeyError:
        return cls or "未知"


def _options(n_nodes: int, physics: bool) -> dict[str, Any]:
    big = not physics
    return {
        "autoResize": True,
        "nodes": {
            "borderWidth": 1,
            "font": {
                "size": 14,
                "face": _FONT,
                "color": "#202124",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {"color": "#9aa0a6", "highlight": "#5f6368", "hover": "#5f6368"},
            "font": {
                "size": 11,
                "face": _FONT,
                "color": "#3c4043",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
                "align": "middle",
            },
            "smooth": False if big else {"enabled": True, "type": "continuous", "roundness": 0.3},
            "width": 1,
        },
        "physics": {
            "enabled": physics,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -70,
                "springLength": 110,
                "springConstant": 0.06,
                "avoidOverlap": 0.3,
            },
            "stabilization": {"enabled": True, "iterations": 500, "updateInterval": 50},
            "minVelocity": 0.75,
        },
        # improvedLayout (Kamada-Kawai clustering in the browser) is what makes big pyvis
        # pages take minutes; it is only worth it on small graphs.
        "layout": {"randomSeed": 7, "improvedLayout": n_nodes <= 100},
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "multiselect": False,
        },
    }


def _sizes(V: nx.Graph, scores: Mapping[Hashable, float]) -> dict[Hashable, float]:
    top = max((scores.get(n, 0) for n in V), default=0) or 1
    return {n: round(10 + 22 * math.sqrt(max(scores.get(n, 0), 0) / top), 1) for n in V}


def _cut(items: Sequence[Source]) -> tuple[list[list[str]], int]:
    return [list(s) for s in items[:MAX_SOURCES]], max(len(items) - MAX_SOURCES, 0)


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
    """The HTML page of a view graph (`view_graph`): self-contained, UTF-8, no request made.

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
    net.options = _options(len(V), physics)
    data = {"nodes": net.nodes, "edges": net.edges, "options": net.options, "physics": physics}
    for item in legend:
        item["icon"] = _inline(_SHAPE_ICONS[item["shape"]].format(c=item["colour"]), "svg")
    return (
        _templates()
        .get_template("view.html")
        .render(
            title=title,
            n_nodes=V.number_of_nodes(),
            n_edges=V.number_of_edges(),
            legend=legend,
            legend_title="图例（社区）" if colour_by == "community" else "图例（类别）",
            size_note=f"节点大小：{measure}",
            data_json=_script_json(data),
            vis_js=_inline(_vis("vis-network.min.js"), "script"),
            view_css=_inline(_static("view.css"), "style"),
            view_js=_inline(_static("view.js"), "script"),
        )
    )


def render_index(views: Sequence[View], *, title: str = "chainkg 视图", note: str = "") -> str:
    """The index page linking every view with its node and edge counts.

    >>> page = render_index([View("graph.html", "全部", "<b>", 2, 1, Path("graph.html"))])
    >>> '<a href="graph.html">全部</a>' in page, "&lt;b&gt;" in page
    (True, True)
    """
    return _templates().get_template("index.html").render(title=title, views=views, note=note)


def _write(path: Path, text: str) -> None:
    # Always UTF-8 (pyvis writes in the platform's encoding); written aside, then renamed.
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


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


def write_views(
    source: Any,
    out_dir: str | os.PathLike[str],
    *,
    size_by: analytics.Measure = "degree",
    colour_by: str = "class",
    progress: Callable[[View], None] | None = None,
    phases: Progress | None = None,
) -> list[View]:
    """Write graph.html, chain_leaders.html, one page per chain and index.html to `out_dir`.

    `source` is a store path, an rdflib graph (e.g. `kg.graph.store.open_store`) or a NetworkX graph
    from `kg.graph.network.to_networkx`. Sizes and communities are computed once on the whole graph,
    so a node has the same size on every page. Returns the views, index last. `progress` is
    called with each view written; `phases` hears of the phase "views" and each page.
    """
    # start-up: networkx (about 0.3 s) only when the network is built
    from kg.graph.network import to_networkx

    if isinstance(source, (str, os.PathLike)):
        source = open_store(source)
    if isinstance(source, nx.Graph):
        V = view_graph(source)
    else:
        evidence, files = entity_evidence(source)
        V = view_graph(to_networkx(source), sources=evidence, files=files)
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
    H = chain_leader_graph(V)
    pages = [
        (
            V,
            "graph.html",
            "全部实体与关系",
            "图中的全部实体及其关系",
        ),
        (
            H,
            "chain_leaders.html",
            "链长制：集群、产业链、龙头企业与链长",
            "产业集群、产业链、龙头/链主企业、链长（人物或职务）及其项目与园区",
        ),
    ]
    chains = sorted(
        (n for n in H if _of_type(H, n, C.IndustryChain)), key=lambda n: (H.nodes[n]["label"], n)
    )
    for chain in chains:
        name = H.nodes[chain]["label"]
        pages.append(
            (chain_graph(H, chain), chain_file(chain), f"产业链：{name}", f"{name}的链长制")
        )
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
    _write(index, render_index(views))
    phases.advance()
    views.append(View("index.html", "chainkg 视图", "全部视图", 0, 0, index))
    return views


#: Debian's Chromium, in which tests/test_browser.py and benchmarks/bench_views.py open views.
CHROMIUM = Path("/usr/bin/chromium")


def chromium_options() -> dict[str, Any]:
    """Keyword arguments for playwright's ``chromium.launch_persistent_context`` that open views
    in `CHROMIUM`, headless, in a 1280x800 viewport, with no GPU, no QUIC and none of the
    browser's own traffic (first run, sync, component updates, background networking), so every
    request left is the page's.

    >>> options = chromium_options()
    >>> options["executable_path"], "--headless" in options["args"]
    ('/usr/bin/chromium', True)
    """
    return {
        "executable_path": str(CHROMIUM),
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
        "viewport": {"width": 1280, "height": 800},
    }
