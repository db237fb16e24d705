"""ebcheck as a Python package: the native binary lives in the environment's scripts folder."""

import os
import sysconfig


def find_ebcheck_bin() -> str:
    """The path of the ebcheck executable that this package installed."""
    name = "ebcheck" + (sysconfig.get_config_var("EXE") or "")
    candidates = [sysconfig.get_path("scripts")]
    user_scheme = f"{os.name}_user"
    if user_scheme in sysconfig.get_scheme_names():
        candidates.append(sysconfig.get_path("scripts", scheme=user_scheme))
    # pip install --target puts the scripts in a bin folder beside the package.
    candidates.append(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bin"))
    for folder in candidates:
        path = os.path.join(folder, name)
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    raise FileNotFoundError(f"no {name} in {', '.join(candidates)}: reinstall the ebcheck wheel")


__all__ = ["find_ebcheck_bin"]
