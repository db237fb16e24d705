#!/bin/sh
# Packs a statically linked release binary (`make release`) for users without Swift:
#   dist/ebcheck-VERSION-TRIPLE.tar.gz (+ .sha256): the stripped binary, shell completions,
#     README.md and LICENSE in one folder;
#   dist/ebcheck-VERSION-py3-none-manylinux_2_N_ARCH.whl: the same binary as the wheel's script
#     (pip puts it on PATH) and `python -m ebcheck`, built by pip with hatchling and shown by
#     auditwheel.
# The version is the binary's own `--version` (Sources/…/Version.swift); the manylinux tag is
# read off the highest glibc symbol version the binary needs.
# Usage: scripts/dist.sh [RELEASE_BINARY]   (run by `make dist`)
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
binary=${1:-.build/release/ebcheck}
stage=.build/dist-stage
max_bytes=$((25 * 1024 * 1024))
PYTHON=${PYTHON:-python3}

[ -x "$binary" ] || { echo "dist: $binary is missing: run make release" >&2; exit 2; }
version=$("$binary" --version)
version=${version#ebcheck }
case "$version" in
  [0-9]*.[0-9]*.[0-9]*) ;;
  *) echo "dist: '$binary --version' printed '$version', not a version" >&2; exit 2 ;;
esac
arch=$(uname -m)
triple="$arch-unknown-linux-gnu"
name="ebcheck-$version-$triple"

rm -rf "$stage"
mkdir -p "$stage/$name/completions" dist
rm -f dist/ebcheck-*

# The binary: stripped, and allowed to need only the C and C++ runtimes.
strip -o "$stage/$name/ebcheck" "$binary"
bin="$stage/$name/ebcheck"
needed=$(readelf -d "$bin" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort | tr '\n' ' ')
for library in $needed; do
  case "$library" in
    libc.so.6 | libm.so.6 | libstdc++.so.6 | libgcc_s.so.1 | ld-linux-*.so.*) ;;
    *) echo "dist: the binary needs $library (only glibc, libm, libstdc++ and libgcc_s may be dynamic)" >&2; exit 1 ;;
  esac
done
size=$(wc -c < "$bin")
if [ "$size" -gt "$max_bytes" ]; then
  echo "dist: the stripped binary has $size bytes, more than 25 MB" >&2
  exit 1
fi
glibc=$(objdump -T "$bin" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1)
glibc_major=${glibc%%.*}
glibc_minor=${glibc#*.}
glibc_minor=${glibc_minor%%.*}
platform="manylinux_${glibc_major}_${glibc_minor}_$arch"

"$bin" --generate-completion-script bash > "$stage/$name/completions/ebcheck.bash"
"$bin" --generate-completion-script zsh > "$stage/$name/completions/_ebcheck"
"$bin" --generate-completion-script fish > "$stage/$name/completions/ebcheck.fish"
cp README.md LICENSE "$stage/$name/"

# Reproducible archives: fixed order, owners and times (the last commit's, when there is one).
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 315532800)}
export SOURCE_DATE_EPOCH
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
  -C "$stage" -cf - "$name" | gzip -9n > "dist/$name.tar.gz"
(cd dist && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")

# The wheel, from a staged copy of packaging/python with the README and LICENSE beside it.
cp -R packaging/python "$stage/wheel-src"
cp README.md LICENSE "$stage/wheel-src/"
EBCHECK_VERSION=$version EBCHECK_BINARY="$repo/$bin" EBCHECK_WHEEL_PLATFORM=$platform \
  "$PYTHON" -m pip wheel --quiet --disable-pip-version-check --no-deps --no-build-isolation \
  --wheel-dir dist "$stage/wheel-src"
wheel="dist/ebcheck-$version-py3-none-$platform.whl"
[ -f "$wheel" ] || { echo "dist: pip wrote no $wheel" >&2; ls dist >&2; exit 1; }
"$PYTHON" -m auditwheel show "$wheel" > "$stage/auditwheel.txt" 2>&1 \
  || { cat "$stage/auditwheel.txt" >&2; exit 1; }

echo "dist: ebcheck $version, $size bytes stripped, needs $needed(glibc $glibc or newer)"
(cd dist && ls -l "$name.tar.gz" "$name.tar.gz.sha256" "$(basename "$wheel")" | awk '{print "  " $5 "  dist/" $9}')
tr -s ' \n' ' ' < "$stage/auditwheel.txt" | sed 's/^/  auditwheel: /'
echo
