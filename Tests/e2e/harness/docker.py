"""Lays a fixture out as Beanstalk's Docker platform runs it, without a Docker engine.

The manifest says ``"platform": "docker"``. The harness then reads the root
``Dockerfile`` itself (last stage: ``ARG`` defaults, ``ENV`` with ``${NAME}``
substitution, ``WORKDIR``, ``COPY . DEST``, ``EXPOSE``, ``CMD`` / ``ENTRYPOINT``)
and a ``Dockerrun.aws.json`` v1 (``Ports``: the first ``ContainerPort`` is the
one the proxy uses; ``Command`` / ``Entrypoint`` replace the image's), and runs
the image's command directly, in the working directory, with the image's
environment under the environment properties.

The container's network is modelled with a second loopback address: the
platform's nginx proxies to :data:`CONTAINER_ADDRESS` (the container's own
address), so a server that binds ``0.0.0.0`` inside the container is reached
and one that binds ``127.0.0.1`` (its own loopback) is not, as on the instance.
Only the port is moved to a free one; the bound host keeps its meaning.
"""
from __future__ import annotations

import copy
import json
import re
import shlex
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .appserver import AppCommand, _configured_port, _control_socket_flags
from .ports import PortMap

# The container's address as the instance's nginx sees it (docker's bridge address).
CONTAINER_ADDRESS = "127.0.0.2"
PROXY_NAMESPACE = "aws:elasticbeanstalk:environment:proxy"
_LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")
_VARIABLE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)")


@dataclass
class Image:
    env: dict[str, str] = field(default_factory=dict)
    workdir: str | None = None
    copy_destination: str | None = None
    exposed: int | None = None
    command: list[str] | str | None = None
    entrypoint: list[str] | str | None = None
    # Single-source COPY/ADD instructions: container path -> path in the repository.
    copies: dict[str, str] = field(default_factory=dict)


@dataclass
class DockerLayout:
    cwd: Path
    env: dict[str, str]
    argv: list[str] | None
    container_port: int
    # The port the container's server binds (inside the container), when it runs one.
    logical_port: int | None = None
    problem: str | None = None
    # A container command that is not gunicorn itself (a start script, supervisord).
    script: object | None = None


def substitute(text: str, values: dict[str, str]) -> str:
    def one(match: re.Match[str]) -> str:
        name = match.group(1) or match.group(3)
        value = values.get(name, "")
        if match.group(2) is not None and not value:
            return match.group(2)
        return value
    return _VARIABLE.sub(one, text)


def _instructions(text: str) -> list[tuple[str, str]]:
    """(KEYWORD, argument) per instruction, continuation lines joined."""
    found: list[tuple[str, str]] = []
    pending = ""
    for raw in text.splitlines():
        line = raw.rstrip()
        if not pending and (not line.strip() or line.lstrip().startswith("#")):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        line = pending + line
        pending = ""
        keyword, _, argument = line.strip().partition(" ")
        found.append((keyword.upper(), argument.strip()))
    return found


def _assignments(argument: str, legacy: bool) -> list[tuple[str, str]]:
    words = shlex.split(argument, posix=True)
    if words and "=" not in words[0] and legacy and len(words) >= 2:
        return [(words[0], argument.strip()[len(words[0]):].strip().strip("\"'"))]
    return [(w.partition("=")[0], w.partition("=")[2]) for w in words if "=" in w]


def _command(argument: str) -> list[str] | str:
    if argument.startswith("["):
        try:
            value = json.loads(argument)
            if isinstance(value, list):
                return [str(v) for v in value]
        except json.JSONDecodeError:
            pass
    return argument


def read_image(dockerfile: Path) -> Image:
    image = Image()
    values: dict[str, str] = {}
    # `FROM stage` starts from everything the earlier stage set.
    stages: dict[str, tuple[Image, dict[str, str]]] = {}
    stage: str | None = None
    for keyword, argument in _instructions(dockerfile.read_text(encoding="utf-8")):
        if keyword == "FROM":
            if stage:
                stages[stage] = (image, values)
            words = [w for w in argument.split() if not w.startswith("--")]
            earlier = stages.get(words[0].lower()) if words else None
            if earlier:
                image, values = copy.deepcopy(earlier[0]), dict(earlier[1])
            else:
                image, values = Image(), {}
            stage = words[-1].lower() if len(words) >= 3 and words[-2].lower() == "as" else None
        elif keyword == "ARG":
            for name, value in _assignments(argument, legacy=False):
                values.setdefault(name, substitute(value, values))
        elif keyword == "ENV":
            for name, value in _assignments(argument, legacy=True):
                values[name] = substitute(value, values)
                image.env[name] = values[name]
        elif keyword == "WORKDIR":
            path = substitute(argument, values)
            image.workdir = path if path.startswith("/") or image.workdir is None else f"{image.workdir}/{path}"
        elif keyword in ("COPY", "ADD"):
            words = [w for w in argument.split() if not w.startswith("--")]
            if len(words) >= 2 and any(w in (".", "./") for w in words[:-1]):
                dest = substitute(words[-1], values)
                image.copy_destination = dest if dest.startswith("/") else f"{image.workdir or ''}/{dest}"
            elif len(words) == 2 and not words[0].startswith(("http://", "https://")):
                dest = substitute(words[1], values)
                if dest in (".", "./") or dest.endswith("/"):
                    dest = dest.rstrip("/") + "/" + Path(words[0]).name
                dest = dest if dest.startswith("/") else f"{image.workdir or ''}/{dest}"
                image.copies[_norm(dest)] = words[0]
        elif keyword == "EXPOSE" and image.exposed is None:
            digits = re.match(r"\s*(\d+)", argument)
            image.exposed = int(digits.group(1)) if digits else None
        elif keyword == "CMD":
            image.command = _command(argument)
        elif keyword == "ENTRYPOINT":
            image.entrypoint = _command(argument)
            image.command = None
    return image


def _norm(path: str) -> str:
    return "/" + "/".join(p for p in path.split("/") if p and p != ".")


def _repository_folder(image: Image) -> str | None:
    """WORKDIR inside the copied repository ("" = its root); None when it is elsewhere."""
    if image.copy_destination is None:
        return "" if image.workdir is None else None
    work, copy = _norm(image.workdir or "/"), _norm(image.copy_destination)
    if work == copy:
        return ""
    prefix = copy.rstrip("/") + "/"
    return work[len(prefix):] if work.startswith(prefix) else None


def _argv(image: Image) -> list[str]:
    """ENTRYPOINT + CMD as Docker joins them (shell forms run under /bin/sh -c)."""
    def words(part: list[str] | str) -> list[str]:
        return part if isinstance(part, list) else ["/bin/sh", "-c", part]
    if image.entrypoint is not None:
        if isinstance(image.entrypoint, str):
            return words(image.entrypoint)
        return image.entrypoint + (words(image.command) if image.command is not None else [])
    return words(image.command) if image.command is not None else []


def _bind(address: str) -> tuple[str, int | None]:
    host, sep, port = address.rpartition(":")
    if not sep:
        return (address, None) if not address.isdigit() else ("", int(address))
    return host, int(port) if port.isdigit() else None


def _container_host(host: str) -> str:
    """The container's wildcard address becomes its docker-network address; its own
    loopback stays the loopback, which the platform's nginx never connects to."""
    return host if host in _LOOPBACK else CONTAINER_ADDRESS


def _server_argv(words: list[str], cwd: Path, env: dict[str, str], ports: PortMap) -> tuple[list[str], int] | None:
    """gunicorn or ``manage.py runserver`` with only the port moved; None for other programs."""
    if words[:2] == ["/bin/sh", "-c"] and len(words) == 3:
        inner = shlex.split(words[2])
        # `cd dir && exec gunicorn ...` and `exec` are the shell forms seen in images.
        while inner and inner[0] == "exec":
            inner = inner[1:]
        words = inner
    if not words:
        return None
    program = Path(words[0]).name
    if program == "gunicorn" or (program.startswith("python") and words[1:3] == ["-m", "gunicorn"]):
        rest = words[1:] if program == "gunicorn" else words[3:]
        address: str | None = None
        kept: list[str] = []
        i = 0
        while i < len(rest):
            word = rest[i]
            if word in ("-b", "--bind") and i + 1 < len(rest):
                address, i = rest[i + 1], i + 2
                continue
            if word.startswith("--bind="):
                address = word.split("=", 1)[1]
            elif word.startswith("-b") and len(word) > 2:
                address = word[2:]
            else:
                kept.append(word)
            i += 1
        if address is None:
            # gunicorn's own default: its configuration file's bind, else 0.0.0.0:$PORT, else 127.0.0.1:8000.
            port = _configured_port(rest, cwd, env)
            host = "127.0.0.1" if "PORT" not in env else "0.0.0.0"
            address = f"{host}:{port or env.get('PORT', '8000')}"
        host, port = _bind(address)
        logical = port or 8000
        real = f"{_container_host(host or '0.0.0.0')}:{ports[logical]}"
        return [sys.executable, "-m", "gunicorn", "--bind", real, *_control_socket_flags(), *kept], logical
    manage = next((i for i, w in enumerate(words) if w.endswith("manage.py")), None)
    if manage is not None and "runserver" in words[manage + 1:]:
        at = words.index("runserver", manage)
        rest = words[at + 1:]
        positional = [w for w in rest if not w.startswith("-")]
        host, port = _bind(positional[0]) if positional else ("127.0.0.1", 8000)
        host = host or "127.0.0.1"
        logical = port or 8000
        options = [w for w in rest if w.startswith("-") and w != "--noreload"]
        argv = [sys.executable, words[manage], "runserver", "--noreload", *options,
                f"{_container_host(host)}:{ports[logical]}"]
        return argv, logical
    return None


def lay_out(project: Path, options_env: dict[str, str], case_env: dict[str, str], ports: PortMap,
            scratch: Path | None = None) -> DockerLayout:
    """``scratch``: the case's folder, where a start script's or supervisord's helper files go
    (without it they are planned, not written)."""
    dockerfile = project / "Dockerfile"
    image = read_image(dockerfile) if dockerfile.is_file() else Image()
    dockerrun = project / "Dockerrun.aws.json"
    container_port = image.exposed
    if dockerrun.is_file():
        document = json.loads(dockerrun.read_text(encoding="utf-8"))
        listed = document.get("Ports") or []
        if listed and "ContainerPort" in listed[0]:
            container_port = int(listed[0]["ContainerPort"])
        if "Entrypoint" in document:
            image.entrypoint = shlex.split(str(document["Entrypoint"]))
            image.command = None
        if "Command" in document:
            command = shlex.split(str(document["Command"]))
            image.command = command if image.entrypoint is not None else ["/bin/sh", "-c", str(document["Command"])]
    folder = _repository_folder(image)
    cwd = project / folder if folder else project
    if scratch is not None and dockerfile.is_file():
        # The code runs from the image's files, where its COPY/ADD put them (harness/image.py).
        from . import image as image_files
        root = scratch / "image"
        shutil.rmtree(root, ignore_errors=True)
        stage = image_files.materialize(project, dockerfile, root, substitute)
        if stage.copies:
            cwd = image_files.host_path(root, image.workdir or "/")
            cwd.mkdir(parents=True, exist_ok=True)
    # Environment properties override the image's ENV (docker run -e).
    env = {**image.env, **options_env, **case_env}
    layout = DockerLayout(cwd=cwd, env=env, argv=None, container_port=container_port or 80)
    if container_port is None:
        layout.problem = "the image exposes no port"
    server = _server_argv(_argv(image), cwd, env, ports) if _argv(image) else None
    if server is None and _argv(image):
        # A start script or supervisord: run as the container would (harness/container_script.py).
        from . import container_script
        layout.script = container_script.plan(_argv(image), image, project, cwd, container_port or 80, ports,
                                             scratch)
        if layout.script is not None:
            return layout
    if server is None:
        layout.problem = layout.problem or f"the container command {_argv(image)} is not gunicorn or runserver"
    else:
        layout.argv, layout.logical_port = server
    return layout


def app_command(layout: DockerLayout) -> AppCommand | None:
    """The container's server as an app command, watched on the address it binds."""
    if layout.argv is None or layout.logical_port is None:
        return None
    bind = layout.argv[layout.argv.index("--bind") + 1] if "--bind" in layout.argv else layout.argv[-1]
    host, _, real = bind.rpartition(":")
    return AppCommand(name="container", argv=layout.argv, logical_port=layout.logical_port,
                      real_port=int(real), host=host)
