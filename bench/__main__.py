"""``make bench``: drive the gateway under load against the simulators and report.

Processes: the simulators (with an upstream latency), the gateway pointed at them, and a load
client (wrk when installed, else ``bench.load``), each its own process on loopback. Every run
is bounded in time. Prints a table per run, writes JSON and a chart to ``bench/results/``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from bench._harness import load_python
from bench.queries import QUERIES

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Row:
    query: str
    latency_ms: float
    concurrency: int
    requests: int
    errors: int
    rps: float
    p50_ms: float
    p99_ms: float
    cpu_ms_per_request: float
    upstream_calls_per_request: float
    minimum_calls: int
    peak_rss_mb: float
    cold_ms: float
    client: str


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _get(url: str, *, method: str = "GET", body: bytes | None = None) -> bytes:
    request = urllib.request.Request(url, data=body, method=method)
    request.add_header("content-type", "application/json")
    with urllib.request.urlopen(request, timeout=30) as response:
        data: bytes = response.read()
        return data


def _wait(url: str, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            _get(url)
            return
        time.sleep(0.05)
    raise RuntimeError(f"{url} did not come up in {seconds:g}s")


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@contextlib.contextmanager
def _process(args: list[str], env: dict[str, str]) -> Iterator[subprocess.Popen[bytes]]:
    proc = subprocess.Popen(
        args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


_WRK_LUA = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("{body}", "rb"); wrk.body = f:read("*all"); f:close()
"""


def _unit_ms(text: str) -> float:
    match = re.match(r"([\\d.]+)(us|ms|s)", text)
    if not match:
        return float("nan")
    value, unit = float(match.group(1)), match.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value


def _load_wrk(url: str, body: Path, concurrency: int, duration: float) -> dict[str, Any]:
    script = body.with_suffix(".lua")
    script.write_text(_WRK_LUA.format(body=body))
    out = subprocess.run(
        [
            "wrk",
            "-t1",
            f"-c{concurrency}",
            f"-d{max(1, round(duration))}s",
            "--latency",
            "-s",
            str(script),
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=duration + 60,
    )
    text = out.stdout
    requests = int(re.search(r"(\d+) requests in", text).group(1))  # type: ignore[union-attr]
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    p50 = re.search(r"50%\s+(\S+)", text)
    p99 = re.search(r"99%\s+(\S+)", text)
    return {
        "requests": requests,
        "errors": int(non2xx.group(1)) if non2xx else 0,
        "p50": _unit_ms(p50.group(1)) if p50 else float("nan"),
        "p99": _unit_ms(p99.group(1)) if p99 else float("nan"),
        "client": "wrk",
    }


def _stats_total(sims_url: str) -> int:
    """Upstream calls since the last reset, over every simulated upstream."""
    from upstreams.simulators import PREFIXES

    return sum(
        int(json.loads(_get(f"{sims_url}{prefix}/__stats"))["total"])
        for prefix in PREFIXES.values()
    )


def _reset_stats(sims_url: str) -> None:
    from upstreams.simulators import PREFIXES

    for prefix in PREFIXES.values():
        _get(f"{sims_url}{prefix}/__stats/reset", method="POST")


def _upstream_env(sims_url: str) -> dict[str, str]:
    """Point the gateway at every simulator, with the demo credentials."""
    from upstreams.registry import demo_env
    from upstreams.simulators import PREFIXES

    return demo_env({name: f"{sims_url}{prefix}" for name, prefix in PREFIXES.items()})


def run(args: argparse.Namespace) -> list[Row]:
    rows: list[Row] = []
    queries = [q for q in QUERIES if not args.queries or q.name in args.queries]
    use_wrk = shutil.which("wrk") is not None and not args.python_client
    workdir = Path(tempfile.mkdtemp(prefix="bench-"))
    for latency in args.latency:
        sims_port, graph_port = _free_port(), _free_port()
        sims_url = f"http://127.0.0.1:{sims_port}"
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        sims_args = [
            sys.executable,
            "-m",
            "upstreams.simulators",
            "--port",
            str(sims_port),
            "--latency-ms",
            str(latency),
            "--scale",
            str(args.scale),
        ]
        graph_env = {**env, **_upstream_env(sims_url), "LOG_LEVEL": "WARNING"}
        with (
            _process(sims_args, env),
            _process([sys.executable, "server.py", "--port", str(graph_port)], graph_env) as graph,
        ):
            _wait(f"{sims_url}/datanexus/__stats")
            graph_url = f"http://127.0.0.1:{graph_port}/graphql"
            _wait(f"http://127.0.0.1:{graph_port}/healthz")
            for query in queries:
                body = workdir / f"{query.name}.json"
                body.write_bytes(json.dumps({"query": query.text}).encode())
                start = time.perf_counter()
                answer = json.loads(_get(graph_url, method="POST", body=body.read_bytes()))
                cold_ms = (time.perf_counter() - start) * 1000
                if "errors" in answer:
                    raise RuntimeError(f"{query.name}: {answer['errors']}")
                load_python(graph_url, body, 4, args.warmup)
                for concurrency in args.concurrency:
                    _reset_stats(sims_url)
                    cpu_before = _cpu_seconds(graph.pid)
                    started = time.perf_counter()
                    load = (_load_wrk if use_wrk else load_python)(
                        graph_url, body, concurrency, args.duration
                    )
                    elapsed = time.perf_counter() - started
                    cpu = _cpu_seconds(graph.pid) - cpu_before
                    requests = max(1, load["requests"])
                    row = Row(
                        query=query.name,
                        latency_ms=latency,
                        concurrency=concurrency,
                        requests=load["requests"],
                        errors=load["errors"],
                        rps=load["requests"] / elapsed,
                        p50_ms=load["p50"],
                        p99_ms=load["p99"],
                        cpu_ms_per_request=cpu * 1000 / requests,
                        upstream_calls_per_request=_stats_total(sims_url) / requests,
                        minimum_calls=query.total_minimum,
                        peak_rss_mb=_peak_rss_mb(graph.pid),
                        cold_ms=cold_ms,
                        client=load["client"],
                    )
                    rows.append(row)
                    _print_row(row)
    return rows


HEADER = (
    f"{'query':<10} {'lat':>4} {'conc':>4} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
    f"{'cpu ms/req':>10} {'calls/req':>9} {'min':>3} {'rss MB':>7} {'cold ms':>8} {'err':>4}"
)


def _print_row(row: Row) -> None:
    print(
        f"{row.query:<10} {row.latency_ms:>4g} {row.concurrency:>4} {row.rps:>8.1f} "
        f"{row.p50_ms:>8.1f} {row.p99_ms:>8.1f} {row.cpu_ms_per_request:>10.2f} "
        f"{row.upstream_calls_per_request:>9.2f} {row.minimum_calls:>3} "
        f"{row.peak_rss_mb:>7.1f} {row.cold_ms:>8.1f} {row.errors:>4}",
        flush=True,
    )


def _chart(rows: list[Row], path: Path) -> bool:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    names = sorted({r.query for r in rows})
    fig, axes = plt.subplots(1, len(names), figsize=(6 * len(names), 4), squeeze=False)
    for axis, name in zip(axes[0], names, strict=True):
        for latency in sorted({r.latency_ms for r in rows}):
            series = [r for r in rows if r.query == name and r.latency_ms == latency]
            xs = [r.concurrency for r in series]
            axis.plot(
                xs, [r.p50_ms for r in series], marker="o", label=f"p50, upstream {latency:g} ms"
            )
            axis.plot(
                xs,
                [r.p99_ms for r in series],
                marker="x",
                linestyle="--",
                label=f"p99, upstream {latency:g} ms",
            )
        axis.set_title(name)
        axis.set_xlabel("concurrent clients")
        axis.set_ylabel("latency (ms)")
        axis.set_xscale("log")
        axis.grid(True, alpha=0.3)
        axis.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--queries", nargs="*", help="names from bench/queries (default: all)")
    parser.add_argument("--latency", type=float, nargs="+", default=[0.0, 20.0])
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per run")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds of warm-up per query")
    parser.add_argument("--scale", type=int, default=2000)
    parser.add_argument("--python-client", action="store_true", help="never use wrk")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    print(HEADER)
    rows = run(args)
    args.out.mkdir(parents=True, exist_ok=True)
    report = {
        "machine": {
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "date": time.strftime("%Y-%m-%d"),
        "minimums": {q.name: {"calls": q.minimum_calls, "why": q.why} for q in QUERIES},
        "rows": [asdict(r) for r in rows],
    }
    (args.out / "latest.json").write_text(json.dumps(report, indent=2) + "\n")
    drew = _chart(rows, args.out / "latest.png")
    print(f"wrote {args.out / 'latest.json'}" + (f" and {args.out / 'latest.png'}" if drew else ""))
    errors = sum(r.errors for r in rows)
    extra = [r for r in rows if r.upstream_calls_per_request > r.minimum_calls + 1e-9]
    if errors or extra:
        print(f"{errors} errors; {len(extra)} runs above their minimum upstream calls")
    return 0


if __name__ == "__main__":
    sys.exit(main())
