"""The benchmark queries, each with the fewest upstream calls it can be answered with."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["AUTH_ROUTES", "QUERIES", "BenchQuery"]

HERE = Path(__file__).resolve().parent / "queries"


@dataclass(frozen=True, slots=True)
class BenchQuery:
    name: str
    minimum_calls: dict[str, int]
    why: str
    # Upstreams whose part of the answer is cached after the first run (for seconds): a
    # repeated run makes no call to them.
    cached: frozenset[str] = frozenset()

    @property
    def text(self) -> str:
        return (HERE / f"{self.name}.graphql").read_text()

    @property
    def total_minimum(self) -> int:
        return sum(self.minimum_calls.values())


QUERIES = [
    BenchQuery(
        name="flat_page",
        minimum_calls={"datanexus": 1},
        why="one GET /api/members?limit=100 holds every field of the page",
    ),
    BenchQuery(
        name="household",
        minimum_calls={"datanexus": 1},
        why="GET /api/members?include_household=true&limit=20 embeds consents, enrollments "
        "and each household's entries (ids, names, enrollments)",
    ),
    BenchQuery(
        name="organizations",
        minimum_calls={"medallies": 21},
        why="one POST /organizations (filter, order, page, count, vendor embedded via _fields) "
        "and one GET /organizations/{id}/memberships per organization on the page (20): "
        "MedAllies has no call for the memberships of many organizations",
    ),
    BenchQuery(
        name="enrollee",
        minimum_calls={"bastion": 3},
        why="GET /enrollee-status, /enrollee-plan and /enrollee-utilization, all at once: "
        "Bastion has no call that answers the three parts; the plan's id and name come with "
        "the enrollee's plan, so the plan itself is not read",
    ),
]

QUERIES.append(
    BenchQuery(
        name="catalog",
        minimum_calls={"portal": 1},
        why="GET /apis once (the portal can only sort and limit): the gateway filters, orders "
        "and pages the whole catalog, cached for the caller 30 s, so repeats make no call",
        cached=frozenset({"portal"}),
    )
)
QUERIES.append(
    BenchQuery(
        name="six_entities",
        minimum_calls={"datanexus": 1, "medallies": 1, "bastion": 2, "portal": 1, "mosip": 1},
        why="members with their enrollments (one GET /api/members), organizations (one GET), "
        "the enrollee's status and plan (two Bastion calls), the catalog (one GET /apis, then "
        "cached 30 s for the caller) and the MISPs (one GET /misps): all started at once, so "
        "the answer takes about the slowest call, not the sum",
        cached=frozenset({"portal"}),
    )
)

# Calls made once per credential lifetime rather than per query (a token), left out of the
# per-query counts.
AUTH_ROUTES = frozenset(
    {"POST /api/v2/auth/generateAuthToken", "POST /v1/authmanager/authenticate/useridPwd"}
)
