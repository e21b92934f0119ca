"""How long a view takes to draw in headless Chromium, by size and layout, with a baseline.

    .venv/bin/python benchmarks/bench_views.py [--sizes 200,500,1000,2000] [--repeat 3]

For each size a synthetic chain-leader graph (the shape `kg.graph.network.to_networkx` gives) is
rendered twice: laid out in the browser (physics, stopped once stable) and laid out by
NetworkX beforehand (no physics). Each page is opened from disk with every network request
refused; "draw" is the time from navigation start to the first drawing of the finished layout
(`kgView.drawnAt`), median of `--repeat` loads. Ratios are to the 200-node physics page
measured in the same run. Needs /usr/bin/chromium (Debian's package).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.apps import views  # noqa: E402
from tests.helpers import CHROMIUM, chromium_options  # noqa: E402


def synthetic_graph(n: int, *, seed: int = 0) -> nx.MultiDiGraph:
    """A chain-leader graph of `n` entities: chains in clusters, leading firms, chain leaders,
    projects by firms in parks, firms in regions; one evidence sentence per relation."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    shares = [
        ("IndustryCluster", 0.01, "产业集群"),
        ("IndustryChain", 0.04, "产业链"),
        ("Person", 0.01, "同志"),
        ("ChainLeaderRole", 0.01, "领导"),
        ("Region", 0.03, "市"),
        ("IndustrialPark", 0.02, "经开区"),
        ("Policy", 0.03, "方案"),
        ("Strategy", 0.03, "战略"),
        ("Project", 0.36, "项目"),
    ]
    nodes: dict[str, list[str]] = {}
    count = 0
    for cls, share, suffix in shares:
        for i in range(max(1, round(n * share))):
            iri = f"urn:bench:{cls}/{i}"
            G.add_node(iri, label=f"测试{i}{suffix}", type=cls, aliases="")
            nodes.setdefault(cls, []).append(iri)
            count += 1
    for i in range(max(1, n - count)):
        iri = f"urn:bench:Enterprise/{i}"
        G.add_node(iri, label=f"测试{i}集团", type="Enterprise", aliases=f"测{i}")
        nodes.setdefault("Enterprise", []).append(iri)

    def relate(s: str, p: str, o: str) -> None:
        sentence = f"以{G.nodes[s]['label']}为依托，{G.nodes[o]['label']}发展势头强劲。"
        article = f"urn:bench:article/{rng.randrange(50)}"
        G.add_edge(s, o, predicate=p, label=p, evidence=sentence, article=article)

    pick = rng.choice
    for c in nodes["IndustryChain"]:
        relate(c, "partOfCluster", pick(nodes["IndustryCluster"]))
    for who in nodes["Person"] + nodes["ChainLeaderRole"]:
        relate(who, "chainLeaderOf", pick(nodes["IndustryChain"]))
    for e in nodes["Enterprise"]:
        relate(e, "leadsChain" if rng.random() < 0.3 else "inChain", pick(nodes["IndustryChain"]))
        if rng.random() < 0.4:
            relate(e, "locatedIn", pick(nodes["Region"]))
    for p in nodes["Project"]:
        relate(p, "developedBy", pick(nodes["Enterprise"]))
        if rng.random() < 0.5:
            relate(p, "locatedIn", pick(nodes["IndustrialPark"]))
    for p in nodes["Policy"] + nodes["Strategy"]:
        relate(p, "issuedBy" if p in nodes["Policy"] else "inChain", pick(nodes["Region"]))
    return G


def draw_ms(page, path: Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-ready='1']", state="attached", timeout=600_000)
        times.append(page.evaluate("kgView.drawnAt"))
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="200,300,500,1000,2000")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} is absent: install Debian's chromium package", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    sizes = sorted({200, *(int(s) for s in args.sizes.split(","))})
    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch_persistent_context(
            str(Path(tmp) / "profile"), **chromium_options()
        )
        page = browser.new_page()
        refused = []
        page.route(
            "**/*",
            lambda route: (
                route.continue_()
                if route.request.url.startswith("file:")
                else (refused.append(route.request.url), route.abort())
            ),
        )
        for n in sizes:
            V = views.view_graph(synthetic_graph(n))
            for physics in (True, False):
                path = Path(tmp) / f"n{n}-{'physics' if physics else 'laid'}.html"
                started = time.perf_counter()
                views.write_view(V, path, title=f"{n}", physics=physics)
                render_s = time.perf_counter() - started
                ms = draw_ms(page, path, args.repeat)
                rows.append((n, V.number_of_edges(), physics, render_s, ms))
        browser.close()
    if refused:
        print(f"requests refused: {refused}", file=sys.stderr)
        return 1
    base = next(ms for n, _, physics, _, ms in rows if n == 200 and physics)
    print(
        f"view drawing in headless Chromium (median of {args.repeat}), baseline: 200 nodes, physics"
    )
    print(f"{'nodes':>6} {'edges':>6} {'layout':>9} {'python s':>9} {'draw ms':>9} {'ratio':>7}")
    for n, m, physics, render_s, ms in rows:
        mode = "browser" if physics else "networkx"
        print(f"{n:>6} {m:>6} {mode:>9} {render_s:>9.2f} {ms:>9.0f} {ms / base:>7.2f}")
    print(f"views.PHYSICS_UP_TO = {views.PHYSICS_UP_TO}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
