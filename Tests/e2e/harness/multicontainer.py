"""Lays out a multi-container Docker environment (``Dockerrun.aws.json`` v2) whose port-80
container is nginx in front of a linked app container, without a Docker engine.

Which repository Dockerfile builds each image is what the deploy pipeline (CI, a Makefile,
compose) decides; the manifest records it (``images``: image name -> Dockerfile path, its
folder the build context), as ``deploy`` records a deploy script's copies. The harness
then builds the front container's filesystem as the image has it: the official nginx
image's ``/etc/nginx`` (``nginx.conf`` whose ``http {}`` includes ``conf.d/*.conf``, and
``conf.d/default.conf``, both written here from the image's documented layout), the
Dockerfile's ``COPY`` instructions and ``RUN rm`` of files over it, then the task's
``mountPoints`` (a volume whose ``sourcePath`` is under ``/var/app/current``, the bundle).
Real ``nginx -t`` runs on that tree; a refusal means the container exits and port 80
gives no answer. Otherwise real nginx serves it in front of the app container's server
(its image's command, as :mod:`harness.docker` runs it, on the container address).

Substituted, and nothing else: ``/etc/nginx`` is a folder of the case's (pid, logs, user
and listen addresses as in :mod:`harness.nginx`), and each host name the front
container's ``links`` define (``web`` or ``web:alias``) is replaced, where the
configuration names it with a port, by the linked container's address and port; a
name no link defines is left alone, so the system resolver refuses it as Docker's
would.
"""
from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from . import docker, nginx
from .appserver import AppCommand
from .ports import PortMap

_OFFICIAL_MAIN = """\
# The official nginx image's /etc/nginx/nginx.conf, as documented (written for the e2e harness).
user  nginx;
worker_processes  auto;
error_log  /var/log/nginx/error.log notice;
pid        /var/run/nginx.pid;

events {
    worker_connections  1024;
}

http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;
    access_log  /var/log/nginx/access.log;
    sendfile        on;
    keepalive_timeout  65;
    include /etc/nginx/conf.d/*.conf;
}
"""
_OFFICIAL_DEFAULT = """\
# The official nginx image's welcome server (conf.d/default.conf).
server {
    listen       80;
    server_name  localhost;
    location / {
        return 200 "Welcome to nginx!\\n";
    }
}
"""


@dataclass
class MultiLayout:
    nginx_root: Path | None = None
    nginx_conf: Path | None = None
    commands: list[AppCommand] = field(default_factory=list)
    cwd: Path | None = None
    env: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    problem: str | None = None


def _container_path(root: Path, path: str) -> Path | None:
    """Where a path inside the front container lives here (only /etc/nginx is laid out)."""
    norm = "/" + "/".join(p for p in path.split("/") if p and p != ".")
    if norm == "/etc/nginx" or norm.startswith("/etc/nginx/"):
        return root / norm[len("/etc/nginx"):].lstrip("/")
    return None


def _copy(source: Path, target: Path, into_folder: bool) -> None:
    if into_folder or target.is_dir():
        target = target / source.name
    target.parent.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        shutil.copytree(source, target, dirs_exist_ok=True)
    else:
        shutil.copyfile(source, target)


def _build_front(dockerfile: Path | None, root: Path, notes: list[str]) -> str | None:
    """The front image's /etc/nginx under ``root``; a problem when it is not an nginx image."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "conf.d").mkdir(exist_ok=True)
    (root / "nginx.conf").write_text(_OFFICIAL_MAIN, encoding="utf-8")
    (root / "conf.d/default.conf").write_text(_OFFICIAL_DEFAULT, encoding="utf-8")
    if nginx.SYSTEM_MIME_TYPES.is_file():
        shutil.copyfile(nginx.SYSTEM_MIME_TYPES, root / "mime.types")
    if dockerfile is None:
        return None
    context = dockerfile.parent
    base = None
    for keyword, argument in docker._instructions(dockerfile.read_text(encoding="utf-8")):
        if keyword == "FROM":
            base = argument.split()[0]
        elif keyword in ("COPY", "ADD"):
            words = [w for w in argument.split() if not w.startswith("--")]
            if len(words) < 2:
                continue
            target = _container_path(root, words[-1])
            if target is None:
                notes.append(f"front image: {keyword} {argument} is outside /etc/nginx, not laid out")
                continue
            for source in words[:-1]:
                _copy(context / source, target, words[-1].endswith("/") or len(words) > 2)
        elif keyword == "RUN":
            words = argument.split()
            if words[:1] == ["rm"]:
                for path in (w for w in words[1:] if not w.startswith("-")):
                    target = _container_path(root, path)
                    if target is not None and target.is_file():
                        target.unlink()
            else:
                notes.append(f"front image: RUN {argument} not run")
    if base is None or not base.split(":")[0].endswith("nginx"):
        return f"the front image is built FROM {base}, not the official nginx image"
    return None


def lay_out(project: Path, images: dict[str, str], work: Path, ports: PortMap,
            options_env: dict[str, str], case_env: dict[str, str],
            repository: Path | None = None) -> MultiLayout:
    """``project`` is the bundle (Dockerrun.aws.json, mounted files); ``repository`` the tree
    the images are built from (the bundle itself unless an .ebignore leaves code out)."""
    repository = repository or project
    layout = MultiLayout()
    document = json.loads((project / "Dockerrun.aws.json").read_text(encoding="utf-8"))
    definitions = document.get("containerDefinitions") or []
    volumes = {v.get("name"): (v.get("host") or {}).get("sourcePath") for v in document.get("volumes") or []}
    front = next((d for d in definitions
                  if any(int(m.get("hostPort", 0)) == 80 for m in d.get("portMappings") or [])), None)
    if front is None:
        layout.problem = "no container publishes port 80"
        return layout
    # The linked app container(s): their image's command, as the Docker platform runs it.
    hosts: dict[str, str] = {}
    for link in front.get("links") or []:
        name, _, alias = link.partition(":")
        hosts[alias or name] = name
    addresses: dict[str, dict[int, int]] = {}
    for definition in definitions:
        if definition is front or definition.get("name") not in hosts.values():
            continue
        built = images.get(str(definition.get("image")))
        if built is None:
            layout.notes.append(f"container {definition.get('name')}: no Dockerfile recorded for its image")
            continue
        dockerfile = repository / built
        image = docker.read_image(dockerfile)
        folder = docker._repository_folder(image)
        cwd = dockerfile.parent / folder if folder else dockerfile.parent
        environment = {str(e.get("name")): str(e.get("value")) for e in definition.get("environment") or []}
        env = {**image.env, **options_env, **environment, **case_env}
        server = docker._server_argv(docker._argv(image), cwd, env, ports)
        if server is None:
            layout.notes.append(f"container {definition.get('name')}: its command is not gunicorn or runserver")
            continue
        argv, logical = server
        bind = argv[argv.index("--bind") + 1] if "--bind" in argv else argv[-1]
        host, _, real = bind.rpartition(":")
        layout.commands.append(AppCommand(name=str(definition.get("name")), argv=argv, logical_port=logical,
                                          real_port=int(real), host=host))
        layout.cwd, layout.env = cwd, env
        addresses[str(definition.get("name"))] = {logical: int(real)}
    if len(layout.commands) > 1:
        layout.problem = "more than one app container (one container address is modelled)"
        return layout
    root = work / "front-nginx"
    shutil.rmtree(root, ignore_errors=True)  # a fresh tree for each candidate build
    front_image = images.get(str(front.get("image")))
    if front_image is None and not str(front.get("image", "")).split(":")[0].endswith("nginx"):
        layout.problem = f"the front image {front.get('image')} is not nginx and no Dockerfile is recorded"
        return layout
    problem = _build_front(repository / front_image if front_image else None, root, layout.notes)
    if problem:
        layout.problem = problem
        return layout
    for mount in front.get("mountPoints") or []:
        source = volumes.get(mount.get("sourceVolume")) or ""
        target = _container_path(root, str(mount.get("containerPath", "")))
        if source.startswith("/var/app/current/") and target is not None:
            _copy(project / source[len("/var/app/current/"):], target, False)
        else:
            layout.notes.append(f"mount {source} -> {mount.get('containerPath')} not laid out")
    for sub in ("logs", "temp"):
        (root / sub).mkdir(exist_ok=True)
    for conf in [p for p in root.rglob("*") if p.is_file() and p.name != "mime.types"]:
        text = nginx.rewrite_conf(conf.read_text(encoding="utf-8"), root, ports, conf == root / "nginx.conf")
        for alias, name in hosts.items():
            for logical, real in addresses.get(name, {}).items():
                text = re.sub(rf"(?<![\w.-]){re.escape(alias)}:{logical}(?![\w.-])",
                              f"{docker.CONTAINER_ADDRESS}:{real}", text)
        conf.write_text(text, encoding="utf-8")
    layout.nginx_root, layout.nginx_conf = root, root / "nginx.conf"
    return layout
