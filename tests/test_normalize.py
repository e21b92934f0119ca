"""Normalisation: each step on its own cases, then properties of the offset map on the corpus."""

import unicodedata
from itertools import pairwise
from pathlib import Path

import opencc
import pytest

from kg.reading.characters import RADICALS
from kg.reading.normalize import normalize

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = sorted(SHARED.glob("seeds/*.txt")) + sorted(SHARED.glob("corpus/dev/*.txt"))
CORPUS_PARAMS = [pytest.param(p, id=p.name) for p in CORPUS] or [
    pytest.param(None, marks=pytest.mark.skip(reason=f"no corpus files under {SHARED}"))
]

UNICODE = [
    ("\ufeff链长制", "链长制"),
    ("链\u200b长\u200d制", "链长制"),
    ("甲。\r\n乙。\r丙。", "甲。\n乙。\n丙。"),
    ("加快铝产业\u00a0转型\u3000升级", "加快铝产业 转型 升级"),
]

TRADITIONAL = [
    ("鶴慶溢鑫鋁業有限公司", "鹤庆溢鑫铝业有限公司"),
    ("產業鏈鏈長制", "产业链链长制"),
    ("产业链链长制", "产业链链长制"),
]

PINYIN = [
    ("業(yè)發(fā)展", "业发展"),
    ("創(chuàng )新", "创新"),
    ("鶴慶溢鑫鋁業(yè)有限公司", "鹤庆溢鑫铝业有限公司"),
    ("问（wèn）题", "问题"),
    ("奥士康(PCB)板", "奥士康(PCB)板"),
    ("金葵农业(云南)股份有限公司", "金葵农业(云南)股份有限公司"),
    ("均华(井东湾地址)项目", "均华(井东湾地址)项目"),
    ("规划(2022)", "规划(2022)"),
    ("乡(镇)", "乡(镇)"),
    ("产业(ye)发展", "产业(ye)发展"),  # toneless, and the document has no toned reading
    # three toned readings in the document: toneless ones after CJK characters go too
    ("工業(yè)發(fā)展產(chǎn)業(ye)", "工业发展产业"),
    ("業(yè)發(fā)產(chǎn)品(PCB)(2022)(镇)(km)", "业发产品(PCB)(2022)(镇)(km)"),
    # no toned reading at all, but many toneless ones, some repeated: they go
    (
        "工(gong)(gong)業(ye)增加(jia)值達(da)到5.4萬(wan)億元(yuan)",
        "工业增加值达到5.4万亿元",
    ),
    # a few toneless words in brackets stay
    ("产业(ye)发展(PCB)(km)规划(ai)", "产业(ye)发展(PCB)(km)规划(ai)"),
]

WIDTH = [
    ("增长11%，（同比）：好！吗？是；", "增长11%,(同比):好!吗?是;"),
    ("ＰＣＢ板１２３个", "PCB板123个"),
    ("。、“”‘’《》—…·", "。、“”‘’《》—…·"),
    ("１１．４", "11．4"),  # only the listed characters change
]

# Each chrome line sits between two real sentences; only the chrome must go.
CHROME = [
    "642a5967-5e03-446e-9f62-8c992cae245ccopy.jpg)",
    "IMG_20220301_1234.JPG",
    "首页  >>  时政要闻  >>  加快铝产业转型升级 我市全力打造中国-东盟铝产业基地",
    "当前位置:首页 >文章发布 > 正文",
    "> 岚川资讯 > 市政府信息",
    "首页 新闻 湖北 宜昌",
    "账号+密码登录",
    "手机+密码登录",
    "还没有账号?",
    "立即注册",
    "我知道了",
    "免责声明:本文系网络转载,版权归原作者所有。本文所用图片、文字如涉及作品版权问题,请联系删除!",
    "推广 热搜: 2024  2025  江西省简称  江西庐山",
    "核心提示:产业链 吉安市 链长",
    "编辑:乔帅臣",
    "责编 王一凡",
    "www.gxbsrd.gov.cn  2021-12-26 13:50  阅读:242031次  作者:刘彩强  编辑:黄艳  来源:右江日报 ",
    "   日期:2023-06-08     来源:江西新闻网官网    作者:江西新闻联播    浏览:198    评论:0    ",
    "AAA57865ERT34GSD",
    "|",
]

KEPT_LINES = [
    "记者 陈忠华 通讯员 赵杰文/图",
    "(顾晶晶)",
    "本报讯 (记者 李政哲 黄涛) 5月16日下午,全市产业链链长制工作推进会议召开。",
    "全年阅读:2000次以上的文章中,链长制相关报道占比超过三成,读者反映良好。",
    "云南能投威信信源有限公司车间一角。",
    "一杯鲜奶 滴滴醇香 书写 产业新篇章",
]

JOINED = [
    (
        "以云铝海鑫为龙头,绿色铝产业链链长工作取得新成效,以云南中晟、云南锂电等企业为龙\n\n"
        "头,新材料产业链发展势头强劲。",
        "以云铝海鑫为龙头,绿色铝产业链链长工作取得新成效,以云南中晟、云南锂电等企业为龙"
        "头,新材料产业链发展势头强劲。",
    ),
    (
        "园区集聚效应不断凸显。昭阳经开区\n\n被列入全省7个",
        "园区集聚效应不断凸显。昭阳经开区被列入全省7个",
    ),
    (
        "为企业退、减、降、缓税费99.13亿元;成功申报5户省\n\n级专精特新中小企业",
        "为企业退、减、降、缓税费99.13亿元;成功申报5户省级专精特新中小企业",
    ),
    (
        "人才聚,发展兴。重点引进一批优质项\n\n目,科学编制人才发展纲要。",
        "人才聚,发展兴。重点引进一批优质项目,科学编制人才发展纲要。",
    ),
    (
        "大力推进新型工业化。精准引进一批市场前景好、预计投资规\n\n模大、产业链条长的重大项目。",
        "大力推进新型工业化。精准引进一批市场前景好、预计投资规模大、产业链条长的重大项目。",
    ),
    (
        "8个新能源电池材料及配套产业项目加快推进,\n\n上海友升项目稳步推进。",
        "8个新能源电池材料及配套产业项目加快推进,上海友升项目稳步推进。",
    ),
    (
        "在红色沃土上感受红色历史“动起来”、\n\n红色资源“活起来”的精彩场景。",
        "在红色沃土上感受红色历史“动起来”、红色资源“活起来”的精彩场景。",
    ),
    (
        "  全市脱贫群众收入增速连续3年列全省第1位,牢牢守住了不发生规模性  \n\n  返贫致贫的底线。",
        "全市脱贫群众收入增速连续3年列全省第1位,牢牢守住了不发生规模性返贫致贫的底线。",
    ),
]

NOT_JOINED = [
    "▲6月5日,岚山县在杭州举办推介会,6个项目集中签约\n1个热电项目,引来3家下游企业。",
    "## 注重顶层设计 推动集群发展\n\n——坚持规划引领。着力构建产业集群。",
    "记者 陈忠华 通讯员 赵杰文/图\n\n云南能投威信信源有限公司车间一角。",
    "昭通高质量跨越式发展其势已成\n\n牢记习近平总书记的殷殷嘱托,扎实做好三篇文章。",
    "一问如何解决“产业集群未形成”的问题\n鹤庆通过横向对比,查找出问题。",
    "二问如何解决“产业链延伸不足、产品附加值不高”的问题\n针对问题,落实3项推进措施。",
    "加快铝产业转型升级 我市全力打造中国-东盟铝产业基地\n\n近年来,我市牢牢抓住重大机遇。",
    "宿松县科经局召开现代纺织服装产业链工作会商会\n为保障产业链工作有序推进,局长参加会议。",
    "巩固脱贫成果,发展更有速度、民生更有温度,为高质量发展奠定了坚实基础\n\n“请放心,新家很漂亮。”",
    "坚持以资源换产业、园区聚产业,为高质量跨越式发展提供了有力支撑\n\n2024年12月26日,中心开园。",
    "扎实做好“产、城、人”三篇文章\n\n近年来,彝良县准确把握形势。",
    "彝良:写好“产”文章努力构建现代化产业体系\n\n通讯员 李安林",
    "“新时代、新征程、新伟业”\n——聚焦“产业发展”",
]

SPACES = [
    ("  加快铝产业转型升级   我市全力打造\t\t基地  ", "加快铝产业转型升级 我市全力打造 基地"),
    ("甲。 \n\t乙。", "甲。\n乙。"),
    ("甲\t乙", "甲 乙"),
]

MARKDOWN = [
    ("![车间一角](642a5967copy.jpg)云南能投。", "云南能投。"),
    ("印发[《实施意见》](http://example.cn/a.html)。", "印发《实施意见》。"),
    ("第[2022]号", "第[2022]号"),
]


def _check_map(raw: str, text: str, offsets: list[int]) -> None:
    """The offset map's invariants; a changed char must be a conversion of its source."""
    assert len(offsets) == len(text) + 1
    assert offsets[-1] == len(raw)
    assert all(a <= b for a, b in pairwise(offsets))
    assert all(0 <= o < len(raw) for o in offsets[:-1])
    t2s = opencc.OpenCC("t2s").convert
    for i, ch in enumerate(text):
        src = raw[offsets[i]]
        if ch == src:
            continue
        folded = RADICALS.get(src, src)
        forms = {unicodedata.normalize("NFKC", src), t2s(src), folded, t2s(folded)}
        forms.add("\n" if src == "\r" else src)
        if src in " \t\u00a0\u3000":
            forms.add(" ")
        ok = ch in forms or ("\u4e00" <= ch <= "\u9fff" and "\u4e00" <= src <= "\u9fff")
        assert ok, (i, ch, src, text[max(0, i - 10) : i + 10])


# Text a PDF printed by Chromium gives (issue 12 item 5): CJK Radicals Supplement and Kangxi
# Radicals written for the characters they look like, and lines broken inside sentences.
RADICAL_TEXT = [
    ("以金川铝材为\u2ef0头", "以金川铝材为龙头"),  # ⻰ CJK RADICAL C-SIMPLIFIED DRAGON
    ("链\u2ed3制", "链长制"),  # ⻓ C-SIMPLIFIED LONG
    ("要\u2ec5实效", "要见实效"),  # ⻅ C-SIMPLIFIED SEE
    ("绿\u2f8a硅全产业链", "绿色硅全产业链"),  # ⾊ KANGXI RADICAL COLOR
    ("\u2f2f业", "工业"),  # ⼯ KANGXI RADICAL WORK
    ("\u2f3e口", "户口"),
    # a simplified text keeps the rare characters names have (昇 is not made 升)
    (
        "在昇金宝科技的车间,工人们正在忙碌,订单已经排到了明年。",
        "在昇金宝科技的车间,工人们正在忙碌,订单已经排到了明年。",
    ),  # ⼾ KANGXI RADICAL DOOR: NFKC 戶, then simplified
    ("\u2ef3山", "龟山"),  # ⻳: NFKC already
    (
        "会议指出,以金川铝材为\u2ef0头,绿色铝产业链链\u2ed3工作取得新成效,以滇中新材为\u2ef0头,绿\n"
        "\u2f8a硅全产业链项目稳步推进。",
        "会议指出,以金川铝材为龙头,绿色铝产业链链长工作取得新成效,以滇中新材为龙头,绿色硅全产业链"
        "项目稳步推进。",
    ),
]


@pytest.mark.parametrize(
    ("raw", "expected"),
    UNICODE + TRADITIONAL + PINYIN + WIDTH + SPACES + MARKDOWN + RADICAL_TEXT,
)
def test_normalize_cases(raw, expected):
    text, offsets = normalize(raw)
    assert text == expected
    _check_map(raw, text, offsets)


@pytest.mark.parametrize("line", CHROME)
def test_chrome_line_dropped(line):
    raw = f"链长制工作取得新成效。\n{line}\n链主企业发挥带动作用。"
    text, offsets = normalize(raw)
    assert text == "链长制工作取得新成效。\n链主企业发挥带动作用。"
    _check_map(raw, text, offsets)


@pytest.mark.parametrize("line", KEPT_LINES)
def test_content_line_kept(line):
    text, _ = normalize(f"链长制工作取得新成效。\n{line}\n")
    assert text == f"链长制工作取得新成效。\n{line.strip()}\n"


@pytest.mark.parametrize(("raw", "expected"), JOINED)
def test_broken_lines_rejoined(raw, expected):
    text, offsets = normalize(raw)
    assert text == expected
    _check_map(raw, text, offsets)


@pytest.mark.parametrize("raw", NOT_JOINED)
def test_titles_keep_their_lines(raw):
    text, _ = normalize(raw)
    assert text.count("\n") == raw.count("\n")


def test_pinyin_and_traditional_together():
    raw = "一問(wèn)如何解決“產(chǎn)業(yè)集群未形成”的問(wèn)題"
    assert normalize(raw)[0] == "一问如何解决“产业集群未形成”的问题"


def test_replacement_maps_to_span_start():
    raw = "甲   乙"
    assert normalize(raw) == ("甲 乙", [0, 1, 4, 5])


@pytest.mark.parametrize("path", CORPUS_PARAMS)
def test_corpus_offsets(path):
    raw = path.read_text(encoding="utf-8")
    text, offsets = normalize(raw)
    _check_map(raw, text, offsets)
    for bad in ("\r", "\ufeff", "  ", "，", "（", "）", "："):
        assert bad not in text
    assert all(line == line.strip(" \t") for line in text.split("\n"))


@pytest.mark.parametrize("path", CORPUS_PARAMS)
def test_corpus_idempotent(path):
    text, _ = normalize(path.read_text(encoding="utf-8"))
    assert normalize(text)[0] == text


# Markdown articles (issue 12 item 6): inline markup goes, block markers and lines stay.
MARKDOWN_DOCUMENTS = [
    ("以**云铝海鑫**为龙头,绿色铝产业链", "以云铝海鑫为龙头,绿色铝产业链"),
    ("以*合盛铝业*、旗滨玻璃为龙头", "以合盛铝业、旗滨玻璃为龙头"),
    ("以 __云铝海鑫__ 与 _云南锂电_ 为龙头", "以 云铝海鑫 与 云南锂电 为龙头"),
    ("以***云铝海鑫***为龙头", "以云铝海鑫为龙头"),
    ("~~旧名~~新名,`代码`", "旧名新名,代码"),
    ('印发[《实施意见》](http://example.cn/a.html "标题")。', "印发《实施意见》。"),
    # [公告] refers to nothing: a bracket as written; a definition is a line of its own
    ("见[通知][1]与[公告]。\n\n[1]: http://a.cn", "见通知与[公告]。\n\n[1]: http://a.cn"),
    ("![车间一角](642a5967copy.jpg)云南能投。", "云南能投。"),
    ("访问<http://a.cn>。", "访问http://a.cn。"),
    ("甲<br>乙<span>丙</span>", "甲乙丙"),
    ("3\\*4 &amp; 5", "3*4 & 5"),
    ("# **标题**\n正文。", "# 标题\n正文。"),
    ("| 企业名称 | 产业链 |\n|---|---|\n| **云铝海鑫** | 绿色铝产业链 |", None),
    ("- 以**云铝海鑫**为龙头\n- 第二项", "- 以云铝海鑫为龙头\n- 第二项"),
    ("> 引用 _强调_", "> 引用 强调"),
    ("    以**云铝海鑫**为龙头,段首缩进", "以云铝海鑫为龙头,段首缩进"),
    ("2 * 3 * 4 = 24,a_b_c,x*", "2 * 3 * 4 = 24,a_b_c,x*"),  # no emphasis: not flanking
]


@pytest.mark.parametrize(("raw", "expected"), MARKDOWN_DOCUMENTS)
def test_markdown_inline_markup_is_removed(raw, expected):
    text, offsets = normalize(raw, markdown=True)
    if expected is None:  # a table: its rows stay rows, the cell loses its markup
        assert text.splitlines()[-1] == "| 云铝海鑫 | 绿色铝产业链 |"
    else:
        assert text == expected
    _check_map(raw, text, offsets)
