"""Clean an article's text while keeping a map back to the original characters.

`normalize` runs the steps in `STEPS` in order. Every step takes and returns a pair
`(text, offsets)`, where `offsets[i]` is the index in the original text of `text[i]` and one
final entry holds the original length. A step that deletes text drops those map entries; a step
that replaces a span maps each new character to the start of the replaced span.

>>> text, offsets = normalize("產業(chǎn)鏈，鏈長制\\r\\n")
>>> text, offsets
('产业链,链长制\\n', [0, 1, 8, 9, 10, 11, 12, 14, 15])
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable

import opencc

from kg.reading.markdown import markup_edits

__all__ = [
    "normalize",
    "STEPS",
    "CHROME_LINES",
    "CHROME_PREFIXES",
    "MAX_SENTENCE",
    "unify_unicode",
    "fold_radicals",
    "RADICALS",
    "strip_markdown",
    "strip_markdown_links",
    "strip_pinyin",
    "to_simplified",
    "narrow_punctuation",
    "tab_tables",
    "drop_chrome",
    "rejoin_lines",
    "numbered_lines",
    "break_long_runs",
    "tidy_spaces",
]

Mapped = tuple[str, list[int]]
Step = Callable[[str, list[int]], Mapped]

# Page chrome: a line whose stripped text fully matches one of these is dropped with its newline,
# unless it reads as a real sentence (see `_is_sentence`). Add a new kind of chrome as one line.
CHROME_LINES: list[str] = [
    r"(?i:.*?[\w.-]+\.(?:jpe?g|png|gif|webp|bmp)\)?)",  # image file name left from an <img>
    r"(?:(?:当前|您的|你的|所在)位置[::]\s*)?首页\s*(?:>|»|›).*",  # 首页 >> 时政要闻 >> ...
    r"(?:当前|您的|你的|所在)位置[::].*",  # 当前位置:首页 >文章发布 > 正文
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

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN = "a-zü" + _TONED


# ---------------------------------------------------------------- editing with an offset map


def _splice(text: str, offsets: list[int], edits: list[tuple[int, int, str]]) -> Mapped:
    """Apply sorted, non-overlapping `(start, end, new)` edits; new chars map to `start`."""
    if not edits:
        return text, offsets
    parts: list[str] = []
    out: list[int] = []
    pos = 0
    for start, end, new in edits:
        parts.append(text[pos:start])
        out.extend(offsets[pos:start])
        if new:
            parts.append(new)
            out.extend([offsets[start]] * len(new))
        pos = end
    parts.append(text[pos:])
    out.extend(offsets[pos:])
    return "".join(parts), out


def _sub(
    text: str,
    offsets: list[int],
    pattern: re.Pattern[str],
    repl: str | Callable[[re.Match[str]], str] = "",
) -> Mapped:
    """`pattern.sub(repl, text)` that also edits the offset map (the default deletes)."""
    if callable(repl):
        edits = [(m.start(), m.end(), repl(m)) for m in pattern.finditer(text)]
        edits = [e for e in edits if e[2] != text[e[0] : e[1]]]
    else:
        edits = [(m.start(), m.end(), m.expand(repl)) for m in pattern.finditer(text)]
    return _splice(text, offsets, edits)


def numbered_lines(text: str) -> list[tuple[int, str]]:
    """Each line with the index of its first character.

    >>> numbered_lines("甲乙\\n丙")
    [(0, '甲乙'), (3, '丙')]
    """
    out = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _char_map(table: dict[str, str]) -> Callable[[str], str]:
    """`str.translate` for a table of single characters to characters it does not replace,
    but faster on Chinese text: only the few characters present are looked up and replaced.

    >>> _char_map({"，": ",", "：": ":"})("甲，乙：丙，")
    '甲,乙:丙,'
    """
    if set(table.values()) & set(table):
        raise ValueError("a character map must not replace what it writes")
    chars = re.compile("[" + "".join(map(re.escape, table)) + "]")

    def translate(text: str) -> str:
        for ch in set(chars.findall(text)):
            text = text.replace(ch, table[ch])
        return text

    return translate


# ---------------------------------------------------------------- the steps

_INVISIBLE = re.compile(r"[\ufeff\u200b-\u200d\u2060\u00ad\x00-\x08\x0e-\x1f\x7f]|\r(?=\n)")
_UNIFY = _char_map(
    {
        "\r": "\n",
        "\x0b": "\n",
        "\x0c": "\n",
        "\x85": "\n",
        "\u2028": "\n",
        "\u2029": "\n",
        "\u00a0": " ",
        "\u3000": " ",
        "\u202f": " ",
        **{chr(c): " " for c in range(0x2000, 0x200B)},
    }
)


def unify_unicode(text: str, offsets: list[int]) -> Mapped:
    """Drop BOM and zero-width characters; make every line break `\\n` and every space ` `.

    >>> unify_unicode("\\ufeff甲\\u3000乙\\r\\n", [0, 1, 2, 3, 4, 5, 6])
    ('甲 乙\\n', [1, 2, 3, 5, 6])
    """
    text, offsets = _sub(text, offsets, _INVISIBLE)
    return _UNIFY(text), offsets


# CJK Radicals Supplement (U+2E80-U+2EFF) -> the unified ideograph each stands for, as pairs of
# characters: Unicode's EquivalentUnifiedIdeograph.txt (UCD 15.0, Debian's unicode-data package)
# for this block, checked against that file by tests/test_normalize.py. A PDF's text layer holds
# them where the font draws a radical's glyph for a character (⻰头 for 龙头, 链⻓ for 链长).
_SUPPLEMENT_PAIRS = (
    "⺁厂⺂乛⺃乚⺄乙⺅亻⺆冂⺇𠘨⺈刀⺉刂⺊卜⺋㔾⺌小⺍小⺎兀⺏尣⺐尢⺑𡯂⺒巳⺓幺⺔彑⺕𫜹⺖忄⺗心⺘扌⺙攵⺛旡⺜日⺝月⺞歺⺟母⺠民⺡氵"
    "⺢氺⺣灬⺤爫⺥爫⺦丬⺧牛⺨犭⺩王⺪𤴔⺫目⺬示⺭礻⺮𥫗⺯糹⺰纟⺱罓⺲罒⺳㓁⺴冗⺵𦉫⺶羊⺷𦍌⺸𦍋⺹耂⺺肀⺻聿⺼肉⺽𦥑⺾艹⺿艹⻀艹⻁虎"
    "⻂衤⻃覀⻄西⻅见⻆角⻇𧢲⻈讠⻉贝⻊𧾷⻋车⻌辶⻍辶⻎辶⻏邑⻐钅⻑長⻒镸⻓长⻔门⻕𨸏⻖阝⻗雨⻘青⻙韦⻚页⻛风⻜飞⻝食⻞𩙿⻟飠⻠饣⻡𩠐"
    "⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻭歯⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟"
)
RADICALS: dict[str, str] = {
    **dict(zip(_SUPPLEMENT_PAIRS[::2], _SUPPLEMENT_PAIRS[1::2], strict=True)),
    # Kangxi Radicals (U+2F00-U+2FD5): NFKC gives each one's ideograph (⾊ -> 色)
    **{chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0x2F00, 0x2FD6)},
}
_FOLD_RADICALS = _char_map(RADICALS)


def fold_radicals(text: str, offsets: list[int]) -> Mapped:
    """Write CJK radicals as the ideographs they stand for: Kangxi Radicals by NFKC, the CJK
    Radicals Supplement by Unicode's equivalents (NFKC leaves most of that block alone).
    One character for one, so the offset map is unchanged.

    >>> s = "以金川铝材为⻰头,绿⾊铝产业链链⻓⼯作取得新成效。"
    >>> fold_radicals(s, list(range(len(s) + 1)))[0]
    '以金川铝材为龙头,绿色铝产业链链长工作取得新成效。'
    """
    return _FOLD_RADICALS(text), offsets


def strip_markdown(text: str, offsets: list[int]) -> Mapped:
    """Remove Markdown's inline markup (emphasis, code, links, images, inline HTML, escapes),
    found by markdown-it-py (`kg.reading.markdown`); block markers and line breaks stay.

    >>> s = "以**云铝海鑫**为龙头,以*合盛铝业*、旗滨玻璃为龙头"
    >>> strip_markdown(s, list(range(len(s) + 1)))[0]
    '以云铝海鑫为龙头,以合盛铝业、旗滨玻璃为龙头'
    """
    return _splice(text, offsets, markup_edits(text))


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
    text, offsets = _sub(text, offsets, _MD_IMAGE)
    edits = []
    for m in _MD_LINK.finditer(text):
        edits.append((m.start(), m.start(1), ""))
        edits.append((m.end(1), m.end(), ""))
    return _splice(text, offsets, edits)


# A reading such as (yè) or (chuàng ) after a character: 1-7 pinyin letters, one tone-marked.
# (Each pattern opens with the bracket and looks behind it, so that `re` skips ahead to brackets.)
_TONED_READING = rf"[(（](?<=\w[(（]) *(?=[{_PINYIN}]*[{_TONED}])[{_PINYIN}]{{1,7}} *[)）]"
_TONED_GROUP = re.compile(_TONED_READING)
# Once a document is known to carry readings, toneless ones after CJK characters go too.
_ANY_GROUP = re.compile(
    _TONED_READING
    + rf"|[(（](?<=[{_CJK}][(（]) *(?:[bpmfdtnlgkhjqxrzcsyw]|[zcs]h)?[aeiouüv][a-zü]{{0,5}} *[)）]"
)
_MIN_TONED = 3


def strip_pinyin(text: str, offsets: list[int]) -> Mapped:
    """Remove pinyin readings inserted after characters, e.g. `業(yè)` -> `業`.

    >>> s = "鋁業(yè)有限公司(PCB)"
    >>> strip_pinyin(s, list(range(len(s) + 1)))[0]
    '鋁業有限公司(PCB)'
    """
    toned = len(_TONED_GROUP.findall(text))
    if not toned:
        return text, offsets
    return _sub(text, offsets, _ANY_GROUP if toned >= _MIN_TONED else _TONED_GROUP)


_converter = None
_converter_lock = threading.Lock()


def _t2s() -> Callable[[str], str]:
    """The OpenCC traditional-to-simplified converter, built on first use."""
    global _converter
    if _converter is None:
        with _converter_lock:
            if _converter is None:
                _converter = opencc.OpenCC("t2s")
    return _converter.convert


def _convert_line(convert: Callable[[str], str], line: str) -> str:
    """Convert one line char by char, keeping any char whose conversion is not one char."""
    out = []
    for ch in line:
        new = convert(ch)
        out.append(new if len(new) == 1 else ch)
    return "".join(out)


def to_simplified(text: str, offsets: list[int]) -> Mapped:
    """Convert traditional characters to simplified ones, one for one (OpenCC `t2s`).

    >>> s = "鶴慶溢鑫鋁業有限公司"
    >>> to_simplified(s, list(range(len(s) + 1)))[0]
    '鹤庆溢鑫铝业有限公司'
    """
    if text.isascii():
        return text, offsets
    convert = _t2s()
    new = convert(text)
    if len(new) == len(text) and new.count("\n") == text.count("\n"):
        old_lines, new_lines = text.split("\n"), new.split("\n")
        if all(len(a) == len(b) for a, b in zip(old_lines, new_lines, strict=True)):
            return new, offsets
    # Lengths differ somewhere: convert line by line, char by char where a line changes length.
    lines = []
    for line in text.split("\n"):
        conv = convert(line)
        lines.append(conv if len(conv) == len(line) else _convert_line(convert, line))
    return "\n".join(lines), offsets


_NARROW = _char_map(
    {
        "，": ",",
        "：": ":",
        "；": ";",
        "（": "(",
        "）": ")",
        "！": "!",
        "？": "?",
        "％": "%",
        **{chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)},  # ０-９
        **{chr(c): chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)},  # Ａ-Ｚ
        **{chr(c): chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)},  # ａ-ｚ
    }
)


def narrow_punctuation(text: str, offsets: list[int]) -> Mapped:
    """Make full-width `，：；（）！？％`, digits and latin letters ASCII; keep `。、“”《》`.

    >>> s = "增长１１．４％，达“新高”。"
    >>> narrow_punctuation(s, list(range(len(s) + 1)))[0]
    '增长11．4%,达“新高”。'
    """
    return _NARROW(text), offsets


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
    return _splice(text, offsets, edits)


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
    return _splice(text, offsets, edits)


_STOP_END = "。!?;:…”」』！？；："  # a line ending in one of these ends its paragraph
_CLAUSE_END = ",、，"  # a line ending in one of these surely goes on
_BODY_MARKS = "。!?;！？；"  # a line holding one of these is running text, not a title
_PARAGRAPH_START = re.compile(r"[“‘「『《(（#|>*]|——|-|\d{4}年|[一二三四五六七八九十]+是")
_QUOTED = re.compile(r"“[^”\n]*”|‘[^’\n]*’|「[^」\n]*」|《[^》\n]*》")
_CONTINUATION = re.compile(rf"[{_CJK}0-9A-Za-z“‘《「]")
_MIN_CLAUSE_LINE = 20
_MIN_BARE_LINE = 45


def _is_row(line: str) -> bool:
    # A row of a table (cells between `|`) is a line of its own: never joined to another.
    return "|" in line or "｜" in line


def _goes_on(line: str) -> bool:
    """Whether `line` (stripped) is running text cut before its end, e.g. by a page break."""
    if line[0] in "#|>" or line[-1] in _STOP_END or _is_row(line):
        return False
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
    return _splice(text, offsets, edits)


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
    return _splice(text, offsets, edits)


# Every branch starts with a space or tab; the lookahead says so to `re`, which then skips ahead.
_SPACES = re.compile(r"(?=[ \t])(?:(?P<edge>^[ \t]+|[ \t]+$)|[ \t]{2,}|\t)", re.MULTILINE)


def tidy_spaces(text: str, offsets: list[int]) -> Mapped:
    """Strip spaces at line ends and make each inner run of spaces and tabs one space.

    >>> s = "  加快铝产业  转型升级 \\n"
    >>> tidy_spaces(s, list(range(len(s) + 1)))
    ('加快铝产业 转型升级\\n', [2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 14, 15])
    """
    return _sub(text, offsets, _SPACES, lambda m: "" if m.group("edge") else " ")


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
