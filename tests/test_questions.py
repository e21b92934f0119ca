"""kg.apps.questions: every kind's examples in kg/apps/questions.toml are read as its plan says.

The examples are read over a linker of the names they use only, so no graph is built.
"""

from __future__ import annotations

import re

import pytest
import tomllib

from kg import ontology
from kg.apps.ask import Asker
from kg.apps.linking import Linker, Name
from kg.apps.questions import (
    QUESTIONS_FILE,
    industry_name,
    kind_class,
    kinds,
    normalise_question,
)
from kg.graph.query import named_query

# The names the examples are about, and their classes.
NAMES = {
    "绿色铝产业链": "IndustryChain",
    "云铝海鑫": "Enterprise",
    "市级领导": "ChainLeaderRole",
    "昭通市": "Region",
    "威信县": "Region",
    "昭阳区": "Region",
    # invented: a region whose name a firm's name starts with, a chain narrower than one asked
    "江城": "Region",
    "江城新材料": "Enterprise",
    "海洋工程装备产业链": "IndustryChain",
    # invented: an industry a firm leads, which no text calls a chain
    "乳品行业": "Industry",
}


def _data() -> dict:
    with open(QUESTIONS_FILE, "rb") as fh:
        return tomllib.load(fh)


DATA = _data()
EXAMPLES = [
    pytest.param(row[lang], row.get(f"{lang}_plan", row.get("plan")), id=f"{row['name']}-{lang}")
    for row in DATA["kinds"]
    for lang in ("zh", "en")
]


@pytest.fixture(scope="module")
def asker():
    names = [Name(f"e:{i}", cls, name, name) for i, (name, cls) in enumerate(NAMES.items())]
    return Asker(None, linker=Linker(names))


@pytest.mark.parametrize(("question", "expected"), EXAMPLES)
def test_every_example_is_read_as_its_plan(asker, question, expected):
    plan = asker.understand(question)
    assert plan.status == "understood", plan
    assert plan.kind is not None
    got = {"kind": plan.kind.name, "query": plan.query, "bindings": plan.bindings}
    assert got == expected


def test_every_kind_is_listed_once_and_every_piece_is_used():
    names = [row["name"] for row in DATA["kinds"]]
    assert sorted(DATA["listing"]) == sorted(names) and len(set(names)) == len(names)
    used = {
        p
        for row in DATA["kinds"]
        for text in row["phrasings"]
        for p in re.findall(r"{(\w+)}", text)
    }
    assert used == set(DATA["pieces"])


def test_kinds_name_classes_of_the_ontology_and_named_queries_that_exist():
    entity = set(ontology.entity_classes())
    for kind in kinds():
        assert set(kind.types) <= entity, kind.name
        assert kind.patterns and (kind.slot or not kind.types), kind.name
        assert all(named_query(q) for q in (kind.query, kind.query_all) if q), kind.name
    assert set(DATA["type_words"]) | set(DATA["type_parts"]) <= entity


@pytest.mark.parametrize(
    "raw, normalised",
    [
        ("請問，綠色鋁產業鏈的龍頭企業有哪些？", "绿色铝产业链的龙头企业有哪些"),
        ("Could you tell me which firms lead 绿色铝?", "which firms lead 绿色铝"),
        ("  谁是新材料的链主呢? ", "谁是新材料的链主"),
    ],
)
def test_normalise_question(raw, normalised):
    assert normalise_question(raw) == normalised


# More readings than the examples: (question, kind, bindings) over the names above.
READINGS = [
    # the chain leaders, no chain named
    ("谁是链长?", "chain-leaders", [{}]),
    ("有哪些链长", "chain-leaders", [{}]),
    ("链长都有谁", "chain-leaders", [{}]),
    ("哪些领导担任了链长?", "chain-leaders", [{}]),
    ("一共有几位链长", "chain-leaders", [{}]),
    ("Which officials serve as chain leaders?", "chain-leaders", [{}]),
    # a chain's leading firms, a region's policies, asked with 有
    ("绿色铝产业链有哪些龙头企业", "chain-leading-firms", [{"chain": "绿色铝产业链"}]),
    ("绿色铝产业链有哪些链主", "chain-leading-firms", [{"chain": "绿色铝产业链"}]),
    ("绿色铝产业链的龙头是哪些企业", "chain-leading-firms", [{"chain": "绿色铝产业链"}]),
    ("昭通市有哪些政策?", "policies", [{"issuer": "昭通市"}]),
    # the entities of one class
    ("有哪些产业链?", "class-entities", [{"kind": "IndustryChain"}]),
    ("列出所有产业链", "class-entities", [{"kind": "IndustryChain"}]),
    ("图谱里有哪些园区", "class-entities", [{"kind": "IndustrialPark"}]),
    ("图谱中都有哪些企业?", "class-entities", [{"kind": "Enterprise"}]),
    ("一共有多少个项目", "class-entities", [{"kind": "Project"}]),
    ("有哪些产业集群", "class-entities", [{"kind": "IndustryCluster"}]),
    # the leaders of an industry, asked like a chain's
    ("乳品行业的龙头企业有哪些?", "chain-leading-firms", [{"chain": "乳品行业"}]),
    ("Which firms lead the 乳品行业?", "chain-leading-firms", [{"chain": "乳品行业"}]),
    ("哪些企业是哪些行业的龙头?", "lead-pairs", [{}]),
    # industries a firm leads, which the text calls no chain
    ("图谱里有哪些行业?", "class-entities", [{"kind": "Industry"}]),
    ("Which industries are in the graph?", "class-entities", [{"kind": "Industry"}]),
    ("Which industrial parks are in the graph?", "class-entities", [{"kind": "IndustrialPark"}]),
    ("Which industry chains are in the graph?", "class-entities", [{"kind": "IndustryChain"}]),
    ("哪些开发区在图谱里?", "class-entities", [{"kind": "IndustrialPark"}]),
    ("产业链列表", "class-entities", [{"kind": "IndustryChain"}]),
    ("List the chains", "class-entities", [{"kind": "IndustryChain"}]),
    ("What are the industrial chains in the graph?", "class-entities", [{"kind": "IndustryChain"}]),
    ("List all industrial parks.", "class-entities", [{"kind": "IndustrialPark"}]),
    ("Which firms are in the graph?", "class-entities", [{"kind": "Enterprise"}]),
    ("How many projects are there?", "class-entities", [{"kind": "Project"}]),
    ("What clusters does the graph hold?", "class-entities", [{"kind": "IndustryCluster"}]),
    # a name still makes it another kind
    ("昭阳区有哪些企业", "in-place", [{"place": "昭阳区", "kind": "Enterprise"}]),
    ("有哪些政策", "policies", [{}]),
    # a region's whole name before a firm's partial one
    ("江城有哪些项目?", "in-place", [{"place": "江城", "kind": "Project"}]),
    ("江城新材料有哪些项目?", "firm-projects", [{"enterprise": "江城新材料"}]),
    # a chain no entity is named by, read as the narrower chains that start with it
    ("海洋工程产业链的龙头企业有哪些", "chain-leading-firms", [{"chain": "海洋工程装备产业链"}]),
    ("海洋工程的链长是谁?", "chain-leaders", [{"chain": "海洋工程装备产业链"}]),
]


@pytest.mark.parametrize(("question", "kind", "bindings"), READINGS)
def test_more_readings(asker, question, kind, bindings):
    plan = asker.understand(question)
    assert plan.status == "understood", plan
    assert plan.kind is not None and plan.kind.name == kind
    assert plan.bindings == bindings


# A name that only sits inside a narrower name (工程 in 海洋工程装备) is no narrower name.
def test_a_name_inside_another_is_not_narrower(asker):
    assert asker.understand("工程产业链的龙头企业有哪些").status == "unknown-entity"


def _alternatives(piece: str) -> list[str]:
    return DATA["pieces"][piece].removeprefix("(?P<t>").removesuffix(")").split("|")


@pytest.mark.parametrize(
    "word",
    [
        *_alternatives("CLASS"),
        *_alternatives("TYPE"),
        "chains",
        "industry chains",
        "industrial clusters",
        "parks",
        "industrial parks",
        "zones",
        "firms",
        "companies",
        "enterprises",
        "businesses",
        "projects",
        "policies",
        "strategies",
        "regions",
        "people",
    ],
)
def test_every_class_word_names_a_class(word):
    assert kind_class(word) in ontology.entity_classes()


INDUSTRY_NAMES = [
    # (English, the Chinese a chain's name is made of): phrases, longest first, then joined
    ("new energy vehicle", "新能源汽车"),
    ("the Green Aluminium industry", "绿色铝"),
    ("lithium battery", "锂电池"),
    ("rare earth", "稀土"),
    # a word that names no industry: no translation at all
    ("tea and foo", None),
]


@pytest.mark.parametrize("english, chinese", INDUSTRY_NAMES)
def test_industry_names_in_english(english, chinese):
    assert industry_name(english) == chinese
