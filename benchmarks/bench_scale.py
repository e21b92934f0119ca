"""Scale: build time and peak memory at growing corpus sizes, and recall on generated gold.

    .venv/bin/python benchmarks/bench_scale.py [--articles 2000] [--workers 1] [--exports]
    .venv/bin/python benchmarks/bench_scale.py --articles 10000      # the full run, ~15 min

benchmarks/generate.py writes `--articles` articles (about 2,000 characters each) with their
gold annotations, one at a time. The store is then built (`kg.run.build.build`, as `kg build` runs
it; `--exports` adds the exports, views and plots) from the first N/10, N/2 and N articles, each
in its own process, whose peak resident memory is read from the kernel when it ends (`wait4`;
with `--workers`, the sum over the process tree is also sampled every 0.1 s). Targets: peak RSS
at most 2 GiB at N = 10,000, and flat: the ratio to the smallest build stays near 1.

Recall (`kg.extraction.evaluate`, micro-averaged over the seven fields) is measured on the first 200
articles (the small run) and on all N; target: within 0.02 of each other. Scoring streams the
articles through two processes and never holds the corpus.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from multiprocessing import get_context
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # noqa: E402

from kg.rows import format_rows  # noqa: E402

SMALL_RUN = 200

CHILD = """
import resource, sys
from kg.graph import store
from kg.run.build import build

listing, out, workers, exports = sys.argv[1:]
paths = open(listing, encoding="utf-8").read().split("\\n")
peaks = []
write = store.build_store


def measured(*args, **kwargs):  # the peak once the store is written, before the report
    result = write(*args, **kwargs)
    peaks.append(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    return result


store.build_store = measured
report = build(paths, out=out, workers=int(workers), exports=exports == "1")
print(report.articles, report.characters, report.counts["quads"], peaks[0])
"""


def _tree_rss(pid: int) -> int:
    """Resident bytes of a process and its descendants, now (0 when unknown)."""
    try:
        import psutil
    except ImportError:
        return 0
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for proc in procs:
        try:
            total += proc.memory_info().rss
        except psutil.Error:
            pass
    return total


def run_build(listing: Path, out: Path, workers: int, exports: bool) -> dict:
    """Build in a child process; its time, peak RSS (wait4) and sampled tree RSS."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(listing), str(out), str(workers), str(int(exports))],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    peak_tree = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_tree
        while not done.wait(0.1):
            peak_tree = max(peak_tree, _tree_rss(child.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    done.set()
    sampler.join()
    seconds = time.perf_counter() - started
    if child.returncode != 0:
        raise SystemExit(f"the build of {listing} failed with exit code {child.returncode}")
    articles, characters, quads, store_kb = (int(x) for x in output.split())
    return {
        "articles": articles,
        "characters": characters,
        "quads": quads,
        "seconds": seconds,
        "peak_mb": usage.ru_maxrss / 1024,  # kilobytes on Linux
        "store_mb": store_kb / 1024,  # the build's own process, when the store was written
        "tree_mb": peak_tree / 2**20,
    }


def _score_chunk(job: tuple[list[str], str]) -> dict:
    from kg.extraction import evaluate
    from kg.extraction.gold import gold_for
    from kg.run.build import extract_paths

    paths, gold_dir = job
    total: dict = {}
    for doc in extract_paths(paths):
        gold = gold_for(doc.name, gold_dir)
        scores = evaluate.score_document(evaluate.predictions(doc), gold)
        for field, score in scores.items():
            total[field] = total[field] + score if field in total else score
    return total


def recall(paths: list[str], gold_dir: Path, workers: int = 2) -> tuple[float, dict]:
    """Micro-averaged recall over all fields, and the per-field scores, streaming."""
    chunks = [(paths[i : i + 50], str(gold_dir)) for i in range(0, len(paths), 50)]
    total: dict = {}
    with get_context("spawn").Pool(workers) as pool:
        for part in pool.imap_unordered(_score_chunk, chunks):
            for field, score in part.items():
                total[field] = total[field] + score if field in total else score
    tp = sum(s.tp_gold for s in total.values())
    n = sum(s.n_gold for s in total.values())
    return tp / n, total


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--articles", type=int, default=2000, help="largest corpus (2000)")
    p.add_argument("--workers", type=int, default=1, help="kg build --workers (1)")
    p.add_argument("--exports", action="store_true", help="also write exports, views and plots")
    p.add_argument(
        "--corpus", type=Path, help="reuse a folder made by generate.py (corpus/, gold/)"
    )
    args = p.parse_args(argv)
    n = args.articles
    sizes = sorted({max(1, n // 10), max(1, n // 2), n})
    with tempfile.TemporaryDirectory(prefix="bench_scale-") as name:
        tmp = Path(name)
        root = args.corpus or tmp / "gen"
        started = time.perf_counter()
        if args.corpus is None:
            stats = generate(n, root)
            print(
                f"Generated {stats['articles']:,} articles ({stats['characters']:,} characters) "
                f"in {time.perf_counter() - started:.1f}s"
            )
        paths = [str(p) for p in sorted((root / "corpus").glob("*.txt"))][:n]
        if len(paths) < n:
            raise SystemExit(f"{root / 'corpus'} holds {len(paths)} articles, fewer than {n}")

        print(f"\nBuilds (kg.run.build.build, workers={args.workers}, exports={args.exports})")
        rows, base = [], None
        for size in sizes:
            listing = tmp / f"paths-{size}.txt"
            listing.write_text("\n".join(paths[:size]), encoding="utf-8")
            result = run_build(listing, tmp / f"out-{size}", args.workers, args.exports)
            base = base or result
            rows.append(
                [
                    f"{result['articles']:,}",
                    f"{result['characters']:,}",
                    f"{result['quads']:,}",
                    f"{result['seconds']:.1f}",
                    f"{result['articles'] / result['seconds']:.1f}",
                    f"{result['store_mb']:,.0f} ({result['store_mb'] / base['store_mb']:.2f})",
                    f"{result['peak_mb']:,.0f} ({result['peak_mb'] / base['peak_mb']:.2f})",
                    f"{result['tree_mb']:,.0f}",
                ]
            )
            print(f"  {size:,} articles built in {result['seconds']:.1f}s", file=sys.stderr)
        headers = ["articles", "characters", "quads", "seconds", "articles/s"]
        headers += ["peak RSS MB, store written (ratio)", "peak RSS MB, whole build (ratio)"]
        headers += ["tree RSS MB"]
        print(format_rows(headers, rows, "table"))

        small = paths[:SMALL_RUN]
        r_small, _ = recall(small, root / "gold")
        r_all, fields = recall(paths, root / "gold")
        print("\nRecall on generated gold (target: |difference| <= 0.02)")
        table = [
            [f"first {len(small):,} (baseline)", f"{r_small:.3f}", ""],
            [f"all {len(paths):,}", f"{r_all:.3f}", f"{r_all - r_small:+.3f}"],
        ]
        print(format_rows(["articles", "recall", "difference"], table, "table"))
        print()
        per_field = [[f, f"{s.recall:.3f}", f"{s.precision:.3f}"] for f, s in fields.items()]
        print(format_rows(["field (all)", "recall", "precision"], per_field, "table"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
