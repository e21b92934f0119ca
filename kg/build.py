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
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.document import Document
from kg.errors import KGError
from kg.parallel import Extracted, extract_many
from kg.pipeline import extract_all
from kg.reader import read_articles

__all__ = ["BuildReport", "extract_paths", "build", "DEFAULT_CORPUS", "DEFAULT_OUT"]

DEFAULT_CORPUS = Path("data/corpus")
DEFAULT_OUT = Path("out")


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
    import pyoxigraph as ox

    from kg.errors import StoreError

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
) -> BuildReport:
    """Build the graph of the articles under `paths` into `out/store`.

    Writes `out/store/` (Oxigraph) and `out/merge_log.tsv` (which mention became which entity,
    and why): what every later command reads. With `exports`, also `out/graph.ttl`,
    `out/graph.trig`, `out/graph.graphml`, the HTML views (`out/views/`) and the plots
    (`out/plots/`), which `kg export` and `kg views` write on demand: on a large corpus they
    take many times longer than the build itself. Articles are extracted in `workers`
    processes or on the Dask cluster at `dask` (see `kg.parallel`) while the store is written;
    the graph is the same either way. `progress` is called with each article's
    `kg.parallel.Extracted`.
    """
    from kg import store as kgstore
    from kg.query import run_named
    from kg.serve import check_not_served

    started = time.perf_counter()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    store_path = Path(store) if store is not None else out / "store"
    check_not_served(store_path)  # replacing a store under `kg serve` would corrupt its reads
    report = BuildReport()
    merge_log = out / "merge_log.tsv"
    tmp_log = merge_log.with_suffix(".tsv.tmp")

    def skip(err: KGError) -> None:
        report.skipped.append(str(err))

    # Worker processes start now, before any store is opened (its threads would make forking
    # them unsafe: see kg.parallel); they stop when `items` is done with or dropped.
    items = extract_many(paths, workers=workers, dask=dask, keep_going=keep_going, on_skip=skip)
    _check_not_held(store_path)  # nor may a store another process has open be swapped away

    with open(tmp_log, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t")
        writer.writerow(["article", "mention", "class", "entity", "iri", "reason"])

        def stream() -> Iterator[Extracted]:
            for item in items:
                report.articles += 1
                report.characters += item.characters
                writer.writerows(item.merges)
                if progress is not None:
                    progress(item)
                yield item

        try:
            kgstore.build_store(stream(), store_path)
        except BaseException:
            fh.close()
            tmp_log.unlink(missing_ok=True)
            raise
    os.replace(tmp_log, merge_log)
    report.files["store"] = store_path
    report.files["merge_log"] = merge_log

    kgstore.release_memory()  # what the loader freed: the report starts from a low point
    ds = kgstore.open_store(store_path)
    report.counts = kgstore.counts(ds)
    # One row per pair (not per article, which would grow with the corpus).
    _, rows = run_named(ds, "leading_pairs")
    report.leads = [(firm, chain, first or "") for firm, chain, first, _n in rows]
    if exports:
        from kg import network, plots, views  # (numpy starts a thread: imported after the fork)

        report.files.update(kgstore.export(ds, out))
        graphml = out / "graph.graphml"
        network.write_graphml(network.to_networkx(ds), graphml)
        report.files["graphml"] = graphml
        report.files["views"] = views.write_views(ds, out / "views")[-1].path  # index.html
        report.files["plots"] = plots.write_out_plots(ds, out)  # after the views: links them
    report.seconds = time.perf_counter() - started
    return report
