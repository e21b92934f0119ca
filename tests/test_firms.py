"""Firms found where the sentence makes them firms (kg.extraction.recognize.firms). Every phrasing
in kg/extraction/rules/phrasings.toml carries its example and the firms it gives; the names are our
own."""

import pytest

from kg.extraction.recognize.firms import _matches, phrasings


def firms(doc) -> set[str]:
    return {m.text for m in doc.mentions if m.type == "Enterprise"}


@pytest.mark.parametrize("phrasing", phrasings(), ids=lambda p: p.name)
def test_phrasing_example(extract_text, phrasing):
    assert phrasing.example and phrasing.expect, "every phrasing needs an example"
    found = firms(extract_text(phrasing.example))
    assert set(phrasing.expect) <= found, sorted(found)


@pytest.mark.parametrize(
    "phrasing", [p for p in phrasings() if p.needs or p.clause], ids=lambda p: p.name
)
def test_phrasing_shortcuts(phrasing):
    """What a phrasing `needs` is written in its pattern; its `clause` words are there too,
    and the shortcuts find what the whole pattern finds in its example."""
    if phrasing.needs is not None:
        assert phrasing.needs.pattern in phrasing.regex.pattern
    assert all(w in phrasing.regex.pattern for w in phrasing.clause)
    for text in phrasing.example.split("。"):
        spans = [m.span("x") for m in _matches(phrasing, text)]
        assert spans == [m.span("x") for m in phrasing.regex.finditer(text)]


FOUND = [
    # (text, firm): list items bounded by separators are read whole
    ("斯宁克、温州照明、海东电力等一批行业龙头企业纷纷落户。", "温州照明"),
    ("斯宁克、粮全其美、紫川食品等一批行业龙头企业纷纷落户。", "粮全其美"),
    ("累计落地企业20家,包括裕同、大胜达等行业龙头企业。", "裕同"),
    ("累计落地企业20家,包括裕同、大胜达等行业龙头企业。", "大胜达"),
    # a 和 that would leave one character alone is a character of the name
    ("以天和磁材为龙头,延伸永磁材料产业链。", "天和磁材"),
    ("以天和新材、韵川强磁为龙头企业,形成稀土永磁材料产业链。", "天和新材"),
    # a brand and a weak industry word (科技, 新材) where a firm acts or is spoken of
    ("今年以来,华信科技订单饱满。", "华信科技"),
    ("记者走进华信科技生产车间,工人们正在忙碌。", "华信科技"),
    ("在宁泰新材的车间里,机器轰鸣。", "宁泰新材"),
    ("据华信科技相关负责人介绍,项目进展顺利。", "华信科技"),
    ("华信科技计划投资20亿元扩建生产线。", "华信科技"),
    ("支持华信科技扩大生产。", "华信科技"),
    # the other party of a signing, when it opens the clause
    ("宁川时代与东岭市签约。", "宁川时代"),
    # a name read rightwards ends before how it acts
    ("电子元器件链主型企业恒远电子成功导入新客户。", "恒远电子"),
    ("链主企业华信科技率先实现突破。", "华信科技"),
    # a preposition jieba glues to a name's first character is no part of it
    ("对华信科技、长信股份等2家企业奖励300万元。", "华信科技"),
    # a legal name whose brand jieba reads as an adverb (鼎新) opening the clause
    ("鼎新科技有限公司今年产值突破百亿元。", "鼎新科技有限公司"),
    ("今年鼎新电池有限公司产值突破百亿元。", "鼎新电池有限公司"),
    ("“链主”企业鼎新电池有限公司今年产值突破百亿元。", "鼎新电池有限公司"),
    # after 链主企业, an ordinary noun and a firm's industry word name a firm
    ("发挥链主企业锦绣纺织的引领作用。", "锦绣纺织"),
    # the last item after a conjunction, in a list of leading firms
    ("全市储能产业链共有链主企业2家,分别是岚泰科技和恒阳电子。", "恒阳电子"),
    # a name before a place and a facility it has there (项目, 基地, 总部)
    ("宁川时代东岭项目上月正式投产。", "宁川时代"),
    ("恒岳电子临川基地正式投产。", "恒岳电子"),
    ("小橙华西区总部完成装修。", "小橙"),
    # items of a firm list that name the firms' facilities: the firm at each one's head
    ("IBX创新中心项目、小橙华西区总部等知名企业已进场施工。", "IBX"),
    ("IBX创新中心项目、小橙华西区总部等知名企业已进场施工。", "小橙"),
    # firms' names standing for their projects: a bare name among them is a firm too
    ("岚丰、恒睿重装、新远望等一批大项目相继开工。", "新远望"),
    # a product the dictionary knows, after a brand at a project's head, is no part of it
    ("推进东川尼龙、美岚弹性体等项目建设。", "美岚"),
    # an item coordinated with a firm the article named before
    ("宁川时代东岭项目上月投产。园区将为云鹏汽车、宁川时代提供配套服务。", "云鹏汽车"),
    # the owners in a list of what each one has, when one of them is a firm the article
    # names (here or later)
    (
        "北川稀土的冶炼产能、天娇清华的抛光粉、瑞泓稀土的金属产能均居前列。以天娇清华为龙头。",
        "瑞泓稀土",
    ),
    # a brand at the head of a project's name, written again alone
    ("兰川锂电池一期项目去年投产。今年兰川新增产值约5亿元。", "兰川"),
    # a firm named by its brand and industry word, then by its brand alone
    ("以岚途汽车为龙头,打造汽车产业链。岚途计划扩大出口。", "岚途"),
    # a brand with no industry word, spoken of as a firm (its 负责人, its 营收)
    ("据岚途相关负责人介绍,项目进展顺利。", "岚途"),
    ("岚途今年营收增长两成。", "岚途"),
    # a list of names glossed in brackets, some separated by commas
    (
        "美国卡森(叉车),德国利华(液压件)、蒂安克伯(轴承),美国阿岚(变速箱)等9家外资巨头在园区设厂。",
        "德国利华",
    ),
    (
        "美国卡森(叉车),德国利华(液压件)、蒂安克伯(轴承),美国阿岚(变速箱)等9家外资巨头在园区设厂。",
        "蒂安克伯",
    ),
    ("记者来到岚泰股份,工人们正在忙碌。", "岚泰股份"),
    # a conjunction after 、 opens an item's name: no list writes 、 before its conjunction
    ("在岚山农业、和翔鸭业、金源电子,工人们正忙碌。", "和翔鸭业"),
    # a verb character between a brand's words (新农|创|科技): half of the brand
    ("市政府与岚投新农创科技有限公司签约。", "岚投新农创科技有限公司"),
    # 以X成为链主: X成 is the firm (以…为链主), in a list of such phrases
    ("培育以岚牧为链主的肉制品加工、以华成为链主的精密铸造等产业。", "华成"),
    # a verb governing a list (涉及) is no part of its first item; a list item's end is fixed
    # by 、, so a word the dictionary barely knows as a verb ends it (岚|达信)
    ("共涉及岚达信、川宇等12家企业。", "岚达信"),
    # a brand and an industry word, then how its business goes (产销两旺): a firm
    ("岚嘉生物产销两旺,成为全国最大的原料药生产企业。", "岚嘉生物"),
    # a set phrase that ends in a noun (再生资源) is part of a name, not a slogan before it
    ("岚川再生资源有限公司今年营收增长。", "岚川再生资源有限公司"),
    # a place, a brand and an industry word, then what it does: a firm, the place in its name
    ("最近,山东岚悦电子自主研发的新产品成功下线。", "山东岚悦电子"),
    # a plant named by what it makes (机械厂) is a firm
    ("岚川红星机械厂今年产值增长。", "岚川红星机械厂"),
    # trades of farming and food after a brand
    ("岚鑫羊业产业化项目完成标准化羊舍主体施工。", "岚鑫羊业"),
    ("岚蒙豆业今年产值增长。", "岚蒙豆业"),
    # a list of firms after 企业包括, an institute among them, each item whole
    ("参加开工的企业包括岚安宝德自动化、岚川市政设计院、岚安威盛电子。", "岚安威盛电子"),
    ("参加开工的企业包括岚安宝德自动化、岚川市政设计院、岚安威盛电子。", "岚安宝德自动化"),
    # a list item says what its firm is before the name: the name is what follows
    ("培育的全国高品质鸡蛋领导者岚迪乐、饲料行业十大时代企业恒大饲料等公司领跑。", "岚迪乐"),
    ("培育的全国高品质鸡蛋领导者岚迪乐、饲料行业十大时代企业恒大饲料等公司领跑。", "恒大饲料"),
]

NOT_FOUND = [
    # the matters a service covers, before 等方面, are no firms; nor is a cluster
    ("在审批、环评、土地、资金等方面为企业提供全方位保障。", "环评"),
    ("岚化市不断提档升级医药园,医药集群入选国家中小企业特色产业集群。", "医药集群"),
    # a verb phrase before a common noun that is a firm's suffix names no firm
    ("经理说:“总共拿出集团公司50%的产量给我们。”", "总共拿出集团公司"),
    # a kind of firm after a word of quantity names none
    ("要激励更多的“链主”企业勇挑大梁、勇担重任。", "勇挑大梁"),
    ("引导一批龙头企业加快转型。", "加快转型"),
    # what a place reached is no investor's name
    ("2022年,遵义市完成能源外工业投资121亿元。", "遵义市完成能源外工业"),
    # a count or a rank is no firm
    ("岚泰集团是全省首家入选的民营企业。", "首家"),
    # how a firm entered a list is no part of it
    ("岚泰集团成功入选省级光伏产业链链主企业名单。", "成功"),
    # a reporter's visit is no part of the firm visited
    ("记者来到岚泰股份,工人们正在忙碌。", "记者来到岚泰股份"),
    # what pulls others along is a firm only when its name is one
    ("在政策的带动下,投资持续增长。", "政策"),
    # what a firm has is no firm
    ("全面发挥龙头企业资源整合能力和产业带动能力。", "资源整合能力"),
    # a verb a negation governs opens no name: (不含某集团)
    ("一季度全市园区(不含岚塔集团)完成工业总产值227.5亿元。", "含岚塔集团"),
    # titles after a list head are people's posts, not a firm's name
    ("链主则由产业龙头企业董事长总经理、各产业协会负责人出任。", "董事长总经理"),
    ("链主由龙头企业负责人、有经验园区管理者担任。", "有经验园区管理者"),
    # a place and a locative before an adverb are no firm (在欧洲之外直接投资建设的)
    ("岚泰公司在欧洲之外直接投资建设的首个回收项目落户岚州。", "欧洲之外直接"),
    ("培育以岚牧为链主的肉制品加工、以华成为链主的精密铸造等产业。", "以华"),
    ("以岚牧为链主的肉制品加工、以华成为链主的精密铸造加快发展。", "肉制品加工"),
    # lists that name kinds of firm by what they make
    ("包括车载控制器、电驱、汽车座椅、底盘、内外饰等企业,实现隔墙供应。", "底盘"),
    ("为排摸汽车、机床等产业龙头企业的零部件需求,举行对接会。", "机床"),
    ("为排摸汽车、机床等产业龙头企业的零部件需求,举行对接会。", "排摸汽车"),
    # kinds of organisation, legal forms and list heads are no firm's name
    ("北大东湖研究院、东湖资源库中心等一批科研机构成功落户科学城。", "科研机构"),
    ("园区已入驻东川广富畜产品有限公司、华阳牛业科技集团有限等2家企业。", "有限"),
    ("聚集华信科技、长信股份等一批龙头企业、上市公司于麾下。", "上市公司"),
    # a park where firms settle is no firm
    ("目前,东岭绿色铝产业园已入驻企业26家。", "东岭绿色铝产业园"),
    # a government is no firm
    ("东岭市政府与华信科技签署协议。", "东岭市政府"),
    # an ordinary word before the industry word is no brand
    ("在智能科技的推动下,产业升级加快。", "智能科技"),
    ("为新能源汽车发展提供保障。", "新能源汽车"),
    # after 龙头企业: a compound of two common nouns, two industries, a generic word
    ("龙头企业产品质量提升。", "产品质量"),
    ("龙头企业汽车电子发展迅速。", "汽车电子"),
    ("链主企业绿色能源发展。", "绿色能源"),
    # an industry's project in a place, a place's, a university's institute: no firm
    ("推进新能源汽车东岭项目建设。", "新能源汽车"),
    ("东岭省临川项目开工。", "东岭省"),
    ("引进东岭大学临川研究院。", "东岭大学"),
    ("新能源汽车项目、光伏项目等企业加快建设。", "新能源汽车"),
    # ...but an industry among them is no firm
    ("华信科技、光伏储能、新远望等一批大项目落地开工。", "光伏储能"),
    # people, common nouns and universities are helped to produce, or make things, too
    ("支持养殖户扩大生产。", "养殖户"),
    ("支持中小微企业扩大生产。", "中小微企业"),
    ("东岭大学研发生产的疫苗上市。", "东岭大学"),
    # an office's, a town's or an industry's 负责人 and 销量
    ("据东岭海关相关负责人介绍,通关加快。", "东岭海关"),
    ("据岚川镇相关负责人介绍,项目进展顺利。", "岚川镇"),
    ("新能源汽车销量增长三成。", "新能源汽车"),
    ("推进东川尼龙、美岚弹性体等项目建设。", "美岚弹性体"),
    # ...but not a dictionary word
    ("以东方汽车为龙头,打造汽车产业链。东方计划扩大出口。", "东方"),
    # ...not a place
    ("以天娇清华为龙头。东岭的铝、天娇清华的抛光粉、临川的铜均居全国前列。", "东岭"),
    # a kind of firm that settles somewhere is no firm
    ("外资企业纷纷落户东岭。", "外资企业"),
    # the buyer a supplier sells to is a firm, an industry is not
    ("东岭精工为新能源汽车配套。", "新能源汽车"),
    ("东岭精工为整车企业配套。", "整车企业"),
    # a list's 等 before the verb that makes its items leaders is no part of the last item
    ("引进了星驰、蓝擎等为代表的“链主”企业。", "蓝擎等"),
    ("星驰、蓝擎等企业成为新能源汽车产业链链主。", "蓝擎等企业"),
    # kinds of firm listed after 企业有… are no firms
    ("全市企业有规上企业、中小企业两类。", "中小企业两类"),
    # an order that lands (订单落地) is no firm that settles
    ("岚车公司传来好消息,1430辆铁路货车订单落地。", "辆铁路货车订单"),
    # a rank (世界第三大…企业) is no count of firms listed before it
    ("作为国内最大、世界第三大铁路货车制造企业,岚车将发挥带动作用。", "国内最大"),
    # the places firms come from are no firms
    ("园区已引进美国、丹麦以及香港等国家和地区的著名企业。", "美国"),
    # kinds of work listed before …设施…项目 are no firms or projects
    ("在道路、供水、绿化等配套基础设施和相关产业项目建设上投入资金。", "道路"),
    # a plant named by what it does (污水处理厂), and what stands beside it, is no firm
    ("污水处理厂、变电所等配套设施齐全。", "污水处理厂"),
    ("污水处理厂、变电所等配套设施齐全。", "变电所"),
    # an idea a whole is led by is no firm
    ("以新发展理念为引领,以中小企业为主体。", "新发展理念"),
    # an industry word before 产业链 names the chain's industry, not a firm's trade
    ("绿色生态农牧产业链方面。", "绿色生态农牧"),
    # a kind of firm (上市公司) and what such firms have (营收) name no firm
    ("岚泰股份作为本县首家上市公司,位列行业上市公司营收前20强。", "本县首家上市公司"),
    ("岚泰股份作为本县首家上市公司,位列行业上市公司营收前20强。", "营收前"),
]


@pytest.mark.parametrize("text, firm", FOUND)
def test_finds(extract_text, text, firm):
    assert firm in firms(extract_text(text))


@pytest.mark.parametrize("text, firm", NOT_FOUND)
def test_does_not_find(extract_text, text, firm):
    assert firm not in firms(extract_text(text))
