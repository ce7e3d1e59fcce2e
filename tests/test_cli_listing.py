"""What a newcomer reads from the command line: help that is true of the bundled examples, and listings
that say what each notice is about and how many there are."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from bot.cli import main

pytest_plugins = ["tests.test_cli"]

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "notices" / "examples").glob("*.txt"))


def test_help_tells_the_years_of_the_examples_and_what_limit_means(runner: CliRunner) -> None:
    years = {re.search(r"(\d{4})-\d{2}-\d{2}", p.name).group(1) for p in EXAMPLES}  # type: ignore[union-attr]
    assert years
    help_text = " ".join(runner.invoke(main, ["try", "--help"]).output.split())
    for year in years:
        assert f"from June and August {year}" in help_text
        assert f"try {year}-" in help_text
    assert not re.search(r"20\d\d", help_text.replace(next(iter(years)), "")), "no other year is named"
    ask = " ".join(runner.invoke(main, ["ask", "--help"]).output.split())
    assert "--limit INTEGER RANGE Most notices the answer lists. [default: 10; 1<=x<=200]" in ask


async def test_notices_shows_places_periods_and_a_count(cli: Any) -> None:
    assert (await cli("ingest", *map(str, EXAMPLES))).code == 0
    listed = await cli("notices")
    lines = listed.out.splitlines()
    power = lines.index(next(line for line in lines if "停电通知 [Power outage]" in line))
    assert lines[power + 1 : power + 3] == [
        "  停电时间: 3 June 2023, 8:00–16:00",
        "  停电时间: 6 June 2023, 7:30–11:30",
    ]
    assert lines[power + 3].startswith("  Places: ")
    assert "鹿乡社区" in lines[power + 3]
    assert "新发村" in lines[power + 3]
    total = len((await cli("notices", "--json")).json())
    assert total >= 6
    assert lines[-1] == f"{total} published notices"
    assert sum(1 for line in lines if line.startswith("#")) == total

    some = await cli("notices", "--limit", "2")
    assert (
        some.out.splitlines()[-1]
        == f"showing 2 of {total} published notices (--limit {total} shows them all)"
    )
    one = await cli("notices", "--text", "人民医院")
    assert one.out.splitlines()[-1] == "1 published notice"
    none = await cli("notices", "--status", "draft")
    assert none.out == "no draft notices\n"


async def test_reminders_without_subscribers_hints_at_a_simulated_one(cli: Any) -> None:
    assert (await cli("ingest", *map(str, EXAMPLES))).code == 0
    empty = await cli("reminders", "--from", "2023-06-01", "--to", "2023-06-07")
    assert empty.code == 0, empty.err
    first, hint = empty.out.splitlines()
    assert first == "No reminders due from 2023-06-01 to 2023-06-07."
    assert hint.startswith("No chat subscribes to anything yet.")
    assert "--category road_closure" in hint
    assert "--keyword WORD" in hint

    simulated = await cli("reminders", "--from", "2023-06-01", "--to", "2023-06-07", "--keyword", "东丰镇")
    assert "chat 0 #" in simulated.out
    nothing = await cli("reminders", "--from", "2020-01-01", "--to", "2020-01-02", "--keyword", "东丰镇")
    assert nothing.out == "No reminders due from 2020-01-01 to 2020-01-02.\n", (
        "a simulated subscriber: no hint"
    )
