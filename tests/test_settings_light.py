"""The database settings ``noticebot ask`` reads without pydantic: the same values as ``Settings``,
and the full read (with its one-line errors) whenever anything else it checks is given."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.settings import Settings
from bot.settings_light import (
    CHECKED_ALIASES,
    LIGHT_ALIASES,
    UNCHECKED_ALIASES,
    DatabaseSettings,
    light_settings,
)


def _aliases() -> list[str]:
    return [str(field.validation_alias) for field in Settings.model_fields.values()]


def test_every_setting_is_either_read_light_or_sends_to_the_full_read() -> None:
    # A new setting must be placed: left unplaced, the light read would skip its checks.
    placed = [*LIGHT_ALIASES, *UNCHECKED_ALIASES, *CHECKED_ALIASES]
    assert sorted(placed) == sorted(_aliases())
    assert len(set(placed)) == len(placed)


@pytest.fixture
def clean(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    """No noticebot variable in the environment, and a working directory without a .env."""
    for alias in _aliases():
        for name in (alias, alias.lower()):
            monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    return monkeypatch


@pytest.mark.parametrize(
    ("environment", "env_file"),
    [
        ({}, ""),
        ({"DATABASE_URL": "sqlite:///x.db", "NOTICEBOT_TZ": "Europe/Berlin"}, ""),
        ({"database_url": "postgres://u:p@h:5433/d?sslmode=require", "NOTICEBOT_DB_SCHEMA": " s "}, ""),
        ({"NOTICEBOT_DB_SCHEMA": ""}, "DATABASE_URL=sqlite:///from-env-file.db\nNOTICEBOT_TZ='UTC'\n"),
        ({"DATABASE_URL": "sqlite:///env-wins.db"}, "# a comment\nexport DATABASE_URL=sqlite:///f.db\n"),
        ({"TELEGRAM_BOT_TOKEN": "1:x"}, "NOTICEBOT_OPS_LISTEN=127.0.0.1:9000\nOTHER=1\n"),
    ],
)
def test_light_values_are_the_settings_values(
    clean: pytest.MonkeyPatch, environment: dict[str, str], env_file: str
) -> None:
    for name, value in environment.items():
        clean.setenv(name, value)
    if env_file:
        Path(".env").write_text(env_file, encoding="utf-8")
    light = light_settings()
    assert light is not None
    assert light == Settings().database
    assert isinstance(light, DatabaseSettings)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("NOTICEBOT_FETCH_TIMEOUT", "5"),
        ("admin_ids", "1,2"),
        ("NOTICEBOT_TZ", "Mars/Olympus"),
        ("DATABASE_URL", "mysql://root@h/d"),
        ("DATABASE_URL", ""),
    ],
)
def test_anything_else_checked_or_refused_sends_to_the_full_read(
    clean: pytest.MonkeyPatch, name: str, value: str
) -> None:
    clean.setenv(name, value)
    assert light_settings() is None


def test_a_bare_name_in_the_env_file_sends_to_the_full_read(clean: pytest.MonkeyPatch) -> None:
    Path(".env").write_text("NOTICEBOT_TZ\n", encoding="utf-8")
    assert light_settings() is None


def test_ask_reports_a_refused_setting_as_every_command_does(clean: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    results = [
        runner.invoke(main, [command, *args], env={"NOTICEBOT_TZ": "Mars/Olympus"})
        for command, args in (("ask", ["哪些路封闭"]), ("notices", []))
    ]
    for result in results:
        assert result.exit_code != 0
        assert (
            result.stderr.strip()
            == "Error: invalid setting NOTICEBOT_TZ: Value error, unknown time zone 'Mars/Olympus'"
        )
