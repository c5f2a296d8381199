"""Reference data MedAllies publishes (organization types, US states, credentials,
specialties, deactivation reasons) and the MedAllies plumbing under ``medallies``."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from resolvers import onboarding as resolve
from resolvers.core.context import Context
from resolvers.core.values import parse_int
from schema.core.cost import cost

Record = dict[str, Any]


@strawberry.enum(description="Whether an organization or a membership is in use.")
class ActivationStatus(Enum):
    ENABLED = strawberry.enum_value(1, description="In use: it can send and receive Direct mail.")
    DISABLED = strawberry.enum_value(
        2, description="Deactivated: kept on record, but no Direct mail goes through it."
    )


def status_of(value: Any) -> ActivationStatus | None:
    """The status of a MedAllies ``{code, description}`` pair; null for an unknown code."""
    code = value.get("code") if isinstance(value, dict) else None
    return {1: ActivationStatus.ENABLED, 2: ActivationStatus.DISABLED}.get(code)  # type: ignore[arg-type]


@strawberry.enum(description="Why an account membership is deactivated (MedAllies reason codes).")
class DeactivationReason(Enum):
    ORGANIZATION_BEING_RENAMED = strawberry.enum_value(
        1, description="The organization is being renamed (code 1)."
    )
    ORGANIZATION_BEING_DEACTIVATED = strawberry.enum_value(
        2, description="The organization is being deactivated (code 2)."
    )
    PROVIDER_CHANGING_ORGANIZATIONS = strawberry.enum_value(
        3, description="The provider moves to another organization (code 3)."
    )
    PROVIDER_LEAVING_ORGANIZATION = strawberry.enum_value(
        4, description="The provider leaves the organization (code 4)."
    )
    LOST_OR_STOLEN_PRIVATE_KEY = strawberry.enum_value(
        5, description="The account's private key was lost or stolen (code 5)."
    )


_REASONS: dict[int, DeactivationReason] = {int(r.value): r for r in DeactivationReason}


@strawberry.type(description="An organization type MedAllies accepts, e.g. 1 Hospital.")
class OrganizationType:
    code: int = strawberry.field(description="The typeCode to send when creating one, e.g. 1.")
    description: str = strawberry.field(description="What the code means, e.g. Hospital.")

    @classmethod
    def from_record(cls, r: Record) -> OrganizationType:
        return cls(code=int(r["code"]), description=str(r["description"]))


@strawberry.type(description="A US state or territory MedAllies accepts in addresses.")
class UsState:
    abbreviation: str = strawberry.field(description="Two-letter USPS code, e.g. NY.")
    name: str = strawberry.field(description="Full name, e.g. New York.")

    @classmethod
    def from_record(cls, r: Record) -> UsState:
        return cls(abbreviation=str(r["abbreviation"]), name=str(r["name"]))


@strawberry.type(
    description="A reason for deactivating an account membership, as MedAllies lists it."
)
class DeactivationReasonItem:
    code: int = strawberry.field(description="The MedAllies reason code, 1 to 5.")
    reason: str = strawberry.field(description="The reason in MedAllies' words, for people.")
    value: DeactivationReason | None = strawberry.field(
        description="The same reason as the graph's enum (null for a code it does not know)."
    )

    @classmethod
    def from_record(cls, r: Record) -> DeactivationReasonItem:
        code = int(r["code"])
        return cls(code=code, reason=str(r["reason"]), value=_REASONS.get(code))


@strawberry.type(description="A credential an account may hold, e.g. MD or RN.")
class Credential:
    code: int = strawberry.field(description="The MedAllies credential code.")
    name: str = strawberry.field(description="The credential to send in an account's credentials.")

    @classmethod
    def from_record(cls, r: Record) -> Credential:
        return cls(code=int(r["code"]), name=str(r["name"]))


@strawberry.type(description="A NUCC healthcare provider taxonomy specialty.")
class Specialty:
    code: str = strawberry.field(description="NUCC taxonomy code, e.g. 171100000X.")
    name: str = strawberry.field(description="The specialty to send in an account's specialty.")

    @classmethod
    def from_record(cls, r: Record) -> Specialty:
        return cls(code=str(r["code"]), name=str(r["name"]))


@strawberry.type(description="One field of a MedAllies datatype, as its metadata describes it.")
class FieldMetadata:
    field_name: str = strawberry.field(description="MedAllies' field name, e.g. practiceState.")
    field_type: str | None = strawberry.field(
        description="String, Number, Date, or the name of a sub-datatype."
    )
    description: str | None = strawberry.field(
        description="What the field holds, in MedAllies' words."
    )
    default_value: str | None = strawberry.field(
        description="The value MedAllies fills in when none is sent (null: none)."
    )
    id_field: bool | None = strawberry.field(description="Whether it is the datatype's id.")
    filterable: bool | None = strawberry.field(description="Whether filterOn may use it.")
    sortable: bool | None = strawberry.field(description="Whether sortOn may use it.")
    add_data_attribute: int | None = strawberry.field(
        description="On add: 0 read only, 1 optional, 2 required, 3 required and read only."
    )
    modify_data_attribute: int | None = strawberry.field(
        description="On modify: 0 read only, 1 optional, 2 required, 3 required and read only."
    )
    value_options: strawberry.scalars.JSON | None = strawberry.field(
        description="Accepted values, where the field limits them (null: any)."
    )
    fields: list[FieldMetadata] = strawberry.field(
        description="The fields of a sub-datatype (empty for plain fields)."
    )

    @classmethod
    def from_record(cls, r: Record) -> FieldMetadata:
        nested: list[Record] = []
        sub = r.get("field_type_metadata")
        if isinstance(sub, dict):
            for value in sub.values():
                if isinstance(value, list):
                    nested.extend(v for v in value if isinstance(v, dict))
        elif isinstance(sub, list):
            nested = [v for v in sub if isinstance(v, dict)]
        default = r.get("default_value")
        return cls(
            field_name=str(r.get("field_name", "")),
            field_type=r.get("field_type"),
            description=r.get("description"),
            default_value=None if default is None else str(default),
            id_field=r.get("id_field"),
            filterable=r.get("filterable"),
            sortable=r.get("sortable"),
            add_data_attribute=parse_int(r.get("add_data_attribute")),
            modify_data_attribute=parse_int(r.get("modify_data_attribute")),
            value_options=r.get("value_options"),
            fields=[cls.from_record(n) for n in nested],
        )


@strawberry.type(description="What MedAllies says about one of its datatypes.")
class DataTypeMetadata:
    data_type: str = strawberry.field(description="The datatype, e.g. Organization.")
    fields: list[FieldMetadata] = strawberry.field(description="Its fields, in MedAllies' order.")

    @classmethod
    def from_record(cls, r: Record, data_type: str) -> DataTypeMetadata:
        return cls(
            data_type=str(r.get("data_type", data_type)),
            fields=[FieldMetadata.from_record(f) for f in r.get("metadata") or ()],
        )


@strawberry.type(description="An error code MedAllies may answer with.")
class MedAlliesErrorCode:
    code: int = strawberry.field(description="The number, e.g. 101.")
    code_string: str = strawberry.field(description="Its name, e.g. REST_INVALID_PARAM.")

    @classmethod
    def from_record(cls, r: Record) -> MedAlliesErrorCode:
        return cls(code=int(r["code"]), code_string=str(r["code_string"]))


@strawberry.type(
    description="MedAllies plumbing for integrators who work with its REST API directly: "
    "its datatypes, their field metadata and its error codes (all cached). Graph clients "
    "do not need it."
)
class MedAlliesInfo:
    @strawberry.field(
        description="The MedAllies datatypes dataTypeMetadata can describe.", metadata=cost(1)
    )
    async def data_types(self, info: Info[Context, None]) -> list[str] | None:
        return await resolve.data_types(info.context)

    @strawberry.field(description="The error codes MedAllies may answer with.", metadata=cost(1))
    async def error_codes(self, info: Info[Context, None]) -> list[MedAlliesErrorCode] | None:
        return [MedAlliesErrorCode.from_record(i) for i in await resolve.error_codes(info.context)]

    @strawberry.field(
        description="A MedAllies datatype's field metadata; null if unknown.", metadata=cost(1)
    )
    async def data_type_metadata(
        self,
        info: Info[Context, None],
        data_type: Annotated[
            str,
            strawberry.argument(
                description="Vendor, Organization, OrganizationMembership, AccountMembership, "
                "Department, Provider or NonProvider (see dataTypes)."
            ),
        ],
    ) -> DataTypeMetadata | None:
        record = await resolve.metadata(info.context, data_type)
        return None if record is None else DataTypeMetadata.from_record(record, data_type)
