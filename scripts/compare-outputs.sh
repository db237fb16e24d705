#!/bin/sh
# Runs two ebcheck binaries over the same inputs and reports every output that differs: the
# guard for throughput work (docs/performance.md), where every byte must stay the same.
#   scripts/compare-outputs.sh BEFORE AFTER OUT [REPO...]      (JOBS=4 runs four at a time)
# Each input (every Fixtures/projects case, then each REPO given: real repositories, the
# monorepo, the infrastructure repository) is checked in the full, json and sarif formats;
# stdout, stderr and the exit code of each run go to OUT/before and OUT/after, compared last.
# Runs from the repository root; inputs are given relative to it or absolute.
set -eu
[ $# -ge 3 ] || { echo "usage: $0 BEFORE AFTER OUT [REPO...]" >&2; exit 2; }
before=$1
after=$2
out=$3
shift 3
mkdir -p "$out/before" "$out/after"

# One input with both binaries: OUT/SIDE/NAME.FORMAT.{out,err,rc}.
one='
input=${1%/}
name=$(echo "$input" | tr "/" "_")
for side in before after; do
  if [ "$side" = before ]; then binary=$BEFORE; else binary=$AFTER; fi
  for format in full json sarif; do
    status=0
    "$binary" check --color never --output-format "$format" "$input" \
      > "$OUT/$side/$name.$format.out" 2> "$OUT/$side/$name.$format.err" || status=$?
    echo "$status" > "$OUT/$side/$name.$format.rc"
  done
done
'
for input in Fixtures/projects/*/ "$@"; do
  printf '%s\n' "$input"
done | BEFORE=$before AFTER=$after OUT=$out xargs -P "${JOBS:-4}" -I{} sh -c "$one" sh {}
total=$(find "$out/after" -name '*.rc' | wc -l)
if diff -r "$out/before" "$out/after" > "$out/diff.txt"; then
  echo "compare-outputs: $total outputs per binary, none differs"
else
  echo "compare-outputs: outputs differ (see $out/diff.txt):"
  grep '^diff\|^Only' "$out/diff.txt" | head -20
  exit 1
fi
