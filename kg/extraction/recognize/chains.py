"""Industrial chains: names ending in 产业链, coordinated lists sharing one suffix, lists after
"N条产业链是:"; and the industries a list names as a place's ("A、B两大主导产业")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extraction.places import place_names
from kg.extraction.recognize.boundaries import _Sent, _strip_generic
from kg.extraction.recognize.edges import _strip_place
from kg.extraction.recognize.industries import goes_on, industry_start, unranked
from kg.extraction.recognize.lexicon import (
    _CHAIN_LIST_TAIL,
    GENERIC,
    _is_region_word,
    _lex,
    _list_tail,
    _rx,
)
from kg.extraction.recognize.lists import _count, _enumeration, _list_items
from kg.extraction.segment import pos
from kg.reading.document import Mention
from kg.terms import C


def _conjuncts(s: _Sent, items: list[tuple[int, int]], suffix: str) -> Iterator[Mention]:
    """Chains written bare in a list that shares one suffix: 光伏 in "光伏、风电装备等8条产业链"."""
    count_prefix = _lex()["count_prefix"]
    for ia, ib in items:
        text = s.sub(ia, ib)
        if count_prefix.match(text) or "产业链" in text:
            continue  # "一张产业链招商地图、一支专业队伍、一个基金": things counted, no industry
        if _strip_generic(text):
            whole = text + suffix[-1] if text.endswith("产业") else text + suffix  # 汽车产业链
            label = _strip_place(whole, s.toks, ia)
            yield Mention(C.IndustryChain, text, ia, ib, label=label, rule="list")


def _chain_mentions(
    s: _Sent, start: int, a: int, b: int, suffix: str, core: str, category: bool
) -> Iterator[Mention]:
    """A chain name, or each item of a coordinated list of chains sharing one suffix."""
    name = s.sub(start, b)
    before = s.before(start)
    # "A、B、C等8条(省级重点)产业链": the items come before the count
    # "A、B、C等三条金铜特色产业链": the items come before the count and the words it counts
    tail = _list_tail(_CHAIN_LIST_TAIL, s.before(a))
    list_end = s.start + tail.start() if tail and tail.group() else None
    if list_end is None or core and start < list_end:
        tail = _list_tail(_CHAIN_LIST_TAIL, before)
        counted = tail is not None and _count(tail.group()) is not None
        list_end = s.start + tail.start() if counted else None
    if list_end is not None and s.text[list_end - s.start - 1 : list_end - s.start] == "、":
        list_end -= 1  # "A、B、等一批产业链": a separator left before the tail
    if list_end is not None and list_end > s.start and (not core or start >= list_end):
        if tail.group().startswith("等") and _LINKS.match(s.text, b - s.start):
            return  # "补齐电解液、隔膜等产业链薄弱环节": links of a chain, no chains
        if tail.group().startswith("等") and _UNITS.match(s.text, b - s.start):
            return  # "财政局、某某银行等产业链专班单位": the bodies that serve chains
        items = _enumeration(s, list_end, tail.group(), C.IndustryChain, reader=industry_start)
        if len(items) > 1 and _count(tail.group()) == 1:
            return  # "下游有专用车、特种车等一条完备的产业链": the links of one chain
        # "A等8条产业链", "A等重点产业链"; not "A等产业链项目" (projects of a kind)
        after = s.text[b - s.start : b - s.start + 2]
        one = items and tail.group().startswith("等") and after not in ("项目", "企业")
        closed = items and _CLOSED_LIST.search(s.sub(*items[-1]))
        if (
            items
            and not tail.group().startswith(("等", "以及"))
            and _count(tail.group()) is None
            and industry_start(s, items[-1][1], items[-1][0]) is None
        ):
            closed = True  # "A、B入选省级产业链": the item before the chain names no industry
        if (len(items) >= 2 or one) and not closed:
            yield from _conjuncts(s, items, suffix)
            return
    if _is_region_word(core) or core in place_names():
        core = ""  # "梧州市产业链": a place's chains in general
    opens = start == s.start or s.text[start - s.start - 1] in ",,;;、"
    if opens and pos(core) == "v" and _FIGURATIVE.match(s.text, b - s.start):
        return  # "补齐产业链短板,锻造产业链长板": the slogan's verb, not a forging chain
    if not core or category and not before.rstrip().endswith("等"):
        # "产业链", "各产业链", "这3条产业链": no chain in particular, but a chain all the same
        left = s.before(start)
        det = (  # (tried only where one of its characters ends what stands before)
            _rx(r"[各该这本每那][0-9一二三四五六七八九十两]*[条个]?$").search(left)
            if left[-1:] in _DETERMINER_ENDS
            else None
        )
        g_start = start - (len(det.group()) if det else 0)
        # (labelled as the one generic chain: "每条产业链" is no chain of its own)
        yield Mention(C.IndustryChain, s.sub(g_start, b), g_start, b, label="产业链", rule=GENERIC)
        return
    # "A、B及C产业链" / "A及B产业链": earlier conjuncts are bare
    # (each pattern tried only where its 、 or 及 is written: $ may stand before a line break)
    conj = _rx(r"(、|以及|及)$").search(before) if before[-1:] in "、及\n" else None
    if conj and before[: conj.start()].endswith(suffix):
        conj = None  # "A产业链、B产业链": the chain before has a suffix of its own
    head = name[: -len(suffix)]
    inner_split = _rx(r"^(.{2,8}?)(以及|及(?!其))(.{2,}?)$").search(head) if "及" in head else None
    if conj:
        items = _list_items(
            s, start - len(conj.group()), s.start, C.IndustryChain, reader=industry_start
        )
        yield from _conjuncts(s, items, suffix)
    elif (
        inner_split
        and "、" not in name
        and not goes_on(inner_split.group(1), inner_split.group(3))  # 汽车及零部件产业链
    ):
        first = inner_split.group(1)
        if _strip_generic(first):
            yield Mention(
                C.IndustryChain,
                first,
                start,
                start + len(first),
                label=_strip_place(first + suffix, s.toks, start),
                rule="list",
            )
        rest_start = start + len(first) + len(inner_split.group(2))
        yield Mention(C.IndustryChain, s.sub(rest_start, b), rest_start, b, rule="suffix")
        return
    # (光伏重点产业链 is 光伏产业链: one chain, however the article ranks it)
    label = _strip_place(unranked(name[: -len(suffix)]) + suffix, s.toks, start)
    yield Mention(C.IndustryChain, name, start, b, label=label, rule="suffix")


# a list closed by 等 and a count of firms before the words that qualify a chain: "A、B等3家企业
# 入选省级重点产业链…" lists firms, not chains
_CLOSED_LIST = re.compile("等[0-9一二三四五六七八九十两]+[家户名位]")

# the links of a chain: "A、B等产业链(薄弱)环节" lists links, not chains
_LINKS = re.compile("(?:的)?(?:薄弱|关键|重要|核心|重点|主要|缺失|短板)?环节")

# the bodies that serve chains: "A、B等产业链专班(成员)单位" lists them, not chains
_UNITS = re.compile("(?:工作)?(?:专班|成员单位|牵头单位|责任单位|单位|办公室|工作组)")

# what the determiner before a chain in general ends in ($ may stand before a line break)
_DETERMINER_ENDS = "各该这本每那0123456789一二三四五六七八九十两条个\n"

# the parts of a chain a slogan speaks of (长板, 短板): after a verb, no chain is named
_FIGURATIVE = re.compile("长板|短板|弱项|断点|堵点|卡点")

# "调整后的10条产业链是:白酒、能源、装备制造(含机器人)…": the chains are listed after it
# (or after a dash, or 即 / 分别是: "九大重点产业链——A、B、C", "6条产业链,即A、B、C")
_CHAIN_COLON = re.compile(
    r"(?:[0-9一二三四五六七八九十两]+[条个大]|以下)[^,。;::]{0,8}?产业链(?:分别)?(?:是|为|包括|有)?"
    r"(?:[::]|——|[,](?:即|分别是|分别为|具体是|具体为|包括)[::]?)"
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
                C.IndustryChain, name, a, a + len(name), label=name + "产业链", rule="list"
            )


# where a list of industries ends: 产业 after a list tail, not a word it starts (产业链, 产业园,
# 产业集群, 产业基地, 产业工人 …), nor the leading firms of industries ("A、B等产业龙头": firms or
# industries, which the words do not say)
_INDUSTRY_END = re.compile(
    "产业(?![链园集基带区项联化城港协工]|龙头|链主|领军|头部|企业)"
    # (the projects of industries counted: "A、B、C三大产业项目", items the industries)
    "|(?<=[0-9一二三四五六七八九十两]大)产业(?=项目)"
    # (trades and sectors after a list's 等 or count: "A、B等行业", "A、B、C三大板块")
    "|(?<=[等大个])(?:行业|板块)"
)

# a count, then what the industries counted are: "A、B等8个产业基础好、市场前景广的新兴产业"
_COUNTED_CLAUSE = re.compile(
    "(?:等|以及)[0-9一二三四五六七八九十两]+(?:个|大|类)[^,,。;;::]{1,30}的"
    "(?:首位|主导|新兴|优势|特色|支柱|战略性|传统|未来|先导|重点)*$"
)

# the qualifiers that make one industry a place's own: 新能源汽车首位产业
_FIRST = re.compile("首位|主导|支柱")

# what the industries listed are: "A、B等轻工产业" (a kind of industry after 等), "A、B产业为
# 主导产业" (the industries listed are the place's leading ones): the list's items are industries
_KIND_TAIL = re.compile(
    "(?:等(?:(?!的)[\u4e00-\u9fff]){1,5}|(?:产业)?(?:为|作为)(?:首位|主导|支柱|优势|特色|重点|新兴)+)$"
)

# what no industry is, though the grammar reads it as one: the territory an industry is of
_TERRITORY = re.compile("^(?:县域|市域|区域|镇域|省域|全域|本地|地方|当地)$")


def _industry_lists(s: _Sent) -> Iterator[Mention]:
    """The industries of "A、B、C等产业", "A、B两大主导产业", "A首位产业": each item an industry
    (`C.Industry`, labelled without 产业), when a tail (等, a count, a qualifier such as 主导 or
    首位) says the words before it are industries, or without one when three items at least are
    each read by the industry grammar ("“3”即A、B、C产业"). Each item is read by the grammar, or
    vouched for by the count ("农业、林业、制造三大主导产业"); "发展新能源产业" names no list."""
    for m in _INDUSTRY_END.finditer(s.text):
        before = s.text[: m.start()]
        tail = _COUNTED_CLAUSE.search(before, max(0, len(before) - 40))
        if tail is None:
            tail = _KIND_TAIL.search(before, max(0, len(before) - 12))
        if tail is None:
            tail = _list_tail(_CHAIN_LIST_TAIL, before)
        if tail is None or not before or before[-1] in "、,,":
            continue
        end = s.start + tail.start()
        items = _enumeration(s, end, tail.group(), C.Industry, reader=industry_start)
        n = _count(tail.group())
        read = [industry_start(s, b, a) == a for a, b in items]
        if "等" not in tail.group() and n is None and not _KIND_TAIL.fullmatch(tail.group()):
            # "A、B、C产业" (no tail), "A、B特色产业": every item read by the grammar, and three
            # of them, or two with a qualifier, or one the place's first or leading industry
            least = 3 if not tail.group() else 1 if _FIRST.search(tail.group()) else 2
            if len(items) < least or not all(read):
                continue
        for k, (a, b) in enumerate(items):
            text = s.sub(a, b)
            if "等" in text or _TERRITORY.match(text) or not _strip_generic(text):
                continue
            # an item the grammar does not read is one when the count vouches for it, or when
            # separators bound it in a list whose other items the grammar reads ("钢铁、菱镁、
            # 装备制造等产业"); not the first, whose start only the grammar finds ("主攻三大产业")
            if not (n == len(items) or read[k] or k and sum(read) >= 2 and _plain(s, a, b)):
                continue
            bare = text.removesuffix("产业") if len(text) > 4 else text
            label = _strip_place(bare, s.toks, a)
            yield Mention(C.Industry, text, a, b, label=label, rule="list")


# the industries a place leads with, written before 产业为 and a qualifier with no 产业 after
# it: "以A产业为支柱", "形成以A、B产业为主导的产业体系"
_LED_WITH = re.compile(
    "以(?P<x>[^,,。;;::以为]{2,30}?)产业(?:为|作为)(?:首位|主导|支柱|龙头|核心|优势|特色|引领)+"
    "(?!产业)"
)


def _led_with(s: _Sent) -> Iterator[Mention]:
    """The industries of "以A(、B)产业为支柱/主导/引领…": each item the industry grammar reads
    (`C.Industry`, labelled without 产业), or a short noun phrase in a list of two or more.

    >>> from kg.extraction.recognize.boundaries import _Sent
    >>> from kg.reading.document import Sentence
    >>> s = _Sent(Sentence(0, 19, "全县形成以有机硅产业为主导的产业体系。"))
    >>> [m.label for m in _led_with(s)]
    ['有机硅']
    """
    for m in _LED_WITH.finditer(s.text):
        lo, hi = s.start + m.start("x"), s.start + m.end("x")
        items = _list_items(s, hi, lo, C.Industry, reader=industry_start)
        for a, b in items:
            text = s.sub(a, b)
            if _TERRITORY.match(text) or not _strip_generic(text):
                continue
            if industry_start(s, b, a) != a and not (len(items) > 1 and _plain(s, a, b)):
                continue
            label = _strip_place(text, s.toks, a)
            yield Mention(C.Industry, text, a, b, label=label, rule="list")


def _plain(s: _Sent, a: int, b: int) -> bool:
    """Whether the item in [a, b) is a short noun phrase: Chinese characters only, not opening
    with a verb or a stop word."""
    text = s.sub(a, b)
    if not 2 <= len(text) <= 10 or not _rx("^[\u4e00-\u9fff]+$").match(text):
        return False
    first = s.word_at(a)
    word = first.text if first is not None else text[:1]
    return pos(word) not in _lex()["verb_pos"] and word not in _lex()["stop_words"]
