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

import functools
import operator
import re
from collections.abc import Callable, Mapping

from kg.extraction.chain_search import _Article, _Search
from kg.extraction.frame_rules import (
    _CLAUSE_ENDS,
    _SYMBOL_OF_TYPE,
    _T,
    FRAME_INDUSTRY,
    FRAME_SUBJECT,
    STEP_CONFIDENCE,
    Frame,
    Position,
    T,
    _guarded,
    _positions_of,
    _Trigger,
    _triggers,
    load_frames,
)
from kg.extraction.recognize.boundaries import _Sent
from kg.extraction.recognize.firms import _names_something
from kg.extraction.recognize.lexicon import _CJK, GENERIC, _lex
from kg.extraction.segment import pos
from kg.extraction.symbols import abstract, with_spans
from kg.reading.document import Document, Mention, Relation, Sentence
from kg.terms import C, P

__all__ = ["Frame", "Position", "load_frames", "frame_relations", "FRAME_INDUSTRY", "FRAME_SUBJECT"]


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
            # (most positions match nothing: a search costs half what finditer does)
            found = matches[pos_.regex.pattern] = (
                list(pos_.regex.finditer(abstract_)) if pos_.regex.search(abstract_) else []
            )
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
            if len(subs) > 1 and _GROUP_AFTER.match(abstract_, b):
                subs = _first_of_two_groups(abstract_, a, b, where, subs)
            subs = [x for x in subs if _SYMBOL_OF_TYPE.get(x.type) in t.frame.subjects]
            people = [x for x in subs if x.type == C.Person]
            if people:  # "周立新市长", "市长周立新": the role is the person's title
                subs = [x for x in subs if x.type != C.ChainLeaderRole or not _touches(x, people)]
            # "市委常委、常务副市长": a rank held with the office after it names one person
            subs = [
                x
                for k, x in enumerate(subs)
                if not (
                    x.type == C.ChainLeaderRole and x.text.endswith(_RANKS) and k + 1 < len(subs)
                )
            ]
            if subs:
                return subs, pos_, m.span()
    return [], None, (-1, -1)


# what joins a second role of the same subjects to the first: "…的龙头企业,也是B的领军企业"
_ALSO = re.compile(
    "[^,,;;。]{0,6}[,,](?:也|还|又|同时|同时也|更|并且?)(?:是|为|系|成为|作为)[^,,;;。]{0,24}"
)

# a list closed by 等 and a count or kind of firm: the group its items belong to
_GROUP_AFTER = re.compile("等[^,,。;;]{0,12}?(?:企业|公司|" + T + ")")


def _first_of_two_groups(
    abstract_: str, a: int, b: int, where: dict, subs: list[Mention]
) -> list[Mention]:
    """The subjects named before a conjunction that opens a second group: "链主企业A和B、C等
    近30家链上领军企业" names A the leader, B and C firms of another kind; otherwise all."""
    at = [k for k in range(a, b) if k in where and isinstance(where[k], Mention)]
    first_sep = abstract_[at[0] + 1 : at[1]]
    later = [abstract_[i + 1 : j] for i, j in zip(at[1:], at[2:], strict=False)]
    if first_sep in ("和", "及", "与") and later and all(x == "、" for x in later):
        return subs[:1]
    return subs


# ranks held together with an office, never a chain leader's post alone before another
_RANKS = ("常委", "党组成员")


def _touches(m: Mention, others: list[Mention]) -> bool:
    """Whether `m` stands right before or right after one of `others`."""
    return any(m.end == o.start or o.end == m.start for o in others)


def _firm_before(art: _Article, i: int, t: _Trigger) -> Mention | None:
    """The firm named last before the clause of trigger `t` in its own sentence ("X成功入选,
    该企业作为…龙头企业"), if any."""
    s = art.doc.sentences[i]
    opens = max(s.text.rfind(c, 0, t.start - s.start) for c in ",,;;")
    if opens < 0:
        return None
    firms = [m for m in art.firms(i) if m.end <= s.start + opens]
    return max(firms, key=lambda m: m.end) if firms else None


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


# a number of firms named before (这两家, 这三大): how many
_MANY = re.compile("[这该]([两二三四五])[家大个]")
_NUMBERS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5}


def _previous_firms(art: _Article, i: int, n: int) -> list[Mention]:
    """The last `n` firms named in the sentences before sentence `i` (in its paragraph, at most
    three back), in the text's order; none when fewer were named ("…。这两家链主企业")."""
    sents = art.doc.sentences
    found: dict[str, Mention] = {}
    for j in range(i - 1, max(i - 4, -1), -1):
        if sents[j].paragraph != sents[i].paragraph:
            break
        for m in sorted(art.firms(j), key=lambda m: m.start, reverse=True):
            if m.label not in found:
                found[m.label] = m
        if len(found) >= n:
            break
    if len(found) < n:
        return []
    return sorted(list(found.values())[:n], key=lambda m: m.start)


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


def frame_relations(
    doc: Document,
    by_sent: list[list[Mention]],
    abstracts: Mapping[int, tuple[str, dict[int, Mention]]] | None = None,
    place_at: Callable[[int, int], Mention | None] | None = None,
) -> list[Relation]:
    """The relations of every frame in `doc` (`by_sent`: each sentence's mentions; `abstracts`:
    the abstract sentences of some of them, by index, as `abstract` makes them with no extra
    spans, when already made; `place_at(i, pos)`: the park or place in force at `pos` of
    sentence `i`, which the firms of a frame that finds no chain lead, when the frame says so)."""
    art = _Article(doc, by_sent)
    out: list[Relation] = []
    for i, sent in enumerate(doc.sentences):
        if _gate().search(sent.text) is None:
            continue  # no trigger word here
        mentions = by_sent[i]
        if not any(m.type in _SUBJECT_TYPES for m in mentions) and not _THIS.search(sent.text):
            continue  # no firm, person or role to fill a frame, and none named before (这家)
        s = art.sent(i)
        triggers = _triggers(s, mentions)
        if not triggers:
            continue
        spans = [(t.start, t.end, T, t) for t in triggers]
        made = abstracts.get(i) if abstracts is not None else None
        if made is not None:  # the triggers put into the abstract sentence the rules read
            abstract_, where = with_spans(made, sent.start, spans)
        else:
            abstract_, where = abstract(sent, mentions, spans)
        # the triggers stand in the abstract sentence in their order
        tpos_of = {id(t): m.start() for t, m in zip(triggers, _T.finditer(abstract_), strict=True)}
        filled: list[tuple[_Trigger, list[Mention], Position, str]] = []
        matches: dict[str, list[re.Match]] = {}
        for t in triggers:
            tpos = tpos_of[id(t)]
            subs, pos_, mspan = _subjects(abstract_, where, tpos, t, matches)
            if not subs and filled and filled[-1][0].frame.predicate == t.frame.predicate:
                prev_t, prev_subs, prev_pos, _ = filled[-1]
                between = sent.text[prev_t.end - sent.start : t.start - sent.start]
                if _ALSO.fullmatch(between):  # "X是A的龙头企业,也是B的领军企业": X again
                    filled.append((t, prev_subs, prev_pos, "sentence"))
                    continue
            if pos_ is not None and pos_.previous:
                many = _MANY.search(abstract_, mspan[0], mspan[1])
                if many is not None:  # 这两家龙头企业: the last firms named before
                    subs = _previous_firms(art, i, _NUMBERS.get(many.group(1), 0))
                else:
                    firm = _firm_before(art, i, t) or _previous_firm(art, i)
                    subs = [firm] if firm is not None else []
            if subs:
                if pos_.previous:
                    reach = "the sentence before"
                else:
                    span = abstract_[mspan[0] : mspan[1]]
                    reach = "clause" if _CLAUSE_END_SET.isdisjoint(span) else "sentence"
                filled.append((t, subs, pos_, reach))
        for t, subs, pos_, reach in filled:
            own = _bracketed(sent.text, sent.start, subs, mentions)
            if own is not None:  # "链主企业:A(Z产业链)、B(W产业链)": each its own chain
                pairs = own
                confidence = round(t.frame.confidence * pos_.confidence, 2)
                how = f"{pos_.name} ({reach}); chain: in brackets after each"
            else:
                floor, ceiling = _owned(filled, t, sent)
                subjects_start = min(m.start for m in subs)
                search = _Search(art, i, s, t, floor, ceiling)
                chains, step = search.run(subjects_start)
                if "generic" not in t.frame.search:  # (a chain in general is one it names)
                    chains = [c for c in chains if c.rule != GENERIC]
                cluster = search.cluster
                if cluster is None and not chains and pos_.builds:
                    cluster = search.cluster_after()
                if not chains and cluster is not None and t.frame.predicate == P.leadsChain:
                    # "以X为龙头的Z产业集群": the firms lead the cluster, not a chain
                    confidence = round(t.frame.confidence * pos_.confidence, 2)
                    where = "clause" if search.cluster is not None else "sentence"
                    how = f"{pos_.name} ({reach}); cluster: {where}"
                    out.extend(
                        Relation(
                            P.leadsCluster,
                            subj,
                            cluster,
                            sent,
                            rule=f"frame:{t.frame.name}",
                            how=how,
                            confidence=confidence,
                        )
                        for subj in subs
                    )
                    continue
                if not chains:
                    if t.frame.chainless and place_at is not None:
                        place = place_at(i, subjects_start)
                        out.extend(_chainless(t, pos_, reach, subs, sent, place))
                    continue
                pairs = _pairs(sent.text, sent.start, subs, chains, t)
                step_confidence = STEP_CONFIDENCE[step]
                confidence = round(t.frame.confidence * pos_.confidence * step_confidence, 2)
                how = f"{pos_.name} ({reach}); chain: {step}"
            for subj, chain in pairs:
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


# how sure a place in force is the place a leading firm of no chain named leads in
_PLACE_IN_FORCE = 0.8


def _chainless(
    t: _Trigger,
    pos_: Position,
    reach: str,
    subs: list[Mention],
    sent: Sentence,
    place: Mention | None,
) -> list[Relation]:
    """The firms of frame `t` that names no chain, as leading firms of `place` (the park or
    place in force: "开发区现有国家级龙头企业4家(A、B…)"); none when no place is in force."""
    if place is None or pos_.chainless == "list" and len(subs) < 2:
        return []
    confidence = round(t.frame.confidence * pos_.confidence * _PLACE_IN_FORCE, 2)
    how = f"{pos_.name} ({reach}); no chain named; place: in force"
    return [
        Relation(
            t.frame.chainless, subj, place, sent,
            rule=f"frame:{t.frame.name}", how=how, confidence=confidence,
        )
        for subj in subs
        if not (subj.start < place.end and place.start < subj.end)
    ]  # fmt: skip


def _owned(filled: list, t: _Trigger, sent: Sentence) -> tuple[int, int]:
    """The part of the sentence frame `t` owns: between the frames of its kind before and
    after it ("以A为龙头,X产业链…,以B为龙头,Y产业链")."""
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
    return floor, ceiling


def _bracketed(
    text: str, offset: int, subs: list[Mention], mentions: list[Mention]
) -> list[tuple[Mention, Mention]] | None:
    """Each subject with the chain written in brackets right after it ("A(Z产业链)、B(W产业链)"),
    when every subject of a list of two or more has one; else None."""
    if len(subs) < 2:
        return None
    chains = {m.start: m for m in mentions if m.type == C.IndustryChain}
    out = []
    for subj in subs:
        at = subj.end - offset
        chain = chains.get(subj.end + 1) if text[at : at + 1] in ("(", "（") else None
        if chain is None or text[chain.end - offset : chain.end - offset + 1] not in (")", "）"):
            return None
        out.append((subj, chain))
    return out


def _pairs(
    text: str, offset: int, subs: list[Mention], chains: list[Mention], t: _Trigger
) -> list[tuple[Mention, Mention]]:
    """Which subject goes with which chain: each with each, or item by item where the sentence
    says 分别 between the subjects and the trigger and names as many chains as subjects
    ("A、B分别为X、Y产业链链主企业": A leads X, B leads Y).

    >>> from kg.reading.document import Mention
    >>> a, b = Mention("Enterprise", "A", 0, 1), Mention("Enterprise", "B", 2, 3)
    >>> x, y = Mention("IndustryChain", "X", 6, 7), Mention("IndustryChain", "Y", 8, 9)
    >>> trig = type("T", (), {"start": 10, "end": 12})()
    >>> [(s.text, c.text) for s, c in _pairs("A、B分别为X、Y产业链链主", 0, [a, b], [x, y], trig)]
    [('A', 'X'), ('B', 'Y')]
    """
    if 2 <= len(subs) == len(chains):
        # (the chains may come first: "X、Y产业链链长分别由A、B担任")
        lo = min(t.start, *(m.start for m in subs), *(c.start for c in chains)) - offset
        hi = max(t.end, *(m.end for m in subs), *(c.end for c in chains)) - offset
        if "分别" in text[lo:hi]:
            by_start = operator.attrgetter("start")
            return list(zip(sorted(subs, key=by_start), sorted(chains, key=by_start), strict=True))
    return [(subj, chain) for subj in subs for chain in chains]


_CLAUSE_END_SET = frozenset(_CLAUSE_ENDS)
_SUBJECT_TYPES = frozenset({C.Enterprise, C.Person, C.ChainLeaderRole})
_THIS = re.compile("这家|该企业|该公司|该集团|这个企业|这一企业|他们|它|" + _MANY.pattern)


@functools.cache
def _gate() -> re.Pattern:
    """Any frame's gate word: a trigger word may be in a sentence that holds one."""
    frames, _, _ = load_frames()
    return re.compile("|".join(f.gate.pattern for f in frames))
