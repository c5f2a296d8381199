"""The graphql-http audit (npm ``graphql-http``, its ``serverAudits``) against the real server.

The package is installed once into a cache directory outside the repository (never
committed): ``$PARTNER_GRAPH_AUDIT_DIR`` or ``<tmp>/partner-graph-graphql-http-<version>``.
Without node/npm, or when the registry cannot be reached, the test is skipped and says why.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import httpx
import pytest

from server import create_app
from tests.e2e.conftest import gateway_env, serve
from upstreams.simulators import RunningSimulators

GRAPHQL_HTTP = "1.23.1"
GRAPHQL_JS = "16.15.0"  # graphql-http's peer dependency
AUDITS = 61

# Prints one JSON line: every audit's id, name, status (ok, warn, error) and reason.
_RUNNER = """
const { serverAudits } = require('graphql-http');
(async () => {
  const audits = serverAudits({ url: process.argv[2] });
  const results = [];
  for (const audit of audits) {
    const r = await audit.fn();
    results.push({ id: r.id, name: r.name, status: r.status, reason: r.reason || null });
  }
  process.stdout.write(JSON.stringify(results));
})().catch((e) => { console.error(e); process.exit(1); });
"""


def _audit_dir() -> Path:
    configured = os.environ.get("PARTNER_GRAPH_AUDIT_DIR")
    if configured:
        return Path(configured)
    return Path(tempfile.gettempdir()) / f"partner-graph-graphql-http-{GRAPHQL_HTTP}"


def _installed(folder: Path) -> bool:
    manifest = folder / "node_modules" / "graphql-http" / "package.json"
    try:
        return bool(json.loads(manifest.read_text())["version"] == GRAPHQL_HTTP)
    except (OSError, ValueError, KeyError):
        return False


def _install() -> Path:
    """The cache directory with graphql-http installed, or a skip saying why not."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("graphql-http audit skipped: node and npm are not installed")
    folder = _audit_dir()
    if _installed(folder):
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    manifest = folder / "package.json"
    if not manifest.exists():
        manifest.write_text('{"private": true}\n')
    try:
        done = subprocess.run(
            [
                "npm",
                "install",
                "--no-audit",
                "--no-fund",
                "--loglevel=error",
                # An unreachable registry should skip soon, not after npm's minutes of retries.
                "--fetch-retries=0",
                "--fetch-timeout=30000",
                f"graphql-http@{GRAPHQL_HTTP}",
                f"graphql@{GRAPHQL_JS}",
            ],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.skip("graphql-http audit skipped: npm install did not finish in 180 s")
    if done.returncode != 0 or not _installed(folder):
        lines = (done.stderr or done.stdout).strip().splitlines()
        reason = next((line for line in lines if "log of this run" not in line), "no output")
        pytest.skip(f"graphql-http audit skipped: npm install failed ({reason})")
    return folder


async def test_the_graphql_http_audit_passes_every_check(sims: RunningSimulators) -> None:
    folder = _install()
    script = folder / "run-audits.cjs"
    script.write_text(_RUNNER)
    runner, url = await serve(create_app(gateway_env(sims)))
    try:
        # The server answers in this event loop while node runs the audits.
        node = await asyncio.create_subprocess_exec(
            "node",
            str(script),
            f"{url}/graphql",
            cwd=folder,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        async with asyncio.timeout(120):
            out, err = await node.communicate()
        async with httpx.AsyncClient(base_url=url) as http:
            assert (await http.get("/healthz")).status_code == 200
    finally:
        await runner.cleanup()
    assert node.returncode == 0, err.decode()
    results: list[dict[str, Any]] = json.loads(out)
    assert len(results) == AUDITS
    not_ok = [
        f"{r['id']} {r['status']}: {r['name']} ({r['reason']})"
        for r in results
        if r["status"] != "ok"
    ]
    assert not_ok == []
