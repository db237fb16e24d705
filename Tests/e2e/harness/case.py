"""Boots one fixture the way Beanstalk would and asks it what the health checker asks."""
from __future__ import annotations

import dataclasses

import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import apache, appserver, container_script, docker, multicontainer, nginx, probe
from .bundle import prune_to_bundle
from .beanstalk import ENV_NAMESPACE, STATIC_NAMESPACE, OptionSettings, read_option_settings, static_mappings
from .imds import PRIVATE_IP, FakeIMDS
from .manifest import Check, Manifest
from .ports import PortMap, wait_for_port, wait_for_socket
from .predictions import Mismatch, PredictionError, apply_fixes, compare, run_ebcheck
from .processes import Managed, ProcessSet

SITE_DIR = Path(__file__).resolve().parent.parent / "site"
BOOT_TIMEOUT = 20.0
OTHER_HOST = "evil.example.com"


@dataclass
class CheckResult:
    check: Check
    status: int | None
    healthy: bool
    location: str | None = None
    after_fix: bool = False

    @property
    def agrees(self) -> bool:
        if self.after_fix:
            return self.healthy
        return self.status == self.check.status and self.healthy == self.check.healthy


@dataclass
class CaseResult:
    case: str
    results: list[CheckResult] = field(default_factory=list)
    other_host: tuple[str, int | None] | None = None
    mismatches: list[Mismatch] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    # What `nginx -t` said when it refused the repository's configuration.
    refused: str | None = None
    # The harness ran the container command(s) it read from the image (Docker platforms).
    container_command: bool = False

    @property
    def passed(self) -> bool:
        return not self.errors and not self.mismatches and all(r.agrees for r in self.results)


def _app_env(options_env: dict[str, str], case_env: dict[str, str], imds: str, home: Path,
             platform_port: bool = True) -> dict[str, str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONUNBUFFERED": "1",
    }
    env.update(options_env)
    env.update(case_env)
    if platform_port:
        # The Python platform sets PORT; the Docker platform passes only what is configured.
        env.setdefault("PORT", str(appserver.upstream_port(env)))
    env["PYTHONPATH"] = str(SITE_DIR)
    env["EBCHECK_E2E_IMDS"] = imds
    env["EBCHECK_E2E_PRIVATE_IP"] = PRIVATE_IP
    return env


def _set_instance(env: dict[str, str], instance: str | None) -> None:
    """The hypervisor the app's ``sitecustomize`` plays (``/sys/hypervisor/uuid``)."""
    if instance is not None:
        env["EBCHECK_E2E_HYPERVISOR"] = instance


def _other_host_path(checks: list[Check]) -> str:
    health_paths = {c.path for c in checks}
    return "/" if "/" not in health_paths else "/e2e-not-the-health-path/"


class CaseRunner:
    def __init__(self, projects: Path, expected: Path, ebcheck: Path | None, keep: bool, fix: bool = False) -> None:
        """With ``fix``, the copy is first repaired by ``ebcheck fix``; then every check must be
        healthy and a foreign Host that got 400 before must still get 400."""
        self.projects = projects
        self.expected = expected
        self.ebcheck = ebcheck
        self.keep = keep
        self.fix = fix and ebcheck is not None

    def run(self, case: str) -> CaseResult:
        started = time.monotonic()
        result = CaseResult(case)
        work = Path(tempfile.mkdtemp(prefix=f"ebcheck-e2e-{case}-"))
        work.chmod(0o755)
        procs = ProcessSet()
        try:
            manifest = Manifest.load(self.expected / case / "case.json")
            app_dir = work / "app"
            source = self.projects / case
            skip = shutil.ignore_patterns("__pycache__", "*.pyc")
            shutil.copytree(source, app_dir, ignore=skip)
            # With an .ebignore the EB CLI zips the working tree ebcheck reads: ebcheck lints
            # the whole folder (its .ebignore decides), the stack boots the bundle made after
            # any fix. Images are built from the repository, never from the bundle.
            self._repository = app_dir
            if (source / ".ebignore").is_file():
                self._repository = work / "repository"
                shutil.copytree(source, self._repository, ignore=skip)
            else:
                # What `eb deploy` uploads, not the whole folder: ebcheck models the same set.
                left_out = prune_to_bundle(source, app_dir)
                if left_out:
                    result.notes.append("not in the bundle: " + ", ".join(left_out))
            linted = self._repository
            predicted = None
            configured = None
            if self.ebcheck is not None:
                try:
                    if self.fix:
                        apply_fixes(self.ebcheck, linted, manifest.env)
                        if manifest.infrastructure:
                            configured = run_ebcheck(self.ebcheck, linted, manifest.env)
                    else:
                        predicted = run_ebcheck(self.ebcheck, linted, manifest.env)
                        if manifest.infrastructure:
                            configured = predicted
                except PredictionError as error:
                    result.errors.append(str(error))
            if linted != app_dir:
                shutil.rmtree(app_dir)
                shutil.copytree(linted, app_dir)
                left_out = prune_to_bundle(source, app_dir)
                if left_out:
                    result.notes.append("not in the bundle: " + ", ".join(left_out))
            if configured is not None:
                # The path and matcher infrastructure code sets, as ebcheck read them; the
                # manifest records what they must be before any fix.
                manifest = dataclasses.replace(
                    manifest, checks=_from_prediction(manifest.checks, configured, result, self.fix))
            # The files infrastructure code writes into its bundle, in place of the folder's own
            # Beanstalk files (after ebcheck ran, as Terraform writes them when it applies).
            if manifest.bundle_files:
                lay_bundle_files(app_dir, manifest.bundle_files)
            # The deploy script's copies, made when it deploys (after any fix), never by ebcheck.
            for source, destination in manifest.deploy_copies.items():
                target = app_dir / destination
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(app_dir / source, target)
            if manifest.candidates:
                # Unknown by design: which image the pipeline deploys is not in the repository.
                self._run_candidates(manifest, app_dir, work, procs, result, predicted)
                predicted = None
            with FakeIMDS(allow_v1=manifest.imds_v1) as imds:
                if not manifest.candidates:
                    self._boot_and_probe(manifest, app_dir, work, imds.address, procs, result)
            if predicted is not None:
                real = [(r.status, r.healthy) for r in result.results]
                result.mismatches = compare(
                    case, manifest.checks, real, predicted, manifest.console_env, imds_v1=manifest.imds_v1,
                    bundle=manifest.deploy_condition, console_options=manifest.console_options,
                    instance=manifest.instance, container_command=result.container_command)
        except Exception as error:  # one broken case must not stop the suite
            result.errors.append(f"{type(error).__name__}: {error}")
        finally:
            procs.stop_all()
            if self.keep:
                result.notes.append(f"kept {work}")
            else:
                shutil.rmtree(work, ignore_errors=True)
            result.seconds = time.monotonic() - started
        return result

    def _run_candidates(self, manifest: Manifest, app_dir: Path, work: Path, procs: ProcessSet,
                        result: CaseResult, predicted: list[dict] | None) -> None:
        """Boots each candidate build the manifest lists (its images and the answers recorded
        for them); their answers must differ, so that ebcheck's unknown is the only right answer,
        and ebcheck must predict no status for any check."""
        answers = []
        for candidate in manifest.candidates:
            chosen = dataclasses.replace(manifest, images={**manifest.images, **candidate["images"]},
                                         checks=[Check.from_json(c) for c in candidate["checks"]],
                                         config_refused=bool(candidate.get("configRefused", False)))
            result.refused = None
            with FakeIMDS(allow_v1=manifest.imds_v1) as imds:
                self._boot_and_probe(chosen, app_dir, work, imds.address, procs, result)
            procs.stop_all()
            answers.append(tuple((r.status, r.healthy) for r in result.results[-len(chosen.checks):]))
            result.notes.append(f"candidate {candidate['images']}: " + ", ".join(
                f"{status} {'healthy' if healthy else 'unhealthy'}" for status, healthy in answers[-1]))
        if len(set(answers)) < 2:
            result.errors.append("candidates: every candidate answers the same, so the answer is knowable")
        for entry in predicted or []:
            if entry.get("status") is not None or entry.get("healthy") is not None:
                result.mismatches.append(Mismatch(result.case, str(entry.get("path")), "status", "unknown",
                                                  str(entry.get("status"))))

    def after_probe(self, manifest: Manifest, app_dir: Path, ports: PortMap, env: dict[str, str],
                    result: CaseResult) -> None:
        """Runs while the stack is still up, after the checker's requests (for subclasses)."""

    @staticmethod
    def _start_front(front: str, work: Path, app_dir: Path, ports: PortMap, env: dict[str, str],
                     options: OptionSettings, procs: ProcessSet, result: CaseResult | None = None) -> Managed | None:
        """nginx (Amazon Linux 2023/2), or Apache as a proxy or with mod_wsgi (harness/apache.py).
        A repository nginx configuration that ``nginx -t`` refuses fails the deployment: the
        platform's own files serve (``result.refused`` says why). Under mod_wsgi (the Amazon
        Linux AMI) the platform restarts httpd without a configtest first, so a refused
        configuration leaves nothing running: None."""
        upstream = appserver.upstream_port(env)
        if front == "nginx":
            conf = nginx.lay_out(work / "nginx", app_dir, ports, upstream, static_mappings(options))
            refused = nginx.refusal(work / "nginx", conf)
            if refused is not None:
                if result is not None:
                    result.refused = refused
                shutil.rmtree(work / "nginx")
                conf = nginx.lay_out(work / "nginx", app_dir, ports, upstream, static_mappings(options),
                                     repository=False)
            return procs.start("nginx", nginx.command(work / "nginx", conf), work, env, work / "nginx.log")
        conf = apache.lay_out(front, work / "httpd", app_dir, ports, upstream, options, SITE_DIR)
        refused = apache.refusal(work / "httpd", conf)
        if refused is not None:
            if result is not None:
                result.refused = refused
            if front == "mod_wsgi":
                return None
            shutil.rmtree(work / "httpd")
            conf = apache.lay_out(front, work / "httpd", app_dir, ports, upstream, options, SITE_DIR,
                                  repository=False)
        return procs.start("httpd", apache.command(work / "httpd", conf), work, apache.app_env(env),
                           work / "httpd.log")

    def _boot_and_probe(self, manifest: Manifest, app_dir: Path, work: Path, imds: str,
                        procs: ProcessSet, result: CaseResult) -> None:
        options = read_option_settings(app_dir)
        # Settings applied to the environment directly (console, CLI) override the bundle's.
        for (namespace, option), value in manifest.console_options.items():
            options.values[(namespace, option)] = value
        case_env = {**manifest.env, **manifest.console_env}
        ports = PortMap(socket_dir=work / "sockets")
        cwd = app_dir
        script = None
        front = "nginx"
        if manifest.platform == "multicontainer":
            multi = multicontainer.lay_out(app_dir, manifest.images, work, ports,
                                           options.namespace(ENV_NAMESPACE), case_env,
                                           repository=getattr(self, "_repository", app_dir))
            env = _app_env(multi.env, {}, imds, work, platform_port=False)
            _set_instance(env, manifest.instance)
            commands = multi.commands
            cwd = multi.cwd or app_dir
            result.notes.extend(multi.notes)
            if multi.problem:
                result.errors.append(f"multicontainer: {multi.problem}")

            def start_web() -> Managed | None:
                # The front container's nginx exits when `nginx -t` refuses its files: no answer.
                if multi.nginx_conf is None:
                    return None
                refused = nginx.refusal(multi.nginx_root, multi.nginx_conf)
                if refused is not None:
                    result.refused = refused
                    return None
                return procs.start("nginx", nginx.command(multi.nginx_root, multi.nginx_conf), work, env,
                                   work / "nginx.log")
        elif manifest.platform == "docker":
            layout = docker.lay_out(app_dir, options.namespace(ENV_NAMESPACE), case_env, ports, scratch=work)
            env = _app_env(layout.env, {}, imds, work, platform_port=False)
            _set_instance(env, manifest.instance)
            container = docker.app_command(layout)
            commands = [container] if container is not None else []
            if layout.script is not None:
                # A start script or supervisord (harness/container_script.py).
                script = layout.script
                env = script.environment(env)
                commands = [appserver.AppCommand(name="container", argv=script.argv,
                                                 logical_port=script.container_port,
                                                 real_port=script.real_port, host=docker.CONTAINER_ADDRESS)]
                result.notes.append(f"container: {script.description}")
            cwd = layout.cwd
            if layout.problem:
                result.notes.append(f"container: {layout.problem}")
            if (options.get(docker.PROXY_NAMESPACE, "ProxyServer") or "").strip().lower() == "none":
                # No platform proxy: Docker publishes the container port on port 80 itself.
                forward = [sys.executable, str(Path(__file__).with_name("forward.py")), str(ports[80]),
                           docker.CONTAINER_ADDRESS, str(ports[layout.container_port])]

                def start_web() -> Managed:
                    return procs.start("docker-publish", forward, work, env, work / "publish.log")
            else:
                conf = nginx.lay_out(work / "nginx", app_dir, ports, layout.container_port,
                                     options.namespace(STATIC_NAMESPACE), upstream_host=docker.CONTAINER_ADDRESS)

                def start_web() -> Managed:
                    return procs.start("nginx", nginx.command(work / "nginx", conf), work, env, work / "nginx.log")
        else:
            env = _app_env(options.namespace(ENV_NAMESPACE), case_env, imds, work)
            _set_instance(env, manifest.instance)
            front = apache.layout_kind(options, app_dir)
            # Under mod_wsgi Apache runs the app itself: no Procfile, no gunicorn.
            commands = [] if front == "mod_wsgi" else appserver.app_commands(app_dir, options, env, ports)

            def start_web() -> Managed | None:
                return self._start_front(front, work, app_dir, ports, env, options, procs, result)
        for check in manifest.checks:
            ports[check.port]  # reserve every checked port, even ones nothing listens on

        result.container_command = manifest.platform in ("docker", "multicontainer") and bool(commands)
        deadline = time.monotonic() + BOOT_TIMEOUT
        apps = [procs.start(c.name, c.argv, cwd, env, work / f"{c.name}.log") for c in commands]
        web = start_web()
        if bool(result.refused) != manifest.config_refused:
            # The manifest records whether real nginx / httpd refuses the repository's files.
            said = result.refused or "accepted"
            result.errors.append(f"config test: {said} (manifest: configRefused {manifest.config_refused})")
        elif result.refused:
            result.notes.append(f"config test refuses: {result.refused}; " + (
                "the platform's files serve" if web is not None else
                "the front container exits" if manifest.platform == "multicontainer" else "httpd does not start"))
        for command, app in zip(commands, apps):
            if script is not None:
                container_script.wait(script, deadline, app.alive)
            elif command.socket is not None:
                wait_for_socket(command.socket, deadline, app.alive)
            else:
                wait_for_port(command.real_port, deadline, app.alive, command.host)
        alive = web.alive if web is not None else (lambda: False)
        listening = {c.port: wait_for_port(ports[c.port], min(deadline, time.monotonic() + 3), alive)
                     for c in manifest.checks} if web is not None else {c.port: False for c in manifest.checks}
        if web is not None and not web.alive():
            result.errors.append(f"{web.name} did not start: " + web.tail(3).replace("\n", " | "))

        # A case ebcheck offers no fix for must answer as recorded after `ebcheck fix`.
        after_fix = self.fix and manifest.no_fix is None
        for check in manifest.checks:
            if self.fix and not manifest.infrastructure:
                check = _configured(check, options)
            real_port = ports[check.port]
            if check.protocol == "TCP":
                healthy = listening[check.port] and probe.tcp_accepts(real_port)
                result.results.append(CheckResult(check, None, healthy, after_fix=after_fix))
                continue
            answer = probe.http_get(real_port, check.path or "/", probe.checker_host(check.port))
            healthy = probe.matches(answer.status, check.matcher)
            result.results.append(CheckResult(check, answer.status, healthy, answer.location, after_fix))

        first = next((c for c in manifest.checks if c.protocol != "TCP"), None)
        if first is not None:
            path = _other_host_path(manifest.checks)
            result.other_host = (path, probe.http_get(ports[first.port], path, OTHER_HOST).status)
            expected = manifest.other_host_status
            if after_fix and expected != 400:
                expected = None  # a fix may change other answers, but must not open the host check
            if expected is not None and result.other_host[1] != expected:
                result.errors.append(f"other host {path}: got {result.other_host[1]}, expected {expected}")
        self.after_probe(manifest, app_dir, ports, env, result)
        if not all(r.agrees for r in result.results):
            for app in apps:
                tail = app.tail(6)
                if tail:
                    result.notes.append(f"{app.name} log tail:\n{tail}")
            error_log = work / "httpd" / "logs" / "error_log"
            if front != "nginx" and error_log.is_file():
                tail = "\n".join(error_log.read_text(encoding="utf-8", errors="replace").splitlines()[-6:])
                result.notes.append(f"httpd error_log tail:\n{tail}")


def _from_prediction(checks: list[Check], entries: list[dict], result: CaseResult, fixed: bool) -> list[Check]:
    """Each HTTP check with the path and matcher of ebcheck's prediction for it (in order);
    before a fix they must be the manifest's (what the infrastructure code sets)."""
    http = [e for e in entries if str(e.get("protocol", "")).upper() != "TCP"]
    configured: list[Check] = []
    for index, check in enumerate(checks):
        if check.protocol == "TCP" or index >= len(http):
            configured.append(check)
            continue
        entry = http[index]
        path, matcher = entry.get("path"), entry.get("matcher")
        if not fixed:
            for name, real, predicted in (("path", check.path, path), ("matcher", check.matcher, matcher)):
                if real != predicted:
                    result.mismatches.append(Mismatch(result.case, check.label(), name, real, predicted))
        configured.append(dataclasses.replace(
            check, path=path if isinstance(path, str) else check.path,
            matcher=matcher if isinstance(matcher, str) else check.matcher))
    return configured


def _configured(check: Check, options: OptionSettings) -> Check:
    """The check as the (fixed) repository now configures it: path and matcher from its
    option settings, as Beanstalk would apply them after the fix is deployed."""
    namespace = f"aws:elasticbeanstalk:environment:process:{check.process}"
    path = options.get(namespace, "HealthCheckPath") or options.get(
        "aws:elasticbeanstalk:application", "Application Healthcheck URL")
    matcher = options.get(namespace, "MatcherHTTPCode")
    return dataclasses.replace(
        check,
        path=path if path and path.startswith("/") else check.path,
        matcher=matcher or check.matcher,
    )


def lay_bundle_files(app_dir: Path, files: dict[str, str]) -> None:
    """The bundle the infrastructure code zips: its files at the root; the folder's own
    Beanstalk files are not in it (its code still reaches the container through the image)."""
    for name in (".ebextensions", ".platform"):
        shutil.rmtree(app_dir / name, ignore_errors=True)
    for name in ("Dockerrun.aws.json", "Procfile"):
        (app_dir / name).unlink(missing_ok=True)
    for path, text in files.items():
        target = app_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
