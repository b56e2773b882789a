#!/usr/bin/env bash
# The screenshots of docs/screenshots/: every dashboard page on the test fixture (sample-data/
# through the real pipeline, as the browser tests build it), in Chinese and English, at 1440 and
# 390 px wide, as <page>-<zh|en>-<width>.png — viewport screenshots (1440×900, 390×844) in
# headless Chromium (apt-get install -y chromium chromium-driver).
# Usage: bench/screenshots.sh [OUT_DIR]   (default docs/screenshots)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=$(realpath -m "${1:-docs/screenshots}")
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
(cd dashboard && mvn -B -q -o -Dstyle.color=never test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$TMP/classpath.txt") >"$TMP/mvn.log" 2>&1 || { cat "$TMP/mvn.log" >&2; exit 1; }
# Spark (the fixture's ingest and transform) needs the JVM flags the tests run with (pom.xml)
OPENS=$(sed -n 's:.*<spark.jvm.opens>\(.*\)</spark.jvm.opens>.*:\1:p' pom.xml)
mkdir -p "$OUT"
rm -f "$OUT"/*-zh-1440.png "$OUT"/*-en-1440.png "$OUT"/*-zh-390.png "$OUT"/*-en-390.png
# shellcheck disable=SC2086
(cd dashboard && java -Xmx4g $OPENS -cp "target/test-classes:target/classes:$(cat "$TMP/classpath.txt")" \
    cn.tianjin.makerspace.dashboard.browser.Screenshots "$OUT")
echo "$(ls "$OUT"/*-[ze][hn]-*.png | wc -l) screenshots in $OUT ($(du -sh "$OUT" | cut -f1))"
