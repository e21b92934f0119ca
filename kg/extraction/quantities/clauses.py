"""A sentence cut into clauses, and what each is about: a name opening it (after time phrases
or a description of it), a word standing for one (全市, 该公司, 园区) or a speaker; and the topic
the sentences before hand on to a figure that names no subject of its own.

>>> from kg.reading.document import Sentence
>>> sent = Sentence(0, 20, "2023年,遵义市产值增长,达到5亿元。")
>>> [(c.start, c.body, c.end) for c in _clauses(sent)]  # (2023年 is a lead: no body)
[(0, 5, 5), (6, 6, 13), (14, 14, 19)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extraction.quantities.article import _PLACE_TYPES, _Article, place_level
from kg.extraction.segment import rules
from kg.reading.document import Mention, Sentence
from kg.terms import C

_CLAUSE = rules("quantities")["clause"]
_SUBJECT = rules("quantities")["subject"]
_SEPARATORS = frozenset(_CLAUSE["separators"])
_SEPARATOR = re.compile("[" + re.escape(_CLAUSE["separators"]) + "]")
_LEAD = re.compile(_CLAUSE["lead"] + r"[,，、]?")


# 全市 -> 市: each word for "the article's own place" and the level it names.
_LEVEL_WORDS = {w: level for level, ws in _SUBJECT["levels"].items() for w in ws}
# 该公司 -> Enterprise: each word pointing back to a thing and that thing's class.
_ANAPHORS = {w: type_ for type_, ws in _SUBJECT["anaphors"].items() for w in ws}
_OPENER = re.compile(
    "|".join(map(re.escape, sorted([*_LEVEL_WORDS, *_ANAPHORS], key=len, reverse=True)))
)
_OPENER_FIRST = frozenset(w[0] for w in [*_LEVEL_WORDS, *_ANAPHORS])  # (tested before it)


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
    adverbial: bool = False  # it says how someone acts, with no subject (围绕…,某市通过…)


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
_PARTNER_JOINERS = tuple(_SUBJECT["partners"]["joiners"])
# a firm's site in a place, after the place's name (某汽车开封基地, 某集团华东工厂)
_SITES = tuple(rules()["enterprise"]["facility_heads"])
_JOINT_ACT = re.compile("|".join(_SUBJECT["partners"]["verbs"]))
_SPEAKER = re.compile(
    # (说$|表示$|…, not (?:说|表示|…)$: each alternative opening with a character of its own,
    # the regex engine skips to where one of them is)
    "|".join(
        f"{verb}$"
        for verb in ("说", "表示", "介绍", "指出", "认为", "透露", "坦言", "称", "告诉记者")
    )
    + "|书记|镇长|县长|市长|区长|主任|负责人|局长|总经理|董事长"
)
# a firm described by its kind before its name (链主型企业某公司), and a short description with
# 的 (在建的某公司, 新落户的某公司)
_KIND = r"[\u4e00-\u9fff“”]{0,14}(?:企业|公司|龙头|链主|集团)"
_SHORT_DE = r"[\u4e00-\u9fff]{1,4}的"
_DESCRIBED = re.compile(
    # 由某公司投资5000万元建设的…: the investor, named after 由, owns the figure
    r"由(?=[^，,。；;]{2,30}?(?:投资|出资|投建|建设|打造))"
    rf"|{_KIND}(?=[\u4e00-\u9fff])"
    r"|(?:位于|坐落在|坐落于|地处)[^，,。；;]{1,30}?的"
    rf"|{_SHORT_DE}(?=[\u4e00-\u9fff])"
)
# the whole of what may stand before a name and describe it, up to where the name starts
_DESCRIPTION = re.compile(rf"(?:{_SHORT_DE})?{_KIND}|{_SHORT_DE}")


# a total (项目共计投资…): of all the things named before, not of the last one
_SUMMED = re.compile("共|合计|累计|总计")

# what is done in a place (在某县建成…): the place says where, the one acting is named before
_BUILT_IN = re.compile(
    "(?:投资|先后|相继|新)?(?:建成|建设|新建|投建|兴建|设立|成立|落户|布局|开设)"
)

# what a place says a firm is, between the two: 湖南知名民企X, 本地龙头企业X, 省属国企X
_FIRM_KIND = re.compile(r"[\u4e00-\u9fff“”]{0,8}(?:企业|民企|国企|央企|公司|龙头|链主)")


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
            else:
                clause.adverbial = text.startswith(_ADVERBIAL, body)
            if not (clause.adverbial and clause.subject is None) or sep is None:
                break
            a = sep.end()
            continue
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
    # ("围绕…打造产业链,某市通过…": how someone acts, the one acting in a clause after it)
    clause.adverbial = text.startswith(_ADVERBIAL, at)
    run = art.between(at, clause.end)
    if run and run[0].start != at:
        # 链主型企业某某公司…, 位于某开发区的某公司…: the name after a description of it
        lead = _DESCRIBED.match(text, at, clause.end)
        end = lead.end() if lead and any(m.start == lead.end() for m in run) else None
        if end is None:  # (本地的龙头企业某公司: the description ends where a name starts)
            end = next((m.start for m in run if _DESCRIPTION.fullmatch(text, at, m.start)), None)
        if end is not None:
            at = end
            run = [m for m in run if m.start >= at]
    if (
        len(run) > 1
        and run[0].start == at
        and run[0].type == C.Region
        and run[1].type == C.Enterprise
        and _FIRM_KIND.fullmatch(text, run[0].end, run[1].start)
    ):
        run = run[1:]  # 湖南知名民企某某重工…: the firm, described by its place and kind
        at = run[0].start
    if run and run[0].start == at:
        last = run[0]
        scene = text[at - 1 : at] == "在"  # 在某区某镇的牧场里,…: where, not whose
        if scene and run[0].type == C.Region and _BUILT_IN.match(text, run[0].end, clause.end):
            return  # "某公司…,在某县建成6条生产线": where the one acting built, not who
        for m in run[1:]:
            if m.start != last.end or scene and _town_of(last, m):
                break  # (a scene in a town of a county: the county's figures)
            if last.type == C.Enterprise and m.type == C.Region and text.startswith(_SITES, m.end):
                break  # "某汽车开封基地产量…": the firm's, at its site in that place
            last = m  # 某县某镇: the last of adjacent names is the most specific
        if text.startswith(_PARTNER_JOINERS, last.end) and _JOINT_ACT.search(
            text, last.end, clause.end
        ):
            pass  # "A与B、C开展战略合作": A acts with its partners
        elif text[last.end : last.end + 1] in _LIST_AFTER:
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
        place = _level_place(art, at, level, paragraph)
        if place is None:  # no place named at that level: the article's own, unless it is
            place = art.own_place(at)  # known at another (全省 in an article about a city)
            if (
                place is not None
                and place_level(place.label)
                and level not in place_level(place.label)
            ):
                place = None
        clause.subject, clause.subject_end = place, m.end()
        clause.unknown = place is None  # (never the topic: 全省 is no firm's)
        return
    type_ = _ANAPHORS[word]
    if type_ == C.Project and _SUMMED.match(text, m.end(), clause.end):
        return  # "A项目、B项目…,项目共计投资40亿元": all of them, the topic's, not the last one
    if type_ == C.IndustrialPark:
        park = art.nearest_before(at, lambda x: x.type == type_, same_paragraph=paragraph)
        if park is None:  # "开发区内…占比达80%;……作为…,某某经济技术开发区…": named after
            park = art.first_after(at, lambda x: x.type == type_, same_paragraph=paragraph)
        if park is None and art.main_is_park(at):
            # the park named last in the section ("1.某产业园简介" and its paragraphs), else
            # the one the article is about
            park = art.best_park(at) or art.nearest_before(at, lambda x: x.type == type_)
        if park is not None:
            clause.subject, clause.subject_end = park, m.end()
        else:  # 园区完成投资…: the parks of the place, together; their figures say so
            clause.prefix, clause.subject_end = word, m.end()
        return
    thing = art.nearest_before(at, lambda x: x.type == type_)
    if thing is not None and type_ == C.Enterprise:
        # 该公司 after a sentence that names two firms ("A是B的下游企业。该公司…"): the one the
        # sentence is about, named first
        sent = art.doc.sentence_at(thing.start)
        if sent is not None and sent.end <= at:
            thing = next(
                (x for x in art.between(sent.start, thing.start) if x.type == type_), thing
            )
    clause.subject, clause.subject_end = thing, m.end()
    clause.unknown = thing is None


_TOWNS = frozenset({("镇",), ("乡",)})


def _town_of(county: Mention, town: Mention) -> bool:
    """Whether `town` is a town (镇, 乡, 街道) and `county`, written before it, a place above."""
    return (
        county.type == C.Region
        and town.type == C.Region
        and bool(place_level(county.label))
        and place_level(county.label) not in _TOWNS
        and (place_level(town.label) in _TOWNS or town.label.endswith("街道"))
    )


def _level_place(art: _Article, at: int, level: str, paragraph: int) -> Mention | None:
    """The place 全县 (level 县) at `at` stands for: the nearest county named before it in
    the paragraph, else the article's own county."""
    return art.nearest_before(
        at,
        lambda x: x.type == C.Region and level in place_level(x.label),
        same_paragraph=paragraph,
    ) or art.own_place(at, level)


_ADVERBIAL = tuple(_SUBJECT["adverbial"]["openers"])


def _opened(clauses: list[_Clause]) -> Mention | None:
    """What a sentence opens with: the subject of its first clause that is more than a time
    phrase or an adverbial (not a speaker's name: 某镇镇长某某说)."""
    for clause in clauses:
        if clause.subject is None and clause.adverbial:
            continue
        if clause.subject is not None or clause.body < clause.end:
            if clause.speaker or _heading_cluster(clause):
                return None
            return clause.subject
    return None


def _heading_cluster(clause: _Clause) -> bool:
    """Whether the clause is a cluster's name alone ("食品加工产业集群。" heading a paragraph):
    what the figures after it are about, but theirs is the place's count (引进…企业38家)."""
    s = clause.subject
    return s is not None and s.type == C.IndustryCluster and s.end >= clause.end - 1


def _opens_unknown(clauses: list[_Clause]) -> bool:
    """Whether a sentence opens with a subject that is not known (全省 in an article that
    names no province)."""
    for clause in clauses:
        if clause.subject is not None or clause.body < clause.end:
            return clause.unknown
    return False


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
        # the last sentence read opened with a subject not known (全省 with no province
        # named): the figures after it that name none are not the article's place's
        self.lost = False

    def reset(self) -> None:
        """A heading: nothing opened before it holds."""
        self.topic = self.place = None
        self.lost = False
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
        self.lost = False

    def skip(self, sent: Sentence) -> None:
        """A sentence with no figure, read only if needed."""
        self.unread.append(sent)
        if self.art.headed:
            self.place_unread.append(sent)

    def read(self, opened: Mention | None, unknown: bool = False) -> None:
        """A sentence read, which opened with `opened` (or with a subject not known)."""
        if opened is None:
            if unknown:
                self.topic, self.unread, self.lost = None, [], True
            return
        self.topic, self.unread, self.lost = opened, [], False
        if opened.type in _PLACE_TYPES:
            self.place, self.place_unread = opened, []

    def current(self) -> Mention | None:
        """The topic: what the sentences so far opened with last."""
        latest = self._latest(self.unread, self.topic)
        if latest is not self.topic:
            self.topic, self.lost = latest, False
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
