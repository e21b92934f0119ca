"""Clean an article's text while keeping a map back to the original characters.

`normalize` runs the steps in `STEPS` in order. Every step takes and returns a pair
`(text, offsets)`, where `offsets[i]` is the index in the original text of `text[i]` and one
final entry holds the original length. A step that deletes text drops those map entries; a step
that replaces a span maps each new character to the start of the replaced span
(`kg.reading.offsets`). The steps that rewrite characters are in `kg.reading.characters`; those
here work on markup and lines.

>>> text, offsets = normalize("產業(chǎn)鏈，鏈長制\\r\\n")
>>> text, offsets
('产业链,链长制\\n', [0, 1, 8, 9, 10, 11, 12, 14, 15])
"""

from __future__ import annotations

import re

from kg.reading.characters import (
    CJK,
    fold_radicals,
    narrow_punctuation,
    strip_pinyin,
    to_simplified,
    unify_unicode,
)
from kg.reading.markdown import markup_edits
from kg.reading.offsets import Mapped, Step, numbered_lines, splice, sub

__all__ = [
    "normalize",
    "STEPS",
    "CHROME_LINES",
    "CHROME_PREFIXES",
    "MAX_SENTENCE",
    "strip_markdown",
    "strip_markdown_links",
    "tab_tables",
    "drop_chrome",
    "rejoin_lines",
    "break_long_runs",
    "tidy_spaces",
]

# Page chrome: a line whose stripped text fully matches one of these is dropped with its newline,
# unless it reads as a real sentence (see `_is_sentence`). Add a new kind of chrome as one line.
CHROME_LINES: list[str] = [
    r"(?i:.*?[\w.-]+\.(?:jpe?g|png|gif|webp|bmp)\)?)",  # image file name left from an <img>
    r"(?:(?:当前|您的|你的|所在)位置[::]\s*)?首页\s*(?:>|»|›).*",  # 首页 >> 时政要闻 >> ...
    r"(?:当前|您的|你的|所在)位置[::].*",  # 当前位置:首页 >文章发布 > 正文
    r"(?:>|»|›)[^>»›]{1,12}(?:>|»|›).{0,20}",  # > 某地资讯 > 市政府信息 (a breadcrumb's tail)
    # 首页 新闻 湖北 宜昌: a menu, short words apart, one of them a menu's
    r"(?=.*(?:首页|新闻|频道|资讯|要闻|专题|政务|互动))(?:[\u4e00-\u9fff]{1,6}[ \t\u3000]+){3,}"
    r"[\u4e00-\u9fff]{1,6}",
    r"(?:账号|帐号|手机|手机号|邮箱)\s*\+\s*(?:密码|验证码)\s*登录",
    r"还没有账号[??]?|立即注册|我知道了|返回顶部|打印本页|关闭窗口|分享到[::]?",
    r"(?:(?:责任编辑|编辑|责编|审核|校对|初审|复审|终审|审校|监制)\s*[::]?\s*[\u4e00-\u9fff·]{2,5}\s*)+",
    r".*(?:阅读|浏览|点击|评论)(?:量|数|次数)?[::]?\s*\d+.*",  # view counters and meta lines
    r"(?:日期|发布时间|发布日期|刊发日期|来源|作者|语音阅读)[::].*",
    r".*\d{4}-\d{1,2}-\d{1,2}.*来源[::].*",  # 城南二哥2022-12-29 12:18:22...来源:...
    r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?",  # a bare date
    r"第.{1,4}版[::].*",  # 第四版:综合新闻总第3796期 >2021-03-03编印
    r"佚名",
    r"\((?:相关)?资料图片?\)",  # (相关资料图)
    r"(?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{8,}",  # AAA57865ERT34GSD
    r"[|｜]+",
]

# Lines starting with one of these are dropped even when they hold whole sentences.
CHROME_PREFIXES: tuple[str, ...] = ("免责声明", "推广 热搜", "推广热搜", "核心提示:", "版权声明")


def strip_markdown(text: str, offsets: list[int]) -> Mapped:
    """Remove Markdown's inline markup (emphasis, code, links, images, inline HTML, escapes),
    found by markdown-it-py (`kg.reading.markdown`); block markers and line breaks stay.

    >>> s = "以**云铝海鑫**为龙头,以*合盛铝业*、旗滨玻璃为龙头"
    >>> strip_markdown(s, list(range(len(s) + 1)))[0]
    '以云铝海鑫为龙头,以合盛铝业、旗滨玻璃为龙头'
    """
    return splice(text, offsets, markup_edits(text))


_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\s]*\)")


def strip_markdown_links(text: str, offsets: list[int]) -> Mapped:
    """Remove markdown images and keep only the text of markdown links.

    >>> s = "见[通知](http://a.cn)![图](b.jpg)"
    >>> strip_markdown_links(s, list(range(len(s) + 1)))[0]
    '见通知'
    """
    if "](" not in text:
        return text, offsets
    text, offsets = sub(text, offsets, _MD_IMAGE)
    edits = []
    for m in _MD_LINK.finditer(text):
        edits.append((m.start(), m.start(1), ""))
        edits.append((m.end(1), m.end(), ""))
    return splice(text, offsets, edits)


_TAB_SEPARATOR = re.compile(r"[ \t]*\t[ \t]*")


def _tab_cells(line: str) -> int:
    """How many cells a line holds when its inner runs of tabs separate them."""
    core = line.strip(" \t")
    return len(_TAB_SEPARATOR.split(core)) if "\t" in core else 1


def tab_tables(text: str, offsets: list[int]) -> Mapped:
    """Make tab-separated rows `|` rows, where two or more lines in a row have the same number
    of cells: a table pasted from a spreadsheet keeps its columns for `kg.extraction.tables`.

    >>> s = "名单如下:\\n企业名称\\t产业链\\n云铝海鑫\\t\\t绿色铝产业链\\n"
    >>> tab_tables(s, list(range(len(s) + 1)))[0]
    '名单如下:\\n企业名称|产业链\\n云铝海鑫|绿色铝产业链\\n'
    """
    if "\t" not in text:
        return text, offsets
    lines = numbered_lines(text)
    counts = [_tab_cells(line) for _, line in lines]
    edits = []
    i = 0
    while i < len(lines):
        j = i + 1
        while counts[i] >= 2 and j < len(lines) and counts[j] == counts[i]:
            j += 1
        if j - i >= 2:
            for start, line in lines[i:j]:
                lead = len(line) - len(line.lstrip(" \t"))
                core = line.strip(" \t")
                for m in _TAB_SEPARATOR.finditer(core):
                    edits.append((start + lead + m.start(), start + lead + m.end(), "|"))
        i = j
    return splice(text, offsets, edits)


_CHROME = re.compile("|".join(f"(?:{p})" for p in CHROME_LINES))


def _is_sentence(line: str) -> bool:
    """A long line with Chinese sentence punctuation is content, whatever else it holds."""
    return len(line) >= 30 and ("。" in line or "," in line or "，" in line)


_MAX_CHROME = 500  # chrome is short; longer lines are never matched (the patterns backtrack)


def _is_chrome(line: str) -> bool:
    if line.startswith(CHROME_PREFIXES):
        return True
    if len(line) > _MAX_CHROME:
        return False
    return not _is_sentence(line) and _CHROME.fullmatch(line) is not None


def drop_chrome(text: str, offsets: list[int]) -> Mapped:
    """Drop whole lines of page chrome: image names, breadcrumbs, login prompts, counters.

    >>> s = "我知道了\\n链长制。\\n编辑:乔帅臣"
    >>> drop_chrome(s, list(range(len(s) + 1)))[0]
    '链长制。\\n'
    """
    edits = []
    for start, line in numbered_lines(text):
        stripped = line.strip(" \t")
        if stripped and _is_chrome(stripped):
            edits.append((start, min(start + len(line) + 1, len(text)), ""))
    return splice(text, offsets, edits)


_STOP_END = "。!?;:…”」』！？；："  # a line ending in one of these ends its paragraph
_CLAUSE_END = ",、，"  # a line ending in one of these surely goes on
_BODY_MARKS = "。!?;！？；"  # a line holding one of these is running text, not a title
_PARAGRAPH_START = re.compile(r"[“‘「『《(（#|>*]|——|-|\d{4}年|[一二三四五六七八九十]+是")
_QUOTED = re.compile(r"“[^”\n]*”|‘[^’\n]*’|「[^」\n]*」|《[^》\n]*》")
_CONTINUATION = re.compile(rf"[{CJK}0-9A-Za-z“‘《「]")
_MIN_CLAUSE_LINE = 20
_MIN_BARE_LINE = 45


def _is_row(line: str) -> bool:
    # A row of a table (cells between `|`) is a line of its own: never joined to another.
    return "|" in line or "｜" in line


#: The credit a photo's caption ends with: 记者 某某 摄, 某某 供图.
PHOTO_CREDIT = re.compile(r"(?:(?:记者|通讯员|摄影)\s*\S{2,6}\s*|\s)(?:摄|供图)\s*$")


def _goes_on(line: str) -> bool:
    """Whether `line` (stripped) is running text cut before its end, e.g. by a page break."""
    if line[0] in "#|>▲△" or line[-1] in _STOP_END or _is_row(line):  # (▲: a photo caption)
        return False
    if line[-1] in "摄图" and PHOTO_CREDIT.search(line):
        return False  # "…在车间工作。某报记者 某某 摄": a caption ends with its credit
    if line[-1] in _CLAUSE_END:
        return True
    # Punctuation inside quotes says nothing: titles quote phrases such as “延伸不足、附加值不高”.
    bare = _QUOTED.sub("", line)
    if any(c in bare for c in _BODY_MARKS):
        return True
    if len(line) >= _MIN_CLAUSE_LINE and any(c in bare for c in ",，、"):
        return True
    return len(line) >= _MIN_BARE_LINE and " " not in line


def _continues(line: str, after_clause: bool) -> bool:
    """Whether `line` (stripped) can be the rest of a line cut before its end."""
    if line.startswith(("#", "——", "|", ">", "-", "*")) or _is_row(line):
        return False
    if not after_clause and _PARAGRAPH_START.match(line):
        return False
    return _CONTINUATION.match(line) is not None


def rejoin_lines(text: str, offsets: list[int]) -> Mapped:
    """Rejoin running text that a page break or blank lines cut in two.

    >>> s = "园区集聚效应不断凸显。昭阳经开区\\n\\n被列入全省7个"
    >>> rejoin_lines(s, list(range(len(s) + 1)))[0]
    '园区集聚效应不断凸显。昭阳经开区被列入全省7个'
    >>> s = "昭通高质量跨越式发展其势已成\\n\\n牢记嘱托。"
    >>> rejoin_lines(s, list(range(len(s) + 1)))[0]
    '昭通高质量跨越式发展其势已成\\n\\n牢记嘱托。'
    >>> s = "员工在车间工作。岚山日报记者 某某 摄\\n\\n产业兴则百姓富。"
    >>> rejoin_lines(s, list(range(len(s) + 1)))[0]
    '员工在车间工作。岚山日报记者 某某 摄\\n\\n产业兴则百姓富。'
    """
    edits = []
    current = ""  # the line being built, stripped
    end = 0  # where its content ends in `text`
    for start, line in numbered_lines(text):
        stripped = line.strip(" \t")
        if not stripped:
            continue
        lead = start + len(line) - len(line.lstrip(" \t"))
        if current and _goes_on(current) and _continues(stripped, current[-1] in _CLAUSE_END):
            edits.append((end, lead, ""))
            current += stripped
        else:
            current = stripped
        end = start + len(line.rstrip(" \t"))
    return splice(text, offsets, edits)


MAX_SENTENCE = 1000  # no sentence of real prose runs this long without 。!?; (the longest: ~230)
_SENTENCE_END = re.compile(r"[。!?;！？；\n]")
_SOFT_BREAKS = (" ", ",", "，", "、", ":", ")", "”")


def break_long_runs(text: str, offsets: list[int]) -> Mapped:
    """Break a run of more than `MAX_SENTENCE` characters without a sentence end or line break
    (a PDF's text dump, a list without punctuation) into lines, after a space or comma near
    each limit if there is one: the recognisers' work grows with the square of a sentence.

    >>> s = "绿色铝" * 700
    >>> [len(line) for line in break_long_runs(s, list(range(len(s) + 1)))[0].split("\\n")]
    [1000, 1000, 100]
    """
    if len(text) <= MAX_SENTENCE or max(map(len, _SENTENCE_END.split(text))) <= MAX_SENTENCE:
        return text, offsets  # no run too long (the pieces measured in C, not one by one)
    edits = []
    pos = 0
    for m in [*_SENTENCE_END.finditer(text), None]:
        end = m.start() if m is not None else len(text)
        while end - pos > MAX_SENTENCE:
            limit = pos + MAX_SENTENCE
            cut = max(text.rfind(c, limit - MAX_SENTENCE // 4, limit) for c in _SOFT_BREAKS)
            cut = cut + 1 if cut > pos else limit
            edits.append((cut, cut, "\n"))
            pos = cut
        pos = end + 1
    return splice(text, offsets, edits)


# Every branch starts with a space or tab; the lookahead says so to `re`, which then skips ahead.
_SPACES = re.compile(r"(?=[ \t])(?:(?P<edge>^[ \t]+|[ \t]+$)|[ \t]{2,}|\t)", re.MULTILINE)


def tidy_spaces(text: str, offsets: list[int]) -> Mapped:
    """Strip spaces at line ends and make each inner run of spaces and tabs one space.

    >>> s = "  加快铝产业  转型升级 \\n"
    >>> tidy_spaces(s, list(range(len(s) + 1)))
    ('加快铝产业 转型升级\\n', [2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 14, 15])
    """
    if " " not in text and "\t" not in text:  # (most Chinese texts: nothing to tidy, where
        return text, offsets  # _SPACES, with no first character to skip to, tries every one)
    return sub(text, offsets, _SPACES, lambda m: "" if m.group("edge") else " ")


STEPS: list[Step] = [
    unify_unicode,
    fold_radicals,  # before OpenCC, which makes the traditional forms (⼾ -> 戶) simplified
    strip_markdown_links,
    strip_pinyin,  # before OpenCC, so that it sees whole words such as 業發展
    to_simplified,
    narrow_punctuation,
    tab_tables,  # before tidy_spaces turns tabs into spaces and rejoin_lines joins rows
    drop_chrome,
    rejoin_lines,
    break_long_runs,  # after rejoin_lines, which would join the pieces again
    tidy_spaces,
]


def normalize(raw: str, *, markdown: bool = False) -> Mapped:
    """Normalise an article's text; return it with `offsets[i]` = index in `raw` of `text[i]`.

    With `markdown`, the text is Markdown: its inline markup goes too (`strip_markdown`, after
    `unify_unicode` has made every line break `\\n`).

    >>> normalize("鶴慶溢鑫鋁業(yè)有限公司（云南）")[0]
    '鹤庆溢鑫铝业有限公司(云南)'
    >>> normalize("以**云铝海鑫**为龙头", markdown=True)[0]
    '以云铝海鑫为龙头'
    """
    text, offsets = raw, list(range(len(raw) + 1))
    steps = STEPS
    if markdown:
        at = STEPS.index(unify_unicode) + 1
        steps = [*STEPS[:at], strip_markdown, *STEPS[at:]]
    for step in steps:
        text, offsets = step(text, offsets)
    return text, offsets
