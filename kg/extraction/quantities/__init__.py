"""Numbers with units in a sentence -> metric observations (subject, indicator, value, unit, year).

Each number with a unit (`kg/extraction/rules/quantities.toml`), and each rank (居全省第5位,
unit 位), becomes a `Metric`:

- **subject**: the place, park, firm or project the clause is about. A name opening the
  clause, after time phrases (2022年, 目前) or a description (链主型企业X, 位于…的X); else
  全市 / 全县 / 我省 … there, read as the place of that level named last in the paragraph,
  else the article's own (the best attested in its section: the title first, then how often
  it is named, photo captions left out); else 该公司 / 项目 / 园区 there, read as the nearest
  such thing named before (no project named: the subject is unknown, None; 园区 of no park in
  particular stays in the indicator: 园区营业收入). A figure's own owner comes first: the
  project after 的 (投资2.6亿元的X项目), a name right before a count (X集团86家协作商),
  全县 right before the figure. Otherwise the subject of an earlier clause of the sentence,
  of the sentence before when it ended with a semicolon, the paragraph's topic (a name that
  opened one of its sentences; a place holds on to the next heading in an article with
  headings), then the section's own place. A speaker's name (某公司总经理说) is the subject of
  what is said, never the paragraph's topic.
- **indicator**: the measured noun phrase before the number, without the how-words that say
  how it was reached (实现, 达到, 稳定在, 突破 …, listed), the subject or names; for a count,
  the things counted after it (有2760户规上企业 -> 规上企业数; 1.2万户群众 -> 群众户数; an
  action before the count names it: 签约9个项目 -> 签约项目数); a rate names its change
  (同比增长21.4% after 营收… -> 营收同比增长); a share names its whole (占全部税收的41.3%
  -> 纳税占全部税收比重); a figure with nothing of its own before it continues the one before
  (从800亿元提升至1200亿元, 12栋、380套, 8.6平方公里(12900亩)). A capacity inside a
  project's name is the project's (某地6万吨负极材料项目 -> 负极材料产能).
- **year**: the last year written before the number in its sentence (not a comparison base:
  是2021年的1.6倍), 今年 / 去年 and parts of a year (1—4月, 上半年) read against the
  article's date, else the paragraph's, else the year a paragraph opened with (2024年,…).
- **qualifier**: bounds (近, 超过, 以上 …) and, for a figure aimed at rather than reached,
  目标 (力争, 确保, 到2025年), 预计 (预计, 有望) or 计划: "以上(目标)", "预计", "目标".

Not statistics: numbers inside names, in a short quoted name (“4321”), in a heading or the
title (which restate the text), thresholds (5000万元以上项目), one per item (每个园区1名),
things counted again (上述6个), the items of a list counted (A、B及C3个), an article's own
measures (落实5项推进措施).

The modules, lowest first: `article` (its names, sections, headings, captions and own place),
`clauses` (a sentence's clauses and what each is about, the topic), `figures` (numbers, units,
ranks), `years` (the year of a figure, aims), `indicators` (what a figure measures) and
`metrics` (the step that puts them together).

>>> from kg.reading.reader import read_text
>>> from kg.run.pipeline import extract
>>> m = extract(read_text("2023年,遵义市工业营业收入完成1200.5亿元。")).metrics[0]
>>> (m.indicator, m.value, m.unit, m.year, m.subject.text)
('工业营业收入', 1200.5, '亿元', 2023, '遵义市')
"""

from __future__ import annotations

from kg.extraction.quantities.article import place_level
from kg.extraction.quantities.figures import UNITS
from kg.extraction.quantities.metrics import quantities

__all__ = ["quantities", "UNITS", "place_level"]
