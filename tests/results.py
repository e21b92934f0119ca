"""What every reader of the store gives on a corpus, as plain data: the results a layout change
must keep.

    .venv/bin/python -m tests.results --write     # record the results of the current code

`results(store, out)` runs, on a built store, every named query that answers a user (with
every entity name, kind, year and indicator the store offers as parameters), `kg ask` on
questions made from the same names, the NetworkX projection, every HTML view's nodes and edges
(with their hover evidence), the `kg stats` tables, the CSV and GraphML exports and the build
report. `tests/test_results.py` compares them with what was recorded before the store's layout
changed (issue 14), as digests (`tests/data/results/CORPUS.json`: one per query, question
template, view, export file and table), so that nothing of the development articles' text,
which is other publishers', is committed. `--dump DIR` also writes the full results, to see
what differs.

The queries that describe the storage itself (how many quads, which graphs hold how many) are
left out: a new layout changes them by design. Rows are compared in one canonical order: an
ORDER BY leaves the order of ties to the engine, which follows the store's layout.

The recorded results are those of the code before issue 14 (c7d78bc), made with this file:

    d=$(mktemp -d) && git archive c7d78bc | tar -x -C $d && cp tests/results.py $d/tests/
    ln -sfn $PWD/../shared $d/../shared    # the development articles, beside the checkout
    (cd $d && $OLDPWD/.venv/bin/python -m tests.results --write)
    cp $d/tests/data/results/*.json tests/data/results/
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "tests" / "data" / "results"
SHARED = ROOT.parent / "shared"

#: Corpora compared, by name.
CORPORA = {
    "bundled": ROOT / "data" / "corpus",
    "dev": SHARED / "corpus" / "dev",
    "dev2": SHARED / "corpus" / "dev2",
}

#: Queries about the storage, not the graph: their answers change with the layout.
STORAGE_QUERIES = {
    "all_triples",
    "distinct_triples",  # every triple, the ontology's blank nodes with new labels each build
    "count_triples",
    "count_types_set",
    "graph_sizes",
    "union_mismatches",
}
_TEXTS = ["铝", "产业链", "市", "公司", "项目", "新", "园", "县", "不存在"]
_KINDS = [None, "Enterprise", "Project", "IndustrialPark", "Region"]
_MISSING = "不存在的名字"

# Questions asked of every name of an entity of the class (kg ask), and once each.
_QUESTIONS = {
    "IndustryChain": [
        "{}的龙头企业有哪些?",
        "{}的链长是谁?",
        "Which firms lead the {} chain?",
    ],
    "Enterprise": [
        "{}是哪条产业链的龙头?",
        "{}有哪些项目?",
        "关于{},图谱里有什么信息?",
        "Which firms did {} sign with?",
    ],
    "Region": [
        "{}有哪些项目?",
        "{}出台了哪些政策?",
        "{}实施了哪些战略?",
        "{}与哪些企业签约?",
        "{}2022年工业总产值是多少?",
        "What was the industrial output of {} in 2022?",
    ],
    "IndustryCluster": ["{}包括哪些产业链?"],
    "IndustrialPark": ["{}有哪些企业?", "关于{},图谱里有什么信息?"],
    "Project": ["关于{},图谱里有什么信息?"],
    "Policy": ["关于{},图谱里有什么信息?"],
    "Strategy": ["关于{},图谱里有什么信息?"],
    "Person": ["{}是哪条产业链的链长?"],
    "ChainLeaderRole": ["关于{},图谱里有什么信息?"],
}
_ONCE = [
    "哪些企业是哪些产业链的龙头?",
    "Which firms lead which chains?",
    "哪些企业同时出现在多条产业链中?",
    "绿色硅的龙头企业有哪些?",
    "宁德时代是哪条产业链的龙头?",
    "Which firms lead the 新材科 chain?",
    "今天天气怎么样?",
]


def _plain(value: Any) -> Any:
    """JSON-ready: tuples become lists, sets sorted lists, numbers stay numbers."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((_plain(v) for v in value), key=repr)
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if value == value else "NaN"
    if hasattr(value, "item"):  # numpy scalars from pandas
        return _plain(value.item())
    return str(value)


def _rows(frame: Any) -> list[list[Any]]:
    return _canonical([_plain(list(row)) for row in frame.itertuples(index=False, name=None)])


def _canonical(rows: list[Any]) -> list[Any]:
    # Rows in one order whatever the engine's: an ORDER BY leaves the order of ties to the
    # engine, and that order follows how the store is laid out, not what it holds.
    return sorted(rows, key=lambda row: json.dumps(row, ensure_ascii=False, sort_keys=True))


def _parameter_sets(ds: Any, name: str, names: list[tuple[str, str]]) -> Iterator[dict]:
    from kg import ontology
    from kg.graph.query import query_info, run_named

    params = query_info(name).parameters
    if not params:
        yield {}
        return
    by_name = {p.name: p for p in params}
    labels = sorted({n for _, n in names}) + [_MISSING]
    if name == "metrics":
        observed = run_named(ds, "metric_observations")[1]
        seen = set()
        for row in observed:
            subject, indicator, year = row[2], row[3], row[6]
            if subject is None:
                continue
            for combo in (
                (subject, None, None),
                (subject, indicator, None),
                (subject, None, year),
                (subject, indicator[:2], year),
            ):
                if combo not in seen:
                    seen.add(combo)
                    yield {
                        k: v
                        for k, v in zip(("subject", "indicator", "year"), combo, strict=True)
                        if v is not None
                    }
        for label in labels:
            yield {"subject": label}
        return
    if name == "metrics-mentioning":  # the sentences that name each name, and its statistics
        for label in labels:
            yield {"text": label}
            yield {"text": label, "indicator": "产值"}
        return
    if [p.kind for p in params] == ["iri"]:  # a fact: every assertion and observation
        facts = [row[5] for row in run_named(ds, "relation_evidence")[1]]
        facts += [row[0] for row in run_named(ds, "metric_observations")[1]]
        for fact in sorted(set(facts)):
            yield {params[0].name: fact}
        return
    label_params = [p for p in params if p.kind == "label"]
    other = [p for p in params if p.kind != "label"]
    if not label_params:
        for p in other:
            values = _TEXTS if p.kind == "string" else [None]
            if p.kind == "class":  # every class of the things the graph is about
                values = ontology.entity_classes()
            for v in values:
                yield {} if v is None else {p.name: v}
        return
    first = label_params[0]
    if not first.required:
        yield {}
    for label in labels:
        if "kind" in by_name:
            for kind in _KINDS:
                yield {first.name: label, **({"kind": kind} if kind else {})}
        else:
            yield {first.name: label}


def _queries(ds: Any) -> dict[str, Any]:
    import kg
    from kg.graph.query import query_names, run_named

    names = [(row[1], row[3]) for row in run_named(ds, "entity-names")[1]]
    out: dict[str, Any] = {}
    for name in query_names():
        if name in STORAGE_QUERIES:
            continue
        for params in _parameter_sets(ds, name, names):
            key = json.dumps(params, ensure_ascii=False, sort_keys=True)
            frame = kg.query(ds, name, **params)
            out.setdefault(name, {})[key] = {"columns": list(frame.columns), "rows": _rows(frame)}
    return out


def _questions(ds: Any) -> Iterator[tuple[str, str]]:
    """(template, question) pairs: the fixed questions, then each template with every name."""
    from kg.graph.query import run_named

    for question in _ONCE:
        yield question, question
    for _iri, cls, _label, name in run_named(ds, "entity-names")[1]:
        for template in _QUESTIONS.get(cls, []):
            yield template, template.format(name)


def _answers(ds: Any) -> dict[str, Any]:
    from kg.apps.ask import Asker

    asker = Asker(ds)
    out: dict[str, dict[str, Any]] = {}
    for template, question in _questions(ds):
        answer = _plain(asker.ask(question).to_dict())
        answer.pop("sparql", None)  # the query's text, not the answer
        answer["rows"] = _canonical(answer["rows"])
        out.setdefault(template, {})[question] = answer
    return out


def _graph(G: Any) -> dict[str, Any]:
    nodes = {str(n): _plain(dict(sorted(d.items()))) for n, d in G.nodes(data=True)}
    edges = sorted(
        (
            _plain([u, v, k, dict(sorted(d.items()))])
            for u, v, k, d in G.edges(keys=True, data=True)
        ),
        key=lambda e: json.dumps(e, ensure_ascii=False, sort_keys=True),
    )
    return {"nodes": dict(sorted(nodes.items())), "edges": edges}


def _views(ds: Any) -> dict[str, Any]:
    from kg.apps import views
    from kg.graph.network import to_networkx

    evidence, files = views.entity_evidence(ds)
    G = to_networkx(ds)
    V = views.view_graph(G, sources=evidence, files=files)
    H = views.chain_leader_graph(V)
    out = {"network": _graph(G), "graph.html": _graph(V), "chain_leaders.html": _graph(H)}
    for chain in sorted(n for n in H if H.nodes[n].get("type") == "IndustryChain"):
        out[views.chain_file(chain)] = _graph(views.chain_graph(H, chain))
    return out


def _stats(ds: Any) -> list[Any]:
    from kg.graph import analytics
    from kg.graph.network import to_networkx

    return _plain(analytics.tables(to_networkx(ds)))


def _exports(ds: Any, out: Path) -> dict[str, Any]:
    from kg.graph.exports import export

    files = export(ds, out / "exports", formats=["csv", "graphml"])
    return {
        name: Path(path).read_text(encoding="utf-8-sig") for name, path in sorted(files.items())
    }


def results(store: Path, report: Any, out: Path) -> dict[str, Any]:
    """Every result a user sees of the built store at `store` (see the module docstring)."""
    from kg.graph.store import open_store

    ds = open_store(store)
    counts = dict(report.counts)
    for measure in ("triples", "quads"):  # what is stored: the layout's, not the graph's
        counts.pop(measure, None)
    return {
        "report": _plain({"counts": counts, "leads": report.leads}),
        "queries": _queries(ds),
        "answers": _answers(ds),
        "views": _views(ds),
        "stats": _stats(ds),
        "exports": _exports(ds, out),
    }


def build_results(corpus: Path, out: Path) -> dict[str, Any]:
    """Build the store of `corpus` under `out` and return its `results`."""
    from kg.run.build import build

    report = build([corpus], out=out, exports=False)
    return results(out / "store", report, out)


def digest(value: Any) -> str:
    """sha256 of the canonical JSON of `value`."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def digests(found: dict[str, Any]) -> dict[str, str]:
    """One digest per named query (all its calls), question template, view, export file and
    table: what may be committed of any text, and enough to say where results differ."""
    flat: dict[str, str] = {}
    for section, items in found.items():
        if isinstance(items, dict):
            for key, value in items.items():
                flat[f"{section}/{key}"] = digest(value)
        else:
            flat[section] = digest(items)
    return flat


def path_of(corpus: str) -> Path:
    """The recorded results of a corpus."""
    return RESULTS / f"{corpus}.json"


def main(argv: list[str] | None = None) -> int:
    import tempfile

    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--write", action="store_true", help="record the current code's results")
    p.add_argument("--dump", type=Path, help="also write the full results to this folder")
    p.add_argument("corpora", nargs="*", default=list(CORPORA))
    args = p.parse_args(argv)
    if not args.write:
        p.error("give --write to record results (tests/test_results.py compares them)")
    RESULTS.mkdir(parents=True, exist_ok=True)
    for corpus in args.corpora:
        folder = CORPORA[corpus]
        if not folder.is_dir():
            print(f"skipped {corpus}: {folder} is absent", file=sys.stderr)
            continue
        with tempfile.TemporaryDirectory() as tmp:
            found = build_results(folder, Path(tmp))
        text = json.dumps(digests(found), ensure_ascii=False, sort_keys=True, indent=1)
        if args.dump is not None:  # everything, to compare two versions of the code by eye
            args.dump.mkdir(parents=True, exist_ok=True)
            full = json.dumps(found, ensure_ascii=False, sort_keys=True, indent=1)
            (args.dump / f"{corpus}.json").write_text(full + "\n", encoding="utf-8")
        path_of(corpus).write_text(text + "\n", encoding="utf-8")
        print(f"{corpus}: {path_of(corpus)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
