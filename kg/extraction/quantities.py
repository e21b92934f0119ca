"""Numbers with units in a sentence -> metric observations (subject, indicator, value, unit, year).

Each number with a unit (`kg/extraction/rules/quantities.toml`), and each rank (居全省第5位,
unit 位), becomes a `Metric`:

- **subject**: the place, park, firm or project the clause is about. A name opening the
  clause, after time phrases (2022年, 目前) or a description (链主型企业X, 位于…的X); else
  全市 / 全县 / 我省 … there, read as the place of that level named last in the paragraph,
  else the article's own (the best attested in its section: the title first, then how often
  it is named, photo captions left out); else 该公司 / 项目 / 园区 there, read as the nearest
  such thing named before (no project named: the subject is unknown, None; 园区 of no park in
  particular stays in the indicator: 园区营业收入). A figure's own owner comes first: the
  project after 的 (投资2.6亿元的X项目), a name right before a count (X集团86家协作商),
  全县 right before the figure. Otherwise the subject of an earlier clause of the sentence,
  of the sentence before when it ended with a semicolon, the paragraph's topic (a name that
  opened one of its sentences; a place holds on to the next heading in an article with
  headings), then the section's own place. A speaker's name (某公司总经理说) is the subject of
  what is said, never the paragraph's topic.
- **indicator**: the measured noun phrase before the number, without the how-words that say
  how it was reached (实现, 达到, 稳定在, 突破 …, listed), the subject or names; for a count,
  the things counted after it (有2760户规上企业 -> 规上企业数; 1.2万户群众 -> 群众户数; an
  action before the count names it: 签约9个项目 -> 签约项目数); a rate names its change
  (同比增长21.4% after 营收… -> 营收同比增长); a share names its whole (占全部税收的41.3%
  -> 纳税占全部税收比重); a figure with nothing of its own before it continues the one before
  (从800亿元提升至1200亿元, 12栋、380套, 8.6平方公里(12900亩)). A capacity inside a
  project's name is the project's (某地6万吨负极材料项目 -> 负极材料产能).
- **year**: the last year written before the number in its sentence (not a comparison base:
  是2021年的1.6倍), 今年 / 去年 and parts of a year (1—4月, 上半年) read against the
  article's date, else the paragraph's, else the year a paragraph opened with (2024年,…).
- **qualifier**: bounds (近, 超过, 以上 …) and, for a figure aimed at rather than reached,
  目标 (力争, 确保, 到2025年), 预计 (预计, 有望) or 计划: "以上(目标)", "预计", "目标".

Not statistics: numbers inside names, in a short quoted name (“4321”), in a heading or the
title (which restate the text), thresholds (5000万元以上项目), one per item (每个园区1名),
things counted again (上述6个), the items of a list counted (A、B及C3个), an article's own
measures (落实5项推进措施).

>>> from kg.reading.reader import read_text
>>> from kg.run.pipeline import extract
>>> m = extract(read_text("2023年,遵义市工业营业收入完成1200.5亿元。")).metrics[0]
>>> (m.indicator, m.value, m.unit, m.year, m.subject.text)
('工业营业收入', 1200.5, '亿元', 2023, '遵义市')
"""

from __future__ import annotations

import bisect
import functools
import operator
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from kg.extraction.places import place_names
from kg.extraction.recognize import GENERIC
from kg.extraction.segment import Token, pos, rules
from kg.reading.document import Document, Mention, Metric, Sentence
from kg.terms import C

__all__ = ["quantities", "UNITS", "place_level"]


def _rules() -> dict:
    return rules("quantities")


UNITS: list[str] = [*_rules()["units"]["amounts"], *_rules()["units"]["counts"]]
_COUNTS = frozenset(_rules()["units"]["counts"])
_Q = _rules()["qualifier"]
_VALUE = re.compile(
    # (a look at the first character before all else: the regex engine tries the pattern at
    # every character of a sentence, and most start neither a number nor a bound before one)
    r"(?=[\d" + "".join(sorted({re.escape(w[0]) for w in _Q["before"]})) + "])"
    r"(?<![\d.A-Za-z])(?P<qual>"
    + "|".join(sorted(_Q["before"], key=len, reverse=True))
    + r")?(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)(?:(?P<range>[到至~～\-—])(?P<num2>\d+(?:\.\d+)?))?"
    + r"(?P<more0>多|余)?(?P<unit>"
    + "|".join(map(re.escape, sorted(UNITS, key=len, reverse=True)))
    + r"|"
    + _rules()["units"]["bare_ten_thousand"]
    + r"(?=[,，;；。、)）]|$)|(?P<scale>万|亿)(?P<more1>余|多)(?P<base>"
    + "|".join(_rules()["units"]["after_bound"])
    + r"))(?P<more>"
    + "|".join(_Q["after"])
    + r")?"
)
_YEAR = re.compile(r"((?:19|20)\d{2})年")
_DIGIT = re.compile(r"\d")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_SEPARATORS = frozenset(_rules()["clause"]["separators"])
_SEPARATOR = re.compile("[" + re.escape(_rules()["clause"]["separators"]) + "]")
_LEAD = re.compile(_rules()["clause"]["lead"] + r"[,，、]?")
_GROWTH = re.compile(_rules()["indicator"]["growth"] + "$")
_TARGET_YEAR_PATTERN = r"(?<!截)(?:" + "|".join(_Q["target_year"]) + r")(?:20\d{2})年"
_TARGET_YEAR = re.compile(_TARGET_YEAR_PATTERN)
# A chain is not a subject: 某市某产业链对接会上的签约 are the city's.
_SUBJECT_TYPES = frozenset({C.Region, C.IndustrialPark, C.Enterprise, C.Project, C.IndustryCluster})
_PLACE_TYPES = frozenset({C.Region, C.IndustrialPark})
# Dictionary tags of words that may be part of a measured noun phrase.
_NOMINAL_TAGS = frozenset({"n", "ns", "nt", "nz", "ng", "vn", "an", "b", "j", "l", "a", "i", "s"})
# Dictionary tags of words trimmed from the end of the text before a number.
# (Not verbs: the dictionary tags 收入 and 就业 as verbs; the verbs that say how a figure
# was reached are listed in the rules instead.)
_TRIM_TAGS = frozenset("d p u uj ul uz ug ud c r f ad m q zg y t tg".split())


# The indicator's word lists, as sets: looked up for every word near a figure.
_I = _rules()["indicator"]
_TRAILING = frozenset(_I["trailing"])
_INNER = frozenset(_I["inner"])
_NOMINAL_WORDS = frozenset(_I["nominal"])
_STOP = frozenset(_I["stop"])
_HEADS = frozenset(_I["heads"])
_VERBAL = frozenset(_I["verbal"])
_BODIES = tuple(_I["bodies"])
_PEOPLE = tuple(_I["people"])
_PROCEDURAL = tuple(_I["procedural"])
_SHARE = _I["share"]
_MAX_CHARS = _I["max_chars"]

# 全市 -> 市: each word for "the article's own place" and the level it names.
_LEVEL_WORDS = {w: level for level, ws in _rules()["subject"]["levels"].items() for w in ws}
# 该公司 -> Enterprise: each word pointing back to a thing and that thing's class.
_ANAPHORS = {w: type_ for type_, ws in _rules()["subject"]["anaphors"].items() for w in ws}
_OPENER = re.compile(
    "|".join(map(re.escape, sorted([*_LEVEL_WORDS, *_ANAPHORS], key=len, reverse=True)))
)
_OPENER_FIRST = frozenset(w[0] for w in [*_LEVEL_WORDS, *_ANAPHORS])  # (tested before it)


_LEVEL_SUFFIXES = (
    ("自治区", ("省", "区")),
    ("特别行政区", ("省",)),
    ("自治州", ("州",)),
    ("自治县", ("县",)),
    ("自治旗", ("旗",)),
    ("省", ("省",)),
    ("市", ("市",)),
    ("州", ("州",)),
    ("盟", ("盟",)),
    ("县", ("县",)),
    ("旗", ("旗",)),
    ("区", ("区",)),
    ("镇", ("镇",)),
    ("乡", ("乡",)),
)


@functools.cache
def place_level(label: str) -> tuple[str, ...]:
    """The levels 全X can name a place at: 市 for a city, 省 and 区 for an autonomous region.

    A short form is read as its full name (柳州 -> 柳州市).

    >>> place_level("柳州"), place_level("广西"), place_level("某某镇"), place_level("某地")
    (('市',), ('省', '区'), ('镇',), ())
    """
    full = place_names().get(label, label)
    for suffix, levels in _LEVEL_SUFFIXES:
        if full.endswith(suffix):
            return levels
    return ()


# --- the article around a sentence ----------------------------------------------------------

_START, _END = operator.attrgetter("start"), operator.attrgetter("end")


@dataclass
class _Article:
    """What the subject search needs of a document: its mentions, sections and their places."""

    doc: Document
    mentions: list[Mention] = field(default_factory=list)  # subject types, by start
    starts: list[int] = field(default_factory=list)
    sections: list[int] = field(default_factory=list)  # start offset of each section
    captions: set[int] = field(default_factory=set)  # paragraphs that are photo captions
    heading_ends: dict[int, int] = field(default_factory=dict)  # section start -> heading end
    rankings: dict[int, list[tuple[Mention, float]]] = field(default_factory=dict)
    places: dict[tuple[int, str | None], Mention | None] = field(default_factory=dict)
    title: tuple[int, int] = (-1, -1)  # the sentence that is the article's title
    people: list[Mention] = field(default_factory=list)
    every: list[Mention] = field(default_factory=list)  # all mentions, by start
    every_starts: list[int] = field(default_factory=list)
    headed: bool = False  # whether the article has headings (# …) in it
    people_starts: list[int] = field(default_factory=list)
    nested: list[Mention] = field(default_factory=list)  # places inside names (柳州 in 柳州高新区)

    @classmethod
    def of(cls, doc: Document) -> _Article:
        art = cls(doc)
        # all mentions by start, the longer first: as the steps before leave them, which is
        # cheaper to check than to sort again
        every, starts = doc.mentions, [m.start for m in doc.mentions]
        keys = list(zip(starts, map(operator.neg, [m.end for m in every]), strict=True))
        if not all(map(operator.le, keys, keys[1:])):
            every = sorted(every, key=_END, reverse=True)
            every.sort(key=_START)
            starts = [m.start for m in every]
        art.every, art.every_starts = every, starts
        art.people = [m for m in every if m.type == C.Person]
        art.people_starts = [m.start for m in art.people]
        subjects = [m for m in art.every if m.type in _SUBJECT_TYPES and m.rule != GENERIC]
        # a name inside a longer name is part of it (柳州 in 柳州高新区): never a subject
        kept: list[Mention] = []
        e1 = e2 = e3 = -1  # the ends of the last three kept, the latest first
        for m in subjects:
            start = m.start
            if (start < e1 or start < e2 or start < e3) and not (
                start == kept[-1].start and m.end == kept[-1].end
            ):
                if m.type == C.Region:
                    art.nested.append(m)
                continue
            kept.append(m)
            e1, e2, e3 = m.end, e1, e2
        art.mentions = kept
        art.starts = [m.start for m in kept]
        art.sections = [0]
        # Headings and photo captions: only a paragraph with # or a caption's word in it may
        # be one, and a sentence's text is a piece of the document's, so the document's text
        # tells which paragraphs to look at.
        maybe: set[int] | None = None  # (None: all)
        if "#" not in doc.text:
            maybe = set()
            for word in _CAPTION_HINTS:
                at = doc.text.find(word)
                while at >= 0:
                    sent = doc.sentence_at(at)
                    if sent is not None:
                        maybe.add(sent.paragraph)
                    at = doc.text.find(word, at + 1)
        by_para: dict[int, list[Sentence]] = {}
        for sent in doc.sentences if maybe is None or maybe else ():
            if maybe is None or sent.paragraph in maybe:
                by_para.setdefault(sent.paragraph, []).append(sent)
        for para, sents in by_para.items():
            text = "".join([s.text for s in sents]).strip()
            if text.startswith("# "):
                if sents[0].start > 0:
                    art.sections.append(sents[0].start)
                art.heading_ends[sents[0].start] = sents[-1].end
            elif _is_caption(text):
                art.captions.add(para)
        art.headed = bool(art.heading_ends)
        title = next((s for s in doc.sentences[:12] if _is_title(doc, s)), None)
        if title is not None:
            art.title = (title.start, title.end)
        return art

    def is_heading(self, sent: Sentence) -> bool:
        """A heading or the title: it restates figures the text gives in full."""
        return sent.start == self.title[0] or sent.text.startswith("#")

    def section_of(self, pos_: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.sections, pos_) - 1
        end = self.sections[i + 1] if i + 1 < len(self.sections) else len(self.doc.text)
        return self.sections[i], end

    def people_between(self, a: int, b: int) -> list[Mention]:
        lo = bisect.bisect_left(self.people_starts, a)
        return self.people[lo : bisect.bisect_left(self.people_starts, b, lo)]

    def all_between(self, a: int, b: int) -> list[Mention]:
        """Every mention (of any class) starting between `a` and `b`."""
        lo = bisect.bisect_left(self.every_starts, a)
        return self.every[lo : bisect.bisect_left(self.every_starts, b, lo)]

    def between(self, a: int, b: int) -> list[Mention]:
        lo = bisect.bisect_left(self.starts, a)
        return self.mentions[lo : bisect.bisect_left(self.starts, b, lo)]

    def ranking(self, section: int) -> list[tuple[Mention, float]]:
        """Places of a section, best attested first: (first mention, score)."""
        if section in self.rankings:
            return self.rankings[section]
        start, end = self.section_of(section)
        heading_end = self.heading_ends.get(start, start)
        scores: dict[str, float] = {}
        first: dict[str, Mention] = {}
        nested = [m for m in self.nested if start <= m.start < end]
        nested_ids = {id(m) for m in nested}
        for m in [*self.between(start, end), *nested]:
            if m.type not in _PLACE_TYPES:
                continue
            if self.captions:
                sent = self.doc.sentence_at(m.start)
                if sent is not None and sent.paragraph in self.captions:
                    continue
            inside = id(m) in nested_ids
            headed = m.start < heading_end or self.title[0] <= m.start < self.title[1]
            weight = 0.5 if inside else 6.0 if headed else 1.0  # the title names the subject
            scores[m.label] = scores.get(m.label, 0.0) + weight
            if m.label not in first or m.start < first[m.label].start:
                first[m.label] = m
        order = sorted(scores, key=lambda label: (-scores[label], first[label].start))
        self.rankings[section] = [(first[label], scores[label]) for label in order]
        return self.rankings[section]

    def own_place(self, at: int, level: str | None = None) -> Mention | None:
        """The article's own place around offset `at` (at one level, when given)."""
        start, _ = self.section_of(at)
        key = (start, level)
        if key not in self.places:  # (asked for figure after figure)
            self.places[key] = self._own_place(start, level)
        return self.places[key]

    def _own_place(self, start: int, level: str | None) -> Mention | None:
        for section in (start, *(s for s in self.sections if s != start)):
            for m, _ in self.ranking(section):
                if level is None or level in place_level(m.label):
                    return m
            if level is None:
                break
        return self.best_park(start) if level in (None, "区") else None  # 全区 of a park

    def best_park(self, at: int) -> Mention | None:
        start, _ = self.section_of(at)
        return next((m for m, _ in self.ranking(start) if m.type == C.IndustrialPark), None)

    def main_is_park(self, at: int) -> bool:
        ranking = self.ranking(self.section_of(at)[0])
        return bool(ranking) and ranking[0][0].type == C.IndustrialPark

    def nearest_before(self, at: int, accept, *, same_paragraph: int | None = None):
        """The nearest subject mention before `at` in its section that `accept` takes."""
        start, _ = self.section_of(at)
        i = bisect.bisect_left(self.starts, at) - 1
        while i >= 0 and self.mentions[i].start >= start:
            m = self.mentions[i]
            if same_paragraph is not None:
                sent = self.doc.sentence_at(m.start)
                if sent is None or sent.paragraph != same_paragraph:
                    return None
            if accept(m):
                return m
            i -= 1
        return None


_CAPTION_MARKS = ("摄", "供图", "图片", "一角", "资料图")
_BYLINES = ("记者", "通讯员")
_CAPTION_WORDS = re.compile("|".join(_CAPTION_MARKS) + "|(?:" + "|".join(_BYLINES) + r")\s*\S+\s*$")
_CAPTION_HINTS = _CAPTION_MARKS + _BYLINES  # (one is in every caption)


def _is_caption(text: str) -> bool:
    """A short line under a photo: 某公司车间一角。 / 某地风光。记者 某某 摄"""
    return len(text) <= 40 and "," not in text and bool(_CAPTION_WORDS.search(text))


def _is_title(doc: Document, sent: Sentence) -> bool:
    title = doc.title.strip("# ")
    return len(title) >= 4 and sent.text.strip("# ").startswith(title)


# --- clauses and their subjects -------------------------------------------------------------


@dataclass(slots=True)
class _Clause:
    start: int  # offsets in the document
    end: int
    body: int  # where the clause proper starts, after its lead (time phrases ...)
    subject: Mention | None = None
    subject_end: int = -1  # where the subject's words end (an anaphor may be longer)
    unknown: bool = False  # 项目 opens it, but no project was named: whose figure is unknown
    speaker: bool = False  # the subject is who speaks (某镇镇长某某说)
    prefix: str = ""  # 园区 of no park in particular: said before each indicator


def _skip_lead(text: str, left: int, a: int, offset: int) -> int:
    """`left` moved past time phrases (某公司今年以来产值…): `text` starts at `offset`."""
    at = left - offset
    while at < a - offset:
        m = _LEAD.match(text, at, a - offset)
        if not m or m.end() == at:
            break
        at = m.end()
    return at + offset


def _clauses(sent: Sentence) -> list[_Clause]:
    text = sent.text
    pieces = _SEPARATOR.split(text)  # (separators are one character each)
    if not pieces[-1]:
        pieces.pop()  # (the text ends with one)
    clauses = []
    b = -1
    for piece in pieces:
        a = b + 1
        b = a + len(piece)
        body = a
        while body < b:
            m = _LEAD.match(text, body, b)
            if not m or m.end() == body:
                break
            body = m.end()
        clauses.append(_Clause(sent.start + a, sent.start + b, sent.start + body))
    return clauses


_LIST_AFTER = frozenset("、和与及等")
_SPEAKER = re.compile(
    # (说$|表示$|…, not (?:说|表示|…)$: each alternative opening with a character of its own,
    # the regex engine skips to where one of them is)
    "|".join(
        f"{verb}$"
        for verb in ("说", "表示", "介绍", "指出", "认为", "透露", "坦言", "称", "告诉记者")
    )
    + "|书记|镇长|县长|市长|区长|主任|负责人|局长|总经理|董事长"
)
_DESCRIBED = re.compile(
    r"[\u4e00-\u9fff“”]{0,14}(?:企业|公司|龙头|链主|集团)(?=[\u4e00-\u9fff])"
    r"|(?:位于|坐落在|坐落于|地处)[^，,。；;]{1,30}?的"
)


def _opening(art: _Article, sent: Sentence) -> list[_Clause]:
    """The clauses of a sentence up to the first that is more than a time phrase, subjects
    read: all a sentence with no figure in it needs (what it opens with)."""
    text = sent.text
    if not (art.between(sent.start, sent.end) or _OPENER.search(text)):
        return []
    out, a = [], 0
    while a <= len(text):
        sep = _SEPARATOR.search(text, a)
        b = sep.start() if sep else len(text)
        body = a
        while body < b and (m := _LEAD.match(text, body, b)) and m.end() > body:
            body = m.end()
        clause = _Clause(sent.start + a, sent.start + b, sent.start + body)
        out.append(clause)
        if body < b:
            if _may_open(art, text, body, sent.start):
                _subject_at(art, clause, sent.paragraph)
            break
        if sep is None:
            break
        a = sep.end()
    return out


def _may_open(art: _Article, text: str, body: int, offset: int) -> bool:
    """Whether a clause whose body starts at `body` of `text` (at `offset`) can open with a
    subject at all: a name starts there, or a word standing for one, or a description."""
    at = offset + body
    names = art.between(at, at + 1)
    return (
        bool(names)
        or text[body : body + 1] in _OPENER_FIRST
        and _OPENER.match(text, body) is not None
        or _DESCRIBED.match(text, body) is not None
    )


def _subject_at(art: _Article, clause: _Clause, paragraph: int) -> None:
    """Fill `clause.subject` when the clause opens with a name or a word standing for one."""
    text = art.doc.text
    at = clause.body
    run = art.between(at, clause.end)
    if run and run[0].start != at:
        # 链主型企业某某公司…, 位于某开发区的某公司…: the name after a description of it
        lead = _DESCRIBED.match(text, at, clause.end)
        if lead and any(m.start == lead.end() for m in run):
            at = lead.end()
            run = [m for m in run if m.start >= at]
    if run and run[0].start == at:
        last = run[0]
        for m in run[1:]:
            if m.start != last.end:
                break
            last = m  # 某县某镇: the last of adjacent names is the most specific
        if text[last.end : last.end + 1] in _LIST_AFTER:
            return  # A、B等项目…: a list is not the subject of a figure
        clause.subject, clause.subject_end = last, last.end
        # 某公司总经理某某说: what the speaker's figures are about, not the paragraph's topic
        clause.speaker = bool(
            _SPEAKER.search(text, last.end, clause.end) or art.people_between(last.end, clause.end)
        )
        return
    m = _OPENER.match(text, at, clause.end) if text[at : at + 1] in _OPENER_FIRST else None
    if m is None or text[m.end() : m.end() + 1] in ("第", "前"):
        return  # 全省第一块: a rank, not the province
    word = m.group()
    level = _LEVEL_WORDS.get(word)
    if level is not None:
        clause.subject, clause.subject_end = _level_place(art, at, level, paragraph), m.end()
        return
    type_ = _ANAPHORS[word]
    if type_ == C.IndustrialPark:
        park = art.nearest_before(at, lambda x: x.type == type_, same_paragraph=paragraph)
        if park is None and art.main_is_park(at):
            park = art.best_park(at)
        if park is not None:
            clause.subject, clause.subject_end = park, m.end()
        else:  # 园区完成投资…: the parks of the place, together; their figures say so
            clause.prefix, clause.subject_end = word, m.end()
        return
    thing = art.nearest_before(at, lambda x: x.type == type_)
    clause.subject, clause.subject_end = thing, m.end()
    clause.unknown = thing is None


def _level_place(art: _Article, at: int, level: str, paragraph: int) -> Mention | None:
    """The place 全县 (level 县) at `at` stands for: the nearest county named before it in
    the paragraph, else the article's own county."""
    return art.nearest_before(
        at,
        lambda x: x.type == C.Region and level in place_level(x.label),
        same_paragraph=paragraph,
    ) or art.own_place(at, level)


# --- years ----------------------------------------------------------------------------------

_DATE = re.compile(r"((?:19|20)\d{2})\s*(?:[-/.年])\s*\d{1,2}\s*(?:[-/.月])\s*\d{1,2}")
_BASE_YEAR = re.compile(r"(?:比|较|是|于|同|与|和|相比|对比|为)$")
_THIS_YEAR = re.compile(r"今年|去年")
_WHOLE_YEAR = re.compile(r"[,，]|全年|年底|年末|度")
_DATED = re.compile(r"\d{1,2}月|上半年|下半年|前三季度|[一二三四]季度")
# A part of the year with no year written is this year's: 1—4月全县新增就业1835人.
_PERIOD = re.compile(r"(?<![年\d])(?:\d{1,2}[-—至~]\d{1,2}月|上半年|前三季度|[一二三]季度)")


def _this_year(doc: Document) -> int | None:
    """The year 今年 means: the article's date near its top, else the latest year it names a
    month or a part of (2024年11月18日, 2024年前三季度), else the latest year it reports
    figures for (a whole year reported means the article is from the year after)."""
    date = _DATE.search(doc.raw, 0, 600)  # (a date line is page chrome: gone from .text)
    if date:
        return int(date.group(1))
    dated = [int(m.group(1)) for m in _YEAR.finditer(doc.text) if _DATED.match(doc.text, m.end())]
    if dated:
        return max(dated)
    latest, whole = None, True
    for m in _YEAR.finditer(doc.text):
        before = doc.text[max(0, m.start() - 4) : m.start()]
        if _TARGET_YEAR.search(before + m.group()) or any(w in before for w in _Q["target"]):
            continue
        if _BASE_YEAR.search(before):
            continue
        year = int(m.group(1))
        # "2022年," or "2022年全年" reports a whole year: the article is from a later one
        is_whole = _WHOLE_YEAR.match(doc.text, m.end()) is not None
        if latest is None or year > latest:
            latest, whole = year, is_whole
        elif year == latest:
            whole = whole and is_whole
    if latest is None:
        return None
    return latest + 1 if whole else latest


def _years(text: str, this_year: Callable[[], int | None]) -> list[tuple[int, int]]:
    """(offset, year) of each year a figure may be of, comparison bases (比2021年) left out.
    `this_year()` is the year 今年 means, asked only when a sentence says 今年 or the like."""
    # (each phrase read here has 年, 月 or 季度 in it: most sentences are passed over by a
    # test of those, _PERIOD having no first character for the regex engine to skip to)
    if "年" not in text and "月" not in text and "季度" not in text:
        return []
    out = []
    for m in _YEAR.finditer(text):
        if not _BASE_YEAR.search(text[max(0, m.start() - 2) : m.start()]):
            out.append((m.start(), int(m.group(1))))
    relative = []  # (offset, whether the year before this one)
    for m in _THIS_YEAR.finditer(text):
        if not _BASE_YEAR.search(text[max(0, m.start() - 2) : m.start()]):
            relative.append((m.start(), m.group() == "去年"))
    if "月" in text or "半年" in text or "季度" in text:
        relative += [(m.start(), False) for m in _PERIOD.finditer(text)]
    if relative and (year := this_year()) is not None:
        out += [(at, year - before) for at, before in relative]
        out.sort()
    return out


# --- indicators -----------------------------------------------------------------------------

_RATES = frozenset({"%", "个百分点", "倍"})
_INDUSTRY = "产业"
# One-character words that make a noun of the verb before them: 开工率, 采摘量, 发电量.
_SUFFIX_CHARS = frozenset("率量额值数费")
_BASED = re.compile(r"以[^，,。；;]{1,12}?为(?:主|主导|特色|核心|重点|龙头)的")
_GROWTH_END = re.compile(
    "(" + _rules()["indicator"]["growth"] + r")(?:了|达|高达|达到|约|近|超过|超|为|至|到)?$"
)


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
    if word in ("、", "“", "”"):
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
        and _trimmable(toks[-1].text)
        and toks[-1].text not in ("”", ")", "）")
        and not (toks[-1].text == "比" and len(toks) > 1 and toks[-2].text == "占")  # 占比
    ):
        toks.pop()  # (a closing quote or bracket ends a name: “星火计划”5人, 工作室(站)14个)
    trimmed = len(toks) < n
    i = len(toks)
    if toks and toks[-1].text in (")", "）"):
        opening = next((k for k in range(i - 1, -1, -1) if toks[k].text in ("(", "（")), None)
        i = opening if opening else i - 1
    while i > 0:
        word = toks[i - 1].text
        if word == "比" and i >= 2 and toks[i - 2].text == "占":
            i -= 2  # 数量占比: the dictionary cuts the noun 占比 in two
            continue
        if word in _TRAILING and word not in _INNER:
            break
        head = i == len(toks) and _HAN.match(word) and word not in _STOP
        if head and pos(word) in ("v", "vn"):
            i -= 1  # 收入, 就业, 旧城改造: a verb names what is measured when it ends it
            continue
        suffixed = i < len(toks) and toks[i].text in _SUFFIX_CHARS  # 开工/率
        joined = (  # 茶饮料和茶食品
            word in ("和", "及", "与") and i < len(toks) and i > 1 and _is_nominal(toks[i - 2].text)
        )
        if not (
            _is_nominal(word) or _is_glue(toks, i - 1) or suffixed and _HAN.match(word) or joined
        ):
            break
        if i > 1 and toks[i - 2].text[-1:].isdigit():
            break  # 3年冲刺: 年 measures the number before it
        i -= 1
    words = toks[i:]
    while words and words[0].text in ("、", "”"):
        words = words[1:]
    # A、B及C3个: the item before is a word, not a figure (12人、“星火计划”5人)
    listed = i > 1 and toks[i - 1].text in _LIST_MARKS and _is_nominal(toks[i - 2].text)
    text = doc.text[words[0].start : words[-1].end] if words else ""
    return _tidy(text), trimmed or listed


def _noun_after(doc: Document, a: int, limit: int) -> str:
    """The things counted after a number: 2760户规上企业纳税 -> 规上企业."""
    text = doc.text
    if text[a : a + 1] == "的":
        a += 1
    based = _BASED.match(text, a, limit)
    if based:
        a = based.end()
    toks = _tokens(doc, a, limit)
    first = toks[0].text if toks else ""
    if not toks or toks[0].start != a or not (_HAN.match(first) or first.isalpha() or first == "“"):
        return ""
    words: list[Token] = []
    for i, t in enumerate(toks):
        word = t.text
        if word == "”" and words and words[0].text == "“":
            words.append(t)  # 10个“某产业园”重点打造: the quoted name is the thing counted,
            if i + 1 < len(toks) and toks[i + 1].text in _HEADS:
                words.append(toks[i + 1])  # or names its kind: 17家“龙头”企业
            break
        if word == "的" and words:
            words = []  # 6个基础好、前景广的特色产业: the head is after 的
            continue
        if word in ("和", "及", "与") and words and i + 1 < len(toks):
            if _is_nominal(toks[i + 1].text):
                words.append(t)
                continue
            break
        if word in _STOP:
            break
        if words and word in _TRAILING and word not in _INNER:
            break  # 92户重点企业实现营收…: what the things reached is another figure
        if words and word in _INNER and pos(word) in ("v", "vn"):
            break  # 2760户规上企业纳税: what the things do
        verbal = pos(word) in ("vn", "v") and word not in _INNER
        if (
            verbal
            and not (words and words[-1].text == "、")
            and not (i + 1 < len(toks) and pos(toks[i + 1].text) in ("n", "ng", "nz"))
        ):
            break  # 规上企业升级改造: what the things do is not what they are (创新平台 is)
        if not (verbal or _is_nominal(word) or _is_glue(toks, i)):
            break
        if words and word in _VERBAL:
            break  # 19家配套企业协同推进
        if words and pos(word) in ("l", "i") and pos(words[-1].text) in ("n", "ng", "nz"):
            break  # 智能生产线满负荷运转: a phrase after the noun says what it does
        words.append(t)
    while words and words[-1].text in ("、", "和", "及", "与", "“"):
        words.pop()
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
    pre_end, growth = a, ""
    if unit in _RATES:
        g = _GROWTH_END.search(text, left, a)
        if g:
            growth = g.group(1).removesuffix("了")
            pre_end = g.start()
    k = text.rfind(_SHARE, left, pre_end)
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
    same = previous is not None and previous.start >= opening
    if not noun and same and (_only_trailing(doc, left, pre_end) or _continues(text, left, a)):
        return _base(previous.indicator) + growth  # 从800亿元提升至1200亿元, 12栋、380套
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
            noun = _noun_before(doc, start, opening - 1)[0]
    new_item = text[left:a].rstrip().endswith("、")  # 加工厂、800立方米储罐
    if unit in _COUNTS:
        # the things counted follow the number when it has any: 本地19家配套企业
        after = _noun_after(doc, b, limit)
        if after:
            verb = _ends_in_verb(noun) if not displaced else ""
            return verb + after + _count_word(after, unit)
        if displaced and noun and _LIST_MARKS & set(text[left:a]):
            return ""  # A、B及C3个: a count of the items listed, named by nothing
        if _LIST_MARKS & set(noun) and _HAN.match(text, b):
            return ""  # 白酒、茶及辣椒3个百亿级…: the same, the head unread
    if not noun and previous is not None and growth:
        noun = _base(previous.indicator)
    if unit not in _COUNTS and (not noun or new_item or displaced and text[b : b + 1] == "的"):
        noun = _noun_after(doc, b, limit) or ("" if new_item else noun)
    if not noun:
        return ""
    if previous is not None and noun.endswith(_INDUSTRY) and not growth:
        # 甲产业产值达A、乙产业达B: 乙产业产值, the measure said once for both
        head, sep, measure = previous.indicator.rpartition(_INDUSTRY)
        if sep and measure and not _GROWTH.search(measure) and previous.unit == unit:
            noun += measure
    indicator = noun + growth
    if len(indicator) > _MAX_CHARS or not _HAN.search(indicator):
        return ""
    return indicator


def _acceptable(indicator: str, unit: str) -> bool:
    """Whether an indicator names a statistic: not a bare verb (落实5项), not a count of the
    article's own measures or tasks (5项推进措施)."""
    core = indicator.removesuffix("数")
    if unit in _COUNTS and (core.endswith(_PROCEDURAL) or core.startswith(_PROCEDURAL)):
        return False
    return not (pos(core) in ("v", "vn", "vd", "vi") and core not in _INNER)


# --- the step -------------------------------------------------------------------------------


def _aims(text: str) -> list[tuple[int, str]]:
    """Where a sentence says a figure is aimed at (目标), forecast (预计) or planned (计划):
    (offset, kind) of each trigger outside quotes (“星火计划” names a programme, plans nothing)."""
    if not _AIM.search(text):
        return []
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    return [
        (m.start(), _AIM_KIND[m.lastgroup])
        for m in _AIM.finditer(text)
        if not any(a <= m.start() < b for a, b in quoted)
    ]


def _qualifier(m: re.Match[str], aims: list[tuple[int, str]], bare: bool = False) -> str:
    """Bounds of a figure (近, 超过, 以上 …), then what kind of aim it is, if any, by the
    strongest trigger before it in its sentence (预计 over 目标 over 计划)."""
    qual, more0, more1, more = m.group("qual", "more0", "more1", "more")
    bound = ("" if bare else qual or "") + (more0 or more1 or "") + (more or "")
    if not aims:
        return bound
    kinds = {kind for at, kind in aims if at < m.start()}
    kind = next((k for k in ("预计", "目标", "计划") if k in kinds), "")
    if not kind:
        return bound
    return f"{bound}({kind})" if bound else kind


_QUOTED = re.compile(r"“[^“”]*”")
_AIM_KIND = {"forecast": "预计", "target": "目标", "plan": "计划"}
_AIM = re.compile(
    # (the first character first, as in _VALUE: most characters start no aim)
    "(?=["
    + "".join(sorted({re.escape(w[0]) for k in (*_AIM_KIND, "target_year") for w in _Q[k]}))
    + "])(?:(?P<forecast>"
    + "|".join(_Q["forecast"])
    + ")|(?P<target>"
    + _TARGET_YEAR_PATTERN
    + "|"
    + "|".join(_Q["target"])
    + ")|(?P<plan>"
    + "|".join(_Q["plan"])
    + "))"
)


def _in_quotes(text: str, i: int) -> bool:
    """Whether offset `i` of `text` is inside a short “…” (a slogan or name: “4321”产业体系),
    not quoted speech (“今年销售额已达到41亿元,……”)."""
    opening, closing = text.rfind("“", 0, i), text.find("”", i)
    if opening < 0 or closing < 0 or text.rfind("”", 0, i) > opening:
        return False
    quoted = text[opening + 1 : closing]
    return len(quoted) <= 15 and not any(c in _SEPARATORS for c in quoted)


def _opened(clauses: list[_Clause]) -> Mention | None:
    """What a sentence opens with: the subject of its first clause that is more than a time
    phrase (not a speaker's name: 某镇镇长某某说)."""
    for clause in clauses:
        if clause.subject is not None or clause.body < clause.end:
            return clause.subject if not clause.speaker else None
    return None


class _Topics:
    """What the sentences read so far opened with: the topic (whatever opened a sentence of the
    paragraph last) and the place topic (a place that did, kept until a heading in an article
    with headings). Most figures name their own subject, so a sentence with no figure is read
    only when a figure after it needs the topic."""

    def __init__(self, art: _Article) -> None:
        self.art = art
        self.topic: Mention | None = None  # as of the sentences read, then `unread`
        self.unread: list[Sentence] = []
        self.place: Mention | None = None  # as of the sentences read, then `place_unread`
        self.place_unread: list[Sentence] = []
        self.memo: dict[int, Mention | None] = {}  # sentence start -> what it opens with

    def reset(self) -> None:
        """A heading: nothing opened before it holds."""
        self.topic = self.place = None
        self.unread, self.place_unread = [], []

    def new_paragraph(self) -> None:
        # a place opening a sentence holds until a heading in an article with headings
        # (a part about one county), else for its paragraph
        if self.art.headed:
            self.topic = self.place = self._latest(self.place_unread, self.place, places=True)
            self.place_unread = []
        else:
            self.topic = None
        self.unread = []

    def skip(self, sent: Sentence) -> None:
        """A sentence with no figure, read only if needed."""
        self.unread.append(sent)
        if self.art.headed:
            self.place_unread.append(sent)

    def read(self, opened: Mention | None) -> None:
        """A sentence read, which opened with `opened`."""
        if opened is None:
            return
        self.topic, self.unread = opened, []
        if opened.type in _PLACE_TYPES:
            self.place, self.place_unread = opened, []

    def current(self) -> Mention | None:
        """The topic: what the sentences so far opened with last."""
        self.topic = self._latest(self.unread, self.topic)
        self.unread = []
        return self.topic

    def _latest(
        self, unread: list[Sentence], known: Mention | None, *, places: bool = False
    ) -> Mention | None:
        """What the last of `unread` that opens with something (a place) opens with, else
        `known`."""
        for sent in reversed(unread):
            opened = self.memo.get(sent.start, self)
            if opened is self:
                opened = self.memo[sent.start] = _opened(_opening(self.art, sent))
            if opened is not None and (not places or opened.type in _PLACE_TYPES):
                return opened
        return known


def quantities(doc: Document) -> Document:
    """Pipeline step: fill `doc.metrics`."""
    doc.metrics = []
    if not _DIGIT.search(doc.text):
        return doc
    art = _Article.of(doc)
    this_year = functools.cache(lambda: _this_year(doc))  # (asked for by few articles)
    para = None
    topics = _Topics(art)
    carried: _Clause | None = None  # the last subject of a sentence ending with a semicolon
    frame: int | None = None  # the year a paragraph opened with (2024年,…), until another
    para_year: int | None = None  # the last year written in this paragraph
    headed = art.headed
    # where a topic can matter: every paragraph of an article with headings, else those
    # with a figure in them
    figures_in = [_DIGIT.search(s.text) is not None for s in doc.sentences]
    figured = {s.paragraph for s, f in zip(doc.sentences, figures_in, strict=True) if f}
    for sent, figures in zip(doc.sentences, figures_in, strict=True):
        if not headed and sent.paragraph not in figured:
            continue
        if art.is_heading(sent):
            topics.reset()
            carried = frame = None
            continue
        if sent.paragraph != para:
            topics.new_paragraph()
            para, carried, para_year = sent.paragraph, None, None
            first = True
        else:
            first = False
        semicolon = sent.text.rstrip().endswith((";", "；"))
        if not (figures or semicolon):  # it may only open a topic: read when needed
            topics.skip(sent)
            carried = None
        else:
            clauses = _clauses(sent)
            for clause in clauses:
                _subject_at(art, clause, sent.paragraph)
        if first and "年" in sent.text:  # 2024年,…: the year a paragraph opens with frames
            lead_years = _YEAR.findall(
                doc.text, sent.start, _skip_lead(sent.text, sent.start, sent.end, sent.start)
            )
            if lead_years:
                frame = int(lead_years[-1])
        if not (figures or semicolon):
            continue
        if figures:
            para_year = _sentence_metrics(
                art,
                sent,
                clauses,
                (lambda c=carried: c.subject) if carried else topics.current,
                carried is not None and carried.unknown,
                para_year or frame,
                this_year,
            )
        topics.read(_opened(clauses))
        last = next((c for c in reversed(clauses) if c.subject is not None or c.unknown), None)
        if semicolon and (last or carried):
            carried = _Clause(
                sent.start,
                sent.start,
                sent.start,
                subject=(last or carried).subject,
                subject_end=sent.start,
                unknown=(last or carried).unknown,
            )
        else:
            carried = None
    return doc


def _sentence_metrics(
    art: _Article,
    sent: Sentence,
    clauses: list[_Clause],
    topic: Callable[[], Mention | None],
    unknown: bool,
    para_year: int | None,
    this_year: Callable[[], int | None],
) -> int | None:
    """Add the metrics of one sentence; return the year in force after it. `topic` gives the
    subject the sentence inherits (asked only when no clause names one), `unknown` whether it
    is unknown (项目 with no project)."""
    doc = art.doc
    text = sent.text
    years = _years(text, this_year)
    figures = list(_VALUE.finditer(text))
    if "第" in text:  # (a rank has it: a quick test, _RANK having no first character to skip to)
        figures = sorted([*figures, *_RANK.finditer(text)], key=lambda m: m.start())
    if not figures:
        return years[-1][1] if years else para_year
    aims: list[tuple[int, str]] | None = None  # (read once a figure is kept)
    names = art.between(sent.start, sent.end)
    every = art.all_between(sent.start, sent.end)
    # names end what a figure measures (星河公司、蓝湾公司2家企业), but a place inside a noun
    # phrase does not (年均黄山旅游人次, where the dictionary knows 黄山 as a place)
    cuts = [
        m.end
        for m in names
        if m.type in _NAME_TYPES
        and (m.type != C.Region or doc.text[m.start - 1 : m.start] in _LIST_MARKS)
    ]
    listed = {  # 星河公司、蓝湾公司2家企业: the last of a list of names ends at the number
        m.end for m in every if doc.text[m.start - 1 : m.start] in _LIST_MARKS
    }
    subject: Mention | None = None
    since = -1  # where the subject in force was named
    previous: Metric | None = None
    prev_end = sent.start
    ci = cj = 0  # the clause of the figure; the next clause whose subject is not yet in force
    for m in figures:
        a, b = sent.start + m.start(), sent.start + m.end()
        while ci + 1 < len(clauses) and clauses[ci].end <= a:
            ci += 1
        clause = clauses[ci]
        prev_end = max(prev_end, clause.start)
        while cj <= ci and clauses[cj].subject_end <= a:
            c = clauses[cj]
            if (c.subject is not None or c.unknown) and since < c.subject_end:
                subject, unknown, since = c.subject, c.unknown, c.subject_end
            cj += 1
        if m.re is _RANK:
            # 居全省第5位: the rank of what was measured before it
            left = _skip_lead(text, max(prev_end, clause.body, clause.subject_end), a, sent.start)
            measured = _noun_before(doc, _cut(left, a, cuts), a)[0]
            measured = measured or (previous and _GROWTH.sub("", previous.indicator)) or ""
            if measured and not _in_quotes(text, m.start()):
                doc.metrics.append(
                    Metric(
                        indicator=f"{measured}{m.group('scope')}位次",
                        value=float(_numeral(m.group("num"))),
                        unit="位",
                        year=_year_before(years, m.start(), para_year),
                        text=doc.text[min(left, a) : b],
                        start=min(left, a),
                        end=b,
                        sentence=sent,
                        subject=None if unknown else subject or topic() or art.own_place(a),
                    )
                )
            prev_end = b
            continue
        num_at = sent.start + m.start("num")
        if m.group("qual") and not _starts_word(doc, a):
            a = num_at  # 签约16个: the 约 of 签约 bounds nothing
        unit = m.group("unit")
        if m.group("scale"):
            unit = m.group("scale") + m.group("base")
        value = float(m.group("num").replace(",", ""))
        counted = unit in _COUNTS
        skip = (
            _inside(every, num_at)  # part of a name: 年产11万吨…项目
            or unit in _COUNTS
            and num_at in listed
            or _in_quotes(text, m.start())
            or unit in _COUNTS
            and not unit.startswith("万")
            and not value.is_integer()
            or unit not in _COUNTS
            and _PROJECT_NAME.match(text, m.end()) is not None  # 日处理600吨果蔬加工厂项目
            or unit not in _COUNTS
            and m.group("more") in ("以上", "以下")
            and _HAN.match(text, m.end()) is not None  # 3000万元以上项目: a threshold
            or unit in _COUNTS
            and any(w in doc.text[clause.start : a] for w in _Q["distributive"])
            or counted
            and doc.text[max(0, a - 2) : a].endswith(_ANAPHORIC)
        )
        if skip:
            year = _year_before(years, m.start(), para_year)
            capacity = _capacity(names, (num_at, sent.start + m.end()), unit, value)
            if capacity is not None:
                indicator, project = capacity
                doc.metrics.append(
                    Metric(
                        indicator,
                        value,
                        unit,
                        year,
                        project.text,
                        project.start,
                        project.end,
                        sent,
                        subject=project,
                    )
                )
            prev_end = b
            continue
        left = _skip_lead(text, max(prev_end, clause.body, clause.subject_end), a, sent.start)
        span = (clause.start, left, a, b, clause.end)
        indicator = _indicator(doc, span, cuts, previous, unit)
        prev_end = b
        if not indicator or not _acceptable(indicator, unit):
            continue
        opener = next((c for c in reversed(clauses[: ci + 1]) if c.prefix or c.subject), None)
        prefix = opener.prefix if opener is not None else ""
        if prefix and not indicator.startswith(prefix):
            indicator = prefix + indicator  # 园区…实现营业收入518.9亿元: 园区营业收入
        year = _year_before(years, m.start(), para_year)
        owning = next((n for n in names if n.end == num_at and n.end not in listed), None)
        if owning is not None and unit in _COUNTS:
            subject, unknown = owning, False  # 某产业园15个重点项目: the park's
        level = _LEVEL_WORDS.get(text[max(0, m.start() - 2) : m.start()])
        if level is not None:  # 示范引领全县32万亩…: the county's, wherever it stands
            subject = _level_place(art, a, level, sent.paragraph) or subject
            unknown = False
        elif a == clause.body and subject is None and unit in _COUNTS:
            subject, unknown = art.own_place(a), False  # 6个省级开发区…: the place's own
        after = _owner_after(names, doc.text, b)
        if after is not None:
            subject, unknown, since = after, False, b  # 投资2.6亿元的X项目,二期装机…: X's
        owner = None if unknown else subject or topic() or art.own_place(a)
        if aims is None:
            aims = _aims(text)
        start = min(left, a)
        # 30到50家: both ends, the second from its own number on (each its own observation)
        ends = [(m.group("num"), start)]
        if m.group("num2"):
            ends.append((m.group("num2"), sent.start + m.start("num2")))
        for number, at in ends:
            metric = Metric(
                indicator=indicator,
                value=float(number.replace(",", "")),
                unit=unit,
                year=year,
                text=doc.text[at:b],
                start=at,
                end=b,
                sentence=sent,
                subject=owner,
                qualifier=_qualifier(m, aims, a == num_at),
            )
            doc.metrics.append(metric)
        previous = metric
    return years[-1][1] if years else para_year


_NAME_TYPES = frozenset({C.Region, C.Enterprise, C.IndustrialPark, C.Project, C.Person})
_ANAPHORIC = tuple(_Q["anaphoric"])
_PROJECT_NAME = re.compile(r"(?!的)[\u4e00-\u9fffA-Za-z]{2,16}?(?:建设)?项目")
_LIST_MARKS = frozenset("、和及与")


_NUMERALS = {c: i for i, c in enumerate("一二三四五六七八九十", 1)}
_RANK = re.compile(
    r"(?:位居|位列|居|列|排名|排在|排|跃居|提升至|升至|上升至|稳居|保持)?"
    r"(?P<scope>全国|全省|全市|全区|全州|全县)(?:同类城市|同类地区)?"
    r"第(?P<num>\d{1,2}|[一二三四五六七八九十])(?:位|名)?(?=$|[,，;；。、)）])"
)


_CAPACITY = re.compile(r"(?P<rate>年产|日产|日处理|年处理|年加工|日加工)?(?:能力)?$")
_PRODUCT = re.compile(
    r"[\u4e00-\u9fffA-Za-z]{2,12}?(?=(?:生产线|加工厂|建设|扩建|技改|一期|二期)*项目)"
)


def _capacity(
    names: list[Mention], span: tuple[int, int], unit: str, value: float
) -> tuple[str, Mention] | None:
    """A capacity inside a project's name is the project's: 某地40万吨铝合金扁锭项目 -> the
    project's 铝合金扁锭产能; 日处理600吨果蔬加工厂项目 -> its 日处理能力."""
    num_at, end = span
    if unit in _COUNTS or unit in _RATES or not value:
        return None
    project = next((p for p in names if p.type == C.Project and p.start < num_at < p.end), None)
    if project is None or end > project.end:
        return None
    text = project.text
    rate = _CAPACITY.search(text, 0, num_at - project.start)
    product = _PRODUCT.match(text, end - project.start)
    if rate is None or product is None:
        return None
    if rate.group("rate") and rate.group("rate") != "年产":
        return rate.group("rate") + "能力", project  # 日处理能力
    return product.group() + "产能", project  # (年产 is what 产能 means)


def _numeral(text: str) -> int:
    return int(text) if text.isdigit() else _NUMERALS[text]


def _year_before(years: list[tuple[int, int]], at: int, default: int | None) -> int | None:
    year = default
    for where, y in years:  # (by offset)
        if where >= at:
            break
        year = y
    return year


def _inside(names: list[Mention], at: int) -> bool:
    """Whether offset `at` is strictly inside one of `names` (by start)."""
    for m in names:
        if m.start >= at:
            break
        if m.end > at:
            return True
    return False


def _starts_word(doc: Document, at: int) -> bool:
    starts = _token_starts(doc)
    i = bisect.bisect_left(starts, at)
    return i < len(starts) and starts[i] == at


def _owner_after(names: Iterable[Mention], text: str, b: int) -> Mention | None:
    """投资2.6亿元的X项目: the project or park right after "的" owns the figure."""
    if text[b : b + 1] != "的":
        return None
    at = b + 1
    for m in names:  # (in order of their starts)
        if m.start == at and m.type in (C.Project, C.IndustrialPark):
            return m
        if m.start == at and m.type == C.Region:
            at = m.end  # 的遵义光伏电站项目: a place first, then the project
    return None
