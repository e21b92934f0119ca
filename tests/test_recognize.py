"""Mentions found by how a sentence is phrased (kg.extraction.recognize). Cases: (text, class,
mention)."""

import pytest

from kg.extraction.recognize import GENERIC
from kg.extraction.segment import rules

FOUND = [
    # items written alike hold their 及 alike: the last one too (C及新材料 is one item)
    (
        "打造纺机及精深加工、茶叶及精深加工、稀土及新材料等8条标志性重点产业链。",
        "IndustryChain",
        "稀土及新材料",
    ),
    # a rank between an industry and its chain is part of the name as written
    ("会议听取纺机重点产业链情况汇报。", "IndustryChain", "纺机重点产业链"),
    ("会议听取电动车及关键零部件重点产业链情况。", "IndustryChain", "电动车及关键零部件重点产业链"),
    # a list of what the chains are mostly of (以A、B等为主的…产业链), or of a county's reach
    ("推动以纺机装备、智能家居等为主的优势产业链升级。", "IndustryChain", "纺机装备"),
    ("推动以纺机装备、智能家居等为主的优势产业链升级。", "IndustryChain", "智能家居"),
    ("聚焦船舶配件等6条县域重点产业链。", "IndustryChain", "船舶配件"),
    # the place before a party committee's office (市委, 县委) stops before its level
    ("岳阳市委书记李明出席会议。", "Region", "岳阳"),
    ("山西兴县发展煤化工。", "Region", "兴县"),
    # a dash before a firm's name joins it to what it is, no part of the name
    ("引进了全县首家民营上市企业——岚井新材料公司。", "Enterprise", "岚井新材料公司"),
    # a list item may end in a character that ends no name elsewhere (为)
    ("岚泰科技、岳阳大为等企业落户园区。", "Enterprise", "岳阳大为"),
    # a brand of three characters the dictionary does not join, the last a weak one (达)
    ("岚山引进恒盛达集团。", "Enterprise", "恒盛达集团"),
    ("岚泰科技上马年产5万吨电池材料项目。", "Project", "年产5万吨电池材料项目"),
    # a list of firms before 等 and a long description of them (国内头部…企业)
    (
        "在引进岚川国强、恒远安泰科等国内头部光伏支架生产企业入驻开发区的过程中。",
        "Enterprise",
        "恒远安泰科",
    ),
    # a park named after what plans it (规划建设) is named without it
    ("开发区围绕企业需求规划建设光伏支架装备产业园。", "IndustrialPark", "光伏支架装备产业园"),
    # an industry whose name opens with a verb (抽水蓄能)
    ("岚山抽水蓄能电站项目开工。", "Project", "岚山抽水蓄能电站项目"),
    # a park named after a place the dictionary also knows as a verb
    ("遵义经开区入驻企业30家。", "IndustrialPark", "遵义经开区"),
    ("保定长城汽车产业园开工。", "IndustrialPark", "保定长城汽车产业园"),
    ("岚泰商贸今年销售额增长三成。", "Enterprise", "岚泰商贸"),
    ("岚泰科技与恒远电子两家企业成为光伏产业链链主。", "Enterprise", "恒远电子"),
    # a place's industry group is a firm
    ("岚州市文化旅游产业集团成立。", "Enterprise", "岚州市文化旅游产业集团"),
    # the firms listed before 等企业, not what they work on after it
    ("岚满仓农业科技、百川食品等企业分别聚焦鲜食玉米、药膳鸡领域。", "Enterprise", "百川食品"),
    # 如 (such as) after a word of quantity opens the examples, not the first name
    ("集聚了一批如岚翔新材料、恒天光伏等优质企业。", "Enterprise", "岚翔新材料"),
    # a visiting verb is no part of the firm visited
    ("市委书记王强一行莅临岚道新能源科技有限公司调研。", "Enterprise", "岚道新能源科技有限公司"),
    # a name does not open with a verb the dictionary tags otherwise (利用)
    ("利用岚盛热电厂的余热生产纸制品。", "Enterprise", "岚盛热电厂"),
    # a firm's trade may be a verb (造纸, 印刷) at the end of a listed name
    ("带动岚标日用品、岚维克造纸等6家下游企业。", "Enterprise", "岚维克造纸"),
    ("引进岚华印刷等企业。", "Enterprise", "岚华印刷"),
    # a name written in Latin letters in brackets inside a legal name
    ("岚泰(LANTAI)新能源科技有限公司已投产。", "Enterprise", "岚泰(LANTAI)新能源科技有限公司"),
    # zones of other kinds that host industry
    ("岚山综合保税区进出口额增长30%。", "IndustrialPark", "岚山综合保税区"),
    ("岚山工业集中区新开工项目8个。", "IndustrialPark", "岚山工业集中区"),
    ("岚州自贸片区新增企业500家。", "IndustrialPark", "岚州自贸片区"),
    ("岚山农业科技园区入驻企业20家。", "IndustrialPark", "岚山农业科技园区"),
    # an official named after a title, then where they go (多次到, 深入)
    ("副市长王强多次到企业调研。", "Person", "王强"),
    ("副市长王强深入园区调研。", "Person", "王强"),
    ("王恒宁副市长到恒泰科技调研。", "Person", "王恒宁"),
    ("王恒宁(副市长)任光伏产业链链长。", "Person", "王恒宁"),
    # a name of two characters before 兼任/担任 a 链长's post; names listed before it take it too;
    # a name opening the clause after 作为…链长
    ("岳岚兼任光伏产业链链长。", "Person", "岳岚"),
    ("由岳岚、程一帆担任储能产业链链长。", "Person", "岳岚"),
    ("储能产业链实行“双链长”制,由岳岚、程恒担任链长。", "Person", "岳岚"),
    ("作为光伏产业链链长,程一帆多次到企业调研。", "Person", "程一帆"),
    ("作为光伏产业链链长,岳岚多次到企业调研。", "Person", "岳岚"),
    # the level of a city is part of the office (地级市市长)
    ("由地级市市长担任光伏产业链链长。", "ChainLeaderRole", "地级市市长"),
    # a name after a title, then 的 and what the person has
    ("岚州市委书记岳岚的新身份是:光伏产业链链长。", "Person", "岳岚"),
    # a firm given as an example, whole before 为例, whatever words it is made of
    (
        "以本市新能源产业链“链主”企业岚川特来电为例,总部接待了30个考察团。",
        "Enterprise",
        "岚川特来电",
    ),
    ("参展企业中,除岚川重工、恒远重科等本土龙头企业外,还有7家外企。", "Enterprise", "岚川重工"),
    # the part a body plays (链主单位, 牵头单位) is no part of its name
    ("光伏产业链链主单位岚川集团今年产值增长。", "Enterprise", "岚川集团"),
    ("牵头单位恒远股份负责组织实施。", "Enterprise", "恒远股份"),
    # "A及B项目" is one project when B alone names nothing in particular
    ("总投资130亿元的岚瑞未来工厂及发动机项目当年签约。", "Project", "岚瑞未来工厂及发动机项目"),
    # suffix-anchored names, read leftwards to the governing verb
    ("延伸碳素产业链,充分释放煤炭产能。", "IndustryChain", "碳素产业链"),
    ("坚持用工业化理念打造农业全产业链。", "IndustryChain", "农业全产业链"),
    (
        "为我省打造水电硅铝一体化的全产业链提供有力支撑。",
        "IndustryChain",
        "水电硅铝一体化的全产业链",
    ),
    ("近日,在云南岚山经济开发区,新项目正式投产。", "IndustrialPark", "云南岚山经济开发区"),
    (
        "加快北衙多金属循环利用百亿元绿色产业园15个重点项目建设。",
        "IndustrialPark",
        "北衙多金属循环利用百亿元绿色产业园",
    ),
    ("2022年6月兰钧锂电池一期项目通线投产。", "Project", "兰钧锂电池一期项目"),
    ("总投资20.47亿元的屋顶分布式光伏开发项目相继开工。", "Project", "屋顶分布式光伏开发项目"),
    ("湖北三环锻造有限公司投资建设的汽车零部件项目开工。", "Enterprise", "湖北三环锻造有限公司"),
    (
        "出台《关于加快工业高质量跨越式发展的意见》。",
        "Policy",
        "关于加快工业高质量跨越式发展的意见",
    ),
    ("紧扣省委“3815”战略目标,持续推进“六大战略”。", "Strategy", "“3815”战略目标"),
    ("紧扣省委“3815”战略目标,持续推进“六大战略”。", "Strategy", "六大战略"),
    # coordinated lists that share one suffix
    ("光伏、风电装备、特钢材料等8条产业链实现增长。", "IndustryChain", "风电装备"),
    # a numbered item opens with its chain: "1." is no measure
    ("1.海工装备产业链。链长:副市长程一帆。", "IndustryChain", "海工装备产业链"),
    # one item before 等 is a list all the same
    ("临溪县聚焦海工装备等重点产业链。", "IndustryChain", "海工装备"),
    ("我省推动风电装备等8个产业链加快发展。", "IndustryChain", "风电装备"),
    ("精绘新材料及汽车零部件产业链树状图。", "IndustryChain", "新材料"),
    ("精绘新材料及汽车零部件产业链树状图。", "IndustryChain", "汽车零部件产业链"),
    (
        "构建绿色能源、绿色硅铝、磷化工及新材料3个千亿级产业集群。",
        "IndustryCluster",
        "磷化工及新材料",
    ),
    # firms without a suffix, where the sentence makes them firms
    ("以云铝海鑫为龙头,绿色铝产业链链长工作取得新成效。", "Enterprise", "云铝海鑫"),
    ("与云天化集团、杜氏集团、上海友升等企业成功签约。", "Enterprise", "上海友升"),
    ("参会单位就天蜀玻纤、新康意等13家重点企业现状逐个分析。", "Enterprise", "新康意"),
    ("1-3月,日善和立讯2家龙头企业新增产值超58亿元。", "Enterprise", "立讯"),
    ("江西立讯智造副总经理常红告诉记者。", "Enterprise", "江西立讯智造"),
    ("力促奥士康PCB板、伟创力高端PCB等一批10亿元以上项目实现突破。", "Enterprise", "奥士康"),
    ("力促奥士康PCB板、伟创力高端PCB等一批10亿元以上项目实现突破。", "Project", "奥士康PCB板"),
    # a site named by a park's kind in a list of projects is one, whatever words open it
    ("恒岳软件园、平和大健康产业园等百亿级项目开工建设。", "Project", "平和大健康产业园"),
    # where most items of a list name projects, the others are projects too
    (
        "岚州先后迎来岚川巨石新能源、恒心立业动力电池、恒拓汽车座椅等项目。",
        "Project",
        "恒心立业动力电池",
    ),
    ("华新水泥、昆钢嘉华创建为省级绿色工厂。", "Enterprise", "华新水泥"),
    ("新能源汽车产业链的龙头企业有比亚迪、吉利。", "Enterprise", "吉利"),
    # items coordinated with a firm are firms
    ("比亚迪股份有限公司、岚川时代、国轩高科纷纷加大投资。", "Enterprise", "国轩高科"),
    ("比亚迪股份有限公司、岚川时代、国轩高科纷纷加大投资。", "Enterprise", "岚川时代"),
    # what settles somewhere, or acts as 链主, is a firm
    ("富乐华落地内江后,已有数十家配套企业表达了合作意向。", "Enterprise", "富乐华"),
    ("作为“链主”企业,卡诺普正带动产业串珠成链。", "Enterprise", "卡诺普"),
    # people and roles around the chain-leader system
    ("县委常委、新材料产业链链长冯怀玉主持召开会议。", "Person", "冯怀玉"),
    ("由市级领导担任产业链链长。", "ChainLeaderRole", "市级领导"),
    ("鲁甸县龙头山镇花椒种植面积增加。", "Region", "龙头山镇"),
    # phrasings from other provinces' news (paraphrased, with names of our own)
    ("依托双创产业园、食品产业园等平台发展。", "IndustrialPark", "双创产业园"),
    (
        "又有创岳玻璃年产60万平方米钢化玻璃加工项目等。",
        "Project",
        "创岳玻璃年产60万平方米钢化玻璃加工项目",
    ),
    ("柑橘(小水果)产业链方面,招引种苗培育项目。", "IndustryChain", "柑橘(小水果)产业链"),
    (
        "调整后的5条产业链是:白茶、能源、精细化工、装备制造(含机器人)、数字经济。",
        "IndustryChain",
        "装备制造",
    ),
    ("围绕南岭镁业项目,引进配套企业。", "Enterprise", "南岭镁业"),
    ("铜铝及其制品产业链新签约项目5个。", "IndustryChain", "铜铝及其制品产业链"),
    (
        "主要有精密轴承及其核心部件产业化基地项目。",
        "Project",
        "精密轴承及其核心部件产业化基地项目",
    ),
    ("吸引华川集团投资30亿元建设智能家电项目。", "Project", "智能家电项目"),
    (
        "岳禾智能装备股份有限公司是一家高新技术企业。岳禾智能的上下游聚集了5家企业。",
        "Enterprise",
        "岳禾智能",
    ),
    # a stated capacity opens a project's name, verbs after it included
    ("年产10万吨芯片封装测试项目开工建设。", "Project", "年产10万吨芯片封装测试项目"),
    # a verb naming an industry's work stays inside a name (industries.toml process_verbs)
    ("今年开工建设的不锈钢冷轧项目总投资13亿元。", "Project", "不锈钢冷轧项目"),
    # a capacity by the day, with its verb, opens the name as one by the year does
    ("岚溪乳业日处理1200吨乳品加工厂项目开工。", "Project", "岚溪乳业日处理1200吨乳品加工厂项目"),
    ("鼎信生物年产5万吨牵引系统项目正式投产。", "Project", "鼎信生物年产5万吨牵引系统项目"),
    # a dictionary word that opens with a generic one (工业) is a name
    ("全市重点项目工业硅项目开工建设。", "Project", "工业硅项目"),
    # a firm's chain project is one project
    ("华友钴业新能源材料产业链项目开工。", "Project", "华友钴业新能源材料产业链项目"),
    ("合盛硅业绿色硅全产业链项目投产。", "Project", "合盛硅业绿色硅全产业链项目"),
    # two-character brands whose second character is also a common verb (达, 创, 强)
    ("以远景科技、立达科技为龙头,食品加工产业链加快发展。", "Enterprise", "立达科技"),
    ("纺织服装产业链以鑫达铝业为龙头,集聚上下游企业。", "Enterprise", "鑫达铝业"),
    ("集成电路产业链链主企业盛达锂电新增产能11万吨。", "Enterprise", "盛达锂电"),
    ("与三一重工、中联重科等企业签约。", "Enterprise", "三一重工"),
    ("这一政策使华润电力成为链主企业。", "Enterprise", "华润电力"),
    # a firm named after the kind of firm it is
    ("湖南知名民企三一重工在链长协调下引入供应商。", "Enterprise", "三一重工"),
    ("央企中国建材在当地投资建设水泥项目。", "Enterprise", "中国建材"),
    # a brand and a weak industry word acting, a time word between ("X今年产值…")
    ("恒泰科技今年产值增长两成。", "Enterprise", "恒泰科技"),
    # the brand before a project's capacity makes what it states: a firm
    ("恒泰科技年产10万吨正极材料项目开工。", "Enterprise", "恒泰科技"),
    # a brand opening a project's name: with a size after it, or one the dictionary knows by
    # name (a place before it opens the project's name, not the firm's)
    ("恒岚25GW单晶拉棒项目开工。", "Enterprise", "恒岚"),
    ("江州蒙牛乳品加工项目开工。", "Enterprise", "蒙牛"),
    ("总投资20亿元的娃哈哈饮料生产基地项目签约。", "Enterprise", "娃哈哈"),
    ("恒泰乳业、岚川食品成功入选。", "Enterprise", "岚川食品"),
    # a list of projects whose tail lists qualities before 的; a brand at an item's head
    (
        "岚友高档羊绒面料、宏岚公司羊绒精纺等一大批投资强度大、拉动力强的项目相继落地。",
        "Project",
        "岚友高档羊绒面料",
    ),
    (
        "岚友高档羊绒面料、宏岚公司羊绒精纺等一大批投资强度大、拉动力强的项目相继落地。",
        "Enterprise",
        "岚友",
    ),
    # a project of an industry and what goes with it (及配套产业) is one project
    ("岚川低空飞行器制造及配套产业项目开工。", "Project", "岚川低空飞行器制造及配套产业项目"),
    ("以岚川羊绒为龙头,打造服装产业集群。", "Enterprise", "岚川羊绒"),
    ("岚途股份、恒宇电子分别担任锂电、光伏产业链链主。", "Enterprise", "恒宇电子"),
    # a brand and a weak industry word before 的 and how much of a product it makes
    ("恒泰钛业的钛白粉产能亚洲第一,岚川化工的磷酸一铵产能世界第一。", "Enterprise", "岚川化工"),
    # a brand and a weak industry word, then a time of more than one word and what firms have
    ("恒川电子前三季度产值增长两成。", "Enterprise", "恒川电子"),
    ("恒川电子1-9月营收增长两成。", "Enterprise", "恒川电子"),
    # a firm listed before 等 and honours it shares (国家及省级…企业 is no list of countries)
    ("全市涌现出岚鑫电瓷等国家及省级专精特新“小巨人”企业22家。", "Enterprise", "岚鑫电瓷"),
    ("临河市发展改革委、临河市经开区管委会、岚川集团分别汇报了工作。", "Enterprise", "岚川集团"),
    # a brand and an industry word joined by 与 to a firm
    ("华岳电子与恒泰科技共同投资建设智能制造产业园。", "Enterprise", "华岳电子"),
    # verbs that govern a park or a project are no part of its name; the builder is a firm
    ("华岳电子与恒泰科技共同投资建设智能制造产业园。", "IndustrialPark", "智能制造产业园"),
    ("恒泰科技投资建设智能制造项目。", "Enterprise", "恒泰科技"),
    ("恒泰科技投资建设智能制造项目。", "Project", "智能制造项目"),
    # a verb that is part of a park's name (城乡统筹)
    ("临川县东岭城乡统筹产业园2012年规划设计。", "IndustrialPark", "临川县东岭城乡统筹产业园"),
    # a title, a visiting verb or 其中 never opens a firm's name, however jieba cut it
    ("副市长周海波带队走访华岳集团。", "Enterprise", "华岳集团"),
    ("其中华岳集团为光伏产业链链主。", "Enterprise", "华岳集团"),
    # a count after a listed firm ends its name
    ("恒泰科技、华岳集团两家链主企业今年产值增长两成。", "Enterprise", "华岳集团"),
    ("以恒泰科技、华岳集团两家链主企业为引领,打造新能源产业链。", "Enterprise", "华岳集团"),
    # 产业链 and 链主 sharing one 链
    ("智能家电产业链主企业恒泰科技新建生产线。", "Enterprise", "恒泰科技"),
    # an appositive, and 这家 after the firm
    ("恒泰科技,临川市智能家电产业链链主企业,去年营收增长两成。", "Enterprise", "恒泰科技"),
    ("恒泰科技这家链主企业已带动上下游企业40余家落户。", "Enterprise", "恒泰科技"),
    # people listed after one title, and a name before its title
    ("由副市长周海波、王晓蕾分别担任光伏产业链、智能家电产业链链长。", "Person", "王晓蕾"),
    ("李卫东市长主持会议。", "Person", "李卫东"),
    # a capacity opens a project's name, a four-digit count and any unit of product included
    ("其年产5000万支疫苗项目落户园区。", "Project", "年产5000万支疫苗项目"),
    ("年产30万头生猪屠宰加工项目开工建设。", "Project", "年产30万头生猪屠宰加工项目"),
    # a name jieba cuts whole after a title, whatever word follows it
    ("市长陈立新亲自挂帅。", "Person", "陈立新"),
    ("副市长刘振华定期召开会议。", "Person", "刘振华"),
    # a rank or a reach before a chain qualifies it: not part of its name
    ("恒泰科技入选省级智能家电产业链链主企业名单。", "IndustryChain", "智能家电产业链"),
    ("恒泰科技成为临川市首批智能家电产业链链主企业之一。", "IndustryChain", "智能家电产业链"),
    # the kind of chains counted after the list (制造业, 优势特色)
    ("全市重点培育智能家电等12条制造业产业链。", "IndustryChain", "智能家电"),
    ("做强光伏、新材料等5条优势特色产业链。", "IndustryChain", "新材料"),
    # an item the industry grammar keeps whole is not split at its joiner to meet the count
    (
        "我省选取储能与氢能、工业软件、智能家电、新材料等8条制造业产业链。",
        "IndustryChain",
        "储能与氢能",
    ),
    # one item before 等, joined by 与: one name when the grammar reads it whole; two when the
    # count says so
    ("推动储能与氢能等8个新兴特色产业链强劲起舞。", "IndustryChain", "储能与氢能"),
    ("推动光伏和风电等2条产业链发展。", "IndustryChain", "风电"),
    # guards of the cases in NOT_FOUND that keep real names: a listed firm after what the place
    # has, a firm's 厂 before a word, a project followed by 优先
    ("东岭汽车产业链上已有恒远电子等相关企业。", "Enterprise", "恒远电子"),
    ("岚川水泥厂厂长介绍情况。", "Enterprise", "岚川水泥厂"),
    ("恒远锂电池项目优先保障用地。", "Project", "恒远锂电池项目"),
    # a brand and an industry word of a firm's trade (磁材, 种业, 线缆, 微电子, 服饰…)
    ("岚泽磁材今年产值增长20%。", "Enterprise", "岚泽磁材"),
    ("岚泽种业今年产值增长20%。", "Enterprise", "岚泽种业"),
    ("岚泽线缆今年产值增长20%。", "Enterprise", "岚泽线缆"),
    ("岚泽微电子今年产值增长20%。", "Enterprise", "岚泽微电子"),
    ("岚泽服饰今年产值增长20%。", "Enterprise", "岚泽服饰"),
    # what a material is made from (再生, recycled) stands inside a project's name
    ("实施岚川再生铝项目。", "Project", "岚川再生铝项目"),
    ("“链主”企业岚泰科技正带动光伏产业链上下游企业集聚发展。", "Enterprise", "岚泰科技"),
    ("华川重工、岚泰科技、恒远股份等3家企业入选省级链主企业。", "Enterprise", "岚泰科技"),
    # a party's role in a deal is no part of the name after it
    ("投资方岚川集团计划投资10亿元。", "Enterprise", "岚川集团"),
    # one item before 等N家企业 that starts with an industry word but is no kind (航海新帆)
    ("首批认定航海新帆等100家企业为重点产业链链主企业。", "Enterprise", "航海新帆"),
    ("龙头企业华正新材将建设新产线。", "Enterprise", "华正新材"),
    ("聚集了恒伟新材料、格瑞特、百思特等企业。", "Enterprise", "百思特"),
    ("聚集以恒伟新材料、汇成新材料、格瑞特等企业为代表的产业。", "Enterprise", "汇成新材料"),
    ("以恒伟新材料、格瑞特等企业为代表的新能源材料产业。", "Enterprise", "格瑞特"),
    ("以恒伟科技为代表的新能源汽车产业快速发展。", "Enterprise", "恒伟科技"),
    # a brand the dictionary knows as a common noun, before an industry word, is still a brand
    ("以甲乙科技为代表的新能源产业快速发展。", "Enterprise", "甲乙科技"),
    ("签约恒能回收、10亿元的金晖锂电池电解液等5个项目。", "Project", "金晖锂电池电解液"),
    # a list of chains starts after what says so (分别为)
    ("华岳集团、恒泰科技分别为光伏、智能家电产业链链主企业。", "IndustryChain", "光伏"),
    # a count of chains, then what they are, before 产业链: the items listed are chains
    ("布局了精密铸造、煤机装备等3条百亿级营收规模的产业链。", "IndustryChain", "精密铸造"),
    ("重点打造纺织服装、新型建材等5条具有比较优势的产业链。", "IndustryChain", "新型建材"),
    # the chains listed after a count of them and a dash, or 即
    ("优化调整为五大重点产业链——精密铸造、绿色食品、现代物流。", "IndustryChain", "绿色食品"),
    ("确定了3条重点产业链,即精密铸造、绿色食品、现代物流。", "IndustryChain", "现代物流"),
    # 暨 (and, joining two events) opens no project's name
    ("举行重点项目集中开工暨岚能新能源生产基地项目开工仪式。", "Project", "岚能新能源生产基地项目"),
    # long items of a list of projects, a number with a decimal point in one; the brand at
    # its head stops before the generation (第8.6代)
    (
        "总投资100亿元的岚氏技术年产10万吨三元前驱体、总投资150亿元的岚宝高科第8.6代新型显示器件"
        "等在谈项目推进签约。",
        "Project",
        "岚宝高科第8.6代新型显示器件",
    ),
    (
        "总投资100亿元的岚氏技术年产10万吨三元前驱体、总投资150亿元的岚宝高科第8.6代新型显示器件"
        "等在谈项目推进签约。",
        "Enterprise",
        "岚宝高科",
    ),
    # 农牧 (farming and herding) is an industry
    ("绿色生态农牧产业链方面。", "IndustryChain", "绿色生态农牧产业链"),
    # quotes bound a project's name, verbs and all
    (
        "正在推进的“岚川多芯片封装扩大规模项目”,计划年新增封测能力。",
        "Project",
        "岚川多芯片封装扩大规模项目",
    ),
    # two products joined by 及 inside a project's long name
    (
        "岚能新能源5GW高效异质结电池及组件生产基地项目开工。",
        "Project",
        "岚能新能源5GW高效异质结电池及组件生产基地项目",
    ),
    # where the firms are (辖区内, cut 辖区|内恒勤 by jieba) is no part of the first's name; a
    # brand of two characters ending in 旗 is no place (the places with one-character names
    # before their suffix are in the gazetteer)
    ("已成为辖区内恒勤、岚旗、美晨等电子龙头企业的供货商。", "Enterprise", "恒勤"),
    ("已成为辖区内恒勤、岚旗、美晨等电子龙头企业的供货商。", "Enterprise", "岚旗"),
    # a coordinated list of firms ends at its 等, before what they are
    ("岚州吸引岚川化工、金拓锂电、安徽恒星等新能源电池龙头企业落户。", "Enterprise", "安徽恒星"),
    # projects listed after their head, up to 等 (签约项目包括A、B等)
    ("签约项目包括岚讯智慧产业总部、恒泓华东研发生产基地等。", "Project", "恒泓华东研发生产基地"),
    # a chain the grammar does not read, named in a list of posts before its leader's
    ("县委常委、轻工制刷产业链链长张明远出席。", "IndustryChain", "轻工制刷产业链"),
    # the industries a list names as a place's: after 等, a count or a qualifier (主导, 首位)
    ("岚溪县紧紧围绕竹木加工、高端纸品、特色茶饮等产业,实施延链补链。", "Industry", "高端纸品"),
    ("园区紧盯氢能装备首位产业,聚焦精密铸造、功能食品两大主导产业。", "Industry", "氢能装备"),
    ("园区紧盯氢能装备首位产业,聚焦精密铸造、功能食品两大主导产业。", "Industry", "精密铸造"),
    # ... an item the grammar does not read, when the count vouches for it
    ("岚山县已形成了茶叶、竹笋、蜂蜜、山泉水四大主导产业。", "Industry", "山泉水"),
    # ... or when it stands between items the grammar reads
    ("围绕钢材、锆英、精密铸造等重点产业补短板。", "Industry", "锆英"),
    # ... with no tail, three items the grammar reads
    ("岚溪开发区主导产业为智能家居、医疗器械、现代物流产业。", "Industry", "医疗器械"),
    # ... and a count with what the industries are, before a qualifier
    ("我省选取氢能、储能、低空经济等3个基础好、前景广的新兴产业。", "Industry", "低空经济"),
    # ... a kind of industry after 等 ("等轻工产业"), or the place's leading ones after 为
    ("岚溪园已成为发展电子信息、纺织服装等轻工产业的集聚地。", "Industry", "纺织服装"),
    # trades and sectors listed before 等行业 or a count and 板块 are industries (not without a
    # list tail, and not items the industry grammar does not read: 技术创新)
    ("永修县重点发展有机硅、船舶制造、绿色食品等行业。", "Industry", "船舶制造"),
    ("永修县聚焦有机硅、船舶制造、绿色食品三大板块。", "Industry", "绿色食品"),
    # the projects of industries counted: the items are industries
    ("重点发展现代中医药、现代能源装备、岚川文旅创意三大产业项目。", "Industry", "现代能源装备"),
    # the industries a place leads with: 以A产业为支柱, 以A、B产业为主导
    ("岚溪县以有机硅产业为支柱,加快发展。", "Industry", "有机硅"),
    ("全县形成以汽车零部件、精密铸造产业为主导的产业体系。", "Industry", "精密铸造"),
    ("岚山县以茶叶、烟草为主导产业。", "Industry", "烟草"),
    (
        "形成了以汽车制造为支柱,机械装备制造、食品饮料、新材料产业为主导产业的产业体系。",
        "Industry",
        "食品饮料",
    ),
]

NOT_FOUND = [
    # the parks of the places of a level together, the projects of a counted list: no names
    ("推动各州市园区提质增效。", "IndustrialPark", "州市园区"),
    ("其中,岚安集团、中瑞蓝科两大项目总投资8.6亿元。", "Project", "中瑞蓝科两大项目"),
    # a verb governing ranked chains (锻造重点产业链: forging key chains) names no industry
    (
        "介绍了培育特色专业镇、锻造重点产业链和推进开发区建设的成效。",
        "IndustryChain",
        "锻造重点产业链",
    ),
    # ... not firms entered in a list, read as the items of a list of chains
    ("宏远新材、岳川机械两家企业入选产业链链主名单。", "IndustryChain", "岳川机械两家企业入选"),
    ("宏远新材、岳川机械入选首批产业链名单。", "IndustryChain", "岳川机械入选"),
    # ... not kinds of work (重点项目包括道路、供水等基础设施)
    ("重点项目包括道路、供水等基础设施。", "Project", "道路"),
    # ... not a post of the list itself (常务副市长兼产业链链长)
    ("市委常委、常务副市长兼产业链链长李明主持。", "IndustryChain", "常务副市长兼产业链"),
    # the words around a list of firms are no part of its items (the cases in FOUND)
    ("已成为辖区内恒勤、岚旗、美晨等电子龙头企业的供货商。", "Enterprise", "辖区内恒勤"),
    (
        "岚州吸引岚川化工、金拓锂电、安徽恒星等新能源电池龙头企业落户。",
        "Enterprise",
        "安徽恒星等新能源电池",
    ),
    # no industry: a verb before a count (主攻三大产业), the territory an industry is of
    ("主攻三大产业。", "Industry", "主攻"),
    # (what the list's items join in, after 等 and before 的, says nothing of them)
    ("推进链主企业、领军人才、产业基金等融合的产业生态。", "Industry", "领军人才"),
    ("打造县域特色产业。", "Industry", "县域"),
    # ... a word before a qualifier alone (特色), which needs a list of two
    ("岚溪推动区域块状特色产业做大做强。", "Industry", "块状"),
    # ... the leaders of industries (firms, or industries: the words do not say)
    ("吸引恒岚食品、岚谷乳业等产业龙头落户。", "Industry", "岚谷乳业"),
    # ... two items with no tail (发展光伏、储能产业: one industry may share the other's 产业)
    ("岚溪发展光伏、储能产业。", "Industry", "光伏"),
    # an adverb and a verb, which the dictionary may tag as one noun (充分发挥), open no name
    ("岚溪县充分发挥项目带动作用,抓好19个重点项目。", "Project", "岚溪县充分发挥项目"),
    # a name opening a project's name with nothing sure after it, written once: a place or a
    # product as likely as a firm
    ("岚澄文化产业园项目签约。", "Enterprise", "岚澄"),
    # a list's last firm ends before how it went; what a list of 链主 firms is in is no firm
    ("恒泰乳业、岚川食品成功入选。", "Enterprise", "岚川食品成功"),
    # a kind of thing as a leader (a word saying what kind before an industry's words)
    ("以高端羊绒为引领,打造服装产业集群。", "Enterprise", "高端羊绒"),
    # bodies of government and associations of firms are no firms
    (
        "临河市发展改革委、临河市经开区管委会、岚川集团分别汇报了工作。",
        "Enterprise",
        "临河市发展改革委",
    ),
    ("岚川浙商商会与临河县签约。", "Enterprise", "岚川浙商商会"),
    # the bodies that serve chains, listed before 产业链专班, are no chains
    ("市财政局、岚川银行等产业链专班成员单位参加会议。", "IndustryChain", "岚川银行"),
    # kinds of project: by where the money comes from, by how good, counted or compared
    ("新批台资项目占全区新批外资项目的73%。", "Project", "台资项目"),
    ("新批台资项目占全区新批外资项目的73%。", "Project", "外资项目"),
    ("以高质量项目推动产业高质量发展。", "Project", "高质量项目"),
    ("我们狠抓内生项目稳存量。", "Project", "内生项目"),
    ("通过引进一批生物医药和创新型医疗器械项目,形成集聚。", "Project", "创新型医疗器械项目"),
    ("如今,类似高端化工新材料项目已签约26家。", "Project", "高端化工新材料项目"),
    ("还包括新材料领域项目。", "Project", "新材料领域项目"),
    (
        "岚友高档羊绒面料、宏岚公司羊绒精纺等一大批投资强度大、拉动力强的项目相继落地。",
        "Enterprise",
        "岚友高档羊绒面料",
    ),
    ("岚方电气是世界最大的能源装备制造企业集团之一。", "Enterprise", "能源装备制造企业集团"),
    ("岚江陶瓷产业链式发展入选全国特色产业培育案例。", "IndustryChain", "陶瓷产业链"),
    # development zones of a level, ranked: no park of their own
    ("杭州岚杭开发区再登浙江省区(县)国家级开发区榜首。", "IndustrialPark", "区(县)国家级开发区"),
    (
        "岚杭开发区再登浙江省区(县)国家级开发区榜首。",
        "IndustrialPark",
        "登浙江省区(县)国家级开发区",
    ),
    ("在省级重点产业链链主企业名单中,恒泰乳业、岚川食品榜上有名。", "Enterprise", "名单中"),
    ("在省级重点产业链链主企业名单中,恒泰乳业、岚川食品榜上有名。", "Enterprise", "企业名单中"),
    # a slogan is no county (产业兴县); moving in ready-made (拎包入驻) names no firm
    ("岚山县坚持产业兴县战略。", "Region", "兴县"),
    ("为企业提供租赁模式拎包入驻。", "Enterprise", "模式拎包"),
    ("在技术创新、人才培养等行业开展合作。", "Industry", "技术创新"),
    # items that open with an industry's word are kinds, even in a list of projects
    ("将导入恒拓物联、岚川5G手机、智能音箱等生产项目。", "Project", "智能音箱"),
    # a common verb names no firm, even in a list
    ("车间完成组装、检测等工序后交付公司。", "Enterprise", "组装"),
    # a note in brackets names no project (在建(含续建)项目); 上马 (to launch) opens no name
    ("全市87个在建(含续建)项目总投资额10亿元。", "Project", "(含续建)项目"),
    ("岚泰科技先后上马四期项目。", "Project", "上马四期项目"),
    # links of a chain listed before it are no chains (A、B等产业链薄弱环节)
    ("加快补齐电解液、隔膜等产业链薄弱环节。", "IndustryChain", "电解液"),
    ("加快补齐电解液、隔膜等产业链薄弱环节。", "IndustryChain", "隔膜"),
    # an ordinal class is no firm (第一类是…企业)
    ("第一类是龙头骨干企业,第二类是高成长企业。", "Enterprise", "第一类"),
    # what a whole includes is no list of its kind (包括A及B在内的C)
    (
        "包括茶叶及食品加工产业在内的岚山“2+3”产业集群正在崛起。",
        "IndustryCluster",
        "食品加工产业在内的岚山",
    ),
    (
        "开发区围绕企业需求规划建设光伏支架装备产业园。",
        "IndustrialPark",
        "规划建设光伏支架装备产业园",
    ),
    # a common word the dictionary tags as a person's name is no brand (智慧)
    ("本次签约项目涉及智慧农业、绿色农业、农产品加工等领域。", "Enterprise", "智慧农业"),
    ("本次签约项目涉及智慧农业、绿色农业、农产品加工等领域。", "Enterprise", "绿色农业"),
    ("发展现代商贸物流。", "Enterprise", "现代商贸"),
    # a count of the firms named is no part of the last one's name
    ("岚泰科技与恒远电子两家企业成为光伏产业链链主。", "Enterprise", "恒远电子两家企业"),
    # what firms belong to opens no chain's name
    ("名单中12家企业分属光伏、储能等重点产业链。", "IndustryChain", "企业分属光伏"),
    ("岚满仓农业科技、百川食品等企业分别聚焦鲜食玉米、药膳鸡领域。", "Enterprise", "药膳鸡领域"),
    (
        "岚满仓农业科技、百川食品等企业分别聚焦鲜食玉米、药膳鸡、食用油领域。",
        "Enterprise",
        "药膳鸡",
    ),
    # an industry's group of firms, with no brand or place, is no firm's name
    ("投资2亿元打造现代化食品产业集团。", "Enterprise", "现代化食品产业集团"),
    ("集聚了一批如岚翔新材料、恒天光伏等优质企业。", "Enterprise", "如岚翔新材料"),
    # an event's name ending in 园区 is no park
    (
        "市光伏产业商会会员大会暨商会进园区活动在岚山开发区举行。",
        "IndustrialPark",
        "市光伏产业商会会员大会暨商会进园区",
    ),
    ("推动新能源企业进园区。", "IndustrialPark", "新能源企业进园区"),
    ("利用岚盛热电厂的余热生产纸制品。", "Enterprise", "利用岚盛热电厂"),
    # things counted in a list before 产业链 are no industries
    (
        "推行一张产业链招商地图、一支专业招商队伍、一个基金“四个一”产业链招商机制。",
        "IndustryChain",
        "一个基金",
    ),
    (
        "推行一张产业链招商地图、一支专业招商队伍、一个基金“四个一”产业链招商机制。",
        "IndustryChain",
        "一支专业招商队伍",
    ),
    # a demonstration area of a policy is no park
    ("打造乡村振兴示范区。", "IndustrialPark", "乡村振兴示范区"),
    ("推进光伏及风电项目建设。", "Project", "光伏及风电项目"),
    # 全市 and a quarter are no part of a park's name: the city's parks together name none
    ("一季度全市工业园区完成工业总产值227.5亿元。", "IndustrialPark", "一季度全市工业园区"),
    ("一季度全市工业园区完成工业总产值227.5亿元。", "IndustrialPark", "全市工业园区"),
    ("本市岚州高新区入驻企业30家。", "IndustrialPark", "本市岚州高新区"),
    # 园区 after a common noun names no park
    ("链主原则上由龙头企业董事长或总经理、有经验园区管理者担任。", "IndustrialPark", "经验园区"),
    # a person, a verb and a firm are not one firm; a bracketed chain is no firm
    ("副市长周海波带队走访华岳集团。", "Enterprise", "副市长周海波带队走访华岳集团"),
    ("链主企业:华岳集团(光伏产业链)、恒泰科技(智能家电产业链)。", "Enterprise", "(光伏产业链)"),
    (
        "由副市长周海波、王晓蕾分别担任光伏产业链、智能家电产业链链长。",
        "IndustryChain",
        "王晓蕾分别担任光伏产业链",
    ),
    ("华岳集团、恒泰科技分别为光伏、智能家电产业链链主企业。", "Enterprise", "恒泰科技分别"),
    # 由 before a listed name is no part of it; 作为链长 before no name
    ("储能产业链实行“双链长”制,由岳岚、程恒担任链长。", "Person", "由岳岚"),
    ("作为链长,全市上下齐心协力。", "Person", "全市"),
    # a function word after a title opens no name (关于)
    ("市委书记强调要深入贯彻总书记关于党的建设的重要思想。", "Person", "关于党"),
    ("光伏产业链链主单位岚川集团今年产值增长。", "Enterprise", "单位岚川集团"),
    # 除 (except) opens no name
    ("参展企业中,除岚川重工、恒远重科等本土龙头企业外,还有7家外企。", "Enterprise", "除岚川重工"),
    # what the firms are (稀缺) is no name; 如 (such as) opens no name
    ("产业链“链主”企业稀缺,如岚川集团等头部企业未布局本市。", "Enterprise", "稀缺"),
    ("引进了如岚川集团、恒远股份等企业。", "Enterprise", "如岚川集团"),
    # a surname-like character before a title opens the title, not a name (和, 由)
    ("由市委书记和市长担任全市产业链总链长。", "Person", "和市长"),
    # a place's full name and an industry word is the place's industry, not a firm
    ("天水市农业发展势头良好。", "Enterprise", "天水市农业"),
    # a title in 《》 that says no kind of document is no policy
    ("《临川日报》报道了临川市的经验。", "Policy", "临川日报"),
    # 先后迎来 never inside a firm's name
    ("临川先后迎来恒泰新能源、华岳动力电池等超20个项目。", "Enterprise", "临川先后迎来恒泰新能源"),
    # a school or a hospital is no firm
    ("位于城东的临川一中今年招生2000人。", "Enterprise", "临川一中"),
    ("临川市人民医院党委书记张华介绍情况。", "Enterprise", "临川市人民医院"),
    # the short name given to a chain is no firm's
    ("临川市智能家电产业链(以下简称“家电链”)加快发展。", "Enterprise", "家电链"),
    # a place that builds a project is no firm
    ("临川市投资建设智能制造项目。", "Enterprise", "临川市"),
    # a place before 市长 is no person
    ("黄石市长表示,要加快发展。", "Person", "黄石"),
    # generic or anaphoric names are not things
    ("围绕重点产业链发展布局。", "IndustryChain", "重点产业链"),
    ("这3条产业链只是一个缩影。", "IndustryChain", "这3条产业链"),
    ("全市6个省级开发区已完成总规批复。", "IndustrialPark", "省级开发区"),
    ("县经开区相关负责同志参会。", "IndustrialPark", "县经开区"),
    ("8个新能源电池材料及配套产业项目加快推进。", "Project", "新能源电池材料及配套产业项目"),
    ("陆续签约二期和三期项目。", "Project", "三期项目"),
    ("推动在谈项目促签约、签约项目促落地。", "Project", "签约项目"),
    ("已引进产业链上下游项目10个。", "Project", "产业链上下游项目"),
    ("谋划推进岚川尼龙、沃森弹性体等产业链项目。", "IndustryChain", "沃森弹性体"),
    ("如今在吉安的子公司已达6家。", "Enterprise", "子公司"),
    ("华新水泥创建为省级绿色工厂。", "Enterprise", "省级绿色工厂"),
    # traps: a town whose name holds 龙头, offices before a chain name
    ("鲁甸县龙头山镇花椒种植面积增加。", "Enterprise", "山镇花椒种植面积"),
    ("县委常委、宣传部部长、新材料产业链链长冯怀玉主持。", "IndustryChain", "宣传部部长"),
    ("提升产业链韧性和黏性。", "IndustryChain", "提升产业链"),
    ("成为青铜峡市第一家产业链“链主”企业。", "IndustryChain", "青铜峡市第一家产业链"),
    ("招引种苗培育、农资农具、水果综合利用等项目。", "Project", "水果综合利用"),
    # a chain's (key) projects are a category, not a project
    ("储能产业链重点项目年产2万吨电池项目开工。", "Project", "储能产业链重点项目"),
    ("以某某公司为龙头,氢能产业链项目稳步推进。", "Project", "氢能产业链项目"),
    # a preposition jieba glued to a name, an official's title before a chain
    ("工程机械产业链以德润化工为龙头。", "Enterprise", "以德润化工"),
    ("市人大常委会副主任、现代中药产业链链长李斌主持。", "IndustryChain", "市人大常委会副主任"),
    ("全市产值达500亿元。", "Enterprise", "产值达"),
    ("培育链主企业名单内企业。", "Enterprise", "名单内"),
    ("外企特斯拉在上海建厂。", "Enterprise", "上海建厂"),
    # categories, counts and verbs around names (other provinces' phrasings, paraphrased)
    ("本次签约的项目涵盖汽车部件、新能源和精密制造等领域。", "Enterprise", "汽车部件"),
    (
        "年产200万套汽车减震器等12个招商项目集中签约。",
        "Project",
        "年产200万套汽车减震器等12个招商项目",
    ),
    ("招引农资农具、中药材智慧种植等项目。", "Enterprise", "农资"),
    ("招引农资农具、中药材智慧种植等项目。", "Project", "中药材智慧种植"),
    ("道路、供水、物流园等配套项目开工。", "Project", "物流园"),
    ("引进关联度强的带动性项目。", "Project", "带动性项目"),
    ("重点引进核心企业、关键项目和高端人才。", "Project", "关键项目"),
    ("全面推行产业链“链长制”。", "IndustryChain", "全面推行产业链"),
    (
        "吸引华川集团投资30亿元建设智能家电项目。",
        "Project",
        "华川集团投资30亿元建设智能家电项目",
    ),
    ("要抓实园区建设,抓实项目落地。", "IndustrialPark", "抓实园区"),
    ("力促一批10亿元以上项目实现突破。", "Project", "以上项目"),
    ("培育形成以花生产业为主导的百亿级产业集群。", "IndustryCluster", "级产业集群"),
    ("集聚了青羽、恒科等材料企业15家、户外休闲用品企业60家。", "Enterprise", "户外"),
    ("作为当地精密模具产业链的链主企业,它带动了配套企业。", "IndustryChain", "当地精密模具产业链"),
    ("《方案》明确了目标。", "Policy", "方案"),
    ("与三家企业集中签约,涉及新材料、生物医药等7条产业链。", "IndustryChain", "涉"),
    ("举行2024年第二次招商引资项目集中签约仪式。", "Project", "第二次招商引资项目"),
    ("推动“龙头企业-产业链-产业集群”贯通发展。", "IndustryChain", "-产业链"),
    ("推动“龙头企业-产业链-产业集群”贯通发展。", "IndustryCluster", "-产业集群"),
    # what a place already has, said before a list: no part of a name; one item of ordinary
    # words before 等相关企业 is a kind of firm
    ("临川电子信息产业链上此前已有精密轴承等相关企业。", "Enterprise", "上此前已有精密轴承"),
    ("临川产业链上已有精密轴承等相关企业。", "Enterprise", "精密轴承"),
    ("引进锂电池材料等5家企业。", "Enterprise", "锂电池材料"),
    # an industry word after an ordinary word names no firm (动力电池, 发展储能)
    ("全市动力电池产量增长。", "Enterprise", "全市动力"),
    ("加快发展储能产业。", "Enterprise", "发展储能"),
    # a one-character suffix inside a word (厂房) ends no name
    ("今年,共梳理盘活闲置厂房楼宇33处。", "Enterprise", "共梳理盘活闲置厂"),
    ("今年,共梳理盘活闲置厂房楼宇33处。", "Enterprise", "盘活闲置厂"),
    # what the leading firms are to something is no name (是…的关键)
    ("有影响力的“链主”企业,是强链延链的关键。", "Enterprise", "强链延链"),
    # a list closed by 等 and a count of firms is no list of chains, though a chain's
    # qualifier (重点产业链) follows
    ("华川重工、岚泰科技、恒远股份等3家企业入选重点产业链链主企业。", "IndustryChain", "岚泰科技"),
    # a one-character adverb before a verb ends a name read rightwards
    ("“链主”企业岚泰科技正带动光伏产业链上下游企业集聚发展。", "Enterprise", "岚泰科技正"),
    # an industry word alone is no firm, though a list item's brand was cut off before it;
    # nor is one kind of thing standing for an industry; nor an agreement signed
    ("以锂电池材料为代表的新能源产业快速发展。", "Enterprise", "锂电池材料"),
    ("与恒钠新能源有限公司举行项目投资合作协议签约仪式。", "Enterprise", "投资合作协议"),
    # jieba's 特等 runs over the list's 等; a list closed by its kind before 为代表的
    ("聚集了恒伟新材料、格瑞特、百思特等企业。", "Enterprise", "百思特等"),
    ("以恒伟新材料、格瑞特等企业为代表的新能源材料产业。", "Enterprise", "格瑞特等企业"),
    # the sum invested before a listed project's name is no part of it
    ("签约恒能回收、10亿元的金晖锂电池电解液等5个项目。", "Project", "10亿元的金晖锂电池电解液"),
    # a list of what projects make, read whole as industry words, names kinds of project
    ("配套发展所需的正负极材料、电解液、隔膜等动力电池组成项目。", "Project", "正负极材料"),
    # the name before a title that opens with 副 stops before it
    ("张华副市长主持会议。", "Person", "张华副"),
    # a slogan about projects (项目为王) names no project
    ("岚山区树牢项目为王、实干为先的理念。", "Project", "岚山区树牢项目"),
    # what a park is said to be (全市唯一…) is no part of its name
    ("成功创建全市唯一省级高新技术开发区。", "IndustrialPark", "唯一省级高新技术开发区"),
    # a kind of park (主题产业园: a park with a theme) is no park's name
    ("主题产业园模式加快推广。", "IndustrialPark", "主题产业园"),
    # where a project is sited (选址) is no part of the park's name
    ("年产5万吨铜箔项目选址岚山高新区。", "IndustrialPark", "选址岚山高新区"),
    # 区 that begins the word 区域 ends no park's name
    ("升级为西部大开发区域战略的多向枢纽。", "IndustrialPark", "西部大开发区"),
    # the chains beside the industrial one (供应链, 创新链) name no industry
    ("我们将不断完善供应链产业链建设。", "IndustryChain", "供应链产业链"),
    ("全面谋划产业链供应链项目。", "Project", "产业链供应链项目"),
    # a county's short name that is a number word (三元) names no place
    ("总投资100亿元的恒远年产10万吨动力电池材料三元前驱体项目。", "Region", "三元"),
    # what a park is praised as or aims to be names no park
    ("并荣获先进开发区称号。", "IndustrialPark", "荣获先进开发区"),
    ("打造年销售收入超千亿元园区。", "IndustrialPark", "千亿元园区"),
    ("高新区创建世界一流科技园区。", "IndustrialPark", "世界一流科技园区"),
    # a kind of firm (专精特新) at the head of a project's name is no firm
    ("既有岚川新材料生产基地、专精特新大孵化器基地等产业项目。", "Enterprise", "专精特新"),
]


@pytest.mark.parametrize("text, cls, mention", FOUND)
def test_finds(extract_text, text, cls, mention):
    doc = extract_text(text)
    found = {(m.type, m.text) for m in doc.mentions if m.rule != GENERIC}
    assert (cls, mention) in found, sorted(found)


@pytest.mark.parametrize("text, cls, mention", NOT_FOUND)
def test_does_not_find(extract_text, text, cls, mention):
    doc = extract_text(text)
    found = {(m.type, m.text) for m in doc.mentions if m.rule != GENERIC}
    assert (cls, mention) not in found


def test_mentions_point_at_their_text(seed_docs):
    for doc in seed_docs:
        for m in doc.mentions:
            assert doc.text[m.start : m.end] == m.text


def test_generic_chain_is_kept_for_relations_but_marked(extract_text):
    doc = extract_text("由市级领导担任产业链链长。")
    assert [m.rule for m in doc.mentions if m.type == "IndustryChain"] == [GENERIC]


def test_a_bare_title_is_the_full_title_before_it(extract_text):
    doc = extract_text("《重点产业链链长制优化调整方案》日前印发。《方案》明确了目标。")
    labels = [m.label for m in doc.mentions if m.type == "Policy"]
    assert labels == ["重点产业链链长制优化调整方案"] * 2


CATEGORIES = [
    # (text, class, span): a count makes a category; a project names something in particular
    (
        "已在全球建成东川、宁波、匈牙利三大一体化化工工业园。",
        "IndustrialPark",
        "匈牙利三大一体化化工工业园",
    ),
    ("今年1-3月,新签约正式合同项目40个,签约正式合同项目占比高。", "Project", "正式合同项目"),
]


@pytest.mark.parametrize("text, cls, mention", CATEGORIES)
def test_categories_name_nothing(extract_text, text, cls, mention):
    found = {m.text for m in extract_text(text).mentions if m.type == cls}
    assert not any(mention.endswith(f) and len(f) > 3 for f in found), sorted(found)


def test_trie_alternation_matches_the_plain_one():
    """`_trie_alt` finds what `_alt` finds (the longest word at each place), for the lexicon's
    word lists written as trees, in text made of their words run together."""
    import random
    import re

    from kg.extraction.recognize.lexicon import _alt, _lex, _trie_alt

    lx = rules()
    lists = [
        lx["person"]["titles"],
        lx["enterprise"]["industry_words"],
        [x for sfx in _lex()["suffixes"].values() for x in sfx],
    ]
    rng = random.Random(16)
    for words in lists:
        plain, tree = re.compile(_alt(words)), re.compile(_trie_alt(words))
        chars = sorted({c for w in words for c in w})
        for _ in range(300):
            text = "".join(rng.choice([rng.choice(words), rng.choice(chars)]) for _ in range(8))
            assert [m.span() for m in tree.finditer(text)] == [
                m.span() for m in plain.finditer(text)
            ], text
