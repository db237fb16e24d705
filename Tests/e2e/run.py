#!/usr/bin/env python3
"""End-to-end truth harness for ebcheck.

Boots every fixture under Fixtures/projects/ with real nginx + gunicorn + Django
laid out like Beanstalk's AL2023 Python platform, sends the load balancer's
health-check request, and checks the answer against Fixtures/expected/<case>/case.json.
With --ebcheck, also checks ebcheck's predictions against the same real answers.

    python3 Tests/e2e/run.py [--ebcheck PATH [--fix]] [--jobs 1|2] [--keep] [--json OUT] [CASE ...]
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import FrameType

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness.case import CaseResult, CaseRunner  # noqa: E402
from harness.manifest import Manifest  # noqa: E402
from harness.predictions import mismatch_table  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
PROJECTS = REPO / "Fixtures" / "projects"
EXPECTED = REPO / "Fixtures" / "expected"


def _parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("cases", nargs="*", metavar="CASE", help="fixture names (default: all with a case.json)")
    parser.add_argument("--ebcheck", type=Path, help="ebcheck binary whose predictions to compare")
    parser.add_argument("--jobs", type=int, choices=(1, 2), default=1, help="cases run at once (default 1)")
    parser.add_argument("--fix", action="store_true",
                        help="with --ebcheck: apply `ebcheck fix --unsafe-fixes` first, then require every check healthy")
    parser.add_argument("--keep", action="store_true", help="keep each case's temp dir")
    parser.add_argument("--json", type=Path, help="write every real answer to this file")
    parser.add_argument("--list", action="store_true", help="print each case's checks and description, run nothing")
    return parser.parse_args(argv)


def _all_cases() -> list[str]:
    return sorted(p.parent.name for p in EXPECTED.glob("*/case.json") if (PROJECTS / p.parent.name).is_dir())


def _describe(result: CaseResult) -> str:
    mark = "PASS" if result.passed else "FAIL"
    if result.mismatches:
        mark += f" (ebcheck: {len(result.mismatches)} mismatch{'es' if len(result.mismatches) > 1 else ''})"
    answers = []
    for r in result.results:
        got = "tcp" if r.check.protocol == "TCP" else str(r.status)
        if r.location:
            got += f" Location: {r.location}"
        verdict = "healthy" if r.healthy else "unhealthy"
        if r.agrees:
            wrong = ""
        elif r.after_fix:
            wrong = " (expected healthy after ebcheck fix)"
        else:
            wrong = f" (manifest: {r.check.status}/{'healthy' if r.check.healthy else 'unhealthy'})"
        answers.append(f"{r.check.label()} -> {got} {verdict}{wrong}")
    other = f"; other host {result.other_host[0]} -> {result.other_host[1]}" if result.other_host else ""
    summary = "; ".join(answers) if answers else "no load balancer health check"
    return f"{mark} {result.case} [{result.seconds:.1f}s]: {summary}{other}"


def _as_json(result: CaseResult) -> dict[str, object]:
    return {
        "case": result.case,
        "passed": result.passed,
        "checks": [{"process": r.check.process, "protocol": r.check.protocol, "port": r.check.port,
                    "path": r.check.path, "status": r.status, "healthy": r.healthy,
                    "location": r.location} for r in result.results],
        "otherHost": {"path": result.other_host[0], "status": result.other_host[1]} if result.other_host else None,
        "errors": result.errors,
        "seconds": round(result.seconds, 2),
    }


def _print_cases(cases: list[str]) -> None:
    for case in cases:
        manifest = Manifest.load(EXPECTED / case / "case.json")
        checks = "; ".join(
            f"{c.label()} -> {'tcp' if c.protocol == 'TCP' else c.status} {'healthy' if c.healthy else 'unhealthy'}"
            for c in manifest.checks
        )
        print(f"{case}: {checks}\n    {manifest.description}")


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def main(argv: list[str]) -> int:
    args = _parse_args(argv)
    signal.signal(signal.SIGTERM, _interrupt)
    cases = args.cases or _all_cases()
    unknown = [c for c in cases if not (EXPECTED / c / "case.json").is_file() or not (PROJECTS / c).is_dir()]
    if unknown:
        print(f"unknown case(s): {', '.join(unknown)}", file=sys.stderr)
        return 2
    if args.list:
        _print_cases(cases)
        return 0
    ebcheck = args.ebcheck.resolve() if args.ebcheck else None
    if ebcheck is not None and not ebcheck.is_file():
        print(f"no ebcheck binary at {ebcheck}", file=sys.stderr)
        return 2
    if args.fix and ebcheck is None:
        print("--fix needs --ebcheck", file=sys.stderr)
        return 2
    runner = CaseRunner(PROJECTS, EXPECTED, ebcheck, args.keep, args.fix)
    results: list[CaseResult] = []
    pool = ThreadPoolExecutor(max_workers=args.jobs)
    try:
        for result in pool.map(runner.run, cases):
            results.append(result)
            print(_describe(result), flush=True)
            for line in result.errors + (result.notes if not result.passed or args.keep else []):
                print("    " + line.replace("\n", "\n    "), flush=True)
    except (KeyboardInterrupt, BrokenPipeError) as stop:
        # Cases already running stop their own processes in their finally blocks.
        print("interrupted; stopping the running case(s)", file=sys.stderr, flush=True)
        pool.shutdown(wait=True, cancel_futures=True)
        if isinstance(stop, BrokenPipeError):
            raise
        return 130
    pool.shutdown(wait=True)
    mismatches = [m for r in results for m in r.mismatches]
    if mismatches:
        print(mismatch_table(mismatches))
    if args.json:
        args.json.write_text(json.dumps([_as_json(r) for r in results], indent=2) + "\n")
    passed = sum(r.passed for r in results)
    print(f"{passed} passed, {len(results) - passed} failed")
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except BrokenPipeError:
        # Output went to a closed pipe (e.g. `| head`); stay quiet like other CLI tools.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
