"""Rows as people read them: an aligned text table (Chinese characters take two columns), CSV
or JSON. Used by `kg query`, `kg extract --format table` and the commands that print tables."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Sequence
from typing import Any

Row = tuple[Any, ...]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _width(text: str) -> int:
    # Chinese characters take two columns in a terminal.
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def format_rows(variables: Sequence[str], rows: Sequence[Row], fmt: str = "table") -> str:
    """Rows as an aligned text table, CSV or JSON (a list of objects).

    >>> print(format_rows(["企业", "n"], [("云铝海鑫", 110)]))
    企业      n
    --------  ---
    云铝海鑫  110
    >>> format_rows(["n"], [(1,)], fmt="json")
    '[{"n": 1}]'
    """
    if fmt == "json":
        records = [dict(zip(variables, row, strict=True)) for row in rows]
        return json.dumps(records, ensure_ascii=False, default=str)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(variables)
        writer.writerows([_cell(v) for v in row] for row in rows)
        return buffer.getvalue()
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}; use 'table', 'csv' or 'json'")
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [
        max([_width(name), 3, *(_width(row[i]) for row in cells)])
        for i, name in enumerate(variables)
    ]
    lines = [_line(variables, widths), "  ".join("-" * w for w in widths)]
    lines += [_line(row, widths) for row in cells]
    return "\n".join(lines)


def _line(cells: Sequence[str], widths: Sequence[int]) -> str:
    return "  ".join(_pad(c, w) for c, w in zip(cells, widths, strict=True)).rstrip()
