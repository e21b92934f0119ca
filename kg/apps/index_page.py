"""The views' index page: every view with its node and edge counts.

>>> page = render_index([View("graph.html", "全部", "", 2, 1, Path("graph.html"))])
>>> '<a href="graph.html">全部</a>' in page
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.apps.templates import template

__all__ = ["View", "render_index"]


@dataclass(frozen=True)
class View:
    """One written page: its file name, title, description and size."""

    file: str
    title: str
    description: str
    nodes: int
    edges: int
    path: Path


def render_index(views: Sequence[View], *, title: str = "chainkg 视图", note: str = "") -> str:
    """The index page linking every view with its node and edge counts.

    >>> page = render_index([View("graph.html", "全部", "<b>", 2, 1, Path("graph.html"))])
    >>> '<a href="graph.html">全部</a>' in page, "&lt;b&gt;" in page
    (True, True)
    """
    return template("index.html").render(title=title, views=views, note=note)
