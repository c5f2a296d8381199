"""The datatypes and their metadata (the `/metadata` resources)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Final

from upstreams.medallies.simulator.filters import (
    FieldType,
)
from upstreams.medallies.simulator.seed import (
    ACCOUNT_TYPES,
    CREDENTIALS,
    DISABLED,
    ENABLED,
    ENDPOINT_TYPES,
    ORGANIZATION_TYPES,
    US_STATES,
    Json,
)
from upstreams.medallies.simulator.vocabulary import _GENDERS, JsonObject

# --- datatypes and their metadata ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Field:
    name: str
    type: str
    description: str
    add: int = 1
    modify: int = 1
    id_field: bool = False
    filterable: bool = True
    sortable: bool = True
    default: str = ""
    options: tuple[tuple[Json, str], ...] = ()
    children: tuple[_Field, ...] = ()
    # The resource a collapsed copy points at ("vendors" → …/vendors/{id}).
    collapse_to: str | None = None


def _metadata_field(spec: _Field) -> JsonObject:
    return {
        "fieldName": spec.name,
        "idField": spec.id_field,
        "description": spec.description,
        "defaultValue": spec.default,
        "valueOptions": [{"value": v, "description": d} for v, d in spec.options] or None,
        "fieldType": spec.type,
        "fieldTypeMetadata": (
            {spec.type: [_metadata_field(c) for c in spec.children]} if spec.children else None
        ),
        "filterable": spec.filterable,
        "sortable": spec.sortable,
        "addDataAttribute": spec.add,
        "modifyDataAttribute": spec.modify,
    }


class _Datatype:
    """A datatype's fields, and what they allow: filters, orders, `_fields`, `_collapse`."""

    def __init__(self, name: str, fields: tuple[_Field, ...]) -> None:
        self.name = name
        self.fields = fields
        self.filter_types = self._leaves(fields, "", lambda f: f.filterable)
        self.sort_types = self._leaves(fields, "", lambda f: f.sortable)
        self.paths = self._paths(fields, "")
        self.collapsible = {
            path: spec for path, spec in self._all(fields, "") if spec.collapse_to is not None
        }
        self.top_collapsible = tuple(f.name for f in fields if f.collapse_to is not None)

    @classmethod
    def _all(cls, fields: Iterable[_Field], prefix: str) -> Iterable[tuple[str, _Field]]:
        for spec in fields:
            yield prefix + spec.name, spec
            yield from cls._all(spec.children, f"{prefix}{spec.name}.")

    @classmethod
    def _leaves(
        cls, fields: Iterable[_Field], prefix: str, keep: Callable[[_Field], bool]
    ) -> dict[str, FieldType]:
        return {
            path: FieldType(spec.type)
            for path, spec in cls._all(fields, prefix)
            if not spec.children and keep(spec)
        }

    @classmethod
    def _paths(cls, fields: Iterable[_Field], prefix: str) -> frozenset[str]:
        return frozenset(path for path, _ in cls._all(fields, prefix))

    def metadata(self) -> JsonObject:
        return {"dataType": self.name, "metadata": [_metadata_field(f) for f in self.fields]}


def _f(name: str, type_: str, description: str, **options: object) -> _Field:
    # The presets below (_READ_ONLY, _ID, …) are plain dicts spread into many fields; mypy
    # cannot match their values to _Field's parameters one by one.
    return _Field(name, type_, description, **options)  # type: ignore[arg-type]


_READ_ONLY: Final = {"add": 0, "modify": 0}
_ID: Final = {"add": 0, "modify": 3, "id_field": True}
_NOT_QUERYABLE: Final = {"filterable": False, "sortable": False}


def _href(what: str) -> _Field:
    return _f("href", "String", f"The URI of this {what}.", **_READ_ONLY, **_NOT_QUERYABLE)


def _created(name: str = "createDateTime") -> _Field:
    return _f(name, "Date", "When the data was created (UTC).", **_READ_ONLY)


def _updated() -> _Field:
    return _f("lastUpdateDateTime", "Date", "When the data last changed (UTC).", **_READ_ONLY)


def _status_field(what: str) -> _Field:
    return _f(
        "status",
        "Status",
        f"Whether the {what} is enabled; changed by the activate/deactivate methods.",
        **_READ_ONLY,
        children=(
            _f(
                "name",
                "String",
                "Status name.",
                **_READ_ONLY,
                options=((ENABLED[0], "Enabled"), (DISABLED[0], "Disabled")),
            ),
            _f(
                "code",
                "Number",
                "Status code.",
                **_READ_ONLY,
                options=((ENABLED[1], ENABLED[0]), (DISABLED[1], DISABLED[0])),
            ),
        ),
    )


_VENDOR_FIELDS: Final = (
    _f("id", "Number", "The vendor's id.", **_ID),
    _f("name", "String", "The vendor's name.", **_READ_ONLY),
    _f("product", "String", "The vendor's product.", **_READ_ONLY),
    _f("rootDomain", "String", "The vendor's root Direct domain.", **_READ_ONLY),
    _f(
        "endpointType",
        "EndPointType",
        "How the vendor's endpoint receives Direct messages.",
        **_READ_ONLY,
        children=(
            _f("name", "String", "Endpoint type name.", **_READ_ONLY),
            _f(
                "code",
                "Number",
                "Endpoint type code.",
                **_READ_ONLY,
                options=tuple((code, name) for name, code in ENDPOINT_TYPES),
            ),
        ),
    ),
)
VENDOR: Final = _Datatype("Vendor", (*_VENDOR_FIELDS, _href("vendor")))

_ORGANIZATION_FIELDS: Final = (
    _f("id", "Number", "The organization's id.", **_ID),
    _f("organizationName", "String", "The organization's name.", add=2),
    _f(
        "typeCode",
        "Number",
        "The organization type (see organizations/types).",
        add=2,
        options=tuple((code, name) for name, code in ORGANIZATION_TYPES),
    ),
    _f("tin", "String", "Tax identification number: 9 digits."),
    _f("npi", "Number", "National Provider Identifier: 10 digits."),
    _status_field("organization"),
    _f(
        "vendor",
        "Vendor",
        'The organization\'s vendor; send {"id": n} when adding or modifying.',
        add=2,
        children=_VENDOR_FIELDS,
        collapse_to="vendors",
    ),
    _f(
        "domain",
        "Domain",
        "The organization's Direct domain.",
        **_READ_ONLY,
        children=(
            _f("id", "Number", "The domain's id.", **_READ_ONLY, id_field=True),
            _f("domainName", "String", "The domain's name.", **_READ_ONLY),
        ),
    ),
    _f("directAbbreviation", "String", "Tag of the organization's Direct domain.", modify=0),
    _f("practiceStreet1", "String", "Practice street address."),
    _f("practiceStreet2", "String", "Practice street address, second line."),
    _f("practiceCity", "String", "Practice city."),
    _f(
        "practiceState",
        "String",
        "Practice state: a two-letter code from organizations/usStates.",
        options=tuple((code, name) for name, code in US_STATES),
    ),
    _f("practiceZip", "String", "Practice ZIP code: 55555 or 55555-5555."),
    _f("telephoneNumber", "String", "Telephone: (555) 555-5555, then optional free text."),
    _f("specialization", "String", "The organization's specialization."),
    _f("endpointUri", "String", "The organization's Direct endpoint URI."),
    _created("creationDateTime"),
    _updated(),
)
ORGANIZATION: Final = _Datatype("Organization", (*_ORGANIZATION_FIELDS, _href("organization")))
# The fields an organization keeps as they are, rendered after its sub-objects.
_ORG_PLAIN: Final = tuple(
    f.name
    for f in _ORGANIZATION_FIELDS
    if f.name not in ("id", "organizationName", "typeCode", "tin", "npi") and not f.children
)

_ACCOUNT_TYPE_OPTIONS: Final = tuple((t, t) for t in ACCOUNT_TYPES)
_GENDER_OPTIONS: Final = tuple((g, g) for g in _GENDERS)


def _account_fields(kind: str) -> tuple[_Field, ...]:
    """The fields of one account type ("department", "provider", "nonProvider"), or of
    any account ("*") as a membership embeds it."""
    person_required = 2 if kind == "nonProvider" else 1
    fields: list[_Field] = [
        _f("id", "Number", "The account's id.", **_ID),
        _f(
            "accountType",
            "String",
            "The account type.",
            add=2,
            modify=0,
            options=_ACCOUNT_TYPE_OPTIONS,
        ),
    ]
    if kind in ("department", "*"):
        fields.append(_f("departmentName", "String", "The department's name.", add=2))
    if kind in ("provider", "*"):
        fields.append(
            _f("npin", "String", "The provider's NPPES identifier: 10 digits.", add=2, modify=0)
        )
    if kind != "department":
        fields += [
            _f("firstName", "String", "First name.", add=person_required),
            _f("lastName", "String", "Last name.", add=person_required),
            _f("middleInitial", "String", "Middle initial."),
            _f("suffix", "String", "Name suffix."),
            _f(
                "gender",
                "String",
                "'Male' or 'Female'.",
                add=person_required,
                options=_GENDER_OPTIONS,
            ),
            _f(
                "credentials",
                "String",
                "Credentials (see accounts/credentials).",
                options=tuple((name, name) for name, _ in CREDENTIALS),
            ),
            _f("specialty", "String", "Specialty (see accounts/specialties)."),
        ]
    fields += [
        _f("telephoneNumber", "String", "Preferably (555) 555-5555; free text may follow."),
        _f("faxNumber", "String", "Preferably (555) 555-5555."),
        _created(),
        _updated(),
    ]
    return tuple(fields)


DEPARTMENT: Final = _Datatype("Department", (*_account_fields("department"), _href("account")))
PROVIDER: Final = _Datatype("Provider", (*_account_fields("provider"), _href("account")))
NON_PROVIDER: Final = _Datatype("NonProvider", (*_account_fields("nonProvider"), _href("account")))
# Any account, as GET /accounts/{id} and the memberships (under "account") render it.
ACCOUNT: Final = _Datatype("Account", (*_account_fields("*"), _href("account")))
# Per account type, the fields kept as they are (all but id, accountType and href).
_ACCOUNT_PLAIN: Final = {
    kind: tuple(f.name for f in _account_fields(kind) if f.name not in ("id", "accountType"))
    for kind in ACCOUNT_TYPES
}


def _membership_fields(owner: _Field, other: _Field) -> tuple[_Field, ...]:
    return (
        owner,
        other,
        _f(
            "directAddressLocalPart",
            "String",
            "Local part of the Direct address: letters, digits, '-' and '_'.",
        ),
        _f("directAddress", "String", "The Direct address.", **_READ_ONLY),
        _f("businessEmail", "String", "Business e-mail address."),
        _f("publishable", "Boolean", "Whether the address is published.", default="false"),
        _status_field("membership"),
        _created(),
        _updated(),
        _href("membership"),
    )


ORGANIZATION_MEMBERSHIP: Final = _Datatype(
    "OrganizationMembership",
    _membership_fields(
        _f("organizationId", "Number", "The organization's id.", add=2, modify=3),
        _f(
            "account",
            "Account",
            "The member account.",
            add=2,
            modify=2,
            children=_account_fields("*"),
            collapse_to="accounts",
        ),
    ),
)
ACCOUNT_MEMBERSHIP: Final = _Datatype(
    "AccountMembership",
    _membership_fields(
        _f("accountId", "Number", "The account's id.", **_READ_ONLY),
        _f(
            "organization",
            "Organization",
            "The organization of the membership.",
            **_READ_ONLY,
            children=_ORGANIZATION_FIELDS,
            collapse_to="organizations",
        ),
    ),
)
_METADATA: Final = {
    d.name.lower(): d
    for d in (
        VENDOR,
        ORGANIZATION,
        ORGANIZATION_MEMBERSHIP,
        ACCOUNT_MEMBERSHIP,
        DEPARTMENT,
        PROVIDER,
        NON_PROVIDER,
    )
}
