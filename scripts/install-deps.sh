#!/bin/sh
# Installs, idempotently, what ebcheck's build (`build`) or its whole test suite (`all`) needs:
# Debian packages through apt-get and Python packages through pip.
set -eu
scope=${1:-all}

apt_packages="libyaml-dev pkg-config"
if [ "$scope" = all ]; then
  apt_packages="$apt_packages nginx-light hyperfine"
fi

missing=""
for package in $apt_packages; do
  dpkg -s "$package" >/dev/null 2>&1 || missing="$missing $package"
done
if [ -n "$missing" ]; then
  echo "installing Debian packages:$missing"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi

if [ "$scope" = all ]; then
  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore \
    -r Tests/requirements.txt
fi
