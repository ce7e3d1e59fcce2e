"""A notice with no year, no signature date and no publication date takes the year its weekdays
fit: the latest one not past the day it is read (a little lead allowed, for what is coming); all
its weekday pairs weigh, a lone typo is outvoted; with no weekday it stays unresolved."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from bot.cli import main
from notices.normalize import normalize
from notices.parse import parse_page
from notices.weekday_year import LEAD, weekday_pairs, weekday_year

TZ = ZoneInfo("Asia/Shanghai")
READ_ON = date(2026, 12, 7)


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        ("预计星期二(4月1日)中午前恢复供水", [(4, 1, 1)]),
        ("4月1日（星期二）", [(4, 1, 1)]),
        ("3月5日（周二）、6日（周三）及12日（週二）", [(3, 5, 1), (3, 6, 2), (3, 12, 1)]),
        ("下周一(10日)至2月21日(周五)施工", [(2, 10, 0), (2, 21, 4)]),
        ("十月一日（星期六）", [(10, 1, 5)]),
        ("5月13日(周二)截标，本月9日(周三)举行讲解会", [(5, 13, 1)]),  # 本月: no month to give it
        ("The road will close on Tuesday, 1 April.", [(4, 1, 1)]),
        ("Open on Sat, December 28", [(12, 28, 5)]),
        ("Dec 28 (Sat) to Jan 5 (Sun)", [(12, 28, 5), (1, 5, 6)]),
        ("1st April (Tue)", [(4, 1, 1)]),
        ("5月13日截标", []),
    ],
)
def test_weekday_pairs(text: str, pairs: list[tuple[int, int, int]]) -> None:
    assert weekday_pairs(normalize(text)) == pairs


def test_the_latest_fitting_year_not_past_the_reading_day() -> None:
    found = weekday_year(normalize("4月1日（星期二）停水"), read_on=READ_ON)
    assert found is not None
    assert found.year == 2025
    assert found.day == date(2025, 4, 1)
    # read earlier, the same pair means an earlier year
    earlier = weekday_year(normalize("4月1日（星期二）停水"), read_on=date(2020, 6, 1))
    assert earlier is not None
    assert earlier.year == 2014


def test_a_notice_read_ahead_of_its_days_keeps_the_coming_year() -> None:
    found = weekday_year(normalize("1月5日（周二）起封闭"), read_on=date(2020, 12, 20))
    assert found is not None
    assert found.year == 2021


def test_several_pairs_narrow_the_year_and_a_typo_is_outvoted() -> None:
    text = "3月5日（周二）、11日（周一）及3月20日（周三），3月21日（周五）"  # the 21st was a Thursday
    found = weekday_year(normalize(text), read_on=READ_ON)
    assert found is not None
    assert (found.year, found.fitting, found.pairs) == (2024, 3, 4)


def test_pairs_that_agree_on_no_year_give_none() -> None:
    assert weekday_year(normalize("4月1日（星期二）、4月2日（星期五）"), read_on=READ_ON) is None


def test_a_notice_dated_by_its_weekdays_alone_gets_its_periods() -> None:
    page = "停水通知\n因管道抢修，4月1日（星期二）9时至17时，青松路一带停水。\n特此通知\n"
    (notice,) = parse_page(page, published=None, tz=TZ, read_on=READ_ON).notices
    (period,) = notice.periods
    assert period.start == datetime(2025, 4, 1, 9, tzinfo=TZ)
    assert any(w.startswith("year inferred from weekdays: 2025") for w in notice.warnings)


def test_without_a_reading_day_or_a_weekday_it_stays_unresolved() -> None:
    page = "停水通知\n因管道抢修，4月1日（星期二）9时至17时，青松路一带停水。\n特此通知\n"
    (notice,) = parse_page(page, published=None, tz=TZ).notices
    assert notice.periods == []
    plain = page.replace("（星期二）", "")
    (notice,) = parse_page(plain, published=None, tz=TZ, read_on=READ_ON).notices
    assert notice.periods == []
    assert any(w.startswith("dates not resolved") for w in notice.warnings)


def test_a_publication_date_wins_over_weekdays() -> None:
    page = "停水通知\n因管道抢修，4月1日（星期二）9时至17时，青松路一带停水。\n特此通知\n"
    (notice,) = parse_page(page, published=date(2031, 3, 20), tz=TZ, read_on=READ_ON).notices
    assert notice.periods[0].start == datetime(2031, 4, 1, 9, tzinfo=TZ)
    assert not any("weekdays" in w for w in notice.warnings)


def test_english_weekdays() -> None:
    page = "Water Suspension Notice\nWater supply will be suspended from 9am to 5pm on Tuesday, 1 April.\n"
    (notice,) = parse_page(page, published=None, tz=TZ, read_on=READ_ON).notices
    assert notice.periods
    assert notice.periods[0].start == datetime(2025, 4, 1, 9, tzinfo=TZ)


def test_the_parse_command_reads_with_today_as_the_bound(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'cli.sqlite3'}")
    page = tmp_path / "cut.txt"
    page.write_text(
        "停水通知\n因管道抢修，4月1日（星期二）9时至17时，青松路一带停水。\n特此通知\n", encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["parse", str(page), "--json"])
    assert result.exit_code == 0, result.output
    (notice,) = json.loads(result.output)
    start = date.fromisoformat(notice["periods"][0]["start"][:10])
    assert (start.month, start.day, start.weekday()) == (4, 1, 1)
    assert start <= date.today() + LEAD
