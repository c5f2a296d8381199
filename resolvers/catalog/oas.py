"""An API's endpoints, read from its OAS file (OpenAPI 3 or Swagger 2, JSON or YAML).

The file is the producer's, fetched from the portal's download link: it may be anything.
- JSON (a ``.json`` file or content that starts with ``{``) is read by orjson: PyYAML refuses
  valid JSON (tabs, keys over 1024 characters) and reads an escaped emoji as two lone
  surrogates.
- YAML is read by the safe loader (its C build when installed), off the event loop, after
  counting its events (at most ``MAX_EVENTS``). Aliases are allowed (real OpenAPI files use
  them): the loader shares the aliased object rather than copying it, and only the top
  levels (paths, methods, their summaries) are read here, so an alias "bomb" costs nothing.
- Text is repaired (surrogate pairs joined, lone ones replaced) before it is answered.
Anything unreadable, too deep or too large is :class:`UnreadableOas`, an error of the
``endpoints`` field alone.
"""

from __future__ import annotations

import asyncio
from typing import Any, Final, TypedDict

import orjson
import yaml

from resolvers.core.errors import GraphError

__all__ = ["EndpointRecord", "UnreadableOas", "endpoints", "read_endpoints"]

METHODS: Final = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
MAX_EVENTS: Final = 200_000
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class UnreadableOas(GraphError):
    """The API's OAS file cannot be read as OpenAPI: says why, names no content."""

    code = "UNREADABLE_OAS_FILE"


class EndpointRecord(TypedDict):
    method: str
    path: str
    summary: str | None
    operation_id: str | None


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    # Pairs of surrogates (YAML's reading of "\\ud83d\\ude00") joined, lone ones replaced:
    # an answer must encode as UTF-8.
    return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _load_yaml(text: str) -> Any:
    try:
        for count, _ in enumerate(yaml.parse(text, Loader=_LOADER)):
            if count > MAX_EVENTS:
                raise UnreadableOas("The OAS file is too large to read.")
        return yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise UnreadableOas(f"The OAS file is neither JSON nor YAML{where}.") from None


def _load(content: bytes, filename: str | None) -> Any:
    stripped = content.lstrip(b"\xef\xbb\xbf \t\r\n")
    if (filename or "").lower().endswith(".json") or stripped.startswith(b"{"):
        try:
            return orjson.loads(stripped)
        except orjson.JSONDecodeError:
            if (filename or "").lower().endswith(".json"):
                raise UnreadableOas("The OAS file is not valid JSON.") from None
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableOas("The OAS file is not UTF-8 text.") from None
    return _load_yaml(text)


def endpoints(content: bytes, filename: str | None = None) -> list[EndpointRecord]:
    """Every operation of the document, in its order: method (upper case), path, summary."""
    try:
        document = _load(content, filename)
    except RecursionError:
        raise UnreadableOas("The OAS file nests too deeply to read.") from None
    if not isinstance(document, dict) or not ("openapi" in document or "swagger" in document):
        raise UnreadableOas("The OAS file is not an OpenAPI (or Swagger) document.")
    paths = document.get("paths") or {}
    if not isinstance(paths, dict):
        raise UnreadableOas("The OAS file's `paths` is not an object.")
    out: list[EndpointRecord] = []
    for path, item in paths.items():
        if not isinstance(path, str) or not isinstance(item, dict):
            continue  # a path is text; YAML's `null:` or `200:` keys name no endpoint
        for method in METHODS:
            operation = item.get(method)
            if not isinstance(operation, dict):
                continue
            out.append(
                {
                    "method": method.upper(),
                    "path": _text(path) or "",
                    "summary": _text(operation.get("summary")),
                    "operation_id": _text(operation.get("operationId")),
                }
            )
    return out


async def read_endpoints(content: bytes, filename: str | None = None) -> list[EndpointRecord]:
    """:func:`endpoints`, off the event loop: a large file must not stall other requests."""
    return await asyncio.to_thread(endpoints, content, filename)
