"""Relations between mentions, each with its evidence sentence, from the rules in
`kg/extraction/rules/relations.toml`.

A rule is a regular expression over the sentence with every mention replaced by one symbol of
its class, so "以合盛铝业、旗滨玻璃为龙头,绿色硅全产业链项目稳步推进" is matched as
"以E、E为龙头,C项目稳步推进". Two rules need more than one sentence and are written here:
a paragraph whose topic is 链主 enterprises, whose next sentences each open with a firm and name
its chain; and a firm called 链主 in a sentence without a chain, whose chain is named in the
sentences around it.

>>> from kg.reading.reader import read_text
>>> from kg.run.pipeline import extract
>>> doc = extract(read_text("以云铝海鑫为龙头,绿色铝产业链链长工作取得新成效。"))
>>> [(r.predicate, r.subject.text, r.object.text) for r in doc.relations]
[('leadsChain', '云铝海鑫', '绿色铝产业链')]
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from dataclasses import dataclass

from kg.extraction.frame_rules import load_frames
from kg.extraction.frames import FRAME_INDUSTRY, FRAME_SUBJECT, frame_relations
from kg.extraction.places import opening_places
from kg.extraction.recognize import GENERIC
from kg.extraction.segment import rules
from kg.extraction.symbols import GROUP, SYMBOL_CHARS, SYMBOLS, abstract, expand, symbol_of
from kg.extraction.tables.mentions import TABLE_RULE
from kg.reading.document import Document, Mention, Relation
from kg.terms import C, P

__all__ = ["relate", "Rule", "load_rules", "SYMBOLS"]

_SYMBOL_CHARS = SYMBOL_CHARS
_PLACE_SUFFIXES = ("省", "市", "县", "区", "州")


@dataclass(frozen=True)
class Rule:
    """One relation pattern; `regex` is compiled over the symbol-replaced sentence."""

    predicate: str
    name: str
    regex: re.Pattern
    context_subject: str = ""
    context_object: str = ""
    example: str = ""
    expect: tuple = ()
    # symbols a sentence must hold for the rule to relate anything: one of each set (an end
    # that may come from the context needs none)
    needs: tuple[frozenset[str], ...] = ()


def _needs(pattern: str, context: dict[str, str]) -> tuple[frozenset[str], ...]:
    """For each end `<s:...>`/`<o:...>` of `pattern` not taken from the context, its symbols."""
    return tuple(
        frozenset(SYMBOLS[c][1] for c in m.group(2).split("|"))
        for m in GROUP.finditer(pattern)
        if not context.get(m.group(1))
    )


@functools.cache
def load_rules() -> tuple[Rule, ...]:
    """The relation rules, compiled once."""
    out = []
    for r in rules("relations")["rule"]:
        out.append(
            Rule(
                predicate=r["predicate"],
                name=r["name"],
                regex=re.compile(expand(r["pattern"])),
                context_subject=r.get("context_subject", ""),
                context_object=r.get("context_object", ""),
                example=r.get("example", ""),
                expect=tuple(tuple(p) for p in r.get("expect", [])),
                needs=_needs(
                    r["pattern"],
                    {"s": r.get("context_subject", ""), "o": r.get("context_object", "")},
                ),
            )
        )
    return tuple(out)


@functools.cache
def _rules_for(present: frozenset[str]) -> tuple[Rule, ...]:
    """The rules that can relate something in a sentence holding the symbols `present`."""
    return tuple(r for r in load_rules() if all(present & need for need in r.needs))


# a park written by its kind alone ("开发区现有龙头企业3家"): the park the article is about
_BARE_PARK = re.compile(
    "(?<![\u4e00-\u9fff])(?:开发区|经开区|高新区|园区|产业园|工业园)|(?:本|该|全)(?:开发区|经开区|高新区|园区)"
)


class _Context:
    """Mentions by sentence and paragraph, for rules that take an end from the context."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.by_sent: list[list[Mention]] = [[] for _ in doc.sentences]
        starts = self.sent_starts = [s.start for s in doc.sentences]
        ends = [s.end for s in doc.sentences]
        for m in doc.mentions:
            i = bisect.bisect_right(starts, m.start) - 1
            if i >= 0 and m.end <= ends[i]:
                self.by_sent[i].append(m)
        self.main: dict[str, Mention | None] = {}
        self._park: list[Mention | None] | None = None  # (the park of the article, once found)
        # mentions inside other mentions (昭阳 in 昭阳经开区) are not what a sentence is about
        spans = sorted(doc.mentions, key=lambda m: (m.start, -m.end))
        self.nested: set[int] = set()
        outer_end = -1
        for m in spans:
            if m.end <= outer_end:
                self.nested.add(id(m))
            outer_end = max(outer_end, m.end)
        self.firsts: dict[int, Mention | None] = {}
        # the abstract sentences the rules read, by sentence: the frames read them again
        self.abstracts: dict[int, tuple[str, dict[int, Mention]]] = {}

    def first_of(self, j: int) -> Mention | None:
        """The first mention of sentence `j` that is not inside another (its subject, maybe)."""
        if j not in self.firsts:
            self.firsts[j] = min(
                (m for m in self.by_sent[j] if id(m) not in self.nested),
                key=lambda m: m.start,
                default=None,
            )
        return self.firsts[j]

    def main_of(self, cls: str) -> Mention | None:
        """The thing of class `cls` the article is about: the one it names most often."""
        if cls not in self.main:
            ms = [m for m in self.doc.mentions if m.type == cls and id(m) not in self.nested]
            if not ms:
                self.main[cls] = None
            else:
                # 昭通 and 昭通市 count as one place; the written form with its suffix wins
                def stem(m: Mention) -> str:
                    return m.text[:-1] if m.text.endswith(_PLACE_SUFFIXES) else m.text

                top, _ = Counter(stem(m) for m in ms).most_common(1)[0]
                group = [m for m in ms if stem(m) == top]
                self.main[cls] = max(group, key=lambda m: (len(m.text), -m.start))
        return self.main[cls]

    def in_force(self, i: int, pos: int, spec: str) -> Mention | None:
        """The thing `spec` asks for at `pos` of sentence `i`: "A|B" the nearest of either
        (`nearest_before`); "A>B" the last of either the sentence names before `pos`, else one
        of A in force, else one of B."""
        if ">" not in spec:
            return self.nearest_before(i, pos, spec)
        classes = spec.split(">")
        named = [
            m
            for m in self.by_sent[i]
            if m.type in classes and m.end <= pos and id(m) not in self.nested
        ]
        if named:
            return named[-1]
        for cls in classes:
            near = self.nearest_before(i, pos, cls)
            if near is not None:
                return near
        return None

    def leading_place(self, i: int, pos: int) -> Mention | None:
        """Where a firm called a leading firm at `pos` of sentence `i`, no chain named, leads:
        the last park named before it in the sentence or its paragraph (not the province a
        park's sentence names too: "X经开区锚定某省…,引入A等龙头企业"), or the park the article
        is about (`park_of_article`) where a park is written by its kind alone after that
        ("开发区现有龙头企业…"); else the park or place in force (`in_force`)."""
        para = self.doc.sentences[i].paragraph
        for j in range(i, -1, -1):
            sent = self.doc.sentences[j]
            if sent.paragraph != para:
                break
            end = pos if j == i else sent.end
            parks = [
                m
                for m in self.by_sent[j]
                if m.end <= end and id(m) not in self.nested and m.type == C.IndustrialPark
            ]
            after = parks[-1].end if parks else sent.start
            if self._bare_park(j, after, end) and self.park_of_article() is not None:
                return self.park_of_article()
            if parks:
                return parks[-1]
        return self.in_force(i, pos, f"{C.IndustrialPark}>{C.Region}")

    def _bare_park(self, j: int, a: int, b: int) -> bool:
        """Whether sentence `j` writes a park by its kind alone (开发区, 园区) between document
        offsets `a` and `b`, outside any name."""
        sent = self.doc.sentences[j]
        for m in _BARE_PARK.finditer(sent.text, a - sent.start, b - sent.start):
            x, y = sent.start + m.start(), sent.start + m.end()
            if not any(n.start < y and x < n.end for n in self.by_sent[j]):
                return True
        return False

    def park_of_article(self) -> Mention | None:
        """The park the article is about: the one it names most, twice at least and more often
        than any other park; else None."""
        if self._park is None:
            self._park = [_park_of_article(self.doc, self)]
        return self._park[0]

    def nearest_before(self, i: int, pos: int, cls: str) -> Mention | None:
        """The thing of class `cls` (or of one of "A|B") in force at `pos` of sentence `i`: the
        last named before it in the sentence or its paragraph, else the subject of a sentence
        before, else the one the article names most."""
        classes = cls.split("|")
        para = self.doc.sentences[i].paragraph
        cands = [
            m
            for m in self.by_sent[i]
            if m.type in classes and m.end <= pos and id(m) not in self.nested
        ]
        if cands:
            return cands[-1]
        for j in range(i - 1, -1, -1):
            if self.doc.sentences[j].paragraph != para:
                break
            cands = [m for m in self.by_sent[j] if m.type in classes and id(m) not in self.nested]
            if cands:
                return cands[-1]
        # further back: the last sentence whose subject is such a thing ("昭通市深入学习…")
        for j in range(i - 1, max(i - 60, -1), -1):
            first = self.first_of(j)
            if first and first.type in classes and first.start - self.doc.sentences[j].start <= 12:
                return self._narrowest(j, first)
        return next(filter(None, map(self.main_of, classes)), None)

    def _narrowest(self, j: int, first: Mention) -> Mention:
        """The last of the places written one after another from `first` in sentence `j`
        ("福建省龙岩市上杭县…": 上杭县, the subject; the others say where it is)."""
        if first.type != C.Region:
            return first
        by_start = {
            m.start: m for m in self.by_sent[j] if m.type == C.Region and id(m) not in self.nested
        }
        while first.end in by_start:
            first = by_start[first.end]
        return first


def _group_mentions(m: re.Match, name: str, where: dict[int, Mention]) -> list[Mention]:
    if name not in m.re.groupindex:
        return []
    start, end = m.span(name)  # (-1, -1) when the group took no part in the match
    return [where[p] for p in range(start, end) if p in where]


def _apply_rules(doc: Document, ctx: _Context) -> list[Relation]:
    out: list[Relation] = []
    # (predicate, object) pairs whose subject the sentence itself names: a rule that borrows
    # its subject from the context adds no second one ("X经开区与E签约" is not the city's)
    named: set[tuple[str, int]] = set()
    for i, sent in enumerate(doc.sentences):
        mentions = ctx.by_sent[i]
        if not mentions or not _rules_for(frozenset(map(symbol_of, mentions))):
            continue  # no rule can relate what the sentence names (a superset of its symbols)
        abstract_, where = ctx.abstracts[i] = abstract(sent, mentions)
        for rule in _rules_for(_SYMBOL_CHARS.intersection(abstract_)):
            if rule.regex.search(abstract_) is None:
                continue  # (most rules match nothing: a search costs half what finditer does)
            for m in rule.regex.finditer(abstract_):
                subs = _group_mentions(m, "s", where)
                objs = _group_mentions(m, "o", where)
                pos = sent.start + m.start()
                if subs:
                    named.update((rule.predicate, o.start) for o in objs)
                elif rule.context_subject:
                    objs = [o for o in objs if (rule.predicate, o.start) not in named]
                    near = ctx.in_force(i, pos, rule.context_subject)
                    subs = [near] if near else []
                if not objs and rule.context_object:
                    near = ctx.in_force(i, pos, rule.context_object)
                    # (not one of the subjects, read as a park too: 岚山产业园等项目)
                    if near and any(x.start < near.end and near.start < x.end for x in subs):
                        near = None
                    objs = [near] if near else []
                if not objs and rule.predicate == P.chainLeaderOf:
                    continue
                for s in subs:
                    for o in objs:
                        if s is not o:
                            out.append(Relation(rule.predicate, s, o, sent, rule=rule.name))
    return out


def _named_chains(mentions: list[Mention]) -> list[Mention]:
    return [m for m in mentions if m.type == C.IndustryChain and m.rule != GENERIC]


_LEADER = "链主"
_LINK_LEADER = re.compile(_LEADER)


@functools.cache
def _leader_trigger() -> re.Pattern:
    return next(f.trigger for f in load_frames()[0] if f.name == "链主")


def _names_a_pool(text: str) -> bool:
    """Whether 链主 is written where the 链主 frame reads no trigger: a pool of firms that may
    become leaders (链主企业培育库, 链主后备企业), as frames.toml's trigger says."""
    trigger = _leader_trigger()
    return any(trigger.match(text, m.start()) is None for m in _LINK_LEADER.finditer(text))


def _topic_paragraphs(doc: Document, ctx: _Context, have: set[tuple[int, int]]) -> list[Relation]:
    """A paragraph about 链主 firms in general (its topic sentence names no firm), whose next
    sentences each open with a firm and name its chain: that firm leads that chain."""
    out: list[Relation] = []
    topic_para = -1
    for i, sent in enumerate(doc.sentences):
        leader = _LEADER in sent.text
        if not leader and sent.paragraph != topic_para:
            continue  # (as most sentences: neither a topic sentence nor one after it)
        ms = ctx.by_sent[i]
        firms = [m for m in ms if m.type == C.Enterprise]
        if leader and not firms:
            topic_para = sent.paragraph
            continue
        if sent.paragraph != topic_para or not firms:
            continue
        chains = _named_chains(ms)
        if chains and not _names_a_pool(sent.text):
            first = min(firms, key=lambda m: m.start)
            if first.start - sent.start <= 1:
                after = [c for c in chains if c.start > first.end]
                if after and (first.start, after[0].start) not in have:
                    out.append(
                        Relation(
                            P.leadsChain,
                            first,
                            after[0],
                            sent,
                            rule="链主段落",
                            how="the paragraph's topic is 链主 firms; chain: sentence",
                            confidence=0.6,
                        )
                    )
    return out


def _nested_rules(doc: Document, issued: set[int] = frozenset()) -> list[Relation]:
    """A project whose name opens with a firm's name is that firm's project; a policy whose
    title opens with a place's name (《临川市…规划》) is that place's, unless the text says
    who issued it (`issued`: the starts of policies that have an issuer)."""
    out: list[Relation] = []
    places = {m.start: m for m in doc.mentions if m.type == C.Region}
    for y in doc.mentions:
        if y.type != C.Policy or y.start in issued:
            continue
        place = places.get(y.start)
        sent = doc.sentence_at(y.start)
        if place is not None and place.end < y.end and sent is not None:
            out.append(
                Relation(
                    P.issuedBy,
                    y,
                    place,
                    sent,
                    rule="政策名称",
                    how="the place its title opens with",
                    confidence=0.8,
                )
            )
    projects = [m for m in doc.mentions if m.type == C.Project]
    firms: dict[int, list[Mention]] = {}  # by start offset: not every firm for every project
    for m in doc.mentions:
        if m.type == C.Enterprise:
            firms.setdefault(m.start, []).append(m)
    for p in projects:
        heads = [f for f in firms.get(p.start, ()) if f.end < p.end]
        if heads:
            sent = doc.sentence_at(p.start)
            if sent is not None:
                out.append(Relation(P.developedBy, p, heads[0], sent, rule="项目名称"))
    return out


def _title_place(doc: Document, ctx: _Context) -> Mention | None:
    """The first park the article's title names, else its first place (not one inside a
    name), or None: the park is where the article's projects stand (岚山经开区…: its projects
    are the park's, not the county's)."""
    i = doc.title_index()
    if i is None:
        return None
    named = [m for m in ctx.by_sent[i] if id(m) not in ctx.nested]
    for cls in (C.IndustrialPark, C.Region):
        found = next((m for m in named if m.type == cls), None)
        if found is not None:
            return found
    return None


# what stands where its name says when the text does not say where
_NAMED_BY = {C.Project: "项目名称", C.IndustrialPark: "园区名称"}
_PLACED = frozenset(_NAMED_BY)


def _opening_place(m: Mention) -> Mention | None:
    """The place a name opens with where no mention of it was read (a table's cell is read
    whole: 溧阳经济开发区), the longest that leaves a name after it; else None."""
    k = next(opening_places(m.text), None)
    if k is None:
        return None
    return Mention(C.Region, m.text[:k], m.start, m.start + k, rule="place")


def _park_inside(p: Mention, parks: list[Mention], starts: list[int] | None) -> Mention | None:
    """The first of `parks`, in their order, that the name of `p` holds (岚山锂电产业园电池项目);
    `starts`: the parks' starts when they are in their order (the parks inside `p` are then
    found by bisection, not by reading all of a long document's parks), else None."""
    if starts is None:
        return next((k for k in parks if p.start <= k.start and k.end < p.end), None)
    for i in range(bisect.bisect_left(starts, p.start), len(parks)):
        k = parks[i]
        if k.start >= p.end:
            break  # (no park starting further on ends inside p)
        if k.end < p.end:
            return k
    return None


def _project_places(doc: Document, ctx: _Context, located: set[int]) -> list[Relation]:
    """Where a project or a park is when the text does not say (`located`: the starts of
    those it places): for a project, the park its name holds (岚山锂电产业园电池项目), else
    the place its name opens with (岚山光伏电站项目, 岚山县循环经济产业园, confidence 0.7),
    else, for a project, the park the article's title names, or its place (岚山县举行重点项目
    集中开工仪式, confidence 0.6)."""
    out: list[Relation] = []
    places = {m.start: m for m in doc.mentions if m.type == C.Region}
    parks = [m for m in doc.mentions if m.type == C.IndustrialPark]
    park_starts: list[int] | None = [k.start for k in parks]
    if not all(a <= b for a, b in zip(park_starts, park_starts[1:], strict=False)):
        park_starts = None  # (not in order of their starts: each project reads them all)
    main = _title_place(doc, ctx)
    park_main = ctx.park_of_article()
    for p in doc.mentions:
        if p.type not in _PLACED or p.start in located or id(p) in ctx.nested:
            continue
        sent = doc.sentence_at(p.start)
        if sent is None:
            continue
        park = _park_inside(p, parks, park_starts) if p.type == C.Project else None
        where = _where_placed(p, ctx, park, places, main)
        if where is None and p.type == C.Project and park_main is not None:
            where = park_main, "文章园区", "the park the article is about", 0.5
        if where is not None:  # (…本次集中开工包含A项目、B项目等6个项目: the article's park)
            thing, rule, how, confidence = where
            out.append(
                Relation(P.locatedIn, p, thing, sent, rule=rule, how=how, confidence=confidence)
            )
    return out


def _where_placed(
    p: Mention,
    ctx: _Context,
    park: Mention | None,
    places: dict[int, Mention],
    main: Mention | None,
) -> tuple[Mention, str, str, float] | None:
    """Where the name of `p` or its sentence places it, with the rule, how and how surely: for
    a project, the park its name holds (`park`); the place its name opens with; for a project,
    the park its sentence opens with, else the park or place of the article's title (`main`)."""
    if park is not None:  # 某某产业园圆柱锂电池项目
        return park, "项目名称", "the park its name holds", 0.7
    place = places.get(p.start)
    if place is None and p.rule == TABLE_RULE and p.type == C.IndustrialPark:
        place = _opening_place(p)  # (a park in a table's cell: no mentions read inside)
    if place is not None and place.end < p.end:
        return place, _NAMED_BY[p.type], "the place its name opens with", 0.7
    if p.type != C.Project:
        return None
    i = bisect.bisect_right(ctx.sent_starts, p.start) - 1
    first = ctx.first_of(i)
    if (
        first is not None
        and first.type == C.IndustrialPark
        and first.end <= p.start
        and first.start - ctx.doc.sentences[i].start <= 12
    ):  # "今年以来,岚山经开区…,恒泰锂电池项目开工": the park the sentence is about
        return first, "句首园区", "the park its sentence opens with", 0.6
    if main is not None:
        return main, "标题地点", "the park or place the article's title names", 0.6
    return None


def _park_of_article(doc: Document, ctx: _Context) -> Mention | None:
    """The park an article is about: the one it names most, twice at least and more often than
    any other park; else None."""
    counts = Counter(
        m.label
        for m in doc.mentions
        if m.type == C.IndustrialPark and id(m) not in ctx.nested and m.rule != TABLE_RULE
    )
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2 or len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    label = ranked[0][0]
    return next(m for m in doc.mentions if m.type == C.IndustrialPark and m.label == label)


def _project_twins(doc: Document, found: list[Relation]) -> list[Relation]:
    """Where a firm or a park a list names as a project stands, its project stands too ("R先后
    迎来A、B等项目", "A软件园、B产业园等项目开工": A is read as a firm or a park and as a project
    of the same words; the rules relate the firm or the park)."""
    projects = {(m.start, m.end): m for m in doc.mentions if m.type == C.Project}
    if not projects:
        return []
    out = []
    for r in found:
        if r.predicate == P.locatedIn and r.subject.type in (C.Enterprise, C.IndustrialPark):
            twin = projects.get((r.subject.start, r.subject.end))
            if twin is not None:
                out.append(
                    Relation(
                        P.locatedIn, twin, r.object, r.sentence, rule=r.rule,
                        how="the project named as the firm is", confidence=r.confidence,
                    )
                )  # fmt: skip
    return out


def relate(doc: Document) -> Document:
    """Pipeline step: fill `doc.relations` from the rules, without duplicates."""
    ctx = _Context(doc)
    found = _apply_rules(doc, ctx)
    found += frame_relations(doc, ctx.by_sent, ctx.abstracts, ctx.leading_place)
    have = {(r.subject.start, r.object.start) for r in found if r.predicate == P.leadsChain}
    found += _topic_paragraphs(doc, ctx, have)
    found += _nested_rules(doc, {r.subject.start for r in found if r.predicate == P.issuedBy})
    found += _project_places(
        doc, ctx, {r.subject.start for r in found if r.predicate == P.locatedIn}
    )
    found += _project_twins(doc, found)
    seen: set[tuple] = set()
    doc.relations = []
    for r in found:
        key = (
            r.predicate,
            r.subject.type,
            r.subject.start,
            r.subject.end,
            r.object.start,
            r.object.end,
        )
        if key not in seen:
            seen.add(key)
            doc.relations.append(r)
    # a bare industry a frame read as its chain (电子元器件链主型企业), a firm it read as its
    # subject (…。这家龙头企业): mentions of the article
    have_spans = {(m.type, m.start, m.end) for m in doc.mentions}
    added = {
        (m.type, m.start, m.end): m
        for r in doc.relations
        for m in (r.subject, r.object)
        if m.rule in (FRAME_INDUSTRY, FRAME_SUBJECT) and (m.type, m.start, m.end) not in have_spans
    }
    if added:
        doc.mentions = sorted([*doc.mentions, *added.values()], key=lambda m: (m.start, -m.end))
    return doc
