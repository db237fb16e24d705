"""Builds the gunicorn command lines Beanstalk's Python platform would run.

With a Procfile, each ``name: gunicorn ...`` line runs as written, except that
its bind address is moved to a free loopback port (the logical port is kept in
the :class:`PortMap`, so a Procfile on 5000 behind nginx on 8000 still breaks).
Without one, the platform's default command is built from ``WSGIPath``.
"""
from __future__ import annotations

import os
import shlex
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .beanstalk import PYTHON_NAMESPACE, OptionSettings
from .ports import PortMap

DEFAULT_APP_PORT = 8000


@dataclass
class AppCommand:
    name: str
    argv: list[str]
    logical_port: int
    real_port: int
    # Where the server listens (a Docker layout's container may bind another loopback address).
    host: str = "127.0.0.1"
    # The real unix socket it binds instead of a port (`--bind unix:/run/gunicorn.sock`).
    socket: str | None = None


@cache
def _control_socket_flags() -> tuple[str, ...]:
    """gunicorn 24+ opens a control socket under $HOME; keep cases from sharing it."""
    help_text = subprocess.run([sys.executable, "-m", "gunicorn", "--help"], capture_output=True, text=True).stdout
    return ("--no-control-socket",) if "--no-control-socket" in help_text else ()


def upstream_port(env: dict[str, str]) -> int:
    """The port nginx proxies to: the PORT environment property, else 8000."""
    value = env.get("PORT", "")
    return int(value) if value.isdigit() else DEFAULT_APP_PORT


def _wsgi_target(wsgi_path: str | None) -> str:
    if not wsgi_path:
        return "application:application"
    module, sep, attr = wsgi_path.partition(":")
    if module.endswith(".py"):
        module = module[: -len(".py")].replace("/", ".")
    return f"{module}:{attr if sep else 'application'}"


def _default_command(options: OptionSettings, env: dict[str, str]) -> str:
    processes = options.get(PYTHON_NAMESPACE, "NumProcesses") or "1"
    threads = options.get(PYTHON_NAMESPACE, "NumThreads") or "15"
    target = _wsgi_target(options.get(PYTHON_NAMESPACE, "WSGIPath"))
    port = upstream_port(env)
    return f"gunicorn --bind 127.0.0.1:{port} --workers {processes} --threads {threads} {target}"


def _bind_port(address: str) -> int:
    host, sep, port = address.rpartition(":")
    if sep and port.isdigit():
        return int(port)
    return DEFAULT_APP_PORT  # gunicorn's default port when the address has none


_CONFIGURED_BINDS = """
import sys
from gunicorn.app.wsgiapp import WSGIApplication
sys.argv = ["gunicorn", *sys.argv[1:]]
print("\\n".join(WSGIApplication("%(prog)s [OPTIONS] [APP_MODULE]").cfg.bind))
"""


def _configured_port(rest: list[str], project: Path, env: dict[str, str]) -> int | None:
    """The port gunicorn itself binds (its configuration file read as it reads it), asked
    of gunicorn's own loader; the one nginx proxies to when gunicorn binds it among others."""
    run_env = {**os.environ, **env}
    result = subprocess.run([sys.executable, "-c", _CONFIGURED_BINDS, *rest], cwd=project, env=run_env,
                            capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        return None
    ports = [_bind_port(line) for line in result.stdout.split() if not line.startswith(("unix:", "fd://"))]
    if not ports:
        return None
    return upstream_port(env) if upstream_port(env) in ports else ports[0]


def _rewrite(command: str, name: str, env: dict[str, str], ports: PortMap,
             project: Path | None = None) -> AppCommand | None:
    words = shlex.split(command)
    if not words:
        return None
    if Path(words[0]).name == "gunicorn":
        rest = words[1:]
    elif Path(words[0]).name.startswith("python") and words[1:3] == ["-m", "gunicorn"]:
        rest = words[3:]
    else:
        return None
    logical: int | None = None
    binds: list[str] = []
    kept: list[str] = []
    i = 0
    while i < len(rest):
        word = rest[i]
        if word in ("--bind", "-b") and i + 1 < len(rest):
            binds.append(rest[i + 1])
            i += 2
            continue
        if word.startswith("--bind="):
            binds.append(word.split("=", 1)[1])
        elif word.startswith("-b") and len(word) > 2:
            binds.append(word[2:])
        elif word not in ("--daemon", "-D"):
            kept.append(word)
        i += 1
    sockets = [b[len("unix:"):] for b in binds if b.startswith("unix:")]
    if binds and len(sockets) == len(binds):
        # Only a unix socket: it is bound where the repository says (moved into the case's folder).
        real_socket = ports.socket(sockets[0])
        argv = [sys.executable, "-m", "gunicorn", "--bind", f"unix:{real_socket}", *_control_socket_flags(), *kept]
        return AppCommand(name=name, argv=argv, logical_port=0, real_port=0, socket=real_socket)
    ports_bound = [_bind_port(b) for b in binds if not b.startswith(("unix:", "fd://"))]
    if ports_bound:
        logical = ports_bound[0]
    if logical is None and project is not None:
        # No --bind: gunicorn takes its configuration file's bind, if any.
        logical = _configured_port(rest, project, env)
    if logical is None:
        # gunicorn's own default: $PORT when set, else 8000.
        logical = upstream_port(env)
    real = ports[logical]
    argv = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{real}", *_control_socket_flags(), *kept]
    return AppCommand(name=name, argv=argv, logical_port=logical, real_port=real)


def app_commands(project: Path, options: OptionSettings, env: dict[str, str], ports: PortMap) -> list[AppCommand]:
    procfile = project / "Procfile"
    lines: list[tuple[str, str]] = []
    if procfile.is_file():
        for line in procfile.read_text(encoding="utf-8").splitlines():
            name, sep, command = line.partition(":")
            if sep and name.strip() and not name.strip().startswith("#"):
                lines.append((name.strip(), command.strip()))
    if not any(name == "web" for name, _ in lines):
        lines.insert(0, ("web", _default_command(options, env)))
    commands = [_rewrite(command, name, env, ports, project) for name, command in lines]
    return [c for c in commands if c is not None]
