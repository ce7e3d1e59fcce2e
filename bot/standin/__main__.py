"""``python -m bot.standin --port 8081``: run the stand-in until interrupted and say where it is."""

from __future__ import annotations

import argparse
import asyncio
import contextlib

from bot.standin.server import DEFAULT_TOKEN, StandIn


async def serve(host: str, port: int, token: str) -> None:
    async with StandIn(host=host, port=port, token=token) as server:
        print(f"Bot API stand-in listening on {server.url}", flush=True)
        print(f"  TELEGRAM_API_BASE_URL={server.base_url}", flush=True)
        print(f"  base_file_url={server.base_file_url}", flush=True)
        print(f"  TELEGRAM_BOT_TOKEN={server.token}", flush=True)
        await asyncio.Event().wait()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bot.standin", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--token", default=DEFAULT_TOKEN)
    args = parser.parse_args(argv)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(args.host, args.port, args.token))


if __name__ == "__main__":
    main()
