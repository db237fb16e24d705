"""Container commands that are not gunicorn itself: a start script, supervisord.

A start script (the ``CMD`` names a file the image copies from the repository, or
``sh FILE``) runs with ``/bin/sh`` in the app folder; supervisord (``supervisor`` from
PyPI) runs its configuration with ``-n``. Both find the programs they start on
``PATH``, where the harness puts a folder of its own first: ``python``/``python3`` are
the harness's Python and ``gunicorn`` is a shim that moves only the bound port (as
:func:`harness.docker._server_argv` does for a gunicorn ``CMD``), keeps the bound host's
meaning (``0.0.0.0`` is the container's address, ``127.0.0.1`` its own loopback) and
writes the address it binds to a file the harness waits on. Only the container port
maps to the port the platform's nginx proxies to; any other port gunicorn binds gets a
free port nothing proxies to, as on the instance.

Substituted, and nothing else: container paths the command or supervisord's
configuration names (the image's copies of repository files, ``directory=``) become the
copies in the case's folder, and supervisord's own ``pidfile``/``logfile``/socket files
move into the case's folder.
"""
from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .appserver import _CONFIGURED_BINDS
from .docker import Image, _norm, _server_argv
from .ports import PortMap, free_port, wait_for_port

E2E_DIR = Path(__file__).resolve().parent.parent
PORTS_VARIABLE = "EBCHECK_E2E_CONTAINER_PORTS"
ANNOUNCE_VARIABLE = "EBCHECK_E2E_ANNOUNCE"
_SHELLS = ("sh", "bash", "dash")
_SUPERVISOR_FILES = ("pidfile", "logfile", "childlogdir", "file", "serverurl")


@dataclass
class ScriptPlan:
    argv: list[str]
    bin_dir: Path
    announce: Path
    container_port: int
    real_port: int
    description: str

    def environment(self, env: dict[str, str]) -> dict[str, str]:
        """The container's environment with the harness's programs first on PATH."""
        return {**env, "PATH": f"{self.bin_dir}:{env.get('PATH', '')}",
                PORTS_VARIABLE: json.dumps({str(self.container_port): self.real_port}),
                ANNOUNCE_VARIABLE: str(self.announce)}


def local_path(container: str, image: Image, project: Path, cwd: Path) -> Path | None:
    """The repository file a path inside the container is a copy of, if any."""
    path = _norm(container) if container.startswith("/") else None
    if path is None:
        local = cwd / container
        return local if local.exists() else None
    if path in image.copies:
        return project / image.copies[path]
    if image.copy_destination is not None:
        root = _norm(image.copy_destination)
        if path == root:
            return project
        if path.startswith(root.rstrip("/") + "/"):
            return project / path[len(root.rstrip("/")) + 1:]
    return None


def _write_bin(bin_dir: Path) -> None:
    bin_dir.mkdir(parents=True, exist_ok=True)
    for name in ("python", "python3"):
        link = bin_dir / name
        if not link.exists():
            link.symlink_to(sys.executable)
    loader = (f"import sys; sys.path.insert(0, {str(E2E_DIR)!r}); "
              "from harness.container_script import shim; shim(sys.argv[1:])")
    shim_file = bin_dir / "gunicorn"
    shim_file.write_text(f"#!/bin/sh\nexec {shlex.quote(sys.executable)} -c {shlex.quote(loader)} \"$@\"\n",
                         encoding="utf-8")
    shim_file.chmod(0o755)


def _supervisor_config(source: Path, image: Image, project: Path, cwd: Path, folder: Path) -> None:
    lines: list[str] = []
    for raw in source.read_text(encoding="utf-8").splitlines():
        key, sep, value = raw.partition("=")
        name, value = key.strip(), value.strip()
        if sep and name == "directory":
            local = local_path(value, image, project, cwd)
            raw = f"directory={local}" if local is not None else raw
        elif sep and name in _SUPERVISOR_FILES and not value.startswith("/dev/") and value not in ("", "AUTO", "NONE"):
            prefix = "unix://" if value.startswith("unix://") else ""
            raw = f"{name}={prefix}{folder / Path(value.removeprefix('unix://')).name}"
        lines.append(raw)
    (folder / "supervisord.conf").write_text("\n".join(lines) + "\n", encoding="utf-8")


def plan(argv: list[str], image: Image, project: Path, cwd: Path, container_port: int,
         ports: PortMap, scratch: Path | None = None) -> ScriptPlan | None:
    """How to run ``argv`` (the image's ENTRYPOINT + CMD) here; None when it is neither. The
    helper files are written under ``scratch`` (the case's folder); without it, only planned."""
    words = argv
    if words[:2] == ["/bin/sh", "-c"] and len(words) == 3:
        words = shlex.split(words[2])
        while words and words[0] == "exec":
            words = words[1:]
    if not words:
        return None
    folder = (scratch or project.parent) / "container"
    program = Path(words[0]).name
    if program == "supervisord":
        config = next((words[i + 1] for i, w in enumerate(words[:-1]) if w in ("-c", "--configuration")), None)
        source = local_path(config, image, project, cwd) if config else None
        if source is None or not source.is_file():
            return None
        rewritten = folder / "supervisord.conf"
        if scratch is not None:
            folder.mkdir(parents=True, exist_ok=True)
            _supervisor_config(source, image, project, cwd, folder)
        run = [sys.executable, "-m", "supervisor.supervisord", "-n", "-c", str(rewritten)]
        description = f"supervisord -n -c {config} ({source.relative_to(project)})"
    else:
        script, rest = (words[1], words[2:]) if program in _SHELLS and len(words) > 1 else (words[0], words[1:])
        source = local_path(script, image, project, cwd)
        if source is None or not source.is_file():
            return None
        first = source.read_text(encoding="utf-8", errors="replace").split("\n", 1)[0]
        if program not in _SHELLS and not (first.startswith("#!") and Path(first[2:].split()[0]).name in _SHELLS):
            return None
        shell = "bash" if "bash" in (program, first) else "/bin/sh"
        run = [shell, str(source), *rest]
        description = f"start script {script} ({source.relative_to(project)})"
    if scratch is not None:
        _write_bin(folder / "bin")
    return ScriptPlan(argv=run, bin_dir=folder / "bin", announce=folder / "bound", container_port=container_port,
                      real_port=ports[container_port], description=description)


def wait(plan: ScriptPlan, deadline: float, alive: Callable[[], bool]) -> bool:
    """True once the container's gunicorn listens on the container port."""
    while time.monotonic() < deadline and not plan.announce.exists():
        if not alive():
            return False
        time.sleep(0.05)
    if not plan.announce.exists():
        return False
    for line in plan.announce.read_text(encoding="utf-8").split():
        host, _, port = line.rpartition(":")
        if int(port) == plan.real_port:
            return wait_for_port(plan.real_port, deadline, alive, host)
    return False


class _FixedPorts(PortMap):
    """The container port as the harness mapped it; any other port a free one."""

    def __init__(self, mapped: dict[int, int]) -> None:
        super().__init__()
        self._mapped = mapped

    def __getitem__(self, logical: int) -> int:
        return self._mapped.get(logical) or self._mapped.setdefault(logical, free_port())


def shim(args: list[str]) -> None:
    """``gunicorn ARGS`` as the container runs it, with only the bound port moved."""
    mapped = {int(k): int(v) for k, v in json.loads(os.environ.get(PORTS_VARIABLE, "{}")).items()}
    if not any(a in ("-b", "--bind") or a.startswith(("--bind=", "-b")) for a in args):
        # The configuration file's bind (host and port), as gunicorn's own loader reads it.
        asked = subprocess.run([sys.executable, "-c", _CONFIGURED_BINDS, *args], capture_output=True,
                               text=True, timeout=60)
        binds = [b for b in asked.stdout.split() if not b.startswith(("unix:", "fd://"))]
        known = {str(port) for port in mapped}
        chosen = next((b for b in binds if b.rpartition(":")[2] in known), binds[0] if binds else None)
        if chosen is not None:
            args = ["--bind", chosen, *args]
    server = _server_argv(["gunicorn", *args], Path.cwd(), dict(os.environ), _FixedPorts(mapped))
    if server is None:
        sys.exit("e2e gunicorn shim: cannot read the command")
    argv, _ = server
    bind = argv[argv.index("--bind") + 1]
    with open(os.environ[ANNOUNCE_VARIABLE], "a", encoding="utf-8") as announce:
        announce.write(bind + "\n")
    os.execv(sys.executable, argv)
