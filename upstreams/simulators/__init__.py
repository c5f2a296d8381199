"""Stand-in servers for the partner upstreams, mounted side by side on one aiohttp app.

Each upstream's simulator lives next to its adapter (`upstreams/<name>/simulator.py`) and
is mounted here under its own path prefix, so one port serves them all.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType, TracebackType
from typing import Final, Self

from aiohttp import web

from upstreams.simulators._kit import error_middleware

__all__ = ["CREDENTIALS", "PREFIXES", "RunningSimulators", "build_app", "start"]

PREFIXES: Final[Mapping[str, str]] = MappingProxyType(
    {"datanexus": "/datanexus", "medallies": "/medallies"}
)

# How to authenticate against each simulator, for humans reading the startup banner.
CREDENTIALS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "datanexus": "api key: demo, vendor key: demo-vendor",
        "medallies": "X-MedAllies-App-Key: demo, Basic demo:demo",
    }
)


@dataclass(frozen=True, slots=True)
class Sizes:
    """How much generated data each simulator holds beside its document's examples."""

    members: int = 2000  # Datanexus
    organizations: int = 300  # MedAllies, each with 0 to 50 memberships


_Factory = Callable[[float, Sizes], web.Application]


# The simulator modules import the kit from this package, so they are imported lazily:
# importing them here would make `upstreams.simulators` and each simulator import each other.
def _datanexus(latency_ms: float, sizes: Sizes) -> web.Application:
    from upstreams.datanexus.simulator import create_app

    return create_app(latency_ms=latency_ms, scale=sizes.members)


# MedAllies data is generated on the simulator's first request, so mounting it costs nothing.
def _medallies(latency_ms: float, sizes: Sizes) -> web.Application:
    from upstreams.medallies.simulator import create_app

    return create_app(latency_ms=latency_ms, scale=sizes.organizations)


_FACTORIES: Final[Mapping[str, _Factory]] = MappingProxyType(
    {"datanexus": _datanexus, "medallies": _medallies}
)


def _root_error_body(status: int, reason: str) -> object:
    return {"error": reason, "upstreams": dict(PREFIXES)}


def build_app(
    *, latency_ms: float = 0.0, scale: int = 2000, organizations: int = 300
) -> web.Application:
    """One application with every simulator mounted under its prefix (see `PREFIXES`)."""
    root = web.Application(middlewares=[error_middleware(_root_error_body)])
    for name, prefix in PREFIXES.items():
        sizes = Sizes(members=scale, organizations=organizations)
        root.add_subapp(prefix, _FACTORIES[name](latency_ms, sizes))
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
    scale: int = 2000,
    organizations: int = 300,
) -> RunningSimulators:
    """Serve every simulator on `host:port` (port 0 picks a free one) until `close()`."""
    runner = web.AppRunner(
        build_app(latency_ms=latency_ms, scale=scale, organizations=organizations),
        access_log=None,
    )
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
