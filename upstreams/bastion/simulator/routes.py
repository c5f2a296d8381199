"""The document's endpoints, one handler each, over a :class:`Store`; and the test bed's.

Where the document is unclear:

- A member that is not there (by `memberId`, in a read or a write) and a plan looked up by
  path answer HTTP 404 with `status: false`. A plan or condition *referred to* in a write
  body (`plan_id`, `newPlanId`, `condition`) is a field of the request, so an unknown one
  is a validation failure: HTTP 200, `status: false`.
- A removed member can be read (status "Deleted") and re-endorsed, but not removed again,
  moved to another plan or edited: those answer `status: false`.
- `remove` and `update-enrollee-details` need the member's own `policyId`; another is
  `status: false`. `update-member-plan` needs `oldPlanId` to be the current plan.
- update-member-plan answers "Re-endorsed Member Successfully.", as the document shows
  (it repeats undo-delete's message). The balance becomes the new plan's annual limit less
  what was already spent.
- A token request's body is optional (`{}` when empty); a bad `expiresIn` is `status:
  false` on HTTP 200 like any other refused field.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from typing import Any, Final, cast

from aiohttp import web

from upstreams.bastion.simulator.auth import Tokens
from upstreams.bastion.simulator.errors import not_found, refused
from upstreams.bastion.simulator.rendering import (
    city_json,
    condition_json,
    details_update_json,
    listing,
    member_read,
    members_details,
    plan_json,
    plan_member,
    provider_json,
    state_json,
    status_member,
    utilization_member,
    write_answer,
)
from upstreams.bastion.simulator.seed import Enrollee
from upstreams.bastion.simulator.store import ProviderQuery, Store
from upstreams.bastion.simulator.validation import (
    Checks,
    check_config,
    check_customer,
    check_expires_in,
    query_int,
    query_member_id,
    read_json,
)
from upstreams.bastion.simulator.webhooks import Webhooks
from upstreams.bastion.wire import (
    ADD_PATH,
    CITIES_PATH,
    CONDITIONS_PATH,
    CUSTOMER_FIELDS,
    DETAILS_FIELDS,
    ENROLLEE_PLAN_PATH,
    ENROLLEE_STATUS_PATH,
    ENROLLEE_STATUSES,
    ENROLLEE_UTILIZATION_PATH,
    EVENTS,
    MEMBER_ID,
    PLAN_ID,
    PLANS_PATH,
    POLICY_ID,
    PROVIDERS_PATH,
    REMOVE_PATH,
    REQUIRED_CUSTOMER_FIELDS,
    REQUIRED_DETAILS_FIELDS,
    STATES_PATH,
    TOKEN_PATH,
    UNDO_DELETE_PATH,
    UPDATE_DETAILS_PATH,
    UPDATE_PLAN_PATH,
    VENDOR_CONFIG_PATH,
    code_for,
)
from upstreams.simulators._kit import json_response

__all__ = ["TOKENS_EXPIRE_PATH", "WEBHOOKS_PATH", "Api", "add_routes", "add_test_bed_routes"]

# The test bed's own routes, beside the kit's `__stats`, `__faults` and `__requests`.
TOKENS_EXPIRE_PATH: Final = "/__tokens/expire"
WEBHOOKS_PATH: Final = "/__webhooks"


def _wire_word(table: Mapping[int | str, str], name: str) -> str:
    code = code_for(table, name)
    if not isinstance(code, str):
        raise AssertionError(f"no wire word for {name}")
    return code


ACTIVE: Final = _wire_word(ENROLLEE_STATUSES, "ACTIVE")
DELETED: Final = _wire_word(ENROLLEE_STATUSES, "REMOVED")
MEMBER_ADDED: Final = _wire_word(EVENTS, "MEMBER_ADDED")
MEMBER_REENDORSED: Final = _wire_word(EVENTS, "MEMBER_REENDORSED")


class Api:
    def __init__(
        self, store: Store, tokens: Tokens, webhooks: Webhooks, now: Callable[[], float]
    ) -> None:
        self.store = store
        self.tokens = tokens
        self.webhooks = webhooks
        self.now = now

    def today(self) -> date:
        return datetime.fromtimestamp(self.now(), UTC).date()

    # -- auth

    async def generate_token(self, request: web.Request) -> web.Response:
        body = await read_json(request, optional=True)
        token = self.tokens.issue(check_expires_in(body))
        return json_response({"status": True, "token": token})

    # -- plans

    async def list_plans(self, request: web.Request) -> web.Response:
        plans = [plan_json(p) for p in self.store.plans.values()]
        return json_response(listing("Broker Plans Retrieved Successfully!", plans))

    async def show_plan(self, request: web.Request) -> web.Response:
        text = request.match_info["id"]
        plan_id = PLAN_ID.parse(text)
        if plan_id is None:
            raise not_found(f"Plan {text} not found")
        plan = self.store.plan(plan_id)
        return json_response(listing("Broker Plan Retrieved Successfully!", plan_json(plan)))

    # -- endorsements

    async def add(self, request: web.Request) -> web.Response:
        store = self.store
        body = await read_json(request)
        checks = Checks()
        reference = checks.text(body, "reference")
        plan_id = checks.plan(body, "plan_id", store)
        policy_id = checks.key(body, "policyId", POLICY_ID)
        changes = check_customer(
            body.get("customer"),
            fields=CUSTOMER_FIELDS,
            required=REQUIRED_CUSTOMER_FIELDS,
            store=store,
            today=self.today(),
            checks=checks,
        )
        checks.done()
        enrollee = Enrollee(
            member_id=store.next_member_id(),
            policy_id=policy_id,
            plan_id=plan_id,
            reference=reference,
            balance=store.plans[plan_id].annual_limit,
            **cast(dict[str, Any], changes),
        )
        store.add(enrollee)
        details = members_details(enrollee)
        self.webhooks.notify(MEMBER_ADDED, details)
        return json_response(write_answer("Endorsement created successfully.", details))

    def _ids(self, body: dict[str, object], *, policy: bool) -> tuple[Enrollee, str]:
        """The member named by `memberId` (404 when unknown) and the body's `policyId`."""
        checks = Checks()
        member_id = checks.key(body, "memberId", MEMBER_ID)
        policy_id = checks.key(body, "policyId", POLICY_ID) if policy else ""
        checks.done()
        enrollee = self.store.enrollee(member_id)
        if policy and policy_id != enrollee.policy_id:
            raise refused(f"Member {member_id} is not on policy {policy_id}")
        return enrollee, policy_id

    @staticmethod
    def _not_removed(enrollee: Enrollee) -> None:
        if enrollee.status == DELETED:
            raise refused(f"Member {enrollee.member_id} has been removed")

    async def remove(self, request: web.Request) -> web.Response:
        enrollee, _ = self._ids(await read_json(request), policy=True)
        if enrollee.status == DELETED:
            raise refused(f"Member {enrollee.member_id} is already removed")
        enrollee.status = DELETED
        data = {
            "success": 1,
            "message": "Endorsement deleted successfully.",
            "memberId": enrollee.member_id,
            "policyId": enrollee.policy_id,
        }
        return json_response({"status": True, "data": data})

    async def undo_delete(self, request: web.Request) -> web.Response:
        enrollee, _ = self._ids(await read_json(request), policy=False)
        if enrollee.status != DELETED:
            raise refused(f"Member {enrollee.member_id} is not removed")
        enrollee.status = ACTIVE
        details = members_details(enrollee)
        self.webhooks.notify(MEMBER_REENDORSED, details)
        return json_response(write_answer("Re-endorsed Member Successfully.", details))

    async def update_plan(self, request: web.Request) -> web.Response:
        store = self.store
        body = await read_json(request)
        checks = Checks()
        checks.key(body, "memberId", MEMBER_ID)
        old_plan = checks.id(body, "oldPlanId", PLAN_ID)
        new_plan = checks.id(body, "newPlanId", PLAN_ID)
        checks.done()
        enrollee, _ = self._ids(body, policy=False)
        self._not_removed(enrollee)
        if old_plan != enrollee.plan_id:
            raise refused(
                f"oldPlanId {old_plan} is not the current plan of member {enrollee.member_id}"
            )
        checks.plan(body, "newPlanId", store)
        checks.done()
        enrollee.plan_id = new_plan
        enrollee.balance = max(0.0, store.plans[new_plan].annual_limit - enrollee.total_spent)
        details = members_details(enrollee)
        return json_response(write_answer("Re-endorsed Member Successfully.", details))

    async def update_details(self, request: web.Request) -> web.Response:
        body = await read_json(request)
        enrollee, _ = self._ids(body, policy=True)
        self._not_removed(enrollee)
        checks = Checks()
        changes = check_customer(
            body.get("customer"),
            fields=DETAILS_FIELDS,
            required=REQUIRED_DETAILS_FIELDS,
            store=self.store,
            today=self.today(),
            checks=checks,
        )
        checks.done()
        for attr, value in changes.items():
            setattr(enrollee, attr, value)
        details = details_update_json(enrollee, self.today())
        return json_response(write_answer("Member Information Updated Successfully.", details))

    async def conditions(self, request: web.Request) -> web.Response:
        found = self.store.matching_conditions(request.query.get("query"))
        # This route alone answers `statusCode` instead of `status`, as the document shows.
        return json_response(
            {
                "statusCode": 200,
                "message": "Successful!",
                "data": [condition_json(c) for c in found],
            }
        )

    # -- enrollee reads

    async def enrollee_status(self, request: web.Request) -> web.Response:
        enrollee = self.store.enrollee(query_member_id(request.query))
        member = status_member(enrollee)
        return json_response(member_read("Member Status Details", "member", member))

    async def enrollee_plan(self, request: web.Request) -> web.Response:
        enrollee = self.store.enrollee(query_member_id(request.query))
        member = plan_member(enrollee, self.store.plans[enrollee.plan_id])
        return json_response(member_read("Member Plan Details", "member", member))

    async def enrollee_utilization(self, request: web.Request) -> web.Response:
        enrollee = self.store.enrollee(query_member_id(request.query))
        member = utilization_member(enrollee, self.store.plans[enrollee.plan_id])
        return json_response(
            member_read("Fetched Member Utilization Successfully.", "membersDetails", member)
        )

    # -- vendor config

    async def vendor_config(self, request: web.Request) -> web.Response:
        url, key = check_config(await read_json(request))
        self.webhooks.configure(url, key)
        return json_response({"status": True, "message": "Configuration updated successfully!"})

    # -- reference data

    async def states(self, request: web.Request) -> web.Response:
        states = [state_json(s) for s in self.store.states]
        return json_response(listing("States/Regions Retrieved Successfully!", states))

    async def cities(self, request: web.Request) -> web.Response:
        state_id = cast(int, query_int(request.query, "state_id", required=True))
        cities = [
            city_json(c.id, c.name, c.state_id) for c in self.store.cities_of.get(state_id, [])
        ]
        return json_response(listing("Cities Retrieved Successfully!", cities))

    async def providers(self, request: web.Request) -> web.Response:
        query = request.query
        found = self.store.matching_providers(
            ProviderQuery(
                provider_type=query_int(query, "provider_type"),
                state_id=query_int(query, "state_id"),
                city_id=query_int(query, "city_id"),
                plan_id=query_int(query, "plan_id"),
                search_text=query.get("search_text"),
            )
        )
        providers = [provider_json(p, self.store) for p in found]
        return json_response(listing("Providers List Retrieved Successfully!", providers))

    # -- the test bed

    async def expire_tokens(self, request: web.Request) -> web.Response:
        self.tokens.expire_all()
        return web.Response(status=204)

    async def webhook_log(self, request: web.Request) -> web.Response:
        return json_response(self.webhooks.snapshot())

    async def clear_webhook_log(self, request: web.Request) -> web.Response:
        self.webhooks.deliveries.clear()
        return web.Response(status=204)


def add_routes(router: web.UrlDispatcher, api: Api) -> web.AbstractResource:
    """The document's routes; answers the token route's resource (the one type I route)."""
    token = router.add_resource(TOKEN_PATH)
    token.add_route("POST", api.generate_token)
    router.add_get(PLANS_PATH, api.list_plans)
    router.add_get(PLANS_PATH + "/{id}", api.show_plan)
    router.add_patch(VENDOR_CONFIG_PATH, api.vendor_config)
    router.add_post(ADD_PATH, api.add)
    router.add_post(REMOVE_PATH, api.remove)
    router.add_post(UNDO_DELETE_PATH, api.undo_delete)
    router.add_post(UPDATE_PLAN_PATH, api.update_plan)
    router.add_post(UPDATE_DETAILS_PATH, api.update_details)
    router.add_get(CONDITIONS_PATH, api.conditions)
    router.add_get(ENROLLEE_STATUS_PATH, api.enrollee_status)
    router.add_get(ENROLLEE_PLAN_PATH, api.enrollee_plan)
    router.add_get(ENROLLEE_UTILIZATION_PATH, api.enrollee_utilization)
    router.add_get(STATES_PATH, api.states)
    router.add_get(CITIES_PATH, api.cities)
    router.add_get(PROVIDERS_PATH, api.providers)
    return token


def add_test_bed_routes(router: web.UrlDispatcher, api: Api) -> tuple[web.AbstractResource, ...]:
    """`POST /__tokens/expire`, `GET` and `DELETE /__webhooks`; answers their resources."""
    expire = router.add_resource(TOKENS_EXPIRE_PATH)
    expire.add_route("POST", api.expire_tokens)
    webhooks = router.add_resource(WEBHOOKS_PATH)
    webhooks.add_route("GET", api.webhook_log)
    webhooks.add_route("DELETE", api.clear_webhook_log)
    return expire, webhooks
