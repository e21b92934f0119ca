"""Positions of a view's nodes computed beforehand (by NetworkX), for pages too big for the
browser's physics: each component by spring layout, the components packed in rows.

>>> import networkx as nx
>>> pos = layout(nx.MultiDiGraph([("a", "b"), ("c", "d")]))
>>> sorted(pos)
['a', 'b', 'c', 'd']
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from typing import Any

import networkx as nx

from kg.graph import analytics

__all__ = ["layout"]

_FEW_ITERATIONS_FROM = 500  # component size from which `layout` starts from a spectral layout


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
