#!/usr/bin/env bash
# Runs COMMAND as a machine without Swift would: in a private mount namespace (unshare -m, as
# root) where an empty tmpfs covers the Swift toolchain's folder (found from where `swift`
# really lives: …/usr/bin/swift → …) and libyaml's shared library is an empty file.
# Exits with COMMAND's status; 97 when it cannot hide the toolchain (not root, or no swift).
# Usage: Tests/dist/without-swift.sh COMMAND [ARG...]
set -euo pipefail

swift_path=$(command -v swift || true)
if [ "$(id -u)" -ne 0 ] || [ -z "$swift_path" ]; then
  echo "without-swift: needs root and a swift on PATH to hide" >&2
  exit 97
fi
swift_bin=$(dirname "$(readlink -f "$swift_path")")
toolchain=$(dirname "$swift_bin")
[ "$(basename "$toolchain")" = usr ] && toolchain=$(dirname "$toolchain")
# A toolchain installed straight into / or /usr: hide its runtime libraries, not the system.
case "$toolchain" in / | /usr) toolchain=$(cd "$swift_bin/../lib/swift" && pwd) ;; esac
libyaml=$(ldconfig -p 2>/dev/null | awk '/libyaml-0\.so/ && !found {print $NF; found = 1}')
[ -z "$libyaml" ] || libyaml=$(readlink -f "$libyaml")
empty=$(mktemp)
trap 'rm -f "$empty"' EXIT

set +e
unshare -m bash -s "$toolchain" "$libyaml" "$empty" "$@" <<'SH'
set -eu
toolchain=$1 libyaml=$2 empty=$3
shift 3
mount --make-rprivate /
mount -t tmpfs -o size=1m,mode=0755 ebcheck-no-swift "$toolchain"
[ -z "$libyaml" ] || mount --bind "$empty" "$libyaml"
if command -v swift >/dev/null && swift --version >/dev/null 2>&1; then
  echo "without-swift: swift still runs with $toolchain hidden" >&2
  exit 96
fi
echo "without-swift: $toolchain hidden${libyaml:+, $libyaml empty}" >&2
set +e
"$@"
SH
status=$?
exit $status
