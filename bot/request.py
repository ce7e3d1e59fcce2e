"""The bot's HTTP client for the Bot API: python-telegram-bot's request interface on aiohttp.

Every reply a web process sends is one Bot API request, and the library's default client (httpx) cost
a web process more CPU per reply than the rest of the reply together: its pure-Python HTTP/1.1 stack,
connection pool bookkeeping, and a form-encoded body (each parameter JSON-encoded and then
percent-encoded, which for a Chinese answer is a dozen bytes of output per character). aiohttp, which
already serves the webhook, parses HTTP in C; the parameters go as one JSON body, which the Bot API
accepts as it does a form. Uploads (files) still go as a multipart form.
"""

from __future__ import annotations

import json
from typing import Any

import aiohttp
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

_JSON = {"Content-Type": "application/json"}


class AiohttpRequest(BaseRequest):
    """:class:`telegram.request.BaseRequest` on an :class:`aiohttp.ClientSession`.

    ``connections`` bounds the connections open at once (a request beyond them waits up to
    ``pool_timeout`` for one); the timeouts, the library's defaults, apply to a request that names
    none. A write timeout a request names is not applied: aiohttp has none."""

    def __init__(
        self,
        *,
        connections: int = 64,
        read_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
    ) -> None:
        self.connections = connections
        self._read_timeout = read_timeout
        self._connect_timeout = connect_timeout
        self._pool_timeout = pool_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        return self._read_timeout

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self.connections, ttl_dns_cache=300)
            self._session = aiohttp.ClientSession(
                connector=connector, headers={"User-Agent": self.USER_AGENT}
            )

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            raise RuntimeError("AiohttpRequest is not initialized")
        files = request_data.multipart_data if request_data is not None else None
        unset = BaseRequest.DEFAULT_NONE
        read = self._read_timeout if read_timeout is unset else read_timeout
        connect = self._connect_timeout if connect_timeout is unset else connect_timeout
        pool = self._pool_timeout if pool_timeout is unset else pool_timeout
        # aiohttp's ``connect`` is the wait for a connection from the pool and the connect together;
        # it has no write timeout (a request body goes out as fast as the socket takes it).
        waited = None if pool is None or connect is None else pool + connect
        timeout = aiohttp.ClientTimeout(total=None, connect=waited, sock_connect=connect, sock_read=read)
        kwargs: dict[str, Any] = {}
        if files:
            form = aiohttp.FormData()
            for name, value in request_data.json_parameters.items() if request_data else ():
                form.add_field(name, value)
            for name, (filename, content, mimetype) in files.items():
                form.add_field(name, content, filename=filename, content_type=mimetype)
            kwargs["data"] = form
        elif request_data is not None and (parameters := request_data.parameters):
            # The values as they are (numbers as numbers, a keyboard as an object), not each one
            # JSON-encoded into a string as a form needs them.
            kwargs["data"] = json.dumps(parameters, ensure_ascii=False, separators=(",", ":")).encode()
            kwargs["headers"] = _JSON
        try:
            async with self._session.request(method, url, timeout=timeout, **kwargs) as response:
                return response.status, await response.read()
        except TimeoutError as error:
            raise TimedOut from error
        except aiohttp.ClientError as error:
            raise NetworkError(f"aiohttp.{error.__class__.__name__}: {error}") from error
