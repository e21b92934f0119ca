"""Extraction and loading speed, each as a ratio to a baseline measured in the same run.

    .venv/bin/python benchmarks/bench_extract.py [--articles 400] [--parallel-articles 1000]
                                                 [--repeat 3] [--corpus DIR]

On articles from benchmarks/generate.py (or the .txt/.md files of `--corpus DIR`):

1. extraction: the pipeline `kg extract` runs (read, normalise, extract:
`kg.run.build.extract_paths`)
   over `jieba.lcut` of the same files' text, one process, both warm, runs taken in turn;
   median of `--repeat`.
   Target: at most 1.5. Generated articles repeat half their sentences, news articles do not:
   with no `--corpus`, the bundled articles and ../shared/corpus/dev* (where present) are
   measured the same way and printed after.
2. parallel: `kg extract --workers 2` over `--workers 1`, each a fresh process (start-up and
   output included, as a user sees it), runs taken in turn; median of `--repeat`. Target: at
   least 1.7 on 2 cores. For context: two separate `kg extract` processes given half the files
   each (what the two cores allow in this run), the records a build receives from 2 workers
   over 1 (`kg.run.parallel.extract_many`: each article's N-Quads, about 450 kB, and merge-log
   rows), and a whole store build (`kg.run.build.build(exports=False)`) with 1 and 2 workers, once
   each: there the store's single writer bounds the gain.
3. loading: quads per second written by `kg.graph.store.build_store` from extracted articles over
   pyoxigraph's `Store.bulk_load` of the very N-Quads it writes (the articles' graphs and the
   entity graph, then `optimize`, as build_store does); median of `--repeat`. Target: at
   least 0.5.
"""

from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import jieba  # noqa: E402
import pyoxigraph as ox  # noqa: E402
from generate import generate  # noqa: E402

# The store's own helper, so that the baseline loads exactly the bytes build_store writes.
from kg.graph.store import build_store, ontology_nquads  # noqa: E402
from kg.reading.reader import iter_paths  # noqa: E402
from kg.rows import format_rows  # noqa: E402
from kg.run.build import build, extract_paths  # noqa: E402
from kg.run.parallel import extract_many  # noqa: E402


def _median(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _interleaved(*fns, repeat: int) -> tuple[float, ...]:
    """Medians of `repeat` runs of each function, taken in turn: a machine that slows down or
    speeds up during the benchmark shifts every side alike."""
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for fn, out in zip(fns, times, strict=True):
            started = time.perf_counter()
            fn()
            out.append(time.perf_counter() - started)
    return tuple(statistics.median(t) for t in times)


def _files(folder: Path, n: int) -> list[Path]:
    return list(iter_paths([folder]))[:n]


_ROOT = Path(__file__).resolve().parents[1]
REAL_NOTE = "the bundled ones and ../shared/corpus/dev*, where present (same target)"


def _real_articles() -> list[Path]:
    """The bundled articles and the development sets beside the project, where present."""
    shared = _ROOT.parent / "shared" / "corpus"
    folders = [_ROOT / "data" / "corpus", *sorted(shared.glob("dev*"))]
    return [p for folder in folders if folder.is_dir() for p in iter_paths([folder])]


def bench_extraction(files: list[Path], repeat: int) -> list[list]:
    texts = [p.read_text(encoding="utf-8") for p in files]
    chars = sum(map(len, texts))
    jieba.initialize()
    list(extract_paths(files[:1]))  # warm: dictionaries, rules, the place gazetteer

    def pipeline() -> None:
        for _ in extract_paths(files):
            pass

    def segment() -> None:
        for text in texts:
            jieba.lcut(text)

    t_jieba, t_kg = _interleaved(segment, pipeline, repeat=repeat)
    return [
        ["jieba.lcut (baseline)", f"{t_jieba:.2f}", f"{chars / t_jieba:,.0f}", "1.00"],
        ["kg extract pipeline", f"{t_kg:.2f}", f"{chars / t_kg:,.0f}", f"{t_kg / t_jieba:.2f}"],
    ]


RECORDS = """
import sys
from kg.run.parallel import extract_many

listing, workers = sys.argv[1:]
paths = open(listing, encoding="utf-8").read().split("\\n")
sum(1 for _ in extract_many(paths, workers=int(workers)))
"""


def _fresh(commands: list[list[str]]) -> float:
    """Seconds until fresh processes, one per command, have all ended."""
    started = time.perf_counter()
    children = [
        subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for command in commands
    ]
    for child in children:
        _, err = child.communicate()
        if child.returncode != 0:
            raise SystemExit(f"{child.args[:4]} failed: {err.decode(errors='replace')[-500:]}")
    return time.perf_counter() - started


def _kg_extract(listing: Path, workers: int) -> list[str]:
    paths = listing.read_text(encoding="utf-8").split("\n")
    return [sys.executable, "-m", "kg.cli", "extract", *paths, "--workers", str(workers)]


def _records(listing: Path, workers: int) -> list[str]:
    return [sys.executable, "-c", RECORDS, str(listing), str(workers)]


def _speedup_rows(label: str, n: int, t1: float, t2: float) -> list[list]:
    return [
        [f"{label}, 1 worker (baseline)", f"{t1:.2f}", f"{n / t1:.1f}", "1.00"],
        [f"{label}, 2 workers", f"{t2:.2f}", f"{n / t2:.1f}", f"{t1 / t2:.2f}"],
    ]


def bench_parallel(files: list[Path], repeat: int, out: Path) -> list[list]:
    """`kg extract --workers 2` over `--workers 1`, as a user runs them (fresh processes,
    start-up and printing included), in turn with two separate `kg extract` processes given
    half the files each (what the machine's two cores allow in this run); then the records a
    build receives (`extract_many`: N-Quads and merge-log rows) and a whole build."""
    out.mkdir(parents=True, exist_ok=True)
    listings = {}
    for name, part in (("all", files), ("a", files[::2]), ("b", files[1::2])):
        listings[name] = out / f"{name}.txt"
        listings[name].write_text("\n".join(map(str, part)), encoding="utf-8")
    t1, t2, t_split = _interleaved(
        lambda: _fresh([_kg_extract(listings["all"], 1)]),
        lambda: _fresh([_kg_extract(listings["all"], 2)]),
        lambda: _fresh([_kg_extract(listings["a"], 1), _kg_extract(listings["b"], 1)]),
        repeat=repeat,
    )
    n = len(files)
    rows = _speedup_rows("kg extract", n, t1, t2)
    rows.append(["2 separate kg extract, half each", f"{t_split:.2f}", f"{n / t_split:.1f}"])
    rows[-1].append(f"{t1 / t_split:.2f}")
    r1, r2 = _interleaved(
        lambda: _fresh([_records(listings["all"], 1)]),
        lambda: _fresh([_records(listings["all"], 2)]),
        repeat=repeat,
    )
    rows += _speedup_rows("records for a build", n, r1, r2)
    builds = {}
    for workers in (1, 2):
        started = time.perf_counter()
        build(files, out=out / f"w{workers}", exports=False, workers=workers)
        builds[workers] = time.perf_counter() - started
    rows += _speedup_rows("build (store)", n, builds[1], builds[2])
    return rows


def bench_loading(files: list[Path], repeat: int, tmp: Path) -> tuple[list[list], int]:
    items = list(extract_many(files))
    data = ontology_nquads().encode("utf-8") + b"".join(i.nquads_utf8 for i in items)
    quads = data.count(b"\n")
    runs = iter(range(10**6))

    def ours() -> None:
        build_store(items, tmp / f"ours-{next(runs)}")

    def raw() -> None:
        store = ox.Store(str(tmp / f"raw-{next(runs)}"))
        store.bulk_load(io.BytesIO(data), ox.RdfFormat.N_QUADS)
        store.optimize()
        del store

    t_raw = _median(raw, repeat)
    t_ours = _median(ours, repeat)
    rows = [
        ["pyoxigraph bulk_load (baseline)", f"{t_raw:.2f}", f"{quads / t_raw:,.0f}", "1.00"],
        [
            "kg.graph.store.build_store",
            f"{t_ours:.2f}",
            f"{quads / t_ours:,.0f}",
            f"{t_raw / t_ours:.2f}",
        ],
    ]
    return rows, quads


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--articles", type=int, default=400, help="for extraction and loading (400)")
    p.add_argument("--parallel-articles", type=int, default=1000, help="for parallel (1000)")
    p.add_argument("--repeat", type=int, default=3, help="runs per measurement (3)")
    p.add_argument("--corpus", type=Path, help="a folder of articles instead of generated ones")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench_extract-") as name:
        tmp = Path(name)
        folder = args.corpus
        if folder is None:
            folder = tmp / "gen" / "corpus"
            generate(max(args.articles, args.parallel_articles), tmp / "gen")
        files = _files(folder, args.articles)
        chars = sum(len(f.read_text(encoding="utf-8")) for f in files)
        print(f"{len(files)} articles, {chars:,} characters, median of {args.repeat} runs\n")

        print("Extraction, one process (target: ratio <= 1.5)")
        rows = bench_extraction(files, args.repeat)
        print(format_rows(["what", "seconds", "chars/s", "ratio"], rows, "table"))
        print()

        real = _real_articles()
        if real and args.corpus is None:
            # (generated articles repeat their sentences, news does not: both are shown)
            chars = sum(len(f.read_text(encoding="utf-8")) for f in real)
            print(f"Extraction of {len(real)} real articles, {chars:,} characters: {REAL_NOTE}")
            rows = bench_extraction(real, max(args.repeat, 5))
            print(format_rows(["what", "seconds", "chars/s", "ratio"], rows, "table"))
            print()

        many = _files(folder, args.parallel_articles)
        print(f"Parallel extraction of {len(many)} articles (target: speed-up >= 1.7 on 2 cores)")
        rows = bench_parallel(many, args.repeat, tmp / "builds")
        print(format_rows(["what", "seconds", "articles/s", "speed-up"], rows, "table"))
        print()

        rows, quads = bench_loading(files, args.repeat, tmp)
        print(f"Loading {quads:,} quads (target: ratio >= 0.5)")
        print(format_rows(["what", "seconds", "quads/s", "ratio"], rows, "table"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
