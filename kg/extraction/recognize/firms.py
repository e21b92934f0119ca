"""Firms without a legal suffix, found where the sentence makes them firms (以X为龙头, A、B等企业,
与X签约, X落户…), brands with an industry word (合盛铝业), and items coordinated with a firm."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from kg.extraction.recognize.boundaries import (
    _Sent,
    _starts,
    _strip_generic,
    _walk_left,
    _words_within,
)
from kg.extraction.recognize.edges import _name_end, _right_edge
from kg.extraction.recognize.industries import MOD, industry_start, listed, word_kind
from kg.extraction.recognize.lexicon import (
    _CJK,
    _NOT_FIRM_ENDS,
    _UNSURE,
    RARE,
    _alt,
    _brand_like,
    _is_region_word,
    _lex,
    _patterns,
    _rx,
    _strong,
    _trie_alt,
)
from kg.extraction.recognize.lists import _list_items, _uncut
from kg.extraction.recognize.names import _person_name
from kg.extraction.segment import freq, pos, rules
from kg.reading.document import Mention
from kg.terms import C

# prepositions that open no firm's name, though jieba may glue them to its first character
# (以 and 和 open some: 以岭, 和邦)
_PREPOSITIONS = frozenset("对与由向在从把将")


@dataclass(frozen=True)
class Phrasing:
    """One way a sentence makes a run of words a firm (`kg/extraction/rules/phrasings.toml`)."""

    name: str
    regex: re.Pattern
    read: str
    gate: tuple[tuple[str, ...], ...] = ()
    guard: str = ""
    limit: int = 16
    in_list: bool = False
    bounded: bool = False
    clause: tuple[str, ...] = ()
    needs: re.Pattern | None = None
    example: str = ""
    expect: tuple[str, ...] = ()


_READS = {"items", "split", "before", "name", "walk", "walk-before", "rightwards", "leader-list"}
_GUARDS = {
    "",
    "common_noun",
    "firm_not_people",
    "person_after",
    "names_something",
    "brand_first",
    "not_yi_wei",
}
# what ends the names of people and households, not firms (农户, 养殖户, 商家, 居民)
_PEOPLE_ENDS = ("户", "农", "民", "者", "员", "人", "家", "商", "社", "们")


@functools.cache
def phrasings() -> tuple[Phrasing, ...]:
    """The firm phrasings, their placeholders filled from the lexicon, compiled once."""
    lx = rules()
    count = r"(?:[0-9一二三四五六七八九十两]+(?:家|户|个|大))"
    fill = {
        "{LEADER}": _alt(lx["enterprise"]["leader_words"]),
        "{LIST_HEADS}": _lex()["list_heads_alt"],
        "{COUNT}": count,
    }
    out = []
    for p in rules("phrasings")["phrasing"]:
        pattern = p["pattern"]
        for key, value in fill.items():
            pattern = pattern.replace(key, value)
        if p["read"] not in _READS or p.get("guard", "") not in _GUARDS:
            raise ValueError(f"phrasing {p['name']!r}: unknown read or guard")
        out.append(
            Phrasing(
                name=p["name"],
                regex=re.compile(pattern),
                read=p["read"],
                gate=tuple(tuple(group) for group in p.get("gate", ())),
                guard=p.get("guard", ""),
                limit=p.get("limit", 16),
                in_list=p.get("in_list", False),
                bounded=p.get("bounded", False),
                clause=tuple(p.get("clause", ())),
                needs=re.compile(p["needs"]) if "needs" in p else None,
                example=p.get("example", ""),
                expect=tuple(p.get("expect", ())),
            )
        )
    return tuple(out)


@functools.cache
def _gates() -> tuple[re.Pattern, dict[str, int], tuple[tuple[Phrasing, tuple[int, ...]], ...]]:
    """One pattern finding every gate word of the phrasings; for each word, the gate words
    inside it (企业 holds 企) as a mask of bits, one bit a word; and each phrasing with its
    gate groups as masks."""
    words = sorted({w for ph in phrasings() for group in ph.gate for w in group})
    bit = {w: 1 << k for k, w in enumerate(words)}
    inside = {w: sum(bit[v] for v in words if v in w) for w in words}
    table = tuple(
        (ph, tuple(sum(bit[w] for w in set(group)) for group in ph.gate)) for ph in phrasings()
    )
    return re.compile(_trie_alt(words)), inside, table


def _gate_words(text: str) -> int:
    """The phrasings' gate words that `text` holds, as a mask (see `_gates`)."""
    regex, inside, _ = _gates()
    present = 0
    for w in regex.findall(text):
        present |= inside[w]
    return present


@functools.lru_cache(maxsize=4096)
def _active(present: int) -> tuple[Phrasing, ...]:
    """The phrasings whose every gate group has a word among `present` (a mask)."""
    return tuple(ph for ph, groups in _gates()[2] if all(present & g for g in groups))


def _firm_list_items(s: _Sent) -> list[Mention]:
    """Firms where a phrasing of `kg/extraction/rules/phrasings.toml` makes them firms."""
    t = s.text
    active = _active(_gate_words(t))
    if not active:
        return []  # (as most sentences: no generator made to find nothing)
    return [found for ph in active for m in _matches(ph, t) for found in _read(s, ph, m)]


_CLAUSE = re.compile("[^,。;]+")


def _matches(ph: Phrasing, t: str) -> Iterator[re.Match]:
    """The matches of `ph` in `t`: none where the part every match `needs` is not written;
    for a phrasing whose matches stay within a clause, only the clauses holding one of its
    `clause` words are searched (a pattern that opens with a lazy run, `[^,。;]{2,40}?`, is
    tried at every character it is searched from)."""
    if ph.needs is not None and ph.needs.search(t) is None:
        return iter(())  # (a part every match holds is not written)
    if not ph.clause:
        return ph.regex.finditer(t)
    return (
        m
        for c in _CLAUSE.finditer(t)
        if any(w in c.group() for w in ph.clause)
        for m in ph.regex.finditer(t, c.start(), c.end())
    )


def _listed(s: _Sent, a: int, b: int) -> bool:
    """Whether `a`..`b` is made only of words the industries lexicon lists (锂电池材料), so
    that it names a kind of thing; a word of a brand (甲乙 in 甲乙科技) is listed nowhere."""
    words = _words_within(s, a, b)
    return (
        bool(words)
        and words[0].start == a
        and words[-1].end == b
        and all(listed(t.text) for t in words)
    )


def _kinds_of_firm(s: _Sent, items: list[tuple[int, int]]) -> bool:
    """Whether a list names kinds of firm by what they make, not firms: more than half its
    items read whole as industry words ("车载控制器、底盘、内外饰等企业", "汽车、机床等产业龙头
    企业"); a place and an industry word (海兴电力) is a firm's name."""
    kinds = 0
    for a, b in items:
        k = _first(s, a)
        while k < len(s.toks) - 1 and s.toks[k].end < b and pos(s.toks[k].text) == "v":
            k += 1  # "为排摸汽车、机床等产业龙头企业": the verb governs the list
        start = s.toks[k].start
        if industry_start(s, b, start) == start and not _is_region_word(s.toks[k].text):
            kinds += 1
    return 2 * kinds > len(items)


def _kinds(s: _Sent, items: list[tuple[int, int]], *, modified: bool = True) -> bool:
    """Whether the items of a list, or its one item, name kinds of thing, not firms: the one
    item made of listed industry words (锂电池材料), or, when `modified`, a word that says what
    kind (高端) before an industry's words (高端羊绒; not 岚川羊绒, and a one-word brand like a
    product's stays a firm)."""
    if len(items) != 1:
        return len(items) > 1 and _kinds_of_firm(s, items)
    if _listed(s, *items[0]):
        return True
    words = _words_within(s, *items[0])
    return (
        modified
        and len(words) > 1
        and words[0].start == items[0][0]
        and word_kind(words[0].text) == MOD
        and industry_start(s, items[0][1], items[0][0]) == items[0][0]
    )


@functools.cache
def _legal_prefixes() -> frozenset[str]:
    """Every beginning of a legal form (有, 有限, 股份有…): a name cut short."""
    return frozenset(sfx[:k] for sfx in _lex()["firm_suffixes"] for k in range(1, len(sfx) + 1))


@functools.cache
def _other_suffixes() -> tuple[str, ...]:
    """The name suffixes of the classes other than firms (…产业园, …项目, …产业集群)."""
    lx = _lex()
    return tuple(sorted({x for c, v in lx["suffixes"].items() if c != C.Enterprise for x in v}))


@functools.cache
def _not_firm_ends() -> tuple[str, ...]:
    """What no firm's name ends in: the heads of organisations and events (委员会, 活动), the
    names of other classes (…项目, …产业园) and words such as 产业, 基地."""
    places = ("项目", "产业", "产业链", "基地", "园区", "行业", "化工园")
    return tuple(dict.fromkeys([*_NOT_FIRM_ENDS, *places, *_other_suffixes()]))


@functools.cache
def _not_firm_last() -> frozenset[str]:
    """The last characters of `_not_firm_ends`: a name ending in none of them ends in none of
    them (told at once, where the 81 endings are tried one by one)."""
    return frozenset(end[-1] for end in _not_firm_ends())


def _loose(s: _Sent, a: int, b: int) -> bool:
    """Whether a list item holds words no name holds (的, a verb or a function word of two
    characters or more: "和在谈的X"), so that it must be read as a name; an item bounded by
    separators is otherwise whole (粮全其美: 其 alone is no reason to cut it)."""
    lx = _lex()
    for t in s.toks[bisect.bisect_left(_starts(s.toks), a) :]:
        if t.start >= b:
            break
        w = t.text
        if t.start == a and t.end < b and s.sub(t.end, b) in lx["industry_set"]:
            continue  # "、汇成新材料、": a brand that is a verb, then its industry word
        if w == "的" or len(w) > 1 and (w in lx["stop_words"] or pos(w) in lx["verb_pos"]):
            return True
    return False


@functools.cache
def _firm_predicates() -> tuple[str, ...]:
    """What is said of firms (营收, 订单, 生产线), for str.startswith."""
    return tuple(_lex()["firm_predicates"])


def _bounded_word(s: _Sent, a: int, b: int) -> bool:
    """Whether [a, b) is one word of two to four Chinese characters that names no place, no
    industry and is no function word: what a brand may be, whatever the dictionary tags it."""
    tok = s.word_at(a)
    lx = _lex()
    return (
        tok is not None
        and tok.start == a
        and tok.end == b
        and 2 <= b - a <= 4
        and _CJK.match(tok.text) is not None
        and tok.text not in lx["stop_words"]
        and tok.text not in lx["industry_set"]
        and not _is_region_word(tok.text)
    )


def _first(s: _Sent, a: int) -> int:
    """Index of the word at or after document offset `a`."""
    return min(bisect.bisect_left(_starts(s.toks), a), len(s.toks) - 1)


def _read(s: _Sent, ph: Phrasing, m: re.Match) -> Iterator[Mention]:
    t = s.text
    xa, xb = (s.start + m.start("x"), s.start + m.end("x")) if "x" in m.re.groupindex else (0, 0)
    # where what the phrasing reads ends, past a list's 等 (…等企业): its verb follows
    after_x = m.end("etc") if m.re.groupindex.get("etc") and m.group("etc") else xb - s.start
    if ph.guard == "not_yi_wei" and t.startswith("为", after_x):
        if _rx(r"以[^,。;以]{2,40}$").search(m.group("x")):
            return  # "以X为龙头": the phrasing for 以…为龙头 reads it
    if ph.guard == "not_yi_wei" and t.startswith("成为", after_x):
        if _rx(r"(?:^|[^\u4e00-\u9fff]|、)以[^,。;以]{1,40}$").search(m.group("x")):
            return  # "…、以龙成为链主的特种钢": 以龙成|为链主, as 以X为龙头 reads it
    if ph.guard in ("common_noun", "firm_not_people") and _common_noun_at(s, xa):
        return  # "签约的项目涵盖汽车部件…": what was signed is named by a common noun
    if ph.guard == "firm_not_people" and m.group("x").endswith(_PEOPLE_ENDS):
        return  # "支持养殖户扩大生产": people, not a firm
    if ph.guard == "person_after" and not _person_name(t[m.end() : m.end() + 5]):
        return
    if ph.read == "before":
        # "A、B、C等企业", "A、B等13家重点企业", "A和B2家龙头企业", "A、B五大能源企业"
        items = _list_items(s, s.start + m.start(), s.start, C.Enterprise)
        single = m.group().startswith(("等", "在内"))  # one firm may be listed (包括A在内的…)
        if not single and len(items) < 2:
            return
        if _kinds(s, items, modified=False):
            return  # "汽车、机床等企业", "锂电池材料等企业": kinds of firm (航天新光等: a firm)
        if (
            len(items) == 1
            and "相关" in m.group()
            and not _names_something(s, *items[0], rare=True)
        ):
            return  # "已有集成电路板等相关企业": firms related to a kind of thing, not a firm
        for k, (a, b) in enumerate(items):
            trim = k == 0 or _loose(s, a, b)
            yield from _item_firm(s, a, b, ph.name, in_list=len(items) > 1, trim=trim)
    elif ph.read == "items":
        items = _list_items(s, xb, xa, C.Enterprise)
        if _kinds(s, items):
            return  # "以锂电池材料为代表的…", "以高端羊绒为引领": kinds of thing, not firms
        if not items and ph.bounded and _bounded_word(s, xa, xb):
            # 以盼望为链主: one word the phrasing bounds on both sides names the firm, even a
            # verb the dictionary knows (链主 is said of firms only)
            yield Mention(C.Enterprise, s.sub(xa, xb), xa, xb, rule=ph.name)
        for k, (a, b) in enumerate(items):
            trim = k == 0 or _loose(s, a, b)
            yield from _item_firm(
                s, a, b, ph.name, in_list=ph.in_list, trim=trim, bounded=ph.bounded
            )
    elif ph.read == "split":
        at = xa
        for item in m.group("x").split("、"):
            yield from _item_firm(s, at, at + len(item), ph.name, in_list=True, trim=False)
            at += len(item) + 1
    elif ph.read == "name":
        for found in _firm(s, xa, xb, ph.name):
            if ph.guard != "names_something" or _names_something(s, found.start, found.end):
                yield found
    elif ph.read in ("walk", "walk-before"):
        end = xb if ph.read == "walk" else s.start + m.start()
        floor = xa if ph.read == "walk" else s.start
        a = _walk_left(s.toks, end, floor, C.Enterprise, ph.limit)
        if a < end and (ph.guard != "names_something" or _names_something(s, a, end)):
            yield from _firm(s, a, end, ph.name)
    elif ph.read == "rightwards":
        if _after_quantifier(t[: m.start()]):
            return  # "激励更多的链主企业勇挑大梁": some firms of the kind, none named
        example = _example_end(s, xa)
        b = example or _name_end(s, xa, xa + 12)
        first_word = s.toks[bisect.bisect_left(_starts(s.toks), xa)].text if b > xa else ""
        if s.sub(xa, b).startswith(_firm_predicates()):
            return  # "上市公司营收前20强": what the firms of that kind have, no name
        common = (  # one dictionary word made of two common nouns: 产品质量, 技术水平
            s.sub(xa, b) == first_word
            and len(first_word) == 4
            and all(freq(w) > 1000 for w in (first_word[:2], first_word[2:]))
        )
        if b - xa >= 2 and (
            len(first_word) < 2
            or _brand_like(first_word)
            and not common  # "龙头企业产品质量提升": a compound noun the dictionary knows
            or _is_region_word(first_word)
            or _word_and_industry(s, xa, b)
        ):
            yield from _firm(s, xa, b, ph.name, trim=False, bounded=bool(example))  # not "名单内"
    elif ph.read == "leader-list":
        first = m.group("x").split("、")
        for k, item in enumerate(first[:-1]):
            a = xa + sum(len(x) + 1 for x in first[:k])
            yield from _firm(s, a, a + len(item), ph.name, in_list=True)
        a = xb - len(first[-1])
        example = _example_end(s, a)
        b = example or _name_end(s, a, xb)
        if s.text.startswith("的", b - s.start):
            return  # "链主企业,是强链延链的关键": what the firms are to something, no name
        word = s.word_at(a)
        if word is not None and word.start == a and word.end == b and pos(word.text) in _NOT_NAMES:
            return  # "链主企业稀缺": what the firms are, no name
        if b - a >= 2:  # the name starts right after "链主企业": nothing to trim
            joined = _joined_after(s, b, xb)  # "A和B": B, after the conjunction
            yield from _firm(
                s,
                a,
                b,
                ph.name,
                in_list=len(first) > 1 or joined,
                trim=False,
                bounded=bool(example),
            )
            if joined:
                c = _name_end(s, joined, xb)
                if c - joined >= 2:
                    yield from _firm(s, joined, c, ph.name, in_list=True, trim=False)


def _after_quantifier(before: str) -> bool:
    """Whether `before` ends in a word of quantity (更多的, 一批, 众多), and an open quote."""
    stem = before.rstrip('“"‘').removesuffix("的")
    return stem.endswith(tuple(_lex()["quantifiers"]))


def _example_end(s: _Sent, a: int) -> int:
    """Where a firm given as an example ends: before 为例, when that closes the clause within a
    short name's reach ("以…链主企业X为例": X whole, whatever words it is made of); else 0."""
    m = _EXAMPLE.match(s.text, a - s.start)
    return s.start + m.end(1) if m else 0


_EXAMPLE = re.compile(r"([^,,。;;、“”\s]{2,10}?)为例")


def _joined_after(s: _Sent, b: int, limit: int) -> int:
    """Where the item after a list's last conjunction starts, when the name ending at `b` is
    followed by one (和, 及, 以及, 与) within the list that ends at `limit`; else 0."""
    tok = s.word_at(b)
    if tok is None or tok.start != b or tok.text not in _CONJUNCTIONS or pos(tok.text) != "c":
        return 0
    return tok.end if limit - tok.end >= 2 else 0


_CONJUNCTIONS = frozenset({"和", "及", "以及", "与"})
# the dictionary's tags of a word that says how things are, not what they are called (稀缺, 不足)
_NOT_NAMES = frozenset({"a", "ad", "an", "d", "z", "vd"})


def _word_and_industry(s: _Sent, a: int, b: int) -> bool:
    """Whether `a`..`b` is a two-character noun or adjective and a firm's industry word (锦绣纺织,
    长青化工, 宏远新材: the industry word may be cut in two, 新|材), which after "链主企业" or
    "龙头企业" names a firm even when the noun is an ordinary word; not two industries
    (汽车电子), nor a generic word and one (绿色能源, 重点企业)."""
    lx = _lex()
    words = [t.text for t in _words_within(s, a, b)]
    if len(words) < 2 or "".join(words) != s.sub(a, b):
        return False
    first, head = words[0], "".join(words[1:])
    return (
        len(first) == 2
        and head in lx["industry_set"]
        and first not in lx["industry_set"]
        and first not in lx["generic_set"]
        and pos(first) in {"n", "nz", "ns", "nr", "nrt", "nt", "ng", "a"}  # (a: 宏远新材)
        and not listed(first)  # 汽车零部件, 生物医药: an industry, not a brand
    )


_SUB_REGION = frozenset({"区", "大区", "地区", "区域"})


def _facility_owner(s: _Sent, hb: int, floor: int) -> tuple[int, int, bool] | None:
    """The name before a place and a facility head starting at `hb` ("X东岭项目", "X华东区
    总部"): its span and whether the place is a macro-region (华东区), or None."""
    toks = s.toks
    k = bisect.bisect_left(_starts(toks), hb) - 1
    if k < 1 or toks[k].end != hb:
        return None
    macro = toks[k].text in _SUB_REGION and toks[k - 1].text in _lex()["macro_regions"]
    if macro:
        k -= 1
    elif not _is_region_word(toks[k].text):
        return None
    r = toks[k].start
    a = _walk_left(toks, r, floor, C.Enterprise, 10)
    if r - a < 2 or industry_start(s, r, a) == a:
        return None  # "新能源汽车东岭项目": an industry's project, no firm's
    if _is_region_word(s.sub(a, r)) or _is_region_word(s.toks[_first(s, a)].text) and r - a < 3:
        return None
    return a, r, macro


def _facility_firms(s: _Sent) -> Iterator[Mention]:
    """A firm named by its facility in a place: "X东岭项目投产", "X临川基地", "X华东区总部"
    (a brand-like name; an ordinary word needs a macro-region: 华东区总部)."""
    for m in _patterns()["facility"].finditer(s.text):
        hb = s.start + m.start()
        if not s.is_start(hb):
            continue
        found = _facility_owner(s, hb, s.start)
        if found is None:
            continue
        a, r, macro = found
        if not macro and not _names_something(s, a, r):
            continue
        yield from _firm(s, a, r, "X地名项目", in_list=macro, trim=False)


_LATIN_BRAND = re.compile(r"[A-Z][A-Za-z]+(?=[\u4e00-\u9fff])")


def _item_firm(
    s: _Sent, a: int, b: int, rule: str, *, in_list: bool, trim: bool, bounded: bool = False
) -> Iterator[Mention]:
    """A list item the sentence makes a firm; when the item names a facility of the firm
    ("X创新中心项目、Y华东区总部等知名企业"), the firm at its head."""
    item = s.sub(a, b)
    described = _patterns()["described"].search(item)
    if described is not None and len(item) - described.end() >= 2:
        a += described.end()  # "中国高品质鸡蛋领导者岚迪乐": what the firm is, then its name
        item = s.sub(a, b)
        trim = False
    tail = item[-1:] in _lex()["facility_last"]  # (most items end in no facility's head)
    m = _patterns()["facility_tail"].search(item) if tail else None
    if m is None:
        yield from _firm(s, a, b, rule, in_list=in_list, trim=trim, bounded=bounded)
        return
    hb = a + m.start()
    owner = _facility_owner(s, hb, a)
    if owner is not None:
        yield from _firm(s, owner[0], owner[1], rule, in_list=True, trim=False)
        return
    latin = _LATIN_BRAND.match(s.text, a - s.start)
    if latin is not None and a + len(latin.group()) < hb:
        # (a name in Latin letters: _firm wants Chinese characters in a name read from text)
        yield Mention(C.Enterprise, latin.group(), a, a + len(latin.group()), rule=rule)
        return
    brand = _brand_prefix(s, a, hb)
    if brand is not None and brand[1] < hb and _names_something(s, *brand, rare=True):
        yield from _firm(s, brand[0], brand[1], rule, in_list=True, trim=False)


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


# the phrasing that reads the Latin letters a firm goes by (kg/extraction/rules/phrasings.toml)
_LATIN_ALIAS = "X(ABC)"


def _firm(
    s: _Sent,
    a: int,
    b: int,
    rule: str,
    *,
    in_list: bool = False,
    trim: bool = True,
    bounded: bool = False,
) -> Iterator[Mention]:
    """A firm name found by context, after trimming words that are not part of it (unless the
    phrasing fixes where it starts: `trim=False`). A `bounded` name, a list item between
    separators, may end in a verb (新远望: 远望 alone would end a name read from text)."""
    # trim leading stop words and verbs the list splitter left on
    start = _walk_left(s.toks, b, a, C.Enterprise, 26) if a < b and trim else a
    start = _uncut(s, a, start)
    if start >= b and in_list and b - a <= 6:
        start = a  # "裕同、大胜达等企业": a list item ending in a weak character (同, 达)
    raw = s.sub(start, b)
    text = raw.strip(" “”\"'")
    if text != raw:
        start += raw.find(text)
    b = start + len(text)
    counted = _rx(r"(?:等)?[0-9一二三四五六七八九十两]+[家户个](?:企业|公司)?$").search(text)
    if counted and counted.start() >= 2:
        text = text[: counted.start()]  # "恒远电子两家企业成为…": the firm, not its count
        b = start + len(text)
    if text.endswith((")", "）")) and _rx(r"[(（][^()（）]{1,10}[)）]$").search(text):
        text = _rx(r"[(（][^()（）]{1,10}[)）]$").sub("", text)  # "岚泰克(回转支承)": what it makes
        b = start + len(text)
    if trim and text[:1] in _PREPOSITIONS and len(text) > 3:
        tok = s.word_at(start)
        if tok is not None and len(tok.text) == 2:
            start, text = start + 1, text[1:]  # "对华|信科技、…等2家企业": 对 governs the list
    if not (2 <= len(text) <= 26):
        return
    if not _CJK.search(text) and rule != _LATIN_ALIAS or _strip_generic(text) == "":
        return  # (Latin letters alone name a firm where its full name says so: X(ABC))
    if text[:1] in "((" or "产业链" in text or text.endswith("集群"):
        return  # "华岳集团(光伏产业链)": the chain a firm leads is no part of its name
    lx = _lex()
    if text[0] in lx["never_in_firm_first"] and lx["never_in_firm_re"].match(text):
        return  # "龙头企业董事长总经理…": a title read as a name
    if text[-1] in "家批个户位\n" and _COUNT_OR_RANK.match(text):  # ($ may stand before a \n)
        return  # "全省首家入选的企业": a count or a rank, not a name
    if _is_region_word(text) and (not in_list or text.endswith(tuple(lx["region_sfx"]))):
        return  # 吉利, 华润 in a list of firms are firms; 吉安市 never is
    if _rx(r"[0-9]").search(text) and not _rx(r"[A-Za-z]").search(text):
        return
    if freq(text) > 300 and pos(text) not in {"nz", "nt", "nrt"} and not in_list:
        return
    if in_list and freq(text) > 300 and pos(text) in _VERB_TAGS:
        return  # "完成组装、质检等程序": a common verb names no firm, even listed
    if "的" in text:
        return
    if text.endswith(("有", "是", "为", "和", "与")) and not (
        in_list and s.text[b - s.start : b - s.start + 1] in _LIST_NEXT
    ):
        return  # (a list item may end so: "A、深圳大为、B等企业")
    firm_suffixes = lx["firm_suffixes"]
    if text in firm_suffixes or text[1:] in firm_suffixes or text in lx["list_heads_set"]:
        return  # "有限公司" alone names no firm, nor does "上市公司"
    if text.endswith("企业") and not _names_something(s, start, b - 2, rare=True):
        return  # "外资企业纷纷落户": a kind of firm
    if text in _legal_prefixes():
        return  # "有限": a legal form cut short
    if text in lx["industry_set"]:
        return  # "新材料", "科技": an industry word alone, a brand cut off before it
    # the word that ends the name: tokens do not overlap, so it is the last to start before b
    k = bisect.bisect_left(_starts(s.toks), b) - 1
    last = s.toks[k].text if k >= 0 and s.toks[k].end == b else ""
    if (
        not bounded
        and len(last) > 1
        and pos(last) in {"v", "vn", "vd"}
        and not _strong(last)  # 三一重工: 重工 is tagged as a verb-noun
        and not (in_list and freq(last) < _SELDOM)  # 立|达信, 、: a verb barely known, half a brand
        and not (in_list and _is_region_word(s.toks[_first(s, start)].text))  # 佛山照明
    ):
        return
    if text[-1] in _not_firm_last() and text.endswith(_not_firm_ends()):
        return  # 活动, 委员会; "东岭绿色铝产业园已入驻企业26家": a park's name is no firm's
    yield Mention(C.Enterprise, text, start, b, rule=rule)


_VERB_TAGS = frozenset({"v", "vn", "vd", "vi"})

# how often the dictionary has seen a word it tags as a verb, below which a list item of firms
# ending in it is read as a name, the word half of a brand that jieba cut off (立|达信)
_SELDOM = 100

# what follows an item of a list of firms, so that the item's last character is its own
_LIST_NEXT = frozenset("、等")

_COUNT_OR_RANK = re.compile(r"^(?:首|第?[0-9一二三四五六七八九十两]+)(?:家|批|个|户|位)$")


def _brand_prefix(
    s: _Sent, a: int, b: int, *, industry_only: bool = False
) -> tuple[int, int] | None:
    """The firm at the head of a project or product name: 奥士康PCB板 -> 奥士康."""
    toks = _words_within(s, a, b)
    end = a
    for i, t in enumerate(toks):
        if i == 0 and _is_region_word(t.text):
            end = t.end
            continue
        if t.text.endswith("第") and i + 1 < len(toks) and toks[i + 1].text[:1].isdigit():
            if len(t.text) > 1:  # (jieba's 科第 of 某某高科第8.6代)
                end = t.end - 1
            break  # "某某高科第8.6代显示器件": a generation, no part of the brand
        if _CJK.match(t.text) and _brand_like(t.text) and not _is_region_word(t.text):
            if t.start - a >= 2 and len(t.text) > 2 and pos(t.text) == "n" and freq(t.text):
                break  # "美岚弹性体": a product the dictionary knows, after a brand
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
    for t in _words_within(s, a, b):
        if _is_region_word(t.text):
            return True
        if len(t.text) > 1 and _brand_like(t.text) and (not rare or freq(t.text) < RARE):
            return True
        run = run + 1 if len(t.text) == 1 and _CJK.match(t.text) and _brand_like(t.text) else 0
        if run >= 2:
            return True
    return False


_NOT_BRAND_TAGS = frozenset({"p", "c", "u", "uj", "r", "q"})


def _acting(s: _Sent, start: int, end: int) -> bool:
    """Whether the brand and weak industry word at [start, end) stand where a firm acts or is
    spoken of: after a clause's start or a word that introduces it (在, 据, 走进, 支持), and
    before a verb or a noun said of firms (订单, 车间, 负责人; also after 的 or 相关)."""
    if start > s.start and not _patterns()["actor_cue"].search(
        s.text, max(0, start - s.start - 4), start - s.start
    ):
        return False
    return _acts_after(s, end)


def _acts_after(s: _Sent, end: int) -> bool:
    """Whether a verb, an adverb or a noun said of firms follows `end` (see `_acting`)."""
    lx = _lex()
    k = bisect.bisect_left(_starts(s.toks), end)
    after = s.toks[k].text if k < len(s.toks) and s.toks[k].start == end else ""
    if after in ("的", "相关") and k + 1 < len(s.toks):
        if after == "的" and _PRODUCT_FIGURE.match(s.text, s.toks[k].end - s.start):
            return True  # "X的钛白粉产能亚洲第一": how much of a product it makes
        k += 1
        after = s.toks[k].text
    if after in lx["time_words"] and k + 1 < len(s.toks):
        after = s.toks[k + 1].text  # "X今年产值增长两成": when, then what it does
    elif after and (when := _WHEN.match(s.text, end - s.start)) is not None:
        # "X前三季度产值…", "X1-9月营收…" (jieba may cut the word after it: 月营|收)
        return s.text.startswith(_firm_predicates(), when.end())
    if after in lx["firm_predicates"]:
        return True
    # a verb, or an adverb opening the predicate (将, 正在, 计划)
    return len(after) >= 2 and pos(after) in lx["acting_pos"] or after in ("将", "已")


# a product, then how much of it is made or sold: 钛白粉产能, 磷酸一铵产量
_PRODUCT_FIGURE = re.compile(r"[^,。;、的]{1,8}?(?:产能|产量|销量|市场份额|市场占有率)")

# a time written in more than one word: 前三季度, 1-9月, 2023年上半年
_WHEN = re.compile(
    r"(?:[0-9]{4}年)?(?:前[一二三]季度|[一二三四]季度|[上下]半年|[0-9]{1,2}(?:[-—~至][0-9]{1,2})?月(?:份)?)"
)

# nouns said only of firms: a brand before them, where a firm is spoken of, is one
_FIRM_ONLY = re.compile(
    "相关负责人|董事长|总经理|营业收入|营收|净利润|订单|生产车间|生产线|市值|销量"
)


def _bare_brands(s: _Sent) -> Iterator[Mention]:
    """A brand with no industry word is a firm where it is spoken of as one: after a clause's
    start or a word that introduces it (据, 走进, 在), before a noun said only of firms
    ("据岚途相关负责人介绍", "走进岚途生产车间", "岚途今年营收增长两成")."""
    if _FIRM_ONLY.search(s.text) is None:
        return  # (as most sentences: a search costs half what finditer does)
    lx = _lex()
    toks = s.toks
    for m in _FIRM_ONLY.finditer(s.text):
        end = s.start + m.start()
        if not s.is_start(end):
            continue
        k = bisect.bisect_left(_starts(toks), end) - 1
        if k >= 0 and toks[k].text in lx["time_words"]:
            end, k = toks[k].start, k - 1  # "X今年营收": when, between
        if k >= 0 and toks[k].text == "的":
            end, k = toks[k].start, k - 1
        start = end
        while k >= 0:
            t = toks[k]
            if end - t.start > 6 or not _CJK.match(t.text) or not _brand_like(t.text):
                break
            if t.text in lx["stop_words"] or pos(t.text) in _NOT_BRAND_TAGS:
                break
            start, k = t.start, k - 1
        if end - start < 2 or _person_name(s.sub(start, end)) == s.sub(start, end):
            continue
        if start > s.start and not _patterns()["actor_cue"].search(
            s.text, max(0, start - s.start - 4), start - s.start
        ):
            continue
        if _names_something(s, start, end, rare=True):
            yield from _firm(s, start, end, "X负责人", trim=False)


def _short_firms(s: _Sent) -> Iterator[Mention]:
    """A brand plus an industry word names a firm: 合盛铝业, 山江建材, 华新水泥."""
    px = _patterns()
    text = s.text
    # a brand and a strong industry word; then a brand and any industry word opening a clause,
    # or after a word that introduces the one acting, is a firm: 大运汽车牵引…, 走进华信科技生产车间
    for is_strong, regex in ((True, px["strong"]), (False, px["weak"])):
        if regex.search(text) is None:
            continue  # (as most sentences: a search costs half what finditer does)
        for m in regex.finditer(text):
            found = _short_firm(s, m.start(), m.end(), is_strong)
            if found is not None:
                yield found


# what follows an industry word that makes it an industry, not a firm's trade
_INDUSTRY_AFTER = ("产业链", "全产业链", "产业", "行业", "链条")


def _short_firm(s: _Sent, m_start: int, m_end: int, is_strong: bool) -> Mention | None:
    """The firm a brand and the industry word at [m_start, m_end) of the sentence name."""
    a = s.start + m_start
    b = s.start + m_end
    if not s.is_start(a) or not s.is_end(b):
        return None
    if s.text.startswith(_INDUSTRY_AFTER, b - s.start):
        return None  # "绿色生态农牧产业链": an industry's chain, no firm
    if not is_strong and not _acts_after(s, b):
        return None  # a weak industry word: the firm must be the one acting, a verb after it
    lx = _lex()
    stops = lx["stop_words"]
    toks = s.toks
    # the words before the one at `a` (words do not overlap: they all end by `a`)
    start = a
    for j in range(bisect.bisect_left(_starts(toks), a) - 1, -1, -1):
        t = toks[j]
        listed = s.text[t.start - s.start - 1 : t.start - s.start] == "、"
        if listed and t.text in ("和", "与", "及"):
            start = t.start  # "A、和翔鸭业、B": no list writes 、 before its conjunction
            break
        if a - t.start > 5 or not _CJK.match(t.text) or not _brand_like(t.text):
            if start < a and a - t.start <= 7 and _is_region_word(t.text):
                start = t.start  # 山东和悦电子: the place the firm's name opens with
            break
        if t.text in stops or pos(t.text) in _NOT_BRAND_TAGS:
            break
        start = t.start
    brand = s.sub(start, a)
    if brand.endswith(_region_levels()) and _is_region_word(brand):
        return None  # "天水市农业": a place's industry, not a firm
    if a - start >= 2 and brand not in lx["industry"] and _strip_generic(brand):
        if not is_strong and not _acting(s, start, b):
            return None  # a weak industry word: the firm must be the one acting
        return Mention(C.Enterprise, s.sub(start, b), start, b, rule="brand+industry")
    return None


@functools.cache
def _region_levels() -> tuple[str, ...]:
    """The suffixes a place's full name ends in (市, 县…): a name ending so is no brand."""
    return tuple(_lex()["region_sfx"])


# (each item's run is taken whole, possessively: where a run is not followed by 、 no shorter
# part of it is, so the runs a backtracking search would cut shorter all fail: the same matches,
# found without trying each shorter run at each character)
_LIST_RUN = re.compile(r"[^、,。;:()《》“”\s]{2,16}+(?:、[^、,。;:()《》“”\s]{2,16}+)+")


def _coordinated_firms(
    s: _Sent, found: list[Mention], known: AbstractSet[str] = frozenset()
) -> Iterator[Mention]:
    """Items coordinated with a firm are firms: "与云天化、上海友升…" once either is known,
    here or by its name earlier in the article (`known`)."""
    if "、" not in s.text:
        if "与" in s.text or "和" in s.text:
            yield from _paired_firms(s, found)
        return  # every list run has a 、
    firms = {(m.start, m.end) for m in found if m.type == C.Enterprise and m.rule != _UNSURE}
    here = {s.sub(a, b) for a, b in firms}
    if not (known or here):
        return

    def named(span: tuple[int, int]) -> bool:
        return span in firms or s.sub(*span) in known or s.sub(*span) in here

    for run in _LIST_RUN.finditer(s.text):
        if not firms and not _holds_one(run.group(), known):
            continue  # (no firm named in the run: its items need not be read)
        if "的" in run.group():
            owners = _owners(s, run)
            if owners:
                if any(named(span) for span in owners):
                    for a, b in owners:
                        if not named((a, b)) and industry_start(s, b, a) != a:
                            if not _is_region_word(s.sub(a, b)):
                                yield from _firm(s, a, b, "并列", in_list=True, trim=False)
                continue
        spans, pos_ = [], s.start + run.start()
        for part in run.group().split("、"):
            spans.append((pos_, pos_ + len(part)))
            pos_ += len(part) + 1
            if len(spans) > 1 and part.find("等", 1) > 0:
                break  # "A、B、C等企业分别聚焦X、Y": the list ends at 等
        a0, b0 = spans[0]
        spans[0] = (_walk_left(s.toks, b0, a0, C.Enterprise, 16), b0)
        projects = _projects_list(s, spans)
        al, bl = spans[-1]
        bl = _right_edge(s, al, bl)
        if bl - al > 2 and s.text[bl - 1 - s.start] == "等":
            bl -= 1  # "A、百思特等企业": jieba's 特等 runs over the list's 等
        elif s.sub(al, bl).find("等", 2) > 0:
            bl = al + s.sub(al, bl).find("等", 2)  # "A、B等新能源电池龙头企业": the list ends at 等
        spans[-1] = (al, bl)
        if not any(named(span) for span in projects or spans):
            continue
        if _rx(r"企业[0-9一二三四五六七八九十百千]+[家户个]").search(run.group()):
            continue  # "…等材料企业18家、总部企业237家、户外用品企业83家": kinds of firm, counted
        if projects:
            # "A、B、C等一批大项目": firms' names standing for their projects; an item that
            # is a bare name (no product after a brand: 科玛保健品) is a firm like the others
            for a, b in projects:
                if not named((a, b)) and _bare_name(s, a, b):
                    yield from _firm(s, a, b, "并列", in_list=True, trim=False, bounded=True)
            continue
        if _FIRMS_PROJECTS_TAIL.match(s.text[spans[-1][1] - s.start :]):
            continue  # "A、B等工业项目": firms' names used for their projects
        for k, (a, b) in enumerate(spans):
            # "A、和翔鸭业、B": a conjunction after 、 opens an item's name (no list writes 、
            # before its conjunction)
            if b <= a or named((a, b)):
                continue  # (told first: most items are named already, and are not read again)
            joined = k > 0 and s.text[a - s.start] in "和与及"
            if k < len(spans) - 1 and _walk_left(s.toks, b, a, C.Enterprise, 16) != a + joined:
                edge = _right_edge(s, a, b) if k > 0 and named(spans[k - 1]) else a
                if a + 2 <= edge < b and _MANNER_AFTER.match(s.text, edge - s.start):
                    # "A、B分别担任X、Y产业链链主": the list of firms ends in this item, before
                    # what they do; a second list follows
                    yield from _firm(s, a, edge, "并列", in_list=True, trim=False)
                    break
                continue  # an item with a verb or a function word inside is not a name
            yield from _firm(s, a, b, "并列", in_list=True, trim=not joined)


# what opens the predicate of a list of firms, ending the list inside a run of 、: 分别 (each
# its own), 均, 都, 共同
_MANNER_AFTER = re.compile("分别|均|都|共同|一起")


# the tail of a list of projects: 等, a count, what they are, 项目; what they are may list
# qualities before 的 ("等一大批投资强度大、拉动力强的项目")
_PROJECTS_TAIL = re.compile(
    r"等(?:一批|一大批|[0-9一二三四五六七八九十]+个)?(?:[^,。;、等]{0,12}?|[^,。;等]{2,24}?的)项目"
)
# the same, as firms' names stand for their projects: a short tail ("A、B等工业项目"), or one
# listing qualities before 的
_FIRMS_PROJECTS_TAIL = re.compile(r"等(?:[^,。;]{0,8}|[^,。;等]{2,24}?的)项目")


def _holds_one(text: str, names: AbstractSet[str]) -> bool:
    """Whether one of `names` is written in `text`: each name looked for in it, or, when the
    names outnumber its pieces (the firms a long document has named before a short list),
    each piece of it looked up among them.

    >>> _holds_one("华岳集团、恒泰科技", {"恒泰科技"}), _holds_one("华岳、恒泰", {"恒泰科技"})
    (True, False)
    """
    n = len(text)
    if len(names) <= n * (n + 1):
        return any(name in text for name in names)
    return "" in names or any(text[i:j] in names for i in range(n) for j in range(i + 1, n + 1))


def _owners(s: _Sent, run: re.Match) -> list[tuple[int, int]]:
    """The owners in a list of what each one has ("A的冶炼分离、B的抛光粉、C的金属产能"):
    each item opens with a name of two to eight characters and 的; empty when the run is no
    such list."""
    out, pos_ = [], s.start + run.start()
    for k, part in enumerate(run.group().split("、")):
        cut = part.find("的")
        if cut < 0:
            return []
        a = pos_
        if k == 0:
            a = _walk_left(s.toks, pos_ + cut, pos_, C.Enterprise, 8)
        if not 2 <= pos_ + cut - a <= 8:
            return []
        out.append((a, pos_ + cut))
        pos_ += len(part) + 1
    return out


def _projects_list(s: _Sent, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The items of a list run that ends in 等(一批)…项目 ("A、B、C等一批大项目、好项目"),
    the last cut at 等; empty when the run is no such list."""
    for k, (a, b) in enumerate(spans[1:], 1):
        cut = s.text.find("等", a - s.start, b - s.start)
        if cut < 0:
            continue
        if cut - (a - s.start) >= 2 and _FIRMS_PROJECTS_TAIL.match(s.text, cut):
            return [*spans[:k], (a, s.start + cut)]
        return []
    return []


def _bare_name(s: _Sent, a: int, b: int) -> bool:
    """Whether a list item is a name and nothing else: two to six characters, no industry or
    product at its end (光伏, 科玛保健品), no count, no verb or function word opening it."""
    if not 2 <= b - a <= 6 or _rx(r"[0-9A-Za-z]").search(s.sub(a, b)):
        return False
    if industry_start(s, b, a) is not None:
        return False
    first = s.word_at(a)
    if first is None or first.start != a or _walk_left(s.toks, first.end, a, C.Enterprise, 8) != a:
        return False  # "推动X": a verb opens it
    brand = _brand_prefix(s, a, b)
    return brand is None or brand[1] == b or _strong(s.sub(brand[1], b))


def _paired_firms(s: _Sent, found: list[Mention]) -> Iterator[Mention]:
    """A brand and an industry word joined to a firm by 与 or 和 is a firm too: "华岳电子与恒泰
    科技共同投资" once 恒泰科技 is known (a firm acting)."""
    tail = _patterns()["industry_tail"]
    for m in [m for m in found if m.type == C.Enterprise]:  # (found grows as this yields)
        if m.rule == _UNSURE:
            continue
        at = m.start - s.start
        if at >= 1 and s.text[at - 1] in "与和":
            start = _walk_left(s.toks, m.start - 1, s.start, C.Enterprise, 10)
            text = s.sub(start, m.start - 1)
            if (
                2 < len(text) <= 10
                and tail.search(text)
                and _names_something(s, start, m.start - 1)
            ):
                yield from _firm(s, start, m.start - 1, "并列", trim=False)
        end = m.end - s.start
        if s.text[end : end + 1] in ("与", "和"):
            b = _name_end(s, m.end + 1, m.end + 11)
            text = s.sub(m.end + 1, b)
            if 2 < len(text) <= 10 and tail.search(text) and _names_something(s, m.end + 1, b):
                yield from _firm(s, m.end + 1, b, "并列", trim=False)
