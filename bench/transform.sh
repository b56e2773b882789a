#!/usr/bin/env bash
# Transform benchmark: the project's transform (every mart) against a bare Spark aggregation of
# the same request events (joined to their space's district, grouped by district and quarter:
# count and average), on the warehouse that bench/ingest.sh built, in the same run.
# Usage: bench/transform.sh [--scale S] [--as-of YYYY-MM-DD] [--repeat N]
# Each side runs N times (default 3), interleaved, and the medians are compared: on this shared
# 2-core machine one run of the same command varies by ±10%.
# Prints a Markdown block for docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=11.7
AS_OF=2026-11-28
REPEAT=3
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) SCALE="$2"; shift 2 ;;
    --as-of) AS_OF="$2"; shift 2 ;;
    --repeat) REPEAT="$2"; shift 2 ;;
    *) echo "usage: bench/transform.sh [--scale S] [--as-of YYYY-MM-DD] [--repeat N]" >&2; exit 2 ;;
  esac
done
WORK=bench/work
LANDING="$WORK/landing-$SCALE"
WH="$WORK/wh-transform-$SCALE"
mkdir -p "$WORK"
./warehouse help >/dev/null # builds if needed, outside the timings
[ -d "$LANDING/reference" ] || ./warehouse generate --out "$LANDING" --scale "$SCALE" >&2
[ -f "$WH/CURRENT" ] || ./warehouse ingest --landing "$LANDING" --warehouse "$WH" >&2
EVENTS=$(./warehouse sql --warehouse "$WH" --format csv "SELECT count(*) FROM request_events" | tail -1)

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
divide() { awk -v a="$1" -v b="$2" -v f="$3" 'BEGIN { printf f, a / b }'; }
thousands() { echo "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }
median() { tr ' ' '\n' | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

BARES=""
FULLS=""
for _ in $(seq "$REPEAT"); do
  rm -rf "$WORK/bare-aggregate"
  t0=$(now); bench/tool baseline aggregate --warehouse "$WH" --out "$WORK/bare-aggregate" >&2; t1=$(now)
  BARES="$BARES $(elapsed "$t0" "$t1")"
  t0=$(now); ./warehouse transform --warehouse "$WH" --as-of "$AS_OF" --full >&2; t1=$(now)
  FULLS="$FULLS $(elapsed "$t0" "$t1")"
done
BARE=$(echo $BARES | median)
FULL=$(echo $FULLS | median)
ROWS=$(./warehouse sql --warehouse "$WH" --format csv "SELECT (SELECT count(*) FROM requests) || ' requests, ' || (SELECT count(*) FROM kpi_district_quarter) || ' district-quarters, ' || (SELECT count(*) FROM kpi_commissioner_year) || ' commissioner-years, ' || (SELECT count(*) FROM award_shortlist) || ' shortlisted'" | tail -1)

cat <<MD
### Transform, $(date -u +%Y-%m-%d) — $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)

Warehouse: \`generate --scale $SCALE\` ingested, $(thousands "$EVENTS") request events; as of $AS_OF.
Wall times include JVM and SparkSession start (both sides alike), \`local[*]\`.

| run | runs (s) | median (s) |
|---|---|---:|
| bare Spark: events ⋈ spaces, group by district and quarter, count and average → Parquet |$BARES | $BARE |
| \`warehouse transform\` (every mart: $ROWS) |$FULLS | $FULL |

Ratio of the medians, transform / bare aggregation: **$(divide "$FULL" "$BARE" "%.2f")×** (target ≤ 3×).
MD
