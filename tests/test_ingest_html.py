"""HTML pages and URLs through the real entry points: ``noticebot ingest``/``parse`` on files and on a
local HTTP server started here, and an administrator's .html upload to the bot."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.test_bot_admin import notice_rows
from tests.test_bot_harness import ADMIN_ID, Harness
from tests.test_cli import Run, assert_one_line_error
from tests.test_html import PAGE, _office

pytest_plugins = ["tests.test_bot_harness", "tests.test_cli"]

TITLES = [("封路公告", "road_closure"), ("停电通知", "power_outage")]


@dataclass
class Route:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    delay: float = 0.0
    send_length: bool = True


@dataclass
class PageServer:
    """An HTTP server on 127.0.0.1 serving ``routes``; ``url(path)`` names one."""

    server: ThreadingHTTPServer
    routes: dict[str, Route] = field(default_factory=dict)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"


@pytest.fixture
def pages() -> Iterator[PageServer]:
    routes: dict[str, Route] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            route = routes.get(self.path)
            if route is None:
                self.send_error(404, "Not Found")
                return
            time.sleep(route.delay)
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            if route.send_length:
                self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            # the client may give up on purpose (a size cap or a timeout)
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(route.body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield PageServer(server, routes)
    finally:
        server.shutdown()
        server.server_close()


def stored(run: Run) -> list[tuple[str, str]]:
    assert run.code == 0, run.err
    return [(s["title"], s["category"]) for f in run.json()["files"] for s in f["stored"]]


async def test_ingest_an_html_file_stores_its_notices_with_clean_titles(cli: Any, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    assert stored(await cli("ingest", str(page), "--json")) == TITLES

    disguised = tmp_path / "saved.txt"  # a page saved from a browser under the wrong name
    disguised.write_text(PAGE, encoding="utf-8")
    parsed = await cli("parse", str(disguised), "--json")
    assert [(n["title"], n["category"]) for n in parsed.json()] == TITLES
    assert not any("<" in n["title"] or "script" in n["body"] for n in parsed.json())

    listed = (await cli("notices", "--json")).json()
    assert sorted(n["title"] for n in listed) == ["停电通知", "封路公告"]


async def test_ingest_a_url_decodes_by_the_servers_charset(
    cli: Any, pages: PageServer, tmp_path: Path
) -> None:
    gbk = PAGE.replace('<meta charset="utf-8">', "").encode("gbk")
    pages.routes["/epaper/3.shtml?id=7"] = Route(gbk, "text/html; charset=GBK")
    url = pages.url("/epaper/3.shtml?id=7")
    run = await cli("ingest", url, "--json")
    assert stored(run) == TITLES
    assert run.json()["files"][0]["source"] == url

    again = await cli("ingest", url)
    assert again.out.splitlines()[0] == f"{url}: 0 stored, 2 duplicates, 0 skipped"


async def test_bad_urls_and_other_formats_get_one_line_and_change_nothing(
    cli: Any, pages: PageServer, tmp_path: Path
) -> None:
    pages.routes["/big"] = Route(b"<p>" + "封".encode() * 4000 + b"</p>", send_length=False)
    pages.routes["/slow"] = Route(PAGE.encode(), delay=3)
    pages.routes["/image"] = Route(b"\x89PNG\r\n\x1a\n" + bytes(100), "image/png")
    docx = tmp_path / "notice.docx"
    docx.write_bytes(_office("word/document.xml"))
    photo = tmp_path / "scan.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(64))
    limits = {"NOTICEBOT_MAX_INPUT_BYTES": "10000", "NOTICEBOT_FETCH_TIMEOUT": "1"}
    good = tmp_path / "page.html"
    good.write_text(PAGE, encoding="utf-8")

    accepted = "give a .txt, .pdf or .html file, or an http(s) URL"
    cases: list[tuple[tuple[str, ...], tuple[str, ...]]] = [
        (("ingest", str(docx)), (f"{docx}: a word-processor document (.docx)", accepted)),
        (("parse", str(photo)), (f"{photo}: an image (.jpg)", accepted)),
        (("ingest", str(good), pages.url("/image")), ("an image (.png)", accepted)),
        (("ingest", pages.url("/missing")), ("/missing: the server answered 404",)),
        (("ingest", pages.url("/big")), ("/big: the page is more than the 10,000-byte limit",)),
        (("ingest", pages.url("/slow")), ("/slow: no answer within 1 s",)),
        (("ingest", "http://127.0.0.1:9/page"), ("http://127.0.0.1:9/page: cannot connect",)),
        (("ingest", "http://127.0.0.1:abc/page"), ("not a valid http(s) URL",)),
    ]
    for args, needles in cases:
        started = time.monotonic()
        assert_one_line_error(await cli(*args, extra=limits), *needles)
        assert time.monotonic() - started < 15
    assert (await cli("notices", "--json")).json() == []


async def test_an_admins_html_upload_becomes_drafts(harness: Harness) -> None:
    admin = harness.server.user("Editor", user_id=ADMIN_ID, language_code="en")
    replies = await harness.upload(admin, "epaper.htm", PAGE.encode(), mime="text/html")
    assert "Found 2 notices: 2 new drafts" in (replies[0].plain or "")
    rows = await notice_rows(harness)
    assert sorted((r.title, r.category) for r in rows) == sorted(TITLES)
    assert not any("<" in r.title or "document.write" in r.body for r in rows)

    [docx] = await harness.upload(admin, "notice.docx", _office("word/document.xml"), mime="application/zip")
    assert "I can only read .txt text, an .html page or a .pdf" in (docx.plain or "")
    [disguised] = await harness.upload(admin, "notice.txt", _office("word/document.xml"))
    assert "a word-processor document (.docx) is not a page I can read" in (disguised.plain or "")
    assert len(await notice_rows(harness)) == 2
