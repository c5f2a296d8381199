"""Sessions: the auth call's credentials, the `Authorization` cookie it sets, token expiry.

An unauthenticated call (no cookie, an unknown token or an expired one) is answered as the
document answers every call that fails for its admin: HTTP 200 and PMS_MSP_001 "MOSIP Admin
does not exist" (the token names no admin this service knows). The auth call itself
answers PMS_MSP_001 for an unknown user name and PMS_MSP_002 for a wrong password or app id.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Final

from aiohttp import web

from upstreams.mosip.simulator.errors import PmsFailure
from upstreams.mosip.simulator.store import Clock
from upstreams.mosip.wire import AUTH_COOKIE, Pms

__all__ = ["APP_ID", "PASSWORD", "USERNAME", "Sessions"]

# The document's demo admin.
APP_ID: Final = "partnermanagement"
USERNAME: Final = "pmadmin"
PASSWORD: Final = "pmadmin"


class Sessions:
    """Issued tokens and when each expires, by the simulator's clock."""

    def __init__(self, clock: Clock, lifetime: timedelta) -> None:
        self.clock = clock
        self.lifetime = lifetime
        self._expiry: dict[str, datetime] = {}
        self.issued = 0  # how many tokens were issued: tests count renewals

    def login(self, app_id: str, user_name: str, password: str) -> str:
        """A new token for the demo admin, or the documented failure."""
        if user_name != USERNAME:
            raise PmsFailure(Pms.ADMIN_UNKNOWN)
        if password != PASSWORD or app_id != APP_ID:
            raise PmsFailure(Pms.CREDENTIALS_MISMATCH)
        # Shaped like the kernel's (a JWT's first part), random past it.
        token = "eyJhbGciOiJIUzUxMiJ9." + secrets.token_urlsafe(32)
        self._expiry[token] = self.clock() + self.lifetime
        self.issued += 1
        return token

    def check(self, request: web.Request) -> None:
        """Raise PMS_MSP_001 unless the request's cookie holds a live token."""
        token = request.cookies.get(AUTH_COOKIE)
        expiry = self._expiry.get(token) if token else None
        if expiry is None or self.clock() >= expiry:
            raise PmsFailure(Pms.ADMIN_UNKNOWN)

    def expire_all(self) -> int:
        """The test bed's `POST /__tokens/expire`: every token stops working now."""
        count = len(self._expiry)
        self._expiry.clear()
        return count
