"""The grammar of industry names: what a chain's name (…产业链) or a bare industry is made of.

An industry name is a run of industry words (`kg/extraction/rules/industries.toml`): heads that name
an industry or a product class (铝, 集成电路, 肉牛), modifiers (绿色, 高端, 新一代), verbs that
name an industry's work (冶炼, 抛光; 加工 only after an industry word), joiners inside one
name (新型显示和智能终端) and a place at its start. It is read leftwards from where it ends
and stops at any other word: a verb that governs it (厘清, 提升), a function word, a count
(12条), a title, a person. A run without a head names no industry (报告, 一个牵头部门).

>>> from kg.reading.document import Sentence
>>> from kg.extraction.recognize.boundaries import _Sent
>>> s = _Sent(Sentence(0, 14, "打通液晶显示产业链,厘清产业链"))
>>> s.sub(industry_start(s, 6), 6), industry_start(s, 12)
('液晶显示', None)
"""

from __future__ import annotations

import bisect
import functools
import re

from kg.extraction.recognize.boundaries import _Sent, _starts
from kg.extraction.recognize.lexicon import _CJK, _brand_like, _is_region_word, _lex
from kg.extraction.segment import Token, freq, pos, rules

__all__ = ["industry_start", "is_head", "word_kind", "listed", "goes_on"]

# what a word is to an industry name
HEAD, MOD, PROCESS, INNER, JOIN, PLACE, STOP = (
    "head",
    "mod",
    "process",
    "inner",
    "join",
    "place",
    "stop",
)

_LATIN = re.compile(r"^[0-9]*[A-Za-z][A-Za-z0-9+\-]*$")  # 5G, OLED, LED, PCB
_NOUNS = frozenset({"n", "ng", "j", "b", ""})
_NAMES = frozenset({"nz", "nr", "nrt", "nrfg", "nt"})
# a noun the dictionary barely knows is specific enough to name a product (芦笋, 枸杞);
# common nouns (报告, 部门, 体系) are not
_RARE_NOUN = 300
_LIMIT = 16
_DETERMINERS = frozenset("这那该各每本此")
_OPEN_QUOTES = frozenset('“‘「"')
_CLOSE_QUOTES = frozenset('”’」"')


@functools.cache
def _words() -> dict:
    lx = rules("industries")["chain"]
    return {
        "heads": frozenset(lx["heads"]),
        "head_chars": frozenset(lx["head_chars"]),
        "single_heads": frozenset(lx["single_heads"]),
        "modifiers": frozenset(lx["modifiers"]),
        "process": frozenset(lx["process_verbs"]),
        "inner": frozenset(lx["inner_verbs"]),
        "joiners": frozenset(lx["joiners"]),
        "dependants": frozenset(lx["dependants"]),
        "qualifiers": frozenset(lx["qualifiers"]),
        "ranks": frozenset(lx["ranks"]),
    }


@functools.lru_cache(maxsize=1 << 15)
def word_kind(w: str) -> str:
    """What word `w` is to an industry name: `HEAD`, `MOD`, `PROCESS`, `INNER`, `JOIN`,
    `PLACE` or `STOP`.

    >>> [word_kind(w) for w in ("铝", "绿色", "冶炼", "加工", "和", "提升", "报告", "5G")]
    ['head', 'mod', 'process', 'inner', 'join', 'stop', 'stop', 'head']
    """
    lx = _words()
    if w in lx["heads"]:
        return HEAD
    if w in lx["modifiers"]:
        return MOD
    if w in lx["process"]:
        return PROCESS
    if w in lx["inner"]:
        return INNER
    if w in lx["joiners"]:
        return JOIN
    if _LATIN.match(w):
        return HEAD
    if w in _lex()["stop_words"] or w in _lex()["all_suffixes"] or not _CJK.match(w):
        return STOP  # a function word, punctuation, or another name's suffix (…产业链和…)
    if (
        w[0] in _DETERMINERS
        or w[0] in "一二三四五六七八九十两几0123456789"  # 一批, 三大: counts
        or len(w) > 1
        and (pos(w) in _lex()["verb_pos"] or pos(w) == "vn")
    ):
        return STOP  # 该县, 各; 建设 (a verb, though a generic word before a project's name)
    if w in _lex()["generic_set"]:
        return MOD  # 重点, 省级: a name of them alone is generic (recognize.boundaries)
    p = pos(w)
    if _is_region_word(w) and len(w) > 1:
        return PLACE
    if len(w) == 1 and (w in lx["head_chars"] or w in lx["single_heads"]):
        return HEAD  # 硅, 金 (tagged as a name too)
    if p in _NAMES:
        return STOP  # a name the dictionary knows (华新水泥, 嘉华): a firm's, not an industry
    if len(w) > 2 and any(
        w.startswith(h) or w.endswith(h) for h in (w[:2], w[:3], w[-2:], w[-3:]) if h in lx["heads"]
    ):
        return HEAD  # 液晶显示, 数控机床: a compound made of a head
    if p in _NOUNS and any(c in lx["head_chars"] for c in w):
        return HEAD  # 金铜, 铜业, 电石
    if len(w) == 1 and (w in lx["head_chars"] or w in lx["single_heads"]):
        return HEAD
    if len(w) > 1 and p == "n" and freq(w) < _RARE_NOUN and pos(w[-2:]) in _NOUNS:
        return HEAD  # a rare noun: a product (芦笋); not 报告, 部门, nor 全面推行, 效果显著
    return STOP


@functools.cache
def _rank_words() -> tuple[str, ...]:
    return tuple(sorted(_words()["ranks"], key=len, reverse=True))


def unranked(head: str) -> str:
    """`head` without the rank it ends in, if any (光伏重点 -> 光伏, 零部件重点 -> 零部件):
    one industry, however the article ranks its chain.

    >>> unranked("光伏重点"), unranked("重点"), unranked("光伏")
    ('光伏', '重点', '光伏')
    """
    rank = next((r for r in _rank_words() if head.endswith(r) and len(r) < len(head)), "")
    return head[: -len(rank)] if rank else head


def listed(w: str) -> bool:
    """Whether `w` is an industry word of kg/extraction/rules/industries.toml (a head, a
    modifier or a process), not one guessed from its characters.

    >>> listed("汽车"), listed("绿色"), listed("锦江")
    (True, True, False)
    """
    lx = _words()
    return w in lx["heads"] or w in lx["modifiers"] or w in lx["process"]


def goes_on(first: str, rest: str) -> bool:
    """Whether `rest`, written after "`first`及", goes on with `first`'s industry (零部件 after
    汽车, 铝精深加工 after 铝) rather than naming another one.

    Also when `first` and the head `rest` ends in make one industry word (新能源 and 网联汽车:
    新能源汽车): both qualify one product.

    >>> goes_on("新能源汽车", "零部件"), goes_on("铝", "铝精深加工"), goes_on("汽车", "零部件重点")
    (True, True, True)
    >>> goes_on("电子信息", "生物医药")
    False
    >>> goes_on("新能源", "网联汽车")
    True
    """
    rest = unranked(rest)  # "零部件重点": the rank qualifies the chain
    if rest in _words()["dependants"]:
        return True
    if any(first + rest[-k:] in _words()["heads"] for k in (2, 3) if len(rest) > k):
        return True
    head = first[-2:] if len(first) >= 2 else first
    return rest.startswith(first) or len(head) == 2 and rest.startswith(head)


def is_head(w: str) -> bool:
    """Whether `w` names an industry or a product class by itself."""
    return word_kind(w) == HEAD


def _brand_half(w: str) -> bool:
    """Whether `w`, glued to the industry words after it, makes them a firm's name: a brand
    or a name the dictionary knows (骏驰汽车), not a function word, a verb or a count."""
    return (
        _CJK.match(w) is not None
        and w not in _lex()["stop_words"]
        and (len(w) == 1 or pos(w) not in _lex()["verb_pos"])  # 骏|驰汽车: a brand cut up
        and pos(w) not in _lex()["stop_pos"]
        and pos(w) not in {"m", "q", "t", "f", "vn"}
        and (_brand_like(w) or pos(w) in _NAMES)
    )


def _after_join(toks: list, start: int, end: int) -> int | None:
    """The chain after the first joiner between `start` and `end`: the words before it end a
    firm's name ("骏驰汽车和电子信息产业链" names 电子信息产业链)."""
    k = bisect.bisect_left(_starts(toks), start)
    while k < len(toks) and toks[k].start < end:
        if word_kind(toks[k].text) == JOIN:
            rest = toks[k].end
            return rest if rest < end else None
        k += 1
    return None


_LINKS = frozenset({"-", "—", "–", "+", "·", "/"})
_DASHES = frozenset({"-", "—", "–"})


def _linked_industries(s: _Sent, toks: list[Token]) -> bool:
    """Whether quoted words are industries linked by - or + (煤-电-铝, 光伏+储能): two or more,
    each read whole by the grammar."""
    pieces: list[list[Token]] = [[]]
    for t in toks:
        if t.text in _LINKS:
            pieces.append([])
        else:
            pieces[-1].append(t)
    return len(pieces) >= 2 and all(
        p and industry_start(s, p[-1].end, p[0].start) == p[0].start for p in pieces
    )


def industry_start(s: _Sent, end: int, floor: int | None = None) -> int | None:
    """Where the industry name that ends at document offset `end` starts, or None when the
    words before `end` name no industry (no head among them).

    A place at the start is part of the span (the caller's label may strip it); joiners and
    process verbs are kept only inside the name, between industry words.
    """
    floor = s.start if floor is None else floor
    toks = s.toks
    j = bisect.bisect_left(_starts(toks), end) - 1
    start = end
    taken: list[str] = []  # kinds of the words taken, right to left
    ranked = False  # whether a rank was read first (光伏重点产业链)
    while j >= 0:
        w, t_start, t_end = toks[j]
        if t_end > end or t_start < floor or end - t_start > _LIMIT:
            break
        kind = word_kind(w)
        if w == "的" and not taken:
            start, j = t_start, j - 1  # "水电硅铝一体化的全产业链"; dropped unless a head comes
            taken.append(JOIN)
            continue
        if w == "产业":
            if taken:
                break  # "食品产业和新能源产业链": 产业 ends the name before it
            start, j = t_start, j - 1  # "新材料产业" as a list item; never inside a name
            continue
        if w in _CLOSE_QUOTES and not taken:
            k = j - 1
            while k >= 0 and toks[k].text not in _OPEN_QUOTES and j - k <= 14:
                k -= 1  # (“铝土矿—氧化铝—电解铝—铝加工”: up to a dozen words)
            if k >= 0 and toks[k].text in _OPEN_QUOTES and toks[k].start >= floor:
                if industry_start(s, t_start, toks[k].end) == toks[k].end:
                    return toks[k].start  # “硅光伏”全产业链: a quoted industry
                if _linked_industries(s, toks[k + 1 : j]):
                    return toks[k].start  # “煤-电-铝”产业链, “光伏+储能”产业链
            break
        if w in (")", ")"):
            k = j - 1
            while k >= 0 and toks[k].text not in ("(", "(") and j - k <= 8:
                k -= 1
            inner = "".join(t.text for t in toks[k + 1 : j])
            numbered = inner.strip("一二三四五六七八九十0123456789") == ""  # (一): a list marker
            if k >= 0 and toks[k].text in ("(", "(") and 0 < len(inner) <= 8 and not numbered:
                start, j = toks[k].start, k - 1  # 柑橘(小水果)
                taken.append(MOD)
                continue
            break
        if w in _DASHES and taken and taken[-1] != JOIN and j > 0:
            before = toks[j - 1].text
            if before in _DASHES or word_kind(before) in (HEAD, MOD, PROCESS):
                start = t_start  # 电解铝—铝板带—铝箔产业链: the steps of one chain
                taken.append(JOIN)
                j -= 1
                continue
        if not taken and t_end == end and w in _words()["ranks"]:
            start = t_start  # "光伏重点产业链": a rank between the industry and its chain
            taken.append(MOD)
            ranked = True
            j -= 1
            continue
        if kind == STOP:
            if JOIN in taken and t_end == start and _brand_half(w):
                return _after_join(toks, start, end)  # "…的骏驰汽车和电子信息产业链"
            break
        if kind == MOD and HEAD in taken and w in _words()["qualifiers"]:
            break  # "全省首批智能家电产业链": a rank or a reach qualifies the chain, not its name
        if kind == PLACE and (not taken or taken[-1] == JOIN):
            break  # a place opens a name; it never ends one or follows a joiner
        if kind == PLACE:
            start = t_start
            taken.append(kind)
            break  # nothing before a place belongs to the name
        if kind == JOIN and not taken:
            break
        start = t_start
        taken.append(kind)
        j -= 1
    # a joiner or a common verb does not open a name: 以及新能源, 服务新能源汽车
    while taken and taken[-1] in (JOIN, INNER):
        taken.pop()
        k = bisect.bisect_left(_starts(toks), start)
        start = toks[k].end
    if HEAD not in taken:
        return None
    if ranked and len(taken) == 2:
        word = toks[bisect.bisect_left(_starts(toks), start)].text
        if pos(word) in ("v", "vn"):
            return None  # "锻造重点产业链": a verb governing the ranked chains, no industry
    return start
