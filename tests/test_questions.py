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
from kg.apps.questions import QUESTIONS_FILE, kinds, normalise_question
from kg.graph.query import named_query

# The names the examples are about, and their classes.
NAMES = {
    "绿色铝产业链": "IndustryChain",
    "云铝海鑫": "Enterprise",
    "市级领导": "ChainLeaderRole",
    "昭通市": "Region",
    "威信县": "Region",
    "昭阳区": "Region",
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
