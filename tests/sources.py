"""Reports in the shapes governments publish them, built by the tests from a
shared report's text: a page shaped like a provincial government's site, a
Word file, a PDF with a text layer (reportlab's built-in STSong-Light CID
font: no font file needed), one without, and an encrypted one."""
from __future__ import annotations

import html
import io
from xml.sax.saxutils import escape

# Strings of the page's chrome: none may be in the text taken from it.
CHROME = ("欢迎访问", "无障碍", "首页", "政务公开", "当前位置", "发布时间", "浏览次数", "字体", "打印本页",
          "责任编辑", "分享到", "微博", "上一篇", "下一篇", "相关链接", "关闭窗口", "主办", "ICP备", "公网安备",
          "网站标识码", "版权所有", "来源：", "_河北省人民政府网", "— 1 —")


def government_page(text: str, title: str, charset: str) -> bytes:
    """A page shaped like a provincial government's site: top bar, header with
    search, menu, breadcrumbs, title and info bar, the report in nested divs
    with a <p> a line, editor line, share bar, previous/next and related links,
    and a footer with ICP and police numbers. GB2312 pages are written in
    GB18030 (the same bytes for GB2312's characters), as sites that declare
    GB2312 do when a name needs a character GB2312 lacks."""
    lines = [line for line in text.splitlines() if line.strip()]
    paras = "\n".join(f'<p style="text-indent:2em;">{html.escape(line)}</p>' for line in lines)
    related = "".join(f'<li><a href="/art/{i}.html">{y}年河北省政府工作报告</a><span>{y}-01-20</span></li>'
                      for i, y in enumerate(range(2019, 2025)))
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}" />
<title>{html.escape(title)}_河北省人民政府网</title>
<meta name="keywords" content="政府工作报告" />
<link rel="stylesheet" href="/css/style.css" />
<script type="text/javascript">var _hmt = _hmt || []; function setFont(s){{document.getElementById('zoom').style.fontSize=s+'px';}}</script>
<style>.nav li{{float:left}}</style>
</head><body>
<div class="top"><div class="w1200"><span>欢迎访问河北省人民政府网站</span><a href="/">无障碍浏览</a><a href="/en/">English</a><a href="/login">登录</a></div></div>
<div class="header"><div class="logo"><a href="/"><img src="/img/logo.png" alt="河北省人民政府" /></a></div>
<div class="search"><form action="/search"><input type="text" name="q" value="请输入关键字" /><button>搜索</button></form></div></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/zjhb/">走进河北</a></li><li><a href="/sjfb/">数据发布</a></li></ul></div>
<div class="main w1200">
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/gzbg/">政府工作报告</a></div>
<div class="article">
<h1 class="title">{html.escape(title)}</h1>
<div class="info"><span>发布时间：2025-01-20 09:30</span><span>来源：河北日报</span><span>浏览次数：<script>document.write(12345)</script></span>
<span class="font">【字体：<a href="javascript:setFont(18)">大</a> <a href="javascript:setFont(16)">中</a> <a href="javascript:setFont(14)">小</a>】</span><span><a href="javascript:window.print()">【打印本页】</a></span></div>
<div class="content"><div id="zoom" class="TRS_Editor"><div class="Custom_UnionStyle">
{paras}
</div></div></div>
<div class="editor">（责任编辑：张明）</div>
<div class="share">分享到：<a class="wx" href="#">微信</a><a class="wb" href="#">微博</a><a class="qq" href="#">QQ空间</a></div>
<div class="pages"><a href="/art/prev.html">上一篇：省政府召开常务会议</a><a href="/art/next.html">下一篇：全省经济运行情况新闻发布会</a></div>
<div class="related"><h3>相关链接</h3><ul>{related}</ul></div>
<div class="close"><a href="javascript:window.close()">【关闭窗口】</a></div>
</div></div>
<div class="footer"><div class="links"><a href="/">中国政府网</a> | <a href="/">国务院部门网站</a> | <a href="/">地方政府网站</a></div>
<p>主办：河北省人民政府办公厅　承办：河北省人民政府信息中心</p>
<p>网站标识码：1300000002　<a href="https://beian.miit.gov.cn">冀ICP备05003143号</a>　<img src="/img/ga.png" />冀公网安备 13010802000154号</p>
<p>版权所有：河北省人民政府　地址：石家庄市维明南大街46号　邮编：050051　联系电话：0311-87802222</p></div>
</body></html>
"""
    return page.encode("gb18030" if charset.lower() in ("gb2312", "gbk") else charset)


def report_docx(text: str) -> bytes:
    """A Word file of the report as python-docx writes it: one paragraph a line,
    with a 来源 line under the title as the published Word files have."""
    import docx

    document = docx.Document()
    lines = [line for line in text.splitlines() if line.strip()]
    document.add_heading(lines[0], level=1)
    document.add_paragraph("来源：河北日报")
    for line in lines[1:]:
        document.add_paragraph(line).paragraph_format.first_line_indent = docx.shared.Pt(24)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def report_pdf(text: str, encrypt: str = "") -> bytes:
    """A PDF of the report: A4, lines wrapped by CJK rules, first-line indents,
    a centred title and a page number under every page."""
    from reportlab.lib import pdfencrypt
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=12, leading=20, firstLineIndent=24,
                          wordWrap="CJK")
    title = ParagraphStyle("title", parent=body, fontSize=18, leading=28, alignment=1, firstLineIndent=0)

    def page_number(canvas, doc) -> None:
        canvas.setFont("STSong-Light", 9)
        canvas.drawCentredString(A4[0] / 2, 30, f"— {doc.page} —")

    lines = [line for line in text.splitlines() if line.strip()]
    story = [Paragraph(escape(lines[0]), title)] + [Paragraph(escape(line), body) for line in lines[1:]]
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, title="政府工作报告", invariant=1,
                      encrypt=pdfencrypt.StandardEncryption(encrypt) if encrypt else None).build(
        story, onFirstPage=page_number, onLaterPages=page_number)
    return buf.getvalue()


def scanned_pdf() -> bytes:
    """A PDF of two page images and no text layer, as a scanner makes it."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, invariant=1)
    for _ in range(2):
        pdf.drawImage(ImageReader(Image.new("L", (400, 560), 235)), 0, 0, 595, 842)
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


def png() -> bytes:
    """A photo of a page."""
    from PIL import Image

    buf = io.BytesIO()
    Image.new("L", (40, 56), 235).save(buf, format="PNG")
    return buf.getvalue()
