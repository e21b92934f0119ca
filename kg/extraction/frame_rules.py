"""The relation frames as data: triggers, the positions their subjects stand at and the guards
of `kg/extraction/rules/frames.toml`, compiled once; finding a sentence's triggers; how much
each step of the chain search is worth.

>>> frames, positions, generic = load_frames()
>>> any(f.predicate == "leadsChain" for f in frames), len(positions) > 3
(True, True)
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from kg.extraction.recognize.boundaries import _Sent
from kg.extraction.recognize.industries import industry_start
from kg.extraction.segment import rules
from kg.extraction.symbols import SYMBOLS, expand
from kg.reading.document import Mention

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
    # what a bare industry its firms lead is: a chain (a 链主 names one) or an industry
    names_chain: bool = False
    # the predicate relating its firms to the place in force when no chain is found: a
    # leading firm of nothing named is a leading firm of the place (省级龙头企业A、B)
    chainless: str = ""
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
    builds: bool = False  # the phrase goes on to what the firms lead: 以X为T,…的Z产业集群
    # which subjects a frame that finds no chain relates to the place (Frame.chainless): "all",
    # or only those of a "list" of two or more (a word after a bare 龙头 is often no name)
    chainless: str = "all"
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
            names_chain=f.get("names_chain", False),
            chainless=f.get("chainless", ""),
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
            builds=p.get("builds", False),
            chainless=p.get("chainless", "all"),
            example=p.get("example", ""),
            expect=tuple(tuple(x) for x in p.get("expect", [])),
        )
        for p in data["position"]
    )
    guard = data["guard"]
    verbs = sorted(guard["generic_verbs"], key=len, reverse=True)
    describing = set(guard["describing"])  # (followed by 的, these say what the firm is)
    return (
        frames,
        positions,
        re.compile("|".join(re.escape(v) + ("(?!的)" if v in describing else "") for v in verbs)),
    )


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
                if not (reach[k] == a + 1 and text.startswith("产业链主", m.start() - 2)):
                    continue  # 龙头山镇, 链主企业 inside a name
                a += 1  # "智能家电产业链主企业": the chain and 链主 share one 链
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


def _guarded(abstract_: str, m: re.Match, generic: re.Pattern) -> bool:
    """Whether the text a position reaches over to its trigger holds a verb that makes the
    trigger a kind of firm ("X将培育链主企业"); a verb of bringing in followed by 的 describes
    the firm instead ("X是东岭区引进的链主企业": the pattern of `load_frames` leaves it out)."""
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
