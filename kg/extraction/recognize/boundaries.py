"""Where a name starts: reading leftwards from a suffix to the word that governs it (a verb, a
function word, a title or a count never starts a name), a sentence's tokens and their offsets,
generic modifiers stripped from a name's core. Lists are split in `lists`, a name's other
edges found in `edges`."""

from __future__ import annotations

import bisect
import functools
import re
from operator import itemgetter

from kg.extraction.places import is_place
from kg.extraction.recognize.lexicon import (
    _CJK,
    _CLASSIFIER,
    _CLOSE_QUOTES,
    _DATE,
    _NUM,
    _OPEN_QUOTES,
    _ORDINAL,
    _PUNCT,
    _STOPS_MAX,
    _VERBS,
    _WEAK,
    RARE,
    _brand_like,
    _is_region_word,
    _is_verb,
    _lex,
    _rx,
)
from kg.extraction.segment import Token, freq, pos, tokenize
from kg.reading.document import Sentence
from kg.terms import C


def _stops(tok: Token, consumed: int, cls: str) -> bool:
    """Whether `tok`, read leftwards with `consumed` tokens already in the name, ends the name.

    A pure function of the word, whether anything is consumed, and the class: remembered.
    """
    key = (tok.text, consumed > 0, cls)
    got = _STOPS.get(key)
    if got is None:
        if len(_STOPS) >= _STOPS_MAX:  # numbers and Latin words are endless: stay bounded
            _STOPS.clear()
        got = _STOPS[key] = _word_stops(tok.text, consumed > 0, cls)
    return got


_STOPS: dict[tuple[str, bool, str], bool] = {}
_COUNTED = re.compile(r"^[0-9一二三四五六七八九十两]+[大个条家户项批座类]$")


_MONEY = re.compile(r"^[千百万亿]*元$")


# function words that jieba may glue to a name's first character (以德润化工 -> 以德|润…)
_GLUED = frozenset("以与由和及在对向将把从")


# words with a rule of their own when a name is read leftwards (see `_walk_left`)
_WALK_SPECIAL = frozenset(")和的及")


def _noun_ended(w: str) -> bool:
    """Whether a set phrase ends in a noun, so that it names a thing (再生资源: recycled
    resources), not an action or a slogan (发展壮大, 做大做强)."""
    return pos(w[-2:]) in ("n", "nz", "ng")


def _word_stops(w: str, consumed: bool, cls: str) -> bool:
    lx = _lex()
    if w in lx["inner_words"] or w in lx["inner_by_class"].get(cls, ()):
        return False
    if w in lx["stop_words"]:
        return True
    if _PUNCT.match(w) and w not in {"·", "-", "—"}:
        return True
    if _DATE.match(w) or _ORDINAL.match(w):
        return True
    if w in _CLASSIFIER or w.endswith(("个", "条", "家", "户")) and _NUM.match(w[:-1] or "x"):
        return True
    if cls != C.Project and _COUNTED.match(w):
        return True  # "宁波、匈牙利三大一体化工业园": a count makes a category, not a name
    if _NUM.match(w) and cls in {C.IndustryChain, C.IndustryCluster}:
        return True
    if cls == C.IndustrialPark and _rx(r"^[0-9一二三四五六七八九十两]+$").match(w):
        return True
    if cls == C.Enterprise and _rx(r"^[0-9.%]+$").match(w):
        return True
    if cls == C.Project and _MONEY.match(w):
        return True  # "华川集团投资30亿元建设智能家电项目": a sum of money is no part of a name
    if is_place(w):
        return False  # 遵义经开区: a place the dictionary also knows as a verb (遵义)
    p = pos(w)
    if len(w) > 1 and p in lx["stop_pos"] or len(w) >= 4 and p == "l" and not _noun_ended(w):
        return True  # function words, and set phrases such as 发展壮大, 做大做强
    if len(w) == 1 and p in {"p", "c", "u", "uj", "ul", "r", "y", "e"}:
        return True
    if (
        len(w) == 4
        and freq(w) < RARE
        and pos(w[2:]) in lx["verb_pos"]
        and w[2:] not in lx["inner_verbs"]
        and cls != C.Enterprise
    ):
        p = "v"  # 全面推行: a rare four-character entry that ends in a verb acts as the verb
    if (
        len(w) == 4
        and pos(w[:2]) in ("d", "ad")
        and pos(w[2:]) in lx["verb_pos"]
        and w[2:] not in lx["inner_verbs"]
        and cls != C.Enterprise
    ):
        p = "v"  # 充分发挥: an adverb and a verb, whatever the dictionary tags the whole
    if len(w) > 1 and p in lx["verb_pos"] and w not in lx["inner_verbs"] and cls != C.Enterprise:
        return (
            True  # firm names hold verbs (三环锻造, 城市建设投资): only governing verbs stop them
        )
    if (
        w in lx["list_heads_set"]
        or consumed
        and w in lx["all_suffixes"]
        and (cls != C.Project or w == "项目")
    ):
        return True  # "钢铁产业链链主企业河钢集团": another name's suffix ends this one
    return False


_NEGATIONS = frozenset({"不", "未", "非", "没", "无"})


def _walk_left(toks: list[Token], end: int, floor: int, cls: str, limit: int) -> int:
    """Start offset of the name whose last character before its suffix is at `end`."""
    start = end
    consumed = 0
    starts = _starts(toks)
    # tokens are in order; find the last token that starts before `end`
    j = bisect.bisect_left(starts, end) - 1
    if j >= 0 and toks[j].end > end:  # a token straddles the suffix: its head is in the name
        if toks[j].start >= floor:
            start = toks[j].start
            consumed += 1
        j -= 1
    # words' kinds, remembered: when nothing is consumed yet, and once something is
    kinds_first = _KINDS.get((False, cls)) or _kinds_of(False, cls)
    kinds_then = _KINDS.get((True, cls)) or _kinds_of(True, cls)
    while j >= 0:
        w, t_start, t_end = toks[j]
        if t_start < floor or end - t_start > limit:
            if t_start < floor < t_end and w[: floor - t_start] in _GLUED:
                start = floor  # "以德润化工为龙头" cut as 以德|润|化工: the name starts at 德
            break
        if w in _WALK_SPECIAL:
            if w in (")", ")"):
                if cls not in {C.Enterprise, C.Project, C.IndustrialPark, C.IndustryChain}:
                    pass
                else:
                    k = j - 1
                    while k >= 0 and toks[k].text not in ("(", "("):
                        k -= 1
                    inner = "".join(t.text for t in toks[k + 1 : j])
                    latin = inner.isascii() and inner.isalpha() and len(inner) <= 12  # (LANTAI)
                    if (
                        k > 0
                        and 0 < len(inner) <= 12
                        and (_CJK.search(inner) and len(inner) <= 8 or latin)
                    ):
                        start = toks[k].start
                        j = k - 1
                        consumed += 1
                        continue
                    break
            elif (
                (
                    w == "和"
                    and cls == C.IndustryChain
                    or w == "及"  # (a project's: two words at least before it, not "推进A及B项目")
                    and cls == C.Project
                    and j > 1
                    and not _stops(toks[j - 2], consumed, cls)
                )
                and consumed
                and j > 0
                and not _stops(toks[j - 1], consumed, cls)
                and "、" not in (toks[j - 2].text if j > 1 else "")
            ):
                # "新能源和汽车制造产业链" is one chain's name, "异质结电池及组件生产基地项目"
                # one project's
                start = t_start
                consumed += 1
                j -= 1
                continue
            elif (
                w == "的"
                and not _strip_generic(_core_text(toks, start, end))
                and cls in {C.IndustryChain, C.IndustryCluster}
                and j > 0
                and pos(toks[j - 1].text) in {"n", "vn", "nz", "l", "j", "b", "nt"}
                and not _stops(toks[j - 1], consumed + 1, cls)
            ):
                start = t_start  # "水电硅铝一体化的全产业链": 的 inside the name
                consumed += 1
                j -= 1
                continue
        elif w in _BRAND_HALVES:  # a character that ends names, unless it is half a brand
            taken = _brand_half(toks, j, floor, start, end, cls, consumed)
            if taken:
                start = toks[j - taken + 1].start
                consumed += taken
                j -= taken
                continue
        kind = (kinds_then if consumed else kinds_first).get(w)
        if kind is None:
            kind = _kind(w, consumed > 0, cls)
        if kind == _STOP:
            break
        elif kind:
            # _ASK: whether the word ends the name depends on the word before it
            if (
                len(w) == 1
                and pos(w) in _VERB_TAILS
                and j > 0
                and len(toks[j - 1].text) > 1
                and pos(toks[j - 1].text) in _lex()["verb_pos"]
                and _stops(toks[j - 1], 1, cls)
            ):
                break  # "搭建起新能源产业链": 起 completes the verb
            if w in "年月日号" and j > 0 and toks[j - 1].text.isdigit():
                break  # "2022年6月兰钧…": a date, not part of the name
        start = t_start
        consumed += 1
        j -= 1
    lx = _lex()
    i = bisect.bisect_left(starts, start)
    # the words from `start` to `end` may open with a stop word ("进一步…"): joined only when
    # their first character can open one
    if i < len(toks) and toks[i].text[:1] in lx["stop_prefix_chars"]:
        head = "".join([t.text for t in toks[i : bisect.bisect_left(starts, end, i)]])
        m = lx["stop_prefix_re"].match(head)
        if m and len(head) > m.end() + 1:
            start += m.end()
            i = bisect.bisect_left(starts, start)
    # a name never opens with a verb ("提升产业链韧性", "预计项目投资"), nor with one of a
    # single character that a negation governs ("不含某集团")
    verbs = _VERBS
    for k in range(i, len(toks)):
        w, t_start, t_end = toks[k]
        if t_start == start and t_end <= end:
            verb = verbs.get(w)
            if verb is None:
                verb = _is_verb(w)
            if verb or k > 0 and toks[k - 1].text in _NEGATIONS and pos(w) == "v":
                start = t_end
                continue
        if t_start > start:
            break
    if cls == C.Enterprise and end - start >= 2:  # (the words it looks for take two or more)
        start = _after_never_inside(toks, start, end)
    k = bisect.bisect_left(starts, start)
    if (  # "一批如某某新材料、…等企业": 如 (such as) opens the examples, glued to the first
        0 < k < len(toks)
        and toks[k].start == start
        and toks[k].text[:1] == "如"
        and end - start > 2
        and toks[k - 1].text in lx["quantifiers"]
    ):
        start += 1
    while k < len(toks) and toks[k].start == start < end and toks[k].text in _DASHES:
        start, k = toks[k].end, k + 1  # "上市企业——某某公司": a dash joins a name, opens none
    return start


_DASHES = frozenset({"—", "——", "-", "–"})


def _after_never_inside(toks: list[Token], start: int, end: int) -> int:
    """Where a firm's name read leftwards to `start` really starts: after the last word that is
    never part of one (a title, a visiting verb, 其中), even where jieba cut across it
    ("副|市长|周海波|带队|走|访华|岳|集团" -> 华岳集团; "其|中华|岳|集团" -> 华岳集团).

    >>> from kg.extraction.segment import Token
    >>> toks = [Token("其", 0, 1), Token("中华", 1, 3), Token("岳", 3, 4)]
    >>> _after_never_inside(toks, 1, 4)
    2
    """
    if _never_free(toks):
        return start  # (as in most sentences)
    starts = _starts(toks)
    i = bisect.bisect_left(starts, start)
    # the word before the name, for a function word glued across its first character
    lo = toks[i - 1].start if i > 0 and toks[i - 1].end == start else start
    text = "".join(
        map(_TEXT, toks[bisect.bisect_left(starts, lo) : bisect.bisect_left(starts, end)])
    )
    last = None
    never = _lex()["never_in_firm_re"]
    for m in never.finditer(text) if never.search(text) else ():  # (a search costs less)
        last = m
    if last is None or lo + last.end() <= start or lo + last.end() >= end - 1:
        return start
    return lo + last.end()


_NEVER_FREE: list = [(None, True)]  # the last token list seen and whether it is never-free


def _never_free(toks: list[Token]) -> bool:
    """Whether `toks` hold no word that is never inside a firm's name, their texts joined (the
    words `_after_never_inside` reads are a run of them: their text is a part of that one),
    kept for the list last asked about (a sentence's tokens)."""
    last = _NEVER_FREE[0]  # one tuple, swapped whole: safe when threads share the module
    if last[0] is not toks:
        free = _lex()["never_in_firm_re"].search("".join(map(_TEXT, toks))) is None
        last = _NEVER_FREE[0] = (toks, free)
    return last[1]


# what a word read leftwards does to a name (`_kind`): part of it, ends it, or ask the word
# before it
_GO, _STOP, _ASK = 0, 1, 2


_VERB_TAILS = frozenset({"v", "vg", "d", "u", "ul", "uj", "y"})  # 起 in 搭建起, 了, 着


# each word's kind, by whether anything is consumed and the class
_KINDS: dict[tuple[bool, str], dict[str, int]] = {}


def _kinds_of(consumed: bool, cls: str) -> dict[str, int]:
    """The words' kinds remembered for `consumed` and `cls`."""
    kinds = _KINDS.get((consumed, cls))
    if kinds is None:
        kinds = _KINDS[(consumed, cls)] = {}
    return kinds


def _kind(w: str, consumed: bool, cls: str) -> int:
    """`_GO`, `_STOP` or `_ASK` for word `w` in `_walk_left`, by the tests there that look at
    the word alone (a pure function of the word, whether anything is consumed, and the class:
    remembered)."""
    kinds = _kinds_of(consumed, cls)
    if len(kinds) >= _STOPS_MAX:  # numbers and Latin words are endless: stay bounded
        kinds.clear()
    # "绿色铝产业链重点项目铝合金轮毂项目": one project ends where another starts
    if (
        _word_stops(w, consumed, cls)
        or consumed
        and w in _lex()["suffix_sets"].get(cls, ())
        or cls == C.Project
        and w.endswith("项目")
    ):
        kind = _STOP
    elif len(w) == 1 and pos(w) in _VERB_TAILS or w in "年月日号":
        kind = _ASK
    else:
        kind = _GO
    kinds[w] = kind
    return kind


_STARTS: list = [(None, [])]  # the last token list seen and its tokens' start offsets


def _starts(toks: list[Token]) -> list[int]:
    """Start offsets of `toks`, kept for the list last asked about (a sentence's tokens)."""
    last = _STARTS[0]  # one tuple, swapped whole: safe when threads share the module
    if last[0] is not toks:
        last = _STARTS[0] = (toks, list(map(_START, toks)))
    return last[1]


def _words_within(s: _Sent, a: int, b: int) -> list[Token]:
    """The words that lie wholly in [a, b), in order: found from where they start (bisected),
    not by reading the whole sentence."""
    starts = _starts(s.toks)
    lo = bisect.bisect_left(starts, a)
    out = s.toks[lo : bisect.bisect_left(starts, b, lo)]  # (a word starting before b…)
    while out and out[-1].end > b:  # (…may end after it; words do not overlap)
        out.pop()
    return out


_DOC_STARTS: list = [(None, [])]  # the last document's token list and their start offsets


def _doc_starts(toks: list[Token]) -> list[int]:
    """Start offsets of a document's tokens, kept for the last document asked about (read by
    `recognize`, then again by the frames' chain search)."""
    last = _DOC_STARTS[0]  # one tuple, swapped whole: safe when threads share the module
    if last[0] is not toks:
        last = _DOC_STARTS[0] = (toks, list(map(_START, toks)))
    return last[1]


def _known_starts(toks: list[Token], starts: list[int]) -> None:
    """Tell `_starts` the start offsets of `toks`, already known (a slice of the document's)."""
    _STARTS[0] = (toks, starts)


_TEXT, _START = itemgetter(0), itemgetter(1)  # a token's fields, read in C


def _weak_brand(toks: list[Token], j: int, floor: int) -> int:
    """How many words, from the weak character `toks[j]` (达, 其, 创…) leftwards, make a brand
    with it: 2 after a place ("云南其亚金属") or after one brand-like character that opens the
    name ("立达科技", "鑫达铝业"), 3 after two such characters the dictionary does not join
    ("欣旺达集团"); 0 when the character is no part of a brand."""
    if j == 0:
        return 0
    prev = toks[j - 1]
    if len(prev.text) > 1:
        return 2 if _is_region_word(prev.text) else 0
    for taken in (2, 3):
        first = toks[j - taken + 1]
        if not (
            first.start >= floor
            and len(first.text) == 1
            and _CJK.match(first.text)
            and _brand_like(first.text)
        ):
            return 0
        k = j - taken
        if k < 0 or toks[k].start < floor or _stops(toks[k], taken, C.Enterprise):
            return taken
    return 0


_VERB_CHARS = frozenset("促抓建推引强补延拓聚做创争达超占")


def _brand_pair(toks: list[Token], j: int, start: int, end: int) -> bool:
    """Whether the one-character token `toks[j]` and a one-character neighbour make a pair
    that is no ordinary word: a brand. The neighbour is the last character of a noun-like word
    on the left (双创产业园, 新农创科技), or one on the right already in the name with more of
    the name after it (创实玻璃…项目; not 抓实园区, where the pair is all there is)."""
    tok = toks[j]
    pairs = []
    nxt = toks[j + 1] if j + 1 < len(toks) else None
    if nxt is not None and start <= nxt.start == tok.end and nxt.end < end:
        if pos(nxt.text) not in _lex()["verb_pos"]:
            pairs.append(tok.text + nxt.text)
    prev = toks[j - 1] if j > 0 else None
    if prev is not None and prev.end == tok.start and pos(prev.text) in _NOUN_TAGS:
        if prev.text not in _lex()["stop_words"]:
            pairs.append(prev.text[-1] + tok.text)  # (新农|创科技: 农创)
    return any(
        len(p) == 2 and _CJK.match(p[0]) and _CJK.match(p[1]) and freq(p) < RARE for p in pairs
    )


_NOUN_TAGS = frozenset({"n", "ng", "nr", "ns", "nz", "nt"})


_BRAND_HALVES = _WEAK | _VERB_CHARS


def _brand_half(
    toks: list[Token], j: int, floor: int, start: int, end: int, cls: str, consumed: int
) -> int:
    """How many words, from the one-character stop word `toks[j]` leftwards, a name read
    leftwards takes because that character is half of a brand: 2 for a firm's brand whose
    weak character comes second (立达, 其亚), 1 for a verb character beside a brand character
    (双创产业园, 创岳玻璃…项目), 0 when it ends the name."""
    w = toks[j].text
    if cls == C.Enterprise and w in _WEAK:
        taken = _weak_brand(toks, j, floor)
        if taken:
            return taken
    if w in _VERB_CHARS and _brand_pair(toks, j, start, end):
        return 1
    return 0


class _Sent:
    """A sentence with its tokens; offsets are document offsets."""

    def __init__(self, sent: Sentence, toks: list[Token] | None = None) -> None:
        self.sent = sent
        self.text = sent.text
        self.start = sent.start
        self.toks = toks if toks is not None else tokenize(sent.text, sent.start)

    # (asked a few times a sentence: a bisection costs less than a set of offsets made first)
    def is_start(self, a: int) -> bool:
        """Whether a token starts at document offset `a`."""
        starts = _starts(self.toks)
        i = bisect.bisect_left(starts, a)
        return i < len(starts) and starts[i] == a

    def is_end(self, b: int) -> bool:
        """Whether a token ends at document offset `b` (tokens do not overlap: only the last
        that starts before `b` can)."""
        i = bisect.bisect_left(_starts(self.toks), b) - 1
        return i >= 0 and self.toks[i][2] == b

    def word_at(self, a: int) -> Token | None:
        """The word that starts at document offset `a`, if one does."""
        i = bisect.bisect_left(_starts(self.toks), a)
        return self.toks[i] if i < len(self.toks) and self.toks[i].start == a else None

    def sub(self, a: int, b: int) -> str:
        return self.text[a - self.start : b - self.start]

    def before(self, a: int) -> str:
        return self.text[: a - self.start]


def _core_text(toks: list[Token], start: int, end: int) -> str:
    return "".join(t.text for t in toks if start <= t.start and t.end <= end)


@functools.lru_cache(maxsize=1 << 13)  # bounded small: see kg.iris
def _strip_generic(core: str) -> str:
    lx = _lex()
    changed = True
    while core and changed:
        changed = False
        core = core.strip(" ·、,")
        m = lx["count_prefix"].match(core)
        if m and m.end() > 0:
            core = core[m.end() :]
            changed = True
            continue
        m = _rx(r"^[0-9.]+[亿万]?[元吨个]?(?:以上|以下)?").match(core)
        if m and m.end() > 0:
            core = core[m.end() :]
            changed = True
            continue
        m = lx["generic_re"].match(core)
        if m:
            core = core[m.end() :]
            changed = True
        if core and core[0] in _OPEN_QUOTES + _CLOSE_QUOTES:
            core = core[1:]
            changed = True
    return core
