"""A faster executor for pages of plain fields, with GraphQL's semantics unchanged.

graphql-core spends about 3.5 µs on every resolved scalar (resolve info, resolver call,
completion, path bookkeeping), which dominates a page of 100 rows of 15 fields. Most of those
fields are plain attributes: a Strawberry field without a resolver, arguments or extensions,
returning a scalar or an enum. For those, :class:`PlannedExecutor` reads the attribute and
serializes it directly; every other field, and any plain field whose value is null on a
non-null type or fails to serialize, goes through the standard path, which raises exactly
the error graphql-core would. The plan is made once per selection set per request (graphql-
core memoizes the grouped field set for every item of a list, so a list pays for it once).

Selection semantics stay graphql-core's: aliases, fragments and @skip/@include are resolved by
its own field collection before the plan sees the grouped field set; response keys keep the
selection's order.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable, Iterable, Mapping
from importlib.metadata import version
from operator import attrgetter
from typing import Any, Final

from graphql import (
    GraphQLEnumType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLString,
    Undefined,
)
from graphql.pyutils import Path
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

__all__ = [
    "PROVEN_VERSIONS",
    "ExecutorConflict",
    "PlannedExecutor",
    "check_extensions",
    "installed_minor",
    "planned_executor_enabled",
]

# The executor overrides graphql-core's field completion and reads Strawberry's field
# definitions, both private: it is proven against these minor versions only (pyproject.toml
# pins them, and tests/schema/core/test_execution.py fails when the installed ones move).
PROVEN_VERSIONS: Final[Mapping[str, str]] = {"strawberry-graphql": "0.341", "graphql-core": "3.3"}

SETTING: Final = "PARTNER_GRAPH_PLANNED_EXECUTOR"


class ExecutorConflict(RuntimeError):
    """An extension needs every field to pass through graphql-core, which the planned
    executor skips for plain fields."""


def planned_executor_enabled(env: Mapping[str, str] = os.environ) -> bool:
    """On unless ``PARTNER_GRAPH_PLANNED_EXECUTOR=0`` (the standard executor then runs)."""
    return env.get(SETTING, "1").strip() not in ("0", "false", "off", "no")


def installed_minor(distribution: str) -> str:
    return ".".join(version(distribution).split(".")[:2])


def check_extensions(extensions: Iterable[object]) -> None:
    """Refuse, at schema build, an extension whose ``resolve`` hook the executor would skip.

    The planned path completes plain fields without graphql-core's middleware, so a
    ``resolve`` hook (auth, masking, tracing) would silently miss most fields. Such an
    extension needs the standard executor: set PARTNER_GRAPH_PLANNED_EXECUTOR=0.
    """
    for extension in extensions:
        kind = extension if isinstance(extension, type) else None
        if kind is None:
            # A factory (``lambda: MaxTokensLimiter(...)``): look at what it makes.
            made = extension() if callable(extension) else extension
            kind = type(made)
        if not issubclass(kind, SchemaExtension):
            continue
        if kind.resolve is not SchemaExtension.resolve:
            raise ExecutorConflict(
                f"{kind.__name__} has a resolve hook, which the planned executor skips for "
                f"plain fields; turn the planned executor off ({SETTING}=0) to use it"
            )


# (response key, field details, plain leaf or None): a plain leaf is
# (read the attribute, serialize, non-null?, text?).
_Leaf = tuple[Callable[[Any], Any], Callable[[Any], Any], bool, bool]
_Plan = tuple[tuple[str, Any, "_Leaf | None"], ...]


def _plain_leaf(parent_type: GraphQLObjectType, field_details_list: Any) -> _Leaf | None:
    for details in field_details_list:
        other = details.node
        if other.arguments or any(
            d.name.value not in ("skip", "include") for d in other.directives or ()
        ):
            return None
    node = field_details_list[0].node
    name = node.name.value
    if name == "__typename":
        type_name = parent_type.name
        return (lambda _source: type_name), str, True, True
    field_def = parent_type.fields.get(name)
    if field_def is None or field_def.args:
        return None
    if not getattr(field_def.resolve, "_is_default", False):
        return None
    strawberry_field = (field_def.extensions or {}).get("strawberry-definition")
    if strawberry_field is None or not strawberry_field.is_basic_field:
        return None
    gql_type = field_def.type
    non_null = isinstance(gql_type, GraphQLNonNull)
    named = gql_type.of_type if non_null else gql_type
    if not isinstance(named, GraphQLScalarType | GraphQLEnumType):
        return None
    resolver = strawberry_field.default_resolver
    python_name = strawberry_field.python_name
    if resolver is getattr:
        read: Callable[[Any], Any] = attrgetter(python_name)
    else:

        def read(source: Any) -> Any:
            return resolver(source, python_name)

    return read, named.serialize, non_null, named is GraphQLString


class PlannedExecutor(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's executor with a direct path for plain scalar and enum fields."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._plans: dict[int, tuple[Any, _Plan | None]] = {}

    def _plan(self, parent_type: GraphQLObjectType, grouped_field_set: Any) -> _Plan | None:
        key = id(grouped_field_set)
        cached = self._plans.get(key)
        if cached is not None:
            return cached[1]
        entries = tuple(
            (response_key, fdl, _plain_leaf(parent_type, fdl))
            for response_key, fdl in grouped_field_set.items()
        )
        if any(fdl[0].defer_usage is not None for _, fdl, _ in entries):
            plan = None  # @defer has its own bookkeeping: leave it to graphql-core
        else:
            plan = entries if any(leaf is not None for _, _, leaf in entries) else None
        # Keep the grouped field set alive so its id is not reused during this execution.
        self._plans[key] = (grouped_field_set, plan)
        return plan

    def complete_list_value(
        self,
        return_type: Any,
        field_details_list: Any,
        info: Any,
        path: Path,
        result: Any,
        position_context: Any,
    ) -> Any:
        """A list of objects whose selected fields are all plain: one pass, no per-item
        completion chain. Anything irregular (a null item or value where the type forbids
        it, a value that does not serialize, @defer/@stream) takes graphql-core's path for
        the whole list, which reports it exactly."""
        rows = self._plain_rows(return_type, field_details_list, info, path, result)
        if rows is not None:
            return rows
        return super().complete_list_value(
            return_type, field_details_list, info, path, result, position_context
        )

    def _plain_rows(
        self, return_type: Any, field_details_list: Any, info: Any, path: Path, result: Any
    ) -> list[dict[str, Any]] | None:
        item_type = return_type.of_type
        if not isinstance(item_type, GraphQLNonNull) or not isinstance(result, list):
            return None
        object_type = item_type.of_type
        if not isinstance(object_type, GraphQLObjectType):
            return None
        if self.get_stream_usage(field_details_list, path) is not None:
            return None
        grouped, defers, _ = self.collect_subfields(object_type, field_details_list)
        if defers:
            return None
        plan = self._plan(object_type, grouped)
        if plan is None or any(leaf is None for _, _, leaf in plan):
            return None
        leaves = [(key, leaf) for key, _, leaf in plan if leaf is not None]
        is_type_of = object_type.is_type_of
        rows: list[dict[str, Any]] = []
        append = rows.append
        for item in result:
            if item is None or (is_type_of is not None and is_type_of(item, info) is not True):
                return None
            row: dict[str, Any] = {}
            for key, (read, serialize, non_null, text) in leaves:
                try:
                    value = read(item)
                    if text and type(value) is str:
                        row[key] = value
                        continue
                    if value is None:
                        if non_null:
                            return None
                        row[key] = None
                        continue
                    serialized = serialize(value)
                except Exception:
                    return None
                if serialized is None or serialized is Undefined:
                    return None
                row[key] = serialized
            append(row)
        return rows

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        grouped_field_set: Any,
        position_context: Any,
    ) -> Any:
        plan = self._plan(parent_type, grouped_field_set)
        if plan is None:
            return super().execute_fields(
                parent_type, source_value, path, grouped_field_set, position_context
            )
        fast: dict[str, Any] = {}
        rest: dict[str, Any] | None = None
        for response_key, fdl, leaf in plan:
            if leaf is not None:
                read, serialize, non_null, text = leaf
                try:
                    value = read(source_value)
                    if text and type(value) is str:
                        # Text is already text: skip the coercion call, the common case.
                        fast[response_key] = value
                        continue
                    if value is None:
                        if not non_null:
                            fast[response_key] = None
                            continue
                    else:
                        serialized = serialize(value)
                        if serialized is not None and serialized is not Undefined:
                            fast[response_key] = serialized
                            continue
                except Exception:
                    pass
            if rest is None:
                rest = {}
            rest[response_key] = fdl
        if rest is None:
            return fast
        slow = super().execute_fields(parent_type, source_value, path, rest, position_context)
        order = [key for key, _, _ in plan]
        if isinstance(slow, dict):
            return _merge(fast, slow, order)
        return self._merge_later(slow, fast, order)

    async def _merge_later(
        self, slow: Awaitable[dict[str, Any]], fast: dict[str, Any], order: list[str]
    ) -> dict[str, Any]:
        return _merge(fast, await slow, order)


def _merge(fast: dict[str, Any], slow: dict[str, Any], order: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in order:
        if key in fast:
            out[key] = fast[key]
        elif key in slow:
            out[key] = slow[key]
    return out
