"""HTML pages read for their text: line structure kept, furniture and markup dropped, charsets honoured,
HTML found by content as well as by name, and other formats named in the refusal."""

from __future__ import annotations

import io
import time
import zipfile

import pytest

from notices.decode import decode_input
from notices.errors import InputError
from notices.html import html_to_text, looks_like_html
from notices.parse import parse_page
from tests.conftest import TZ

ROAD_NOTICE = """<article>
<h2>封 路 公 告</h2>
<p>　　经东丰县公安局交通管理大队批准，因东丰镇人民大街（育才路至向阳路段）雨水管网改造工程施工，
自2023年6月5日至6月20日对该路段实行全封闭施工，请过往车辆提前绕行新华路，注意安全。</p>
<p>封闭期限：2023年6月5日&mdash;20日</p>
<p>特此公告</p>
<p style="text-align:right">东丰县城市建设投资有限公司<br>2023年6月1日</p>
</article>"""

PAGE = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>东丰县报 第3版</title>
<style>h2::after {{ content: "<" }}</style>
<script>var title = "道路封闭：<"; document.write("<h2>道路封闭：<</h2>");</script>
</head><body>
<header><div class="logo">东丰县报</div></header>
<nav><a href="/">首页</a> <a href="/news">新闻</a></nav>
<div class="links"><a href="/1">要闻</a> | <a href="/2">社会</a> | <a href="/3">体育</a></div>
{ROAD_NOTICE}
<article><h2>停 电 通 知</h2>
<p>因10千伏东丰一线检修，国网东丰县供电公司定于下列时间停电：</p>
<p>1.2023年6月3日8:00-16:00，停电范围：东丰镇福兴街、鹿乡社区；</p>
<p>2.2023年6月6日7:30-11:30，停电范围：大阳镇永安村、新发村。</p>
<footer>国网东丰县供电公司<br>2023年6月1日</footer></article>
<aside>热点排行</aside>
<footer>版权所有 &copy; 东丰县报社</footer>
</body></html>"""


def test_a_page_keeps_its_lines_and_drops_its_furniture() -> None:
    text = decode_input(PAGE.encode(), name="page.html")
    lines = text.splitlines()
    assert lines[:3] == [
        "封 路 公 告",
        "",
        "经东丰县公安局交通管理大队批准，因东丰镇人民大街（育才路至向阳路段）雨水管网改造工程施工，"
        "自2023年6月5日至6月20日对该路段实行全封闭施工，请过往车辆提前绕行新华路，注意安全。",
    ]
    assert "封闭期限：2023年6月5日—20日" in lines  # &mdash; decoded
    assert lines[lines.index("特此公告") + 1 : lines.index("特此公告") + 3] == [
        "东丰县城市建设投资有限公司",
        "2023年6月1日",
    ]
    assert lines[-2:] == ["国网东丰县供电公司", "2023年6月1日"], "an article's own footer is its signature"
    for furniture in ("东丰县报", "首页", "要闻", "热点", "版权", "document.write", "content:", "<"):
        assert furniture not in text, furniture


def test_the_parser_reads_an_html_page_like_the_text_it_holds() -> None:
    result = parse_page(decode_input(PAGE.encode(), name="page.html"), published=None, tz=TZ)
    assert [(n.title, n.category.value) for n in result.notices] == [
        ("封路公告", "road_closure"),
        ("停电通知", "power_outage"),
    ]
    road, power = result.notices
    assert road.issuer == "东丰县城市建设投资有限公司"
    assert [str(p.start) for p in road.periods] == ["2023-06-05"]
    assert len(power.periods) == 2


def test_hostile_markup_never_reaches_the_text() -> None:
    hostile = (
        "<html><head><title>道路封闭：<script>alert(1)</script></title></head>"
        '<body onload="steal()"><!-- 道路封闭：<b> --><h1>封路公告<img src=x onerror="alert(2)"></h1>'
        "<p>对&lt;和平路&gt;施工&amp;封闭。<![CDATA[ x ]]></p><noscript>请启用脚本</noscript>"
        "<template><p>模板</p></template><form><input value='表单'><button>提交</button></form>"
        '<p hidden>隐藏</p><p style="display: none">也隐藏</p><svg><text>图</text></svg></body></html>'
    )
    assert decode_input(hostile.encode(), name="x.html") == "封路公告\n\n对<和平路>施工&封闭。\n"


def test_tables_keep_cells_apart_and_rows_on_their_lines() -> None:
    text = html_to_text(
        "<table><tr><th>停电时间</th><th>停电范围</th></tr>"
        "<tr><td>6月3日8:00-16:00</td><td>福兴街</td></tr><tr><td></td><td>鹿乡社区</td></tr></table>"
        "<pre>线路  一\n线路  二</pre>"
    )
    assert text == "停电时间\t停电范围\n6月3日8:00-16:00\t福兴街\n鹿乡社区\n\n线路 一\n线路 二\n"


def test_a_single_main_element_is_the_page() -> None:
    page = "<body><div>网站导航 关于我们</div><main><h1>招租公告</h1><p>门市一处招租。</p></main></body>"
    assert html_to_text(page) == "招租公告\n\n门市一处招租。\n"


def test_deep_nesting_is_read_without_recursion_or_refused_in_a_blink() -> None:
    deep = "<span><div>" * 900 + "封路公告" + "</div></span>" * 900
    assert html_to_text(deep).strip() == "封路公告"
    hostile = ("<div>" * 5_000 + "封路公告" + "</div>" * 5_000).encode() * 200  # 10 MB
    started = time.perf_counter()
    with pytest.raises(InputError, match=r"^x\.html: the page nests its elements more than 1,000 deep"):
        decode_input(hostile, name="x.html", max_bytes=len(hostile))
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize(
    ("page", "codec"),
    [
        ('<html><head><meta charset="gbk"></head><body><p>{}</p></body></html>', "gbk"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=GB2312"><p>{}</p>', "gb18030"),
        ("<html><head><meta charset='big5'></head><body><p>{}</p></body></html>", "big5"),
        ("<html><body><p>{}</p></body></html>", "gb18030"),  # no label: guessed as plain text is
        ('<html><head><meta charset="utf-8"></head><body><p>{}</p></body></html>', "big5"),  # a wrong label
    ],
    ids=["meta-gbk", "http-equiv-gb2312", "meta-big5", "unlabelled", "mislabelled"],
)
def test_the_declared_charset_is_honoured(page: str, codec: str) -> None:
    words = "臺北自來水事業處停水通告" if codec == "big5" else "辽源市城市管理局路灯改造工程招标公告"
    assert decode_input(page.format(words).encode(codec), name="page.htm") == words + "\n"


def test_a_servers_charset_comes_before_a_guess() -> None:
    words = "停水通知：明日人民大街停水。"
    data = f"<html><body><p>{words}</p></body></html>".encode("gbk")
    assert decode_input(data, name="http://127.0.0.1/x", charset="GBK", html=True) == words + "\n"
    plain = words.encode("big5hkscs", errors="ignore")
    assert decode_input(plain, charset="big5") == plain.decode("big5hkscs")


def test_html_is_found_by_content_whatever_the_name() -> None:
    page = "<!doctype html><p>招 租</p><p>门市一处招租。</p>".encode()
    assert looks_like_html(page)
    assert decode_input(page, name="saved.txt") == "招 租\n门市一处招租。\n"
    assert decode_input(b"\xef\xbb\xbf<html><body>\n<div>a</div><div>b</div>", name="") == "a\nb\n"
    notice = "封路公告\n请过往车辆注意 <和平路> 施工。\n特此公告\n"
    assert not looks_like_html(notice.encode())
    assert decode_input(notice.encode()) == notice


def test_a_page_with_only_furniture_has_no_text() -> None:
    with pytest.raises(InputError, match="no readable text"):
        decode_input(b"<html><head><script>x()</script></head><body><nav>menu</nav></body></html>")


def _office(member: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(member, "<x/>")
    return buffer.getvalue()


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("page.txt", "封路公告")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "named"),
    [
        ("notice.docx", _office("word/document.xml"), "a word-processor document (.docx)"),
        ("sheet.xlsx", _office("xl/workbook.xml"), "a spreadsheet (.xlsx)"),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "an image (.png)"),
        ("scan.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(64), "an image (.jpg)"),
        ("pages.zip", _zip(), "a compressed archive (.zip)"),
        ("page.txt", b"\x1f\x8b\x08\x00" + bytes(64), "a compressed archive (.gz)"),
    ],
)
def test_other_formats_are_named_with_what_is_accepted(name: str, data: bytes, named: str) -> None:
    with pytest.raises(InputError) as raised:
        decode_input(data, name=name)
    message = str(raised.value)
    assert message == f"{name}: {named} is not a page I can read; send the page as .txt, .pdf or .html"
    with pytest.raises(InputError, match=r"or a URL$"):
        decode_input(data, name=name, accepted="send .txt, .pdf, .html or a URL")
