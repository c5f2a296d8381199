"""The MedAllies fields a filter can name: for each GraphQL filter field (its snake_case
name), the upstream path and type it goes down as, and how the gateway reads it locally.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from resolvers.core.values import parse_datetime
from resolvers.onboarding.filter_on import FieldSpec, FieldType
from upstreams.medallies import (
    snake,
    to_camel,
)

Record = dict[str, Any]


def _path_getter(path: str) -> Callable[[Any], Any]:
    keys = path.split(".")

    def get(record: Any) -> Any:
        value = record
        for key in keys:
            if not isinstance(value, Mapping):
                return None
            value = value.get(key)
        return value

    return get


def _date_getter(path: str) -> Callable[[Any], Any]:
    raw = _path_getter(path)

    def get(record: Any) -> Any:
        return parse_datetime(raw(record))

    return get


def _spec(record_path: str, kind: FieldType, wire: Callable[[Any], Any] | None = None) -> FieldSpec:
    getter = _date_getter(record_path) if kind is FieldType.DATE else _path_getter(record_path)
    return FieldSpec(path=to_camel(record_path), type=kind, get=getter, wire=wire)


def _nested(prefix: str, fields: Mapping[str, FieldSpec]) -> dict[str, FieldSpec]:
    """The same fields reached through a sub-object (``vendor.name``)."""
    out: dict[str, FieldSpec] = {}
    for name, spec in fields.items():
        record_path = f"{prefix}.{_snake_path(spec.path)}"
        getter = (
            _date_getter(record_path) if spec.type is FieldType.DATE else _path_getter(record_path)
        )
        out[f"{prefix}.{name}"] = FieldSpec(
            path=f"{to_camel(prefix)}.{spec.path}", type=spec.type, get=getter, wire=spec.wire
        )
    return out


def _snake_path(path: str) -> str:
    return ".".join(snake(p) for p in path.split("."))


def _npi_getter(path: str) -> Callable[[Any], Any]:
    raw = _path_getter(path)

    def get(record: Any) -> Any:
        value = raw(record)
        return None if value is None else f"{int(value):010d}"

    return get


def _npi_wire(value: Any) -> Any:
    """A 10-digit NPI as the number MedAllies stores (anything else goes as it is)."""
    return int(value) if isinstance(value, str) and value.isdigit() else value


S, N, B, D = FieldType.STRING, FieldType.NUMBER, FieldType.BOOLEAN, FieldType.DATE

# Filter field (the GraphQL filter's snake_case name) → upstream path, type, local reader.
VENDOR_FIELDS: dict[str, FieldSpec] = {
    "vendor_id": _spec("id", N),
    "name": _spec("name", S),
    "product": _spec("product", S),
    "root_domain": _spec("root_domain", S),
    "endpoint_type_code": _spec("endpoint_type.code", N),
}
ORGANIZATION_FIELDS: dict[str, FieldSpec] = {
    "organization_id": _spec("id", N),
    "organization_name": _spec("organization_name", S),
    "type_code": _spec("type_code", N),
    "tin": _spec("tin", S),
    # NPIs are 10-digit strings in the graph, numbers at MedAllies.
    "npi": FieldSpec(path="npi", type=N, get=_npi_getter("npi"), wire=_npi_wire),
    "status": _spec("status.code", N),
    "direct_abbreviation": _spec("direct_abbreviation", S),
    "address.street_address1": _spec("practice_street1", S),
    "address.street_address2": _spec("practice_street2", S),
    "address.city": _spec("practice_city", S),
    "address.state": _spec("practice_state", S),
    "address.postal_code": _spec("practice_zip", S),
    "phone_number": _spec("telephone_number", S),
    "specialization": _spec("specialization", S),
    "endpoint_uri": _spec("endpoint_uri", S),
    "created_at": _spec("creation_date_time", D),
    "updated_at": _spec("last_update_date_time", D),
    "domain_name": _spec("domain.domain_name", S),
    **_nested("vendor", VENDOR_FIELDS),
}
ACCOUNT_FIELDS: dict[str, FieldSpec] = {
    "account_id": _spec("id", N),
    "account_type": _spec("account_type", S),
    "department_name": _spec("department_name", S),
    "npi": _spec("npin", S),
    "first_name": _spec("first_name", S),
    "last_name": _spec("last_name", S),
    "gender": _spec("gender", S),
    "credentials": _spec("credentials", S),
    "specialty": _spec("specialty", S),
    "phone_number": _spec("telephone_number", S),
    "created_at": _spec("create_date_time", D),
    "updated_at": _spec("last_update_date_time", D),
}
MEMBERSHIP_FIELDS: dict[str, FieldSpec] = {
    "direct_address_local_part": _spec("direct_address_local_part", S),
    "direct_address": _spec("direct_address", S),
    "business_email": _spec("business_email", S),
    "publishable": _spec("publishable", B),
    "status": _spec("status.code", N),
    "created_at": _spec("create_date_time", D),
    "updated_at": _spec("last_update_date_time", D),
    **_nested("account", ACCOUNT_FIELDS),
}


def getters(fields: Mapping[str, FieldSpec]) -> dict[str, Callable[[Any], Any]]:
    """Local readers for :func:`resolvers.core.predicates.evaluate`, field by field."""
    return {name: spec.get for name, spec in fields.items()}
