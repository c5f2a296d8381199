"""Reading requests: bodies, path ids, paging, batches."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import cast

import orjson
from aiohttp import web

from upstreams.medallies.simulator.errors import _ApiError, _Problems
from upstreams.medallies.simulator.filters import (
    INVALID_JSON_DATATYPE,
    INVALID_PARAM,
)
from upstreams.medallies.simulator.vocabulary import (
    _QUERY_INT_RE,
    INVALID_JSON_SYNTAX,
    MAX_LIMIT,
    MISSING_PARAM,
)

# --- request parsing ----------------------------------------------------------------------


async def _json_body(request: web.Request) -> object:
    """The request's JSON body, or None when it is empty."""
    raw = await request.read()
    if not raw.strip():
        return None
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise _ApiError(INVALID_JSON_SYNTAX) from exc


async def _object_body(request: web.Request, *, optional: bool = False) -> dict[str, object]:
    body = await _json_body(request)
    if body is None:
        if optional:
            return {}
        raise _ApiError(MISSING_PARAM)
    if not isinstance(body, dict):
        raise _ApiError(INVALID_JSON_DATATYPE)
    return cast(dict[str, object], body)


def _path_id(request: web.Request) -> int:
    return int(request.match_info["id"])


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _paging(
    query: Mapping[str, str], body: Mapping[str, object], problems: _Problems
) -> tuple[int, int]:
    """(offset, page size) from the body's JSON numbers, else the query's text; the page
    size is at most `MAX_LIMIT`, also for "all" (0 or absent)."""
    values = {"offset": 0, "limit": 0}
    for name in values:
        raw = body.get(name)
        if raw is not None:
            if _is_int(raw) and cast(int, raw) >= 0:
                values[name] = cast(int, raw)
            else:
                problems.add(INVALID_PARAM, name)
        elif name in query:
            text = query[name].strip()
            if _QUERY_INT_RE.fullmatch(text):
                values[name] = int(text)
            else:
                problems.add(INVALID_PARAM, name)
    return values["offset"], min(values["limit"] or MAX_LIMIT, MAX_LIMIT)


def _query_ids(query: Mapping[str, str], name: str, *, many: bool = True) -> list[int]:
    text = query.get(name)
    if text is None or not text.strip():
        raise _ApiError(MISSING_PARAM, [name])
    parts = [p.strip() for p in text.split(",")]
    if (not many and len(parts) != 1) or any(_QUERY_INT_RE.fullmatch(p) is None for p in parts):
        raise _ApiError(INVALID_PARAM, [name])
    return list(dict.fromkeys(int(p) for p in parts))


class _Item:
    """One object of a write request, read field by field into `problems`."""

    def __init__(self, raw: Mapping[str, object], prefix: str, problems: _Problems) -> None:
        self.raw = raw
        self.prefix = prefix
        self.problems = problems

    def path(self, name: str) -> str:
        return f"{self.prefix}{name}"

    def has(self, name: str) -> bool:
        return name in self.raw

    def fail(self, code: int, name: str) -> None:
        self.problems.add(code, self.path(name))

    def text(
        self,
        name: str,
        *,
        required: bool = False,
        pattern: re.Pattern[str] | None = None,
        options: Iterable[str] | None = None,
    ) -> str | None:
        """The string at `name` (None when absent or null); `required` refuses absent, null
        and blank values."""
        value = self.raw.get(name)
        if value is None or (isinstance(value, str) and required and not value.strip()):
            if required:
                self.fail(MISSING_PARAM, name)
            return None
        if not isinstance(value, str):
            self.fail(INVALID_JSON_DATATYPE, name)
            return None
        if (pattern is not None and pattern.fullmatch(value) is None) or (
            options is not None and value not in options
        ):
            self.fail(INVALID_PARAM, name)
            return None
        return value

    def integer(self, name: str, *, required: bool = False) -> int | None:
        value = self.raw.get(name)
        if value is None:
            if required:
                self.fail(MISSING_PARAM, name)
            return None
        if not _is_int(value):
            self.fail(INVALID_JSON_DATATYPE, name)
            return None
        return cast(int, value)

    def boolean(self, name: str) -> bool | None:
        value = self.raw.get(name)
        if value is not None and not isinstance(value, bool):
            self.fail(INVALID_JSON_DATATYPE, name)
            return None
        return value

    def child(self, name: str, *, required: bool = False) -> _Item | None:
        value = self.raw.get(name)
        if value is None:
            if required:
                self.fail(MISSING_PARAM, name)
            return None
        if not isinstance(value, dict):
            self.fail(INVALID_JSON_DATATYPE, name)
            return None
        return _Item(cast(dict[str, object], value), self.path(f"{name}."), self.problems)


def _batch(body: Mapping[str, object], problems: _Problems) -> tuple[list[_Item], bool]:
    """The items of a one-object-or-`{"items": [...]}` body, and whether it was a batch."""
    if "items" not in body:
        return [_Item(body, "", problems)], False
    raw_items = body["items"]
    if not isinstance(raw_items, list):
        raise _ApiError(INVALID_JSON_DATATYPE, ["items"])
    if not raw_items:
        raise _ApiError(MISSING_PARAM, ["items"])
    items: list[_Item] = []
    for index, raw in enumerate(raw_items):
        if isinstance(raw, dict):
            items.append(_Item(cast(dict[str, object], raw), f"items[{index}].", problems))
        else:
            problems.add(INVALID_JSON_DATATYPE, f"items[{index}]")
    return items, True
