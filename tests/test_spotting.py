"""kg.apps.spotting: questions no phrasing fits, read by the names they hold and their cue words.

The article and every name in it are invented (the place is a real county no development
article is about). Each case is a question, the kind of question it must be read as, and values
the answer must hold in one of its columns.
"""

from __future__ import annotations

import pytest

from kg.apps.linking import Linker, Name
from kg.apps.questions import Plan, normalise_question
from kg.apps.spotting import relevant_rows, spotted_plans

from .helpers import asker_over

ARTICLE = (
    "永修县加快建设工业强县\n\n"
    "以岚川重工为龙头,永修县工程机械产业链加快发展。副县长赵恒担任永修县工程机械产业链链长。"
    "岚川电池项目签约落户永修经济开发区。2023年,永修县工业总产值812.5亿元,签约项目16个。"
    "永修县出台《永修县工程机械产业链发展若干措施》。"
    "在永修县举行的推介会上,岚川电池项目总投资35亿元。岚牧乳业是永修县乳制品行业的龙头企业。"
    "永修县聚焦有机硅、船舶制造、绿色食品三大主导产业精准招商。"
    "永修县形成了以岚凤竹业为龙头的竹木产业集群。\n"
)

# question | kind it is read as | column | values the answer holds there
CASES = [
    ("永修先后引进了哪些强链补链项目?", "in-place", "thing", {"岚川电池项目"}),
    ("永修县工程机械产业链由哪家企业牵头带动?", "chain-leading-firms", "enterprise", {"岚川重工"}),
    (
        "Which companies anchor the 工程机械 sector of 永修?",
        "chain-leading-firms",
        "enterprise",
        {"岚川重工"},
    ),
    ("2023年永修县的工业总产值和签约项目分别是多少?", "metric", "value", {812.5, 16.0}),
    ("How large was the industrial output of 永修县 in 2023?", "metric", "value", {812.5}),
    (
        "永修在工程机械方面出台过什么文件?",
        "policies",
        "policy",
        {"永修县工程机械产业链发展若干措施"},
    ),
    ("赵恒担任链长的产业链叫什么", "leader-chains", "chain", {"工程机械产业链"}),
    # the figure is the project's, in a sentence that names the county
    ("永修县在推介会上签约项目的总投资是多少?", "metric", "value", {35.0}),
    ("Who is in charge of the 工程机械产业链 as 链长?", "chain-leaders", "leader", {"赵恒"}),
    ("岚川重工在永修牵头的是什么产业", "firm-chains", "chain", {"工程机械产业链"}),
    # the industries a list names as the county's
    ("永修县的三大主导产业是什么?", "place-chains", "chain", {"有机硅", "船舶制造", "绿色食品"}),
    # the clusters of a place, asked for as clusters
    ("永修县有哪些产业集群?", "place-chains", "cluster", {"竹木产业集群"}),
    # the leading firms of a cluster
    ("永修县竹木产业集群的龙头企业是哪家?", "chain-leading-firms", "enterprise", {"岚凤竹业"}),
    # an industry named in English, with the place
    (
        "Which firms are the leading enterprises of the construction machinery sector in 永修县?",
        "chain-leading-firms",
        "enterprise",
        {"岚川重工"},
    ),
    # "what … output": a statistic, whatever words (a year, above-scale) come between
    ("What was the 2023 above-scale industrial output of 永修县?", "metric", "value", {812.5}),
    # a person put at the head of a chain, asked without 链长
    ("永修县工程机械产业链由谁挂帅?", "chain-leaders", "leader", {"赵恒"}),
    ("Who heads the 工程机械 chain in 永修县?", "chain-leaders", "leader", {"赵恒"}),
    ("谁负责永修县工程机械产业链?", "chain-leaders", "leader", {"赵恒"}),
    ("Who is responsible for the 工程机械产业链?", "chain-leaders", "leader", {"赵恒"}),
    # 哪几家 asks which firms, not how many
    (
        "国家级龙头企业中,永修县的是哪几家?",
        "place-leading-firms",
        "enterprise",
        {"岚川重工", "岚牧乳业"},
    ),
]


@pytest.fixture(scope="module")
def asker(tmp_path_factory):
    return asker_over(tmp_path_factory.mktemp("spotting"), ARTICLE)


@pytest.mark.parametrize(("question", "kind", "column", "values"), CASES)
def test_a_question_no_phrasing_fits_is_read_by_its_names_and_words(
    asker, question, kind, column, values
):
    answer = asker.ask(question)
    assert answer.plan.how == "spotted", answer.message
    assert answer.plan.kind.name == kind, answer.message
    assert values <= set(answer.values(column)), answer.message
    assert "read by the names and words it holds" in answer.message


def test_cue_words_inside_a_name_ask_nothing():
    # 工程 asks for projects, but not inside 工程机械产业链: the chain's leaders are asked
    linker = Linker([Name("e:1", "IndustryChain", "工程机械产业链", "工程机械产业链")])
    plans = spotted_plans(normalise_question("工程机械产业链以谁为龙头"), linker)
    assert [p.kind.name for p in plans][0] == "chain-leading-firms"
    assert "in-place" not in [p.kind.name for p in plans]


def test_a_question_about_one_name_is_never_answered_for_every_name(asker):
    # the chain is known but has no policy: not every policy, not every leader
    answer = asker.ask("工程机械产业链的链长和龙头企业是谁?")
    assert answer.plan.kind.name != "lead-pairs"
    linker = Linker([Name("e:1", "Region", "永修县", "永修县")])
    assert all(p.name for p in spotted_plans("永修县的链长是谁", linker))


def test_an_unknown_name_still_gets_the_closest_known_names(asker):
    answer = asker.ask("岚海集团是哪条产业链的龙头?")
    assert answer.status == "unknown-entity", answer.message


def test_statistics_are_those_the_question_asks_for():
    rows = [{"indicator_name": "工业总产值"}, {"indicator_name": "就业人数"}]
    plan = Plan(question="", normalised="永修县工业总产值是多少", name="永修县")
    assert relevant_rows(rows, plan) == rows[:1]
    english = Plan(question="", normalised="how many jobs in 永修县", name="永修县")
    assert relevant_rows(rows, english) == rows[1:]  # jobs -> 就业
    nothing = Plan(question="", normalised="永修县有多少", name="永修县")
    assert relevant_rows(rows, nothing) == rows  # nothing said: all of them


def test_the_industries_a_place_names_as_led_are_among_its_chains(asker):
    answer = asker.ask("永修县有哪些产业链?")
    assert {"工程机械产业链", "乳制品行业"} <= set(answer.values("chain")), answer.message


def test_what_no_fact_places_is_answered_from_the_sentences_that_name_the_place(asker):
    # no fact places 岚牧乳业 in 永修县; a sentence names them together
    answer = asker.ask("永修县都有些什么企业?")
    assert "岚牧乳业" in answer.values("thing"), answer.message
    assert answer.plan.query == "named-with-place"
    assert "no fact places it there" in answer.message


@pytest.mark.parametrize(
    "question", ["What are the leading industries of 永修县?", "永修县的龙头产业有哪些?"]
)
def test_leading_industries_asked_are_a_places_chains_not_its_firms(asker, question):
    answer = asker.ask(question)
    assert answer.plan.kind.name == "place-chains", answer.message
    assert {"有机硅", "船舶制造", "绿色食品"} <= set(answer.values("chain")), answer.message


def test_who_is_never_answered_with_a_places_chains():
    linker = Linker([Name("e:1", "Region", "永修县", "永修县")])
    asked = [p.kind.name for p in spotted_plans(normalise_question("谁在永修县抓产业?"), linker)]
    assert "place-chains" not in asked
    asked = [p.kind.name for p in spotted_plans(normalise_question("永修县抓哪些产业?"), linker)]
    assert "place-chains" in asked
