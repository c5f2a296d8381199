"""The providers connection: the filter pushed into Bastion's parameters where it fits,
evaluated here otherwise, paged exactly.

Bastion filters ``providers-list`` by type, state, city, plan and a search text, and answers
a provider with its state and city as *names* and no plan at all. So:

- a top-level ``eq`` (or one-value ``in``) on ``type``, ``region``, ``city`` or ``plan``
  becomes that parameter, and a name condition (``eq``, ``contains``, ``startsWith``,
  ``endsWith``) becomes ``search_text`` (a superset: Bastion searches case-insensitively);
- the whole filter is then evaluated here on every row, so pushing down never changes the
  answer; a row knows its type (from ``category``), its region and city ids (the pushed
  ones, or the names looked up in the cached regions and cities) and its plans (the pushed
  one, or, when the filter says anything else about plans, the plans under which Bastion
  listed it: one call per plan, merged);
- the rows are ordered (by name unless asked otherwise, then by code) and paged by offset.

The calls this can take are bounded and declared in the field's cost (``provider_calls``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from resolvers.core.context import Context
from resolvers.core.errors import BadUserInput
from resolvers.core.lists import list_page
from resolvers.core.paging import Page, Window
from resolvers.core.predicates import Cmp, Getter, Op, Predicate, conjuncts, fields_of
from resolvers.endorsements import reference
from upstreams.bastion import ProviderRecord
from upstreams.bastion.wire import PLAN_ID

__all__ = [
    "PLAN_FANOUT_BOUND",
    "PROVIDER_GETTERS",
    "REGION_BOUND",
    "ProviderPlan",
    "ProviderRow",
    "list_providers",
    "plan_providers",
    "provider_calls",
]

# When a filter says more about plans than one plan id, every plan is asked for separately;
# when it compares city ids that were not pushed down, every region's cities may be read.
# Bastion vendors hold about a dozen plans and Nigeria has 37 states: generous bounds, and
# what the cost estimate counts.
PLAN_FANOUT_BOUND: Final = 50
REGION_BOUND: Final = 40

_PARAMS: Final = {
    "type": "provider_type",
    "region": "region_id",
    "city": "city_id",
    "plan": "plan_id",
}
_SEARCHABLE: Final = frozenset({Op.EQ, Op.CONTAINS, Op.STARTS_WITH, Op.ENDS_WITH})


@dataclass(slots=True)
class ProviderRow:
    """One provider with what the gateway learned about it: ids and the plans it is in."""

    record: ProviderRecord
    region_id: int | None = None
    city_id: int | None = None
    plan_ids: set[int] = field(default_factory=set)


PROVIDER_GETTERS: Final[Mapping[str, Getter]] = {
    "type": lambda r: r.record["type"],
    "name": lambda r: r.record["name"],
    "code": lambda r: r.record["code"],
    "region": lambda r: r.region_id,
    "city": lambda r: r.city_id,
    "plan": lambda r: sorted(r.plan_ids),
    "rating": lambda r: r.record["rating"],
    "state_name": lambda r: r.record["state"],
    "city_name": lambda r: r.record["city"],
    # Unique order key: providers without a code sort by name and address.
    "identity": lambda r: _identity(r.record),
}


def _identity(r: ProviderRecord) -> tuple[str, str, str]:
    return (r["code"] or "", r["name"], r["address_line1"] or "")


@dataclass(frozen=True, slots=True)
class ProviderPlan:
    """How one providers field is fetched: the pushed parameters and what must be learned."""

    params: Mapping[str, Any]
    predicate: Predicate | None
    plans_fan_out: bool
    needs_region: bool
    needs_city: bool


def _pushable(term: Predicate) -> tuple[str, Any] | None:
    if not isinstance(term, Cmp):
        return None
    if term.field in _PARAMS:
        value: Any = None
        if term.op is Op.EQ:
            value = term.value
        elif term.op is Op.IN and isinstance(term.value, tuple) and len(term.value) == 1:
            value = term.value[0]
        # An id that cannot be Bastion's is not sent: evaluated here, it matches nothing, as
        # it would at Bastion (pushing down never changes the answer).
        if value is not None and (term.field == "type" or PLAN_ID.parse(value) is not None):
            return _PARAMS[term.field], value
        return None
    if (
        term.field == "name"
        and term.op in _SEARCHABLE
        and isinstance(term.value, str)
        and term.value.strip()
    ):
        return "search_text", term.value
    return None


def plan_providers(predicate: Predicate | None) -> ProviderPlan:
    """The upstream parameters for ``predicate``, and which facts the rows must carry."""
    params: dict[str, Any] = {}
    for term in conjuncts(predicate):
        pushed = _pushable(term)
        if pushed is not None and pushed[0] not in params:
            params[pushed[0]] = pushed[1]
    mentioned = fields_of(predicate)
    return ProviderPlan(
        params=params,
        predicate=predicate,
        plans_fan_out="plan" in mentioned and "plan_id" not in params,
        # A city filter reports its region too (Provider.regionId), pushed or not.
        needs_region=("region" in mentioned or "city" in mentioned) and "region_id" not in params,
        needs_city="city" in mentioned and "city_id" not in params,
    )


def provider_calls(args: Mapping[str, Any]) -> int:
    """Upper bound of the upstream calls of one providers field, from its raw arguments:
    one list call, plus the plans and a call per plan when the filter says more about plans
    than one top-level plan id, plus the regions and their cities when it compares region or
    city ids other than by one top-level id."""
    raw = args.get("filter")
    top = raw if isinstance(raw, Mapping) else {}
    nested: set[str] = set()
    for key in ("and", "or", "not"):
        nested |= _filter_names(top.get(key))

    def unpushed(name: str) -> bool:
        condition = top.get(name)
        pushed = isinstance(condition, Mapping) and set(condition) <= {"eq"}
        return name in nested or (condition is not None and not pushed)

    calls = 1
    if unpushed("plan"):
        calls += 1 + PLAN_FANOUT_BOUND  # the plans list, then a call per plan
    if unpushed("city") or unpushed("region"):
        calls += 1 + REGION_BOUND  # the regions list, then their cities
    return calls


def _filter_names(value: Any, depth: int = 0) -> set[str]:
    """Every key in a raw filter value, at any depth (bounded: filters nest at most 32)."""
    if depth > 32:
        return set()
    if isinstance(value, Mapping):
        out = set(value)
        for inner in value.values():
            out |= _filter_names(inner, depth + 1)
        return out
    if isinstance(value, list):
        found: set[str] = set()
        for inner in value:
            found |= _filter_names(inner, depth + 1)
        return found
    return set()


async def _rows(ctx: Context, plan: ProviderPlan) -> list[ProviderRow]:
    params = dict(plan.params)
    if not plan.plans_fan_out:
        records = await reference.providers(ctx, params)
        pushed_plan = params.get("plan_id")
        return [
            ProviderRow(
                r,
                region_id=params.get("region_id"),
                city_id=params.get("city_id"),
                plan_ids={pushed_plan} if pushed_plan is not None else set(),
            )
            for r in records
        ]
    plans = await reference.plans(ctx)
    if len(plans) > PLAN_FANOUT_BOUND:
        raise BadUserInput(
            f"Bastion lists {len(plans)} plans; a plan condition other than one plan id asks "
            f"each plan separately, which is limited to {PLAN_FANOUT_BOUND}. Filter on "
            "`plan: {eq: <planId>}`.",
            argument="filter",
        )
    answers = await asyncio.gather(
        *(reference.providers(ctx, {**params, "plan_id": p["id"]}) for p in plans)
    )
    merged: dict[tuple[str, str, str], ProviderRow] = {}
    for p, records in zip(plans, answers, strict=True):
        for r in records:
            row = merged.get(_identity(r))
            if row is None:
                row = merged[_identity(r)] = ProviderRow(
                    r, region_id=params.get("region_id"), city_id=params.get("city_id")
                )
            row.plan_ids.add(p["id"])
    return list(merged.values())


async def _learn_places(ctx: Context, rows: Sequence[ProviderRow], plan: ProviderPlan) -> None:
    """Region and city ids for rows that came without them, from the cached lists."""
    if not plan.needs_region:
        return
    regions = await reference.regions(ctx)
    if len(regions) > REGION_BOUND:
        raise BadUserInput(
            f"Bastion lists {len(regions)} regions; comparing city ids other than one city id "
            f"reads each region's cities, which is limited to {REGION_BOUND}. Filter on "
            "`city: {eq: <cityId>}`.",
            argument="filter",
        )
    by_name = {r["name"]: r["id"] for r in regions}
    for row in rows:
        if row.region_id is None:
            row.region_id = by_name.get(row.record["state"] or "")
    if not plan.needs_city:
        return
    wanted = sorted(
        {row.region_id for row in rows if row.region_id is not None and row.city_id is None}
    )
    lists = await asyncio.gather(*(reference.cities(ctx, region) for region in wanted))
    names = {
        (region, c["name"]): c["id"]
        for region, found in zip(wanted, lists, strict=True)
        for c in found
    }
    for row in rows:
        if row.city_id is None and row.region_id is not None:
            row.city_id = names.get((row.region_id, row.record["city"] or ""))


async def list_providers(
    ctx: Context, plan: ProviderPlan, window: Window, order: Sequence[tuple[str, str]]
) -> Page[ProviderRow]:
    """One page of providers for ``plan``, in ``order`` (by name unless told otherwise)."""
    rows = await _rows(ctx, plan)
    await _learn_places(ctx, rows, plan)
    return await list_page(
        rows,
        window,
        kind="providers",
        predicate=plan.predicate,
        getters=PROVIDER_GETTERS,
        order=list(order) or [("name", "asc")],
        unique="identity",
        extra=lambda: sorted(plan.params.items()),
    )
