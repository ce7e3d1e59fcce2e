"""The first page of an answer in one statement is the page, and the count, that merging the filters'
ids and then loading the page's notices gives."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from db.filters import NoticeFilter
from db.pages import first_page_each
from db.rows import load_records
from db.search import find_notice_ids_each
from notices.categories import Category
from tests.test_db_search import SH, Sessions, ids, local

__all__ = ["ids"]  # the stored notices, a fixture


async def test_the_first_page_in_one_statement(sessions: Sessions, ids: dict[str, int]) -> None:
    active = NoticeFilter(active_on=date(2022, 5, 12))
    starting = NoticeFilter(starts_between=(local(2022, 5, 1), local(2022, 7, 1)))
    undated = NoticeFilter(undated_since=date(2022, 1, 1))
    roads = NoticeFilter(categories=(Category.ROAD_CLOSURE,))
    nothing = NoticeFilter(undated_since=date(2099, 1, 1))
    cases = [
        [active, starting, undated],
        [starting, active],
        [replace(active, categories=roads.categories), replace(starting, categories=roads.categories)],
        [nothing, NoticeFilter(active_on=date(2099, 1, 2))],
    ]
    async with sessions() as session:
        for filters in cases:
            for limit in (1, 2, 3, 50):
                for size in (1, 2, 10):
                    merged: dict[int, None] = {}
                    each = await find_notice_ids_each(session, filters, tz=SH, limit=limit, while_short=True)
                    for found in each:
                        merged.update(dict.fromkeys(found))
                    expected = await load_records(session, list(merged)[:size])
                    page, count = await first_page_each(session, filters, tz=SH, limit=limit, size=size)
                    assert (page, count) == (expected, len(merged)), (filters, limit, size)
