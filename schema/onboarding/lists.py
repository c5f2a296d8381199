"""What every onboarding connection field does with its arguments: one upstream plan per
field of the query (memoized per request), and the small argument helpers."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from resolvers import onboarding as resolve
from resolvers.core.context import Context
from resolvers.onboarding.planning import FieldMap
from schema.core.filters import to_predicate
from schema.core.ordering import sort_keys
from schema.core.selection import field_key, selected


def plan(
    info: Info[Context, None],
    filter_: Any,
    order_by: list[Any] | None,
    fields: Any,
    fmap: FieldMap,
    *,
    unique: str = "id",
    always: tuple[str, ...] = (),
) -> resolve.ListPlan:
    """The upstream request for a connection field, from its arguments and selection.

    Made once per request per field of the query: the memberships of twenty organizations
    share one plan (same selection, same arguments).
    """
    key = ("plan", field_key(info))
    memo = info.context.memo
    cached = memo.get(key)
    if isinstance(cached, resolve.ListPlan):
        return cached
    made = resolve.list_plan(
        selected(info),
        to_predicate(filter_) if filter_ is not None else None,
        sort_keys(order_by),
        fields,
        fmap,
        unique=unique,
        always=always,
    )
    memo[key] = made
    return made


def int_keys(kind: str, node_ids: Any) -> list[int]:
    """Relay node keys as MedAllies ids, in place. A key outside MedAllies' id format (not
    ASCII digits, `²`, out of range) becomes -1, which the loaders answer with None and no
    call, so every key keeps its position."""
    return [resolve.parse_id(kind, i) or -1 for i in node_ids]


def given(values: Any, *skip: str) -> dict[str, Any]:
    """The fields an input set (UNSET ones left out), enums as their upstream values."""
    from enum import Enum

    return {
        k: (v.value if isinstance(v, Enum) else v)
        for k, v in vars(values).items()
        if v is not strawberry.UNSET and k not in skip
    }


def filter_field(description: str) -> Any:
    return strawberry.field(description=description, default=None)


def optional(description: str) -> Any:
    """An input field a client may leave out (UNSET: keep the current value)."""
    return strawberry.field(description=description, default=strawberry.UNSET)
