#!/bin/sh
# Prints ebcheck's wall time against the tools users run today on the same repositories:
# `python manage.py check --deploy` (Django's deployment check) and `cfn-lint`.
set -eu
bin=${EBCHECK:-.build/release/ebcheck}
command -v hyperfine >/dev/null 2>&1 || { echo "bench: hyperfine is missing (sh scripts/install-deps.sh all)"; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

seed=Fixtures/projects/seed
echo "== seed fixture: ebcheck check vs manage.py check --deploy"
hyperfine --warmup 3 --runs 20 --export-markdown "$work/seed.md" \
  -n "ebcheck check" "$bin check $seed --format json > /dev/null || true" \
  -n "manage.py check --deploy" "cd $seed && DJANGO_SETTINGS_MODULE=mysite.settings python3 manage.py check --deploy > /dev/null 2>&1 || true"
cat "$work/seed.md"

echo
echo "== generated CloudFormation: ebcheck generate vs cfn-lint on its output"
"$bin" generate target-group --format cloudformation > "$work/tg.yaml"
hyperfine --warmup 2 --runs 10 --export-markdown "$work/cfn.md" \
  -n "ebcheck check (seed)" "$bin check $seed > /dev/null || true" \
  -n "cfn-lint target group" "cfn-lint $work/tg.yaml"
cat "$work/cfn.md"

echo
echo "== monorepo: 200 services, a 5,000-file virtualenv and 3,000 files of node_modules to skip"
python3 scripts/make-monorepo.py "$work/mono" > /dev/null
hyperfine --warmup 2 --runs 10 --export-markdown "$work/mono.md" \
  -n "ebcheck check (200 services)" "$bin check $work/mono > /dev/null || true"
cat "$work/mono.md"
/usr/bin/time -f "peak RSS: %M KB" "$bin" check "$work/mono" > /dev/null 2> "$work/rss" || true
tail -1 "$work/rss"

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
else
  echo "valgrind is missing"
fi
