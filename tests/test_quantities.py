"""Metrics (kg.extraction.quantities): each phrasing the step reads, as a case of its own.

The texts are made up for these tests (places from the national division list that no
development article names, firms and parks of our own), so the rules they hold are about
phrasings, not about particular articles.
"""

import pytest

from kg.extraction.quantities import place_level

# A city article: a title naming the city, a photo caption naming one of its counties (which
# must not become the article's place), then the text.
CITY = "# 遵义:工业稳步向前\n\n湄潭县茶园一角。\n\n遵义市大力发展工业。\n\n"
PARK = "# 柳州高新区打造汽车产业高地\n\n柳州高新区近年来发展迅速。\n\n"

# (id, text, value, unit, expected fields of the metric with that value and unit)
CASES = [
    # --- the subject --------------------------------------------------------------------------
    (
        "name opening the clause",
        "2023年,遵义市工业营业收入完成1200.5亿元。",
        1200.5,
        "亿元",
        {"indicator": "工业营业收入", "subject": "遵义市", "year": 2023},
    ),
    (
        "全市 is the article's city, not the county in the caption",
        CITY + "2023年,全市规上工业营业收入完成1200.5亿元,其中制造业营业收入857.2亿元。",
        857.2,
        "亿元",
        {"indicator": "制造业营业收入", "subject": "遵义市", "year": 2023},
    ),
    (
        "全县 is the county named before it in the paragraph",
        CITY + "湄潭县茶产业发展迅速,全县茶园面积达60万亩。",
        60,
        "万亩",
        {"indicator": "茶园面积", "subject": "湄潭县"},
    ),
    (
        "全县 right before a figure names whose it is",
        CITY + "湄潭县大力发展茶产业。\n\n特别是示范基地,示范带动全县27万亩茶园提质增效。",
        27,
        "万亩",
        {"subject": "湄潭县"},
    ),
    (
        "园区 in an article about a park is that park",
        PARK + "2022年,园区实现营业收入416.3亿元,同比增长9%。",
        416.3,
        "亿元",
        {"indicator": "营业收入", "subject": "柳州高新区", "year": 2022},
    ),
    (
        "该公司 is the firm named before",
        "星河新材料有限公司落户遵义。该公司2023年产值达到5.2亿元。",
        5.2,
        "亿元",
        {"indicator": "产值", "subject": "星河新材料有限公司", "year": 2023},
    ),
    (
        "a firm described before its name opens the clause",
        "汽车零部件链主型企业星河新材料有限公司今年上半年销售收入同比增长18.5%。",
        18.5,
        "%",
        {"indicator": "销售收入同比增长", "subject": "星河新材料有限公司"},
    ),
    (
        "位于…的 firm opens the clause",
        "位于遵义经开区的星河新材料有限公司今年以来产值达到9.5亿元。",
        9.5,
        "亿元",
        {"indicator": "产值", "subject": "星河新材料有限公司"},
    ),
    (
        "the project after 的 owns the figure, and the next clause's",
        "遵义市引进总投资2.6亿元的星河光伏发电站项目,二期装机容量25兆瓦已并网发电。",
        25,
        "兆瓦",
        {"indicator": "二期装机容量", "subject": "星河光伏发电站项目"},
    ),
    (
        "a name right before a count owns it",
        "3月中旬,星河化工集团有限公司86家本地协作商开工率已达到95%。",
        86,
        "家",
        {"indicator": "本地协作商数", "subject": "星河化工集团有限公司"},
    ),
    (
        "a verb ending the phrase before a rate: 开工率",
        "3月中旬,星河化工集团有限公司86家本地协作商开工率已达到95%。",
        95,
        "%",
        {"indicator": "本地协作商开工率", "subject": "星河化工集团有限公司"},
    ),
    (
        "a place opening a sentence is the topic of the next",
        "2024年,遵义市各项事业稳步推进。茶叶总产量达18.6万吨,再创新高。",
        18.6,
        "万吨",
        {"indicator": "茶叶总产量", "subject": "遵义市", "year": 2024},
    ),
    (
        "a list opening a sentence is no subject",
        CITY + "星河项目、蓝湾项目等大项目进展顺利。数字产业2023年实现营收9.4亿元。",
        9.4,
        "亿元",
        {"indicator": "营收", "subject": "遵义市"},
    ),
    (
        "who speaks: the speaker's firm",
        "星河新材料有限公司总经理介绍:“2024年销售额已达到37亿元。”",
        37,
        "亿元",
        {"indicator": "销售额", "subject": "星河新材料有限公司", "year": 2024},
    ),
    (
        "a count opening a sentence is the place's own",
        CITY + "蓝湾经开区被列为重点园区;5个省级开发区入园企业达263户。",
        5,
        "个",
        {"indicator": "省级开发区数", "subject": "遵义市"},
    ),
    # --- the indicator ------------------------------------------------------------------------
    (
        "how-words are not the indicator: 稳定在",
        "遵义市全市茶园面积常年稳定在45万亩以上。",
        45,
        "万亩",
        {"indicator": "茶园面积", "qualifier": "以上"},
    ),
    (
        "the things counted after 有",
        "2022年,遵义市全市有2760户规上企业。",
        2760,
        "户",
        {"indicator": "规上企业数", "subject": "遵义市", "year": 2022},
    ),
    (
        "the action before a count names it: 签约9个项目",
        "遵义市产业对接会举行,参会企业签约9个项目,协议金额达27.3亿元。",
        9,
        "个",
        {"indicator": "签约项目数", "subject": "遵义市"},
    ),
    (
        "a count followed by the things: 19家配套企业",
        "星河新材料有限公司带动本地19家配套企业联动发展。",
        19,
        "家",
        {"indicator": "配套企业数", "subject": "星河新材料有限公司"},
    ),
    (
        "a rate after a figure names the change of it",
        "遵义市数字产业2022年实现营收8.37亿元,同比增长21.4%。",
        21.4,
        "%",
        {"indicator": "营收同比增长", "subject": "遵义市", "year": 2022},
    ),
    (
        "a share names its whole",
        "遵义市规上企业纳税58亿元,占全部税收的41.3%。",
        41.3,
        "%",
        {"indicator": "规上企业纳税占全部税收比重"},
    ),
    (
        "a share of GDP",
        "2022年,遵义市服务业占GDP比重达47.5%。",
        47.5,
        "%",
        {"indicator": "服务业占GDP比重", "year": 2022},
    ),
    (
        "a share with no whole named: the measured noun",
        "遵义市茶饮料和茶食品占到31%。",
        31,
        "%",
        {"indicator": "茶饮料和茶食品"},
    ),
    (
        "占比 is a noun",
        "遵义市上半年落地项目中,制造业项目数量占比高达72%。",
        72,
        "%",
        {"indicator": "制造业项目数量占比"},
    ),
    (
        "a rank: 居全省第3位",
        "2022年,遵义市服务业占GDP比重达47.5%,居全省第3位。",
        3,
        "位",
        {"indicator": "服务业占GDP比重全省位次", "year": 2022},
    ),
    (
        "a rank named by the noun before it",
        "遵义市技改投资同比增长33.8%,增速全省第二。",
        2,
        "位",
        {"indicator": "增速全省位次"},
    ),
    (
        "从A提升至B: both of the same thing (B)",
        "遵义市力争到2027年,全市数字经济规模从800亿元提升至1200亿元。",
        1200,
        "亿元",
        {"indicator": "数字经济规模", "year": 2027, "qualifier": "目标"},
    ),
    (
        "从A提升至B: both of the same thing (A)",
        "遵义市力争到2027年,全市数字经济规模从800亿元提升至1200亿元。",
        800,
        "亿元",
        {"indicator": "数字经济规模"},
    ),
    (
        "another figure of the same thing after 、",
        "柳州高新区建成人才公寓12栋、380套。",
        380,
        "套",
        {"indicator": "人才公寓", "subject": "柳州高新区"},
    ),
    (
        "another figure of the same thing in brackets",
        "柳州高新区规划面积8.6平方公里(12900亩)。",
        12900,
        "亩",
        {"indicator": "规划面积", "subject": "柳州高新区"},
    ),
    (
        "a range gives both ends (30)",
        "柳州高新区拟引进汽车电子企业30到50家。",
        30,
        "家",
        {"indicator": "汽车电子企业"},
    ),
    (
        "a range gives both ends (50)",
        "柳州高新区拟引进汽车电子企业30到50家。",
        50,
        "家",
        {"indicator": "汽车电子企业"},
    ),
    (
        "万余元 is 万元 and a bound",
        "遵义市某合作社金银花预计产值8万余元。",
        8,
        "万元",
        {"indicator": "产值", "qualifier": "余(预计)"},
    ),
    (
        "a bare 万 at the end of a clause",
        "遵义市数字产业从业人员4.3万,占全省的21%。",
        4.3,
        "万",
        {"indicator": "数字产业从业人员"},
    ),
    (
        "a name with a part in brackets",
        "湄潭县建成技能大师工作室(站)14个。",
        14,
        "个",
        {"indicator": "技能大师工作室(站)", "subject": "湄潭县"},
    ),
    (
        "a quoted name before a count",
        "湄潭县已选派“三支”队伍12人、“星火计划”5人。",
        5,
        "人",
        {"indicator": "“星火计划”", "subject": "湄潭县", "qualifier": ""},
    ),
    (
        "the things after 以…为主的",
        CITY + "湄潭县有38.5万亩以绿茶为主的茶产业基地。",
        38.5,
        "万亩",
        {"indicator": "茶产业基地"},
    ),
    (
        "time phrases before the measured noun are no part of it",
        "星河铜业有限公司副总经理说:“2024年销售额已达到41亿元,比上年有所增加。”",
        41,
        "亿元",
        {"indicator": "销售额", "year": 2024},
    ),
    (
        "a measure said once for parallel industries",
        "2021年,遵义市白酒产业产值达320.4亿元、茶产业达96.2亿元。",
        96.2,
        "亿元",
        {"indicator": "茶产业产值", "subject": "遵义市"},
    ),
    (
        "what the things counted reached is another figure",
        "1-6月,遵义市其中92户重点企业实现营收31.6亿元。",
        92,
        "户",
        {"indicator": "重点企业数"},
    ),
    (
        "园区 of no park in particular is said in the indicator",
        CITY + "2022年以来,园区完成技改投资74亿元,实现营业收入518.9亿元。",
        518.9,
        "亿元",
        {"indicator": "园区营业收入", "subject": "遵义市", "year": 2022},
    ),
    (
        "households counted in 户",
        "遵义市有效防止1.2万户群众返贫致贫。",
        1.2,
        "万户",
        {"indicator": "群众户数"},
    ),
    (
        "people counted in 人 by what they do",
        "遵义市旅游业带动6万余人就业。",
        6,
        "万人",
        {"indicator": "就业人数", "qualifier": "余"},
    ),
    (
        "a quoted name counted",
        "遵义经开区被列入全省10个“绿色化工园区”重点打造。",
        10,
        "个",
        {"indicator": "“绿色化工园区”数"},
    ),
    (
        "a quoted name and its kind counted",
        "当天,17家“龙头”企业发布86条采购需求。",
        17,
        "家",
        {"indicator": "“龙头”企业数"},
    ),
    (
        "a capacity inside a project's name is the project's",
        "遵义星河40万吨铝合金扁锭项目建成投产。",
        40,
        "万吨",
        {"indicator": "铝合金扁锭产能", "subject": "星河40万吨铝合金扁锭项目"},
    ),
    (
        "a daily capacity inside a project's name",
        "星河食品日处理600吨果蔬加工厂项目动工。",
        600,
        "吨",
        {"indicator": "日处理能力", "subject": "星河食品日处理600吨果蔬加工厂项目"},
    ),
    (
        "年产 inside a project's name",
        "星河新材料有限公司年产6万吨负极材料项目正式投产。",
        6,
        "万吨",
        {"indicator": "负极材料产能"},
    ),
    (
        "a place inside a noun phrase does not end it",
        "遵义市年均黄山旅游人次达95万人次。",
        95,
        "万人次",
        {"indicator": "年均黄山旅游人次", "subject": "遵义市"},
    ),
    (
        "what is measured closes the clause before the figure",
        "星河电子有限公司总经理说:“仅2024年用于智能检测的费用,已经达到180万元左右,"
        "所以效益会更好。”",
        180,
        "万元",
        {"indicator": "费用", "subject": "星河电子有限公司", "qualifier": "达到左右"},
    ),
    # --- the year -----------------------------------------------------------------------------
    (
        "a paragraph opening with a year frames the next paragraphs",
        "2024年,遵义市各项事业稳步推进。\n\n茶叶总产量达18.6万吨。",
        18.6,
        "万吨",
        {"year": 2024},
    ),
    (
        "今年 from the article's date",
        "发布时间:2023-03-07\n\n今年上半年,遵义市引进到位资金63亿元。",
        63,
        "亿元",
        {"year": 2023},
    ),
    (
        "今年 is the latest year the article dates a day or a quarter of",
        "2024年11月18日,遵义物流中心开园。2025年,是规划收官之年。\n\n"
        "前三季度遵义市城镇居民人均可支配收入增长5.9%。",
        5.9,
        "%",
        {"year": 2024},
    ),
    (
        "今年 after a whole year reported is the year after",
        "2022年,遵义市地区生产总值实现4401亿元。\n\n今年上半年,遵义市引进到位资金63亿元。",
        63,
        "亿元",
        {"year": 2023},
    ),
    (
        "a comparison base is not the year: 是2021年的",
        "2022年,遵义市民间投资占比是2021年的1.6倍。",
        1.6,
        "倍",
        {"year": 2022},
    ),
    (
        "较去年 is a comparison base",
        "发布时间:2023-06-01\n\n1—4月遵义市新增就业人数较去年增加1835人。",
        1835,
        "人",
        {"year": 2023},
    ),
    (
        "截至2025年底 is a date, not a target",
        "截至2025年底,仅湄潭县生猪存栏就达31.46万头。",
        31.46,
        "万头",
        {"indicator": "生猪存栏", "subject": "湄潭县", "year": 2025, "qualifier": "达"},
    ),
    # --- targets and bounds -------------------------------------------------------------------
    (
        "力争到…年: a target",
        "湄潭县力争到2027年实现规上工业增加值52亿元。",
        52,
        "亿元",
        {"indicator": "规上工业增加值", "year": 2027, "qualifier": "目标"},
    ),
    (
        "a bound and a target",
        "力争到2027年湄潭县茶产业综合产值突破260亿元,茶叶出口额达12亿元以上。",
        12,
        "亿元",
        {"indicator": "茶叶出口额", "year": 2027, "qualifier": "达以上(目标)"},
    ),
    (
        "预计: a forecast",
        "今年上半年,遵义市预计完成技改投资88亿元。",
        88,
        "亿元",
        {"indicator": "技改投资", "qualifier": "预计"},
    ),
    (
        "有望: a forecast",
        "遵义市全年营收有望突破150亿元。",
        150,
        "亿元",
        {"indicator": "营收", "qualifier": "突破(预计)"},
    ),
    (
        "计划: a plan",
        "遵义市口袋公园计划投资1260万元。",
        1260,
        "万元",
        {"indicator": "投资", "qualifier": "计划"},
    ),
    (
        "a bound read as a word only: the 约 of 签约 bounds nothing",
        "遵义市参会企业签约9个项目。",
        9,
        "个",
        {"qualifier": ""},
    ),
]


def _metric(doc, value, unit):
    hits = [m for m in doc.metrics if m.value == value and m.unit == unit]
    assert hits, [(m.indicator, m.value, m.unit) for m in doc.metrics]
    return hits[0]


@pytest.mark.parametrize(
    "text, value, unit, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_metric(extract_text, text, value, unit, expected):
    doc = extract_text(text)
    m = _metric(doc, value, unit)
    found = {
        "indicator": m.indicator,
        "subject": m.subject.label if m.subject else None,
        "year": m.year,
        "qualifier": m.qualifier,
    }
    assert {key: found[key] for key in expected} == expected
    assert doc.text[m.start : m.end] == m.text
    assert m.sentence.start <= m.start < m.end <= m.sentence.end


# (id, text, value, unit): numbers that are no statistic
NOT_METRICS = [
    ("a threshold", "遵义市谋划储备了5000万元以上产业项目126个。", 5000, "万元"),
    ("one per item", "每个园区配备1名联络员、3至5个服务专员。", 5, "个"),
    ("counted again", "遵义市将在上述6个行业推行专班制。", 6, "个"),
    ("a count of the items listed", "着力构建白酒、茶及辣椒3个百亿级产业集群。", 3, "个"),
    (
        "a count of the items listed, head unread",
        "出台白酒、茶及辣椒3个百亿级方案。",
        3,
        "个",
    ),
    ("the firms listed, counted", "遵义市星河公司、蓝湾公司2家企业通过验收。", 2, "家"),
    ("the article's own measures", "对照短板,遵义市落实5项推进措施。", 5, "项"),
    ("a number in quotes", "遵义市构建“4321个”现代产业体系。", 4321, "个"),
    ("the title restates the text", "# 遵义三年冲刺7万亿元\n\n遵义市发展工业。", 7, "万亿元"),
    ("a part count that is not whole", "遵义市有3.5家企业。", 3.5, "家"),
]


@pytest.mark.parametrize(
    "text, value, unit", [c[1:] for c in NOT_METRICS], ids=[c[0] for c in NOT_METRICS]
)
def test_not_a_metric(extract_text, text, value, unit):
    doc = extract_text(text)
    assert not [m for m in doc.metrics if m.value == value and m.unit == unit], [
        (m.indicator, m.value, m.unit) for m in doc.metrics
    ]


def test_both_ends_of_a_range_are_observations_of_their_own(extract_text):
    doc = extract_text("柳州高新区拟引进汽车电子企业30到50家。")
    low, high = sorted((m for m in doc.metrics if m.unit == "家"), key=lambda m: m.value)
    assert (low.value, high.value) == (30, 50)
    assert (low.start, low.end) != (high.start, high.end)  # two observation IRIs, not one
    assert doc.text[high.start : high.end] == "50家"


def test_project_word_with_no_project_named_gives_no_subject(extract_text):
    """项目总投资… when no project is named: whose it is is unknown, not the firm before."""
    doc = extract_text("星河农业有限公司是本地企业。项目总投资7亿元,分三期建设。")
    m = _metric(doc, 7, "亿元")
    assert m.indicator == "总投资" and m.subject is None


@pytest.mark.parametrize(
    "label, levels",
    [
        ("遵义市", ("市",)),
        ("柳州", ("市",)),  # a short form is read as its full name
        ("湄潭县", ("县",)),
        ("广西", ("省", "区")),  # 全区 in an autonomous region's article is the region
        ("某某镇", ("镇",)),
        ("某某", ()),
    ],
)
def test_place_level(label, levels):
    assert place_level(label) == levels


def test_every_figure_of_a_long_article(extract_text):
    text = CITY + "\n\n".join(f"2023年,全市第{i}类产品产量达{i}.5万吨。" for i in range(1, 200))
    doc = extract_text(text)
    assert len([m for m in doc.metrics if m.unit == "万吨"]) == 199
    assert {m.subject.label for m in doc.metrics if m.unit == "万吨"} == {"遵义市"}
