"""Gateway CPU per query against page size: ``python -m bench.scaling``.

The simulators run in their own process; the gateway's schema executes in this one, so
``time.process_time`` counts only gateway work (GraphQL, the upstream client, decoding).
Prints CPU ms per query and per row for the flat page at several sizes, first (cold) and
repeated (warm).
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench.queries import QUERIES

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


async def _measure(base: str, sizes: list[int], repeat: int) -> None:
    from resolvers.core.context import Context
    from schema import schema
    from server import build_upstreams
    from upstreams.registry import load_settings

    env = {"DATANEXUS_BASE_URL": f"{base}/datanexus", "DATANEXUS_API_KEY": "demo"}
    upstreams = build_upstreams(load_settings(env))
    template = next(q for q in QUERIES if q.name == "flat_page").text
    print(f"{'rows':>5} {'cold ms':>8} {'warm ms':>8} {'warm µs/row':>12}")
    try:
        for size in sizes:
            query = template.replace("first: 100", f"first: {size}")
            start = time.process_time()
            result = await schema.execute(query, context_value=Context(upstreams, "bench"))
            cold = (time.process_time() - start) * 1000
            assert not result.errors, result.errors
            start = time.process_time()
            for _ in range(repeat):
                await schema.execute(query, context_value=Context(upstreams, "bench"))
            warm = (time.process_time() - start) * 1000 / repeat
            print(f"{size:>5} {cold:>8.2f} {warm:>8.2f} {warm * 1000 / size:>12.1f}", flush=True)
    finally:
        await upstreams.aclose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scaling", description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 25, 50, 100])
    parser.add_argument("--repeat", type=int, default=100)
    args = parser.parse_args(argv)
    port = _free_port()
    sims = subprocess.Popen(
        [sys.executable, "-m", "upstreams.simulators", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{base}/datanexus/__stats", timeout=2).read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        asyncio.run(_measure(base, args.sizes, args.repeat))
    finally:
        sims.terminate()
        sims.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
