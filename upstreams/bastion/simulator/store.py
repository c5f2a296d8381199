"""All records of one simulator instance, indexed for the API's lookups and filters."""

from __future__ import annotations

from dataclasses import dataclass

from upstreams.bastion.simulator.errors import not_found
from upstreams.bastion.simulator.seed import (
    City,
    Condition,
    Enrollee,
    Plan,
    Provider,
    SeedData,
    State,
)

__all__ = ["ProviderQuery", "Store"]


@dataclass(slots=True, frozen=True)
class ProviderQuery:
    """The filters of `/miscs/providers-list`; None is "not filtered"."""

    provider_type: int | None = None
    state_id: int | None = None
    city_id: int | None = None
    plan_id: int | None = None
    search_text: str | None = None


class Store:
    """All records of one simulator instance, indexed for the API's lookups."""

    def __init__(self, seed: SeedData) -> None:
        self.plans: dict[int, Plan] = {p.id: p for p in seed.plans}
        self.states: list[State] = seed.states
        self.state_by_id: dict[int, State] = {s.id: s for s in seed.states}
        self.city_by_id: dict[int, City] = {c.id: c for c in seed.cities}
        self.cities_of: dict[int, list[City]] = {s.id: [] for s in seed.states}
        for city in seed.cities:
            self.cities_of[city.state_id].append(city)
        self.providers: list[Provider] = seed.providers
        self.conditions: list[Condition] = seed.conditions
        self.condition_by_id: dict[int, Condition] = {c.id: c for c in seed.conditions}
        self.enrollees: dict[str, Enrollee] = {e.member_id: e for e in seed.enrollees}
        # New members are numbered after every seeded one, as a database sequence would.
        self.last_member_id = max(int(m) for m in self.enrollees)

    def plan(self, plan_id: int) -> Plan:
        found = self.plans.get(plan_id)
        if found is None:
            raise not_found(f"Plan {plan_id} not found")
        return found

    def enrollee(self, member_id: str) -> Enrollee:
        found = self.enrollees.get(member_id)
        if found is None:
            raise not_found(f"Member {member_id} not found")
        return found

    def add(self, enrollee: Enrollee) -> None:
        self.enrollees[enrollee.member_id] = enrollee

    def next_member_id(self) -> str:
        self.last_member_id += 1
        return str(self.last_member_id)

    def matching_providers(self, query: ProviderQuery) -> list[Provider]:
        text = (query.search_text or "").strip().lower()
        return [
            p
            for p in self.providers
            if (query.provider_type is None or p.type == query.provider_type)
            and (query.state_id is None or p.state_id == query.state_id)
            and (query.city_id is None or p.city_id == query.city_id)
            and (query.plan_id is None or query.plan_id in p.plan_ids)
            and (not text or text in p.name.lower())
        ]

    def matching_conditions(self, text: str | None) -> list[Condition]:
        needle = (text or "").strip().lower()
        return [c for c in self.conditions if needle in c.name.lower()]
