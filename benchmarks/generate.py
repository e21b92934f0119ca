"""A corpus generator for scale runs: N realistic articles with their gold annotations.

    .venv/bin/python benchmarks/generate.py --articles 1000 --out /tmp/gen [--seed 0]

Each article recombines sentence patterns of the kinds the extractor handles (the phrasings of
kg/extraction/rules/relations.toml: 以X为龙头, 确定X为…链主企业, …链长由X担任, X落户P,
由E投资建设的J, R出台《Y》, R与E签约, metrics with years) with generated firm, chain, park,
project, policy and person names, between sentences that name nothing. Writes
``OUT/corpus/gen_NNNNNN.txt`` and ``OUT/gold/gen_NNNNNN.json`` (the fields of data/gold/*.json:
leads_chain, chain_leaders, enterprises, chains, parks, projects, policies).

Article i depends only on (seed, i), so the corpus is the same on every run and any article can
be made alone; articles are written one at a time and never held together in memory.

>>> text, gold = article(0, seed=0)
>>> text == article(0, seed=0)[0], 1500 <= len(text) <= 3000
(True, True)
>>> sorted(gold)
['chain_leaders', 'chains', 'enterprises', 'leads_chain', 'parks', 'policies', 'projects']
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

__all__ = ["article", "generate", "FIELDS"]

FIELDS = ("leads_chain", "chain_leaders", "enterprises", "chains", "parks", "projects", "policies")

# Places as (short name, full name): parks and titles use the short one.
PLACES = [
    ("曲靖", "曲靖市"), ("昭通", "昭通市"), ("溧阳", "溧阳市"), ("株洲", "株洲市"),
    ("常州", "常州市"), ("合肥", "合肥市"), ("吉安", "吉安市"), ("内江", "内江市"),
    ("宜宾", "宜宾市"), ("赣州", "赣州市"), ("襄阳", "襄阳市"), ("芜湖", "芜湖市"),
    ("盐城", "盐城市"), ("遵义", "遵义市"), ("柳州", "柳州市"), ("九江", "九江市"),
    ("德阳", "德阳市"), ("绵阳", "绵阳市"), ("岳阳", "岳阳市"), ("常德", "常德市"),
    ("玉溪", "玉溪市"), ("泸州", "泸州市"), ("鹤庆", "鹤庆县"), ("彝良", "彝良县"),
    ("镇雄", "镇雄县"), ("长兴", "长兴县"), ("昆山", "昆山市"), ("江阴", "江阴市"),
]  # fmt: skip
FIRM_HEADS = [
    "华信", "恒远", "瑞丰", "长信", "宁泰", "恒通", "隆辉", "华康", "百泰", "中创", "金茂",
    "天合", "博源", "鑫达", "永安", "汇川", "海润", "东升", "国泰", "新宇", "正邦", "安捷",
    "兴业", "凯盛", "嘉和", "德润", "盛达", "宏基", "富源", "晶科", "华邦", "远景", "蓝海",
    "中晟", "同创", "锦程", "万丰", "立达", "宇航", "恒瑞", "和顺", "昌盛", "振华", "鼎信",
]  # fmt: skip
FIRM_TRADES = [
    "新材", "科技", "能源", "智造", "电子", "药业", "生物", "汽车", "绿能", "锂电", "化工",
    "铝业", "光电", "装备", "精密", "硅业", "微电", "纺织", "食品", "动力",
]  # fmt: skip
# Chains as (industry, product): the product names projects of the chain.
CHAINS = [
    ("新能源电池", "锂电池正极材料"), ("新能源汽车", "新能源整车"), ("集成电路", "芯片封装测试"),
    ("生物医药", "原料药"), ("高端装备", "数控机床"), ("电子信息", "印制电路板"),
    ("新材料", "碳纤维"), ("绿色铝", "铝合金扁锭"), ("光伏", "单晶硅片"), ("储能", "储能电池"),
    ("纺织服装", "功能性面料"), ("食品加工", "预制菜"), ("绿色硅", "工业硅"),
    ("汽车零部件", "汽车轮毂"), ("工程机械", "液压件"), ("磷化工", "磷酸铁"),
    ("轨道交通装备", "牵引系统"), ("智能家电", "智能家电"), ("现代中药", "中药饮片"),
    ("氢能", "氢燃料电池"),
]  # fmt: skip
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何罗高林"
GIVEN = "建国明远志强海涛晓东丽华文斌春雷国庆永刚红梅振宇德胜卫东学军"
TITLES = ["市委副书记", "副市长", "市委常委、副市长", "市人大常委会副主任", "市政协副主席"]
ROLES = ["市级领导", "县级领导", "市领导"]
PARK_KINDS = ["经济开发区", "高新区", "经开区", "工业园区"]
FILLER = [
    "会议强调,要坚持问题导向,强化要素保障,推动各项工作落地见效。",
    "今年以来,全市上下坚持稳中求进工作总基调,经济运行总体平稳、稳中有进。",
    "与会人员围绕产业发展中的堵点难点问题进行了深入交流。",
    "下一步,将持续优化营商环境,做好企业服务工作,推动产业集聚发展。",
    "各地各部门要提高政治站位,压实工作责任,形成工作合力。",
    "要聚焦补链延链强链,精准开展招商引资,不断提升产业链供应链韧性。",
    "会上,相关部门负责同志汇报了近期工作进展情况。",
    "要加强统筹调度,建立健全工作台账,确保按时保质完成年度目标任务。",
    "据了解,该项目建成投产后,将有效带动当地就业和税收增长。",
    "记者在现场看到,施工人员正在加紧作业,各类机械设备往来穿梭。",
    "企业负责人表示,将进一步加大研发投入,提升产品竞争力。",
    "要强化科技创新引领,推动产学研深度融合,加快培育新质生产力。",
]  # fmt: skip
TITLE_PATTERNS = [
    "{place}召开重点产业链链长制工作推进会",
    "{place}:链长挂帅 推动产业链高质量发展",
    "{place}{industry}产业链发展势头强劲",
    "{place}扎实推进产业链链长制工作",
]


class _Article:
    """One article being written: its sentences and its gold, filled together."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.gold: dict[str, list] = {f: [] for f in FIELDS}
        place, full = rng.choice(PLACES)
        self.place, self.region = place, full
        self.firms = self._distinct(self._firm, 6)
        self.chains = self._distinct(lambda: rng.choice(CHAINS), 4)

    def _distinct(self, make: Callable, n: int) -> list:
        out: list = []
        for _ in range(n * 10):
            item = make()
            if item not in out:
                out.append(item)
            if len(out) == n:
                break
        return out

    def _firm(self) -> str:
        return self.rng.choice(FIRM_HEADS) + self.rng.choice(FIRM_TRADES)

    def note(self, field: str, *items: str | list[str]) -> None:
        for item in items:
            if item not in self.gold[field]:
                self.gold[field].append(item)

    def firm(self) -> str:
        name = self.rng.choice(self.firms)
        self.note("enterprises", name)
        return name

    def firms_list(self, k: int) -> list[str]:
        names = self.rng.sample(self.firms, k)
        self.note("enterprises", *names)
        return names

    def chain(self) -> tuple[str, str]:
        industry, product = self.rng.choice(self.chains)
        name = f"{industry}产业链"
        self.note("chains", name)
        return name, product

    def product(self) -> str:
        return self.rng.choice(self.chains)[1]

    def person(self) -> str:
        rng = self.rng
        return rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2))))

    def park(self) -> str:
        name = self.place + self.rng.choice(PARK_KINDS)
        self.note("parks", name)
        return name

    def project(self, firm: str, product: str) -> str:
        n = self.rng.choice((2, 3, 5, 10, 20, 30, 50))
        name = f"{firm}年产{n}万吨{product}项目"
        self.note("projects", name)
        return name


def _leads(a: _Article, firms: list[str], chain: str) -> None:
    a.note("leads_chain", *[[f, chain] for f in firms])


def _s_lead_first(a: _Article) -> str:
    firms, (chain, _) = a.firms_list(a.rng.choice((1, 2))), a.chain()
    _leads(a, firms, chain)
    return f"以{'、'.join(firms)}为龙头,{chain}项目稳步推进。"


def _s_chain_with_lead(a: _Article) -> str:
    chain, _ = a.chain()
    firm = a.firm()
    _leads(a, [firm], chain)
    return f"{chain}以{firm}为龙头,集聚上下游企业{a.rng.randint(20, 200)}余家。"


def _s_named_leaders(a: _Article) -> str:
    firms, (chain, _) = a.firms_list(2), a.chain()
    _leads(a, firms, chain)
    return f"该市确定{'、'.join(firms)}为{chain}链主企业。"


def _s_built_around(a: _Article) -> str:
    firm, (chain, _) = a.firm(), a.chain()
    _leads(a, [firm], chain)
    return f"加快构建以{firm}为链主的{chain}。"


def _s_acts_as(a: _Article) -> str:
    firm, (chain, _) = a.firm(), a.chain()
    _leads(a, [firm], chain)
    return f"{firm}作为{chain}的链主企业,带动上下游企业集聚发展。"


def _s_chain_leader_firm(a: _Article) -> str:
    chain, _ = a.chain()
    firm = a.firm()
    _leads(a, [firm], chain)
    return f"{chain}链主企业{firm}新增产能{a.rng.randint(2, 40)}万吨。"


def _s_gathered(a: _Article) -> str:
    chain, _ = a.chain()
    firms = a.firms_list(2)
    _leads(a, firms, chain)
    return f"{chain}聚集了{'、'.join(firms)}等龙头企业。"


def _s_person_leader(a: _Article) -> str:
    chain, _ = a.chain()
    who = a.person()
    a.note("chain_leaders", [who, chain])
    form = a.rng.randrange(3)
    if form == 0:
        return f"{a.rng.choice(TITLES)}、{chain}链长{who}主持召开会议。"
    if form == 1:
        return f"{a.rng.choice(TITLES)}{who}担任{chain}链长。"
    return f"{chain}链长由{a.rng.choice(TITLES)}{who}担任。"


def _s_role_leader(a: _Article) -> str:
    role = a.rng.choice(ROLES)
    a.note("chain_leaders", [role, "*"])
    return f"{a.region}建立重点产业链链长制,由{role}担任产业链链长。"


def _s_project_in_park(a: _Article) -> str:
    project, park = a.project(a.firm(), a.product()), a.park()
    if a.rng.random() < 0.5:
        return f"{project}落户{park}。"
    return f"近日,在{park},{project}正式投产。"


def _s_developed_by(a: _Article) -> str:
    product, firm = a.product(), a.firm()
    n = a.rng.choice((2, 5, 10, 15))
    project = f"年产{n}万吨{product}项目"
    a.note("projects", project)
    return f"由{firm}投资建设的{project}开工。"


def _s_policy(a: _Article) -> str:
    industry, _ = a.rng.choice(a.chains)
    name = a.rng.choice(
        [
            f"关于加快{industry}产业高质量发展的意见",
            f"{a.region}{industry}产业发展三年行动方案",
            f"{a.region}重点产业链链长制工作方案",
        ]
    )
    a.note("policies", name)
    return f"{a.region}出台《{name}》,明确了发展目标和重点任务。"


def _s_signed(a: _Article) -> str:
    firms = a.firms_list(a.rng.choice((1, 2)))
    if len(firms) == 1:
        return f"{a.region}与{firms[0]}签订战略合作协议。"
    return f"会上,{a.region}与{'、'.join(firms)}等企业成功签约。"


def _s_chain_project(a: _Article) -> str:
    chain, product = a.chain()
    project = f"{product}项目"
    a.note("projects", project)
    return f"{chain}重点项目{project}开工建设。"


def _s_park_attracts(a: _Article) -> str:
    park, firm = a.park(), a.firm()
    return f"{park}引进{firm}等企业{a.rng.randint(3, 30)}家。"


def _s_metric(a: _Article) -> str:
    chain, _ = a.chain()
    year = a.rng.choice((2021, 2022, 2023, 2024))
    value = a.rng.randint(500, 9000) / 10
    growth = a.rng.randint(20, 300) / 10
    return f"{year}年,{chain}实现产值{value}亿元,同比增长{growth}%。"


PATTERNS = [
    _s_lead_first, _s_chain_with_lead, _s_named_leaders, _s_built_around, _s_acts_as,
    _s_chain_leader_firm, _s_gathered, _s_person_leader, _s_role_leader, _s_project_in_park,
    _s_developed_by, _s_policy, _s_signed, _s_chain_project, _s_park_attracts, _s_metric,
]  # fmt: skip


def article(i: int, *, seed: int = 0, chars: int = 2000) -> tuple[str, dict]:
    """Article number `i` of the corpus of `seed`: its text (about `chars` long) and its gold."""
    rng = random.Random(f"chainkg-{seed}-{i}")
    a = _Article(rng)
    industry = a.chains[0][0]
    title = rng.choice(TITLE_PATTERNS).format(place=a.region, industry=industry)
    target = int(chars * rng.uniform(0.8, 1.2))
    paragraphs: list[str] = []
    size = len(title)
    while size < target:
        sentences = []
        for _ in range(rng.randint(3, 6)):
            if rng.random() < 0.55:
                sentences.append(rng.choice(PATTERNS)(a))
            else:
                sentences.append(rng.choice(FILLER))
        paragraph = "".join(sentences)
        paragraphs.append(paragraph)
        size += len(paragraph) + 1
    text = title + "\n" + "\n".join(paragraphs) + "\n"
    return text, a.gold


def generate(
    n: int,
    out: str | Path,
    *,
    seed: int = 0,
    chars: int = 2000,
    start: int = 0,
) -> dict[str, int]:
    """Write articles `start`..`start+n-1` to `out/corpus` and their gold to `out/gold`.

    Returns ``{"articles": n, "characters": total}``. Files already present are rewritten
    with the same content.
    """
    out = Path(out)
    corpus, gold_dir = out / "corpus", out / "gold"
    corpus.mkdir(parents=True, exist_ok=True)
    gold_dir.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(start, start + n):
        text, gold = article(i, seed=seed, chars=chars)
        name = f"gen_{i:06d}"
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
        (gold_dir / f"{name}.json").write_text(
            json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        total += len(text)
    return {"articles": n, "characters": total}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--articles", type=int, default=1000, help="how many articles (1000)")
    p.add_argument("--out", required=True, help="folder for corpus/ and gold/")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--chars", type=int, default=2000, help="mean article length (2000)")
    args = p.parse_args(argv)
    if args.articles < 1:
        p.error("--articles must be at least 1")
    started = time.perf_counter()
    stats = generate(args.articles, args.out, seed=args.seed, chars=args.chars)
    sys.stdout.write(
        f"wrote {stats['articles']:,} articles ({stats['characters']:,} characters) "
        f"with gold to {args.out} in {time.perf_counter() - started:.1f}s\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
