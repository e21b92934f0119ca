"""Coordinated lists: the items of "A、B和C" sharing one suffix or one list head, cut at their
separators (、 和 与 及 以及 ,) unless a separator is inside a brand, and counted lists
("三条产业链: A、B、C")."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from kg.extraction.recognize.boundaries import _Sent, _starts, _walk_left
from kg.extraction.recognize.lexicon import (
    _CJK,
    _lex,
    _rx,
)
from kg.extraction.segment import pos
from kg.terms import C

_SEPARATORS = re.compile("、|以及|及|和|与|,")


def _parallel(text: str, base: int, at: int, joiner: str) -> bool:
    """Whether the list items before `at` (from `base`) hold `joiner` inside them, so that the
    last item holds it too: "A及精深加工、B及精深加工、C及新材料等" (C及新材料 one item)."""
    head = text[base:at]
    last = head.rfind("、")
    return last >= 0 and any(joiner in item for item in head[:last].split("、")[-2:])


def _list_items(
    s: _Sent,
    end: int,
    floor: int,
    cls: str,
    limit: int = 14,
    *,
    reader: Callable[[_Sent, int, int], int | None] | None = None,
) -> list[tuple[int, int]]:
    """Items of a list "A、B及C" ending at `end` (document offset), leftmost first.

    Items are read right to left. An item that is not a plain short phrase (too long, or with
    punctuation in it) is the leftmost one: its start is found by reading it as a name, with
    `reader(s, end, floor)` when given (None: no name there), else leftwards to a stop word.
    With a `reader`, a 和 or 与 left of the list's first 、 is inside the first item
    (新型显示和智能终端、生物医药等10个产业链).
    """
    not_items = _lex()["not_items"]
    base = max(floor - s.start, 0)
    items: list[tuple[int, int]] = []
    cur = end - s.start  # relative end of the current item

    def leftmost(lo: int) -> None:
        if reader is not None:
            got = reader(s, s.start + cur, s.start + lo)
            a = s.start + cur if got is None else got
        else:
            a = _walk_left(s.toks, s.start + cur, s.start + lo, cls, limit)
            if a >= s.start + cur and cls == C.Enterprise and items:
                a = _short_item(s, s.start + lo, s.start + cur)
            elif cls == C.Enterprise and (lo > base or base > 0):  # a bounded item
                a = _uncut(s, s.start + lo, a)
        if a < s.start + cur and not _not_item(s.sub(a, s.start + cur), not_items):
            items.append((a, s.start + cur))

    # the separators before the list's end, found once: those before `cur` are the first
    # `before` of them (`cur` is always where one of them starts, and they do not overlap)
    seps = list(_SEPARATORS.finditer(s.text, base, cur))
    before = len(seps)
    while True:
        # the last separator before `cur` (tested from the right: the first that is one ends it)
        sep = None
        for k in range(before - 1, -1, -1):
            found = seps[k]
            if (
                reader is not None
                and found.group() in ("和", "与", "及", "以及")
                and (
                    "、" in s.text[found.end() : end - s.start]
                    or _parallel(s.text, base, found.start(), found.group())
                )
            ):
                continue  # "A、汽车及零部件、B": a 及 with 、 after it is inside its item
            if found.group() != "、" and s.text[found.start() - 1 : found.start()] == "、":
                continue  # "A、和翔鸭业、B": no list writes 、 before its conjunction
            if (
                found.group() in "、,"
                or s.is_start(s.start + found.start())
                and s.is_end(s.start + found.end())  # a word of its own: not 涉及, not 及其
                and not (cls == C.Enterprise and _inside_brand(s.text, found, base, cur))
            ):
                sep, before = found, k
                break
        if sep is None:
            leftmost(base)
            break
        if (
            reader is not None
            and sep.group() in ("和", "与", "及", "以及")
            and "、" not in s.text[base : sep.start()]
        ):
            if items:
                leftmost(base)  # "新型显示和智能终端、…": the first item holds the 和
                break
            # "储能与氢能等8个产业链": one item, when the grammar reads it whole
            got = reader(s, s.start + cur, s.start + base)
            if got is not None and got < s.start + sep.start():
                items.append((got, s.start + cur))
                break
        item = s.text[sep.end() : cur]
        if (
            sep.group() == ","
            and not (cls == C.Enterprise and _glossed(s.text, sep.start(), item))
            or not item
            or len(item) > limit
            or _rx(r"[^\w()“”·—\-.]|(?<!\d)\.|\.(?!\d)").search(item)  # (8.6代: a number)
        ):
            leftmost(sep.end())
            break
        if _not_item(item, not_items):
            break  # "宣传部部长、新材料产业链": a title is not a list item
        if _INCLUDED in item:
            break  # "包括A及B在内的C": A and B are what C includes, not items of a list
        if reader is not None and _COPULA.search(item):
            leftmost(sep.end())  # "A、B分别为光伏、…产业链": the item holds what says so
            break
        items.append((s.start + sep.end(), s.start + cur))
        cur = sep.start()
        if sep.group() in ("和", "与") and "、" not in s.text[max(cur - 20, 0) : cur]:
            leftmost(base)  # "X和Y" without a 、 list: X is read as a name
            break
    items.reverse()
    return [(a, b) for a, b in items if b > a]


_GLOSS = re.compile(r"[\w·]{2,12}\([^()]{1,8}\)$")


def _glossed(text: str, comma: int, item: str) -> bool:
    """Whether a comma separates items of one list, each a name with what it makes in
    brackets: "A(挖掘机),B(混凝土机械)、C(车桥)等13家巨头"."""
    return bool(_GLOSS.fullmatch(item)) and bool(_GLOSS.search(text, max(0, comma - 22), comma))


def _not_item(item: str, not_items: tuple[str, ...]) -> bool:
    """Whether `item` ends in an office or a title (宣传部, 市长), not a list item; a firm's
    headquarters (X华东区总部) is one."""
    return item.endswith(not_items) and not item.endswith("总部")


# what ends the things a whole includes, named before the whole ("包括A、B在内的C集群")
_INCLUDED = "在内的"

# a copula or a post taken inside a list item: the list started after it
_COPULA = re.compile("分别|担任|兼任|出任|作为|成为|是|为")


def _inside_brand(text: str, sep: re.Match, base: int, cur: int) -> bool:
    """Whether a 和 or 与 between two firms' names is a character of one of them: it would
    leave one character alone on a side ("以天和磁材为龙头" is no list of 天 and 磁材)."""
    if sep.group() not in ("和", "与"):
        return False
    left = _rx("[、,,;;]").split(text[base : sep.start()])[-1]
    right = _rx("[、,,;;]").split(text[sep.end() : cur])[0]
    return len(left.strip()) == 1 or len(right.strip()) == 1


def _uncut(s: _Sent, floor: int, start: int) -> int:
    """Where a firm's name starts when a phrasing bounds it at `floor` and reading it as a name
    stopped at `start`: at `floor` again when what was cut is one or two characters that are
    no stop word ("以天和磁材为龙头": 天|和 is the brand's, not words before it)."""
    cut = s.sub(floor, start)
    stops = _lex()["stop_words"]
    if (
        0 < len(cut) <= 2
        and cut not in stops
        and cut[0] not in stops
        and _CJK.match(cut)
        and not (len(cut) == 2 and pos(cut) in _lex()["verb_pos"])
        and not (cut == "如" and s.before(floor).endswith(tuple(_lex()["quantifiers"])))
    ):
        return floor
    return start


def _short_item(s: _Sent, floor: int, end: int) -> int:
    """Where the first item of a list of firms starts when reading it as a name stops at once
    (a brand ending in 同 or 达: "包括裕同、大胜达等企业"): after the last word of two characters
    or more that is a stop word or a verb, at most six characters back."""
    start = end
    for tok in reversed(s.toks[: bisect.bisect_left(_starts(s.toks), end)]):
        w = tok.text
        if tok.start < floor or end - tok.start > 6 or not _CJK.match(w):
            break
        if len(w) > 1 and (w in _lex()["stop_words"] or pos(w) in _lex()["verb_pos"]):
            break
        start = tok.start
    return start


_COUNT = re.compile(r"([0-9]+|[一二三四五六七八九十两]+)(?:条|个|大|家|户|项)")


_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九十")} | {"两": 2}


def _count(tail: str) -> int | None:
    m = _COUNT.search(tail)
    if not m:
        return None
    n = m.group(1)
    if n.isdigit():
        return int(n)
    if len(n) == 1:
        return _CN_DIGITS.get(n)
    if n.startswith("十"):  # 十二
        return 10 + _CN_DIGITS.get(n[1:], 0)
    return None


def _enumeration(
    s: _Sent,
    end: int,
    tail: str,
    cls: str,
    *,
    reader: Callable[[_Sent, int, int], int | None] | None = None,
) -> list[tuple[int, int]]:
    """Items of "A、B、C3个…": split at 、 only when that gives the stated count, so
    "绿色能源、绿色硅铝、磷化工及新材料3个…产业集群" has three items, not four."""
    items = _list_items(s, end, s.start, cls, reader=reader)
    n = _count(tail)
    if reader is not None and n is not None and len(items) < n:
        # the count vouches for the items: one that is no industry word (大地, a firm's
        # brand) is read as a name
        plain = _list_items(s, end, s.start, cls)
        joined = {a for a, _ in items}  # (an item the reader kept whole: 算力与大数据)
        if (
            len(items) < len(plain) <= n
            and (
                len(plain) == n  # "光伏和风电等2条产业链": the count says where to split
                or not any(
                    s.text[a - s.start - 1 : a - s.start] in ("和", "与", "及") and a not in joined
                    for a, _ in plain[1:]
                )
            )
        ):
            return plain
    if n is None or len(items) == n or not items:
        return items
    first = items[0][0]
    parts = s.sub(first, end).split("、")
    if len(parts) == n:
        out, pos_ = [], first
        for part in parts:
            out.append((pos_, pos_ + len(part)))
            pos_ += len(part) + 1
        return out
    return items
