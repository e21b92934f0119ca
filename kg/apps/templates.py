"""The pages' templates and static files (kg/apps/static), and putting text into them safely:
inlined scripts and styles that cannot close their tag, JSON that stays JSON in ``<script>``.

>>> str(script_json({"t": "</script>"}))
'{"t":"\\\\u003c/script\\\\u003e"}'
>>> inline("</style>", "style")
Traceback (most recent call last):
...
ValueError: cannot inline text containing </style
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

__all__ = ["STATIC", "static", "vis", "inline", "script_json", "template"]

STATIC = Path(__file__).resolve().parent / "static"


@cache
def static(name: str) -> str:
    """The text of a file of kg/apps/static (view.css, view.js, ...)."""
    return (STATIC / name).read_text(encoding="utf-8")


@cache
def vis(name: str) -> str:
    """A file of vis-network as the pyvis package ships it, to inline: the page makes no request."""
    return (resources.files("pyvis") / "templates" / "lib" / "vis-9.1.2" / name).read_text(
        encoding="utf-8"
    )


def inline(text: str, tag: str) -> Any:
    """`text` as markup to put inside ``<tag>``; ValueError when it would close the tag."""
    if f"</{tag}" in text.lower():
        raise ValueError(f"cannot inline text containing </{tag}")
    return Markup(text)


def script_json(obj: Any) -> Any:
    """JSON that stays JSON inside ``<script>``: no ``<``, ``>`` or ``&`` survives literally.

    >>> str(script_json({"t": "</script><img src=x>"}))
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
    return inline(text, "script")


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(STATIC)), autoescape=True, undefined=StrictUndefined
    )


def template(name: str) -> Any:
    """The Jinja template `name` of kg/apps/static: autoescaped, undefined names refused.

    >>> template("index.html").render(title="<t>", views=[], note="", plots=[]).count("&lt;t&gt;")
    2
    """
    return _environment().get_template(name)
