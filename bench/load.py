"""A small load client, run in its own process: ``python -m bench.load URL BODY …``.

Each of ``--concurrency`` workers sends the same POST in a loop over keep-alive connections
until ``--duration`` seconds pass or ``--max-requests`` are sent. Prints one JSON line: the
count, the errors and the latencies in milliseconds.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time

import aiohttp
import orjson


async def _run(
    url: str, body: bytes, concurrency: int, duration: float, cap: int
) -> dict[str, object]:
    latencies: list[float] = []
    errors = 0
    sent = 0
    deadline = time.perf_counter() + duration
    headers = {"content-type": "application/json"}
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def worker() -> None:
            nonlocal errors, sent
            while sent < cap and time.perf_counter() < deadline:
                sent += 1
                start = time.perf_counter()
                async with session.post(url, data=body, headers=headers) as response:
                    payload = await response.read()
                latencies.append((time.perf_counter() - start) * 1000)
                if response.status != 200 or b'"errors"' in payload:
                    errors += 1

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return {"requests": len(latencies), "errors": errors, "latencies_ms": latencies}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load")
    parser.add_argument("url")
    parser.add_argument("body", help="file with the JSON request body")
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--duration", type=float, default=5.0)
    parser.add_argument("--max-requests", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    with open(args.body, "rb") as handle:
        body = handle.read()
    result = asyncio.run(_run(args.url, body, args.concurrency, args.duration, args.max_requests))
    sys.stdout.buffer.write(orjson.dumps(result) + b"\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
