"""Onboarding mutations: ``verbNoun(input: VerbNounInput!): VerbNounPayload!``, each payload
returning the changed objects (with their ``id``) and ``userErrors``."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from resolvers import onboarding as resolve
from resolvers.core.context import Context
from resolvers.core.values import parse_int
from schema.core.cost import PAGE, cost
from schema.core.errors import UserError, user_errors
from schema.core.selection import names
from schema.onboarding.accounts import AccountType, Gender
from schema.onboarding.lists import given
from schema.onboarding.lists import optional as _u
from schema.onboarding.memberships import OrganizationMembership, load_memberships
from schema.onboarding.organizations import Organization
from schema.onboarding.reference import DeactivationReason

Record = dict[str, Any]

# What an activation's answer carries for each organization: selecting only these costs no
# read; anything more is one read per organization (batched by key).
STATUS_ONLY = frozenset({"id", "organizationId", "status", "__typename"})


@strawberry.enum(description="What MedAllies did when a membership was created.")
class MembershipProcessingStatus(Enum):
    ADDED = strawberry.enum_value(1, description="A new account and membership were added.")
    EXISTING_ACCOUNT_USED = strawberry.enum_value(
        2, description="An existing account matched and was used for the membership."
    )
    ALREADY_A_MEMBER = strawberry.enum_value(
        3, description="The account already had this membership; nothing was added."
    )
    ALTERNATE_DIRECT_ADDRESS = strawberry.enum_value(
        4, description="The Direct address was taken; an alternate one was created and used."
    )


_PROCESSING = {int(s.value): s for s in MembershipProcessingStatus}


# --- organizations -------------------------------------------------------------------------


@strawberry.input(description="The fields a new and a changed organization share.")
class OrganizationFields:
    tin: str | None = _u("Tax identification number, 9 digits.")
    npi: str | None = _u("National Provider Identifier, 10 digits.")
    direct_abbreviation: str | None = _u("Short tag used in Direct addresses.")
    street_address1: str | None = _u("Practice street address, first line.")
    street_address2: str | None = _u("Practice street address, second line (suite, floor).")
    city: str | None = _u("Practice city.")
    state: str | None = _u("Practice state: a two-letter code from usStates.")
    postal_code: str | None = _u("Practice ZIP code, 55555 or 55555-5555.")
    phone_number: str | None = _u("(555) 555-5555, an extension may follow.")
    specialization: str | None = _u("e.g. Multi-Specialty.")
    endpoint_uri: str | None = _u("The organization's Direct endpoint.")


@strawberry.input(description="A new organization; its address fields are flat here.")
class CreateOrganizationInput(OrganizationFields):
    organization_name: str = strawberry.field(description="The organization's name.")
    type_code: int = strawberry.field(description="A code from organizationTypes, e.g. 1.")
    vendor_id: int = strawberry.field(description="The vendor whose product it uses.")


@strawberry.input(description="Changes to an organization; omitted fields keep their value.")
class UpdateOrganizationInput(OrganizationFields):
    organization_id: int = strawberry.field(description="The organization to change.")
    organization_name: str | None = _u("The organization's name.")
    type_code: int | None = _u("A code from organizationTypes.")
    vendor_id: int | None = _u("The vendor whose product it uses.")


@strawberry.input(description="Organizations to create, all or none.")
class CreateOrganizationsInput:
    organizations: list[CreateOrganizationInput] = strawberry.field(description="One or more.")


@strawberry.type(description="The result of createOrganizations.")
class CreateOrganizationsPayload:
    organizations: list[Organization] = strawberry.field(
        description="As created (empty when there are userErrors)."
    )
    user_errors: list[UserError] = strawberry.field(description="Why nothing was created.")


@strawberry.input(description="Organizations to change, all or none.")
class UpdateOrganizationsInput:
    organizations: list[UpdateOrganizationInput] = strawberry.field(description="One or more.")


@strawberry.type(description="The result of updateOrganizations.")
class UpdateOrganizationsPayload:
    organizations: list[Organization] = strawberry.field(
        description="As changed (empty when there are userErrors)."
    )
    user_errors: list[UserError] = strawberry.field(description="Why nothing was changed.")


@strawberry.input(description="Organizations to activate.")
class ActivateOrganizationsInput:
    organization_ids: list[int] = strawberry.field(description="One or more organization ids.")


@strawberry.input(description="Organizations to deactivate, with their memberships.")
class DeactivateOrganizationsInput:
    organization_ids: list[int] = strawberry.field(description="One or more organization ids.")


_STATUS_ONLY = frozenset({"id", "organizationId", "status", "__typename"})


@strawberry.type
class _StatusPayload:
    changed: strawberry.Private[list[Record]]
    user_errors: list[UserError] = strawberry.field(description="Why nothing was changed.")

    @strawberry.field(
        description="The organizations as they are now (empty when there are userErrors).",
        metadata=cost(0, PAGE, item_calls=1, item_calls_unless=STATUS_ONLY),
    )
    async def organizations(self, info: Info[Context, None]) -> list[Organization] | None:
        # MedAllies answers with ids and statuses; anything more is read by key.
        if names(info.selected_fields) <= _STATUS_ONLY:
            return [Organization.from_record(r) for r in self.changed]
        found = await resolve.load_many(
            info.context, "organization", [int(r["id"]) for r in self.changed]
        )
        return [Organization.from_record(r) for r in found if r is not None]


@strawberry.type(description="The result of activateOrganizations.")
class ActivateOrganizationsPayload(_StatusPayload):
    pass


@strawberry.type(description="The result of deactivateOrganizations.")
class DeactivateOrganizationsPayload(_StatusPayload):
    pass


# --- memberships ---------------------------------------------------------------------------


@strawberry.input(description="The account of a new membership (created, or matched to one).")
class CreateAccountInput:
    account_type: AccountType = strawberry.field(description="Which kind of account.")
    department_name: str | None = _u("Required for a department, e.g. Radiology.")
    npi: str | None = _u("Required for a provider: National Provider Identifier, 10 digits.")
    first_name: str | None = _u("Required for a non-provider.")
    last_name: str | None = _u("Required for a non-provider.")
    middle_initial: str | None = _u("One letter.")
    suffix: str | None = _u("Name suffix, e.g. Jr.")
    gender: Gender | None = _u("Required for a non-provider.")
    credentials: str | None = _u("A name from accountCredentials, e.g. MD.")
    specialty: str | None = _u("A NUCC specialty name from accountSpecialties.")
    phone_number: str | None = _u("(555) 555-5555.")
    fax_number: str | None = _u("(555) 555-5555.")


@strawberry.input(description="A membership to create.")
class CreateOrganizationMembershipInput:
    organization_id: int = strawberry.field(description="The organization (it must exist).")
    account: CreateAccountInput = strawberry.field(description="The member account.")
    direct_address_local_part: str | None = _u(
        "The Direct address before the @: letters, digits, '-' and '_'."
    )
    business_email: str | None = _u("The member's ordinary business email address.")
    publishable: bool | None = _u("List the Direct address in the Direct directory.")


@strawberry.type(description="The result of createOrganizationMembership.")
class CreateOrganizationMembershipPayload:
    membership: OrganizationMembership | None = strawberry.field(
        description="The membership (null when there are userErrors)."
    )
    processing_status: MembershipProcessingStatus | None = strawberry.field(
        description="What MedAllies did: added, used an existing account, found the membership "
        "already there, or used an alternate Direct address."
    )
    user_errors: list[UserError] = strawberry.field(description="Why nothing was created.")


@strawberry.input(description="Changes to a membership's account; omitted fields keep their value.")
class UpdateAccountInput:
    department_name: str | None = _u("Department name (departments only).")
    first_name: str | None = _u("Given name.")
    last_name: str | None = _u("Family name.")
    middle_initial: str | None = _u("One letter.")
    suffix: str | None = _u("Name suffix, e.g. Jr.")
    credentials: str | None = _u("A name from accountCredentials, e.g. MD.")
    specialty: str | None = _u("A NUCC specialty name from accountSpecialties.")
    phone_number: str | None = _u("(555) 555-5555.")
    fax_number: str | None = _u("(555) 555-5555.")


@strawberry.input(description="Changes to one membership; omitted fields keep their value.")
class UpdateMembershipInput:
    account_id: int = strawberry.field(description="The member account.")
    direct_address_local_part: str | None = _u(
        "The Direct address before the @: letters, digits, '-' and '_'."
    )
    business_email: str | None = _u("The member's ordinary business email address.")
    publishable: bool | None = _u("List the Direct address in the Direct directory.")
    account: UpdateAccountInput | None = _u("Changes to the account itself.")


@strawberry.input(description="Memberships of one organization to change, all or none.")
class UpdateOrganizationMembershipsInput:
    organization_id: int = strawberry.field(description="The organization.")
    memberships: list[UpdateMembershipInput] = strawberry.field(description="One or more.")


@strawberry.type(description="The result of updateOrganizationMemberships.")
class UpdateOrganizationMembershipsPayload:
    memberships: list[OrganizationMembership] = strawberry.field(
        description="As changed (empty when there are userErrors)."
    )
    user_errors: list[UserError] = strawberry.field(description="Why nothing was changed.")


@strawberry.input(description="The membership to activate again.")
class ActivateAccountMembershipInput:
    organization_id: int = strawberry.field(description="The organization.")
    account_id: int = strawberry.field(description="The member account.")


@strawberry.type(description="The result of activateAccountMembership.")
class ActivateAccountMembershipPayload:
    keys: strawberry.Private[list[tuple[int, int]]]
    user_errors: list[UserError] = strawberry.field(description="Why nothing was changed.")

    @strawberry.field(
        description="The membership as it is now (null when there are userErrors).",
        metadata=cost(1),
    )
    async def membership(self, info: Info[Context, None]) -> OrganizationMembership | None:
        return (await load_memberships(info, self.keys))[0] if self.keys else None


@strawberry.input(description="One membership to deactivate, and why.")
class DeactivateMembershipInput:
    account_id: int = strawberry.field(description="The member account.")
    reason: DeactivationReason = strawberry.field(
        description="Why (see accountDeactivationReasons)."
    )


@strawberry.input(description="Memberships of one organization to deactivate, all or none.")
class DeactivateAccountMembershipsInput:
    organization_id: int = strawberry.field(description="The organization.")
    memberships: list[DeactivateMembershipInput] = strawberry.field(description="One or more.")


@strawberry.type(description="The result of deactivateAccountMemberships.")
class DeactivateAccountMembershipsPayload:
    keys: strawberry.Private[list[tuple[int, int]]]
    user_errors: list[UserError] = strawberry.field(description="Why nothing was changed.")

    @strawberry.field(
        description="The memberships as they are now, deactivated (empty when there are "
        "userErrors).",
        metadata=cost(0, PAGE, item_calls=1),
    )
    async def memberships(self, info: Info[Context, None]) -> list[OrganizationMembership] | None:
        return [m for m in await load_memberships(info, self.keys) if m is not None]


def membership_values(m: UpdateMembershipInput) -> dict[str, Any]:
    """One membership's changes as the resolver takes them (the account's nested)."""
    values = given(m, "account")
    if m.account is not None and m.account is not strawberry.UNSET:
        values["account"] = given(m.account)
    return values


def _memberships(
    organization_id: int, records: Sequence[Record] | None
) -> list[OrganizationMembership]:
    return [
        OrganizationMembership.from_record({"organization_id": organization_id, **r})
        for r in records or ()
    ]


@strawberry.type
class OnboardingMutations:
    @strawberry.mutation(
        description="Create one or more organizations (all or none).", metadata=cost(3)
    )
    async def create_organizations(
        self,
        info: Info[Context, None],
        input: Annotated[
            CreateOrganizationsInput, strawberry.argument(description="The organizations.")
        ],
    ) -> CreateOrganizationsPayload | None:
        outcome = await resolve.create_organizations(
            info.context, [given(o) for o in input.organizations]
        )
        return CreateOrganizationsPayload(
            organizations=[Organization.from_record(r) for r in outcome.value or ()],
            user_errors=user_errors(outcome.user_errors),
        )

    @strawberry.mutation(
        description="Change one or more organizations (all or none).", metadata=cost(3)
    )
    async def update_organizations(
        self,
        info: Info[Context, None],
        input: Annotated[UpdateOrganizationsInput, strawberry.argument(description="The changes.")],
    ) -> UpdateOrganizationsPayload | None:
        outcome = await resolve.modify_organizations(
            info.context, [given(o) for o in input.organizations]
        )
        return UpdateOrganizationsPayload(
            organizations=[Organization.from_record(r) for r in outcome.value or ()],
            user_errors=user_errors(outcome.user_errors),
        )

    @strawberry.mutation(
        description="Activate organizations (their memberships stay as they are).", metadata=cost(1)
    )
    async def activate_organizations(
        self,
        info: Info[Context, None],
        input: Annotated[
            ActivateOrganizationsInput, strawberry.argument(description="The organizations.")
        ],
    ) -> ActivateOrganizationsPayload | None:
        outcome = await resolve.set_organizations_active(
            info.context, input.organization_ids, active=True
        )
        return ActivateOrganizationsPayload(
            changed=[r for r in outcome.value or () if "id" in r],
            user_errors=user_errors(outcome.user_errors),
        )

    @strawberry.mutation(
        description="Deactivate organizations; their account memberships are deactivated too.",
        metadata=cost(1),
    )
    async def deactivate_organizations(
        self,
        info: Info[Context, None],
        input: Annotated[
            DeactivateOrganizationsInput, strawberry.argument(description="The organizations.")
        ],
    ) -> DeactivateOrganizationsPayload | None:
        outcome = await resolve.set_organizations_active(
            info.context, input.organization_ids, active=False
        )
        return DeactivateOrganizationsPayload(
            changed=[r for r in outcome.value or () if "id" in r],
            user_errors=user_errors(outcome.user_errors),
        )

    @strawberry.mutation(
        description="Add an account (new or matched) to an organization.", metadata=cost(1)
    )
    async def create_organization_membership(
        self,
        info: Info[Context, None],
        input: Annotated[
            CreateOrganizationMembershipInput, strawberry.argument(description="The membership.")
        ],
    ) -> CreateOrganizationMembershipPayload | None:
        outcome = await resolve.add_membership(
            info.context,
            input.organization_id,
            given(input.account),
            given(input, "organization_id", "account"),
        )
        result = outcome.value or {}
        item = result.get("item")
        code = parse_int(result.get("status_code"))
        return CreateOrganizationMembershipPayload(
            membership=OrganizationMembership.from_record(
                {"organization_id": input.organization_id, **item}
            )
            if isinstance(item, dict)
            else None,
            processing_status=_PROCESSING.get(code) if code is not None else None,
            user_errors=user_errors(outcome.user_errors),
        )

    @strawberry.mutation(
        description="Change memberships of one organization (all or none).", metadata=cost(1)
    )
    async def update_organization_memberships(
        self,
        info: Info[Context, None],
        input: Annotated[
            UpdateOrganizationMembershipsInput, strawberry.argument(description="The changes.")
        ],
    ) -> UpdateOrganizationMembershipsPayload | None:
        items = [membership_values(m) for m in input.memberships]
        outcome = await resolve.modify_memberships(info.context, input.organization_id, items)
        return UpdateOrganizationMembershipsPayload(
            memberships=_memberships(input.organization_id, outcome.value),
            user_errors=user_errors(outcome.user_errors),
        )

    @strawberry.mutation(
        description="Activate an account's membership in an organization.", metadata=cost(1)
    )
    async def activate_account_membership(
        self,
        info: Info[Context, None],
        input: Annotated[
            ActivateAccountMembershipInput, strawberry.argument(description="The membership.")
        ],
    ) -> ActivateAccountMembershipPayload | None:
        outcome = await resolve.activate_membership(
            info.context, input.organization_id, input.account_id
        )
        return ActivateAccountMembershipPayload(
            keys=[(input.organization_id, input.account_id)] if outcome.value else [],
            user_errors=user_errors(outcome.user_errors),
        )

    @strawberry.mutation(
        description="Deactivate account memberships of one organization.", metadata=cost(1)
    )
    async def deactivate_account_memberships(
        self,
        info: Info[Context, None],
        input: Annotated[
            DeactivateAccountMembershipsInput,
            strawberry.argument(description="The memberships and reasons."),
        ],
    ) -> DeactivateAccountMembershipsPayload | None:
        items = [(m.account_id, int(m.reason.value)) for m in input.memberships]
        outcome = await resolve.deactivate_memberships(info.context, input.organization_id, items)
        return DeactivateAccountMembershipsPayload(
            keys=[(input.organization_id, a) for a, _ in items]
            if outcome.value is not None
            else [],
            user_errors=user_errors(outcome.user_errors),
        )
