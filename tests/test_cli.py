"""The ``noticebot`` command line through its real entry point, on SQLite and on PostgreSQL."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from bot.cli import main
from tests.conftest import env_for

BIN = Path(sys.executable).with_name("noticebot")
ENTRY = [str(BIN)] if BIN.exists() else [sys.executable, "-m", "bot.cli"]

ROAD = """封路公告
经交通警察支队批准，对和平路（解放街至新华街路段）进行施工，施工期间全封闭，请过往车辆绕行。
封闭期限：2022年6月1日至6月3日
特此公告
某市政工程有限公司
2022年5月20日
"""


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture
def cli(db_url: str, tmp_path: Path) -> Any:
    """Run ``noticebot`` in a subprocess against this test's database (cwd: an empty directory)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "NOTICEBOT_DB_SCHEMA")}
    env.update(env_for(db_url))

    async def run(*args: str, stdin: bytes | None = None, extra: dict[str, str] | None = None) -> Run:
        process = await asyncio.create_subprocess_exec(
            *ENTRY,
            *args,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            cwd=tmp_path,
            env={**env, **(extra or {})},
        )
        out, err = await process.communicate(stdin or b"")
        assert process.returncode is not None
        return Run(process.returncode, out.decode(), err.decode())

    return run


def assert_one_line_error(run: Run, *needles: str) -> None:
    assert run.code != 0
    assert run.out == ""
    lines = run.err.strip().splitlines()
    assert len(lines) == 1, run.err
    assert lines[0].startswith("Error: ")
    assert "Traceback" not in run.err
    for needle in needles:
        assert needle in lines[0]


async def test_ingest_sample_twice_then_ask(cli: Any, sample_page: str, tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(sample_page, encoding="utf-8")

    first = await cli("ingest", str(page), "--json")
    assert first.code == 0, first.err
    report = first.json()
    assert report["stored"] == 3
    assert report["duplicates"] == 0
    assert report["skipped"] >= 1
    by_category = {n["category"]: n for n in report["files"][0]["stored"]}
    assert set(by_category) == {"road_closure", "recruitment", "rental"}
    closure = by_category["road_closure"]
    assert closure["periods"] == [
        {
            "label": "封闭期限",
            "start": "2022-05-11",
            "end": "2022-05-26",
            "all_day": True,
            "note": None,
            "daily": None,
            "places": [],
        }
    ]
    assert all(s["reason"] for s in report["files"][0]["skipped"])

    second = await cli("ingest", str(page))
    assert second.code == 0, second.err
    assert "0 stored, 3 duplicates" in second.out
    assert f"#{closure['id']} road_closure 封路公告 — 封闭期限: 11–26 May 2022 (all day)" in second.out

    # read-only queries, run side by side to keep the suite fast
    en, zh, jobs_run, place_run, miss, listed_run, after_run = await asyncio.gather(
        cli("ask", "what roads are closed on May 20", "--at", "2022-05-15", "--json"),
        cli("ask", "5月20日哪些路封闭", "--at", "2022-05-15"),
        cli("ask", "有什么招聘", "--at", "2022-05-15T09:30", "--json"),
        cli("ask", "寿山镇", "--at", "2022-05-15", "--json"),
        cli("ask", "6月10日哪些路封闭", "--at", "2022-06-01"),
        cli("notices", "--active-at", "2022-05-20", "--category", "road_closure", "--json"),
        cli("notices", "--active-at", "2022-05-27", "--category", "道路封闭", "--json"),
    )
    assert en.code == 0, en.err
    answer = en.json()
    assert set(answer) == {"language", "question", "text", "notices", "detour_of"}
    assert answer["language"] == "en"
    assert [n["id"] for n in answer["notices"]] == [closure["id"]]
    assert answer["notices"][0] == {
        "id": closure["id"],
        "title": "封路公告",
        "category": "road_closure",
        "periods": closure["periods"],
    }
    assert "11–26 May 2022" in answer["text"]

    assert zh.code == 0, zh.err
    assert "封闭期限：2022年5月11日—26日（全天）" in zh.out
    assert "寿山镇" in zh.out

    jobs = jobs_run.json()
    assert [n["category"] for n in jobs["notices"]] == ["recruitment"]
    assert jobs["notices"][0]["periods"][0]["note"] == "节假日除外"

    assert [n["id"] for n in place_run.json()["notices"]] == [closure["id"]]

    assert miss.code == 0
    assert miss.out.startswith("没有找到2022年6月10日的道路封闭通知。")
    assert f"#{closure['id']} 封路公告" in miss.out  # the nearest past one

    listed = listed_run.json()
    assert [n["id"] for n in listed] == [closure["id"]]
    assert listed[0]["status"] == "published"
    assert listed[0]["published"] == "2022-05-10"
    assert any("寿山镇" in p for p in listed[0]["places"])
    assert after_run.json() == []


async def test_nearest_future_when_nothing_is_on_yet(cli: Any, tmp_path: Path) -> None:
    page = tmp_path / "road.txt"
    page.write_text(ROAD, encoding="utf-8")
    stored = await cli("ingest", str(page), "--json")
    assert stored.json()["stored"] == 1, stored.out
    answer = (await cli("ask", "哪些路封闭", "--at", "2022-05-21", "--json")).json()
    assert [n["title"] for n in answer["notices"]] == ["封路公告"]  # about to start: listed
    miss = await cli("ask", "what roads are closed on May 25", "--at", "2022-05-21")
    assert miss.out.startswith("No road closure notices on 25 May 2022.")
    assert "The next one starts: #" in miss.out
    assert "1–3 June 2022" in miss.out


async def test_stdin_and_text_output(cli: Any) -> None:
    result = await cli("ingest", "-", stdin=ROAD.encode("gb18030"))
    assert result.code == 0, result.err
    assert result.out.startswith("stdin: 1 stored, 0 duplicates")
    assert "road_closure 封路公告 — 封闭期限: 1–3 June 2022 (all day)" in result.out
    listed = await cli("notices")
    lines = listed.out.splitlines()
    assert lines[0].endswith("封路公告 [Road closure]")
    assert "  封闭期限: 1–3 June 2022 (all day)" in lines
    assert lines[-1] == "1 published notice"


async def test_bad_inputs_change_nothing(cli: Any, tmp_path: Path) -> None:
    good = tmp_path / "road.txt"
    good.write_text(ROAD, encoding="utf-8")
    assert (await cli("ingest", str(good))).code == 0
    before = (await cli("notices", "--json")).json()

    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "blob.bin"
    binary.write_bytes(bytes(range(256)) * 64)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    other = tmp_path / "other.txt"
    other.write_text(ROAD.replace("和平路", "胜利路"), encoding="utf-8")

    # independent failures, run side by side to keep the suite fast
    cases: list[tuple[tuple[str, ...], dict[str, str] | None, tuple[str, ...]]] = [
        (("ingest", str(empty)), None, ("empty",)),
        (("ingest", str(binary)), None, ("binary",)),
        (("ingest", str(huge)), None, ("limit",)),
        (("ingest", str(tmp_path / "missing.txt")), None, ("no such file",)),
        (("ingest", str(tmp_path)), None, ("directory",)),
        # one unreadable page among good ones: nothing at all is stored
        (("ingest", str(other), str(binary)), None, ("binary",)),
        (("ingest", str(good), "--published", "2022-13-01"), None, ("--published",)),
        (("ask", "哪些路封闭", "--at", "tomorrow"), None, ("--at",)),
        (("notices", "--category", "volcano"), None, ("unknown category", "road_closure")),
        (("notices", "--active-at", "2022-02-30"), None, ("--active-at",)),
        (("dates", "5月1日", "--base", "1.5"), None, ("--base",)),
        (("notices",), {"NOTICEBOT_TZ": "Mars/Olympus"}, ("NOTICEBOT_TZ",)),
    ]
    runs = await asyncio.gather(*(cli(*args, extra=extra) for args, extra, _ in cases))
    for run, (_, _, needles) in zip(runs, cases, strict=True):
        assert_one_line_error(run, *needles)

    news = tmp_path / "news.txt"
    news.write_text("本报讯（记者 某某）5月10日，市里召开会议，研究部署防汛工作。\n", encoding="utf-8")
    report = await cli("ingest", str(news), "--json")
    assert report.code == 0
    assert (report.json()["stored"], report.json()["duplicates"], report.json()["skipped"]) == (0, 0, 1)

    assert (await cli("notices", "--json")).json() == before


async def test_db_upgrade_on_a_fresh_database(cli: Any) -> None:
    result = await cli("db", "upgrade")
    assert result.code == 0, result.err
    assert "is at revision" in result.out
    assert (await cli("db", "upgrade")).code == 0  # idempotent


async def test_query_commands_do_not_import_telegram(db_url: str, tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from bot.cli import main\n"
        "for args in (['dates', '5月1日至3日', '--base', '2022-04-30'],\n"
        "             ['ask', '哪些路封闭'], ['notices']):\n"
        "    main(args, standalone_mode=False)\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('telegram', 'apscheduler'))\n"
        "print('HEAVY', heavy)\n"
    )
    env = {**os.environ, **env_for(db_url)}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", script, cwd=tmp_path, env=env, stdout=asyncio.subprocess.PIPE
    )
    out, _ = await process.communicate()
    assert process.returncode == 0
    assert out.decode().splitlines()[-1] == "HEAVY []"


# --- in process (CliRunner): commands that need no database ---------------------------------------


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'cli.sqlite3'}")
    return CliRunner()


def test_dates_json(runner: CliRunner) -> None:
    result = runner.invoke(
        main, ["dates", "封闭期限：5月11日—26日，每日8:00-17:00", "--base", "2022-05-10", "--json"]
    )
    assert result.exit_code == 0, result.output
    periods = json.loads(result.output)
    assert periods
    for period in periods:
        assert {"text", "start", "end", "all_day"} <= set(period)
    assert periods[0]["start"].startswith("2022-05-11")


def test_dates_json_daily_window_and_moment(runner: CliRunner) -> None:
    result = runner.invoke(
        main, ["dates", "2024年5月6日至5月20日，每日9:00至17:00封闭", "--base", "2024-05-01", "--json"]
    )
    assert result.exit_code == 0, result.output
    (period,) = json.loads(result.output)
    assert (period["start"], period["end"], period["all_day"]) == ("2024-05-06", "2024-05-20", True)
    assert period["daily"] == {"start": "09:00", "end": "17:00"}
    result = runner.invoke(main, ["dates", "开标时间：2024年5月20日9:30", "--base", "2024-05-01", "--json"])
    (period,) = json.loads(result.output)
    assert period["start"] == period["end"] == "2024-05-20T09:30:00+08:00"
    assert period["daily"] is None


def test_dates_json_writes_a_whole_day_end_as_a_day(runner: CliRunner) -> None:
    result = runner.invoke(
        main, ["dates", "定于5月16日上午9時至6月2日實施管制", "--base", "2022-05-10", "--json"]
    )
    (period,) = json.loads(result.output)
    assert (period["start"], period["end"]) == ("2022-05-16T09:00:00+08:00", "2022-06-02")


def test_dates_text_and_nothing(runner: CliRunner) -> None:
    result = runner.invoke(main, ["dates", "招聘3-5人，年龄18-35周岁", "--base", "2022-05-10"])
    assert result.exit_code == 0
    assert result.output.strip() == "no dates found"


def test_parse_json_stores_nothing(runner: CliRunner, tmp_path: Path) -> None:
    page = tmp_path / "road.txt"
    page.write_text(ROAD, encoding="utf-8")
    result = runner.invoke(main, ["parse", str(page), "--json"])
    assert result.exit_code == 0, result.output
    notices = json.loads(result.output)
    assert len(notices) == 1
    assert set(notices[0]) == {
        "title",
        "category",
        "issuer",
        "published",
        "periods",
        "places",
        "detours",
        "body",
        "warnings",
    }
    assert notices[0]["category"] == "road_closure"
    assert notices[0]["periods"][0]["start"] == "2022-06-01"
    assert notices[0]["published"] == "2022-05-20"
    assert not (tmp_path / "cli.sqlite3").exists()
    text = runner.invoke(main, ["parse", str(page)])
    assert "Category: Road closure" in text.output


def test_parse_uses_published_when_unsigned(runner: CliRunner, tmp_path: Path) -> None:
    page = tmp_path / "unsigned.txt"
    page.write_text(
        "停电通知\n因线路检修，5月18日8:00至17:00西安区部分地区停电。\n特此通知\n", encoding="utf-8"
    )
    result = runner.invoke(main, ["parse", str(page), "--published", "2022-05-16", "--json"])
    assert result.exit_code == 0, result.output
    notices = json.loads(result.output)
    assert notices[0]["published"] == "2022-05-16"
    assert notices[0]["periods"][0]["start"] == "2022-05-18T08:00:00+08:00"


def test_help_lists_every_command(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--help"])
    for name in ("ingest", "parse", "dates", "ask", "notices", "db"):
        assert name in result.output


def test_python_dash_m_works(tmp_path: Path) -> None:
    import subprocess

    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "dates", "2022年5月11日", "--json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)[0]["start"] == "2022-05-11"


def test_a_reader_that_goes_away_gets_no_error(tmp_path: Path) -> None:
    """`noticebot parse page --json | head -1`: when the pipe closes early the command stops quietly."""
    import subprocess

    page = tmp_path / "page.txt"
    notice = "封路公告\n因施工，2022年5月11日至26日对人民大街全封闭。\n某某公司\n2022年5月10日\n"
    page.write_text(notice * 400)
    process = subprocess.Popen(
        [*ENTRY, "parse", str(page), "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.close()  # the reader is gone before the command writes anything
    errors = process.stderr.read().decode()
    process.wait(timeout=60)
    assert "Error" not in errors
    assert "Traceback" not in errors
