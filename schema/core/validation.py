"""Depth and alias limits whose cost is linear in the document, fragments included.

Strawberry's ``QueryDepthLimiter`` and ``MaxAliasesLimiter`` walk a fragment again at every
spread, so ``fragment F1 on Query { ...F0 ...F0 }`` stacked forty deep costs 2^40 walks: the
protection is the attack. Here every selection of the document is visited once, each
fragment's depth and alias count are computed once (memoized) and every spread costs one
lookup. The walks use explicit stacks, so neither deep nesting nor long fragment chains can
exhaust Python's recursion limit, and a fragment cycle contributes nothing instead of
looping (graphql-core's ``NoFragmentCycles`` reports the cycle itself).

The semantics are Strawberry's: a field with a selection set is one level of depth,
fragments (inline or spread) add none, introspection fields (``__schema``, ``__type``) do
not count towards depth; every aliased field counts once per use, through spreads, summed
over the document.

The rule class is made once at import (:func:`limits_rule`), never per request: the class
is part of ``ValidationCache``'s key.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    ASTValidationRule,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)
from graphql.language import SKIP, VisitorAction

__all__ = ["Measured", "Measures", "limits_rule", "measure_document"]

CODE = "GRAPHQL_VALIDATION_FAILED"


@dataclass(frozen=True, slots=True)
class Measured:
    """An operation's or a fragment's depth and aliases, spreads included."""

    depth: int
    aliases: int


@dataclass(slots=True)
class Measures:
    """The whole document, and what measuring it cost (tests count this work)."""

    operations: list[tuple[OperationDefinitionNode, Measured]] = field(default_factory=list)
    fragments: dict[str, Measured] = field(default_factory=dict)
    selections_visited: int = 0
    fragments_evaluated: int = 0
    spreads_resolved: int = 0


@dataclass(slots=True)
class _Local:
    """One definition's own body, before its spreads are resolved."""

    depth: int = 0
    aliases: int = 0
    # (fragment name, field levels above the spread, or None inside introspection)
    spreads: list[tuple[str, int | None]] = field(default_factory=list)


def _walk(selection_set: SelectionSetNode, measures: Measures) -> _Local:
    local = _Local()
    # (selection set, field levels above it, or None once inside an introspection field)
    stack: list[tuple[SelectionSetNode, int | None]] = [(selection_set, 0)]
    while stack:
        current, level = stack.pop()
        for selection in current.selections:
            measures.selections_visited += 1
            if isinstance(selection, FieldNode):
                if selection.alias is not None:
                    local.aliases += 1
                if selection.selection_set is None:
                    continue
                inner = level
                if level is not None:
                    if selection.name.value.startswith("__"):
                        inner = None
                    else:
                        inner = level + 1
                        local.depth = max(local.depth, inner)
                stack.append((selection.selection_set, inner))
            elif isinstance(selection, InlineFragmentNode):
                stack.append((selection.selection_set, level))
            elif isinstance(selection, FragmentSpreadNode):
                local.spreads.append((selection.name.value, level))
    return local


def _combine(
    local: _Local, fragments: dict[str, Measured], cap: int, measures: Measures
) -> Measured:
    depth, aliases = local.depth, local.aliases
    for name, level in local.spreads:
        measures.spreads_resolved += 1
        # Unknown fragments (KnownFragmentNames reports them) and cycles count as empty.
        spread = fragments.get(name)
        if spread is None:
            continue
        if level is not None:
            depth = max(depth, level + spread.depth)
        # Saturated: the bomb's alias count doubles per level; past the cap it is refused
        # anyway, and the numbers stay small.
        aliases = min(cap, aliases + spread.aliases)
    return Measured(depth, min(cap, aliases))


def measure_document(document: DocumentNode, *, alias_cap: int = 1 << 31) -> Measures:
    """Depth and aliases of every operation, in time linear in the document."""
    measures = Measures()
    bodies: dict[str, _Local] = {}
    operations: list[tuple[OperationDefinitionNode, _Local]] = []
    for definition in document.definitions:
        if isinstance(definition, FragmentDefinitionNode):
            # A repeated name is UniqueFragmentNames' error; the first one is measured.
            bodies.setdefault(definition.name.value, _walk(definition.selection_set, measures))
        elif isinstance(definition, OperationDefinitionNode):
            operations.append((definition, _walk(definition.selection_set, measures)))

    # Post-order over the spread graph with an explicit stack: each fragment is combined
    # once, after the fragments it spreads; a spread back into the path is a cycle and is
    # left out (it finds no entry in `done`).
    done = measures.fragments
    in_progress: set[str] = set()
    for root in bodies:
        if root in done:
            continue
        stack: list[tuple[str, bool]] = [(root, False)]
        while stack:
            name, expanded = stack.pop()
            if expanded:
                in_progress.discard(name)
                done[name] = _combine(bodies[name], done, alias_cap, measures)
                measures.fragments_evaluated += 1
                continue
            if name in done or name in in_progress:
                continue
            in_progress.add(name)
            stack.append((name, True))
            stack.extend(
                (child, False)
                for child, _ in bodies[name].spreads
                if child in bodies and child not in done and child not in in_progress
            )

    for operation, local in operations:
        measures.operations.append((operation, _combine(local, done, alias_cap, measures)))
    return measures


def _operation_name(operation: OperationDefinitionNode) -> str:
    return f"'{operation.name.value}'" if operation.name else "the anonymous operation"


def limits_rule(*, max_depth: int, max_aliases: int) -> type[ASTValidationRule]:
    """One validation rule for both limits. Call it once, at import."""

    class LimitsRule(ASTValidationRule):
        def enter_document(self, node: DocumentNode, *_args: Any) -> VisitorAction:
            measures = measure_document(node, alias_cap=max_aliases + 1)
            for operation, measured in measures.operations:
                if measured.depth > max_depth:
                    self.report_error(
                        GraphQLError(
                            f"{_operation_name(operation)} exceeds maximum operation depth "
                            f"of {max_depth} (its depth is {measured.depth}).",
                            operation,
                            extensions={
                                "code": CODE,
                                "depth": measured.depth,
                                "maxDepth": max_depth,
                            },
                        )
                    )
            total = _saturated_sum((m.aliases for _, m in measures.operations), max_aliases + 1)
            if total > max_aliases:
                self.report_error(
                    GraphQLError(
                        f"Too many aliases: the document uses more than {max_aliases} "
                        "(aliases in fragments count at every spread).",
                        extensions={"code": CODE, "maxAliases": max_aliases},
                    )
                )
            # Everything is known from the document node: skip the rest of the traversal.
            return SKIP

    LimitsRule.__name__ = LimitsRule.__qualname__ = f"LimitsRule_{max_depth}_{max_aliases}"
    return LimitsRule


def _saturated_sum(values: Iterable[int], cap: int) -> int:
    total = 0
    for value in values:
        total = min(cap, total + value)
    return total
