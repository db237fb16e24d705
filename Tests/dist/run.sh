#!/usr/bin/env bash
# Checks what `make dist` wrote, the way a user without Swift gets it:
#   - the tarball (its .sha256 verifies; binary, completions, README, LICENSE inside) and its
#     binary: at most 25 MB, needs only glibc, libm and libgcc_s, and libstdc++ when the build
#     found no libstdc++.a to link (ldd and NEEDED),
#     glibc 2.35 at most, and `check` on the seed exits 1 with HC001 while the Swift toolchain's
#     folder is hidden under an empty tmpfs and libyaml's shared library is blanked
#     (Tests/dist/without-swift.sh: a private mount namespace, as root);
#   - the wheel: auditwheel names a manylinux tag, `pip install --no-index` into a fresh
#     virtualenv puts an `ebcheck` on its PATH (and `python -m ebcheck` works), and that
#     binary does the same check with the toolchain hidden;
#   - the `ebcheck-python` pre-commit hook installs that wheel (Tests/integration/pre_commit.sh).
# Usage: Tests/dist/run.sh DIST_FOLDER
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
dist=$(cd "${1:-$repo/dist}" && pwd)
PYTHON=${PYTHON:-python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok    $1"; }
fail() { failed=$((failed + 1)); echo "FAIL  $1"; [ -z "${2:-}" ] || echo "$2" | tail -30; }
check() {  # name, command...: passes when the command succeeds
  local name=$1 output
  shift
  if output=$("$@" 2>&1); then ok "$name"; else fail "$name" "$output"; fi
}

shopt -s nullglob
tarballs=("$dist"/ebcheck-*-"$(uname -m)"-unknown-linux-gnu.tar.gz)
wheels=("$dist"/ebcheck-*-py3-none-manylinux_*_"$(uname -m)".whl)
shopt -u nullglob
if [ ${#tarballs[@]} -ne 1 ] || [ ${#wheels[@]} -ne 1 ]; then
  echo "FAIL  $dist must hold one tarball and one wheel (run make dist): ${tarballs[*]-} ${wheels[*]-}"
  echo "0 passed, 1 failed"
  exit 1
fi
tarball=${tarballs[0]}
wheel=${wheels[0]}
name=$(basename "$tarball" .tar.gz)
version=${name#ebcheck-}
version=${version%%-*}

toolchain=$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")
toolchain=${toolchain%/usr}

expect_seed_fails() {  # name, binary
  local output status=0
  output=$(cd "$repo" && bash Tests/dist/without-swift.sh "$2" check Fixtures/projects/seed 2>&1) || status=$?
  if [ "$status" -eq 1 ] && grep -q "error\[HC001\]" <<<"$output" && grep -q "hidden" <<<"$output"; then
    ok "$1"
  else
    fail "$1" "$output"
  fi
}

expect_only_system_libraries() {  # name, binary
  local needed ldd_out bad
  needed=$(readelf -d "$2" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | grep -v '^ld-linux' | sort | tr '\n' ' ')
  ldd_out=$(ldd "$2")
  bad=$(awk '{print $1}' <<<"$ldd_out" \
    | grep -Ev '^(linux-vdso\.so\.1|libc\.so\.6|libm\.so\.6|libstdc\+\+\.so\.6|libgcc_s\.so\.1|/lib(64)?/ld-linux-[a-z0-9_-]+\.so\.[0-9])$' || true)
  if [ -z "$bad" ] && { [ "$needed" = "libc.so.6 libgcc_s.so.1 libm.so.6 " ] \
    || [ "$needed" = "libc.so.6 libgcc_s.so.1 libm.so.6 libstdc++.so.6 " ]; }; then
    ok "$1 ($needed)"
  else
    fail "$1" "NEEDED: $needed"$'\n'"$ldd_out"
  fi
}

# The order file's first 20 code names that the (unstripped) binary still has open its .text, in
# the file's order: the linker honoured --symbol-ordering-file. Later names may have gone stale.
opens_with_ordered_code() {  # binary, order file
  local code wanted laid
  code=$(nm -n --defined-only "$1" | awk '$2 ~ /^[tT]$/ && !seen[$3]++ {print $3}')
  wanted=$(grep -Fx -f <(sort -u <<<"$code") "$2" | head -20)
  laid=$(grep -Fx -f <(printf '%s\n' "$wanted") <<<"$code" | head -20)
  [ -n "$wanted" ] && [ "$wanted" = "$laid" ]
}

glibc_floor() {  # binary → the highest GLIBC_ symbol version it needs
  objdump -T "$1" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1
}

echo "== tarball $(basename "$tarball")"
check "the .sha256 verifies" bash -c "cd '$dist' && sha256sum --check --status '$name.tar.gz.sha256'"
mkdir "$work/tar"
tar -xzf "$tarball" -C "$work/tar"
bin="$work/tar/$name/ebcheck"
missing=""
for file in ebcheck README.md LICENSE completions/ebcheck.bash completions/_ebcheck completions/ebcheck.fish; do
  [ -s "$work/tar/$name/$file" ] || missing="$missing $file"
done
if [ -z "$missing" ]; then ok "holds the binary, completions, README.md and LICENSE"; else fail "tarball lacks:$missing"; fi
check "its binary says version $version" test "$("$bin" --version)" = "ebcheck $version"
size=$(wc -c < "$bin")
check "stripped binary at most 25 MB ($size bytes)" test "$size" -le $((25 * 1024 * 1024))
check "stripped (no symbol table)" bash -c "! readelf -S '$bin' | grep -q '\.symtab'"
expect_only_system_libraries "ldd and NEEDED: only glibc, libm, libgcc_s (libstdc++)" "$bin"
floor=$(glibc_floor "$bin")
check "glibc floor $floor is at most 2.35 (Ubuntu 22.04, Debian 12)" \
  "$PYTHON" -c "import sys; sys.exit(tuple(map(int, '$floor'.split('.'))) > (2, 35))"
check "no RPATH or RUNPATH into the toolchain" \
  bash -c "! readelf -d '$bin' | grep -E 'R(UN)?PATH' | grep -qF '${toolchain:-/nonexistent}'"
expect_seed_fails "check on the seed with $toolchain hidden: exit 1, HC001" "$bin"

echo "== link order (scripts/link-order.txt) in the unstripped release binary"
check "make-link-order.py names the touched symbols in first-touch order (unit tests)" \
  "$PYTHON" -m unittest "$repo/Tests/dist/test_link_order.py"
check "the release binary's code opens with the ordered symbols, in order" \
  opens_with_ordered_code "$repo/.build/release/ebcheck" "$repo/scripts/link-order.txt"

echo "== wheel $(basename "$wheel")"
tag=$(basename "$wheel" .whl)
tag=${tag##*-}
audit=$("$PYTHON" -m auditwheel show "$wheel" 2>&1 | tr -s ' \n' ' ' || true)
if grep -q "\"$tag\"" <<<"$audit" && grep -q "consistent with the following platform tag" <<<"$audit"; then
  ok "auditwheel show: consistent with $tag"
else
  fail "auditwheel show does not confirm $tag" "$audit"
fi
"$PYTHON" -m venv "$work/venv"
if "$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-index "$wheel" > "$work/pip.log" 2>&1; then
  ok "pip install --no-index into a fresh virtualenv"
else
  fail "pip install --no-index" "$(cat "$work/pip.log")"
fi
wheel_bin="$work/venv/bin/ebcheck"
check "the wheel put an executable ebcheck in the virtualenv's bin" test -x "$wheel_bin"
check "it is the tarball's binary, byte for byte" cmp -s "$wheel_bin" "$bin"
check "ebcheck --version on the virtualenv's PATH says $version" \
  bash -c "test \"\$(PATH='$work/venv/bin':/usr/bin:/bin ebcheck --version)\" = 'ebcheck $version'"
check "python -m ebcheck --version says $version" \
  bash -c "test \"\$('$work/venv/bin/python' -m ebcheck --version)\" = 'ebcheck $version'"
expect_seed_fails "the wheel's ebcheck on the seed with $toolchain hidden: exit 1, HC001" "$wheel_bin"

echo "== pre-commit hook ebcheck-python (language: python) with the wheel from $dist"
if output=$(bash "$repo/Tests/integration/pre_commit.sh" --wheel "$dist" 2>&1); then
  ok "pre-commit installs the wheel hook: seed fails with HC001, a healthy project passes"
  grep '^ok' <<<"$output" | sed 's/^/      /'
else
  fail "pre-commit wheel hook" "$output"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
