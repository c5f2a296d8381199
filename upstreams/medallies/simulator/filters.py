"""The MedAllies query language of the simulator: `filterOn` filters and `sortOn` orders.

Pure functions over plain dict records (the JSON the API renders), so the simulator can
filter any datatype by the field types its metadata declares. A mistake in a filter or an
order raises :class:`FilterError` with the API's error code and the path of the offending
part of the request (``filterOn.filters[1]``, ``filterOn.filters[0].fieldName``,
``sortOn.vendor.name``).

How the document (`004_…txt`) is read where it is vague or contradicts itself:

- Field types are the metadata's: String, Number, Boolean, Date (ISO 8601 instants such as
  ``2016-10-07T16:46:23Z``; a value without an offset is UTC, a bare date is midnight UTC).
  Sub-object fields are reached by dotted paths (``vendor.endpointType.code``). A field that
  is not a filterable leaf of the datatype answers 101 at ``<filter>.fieldName``.
- Method and type: the document's table decides. 0, 1, 2, 17, 18, 19 take String fields;
  3, 4 String, Number, Boolean, Date; 5, 6 String, Number, Date; 7, 8 Date only; 9-12
  String, Number, Date; 13, 14 any type. A method on a field type it does not support, or a
  value whose JSON type is not the field's (a string for a Number, a number for a String,
  a string that is not an ISO 8601 instant for a Date), answers 153 at the filter.
- Value counts: the single-value methods (0-4, 9-12, 17-19) answer 155 for more than one
  value and 154 for none; 5 and 6 answer 154 without values; 7 and 8 take two values, or a
  single ``"from:to"`` string (the document's other wording), else 158; 13 and 14 answer 157
  when given any value (an absent, null or empty ``fieldValues`` is fine). A group
  (15 AND, 16 OR) without filters answers 154. An unknown method code answers 101 at
  ``<filter>.method``; a missing method or fieldName answers 102; a filter that is not an
  object, or ``fieldValues``/``filters`` that are not arrays, answer 109.
- The method may come as a number or as a string of digits: the document's field table
  types it as a String while every example sends a number.
- ``filterOn`` null or ``{}`` filters nothing (the document: "zero or more filters").
- Semantics are SQL's: every comparison with a null field value is false, the negated
  methods (4, 6, 8, 17, 18, 19) included; only 13 matches nulls and 14 is its opposite.
  A missing field (a department has no ``npin``; a null sub-object) counts as null. String
  matching is case-sensitive and compares code points; Numbers compare as numbers, Dates as
  instants. BETWEEN is inclusive at both ends and, as in SQL, matches nothing when the
  first value is after the second.
- ``sortOn`` is an ordered object of field to ``"asc"``/``"desc"`` (either case). Nulls sort
  first ascending and last descending; ties are broken by the record's id ascending, so
  offset paging is stable. An unknown field or direction answers 101 at ``sortOn.<field>``;
  a ``sortOn`` that is not an object answers 109.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final, TypeVar

from upstreams.medallies.wire import ERROR_NAMES, ErrorCode, FieldType, FilterMethod

__all__ = [
    "ERROR_NAMES",
    "FieldType",
    "FilterError",
    "FilterMethod",
    "Predicate",
    "SortKey",
    "lookup",
    "parse_date",
    "parse_filter",
    "parse_sort",
    "sort_records",
]

Record = Mapping[str, object]
Predicate = Callable[[Record], bool]
_R = TypeVar("_R", bound=Record)

INVALID_PARAM: Final = ErrorCode.INVALID_PARAM
MISSING_REQ_PARAM: Final = ErrorCode.MISSING_REQ_PARAM
INVALID_JSON_DATATYPE: Final = ErrorCode.INVALID_JSON_DATATYPE
INVALID_DATATYPE: Final = ErrorCode.INVALID_DATATYPE
EMPTY_LIST: Final = ErrorCode.EMPTY_LIST
TOO_MANY_FIELD_VALUES: Final = ErrorCode.TOO_MANY_FIELD_VALUES
FIELD_VALUE_NOT_ALLOWED: Final = ErrorCode.FIELD_VALUE_NOT_ALLOWED
TWO_FIELD_VALUES_REQUIRED: Final = ErrorCode.TWO_FIELD_VALUES_REQUIRED


class FilterError(ValueError):
    """A filter or order the API refuses: its error code and the request path at fault."""

    def __init__(self, code: int, parameter: str, message: str | None = None) -> None:
        self.code = code
        self.parameter = parameter
        self.message = message or ERROR_NAMES.get(code, "REST_INVALID_PARAM")
        super().__init__(f"{self.message} ({code}) at {parameter}")


_M = FilterMethod
_S, _N, _B, _D = FieldType.STRING, FieldType.NUMBER, FieldType.BOOLEAN, FieldType.DATE
_ALL_TYPES: Final = frozenset(FieldType)
_TEXT: Final = frozenset({_S})
_SUPPORTED: Final[Mapping[FilterMethod, frozenset[FieldType]]] = {
    _M.START: _TEXT,
    _M.GLOBAL: _TEXT,
    _M.END: _TEXT,
    _M.DOES_NOT_START_WITH: _TEXT,
    _M.DOES_NOT_MATCH_ANYWHERE: _TEXT,
    _M.DOES_NOT_END_WITH: _TEXT,
    _M.EXACT: frozenset({_S, _N, _B, _D}),
    _M.NOT_EXACT: frozenset({_S, _N, _B, _D}),
    _M.LIST: frozenset({_S, _N, _D}),
    _M.NOT_LIST: frozenset({_S, _N, _D}),
    _M.BETWEEN: frozenset({_D}),
    _M.NOT_BETWEEN: frozenset({_D}),
    _M.LESS_THAN: frozenset({_S, _N, _D}),
    _M.GREATER_THAN: frozenset({_S, _N, _D}),
    _M.LESS_THAN_OR_EQUAL_TO: frozenset({_S, _N, _D}),
    _M.GREATER_THAN_OR_EQUAL_TO: frozenset({_S, _N, _D}),
    _M.IS_NULL: _ALL_TYPES,
    _M.IS_NOT_NULL: _ALL_TYPES,
}
_LIST_METHODS: Final = frozenset({_M.LIST, _M.NOT_LIST})
_RANGE_METHODS: Final = frozenset({_M.BETWEEN, _M.NOT_BETWEEN})
_NULL_METHODS: Final = frozenset({_M.IS_NULL, _M.IS_NOT_NULL})
_GROUP_METHODS: Final = frozenset({_M.AND, _M.OR})

_DATE_RE: Final = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"(?:[Tt ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,9})?)?)?"
    r"(?:[Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)?"
)
_METHOD_RE: Final = re.compile(r"[0-9]{1,3}")

# A field's values made comparable: str, int/float, bool or an aware datetime.
_Value = str | int | float | bool | datetime


def lookup(record: Record, path: str) -> object:
    """The value at a dotted path, or None when any step is missing or not an object."""
    value: object = record
    for key in path.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(key)
    return value


@functools.lru_cache(maxsize=8192)
def parse_date(text: str) -> datetime | None:
    """An ISO 8601 instant as an aware UTC datetime, or None when `text` is not one."""
    if _DATE_RE.fullmatch(text) is None:
        return None
    try:
        # fromisoformat (3.11) wants an upper-case "T" and "Z".
        moment = datetime.fromisoformat(text.upper().replace(" ", "T"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        return None


def _typed(value: object, field_type: FieldType) -> _Value | None:
    """`value` as a comparable of the field's type, or None when it is not of that type."""
    if value is None:
        return None
    if field_type is FieldType.STRING:
        return value if isinstance(value, str) else None
    if field_type is FieldType.NUMBER:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        return value
    if field_type is FieldType.BOOLEAN:
        return value if isinstance(value, bool) else None
    return parse_date(value) if isinstance(value, str) else None


def _method(raw: Mapping[str, object], path: str) -> FilterMethod:
    code = raw.get("method")
    if code is None:
        raise FilterError(MISSING_REQ_PARAM, f"{path}.method")
    number: int | None = None
    if isinstance(code, int) and not isinstance(code, bool):
        number = code
    elif isinstance(code, str) and _METHOD_RE.fullmatch(code.strip()):
        number = int(code)
    if number is None or number not in FilterMethod._value2member_map_:
        raise FilterError(INVALID_PARAM, f"{path}.method")
    return FilterMethod(number)


def _range(values: Sequence[object], path: str) -> tuple[datetime, datetime]:
    if len(values) == 1 and isinstance(values[0], str):
        text = values[0]
        # The dates hold colons themselves: any colon that splits the text into two
        # instants is the separator.
        for index, char in enumerate(text):
            if char == ":":
                low, high = parse_date(text[:index]), parse_date(text[index + 1 :])
                if low is not None and high is not None:
                    return low, high
    if len(values) != 2:
        raise FilterError(TWO_FIELD_VALUES_REQUIRED, path)
    low_value, high_value = (_typed(v, FieldType.DATE) for v in values)
    if not isinstance(low_value, datetime) or not isinstance(high_value, datetime):
        raise FilterError(INVALID_DATATYPE, path)
    return low_value, high_value


def _leaf(
    raw: Mapping[str, object],
    method: FilterMethod,
    fields: Mapping[str, FieldType],
    path: str,
) -> Predicate:
    name = raw.get("fieldName")
    if name is None:
        raise FilterError(MISSING_REQ_PARAM, f"{path}.fieldName")
    if not isinstance(name, str):
        raise FilterError(INVALID_JSON_DATATYPE, f"{path}.fieldName")
    field_type = fields.get(name)
    if field_type is None:
        raise FilterError(INVALID_PARAM, f"{path}.fieldName")
    raw_values = raw.get("fieldValues")
    if raw_values is None:
        raw_values = []
    if not isinstance(raw_values, list):
        raise FilterError(INVALID_JSON_DATATYPE, f"{path}.fieldValues")
    values: list[object] = raw_values

    if method in _NULL_METHODS:
        if values:
            raise FilterError(FIELD_VALUE_NOT_ALLOWED, path)
        if method is FilterMethod.IS_NULL:
            return lambda record: lookup(record, name) is None
        return lambda record: lookup(record, name) is not None

    if field_type not in _SUPPORTED[method]:
        raise FilterError(INVALID_DATATYPE, path)

    def value_of(record: Record) -> _Value | None:
        return _typed(lookup(record, name), field_type)

    if method in _RANGE_METHODS:
        low, high = _range(values, path)
        inside = method is FilterMethod.BETWEEN

        def in_range(record: Record) -> bool:
            value = value_of(record)
            if not isinstance(value, datetime):
                return False
            return (low <= value <= high) is inside

        return in_range

    if not values:
        raise FilterError(EMPTY_LIST, path)
    if method not in _LIST_METHODS and len(values) > 1:
        raise FilterError(TOO_MANY_FIELD_VALUES, path)
    wanted: list[_Value] = []
    for value in values:
        typed = _typed(value, field_type)
        if typed is None:
            raise FilterError(INVALID_DATATYPE, path)
        wanted.append(typed)

    if method in _LIST_METHODS:
        member = method is FilterMethod.LIST

        def in_list(record: Record) -> bool:
            value = value_of(record)
            return value is not None and (value in wanted) is member

        return in_list
    return _comparison(method, wanted[0], value_of)


_ORDERINGS: Final[Mapping[FilterMethod, Callable[[Any, Any], Any]]] = {
    _M.EXACT: operator.eq,
    _M.NOT_EXACT: operator.ne,
    _M.LESS_THAN: operator.lt,
    _M.GREATER_THAN: operator.gt,
    _M.LESS_THAN_OR_EQUAL_TO: operator.le,
    _M.GREATER_THAN_OR_EQUAL_TO: operator.ge,
}


def _comparison(
    method: FilterMethod, wanted: _Value, value_of: Callable[[Record], _Value | None]
) -> Predicate:
    ordering = _ORDERINGS.get(method)
    # Both sides are of the field's type by construction (the wanted value was checked,
    # value_of yields None for anything else), so the comparisons below cannot mix types.
    test: Callable[[_Value], bool]
    if ordering is not None:
        test = lambda v: bool(ordering(v, wanted))  # noqa: E731
    else:
        test = _text_test(method, str(wanted))

    def compare(record: Record) -> bool:
        value = value_of(record)
        return value is not None and test(value)

    return compare


def _text_test(method: FilterMethod, text: str) -> Callable[[_Value], bool]:
    if method is FilterMethod.START:
        return lambda v: str(v).startswith(text)
    if method is FilterMethod.GLOBAL:
        return lambda v: text in str(v)
    if method is FilterMethod.END:
        return lambda v: str(v).endswith(text)
    if method is FilterMethod.DOES_NOT_START_WITH:
        return lambda v: not str(v).startswith(text)
    if method is FilterMethod.DOES_NOT_MATCH_ANYWHERE:
        return lambda v: text not in str(v)
    return lambda v: not str(v).endswith(text)


def _parse(raw: object, fields: Mapping[str, FieldType], path: str) -> Predicate:
    if not isinstance(raw, Mapping):
        raise FilterError(INVALID_JSON_DATATYPE, path)
    method = _method(raw, path)
    if method not in _GROUP_METHODS:
        return _leaf(raw, method, fields, path)
    filters = raw.get("filters")
    if filters is None or filters == []:
        raise FilterError(EMPTY_LIST, path)
    if not isinstance(filters, list):
        raise FilterError(INVALID_JSON_DATATYPE, f"{path}.filters")
    children = [_parse(f, fields, f"{path}.filters[{i}]") for i, f in enumerate(filters)]
    if method is FilterMethod.AND:
        return lambda record: all(child(record) for child in children)
    return lambda record: any(child(record) for child in children)


def _match_all(record: Record) -> bool:
    return True


def parse_filter(
    raw: object, fields: Mapping[str, FieldType], *, parameter: str = "filterOn"
) -> Predicate:
    """A predicate for the `filterOn` value `raw` over records whose filterable fields
    (dotted paths) have the given types; raises FilterError for an invalid filter."""
    if raw is None or (isinstance(raw, Mapping) and not raw):
        return _match_all
    return _parse(raw, fields, parameter)


@dataclass(frozen=True, slots=True)
class SortKey:
    path: str
    field_type: FieldType
    descending: bool = False


def parse_sort(
    raw: object, fields: Mapping[str, FieldType], *, parameter: str = "sortOn"
) -> list[SortKey]:
    """The ordered sort keys of a `sortOn` object; raises FilterError for an invalid one."""
    if raw is None:
        return []
    if not isinstance(raw, Mapping):
        raise FilterError(INVALID_JSON_DATATYPE, parameter)
    keys: list[SortKey] = []
    for name, direction in raw.items():
        field_type = fields.get(str(name))
        lowered = direction.lower() if isinstance(direction, str) else None
        if field_type is None or lowered not in ("asc", "desc"):
            raise FilterError(INVALID_PARAM, f"{parameter}.{name}")
        keys.append(SortKey(str(name), field_type, lowered == "desc"))
    return keys


def _sort_value(record: Record, key: SortKey) -> tuple[int] | tuple[int, _Value]:
    value = _typed(lookup(record, key.path), key.field_type)
    # (0,) sorts before every (1, value), so nulls come first ascending; a reversed sort
    # puts them last descending.
    return (0,) if value is None else (1, value)


def _sort_key(key: SortKey) -> Callable[[Record], tuple[int] | tuple[int, _Value]]:
    return lambda record: _sort_value(record, key)


def sort_records(
    records: Iterable[_R], keys: Sequence[SortKey], *, tiebreak: str = "id"
) -> list[_R]:
    """`records` ordered by `keys`, ties broken by the number at `tiebreak` ascending."""
    tie = SortKey(tiebreak, FieldType.NUMBER)
    ordered = sorted(records, key=_sort_key(tie))
    # Python's sort is stable (reverse=True included), so sorting by the last key first
    # leaves earlier keys in charge and the id order among ties.
    for key in reversed(keys):
        ordered.sort(key=_sort_key(key), reverse=key.descending)
    return ordered
