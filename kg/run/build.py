"""The main job: articles -> extracted documents -> store, exports and merge log.

Documents are streamed: each is read, extracted, written to the store's loader and dropped, so
memory does not grow with the corpus.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> text = "以云铝海鑫为龙头,绿色铝产业链链长工作取得新成效。"
>>> _ = (out / "a.txt").write_text(text, encoding="utf-8")
>>> report = build([out / "a.txt"], out=out / "out")
>>> report.articles, report.leads[0][:2]
(1, ('云铝海鑫', '绿色铝产业链'))
"""

from __future__ import annotations

import csv
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError, KGError, StoreError
from kg.graph import exports as kgexports
from kg.graph import query as kgquery
from kg.graph import store as kgstore
from kg.locks import hold, out_lock, store_lock
from kg.memory import release_memory
from kg.progress import NO_PROGRESS, Progress, first_part
from kg.reading.document import Document
from kg.reading.reader import iter_paths, read_articles
from kg.run.parallel import Extracted, extract_many
from kg.run.pipeline import extract_all

__all__ = ["BuildReport", "extract_paths", "build", "DEFAULT_CORPUS", "DEFAULT_OUT"]

DEFAULT_CORPUS = Path("data/corpus")
DEFAULT_OUT = Path("out")
STAGE_PREFIX = ".build-"  # out/.build-*: where a build writes before moving its outputs in


@dataclass
class BuildReport:
    """What a build did: counts, the leading-enterprise table and where the outputs are."""

    articles: int = 0
    characters: int = 0
    seconds: float = 0.0
    skipped: list[str] = field(default_factory=list)
    counts: dict = field(default_factory=dict)
    # Which firm leads which chain, once per pair, with the first file (by name) that says so.
    leads: list[tuple[str, str, str]] = field(default_factory=list)  # firm, chain, file
    files: dict[str, Path] = field(default_factory=dict)


def extract_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    keep_going: bool = False,
    on_skip: Callable[[KGError], None] | None = None,
) -> Iterator[Document]:
    """Read and extract every article under `paths`, one at a time (big text files in parts).

    With `keep_going`, an article that cannot be read is reported to `on_skip` and skipped;
    otherwise its error is raised.
    """
    return extract_all(read_articles(paths, keep_going=keep_going, on_skip=on_skip))


def _check_not_held(path: Path) -> None:
    """Refuse to replace a store whose lock another process holds (it has the store open)."""
    if not (path / "CURRENT").is_file():
        return
    try:
        held = ox.Store(str(path))
    except Exception as err:  # noqa: BLE001 - RocksDB reports a held lock as OSError
        if isinstance(err, OSError) and "lock" in str(err).lower():
            raise StoreError(
                f"the store at {path} is open in another process (its lock is held); "
                "let that process finish or stop it, then build again"
            ) from None
        return  # another trouble with the old store: the build replaces it anyway
    del held  # release the lock at once


def _remove_stale(out: Path, store_path: Path) -> None:
    """Remove what killed builds left: staging folders of the output and of the store.

    Called with both locks held, so no other build is using them.
    """
    leftovers = [*out.glob(f"{STAGE_PREFIX}*")]
    for kind in ("new", "old"):
        leftovers += store_path.parent.glob(f".{store_path.name}.{kind}-*")
    for path in leftovers:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)


def _commit(stage: Path, out: Path, staged_store: Path, store_path: Path) -> None:
    """Move the staged store and outputs into place (renames only: nothing is rewritten)."""
    # start-up: views and plots (pyvis, matplotlib: seconds) only with --exports, after the fork
    from kg.apps.serve import check_not_served

    check_not_served(store_path)  # a server started since: do not swap its files away
    kgstore.swap_in(staged_store, store_path)
    for item in sorted(stage.iterdir()):
        target = out / item.name
        if item.is_dir():
            kgstore.swap_in(item, target)
        else:
            os.replace(item, target)


def build(
    paths: Iterable[str | os.PathLike[str]] = (DEFAULT_CORPUS,),
    *,
    out: str | os.PathLike[str] = DEFAULT_OUT,
    store: str | os.PathLike[str] | None = None,
    keep_going: bool = False,
    progress: Callable[[Extracted], None] | None = None,
    exports: bool = False,
    workers: int = 1,
    dask: str | None = None,
    on_skip: Callable[[KGError], None] | None = None,
    phases: Progress | None = None,
) -> BuildReport:
    """Build the graph of the articles under `paths` into `out/store`.

    Writes `out/store/` (Oxigraph) and `out/merge_log.tsv` (which mention became which entity,
    and why): what every later command reads. With `exports`, also `out/graph.ttl`,
    `out/graph.trig`, `out/graph.graphml`, the HTML views (`out/views/`) and the plots
    (`out/plots/`), which `kg export` and `kg views` write on demand: on a large corpus they
    take many times longer than the build itself. Articles are extracted in `workers`
    processes or on the Dask cluster at `dask` (see `kg.run.parallel`) while the store is written;
    the graph is the same either way. `progress` is called with each article's
    `kg.run.parallel.Extracted`, `on_skip` with each article skipped (`keep_going`). `phases`
    hears of each phase (extracting, storing, exporting, plots, views) and its steps.

    Everything is written to staging folders first (``out/.build-*`` and a sibling of the
    store) and moved into place by renaming once all of it is done, so a failed or killed
    build leaves the previous outputs as they were. A build holds locks on its store and its
    output folder (`kg.locks`): a second build of either is refused with StoreError. With
    `keep_going`, a build in which no article could be read is refused too (InputError),
    rather than replacing the store with an empty one.
    """
    # start-up: views and plots (pyvis, matplotlib: seconds) only with --exports, after the fork
    from kg.apps.serve import check_not_served

    phases = phases or NO_PROGRESS
    paths = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    n_files = sum(1 for _ in iter_paths(paths))  # checked now: a missing path is refused at once

    started = time.perf_counter()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    store_path = Path(store) if store is not None else out / "store"
    store_path.parent.mkdir(parents=True, exist_ok=True)
    check_not_served(store_path)  # replacing a store under `kg serve` would corrupt its reads
    with (
        hold(out_lock(out), f"the output folder {out}"),
        hold(store_lock(store_path), f"the store at {store_path}"),
    ):
        kgstore.check_replaceable(store_path)
        _remove_stale(out, store_path)
        report = BuildReport()

        def skip(err: KGError) -> None:
            report.skipped.append(str(err))
            phases.advance()
            if on_skip is not None:
                on_skip(err)

        # Worker processes start now, before any store is opened (its threads would make
        # forking them unsafe: see kg.run.parallel); they stop when `items` is done with or dropped.
        items = extract_many(paths, workers=workers, dask=dask, keep_going=keep_going, on_skip=skip)
        _check_not_held(store_path)  # nor may a store another process has open be swapped away
        stage = Path(tempfile.mkdtemp(prefix=STAGE_PREFIX, dir=out))
        store_stage = Path(
            tempfile.mkdtemp(prefix=f".{store_path.name}.new-", dir=store_path.parent)
        )
        try:
            phases.phase("extracting", n_files, "articles")
            # Every core extracting: the store's writing is time taken from extraction.
            busy = dask is None and workers >= _cores()
            _build_staged(
                items,
                stage,
                store_stage / "store",
                report,
                progress,
                exports,
                phases,
                busy,
                expected=n_files,
            )
            if not report.articles and report.skipped:
                raise InputError(
                    f"no article could be read ({len(report.skipped)} skipped); "
                    f"nothing was built and {out} was left as it was"
                )
            _commit(stage, out, store_stage / "store", store_path)
        finally:
            shutil.rmtree(stage, ignore_errors=True)
            shutil.rmtree(store_stage, ignore_errors=True)
    report.files = {
        name: (store_path if name == "store" else out / path.relative_to(stage))
        for name, path in report.files.items()
    }
    report.seconds = time.perf_counter() - started
    return report


def _cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform (macOS)
        return os.cpu_count() or 1


def _plain_rows(rows: list[list[str]]) -> str | None:
    """`rows` as the merge log's `csv.writer` writes them (tab-separated, CRLF), or None when
    a field holds a tab, a quote or a line break, which it would quote: joined in one go, they
    take a third of the time of writing them row by row.

    >>> _plain_rows([["a.txt", "云南", "Region"]]), _plain_rows([['say "x"']])
    ('a.txt\\t云南\\tRegion\\r\\n', None)
    """
    text = "".join(["\t".join(row) + "\r\n" for row in rows])
    if (
        '"' in text
        or text.count("\n") != len(rows)
        or text.count("\r") != len(rows)
        or text.count("\t") != sum(len(row) - 1 for row in rows)
    ):
        return None
    return text


def _build_staged(
    items: Iterable[Extracted],
    stage: Path,
    store_path: Path,
    report: BuildReport,
    progress: Callable[[Extracted], None] | None,
    exports: bool,
    phases: Progress,
    busy: bool = False,
    expected: int | None = None,
) -> None:
    """Write the store to `store_path` and the other outputs to `stage`; fill `report`.
    `expected`: about how many articles `items` holds (see `kgstore.build_store`)."""
    merge_log = stage / "merge_log.tsv"
    # Which firm leads which chain: the first file (by name) of each pair, as the articles go
    # by (kg/graph/queries/leading_pairs.rq gives the same from the store); bounded by the pairs.
    first_file: dict[tuple[str, str], str] = {}
    with open(merge_log, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t")
        writer.writerow(["article", "mention", "class", "entity", "iri", "reason"])

        def stream() -> Iterator[Extracted]:
            for item in items:
                report.articles += 1
                report.characters += item.characters
                text = _plain_rows(item.merges)
                if text is None:
                    writer.writerows(item.merges)
                else:
                    fh.write(text)
                for pair in item.leads:
                    if pair not in first_file or item.name < first_file[pair]:
                        first_file[pair] = item.name
                if progress is not None:
                    progress(item)
                if first_part(item.name):
                    phases.advance()
                yield item
            # the loader writes what it still holds, then the store is compacted
            phases.phase("storing", 2, "steps")

        def count(store: ox.Store) -> None:
            # read while the store is compacted (on one core): the report's counts come free
            report.counts = kgquery.counts(store)

        kgstore.build_store(stream(), store_path, busy=busy, expected=expected, on_written=count)
        phases.advance()
    report.files["store"] = store_path
    report.files["merge_log"] = merge_log
    if not report.articles and report.skipped:
        report.counts = {}
        return  # refused by the caller: nothing to count or export
    release_memory()  # what the loader freed: the report starts from a low point
    # One row per pair (not per article, which would grow with the corpus), by chain and firm.
    pairs = sorted(first_file.items(), key=lambda item: (item[0][1], item[0][0]))
    report.leads = [(firm, chain, file) for (firm, chain), file in pairs]
    phases.advance()
    if exports:
        _export(stage, store_path, report, phases)


def _export(stage: Path, store_path: Path, report: BuildReport, phases: Progress) -> None:
    """Write the exports, views and plots of the built store to `stage`."""
    ds = kgstore.open_store(store_path)
    # start-up: views and plots (pyvis, matplotlib: seconds) only with --exports, after the fork
    from kg.apps import (
        plots,
        views,  # (numpy starts a thread: imported after the fork)
    )

    # start-up: views and plots (pyvis, matplotlib: seconds) only with --exports, after the fork
    from kg.graph import network

    phases.phase("exporting", 3, "files")
    for fmt in ("ttl", "trig"):
        report.files.update(kgexports.export(ds, stage, formats=[fmt]))
        phases.advance()
    graphml = stage / "graph.graphml"
    network.write_graphml(network.to_networkx(ds), graphml)
    report.files["graphml"] = graphml
    phases.advance()
    figures = plots.write_out_plots(ds, stage, phases=phases)
    links = plots.plot_links(plots.plot_paths(figures), stage / "views")
    report.files["views"] = views.write_views(ds, stage / "views", plots=links, phases=phases)[
        -1
    ].path
    report.files["plots"] = figures
    del ds  # closed before its folder is renamed
