"""Relation frames (kg.extraction.frames): who leads which chain. Every frame and position in
kg/extraction/rules/frames.toml carries its example; the tables here add phrasings, reworded with
names of our own, that must give their pairs, and generic statements that must give nothing.
A pair's object "*" stands for any chain, as in gold files; a generic chain reads as "*"."""

import pytest

from kg.extraction.frames import load_frames
from kg.extraction.segment import rules

FRAMES, POSITIONS, _ = load_frames()
GUARD = rules("frames")["guard"]


def pairs(doc, predicate):
    return {
        (r.subject.text, r.object.label if r.object.rule != "generic" else "*")
        for r in doc.relations
        if r.predicate == predicate
    } | {(r.subject.text, r.object.text) for r in doc.relations if r.predicate == predicate}


def holds(expected, got):
    return all(
        any(s == gs and (o == "*" and go == "*" or o == go) for gs, go in got) for s, o in expected
    )


def test_guard_example(extract_text):
    got = pairs(extract_text(GUARD["example"]), "leadsChain")
    assert sorted(got) == sorted(map(tuple, GUARD["expect"]))


@pytest.mark.parametrize("frame", FRAMES, ids=lambda f: f.name)
def test_frame_example(extract_text, frame):
    got = pairs(extract_text(frame.example), frame.predicate)
    assert holds(frame.expect, got), sorted(got)


@pytest.mark.parametrize("position", POSITIONS, ids=lambda p: p.name)
def test_position_example(extract_text, position):
    predicate = next(f.predicate for f in FRAMES if f.name == position.frames[0])
    got = pairs(extract_text(position.example), predicate)
    assert holds(position.expect, got), sorted(got)


FOUND = [
    # the title given to a firm, no chain named
    ("leadsChain", "岚途股份获“链主企业”称号。", {("岚途股份", "*")}),
    # a list of firms ends before 分别, a list of chains after it: each firm its own chain
    (
        "leadsChain",
        "岚途股份、恒宇电子分别担任锂电产业链、光伏产业链链主。",
        {("岚途股份", "锂电产业链"), ("恒宇电子", "光伏产业链")},
    ),
    # 龙头企业、链主企业 together are one trigger of 链主
    ("leadsChain", "希望恒泰科技继续发挥龙头企业、链主企业引领作用。", {("恒泰科技", "*")}),
    # 该两家: the last two firms named before (a firm before 的 and how much of a product it
    # makes is one)
    (
        "leadsChain",
        "恒泰钛业的钛白粉产能亚洲第一,岚川化工的磷酸一铵产能世界第一。以该两家链主企业领衔,临泉县形成循环经济产业集群。",
        {("恒泰钛业", "*"), ("岚川化工", "*")},
    ),
    # firms made a chain's leaders after a cluster's name (the cluster is no topic here)
    (
        "leadsChain",
        "首批认定岚天新象等100家企业为现代产业集群重点产业链链主企业。",
        {("岚天新象", "*")},
    ),
    # a firm acting in the role of 链主, no chain named
    (
        "leadsChain",
        "宁泰新材更是满负荷生产,以“链主”身份带动上下游30家配套企业。",
        {("宁泰新材", "*")},
    ),
    # a firm called the chain's 领头羊; a chain's leaders qualified (重点, 首批) after the chain
    ("leadsChain", "恒泰科技是锂电产业链的“领头羊”。", {("恒泰科技", "锂电产业链")}),
    ("leadsChain", "恒泰科技被列为全省锂电产业链重点链主企业。", {("恒泰科技", "锂电产业链")}),
    ("leadsChain", "岚驰股份入选储能产业链首批链主企业。", {("岚驰股份", "储能产业链")}),
    # a name before its title, the title in brackets or before 以…身份 / a verb of going
    ("chainLeaderOf", "王恒宁(副市长)任光伏产业链链长。", {("王恒宁", "光伏产业链")}),
    (
        "chainLeaderOf",
        "王恒宁副市长以光伏产业链链长身份到恒泰科技调研。",
        {("王恒宁", "光伏产业链")},
    ),
    # 核心 before 链主 is no trigger of its own (only 以X为核心 is)
    ("leadsChain", "围绕恒泰科技这个核心“链主”企业,吸引上下游企业聚集成群。", {("恒泰科技", "*")}),
    # firms of a list of 链主 firms, the last ending before how it went (成功, 榜上有名)
    (
        "leadsChain",
        "在省级重点产业链链主企业名单中,恒泰乳业、岚川食品榜上有名。",
        {("恒泰乳业", "*"), ("岚川食品", "*")},
    ),
    # 由 before the name is no part of it; 同志 after a name marks a person
    ("chainLeaderOf", "由张华任光伏产业链链长。", {("张华", "光伏产业链")}),
    ("chainLeaderOf", "光伏产业链链长为王建国同志。", {("王建国", "光伏产业链")}),
    # the official named before the title (张华副市长: the name is 张华, the title 副市长),
    # after a 链长 in quotes too
    ("chainLeaderOf", "张华副市长作为光伏产业链链长,主持召开推进会。", {("张华", "光伏产业链")}),
    ("chainLeaderOf", "光伏产业链“链长”张华副市长主持会议。", {("张华", "光伏产业链")}),
    # each firm of a list with the chain it leads in brackets after it (A(Z产业链)、B(W产业链))
    (
        "leadsChain",
        "全县确定链主企业2家:恒川电气(电机产业链)、岳禾股份(纺织产业链)。",
        {("恒川电气", "电机产业链"), ("岳禾股份", "纺织产业链")},
    ),
    (
        "leadsChain",
        "链主企业:恒川电气(电机产业链)、岳禾股份(纺织产业链)。",
        {("恒川电气", "电机产业链"), ("岳禾股份", "纺织产业链")},
    ),
    # 将 before 由, a place before the office (岳阳市委书记: the place 岳阳, the office 市委书记)
    ("chainLeaderOf", "总链长由岳阳市委书记担任。", {("市委书记", "*")}),
    # two offices written with nothing between (县委书记县长): both hold the post
    ("chainLeaderOf", "总链长由县委书记县长担任。", {("县委书记", "*"), ("县长", "*")}),
    # the place's name may be cut by the dictionary into the office's first word (广州市委)
    ("chainLeaderOf", "总链长由广州市委书记市长担任。", {("市委书记", "*"), ("市长", "*")}),
    (
        "chainLeaderOf",
        "总链长将由岳阳市委书记、市长担任。",
        {("市委书记", "*"), ("市长", "*")},
    ),
    # firms of another kind named as leaders, no chain named (N家龙头企业为链主)
    (
        "leadsChain",
        "岚州引来华川矿业、恒泰锂能、岳禾电子3家龙头企业为链主,构建多条产业链。",
        {("华川矿业", "*"), ("恒泰锂能", "*"), ("岳禾电子", "*")},
    ),
    # the chain a paragraph is about (在Z产业链方面,…以X为龙头), not the links it lists after
    (
        "leadsChain",
        "在锂电产业链方面,岚州市以岚泰锂业为龙头,加快补齐电解液、隔膜等产业链薄弱环节。",
        {("岚泰锂业", "锂电产业链")},
    ),
    # a list of short lines under a numbered heading: the heading names the chain of each
    (
        "leadsChain",
        "一、新能源汽车产业链\n链长:市长王强\n链主企业:岚泰汽车、恒远动力\n"
        "二、光伏产业链\n链长:副市长李明\n链主企业:华信光能",
        {
            ("岚泰汽车", "新能源汽车产业链"),
            ("恒远动力", "新能源汽车产业链"),
            ("华信光能", "光伏产业链"),
        },
    ),
    # the place a firm holds in a chain (处于/占据…链主地位)
    ("leadsChain", "在精密模具产业链中,岳禾智能处于链主地位。", {("岳禾智能", "精密模具产业链")}),
    (
        "chainLeaderOf",
        "作为新材料产业链链长,副市长李明多次到企业调研。",
        {("李明", "新材料产业链")},
    ),
    # 领头羊: the leading firm, in a figure of speech
    (
        "leadsChain",
        "岚泰新材是全县铝精深加工产业链的“领头羊”。",
        {("岚泰新材", "铝精深加工产业链")},
    ),
    # people listed with a title each lead together; the titles of one person name one leader
    (
        "chainLeaderOf",
        "铝精深加工产业链由县委书记张伟、县长王建国共同担任链长。",
        {("张伟", "铝精深加工产业链"), ("王建国", "铝精深加工产业链")},
    ),
    # 分别 pairs firms and chains in order; 再生 qualifies a material (再生铝)
    (
        "leadsChain",
        "链主企业岚泰新材、恒远铝业分别牵头铝精深加工、再生铝产业链。",
        {("岚泰新材", "铝精深加工产业链"), ("恒远铝业", "再生铝产业链")},
    ),
    # (predicate, text, pairs it gives)
    # 分别: item by item
    (
        "chainLeaderOf",
        "由副市长周海波、王晓蕾分别担任光伏产业链、智能家电产业链链长。",
        {("周海波", "光伏产业链"), ("王晓蕾", "智能家电产业链")},
    ),
    # a name with no title, said to be the 链长
    ("chainLeaderOf", "周海波是临川市光伏产业链的链长。", {("周海波", "临川市光伏产业链")}),
    # two roles joined by 和
    ("chainLeaderOf", "由市委书记和市长担任全市产业链总链长。", {("市委书记", "*"), ("市长", "*")}),
    # 分别 with the chains first
    (
        "leadsChain",
        "智能家电、光伏产业链链主企业分别为恒泰科技、华岳集团。",
        {("恒泰科技", "智能家电"), ("华岳集团", "光伏产业链")},
    ),
    (
        "chainLeaderOf",
        "光伏产业链和智能家电产业链的链长分别由副市长周海波、王晓蕾担任。",
        {("周海波", "光伏产业链"), ("王晓蕾", "智能家电产业链")},
    ),
    # a role that is a named person's title is not a second leader
    ("chainLeaderOf", "李卫东市长担任临川市光伏产业链链长。", {("李卫东", "临川市光伏产业链")}),
    ("chainLeaderOf", "光伏产业链链长、副市长周海波带队走访华岳集团。", {("周海波", "光伏产业链")}),
    # the chains counted before the trigger, and a chain 链上
    (
        "chainLeaderOf",
        "市长李卫东担任光伏、智能家电两条产业链链长。",
        {("李卫东", "光伏"), ("李卫东", "智能家电")},
    ),
    ("leadsChain", "恒泰科技是智能家电产业链上的链主企业。", {("恒泰科技", "智能家电产业链")}),
    # a bare industry after 以X为链主的, before 产业
    ("leadsChain", "以岚山牧业为链主的肉食品加工产业集聚发展。", {("岚山牧业", "肉食品加工产业")}),
    (
        "leadsChain",
        "以恒泰科技、华岳集团两家链主企业为引领,临川市打造千亿级新能源产业链。",
        {("恒泰科技", "新能源产业链"), ("华岳集团", "新能源产业链")},
    ),
    (
        "leadsChain",
        "新能源和汽车制造产业链是基础最好的产业链,集聚了以东岭汽车、宁川商用车为龙头的4家整车企业。",
        {("东岭汽车", "新能源和汽车制造产业链"), ("宁川商用车", "新能源和汽车制造产业链")},
    ),
    (
        "leadsChain",
        "集成电路产业链以华芯微电为龙头,集聚上下游企业120余家。",
        {("华芯微电", "集成电路产业链")},
    ),
    (
        "leadsChain",
        "加快构建以恒宁时代为链主的新能源电池产业链。",
        {("恒宁时代", "新能源电池产业链")},
    ),
    (
        "leadsChain",
        "会议明确由副县长吴岭担任竹木产业链链长,确定林泉竹业、竹川家居为链主企业。",
        {("林泉竹业", "竹木产业链"), ("竹川家居", "竹木产业链")},
    ),
    # several frames in one sentence, each with its own chain
    (
        "leadsChain",
        "以宁川铝业为龙头,绿色铝产业链成效明显,以东泰新材、华岭锂电等企业为龙头,新材料产业链势头强劲。",
        {("宁川铝业", "绿色铝产业链"), ("东泰新材", "新材料产业链"), ("华岭锂电", "新材料产业链")},
    ),
    (
        "leadsChain",
        "其中以恒川磁材、东升强磁为龙头企业,形成了金属钕——永磁材料——永磁电机等稀土永磁材料产业链;",
        {("恒川磁材", "稀土永磁材料产业链"), ("东升强磁", "稀土永磁材料产业链")},
    ),
    # the chain far after the trigger, and a coordinated pair of chains
    (
        "leadsChain",
        "以宁泰化学为龙头,依托国家工程实验室,谋划推进一批项目,打造一体化聚氨酯、烯烃产业链。",
        {("宁泰化学", "一体化聚氨酯"), ("宁泰化学", "烯烃产业链")},
    ),
    (
        "leadsChain",
        "围绕东川万润、华显科技等核心企业,依托技术中心,打通液晶显示、OLED产业链。",
        {
            ("东川万润", "液晶显示"),
            ("东川万润", "OLED产业链"),
            ("华显科技", "液晶显示"),
            ("华显科技", "OLED产业链"),
        },
    ),
    # a quoted 链主 and the firms introduced as 为代表的
    (
        "leadsChain",
        "形成了以东岭汽车为“链主”、零部件企业集聚的新能源汽车产业链。",
        {("东岭汽车", "新能源汽车产业链")},
    ),
    # a 链主 firm whose chain is in the sentence before, or after
    (
        "leadsChain",
        "围绕新能源汽车产业链,我市持续招大引强。东岭汽车、宁川汽车等链主企业发挥引领作用。",
        {("东岭汽车", "新能源汽车产业链"), ("宁川汽车", "新能源汽车产业链")},
    ),
    (
        "leadsChain",
        "以立川“链主型”项目为牵引,成立招商专班。搭建起新能源产业链上下游企业供需对接平台。",
        {("立川", "新能源产业链")},
    ),
    # a paragraph about 链主 firms whose sentences each open with a firm and name its chain
    (
        "leadsChain",
        "去年,“链主”企业充分发挥引领带动作用。东钢集团聚焦特钢材料产业链下游深加工环节,"
        "吸引29家链上企业参与对接。东重集团与华电开展战略合作,可带动产业链实现收入200亿元。",
        {("东钢集团", "特钢材料产业链")},
    ),
    # a 链主 with no chain named anywhere leads a chain all the same
    (
        "leadsChain",
        "链主壮,产业才强。宁川在全省首创链主企业扩大本地采购奖励,对华信科技、长信股份等2家企业奖励300万元。",
        {("华信科技", "*"), ("长信股份", "*")},
    ),
    # 这家…: the firm is the name the sentence before opens with, though nothing called it a firm
    (
        "leadsChain",
        "东华芯创成立于2001年。这家国内集成电路产业链的龙头企业去年营收增长两成。",
        {("东华芯创", "集成电路产业链")},
    ),
    # more ways of saying it, as news from other places words them
    (
        "leadsChain",
        "全市确定了25家链主企业,其中华信科技为新能源汽车产业链链主。",
        {("华信科技", "新能源汽车产业链")},
    ),
    (
        "leadsChain",
        "在链主企业华信科技的带动下,新材料产业链集聚企业60余家。",
        {("华信科技", "新材料产业链")},
    ),
    ("leadsChain", "该县以华信科技为龙头,着力打造茶叶全产业链。", {("华信科技", "茶叶全产业链")}),
    (
        "leadsChain",
        "集聚了以华信科技为代表的一批锂电产业链龙头企业。",
        {("华信科技", "锂电产业链")},
    ),
    (
        "leadsChain",
        "华信科技作为新能源产业链的龙头,年产值超百亿元。",
        {("华信科技", "新能源产业链")},
    ),
    ("leadsChain", "推动链主企业华信科技与配套企业对接。", {("华信科技", "*")}),
    (
        "leadsChain",
        "目前全市共认定链主企业28家,其中新材料产业链链主企业华信科技年营收突破百亿。",
        {("华信科技", "新材料产业链")},
    ),
    (
        "leadsChain",
        "铜产业链链长由市委常委、常务副市长刘一明担任,链主企业为江川铜业。",
        {("江川铜业", "铜产业链")},
    ),
    (
        "leadsChain",
        "恒远光能、华信科技等6家企业被认定为首批市级产业链“链主”企业。",
        {("恒远光能", "*"), ("华信科技", "*")},
    ),
    # a chain named by a heading, firms and leaders listed under it
    (
        "leadsChain",
        "(一)新能源电池产业链\n以宁泰新能源为链主,重点发展正极材料、电解液等配套环节。",
        {("宁泰新能源", "新能源电池产业链")},
    ),
    (
        "leadsChain",
        "二、集成电路产业链\n链主企业:华芯微电子。链长:副市长刘建国。",
        {("华芯微电子", "集成电路产业链")},
    ),
    (
        "chainLeaderOf",
        "二、集成电路产业链\n链主企业:华芯微电子。链长:副市长刘建国。",
        {("刘建国", "集成电路产业链")},
    ),
    # a bare industry as the chain of a 链主 (以X为链主的肉食品加工产业)
    ("leadsChain", "加快形成以宏远为链主的肉食品加工产业。", {("宏远", "肉食品加工产业链")}),
    # ... and several, each with its own 链主, coordinated before 等…产业
    (
        "leadsChain",
        "集中培育以岚牧为链主的肉制品加工、以华成为链主的精密铸造、以恒宇光学为链主的数字光电等优势产业。",
        {("岚牧", "肉制品加工产业链"), ("华成", "精密铸造产业链"), ("恒宇光学", "数字光电产业链")},
    ),
    # ... one of them in words the industry lexicon does not know: the repeated frame says
    # they name an industry
    (
        "leadsChain",
        "集中培育以岚牧为链主的肉制品加工、以华成防爆为链主的电驱防爆、以恒宇光学为链主的数字光电等优势产业。",
        {
            ("岚牧", "肉制品加工产业链"),
            ("华成防爆", "电驱防爆产业链"),
            ("恒宇光学", "数字光电产业链"),
        },
    ),
    # 领航企业, 头部企业: the firms at the head of a chain
    (
        "leadsChain",
        "岚山钢铁作为全省钢铁产业链的领航企业,带动配套企业发展。",
        {("岚山钢铁", "钢铁产业链")},
    ),
    ("leadsChain", "全市纺织产业链头部企业岚锦科技加快转型。", {("岚锦科技", "纺织产业链")}),
    # ... but modifiers alone (企业) name no industry
    ("leadsChain", "培育以华成为链主的企业等优势产业。", {("华成", "*")}),
    # 该产业链: the chain named before
    (
        "leadsChain",
        "东岭新能源电池产业链发展迅速。该产业链链主为华信科技。",
        {("华信科技", "新能源电池产业链")},
    ),
    # chain leaders: persons and roles
    (
        "chainLeaderOf",
        "宁川市新能源产业链链长、副市长王立新带队赴华信科技调研。",
        {("王立新", "新能源产业链")},
    ),
    (
        "chainLeaderOf",
        "市委书记张三平任集成电路产业链链长,华信科技为链主企业。",
        {("张三平", "集成电路产业链")},
    ),
    ("chainLeaderOf", "赵一六担任特种钢材产业链链长。", {("赵一六", "特种钢材产业链")}),
    (
        "chainLeaderOf",
        "日前,省政协副主席张立健作为省生物医药及医疗器械产业链链长,带队调研。",
        {("张立健", "医疗器械产业链"), ("张立健", "生物医药产业链")},
    ),
    (
        "chainLeaderOf",
        "围绕集成电路产业链,市长张一鸣担任链长,统筹推进相关工作。",
        {("张一鸣", "集成电路产业链")},
    ),
    ("chainLeaderOf", "每条产业链由一名市领导担任链长。", {("市领导", "每条产业链")}),
    (
        "chainLeaderOf",
        "东川在园区设立22个产业链推进办公室,由20位市级领导担任「链长」。",
        {("市级领导", "*")},
    ),
    (
        "chainLeaderOf",
        "东湖省成立以省领导担任链长的重点产业链倍增计划工作专班。",
        {("省领导", "*")},
    ),
    (
        "chainLeaderOf",
        "副市长郑一明任链长的生物医药产业链,今年新签约项目12个。",
        {("郑一明", "生物医药产业链")},
    ),
    # a role that leads each of the chains the sentence goes on to name
    (
        "chainLeaderOf",
        "省级领导担任链长,重点推进新型显示、生物医药等10个新兴产业链发展。",
        {("省级领导", "新型显示"), ("省级领导", "生物医药")},
    ),
    (
        "chainLeaderOf",
        "市委、市政府主要领导和市委副书记担任总链长,每条产业链明确1名市领导担任链长。",
        {("市委、市政府主要领导", "*"), ("市委副书记", "*"), ("市领导", "*")},
    ),
    ("chainLeaderOf", "东湖省由省长挂帅担任总链长。", {("省长", "*")}),
    ("chainLeaderOf", "成立由省级领导同志为链长的工作专班。", {("省级领导", "*")}),
    ("chainLeaderOf", "筛选一批重点产业,由管委会领导担任产业链链长。", {("管委会领导", "*")}),
    ("chainLeaderOf", "市委书记王一五担任全市产业链总链长。", {("王一五", "*")}),
    # the post named first, the officials after 由; an adverb before 担任
    ("chainLeaderOf", "总链长由市委书记、市长担任。", {("市委书记", "*"), ("市长", "*")}),
    ("chainLeaderOf", "由市委书记亲自担任总链长。", {("市委书记", "*")}),
    # 为 / 是 after a titled name close it
    ("chainLeaderOf", "市长周一航为海工装备产业链“链长”。", {("周一航", "海工装备产业链")}),
    ("chainLeaderOf", "副县长程一帆是风电装备产业链的链长。", {("程一帆", "风电装备产业链")}),
    # a name with no title, given the post by 由
    ("chainLeaderOf", "海工装备产业链由程一帆担任链长。", {("程一帆", "海工装备产业链")}),
    ("chainLeaderOf", "风电装备产业链链长由周一航担任。", {("周一航", "风电装备产业链")}),
    # a deputy (副链长) leads the chain named, not a chain in general
    ("chainLeaderOf", "周一航为总链长,程一帆为副总链长。", {("周一航", "*")}),
    ("chainLeaderOf", "副市长赵一六担任新能源产业链副链长。", {("赵一六", "新能源产业链")}),
    ("chainLeaderOf", "二级巡视员、储能产业链副链长罗一鸣参加。", {("罗一鸣", "储能产业链")}),
    # the chain leader named beside another official; 一同 closes the name
    (
        "chainLeaderOf",
        "副县长程一帆与海工装备产业链链长周一航一同调研。",
        {("周一航", "海工装备产业链")},
    ),
    # the post in quotes, then the person
    (
        "chainLeaderOf",
        "海工装备产业链“链长”程一帆强调,要加快项目建设。",
        {("程一帆", "海工装备产业链")},
    ),
    # the verb before a list of firms is no part of the first firm's name
    (
        "leadsChain",
        "要发挥岚川重工、泓泰电子等链主企业带动作用,做强海工装备产业链。",
        {("岚川重工", "海工装备产业链"), ("泓泰电子", "海工装备产业链")},
    ),
    (
        "leadsChain",
        "临溪县海工装备产业链现有岚川重工、泓泰电子2家链主企业。",
        {("岚川重工", "临溪县海工装备产业链"), ("泓泰电子", "临溪县海工装备产业链")},
    ),
    ("leadsChain", "临溪县确定岚川重工等5家企业为首批链主企业。", {("岚川重工", "*")}),
    # a title after the firm's name is no part of it
    (
        "leadsChain",
        "链主企业泓泰电子董事长周一航表示,将深耕海工装备产业链。",
        {("泓泰电子", "海工装备产业链")},
    ),
    # a numbered item: the chain, then its leader and leading firm
    (
        "leadsChain",
        "1.海工装备产业链。链长:副市长程一帆;链主企业:岚川重工。",
        {("岚川重工", "海工装备产业链")},
    ),
    # an industry before 的 and 链主 is the chain it leads
    ("leadsChain", "沃森特是国内轻型卡车制造的链主企业。", {("沃森特", "轻型卡车制造")}),
    # "行业龙头企业" after a list, the chain earlier in the sentence
    (
        "leadsChain",
        "近年来,临溪县围绕户外休闲产业链图谱加大招商力度,沃森特、岚泰达等行业龙头企业相继入驻。",
        {("沃森特", "户外休闲产业链"), ("岚泰达", "户外休闲产业链")},
    ),
    # what describes the firms between the chain and the trigger: a phrase ending in 的, a
    # qualifier, a count
    ("leadsChain", "岚川集团是铝产业链中举足轻重的龙头企业。", {("岚川集团", "铝产业链")}),
    ("leadsChain", "恒远股份是储能产业链上规模最大的链主企业之一。", {("恒远股份", "储能产业链")}),
    ("leadsChain", "岚川集团是铝产业链的重点链主企业。", {("岚川集团", "铝产业链")}),
    ("leadsChain", "岚川集团作为铝产业链上的骨干龙头企业,带动发展。", {("岚川集团", "铝产业链")}),
    (
        "leadsChain",
        "岚川集团和恒远股份是光伏产业链的两家链主企业。",
        {("岚川集团", "光伏产业链"), ("恒远股份", "光伏产业链")},
    ),
    # the chain the clause sets its firm in: 在Z产业链中/上
    ("leadsChain", "岚川集团在光伏产业链中处于龙头地位。", {("岚川集团", "光伏产业链")}),
    ("leadsChain", "恒远股份在全省储能产业链上扮演着链主角色。", {("恒远股份", "储能产业链")}),
    # more verbs of being (则是, 属于, 担纲) and 领头雁, a figure of speech like 领头羊
    (
        "leadsChain",
        "岚川集团在光伏产业链中占据龙头地位,恒远股份则是储能产业链的链主。",
        {("岚川集团", "光伏产业链"), ("恒远股份", "储能产业链")},
    ),
    ("leadsChain", "岚川集团属于光伏产业链链主企业。", {("岚川集团", "光伏产业链")}),
    ("leadsChain", "恒远股份担纲储能产业链链主。", {("恒远股份", "储能产业链")}),
    ("leadsChain", "岚川集团是光伏产业链的“领头雁”。", {("岚川集团", "光伏产业链")}),
    ("leadsChain", "光伏产业链链主单位岚川集团今年产值增长。", {("岚川集团", "光伏产业链")}),
    # people who take a 链长's post: a list after 由, one after 作为…链长
    (
        "chainLeaderOf",
        "储能产业链实行“双链长”制,由岳岚、程恒担任链长。",
        {("岳岚", "储能产业链"), ("程恒", "储能产业链")},
    ),
    ("chainLeaderOf", "作为光伏产业链链长,程一帆多次到企业调研。", {("程一帆", "光伏产业链")}),
    ("chainLeaderOf", "岳岚兼任光伏产业链链长。", {("岳岚", "光伏产业链")}),
    # a 链主 given as an example
    (
        "leadsChain",
        "以本市新能源产业链“链主”企业岚川特来电为例,总部接待了30个考察团。",
        {("岚川特来电", "新能源产业链")},
    ),
    # the post as the person's new role, after 的新身份是
    (
        "chainLeaderOf",
        "省委常委、岚州市委书记岳岚的新身份是:光伏产业链链长;恒州市委书记程恒的新身份是:储能产业链链长。",
        {("岳岚", "光伏产业链"), ("程恒", "储能产业链")},
    ),
    # 年产值 after the firm's name is no part of it
    (
        "leadsChain",
        "临溪县海工装备产业链龙头企业岚泰达年产值突破50亿元。",
        {("岚泰达", "临溪县海工装备产业链")},
    ),
    # what the firms lead is a cluster: they lead the cluster (in the trigger's clause, or at the
    # end of the phrase 以X为T…的Z that builds it)
    (
        "leadsCluster",
        "会上签订新能源产业链合作协议。全市已形成以宁泰汽车为链主的新能源汽车产业集群。",
        {("宁泰汽车", "新能源汽车产业集群")},
    ),
    (
        "leadsCluster",
        "形成以岚凤竹业有限公司为龙头,恒安热电有限公司等企业相配套的竹木产业集群。",
        {("岚凤竹业有限公司", "竹木产业集群")},
    ),
    # leading firms of no chain or industry named: the leading firms of the park or place in
    # force (a count and the firms in brackets; a list closed by 等)
    (
        "leadingEnterpriseIn",
        "岚山经开区现有国家级龙头企业3家(岚川米业公司、恒翠茶业公司、栗源康公司),省级龙头企业7家。",
        {
            ("岚川米业公司", "岚山经开区"),
            ("恒翠茶业公司", "岚山经开区"),
            ("栗源康公司", "岚山经开区"),
        },
    ),
    (
        "leadingEnterpriseIn",
        "近两年,永修县吸引了恒泰科技、岚腾股份等龙头企业落户。",
        {("恒泰科技", "永修县"), ("岚腾股份", "永修县")},
    ),
    # the park the sentence names, not the place it names after the park
    (
        "leadingEnterpriseIn",
        "近年来,岚山经开区对接永修县发展规划,通过引入恒泰铜业、岚川有色等龙头企业,推动产业升级。",
        {("恒泰铜业", "岚山经开区"), ("岚川有色", "岚山经开区")},
    ),
    # a park written by its kind alone (开发区) is the park the article names most, not the
    # former name named last
    (
        "leadingEnterpriseIn",
        "岚山经开区位于永修县城东,前身为永修县食品工业园区。岚山经开区规划面积18平方公里。"
        "目前,开发区入驻企业达到86家;其中,龙头企业2家(恒翠茶业公司、栗源康公司)。",
        {("恒翠茶业公司", "岚山经开区"), ("栗源康公司", "岚山经开区")},
    ),
]


@pytest.mark.parametrize("predicate, text, expected", FOUND)
def test_frames_find(extract_text, predicate, text, expected):
    got = pairs(extract_text(text), predicate)
    assert holds(expected, got), sorted(got)


NOTHING = [
    # a leading firm of a chain named is no leading firm of the place; a word after a bare
    # 龙头 is no name; a leading project is no firm
    ("leadingEnterpriseIn", "临溪县拥有恒泰科技、岚腾股份等光伏产业链龙头企业。"),
    ("leadingEnterpriseIn", "临溪县力促龙头企业扩群扩规。"),
    ("leadingEnterpriseIn", "近年来,岚县利用恒泰重工等龙头项目带动上下游企业落地。"),
    ("leadsChain", "近年来,岚县利用恒泰重工等龙头项目带动光伏产业链上下游企业落地。"),
    # a cluster named after the firms' clause, not built by 以X为T…的Z: no cluster led
    (
        "leadsCluster",
        "已引进链主企业岚川汽车等领军企业,推动落地一批项目,打造化工园和高端化工产业集群。",
    ),
    # a cluster the clause is about, before the firms (钢铁工业产业集群主要是以A、B为核心企业)
    ("leadsChain", "钢铁产业集群主要是以岚钢、恒钢为核心企业,建设加工产业集群,拉长钢铁产业链。"),
    # generic statements: the trigger names a kind of firm, no firm in particular
    ("leadsChain", "培育龙头企业作为链主,推动产业链上下游协同。"),
    ("leadsChain", "在链主企业带动下,新能源汽车产业号召力不断增强。"),
    ("leadsChain", "主动围绕链主企业开展产业链招商。"),
    ("leadsChain", "培育一批头部企业,壮大新材料产业链。"),
    ("leadsChain", "“链主”企业选取产业链上主导作用强的领航企业担任。"),
    ("leadsChain", "要充分发挥龙头企业作用,延伸新材料产业链。"),
    ("leadsChain", "宁川新材表示,将培育更多链主企业,做强新材料产业链。"),
    # how far a firm's lead reaches is no industry ("全球行业龙头")
    ("leadsChain", "会议强调全力支持岚川集团成为全球行业龙头领军企业。"),
    ("leadsChain", "岚川集团是当地行业龙头。"),
    # the industry a sentence is about, before leaders of a plan for it: no pair
    ("leadsChain", "在新能源产业上,以东风科技、华车电机为龙头,打造海上风电特色产业基地。"),
    (
        "leadsChain",
        "电子信息产业链加快发展。在健康产业方面,以岭健集团为龙头,加速推进项目建设。",
    ),
    # a leading firm of nothing named leads no chain; an honour of farming names no industry
    ("leadsChain", "岚川牧业是国家级农业产业化重点龙头企业。"),
    ("leadsChain", "岚川牧业被评为省级林业龙头企业。"),
    # what a sentence says the place lacks, with the leaders it has not drawn
    (
        "leadsChain",
        "高新技术产业占比不足两成,产业链“链主”企业稀缺,如岚川、恒远等头部企业未布局本市。",
    ),
    ("leadsChain", "1-3月,日川和立宁2家龙头企业新增产值超58亿元。"),
    ("leadsChain", "引培龙头企业强链,新增国家级农业龙头企业2户。"),
    ("leadsChain", "东川智芯中心、华米西区总部等知名龙头企业完成项目装修工作。"),
    ("leadsChain", "东岭是我国工程机械产业发展的领军城市。"),
    ("leadsChain", "鲁东县龙头山镇花椒种植面积从2.8万亩增加到8.4万亩。"),
    ("leadsChain", "会议强调要抓好落实。这家企业是全省新能源产业链的龙头企业。"),
    # what the firm leads is named, and it is a cluster, not a chain
    (
        "leadsChain",
        "会上签订新能源产业链合作协议。全市已形成以宁泰汽车为链主的新能源汽车产业集群。",
    ),
    ("leadsChain", "东岭市农业产业化龙头企业达到120家,其中国家级5家。"),
    # an aim is no fact
    ("leadsChain", "启泰重工将成为海工装备产业链链主企业。"),
    ("leadsChain", "岚川重工力争成为海工装备产业链的龙头企业。"),
    ("leadsChain", "支持岚川重工等企业争创海工装备产业链链主企业。"),
    ("leadsChain", "岚川重工希望成为海工装备产业链的链主企业。"),
    # the firm serves the leading firms: it is their customer or supplier, not their peer
    ("leadsChain", "岚川重工为链主企业提供配套服务,融入海工装备产业链。"),
    ("leadsChain", "岚川重工入选链主企业配套名单,融入海工装备产业链。"),
    ("leadsChain", "岚川重工作为链主企业的上游供应商,融入海工装备产业链。"),
    # what describes firms after a chain may say they are not of it (yet): its suppliers, firms
    # it lacks
    ("leadsChain", "岚川集团是铝产业链急需引进的龙头企业。"),
    ("leadsChain", "岚川集团是为铝产业链提供配套的龙头企业。"),
    # titles are not chain leaders, nor a deputy of chains in general; 链长制 is no chain leader
    # 领衔 names a chain's leader only with the chain right after it; a post given to a kind
    ("leadsChain", "由岚川重工领衔的创新联合体攻关海工装备产业链关键技术。"),
    ("leadsChain", "链主企业由龙头企业担任。"),
    ("chainLeaderOf", "会上,市级各产业链链长分别作了发言。"),
    ("chainLeaderOf", "12个产业链分别设置链长、副链长,由县领导担任。"),
    ("chainLeaderOf", "市委书记李长平主持全市产业链链长制工作推进会议。"),
    ("chainLeaderOf", "副市长程一帆担任全市产业链副总链长。"),
    ("chainLeaderOf", "海工装备产业链链长单位市工信局局长周一航表示。"),
    ("chainLeaderOf", "会议为链长们提供了交流平台。"),
    ("chainLeaderOf", "市人大常委会主任、工程机械产业链链长文一勋出席,副市长彭一涛参加。"),
]


# a leading firm of an industry (龙头, 领军企业, 巨头 of X产业, X行业, or X written with the
# trigger) leads that industry, and no chain named elsewhere: exactly these pairs, by the words
# of the text
INDUSTRY = [
    ("临泉依托特钢产业龙头岚冶特钢等企业,打造工模具钢等特色产业链。", {("岚冶特钢", "特钢产业")}),
    ("形成以川重装备为龙头的装备制造产业,打造高端装备产业链。", {("川重装备", "装备制造产业")}),
    ("宁川前进牧业有限公司是省内乳制品行业的龙头企业。", {("宁川前进牧业有限公司", "乳制品行业")}),
    (
        "临溪县大力发展海工装备产业链。岚泰达是全国肉牛龙头企业,年屠宰肉牛10万头。",
        {("岚泰达", "肉牛")},
    ),
    ("临溪县大力发展海工装备产业链。沃森特是国内铝加工龙头企业。", {("沃森特", "铝加工")}),
    # the place (我区) and the count (两大) before the industry are not part of it
    ("岚川集团是我区机械行业的龙头企业。", {("岚川集团", "机械行业")}),
    # a place's name opening the industry is kept in its words, not in its label
    ("岚牧乳业是永修县乳制品行业的龙头企业。", {("岚牧乳业", "永修县乳制品行业")}),
    (
        "以岚川能源、恒远锂业两大锂电龙头为例,二者在本省建厂多年。",
        {("岚川能源", "锂电"), ("恒远锂业", "锂电")},
    ),
    # the second role of the same firm, after 也是
    (
        "岚川集团是机械行业的龙头企业,也是内燃机行业的领军企业。",
        {("岚川集团", "机械行业"), ("岚川集团", "内燃机行业")},
    ),
    # 巨头, a giant of its industry; a list closed by …… like 等
    ("岚川集团是本市自行车行业的巨头企业。", {("岚川集团", "自行车行业")}),
    (
        "岚川集团、恒远股份、华泰铝业……铝产业龙头集聚本省发展。",
        {("岚川集团", "铝产业"), ("恒远股份", "铝产业"), ("华泰铝业", "铝产业")},
    ),
    # words before 产业/行业 that the grammar of industries does not know, when they are nouns
    ("岚川集团是五金机电产业龙头企业。", {("岚川集团", "五金机电产业")}),
    ("岚川恒升是国内新型煤化工行业领军企业。", {("岚川恒升", "新型煤化工行业")}),
    # 行业 alone: the industry the sentence named with 行业 before
    (
        "目前,该市工程机械行业规上企业有400余家,行业龙头岚川集团由全球第7位升至第4位。",
        {("岚川集团", "工程机械行业")},
    ),
    # 该企业 after the firm, in the same sentence; 头雁
    (
        "岚川机电制造有限公司成功入选,该企业作为五金机电产业龙头企业,成为本县唯一获此殊荣的企业。",
        {("岚川机电制造有限公司", "五金机电产业")},
    ),
    ("岚川集团作为本市汽车产业的“头雁”,今年率先导入超级工厂。", {("岚川集团", "汽车产业")}),
    # the industry the next clause develops around the leaders
    (
        "依托资源优势,以岚川稀土集团为龙头,发展高端稀土新材料和应用产业,建设产业基地。",
        {("岚川稀土集团", "高端稀土新材料和应用产业")},
    ),
    # a clause of time between 作为…领军企业 and the firm
    ("作为全球炭素行业领军企业,前不久,岚川集团又有了新突破。", {("岚川集团", "炭素行业")}),
    # a segment's leaders in the chain the sentence is set in lead that chain
    (
        "在铝基新材料产业链中,形成了以岚川集团、恒远股份为氧化铝龙头,以华泰铝业为电解铝龙头的格局。",
        {
            ("岚川集团", "铝基新材料产业链"),
            ("恒远股份", "铝基新材料产业链"),
            ("华泰铝业", "铝基新材料产业链"),
        },
    ),
]


@pytest.mark.parametrize("text, expected", INDUSTRY)
def test_a_leader_of_an_industry_leads_it(extract_text, text, expected):
    doc = extract_text(text)
    leads = [r for r in doc.relations if r.predicate == "leadsChain"]
    assert {(r.subject.text, r.object.text) for r in leads} == expected
    # what the text calls no chain is an industry, labelled as written (but for a place
    # opening it: 永修县乳制品行业 -> 乳制品行业)
    for r in leads:
        if not r.object.text.endswith("产业链"):
            assert r.object.type == "Industry"
            assert r.object.label == r.object.text.removeprefix("永修县")


# the subjects found are these and no others
ONLY = [
    # 链主企业A, and B、C等…链上领军企业: a second group after 和, firms of another kind
    (
        "leadsChain",
        "已引进链主企业恒泰科技和岚腾聚创、东岚李尔等近30家链上领军企业,加快建设汽车城。",
        {("恒泰科技", "*")},
    ),
]


@pytest.mark.parametrize("predicate, text, expected", ONLY)
def test_frames_find_only(extract_text, predicate, text, expected):
    got = pairs(extract_text(text), predicate)
    assert holds(expected, got) and {s for s, _ in got} == {s for s, _ in expected}, sorted(got)


@pytest.mark.parametrize("predicate, text", NOTHING)
def test_frames_give_nothing(extract_text, predicate, text):
    got = pairs(extract_text(text), predicate)
    if "文一勋" in text:  # the chain leader is the one so called, not the others present
        assert got and all(s == "文一勋" for s, _ in got), sorted(got)
    else:
        assert not got, sorted(got)


@pytest.mark.parametrize(
    "text, leads",
    [
        # the chain a frame before names is not the chain of a frame that leads an industry
        (
            "初步形成以岚钢为龙头带动的钢材深加工产业链,以川重装备等企业为龙头的装备制造产业。",
            {("岚钢", "钢材深加工产业链"), ("川重装备", "装备制造产业")},
        ),
    ],
)
def test_each_frame_leads_its_own(extract_text, text, leads):
    assert pairs(extract_text(text), "leadsChain") == leads


@pytest.mark.parametrize(
    "text, leaders",
    [
        ("市委常委、副市长王建国担任光伏产业链链长。", {("王建国", "光伏产业链")}),
        # a rank held with the office after it names one leader, with no name written
        ("光伏产业链由市委常委、常务副市长担任链长。", {("常务副市长", "光伏产业链")}),
    ],
)
def test_the_titles_of_one_person_name_one_leader(extract_text, text, leaders):
    assert pairs(extract_text(text), "chainLeaderOf") == leaders


def test_provenance_says_how_each_slot_was_filled(extract_text):
    doc = extract_text("围绕新能源汽车产业链,我市招大引强。东岭汽车等链主企业发挥引领作用。")
    (rel,) = [r for r in doc.relations if r.predicate == "leadsChain"]
    assert rel.how == "X等T (clause); chain: previous"
    assert rel.rule == "frame:链主"
    assert 0 < rel.confidence < 1


def test_a_nearer_chain_is_more_certain(extract_text):
    fused = extract_text("光伏产业链链主企业凯宁光电新增产能。").relations[0]
    far = extract_text("围绕光伏产业链,招大引强。凯宁光电等链主企业发挥作用。").relations[0]
    assert fused.confidence > far.confidence
