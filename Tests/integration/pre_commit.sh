#!/usr/bin/env bash
# Runs the real pre-commit against throwaway git repositories:
# the seed project must fail with HC001 shown, a healthy project must pass.
# Usage: Tests/integration/pre_commit.sh PATH_TO_EBCHECK_BINARY [--with-swift-build]
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
binary=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
with_swift=${2:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

passed=0
failed=0

make_repo() {  # fixture name → a committed git repository
  local target="$work/$1"
  cp -R "$repo/Fixtures/projects/$1" "$target"
  git -C "$target" init -q
  git -C "$target" add -A
  git -C "$target" -c user.name=ebcheck -c user.email=ebcheck@example.com commit -qm fixture
  echo "$target"
}

expect() {  # name, expected exit (0 or non-zero), needle, hook, repo
  local name=$1 expected=$2 needle=$3 hook=$4 target=$5 output status
  set +e
  output=$(cd "$target" && PATH="$(dirname "$binary"):$PATH" pre-commit try-repo "$repo" "$hook" --all-files 2>&1)
  status=$?
  set -e
  if { [ "$expected" = 0 ] && [ $status -eq 0 ]; } || { [ "$expected" != 0 ] && [ $status -ne 0 ]; }; then
    if [ -z "$needle" ] || grep -q "$needle" <<<"$output"; then
      passed=$((passed + 1)); echo "ok    $name"; return
    fi
  fi
  failed=$((failed + 1)); echo "FAIL  $name (exit $status)"; echo "$output" | tail -30
}

seed=$(make_repo seed)
healthy=$(make_repo health-middleware-first)
expect "system hook fails on the seed with HC001" 1 "HC001" ebcheck-system "$seed"
expect "system hook passes a healthy project" 0 "" ebcheck-system "$healthy"
if [ "$with_swift" = "--with-swift-build" ]; then
  expect "swift hook (built from source) fails on the seed" 1 "HC001" ebcheck "$seed"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
