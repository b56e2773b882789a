#!/usr/bin/env bash
# Ingest benchmark: the project's ingest against a bare Spark job (JSON with an explicit schema ->
# Parquet, no validation) on the same generated landing zone, in the same run, same JVM flags.
# Usage: bench/ingest.sh [--scale S]   (S=11.7 gives about 2,000,000 request events)
# Prints a Markdown block for docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=11.7
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) SCALE="$2"; shift 2 ;;
    *) echo "usage: bench/ingest.sh [--scale S]" >&2; exit 2 ;;
  esac
done
WORK=bench/work
LANDING="$WORK/landing-$SCALE"
mkdir -p "$WORK"
./warehouse help >/dev/null # builds if needed, outside the timings
[ -d "$LANDING/reference" ] || ./warehouse generate --out "$LANDING" --scale "$SCALE" >&2
EVENTS=$(zcat -f "$LANDING"/request_logs/*/*.jsonl* | grep -c .)
BYTES=$(du -sb "$LANDING/request_logs" | cut -f1)

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
divide() { awk -v a="$1" -v b="$2" -v f="$3" 'BEGIN { printf f, a / b }'; }
thousands() { echo "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }

rm -rf "$WORK/bare" "$WORK/wh"
t0=$(now); bench/tool baseline ingest --landing "$LANDING" --out "$WORK/bare" >&2; t1=$(now)
BARE=$(elapsed "$t0" "$t1")
t0=$(now); ./warehouse ingest --landing "$LANDING" --warehouse "$WORK/wh" >&2; t1=$(now)
FULL=$(elapsed "$t0" "$t1")
t0=$(now); ./warehouse ingest --landing "$LANDING" --warehouse "$WORK/wh" >&2; t1=$(now)
NOOP=$(elapsed "$t0" "$t1")

RATIO=$(divide "$FULL" "$BARE" "%.2f")
RATE=$(thousands "$(divide "$EVENTS" "$FULL" "%d")")
cat <<MD
### Ingest, $(date -u +%Y-%m-%d) — $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)

Landing zone: \`generate --scale $SCALE\`, $(thousands "$EVENTS") request-log lines in $(ls -d "$LANDING"/request_logs/*/ | wc -l) files ($(thousands "$BYTES") bytes, mostly gzip), plus reference and quarterly reports.
Wall times include JVM and SparkSession start (both sides alike), \`local[*]\`.

| run | wall time (s) | rows/s |
|---|---:|---:|
| bare Spark: JSON (explicit schema) → Parquet | $BARE | $(thousands "$(divide "$EVENTS" "$BARE" "%d")") |
| \`warehouse ingest\` (full: validate, dedup, quarantine, manifest, publish) | $FULL | $RATE |
| \`warehouse ingest\` again, landing zone unchanged | $NOOP | – |

Ratio full ingest / bare Spark: **$RATIO×** (target ≤ 1.5×).
MD
