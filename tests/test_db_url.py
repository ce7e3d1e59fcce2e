"""DATABASE_URL as people write it, through the real ``noticebot`` entry point: every common form works on
a temporary SQLite file and on PostgreSQL, and a server that cannot be reached is one line naming
DATABASE_URL with the host and database (never the password, never a driver's traceback)."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import text
from sqlalchemy.engine import make_url

from bot.cli import main
from bot.settings import Settings
from db.engine import make_engine
from db.light import connect_args
from db.url import DatabaseURLError, async_url
from tests.conftest import postgres_url
from tests.test_cli import ENTRY, ROAD

LOCAL_POSTGRES = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
SECRET = "s3cret-pw"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("sqlite:///./x.db", "sqlite+aiosqlite:///./x.db"),
        ("sqlite:////abs/x.db", "sqlite+aiosqlite:////abs/x.db"),
        ("sqlite+pysqlite:///x.db", "sqlite+aiosqlite:///x.db"),
        ("postgresql://u:p@h:5433/d", "postgresql+asyncpg://u:p@h:5433/d"),
        ("postgres://u@h/d", "postgresql+asyncpg://u@h/d"),
        ("postgresql+psycopg2://u@h/d?sslmode=require", "postgresql+asyncpg://u@h/d?ssl=require"),
        ("postgresql+psycopg://u@h/d", "postgresql+asyncpg://u@h/d"),
        ("postgresql+asyncpg://u@h/d", "postgresql+asyncpg://u@h/d"),
    ],
)
def test_url_forms_map_to_async_drivers(written: str, expected: str) -> None:
    assert async_url(written).render_as_string(hide_password=False) == expected


@pytest.mark.parametrize("written", ["mysql://u@h/d", "not a url", "", "oracle+cx://u:pw@h/d"])
def test_unsupported_urls_are_refused_without_echoing_them(written: str) -> None:
    with pytest.raises(DatabaseURLError) as caught:
        async_url(written)
    assert "pw" not in str(caught.value)
    assert "sqlite:///" in str(caught.value)


def test_empty_schema_setting_means_the_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """.env.example has ``NOTICEBOT_DB_SCHEMA=``; an empty search_path would make every table vanish."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NOTICEBOT_DB_SCHEMA", " ")
    monkeypatch.setenv("DATABASE_URL", "postgres://u@h/d")
    settings = Settings()
    assert settings.database_schema is None
    assert settings.database_url == "postgresql+asyncpg://u@h/d"


# --- through the CLI --------------------------------------------------------------------------------


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(tmp_path)
    for name in ("DATABASE_URL", "NOTICEBOT_DB_SCHEMA", "TELEGRAM_BOT_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    return CliRunner()


def invoke(runner: CliRunner, url: str, *args: str, **env: str) -> Result:
    return runner.invoke(main, list(args), env={"DATABASE_URL": url, **env}, catch_exceptions=False)


def store_and_list(runner: CliRunner, tmp_path: Path, url: str, **env: str) -> None:
    page = tmp_path / "road.txt"
    page.write_text(ROAD, encoding="utf-8")
    upgraded = invoke(runner, url, "db", "upgrade", **env)
    assert upgraded.exit_code == 0, upgraded.output
    assert "is at revision" in upgraded.output
    stored = invoke(runner, url, "ingest", str(page), **env)
    assert stored.exit_code == 0, stored.output
    listed = invoke(runner, url, "notices", "--text", "和平路", "--json", **env)
    assert listed.exit_code == 0, listed.output
    assert [row["title"] for row in json.loads(listed.output)] == ["封路公告"]


def test_sqlite_relative_url(runner: CliRunner, tmp_path: Path) -> None:
    store_and_list(runner, tmp_path, "sqlite:///./x.db")
    assert (tmp_path / "x.db").is_file()


def test_sqlite_absolute_url(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "nested" / "abs.db"
    store_and_list(runner, tmp_path, f"sqlite:///{path}")  # sqlite:////tmp/…/abs.db
    assert path.is_file()


def _postgres_base() -> str:
    """The suite's PostgreSQL, else this machine's; the test is skipped when neither answers."""
    base = postgres_url() or LOCAL_POSTGRES

    async def probe() -> None:
        engine = make_engine(base, connect_args={"timeout": 3})
        try:
            async with engine.connect():
                pass
        finally:
            await engine.dispose()

    try:
        asyncio.run(probe())
    except Exception as error:
        pytest.skip(f"no PostgreSQL at {make_url(base).host}: {error}")
    return base


@pytest.fixture
def pg_schema() -> Iterator[tuple[str, str]]:
    """A PostgreSQL URL (asyncpg form) and an empty schema of this test's own."""
    base = _postgres_base()
    schema = f"t_{uuid.uuid4().hex[:12]}"

    async def run(sql: str) -> None:
        engine = make_engine(base)
        try:
            async with engine.begin() as connection:
                await connection.execute(text(sql))
        finally:
            await engine.dispose()

    asyncio.run(run(f'CREATE SCHEMA "{schema}"'))
    try:
        yield base, schema
    finally:
        asyncio.run(run(f'DROP SCHEMA "{schema}" CASCADE'))


@pytest.mark.parametrize("scheme", ["postgresql", "postgres", "postgresql+psycopg2", "postgresql+asyncpg"])
def test_postgres_url_forms(
    runner: CliRunner, tmp_path: Path, pg_schema: tuple[str, str], scheme: str
) -> None:
    base, schema = pg_schema
    url = make_url(base).set(drivername=scheme).render_as_string(hide_password=False)
    store_and_list(runner, tmp_path, url, NOTICEBOT_DB_SCHEMA=schema)


def test_postgres_libpq_sslmode(runner: CliRunner, tmp_path: Path, pg_schema: tuple[str, str]) -> None:
    base, schema = pg_schema
    url = make_url(base).set(drivername="postgresql").update_query_dict({"sslmode": "disable"})
    store_and_list(runner, tmp_path, url.render_as_string(hide_password=False), NOTICEBOT_DB_SCHEMA=schema)


# --- a database that cannot be reached: one line ---------------------------------------------------

COMMANDS = [("notices",), ("ask", "哪些路封闭"), ("ingest", "-"), ("db", "upgrade")]


def assert_one_line(result: Result, *needles: str) -> None:
    assert result.exit_code != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith("Error: DATABASE_URL ")
    for needle in needles:
        assert needle in line
    for noise in (SECRET, "Traceback", "sqlalche.me", "gaierror", "DBAPIError", "ConnectionRefusedError"):
        assert noise not in result.stderr


@pytest.mark.parametrize("args", COMMANDS)
def test_unreachable_port_is_one_line(runner: CliRunner, args: tuple[str, ...]) -> None:
    url = f"postgresql://postgres:{SECRET}@127.0.0.1:1/test"
    result = runner.invoke(main, list(args), env={"DATABASE_URL": url}, input=ROAD)
    assert_one_line(result, "127.0.0.1:1", "/test", "connection refused")


@pytest.mark.parametrize("args", COMMANDS)
def test_missing_database_is_one_line(
    runner: CliRunner, pg_schema: tuple[str, str], args: tuple[str, ...]
) -> None:
    base, _ = pg_schema
    url = make_url(base).set(drivername="postgres", password=SECRET, database="no_such_noticebot_db")
    env = {"DATABASE_URL": url.render_as_string(hide_password=False)}
    result = runner.invoke(main, list(args), env=env, input=ROAD)
    assert_one_line(result, "no_such_noticebot_db", f"{url.host}:{url.port or 5432}", "has no database")


def test_unknown_host_is_one_line(runner: CliRunner) -> None:
    url = f"postgres://postgres:{SECRET}@no-such-host.invalid/test"
    result = runner.invoke(main, ["notices"], env={"DATABASE_URL": url})
    assert_one_line(result, "no-such-host.invalid", "cannot find the host")


def test_unsupported_url_is_one_line(runner: CliRunner) -> None:
    result = runner.invoke(main, ["notices"], env={"DATABASE_URL": f"mysql://root:{SECRET}@h/d"})
    assert result.exit_code != 0
    assert result.stderr.strip().splitlines() == [
        "Error: invalid setting DATABASE_URL: Value error, 'mysql' databases are not supported; "
        "write sqlite:///path/to/file.db or postgresql://USER:PASSWORD@HOST:PORT/DATABASE"
    ]


def test_run_with_unreachable_database_is_one_line(tmp_path: Path) -> None:
    """``noticebot run`` as a real process: the database is opened before Telegram is contacted."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "NOTICEBOT_DB_SCHEMA")}
    env.update(DATABASE_URL=f"postgres://postgres:{SECRET}@127.0.0.1:1/test", TELEGRAM_BOT_TOKEN="1:x")
    done = subprocess.run(
        [*ENTRY, "run"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode != 0
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("Error: DATABASE_URL postgresql+asyncpg://postgres:***@127.0.0.1:1/test: ")
    assert SECRET not in done.stderr


def test_postgres_connections_run_without_jit() -> None:
    """JIT compilation cost an answer at a million notices ~150 ms for ~5 ms of execution; settings
    given by the caller come first, and are not changed in place."""
    url = make_url("postgresql+asyncpg://postgres@127.0.0.1:5432/test")
    given = {"server_settings": {"application_name": "web-1"}}
    args = connect_args(url, "deployment", given)
    assert args["server_settings"] == {"jit": "off", "application_name": "web-1", "search_path": "deployment"}
    assert given == {"server_settings": {"application_name": "web-1"}}
    assert connect_args(url, None, {"server_settings": {"jit": "on"}})["server_settings"] == {"jit": "on"}
    assert "server_settings" not in connect_args(make_url("sqlite+aiosqlite:///x.db"), None)
