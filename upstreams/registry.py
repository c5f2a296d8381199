"""The registry of upstreams: the one list every per-upstream wiring is derived from.

Adding an upstream is a package under ``upstreams/``, one entry in :data:`REGISTRY`, and its
domain packages in ``schema/`` and ``resolvers/`` (see ``docs/adding-an-upstream.md``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final

from upstreams._declaration import SimulatorSize, Upstream
from upstreams._http import UpstreamClient
from upstreams.bastion import BastionClient
from upstreams.config import Settings, read_upstream
from upstreams.datanexus import DatanexusClient
from upstreams.medallies import MedAlliesClient
from upstreams.mosip import MosipClient
from upstreams.portal import PortalClient

__all__ = [
    "BY_NAME",
    "REGISTRY",
    "build_clients",
    "demo_env",
    "embedded_settings",
    "load_settings",
]

REGISTRY: Final[tuple[Upstream[Any], ...]] = (
    Upstream(
        name="datanexus",
        env_prefix="DATANEXUS_",
        demo_credentials={"API_KEY": "demo"},
        client=DatanexusClient,
        health=DatanexusClient.ping,
        simulator="upstreams.datanexus.simulator:create_app",
        size=SimulatorSize("scale", 2000, "Datanexus members"),
        banner="api key: demo, vendor key: demo-vendor",
    ),
    Upstream(
        name="medallies",
        env_prefix="MEDALLIES_",
        demo_credentials={"APP_KEY": "demo", "USERNAME": "demo", "PASSWORD": "demo"},
        client=MedAlliesClient,
        health=MedAlliesClient.health,
        simulator="upstreams.medallies.simulator:create_app",
        size=SimulatorSize(
            "organizations", 300, "MedAllies organizations, with 0 to 50 memberships each"
        ),
        banner="X-MedAllies-App-Key: demo, Basic demo:demo",
    ),
    Upstream(
        name="bastion",
        env_prefix="BASTION_",
        demo_credentials={"USERNAME": "demo", "PASSWORD": "demo"},
        client=BastionClient,
        health=BastionClient.health,
        simulator="upstreams.bastion.simulator:create_app",
        size=SimulatorSize("enrollees", 500, "Bastion enrollees"),
        banner="api-key: base64(demo:demo) for POST /api/v2/auth/generateAuthToken, "
        "then api-key: <token>",
    ),
    Upstream(
        name="portal",
        env_prefix="PORTAL_",
        demo_credentials={"TOKEN": "demo-producer"},
        client=PortalClient,
        health=PortalClient.health,
        simulator="upstreams.portal.simulator:create_app",
        size=SimulatorSize("apis", 60, "Partner Portal APIs in the catalog"),
        banner="Bearer demo (a consumer), Bearer demo-producer (a producer)",
    ),
    Upstream(
        name="mosip",
        env_prefix="MOSIP_",
        demo_credentials={
            "APP_ID": "partnermanagement",
            "USERNAME": "pmadmin",
            "PASSWORD": "pmadmin",
        },
        client=MosipClient,
        health=MosipClient.health,
        simulator="upstreams.mosip.simulator:create_app",
        size=SimulatorSize("misps", 300, "MOSIP MISPs, generated in every state"),
        banner="POST /v1/authmanager/authenticate/useridPwd with appId partnermanagement, "
        "pmadmin/pmadmin",
    ),
)

BY_NAME: Final[Mapping[str, Upstream[Any]]] = MappingProxyType({u.name: u for u in REGISTRY})


def load_settings(env: Mapping[str, str]) -> Settings:
    """Every registered upstream's settings; ``embedded`` when no base URL is set at all."""
    upstreams = {
        u.name: read_upstream(u.name, u.env_prefix, tuple(u.demo_credentials), env)
        for u in REGISTRY
    }
    embedded = not any(s.configured for s in upstreams.values())
    return Settings(upstreams=upstreams, embedded=embedded)


def embedded_settings(settings: Settings, urls: Mapping[str, str]) -> Settings:
    """The same settings pointed at embedded simulators, with their demo credentials."""
    upstreams = {
        name: dataclasses.replace(
            s, base_url=urls[name], credentials=dict(BY_NAME[name].demo_credentials)
        )
        for name, s in settings.upstreams.items()
    }
    return Settings(upstreams=upstreams, embedded=True)


def build_clients(settings: Settings) -> dict[str, UpstreamClient]:
    """One client per registered upstream (an unconfigured one answers not configured)."""
    return {u.name: u.client(settings[u.name]) for u in REGISTRY}


def demo_env(urls: Mapping[str, str]) -> dict[str, str]:
    """Environment variables pointing every upstream at a simulator, with its demo credentials.

    ``urls`` maps an upstream's name to its simulator's base URL (``RunningSimulators.url``).
    """
    env: dict[str, str] = {}
    for u in REGISTRY:
        env[f"{u.env_prefix}BASE_URL"] = urls[u.name]
        env.update({f"{u.env_prefix}{key}": value for key, value in u.demo_credentials.items()})
    return env
