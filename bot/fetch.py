"""A page by URL for ``noticebot ingest``/``parse``: fetched with a size cap and a time limit, and handed
to the same decoding as a file, with the charset and the kind the server declared.

Network access lives here, on the command line's side: ``notices/`` only ever sees bytes.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx

from notices.errors import InputError

USER_AGENT = "noticebot/0.1"


@dataclass(frozen=True, slots=True)
class Fetched:
    """What a server sent: the body, the charset of its Content-Type, and whether it says HTML."""

    url: str
    data: bytes
    charset: str | None
    html: bool


def fetch(url: str, *, max_bytes: int, timeout: float) -> Fetched:
    """GET ``url`` (following redirects), reading at most ``max_bytes``; the whole exchange takes at most
    about ``timeout`` seconds (each read waits at most that, and the body stops being read after it).
    Every failure is an InputError of one line that names the URL."""
    deadline = time.monotonic() + timeout
    try:
        with (
            httpx.Client(
                follow_redirects=True, timeout=timeout, headers={"User-Agent": USER_AGENT}
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                raise InputError(
                    f"{url}: the server answered {response.status_code} {response.reason_phrase}".rstrip()
                )
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise InputError(f"{url}: {int(declared):,} bytes is more than the {max_bytes:,}-byte limit")
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > max_bytes:
                    raise InputError(f"{url}: the page is more than the {max_bytes:,}-byte limit")
                if time.monotonic() > deadline:
                    raise InputError(f"{url}: the page did not arrive within {timeout:g} s")
            media = response.headers.get("content-type", "").split(";")[0].strip().lower()
            return Fetched(
                url=str(response.url),
                data=bytes(body),
                charset=response.charset_encoding,
                html=media in ("text/html", "application/xhtml+xml"),
            )
    except httpx.TimeoutException:
        raise InputError(f"{url}: no answer within {timeout:g} s") from None
    except (httpx.InvalidURL, httpx.UnsupportedProtocol):
        raise InputError(f"{url}: not a valid http(s) URL") from None
    except httpx.TooManyRedirects:
        raise InputError(f"{url}: too many redirects") from None
    except httpx.ConnectError as exc:
        raise InputError(f"{url}: cannot connect ({_reason(exc)})") from None
    except httpx.HTTPError as exc:
        raise InputError(f"{url}: {type(exc).__name__} ({_reason(exc)})") from None


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:200] or type(exc).__name__
