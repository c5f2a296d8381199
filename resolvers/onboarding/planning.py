"""From the fields asked for to one MedAllies request: ``_fields``, ``_collapse``, ``_count``.

A field map says, for each GraphQL field of a type, which upstream paths it needs; a
sub-object entry says where the sub-object lives upstream and how its own fields map, and
whether the upstream can collapse it to ``{id, href}`` when nothing but its id is selected.
``_count`` is asked when only ``totalCount`` is wanted and ``_items`` when ``totalCount`` is
not, so the upstream never counts for nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson

from resolvers.core.predicates import Predicate
from resolvers.core.selection import Selected, below, merged
from resolvers.onboarding.filter_on import FieldSpec, to_filter_on
from upstreams.medallies import Directives

__all__ = [
    "ACCOUNT_MAP",
    "ACCOUNT_MEMBERSHIP_MAP",
    "MEMBERSHIP_MAP",
    "ORGANIZATION_MAP",
    "VENDOR_MAP",
    "WHOLE",
    "FieldMap",
    "ListPlan",
    "SubObject",
    "directives",
    "list_plan",
    "upstream_fields",
]

WHOLE = Directives()  # no directives: whole records


@dataclass(frozen=True, slots=True)
class SubObject:
    path: str
    fields: FieldMap
    collapsible: bool = True
    id_fields: frozenset[str] = frozenset({"id", "__typename"})
    always: tuple[str, ...] = ()


FieldMap = Mapping[str, "tuple[str, ...] | SubObject"]


@dataclass(slots=True)
class _Collector:
    fields: list[str] = field(default_factory=list)
    collapse: list[str] = field(default_factory=list)

    def add(self, path: str) -> None:
        if path not in self.fields:
            self.fields.append(path)


def _walk(selected: Selected, fmap: FieldMap, prefix: str, out: _Collector) -> None:
    for name in sorted(selected):
        entry = fmap.get(name)
        if entry is None:
            continue
        if isinstance(entry, SubObject):
            sub = selected[name]
            full = f"{prefix}{entry.path}"
            if not entry.path:
                # Grouped in the graph, flat upstream (an organization's practice address).
                _walk(sub, entry.fields, prefix, out)
                continue
            if entry.collapsible and set(sub) <= entry.id_fields:
                out.add(full)
                out.collapse.append(full)
                continue
            for path in entry.always:
                out.add(f"{full}.{path}")
            before = len(out.fields)
            _walk(sub, entry.fields, f"{full}.", out)
            if len(out.fields) == before:
                out.add(f"{full}.id")
        else:
            for path in entry:
                out.add(f"{prefix}{path}")


def upstream_fields(
    selected: Selected, fmap: FieldMap, *, always: tuple[str, ...] = ()
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(``_fields``, ``_collapse``) for the fields selected on one object."""
    out = _Collector()
    for path in always:
        out.add(path)
    _walk(selected, fmap, "", out)
    if not out.fields:
        out.add("id")
    return tuple(out.fields), tuple(out.collapse)


def directives(selected: Selected, fmap: FieldMap, *, always: tuple[str, ...] = ()) -> Directives:
    """The directives of a read by key, for the fields selected on the object."""
    fields, collapse = upstream_fields(selected, fmap, always=always)
    return Directives(fields=fields, collapse=collapse)


VENDOR_MAP: FieldMap = {
    "name": ("name",),
    "product": ("product",),
    "rootDomain": ("rootDomain",),
    "endpointType": ("endpointType",),
}
ORGANIZATION_MAP: FieldMap = {
    "organizationName": ("organizationName",),
    "typeCode": ("typeCode",),
    "tin": ("tin",),
    "npi": ("npi",),
    "status": ("status",),
    "directAbbreviation": ("directAbbreviation",),
    "phoneNumber": ("telephoneNumber",),
    "specialization": ("specialization",),
    "endpointUri": ("endpointUri",),
    "createdAt": ("creationDateTime",),
    "updatedAt": ("lastUpdateDateTime",),
    "address": SubObject(
        "",
        {
            "streetAddress1": ("practiceStreet1",),
            "streetAddress2": ("practiceStreet2",),
            "city": ("practiceCity",),
            "state": ("practiceState",),
            "postalCode": ("practiceZip",),
        },
        collapsible=False,
    ),
    "vendor": SubObject(
        "vendor", VENDOR_MAP, id_fields=frozenset({"id", "vendorId", "__typename"})
    ),
    "domain": SubObject(
        "domain",
        {"domainName": ("domainName",)},
        id_fields=frozenset({"domainId", "__typename"}),
    ),
}
# Graph field → MedAllies field, where the names differ.
_ACCOUNT_WIRE = {"phoneNumber": "telephoneNumber", "createdAt": "createDateTime",
                 "updatedAt": "lastUpdateDateTime", "npi": "npin"}  # fmt: skip
ACCOUNT_MAP: FieldMap = {
    name: (_ACCOUNT_WIRE.get(name, name),)
    for name in (
        "accountType", "phoneNumber", "faxNumber", "createdAt", "updatedAt",
        "departmentName", "npi", "firstName", "lastName", "middleInitial", "suffix", "gender",
        "credentials", "specialty",
    )
}  # fmt: skip
_MEMBERSHIP_OWN: dict[str, tuple[str, ...]] = {
    "createdAt": ("createDateTime",),
    "updatedAt": ("lastUpdateDateTime",),
}
_MEMBERSHIP_OWN |= {
    name: (name,)
    for name in (
        "directAddressLocalPart",
        "directAddress",
        "businessEmail",
        "publishable",
        "status",
    )
}
MEMBERSHIP_MAP: FieldMap = {
    **_MEMBERSHIP_OWN,
    "account": SubObject("account", ACCOUNT_MAP, collapsible=False, always=("accountType",)),
}
ACCOUNT_MEMBERSHIP_MAP: FieldMap = {
    **_MEMBERSHIP_OWN,
    "organization": SubObject(
        "organization",
        ORGANIZATION_MAP,
        id_fields=frozenset({"id", "organizationId", "__typename"}),
    ),
}


@dataclass(frozen=True, slots=True)
class ListPlan:
    """One upstream list request: filter, order and the selection's directives."""

    filter_on: Mapping[str, Any] | None
    sort_on: tuple[tuple[str, str], ...]
    fields: tuple[str, ...] = ()
    collapse: tuple[str, ...] = ()
    want_items: bool = True
    want_count: bool = False

    @classmethod
    def build(
        cls,
        predicate: Predicate | None,
        specs: Mapping[str, FieldSpec],
        order: Sequence[tuple[str, str]],
        *,
        unique: str = "id",
        **selection: Any,
    ) -> ListPlan:
        sort = tuple(order)
        if not any(path == unique for path, _ in sort):
            # A total order: offsets stay stable, and reversing it is exact.
            sort += ((unique, "asc"),)
        return cls(filter_on=to_filter_on(predicate, specs), sort_on=sort, **selection)

    @property
    def key(self) -> tuple[object, ...]:
        """Hashable: tells two requests apart (the filter itself is a dict)."""
        return (self.fingerprint, self.fields, self.collapse, self.want_items, self.want_count)

    @property
    def fingerprint(self) -> str:
        body = orjson.dumps([self.filter_on, self.sort_on], option=orjson.OPT_SORT_KEYS)
        return hashlib.blake2b(body, digest_size=6).hexdigest()

    def directives(self, *, count: bool) -> Directives:
        if not self.want_items:
            return Directives(count_only=True)
        return Directives(fields=self.fields, collapse=self.collapse, items_only=not count)

    def reversed_sort(self) -> tuple[tuple[str, str], ...]:
        return tuple((p, "desc" if d == "asc" else "asc") for p, d in self.sort_on)


def list_plan(
    selected: Selected,
    predicate: Predicate | None,
    order: Sequence[tuple[str, str]],
    specs: Mapping[str, FieldSpec],
    fmap: FieldMap,
    *,
    unique: str = "id",
    always: tuple[str, ...] = (),
) -> ListPlan:
    """The upstream request for a connection: ``selected`` is the connection's selection."""
    nodes = merged(below(selected, "nodes"), below(selected, "edges", "node"))
    want_items = bool(set(selected) & {"edges", "nodes", "pageInfo"})
    if nodes:
        field_list, collapse = upstream_fields(nodes, fmap, always=always)
    else:
        # Only cursors (or nothing) asked: the smallest item is its sort key, a field every
        # item of this list has (memberships have no `id` of their own).
        field_list, collapse = (unique,), ()
    return ListPlan.build(
        predicate,
        specs,
        order,
        unique=unique,
        fields=field_list,
        collapse=collapse,
        want_items=want_items,
        want_count="totalCount" in selected,
    )
