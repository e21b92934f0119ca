"""Extraction spread over processes or a Dask cluster: the same results, in the same order.

Extraction is a pure function of one article (`extract_document`: a read `Document` in, the
build's steps `kg.run.pipeline.BUILD_STEPS` run on it, an `Extracted` record out, holding the
article's N-Quads and merge-log rows; or whatever another `render` function makes of the
article once the extraction steps `kg.run.pipeline.STEPS` have run, such as
`kg.extraction.facts.as_jsonl`). It runs here (``workers=1``), in a pool of ``workers``
processes that read the files themselves (the parts of a big text file are read here and sent),
or on an existing Dask cluster (``dask="tcp://host:8786"``), to which articles are sent read, so
its machines need not see our files. At most a few articles per worker are in flight and
results come back in reading order, so memory stays flat and every way gives the same graph.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("以云铝海鑫为龙头,绿色铝产业链链长工作取得新成效。", "utf-8")
>>> [(a.name, a.characters) for a in extract_many([folder])]
[('a.txt', 25)]
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import weakref
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from kg.errors import InputError, KGError, skip_or_raise
from kg.graph.rdf import leading_pairs
from kg.reading.document import Document
from kg.reading.reader import (
    BIG_FILE_BYTES,
    TEXT_SUFFIXES,
    iter_paths,
    read_articles,
    read_documents,
    read_path,
    read_text,
)
from kg.run.pipeline import BUILD_STEPS, STEPS, Step, extract, extract_all

Render = Callable[[Document], Any]  # what is sent back of an extracted article

__all__ = [
    "Extracted",
    "extract_document",
    "extract_many",
    "extract_documents",
    "check_workers",
    "IN_FLIGHT",
    "DASK_TIMEOUT",
]

IN_FLIGHT = 4  # chunks handed out ahead of the one being written, per worker
CHUNK = 8  # articles a worker is given at a time (fewer round trips; memory stays small)
DASK_TIMEOUT = "10s"  # how long to try to reach a Dask scheduler


@dataclass
class Extracted:
    """What the build needs of one extracted article: names, size, N-Quads, merge-log rows and
    the (firm, chain) pairs it states, for the build's report.

    The N-Quads travel as UTF-8 (`nquads_utf8`), the form the store's loader reads: a worker's
    result costs the parent no decoding and no encoding; `nquads` decodes them when asked.
    """

    name: str
    sha256: str
    characters: int
    nquads_utf8: bytes  # the article's quads (the step "triples": its graph, entity graph)
    merges: list[list[str]] = field(default_factory=list)  # rows of out/merge_log.tsv
    leads: list[tuple[str, str]] = field(default_factory=list)  # kg.graph.rdf.leading_pairs

    @property
    def nquads(self) -> str:
        """The article's quads as N-Quads text."""
        return self.nquads_utf8.decode("utf-8")


def extract_document(doc: Document) -> Extracted:
    """The build's steps on one read article (`kg.run.pipeline.BUILD_STEPS`: extraction, then
    triples), and what the build needs of it: the function every worker runs.

    >>> from kg.reading.reader import read_text
    >>> item = extract_document(read_text("以云铝海鑫为龙头,绿色铝产业链链长工作取得新成效。"))
    >>> "云铝海鑫" in item.nquads, item.merges[0][:2]
    (True, ['<text>', '云铝海鑫'])
    """
    return _RECORD(doc)


def _record(doc: Document) -> Extracted:
    """What the build needs of an article the build's steps have run on."""
    return Extracted(
        name=doc.name,
        sha256=doc.sha256,
        characters=len(doc.text),
        nquads_utf8=doc.quads.encode("utf-8"),
        merges=[[m.doc, m.mention, m.type, m.entity_label, m.iri, m.reason] for m in doc.merges],
        leads=leading_pairs(doc),
    )


@dataclass(frozen=True)
class _Job:
    """What a worker does with each article: run `steps` on it, then send back its `render`."""

    steps: tuple[Step, ...]
    render: Render

    def __call__(self, doc: Document) -> Any:
        return self.render(extract(doc, self.steps))


_RECORD = _Job(BUILD_STEPS, _record)  # the build's


def _file_or_parts(paths, keep_going, on_skip) -> Iterator[str | Document]:
    # A file's path, for a worker to read, or the parts of a big text file read here: a
    # worker given the path would hold all of its parts at once.

    for path in iter_paths(paths):
        try:
            big = path.suffix.lower() in TEXT_SUFFIXES and path.stat().st_size > BIG_FILE_BYTES
        except OSError:
            big = False  # the worker's read_path says why it cannot be read
        if not big:
            yield str(path)
            continue
        try:
            yield from read_documents(path)
        except KGError as err:
            skip_or_raise(err, keep_going, on_skip)


def _extract_task(task: str | Document, job: _Job) -> Any:
    """A worker's task: an article file to read and extract, or a read `Document`."""
    if isinstance(task, Document):
        return job(task)

    return job(read_path(task))


def _extract_chunk(tasks: list[str | Document], job: _Job) -> list[Any]:
    """A worker's share: several tasks, each one's rendering or the error that stopped it."""
    out: list[Any] = []
    for task in tasks:
        try:
            out.append(_extract_task(task, job))
        except KGError as err:
            out.append(err)
    _collect_now_and_then()
    return out


def _collect_now_and_then() -> None:
    # A worker runs with the cycle collector off (extraction makes no cycles: see
    # kg.run.pipeline.batch); what else it makes is collected every COLLECT_CHUNKS chunks.
    global _CHUNKS
    _CHUNKS += 1
    if _CHUNKS % COLLECT_CHUNKS == 0:
        gc.collect(1)


_CHUNKS = 0
COLLECT_CHUNKS = 16


def _chunks(tasks: Iterable[Any], size: int) -> Iterator[list[Any]]:
    # Files `size` at a time; a read part of a big file goes alone (it is large already).
    chunk: list[Any] = []
    for task in tasks:
        if isinstance(task, Document):
            if chunk:
                yield chunk
                chunk = []
            yield [task]
            continue
        chunk.append(task)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _in_order(
    submit: Callable[[Any], Future],
    tasks: Iterable[Any],
    window: int,
    keep_going: bool,
    on_skip: Callable[[KGError], None] | None,
) -> Iterator[Extracted]:
    # Keep at most `window` tasks in flight and give results back in submission order.
    pending: deque[Future] = deque()

    def result(future: Future) -> Iterator[Extracted]:
        try:
            item = future.result()
        except KGError as err:
            skip_or_raise(err, keep_going, on_skip)
            return
        yield item

    try:
        for task in tasks:
            pending.append(submit(task))
            if len(pending) >= window:
                yield from result(pending.popleft())
        while pending:
            yield from result(pending.popleft())
    finally:
        for future in pending:
            future.cancel()


def _warm() -> None:
    # Load the dictionaries and rules once per worker, before its first article; then keep
    # what is loaded out of the cycle collector's way, and turn the collector off.
    _load()
    _settle()


def _load() -> None:
    extract(read_text("以云铝海鑫为龙头,绿色铝产业链链长工作取得新成效。"))


def _settle() -> None:
    gc.collect()
    gc.freeze()
    gc.disable()


def _single_threaded() -> bool:
    """Whether this process runs one thread only, native threads included (Linux: /proc)."""
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


def _pool(workers: int) -> ProcessPoolExecutor:
    """`workers` processes, started now. Forked from this process once it has loaded the
    dictionaries and rules, they start at once and share them; forking is safe only while no
    other thread runs here (a child would inherit the locks another thread holds, such as the
    store loader's), so otherwise they are spawned and each loads them anew (about 0.6 s)."""
    if "fork" in multiprocessing.get_all_start_methods() and _single_threaded():
        _load()
        gc.collect()
        gc.freeze()  # the children's collectors leave what they share alone (no page copies)
        try:
            context = multiprocessing.get_context("fork")
            pool = ProcessPoolExecutor(workers, mp_context=context, initializer=gc.disable)
            pool.submit(int).result()  # fork the workers now, before any thread starts here
        finally:
            gc.unfreeze()
        return pool
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_warm)
    pool.submit(int).result()  # start the workers now
    return pool


def _processes(tasks: Iterable[Any], workers: int, job: _Job, keep_going, on_skip) -> Iterator[Any]:
    pool = _pool(workers)
    results = _results(pool, tasks, workers, job, keep_going, on_skip)
    # the workers stop when the results are done with, or dropped without being read
    weakref.finalize(results, pool.shutdown, wait=False, cancel_futures=True)
    return results


def _results(
    pool: ProcessPoolExecutor,
    tasks: Iterable[Any],
    workers: int,
    job: _Job,
    keep_going,
    on_skip,
) -> Iterator[Any]:
    with pool:
        chunks = _in_order(
            lambda chunk: pool.submit(_extract_chunk, chunk, job),
            _chunks(tasks, CHUNK),
            IN_FLIGHT * workers,
            False,
            None,
        )
        for chunk in chunks:
            for item in chunk:
                if isinstance(item, KGError):
                    skip_or_raise(item, keep_going, on_skip)
                else:
                    yield item


def _dask(docs: Iterable[Document], address: str, job: _Job, keep_going, on_skip) -> Iterator[Any]:
    try:
        from distributed import Client
    except ImportError:
        raise KGError(
            "--dask needs dask.distributed: install it with pip install 'chainkg[dask]'"
        ) from None
    try:
        client = Client(address, timeout=DASK_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as err:
        reason = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise KGError(f"cannot reach the Dask scheduler at {address}: {reason}") from None
    try:
        threads = sum(client.nthreads().values()) or 1
        yield from _in_order(
            lambda doc: client.submit(job, doc, pure=False),
            docs,
            max(8, IN_FLIGHT * threads),
            keep_going,
            on_skip,
        )
    finally:
        client.close()


def check_workers(workers: int, dask: str | None) -> None:
    """Raise `InputError` unless `workers` >= 1, or `dask` is given with one worker."""
    if workers < 1:
        raise InputError(f"--workers must be at least 1, not {workers}")
    if dask is not None and workers != 1:
        raise InputError("give --workers or --dask, not both")


def extract_many(
    paths: Iterable[str | os.PathLike[str]],
    *,
    workers: int = 1,
    dask: str | None = None,
    keep_going: bool = False,
    on_skip: Callable[[KGError], None] | None = None,
    render: Render | None = None,
) -> Iterator[Any]:
    """`extract_document` of every article under `paths`, in reading order: here, in `workers`
    processes, or on the Dask cluster whose scheduler is at `dask` (``tcp://host:8786``).

    With `render`, a function of the extracted `Document` that can be pickled (one defined at
    the top of a module, such as `kg.extraction.facts.as_jsonl`), its result is given for each
    article instead of an `Extracted` record.

    With `keep_going`, an article that cannot be read is reported to `on_skip` and skipped;
    otherwise its error is raised. Raises `InputError` for ``workers < 1`` or both options and
    `KGError` when the Dask scheduler cannot be reached. A script that calls this with
    ``workers > 1`` needs the usual ``if __name__ == "__main__":`` guard of multiprocessing.
    """
    check_workers(workers, dask)
    job = _RECORD if render is None else _Job(STEPS, render)
    if dask is not None:
        # Articles are read here and sent whole: the cluster's machines need not see our files.
        docs = read_articles(paths, keep_going=keep_going, on_skip=on_skip)
        return _dask(docs, dask, job, keep_going, on_skip)
    if workers > 1:  # the workers read the files, except the parts of big ones
        tasks = _file_or_parts(paths, keep_going, on_skip)
        return _processes(tasks, workers, job, keep_going, on_skip)
    docs = read_articles(paths, keep_going=keep_going, on_skip=on_skip)
    return _here(docs, job)


def _here(docs: Iterable[Document], job: _Job) -> Iterator[Any]:
    # One process: the whole run is one batch (the cycle collector paused, see kg.run.pipeline).

    return map(job.render, extract_all(docs, job.steps))


def extract_documents(
    docs: Iterable[Document], *, workers: int = 1, dask: str | None = None
) -> Iterator[Extracted]:
    """`extract_document` of each read article, in order, like `extract_many`.

    >>> from kg.reading.reader import read_text
    >>> [a.characters for a in extract_documents([read_text("链长制。"), read_text("链主。")])]
    [4, 3]
    """
    check_workers(workers, dask)
    if dask is not None:
        return _dask(docs, dask, _RECORD, False, None)
    if workers > 1:
        return _processes(docs, workers, _RECORD, False, None)
    return _here(docs, _RECORD)
