"""Lays Apache httpd out as Beanstalk's Python platforms do when Apache is the front, inside a
temp dir, with Debian's ``apache2`` and ``libapache2-mod-wsgi-py3``.

Two layouts:

* ``proxy`` (Amazon Linux 2 with ``ProxyServer: apache``): the platform's ``httpd.conf`` has one
  ``<VirtualHost *:80>`` proxying ``/`` to the app port with ``ProxyPreserveHost on``, then
  includes ``conf.d/*.conf`` (the repo's ``.platform/httpd/conf.d``) and
  ``conf.d/elasticbeanstalk/*.conf`` at server level; gunicorn runs as on the nginx layout.
  A repo ``.platform/httpd/conf/httpd.conf`` replaces the main file.
* ``mod_wsgi`` (the retired Amazon Linux AMI): ``httpd.conf`` includes ``conf.d/*.conf``, where
  the platform's ``wsgi.conf`` holds the ``<VirtualHost *:80>`` that runs ``WSGIPath`` in a
  mod_wsgi daemon process (``WSGIScriptAlias /``, static ``Alias`` mappings); the repo's
  ``.ebextensions`` ``files:`` under ``/etc/httpd/conf.d/`` are written beside it. No gunicorn.

Apache runs in the foreground with its own ServerRoot, PidFile, logs and runtime dir, listening
on the loopback port the harness maps port 80 to; when the harness runs as root, children run
as ``nobody`` (httpd refuses to serve as root), and the work tree is handed to that user.
"""
from __future__ import annotations

import grp
import hashlib
import os
import pwd
import re
import shutil
import subprocess
import sysconfig
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

from .beanstalk import PYTHON_NAMESPACE, OptionSettings, _load_config_document
from .ports import PortMap

MODULES = Path("/usr/lib/apache2/modules")
PROXY_NAMESPACE = "aws:elasticbeanstalk:environment:proxy"
AMI_STATIC_NAMESPACE = "aws:elasticbeanstalk:container:python:staticfiles"
AMI_CONF_PREFIX = "/etc/httpd/conf.d/"
# What the platforms load (of the modules the repo's files may use), as Debian names them.
_COMMON_MODULES = (
    "mpm_event", "authz_core", "authz_host", "access_compat", "mime", "dir", "alias", "rewrite",
    "headers", "setenvif", "env",
)
_PROXY_MODULES = ("proxy", "proxy_http")

_MAIN_HEAD = """\
# Elastic Beanstalk {what} layout, run by the e2e harness.
ServerRoot "{root}"
PidFile "{root}/run/httpd.pid"
DefaultRuntimeDir "{root}/run"
Mutex file:{root}/run default
ErrorLog "{root}/logs/error_log"
LogLevel warn
ServerName localhost
{user}
{modules}
TypesConfig /etc/mime.types
Listen 127.0.0.1:{port}
"""

# Amazon Linux 2 with ProxyServer: apache (docs/facts.md, Apache).
_PROXY_BODY = """\
<VirtualHost *:80>
  <Proxy *>
    Require all granted
  </Proxy>
  ProxyPass / http://127.0.0.1:{upstream}/ retry=0
  ProxyPassReverse / http://127.0.0.1:{upstream}/
  ProxyPreserveHost on
  ErrorLog "{root}/logs/elasticbeanstalk-error_log"
</VirtualHost>

IncludeOptional conf.d/*.conf
IncludeOptional conf.d/elasticbeanstalk/*.conf
"""

_AMI_BODY = """\
IncludeOptional conf.d/*.conf
"""

# The Amazon Linux AMI's generated conf.d/wsgi.conf (docs/facts.md, Apache).
_WSGI_CONF = """\
WSGIRestrictEmbedded On

<VirtualHost *:80>
{static}
WSGIScriptAlias / {script}

<Directory {app}/>
  Require all granted
</Directory>

WSGIDaemonProcess wsgi processes={processes} threads={threads} display-name=%{{GROUP}} \\
  python-path={python_path} {owner}home={app}
WSGIProcessGroup wsgi
</VirtualHost>
"""


def layout_kind(options: OptionSettings, project: Path) -> str:
    """``nginx``, ``proxy`` or ``mod_wsgi``: what fronts the app, from the same evidence ebcheck
    reads (a WSGIPath written as a file, or the AMI's static namespace, is the AMI, unless a
    ``.platform/hooks`` or ``.platform/confighooks`` script is committed)."""
    wsgi = (options.get(PYTHON_NAMESPACE, "WSGIPath") or "").strip()
    # Platform hooks run on Amazon Linux 2 and later only: the AMI's forms are left over.
    hooks = [project / ".platform" / name for name in ("hooks", "confighooks")]
    if any(folder.is_dir() and any(p.is_file() for p in folder.rglob("*")) for folder in hooks):
        wsgi = ""
    elif wsgi.endswith(".py") or wsgi.startswith("/opt/python/") or options.namespace(AMI_STATIC_NAMESPACE):
        return "mod_wsgi"
    if (options.get(PROXY_NAMESPACE, "ProxyServer") or "").strip().lower() == "apache":
        return "proxy"
    return "nginx"


def _owner() -> tuple[str, str] | None:
    """The user and group Apache's children run as: none needed unless the harness is root."""
    if os.geteuid() != 0:
        return None
    entry = pwd.getpwnam("nobody")
    return entry.pw_name, grp.getgrgid(entry.pw_gid).gr_name


def _modules(names: tuple[str, ...]) -> str:
    return "\n".join(f"LoadModule {name}_module {MODULES / ('mod_' + name + '.so')}" for name in names)


def _httpd_files(project: Path) -> dict[str, str]:
    """``.ebextensions`` ``files:`` written under ``/etc/httpd/conf.d/`` (name → content)."""
    found: dict[str, str] = {}
    ebext = project / ".ebextensions"
    if not ebext.is_dir():
        return found
    for path in sorted(ebext.glob("*.config"), key=lambda p: p.name):
        try:
            doc: Any = _load_config_document(path)
        except yaml.YAMLError:
            continue
        files = doc.get("files") if isinstance(doc, dict) else None
        if not isinstance(files, dict):
            continue
        for target, spec in files.items():
            target = str(target)
            if target.startswith(AMI_CONF_PREFIX) and isinstance(spec, dict) and isinstance(spec.get("content"), str):
                found[target[len(AMI_CONF_PREFIX):]] = spec["content"]
    return found


def _wsgi_conf_commands(project: Path) -> list[str]:
    """``container_commands`` that write to the platform's ``wsgi.conf`` or edit a ``.conf``
    file (in config and key order, as Beanstalk runs them)."""
    found: list[str] = []
    ebext = project / ".ebextensions"
    if not ebext.is_dir():
        return found
    for path in sorted(ebext.glob("*.config"), key=lambda p: p.name):
        try:
            doc: Any = _load_config_document(path)
        except yaml.YAMLError:
            continue
        commands = doc.get("container_commands") if isinstance(doc, dict) else None
        if not isinstance(commands, dict):
            continue
        for name in sorted(commands, key=str):
            spec = commands[name]
            command = spec.get("command") if isinstance(spec, dict) else spec
            if isinstance(command, str) and ".conf" in command:
                found.append(command)
    return found


AMI_POST_HOOKS = "/opt/elasticbeanstalk/hooks/appdeploy/post/"


def _post_hooks(project: Path) -> list[str]:
    """``files:`` entries that install ``appdeploy/post`` hook scripts, in the order of their
    names (the order the AMI runs them)."""
    found: dict[str, str] = {}
    ebext = project / ".ebextensions"
    if not ebext.is_dir():
        return []
    for path in sorted(ebext.glob("*.config"), key=lambda p: p.name):
        try:
            doc: Any = _load_config_document(path)
        except yaml.YAMLError:
            continue
        files = doc.get("files") if isinstance(doc, dict) else None
        if not isinstance(files, dict):
            continue
        for target, spec in files.items():
            if str(target).startswith(AMI_POST_HOOKS) and isinstance(spec, dict) \
                    and isinstance(spec.get("content"), str):
                found[str(target)] = spec["content"]
    return [found[name] for name in sorted(found)]


def _run_post_hooks(root: Path, project: Path) -> None:
    """Runs the post hooks after the platform's files are in place, with the instance's paths
    pointed at the case's folders (the app folder, ``conf.d``); a restart of httpd there is a
    no-op, since the harness starts httpd afterwards."""
    for script in _post_hooks(project):
        script = script.replace("/opt/python/current/app", str(project)).replace(
            "/etc/httpd/conf.d/", f"{root}/conf.d/")
        subprocess.run(["/bin/sh", "-c", script], cwd=root, check=False, capture_output=True,
                       env={"PATH": os.environ.get("PATH", "/usr/bin:/bin")})


def _daemon_python_path(text: str, python_path: str) -> str:
    """A repository ``WSGIDaemonProcess`` also gets the harness's packages (Django...) on its
    ``python-path``, as the instance's virtualenv would give them."""
    if python_path in text:
        return text
    return re.sub(r"(\bpython-path=)(\S+)", lambda m: f"{m.group(1)}{m.group(2)}:{python_path}", text)


def _run_wsgi_conf_commands(root: Path, wsgi_conf: Path, project: Path) -> None:
    """Runs those commands as the Amazon Linux AMI does: in the staging app folder
    (``/opt/python/ondeck/app``), whose parent holds the ``wsgi.conf`` the platform generated
    and installs into ``conf.d`` afterwards (docs/facts.md, Apache)."""
    commands = _wsgi_conf_commands(project)
    if not commands:
        return
    staging = root / "ondeck"
    (staging / "app").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(wsgi_conf, staging / "wsgi.conf")
    staged = str(staging / "wsgi.conf")
    for command in commands:
        # Run in the app folder (the staged bundle), with the staged wsgi.conf beside it.
        command = command.replace("/etc/httpd/conf.d/wsgi.conf", staged).replace(
            "/opt/python/ondeck/wsgi.conf", staged).replace("../wsgi.conf", staged)
        subprocess.run(["/bin/sh", "-c", command], cwd=project, check=False,
                       env={"PATH": os.environ.get("PATH", "/usr/bin:/bin")})
    shutil.copyfile(staging / "wsgi.conf", wsgi_conf)


def _script_path(project: Path, wsgi_path: str) -> Path:
    value = wsgi_path.strip() or "application.py"
    value = re.sub(r"^/opt/python/(current|ondeck|bundle/\d+)/app/", "", value)
    return project / value


def _static_aliases(project: Path, options: OptionSettings) -> str:
    mappings = options.namespace(AMI_STATIC_NAMESPACE) or {"/static/": "static/"}
    lines = []
    for url, folder in sorted(mappings.items()):
        target = project / folder.strip("/")
        lines.append(f"Alias {url} {target}/" if url.endswith("/") else f"Alias {url} {target}")
        lines.append(f"<Directory {target}/>\n  Require all granted\n</Directory>")
    return "\n".join(lines)


def _rewrite(text: str, root: Path, project: Path, ports: PortMap) -> str:
    text = re.sub(r"\b(?:127\.0\.0\.1|localhost):(\d+)\b", lambda m: f"127.0.0.1:{ports[int(m.group(1))]}", text)
    text = re.sub(r"^(\s*)Listen\s+\S+", lambda m: f"{m.group(1)}# (e2e) {m.group(0).strip()}", text, flags=re.MULTILINE)
    text = re.sub(r"<VirtualHost\s+[^>]*>", lambda m: re.sub(r":(\d+)", lambda p: f":{ports[int(p.group(1))]}",
                                                                 m.group(0)), text)
    text = re.sub(r"/opt/python/(current|ondeck)/app(?=[/\s\"]|$)", str(project), text, flags=re.MULTILINE)
    text = re.sub(r"/var/app/current(?=[/\s\"]|$)", str(project), text, flags=re.MULTILINE)
    return text.replace("/var/log/httpd", f"{root}/logs").replace("/etc/httpd/", f"{root}/")


REQUIREMENTS = Path(__file__).resolve().parent.parent / "requirements.txt"


def _requirement_names(text: str) -> list[str]:
    names = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", line)
        if match:
            names.append(match.group(0))
    return names


def _readable_packages() -> Path:
    """The harness's Python packages (Django, ... and what they need) copied where the daemon's
    unprivileged user can read them; built once per set of installed versions."""
    if os.geteuid() != 0:
        return Path(sysconfig.get_paths()["purelib"])
    pending = _requirement_names(REQUIREMENTS.read_text(encoding="utf-8"))
    seen: dict[str, metadata.Distribution] = {}
    while pending:
        name = pending.pop()
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        key = dist.metadata["Name"].lower()
        if key in seen:
            continue
        seen[key] = dist
        pending.extend(_requirement_names("\n".join(r for r in dist.requires or [] if "extra ==" not in r)))
    stamp = hashlib.sha256(",".join(sorted(f"{k}={d.version}" for k, d in seen.items())).encode()).hexdigest()[:12]
    target = Path(tempfile.gettempdir()) / f"ebcheck-e2e-wsgi-packages-{stamp}"
    if target.is_dir():
        return target
    staging = Path(tempfile.mkdtemp(prefix="ebcheck-e2e-wsgi-packages-staging-"))
    for dist in seen.values():
        for file in dist.files or []:
            source = Path(str(dist.locate_file(file)))
            if file.parts and file.parts[0] not in ("..",) and source.is_file():
                destination = staging / Path(*file.parts)
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, destination)
    for folder, _, _ in os.walk(staging):
        os.chmod(folder, 0o755)
    try:
        staging.rename(target)
    except OSError:  # another case built it meanwhile
        shutil.rmtree(staging, ignore_errors=True)
    return target


def _python_path(project: Path, site_dir: Path) -> str:
    """The app folder, the fake-EC2 site folder, and the harness's own packages (Django...)."""
    return ":".join([str(project), str(site_dir), str(_readable_packages())])


def lay_out(kind: str, root: Path, project: Path, ports: PortMap, upstream: int, options: OptionSettings,
            site_dir: Path, repository: bool = True) -> Path:
    """Writes the httpd tree under ``root`` and returns the main conf path. Without
    ``repository`` the repo's httpd files (``.platform/httpd``, ``files:`` under conf.d, the
    commands editing wsgi.conf) are left out: the platform's configuration alone."""
    for sub in ("conf", "conf.d/elasticbeanstalk", "logs", "run"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    owner = _owner()
    user = f"User {owner[0]}\nGroup {owner[1]}" if owner else ""
    modules = _COMMON_MODULES + (_PROXY_MODULES if kind == "proxy" else ("wsgi",))
    head = _MAIN_HEAD.format(what="Amazon Linux 2 Apache proxy" if kind == "proxy" else "Amazon Linux AMI mod_wsgi",
                             root=root, user=user, modules=_modules(modules), port=ports[80])
    main = root / "conf" / "httpd.conf"
    if kind == "proxy":
        body = _PROXY_BODY.format(upstream=upstream, root=root)
        platform = project / ".platform" / "httpd"
        if repository and platform.is_dir():
            shutil.copytree(platform, root, dirs_exist_ok=True)
        replaced = repository and (platform / "conf" / "httpd.conf").is_file()
        text = main.read_text(encoding="utf-8") if replaced else body
        main.write_text(head + _rewrite(text, root, project, ports), encoding="utf-8")
    else:
        processes = options.get(PYTHON_NAMESPACE, "NumProcesses") or "1"
        threads = options.get(PYTHON_NAMESPACE, "NumThreads") or "15"
        owner_options = f"user={owner[0]} group={owner[1]} " if owner else ""
        (root / "conf.d" / "wsgi.conf").write_text(_WSGI_CONF.format(
            static=_static_aliases(project, options),
            script=_script_path(project, options.get(PYTHON_NAMESPACE, "WSGIPath") or ""),
            app=project, processes=processes, threads=threads, owner=owner_options,
            python_path=_python_path(project, site_dir)), encoding="utf-8")
        if repository:
            _run_wsgi_conf_commands(root, root / "conf.d" / "wsgi.conf", project)
        for name, content in (_httpd_files(project) if repository else {}).items():
            (root / "conf.d" / name).parent.mkdir(parents=True, exist_ok=True)
            (root / "conf.d" / name).write_text(content, encoding="utf-8")
        if repository:
            _run_post_hooks(root, project)
            python_path = _python_path(project, site_dir)
            for conf in (root / "conf.d").glob("*.conf"):
                text = conf.read_text(encoding="utf-8")
                conf.write_text(_daemon_python_path(text, python_path), encoding="utf-8")
        main.write_text(head + _rewrite(_AMI_BODY, root, project, ports), encoding="utf-8")
    for conf in (root / "conf.d").rglob("*.conf"):
        conf.write_text(_rewrite(conf.read_text(encoding="utf-8"), root, project, ports), encoding="utf-8")
    if owner:
        _hand_over(root.parent, owner[0])
    return main


def _hand_over(work: Path, user: str) -> None:
    """Apache's children (and mod_wsgi's daemon) write logs, sockets and the app's files."""
    entry = pwd.getpwnam(user)
    for folder, dirs, files in os.walk(work):
        os.chown(folder, entry.pw_uid, entry.pw_gid)
        for name in dirs + files:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                os.chown(path, entry.pw_uid, entry.pw_gid)


def refusal(root: Path, conf: Path) -> str | None:
    """What ``apachectl configtest`` says when it refuses the configuration (the platform's
    check before it restarts httpd); None when the syntax is OK."""
    done = subprocess.run([*command(root, conf)[:-1], "-t"], capture_output=True, text=True,
                          timeout=30, stdin=subprocess.DEVNULL, check=False)
    if done.returncode == 0:
        return None
    lines = [line for line in done.stderr.splitlines() if "error" in line.lower()] or done.stderr.splitlines()
    return lines[0].strip() if lines else f"configtest exited {done.returncode}"


def command(root: Path, conf: Path) -> list[str]:
    httpd = shutil.which("apache2") or "/usr/sbin/apache2"
    return [httpd, "-d", str(root), "-f", str(conf), "-DFOREGROUND"]


def app_env(env: dict[str, str]) -> dict[str, str]:
    """What Apache (and so mod_wsgi's daemon) starts with: the app's environment, whose
    PYTHONPATH holds the fake-EC2 site folder, so ``sitecustomize`` loads at interpreter start."""
    return {**env, "LANG": env.get("LANG", "C.UTF-8")}
