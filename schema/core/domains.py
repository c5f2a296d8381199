"""Domains declare their part of the graph; the schema is built from whatever is declared.

Each package under ``schema/`` (other than ``core``) ends its ``__init__`` with a
``DOMAIN = GraphDomain(...)``: its query root, mutation root, subscription root and the types
Strawberry cannot reach from them (implementations seen only through an interface). Adding a
domain is adding its package: ``schema/__init__.py`` finds it, so no central list grows.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from types import ModuleType

__all__ = ["GraphDomain", "discover"]


@dataclass(frozen=True, slots=True)
class GraphDomain:
    """One domain's roots: classes decorated with ``@strawberry.type`` holding its fields."""

    name: str
    queries: type | None = None
    mutations: type | None = None
    subscriptions: type | None = None
    types: Sequence[type] = field(default_factory=tuple)


def discover(package: ModuleType) -> list[GraphDomain]:
    """Every ``DOMAIN`` of ``package``'s sub-packages, in name order (a stable SDL)."""
    domains: list[GraphDomain] = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if not info.ispkg or info.name == "core":
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        domain = getattr(module, "DOMAIN", None)
        if not isinstance(domain, GraphDomain):
            raise TypeError(
                f"{module.__name__} declares no DOMAIN = GraphDomain(...): every package under "
                f"{package.__name__}/ but core is a domain of the graph"
            )
        domains.append(domain)
    return domains
