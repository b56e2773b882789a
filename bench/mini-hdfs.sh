# shellcheck shell=bash
# A real HDFS for the benchmark scripts (bench/cluster.sh --hdfs, bench/hdfs.sh): one NameNode and
# two DataNodes of hadoop-client-minicluster in a process of their own, started from the build's
# test jars (common's MiniHdfsServer). Sourced; expects ROOT (the project), show and fail.
#
#   start_mini_hdfs WORK [LOCAL_FOLDER HDFS_PATH]...  starts it with its blocks under WORK/hdfs, its
#                                                    log in WORK/logs/hdfs.log, the folders copied
#                                                    in; sets HDFS_URI (hdfs://127.0.0.1:PORT)
#   stop_hdfs                                        stops it (call it from the EXIT trap)

HDFS_PID=""
HDFS_URI=""

start_mini_hdfs() {
  local work="$1"
  shift
  mkdir -p "$work/logs"
  [ -f "$ROOT/common/target/test-classes/cn/tianjin/makerspace/common/MiniHdfsServer.class" ] \
    || (cd "$ROOT" && mvn -o -B -q -pl common test-compile >"$work/logs/mvn-test-compile.log" 2>&1) \
    || { show "$work/logs/mvn-test-compile.log"; fail "could not compile common's test classes (MiniHdfsServer)"; }
  (cd "$ROOT" && mvn -o -B -q -Dstyle.color=never -pl common dependency:build-classpath -DincludeScope=test \
    -Dmdep.outputFile="$work/hdfs-classpath.txt") >"$work/logs/mvn-hdfs-classpath.log" 2>&1 \
    || { show "$work/logs/mvn-hdfs-classpath.log"; fail "could not list the HDFS test jars with Maven"; }
  rm -rf "$work/hdfs"
  java -Xmx2g -cp "$ROOT/common/target/test-classes:$ROOT/common/target/classes:$(cat "$work/hdfs-classpath.txt")" \
    cn.tianjin.makerspace.common.MiniHdfsServer "$work/hdfs" 0 "$@" >"$work/logs/hdfs.log" 2>&1 &
  HDFS_PID=$!
  for _ in $(seq 1200); do
    grep -qs '^HDFS hdfs://' "$work/logs/hdfs.log" && break
    kill -0 "$HDFS_PID" 2>/dev/null || { show "$work/logs/hdfs.log"; fail "the HDFS process died while starting"; }
    sleep 0.5
  done
  HDFS_URI=$(grep -o '^HDFS hdfs://.*' "$work/logs/hdfs.log" | cut -d' ' -f2 || true)
  [ -n "$HDFS_URI" ] || { show "$work/logs/hdfs.log"; fail "HDFS was not ready in 10 minutes"; }
}

stop_hdfs() {
  [ -n "$HDFS_PID" ] || return 0
  kill "$HDFS_PID" 2>/dev/null || true
  for _ in $(seq 40); do kill -0 "$HDFS_PID" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$HDFS_PID" 2>/dev/null || true
  HDFS_PID=""
}
