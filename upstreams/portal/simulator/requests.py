"""Reading requests: multipart forms (streamed part by part, each bounded), JSON bodies, and
the sort/order/limit query of the catalog lists. Anything unreadable is a 400 in the
document's error shape; a part over the size bound is a 413."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Final, cast

import orjson
from aiohttp import BodyPartReader, web

from upstreams.portal.simulator.errors import ApiError, bad_request
from upstreams.portal.wire import MAX_LIMIT, MAX_UPLOAD_BYTES, ORDERS, SORT_FIELDS, ErrorCode

__all__ = ["FormPart", "ListQuery", "read_form", "read_json_object", "read_list_query"]

_CHUNK: Final = 64 * 1024


@dataclass(frozen=True, slots=True)
class FormPart:
    name: str
    filename: str | None
    content_type: str | None
    content: bytes


async def _read_part(part: BodyPartReader, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while chunk := await part.read_chunk(_CHUNK):
        size += len(chunk)
        if size > limit:
            raise ApiError(
                413,
                {
                    "message": f"{part.name} is larger than {limit} bytes",
                    "code": ErrorCode.FILE_TOO_LARGE,
                    "errors": [{"field": part.name, "message": f"larger than {limit} bytes"}],
                },
            )
        chunks.append(chunk)
    return b"".join(chunks)


async def read_form(
    request: web.Request, allowed: Collection[str], *, limit: int = MAX_UPLOAD_BYTES
) -> dict[str, FormPart]:
    """The parts of a ``multipart/form-data`` body by name; only ``allowed`` names, once each."""
    if not request.content_type.startswith("multipart/form-data"):
        raise bad_request(ErrorCode.MISSING_PART, "The body must be multipart/form-data")
    try:
        reader = await request.multipart()
        parts: dict[str, FormPart] = {}
        while (part := await reader.next()) is not None:
            if not isinstance(part, BodyPartReader) or part.name is None:
                raise bad_request(ErrorCode.VALIDATION_ERROR, "Every part must be named")
            name = part.name
            if name not in allowed:
                raise bad_request(ErrorCode.VALIDATION_ERROR, f"Unexpected part {name}", name)
            if name in parts:
                raise bad_request(ErrorCode.VALIDATION_ERROR, f"Part {name} sent twice", name)
            content = await _read_part(part, limit)
            parts[name] = FormPart(name, part.filename, part.headers.get("content-type"), content)
    except (ValueError, AssertionError) as exc:
        # aiohttp's reader raises these for a body that is not the multipart it claims.
        raise bad_request(ErrorCode.MISSING_PART, "The multipart body is malformed") from exc
    return parts


async def read_json_object(request: web.Request) -> dict[str, object]:
    raw = await request.read()
    try:
        body: object = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise bad_request(ErrorCode.INVALID_JSON, "The body is not valid JSON") from exc
    if not isinstance(body, dict):
        raise bad_request(ErrorCode.INVALID_JSON, "The body must be a JSON object")
    return cast(dict[str, object], body)


@dataclass(frozen=True, slots=True)
class ListQuery:
    sort: str | None
    descending: bool
    limit: int | None


def read_list_query(query: Mapping[str, str]) -> ListQuery:
    sort = query.get("sort")
    if sort is not None and sort not in SORT_FIELDS:
        raise bad_request(
            ErrorCode.INVALID_SORT, f"sort must be one of {', '.join(SORT_FIELDS)}", "sort"
        )
    order = query.get("order", "asc")
    if order not in ORDERS:
        raise bad_request(ErrorCode.INVALID_SORT, "order must be asc or desc", "order")
    text = query.get("limit")
    limit: int | None = None
    if text is not None:
        if not (text.isascii() and text.isdigit() and len(text) <= 6) or not (
            1 <= int(text) <= MAX_LIMIT
        ):
            raise bad_request(
                ErrorCode.INVALID_LIMIT, f"limit must be a whole number 1-{MAX_LIMIT}", "limit"
            )
        limit = int(text)
    return ListQuery(sort, order == "desc", limit)
