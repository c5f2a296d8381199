"""The graph's filter grammar as MedAllies ``filterOn``: the one operator-to-method table.

MedAllies evaluates filters the SQL way: any comparison on a null value is false, the negated
methods included. The grammar says a negated operator matches null (it is exactly NOT its
positive), so each negated method is sent OR'd with IS NULL; that is exact whichever way the
upstream treats nulls. ``not`` is pushed down: De Morgan through groups, the negated methods
where they exist, and for <, >, <=, >= the complement comparison OR IS NULL. Operators that a
field's upstream type does not support (text operators on numbers, BETWEEN on anything but
dates) are rewritten (BETWEEN as >= AND <=) or refused before the call.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from resolvers.core.errors import BadUserInput
from resolvers.core.predicates import And, Cmp, Op, Or, Predicate, negate
from upstreams.medallies.wire import NEGATED_METHODS, FieldType, FilterMethod, filter_leaf

__all__ = ["METHODS", "FieldSpec", "FieldType", "to_filter_on"]


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """A filterable field: its upstream path and type, and how the gateway reads it locally."""

    path: str
    type: FieldType
    get: Callable[[Any], Any]
    wire: Callable[[Any], Any] | None = None  # graph value → upstream value


M = FilterMethod
# The one table: each operator of the grammar and the MedAllies method that carries it.
METHODS: dict[Op, FilterMethod] = {
    Op.STARTS_WITH: M.START,
    Op.CONTAINS: M.GLOBAL,
    Op.ENDS_WITH: M.END,
    Op.EQ: M.EXACT,
    Op.NE: M.NOT_EXACT,
    Op.IN: M.LIST,
    Op.NOT_IN: M.NOT_LIST,
    Op.BETWEEN: M.BETWEEN,  # dates only
    Op.NOT_BETWEEN: M.NOT_BETWEEN,  # dates only
    Op.LT: M.LESS_THAN,
    Op.GT: M.GREATER_THAN,
    Op.LTE: M.LESS_THAN_OR_EQUAL_TO,
    Op.GTE: M.GREATER_THAN_OR_EQUAL_TO,
    Op.NOT_STARTS_WITH: M.DOES_NOT_START_WITH,
    Op.NOT_CONTAINS: M.DOES_NOT_MATCH_ANYWHERE,
    Op.NOT_ENDS_WITH: M.DOES_NOT_END_WITH,
}
IS_NULL, IS_NOT_NULL, AND, OR = M.IS_NULL, M.IS_NOT_NULL, M.AND, M.OR
_TEXT = frozenset({Op.STARTS_WITH, Op.CONTAINS, Op.ENDS_WITH, Op.NOT_STARTS_WITH,
                   Op.NOT_CONTAINS, Op.NOT_ENDS_WITH})  # fmt: skip
_COMPLEMENT = {Op.LT: Op.GTE, Op.LTE: Op.GT, Op.GT: Op.LTE, Op.GTE: Op.LT}
# A translation is a filterOn node, or a constant the grammar allows (`in: []` holds for
# nothing, `notIn: []` and `and: []` for everything, `or: []` for nothing). Constants are
# folded away, so what goes upstream never names a field a datatype may lack; a filter that
# is always false goes as `x IS NULL AND x IS NOT NULL`, false whatever the field holds.
_Node = dict[str, Any] | bool


def wire_datetime(value: Any) -> Any:
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=UTC)
        try:
            utc = moment.astimezone(UTC)
        except OverflowError:
            # 9999-12-31T23:59-05:00 is past year 9999 in UTC, which MedAllies (and Python)
            # cannot write: the caller's value, so the caller's error.
            raise BadUserInput(
                f"{value.isoformat()} is outside the years 0001-9999 once in UTC.",
                argument="filter",
            ) from None
        return utc.strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, date):
        return f"{value.isoformat()}T00:00:00Z"
    return value


def _leaf(path: str, method: FilterMethod, values: list[Any] | None = None) -> dict[str, Any]:
    return filter_leaf(path, method, values)


def _group(method: FilterMethod, filters: list[dict[str, Any]]) -> dict[str, Any]:
    return filters[0] if len(filters) == 1 else {"method": int(method), "filters": filters}


def _or_null(path: str, node: dict[str, Any]) -> dict[str, Any]:
    return {"method": int(OR), "filters": [node, _leaf(path, IS_NULL)]}


def _values(spec: FieldSpec, value: Any) -> list[Any]:
    convert = spec.wire or (wire_datetime if spec.type is FieldType.DATE else (lambda v: v))
    items = value if isinstance(value, tuple) else (value,)
    return [convert(v) for v in items]


def _comparison(cmp: Cmp, spec: FieldSpec, field: str) -> _Node:
    op, path = cmp.op, spec.path
    if op in (Op.IN, Op.NOT_IN) and not cmp.value:
        # MedAllies refuses an empty LIST (EMPTY_LIST); the grammar's meaning is a constant.
        return op is Op.NOT_IN
    if op is Op.IS_NULL:
        return _leaf(path, IS_NULL if cmp.value else IS_NOT_NULL)
    if op in _TEXT and spec.type is not FieldType.STRING:
        raise BadUserInput(
            f"`{op.value}` needs a text field; `{field}` is a {spec.type.value.lower()}.",
            argument="filter",
        )
    if spec.type is FieldType.BOOLEAN and op not in (Op.EQ, Op.NE):
        raise BadUserInput(f"`{op.value}` does not apply to `{field}`.", argument="filter")
    values = _values(spec, cmp.value)
    if op in (Op.BETWEEN, Op.NOT_BETWEEN) and spec.type is not FieldType.DATE:
        # BETWEEN takes dates only upstream: the same range as two comparisons.
        low, high = values
        if op is Op.BETWEEN:
            return _group(
                AND,
                [
                    _leaf(path, M.GREATER_THAN_OR_EQUAL_TO, [low]),
                    _leaf(path, M.LESS_THAN_OR_EQUAL_TO, [high]),
                ],
            )
        outside = [_leaf(path, M.LESS_THAN, [low]), _leaf(path, M.GREATER_THAN, [high])]
        return {"method": int(OR), "filters": [*outside, _leaf(path, IS_NULL)]}
    method = METHODS[op]
    node = _leaf(path, method, values)
    return _or_null(path, node) if method in NEGATED_METHODS else node


def _fold(method: FilterMethod, nodes: list[_Node]) -> _Node:
    """AND/OR over translations, constants folded (AND: True drops, False wins)."""
    neutral = method is AND
    kept: list[dict[str, Any]] = []
    for node in nodes:
        if node is neutral:
            continue
        if isinstance(node, bool):
            return node
        kept.append(node)
    return _group(method, kept) if kept else neutral


def _translate(predicate: Predicate, fields: Mapping[str, FieldSpec]) -> _Node:
    if isinstance(predicate, Cmp):
        spec = fields.get(predicate.field)
        if spec is None:
            raise BadUserInput(f"`{predicate.field}` cannot be filtered on.", argument="filter")
        return _comparison(predicate, spec, predicate.field)
    if isinstance(predicate, And):
        return _fold(AND, [_translate(p, fields) for p in predicate.items])
    if isinstance(predicate, Or):
        return _fold(OR, [_translate(p, fields) for p in predicate.items])
    inner = predicate.item
    if isinstance(inner, Cmp) and inner.op in _COMPLEMENT:
        # NOT (x < v) holds for x >= v and for a null x.
        spec = fields[inner.field]
        complement = _comparison(Cmp(inner.field, _COMPLEMENT[inner.op], inner.value), spec,
                                 inner.field)  # fmt: skip
        assert not isinstance(complement, bool)  # only empty lists fold, never a comparison
        return _or_null(spec.path, complement)
    return _translate(negate(inner), fields)


def to_filter_on(
    predicate: Predicate | None, fields: Mapping[str, FieldSpec]
) -> dict[str, Any] | None:
    """The ``filterOn`` object for ``predicate`` (None when it constrains nothing)."""
    if predicate is None:
        return None
    node = _translate(predicate, fields)
    if node is True:
        return None
    if node is False:
        path = next(iter(fields.values())).path
        return _group(AND, [_leaf(path, IS_NULL), _leaf(path, IS_NOT_NULL)])
    return node
