"""Stand-in servers for the partner upstreams, mounted side by side on one aiohttp app.

Each upstream's simulator lives next to its client (`upstreams/<name>/simulator`), is
declared in `upstreams.registry`, and is mounted here under `/<name>`, so one port serves
them all.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType, TracebackType
from typing import Final, Self

from aiohttp import web

from upstreams.registry import REGISTRY
from upstreams.simulators._kit import error_middleware

__all__ = ["CREDENTIALS", "PREFIXES", "SIZES", "RunningSimulators", "build_app", "start"]

PREFIXES: Final[Mapping[str, str]] = MappingProxyType({u.name: u.mount for u in REGISTRY})

# How to authenticate against each simulator, for humans reading the startup banner.
CREDENTIALS: Final[Mapping[str, str]] = MappingProxyType({u.name: u.banner for u in REGISTRY})

# The size options (`scale=`, `organizations=`, ...) and their defaults, one per simulator.
SIZES: Final[Mapping[str, int]] = MappingProxyType(
    {u.size.option: u.size.default for u in REGISTRY}
)


def _root_error_body(status: int, reason: str) -> object:
    return {"error": reason, "upstreams": dict(PREFIXES)}


def build_app(
    *, latency_ms: float = 0.0, sizes: Mapping[str, int] | None = None
) -> web.Application:
    """One application with every simulator mounted under its prefix (see `PREFIXES`).

    ``sizes`` are the simulators' size options by name (see `SIZES`), e.g. ``{"scale": 300}``.
    Each simulator generates its data lazily or cheaply, so mounting them all costs little.
    """
    sizes = sizes or {}
    unknown = set(sizes) - set(SIZES)
    if unknown:
        raise TypeError(f"unknown simulator sizes: {sorted(unknown)}; known: {sorted(SIZES)}")
    root = web.Application(middlewares=[error_middleware(_root_error_body)])
    for upstream in REGISTRY:
        scale = sizes.get(upstream.size.option, upstream.size.default)
        factory = upstream.simulator_factory()
        root.add_subapp(upstream.mount, factory(scale=scale, latency_ms=latency_ms))
    return root


def _url_host(host: str) -> str:
    # A wildcard bind address is not something a client can connect to.
    if host in ("", "0.0.0.0"):
        return "127.0.0.1"
    if host == "::":
        return "[::1]"
    return f"[{host}]" if ":" in host else host


class RunningSimulators:
    """Simulators serving on a local port; `close()` stops them."""

    __slots__ = ("_runner", "base_url", "port")

    def __init__(self, runner: web.AppRunner, base_url: str, port: int) -> None:
        self._runner = runner
        self.base_url = base_url
        self.port = port

    def url(self, name: str) -> str:
        """Base URL of one upstream's simulator, e.g. `http://127.0.0.1:8100/datanexus`."""
        return self.base_url + PREFIXES[name]

    async def close(self) -> None:
        await self._runner.cleanup()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()


async def start(
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    latency_ms: float = 0.0,
    sizes: Mapping[str, int] | None = None,
) -> RunningSimulators:
    """Serve every simulator on `host:port` (port 0 picks a free one) until `close()`."""
    runner = web.AppRunner(build_app(latency_ms=latency_ms, sizes=sizes), access_log=None)
    await runner.setup()
    try:
        site = web.TCPSite(runner, host, port)
        await site.start()
        # The runner reports the addresses its sites' sockets are bound to.
        bound_port = int(runner.addresses[0][1])
    except BaseException:
        await runner.cleanup()
        raise
    return RunningSimulators(runner, f"http://{_url_host(host)}:{bound_port}", bound_port)
