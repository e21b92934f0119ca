"""The edges of a name: places and generic modifiers stripped from its start, balanced
brackets, and where a name read rightwards ends (before an adverb, a clause break or a verb)."""

from __future__ import annotations

import bisect

from kg.extraction.recognize.boundaries import _COUNTED, _noun_ended, _Sent, _starts, _stops
from kg.extraction.recognize.lexicon import (
    _CJK,
    _NUM,
    _PUNCT,
    _is_region_word,
    _lex,
)
from kg.extraction.segment import Token, pos
from kg.terms import C

_PLACE_WORDS = (
    "全省",
    "全市",
    "全州",
    "全县",
    "全区",
    "我省",
    "我市",
    "我州",
    "我县",
    "我区",
    "省级",
    "市级",
    "县级",
    "省",
    "市",
    "州",
    "县",
    "区",
)


_PLACE_WORD_OPENINGS = frozenset(g[0] for g in _PLACE_WORDS)


def _strip_place(name: str, sent_toks: list[Token], start: int) -> str:
    """Drop a leading place name or place word (云南省新能源产业链 -> 新能源产业链)."""
    if name[:1] in _PLACE_WORD_OPENINGS:  # (most names open with no place word)
        for g in _PLACE_WORDS:
            if name.startswith(g) and len(name) > len(g) + 3:
                return _strip_place(name[len(g) :], sent_toks, start + len(g))
    # the word at `start` (words do not overlap: at most one starts there)
    k = bisect.bisect_left(_starts(sent_toks), start)
    if k < len(sent_toks):
        tok = sent_toks[k]
        if tok.start == start and _is_region_word(tok.text) and len(name) > len(tok.text) + 3:
            return _strip_place(name[len(tok.text) :], sent_toks, tok.end)
    return name


def _balanced(text: str) -> bool:
    return text.count("(") == text.count(")") and text.count("“") == text.count("”")


def _name_end(s: _Sent, a: int, limit: int) -> int:
    """Where a name that starts at `a` ends, read rightwards to the first stop word, verb or
    punctuation (and not past `limit`)."""
    b = a
    for t in s.toks[bisect.bisect_left(_starts(s.toks), a) :]:
        if t.end > limit:
            break
        if len(t.text) == 1 and b - a == 1 and _CJK.match(t.text):
            pass  # a name has two characters at least: 盛达锂电, though 达 alone is a stop
        elif (
            t.text in _lex()["stop_words"]
            or _PUNCT.match(t.text)
            or (len(t.text) > 1 and _stops(t, 1, C.Enterprise))
            or len(t.text) > 1
            and pos(t.text) in _lex()["verb_pos"]
            or b - a >= 2
            and pos(t.text) in {"m", "t", "q"}  # "华信科技年营收": a time or a count after it
            or b - a >= 2
            and len(t.text) > 1
            and _adverbial(s, t)  # "恒远电子成功导入": how it acts, after its name
            or b - a >= 4
            and len(t.text) == 1
            and pos(t.text) == "d"
            and _verb_after(s, t)  # "岚泰科技正带动": when it acts (正, 将, 已)
            or b - a >= 2
            and len(t.text) == 1
            and pos(t.text) == "b"
            and _word_after(s, t) in _lex()["firm_predicates"]  # "岚泰科技总投资": its whole
        ):
            break
        b = t.end
    return b


def _word_after(s: _Sent, tok: Token) -> str:
    """The word after `tok` ('' at the sentence's end)."""
    k = bisect.bisect_left(_starts(s.toks), tok.end)
    return s.toks[k].text if k < len(s.toks) else ""


def _verb_after(s: _Sent, tok: Token) -> bool:
    """Whether a verb of two characters or more follows `tok`."""
    nxt = _word_after(s, tok)
    return len(nxt) > 1 and pos(nxt) in _lex()["verb_pos"]


def _adverbial(s: _Sent, tok: Token) -> bool:
    """Whether `tok` says how something acts: an adverb, or an adjective before a verb
    (成功导入, 率先实现)."""
    p = pos(tok.text)
    if p in ("d", "ad"):
        return True
    return p == "a" and _verb_after(s, tok)


def _clause_start(text: str, pos: int) -> int:
    return max(text.rfind(c, 0, pos) for c in ",;:") + 1


def _right_edge(s: _Sent, a: int, b: int) -> int:
    """Where a name that starts at `a` ends, reading rightwards up to `b`."""
    end = a
    i0 = bisect.bisect_left(_starts(s.toks), a)
    for i, tok in enumerate(s.toks[i0:], i0):  # (the words from a on)
        w = tok.text
        if (
            tok.end > b
            or end > a
            and (
                w in _lex()["stop_words"]
                or w in _lex()["list_heads_set"]
                or _PUNCT.match(w)
                or len(w) > 1
                and pos(w) in _lex()["verb_pos"]
                and w not in _lex()["inner_verbs"]
                and w not in _lex()["industry_set"]  # (某某造纸: the firm's trade)
                or len(w) > 1
                and pos(w) in _lex()["stop_pos"]
                or _NUM.match(w)  # "A、B两家链主企业": a count after a name ends it
                or _COUNTED.match(w)
                or _how_it_went(s, i)  # "A、岚川食品成功入选"
            )
        ):
            break
        end = tok.end
    return end


# the tags of a word saying how something went: an adverbial adjective (顺利), a set phrase or an
# idiom (榜上有名); an adjective does when a verb follows it (成功入选)
_MANNER = frozenset({"ad", "l", "i"})


def _how_it_went(s: _Sent, i: int) -> bool:
    """Whether the `i`-th word says how what a name did went, so that the name ends before it:
    "A、岚川食品成功入选", "岚川食品榜上有名" (not 再生资源: a set phrase naming a thing)."""
    w = s.toks[i].text
    tag = pos(w)
    if len(w) < 2 or tag not in _MANNER and tag != "a":
        return False
    if tag == "a":
        nxt = s.toks[i + 1].text if i + 1 < len(s.toks) else ""
        return len(nxt) > 1 and pos(nxt) in _lex()["verb_pos"]
    return tag == "ad" or not _noun_ended(w)
