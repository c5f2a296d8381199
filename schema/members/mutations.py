"""Members mutations: ``verbNoun(input: VerbNounInput!): VerbNounPayload!``, inputs and payloads."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import strawberry
from strawberry import relay
from strawberry.scalars import JSON
from strawberry.types import Info

from resolvers import members as resolve
from resolvers.core.context import Context
from schema.core.cost import cost
from schema.core.errors import UserError, user_errors
from schema.members.attributes import NameValueInput, pairs
from schema.members.consents import Consent
from schema.members.enrollments import Enrollment
from schema.members.members import Member

__all__ = ["MemberMutations"]


def _set(values: Any, *skip: str) -> dict[str, Any]:
    """The input fields the client sent (null included: it clears), keyed as on the record."""
    return {
        key: value
        for key, value in vars(values).items()
        if value is not strawberry.UNSET and key not in skip
    }


@strawberry.input(
    description="Changes to a member. Omitted fields keep their value; null clears a field."
)
class UpdateMemberInput:
    member_id: str = strawberry.field(description="The member to change.")
    first_name: str | None = strawberry.field(
        description="Given name as the sponsor recorded it, e.g. Michael; case kept as sent.",
        default=strawberry.UNSET,
    )
    middle_name: str | None = strawberry.field(
        description="Middle name or initial; null when none was recorded.", default=strawberry.UNSET
    )
    last_name: str | None = strawberry.field(
        description="Family name as the sponsor recorded it, e.g. Hamilton.",
        default=strawberry.UNSET,
    )
    born_on: dt.date | None = strawberry.field(
        description="Date of birth.", default=strawberry.UNSET
    )
    gender: str | None = strawberry.field(
        description="male, female, non_binary, unknown, M or F.", default=strawberry.UNSET
    )
    email: str | None = strawberry.field(
        description="Contact email, e.g. m.hamilton@example.com; null when none was given.",
        default=strawberry.UNSET,
    )
    phone_number: str | None = strawberry.field(
        description="Contact phone as recorded (free text, e.g. 555-867-5309); null when none.",
        default=strawberry.UNSET,
    )
    street_address1: str | None = strawberry.field(
        description="Street address, first line.", default=strawberry.UNSET
    )
    street_address2: str | None = strawberry.field(
        description="Street address, second line.", default=strawberry.UNSET
    )
    city: str | None = strawberry.field(
        description="City of the postal address, e.g. Springfield.", default=strawberry.UNSET
    )
    state: str | None = strawberry.field(
        description="State of the postal address, two-letter code such as NY.",
        default=strawberry.UNSET,
    )
    postal_code: str | None = strawberry.field(
        description="Postal (ZIP) code of the address, 55555 or 55555-5555.",
        default=strawberry.UNSET,
    )
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
    category: str | None = strawberry.field(
        description="What was asked, e.g. sms or hipaa.", default=strawberry.UNSET
    )
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
    ) -> UpdateMemberPayload | None:
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
    ) -> CreateConsentPayload | None:
        attrs = _set(input, "member_id")
        attrs["details"] = pairs(input.details)
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
    ) -> UpdateConsentPayload | None:
        attrs = _set(input, "member_id", "consent_id")
        if "details" in attrs:
            attrs["details"] = pairs(input.details)
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
    ) -> DeleteConsentPayload | None:
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
    ) -> CreateEnrollmentPayload | None:
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
    ) -> UpdateEnrollmentPayload | None:
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
    ) -> DeleteEnrollmentPayload | None:
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
