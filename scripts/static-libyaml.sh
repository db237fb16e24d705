#!/bin/sh
# Prepares DIR so that a build with PKG_CONFIG_PATH=DIR links libyaml statically: a yaml-0.1.pc
# whose only library folder is DIR, and in DIR a link to the libyaml.a that libyaml-dev installs
# (the linker takes the archive when no libyaml.so sits beside it). Usage: static-libyaml.sh DIR
# DIR also gets a link to the compiler's libstdc++.a: the Swift runtime's `-lstdc++` then takes
# the archive too (the GCC runtime library exception allows it), so the loader no longer binds
# ~1,800 libstdc++ symbols at every start (docs/performance.md, round four). Without the
# archive the binary keeps libstdc++.so, which the dist contract allows.
set -eu
dir=$1
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
libdir=$(pkg-config --variable=libdir yaml-0.1)
includedir=$(pkg-config --variable=includedir yaml-0.1)
version=$(pkg-config --modversion yaml-0.1)
if [ ! -f "$libdir/libyaml.a" ]; then
  echo "static-libyaml: $libdir/libyaml.a is missing (apt-get install libyaml-dev)" >&2
  exit 2
fi
ln -sf "$libdir/libyaml.a" "$dir/libyaml.a"
cxx=$(${CXX:-c++} -print-file-name=libstdc++.a 2>/dev/null || true)
if [ -f "$cxx" ]; then
  ln -sf "$cxx" "$dir/libstdc++.a"
else
  rm -f "$dir/libstdc++.a"
  echo "static-libyaml: no libstdc++.a (libstdc++-dev); the binary will load libstdc++.so" >&2
fi
cat > "$dir/yaml-0.1.pc.tmp" <<PC
Name: LibYAML
Description: libyaml, linked from its static archive
Version: $version
Cflags: -I$includedir
Libs: -L$dir -lyaml
PC
# Rewritten only when it changes, so the build does not see a new file each time.
if cmp -s "$dir/yaml-0.1.pc.tmp" "$dir/yaml-0.1.pc"; then rm "$dir/yaml-0.1.pc.tmp"; else mv "$dir/yaml-0.1.pc.tmp" "$dir/yaml-0.1.pc"; fi
