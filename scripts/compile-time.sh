#!/usr/bin/env bash
# Compile time of the generated crate against a floor, on the reference account, alone
# and together with a crate that uses it.
#
#   scripts/compile-time.sh            5 runs each (median), the reference account
#   RUNS=3 scripts/compile-time.sh     fewer runs
#   SPEC="2 100 5 10" scripts/compile-time.sh   N objects, P properties, K, O (quick try)
#   METHODS=incremental scripts/compile-time.sh one method (default "full incremental")
#   WORK_DIR=/tmp/ct scripts/compile-time.sh    where the crates are written and built
#                                               (default target/compile-time)
#
# 1. Writes the synthetic reference account's snapshot (hubspot-bench's bench-fixtures)
#    and generates its crate with the real CLI (`codegen generate`).
# 2. Writes the floor crate: the same structs (same names, fields, HubSpot names) with
#    every field a plain `Option<String>` and serde's derive, nothing else.
# 3. Writes one consumer crate per side (floor-consumer, generated-consumer): a binary
#    that, for every object, decodes a JSON array of property maps with serde_json
#    (`serde_json::from_str::<Vec<Obj>>`) and encodes it back (`serde_json::to_string`).
#    The two have the same source but for the crate they use. Why: generated fns are
#    `#[inline]` and serde's derives are generic, so on both sides much of the machine
#    code is made in the crate that calls them, not in the crate that defines them;
#    timing the crate alone leaves that cost out.
# 4. Times a rebuild after a regenerate by two methods, each in its own target dir:
#    - full: CARGO_INCREMENTAL=0, touch src/lib.rs: the whole crate is compiled, as on a
#      CI machine or in release; also timed for `cargo check`.
#    - incremental: cargo's default for the dev profile (incremental compilation on),
#      every source file touched (as a regenerate that rewrote them all): what a
#      developer waits for after each regenerate, rustc re-reading its incremental cache.
#    Per method it builds all four once (dependencies and all), then RUNS times,
#    alternating floor and generated crate: touch, time `cargo build`; then the
#    consumers the same way (touch src/main.rs, the crate they use already built).
#    Prints the medians and the generated/floor ratios, for the crate alone and for
#    crate + consumer (the sum of the two medians: what a regenerate costs a user's
#    build).
#
# The crates build in their own CARGO_TARGET_DIRs ($WORK_DIR/target-<method>), with a
# copy of the workspace Cargo.lock and --offline, so versions match the workspace and
# nothing is fetched. The tools (codegen, bench-fixtures) build in release with the
# caller's CARGO_TARGET_DIR (default target/).
# Timing is a plain `date +%s%N` loop: no hyperfine needed.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${RUNS:-5}"
work="${WORK_DIR:-$root/target/compile-time}"
tools_target="${CARGO_TARGET_DIR:-$root/target}"
# shellcheck disable=SC2206 # word splitting of SPEC and METHODS is the point
spec=(${SPEC:-})
# shellcheck disable=SC2206
methods=(${METHODS:-full incremental})

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'compile-time.sh: %s\n' "$*" >&2; exit 1; }

say "building the tools (release): codegen, bench-fixtures"
(cd "$root" && CARGO_TARGET_DIR="$tools_target" cargo build --quiet --release \
  -p hubspot-codegen --bin codegen -p hubspot-bench --bin bench-fixtures)
codegen="$tools_target/release/codegen"
fixtures="$tools_target/release/bench-fixtures"

mkdir -p "$work"
rm -rf "$work/generated" "$work/floor" "$work/generated-consumer" "$work/floor-consumer"
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

# The consumers' objects: the floor's re-exports (`pub use module::Struct;`), which
# are the generated crate's struct names too (its lib.rs re-exports every type).
mapfile -t objects < <(sed -n 's/^pub use \(r#\)\{0,1\}\([a-z0-9_]*\)::\([A-Za-z0-9_]*\);$/\2 \3/p' \
  "$work/floor/src/lib.rs")
[ "${#objects[@]}" -gt 0 ] || die "no \`pub use module::Struct;\` line in $work/floor/src/lib.rs"
# serde_json as the workspace has it locked (the copied Cargo.lock pins it anyway; the
# exact requirement makes a mismatch an error instead of a silent re-resolve).
serde_json_version=$(awk '/^name = "serde_json"$/ { getline; gsub(/version = |"/, ""); print; exit }' \
  "$root/Cargo.lock")
[ -n "$serde_json_version" ] || die "no serde_json in $root/Cargo.lock"

# Writes $work/$1-consumer, the consumer of $work/$1 (package $2, Rust crate name $3).
write_consumer() {
  local crate="$1" package="$2" lib="$3" dir="$work/$1-consumer" entry module name
  mkdir -p "$dir/src"
  cat >"$dir/Cargo.toml" <<EOF
[package]
name = "$crate-consumer"
version = "0.1.0"
edition = "2024"
publish = false

[dependencies]
$package = { path = "../$crate" }
serde_json = "=$serde_json_version"

[workspace]
EOF
  cp "$root/Cargo.lock" "$dir/Cargo.lock"
  {
    cat <<EOF
//! Compile-time consumer of \`$lib\`, written by scripts/compile-time.sh.
//!
//! For every object, decode a JSON array of property maps with serde_json and encode it
//! back: \`$crate-consumer OBJECT < array.json\` prints the array encoded again.

use std::io::Read as _;
use std::process::ExitCode;
EOF
    for entry in "${objects[@]}"; do
      module=${entry% *} name=${entry#* }
      cat <<EOF

fn round_trip_$module(text: &str) -> serde_json::Result<String> {
    let objects = serde_json::from_str::<Vec<$lib::$name>>(text)?;
    serde_json::to_string(&objects)
}
EOF
    done
    cat <<EOF

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [object] = args.as_slice() else {
        eprintln!("usage: $crate-consumer OBJECT < array.json");
        return ExitCode::from(2);
    };
    let mut text = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut text) {
        eprintln!("$crate-consumer: cannot read standard input: {e}");
        return ExitCode::FAILURE;
    }
    let encoded = match object.as_str() {
EOF
    for entry in "${objects[@]}"; do
      module=${entry% *} name=${entry#* }
      printf '        "%s" => round_trip_%s(&text),\n' "$name" "$module"
    done
    cat <<EOF
        _ => {
            eprintln!("$crate-consumer: no object {object:?} in \`$lib\`");
            return ExitCode::from(2);
        }
    };
    match encoded {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("$crate-consumer: {object}: {e}");
            ExitCode::FAILURE
        }
    }
}
EOF
  } >"$dir/src/main.rs"
}
say "writing the consumer crates (${#objects[@]} objects, serde_json $serde_json_version)"
write_consumer floor floor floor
write_consumer generated hubspot-objects hubspot_objects

export CARGO_TERM_QUIET=true

# Milliseconds of one `cargo <command>` of the crate in $1 after touching its files $3…
# (relative to $1).
timed() {
  local dir="$1" command="$2" start end
  shift 2
  (cd "$dir" && touch "$@")
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

# The two consumers must do the same work: each object's array comes back the same
# from both (and as it went in), so neither side can be a cheaper no-op.
check_consumers() {
  local input='[{"hs_object_id":"1"},{}]' entry name floor_out generated_out
  for entry in "${objects[@]}"; do
    name=${entry#* }
    floor_out=$("$CARGO_TARGET_DIR/debug/floor-consumer" "$name" <<<"$input")
    generated_out=$("$CARGO_TARGET_DIR/debug/generated-consumer" "$name" <<<"$input")
    if [ "$floor_out" != "$input" ] || [ "$generated_out" != "$input" ]; then
      die "$name: decoded and encoded again, $input came back as $floor_out (floor)," \
        "$generated_out (generated)"
    fi
  done
  say "consumers checked: ${#objects[@]} objects decode and encode alike on both sides"
}

# RUNS timed `cargo $2` of $work/floor$3 and $work/generated$3 by method $1,
# interleaved (floor, generated, floor, generated, …) so that load from anything else
# on the machine hits both alike; the medians go to result[$1-$2-floor$3] and
# result[$1-$2-generated$3].
declare -A result
measure() {
  local method="$1" command="$2" suffix="$3" crate run files floor_times=() generated_times=()
  for crate in floor generated; do
    say "$method: cargo $command $crate$suffix: warm-up (dependencies and the crate)"
    (cd "$work/$crate$suffix" && cargo "$command" --offline)
  done
  if [ "$command" = build ] && [ -n "$suffix" ]; then check_consumers; fi
  touch "$work/timed-since"
  for run in $(seq "$runs"); do
    for crate in floor generated; do
      if [ -n "$suffix" ]; then
        files=(src/main.rs)
      elif [ "$method" = incremental ]; then
        mapfile -t files < <(cd "$work/$crate" && ls src/*.rs)
      else
        files=(src/lib.rs)
      fi
      if [ "$crate" = floor ]; then
        floor_times+=("$(timed "$work/floor$suffix" "$command" "${files[@]}")")
      else
        generated_times+=("$(timed "$work/generated$suffix" "$command" "${files[@]}")")
      fi
    done
    say "$method: cargo $command${suffix:+ (consumers)} run $run/$runs (ms): floor ${floor_times[-1]}, generated ${generated_times[-1]}"
  done
  # A consumer's time must not include its dependency's: the crates' own artifacts
  # (libfloor-*, libhubspot_objects-*) are not written again while consumers are timed.
  if [ -n "$suffix" ] && [ -n "$(find "$CARGO_TARGET_DIR/debug/deps" -newer "$work/timed-since" \
    \( -name 'libfloor-*' -o -name 'libhubspot_objects-*' \) -print -quit)" ]; then
    die "the timed consumer builds (cargo $command) compiled floor or hubspot-objects again;" \
      "their times include it and are not reported"
  fi
  result[$method-$command-floor$suffix]=$(median "${floor_times[@]}")
  result[$method-$command-generated$suffix]=$(median "${generated_times[@]}")
}

# The commands timed per method: `cargo check` only for full builds (an incremental
# check after touching every file is the same front-end work the build does).
commands_of() { if [ "$1" = full ]; then echo build check; else echo build; fi; }

for method in "${methods[@]}"; do
  case "$method" in
    full) export CARGO_INCREMENTAL=0 ;;
    incremental) export CARGO_INCREMENTAL=1 ;;
    *) die "unknown method $method in METHODS (full, incremental)" ;;
  esac
  export CARGO_TARGET_DIR="$work/target-$method"
  for command in $(commands_of "$method"); do
    measure "$method" "$command" ""
    measure "$method" "$command" -consumer
  done
done

lines() { cat "$work/$1/src/"*.rs | wc -l; }
echo
echo "compile time of a rebuild after a regenerate, dev profile, median of $runs"
echo "  source lines: generated $(lines generated), floor $(lines floor);" \
  "consumers $(lines generated-consumer) and $(lines floor-consumer)"
for method in "${methods[@]}"; do
  case "$method" in
    full) echo "$method (CARGO_INCREMENTAL=0, src/lib.rs touched):" ;;
    incremental) echo "$method (cargo's default incremental compilation, every src/*.rs touched):" ;;
  esac
  for command in $(commands_of "$method"); do
    for suffix in "" -consumer; do
      g=${result[$method-$command-generated$suffix]} f=${result[$method-$command-floor$suffix]}
      awk -v c="cargo $command${suffix:+ consumer}" -v g="$g" -v f="$f" \
        'BEGIN { printf "  %-26s generated %7d ms   floor %7d ms   ratio %.2fx\n", c, g, f, g / f }'
    done
    g=$((${result[$method-$command-generated]} + ${result[$method-$command-generated-consumer]}))
    f=$((${result[$method-$command-floor]} + ${result[$method-$command-floor-consumer]}))
    awk -v c="cargo $command crate+consumer" -v g="$g" -v f="$f" \
      'BEGIN { printf "  %-26s generated %7d ms   floor %7d ms   ratio %.2fx\n", c, g, f, g / f }'
  done
done
