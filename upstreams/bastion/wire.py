"""The Bastion Endorse Web API v2's vocabulary (document `002_…txt`), shared by the client,
the simulator and the gateway's webhook receiver: paths, the auth header, the envelope's
keys, the integer and string codes of its enums with the graph's names for them, the
webhook event names, the required customer fields, the phone rule and the id formats.

Everything here is a fact of the documented wire format (or a decision recorded in
UPSTREAMS.md and docs/decisions.md where the document is unclear); nothing here does I/O.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from upstreams._keys import IntKey, KeyAlphabet

__all__ = [
    "ADD_PATH",
    "AUTH_HEADER",
    "BLOOD_GROUPS",
    "CITIES_PATH",
    "CITY_ID",
    "CONDITIONS_PATH",
    "CONDITION_ID",
    "CUSTOMER_FIELDS",
    "DETAILS_FIELDS",
    "ENROLLEE_PLAN_PATH",
    "ENROLLEE_STATUSES",
    "ENROLLEE_STATUS_PATH",
    "ENROLLEE_UTILIZATION_PATH",
    "EVENTS",
    "GENDERS",
    "GENOTYPES",
    "MARITAL_STATUSES",
    "MEMBER_ID",
    "PAYMENT_PLANS",
    "PHONE",
    "PLANS_PATH",
    "PLAN_ID",
    "POLICY_ID",
    "PROVIDERS_PATH",
    "PROVIDER_TYPES",
    "PROVIDER_TYPE_NAMES",
    "REFUSABLE_FIELDS",
    "REGION_ID",
    "RELATIONS",
    "RELIGIONS",
    "REMOVE_PATH",
    "REQUIRED_CUSTOMER_FIELDS",
    "REQUIRED_DETAILS_FIELDS",
    "STATES_PATH",
    "TOKEN_PATH",
    "UNDO_DELETE_PATH",
    "UPDATE_DETAILS_PATH",
    "UPDATE_PLAN_PATH",
    "VENDOR_CONFIG_PATH",
    "code_for",
    "plan_path",
    "refusal_fields",
]

BASE: Final = "/api/v2"

# Type I (`base64(username:password)`, only for the token call) and type II (the token)
# both travel in this header, without a scheme word.
AUTH_HEADER: Final = "api-key"

TOKEN_PATH: Final = f"{BASE}/auth/generateAuthToken"
PLANS_PATH: Final = f"{BASE}/vendors/plans"
VENDOR_CONFIG_PATH: Final = f"{BASE}/vendors/config"
ADD_PATH: Final = f"{BASE}/endorsement/add"
REMOVE_PATH: Final = f"{BASE}/endorsement/remove"
UNDO_DELETE_PATH: Final = f"{BASE}/endorsement/undo-delete"
UPDATE_PLAN_PATH: Final = f"{BASE}/endorsement/update-member-plan"
# The document lists it as both POST and GET and shows the update-member-plan path in its
# example; UPSTREAMS.md settles it as POST to this path.
UPDATE_DETAILS_PATH: Final = f"{BASE}/endorsement/update-enrollee-details"
CONDITIONS_PATH: Final = f"{BASE}/conditions"
ENROLLEE_STATUS_PATH: Final = f"{BASE}/enrollee-status"
ENROLLEE_PLAN_PATH: Final = f"{BASE}/enrollee-plan"
ENROLLEE_UTILIZATION_PATH: Final = f"{BASE}/enrollee-utilization"
STATES_PATH: Final = f"{BASE}/miscs/states"
CITIES_PATH: Final = f"{BASE}/miscs/cities"
PROVIDERS_PATH: Final = f"{BASE}/miscs/providers-list"

# Ids. Plans, states, cities and conditions are integers (sent as numbers, some answered as
# strings: `"planId": "85"`, `"id": "651"`). Member and policy ids are digit strings in
# every example (`100004976`, `2058`); the alphabet is a little wider so that a new id style
# still reads, but never anything that could reshape a query string or a path.
PLAN_ID: Final = IntKey("Bastion plan id")
REGION_ID: Final = IntKey("Bastion state id")
CITY_ID: Final = IntKey("Bastion city id")
CONDITION_ID: Final = IntKey("Bastion condition id")
MEMBER_ID: Final = KeyAlphabet("Bastion member id", re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}"))
POLICY_ID: Final = KeyAlphabet("Bastion policy id", re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}"))


def plan_path(plan_id: int | str, *, operation: str) -> str:
    """``/api/v2/vendors/plans/{id}``, the id checked first (see upstreams/_keys.py)."""
    return f"{PLANS_PATH}/{PLAN_ID.segment(plan_id, upstream='bastion', operation=operation)}"


def _table(pairs: Mapping[int | str, str]) -> Mapping[int | str, str]:
    return MappingProxyType(dict(pairs))


# Wire code -> the graph's enum value name. Integer codes for marital status, payment plan,
# genotype, blood group, religion and provider type; strings for relation and gender.
MARITAL_STATUSES: Final = _table(
    {1: "SINGLE", 2: "MARRIED", 3: "DIVORCED", 4: "WIDOWED", 5: "SINGLE_PARENT"}
)
PAYMENT_PLANS: Final = _table({1: "ANNUALLY", 2: "BI_ANNUALLY", 4: "QUARTERLY", 12: "MONTHLY"})
GENOTYPES: Final = _table({1: "AA", 2: "AO", 3: "BB", 4: "BO", 5: "OO", 6: "AS"})
BLOOD_GROUPS: Final = _table(
    {
        1: "A_POSITIVE",
        2: "O_POSITIVE",
        3: "B_POSITIVE",
        4: "AB_POSITIVE",
        5: "A_NEGATIVE",
        6: "O_NEGATIVE",
        7: "B_NEGATIVE",
        8: "AB_NEGATIVE",
    }
)
RELIGIONS: Final = _table({1: "ISLAM", 2: "CHRISTIANITY", 3: "HINDUISM", 4: "BUDDHISM", 5: "OTHER"})
# The document's ten relations, plus "Self": its update-enrollee-details example answers
# `"relation": "Self"` for the policy holder, so a reader must accept it and a writer may
# send it for the principal enrollee.
RELATIONS: Final = _table(
    {
        "Self": "SELF",
        "Spouse": "SPOUSE",
        "Son": "SON",
        "Daughter": "DAUGHTER",
        "Sibling": "SIBLING",
        "Mother": "MOTHER",
        "Father": "FATHER",
        "Grand Father": "GRANDFATHER",
        "Grand Mother": "GRANDMOTHER",
        "Cousin": "COUSIN",
        "Friend": "FRIEND",
    }
)
GENDERS: Final = _table({"Male": "MALE", "Female": "FEMALE"})
# Code 4 is not in the document's list; it is not invented here.
PROVIDER_TYPES: Final = _table(
    {
        1: "HOSPITAL",
        2: "PHARMACY",
        3: "OPTICAL",
        5: "PHYSIOTHERAPIST",
        6: "DENTIST",
        7: "POLYCLINIC",
        8: "DOCTOR",
        9: "AMBULATORY_CENTER",
        10: "DIAGNOSTIC_CENTRE",
        11: "RADIOLOGY",
        12: "MEDICAL_SUPPLIES",
        13: "GYM_FITNESS",
        14: "MENTAL_WELLBEING",
        15: "CHILD_CARE",
        16: "MATERNAL_HEALTH",
        17: "EMERGENCY_SERVICE",
        18: "PUBLIC_HEALTH_FACILITY",
    }
)
# The document's names of the provider types, as a provider's `category` spells them.
PROVIDER_TYPE_NAMES: Final = _table(
    {
        1: "Hospital",
        2: "Pharmacy",
        3: "Optical / Ophthalmology",
        5: "Physiotherapist",
        6: "Dentist",
        7: "Polyclinic",
        8: "Doctor",
        9: "Ambulatory Center",
        10: "Diagnostic Centres",
        11: "Radiology",
        12: "Medical Supplies Company",
        13: "Gym/Fitness Centres",
        14: "Mental Wellbeing",
        15: "Child Care",
        16: "Maternal Health",
        17: "Emergency Service",
        18: "Public Health Facility",
    }
)
# `enrollee-status` answers `"status": "Active"`; the other words are the simulator's
# reading of the lifecycle the endorsement calls imply (remove, undo-delete).
ENROLLEE_STATUSES: Final = _table(
    {"Active": "ACTIVE", "Inactive": "INACTIVE", "Deleted": "REMOVED"}
)


def code_for(table: Mapping[int | str, str], name: str) -> int | str | None:
    """The wire code of the graph's enum value ``name`` in ``table``, or None."""
    for code, value in table.items():
        if value == name:
            return code
    return None


# Webhook events (section 5): event name on the wire -> the graph's kind.
EVENTS: Final = _table(
    {"added-policy-member": "MEMBER_ADDED", "re-endorsed-member": "MEMBER_REENDORSED"}
)

# The customer of `endorsement/add` (section 3.1), in the document's order and spelling
# (`_email` with its underscore).
CUSTOMER_FIELDS: Final = (
    "firstName",
    "middleName",
    "lastName",
    "maidenName",
    "_email",
    "dob",
    "gender",
    "phone",
    "relation",
    "maritalStatus",
    "paymentPlan",
    "country",
    "state",
    "city",
    "address",
    "genotype",
    "bloodGroup",
    "religion",
    "employeeId",
    "nationalId",
    "ninNumber",
    "height",
    "weight",
    "preExistingCondition",
    "condition",
)
REQUIRED_CUSTOMER_FIELDS: Final = (
    "firstName",
    "lastName",
    "dob",
    "gender",
    "phone",
    "relation",
    "maritalStatus",
    "country",
    "state",
    "city",
    "address",
)
# The customer of `update-enrollee-details` (section 3.9).
DETAILS_FIELDS: Final = (
    "firstName",
    "middleName",
    "lastName",
    "maidenName",
    "_email",
    "dob",
    "gender",
    "phone",
    "address",
)
REQUIRED_DETAILS_FIELDS: Final = ("firstName", "lastName", "dob", "gender", "phone", "address")

# "Must be a valid phone number": the document gives no rule; its provider example is
# `+234909291111111`. Read as E.164: an optional `+`, then 7 to 15 digits, the first not 0
# after a `+`; spaces and hyphens are not part of the number and are refused rather than
# guessed at.
PHONE: Final = re.compile(r"(?:\+[1-9][0-9]{6,14}|0?[1-9][0-9]{6,14})")


# A refusal (`status: false`) is one message; the simulator (and, as far as the document
# shows, Bastion) starts each "; "-separated part with the wire name of the field at fault:
# "plan_id 99999 is not a known plan; customer.state 999 is not a known state".
REFUSABLE_FIELDS: Final = frozenset(
    {"reference", "plan_id", "policyId", "memberId", "oldPlanId", "newPlanId"}
    | {f"customer.{name}" for name in CUSTOMER_FIELDS}
)


def refusal_fields(message: str | None) -> dict[str, list[str]]:
    """The field errors a refusal's message names (wire name -> what is wrong), or {} when
    any part of it names no field (the message then stays whole)."""
    found: dict[str, list[str]] = {}
    for part in (p.strip() for p in (message or "").split(";")):
        name, _, rest = part.partition(" ")
        if name not in REFUSABLE_FIELDS or not rest:
            return {}
        found.setdefault(name, []).append(rest)
    return found
