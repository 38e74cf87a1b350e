#!/usr/bin/env bash
# Run the cargo-fuzz targets in fuzz/ for a bounded time each.
#
#   scripts/fuzz.sh                      every target, 60 s each
#   scripts/fuzz.sh codecs naming        only these
#   FUZZ_SECONDS=600 scripts/fuzz.sh     longer
#   FUZZ_SANITIZER=address scripts/fuzz.sh
#
# The code under test is safe Rust, so by default the targets are built without a
# sanitizer (several times faster) but with debug assertions (integer overflow panics).
#
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`). Honours
# CARGO_TARGET_DIR (default fuzz/target). Each corpus (fuzz/corpus/<target>/, not
# committed) is seeded from the repository's snapshots and fixtures; crashes land in
# fuzz/artifacts/<target>/. Exits non-zero when any target found a crash.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${FUZZ_SECONDS:-60}"
all_targets=(snapshot codecs error_body naming)
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=("${all_targets[@]}")
fi

if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "fuzz.sh: no nightly toolchain; install one with: rustup toolchain install nightly" >&2
  exit 1
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz.sh: cargo-fuzz is missing; install it with: cargo install cargo-fuzz" >&2
  exit 1
fi
for target in "${targets[@]}"; do
  case " ${all_targets[*]} " in
    *" $target "*) ;;
    *) echo "fuzz.sh: unknown target '$target' (targets: ${all_targets[*]})" >&2; exit 2 ;;
  esac
done

target_dir="${CARGO_TARGET_DIR:-$root/fuzz/target}"

# Seed the snapshot corpus with every snapshot-shaped file of the repository under
# 64 KiB (bigger ones, like the 2,000-option fixture, slow every run down to a crawl).
corpus="$root/fuzz/corpus"
mkdir -p "$corpus/snapshot"
while IFS= read -r -d '' file; do
  name="${file#"$root"/}"
  cp "$file" "$corpus/snapshot/seed-${name//\//_}"
done < <(find "$root/examples/schemas.json" "$root/codegen/tests/fixtures" \
  "$root/codegen/tests/diff_fixtures" -name '*.json' -size -64k -print0)
# A leading NUL selects the snapshot target's structured mode (schemas built field by
# field from the bytes).
printf '\000%s' "$(seq 1 120 | tr -d '\n')" >"$corpus/snapshot/seed-structured"

failed=()
cd "$root/fuzz"
for target in "${targets[@]}"; do
  mkdir -p "$corpus/$target"
  echo "== fuzz $target for ${seconds}s"
  # A target's dictionary (fuzz/dict/<target>.dict), when it has one.
  dict=()
  if [ -f "$root/fuzz/dict/$target.dict" ]; then
    dict=("-dict=$root/fuzz/dict/$target.dict")
  fi
  if ! cargo +nightly fuzz run "$target" --target-dir "$target_dir" -O --debug-assertions \
    --sanitizer "${FUZZ_SANITIZER:-none}" \
    "$corpus/$target" -- -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=4096 \
    -print_final_stats=1 "${dict[@]}"; then
    failed+=("$target")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz.sh: crashes in: ${failed[*]} (see fuzz/artifacts/)" >&2
  exit 1
fi
echo "fuzz.sh: no crash in ${targets[*]} (${seconds}s each)"
