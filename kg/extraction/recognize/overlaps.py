"""Which of overlapping mentions is kept."""

from __future__ import annotations

import bisect

from kg.reading.document import Mention
from kg.terms import C

# which class wins when two mentions overlap; nested firms inside projects and parks are kept
_PRIORITY = {
    C.Policy: 0,
    C.Strategy: 1,
    C.Project: 2,
    C.IndustrialPark: 3,
    C.IndustryCluster: 4,
    C.IndustryChain: 5,
    C.Enterprise: 6,
    C.Person: 7,
    C.ChainLeaderRole: 7,
    C.Region: 8,
    C.Industry: 9,
}


_RANKS = max(_PRIORITY.values()) + 1


_NESTABLE = {
    (C.Project, C.Enterprise),
    (C.Project, C.Region),
    (C.IndustrialPark, C.Region),
    (C.Enterprise, C.Region),
    (C.Project, C.IndustrialPark),
    (C.IndustryChain, C.Region),
    (C.Policy, C.Region),
    (C.Policy, C.IndustryChain),
    (C.Policy, C.Strategy),
    (C.Project, C.IndustryChain),
    (C.IndustrialPark, C.Enterprise),
}


def _resolve_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep the best of overlapping mentions: longer first, then by class priority."""

    uniq: dict[tuple[str, int, int], Mention] = {}
    for m in _industries_aside(mentions):
        uniq.setdefault((m.type, m.start, m.end), m)
    if not uniq:
        return []
    # ranked by (-length, priority, start), each key one number (ints compare cheaper than
    # tuples): `width` exceeds every offset, and priorities are below `_RANKS`
    width = max(m.end for m in uniq.values()) + 1
    priority = _PRIORITY
    ranked = sorted(
        uniq.values(),
        key=lambda m: ((m.start - m.end) * _RANKS + priority[m.type]) * width + m.start,
    )
    starts: list[int] = []  # kept mentions, sorted by start
    kept: list[Mention] = []
    longest = 0
    for m in ranked:
        ok = True
        # kept mentions that can overlap m start before m.end and end after m.start
        lo = bisect.bisect_left(starts, m.start - longest)
        hi = bisect.bisect_left(starts, m.end)
        for k in kept[lo:hi]:
            if m.end <= k.start or k.end <= m.start:
                continue
            inside = k.start <= m.start and m.end <= k.end
            if inside and (k.type, m.type) in _NESTABLE:
                continue
            ok = False
            break
        if ok:
            pos_ = bisect.bisect_left(starts, m.start)
            starts.insert(pos_, m.start)
            kept.insert(pos_, m)
            longest = max(longest, m.end - m.start)
    return sorted(kept, key=lambda m: m.start * width - m.end)  # by start, longest first


def _industries_aside(mentions: list[Mention]) -> list[Mention]:
    """Without the industries a list names where they overlap a mention of another class: an
    item that another phrasing reads as a firm or a place is one ("A、B等产业" lists what the
    sentence names)."""
    others = sorted((m.start, m.end) for m in mentions if m.type != C.Industry)
    if len(others) == len(mentions):
        return mentions
    starts = [a for a, _ in others]
    longest = max((b - a for a, b in others), default=0)

    def overlaps(m: Mention) -> bool:
        lo = bisect.bisect_left(starts, m.start - longest)
        hi = bisect.bisect_left(starts, m.end)
        return any(a < m.end and m.start < b for a, b in others[lo:hi])

    return [m for m in mentions if m.type != C.Industry or not overlaps(m)]
