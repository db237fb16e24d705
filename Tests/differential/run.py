#!/usr/bin/env python3
"""Differential test: ebcheck's interpreter against Django's test client.

For every fixture under Fixtures/projects with a case.json, the status ebcheck predicts at
the Django hop (its JSON prediction, where the request reached Django) must equal what real
Django answers the same request through django.test.Client (Host = the instance IP,
User-Agent = ELB-HealthChecker/2.0, the health path). Fixtures whose request never reaches
Django (nginx answers, a port mismatch) or whose nginx configuration changes the request
(the repository's .platform/nginx or httpd files) are listed as skipped; the e2e suite proves those on the
real stack. Predictions ebcheck leaves unknown are listed, not compared.

    python3 Tests/differential/run.py --ebcheck .build/debug/ebcheck [CASE ...]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "Tests" / "e2e"))

from harness import apache, appserver, docker
from harness.beanstalk import ENV_NAMESPACE, read_option_settings
from harness.bundle import prune_to_bundle
from harness.case import SITE_DIR, lay_bundle_files
from harness.imds import PRIVATE_IP, FakeIMDS
from harness.manifest import Manifest
from harness.ports import PortMap
from harness.predictions import PredictionError, outcome_for, run_ebcheck

PROJECTS = ROOT / "Fixtures" / "projects"
EXPECTED = ROOT / "Fixtures" / "expected"
CLIENT = Path(__file__).resolve().parent / "django_client.py"
APP_SERVERS = {"gunicorn", "uwsgi", "waitress", "uvicorn", "daphne", "mod_wsgi"}


def django_checks(prediction: list[dict]) -> tuple[list[dict], str | None]:
    """The HTTP checks whose answer came from Django, or why none did."""
    reached = []
    reason = None
    for check in prediction:
        if check.get("protocol") != "HTTP" or not check.get("path"):
            reason = reason or "no HTTP check"
            continue
        steps = [hop.get("step") for hop in check.get("trace", [])]
        server = next((i for i, step in enumerate(steps) if step in APP_SERVERS), None)
        if server is None:
            reason = reason or "the request does not reach the app server"
            continue
        after = [hop for hop in check["trace"][server + 1:] if hop.get("step") != "matcher"]
        if not after:
            reason = reason or "the app server answers (e.g. a port nginx does not proxy to)"
            continue
        reached.append(check)
    return reached, reason


def never_starts(check: dict, manifest: Manifest) -> bool:
    """Whether the outcome compared for this check is the one where the console leaves an
    option unset and the app server cannot load the app at all."""
    if not check.get("outcomes"):
        return False
    outcome = outcome_for(check, manifest.console_env, manifest.imds_v1,
                          console_options=manifest.console_options,
                          instance=manifest.instance)
    premise = (outcome or {}).get("premise") or {}
    return premise.get("kind") == "consoleOption" and premise.get("value") is None


def host_for(check: dict) -> str:
    """The Host Django receives: nginx's $host (the instance IP without port), or the
    request's own Host with its port when nothing proxies."""
    for hop in check.get("trace", []):
        if hop.get("step") in ("proxy", "Apache httpd"):
            return f"{PRIVATE_IP}:{check.get('port', 80)}"
    return PRIVATE_IP


def server_words(project: Path, env: dict[str, str],
                 console_options: dict[tuple[str, str], str] | None = None) -> list[str]:
    """The web process's command line as the e2e harness runs it (``python -m gunicorn ...``)."""
    options = read_option_settings(project)
    options.values.update(console_options or {})
    return appserver.app_commands(project, options, env, PortMap())[0].argv


def server_argv(words: list[str]) -> list[str]:
    """``sys.argv`` inside that server: ``python -m gunicorn`` puts gunicorn's ``__main__.py``
    first (runpy), then the words after it; the settings see this, not the client's own."""
    if "gunicorn" not in words:
        return words
    rest = words[words.index("gunicorn") + 1:]
    package = importlib.util.find_spec("gunicorn")
    folder = package.submodule_search_locations[0] if package and package.submodule_search_locations else "gunicorn"
    return [os.path.join(folder, "__main__.py"), *rest]


def wsgi_target(project: Path, env: dict[str, str], words: list[str] | None = None,
                cwd: Path | None = None,
                console_options: dict[tuple[str, str], str] | None = None) -> tuple[str, Path]:
    """The module:attribute gunicorn loads for the web process (the Procfile's, or the given
    command line: a Docker image's), and its working folder. ``console_options`` override
    the bundle's option settings, as the console's do."""
    if words is None:
        words = server_words(project, env, console_options)
    chdir = cwd or project
    target = None
    # Positional words after gunicorn itself: APP_MODULE is `module[:attribute]`.
    i = words.index("gunicorn") + 1 if "gunicorn" in words else 0
    while i < len(words):
        word = words[i]
        if word in ("--chdir",) and i + 1 < len(words):
            chdir = (project / words[i + 1]).resolve()
            i += 2
            continue
        if word.startswith("--chdir="):
            chdir = (project / word.split("=", 1)[1]).resolve()
        elif word in ("--bind", "-b", "--workers", "-w", "--threads", "--timeout", "-t", "--worker-class",
                      "-k", "--log-level", "--access-logfile", "--error-logfile", "--pythonpath", "-c",
                      "--config", "--max-requests"):
            i += 2
            continue
        elif not word.startswith("-"):
            target = word if ":" in word else f"{word}:application"
        i += 1
    return target or "application:application", chdir


def ask_django(project: Path, env: dict[str, str], paths: list[str], host: str,
               docker_platform: bool = False,
               console_options: dict[tuple[str, str], str] | None = None) -> dict:
    if docker_platform:
        # The image's ENV, WORKDIR, files and command, as the e2e harness lays the container
        # out (its files beside the copy, in the scratch folder).
        layout = docker.lay_out(project, {}, env, PortMap(), scratch=project.parent)
        if layout.argv is None:
            raise RuntimeError(f"container: {layout.problem}")
        env = layout.env
        words = layout.argv
        target, chdir = wsgi_target(project, env, words, layout.cwd)
    else:
        words = server_words(project, env, console_options)
        target, chdir = wsgi_target(project, env, words)
    env = {**env, "EBCHECK_DIFFERENTIAL_ARGV": json.dumps(server_argv(words))}
    done = subprocess.run(
        [sys.executable, str(CLIENT), target, host, *paths],
        cwd=chdir, env={**env, "PYTHONPATH": f"{SITE_DIR}{os.pathsep}{chdir}"},
        capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL, check=False)
    if done.returncode != 0:
        raise RuntimeError((done.stderr.strip().splitlines() or ["client failed"])[-1])
    return json.loads(done.stdout)


def judge(case: str, binary: Path, imds: dict[bool, str]) -> dict:
    """One fixture: agreements, mismatches, unknowns, or why it is skipped. ``imds`` holds the
    metadata service's address by whether it answers token-less (IMDSv1) requests."""
    out = {"agreed": 0, "mismatched": [], "unknown": [], "skipped": None}
    project = PROJECTS / case
    manifest = Manifest.load(EXPECTED / case / "case.json")
    if (project / ".platform" / "nginx").exists():
        out["skipped"] = "the repository's nginx configuration shapes the request"
        return out
    if (project / ".platform" / "httpd").exists() or apache._httpd_files(project):
        out["skipped"] = "the repository's httpd configuration shapes the request"
        return out
    if manifest.deploy_copies:
        out["skipped"] = "a deploy script assembles the bundle (e2e boots each one)"
        return out
    if manifest.platform == "docker" and docker.lay_out(project, {}, manifest.env, PortMap()).script is not None:
        out["skipped"] = ("the container runs a start script or supervisord "
                          "(e2e runs it; this test reads a gunicorn command)")
        return out
    try:
        prediction = run_ebcheck(binary, project, manifest.env)
    except PredictionError as error:
        out["mismatched"].append((case, "-", f"ebcheck: {error}", "-"))
        return out
    checks, reason = django_checks(prediction)
    # Where the console leaves WSGIPath unset and the default module is missing, no Django runs.
    checks = [c for c in checks if not never_starts(c, manifest)]
    reason = reason or "the app server cannot load its module (WSGIPath unset)"
    if not checks:
        out["skipped"] = reason or "no check reaches Django"
        return out
    options = read_option_settings(project)
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8",
           "HOME": tempfile.gettempdir(), "PYTHONDONTWRITEBYTECODE": "1",
           **options.namespace(ENV_NAMESPACE), **manifest.env, **manifest.console_env,
           "EBCHECK_E2E_IMDS": imds[manifest.imds_v1], "EBCHECK_E2E_PRIVATE_IP": PRIVATE_IP}
    if manifest.instance is not None:
        # The hypervisor the e2e stack plays (sitecustomize's /sys/hypervisor/uuid).
        env["EBCHECK_E2E_HYPERVISOR"] = manifest.instance
    by_host: dict[str, list[dict]] = {}
    for check in checks:
        by_host.setdefault(host_for(check), []).append(check)
    for host, group in by_host.items():
        # Django runs in a copy, as e2e does: a view's sqlite file or a cache never lands in
        # the fixture.
        with tempfile.TemporaryDirectory(prefix="ebcheck-differential-") as scratch:
            copy = Path(scratch) / case
            shutil.copytree(project, copy, symlinks=True)
            # Django gets the files `eb deploy` uploads, the set ebcheck models.
            prune_to_bundle(project, copy)
            if manifest.bundle_files:
                # What the infrastructure code writes into its bundle, as e2e lays it.
                lay_bundle_files(copy, manifest.bundle_files)
            try:
                answer = ask_django(copy, env, [c["path"] for c in group], host,
                                    docker_platform=manifest.platform == "docker",
                                    console_options=manifest.console_options)
            except Exception as error:  # noqa: BLE001 - reported as a difference
                out["mismatched"].append((case, "-", f"client: {error}", "-"))
                continue
        for check in group:
            real = answer["statuses"].get(check["path"])
            predicted = check.get("status")
            if check.get("outcomes"):
                # The answer for the values the console sets (a required variable's two arms,
                # or a conditional prediction's outcome).
                outcome = outcome_for(check, manifest.console_env, manifest.imds_v1,
                                      console_options=manifest.console_options,
                                      instance=manifest.instance)
                predicted = outcome.get("status") if outcome else None
            if predicted is None:
                out["unknown"].append((case, check["path"], real))
            elif predicted == real:
                out["agreed"] += 1
            else:
                out["mismatched"].append((case, check["path"], real, predicted))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ebcheck", required=True, type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("cases", nargs="*")
    args = parser.parse_args()
    binary = args.ebcheck.resolve()
    cases = args.cases or sorted(p.name for p in EXPECTED.iterdir() if (p / "case.json").is_file()
                                 and (PROJECTS / p.name).is_dir())
    with FakeIMDS() as v2_only, FakeIMDS(allow_v1=True) as v1, \
            ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        imds = {False: v2_only.address, True: v1.address}
        results = list(pool.map(lambda case: judge(case, binary, imds), cases))
    agreed = sum(r["agreed"] for r in results)
    mismatched = [row for r in results for row in r["mismatched"]]
    unknown = [row for r in results for row in r["unknown"]]
    skipped = [(case, r["skipped"]) for case, r in zip(cases, results) if r["skipped"]]
    for case, why in skipped:
        print(f"skip {case}: {why}")
    for case, path, real in unknown:
        print(f"unknown {case} {path}: Django answers {real}, ebcheck leaves it unknown")
    if mismatched:
        print("case / path / Django test client / ebcheck")
        for row in mismatched:
            print("  " + " / ".join(str(x) for x in row))
    print(f"{agreed} agree, {len(mismatched)} differ, {len(unknown)} unknown, {len(skipped)} skipped")
    return 1 if mismatched else 0


if __name__ == "__main__":
    sys.exit(main())
