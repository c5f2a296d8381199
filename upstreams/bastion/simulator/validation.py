"""Reading requests and checking write bodies, as Bastion answers them.

A body that is not a JSON object, or a read without its required query parameter, is
HTTP 400. A body Bastion can read but will not act on (a required field missing, a code
outside its enum, a bad phone or date, an unknown plan or condition, the pre-existing
condition rule) is HTTP 200 with `status: false` and one message naming every offending
field, `customer.` prefixed for the customer's, joined by "; ".

Where the document is silent:

- Ids (`plan_id`, `oldPlanId`, `newPlanId`, condition ids) may be numbers or digit strings,
  since Bastion answers them as strings (`"planId": "85"`, `"id": "651"`); member and policy
  ids likewise. Fields the document types as numbers (the enum codes, country, state,
  city, height, weight, preExistingCondition) must be JSON numbers; `true`/`false` are not
  accepted for preExistingCondition, whose values are 1 and 0.
- `country` must be 162 (the only country the states answer), `state` one of its states
  and `city` a city of that state, since vendors are told to take them from `/miscs`.
- `condition` with `preExistingCondition` 0 or absent may be omitted or empty; a non-empty
  one is refused rather than silently dropped. Every id must be a known condition.
- `dob` is `YYYY-MM-DD` and not in the future; `_email`, when not empty, looks like one.
- On update-enrollee-details an optional field left out keeps its value; null or "" clears
  it. Required fields must be present and not blank.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Final, cast

import orjson
from aiohttp import web
from yarl import URL

from upstreams._keys import IntKey, KeyAlphabet
from upstreams.bastion.simulator.errors import bad_request, refused
from upstreams.bastion.simulator.seed import COUNTRY_ID
from upstreams.bastion.simulator.store import Store
from upstreams.bastion.wire import (
    BLOOD_GROUPS,
    CONDITION_ID,
    GENDERS,
    GENOTYPES,
    MARITAL_STATUSES,
    PHONE,
    PLAN_ID,
    RELIGIONS,
)
from upstreams.bastion.wire import RELATIONS as RELATION_NAMES

__all__ = [
    "CUSTOMER_ATTRS",
    "Checks",
    "check_config",
    "check_customer",
    "check_expires_in",
    "query_int",
    "query_member_id",
    "read_json",
]

# Wire name of a customer field -> the Enrollee attribute holding it.
CUSTOMER_ATTRS: Final = {
    "firstName": "first_name",
    "middleName": "middle_name",
    "lastName": "last_name",
    "maidenName": "maiden_name",
    "_email": "email",
    "dob": "dob",
    "gender": "gender",
    "phone": "phone",
    "relation": "relation",
    "maritalStatus": "marital_status",
    "country": "country",
    "state": "state",
    "city": "city",
    "address": "address",
    "genotype": "genotype",
    "bloodGroup": "blood_group",
    "religion": "religion",
    "employeeId": "employee_id",
    "nationalId": "national_id",
    "ninNumber": "nin_number",
    "height": "height",
    "weight": "weight",
    "preExistingCondition": "pre_existing_condition",
    "condition": "conditions",
}
_TEXT_FIELDS: Final = frozenset(
    {
        "firstName",
        "middleName",
        "lastName",
        "maidenName",
        "address",
        "employeeId",
        "nationalId",
        "ninNumber",
    }
)
_CODES: Final[Mapping[str, Mapping[int | str, str]]] = {
    "maritalStatus": MARITAL_STATUSES,
    "genotype": GENOTYPES,
    "bloodGroup": BLOOD_GROUPS,
    "religion": RELIGIONS,
}
_DATE_RE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_EMAIL_RE: Final = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_QUERY_INT_RE: Final = re.compile(r"[0-9]{1,10}")
_LONGEST_TEXT: Final = 500


async def read_json(request: web.Request, *, optional: bool = False) -> dict[str, object]:
    """The request's JSON object body; an empty body is `{}` when ``optional``."""
    raw = await request.read()
    if not raw.strip():
        if optional:
            return {}
        raise bad_request("Request body is required (a JSON object)")
    try:
        body: object = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise bad_request("Request body is not valid JSON") from exc
    if not isinstance(body, dict):
        raise bad_request("Request body must be a JSON object")
    return cast(dict[str, object], body)


def query_int(query: Mapping[str, str], name: str, *, required: bool = False) -> int | None:
    text = (query.get(name) or "").strip()
    if not text:
        if required:
            raise bad_request(f"{name} is required")
        return None
    if _QUERY_INT_RE.fullmatch(text) is None:
        raise bad_request(f"{name} must be a whole number")
    return int(text)


def query_member_id(query: Mapping[str, str]) -> str:
    text = (query.get("memberId") or "").strip()
    if not text:
        raise bad_request("memberId is required")
    return text


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class Checks:
    """Collects what is wrong with one body, to refuse it once with every field named."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def fail(self, message: str) -> None:
        self.errors.append(message)

    def done(self) -> None:
        if self.errors:
            raise refused("; ".join(self.errors))

    def key(self, body: Mapping[str, object], name: str, alphabet: KeyAlphabet) -> str:
        """A member or policy id (text or a whole number); "" when wrong (already failed)."""
        value = body.get(name)
        if value is None or value == "":
            self.fail(f"{name} is required")
            return ""
        text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
        if not alphabet.valid(text):
            self.fail(f"{name} must be a {alphabet.name}")
            return ""
        return cast(str, text)

    def id(self, body: Mapping[str, object], name: str, kind: IntKey) -> int:
        """A numeric id (a number or a digit string); 0 when wrong (already failed)."""
        value = body.get(name)
        if value is None or value == "":
            self.fail(f"{name} is required")
            return 0
        parsed = kind.parse(value)
        if parsed is None:
            self.fail(f"{name} must be a {kind.name}")
            return 0
        return parsed

    def plan(self, body: Mapping[str, object], name: str, store: Store) -> int:
        plan_id = self.id(body, name, PLAN_ID)
        if plan_id and plan_id not in store.plans:
            self.fail(f"{name} {plan_id} is not a known plan")
            return 0
        return plan_id

    def text(self, body: Mapping[str, object], name: str) -> str:
        value = body.get(name)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            self.fail(f"{name} is required")
            return ""
        return value


def check_customer(
    raw: object,
    *,
    fields: Sequence[str],
    required: Sequence[str],
    store: Store,
    today: date,
    checks: Checks,
) -> dict[str, object]:
    """The Enrollee attributes the customer object sets (only the fields in ``fields``)."""
    if not isinstance(raw, dict):
        checks.fail(
            "customer is required (an object)" if raw is None else "customer must be an object"
        )
        return {}
    customer = cast(dict[str, object], raw)
    changes: dict[str, object] = {}
    for name in fields:
        if name not in customer or customer[name] is None:
            if name in required:
                checks.fail(f"customer.{name} is required")
            elif name in customer:
                changes[CUSTOMER_ATTRS[name]] = [] if name == "condition" else None
            continue
        problem, value = _check_field(name, customer[name], today)
        if problem is not None:
            checks.fail(f"customer.{name} {problem}")
        elif value == "" and name in required:
            checks.fail(f"customer.{name} is required")
        else:
            changes[CUSTOMER_ATTRS[name]] = value
    if "city" in fields:
        _check_place(changes, store, checks)
    if "condition" in fields:
        _check_conditions(customer, changes, store, checks)
    return changes


def _check_field(name: str, value: object, today: date) -> tuple[str | None, object]:
    """(what is wrong, or None; the value to keep)."""
    if name in _TEXT_FIELDS or name == "_email":
        if not isinstance(value, str):
            return "must be a string", None
        if len(value) > _LONGEST_TEXT:
            return f"must be at most {_LONGEST_TEXT} characters", None
        if name == "_email" and value.strip() and _EMAIL_RE.fullmatch(value.strip()) is None:
            return "must be an email address", None
        return None, value if value.strip() else ""
    if name == "dob":
        if not isinstance(value, str) or _DATE_RE.fullmatch(value) is None:
            return "must be a date (YYYY-MM-DD)", None
        try:
            born = date.fromisoformat(value)
        except ValueError:
            return "must be a date (YYYY-MM-DD)", None
        if born > today:
            return "must not be in the future", None
        return None, value
    if name == "gender":
        return _one_of(value, GENDERS)
    if name == "relation":
        return _one_of(value, RELATION_NAMES)
    if name == "phone":
        if not isinstance(value, str) or PHONE.fullmatch(value) is None:
            return "must be a valid phone number (e.g. +2348031234567)", None
        return None, value
    if name in _CODES:
        table = _CODES[name]
        if not isinstance(value, int) or isinstance(value, bool) or value not in table:
            codes = ", ".join(str(c) for c in table)
            return f"must be one of {codes}", None
        return None, value
    if name in ("country", "state", "city"):
        if not isinstance(value, int) or isinstance(value, bool):
            return "must be a number", None
        return None, value
    if name in ("height", "weight"):
        if not _is_number(value) or not 0 < cast(float, value) < 1000:
            return "must be a positive number", None
        return None, value
    if name == "preExistingCondition":
        if not isinstance(value, int) or isinstance(value, bool) or value not in (0, 1):
            return "must be 1 or 0", None
        return None, value
    if name == "condition":
        if not isinstance(value, list):
            return "must be an array of condition ids", None
        ids = [CONDITION_ID.parse(item) for item in value]
        if any(i is None for i in ids):
            return "must be an array of condition ids", None
        return None, list(dict.fromkeys(cast(list[int], ids)))
    raise AssertionError(f"no check for customer field {name}")


def _one_of(value: object, table: Mapping[int | str, str]) -> tuple[str | None, object]:
    if not isinstance(value, str) or value not in table:
        return f"must be one of {', '.join(str(c) for c in table)}", None
    return None, value


def _check_place(changes: Mapping[str, object], store: Store, checks: Checks) -> None:
    country, state, city = (changes.get(n) for n in ("country", "state", "city"))
    if isinstance(country, int) and country != COUNTRY_ID:
        checks.fail(f"customer.country {country} is not a known country")
        return
    if isinstance(state, int) and state not in store.state_by_id:
        checks.fail(f"customer.state {state} is not a known state")
        return
    if isinstance(city, int) and isinstance(state, int):
        found = store.city_by_id.get(city)
        if found is None or found.state_id != state:
            checks.fail(f"customer.city {city} is not a city of state {state}")


def _check_conditions(
    customer: Mapping[str, object], changes: dict[str, object], store: Store, checks: Checks
) -> None:
    flag = changes.get("pre_existing_condition")
    ids = cast(list[int], changes.get("conditions") or [])
    if (
        "condition" in customer
        and customer["condition"] is not None
        and "conditions" not in changes
    ):
        return  # already refused as malformed
    if flag == 1 and not ids:
        checks.fail(
            "customer.condition is required (a non-empty array of condition ids) "
            "when customer.preExistingCondition is 1"
        )
        return
    if flag != 1 and ids:
        checks.fail("customer.condition must be empty unless customer.preExistingCondition is 1")
        return
    unknown = [i for i in ids if i not in store.condition_by_id]
    if unknown:
        listed = ", ".join(str(i) for i in unknown)
        checks.fail(f"customer.condition: unknown condition id(s) {listed}")


def check_expires_in(body: Mapping[str, object]) -> float | None:
    """`expiresIn` seconds, or None (the token never expires)."""
    value = body.get("expiresIn")
    if value is None:
        return None
    if not _is_number(value) or not 0 < cast(float, value) <= 10**9:
        raise refused("expiresIn must be a positive number of seconds")
    return float(cast(float, value))


def check_config(body: Mapping[str, object]) -> tuple[str, str | None]:
    """(webhookURL, webhookAccessKey) of `PATCH /vendors/config`."""
    checks = Checks()
    url = body.get("webhookURL")
    if url is None or url == "":
        checks.fail("webhookURL is required")
    elif not isinstance(url, str) or not _absolute_http(url):
        checks.fail("webhookURL must be an absolute http(s) URL")
    key = body.get("webhookAccessKey")
    if key is not None and not isinstance(key, str):
        checks.fail("webhookAccessKey must be a string")
    checks.done()
    return cast(str, url), cast(str | None, key)


def _absolute_http(text: str) -> bool:
    try:
        url = URL(text)
    except ValueError:
        return False
    return url.scheme in ("http", "https") and bool(url.host) and url.is_absolute()
