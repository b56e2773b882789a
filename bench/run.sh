#!/usr/bin/env bash
# The benchmark suite: one generated landing zone of about N request events, and on it, in one
# run, every figure next to its bare baseline:
#   1. ingest: bare Spark (JSON with an explicit schema -> Parquet) and bare DuckDB (COPY ... TO
#      parquet) against `./warehouse ingest` (target ≤ 1.5× bare Spark);
#   2. transform: a bare Spark aggregation (events by district and quarter, count and average)
#      against `./warehouse transform` (target ≤ 3×);
#   3. incremental day: the newest request-log folders holding a day's share of the lines are held
#      back from 1 and 2, then added and `./warehouse run` (ingest, transform) timed against the
#      full run, ingest + transform (target ≤ 20%);
#   4. the dashboard: every API under 16 clients for 30 s (p95 ≤ 100 ms, 0 errors) and five
#      analyst queries through the SQL console API against DuckDB JDBC (≤ 1.2×), by
#      bench/dashboard.sh;
#   5. the peak resident memory (the kernel's VmHWM) of every process.
# Each job runs in its own JVM with the launcher's flags (driver heap -Xmx8g, local[*]).
# The figures go to bench/results/<N>/ and the "Suite" section of docs/benchmarks.md is rebuilt
# from every N measured so far (bench/SuiteReport.java), with the cost curve against 1M.
# Run it on an otherwise idle machine.
# Usage: bench/run.sh [--events N] [--as-of YYYY-MM-DD] [--no-dashboard]
set -euo pipefail
cd "$(dirname "$0")/.."
EVENTS=2000000
AS_OF=2026-11-28
DASHBOARD=yes
usage() { echo "usage: bench/run.sh [--events N] [--as-of YYYY-MM-DD] [--no-dashboard]" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --events) [ $# -ge 2 ] || usage; EVENTS="$2"; shift 2 ;;
    --as-of) [ $# -ge 2 ] || usage; AS_OF="$2"; shift 2 ;;
    --no-dashboard) DASHBOARD=no; shift ;;
    *) usage ;;
  esac
done
[[ "$EVENTS" =~ ^[0-9]+$ ]] && [ "$EVENTS" -ge 10000 ] || { echo "--events must be a whole number ≥ 10000" >&2; exit 2; }

WORK="bench/work/suite-$EVENTS"
LANDING="$WORK/landing"
HELD="$WORK/held-back"          # the newest request-log folders while the full run is measured
WH="$WORK/warehouse"
RESULTS="bench/results/$EVENTS"
mkdir -p "$WORK" "$RESULTS"
./warehouse help >/dev/null # builds if needed, outside the timings

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }

# timed NAME COMMAND...: runs the command, records NAME_seconds and NAME_rss_mib (the peak
# resident memory of the process: ./warehouse execs the JVM, so the pid is the JVM's).
FIGURES="$RESULTS/figures.properties"
: > "$FIGURES.tmp"
timed() {
  local name="$1"; shift
  log "$name: $*"
  local t0 hwm=0 value pid
  t0=$(now)
  "$@" >&2 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    value=$(awk '/^VmHWM/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
    [ -n "$value" ] && hwm=$value
    sleep 0.2
  done
  wait "$pid" || { echo "$name failed" >&2; exit 1; }
  echo "${name}_seconds=$(elapsed "$t0" "$(now)")" >> "$FIGURES.tmp"
  echo "${name}_rss_mib=$((hwm / 1024))" >> "$FIGURES.tmp"
}
figure() { echo "$1=$2" >> "$FIGURES.tmp"; }

# 0. The landing zone: the generator's scale 1 is the sample (about 170,500 events per unit).
if [ ! -d "$LANDING/reference" ]; then
  rm -rf "$LANDING" "$HELD"
  log "generating about $EVENTS events"
  ./warehouse generate --out "$LANDING" --scale "$(awk -v n="$EVENTS" 'BEGIN { printf "%.3f", n / 170500 }')" >&2
fi
# Hold back the newest request-log folders holding at least one day's share of the lines (the
# generator writes a folder per week, and its newest folders hold the stragglers of the last weeks).
if [ ! -d "$HELD" ]; then
  FOLDERS=$(ls "$LANDING/request_logs" | sort)
  DAYS=$(( ($(date -d "$(echo "$FOLDERS" | tail -1)" +%s) - $(date -d "$(echo "$FOLDERS" | head -1)" +%s)) / 86400 + 7 ))
  PER_DAY=$(( $(zcat -f "$LANDING"/request_logs/*/*.jsonl* | grep -c .) / DAYS ))
  mkdir -p "$HELD"
  held=0
  for folder in $(echo "$FOLDERS" | sort -r); do
    [ "$held" -lt "$PER_DAY" ] || break
    held=$((held + $(zcat -f "$LANDING/request_logs/$folder"/*.jsonl* | grep -c .)))
    mv "$LANDING/request_logs/$folder" "$HELD/"
  done
fi
NEWEST=$(ls "$HELD" | tr '\n' ' ' | sed 's/ $//')
LINES=$(zcat -f "$LANDING"/request_logs/*/*.jsonl* | grep -c .)
HELD_LINES=$(zcat -f "$HELD"/*/*.jsonl* | grep -c .)
figure events_target "$EVENTS"
figure log_lines "$LINES"
figure log_bytes "$(du -sb "$LANDING/request_logs" | cut -f1)"
figure log_files "$(ls "$LANDING"/request_logs/*/* | wc -l)"
figure spaces "$(($(wc -l < "$LANDING/reference/maker_spaces.csv") - 1))"
figure incremental_folder "$NEWEST"
figure incremental_lines "$HELD_LINES"

# 1. ingest
rm -rf "$WORK/bare-spark" "$WORK/bare-duckdb.parquet" "$WORK/bare-aggregate" "$WH"
timed bare_spark_ingest bench/tool baseline ingest --landing "$LANDING" --out "$WORK/bare-spark"
timed bare_duckdb_copy bench/tool baseline duckdb --landing "$LANDING" --out "$WORK/bare-duckdb.parquet"
timed ingest ./warehouse ingest --landing "$LANDING" --warehouse "$WH"
rm -rf "$WORK/bare-spark" "$WORK/bare-duckdb.parquet"

# 2. transform
timed bare_aggregate bench/tool baseline aggregate --warehouse "$WH" --out "$WORK/bare-aggregate"
timed transform ./warehouse transform --warehouse "$WH" --as-of "$AS_OF" --full
rm -rf "$WORK/bare-aggregate"
figure request_events "$(./warehouse sql --warehouse "$WH" --format csv "SELECT count(*) FROM request_events" | tail -1)"
figure requests "$(./warehouse sql --warehouse "$WH" --format csv "SELECT count(*) FROM requests" | tail -1)"

# 3. incremental: the held-back folder arrives; the whole pipeline runs again
mv "$HELD"/* "$LANDING/request_logs/"
rmdir "$HELD"
timed incremental ./warehouse run --landing "$LANDING" --warehouse "$WH" --as-of "$AS_OF"
figure request_events_after "$(./warehouse sql --warehouse "$WH" --format csv "SELECT count(*) FROM request_events" | tail -1)"

# 4. the dashboard on the final warehouse
if [ "$DASHBOARD" = yes ]; then
  log "dashboard: bench/dashboard.sh --warehouse $WH"
  bench/dashboard.sh --warehouse "$WH" --browser-runs 0 > "$RESULTS/dashboard.md"
  # the figures the summary needs, read back from the report's tables
  figure api_p95_max_ms "$(awk -F'|' '/^\| `\// { gsub(/ /, "", $6); if ($6 + 0 > m) m = $6 + 0 } END { print m + 0 }' "$RESULTS/dashboard.md")"
  figure api_errors "$(sed -n 's/.*Errors: \([0-9]*\)\..*/\1/p' "$RESULTS/dashboard.md" | head -1)"
  figure api_requests_per_s "$(sed -n 's/^Throughput: \([0-9,]*\) requests.*/\1/p' "$RESULTS/dashboard.md" | tr -d , | head -1)"
  figure console_ratio "$(sed -n 's/^| \*\*sum of the medians\*\* .*\*\*\([0-9.]*\)×\*\* |$/\1/p' "$RESULTS/dashboard.md" | head -1)"
  figure server_rss_mib "$(sed -n 's/.*peak RSS \([0-9]*\) MiB.*/\1/p' "$RESULTS/dashboard.md" | head -1)"
fi

figure date "$(date -u +%Y-%m-%d)"
figure machine "$(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
figure as_of "$AS_OF"
mv "$FIGURES.tmp" "$FIGURES"
java bench/SuiteReport.java bench/results docs/benchmarks.md
log "figures in $FIGURES; docs/benchmarks.md's suite section rebuilt"
