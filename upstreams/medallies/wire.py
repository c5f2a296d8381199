"""The MedAllies Onboarding API's vocabulary, shared by the client, the simulator and the
gateway's ``filterOn`` translation: paths, error codes and their names, field types, filter
methods, and the query directives.

Everything here is a fact of the documented wire format; nothing here does I/O.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from typing import Final

from upstreams._keys import IntKey, KeyAlphabet

__all__ = [
    "ACCOUNT_ID",
    "ACCOUNT_TYPES",
    "BASE_PATH",
    "COLLAPSE",
    "COUNT",
    "DATA_TYPE",
    "ERROR_NAMES",
    "FIELDS",
    "FILTER_ERRORS",
    "HTML",
    "ITEMS",
    "NEGATED_METHODS",
    "ORGANIZATION_ID",
    "REFERENCE_LISTS",
    "VENDOR_ID",
    "ErrorCode",
    "FieldType",
    "FilterMethod",
    "filter_leaf",
]

BASE_PATH: Final = "/OnBoard/services/v1"

# Ids as MedAllies issues them: positive integers (a 32-bit column). A datatype name is a
# word such as Organization or AccountMembership.
# The reference lists and the members each item must hold (snake_case, as normalized).
REFERENCE_LISTS: Final[Mapping[str, Mapping[str, type]]] = {
    "organizations/types": {"code": int, "description": str},
    "organizations/usStates": {"abbreviation": str, "name": str},
    "accounts/deactivateReasons": {"code": int, "reason": str},
    "accounts/credentials": {"code": int, "name": str},
    "accounts/specialties": {"code": str, "name": str},
}

# The account types a record's accountType may hold.
ACCOUNT_TYPES: Final = frozenset({"department", "provider", "nonProvider"})

ORGANIZATION_ID: Final = IntKey("organization id")
VENDOR_ID: Final = IntKey("vendor id")
ACCOUNT_ID: Final = IntKey("account id")
DATA_TYPE: Final = KeyAlphabet("datatype name", re.compile(r"[A-Za-z][A-Za-z0-9]{0,63}"))

# Query directives (query parameters of reads).
FIELDS: Final = "_fields"
COLLAPSE: Final = "_collapse"
COUNT: Final = "_count"
ITEMS: Final = "_items"
HTML: Final = "_html"


class ErrorCode(enum.IntEnum):
    """The ``errorCode`` of an error answer."""

    UNAUTHORIZED = 100
    INVALID_PARAM = 101
    MISSING_REQ_PARAM = 102
    NOT_FOUND = 103
    METHOD_NOT_ALLOWED = 104
    INVALID_JSON_SYNTAX = 108
    INVALID_JSON_DATATYPE = 109
    SERVER_ERROR = 110
    INVALID_DATATYPE = 153
    EMPTY_LIST = 154
    TOO_MANY_FIELD_VALUES = 155
    FIELD_VALUE_NOT_ALLOWED = 157
    TWO_FIELD_VALUES_REQUIRED = 158


# The ``message`` the API sends with each code.
ERROR_NAMES: Final[Mapping[int, str]] = {
    ErrorCode.UNAUTHORIZED: "REST_UNAUTH_ACCESS",
    ErrorCode.INVALID_PARAM: "REST_INVALID_PARAM",
    ErrorCode.MISSING_REQ_PARAM: "REST_MISSING_REQ_PARAM",
    ErrorCode.NOT_FOUND: "REST_RESOURCE_NOT_FOUND",
    ErrorCode.METHOD_NOT_ALLOWED: "REST_METHOD_NOT_ALLOWED",
    ErrorCode.INVALID_JSON_SYNTAX: "INVALID_JSON_SYNTAX",
    ErrorCode.INVALID_JSON_DATATYPE: "INVALID_JSON_DATATYPE",
    ErrorCode.SERVER_ERROR: "REST_SERVER_ERROR",
    ErrorCode.INVALID_DATATYPE: "INVALID_DATATYPE",
    ErrorCode.EMPTY_LIST: "EMPTY_LIST",
    ErrorCode.TOO_MANY_FIELD_VALUES: "TOO_MANY_FIELD_VALUES",
    ErrorCode.FIELD_VALUE_NOT_ALLOWED: "FIELD_VALUE_NOT_ALLOWED",
    ErrorCode.TWO_FIELD_VALUES_REQUIRED: "TWO_FIELD_VALUES_REQUIRED",
}

# The codes that mean the caller's ``filterOn`` is wrong (153-158).
FILTER_ERRORS: Final = frozenset(
    {
        ErrorCode.INVALID_DATATYPE,
        ErrorCode.EMPTY_LIST,
        ErrorCode.TOO_MANY_FIELD_VALUES,
        156,  # documented range; never sent by the simulator
        ErrorCode.FIELD_VALUE_NOT_ALLOWED,
        ErrorCode.TWO_FIELD_VALUES_REQUIRED,
    }
)


class FieldType(enum.StrEnum):
    """A field's type as the metadata declares it."""

    STRING = "String"
    NUMBER = "Number"
    BOOLEAN = "Boolean"
    DATE = "Date"


class FilterMethod(enum.IntEnum):
    """The ``method`` of a ``filterOn`` node."""

    START = 0
    GLOBAL = 1
    END = 2
    EXACT = 3
    NOT_EXACT = 4
    LIST = 5
    NOT_LIST = 6
    BETWEEN = 7
    NOT_BETWEEN = 8
    LESS_THAN = 9
    GREATER_THAN = 10
    LESS_THAN_OR_EQUAL_TO = 11
    GREATER_THAN_OR_EQUAL_TO = 12
    IS_NULL = 13
    IS_NOT_NULL = 14
    AND = 15
    OR = 16
    DOES_NOT_START_WITH = 17
    DOES_NOT_MATCH_ANYWHERE = 18
    DOES_NOT_END_WITH = 19


_M = FilterMethod
# The methods that negate another (and, SQL-like, never match a null value).
NEGATED_METHODS: Final = frozenset(
    {
        _M.NOT_EXACT,
        _M.NOT_LIST,
        _M.NOT_BETWEEN,
        _M.DOES_NOT_START_WITH,
        _M.DOES_NOT_MATCH_ANYWHERE,
        _M.DOES_NOT_END_WITH,
    }
)


def filter_leaf(
    path: str, method: FilterMethod, values: list[object] | None = None
) -> dict[str, object]:
    """One ``filterOn`` comparison: ``{"fieldName", "method", "fieldValues"}``."""
    node: dict[str, object] = {"fieldName": path, "method": int(method)}
    if values is not None:
        node["fieldValues"] = values
    return node
