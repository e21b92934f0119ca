"""Metrics (kg.extraction.quantities): each phrasing the step reads, as a case of its own.
Here the step as a whole (what is no statistic, both ends of a range, a long article) and the
helpers of the case tables of its parts (test_quantities_subjects, _indicators, _years).

The texts are made up for these tests (places from the national division list that no
development article names, firms and parks of our own), so the rules they hold are about
phrasings, not about particular articles.
"""

import pytest

# A city article: a title naming the city, a photo caption naming one of its counties (which
# must not become the article's place), then the text.
CITY = "# 遵义:工业稳步向前\n\n湄潭县茶园一角。\n\n遵义市大力发展工业。\n\n"
PARK = "# 柳州高新区打造汽车产业高地\n\n柳州高新区近年来发展迅速。\n\n"


def cases(table):
    """A table of (id, text, value, unit, expected fields) as pytest parameters."""
    return [pytest.param(*case[1:], id=case[0]) for case in table]


def metric(doc, value, unit):
    """The first metric of `doc` with `value` and `unit` (there must be one)."""
    hits = [m for m in doc.metrics if m.value == value and m.unit == unit]
    assert hits, [(m.indicator, m.value, m.unit) for m in doc.metrics]
    return hits[0]


def check(doc, value, unit, expected):
    """The metric of `doc` with `value` and `unit` has the `expected` fields, and its text is
    the document's at its offsets, inside its sentence."""
    m = metric(doc, value, unit)
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
    ("a threshold", "遵义市谋划储备了5000万元以上产业项目126个。", 5000, "万元"),
    ("a threshold picking out firms", "全市规上工业企业中,产值超10亿元的企业15家。", 10, "亿元"),
    (
        "a threshold picking out a kind of project",
        "全市实施投资过800万元的工业技改项目57个。",
        800,
        "万元",
    ),
    ("a threshold picking out a kind of firm", "新增营收超5亿元的制造业企业9家。", 5, "亿元"),
    ("one per item", "每个园区配备1名联络员、3至5个服务专员。", 5, "个"),
    ("a rank in 位 (前10位)", "遵义市综合实力排名前10位。", 10, "位"),
    ("a rank in 期 (第5期)", "遵义市召开第5期推进会。", 5, "期"),
    ("a family's story, not a statistic", "如今,孙子带领10多位乡亲成立运输公司。", 10, "位"),
    ("a share after a verb, of a whole it does not name", "促进2户企业逐步恢复70%产能。", 70, "%"),
    ("counted again", "遵义市将在上述6个行业推行专班制。", 6, "个"),
    ("a count of the items listed", "着力构建白酒、茶及辣椒3个百亿级产业集群。", 3, "个"),
    (
        "a count of the items listed, head unread",
        "出台白酒、茶及辣椒3个百亿级方案。",
        3,
        "个",
    ),
    ("the firms listed, counted", "遵义市星河公司、蓝湾公司2家企业通过验收。", 2, "家"),
    ("the article's own measures", "对照短板,遵义市落实5项推进措施。", 5, "项"),
    ("a number in quotes", "遵义市构建“4321个”现代产业体系。", 4321, "个"),
    ("the title restates the text", "# 遵义三年冲刺7万亿元\n\n遵义市发展工业。", 7, "万亿元"),
    ("a part count that is not whole", "遵义市有3.5家企业。", 3.5, "家"),
    ("the article's own tally of indicators", "遵义市工业投资等4项指标增速全省第一。", 4, "项"),
    ("the article's own working groups", "遵义市建立12个产业链推进专班。", 12, "个"),
    (
        "a figure that opens a project's name",
        "抽水蓄能项目动工,300MW地面分布式光伏、智慧能源等项目加快推进。",
        300,
        "MW",
    ),
    (
        "some of the things counted before",
        "全市16项主要经济指标中13项增幅居全省前三。",
        13,
        "项",
    ),
    (
        "some of the things counted before, with 有",
        "岚山县签约8个项目,8个项目中有6个与竹产业有关。",
        6,
        "个",
    ),
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
    doc = extract_text("柳州高新区拟引进汽车电子企业30到50家。")
    low, high = sorted((m for m in doc.metrics if m.unit == "家"), key=lambda m: m.value)
    assert (low.value, high.value) == (30, 50)
    assert (low.start, low.end) != (high.start, high.end)  # two observation IRIs, not one
    assert doc.text[high.start : high.end] == "50家"


def test_every_figure_of_a_long_article(extract_text):
    text = CITY + "\n\n".join(f"2023年,全市第{i}类产品产量达{i}.5万吨。" for i in range(1, 200))
    doc = extract_text(text)
    assert len([m for m in doc.metrics if m.unit == "万吨"]) == 199
    assert {m.subject.label for m in doc.metrics if m.unit == "万吨"} == {"遵义市"}


def test_a_bound_before_a_named_project_is_its_figure(extract_text):
    doc = extract_text("总投资超12亿元的岚泰新材料项目开工。")
    check(doc, 12, "亿元", {"indicator": "总投资", "subject": "岚泰新材料项目", "qualifier": "超"})
