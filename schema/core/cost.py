"""The cost limit, computed before execution, and the bound on a response's size.

Each field that can cause upstream calls declares, beside itself, what it costs per parent
instance (``metadata=cost(...)``): the upstream calls it can cause, and how many instances of
its selection it yields (a page size, a number of ids, a fixed bound for a list without a size
argument). A query's cost is, over its selection::

    cost(selection) = sum over its fields f of
                      calls(f) + size(f) * (item_calls(f) + cost(f's selection))

so nested lists multiply (``members(first: 100) { nodes { household { household … } } } }``
grows as 100 * H * H ...). The estimate is an upper bound on the upstream calls: it ignores the
de-duplication of the per-request loaders and counts a call wherever a field *can* make one.

The walk is linear in the document: a fragment's cost per instance is computed once and
multiplied at each spread (cycles, refused by validation, cannot hang it either). Variables
count (``first: $n``); ``@skip``/``@include`` are honoured when their condition is a literal
or a variable that was sent, and counted (conservatively) otherwise.

Over the limit, the operation is refused before any resolver runs, as one GraphQL error with
``extensions.code: COST_LIMIT_EXCEEDED``, ``cost`` (the estimate) and ``costLimit``. More ids
in a list argument than allowed (``nodes(ids:)``) is ``BAD_USER_INPUT``, also before any call.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Final

import orjson
from graphql import (
    BooleanValueNode,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
)
from graphql import ExecutionResult as GraphQLExecutionResult
from graphql.utilities import get_operation_ast, value_from_ast_untyped
from strawberry.extensions import SchemaExtension

from resolvers.core.paging import MAX_PAGE_SIZE

__all__ = [
    "COST_KEY",
    "DEFAULT_LIST_BOUND",
    "DEFAULT_MAX_COST",
    "DEFAULT_MAX_IDS",
    "DEFAULT_MAX_RESPONSE_BYTES",
    "EMBEDDED_LIST_BOUND",
    "HOUSEHOLD_BOUND",
    "IDS",
    "MEMBER_SCAN_PAGES",
    "PAGE",
    "ArgumentLength",
    "CostLimit",
    "CostRefused",
    "CostSettings",
    "FieldCost",
    "PageSize",
    "bounded_json",
    "cost",
    "estimate",
    "scan",
]

COST_KEY: Final = "partner_graph.cost"

# A list without a size argument and without a declared bound: the page cap, so that an
# undeclared list can never make its selection cheaper than a page of it would be.
DEFAULT_LIST_BOUND: Final = MAX_PAGE_SIZE
# Datanexus documents no bound on a household; the simulator's households hold 1 to 6
# members. 10 is the bound the estimate takes (the member excluded): generous for families,
# and exponential fan-out under it is still refused after two levels of a full page.
HOUSEHOLD_BOUND: Final = 10
# Consents and enrollments are embedded in the member record; a member holds a few of each.
EMBEDDED_LIST_BOUND: Final = 20
# A members list the gateway filters (or reads to its end for `last` without `before`) reads
# upstream pages of 100 until the page is full: 20 pages is 2,000 members, the simulator's
# default size. A bound: the members scanner stops there (resolvers/members/listing.py).
MEMBER_SCAN_PAGES: Final = 20
# Estimates saturate here: the largest integer a JavaScript client reads exactly.
_CEILING: Final = 2**53 - 1

Args = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class PageSize:
    """A connection's page: ``first`` or ``last``, else the cap (the resolver's default)."""

    cap: int = MAX_PAGE_SIZE

    def __call__(self, args: Args) -> int:
        for name in ("first", "last"):
            value = args.get(name)
            if value is None:
                continue
            # Anything but an integer fails coercion later: count the cap meanwhile.
            if isinstance(value, bool) or not isinstance(value, int):
                return self.cap
            return max(0, min(value, self.cap))
        return self.cap


@dataclass(frozen=True, slots=True)
class ArgumentLength:
    """The number of items in a list argument (``nodes(ids:)``), refused over the setting."""

    name: str = "ids"

    def __call__(self, args: Args) -> int:
        value = args.get(self.name)
        return len(value) if isinstance(value, list) else 1


PAGE: Final = PageSize()
IDS: Final = ArgumentLength("ids")


def scan(pages: int = MEMBER_SCAN_PAGES) -> Callable[[Args], int]:
    """One call, or ``pages`` when the gateway may read several upstream pages for one."""

    def calls(args: Args) -> int:
        filtered = args.get("filter") is not None
        tail = args.get("last") is not None and args.get("before") is None
        return pages if filtered or tail else 1

    return calls


Amount = int | Callable[[Args], int]


@dataclass(frozen=True, slots=True)
class FieldCost:
    """What one field costs per instance of its parent.

    ``calls``: upstream calls the field itself can cause. ``size``: instances of its selection
    it yields. ``item_calls``: calls each of those instances can cause on its own (completing
    a partial record), unless the selection asks only for fields in ``item_calls_unless``.
    """

    calls: Amount = 0
    size: Amount | None = None
    item_calls: int = 0
    item_calls_unless: frozenset[str] | None = None


def cost(
    calls: Amount = 0,
    size: Amount | None = None,
    *,
    item_calls: int = 0,
    item_calls_unless: frozenset[str] | None = None,
) -> dict[str, FieldCost]:
    """The ``metadata=`` of a field: ``strawberry.field(..., metadata=cost(1, PAGE))``."""
    return {COST_KEY: FieldCost(calls, size, item_calls, item_calls_unless)}


# --- settings --------------------------------------------------------------------------------

# About a thousand upstream calls for one request: ten times the household page's estimate,
# and half of what 100 aliases of a filtered members page can cause.
DEFAULT_MAX_COST: Final = 1_000
DEFAULT_MAX_IDS: Final = 100
DEFAULT_MAX_RESPONSE_BYTES: Final = 8 * 1024 * 1024


def _positive(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw.replace("_", ""))
    except ValueError:
        value = 0
    if value <= 0:
        raise ValueError(f"{name} must be a positive integer, not {raw!r}")
    return value


@dataclass(frozen=True, slots=True)
class CostSettings:
    """``PARTNER_GRAPH_MAX_COST``, ``PARTNER_GRAPH_MAX_NODE_IDS``,
    ``PARTNER_GRAPH_MAX_RESPONSE_BYTES``; the defaults let every documented query through."""

    max_cost: int = DEFAULT_MAX_COST
    max_ids: int = DEFAULT_MAX_IDS
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> CostSettings:
        return cls(
            max_cost=_positive(env, "PARTNER_GRAPH_MAX_COST", DEFAULT_MAX_COST),
            max_ids=_positive(env, "PARTNER_GRAPH_MAX_NODE_IDS", DEFAULT_MAX_IDS),
            max_response_bytes=_positive(
                env, "PARTNER_GRAPH_MAX_RESPONSE_BYTES", DEFAULT_MAX_RESPONSE_BYTES
            ),
        )


# --- the estimate ----------------------------------------------------------------------------


class CostRefused(GraphQLError):
    """The operation is refused before execution: over the cost limit, or too many ids."""


_Parent = GraphQLObjectType | GraphQLInterfaceType


class _Estimator:
    def __init__(
        self,
        schema: GraphQLSchema,
        document: DocumentNode,
        variables: Mapping[str, Any],
        max_ids: int,
    ) -> None:
        self.schema = schema
        self.variables = dict(variables)
        self.max_ids = max_ids
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self.fragment_costs: dict[str, int] = {}
        self.fragment_names: dict[str, frozenset[str]] = {}
        self.visiting: set[str] = set()
        self.naming: set[str] = set()

    # Selection sets: a fragment is walked once; every spread reuses its per-instance cost.

    def selection(self, node: SelectionSetNode | None, parent: Any) -> int:
        if node is None or not isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            return 0  # a scalar, or a union (which only has __typename of its own)
        total = 0
        for sel in node.selections:
            if not self.included(sel):
                continue
            if isinstance(sel, FieldNode):
                total += self.field(sel, parent)
            elif isinstance(sel, InlineFragmentNode):
                cond = sel.type_condition
                total += self.selection(
                    sel.selection_set, self.schema.get_type(cond.name.value) if cond else parent
                )
            elif isinstance(sel, FragmentSpreadNode):
                total += self.fragment(sel.name.value)
        return min(total, _CEILING)

    def fragment(self, name: str) -> int:
        known = self.fragment_costs.get(name)
        if known is not None:
            return known
        definition = self.fragments.get(name)
        if definition is None or name in self.visiting:
            return 0  # unknown or cyclic: validation refuses both before we run
        self.visiting.add(name)
        found = self.selection(
            definition.selection_set, self.schema.get_type(definition.type_condition.name.value)
        )
        self.visiting.discard(name)
        self.fragment_costs[name] = found
        return found

    def field(self, node: FieldNode, parent: _Parent) -> int:
        definition = parent.fields.get(node.name.value)
        if definition is None:
            return 0  # __typename and introspection: no upstream behind them
        spec = _spec(definition)
        child = get_named_type(definition.type)
        if spec is None:
            # A plain attribute: no call of its own; a list still multiplies its selection.
            if node.selection_set is None:
                return 0
            inner = self.selection(node.selection_set, child)
            return min(_list_bound(definition) * inner, _CEILING) if inner else 0
        args = self.arguments(node)
        size = _list_bound(definition) if spec.size is None else _amount(spec.size, args)
        if isinstance(spec.size, ArgumentLength) and size > self.max_ids:
            raise CostRefused(
                f"`{spec.size.name}` holds {size} ids, above the limit of {self.max_ids} per "
                "request; ask for them in several requests.",
                nodes=[node],
                extensions={
                    "code": "BAD_USER_INPUT",
                    "argument": spec.size.name,
                    "limit": self.max_ids,
                },
            )
        inner = self.selection(node.selection_set, child)
        if spec.item_calls and not (
            spec.item_calls_unless is not None
            and self.names(node.selection_set) <= spec.item_calls_unless
        ):
            inner += spec.item_calls
        return min(_amount(spec.calls, args) + size * inner, _CEILING)

    def names(self, node: SelectionSetNode | None) -> frozenset[str]:
        """The field names a selection set asks for on its own object, fragments included."""
        found: set[str] = set()
        for sel in node.selections if node is not None else ():
            if not self.included(sel):
                continue
            if isinstance(sel, FieldNode):
                found.add(sel.name.value)
            elif isinstance(sel, InlineFragmentNode):
                found |= self.names(sel.selection_set)
            elif isinstance(sel, FragmentSpreadNode):
                found |= self.fragment_field_names(sel.name.value)
        return frozenset(found)

    def fragment_field_names(self, name: str) -> frozenset[str]:
        known = self.fragment_names.get(name)
        if known is not None:
            return known
        definition = self.fragments.get(name)
        if definition is None or name in self.naming:
            return frozenset()
        self.naming.add(name)
        found = self.names(definition.selection_set)
        self.naming.discard(name)
        self.fragment_names[name] = found
        return found

    def arguments(self, node: FieldNode) -> dict[str, Any]:
        return {
            arg.name.value: value_from_ast_untyped(arg.value, self.variables)
            for arg in node.arguments or ()
        }

    def included(self, node: Any) -> bool:
        """@skip/@include with a known condition; an unknown one counts the selection."""
        for directive in node.directives or ():
            name = directive.name.value
            if name not in ("skip", "include"):
                continue
            condition = next((a.value for a in directive.arguments if a.name.value == "if"), None)
            if isinstance(condition, BooleanValueNode):
                value: Any = condition.value
            elif isinstance(condition, VariableNode):
                value = self.variables.get(condition.name.value)
            else:
                value = None
            if not isinstance(value, bool):
                continue
            if (name == "skip" and value) or (name == "include" and not value):
                return False
        return True


def _spec(definition: GraphQLField) -> FieldCost | None:
    strawberry_field = (definition.extensions or {}).get("strawberry-definition")
    metadata = getattr(strawberry_field, "metadata", None) or {}
    found = metadata.get(COST_KEY)
    return found if isinstance(found, FieldCost) else None


def _list_bound(definition: GraphQLField) -> int:
    kind = definition.type
    if isinstance(kind, GraphQLNonNull):
        kind = kind.of_type
    return DEFAULT_LIST_BOUND if isinstance(kind, GraphQLList) else 1


def _amount(amount: Amount, args: Args) -> int:
    return amount if isinstance(amount, int) else amount(args)


def _variables(
    operation: OperationDefinitionNode, sent: Mapping[str, Any] | None
) -> dict[str, Any]:
    """The variables as sent, with the operation's defaults for those that were not."""
    values: dict[str, Any] = {}
    for definition in operation.variable_definitions or ():
        if definition.default_value is not None:
            values[definition.variable.name.value] = value_from_ast_untyped(
                definition.default_value
            )
    values.update(sent or {})
    return values


def estimate(
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: Mapping[str, Any] | None = None,
    operation_name: str | None = None,
    *,
    max_ids: int = DEFAULT_MAX_IDS,
) -> int | None:
    """The cost of the operation to run; None when there is no such operation (execution
    reports that). Raises :class:`CostRefused` for a list argument over ``max_ids``."""
    operation = get_operation_ast(document, operation_name)
    if operation is None:
        return None
    root = schema.get_root_type(operation.operation)
    estimator = _Estimator(schema, document, _variables(operation, variables), max_ids)
    return estimator.selection(operation.selection_set, root)


# --- the extension ---------------------------------------------------------------------------

# Read once: the schema is built once per process.
SETTINGS: Final = CostSettings.from_env()


class CostLimit(SchemaExtension):
    """Refuse, after validation and before any resolver, an operation over the cost limit.

    ``on_execute`` runs once validation has passed; setting the execution context's result
    before yielding makes Strawberry skip execution (schema.py ``_execute_operation``).
    """

    settings: CostSettings = SETTINGS

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None and context.result is None:
            refusal = self._check(document)
            if refusal is not None:
                context.result = GraphQLExecutionResult(data=None, errors=[refusal])
        yield

    def _check(self, document: DocumentNode) -> GraphQLError | None:
        context = self.execution_context
        limit = self.settings.max_cost
        try:
            found = estimate(
                context.schema._schema,
                document,
                context.variables,
                context.operation_name,
                max_ids=self.settings.max_ids,
            )
        except CostRefused as refused:
            return refused
        if found is None or found <= limit:
            return None
        return CostRefused(
            f"This query may cost up to {found} upstream calls, above the limit of {limit}: "
            "ask for smaller pages (first/last), fewer nested lists or fewer aliases.",
            extensions={"code": "COST_LIMIT_EXCEEDED", "cost": found, "costLimit": limit},
        )


# --- the response bound ----------------------------------------------------------------------


def bounded_json(data: object, max_bytes: int) -> bytes:
    """``data`` as JSON, or, for a GraphQL result over ``max_bytes``, an error in its place
    (over a websocket too: the payload of a result frame).

    Only a GraphQL result (a mapping with ``data`` or ``errors``) is replaced; anything else
    (websocket protocol messages) is sent as it is.
    """
    body = orjson.dumps(data)
    if len(body) <= max_bytes:
        return body
    # A websocket result (graphql-transport-ws `next`, legacy `data`) carries the result as
    # its payload: the payload is bounded the same way, the frame kept.
    if (
        isinstance(data, Mapping)
        and data.get("type") in ("next", "data")
        and _is_result(data.get("payload"))
    ):
        return orjson.dumps({**data, "payload": orjson.loads(_too_large(len(body), max_bytes))})
    if not _is_result(data):
        return body
    return _too_large(len(body), max_bytes)


def _too_large(size: int, max_bytes: int) -> bytes:
    body_size = size
    return orjson.dumps(
        {
            "data": None,
            "errors": [
                {
                    "message": f"The response is {body_size} bytes, above the limit of "
                    f"{max_bytes}: ask for smaller pages or fewer fields.",
                    "extensions": {
                        "code": "RESPONSE_TOO_LARGE",
                        "responseBytes": body_size,
                        "maxResponseBytes": max_bytes,
                    },
                }
            ],
        }
    )


def _is_result(data: object) -> bool:
    return isinstance(data, Mapping) and ("data" in data or "errors" in data)
