"""Names that end in a suffix of their class: …产业园, …项目, …有限公司, …产业集群."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from kg.extraction.recognize.boundaries import (
    _Sent,
    _starts,
    _strip_generic,
    _walk_left,
    _words_within,
)
from kg.extraction.recognize.chains import _chain_mentions, _plain
from kg.extraction.recognize.edges import _balanced
from kg.extraction.recognize.firms import _brand_prefix, _firm, _names_something
from kg.extraction.recognize.industries import HEAD, PROCESS, industry_start, word_kind
from kg.extraction.recognize.lexicon import (
    _BRAND_TAGS,
    _CLUSTER_LIST_TAIL,
    _OPEN_QUOTES,
    _PUNCT,
    _UNSURE,
    MAX_LEN,
    _is_region_word,
    _lex,
    _list_tail,
    _patterns,
    _rx,
    _strong,
)
from kg.extraction.recognize.lists import _enumeration
from kg.extraction.segment import freq, pos, tokenize
from kg.reading.document import Mention
from kg.terms import C

# an opening quote and what follows it up to a suffix, with no other quote or stop between
_QUOTED_HEAD = re.compile("“(?=[^“”,。;]{2,30}$)")


def _suffix_matches(text: str) -> dict[str, list[re.Match]]:
    """The suffixes written in `text` by class (those with none left out): one pass for all
    classes when their suffixes cannot overlap, else one pass per class."""
    lx = _lex()
    found: dict[str, list[re.Match]] = {}
    every = lx["suffix_any"]
    if every is None:
        for cls, regex in lx["suffix_re"].items():
            matches = list(regex.finditer(text))
            if matches:
                found[cls] = matches
        return found
    cls_of = lx["suffix_class"]
    for m in every.finditer(text):
        cls = cls_of[m.group()]
        if cls in found:
            found[cls].append(m)
        else:
            found[cls] = [m]
    return found


# what follows a kind of thing in a slogan about it (项目为王, 项目至上, 企业为本)
_SLOGAN_TAILS = frozenset({"为王", "为先", "为要", "为本", "至上", "为纲", "为重"})


def _suffix_names(s: _Sent, cls: str, matches: list[re.Match] | None = None) -> Iterator[Mention]:
    """Names of class `cls` that end in one of its suffixes (`matches`: where the suffixes
    are written in the sentence, if known)."""
    lx = _lex()
    for m in lx["suffix_re"][cls].finditer(s.text) if matches is None else matches:
        a, b = s.start + m.start(), s.start + m.end()
        suffix = m.group()
        if not s.is_start(a):  # "网络安全产业链": 全产业链 begins inside a word, 产业链 does not
            shorter = [x for x in lx["suffix_sets"][cls] if suffix.endswith(x) and x != suffix]
            shorter = [x for x in shorter if s.is_start(b - len(x))]
            if shorter:
                suffix = max(shorter, key=len)
                a = b - len(suffix)
        nxt = s.text[m.end() : m.end() + 1]
        if cls == C.IndustryCluster and nxt == "化":
            continue
        if cls == C.Enterprise and (nxt in "化内外" or suffix == "公司" and nxt == "制"):
            continue
        if (
            cls == C.Enterprise
            and suffix == "厂"
            and s.text[a - s.start - 1 : a - s.start] in "工建设办开"
        ):
            continue  # 工厂, 建厂, 设厂: no firm named
        if cls == C.Enterprise and len(suffix) == 1 and not s.is_end(b):
            continue  # 厂房, 厂区, 厂长: a one-character suffix inside a word ends no name
        if cls == C.Project and s.text[m.end() : m.end() + 2] in _SLOGAN_TAILS:
            continue  # "树牢项目为王的理念": a slogan about projects names none
        if cls == C.IndustrialPark and s.text[m.end() : m.end() + 2] in ("管委", "管理"):
            pass  # "湘潭经开区管委会": the park is still named
        elif cls == C.IndustrialPark and not s.is_end(b) and _rx("区域").match(s.text, m.end() - 1):
            continue  # "西部大开发区域战略": 区 begins the word 区域, no park ends there
        if cls == C.IndustryChain:  # a chain's name is read by the grammar of industries
            gram = industry_start(s, a)
            if gram is None and _POST_AFTER.match(s.text, m.end()):
                gram = _listed_post(s, a)
            start = a if gram is None else gram
        else:
            start = _walk_left(s.toks, a, s.start, cls, MAX_LEN[cls])
        if cls == C.Project:
            start = _after_lead_verb(s, _capacity_start(s, start, b), a)
            start = _firm_opening(s, start, a)
            start = _joined_start(s, start, a)
            builds = _BUILDS.search(s.text, start - s.start, a - s.start - 2)
            if builds:  # "恒泰科技投资建设智能制造项目": the firm builds the project
                head = (start, s.start + builds.start())
                start = s.start + builds.end()
                if head[1] - head[0] >= 2 and _names_something(s, *head):
                    yield from _firm(s, *head, "project-builder", trim=False)
        elif cls == C.IndustrialPark:  # "投资建设智能制造产业园": the verbs govern the park
            start = _after_lead_verb(s, _after_lead_verb(s, start, a), a)
        if cls == C.Project and s.text[m.end() : m.end() + 1] == "”":
            quoted = _QUOTED_HEAD.search(s.text, max(0, a - s.start - 30), a - s.start)
            if quoted is not None:  # “某某扩大规模项目”: the quotes bound the name, verbs and all
                start = s.start + quoted.end()
        name = s.sub(start, b)
        if not _balanced(name):
            continue
        raw_core = name[: -len(suffix)]
        core = _strip_generic(raw_core)
        if len(core) < 2 and _one_word(s, start, a, raw_core):
            core = raw_core  # 工业硅项目: a word that merely opens with a generic one (工业)
        if core and (not _WORD_CHAR.search(core) or _NOTE.match(core)):
            core = ""  # "龙头企业-产业链-产业集群", "在建(含续建)项目": no name, a note
        if cls == C.Project and _COUNT_END.search(raw_core):
            continue  # "A、中瑞两大项目": the projects of a list, counted, no name
        if cls == C.Project and (
            raw_core.endswith(("重点", "重大"))
            or raw_core.endswith("产业链")
            and not raw_core.endswith("全产业链")
            and not _firm_headed(s, start, a)
        ):
            continue  # "绿色铝产业链(重点)项目": a chain's projects; 合盛…全产业链项目 is one
        # what stands just before the name (a count, 等, 这) and after it; read near the name,
        # never the whole sentence
        before = s.text[max(0, start - s.start - 12) : start - s.start]
        before = before.rstrip().rstrip(_OPEN_QUOTES)
        at_end = m.end()
        # (each pattern below is tried only where the character it must end or start with is
        # written: most names have no count or figure beside them)
        last = before[-1:]
        category = (
            before.endswith(("等", "一批", "这", "该", "各", "些"))
            or bool(lx["count_prefix"].match(name))
            or last in _COUNTED_LAST
            and bool(_COUNTED_BEFORE.search(before))
            or name[:1] in "大个"
            and bool(_NUMERAL_BEFORE.search(before))
            or s.text[at_end : at_end + 1] in _DIGITS
            and bool(_COUNTED_AFTER.match(s.text, at_end))
        )
        measured = (
            last in _MEASURE_LAST
            and _MEASURE_BEFORE.search(before)
            and cls != C.Project
            or name[:1] in _UNIT_FIRST
            and _UNIT_NAME.match(name)
        )
        if measured:
            continue
        if cls == C.IndustryChain and s.text.startswith("式", at_end):
            continue  # "陶瓷产业链式发展": the way an industry grows, no chain
        if cls == C.IndustryChain and category and _HEADED.match(s.text, at_end):
            category = before.endswith("等")  # "一批锂电产业链龙头企业": 一批 counts the firms
        if cls == C.IndustryChain:
            yield from _chain_mentions(s, start, a, b, suffix, core, category)
            continue
        if cls == C.IndustryCluster:
            yield from _list_or_single(s, start, a, b, cls, core, category)
            continue
        if (
            cls == C.Enterprise
            and "有限" in suffix
            and not category
            and (len(core) < 2 or not _enterprise_core_ok(core))
        ):
            opened = _modifier_brand(s, start)
            if opened is not None:  # "鼎新科技有限公司": jieba reads the brand as an adverb
                start, name = opened, s.sub(opened, b)
                core = name[: -len(suffix)]
        if not core or category or len(core) < 2:
            continue
        if (
            cls == C.Project
            and core.endswith(("上下游", "配套", "产业", "产业集群", "领域", "行业"))
            and "及配套" not in core
        ):
            continue  # "新材料领域项目": the projects of a field, not one ("X及配套产业项目" is)
        if cls == C.Project and not _specific(s, start, a):
            continue  # "正式合同项目", "补链强链项目": what kind of project, not which
        if cls == C.Project and _KIND_BEFORE.search(s.text, 0, start - s.start):
            if not _names_something(s, start, a, rare=True):
                continue  # "引进一批创新型医疗器械项目", "类似化工新材料项目": a kind of project
        if cls == C.Enterprise and not _enterprise_core_ok(core):
            continue
        if cls == C.Enterprise and name.endswith(_KIND_HEADS):
            continue  # "天台首家上市公司", "台州A股上市公司": a kind of firm, no firm's name
        if cls == C.Enterprise and core.endswith("企业") and not _names_something(s, start, a):
            continue  # "世界最大的能源装备制造企业集团之一": a kind of group of firms
        if cls == C.Enterprise and len(suffix) == 1 and not _makes_or_names(s, start, a):
            continue  # "污水处理厂、变电所…配套设施齐全": what a plant does, not whose it is
        if (
            cls == C.Enterprise
            and raw_core.endswith("产业")
            and not _names_something(s, start, a - 2, rare=True)
            and not _PLACE_OPENING.match(raw_core)
        ):
            continue  # "打造现代化食品产业集团": an industry's group of firms, no firm's name
        if cls == C.IndustrialPark and len(core) < 2:
            continue
        if cls == C.IndustrialPark and suffix.endswith("开发区") and _LEVEL_ONLY.search(core):
            continue  # "全省区(县)国家级开发区": parks of a level, ranked, not one of them
        if cls == C.IndustrialPark and suffix == "园区" and not _specific(s, start, a):
            continue  # "有经验园区管理者": 园区 after a common noun names no park
        if cls == C.IndustrialPark and (
            suffix == "园区" and s.text[a - s.start - 1 : a - s.start] in _ENTER or "暨" in core
        ):
            continue  # "商会进园区活动", "…大会暨…": an event, not a park
        yield Mention(cls, name, start, b, rule=f"suffix:{suffix}")
        if cls == C.Project:
            brand = _brand_prefix(s, start, b - len(suffix), industry_only=True)
            if brand is None:  # "恒岚25GW单晶拉棒项目": a brand and no industry word
                brand = _owner_brand(s, start, b - len(suffix))
            if brand:
                # a strong industry word (华友钴业) needs no second sighting; a weak one does
                strong = (
                    _strong(s.sub(*brand)[-2:])
                    or _strong(s.sub(*brand)[-3:])
                    # "恒泰科技年产10万吨…项目": the one making what the capacity states
                    or _CAPACITY.match(s.text, brand[1] - s.start) is not None
                    or _SIZE.match(s.text, brand[1] - s.start) is not None
                    # "某某蒙牛乳品项目": a brand the dictionary knows by name
                    or pos(s.sub(*brand)) in _BRAND_TAGS
                )
                yield Mention(
                    C.Enterprise, s.sub(*brand), *brand, rule="project-head" if strong else _UNSURE
                )


def _owner_brand(s: _Sent, a: int, b: int) -> tuple[int, int] | None:
    """The brand opening a project's name after any place, when no industry word follows it:
    "恒岚25GW单晶拉棒项目" -> 恒岚, "江州蒙牛乳品项目" -> 蒙牛. Two to five characters the
    dictionary barely knows, or knows as a proper name; None when the name opens otherwise.
    """
    toks = _words_within(s, a, b)
    i = 0
    while i < len(toks) - 1 and _is_region_word(toks[i].text):
        i += 1  # (a place opens the project's name, not the firm's: 江州蒙牛… -> 蒙牛)
    if i >= len(toks) - 1:
        return None
    brand = _brand_prefix(s, toks[i].start, b)
    if brand is None or not 2 <= brand[1] - brand[0] <= 5 or brand[1] >= b:
        return None
    word = s.sub(*brand)
    if not _strip_generic(word):
        return None
    if pos(word) in _PROPER and freq(word) < 1000 or _names_something(s, *brand, rare=True):
        return brand
    return None


# the dictionary's tags of a proper name: a brand's it knows, or a person's, which may be a
# brand's too (美的) but is no sure sign of a firm
_PROPER = _BRAND_TAGS | {"nr"}


# "年产10万吨芯片封装测试项目", "日处理1200吨乳品加工厂项目": a stated capacity (by the year,
# or by the day or month with its verb) opens a project's name, verbs after it included
_CAPACITY = re.compile(
    r"(?:年(?:产|产能|处理|加工|生产)?|[日月](?:产|产能|处理|加工|生产))"
    r"[0-9.一二三四五六七八九十百千万亿]+[万亿]?"
    r"(?:吨|台|套|件|辆|片|只|颗|块|支|头|箱|标箱|瓶|盒|条|根|张|双|部|粒|份|株|羽|架|艘"
    r"|平方米|立方米|千伏安|千瓦|兆瓦|吉瓦|千瓦时|GWh|MWh|GW|MW|kW)"
)

# "某某25GW单晶项目": a size with no 年 before it, after a brand opening a project's name
_SIZE = re.compile(r"[0-9][0-9.]*[万亿]?(?:吨|GWh|MWh|GW|MW|kW|兆瓦|吉瓦|千瓦|条|台|套|辆|片)")


def _capacity_start(s: _Sent, start: int, b: int) -> int:
    """Where a project's name starts when a capacity phrase stands before the words read so
    far, with no punctuation between: the name reaches back over it (and any firm before it).
    """
    # (the capacity may end inside the words read so far: "年产5000|万支疫苗项目", where the
    # four-digit number stopped the reading as a year would)
    cut = start - s.start
    head = s.text[: b - s.start]
    found = None
    opening = head[:cut]
    capacity = "年" in opening or "日" in opening or "月" in opening
    for m in _CAPACITY.finditer(head, 0, b - s.start) if capacity else ():
        if m.start() < cut:
            found = m
    if found is None or _rx(r"[,。;:、()“”]|等(?!离子)").search(head, found.end()):
        return start  # "年产…皮带轮等16个招商项目": the capacity is a list item's, not this name's
    cap = s.start + found.start()
    limit = MAX_LEN[C.Project] - (b - cap)
    if limit < 0:
        return start
    return _walk_left(s.toks, cap, s.start, C.Project, limit)


# "X投资建设Y项目": what follows the verb is the project, what precedes it the builder
_BUILDS = re.compile("投资建设|投资新建|投资兴建|投资建|投建")
# verbs that name a project's work when inside it (扩建项目) but govern it when they open it
_LEAD_VERBS = frozenset(
    {"建设", "新建", "扩建", "投资", "投资建设", "实施", "推进", "开工", "启动"}
)


def _after_lead_verb(s: _Sent, start: int, a: int) -> int:
    """Where a project's name starts once a verb opening it is left out: "(投资50亿元)建设智能
    家电项目" names 智能家电项目; the verb stays when nothing but the suffix would be left."""
    tok = s.word_at(start)
    if tok is not None and tok.text in _LEAD_VERBS and a - tok.end >= 2:
        return tok.end
    return start


def _joined_start(s: _Sent, start: int, a: int) -> int:
    """Where a project's name starts when the words read leftwards stop at a conjunction and
    name nothing in particular alone ("某某未来工厂及发动机项目": 发动机项目 is no project):
    the words before the conjunction, when they do name one, open a single name."""
    if start >= a or s.text[start - s.start - 1 : start - s.start] not in "及和与以及":
        return start  # (no conjunction before: the common case, told by one character)
    k = bisect.bisect_left(_starts(s.toks), start) - 1
    if k < 1 or s.toks[k].end != start or s.toks[k].text not in ("及", "和", "与", "以及"):
        return start
    if _specific(s, start, a):
        return start
    conj = s.toks[k].start
    wider = _walk_left(s.toks, conj, s.start, C.Project, MAX_LEN[C.Project] - (a - conj))
    wider = _after_lead_verb(s, wider, conj)
    return wider if wider < conj and _specific(s, wider, conj) else start


def _firm_opening(s: _Sent, start: int, a: int) -> int:
    """Where a project's name starts when it opens with a firm's legal name that the words read
    leftwards cut in two ("某某面业有限公司年加工…项目", 面业 after a verb-like brand): at the
    firm's start, as the firm's name is read."""
    legal = _FIRM_LEGAL.search(s.text, start - s.start, a - s.start)
    if legal is None:
        return start
    firm = C.Enterprise
    return min(start, _walk_left(s.toks, s.start + legal.start(), s.start, firm, MAX_LEN[firm]))


_FIRM_LEGAL = re.compile("(?:股份)?有限(?:责任)?公司")
# a note in brackets on what is counted, where a name would start: (含续建), (不含…)
_NOTE = re.compile("[(（](?:含|包括|包含|不含)")
_WORD_CHAR = re.compile(r"[^\W_]")
_COUNTED_BEFORE = re.compile(r"[0-9一二三四五六七八九十两]+(?:个|条|家|户|项|大)$")
_NUMERAL_BEFORE = re.compile(r"[0-9一二三四五六七八九十两]$")
_COUNTED_AFTER = re.compile(r"[0-9]+(?:个|条|家|户|项)(?=$|[,。;、)])")
_MEASURE_BEFORE = re.compile(r"(?<!^[0-9])(?<!^[0-9]{2})(?<![。;:][0-9])[0-9.]$")  # not "1.X产业链"
_UNIT_NAME = re.compile(r"[万亿千百]?(?:元|吨|立方米|平方米|千瓦|亩|公里)(?![\u4e00-\u9fff]{2})")
# what the patterns above must end or start with: the last character of what stands before a name
# (or a line break, before which $ matches too), the first of what follows it or of the name
_COUNTED_LAST = "个条家户项大\n"
_MEASURE_LAST = "0123456789.\n"
_DIGITS = "0123456789"
_UNIT_FIRST = "万亿千百元吨立平亩公"
# what a chain's name may stand before as a modifier: a kind of firm or project it holds
_HEADED = re.compile(
    r"(?:的)?[“\"‘]?(?:链主|龙头|领军|核心|重点|骨干|配套)?[”\"’]?(?:型)?(?:企业|项目)"
)


def _specific(s: _Sent, a: int, b: int) -> bool:
    """Whether the words of [a, b) name a particular project: a place, a firm's brand, a
    number or a Latin name, or what it makes (an industry word: 光伏, 乙烯)."""
    if _names_something(s, a, b):
        return True
    for t in s.toks[bisect.bisect_left(_starts(s.toks), a) :]:
        if t.start >= b:
            break
        if word_kind(t.text) in (HEAD, PROCESS):
            return True
    return False


# words that count or compare kinds of thing, then the words before a project's name in its
# clause: "引进一批生物医药和医疗器械项目", "类似化工新材料项目" name kinds of project
_KIND_BEFORE = re.compile("(?:一批|一大批|各类|各种|类似|此类|这类|同类)[^,。;、的等]{0,12}$")

# a level and nothing after it before 开发区: the development zones of that level (国家级开发区,
# 区(县)省级开发区), not one of them (岚川市级物流园区 is one park)
_LEVEL_ONLY = re.compile(r"(?:国家级|省级|市级|县级|\(县\))$")

# kinds of firm that end in a firm's suffix (上市公司)
_KIND_HEADS = ("上市公司", "国有公司", "民营公司", "外资公司")


def _makes_or_names(s: _Sent, a: int, b: int) -> bool:
    """Whether the words of [a, b) before a plant's 厂 name it (a place, a brand, a number) or
    say what it makes (机械, 水泥), not only what it does (污水处理)."""
    if _names_something(s, a, b):
        return True
    for t in s.toks[bisect.bisect_left(_starts(s.toks), a) :]:
        if t.start >= b:
            break
        if word_kind(s.sub(t.start, min(t.end, b))) == HEAD:  # (机械|厂 of 机械厂)
            return True
    return False


_PLACE_OPENING = re.compile(r"[\u4e00-\u9fff]{1,5}?(?:省|市|县|区|州|盟|旗)")  # (岚州市文化旅游…)
_ENTER = ("进", "入")  # (进园区, 入园区: going into parks, not one of them)


def _one_word(s: _Sent, a: int, b: int, text: str) -> bool:
    """Whether `text` at [a, b) is one dictionary word that is not itself a generic one."""
    return (
        s.is_start(a)
        and s.is_end(b)
        and freq(text) > 0
        and text not in _lex()["generic_set"]
        # words starting in [a, b): starts are sorted
        and bisect.bisect_left(_starts(s.toks), b) - bisect.bisect_left(_starts(s.toks), a) == 1
    )


def _firm_headed(s: _Sent, a: int, b: int) -> bool:
    """Whether a name opens with a firm's: a brand and a strong industry word (华友钴业…).

    >>> from kg.reading.document import Sentence
    >>> names = ("华友钴业新能源材料", "新能源汽车装备")
    >>> [_firm_headed(_Sent(Sentence(0, 9, name)), 0, 9) for name in names]
    [True, False]
    """
    m = _patterns()["strong"].search(s.text, a - s.start, b - s.start)
    return m is not None and m.start() - (a - s.start) >= 2


# what jieba tags a two-character brand as when the dictionary knows it as another word
_MODIFIER_TAGS = frozenset({"d", "a", "ad", "an"})


def _modifier_brand(s: _Sent, start: int) -> int | None:
    """Where a legal name starts when the words read leftwards leave only an ordinary word
    (科技有限公司, 电池有限公司) and the word before them is a two-character adverb or
    adjective that opens the clause: a brand the dictionary knows as another word (鼎新,
    协力). None otherwise."""
    k = bisect.bisect_left(_starts(s.toks), start) - 1
    if k < 0 or s.toks[k].end != start:
        return None
    w = s.toks[k].text
    if len(w) != 2 or pos(w) not in _MODIFIER_TAGS or w in _lex()["stop_words"]:
        return None
    before = s.toks[k - 1].text if k > 0 else ""
    if before and not (
        _PUNCT.match(before)  # punctuation opens the clause
        or pos(before) in {"p", "v", "t"}
        or before in _lex()["list_heads_set"]  # "链主企业鼎新科技有限公司"
    ):
        return None  # "效益科技有限公司" read inside a longer phrase: not the opening
    return s.toks[k].start


# a count ending the words before 项目 (两大, 3个): the projects of a list, not one's name
_COUNT_END = re.compile("[0-9一二三四五六七八九十两几]+(?:大|个|项|批)$")


def _enterprise_core_ok(core: str) -> bool:
    # "子公司", "运输公司", "该公司": a firm name needs something more than an ordinary word
    if core in {"子", "分", "母", "总", "运输", "投资", "控股", "上市", "国有", "民营", "物流"}:
        return False
    if len(core) <= 3 and freq(core) > 500 and pos(core) not in {"nz", "nt", "ns"}:
        return False
    if _adverbial_word(core[:2]):  # (tokenized only then: most cores open otherwise)
        words = [t.text for t in tokenize(core)[:2]]
        if len(words) == 2 and _adverbial_word(words[0]) and pos(words[1]) == "v":
            return False  # "总共拿出集团公司50%的产量": a verb phrase before a common noun
    return True


def _adverbial_word(w: str) -> bool:
    """Whether `w` says how or how much (总共, 已经, 全部), as no brand's first word does."""
    return len(w) > 1 and (pos(w) in ("d", "ad") or pos(w) == "b" and freq(w) > 300)


def _list_or_single(
    s: _Sent, start: int, a: int, b: int, cls: str, core: str, category: bool
) -> Iterator[Mention]:
    """Clusters: "A、B、C3个千亿级产业集群" gives A, B and C."""
    tail = _list_tail(_CLUSTER_LIST_TAIL, s.before(a))
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


# a chain's leader after its name: "…、轻工制刷产业链链长X" (a post in a list of posts)
_POST_AFTER = re.compile("(?:常务)?副?[总分]?链长")

# what a post in a list of posts holds that no chain's name does, or a count of chains
_POST_WORDS = re.compile(
    "长|书记|主任|委|主席|兼|[和及与的]|[0-9一二三四五六七八九十两几多][条个大类项]"
)


def _listed_post(s: _Sent, a: int) -> int | None:
    """Where the name of a chain ending at `a` starts when the chain's leader follows it in a list
    of posts ("副主任、轻工制刷产业链链长X"): after the separator before it, when what stands
    between is a short run of Chinese characters that no verb, function word or title opens or
    holds (the grammar of industries knows not every product: 制刷)."""
    left = s.text[: a - s.start]
    cut = max(left.rfind(c) for c in "、,,;;")
    run = left[cut + 1 :]
    if cut < 0 or len(run) > 6 or _POST_WORDS.search(run) or _is_region_word(run):
        return None
    start = a - len(run)
    return start if _plain(s, start, a) else None
