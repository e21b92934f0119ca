"""The cost of `kg.graph.query` over raw pyoxigraph, for every named query of `kg ask`, on ~300k
triples.

    .venv/bin/python benchmarks/bench_queries.py [--articles 600] [--repeat 7] [--rdflib]

A synthetic corpus of chain-leader articles (leading firms, chain leaders, clusters, parks,
projects, policies, strategies, signings, statistics; names drawn with a skewed popularity, so
some entities recur in many articles) is made as `kg.reading.document.Document`s and written with
`kg.graph.store.build_store` into a temporary store. Then, for each named query with parameters as a
question would bind them, the median of `--repeat` runs of

- `kg.query(store, name, **params)`: parameters bound, rows converted, a pandas DataFrame;
- raw pyoxigraph: `Store.query` of the same text with the same substitutions, every solution
  read (`tuple(solution)`);

is printed with their ratio (target: at most 1.2). With `--rdflib` the same query also runs on
rdflib's in-memory engine over a copy of the graph, as a third column (slow: minutes).
A second table gives the time of `Asker.ask` (reading the question, linking the name, running
the query) over the raw time of its query, after the entity names are loaded once.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pyoxigraph as ox  # noqa: E402

import kg  # noqa: E402
from kg.apps.ask import Asker  # noqa: E402
from kg.graph.named import bind_parameters, named_query  # noqa: E402
from kg.graph.rdf import to_oxigraph  # noqa: E402
from kg.graph.store import build_store, open_store, oxigraph_store  # noqa: E402
from kg.iris import entity_iri  # noqa: E402
from kg.ontology import PREFIXES  # noqa: E402
from kg.reading.document import Document, Mention, Metric, Relation, Sentence  # noqa: E402
from kg.rows import format_rows  # noqa: E402

_SYLLABLES = (
    "云铝海鑫合盛旗滨晶华宏泰远鸿恒瑞金葵新安天达昌兴隆盛丰源德润嘉禾中晟锂电星辉华润博创"
    "聚力长青永安泰和明阳东方北辰南山西岭科达正元通达广汇顺鑫同力信诚立讯远景"
)
_STEMS = (
    "绿色铝 绿色硅 新材料 锂电池 储能 光伏 新能源汽车 数控机床 工业机器人 电子信息 生物医药 "
    "磷化工 特钢材料 碳素 高原特色农业 竹产业 白酒 纺织服装 智能装备 数字经济 氢能 稀土 "
    "有色金属 建材 食品加工 现代物流 文化旅游 集成电路 新型显示 先进制造"
).split()
_REGION_SUFFIX = ("市", "县", "区")
_INDICATORS = ("工业总产值", "规模以上工业总产值", "固定资产投资", "工业投资", "营业收入", "产值")


def _names(rng: random.Random, n: int, make: Callable[[random.Random], str]) -> list[str]:
    out: dict[str, None] = {}
    while len(out) < n:
        out[make(rng)] = None
    return list(out)


def _word(rng: random.Random, k: int = 2) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(k))


class _Pools:
    """Entity names, each pool drawn with a skewed popularity (a few names recur a lot)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.chains = [f"{a}{b}产业链" for a in _STEMS for b in ("", "精深加工", "新型", "高端")]
        self.clusters = _names(rng, 60, lambda r: f"{r.choice(_STEMS)}{_word(r, 1)}产业集群")
        self.regions = _names(rng, 400, lambda r: _word(r) + r.choice(_REGION_SUFFIX))
        self.parks = _names(rng, 300, lambda r: _word(r) + r.choice(("经开区", "产业园", "高新区")))
        self.firms = _names(rng, 3000, lambda r: _word(r) + r.choice(("集团", "股份", "实业")))
        self.projects = _names(rng, 6000, lambda r: f"{_word(r)}{r.choice(_STEMS)}项目")
        self.policies = _names(
            rng, 600, lambda r: f"关于加快{r.choice(_STEMS)}{_word(r)}的实施意见"
        )
        self.strategies = _names(rng, 100, lambda r: f"{r.randint(3, 9)}{_word(r, 1)}战略")
        self.people = _names(rng, 300, lambda r: _word(r, 1) + _word(r, 1))

    def pick(self, pool: list[str]) -> str:
        # Zipf-like: index = floor(len * u^3) favours the first names of each pool.
        return pool[int(len(pool) * self.rng.random() ** 3)]


class _Article:
    """Builds one Document sentence by sentence, with mentions, relations and metrics."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.text = ""
        self.sentences: list[Sentence] = []
        self.mentions: list[Mention] = []
        self.relations: list[Relation] = []
        self.metrics: list[Metric] = []

    def say(self, *pieces: str | tuple[str, str] | tuple[str, str, str]) -> list[Mention]:
        start = len(self.text)
        found: list[Mention] = []
        for piece in pieces:
            if isinstance(piece, str):
                self.text += piece
                continue
            cls, label, *short = piece
            written = short[0] if short else label
            at = len(self.text)
            self.text += written
            m = Mention(cls, written, at, at + len(written), label, entity_iri(cls, label))
            found.append(m)
        sentence = Sentence(start, len(self.text), self.text[start:])
        self.sentences.append(sentence)
        self.mentions.extend(found)
        self._last = sentence
        return found

    def relate(self, predicate: str, subject: Mention, object_: Mention) -> None:
        self.relations.append(Relation(predicate, subject, object_, self._last, rule="bench"))

    def metric(self, subject: Mention, indicator: str, value: float, year: int) -> None:
        s = self._last
        self.metrics.append(
            Metric(indicator, value, "亿元", year, s.text, s.start, s.end, s, subject=subject)
        )

    def document(self) -> Document:
        text = self.text
        doc = Document(self.name, text, text, list(range(len(text) + 1)))
        doc.sentences, doc.mentions = self.sentences, self.mentions
        doc.relations, doc.metrics = self.relations, self.metrics
        return doc


def synthetic_documents(n: int, *, seed: int = 0) -> Iterator[Document]:
    """`n` synthetic articles about the chain-leader system, each about 500 quads."""
    rng = random.Random(seed)
    pools = _Pools(rng)
    for k in range(n):
        a = _Article(f"{k:05d}_bench.txt")
        region = ("Region", pools.pick(pools.regions))
        for _ in range(2):
            chain = ("IndustryChain", pools.pick(pools.chains))
            f1, f2 = pools.pick(pools.firms), pools.pick(pools.firms)
            m = a.say(
                "以",
                ("Enterprise", f1),
                "、",
                ("Enterprise", f2, f2[:2]),
                "为龙头,",
                chain,
                "加快发展。",
            )
            a.relate("leadsChain", m[0], m[2])
            a.relate("leadsChain", m[1], m[2])
        m = a.say(
            "市委副书记",
            ("Person", pools.pick(pools.people)),
            "担任",
            ("IndustryChain", pools.pick(pools.chains)),
            "链长。",
        )
        a.relate("chainLeaderOf", m[0], m[1])
        m = a.say(
            ("IndustryChain", pools.pick(pools.chains)),
            "属于",
            ("IndustryCluster", pools.pick(pools.clusters)),
            "。",
        )
        a.relate("partOfCluster", m[0], m[1])
        for _ in range(2):
            park, project, firm = (
                pools.pick(pools.parks),
                pools.pick(pools.projects),
                pools.pick(pools.firms),
            )
            m = a.say(
                ("Project", project),
                "由",
                ("Enterprise", firm),
                "投资建设,落户",
                ("IndustrialPark", park),
                "。",
            )
            a.relate("developedBy", m[0], m[1])
            a.relate("locatedIn", m[0], m[2])
            m = a.say(("IndustrialPark", park), "位于", region, "。")
            a.relate("locatedIn", m[0], m[1])
        m = a.say(
            ("Project", pools.pick(pools.projects)),
            "属于",
            ("IndustryChain", pools.pick(pools.chains)),
            "。",
        )
        a.relate("inChain", m[0], m[1])
        m = a.say(region, "印发《", ("Policy", pools.pick(pools.policies)), "》。")
        a.relate("issuedBy", m[1], m[0])
        m = a.say(region, "与", ("Enterprise", pools.pick(pools.firms)), "签约。")
        a.relate("signedWith", m[0], m[1])
        a.say(region, "紧扣“", ("Strategy", pools.pick(pools.strategies)), "”,推进高质量发展。")
        year = rng.choice((2021, 2022, 2023))
        indicator = rng.choice(_INDICATORS)
        value = round(rng.uniform(1, 1000), 1)
        m = a.say(f"{year}年,", region, f"{indicator}达到{value}亿元。")
        a.metric(m[0], indicator, value, year)
        yield a.document()


def _median(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm up: caches, pages
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _raw(store: ox.Store, sparql: str, subs: dict, union: bool) -> Callable[[], int]:
    def run() -> int:
        result = store.query(
            sparql,
            prefixes=PREFIXES,
            use_default_graph_as_union=union,
            substitutions=subs or None,
        )
        n = 0
        for solution in result:
            tuple(solution)
            n += 1
        return n

    return run


def _cases(pools: _Pools) -> list[tuple[str, dict]]:
    first = pools
    chain, firm, park, region = first.chains[0], first.firms[0], first.parks[0], first.regions[0]
    return [
        ("leading-enterprises", {}),
        ("leading-enterprises", {"chain": chain}),
        ("chains-led-by", {"enterprise": firm}),
        ("chain-leaders", {}),
        ("chain-leaders", {"chain": chain}),
        ("cluster-chains", {}),
        ("cluster-chains", {"cluster": first.clusters[0]}),
        ("located-in", {"place": park}),
        ("located-in", {"place": region, "kind": "IndustrialPark"}),
        ("projects-of-enterprise", {"enterprise": firm}),
        ("policies", {}),
        ("policies", {"issuer": region}),
        ("strategies", {}),
        ("strategies-of", {"place": region}),
        ("metrics", {"subject": region}),
        ("metrics", {"subject": region, "indicator": "产值", "year": 2022}),
        ("signed-with", {}),
        ("signed-with", {"party": region}),
        ("multi-chain-enterprises", {}),
        ("about", {"entity": firm}),
        ("find-entities", {"text": "海鑫"}),
        ("entity-names", {}),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=600, help="synthetic articles (600)")
    parser.add_argument("--repeat", type=int, default=7, help="runs per measurement (7)")
    parser.add_argument("--rdflib", action="store_true", help="add rdflib's in-memory engine")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench_queries-") as tmp:
        started = time.perf_counter()
        counts = build_store(synthetic_documents(args.articles), Path(tmp) / "store")
        ds = open_store(Path(tmp) / "store")
        store = oxigraph_store(ds)
        union = True  # kg.graph.store keeps no copy of the union: queries read every graph
        triples = len(store)
        print(
            f"{counts['documents']} synthetic articles, {counts['quads']:,} quads written, "
            f"{triples:,} stored; built in {time.perf_counter() - started:.1f}s"
        )
        memory = None
        if args.rdflib:
            from rdflib import Dataset

            memory = Dataset(default_union=True)
            memory.parse(data=_trig(store), format="trig")
        pools = _Pools(random.Random(0))
        columns = ["query", "parameters", "rows", "raw ms", "kg.graph.query ms", "ratio"]
        if memory is not None:
            columns += ["rdflib ms", "rdflib/raw"]
        table, ratios = [], []
        for name, params in _cases(pools):
            bindings = bind_parameters(name, params)
            subs = {ox.Variable(k): to_oxigraph(v) for k, v in bindings.items()}
            raw = _raw(store, named_query(name), subs, union)
            rows = raw()
            t_raw = _median(raw, args.repeat)
            t_kg = _median(lambda n=name, p=params: kg.query(ds, n, **p), args.repeat)
            ratios.append(t_kg / t_raw)
            shown = ", ".join(f"{k}={v}" for k, v in params.items())
            row = [
                name,
                shown,
                rows,
                f"{t_raw * 1e3:.2f}",
                f"{t_kg * 1e3:.2f}",
                f"{t_kg / t_raw:.2f}",
            ]
            if memory is not None:
                t_rdf = _median(lambda n=name, p=params: kg.query(memory, n, **p), 1)
                row += [f"{t_rdf * 1e3:.1f}", f"{t_rdf / t_raw:.1f}"]
            table.append(row)
        print()
        print(format_rows(columns, table))
        print()
        print(
            f"kg.graph.query / raw pyoxigraph: median {statistics.median(ratios):.2f}, "
            f"max {max(ratios):.2f} (target <= 1.2)"
        )
        _bench_ask(ds, store, union, pools, args.repeat)
    return 0


def _bench_ask(ds, store, union, pools: _Pools, repeat: int) -> None:
    asker = Asker(ds)
    started = time.perf_counter()
    n = len(asker.linker)
    asker.linker.link(pools.firms[0])  # index the names
    seconds = time.perf_counter() - started
    print()
    print(f"kg ask start-up: {n:,} entity names read and indexed in {seconds:.2f}s; then")
    questions = [
        f"{pools.chains[0]}的龙头企业有哪些?",
        f"Which chains does {pools.firms[0]} lead?",
        f"{pools.regions[0][:-1]}出台了哪些政策?",
        f"{pools.parks[0]}有哪些项目?",
        f"{pools.regions[0]}2022年产值是多少?",
    ]
    table = []
    for question in questions:
        answer = asker.ask(question)
        plan = answer.plan
        runs = [
            _raw(store, named_query(plan.query), _substitutions(plan.query, b), union)
            for b in plan.bindings
        ]
        t_raw = _median(lambda runs=runs: [run() for run in runs], repeat)
        t_ask = _median(lambda q=question: asker.ask(q), repeat)
        ratio = f"{t_ask / t_raw:.2f}"
        table.append(
            [question, len(answer.rows), f"{t_raw * 1e3:.2f}", f"{t_ask * 1e3:.2f}", ratio]
        )
    print(format_rows(["question", "rows", "its query raw ms", "ask ms", "ratio"], table))


def _substitutions(name: str, params: dict) -> dict:
    return {ox.Variable(k): to_oxigraph(v) for k, v in bind_parameters(name, params).items()}


def _trig(store: ox.Store) -> bytes:
    import io

    buffer = io.BytesIO()
    store.dump(buffer, ox.RdfFormat.TRIG)
    return buffer.getvalue()


if __name__ == "__main__":
    sys.exit(main())
