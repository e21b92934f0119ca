"""The records that flow through the pipeline: Document, Sentence, Mention, Relation, Metric.

A `Document` is created by `kg.reader` (raw and normalised text with an offset map) and is then
filled by the pipeline steps in `kg.pipeline`. All offsets (`start`, `end`) index `Document.text`,
the normalised text; `Document.raw_span` maps them back to the original file's text.

>>> doc = Document(name="a.txt", raw="甲", text="甲", offsets=[0, 1])
>>> doc.raw_span(0, 1)
(0, 1)
"""

from __future__ import annotations

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

    @property
    def sha256(self) -> str:
        """Hash of the original text: changes exactly when the article's content changes."""
        return hashlib.sha256(self.raw.encode("utf-8")).hexdigest()

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalised text to the span of the original text."""
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1

    def sentence_at(self, pos: int) -> Sentence | None:
        """The sentence containing character `pos` of `text`."""
        for sent in self.sentences:
            if sent.start <= pos < sent.end:
                return sent
        return None
