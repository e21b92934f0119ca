"""How the time of each named query of `kg ask` grows with the store: the same questions on a store
of N synthetic articles and on one ten times larger, in the same run.

    .venv/bin/python benchmarks/bench_query_scale.py [--articles 300] [--factor 10] [--repeat 3]

The articles are `bench_queries.py`'s (chain leaders, leading firms, parks, projects, policies,
statistics; names drawn with a skewed popularity). The larger store holds the same N articles
plus (factor - 1) x N others, drawn with another seed, of which any that names one of the
questions' entities (a place, a firm, a chain, a person ...) is left out. A question about an
entity therefore has the same answer on both stores: a query that starts from the entity takes
about as long on both, while one that reads every assertion, mention or sentence of the store
takes about `factor` times as long. Questions without an entity (every leading firm, every name)
and those whose answer counts over the whole store (how many articles name each chain) answer
more, or take longer, on the larger store by design; their rows ratio is printed beside.

Each time is the median of `--repeat` runs of `kg.query` after one warm-up run; the growth is
the ratio of the two medians, measured in the same run, so a busy machine slows both sides.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_queries import _cases, _median, _Pools, synthetic_documents  # noqa: E402

import kg  # noqa: E402
from kg.graph.store import build_store, open_store, oxigraph_store  # noqa: E402
from kg.reading.document import Document  # noqa: E402
from kg.rows import format_rows  # noqa: E402

#: Parameters naming an entity: the larger store's added articles name none of their values.
_ENTITY_PARAMETERS = {
    "chain",
    "cluster",
    "enterprise",
    "entity",
    "issuer",
    "leader",
    "party",
    "place",
    "subject",
}


def scale_cases(pools: _Pools) -> list[tuple[str, dict]]:
    """`bench_queries.py`'s questions, and those about what is in a place or of a class."""
    region, park = pools.regions[0], pools.parks[0]
    return [
        *_cases(pools),
        ("chain-leaders-in-place", {"place": region}),
        ("leading-in-place", {"place": region}),
        ("leading-in-place", {"place": park}),
        ("chains-in-place", {"place": region}),
        ("named-with-place", {"place": region, "kind": "Policy"}),
        ("chains-of-leader", {"leader": pools.people[0]}),
        ("metrics-mentioning", {"text": region[:-1], "indicator": "产值"}),
        ("entities-of-class", {"kind": "IndustryChain"}),
        ("entities-of-class", {"kind": "Enterprise"}),
        ("entities-of-class", {"kind": "Project"}),
    ]


def entity_names(cases: list[tuple[str, dict]]) -> set[str]:
    """The values of the parameters that name an entity."""
    return {str(v) for _, params in cases for k, v in params.items() if k in _ENTITY_PARAMETERS}


def added_documents(n: int, offset: int, names: set[str], *, seed: int) -> Iterator[Document]:
    """`n` synthetic articles (drawn with `seed`) that name none of `names`, numbered from
    `offset` so that their file names differ from the first store's."""
    kept = 0
    for doc in synthetic_documents(20 * n + 100, seed=seed):
        if kept == n:
            return
        if any(m.label in names or m.text in names for m in doc.mentions):
            continue
        doc.name = f"{offset + kept:05d}_bench.txt"
        kept += 1
        yield doc
    raise RuntimeError(f"only {kept} of {n} articles name none of the questions' entities")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300, help="articles of the small store")
    parser.add_argument("--factor", type=int, default=10, help="size of the large store (10x)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (3)")
    args = parser.parse_args(argv)

    n, big = args.articles, args.articles * args.factor
    pools = _Pools(random.Random(0))  # the pools of synthetic_documents(seed=0)
    cases = scale_cases(pools)
    names = entity_names(cases)
    with tempfile.TemporaryDirectory(prefix="bench_query_scale-") as tmp:
        stores, quads = [], []
        for label, docs in (
            ("small", lambda: synthetic_documents(n)),
            (
                "large",
                lambda: _chain(synthetic_documents(n), added_documents(big - n, n, names, seed=1)),
            ),
        ):
            started = time.perf_counter()
            counts = build_store(docs(), Path(tmp) / label)
            ds = open_store(Path(tmp) / label)
            stores.append(ds)
            quads.append(len(oxigraph_store(ds)))
            print(
                f"{label}: {counts['documents']} synthetic articles, {quads[-1]:,} quads stored; "
                f"built in {time.perf_counter() - started:.1f}s"
            )
        size = quads[1] / quads[0]
        print(f"store size ratio (quads): {size:.2f}")
        print()

        table, same, grown = [], [], []
        for name, params in cases:
            rows, times = [], []
            for ds in stores:
                rows.append(len(kg.query(ds, name, **params)))
                times.append(
                    _median(lambda d=ds, q=name, p=params: kg.query(d, q, **p), args.repeat)
                )
            growth = times[1] / times[0]
            (same if rows[0] == rows[1] else grown).append((growth, name))
            table.append(
                [
                    name,
                    ", ".join(f"{k}={v}" for k, v in params.items()),
                    rows[0],
                    rows[1],
                    f"{times[0] * 1e3:.1f}",
                    f"{times[1] * 1e3:.1f}",
                    f"{growth:.2f}",
                    f"{rows[1] / rows[0]:.2f}" if rows[0] else "-",
                ]
            )
        columns = ["query", "parameters", "rows N", f"rows {args.factor}N", "ms N"]
        columns += [f"ms {args.factor}N", "time ratio", "rows ratio"]
        print(format_rows(columns, table))
        print()
        for what, found in (("the same answer", same), ("a larger answer", grown)):
            if found:
                growths = sorted(found)
                print(
                    f"{len(found)} questions with {what}: time ratio median "
                    f"{statistics.median(g for g, _ in growths):.2f}, max {growths[-1][0]:.2f} "
                    f"({growths[-1][1]}); store size ratio {size:.2f}"
                )
    return 0


def _chain(*parts: Iterator[Document]) -> Iterator[Document]:
    for part in parts:
        yield from part


if __name__ == "__main__":
    sys.exit(main())
