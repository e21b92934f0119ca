"""Mentions of enterprises, chains, clusters, parks, projects, policies, strategies, regions,
people and chain-leader roles, found by how the sentence is phrased rather than by lists of names.

A name ends in a suffix of its class (…产业链, …经开区, …项目, …有限公司) and starts where the
words before it stop being part of a name: a verb that governs it, a function word, punctuation
or a date. Firms without a suffix are found where the sentence makes them firms: the items of
"A、B等企业", the subject of 为龙头 / 链主, partners of 签约. Coordinated lists that share one
suffix ("A、B、C产业链") give one mention per item.

>>> from kg.reading.reader import read_text
>>> from kg.reading.sentences import split_sentences
>>> doc = recognize(split_sentences(read_text("以云铝海鑫为龙头,延伸绿色铝产业链。")))
>>> sorted((m.type, m.text) for m in doc.mentions)
[('Enterprise', '云铝海鑫'), ('IndustryChain', '绿色铝产业链')]
"""

from __future__ import annotations

import bisect

from kg.extraction.recognize.boundaries import _GLUED, _doc_starts, _known_starts, _Sent
from kg.extraction.recognize.chains import _chains_after_colon, _industry_lists, _led_with
from kg.extraction.recognize.firms import (
    _FIRM_ONLY,
    _bare_brands,
    _coordinated_firms,
    _facility_firms,
    _firm_list_items,
    _short_firms,
)
from kg.extraction.recognize.lexicon import _SUFFIX_CLASSES, _UNSURE, GENERIC, _patterns
from kg.extraction.recognize.names import (
    _persons,
    _policies,
    _regions,
    _roles,
    _short_titles,
    _strategies,
)
from kg.extraction.recognize.overlaps import _resolve_overlaps
from kg.extraction.recognize.projects import _project_list_items
from kg.extraction.recognize.suffixes import _suffix_matches, _suffix_names
from kg.extraction.segment import Token
from kg.reading.document import Document, Mention
from kg.terms import C

__all__ = ["recognize", "GENERIC"]


def _sentence_mentions(s: _Sent) -> list[Mention]:
    out: list[Mention] = []
    text = s.text
    suffixes = _suffix_matches(text)
    for cls in filter(suffixes.__contains__, _SUFFIX_CLASSES):  # (in the classes' order)
        out.extend(_suffix_names(s, cls, suffixes[cls]))
    # each recogniser runs only where the characters its phrasing needs are written
    if "《" in text:
        out.extend(_policies(s))
    if "“" in text or "大" in text:
        out.extend(_strategies(s))
    out.extend(_regions(s))
    if "链长" in text or _patterns()["titles"].search(text) is not None:
        out.extend(_persons(s))
    if "链长" in text:
        out.extend(_roles(s))
    out.extend(_firm_list_items(s))
    if "等" in text and "项目" in text:
        out.extend(_project_list_items(s))
    out.extend(_short_firms(s))
    if _FIRM_ONLY.search(text) is not None:  # (a noun said only of firms: in few sentences)
        out.extend(_bare_brands(s))
    if _patterns()["facility"].search(text):
        out.extend(_facility_firms(s))
    if "产业链" in text and any(c in text for c in _LIST_OPENERS):
        out.extend(_chains_after_colon(s))
    if "产业" in text or "行业" in text or "板块" in text:
        out.extend(_industry_lists(s))
        if "以" in text and "产业" in text:
            out.extend(_led_with(s))
    return out


# what may open a list of chains after "N条产业链" (a colon, a dash, 即 / 分别 / 具体 / 包括)
_LIST_OPENERS = (":", "：", "——", "即", "分别", "具体", "包括")


def recognize(doc: Document) -> Document:
    """Pipeline step: fill `doc.mentions` (generic ones carry `rule == GENERIC`)."""
    found: list[Mention] = []
    toks = doc.tokens
    if toks and not isinstance(toks[0], Token):  # read back from JSON: plain lists
        toks = [Token(*t) for t in toks]
    starts = _doc_starts(toks)
    k = 0
    read: list[tuple[_Sent, list[Mention]]] = []
    for sent in doc.sentences:
        first = k
        k = bisect.bisect_left(starts, sent.end, first)
        own = None
        if toks:
            lo = bisect.bisect_left(starts, sent.start, first, k)
            own = toks[lo:k]
            _known_starts(own, starts[lo:k])
        sent_ = _Sent(sent, own)
        read.append((sent_, _sentence_mentions(sent_)))
    # the firms the article names anywhere: list items coordinated with one are firms
    known = {
        m.text for _, here in read for m in here if m.type == C.Enterprise and m.rule != _UNSURE
    }
    for sent_, here in read:
        n = len(here)
        text = sent_.text
        if "、" in text or "与" in text or "和" in text:  # (what coordinates items)
            here.extend(_coordinated_firms(sent_, here, known))
        found.extend(here)
        # (the mentions before `n` are in `known` already)
        known.update(m.text for m in here[n:] if m.type == C.Enterprise and m.rule != _UNSURE)
    doc.mentions = _resolve_overlaps(_unglued(_short_titles(found)))
    return doc


def _unglued(mentions: list[Mention]) -> list[Mention]:
    """Firms read with a preposition jieba glued to their first character ("以东|岭汽车" read
    as 以东岭汽车 by one phrasing, 东岭汽车 by another): the one without it is the name."""
    firms = {(m.start, m.end) for m in mentions if m.type == C.Enterprise}
    return [
        m
        for m in mentions
        if not (m.type == C.Enterprise and m.text[:1] in _GLUED and (m.start + 1, m.end) in firms)
    ]
