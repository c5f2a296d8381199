"""What the gateway needs to know about one upstream, declared once in the registry.

Configuration, ``/readyz``, the per-request clients, the embedded set-up and
``python -m upstreams.simulators`` are all derived from these declarations, so adding an
upstream adds one :class:`Upstream` to :mod:`upstreams.registry` and nothing elsewhere.
"""

from __future__ import annotations

import importlib
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar, cast

from upstreams._http import UpstreamClient
from upstreams.config import UpstreamSettings

if TYPE_CHECKING:
    from aiohttp import web

__all__ = ["SimulatorFactory", "SimulatorSize", "Upstream"]

C = TypeVar("C", bound=UpstreamClient)


class SimulatorFactory(Protocol):
    """A simulator's ``create_app``: a fresh app holding ``scale`` generated records."""

    def __call__(self, *, scale: int, latency_ms: float) -> web.Application: ...


@dataclass(frozen=True, slots=True)
class SimulatorSize:
    """How much generated data a simulator holds beside its document's examples."""

    option: str  # keyword of `upstreams.simulators.start` and the CLI flag (`--scale`)
    default: int
    help: str  # what the number counts, for `--help`


@dataclass(frozen=True, slots=True)
class Upstream(Generic[C]):
    """One REST upstream: how to configure, reach, check and simulate it."""

    name: str  # the key everywhere: settings, /readyz, extensions.upstream, the mount
    env_prefix: str  # DATANEXUS_ -> DATANEXUS_BASE_URL, DATANEXUS_TIMEOUT, ...
    # The credential settings (after the prefix) and their values for the simulator.
    demo_credentials: Mapping[str, str]
    client: Callable[[UpstreamSettings], C]
    # The readiness call: true when the upstream answers and accepts our credentials.
    health: Callable[[C], Awaitable[bool]]
    # "module:function" of the simulator's factory. Imported only when a simulator is
    # started: a gateway pointed at the real upstreams never loads simulator code.
    simulator: str
    size: SimulatorSize
    # How a person authenticates against the simulator, for the start-up banner.
    banner: str

    @property
    def mount(self) -> str:
        """Where the simulator is mounted on the shared simulator port."""
        return f"/{self.name}"

    def simulator_factory(self) -> SimulatorFactory:
        module, _, function = self.simulator.partition(":")
        return cast(SimulatorFactory, getattr(importlib.import_module(module), function))

    async def check(self, client: UpstreamClient) -> bool:
        """Run the health call on this upstream's client (as built by :attr:`client`)."""
        return await self.health(cast(C, client))
