"""Relation frames: who leads which chain, read from a trigger word and the mentions around it.

A trigger (链主, 龙头企业, 核心企业, 领军企业; 链长, 总链长, 分链长) opens a frame with two
slots. The subjects (firms, or a person or a role) are read from where the phrasing puts them
relative to the trigger (以X为龙头, X等龙头企业, 链主企业X, X是…龙头, 这家…龙头企业 -> the firm
of the sentence before, X担任…链长). The chain is searched for by a widening search, nearest
first: written with the trigger (Z产业链链主, 电子元器件链主型企业, 龙头工程机械企业), in the
same clause, in the same sentence, in the sentences before it in the paragraph, in the heading,
in the article's title; a 链主 with no chain anywhere leads a generic chain. Triggers,
positions and guards are data: `kg/extraction/rules/frames.toml`.

Each relation records how its slots were filled (`Relation.how`) and a confidence.

>>> from kg.reading.reader import read_text
>>> from kg.run.pipeline import extract
>>> doc = extract(read_text("以华信科技为龙头,绿色铝产业链加快发展。"))
>>> [(r.subject.text, r.object.text, r.how, r.confidence) for r in doc.relations]
[('华信科技', '绿色铝产业链', '以X为T (clause); chain: sentence', 0.68)]
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from kg.extraction.recognize import GENERIC
from kg.extraction.recognize.boundaries import _Sent, _starts
from kg.extraction.recognize.firms import _names_something
from kg.extraction.recognize.industries import PLACE, STOP, industry_start, word_kind
from kg.extraction.recognize.lexicon import _CJK, _lex
from kg.extraction.segment import Token, pos, rules
from kg.extraction.symbols import SYMBOLS, abstract, expand
from kg.reading.document import Document, Mention, Relation
from kg.terms import C, P

__all__ = ["Frame", "Position", "load_frames", "frame_relations", "FRAME_INDUSTRY", "FRAME_SUBJECT"]

FRAME_INDUSTRY = "frame-industry"  # Mention.rule of a bare industry a frame reads as its chain
FRAME_SUBJECT = "frame-subject"  # Mention.rule of a firm a frame names ("…。这家龙头企业")

T = SYMBOLS["T"][1]
_T = re.compile(T)
_CLAUSE_ENDS = ",,::;;。"
# how much each step of the chain search is worth (the subjects' position has its own)
STEP_CONFIDENCE = {
    "fused": 1.0,
    "clause": 0.9,
    "sentence": 0.8,
    "previous": 0.7,
    "next": 0.6,
    "heading": 0.65,
    "title": 0.6,
    "generic": 0.8,
}
_ENDS_OF = ("产业", "行业", "领域", "板块")  # what may follow a bare industry a frame reads
_BEYOND_SENTENCE = frozenset({"previous", "next", "heading", "title", "generic"})
_SCOPE = re.compile("产业|行业|领域")
_SYMBOL_OF_TYPE = {cls: sym for key, (cls, sym) in SYMBOLS.items() if key not in "GT"}


@dataclass(frozen=True)
class Frame:
    """A kind of statement opened by a trigger word."""

    name: str
    predicate: str
    subjects: frozenset[str]  # symbols of the subject classes
    trigger: re.Pattern
    fused: re.Pattern | None
    gate: re.Pattern  # words one of which a sentence must hold for the trigger
    search: tuple[str, ...]
    confidence: float
    only_at: tuple[str, ...] = ()
    bare_industry: bool = False  # an industry written before the trigger can be its chain
    example: str = ""
    expect: tuple = ()


@dataclass(frozen=True)
class Position:
    """Where a frame's subjects stand relative to its trigger."""

    name: str
    frames: tuple[str, ...]
    regex: re.Pattern
    confidence: float
    previous: bool = False  # the subjects are the firm of the sentence before (这家…)
    example: str = ""
    expect: tuple = ()


@dataclass
class _Trigger:
    frame: Frame
    start: int
    end: int
    industry: tuple[int, int] | None = None  # a fused industry: 龙头[工程机械]企业


@functools.cache
def load_frames() -> tuple[tuple[Frame, ...], tuple[Position, ...], re.Pattern]:
    """The frames, positions and generic verbs (as one pattern) of
    `kg/extraction/rules/frames.toml`, compiled once."""
    data = rules("frames")
    frames = tuple(
        Frame(
            name=f["name"],
            predicate=f["predicate"],
            subjects=frozenset(SYMBOLS[c][1] for c in f["subjects"].split("|")),
            trigger=re.compile(f["trigger"]),
            fused=re.compile(f["fused"]) if "fused" in f else None,
            gate=re.compile("|".join(map(re.escape, f["gate"]))),
            search=tuple(f["search"]),
            confidence=f["confidence"],
            only_at=tuple(f.get("only_at", ())),
            bare_industry=f.get("bare_industry", False),
            example=f.get("example", ""),
            expect=tuple(tuple(p) for p in f.get("expect", [])),
        )
        for f in data["frame"]
    )
    positions = tuple(
        Position(
            name=p["name"],
            frames=tuple(p["frames"]),
            regex=re.compile(expand(p["pattern"])),
            confidence=p["confidence"],
            previous=p.get("previous", False),
            example=p.get("example", ""),
            expect=tuple(tuple(x) for x in p.get("expect", [])),
        )
        for p in data["position"]
    )
    verbs = sorted(data["guard"]["generic_verbs"], key=len, reverse=True)
    return frames, positions, re.compile("|".join(map(re.escape, verbs)))


def _triggers(s: _Sent, mentions: list[Mention]) -> list[_Trigger]:
    """Trigger words of the sentence, outside every mention, earliest and longest first."""
    frames, _, _ = load_frames()
    spans = sorted((m.start, m.end) for m in mentions)
    starts = [a for a, _ in spans]
    reach = [0] * len(spans)  # the furthest end among the spans up to each one
    for k, (_, end) in enumerate(spans):
        reach[k] = max(end, reach[k - 1]) if k else end
    found: list[_Trigger] = []
    text = s.text
    for frame in frames:
        if frame.gate.search(text) is None:
            continue
        regexes = [frame.fused, frame.trigger] if frame.fused else [frame.trigger]
        for m in (m for regex in regexes for m in regex.finditer(text)):
            a, b = s.start + m.start(), s.start + m.end()
            k = bisect.bisect_left(starts, b) - 1  # spans that start before b
            if k >= 0 and reach[k] > a:
                continue  # 龙头山镇, 链主企业 inside a name
            industry = None
            if "industry" in m.re.groupindex and m.group("industry"):
                ia, ib = s.start + m.start("industry"), s.start + m.end("industry")
                if industry_start(s, ib, ia) != ia:
                    continue  # 龙头骨干企业: no industry between; the plain trigger reads it
                industry = (ia, ib)
            found.append(_Trigger(frame, a, b, industry))
    found.sort(key=lambda t: (t.start, -(t.end - t.start)))
    out: list[_Trigger] = []
    for t in found:
        if out and t.start < out[-1].end:
            continue
        out.append(t)
    return out


class _Article:
    """What the chain search needs of the whole article: mentions by sentence, headings."""

    def __init__(self, doc: Document, by_sent: list[list[Mention]]) -> None:
        self.doc = doc
        self.by_sent = by_sent
        toks = doc.tokens
        if toks and not isinstance(toks[0], Token):  # read back from JSON: plain lists
            toks = [Token(*t) for t in toks]
        self.toks = toks
        self._starts = [t[1] for t in toks]

    def sent(self, i: int) -> _Sent:
        sent = self.doc.sentences[i]
        lo = bisect.bisect_left(self._starts, sent.start)
        hi = bisect.bisect_left(self._starts, sent.end, lo)
        return _Sent(sent, self.toks[lo:hi] if self.toks else None)

    def chains(self, i: int) -> list[Mention]:
        return [m for m in self.by_sent[i] if m.type == C.IndustryChain and m.rule != GENERIC]

    def firms(self, i: int) -> list[Mention]:
        return [m for m in self.by_sent[i] if m.type == C.Enterprise]

    def heading_chain(self, i: int) -> list[Mention]:
        """The chain named by the heading over sentence `i`'s paragraph: the line before it
        when that line is short, or the paragraph's own first sentence when it is short."""
        sents = self.doc.sentences
        para = sents[i].paragraph
        first = i
        while first > 0 and sents[first - 1].paragraph == para:
            first -= 1
        candidates = [j for j in (first, first - 1) if 0 <= j and (j < i or j < first)]
        candidates = [j for j in candidates if _is_heading(sents[j].text)]
        for j in candidates:
            cs = self.chains(j)
            if cs:
                return [cs[0]]
        return []

    def title_chain(self) -> list[Mention]:
        title = self.doc.title
        if not title or not self.doc.sentences:
            return []
        for i, sent in enumerate(self.doc.sentences[:3]):
            if title in sent.text or sent.text in title:
                cs = self.chains(i)
                return cs[:1]
        return []


def _is_heading(text: str) -> bool:
    """Whether a line reads as a heading: short, and not ended like a sentence."""
    return len(text) <= 25 and not text.endswith(("。", "!", "?", ";", "！", "？", "；"))


def _siblings(first: Mention, chains: list[Mention], text: str, base: int) -> list[Mention]:
    """`first` and the chains coordinated with it ("一体化聚氨酯、烯烃产业链")."""
    out = [first]
    ordered = sorted(chains, key=lambda m: m.start)
    k = ordered.index(first)
    for c in ordered[k + 1 :]:
        gap = text[out[-1].end - base : c.start - base]
        if gap in ("、", "和", "及", "以及", "与", ",", "及其"):
            out.append(c)
        else:
            break
    for c in reversed(ordered[:k]):
        gap = text[c.end - base : out[0].start - base]
        if gap in ("、", "和", "及", "以及", "与"):
            out.insert(0, c)
        else:
            break
    return out


def _clause_span(text: str, base: int, a: int, b: int) -> tuple[int, int]:
    """The clause of `text` (document offsets from `base`) holding the span [a, b)."""
    ends = _clause_ends(text)
    k = bisect.bisect_left(ends, a - base)
    lo = ends[k - 1] + 1 if k > 0 else 0
    k = bisect.bisect_left(ends, b - base)
    hi = ends[k] if k < len(ends) else len(text)
    return base + lo, base + hi


@functools.lru_cache(maxsize=256)
def _clause_ends(text: str) -> list[int]:
    """Where the clauses of `text` end (the offsets of their punctuation)."""
    return [k for k, c in enumerate(text) if c in _CLAUSE_ENDS]


class _Search:
    """The widening search for a frame's chain, from trigger `t` of sentence `i`."""

    def __init__(self, art: _Article, i: int, s: _Sent, t: _Trigger, floor: int, ceiling: int):
        self.art, self.i, self.s, self.t = art, i, s, t
        self.floor, self.ceiling = floor, ceiling  # the part of the sentence this frame owns

    def run(self, subjects_start: int) -> tuple[list[Mention], str]:
        self.named_before = False  # a fused 该产业链 names the chain of the sentences before
        if self._led_is_no_chain():
            return [], ""
        for step in self.t.frame.search:
            if step in _BEYOND_SENTENCE:
                scope = self._scope()
                if scope is not None:  # "在健康产业,以X为龙头": X leads that industry
                    if self.t.frame.name == "链主":
                        return [self._industry(*scope)], "sentence"
                    return [], ""
            found = getattr(self, "_" + step)(subjects_start)
            if found:
                return found, "previous" if self.named_before else step
        return [], ""

    def _scope(self) -> tuple[int, int] | None:
        """The industry the sentence is about before the trigger ("在健康产业,…"), if any."""
        s, t = self.s, self.t
        for m in reversed(list(_SCOPE.finditer(s.text, 0, t.start - s.start))):
            end = s.start + m.start()
            a = industry_start(s, end, self.floor)
            if a is not None:
                return a, s.start + m.end()
        # or the industry written with the trigger: "X是全国肉牛龙头企业"
        a = industry_start(s, t.start, self.floor)
        named = [m for m in self.art.by_sent[self.i] if m.type != C.Region and m.start < t.start]
        if a is not None and a < t.start and not any(a < m.end for m in named):
            return a, t.start
        return None

    def _fused(self, _: int) -> list[Mention]:
        s, t = self.s, self.t
        if t.industry is not None:
            return [self._industry(*t.industry)]
        before = s.text[: t.start - s.start].rstrip('“"‘「')
        if before.endswith("的"):
            before = before[:-1]
        end = s.start + len(before)
        for m in self.art.by_sent[self.i]:
            if m.type == C.IndustryChain and m.end == end:
                if m.rule == GENERIC and m.text[:1] in "该这本此":
                    self.named_before = True  # "该产业链链主": the chain named before
                    return self._previous(0)
                if m.rule == GENERIC and self.t.frame.predicate == P.leadsChain:
                    return []
                chains = [c for c in self.art.by_sent[self.i] if c.type == C.IndustryChain]
                return _siblings(m, chains, s.text, s.start)
        # the industry right before the trigger, or before 的: "X是轻型卡车制造的链主企业"
        a = industry_start(s, end, self.floor) if t.frame.bare_industry else None
        if a is not None and any(
            m.start < end and a < m.end for m in self.art.by_sent[self.i] if m.type != C.Region
        ):
            a = None  # 以恒远“链主型”: a firm's name, no industry
        if a is not None and a < end:
            return [self._industry(a, end)]
        return []

    def _industry(self, a: int, b: int) -> Mention:
        """A bare industry as the frame's chain (电子元器件 in 电子元器件链主型企业)."""
        text = self.s.sub(a, b)
        label = text + ("链" if text.endswith("产业") else "产业链")
        return Mention(C.IndustryChain, text, a, b, label=label, rule=FRAME_INDUSTRY)

    def _after(self, lo: int, hi: int, generic: bool) -> list[Mention]:
        """The first chain in [lo, hi) and those coordinated with it."""
        return self._nearest(lo, hi, generic, min)

    def _before(self, lo: int, hi: int, generic: bool) -> list[Mention]:
        """The last chain in [lo, hi) and those coordinated with it."""
        return self._nearest(lo, hi, generic, max)

    def _nearest(self, lo: int, hi: int, generic: bool, which) -> list[Mention]:
        chains = [
            m
            for m in self.art.by_sent[self.i]
            if m.type == C.IndustryChain and lo <= m.start and m.end <= hi
        ]
        named = [m for m in chains if m.rule != GENERIC]
        pick = named or (chains if generic else [])
        if not pick:
            return []
        chosen = which(pick, key=lambda m: m.start)
        return _siblings(chosen, named or chains, self.s.text, self.s.start)

    def _generic_ok(self) -> bool:
        return self.t.frame.predicate == P.chainLeaderOf

    def _led_is_no_chain(self) -> bool:
        """Whether the trigger's own clause names what the subjects lead, and it is a cluster
        ("以X为链主的新能源汽车产业集群"): then they lead no chain."""
        if not any(m.type == C.IndustryCluster for m in self.art.by_sent[self.i]):
            return False
        lo, hi = _clause_span(self.s.text, self.s.start, self.t.start, self.t.end)
        after = [
            m
            for m in self.art.by_sent[self.i]
            if self.t.end <= m.start < min(hi, self.ceiling)
            and m.type in (C.IndustryChain, C.IndustryCluster)
            and m.rule != GENERIC
        ]
        return bool(after) and min(after, key=lambda m: m.start).type == C.IndustryCluster

    def _clause(self, subjects_start: int) -> list[Mention]:
        lo, hi = _clause_span(
            self.s.text, self.s.start, min(subjects_start, self.t.start), self.t.end
        )
        lo, hi = max(lo, self.floor), min(hi, self.ceiling)
        return (
            self._after(self.t.end, hi, self._generic_ok())
            or self._industry_after(hi)
            or self._before(lo, min(subjects_start, self.t.start), self._generic_ok())
        )

    def _industry_after(self, hi: int) -> list[Mention]:
        """A bare industry the trigger is said of ("以X为链主的肉食品加工产业"): industry words
        right after 的, ending the clause or followed by 产业 or 行业."""
        if not self.t.frame.bare_industry:
            return []
        s, t = self.s, self.t
        if s.text[t.end - s.start : t.end - s.start + 1] != "的":
            return []
        a = t.end + 1
        b = a
        for tok in s.toks[bisect.bisect_left(_starts(s.toks), a) :]:
            if tok.start != b or tok.end > hi or word_kind(tok.text) in (PLACE, STOP):
                break
            b = tok.end
        rest = s.text[b - s.start : hi - s.start]
        if b - a < 2 or industry_start(s, b, a) != a or rest and not rest.startswith(_ENDS_OF):
            return []
        end = b + 2 if rest.startswith(("产业", "行业")) else b
        return [self._industry(a, end)]

    def _sentence(self, subjects_start: int) -> list[Mention]:
        return self._after(self.t.end, self.ceiling, False) or self._before(
            self.floor, min(subjects_start, self.t.start), self._generic_ok()
        )

    def _previous(self, _: int) -> list[Mention]:
        sents = self.art.doc.sentences
        para = sents[self.i].paragraph
        for j in (self.i - 1, self.i - 2):
            if j >= 0 and sents[j].paragraph == para:
                cs = self.art.chains(j)
                if cs:
                    last = max(cs, key=lambda m: m.start)
                    return _siblings(last, cs, sents[j].text, sents[j].start)
        return []

    def _next(self, _: int) -> list[Mention]:
        sents = self.art.doc.sentences
        j = self.i + 1
        if j < len(sents) and sents[j].paragraph == sents[self.i].paragraph:
            cs = self.art.chains(j)
            if cs:
                first = min(cs, key=lambda m: m.start)
                return _siblings(first, cs, sents[j].text, sents[j].start)
        return []

    def _heading(self, _: int) -> list[Mention]:
        return self.art.heading_chain(self.i)

    def _title(self, _: int) -> list[Mention]:
        return self.art.title_chain()

    def _generic(self, _: int) -> list[Mention]:
        t = self.t
        return [Mention(C.IndustryChain, self.s.sub(t.start, t.end), t.start, t.end,
                        label="产业链", rule=GENERIC)]  # fmt: skip


def _guarded(abstract_: str, m: re.Match, generic: re.Pattern) -> bool:
    """Whether the text a position reaches over to its trigger holds a verb that makes the
    trigger a kind of firm ("X将培育链主企业")."""
    return generic.search(abstract_, m.start(), m.end()) is not None


@functools.cache
def _positions_of(frame_name: str) -> tuple[Position, ...]:
    """The positions a frame's subjects may stand at, in order."""
    frames, positions, _ = load_frames()
    frame = next(f for f in frames if f.name == frame_name)
    return tuple(
        p
        for p in positions
        if frame.name in p.frames and (not frame.only_at or p.name in frame.only_at)
    )


def _subjects(
    abstract_: str, where: dict, tpos: int, t: _Trigger, matches: dict[str, list[re.Match]]
) -> tuple[list[Mention], Position | None, tuple[int, int]]:
    """The subjects of trigger `t` (at `tpos` in the abstract sentence), the position that
    gave them, and where in the abstract the match stands. `matches` keeps each position's
    matches over this sentence (by pattern: two frames' positions may share a name), found
    once for all its triggers."""
    _, _, generic = load_frames()
    has_subject = not t.frame.subjects.isdisjoint(abstract_)
    for pos_ in _positions_of(t.frame.name):
        if not has_subject and not pos_.previous:
            continue
        found = matches.get(pos_.regex.pattern)
        if found is None:
            found = matches[pos_.regex.pattern] = list(pos_.regex.finditer(abstract_))
        for m in found:
            if not (m.start() <= tpos < m.end()) or abstract_[tpos] != T:
                continue
            # the trigger of this match must be `t`: the one symbol T inside the match, at tpos
            if abstract_.count(T, m.start(), m.end()) != 1:
                continue
            if _guarded(abstract_, m, generic):
                continue
            if pos_.previous:
                return [], pos_, m.span()
            if "s" not in m.re.groupindex:
                continue
            a, b = m.span("s")
            subs = [where[k] for k in range(a, b) if k in where and isinstance(where[k], Mention)]
            subs = [x for x in subs if _SYMBOL_OF_TYPE.get(x.type) in t.frame.subjects]
            if subs:
                return subs, pos_, m.span()
    return [], None, (-1, -1)


def _previous_firm(art: _Article, i: int) -> Mention | None:
    """The firm the sentence before is about: its first firm; else the name it opens with,
    when that is a name (a brand or a place: "恒远电子成立于2001年。这家…企业")."""
    sents = art.doc.sentences
    for j in range(i - 1, max(i - 3, -1), -1):
        if sents[j].paragraph != sents[i].paragraph and j < i - 1:
            break
        firms = sorted(art.firms(j), key=lambda m: m.start)
        if firms:
            return firms[0]
    if i == 0:
        return None
    prev = art.sent(i - 1)
    b = _opening_name(prev)
    if 2 <= b - prev.start and _names_something(prev, prev.start, b):
        return Mention(C.Enterprise, prev.sub(prev.start, b), prev.start, b, rule=FRAME_SUBJECT)
    return None


def _opening_name(s: _Sent) -> int:
    """Where the name a sentence opens with ends: before its first verb or function word of
    two characters or more (brands are often single characters that are also words)."""
    b = s.start
    for tok in s.toks:
        w = tok.text
        if tok.end - s.start > 8 or not _CJK.match(w):
            break
        if len(w) > 1 and (w in _lex()["stop_words"] or pos(w) in _lex()["verb_pos"]):
            break
        b = tok.end
    return b


def frame_relations(doc: Document, by_sent: list[list[Mention]]) -> list[Relation]:
    """The relations of every frame in `doc` (`by_sent`: each sentence's mentions)."""
    art = _Article(doc, by_sent)
    out: list[Relation] = []
    for i, sent in enumerate(doc.sentences):
        if _GATE.search(sent.text) is None:
            continue  # no trigger word here
        mentions = by_sent[i]
        if not any(m.type in _SUBJECT_TYPES for m in mentions) and not _THIS.search(sent.text):
            continue  # no firm, person or role to fill a frame, and none named before (这家)
        s = art.sent(i)
        triggers = _triggers(s, mentions)
        if not triggers:
            continue
        abstract_, where = abstract(sent, mentions, [(t.start, t.end, T, t) for t in triggers])
        # the triggers stand in the abstract sentence in their order
        tpos_of = {id(t): m.start() for t, m in zip(triggers, _T.finditer(abstract_), strict=True)}
        filled: list[tuple[_Trigger, list[Mention], Position, str]] = []
        matches: dict[str, list[re.Match]] = {}
        for t in triggers:
            tpos = tpos_of[id(t)]
            subs, pos_, mspan = _subjects(abstract_, where, tpos, t, matches)
            if pos_ is not None and pos_.previous:
                firm = _previous_firm(art, i)
                subs = [firm] if firm is not None else []
            if subs:
                if pos_.previous:
                    reach = "the sentence before"
                else:
                    span = abstract_[mspan[0] : mspan[1]]
                    reach = "sentence" if any(c in span for c in _CLAUSE_ENDS) else "clause"
                filled.append((t, subs, pos_, reach))
        for t, subs, pos_, reach in filled:
            # the part of the sentence this frame owns: between the frames of its kind before
            # and after it ("以A为龙头,X产业链…,以B为龙头,Y产业链")
            same = (
                [f for f in filled if f[0].frame.predicate == t.frame.predicate]
                if len(filled) > 1
                else filled
            )
            j = next(n for n, f in enumerate(same) if f[0] is t)
            ceiling = sent.end
            if j + 1 < len(same):
                nxt_t, nxt_subs, _, _ = same[j + 1]
                ceiling = max(min([nxt_t.start, *(m.start for m in nxt_subs)]), t.end)
            floor = sent.start
            if j > 0:
                prev_t, prev_subs, _, _ = same[j - 1]
                floor = min(max([prev_t.end, *(m.end for m in prev_subs)]), t.start)
            subjects_start = min(m.start for m in subs)
            chains, step = _Search(art, i, s, t, floor, ceiling).run(subjects_start)
            if not chains:
                continue
            confidence = round(t.frame.confidence * pos_.confidence * STEP_CONFIDENCE[step], 2)
            how = f"{pos_.name} ({reach}); chain: {step}"
            for subj in subs:
                for chain in chains:
                    out.append(
                        Relation(
                            t.frame.predicate,
                            subj,
                            chain,
                            sent,
                            rule=f"frame:{t.frame.name}",
                            how=how,
                            confidence=confidence,
                        )
                    )
    return out


_SUBJECT_TYPES = frozenset({C.Enterprise, C.Person, C.ChainLeaderRole})
_THIS = re.compile("这家|该企业|该公司|这个企业|这一企业")
_GATE = re.compile("链主|链长|龙头|核心|领军|牵头|引领|牵引|领衔")  # a trigger word may be here
