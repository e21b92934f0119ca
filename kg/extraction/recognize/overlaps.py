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

# the classes that give way to any mention of another class they overlap, however long: an item
# of a list of industries that another phrasing reads as a firm or a place is one
_GIVE_WAY = frozenset({C.Industry})


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
    for m in mentions:
        uniq.setdefault((m.type, m.start, m.end), m)
    if not uniq:
        return []
    # ranked by (-length, priority, start), each key one number (ints compare cheaper than
    # tuples): `width` exceeds every offset, and priorities are below `_RANKS`; the classes that
    # give way come after all others, whatever their length
    width = max(m.end for m in uniq.values()) + 1
    priority = _PRIORITY
    after = dict.fromkeys(_GIVE_WAY, width)
    ranked = sorted(
        uniq.values(),
        key=lambda m: (
            ((m.start - m.end + after.get(m.type, 0)) * _RANKS + priority[m.type]) * width + m.start
        ),
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
