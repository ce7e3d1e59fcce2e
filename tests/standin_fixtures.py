"""Fixtures for tests that run the real python-telegram-bot against the local Bot API stand-in.

Enable with ``pytest_plugins = ["tests.standin_fixtures"]`` in tests/conftest.py.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

import pytest
from telegram import Bot
from telegram.ext import Application, ApplicationBuilder

from bot.standin import StandIn

AnyApplication = Application[Any, Any, Any, Any, Any, Any]
AnyBuilder = ApplicationBuilder[Any, Any, Any, Any, Any, Any]


def application_builder(server: StandIn) -> AnyBuilder:
    """An ApplicationBuilder aimed at the stand-in; add handlers, persistence etc. and build."""
    return (
        Application.builder()
        .token(server.token)
        .base_url(server.base_url)
        .base_file_url(server.base_file_url)
    )


def stand_in_bot(server: StandIn) -> Bot:
    """A plain ``telegram.Bot`` aimed at the stand-in (use as ``async with``)."""
    return Bot(server.token, base_url=server.base_url, base_file_url=server.base_file_url)


@contextlib.asynccontextmanager
async def polling(application: AnyApplication, *, timeout: int = 1) -> AsyncIterator[AnyApplication]:  # noqa: ASYNC109
    """Run ``application`` with long polling for the duration of the block, then shut it down."""
    async with application:
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(poll_interval=0, timeout=timeout)
        try:
            yield application
        finally:
            await application.updater.stop()
            await application.stop()


@pytest.fixture
async def standin() -> AsyncIterator[StandIn]:
    """A fresh stand-in server on a random port."""
    async with StandIn() as server:
        yield server


@pytest.fixture
async def tg_bot(standin: StandIn) -> AsyncIterator[Bot]:
    """An initialised ``telegram.Bot`` talking to ``standin``."""
    async with stand_in_bot(standin) as bot:
        yield bot
