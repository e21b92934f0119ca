"""The views' index page: every view with its node and edge counts, and the plots given to it.

>>> page = render_index([View("graph.html", "全部", "", 2, 1, Path("graph.html"))],
...                     plots=[("../plots/chain_leaders.png", "链长制全景")])
>>> '<a href="graph.html">全部</a>' in page, '<a href="../plots/chain_leaders.png">' in page
(True, True)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.apps.templates import template

__all__ = ["View", "PlotLink", "render_index"]

#: A link of the index page to a figure: (address relative to the page, caption).
PlotLink = tuple[str, str]


@dataclass(frozen=True)
class View:
    """One written page: its file name, title, description and size."""

    file: str
    title: str
    description: str
    nodes: int
    edges: int
    path: Path


def render_index(
    views: Sequence[View],
    *,
    title: str = "chainkg 视图",
    note: str = "",
    plots: Sequence[PlotLink] = (),
) -> str:
    """The index page linking every view with its node and edge counts, then a "Plots" section
    linking `plots` (none: no section).

    >>> page = render_index([View("graph.html", "全部", "<b>", 2, 1, Path("graph.html"))])
    >>> '<a href="graph.html">全部</a>' in page, "&lt;b&gt;" in page, 'id="plots"' in page
    (True, True, False)
    """
    return template("index.html").render(title=title, views=views, note=note, plots=plots)
