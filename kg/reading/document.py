"""The records that flow through the pipeline: Document, Sentence, Mention, Relation, Metric.

A `Document` is created by `kg.reading.reader` (raw and normalised text with an offset map) and is
then filled by the pipeline steps in `kg.run.pipeline`. All offsets (`start`, `end`) index
`Document.text`, the normalised text; `Document.raw_span` maps them back to the original file's
text.

>>> doc = Document(name="a.txt", raw="甲", text="甲", offsets=[0, 1])
>>> doc.raw_span(0, 1)
(0, 1)
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field

__all__ = ["Document", "Sentence", "Mention", "Relation", "Metric", "Entity", "Merge"]


@dataclass
class Sentence:
    """A sentence of `Document.text`: `text == doc.text[start:end]`."""

    start: int
    end: int
    text: str
    paragraph: int = 0


@dataclass
class Mention:
    """A span of text naming something of an ontology class (`type` is the class local name)."""

    type: str
    text: str
    start: int
    end: int
    label: str = ""  # canonical label, set by the resolve step
    iri: str = ""  # entity IRI, set by the resolve step
    rule: str = ""  # which recogniser found it

    def __post_init__(self) -> None:
        if not self.label:
            self.label = self.text


@dataclass
class Relation:
    """A fact `subject predicate object` (`predicate` is the property local name) with evidence."""

    predicate: str
    subject: Mention
    object: Mention
    sentence: Sentence
    rule: str = ""
    how: str = ""  # how a relation frame filled its slots ("以X为T; chain: sentence")
    confidence: float = 1.0  # how sure the rule is, from 0 to 1


@dataclass
class Metric:
    """A statistic: `value` `unit` of `indicator` for `subject` in `year` (None when unstated)."""

    indicator: str
    value: float
    unit: str
    year: int | None
    text: str
    start: int
    end: int
    sentence: Sentence
    subject: Mention | None = None
    qualifier: str = ""


@dataclass
class Entity:
    """One resolved thing: all mentions of it in a document share its `iri`."""

    iri: str
    type: str
    label: str
    aliases: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Merge:
    """One line of the merge log: `mention` became `entity` for `reason`."""

    doc: str
    mention: str
    type: str
    entity_label: str
    iri: str
    reason: str


@dataclass
class Document:
    """One article: original text, normalised text and everything extracted from it."""

    name: str
    raw: str
    text: str
    offsets: list[int]  # offsets[i] = index in raw of text[i]; len(text) + 1 entries
    title: str = ""
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[tuple[str, int, int]] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    metrics: list[Metric] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    merges: list[Merge] = field(default_factory=list)
    # what tables the text holds (kg.extraction.tables.Table), parsed once by the step "tables"
    tables: list = field(default_factory=list)
    # the tables' facts ("table-facts"), which "merge-tables" adds to `relations` and `metrics`
    table_relations: list[Relation] = field(default_factory=list)
    table_metrics: list[Metric] = field(default_factory=list)
    quads: str = ""  # the article's N-Quads: the build's step "triples" (kg.run.pipeline)

    @property
    def sha256(self) -> str:
        """Hash of the original text: changes exactly when the article's content changes."""
        return hashlib.sha256(self.raw.encode("utf-8")).hexdigest()

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalised text to the span of the original text."""
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1

    def title_index(self) -> int | None:
        """Which of the first sentences is the article's title (its text opens with the title,
        of four characters or more, headings' # aside), or None.

        >>> doc = Document("a", "", "", [0], title="# 某市产业发展")
        >>> doc.sentences = [Sentence(0, 5, "导语。"), Sentence(5, 12, "某市产业发展")]
        >>> doc.title_index()
        1
        """
        title = self.title.strip("# ")
        if len(title) < 4:
            return None
        return next(
            (i for i, s in enumerate(self.sentences[:12]) if s.text.strip("# ").startswith(title)),
            None,
        )

    def sentence_at(self, pos: int) -> Sentence | None:
        """The sentence containing character `pos` of `text` (the first one listed, if several).

        Looked up by bisection in an index made once for the current list of sentences.

        >>> doc = Document("a", "甲。乙。", "甲。乙。", [0, 1, 2, 3, 4])
        >>> doc.sentences = [Sentence(0, 2, "甲。"), Sentence(2, 4, "乙。")]
        >>> doc.sentence_at(3).text, doc.sentence_at(9)
        ('乙。', None)
        """
        sents = self.sentences
        index = self.__dict__.get("_sentence_index")
        if index is None or index[0] is not sents or index[1] != len(sents):
            index = self.__dict__["_sentence_index"] = (sents, len(sents), _starts(sents))
        starts = index[2]
        if starts is None:  # out of order or overlapping: the first listed wins
            for sent in sents:
                if sent.start <= pos < sent.end:
                    return sent
            return None
        i = bisect.bisect_right(starts, pos) - 1
        return sents[i] if i >= 0 and pos < sents[i].end else None


def _starts(sents: list[Sentence]) -> list[int] | None:
    """The sentences' start offsets when they are in order and do not overlap (as the
    splitter makes them), else None."""
    if all(a.end <= b.start for a, b in zip(sents, sents[1:], strict=False)):
        return [s.start for s in sents]
    return None
