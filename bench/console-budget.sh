#!/usr/bin/env bash
# The SQL console's memory budget under hostile queries (issue 18), on the 2-million-event
# warehouse that bench/transform.sh builds (bench/work/wh-transform-11.7): QUERIES copies of a
# query that builds a 2 GB value outside DuckDB's buffer manager, sent at once through
# POST /api/console/query while GET /api/me is polled every 100 ms. Reports each query's answer
# and time, /api/me's slowest answer, the server's peak resident memory (VmHWM) and the console
# query processes' peaks against their share of the budget.
# Usage: bench/console-budget.sh [--warehouse DIR] [--queries 4] [--sql "SELECT …"] [--console-memory 6g]
set -euo pipefail
cd "$(dirname "$0")/.."
WH=bench/work/wh-transform-11.7
QUERIES=4
SQL="SELECT repeat('x', 2000000000) AS v"
MEMORY=6g
while [ $# -gt 0 ]; do
  case "$1" in
    --warehouse) WH="$2" ;;
    --queries) QUERIES="$2" ;;
    --sql) SQL="$2" ;;
    --console-memory) MEMORY="$2" ;;
    *) echo "usage: bench/console-budget.sh [--warehouse DIR] [--queries N] [--sql SQL] [--console-memory SIZE]" >&2; exit 2 ;;
  esac
  shift 2
done
[ -f "$WH/CURRENT" ] || { echo "no warehouse at $WH (run bench/transform.sh first)" >&2; exit 2; }
./warehouse help >/dev/null # builds if needed

TMP=$(mktemp -d)
SERVER=""
cleanup() {
  if [ -n "$SERVER" ] && kill -0 "$SERVER" 2>/dev/null; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT
(umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=\n' > "$TMP/password" && echo >> "$TMP/password")
./warehouse users add bench --role analyst --warehouse "$WH" < "$TMP/password" >&2
PORT=$((20000 + RANDOM % 20000))
./warehouse serve --warehouse "$WH" --port "$PORT" --console-memory "$MEMORY" > "$TMP/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 240); do grep -q "^Dashboard: http" "$TMP/server.log" && break; sleep 0.5; done
grep -q "^Dashboard: http" "$TMP/server.log" || { cat "$TMP/server.log" >&2; exit 1; }
URL="http://127.0.0.1:$PORT"
JAR="$TMP/cookies"
curl -s -c "$JAR" -H 'Content-Type: application/json' \
  -d "{\"name\":\"bench\",\"password\":\"$(tr -d '\n' < "$TMP/password")\"}" "$URL/api/login" > "$TMP/me.json"
CSRF=$(sed 's/.*"csrfToken":"\([^"]*\)".*/\1/' "$TMP/me.json")
query() { curl -s -b "$JAR" -H 'Content-Type: application/json' -H "X-CSRF-Token: $CSRF" -o "$2" -w '%{http_code} %{time_total}' \
  --data-binary "$(printf '{"sql": "%s"}' "$1")" "$URL/api/console/query"; }
query "SELECT 1" "$TMP/warm.json" > /dev/null # a process is ready, as on a running server
SERVER_BEFORE=$(awk '/^VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$SERVER/status")
QPIDS=()
for i in $(seq "$QUERIES"); do (query "$SQL" "$TMP/answer-$i.json" > "$TMP/status-$i") & QPIDS+=($!); done
running() { for q in "${QPIDS[@]}"; do kill -0 "$q" 2>/dev/null && return 0; done; return 1; }
SLOWEST_ME=0
PEAK_CHILDREN=0
while running; do
  ME=$(curl -s -b "$JAR" -o /dev/null -w '%{time_total}' "$URL/api/me")
  SLOWEST_ME=$(awk -v a="$SLOWEST_ME" -v b="$ME" 'BEGIN { print (b > a ? b : a) }')
  CHILDREN=0
  for p in $(pgrep -P "$SERVER" -f ConsoleWorker || true); do
    CHILDREN=$((CHILDREN + $(awk '/^VmRSS/ { print $2 }' "/proc/$p/status" 2>/dev/null || echo 0)))
  done
  [ "$CHILDREN" -gt "$PEAK_CHILDREN" ] && PEAK_CHILDREN=$CHILDREN
  sleep 0.1
done
SERVER_PEAK=$(awk '/^VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$SERVER/status")
PROCESS_PEAKS=$(for p in $(pgrep -P "$SERVER" -f ConsoleWorker || true); do awk '/^VmHWM/ { printf "%d ", $2 / 1024 }' "/proc/$p/status"; done)
echo "### SQL console memory budget, $(date -u +%Y-%m-%d) — $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB"
echo
echo "Warehouse \`$WH\`; console budget $MEMORY; $QUERIES × \`$SQL\` at once."
echo
for i in $(seq "$QUERIES"); do
  echo "- query $i: HTTP $(cut -d' ' -f1 "$TMP/status-$i") after $(cut -d' ' -f2 "$TMP/status-$i") s: $(head -c 220 "$TMP/answer-$i.json")"
done
echo "- slowest GET /api/me meanwhile: $SLOWEST_ME s"
echo "- server resident memory: $SERVER_BEFORE MiB before, peak (VmHWM, whole run) $SERVER_PEAK MiB"
echo "- console query processes: peak of their sum (sampled every 100 ms) $((PEAK_CHILDREN / 1024)) MiB; each process's own peak (VmHWM, MiB): $PROCESS_PEAKS"
