"""The year and the qualifier of a metric (kg.extraction.quantities.years): the year written
before it, 今年 and parts of a year read against the article's date; bounds and aims.
"""

import pytest

from .test_quantities import cases, check

# (id, text, value, unit, expected fields of the metric with that value and unit)
CASES = [
    (
        "the one year a title names dates the figures under it with none of their own",
        "# 岚山县2023年经济运行情况\n\n全县地区生产总值完成300亿元,增长5%。",
        300,
        "亿元",
        {"year": 2023},
    ),
    (
        "增至2023年的… is a figure reached, not a target",
        "遵义市产值从2020年的300亿元增至2023年的800亿元。",
        800,
        "亿元",
        {"year": 2023, "qualifier": ""},
    ),
    (
        "过去一年 in a report titled with its year is the year before",
        "# 岚山县2023年政府工作报告\n\n过去一年,全县地区生产总值完成210亿元、增长5.2%。",
        210,
        "亿元",
        {"year": 2022},
    ),
    (
        "... not a target year in the title",
        "# 岚山县到2025年产值翻番\n\n全县地区生产总值完成300亿元,增长5%。",
        300,
        "亿元",
        {"year": None},
    ),
    (
        "the years in a document's title (its horizon) date no figure",
        "日前,《岚州市产业发展规划(2021-2025年)》正式印发。全市规上企业达到300家。",
        300,
        "家",
        {"year": None},
    ),
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


@pytest.mark.parametrize("text, value, unit, expected", cases(CASES))
def test_metric(extract_text, text, value, unit, expected):
    check(extract_text(text), value, unit, expected)
