#!/usr/bin/env bash
# Benchmark baseline: GraphQL Mesh (compose CLI + OpenAPI source) served by Hive Gateway, over
# the same Datanexus simulator and with the same load client as `python -m bench`.
#
#   bash bench/mesh/run.sh            # install, compose, serve, measure; writes bench/results/mesh.json
#
# Env: PYTHON (default .venv/bin/python), LATENCY_MS (simulator latency, default 0),
# SCALE (default 2000), DURATION (s per run, default 5), WARMUP (s, default 2),
# CONCURRENCY (default "1 10 50"), GATEWAY_ARGS (extra hive-gateway flags, e.g. --jit).
# Loopback only; every step is bounded in time; both servers are stopped on exit.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
LATENCY_MS="${LATENCY_MS:-0}"
SCALE="${SCALE:-2000}"
DURATION="${DURATION:-5}"
WARMUP="${WARMUP:-2}"
CONCURRENCY="${CONCURRENCY:-1 10 50}"
GATEWAY_ARGS="${GATEWAY_ARGS:-}"
SERVER_LIMIT=900 # seconds: a hard cap on each server's life, should the trap never run

cd "$HERE"
WORK="$(mktemp -d -t bench-mesh-XXXXXX)"
SIMS_GUARD="" GW_GUARD=""

cleanup() {
  local pid
  for pid in $GW_GUARD $SIMS_GUARD; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in $GW_GUARD $SIMS_GUARD; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  "$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

wait_http() { # url seconds
  local deadline=$((SECONDS + $2))
  until curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      echo "$1 did not come up in $2 s" >&2
      return 1
    fi
    sleep 0.1
  done
}

# 1. install (exact versions from package-lock.json)
t0=$SECONDS
if [[ -f package-lock.json ]]; then
  timeout 600 npm ci --no-audit --no-fund --loglevel=error
else
  timeout 600 npm install --no-audit --no-fund --loglevel=error
fi
echo "install: $((SECONDS - t0)) s"

# 2. the simulators, on a free loopback port
SIMS_PORT="$(free_port)"
SIMS_URL="http://127.0.0.1:$SIMS_PORT"
(cd "$ROOT" && exec timeout -k 5 "$SERVER_LIMIT" "$PYTHON" -m upstreams.simulators \
  --port "$SIMS_PORT" --latency-ms "$LATENCY_MS" --scale "$SCALE" >"$WORK/sims.log" 2>&1) &
SIMS_GUARD=$!
wait_http "$SIMS_URL/datanexus/__stats" 30

# 3. compose the supergraph against that endpoint
t0=$SECONDS
DATANEXUS_ENDPOINT="$SIMS_URL/datanexus" timeout 120 node node_modules/@graphql-mesh/compose-cli/esm/bin.js \
  -o supergraph.graphql >"$WORK/compose.log" 2>&1 || { cat "$WORK/compose.log" >&2; exit 1; }
echo "compose: $((SECONDS - t0)) s"

# 4. Hive Gateway on another free loopback port (defaults: one process, no --fork, no --jit)
GW_PORT="$(free_port)"
GW_URL="http://127.0.0.1:$GW_PORT/graphql"
# shellcheck disable=SC2086 # GATEWAY_ARGS is a list of flags
timeout -k 5 "$SERVER_LIMIT" node node_modules/@graphql-hive/gateway/dist/bin.js supergraph supergraph.graphql \
  --host 127.0.0.1 --port "$GW_PORT" $GATEWAY_ARGS >"$WORK/gateway.log" 2>&1 &
GW_GUARD=$!
wait_http "http://127.0.0.1:$GW_PORT/readiness" 60 || { cat "$WORK/gateway.log" >&2; exit 1; }
GW_PID="$(pgrep -P "$GW_GUARD" | head -n1)" # the node process under `timeout`
[[ -n "$GW_PID" ]] || { echo "gateway process not found" >&2; exit 1; }

VERSIONS="$(node -e '
const v = { node: process.versions.node };
for (const p of ["@graphql-hive/gateway", "@graphql-mesh/compose-cli", "@omnigraph/openapi", "graphql"])
  v[p] = require(`./node_modules/${p}/package.json`).version;
console.log(JSON.stringify(v));')"
echo "versions: $VERSIONS"

# 5. check one answer, warm up, measure
t0=$SECONDS
# shellcheck disable=SC2086 # CONCURRENCY is a list
(cd "$ROOT" && timeout 600 "$PYTHON" "$HERE/measure.py" \
  --gateway-url "$GW_URL" --gateway-pid "$GW_PID" --sims-url "$SIMS_URL" \
  --latency "$LATENCY_MS" --concurrency $CONCURRENCY --duration "$DURATION" --warmup "$WARMUP" \
  --versions "$VERSIONS" --workdir "$WORK" --out "$ROOT/bench/results/mesh.json")
echo "measure: $((SECONDS - t0)) s"
