#!/usr/bin/env bash
# Report-upload benchmark (issue 6): how long the upload page's check takes —
# ReportUploadService.check (the pipeline's own row checks against the live snapshot) on a real
# report (sample-data, Heping 2026Q3, 111 rows), the same rows repeated to ~18,000 as CSV and as an
# .xlsx workbook, and the template's generation; 3 rounds in one JVM (the first is cold).
# Usage: bench/upload.sh [WAREHOUSE]   (default: bench/work/wh-sample, built from sample-data/)
set -euo pipefail
cd "$(dirname "$0")/.."
WH="${1:-bench/work/wh-sample}"
./warehouse help >/dev/null # builds if needed
[ -f "$WH/CURRENT" ] || ./warehouse run --landing sample-data --warehouse "$WH" >&2
echo "### Upload check, $(date -u +%Y-%m-%d) — $(nproc) cores, $(java -version 2>&1 | head -1)"
echo
java -cp "app/target/app.jar:app/target/lib/*" bench/UploadCheck.java "$WH" 2>/dev/null | sed 's/^/    /'
