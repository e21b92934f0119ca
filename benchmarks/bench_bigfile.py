"""One very large text file: streamed in parts, memory flat (issue 6, bad input).

Writes a text file of N MB (the bundled articles, repeated) and runs `kg extract` on it in a
subprocess, then the same on a baseline file of B MB, and prints time, throughput and peak
RSS for both with the ratios big / baseline. With --build it also times `kg build` (the
store, exports, views) on both. Peak RSS is `ru_maxrss` of the child, read by a wrapper process
that has no other children.

    .venv/bin/python benchmarks/bench_bigfile.py            # 50 MB against 5 MB
    .venv/bin/python benchmarks/bench_bigfile.py --mb 20 --baseline-mb 2 --build
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

WRAPPER = textwrap.dedent(
    """
    import resource, subprocess, sys, time
    out = open(sys.argv[1], "w")
    started = time.perf_counter()
    rc = subprocess.run(sys.argv[2:], stdout=out).returncode
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    print(rc, seconds, peak)
    """
)


def write_corpus_file(path: Path, megabytes: float) -> int:
    """Fill `path` with the bundled articles, repeated, up to `megabytes` MB; return chars."""
    articles = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data/corpus").glob("*.txt"))]
    target = int(megabytes * 1_000_000)
    size = chars = k = 0
    with open(path, "w", encoding="utf-8") as fh:
        while size < target:
            block = articles[k % len(articles)] + "\n\n"
            fh.write(block)
            size += len(block.encode("utf-8"))
            chars += len(block)
            k += 1
    return chars


def measure(command: list[str], out: Path) -> tuple[float, int]:
    """Run `command` under the wrapper: (seconds, peak RSS in MB)."""
    proc = subprocess.run(
        [sys.executable, "-c", WRAPPER, str(out), *command],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    rc, seconds, peak = proc.stdout.split()
    if int(rc) != 0:
        sys.exit(f"bench_bigfile: {' '.join(command)} failed:\n{proc.stderr}")
    return float(seconds), int(peak)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--mb", type=float, default=50, help="size of the big file (default 50)")
    p.add_argument("--baseline-mb", type=float, default=5, help="baseline size (default 5)")
    p.add_argument("--build", action="store_true", help="also time kg build on both files")
    args = p.parse_args(argv)
    kg = [sys.executable, "-m", "kg.cli"]
    rows = []
    with tempfile.TemporaryDirectory(prefix="kg-bigfile-") as tmp:
        tmp = Path(tmp)
        for label, mb in (("baseline", args.baseline_mb), ("big", args.mb)):
            path = tmp / f"{label}.txt"
            chars = write_corpus_file(path, mb)
            out = tmp / f"{label}.jsonl"
            seconds, peak = measure([*kg, "extract", str(path)], out)
            with open(out, encoding="utf-8") as fh:
                parts = len({json.loads(line)["doc"] for line in fh})
            row = {"file": label, "MB": mb, "chars": chars, "parts": parts}
            row |= {"extract s": seconds, "chars/s": chars / seconds, "extract RSS MB": peak}
            if args.build:
                store_out = tmp / f"{label}-out"
                b_seconds, b_peak = measure(
                    [*kg, "build", str(path), "--out", str(store_out), "--quiet"],
                    tmp / f"{label}-build.txt",
                )
                row |= {"build s": b_seconds, "build RSS MB": b_peak}
            rows.append(row)
            print(json.dumps(row, ensure_ascii=False), flush=True)
    base, big = rows
    print()
    print(f"{'':16}{'baseline':>14}{'big':>14}{'big/baseline':>14}")
    for key in ["MB", "chars", "parts", "extract s", "chars/s", "extract RSS MB"] + (
        ["build s", "build RSS MB"] if args.build else []
    ):
        ratio = big[key] / base[key] if base[key] else float("nan")
        print(f"{key:16}{base[key]:>14,.1f}{big[key]:>14,.1f}{ratio:>14.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
