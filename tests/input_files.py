"""Input files made at test time: news pages, Word reports, PDFs, broken files.

Nothing binary is committed: each function returns the bytes of a small file of its kind,
written by the same libraries that write such files in the wild (python-docx, matplotlib's
PDF backend with a CJK font, so the PDF has a real text layer).
"""

from __future__ import annotations

import io
import zlib

LEAD = "以云铝海鑫为龙头,绿色铝产业链链长工作取得新成效。"

HTML_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="{charset}">
<title>昭通市公布首批链主企业名单_昭通新闻网</title>
<script>var _hmt = _hmt || []; window.ads = "广告位招租";</script></head>
<body>
<div class="top-nav"><a href="/">首页</a> | <a href="/news">时政要闻</a> |
<a href="/login">登录</a></div>
<div class="breadcrumb">当前位置：首页 &gt; 新闻中心 &gt; 本地新闻</div>
<div class="sidebar"><h3>热点排行</h3><ul><li><a href="/a">某地举办美食节活动</a></li>
<li><a href="/b">天气预报：明天有雨</a></li></ul></div>
<div class="main"><article>
<h1>昭通市公布首批链主企业名单</h1>
<div class="meta">发布时间：2023-05-16 来源：昭通日报 浏览次数：1024</div>
<p>为深入推进产业链链长制工作，近日，昭通市公布了首批重点产业链链主企业名单。{lead}</p>
<p>名单如下：</p>
<table>
<tr><th>序号</th><th>企业名称</th><th>产业链</th><th>所在乡镇</th></tr>
<tr><td>1</td><td>云南云铝海鑫铝业有限公司</td><td>绿色铝产业链</td><td>昭阳区</td></tr>
<tr><td>2</td><td>合盛硅业(昭通)有限公司</td><td>绿色硅产业链</td><td>水富市</td></tr>
</table>
<p>下一步，各链主企业将发挥引领带动作用，推动产业链上下游协同发展，助力全市工业经济高质量发展。</p>
</article></div>
<div class="footer">版权所有：昭通日报社 滇ICP备12345678号 联系我们 网站地图</div>
</body></html>
"""


def html_page(*, charset: str = "utf-8", lead: str = LEAD) -> bytes:
    """A news page with navigation, a side bar, a footer and a table in the article."""
    return HTML_PAGE.format(charset=charset, lead=lead).encode(charset)


def docx_report(*, lead: str = LEAD) -> bytes:
    """A Word report: a heading, paragraphs and a table of projects (one cell merged)."""
    import docx

    document = docx.Document()
    document.add_heading("昭通市重点产业链项目推进情况报告", level=1)
    document.add_paragraph("2023年,全市坚持以产业链链长制为抓手,推动工业经济稳步增长。")
    document.add_paragraph(lead)
    document.add_paragraph("全市重点项目如下:")
    rows = [
        ("项目名称", "总投资(亿元)", "建设地点", "建设单位"),
        ("昭通40万吨铝合金扁锭项目", "12.5", "昭阳区", "云南云铝海鑫铝业有限公司"),
        ("水富绿色硅材料项目", "30", "水富市", "合盛硅业(昭通)有限公司"),
        ("合计", "42.5", "", ""),
    ]
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(3, 2).merge(table.cell(3, 3))  # a merged cell is written once
    document.add_paragraph("下一步,各项目将加快建设进度,力争早日投产达效。")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_report(lines: list[str] | None = None) -> bytes:
    """A PDF with a text layer: lines of Chinese text drawn in a CJK font by matplotlib."""
    from matplotlib import rc_context
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

    from kg.apps.plots import cjk_font

    lines = lines if lines is not None else ["昭通市工业经济运行情况", LEAD]
    out = io.BytesIO()
    with rc_context({"font.family": [cjk_font()], "pdf.fonttype": 42}):
        with PdfPages(out) as pdf:
            fig = Figure(figsize=(8.27, 11.69))
            for k, line in enumerate(lines):
                fig.text(0.08, 0.92 - 0.03 * k, line, fontsize=11)
            pdf.savefig(fig)
    return out.getvalue()


def pdf_without_text() -> bytes:
    """A PDF of one scanned page: an image and no text layer."""
    import numpy as np
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

    out = io.BytesIO()
    with PdfPages(out) as pdf:
        fig = Figure(figsize=(8.27, 11.69))
        fig.figimage(np.random.default_rng(0).random((200, 150)), xo=50, yo=50)
        pdf.savefig(fig)
    return out.getvalue()


def png() -> bytes:
    """A real 1x1 PNG image (to rename as .txt, .docx, ...)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = (1).to_bytes(4, "big") * 2 + bytes([8, 2, 0, 0, 0])
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    chunks = chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + chunks


# A news report of our own invention, as a web page: five firms lead three chains. Chromium's
# "print to PDF" draws it with a CJK font whose text layer writes some characters as CJK
# radicals (⻰ for 龙, ⻓ for 长, ⾊ for 色) and breaks lines wherever the page width ends.
PRINTED_ARTICLE = [
    "金沙市产业链链长制工作推进会召开",
    "会议指出,以金川铝材为龙头,绿色铝产业链链长工作取得新成效,以滇中新材、彩云锂能等企业为龙头,"
    "新材料产业链发展势头强劲。以乌蒙硅业、星河玻璃为龙头,绿色硅全产业链项目稳步推进。",
    "会议要求,各链长要长期坚持,见实效、出亮点,推动全市工业高质量发展。2023年,全市规模以上"
    "工业增加值增长8.5%,新开工项目120个。",
]
PRINTED_LEADS = {
    ("金川铝材", "绿色铝产业链"),
    ("滇中新材", "新材料产业链"),
    ("彩云锂能", "新材料产业链"),
    ("乌蒙硅业", "绿色硅全产业链"),
    ("星河玻璃", "绿色硅全产业链"),
}


def chromium_pdf(chromium: str, folder, paragraphs: list[str] = PRINTED_ARTICLE) -> bytes:
    """A PDF printed by headless Chromium (`--print-to-pdf`) from a page of `paragraphs`, the
    first as its heading, in a narrow column so that lines break inside sentences."""
    import html
    import subprocess
    from pathlib import Path

    folder = Path(folder)
    body = f"<h1>{html.escape(paragraphs[0])}</h1>" + "".join(
        f"<p>{html.escape(p)}</p>" for p in paragraphs[1:]
    )
    page = folder / "article.html"
    page.write_text(
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>'
        f"{html.escape(paragraphs[0])}</title><style>body {{ width: 420px; font-size: 15px }}"
        f"</style></head><body>{body}</body></html>",
        encoding="utf-8",
    )
    pdf = folder / "article.pdf"
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--user-data-dir={folder / 'profile'}",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return pdf.read_bytes()
