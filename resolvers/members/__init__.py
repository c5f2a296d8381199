"""Members: list planning (what Datanexus filters, what the gateway filters), paging, writes.

The list endpoint filters on a few exact parameters and pages with opaque cursors both ways.
A GraphQL filter becomes a predicate; its top-level AND terms that a parameter carries exactly
are pushed down, the rest is evaluated here on each record. Paging stays exact either way:
an edge cursor records the upstream page it came from and its index in it, so the next page
resumes right after it, and ``hasNextPage`` is true only when another match was seen (or, when
everything was pushed down, when the upstream says more records follow).
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

import orjson

from resolvers.core.context import Context
from resolvers.core.errors import BadUserInput
from resolvers.core.paging import Edge, Page, Window, decode_cursor, encode_cursor
from resolvers.core.predicates import (
    Cmp,
    Getter,
    Op,
    Predicate,
    all_of,
    conjuncts,
    evaluate,
    fields_of,
)
from resolvers.core.values import parse_date
from resolvers.core.writes import Outcome, UserErrorRecord, write
from upstreams.datanexus import (
    MEMBER_FIELDS,
    ConsentRecord,
    DatanexusClient,
    EnrollmentRecord,
    MemberPage,
    MemberQuery,
    MemberRecord,
)

__all__ = [
    "MEMBER_GETTERS",
    "MemberListPlan",
    "create_consent",
    "create_enrollment",
    "delete_consent",
    "delete_enrollment",
    "household",
    "list_members",
    "plan_members",
    "update_consent",
    "update_enrollment",
    "update_member",
]

CURSOR_KIND = "members"
# The page size the gateway asks for while it filters locally (the upstream's maximum).
SCAN_PAGE = 100


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
        """Ties a cursor to the upstream query it came from."""
        body = orjson.dumps(self.query.params(), option=orjson.OPT_SORT_KEYS)
        return hashlib.blake2b(body, digest_size=6).hexdigest()


def _pushable(term: Predicate) -> tuple[str, Any] | None:
    """The Datanexus parameter that expresses ``term`` exactly, if there is one."""
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
    if field == "program_id" and op is Op.EQ and str(value).isdigit():
        return field, str(value)
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


@dataclass(frozen=True, slots=True)
class _Fetched:
    """An upstream page and how to ask for it again."""

    page: MemberPage
    cursor: str | None
    direction: str  # "n": fetched with cursor_next (or none); "p": with cursor_prev
    limit: int


class _Scanner:
    def __init__(self, ctx: Context, plan: MemberListPlan) -> None:
        self.ctx = ctx
        self.plan = plan
        self.fingerprint = plan.fingerprint

    async def fetch(self, cursor: str | None, direction: str, limit: int) -> _Fetched:
        page = await self.ctx.client(DatanexusClient).list_members(
            self.plan.query,
            limit=limit,
            cursor_next=cursor if direction == "n" else None,
            cursor_prev=cursor if direction == "p" else None,
        )
        self.ctx.prime_members(page.items)
        return _Fetched(page, cursor, direction, limit)

    def matches(self, record: MemberRecord) -> bool:
        return evaluate(self.plan.residual, record, MEMBER_GETTERS)

    def cursor(self, fetched: _Fetched, index: int) -> str:
        state: dict[str, Any] = {
            "q": self.fingerprint,
            "c": fetched.cursor,
            "d": fetched.direction,
            "l": fetched.limit,
            "i": index,
        }
        # At a page boundary the upstream's own cursor resumes without refetching the page.
        if index == len(fetched.page.items) - 1 and fetched.page.next_cursor:
            state["nx"] = fetched.page.next_cursor
        if index == 0 and fetched.page.prev_cursor:
            state["pv"] = fetched.page.prev_cursor
        return encode_cursor(CURSOR_KIND, state)

    def position(self, cursor: str, argument: str) -> dict[str, Any]:
        state = decode_cursor(CURSOR_KIND, cursor, argument=argument)
        if state.get("q") != self.fingerprint:
            raise BadUserInput(
                f"`{argument}` comes from a members list with other upstream filters; "
                "page with the same filter and updatedSince as the page it came from.",
                argument=argument,
            )
        if not isinstance(state.get("i"), int) or not isinstance(state.get("l"), int):
            raise BadUserInput(f"`{argument}` is not a cursor of this connection.")
        return state

    def edges(
        self, found: Sequence[tuple[MemberRecord, _Fetched, int]]
    ) -> list[Edge[MemberRecord]]:
        return [Edge(record, partial(self.cursor, fetched, i)) for record, fetched, i in found]


async def list_members(ctx: Context, plan: MemberListPlan, window: Window) -> Page[MemberRecord]:
    """One Relay page of members under ``plan``."""
    window = window.validate()
    scanner = _Scanner(ctx, plan)
    if window.backward:
        if window.before is None:
            return await _tail(scanner, window.size)
        return await _backward(scanner, window.size, window.before)
    return await _forward(scanner, window.size, window.after)


async def _forward(scanner: _Scanner, n: int, after: str | None) -> Page[MemberRecord]:
    exact = scanner.plan.residual is None
    limit = max(n, 1) if exact else SCAN_PAGE
    cursor: str | None
    if after is None:
        cursor, direction, page_limit, skip = None, "n", limit, 0
    else:
        state = scanner.position(after, "after")
        if state.get("nx"):
            cursor, direction, page_limit, skip = state["nx"], "n", limit, 0
        else:
            cursor, direction, page_limit, skip = state["c"], state["d"], state["l"], state["i"] + 1
    found: list[tuple[MemberRecord, _Fetched, int]] = []
    more = False
    while True:
        fetched = await scanner.fetch(cursor, direction, page_limit)
        items = fetched.page.items
        for i in range(skip, len(items)):
            if scanner.matches(items[i]):
                if len(found) == n:
                    more = True
                    break
                found.append((items[i], fetched, i))
        if more or fetched.page.next_cursor is None:
            break
        if exact and len(found) == n:
            # Everything was pushed down: the upstream's next cursor means a match follows.
            more = True
            break
        cursor, direction, page_limit, skip = fetched.page.next_cursor, "n", limit, 0
    return Page(scanner.edges(found), has_next_page=more, has_previous_page=after is not None)


async def _backward(scanner: _Scanner, n: int, before: str) -> Page[MemberRecord]:
    exact = scanner.plan.residual is None
    limit = max(n, 1) if exact else SCAN_PAGE
    state = scanner.position(before, "before")
    cursor: str | None
    upto: int | None
    if state.get("pv"):
        cursor, direction, page_limit, upto = state["pv"], "p", limit, None
    elif state["i"] == 0 and state["c"] is None:
        # The first record of the list: nothing comes before it.
        return Page([], has_next_page=True, has_previous_page=False)
    else:
        cursor, direction, page_limit, upto = state["c"], state["d"], state["l"], state["i"]
    found: list[tuple[MemberRecord, _Fetched, int]] = []
    more = False
    while True:
        fetched = await scanner.fetch(cursor, direction, page_limit)
        items = fetched.page.items
        end = len(items) if upto is None else min(upto, len(items))
        for i in range(end - 1, -1, -1):
            if scanner.matches(items[i]):
                if len(found) == n:
                    more = True
                    break
                found.append((items[i], fetched, i))
        if more or fetched.page.prev_cursor is None:
            break
        if exact and len(found) == n:
            more = True
            break
        cursor, direction, page_limit, upto = fetched.page.prev_cursor, "p", limit, None
    found.reverse()
    return Page(scanner.edges(found), has_next_page=True, has_previous_page=more)


async def _tail(scanner: _Scanner, n: int) -> Page[MemberRecord]:
    """``last`` without ``before``: Datanexus cannot start from the end, so read to it."""
    window: deque[tuple[MemberRecord, _Fetched, int]] = deque(maxlen=n + 1)
    cursor: str | None = None
    while True:
        fetched = await scanner.fetch(cursor, "n", SCAN_PAGE)
        for i, record in enumerate(fetched.page.items):
            if scanner.matches(record):
                window.append((record, fetched, i))
        if fetched.page.next_cursor is None:
            break
        cursor = fetched.page.next_cursor
    more = len(window) > n
    found = list(window)[1:] if more else list(window)
    return Page(scanner.edges(found), has_next_page=False, has_previous_page=more)


async def household(ctx: Context, record: MemberRecord, *, complete: bool) -> list[MemberRecord]:
    """The other members of ``record``'s household.

    The entries a list answer carries hold only some fields; ``complete`` asks for whole
    records, fetched once per distinct member through the request's loader.
    """
    entries = record.get("household")
    if entries is None:
        full = await ctx.load_member(record["id"])
        entries = (full or {}).get("household") or []
    if not complete:
        return list(entries)
    loaded = await ctx.load_members([e["id"] for e in entries])
    return [m for m in loaded if m is not None]


async def complete_member(ctx: Context, record: MemberRecord) -> MemberRecord:
    """The whole record for a household entry (itself when already whole)."""
    if record.get("complete"):
        return record
    return await ctx.load_member(record["id"]) or record


# --- writes ---------------------------------------------------------------------------------


def _wire(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    return value


def _details(pairs: Sequence[tuple[str, str | None]]) -> list[dict[str, str | None]]:
    # The document's model is a list of {name, value}: send that shape.
    return [{"name": name, "value": value} for name, value in pairs]


def _member_missing(member_id: str) -> UserErrorRecord:
    return UserErrorRecord(
        field=("input", "memberId"), message=f"No member {member_id!r}.", code="NOT_FOUND"
    )


async def update_member(
    ctx: Context, member_id: str, changes: Mapping[str, Any]
) -> Outcome[MemberRecord]:
    """Change member fields; a key with None clears that field."""
    body = {key: _wire(value) for key, value in changes.items()}
    return await write(
        ctx.client(DatanexusClient).update_member(member_id, body),
        not_found=_member_missing(member_id),
    )


def _consent_body(attrs: Mapping[str, Any]) -> dict[str, Any]:
    body = {key: _wire(value) for key, value in attrs.items() if key != "details"}
    if "details" in attrs:
        body["consent_details"] = None if attrs["details"] is None else _details(attrs["details"])
    return body


_CONSENT_NAMES = {"consent_details": "details"}


async def create_consent(
    ctx: Context, member_id: str, attrs: Mapping[str, Any]
) -> Outcome[ConsentRecord]:
    return await write(
        ctx.client(DatanexusClient).create_consent(member_id, _consent_body(attrs)),
        renames=_CONSENT_NAMES,
        not_found=_member_missing(member_id),
    )


def _consent_missing(member_id: str, consent_id: str) -> UserErrorRecord:
    return UserErrorRecord(
        field=("input", "consentId"),
        message=f"No consent {consent_id!r} of member {member_id!r}.",
        code="NOT_FOUND",
    )


async def update_consent(
    ctx: Context, member_id: str, consent_id: str, attrs: Mapping[str, Any]
) -> Outcome[ConsentRecord]:
    return await write(
        ctx.client(DatanexusClient).update_consent(member_id, consent_id, _consent_body(attrs)),
        renames=_CONSENT_NAMES,
        not_found=_consent_missing(member_id, consent_id),
    )


async def delete_consent(ctx: Context, member_id: str, consent_id: str) -> Outcome[str]:
    async def call() -> str:
        await ctx.client(DatanexusClient).delete_consent(member_id, consent_id)
        return consent_id

    return await write(call(), not_found=_consent_missing(member_id, consent_id))


def _enrollment_missing(member_id: str, enrollment_id: str) -> UserErrorRecord:
    return UserErrorRecord(
        field=("input", "enrollmentId"),
        message=f"No enrollment {enrollment_id!r} of member {member_id!r}.",
        code="NOT_FOUND",
    )


def _enrollment_body(member_id: str, attrs: Mapping[str, Any]) -> dict[str, Any]:
    body = {key: _wire(value) for key, value in attrs.items()}
    if body.get("program_id") is not None:
        # Program ids are integers on the wire; the graph checked they are digits.
        body["program_id"] = int(body["program_id"])
    return body


def check_program_id(program_id: str | None) -> list[UserErrorRecord]:
    if program_id is not None and not program_id.isdigit():
        return [
            UserErrorRecord(
                field=("input", "programId"),
                message="programId must be a program number (digits only).",
                code="INVALID",
            )
        ]
    return []


async def create_enrollment(
    ctx: Context, member_id: str, attrs: Mapping[str, Any]
) -> Outcome[EnrollmentRecord]:
    errors = check_program_id(attrs.get("program_id"))
    if errors:
        return Outcome(user_errors=errors)
    body = _enrollment_body(member_id, attrs)
    body["member_id"] = member_id
    return await write(
        ctx.client(DatanexusClient).create_enrollment(member_id, body),
        not_found=_member_missing(member_id),
    )


async def update_enrollment(
    ctx: Context, member_id: str, enrollment_id: str, attrs: Mapping[str, Any]
) -> Outcome[EnrollmentRecord]:
    errors = check_program_id(attrs.get("program_id"))
    if errors:
        return Outcome(user_errors=errors)
    return await write(
        ctx.client(DatanexusClient).update_enrollment(
            member_id, enrollment_id, _enrollment_body(member_id, attrs)
        ),
        not_found=_enrollment_missing(member_id, enrollment_id),
    )


async def delete_enrollment(ctx: Context, member_id: str, enrollment_id: str) -> Outcome[str]:
    async def call() -> str:
        await ctx.client(DatanexusClient).delete_enrollment(member_id, enrollment_id)
        return enrollment_id

    return await write(call(), not_found=_enrollment_missing(member_id, enrollment_id))
