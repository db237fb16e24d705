#!/usr/bin/env python3
"""`ebcheck probe` against real gunicorn + Django behind real nginx, on loopback only.

For each case the harness boots the fixture exactly as `run.py` does; while it runs,
`ebcheck probe` sends its one request through nginx (the instance port the load balancer
calls) and straight to gunicorn, and must agree with what the harness's own checker request
got: exit 0 for healthy, 1 for unhealthy, and print "predicted S, got S". A port nothing
listens on must give exit 2 with a clear message.

Usage: probe_test.py --ebcheck PATH [CASE ...]
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness.case import CaseResult, CaseRunner  # noqa: E402
from harness.imds import PRIVATE_IP  # noqa: E402
from harness.manifest import Manifest  # noqa: E402
from harness.ports import PortMap, free_port  # noqa: E402

REPO = Path(__file__).resolve().parent.parent.parent
PROJECTS = REPO / "Fixtures" / "projects"
EXPECTED = REPO / "Fixtures" / "expected"
# A healthy and an unhealthy fixture per way of keeping settings, plus a redirect.
DEFAULT_CASES = ["terraform-tfvars", "terraform-dynamic-settings", "cdk-python", "health-middleware-first", "seed"]


def probe(ebcheck: Path, url: str, repo: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(ebcheck), "probe", url, str(repo), *extra],
        capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)


class ProbeRunner(CaseRunner):
    def __init__(self, ebcheck: Path) -> None:
        super().__init__(PROJECTS, EXPECTED, ebcheck, keep=False, fix=False)
        self.probe_binary = ebcheck

    def after_probe(self, manifest: Manifest, app_dir: Path, ports: PortMap, env: dict[str, str],
                    result: CaseResult) -> None:
        http = [r for r in result.results if r.check.protocol != "TCP"]
        if not http:
            return
        expected = http[0]
        nginx_port = ports[expected.check.port]
        gunicorn_port = ports[int(env.get("PORT", "8000"))]
        for name, port, host in (("nginx", nginx_port, f"{PRIVATE_IP}:{expected.check.port}"),
                                 ("gunicorn", gunicorn_port, f"{PRIVATE_IP}:{expected.check.port}")):
            done = probe(self.probe_binary, f"http://127.0.0.1:{port}", app_dir, "--host", host)
            want = 0 if expected.healthy else 1
            if name == "gunicorn" and expected.status in (502, 504):
                continue  # nginx's answer; gunicorn itself is not reachable
            if name == "nginx" and done.returncode != want:
                result.errors.append(f"probe via {name}: exit {done.returncode}, expected {want}\n{done.stdout}{done.stderr}")
                continue
            status = re.search(r"^status: (\d+)", done.stdout, re.MULTILINE)
            if name == "nginx" and (status is None or int(status.group(1)) != expected.status):
                result.errors.append(f"probe via {name}: {done.stdout!r}, harness got {expected.status}")
            if name == "nginx" and f"predicted {expected.status}, got {expected.status}" not in done.stdout:
                result.errors.append(f"probe via {name} does not show the agreeing prediction:\n{done.stdout}")
            if name == "nginx" and expected.location and f"location: {expected.location}" not in done.stdout:
                result.errors.append(f"probe via {name} does not show Location {expected.location}")
            result.notes.append(f"{name}: exit {done.returncode}: " + done.stdout.strip().splitlines()[-1])


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ebcheck", type=Path, required=True)
    parser.add_argument("cases", nargs="*")
    args = parser.parse_args(argv)
    ebcheck = args.ebcheck.resolve()
    runner = ProbeRunner(ebcheck)
    failed = 0
    for case in args.cases or DEFAULT_CASES:
        result = runner.run(case)
        ok = result.passed
        failed += 0 if ok else 1
        print(f"{'PASS' if ok else 'FAIL'} probe {case} [{result.seconds:.1f}s]")
        for line in result.errors + result.notes:
            print("    " + line.replace("\n", "\n    "))
    # Nothing listens: exit 2 and a message that says so.
    port = free_port()
    done = probe(ebcheck, f"http://127.0.0.1:{port}", PROJECTS / "seed")
    unreachable = done.returncode == 2 and "unreachable" in done.stdout + done.stderr
    failed += 0 if unreachable else 1
    print(f"{'PASS' if unreachable else 'FAIL'} probe of a closed port -> exit {done.returncode}: "
          + (done.stdout + done.stderr).strip().splitlines()[-1])
    total = len(args.cases or DEFAULT_CASES) + 1
    print(f"{total - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
