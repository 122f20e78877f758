#!/usr/bin/env bash
# Coverage-guided fuzzing of the normalizer, the article reader, the claim-file
# reader, the reference loader and the claimcheck.toml, datasets.toml and
# metrics.toml readers with cargo-fuzz (libFuzzer), on the stable
# toolchain via RUSTC_BOOTSTRAP=1. Not part of the test run.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#
# Seeds come from the repository (claims/, reference-data/, the phrase
# corpus) and, when present, ../shared (the seed article, Reuters articles).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(normalize article claim_file reference config manifest lexicon)

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1

seed() {
  local target=$1 dir=fuzz/corpus/$1
  mkdir -p "$dir"
  case $target in
    normalize)
      cut -d, -f1 tests/data/phrases.csv | tail -n +2 | head -500 | split -l 1 - "$dir/phrase-" ;;
    article)
      cp claims/*.md tests/fixtures/articles/*.md "$dir/" 2>/dev/null || true
      [ -f ../shared/seeds/syria-apec-2017-11-11.txt ] && cp ../shared/seeds/syria-apec-2017-11-11.txt "$dir/seed.txt"
      if [ -f ../shared/data/reuters-21578/articles.jsonl ]; then
        head -200 ../shared/data/reuters-21578/articles.jsonl | python3 -c '
import json, sys, os
for i, line in enumerate(sys.stdin):
    open(os.path.join(sys.argv[1], "reuters-%d.txt" % i), "w").write(json.loads(line)["body"])
' "$dir"
      fi ;;
    claim_file)
      cp claims/*.csv claims/*.jsonl "$dir/"
      [ -f ../shared/data/reuters-21578/articles.jsonl ] && head -20 ../shared/data/reuters-21578/articles.jsonl > "$dir/archive.jsonl" ;;
    reference)
      { cat reference-data/catalog/datasets.toml; printf '\n%%%%\n'; head -50 reference-data/catalog/worldbank-population.csv; printf '\n%%%%\n'; head -20 reference-data/aliases.csv; } > "$dir/worldbank"
      { printf '\n%%%%\n'; cat reference-data/conflicts.csv; } > "$dir/conflicts" ;;
    config)
      find . -name claimcheck.toml -not -path './target/*' -not -path './fuzz/*' -exec cp {} "$dir/" \; 2>/dev/null || true
      printf 'reference = "reference-data"\nas_of = "2017-11-11"\nformat = "json"\njobs = 2\ncatalog = false\n' > "$dir/basic.toml" ;;
    manifest)
      cp reference-data/catalog/datasets.toml "$dir/catalog.toml"
      printf '[[dataset]]\nfile = "conflicts.csv"\nname = "conflicts"\ntolerance = 0.05\n' > "$dir/small.toml" ;;
    lexicon)
      cp src/extract/metrics.toml "$dir/builtin.toml"
      if [ -f reference-data/metrics.toml ]; then cp reference-data/metrics.toml "$dir/folder.toml"; fi ;;
  esac
}

for t in "${targets[@]}"; do
  seed "$t"
  echo "== fuzzing $t for ${secs}s"
  cargo fuzz run "$t" "fuzz/corpus/$t" -- -max_total_time="$secs" -rss_limit_mb=4096 -max_len=65536 2>&1 | tail -n 5
  echo "== $t corpus: $(ls "fuzz/corpus/$t" | wc -l) files; crashes: $(ls fuzz/artifacts/"$t" 2>/dev/null | wc -l)"
done
