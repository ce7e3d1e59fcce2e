"""``parse_page`` reads a page with the cyclic garbage collector off, and must leave it as it
found it: on for a caller that had it on, off for one that had turned it off, also when the
parse raises."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from datetime import date
from zoneinfo import ZoneInfo

import pytest

from notices import parse
from notices.parse import parse_page

TZ = ZoneInfo("Asia/Shanghai")
PAGE = "停水通知\n因管道维修，5月9日8:00至17:00，和平路一带停水。\n某某水务公司\n2023年5月8日\n"


@pytest.fixture
def collector() -> Iterator[None]:
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def test_collector_off_while_reading(collector: None, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    real = parse._parse_page

    def spy(text: str, *, published: date | None, tz: ZoneInfo, read_on: date | None) -> parse.PageResult:
        seen.append(gc.isenabled())
        return real(text, published=published, tz=tz, read_on=read_on)

    monkeypatch.setattr(parse, "_parse_page", spy)
    gc.enable()
    result = parse_page(PAGE, published=date(2023, 5, 8), tz=TZ)
    assert seen == [False]
    assert gc.isenabled()
    assert [n.category.value for n in result.notices] == ["water_outage"]


def test_collector_left_off_when_caller_had_it_off(collector: None) -> None:
    gc.disable()
    parse_page(PAGE, published=date(2023, 5, 8), tz=TZ)
    assert not gc.isenabled()


def test_collector_back_on_after_an_error(collector: None, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(text: str, *, published: date | None, tz: ZoneInfo, read_on: date | None) -> parse.PageResult:
        raise RuntimeError("boom")

    monkeypatch.setattr(parse, "_parse_page", broken)
    gc.enable()
    with pytest.raises(RuntimeError):
        parse_page(PAGE, published=date(2023, 5, 8), tz=TZ)
    assert gc.isenabled()
