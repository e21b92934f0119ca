"""Firms without a legal suffix, found where the sentence makes them firms (以X为龙头, A、B等企业,
与X签约, X落户…), brands with an industry word (合盛铝业), and items coordinated with a firm."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from kg.document import Mention
from kg.recognize.boundaries import (
    _clause_start,
    _list_items,
    _name_end,
    _right_edge,
    _Sent,
    _starts,
    _strip_generic,
    _walk_left,
)
from kg.recognize.lexicon import (
    _CJK,
    _NOT_FIRM_ENDS,
    _UNSURE,
    RARE,
    _brand_like,
    _is_region_word,
    _lex,
    _patterns,
    _rx,
    _strong,
)
from kg.recognize.names import _person_name
from kg.segment import freq, pos


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


_LIST_RUN = re.compile(r"[^、,。;:()《》“”\s]{2,16}(?:、[^、,。;:()《》“”\s]{2,16})+")


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
