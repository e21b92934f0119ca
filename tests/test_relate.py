"""Relations and their evidence (kg.relate). Every rule in kg/rules/relations.toml carries its
own example; the tables here add phrasings that must yield nothing."""

import pytest

from kg.relate import load_rules


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


NOTHING = [
    ("leadsChain", "培育龙头企业作为链主,推动产业链上下游协同。"),
    ("leadsChain", "在新能源产业上,以金风科技、中车电机为龙头,打造海上风电特色产业基地。"),
    ("leadsChain", "1-3月,日善和立讯2家龙头企业新增产值超58亿元。"),
    ("leadsChain", "引培龙头企业强链,新增国家级农业龙头企业2户。"),
    ("leadsChain", "鲁甸县龙头山镇花椒种植面积从2.8万亩增加到8.4万亩。"),
    ("chainLeaderOf", "会上,市级各产业链链长分别作了发言。"),
    ("chainLeaderOf", "12个产业链分别设置链长、副链长,由县领导担任。"),
    ("chainLeaderOf", "市委书记王五担任全市产业链总链长。"),
    ("chainLeaderOf", "市委书记李长萍主持全市产业链链长制工作推进会议。"),
    ("chainLeaderOf", "副市长赵六担任新能源产业链副链长。"),
]


@pytest.mark.parametrize("predicate, text", NOTHING)
def test_no_relation(extract_text, predicate, text):
    assert not pairs(extract_text(text), predicate)


PARAGRAPH = [
    # a paragraph about 链主 firms whose next sentences each open with a firm and name its chain
    (
        "去年,“链主”企业充分发挥引领带动作用。太钢集团聚焦特钢材料产业链下游深加工环节,"
        "吸引29家链上企业参与对接。太重集团与大唐开展战略合作,可带动产业链实现收入200亿元。",
        {("太钢集团", "特钢材料产业链")},
    ),
    # a 链主 firm whose chain is named in the next sentence
    (
        "以立讯“链主型”项目为牵引,成立产业链招商专班。搭建起新能源产业链上下游企业供需对接平台。",
        {("立讯", "新能源产业链")},
    ),
    # firms listed as 链主企业 whose chain is the previous sentence's topic
    (
        "围绕新能源汽车产业链,我市持续招大引强。比亚迪、长城汽车等链主企业发挥引领作用。",
        {("比亚迪", "新能源汽车产业链"), ("长城汽车", "新能源汽车产业链")},
    ),
]


@pytest.mark.parametrize("text, expected", PARAGRAPH)
def test_paragraph_rules(extract_text, text, expected):
    assert texts(extract_text(text), "leadsChain") == expected


def test_evidence_is_the_sentence(extract_text):
    doc = extract_text("前言。以云铝海鑫为龙头,绿色铝产业链链长工作取得新成效。后记。")
    (rel,) = doc.relations
    assert rel.sentence.text == "以云铝海鑫为龙头,绿色铝产业链链长工作取得新成效。"
    assert doc.text[rel.sentence.start : rel.sentence.end] == rel.sentence.text
