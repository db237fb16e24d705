#!/bin/sh
# Builds the libFuzzer targets against the EBCheck library and runs each one.
#
#   sh Tests/hostile/fuzz.sh SECONDS [TARGET...]
#
# SECONDS is the time per target. Targets are built in .build-fuzz (its own scratch path, with
# -sanitize=fuzzer,address), so the normal .build is untouched. Seeds come from Fixtures/;
# the growing corpus lives in .build-fuzz/corpus/<target>. A crash leaves
# .build-fuzz/artifacts/<target>/crash-* and makes the script fail; turn it into a regression
# test in Tests/EBCheckTests/HostileInputTests.swift. When the toolchain cannot build
# fuzzers (no libclang_rt.fuzzer), the script says so and exits 0.
set -u
SECONDS_PER_TARGET=${1:-60}
shift 2>/dev/null || true
TARGETS=${*:-FuzzPython FuzzYAML FuzzNginx FuzzLint FuzzHCL}
SWIFT=${SWIFT:-swift}
SCRATCH=.build-fuzz
CONFIG=${FUZZ_CONFIG:-debug}

build() {
  EBCHECK_FUZZ=1 $SWIFT build -c "$CONFIG" --scratch-path "$SCRATCH" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library --product "$1" \
    >"$SCRATCH/build-$1.log" 2>&1
}

mkdir -p "$SCRATCH"
if ! build FuzzPython; then
  if grep -q -e "fuzzer" -e "sanitize" "$SCRATCH/build-FuzzPython.log"; then
    echo "fuzz: skipped, this toolchain cannot build libFuzzer targets (see $SCRATCH/build-FuzzPython.log)"
    exit 0
  fi
  cat "$SCRATCH/build-FuzzPython.log" >&2
  exit 1
fi

# Seeds: every fixture file of the kind a target reads.
seed() {
  target=$1
  corpus="$SCRATCH/corpus/$target"
  mkdir -p "$corpus"
  case $target in
    FuzzPython) find Fixtures -name '*.py' ;;
    FuzzYAML) find Fixtures -name '*.config' -o -name '*.yml' -o -name '*.json' ;;
    FuzzNginx) find Fixtures -name '*.conf' -path '*nginx*' ;;
    FuzzHCL) find Fixtures -name '*.tf' -o -name '*.tfvars' -o -path '*cloudformation*' -type f ;;
    FuzzLint) find Fixtures/projects -mindepth 1 -maxdepth 1 -type d ;;
  esac | while read -r path; do
    name=$(printf '%s' "$path" | cksum | cut -d' ' -f1)
    if [ "$target" = FuzzLint ]; then
      # One input per fixture project: its files joined in the order FuzzLint splits them.
      # The project's Django package becomes `mysite`, the name FuzzLint files it under.
      package=$(ls -d "$path"/*/settings.py "$path"/*/settings 2>/dev/null | head -n 1)
      package=$(basename "$(dirname "${package:-$path/mysite/x}")")
      first=1
      for file in "*/settings.py" ".ebextensions/*.config" ".platform/nginx/conf.d/*/*.conf" \
        Procfile "*/urls.py" requirements.txt .elasticbeanstalk/config.yml "*/wsgi.py"; do
        [ $first = 1 ] || printf '\n#~~\n'
        first=0
        # The first match of each pattern (the project's settings package may be named otherwise).
        for match in "$path"/$file; do
          [ -f "$match" ] && cat "$match"
          break
        done
      done | sed "s/\\b$package\\b/mysite/g" >"$corpus/seed-$name"
    else
      cp "$path" "$corpus/seed-$name"
    fi
  done
}

status=0
total=0
for target in $TARGETS; do
  build "$target" || { cat "$SCRATCH/build-$target.log" >&2; exit 1; }
  seed "$target"
  mkdir -p "$SCRATCH/artifacts/$target"
  log="$SCRATCH/fuzz-$target.log"
  SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1 \
    "$SCRATCH/$CONFIG/$target" "$SCRATCH/corpus/$target" \
    -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
    -artifact_prefix="$SCRATCH/artifacts/$target/" -print_final_stats=1 >"$log" 2>&1
  code=$?
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
  if [ $code -eq 0 ]; then
    echo "fuzz: $target: ${runs:-?} executions in ${SECONDS_PER_TARGET}s, no crash"
    total=$((total + ${runs:-0}))
  else
    echo "fuzz: $target: FAILED (exit $code), see $log and $SCRATCH/artifacts/$target/" >&2
    grep -m 5 -e 'ERROR' -e 'Fatal error' -e 'SUMMARY' "$log" >&2
    status=1
  fi
done
echo "fuzz: $total executions in total"
exit $status
