"""Metrics (kg.quantities): (sentence, indicator, value, unit, year, subject)."""

import pytest

CASES = [
    ("2022年,昭通市工业总产值实现997.8亿元。", "工业总产值", 997.8, "亿元", 2022, "昭通市"),
    ("2022年,昭通市工业占GDP比重达25.2%。", "工业占GDP比重", 25.2, "%", 2022, "昭通市"),
    ("2022年,昭通市全市有3518户工业企业。", None, 3518, "户", 2022, "昭通市"),
    ("2023年,全县规模以上工业增加值增长8.5%。", "规模以上工业增加值", 8.5, "%", 2023, None),
]


@pytest.mark.parametrize("text, indicator, value, unit, year, subject", CASES)
def test_metric(extract_text, text, indicator, value, unit, year, subject):
    doc = extract_text(text)
    hits = [m for m in doc.metrics if m.value == value and m.unit == unit]
    assert hits, [(m.indicator, m.value, m.unit) for m in doc.metrics]
    m = hits[0]
    assert m.year == year
    if indicator:
        assert m.indicator == indicator
    if subject:
        assert m.subject is not None and m.subject.text == subject
    assert doc.text[m.start : m.end] == m.text


def test_numbers_inside_names_are_not_metrics(extract_text):
    doc = extract_text("德方纳米年产11万吨磷酸锰铁锂正极材料项目正式投产。")
    assert not [m for m in doc.metrics if m.value == 11]
