"""`python -m ebcheck ARGS` runs the ebcheck binary with ARGS."""

import os
import sys

from ebcheck import find_ebcheck_bin


def main() -> None:
    binary = find_ebcheck_bin()
    if sys.platform == "win32":
        import subprocess

        sys.exit(subprocess.call([binary, *sys.argv[1:]]))
    os.execv(binary, [binary, *sys.argv[1:]])


if __name__ == "__main__":
    main()
