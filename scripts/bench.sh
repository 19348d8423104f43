#!/usr/bin/env bash
# Regenerates the "Foundation" figures of BENCHMARKS.md: one GET through the
# full transport stack against the same GET with plain net/http +
# encoding/json, same local server, same run.
#
# Usage: scripts/bench.sh [COUNT] (default 6). Runs
#   go test -run='^$' -bench=. -benchmem -count=COUNT ./internal/transport/
# prints the raw lines, then a table of medians and the ratios. The ns/op
# target is judged on BenchmarkGetPaired (both GETs interleaved in one loop,
# median of each), because on a shared machine the separate benchmarks'
# ns/op drift with the load by more than the 10% being measured.
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-6}"
cmd=(go test -run='^$' -bench=. -benchmem -count="$count" ./internal/transport/)
echo "+ ${cmd[*]}"
out=$("${cmd[@]}" | grep '^Benchmark')
echo "$out"
echo
echo "$out" | awk '
function median(key, n,   i, j, t, a) {
	for (i = 1; i <= n; i++) a[i] = v[key, i]
	for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j+1] = a[j]; a[j+1] = t }
	return (n % 2) ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2
}
{
	name = $1; sub(/-[0-9]+$/, "", name); sub(/^Benchmark/, "", name)
	for (i = 3; i <= NF; i += 2) { key = name SUBSEP $(i+1); v[key, ++cnt[key]] = $(i) }
}
END {
	printf "%-10s %14s %14s %10s %10s\n", "benchmark", "median ns/op", "median p50-ns", "B/op", "allocs/op"
	split("GetPlain GetStack", names, " ")
	for (k = 1; k <= 2; k++) {
		n = names[k]
		ns[n] = median(n SUBSEP "ns/op", cnt[n SUBSEP "ns/op"])
		p50[n] = median(n SUBSEP "p50-ns", cnt[n SUBSEP "p50-ns"])
		al[n] = median(n SUBSEP "allocs/op", cnt[n SUBSEP "allocs/op"])
		printf "%-10s %14.0f %14.0f %10.0f %10.0f\n", n, ns[n], p50[n], median(n SUBSEP "B/op", cnt[n SUBSEP "B/op"]), al[n]
	}
	p = "GetPaired"
	pp = median(p SUBSEP "plain-p50-ns", cnt[p SUBSEP "plain-p50-ns"])
	ps = median(p SUBSEP "stack-p50-ns", cnt[p SUBSEP "stack-p50-ns"])
	pr = median(p SUBSEP "stack/plain", cnt[p SUBSEP "stack/plain"])
	printf "\nseparate benchmarks, stack/plain: ns/op %.3fx, p50 %.3fx (both load-sensitive)\n", ns["GetStack"] / ns["GetPlain"], p50["GetStack"] / p50["GetPlain"]
	printf "paired (interleaved, per-request medians %.0f / %.0f ns): stack/plain %.3fx (target <= 1.10x)\n", ps, pp, pr
	d = al["GetStack"] - al["GetPlain"]
	printf "extra allocs/op: %d (target <= 15)\n", d
	if (pr > 1.10 || d > 15) { print "TARGET MISSED"; exit 1 }
	print "targets met"
}'
