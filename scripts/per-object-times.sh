#!/usr/bin/env bash
# Per-object figures of the example account (examples/schemas.json): for each object,
# its properties (live / archived), options (summed over its enumeration properties,
# plus pipeline stages), the time `codegen generate --only <object>` takes, and the
# time `cargo build` of that one-object crate takes. Prints a Markdown table.
#
#   scripts/per-object-times.sh                 every object, 3 runs each (median)
#   RUNS=1 scripts/per-object-times.sh          one run
#   OBJECTS="deals contacts" scripts/per-object-times.sh
#   WORK_DIR=/tmp/pot scripts/per-object-times.sh   default target/per-object-times
#
# The codegen binary is built in release with the caller's CARGO_TARGET_DIR (default
# target/); set CODEGEN=path/to/codegen to use another build. Each one-object crate is
# built in its own directory with a shared CARGO_TARGET_DIR ($WORK_DIR/target), a copy
# of the workspace Cargo.lock and --offline; dependencies (hubspot-runtime and below)
# are built once before timing, and CARGO_INCREMENTAL=0 so every timed build compiles
# the whole crate, as after a regenerate. Timing is a plain `date +%s%N` pair.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${RUNS:-3}"
work="${WORK_DIR:-$root/target/per-object-times}"
snapshot="$root/examples/schemas.json"

say() { printf '==> %s\n' "$*" >&2; }

if [ -z "${CODEGEN:-}" ]; then
  say "building codegen (release)"
  (cd "$root" && cargo build --quiet --release -p hubspot-codegen --bin codegen)
  CODEGEN="${CARGO_TARGET_DIR:-$root/target}/release/codegen"
fi

objects="${OBJECTS:-$(python3 -c '
import json, sys
print(" ".join(s["name"] for s in json.load(open(sys.argv[1]))["results"]))' "$snapshot")}"

# "<properties> <archived> <options>" of one object, from the snapshot.
counts() {
  python3 - "$snapshot" "$1" <<'PY'
import json, sys
schema = next(s for s in json.load(open(sys.argv[1]))["results"] if s["name"] == sys.argv[2])
props = schema.get("properties") or []
archived = sum(1 for p in props if p.get("archived"))
options = sum(len(p.get("options") or []) for p in props)
stages = sum(len(p.get("stages") or []) for p in schema.get("pipelines") or [])
print(len(props) - archived, archived, options, stages)
PY
}

now() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

mkdir -p "$work"
export CARGO_TARGET_DIR="$work/target" CARGO_INCREMENTAL=0

crate() { # generate the one-object crate of $1 into $work/$1
  "$CODEGEN" generate --from "$snapshot" --only "$1" --out "$work/$1" \
    --crate-name "objects-$1" --runtime-path "$root/runtime" >/dev/null
}

first=1
rows=()
for object in $objects; do
  rm -rf "$work/$object"
  gen_times=()
  for _ in $(seq "$runs"); do
    rm -rf "$work/$object"
    start=$(now); crate "$object"; end=$(now)
    gen_times+=("$(ms "$start" "$end")")
  done
  # The generated Cargo.toml has no [workspace] table: add one so it builds on its own.
  printf '\n[workspace]\n' >>"$work/$object/Cargo.toml"
  cp "$root/Cargo.lock" "$work/$object/Cargo.lock"
  if [ "$first" = 1 ]; then
    say "building the dependencies once"
    (cd "$work/$object" && cargo build --quiet --offline)
    first=0
  fi
  build_times=()
  for _ in $(seq "$runs"); do
    touch "$work/$object/src/lib.rs"
    start=$(now); (cd "$work/$object" && cargo build --quiet --offline); end=$(now)
    build_times+=("$(ms "$start" "$end")")
  done
  read -r properties archived options stages < <(counts "$object")
  lines=$(cat "$work/$object"/src/*.rs | wc -l)
  gen=$(printf '%s\n' "${gen_times[@]}" | median)
  build=$(printf '%s\n' "${build_times[@]}" | median)
  say "$object: generate ${gen} ms, build ${build} ms"
  rows+=("| \`$object\` | $properties (+$archived archived) | $options (+$stages stages) | $lines | $gen ms | $(awk -v b="$build" 'BEGIN { printf "%.1f s", b / 1000 }') |")
done

echo "| object | properties | options | generated lines | generate | build (debug) |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
printf '%s\n' "${rows[@]}"
