"""The grammar of industry names (kg.extraction.recognize.industries): every lexicon entry reads
whole, and what is not an industry never names a chain. Names here are our own."""

import pytest

from kg.extraction.recognize import GENERIC
from kg.extraction.segment import rules, tokenize

LEXICON = rules("industries")["chain"]


def chains(doc) -> list[str]:
    return [m.text for m in doc.mentions if m.type == "IndustryChain" and m.rule != GENERIC]


@pytest.mark.parametrize("head", LEXICON["heads"])
def test_every_head_names_a_chain(extract_text, head):
    assert chains(extract_text(f"全力打造{head}产业链,带动就业。")) == [f"{head}产业链"]


@pytest.mark.parametrize("modifier", LEXICON["modifiers"])
def test_every_modifier_stays_in_the_name(extract_text, modifier):
    if len(tokenize(f"{modifier}汽车")) == 1:  # 网联汽车, 通用汽车 (a firm): one word
        pytest.skip("jieba joins it with 汽车")
    assert chains(extract_text(f"全力打造{modifier}汽车产业链。")) == [f"{modifier}汽车产业链"]


@pytest.mark.parametrize("verb", LEXICON["process_verbs"] + LEXICON["inner_verbs"])
def test_every_process_verb_stays_after_a_head(extract_text, verb):
    assert chains(extract_text(f"全力打造铜{verb}产业链。")) == [f"铜{verb}产业链"]


NAMES = [
    # (sentence, the chains it names)
    ("打通液晶显示、OLED产业链。", ["液晶显示", "OLED产业链"]),
    (
        "延伸金锰冶炼、锰精深加工、稀贵金属等三条金锰特色产业链。",
        ["金锰冶炼", "锰精深加工", "稀贵金属"],
    ),
    (
        "重点推进新型显示和智能终端、生物医药、节能环保等3个新兴产业链发展。",
        ["新型显示和智能终端", "生物医药", "节能环保"],
    ),
    ("用于光学镜头等抛光材料产业链。", ["抛光材料产业链"]),
    ("芦笋产业链加快发展。", ["芦笋产业链"]),
    ("网络安全产业链加快发展。", ["网络安全产业链"]),
    ("元器件产业链加快发展。", ["元器件产业链"]),
    ("打造水电硅铝一体化的全产业链。", ["水电硅铝一体化的全产业链"]),
    ("高端装备(汽车)产业链对接会召开。", ["高端装备(汽车)产业链"]),
    ("该县茶叶产业链产值突破10亿元。", ["茶叶产业链"]),
    ("加快建设储能电池产业链和氢能产业链。", ["储能电池产业链", "氢能产业链"]),
    ("集聚了一批锂电产业链龙头企业。", ["锂电产业链"]),
    ("打造“硅光伏”全产业链。", ["“硅光伏”全产业链"]),
    ("推动食品产业和新能源产业链协同发展。", ["新能源产业链"]),
    (
        "东岭已形成汽车产业、高端机床产业、新材料产业等3条主导产业链。",
        ["汽车产业", "高端机床产业", "新材料产业"],
    ),
    ("全力打造绿色食品、新能源、新材料三大千亿级产业链。", ["绿色食品", "新能源", "新材料"]),
    ("形成以鑫泰铝业为核心的高端铝产业链。", ["高端铝产业链"]),
    # a joiner after a firm's name (…的骏驰汽车和…) does not join two industries
    (
        "其中包括光伏产业链的骏驰汽车和电子信息产业链的岚芯微电子。",
        ["光伏产业链", "电子信息产业链"],
    ),
    ("推动钢铁和有色金属产业链发展。", ["钢铁和有色金属产业链"]),
    # "A及B产业链" is one chain when B goes on with A (its parts, its processing) or both
    # qualify one product; two chains when B names another industry
    ("打造工程机械及关键零部件产业链。", ["工程机械及关键零部件产业链"]),
    ("做强钢铁及深加工产业链。", ["钢铁及深加工产业链"]),
    ("做强铜及铜精深加工产业链。", ["铜及铜精深加工产业链"]),
    ("培育新能源及智能网联汽车产业链。", ["新能源及智能网联汽车产业链"]),
    ("绘制电子信息及生物医药产业链图谱。", ["电子信息", "生物医药产业链"]),
    ("补齐锻造产业链短板。", ["锻造产业链"]),
    # industries linked by - or + in quotes name one chain
    ("构建“煤-电-铝”产业链,推动资源就地转化。", ["“煤-电-铝”产业链"]),
    # the steps of one chain linked by dashes, quoted or not, long or short
    ("形成了“煤炭—焦化—精细化工—新材料”产业链。", ["“煤炭—焦化—精细化工—新材料”产业链"]),
    ("打造电解铝—铝板带—铝箔产业链。", ["电解铝—铝板带—铝箔产业链"]),
    ("推动“光伏+储能”产业链协同发展。", ["“光伏+储能”产业链"]),
    # 及 with 、 after it is inside its item; "一批超百亿级" counts the list; a 、 left before 等
    (
        "肉制品加工、数字光电、汽车及零部件、电驱(防爆)、等一批超百亿级产业链正在壮大。",
        ["肉制品加工", "数字光电", "汽车及零部件", "电驱(防爆)"],
    ),
]

NOT_CHAINS = [
    # the slogan's verb (锻造…长板) forges no chain
    "补齐产业链短板,锻造产业链长板。",
    # a quoted system of posts is no industry
    "坚持“链长+链主”产业链工作机制。",
    # a verb that governs the chain, a function word, a count, a title, a person: no name
    "要厘清产业链上下游关系。",
    "助推产业链提档升级。",
    "效果显著产业链更加完整。",
    "有效提升产业链供应链韧性。",
    "形成一套产业链图谱。",
    "明确一个牵头部门产业链专班。",
    "链长要定期报告产业链工作情况。",
    "省工业和信息化厅厅长王晓林介绍了该省产业链发展情况。",
    "全面推行产业链链长制。",
    "东湖省发力制造业产业链。",
    "推动产业链供应链优化升级。",
    "围绕产业链部署创新链。",
    "形成从原料到终端的完整产业链。",
    "打造集研发、生产、销售于一体的全产业链。",
    "培育壮大产业链上的中小企业。",
    "各产业链链长出席会议。",
    "湖东省发布制造业重点产业链链长制方案。",
]


@pytest.mark.parametrize("text, expected", NAMES)
def test_names_read_by_the_grammar(extract_text, text, expected):
    assert chains(extract_text(text)) == expected


@pytest.mark.parametrize("text", NOT_CHAINS)
def test_no_chain_where_no_industry_is_named(extract_text, text):
    assert chains(extract_text(text)) == []


def test_the_count_vouches_for_list_items_that_are_no_industry(extract_text):
    text = "成立了恒岳、洁川、新型碳材料、不锈钢等4个产业链。"
    assert chains(extract_text(text)) == ["恒岳", "洁川", "新型碳材料", "不锈钢"]
