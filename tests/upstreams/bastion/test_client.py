from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from upstreams import (
    KeyRefused,
    UpstreamNotFound,
    UpstreamProtocolError,
    UpstreamRejected,
    UpstreamUnauthorized,
    UpstreamUnavailable,
)
from upstreams.bastion import BastionClient, customer_to_wire, details_to_wire, wire
from upstreams.bastion.client import _CUSTOMER
from upstreams.config import UpstreamSettings

Route = Callable[[httpx.Request], httpx.Response]
BASIC = base64.b64encode(b"demo:demo").decode()


def ok(data: Any, **extra: Any) -> httpx.Response:
    return httpx.Response(
        200, json={"status": True, "message": "Successful!", "data": data, **extra}
    )


def member(**extra: Any) -> dict[str, Any]:
    return {"memberId": "100004976", "policyId": "2058", "firstName": "John", **extra}


def written(**extra: Any) -> httpx.Response:
    return ok({"success": 1, "message": "done", "membersDetails": member(**extra)})


PLAN = {
    "id": 10052,
    "name": "Gold Plan",
    "description": "Lorem",
    "category": "string",
    "state": "Published",
    "premium": 64500.00,
}


class Bastion:
    """A stand-in Bastion for one test: issues tok1, tok2, ...; routes by path; records."""

    def __init__(self, routes: dict[str, Route] | None = None) -> None:
        self.routes = routes or {}
        self.issued = 0
        self.token_bodies: list[Any] = []
        self.requests: list[httpx.Request] = []
        self.refused: set[str] = set()  # tokens answered 401
        self.token_gate: asyncio.Event | None = None

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path == wire.TOKEN_PATH:
            assert request.method == "POST"
            assert request.headers[wire.AUTH_HEADER] == BASIC
            self.token_bodies.append(json.loads(request.content))
            self.issued += 1
            if self.token_gate is not None:
                await self.token_gate.wait()
            return httpx.Response(200, json={"status": True, "token": f"tok{self.issued}"})
        self.requests.append(request)
        if request.headers.get(wire.AUTH_HEADER) in self.refused:
            return httpx.Response(401, json={"status": False, "message": "jwt expired"})
        route = self.routes.get(path)
        if route is None:
            return httpx.Response(404, json={"status": False, "message": "Not found"})
        return route(request)

    def tokens_sent(self) -> list[str | None]:
        return [r.headers.get(wire.AUTH_HEADER) for r in self.requests]

    def body(self, index: int = -1) -> Any:
        return json.loads(self.requests[index].content)


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def client(
    bastion: Bastion, *, clock: Clock | None = None, retries: int = 2, **kw: Any
) -> BastionClient:
    settings = UpstreamSettings(
        name="bastion",
        base_url="http://bastion.test",
        credentials={"USERNAME": "demo", "PASSWORD": "demo"},
        retries=retries,
    )
    return BastionClient(
        settings,
        transport=httpx.MockTransport(bastion),
        backoff_s=0.001,
        clock=clock or Clock(),
        **kw,
    )


def plans() -> Route:
    return lambda request: ok([PLAN])


# --- the token -------------------------------------------------------------------------


async def test_the_token_is_requested_once_as_documented_and_reused() -> None:
    bastion = Bastion({wire.PLANS_PATH: plans()})
    c = client(bastion)
    for _ in range(3):
        assert [p["id"] for p in await c.list_plans()] == [10052]
    assert bastion.issued == 1
    assert bastion.token_bodies == [{"expiresIn": 3600}]
    assert bastion.tokens_sent() == ["tok1"] * 3
    request = bastion.requests[0]
    assert request.method == "GET"
    assert request.url.path == "/api/v2/vendors/plans"
    assert request.headers["accept"] == "application/json"


async def test_the_token_life_is_a_constructor_argument() -> None:
    bastion = Bastion({wire.PLANS_PATH: plans()})
    await client(bastion, token_ttl_s=600).list_plans()
    never = Bastion({wire.PLANS_PATH: plans()})
    await client(never, token_ttl_s=None).list_plans()
    assert bastion.token_bodies == [{"expiresIn": 600}]
    assert never.token_bodies == [{}]  # no expiresIn: a token that does not expire


async def test_a_token_expiring_mid_run_is_renewed_before_use() -> None:
    clock = Clock()
    bastion = Bastion({wire.PLANS_PATH: plans()})
    c = client(bastion, clock=clock)
    await c.list_plans()
    clock.now += 3600 - 31  # still outside the 30 s margin
    await c.list_plans()
    clock.now += 2  # inside it: renewed before the request, never a 401
    await c.list_plans()
    assert bastion.tokens_sent() == ["tok1", "tok1", "tok2"]
    assert bastion.issued == 2


async def test_twenty_concurrent_requests_share_one_token_call() -> None:
    bastion = Bastion({wire.PLANS_PATH: plans()})
    bastion.token_gate = asyncio.Event()
    c = client(bastion)
    calls = [asyncio.ensure_future(c.list_plans()) for _ in range(20)]
    for _ in range(5):
        await asyncio.sleep(0)
    bastion.token_gate.set()
    results = await asyncio.gather(*calls)
    assert len(results) == 20
    assert bastion.issued == 1
    assert bastion.tokens_sent() == ["tok1"] * 20


async def test_a_read_refused_with_401_renews_once_and_is_replayed_once() -> None:
    bastion = Bastion({wire.PLANS_PATH: plans()})
    c = client(bastion)
    await c.list_plans()
    bastion.refused.add("tok1")  # Bastion forgot the token early (a restart)
    assert len(await c.list_plans()) == 1
    assert bastion.tokens_sent() == ["tok1", "tok1", "tok2"]
    assert bastion.issued == 2


async def test_concurrent_reads_refused_with_401_cause_one_renewal() -> None:
    bastion = Bastion({wire.PLANS_PATH: plans()})
    c = client(bastion)
    await c.list_plans()
    bastion.refused.add("tok1")
    await asyncio.gather(*(c.list_plans() for _ in range(10)))
    assert bastion.issued == 2
    assert bastion.tokens_sent().count("tok2") == 10


async def test_a_write_refused_with_401_is_not_replayed() -> None:
    bastion = Bastion({wire.REMOVE_PATH: lambda r: ok({"success": 1, "memberId": "1"})})
    c = client(bastion)
    assert c.tokens is not None
    await c.tokens.get()
    bastion.refused.add("tok1")
    with pytest.raises(UpstreamUnauthorized) as info:
        await c.remove_endorsement(member_id="100004976", policy_id="2058")
    assert info.value.code == "UNAUTHENTICATED"
    assert not info.value.outcome_unknown  # refused: known not applied
    assert bastion.tokens_sent() == ["tok1"]
    # Renewed before raising, so the caller's next attempt goes through.
    assert bastion.issued == 2
    assert (await c.remove_endorsement(member_id="100004976", policy_id="2058"))["member_id"] == "1"
    assert bastion.tokens_sent() == ["tok1", "tok2"]


async def test_a_fresh_token_refused_too_is_unauthorized() -> None:
    bastion = Bastion({wire.PLANS_PATH: plans()})
    bastion.refused.update({"tok1", "tok2", "tok3"})
    with pytest.raises(UpstreamUnauthorized):
        await client(bastion).list_plans()
    assert bastion.tokens_sent() == ["tok1", "tok2"]


async def test_credentials_refused_by_the_token_call() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"status": False, "message": "Invalid credentials"})

    for answer in (refuse, lambda r: httpx.Response(401, json={"status": False})):

        def handler(request: httpx.Request, answer: Route = answer) -> httpx.Response:
            assert request.url.path == wire.TOKEN_PATH
            return answer(request)

        c = BastionClient(
            UpstreamSettings(
                name="bastion",
                base_url="http://b.test",
                credentials={"USERNAME": "demo", "PASSWORD": "sekrit"},
            ),
            transport=httpx.MockTransport(handler),
        )
        with pytest.raises(UpstreamUnauthorized) as info:
            await c.list_plans()
        assert "sekrit" not in str(info.value)
        assert base64.b64encode(b"demo:sekrit").decode() not in str(info.value)


async def test_a_token_answer_without_a_token_is_an_upstream_error() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"status": True, "token": ""})

    c = BastionClient(
        UpstreamSettings(name="bastion", base_url="http://b.test"),
        transport=httpx.MockTransport(handler),
    )
    with pytest.raises(UpstreamProtocolError):
        await c.list_plans()


async def test_a_token_call_lost_to_a_passing_503_is_retried() -> None:
    issued = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal issued
        if request.url.path == wire.TOKEN_PATH:
            issued += 1
            if issued == 1:
                return httpx.Response(503)
            return httpx.Response(200, json={"status": True, "token": "tok"})
        return ok([PLAN])

    c = BastionClient(
        UpstreamSettings(name="bastion", base_url="http://b.test"),
        transport=httpx.MockTransport(handler),
        backoff_s=0.001,
    )
    assert len(await c.list_plans()) == 1
    assert issued == 2


async def test_a_failed_token_call_fails_the_waiting_write_as_not_sent() -> None:
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.path)
        return httpx.Response(503)

    c = BastionClient(
        UpstreamSettings(name="bastion", base_url="http://b.test", retries=0),
        transport=httpx.MockTransport(handler),
    )
    with pytest.raises(UpstreamUnavailable):
        await c.undo_removal(member_id="100004976")
    assert calls == [wire.TOKEN_PATH]


# --- envelopes and errors --------------------------------------------------------------


async def test_status_false_with_http_200_is_rejected_with_bastions_message() -> None:
    message = "Policy 2058 does not belong to this vendor"

    def refuse(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"status": False, "message": message})

    bastion = Bastion({wire.ADD_PATH: refuse, wire.PLANS_PATH: refuse})
    c = client(bastion)
    with pytest.raises(UpstreamRejected) as info:
        await c.add_endorsement(
            reference="R1", plan_id=85, policy_id="2058", customer={"first_name": "John"}
        )
    assert info.value.code == "BAD_USER_INPUT"
    assert info.value.detail == message
    assert message in str(info.value)
    assert not info.value.outcome_unknown
    with pytest.raises(UpstreamRejected):
        await c.list_plans()


async def test_success_0_inside_status_true_is_a_refusal() -> None:
    def half(request: httpx.Request) -> httpx.Response:
        return ok({"success": 0, "message": "Member already removed"})

    with pytest.raises(UpstreamRejected) as info:
        await client(Bastion({wire.REMOVE_PATH: half})).remove_endorsement(
            member_id="100004976", policy_id="2058"
        )
    assert info.value.detail == "Member already removed"


async def test_http_400_keeps_the_message_and_401_does_not() -> None:
    def bad(request: httpx.Request) -> httpx.Response:
        return httpx.Response(400, json={"status": False, "message": "phone is invalid"})

    with pytest.raises(UpstreamRejected) as info:
        await client(Bastion({wire.UPDATE_PLAN_PATH: bad})).change_plan(
            member_id="100004976", old_plan_id=85, new_plan_id=86
        )
    assert info.value.detail == "phone is invalid"
    assert info.value.status == 400


async def test_conditions_answer_status_code() -> None:
    seen: list[httpx.Request] = []

    def conditions(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(
            200,
            json={
                "statusCode": 200,
                "message": "Successful!",
                "data": [
                    {
                        "id": "651",
                        "pec_name": "Abdominal pregnancy",
                        "pec_chapter_id": "14",
                        "pec_status": "1",
                    }
                ],
            },
        )

    c = client(Bastion({wire.CONDITIONS_PATH: conditions}))
    found = await c.search_conditions("abdominal")
    assert found == [{"id": 651, "name": "Abdominal pregnancy", "chapter_id": 14, "active": True}]
    await c.search_conditions(None)
    assert [dict(r.url.params) for r in seen] == [{"query": "abdominal"}, {}]


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ({"statusCode": 400, "message": "query too short"}, UpstreamRejected),
        ({"statusCode": 500, "message": "boom"}, UpstreamProtocolError),
        ({"status": True, "data": []}, UpstreamProtocolError),  # not this call's envelope
        ({"statusCode": "200", "data": []}, UpstreamProtocolError),
        ({"statusCode": 200, "data": {"id": 1}}, UpstreamProtocolError),
    ],
)
async def test_conditions_failures(body: dict[str, Any], kind: type[Exception]) -> None:
    c = client(Bastion({wire.CONDITIONS_PATH: lambda r: httpx.Response(200, json=body)}))
    with pytest.raises(kind):
        await c.search_conditions("a")


@pytest.mark.parametrize(
    "body",
    [
        {"status": True, "data": {"id": 1}},  # an object where a list belongs
        {"status": True, "data": None},
        {"status": True},
        {"status": "true", "data": []},
        {"data": []},
        [PLAN],
        {"status": True, "data": [PLAN, "x"]},
        {"status": True, "data": [{"name": "no id"}]},
    ],
)
async def test_wrong_shapes_are_upstream_errors_never_empty_lists(body: Any) -> None:
    c = client(Bastion({wire.PLANS_PATH: lambda r: httpx.Response(200, json=body)}))
    with pytest.raises(UpstreamProtocolError) as info:
        await c.list_plans()
    assert info.value.extensions["code"] == "UPSTREAM_ERROR"
    assert info.value.extensions["upstream"] == "bastion"


async def test_an_empty_list_is_an_empty_list() -> None:
    assert await client(Bastion({wire.PLANS_PATH: lambda r: ok([])})).list_plans() == []


# --- reads -----------------------------------------------------------------------------


async def test_get_plan_and_its_absence() -> None:
    bastion = Bastion({f"{wire.PLANS_PATH}/10052": lambda r: ok(PLAN)})
    c = client(bastion)
    plan = await c.get_plan(10052)
    assert plan is not None
    assert plan["name"] == "Gold Plan"
    assert await c.get_plan(7) is None
    with pytest.raises(KeyRefused):
        await c.get_plan(0)
    assert [r.url.path for r in bastion.requests] == [
        "/api/v2/vendors/plans/10052",
        "/api/v2/vendors/plans/7",
    ]


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        (
            "enrollee_status",
            wire.ENROLLEE_STATUS_PATH,
            {"success": 1, "member": member(status="Active")},
        ),
        (
            "enrollee_plan",
            wire.ENROLLEE_PLAN_PATH,
            {"success": 1, "member": member(planId="85", planName="Plan")},
        ),
        (
            "enrollee_utilization",
            wire.ENROLLEE_UTILIZATION_PATH,
            {"success": 1, "membersDetails": member(totalSpent=999, balance=9999999)},
        ),
    ],
)
async def test_enrollee_reads(method: str, path: str, data: Any) -> None:
    bastion = Bastion({path: lambda r: ok(data)})
    c = client(bastion)
    record = await getattr(c, method)("100004976")
    assert record["enrollee"]["member_id"] == "100004976"
    assert bastion.requests[0].url.path == path
    assert dict(bastion.requests[0].url.params) == {"memberId": "100004976"}
    # 404: None; an id outside the format: refused before any request.
    absent = Bastion({path: lambda r: httpx.Response(404, json={"status": False})})
    assert await getattr(client(absent), method)("100004977") is None
    with pytest.raises(KeyRefused):
        await getattr(c, method)("1&memberId=2")
    assert len(bastion.requests) == 1


async def test_enrollee_reads_of_the_wrong_shape() -> None:
    c = client(Bastion({wire.ENROLLEE_STATUS_PATH: lambda r: ok({"member": member()})}))
    with pytest.raises(UpstreamProtocolError):
        await c.enrollee_status("100004976")  # no status


async def test_states_cities_and_providers() -> None:
    bastion = Bastion(
        {
            wire.STATES_PATH: lambda r: ok([{"id": 15, "name": "Abuja (FCT)", "country_id": 162}]),
            wire.CITIES_PATH: lambda r: ok([{"id": 271, "name": "Gwagwalada", "state_id": 15}]),
            wire.PROVIDERS_PATH: lambda r: ok(
                [{"name": "ABC Health", "category": "Hospital", "rating": "5"}]
            ),
        }
    )
    c = client(bastion)
    assert (await c.list_states())[0]["country_id"] == 162
    assert (await c.list_cities(15))[0]["region_id"] == 15
    providers = await c.list_providers(
        provider_type="HOSPITAL", region_id=10, city_id=115, search_text="ABC Health", plan_id=85
    )
    assert providers[0]["type"] == "HOSPITAL"
    assert providers[0]["rating"] == 5.0
    await c.list_providers()
    params = [dict(r.url.params) for r in bastion.requests]
    assert params == [
        {},
        {"state_id": "15"},
        {
            "provider_type": "1",
            "state_id": "10",
            "city_id": "115",
            "search_text": "ABC Health",
            "plan_id": "85",
        },
        {},
    ]
    assert "search_text=ABC%20Health" in str(bastion.requests[2].url)
    with pytest.raises(ValueError, match="provider type"):
        await c.list_providers(provider_type="Hospital")
    with pytest.raises(KeyRefused):
        await c.list_cities(-1)


async def test_health_proves_the_token_and_a_read() -> None:
    bastion = Bastion({wire.PLANS_PATH: plans()})
    assert await client(bastion).health() is True
    assert bastion.issued == 1
    assert [r.url.path for r in bastion.requests] == [wire.PLANS_PATH]


# --- writes ----------------------------------------------------------------------------

CUSTOMER: dict[str, Any] = {
    "first_name": "John",
    "middle_name": None,
    "last_name": "Doe",
    "email": "john@example.com",
    "dob": "1990-05-17",
    "gender": "MALE",
    "phone": "+2348012345678",
    "relation": "SELF",
    "marital_status": "MARRIED",
    "country": 162,
    "state": 15,
    "city": 271,
    "address": "1 Main St",
    "genotype": "AS",
    "blood_group": "A_POSITIVE",
    "religion": "OTHER",
    "employee_id": "E-1",
    "national_id": "N-1",
    "nin_number": "12345678901",
    "height": 1.8,
    "weight": 80,
    "pre_existing_condition": True,
    "conditions": [651, 14],
}


def test_the_neutral_customer_in_the_wires_words() -> None:
    assert customer_to_wire(CUSTOMER) == {
        "firstName": "John",
        "lastName": "Doe",
        "_email": "john@example.com",
        "dob": "1990-05-17",
        "gender": "Male",
        "phone": "+2348012345678",
        "relation": "Self",
        "maritalStatus": 2,
        "country": 162,
        "state": 15,
        "city": 271,
        "address": "1 Main St",
        "genotype": 6,
        "bloodGroup": 1,
        "religion": 5,
        "employeeId": "E-1",
        "nationalId": "N-1",
        "ninNumber": "12345678901",
        "height": 1.8,
        "weight": 80,
        "preExistingCondition": 1,
        "condition": [651, 14],
    }
    assert customer_to_wire({"pre_existing_condition": False}) == {"preExistingCondition": 0}


def test_every_documented_customer_field_has_a_neutral_name() -> None:
    assert tuple(wire_key for wire_key, _ in _CUSTOMER.values()) == wire.CUSTOMER_FIELDS


@pytest.mark.parametrize(
    "customer",
    [
        {"marital_status": "Married"},  # the wire's word, not the graph's
        {"blood_group": "A+"},
        {"gender": "Male"},
        {"relation": "GRAND_MOTHER"},
        {"genotype": 6},
        {"nickname": "Johnny"},
        {"member_id": "100004976"},
        {"dob": "17-05-1990"},
        {"country": "162"},
        {"pre_existing_condition": 1},
        {"conditions": ["x"]},
        {"height": float("nan")},
    ],
)
def test_customers_the_graph_should_have_refused(customer: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match=r"customer|not a field") as info:
        customer_to_wire(customer)
    for value in customer.values():
        if isinstance(value, str) and len(value) > 3:
            assert value not in str(info.value)


def test_details_take_the_personal_fields_only() -> None:
    assert details_to_wire({"first_name": "Jonny", "email": "j@x.y", "dob": "1962-01-10"}) == {
        "firstName": "Jonny",
        "_email": "j@x.y",
        "dob": "1962-01-10",
    }
    with pytest.raises(ValueError, match="marital_status"):
        details_to_wire({"marital_status": "MARRIED"})


async def test_add_endorsement_sends_the_documented_body() -> None:
    bastion = Bastion({wire.ADD_PATH: lambda r: written(planId="85", maritalStatus=2)})
    record = await client(bastion).add_endorsement(
        reference="REF-1", plan_id=85, policy_id="2058", customer=CUSTOMER
    )
    assert record["member_id"] == "100004976"
    assert record["plan_id"] == 85
    assert record["marital_status"] == "MARRIED"
    request = bastion.requests[0]
    assert request.method == "POST"
    assert request.url.path == "/api/v2/endorsement/add"
    assert request.headers["content-type"] == "application/json"
    assert request.headers[wire.AUTH_HEADER] == "tok1"
    assert bastion.body() == {
        "reference": "REF-1",
        "plan_id": 85,
        "policyId": "2058",
        "customer": customer_to_wire(CUSTOMER),
    }


@pytest.mark.parametrize(
    ("call", "path", "body"),
    [
        (
            lambda c: c.remove_endorsement(member_id="100004976", policy_id="2058"),
            wire.REMOVE_PATH,
            {"memberId": "100004976", "policyId": "2058"},
        ),
        (
            lambda c: c.undo_removal(member_id="100004976"),
            wire.UNDO_DELETE_PATH,
            {"memberId": "100004976"},
        ),
        (
            lambda c: c.change_plan(member_id="100004976", old_plan_id=85, new_plan_id=86),
            wire.UPDATE_PLAN_PATH,
            {"memberId": "100004976", "oldPlanId": 85, "newPlanId": 86},
        ),
        (
            lambda c: c.update_details(
                member_id="100004976",
                policy_id="2058",
                customer={"first_name": "Jonny", "gender": "MALE"},
            ),
            wire.UPDATE_DETAILS_PATH,
            {
                "memberId": "100004976",
                "policyId": "2058",
                "customer": {"firstName": "Jonny", "gender": "Male"},
            },
        ),
    ],
)
async def test_endorsement_writes_send_the_documented_bodies(
    call: Callable[[BastionClient], Any], path: str, body: dict[str, Any]
) -> None:
    answer = (
        ok({"success": 1, "message": "deleted", "memberId": "100004976", "policyId": "2058"})
        if path == wire.REMOVE_PATH
        else written(dob="10-01-1962")
    )
    bastion = Bastion({path: lambda r: answer})
    record = await call(client(bastion))
    assert record["member_id"] == "100004976"
    assert [(r.method, r.url.path) for r in bastion.requests] == [("POST", path)]
    assert bastion.body() == body


async def test_writes_are_sent_once() -> None:
    bastion = Bastion({wire.UNDO_DELETE_PATH: lambda r: httpx.Response(503)})
    with pytest.raises(UpstreamUnavailable) as info:
        await client(bastion).undo_removal(member_id="100004976")
    assert len(bastion.requests) == 1
    assert info.value.outcome_unknown


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.remove_endorsement(member_id="../x", policy_id="2058"),
        lambda c: c.remove_endorsement(member_id="100004976", policy_id="2058?x=1"),
        lambda c: c.undo_removal(member_id=""),
        lambda c: c.change_plan(member_id="100004976", old_plan_id=0, new_plan_id=86),
        lambda c: c.add_endorsement(reference="R", plan_id=-5, policy_id="2058", customer={}),
    ],
)
async def test_ids_outside_their_format_are_refused_before_sending(
    call: Callable[[BastionClient], Any],
) -> None:
    bastion = Bastion()
    with pytest.raises(KeyRefused):
        await call(client(bastion))
    assert bastion.requests == []


async def test_a_write_result_of_the_wrong_shape_may_have_been_applied() -> None:
    bastion = Bastion({wire.UNDO_DELETE_PATH: lambda r: ok({"success": 1, "message": "ok"})})
    with pytest.raises(UpstreamProtocolError):
        await client(bastion).undo_removal(member_id="100004976")


async def test_configure_webhook_is_an_idempotent_patch() -> None:
    calls = 0

    def config(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        if calls == 1:
            return httpx.Response(503)
        return httpx.Response(
            200, json={"status": True, "message": "Configuration updated successfully!"}
        )

    bastion = Bastion({wire.VENDOR_CONFIG_PATH: config})
    c = client(bastion)
    await c.configure_webhook(url="https://gw.example/hooks/bastion", access_key="k1")
    await c.configure_webhook(url="https://gw.example/hooks/bastion", access_key=None)
    assert [r.method for r in bastion.requests] == ["PATCH"] * 3  # the 503 was retried
    assert [json.loads(r.content) for r in bastion.requests] == [
        {"webhookURL": "https://gw.example/hooks/bastion", "webhookAccessKey": "k1"},
        {"webhookURL": "https://gw.example/hooks/bastion", "webhookAccessKey": "k1"},
        {"webhookURL": "https://gw.example/hooks/bastion"},
    ]
    refused = Bastion(
        {
            wire.VENDOR_CONFIG_PATH: lambda r: httpx.Response(
                200, json={"status": False, "message": "webhookURL must be a URI"}
            )
        }
    )
    with pytest.raises(UpstreamRejected) as info:
        await client(refused).configure_webhook(url="nope", access_key=None)
    assert info.value.detail == "webhookURL must be a URI"


async def test_not_found_writes_are_not_found() -> None:
    bastion = Bastion(
        {
            wire.UNDO_DELETE_PATH: lambda r: httpx.Response(
                404, json={"status": False, "message": "Member not found"}
            )
        }
    )
    with pytest.raises(UpstreamNotFound) as info:
        await client(bastion).undo_removal(member_id="100004976")
    assert info.value.detail == "Member not found"
