"""The indicator of a metric (kg.extraction.quantities.indicators): the measured noun phrase
before the number, the things counted after it, a rate's change, a share's whole.
"""

import pytest

from .test_quantities import CITY, cases, check

# (id, text, value, unit, expected fields of the metric with that value and unit)
CASES = [
    (
        "a modal verb before the how-word is no part of the indicator: 可达",
        "星河新材料有限公司项目建成后,预计年产值可达80亿元。",
        80,
        "亿元",
        {"indicator": "年产值"},
    ),
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
]


@pytest.mark.parametrize("text, value, unit, expected", cases(CASES))
def test_metric(extract_text, text, value, unit, expected):
    check(extract_text(text), value, unit, expected)
