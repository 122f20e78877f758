#!/usr/bin/env bash
# Issue 20's peers, whole process, on the same text: each peer is a small
# driver that reads the plain news text, runs the peer over it (one article
# body at a time where the peer takes strings) and writes one line per
# result; each is timed from outside like `claimcheck extract` of the same
# file, in the same rounds. Also the built-in catalog's load time: in
# process (`bench catalog`) and as the fixed cost of a whole `extract` of
# one sentence.
#
#   scripts/bench-peers.sh          # after `cargo build --release`
#   scripts/bench-whole.sh          # runs this at its end (PEERS=0 skips it)
#
# The peers (none of them a dependency of claimcheck):
#   quantulum3, recognizers-text-number (Python, PyPI): scripts/peers/py_peer.py,
#     in the venv scripts/bench.sh makes ($BENCH_WORK/venv; made here if missing);
#   @microsoft/recognizers-text-number (JavaScript, npm): scripts/peers/js/,
#     installed with `npm ci` from its package-lock.json into a copy of that
#     folder under $BENCH_WORK (node_modules never in the repository);
#   text2num (Rust, crates.io): scripts/peers/text2num/, a separate cargo
#     project with its own Cargo.lock, built into $CARGO_TARGET_DIR/peers.
#
# claimcheck runs on one thread (RAYON_NUM_THREADS=1): every peer uses one.
# quantulum3 reads about 0.03 MB/s, so it reads a prefix of the text (whole
# bodies, PEER_PREFIX_MB, default 0.4 MB: about 20 s a run), and claimcheck
# reads the same prefix in the same rounds; its ratio on that prefix is the
# like-for-like figure, and an estimate for the whole 4 MB is printed beside
# it: the peer's start-up plus its time past start-up scaled by the sizes.
# `PEER_PREFIX_MB=4 RUNS=1` times quantulum3 on the whole text instead
# (about 3 minutes a run; at 2c9e9b9 it took 129.1 s of cpu, the estimate
# from 0.4 MB 123.6 s).
#
# Environment: CARGO_TARGET_DIR, BENCH_WORK, ARCHIVE, PYTHON, RUNS (default
# 5: medians, the commands of a round run one after the other) as in
# bench-whole.sh; PEER_PREFIX_MB.
set -euo pipefail
cd "$(dirname "$0")/.."

TARGET=${CARGO_TARGET_DIR:-target}
WORK=${BENCH_WORK:-$TARGET/bench}
ARCHIVE=${ARCHIVE:-../shared/data/reuters-21578/articles.jsonl}
PYTHON=${PYTHON:-python3}
RUNS=${RUNS:-5}
PREFIX_MB=${PEER_PREFIX_MB:-0.4}
AS_OF=2017-11-11
CC="$TARGET/release/claimcheck"
BENCH="$TARGET/release/bench"
LOG="$WORK/log-peers"
OUT="$WORK/peers-out"
mkdir -p "$WORK" "$LOG" "$OUT"

say() { printf '%s\n' "$*"; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
# times A B: A / B with two figures or more (0.13, 8.3, 196).
times() { echo "$1 / $2" | bc -l | awk '{ printf ($1 < 1 ? "%.2f" : $1 < 100 ? "%.1f" : "%.0f"), $1 }'; }

# run NAME OUT CMD...: one run on one thread, standard output to OUT;
# appends its wall and cpu seconds and peak MB to WALLS, CPUS, RSSS[NAME].
declare -A WALLS CPUS RSSS
run() {
	local name=$1 out=$2
	shift 2
	local t0 t1
	t0=$(date +%s.%N)
	RAYON_NUM_THREADS=1 /usr/bin/time -f '%U %S %M' -o "$LOG/$name.time" "$@" >"$out" 2>"$LOG/$name.err" || {
		say "FAILED ($?): $*"
		cat "$LOG/$name.err" >&2
		exit 1
	}
	t1=$(date +%s.%N)
	WALLS[$name]+="$(echo "$t1 - $t0" | bc -l) "
	CPUS[$name]+="$(awk '{ print $1 + $2 }' "$LOG/$name.time") "
	RSSS[$name]+="$(awk '{ printf "%.0f", $3 / 1024 }' "$LOG/$name.time") "
}
wall() { median ${WALLS[$1]}; }
cpu() { median ${CPUS[$1]}; }
rss() { median ${RSSS[$1]}; }

say "== peers, whole process (issue 20): $RUNS rounds, medians; load average $(load)"
say "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  commit: $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (dirty)')"

T4="$WORK/news-4mb.txt"
TP="$WORK/news-${PREFIX_MB}mb.txt"
T1="$WORK/one-sentence.txt"
[ -s "$T4" ] || "$PYTHON" scripts/news-text.py "$ARCHIVE" 4 "$T4"
[ -s "$TP" ] || "$PYTHON" scripts/news-text.py "$ARCHIVE" "$PREFIX_MB" "$TP"
cmp -s -n "$(stat -c %s "$TP")" "$TP" "$T4" || { say "$TP is not a prefix of $T4"; exit 1; }
printf 'Exports rose 5.2 pct to 1.2 billion dlrs in 1986, the ministry said.\n' >"$T1"
MB4=$(stat -c %s "$T4" | awk '{ printf "%.2f", $1 / 1e6 }')
MBP=$(stat -c %s "$TP" | awk '{ printf "%.3f", $1 / 1e6 }')

say "-- the peers' set-up (not timed)"
VENV="$WORK/venv"
if [ ! -x "$VENV/bin/python" ]; then
	say "  making the Python peers' venv in $VENV"
	"$PYTHON" -m venv "$VENV"
	"$VENV/bin/pip" install --quiet quantulum3 recognizers-text-number 'emoji<1.0'
fi
JS="$WORK/peers-js"
mkdir -p "$JS"
if ! cmp -s scripts/peers/js/package-lock.json "$JS/package-lock.json" || [ ! -d "$JS/node_modules" ]; then
	cp scripts/peers/js/package.json scripts/peers/js/package-lock.json "$JS/"
	(cd "$JS" && npm ci --no-audit --no-fund --silent)
fi
cp scripts/peers/js/recognize.js "$JS/"
cargo build --release --quiet --locked --manifest-path scripts/peers/text2num/Cargo.toml --target-dir "$TARGET/peers"
T2N="$TARGET/peers/release/text2num-peer"
say "  python $("$VENV/bin/python" -c 'import sys; print(sys.version.split()[0])'): $("$VENV/bin/pip" list 2>/dev/null | awk '/^(quantulum3|recognizers-text-number) / { printf "%s %s  ", $1, $2 }')"
say "  node $(node --version): @microsoft/recognizers-text-number $(node -p "require(require('path').resolve('$JS/node_modules/@microsoft/recognizers-text-number/package.json')).version")"
say "  text2num $(awk '/^name = "text2num"$/ { getline; gsub(/"/, "", $3); print $3 }' scripts/peers/text2num/Cargo.lock)"

# The commands, by name; the last word of each name is the input.
declare -A CMD
CMD[cc_4mb]="$CC extract $T4 --as-of $AS_OF"
CMD[cc_prefix]="$CC extract $TP --as-of $AS_OF"
CMD[cc_one]="$CC extract $T1 --as-of $AS_OF"
CMD[recpy_4mb]="$VENV/bin/python scripts/peers/py_peer.py recognizers $T4"
CMD[recpy_one]="$VENV/bin/python scripts/peers/py_peer.py recognizers $T1"
CMD[recjs_4mb]="node $JS/recognize.js $T4"
CMD[recjs_one]="node $JS/recognize.js $T1"
CMD[t2n_4mb]="$T2N $T4"
CMD[t2n_one]="$T2N $T1"
CMD[q3_prefix]="$VENV/bin/python scripts/peers/py_peer.py quantulum3 $TP"
CMD[q3_one]="$VENV/bin/python scripts/peers/py_peer.py quantulum3 $T1"
ORDER="cc_4mb recpy_4mb recjs_4mb t2n_4mb cc_prefix q3_prefix cc_one recpy_one recjs_one t2n_one q3_one"

say "-- $RUNS rounds of: ${ORDER// /, } (4 MB = $MB4 MB, prefix = $MBP MB)"
for i in $(seq "$RUNS"); do
	for name in $ORDER; do
		# shellcheck disable=SC2086 # the command's words, none with spaces
		run "$name" "$OUT/$name.out" ${CMD[$name]}
	done
	say "  round $i done, load average $(load)"
done

say "-- the built-in catalog in process: bench catalog --repeat $RUNS (best of $RUNS, 2 threads)"
"$BENCH" catalog --repeat "$RUNS" | tee "$LOG/catalog.kv"
kv() { awk -v k="$2" '$1 == k { print $2 }' "$1" | tail -1; }

# results NAME: what one run found (claims for claimcheck, lines for a peer).
results() {
	case $1 in
	cc_*) grep -c '^      "id": ' "$OUT/$1.out" || true ;;
	*) wc -l <"$OUT/$1.out" ;;
	esac
}
# row LABEL TEXT NAME ONE CC: one peer's row against claimcheck's run CC.
row() {
	local label=$1 text=$2 name=$3 one=$4 cc=$5
	printf '| %s | %s | %.3f s | %.3f s | %.3f s | %s MB | %s | %.3f s wall, %.3f s cpu, %s claims | **%sx** (%sx) |\n' \
		"$label" "$text" "$(wall "$one")" "$(wall "$name")" "$(cpu "$name")" "$(rss "$name")" "$(results "$name")" \
		"$(wall "$cc")" "$(cpu "$cc")" "$(results "$cc")" "$(times "$(wall "$name")" "$(wall "$cc")")" "$(times "$(cpu "$name")" "$(cpu "$cc")")"
}
say ""
say "| peer (one thread) | text | start-up: one sentence, wall | wall | cpu | peak | results | claimcheck extract, same text, 1 thread | ratio: peer / claimcheck, wall (cpu) |"
say "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
printf '| %s | %s | %.3f s | %.3f s | %.3f s | %s MB | %s claims | | |\n' "claimcheck extract" "$MB4 MB" \
	"$(wall cc_one)" "$(wall cc_4mb)" "$(cpu cc_4mb)" "$(rss cc_4mb)" "$(results cc_4mb)"
row "Recognizers-Text number, Python" "$MB4 MB" recpy_4mb recpy_one cc_4mb
row "Recognizers-Text number, JavaScript" "$MB4 MB" recjs_4mb recjs_one cc_4mb
row "text2num (number words only)" "$MB4 MB" t2n_4mb t2n_one cc_4mb
row "quantulum3" "$MBP MB (prefix)" q3_prefix q3_one cc_prefix
# quantulum3 on the whole 4 MB, estimated: start-up plus the prefix run's
# time past start-up times the sizes' ratio (wall and cpu alike).
est() { echo "$2 + ($1 - $2) * $MB4 / $MBP" | bc -l; }
Q3W=$(est "$(wall q3_prefix)" "$(wall q3_one)")
Q3C=$(est "$(cpu q3_prefix)" "$(cpu q3_one)")
printf '| %s | %s | | %.1f s | %.1f s | | | %.3f s wall, %.3f s cpu | **%sx** (%sx) |\n' \
	"quantulum3, estimated" "$MB4 MB (scaled from the prefix)" "$Q3W" "$Q3C" \
	"$(wall cc_4mb)" "$(cpu cc_4mb)" "$(times "$Q3W" "$(wall cc_4mb)")" "$(times "$Q3C" "$(cpu cc_4mb)")"
say ""
say "| built-in catalog | value |"
say "| --- | --- |"
say "| whole \`claimcheck extract\` of one sentence (the fixed cost: the catalog's names and start-up), 1 thread | $(printf '%.3f s wall, %.3f s cpu, %s MB' "$(wall cc_one)" "$(cpu cc_one)" "$(rss cc_one)") |"
say "| in process: index of all $(kv "$LOG/catalog.kv" tables) tables ($(kv "$LOG/catalog.kv" rows) rows) / inflate and csv parse / inflate only, best of $RUNS | $(kv "$LOG/catalog.kv" catalog_load_s) / $(kv "$LOG/catalog.kv" csv_raw_parse_s) / $(kv "$LOG/catalog.kv" inflate_s) s |"
say "load average at the end: $(load)"
