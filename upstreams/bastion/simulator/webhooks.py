"""Webhook events (section 5 of the document): Bastion POSTs to the vendor's URL.

Once `PATCH /vendors/config` has set a URL, an added member (`added-policy-member`) and an
undone removal (`re-endorsed-member`) are POSTed there as
`{"event", "accessKey", "data": <membersDetails>}`. Delivery runs in a background task so
the write answers at once; a receiver that does not answer 2xx, or cannot be reached, is
tried again with exponential backoff (`backoff_s`, then twice that, ...) up to `attempts`
times, so a receiver sees the same event more than once, as it will from the real sender.
Every attempt is recorded for the test bed (`GET /__webhooks`). Tasks still pending when the
app is cleaned up are cancelled and awaited.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Final

import aiohttp

__all__ = ["DEFAULT_ATTEMPTS", "DEFAULT_BACKOFF_S", "DEFAULT_TIMEOUT_S", "Webhooks"]

DEFAULT_ATTEMPTS: Final = 4
DEFAULT_BACKOFF_S: Final = 0.5
DEFAULT_TIMEOUT_S: Final = 5.0

_log = logging.getLogger(__name__)


class Webhooks:
    """The vendor's webhook configuration, deliveries in flight, and the delivery log."""

    def __init__(
        self,
        *,
        attempts: int = DEFAULT_ATTEMPTS,
        backoff_s: float = DEFAULT_BACKOFF_S,
        timeout_s: float = DEFAULT_TIMEOUT_S,
    ) -> None:
        if attempts < 1:
            raise ValueError("webhook attempts must be at least 1")
        if backoff_s < 0 or timeout_s <= 0:
            raise ValueError("webhook backoff must be >= 0 and its timeout > 0")
        self.attempts = attempts
        self.backoff_s = backoff_s
        self.timeout_s = timeout_s
        self.url: str | None = None
        self.access_key: str | None = None
        self.deliveries: list[dict[str, object]] = []
        self._tasks: set[asyncio.Task[None]] = set()
        self._session: aiohttp.ClientSession | None = None
        self._sequence = 0

    def configure(self, url: str, access_key: str | None) -> None:
        self.url = url
        self.access_key = access_key

    def notify(self, event: str, data: dict[str, object]) -> None:
        """Send ``event`` to the configured URL in the background (nothing when none is)."""
        if self.url is None:
            return
        self._sequence += 1
        payload: dict[str, object] = {"event": event, "accessKey": self.access_key, "data": data}
        task = asyncio.create_task(self._deliver(self._sequence, self.url, payload))
        # The set keeps a reference until it ends: the loop holds tasks only weakly.
        self._tasks.add(task)
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        # Retrieved here, so a bug in a delivery is logged instead of "never retrieved".
        if not task.cancelled() and (exc := task.exception()) is not None:
            _log.error("webhook delivery failed", exc_info=exc)

    @property
    def pending(self) -> int:
        return len(self._tasks)

    async def _deliver(self, number: int, url: str, payload: dict[str, object]) -> None:
        event = payload["event"]
        for attempt in range(1, self.attempts + 1):
            record: dict[str, object] = {
                "delivery": number,
                "attempt": attempt,
                "url": url,
                "event": event,
                "status": None,
                "error": None,
            }
            try:
                async with self._client().post(url, json=payload) as response:
                    record["status"] = response.status
                    await response.read()
            except (aiohttp.ClientError, TimeoutError) as exc:
                record["error"] = f"{type(exc).__name__}: {exc}"
            self.deliveries.append(record)
            status = record["status"]
            if isinstance(status, int) and 200 <= status < 300:
                return
            if attempt < self.attempts:
                await asyncio.sleep(self.backoff_s * 2 ** (attempt - 1))

    def _client(self) -> aiohttp.ClientSession:
        # Made on first use: a ClientSession belongs to a running loop, which create_app
        # does not have.
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=self.timeout_s)
            )
        return self._session

    def snapshot(self) -> dict[str, object]:
        return {
            "webhookURL": self.url,
            "webhookAccessKey": self.access_key,
            "pending": self.pending,
            "deliveries": list(self.deliveries),
        }

    async def close(self) -> None:
        """Cancel deliveries in flight and close the HTTP session (on app cleanup)."""
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        # return_exceptions: the deliveries' own cancellations are expected, not errors.
        await asyncio.gather(*tasks, return_exceptions=True)
        if self._session is not None:
            await self._session.close()
            self._session = None
