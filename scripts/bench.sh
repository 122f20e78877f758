#!/usr/bin/env bash
# The benchmark suite behind BENCHMARKS.md, in one run. Not part of
# `cargo test`: it builds release binaries, makes a Python venv for the peers,
# generates reference tables (deterministic, never committed) and prints every
# figure, then a summary table.
#
#   scripts/bench.sh            # everything (about 7 minutes on 2 cores)
#   QUICK=1 scripts/bench.sh    # skip the 10M-row table
#   SECTION=whole scripts/bench.sh   # only the whole-process figures
#                                    # (scripts/bench-whole.sh, issue 20)
#
# Environment: CARGO_TARGET_DIR (default target/), BENCH_WORK (generated
# tables and the venv; default $CARGO_TARGET_DIR/bench), ARCHIVE (the
# Reuters-21578 JSON Lines archive), PEER_ARTICLES (prefix the peers read,
# default 500), PYTHON (default python3), BASELINE (optional: a folder
# holding release `claimcheck` and `bench` binaries built from an earlier
# commit; its extraction and archive check are then measured in the same
# run, one after the other with ours, and the ratios printed),
# BENCH_PROFILE (default release; `profiling` builds the same optimized code
# with debug info, for perf or callgrind: the release binary carries none).
#
# One heavy step at a time: nothing here runs two measurements at once.
set -euo pipefail
cd "$(dirname "$0")/.."

TARGET=${CARGO_TARGET_DIR:-target}
PROFILE=${BENCH_PROFILE:-release}
WORK=${BENCH_WORK:-$TARGET/bench}
ARCHIVE=${ARCHIVE:-../shared/data/reuters-21578/articles.jsonl}
PEER_ARTICLES=${PEER_ARTICLES:-500}
PYTHON=${PYTHON:-python3}
AS_OF=2017-11-11
mkdir -p "$WORK"
LOG="$WORK/log"
mkdir -p "$LOG"

say() { printf '%s\n' "$*"; }
# kv FILE KEY: the value of a `key value` line.
kv() { awk -v k="$2" '$1 == k { print $2 }' "$1" | tail -1; }
# timed NAME CMD...: run under /usr/bin/time -v; sets WALL (s) and RSS_MB.
timed() {
	local name=$1
	shift
	local t0 t1
	t0=$(date +%s.%N)
	/usr/bin/time -v -o "$LOG/$name.time" "$@" >"$LOG/$name.out" 2>"$LOG/$name.err" || {
		local rc=$?
		# claimcheck check exits 1 when a claim is contradicted: not a failure here.
		if [ "$rc" -ne 1 ]; then
			say "FAILED ($rc): $*"
			cat "$LOG/$name.err" >&2
			exit 1
		fi
	}
	t1=$(date +%s.%N)
	WALL=$(echo "$t1 - $t0" | bc -l | awk '{ printf "%.3f", $1 }')
	RSS_MB=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$LOG/$name.time")
	say "  $name: ${WALL} s, max RSS ${RSS_MB} MB    ($*)"
}
ratio() { echo "$1 / $2" | bc -l | awk '{ printf "%.1f", $1 }'; }
# Two decimals, where a target sits between two one-decimal roundings (1.8x).
ratio2() { echo "$1 / $2" | bc -l | awk '{ printf "%.2f", $1 }'; }

say "== machine"
say "nproc: $(nproc)    load average: $(cut -d' ' -f1-3 /proc/loadavg)"
lscpu | head
rustc --version
say "command: scripts/bench.sh (CARGO_TARGET_DIR=$TARGET, ARCHIVE=$ARCHIVE)"
say "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  commit: $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (dirty)')"

say "== build"
cargo build --profile "$PROFILE" --quiet --bin claimcheck --bin bench
CC="$TARGET/$PROFILE/claimcheck"
BENCH="$TARGET/$PROFILE/bench"
if [ "${SECTION:-}" = whole ]; then
	exec scripts/bench-whole.sh
fi

say "== 1. extract+normalize throughput (pipeline::extract_all, best of 3)"
"$BENCH" extract "$ARCHIVE" --repeat 3 | tee "$LOG/extract2.kv"
RAYON_NUM_THREADS=1 "$BENCH" extract "$ARCHIVE" --repeat 3 >"$LOG/extract1.kv"
say "  one thread: $(kv "$LOG/extract1.kv" extract_mb_s) MB/s"
RAYON_NUM_THREADS=1 "$BENCH" extract "$ARCHIVE" --limit "$PEER_ARTICLES" --repeat 5 >"$LOG/extract_prefix.kv"
say "  first $PEER_ARTICLES articles, one thread: $(kv "$LOG/extract_prefix.kv" extract_mb_s) MB/s"

VENV="$WORK/venv"
if [ ! -x "$VENV/bin/python" ]; then
	say "  (making the peers' venv in $VENV from PyPI)"
	"$PYTHON" -m venv "$VENV"
	"$VENV/bin/pip" install --quiet quantulum3 recognizers-text-number 'emoji<1.0'
fi
say "  peers on the first $PEER_ARTICLES articles (single-threaded):"
"$VENV/bin/python" scripts/bench_peers.py "$ARCHIVE" "$PEER_ARTICLES" | tee "$LOG/peers.kv"

say "== 2. the floor, and the whole check of the archive"
"$BENCH" floor "$ARCHIVE" reference-data --repeat 3 | tee "$LOG/floor.kv"
timed check_archive "$CC" check "$ARCHIVE" --as-of $AS_OF --format json --output "$WORK/archive.json" --no-fail
CHECK_ARCHIVE=$WALL
CHECK_ARCHIVE_RSS=$RSS_MB

say "== 3. reference tables: generate, index, check 3 claims, Python's csv count"
gen() { # gen NAME ENTITIES YEARS
	if [ ! -s "$WORK/$1/generated.csv" ] || [ ! -s "$WORK/$1/claims.txt" ]; then
		"$BENCH" gen "$WORK/$1" "$2" "$3" >/dev/null
	fi
}
SIZES="100k 1m 10m"
[ -n "${QUICK:-}" ] && SIZES="100k 1m"
declare -A ENTITIES=([100k]=20000 [1m]=200000 [10m]=2000000)
declare -A CHECK_S CHECK_RSS PY_S LOAD_S GAZ_S RESOLVE_NS RESOLVE_EXACT_NS RESOLVE_SAME_NS ROWS
for s in $SIZES; do
	gen "$s" "${ENTITIES[$s]}" 1
	d="$WORK/$s"
	say "-- $s: $(($(wc -l <"$d/generated.csv") - 1)) rows, $(du -m "$d/generated.csv" | cut -f1) MB"
	timed "check_$s" "$CC" check "$d/claims.txt" --reference "$d" --as-of $AS_OF --format json --output "$WORK/check_$s.json" --no-fail
	CHECK_S[$s]=$WALL
	CHECK_RSS[$s]=$RSS_MB
	timed "pycount_$s" "$PYTHON" -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1]))))' "$d/generated.csv"
	PY_S[$s]=$WALL
	"$BENCH" load "$d" >"$LOG/load_$s.kv"
	LOAD_S[$s]=$(kv "$LOG/load_$s.kv" load_s)
	GAZ_S[$s]=$(kv "$LOG/load_$s.kv" gazetteer_s)
	ROWS[$s]=$(kv "$LOG/load_$s.kv" rows)
	say "  index build (resolve::load) ${LOAD_S[$s]} s, gazetteer ${GAZ_S[$s]} s"
	"$BENCH" resolve "$d" "$d/claims.txt" --seconds 0.5 >"$LOG/resolve_$s.kv"
	RESOLVE_NS[$s]=$(kv "$LOG/resolve_$s.kv" resolve_ns_per_claim)
	say "  resolve: $(kv "$LOG/resolve_$s.kv" resolved)/$(kv "$LOG/resolve_$s.kv" claims) claims resolved, ${RESOLVE_NS[$s]} ns per claim"
	# The two claims that name their entity exactly (the third is misspelled
	# and goes through the fuzzy matcher).
	head -n 3 "$d/claims.txt" >"$d/claims-exact.txt"
	"$BENCH" resolve "$d" "$d/claims-exact.txt" --seconds 0.5 >"$LOG/resolve_exact_$s.kv"
	RESOLVE_EXACT_NS[$s]=$(kv "$LOG/resolve_exact_$s.kv" resolve_ns_per_claim)
	say "  resolve, exact names only: ${RESOLVE_EXACT_NS[$s]} ns per claim"
	# The 100k table's claims name entities every larger table also has:
	# the same three claims (one misspelled) against each size.
	"$BENCH" resolve "$d" "$WORK/100k/claims.txt" --seconds 1 >"$LOG/resolve_same_$s.kv"
	RESOLVE_SAME_NS[$s]=$(kv "$LOG/resolve_same_$s.kv" resolve_ns_per_claim)
	say "  resolve, the 100k table's claims: ${RESOLVE_SAME_NS[$s]} ns per claim"
done

say "== 4. scaling: check of the archive at --jobs 1 and --jobs 2, best of 3 alternating pairs"
# One run of each on a shared 2-core machine varies by a quarter from run to
# run; the pairs alternate so that a slow spell slows both sides, and the
# best of each side is the figure (as for extraction in section 1).
min() { printf '%s\n' "$@" | sort -g | head -1; }
J1S=()
J2S=()
for pair in 1 2 3; do
	timed "jobs1_$pair" "$CC" check "$ARCHIVE" --as-of $AS_OF --format json --output "$WORK/jobs1.json" --no-fail --jobs 1
	J1S+=("$WALL")
	timed "jobs2_$pair" "$CC" check "$ARCHIVE" --as-of $AS_OF --format json --output "$WORK/jobs2.json" --no-fail --jobs 2
	J2S+=("$WALL")
	say "  pair $pair: $(ratio2 "${J1S[-1]}" "${J2S[-1]}")x"
done
J1=$(min "${J1S[@]}")
J2=$(min "${J2S[@]}")
cmp -s "$WORK/jobs1.json" "$WORK/jobs2.json" && say "  outputs byte-identical" || say "  OUTPUTS DIFFER"
# What two cores give two programs that share nothing: one single-threaded
# extraction of the archive alone, then two at once as separate processes
# (three rounds each; the best). The two started together do the same
# work, so they run side by side for all of it.
say "  the machine's ceiling: one single-threaded extraction alone, then two processes at once"
ALONE=()
PAIRS=()
for round in 1 2 3; do
	RAYON_NUM_THREADS=1 "$BENCH" extract "$ARCHIVE" --repeat 1 >"$LOG/alone_$round.kv"
	ALONE+=("$(kv "$LOG/alone_$round.kv" extract_mb_s)")
	RAYON_NUM_THREADS=1 "$BENCH" extract "$ARCHIVE" --repeat 1 >"$LOG/pair_a_$round.kv" &
	RAYON_NUM_THREADS=1 "$BENCH" extract "$ARCHIVE" --repeat 1 >"$LOG/pair_b_$round.kv"
	wait
	PAIRS+=("$(echo "$(kv "$LOG/pair_a_$round.kv" extract_mb_s) + $(kv "$LOG/pair_b_$round.kv" extract_mb_s)" | bc -l)")
	say "  round $round: alone ${ALONE[-1]} MB/s, two at once ${PAIRS[-1]} MB/s together"
done
max() { printf '%s\n' "$@" | sort -g | tail -1; }
SOLO=$(max "${ALONE[@]}")
DUO=$(max "${PAIRS[@]}")

if [ -n "${BASELINE:-}" ]; then
	say "== 5. the baseline in $BASELINE, measured beside ours"
	RAYON_NUM_THREADS=1 "$BASELINE/bench" extract "$ARCHIVE" --repeat 3 >"$LOG/base_extract1.kv"
	RAYON_NUM_THREADS=1 "$BASELINE/bench" extract "$ARCHIVE" --limit "$PEER_ARTICLES" --repeat 5 >"$LOG/base_extract_prefix.kv"
	RAYON_NUM_THREADS=1 "$BENCH" extract "$ARCHIVE" --repeat 3 >"$LOG/again_extract1.kv"
	RAYON_NUM_THREADS=1 "$BENCH" extract "$ARCHIVE" --limit "$PEER_ARTICLES" --repeat 5 >"$LOG/again_extract_prefix.kv"
	timed base_jobs1 "$BASELINE/claimcheck" check "$ARCHIVE" --as-of $AS_OF --format json --output "$WORK/base_jobs1.json" --no-fail --jobs 1
	BJ1=$WALL
	timed base_jobs2 "$BASELINE/claimcheck" check "$ARCHIVE" --as-of $AS_OF --format json --output "$WORK/base_jobs2.json" --no-fail --jobs 2
	BJ2=$WALL
	BJ2_RSS=$RSS_MB
	cmp -s "$WORK/base_jobs2.json" "$WORK/jobs2.json" && say "  baseline and ours: reports byte-identical" || say "  baseline and ours: REPORTS DIFFER"
	declare -A BASE_CHECK_S BASE_CHECK_RSS
	for s in $SIZES; do
		[ "$s" = 100k ] && continue
		d="$WORK/$s"
		timed "base_check_$s" "$BASELINE/claimcheck" check "$d/claims.txt" --reference "$d" --as-of $AS_OF --format json --output "$WORK/base_check_$s.json" --no-fail
		BASE_CHECK_S[$s]=$WALL
		BASE_CHECK_RSS[$s]=$RSS_MB
		cmp -s "$WORK/base_check_$s.json" "$WORK/check_$s.json" && say "  $s rows, baseline and ours: reports byte-identical" || say "  $s rows, baseline and ours: REPORTS DIFFER"
	done
fi

say ""
say "== 5. the built-in catalog: a short article with and without it, the index against a raw csv parse, binary size"
"$BENCH" catalog --repeat 5 | tee "$LOG/catalog.kv"
CAT_DIR="$WORK/catalog-article"
mkdir -p "$CAT_DIR/own"
printf "France's unemployment rate was 9.4 percent in 2017. Brazil's economy shrank 3.5%% in 2015. In Turkey, consumer prices rose 16.3%% in 2018, and the country had 82 million people.\n" >"$CAT_DIR/a.md"
printf 'entity,metric,value,low,high,unit,date,source,url\nFrance,population,67000000,,,people,2017,INSEE,https://www.insee.fr\n' >"$CAT_DIR/own/own.csv"
# Seven runs of each, in turn, after one of each not counted; the median.
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
WITH=() WITHOUT=() WITH_RSS=() WITHOUT_RSS=()
for i in 0 1 2 3 4 5 6 7; do
	timed "catalog_with_$i" "$CC" check "$CAT_DIR/a.md" --as-of 2020-01-01 --format json --no-fail
	[ "$i" -gt 0 ] && WITH+=("$WALL") && WITH_RSS+=("$RSS_MB")
	timed "catalog_without_$i" "$CC" check "$CAT_DIR/a.md" --as-of 2020-01-01 --format json --no-fail --no-catalog --reference "$CAT_DIR/own"
	[ "$i" -gt 0 ] && WITHOUT+=("$WALL") && WITHOUT_RSS+=("$RSS_MB")
done
CAT_WITH=$(median "${WITH[@]}")
CAT_WITHOUT=$(median "${WITHOUT[@]}")
CAT_WITH_RSS=$(median "${WITH_RSS[@]}")
CAT_WITHOUT_RSS=$(median "${WITHOUT_RSS[@]}")
strip -o "$WORK/claimcheck.stripped" "$CC"
SIZE_MB=$(stat -c %s "$WORK/claimcheck.stripped" | awk '{ printf "%.1f", $1 / 1048576 }')
BASE_SIZE_MB=""
if [ -n "${BASELINE:-}" ]; then
	strip -o "$WORK/base.stripped" "$BASELINE/claimcheck"
	BASE_SIZE_MB=$(stat -c %s "$WORK/base.stripped" | awk '{ printf "%.1f", $1 / 1048576 }')
fi

say "== summary (load average at the end: $(cut -d' ' -f1-3 /proc/loadavg))"
E2=$(kv "$LOG/extract2.kv" extract_mb_s)
E1=$(kv "$LOG/extract1.kv" extract_mb_s)
EP=$(kv "$LOG/extract_prefix.kv" extract_mb_s)
Q3=$(kv "$LOG/peers.kv" quantulum3_mb_s)
RT=$(kv "$LOG/peers.kv" recognizers_mb_s)
FLOOR=$(kv "$LOG/floor.kv" floor_s)
printf '| %-58s | %s |\n' "figure" "value"
printf '| %-58s | %s |\n' "---" "---"
printf '| %-58s | %s |\n' "extract+normalize, Reuters 16 MB, 2 threads" "$E2 MB/s"
printf '| %-58s | %s |\n' "extract+normalize, Reuters 16 MB, 1 thread" "$E1 MB/s"
printf '| %-58s | %s |\n' "extract+normalize, first $PEER_ARTICLES articles, 1 thread" "$EP MB/s"
printf '| %-58s | %s |\n' "quantulum3, first $PEER_ARTICLES articles" "$Q3 MB/s (ours $(ratio "$EP" "$Q3")x)"
printf '| %-58s | %s |\n' "Recognizers-Text number, first $PEER_ARTICLES articles" "$RT MB/s (ours $(ratio "$EP" "$RT")x)"
printf '| %-58s | %s |\n' "floor: read + regex scan + csv parse of reference-data" "$FLOOR s"
printf '| %-58s | %s |\n' "check of the archive (json, 2 threads)" "$CHECK_ARCHIVE s, ${CHECK_ARCHIVE_RSS} MB ($(ratio "$CHECK_ARCHIVE" "$FLOOR")x floor)"
for s in $SIZES; do
	printf '| %-58s | %s |\n' "$s rows: check of 3 claims" "${CHECK_S[$s]} s, ${CHECK_RSS[$s]} MB"
	printf '| %-58s | %s |\n' "$s rows: Python csv count" "${PY_S[$s]} s ($(ratio "${CHECK_S[$s]}" "${PY_S[$s]}")x of it)"
	printf '| %-58s | %s |\n' "$s rows: index build / gazetteer (in process)" "${LOAD_S[$s]} s / ${GAZ_S[$s]} s"
	printf '| %-58s | %s |\n' "$s rows: resolve per claim (3 claims, 1 fuzzy)" "${RESOLVE_NS[$s]} ns"
	printf '| %-58s | %s |\n' "$s rows: resolve per claim (2 exact-name claims)" "${RESOLVE_EXACT_NS[$s]} ns"
	printf '| %-58s | %s |\n' "$s rows: resolve per claim (the 100k table's 3 claims)" "${RESOLVE_SAME_NS[$s]} ns"
done
printf '| %-58s | %s |\n' "check of the archive --jobs 1 / --jobs 2 (best of 3 each)" "$J1 s / $J2 s ($(ratio2 "$J1" "$J2")x; pairs: ${J1S[*]} / ${J2S[*]} s)"
printf '| %-58s | %s |\n' "extract+normalize 1 thread / 2 threads" "$E1 / $E2 MB/s ($(ratio2 "$E2" "$E1")x)"
printf '| %-58s | %s |\n' "two single-threaded extractions at once / one alone" "$DUO / $SOLO MB/s ($(ratio2 "$DUO" "$SOLO")x: the machine's ceiling for 2 threads)"
printf '| %-58s | %s |\n' "check of one short article, built-in catalog (median of 7)" "$CAT_WITH s, $CAT_WITH_RSS MB"
printf '| %-58s | %s |\n' "the same, --no-catalog with a one-row folder (median of 7)" "$CAT_WITHOUT s, $CAT_WITHOUT_RSS MB ($(ratio "$CAT_WITH" "$CAT_WITHOUT")x)"
printf '| %-58s | %s |\n' "catalog: index of all $(kv "$LOG/catalog.kv" tables) tables / csv raw parse / inflate" "$(kv "$LOG/catalog.kv" catalog_load_s) / $(kv "$LOG/catalog.kv" csv_raw_parse_s) / $(kv "$LOG/catalog.kv" inflate_s) s ($(ratio "$(kv "$LOG/catalog.kv" catalog_load_s)" "$(kv "$LOG/catalog.kv" csv_raw_parse_s)")x the raw parse)"
printf '| %-58s | %s |\n' "binary size, stripped" "$SIZE_MB MB${BASE_SIZE_MB:+ (baseline $BASE_SIZE_MB MB)}"
if [ -n "${BASELINE:-}" ]; then
	BE1=$(kv "$LOG/base_extract1.kv" extract_mb_s)
	BEP=$(kv "$LOG/base_extract_prefix.kv" extract_mb_s)
	AE1=$(kv "$LOG/again_extract1.kv" extract_mb_s)
	AEP=$(kv "$LOG/again_extract_prefix.kv" extract_mb_s)
	printf '| %-58s | %s |\n' "baseline extract, 1 thread, archive / prefix" "$BE1 / $BEP MB/s"
	printf '| %-58s | %s |\n' "ours, measured right after it" "$AE1 / $AEP MB/s ($(ratio "$AE1" "$BE1")x / $(ratio "$AEP" "$BEP")x)"
	printf '| %-58s | %s |\n' "baseline check of the archive --jobs 1 / --jobs 2" "$BJ1 s / $BJ2 s, ${BJ2_RSS} MB (ours $(ratio "$BJ1" "$J1")x / $(ratio "$BJ2" "$J2")x faster)"
	for s in $SIZES; do
		[ -n "${BASE_CHECK_S[$s]:-}" ] || continue
		printf '| %-58s | %s |\n' "baseline check of $s rows (3 claims)" "${BASE_CHECK_S[$s]} s, ${BASE_CHECK_RSS[$s]} MB (ours ${CHECK_S[$s]} s: $(ratio "${BASE_CHECK_S[$s]}" "${CHECK_S[$s]}")x faster)"
	done
fi

say ""
scripts/bench-whole.sh
