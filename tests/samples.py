"""A small article built by hand (no extractor), shared by the tests of kg.graph.rdf, kg.graph.store
and kg.graph.query: chain leaders as a role and as a person, a leading enterprise, a park, one
metric."""

from __future__ import annotations

from kg.iris import entity_iri
from kg.reading.document import Document, Entity, Mention, Metric, Relation, Sentence

__all__ = ["TEXT", "MENTIONS", "RELATIONS", "sample_document"]

# A small article built by hand (no extractor): chain leaders as a role and as a person, a
# leading enterprise, a park and one metric. Offsets into the raw text are shifted by two.
TEXT = (
    "昭通市由市级领导担任绿色铝产业链链长。"
    "冯怀玉担任新材料产业链链长。"
    "云铝海鑫是绿色铝产业链的龙头企业，位于昭通经济技术开发区。"
    "2022年，云铝海鑫实现产值110亿元。"
)
MENTIONS = [  # (class, text, which occurrence in TEXT)
    ("Region", "昭通市", 0),
    ("ChainLeaderRole", "市级领导", 0),
    ("IndustryChain", "绿色铝产业链", 0),
    ("Person", "冯怀玉", 0),
    ("IndustryChain", "新材料产业链", 0),
    ("Enterprise", "云铝海鑫", 0),
    ("IndustryChain", "绿色铝产业链", 1),
    ("IndustrialPark", "昭通经济技术开发区", 0),
    ("Enterprise", "云铝海鑫", 1),
]
RELATIONS = [  # (predicate, subject mention, object mention), indices into MENTIONS
    ("chainLeaderOf", 1, 2),
    ("chainLeaderOf", 3, 4),
    ("leadsChain", 5, 6),
    ("locatedIn", 5, 7),
]


def _find(text: str, needle: str, nth: int) -> int:
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(needle, pos + 1)
    return pos


def sample_document(name: str = "001_sample.txt", text: str = TEXT) -> Document:
    """The sample article as the pipeline would leave it: sentences, mentions, entities, facts."""
    doc = Document(
        name=name,
        raw="  " + text,
        text=text,
        offsets=[i + 2 for i in range(len(text) + 1)],
        title="昭通：推行产业链链长制",
    )
    start = 0
    for piece in text.split("。")[:-1]:
        end = start + len(piece) + 1
        doc.sentences.append(Sentence(start, end, text[start:end]))
        start = end
    for cls, label, nth in MENTIONS:
        at = _find(text, label, nth)
        mention = Mention(cls, label, at, at + len(label), iri=entity_iri(cls, label), rule="hand")
        doc.mentions.append(mention)
        entity = doc.entities.setdefault(mention.iri, Entity(mention.iri, cls, label))
        entity.mentions.append(mention)
    doc.entities[entity_iri("Enterprise", "云铝海鑫")].aliases.add("云南云铝海鑫铝业有限公司")
    for predicate, s, o in RELATIONS:
        subject, object_ = doc.mentions[s], doc.mentions[o]
        doc.relations.append(
            Relation(predicate, subject, object_, doc.sentence_at(subject.start), rule="hand")
        )
    at = text.index("产值110亿元")
    doc.metrics.append(
        Metric(
            "产值",
            110.0,
            "亿元",
            2022,
            "产值110亿元",
            at,
            at + 7,
            doc.sentence_at(at),
            subject=doc.mentions[8],
        )
    )
    return doc
