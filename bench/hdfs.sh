#!/usr/bin/env bash
# HDFS benchmark: the same ingest and transform with the landing zone and the warehouse on a real
# HDFS (bench/mini-hdfs.sh: a NameNode and two DataNodes in one process on this machine) and on
# local folders, in the same run, same JVM flags, local[*].
# Usage: bench/hdfs.sh [--scale S] [--as-of YYYY-MM-DD]   (S=11.7 gives about 2,000,000 request events)
# Prints a Markdown block for docs/benchmarks.md. Everything it writes is under bench/work/hdfs/
# (the landing zone is bench/work/landing-S, shared with bench/ingest.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
SCALE=11.7
AS_OF=2026-11-28
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) SCALE="$2"; shift 2 ;;
    --as-of) AS_OF="$2"; shift 2 ;;
    *) echo "usage: bench/hdfs.sh [--scale S] [--as-of YYYY-MM-DD]" >&2; exit 2 ;;
  esac
done
LANDING="$ROOT/bench/work/landing-$SCALE"
WORK="$ROOT/bench/work/hdfs"
fail() { echo "hdfs benchmark FAILED: $*" >&2; exit 1; }
show() { echo "--- last lines of $1:" >&2; tail -"${2:-30}" "$1" >&2 || true; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
divide() { awk -v a="$1" -v b="$2" -v f="$3" 'BEGIN { printf f, a / b }'; }
thousands() { echo "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }
# shellcheck source=bench/mini-hdfs.sh
. bench/mini-hdfs.sh
trap stop_hdfs EXIT

./warehouse help >/dev/null # builds if needed, outside the timings
[ -d "$LANDING/reference" ] || ./warehouse generate --out "$LANDING" --scale "$SCALE" >&2
EVENTS=$(zcat -f "$LANDING"/request_logs/*/*.jsonl* | grep -c .)
rm -rf "$WORK"
mkdir -p "$WORK/logs"
t0=$(now)
start_mini_hdfs "$WORK" "$LANDING" /landing
COPY=$(elapsed "$t0" "$(now)")
# DuckDB (the transform's data checks) reads a local mirror of an HDFS warehouse's segments
export WAREHOUSE_JAVA_OPTS="-Xmx8g -XX:+UseParallelGC -Dwarehouse.mirror=$WORK/mirror" # the launcher's defaults, and the mirror

# Runs `./warehouse ARGS...` and prints its wall time; its output goes to WORK/logs/NAME.log.
timed() {
  local name="$1" t0
  shift
  t0=$(now)
  ./warehouse "$@" >"$WORK/logs/$name.log" 2>&1 || { show "$WORK/logs/$name.log"; fail "$name failed"; }
  elapsed "$t0" "$(now)"
}
LOCAL_INGEST=$(timed local-ingest ingest --landing "$LANDING" --warehouse "$WORK/wh-local")
HDFS_INGEST=$(timed hdfs-ingest ingest --landing "$HDFS_URI/landing" --warehouse "$HDFS_URI/warehouse")
LOCAL_NOOP=$(timed local-noop ingest --landing "$LANDING" --warehouse "$WORK/wh-local")
HDFS_NOOP=$(timed hdfs-noop ingest --landing "$HDFS_URI/landing" --warehouse "$HDFS_URI/warehouse")
LOCAL_TRANSFORM=$(timed local-transform transform --warehouse "$WORK/wh-local" --as-of "$AS_OF" --full)
HDFS_TRANSFORM=$(timed hdfs-transform transform --warehouse "$HDFS_URI/warehouse" --as-of "$AS_OF" --full)
QUERY="SELECT (SELECT count(*) FROM request_events) || ' ' || (SELECT count(*) FROM requests) || ' ' || (SELECT sum(requests_received) FROM kpi_district_quarter)"
SAME=$([ "$(./warehouse sql --warehouse "$WORK/wh-local" --format csv "$QUERY" | tail -1)" = \
  "$(./warehouse sql --warehouse "$HDFS_URI/warehouse" --format csv "$QUERY" | tail -1)" ] && echo yes || echo NO)
[ "$SAME" = yes ] || fail "the two warehouses disagree on: $QUERY"
MIRROR=$(du -sh "$WORK/mirror" | cut -f1)
LIVE=$(du -sh "$WORK/wh-local/data" | cut -f1)

cat <<MD
### HDFS, $(date -u +%Y-%m-%d) — $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)

Landing zone: \`generate --scale $SCALE\`, $(thousands "$EVENTS") request-log lines, copied into a mini HDFS
(one NameNode and two DataNodes in one process on this machine, sharing its $(nproc) cores) in ${COPY} s
with its start. Wall times include JVM and SparkSession start, \`local[*]\`; the same commands on
local folders in the same run. The two warehouses agree (request events, requests, requests received).

| run | local folders (s) | HDFS (s) | HDFS / local |
|---|---:|---:|---:|
| \`warehouse ingest\` (full) | $LOCAL_INGEST | $HDFS_INGEST | $(divide "$HDFS_INGEST" "$LOCAL_INGEST" "%.2f")× |
| \`warehouse ingest\` again, landing zone unchanged | $LOCAL_NOOP | $HDFS_NOOP | $(divide "$HDFS_NOOP" "$LOCAL_NOOP" "%.2f")× |
| \`warehouse transform --full\` (as of $AS_OF) | $LOCAL_TRANSFORM | $HDFS_TRANSFORM | $(divide "$HDFS_TRANSFORM" "$LOCAL_TRANSFORM" "%.2f")× |

The local mirror DuckDB read for the transform's data checks: $MIRROR (the local warehouse's data/: $LIVE).
MD
