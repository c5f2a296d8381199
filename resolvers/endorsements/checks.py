"""What the gateway checks before an endorsement write is sent: the caller's mistakes as
userErrors, field by field, without a call (Bastion answers only its first mistake, as one
message, and a refused write still costs a round trip).

The customer is neutral: the keys of :class:`~upstreams.bastion.EnrolleeRecord` (snake_case,
enum values by the graph's names). ``GRAPH_NAMES`` says where each one sits in the input.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from typing import Any, Final

from resolvers.core.writes import UserErrorCode, UserErrorRecord
from upstreams.bastion import wire

__all__ = [
    "CREATE_REQUIRED",
    "DETAILS_REQUIRED",
    "GRAPH_NAMES",
    "check_conditions",
    "check_customer",
    "check_ids",
]

# Neutral customer key -> the input field's name in the graph.
GRAPH_NAMES: Final[Mapping[str, str]] = {
    "first_name": "firstName",
    "middle_name": "middleName",
    "last_name": "lastName",
    "maiden_name": "maidenName",
    "email": "email",
    "dob": "dateOfBirth",
    "gender": "gender",
    "phone": "phone",
    "relation": "relation",
    "marital_status": "maritalStatus",
    "payment_plan": "paymentPlan",
    "country": "countryId",
    "state": "regionId",
    "city": "cityId",
    "address": "address",
    "genotype": "genotype",
    "blood_group": "bloodGroup",
    "religion": "religion",
    "employee_id": "employeeId",
    "national_id": "nationalId",
    "nin_number": "ninNumber",
    "height": "height",
    "weight": "weight",
    "pre_existing_condition": "hasPreExistingCondition",
    "conditions": "conditionIds",
}
# Text the document requires (the graph's non-null types already require presence; blank
# text is the mistake left to catch).
CREATE_REQUIRED: Final = ("first_name", "last_name", "phone", "address")
DETAILS_REQUIRED: Final = ("first_name", "last_name", "phone", "address")
_POSITIVE_IDS: Final = ("country", "state", "city")


def _error(path: tuple[str, ...], name: str, message: str, code: UserErrorCode) -> UserErrorRecord:
    return UserErrorRecord(field=(*path, name), message=f"{name} {message}", code=code)


def check_customer(
    customer: Mapping[str, Any],
    *,
    required: Sequence[str],
    path: tuple[str, ...] = ("input", "customer"),
    today: dt.date | None = None,
) -> list[UserErrorRecord]:
    """Every mistake in ``customer`` (blank required text, the phone's format, a date of
    birth in the future, ids and measures that cannot be, the pre-existing-condition rule)."""
    errors: list[UserErrorRecord] = []
    for key in required:
        value = customer.get(key)
        if isinstance(value, str) and not value.strip():
            errors.append(_error(path, GRAPH_NAMES[key], "is blank.", UserErrorCode.BLANK))
    phone = customer.get("phone")
    if isinstance(phone, str) and phone.strip() and wire.PHONE.fullmatch(phone) is None:
        errors.append(
            _error(
                path,
                "phone",
                "is not a phone number: digits only, 7 to 15 of them, optionally after a "
                "leading + (e.g. +2348031234567).",
                UserErrorCode.INVALID_FORMAT,
            )
        )
    email = customer.get("email")
    if isinstance(email, str) and email and ("@" not in email or email.strip() != email):
        errors.append(
            _error(path, "email", "is not an email address.", UserErrorCode.INVALID_FORMAT)
        )
    dob = customer.get("dob")
    if isinstance(dob, dt.date) and dob > (today or dt.date.today()):
        errors.append(_error(path, "dateOfBirth", "is in the future.", UserErrorCode.INVALID))
    for key in _POSITIVE_IDS:
        value = customer.get(key)
        if isinstance(value, int) and wire.REGION_ID.parse(value) is None:
            errors.append(
                _error(path, GRAPH_NAMES[key], "is not a Bastion id.", UserErrorCode.INVALID)
            )
    for key in ("height", "weight"):
        value = customer.get(key)
        if isinstance(value, float | int) and not 0 < value < 1000:
            errors.append(_error(path, key, "must be between 0 and 1000.", UserErrorCode.INVALID))
    errors += _condition_rule(customer, path)
    return errors


def _condition_rule(customer: Mapping[str, Any], path: tuple[str, ...]) -> list[UserErrorRecord]:
    # The document: preExistingCondition 1 comes with the ids of the conditions, 0 may omit
    # them. The graph infers the flag from the ids when it is left out.
    flag = customer.get("pre_existing_condition")
    ids = customer.get("conditions") or []
    if flag is True and not ids:
        return [
            _error(
                path,
                "conditionIds",
                "must name the pre-existing conditions when hasPreExistingCondition is true.",
                UserErrorCode.MISSING,
            )
        ]
    if flag is False and ids:
        return [
            _error(
                path,
                "conditionIds",
                "must be empty when hasPreExistingCondition is false.",
                UserErrorCode.INVALID,
            )
        ]
    return []


def check_conditions(
    ids: Sequence[int], known: Collection[int], path: tuple[str, ...] = ("input", "customer")
) -> list[UserErrorRecord]:
    """The condition ids Bastion does not list (see ``conditions`` in the graph)."""
    unknown = [i for i in ids if i not in known]
    if not unknown:
        return []
    return [
        _error(
            path,
            "conditionIds",
            f"names no condition Bastion lists: {', '.join(map(str, unknown[:10]))}.",
            UserErrorCode.INVALID,
        )
    ]


def check_ids(**ids: tuple[str, Any]) -> list[UserErrorRecord]:
    """userErrors for ids outside Bastion's formats; keyword = graph field name, value =
    (kind, value) with kind ``member``, ``policy`` or ``plan``."""
    errors: list[UserErrorRecord] = []
    for name, (kind, value) in ids.items():
        if isinstance(value, str) and not value.strip():
            errors.append(_error(("input",), name, "is blank.", UserErrorCode.BLANK))
            continue
        valid = (
            wire.PLAN_ID.parse(value) is not None
            if kind == "plan"
            else (wire.MEMBER_ID if kind == "member" else wire.POLICY_ID).valid(value)
        )
        if not valid:
            errors.append(
                _error(
                    ("input",),
                    name,
                    "is not a Bastion id (letters, digits, '-' and '_'; plan ids are "
                    "positive integers).",
                    UserErrorCode.INVALID,
                )
            )
    return errors
