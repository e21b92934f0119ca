"""The subject of a metric (kg.extraction.quantities.clauses and .article): the name opening
its clause, a word standing for one (全市, 该公司, 园区), the topic, the article's own place.
"""

import pytest

from kg.extraction.quantities import place_level

from .test_quantities import CITY, PARK, cases, check, metric

# (id, text, value, unit, expected fields of the metric with that value and unit)
CASES = [
    (
        "a place acting in the clause after one that says how (围绕…,某市通过…): its topic",
        "岚山软件园发展软件产业。\n\n近年来,围绕万千亿级产业集群打造标志性产业链,抚州市通过"
        "狠抓重点产业强链补链延链,提升核心竞争力。去年,重点打造的十大标志性产业链完成工业总产值"
        "1.42万亿元,占到全市规上工业总产值的近58%。",
        1.42,
        "万亿元",
        {"subject": "抚州市"},
    ),
    (
        "a firm's site in a place (某汽车武宁基地产量…): the firm's figure, not the place's",
        "相关负责人介绍,2024年,岚瑞汽车武宁基地产量29.3万辆、同比增长26.4%。",
        29.3,
        "万辆",
        {"subject": "岚瑞汽车"},
    ),
    (
        "开发区内 before any park is named: the park the paragraph names after it",
        "武宁县聚焦产业集群。\n\n开发区内岚锰硫酸锰市场份额全国占比达80%;石墨份额达15%……"
        "作为全省优先培育区,岚龙经济技术开发区抓住新材料产业集群精准发力。",
        80,
        "%",
        {"subject": "岚龙经济技术开发区"},
    ),
    (
        "a photo's caption, ending in its credit, names no subject for the paragraph after it",
        "青海印发方案\n\n4月18日,青海省人民政府办公厅印发方案。\n\n"
        "位于湟源县岚山经开区生物医药产业集群内的岚山四药员工在数字化车间工作。"
        "青海日报记者 某某 摄\n\n"
        "产业兴则百姓富。独特的资源禀赋让青海发展成县县有特色产业集群的格局。\n\n"
        "新出台的方案提出明确目标。到2026年底,营业收入超千亿元集群达到9个。",
        9,
        "个",
        {"subject": "青海"},
    ),
    (
        "a count of clusters of two levels (国省级产业集群) is the place's, not a cluster's",
        "武宁县锚定发展目标,国省级产业集群达15个,其中国家先进制造业集群3个。",
        3,
        "个",
        {"subject": "武宁县"},
    ),
    (
        "a sum spent on building something named right after it (投资12.5亿元建设某项目): its",
        CITY + "永修县引进岚盛集团投资12.5亿元建设岚盛高端饮品产业园项目,计划3年建成。",
        12.5,
        "亿元",
        {"subject": "岚盛高端饮品产业园项目"},
    ),
    (
        "a sum right before a project's name (总投资150亿元某某项目): the project's",
        CITY + "今年以来,已签约总投资150亿元岚科25GW单晶拉棒切方项目。",
        150,
        "亿元",
        {"subject": "岚科25GW单晶拉棒切方项目"},
    ),
    (
        "园区 in a paragraph naming no park: the park the article is about, not the last named",
        "岚山经济开发区总体规划面积15平方公里。岚山经济开发区建成安民、郜家店两个园区。"
        "其中有恒远产业园。\n\n园区经济平稳发展。到2020年末,园区共入驻企业67户。",
        67,
        "户",
        {"subject": "岚山经济开发区"},
    ),
    (
        "a county written with the level it was given since the table was drawn (宁乡县 -> 宁乡市)",
        "1—11月,宁乡市共签约亿元以上项目96个。",
        96,
        "个",
        {"subject": "宁乡市"},
    ),
    (
        "a cluster's name heading a paragraph is not the topic of the figures after it",
        "正阳县建成了三大产业集群。\n\n食品加工产业集群。引进了岚泰、川宇等食品加工企业38家。",
        38,
        "家",
        {"subject": "正阳县"},
    ),
    (
        "项目共计… after a list of projects: their total, not the last one's",
        CITY + "恒远文化产业园项目、恒远农副产品批发市场项目,2项参加网络签约,项目共计投资40亿元。",
        40,
        "亿元",
        {"subject": "遵义市"},
    ),
    (
        "在P and a verb of building after a firm's clause: where the firm built, not who",
        CITY + "恒远金属科技有限公司看中遵义市的产业体系,在遵义市建成6条铝材生产线。",
        6,
        "条",
        {"subject": "恒远金属科技有限公司"},
    ),
    (
        "该公司 after a sentence naming two firms: the one it is about, named first",
        CITY + "恒远金属科技有限公司是岚泽集团的下游企业。该公司今年产值超过2000万元。",
        2000,
        "万元",
        {"subject": "恒远金属科技有限公司"},
    ),
    (
        "a place written short and in full is one place: it outranks a place named once",
        "依托8个省级开发区,培育了汾阳白酒和交城骏枣2个省级重点专业镇。"
        "吕梁市副市长介绍了吕梁在培育特色专业镇方面取得的成效。",
        8,
        "个",
        {"subject": "吕梁市"},
    ),
    (
        "a clause opening with a place, what kind of firm, and the firm: the firm's",
        CITY + "岚山县龙头企业星河新能源科技有限公司去年营收50亿元。",
        50,
        "亿元",
        {"subject": "星河新能源科技有限公司", "indicator": "营收"},
    ),
    (
        "the investor named after 由 in a clause that describes what it built: the investor's",
        CITY + "近日,由星河新能源科技有限公司投资5000万元建设的饲料加工厂竣工投产。",
        5000,
        "万元",
        {"subject": "星河新能源科技有限公司", "indicator": "投资"},
    ),
    (
        "a city written before its district qualifies it: the article is the district's",
        "湖州市吴兴区创新推出链长制招商\n今年,签约重点项目30个。",
        30,
        "个",
        {"subject": "吴兴区", "indicator": "签约重点项目"},
    ),
    (
        "全县 after an autonomous county named by its short form and 县: the county's",
        "景宁县着力完善产业链链长制。一季度,全县实现地区生产总值15.85亿元。",
        15.85,
        "亿元",
        {"subject": "景宁县", "indicator": "地区生产总值"},
    ),
    (
        "a name and a colon open a bulleted line: the name's figures",
        CITY + "- 星河新能源汽车动力电池项目:首期投资10亿元,第一年产能可达2GWh。",
        10,
        "亿元",
        {"subject": "星河新能源汽车动力电池项目", "indicator": "投资"},
    ),
    (
        "a figure of the firm named after it and 的",
        CITY + "年产值超10亿元的星河新能源科技有限公司今年再扩产。",
        10,
        "亿元",
        {"subject": "星河新能源科技有限公司", "indicator": "年产值"},
    ),
    (
        "... a capacity, the product before the 的",
        CITY + "年产2GWh锂离子电芯的星河新能源科技有限公司租用厂房。",
        2,
        "GWh",
        {"subject": "星河新能源科技有限公司", "indicator": "锂离子电芯产能"},
    ),
    (
        "a scene in a town written after its county: the county's figure",
        CITY + "在湄潭县永兴镇的茶园里,茶青合格率达98.5%。",
        98.5,
        "%",
        {"subject": "湄潭县"},
    ),
    (
        "... but a town opening the clause is its subject",
        CITY + "湄潭县永兴镇茶园面积达3.2万亩。",
        3.2,
        "万亩",
        {"subject": "永兴镇"},
    ),
    (
        "a county written after its city: the county's figure",
        CITY + "遵义市湄潭县茶园面积达60万亩。",
        60,
        "万亩",
        {"subject": "湄潭县"},
    ),
    (
        "面积为N的+a park: the park's area",
        CITY + "遵义市正在建设一个面积为2平方公里的蓝湾新材料产业园。",
        2,
        "平方公里",
        {"indicator": "面积", "subject": "蓝湾新材料产业园"},
    ),
    (
        "a firm that stands first by a measure is its subject, not part of the indicator",
        CITY + "全市共有规上工业企业120家。星河集团产值最高,达到50亿元。",
        50,
        "亿元",
        {"indicator": "产值", "subject": "星河集团"},
    ),
    (
        "a paragraph opening with 其中 goes on with the one before",
        CITY + "蓝湾经开区是全市工业的主阵地。园区规上工业产值210亿元。\n\n"
        "其中,新材料产业实现产值86亿元。",
        86,
        "亿元",
        {"indicator": "新材料产业产值", "subject": "蓝湾经开区"},
    ),
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
        "全市 is the city of a title that names its industry (天水市农业 is no firm)",
        "# 天水市农业\n\n全市苹果种植面积达到160万亩,年产量210万吨。",
        160,
        "万亩",
        {"subject": "天水市", "indicator": "苹果种植面积"},
    ),
    (
        "a numbered heading (1.某产业园简介) opens a section about what it names",
        "临川工业园区\n\n1.东岭城乡统筹产业园简介\n\n东岭城乡统筹产业园2012年规划设计。\n\n"
        "建设完成生活区住宅楼16栋。\n\n2.临川农畜产品开发区简介\n\n"
        "临川农畜产品开发区原名临川产业园。临川农畜产品开发区规划面积8平方公里。"
        "临川农畜产品开发区入驻企业12家。",
        16,
        "栋",
        {"subject": "东岭城乡统筹产业园"},
    ),
    (
        "园区 in the paragraph after a park's own is that park, not the article's main one",
        "# 临川工业园区\n\n1.东岭城乡统筹产业园简介\n\n东岭城乡统筹产业园2012年规划设计。\n\n"
        "2018年以来,园区肉牛存栏达到5000多头。\n\n2.临川农畜产品开发区简介\n\n"
        "临川农畜产品开发区原名临川产业园。临川农畜产品开发区规划面积8平方公里。",
        5000,
        "头",
        {"subject": "东岭城乡统筹产业园"},
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
        "a short description with 的 before the firm that opens the clause (在建的某公司)",
        "在建的星河新材料有限公司年产40万吨预焙阳极碳素,不仅立足自用。",
        40,
        "万吨",
        {"indicator": "预焙阳极碳素产能", "subject": "星河新材料有限公司"},
    ),
    (
        "a description of the firm with 的 and its kind (本地的龙头企业某公司)",
        "本地的龙头企业星河新材料有限公司计划投资5亿元。",
        5,
        "亿元",
        {"indicator": "投资", "subject": "星河新材料有限公司", "qualifier": "计划"},
    ),
    (
        "a place in the page's navigation is not the article's own place; a long headline is",
        "当前位置:首页\n> 安顺资讯 > 信息公开\n"
        "市委书记在全市重点产业链高质量发展座谈会上强调:"
        "强化链式思维抓产业 为遵义迈入千亿级行列提供支撑\n"
        "浏览量: 时间:2023-03-16 来源: 市委办\n"
        "会议指出,全市16条重点产业链坚持边打基础边起步。",
        16,
        "条",
        {"indicator": "重点产业链数", "subject": "遵义"},
    ),
    (
        "places in 以A、B为主要区域的… are a modifier, neither subject nor topic",
        "截至10月底,以榕江、从江为主要区域的百香果种植面积8.17万亩。",
        8.17,
        "万亩",
        {"indicator": "百香果种植面积", "subject": None},
    ),
    (
        "全州 is the whole prefecture, not a county of that name",
        "全州规上工业增加值增长8%。",
        8,
        "%",
        {"indicator": "规上工业增加值增长", "subject": None},
    ),
    (
        "the place of a dateline is where the news was filed from, not what 全市 stands for",
        "新华网贵州3月5日电(记者 王明)“全市已建成12个产业园区。”"
        "遵义市副市长李华介绍了遵义的发展成效。",
        12,
        "个",
        {"indicator": "产业园区数", "subject": "遵义市"},
    ),
    (
        "... but what 全省 stands for when the text names no other province",
        "新华网贵州3月5日电 全省规上工业增加值增长8%。",
        8,
        "%",
        {"indicator": "规上工业增加值增长", "subject": "贵州"},
    ),
    (
        "该企业 after a verb that makes it act (推动该企业…) is the firm named before",
        "园区支持星河新材料有限公司建成全产业链,推动该企业年营收突破22亿元。",
        22,
        "亿元",
        {"indicator": "营收", "subject": "星河新材料有限公司"},
    ),
    (
        "each amount of a list of projects is the project named after it",
        "重点实施总投资12亿元的岚川棒材项目、总投资8亿元的星河再生铝项目等一批项目。",
        8,
        "亿元",
        {"indicator": "总投资", "subject": "星河再生铝项目"},
    ),
    (
        "集团 at a clause's start is the group named before, in an earlier paragraph too",
        "星河汽车集团是一家整车企业。\n\n集团2023年营收达到500亿元。",
        500,
        "亿元",
        {"indicator": "营收", "subject": "星河汽车集团", "year": 2023},
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
    (
        "全省with no province named: not the city the article names",
        CITY + "2023年,全省十大重点产业链累计营收4751.7亿元。",
        4751.7,
        "亿元",
        {"indicator": "营收", "subject": None},
    ),
    (
        "after 全省 with no province named, a figure naming no subject is not the city's",
        CITY + "2024年,全省八大重点产业链营收3120亿元。风电、储能等5条产业链实现两位数增长。",
        5,
        "条",
        {"indicator": "产业链数", "subject": None},
    ),
    (
        "a place opening the next sentence is its subject again",
        CITY + "2024年,全省八大重点产业链营收3120亿元。遵义市新增储能等2条产业链。",
        2,
        "条",
        {"subject": "遵义市"},
    ),
    (
        "投资N的 a firm, then its project: the project's",
        CITY + "总投资1.5亿元的岚州满仓面业有限公司年加工小麦12万吨面粉项目开工。",
        1.5,
        "亿元",
        {"subject": "岚州满仓面业有限公司年加工小麦12万吨面粉项目"},
    ),
    (
        "A与B…开展合作: A's, not the topic before",
        CITY + "岚运汽车带动配套企业40余家。"
        "岚泰集团与华信集团、泓泰能源开展战略合作,预计项目投资规模约60亿元。",
        60,
        "亿元",
        {"subject": "岚泰集团"},
    ),
]


@pytest.mark.parametrize("text, value, unit, expected", cases(CASES))
def test_metric(extract_text, text, value, unit, expected):
    check(extract_text(text), value, unit, expected)


def test_project_word_with_no_project_named_gives_no_subject(extract_text):
    """项目总投资… when no project is named: whose it is is unknown, not the firm before."""
    doc = extract_text("星河农业有限公司是本地企业。项目总投资7亿元,分三期建设。")
    m = metric(doc, 7, "亿元")
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
