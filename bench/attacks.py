"""``python -m bench.attacks``: how long each hostile request of issue 8 takes to be answered,
and how long a ``{ __typename }`` sent at the same moment waits.

Timings belong here, never in tests (the tests count upstream calls instead). The gateway
runs in its own process over the embedded simulators, so the attack and the concurrent probe
meet the same event loop a real caller would.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import os
import subprocess
import sys
import time

import httpx

from bench._harness import ROOT

__all__ = ["ATTACKS", "main"]


def _household(levels: int) -> str:
    inner = "memberId"
    for _ in range(levels):
        inner = f"memberId household {{ {inner} }}"
    return f"{{ members(first: 100) {{ nodes {{ {inner} }} }} }}"


def _fragment_bomb(levels: int) -> str:
    parts = ["fragment F0 on Query { __typename }"]
    parts += [f"fragment F{i} on Query {{ ...F{i - 1} ...F{i - 1} }}" for i in range(1, levels)]
    return f"query {{ ...F{levels - 1} }}\n" + "\n".join(parts)


def _ids(count: int) -> tuple[str, dict[str, object]]:
    ids = [base64.b64encode(f"Member:M{i}".encode()).decode() for i in range(count)]
    return "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": ids}


_FILTERED = 'members(first: 100, filter: {city: {startsWith: "S"}}) { nodes { memberId } }'


ATTACKS: dict[str, tuple[str, dict[str, object]]] = {
    "household x6 under 100": (_household(6), {}),
    "household x12 under 100": (_household(12), {}),
    "fragment bomb 20 levels": (_fragment_bomb(20), {}),
    "fragment bomb 40 levels": (_fragment_bomb(40), {}),
    "nodes with 10,000 ids (variables)": _ids(10_000),
    "100 aliases of a filtered page": (
        "{ " + " ".join(f"a{i}: {_FILTERED}" for i in range(100)) + " }",
        {},
    ),
}


async def _measure(url: str, repeat: int) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=60) as http:
        await http.post("/graphql", json={"query": "{ members(first: 1) { nodes { memberId } } }"})
        print(f"{'attack':34} {'answer ms':>10} {'probe ms':>9}  answer")
        for name, (query, variables) in ATTACKS.items():
            answer_ms: list[float] = []
            probe_ms: list[float] = []
            summary = ""
            for _ in range(repeat):
                start = time.perf_counter()

                async def probe() -> float:
                    await asyncio.sleep(0.001)  # let the attack reach the server first
                    began = time.perf_counter()
                    await http.post("/graphql", json={"query": "{ __typename }"})
                    return (time.perf_counter() - began) * 1000

                attack = http.post("/graphql", json={"query": query, "variables": variables})
                response, probe_time = await asyncio.gather(attack, probe())
                answer_ms.append((time.perf_counter() - start) * 1000)
                probe_ms.append(probe_time)
                body = response.json()
                errors = body.get("errors") or []
                code = errors[0].get("extensions", {}).get("code") if errors else "ok"
                summary = f"{response.status_code} {code}, {len(response.content):,} bytes"
            answer_ms.sort()
            probe_ms.sort()
            mid = len(answer_ms) // 2
            print(f"{name:34} {answer_ms[mid]:10.1f} {probe_ms[mid]:9.1f}  {summary}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--port", type=int, default=8777)
    parser.add_argument("--repeat", type=int, default=5, help="runs per attack (median shown)")
    args = parser.parse_args(argv)
    env = {**os.environ, "LOG_LEVEL": "WARNING"}
    server = subprocess.Popen(
        [sys.executable, "server.py", "--port", str(args.port)], cwd=ROOT, env=env
    )
    url = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(100):
            try:
                if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        asyncio.run(_measure(url, args.repeat))
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
