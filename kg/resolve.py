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

__all__ = ["resolve"]

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
