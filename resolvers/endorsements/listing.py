"""Broker plans, conditions, regions and cities as the graph lists and looks them up: read
whole from the cached reference lists, filtered, ordered and paged here (Bastion pages
nothing)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Mapping, Sequence
from typing import Final

from resolvers.core.context import Context
from resolvers.core.lists import list_page
from resolvers.core.nodes import resolve_keys
from resolvers.core.paging import Page, Window
from resolvers.core.predicates import Getter, Predicate
from resolvers.endorsements import reference
from upstreams.bastion import CityRecord, ConditionRecord, PlanRecord, RegionRecord, wire

__all__ = [
    "CONDITION_GETTERS",
    "PLAN_GETTERS",
    "city_nodes",
    "condition_nodes",
    "list_conditions",
    "list_plans",
    "plan_nodes",
    "region_nodes",
]

PLAN_GETTERS: Final[Mapping[str, Getter]] = {
    "plan_id": lambda p: p["id"],
    "name": lambda p: p["name"],
    "category": lambda p: p["category"],
    "state": lambda p: p["state"],
    "premium": lambda p: p["premium"],
}
CONDITION_GETTERS: Final[Mapping[str, Getter]] = {
    "condition_id": lambda c: c["id"],
    "name": lambda c: c["name"],
    "chapter_id": lambda c: c["chapter_id"],
    "active": lambda c: c["active"],
}


async def list_plans(
    ctx: Context, predicate: Predicate | None, window: Window, order: Sequence[tuple[str, str]]
) -> Page[PlanRecord]:
    """A page of the vendor's broker plans (by name unless told otherwise)."""
    return await list_page(
        await reference.plans(ctx),
        window,
        kind="brokerPlans",
        predicate=predicate,
        getters=PLAN_GETTERS,
        order=list(order) or [("name", "asc")],
        unique="plan_id",
    )


async def list_conditions(
    ctx: Context, search: str | None, predicate: Predicate | None, window: Window
) -> Page[ConditionRecord]:
    """A page of conditions whose name holds ``search`` (any case), by name."""
    records = await reference.conditions(ctx)
    if search and search.strip():
        needle = search.strip().casefold()
        records = [c for c in records if needle in c["name"].casefold()]
    return await list_page(
        records,
        window,
        kind="conditions",
        predicate=predicate,
        getters=CONDITION_GETTERS,
        order=[("name", "asc")],
        unique="condition_id",
        extra=lambda: (search or "").strip().casefold(),
    )


def _int(key: str) -> int | None:
    return wire.PLAN_ID.parse(key)


async def plan_nodes(ctx: Context, keys: Iterable[str]) -> list[PlanRecord | None]:
    """Broker plans for node keys, in order; None for a malformed key or an unknown plan."""

    async def load(ids: list[int]) -> list[PlanRecord | None]:
        return list(await asyncio.gather(*(reference.plan(ctx, i) for i in ids)))

    return await resolve_keys(keys, _int, load)


async def region_nodes(ctx: Context, keys: Iterable[str]) -> list[RegionRecord | None]:
    """Regions for node keys (region ids), from the cached list."""

    async def load(ids: list[int]) -> list[RegionRecord | None]:
        by_id = {r["id"]: r for r in await reference.regions(ctx)}
        return [by_id.get(i) for i in ids]

    return await resolve_keys(keys, _int, load)


def _city_key(key: str) -> tuple[int, int] | None:
    region, slash, city = key.partition("/")
    region_id, city_id = wire.REGION_ID.parse(region), wire.CITY_ID.parse(city)
    if slash and region_id is not None and city_id is not None:
        return region_id, city_id
    return None


async def city_nodes(ctx: Context, keys: Iterable[str]) -> list[CityRecord | None]:
    """Cities for node keys (``regionId/cityId``), from the region's cached cities."""

    async def load(pairs: list[tuple[int, int]]) -> list[CityRecord | None]:
        out: list[CityRecord | None] = []
        for region_id, city_id in pairs:
            found = {c["id"]: c for c in await reference.cities(ctx, region_id)}
            out.append(found.get(city_id))
        return out

    return await resolve_keys(keys, _city_key, load)


async def condition_nodes(ctx: Context, keys: Iterable[str]) -> list[ConditionRecord | None]:
    """Conditions for node keys (condition ids), from the cached list."""

    async def load(ids: list[int]) -> list[ConditionRecord | None]:
        by_id = {c["id"]: c for c in await reference.conditions(ctx)}
        return [by_id.get(i) for i in ids]

    return await resolve_keys(keys, _int, load)
