"""Static figures for reports: metrics by year per subject, and the chain-leader system (PNG).

Chinese text needs a CJK font: `cjk_font` finds one (Noto Sans CJK SC from Debian's
``fonts-noto-cjk`` first) and raises `KGError` naming the package when there is none. The
figures are drawn on `matplotlib.figure.Figure` objects, so no GUI backend or global pyplot
state is involved.

>>> import tempfile, pathlib
>>> from kg.run.pipeline import extract
>>> from kg.reading.reader import read_text
>>> from kg.graph.rdf import document_graph
>>> text = "以云铝海鑫为龙头,绿色铝产业链链长工作取得新成效。2022年，威信县工业总产值达997.8亿元。"
>>> g = document_graph(extract(read_text(text, name="a.txt")))
>>> files = write_plots(g, pathlib.Path(tempfile.mkdtemp()))
>>> sorted(p.name for p in files.values())
['chain_leaders.png', 'metrics-威信县.png']
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import networkx as nx
import pandas as pd
from matplotlib import colormaps, font_manager, rc_context
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from kg.errors import KGError
from kg.graph.exports import metrics_table
from kg.graph.store import open_store
from kg.ontology import label as term_label
from kg.progress import NO_PROGRESS, Progress
from kg.terms import P

__all__ = [
    "CJK_FONTS",
    "cjk_font",
    "metrics_figure",
    "chain_leader_figure",
    "write_plots",
    "write_out_plots",
    "plot_paths",
    "plot_links",
]

#: CJK font families tried in order; the first is installed by Debian's fonts-noto-cjk.
CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Serif CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK JP",
)

CHAIN_LEADER_FILE = "chain_leaders.png"
_LEADS = (P.leadsChain, P.hasLeadingEnterprise)
_LEADER = P.chainLeaderOf
_CLUSTER = P.partOfCluster
_COLOURS = {"chain": "#fde2a7", "leader": "#c6dbef", "enterprise": "#c7e9c0"}
_SEP = re.compile(r"[^\w\-]+")


@cache
def cjk_font() -> str:
    """The family name of an installed font that has Chinese glyphs.

    Raises KGError when none is installed (on Debian: ``apt-get install fonts-noto-cjk``).

    >>> cjk_font() in CJK_FONTS
    True
    """
    installed = {f.name for f in font_manager.fontManager.ttflist}
    for family in CJK_FONTS:
        if family in installed:
            return family
    raise KGError(
        "no font with Chinese glyphs is installed, so plots would show empty boxes; install "
        "one (Debian/Ubuntu: apt-get install fonts-noto-cjk), then remove matplotlib's font "
        "cache (~/.cache/matplotlib) and run again"
    )


def _style() -> dict[str, Any]:
    return {
        # Concrete families, not "sans-serif": text keeps them when saved outside this context.
        "font.family": [cjk_font(), "DejaVu Sans"],
        "axes.unicode_minus": False,  # CJK fonts lack U+2212 MINUS SIGN
        "savefig.dpi": 150,
    }


def _short(text: str, n: int = 22) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _value(x: float) -> str:
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def _aim(qualifier: str) -> str:
    """目标, 预计 or 计划 when a metric's qualifier says it was not (yet) reached, else ''."""
    return next((w for w in ("目标", "预计", "计划") if w in qualifier), "")


def metrics_figure(metrics: pd.DataFrame, *, title: str | None = None) -> Figure:
    """Bars of each indicator's value by year for one subject, one panel per unit.

    `metrics` has the columns of `kg.graph.exports.metrics_table` (rows without a year are left
    out). Each bar is one observation, coloured by year and labelled with its value; a figure
    aimed at or forecast rather than reached (a `qualifier` with 目标, 预计 or 计划) is hatched
    and says so in its label.

    >>> df = pd.DataFrame({"indicator": ["城镇化率", "城镇化率"], "value": [40.5, 44.0],
    ...                    "unit": ["%", "%"], "year": [2022, 2024]})
    >>> len(metrics_figure(df, title="昭通市").axes)
    1
    """
    df = metrics.dropna(subset=["year"]).copy()
    if df.empty:
        raise ValueError("no metric with a year to plot")
    df["year"] = df["year"].astype(int)
    df = df.drop_duplicates(["indicator", "unit", "year", "value"])
    quals = df["qualifier"] if "qualifier" in df else pd.Series("", index=df.index)
    df["aim"] = [_aim(q) for q in quals.fillna("")]
    units = sorted(df["unit"].unique(), key=lambda u: (-int((df["unit"] == u).sum()), u))
    years = sorted(df["year"].unique())
    with rc_context(_style()):
        palette = colormaps["tab10"]
        colour = {y: palette(i % 10) for i, y in enumerate(years)}
        panels = [df[df["unit"] == u].sort_values(["indicator", "year", "value"]) for u in units]
        labels = [[_short(i) for i in p["indicator"]] for p in panels]
        # Laid out by hand, in inches (a layout engine costs a second per tall figure).
        left = 0.3 + 0.13 * max(len(t) for ts in labels for t in ts)
        width, right, top, gap, row = left + 5.2, 1.2, 0.7, 0.65, 0.3
        height = top + sum(row * len(p) + 0.2 for p in panels) + gap * len(panels)
        fig = Figure(figsize=(width, height))
        y = height - top
        for unit, panel, names in zip(units, panels, labels, strict=True):
            h = row * len(panel) + 0.2
            y -= h
            ax = fig.add_axes(
                (left / width, y / height, (width - left - right) / width, h / height)
            )
            y -= gap
            ypos = list(range(len(panel)))
            bars = ax.barh(
                ypos, panel["value"], color=[colour[v] for v in panel["year"]], height=0.7
            )
            for bar, aim in zip(bars, panel["aim"], strict=True):
                if aim:
                    bar.set_hatch("///")
                    bar.set_alpha(0.6)
            for pos, v, year, aim in zip(
                ypos, panel["value"], panel["year"], panel["aim"], strict=True
            ):
                ax.annotate(
                    f"{_value(v)}（{year}{'，' + aim if aim else ''}）",
                    (v, pos),
                    xytext=(3, 0),
                    textcoords="offset points",
                    va="center",
                    fontsize=8,
                )
            ax.set_yticks(ypos, names, fontsize=9)
            ax.set_ylim(len(panel) - 0.5, -0.5)
            ax.set_xlabel(unit, fontsize=9, labelpad=1)
            ax.tick_params(axis="x", labelsize=8)
            ax.margins(x=0.25)
            ax.spines[["top", "right"]].set_visible(False)
        handles = [Patch(color=colour[y], label=str(y)) for y in years]
        fig.legend(
            handles=handles,
            title="年份 year",
            loc="upper right",
            bbox_to_anchor=(1 - 0.05 / width, 1 - top / height),
            fontsize=8,
            title_fontsize=8,
        )
        if title:
            fig.suptitle(
                f"{title}：指标（按年份） metrics by year", fontsize=12, y=1 - 0.2 / height
            )
    return fig


def _chain_rows(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    # For each chain: its leaders, leading enterprises and clusters, from the graph's relations.
    chains: dict[str, dict[str, set[str]]] = {}

    def row(chain: str) -> dict[str, set[str]]:
        return chains.setdefault(chain, {"leaders": set(), "enterprises": set(), "clusters": set()})

    def name(node: str) -> str:
        return G.nodes[node].get("label") or node.rsplit("/", 1)[-1]

    for u, v, d in G.edges(data=True):
        p = d.get("predicate")
        if p == P.leadsChain:
            row(name(v))["enterprises"].add(name(u))
        elif p == P.hasLeadingEnterprise:
            row(name(u))["enterprises"].add(name(v))
        elif p == _LEADER:
            row(name(v))["leaders"].add(name(u))
    for u, v, d in G.edges(data=True):
        if d.get("predicate") == _CLUSTER and name(u) in chains:
            row(name(u))["clusters"].add(name(v))
    return [
        {"chain": c, **{k: sorted(s) for k, s in parts.items()}}
        for c, parts in sorted(chains.items())
    ]


def chain_leader_figure(G: nx.MultiDiGraph, *, max_chains: int = 40) -> Figure:
    """The chain-leader system on one page: chain leaders -> chain <- leading enterprises.

    `G` is a graph from `kg.graph.network.to_networkx`. One band per chain that has a leader or a
    leading enterprise; the chain's cluster, when known, is written under its name. Past
    `max_chains`, the chains with the fewest leaders and firms are left out and counted in a
    footnote.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("e", label="云铝海鑫"); G.add_node("c", label="绿色铝产业链")
    >>> _ = G.add_edge("e", "c", predicate="leadsChain")
    >>> chain_leader_figure(G).axes[0].get_title()
    '链长制：产业链、链长与龙头企业  The chain-leader system'
    """
    rows = _chain_rows(G)
    rows.sort(key=lambda r: -(len(r["leaders"]) + len(r["enterprises"])))
    rest, rows = rows[max_chains:], sorted(rows[:max_chains], key=lambda r: r["chain"])
    heights = [max(len(r["leaders"]), len(r["enterprises"]), 1) for r in rows]
    total = sum(heights) + 0.6 * len(heights) if rows else 1.6  # room for the "none" line
    with rc_context(_style()):
        fig = Figure(figsize=(9, 1.4 + 0.42 * total))
        ax = fig.add_axes((0.01, 0.01, 0.98, 0.98 - 0.5 / (1.4 + 0.42 * total)))
        ax.set_xlim(0, 1)
        ax.set_ylim(total, -0.8)
        ax.axis("off")
        ax.set_title("链长制：产业链、链长与龙头企业  The chain-leader system", fontsize=12)
        header = {0.14: "链长 chain leader", 0.5: "产业链 chain", 0.86: "龙头企业 leading firm"}
        for x, text in header.items():
            ax.text(x, -0.35, text, ha="center", va="center", fontsize=9, color="#555555")
        if not rows:
            ax.text(0.5, 0.5, "（无链长或龙头企业关系）no chain-leader relations", ha="center")
        top = 0.0
        box = {"boxstyle": "round,pad=0.3", "linewidth": 0.6}
        for r, h in zip(rows, heights, strict=True):
            middle = top + h / 2
            chain_text = r["chain"] + "".join(f"\n（{c}）" for c in r["clusters"])
            ax.text(
                0.5,
                middle,
                chain_text,
                ha="center",
                va="center",
                fontsize=10,
                bbox={**box, "facecolor": _COLOURS["chain"]},
            )
            for side, x, key, verb in (
                ("leaders", 0.14, "leader", term_label(_LEADER)),
                ("enterprises", 0.86, "enterprise", term_label(P.leadsChain)),
            ):
                names = r[side]
                for i, text in enumerate(names):
                    y = top + (h - len(names)) / 2 + i + 0.5
                    ax.text(
                        x,
                        y,
                        text,
                        ha="center",
                        va="center",
                        fontsize=9,
                        bbox={**box, "facecolor": _COLOURS[key]},
                    )
                    start, end = (x + 0.1, 0.37) if x < 0.5 else (x - 0.1, 0.63)
                    ax.annotate(
                        "",
                        xy=(end, middle),
                        xytext=(start, y),
                        arrowprops={"arrowstyle": "->", "color": "#777777", "linewidth": 0.8},
                    )
                    if i == 0:
                        ax.text(
                            (start + end) / 2,
                            (y + middle) / 2 - 0.18,
                            verb,
                            ha="center",
                            fontsize=7,
                            color="#777777",
                        )
            top += h + 0.6
            ax.axhline(top - 0.3, color="#eeeeee", linewidth=0.6)
        if rest:
            note = f"另有 {len(rest)} 条产业链未列出  {len(rest)} more chains not shown"
            ax.text(0.5, total - 0.2, note, ha="center", fontsize=8, color="#777777")
    return fig


def _file_name(label: str, iri: str, taken: set[str]) -> str:
    stem = _SEP.sub("_", label).strip("_")[:60] or "subject"
    name = f"metrics-{stem}.png"
    if name in taken:
        name = f"metrics-{stem}-{hashlib.sha1(iri.encode()).hexdigest()[:8]}.png"
    taken.add(name)
    return name


def write_plots(
    source: Any,
    out_dir: str | os.PathLike[str],
    *,
    max_subjects: int | None = 60,
    phases: Progress | None = None,
) -> dict[str, Path]:
    """Write ``chain_leaders.png`` and one ``metrics-<subject>.png`` per subject to `out_dir`.

    `source` is a store path, a store, or an rdflib graph. Subjects with a metric that has a
    year get a metrics figure, those with the most such metrics first, at most `max_subjects`
    of them (None: all; a figure takes about a quarter of a second). Figures of subjects no
    longer plotted are removed. Returns the files by name: ``chain_leaders`` and
    ``metrics-<subject>``. Raises KGError when no CJK font is installed. `phases` hears of the
    phase "plots" and each figure.
    """
    # start-up: networkx (about 0.3 s) only when the network is built
    from kg.graph.network import to_networkx

    if isinstance(source, (str, os.PathLike)):
        source = open_store(source)
    cjk_font()  # fail before drawing anything
    phases = phases or NO_PROGRESS
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files: dict[str, Path] = {}
    metrics = metrics_table(source)
    metrics = metrics[(metrics["subject"] != "") & metrics["year"].notna()]
    groups = sorted(metrics.groupby("subject", sort=True), key=lambda item: -len(item[1]))[
        : max_subjects if max_subjects is not None else None
    ]
    phases.phase("plots", 1 + len(groups), "figures")
    path = out / CHAIN_LEADER_FILE
    chain_leader_figure(to_networkx(source)).savefig(path)
    files["chain_leaders"] = path
    phases.advance()
    taken: set[str] = set()
    for iri, df in sorted(groups, key=lambda item: (item[1]["subject_label"].iloc[0], item[0])):
        label = df["subject_label"].iloc[0] or iri.rsplit("/", 1)[-1]
        name = _file_name(label, iri, taken)
        metrics_figure(df, title=label).savefig(out / name)
        files[name.removesuffix(".png")] = out / name
        phases.advance()
    for stale in out.glob("metrics-*.png"):
        if stale.name not in taken:
            stale.unlink()  # a subject of an earlier build that is gone now
    return files


def write_out_plots(
    source: Any, out: str | os.PathLike[str], *, phases: Progress | None = None
) -> Path:
    """What a build does: `write_plots` into ``OUT/plots``; returns that folder.

    The views' index links them when given their `plot_links`, so a build draws the plots first.
    """
    folder = Path(out) / "plots"
    write_plots(source, folder, phases=phases)
    return folder


def plot_paths(out_dir: str | os.PathLike[str]) -> list[Path]:
    """The PNG files under `out_dir` (``out/plots``), chain-leader figure first.

    >>> plot_paths("no/such/folder")
    []
    """
    out = Path(out_dir)
    found = sorted(out.glob("*.png"))
    return sorted(found, key=lambda p: (p.name != CHAIN_LEADER_FILE, p.name))


def plot_links(
    plots: Iterable[Path] | Mapping[str, Path], page_dir: str | os.PathLike[str]
) -> list[tuple[str, str]]:
    """(address, caption) of each figure in `plots`, the address relative to a page in
    `page_dir` and URL-quoted: what `kg.apps.views.write_views` links from its index.

    >>> plot_links([Path("out/plots/metrics-威信县.png")], "out/views")[0][0]
    '../plots/metrics-%E5%A8%81%E4%BF%A1%E5%8E%BF.png'
    """
    paths = list(plots.values()) if isinstance(plots, Mapping) else list(plots)
    return [(_relative(p, Path(page_dir)), _caption(Path(p))) for p in paths]


def _relative(path: Path | str, start: Path) -> str:
    return quote(Path(os.path.relpath(Path(path).resolve(), start.resolve())).as_posix())


def _caption(path: Path) -> str:
    if path.name == CHAIN_LEADER_FILE:
        return "链长制全景 The chain-leader system"
    stem = path.stem.removeprefix("metrics-")
    return f"{stem}：指标（按年份） metrics by year"
