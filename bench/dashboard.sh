#!/usr/bin/env bash
# Dashboard benchmark, on the 2-million-event warehouse that bench/transform.sh builds
# (bench/work/wh-transform-11.7; generated, ingested and transformed here when missing):
#   1. load: every API path of bench/dashboard-paths.txt under 16 concurrent clients (one session
#      each) for 30 s after a 5 s warm-up: requests, errors, p50/p95/p99 per path
#      (target: p95 ≤ 100 ms for every API, 0 errors);
#   2. the SQL console: 5 analyst queries through POST /api/console/query and directly with DuckDB
#      JDBC over the same snapshot, medians and their ratio (target ≤ 1.2×);
#   3. the overview page in headless Chromium: navigation start → every chart drawn (target: median of the runs ≤ 1 s, issue 17).
# The server and the load client share the machine: run it on an otherwise idle machine.
# Usage: bench/dashboard.sh [--warehouse DIR] [--clients 16] [--seconds 30] [--warmup 5]
#                           [--repeat 10] [--browser-runs 5] [--paths FILE] [--port P]
# Prints a Markdown block for docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=11.7
AS_OF=2026-11-28
WH=""
CLIENTS=16
DURATION=30
WARMUP=5
REPEAT=10
BROWSER_RUNS=5
PATHS=bench/dashboard-paths.txt
PORT=""
usage() { echo "usage: bench/dashboard.sh [--warehouse DIR] [--clients N] [--seconds S] [--warmup S] [--repeat N] [--browser-runs N] [--paths FILE] [--port P]" >&2; exit 2; }
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || usage
  case "$1" in
    --warehouse) WH="$2" ;;
    --clients) CLIENTS="$2" ;;
    --seconds) DURATION="$2" ;;
    --warmup) WARMUP="$2" ;;
    --repeat) REPEAT="$2" ;;
    --browser-runs) BROWSER_RUNS="$2" ;;
    --paths) PATHS="$2" ;;
    --port) PORT="$2" ;;
    *) usage ;;
  esac
  shift 2
done

WORK=bench/work
mkdir -p "$WORK"
./warehouse help >/dev/null # builds if needed, outside the timings
if [ -z "$WH" ]; then
  # the same preparation as bench/transform.sh, plus the marts
  WH="$WORK/wh-transform-$SCALE"
  LANDING="$WORK/landing-$SCALE"
  [ -d "$LANDING/reference" ] || ./warehouse generate --out "$LANDING" --scale "$SCALE" >&2
  [ -f "$WH/CURRENT" ] || ./warehouse ingest --landing "$LANDING" --warehouse "$WH" >&2
  ./warehouse sql --warehouse "$WH" "SELECT 1 FROM kpi_district_quarter LIMIT 1" >/dev/null 2>&1 \
    || ./warehouse transform --warehouse "$WH" --as-of "$AS_OF" >&2
fi
[ -f "$WH/CURRENT" ] || { echo "no warehouse at $WH (run ./warehouse up or bench/transform.sh first)" >&2; exit 2; }
EVENTS=$(./warehouse sql --warehouse "$WH" --format csv "SELECT count(*) FROM request_events" | tail -1)
AS_OF_WH=$(./warehouse sql --warehouse "$WH" --format csv "SELECT max(quarter) FROM kpi_district_quarter" | tail -1)

TMP=$(mktemp -d)
SERVER=""
cleanup() {
  if [ -n "$SERVER" ] && kill -0 "$SERVER" 2>/dev/null; then
    kill "$SERVER" 2>/dev/null || true
    wait "$SERVER" 2>/dev/null || true
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT

# The bench user (an analyst: every dashboard and the console), a fresh random password each run.
(umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=\n' > "$TMP/password" && echo >> "$TMP/password")
./warehouse users add bench --role analyst --warehouse "$WH" < "$TMP/password" >&2

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if [ -z "$PORT" ]; then
  PORT=$((20000 + RANDOM % 20000))
  while ! port_free "$PORT"; do PORT=$((20000 + RANDOM % 20000)); done
fi
./warehouse serve --warehouse "$WH" --port "$PORT" > "$TMP/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 240); do
  grep -q "^Dashboard: http" "$TMP/server.log" && break
  kill -0 "$SERVER" 2>/dev/null || { cat "$TMP/server.log" >&2; echo "the server did not start" >&2; exit 1; }
  sleep 0.5
done
grep -q "^Dashboard: http" "$TMP/server.log" || { cat "$TMP/server.log" >&2; echo "the server did not start in 120 s" >&2; exit 1; }
URL="http://127.0.0.1:$PORT"
echo "[dashboard bench] server up at $URL on $WH; loading ..." >&2

LOAD=$(bench/tool loadtest --url "$URL" --user bench --password-file "$TMP/password" \
  --clients "$CLIENTS" --seconds "$DURATION" --warmup "$WARMUP" --paths "$PATHS")

echo "[dashboard bench] console vs direct DuckDB ..." >&2
if ! CONSOLE=$(bench/tool console-compare --url "$URL" --user bench --password-file "$TMP/password" \
    --warehouse "$WH" --repeat "$REPEAT" 2>&1); then
  CONSOLE="Not measured: $CONSOLE"
fi

BROWSER="Not measured (--browser-runs 0)."
if [ "$BROWSER_RUNS" -gt 0 ]; then
  echo "[dashboard bench] overview page in headless Chromium ..." >&2
  # the test classes (Chromium's settings) and their class path; ./warehouse built them above
  if (cd dashboard && mvn -B -q -o -Dstyle.color=never dependency:build-classpath -Dmdep.includeScope=test \
        -Dmdep.outputFile="$TMP/test-classpath.txt") >"$TMP/mvn.log" 2>&1 \
      && BROWSER=$(java -cp "dashboard/target/test-classes:$(cat "$TMP/test-classpath.txt")" \
        cn.tianjin.makerspace.dashboard.browser.OverviewTiming "$URL" bench "$TMP/password" "$BROWSER_RUNS" 2>"$TMP/browser.log"); then
    :
  else
    BROWSER="Not measured: $(tail -5 "$TMP/mvn.log" "$TMP/browser.log" 2>/dev/null | grep -v '^$' | tail -3 | tr '\n' ' ')"
  fi
fi

# the server's peak resident memory over the whole run (the kernel's high-water mark)
SERVER_RSS=$(awk '/^VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$SERVER/status")
kill "$SERVER"
wait "$SERVER" 2>/dev/null || true
SERVER=""

thousands() { echo "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }
cat <<MD
### Dashboard, $(date -u +%Y-%m-%d) — $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)

Warehouse: \`$WH\`, $(thousands "$EVENTS") request events, newest quarter $AS_OF_WH. Server:
\`./warehouse serve\` (one JVM, peak RSS $SERVER_RSS MiB); the load client runs on the same machine.

#### API latency

$LOAD

#### SQL console vs DuckDB JDBC

$CONSOLE

#### Overview page

$BROWSER
MD
