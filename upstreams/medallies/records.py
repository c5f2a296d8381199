"""MedAllies answers as plain records: checked for the shape the graph relies on, then
normalized (snake_case keys at every depth). A wrong shape is ``UpstreamProtocolError``
(UPSTREAM_ERROR naming medallies and the operation), never an empty list or a crash later.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from upstreams._names import snake
from upstreams._shape import Op, expect_object, optional_field, wrong_shape
from upstreams._shape import field as member
from upstreams.medallies import wire

__all__ = ["Listing", "Record", "normalize", "read_listing", "read_record"]

Record = dict[str, Any]


def normalize(value: Any) -> Any:
    """snake_case keys at every depth."""
    kind = type(value)
    if kind is dict:
        return {snake(k): normalize(v) for k, v in value.items()}
    if kind is list:
        return [normalize(v) for v in value]
    return value


@dataclass(frozen=True, slots=True)
class Listing:
    """A list answer; ``count`` is None when ``_items`` left it out."""

    items: list[Record] = field(default_factory=list)
    count: int | None = None


def read_record(op: Op, value: Any, what: str) -> Record:
    """A record, checked where the graph relies on it: an int ``id`` and a known
    ``accountType`` when present."""
    record = expect_object(value, op, what)
    if "id" in record and (type(record["id"]) is not int):
        raise wrong_shape(op, f"{what}.id is {type(record['id']).__name__}, expected int")
    kind = record.get("accountType")
    if kind is not None and kind not in wire.ACCOUNT_TYPES:
        raise wrong_shape(op, f"{what}.accountType is {kind!r}, not an account type")
    normalized: Record = normalize(record)
    return normalized


def read_listing(op: Op, body: Any, *, items: bool = True, count: bool = False) -> Listing:
    """A list answer. ``items`` / ``count``: whether the request asked for them (``_count``
    leaves the items out, ``_items`` the count); asked for and missing is a wrong shape,
    never an empty page or an unknown total."""
    answer = expect_object(body, op)
    if items:
        found = member(answer, "items", list, op)
    else:
        found = optional_field(answer, "items", list, op) or []
    return Listing(
        items=[read_record(op, i, f"items[{n}]") for n, i in enumerate(found)],
        count=member(answer, "count", int, op)
        if count
        else optional_field(answer, "count", int, op),
    )
