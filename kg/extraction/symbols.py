"""A sentence read as symbols: every mention replaced by one character standing for its class,
so that relation patterns are written over "以E、E为龙头,C项目稳步推进" rather than over names.

Patterns (in `kg/extraction/rules/relations.toml` and `kg/extraction/rules/frames.toml`) name the
symbols by letter: `{E}` one firm, `<s:E+>` a subject group of one or more firms in a list
("A、B和C"), `<o:C|G>` an object group that is a chain or a generic chain; `{T}` is a relation
frame's trigger word (`kg.extraction.frames`).

>>> from kg.reading.document import Mention, Sentence
>>> sent = Sentence(0, 11, "以甲乙为龙头,丙产业链")
>>> text, where = abstract(sent, [Mention("Enterprise", "甲乙", 1, 3),
...                               Mention("IndustryChain", "丙产业链", 7, 11)])
>>> text == "以" + SYMBOLS["E"][1] + "为龙头," + SYMBOLS["C"][1], sorted(where)
(True, [1, 6])
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from operator import attrgetter, itemgetter
from typing import Any

from kg.extraction.recognize import GENERIC
from kg.reading.document import Mention, Sentence
from kg.terms import C

__all__ = ["SYMBOLS", "SYMBOL_CHARS", "expand", "abstract", "with_spans", "symbol_of", "GROUP"]

SYMBOLS = {
    "E": (C.Enterprise, "\ue001"),
    "C": (C.IndustryChain, "\ue002"),
    "G": (C.IndustryChain, "\ue00b"),  # a generic chain
    "K": (C.IndustryCluster, "\ue003"),
    "P": (C.IndustrialPark, "\ue004"),
    "J": (C.Project, "\ue005"),
    "Y": (C.Policy, "\ue006"),
    "S": (C.Strategy, "\ue007"),
    "R": (C.Region, "\ue008"),
    "H": (C.Person, "\ue009"),
    "L": (C.ChainLeaderRole, "\ue00a"),
    "T": ("", "\ue00c"),  # a relation frame's trigger word
}
_SYMBOL_OF = {cls: sym for key, (cls, sym) in SYMBOLS.items() if key not in "GT"}
SYMBOL_CHARS = frozenset(sym for _, sym in SYMBOLS.values())
GROUP = re.compile(r"<([so]):([A-Z](?:\|[A-Z])*)(\+?)>")
_LIST_SEP = "(?:、|和|及|以及|与|,|》《|》、《)?"


def symbol_of(m: Mention) -> str | None:
    """The symbol a mention stands for (generic chains have their own)."""
    if m.type == C.IndustryChain and m.rule == GENERIC:
        return SYMBOLS["G"][1]
    return _SYMBOL_OF.get(m.type)


def expand(pattern: str) -> str:
    """A pattern written with `<s:E+>`, `<o:C|G>` and `{X}` as a regular expression over the
    abstract sentence (groups `s` and `o`)."""

    def group(m: re.Match) -> str:
        name, classes, plus = m.group(1), m.group(2), m.group(3)
        chars = "".join(SYMBOLS[c][1] for c in classes.split("|"))
        one = f"[{chars}]"
        if plus and "E" in classes.split("|"):
            # a firm may be followed by the chain it leads, in brackets: "A(Z产业链)、B(W产业链)"
            one += f"(?:[(（]{SYMBOLS['C'][1]}[)）])?"
        body = f"{one}(?:{_LIST_SEP}{one})*" if plus else one
        if plus and "H" in classes.split("|"):
            # people listed with a title each: "H、县长H" (not "市委常委、副市长H": the titles
            # of one person)
            person = SYMBOLS["H"][1]
            titled = f"{person}(?:{_LIST_SEP}(?:[\u4e00-\u9fff]{{1,8}}?)?{person})+"
            body = f"(?:{titled}|{body})"
        return f"(?P<{name}>{body})"

    out = GROUP.sub(group, pattern)
    return re.sub(r"\{([A-Z])\}", lambda m: SYMBOLS[m.group(1)][1], out)


def _outermost(mentions: Iterable[Mention]) -> list[Mention]:
    out: list[Mention] = []
    reach = -1
    # by start, the longest first (sorted on C-level keys: by end, longest first, then stably
    # by start)
    for m in sorted(sorted(mentions, key=_END, reverse=True), key=_START):
        if m.start < reach and out:
            continue
        out.append(m)
        reach = m.end
    return out


_START, _END = attrgetter("start"), attrgetter("end")


def _chains_inside(m: Mention, mentions: list[Mention]) -> list[Mention]:
    return [
        c
        for c in mentions
        if c.type == C.IndustryChain and c is not m and m.start <= c.start and c.end <= m.end
    ]


def abstract(
    sent: Sentence, mentions: list[Mention], extra: Iterable[tuple[int, int, str, Any]] = ()
) -> tuple[str, dict[int, Any]]:
    """The sentence with each outermost mention replaced by its class symbol, and where each
    symbol stands (index in the abstract text -> the mention). `extra` items are
    `(start, end, symbol, payload)` spans that no mention overlaps (a frame's trigger words).

    A chain inside a project ("绿色硅全产业链项目") stands as a chain, with the rest of the
    project's name kept as text.
    """
    items = [(m.start, m.end, symbol_of(m), m) for m in _outermost(mentions)]
    extra = list(extra)
    if extra:  # (the outermost mentions are in order of their starts already)
        items += extra
        items.sort(key=_FIRST)
    parts: list[str] = []
    where: dict[int, Any] = {}
    text, base = sent.text, sent.start
    pos = base
    length = 0
    for start, end, sym, item in items:
        chunk = text[pos - base : start - base]
        parts.append(chunk)
        length += len(chunk)
        inner = (
            _chains_inside(item, mentions)
            if isinstance(item, Mention) and item.type == _PROJECT
            else []
        )
        if inner:  # "绿色硅全产业链项目": the chain inside the project counts as a chain
            c = inner[0]
            head = text[start - base : c.start - base]
            parts.append(head)
            where[length + len(head)] = c
            parts.append(symbol_of(c) or SYMBOLS["C"][1])
            tail = text[c.end - base : end - base]
            parts.append(tail)
            length += len(head) + 1 + len(tail)
        elif sym is None:
            piece = text[start - base : end - base]
            parts.append(piece)
            length += len(piece)
        else:
            parts.append(sym)
            where[length] = item
            length += 1
        pos = end
    parts.append(text[pos - base :])
    return "".join(parts), where


_FIRST = itemgetter(0)
_PROJECT = C.Project


def with_spans(
    abstracted: tuple[str, dict[int, Any]], base: int, extra: Iterable[tuple[int, int, str, Any]]
) -> tuple[str, dict[int, Any]]:
    """`abstract(sent, mentions, extra)` made from `abstracted`, what `abstract(sent, mentions)`
    gave (`base`: the sentence's start), without reading the mentions again.

    Each symbol stands for its mention's span of the sentence, every other character for
    itself; a span of `extra` (which no mention overlaps) is among the characters kept as they
    are, so where it stands in the abstract follows from the symbols before it.

    >>> sent = Sentence(0, 10, "甲乙为链主,丙产业链")
    >>> firm = Mention("Enterprise", "甲乙", 0, 2)
    >>> chain = Mention("IndustryChain", "丙产业链", 6, 10)
    >>> trigger = (3, 5, SYMBOLS["T"][1], "链主")
    >>> with_spans(abstract(sent, [firm, chain]), 0, [trigger]) == abstract(
    ...     sent, [firm, chain], [trigger])
    True
    """
    text, where = abstracted
    spans = sorted(extra, key=_FIRST)
    if not spans:
        return text, where
    symbols = sorted(where.items(), key=_FIRST)  # (index, mention): in the sentence's order
    parts: list[str] = []
    out: dict[int, Any] = {}
    k = 0  # the next symbol to place
    shrink = 0  # characters the symbols placed so far took away (a span's length less one)
    cut = 0  # characters the spans placed so far took away
    pos = 0  # how far `text` is copied
    for start, end, sym, item in spans:
        while k < len(symbols) and symbols[k][1].end <= start:
            at, m = symbols[k]
            out[at - cut] = m
            shrink += m.end - m.start - 1
            k += 1
        at = start - base - shrink  # where the span's first character stands in `text`
        parts.append(text[pos:at])
        parts.append(sym)
        out[at - cut] = item
        pos = at + end - start
        cut += end - start - 1
    for at, m in symbols[k:]:
        out[at - cut] = m
    parts.append(text[pos:])
    return "".join(parts), out
