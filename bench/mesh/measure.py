"""Measure Hive Gateway (serving the Mesh-composed supergraph) the way ``python -m bench`` does.

Called by ``bench/mesh/run.sh`` once the simulators and the gateway are up:

    python bench/mesh/measure.py --gateway-url URL --gateway-pid PID --sims-url URL ...

Checks one answer (100 members, the same 15 fields, values equal to the REST API's), warms
up, then runs ``python -m bench.load`` per concurrency and reads the gateway's CPU (utime +
stime of the gateway process and all its descendants, from /proc), its peak RSS (VmHWM,
summed over the process tree) and the upstream calls (the simulator's ``__stats``). Prints a
table in the columns of ``python -m bench`` and writes JSON. It shares the load client with
``python -m bench`` (``bench._harness``), and is otherwise self-contained: it
does not import ``bench.__main__``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from bench._harness import load_python

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

# Our query's fields (bench/queries/flat_page.graphql) -> the REST/Mesh names.
FIELDS = [
    "id",
    "first_name",
    "middle_name",
    "last_name",
    "born_on",
    "gender",
    "email",
    "phone_number",
    "street_address_1",
    "city",
    "state",
    "postal_code",
    "program_status",
    "eligibility_start_on",
    "prefixed_sponsor_member_identifier",
]


def _http(
    url: str,
    *,
    method: str = "GET",
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> bytes:
    request = urllib.request.Request(url, data=body, method=method)
    request.add_header("content-type", "application/json")
    for key, value in (headers or {}).items():
        request.add_header(key, value)
    with urllib.request.urlopen(request, timeout=30) as response:
        data: bytes = response.read()
        return data


# --- the gateway's process tree -------------------------------------------------------------


def _children(pid: int) -> list[int]:
    kids: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            kids += [int(c) for c in (task / "children").read_text().split()]
    return kids


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        todo += _children(current)
    return pids


def _stat(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def _cpu_seconds(root: int) -> float:
    """utime+stime of every live process in the tree, plus reaped children (cutime+cstime)."""
    ticks = 0
    for pid in _tree(root):
        try:
            fields = _stat(pid)
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])
    return ticks / CLOCK_TICKS


def _peak_rss_mb(root: int) -> float:
    total = 0
    for pid in _tree(root):
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


# --- load ------------------------------------------------------------------------------------


def _stats_total(sims_url: str) -> int:
    total: int = json.loads(_http(f"{sims_url}/datanexus/__stats"))["total"]
    return total


def _check_answer(answer: dict[str, Any], sims_url: str) -> int:
    """The Mesh answer must hold the same 100 members and 15 fields as the REST API."""
    if answer.get("errors"):
        raise SystemExit(f"the gateway answered with errors: {answer['errors']}")
    members = answer["data"]["listMembers"]["data"]
    rest = json.loads(
        _http(
            f"{sims_url}/datanexus/api/members?limit=100", headers={"authorization": "apikey demo"}
        )
    )["data"]
    if len(members) != 100:
        raise SystemExit(f"expected 100 members, got {len(members)}")
    for got, want in zip(members, rest, strict=True):
        if sorted(got) != sorted(FIELDS):
            raise SystemExit(f"fields differ: {sorted(got)}")
        if got != {name: want[name] for name in FIELDS}:
            raise SystemExit(f"values differ for member {want['id']}: {got}")
    return len(members)


HEADER = (
    f"{'query':<10} {'lat':>4} {'conc':>4} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
    f"{'cpu ms/req':>10} {'calls/req':>9} {'min':>3} {'rss MB':>7} {'cold ms':>8} {'err':>4}"
)


def _print_row(row: dict[str, Any]) -> None:
    print(
        f"{row['query']:<10} {row['latency_ms']:>4g} {row['concurrency']:>4} {row['rps']:>8.1f} "
        f"{row['p50_ms']:>8.1f} {row['p99_ms']:>8.1f} {row['cpu_ms_per_request']:>10.2f} "
        f"{row['upstream_calls_per_request']:>9.2f} {row['minimum_calls']:>3} "
        f"{row['peak_rss_mb']:>7.1f} {row['cold_ms']:>8.1f} {row['errors']:>4}",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/mesh/measure.py")
    parser.add_argument("--gateway-url", required=True)
    parser.add_argument("--gateway-pid", type=int, required=True)
    parser.add_argument("--sims-url", required=True)
    parser.add_argument(
        "--latency", type=float, default=0.0, help="the simulators' latency (label)"
    )
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--duration", type=float, default=5.0)
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--query", type=Path, default=HERE / "flat_page.graphql")
    parser.add_argument("--versions", type=json.loads, default={}, help="JSON of package versions")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "mesh.json")
    parser.add_argument("--workdir", type=Path, required=True)
    args = parser.parse_args(argv)

    body = args.workdir / "flat_page.json"
    body.write_bytes(json.dumps({"query": args.query.read_text()}).encode())

    _http(f"{args.sims_url}/datanexus/__stats/reset", method="POST")
    start = time.perf_counter()
    answer = json.loads(_http(args.gateway_url, method="POST", body=body.read_bytes()))
    cold_ms = (time.perf_counter() - start) * 1000
    cold_calls = _stats_total(args.sims_url)  # before the check's own REST call
    checked = _check_answer(answer, args.sims_url)
    print(
        f"checked: {checked} members x {len(FIELDS)} fields, equal to GET /api/members?limit=100; "
        f"the first request made {cold_calls} upstream call(s)"
    )
    load_python(args.gateway_url, body, 4, args.warmup)

    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Node {args.versions.get('node', '?')}, "
        f"Hive Gateway {args.versions.get('@graphql-hive/gateway', '?')}"
    )
    print(HEADER)
    rows: list[dict[str, Any]] = []
    for concurrency in args.concurrency:
        _http(f"{args.sims_url}/datanexus/__stats/reset", method="POST")
        cpu_before = _cpu_seconds(args.gateway_pid)
        started = time.perf_counter()
        load = load_python(args.gateway_url, body, concurrency, args.duration)
        elapsed = time.perf_counter() - started
        cpu = _cpu_seconds(args.gateway_pid) - cpu_before
        requests = max(1, load["requests"])
        row = {
            "query": "flat_page",
            "latency_ms": args.latency,
            "concurrency": concurrency,
            "requests": load["requests"],
            "errors": load["errors"],
            "rps": load["requests"] / elapsed,
            "p50_ms": load["p50"],
            "p99_ms": load["p99"],
            "cpu_ms_per_request": cpu * 1000 / requests,
            "upstream_calls_per_request": _stats_total(args.sims_url) / requests,
            "minimum_calls": 1,
            "peak_rss_mb": _peak_rss_mb(args.gateway_pid),
            "cold_ms": cold_ms,
            "client": "bench.load",
        }
        rows.append(row)
        _print_row(row)

    report = {
        "gateway": "GraphQL Mesh (compose CLI, OpenAPI source) served by Hive Gateway",
        "versions": args.versions,
        "machine": {
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "date": time.strftime("%Y-%m-%d"),
        "query": args.query.read_text(),
        "cpu_measured": "utime+stime (+cutime+cstime) of the gateway process and its descendants",
        "rows": rows,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"wrote {args.out}")
    errors = sum(r["errors"] for r in rows)
    if errors:
        print(f"{errors} errors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
