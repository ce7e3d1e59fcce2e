"""How queued updates reach the bot: getUpdates long polls, or POSTs to a webhook.

Both follow Telegram: a long poll cut short by another getUpdates or by setWebhook gets 409, as does
getUpdates while a webhook is set; updates are handed over in order and dropped once confirmed (a
higher ``offset``, or the webhook's 2xx); a failing webhook is retried with a growing delay and its
last error shows in getWebhookInfo.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from aiohttp import ClientError, ClientSession, ClientTimeout

from bot.standin.faults import CONFLICT_POLLING, CONFLICT_WEBHOOK, ApiError, bad_request
from bot.standin.params import Params, get_bool, get_int, get_json, get_str
from bot.standin.state import CONFLICT, DEFAULT_UPDATES, WAKE, ServerState


class UpdateDelivery(ServerState):
    """getUpdates, setWebhook, deleteWebhook and getWebhookInfo, and the webhook's delivery task."""

    async def _async_method(self, name: str, params: Params) -> Any:
        if name == "getUpdates":
            return await self._get_updates(params)
        if name == "setWebhook":
            return self._set_webhook(params)
        if name == "deleteWebhook":
            if get_bool(params, "drop_pending_updates"):
                self._updates.clear()
            await self._stop_webhook()
            return True
        return self._webhook_info()

    def _ready(self, offset: int | None, limit: int) -> list[dict[str, Any]]:
        updates = self._updates
        if offset is not None:
            if offset < 0:
                while len(updates) > -offset:
                    updates.popleft()
            else:
                while updates and updates[0][0] < offset:
                    updates.popleft()
        ready = []
        for update_id, kind, update in list(updates):
            if kind not in self.allowed_updates:
                updates.remove((update_id, kind, update))
                continue
            ready.append(update)
            if len(ready) >= limit:
                break
        return ready

    async def _get_updates(self, params: Params) -> list[dict[str, Any]]:
        if self.webhook is not None:
            raise ApiError(409, CONFLICT_WEBHOOK)
        offset = get_int(params, "offset")
        limit = min(max(get_int(params, "limit", 100) or 100, 1), 100)
        timeout = max(get_int(params, "timeout", 0) or 0, 0)
        allowed = get_json(params, "allowed_updates")
        if isinstance(allowed, list):
            self.allowed_updates = frozenset(allowed) if allowed else DEFAULT_UPDATES
        self._wake_poller(CONFLICT)
        ready = self._ready(offset, limit)
        if not ready and timeout > 0 and self._runner is not None:
            poller: asyncio.Future[str] = asyncio.get_running_loop().create_future()
            self._poller = poller
            self._notify()
            wait = timeout if self.max_poll_seconds is None else min(timeout, self.max_poll_seconds)
            try:
                outcome = await asyncio.wait_for(poller, wait)
            except TimeoutError:
                outcome = WAKE
            finally:
                if self._poller is poller:
                    self._poller = None
            if outcome == CONFLICT:
                raise ApiError(409, CONFLICT_POLLING)
            ready = self._ready(None, limit)
        if ready:
            self.delivered_update_id = max(self.delivered_update_id, ready[-1]["update_id"])
        return ready

    def _set_webhook(self, params: Params) -> bool:
        url = get_str(params, "url") or ""
        if not url:
            self.webhook = None
            self._webhook_wake.set()
            return True
        if not url.startswith(("http://", "https://")):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        secret = get_str(params, "secret_token")
        if secret is not None and (
            not all(c.isalnum() or c in "_-" for c in secret) or not 1 <= len(secret) <= 256
        ):
            raise bad_request("secret token contains unallowed characters")
        if get_bool(params, "drop_pending_updates"):
            self._updates.clear()
        allowed = get_json(params, "allowed_updates")
        if isinstance(allowed, list):
            self.allowed_updates = frozenset(allowed) if allowed else DEFAULT_UPDATES
        self.webhook = {
            "url": url,
            "secret_token": secret,
            "max_connections": get_int(params, "max_connections", 40),
        }
        self._wake_poller(CONFLICT)
        self._webhook_error = None
        if self._webhook_task is None or self._webhook_task.done():
            self._webhook_task = asyncio.get_running_loop().create_task(self._deliver_webhooks())
        self._webhook_wake.set()
        return True

    async def _stop_webhook(self) -> None:
        self.webhook = None
        task, self._webhook_task = self._webhook_task, None
        if task is not None and task is not asyncio.current_task():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def _webhook_info(self) -> dict[str, Any]:
        info: dict[str, Any] = {
            "url": self.webhook["url"] if self.webhook else "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }
        if self.webhook is not None:
            info["max_connections"] = self.webhook["max_connections"]
            if self.allowed_updates != DEFAULT_UPDATES:
                info["allowed_updates"] = sorted(self.allowed_updates)
        if self._webhook_error is not None:
            info["last_error_date"], info["last_error_message"] = self._webhook_error
        return info

    async def _deliver_webhooks(self) -> None:
        """POST queued updates to the webhook one at a time, in order, retrying failures."""
        delay = self.webhook_retry_seconds
        async with ClientSession(timeout=ClientTimeout(total=30)) as session:
            while self.webhook is not None:
                self._webhook_wake.clear()
                ready = self._ready(None, 1)
                if not ready:
                    await self._webhook_wake.wait()
                    continue
                update = ready[0]
                headers = {}
                if self.webhook.get("secret_token"):
                    headers["X-Telegram-Bot-Api-Secret-Token"] = self.webhook["secret_token"]
                status: int | None = None
                error: str | None = None
                try:
                    async with session.post(self.webhook["url"], json=update, headers=headers) as response:
                        status = response.status
                        await response.read()
                except (ClientError, TimeoutError, OSError) as exc:
                    error = f"Connection failed: {exc}"
                self.webhook_deliveries.append((update["update_id"], status, error))
                if status is not None and 200 <= status < 300:
                    self.delivered_update_id = max(self.delivered_update_id, update["update_id"])
                    if self._updates and self._updates[0][0] == update["update_id"]:
                        self._updates.popleft()
                    delay = self.webhook_retry_seconds
                    self._notify()
                    continue
                self._webhook_error = (
                    int(self._clock()),
                    error or f"Wrong response from the webhook: {status}",
                )
                self._notify()
                await asyncio.sleep(delay)
                delay = min(delay * 2, 2.0)


__all__ = ["UpdateDelivery"]
