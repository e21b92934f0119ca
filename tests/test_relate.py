"""Relations and their evidence (kg.extraction.relate). Every rule in
kg/extraction/rules/relations.toml carries its own example and the pairs it gives."""

import pytest

from kg.extraction.relate import load_rules


def pairs(doc, predicate):
    return {(r.subject.label, r.object.label) for r in doc.relations if r.predicate == predicate}


def texts(doc, predicate):
    return {(r.subject.text, r.object.text) for r in doc.relations if r.predicate == predicate}


@pytest.mark.parametrize("rule", load_rules(), ids=lambda r: f"{r.predicate}:{r.name}")
def test_rule_example(extract_text, rule):
    assert rule.example and rule.expect, "every rule needs an example and what it gives"
    doc = extract_text(rule.example)
    got = texts(doc, rule.predicate) | pairs(doc, rule.predicate)
    for pair in rule.expect:
        assert tuple(pair) in got, (rule.name, sorted(got))


# Who leads which chain (leadsChain, chainLeaderOf) is read by relation frames:
# tests/test_frames.py has their cases.


def test_evidence_is_the_sentence(extract_text):
    doc = extract_text("前言。以云铝海鑫为龙头,绿色铝产业链链长工作取得新成效。后记。")
    (rel,) = doc.relations
    assert rel.sentence.text == "以云铝海鑫为龙头,绿色铝产业链链长工作取得新成效。"
    assert doc.text[rel.sentence.start : rel.sentence.end] == rel.sentence.text


# (text, policy, its issuer or None): a policy whose title opens with a place is that place's,
# unless the text says who issued it
TITLE_ISSUERS = [
    ("《德州市储能产业发展规划(2024-2026年)》提出,做强储能产业链。", "德州市", "德州市"),
    ("临泽县印发《德州市储能产业发展规划》。", "德州市", "临泽县"),
    ("《关于加快储能产业发展的意见》提出,做强储能产业链。", "关于", None),
]


@pytest.mark.parametrize("text, policy_start, issuer", TITLE_ISSUERS)
def test_a_policy_titled_with_a_place_is_that_places(extract_text, text, policy_start, issuer):
    doc = extract_text(text)
    found = {
        r.object.text
        for r in doc.relations
        if r.predicate == "issuedBy" and r.subject.text.startswith(policy_start)
    }
    assert found == ({issuer} if issuer else set())


# (text, project, where it is, how sure): a project the text places nowhere is in the place
# its name opens with, else in the park the article's title names or its place; none where
# neither does
PROJECT_PLACES = [
    ("岚山光伏电站项目开工建设。", "岚山光伏电站项目", "岚山", 0.7),
    # the park a project's name holds, before the place it opens with
    ("岚山锂电产业园电池项目开工建设。", "岚山锂电产业园电池项目", "岚山锂电产业园", 0.7),
    # a park too, by its name (never by the title: the parks an article names may be elsewhere)
    ("德州市循环经济产业园加快建设。", "德州市循环经济产业园", "德州市", 0.7),
    ("# 德州市园区观察\n\n星河经济技术开发区加快建设。", "星河经济技术开发区", None, 0),
    (
        "# 德州市重点项目集中开工\n\n恒泰集团锂电池材料项目开工建设。",
        "恒泰集团锂电池材料项目",
        "德州市",
        0.6,
    ),
    ("# 重点项目集中开工\n\n恒泰集团锂电池材料项目开工建设。", "恒泰集团锂电池材料项目", None, 0),
    # the park a sentence opens with, before the place of the title
    (
        "# 德州市重点项目集中开工\n\n今年以来,星河经开区加快建设,恒泰锂电池项目进展顺利。",
        "恒泰锂电池项目",
        "星河经开区",
        0.6,
    ),
    # (a park named further into the sentence is not what it is about)
    (
        "# 德州市重点项目集中开工\n\n恒岳集团在星河经开区建厂,恒泰锂电池项目进展顺利。",
        "恒泰锂电池项目",
        "德州市",
        0.6,
    ),
    # else the park the article is about: named most, twice at least
    (
        "星河经开区举行项目集中开工仪式。星河经开区今年签约项目9个。本次开工包含恒泰供热项目等6个项目。",
        "恒泰供热项目",
        "星河经开区",
        0.5,
    ),
    # (not a park named once, nor one of two named as often)
    (
        "星河经开区举行项目集中开工仪式。本次开工包含恒泰供热项目等6个项目。",
        "恒泰供热项目",
        None,
        0,
    ),
    # a park the title names before the place it names: the article is about the park
    (
        "# 岚溪县星河产业园区掀起建设热潮\n\n恒泰集团锂电池材料项目开工建设。",
        "恒泰集团锂电池材料项目",
        "岚溪县星河产业园区",
        0.6,
    ),
    (
        "# 星河高新区:新能源汽车项目相继落地\n\n恒岳新能源商用车项目进展顺利。",
        "恒岳新能源商用车项目",
        "星河高新区",
        0.6,
    ),
    # what the text says comes first
    (
        "# 德州市重点项目集中开工\n\n恒泰集团锂电池材料项目落户临川经济技术开发区。",
        "恒泰集团锂电池材料项目",
        "临川经济技术开发区",
        1.0,
    ),
]


@pytest.mark.parametrize("text, project, place, confidence", PROJECT_PLACES)
def test_a_project_placed_nowhere_is_where_its_name_or_the_title_says(
    extract_text, text, project, place, confidence
):
    doc = extract_text(text)
    got = [
        (r.object.label, r.confidence)
        for r in doc.relations
        if r.predicate == "locatedIn" and r.subject.text == project
    ]
    assert got == ([(place, confidence)] if place else []), got


# A firm or a park a list names as a project too (the same words read as both) stands where the
# rule placed it, and so does its project: (text, located facts expected among those found).
TWINS = [
    (
        "近年,永修先后迎来岚昇新材料、恒岳储能电池项目等超10个强链补链项目。",
        {
            ("Enterprise", "岚昇新材料", "永修"),
            ("Project", "岚昇新材料", "永修"),
            ("Project", "恒岳储能电池项目", "永修"),
        },
    ),
    (
        "今年以来,岚溪高新区补链强链进展明显,恒岳软件园、岚光大健康产业园等百亿级项目开工建设。",
        {("IndustrialPark", "恒岳软件园", "岚溪高新区"), ("Project", "恒岳软件园", "岚溪高新区")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), TWINS)
def test_a_name_listed_as_a_project_stands_where_its_project_does(extract_text, text, expected):
    doc = extract_text(text)
    located = {
        (r.subject.type, r.subject.text, r.object.text)
        for r in doc.relations
        if r.predicate == "locatedIn"
    }
    assert expected <= located


def test_the_place_in_force_is_the_narrowest_of_places_written_together(extract_text):
    # "云南省普洱市墨江县…": the sentence is about the county; the others say where it is
    doc = extract_text(
        "近年来,云南省普洱市墨江县持续推进金铜产业。在恒泰电子科技有限公司的生产车间内,工人们正在忙碌。"
    )
    placed = {(r.subject.text, r.object.text) for r in doc.relations if r.predicate == "locatedIn"}
    assert placed == {("恒泰电子科技有限公司", "墨江县")}
