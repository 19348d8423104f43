#!/usr/bin/env bash
# Regenerates BENCHMARKS.md in one go: runs every benchmark of the SDK
# against its plain net/http + encoding/json baseline with a fixed -count
# and -benchtime, then scripts/benchreport computes the medians, ratios and
# target verdicts and writes the document. The raw output is kept in it.
#
# Usage: scripts/bench.sh [COUNT] (default 5). About 4 minutes on the
# project's 2-core machine. Exits non-zero when a benchmark fails; a missed
# target is reported in the document (and on stderr), not as a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

count="${1:-5}"
start=$(date +%s)
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)
raw=$(mktemp)
cmds=$(mktemp)
out=$(mktemp)
trap 'rm -f "$raw" "$cmds" "$out"' EXIT

run() {
	echo "$*" >>"$cmds"
	echo "+ $*" >&2
	"$@" | tee -a "$raw" | grep -E '^(Benchmark|ok|FAIL|---)' >&2
}

bench=(go test -run='^$' -benchmem)
# One call per vendor (and the bare stack): sdk, plain and paired.
run "${bench[@]}" -bench='^BenchmarkCall$' -benchtime=3000x -count="$count" \
	./internal/transport/ ./sparetech/ ./spr/ ./gks/ ./servicemobility/ ./eryxon/
# 10,000 and 100,000 items through each iterator, and the plain loops;
# then SDK and plain walks of 10,000 items alternately, for the time ratio.
run "${bench[@]}" -bench='^BenchmarkIterate$/^(sdk|plain)-' -benchtime=1x -count=3 \
	./sparetech/ ./spr/ ./gks/ ./eryxon/
run "${bench[@]}" -bench='^BenchmarkIterate$/^paired-' -benchtime=5x -count=3 \
	./sparetech/ ./spr/ ./gks/ ./eryxon/
# 1000 concurrent callers on an expired token.
run "${bench[@]}" -bench='^BenchmarkExpiredToken1000$' -benchtime=200x -count="$count" ./auth/
# Eryxon BulkSync of 10,000 and 100,000 parts.
run "${bench[@]}" -bench='^BenchmarkBulkSync$' -benchtime=1x -count=3 ./eryxon/

load_after=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)
go run ./scripts/benchreport \
	-date "$(date -u '+%Y-%m-%d %H:%M UTC')" \
	-machine "$(nproc) cores, $(uname -sr)" \
	-go "$(go version | cut -d' ' -f3-)" \
	-load "$load_before / $load_after" \
	-duration "$(( $(date +%s) - start )) s" \
	-commands "$cmds" <"$raw" >"$out"
cat "$out" >BENCHMARKS.md
if grep -q 'NOT met' BENCHMARKS.md; then
	echo "bench.sh: some targets are not met (see BENCHMARKS.md):" >&2
	grep 'NOT met' BENCHMARKS.md >&2
fi
echo "bench.sh: wrote BENCHMARKS.md" >&2
