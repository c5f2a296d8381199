"""Reading requests: query parameters, cursors, wrapped JSON bodies, path ids and timestamps.

Anything unreadable is a 400 (or a 404 for a path id), as the document answers.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Final, cast

import orjson
from aiohttp import web

from upstreams.datanexus.simulator.errors import bad_request, not_found
from upstreams.datanexus.wire import DEFAULT_LIMIT, MAX_LIMIT

__all__ = [
    "INT_RE",
    "MAX_SEQ",
    "ListQuery",
    "decode_cursor",
    "encode_cursor",
    "parse_datetime",
    "parse_list_query",
    "path_id",
    "read_wrapped",
    "valid_date",
    "wire_micros",
    "wire_seconds",
]

# Cursor positions and ids are echoed through orjson, which refuses integers beyond 64 bits.
MAX_SEQ: Final = 2**53

_DATE_RE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATETIME_RE: Final = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}"
    r"(?::[0-9]{2}(?:\.[0-9]{1,9})?)?(?:[Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)?"
)
INT_RE: Final = re.compile(r"[+-]?[0-9]{1,30}")
_ID_RE: Final = re.compile(r"[0-9]{1,15}")
_CURSOR_RE: Final = re.compile(r"[A-Za-z0-9_-]{1,200}={0,2}")


def parse_datetime(value: object) -> datetime | None:
    if not isinstance(value, str) or _DATETIME_RE.fullmatch(value) is None:
        return None
    try:
        # fromisoformat (3.11) wants an upper-case "T" and "Z".
        moment = datetime.fromisoformat(value.upper())
        if moment.tzinfo is None:
            return moment.replace(tzinfo=UTC)
        return moment.astimezone(UTC)
    except (ValueError, OverflowError):
        return None


def valid_date(value: str) -> bool:
    if _DATE_RE.fullmatch(value) is None:
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def wire_seconds(moment: datetime) -> str:
    # Formatted by hand: strftime("%Y") does not zero-pad years below 1000 everywhere.
    return (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"
        f"T{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}Z"
    )


def wire_micros(moment: datetime) -> str:
    return f"{wire_seconds(moment)[:-1]}.{moment.microsecond:06d}Z"


def encode_cursor(seq: int) -> str:
    return base64.urlsafe_b64encode(orjson.dumps({"seq": seq})).rstrip(b"=").decode("ascii")


def decode_cursor(name: str, text: str) -> int:
    malformed = bad_request(f"{name} is malformed")
    if _CURSOR_RE.fullmatch(text) is None:
        raise malformed
    try:
        payload: object = orjson.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except (binascii.Error, ValueError) as exc:
        raise malformed from exc
    if not isinstance(payload, dict):
        raise malformed
    seq: object = payload.get("seq")
    if not isinstance(seq, int) or isinstance(seq, bool) or not 0 <= seq <= MAX_SEQ:
        raise malformed
    return seq


def query_int(query: Mapping[str, str], name: str) -> int | None:
    text = query.get(name)
    if text is None:
        return None
    if INT_RE.fullmatch(text.strip()) is None:
        raise bad_request(f"{name} must be an integer")
    return int(text)


def query_size(query: Mapping[str, str], name: str) -> int | None:
    value = query_int(query, name)
    if value is not None and value < 1:
        raise bad_request(f"{name} must be a positive integer")
    return None if value is None else min(value, MAX_LIMIT)


def query_bool(query: Mapping[str, str], name: str) -> bool | None:
    text = query.get(name)
    if text is None:
        return None
    lowered = text.strip().lower()
    if lowered in ("true", "1"):
        return True
    if lowered in ("false", "0"):
        return False
    raise bad_request(f"{name} must be true or false")


@dataclass(slots=True, frozen=True)
class ListQuery:
    born_on: str | None
    first_name: str | None
    last_name: str | None
    pending: bool | None
    program_id: int | None
    updated_since: datetime | None
    include_household: bool
    limit: int
    cursor_next: int | None
    cursor_prev: int | None
    page: int | None


def parse_list_query(query: Mapping[str, str]) -> ListQuery:
    born_on = query.get("born_on")
    if born_on is not None and not valid_date(born_on):
        raise bad_request("born_on must be a date (YYYY-MM-DD)")
    updated_since: datetime | None = None
    if "updated_since" in query:
        updated_since = parse_datetime(query["updated_since"])
        if updated_since is None:
            raise bad_request("updated_since must be an ISO8601 date-time")
    limit = query_size(query, "limit")
    page = query_int(query, "page")
    if page is not None and page < 1:
        raise bad_request("page must be a positive integer")
    page_size = query_size(query, "page_size")
    cursor_next = query.get("cursor_next")
    cursor_prev = query.get("cursor_prev")
    if cursor_next is not None and cursor_prev is not None:
        raise bad_request("cursor_next and cursor_prev cannot be combined")
    if page is not None and (cursor_next is not None or cursor_prev is not None):
        raise bad_request("page cannot be combined with cursor_next or cursor_prev")
    size = (page_size or limit) if page is not None else (limit or page_size)
    return ListQuery(
        born_on=born_on,
        first_name=query.get("first_name"),
        last_name=query.get("last_name"),
        pending=query_bool(query, "pending"),
        program_id=query_int(query, "program_id"),
        updated_since=updated_since,
        include_household=bool(query_bool(query, "include_household")),
        limit=size or DEFAULT_LIMIT,
        cursor_next=None if cursor_next is None else decode_cursor("cursor_next", cursor_next),
        cursor_prev=None if cursor_prev is None else decode_cursor("cursor_prev", cursor_prev),
        page=page,
    )


async def read_wrapped(request: web.Request, key: str) -> dict[str, object]:
    """The `{"<key>": {...}}` body, whatever content-type the caller claimed."""
    raw = await request.read()
    try:
        body: object = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise bad_request("request body is not valid JSON") from exc
    inner = body.get(key) if isinstance(body, dict) else None
    if not isinstance(inner, dict):
        raise bad_request(f'request body must be a JSON object with a "{key}" object')
    return cast(dict[str, object], inner)


def path_id(request: web.Request, name: str) -> int:
    match = _ID_RE.fullmatch(request.match_info[name])
    if match is None:
        raise not_found()
    return int(match.group())
