"""The views in a real browser: Debian's headless Chromium driven by playwright, network refused.

Each page is opened from disk with every request that is not a file of the page refused (and
recorded); a page passes when it made no such request, logged no console error, holds the
expected numbers of nodes and edges in its vis network, drew on its canvas and shows a node's
evidence on hover. Screenshots go to out/screenshots/.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import networkx as nx
import pytest

from kg.apps import views

from .conftest import ROOT
from .helpers import CHROMIUM, chromium_options

SHOTS = ROOT / "out" / "screenshots"
HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(2)</script>",
    "\"'><svg onload=alert(3)>&amp;",
]


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """A headless Chromium with a fresh profile, closed after the module."""
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is absent: install Debian's chromium package (make test does)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI must run the browser tests")
        pytest.skip(reason)
    from playwright import sync_api

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(str(profile), **chromium_options())
        try:
            yield context
        finally:
            context.close()


class Page:
    """A page opened offline, with what it logged, requested and tried to pop up."""

    def __init__(self, context, path: Path) -> None:
        self.errors: list[str] = []
        self.refused: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        page = self.page = context.new_page()
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("dialog", self._dialog)
        page.route("**/*", self._route)
        page.goto(path.as_uri())
        if page.locator("#kg-network").count():
            page.wait_for_selector("body[data-ready='1']", state="attached", timeout=60_000)

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            self.refused.append(url)
            route.abort()

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def counts(self) -> tuple[int, int]:
        return tuple(
            self.js(
                "() => [kgView.network.body.data.nodes.length,"
                " kgView.network.body.data.edges.length]"
            )
        )

    def painted_pixels(self) -> int:
        # The canvas is transparent where nothing is drawn.
        return self.js(
            """() => {
                const c = document.querySelector('#kg-network canvas');
                const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let n = 0;
                for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
                return n;
            }"""
        )

    def hover(self, node: str) -> str:
        """Move the mouse onto `node` and return the tooltip's text."""
        x, y = self.js(
            """(id) => {
                const net = kgView.network;
                net.focus(id, {scale: 1.0, animation: false});
                const p = net.canvasToDOM(net.getPositions([id])[id]);
                const r = document.querySelector('#kg-network canvas').getBoundingClientRect();
                return [r.left + p.x, r.top + p.y];
            }""",
            node,
        )
        self.page.mouse.move(x - 40, y - 40)
        self.page.mouse.move(x, y, steps=4)
        tip = self.page.locator("#kg-network div.vis-tooltip")
        tip.wait_for(state="visible", timeout=5_000)
        box = tip.bounding_box()
        width, height = self.page.viewport_size["width"], self.page.viewport_size["height"]
        assert 0 <= box["x"] < width and 0 <= box["y"] < height, f"tooltip off screen: {box}"
        return tip.inner_text()

    def close(self) -> None:
        self.page.close()

    def check_clean(self) -> None:
        assert not self.refused, f"requests left the page: {self.refused}"
        outside = [u for u in self.requests if not u.startswith(("file:", "data:"))]
        assert not outside, outside
        assert not self.errors, self.errors
        assert not self.dialogs, self.dialogs


@pytest.fixture(scope="module")
def seed_views(seed_build, tmp_path_factory):
    """The views of the bundled articles' store, written once."""
    _, out = seed_build
    return views.write_views(out / "store", tmp_path_factory.mktemp("views"))


def _node_with_evidence(V: nx.Graph) -> str:
    # The best-connected node that has evidence: easiest to find on screen, most to show.
    nodes = [n for n, d in V.nodes(data=True) if d.get("sources")]
    return max(nodes, key=lambda n: (V.degree(n), str(n)))


def _screenshot(page: Page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.page.screenshot(path=str(path))
    return path


def _check_view(browser, view: views.View, V: nx.Graph) -> None:
    page = Page(browser, view.path)
    try:
        page.check_clean()
        assert page.counts() == (view.nodes, view.edges) == (len(V), V.number_of_edges())
        assert page.painted_pixels() > 100
        assert _screenshot(page, view.path.stem).stat().st_size > 10_000
        node = _node_with_evidence(V)
        text = page.hover(node)
        assert V.nodes[node]["label"] in text
        assert V.nodes[node]["sources"][0][0] in text
        assert V.nodes[node]["sources"][0][1] in text
        _screenshot(page, f"{view.path.stem}-hover")
        page.check_clean()
    finally:
        page.close()


def _graph_of(seed_build, file: str) -> nx.MultiDiGraph:
    from kg.graph.network import to_networkx
    from kg.graph.store import open_store

    ds = open_store(seed_build[1] / "store")
    evidence, files = views.entity_evidence(ds)
    V = views.view_graph(to_networkx(ds), sources=evidence, files=files)
    if file == "graph.html":
        return V
    H = views.chain_leader_graph(V)
    if file == "chain_leaders.html":
        return H
    chain = next(n for n in H if views.chain_file(n) == file)
    return views.chain_graph(H, chain)


@pytest.mark.parametrize("kind", ["graph.html", "chain_leaders.html", "chain-"])
def test_view_loads_offline_draws_and_shows_evidence(browser, seed_build, seed_views, kind):
    chosen = [v for v in seed_views if v.file.startswith(kind)]
    assert chosen, kind
    for view in chosen:
        _check_view(browser, view, _graph_of(seed_build, view.file))


def test_index_links_every_view_with_counts(browser, seed_views):
    index = seed_views[-1]
    page = Page(browser, index.path)
    try:
        page.check_clean()
        rows = page.js(
            """() => [...document.querySelectorAll('#kg-views tbody tr')].map(tr =>
                [tr.querySelector('a').getAttribute('href'),
                 ...[...tr.querySelectorAll('td.n')].map(td => Number(td.textContent))])"""
        )
        assert rows == [[v.file, v.nodes, v.edges] for v in seed_views[:-1]]
        _screenshot(page, "index")
    finally:
        page.close()


def test_click_highlights_neighbours_and_search_finds(browser, seed_views, seed_build):
    view = next(v for v in seed_views if v.file == "chain_leaders.html")
    V = _graph_of(seed_build, view.file)
    node = max(V, key=lambda n: (V.degree(n), str(n)))
    near = set(nx.all_neighbors(V, node)) | {node}
    far = next(n for n in V if n not in near)
    page = Page(browser, view.path)
    try:
        x, y = page.js(
            """(id) => {
                const net = kgView.network;
                const p = net.canvasToDOM(net.getPositions([id])[id]);
                const r = document.querySelector('#kg-network canvas').getBoundingClientRect();
                return [r.left + p.x, r.top + p.y];
            }""",
            node,
        )
        page.page.mouse.click(x, y)
        assert page.js("() => kgView.highlighted") == node
        colours = page.js("(ids) => ids.map(id => kgView.nodes.get(id).color)", [node, far])
        assert colours[0] == views.CLASS_STYLE[V.nodes[node]["type"]][0]
        assert colours[1].startswith("rgba(200,200,200")
        page.page.click("#kg-reset")
        assert page.js("() => kgView.highlighted") is None

        label = V.nodes[far]["label"]
        page.page.fill("#kg-search", label)
        page.page.press("#kg-search", "Enter")
        assert page.js("() => kgView.highlighted") == far
        page.page.fill("#kg-search", "不存在的名称")
        page.page.press("#kg-search", "Enter")
        assert "没有找到" in page.page.inner_text("#kg-message")
        page.check_clean()
    finally:
        page.close()


def test_legend_boxes_hide_and_show_a_class(browser, seed_views):
    view = next(v for v in seed_views if v.file == "chain_leaders.html")
    page = Page(browser, view.path)
    try:
        box = page.page.locator("#kg-legend input[data-group='Enterprise']")
        hidden = "() => kgView.nodes.get({filter: n => n.hidden === true}).length"
        box.uncheck()
        n_firms = page.js("() => kgView.nodes.get({filter: n => n.kg.cls === 'Enterprise'}).length")
        assert n_firms > 0 and page.js(hidden) == n_firms
        box.check()
        assert page.js(hidden) == 0
        page.check_clean()
    finally:
        page.close()


def _hostile_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_node("urn:x:e", label=HOSTILE[0], type="Enterprise", aliases=HOSTILE[2])
    G.add_node("urn:x:c", label=HOSTILE[1], type="IndustryChain", aliases="")
    G.add_edge(
        "urn:x:e",
        "urn:x:c",
        predicate="leadsChain",
        label="引领产业链",
        evidence=f"以{HOSTILE[0]}为龙头，{HOSTILE[1]}发展。",
        article=f"urn:x:article/{HOSTILE[2]}",
    )
    return G


def test_text_from_articles_is_shown_never_run(browser, tmp_path):
    V = views.view_graph(_hostile_graph())
    view = views.write_view(V, tmp_path / "hostile.html", title=HOSTILE[1] + HOSTILE[0])
    page = Page(browser, view.path)
    try:
        page.check_clean()
        assert page.counts() == (2, 1)
        assert page.js("() => document.querySelectorAll('img, svg[onload]').length") == 0
        assert page.js("() => document.scripts.length") == 3  # data, vis-network, the view
        assert page.page.inner_text("h1") == HOSTILE[1] + HOSTILE[0]
        text = page.hover("urn:x:e")
        for hostile in HOSTILE:
            assert hostile in text
        options = page.js(
            "() => [...document.querySelectorAll('#kg-labels option')].map(o => o.value)"
        )
        assert sorted(options) == sorted(HOSTILE[:2])
        page.page.wait_for_timeout(300)  # an onerror handler would have fired by now
        page.check_clean()
    finally:
        page.close()


def _random_chain_graph(n: int, *, seed: int = 0) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    classes = list(views.CLASS_STYLE)
    G = nx.MultiDiGraph()
    for i in range(n):
        G.add_node(f"urn:x:{i}", label=f"实体{i}", type=classes[i % len(classes)], aliases="")
    for i in range(1, n):
        j = rng.randrange(max(1, i - 50), i) if rng.random() < 0.7 else rng.randrange(n)
        G.add_edge(
            f"urn:x:{i}",
            f"urn:x:{j}",
            predicate="inChain",
            label="属于产业链",
            evidence=f"实体{i}与实体{j}的证据句。",
            article=f"urn:x:article/{i % 7}",
        )
    return G


def test_a_2000_node_view_draws_without_physics(browser, tmp_path):
    V = views.view_graph(_random_chain_graph(2000))
    assert len(V) > views.PHYSICS_UP_TO
    view = views.write_view(V, tmp_path / "big.html", title="2000")
    page = Page(browser, view.path)
    try:
        page.check_clean()
        assert page.counts() == (2000, V.number_of_edges())
        assert page.js("() => kgView.physics") is False
        assert page.painted_pixels() > 1000
        _screenshot(page, "big-2000")
    finally:
        page.close()
