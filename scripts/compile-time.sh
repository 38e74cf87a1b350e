#!/usr/bin/env bash
# Compile time of the generated crate against a floor, on the reference account.
#
#   scripts/compile-time.sh            5 runs each (median), the reference account
#   RUNS=3 scripts/compile-time.sh     fewer runs
#   SPEC="2 100 5 10" scripts/compile-time.sh   N objects, P properties, K, O (quick try)
#
# 1. Writes the synthetic reference account's snapshot (hubspot-bench's bench-fixtures)
#    and generates its crate with the real CLI (`codegen generate`).
# 2. Writes the floor crate: the same structs (same names, fields, HubSpot names) with
#    every field a plain `Option<String>` and serde's derive, nothing else.
# 3. Builds both once (dependencies and all), then RUNS times, alternating floor and
#    generated crate: touch src/lib.rs, time `cargo build`; then the same for
#    `cargo check`. Prints the medians and the generated/floor ratios.
#
# The two crates build in their own CARGO_TARGET_DIR (target/compile-time/target), with
# a copy of the workspace Cargo.lock and --offline, so versions match the workspace and
# nothing is fetched. CARGO_INCREMENTAL=0: every timed build compiles the whole crate,
# as after a regenerate, not an incremental no-op. The tools (codegen, bench-fixtures)
# build in release with the caller's CARGO_TARGET_DIR (default target/).
# Timing is a plain `date +%s%N` loop: no hyperfine needed.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${RUNS:-5}"
work="$root/target/compile-time"
tools_target="${CARGO_TARGET_DIR:-$root/target}"
# shellcheck disable=SC2206 # word splitting of SPEC is the point
spec=(${SPEC:-})

say() { printf '==> %s\n' "$*" >&2; }

say "building the tools (release): codegen, bench-fixtures"
(cd "$root" && CARGO_TARGET_DIR="$tools_target" cargo build --quiet --release \
  -p hubspot-codegen --bin codegen -p hubspot-bench --bin bench-fixtures)
codegen="$tools_target/release/codegen"
fixtures="$tools_target/release/bench-fixtures"

mkdir -p "$work"
rm -rf "$work/generated" "$work/floor"
say "writing the snapshot ${spec[*]:+(spec ${spec[*]}) }and generating its crate"
"$fixtures" snapshot "$work/reference.json" "${spec[@]}"
"$codegen" generate --from "$work/reference.json" --out "$work/generated" \
  --crate-name hubspot-objects --runtime-path "$root/runtime" >&2
# The generated Cargo.toml has no [workspace] table (its header says to add one when
# building it on its own), so it does not join the repository's workspace.
printf '\n[workspace]\n' >>"$work/generated/Cargo.toml"
"$fixtures" floor "$work/floor" "${spec[@]}"
cp "$root/Cargo.lock" "$work/generated/Cargo.lock"
cp "$root/Cargo.lock" "$work/floor/Cargo.lock"

export CARGO_TARGET_DIR="$work/target" CARGO_INCREMENTAL=0 CARGO_TERM_QUIET=true

# Milliseconds of one `cargo <command>` of the crate in $1 after touching its lib.rs.
timed() {
  local dir="$1" command="$2" start end
  touch "$dir/src/lib.rs"
  start=$(date +%s%N)
  (cd "$dir" && cargo "$command" --offline)
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

# The median (the mean of the middle two for an even count), in whole milliseconds.
median() {
  printf '%s\n' "$@" | sort -n |
    awk '{ a[NR] = $1 } END { m = int((NR + 1) / 2); printf "%d\n", (NR % 2 ? a[m] : (a[m] + a[m + 1]) / 2) }'
}

declare -A result
for command in build check; do
  for crate in floor generated; do
    say "cargo $command $crate: warm-up (dependencies and the crate)"
    (cd "$work/$crate" && cargo "$command" --offline)
  done
  # Interleaved (floor, generated, floor, generated, …) so that load from anything
  # else on the machine hits both alike.
  floor_times=() generated_times=()
  for run in $(seq "$runs"); do
    floor_times+=("$(timed "$work/floor" "$command")")
    generated_times+=("$(timed "$work/generated" "$command")")
    say "cargo $command run $run/$runs (ms): floor ${floor_times[-1]}, generated ${generated_times[-1]}"
  done
  result[$command-floor]=$(median "${floor_times[@]}")
  result[$command-generated]=$(median "${generated_times[@]}")
done

lines() { cat "$work/$1/src/"*.rs | wc -l; }
echo
echo "compile time, median of $runs (dev profile, CARGO_INCREMENTAL=0):"
echo "  source lines: generated $(lines generated), floor $(lines floor)"
for command in build check; do
  g=${result[$command-generated]} f=${result[$command-floor]}
  awk -v c="$command" -v g="$g" -v f="$f" \
    'BEGIN { printf "  cargo %-5s  generated %7d ms   floor %7d ms   ratio %.2fx\n", c, g, f, g / f }'
done
