#!/usr/bin/env bash
# Cluster check: runs the pipeline on sample-data/ in local mode and on a real Spark standalone
# cluster (one master, two workers of 1 core and 2 GB, all on 127.0.0.1), then checks that every
# table of the two warehouses (the marts and the curated tables) is identical row for row.
# With --hdfs, the cluster run reads its landing zone from and writes its warehouse to a real
# HDFS (a NameNode and two DataNodes of hadoop-client-minicluster, started from the build's test
# jars, common's MiniHdfsServer), while the local run stays on local folders.
# Usage: bench/cluster.sh [--as-of YYYY-MM-DD] [--hdfs]
# The cluster is started from the project's own Maven dependencies (no Spark download) and is
# stopped on every exit path. Prints one line per table and exits 1 on any difference or failure.
# Everything it writes is under bench/work/cluster/ (cluster-hdfs/ with --hdfs; recreated on every run).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
AS_OF=2026-11-27
HDFS=no
while [ $# -gt 0 ]; do
  case "$1" in
    --as-of) AS_OF="$2"; shift 2 ;;
    --hdfs) HDFS=yes; shift ;;
    *) echo "usage: bench/cluster.sh [--as-of YYYY-MM-DD] [--hdfs]" >&2; exit 2 ;;
  esac
done
WORK="$ROOT/bench/work/cluster"
[ "$HDFS" = no ] || WORK="$ROOT/bench/work/cluster-hdfs"
MARTS=(work_calendar requests calendar_quarters calendar_weeks service_groups space_quarters group_quarters onsite_weeks
  kpi_district_quarter kpi_commissioner_year award_eligibility award_candidates award_shortlist award_rules data_checks)

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
fail() { echo "cluster check FAILED: $*" >&2; exit 1; }
# Prints the last lines of a log under a heading, for a failure.
show() { echo "--- last lines of $1:" >&2; tail -"${2:-30}" "$1" >&2 || true; }

# --- stopping the cluster: by process id, on every exit path ---------------------------------
PIDS=()
DRIVER=""
stop_cluster() {
  [ -z "$DRIVER" ] || kill "$DRIVER" 2>/dev/null || true
  [ ${#PIDS[@]} -gt 0 ] || return 0
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  # a worker's shutdown hook kills its executors; give it 20 s, then SIGKILL what is left
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  done
  PIDS=()
}
# shellcheck source=bench/mini-hdfs.sh
. bench/mini-hdfs.sh
trap 'stop_cluster; stop_hdfs' EXIT
trap 'echo "cluster check interrupted" >&2; exit 130' INT TERM
# Runs a pipeline in the background and waits for it, so that a signal reaches the trap at once
# (bash runs traps only after a foreground command ends) and the trap can stop the driver too.
pipeline() {
  local log="$1"
  shift
  ./warehouse run --as-of "$AS_OF" "$@" >"$log" 2>&1 &
  DRIVER=$!
  wait "$DRIVER" || { local rc=$?; DRIVER=""; return "$rc"; }
  DRIVER=""
}

echo "# bench/cluster.sh — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(awk '/^MemTotal/ { printf "%d", $2 / 1048576 }' /proc/meminfo) GiB, $(java -version 2>&1 | head -1)"
./warehouse help >/dev/null # builds if needed
rm -rf "$WORK"
mkdir -p "$WORK/logs"

# --- the Spark home ------------------------------------------------------------------------------
# A Spark distribution's jars/ holds Spark and its own dependencies, nothing of the application.
# That is exactly the runtime class path of the `common` module (its only dependency is
# spark-sql), which Maven has already resolved for the build, so jars/ is made of links to those
# resolved artifacts. Not all of app/target/lib/: that also holds the project's own jars
# (which must reach the executors through spark.jars, as on a real cluster, or this check would
# prove nothing about it) and the dashboard's libraries (Javalin, DuckDB, POI, ...), which on
# the executors would hide a task that needs something a real Spark installation lacks.
SPARK_HOME="$WORK/spark-home"
mkdir -p "$SPARK_HOME/jars"
(mvn -o -B -q -Dstyle.color=never -pl common dependency:build-classpath -DincludeScope=runtime \
  -Dmdep.outputFile="$WORK/spark-classpath.txt") >"$WORK/logs/mvn-classpath.log" 2>&1 \
  || { show "$WORK/logs/mvn-classpath.log"; fail "could not list Spark's jars with Maven (build first: ./warehouse help)"; }
tr ':' '\n' <"$WORK/spark-classpath.txt" | while read -r jar; do ln -s "$jar" "$SPARK_HOME/jars/"; done
grep -q 'spark-core_2.13' "$WORK/spark-classpath.txt" || fail "spark-core is not on the Spark class path"
echo "spark home: $SPARK_HOME ($(ls "$SPARK_HOME/jars" | wc -l) jars, $(ls "$SPARK_HOME/jars" | grep -o 'spark-core_[^/]*'))"
# The 4.2 launcher that builds executor commands needs the Scala version when there is no
# Spark build tree; every process binds to loopback.
export SPARK_HOME SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1

# --- free ports ----------------------------------------------------------------------------------
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local p="$1"
  while ! port_free "$p"; do
    p=$((p + 1))
    [ "$p" -lt $(($1 + 100)) ] || { echo "no free port in $1..$p" >&2; return 1; }
  done
  echo "$p"
}
MASTER_PORT=$(free_port 7077)
MASTER_UI=$(free_port 18080)
WORKER1_UI=$(free_port $((MASTER_UI + 1)))
WORKER2_UI=$(free_port $((WORKER1_UI + 1)))
MASTER="spark://127.0.0.1:$MASTER_PORT"

# GET on the master's web UI without curl (a fresh CI machine may not have it).
http_get() {
  exec 3<>"/dev/tcp/127.0.0.1/$MASTER_UI" || return 1
  printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$1" >&3
  cat <&3
  exec 3<&-
}
json_number() { grep -o "\"$1\" *: *[0-9]*" | head -1 | grep -o '[0-9]*$'; }

# --- local run (before the cluster starts, so that it has the machine to itself) ---------------
LOCAL_WH="$WORK/wh-local"
CLUSTER_WH="$WORK/wh-cluster"
CLUSTER_LANDING="$ROOT/sample-data"
t0=$(now)
pipeline "$WORK/logs/run-local.log" --landing "$ROOT/sample-data" --warehouse "$LOCAL_WH" --master 'local[2]' \
  || { show "$WORK/logs/run-local.log"; fail "the local run failed"; }
t1=$(now)
LOCAL_S=$(elapsed "$t0" "$t1")
echo "local run   (--master local[2]): ${LOCAL_S} s"

# --- the cluster ---------------------------------------------------------------------------------
DAEMON=(java -Xmx1g -cp "$SPARK_HOME/jars/*")
t0=$(now)
"${DAEMON[@]}" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$MASTER_PORT" --webui-port "$MASTER_UI" \
  >"$WORK/logs/master.log" 2>&1 &
PIDS+=($!)
for w in 1 2; do
  ui=$([ "$w" = 1 ] && echo "$WORKER1_UI" || echo "$WORKER2_UI")
  mkdir -p "$WORK/worker$w"
  "${DAEMON[@]}" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory 2g \
    --webui-port "$ui" --work-dir "$WORK/worker$w" "$MASTER" >"$WORK/logs/worker$w.log" 2>&1 &
  PIDS+=($!)
done
# Ready when the master counts two alive workers (a worker that tried before the master was up
# retries seconds later, so its log lines are no signal).
ALIVE=0
for _ in $(seq 120); do
  for pid in "${PIDS[@]}"; do
    kill -0 "$pid" 2>/dev/null || { show "$WORK/logs/master.log"; show "$WORK/logs/worker1.log"; show "$WORK/logs/worker2.log"; fail "a cluster process (pid $pid) died while starting"; }
  done
  ALIVE=$(http_get /json/ 2>/dev/null | json_number aliveworkers || true)
  [ "${ALIVE:-0}" = 2 ] && break
  sleep 0.5
done
if [ "${ALIVE:-0}" != 2 ]; then
  show "$WORK/logs/master.log"; show "$WORK/logs/worker1.log"; show "$WORK/logs/worker2.log"
  fail "the master at $MASTER saw ${ALIVE:-0} of 2 workers after 60 s"
fi
t1=$(now)
START_S=$(elapsed "$t0" "$t1")
echo "cluster up  ($MASTER, web UI :$MASTER_UI, 2 workers x 1 core, 2 GB): ${START_S} s"

# --- HDFS (with --hdfs) --------------------------------------------------------------------------
if [ "$HDFS" = yes ]; then
  t0=$(now)
  start_mini_hdfs "$WORK" "$ROOT/sample-data" /landing
  t1=$(now)
  echo "hdfs up     ($HDFS_URI, 1 NameNode, 2 DataNodes; sample-data/ copied to /landing): $(elapsed "$t0" "$t1") s"
  CLUSTER_LANDING="$HDFS_URI/landing"
  CLUSTER_WH="$HDFS_URI/warehouse"
  # DuckDB (the transform's data checks, the comparison below) reads a local mirror of the segments
  export WAREHOUSE_JAVA_OPTS="-Xmx8g -XX:+UseParallelGC -Dwarehouse.mirror=$WORK/mirror" # the launcher's defaults, and the mirror
fi

# --- cluster run ---------------------------------------------------------------------------------
t0=$(now)
pipeline "$WORK/logs/run-cluster.log" --landing "$CLUSTER_LANDING" --warehouse "$CLUSTER_WH" --master "$MASTER" \
  || { show "$WORK/logs/run-cluster.log"; fail "the cluster run failed"; }
t1=$(now)
CLUSTER_S=$(elapsed "$t0" "$t1")
echo "cluster run (--master $MASTER, --landing $CLUSTER_LANDING, --warehouse $CLUSTER_WH): ${CLUSTER_S} s"

# Evidence that the work was done by the cluster's executors, not by the driver: the master lists
# the application as completed, and each worker ran an executor of it whose log shows tasks.
completed_apps() {
  http_get /json/ 2>/dev/null | tr -d '\n' | grep -o '"completedapps" *: *\[.*' | grep -o '"id" *: *"app-[^"]*"' | grep -o 'app-[^"]*' || true
}
COMPLETED=""
for _ in $(seq 20); do # the master may take a moment to move the application to completed
  COMPLETED=$(completed_apps)
  [ -n "$COMPLETED" ] && break
  sleep 0.5
done
[ "$(echo "$COMPLETED" | grep -c app- || true)" = 1 ] || fail "the master does not list exactly one completed application: '$COMPLETED'"
echo "master: application $COMPLETED completed"
for w in 1 2; do
  dir=$(ls -d "$WORK/worker$w/$COMPLETED"/* 2>/dev/null | head -1 || true)
  [ -n "$dir" ] && [ -f "$dir/stderr" ] || fail "worker $w has no executor of $COMPLETED under $WORK/worker$w"
  tasks=$(grep -c 'Running task' "$dir/stderr" || true)
  [ "${tasks:-0}" -gt 0 ] || fail "the executor of worker $w ran no task ($dir/stderr)"
  echo "worker $w: executor ${dir#"$WORK/"} ran $tasks tasks"
done
stop_cluster

# --- comparison ----------------------------------------------------------------------------------
# Columns that differ between two runs by nature, excluded by name (nothing else is):
declare -A EXCLUDE=(
  # the id of an ingest run is its start time; ingested_at is when it was published
  [ingest_runs]="run_id, ingested_at"
  # when the transform's data checks ran
  [data_checks]="checked_at"
)
# on HDFS the landing files are copies made when HDFS started: their modification times are the copies'
[ "$HDFS" = no ] || EXCLUDE[ingest_runs]="run_id, ingested_at, modified_at"
sql() { ./warehouse sql --warehouse "$1" --format csv --max-rows 100000000 "$2"; }
TABLES=$(sql "$LOCAL_WH" "SELECT table_name FROM information_schema.tables ORDER BY 1" | tail -n +2)
CLUSTER_TABLES=$(sql "$CLUSTER_WH" "SELECT table_name FROM information_schema.tables ORDER BY 1" | tail -n +2)
[ "$TABLES" = "$CLUSTER_TABLES" ] || fail "the two warehouses have different tables: [$(echo $TABLES)] vs [$(echo $CLUSTER_TABLES)]"
for m in "${MARTS[@]}"; do
  echo "$TABLES" | grep -qx "$m" || fail "mart $m is missing"
done

# Every row of every table as one line "table,row" where row is DuckDB's text of the whole row:
# full precision for doubles and instants, NULL distinct from an empty string (a CSV of the
# columns would lose both); backslashes and newlines escaped so that a row is one line. One
# query per warehouse, sorted, then split into one file per table and side.
DUMP_QUERY="$(for t in $TABLES; do
  cols="*"
  [ -n "${EXCLUDE[$t]:-}" ] && cols="* EXCLUDE (${EXCLUDE[$t]})"
  echo "SELECT '$t' AS t, replace(replace(CAST(r AS VARCHAR), '\\', '\\\\'), chr(10), '\\n') AS row FROM (SELECT $cols FROM $t) r"
done | sed '1!s/^/UNION ALL /' | tr '\n' ' ') ORDER BY t, row"
mkdir -p "$WORK/compare"
for side in local cluster; do
  wh="$LOCAL_WH"
  [ "$side" = cluster ] && wh="$CLUSTER_WH"
  sql "$wh" "$DUMP_QUERY" >"$WORK/compare/all.$side.csv"
  for t in $TABLES; do : >"$WORK/compare/$t.$side.txt"; done
  awk -F, -v dir="$WORK/compare" -v side="$side" 'NR > 1 { print > (dir "/" $1 "." side ".txt") }' "$WORK/compare/all.$side.csv"
done

DIFFERENT=0
printf '%-22s %-8s %10s  %s\n' table kind rows identical
for t in $TABLES; do
  kind=curated
  printf '%s\n' "${MARTS[@]}" | grep -qx "$t" && kind=mart
  rows_local=$(wc -l <"$WORK/compare/$t.local.txt")
  rows_cluster=$(wc -l <"$WORK/compare/$t.cluster.txt")
  if cmp -s "$WORK/compare/$t.local.txt" "$WORK/compare/$t.cluster.txt"; then
    same=yes
  else
    same=NO
    DIFFERENT=$((DIFFERENT + 1))
  fi
  rows="$rows_local"
  [ "$rows_local" = "$rows_cluster" ] || rows="$rows_local/$rows_cluster"
  printf '%-22s %-8s %10s  %s%s\n' "$t" "$kind" "$rows" "$same" "${EXCLUDE[$t]:+ (without ${EXCLUDE[$t]})}"
  if [ "$same" = NO ]; then
    diff "$WORK/compare/$t.local.txt" "$WORK/compare/$t.cluster.txt" | head -6 | cut -c1-300 | sed 's/^/    /' || true
  fi
done
N=$(echo "$TABLES" | wc -l)
if [ "$DIFFERENT" -gt 0 ]; then
  fail "$DIFFERENT of $N tables differ between local mode and the cluster (files in $WORK/compare)"
fi
[ "$HDFS" = no ] || echo "hdfs: $(du -sh "$WORK/hdfs" | cut -f1) of blocks (the landing zone and the warehouse); the local mirror $(du -sh "$WORK/mirror" | cut -f1)"
echo "cluster check passed${HDFS_URI:+ (landing and warehouse on HDFS)}: all $N tables (${#MARTS[@]} marts, $((N - ${#MARTS[@]})) curated) identical; local run ${LOCAL_S} s, cluster up ${START_S} s, cluster run ${CLUSTER_S} s"
