"""Bastion's reference data, cached process-wide once the client has checked its shape.

Plans, regions, cities, conditions and provider lists hold nothing personal, so they sit in
the process's reference cache (``ctx.reference``): concurrent misses share one call, and a
wrong shape never reaches the cache because the client raises before answering. Enrollee
data is never cached here (see ``enrollees``).
"""

from __future__ import annotations

from typing import Any

import orjson

from resolvers.core.context import Context
from upstreams.bastion import (
    BastionClient,
    CityRecord,
    ConditionRecord,
    PlanRecord,
    ProviderRecord,
    RegionRecord,
)

__all__ = ["cities", "conditions", "plan", "plans", "providers", "regions"]


async def plans(ctx: Context) -> list[PlanRecord]:
    """Every broker plan of the vendor (one call per cache lifetime)."""
    client = ctx.client(BastionClient)
    found: list[PlanRecord] = await ctx.reference.get("bastion:plans", client.list_plans)
    return found


async def plan(ctx: Context, plan_id: int) -> PlanRecord | None:
    """One broker plan by id, from its own call; a miss is not cached."""
    client = ctx.client(BastionClient)
    found: PlanRecord | None = await ctx.reference.get(
        f"bastion:plan:{plan_id}", lambda: client.get_plan(plan_id), keep=lambda p: p is not None
    )
    return found


async def regions(ctx: Context) -> list[RegionRecord]:
    """Every state or region Bastion knows."""
    client = ctx.client(BastionClient)
    found: list[RegionRecord] = await ctx.reference.get("bastion:states", client.list_states)
    return found


async def cities(ctx: Context, region_id: int) -> list[CityRecord]:
    """The cities of one region (an unknown region has none)."""
    client = ctx.client(BastionClient)
    found: list[CityRecord] = await ctx.reference.get(
        f"bastion:cities:{region_id}", lambda: client.list_cities(region_id)
    )
    return found


async def conditions(ctx: Context) -> list[ConditionRecord]:
    """Every pre-existing condition: the list is read whole (no search text) and searched
    here, so one cached answer serves every search."""
    client = ctx.client(BastionClient)
    found: list[ConditionRecord] = await ctx.reference.get(
        "bastion:conditions", lambda: client.search_conditions(None)
    )
    return found


async def providers(ctx: Context, params: dict[str, Any]) -> list[ProviderRecord]:
    """The providers Bastion lists for these parameters (type, region, city, text, plan)."""
    client = ctx.client(BastionClient)
    key = "bastion:providers:" + orjson.dumps(params, option=orjson.OPT_SORT_KEYS).decode()
    found: list[ProviderRecord] = await ctx.reference.get(
        key, lambda: client.list_providers(**params)
    )
    return found
