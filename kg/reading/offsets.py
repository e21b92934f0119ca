"""Editing text with a map back to the original characters: the tools of `kg.reading.normalize`.

A text travels with its offset map, `offsets[i]` being the index in the original text of `text[i]`
and one final entry the original length. An edit that deletes text drops those entries; one that
replaces a span maps each new character to the start of the replaced span.

>>> splice("产业链", [0, 1, 2, 3], [(0, 2, "")])
('链', [2, 3])
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["Mapped", "Step", "splice", "sub", "numbered_lines", "char_map"]

#: A text and its offset map.
Mapped = tuple[str, list[int]]
#: A cleaning step: (text, offsets) -> (text, offsets).
Step = Callable[[str, list[int]], Mapped]


def splice(text: str, offsets: list[int], edits: list[tuple[int, int, str]]) -> Mapped:
    """Apply sorted, non-overlapping `(start, end, new)` edits; new chars map to `start`.

    >>> splice("甲乙丙", [0, 1, 2, 3], [(1, 2, "子丑")])
    ('甲子丑丙', [0, 1, 1, 2, 3])
    """
    if not edits:
        return text, offsets
    parts: list[str] = []
    out: list[int] = []
    pos = 0
    for start, end, new in edits:
        parts.append(text[pos:start])
        out.extend(offsets[pos:start])
        if new:
            parts.append(new)
            out.extend([offsets[start]] * len(new))
        pos = end
    parts.append(text[pos:])
    out.extend(offsets[pos:])
    return "".join(parts), out


def sub(
    text: str,
    offsets: list[int],
    pattern: re.Pattern[str],
    repl: str | Callable[[re.Match[str]], str] = "",
) -> Mapped:
    """`pattern.sub(repl, text)` that also edits the offset map (the default deletes).

    >>> sub("甲  乙", [0, 1, 2, 3, 4], re.compile(" +"), " ")
    ('甲 乙', [0, 1, 3, 4])
    """
    if callable(repl):
        edits = [(m.start(), m.end(), repl(m)) for m in pattern.finditer(text)]
        edits = [e for e in edits if e[2] != text[e[0] : e[1]]]
    else:
        edits = [(m.start(), m.end(), m.expand(repl)) for m in pattern.finditer(text)]
    return splice(text, offsets, edits)


def numbered_lines(text: str) -> list[tuple[int, str]]:
    """Each line with the index of its first character.

    >>> numbered_lines("甲乙\\n丙")
    [(0, '甲乙'), (3, '丙')]
    """
    out = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def char_map(table: dict[str, str]) -> Callable[[str], str]:
    """`str.translate` for a table of single characters to characters it does not replace,
    but faster on Chinese text: only the few characters present are looked up and replaced.

    >>> char_map({"，": ",", "：": ":"})("甲，乙：丙，")
    '甲,乙:丙,'
    """
    if set(table.values()) & set(table):
        raise ValueError("a character map must not replace what it writes")
    chars = re.compile("[" + "".join(map(re.escape, table)) + "]")

    def translate(text: str) -> str:
        for ch in set(chars.findall(text)):
            text = text.replace(ch, table[ch])
        return text

    return translate
