"""Policies (《…》), strategies, regions, people and chain-leader roles."""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from collections.abc import Iterator
from itertools import compress, count
from operator import itemgetter

from kg.extraction.places import place_names
from kg.extraction.recognize.boundaries import _TEXT, _Sent, _starts, _walk_left
from kg.extraction.recognize.lexicon import _CJK, _POLICY, _is_region_word, _lex, _patterns, _rx
from kg.extraction.segment import freq, pos
from kg.reading.document import Mention
from kg.terms import C


def _policies(s: _Sent) -> Iterator[Mention]:
    """Titles in 《》 that say what kind of document they are (《…实施方案》), not 《某某日报》."""
    kinds = _patterns()["policy_kind"]
    for m in _POLICY.finditer(s.text) if "《" in s.text else ():
        if kinds.search(m.group(1)):
            a, b = s.start + m.start(1), s.start + m.end(1)
            yield Mention(C.Policy, m.group(1), a, b, rule="《》")


def _strategies(s: _Sent) -> Iterator[Mention]:
    px = _patterns()
    # “3815”战略目标, “产、城、人”三篇文章
    for m in px["strategy_quoted"].finditer(s.text) if "“" in s.text else ():
        yield Mention(C.Strategy, m.group(), s.start + m.start(), s.start + m.end(), rule="quoted")
    # “六大战略”, “七个一”, “五大强市”
    for m in px["strategy_num_quoted"].finditer(s.text) if "“" in s.text else ():
        yield Mention(C.Strategy, m.group(1), s.start + m.start(1), s.start + m.end(1), rule="num")
    for m in px["strategy_num"].finditer(s.text) if "大" in s.text else ():
        yield Mention(C.Strategy, m.group(1), s.start + m.start(1), s.start + m.end(1), rule="num")


_ETHNIC = re.compile(
    r"[\u4e00-\u9fff]{2,4}?(?:(?:回|彝|苗|藏|壮|满|蒙古|维吾尔|土家|布依|侗|瑶|白|哈尼|傣|黎|傈僳|佤|"
    r"畲|拉祜|水|纳西|羌|土|仫佬|锡伯|仡佬|景颇|达斡尔|撒拉|布朗|毛南|普米|阿昌|怒|鄂温克|京|基诺|"
    r"德昂|保安|裕固|门巴|珞巴|独龙|鄂伦春|赫哲|塔吉克|哈萨克|柯尔克孜|乌孜别克|朝鲜)族)+"
    r"(?:自治)?(?:乡|镇|县|州|旗)"
)


_TOWN = ("街道", "镇", "乡")
_TOWN_ENDS = frozenset("镇乡道")  # the last characters of the words above and of 山镇, 龙乡…
_LAST = itemgetter(-1)
_LEVELS = frozenset("省市县区州旗盟镇乡")


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
    # the words that begin a place: most words begin none
    for i in [i for i, tok in enumerate(toks) if tok[0] in beginnings]:
        tok = toks[i]
        text = tok.text
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


def _slogan(s: _Sent, a: int) -> bool:
    """Whether the two-character place at `a` (in the sentence's text) ends a slogan "X兴县":
    a noun right before it (产业兴县, 科技兴县), as no place name is written after one."""
    k = bisect.bisect_left(_starts(s.toks), s.start + a) - 1
    if k < 0 or s.toks[k].end != s.start + a:
        return False
    return pos(s.toks[k].text) in ("n", "vn") and len(s.toks[k].text) > 1


def _regions(s: _Sent) -> Iterator[Mention]:
    """Places: administrative names (full or short), ethnic townships, towns (…镇, …乡)."""
    for m in _ETHNIC.finditer(s.text) if "族" in s.text else ():  # 青岗岭回族彝族乡, 双河苗族彝族乡
        a = _walk_left(s.toks, s.start + m.end(), s.start + m.start(), C.Region, 16)
        yield Mention(C.Region, s.sub(a, s.start + m.end()), a, s.start + m.end(), rule="ethnic")
    toks = s.toks
    taken: set[int] = set()
    for a, b in _place_spans(s):
        if b - a == 2 and s.text[b - 1] in "县市区旗" and _slogan(s, a):
            continue  # 产业兴县, 工业富县: a slogan, not the county 兴县
        if s.text[b : b + 1] == "委" and s.text[b - 1] in "省市县区州旗" and b - a > 2:
            b -= 1  # 岳阳市委书记: the place 岳阳, the office 市委书记
        taken.add(a + s.start)
        k = bisect.bisect_left(_starts(toks), s.start + b)
        if k < len(toks) and toks[k].start == s.start + b and toks[k].text in _LEVELS:
            b += 1  # "江城县": a short name and its level written as a word of its own
        yield Mention(C.Region, s.text[a:b], s.start + a, s.start + b, rule="place")
    if not ("镇" in s.text or "乡" in s.text or "街道" in s.text):
        return
    # (only a word ending in 镇, 乡 or 道 can be a town's or its level: picked in C)
    for i in compress(count(), map(_TOWN_ENDS.__contains__, map(_LAST, map(_TEXT, toks)))):
        tok = toks[i]
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
                yield Mention(C.Region, s.sub(start, tok.end), start, tok.end, rule="town")
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
                    C.Region, s.sub(prev.start, tok.end), prev.start, tok.end, rule="town"
                )


def _persons(s: _Sent) -> Iterator[Mention]:
    """People named after a title (链长冯怀玉, 副市长王强), or, with no title, as the one who
    takes a chain leader's post (赵一六担任特种钢材产业链链长)."""
    titles = _patterns()["titles"]
    # (most sentences have no title: a search costs half what finditer does)
    titled = titles.search(s.text) is not None
    for m in titles.finditer(s.text) if titled else ():
        q = 1 if s.text.startswith(("”", "’", ":"), m.end()) else 0  # “链长”程一帆, 链长:程一帆
        rest = s.text[m.end() + q : m.end() + q + 5]
        name = _person_name(rest) or _person_word(s, s.start + m.end() + q)
        if name:
            a = s.start + m.end() + q
            yield Mention(C.Person, name, a, a + len(name), rule="title")
            # names listed after the first share its title: "副市长周立新、程一帆分别担任…"
            e = m.end() + q + len(name)
            while s.text.startswith("、", e):
                name = _person_name(s.text[e + 1 : e + 6])
                if not name:
                    break
                yield Mention(
                    C.Person, name, s.start + e + 1, s.start + e + 1 + len(name), rule="title"
                )
                e += 1 + len(name)
    # (read only where one of its titles is written: a quick search, where _NAME_TITLE, with no
    # first character to skip to, is tried at every character)
    # (_NAME_TITLE's titles are titles: a sentence with none has none of them)
    titled = titled and _NAME_TITLE_WORD.search(s.text) is not None
    bracketed = _NAME_BRACKETED.finditer(s.text) if titled and "(" in s.text else ()
    for m in (*(_NAME_TITLE.finditer(s.text) if titled else ()), *bracketed):
        name = _person_name(m.group(1))
        if name == m.group(1) and not _is_region_word(name):
            a = s.start + m.start(1)
            yield Mention(C.Person, name, a, a + len(name), rule="name before title")
    if "链长" not in s.text:
        return
    if "同志" in s.text:
        for m in _COMRADE.finditer(s.text):  # "链长为张华同志": 同志 after a person's name
            name = _person_name(m.group(1))
            if name == m.group(1) and not _is_region_word(name):
                a = s.start + m.start(1)
                yield Mention(C.Person, name, a, a + len(name), rule="comrade")
    for m in (*_TAKES_POST.finditer(s.text), *_POST_GIVEN.finditer(s.text)):
        name = _person_name(s.text[m.start(1) : m.start(1) + 5])
        if name and m.start(1) + len(name) == m.end(1):
            a = s.start + m.start(1)
            yield Mention(C.Person, name, a, a + len(name), rule="takes the post")
            yield from _names_listed_before(s, m.start(1))
    for m in _AS_LEADER.finditer(s.text):
        name = _person_name(s.text[m.end() : m.end() + 5])
        if name:
            a = s.start + m.end()
            yield Mention(C.Person, name, a, a + len(name), rule="takes the post")


def _names_listed_before(s: _Sent, e: int) -> Iterator[Mention]:
    """The names listed before the one at `e` that takes the post, each followed by 、 ("由周立新、
    程一帆担任…链长": both take it)."""
    text = s.text
    while e > 0 and text[e - 1] == "、":
        for n in (2, 3):  # (the item opens the sentence or follows 、, 由, a comma…)
            b = e - 1 - n
            if b >= 0 and (b == 0 or text[b - 1] in _LIST_OPENERS):
                if _person_name(text[b : e - 1]) == text[b : e - 1]:
                    break
        else:
            return
        a = s.start + b
        yield Mention(C.Person, text[b : e - 1], a, s.start + e - 1, rule="takes the post")
        e = b


# "一条产业链、一位市领导": the official each chain has, in the chain-leader system's formula
_ONE_EACH = re.compile(r"一[个条](?:产业链?|链)、一[位名个]$")
# the titles a name may stand before (周立新市长) or have in brackets after it
_TITLES = "市长|县长|区长|省长|州长|镇长|书记"
# a name before the title, opening a clause: "周立新市长主持会议", "程一帆副县长表示"
# (the name is read short first: 张华副市长 is 张华 and 副市长; a 链长 in quotes may come first)
_NAME_TITLE = re.compile(
    r"(?:^|(?<=[,,;;、:“”由]))([\u4e00-\u9fff]{2,3}?)((?:副)?(?:" + _TITLES + "))"
    r"(?=担任|兼任|出任|任|主持|表示|指出|强调|带队|率队|调研|一行|在|为|作为|以|到|赴|来到|深入"
    r"|走访|出席|参加|前往|陪同|会见|召开|看望|督导|,|,)"
)
# a name, then its title in brackets, opening a clause: "周立新(副市长)任光伏产业链链长"
_NAME_BRACKETED = re.compile(
    r"(?:^|(?<=[,,;;、:“”由]))([\u4e00-\u9fff]{2,3})[((](?:市委|县委|区委|省委)?(?:常务)?"
    r"(?:副)?(?:" + _TITLES + ")[))]"
)
_NAME_TITLE_WORD = re.compile(_TITLES)  # _NAME_TITLE's titles
# a name of two or three characters opening a clause or after 由, then 担任…链长
_TAKES_POST = re.compile(
    r"(?:^|(?<=[,,;;、:“由]))(?!由)([\u4e00-\u9fff]{2,3}?)(?:同志)?(?:担任|兼任|出任|任|为|是|作为)"
    r"[^,,。;;]{0,24}?(?<!副)链长"
)
# a name opening the clause after 作为…链长: "作为光伏产业链链长,周立新多次到企业调研"
_AS_LEADER = re.compile(r"作为[^,,。;;]{0,24}?(?<!副)链长[”’]?[,,]")
# the dictionary's tags of function words, which open no name
_FUNCTION_TAGS = frozenset({"p", "c", "d", "r", "u"})
# what stands before the first item of a list of names, or between two of them
_LIST_OPENERS = frozenset(",,;;、:“由")
# a name, then 同志, after a word that gives the post: "链长为张华同志"
_COMRADE = re.compile(r"(?<=[为是由:,,、])([\u4e00-\u9fff]{2,3}?)同志")
# …链长由 and a name, then 担任: "海工装备产业链链长由程一帆担任"
# (链长 written first, where the search skips to it; then not after 副)
_POST_GIVEN = re.compile(r"链长(?<!副链长)[”’]?由([\u4e00-\u9fff]{2,3})(?:同志)?(?:担任|兼任|出任)")


def _person_word(s: _Sent, a: int) -> str:
    """The person's name jieba cut as one word at `a`, right after a title, whatever follows
    it ("市长陈立新亲自挂帅", "副市长刘振华定期召开…"): two or three characters the
    dictionary tags as a person's name, opening with a surname; else ""."""
    tok = s.word_at(a)
    if tok is None or tok.start != a or not 2 <= len(tok.text) <= 3:
        return ""
    w = tok.text
    lx = _lex()
    surname = w[0] in lx["surnames"] or w[:2] in lx["compound"]
    return w if surname and pos(w) in {"nr", "nrfg", "nrt"} else ""


@functools.lru_cache(maxsize=1 << 13)  # bounded small: see kg.iris
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
    if _patterns()["titles"].match(rest, 1):
        return ""  # "书记和市长": 和 opens a title, not a name
    if pos(rest[:2]) in _FUNCTION_TAGS and freq(rest[:2]) > 1000:
        return ""  # "总书记关于党的…": a function word (关于) opens no name
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
    """Unnamed officials holding the chain-leader role: "由市级领导担任…链长",
    "市委、市政府主要领导和市委副书记担任总链长", "市领导链长": office words and a head, with
    链长 later in the clause."""
    if "链长" not in s.text:
        return
    t = s.text
    for m in _patterns()["role"].finditer(t):
        clause = _rx(r"[^,,。;;]*").match(t, m.end()).group()
        if not _rx(r"(?<!副)链长").search(clause):
            # or named before it, the post given by 由: "总链长由市委书记担任"
            head = t[max(t.rfind(c, 0, m.start()) for c in ",,。;;") + 1 : m.start()]
            if not _rx(r"(?<!副)链长(?![制办])[^由]*由").search(head):
                # or the one official of each chain: "一条产业链、一位市领导、一个牵头部门"
                if not _ONE_EACH.search(t, 0, m.start()):
                    continue
        start = _after_place(t, m.start(1), m.end(1))
        a, b = s.start + start, s.start + m.end(1)
        yield Mention(C.ChainLeaderRole, t[start : m.end(1)], a, b, rule="role")


def _after_place(t: str, a: int, b: int) -> int:
    """Where a role read at `t[a:b]` starts: after its first character when that character
    ends a place's name begun before it and the rest is still a role (广州市委书记: the role
    read from 州 is 市委书记)."""
    rest = _patterns()["role"].match(t, a + 1)
    if rest is None or rest.end(1) != b or t[a + 1 : a + 2] == "委":
        return a  # (岳阳市委书记 read from 市: 市委, not 委)
    names = place_names()
    return a + 1 if any(t[max(a - j, 0) : a + 1] in names for j in (1, 2, 3)) else a


# a title that is only the kind of document: 《方案》 refers back to a full title, or to none
_BARE_TITLES = frozenset("方案 实施方案 意见 通知 办法 规划 纲要 决定 条例 细则 计划 措施".split())


def _short_titles(mentions: list[Mention]) -> list[Mention]:
    """Bare titles (《方案》) named as the article's last full title of that kind before them
    (《…优化调整方案》), and dropped where there is none."""
    if not any(m.type == C.Policy and m.text in _BARE_TITLES for m in mentions):
        return mentions
    full = sorted(
        (m.start, m.label) for m in mentions if m.type == C.Policy and m.text not in _BARE_TITLES
    )
    out: list[Mention] = []
    for m in mentions:
        if m.type == C.Policy and m.text in _BARE_TITLES:
            before = [label for start, label in full if start < m.start and label.endswith(m.text)]
            if not before:
                continue
            m = dataclasses.replace(m, label=before[-1], rule="《》 short title")
        out.append(m)
    return out
