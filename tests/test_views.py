"""The HTML views (kg/apps/views.py and the modules it names) as files: which nodes each view
holds, offline, escaped, UTF-8.

What the pages do in a browser is tested in tests/test_browser.py.
"""

from __future__ import annotations

import json
import math
import re
from html.parser import HTMLParser

import networkx as nx
import pytest

from kg.apps import styles, views
from kg.ontology import display_styles, entity_classes, relations

from .helpers import kg

HOSTILE = ["<img src=x onerror=alert(1)>", "</script><script>alert(2)</script>", "&amp;\u2028"]


def graph(nodes: dict[str, str], edges: list[tuple[str, str, str]]) -> nx.MultiDiGraph:
    """A graph shaped like `kg.graph.network.to_networkx`: node -> class, (subject, relation,
    object)."""
    G = nx.MultiDiGraph()
    for node, cls in nodes.items():
        G.add_node(node, label=node, type=cls, aliases="")
    for s, p, o in edges:
        G.add_edge(s, o, predicate=p, label=p, evidence=f"{s}{p}{o}。", article=f"urn:a/{s}.txt")
    return G


def page_data(page: str) -> dict:
    block = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    return json.loads(block.group(1))


class Tags(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_every_entity_class_has_its_own_style():
    assert set(views.CLASS_STYLE) == set(entity_classes())
    found = list(views.CLASS_STYLE.values())
    assert len(set(found)) == len(found)
    assert len({colour for colour, _ in found}) == len(found)
    for _, shape in [*found, views.UNKNOWN_STYLE]:
        assert shape in styles.SHAPE_ICONS


def test_the_styles_are_the_ontologys_in_legend_order():
    assert views.CLASS_STYLE is styles.CLASS_STYLE
    assert list(views.CLASS_STYLE)[:3] == ["IndustryCluster", "IndustryChain", "Enterprise"]
    assert dict(views.CLASS_STYLE) == display_styles()


def test_the_chain_leader_relations_are_the_ontologys():
    assert views.CHAIN_SYSTEM <= set(relations())


SYSTEM = {
    "铝集群": "IndustryCluster", "铝链": "IndustryChain", "硅链": "IndustryChain",
    "海鑫": "Enterprise", "合盛": "Enterprise", "配套厂": "Enterprise", "张三": "Person",
    "市级领导": "ChainLeaderRole", "铝项目": "Project", "硅项目": "Project",
    "闲项目": "Project", "铝园": "IndustrialPark", "闲园": "IndustrialPark", "昭通市": "Region",
    "方案": "Policy", "乳品行业": "Industry", "岚乳": "Enterprise",
}  # fmt: skip
SYSTEM_EDGES = [
    ("铝链", "partOfCluster", "铝集群"),
    ("海鑫", "leadsChain", "铝链"),
    ("硅链", "hasLeadingEnterprise", "合盛"),
    ("张三", "chainLeaderOf", "铝链"),
    ("市级领导", "chainLeaderOf", "硅链"),
    ("铝项目", "developedBy", "海鑫"),
    ("硅项目", "inChain", "硅链"),
    ("铝项目", "locatedIn", "铝园"),
    ("海鑫", "locatedIn", "昭通市"),
    ("配套厂", "signedWith", "海鑫"),
    ("闲项目", "locatedIn", "闲园"),
    ("方案", "issuedBy", "昭通市"),
    ("海鑫", "signedWith", "合盛"),
    ("岚乳", "leadsChain", "乳品行业"),  # an industry led, which the text calls no chain
]

# (view, expected nodes): regions, policies, unattached projects and parks stay out.
VIEWS = [
    ("chain leaders", None,
     {"铝集群", "铝链", "硅链", "海鑫", "合盛", "张三", "市级领导", "铝项目", "硅项目", "铝园",
      "乳品行业", "岚乳"}),
    ("chain 铝链", "铝链", {"铝集群", "铝链", "海鑫", "张三", "铝项目", "铝园"}),
    ("chain 硅链", "硅链", {"硅链", "合盛", "市级领导", "硅项目"}),
    ("industry 乳品行业", "乳品行业", {"乳品行业", "岚乳"}),
]  # fmt: skip


@pytest.mark.parametrize("case,chain,expected", VIEWS, ids=[v[0] for v in VIEWS])
def test_chain_leader_views_hold_the_system(case, chain, expected):
    H = views.chain_leader_graph(views.view_graph(graph(SYSTEM, SYSTEM_EDGES)))
    if chain is not None:
        H = views.chain_graph(H, chain)
    assert set(H) == expected
    assert {d["predicate"] for _, _, d in H.edges(data=True)} <= views.CHAIN_SYSTEM


# (edges given, expected (edges in the view, evidence of the first edge))
COLLAPSE = [
    ([("a", "inChain", "c")], (1, 1)),
    ([("a", "inChain", "c"), ("a", "inChain", "c")], (1, 1)),  # same sentence twice
    ([("a", "inChain", "c"), ("a", "leadsChain", "c")], (2, 1)),
]


@pytest.mark.parametrize("edges,expected", COLLAPSE)
def test_one_edge_per_relation_with_all_its_evidence(edges, expected):
    V = views.view_graph(graph({"a": "Enterprise", "c": "IndustryChain"}, edges))
    first = next(iter(V.edges(data=True)))[2]
    assert (V.number_of_edges(), len(first["sources"])) == expected


def test_distinct_sentences_of_one_relation_are_all_kept():
    G = graph({"a": "Enterprise", "c": "IndustryChain"}, [])
    for i in range(5):
        G.add_edge("a", "c", predicate="inChain", label="属于产业链", evidence=f"第{i}句。")
    V = views.view_graph(G)
    assert [s for s, _ in V.edges["a", "c", "inChain"]["sources"]] == [
        f"第{i}句。" for i in range(5)
    ]


def test_node_evidence_puts_its_relations_first_then_mentions():
    G = graph({"a": "Enterprise", "c": "IndustryChain"}, [("a", "leadsChain", "c")])
    files = {"urn:a/a.txt": "a.txt"}
    V = views.view_graph(G, sources={"a": [("提到甲。", "b.txt")]}, files=files)
    assert V.nodes["a"]["sources"] == [("aleadsChainc。", "a.txt"), ("提到甲。", "b.txt")]
    assert V.nodes["c"]["sources"] == [("aleadsChainc。", "a.txt")]


def test_layout_places_every_node_apart_and_is_repeatable():
    G = nx.MultiDiGraph(nx.path_graph(30))
    G.add_edges_from([(100, 101), (102, 102)])
    G.add_node(200)
    pos = views.layout(G)
    assert set(pos) == set(G)
    assert all(math.isfinite(v) for xy in pos.values() for v in xy)
    assert len(set(pos.values())) == len(pos)
    assert views.layout(G) == pos


def small_and_big() -> list[tuple[str, nx.MultiDiGraph, bool]]:
    n = views.PHYSICS_UP_TO
    return [
        ("small", nx.MultiDiGraph(nx.path_graph(n)), True),
        ("big", nx.MultiDiGraph(nx.path_graph(n + 1)), False),
    ]


@pytest.mark.parametrize("case,G,physics", small_and_big(), ids=["small", "big"])
def test_physics_in_the_browser_only_for_small_graphs(case, G, physics):
    nx.set_node_attributes(G, "Enterprise", "type")
    data = page_data(views.render(views.view_graph(G), title=case))
    assert data["physics"] is physics
    assert data["options"]["physics"]["enabled"] is physics
    laid = [n for n in data["nodes"] if "x" in n]
    assert len(laid) == (0 if physics else len(G))
    assert all(n["physics"] is False for n in laid)


def test_page_is_self_contained():
    V = views.view_graph(graph(SYSTEM, SYSTEM_EDGES))
    page = views.render(V, title="全部")
    tags = Tags()
    tags.feed(page)
    assert not [t for t, a in tags.tags if t in ("link", "img", "iframe", "object", "embed")]
    assert not [a for t, a in tags.tags if t == "script" and "src" in a]
    assert {a["href"] for t, a in tags.tags if "href" in a} == {"index.html"}
    assert "cdn" not in page.lower() and "bootstrap" not in page.lower()
    csp = next(
        a["content"] for t, a in tags.tags if a.get("http-equiv") == "Content-Security-Policy"
    )
    assert "default-src 'none'" in csp


def test_text_from_articles_never_becomes_markup():
    G = nx.MultiDiGraph()
    G.add_node("urn:e", label=HOSTILE[0], type="Enterprise", aliases=HOSTILE[1])
    G.add_node("urn:c", label=HOSTILE[1], type="IndustryChain", aliases="")
    G.add_edge(
        "urn:e", "urn:c", predicate="leadsChain", label="引领产业链",
        evidence=HOSTILE[0] + HOSTILE[2], article="urn:a/" + HOSTILE[0],
    )  # fmt: skip
    page = views.render(views.view_graph(G), title=HOSTILE[1])
    for hostile in HOSTILE[:2]:
        assert hostile not in page
    assert "\u2028" not in page.split('id="kg-data">', 1)[1].split("</script>", 1)[0]
    tags = Tags()
    tags.feed(page)
    assert [t for t, _ in tags.tags].count("script") == 3
    data = page_data(page)
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["urn:e"]["label"] == HOSTILE[0]
    assert nodes["urn:e"]["kg"]["aliases"] == [HOSTILE[1]]
    assert data["edges"][0]["kg"]["evidence"] == [[HOSTILE[0] + HOSTILE[2], HOSTILE[0]]]


def test_nodes_are_sized_by_the_analytic_and_coloured_by_class_or_community():
    V = views.view_graph(graph(SYSTEM, SYSTEM_EDGES))
    by_class = {n["id"]: n for n in page_data(views.render(V, title="t"))["nodes"]}
    assert by_class["海鑫"]["size"] > by_class["张三"]["size"]
    assert by_class["海鑫"]["color"] == views.CLASS_STYLE["Enterprise"][0]
    assert by_class["铝链"]["shape"] == views.CLASS_STYLE["IndustryChain"][1]
    page = views.render(V, title="t", colour_by="community", size_by="betweenness")
    nodes = {n["id"]: n for n in page_data(page)["nodes"]}
    assert {n["kg"]["group"] for n in nodes.values()} >= {"c0", "c1"}
    assert nodes["海鑫"]["color"] in views.COMMUNITY_COLOURS
    assert "中介中心性" in page and "社区 1" in page
    with pytest.raises(ValueError, match="unknown colouring"):
        views.render(V, title="t", colour_by="size")


def test_write_views_from_the_store(seed_build, tmp_path):
    out = tmp_path / "views"
    out.mkdir()
    (out / "chain-stale000.html").write_text("old", encoding="utf-8")
    written = views.write_views(seed_build[1] / "store", out)
    files = [v.file for v in written]
    assert files[:2] == ["graph.html", "chain_leaders.html"] and files[-1] == "index.html"
    assert not (out / "chain-stale000.html").exists()
    chains = [v for v in written if v.file.startswith("chain-")]
    assert {v.title for v in chains} >= {"产业链：绿色铝产业链", "产业链：绿色硅全产业链"}
    assert sorted(p.name for p in out.iterdir()) == sorted(files)
    for v in written:
        text = v.path.read_bytes().decode("utf-8")  # UTF-8, whatever the platform's encoding
        assert '<meta charset="utf-8">' in text
    index = (out / "index.html").read_text(encoding="utf-8")
    for v in written[:-1]:
        assert f'<a href="{v.file}">{v.title}</a>' in index
        assert f'<td class="n">{v.nodes}</td><td class="n">{v.edges}</td>' in index
    leaders = next(v for v in written if v.file == "chain_leaders.html")
    data = page_data(leaders.path.read_text(encoding="utf-8"))
    labels = {n["label"] for n in data["nodes"]}
    assert {"云铝海鑫", "绿色铝产业链", "合盛铝业", "市级领导"} <= labels
    assert {e["label"] for e in data["edges"]} >= {"引领产业链", "担任链长"}


def test_the_index_links_the_plots_it_is_given(tmp_path):
    G = graph({"a": "Enterprise", "c": "IndustryChain"}, [("a", "leadsChain", "c")])
    links = [("../plots/chain_leaders.png", "链长制全景"), ("../plots/m%20&.png", "<指标>")]
    written = views.write_views(G, tmp_path, plots=links)
    index = written[-1].path.read_text(encoding="utf-8")
    assert index.count('id="plots"') == 1
    assert '<li><a href="../plots/chain_leaders.png">链长制全景</a></li>' in index
    assert '<li><a href="../plots/m%20&amp;.png">&lt;指标&gt;</a></li>' in index
    assert index.index("</table>") < index.index('id="plots"') < index.index("</body>")
    without = views.write_views(G, tmp_path)[-1].path.read_text(encoding="utf-8")
    assert 'id="plots"' not in without


def test_build_writes_the_views_linking_the_plots(seed_build):
    report, out = seed_build
    assert report.files["views"] == out / "views" / "index.html"
    assert (out / "views" / "chain_leaders.html").is_file()
    index = report.files["views"].read_text(encoding="utf-8")
    pngs = sorted((out / "plots").glob("*.png"))
    assert index.count("<li>") == len(pngs) > 1
    assert 'href="../plots/chain_leaders.png"' in index


def test_kg_views_writes_the_pages(seed_build, tmp_path):
    out = tmp_path / "v"
    proc = kg("views", "--store", str(seed_build[1] / "store"), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "chain_leaders.html" in proc.stdout and (out / "index.html").is_file()


@pytest.mark.parametrize(
    "store,out,message",
    [
        ("nothing", "v", "no store at"),
        ("STORE", "a-file", "cannot write the views to"),
    ],
)
def test_kg_views_refuses_bad_paths_in_one_line(seed_build, tmp_path, store, out, message):
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    store = str(seed_build[1] / "store") if store == "STORE" else str(tmp_path / store)
    proc = kg("views", "--store", store, "--out", str(tmp_path / out))
    assert proc.returncode == 1
    assert proc.stderr.strip().count("\n") == 0 and "Traceback" not in proc.stderr
    assert message in proc.stderr


def test_an_empty_store_gives_empty_views(tmp_path):
    from kg.graph.store import build_store

    build_store([], tmp_path / "store")
    written = views.write_views(tmp_path / "store", tmp_path / "views")
    assert [(v.file, v.nodes, v.edges) for v in written[:2]] == [
        ("graph.html", 0, 0),
        ("chain_leaders.html", 0, 0),
    ]
    assert page_data(written[0].path.read_text(encoding="utf-8"))["nodes"] == []


# (minimum confidence, leading-firm edges left in the chain-leader view of the bundled
# articles, whose five 以X为龙头 statements were found at 0.68)
CONFIDENCE_CASES = [(None, 5), (0.5, 5), (0.7, 0), (1.0, 0)]


@pytest.mark.parametrize("minimum, leading", CONFIDENCE_CASES)
def test_views_leave_out_relations_found_less_surely(seed_build, minimum, leading):
    from kg.graph.network import to_networkx
    from kg.graph.store import open_store

    G = to_networkx(open_store(seed_build[1] / "store"))
    kept = views.confident(G, minimum)
    found = [p for *_, p in kept.edges(data="predicate") if p == "leadsChain"]
    assert len(found) == leading
    assert all(0 < c <= 1 for *_, c in G.edges(data="confidence"))


def test_kg_views_min_confidence(seed_build, tmp_path):
    store = str(seed_build[1] / "store")
    proc = kg("views", "--store", store, "--out", str(tmp_path / "v"), "--min-confidence", "0.7")
    assert proc.returncode == 0, proc.stderr
    proc = kg("views", "--store", store, "--out", str(tmp_path / "w"), "--min-confidence", "1.5")
    assert proc.returncode == 2 and "must be a number from 0 to 1" in proc.stderr
