"""Building at the speed of extraction, and what the store holds, beside the code of before.

    .venv/bin/python benchmarks/bench_build.py [--articles 1000] [--copies 180] [--repeat 3]
                                               [--baseline REV] [--baseline-repeat 1]

Two corpora: the first `--articles` generated articles (benchmarks/generate.py) and the three
bundled articles copied `--copies` times under other names. On each, in the same run and in
turn (a machine that slows down shifts every side alike):

1. time, as a user runs both commands: `kg build DIR --quiet` over `kg extract DIR --format
   jsonl`, fresh processes, output to /dev/null, start-up included, with `--workers 1` and
   `--workers 2`; median of `--repeat`. Targets: at most 2.0 with one worker, 1.5 with two.
   The baseline is the code at `--baseline` (by default main as issue 14 last merged it, with
   the store of before; unpacked with `git archive`), run the same way, except that its build
   is timed without the exports, views and plots its `kg build` also wrote
   (`kg.run.build.build(exports=False)`): those took minutes on 1,000 articles and are now
   `kg export` / `kg views` (`kg build --exports`).
2. the store: quads per 1,000 characters of article and bytes on disk per article, in total
   and by kind of triple (article records, entities, sentences, mentions, assertions, plain
   relations, metrics, the default-graph copy), for the baseline's store and this one's.
   Bytes by kind are those of a store holding only that kind's quads (loaded and compacted the
   same way), so they add up to about the total. Target: at most a third of the baseline's.

Peak resident memory of each build (`wait4`) is printed beside its time.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import pyoxigraph as ox  # noqa: E402
from generate import generate  # noqa: E402

from kg.graph.rdf import ENTITY_GRAPH  # noqa: E402
from kg.graph.store import store_bytes  # noqa: E402
from kg.ontology import ONTOLOGY_GRAPH, relations  # noqa: E402
from kg.rows import format_rows  # noqa: E402

#: main when issue 14 last merged it: the extraction of now, the store of before (a copy of
#: every graph in the default graph). Move it on when main is merged again.
BASELINE = "0f5af79"

# The baseline's build without its default exports (its `kg build` wrote them all).
BASELINE_BUILD = """
import sys
try:
    from kg.run.build import build
except ImportError:  # the code before kg/ had layers
    from kg.build import build
folder, out, workers = sys.argv[1:]
report = build([folder], out=out, exports=False, workers=int(workers))
print(report.articles, report.characters)
"""

KINDS = [
    "article",
    "entity",
    "sentence",
    "mention",
    "assertion",
    "relation",
    "metric",
    "default-graph copy",
]


def _code(rev: str, into: Path) -> Path:
    """The repository's files at `rev`, unpacked into `into` (the code a user had then)."""
    data = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", rev],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(into, filter="data")
    return into


def _run(command: list[str], cwd: Path) -> str:
    """The standard output of a fresh process, which must succeed."""
    child = subprocess.run(command, cwd=cwd, capture_output=True, env=_env())
    if child.returncode != 0:
        tail = child.stderr.decode(errors="replace")[-800:]
        raise SystemExit(f"{' '.join(command[:5])} … failed ({child.returncode}): {tail}")
    return child.stdout.decode(errors="replace")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)  # each side imports `kg` from its own folder (cwd first)
    return env


def _timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Seconds and peak RSS in MB of a fresh process whose output goes to /dev/null, read by a
    process that only starts it and waits for it (`wait4`)."""
    waiter = (
        "import os, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
        "_, status, usage = os.wait4(p.pid, 0)\n"
        "print(time.perf_counter() - t, usage.ru_maxrss, os.waitstatus_to_exitcode(status))\n"
    )
    seconds, rss_kb, code = _run([sys.executable, "-c", waiter, *command], cwd).split()
    if int(code) != 0:
        raise SystemExit(f"{' '.join(command[:5])} … failed with exit code {code}")
    return float(seconds), int(rss_kb) / 1024


def _commands(side: str, folder: Path, out: Path, workers: int) -> dict[str, list[str]]:
    kg = [sys.executable, "-m", "kg.cli"]
    extract = [*kg, "extract", str(folder), "--format", "jsonl", "--workers", str(workers)]
    if side == "baseline":
        build = [sys.executable, "-c", BASELINE_BUILD, str(folder), str(out), str(workers)]
    else:
        build = [*kg, "build", str(folder), "--out", str(out), "--quiet"]
        build += ["--workers", str(workers)]
    return {"extract": extract, "build": build}


def bench_time(
    folder: Path, sides: dict[str, Path], tmp: Path, repeat: int, baseline_repeat: int
) -> dict[tuple[str, int, str], list[tuple[float, float]]]:
    """(side, workers, command) -> [(seconds, peak MB)], the runs taken in turn."""
    found: dict[tuple[str, int, str], list[tuple[float, float]]] = {}
    runs = 0
    for round_ in range(repeat):
        for side, cwd in sides.items():
            if side == "baseline" and round_ >= baseline_repeat:
                continue
            for workers in (1, 2):
                for what, command in _commands(side, folder, tmp / "out", workers).items():
                    runs += 1
                    shutil.rmtree(tmp / "out", ignore_errors=True)
                    seconds, peak = _timed(command, cwd)
                    found.setdefault((side, workers, what), []).append((seconds, peak))
                    print(
                        f"  {side} --workers {workers} {what}: {seconds:.1f}s, {peak:,.0f} MB",
                        file=sys.stderr,
                    )
    return found


def _kind(quad: ox.Quad, relation_iris: set[str]) -> str:
    graph = quad.graph_name
    if isinstance(graph, ox.DefaultGraph):
        return "default-graph copy"
    g = graph.value
    if g == str(ONTOLOGY_GRAPH):
        return "ontology"
    if g == ENTITY_GRAPH:
        return "relation" if quad.predicate.value in relation_iris else "entity"
    subject = quad.subject.value if isinstance(quad.subject, ox.NamedNode) else ""
    if subject == g:
        return "article"
    if subject.startswith(g + "/") and "#m" in subject:
        return "mention"  # a part of its sentence (kg.graph.rdf.mention_iri)
    if subject.startswith(g + "/"):
        return {"s": "sentence", "m": "mention", "r": "assertion", "o": "metric"}.get(
            subject[len(g) + 1 : len(g) + 2], "article"
        )
    if quad.predicate.value in relation_iris:
        return "relation"
    return "entity"  # what an article says of its entities: class, labels, source, names


def store_kinds(path: Path, tmp: Path) -> dict[str, tuple[int, int]]:
    """kind -> (quads, bytes of a store of only those quads, loaded and compacted alike)."""
    ckg = "https://w3id.org/chainkg/ontology#"
    relation_iris = {ckg + name for name in relations()}
    store = ox.Store.read_only(str(path))
    parts: dict[str, list[ox.Quad]] = {}
    for quad in store:
        parts.setdefault(_kind(quad, relation_iris), []).append(quad)
    found = {}
    for kind, quads in parts.items():
        folder = tmp / f"kind-{kind.replace(' ', '-')}"
        shutil.rmtree(folder, ignore_errors=True)
        part = ox.Store(str(folder))
        part.bulk_load(
            io.BytesIO(ox.serialize(quads, format=ox.RdfFormat.N_QUADS)), ox.RdfFormat.N_QUADS
        )
        part.optimize()
        del part
        for old in folder.glob("LOG.old.*"):
            old.unlink()
        found[kind] = (len(quads), store_bytes(folder))
        shutil.rmtree(folder)
    return found


def bench_store(
    folder: Path, sides: dict[str, Path], tmp: Path
) -> tuple[dict[str, dict], int, int]:
    """Build once with each side (one worker); the kinds of each store, articles, characters."""
    found = {}
    articles = characters = 0
    for side, cwd in sides.items():
        out = tmp / f"store-{side}"
        shutil.rmtree(out, ignore_errors=True)
        # kg.run.build.build(exports=False) of each side's own code: the same call, both stores
        printed = _run([sys.executable, "-c", BASELINE_BUILD, str(folder), str(out), "1"], cwd)
        articles, characters = (int(x) for x in printed.split()[-2:])
        found[side] = {
            "kinds": store_kinds(out / "store", tmp),
            "bytes": store_bytes(out / "store"),
            "quads": len(ox.Store.read_only(str(out / "store"))),
        }
    return found, articles, characters


def _median(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def time_rows(found: dict) -> list[list[str]]:
    rows = []
    for side in ("baseline", "now"):
        for workers in (1, 2):
            if (side, workers, "build") not in found:
                continue
            build, build_mb = _median(found[side, workers, "build"])
            extract, extract_mb = _median(found[side, workers, "extract"])
            target = {1: "<= 2.0", 2: "<= 1.5"}[workers] if side == "now" else ""
            rows.append(
                [
                    side,
                    str(workers),
                    f"{extract:.1f}",
                    f"{build:.1f}",
                    f"{build / extract:.2f}",
                    target,
                    f"{extract_mb:,.0f}",
                    f"{build_mb:,.0f}",
                    str(len(found[side, workers, "build"])),
                ]
            )
    return rows


def store_rows(found: dict, articles: int, characters: int) -> list[list[str]]:
    rows = []
    base, now = found.get("baseline"), found["now"]
    kinds = [k for k in [*KINDS, "ontology"] if any(k in f["kinds"] for f in found.values())]

    def cells(entry: dict | None, kind: str | None) -> tuple[float, float]:
        if entry is None:
            return float("nan"), float("nan")
        if kind is None:
            quads = entry["quads"] - entry["kinds"].get("ontology", (0, 0))[0]
            return quads * 1000 / characters, entry["bytes"] / articles
        quads, size = entry["kinds"].get(kind, (0, 0))
        return quads * 1000 / characters, size / articles

    for kind in [None, *kinds]:
        bq, bb = cells(base, kind)
        nq, nb = cells(now, kind)
        name = kind or "all (quads without the ontology; bytes of the whole store)"
        ratio_q = f"{nq / bq:.2f}" if bq == bq and bq else ""
        ratio_b = f"{nb / bb:.2f}" if bb == bb and bb else ""
        rows.append(
            [
                name,
                f"{bq:,.1f}",
                f"{nq:,.1f}",
                ratio_q,
                f"{bb / 1000:,.1f}",
                f"{nb / 1000:,.1f}",
                ratio_b,
            ]
        )
    return rows


def _copies(folder: Path, copies: int) -> Path:
    """The bundled articles, `copies` times under other names."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted((ROOT / "data" / "corpus").glob("*.txt")):
        text = path.read_bytes()
        for i in range(copies):
            (folder / f"copy{i:04d}_{path.name}").write_bytes(text)
    return folder


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--articles", type=int, default=1000, help="generated articles (1000)")
    p.add_argument("--copies", type=int, default=180, help="copies of the bundled articles (180)")
    p.add_argument("--repeat", type=int, default=3, help="timed runs of each command (3)")
    p.add_argument("--baseline", default=BASELINE, help=f"the code of before (git rev, {BASELINE})")
    p.add_argument("--baseline-repeat", type=int, default=1, help="timed runs of the baseline (1)")
    p.add_argument("--only", choices=["generated", "bundled"], help="one corpus only")
    p.add_argument("--no-time", action="store_true", help="the store only, no timings")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench_build-") as name:
        tmp = Path(name)
        sides = {"baseline": _code(args.baseline, tmp / "baseline"), "now": ROOT}
        corpora = {}
        if args.only in (None, "generated"):
            generate(args.articles, tmp / "gen")
            corpora["generated"] = tmp / "gen" / "corpus"
        if args.only in (None, "bundled"):
            corpora["bundled"] = _copies(tmp / "bundled", args.copies)
        for corpus, folder in corpora.items():
            found, articles, characters = bench_store(folder, sides, tmp)
            print(f"\n{corpus}: {articles:,} articles, {characters:,} characters")
            print(f"\nStore of {corpus} (baseline {args.baseline}; target: ratio <= 0.33)")
            headers = ["kind", "quads/1000 chars before", "now", "ratio"]
            headers += ["kB/article before", "now", "ratio"]
            print(format_rows(headers, store_rows(found, articles, characters), "table"))
            if args.no_time:
                continue
            timed = bench_time(folder, sides, tmp, args.repeat, args.baseline_repeat)
            print(f"\nkg build / kg extract on {corpus} (median of runs taken in turn)")
            headers = ["code", "workers", "extract s", "build s", "ratio", "target"]
            headers += ["extract MB", "build MB", "runs"]
            print(format_rows(headers, time_rows(timed), "table"))
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
