#!/usr/bin/env bash
# Whole-process figures of issue 20: what a user runs, start-up and output
# included, timed from outside with /usr/bin/time (wall clock around it).
#
#   scripts/bench-whole.sh              # after `cargo build --release`
#   SECTION=whole scripts/bench.sh      # the same, from the suite
#
# Environment: CARGO_TARGET_DIR, BENCH_WORK, ARCHIVE, PYTHON as in bench.sh;
# RUNS (default 5: the median of that many runs of each command, the
# commands of a round run one after the other, A B C A B C ...); BASELINE
# (optional: a folder with release `claimcheck` and `bench` binaries of an
# earlier commit, timed in the same rounds, and whose outputs are compared
# byte for byte with ours); PEERS (default 1; 0 leaves out the peers and
# the catalog's load time, scripts/bench-peers.sh, run at the end).
#
# Inputs: plain news text of 4 MB and 40 MB made by scripts/news-text.py
# from the archive's article bodies, in BENCH_WORK (never committed).
set -euo pipefail
cd "$(dirname "$0")/.."

TARGET=${CARGO_TARGET_DIR:-target}
WORK=${BENCH_WORK:-$TARGET/bench}
ARCHIVE=${ARCHIVE:-../shared/data/reuters-21578/articles.jsonl}
PYTHON=${PYTHON:-python3}
RUNS=${RUNS:-5}
AS_OF=2017-11-11
CC="$TARGET/release/claimcheck"
BENCH="$TARGET/release/bench"
LOG="$WORK/log-whole"
mkdir -p "$WORK" "$LOG"

say() { printf '%s\n' "$*"; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
div() { echo "$1 / $2" | bc -l | awk -v d="${3:-2}" '{ printf "%.*f", d, $1 }'; }

# run NAME THREADS OUT CMD...: one run, standard output to OUT; appends its
# wall and cpu seconds and peak MB to the arrays named NAME_wall etc.
declare -A WALLS CPUS RSSS
run() {
	local name=$1 threads=$2 out=$3
	shift 3
	local t0 t1
	t0=$(date +%s.%N)
	RAYON_NUM_THREADS=$threads /usr/bin/time -f '%U %S %M' -o "$LOG/$name.time" "$@" >"$out" 2>"$LOG/$name.err" || {
		local rc=$?
		[ "$rc" -eq 1 ] || { say "FAILED ($rc): $*"; cat "$LOG/$name.err" >&2; exit 1; }
	}
	t1=$(date +%s.%N)
	WALLS[$name]+="$(echo "$t1 - $t0" | bc -l) "
	CPUS[$name]+="$(awk '{ print $1 + $2 }' "$LOG/$name.time") "
	RSSS[$name]+="$(awk '{ printf "%.0f", $3 / 1024 }' "$LOG/$name.time") "
}
# fig NAME: "median wall s (cpu s), peak MB"
wall() { median ${WALLS[$1]}; }
cpu() { median ${CPUS[$1]}; }
rss() { median ${RSSS[$1]}; }
fig() { printf '%.3f s wall, %.3f s cpu, %s MB' "$(wall "$1")" "$(cpu "$1")" "$(rss "$1")"; }

say "== whole process (issue 20): $RUNS rounds, medians; load average $(cut -d' ' -f1-3 /proc/loadavg)"
say "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  commit: $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (dirty)')"
T4="$WORK/news-4mb.txt"
T40="$WORK/news-40mb.txt"
[ -s "$T4" ] || "$PYTHON" scripts/news-text.py "$ARCHIVE" 4 "$T4"
[ -s "$T40" ] || "$PYTHON" scripts/news-text.py "$ARCHIVE" 40 "$T40"
MB4=$(stat -c %s "$T4" | awk '{ print $1 / 1e6 }')
MB40=$(stat -c %s "$T40" | awk '{ print $1 / 1e6 }')
MBA=$(stat -c %s "$ARCHIVE" | awk '{ print $1 / 1e6 }')

say "-- extract of $MB4 MB of text (1 and 2 threads) and the floor (bench scan), in turn"
for i in $(seq "$RUNS"); do
	run extract1 1 "$WORK/extract-4mb.json" "$CC" extract "$T4" --as-of $AS_OF
	run extract2 2 "$WORK/extract-4mb.json" "$CC" extract "$T4" --as-of $AS_OF
	run scan4 1 "$WORK/scan-4mb.jsonl" "$BENCH" scan "$T4"
	if [ -n "${BASELINE:-}" ]; then
		run base_extract1 1 "$WORK/base-extract-4mb.json" "$BASELINE/claimcheck" extract "$T4" --as-of $AS_OF
		run base_extract2 2 "$WORK/base-extract-4mb.json" "$BASELINE/claimcheck" extract "$T4" --as-of $AS_OF
	fi
done
say "-- extract of $MB40 MB of text (2 threads), once: peak memory"
run extract40 2 "$WORK/extract-40mb.json" "$CC" extract "$T40" --as-of $AS_OF
run scan40 1 "$WORK/scan-40mb.jsonl" "$BENCH" scan "$T40"
if [ -n "${BASELINE:-}" ]; then
	run base_extract40 2 "$WORK/base-extract-40mb.json" "$BASELINE/claimcheck" extract "$T40" --as-of $AS_OF
fi
say "-- check of the archive ($MBA MB, jsonl) at --jobs 1 and 2, and the floor, in turn"
CHECK=(check "$ARCHIVE" --reference reference-data --format jsonl --no-fail --as-of $AS_OF)
for i in $(seq "$RUNS"); do
	run check1 1 "$WORK/check.jsonl" "$CC" "${CHECK[@]}" --jobs 1
	run check2 2 "$WORK/check.jsonl" "$CC" "${CHECK[@]}" --jobs 2
	run scana 1 "$WORK/scan-archive.jsonl" "$BENCH" scan "$ARCHIVE"
	if [ -n "${BASELINE:-}" ]; then
		run base_check2 2 "$WORK/base-check.jsonl" "$BASELINE/claimcheck" "${CHECK[@]}" --jobs 2
	fi
done

say "-- 80,000 figures on one line (random integers, seed 1): check --format json, in turn"
F80="$WORK/fig80k.txt"
[ -s "$F80" ] || "$PYTHON" -c "import random; random.seed(1); print(' '.join(str(random.randint(1, 99999)) for _ in range(80000)))" >"$F80"
for i in 1 2 3; do
	run fig80k 2 /dev/null "$CC" check "$F80" --no-fail --format json -q
	if [ -n "${BASELINE:-}" ]; then
		run base_fig80k 2 /dev/null "$BASELINE/claimcheck" check "$F80" --no-fail --format json -q
	fi
done

say "| figure | value |"
say "| --- | --- |"
say "| extract, $MB4 MB, 1 thread | $(fig extract1): **$(div "$MB4" "$(wall extract1)" 1) MB/s** ($(div "$MB4" "$(cpu extract1)" 1) MB/s of cpu) |"
say "| extract, $MB4 MB, 2 threads | $(fig extract2): **$(div "$MB4" "$(wall extract2)" 1) MB/s** ($(div "$(wall extract1)" "$(wall extract2)")x 1 thread) |"
say "| floor: bench scan of the same text | $(fig scan4); extract 1 thread **$(div "$(wall extract1)" "$(wall scan4) " 1)x** it, 2 threads $(div "$(wall extract2)" "$(wall scan4)" 1)x |"
say "| extract, $MB40 MB, 2 threads, one run | $(fig extract40): **peak $(rss extract40) MB**, $(div "$MB40" "$(wall extract40)" 1) MB/s; floor $(fig scan40) |"
say "| check of the archive, --jobs 1 | $(fig check1) |"
say "| check of the archive, --jobs 2 | $(fig check2) ($(div "$(wall check1)" "$(wall check2)")x --jobs 1) |"
say "| floor: bench scan of the archive | $(fig scana); check --jobs 2 **$(div "$(wall check2)" "$(wall scana)" 1)x** it |"
say "| 80,000 figures on one line, check (json), medians of 3 | $(fig fig80k) |"
if [ -n "${BASELINE:-}" ]; then
	say "| baseline extract, $MB4 MB, 1 / 2 threads | $(fig base_extract1) / $(fig base_extract2): ours $(div "$(wall base_extract1)" "$(wall extract1)")x / $(div "$(wall base_extract2)" "$(wall extract2)")x faster |"
	say "| baseline extract, $MB40 MB, one run | $(fig base_extract40) |"
	say "| baseline check of the archive, --jobs 2 | $(fig base_check2): ours $(div "$(wall base_check2)" "$(wall check2)")x faster |"
	say "| baseline, 80,000 figures on one line | $(fig base_fig80k): ours $(div "$(wall base_fig80k)" "$(wall fig80k)")x faster |"
	for pair in "extract-4mb.json base-extract-4mb.json" "extract-40mb.json base-extract-40mb.json" "check.jsonl base-check.jsonl"; do
		set -- $pair
		cmp -s "$WORK/$1" "$WORK/$2" && say "  $1: byte-identical to the baseline's" || say "  $1: DIFFERS FROM THE BASELINE'S"
	done
fi
say "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "${PEERS:-1}" != 0 ]; then
	say ""
	scripts/bench-peers.sh
fi
