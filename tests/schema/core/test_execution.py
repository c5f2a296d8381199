"""PlannedExecutor answers exactly as Strawberry's standard executor, errors included."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
import strawberry
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from resolvers.core.context import Context
from schema import EXTENSIONS, PLANNED_EXECUTOR
from schema import schema as production_schema
from schema.core.errors import GatewayErrors
from schema.core.execution import (
    PROVEN_VERSIONS,
    ExecutorConflict,
    PlannedExecutor,
    check_extensions,
    installed_minor,
    planned_executor_enabled,
)
from server import build_upstreams
from upstreams.registry import load_settings
from upstreams.simulators import start


@strawberry.enum
class Color(Enum):
    RED = "red"
    BLUE = "blue"


@strawberry.type
class Item:
    name: str
    maybe: str | None
    color: Color
    when: date | None
    count: int
    strict: str

    @strawberry.field
    def computed(self) -> str:
        return self.name.upper()

    @strawberry.field
    async def later(self) -> int:
        await asyncio.sleep(0)
        return self.count * 2

    @strawberry.field
    def greet(self, who: str) -> str:
        return f"{self.name} greets {who}"

    @strawberry.field
    def fails(self) -> str | None:
        raise ValueError("boom")

    @strawberry.field
    def child(self) -> Item | None:
        return None if self.count > 1 else make(self.count + 1)


def make(i: int, **overrides: Any) -> Item:
    values: dict[str, Any] = {
        "name": f"item{i}",
        "maybe": None if i % 2 else f"m{i}",
        "color": Color.RED if i % 2 else Color.BLUE,
        "when": date(2024, 1, i + 1) if i % 3 else None,
        "count": i,
        "strict": f"s{i}",
    }
    values.update(overrides)
    return Item(**values)


@strawberry.type
class Query:
    @strawberry.field
    def items(self) -> list[Item]:
        return [make(i) for i in range(4)]

    @strawberry.field
    def with_null_strict(self) -> list[Item | None]:
        return [make(0), make(1, strict=None)]

    @strawberry.field
    def strict_list(self) -> list[Item] | None:
        return [make(0), make(1, strict=None)]

    @strawberry.field
    def bad_scalar(self) -> list[Item]:
        return [make(0, count="not a number"), make(1, color="purple")]


standard = strawberry.Schema(Query, execution_context_class=StrawberryGraphQLCoreExecutionContext)
planned = strawberry.Schema(Query, execution_context_class=PlannedExecutor)

QUERIES = [
    "{ items { name maybe color when count strict } }",
    "{ items { a: name b: name __typename n: count } }",
    "{ items { ...F ... on Item { maybe name } } } fragment F on Item { name color }",
    "query($s: Boolean!) { items { name @skip(if: $s) count @include(if: $s) color } }",
    '{ items { name computed later greet(who: "you") count } }',
    "{ items { name fails count } }",
    "{ items { name child { name child { name color } } } }",
    "{ withNullStrict { name strict count } }",
    "{ strictList { name strict } }",
    "{ badScalar { name count color } }",
    "{ items { __typename } }",
]


def outcome(result: Any) -> tuple[Any, Any]:
    errors = [
        (e.message, e.path, [(loc.line, loc.column) for loc in e.locations or ()])
        for e in result.errors or ()
    ]
    return result.data, sorted(errors, key=repr)


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("skip", [True, False])
async def test_same_answer_as_the_standard_executor(query: str, skip: bool) -> None:
    variables = {"s": skip}
    expected = await standard.execute(query, variable_values=variables)
    actual = await planned.execute(query, variable_values=variables)
    assert outcome(actual) == outcome(expected)
    if actual.data is not None:
        assert repr(actual.data) == repr(expected.data), "key order must match too"


def test_the_plain_path_is_taken() -> None:
    calls = 0
    original = PlannedExecutor.execute_field

    def counting(self: Any, *args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        return original(self, *args, **kwargs)

    PlannedExecutor.execute_field = counting  # type: ignore[method-assign]
    try:
        result = planned.execute_sync("{ items { name maybe color when count strict } }")
    finally:
        PlannedExecutor.execute_field = original  # type: ignore[method-assign]
    assert not result.errors
    assert calls == 1, "only the root field should take graphql-core's per-field path"


@pytest.fixture
async def context() -> AsyncIterator[Any]:
    sims = await start(port=0, sizes={"scale": 100})
    settings = load_settings(
        {"DATANEXUS_BASE_URL": sims.url("datanexus"), "DATANEXUS_API_KEY": "demo"}
    )
    upstreams = build_upstreams(settings)
    yield lambda: Context(upstreams, "test")
    await upstreams.aclose()
    await sims.close()


PRODUCTION_QUERIES = [
    """{ members(first: 30) { edges { cursor node { id memberId firstName bornOn programStatus
         consents { id category details { name value } memberResponse consentedAt }
         enrollments { programId enrolledAt events { category } }
         household { memberId ... on Member { firstName lastName } __typename } } }
         pageInfo { hasNextPage endCursor } } }""",
    """query($h: Boolean!) { m: member(memberId: "7E8ln") { a: firstName b: firstName
         household @include(if: $h) { memberId city } ...on Member { lastName } } }""",
]


@pytest.mark.parametrize("query", PRODUCTION_QUERIES)
async def test_the_production_schema_answers_the_same_either_way(
    context: Any, query: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    variables = {"h": True}
    actual = await production_schema.execute(
        query, variable_values=variables, context_value=context()
    )
    monkeypatch.setattr(
        production_schema, "execution_context_class", StrawberryGraphQLCoreExecutionContext
    )
    expected = await production_schema.execute(
        query, variable_values=variables, context_value=context()
    )
    assert not expected.errors
    assert outcome(actual) == outcome(expected)
    assert repr(actual.data) == repr(expected.data)


# --- the guard around the planned executor --------------------------------------------------


def _pinned(distribution: str) -> str:
    """The minor version pyproject.toml pins ``distribution`` to (``>=X.Y.z,<X.Y+1``)."""
    text = (Path(__file__).resolve().parents[3] / "pyproject.toml").read_text()
    match = re.search(rf'"{re.escape(distribution)}>=(\d+)\.(\d+)[^,"]*,<(\d+)\.(\d+)"', text)
    assert match, f"{distribution} is not pinned to a minor version in pyproject.toml"
    major, minor, next_major, next_minor = map(int, match.groups())
    assert (next_major, next_minor) == (major, minor + 1), "the pin spans more than one minor"
    return f"{major}.{minor}"


@pytest.mark.parametrize("distribution", sorted(PROVEN_VERSIONS))
def test_installed_and_pinned_versions_are_the_proven_ones(distribution: str) -> None:
    assert installed_minor(distribution) == PROVEN_VERSIONS[distribution]
    assert _pinned(distribution) == PROVEN_VERSIONS[distribution]


class _Tracing(SchemaExtension):
    def resolve(self, _next: Any, root: Any, info: Any, *args: Any, **kwargs: Any) -> Any:
        return _next(root, info, *args, **kwargs)


def test_an_extension_with_a_resolve_hook_is_refused_while_planned() -> None:
    with pytest.raises(ExecutorConflict, match="_Tracing has a resolve hook"):
        check_extensions([GatewayErrors, _Tracing])
    with pytest.raises(ExecutorConflict):
        check_extensions([lambda: _Tracing()])  # a factory, as Strawberry takes them


def test_the_production_extensions_pass_the_guard() -> None:
    check_extensions(EXTENSIONS)


@pytest.mark.parametrize(
    ("value", "enabled"), [(None, True), ("1", True), ("0", False), ("off", False)]
)
def test_the_setting_turns_the_planned_executor_off(value: str | None, enabled: bool) -> None:
    env = {} if value is None else {"PARTNER_GRAPH_PLANNED_EXECUTOR": value}
    assert planned_executor_enabled(env) is enabled


def test_the_schema_runs_the_executor_the_setting_names() -> None:
    # The e2e suite runs twice in `make test`, once with PARTNER_GRAPH_PLANNED_EXECUTOR=0.
    expected = (
        PlannedExecutor if planned_executor_enabled() else StrawberryGraphQLCoreExecutionContext
    )
    assert PLANNED_EXECUTOR is planned_executor_enabled()
    assert production_schema.execution_context_class is expected
