"""Reading upstream values leniently: a malformed date is no date, never an exception."""

from __future__ import annotations

import datetime as dt
from typing import Any

__all__ = ["parse_date", "parse_datetime", "parse_int"]


def parse_date(value: Any) -> dt.date | None:
    """``YYYY-MM-DD`` (a datetime's date part too); None when absent or malformed."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def parse_datetime(value: Any) -> dt.datetime | None:
    """ISO 8601 instants (``Z`` included); None when absent or malformed."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        return None


def parse_int(value: Any) -> int | None:
    """Whole numbers sent as numbers or digits; None otherwise (booleans included)."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
