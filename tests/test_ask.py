"""kg.apps.ask and `kg ask`: questions in Chinese and English over real graphs.

The cases of tests/data/ask_cases.tsv run over the graph of the bundled articles (and, for the
kinds of fact those articles never state, over a small article built here). Paraphrases are then
generated from templates at test time and their answers compared with the named query run
directly, so the reading is checked on questions that are stored nowhere.
"""

from __future__ import annotations

import csv
import functools
import itertools
import json
import random
from pathlib import Path

import pytest

from kg.apps.ask import KINDS, Asker, format_answer
from kg.apps.linking import core_name
from kg.graph.query import query, run_sparql

from .helpers import asker_over, kg

CASES_FILE = Path(__file__).parent / "data" / "ask_cases.tsv"

# An article stating what the bundled ones do not: clusters, named chain leaders, a firm that
# leads two chains, a project in a chain, a firm's figure under the Latin letters it goes by, a
# project signed in a park, a park's leading firms with no chain named.
EXTRA_ARTICLE = (
    "锂电池产业链属于新能源产业集群。先进制造产业集群包括数控机床产业链和工业机器人产业链。\n"
    "市委副书记李明担任电子信息产业链链长。纺织服装产业链链长由副市长王强担任。\n"
    "以岚川时代为龙头,锂电池产业链加快发展。以岚川时代、比亚迪为龙头,储能产业链发展势头强劲。\n"
    "铝箔项目属于铝精深加工产业链。\n"
    "恒川时代新能源科技股份有限公司(HCT)位于临川。2021年,HCT产值990亿元。\n"
    "以恒远户外用品有限公司为龙头,户外休闲产业链加快发展。\n"
    "岚川电池项目签约落户岚州经济开发区。\n"
    "岚溪高新区现有国家级龙头企业2家(恒翠茶业公司、栗源康公司)。\n"
)


def _cases() -> list[dict[str, str]]:
    with open(CASES_FILE, encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


CASES = _cases()


@pytest.fixture(scope="module")
def seed_asker(seed_store):
    return Asker(seed_store)


@pytest.fixture(scope="module")
def extra_asker(tmp_path_factory):
    return asker_over(tmp_path_factory.mktemp("extra"), EXTRA_ARTICLE)


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _english(question: str) -> bool:
    return any(c.isascii() and c.isalpha() for c in question)


# --------------------------------------------------------------------------- the case table


@pytest.mark.parametrize("case", CASES, ids=[f"{c['graph']}: {c['question']}" for c in CASES])
def test_question(case, request):
    answer = request.getfixturevalue(f"{case['graph']}_asker").ask(case["question"])
    assert answer.status == case["status"], answer.message
    if case["kind"]:
        assert answer.plan.kind is not None and answer.plan.kind.name == case["kind"]
    if case["status"] != "answered":
        assert answer.rows == []
        return
    got = {_text(v) for v in answer.values(case["column"]) if v is not None}
    assert got == set(filter(None, case["expected"].split("|"))), answer.message
    for row in answer.rows:  # every answer row carries its evidence
        assert row["sentence"] and row["article"].startswith("https://w3id.org/chainkg/article/")


def test_the_table_covers_every_kind_in_both_languages():
    seed = [c for c in CASES if c["graph"] == "seed"]
    assert len(seed) >= 40
    answered = [c for c in CASES if c["status"] == "answered"]
    for kind in KINDS:
        asked = [c["question"] for c in answered if c["kind"] == kind.name]
        assert any(_english(q) for q in asked), f"no English question of kind {kind.name}"
        assert any(not _english(q) for q in asked), f"no Chinese question of kind {kind.name}"
    assert any(c["status"] == "unknown-entity" for c in seed)
    assert any(c["status"] == "not-understood" for c in seed)


# --------------------------------------------------------------------------- paraphrases

_ZH_OPEN = ["", "请问", "请问,", "我想知道", "麻烦查一下", "想了解一下"]
_ZH_END = ["", "?", "？", "。", "呢?"]
_EN_OPEN = ["", "Please tell me: ", "Could you tell me ", "I'd like to know "]
_EN_END = ["", "?", " ?", "?!"]

# Per kind: Chinese and English templates. {n} is a name of the entity; other fields are
# filled from _FILLERS. The expected answer is the kind's named query run directly.
_TEMPLATES = {
    "chain-leading-firms": (
        [
            "{n}{de}{lead}{firm}{ask}",
            "哪些{firm2}是{n}的{lead}",
            "{n}由哪些{firm2}牵头",
            "谁是{n}的{lead}企业",
            "哪家{firm2}牵头{n}",
        ],
        [
            "which {firms} lead the {n}{chain}",
            "what {firms} are the leading {firms} of {n}",
            "who leads {n}",
            "the leading {firms} of the {n}{chain}",
        ],
    ),
    "firm-chains": (
        [
            "{n}是{which}{chain_zh}的{lead}{firm}",
            "{n}牵头{which}{chain_zh}",
            "{n}作为{lead}企业的产业链有哪些",
        ],
        [
            "which {chains} does {n} lead",
            "what {chains} does {n} head",
            "which {chains} is {n} the leading firm of",
            "what does {n} lead",
        ],
    ),
    "policies": (
        ["{n}{issue}了{which}{pol}", "{n}的{pol}有哪些", "哪些{pol}是{n}{issue}的"],
        [
            "what {pols} did {n} {issue_en}",
            "which {pols} were issued by {n}",
            "the {pols} of {n}",
        ],
    ),
    "strategies": (
        ["{n}{pursue}了哪些{strat}", "{n}的{strat}有哪些"],
        [
            "what {strats} does {n} pursue",
            "which {strats} does {n} follow",
            "the strategies of {n}",
        ],
    ),
    "in-place": (
        ["{n}有哪些项目", "哪些项目落户{n}", "{n}的项目有哪些", "哪些项目位于{n}"],
        ["which projects are located in {n}", "what projects are in {n}", "projects in {n}"],
    ),
    "firm-projects": (
        ["{n}有哪些项目", "{n}投资了哪些项目", "{n}的项目有哪些", "哪些项目由{n}建设"],
        ["which projects does {n} have", "what projects has {n} built", "projects of {n}"],
    ),
    "signed-with": (
        [
            "{n}与哪些{firm2}签约",
            "哪些{firm2}与{n}签约了",
            "{n}签约了哪些{firm2}",
            "{n}签约了哪些项目",
        ],
        ["which {firms} did {n} sign with", "who did {n} sign agreements with"],
    ),
    "about": (
        ["关于{n},图谱里有什么信息", "介绍一下{n}", "{n}的情况", "图谱中关于{n}有哪些信息"],
        ["what does the graph know about {n}", "tell me about {n}", "everything about {n}"],
    ),
}
_FILLERS = {
    "de": ["的", ""],
    "lead": ["龙头", "链主", "领军", "头部"],
    "firm": ["企业", "公司", ""],
    "firm2": ["企业", "公司"],
    "ask": ["有哪些", "是哪些", "是谁", "都有哪些", "分别是哪些", ""],
    "which": ["哪条", "哪些", "什么"],
    "chain_zh": ["产业链", "链"],
    "issue": ["出台", "印发", "发布", "制定"],
    "pol": ["政策", "文件", "政策文件"],
    "pursue": ["实施", "推进", "提出"],
    "strat": ["战略", "发展战略"],
    "firms": ["firms", "companies", "enterprises"],
    "chains": ["chains", "industrial chains"],
    "chain": [" chain", " industrial chain", ""],
    "issue_en": ["issue", "publish", "release"],
    "pols": ["policies", "policy documents"],
    "strats": ["strategies", "development strategies"],
}


@functools.cache
def _s2t_converter():
    import opencc

    return opencc.OpenCC("s2t")


def _s2t(text: str) -> str:
    return _s2t_converter().convert(text)


def _variants(label: str, aliases: list[str]) -> list[str]:
    """Ways a user writes a name: in full, shortened, an alias, in traditional characters."""
    names = {label, core_name(label), _s2t(label), *aliases}
    return sorted(n for n in names if len(n) >= 2)


def _subjects(store, kind: str) -> list[tuple[str, dict, str, set[str]]]:
    """(entity label, query params, answer column, expected values) for one kind."""

    def values(name: str, column: str, **params) -> set[str]:
        return {_text(v) for v in query(store, name, **params)[column].dropna()}

    def labels(sparql: str) -> list[str]:
        return sorted({row[0] for row in run_sparql(store, sparql)[1]})

    if kind == "chain-leading-firms":
        chains = sorted(set(query(store, "leading-enterprises")["chain"]))
        return [
            (c, {}, "enterprise", values("leading-enterprises", "enterprise", chain=c))
            for c in chains
        ]
    if kind == "firm-chains":
        firms = sorted(set(query(store, "leading-enterprises")["enterprise"]))
        return [(f, {}, "chain", values("chains-led-by", "chain", enterprise=f)) for f in firms]
    if kind == "policies":
        issuers = sorted(set(query(store, "policies")["issuer_label"].dropna()))
        return [(i, {}, "policy", values("policies", "policy", issuer=i)) for i in issuers]
    if kind == "strategies":
        issuers = sorted(set(query(store, "policies")["issuer_label"].dropna()))
        return [(p, {}, "strategy", values("strategies-of", "strategy", place=p)) for p in issuers]
    if kind == "in-place":  # (the templates ask for projects)
        places = labels(
            "SELECT ?l WHERE { ?x a ckg:Project ; ckg:locatedIn ?p ."
            " ?p a ckg:Region ; skos:prefLabel ?l }"
        )
        return [
            (p, {}, "thing", values("located-in", "thing", place=p, kind="Project")) for p in places
        ]
    if kind == "firm-projects":
        firms = labels("SELECT ?l WHERE { ?x ckg:developedBy ?e . ?e skos:prefLabel ?l }")
        return [
            (f, {}, "project", values("projects-of-enterprise", "project", enterprise=f))
            for f in firms
        ]
    if kind == "signed-with":
        signers = sorted(set(query(store, "signed-with")["signer"]))
        return [(s, {}, "partner", values("signed-with", "partner", party=s)) for s in signers]
    if kind == "about":
        firms = sorted(set(query(store, "leading-enterprises")["enterprise"]))[:3]
        return [(f, {}, "other", values("about", "other", entity=f)) for f in firms]
    raise KeyError(kind)


def _paraphrases(store, kind: str, rng: random.Random, per_language: int):
    aliases: dict[str, list[str]] = {}
    named = "SELECT ?l ?n WHERE { ?e skos:prefLabel ?l ; skos:altLabel ?n }"
    for label, name in run_sparql(store, named)[1]:
        aliases.setdefault(label, []).append(name)
    subjects = _subjects(store, kind)
    zh_templates, en_templates = _TEMPLATES[kind]
    for templates, opens, ends, english in (
        (zh_templates, _ZH_OPEN, _ZH_END, False),
        (en_templates, _EN_OPEN, _EN_END, True),
    ):
        for _ in range(per_language):
            label, _params, column, expected = rng.choice(subjects)
            name = rng.choice(_variants(label, aliases.get(label, [])))
            template = rng.choice(templates)
            fields = {k: rng.choice(v) for k, v in _FILLERS.items()}
            body = template.format(n=name, **fields)
            if english:
                body = body[0].upper() + body[1:] if rng.random() < 0.5 else body
            yield rng.choice(opens) + body + rng.choice(ends), column, expected


@pytest.mark.parametrize("kind", sorted(_TEMPLATES))
def test_generated_paraphrases_get_the_named_query_answer(kind, seed_store, seed_asker):
    rng = random.Random(f"paraphrase-{kind}")
    checked = 0
    for question, column, expected in _paraphrases(seed_store, kind, rng, per_language=12):
        answer = seed_asker.ask(question)
        assert answer.ok, f"{question!r}: {answer.message}"
        assert answer.plan.kind.name == kind, f"{question!r} read as {answer.plan.kind.name}"
        got = {_text(v) for v in answer.values(column) if v is not None}
        assert got == expected, f"{question!r}: {answer.message}"
        checked += 1
    assert checked == 24


def test_generated_metric_questions(seed_store, seed_asker):
    rows = query(seed_store, "metrics", subject="云铝海鑫")
    rows = rows[rows["year_of"].notna()]
    rng = random.Random("metric")
    templates = [
        "{n}{y}年{i}是多少",
        "{y}年{n}的{i}是多少?",
        "请问{n}{y}年的{i}有多少",
        "{n}{y}年有多少{i}",
        "What was the {i} of {n} in {y}?",
    ]
    for template, (_, row) in itertools.product(templates, rows.iterrows()):
        name = rng.choice(["云铝海鑫", _s2t("云铝海鑫")])
        question = template.format(n=name, y=int(row["year_of"]), i=row["indicator_name"])
        answer = seed_asker.ask(question)
        assert answer.ok and answer.plan.kind.name == "metric", answer.message
        assert row["value"] in answer.values("value")
        assert set(answer.values("year_of")) == {int(row["year_of"])}


# --------------------------------------------------------------------------- what is not answered

WRONG_QUESTIONS = {  # each names something, but not what this kind of question is about:
    # read instead by the names it holds and the words it asks with, and said so
    "绿色铝产业链有哪些项目?": "about",  # projects of a chain: no such kind
    "昭通市是哪条产业链的龙头?": "place-leading-firms",  # a region is no enterprise
    "云铝海鑫的链长是谁?": "about",  # a firm has no chain leader
    "新材料产业链出台了哪些政策?": "about",  # a chain issues no policies
    "威信县的龙头企业的项目有哪些?": "place-leading-firms",  # a composition not attempted
    "Which firms lead 昭通市?": "place-leading-firms",
}


@pytest.mark.parametrize("question", WRONG_QUESTIONS)
def test_never_answers_another_question_as_if_it_fitted(seed_asker, question):
    answer = seed_asker.ask(question)
    assert answer.plan.how == "spotted", answer.message
    assert answer.plan.kind.name == WRONG_QUESTIONS[question], answer.message
    assert "read by the names and words it holds" in answer.message


def test_an_unknown_name_gets_the_closest_known_names(seed_asker):
    answer = seed_asker.ask("Which chains does 岚川时代 lead?")
    assert answer.status == "unknown-entity"
    assert "岚川时代" in answer.message and "No known name is close" in answer.message
    assert answer.plan.suggestions
    typo = seed_asker.ask("Which firms lead the 新材科 chain?")  # too far to link, but close
    assert typo.status == "unknown-entity" and typo.plan.suggestions[0] == "新材料产业链"
    assert "Closest known names: 新材料产业链" in typo.message


def test_a_question_not_understood_lists_the_kinds_with_an_example_each(seed_asker):
    answer = seed_asker.ask("今天天气怎么样?")
    assert answer.status == "not-understood"
    for kind in KINDS:
        assert kind.zh in answer.message and kind.en in answer.message


def test_a_query_like_name_is_just_a_name(seed_asker, seed_store):
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = run_sparql(seed_store, count)[1]
    answer = seed_asker.ask('} ; DROP ALL ; {"的龙头企业有哪些?')
    assert answer.status == "unknown-entity" and answer.rows == []
    assert run_sparql(seed_store, count)[1] == before


def test_the_names_are_read_once(seed_store):
    asker = Asker(seed_store)
    asker.ask("绿色铝的龙头企业有哪些?")
    linker = asker.linker
    asker.ask("Which chains does 合盛 lead?")
    assert asker.linker is linker and len(linker) > 100


def test_the_text_answer_shows_table_evidence_and_sparql(seed_asker):
    answer = seed_asker.ask("绿色铝的龙头企业有哪些?")
    text = format_answer(answer, show_sparql=True)
    assert "enterprise" in text and "云铝海鑫" in text
    assert "Evidence" in text and "以云铝海鑫为龙头" in text and "000_c9519bf765dc77e1.txt" in text
    assert "SELECT DISTINCT ?enterprise ?chain" in text and "?chain = '绿色铝产业链'" in text
    assert "SELECT" not in format_answer(answer)


# --------------------------------------------------------------------------- the command


@pytest.fixture(scope="module")
def store_path(seed_build) -> str:
    return str(seed_build[1] / "store")


def test_kg_ask_prints_table_evidence_and_sparql(store_path):
    proc = kg("ask", "Which chains does 合盛 lead?", "--store", store_path, "--show-sparql")
    assert proc.returncode == 0, proc.stderr
    assert "绿色硅全产业链" in proc.stdout and "Evidence" in proc.stdout
    assert "kg/graph/queries/chains-led-by.rq" in proc.stdout
    assert "?enterprise = '合盛铝业'" in proc.stdout


def test_kg_ask_json(store_path):
    proc = kg("ask", "绿色硅的龙头企业有哪些", "--store", store_path, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["status"] == "answered" and data["query"] == "leading-enterprises"
    assert {r["enterprise"] for r in data["rows"]} == {"合盛铝业", "旗滨玻璃"}
    assert all(r["sentence"] and r["file"] for r in data["rows"])
    assert data["entities"][0]["label"] == "绿色硅全产业链"


def test_kg_ask_unknown_name_is_one_line_and_exit_1(store_path):
    proc = kg("ask", "岚川时代是哪条产业链的龙头?", "--store", store_path)
    assert proc.returncode == 1 and proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error:") and "岚川时代" in lines[0]
    assert "Traceback" not in proc.stderr


def test_kg_ask_not_understood_lists_kinds(store_path):
    proc = kg("ask", "今天天气怎么样", "--store", store_path)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert lines[0].startswith("kg: error: I did not understand")
    assert len(lines) == 1 + len(KINDS)


def test_kg_ask_without_a_store(tmp_path):
    proc = kg("ask", "绿色铝的龙头企业有哪些", "--store", str(tmp_path / "none"))
    assert proc.returncode == 1
    assert len(proc.stderr.strip().splitlines()) == 1 and "kg build" in proc.stderr


# --------------------------------------------------------------------------- issue 12 item 9


@pytest.fixture(scope="module")
def empty_store(tmp_path_factory) -> str:
    from kg.graph.store import build_store

    path = tmp_path_factory.mktemp("empty") / "store"
    build_store([], path)
    return str(path)


@pytest.mark.parametrize(
    "question, status, words",
    [
        ("云铝海鑫是哪条产业链的龙头?", 1, ["knows no enterprise", "holds no entity", "kg build"]),
        ("哪些企业是哪些产业链的龙头?", 0, ["holds no answer", "holds no entity", "kg build"]),
    ],
)
def test_an_empty_store_says_so(empty_store, question, status, words):
    proc = kg("ask", question, "--store", empty_store)
    assert proc.returncode == status and "Traceback" not in proc.stderr
    text = proc.stdout + proc.stderr
    assert all(w in text for w in words), text
    assert "some are: none" not in text


@pytest.mark.parametrize("question", ["", "  ", "?", "？ ", "请问?"])
def test_an_empty_question_is_one_line(store_path, question):
    proc = kg("ask", question, "--store", store_path)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "question is empty" in lines[0], proc.stderr


# Two counties with a chain of one name, each with its own leading firm and chain leader
TWO_PLACES = {
    "a.txt": "永修县加快发展。以岚川重工为龙头,永修县工程机械产业链加快发展。"
    "副县长赵恒担任永修县工程机械产业链链长。\n",
    "b.txt": "武宁县加快发展。以恒远机械为龙头,武宁县工程机械产业链加快发展。"
    "副县长钱明担任武宁县工程机械产业链链长。以岚川重工为龙头,武宁县矿山装备产业链加快发展。"
    "以岚达为龙头,武宁县电子信息产业链加快发展。\n",
    "c.txt": "永修县招商引资成效明显。永修岚达智造有限公司签约落户。\n"
    "岚山工业园现有龙头企业2家(恒翠茶业公司、栗源康公司)。\n",
}

# question | column | what the answer holds there (and nothing else)
IN_ITS_PLACE = [
    ("永修县工程机械产业链的龙头企业有哪些?", "enterprise", {"岚川重工"}),
    ("Which firms lead the 工程机械 chain of 武宁县?", "enterprise", {"恒远机械"}),
    ("武宁县工程机械产业链的链长是谁?", "leader", {"钱明"}),
    # no place named: every place's
    ("工程机械产业链的龙头企业有哪些?", "enterprise", {"岚川重工", "恒远机械"}),
    # the chains a firm leads in one place, and in all
    ("岚川重工在武宁县牵头的是什么产业链?", "chain", {"矿山装备产业链"}),
    ("岚川重工是哪些产业链的龙头企业?", "chain", {"工程机械产业链", "矿山装备产业链"}),
    # (a place inside a firm's name is no place asked: 永修 in 永修岚达智造有限公司, which leads
    # nothing, answered by the brand it holds)
    ("永修岚达智造有限公司是哪条产业链的龙头?", "chain", {"电子信息产业链"}),
    # a place's leading firms: those leading its chains, and those called leading firms, no
    # chain named, in an article that names the place (of a park there)
    ("永修县有哪些龙头企业?", "enterprise", {"岚川重工", "恒翠茶业公司", "栗源康公司"}),
]


@pytest.fixture(scope="module")
def two_places_asker(tmp_path_factory):
    from kg.graph.store import open_store
    from kg.run.build import build

    folder = tmp_path_factory.mktemp("two_places")
    for name, text in TWO_PLACES.items():
        (folder / name).write_text(text, encoding="utf-8")
    build(sorted(folder.glob("*.txt")), out=folder / "out", exports=False)
    return Asker(open_store(folder / "out" / "store"))


@pytest.mark.parametrize(("question", "column", "values"), IN_ITS_PLACE)
def test_a_chain_asked_in_a_place_is_answered_for_that_place(
    two_places_asker, question, column, values
):
    answer = two_places_asker.ask(question)
    assert set(answer.values(column)) == values, answer.message
