"""Keys (upstream ids) as they may appear in a URL path: checked, then encoded.

Every id a caller sends ends up in an upstream path segment (``/api/members/{id}``). An id
such as ``..`` or ``.`` survives percent-encoding and is then resolved by the HTTP client as a
path step (``DELETE /api/members/X/consents/..`` becomes ``DELETE /api/members/X``), and an
unchecked alphabet lets ``/``, ``%`` or ``?`` reshape the request. So each upstream declares
what its ids look like (in its wire module) and the clients build paths only through
:meth:`KeyAlphabet.segment` / :meth:`IntKey.segment`, which refuse anything else before a
request is made. Resolvers use :meth:`~KeyAlphabet.valid` / :meth:`IntKey.parse` first, to
answer ``BAD_USER_INPUT`` (or null, for a lookup) in the graph's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final
from urllib.parse import quote

from upstreams._errors import KeyRefused

__all__ = ["IntKey", "KeyAlphabet"]


@dataclass(frozen=True, slots=True)
class KeyAlphabet:
    """What one kind of text id looks like, e.g. Datanexus member ids ``B6d8Y``."""

    name: str  # "member id", for messages
    pattern: re.Pattern[str]  # matched whole (fullmatch), ASCII only

    def valid(self, key: object) -> bool:
        return isinstance(key, str) and self.pattern.fullmatch(key) is not None

    def segment(self, key: str, *, upstream: str, operation: str) -> str:
        """``key`` as one path segment; :class:`KeyRefused` when it is not of this alphabet."""
        if not self.valid(key):
            raise KeyRefused(upstream, operation, detail=f"not a valid {self.name}")
        # The alphabet already excludes every reserved character; encoding anyway keeps the
        # guarantee if a looser alphabet is declared later.
        return quote(key, safe="")


# Integers as upstreams with numeric ids store them (a signed 32-bit column at MedAllies).
_INT_MAX: Final = 2**31 - 1


@dataclass(frozen=True, slots=True)
class IntKey:
    """A positive integer id (MedAllies organizations, vendors, accounts)."""

    name: str
    maximum: int = _INT_MAX

    def parse(self, text: object) -> int | None:
        """The id in ``text`` (ASCII digits only, 1..maximum), or None for anything else.

        ``str.isdigit`` accepts ``²`` and Arabic-Indic digits that ``int`` then refuses or
        reads differently, so only ``0-9`` count.
        """
        if isinstance(text, bool):
            return None
        if isinstance(text, int):
            value = text
        elif isinstance(text, str) and 0 < len(text) <= 10 and text.isascii() and text.isdigit():
            value = int(text)
        else:
            return None
        return value if 1 <= value <= self.maximum else None

    def segment(self, key: int | str, *, upstream: str, operation: str) -> str:
        value = self.parse(key)
        if value is None:
            raise KeyRefused(upstream, operation, detail=f"not a valid {self.name}")
        return str(value)
