"""Lays nginx out as the Amazon Linux 2023 Python platform does, inside a temp dir.

``/etc/nginx`` becomes ``<root>/``: the platform's ``nginx.conf`` (http block
including ``conf.d/*.conf``, one port-80 server including
``conf.d/elasticbeanstalk/*.conf``), its ``elasticbeanstalk/00_application.conf``
proxying ``/`` to the app port, and ``01_static.conf`` serving the static
mappings. The repo's ``.platform/nginx`` tree is then copied over it, as the
platform does at deploy time (same file name replaces; a repo ``nginx.conf``
replaces the whole main file). Finally every conf file is rewritten so that
ports become free loopback ports and absolute paths stay inside the temp dir.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from .ports import PortMap

SYSTEM_MIME_TYPES = Path("/etc/nginx/mime.types")

_MAIN_CONF = """\
# Amazon Linux 2023 Elastic Beanstalk layout (Python platform), run by the e2e harness.
worker_processes        1;
pid                     {root}/nginx.pid;
error_log               {root}/logs/error.log warn;

events {{
    worker_connections  1024;
}}

http {{
{temp_paths}
    server_tokens off;
    include       mime.types;
    default_type  application/octet-stream;

    log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                      '$status $body_bytes_sent "$http_referer" '
                      '"$http_user_agent" "$http_x_forwarded_for"';

    include       conf.d/*.conf;

    map $http_upgrade $connection_upgrade {{
        default     "upgrade";
    }}

    server {{
        listen        80 default_server;
        access_log    /var/log/nginx/access.log main;

        client_header_timeout 60;
        client_body_timeout   60;
        keepalive_timeout     60;
        gzip                  off;

        # Include the Elastic Beanstalk generated locations
        include conf.d/elasticbeanstalk/*.conf;
    }}
}}
"""

_APPLICATION_CONF = """\
location / {{
    proxy_pass          http://127.0.0.1:{port};
    proxy_http_version  1.1;

    proxy_set_header    Connection          $connection_upgrade;
    proxy_set_header    Upgrade             $http_upgrade;
    proxy_set_header    Host                $host;
    proxy_set_header    X-Real-IP           $remote_addr;
    proxy_set_header    X-Forwarded-For     $proxy_add_x_forwarded_for;
}}
"""

# One pass over both forms, so a rewritten port is never rewritten again.
_PORTS = re.compile(
    r"(?P<listen>^(?P<indent>[ \t]*)listen\s+(?P<spec>[^;]+);)"
    r"|\b(?:127\.0\.0\.1|localhost):(?P<loopback>\d+)\b",
    re.MULTILINE,
)
_PID = re.compile(r"^\s*pid\s+[^;]+;", re.MULTILINE)
_USER = re.compile(r"^\s*user\s+[^;]+;", re.MULTILINE)
_DAEMON = re.compile(r"^\s*daemon\s+[^;]+;", re.MULTILINE)
_WORKERS = re.compile(r"^(\s*)worker_processes\s+[^;]+;", re.MULTILINE)
_ERROR_LOG = re.compile(r"^(\s*)error_log\s+\S+", re.MULTILINE)
_HTTP_OPEN = re.compile(r"^(\s*http\s*\{)", re.MULTILINE)


def _temp_paths(root: Path) -> str:
    kinds = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    return "\n".join(f"    {kind}_temp_path {root}/temp/{kind};" for kind in kinds)


def _rewrite_port(match: re.Match[str], ports: PortMap) -> str:
    if match.group("loopback") is not None:
        return f"127.0.0.1:{ports[int(match.group('loopback'))]}"
    indent, spec = match.group("indent"), match.group("spec").split()
    address = spec[0]
    if address.startswith("["):
        return f"{indent}# (e2e) IPv6 listen dropped: {match.group(0).strip()}"
    _, _, port = address.rpartition(":")
    if not port.isdigit():
        port = address if address.isdigit() else "80"
    params = [p for p in spec[1:] if not p.startswith("ipv6only")]
    return f"{indent}listen 127.0.0.1:{ports[int(port)]}{''.join(' ' + p for p in params)};"


_UNIX_SOCKET = re.compile(r"\bunix:(?P<path>/[^\s;:]+)")


def rewrite_conf(text: str, root: Path, ports: PortMap, main: bool, project: Path | None = None) -> str:
    text = _PORTS.sub(lambda m: _rewrite_port(m, ports), text)
    # A socket path means the same file to nginx and the app server: the case's stand-in.
    text = _UNIX_SOCKET.sub(lambda m: f"unix:{ports.socket(m.group('path'))}", text)
    if project is not None:
        # The instance unpacks the bundle in /var/app/current: the project copy here.
        text = re.sub(r"/var/app/current(?=[/;\s])", str(project), text)
    text = text.replace("/var/log/nginx", f"{root}/logs").replace("/etc/nginx/", f"{root}/")
    if main:
        text = _USER.sub("", text)
        text = _DAEMON.sub("", text)
        text = _PID.sub(f"pid {root}/nginx.pid;", text)
        text = _WORKERS.sub(r"\1worker_processes 1;", text)
        text = _ERROR_LOG.sub(lambda m: f"{m.group(1)}error_log {root}/logs/error.log", text)
        if "_temp_path" not in text:
            text = _HTTP_OPEN.sub(lambda m: m.group(1) + "\n" + _temp_paths(root), text, count=1)
    return text


def _static_conf(project: Path, mappings: dict[str, str]) -> str:
    blocks = []
    for url, folder in sorted(mappings.items()):
        blocks.append(f"location {url} {{\n    alias {project / folder.strip('/')};\n    access_log off;\n}}\n")
    return "\n".join(blocks)


def lay_out(root: Path, project: Path, ports: PortMap, upstream: int, static: dict[str, str],
            upstream_host: str | None = None, repository: bool = True) -> Path:
    """Writes the nginx tree under ``root`` and returns the main conf path. With
    ``upstream_host`` (the Docker platform's container address) nginx proxies there. Without
    ``repository`` the repo's ``.platform/nginx`` is left out (the platform's files only)."""
    for sub in ("conf.d/elasticbeanstalk", "logs/healthd", "temp"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    if SYSTEM_MIME_TYPES.is_file():
        shutil.copyfile(SYSTEM_MIME_TYPES, root / "mime.types")
    else:
        (root / "mime.types").write_text("types { text/html html; }\n")
    (root / "nginx.conf").write_text(_MAIN_CONF.format(root=root, temp_paths=_temp_paths(root)))
    application = _APPLICATION_CONF.format(port=upstream)
    if upstream_host is not None:
        # Written with the real port: the loopback rewrite below leaves other addresses alone.
        application = application.replace(f"127.0.0.1:{upstream}", f"{upstream_host}:{ports[upstream]}")
    (root / "conf.d/elasticbeanstalk/00_application.conf").write_text(application)
    (root / "conf.d/elasticbeanstalk/01_static.conf").write_text(_static_conf(project, static))
    platform = project / ".platform" / "nginx"
    if repository and platform.is_dir():
        shutil.copytree(platform, root, dirs_exist_ok=True)
    for conf in root.rglob("*.conf"):
        conf.write_text(rewrite_conf(conf.read_text(encoding="utf-8"), root, ports, conf == root / "nginx.conf",
                                     project), encoding="utf-8")
    return root / "nginx.conf"


def refusal(root: Path, conf: Path) -> str | None:
    """What ``nginx -t`` says when it refuses the configuration (the check the platform runs
    before it installs the repository's files); None when it accepts it."""
    done = subprocess.run([*command(root, conf)[:-2], "-t"], capture_output=True, text=True,
                          timeout=30, stdin=subprocess.DEVNULL, check=False)
    if done.returncode == 0:
        return None
    lines = [line for line in done.stderr.splitlines() if "[emerg]" in line] or done.stderr.splitlines()
    return lines[0].strip() if lines else f"nginx -t exited {done.returncode}"


def command(root: Path, conf: Path) -> list[str]:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    return [nginx, "-p", f"{root}/", "-c", str(conf), "-g", "daemon off;"]
