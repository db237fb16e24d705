#!/bin/sh
# Installs what Tests/e2e/run.py needs: nginx and the Python packages in requirements.txt.
# Idempotent: safe to run on every `make test`. Uses sudo only when not already root.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
python=${PYTHON:-python3}

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
    echo "install.sh: installing nginx-light" >&2
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nginx-light
fi

# Already-satisfied requirements are not downloaded again, so this is cheap when up to date.
PIP_ROOT_USER_ACTION=ignore "$python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"
