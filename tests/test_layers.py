"""Dependencies point one way: server.py → schema → resolvers → upstreams."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# A layer and the packages it must not import.
FORBIDDEN = {
    "schema": ("upstreams",),
    "resolvers": ("schema", "server", "strawberry"),
    "upstreams": ("schema", "resolvers", "server", "strawberry"),
}


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_layer_imports_nothing_from_the_layers_above(layer: str) -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(_imports(path) & set(FORBIDDEN[layer]))
        for path in sorted((ROOT / layer).rglob("*.py"))
        if _imports(path) & set(FORBIDDEN[layer])
    }
    assert offenders == {}
