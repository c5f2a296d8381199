"""The Bastion Endorse Web API v2 client: broker plans, endorsements, enrollee reads,
reference data and the webhook configuration.

Auth is a session token (see :mod:`upstreams._tokens`): ``POST /auth/generateAuthToken``
with ``api-key: base64(username:password)`` (type I) answers a token that every other call
sends as ``api-key: <token>`` (type II). The token is requested for ``token_ttl_s`` seconds,
reused until shortly before then, and renewed once after a 401 (the read is then replayed;
a write is not, see :mod:`upstreams._http`).

Envelopes: ``{"status": true|false, "message", "data"}``, except the conditions list which
answers ``statusCode`` instead of ``status``. ``status: false`` is a failure even with HTTP
200: :class:`~upstreams.UpstreamRejected` (``BAD_USER_INPUT``) carrying Bastion's
``message`` as its detail, so that the caller learns what Bastion refused. Answers become
records in :mod:`upstreams.bastion.records`; wire names and codes are in
:mod:`upstreams.bastion.wire`.

The customer of a write is given in the graph's neutral words (the snake_case keys of
:class:`~upstreams.bastion.records.EnrolleeRecord`, enum values by their graph names) and
translated here to the wire's (camelCase, ``_email``, integer codes, 1/0 flags).
"""

from __future__ import annotations

import asyncio
import base64
import math
import time
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, Final

import httpx

from upstreams._errors import (
    KeyRefused,
    UpstreamError,
    UpstreamNotFound,
    UpstreamRejected,
    UpstreamUnauthorized,
)
from upstreams._http import JSON, MAX_BODY_BYTES, Sleep, UpstreamClient, error_for_status
from upstreams._keys import IntKey, KeyAlphabet
from upstreams._shape import Op, expect_object, expect_objects, wrong_shape
from upstreams._tokens import Clock, Issued, TokenLifecycle
from upstreams.bastion import wire
from upstreams.bastion.records import (
    CityRecord,
    ConditionRecord,
    EnrolleePlanRecord,
    EnrolleeRecord,
    PlanRecord,
    ProviderRecord,
    RegionRecord,
    RemovalRecord,
    StatusRecord,
    UtilizationRecord,
    read_city,
    read_condition,
    read_endorsement,
    read_enrollee_plan,
    read_plan,
    read_provider,
    read_region,
    read_removal,
    read_status,
    read_utilization,
)
from upstreams.config import UpstreamSettings

__all__ = [
    "DEFAULT_TOKEN_TTL_S",
    "BastionClient",
    "customer_to_wire",
    "details_to_wire",
]

# What the client asks `generateAuthToken` for: an hour, the document's example.
DEFAULT_TOKEN_TTL_S: Final = 3600
# Bastion's own words reach the caller; a page-long message is not a message.
_MAX_MESSAGE: Final = 500


# --- the customer, from the graph's words to the wire's ------------------------------


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("expected text")
    return value


def _integer(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("expected an integer")
    return value


def _number(value: Any) -> float | int:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError("expected a number")
    return value


def _iso_date(value: Any) -> str:
    # The graph's Date scalar gives ISO text (or a date); Bastion's "type: date" is sent as
    # YYYY-MM-DD, the form every API that says "date" reads.
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(_text(value)).isoformat()
    except ValueError:
        # date's own message quotes the value: a date of birth is personal data.
        raise ValueError("expected an ISO date (YYYY-MM-DD)") from None


def _flag(value: Any) -> int:
    if not isinstance(value, bool):
        raise ValueError("expected true or false")
    return 1 if value else 0


def _ids(value: Any) -> list[int]:
    if not isinstance(value, list | tuple):
        raise ValueError("expected a list of condition ids")
    ids = []
    for item in value:
        parsed = wire.CONDITION_ID.parse(item)
        if parsed is None:
            raise ValueError("not a condition id")
        ids.append(parsed)
    return ids


def _coded(table: Mapping[int | str, str]) -> Callable[[Any], int | str]:
    def encode(value: Any) -> int | str:
        code = wire.code_for(table, value) if isinstance(value, str) else None
        if code is None:
            raise ValueError("not one of the graph's names for this code")
        return code

    return encode


# Neutral key -> (wire key, encoder), in the document's order (section 3.1).
_CUSTOMER: Final[Mapping[str, tuple[str, Callable[[Any], Any]]]] = {
    "first_name": ("firstName", _text),
    "middle_name": ("middleName", _text),
    "last_name": ("lastName", _text),
    "maiden_name": ("maidenName", _text),
    "email": ("_email", _text),
    "dob": ("dob", _iso_date),
    "gender": ("gender", _coded(wire.GENDERS)),
    "phone": ("phone", _text),
    "relation": ("relation", _coded(wire.RELATIONS)),
    "marital_status": ("maritalStatus", _coded(wire.MARITAL_STATUSES)),
    # The document lists the payment-plan codes among create's enums without naming the
    # field; `paymentPlan` in the customer is our reading (UPSTREAMS.md).
    "payment_plan": ("paymentPlan", _coded(wire.PAYMENT_PLANS)),
    "country": ("country", _integer),
    "state": ("state", _integer),
    "city": ("city", _integer),
    "address": ("address", _text),
    "genotype": ("genotype", _coded(wire.GENOTYPES)),
    "blood_group": ("bloodGroup", _coded(wire.BLOOD_GROUPS)),
    "religion": ("religion", _coded(wire.RELIGIONS)),
    "employee_id": ("employeeId", _text),
    "national_id": ("nationalId", _text),
    "nin_number": ("ninNumber", _text),
    "height": ("height", _number),
    "weight": ("weight", _number),
    "pre_existing_condition": ("preExistingCondition", _flag),
    "conditions": ("condition", _ids),
}
# update-enrollee-details takes the personal details only (section 3.9).
_DETAILS: Final = {k: v for k, v in _CUSTOMER.items() if v[0] in wire.DETAILS_FIELDS}


def _to_wire(
    customer: Mapping[str, Any], table: Mapping[str, tuple[str, Callable[[Any], Any]]]
) -> dict[str, Any]:
    unknown = sorted(set(customer) - set(table))
    if unknown:
        raise ValueError(f"not a field of this Bastion customer: {', '.join(unknown)}")
    body: dict[str, Any] = {}
    for key, (wire_key, encode) in table.items():
        value = customer.get(key)
        # None is "not given": the document says nothing of clearing a value by sending null.
        if value is None:
            continue
        try:
            body[wire_key] = encode(value)
        except ValueError as exc:
            # The key, never the value: customers are personal data.
            raise ValueError(f"customer {key}: {exc}") from None
    return body


def customer_to_wire(customer: Mapping[str, Any]) -> dict[str, Any]:
    """The ``customer`` of ``endorsement/add`` from the graph's neutral customer.

    Keys as in :class:`~upstreams.bastion.records.EnrolleeRecord` (``first_name``, ``email``,
    ``dob`` as an ISO date, ``marital_status`` "MARRIED", ``conditions`` [ids], ...); None
    values are left out. :class:`ValueError` for an unknown key, an unknown enum name or a
    value of the wrong type: the graph checks its input first, so this is a bug, not input.
    """
    return _to_wire(customer, _CUSTOMER)


def details_to_wire(customer: Mapping[str, Any]) -> dict[str, Any]:
    """The ``customer`` of ``update-enrollee-details``: the personal details only (names,
    email, dob, gender, phone, address); any other key is a :class:`ValueError`."""
    return _to_wire(customer, _DETAILS)


class BastionClient(UpstreamClient):
    """Bastion over HTTP: a session token in ``api-key``, ``status`` envelopes."""

    name = "bastion"

    def __init__(
        self,
        settings: UpstreamSettings,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        backoff_s: float = 0.05,
        sleep: Sleep = asyncio.sleep,
        max_body_bytes: int = MAX_BODY_BYTES,
        token_ttl_s: int | None = DEFAULT_TOKEN_TTL_S,
        clock: Clock = time.monotonic,
    ) -> None:
        """``token_ttl_s`` is the life asked for each token (None: a token that never
        expires); ``clock`` is what the token's expiry is measured with (tests move it)."""
        super().__init__(
            settings,
            transport=transport,
            backoff_s=backoff_s,
            sleep=sleep,
            max_body_bytes=max_body_bytes,
        )
        self.token_ttl_s = token_ttl_s
        self.tokens = TokenLifecycle(self._generate_token, clock=clock)

    # --- auth and envelopes --------------------------------------------------------

    def auth_headers(self) -> dict[str, str]:
        return {"accept": "application/json"}

    def token_headers(self, token: str) -> dict[str, str]:
        return {wire.AUTH_HEADER: token}

    def _basic(self) -> str:
        creds = self.settings.credentials
        pair = f"{creds.get('USERNAME', '')}:{creds.get('PASSWORD', '')}"
        return base64.b64encode(pair.encode()).decode()

    async def _generate_token(self) -> Issued:
        """``POST /auth/generateAuthToken`` with type I auth.

        Sent as an idempotent call: a second token changes nothing anybody sees, and a token
        call lost to a passing 503 should not fail every request waiting for it.
        """
        operation = "generateAuthToken"
        body: dict[str, Any] = {}
        if self.token_ttl_s is not None:
            body["expiresIn"] = self.token_ttl_s
        answer = await self.call(
            "POST",
            wire.TOKEN_PATH,
            operation=operation,
            idempotent=True,
            json=body,
            headers={wire.AUTH_HEADER: self._basic()},
            authenticate=False,
        )
        op = Op(self.name, operation)
        envelope = expect_object(answer.body, op)
        status = envelope.get("status")
        if status is False:
            # Refused credentials, whatever the HTTP status said: not the graph caller's
            # input, so UNAUTHENTICATED rather than BAD_USER_INPUT.
            raise UpstreamUnauthorized(
                self.name, operation, status=answer.status, detail=_message(envelope)
            )
        if status is not True:
            raise wrong_shape(op, "status is missing or not a boolean")
        token = envelope.get("token")
        if not isinstance(token, str) or not token:
            raise wrong_shape(op, "token is missing or not text")
        return Issued(token, None if self.token_ttl_s is None else float(self.token_ttl_s))

    def error_from(self, operation: str, status: int, body: JSON) -> UpstreamError:
        """An HTTP error status; Bastion's ``message`` is kept where it speaks to the caller
        (400, 404, 422), never for 401 (it may echo what we sent)."""
        envelope = body if isinstance(body, Mapping) else {}
        return error_for_status(
            self.name,
            operation,
            status,
            detail=_message(envelope) if status in (400, 404, 422) else None,
        )

    def _data(self, operation: str, answer_body: JSON, *, status_code: bool = False) -> Any:
        """The ``data`` of a successful envelope; a failure envelope raises.

        ``status_code``: the conditions list's envelope (``statusCode`` instead of
        ``status``). Within ``data``, ``success`` 0 (the write results carry ``success: 1``)
        is read as a refusal too.
        """
        op = Op(self.name, operation)
        envelope = expect_object(answer_body, op)
        if status_code:
            code = envelope.get("statusCode")
            if isinstance(code, bool) or not isinstance(code, int):
                raise wrong_shape(op, "statusCode is missing or not a number")
            if code != 200:
                # Bastion's own status in the body: it means what the HTTP status would.
                raise error_for_status(self.name, operation, code, detail=_message(envelope))
        else:
            status = envelope.get("status")
            if status is False:
                raise _refused(self.name, operation, _message(envelope))
            if status is not True:
                raise wrong_shape(op, "status is missing or not a boolean")
        if "data" not in envelope:
            raise wrong_shape(op, "data is missing")
        data = envelope["data"]
        if isinstance(data, Mapping) and data.get("success") in (0, False):
            raise _refused(self.name, operation, _message(data))
        return data

    async def _get(
        self,
        path: str,
        operation: str,
        params: Mapping[str, str] | None = None,
        *,
        status_code: bool = False,
    ) -> Any:
        answer = await self.call("GET", path, operation=operation, idempotent=True, params=params)
        return self._data(operation, answer.body, status_code=status_code)

    async def _write(
        self, method: str, path: str, operation: str, body: Mapping[str, Any], *, idempotent: bool
    ) -> Any:
        answer = await self.call(
            method, path, operation=operation, idempotent=idempotent, json=dict(body)
        )
        return self._data(operation, answer.body)

    def _key(self, key: KeyAlphabet, value: str, operation: str) -> str:
        if not key.valid(value):
            raise KeyRefused(self.name, operation, detail=f"not a valid {key.name}")
        return value

    def _int(self, key: IntKey, value: int, operation: str) -> int:
        parsed = key.parse(value)
        if parsed is None:
            raise KeyRefused(self.name, operation, detail=f"not a valid {key.name}")
        return parsed

    # --- reads -----------------------------------------------------------------------

    async def health(self) -> bool:
        """A token can be obtained and the plans listed: proves the credentials, not just
        the route."""
        await self.list_plans()
        return True

    async def list_plans(self) -> list[PlanRecord]:
        """The broker's plans (``GET /vendors/plans``)."""
        op = Op(self.name, "listPlans")
        data = await self._get(wire.PLANS_PATH, op.operation)
        return [read_plan(p, op) for p in expect_objects(data, op, "data")]

    async def get_plan(self, plan_id: int) -> PlanRecord | None:
        """One plan (``GET /vendors/plans/{id}``); None when Bastion answers 404."""
        op = Op(self.name, "getPlan")
        try:
            data = await self._get(wire.plan_path(plan_id, operation=op.operation), op.operation)
        except UpstreamNotFound:
            return None
        return read_plan(data, op)

    async def search_conditions(self, query: str | None = None) -> list[ConditionRecord]:
        """Pre-existing conditions whose name matches ``query`` (all of them without one)."""
        op = Op(self.name, "searchConditions")
        params = {"query": query} if query else None
        data = await self._get(wire.CONDITIONS_PATH, op.operation, params, status_code=True)
        return [read_condition(c, op) for c in expect_objects(data, op, "data")]

    async def _enrollee(self, path: str, operation: str, member_id: str) -> Any | None:
        member = self._key(wire.MEMBER_ID, member_id, operation)
        try:
            return await self._get(path, operation, {"memberId": member})
        except UpstreamNotFound:
            return None

    async def enrollee_status(self, member_id: str) -> StatusRecord | None:
        """The enrollee and its status (``GET /enrollee-status``); None when unknown."""
        op = Op(self.name, "enrolleeStatus")
        data = await self._enrollee(wire.ENROLLEE_STATUS_PATH, op.operation, member_id)
        return None if data is None else read_status(data, op)

    async def enrollee_plan(self, member_id: str) -> EnrolleePlanRecord | None:
        """The enrollee's plan (``GET /enrollee-plan``); None when unknown."""
        op = Op(self.name, "enrolleePlan")
        data = await self._enrollee(wire.ENROLLEE_PLAN_PATH, op.operation, member_id)
        return None if data is None else read_enrollee_plan(data, op)

    async def enrollee_utilization(self, member_id: str) -> UtilizationRecord | None:
        """What the enrollee used of its plan (``GET /enrollee-utilization``); None when
        unknown."""
        op = Op(self.name, "enrolleeUtilization")
        data = await self._enrollee(wire.ENROLLEE_UTILIZATION_PATH, op.operation, member_id)
        return None if data is None else read_utilization(data, op)

    async def list_states(self) -> list[RegionRecord]:
        """States and regions (``GET /miscs/states``)."""
        op = Op(self.name, "listStates")
        data = await self._get(wire.STATES_PATH, op.operation)
        return [read_region(r, op) for r in expect_objects(data, op, "data")]

    async def list_cities(self, region_id: int) -> list[CityRecord]:
        """The cities of one state (``GET /miscs/cities?state_id=``)."""
        op = Op(self.name, "listCities")
        region = self._int(wire.REGION_ID, region_id, op.operation)
        data = await self._get(wire.CITIES_PATH, op.operation, {"state_id": str(region)})
        return [read_city(c, op, region_id=region) for c in expect_objects(data, op, "data")]

    async def list_providers(
        self,
        *,
        provider_type: str | None = None,
        region_id: int | None = None,
        city_id: int | None = None,
        search_text: str | None = None,
        plan_id: int | None = None,
    ) -> list[ProviderRecord]:
        """Providers (``GET /miscs/providers-list``), filtered by what is given.

        ``provider_type`` is the graph's name ("HOSPITAL"); an unknown one is a
        :class:`ValueError` (the graph's enum admits none).
        """
        op = Op(self.name, "listProviders")
        params: dict[str, str] = {}
        if provider_type is not None:
            code = wire.code_for(wire.PROVIDER_TYPES, provider_type)
            if code is None:
                raise ValueError("not one of the graph's provider types")
            params["provider_type"] = str(code)
        if region_id is not None:
            params["state_id"] = str(self._int(wire.REGION_ID, region_id, op.operation))
        if city_id is not None:
            params["city_id"] = str(self._int(wire.CITY_ID, city_id, op.operation))
        if search_text:
            params["search_text"] = search_text
        if plan_id is not None:
            params["plan_id"] = str(self._int(wire.PLAN_ID, plan_id, op.operation))
        data = await self._get(wire.PROVIDERS_PATH, op.operation, params)
        return [read_provider(p, op) for p in expect_objects(data, op, "data")]

    # --- writes ----------------------------------------------------------------------

    async def add_endorsement(
        self, *, reference: str, plan_id: int, policy_id: str, customer: Mapping[str, Any]
    ) -> EnrolleeRecord:
        """Endorse a new member on a policy (``POST /endorsement/add``)."""
        op = Op(self.name, "addEndorsement")
        body = {
            "reference": reference,
            # `plan_id`, beside `policyId`: the document spells them so.
            "plan_id": self._int(wire.PLAN_ID, plan_id, op.operation),
            "policyId": self._key(wire.POLICY_ID, policy_id, op.operation),
            "customer": customer_to_wire(customer),
        }
        data = await self._write("POST", wire.ADD_PATH, op.operation, body, idempotent=False)
        return read_endorsement(data, op)

    async def remove_endorsement(self, *, member_id: str, policy_id: str) -> RemovalRecord:
        """Delete a member's endorsement (``POST /endorsement/remove``)."""
        op = Op(self.name, "removeEndorsement")
        body = {
            "memberId": self._key(wire.MEMBER_ID, member_id, op.operation),
            "policyId": self._key(wire.POLICY_ID, policy_id, op.operation),
        }
        data = await self._write("POST", wire.REMOVE_PATH, op.operation, body, idempotent=False)
        return read_removal(data, op)

    async def undo_removal(self, *, member_id: str) -> EnrolleeRecord:
        """Re-endorse a deleted member (``POST /endorsement/undo-delete``)."""
        op = Op(self.name, "undoRemoval")
        body = {"memberId": self._key(wire.MEMBER_ID, member_id, op.operation)}
        data = await self._write(
            "POST", wire.UNDO_DELETE_PATH, op.operation, body, idempotent=False
        )
        return read_endorsement(data, op)

    async def change_plan(
        self, *, member_id: str, old_plan_id: int, new_plan_id: int
    ) -> EnrolleeRecord:
        """Move a member to another plan (``POST /endorsement/update-member-plan``)."""
        op = Op(self.name, "changePlan")
        body = {
            "memberId": self._key(wire.MEMBER_ID, member_id, op.operation),
            "oldPlanId": self._int(wire.PLAN_ID, old_plan_id, op.operation),
            "newPlanId": self._int(wire.PLAN_ID, new_plan_id, op.operation),
        }
        data = await self._write(
            "POST", wire.UPDATE_PLAN_PATH, op.operation, body, idempotent=False
        )
        return read_endorsement(data, op)

    async def update_details(
        self, *, member_id: str, policy_id: str, customer: Mapping[str, Any]
    ) -> EnrolleeRecord:
        """Change a member's personal details (``POST /endorsement/update-enrollee-details``;
        the document also says GET, UPSTREAMS.md settles on POST)."""
        op = Op(self.name, "updateDetails")
        body = {
            "memberId": self._key(wire.MEMBER_ID, member_id, op.operation),
            "policyId": self._key(wire.POLICY_ID, policy_id, op.operation),
            "customer": details_to_wire(customer),
        }
        data = await self._write(
            "POST", wire.UPDATE_DETAILS_PATH, op.operation, body, idempotent=False
        )
        return read_endorsement(data, op)

    async def configure_webhook(self, *, url: str, access_key: str | None) -> None:
        """Point Bastion's events at ``url`` (``PATCH /vendors/config``).

        Idempotent: it sets values, so sending it twice leaves what sending it once does.
        """
        operation = "configureWebhook"
        # No key given: the key is left out (the document makes it optional), not sent null.
        body: dict[str, Any] = {"webhookURL": url}
        if access_key is not None:
            body["webhookAccessKey"] = access_key
        answer = await self.call(
            "PATCH", wire.VENDOR_CONFIG_PATH, operation=operation, idempotent=True, json=body
        )
        # The answer has no `data`: only the envelope's status is read.
        op = Op(self.name, operation)
        envelope = expect_object(answer.body, op)
        if envelope.get("status") is False:
            raise _refused(self.name, operation, _message(envelope))
        if envelope.get("status") is not True:
            raise wrong_shape(op, "status is missing or not a boolean")


def _refused(upstream: str, operation: str, message: str | None) -> UpstreamRejected:
    """Bastion's refusal, with the fields its message names (``wire.refusal_fields``)."""
    return UpstreamRejected(
        upstream,
        operation,
        status=200,
        field_errors=wire.refusal_fields(message),
        detail=message,
    )


def _message(envelope: Mapping[str, Any]) -> str | None:
    """Bastion's own message, as it wrote it (trimmed); None when it sent none."""
    message = envelope.get("message")
    if not isinstance(message, str) or not message.strip():
        return None
    text = message.strip()
    return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 1] + "…"
