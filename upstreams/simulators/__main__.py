"""`python -m upstreams.simulators`: serve every upstream simulator until interrupted."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
from collections.abc import Sequence

from upstreams.registry import REGISTRY
from upstreams.simulators import CREDENTIALS, PREFIXES, start

__all__ = ["main"]


def _non_negative(text: str) -> float:
    value = float(text)
    if not value >= 0:
        raise argparse.ArgumentTypeError("must be a number >= 0")
    return value


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m upstreams.simulators",
        description="Serve the partner upstream simulators on one port.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="bind address (default: loopback)")
    parser.add_argument("--port", type=int, default=8100, help="port (default: 8100)")
    parser.add_argument(
        "--latency-ms",
        type=_non_negative,
        default=0.0,
        help="delay added before every answer, in milliseconds (default: 0)",
    )
    for upstream in REGISTRY:
        size = upstream.size
        parser.add_argument(
            f"--{size.option.replace('_', '-')}",
            dest=size.option,
            type=int,
            default=size.default,
            help=f"{size.help} (default: {size.default})",
        )
    return parser.parse_args(argv)


async def _serve(args: argparse.Namespace) -> None:
    simulators = await start(
        host=args.host,
        port=args.port,
        latency_ms=args.latency_ms,
        sizes={u.size.option: getattr(args, u.size.option) for u in REGISTRY},
    )
    try:
        for name in PREFIXES:
            print(f"{name}: {simulators.url(name)} ({CREDENTIALS[name]})", flush=True)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            # Not available on every platform; Ctrl-C still ends asyncio.run there.
            with contextlib.suppress(NotImplementedError):
                loop.add_signal_handler(signum, stop.set)
        await stop.wait()
    finally:
        await simulators.close()


def main(argv: Sequence[str] | None = None) -> None:
    args = _parse(argv)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(args))


if __name__ == "__main__":
    main()
