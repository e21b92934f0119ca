"""Mentions -> entities with stable IRIs, and the merge log that says why.

In one article, a short name and the full name of the same firm are one entity when the short
name is part of exactly one longer name (华宁新材料 and 云南华宁新材料股份有限公司). Across
articles the same normalised label is the same IRI. Different names are never merged on a guess.

>>> from kg.document import Document, Mention
>>> doc = Document(name="a.txt", raw="", text="", offsets=[0])
>>> doc.mentions = [Mention("Enterprise", "云南华宁新材料股份有限公司", 0, 13),
...                 Mention("Enterprise", "华宁新材料", 20, 25)]
>>> sorted({m.label for m in resolve(doc).mentions})
['云南华宁新材料股份有限公司']
"""

from __future__ import annotations

import functools

from kg import iris
from kg.document import Document, Entity, Mention, Merge
from kg.recognize import GENERIC
from kg.recognize.boundaries import _strip_generic
from kg.recognize.lexicon import _CJK, _UNSURE, _brand_like, _is_region_word, _lex
from kg.recognize.overlaps import _resolve_overlaps
from kg.segment import freq, tokenize

__all__ = ["corefer", "resolve"]

# Articles name the same few things over and over: remember the last few thousand answers.
normalise_label = functools.lru_cache(maxsize=4096)(iris.normalise_label)
entity_iri = functools.lru_cache(maxsize=4096)(iris.entity_iri)

_FIRM_SUFFIXES = (
    "股份有限公司",
    "有限责任公司",
    "集团有限公司",
    "有限公司",
    "集团公司",
    "集团",
    "公司",
)


def _full_name_of(short: str, longer: list[str]) -> str | None:
    """The one longer firm name that contains `short`, or None when there are none or several."""
    hosts = [n for n in longer if short in n and n != short]
    # prefer names that are the short name plus a company suffix or place prefix
    if len(hosts) == 1:
        return hosts[0]
    return None


_REGION_SUFFIXES = ("省", "市", "县", "区", "州", "镇", "乡")


def _region_full_names(labels: set[str]) -> dict[str, str]:
    """昭通 -> 昭通市 when the article writes both and no other 昭通+suffix."""
    out = {}
    for label in labels:
        hosts = [label + sfx for sfx in _REGION_SUFFIXES if label + sfx in labels]
        if len(hosts) == 1:
            out[label] = hosts[0]
    return out


def _canonical(doc: Document) -> None:
    firms = sorted(
        {normalise_label(m.label) for m in doc.mentions if m.type == "Enterprise"},
        key=len,
        reverse=True,
    )
    full = {n: _full_name_of(n, firms) for n in firms}
    regions = _region_full_names(
        {normalise_label(m.label) for m in doc.mentions if m.type == "Region"}
    )
    for m in doc.mentions:
        label = normalise_label(m.label)
        reason = "same name" if label == normalise_label(m.text) else "canonical form"
        if m.type == "Enterprise":
            host = full.get(label)
            seen = set()
            while host and host not in seen:  # follow chains: 华宁 -> 华宁新材料 -> full name
                seen.add(host)
                label, reason = host, f"short name of {host}"
                host = full.get(host)
        if m.type == "Region" and label in regions:
            label, reason = regions[label], f"short name of {regions[label]}"
        m.label = label
        m.iri = entity_iri(m.type, label)
        doc.merges.append(Merge(doc.name, m.text, m.type, label, m.iri, reason))


# --- mention-level coreference ----------------------------------------------------------


def corefer(doc: Document) -> Document:
    """Pipeline step: a firm named once is that firm wherever else the article writes its
    name, in full or in a short form (岳禾智能装备股份有限公司 … 岳禾智能); a firm guessed
    from a project's name is kept only when the article writes it twice.

    >>> from kg.reader import read_text
    >>> from kg.pipeline import extract
    >>> doc = extract(read_text("以岳禾科技为龙头。岳禾科技新建厂房。"))
    >>> [(m.text, m.rule) for m in doc.mentions if m.type == "Enterprise"]
    [('岳禾科技', '以X为龙头'), ('岳禾科技', 'same-article')]
    """
    doc.mentions = _resolve_overlaps(_propagate(doc, doc.mentions))
    return doc


def _propagate(doc: Document, mentions: list[Mention]) -> list[Mention]:
    mentions = [m for m in mentions if m.rule != _UNSURE or doc.text.count(m.text) >= 2]
    names = {m.text for m in mentions if m.type == "Enterprise" and len(m.text) >= 2}
    if not names:
        return mentions
    shorts = {short for name in names for short in _short_names(name)} - names
    extra = [
        Mention(
            "Enterprise",
            doc.text[a:b],
            a,
            b,
            rule="short-name" if doc.text[a:b] in shorts else "same-article",
        )
        for a, b in _occurrences(doc.text, names | shorts)
        if doc.sentence_at(a) is not None
    ]
    return mentions + extra


@functools.lru_cache(maxsize=1 << 12)
def _short_names(name: str) -> frozenset[str]:
    """How an article goes on to call a firm it first named in full: without the legal form,
    a leading place or the last industry word (岳禾智能装备股份有限公司 -> 岳禾智能装备,
    岳禾智能; 湖北三环锻造有限公司 -> 三环锻造). Only forms of four characters or more that
    are no dictionary word and open with a brand are kept.

    >>> sorted(_short_names("岳禾智能装备股份有限公司"))
    ['岳禾智能', '岳禾智能装备']
    """
    lx = _lex()
    legal = next(
        (x for x in sorted(lx["firm_suffixes"], key=len, reverse=True) if name.endswith(x)), ""
    )
    if len(legal) < 2 or len(name) - len(legal) < 4:
        return frozenset()
    core = name[: -len(legal)]
    forms = {core}
    head = tokenize(core)
    if head and _is_region_word(head[0].text):
        forms.add(core[len(head[0].text) :])
    for form in list(forms):
        word = next((w for w in lx["industry"] if form.endswith(w) and len(w) < len(form)), "")
        if word:
            forms.add(form[: -len(word)])
    return frozenset(
        f
        for f in forms
        if len(f) >= 4
        and not freq(f)
        and not _is_region_word(f)
        and _strip_generic(f) == f
        and _opens_with_brand(f)
    )


def _opens_with_brand(text: str) -> bool:
    """Whether `text`, past a leading place, opens with a brand: a word that is no ordinary
    one (岳禾, 三环) or two single characters (鑫燊), not a common word (能源投资)."""
    toks = tokenize(text)
    if toks and _is_region_word(toks[0].text):
        toks = toks[1:]
    if not toks or not _CJK.match(toks[0].text):
        return False
    if len(toks[0].text) > 1:
        return _brand_like(toks[0].text)
    return len(toks) > 1 and len(toks[1].text) == 1 and _CJK.match(toks[1].text) is not None


def _occurrences(text: str, words: set[str]) -> list[tuple[int, int]]:
    """Where `words` occur in `text`, read left to right, the longest at each place, without
    overlaps (as a regular expression of the words, longest first, would find them).

    >>> _occurrences("合盛硅业与合盛", {"合盛", "合盛硅业"})
    [(0, 4), (5, 7)]
    """
    found = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            found.append((at, at + len(word)))
            at = text.find(word, at + 1)
    found.sort(key=lambda ab: (ab[0], -ab[1]))
    out: list[tuple[int, int]] = []
    for a, b in found:
        if not out or a >= out[-1][1]:
            out.append((a, b))
    return out


# --- entities -----------------------------------------------------------------------------


def resolve(doc: Document) -> Document:
    """Pipeline step: set `label` and `iri` on every mention and build `doc.entities`.

    A generic mention ("产业链" alone) is kept only where a relation needs it (由市级领导担任
    产业链链长); relations that say the same thing twice in one sentence are kept once.
    """
    doc.merges = []
    ends = [m for r in doc.relations for m in (r.subject, r.object)]
    used = {id(m) for m in ends}
    doc.mentions = [m for m in doc.mentions if m.rule != GENERIC or id(m) in used]
    listed = {id(m) for m in doc.mentions}
    extra = list({id(m): m for m in ends if id(m) not in listed}.values())
    everything: list[Mention] = doc.mentions + extra
    saved, doc.mentions = doc.mentions, everything
    _canonical(doc)
    doc.mentions = saved
    doc.entities = {}
    for m in everything:
        ent = doc.entities.get(m.iri)
        if ent is None:
            ent = doc.entities[m.iri] = Entity(m.iri, m.type, m.label)
        ent.mentions.append(m)
        if normalise_label(m.text) != m.label:
            ent.aliases.add(m.text)
    seen: set[tuple] = set()
    relations = []
    for r in doc.relations:
        key = (r.predicate, r.subject.iri, r.object.iri, r.sentence.start)
        if key not in seen:
            seen.add(key)
            relations.append(r)
    doc.relations = relations
    for metric in doc.metrics:
        if metric.subject is not None and not metric.subject.iri:
            metric.subject.iri = entity_iri(metric.subject.type, metric.subject.label)
    return doc
