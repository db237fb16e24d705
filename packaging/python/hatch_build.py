"""Puts the ebcheck binary into the wheel's scripts and tags the wheel for its platform.

scripts/dist.sh sets EBCHECK_BINARY (the stripped binary) and EBCHECK_WHEEL_PLATFORM (for
example manylinux_2_35_x86_64, read off the binary's highest glibc symbol version).
"""

import os

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class EBCheckBinaryHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version, build_data):
        if self.target_name != "wheel":
            return
        binary = os.environ.get("EBCHECK_BINARY")
        platform = os.environ.get("EBCHECK_WHEEL_PLATFORM")
        if not binary or not platform:
            raise RuntimeError("build the wheel with `make dist` (EBCHECK_BINARY and EBCHECK_WHEEL_PLATFORM are unset)")
        if not os.access(binary, os.X_OK):
            raise RuntimeError(f"{binary} is not an executable file")
        # The binary is the whole program: no Python ABI, one platform.
        build_data["pure_python"] = False
        build_data["tag"] = f"py3-none-{platform}"
        build_data["shared_scripts"][binary] = "ebcheck"
