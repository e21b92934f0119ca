"""kg.apps.plots: PNG figures for reports, with Chinese text drawn in a real CJK font."""

from __future__ import annotations

import io
import warnings

import networkx as nx
import pandas as pd
import pytest
from matplotlib import font_manager
from matplotlib.image import imread

from kg.apps import plots
from kg.errors import KGError
from kg.graph.exports import metrics_table


@pytest.fixture(scope="module")
def written(seed_store, tmp_path_factory):
    out = tmp_path_factory.mktemp("plots")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        files = plots.write_plots(seed_store, out)
    return files, out, [str(w.message) for w in caught]


def test_a_cjk_font_is_installed():
    family = plots.cjk_font()
    path = font_manager.findfont(family, fallback_to_default=False)
    assert family in plots.CJK_FONTS and path


def test_no_glyph_is_missing(written):
    # matplotlib warns "Glyph N missing from font(s)" for every character it draws as a box.
    _, _, messages = written
    assert not [m for m in messages if "missing from font" in m]


def test_chain_leader_figure_and_one_figure_per_subject_with_yearly_metrics(written, seed_store):
    files, out, _ = written
    df = metrics_table(seed_store)
    subjects = set(df[(df["subject"] != "") & df["year"].notna()]["subject_label"])
    assert files["chain_leaders"] == out / "chain_leaders.png"
    assert {k.removeprefix("metrics-") for k in files if k != "chain_leaders"} == subjects
    assert {"威信县", "昭通市", "云铝海鑫"} <= subjects


def test_pngs_are_real_images(written):
    files, _, _ = written
    for path in files.values():
        pixels = imread(path)
        height, width = pixels.shape[:2]
        assert width >= 400 and height >= 150, path
        assert pixels.std() > 0.01, f"{path} is blank"


def test_build_writes_the_plots(seed_build):
    report, out = seed_build
    assert report.files["plots"] == out / "plots"
    assert (out / "plots" / "chain_leaders.png").stat().st_size > 10_000


def _chain_graph(edges) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for u, p, v in edges:
        G.add_node(u, label=u)
        G.add_node(v, label=v)
        G.add_edge(u, v, predicate=p)
    return G


CHAIN_ROWS = [
    (
        [("云铝海鑫", "leadsChain", "绿色铝产业链")],
        [{"chain": "绿色铝产业链", "leaders": [], "enterprises": ["云铝海鑫"], "clusters": []}],
    ),
    (
        [
            ("绿色铝产业链", "hasLeadingEnterprise", "云铝海鑫"),
            ("市级领导", "chainLeaderOf", "绿色铝产业链"),
        ],
        [
            {
                "chain": "绿色铝产业链",
                "leaders": ["市级领导"],
                "enterprises": ["云铝海鑫"],
                "clusters": [],
            }
        ],
    ),
    (
        [("云铝海鑫", "leadsChain", "绿色铝产业链"), ("绿色铝产业链", "partOfCluster", "绿色铝谷")],
        [
            {
                "chain": "绿色铝产业链",
                "leaders": [],
                "enterprises": ["云铝海鑫"],
                "clusters": ["绿色铝谷"],
            }
        ],
    ),
    ([("某项目", "developedBy", "云铝海鑫")], []),
]


@pytest.mark.parametrize("edges, rows", CHAIN_ROWS)
def test_chain_rows(edges, rows):
    assert plots._chain_rows(_chain_graph(edges)) == rows


def test_chain_figure_caps_the_number_of_chains():
    edges = [(f"企业{i}", "leadsChain", f"产业链{i}") for i in range(12)]
    fig = plots.chain_leader_figure(_chain_graph(edges), max_chains=5)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert sum(t.startswith("产业链") and t != "产业链 chain" for t in texts) == 5
    assert any("7 more chains" in t for t in texts)


@pytest.mark.parametrize("edges", [[], [("某项目", "developedBy", "云铝海鑫")]])
def test_chain_figure_without_chain_leader_facts_says_so(edges):
    # issue 12 item 1: an article without leading-firm or chain-leader facts crashed the build
    fig = plots.chain_leader_figure(_chain_graph(edges))
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert any("no chain-leader relations" in t for t in texts)
    fig.savefig(io.BytesIO(), format="png")


METRIC_PANELS = [
    # (indicator, value, unit, year) rows -> panels (one per unit)
    ([("城镇化率", 40.5, "%", 2022), ("城镇化率", 44.0, "%", 2024)], 1),
    ([("工业总产值", 997.8, "亿元", 2022), ("入园企业", 321, "户", 2022)], 2),
    ([("工业总产值", 997.8, "亿元", 2022), ("工业总产值", 997.8, "亿元", 2022)], 1),
]


@pytest.mark.parametrize("rows, panels", METRIC_PANELS)
def test_metrics_figure_has_one_panel_per_unit(rows, panels):
    df = pd.DataFrame(rows, columns=["indicator", "value", "unit", "year"])
    fig = plots.metrics_figure(df, title="威信县")
    assert len(fig.axes) == panels
    bars = sum(len(ax.patches) for ax in fig.axes)
    assert bars == len(df.drop_duplicates())


@pytest.mark.parametrize(
    "qualifier, hatched, label",
    [
        ("", False, "35（2023）"),
        ("以上(目标)", True, "35（2025，目标）"),
        ("预计", True, "35（2025，预计）"),
    ],
)
def test_metrics_figure_marks_figures_not_reached(qualifier, hatched, label):
    year = 2023 if not qualifier else 2025
    df = pd.DataFrame(
        [("工业增加值", 35.0, "亿元", year, qualifier)],
        columns=["indicator", "value", "unit", "year", "qualifier"],
    )
    ax = plots.metrics_figure(df).axes[0]
    assert bool(ax.patches[0].get_hatch()) is hatched
    assert [t.get_text() for t in ax.texts] == [label]


def test_metrics_figure_needs_a_year():
    df = pd.DataFrame([("产值", 1.0, "亿元", None)], columns=["indicator", "value", "unit", "year"])
    with pytest.raises(ValueError, match="year"):
        plots.metrics_figure(df)


def test_missing_cjk_font_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(plots, "CJK_FONTS", ("No Such Font SC",))
    plots.cjk_font.cache_clear()
    try:
        with pytest.raises(KGError, match="fonts-noto-cjk"):
            plots.cjk_font()
    finally:
        monkeypatch.undo()
        plots.cjk_font.cache_clear()


def test_plot_links_are_relative_to_the_page_and_quoted(tmp_path):
    pngs = [tmp_path / "plots" / "chain_leaders.png", tmp_path / "plots" / "metrics-威信县.png"]
    assert plots.plot_links(pngs, tmp_path / "views") == [
        ("../plots/chain_leaders.png", "链长制全景 The chain-leader system"),
        (
            "../plots/metrics-%E5%A8%81%E4%BF%A1%E5%8E%BF.png",
            "威信县：指标（按年份） metrics by year",
        ),
    ]


def test_write_out_plots_writes_only_the_plots_folder(seed_store, tmp_path):
    folder = plots.write_out_plots(seed_store, tmp_path)
    assert folder == tmp_path / "plots"
    assert [p.name for p in tmp_path.iterdir()] == ["plots"]
    assert len(plots.plot_paths(folder)) > 1
