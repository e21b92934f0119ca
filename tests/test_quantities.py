"""Metrics (kg.quantities): each phrasing the step reads, as a case of its own.

The texts are made up for these tests (places from the national division list that no
development article names, firms and parks of our own), so the rules they hold are about
phrasings, not about particular articles.
"""

import pytest

from kg.quantities import place_level

# A city article: a title naming the city, a photo caption naming one of its counties (which
# must not become the article's place), then the text.
CITY = "# 遵义:工业稳步向前\n\n湄潭县茶园一角。\n\n遵义市大力发展工业。\n\n"
PARK = "# 柳州高新区打造汽车产业高地\n\n柳州高新区近年来发展迅速。\n\n"

# (id, text, value, unit, expected fields of the metric with that value and unit)
CASES = [
    # --- the subject --------------------------------------------------------------------------
    (
        "name opening the clause",
        "2023年,遵义市工业总产值实现1200.5亿元。",
        1200.5,
        "亿元",
        {"indicator": "工业总产值", "subject": "遵义市", "year": 2023},
    ),
    (
        "全市 is the article's city, not the county in the caption",
        CITY + "2023年,全市工业总产值实现1200.5亿元,其中规模以上工业总产值857.2亿元。",
        857.2,
        "亿元",
        {"indicator": "规模以上工业总产值", "subject": "遵义市", "year": 2023},
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
        CITY + "湄潭县大力发展茶产业。\n\n特别是示范基地,示范带动全县32万亩茶园提质增效。",
        32,
        "万亩",
        {"subject": "湄潭县"},
    ),
    (
        "园区 in an article about a park is that park",
        PARK + "2022年,园区工业总产值330.4亿元,同比增长10%。",
        330.4,
        "亿元",
        {"indicator": "工业总产值", "subject": "柳州高新区", "year": 2022},
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
        "遵义市引进总投资1.8亿元的星河光伏发电站项目,一期装机容量10兆瓦已并网发电。",
        10,
        "兆瓦",
        {"indicator": "一期装机容量", "subject": "星河光伏发电站项目"},
    ),
    (
        "a name right before a count owns it",
        "2月底,星河化工集团有限公司108家本地供应商复工率已达到100%。",
        108,
        "家",
        {"indicator": "本地供应商数", "subject": "星河化工集团有限公司"},
    ),
    (
        "a verb ending the phrase before a rate: 复工率",
        "2月底,星河化工集团有限公司108家本地供应商复工率已达到100%。",
        100,
        "%",
        {"indicator": "本地供应商复工率", "subject": "星河化工集团有限公司"},
    ),
    (
        "a place opening a sentence is the topic of the next",
        "2024年,遵义市经济社会亮点频现。粮食总产量达212.6万吨,创历史新高。",
        212.6,
        "万吨",
        {"indicator": "粮食总产量", "subject": "遵义市", "year": 2024},
    ),
    (
        "a list opening a sentence is no subject",
        CITY + "星河项目、蓝湾项目等大项目进展顺利。新兴产业2023年实现产值12.76亿元。",
        12.76,
        "亿元",
        {"indicator": "产值", "subject": "遵义市"},
    ),
    (
        "who speaks: the speaker's firm",
        "星河新材料有限公司总经理介绍:“2024年产值已达到114亿元。”",
        114,
        "亿元",
        {"indicator": "产值", "subject": "星河新材料有限公司", "year": 2024},
    ),
    (
        "a count opening a sentence is the place's own",
        CITY + "蓝湾经开区被列为重点园区;6个省级开发区入园企业达387户。",
        6,
        "个",
        {"indicator": "省级开发区数", "subject": "遵义市"},
    ),
    # --- the indicator ------------------------------------------------------------------------
    (
        "how-words are not the indicator: 稳定在",
        "遵义市全市粮食播种面积常年稳定在69万亩以上。",
        69,
        "万亩",
        {"indicator": "粮食播种面积", "qualifier": "以上"},
    ),
    (
        "the things counted after 有",
        "2022年,遵义市全市有3518户工业企业。",
        3518,
        "户",
        {"indicator": "工业企业数", "subject": "遵义市", "year": 2022},
    ),
    (
        "the action before a count names it: 签约16个项目",
        "遵义市招商推介会召开,上下游企业签约16个项目,总金额达64.5亿元。",
        16,
        "个",
        {"indicator": "签约项目数", "subject": "遵义市"},
    ),
    (
        "a count followed by the things: 32家配套企业",
        "星河新材料有限公司带动上下游32家配套企业协同发展。",
        32,
        "家",
        {"indicator": "配套企业数", "subject": "星河新材料有限公司"},
    ),
    (
        "a rate after a figure names the change of it",
        "遵义市新兴产业2022年实现产值12.76亿元,同比增长25.7%。",
        25.7,
        "%",
        {"indicator": "产值同比增长", "subject": "遵义市", "year": 2022},
    ),
    (
        "a share names its whole",
        "遵义市工业企业缴税117亿元,占全部税收的62.6%。",
        62.6,
        "%",
        {"indicator": "工业企业缴税占全部税收比重"},
    ),
    (
        "a share of GDP",
        "2022年,遵义市工业占GDP比重达25.2%。",
        25.2,
        "%",
        {"indicator": "工业占GDP比重", "year": 2022},
    ),
    (
        "a share with no whole named: the measured noun",
        "遵义市稀土新材料和终端应用产品占到44%。",
        44,
        "%",
        {"indicator": "稀土新材料和终端应用产品"},
    ),
    (
        "占比 is a noun",
        "遵义市一季度签约项目中,主导产业项目数量占比高达90%。",
        90,
        "%",
        {"indicator": "主导产业项目数量占比"},
    ),
    (
        "a rank: 居全省第5位",
        "2022年,遵义市工业占GDP比重达25.2%,居全省第5位。",
        5,
        "位",
        {"indicator": "工业占GDP比重全省位次", "year": 2022},
    ),
    (
        "a rank named by the noun before it",
        "遵义市能源外工业投资同比增长76.3%,增速全省第一。",
        1,
        "位",
        {"indicator": "增速全省位次"},
    ),
    (
        "从A提升至B: both of the same thing (B)",
        "遵义市力争到2025年,全市制造业产值从5500亿元提升至7000亿元。",
        7000,
        "亿元",
        {"indicator": "制造业产值", "year": 2025, "qualifier": "目标"},
    ),
    (
        "从A提升至B: both of the same thing (A)",
        "遵义市力争到2025年,全市制造业产值从5500亿元提升至7000亿元。",
        5500,
        "亿元",
        {"indicator": "制造业产值"},
    ),
    (
        "another figure of the same thing after 、",
        "柳州高新区建设完成生活区住宅楼16栋、496户。",
        496,
        "户",
        {"indicator": "生活区住宅楼", "subject": "柳州高新区"},
    ),
    (
        "another figure of the same thing in brackets",
        "柳州高新区规划面积12.78平方公里(19171亩)。",
        19171,
        "亩",
        {"indicator": "规划面积", "subject": "柳州高新区"},
    ),
    (
        "a range gives both ends (80)",
        "遵义经开区未来拟引进上下游供应链企业80到100家。",
        80,
        "家",
        {"indicator": "上下游供应链企业"},
    ),
    (
        "a range gives both ends (100)",
        "遵义经开区未来拟引进上下游供应链企业80到100家。",
        100,
        "家",
        {"indicator": "上下游供应链企业"},
    ),
    (
        "万余元 is 万元 and a bound",
        "遵义市某合作社花葵预计产值5万余元。",
        5,
        "万元",
        {"indicator": "产值", "qualifier": "余(预计)"},
    ),
    (
        "a bare 万 at the end of a clause",
        "遵义市规模以上企业从业人员7.7万,占全省的36%。",
        7.7,
        "万",
        {"indicator": "规模以上企业从业人员"},
    ),
    (
        "a name with a part in brackets",
        "湄潭县成立专家工作室(站)22个。",
        22,
        "个",
        {"indicator": "专家工作室(站)", "subject": "湄潭县"},
    ),
    (
        "a quoted name before a count",
        "湄潭县已培养“三名”人才19人、“星火计划”3人。",
        3,
        "人",
        {"indicator": "“星火计划”", "subject": "湄潭县", "qualifier": ""},
    ),
    (
        "the things after 以…为主的",
        CITY + "湄潭县有56.2万亩以方竹为主的竹产业基地。",
        56.2,
        "万亩",
        {"indicator": "竹产业基地"},
    ),
    (
        "the measure in a dictionary word with the year: 2024/年产值",
        "星河铜业有限公司副总经理说:“2024年产值已达到114亿元,跟去年同期比有所增加。”",
        114,
        "亿元",
        {"indicator": "产值", "year": 2024},
    ),
    (
        "a measure said once for parallel industries",
        "2021年,遵义市绿色化工产业产值达180.7亿元、新能源电池产业达43.5亿元。",
        43.5,
        "亿元",
        {"indicator": "新能源电池产业产值", "subject": "遵义市"},
    ),
    (
        "what the things counted reached is another figure",
        "1-4月,遵义市其中147户规上企业实现产值48.7亿元。",
        147,
        "户",
        {"indicator": "规上企业数"},
    ),
    (
        "园区 of no park in particular is said in the indicator",
        CITY + "2022年以来,园区完成固定资产投资202亿元,实现工业总产值862.6亿元。",
        862.6,
        "亿元",
        {"indicator": "园区工业总产值", "subject": "遵义市", "year": 2022},
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
        "遵义市旅游业带动10万余人就业。",
        10,
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
        "当天,24家“链主”企业亮出121条配套需求。",
        24,
        "家",
        {"indicator": "“链主”企业数"},
    ),
    (
        "a capacity inside a project's name is the project's",
        "遵义星河40万吨铝合金扁锭项目建成投产。",
        40,
        "万吨",
        {"indicator": "铝合金扁锭产能", "subject": "星河40万吨铝合金扁锭项目"},
    ),
    (
        "年产 inside a project's name",
        "星河新材料有限公司年产11万吨磷酸铁锂项目正式投产。",
        11,
        "万吨",
        {"indicator": "磷酸铁锂产能"},
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
        "星河电子有限公司总经理说:“仅2024年自动化生产设备的投入,就达到了230万元左右,"
        "所以产值会更高。”",
        230,
        "万元",
        {"indicator": "投入", "subject": "星河电子有限公司", "qualifier": "左右"},
    ),
    # --- the year -----------------------------------------------------------------------------
    (
        "a paragraph opening with a year frames the next paragraphs",
        "2024年,遵义市经济社会亮点频现。\n\n粮食总产量达212.6万吨。",
        212.6,
        "万吨",
        {"year": 2024},
    ),
    (
        "今年 from the article's date",
        "发布时间:2023-03-07\n\n今年上半年,遵义市招商到位资金140亿元。",
        140,
        "亿元",
        {"year": 2023},
    ),
    (
        "今年 is the latest year the article dates a day or a quarter of",
        "2024年12月26日,遵义物流中心开园。2025年,是十四五收官之年。\n\n"
        "前三季度遵义市农村居民人均可支配收入增长8.2%。",
        8.2,
        "%",
        {"year": 2024},
    ),
    (
        "今年 after a whole year reported is the year after",
        "2022年,遵义市工业总产值实现997.8亿元。\n\n今年上半年,遵义市招商到位资金140亿元。",
        140,
        "亿元",
        {"year": 2023},
    ),
    (
        "a comparison base is not the year: 是2021年的",
        "2022年,遵义市能源外工业投资占比是2021年的2.3倍。",
        2.3,
        "倍",
        {"year": 2022},
    ),
    (
        "较去年 is a comparison base",
        "发布时间:2023-06-01\n\n1—5月遵义市就业人数较去年增加2906人。",
        2906,
        "人",
        {"year": 2023},
    ),
    (
        "截至2025年底 is a date, not a target",
        "截至2025年底,仅湄潭县奶牛存栏就达22.79万头。",
        22.79,
        "万头",
        {"indicator": "奶牛存栏", "subject": "湄潭县", "year": 2025, "qualifier": "达"},
    ),
    # --- targets and bounds -------------------------------------------------------------------
    (
        "力争到…年: a target",
        "湄潭县力争到2025年实现工业增加值35亿元。",
        35,
        "亿元",
        {"indicator": "工业增加值", "year": 2025, "qualifier": "目标"},
    ),
    (
        "a bound and a target",
        "力争到2025年湄潭县工业产值突破500亿元,工业增加值达180亿元以上。",
        180,
        "亿元",
        {"indicator": "工业增加值", "year": 2025, "qualifier": "达以上(目标)"},
    ),
    (
        "预计: a forecast",
        "今年上半年,遵义市预计完成工业投资169亿元。",
        169,
        "亿元",
        {"indicator": "工业投资", "qualifier": "预计"},
    ),
    (
        "有望: a forecast",
        "遵义市全年产值有望突破300亿元。",
        300,
        "亿元",
        {"indicator": "产值", "qualifier": "突破(预计)"},
    ),
    (
        "计划: a plan",
        "遵义市绿美园区计划投资3338万元。",
        3338,
        "万元",
        {"indicator": "投资", "qualifier": "计划"},
    ),
    (
        "a bound read as a word only: the 约 of 签约 bounds nothing",
        "遵义市上下游企业签约16个项目。",
        16,
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
    ("a capacity naming a project", "甘味乳业日处理1200吨乳品加工厂建设项目开工。", 1200, "吨"),
    ("a threshold", "遵义市谋划储备了3000万元以上工业重点项目238个。", 3000, "万元"),
    ("one per chain", "每条产业链明确1名市领导担任链长、2至4个产业主要承载地。", 4, "个"),
    ("counted again", "遵义市将在上述8个产业实施链长制。", 8, "个"),
    ("a count of the items listed", "着力构建绿色能源、磷化工及新材料3个千亿级产业集群。", 3, "个"),
    (
        "a count of the items listed, head unread",
        "出台绿色能源、磷化工及新材料3个千亿级方案。",
        3,
        "个",
    ),
    ("the firms listed, counted", "遵义市星河公司、蓝湾公司2家企业通过验收。", 2, "家"),
    ("the article's own measures", "针对问题,遵义市落实4项推进措施。", 4, "项"),
    ("a number in quotes", "遵义市构建“51020个”现代产业体系。", 51020, "个"),
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
    doc = extract_text("柳州高新区未来拟引进上下游供应链企业80到100家。")
    low, high = sorted((m for m in doc.metrics if m.unit == "家"), key=lambda m: m.value)
    assert (low.value, high.value) == (80, 100)
    assert (low.start, low.end) != (high.start, high.end)  # two observation IRIs, not one
    assert doc.text[high.start : high.end] == "100家"


def test_project_word_with_no_project_named_gives_no_subject(extract_text):
    """项目总投资… when no project is named: whose it is is unknown, not the firm before."""
    doc = extract_text("星河牧业有限公司是龙头企业。项目总投资10亿元,分两期建设。")
    m = _metric(doc, 10, "亿元")
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
