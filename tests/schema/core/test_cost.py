"""The cost estimate: each piece counted on documents, never timed."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import orjson
import pytest
from graphql import GraphQLInterfaceType, GraphQLObjectType, parse

from schema import schema
from schema.core import cost as cost_module
from schema.core.cost import (
    COST_KEY,
    DEFAULT_MAX_COST,
    HOUSEHOLD_BOUND,
    MEMBER_SCAN_PAGES,
    CostRefused,
    CostSettings,
    bounded_json,
    estimate,
)
from server import _EXAMPLE

ROOT = Path(__file__).resolve().parents[3]
GRAPHQL = schema._schema


def cost_of(query: str, variables: dict[str, Any] | None = None, **kwargs: Any) -> int:
    found = estimate(GRAPHQL, parse(query), variables, **kwargs)
    assert found is not None
    return found


def household(depth: int, first: int = 100) -> str:
    inner = "household { " * depth + "memberId" + " }" * depth
    return f"{{ members(first: {first}) {{ nodes {{ {inner} }} }} }}"


def documented_queries() -> list[tuple[str, str]]:
    readme = (ROOT / "README.md").read_text()
    found = [
        (f"README #{i}", q)
        for i, q in enumerate(re.findall(r"```graphql\n(.*?)```", readme, re.S), 1)
    ]
    found += [(p.name, p.read_text()) for p in sorted((ROOT / "bench/queries").glob("*.graphql"))]
    found.append(("server._EXAMPLE", _EXAMPLE))
    return found


DOCUMENTED = documented_queries()


def test_the_documented_queries_are_found() -> None:
    # README (5 blocks), bench (3 files) and GraphiQL's example: a moved file must not
    # quietly empty the check below.
    assert len(DOCUMENTED) >= 9


@pytest.mark.parametrize(("name", "query"), DOCUMENTED, ids=[n for n, _ in DOCUMENTED])
def test_every_documented_query_is_under_the_default_limit(name: str, query: str) -> None:
    assert cost_of(query) <= DEFAULT_MAX_COST


def test_every_field_with_a_resolver_declares_its_cost() -> None:
    """No field escapes the limit: a resolver (or a field extension) without ``cost(...)``
    fails here. Strawberry's own resolvers (the Relay ``id``) make no upstream call."""
    missing = []
    for type_name, kind in GRAPHQL.type_map.items():
        if type_name.startswith("__") or not isinstance(
            kind, GraphQLObjectType | GraphQLInterfaceType
        ):
            continue
        for field_name, field in kind.fields.items():
            definition = (field.extensions or {}).get("strawberry-definition")
            if definition is None or definition.is_basic_field:
                continue
            resolver = definition.base_resolver
            module = getattr(getattr(resolver, "wrapped_func", None), "__module__", "")
            if resolver is not None and module.startswith("strawberry."):
                continue
            if COST_KEY not in definition.metadata:
                missing.append(f"{type_name}.{field_name}")
    assert missing == []


def test_plain_fields_cost_nothing_and_a_page_costs_its_call() -> None:
    assert cost_of("{ members(first: 100) { nodes { memberId firstName } } }") == 1
    assert cost_of("{ __typename }") == 0


def test_edges_and_nodes_are_the_same_page() -> None:
    # The connection field multiplies by its page; its lists must not multiply again.
    nodes = cost_of("{ members(first: 30) { nodes { household { memberId } } } }")
    edges = cost_of("{ members(first: 30) { edges { cursor node { household { memberId } } } } }")
    assert nodes == edges == 1 + 30


def test_nested_households_multiply() -> None:
    # A page's households are embedded (partial entries, 1 call bound per member); each deeper
    # level needs whole records (one call per entry) and another household read.
    h = HOUSEHOLD_BOUND
    assert cost_of(household(1)) == 1 + 100 * 1
    assert cost_of(household(2)) == 1 + 100 * (1 + h * (1 + 1))
    six, twelve = cost_of(household(6)), cost_of(household(12))
    assert DEFAULT_MAX_COST < six < twelve
    assert twelve > 100 * h**11


def test_fragments_multiply_like_their_inline_selection() -> None:
    inline = cost_of(
        "{ members(first: 10) { nodes { household { memberId household { memberId } } } } }"
    )
    spread = cost_of(
        "{ members(first: 10) { nodes { ...H } } }"
        " fragment H on Member { household { memberId household { memberId } } }"
    )
    twice = cost_of(
        "{ a: members(first: 10) { nodes { ...H } } b: members(first: 10) { nodes { ...H } } }"
        " fragment H on Member { household { memberId household { memberId } } }"
    )
    assert spread == inline
    assert twice == 2 * inline


def test_a_fragment_bomb_is_walked_once_per_fragment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forty fragments each spreading the previous twice: 2^40 instances, 41 field visits."""
    levels = 40
    fragments = ['fragment F0 on Query { member(memberId: "A5c7X") { memberId } }']
    fragments += [f"fragment F{i} on Query {{ ...F{i - 1} ...F{i - 1} }}" for i in range(1, levels)]
    document = f"{{ ...F{levels - 1} }}\n" + "\n".join(fragments)
    visits = 0
    field = cost_module._Estimator.field

    def counting(self: Any, node: Any, parent: Any) -> int:
        nonlocal visits
        visits += 1
        return field(self, node, parent)

    monkeypatch.setattr(cost_module._Estimator, "field", counting)
    assert cost_of(document) == 2 ** (levels - 1)
    assert visits == 2  # member and memberId, each once


def test_cycles_do_not_hang_the_walk() -> None:
    # Validation refuses cycles before the estimate runs; the walk must still end.
    document = (
        "{ ...A } fragment A on Query { ...B }"
        ' fragment B on Query { ...A member(memberId: "x") { memberId } }'
    )
    assert cost_of(document) >= 1


def test_variables_and_their_defaults_size_the_page() -> None:
    query = "query($n: Int = 7) { members(first: $n) { nodes { household { memberId } } } }"
    assert cost_of(query, {"n": 3}) == 1 + 3
    assert cost_of(query) == 1 + 7
    # A value that will fail coercion counts as the cap meanwhile.
    assert cost_of(query, {"n": "many"}) == 1 + 100
    assert cost_of("{ members(last: 5) { nodes { memberId } } }") == MEMBER_SCAN_PAGES


def test_skip_and_include_are_honoured_when_known_and_counted_otherwise() -> None:
    query = "query($s: Boolean) { members(first: 10) @skip(if: $s) { nodes { memberId } } }"
    assert cost_of(query, {"s": True}) == 0
    assert cost_of(query, {"s": False}) == 1
    assert cost_of(query) == 1  # unknown: counted
    assert cost_of('{ member(memberId: "x") @include(if: false) { memberId } }') == 0


def test_a_filtered_members_page_may_read_many_pages_so_aliases_add_up() -> None:
    one = '{ members(first: 100, filter: {city: {startsWith: "S"}}) { nodes { memberId } } }'
    assert cost_of(one) == MEMBER_SCAN_PAGES
    aliases = " ".join(f"a{i}: {one[1:-1]}" for i in range(100))
    assert cost_of("{ " + aliases + " }") == 100 * MEMBER_SCAN_PAGES > DEFAULT_MAX_COST


def test_nodes_cost_one_call_per_id_and_refuse_too_many() -> None:
    query = "query($ids: [ID!]!) { nodes(ids: $ids) { id } }"
    assert cost_of(query, {"ids": ["a"] * 30}) == 30
    with pytest.raises(CostRefused) as refused:
        cost_of(query, {"ids": ["a"] * 101})
    assert refused.value.extensions == {"code": "BAD_USER_INPUT", "argument": "ids", "limit": 100}
    assert cost_of(query, {"ids": ["a"] * 101}, max_ids=200) == 101


def test_interfaces_and_inline_fragments_count_every_branch() -> None:
    query = """{ organizations(first: 2) { nodes { memberships(first: 3) { nodes {
        account { accountId ... on ProviderAccount {
            memberships(first: 4) { nodes { directAddress } } } }
    } } } } }"""
    # organizations 1 + 2 * (memberships 1 + 3 * (account 1 + memberships 1))
    assert cost_of(query) == 1 + 2 * (1 + 3 * (1 + 1))


def test_settings_come_from_the_environment() -> None:
    assert CostSettings.from_env({}) == CostSettings(1_000, 100, 8 * 1024 * 1024)
    env = {
        "PARTNER_GRAPH_MAX_COST": "5000",
        "PARTNER_GRAPH_MAX_NODE_IDS": "10",
        "PARTNER_GRAPH_MAX_RESPONSE_BYTES": "1_000",
    }
    assert CostSettings.from_env(env) == CostSettings(5000, 10, 1000)
    with pytest.raises(ValueError, match="PARTNER_GRAPH_MAX_COST"):
        CostSettings.from_env({"PARTNER_GRAPH_MAX_COST": "0"})


def test_a_result_over_the_bound_becomes_an_error() -> None:
    small = {"data": {"x": "y"}}
    assert bounded_json(small, 100) == orjson.dumps(small)
    big = {"data": {"x": "y" * 200}}
    body = orjson.loads(bounded_json(big, 100))
    assert body["data"] is None
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "RESPONSE_TOO_LARGE"
    assert error["extensions"]["maxResponseBytes"] == 100
    # Not a GraphQL result (a websocket protocol message): sent as it is.
    assert bounded_json({"type": "x" * 200}, 100) == orjson.dumps({"type": "x" * 200})
