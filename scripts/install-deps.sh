#!/bin/sh
# Installs, idempotently, what ebcheck needs for one purpose: `build` (the Swift build),
# `dist` (make dist: the static release, the tarball and the wheel), `bench` (make bench) or
# `all` (the whole test suite, which includes dist). Debian packages through apt-get, Python
# packages through pip.
set -eu
scope=${1:-all}

apt_packages="libyaml-dev pkg-config"
case "$scope" in
  build) ;;
  dist) apt_packages="$apt_packages binutils" ;;
  bench) apt_packages="$apt_packages binutils hyperfine valgrind" ;;
  all) apt_packages="$apt_packages binutils nginx-light apache2 libapache2-mod-wsgi-py3 hyperfine" ;;
  *) echo "install-deps: unknown scope $scope (build, dist, bench or all)" >&2; exit 2 ;;
esac

missing=""
for package in $apt_packages; do
  dpkg -s "$package" >/dev/null 2>&1 || missing="$missing $package"
done
if [ -n "$missing" ]; then
  echo "installing Debian packages:$missing"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi

pip_install() {
  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore "$@"
}
case "$scope" in
  dist) pip_install -r packaging/requirements.txt ;;
  bench) pip_install -r Tests/e2e/requirements.txt ruff ;;
  all) pip_install -r Tests/requirements.txt -r packaging/requirements.txt ;;
esac
