"""Members: how one ``members`` field is fetched, decided from the filter and the selection.

A GraphQL filter becomes a predicate; its top-level AND terms that a Datanexus parameter
carries exactly are pushed down, the rest is evaluated here on each record. The selection
arrives as neutral dotted paths of the field names asked for (``nodes.household``); which
upstream parameters (``include_household``) or complete-record fetches they need is decided
here, not in schema/.
"""

from __future__ import annotations

import hashlib
from collections.abc import Set
from dataclasses import dataclass
from typing import Any

import orjson

from resolvers.core.predicates import Cmp, Getter, Op, Predicate, all_of, conjuncts, fields_of
from resolvers.core.values import parse_date
from upstreams.datanexus import (
    MEMBER_FIELDS,
    PARTIAL_MEMBER_FIELDS,
    MemberQuery,
    MemberRecord,
    program_number,
)

__all__ = [
    "MEMBER_GETTERS",
    "PARTIAL_GRAPH_FIELDS",
    "MemberListPlan",
    "enrollments_need_events",
    "household_needs_complete",
    "plan_members",
    "wants_household",
]


def _programs(record: MemberRecord) -> list[str]:
    """Programs the member is eligible for: any enrollment held in the household."""
    programs = [e["program_id"] for e in record.get("enrollments") or () if e["program_id"]]
    for other in record.get("household") or ():
        programs.extend(e["program_id"] for e in other.get("enrollments") or () if e["program_id"])
    return programs


def _key(name: str) -> Getter:
    return lambda record: record.get(name)


MEMBER_GETTERS: dict[str, Getter] = {name: _key(name) for name in MEMBER_FIELDS}
MEMBER_GETTERS.update(
    member_id=_key("id"),
    born_on=lambda r: parse_date(r.get("born_on")),
    eligibility_start_on=lambda r: parse_date(r.get("eligibility_start_on")),
    program_id=_programs,
)


@dataclass(frozen=True, slots=True)
class MemberListPlan:
    """How one ``members`` field is fetched: the upstream query and the local remainder."""

    query: MemberQuery
    residual: Predicate | None

    @property
    def fingerprint(self) -> str:
        """Ties a cursor to the whole filter it came from: the upstream query and the
        residual evaluated here (a cursor of a filtered list is refused on another list)."""
        body = orjson.dumps(self.query.params(), option=orjson.OPT_SORT_KEYS)
        # Predicates are frozen dataclasses of text, numbers, dates and tuples: their repr is
        # a stable spelling of the residual.
        body += repr(self.residual).encode()
        return hashlib.blake2b(body, digest_size=6).hexdigest()


def _pushable(term: Predicate) -> tuple[str, Any] | None:
    """The Datanexus parameter that expresses ``term`` exactly, if there is one.

    Only where Datanexus compares the value as the grammar does: names and birth dates
    exactly as text (``first_name=Ann`` matches "Ann" only), pending as the status. Program
    ids are numbers at Datanexus (``program_id=08355`` matches 8355) while the grammar
    compares text ("08355" is not "8355"): only a program id in the canonical spelling the
    records carry is pushed; anything else is evaluated here (and matches what the text
    comparison says).
    """
    if not isinstance(term, Cmp):
        return None
    field, op, value = term.field, term.op, term.value
    if field in ("first_name", "last_name") and op is Op.EQ:
        return field, value
    if field == "born_on" and op is Op.EQ:
        return field, value.isoformat()
    if field == "program_status":
        if (op is Op.EQ and value == "pending") or (op is Op.IN and value == ("pending",)):
            return "pending", True
        if (op is Op.NE and value == "pending") or (op is Op.NOT_IN and value == ("pending",)):
            return "pending", False
    if field == "program_id" and op is Op.EQ and program_number(value) is not None:
        return field, value
    return None


def plan_members(
    predicate: Predicate | None,
    *,
    updated_since: str | None = None,
    include_household: bool = False,
) -> MemberListPlan:
    """Split a filter into upstream parameters and a residual evaluated here."""
    pushed: dict[str, Any] = {}
    rest: list[Predicate] = []
    for term in conjuncts(predicate):
        param = _pushable(term)
        if param is None or param[0] in pushed:
            rest.append(term)
        else:
            pushed[param[0]] = param[1]
    residual = all_of(rest)
    # Eligibility is decided over the household's enrollments: fetch them with the page.
    needs_household = include_household or "program_id" in fields_of(residual)
    query = MemberQuery(updated_since=updated_since, include_household=needs_household, **pushed)
    return MemberListPlan(query=query, residual=residual)


# GraphQL fields of Member a household entry (a partial record) can answer on its own.
PARTIAL_GRAPH_FIELDS = frozenset(
    {"id", "memberId", "firstName", "lastName", "bornOn", "email", "programStatus", "__typename"}
)
_PARTIAL_ENROLLMENT_FIELDS = frozenset(
    {"id", "enrollmentId", "memberId", "programId", "enrolledAt", "expiresAt", "__typename"}
)
assert {"id", "first_name", "last_name", "born_on", "email", "program_status"} <= (
    PARTIAL_MEMBER_FIELDS
)


def _under(paths: Set[str], prefix: str) -> set[str]:
    """The field names selected directly under ``prefix`` ("" for the top)."""
    head = f"{prefix}." if prefix else ""
    return {p[len(head) :] for p in paths if p.startswith(head) and "." not in p[len(head) :]}


def household_needs_complete(paths: Set[str]) -> bool:
    """Whether a ``household`` selection (``paths``) needs more than a household entry has."""
    return (
        not _under(paths, "") <= (PARTIAL_GRAPH_FIELDS | {"enrollments"})
        or not _under(paths, "enrollments") <= _PARTIAL_ENROLLMENT_FIELDS
    )


def enrollments_need_events(paths: Set[str]) -> bool:
    """Household entries carry enrollments without events: an ``enrollments`` selection
    (``paths``) naming ``events`` needs the whole record."""
    return "events" in paths


def wants_household(paths: Set[str]) -> bool:
    """Whether a ``members`` connection selection asks for each member's household."""
    return "nodes.household" in paths or "edges.node.household" in paths
