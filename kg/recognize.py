"""Mentions of enterprises, chains, clusters, parks, projects, policies, strategies, regions,
people and chain-leader roles, found by how the sentence is phrased rather than by lists of names.

A name ends in a suffix of its class (…产业链, …经开区, …项目, …有限公司) and starts where the
words before it stop being part of a name: a verb that governs it, a function word, punctuation
or a date. Firms without a suffix are found where the sentence makes them firms: the items of
"A、B等企业", the subject of 为龙头 / 链主, partners of 签约. Coordinated lists that share one
suffix ("A、B、C产业链") give one mention per item.

>>> from kg.reader import read_text
>>> from kg.sentences import split_sentences
>>> doc = recognize(split_sentences(read_text("以云铝海鑫为龙头,延伸绿色铝产业链。")))
>>> sorted((m.type, m.text) for m in doc.mentions)
[('Enterprise', '云铝海鑫'), ('IndustryChain', '绿色铝产业链')]
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from collections.abc import Iterator

from kg import ontology
from kg.document import Document, Mention, Sentence
from kg.places import is_place, place_names
from kg.segment import Token, freq, pos, rules, tokenize

__all__ = ["recognize", "GENERIC"]

GENERIC = "generic"  # Mention.rule of a generic mention ("产业链" alone): usable, never listed

_PUNCT = re.compile(r"^[\s\W_]+$")
_DATE = re.compile(
    r"^(?:\d+|[0-9一二三四五六七八九十]+)[年月日号]$|^\d{4}$|^[上下]半年$|^年底$|^年初$"
)
_NUM = re.compile(r"^[0-9.%]+$|^[0-9一二三四五六七八九十百千万亿两几]+$")
_CLASSIFIER = set("个条家户项批类座处种名位")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_ORDINAL = re.compile(r"^第[0-9一二三四五六七八九十百]+[个条家户项批名]?$")
_COUNT_HEAD = r"(?:等|以及)?(?:[0-9一二三四五六七八九十两]+(?:条|个|大|家|户|项))?"
_CHAIN_LIST_TAIL = re.compile(
    _COUNT_HEAD
    + r"(?:省级|市级|县级|首批|重点|千亿级|千亿元级|百亿级|主导|新兴|[‘“][^’”]{1,10}[’”])*$"
)
_CLUSTER_LIST_TAIL = re.compile(
    _COUNT_HEAD + r"(?:千亿级|千亿元级|百亿级|百亿元级|[‘“][^’”]{1,10}[’”])*$"
)
# patterns written where they are used, compiled once (faster than re's own cache)
_rx = functools.lru_cache(maxsize=None)(re.compile)
_OPEN_QUOTES = "“‘\"'「"
_CLOSE_QUOTES = "”’\"'」"
_UNSURE = "project-head?"  # a firm guessed from a project's name: kept only if written again
# a word the dictionary has but barely knows (恒丰: 2) may be a brand; 农资 (21) is a word
RARE = 10
_NOT_FIRM_HEADS = {"活动", "会议", "工作", "情况", "问题", "建设", "发展", "项目", "产业", "行业"}
_NOT_FIRM_ENDS = tuple(_NOT_FIRM_HEADS)  # for str.endswith
_WEAK = set("其之此该各本达强建引促聚创争超占同跟让使着过")


def _alt(words: list[str]) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


def _strong(word: str) -> bool:
    """Industry words that, after a brand, almost always name a firm (合盛铝业, 三一重工)."""
    return len(word) >= 2 and word.endswith(
        ("业", "材", "泥", "股份", "重工", "化学", "制药", "控股")
    )


@functools.cache
def _lex() -> dict:
    lex = rules()
    lex = {**lex, "suffixes": {cls: ontology.suffixes(cls) for cls in _SUFFIX_CLASSES}}
    b = lex["boundary"]
    return {
        "suffix_re": {
            cls: re.compile("|".join(sorted(map(re.escape, sfx), key=len, reverse=True)))
            for cls, sfx in lex["suffixes"].items()
        },
        "suffixes": lex["suffixes"],
        "suffix_chars": {cls: {x[-1] for x in sfx} for cls, sfx in lex["suffixes"].items()},
        "suffix_sets": {cls: set(sfx) for cls, sfx in lex["suffixes"].items()},
        "stop_pos": set(b["stop_pos"]),
        "verb_pos": set(b["verb_pos"]),
        "inner_verbs": set(b["inner_verbs"]),
        "inner_words": set(b["inner_words"]),
        "inner_by_class": {k: set(v) for k, v in b["inner_by_class"].items()},
        "stop_prefixes": sorted((w for w in b["stop_words"] if len(w) >= 2), key=len, reverse=True),
        "stop_words": set(b["stop_words"]),
        "generic": sorted(b["generic_modifiers"], key=len, reverse=True),
        "generic_set": set(b["generic_modifiers"]),
        "generic_re": re.compile("(?:" + _alt(b["generic_modifiers"]) + ")"),
        "stop_prefix_chars": {w[0] for w in b["stop_words"] if len(w) >= 2},
        "stop_prefix_re": re.compile(
            "(?:" + _alt([w for w in b["stop_words"] if len(w) >= 2]) + ")"
        ),
        "count_prefix": re.compile(b["count_prefix"]),
        "industry": sorted(lex["enterprise"]["industry_words"], key=len, reverse=True),
        "list_heads": sorted(lex["enterprise"]["list_heads"], key=len, reverse=True),
        "region_sfx": sorted(lex["region"]["suffixes"], key=len, reverse=True),
        "not_regions": set(lex["region"]["not_regions"]),
        "titles": sorted(lex["person"]["titles"], key=len, reverse=True),
        "after": sorted(lex["person"]["after"], key=len, reverse=True),
        "surnames": set(lex["person"]["surnames"]),
        "compound": set(lex["person"]["compound_surnames"]),
        "role_heads": lex["role"]["heads"],
        "strategy_heads": sorted(lex["strategy"]["heads"], key=len, reverse=True),
        "split_connectors": lex["chain"]["split_connectors"],
        # alternations, built once (patterns built from them are cached by `re`)
        "strategy_alt": _alt(lex["strategy"]["heads"]),
        "subject_cues_alt": _alt(["落户", "入驻", "落地"]),
        "titles_alt": _alt(lex["person"]["titles"]),
        "role_alt": _alt(lex["role"]["heads"]),
        "list_heads_alt": _alt(lex["enterprise"]["list_heads"]),
        "strong": [w for w in lex["enterprise"]["industry_words"] if _strong(w)],
        "strong_alt": _alt([w for w in lex["enterprise"]["industry_words"] if _strong(w)]),
        "weak_alt": _alt([w for w in lex["enterprise"]["industry_words"] if not _strong(w)]),
        "not_items": tuple(lex["chain"]["not_items"]),
        "all_suffixes": {x for v in lex["suffixes"].values() for x in v if len(x) > 1},
        "firm_suffixes": set(lex["suffixes"]["Enterprise"]),
        "list_heads_set": set(lex["enterprise"]["list_heads"]) | {"链主", "龙头", "链长"},
    }


_POLICY = re.compile(r"《([^《》]{2,80})》")


@functools.cache
def _patterns() -> dict[str, re.Pattern]:
    """Regular expressions built from the lexicon, compiled once."""
    lx = _lex()
    num = "[一二三四五六七八九十两0-9]"
    count = r"(?:[0-9一二三四五六七八九十两]+(?:家|户|个|大))"
    heads = lx["list_heads_alt"]
    return {
        "strategy_quoted": re.compile(r"“[^“”]{1,16}”(?:" + lx["strategy_alt"] + ")"),
        "strategy_num_quoted": re.compile(r"“(" + num + r"(?:大|个)[^“”]{1,6})”"),
        "strategy_num": re.compile(r"(?<![“\w])(" + num + r"大(?:战略|强市|经济|工程|行动))"),
        "titles": re.compile(r"(?:" + lx["titles_alt"] + r")"),
        "role": re.compile(
            r"[由以]([^,。;由以]{0,10}?(?:" + lx["role_alt"] + r"))(?:同志)?(?:担任|任|兼任)"
        ),
        "firm_list": re.compile(
            r"(?:等" + count + r"?|" + count + r")[^,。;、等]{0,6}?(?:" + heads + r")"
        ),
        "settles": re.compile(r"([^,。;、]{2,12}?)(?:" + lx["subject_cues_alt"] + r")"),
        "strong": re.compile(lx["strong_alt"]),
        "industry_head": re.compile("(?:" + _alt(lx["industry"]) + ")"),
        "industry_tail": re.compile("(?:" + _alt(lx["industry"]) + ")$"),
        "weak_opening": re.compile(r"(?:^|(?<=[,;:]))[^,;:]{2,5}?(" + lx["weak_alt"] + ")"),
    }


_SUFFIX_CLASSES = ("IndustryChain", "IndustryCluster", "IndustrialPark", "Project", "Enterprise")

MAX_LEN = {
    "IndustryChain": 16,
    "IndustryCluster": 18,
    "IndustrialPark": 24,
    "Project": 30,
    "Enterprise": 26,
}


# --------------------------------------------------------------------------- helpers


@functools.lru_cache(maxsize=1 << 16)
def _is_region_word(word: str) -> bool:
    lx = _lex()
    if word in lx["not_regions"] or len(word) < 2:
        return False
    if pos(word) == "ns" or is_place(word):
        return True
    return any(word.endswith(s) and len(word) > len(s) for s in lx["region_sfx"]) and not freq(word)


@functools.lru_cache(maxsize=1 << 16)
def _brand_like(word: str) -> bool:
    """A run of characters that is not an ordinary word: a likely brand (合盛, 云铝海鑫).

    Single characters are brand material unless they are among the commonest (中, 大, 的).
    """
    if len(word) == 1:
        return freq(word) < 100000
    if pos(word) in {"l", "i", "v", "vn", "a", "ad", "d"}:
        return False  # set phrases and verbs (综合利用) are not brands however rare
    return freq(word) < 60 or pos(word) in {"nz", "nr", "nrt", "nt"}


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
_MONEY = re.compile(r"^[千百万亿]*元$")
# function words that jieba may glue to a name's first character (以德润化工 -> 以德|润…)
_GLUED = frozenset("以与由和及在对向将把从")
# words with a rule of their own when a name is read leftwards (see `_walk_left`)
_WALK_SPECIAL = frozenset(")和的")
_STOPS_MAX = 100_000


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
    if _NUM.match(w) and cls in {"IndustryChain", "IndustryCluster"}:
        return True
    if cls == "Enterprise" and _rx(r"^[0-9.%]+$").match(w):
        return True
    if cls == "Project" and _MONEY.match(w):
        return True  # "华川集团投资30亿元建设智能家电项目": a sum of money is no part of a name
    p = pos(w)
    if len(w) > 1 and p in lx["stop_pos"] or len(w) >= 4 and p == "l":
        return True  # function words, and set phrases such as 发展壮大, 做大做强
    if len(w) == 1 and p in {"p", "c", "u", "uj", "ul", "r", "y", "e"}:
        return True
    if (
        len(w) == 4
        and freq(w) < RARE
        and pos(w[2:]) in lx["verb_pos"]
        and w[2:] not in lx["inner_verbs"]
        and cls != "Enterprise"
    ):
        p = "v"  # 全面推行: a rare four-character entry that ends in a verb acts as the verb
    if len(w) > 1 and p in lx["verb_pos"] and w not in lx["inner_verbs"] and cls != "Enterprise":
        return (
            True  # firm names hold verbs (三环锻造, 城市建设投资): only governing verbs stop them
        )
    if (
        w in lx["list_heads_set"]
        or consumed
        and w in lx["all_suffixes"]
        and (cls != "Project" or w == "项目")
    ):
        return True  # "钢铁产业链链主企业河钢集团": another name's suffix ends this one
    return False


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
    kinds = _KINDS
    while j >= 0:
        w, t_start, t_end = toks[j]
        if t_start < floor or end - t_start > limit:
            if t_start < floor < t_end and w[: floor - t_start] in _GLUED:
                start = floor  # "以德润化工为龙头" cut as 以德|润|化工: the name starts at 德
            break
        if w in _WALK_SPECIAL:
            if w in (")", ")"):
                if cls not in {"Enterprise", "Project", "IndustrialPark", "IndustryChain"}:
                    pass
                else:
                    k = j - 1
                    while k >= 0 and toks[k].text not in ("(", "("):
                        k -= 1
                    inner = "".join(t.text for t in toks[k + 1 : j])
                    if k > 0 and 0 < len(inner) <= 8 and _CJK.search(inner):
                        start = toks[k].start
                        j = k - 1
                        consumed += 1
                        continue
                    break
            elif (
                w == "和"
                and cls == "IndustryChain"
                and consumed
                and j > 0
                and not _stops(toks[j - 1], consumed, cls)
                and "、" not in (toks[j - 2].text if j > 1 else "")
            ):
                start = t_start  # "新能源和汽车制造产业链" is one chain's name
                consumed += 1
                j -= 1
                continue
            elif (
                w == "的"
                and not _strip_generic(_core_text(toks, start, end))
                and cls in {"IndustryChain", "IndustryCluster"}
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
        kind = kinds.get((w, consumed > 0, cls))
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
    # a name never opens with a verb ("提升产业链韧性", "预计项目投资")
    verbs = _VERBS
    for k in range(i, len(toks)):
        w, t_start, t_end = toks[k]
        if t_start == start and t_end <= end:
            verb = verbs.get(w)
            if verb is None:
                verb = _is_verb(w)
            if verb:
                start = t_end
                continue
        if t_start > start:
            break
    return start


_VERBS: dict[str, bool] = {}


def _is_verb(w: str) -> bool:
    """Whether `w` is a verb of two characters or more (remembered)."""
    if len(_VERBS) >= _STOPS_MAX:
        _VERBS.clear()
    verb = _VERBS[w] = len(w) > 1 and pos(w) in _lex()["verb_pos"]
    return verb


# what a word read leftwards does to a name (`_kind`): part of it, ends it, or ask the word
# before it
_GO, _STOP, _ASK = 0, 1, 2
_VERB_TAILS = frozenset({"v", "vg", "d", "u", "ul", "uj", "y"})  # 起 in 搭建起, 了, 着
_KINDS: dict[tuple[str, bool, str], int] = {}


def _kind(w: str, consumed: bool, cls: str) -> int:
    """`_GO`, `_STOP` or `_ASK` for word `w` in `_walk_left`, by the tests there that look at
    the word alone (a pure function of the word, whether anything is consumed, and the class:
    remembered)."""
    if len(_KINDS) >= _STOPS_MAX:  # numbers and Latin words are endless: stay bounded
        _KINDS.clear()
    # "绿色铝产业链重点项目铝合金轮毂项目": one project ends where another starts
    if (
        _word_stops(w, consumed, cls)
        or consumed
        and w in _lex()["suffix_sets"].get(cls, ())
        or cls == "Project"
        and w.endswith("项目")
    ):
        kind = _STOP
    elif len(w) == 1 and pos(w) in _VERB_TAILS or w in "年月日号":
        kind = _ASK
    else:
        kind = _GO
    _KINDS[(w, consumed, cls)] = kind
    return kind


_STARTS: list = [(None, [])]  # the last token list seen and its tokens' start offsets


def _starts(toks: list[Token]) -> list[int]:
    """Start offsets of `toks`, kept for the list last asked about (a sentence's tokens)."""
    last = _STARTS[0]  # one tuple, swapped whole: safe when threads share the module
    if last[0] is not toks:
        last = _STARTS[0] = (toks, [t.start for t in toks])
    return last[1]


def _weak_pair(toks: list[Token], j: int, floor: int) -> bool:
    """Whether the weak character `toks[j]` (达, 其, 创…) belongs to a brand with the word
    before it: a place before it ("云南其亚金属"), or one brand-like character that opens the
    name ("立达科技", "鑫达铝业")."""
    if j == 0:
        return False
    prev = toks[j - 1]
    if len(prev.text) > 1:
        return _is_region_word(prev.text)
    return (
        prev.start >= floor
        and bool(_CJK.match(prev.text))
        and _brand_like(prev.text)
        and (j == 1 or toks[j - 2].start < floor or _stops(toks[j - 2], 2, "Enterprise"))
    )


# single characters that jieba leaves alone and that mostly act as verbs (强链, 补链, 建厂)
_VERB_CHARS = frozenset("促抓建推引强补延拓聚做创争达超占")


def _brand_pair(toks: list[Token], j: int, start: int, end: int) -> bool:
    """Whether the one-character token `toks[j]` and a one-character neighbour make a pair
    that is no ordinary word: a brand. The neighbour is a noun-like character on the left
    (双创产业园), or one on the right already in the name with more of the name after it
    (创实玻璃…项目; not 抓实园区, where the pair is all there is)."""
    tok = toks[j]
    pairs = []
    nxt = toks[j + 1] if j + 1 < len(toks) else None
    if nxt is not None and start <= nxt.start == tok.end and nxt.end < end:
        if pos(nxt.text) not in _lex()["verb_pos"]:
            pairs.append(tok.text + nxt.text)
    prev = toks[j - 1] if j > 0 else None
    if prev is not None and prev.end == tok.start and pos(prev.text) in _NOUN_TAGS:
        if prev.text not in _lex()["stop_words"]:
            pairs.append(prev.text + tok.text)
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
    if cls == "Enterprise" and consumed and w in _WEAK and _weak_pair(toks, j, floor):
        return 2
    if w in _VERB_CHARS and _brand_pair(toks, j, start, end):
        return 1
    return 0


def _core_text(toks: list[Token], start: int, end: int) -> str:
    return "".join(t.text for t in toks if start <= t.start and t.end <= end)


@functools.lru_cache(maxsize=1 << 16)
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


# --------------------------------------------------------------------------- recognisers


class _Sent:
    """A sentence with its tokens; offsets are document offsets."""

    def __init__(self, sent: Sentence, toks: list[Token] | None = None) -> None:
        self.sent = sent
        self.text = sent.text
        self.start = sent.start
        self.toks = toks if toks is not None else tokenize(sent.text, sent.start)
        self._starts: set[int] | None = None
        self._ends: set[int] | None = None

    @property
    def starts(self) -> set[int]:
        """Document offsets where a token starts."""
        if self._starts is None:  # (functools.cached_property takes a lock: slower)
            self._starts = {t.start for t in self.toks}
        return self._starts

    @property
    def ends(self) -> set[int]:
        """Document offsets where a token ends."""
        if self._ends is None:
            self._ends = {t.end for t in self.toks}
        return self._ends

    def word_at(self, a: int) -> Token | None:
        """The word that starts at document offset `a`, if one does."""
        i = bisect.bisect_left(_starts(self.toks), a)
        return self.toks[i] if i < len(self.toks) and self.toks[i].start == a else None

    def sub(self, a: int, b: int) -> str:
        return self.text[a - self.start : b - self.start]

    def before(self, a: int) -> str:
        return self.text[: a - self.start]


def _suffix_names(s: _Sent, cls: str) -> Iterator[Mention]:
    lx = _lex()
    for m in lx["suffix_re"][cls].finditer(s.text):
        a, b = s.start + m.start(), s.start + m.end()
        nxt = s.text[m.end() : m.end() + 1]
        if cls == "IndustryCluster" and nxt == "化":
            continue
        if cls == "Enterprise" and (nxt in "化内外" or m.group() == "公司" and nxt == "制"):
            continue
        if (
            cls == "Enterprise"
            and m.group() == "厂"
            and s.text[m.start() - 1 : m.start()] in "工建设办开"
        ):
            continue  # 工厂, 建厂, 设厂: no firm named
        if cls == "IndustrialPark" and s.text[m.end() : m.end() + 2] in ("管委", "管理"):
            pass  # "湘潭经开区管委会": the park is still named
        start = _walk_left(s.toks, a, s.start, cls, MAX_LEN[cls])
        if cls == "Project":
            start = _after_lead_verb(s, _capacity_start(s, start, b), a)
        name = s.sub(start, b)
        if not _balanced(name):
            continue
        raw_core = name[: -len(m.group())]
        core = _strip_generic(raw_core)
        if len(core) < 2 and _one_word(s, start, a, raw_core):
            core = raw_core  # 工业硅项目: a word that merely opens with a generic one (工业)
        if core and not _rx(r"[^\W_]").search(core):
            core = ""  # "龙头企业-产业链-产业集群": punctuation names nothing
        if cls == "Project" and (
            raw_core.endswith(("重点", "重大"))
            or raw_core.endswith("产业链")
            and not raw_core.endswith("全产业链")
            and not _firm_headed(s, start, a)
        ):
            continue  # "绿色铝产业链(重点)项目": a chain's projects; 合盛…全产业链项目 is one
        before = s.before(start).rstrip().rstrip(_OPEN_QUOTES)
        after = s.text[m.end() :]
        category = (
            before.endswith(("等", "一批", "这", "该", "各", "些"))
            or bool(lx["count_prefix"].match(name))
            or bool(_rx(r"[0-9一二三四五六七八九十两]+(?:个|条|家|户|项|大)$").search(before))
            or bool(_rx(r"^[0-9]+(?:个|条|家|户|项)(?=$|[,。;、)])").match(after))
        )
        measured = (
            bool(_rx(r"[0-9.]$").search(before))
            and cls != "Project"
            or bool(_rx(r"^[万亿千百]?(?:元|吨|立方米|平方米|千瓦|亩|公里)").match(name))
        )
        if measured:
            continue
        if cls == "IndustryChain":
            yield from _chain_mentions(s, start, a, b, m.group(), core, category)
            continue
        if cls == "IndustryCluster":
            yield from _list_or_single(s, start, a, b, cls, core, category)
            continue
        if not core or category or len(core) < 2:
            continue
        if cls == "Project" and core.endswith(("上下游", "配套", "产业", "产业集群")):
            continue
        if cls == "Enterprise" and not _enterprise_core_ok(core):
            continue
        if cls == "IndustrialPark" and len(core) < 2:
            continue
        yield Mention(cls, name, start, b, rule=f"suffix:{m.group()}")
        if cls == "Project":
            brand = _brand_prefix(s, start, b - len(m.group()), industry_only=True)
            if brand:
                # a strong industry word (华友钴业) needs no second sighting; a weak one does
                strong = _strong(s.sub(*brand)[-2:]) or _strong(s.sub(*brand)[-3:])
                yield Mention(
                    "Enterprise", s.sub(*brand), *brand, rule="project-head" if strong else _UNSURE
                )


# "年产10万吨芯片封装测试项目": a stated capacity opens a project's name, verbs after it included
_CAPACITY = re.compile(
    r"年(?:产|产能|处理|加工|生产)?[0-9.一二三四五六七八九十百千万亿]+[万亿]?"
    r"(?:吨|台|套|件|辆|片|只|颗|块|平方米|立方米|千瓦|兆瓦|吉瓦|千瓦时|GWh|MWh|GW|MW|kW)"
)


def _capacity_start(s: _Sent, start: int, b: int) -> int:
    """Where a project's name starts when a capacity phrase stands before the words read so
    far, with no punctuation between: the name reaches back over it (and any firm before it).
    """
    head = s.text[: start - s.start]
    found = None
    for m in _CAPACITY.finditer(head) if "年" in head else ():
        found = m
    if found is None or _rx(r"[,。;:、()“”]|等(?!离子)").search(head, found.end()):
        return start  # "年产…皮带轮等16个招商项目": the capacity is a list item's, not this name's
    cap = s.start + found.start()
    limit = MAX_LEN["Project"] - (b - cap)
    if limit < 0:
        return start
    return _walk_left(s.toks, cap, s.start, "Project", limit)


# verbs that name a project's work when inside it (扩建项目) but govern it when they open it
_LEAD_VERBS = frozenset({"建设", "新建", "扩建", "投资", "实施", "推进", "开工", "启动"})


def _after_lead_verb(s: _Sent, start: int, a: int) -> int:
    """Where a project's name starts once a verb opening it is left out: "(投资50亿元)建设智能
    家电项目" names 智能家电项目; the verb stays when nothing but the suffix would be left."""
    tok = s.word_at(start)
    if tok is not None and tok.text in _LEAD_VERBS and a - tok.end >= 2:
        return tok.end
    return start


def _one_word(s: _Sent, a: int, b: int, text: str) -> bool:
    """Whether `text` at [a, b) is one dictionary word that is not itself a generic one."""
    return (
        a in s.starts
        and b in s.ends
        and freq(text) > 0
        and text not in _lex()["generic_set"]
        # words starting in [a, b): starts are sorted
        and bisect.bisect_left(_starts(s.toks), b) - bisect.bisect_left(_starts(s.toks), a) == 1
    )


def _firm_headed(s: _Sent, a: int, b: int) -> bool:
    """Whether a name opens with a firm's: a brand and a strong industry word (华友钴业…).

    >>> from kg.document import Sentence
    >>> names = ("华友钴业新能源材料", "新能源汽车装备")
    >>> [_firm_headed(_Sent(Sentence(0, 9, name)), 0, 9) for name in names]
    [True, False]
    """
    m = _patterns()["strong"].search(s.text, a - s.start, b - s.start)
    return m is not None and m.start() - (a - s.start) >= 2


def _enterprise_core_ok(core: str) -> bool:
    # "子公司", "运输公司", "该公司": a firm name needs something more than an ordinary word
    if core in {"子", "分", "母", "总", "运输", "投资", "控股", "上市", "国有", "民营", "物流"}:
        return False
    if len(core) <= 3 and freq(core) > 500 and pos(core) not in {"nz", "nt", "ns"}:
        return False
    return True


_SEPARATORS = re.compile("、|以及|及|和|与|,")


def _list_items(s: _Sent, end: int, floor: int, cls: str, limit: int = 14) -> list[tuple[int, int]]:
    """Items of a list "A、B及C" ending at `end` (document offset), leftmost first.

    Items are read right to left. An item that is not a plain short phrase (too long, or with
    punctuation in it) is the leftmost one: its start is found by reading it as a name.
    """
    not_items = _lex()["not_items"]
    base = max(floor - s.start, 0)
    items: list[tuple[int, int]] = []
    cur = end - s.start  # relative end of the current item

    def leftmost(lo: int) -> None:
        a = _walk_left(s.toks, s.start + cur, s.start + lo, cls, limit)
        if a < s.start + cur and not s.sub(a, s.start + cur).endswith(not_items):
            items.append((a, s.start + cur))

    while True:
        seps = [
            sep
            for sep in _SEPARATORS.finditer(s.text, base, cur)
            if sep.group() in "、,"
            or s.start + sep.start() in s.starts
            and s.start + sep.end() in s.ends  # a word of its own: not 涉及, not 及其
        ]
        if not seps:
            leftmost(base)
            break
        sep = seps[-1]
        item = s.text[sep.end() : cur]
        if (
            sep.group() == ","
            or not item
            or len(item) > limit
            or _rx(r"[^\w()“”·—\-]").search(item)
        ):
            leftmost(sep.end())
            break
        if item.endswith(not_items):
            break  # "宣传部部长、新材料产业链": a title is not a list item
        items.append((s.start + sep.end(), s.start + cur))
        cur = sep.start()
        if sep.group() in ("和", "与") and "、" not in s.text[max(cur - 20, 0) : cur]:
            leftmost(base)  # "X和Y" without a 、 list: X is read as a name
            break
    items.reverse()
    return [(a, b) for a, b in items if b > a]


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


def _enumeration(s: _Sent, end: int, tail: str, cls: str) -> list[tuple[int, int]]:
    """Items of "A、B、C3个…": split at 、 only when that gives the stated count, so
    "绿色能源、绿色硅铝、磷化工及新材料3个…产业集群" has three items, not four."""
    items = _list_items(s, end, s.start, cls)
    n = _count(tail)
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


def _conjuncts(s: _Sent, items: list[tuple[int, int]], suffix: str) -> Iterator[Mention]:
    """Chains written bare in a list that shares one suffix: 光伏 in "光伏、风电装备等8条产业链"."""
    for ia, ib in items:
        text = s.sub(ia, ib)
        if _strip_generic(text):
            label = _strip_place(text + suffix, s.toks, ia)
            yield Mention("IndustryChain", text, ia, ib, label=label, rule="list")


def _chain_mentions(
    s: _Sent, start: int, a: int, b: int, suffix: str, core: str, category: bool
) -> Iterator[Mention]:
    """A chain name, or each item of a coordinated list of chains sharing one suffix."""
    name = s.sub(start, b)
    before = s.before(start)
    # "A、B、C等8条(省级重点)产业链": the items come before the count
    tail = _CHAIN_LIST_TAIL.search(s.before(a))
    list_end = s.start + tail.start() if tail and tail.group() else None
    if list_end is not None and list_end > s.start and (not core or start >= list_end):
        items = _enumeration(s, list_end, tail.group(), "IndustryChain")
        if len(items) >= 2:
            yield from _conjuncts(s, items, suffix)
            return
    if _is_region_word(core) or core in place_names():
        core = ""  # "梧州市产业链": a place's chains in general
    if not core or category and not before.rstrip().endswith("等"):
        # "产业链", "各产业链", "这3条产业链": no chain in particular, but a chain all the same
        det = _rx(r"[各该这本每那][0-9一二三四五六七八九十两]*[条个]?$").search(s.before(start))
        g_start = start - (len(det.group()) if det else 0)
        yield Mention("IndustryChain", s.sub(g_start, b), g_start, b, rule=GENERIC)
        return
    # "A、B及C产业链" / "A及B产业链": earlier conjuncts are bare
    conj = _rx(r"(、|以及|及)$").search(before)
    inner_split = _rx(r"^(.{2,8}?)(以及|及(?!其))(.{2,}?)$").search(name[: -len(suffix)])
    if conj:
        items = _list_items(s, start - len(conj.group()), s.start, "IndustryChain")
        yield from _conjuncts(s, items, suffix)
    elif inner_split and "、" not in name:
        first = inner_split.group(1)
        if _strip_generic(first):
            yield Mention(
                "IndustryChain",
                first,
                start,
                start + len(first),
                label=_strip_place(first + suffix, s.toks, start),
                rule="list",
            )
        rest_start = start + len(first) + len(inner_split.group(2))
        yield Mention("IndustryChain", s.sub(rest_start, b), rest_start, b, rule="suffix")
        return
    label = _strip_place(name, s.toks, start)
    yield Mention("IndustryChain", name, start, b, label=label, rule="suffix")


def _list_or_single(
    s: _Sent, start: int, a: int, b: int, cls: str, core: str, category: bool
) -> Iterator[Mention]:
    """Clusters: "A、B、C3个千亿级产业集群" gives A, B and C."""
    tail = _CLUSTER_LIST_TAIL.search(s.before(a))
    if tail and tail.group() and (not core or category or start >= s.start + tail.start()):
        end = s.start + tail.start()
        items = _enumeration(s, end, tail.group(), cls)
        if len(items) >= 2:
            for ia, ib in items:
                text = s.sub(ia, ib)
                if _strip_generic(text):
                    yield Mention(cls, text, ia, ib, rule="list")
            return
    if core and not category:
        yield Mention(cls, s.sub(start, b), start, b, rule="suffix")


def _policies(s: _Sent) -> Iterator[Mention]:
    for m in _POLICY.finditer(s.text) if "《" in s.text else ():
        yield Mention("Policy", m.group(1), s.start + m.start(1), s.start + m.end(1), rule="《》")


def _strategies(s: _Sent) -> Iterator[Mention]:
    px = _patterns()
    # “3815”战略目标, “产、城、人”三篇文章
    for m in px["strategy_quoted"].finditer(s.text) if "“" in s.text else ():
        yield Mention("Strategy", m.group(), s.start + m.start(), s.start + m.end(), rule="quoted")
    # “六大战略”, “七个一”, “五大强市”
    for m in px["strategy_num_quoted"].finditer(s.text) if "“" in s.text else ():
        yield Mention("Strategy", m.group(1), s.start + m.start(1), s.start + m.end(1), rule="num")
    for m in px["strategy_num"].finditer(s.text) if "大" in s.text else ():
        yield Mention("Strategy", m.group(1), s.start + m.start(1), s.start + m.end(1), rule="num")


_ETHNIC = re.compile(
    r"[\u4e00-\u9fff]{2,4}?(?:(?:回|彝|苗|藏|壮|满|蒙古|维吾尔|土家|布依|侗|瑶|白|哈尼|傣|黎|傈僳|佤|"
    r"畲|拉祜|水|纳西|羌|土|仫佬|锡伯|仡佬|景颇|达斡尔|撒拉|布朗|毛南|普米|阿昌|怒|鄂温克|京|基诺|"
    r"德昂|保安|裕固|门巴|珞巴|独龙|鄂伦春|赫哲|塔吉克|哈萨克|柯尔克孜|乌孜别克|朝鲜)族)+"
    r"(?:自治)?(?:乡|镇|县|州|旗)"
)


_TOWN = ("街道", "镇", "乡")


@functools.cache
def _place_words() -> tuple[frozenset[str], frozenset[str]]:
    """Place names, and every beginning of one (云, 云南, 云南省)."""
    names = frozenset(place_names())
    return names, frozenset(n[:k] for n in names for k in range(1, len(n) + 1))


def _place_spans(s: _Sent) -> list[tuple[int, int]]:
    """Places written in the sentence as whole words (offsets in its text), longest first,
    not overlapping.

    A place is one word or several in a row: from each word, words are joined on while the
    text so far begins some place name.
    """
    names, beginnings = _place_words()
    toks = s.toks
    last = s.start + len(s.text)  # a word may run past a sentence cut inside a line
    found = []
    for i, tok in enumerate(toks):
        text = tok.text
        if text not in beginnings:
            continue
        k = i
        while True:
            if text in names and toks[k].end <= last:
                found.append((tok.start - s.start, toks[k].end - s.start))
            k += 1
            if k == len(toks):
                break
            text += toks[k].text
            if text not in beginnings:
                break
    if not found:
        return []
    found.sort(key=lambda ab: (ab[0], -(ab[1] - ab[0])))
    out: list[tuple[int, int]] = []
    for a, b in found:
        if not out or a >= out[-1][1]:
            out.append((a, b))
    return out


def _regions(s: _Sent) -> Iterator[Mention]:
    """Places: administrative names (full or short), ethnic townships, towns (…镇, …乡)."""
    for m in _ETHNIC.finditer(s.text) if "族" in s.text else ():  # 青岗岭回族彝族乡, 双河苗族彝族乡
        a = _walk_left(s.toks, s.start + m.end(), s.start + m.start(), "Region", 16)
        yield Mention("Region", s.sub(a, s.start + m.end()), a, s.start + m.end(), rule="ethnic")
    toks = s.toks
    taken: set[int] = set()
    for a, b in _place_spans(s):
        taken.add(a + s.start)
        yield Mention("Region", s.text[a:b], s.start + a, s.start + b, rule="place")
    if not ("镇" in s.text or "乡" in s.text or "街道" in s.text):
        return
    for i, tok in enumerate(toks):
        if tok.start in taken:
            continue
        # towns and townships: a name of 2-4 characters, then 镇 / 乡 / 街道
        if tok.text in _TOWN and i > 0:
            j, start = i - 1, tok.start
            while j >= 0 and tok.start - toks[j].start <= 4:
                t = toks[j]
                if (
                    not _CJK.match(t.text)
                    or t.text in _lex()["stop_words"]
                    or t.text in _lex()["generic"]
                    or pos(t.text)
                    in {
                        "p",
                        "c",
                        "u",
                        "uj",
                        "r",
                        "v",
                        "d",
                        "m",
                        "q",
                        "f",
                        "a",
                        "vn",
                    }
                    or t.text in _lex()["not_regions"]
                ):
                    break
                start = t.start
                j -= 1
            if 2 <= tok.start - start <= 4:
                yield Mention("Region", s.sub(start, tok.end), start, tok.end, rule="town")
        elif (
            len(tok.text) == 2
            and tok.text[1] in "镇乡"
            and i > 0
            and pos(tok.text) == "ns"
            and tok.text not in _lex()["not_regions"]
        ):
            prev = toks[i - 1]  # 龙头 + 山镇: a one-character stem is rare for a town
            if (
                len(prev.text) == 2
                and _CJK.match(prev.text)
                and prev.text not in _lex()["stop_words"]
                and prev.text not in _lex()["generic"]
                and pos(prev.text) in {"n", "nr", "ns", "nz", ""}
            ):
                yield Mention(
                    "Region", s.sub(prev.start, tok.end), prev.start, tok.end, rule="town"
                )


def _persons(s: _Sent) -> Iterator[Mention]:
    for m in _patterns()["titles"].finditer(s.text):
        rest = s.text[m.end() : m.end() + 5]
        name = _person_name(rest)
        if name:
            a = s.start + m.end()
            yield Mention("Person", name, a, a + len(name), rule="title")


@functools.lru_cache(maxsize=1 << 16)
def _person_name(rest: str) -> str:
    """The person's name that opens `rest` (the five characters after a title), or ""."""
    lx = _lex()
    if len(rest) < 2:
        return ""
    if rest[:2] in lx["compound"]:
        sur = 2
    elif rest[0] in lx["surnames"]:
        sur = 1
    else:
        return ""
    for n in (sur + 2, sur + 1):
        cand = rest[:n]
        if len(cand) < n or not all(_CJK.match(c) for c in cand):
            continue
        after = rest[n:]
        if n == sur + 2 and any(
            cand.endswith(a[:1]) and rest[n - 1 :].startswith(a) for a in lx["after"]
        ):
            continue
        if not after or not _CJK.match(after[0]) or any(after.startswith(a) for a in lx["after"]):
            if freq(cand) > 200 and pos(cand) not in {"nr", "nrt", "nrfg"}:
                continue
            return cand
    return ""


def _roles(s: _Sent) -> Iterator[Mention]:
    """Unnamed officials holding the chain-leader role: "由市级领导担任…链长"."""
    if "链长" not in s.text:
        return
    for m in _patterns()["role"].finditer(s.text):
        tail = s.text[m.end() : m.end() + 14]
        if _rx(r"^[^,。;]{0,12}?(?<![副总])链长").match(tail):
            lead = _rx(r"^(?:[0-9一二三四五六七八九十两]+[名位个]|各|每|由)+").match(m.group(1))
            a = s.start + m.start(1) + (lead.end() if lead else 0)
            yield Mention(
                "ChainLeaderRole", s.sub(a, s.start + m.end(1)), a, s.start + m.end(1), rule="role"
            )


# --------------------------------------------------------------------------- firms in context


def _firm_list_items(s: _Sent) -> Iterator[Mention]:
    t = s.text
    leader = "链主" in t or "龙头" in t
    # "A、B、C等企业", "A、B等13家重点企业", "A和B2家龙头企业", "A、B五大能源企业"
    for pat in (
        [_patterns()["firm_list"]] if ("等" in t or "家" in t or "户" in t or "大" in t) else ()
    ):
        for m in pat.finditer(s.text):
            end = s.start + m.start()
            items = _list_items(s, end, s.start, "Enterprise")
            if not m.group().startswith("等") and len(items) < 2:
                continue
            for a, b in items:
                rule = "链主list" if "链主" in m.group() else "list"
                yield from _firm(s, a, b, rule, in_list=len(items) > 1)
    # "以X、Y为龙头", "以X“链主型”项目为牵引", "X作为链主"
    for m in (
        _rx(r"以([^,。;以]{2,40}?)(?:等[^,。;为]{0,6})?为(?:龙头|链主|引领|牵引)").finditer(t)
        if "以" in t and "为" in t
        else ()
    ):
        end = s.start + m.end(1)
        for a, b in _list_items(s, end, s.start + m.start(1), "Enterprise"):
            yield from _firm(s, a, b, "为龙头")
    for m in _rx(r"以([^,。;以“]{2,12}?)[“\"]?链主型?").finditer(t) if "链主" in t else ():
        yield from _firm(s, s.start + m.start(1), s.start + m.end(1), "链主型")
    # "与A、B等企业成功签约", "已签约的A"
    for m in (
        _rx(r"与([^,。;与]{2,60}?)(?:等[^,。;]{0,8})?(?:成功|正式)?签(?:约|订|署)").finditer(t)
        if "签" in t
        else ()
    ):
        for a, b in _list_items(s, s.start + m.end(1), s.start + m.start(1), "Enterprise"):
            yield from _firm(s, a, b, "签约")
    for m in _rx(r"签约的([^,。;、和]{2,12})").finditer(t) if "签约的" in t else ():
        if _common_noun_at(s, s.start + m.start(1)):
            continue  # "签约的项目涵盖汽车部件…": what was signed is named by a common noun
        yield from _firm(s, s.start + m.start(1), s.start + m.end(1), "签约")
    # "江西立讯智造副总经理常红": an organisation before a corporate title
    for m in (
        _rx(r"(?:董事长|副董事长|总经理|副总经理|总裁|副总裁|技术经理|创始人)").finditer(t)
        if ("经理" in t or "董事" in t or "总裁" in t or "创始" in t)
        else ()
    ):
        end = s.start + m.start()
        a = _walk_left(s.toks, end, s.start, "Enterprise", 16)
        if a < end and _person_name(s.text[m.end() : m.end() + 5]):
            yield from _firm(s, a, end, "职务")
    for m in (
        _rx(r"(?:先后|已|陆续)?(?:设立|成立|组建)(?:了)?(?:\d+家)?(?:子公司|分公司)").finditer(t)
        if "公司" in t
        else ()
    ):
        end = s.start + m.start()
        a = _walk_left(s.toks, end, s.start, "Enterprise", 16)
        if a < end:
            yield from _firm(s, a, end, "设立子公司")
    # "由宁德时代投资建设的…项目", "X投资建设的"
    invests = "投" in t or "承建" in t
    for m in (
        _rx(r"由([^,。;由]{2,16}?)(?:投资建设|投资|投建|承建)").finditer(t)
        if invests and "由" in t
        else ()
    ):
        yield from _firm(s, s.start + m.start(1), s.start + m.end(1), "投资")
    for m in (
        _rx(r"([^,。;]{2,16}?)(?:投资建设|投建)的").finditer(t)
        if "投资建设的" in t or "投建的" in t
        else ()
    ):
        a = _walk_left(s.toks, s.start + m.end(1), s.start + m.start(1), "Enterprise", 16)
        yield from _firm(s, a, s.start + m.end(1), "投资")
    # "富乐华落地内江", "X入驻经开区": what settles somewhere is a firm
    for m in _patterns()["settles"].finditer(t) if "落" in t or "入驻" in t else ():
        a = _walk_left(s.toks, s.start + m.end(1), s.start + m.start(1), "Enterprise", 12)
        if _names_something(s, a, s.start + m.end(1)):
            yield from _firm(s, a, s.start + m.end(1), "落户")
    # "作为“链主”企业,卡诺普正带动…"
    for m in (
        _rx(
            r"作为[“\"‘]?(?:链主|龙头)[”\"’]?(?:型)?企业,([^,。;]{2,10}?)(?:正|将|已|在|积极|持续|不断|充分|带动|引领|牵头)"
        ).finditer(
            t,
        )
        if leader
        else ()
    ):
        yield from _firm(s, s.start + m.start(1), s.start + m.end(1), "作为链主")
    # "X被评为…企业" / "X创建为…工厂"
    for m in (
        _rx(r"([^,。;]{2,40}?)(?:被评为|获评|创建为|荣获)[^,。;]{0,24}?(?:企业|工厂)").finditer(t)
        if ("评" in t or "创建为" in t or "荣获" in t)
        else ()
    ):
        for a, b in _list_items(s, s.start + m.end(1), s.start + m.start(1), "Enterprise"):
            yield from _firm(s, a, b, "被评为")
    # "X作为Y产业链链主企业", "Y产业链链主(企业)X", "X是Y产业链的龙头企业"
    for m in (
        _rx(r"([^,。;]{2,40}?)(?:作为|成为|是|为|系)[^,。;]{0,16}?(?:链主|龙头)(?:企业)?").finditer(
            t
        )
        if leader
        else ()
    ):
        if t.startswith("为", m.end(1)) and _rx(r"以[^,。;以]{2,40}$").search(m.group(1)):
            continue  # "以X为龙头": the rule for 以…为龙头 reads it
        for a, b in _list_items(s, s.start + m.end(1), s.start + m.start(1), "Enterprise"):
            yield from _firm(s, a, b, "作为链主", in_list=True)
    for m in (
        _rx(
            r"产业链(?:的)?[“\"‘]?(?:链主|龙头)[”\"’]?(?:企业)?(?:名单|名录)?(?:有|是|为|包括)?[:]?((?:[^,。;、]{2,14}、)*[^,。;、]{2,14})"
        ).finditer(
            t,
        )
        if leader and "产业链" in t
        else ()
    ):
        first = m.group(1).split("、")
        for k, item in enumerate(first[:-1]):
            a = s.start + m.start(1) + sum(len(x) + 1 for x in first[:k])
            yield from _firm(s, a, a + len(item), "链主X", in_list=True)
        a = s.start + m.end(1) - len(first[-1])
        b = _name_end(s, a, s.start + m.end(1))
        if b - a >= 2:  # the name starts right after "链主企业": nothing to trim
            yield from _firm(s, a, b, "链主X", in_list=len(first) > 1, trim=False)
    # "知名民企三一重工在链长协调下": a firm named after the kind of firm it is
    for m in _APPOSITION.finditer(t) if ("企" in t or "上市公司" in t) else ():
        a = s.start + m.end()
        b = _name_end(s, a, a + 12)
        first_word = s.toks[bisect.bisect_left(_starts(s.toks), a)].text if b > a else ""
        if b - a >= 2 and (
            len(first_word) < 2 or _brand_like(first_word) or _is_region_word(first_word)
        ):
            yield from _firm(s, a, b, "同位", trim=False)  # not "名单内", "数量"


_APPOSITION = re.compile(r"(?:民企|国企|央企|外企|龙头企业|链主企业|上市公司)(?=[^,。;、的])")


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
            or (len(t.text) > 1 and _stops(t, 1, "Enterprise"))
            or len(t.text) > 1
            and pos(t.text) in _lex()["verb_pos"]
        ):
            break
        b = t.end
    return b


def _common_noun_at(s: _Sent, a: int) -> bool:
    """Whether the word at document offset `a` is a common noun (项目, 企业), not a name's head."""
    tok = s.word_at(a)
    return (
        tok is not None
        and len(tok.text) > 1
        and freq(tok.text) > 300
        and pos(tok.text) in {"n", "vn"}
        and not _brand_like(tok.text)
    )


def _firm(
    s: _Sent, a: int, b: int, rule: str, *, in_list: bool = False, trim: bool = True
) -> Iterator[Mention]:
    """A firm name found by context, after trimming words that are not part of it (unless the
    phrasing fixes where it starts: `trim=False`)."""
    # trim leading stop words and verbs the list splitter left on
    start = _walk_left(s.toks, b, a, "Enterprise", 26) if a < b and trim else a
    raw = s.sub(start, b)
    text = raw.strip(" “”\"'")
    if text != raw:
        start += raw.find(text)
    b = start + len(text)
    if not (2 <= len(text) <= 26):
        return
    if not _CJK.search(text) or _strip_generic(text) == "":
        return
    if _is_region_word(text) and (not in_list or text.endswith(tuple(_lex()["region_sfx"]))):
        return  # 吉利, 华润 in a list of firms are firms; 吉安市 never is
    if _rx(r"[0-9]").search(text) and not _rx(r"[A-Za-z]").search(text):
        return
    if freq(text) > 300 and pos(text) not in {"nz", "nt", "nrt"} and not in_list:
        return
    if "的" in text or text.endswith(("有", "是", "为", "和", "与")):
        return
    firm_suffixes = _lex()["firm_suffixes"]
    if text in firm_suffixes or text[1:] in firm_suffixes:
        return  # "有限公司" alone names no firm
    # the word that ends the name: tokens do not overlap, so it is the last to start before b
    k = bisect.bisect_left(_starts(s.toks), b) - 1
    last = s.toks[k].text if k >= 0 and s.toks[k].end == b else ""
    if (
        len(last) > 1
        and pos(last) in {"v", "vn", "vd"}
        and not _strong(last)  # 三一重工: 重工 is tagged as a verb-noun
    ):
        return
    if text.endswith(_NOT_FIRM_ENDS):
        return
    if text.endswith(("项目", "产业", "产业链", "基地", "园区", "行业")):
        return
    yield Mention("Enterprise", text, start, b, rule=rule)


def _brand_prefix(
    s: _Sent, a: int, b: int, *, industry_only: bool = False
) -> tuple[int, int] | None:
    """The firm at the head of a project or product name: 奥士康PCB板 -> 奥士康."""
    toks = [t for t in s.toks if t.start >= a and t.end <= b]
    end = a
    for i, t in enumerate(toks):
        if i == 0 and _is_region_word(t.text):
            end = t.end
            continue
        if _CJK.match(t.text) and _brand_like(t.text) and not _is_region_word(t.text):
            end = t.end
            continue
        break
    rest = s.sub(end, b)
    ends = {t.end for t in toks}
    head = s.sub(a, end)
    place = toks[0].text if toks and _is_region_word(toks[0].text) else ""
    if industry_only and place and len(toks) > 1:
        w = s.sub(toks[0].end, b)
        w = next((x for x in _lex()["industry"] if w.startswith(x) and _strong(x)), "")
        if w and toks[0].end + len(w) in ends:
            return a, toks[0].end + len(w)  # 南岭镁业项目: a place and a firm's industry word
    if industry_only and (place or end - a > 6):
        return None  # 镇雄磷基新材料项目, 磷酸锰铁锂正极材料项目: a place or a product, no firm
    px = _patterns()
    if px["industry_head"].match(rest) or px["industry_tail"].search(head):  # else none fits
        found = _industry_brand(rest, head, place, a, end, ends)
        if found is not None:
            return found
    if industry_only:
        return None
    if end - a < 2 or toks and _is_region_word(toks[0].text):
        return None  # a place and a product is not a firm (昭阳酒渔河流域…)
    return a, end


def _industry_brand(
    rest: str, head: str, place: str, a: int, end: int, ends: set[int]
) -> tuple[int, int] | None:
    """A brand and the industry word after it (合盛铝业) or inside its run (亿纬锂能)."""
    brand_len = end - a - len(place)
    for w in _lex()["industry"]:
        if (
            rest.startswith(w)
            and (brand_len >= 2 or place and not brand_len)
            and (end + len(w) in ends)
        ):
            return a, end + len(w)  # 合盛铝业; 新安化工 (a place and an industry)
        if (
            head.endswith(w)
            and len(head) - len(w) - len(place) >= 2
            and _brand_like(head[len(place) : -len(w)])
        ):
            return a, end  # 亿纬锂能动力储能电池: the industry word is inside the brand run
    return None


def _names_something(s: _Sent, a: int, b: int, *, rare: bool = False) -> bool:
    """Whether a phrase names a particular thing: it holds a place, a brand-like word or a
    number, not only ordinary words (农资农具, 水果综合利用). With `rare`, a brand-like word
    must be one the dictionary barely knows (科玛, 恒丰; not 农资, 中成药, 智慧)."""
    if _rx(r"[0-9A-Za-z]").search(s.sub(a, b)):
        return True
    run = 0  # single characters that are no word together: 富乐华, 奥士康
    for t in s.toks:
        if not (a <= t.start and t.end <= b):
            continue
        if _is_region_word(t.text):
            return True
        if len(t.text) > 1 and _brand_like(t.text) and (not rare or freq(t.text) < RARE):
            return True
        run = run + 1 if len(t.text) == 1 and _CJK.match(t.text) and _brand_like(t.text) else 0
        if run >= 2:
            return True
    return False


def _project_list_items(s: _Sent) -> Iterator[Mention]:
    """Items of "A、B、C等(一批)(重点)项目": each is a project; a brand at its head is a firm."""
    for m in _rx(r"等(?:一批|[0-9一二三四五六七八九十]+个)?[^,。;、等]{0,12}?项目").finditer(
        s.text
    ):
        if _rx("企业|公司").search(m.group()):
            continue  # "A、B等企业招商引资项目": the items are firms
        end = s.start + m.start()
        items = _list_items(s, end, s.start, "Project", limit=26)
        if not items:
            continue
        for a, b in items:
            text = s.sub(a, b)
            if len(text) < 2 or not _strip_generic(text) or _is_region_word(text):
                continue
            if _rx(r"[^,。;]*(?:项目)").fullmatch(text):
                continue  # suffix recogniser has it
            brand = _brand_prefix(s, a, b)
            if brand is not None and not _names_something(s, *brand, rare=True):
                brand = None  # 农资, 中成药: dictionary words, not brands
            if brand is None and not _names_something(s, a, b, rare=True):
                continue  # "农资农具、中药材智慧种植等项目": kinds of project, not projects
            yield Mention("Project", text, a, b, rule="list")
            if brand:
                ba, bb = brand
                yield Mention("Enterprise", s.sub(ba, bb), ba, bb, rule="project-head")


def _short_firms(s: _Sent) -> Iterator[Mention]:
    """A brand plus an industry word names a firm: 合盛铝业, 山江建材, 华新水泥."""
    lx = _lex()
    px = _patterns()
    hits = [(m.start(), m.end(), True) for m in px["strong"].finditer(s.text)]
    # a brand and any industry word opening a sentence or clause is its subject: 大运汽车牵引…
    hits += [(m.start(1), m.end(1), False) for m in px["weak_opening"].finditer(s.text)]
    for m_start, m_end, is_strong in hits:
        a = s.start + m_start
        if a not in s.starts or s.start + m_end not in s.ends:
            continue
        # the words before the one at `a` (words do not overlap: they all end by `a`)
        toks = s.toks[: bisect.bisect_left(_starts(s.toks), a)]
        start = a
        for t in reversed(toks):
            if a - t.start > 5 or not _CJK.match(t.text) or not _brand_like(t.text):
                break
            if t.text in lx["stop_words"] or pos(t.text) in {"p", "c", "u", "uj", "r", "q"}:
                break
            start = t.start
        brand = s.sub(start, a)
        if a - start >= 2 and brand not in lx["industry"] and _strip_generic(brand):
            k = bisect.bisect_left(_starts(s.toks), s.start + m_end)
            after = s.toks[k].text if k < len(s.toks) and s.toks[k].start == s.start + m_end else ""
            if not is_strong and (
                start != s.start + _clause_start(s.text, m_start)
                or len(after) < 2
                or pos(after) not in _lex()["verb_pos"]
            ):
                continue  # a weak industry word: the firm opens the clause, a verb follows
            yield Mention(
                "Enterprise",
                s.sub(start, s.start + m_end),
                start,
                s.start + m_end,
                rule="brand+industry",
            )


def _clause_start(text: str, pos: int) -> int:
    return max(text.rfind(c, 0, pos) for c in ",;:") + 1


# --------------------------------------------------------------------------- the step


def _sentence_mentions(s: _Sent) -> list[Mention]:
    out: list[Mention] = []
    text = s.text
    suffix_re = _lex()["suffix_re"]
    for cls in _SUFFIX_CLASSES:
        if suffix_re[cls].search(text):
            out.extend(_suffix_names(s, cls))
    # each recogniser runs only where the characters its phrasing needs are written
    if "《" in text:
        out.extend(_policies(s))
    if "“" in text or "大" in text:
        out.extend(_strategies(s))
    out.extend(_regions(s))
    out.extend(_persons(s))
    if "链长" in text:
        out.extend(_roles(s))
    out.extend(_firm_list_items(s))
    if "等" in text and "项目" in text:
        out.extend(_project_list_items(s))
    out.extend(_short_firms(s))
    if "产业链" in text and ("::" in text or ":" in text):
        out.extend(_chains_after_colon(s))
    return out


# "调整后的10条产业链是:白酒、能源、装备制造(含机器人)…": the chains are listed after it
_CHAIN_COLON = re.compile(
    r"(?:[0-9一二三四五六七八九十两]+[条个]|以下)[^,。;::]{0,8}?产业链(?:分别)?(?:是|为|包括|有)?[::]"
)


def _chains_after_colon(s: _Sent) -> Iterator[Mention]:
    """Chains listed after "N条产业链(是):", one per item split at 、 (an item's "(含…)"
    is left out of its name); three items at least, each a short phrase that is no count."""
    for m in _CHAIN_COLON.finditer(s.text):
        body = s.text[m.end() :]
        stop = _rx(r"[。;]|等").search(body)
        body = body[: stop.start()] if stop else body
        items = []
        for part in _rx(r"(?:[^、(]|\([^)]*\))+").finditer(body):
            head = part.group().split("(")[0]  # 装备制造(含机器人) -> 装备制造
            name = head.strip()
            a = s.start + m.end() + part.start() + (len(head) - len(head.lstrip()))
            items.append((name, a))
        if len(items) < 3:
            continue
        for name, a in items:
            if (
                not (2 <= len(name) <= 10)
                or not _strip_generic(name)
                or _rx(r"[0-9,,]").search(name)
            ):
                continue
            yield Mention(
                "IndustryChain", name, a, a + len(name), label=name + "产业链", rule="list"
            )


# which class wins when two mentions overlap; nested firms inside projects and parks are kept
_PRIORITY = {
    "Policy": 0,
    "Strategy": 1,
    "Project": 2,
    "IndustrialPark": 3,
    "IndustryCluster": 4,
    "IndustryChain": 5,
    "Enterprise": 6,
    "Person": 7,
    "ChainLeaderRole": 7,
    "Region": 8,
}
_NESTABLE = {
    ("Project", "Enterprise"),
    ("Project", "Region"),
    ("IndustrialPark", "Region"),
    ("Enterprise", "Region"),
    ("Project", "IndustrialPark"),
    ("IndustryChain", "Region"),
    ("Policy", "Region"),
    ("Policy", "IndustryChain"),
    ("Policy", "Strategy"),
    ("Project", "IndustryChain"),
    ("IndustrialPark", "Enterprise"),
}


def _resolve_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep the best of overlapping mentions: longer first, then by class priority."""
    import bisect

    uniq: dict[tuple[str, int, int], Mention] = {}
    for m in mentions:
        uniq.setdefault((m.type, m.start, m.end), m)
    ranked = sorted(uniq.values(), key=lambda m: (-(m.end - m.start), _PRIORITY[m.type], m.start))
    starts: list[int] = []  # kept mentions, sorted by start
    kept: list[Mention] = []
    longest = 0
    for m in ranked:
        ok = True
        # kept mentions that can overlap m start before m.end and end after m.start
        lo = bisect.bisect_left(starts, m.start - longest)
        hi = bisect.bisect_left(starts, m.end)
        for k in kept[lo:hi]:
            if m.end <= k.start or k.end <= m.start:
                continue
            inside = k.start <= m.start and m.end <= k.end
            if inside and (k.type, m.type) in _NESTABLE:
                continue
            ok = False
            break
        if ok:
            pos_ = bisect.bisect_left(starts, m.start)
            starts.insert(pos_, m.start)
            kept.insert(pos_, m)
            longest = max(longest, m.end - m.start)
    return sorted(kept, key=lambda m: (m.start, -m.end))


_LIST_RUN = re.compile(r"[^、,。;:()《》“”\s]{2,16}(?:、[^、,。;:()《》“”\s]{2,16})+")


def _right_edge(s: _Sent, a: int, b: int) -> int:
    """Where a name that starts at `a` ends, reading rightwards up to `b`."""
    end = a
    for tok in s.toks:
        if tok.start < a:
            continue
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
                or len(w) > 1
                and pos(w) in _lex()["stop_pos"]
            )
        ):
            break
        end = tok.end
    return end


def _coordinated_firms(s: _Sent, found: list[Mention]) -> Iterator[Mention]:
    """Items coordinated with a firm are firms: "与云天化、上海友升…" once either is known."""
    if "、" not in s.text:
        return  # every list run has a 、
    firms = {(m.start, m.end) for m in found if m.type == "Enterprise" and m.rule != _UNSURE}
    if not firms:
        return
    for run in _LIST_RUN.finditer(s.text):
        spans, pos_ = [], s.start + run.start()
        for part in run.group().split("、"):
            spans.append((pos_, pos_ + len(part)))
            pos_ += len(part) + 1
        a0, b0 = spans[0]
        spans[0] = (_walk_left(s.toks, b0, a0, "Enterprise", 16), b0)
        al, bl = spans[-1]
        spans[-1] = (al, _right_edge(s, al, bl))
        if not any(span in firms for span in spans):
            continue
        if _rx(r"企业[0-9一二三四五六七八九十百千]+[家户个]").search(run.group()):
            continue  # "…等材料企业18家、总部企业237家、户外用品企业83家": kinds of firm, counted
        if _rx(r"等[^,。;]{0,8}项目").match(s.text[spans[-1][1] - s.start :]):
            continue  # "A、B等工业项目": firms' names used for their projects
        for k, (a, b) in enumerate(spans):
            if k < len(spans) - 1 and _walk_left(s.toks, b, a, "Enterprise", 16) != a:
                continue  # an item with a verb or a function word inside is not a name
            if (a, b) not in firms and b > a:
                yield from _firm(s, a, b, "并列", in_list=True)


def _propagate(doc: Document, mentions: list[Mention]) -> list[Mention]:
    """A firm named once is that firm wherever else the article writes its name."""
    mentions = [m for m in mentions if m.rule != _UNSURE or doc.text.count(m.text) >= 2]
    names = {m.text for m in mentions if m.type == "Enterprise" and len(m.text) >= 2}
    if not names:
        return mentions
    shorts = {short for name in names for short in _short_names(name)} - names
    extra = [
        Mention(
            "Enterprise",
            doc.text[a:b],
            a,
            b,
            rule="short-name" if doc.text[a:b] in shorts else "same-article",
        )
        for a, b in _occurrences(doc.text, names | shorts)
        if doc.sentence_at(a) is not None
    ]
    return mentions + extra


@functools.lru_cache(maxsize=1 << 12)
def _short_names(name: str) -> frozenset[str]:
    """How an article goes on to call a firm it first named in full: without the legal form,
    a leading place or the last industry word (岳禾智能装备股份有限公司 -> 岳禾智能装备,
    岳禾智能; 湖北三环锻造有限公司 -> 三环锻造). Only forms of four characters or more that
    are no dictionary word and open with a brand are kept.

    >>> sorted(_short_names("岳禾智能装备股份有限公司"))
    ['岳禾智能', '岳禾智能装备']
    """
    lx = _lex()
    legal = next(
        (x for x in sorted(lx["firm_suffixes"], key=len, reverse=True) if name.endswith(x)), ""
    )
    if len(legal) < 2 or len(name) - len(legal) < 4:
        return frozenset()
    core = name[: -len(legal)]
    forms = {core}
    head = tokenize(core)
    if head and _is_region_word(head[0].text):
        forms.add(core[len(head[0].text) :])
    for form in list(forms):
        word = next((w for w in lx["industry"] if form.endswith(w) and len(w) < len(form)), "")
        if word:
            forms.add(form[: -len(word)])
    return frozenset(
        f
        for f in forms
        if len(f) >= 4
        and not freq(f)
        and not _is_region_word(f)
        and _strip_generic(f) == f
        and _opens_with_brand(f)
    )


def _opens_with_brand(text: str) -> bool:
    """Whether `text`, past a leading place, opens with a brand: a word that is no ordinary
    one (岳禾, 三环) or two single characters (鑫燊), not a common word (能源投资)."""
    toks = tokenize(text)
    if toks and _is_region_word(toks[0].text):
        toks = toks[1:]
    if not toks or not _CJK.match(toks[0].text):
        return False
    if len(toks[0].text) > 1:
        return _brand_like(toks[0].text)
    return len(toks) > 1 and len(toks[1].text) == 1 and _CJK.match(toks[1].text) is not None


def _occurrences(text: str, words: set[str]) -> list[tuple[int, int]]:
    """Where `words` occur in `text`, read left to right, the longest at each place, without
    overlaps (as a regular expression of the words, longest first, would find them).

    >>> _occurrences("合盛硅业与合盛", {"合盛", "合盛硅业"})
    [(0, 4), (5, 7)]
    """
    found = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            found.append((at, at + len(word)))
            at = text.find(word, at + 1)
    found.sort(key=lambda ab: (ab[0], -ab[1]))
    out: list[tuple[int, int]] = []
    for a, b in found:
        if not out or a >= out[-1][1]:
            out.append((a, b))
    return out


def recognize(doc: Document) -> Document:
    """Pipeline step: fill `doc.mentions` (generic ones carry `rule == GENERIC`)."""
    found: list[Mention] = []
    toks = doc.tokens
    if toks and not isinstance(toks[0], Token):  # read back from JSON: plain lists
        toks = [Token(*t) for t in toks]
    starts = [t.start for t in toks]
    k = 0
    for sent in doc.sentences:
        first = k
        k = bisect.bisect_left(starts, sent.end, first)
        own = toks[bisect.bisect_left(starts, sent.start, first, k) : k] if toks else None
        sent_ = _Sent(sent, own)
        here = _sentence_mentions(sent_)
        here.extend(_coordinated_firms(sent_, here))
        found.extend(here)
    found = _propagate(doc, _short_titles(found))
    doc.mentions = _resolve_overlaps(found)
    return doc


# a title that is only the kind of document: 《方案》 refers back to a full title, or to none
_BARE_TITLES = frozenset("方案 实施方案 意见 通知 办法 规划 纲要 决定 条例 细则 计划 措施".split())


def _short_titles(mentions: list[Mention]) -> list[Mention]:
    """Bare titles (《方案》) named as the article's last full title of that kind before them
    (《…优化调整方案》), and dropped where there is none."""
    if not any(m.type == "Policy" and m.text in _BARE_TITLES for m in mentions):
        return mentions
    full = sorted(
        (m.start, m.label) for m in mentions if m.type == "Policy" and m.text not in _BARE_TITLES
    )
    out: list[Mention] = []
    for m in mentions:
        if m.type == "Policy" and m.text in _BARE_TITLES:
            before = [label for start, label in full if start < m.start and label.endswith(m.text)]
            if not before:
                continue
            m = dataclasses.replace(m, label=before[-1], rule="《》 short title")
        out.append(m)
    return out
