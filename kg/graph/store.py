"""The store: an rdflib Dataset over Oxigraph on disk, built in one go and replaced atomically.

Each article is a named graph (its IRI) of provenance, the entities with their classes,
labels and relations are the graph `kg.graph.rdf.ENTITY_GRAPH` and the ontology is the graph
``<https://w3id.org/chainkg/ontology>`` (see `kg.graph.rdf` for what each holds). No triple is in
two of them (but for ``ckg:alias``, the names an article uses), so queries see the union of all
graphs (``use_default_graph_as_union``) without a stored copy of it: the default graph is
empty.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "store"
>>> build_store([], path)["documents"]
0
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
import threading
from array import array
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from queue import SimpleQueue
from typing import Any

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import Dataset

from kg.errors import StoreError
from kg.graph.named import named_query
from kg.graph.rdf import ENTITY_GRAPH, document_quads
from kg.memory import fix_mmap_threshold, release_memory
from kg.ontology import ONTOLOGY_FILE, ONTOLOGY_GRAPH, PREFIXES
from kg.reading.document import Document

__all__ = [
    "DEFAULT_STORE",
    "build_store",
    "open_store",
    "open_oxigraph",
    "oxigraph_store",
    "union_triples",
    "dataset_quads",
    "ontology_nquads",
    "store_bytes",
    "check_replaceable",
    "swap_in",
]

DEFAULT_STORE = Path("out/store")


def ontology_nquads() -> str:
    """The ontology as N-Quads in its graph `ONTOLOGY_GRAPH`, as a store holds it."""
    graph = ox.NamedNode(str(ONTOLOGY_GRAPH))
    triples = ox.parse(path=ONTOLOGY_FILE, format=ox.RdfFormat.TURTLE)
    quads = (ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode("utf-8")


# Quads per call of Oxigraph's bulk loader, which holds a call's quads in memory (about 1 kB
# each) before writing them: a stream cut into calls of this size keeps memory flat.
LOAD_QUADS = 100_000
# The same when extraction takes every core (`build_store(busy=True)`). Each call after the first
# adds files whose keys overlap the store's, which RocksDB compacts, and `optimize` once more at
# the end: with a core to spare that runs beside extraction, but with every core extracting it
# is time taken from it. 1,000 generated articles (814,000 quads) took 11-12 s of CPU to load
# in calls of 100,000 quads, 7.4-8.2 s in calls of 250,000, which peak about 125 MB higher.
BUSY_LOAD_QUADS = 250_000
# N-Quads (bytes) rendered and waiting for the loader. Once a call has read its part, Oxigraph
# writes it and reads nothing meanwhile: room for what extraction makes in that time keeps it
# going. With a core to spare, a call of 100,000 quads writes in about a second while one
# process extracts about 6 MB of N-Quads a second; more room only fills when the loader falls
# behind (a busy machine), and then holds up to its size for the rest of the build: 64 MB let
# the peak of a one-worker build grow by tens of MB with the articles.
QUEUED_BYTES = 16 << 20
# The same when extraction takes every core: a call of 250,000 quads takes about 2 s of CPU to
# write, while the workers' results keep arriving; what they extract meanwhile would wait in the
# workers, which stop once a few chunks each are ahead (see kg.run.parallel). Room for about a
# part's N-Quads (about 240 bytes a quad) keeps them busy.
BUSY_QUEUED_BYTES = 64 << 20
# When extraction takes every core, the last articles of a build whose size is known go in
# calls of their own (`build_store(expected=…)`): the last 1/FINAL_SHARE of them, read by two
# calls side by side (each article to the one that takes it) while the call before them writes
# what it read, so when extraction ends what is left to write is split between calls that run
# side by side on the cores the workers freed, not one call's whole part written on one core
# while the other waits.
FINAL_SHARE = 5
# When extraction takes every core, each call reads its part while the call before it writes
# (at most two calls at a time; three for the last articles), so that the articles that come
# meanwhile are read at once, not queued until the write ends: what is left to write when the
# last article comes is then the last calls' parts and the end of the one before them. The store
# is reopened (RocksDB's indexes of the files written dropped, see `_Loader`) after this many
# calls, once both are done. Peak memory of a two-worker build of the bundled articles ×180:
# 475-480 MB, against 407-411 MB with one call at a time.
REOPEN_CALLS = 4


class _Abort(Exception):
    """The writer or the loader stopped: a call gives up the part it is reading."""


class _Queue:
    """A FIFO of (bytes, quads) pairs (and markers) bounded by the bytes' total size: `put`
    waits while more than `limit` bytes are queued, but always admits one item into an empty
    queue."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._items: deque[Any] = deque()
        self._bytes = 0
        self._closed = False
        self._changed = threading.Condition()

    def put(self, item: Any) -> None:
        size = len(item[0]) if isinstance(item, tuple) else 0
        with self._changed:
            while self._items and self._bytes + size > self._limit and not self._closed:
                self._changed.wait()
            if self._closed:
                return  # the reader is gone: dropped
            self._items.append(item)
            self._bytes += size
            self._changed.notify_all()

    def get(self) -> Any:
        """The first item; raises `_Abort` once the queue is closed."""
        with self._changed:
            while not self._items and not self._closed:
                self._changed.wait()
            if self._closed:
                raise _Abort("the store's loader stopped")
            item = self._items.popleft()
            if isinstance(item, tuple):
                self._bytes -= len(item[0])
            self._changed.notify_all()
            return item

    def close(self) -> None:
        """Drop what is queued and what is put from now on; `get` raises `_Abort`."""
        with self._changed:
            self._closed = True
            self._items.clear()
            self._bytes = 0
            self._changed.notify_all()


class _Written:
    """The entity graph's lines sent to the loader lately: each article writes its entities'
    classes and labels again, and most were written by an article before. A line is
    remembered by its hash (Python's 64-bit `hash` of bytes: no two lines of a build share one
    in practice) in one of `slots` places of a fixed table, the one its hash picks; a line whose
    place another line took since is sent again (a line written twice is stored once anyway).
    The table takes 2 MiB from the first article to the last: a set of digests, emptied when
    full, grew with the articles (by about 18 MB over 8,000 articles) until it was emptied. (A
    16-byte blake2b digest per line, as before, took two to three times as long: about 0.2 s of
    the main thread's CPU per 540 articles.)"""

    def __init__(self, slots: int = 1 << 18) -> None:
        if slots & (slots - 1):
            raise ValueError("slots must be a power of two")
        self._mask = slots - 1
        self._table = array("q", [-1]) * slots  # -1: no hash is (CPython's error value)
        self._ending = f" <{ENTITY_GRAPH}> .\n".encode()

    def new(self, data: bytes) -> bytes:
        """`data` without the entity-graph lines sent lately (they come first, kg.graph.rdf)."""
        cut = data.rfind(self._ending)
        if cut < 0:
            return data
        cut += len(self._ending)
        fresh = []
        table, mask = self._table, self._mask
        for line in data[:cut].splitlines(keepends=True):
            key = hash(line)
            at = key & mask
            if table[at] != key:
                table[at] = key
                fresh.append(line)
        return b"".join(fresh) + data[cut:]


def _nquads_utf8(doc: Any) -> bytes:
    """A document's N-Quads as UTF-8: rendered already (`kg.run.parallel.Extracted`), or now."""
    data = getattr(doc, "nquads_utf8", None)
    if data is None:
        nquads = getattr(doc, "nquads", None)
        data = (document_quads(doc) if nquads is None else nquads).encode("utf-8")
    return data


_END = object()  # the writer has no more
_ABORT = object()  # the writer failed
_CUT = object()  # the last articles come: two calls of their own read them side by side


class _Part(io.RawIOBase):
    """What one call of the bulk loader reads: queued articles until about `size` quads have
    been read and an article ends, the last articles come (`_CUT`) or the writer has no more.
    Once it has read its share (or failed) it puts itself in `done`, once. Several parts may
    read from one queue side by side: each article goes whole to the one that takes it."""

    def __init__(self, items: _Queue, size: int, done: SimpleQueue[_Part]) -> None:
        self._items = items
        self._size = size
        self._done = done
        self._buffer = memoryview(b"")
        self.quads = 0
        self.ended = False  # the writer has no more
        self.aborted = False  # the writer failed
        self.cut = False  # the last articles go in the calls after this one
        self.read = False  # it has read its share

    def readable(self) -> bool:
        return True

    def finished(self) -> None:
        """Say that this part has read its share (or failed), once."""
        if not self.read:
            self.read = True
            self._done.put(self)

    def readinto(self, target: Any) -> int:
        while not self._buffer:
            if self.ended or self.cut or self.quads >= self._size:
                self.finished()
                return 0
            item = self._items.get()
            if item is _ABORT:
                self.aborted = True
                raise _Abort("the build stopped")
            if item is _END:
                self.ended = True
                self._items.put(_END)  # for the parts reading beside this one
                continue
            if item is _CUT:
                self.cut = self.quads > 0  # (a part with nothing read yet reads on)
                continue
            data, quads = item
            self.quads += quads
            self._buffer = memoryview(data)
        n = min(len(target), len(self._buffer))
        target[:n] = self._buffer[:n]
        self._buffer = self._buffer[n:]
        return n


class _Task(threading.Thread):
    """Work on the store in a thread of its own (`work`, then `done` however it ended); its
    error, if any, is raised by `finish`."""

    def __init__(self, name: str) -> None:
        super().__init__(name=name, daemon=True)
        self._error: BaseException | None = None

    def work(self) -> None:
        raise NotImplementedError

    def done(self) -> None:
        """Drop what the thread holds of the store (the loader reopens or closes it once every
        thread is done)."""

    def run(self) -> None:
        try:
            self.work()
        except BaseException as e:  # noqa: BLE001 - handed to the loader's thread
            self._error = e
        finally:
            self.done()

    def finish(self) -> None:
        """Wait for the work; raise what stopped it."""
        self.join()
        if self._error is not None:
            raise self._error

    def check(self) -> None:
        """Raise what stopped the work, if it stopped already."""
        if not self.is_alive():
            self.finish()


class _Call(_Task):
    """One call of Oxigraph's bulk loader on `store`, reading `part`, in a thread of its own:
    it reads (parses) its part, then writes it (encodes, sorts and writes the files). Its error,
    if any, is raised by `finish`."""

    def __init__(self, store: ox.Store, part: _Part) -> None:
        super().__init__("kg-store-call")
        self._store: ox.Store | None = store
        self.part = part
        self.start()

    def work(self) -> None:
        # lenient: no IRI validation; kg.graph.rdf writes them (its output is tested strictly)
        self._store.bulk_load(  # type: ignore[union-attr]
            io.BufferedReader(self.part, 1 << 20), ox.RdfFormat.N_QUADS, lenient=True
        )

    def done(self) -> None:
        self._store = None  # the loader may reopen the store once every call is done
        self.part.finished()


class _Read(_Task):
    """`read` of the written store, in a thread of its own; its error is raised by `finish`."""

    def __init__(self, read: Callable[[ox.Store], None], store: ox.Store) -> None:
        super().__init__("kg-store-read")
        self._read: Callable[[ox.Store], None] | None = read
        self._store: ox.Store | None = store
        self.start()

    def work(self) -> None:
        self._read(self._store)  # type: ignore[misc]

    def done(self) -> None:
        self._read = self._store = None  # the loader closes the store once both are done


class _Loader:
    """One thread that writes N-Quads to a new store with Oxigraph's bulk loader while the
    caller makes them: extraction (Python) and loading (Rust, without the GIL) overlap.

    The stream is cut into calls of about `LOAD_QUADS` quads; after each call the store is
    reopened (RocksDB otherwise keeps the index of every file a call wrote, which grows with
    the store) and freed memory is given back, so memory does not grow with the articles.
    With `busy`, each call reads its part while the call before it writes (two calls at most),
    and the store is reopened every `REOPEN_CALLS` calls, once both are done. When the writer
    says the last articles come (`cut`), they are read by two calls side by side, as soon as
    the call before them has read its share (each article goes to the one that takes it), so
    that what they read is written on two cores when the last article comes.
    """

    def __init__(
        self,
        path: Path,
        *,
        target: Path,
        busy: bool = False,
        on_written: Callable[[ox.Store], None] | None = None,
    ) -> None:
        self._path = path
        self._on_written = on_written
        self._target = target  # the store `path` will replace: what a message names
        self._part_quads = BUSY_LOAD_QUADS if busy else LOAD_QUADS
        self._overlap = busy  # each call reads while the one before it writes
        self._items = _Queue(BUSY_QUEUED_BYTES if busy else QUEUED_BYTES)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="kg-store-loader", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        done: SimpleQueue[_Part] = SimpleQueue()  # parts that have read their share
        calls: list[_Call] = []  # oldest first
        reading: list[_Part] = []
        lanes = 1  # parts reading side by side: two for the last articles
        opened = 0  # calls on the store as opened last
        store = None

        def start() -> None:
            nonlocal opened
            # memory: one call at most writes beside the parts that read (the oldest waits)
            writing = [call for call in calls if call.part not in reading]
            while len(writing) > 1:
                call = writing.pop(0)
                call.finish()
                calls.remove(call)
            part = _Part(self._items, self._part_quads, done)
            calls.append(_Call(store, part))  # type: ignore[arg-type]
            reading.append(part)
            opened += 1

        try:
            store = ox.Store(str(self._path))
            start()
            while reading:
                part = done.get()
                reading.remove(part)
                if part.aborted:
                    raise _Abort("the build stopped")
                if part.ended:
                    continue  # the parts beside it end too
                for call in calls:
                    if call.part is part:
                        call.check()
                if part.cut:
                    lanes = 2
                elif lanes == 1 and not (self._overlap and opened < REOPEN_CALLS):
                    for call in calls:
                        call.finish()
                    calls = []
                    store = None  # drop the indexes of the files just written (see above)
                    release_memory()
                    store = ox.Store(str(self._path))
                    opened = 0
                while len(reading) < lanes:
                    start()
            for call in calls:
                call.finish()
            calls = []
            self._optimize(store)
        except BaseException as e:  # noqa: BLE001 - handed to the writer's thread
            self._error = e
            self._items.close()  # what the writer puts from now on is dropped
        finally:
            for call in calls:
                call.join()
            store = None  # release the RocksDB lock before the directory is renamed or removed

    def _optimize(self, store: ox.Store) -> None:
        """Compact the written store once, so that every later query is faster, while
        `on_written` reads it in a thread of its own: compaction runs on one core, and what
        the caller reads of the store (the build's report) then costs no time of its own."""
        reader = None
        if self._on_written is not None:
            reader = _Read(self._on_written, store)
        try:
            store.optimize()
        finally:
            if reader is not None:
                reader.finish()

    def put(self, data: bytes, quads: int) -> None:
        """Queue one article's N-Quads (`quads` lines); raises what stopped the loader, if it
        stopped."""
        if self._error is not None:
            raise self._failed()
        self._items.put((data, quads))

    def cut(self) -> None:
        """Say that the articles queued from now on are the last: two calls read them side by
        side while the call before them writes."""
        self._items.put(_CUT)

    def close(self) -> None:
        """Wait until everything queued is written; raises what stopped the loader."""
        self._items.put(_END)
        self._thread.join()
        if self._error is not None:
            raise self._failed()

    def abort(self) -> None:
        """Stop the loader without writing what is left, and wait for it."""
        self._items.put(_ABORT)
        self._thread.join()

    def _failed(self) -> BaseException:
        error = self._error
        if isinstance(error, (OSError, RuntimeError, SyntaxError, ValueError)):
            reason = str(error).splitlines()[0] if str(error) else type(error).__name__
            return StoreError(f"writing the store at {self._target} failed: {reason}")
        return error  # type: ignore[return-value]


def _is_store(path: Path) -> bool:
    return (path / "CURRENT").is_file()


def check_replaceable(path: Path) -> None:
    """Raise StoreError unless `path` is free, an empty folder or a store a build may replace."""
    if not path.exists():
        return
    if not path.is_dir():
        raise StoreError(f"{path} exists and is not a directory; choose another store path")
    if any(path.iterdir()) and not _is_store(path):
        raise StoreError(
            f"{path} is a non-empty directory that is not an Oxigraph store; "
            "refusing to replace it (choose another store path)"
        )


def swap_in(new: Path, path: Path) -> None:
    """Put the folder `new` at `path` (a sibling), replacing what is there.

    The old folder is renamed aside, the new one in, then the old is deleted: at every moment
    either the old or the new folder is at `path`, and a failure restores the old one.
    """
    if not path.exists():
        new.rename(path)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{path.name}.old-", dir=path.parent))
    old.rmdir()
    path.rename(old)
    try:
        new.rename(path)
    except OSError:
        old.rename(path)
        raise
    shutil.rmtree(old, ignore_errors=True)


def build_store(
    docs: Iterable[Document],
    path: str | os.PathLike[str] = DEFAULT_STORE,
    *,
    include_ontology: bool = True,
    busy: bool = False,
    expected: int | None = None,
    on_written: Callable[[ox.Store], None] | None = None,
) -> dict[str, int]:
    """Write the documents' quads (and the ontology) to a new store that replaces `path`.

    Each article is a named graph, its entities' classes and labels go to
    `kg.graph.rdf.ENTITY_GRAPH` and the ontology is the graph `ONTOLOGY_GRAPH`. The store is built
    in a temporary sibling directory and swapped in by renaming, so a build that fails
    part-way leaves the previous store as it was. Documents are taken one at a time from
    `docs` (extracted there, or received from worker processes) while one thread writes the
    ones before them with Oxigraph's bulk loader: the build takes about as long as the slower
    of the two, not their sum. A record with ``name``, ``sha256`` and already rendered
    ``nquads`` (`kg.run.parallel.Extracted`) may stand for a Document (or ``nquads_utf8``, the same
    as UTF-8 bytes). Returns counts: ``documents``, ``quads`` (sent to the loader for the
    articles, in their graphs and the entity graph) and ``ontology_triples``. With `busy` (the
    articles are extracted on every core), the quads are written in larger calls
    (`BUSY_LOAD_QUADS`) and more of them wait for the loader (`BUSY_QUEUED_BYTES`): fewer
    compactions, more memory; each call reads while the call before it writes
    (`REOPEN_CALLS`); and if `expected` says how many documents `docs` holds, the last
    1/`FINAL_SHARE` of them are read by two calls side by side, so that what is left to write
    when the last article comes is written on two cores. `on_written` is called with the
    store once every quad is in it, in a thread of its own while the store is compacted (it
    may read the store, not write it); what it raises, the build raises.
    """
    path = Path(path)
    check_replaceable(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    new = Path(tempfile.mkdtemp(prefix=f".{path.name}.new-", dir=path.parent))
    found = {"documents": 0, "quads": 0, "ontology_triples": 0}
    fix_mmap_threshold()  # the loader's large buffers, freed, go back (else memory grows with N)
    try:
        loader = _Loader(new, target=path, busy=busy, on_written=on_written)
        try:
            if include_ontology:
                head = ontology_nquads().encode("utf-8")
                found["ontology_triples"] = head.count(b"\n")
                loader.put(head, found["ontology_triples"])
            written = _Written()
            last = (expected or 0) // FINAL_SHARE if busy else 0
            cut_after = expected - last if expected is not None and last else -1
            for doc in docs:
                data = written.new(_nquads_utf8(doc))
                found["documents"] += 1
                quads = data.count(b"\n")
                found["quads"] += quads
                loader.put(data, quads)
                if found["documents"] == cut_after:
                    loader.cut()
        except BaseException:
            loader.abort()
            raise
        loader.close()
        _remove_old_logs(new)
        swap_in(new, path)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    return found


def _remove_old_logs(path: Path) -> None:
    # RocksDB keeps the info log of every earlier opening (LOG.old.*): of no use to a reader.
    for old in path.glob("LOG.old.*"):
        old.unlink(missing_ok=True)


def store_bytes(path: str | os.PathLike[str]) -> int:
    """Bytes the store's files take on disk.

    >>> import tempfile
    >>> store_bytes(tempfile.mkdtemp())
    0
    """
    return sum(f.stat().st_size for f in Path(path).iterdir() if f.is_file())


def open_oxigraph(
    path: str | os.PathLike[str],
    *,
    read_only: bool = False,
    when_locked: str = "close it or open read-only",
) -> ox.Store:
    """The pyoxigraph Store at `path`; StoreError when there is none, it cannot be opened
    (`when_locked` says what to do when another process holds its lock) or an older chainkg
    built it."""
    path = Path(path)
    if not _is_store(path):
        raise StoreError(f"no store at {path}: build one first with `kg build`")
    try:
        store = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except OSError as e:
        reason = str(e).splitlines()[0] if str(e) else type(e).__name__
        if "lock" in reason.lower():
            raise StoreError(
                f"the store at {path} is locked by another process; {when_locked}"
            ) from None
        raise StoreError(f"cannot open the store at {path}: {reason}") from None
    _check_layout(store, path)
    return store


def open_store(path: str | os.PathLike[str] = DEFAULT_STORE, *, read_only: bool = True) -> Dataset:
    """Open a built store as an rdflib Dataset over Oxigraph whose default graph is the union.

    Raises StoreError when there is no store at `path`, another process holds its lock, or it
    was built by an older chainkg.
    """
    inner = open_oxigraph(path, read_only=read_only)
    ds = Dataset(store=OxigraphStore(store=inner), default_union=True)
    for prefix, iri in PREFIXES.items():
        ds.bind(prefix, iri)
    return ds


def _check_layout(store: ox.Store, path: Path) -> None:
    # Stores built before issue 14 kept a copy of every graph in the default graph, which
    # the queries of this version would read twice.
    if next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None):
        raise StoreError(
            f"the store at {path} was built by an older chainkg (its default graph holds a copy "
            "of every graph); build it again with `kg build`"
        )


def union_triples(store: ox.Store) -> Iterator[ox.Triple]:
    """Every triple of every graph of the store, each once, streamed.

    In a store built by `build_store` only ``ckg:alias`` (the names an article uses for an
    entity) can be in several graphs; it is read distinct (kg/graph/queries/distinct_triples.rq),
    every other triple as it is stored.

    >>> list(union_triples(ox.Store()))
    []
    """
    repeated = _repeated_predicates()
    for quad in store.quads_for_pattern(None, None, None, None):
        if quad.predicate not in repeated:
            yield quad.triple
    query = named_query("distinct_triples")
    for predicate in sorted(repeated, key=str):
        for s, p, o in store.query(
            query, substitutions={ox.Variable("p"): predicate}, use_default_graph_as_union=True
        ):
            yield ox.Triple(s, p, o)


def _repeated_predicates() -> set[ox.NamedNode]:
    return {ox.NamedNode(PREFIXES["ckg"] + "alias")}


def oxigraph_store(obj: Any) -> ox.Store | None:
    """The pyoxigraph Store behind `obj` (a Store, or an rdflib graph over oxrdflib), else None.

    >>> from rdflib import Graph
    >>> oxigraph_store(ox.Store()) is not None, oxigraph_store(Graph())
    (True, None)
    """
    if isinstance(obj, ox.Store):
        return obj
    store = getattr(obj, "store", None)
    if isinstance(store, OxigraphStore):
        return store._inner  # oxrdflib keeps the pyoxigraph Store here
    return None


def dataset_quads(store: ox.Store) -> Iterator[ox.Quad]:
    """Every quad, graph after graph in the order of their names (the default graph first).

    >>> list(dataset_quads(ox.Store()))
    []
    """
    yield from store.quads_for_pattern(None, None, None, ox.DefaultGraph())
    for graph in sorted(store.named_graphs(), key=str):
        yield from store.quads_for_pattern(None, None, None, graph)
