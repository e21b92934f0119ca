"""Markdown's inline markup, found by markdown-it-py, as edits that leave the article's text.

An article written in Markdown says `以**云铝海鑫**为龙头` where the reader sees 以云铝海鑫为龙头.
`markup_edits` parses the text with markdown-it-py (CommonMark, with tables and strikethrough)
and returns the spans of inline markup to delete or replace: emphasis and strong markers, code
backticks, link brackets and destinations, images, inline HTML, backslash escapes and entities.
Everything else stays where it is, block markers included (`# ` headings, `|` table rows, list
markers, line breaks), since the later normalisation steps and `kg.extraction.tables` read them; so
an edit is a span of the original text and the offset map stays exact (`kg.reading.normalize`).

Indented lines are read as paragraphs, not code blocks: Chinese articles indent paragraphs.
An inline run whose source cannot be matched exactly (tabs expanded by the parser) is left
as it is rather than guessed at.

>>> text = "以**云铝海鑫**为龙头,见[通知](http://a.cn)。"
>>> [(text[a:b], new) for a, b, new in markup_edits(text)]
[('**', ''), ('**', ''), ('[', ''), ('](http://a.cn)', '')]
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

__all__ = ["markup_edits"]

Edit = tuple[int, int, str]  # (start, end, replacement) in the text parsed

_BREAK = re.compile(r"(?:\\| *)?\n[ \t]*")  # a soft or hard line break as written


@cache
def _parser() -> Any:
    # start-up: markdown-it (about 0.07 s) only for Markdown files
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    # text_join would merge escapes into plain text, losing where they were written
    return md.disable(["text_join", "code"])


def markup_edits(text: str) -> list[Edit]:
    """The inline markup of the Markdown `text` as sorted, non-overlapping edits.

    >>> markup_edits("以*合盛铝业*、旗滨玻璃为龙头")
    [(1, 2, ''), (6, 7, '')]
    >>> markup_edits("| **云铝海鑫** | 绿色铝产业链 |")
    [(2, 4, ''), (8, 10, '')]
    """
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    cursors: dict[int, int] = {}  # per line, where the last inline run ended (table cells)
    edits: list[Edit] = []
    for token in _parser().parse(text):
        if token.type != "inline" or not token.map or not token.children:
            continue
        where = _locate(token.content, lines, starts, token.map[0], cursors)
        if where is None:
            continue
        found = _inline(token.content, token.children)
        if found is None:
            continue
        edits.extend((where[a], where[b - 1] + 1, new) for a, b, new in found)
    return sorted(set(edits))


def _locate(
    content: str, lines: list[str], starts: list[int], first: int, cursors: dict[int, int]
) -> list[int] | None:
    """Where each character of an inline run's content is in the text, or None."""
    where: list[int] = []
    for i, part in enumerate(content.split("\n")):
        n = first + i
        if n >= len(lines):
            return None
        at = lines[n].find(part, cursors.get(n, 0))
        if at < 0:
            return None
        cursors[n] = at + len(part)
        where.extend(range(starts[n] + at, starts[n] + at + len(part)))
        where.append(starts[n] + at + len(part))  # the line break after it
    return where


def _inline(content: str, children: list[Any]) -> list[Edit] | None:
    """Edits in `content` (the run's source) for its child tokens; None when they do not match."""
    edits: list[Edit] = []
    pos = 0

    def expect(source: str) -> bool:
        return content.startswith(source, pos)

    for child in children:
        kind = child.type
        if kind == "text":
            if not expect(child.content):
                return None
            pos += len(child.content)
        elif kind == "text_special":  # an escape (\*) or an entity (&amp;): its character
            if not expect(child.markup):
                return None
            if child.markup == "\\" + child.content:  # the backslash goes, the character stays
                edits.append((pos, pos + 1, ""))
            elif child.markup != child.content:  # (a backslash before a letter is no escape)
                edits.append((pos, pos + len(child.markup), child.content))
            pos += len(child.markup)
        elif kind in ("softbreak", "hardbreak"):
            m = _BREAK.match(content, pos)
            if m is None:
                return None
            if m.group(0).startswith("\\"):
                edits.append((pos, pos + 1, ""))
            pos = m.end()
        elif kind.endswith(("_open", "_close")) and kind.startswith(("em_", "strong_", "s_")):
            if not expect(child.markup):
                return None
            edits.append((pos, pos + len(child.markup), ""))
            pos += len(child.markup)
        elif kind == "code_inline":
            fence = child.markup
            end = content.find(fence, pos + len(fence)) if expect(fence) else -1
            if end < 0:
                return None
            edits += [(pos, pos + len(fence), ""), (end, end + len(fence), "")]
            pos = end + len(fence)
        elif kind == "html_inline":
            if not expect(child.content):
                return None
            edits.append((pos, pos + len(child.content), ""))
            pos += len(child.content)
        elif kind == "link_open":
            opener = "<" if child.markup == "autolink" else "" if child.markup == "linkify" else "["
            if not expect(opener):
                return None
            if opener:
                edits.append((pos, pos + 1, ""))
            pos += len(opener)
        elif kind == "link_close":
            if child.markup in ("autolink", "linkify"):
                closer = ">" if child.markup == "autolink" else ""
                if not expect(closer):
                    return None
                end = pos + len(closer)
            else:
                end = _after_destination(content, pos)
            if end is None:
                return None
            if end > pos:
                edits.append((pos, end, ""))
            pos = end
        elif kind == "image":
            end = _after_label(content, pos + 1) if expect("![") else None
            end = _after_destination(content, end) if end is not None else None
            if end is None:
                return None
            edits.append((pos, end, ""))
            pos = end
        else:
            return None  # a token this reader does not know: leave the run alone
    return edits


def _after_label(content: str, pos: int) -> int | None:
    """From the `[` at `pos`, the index of its matching `]`."""
    if not content.startswith("[", pos):
        return None
    depth = 0
    i = pos
    while i < len(content):
        c = content[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return None


def _after_destination(content: str, pos: int) -> int | None:
    """From the `]` closing a link's text at `pos`, the end of what follows it: `(dest "title")`,
    `[label]`, `[]` or nothing (a shortcut reference)."""
    if not content.startswith("]", pos):
        return None
    i = pos + 1
    if content.startswith("(", i):
        depth, quote = 0, ""
        while i < len(content):
            c = content[i]
            if c == "\\":
                i += 2
                continue
            if quote:
                quote = "" if c == quote else quote
            elif c in "\"'" and content[i - 1] in " \t\n":
                quote = c
            elif c == "<" and content[i - 1] == "(":
                close = content.find(">", i)
                i = close if close > 0 else i
            elif c == "(":
                depth += 1
            elif c == ")":
                depth -= 1
                if depth == 0:
                    return i + 1
            i += 1
        return None
    if content.startswith("[", i):
        close = content.find("]", i)
        return close + 1 if close > 0 else None
    return i
