"""The cost of adding one article to stores of growing size, against the smallest store.

    .venv/bin/python benchmarks/bench_incremental.py [--sizes 100,1000,4000] [--repeat 5]

Stores of each size are built (`kg.run.build.build`, 2 workers, no exports) from articles of
benchmarks/generate.py. On each store, for `--repeat` articles not in it (median):

- open: opening the store for writing and closing it, which every operation includes;
- add: `kg.run.incremental.add` of one new article (open the store, read and extract the article,
  one transaction, close): what `kg add FILE` does after Python has started;
- unchanged: adding the same article again (found by its hash: no write);
- replace: adding a changed version of it (its old facts out, the new in);
- remove: `kg.run.incremental.remove` of it.

Target: the time per article does not grow with the size of the store (ratio near 1).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pyoxigraph as ox  # noqa: E402
from generate import article  # noqa: E402

from kg.rows import format_rows  # noqa: E402
from kg.run.build import build  # noqa: E402
from kg.run.incremental import add, remove  # noqa: E402
from kg.run.parallel import extract_many  # noqa: E402

OPERATIONS = ("open", "add", "unchanged", "replace", "remove")


def _write(folder: Path, index: int, *, seed: int) -> Path:
    text, _ = article(index, seed=seed)
    path = folder / f"gen_{index:06d}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def measure(store: Path, tmp: Path, first: int, repeat: int) -> dict[str, float]:
    """Median seconds of each operation on `repeat` articles numbered from `first`."""
    times: dict[str, list[float]] = {op: [] for op in OPERATIONS}
    (tmp / "new").mkdir(parents=True, exist_ok=True)
    (tmp / "changed").mkdir(exist_ok=True)
    for index in range(first, first + repeat):
        new = _write(tmp / "new", index, seed=0)
        changed = _write(tmp / "changed", index, seed=1)
        times["open"].append(_timed(lambda: ox.Store(str(store))))  # opened and closed
        times["add"].append(_timed(lambda p=new: add([p], store)))
        times["unchanged"].append(_timed(lambda p=new: add([p], store)))
        times["replace"].append(_timed(lambda p=changed: add([p], store)))
        times["remove"].append(_timed(lambda p=new: remove([p.name], store)))
    return {op: statistics.median(ts) for op, ts in times.items()}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="100,1000,4000", help="store sizes in articles")
    p.add_argument("--repeat", type=int, default=5, help="articles per measurement (5)")
    p.add_argument("--workers", type=int, default=2, help="workers for building the stores (2)")
    args = p.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    with tempfile.TemporaryDirectory(prefix="bench_incremental-") as name:
        tmp = Path(name)
        corpus = tmp / "corpus"
        corpus.mkdir()
        for index in range(sizes[-1]):
            _write(corpus, index, seed=0)
        list(extract_many([_write(tmp, 0, seed=9)]))  # load the dictionaries before timing
        files = sorted(corpus.iterdir())
        rows, base = [], None
        for size in sizes:
            started = time.perf_counter()
            report = build(
                files[:size], out=tmp / f"out-{size}", exports=False, workers=args.workers
            )
            print(
                f"  store of {size:,} articles built in {time.perf_counter() - started:.1f}s",
                file=sys.stderr,
            )
            result = measure(report.files["store"], tmp / f"ops-{size}", sizes[-1], args.repeat)
            base = base or result
            row = [f"{size:,}", f"{report.counts['quads']:,}"]
            for op in OPERATIONS:
                row.append(f"{result[op] * 1000:,.0f} ({result[op] / base[op]:.2f})")
            rows.append(row)
        print(
            f"Milliseconds per article (median of {args.repeat}), and the ratio to the "
            f"{sizes[0]:,}-article store (target: near 1)"
        )
        headers = ["store articles", "quads", *(f"{op} ms (ratio)" for op in OPERATIONS)]
        print(format_rows(headers, rows, "table"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
