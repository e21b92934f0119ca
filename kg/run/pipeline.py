"""The ordered steps that turn a Document into facts: extract(doc) -> doc.

The order is data: `STEPS` lists each `Step`, a callable `Document -> Document` with the
`Document` attributes it reads (`requires`) and sets (`assigns`), like spaCy's components.
`assemble` checks an order when the list is made: each step must come after a step that
assigns what it requires (or read it from the article: `READ`), and no step may assign afresh
what a step before it assigned, which would discard that step's work (a step that adds to an
attribute, or refines it, requires it too). The build's steps, `BUILD_STEPS`, end with the
article's triples (`TRIPLES`).

>>> from kg.reading.reader import read_text
>>> doc = extract(read_text("以云铝海鑫为龙头,绿色铝产业链链长工作取得新成效。"))
>>> [m.type for m in doc.mentions]
['Enterprise', 'IndustryChain']
>>> [step.name for step in BUILD_STEPS][-3:]
['merge-tables', 'resolve', 'triples']
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from kg.extraction.quantities import quantities
from kg.extraction.recognize import recognize
from kg.extraction.relate import relate
from kg.extraction.resolve import corefer, resolve
from kg.extraction.segment import segment
from kg.extraction.tables import merge_table_facts, read_tables, table_facts
from kg.graph.rdf import document_quads
from kg.reading.document import Document
from kg.reading.sentences import split_sentences

__all__ = [
    "Step",
    "StepOrderError",
    "READ",
    "STEPS",
    "TRIPLES",
    "BUILD_STEPS",
    "assemble",
    "extract",
    "extract_all",
    "triples",
]

#: What a `Document` holds once read (kg.reading.reader), before any step.
READ = ("name", "raw", "text", "offsets", "title")


@dataclass(frozen=True)
class Step:
    """One step of a pipeline: its name, its function and the `Document` attributes it reads
    (`requires`) and sets (`assigns`: afresh, or added to when it requires them too)."""

    name: str
    run: Callable[[Document], Document]
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()


class StepOrderError(ValueError):
    """A list of steps that cannot run in its order, or names what a `Document` does not hold."""


def assemble(steps: Iterable[Step], read: Sequence[str] = READ) -> tuple[Step, ...]:
    """`steps` in their order once checked: raises `StepOrderError` for a step that requires
    what no step before it assigns (nor `read` gives), assigns afresh what a step before it
    assigned, or names an attribute a `Document` does not have.

    >>> assemble([Step("segment", segment, ("text",), ("tokens",))])[0].name
    'segment'
    >>> try:
    ...     assemble([STEPS[2], STEPS[0]])
    ... except StepOrderError as err:
    ...     print(err)
    step "recognize" requires doc.sentences, which no step before it assigns (before it: none)
    """
    known = {f.name for f in dataclasses.fields(Document)}
    by: dict[str, str] = dict.fromkeys(read, "reading")  # attribute -> the last step that set it
    out: list[Step] = []
    for step in steps:
        if step.name in {s.name for s in out}:
            raise StepOrderError(f'two steps are named "{step.name}"')
        for attr in (*step.requires, *step.assigns):
            if attr not in known:
                raise StepOrderError(f'step "{step.name}" names doc.{attr}: no Document has it')
        for attr in step.requires:
            if attr not in by:
                before = ", ".join(s.name for s in out) or "none"
                raise StepOrderError(
                    f'step "{step.name}" requires doc.{attr}, which no step before it assigns'
                    f" (before it: {before})"
                )
        for attr in step.assigns:
            if attr in by and attr not in step.requires:
                raise StepOrderError(
                    f'step "{step.name}" assigns doc.{attr} afresh, discarding what "{by[attr]}"'
                    " assigned before it (a step that adds to it requires it too)"
                )
            by[attr] = step.name
        out.append(step)
    return tuple(out)


STEPS: tuple[Step, ...] = assemble(
    [
        Step("sentences", split_sentences, ("text",), ("sentences",)),
        Step("segment", segment, ("text",), ("tokens",)),
        Step("recognize", recognize, ("sentences", "tokens"), ("mentions",)),
        # a firm named once is that firm wherever it is written again
        Step("corefer", corefer, ("text", "sentences", "tokens", "mentions"), ("mentions",)),
        # the tables, parsed once; their rows their own sentences, their cells mentions
        Step(
            "tables",
            read_tables,
            ("text", "sentences", "mentions"),
            ("tables", "sentences", "mentions"),
        ),
        # the rows' relations and metrics, apart from the prose's
        Step(
            "table-facts",
            table_facts,
            ("tables", "sentences", "mentions"),
            ("table_relations", "table_metrics"),
        ),
        Step(
            "relate",
            relate,
            ("title", "sentences", "tokens", "mentions"),
            ("relations", "mentions"),
        ),
        Step(
            "quantities",
            quantities,
            ("raw", "text", "title", "sentences", "tokens", "mentions"),
            ("metrics",),
        ),
        # the rows' facts added to the prose's
        Step(
            "merge-tables",
            merge_table_facts,
            ("tables", "sentences", "relations", "metrics", "table_relations", "table_metrics"),
            ("relations", "metrics"),
        ),
        Step(
            "resolve",
            resolve,
            ("name", "text", "sentences", "mentions", "relations", "metrics"),
            ("mentions", "relations", "metrics", "entities", "merges"),
        ),
    ]
)


def triples(doc: Document) -> Document:
    """Pipeline step: the article's facts as N-Quads (`kg.graph.rdf.document_quads`), in
    `doc.quads`: what the build loads into its store."""
    doc.quads = document_quads(doc)
    return doc


#: The build's last step: its facts as RDF.
TRIPLES = Step(
    "triples",
    triples,
    (*READ, "sentences", "mentions", "relations", "metrics", "entities"),
    ("quads",),
)

#: What the build does to each article: extraction, then triples.
BUILD_STEPS: tuple[Step, ...] = assemble([*STEPS, TRIPLES])


def extract(doc: Document, steps: Sequence[Step] = STEPS) -> Document:
    """Run every step of `steps` on `doc`; a pure function of the article's text."""
    with _no_cycle_collection():
        for step in steps:
            doc = step.run(doc)
    return doc


# Extraction makes hundreds of thousands of small objects (tokens, matches, mentions) and no
# reference cycles: reference counting frees all of it. CPython's cycle collector, which runs
# every few hundred allocations and now and then walks every object in the process, would
# spend a fifth of the time finding nothing, so it pauses while a document is extracted.


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    if not gc.isenabled():  # paused already (by the caller, or another thread)
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


# documents between two young-generation collections in a `batch`
COLLECT_EVERY = 100


@contextlib.contextmanager
def batch() -> Iterator[Callable[[], None]]:
    """A run over many documents with the cycle collector paused throughout; call the function
    it gives after each document. The caller's own code runs in between: the cycles it may make
    are collected every `COLLECT_EVERY` documents (young objects only: cheap), and all of them
    once the run ends.

    >>> from kg.reading.reader import read_text
    >>> with batch() as done:
    ...     for text in ["以云铝海鑫为龙头。"]:
    ...         doc = extract(read_text(text))
    ...         done()
    >>> gc.isenabled()
    True
    """
    if not gc.isenabled():  # paused already: the outer run collects
        yield lambda: None
        return
    count = 0

    def done() -> None:
        nonlocal count
        count += 1
        if count % COLLECT_EVERY == 0:
            gc.collect(1)

    gc.disable()
    try:
        yield done
    finally:
        gc.enable()


def extract_all(docs: Iterable[Document], steps: Sequence[Step] = STEPS) -> Iterator[Document]:
    """Run `steps` on each of `docs` in turn, lazily, as one `batch`.

    >>> from kg.reading.reader import read_text
    >>> [len(d.mentions) for d in extract_all([read_text("以云铝海鑫为龙头。")])]
    [1]
    """
    with batch() as done:
        for doc in docs:
            yield extract(doc, steps)
            done()
