"""Where a relation frame's chain is: searched for nearest first, widening step by step (written
with the trigger, the same clause, the same sentence, the sentences before it in the paragraph,
the sentence after, the heading, the article's title; a 链主 with no chain anywhere leads a
generic chain; a 龙头 or 领军企业 of an industry written with its trigger, which the text calls no
chain, leads that industry: a `C.Industry` mention). `kg.extraction.frames` runs one search per
trigger; each step found records its name, which becomes the relation's `how` and weighs its
confidence (`kg.extraction.frame_rules.STEP_CONFIDENCE`)."""

from __future__ import annotations

import bisect
import functools
import re

from kg.extraction.frame_rules import (
    _BEYOND_SENTENCE,
    _CLAUSE_ENDS,
    _ENDS_OF,
    _SCOPE,
    FRAME_INDUSTRY,
    _Trigger,
)
from kg.extraction.recognize import GENERIC
from kg.extraction.recognize.boundaries import _doc_starts, _Sent, _starts, _words_within
from kg.extraction.recognize.edges import _strip_place
from kg.extraction.recognize.industries import INNER, MOD, PLACE, STOP, industry_start, word_kind
from kg.extraction.segment import Token, pos
from kg.reading.document import Document, Mention
from kg.terms import C, P


class _Article:
    """What the chain search needs of the whole article: mentions by sentence, headings."""

    def __init__(self, doc: Document, by_sent: list[list[Mention]]) -> None:
        self.doc = doc
        self.by_sent = by_sent
        toks = doc.tokens
        if toks and not isinstance(toks[0], Token):  # read back from JSON: plain lists
            toks = [Token(*t) for t in toks]
        self.toks = toks
        self._starts = _doc_starts(toks)  # (as `recognize` found them)

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
        when that line is short, or the paragraph's own first sentence when it is short; in a
        list of short lines under a heading ("一、X产业链 / 链长:… / 链主企业:…"), the
        nearest short line above that names a chain, over at most three that name none."""
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
        if _is_heading(sents[i].text):  # a line of such a list
            for j in range(first - 2, max(first - 5, -1), -1):
                if not _is_heading(sents[j].text) or sents[j].paragraph == para:
                    break
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
    return [m.start() for m in _CLAUSE_END.finditer(text)]  # (found in C, not char by char)


_CLAUSE_END = re.compile("[" + re.escape(_CLAUSE_ENDS) + "]")


# what coordinates bare industries: "以X为链主的特种钢、以Y为链主的数字光电"
_INDUSTRY_JOINERS = ("、", "和", "及", "以及")
# what a leading firm leads, right after its trigger's 的, when it is an industry, no chain
_LED_INDUSTRY = re.compile(r"([\u4e00-\u9fff]{2,10}?)(?:产业|行业)(?![链园集])")
# an item of a repeated frame, before the next item's 以 or the list's 等…产业
_PARALLEL_ITEM = re.compile(r"([\u4e00-\u9fff]{2,6})(?=、以|等[\u4e00-\u9fff]{0,6}产业)")
_NOT_CONTENT = frozenset("p c u uj ul uz ug ud r d m q f t".split())

# 产业 or 行业 (no chain) right before a leader's trigger, after an industry's words: "特钢产业
# 龙头", "锂电行业的龙头" (not "A、B等行业龙头企业": 等 closes a list of firms)
_INDUSTRY_BEFORE = re.compile("(?:产业|行业)(?:的)?$")

# the verb that opens the clause after a leader's trigger, developing what they lead
_DEVELOPS = re.compile(
    "[,,](?:大力|加快|着力|重点)?(?:发展|打造|做强|做大|壮大|培育|延伸|带动)(?:壮大|做强)?"
)

# the words that say the words before them are an industry, and the nouns such words may be
_WRITTEN = ("产业", "行业")
_NOUN_TAGS = frozenset({"n", "nz", "vn", "ng"})
# how far a firm's lead reaches, said before the industry: no part of it ("全球行业龙头")
_REACH = frozenset(
    "全球 全国 国内 国际 世界 海外 境内 境外 省内 全省 全市 亚洲 我国 中国 当地 本地".split()
)

# the level of a place, after a word that makes it ours ("我区", "全市", "本县")
_LEVEL_CHARS, _OWN = frozenset("省市县区州旗"), frozenset("我全本该")
# a count of firms before the industry they lead ("两大锂电龙头", "三家电芯龙头企业")
_COUNTED, _NUMERALS = frozenset("大家个"), frozenset("0123456789一二两三四五六七八九十几多")

# the honours given to leading firms of farming and forestry, which name no industry they lead:
# "国家级农业产业化重点龙头企业", "省级林业龙头企业"
_HONOUR = re.compile(
    "(?:农业|林业|渔业|农林|农牧业|扶贫)(?:产业化)?(?:国家|省|市|县|区)?级?(?:重点)?(?:的)?$"
)

# what may qualify a chain's leaders between the chain and the trigger: "Z产业链重点链主企业"
_QUALIFIER = re.compile("(?:重点|核心|首批|骨干|主要|省级|市级|县级){1,2}$")

# what describes a chain's leaders between the chain and the trigger, after 上/中/内 and 的: a
# phrase ending in 的, a qualifier, a count ("Z产业链中举足轻重的两家龙头企业", "Z产业链的重点
# 链主企业")
_DESCRIBED = re.compile(
    r"[上中内]?的?(?:[\u4e00-\u9fff0-9]{1,10}的)?"
    r"(?:重点|核心|首批|骨干|主要|重要)?(?:[0-9一二两三四五六七八九十几]+[家个])?$"
)
# ... unless the phrase says the firms are not (yet) of the chain, or are other things
_NOT_DESCRIBING = re.compile("上下游|配套|相关|以外|之外|需|缺|拟|计划|意向|和|与|及|或|项目|企业")

# a chain the statement is set in: 在(全省)Z产业链中/上/里/内
_FRAMED_BEFORE = re.compile(
    "在(?:全国|全省|全市|全县|国内|省内|市内|本地|当地|我市|我省|我县|整个|全球)?$"
)
_FRAMED_AFTER = ("中", "上", "里", "内", "当中", "领域")

# a count of the chains listed just before: "光伏、智能家电两条产业链"
_COUNTED_CHAINS = re.compile(r"等?[0-9一二三四五六七八九十两]+[条个大](?:重点)?产业链$")


class _Search:
    """The widening search for a frame's chain, from trigger `t` of sentence `i`."""

    def __init__(self, art: _Article, i: int, s: _Sent, t: _Trigger, floor: int, ceiling: int):
        self.art, self.i, self.s, self.t = art, i, s, t
        self.floor, self.ceiling = floor, ceiling  # the part of the sentence this frame owns

    def run(self, subjects_start: int) -> tuple[list[Mention], str]:
        self.named_before = False  # a fused 该产业链 names the chain of the sentences before
        self.cluster: Mention | None = None  # the cluster the firms lead, when they lead one
        if self._led_is_no_chain(subjects_start):
            return [], ""
        for step in self.t.frame.search:
            if step in _BEYOND_SENTENCE:
                scope = self._scope()
                if scope is not None:  # "在健康产业,以X为龙头": X leads that industry
                    if self._leads_scope(*scope):
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
            if s.text.startswith("链", m.end()):
                continue  # (a chain's name: the chain itself is searched for by the steps)
            end = s.start + m.start()
            a = industry_start(s, end, self.floor)
            if a is not None:
                return a, s.start + m.end()
        # or the industry written with the trigger: "X是全国肉牛龙头企业"
        a = industry_start(s, t.start, self.floor)
        if a is not None and a < t.start and not self._names_in(a, t.start):
            return a, t.start
        return None

    def _leads_scope(self, a: int, b: int) -> bool:
        """Whether the frame's firms lead the industry the sentence is about: a 链主 leads any
        named before it; the leaders of other frames only that written with the trigger ("X是
        全国肉牛龙头企业", "X是乳制品行业的龙头企业"), not the topic of the sentence ("在健康产业
        方面,以X为龙头": a plan for an industry, no leader of it)."""
        frame = self.t.frame
        if not frame.bare_industry:
            return False
        return frame.names_chain or self.s.sub(b, self.t.start) in ("", "的")

    def _names_in(self, a: int, b: int) -> bool:
        """Whether a name other than a place overlaps [a, b): then the words there are no bare
        industry (以恒远“链主型”: a firm's name)."""
        return any(
            m.start < b and a < m.end for m in self.art.by_sent[self.i] if m.type != C.Region
        )

    def _before_trigger(self) -> str:
        """The sentence's text before the trigger, without an opening quote of it."""
        return self.s.text[: self.t.start - self.s.start].rstrip('“"‘「')

    def _fused(self, _: int) -> list[Mention]:
        s, t = self.s, self.t
        if t.industry is not None:  # (inside the trigger: "龙头工程机械企业" names a chain)
            return [self._industry(*t.industry, chain=True)]
        before = self._before_trigger()
        if before.endswith("的"):
            before = before[:-1]
        if before.endswith(("链上", "链中", "链内")):
            before = before[:-1]  # "Z产业链上的链主企业", "其在Z产业链中的“链主”地位"
        qualified = _QUALIFIER.search(before)
        if qualified and before[: qualified.start()].endswith("链"):
            before = before[: qualified.start()]  # "Z产业链重点链主企业": of which chain
        counted = _COUNTED_CHAINS.search(before)
        if counted:  # "光伏、智能家电两条产业链链长": the items before the count
            before = before[: counted.start()]
        end = s.start + len(before)
        for m in self.art.by_sent[self.i]:
            if m.type == C.IndustryChain and m.end == end and (not counted or m.rule != GENERIC):
                if m.rule == GENERIC and m.text[:1] in "该这本此":
                    self.named_before = True  # "该产业链链主": the chain named before
                    return self._previous(0)
                if m.rule == GENERIC and self.t.frame.predicate == P.leadsChain:
                    return []
                chains = [c for c in self.art.by_sent[self.i] if c.type == C.IndustryChain]
                return _siblings(m, chains, s.text, s.start)
        described = self._described(s.start + len(self._before_trigger()))
        if described:
            return described
        # the industry right before the trigger, or before 的: "X是轻型卡车制造的链主企业"
        a = industry_start(s, end, self.floor) if t.frame.bare_industry else None
        if a is not None and self._names_in(a, end):
            a = None  # 以恒远“链主型”: a firm's name, no industry
        if a is not None and a < end:
            # (a segment of the chain the sentence is set in: "在Z产业链中,以A为氧化铝龙头")
            return self._framed(s.start) or [self._industry(a, end)]
        return self._written_industry(before, end)

    def _written_industry(self, before: str, end: int) -> list[Mention]:
        """An industry the text calls one, right before the trigger of a leader that is no 链主:
        words before 产业 or 行业 ("X是五金机电产业龙头企业", "新型煤化工行业领军企业"), even
        those the grammar of industries does not know, when they are a short run of nouns."""
        s, t = self.s, self.t
        if not t.frame.bare_industry or t.frame.names_chain or not before.endswith(_WRITTEN):
            return []
        e = end - 2
        a = industry_start(s, e, self.floor)
        if a is None:
            a = self._noun_run(e)
        if a is None or a >= e:
            return self._same_industry(e) if before.endswith("行业") else []
        if self._names_in(a, e) or _only_work(s, a, e):
            return []  # (研发、生产行业领军企业: what firms do, no industry)
        return self._framed(s.start) or [self._industry(a, end)]

    def _same_industry(self, e: int) -> list[Mention]:
        """行业 alone before the trigger ("行业龙头X"): the industry the sentence named with 行业
        before it ("该市工程机械行业规上企业400余家,行业龙头X…")."""
        s = self.s
        k = s.text.rfind("行业", 0, e - s.start)
        while k >= 0:
            b = s.start + k
            a = industry_start(s, b, s.start)
            if a is not None and a < b and not self._names_in(a, b):
                return [self._industry(a, b + 2)]
            k = s.text.rfind("行业", 0, k)
        return []

    def _noun_run(self, end: int) -> int | None:
        """Where a run of one to three nouns ending at `end` starts (no place, name or verb
        among them), or None."""
        s = self.s
        toks = [x for x in s.toks if x.end <= end and x.start >= self.floor]
        a = end
        taken = 0
        for tok in reversed(toks):
            if tok.end != a or taken == 3:
                break
            kind = word_kind(tok.text)
            if kind in (PLACE, MOD) or tok.text in _REACH:
                break
            if kind == STOP and pos(tok.text) not in _NOUN_TAGS:
                break
            a, taken = tok.start, taken + 1
        return a if taken and end - a >= 2 else None

    def _described(self, end: int) -> list[Mention]:
        """The chain written before what describes the trigger's firms ("Z产业链中举足轻重的龙头
        企业"): a named chain, then `_DESCRIBED` and nothing else, naming nothing."""
        s = self.s
        chains = [
            m
            for m in self.art.by_sent[self.i]
            if m.type == C.IndustryChain and m.rule != GENERIC and m.end < end
            and m.text.endswith("链")
        ]  # fmt: skip
        if not chains:
            return []
        m = max(chains, key=lambda c: c.end)
        gap = s.sub(m.end, end)
        if not gap or not _DESCRIBED.fullmatch(gap) or _NOT_DESCRIBING.search(gap):
            return []
        if self._names_in(m.end, end):
            return []
        return _siblings(m, self.art.chains(self.i), s.text, s.start)

    def _industry(self, a: int, b: int, chain: bool = False) -> Mention:
        """A bare industry as what the frame's firms lead: a chain, for a 链主 (电子元器件 in
        电子元器件链主型企业: 电子元器件产业链); else the industry as written (乳制品行业 in
        "X是乳制品行业的龙头企业": the text calls it no chain)."""
        s = self.s
        if s.sub(a, a + 1) in _LEVEL_CHARS and s.sub(a - 1, a) in _OWN:
            a += 1  # "我区机械行业": the place is 我区, the industry 机械
        if s.sub(a, a + 1) in _COUNTED and s.sub(a - 1, a) in _NUMERALS:
            a += 1  # "两大锂电龙头": a count of the firms
        text = s.sub(a, b)
        bare = _strip_place(text, s.toks, a)  # (the place a name opens with is no part of it)
        if not chain and not self.t.frame.names_chain:
            return Mention(C.Industry, text, a, b, label=bare, rule=FRAME_INDUSTRY)
        label = bare.removesuffix("行业") + ("链" if bare.endswith("产业") else "产业链")
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

    def _led_is_no_chain(self, subjects_start: int) -> bool:
        """Whether the trigger's own clause names what the subjects lead, and it is a cluster
        ("以X为链主的新能源汽车产业集群", or the clause's topic before them: "Z产业集群主要是以
        A、B为核心企业"), or, for a frame whose firms lead no bare industry, an industry ("以X等
        企业为龙头的装备制造产业", "特钢产业龙头X"), or they are firms on a chain ("链上领军
        企业"): then they lead no chain (the cluster they lead is kept as `cluster`)."""
        s, t = self.s, self.t
        before = self._before_trigger()
        if _HONOUR.search(before):
            return True  # "国家级农业产业化重点龙头企业": an honour, no industry led
        chain_end = s.start + len(before) - 1  # (where a chain before 上 would end)
        if before.endswith("链上") and not any(
            m.type == C.IndustryChain and m.end == chain_end for m in self.art.by_sent[self.i]
        ):
            return True  # "30家链上领军企业": firms on a chain, not its leaders
        if not t.frame.bare_industry:
            led = _INDUSTRY_BEFORE.search(before)
            if led and industry_start(s, s.start + led.start(), self.floor) is not None:
                return True  # "依托特钢产业龙头X": X leads an industry, not a chain
        if not t.frame.bare_industry and s.text.startswith("的", t.end - s.start):
            led = _LED_INDUSTRY.match(s.text, t.end - s.start + 1)
            if led and industry_start(s, s.start + led.end(1), s.start + led.start(1)) is not None:
                return True
        if not any(m.type == C.IndustryCluster for m in self.art.by_sent[self.i]):
            return False
        lo, hi = _clause_span(self.s.text, self.s.start, self.t.start, self.t.end)
        led = [
            m
            for m in self.art.by_sent[self.i]
            if max(lo, self.floor) <= m.start
            and m.end <= min(subjects_start, self.t.start)
            and m.type in (C.IndustryChain, C.IndustryCluster)
            and m.rule != GENERIC
        ]
        if led and min(led, key=lambda m: m.start).type == C.IndustryCluster:
            self.cluster = min(led, key=lambda m: m.start)
            return True  # "Z产业集群主要是以A、B为核心企业": the clause's topic is a cluster
        after = [
            m
            for m in self.art.by_sent[self.i]
            if self.t.end <= m.start < min(hi, self.ceiling)
            and m.type in (C.IndustryChain, C.IndustryCluster)
            and m.rule != GENERIC
        ]
        if after and min(after, key=lambda m: m.start).type == C.IndustryCluster:
            self.cluster = min(after, key=lambda m: m.start)  # "以X为龙头的Z产业集群"
            return True
        return False

    def cluster_after(self) -> Mention | None:
        """The cluster "以X为龙头,…的Z产业集群" builds: the first the sentence names after the
        trigger, before the next frame of its kind, right after a 的 and in the same clause
        chain (no ; or 。 between): what the firms lead when no step found a chain."""
        s = self.s
        for m in self.art.by_sent[self.i]:
            if m.type == C.IndustryCluster and self.t.end <= m.start < self.ceiling:
                between = s.text[self.t.end - s.start : m.start - s.start]
                if between.endswith("的") and not any(c in between for c in ";;。"):
                    return m
                return None
        return None

    def _clause(self, subjects_start: int) -> list[Mention]:
        lo, hi = _clause_span(
            self.s.text, self.s.start, min(subjects_start, self.t.start), self.t.end
        )
        lo, hi = max(lo, self.floor), min(hi, self.ceiling)
        return (
            self._after(self.t.end, hi, self._generic_ok())
            or self._industry_after(hi)
            or self._framed(subjects_start)
            or self._before(lo, min(subjects_start, self.t.start), self._generic_ok())
        )

    def _framed(self, subjects_start: int) -> list[Mention]:
        """The chain the clause sets its firms in, between them and the trigger: "X在Z产业链中
        处于龙头地位", "X在全省Z产业链上扮演链主角色"."""
        s = self.s
        for m in self.art.chains(self.i):
            if subjects_start <= m.start and m.end <= self.t.start:
                after = s.text[m.end - s.start : m.end - s.start + 2]
                if _FRAMED_BEFORE.search(s.before(m.start)) and after.startswith(_FRAMED_AFTER):
                    return _siblings(m, self.art.chains(self.i), s.text, s.start)
        return []

    def _industry_after(self, hi: int) -> list[Mention]:
        """A bare industry the trigger is said of ("以X为链主的肉食品加工产业"): industry words
        right after 的, ending the clause, followed by 产业 or 行业, or by more industries
        coordinated with it ("以X为链主的特种钢、以Y为链主的…", "…的汽车、电子等产业")."""
        if not self.t.frame.bare_industry:
            return []
        s, t = self.s, self.t
        if s.text[t.end - s.start : t.end - s.start + 1] != "的":
            return []
        found: list[tuple[int, int]] = []
        a = t.end + 1
        while True:
            b = self._industry_words(a, hi)
            if b - a < 2 or industry_start(s, b, a) != a:
                break
            if all(word_kind(x.text) == MOD for x in _words_within(s, a, b)):
                break  # "以X为链主的企业": modifiers alone name no industry
            rest = s.text[b - s.start : hi - s.start]
            if rest.startswith(("产业", "行业")):
                b += 2  # (its name holds the word)
            elif rest and not rest.startswith((*_ENDS_OF, "等", *_INDUSTRY_JOINERS)):
                break  # "…的汽车零部件企业": the industry qualifies something else
            found.append((a, b))
            rest = s.text[b - s.start : hi - s.start]
            joiner = next((j for j in _INDUSTRY_JOINERS if rest.startswith(j)), None)
            if joiner is None:
                break
            a = b + len(joiner)
        if not found:
            found = self._item_of_parallel(t.end + 1, hi)
        return [self._industry(x, y) for x, y in found]

    def _item_of_parallel(self, a: int, hi: int) -> list[tuple[int, int]]:
        """Words the lexicon does not know, in the slot of a frame repeated item by item
        ("以X为链主的电驱防爆、以Y为链主的…"): the repetition says they name an industry, when
        they are a short run of content words."""
        s = self.s
        m = _PARALLEL_ITEM.match(s.text, a - s.start)  # (the next item is past `hi`)
        if m is None or s.start + m.end(1) > hi:
            return []
        b = s.start + m.end(1)
        toks = _words_within(s, a, b)
        if not toks or toks[0].start != a or toks[-1].end != b:
            return []  # (the words must be whole)
        if pos(toks[0].text) == "v" or s.text.count(self.s.sub(self.t.start, self.t.end + 1)) < 2:
            return []  # (a verb starts no industry; the frame must be repeated)
        if any(word_kind(x.text) == PLACE or pos(x.text) in _NOT_CONTENT for x in toks):
            return []
        return [(a, b)]

    def _industry_words(self, a: int, hi: int) -> int:
        """Where the run of industry words starting at `a` ends (`a` when there is none)."""
        s = self.s
        b = a
        for tok in s.toks[bisect.bisect_left(_starts(s.toks), a) :]:
            if tok.start != b or tok.end > hi or tok.text in ("产业", "行业"):
                break
            if word_kind(tok.text) in (PLACE, STOP):
                break
            b = tok.end
        return b

    def _sentence(self, subjects_start: int) -> list[Mention]:
        return (
            self._after(self.t.end, self.ceiling, False)
            or self._industry_developed()
            or self._before(self.floor, min(subjects_start, self.t.start), self._generic_ok())
            or self._framed(self.s.start)  # (before the part of the sentence the frame owns)
        )

    def _industry_developed(self) -> list[Mention]:
        """The industry the next clause develops around the leaders: "以X为龙头,发展高端稀土
        新材料和应用产业" (with no chain named: the chain would be found first)."""
        s, t = self.s, self.t
        if not t.frame.bare_industry:
            return []
        m = _DEVELOPS.match(s.text, t.end - s.start)
        if m is None:
            return []
        a = s.start + m.end()
        led = _LED_INDUSTRY.match(s.text, m.end())
        if led is None or s.start + led.end() > self.ceiling:
            return []
        b = s.start + led.end(1)
        start = industry_start(s, b, a)
        if start != a or self._names_in(a, b):
            return []
        return [self._industry(a, s.start + led.end())]

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


def _only_work(s: _Sent, a: int, b: int) -> bool:
    """Whether [a, b) holds only words of work (生产, 研发, 制造): what firms do, no industry."""
    words = [t.text for t in _words_within(s, a, b)]
    return bool(words) and all(word_kind(w) == INNER or pos(w) in ("v", "vn") for w in words)
