"""Mentions -> entities (kg.extraction.resolve): short and full names, stable IRIs, never a
guess."""

import pytest

from kg.iris import entity_iri


def labels(doc, cls="Enterprise"):
    return {m.text: m.label for m in doc.mentions if m.type == cls}


def test_short_name_joins_full_name(extract_text):
    doc = extract_text(
        "云南华宁新材料股份有限公司签约落户。以华宁新材料为龙头,新材料产业链发展势头强劲。"
    )
    assert labels(doc)["华宁新材料"] == "云南华宁新材料股份有限公司"
    assert any("short name of" in m.reason for m in doc.merges)


BRIEF_NAMES = [
    # a firm named in full, then by its brand alone (two or three characters no dictionary has)
    ("贵州岚易通科技有限公司营业额突破11亿元。岚易通近期启动了二期项目。", "岚易通"),
    ("南昌岚凯公司由新疆岚润资源控股有限公司引进。经理说:“岚润这边提供的资源很好。”", "岚润"),
]


def test_a_group_is_its_brand_and_group(extract_text):
    doc = extract_text("广西岚柴机器集团有限公司落户。岚柴集团发动机日均产出量2000台。")
    assert labels(doc)["岚柴集团"] == "广西岚柴机器集团有限公司"


@pytest.mark.parametrize("text, brief", BRIEF_NAMES)
def test_a_brief_name_is_the_firm_named_in_full(extract_text, text, brief):
    doc = extract_text(text)
    full = next(m.text for m in doc.mentions if m.text.endswith("有限公司") and brief in m.text)
    assert labels(doc)[brief] == full


def test_a_brief_name_inside_another_name_is_no_firm(extract_text):
    doc = extract_text("岚衙矿业有限公司签约。岚衙多金属循环利用产业园加快建设。")
    assert [m.text for m in doc.mentions if m.type == "Enterprise"] == ["岚衙矿业有限公司"]


def test_a_name_given_in_brackets_joins_the_full_name(extract_text):
    doc = extract_text("恒川时代新能源科技股份有限公司(HCT)是电池龙头。2021年,HCT产值990亿元。")
    assert labels(doc)["HCT"] == "恒川时代新能源科技股份有限公司"
    (figure,) = [m for m in doc.metrics if m.value == 990]
    assert figure.subject.label == "恒川时代新能源科技股份有限公司"


def test_different_names_stay_apart(extract_text):
    a = extract_text("以合盛铝业为龙头,绿色硅产业链稳步推进。", name="a.txt")
    b = extract_text("合盛硅业、旗滨光伏等一批重大产业项目建成投产。", name="b.txt")
    assert "合盛铝业" in labels(a) and "合盛硅业" in labels(b)
    assert entity_iri("Enterprise", "合盛铝业") != entity_iri("Enterprise", "合盛硅业")


def test_ambiguous_short_name_is_not_merged(extract_text):
    doc = extract_text(
        "与云天化集团等企业签约。水富云天化被评为省级节水标杆企业。以云天化为龙头,磷化工产业链加快发展。"
    )
    assert labels(doc)["云天化"] == "云天化"


def test_same_name_same_iri_across_articles(extract_text):
    a = extract_text("以云铝海鑫为龙头,绿色铝产业链加快发展。", name="a.txt")
    b = extract_text(
        "云铝海鑫实现产值110亿元。以云铝海鑫为龙头,绿色铝产业链加快发展。", name="b.txt"
    )
    iri = {m.iri for d in (a, b) for m in d.mentions if m.text == "云铝海鑫"}
    assert iri == {entity_iri("Enterprise", "云铝海鑫")}


def test_chain_label_drops_place_prefix(extract_text):
    doc = extract_text("填补云南省新能源产业链中电池的空白。")
    assert labels(doc, "IndustryChain") == {"云南省新能源产业链": "新能源产业链"}


def test_merge_log_covers_every_mention(seed_docs):
    for doc in seed_docs:
        assert len(doc.merges) >= len(doc.mentions)


def test_a_place_keeps_its_level_in_its_name(extract_text):
    doc = extract_text("东川县位于云南南部。东川县新能源产业链发展迅速。昭通市场繁荣。")
    assert {m.label for m in doc.mentions if m.type == "Region"} == {"东川县", "云南", "昭通"}


def test_a_place_inside_a_firms_name_is_no_place(extract_text):
    doc = extract_text("以岚川时代为龙头。岚川时代与东岭市签约。")
    assert "宁德" not in {m.text for m in doc.mentions if m.type == "Region"}


def test_a_shared_brand_does_not_make_one_firm(extract_text):
    doc = extract_text("合泰水电硅项目投产。合泰水电硅等大项目进展顺利。以合泰铝业为龙头。")
    developers = {(r.subject.label, r.object.label) for r in doc.relations}
    assert developers == {("合泰水电硅项目", "合泰")}  # one project, its brand: no 合泰铝业


def test_a_sum_written_with_or_without_yuan_is_one_name(extract_text):
    doc = extract_text(
        "加快岚山多金属循环利用百亿元绿色产业园建设。岚山多金属循环利用百亿绿色产业园已入驻企业20家。"
    )
    parks = {m.label for m in doc.mentions if m.type == "IndustrialPark"}
    assert parks == {"岚山多金属循环利用百亿元绿色产业园"}


def test_a_sum_of_another_size_is_another_name(extract_text):
    doc = extract_text("岚山百亿元绿色产业园开工。岚山千亿绿色产业园签约。")
    parks = {m.label for m in doc.mentions if m.type == "IndustrialPark"}
    assert len(parks) == 2, parks


# (text, the parks' labels): one park whether its kind is written long or short (园区, 园) and
# whether a place is written before its words; two places' parks stay two
PARK_NAMES = [
    (
        "墨江星河产业园区今年新开工项目8个。星河产业园管委会负责人说,星河产业园区已入驻企业20家。",
        {"星河产业园区"},
    ),
    ("恒溪工业园今年产值增长20%。恒溪工业园区新增企业12家。", {"恒溪工业园区"}),
    # a place before the words of two parks: which one the bare name means is not known
    (
        "墨江星河产业园和东川星河产业园各有特色。星河产业园新增企业5家。",
        {"墨江星河产业园", "东川星河产业园", "星河产业园"},
    ),
]


@pytest.mark.parametrize(("text", "parks"), PARK_NAMES)
def test_one_park_by_its_names(extract_text, text, parks):
    doc = extract_text(text)
    assert {m.label for m in doc.mentions if m.type == "IndustrialPark"} == parks
