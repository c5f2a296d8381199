"""Pieces every benchmark script shares: the load client run and percentiles."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

__all__ = ["ROOT", "load_python", "percentile"]

ROOT = Path(__file__).resolve().parent.parent


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def load_python(
    url: str, body: Path, concurrency: int, duration: float, *, python: str = sys.executable
) -> dict[str, Any]:
    """Drive ``url`` with ``bench.load`` in its own process; requests, errors, p50, p99."""
    out = subprocess.run(
        [
            python,
            "-m",
            "bench.load",
            url,
            str(body),
            "--concurrency",
            str(concurrency),
            "--duration",
            str(duration),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=duration + 60,
    )
    result: dict[str, Any] = json.loads(out.stdout)
    latencies = result["latencies_ms"]
    return {
        "requests": result["requests"],
        "errors": result["errors"],
        "p50": percentile(latencies, 0.5),
        "p99": percentile(latencies, 0.99),
        "client": "bench.load",
    }
