"""What a figure measures: the noun phrase before the number (without the how-words that say how
it was reached), the things counted after it, a rate's change, a share's whole.

>>> _count_word("群众", "万户"), _count_word("规上企业", "户")
('户数', '数')
"""

from __future__ import annotations

import bisect
import functools
import operator
import re

from kg.extraction.quantities.clauses import _LEVEL_WORDS, _SEPARATORS, _skip_lead
from kg.extraction.quantities.figures import _COUNTS, _RATES, _VALUE
from kg.extraction.recognize.industries import HEAD, INNER, PROCESS, word_kind
from kg.extraction.segment import Token, freq, pos, rules
from kg.reading.document import Document, Metric
from kg.terms import C

_HAN = re.compile(r"[\u4e00-\u9fff]")
_ACRONYM = re.compile(r"[A-Z]{2,6}$")
_LIST_MARKS = frozenset("、和及与")

# Dictionary tags of words that may be part of a measured noun phrase.
_NOMINAL_TAGS = frozenset({"n", "ns", "nt", "nz", "ng", "vn", "an", "b", "j", "l", "a", "i", "s"})
# Dictionary tags of words trimmed from the end of the text before a number.
# (Not verbs: the dictionary tags 收入 and 就业 as verbs; the verbs that say how a figure
# was reached are listed in the rules instead.)
_TRIM_TAGS = frozenset("d p u uj ul uz ug ud c r f ad m q zg y t tg".split())


# The indicator's word lists, as sets: looked up for every word near a figure.
_I = rules("quantities")["indicator"]
_TRAILING = frozenset(_I["trailing"])
_INNER = frozenset(_I["inner"])
_NOMINAL_WORDS = frozenset(_I["nominal"])
_STOP = frozenset(_I["stop"])
_HEADS = frozenset(_I["heads"])
_QUALIFIED = frozenset(_I["qualified_heads"])
_COMMON_VERB = 3000  # how often the dictionary has seen a verb that says no kind of work
_MEASURES = tuple(_I["measures"])
_PER_UNIT = re.compile(r"[人亩户年日月]均")  # (jieba cuts 亩|均: the noun after it is per 亩)
_YEAR_OF = re.compile(r"(?:19|20)\d{2}年(?:底|末)?的?$")  # 增长到2023年(的)(560亿元)
_YEAR_LEAD = re.compile(r"(?:到|至|截至)?(?:19|20)\d{2}年(?:底|末|全年)?[,，]?")
_FIGURE_AHEAD = re.compile(r"[^,，;；。]*?[0-9]")  # another number later in the clause
_VERBAL = frozenset(_I["verbal"])
_BODIES = tuple(_I["bodies"])
_PEOPLE = tuple(_I["people"])
_ACTORS = _BODIES + _PEOPLE  # (things counted that act: a verb after them is what they do)
_PROCEDURAL = tuple(_I["procedural"])
_SHARE = _I["share"]
# a short noun phrase ending in one of them: 15个产业链推进专班
_PROCEDURAL_PHRASE = re.compile(
    r"[\u4e00-\u9fff]{0,8}?(?:" + "|".join(_PROCEDURAL) + r")(?![\u4e00-\u9fff])"
)
_MAX_CHARS = _I["max_chars"]

# things counted that say no more than that they are firms or bodies (4家企业), and what a
# clause after them makes them (被认定为省级专精特新企业, 入选某某示范企业名单)
_GENERIC_COUNTED = frozenset({"企业", "公司", "单位"})
_CLASSED = re.compile(
    r"(?:被|已|均|先后|成功|分别|首次|再次)*"
    r"(?:(?:确定|认定|评|评定|评选|列|选|命名|授予)为?|入选|入围|获评|荣获|成为|跻身|列入|纳入)"
    r"(?P<kind>[^,，;；。、]{2,20}?(?:企业|单位|工厂|基地|示范园区|示范区))"
    r"(?:名单|名录|称号)?(?=[,，;；。]|$)"
)
# (or what they do, when the clause says no more: 开展数字化改造; not 实现营收50亿元, a figure)
_DOING = re.compile(r"(?:开展|实施|完成|进行)(?P<act>[^,，;；。、0-9]{2,10}?)(?=[,，;；。]|$)")

# 同比增长 … ending an indicator: the change a rate names (营收同比增长)
_GROWTH = re.compile(_I["growth"] + "$")
_INDUSTRY = "产业"
# One-character words that make a noun of the verb before them: 开工率, 采摘量, 发电量.
_SUFFIX_CHARS = frozenset("率量额值数费")
_BASED = re.compile(r"以[^，,。；;]{1,12}?为(?:主|主导|特色|核心|重点|龙头)的")
# the same time of a year before, standing for a figure's measure (2015年同期9.8亿元)
_SAME_TIME_WORDS = frozenset({"同期", "上年同期", "去年同期", "上年", "去年"})
# a project named after an amount and 的 (3.2亿元的食品烘培项目)
_PROJECT_AFTER = re.compile("的[^,，;；。的、]{2,40}?项目")
# an item of a list that is a figure of its own: 、月产4000万吨…, 、年产1万台…
_RATE_ITEM = re.compile("(?:、|以及|及|和|与)(?P<rate>(?:设计)?(?:年|月|日)(?:产|处理|加工))")
_RATE_ONLY = re.compile(r"^(?:设计)?(?:年产|年产能|产能|年生产能力|生产能力|月产)$")
_PLANT = re.compile(r"(?:生产线|生产基地|基地|工厂|车间|装置|技改|扩建|项目)+$")
_LEVEL_FROM = re.compile(r"[由从][^,，;；。]{0,20}$")  # 由30%提高到…: from one level to another
_SCALE_CLASS = re.compile(r"(?:[十百千万]亿|[百千]万|亿)(?:元)?级")
_NOUN_ENDS = frozenset("的,，;；。、")  # (what may follow a noun phrase that ends a clause)
_FIRST_DIGIT = re.compile(r"\d")
_COPULA = re.compile(r"(?:为|达|达到|高达|突破|超过|超|是)$")
_GROWTH_END = re.compile("(" + _I["growth"] + r")(?:了|达|高达|达到|约|近|超过|超|为|至|到)?$")


def _token_starts(doc: Document) -> list[int]:
    """The start of each of `doc.tokens`, listed once per document."""
    memo = doc.__dict__.get("_token_starts")
    if memo is None or memo[0] is not doc.tokens:
        starts = list(map(operator.itemgetter(1), doc.tokens))  # (Token.start)
        memo = doc.__dict__["_token_starts"] = (doc.tokens, starts)
    return memo[1]


def _tokens(doc: Document, a: int, b: int) -> list[Token]:
    """The words between `a` and `b`; a word across `a` is cut there (2024/年产值 from 产值)."""
    toks, starts = doc.tokens, _token_starts(doc)
    lo = bisect.bisect_left(starts, a)
    hi = bisect.bisect_left(starts, b, lo)
    out = toks[lo:hi]
    if out and out[-1].end > b:  # (words do not overlap: only the last may run past `b`)
        last = out[-1]
        out[-1] = Token(doc.text[last.start : b], last.start, b)
    if lo > 0 and toks[lo - 1].end > a:
        cut = toks[lo - 1]
        out.insert(0, Token(doc.text[a : min(cut.end, b)], a, min(cut.end, b)))
    return out


# (the two tests below are asked of the same words again and again: their answers are kept
# for the words seen last)


@functools.lru_cache(maxsize=4096)
def _is_nominal(word: str) -> bool:
    if word in _INNER or word in _NOMINAL_WORDS:
        return True
    if word in _SUFFIX_CHARS:
        return True
    if word in _STOP or word in _LEVEL_WORDS:
        return False
    if word in ("、", "“", "”", "&"):  # (& of R&D经费)
        return True
    if not (_HAN.match(word) or word.isascii() and word.isalnum()):
        return False
    if word.isdigit():
        return False
    tag = pos(word)
    return tag in _NOMINAL_TAGS or tag == ""


def _is_glue(toks: list[Token], i: int) -> bool:
    """A one-character word between two nominal words: 专精/特/新/中小企业."""
    t = toks[i]
    return (
        len(t.text) == 1
        and _HAN.match(t.text) is not None
        and t.text not in _STOP
        and pos(t.text) not in ("p", "c", "u", "uj", "r")
        and 0 < i < len(toks) - 1
        and _is_nominal(toks[i + 1].text)
    )


def _char_run(toks: list[Token], i: int) -> bool:
    """Whether `toks[i]` opens or continues a run of two or three one-character words right
    before a nominal word: a word the dictionary does not know, cut into characters (预/焙/阳极)."""
    k = i
    while k > 0 and _single(toks[k - 1].text):
        k -= 1  # (the run's first character)
    j = k
    while j < len(toks) and _single(toks[j].text):
        j += 1
    return (
        2 <= j - k <= 3
        and k <= i < j
        and j < len(toks)
        and len(toks[j].text) > 1
        and _is_nominal(toks[j].text)
    )


def _single(word: str) -> bool:
    return (
        len(word) == 1
        and _HAN.match(word) is not None
        and word not in _STOP
        and word not in _TRAILING
        and pos(word) not in ("p", "c", "u", "uj", "r", "m", "q", "f")
    )


def _modifies(toks: list[Token], i: int) -> bool:
    """An attribute the dictionary tags as an adverbial adjective, before a noun:
    正极/材料."""
    return (
        len(toks[i].text) > 1
        and pos(toks[i].text) == "ad"
        and i + 1 < len(toks)
        and pos(toks[i + 1].text) in ("n", "ng", "nz")  # (not 正式/投产: a manner, then a verb)
    )


def _qualifying_verb(toks: list[Token], i: int) -> bool:
    """Whether the verb `toks[i]` is part of the measured noun phrase it stands in: after a
    level, before a noun (市级/创新/联合体, 省级/制造业/创新/中心), or a technical verb before
    the head of a measure, which says of what (分拣/效率, 封装/能力; not a common one: 看到/面积
    says who sees)."""
    word = toks[i].text
    if i + 1 >= len(toks) or pos(word) != "v":
        return False
    head = toks[i + 1].text
    if i + 2 == len(toks) and head in _QUALIFIED and freq(word) < _COMMON_VERB:
        return True
    return (
        i > 0
        and pos(head) in ("n", "nt", "nz", "ng")
        and any(
            pos(t.text) == "b" or t.text.endswith("级")
            for t in toks[max(i - 2, 0) : i]
            if _is_nominal(t.text)
        )
    )


@functools.lru_cache(maxsize=4096)
def _trimmable(word: str) -> bool:
    if word in _INNER or word in _SUFFIX_CHARS:
        return False
    if word in _TRAILING or word in _STOP:
        return True
    if not (_HAN.match(word) or word.isascii() and word.isalpha()):
        return True  # punctuation and numbers
    return pos(word) in _TRIM_TAGS


# How-words stripped by the letter: the longer ones, and single characters that end no
# measured noun (not 比 of 占比, 余 of 其余 ...); and the longest one's length.
_HOW_WORDS = frozenset(
    w
    for w in _TRAILING
    if (len(w) > 1 or w in set("达为有超逾约共已至到了就也均")) and w not in _INNER
)
_HOW_LONGEST = max(map(len, _HOW_WORDS))
_HOW_ENDS = frozenset(w[-1] for w in _HOW_WORDS)


# Modal verbs between a measured noun and its how-word (年产值可达80亿元): trimmed from the
# right end only (人均可支配收入 keeps its 可).
_MODALS = frozenset(_I["modals"])


def _strip_how(doc: Document, a: int, b: int) -> int:
    """`b` moved left past one how-word ending there, unless it is the tail of a word the
    dictionary cut whole (the 约 of 签约)."""
    if doc.text[b - 1 : b] not in _HOW_ENDS:
        return b
    for size in range(min(_HOW_LONGEST, b - a - 1), 0, -1):
        at = b - size
        if doc.text[at:b] in _HOW_WORDS:
            toks = doc.tokens
            i = bisect.bisect_right(_token_starts(doc), at) - 1
            if i < 0 or toks[i].start == at:
                return at
            if toks[i].end < b and toks[i].text not in _TRAILING:
                return at  # 比高/达: the dictionary's cut crosses the how-word
            if toks[i].end == b and pos(toks[i].text).startswith("nr"):
                return at  # 占/比达: a name the dictionary guessed across the how-word
    return b


def _noun_before(doc: Document, a: int, b: int) -> tuple[str, bool]:
    """The measured noun phrase ending at `b` (verbs and adverbs before `b` trimmed), and
    whether it is not what the number is of: something was trimmed between them (有2760户),
    or the phrase is the last item of a list (A、B及C3个集群)."""
    stripped = b
    while (end := _strip_how(doc, a, stripped)) < stripped:
        stripped = end  # by the letter first: 占比高达 is cut 占/比高/达 by the dictionary
    toks = _tokens(doc, a, stripped)
    n = len(toks) + (stripped < b)
    while (
        toks
        and (_trimmable(toks[-1].text) or toks[-1].text in _MODALS)
        and toks[-1].text not in ("”", ")", "）")
        and not (toks[-1].text == "比" and len(toks) > 1 and toks[-2].text == "占")  # 占比
    ):
        toks.pop()  # (a closing quote or bracket ends a name: “星火计划”5人, 工作室(站)14个)
    trimmed = len(toks) < n
    i = len(toks)
    if toks and toks[-1].text in (")", "）"):
        opening = next((k for k in range(i - 1, -1, -1) if toks[k].text in ("(", "（")), None)
        i = opening if opening else i - 1
    sector = ""
    quoted_lead = False
    while i > 0:
        word = toks[i - 1].text
        if word == "比" and i >= 2 and toks[i - 2].text == "占":
            i -= 2  # 数量占比: the dictionary cuts the noun 占比 in two
            continue
        if word in _TRAILING and word not in _INNER:
            if word in _REACHED and i < len(toks):
                sector = _sector(doc, toks[: i - 1], a)
            break
        if word == "、" and i >= 2 and toks[i - 2].text.endswith(_NAMED_ITEMS):
            break  # "…发动机项目、总投资100亿元的…": the item before is another thing's name
        if word == "”":
            opening = next((k for k in range(i - 2, -1, -1) if toks[k].text == "“"), None)
            if opening is not None and toks[i - 1].start - toks[opening].end <= 8:
                i = opening  # “四上”企业: a short quoted name, whatever its words
                continue
            if opening is None and doc.text[a - 1 : a] == "“" and toks[i - 1].start - a <= 8:
                quoted_lead = True  # (the opening quote was read as the clause's lead)
                i = 0
                break
        head = i == len(toks) and _HAN.match(word) and word not in _STOP
        if head and pos(word) in ("v", "vn"):
            i -= 1  # 收入, 就业, 旧城改造: a verb names what is measured when it ends it
            continue
        suffixed = i < len(toks) and toks[i].text in _SUFFIX_CHARS  # 开工/率
        joined = (  # 茶饮料和茶食品
            word in ("和", "及", "与") and i < len(toks) and i > 1 and _is_nominal(toks[i - 2].text)
        )
        # a word the dictionary takes for a person's name before a noun is a product's name
        # (太子参/种植面积, 黄牛/存栏: persons are names found, cut off before)
        product = (
            i < len(toks)
            and pos(word) == "nr"
            and _HAN.match(word) is not None
            and not _is_person(doc, toks[i - 1].start)
        )
        if not (
            _is_nominal(word)
            or _is_glue(toks, i - 1)
            or suffixed
            and _HAN.match(word)
            or joined
            or product
            or _qualifying_verb(toks, i - 1)
        ):
            break
        if i > 1 and toks[i - 2].text[-1:].isdigit():
            break  # 3年冲刺: 年 measures the number before it
        i -= 1
    words = toks[i:]
    while words and words[0].text in ("、", "”"):
        words = words[1:]
    if len(words) > 1 and _is_place(doc, words[0].start, words[0].end):
        words = words[1:]  # "张掖市签约总投资": a place found opens no indicator (it is a subject)
    # A、B及C3个: the item before is a word, not a figure (12人、“星火计划”5人)
    listed = i > 1 and toks[i - 1].text in _LIST_MARKS and _is_nominal(toks[i - 2].text)
    start = words[0].start if words else b
    if quoted_lead:
        start = a - 1
    if words and start - 2 >= a and _PER_UNIT.match(doc.text, start - 2, start):
        start -= 2  # 亩均税收, 人均收入: per what the figure is
    if words and doc.text[start : start + 1] == "大":
        while start - 1 >= a and doc.text[start - 1] in _CHINESE_DIGITS:
            start -= 1  # 三大主导产业: "the big three" name the sector, they count nothing
    text = doc.text[start : words[-1].end] if words else ""
    return _tidy(sector + text), trimmed or listed


def _reached_before(text: str, left: int, a: int, b: int) -> bool:
    """Whether a how-word of reaching (为, 达, 突破…) stands right before the number of the
    figure [a, b), its bound (突破) included."""
    digits = _FIRST_DIGIT.search(text, a, b)
    return _COPULA.search(text, left, digits.start() if digits else a) is not None


def _starts_word(doc: Document, at: int) -> bool:
    """Whether a word of `doc.tokens` starts at `at`."""
    i = bisect.bisect_left(_token_starts(doc), at)
    return i < len(doc.tokens) and doc.tokens[i].start == at


def _is_place(doc: Document, a: int, b: int) -> bool:
    """Whether a place found in `doc` ends at `b` and starts at or before `a` (the word)."""
    return any(m.end == b and m.start <= a and m.type == C.Region for m in doc.mentions)


def _is_person(doc: Document, at: int) -> bool:
    """Whether a person's name found in `doc` starts at `at`."""
    return any(m.start == at and m.type == C.Person for m in doc.mentions)


_CHINESE_DIGITS = frozenset("一二三四五六七八九十两")


# what ends the name of a thing, not of what is measured: an item of a list of things
_NAMED_ITEMS = ("项目", "基地", "工厂", "产业园", "园区")

# the verbs of "第一产业实现增加值…": what reached the figure is a sector, part of what is measured
_REACHED = ("实现", "完成")
_COUNT_OPENING = re.compile(r"[0-9一二三四五六七八九十两]+[个条家类项]")


def _sector(doc: Document, toks: list[Token], a: int) -> str:
    """The words before 实现 in "第一产业实现增加值", "规上工业完成产值": nominal words from the
    start of the phrase (`a`) to the verb, at most eight characters; "" when anything else
    stands there (a name is the subject, not part of the indicator)."""
    if toks and toks[0].start == a and toks[0].text in _LEVEL_WORDS:
        toks, a = toks[1:], toks[0].end  # 全市规上工业…: the place, then the sector
    counted = _COUNT_OPENING.match(doc.text, a, toks[-1].end) if toks else None
    if counted:  # 四个特色产业集群完成产值: the sector, not how many
        a = counted.end()
        toks = [t for t in toks if t.start >= a]
    if toks and toks[0].start == a and doc.text[a - 1 : a] == "“":
        a -= 1  # (the opening quote was read as the clause's lead: 全市“1+4”主导产业…)
        toks = [Token("“", a, a + 1), *toks]
    if not toks or toks[0].start != a or toks[-1].end - a > 12:
        return ""
    quoted = False
    for k, t in enumerate(toks):
        if t.text in ("“", "”"):
            quoted = t.text == "“"
            continue
        if quoted:
            continue  # “1+4”主导产业: a quoted name of the sector
        if not (
            _HAN.match(t.text)
            and (
                _is_nominal(t.text)
                or pos(t.text) == "l"
                or _is_glue(toks, k)
                or word_kind(t.text) in (HEAD, PROCESS, INNER)  # 大健康制造: a trade
            )
            and (t.text not in _TRAILING or t.text in _INNER)
        ):
            return ""
    return doc.text[a : toks[-1].end]


def _noun_after(doc: Document, a: int, limit: int, counted: bool = True) -> str:
    """The things counted after a number: 2760户规上企业纳税 -> 规上企业; or, not `counted`,
    what an amount is: 90亿元合同投资 -> 合同投资."""
    text = doc.text
    if text[a : a + 1] == "的":
        a += 1
    based = _BASED.match(text, a, limit)
    if based:
        a = based.end()
    scale = _SCALE_CLASS.match(text, a, limit)
    if scale:  # 9个千亿级产业集群: the class of size is part of what is counted
        found = _noun_after(doc, scale.end(), limit, counted)
        return scale.group() + found if found else ""
    toks = _tokens(doc, a, limit)
    if toks and len(toks[0].text) == 1 and not _starts_word(doc, a):
        # 600余人参会, cut 人参/会: the unit's word runs on; what follows is a word with it
        # (参会: 参会人数) or nothing counted
        joined = toks[0].text + toks[1].text if len(toks) > 1 else ""
        return joined if pos(joined) in ("v", "vn") else ""
    first = toks[0].text if toks else ""
    if not toks or toks[0].start != a or not (_HAN.match(first) or first.isalpha() or first == "“"):
        return ""
    words: list[Token] = []
    before_de: list[Token] = []
    for i, t in enumerate(toks):
        word = t.text
        if word == "”" and words and words[0].text == "“":
            words.append(t)  # 10个“某产业园”重点打造: the quoted name is the thing counted,
            if i + 1 < len(toks) and toks[i + 1].text in _HEADS:
                words.append(toks[i + 1])  # or names its kind: 17家“龙头”企业
            break
        if words and words[0].text == "“" and t.start - words[0].end < 10:
            words.append(t)  # 4个“5020”项目: inside the quotes, whatever the words
            continue
        if word == "的" and words:
            if not counted and pos(words[-1].text) in ("n", "nz", "ng", "vn"):
                break  # 21亿元产业基金的资本赋能: what the amount is, then what it does
            before_de, words = words, []  # 6个基础好、前景广的特色产业: the head is after 的
            continue
        if word in ("和", "及", "与") and words and i + 1 < len(toks):
            if _RATE_ITEM.match(text, t.start, limit):
                break  # 年产4万吨树脂及年产1.5万吨膜片: the next item is a figure of its own
            if _is_nominal(toks[i + 1].text):
                words.append(t)
                continue
            break
        if word in _STOP:
            break
        if word == "、" and _RATE_ITEM.match(text, t.start, limit):
            break  # 2.5亿安时锂电池、月产4000万吨钢壳: the next item is a figure of its own
        if word == "、" and words and _FIGURE_AHEAD.match(text, t.start + 1, limit):
            break  # 5个片区、总面积为3200亩: the next item has a figure of its own
        if words and word in _TRAILING and word not in _INNER:
            break  # 92户重点企业实现营收…: what the things reached is another figure
        if words and word in _INNER and pos(word) in ("v", "vn"):
            if counted or i + 1 < len(toks) and toks[i + 1].text not in _NOUN_ENDS:
                break  # 2760户规上企业纳税: what the things do
            words.append(t)  # 90亿元合同投资: what the amount is
            break
        if _char_run(toks, i) and all(len(w.text) == 1 for w in words):
            words.append(t)  # 40万吨预/焙/阳极碳素: a word the dictionary does not know, cut up
            continue  # (not after a noun: 开发区入/园企业 says what the things do)
        verbal = pos(word) in ("vn", "v") and word not in _INNER
        if verbal and words and words[-1].text.endswith(_ACTORS):
            break  # 30名县级领导深入企业调研: what the people or bodies do
        if (
            verbal
            and not (words and words[-1].text == "、")
            and not (i + 1 < len(toks) and pos(toks[i + 1].text) in ("n", "ng", "nz"))
        ):
            break  # 规上企业升级改造: what the things do is not what they are (创新平台 is)
        if not (verbal or _is_nominal(word) or _is_glue(toks, i) or _modifies(toks, i)):
            break
        if words and word in _VERBAL:
            break  # 19家配套企业协同推进
        if words and pos(word) in ("l", "i") and pos(words[-1].text) in ("n", "ng", "nz"):
            break  # 智能生产线满负荷运转: a phrase after the noun says what it does
        if (
            words
            and words[-1].text in _HEADS
            and word.startswith(_MEASURES)
            and _FIGURE_AHEAD.match(text, t.start, limit)
        ):
            break  # 10条重点产业链营业收入突破1.2万亿元: what is measured of the things counted
        words.append(t)
    while words and words[-1].text in ("、", "和", "及", "与", "“"):
        words.pop()
    if not words and not counted:
        words = before_de  # 15亿元产业基金的带动: nothing after 的 is a noun
    if len(words) > 1 and words[-1].text[-1] in _SUFFIX_CHARS:
        # 86家本地协作商开工率…: the things, not their rate (开工率, or 开工/率)
        del words[-2 if len(words) > 2 and words[-1].text in _SUFFIX_CHARS else -1 :]
    found = _tidy(text[words[0].start : words[-1].end]) if words else ""
    return found if len(found) <= _MAX_CHARS else ""


def _tidy(text: str) -> str:
    """A phrase without a dangling 、 or half a pair of quotes or brackets."""
    if text.isalnum():  # (no punctuation at all: most phrases)
        return text
    text = text.strip('、" ')
    if not text.endswith((")", "）")):
        text = text.strip("()（）")
    if text.count("“") != text.count("”"):
        text = text.replace("“", "").replace("”", "")
    if text.count("(") != text.count(")"):
        text = text.replace("(", "").replace(")", "")
    return text


def _count_word(things: str, unit: str) -> str:
    """数, or 户数 / 人数 when the unit says what is counted and the things do not
    (1.2万户群众 -> 群众户数; 2760户规上企业 -> 规上企业数)."""
    if things.endswith("数"):
        return ""
    if unit.endswith("户") and not things.endswith(_BODIES):
        return "户数"
    if unit.endswith("人") and not things.endswith(_PEOPLE):
        return "人数"
    return "数"


def _ends_in_verb(noun: str) -> str:
    """签约 of 参会企业签约 (9个项目): an action whose count follows names the count."""
    for verb in _INNER:
        if noun.endswith(verb) and pos(verb) in ("v", "vn") and verb not in ("投资", "生产"):
            return verb
    return ""


def _same_kind(unit: str, other: str) -> bool:
    """Whether two units measure the same kind of thing: equal, or both sums of money (亿元,
    万元)."""
    return unit == other or unit.endswith("元") and other.endswith("元")


def _continues(text: str, left: int, a: int) -> bool:
    """12栋、380套 / 8.6平方公里(12900亩): another figure of the same thing."""
    return text[left:a] in ("、", "(", "（", "或", "即")


def _cut(left: int, end: int, cuts: list[int]) -> int:
    """`left` moved to the last of `cuts` up to `end`."""
    for c in cuts:
        if left < c <= end:
            left = c
    return left


def _only_trailing(doc: Document, a: int, b: int) -> bool:
    """Whether nothing but how-words lie between two figures: 从800亿元提升至1200亿元."""
    toks = _tokens(doc, a, b)
    return bool(toks) and all(t.text in _TRAILING for t in toks)


def _base(indicator: str) -> str:
    """What a rate or share is of: 营收同比增长 -> 营收, 纳税占全部税收比重 -> 纳税."""
    if _SHARE in indicator and not indicator.startswith(_SHARE):
        indicator = indicator.split(_SHARE)[0]
    return _GROWTH.sub("", indicator) or indicator


def _indicator(
    doc: Document,
    span: tuple[int, int, int, int, int],
    cuts: list[int],
    previous: Metric | None,
    unit: str,
) -> str:
    """What the number between `a` and `b` measures, read from `left` (the clause after its
    subject or the figure before) to `limit` (the clause's end); no name ending at one of
    `cuts` is part of it (星河公司、蓝湾公司2家企业)."""
    opening, left, a, b, limit = span
    text = doc.text
    if previous is not None and previous.end == left:
        k = text.find("、", left + 1, a)
        if 0 <= k < a - 1 and _HAN.match(text, left) and not _RATE_ITEM.search(text, left, a):
            left = k + 1  # 5个片区、总面积为3200亩: the words before 、 are the count's things
    pre_end, growth = a, ""
    compared = previous is not None and ("比" in text[left:a] or "较" in text[left:a])
    g = _GROWTH_END.search(text, left, a) if unit in _RATES or compared else None
    if g and g.group().endswith(("到", "至")) and _LEVEL_FROM.search(text, opening, g.start()):
        g = None  # 由30%提高到55%: the level reached, not a change of it
    if g and (
        unit in _RATES
        # a change of a count or amount against a date, right after the figure it changes:
        # "企业86家,较去年底增加9家"
        or g.group(1).startswith(("比", "较"))
        and previous.unit == unit
        and previous.sentence is doc.sentence_at(a)
    ):
        growth = g.group(1).removesuffix("了")
        pre_end = g.start()
    k = text.rfind(_SHARE, left, pre_end)
    if k >= 0 and unit == "%" and not _starts_word(doc, k):
        k = -1  # 市场占有率: 占 inside a word says no share of a whole
    if unit == "%" and k >= 0 and text[k + 1 : k + 2] != "比":
        whole = re.sub(r"(?:的|了|达|约|近|超过|超|为|比重|比例|份额)+$", "", text[k + 1 : pre_end])
        whole = _tidy(re.sub(r"^(?:到|了|据)", "", whole))
        measured = _noun_before(doc, _cut(left, k, cuts), k)[0]
        measured = measured or (previous and _base(previous.indicator)) or ""
        if not whole:
            return measured  # 某产品占到31%: a share of what the sentence is about
        if len(whole) > 12:
            return ""
        return f"{measured}{_SHARE}{whole}比重"
    noun, displaced = _noun_before(doc, _cut(left, pre_end, cuts), pre_end)
    if unit not in _RATES and (
        pos(noun) in ("a", "ad", "d")
        or pos(noun) == "v"
        and noun not in _INNER
        or text.endswith("的是", left, pre_end)
    ):
        # 更重要的是15亿元产业基金, 设立15亿元产业基金: no noun measures it (but a share after a
        # verb, 恢复70%产能, says how much of something, of a whole it does not name)
        noun = ""
    if noun in _SAME_TIME_WORDS and previous is not None and _same_kind(previous.unit, unit):
        return _base(previous.indicator)  # 工业总产值13.2亿元,2015年同期9.8亿元
    if noun == "同比" and unit in _RATES and previous is not None and not growth:
        return _base(previous.indicator) + "同比增长"  # 营业收入12.9亿元,…,同比34.4%
    if unit.endswith("元") and not growth and text[b : b + 1] == "的":
        if (not noun or pos(noun) in ("v", "vn")) and _PROJECT_AFTER.match(text, b, limit):
            return "投资"  # 引进5.5亿元的某某项目: the sum a project invests
    same = previous is not None and previous.start >= opening
    if not noun and same and (_only_trailing(doc, left, pre_end) or _continues(text, left, a)):
        return _base(previous.indicator) + growth  # 从800亿元提升至1200亿元, 12栋、380套
    dated = _YEAR_OF.search(text, left, pre_end) if same and not growth else None
    if dated and (
        text[left : dated.start()] in _TRAILING or _only_trailing(doc, left, dated.start())
    ):
        return _base(previous.indicator)  # 由2020年的300亿元增长到2023年的560亿元
    if not noun and previous is not None and previous.unit == unit and not growth:
        # 2022年产量5.6万辆,2023年达到8.9万辆: another year of the figure just before
        year = _YEAR_LEAD.match(text, opening, pre_end)
        sentence = doc.sentence_at(a)
        if (
            year
            and sentence is not None
            and opening > previous.start >= sentence.start
            and (year.end() >= pre_end or _only_trailing(doc, year.end(), pre_end))
        ):
            return _base(previous.indicator)
    if (
        not noun
        and previous is None
        and _skip_lead(text, opening, a, 0) >= left  # (nothing but time words before)
        and (left == pre_end or _only_trailing(doc, left, pre_end))
    ):
        # 检测的费用,已经达到180万元: what is measured closes the clause before
        sent_start = doc.sentence_at(opening).start if doc.sentence_at(opening) else opening
        cut = max(text.rfind(c, sent_start, opening - 1) for c in _SEPARATORS)
        start = max(cut + 1, sent_start, opening - 24)
        if start < opening - 1 and not _VALUE.search(text, start, opening):
            start = _skip_lead(text[start:opening], start, opening, start)
            # (a name there is the subject: "某集团产值最高,达到50亿元")
            noun = _noun_before(doc, _cut(start, opening - 1, cuts), opening - 1)[0]
    new_item = text[left:a].rstrip().endswith("、")  # 加工厂、800立方米储罐
    item = _RATE_ITEM.search(text, left, a)
    if item is not None and not new_item:
        # 、月产4000万吨…, 及年产…: the words from the rate on measure this figure, not the
        # item before
        noun, displaced = text[item.start("rate") : _strip_how(doc, a, pre_end)], False
    if _RATE_ONLY.match(noun):
        # 年产2万吨锰合金生产线: the capacity of the product named after the figure
        product = _PLANT.sub("", _noun_after(doc, b, limit))
        de = text.find("的", b, limit)
        if de > b and len(before_de := _noun_after(doc, b, de)) >= 2:
            product = before_de  # 年产1GWh锂离子电芯的某公司: the product, then who makes it
        if product:
            return product.removesuffix("产能") + "产能"  # (月产4000万吨钢壳产能)
    # 总面积为3200亩的土地, 规上企业突破500家的镇: what the figure is of is named before it; the
    # noun after 的 is what has that figure
    held = bool(noun) and text[b : b + 1] == "的" and _reached_before(text, left, a, b)
    if unit in _COUNTS:
        # the things counted follow the number when it has any: 本地19家配套企业
        after = "" if held else _noun_after(doc, b, limit)
        if after.startswith(_PROCEDURAL) or _PROCEDURAL_PHRASE.match(text, b, limit):
            return ""  # 3项指标增速全市第一, 15个产业链推进专班: the article's own tally
        if after in _GENERIC_COUNTED:
            classed = _CLASSED.match(text, b + len(after), limit)
            if classed:  # 有4家企业被认定为省级某某企业: what they were made, not just firms
                return classed.group("kind") + "数"
            doing = _DOING.match(text, b + len(after), limit)
            if doing:  # 推动100家企业开展数字化改造: the firms that do it
                return doing.group("act") + after + "数"
        if after:
            verb = _ends_in_verb(noun) if not displaced else ""
            return verb + after + _count_word(after, unit)
        if displaced and noun and _LIST_MARKS & set(text[left:a]):
            return ""  # A、B及C3个: a count of the items listed, named by nothing
        if _LIST_MARKS & set(noun) and _HAN.match(text, b):
            return ""  # 白酒、茶及辣椒3个百亿级…: the same, the head unread
    if not noun and previous is not None and growth:
        noun = _base(previous.indicator)
    if unit not in _COUNTS and (
        not noun or new_item or displaced and text[b : b + 1] == "的" and not held
    ):
        after = _noun_after(doc, b, limit, counted=False)
        if noun and after and b + 1 + len(after) in cuts and text[b : b + 1] == "的":
            after = ""  # 面积为1平方公里的某产业园: the name owns the figure, 面积 measures it
        noun = after or ("" if new_item else noun)
        if (  # 年产2万吨锰合金、1.5万吨海绵钛: the list goes on with capacities
            new_item
            and noun
            and previous is not None
            and previous.indicator.endswith("产能")
            and previous.sentence is doc.sentence_at(a)
        ):
            return _PLANT.sub("", noun) + "产能"
    if not noun:
        return ""
    if previous is not None and noun.endswith(_INDUSTRY) and not growth:
        # 甲产业产值达A、乙产业达B: 乙产业产值, the measure said once for both
        head, sep, measure = previous.indicator.rpartition(_INDUSTRY)
        if sep and measure and not _GROWTH.search(measure) and previous.unit == unit:
            noun += measure
    indicator = noun + growth
    if len(indicator) > _MAX_CHARS or not (_HAN.search(indicator) or _ACRONYM.match(indicator)):
        return ""  # (an indicator in Latin letters is an acronym: GDP, PMI)
    return indicator


def _acceptable(indicator: str, unit: str) -> bool:
    """Whether an indicator names a statistic: not a bare verb (落实5项), not a count of the
    article's own measures or tasks (5项推进措施)."""
    core = indicator.removesuffix("数")
    if unit in _COUNTS and (core.endswith(_PROCEDURAL) or core.startswith(_PROCEDURAL)):
        return False
    return not (pos(core) in ("v", "vn", "vd", "vi") and core not in _INNER)
