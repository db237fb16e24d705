#!/usr/bin/env bash
# Runs the real pre-commit against throwaway git repositories:
# the seed project must fail with HC001 shown, a healthy project must pass.
# Usage: Tests/integration/pre_commit.sh PATH_TO_EBCHECK_BINARY [--with-swift-build]
#        Tests/integration/pre_commit.sh --wheel DIST_FOLDER
# With --wheel, the `ebcheck-python` hook (language: python) installs the ebcheck wheel that
# `make dist` left in DIST_FOLDER, pinned by the hook's additional_dependencies, with pip
# reaching no index (PIP_FIND_LINKS: the wheel and setuptools, which builds the placeholder
# package pre-commit installs first, so the wheel is the only ebcheck pip can take) and, as
# root, with the Swift toolchain hidden.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mode=binary
if [ "$1" = "--wheel" ]; then
  mode=wheel
  dist=$(cd "$2" && pwd)
else
  binary=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
  with_swift=${2:-}
fi

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
  if [ "$mode" = wheel ]; then
    output=$(cd "$target" && "${hide[@]}" env PIP_NO_INDEX=1 PIP_FIND_LINKS="$links" \
      PRE_COMMIT_HOME="$work/pre-commit-home" pre-commit try-repo "$repo" "$hook" --all-files 2>&1)
  else
    output=$(cd "$target" && PATH="$(dirname "$binary"):$PATH" pre-commit try-repo "$repo" "$hook" --all-files 2>&1)
  fi
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

if [ "$mode" = wheel ]; then
  wheels=("$dist"/ebcheck-*.whl)
  wheel=${wheels[0]}
  version=$(basename "$wheel")
  version=${version#ebcheck-}
  version=${version%%-*}
  pinned=$(python3 -c '
import sys, yaml
hooks = {hook["id"]: hook for hook in yaml.safe_load(open(sys.argv[1]))}
hook = hooks["ebcheck-python"]
assert hook["language"] == "python", hook
print(" ".join(hook.get("additional_dependencies", [])))' "$repo/.pre-commit-hooks.yaml")
  if [ "$pinned" != "ebcheck==$version" ]; then
    echo "FAIL  .pre-commit-hooks.yaml pins '$pinned' for ebcheck-python, the built wheel is $version: pin ebcheck==$version"
    echo "0 passed, 1 failed"
    exit 1
  fi
  passed=$((passed + 1)); echo "ok    ebcheck-python pins ebcheck==$version, the version just built"
  links="$work/links"
  mkdir "$links"
  cp "$wheel" "$links/"
  python3 -m pip download --quiet --disable-pip-version-check --only-binary :all: \
    --dest "$links" "setuptools>=61"
  hide=()
  if [ "$(id -u)" -eq 0 ]; then hide=(bash "$repo/Tests/dist/without-swift.sh"); fi
  expect "wheel hook fails on the seed with HC001" 1 "HC001" ebcheck-python "$seed"
  expect "wheel hook passes a healthy project" 0 "" ebcheck-python "$healthy"
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit
fi

expect "system hook fails on the seed with HC001" 1 "HC001" ebcheck-system "$seed"
expect "system hook passes a healthy project" 0 "" ebcheck-system "$healthy"
if [ "$with_swift" = "--with-swift-build" ]; then
  expect "swift hook (built from source) fails on the seed" 1 "HC001" ebcheck "$seed"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
