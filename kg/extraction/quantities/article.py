"""The article around a figure: its names by offset, its sections (a heading starts one), its
title and photo captions, and its own place in each section (the best attested, at a level).

>>> _is_caption("某公司车间一角。"), _is_caption("遵义市大力发展工业,产值增长。")
(True, False)
>>> _is_caption("位于岚山经开区的岚山四药员工在数字化车间工作。岚山日报记者 某某 摄")
True
"""

from __future__ import annotations

import bisect
import functools
import operator
import re
from dataclasses import dataclass, field

from kg.extraction.places import place_names
from kg.extraction.recognize import GENERIC
from kg.reading.document import Document, Mention, Sentence
from kg.reading.normalize import PHOTO_CREDIT
from kg.terms import C

# A chain is not a subject: 某市某产业链对接会上的签约 are the city's.
_SUBJECT_TYPES = frozenset({C.Region, C.IndustrialPark, C.Enterprise, C.Project, C.IndustryCluster})
_PLACE_TYPES = frozenset({C.Region, C.IndustrialPark})


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
    every: list[Mention] = field(default_factory=list)  # all mentions but industries, by start
    every_starts: list[int] = field(default_factory=list)
    headed: bool = False  # whether the article has headings (# …) in it
    people_starts: list[int] = field(default_factory=list)
    datelines: list[Mention] = field(default_factory=list)  # places a dateline names
    nested: list[Mention] = field(default_factory=list)  # places inside names (柳州 in 柳州高新区)

    @classmethod
    def of(cls, doc: Document) -> _Article:
        art = cls(doc)
        # all mentions by start, the longer first: as the steps before leave them, which is
        # cheaper to check than to sort again; not the industries, which end no figure's words
        # ("A、B、C三大主导产业" is no list of names a count closes)
        every = [m for m in doc.mentions if m.type != C.Industry]
        starts = [m.start for m in every]
        keys = list(zip(starts, map(operator.neg, [m.end for m in every]), strict=True))
        if not all(map(operator.le, keys, keys[1:])):
            every = sorted(every, key=_END, reverse=True)
            every.sort(key=_START)
            starts = [m.start for m in every]
        art.every, art.every_starts = every, starts
        art.people = [m for m in every if m.type == C.Person]
        art.people_starts = [m.start for m in art.people]
        subjects = [m for m in art.every if m.type in _SUBJECT_TYPES and m.rule != GENERIC]
        # the place of a dateline (某网某省3月5日电) is where the news was filed from: no topic,
        # but what 全省 stands for when the text names no other province
        art.datelines = [
            m for m in subjects if m.type == C.Region and _DATELINE.match(doc.text, m.end)
        ]
        if art.datelines:
            subjects = [m for m in subjects if m not in art.datelines]
        # places in "以A、B为主要区域的…" say where the thing measured is, as a modifier: neither
        # the subject of its figures nor the article's topic
        based = [b.span(1) for b in _BASED_ON.finditer(doc.text)] if "以" in doc.text else []
        if based:
            subjects = [
                m
                for m in subjects
                if m.type != C.Region or not any(a <= m.start < b for a, b in based)
            ]
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
            at = 0  # each line's start: where a numbered heading opens ("1.某产业园简介")
            for line in doc.text.split("\n"):  # (matched there, not tried at every character)
                if _NUMBERED.match(doc.text, at):
                    sent = doc.sentence_at(at)
                    if sent is not None:
                        maybe.add(sent.paragraph)
                at += len(line) + 1
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
            if text.startswith("# ") or _NUMBERED_HEADING.match(text):
                if sents[0].start > 0:
                    art.sections.append(sents[0].start)
                art.heading_ends[sents[0].start] = sents[-1].end
            elif _is_caption(text):
                art.captions.add(para)
        art.headed = bool(art.heading_ends)
        i = doc.title_index()
        if i is not None:
            art.title = (doc.sentences[i].start, doc.sentences[i].end)
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
        here = self.between(start, end)
        # a place written right before a place inside it qualifies it (眉山市彭山区: the
        # district is what the text is about), as a place inside a name does
        nested_ids.update(
            id(m)
            for m, n in zip(here, here[1:], strict=False)
            if m.type == n.type == C.Region and n.start == m.end
        )
        full = place_names()
        for m in [*here, *nested]:
            if m.type not in _PLACE_TYPES:
                continue
            if self.captions:
                sent = self.doc.sentence_at(m.start)
                if sent is not None and sent.paragraph in self.captions:
                    continue
            inside = id(m) in nested_ids
            headed = m.start < heading_end or self.title[0] <= m.start < self.title[1]
            weight = 0.5 if inside else 6.0 if headed else 1.0  # the title names the subject
            # (a place written short and in full is one place: 晋中 and 晋中市, which the
            # resolve step has not labelled alike yet)
            label = full.get(m.label, m.label) if m.type == C.Region else m.label
            scores[label] = scores.get(label, 0.0) + weight
            if label not in first or m.start < first[label].start:
                first[label] = m
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
        if level is not None:
            for m in self.datelines:
                if level in place_level(m.label):
                    return m
        return self.best_park(start) if level in (None, "区") else None  # 全区 of a park

    def best_park(self, at: int) -> Mention | None:
        start, _ = self.section_of(at)
        return next((m for m, _ in self.ranking(start) if m.type == C.IndustrialPark), None)

    def main_is_park(self, at: int) -> bool:
        ranking = self.ranking(self.section_of(at)[0])
        return bool(ranking) and ranking[0][0].type == C.IndustrialPark

    def first_after(self, at: int, accept, *, same_paragraph: int):
        """The first subject mention after `at` in paragraph `same_paragraph` that `accept`
        takes."""
        i = bisect.bisect_left(self.starts, at)
        while i < len(self.mentions):
            m = self.mentions[i]
            sent = self.doc.sentence_at(m.start)
            if sent is None or sent.paragraph != same_paragraph:
                return None
            if accept(m):
                return m
            i += 1
        return None

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


# a numbered heading: a short line that opens with its number and ends like no sentence
_NUMBERED = re.compile(
    r"(?m)^(?:[0-9]{1,2}[.、．]|[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）])"
)
_NUMBERED_HEADING = re.compile(
    r"^(?:[0-9]{1,2}[.、．]|[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）])"
    r"[^。!?;！？；,，]{2,30}$"
)

_BASED_ON = re.compile(r"以([^,，。；;:：以为]{2,30})为[^,，。；;:：]{0,8}?的")
_DATELINE = re.compile(r"\s*\d{1,2}月\d{1,2}日(?:电|讯)")
_CAPTION_MARKS = ("摄", "供图", "图片", "一角", "资料图")
_BYLINES = ("记者", "通讯员")
_CAPTION_WORDS = re.compile("|".join(_CAPTION_MARKS) + "|(?:" + "|".join(_BYLINES) + r")\s*\S+\s*$")
_CAPTION_HINTS = _CAPTION_MARKS + _BYLINES  # (one is in every caption)


def _is_caption(text: str) -> bool:
    """A short line under a photo: 某公司车间一角。 / 某地风光。记者 某某 摄; or a longer one
    that ends in its photographer's credit (位于某园区的某公司员工在车间工作。某报记者 某某 摄)."""
    if "," in text:
        return False
    return (
        len(text) <= 40
        and bool(_CAPTION_WORDS.search(text))
        or (len(text) <= 90 and bool(PHOTO_CREDIT.search(text)))
    )
