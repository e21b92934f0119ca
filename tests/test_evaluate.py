"""Tests for kg.extraction.evaluate: lenient matching, the counting conventions, and gold
self-agreement."""

from pathlib import Path

import pytest

from kg.errors import InputError
from kg.extraction.evaluate import (
    FieldScore,
    errors,
    format_scores,
    normalise,
    normalise_unit,
    predictions,
    score_corpus,
    score_document,
    strings_match,
)
from kg.extraction.gold import FIELDS, gold_for, load_gold
from kg.reading.document import Document, Mention, Metric, Relation, Sentence

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
GOLD_DIRS = [ROOT / "data" / "gold", SHARED / "gold" / "dev", SHARED / "gold" / "dev2"]

# Which mention type stands for each end of a gold string when gold is turned into predictions.
# Written out here, not imported from kg.extraction.evaluate, on purpose: an independent oracle, so
# that a wrong field-to-class mapping in the library fails the gold self-agreement tests.
ENTITY_TYPES = {
    "enterprises": "Enterprise",
    "chains": "IndustryChain",
    "parks": "IndustrialPark",
    "projects": "Project",
    "policies": "Policy",
}
PAIR_TYPES = {
    "leads_chain": ("leadsChain", "Enterprise", "IndustryChain"),
    "chain_leaders": ("chainLeaderOf", "Person", "IndustryChain"),
}


def make_doc(entities=(), relations=(), metrics=(), *, name="a.txt"):
    """A Document holding the given mentions, relations and metrics, offsets into a made-up text.

    `entities`: (type, text, label); `relations`: (predicate, subject, object), each end a
    (type, text, label) triple; `metrics`: (subject, indicator, value, unit, year), the subject
    a (type, text, label) triple or None.
    """
    parts, mentions, rels, stats = [], [], [], []

    def mention(type_, text, label):
        start = sum(len(p) + 1 for p in parts)
        parts.append(text)
        return Mention(type_, text, start, start + len(text), label=label)

    for type_, text, label in entities:
        mentions.append(mention(type_, text, label))
    for predicate, subject, object_ in relations:
        s, o = mention(*subject), mention(*object_)
        sentence = Sentence(s.start, o.end, f"{s.text}。{o.text}")
        rels.append(Relation(predicate, s, o, sentence))
    for subject, indicator, value, unit, year in metrics:
        s = subject and mention(*subject)
        m = mention("Metric", f"{indicator}{value}{unit}", "")
        sentence = Sentence(m.start, m.end, m.text)
        stats.append(Metric(indicator, value, unit, year, m.text, m.start, m.end, sentence, s))
    text = "。".join(parts)
    return Document(
        name=name,
        raw=text,
        text=text,
        offsets=list(range(len(text) + 1)),
        mentions=mentions,
        relations=rels,
        metrics=stats,
    )


def doc_from_gold(gold, *, with_optional=False):
    """Predictions that are the gold strings themselves, each a mention with that text/label."""
    sources = [gold, gold["optional"]] if with_optional else [gold]
    entities, relations = [], []
    metrics = []
    for source in sources:
        for field, type_ in ENTITY_TYPES.items():
            entities += [(type_, s, s) for s in source.get(field, ())]
        for field, (predicate, s_type, o_type) in PAIR_TYPES.items():
            pairs = source.get(field, ())
            relations += [(predicate, (s_type, s, s), (o_type, o, o)) for s, o in pairs]
        for subject, indicator, value, unit, year, _ in source.get("metrics", ()):
            end = None if subject == "*" else ("Region", subject, subject)
            metrics.append((end, indicator, value, unit, year))
    return make_doc(entities, relations, metrics)


# --- normalise / strings_match -------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("鹤庆溢鑫铝业有限公司", "鹤庆溢鑫铝业有限公司"),
        ("鶴慶溢鑫鋁業有限公司", "鹤庆溢鑫铝业有限公司"),
        ("《关于实施重点产业链链长制的工作方案》", "关于实施重点产业链链长制的工作方案"),
        ("“链长制”", "链长制"),
        ("‘店小二’", "店小二"),
        ("「新材料」产业链", "新材料产业链"),
        ("\"A\" 'B'", "AB"),
        ("新能源 产业链", "新能源产业链"),
        ("新能源\u3000产业\n链", "新能源产业链"),
        ("金葵农业（云南）股份有限公司", "金葵农业(云南)股份有限公司"),
        ("ＰＣＢ板", "PCB板"),
        ("", ""),
    ],
)
def test_normalise(text, expected):
    assert normalise(text) == expected


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ("新材料产业链", "新材料产业链", True),  # equal
        ("新材料", "新材料产业链", True),  # contained, exactly half as long (3 vs 6)
        ("新材料产业链", "新材料", True),  # either side may be the shorter
        ("材料产业", "新材料产业链", True),  # contained in the middle, 4 vs 6
        ("云铝海鑫", "海鑫", True),  # 2 vs 4
        ("新材", "新材料产业链", False),  # contained, below half (2 vs 6)
        ("新", "新材料产业链", False),  # contained, below half (1 vs 6)
        ("新材料产业链", "新能源产业链", False),  # same length, different
        ("材料新", "新材料产业链", False),  # long enough but not contained
        ("“新材料”产业链", "新材料产业链", True),  # quotes ignored
        ("《关于实施重点产业链链长制的工作方案》", "关于实施重点产业链链长制的工作方案", True),
        ("新 材料 产业链", "新材料产业链", True),  # spaces ignored
        ("鶴慶溢鑫鋁業有限公司", "鹤庆溢鑫铝业有限公司", True),  # traditional vs simplified
        ("北衙多金屬循環利用百億綠色產業園", "北衙多金属循环利用百亿绿色产业园", True),
        ("", "新材料", False),  # empty matches nothing
        ("", "", False),
        ("“”", "新材料", False),  # empty after normalising
    ],
)
def test_strings_match(a, b, expected):
    assert strings_match(a, b) is expected


# --- FieldScore conventions -------------------------------------------------------------------


@pytest.mark.parametrize(
    "counts, expected",
    [
        ((0, 0, 0, 0), (1.0, 1.0, 1.0)),  # nothing on either side
        ((0, 0, 0, 3), (1.0, 0.0, 0.0)),  # no predictions, some gold
        ((0, 2, 0, 0), (0.0, 1.0, 0.0)),  # predictions, no gold
        ((2, 2, 3, 3), (1.0, 1.0, 1.0)),
        ((1, 2, 1, 4), (0.5, 0.25, 1 / 3)),
        ((0, 2, 0, 2), (0.0, 0.0, 0.0)),
    ],
)
def test_field_score_conventions(counts, expected):
    s = FieldScore(*counts)
    assert (s.precision, s.recall, s.f1) == pytest.approx(expected)


def test_field_scores_add_up():
    a, b = FieldScore(1, 2, 3, 4, 1), FieldScore(1, 1, 1, 1, 0)
    assert a + b == a.add(b) == FieldScore(2, 3, 4, 5, 1)
    assert sum([a, b], FieldScore()) == FieldScore(2, 3, 4, 5, 1)


# --- scoring one document ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "pred_pair, gold_pair, matches",
    [
        (("市级领导", "绿色铝产业链"), ("市级领导", "*"), True),  # '*' matches any chain
        (("县领导", "绿色铝产业链"), ("市级领导", "*"), False),  # the subject must still match
        (("冯怀玉", "新材料产业链"), ("冯怀玉", "新材料产业链"), True),
        (("冯怀玉", "“新材料”"), ("冯怀玉", "新材料产业链"), True),  # lenient on both ends
        (("冯怀玉", "新能源产业链"), ("冯怀玉", "新材料产业链"), False),  # one end is not enough
        (("新材料产业链", "冯怀玉"), ("冯怀玉", "新材料产业链"), False),  # order matters
    ],
)
def test_pair_matching(pred_pair, gold_pair, matches):
    scores = score_document({"chain_leaders": [pred_pair]}, {"chain_leaders": [list(gold_pair)]})
    expected = FieldScore(int(matches), 1, int(matches), 1)
    assert scores["chain_leaders"] == expected


@pytest.mark.parametrize(
    "pred, expected",
    [
        # a prediction matched only by an optional item leaves the denominator
        (["云铝海鑫", "云南能投"], FieldScore(1, 1, 1, 1, 1)),
        # an unmatched optional item costs no recall
        (["云铝海鑫"], FieldScore(1, 1, 1, 1, 0)),
        # matching both a required and an optional item: a true positive
        (["云铝海鑫公司"], FieldScore(1, 1, 1, 1, 0)),
        # matching neither: a false positive
        (["云铝海鑫", "昭通市"], FieldScore(1, 2, 1, 1, 0)),
        ([], FieldScore(0, 0, 0, 1, 0)),
    ],
)
def test_optional_items_count_neither_for_nor_against(pred, expected):
    gold = {"enterprises": ["云铝海鑫"], "optional": {"enterprises": ["云南能投", "云铝海鑫公司"]}}
    assert score_document({"enterprises": pred}, gold)["enterprises"] == expected


@pytest.mark.parametrize(
    "type_, field, mentions, n_pred",
    [
        # one label, several surface texts: one prediction
        ("Enterprise", "enterprises", [("亿纬锂能", "亿纬锂能"), ("亿纬", "亿纬锂能")], 1),
        # labels equal after normalising (traditional script, quotes): one prediction
        ("IndustryChain", "chains", [("產業鏈", "“新能源”產業鏈"), ("x", "新能源产业链")], 1),
        # different labels: two predictions, even when both would match the same gold
        ("Enterprise", "enterprises", [("亿纬锂能", "亿纬锂能"), ("亿纬", "亿纬")], 2),
        ("Project", "projects", [], 0),
    ],
)
def test_distinct_entity_predictions(type_, field, mentions, n_pred):
    pred = predictions(make_doc([(type_, text, label) for text, label in mentions]))
    assert len(pred[field]) == n_pred
    assert score_document(pred, {field: []})[field].n_pred == n_pred


@pytest.mark.parametrize(
    "pairs, n_pred",
    [
        # pairs are distinct by (subject label, object label), whatever their texts
        (
            [
                ("立讯", "立讯精密", "新能源", "新能源产业链"),
                ("立讯精密", "立讯精密", "新能源产业链", "新能源产业链"),
            ],
            1,
        ),
        (
            [
                ("立讯", "立讯", "新能源", "新能源产业链"),
                ("立讯精密", "立讯精密", "新能源产业链", "新能源产业链"),
            ],
            2,
        ),
        ([("立讯", "立讯", "新能源", "新能源产业链"), ("立讯", "立讯", "新能源", "光伏产业链")], 2),
    ],
)
def test_distinct_pair_predictions(pairs, n_pred):
    relations = [
        ("leadsChain", ("Enterprise", s_text, s_label), ("IndustryChain", o_text, o_label))
        for s_text, s_label, o_text, o_label in pairs
    ]
    pred = predictions(make_doc(relations=relations))
    assert len(pred["leads_chain"]) == n_pred
    assert score_document(pred, {"leads_chain": []})["leads_chain"].n_pred == n_pred


def test_predictions_carry_label_and_texts():
    doc = make_doc(
        [
            ("Enterprise", "岚山恒能有限公司", "恒能"),
            ("Enterprise", "恒能", "恒能"),
            ("Region", "保山", "保山市"),
        ],
        [
            (
                "leadsChain",
                ("Enterprise", "恒讯", "恒讯"),
                ("IndustryChain", "新能源", "新能源产业链"),
            ),
            ("locatedIn", ("Enterprise", "恒讯", "恒讯"), ("Region", "腾冲", "腾冲市")),
        ],
    )
    pred = predictions(doc)
    assert set(pred) == set(FIELDS)
    assert pred["enterprises"] == [("恒能", {"岚山恒能有限公司", "恒能"})]
    assert pred["leads_chain"] == [(("恒讯", {"恒讯"}), ("新能源产业链", {"新能源"}))]
    assert pred["chains"] == pred["parks"] == pred["chain_leaders"] == []


def test_score_hand_built_document():
    doc = make_doc(
        [
            ("Enterprise", "云铝海鑫", "云铝海鑫"),
            ("Enterprise", "云南省能源投资集团", "云南能投"),  # matches gold by its label
            ("Enterprise", "合盛", "合盛硅业股份公司"),  # matches gold by its text only
            ("Enterprise", "昭通市", "昭通市"),  # false positive
            ("IndustryChain", "绿色铝产业链", "绿色铝产业链"),
            ("IndustrialPark", "經開區", "昭陽經開區"),  # traditional label
            ("Policy", "《昭通市重点产业链培育三年行动》", "昭通市重点产业链培育三年行动"),
        ],
        [
            (
                "leadsChain",
                ("Enterprise", "云铝海鑫", "云铝海鑫"),
                ("IndustryChain", "绿色铝产业链", "绿色铝产业链"),
            ),
            (
                "chainLeaderOf",
                ("Person", "市级领导", "市级领导"),
                ("IndustryChain", "绿色铝产业链", "绿色铝产业链"),
            ),
        ],
    )
    gold = {
        "leads_chain": [["云铝海鑫", "绿色铝产业链"], ["合盛铝业", "绿色硅全产业链"]],
        "chain_leaders": [["市级领导", "*"]],
        "enterprises": ["云铝海鑫", "云南能投", "合盛", "旗滨玻璃"],
        "chains": ["绿色铝产业链", "绿色硅全产业链"],
        "parks": ["昭阳经开区"],
        "projects": [],
        "policies": ["昭通市重点产业链培育三年行动"],
        "notes": "ignored",
        "regions": ["昭通市"],
    }
    scores = score_document(predictions(doc), gold)
    assert scores == {
        "leads_chain": FieldScore(1, 1, 1, 2),
        "chain_leaders": FieldScore(1, 1, 1, 1),
        "enterprises": FieldScore(3, 4, 3, 4),
        "chains": FieldScore(1, 1, 1, 2),
        "parks": FieldScore(1, 1, 1, 1),
        "projects": FieldScore(0, 0, 0, 0),
        "policies": FieldScore(1, 1, 1, 1),
    }
    wrong = errors(predictions(doc), gold)
    assert wrong["enterprises"] == {
        "false_positives": ["昭通市"],
        "false_negatives": ["旗滨玻璃"],
        "optional": [],
    }
    assert wrong["leads_chain"]["false_negatives"] == [("合盛铝业", "绿色硅全产业链")]
    assert wrong["chains"]["false_negatives"] == ["绿色硅全产业链"]


def test_gold_counts_each_normalised_form_once():
    gold = {"parks": ["昭陽經開區", "昭阳经开区", "“昭阳经开区”"]}
    assert score_document({}, gold)["parks"] == FieldScore(0, 0, 0, 1)


# --- metrics ---------------------------------------------------------------------------------

CITY = ("Region", "青岚市", "青岚市")
GOLD_METRIC = ["青岚市", "规模以上工业增加值", 120.5, "亿元", 2023]


@pytest.mark.parametrize(
    "subject, indicator, value, unit, year, matches",
    [
        (CITY, "规模以上工业增加值", 120.5, "亿元", 2023, True),  # equal on every part
        (("Region", "青岚", "青岚市"), "规模以上工业增加值", 120.5, "亿元", 2023, True),  # label
        (("Region", "青岚", "青岚"), "规模以上工业增加值", 120.5, "亿元", 2023, True),  # 2 of 3
        (("Region", "白沙县", "白沙县"), "规模以上工业增加值", 120.5, "亿元", 2023, False),
        (None, "规模以上工业增加值", 120.5, "亿元", 2023, False),  # no subject: only `*`
        (CITY, "工业增加值", 120.5, "亿元", 2023, True),  # predicted inside gold: no length rule
        (CITY, "全市规模以上工业增加值总量", 120.5, "亿元", 2023, True),  # gold inside predicted
        (CITY, "工业总产值", 120.5, "亿元", 2023, False),  # neither contains the other
        (CITY, "", 120.5, "亿元", 2023, False),  # an empty indicator names nothing
        (CITY, "规模以上工业增加值", 120.4, "亿元", 2023, False),  # value
        (CITY, "规模以上工业增加值", 120.5, "万元", 2023, False),  # scale is part of the unit
        (CITY, "规模以上工业增加值", 120.5, "億元", 2023, True),  # traditional script
        (CITY, "规模以上工业增加值", 120.5, "亿元", 2022, False),  # year
        (CITY, "规模以上工业增加值", 120.5, "亿元", None, False),  # gold has a year, pred none
    ],
)
def test_metric_matching(subject, indicator, value, unit, year, matches):
    pred = predictions(make_doc(metrics=[(subject, indicator, value, unit, year)]))
    scores = score_document(pred, {"metrics": [GOLD_METRIC]})
    assert scores["metrics"] == FieldScore(int(matches), 1, int(matches), 1)


@pytest.mark.parametrize(
    "gold, pred, matches",
    [
        # gold year null: any predicted year
        (
            ["青岚市", "粮食总产量", 80, "万吨", None],
            (CITY, "粮食总产量", 80.0, "万吨", 2024),
            True,
        ),
        # gold subject `*` (the article never says where): any subject, or none
        (["*", "粮食总产量", 80, "万吨", None], (None, "粮食总产量", 80, "万吨", None), True),
        (["*", "粮食总产量", 80, "万吨", None], (CITY, "粮食总产量", 80, "万吨", None), True),
        # units after normalise_unit
        (["青岚市", "产能", 30, "万吨/年", None], (CITY, "年产能", 30, "万吨", None), True),
        (["青岚市", "出口增长", 12, "%", None], (CITY, "出口增长", 12, "％", None), True),
        (["青岚市", "装机", 2, "GW", None], (CITY, "装机", 2, "gw", None), True),
        (["青岚市", "占比提高", 2, "个百分点", None], (CITY, "占比提高", 2, "百分点", None), True),
        (["青岚市", "占比提高", 2, "个百分点", None], (CITY, "占比提高", 2, "%", None), False),
        # the object form: year may be absent, other keys are not scored
        (
            {"subject": "青岚市", "indicator": "粮食总产量", "value": 80, "unit": "万吨"},
            (CITY, "粮食总产量", 80, "万吨", 2024),
            True,
        ),
        (
            {
                "subject": "青岚市",
                "indicator": "粮食总产量",
                "value": 80,
                "unit": "万吨",
                "year": 2024,
                "text": "粮食总产量达80万吨",
                "qualifier": "超过",
            },
            (CITY, "粮食总产量", 80, "万吨", 2024),
            True,
        ),
        # alt_subject: a second reading of whose figure it is
        (
            {
                "subject": "一批光伏项目",
                "alt_subject": "青岚市",
                "indicator": "总投资",
                "value": 20.5,
                "unit": "亿元",
                "year": None,
            },
            (CITY, "总投资", 20.5, "亿元", None),
            True,
        ),
    ],
)
def test_metric_gold_forms(gold, pred, matches):
    scores = score_document(predictions(make_doc(metrics=[pred])), {"metrics": [gold]})
    assert scores["metrics"] == FieldScore(int(matches), 1, int(matches), 1)


@pytest.mark.parametrize(
    "pred, expected",
    [
        # matched only by an optional item: out of the denominator
        (
            [(CITY, "规模以上工业增加值", 120.5, "亿元", 2023), (CITY, "增速", 8, "%", 2023)],
            FieldScore(1, 1, 1, 1, 1),
        ),
        # an unmatched optional item costs no recall
        ([(CITY, "规模以上工业增加值", 120.5, "亿元", 2023)], FieldScore(1, 1, 1, 1, 0)),
        # matching neither: a false positive
        (
            [(CITY, "规模以上工业增加值", 120.5, "亿元", 2023), (CITY, "税收", 9, "亿元", 2023)],
            FieldScore(1, 2, 1, 1, 0),
        ),
    ],
)
def test_optional_metrics_count_neither_for_nor_against(pred, expected):
    gold = {"metrics": [GOLD_METRIC], "optional": {"metrics": [["青岚市", "增速", 8, "%", 2023]]}}
    assert score_document(predictions(make_doc(metrics=pred)), gold)["metrics"] == expected


@pytest.mark.parametrize(
    "gold, scored",
    [
        ({"chains": ["纺织产业链"]}, {"chains"}),  # no metrics key: metrics not scored
        ({"chains": ["纺织产业链"], "metrics": []}, {"chains", "metrics"}),  # []: "none here"
        ({"metrics": [GOLD_METRIC]}, {"metrics"}),  # no entity keys: entities not scored
        ({}, set()),
    ],
)
def test_only_annotated_fields_are_scored(gold, scored):
    doc = make_doc(
        [("IndustryChain", "纺织产业链", "纺织产业链"), ("Enterprise", "星河化工", "星河化工")],
        metrics=[(CITY, "税收", 9, "亿元", 2023)],
    )
    scores = score_document(predictions(doc), gold)
    assert set(scores) == scored
    assert set(errors(predictions(doc), gold)) == scored


def test_metric_predictions_are_distinct_by_normalised_parts():
    doc = make_doc(
        metrics=[
            (("Region", "青岚", "青岚市"), "税收", 9, "亿元", 2023),
            (("Region", "青岚市", "青岚市"), "税收", 9.0, "億元", 2023),  # the same statistic
            (("Region", "青岚市", "青岚市"), "税收", 9, "亿元", 2022),  # another year
            (None, "税收", 9, "亿元", 2023),  # no subject
        ]
    )
    pred = predictions(doc)["metrics"]
    assert len(pred) == 3
    assert pred[0] == (("青岚市", {"青岚", "青岚市"}), "税收", 9, "亿元", 2023)


def test_a_fact_names_its_entity_by_any_form_the_article_writes():
    # one firm, written in full and by its brand and 集团: a statistic about it matches gold
    # that names it either way
    doc = make_doc(
        [
            ("Enterprise", "广西岚柴机器集团有限公司", "广西岚柴机器集团有限公司"),
            ("Enterprise", "岚柴集团", "广西岚柴机器集团有限公司"),
        ],
        metrics=[
            (
                ("Enterprise", "广西岚柴机器集团有限公司", "广西岚柴机器集团有限公司"),
                "发动机日均产出量",
                2000,
                "台",
                None,
            )
        ],
    )
    gold = {"metrics": [["岚柴集团", "发动机日均产出量", 2000, "台", None]]}
    assert score_document(predictions(doc), gold)["metrics"].tp_gold == 1


def test_metric_errors_are_listed_as_tuples():
    pred = predictions(make_doc(metrics=[(CITY, "税收", 9, "亿元", 2023)]))
    wrong = errors(pred, {"metrics": [GOLD_METRIC]})["metrics"]
    assert wrong == {
        "false_positives": [("青岚市", "税收", 9, "亿元", 2023)],
        "false_negatives": [("青岚市", "规模以上工业增加值", 120.5, "亿元", 2023)],
        "optional": [],
    }


@pytest.mark.parametrize(
    "unit, expected",
    [
        ("億元", "亿元"),
        ("％", "%"),
        ("万吨/年", "万吨"),
        ("GWh", "gwh"),
        ("百分点", "个百分点"),
        ("萬輛", "万辆"),
        ("平方千米", "平方公里"),
        ("亿元", "亿元"),
    ],
)
def test_normalise_unit(unit, expected):
    assert normalise_unit(unit) == expected


# --- files and corpus -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "doc_name, gold_name",
    [
        ("07_jiangsu.txt", "07_jiangsu.json"),
        ("07_jiangsu.md", "07_jiangsu.json"),
        ("corpus/dev/07_jiangsu.txt", "07_jiangsu.json"),
        ("missing.txt", None),
    ],
)
def test_gold_for(tmp_path, doc_name, gold_name):
    (tmp_path / "07_jiangsu.json").write_text('{"chains": ["电子信息"]}', encoding="utf-8")
    gold = gold_for(doc_name, tmp_path)
    if gold_name is None:
        assert gold is None
    else:
        assert gold == load_gold(tmp_path / gold_name)
        assert gold["chains"] == ["电子信息"] and "parks" not in gold  # absent: not scored


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        '["a list"]',
        '{"chains": "电子信息"}',
        '{"chains": [1]}',
        '{"leads_chain": [["只有一端"]]}',
        '{"optional": ["a"]}',
        '{"optional": {"parks": "x"}}',
        '{"metrics": "x"}',
        '{"metrics": [["青岚市", "税收", 9, "亿元"]]}',
        '{"metrics": [["青岚市", "税收", "9", "亿元", 2023]]}',
        '{"metrics": [["青岚市", "税收", 9, "亿元", "2023"]]}',
        '{"metrics": [["青岚市", "税收", true, "亿元", 2023]]}',
        '{"metrics": [{"subject": "青岚市", "indicator": "税收", "value": 9}]}',
        '{"metrics": [{"subject": "青岚市", "indicator": "税收", "value": 9, "unit": "亿元", '
        '"alt_subject": 3}]}',
        '{"optional": {"metrics": [[1, 2, 3, 4, 5]]}}',
    ],
)
def test_load_gold_rejects_malformed_files(tmp_path, content):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match="bad.json"):
        load_gold(path)


def test_missing_gold_folder_is_an_error(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        gold_for("a.txt", tmp_path / "nowhere")


def test_score_corpus_micro_averages_and_lists_skipped(tmp_path):
    (tmp_path / "a.json").write_text('{"chains": ["新材料产业链", "电子信息产业链"]}', "utf-8")
    (tmp_path / "b.json").write_text('{"chains": ["新能源产业链"]}', "utf-8")
    docs = [
        make_doc([("IndustryChain", "新材料", "新材料产业链")], name="a.txt"),
        make_doc([("IndustryChain", "x", "纺织产业链")], name="b.txt"),
        make_doc([("IndustryChain", "x", "纺织产业链")], name="c.txt"),
    ]
    total, per_doc = score_corpus(docs, tmp_path)
    assert per_doc["a.txt"]["chains"] == FieldScore(1, 1, 1, 2)
    assert per_doc["b.txt"]["chains"] == FieldScore(0, 1, 0, 1)
    assert per_doc["c.txt"] == {}  # no gold: listed, not scored
    assert total["chains"] == FieldScore(1, 2, 1, 3)
    assert "parks" not in total  # no gold file has it: not scored, not a perfect 1.0


def test_format_scores_has_ten_lines():
    total = {field: FieldScore() for field in FIELDS}
    total["chains"] = FieldScore(1, 2, 1, 4, 1)
    lines = format_scores(total).splitlines()
    assert len(lines) == 1 + len(FIELDS) + 1 == 10
    assert lines[0].split()[:4] == ["field", "P", "R", "F1"]
    assert [line.split()[0] for line in lines[1:]] == [*FIELDS, "overall"]
    assert lines[FIELDS.index("chains") + 1].split()[1:] == "0.500 0.250 0.333 1 2 1 4 1".split()
    assert lines[-1].split()[1:4] == ["0.500", "0.250", "0.333"]


# --- gold against itself ----------------------------------------------------------------------


def gold_files():
    params = []
    for folder in GOLD_DIRS:
        files = sorted(folder.glob("*.json"))
        if not files:
            reason = f"no gold files in {folder} (shared data sits beside the repository)"
            params.append(pytest.param(None, id=folder.name, marks=pytest.mark.skip(reason=reason)))
        for path in files:
            params.append(pytest.param(path, id=f"{folder.parent.name}/{folder.name}/{path.stem}"))
    return params


@pytest.mark.parametrize("path", gold_files())
@pytest.mark.parametrize("with_optional", [False, True], ids=["gold", "gold+optional"])
def test_gold_scores_perfectly_against_itself(path, with_optional):
    gold = load_gold(path)
    scores = score_document(predictions(doc_from_gold(gold, with_optional=with_optional)), gold)
    annotated = [field for field in FIELDS if field in gold]
    assert {field: s.f1 for field, s in scores.items()} == dict.fromkeys(annotated, 1.0)
