"""The ordered steps that turn a Document into facts: extract(doc) -> doc.

The order is data: `STEPS` names each step, a callable `Document -> Document`.

>>> from kg.reading.reader import read_text
>>> doc = extract(read_text("以云铝海鑫为龙头,绿色铝产业链链长工作取得新成效。"))
>>> [m.type for m in doc.mentions]
['Enterprise', 'IndustryChain']
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterable, Iterator

from kg.extraction.quantities import quantities
from kg.extraction.recognize import recognize
from kg.extraction.relate import relate
from kg.extraction.resolve import corefer, resolve
from kg.extraction.segment import segment
from kg.extraction.tables import merge_table_facts, read_tables, table_facts
from kg.reading.document import Document
from kg.reading.sentences import split_sentences

__all__ = ["STEPS", "extract", "extract_all"]

STEPS: list[tuple[str, Callable[[Document], Document]]] = [
    ("sentences", split_sentences),
    ("segment", segment),
    ("recognize", recognize),
    ("corefer", corefer),  # a firm named once is that firm wherever it is written again
    ("tables", read_tables),  # table rows: their own sentences, cells as mentions
    ("table-facts", table_facts),  # the rows' relations and metrics, apart
    ("relate", relate),
    ("quantities", quantities),
    ("merge-tables", merge_table_facts),  # the rows' facts added to the prose's
    ("resolve", resolve),
]


def extract(doc: Document) -> Document:
    """Run every step on `doc`; a pure function of the article's text."""
    with _no_cycle_collection():
        for _name, step in STEPS:
            doc = step(doc)
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


def extract_all(docs: Iterable[Document]) -> Iterator[Document]:
    """Extract each of `docs` in turn, lazily, as one `batch`.

    >>> from kg.reading.reader import read_text
    >>> [len(d.mentions) for d in extract_all([read_text("以云铝海鑫为龙头。")])]
    [1]
    """
    with batch() as done:
        for doc in docs:
            yield extract(doc)
            done()
