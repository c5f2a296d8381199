"""MISP mutations: ``verbNoun(input: VerbNounInput!): VerbNounPayload`` (nullable, so a write
that fails cannot null the answer of a sibling write that was applied).

MOSIP's caller-side refusals are userErrors whose code is the PMS code (PMS_MSP_003…010,
PMS_COR_001/002) and whose message is MOSIP's; the gateway's own checks (ids, blank text,
email, contact number and key formats) answer before any call with the graph's codes. An
outcome the gateway cannot know is a GraphQL error with ``extensions.writeOutcome: UNKNOWN``:
a write is never retried. Every payload's ``misp`` is read back from MOSIP when selected.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any, Literal

import strawberry
from strawberry.types import Info

from resolvers import misps as resolve
from resolvers.core.context import Context
from schema.core.cost import cost
from schema.core.errors import UserError, user_errors
from schema.misps.misps import IssuedMispLicenseKey, Misp, MispApproval, MispLicenseKeyStatus
from schema.misps.misps import MispStatus as MispStatusEnum

__all__ = ["MispMutations"]


@strawberry.enum(description="The admin's decision on a MISP's registration.")
class MispDecision(Enum):
    APPROVED = strawberry.enum_value(
        "APPROVED", description="Approve: MOSIP issues the MISP a license key."
    )
    REJECTED = strawberry.enum_value("REJECTED", description="Reject (the MISP is de-activated).")


@strawberry.enum(description="Switch a MISP or a license key on or off.")
class MispActivation(Enum):
    ACTIVE = strawberry.enum_value("ACTIVE", description="Activate (MOSIP's Active).")
    DEACTIVATED = strawberry.enum_value(
        "DEACTIVATED", description="De-activate (MOSIP's De-Active)."
    )


_DECISIONS: dict[MispDecision, Literal["APPROVED", "REJECTED"]] = {
    MispDecision.APPROVED: "APPROVED",
    MispDecision.REJECTED: "REJECTED",
}
_ACTIVATIONS: dict[MispActivation, Literal["ACTIVE", "DEACTIVATED"]] = {
    MispActivation.ACTIVE: "ACTIVE",
    MispActivation.DEACTIVATED: "DEACTIVATED",
}


async def _read_back(info: Info[Context, None], misp_id: str | None) -> Misp | None:
    if misp_id is None:
        return None
    found = await resolve.misp(info.context, misp_id)
    return None if found is None else Misp.from_record(found)


_MISP_FIELD: Any = dict(
    description="The MISP as MOSIP answers after the change (read back when selected); null "
    "on error.",
    metadata=cost(1),
)


@strawberry.input(description="A new MISP to register; it starts active, awaiting approval.")
class CreateMispInput:
    organization_name: str = strawberry.field(
        description="The organization's name, unique ignoring case: letters, digits, spaces "
        "and . _ & ' ( ) -, starting with a letter or digit."
    )
    email: str = strawberry.field(description="The contact email, e.g. prm@telecom.com.")
    address: str = strawberry.field(description="The organization's address.")
    contact_number: str | None = strawberry.field(
        description="The contact phone number: 7 to 15 digits, optionally after a leading +.",
        default=None,
    )


@strawberry.type(description="The result of createMisp.")
class CreateMispPayload:
    misp_id: str | None = strawberry.field(description="The id MOSIP gave the MISP; null on error.")
    user_errors: list[UserError] = strawberry.field(description="Why no MISP was registered.")

    @strawberry.field(**_MISP_FIELD)
    async def misp(self, info: Info[Context, None]) -> Misp | None:
        return await _read_back(info, self.misp_id)


@strawberry.input(description="Changes to a MISP's details; what is left out stays.")
class UpdateMispInput:
    misp_id: str = strawberry.field(description="The MISP, e.g. 64269837502851.")
    organization_name: str | None = strawberry.field(
        description="The new name, unique ignoring case.", default=None
    )
    email: str | None = strawberry.field(description="The new contact email.", default=None)
    address: str | None = strawberry.field(description="The new address.", default=None)
    contact_number: str | None = strawberry.field(
        description="The new contact number (7 to 15 digits, optionally after +).", default=None
    )


@strawberry.type(description="The result of updateMisp.")
class UpdateMispPayload:
    misp_id: str | None = strawberry.field(description="The MISP changed; null on error.")
    user_errors: list[UserError] = strawberry.field(description="Why nothing was changed.")

    @strawberry.field(**_MISP_FIELD)
    async def misp(self, info: Info[Context, None]) -> Misp | None:
        return await _read_back(info, self.misp_id)


@strawberry.input(description="The admin's decision on a MISP awaiting approval.")
class DecideMispInput:
    misp_id: str = strawberry.field(description="The MISP, e.g. 98869837502654.")
    decision: MispDecision = strawberry.field(description="Approve or reject; final.")


@strawberry.type(description="The result of decideMisp.")
class DecideMispPayload:
    misp_id: str | None = strawberry.field(description="The MISP decided on; null on error.")
    approval: MispApproval | None = strawberry.field(description="The decision now recorded.")
    status: MispStatusEnum | None = strawberry.field(description="The MISP's status after it.")
    message: str | None = strawberry.field(description="MOSIP's confirmation.")
    license_key: IssuedMispLicenseKey | None = strawberry.field(
        description="On approval, the key MOSIP issued, in full: answered only here (and by "
        "downloadMispLicenseKey). Null on rejection or error."
    )
    user_errors: list[UserError] = strawberry.field(description="Why nothing was decided.")

    @strawberry.field(**_MISP_FIELD)
    async def misp(self, info: Info[Context, None]) -> Misp | None:
        return await _read_back(info, self.misp_id)


@strawberry.input(description="Activate or de-activate a MISP.")
class SetMispStatusInput:
    misp_id: str = strawberry.field(description="The MISP.")
    status: MispActivation = strawberry.field(description="The status to set.")


@strawberry.type(description="The result of setMispStatus.")
class SetMispStatusPayload:
    misp_id: str | None = strawberry.field(description="The MISP changed; null on error.")
    status: MispStatusEnum | None = strawberry.field(description="Its status now; null on error.")
    message: str | None = strawberry.field(description="MOSIP's confirmation.")
    user_errors: list[UserError] = strawberry.field(description="Why nothing was changed.")

    @strawberry.field(**_MISP_FIELD)
    async def misp(self, info: Info[Context, None]) -> Misp | None:
        return await _read_back(info, self.misp_id)


@strawberry.input(description="A license key to check against a MISP.")
class ValidateMispLicenseKeyInput:
    misp_id: str = strawberry.field(description="The MISP the key should belong to.")
    license_key: str = strawberry.field(
        description="The whole key, e.g. fa604-affcd-33201-04770 (never echoed back)."
    )


@strawberry.type(description="The result of validateMispLicenseKey.")
class ValidateMispLicenseKeyPayload:
    valid: bool = strawberry.field(
        description="True when MOSIP says the key is the MISP's and active (not expired); "
        "false otherwise, with the reason in userErrors (PMS_MSP_006/007/008)."
    )
    message: str | None = strawberry.field(description="MOSIP's answer when valid.")
    user_errors: list[UserError] = strawberry.field(description="Why the key is not valid.")


@strawberry.input(description="Switch one of a MISP's license keys on or off.")
class SetMispLicenseKeyStatusInput:
    misp_id: str = strawberry.field(description="The MISP the key belongs to.")
    license_key: str = strawberry.field(description="The whole key (never echoed back).")
    status: MispActivation = strawberry.field(description="The status to set.")


@strawberry.type(description="The result of setMispLicenseKeyStatus.")
class SetMispLicenseKeyStatusPayload:
    misp_id: str | None = strawberry.field(description="The MISP; null on error.")
    masked_key: str | None = strawberry.field(
        description="The key changed, masked (e.g. …4770); null on error."
    )
    status: MispLicenseKeyStatus | None = strawberry.field(
        description="The key's status now, as MOSIP answers; null on error."
    )
    user_errors: list[UserError] = strawberry.field(description="Why nothing was changed.")


@strawberry.input(description="Which MISP's current license key to download.")
class DownloadMispLicenseKeyInput:
    misp_id: str = strawberry.field(description="The MISP, e.g. 64269837502851.")


@strawberry.type(description="The result of downloadMispLicenseKey.")
class DownloadMispLicenseKeyPayload:
    misp_id: str | None = strawberry.field(description="The MISP; null on error.")
    license_key: IssuedMispLicenseKey | None = strawberry.field(
        description="The MISP's current key in full (a fresh one when the last had expired); "
        "null on error."
    )
    user_errors: list[UserError] = strawberry.field(
        description="Why there is no key (PMS_MSP_006: an unknown MISP, or one not approved)."
    )


@strawberry.type
class MispMutations:
    @strawberry.mutation(
        description="Register a MISP with MOSIP; it starts active, awaiting decideMisp.",
        metadata=cost(1),
    )
    async def create_misp(
        self,
        info: Info[Context, None],
        input: Annotated[CreateMispInput, strawberry.argument(description="The new MISP.")],
    ) -> CreateMispPayload | None:
        outcome = await resolve.create_misp(
            info.context,
            organization_name=input.organization_name,
            email=input.email,
            address=input.address,
            contact_number=input.contact_number,
        )
        return CreateMispPayload(
            misp_id=outcome.value["id"] if outcome.value else None,
            user_errors=user_errors(outcome.user_errors),
        )

    @strawberry.mutation(
        description="Change a MISP's details (name, email, address, contact number).",
        metadata=cost(1),
    )
    async def update_misp(
        self,
        info: Info[Context, None],
        input: Annotated[
            UpdateMispInput, strawberry.argument(description="The MISP and its changes.")
        ],
    ) -> UpdateMispPayload | None:
        outcome = await resolve.update_misp(
            info.context,
            misp_id=input.misp_id,
            organization_name=input.organization_name,
            email=input.email,
            address=input.address,
            contact_number=input.contact_number,
        )
        return UpdateMispPayload(
            misp_id=outcome.value["id"] if outcome.value else None,
            user_errors=user_errors(outcome.user_errors),
        )

    @strawberry.mutation(
        description="Approve or reject a MISP awaiting a decision. Approval issues a license "
        "key, answered in full in the payload.",
        metadata=cost(1),
    )
    async def decide_misp(
        self,
        info: Info[Context, None],
        input: Annotated[
            DecideMispInput, strawberry.argument(description="The MISP and the decision.")
        ],
    ) -> DecideMispPayload | None:
        outcome = await resolve.decide_misp(
            info.context, misp_id=input.misp_id, decision=_DECISIONS[input.decision]
        )
        r = outcome.value
        key = r["license_key"] if r else None
        return DecideMispPayload(
            misp_id=(r["id"] or input.misp_id) if r else None,
            approval=MispApproval(r["approval"]) if r and r["approval"] else None,
            status=MispStatusEnum(r["status"]) if r and r["status"] else None,
            message=r["message"] if r else None,
            license_key=IssuedMispLicenseKey.from_record(key) if key else None,
            user_errors=user_errors(outcome.user_errors),
        )

    @strawberry.mutation(description="Activate or de-activate a MISP.", metadata=cost(1))
    async def set_misp_status(
        self,
        info: Info[Context, None],
        input: Annotated[SetMispStatusInput, strawberry.argument(description="Which, and how.")],
    ) -> SetMispStatusPayload | None:
        outcome = await resolve.set_misp_status(
            info.context, misp_id=input.misp_id, status=_ACTIVATIONS[input.status]
        )
        done = outcome.value is not None
        return SetMispStatusPayload(
            misp_id=input.misp_id if done else None,
            status=(
                MispStatusEnum.ACTIVE
                if input.status is MispActivation.ACTIVE
                else MispStatusEnum.INACTIVE
            )
            if done
            else None,
            message=outcome.value,
            user_errors=user_errors(outcome.user_errors),
        )

    @strawberry.mutation(
        description="Check that a license key is the MISP's and active. Changes nothing; sent "
        "once all the same.",
        metadata=cost(1),
    )
    async def validate_misp_license_key(
        self,
        info: Info[Context, None],
        input: Annotated[
            ValidateMispLicenseKeyInput, strawberry.argument(description="The MISP and the key.")
        ],
    ) -> ValidateMispLicenseKeyPayload | None:
        outcome = await resolve.validate_license_key(
            info.context, misp_id=input.misp_id, license_key=input.license_key
        )
        return ValidateMispLicenseKeyPayload(
            valid=outcome.value is not None,
            message=outcome.value,
            user_errors=user_errors(outcome.user_errors),
        )

    @strawberry.mutation(
        description="Switch one of a MISP's license keys on or off.", metadata=cost(1)
    )
    async def set_misp_license_key_status(
        self,
        info: Info[Context, None],
        input: Annotated[
            SetMispLicenseKeyStatusInput,
            strawberry.argument(description="The MISP, the key and the status."),
        ],
    ) -> SetMispLicenseKeyStatusPayload | None:
        outcome = await resolve.set_license_key_status(
            info.context,
            misp_id=input.misp_id,
            license_key=input.license_key,
            status=_ACTIVATIONS[input.status],
        )
        done = outcome.value is not None
        return SetMispLicenseKeyStatusPayload(
            misp_id=input.misp_id if done else None,
            masked_key=resolve.mask(input.license_key) if done else None,
            status=MispLicenseKeyStatus(outcome.value) if outcome.value else None,
            user_errors=user_errors(outcome.user_errors),
        )

    @strawberry.mutation(
        description="The MISP's current license key in full. When it has expired MOSIP issues "
        "a fresh one and de-activates the old one, which is why this is a mutation: queries "
        "never renew a key.",
        metadata=cost(1),
    )
    async def download_misp_license_key(
        self,
        info: Info[Context, None],
        input: Annotated[
            DownloadMispLicenseKeyInput, strawberry.argument(description="Which MISP.")
        ],
    ) -> DownloadMispLicenseKeyPayload | None:
        outcome = await resolve.download_license_key(info.context, misp_id=input.misp_id)
        key = outcome.value
        return DownloadMispLicenseKeyPayload(
            misp_id=input.misp_id if key else None,
            license_key=IssuedMispLicenseKey.from_record(key) if key else None,
            user_errors=user_errors(outcome.user_errors),
        )
