#!/bin/sh
# Times ebcheck (the static release binary) against what users run today and against the floor:
#   seed fixture: ebcheck check vs `python manage.py check --deploy` (goal: at least 50x faster),
#     vs `ruff check --no-cache` on the same folder (goal: at most 0.7 of ruff's time), vs a C
#     program that only exits (the cost of starting any process), and `ebcheck --version`
#     (ebcheck's own start-up);
#   the 200-service monorepo from scripts/make-monorepo.py (goal: at most 60 ms);
#   callgrind's instruction count of the seed check (repeatable whatever the machine's load).
# hyperfine runs each command without a shell (-N). Usage: scripts/bench.sh (make bench)
set -eu
bin=${EBCHECK:-.build/release/ebcheck}
for tool in hyperfine ruff cc python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "bench: $tool is missing (sh scripts/install-deps.sh bench)"; exit 2; }
done
python3 -c "import django" 2>/dev/null || { echo "bench: Django is missing (sh scripts/install-deps.sh bench)"; exit 2; }
# The programs themselves, not launchers in front of them (a pyenv shim adds ~100 ms to each run).
python=$(python3 -c 'import sys; print(sys.executable)')
ruff=$(python3 -c 'from ruff.__main__ import find_ruff_bin; print(find_ruff_bin())' 2>/dev/null || command -v ruff)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

printf 'int main(void) { return 0; }\n' > "$work/exit.c"
cc -O2 -o "$work/exit" "$work/exit.c"
seed=Fixtures/projects/seed
echo "binary: $bin ($(wc -c < "$bin") bytes; $(ldd "$bin" | awk '/=>/ {print $1}' | tr '\n' ' '))"
echo "ruff: $ruff ($("$ruff" --version)); python: $python (Django $("$python" -c 'import django; print(django.__version__)'))"

cat > "$work/summary.py" <<'PY'
import json, sys

def load(path):
    return {r["command"]: r for r in json.load(open(path))["results"]}

def ms(result, key="median"):
    return result[key] * 1000

def row(name, result):
    print(f"  {name:<28} median {ms(result):7.1f} ms   mean {ms(result, 'mean'):7.1f} ms "
          f"± {result['stddev'] * 1000:5.1f}   min {ms(result, 'min'):7.1f} ms")

def verdict(ok):
    return "goal met" if ok else "goal NOT met"

group = sys.argv[1]
results = load(sys.argv[2])
for name, result in results.items():
    row(name, result)
if group == "seed":
    ebcheck = results["ebcheck check"]["median"]
    manage = results["manage.py check --deploy"]["median"]
    ruff = results["ruff check --no-cache"]["median"]
    floor = results["C program that only exits"]["median"]
    version = results["ebcheck --version"]["median"]
    print(f"  vs manage.py check --deploy: {manage / ebcheck:6.1f}x faster (goal >= 50x: {verdict(manage / ebcheck >= 50)})")
    print(f"  vs ruff check --no-cache:    {ebcheck / ruff:6.2f} of ruff's time (goal <= 0.7: {verdict(ebcheck / ruff <= 0.7)})")
    print(f"  above the C floor:           {(ebcheck - floor) * 1000:6.1f} ms, of which start-up "
          f"(--version) {(version - floor) * 1000:.1f} ms")
else:
    monorepo = next(iter(results.values()))
    print(f"  peak RSS {int(sys.argv[3]) / 1024:.1f} MB; at most 60 ms: {verdict(ms(monorepo) <= 60)}")
PY

echo
echo "== seed fixture (hyperfine medians of 40 runs after 5 warm-ups, no shell)"
hyperfine -N --ignore-failure --warmup 5 --runs 40 --export-json "$work/seed.json" \
  -n "ebcheck check" "$bin check $seed" \
  -n "ebcheck --version" "$bin --version" \
  -n "C program that only exits" "$work/exit" \
  -n "ruff check --no-cache" "$ruff check --no-cache $seed" \
  -n "manage.py check --deploy" "$python $seed/manage.py check --deploy" > "$work/seed.log" 2>&1
python3 "$work/summary.py" seed "$work/seed.json"

echo
echo "== monorepo: 200 services, a 5,000-file virtualenv and 3,000 files of node_modules to skip"
python3 scripts/make-monorepo.py "$work/mono" > /dev/null
hyperfine -N --ignore-failure --warmup 2 --runs 15 --export-json "$work/mono.json" \
  -n "ebcheck check (200 services)" "$bin check $work/mono" > "$work/mono.log" 2>&1
/usr/bin/time -f "%M" "$bin" check "$work/mono" > /dev/null 2> "$work/rss" || true
python3 "$work/summary.py" mono "$work/mono.json" "$(tail -1 "$work/rss")"

echo
echo "== infrastructure readers: 8 MB of Terraform and 8 MB of CloudFormation YAML beside the seed app"
bytes=$(python3 scripts/make-infra-repo.py "$work/infra" 8)
hyperfine --warmup 1 --runs 5 --export-json "$work/infra.json" --export-markdown "$work/infra.md" \
  -n "ebcheck check (16 MB of infrastructure code)" "$bin check $work/infra > /dev/null || true"
cat "$work/infra.md"
python3 -c "import json,sys; mean=json.load(open(sys.argv[1]))['results'][0]['mean']; print(f'infrastructure code read at {int(sys.argv[2]) / mean / 1048576:.1f} MB/s (whole check, wall time)')" "$work/infra.json" "$bytes"

echo
echo "== instruction count (callgrind) for ebcheck check on the seed fixture"
if command -v valgrind >/dev/null 2>&1; then
  valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" "$bin" check "$seed" > /dev/null 2> "$work/cg.err" || true
  grep -E "Collected" "$work/cg.err" || tail -1 "$work/cg.err"
  valgrind --tool=callgrind --callgrind-out-file="$work/cgv.out" "$bin" --version > /dev/null 2> "$work/cgv.err" || true
  grep -E "Collected" "$work/cgv.err" | sed 's/^/(--version) /' || true
else
  echo "valgrind is missing"
fi
