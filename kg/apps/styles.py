"""How the views look: each class's colour and shape (from the ontology), the community
colours, the legend's icons and vis-network's drawing options.

>>> CLASS_STYLE["IndustryChain"], UNKNOWN_STYLE
(('#ef6c00', 'diamond'), ('#9e9e9e', 'dot'))
>>> SHAPE_ICONS["dot"].format(c="#000")
'<circle r="6" fill="#000"/>'
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

from kg.ontology import display_styles

__all__ = [
    "CLASS_STYLE",
    "UNKNOWN_STYLE",
    "COMMUNITY_COLOURS",
    "SHAPE_ICONS",
    "vis_options",
]


class _ClassStyles(Mapping[str, tuple[str, str]]):
    """Class -> (colour, shape), read from the ontology on first use, in legend order."""

    @staticmethod
    @cache
    def _table() -> dict[str, tuple[str, str]]:
        return display_styles()

    def __getitem__(self, cls: str) -> tuple[str, str]:
        return self._table()[cls]

    def __iter__(self) -> Iterator[str]:
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())


#: Colour and vis-network shape per ontology class (ckg:displayColour, ckg:displayShape, in
#: ckg:displayOrder); the legend is drawn from this table. Only shapes that draw their label
#: below the node, so that size can show an analytic.
CLASS_STYLE: Mapping[str, tuple[str, str]] = _ClassStyles()
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

#: The legend's SVG icon of each shape, with ``{c}`` for the colour.
SHAPE_ICONS: dict[str, str] = {
    "dot": '<circle r="6" fill="{c}"/>',
    "square": '<rect x="-6" y="-6" width="12" height="12" fill="{c}"/>',
    "diamond": '<polygon points="0,-7 7,0 0,7 -7,0" fill="{c}"/>',
    "triangle": '<polygon points="0,-7 7,6 -7,6" fill="{c}"/>',
    "triangleDown": '<polygon points="0,7 7,-6 -7,-6" fill="{c}"/>',
    "hexagon": '<polygon points="7,0 3.5,6.1 -3.5,6.1 -7,0 -3.5,-6.1 3.5,-6.1" fill="{c}"/>',
    "star": '<polygon points="0,-7 1.6,-2.2 6.7,-2.2 2.6,0.8 4.1,5.7 0,2.7 -4.1,5.7 -2.6,0.8 '
    '-6.7,-2.2 -1.6,-2.2" fill="{c}"/>',
}

_FONT = "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, PingFang SC, sans-serif"


def vis_options(n_nodes: int, physics: bool) -> dict[str, Any]:
    """vis-network's options for a page of `n_nodes` nodes, laid out by `physics` in the
    browser or (False) beforehand, in which case edges are straight and hidden while moving.

    >>> vis_options(10, True)["physics"]["enabled"], vis_options(10, False)["edges"]["smooth"]
    (True, False)
    """
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
