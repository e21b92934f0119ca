"""kg.apps.answers: the messages an answer says, without a graph."""

from __future__ import annotations

import pytest

from kg.apps.answers import Answer, class_name, format_answer, unknown_entity
from kg.apps.questions import Plan, kinds

UNKNOWN = [  # name, classes expected, suggestions, empty graph, words the message holds
    (
        "岚川时代",
        ("Enterprise",),
        ["云铝海鑫"],
        False,
        ["no enterprise named '岚川时代'", "some are"],
    ),
    ("新材科", ("IndustryChain",), ["新材料产业链"], False, ["Closest known names: 新材料产业链"]),
    ("张三", ("Person", "ChainLeaderRole"), [], False, ["no person or chain-leader", "none"]),
    ("昭通", ("Region",), [], True, ["no region named '昭通'", "kg build"]),
    ("某某", (), [], False, ["no entity named '某某'"]),
]


@pytest.mark.parametrize("name, expected, suggestions, empty, words", UNKNOWN)
def test_an_unknown_name_says_what_was_looked_for(name, expected, suggestions, empty, words):
    plan = Plan(name, name, name=name, status="unknown-entity")
    plan.expected, plan.suggestions = expected, suggestions
    message = unknown_entity(plan, empty_graph=empty)
    assert all(w in message for w in words), message
    assert format_answer(Answer(plan, message=message)) == message


def test_every_class_a_kind_expects_has_an_english_name():
    for cls in {t for kind in kinds() for t in kind.types}:
        assert class_name(cls) and class_name(cls)[0].islower()
