"""Members, their households, consents and enrollments (Datanexus)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from enum import Enum
from typing import Annotated, Any

import strawberry
from strawberry import relay
from strawberry.scalars import JSON
from strawberry.types import Info

from resolvers import members as resolve
from resolvers.core.context import Context
from resolvers.core.paging import Window
from resolvers.core.values import parse_date, parse_datetime
from schema.core.connections import After, Before, Connection, First, Last, to_connection
from schema.core.cost import EMBEDDED_LIST_BOUND, HOUSEHOLD_BOUND, PAGE, cost, scan
from schema.core.domains import GraphDomain
from schema.core.errors import UserError, user_errors
from schema.core.filters import DateFilter, OperatorFilter, StringFilter, op, to_predicate
from schema.core.selection import descendant, field_key, names
from upstreams.datanexus import (
    PARTIAL_MEMBER_FIELDS,
    ConsentRecord,
    EnrollmentRecord,
    EventRecord,
    MemberRecord,
    NameValueRecord,
)

__all__ = ["Consent", "Enrollment", "Member", "MemberMutations", "MemberQueries"]


@strawberry.enum(description="Where a member stands in their sponsor's program.")
class ProgramStatus(Enum):
    ACTIVE = strawberry.enum_value("active", description="Enrolled and receiving services.")
    PENDING = strawberry.enum_value("pending", description="Known, not yet confirmed.")
    INACTIVE = strawberry.enum_value("inactive", description="No longer in the program.")
    UNKNOWN = strawberry.enum_value(
        "unknown", description="A status the upstream sent that the graph does not know yet."
    )


_STATUSES: dict[str, ProgramStatus] = {str(s.value): s for s in ProgramStatus}


@strawberry.type(description="A name and a value: an extra attribute of a consent or an event.")
class NameValue:
    name: str = strawberry.field(description="The attribute's name, e.g. sms_phone_number.")
    value: str | None = strawberry.field(description="The attribute's value, as text.")

    @classmethod
    def many(cls, records: Iterable[NameValueRecord]) -> list[NameValue]:
        return [cls(name=r["name"], value=r["value"]) for r in records]


@strawberry.type(description="A member's answer to a request for legal consent.")
class Consent(relay.Node):
    key: relay.NodeID[str]
    consent_id: str = strawberry.field(description="Datanexus consent id.")
    member_id: str | None = strawberry.field(description="The member who answered.")
    category: str | None = strawberry.field(description="What was asked, e.g. sms or hipaa.")
    details: list[NameValue] = strawberry.field(description="Extra attributes of the consent.")
    consented_at: dt.datetime | None = strawberry.field(description="When the member answered.")
    member_response: bool | None = strawberry.field(
        description="true when the member consented, false when they declined."
    )

    @classmethod
    def from_record(cls, r: ConsentRecord, member_id: str | None = None) -> Consent:
        owner = r["member_id"] or member_id
        return cls(
            key=f"{owner}/{r['id']}",
            consent_id=r["id"],
            member_id=owner,
            category=r["category"],
            details=NameValue.many(r["details"]),
            consented_at=parse_datetime(r["consented_at"]),
            member_response=r["member_response"],
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info[Context, None], node_ids: Iterable[str], required: bool = False
    ) -> list[Consent | None]:
        found = await _children(info.context, node_ids, "consents")
        return [None if r is None else cls.from_record(r) for r in found]


@strawberry.type(description="Something that happened to an enrollment.")
class EnrollmentEvent:
    event_id: str | None = strawberry.field(description="Datanexus event id.")
    category: str | None = strawberry.field(description="What happened, e.g. created.")
    details: list[NameValue] = strawberry.field(description="Extra attributes of the event.")

    @classmethod
    def from_record(cls, r: EventRecord) -> EnrollmentEvent:
        return cls(event_id=r["id"], category=r["category"], details=NameValue.many(r["details"]))


@strawberry.type(description="A household member's access to a benefit program.")
class Enrollment(relay.Node):
    key: relay.NodeID[str]
    enrollment_id: str = strawberry.field(description="Datanexus enrollment id.")
    member_id: str | None = strawberry.field(description="The enrolled member.")
    program_id: str | None = strawberry.field(description="The benefit program, e.g. 8355.")
    enrolled_at: dt.datetime | None = strawberry.field(description="When access began.")
    expires_at: dt.datetime | None = strawberry.field(description="When access ends, if set.")
    events: list[EnrollmentEvent] = strawberry.field(
        description="The enrollment's lifecycle, oldest first."
    )

    @classmethod
    def from_record(cls, r: EnrollmentRecord, member_id: str | None = None) -> Enrollment:
        owner = r["member_id"] or member_id
        return cls(
            key=f"{owner}/{r['id']}",
            enrollment_id=r["id"],
            member_id=owner,
            program_id=r["program_id"],
            enrolled_at=parse_datetime(r["enrolled_at"]),
            expires_at=parse_datetime(r["expires_at"]),
            events=[EnrollmentEvent.from_record(e) for e in r["events"]],
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info[Context, None], node_ids: Iterable[str], required: bool = False
    ) -> list[Enrollment | None]:
        found = await _children(info.context, node_ids, "enrollments")
        return [None if r is None else cls.from_record(r) for r in found]


async def _children(ctx: Context, node_ids: Iterable[str], kind: str) -> list[Any]:
    """Consents and enrollments have no read call of their own: find them in their member."""
    keys = [key.partition("/") for key in node_ids]
    members = await ctx.load_members([m for m, _, _ in keys])
    out: list[Any] = []
    for (_, _, child_id), member in zip(keys, members, strict=True):
        children = (member or {}).get(kind) or []
        out.append(next((c for c in children if c["id"] == child_id), None))  # type: ignore[attr-defined]
    return out


def _household_needs_complete(info: Info[Context, None]) -> bool:
    selected = info.selected_fields
    return (
        not names(selected) <= (_PARTIAL_GRAPH_FIELDS | {"enrollments"})
        or not names(descendant(selected, "enrollments")) <= _PARTIAL_ENROLLMENT_FIELDS
    )


_QUESTIONS: dict[str, Callable[[Info[Context, None]], bool]] = {
    "household.complete": _household_needs_complete,
    "enrollments.events": lambda info: "events" in names(info.selected_fields),
}


def _selects(info: Info[Context, None], question: str) -> bool:
    """Answer a question about this field's selection once per request, not once per row."""
    key = (question, field_key(info))
    memo = info.context.memo
    answer = memo.get(key)
    if answer is None:
        answer = memo[key] = _QUESTIONS[question](info)
    return bool(answer)


# GraphQL fields of Member a household entry (a partial record) can answer on its own.
_PARTIAL_GRAPH_FIELDS = frozenset(
    {"id", "memberId", "firstName", "lastName", "bornOn", "email", "programStatus", "__typename"}
)
_PARTIAL_ENROLLMENT_FIELDS = frozenset(
    {"id", "enrollmentId", "memberId", "programId", "enrolledAt", "expiresAt", "__typename"}
)
assert {"id", "first_name", "last_name", "born_on", "email", "program_status"} <= (
    PARTIAL_MEMBER_FIELDS
)


@strawberry.type(description="A person who accesses healthcare services through a sponsor.")
class Member(relay.Node):
    key: relay.NodeID[str]
    member_id: str = strawberry.field(description="Datanexus member id, e.g. A5c7X.")
    first_name: str | None = strawberry.field(description="First name.")
    middle_name: str | None = strawberry.field(description="Middle name.")
    last_name: str | None = strawberry.field(description="Last name.")
    born_on: dt.date | None = strawberry.field(description="Date of birth.")
    gender: str | None = strawberry.field(description="Gender as the sponsor records it.")
    email: str | None = strawberry.field(description="Email address.")
    phone_number: str | None = strawberry.field(description="Phone number.")
    street_address1: str | None = strawberry.field(description="Street address, first line.")
    street_address2: str | None = strawberry.field(description="Street address, second line.")
    city: str | None = strawberry.field(description="City.")
    state: str | None = strawberry.field(description="State (two letters in the US).")
    postal_code: str | None = strawberry.field(description="Postal code.")
    program_status: ProgramStatus | None = strawberry.field(
        description="Where the member stands in the program."
    )
    eligibility_start_on: dt.date | None = strawberry.field(
        description="The day the member became eligible."
    )
    health_plan_identifier: str | None = strawberry.field(
        description="The member's identifier at their health plan."
    )
    sponsor_member_identifier: str | None = strawberry.field(
        description="The member's identifier at their sponsor."
    )
    prefixed_sponsor_member_identifier: str | None = strawberry.field(
        description="The sponsor identifier with its prefix, e.g. EOE-COGITO55; "
        "`member(memberId:)` accepts it."
    )
    soda_sponsor_id: str | None = strawberry.field(description="The sponsor's SODA id.")
    vendor_data: JSON | None = strawberry.field(
        description="Free-form attributes kept for vendor callers; null for other callers."
    )
    record: strawberry.Private[MemberRecord]

    @classmethod
    def from_record(cls, r: MemberRecord) -> Member:
        # Filled without the dataclass __init__: a page builds a hundred of these per request
        # and keyword-argument binding for 22 fields is most of their cost.
        status = r.get("program_status")
        member = cls.__new__(cls)
        member.__dict__.update(
            key=r["id"],
            member_id=r["id"],
            first_name=r.get("first_name"),
            middle_name=r.get("middle_name"),
            last_name=r.get("last_name"),
            born_on=parse_date(r.get("born_on")),
            gender=r.get("gender"),
            email=r.get("email"),
            phone_number=r.get("phone_number"),
            street_address1=r.get("street_address_1"),
            street_address2=r.get("street_address_2"),
            city=r.get("city"),
            state=r.get("state"),
            postal_code=r.get("postal_code"),
            program_status=None if status is None else _STATUSES.get(status, ProgramStatus.UNKNOWN),
            eligibility_start_on=parse_date(r.get("eligibility_start_on")),
            health_plan_identifier=r.get("health_plan_identifier"),
            sponsor_member_identifier=r.get("sponsor_member_identifier"),
            prefixed_sponsor_member_identifier=r.get("prefixed_sponsor_member_identifier"),
            soda_sponsor_id=r.get("soda_sponsor_id"),
            vendor_data=r.get("vendor_data"),
            record=r,
        )
        return member

    # These three answer synchronously when the record already holds what they need (the
    # common case: a list page embeds it), and return an awaitable only when it must be
    # fetched; graphql-core completes either. A coroutine per member per field would
    # cost more CPU than the rest of the page.

    @strawberry.field(
        description="The member's answers to consent requests.",
        graphql_type=list[Consent],
        metadata=cost(1, EMBEDDED_LIST_BOUND),
    )
    def consents(self, info: Info[Context, None]) -> Any:
        if "consents" in self.record:
            return self._consents(self.record)
        return self._complete_then(info, self._consents)

    def _consents(self, record: MemberRecord) -> list[Consent]:
        return [Consent.from_record(c, self.member_id) for c in record.get("consents") or ()]

    @strawberry.field(
        description="The member's program enrollments.",
        graphql_type=list[Enrollment],
        metadata=cost(1, EMBEDDED_LIST_BOUND),
    )
    def enrollments(self, info: Info[Context, None]) -> Any:
        record = self.record
        # Household entries carry enrollments without their events.
        if "enrollments" in record and (
            record.get("complete") or not _selects(info, "enrollments.events")
        ):
            return self._enrollments(record)
        return self._complete_then(info, self._enrollments)

    def _enrollments(self, record: MemberRecord) -> list[Enrollment]:
        return [Enrollment.from_record(e, self.member_id) for e in record.get("enrollments") or ()]

    async def _complete_then(
        self, info: Info[Context, None], convert: Callable[[MemberRecord], Any]
    ) -> Any:
        return convert(await resolve.complete_member(info.context, self.record))

    @strawberry.field(
        description="The other members of this member's household.",
        graphql_type=list["Member"],
        metadata=cost(
            1,
            HOUSEHOLD_BOUND,
            item_calls=1,
            item_calls_unless=_PARTIAL_GRAPH_FIELDS | {"enrollments"},
        ),
    )
    def household(self, info: Info[Context, None]) -> Any:
        complete = _selects(info, "household.complete")
        entries = self.record.get("household")
        if entries is not None and not complete:
            return [Member.from_record(m) for m in entries]
        return self._household(info, complete)

    async def _household(self, info: Info[Context, None], complete: bool) -> list[Member]:
        found = await resolve.household(info.context, self.record, complete=complete)
        return [Member.from_record(m) for m in found]

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info[Context, None], node_ids: Iterable[str], required: bool = False
    ) -> list[Member | None]:
        found = await info.context.load_members(list(node_ids))
        return [None if r is None else cls.from_record(r) for r in found]


@strawberry.input(description="Conditions on a member's program status.")
class ProgramStatusFilter(OperatorFilter):
    eq: ProgramStatus | None = op("eq")
    ne: ProgramStatus | None = op("ne")
    in_: list[ProgramStatus] | None = op("in")
    not_in: list[ProgramStatus] | None = op("notIn")
    is_null: bool | None = op("isNull")


@strawberry.input(
    description="Which members to return. Fields set together must all hold; combine filters "
    "with and/or/not. Equality on firstName, lastName and bornOn, a PENDING program status and "
    "an exact programId run at Datanexus; everything else is evaluated by the gateway, with "
    "the same results and exact paging."
)
class MemberFilter:
    member_id: StringFilter | None = strawberry.field(description="Member id.", default=None)
    first_name: StringFilter | None = strawberry.field(description="First name.", default=None)
    middle_name: StringFilter | None = strawberry.field(description="Middle name.", default=None)
    last_name: StringFilter | None = strawberry.field(description="Last name.", default=None)
    born_on: DateFilter | None = strawberry.field(description="Date of birth.", default=None)
    gender: StringFilter | None = strawberry.field(description="Gender.", default=None)
    email: StringFilter | None = strawberry.field(description="Email address.", default=None)
    phone_number: StringFilter | None = strawberry.field(description="Phone number.", default=None)
    city: StringFilter | None = strawberry.field(description="City.", default=None)
    state: StringFilter | None = strawberry.field(description="State.", default=None)
    postal_code: StringFilter | None = strawberry.field(description="Postal code.", default=None)
    program_status: ProgramStatusFilter | None = strawberry.field(
        description="Program status.", default=None
    )
    eligibility_start_on: DateFilter | None = strawberry.field(
        description="Day the member became eligible.", default=None
    )
    sponsor_member_identifier: StringFilter | None = strawberry.field(
        description="Identifier at the sponsor.", default=None
    )
    prefixed_sponsor_member_identifier: StringFilter | None = strawberry.field(
        description="Prefixed identifier at the sponsor.", default=None
    )
    health_plan_identifier: StringFilter | None = strawberry.field(
        description="Identifier at the health plan.", default=None
    )
    program_id: StringFilter | None = strawberry.field(
        description="Programs the member is eligible for: those in which anyone in the "
        "member's household holds an enrollment.",
        default=None,
    )
    and_: list[MemberFilter] | None = strawberry.field(
        name="and", description="All of these filters hold.", default=None
    )
    or_: list[MemberFilter] | None = strawberry.field(
        name="or",
        description="At least one of these filters holds ([] matches nothing).",
        default=None,
    )
    not_: MemberFilter | None = strawberry.field(
        name="not", description="This filter does not hold.", default=None
    )


def _wants_household(info: Info[Context, None]) -> bool:
    selected = info.selected_fields
    return bool(
        descendant(selected, "nodes", "household")
        or descendant(selected, "edges", "node", "household")
    )


@strawberry.type
class MemberQueries:
    @strawberry.field(
        description="A member by member id or prefixed sponsor id; null if none.", metadata=cost(1)
    )
    async def member(
        self,
        info: Info[Context, None],
        member_id: Annotated[
            str,
            strawberry.argument(
                description="A member id (A5c7X) or a prefixed sponsor member identifier "
                "(EOE-COGITO55)."
            ),
        ],
    ) -> Member | None:
        if not member_id.strip():
            return None
        record = await info.context.load_member(member_id)
        return None if record is None else Member.from_record(record)

    @strawberry.field(
        description="Members, a page at a time, oldest first. totalCount is null: Datanexus "
        "does not count.",
        metadata=cost(scan(), PAGE),
    )
    async def members(
        self,
        info: Info[Context, None],
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            MemberFilter | None, strawberry.argument(description="Which members to return.")
        ] = None,
        updated_since: Annotated[
            dt.datetime | None,
            strawberry.argument(
                description="Only members changed at or after this instant (Datanexus keeps "
                "no change time on the record, so this is not a filter field)."
            ),
        ] = None,
    ) -> Connection[Member]:
        plan = resolve.plan_members(
            to_predicate(filter) if filter is not None else None,
            updated_since=updated_since.isoformat() if updated_since else None,
            include_household=_wants_household(info),
        )
        window = Window(first=first, after=after, last=last, before=before)
        page = await resolve.list_members(info.context, plan, window)
        return to_connection(page, Member.from_record)


# --- mutations -----------------------------------------------------------------------------


def _set(values: Any, *skip: str) -> dict[str, Any]:
    """The input fields the client sent (null included: it clears), keyed as on the record."""
    return {
        key: value
        for key, value in vars(values).items()
        if value is not strawberry.UNSET and key not in skip
    }


@strawberry.input(description="A name and a value.")
class NameValueInput:
    name: str = strawberry.field(description="The attribute's name.")
    value: str | None = strawberry.field(description="The attribute's value.", default=None)


def _pairs(items: list[NameValueInput] | None) -> list[tuple[str, str | None]] | None:
    return None if items is None else [(i.name, i.value) for i in items]


@strawberry.input(
    description="Changes to a member. Omitted fields keep their value; null clears a field."
)
class UpdateMemberInput:
    member_id: str = strawberry.field(description="The member to change.")
    first_name: str | None = strawberry.field(description="First name.", default=strawberry.UNSET)
    middle_name: str | None = strawberry.field(description="Middle name.", default=strawberry.UNSET)
    last_name: str | None = strawberry.field(description="Last name.", default=strawberry.UNSET)
    born_on: dt.date | None = strawberry.field(
        description="Date of birth.", default=strawberry.UNSET
    )
    gender: str | None = strawberry.field(
        description="male, female, non_binary, unknown, M or F.", default=strawberry.UNSET
    )
    email: str | None = strawberry.field(description="Email address.", default=strawberry.UNSET)
    phone_number: str | None = strawberry.field(
        description="Phone number.", default=strawberry.UNSET
    )
    street_address1: str | None = strawberry.field(
        description="Street address, first line.", default=strawberry.UNSET
    )
    street_address2: str | None = strawberry.field(
        description="Street address, second line.", default=strawberry.UNSET
    )
    city: str | None = strawberry.field(description="City.", default=strawberry.UNSET)
    state: str | None = strawberry.field(description="State.", default=strawberry.UNSET)
    postal_code: str | None = strawberry.field(description="Postal code.", default=strawberry.UNSET)
    vendor_data: JSON | None = strawberry.field(
        description="Vendor attributes to merge in (vendor callers only).",
        default=strawberry.UNSET,
    )


@strawberry.type(description="The result of updateMember.")
class UpdateMemberPayload:
    member: Member | None = strawberry.field(description="The member as changed; null on error.")
    user_errors: list[UserError] = strawberry.field(description="Why nothing was changed.")


@strawberry.input(description="A new consent answer for a member.")
class CreateConsentInput:
    member_id: str = strawberry.field(description="The member who answered.")
    category: str = strawberry.field(description="What was asked, e.g. sms or hipaa.")
    details: list[NameValueInput] = strawberry.field(description="Extra attributes (may be empty).")
    consented_at: dt.datetime | None = strawberry.field(
        description="When the member answered.", default=None
    )
    member_response: bool | None = strawberry.field(
        description="true: consented; false: declined.", default=None
    )


@strawberry.type(description="The result of createConsent.")
class CreateConsentPayload:
    consent: Consent | None = strawberry.field(description="The new consent; null on error.")
    user_errors: list[UserError] = strawberry.field(description="Why nothing was created.")


@strawberry.input(description="Changes to a consent. Omitted fields keep their value.")
class UpdateConsentInput:
    member_id: str = strawberry.field(description="The member who answered.")
    consent_id: str = strawberry.field(description="The consent to change.")
    category: str | None = strawberry.field(description="Category.", default=strawberry.UNSET)
    details: list[NameValueInput] | None = strawberry.field(
        description="Replaces the extra attributes.", default=strawberry.UNSET
    )
    consented_at: dt.datetime | None = strawberry.field(
        description="When the member answered.", default=strawberry.UNSET
    )
    member_response: bool | None = strawberry.field(
        description="true: consented; false: declined.", default=strawberry.UNSET
    )


@strawberry.type(description="The result of updateConsent.")
class UpdateConsentPayload:
    consent: Consent | None = strawberry.field(description="The consent as changed.")
    user_errors: list[UserError] = strawberry.field(description="Why nothing was changed.")


@strawberry.input(description="The consent to delete.")
class DeleteConsentInput:
    member_id: str = strawberry.field(description="The member who answered.")
    consent_id: str = strawberry.field(description="The consent to delete.")


@strawberry.type(description="The result of deleteConsent.")
class DeleteConsentPayload:
    deleted_consent_id: str | None = strawberry.field(
        description="The deleted consent's id; null when nothing was deleted."
    )
    deleted_id: strawberry.ID | None = strawberry.field(
        description="The deleted consent's global id (to drop it from client caches)."
    )
    user_errors: list[UserError] = strawberry.field(description="Why nothing was deleted.")


@strawberry.input(description="A new enrollment of a member in a program.")
class CreateEnrollmentInput:
    member_id: str = strawberry.field(description="The member to enroll.")
    program_id: str = strawberry.field(description="The program, by number, e.g. 8355.")
    enrolled_at: dt.datetime = strawberry.field(description="When access begins.")
    expires_at: dt.datetime | None = strawberry.field(description="When access ends.", default=None)


@strawberry.type(description="The result of createEnrollment.")
class CreateEnrollmentPayload:
    enrollment: Enrollment | None = strawberry.field(description="The new enrollment.")
    user_errors: list[UserError] = strawberry.field(description="Why nothing was created.")


@strawberry.input(description="Changes to an enrollment. Omitted fields keep their value.")
class UpdateEnrollmentInput:
    member_id: str = strawberry.field(description="The enrolled member.")
    enrollment_id: str = strawberry.field(description="The enrollment to change.")
    program_id: str | None = strawberry.field(
        description="The program, by number.", default=strawberry.UNSET
    )
    enrolled_at: dt.datetime | None = strawberry.field(
        description="When access begins.", default=strawberry.UNSET
    )
    expires_at: dt.datetime | None = strawberry.field(
        description="When access ends; null: never.", default=strawberry.UNSET
    )


@strawberry.type(description="The result of updateEnrollment.")
class UpdateEnrollmentPayload:
    enrollment: Enrollment | None = strawberry.field(description="The enrollment as changed.")
    user_errors: list[UserError] = strawberry.field(description="Why nothing was changed.")


@strawberry.input(description="The enrollment to delete.")
class DeleteEnrollmentInput:
    member_id: str = strawberry.field(description="The enrolled member.")
    enrollment_id: str = strawberry.field(description="The enrollment to delete.")


@strawberry.type(description="The result of deleteEnrollment.")
class DeleteEnrollmentPayload:
    deleted_enrollment_id: str | None = strawberry.field(
        description="The deleted enrollment's id; null when nothing was deleted."
    )
    deleted_id: strawberry.ID | None = strawberry.field(
        description="The deleted enrollment's global id."
    )
    user_errors: list[UserError] = strawberry.field(description="Why nothing was deleted.")


_MEMBER_WIRE_NAMES = {"street_address1": "street_address_1", "street_address2": "street_address_2"}


@strawberry.type
class MemberMutations:
    @strawberry.mutation(description="Change a member's details.", metadata=cost(1))
    async def update_member(
        self,
        info: Info[Context, None],
        input: Annotated[
            UpdateMemberInput, strawberry.argument(description="The member and the changes.")
        ],
    ) -> UpdateMemberPayload:
        changes = {_MEMBER_WIRE_NAMES.get(k, k): v for k, v in _set(input, "member_id").items()}
        outcome = await resolve.update_member(info.context, input.member_id, changes)
        return UpdateMemberPayload(
            member=Member.from_record(outcome.value) if outcome.value else None,
            user_errors=user_errors(outcome.user_errors),
        )

    @strawberry.mutation(
        description="Record a member's answer to a consent request.", metadata=cost(1)
    )
    async def create_consent(
        self,
        info: Info[Context, None],
        input: Annotated[
            CreateConsentInput, strawberry.argument(description="The consent to create.")
        ],
    ) -> CreateConsentPayload:
        attrs = _set(input, "member_id")
        attrs["details"] = _pairs(input.details)
        outcome = await resolve.create_consent(info.context, input.member_id, attrs)
        return CreateConsentPayload(
            consent=Consent.from_record(outcome.value, input.member_id) if outcome.value else None,
            user_errors=user_errors(outcome.user_errors),
        )

    @strawberry.mutation(description="Change a consent answer.", metadata=cost(1))
    async def update_consent(
        self,
        info: Info[Context, None],
        input: Annotated[
            UpdateConsentInput, strawberry.argument(description="The consent and the changes.")
        ],
    ) -> UpdateConsentPayload:
        attrs = _set(input, "member_id", "consent_id")
        if "details" in attrs:
            attrs["details"] = _pairs(input.details)
        outcome = await resolve.update_consent(
            info.context, input.member_id, input.consent_id, attrs
        )
        return UpdateConsentPayload(
            consent=Consent.from_record(outcome.value, input.member_id) if outcome.value else None,
            user_errors=user_errors(outcome.user_errors),
        )

    @strawberry.mutation(description="Delete a consent answer.", metadata=cost(1))
    async def delete_consent(
        self,
        info: Info[Context, None],
        input: Annotated[
            DeleteConsentInput, strawberry.argument(description="The consent to delete.")
        ],
    ) -> DeleteConsentPayload:
        outcome = await resolve.delete_consent(info.context, input.member_id, input.consent_id)
        deleted = outcome.value
        return DeleteConsentPayload(
            deleted_consent_id=deleted,
            deleted_id=strawberry.ID(relay.to_base64("Consent", f"{input.member_id}/{deleted}"))
            if deleted
            else None,
            user_errors=user_errors(outcome.user_errors),
        )

    @strawberry.mutation(description="Enroll a member in a program.", metadata=cost(1))
    async def create_enrollment(
        self,
        info: Info[Context, None],
        input: Annotated[
            CreateEnrollmentInput, strawberry.argument(description="The enrollment to create.")
        ],
    ) -> CreateEnrollmentPayload:
        outcome = await resolve.create_enrollment(
            info.context, input.member_id, _set(input, "member_id")
        )
        return CreateEnrollmentPayload(
            enrollment=Enrollment.from_record(outcome.value, input.member_id)
            if outcome.value
            else None,
            user_errors=user_errors(outcome.user_errors),
        )

    @strawberry.mutation(description="Change an enrollment.", metadata=cost(1))
    async def update_enrollment(
        self,
        info: Info[Context, None],
        input: Annotated[
            UpdateEnrollmentInput,
            strawberry.argument(description="The enrollment and the changes."),
        ],
    ) -> UpdateEnrollmentPayload:
        outcome = await resolve.update_enrollment(
            info.context,
            input.member_id,
            input.enrollment_id,
            _set(input, "member_id", "enrollment_id"),
        )
        return UpdateEnrollmentPayload(
            enrollment=Enrollment.from_record(outcome.value, input.member_id)
            if outcome.value
            else None,
            user_errors=user_errors(outcome.user_errors),
        )

    @strawberry.mutation(description="Delete an enrollment.", metadata=cost(1))
    async def delete_enrollment(
        self,
        info: Info[Context, None],
        input: Annotated[
            DeleteEnrollmentInput, strawberry.argument(description="The enrollment to delete.")
        ],
    ) -> DeleteEnrollmentPayload:
        outcome = await resolve.delete_enrollment(
            info.context, input.member_id, input.enrollment_id
        )
        deleted = outcome.value
        return DeleteEnrollmentPayload(
            deleted_enrollment_id=deleted,
            deleted_id=strawberry.ID(relay.to_base64("Enrollment", f"{input.member_id}/{deleted}"))
            if deleted
            else None,
            user_errors=user_errors(outcome.user_errors),
        )


DOMAIN = GraphDomain(name="members", queries=MemberQueries, mutations=MemberMutations)
