"""Runs ``ebcheck check --output-format json`` and lines its predictions up with the real answers."""
from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .manifest import Check


@dataclass
class Mismatch:
    case: str
    check: str
    field: str
    real: object
    predicted: object


class PredictionError(Exception):
    pass


def env_flags(env: dict[str, str]) -> list[str]:
    """The manifest's environment values as ``--env KEY=VALUE`` flags (what a user supplies)."""
    return [flag for key, value in sorted(env.items()) for flag in ("--env", f"{key}={value}")]


def run_ebcheck(
    binary: Path, project: Path, env: dict[str, str], timeout: float = 30.0
) -> list[dict[str, Any]]:
    try:
        done = subprocess.run(
            [str(binary), "check", "--output-format", "json", *env_flags(env), "."],
            cwd=project,
            capture_output=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise PredictionError(f"could not run ebcheck: {error}") from error
    if done.returncode not in (0, 1):
        message = done.stderr.decode(errors="replace").strip().splitlines()
        raise PredictionError(f"ebcheck exited {done.returncode}: {message[-1] if message else ''}")
    try:
        document = json.loads(done.stdout)
    except json.JSONDecodeError as error:
        raise PredictionError(f"ebcheck printed no JSON: {error}") from error
    checks = document.get("healthChecks") if isinstance(document, dict) else None
    if not isinstance(checks, list):
        raise PredictionError("ebcheck JSON has no healthChecks array")
    return [c for c in checks if isinstance(c, dict)]


def _run(binary: Path, args: list[str], cwd: Path | None = None, timeout: float = 60.0) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(
            [str(binary), *args], capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL, cwd=cwd
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise PredictionError(f"could not run {' '.join(args[:2])}: {error}") from error


def apply_fixes(binary: Path, project: Path, env: dict[str, str], timeout: float = 60.0) -> None:
    """``ebcheck fix --diff`` (run in the project, so its paths are the project's) must be a
    patch ``git apply --check`` accepts, exiting 1 when it is not empty; then ``ebcheck fix
    --unsafe-fixes`` applies it, and a second ``fix --diff`` must be empty and exit 0."""
    flags = ["--unsafe-fixes", *env_flags(env)]
    diff = _run(binary, ["fix", ".", "--diff", *flags], cwd=project, timeout=timeout)
    if diff.returncode not in (0, 1) or (diff.returncode == 1) != bool(diff.stdout.strip()):
        raise PredictionError(
            f"ebcheck fix --diff exited {diff.returncode} with {len(diff.stdout)} bytes of patch")
    if diff.stdout.strip():
        check = subprocess.run(
            ["git", "apply", "--check", "-"], input=diff.stdout, cwd=project, capture_output=True
        )
        if check.returncode != 0:
            raise PredictionError("git apply --check rejected the fix --diff output: "
                                  + check.stderr.decode(errors="replace").strip()[:300])
    done = _run(binary, ["fix", ".", *flags], cwd=project, timeout=timeout)
    if done.returncode not in (0, 1):
        message = done.stderr.decode(errors="replace").strip().splitlines()
        raise PredictionError(f"ebcheck fix exited {done.returncode}: {message[-1] if message else ''}")
    again = _run(binary, ["fix", ".", "--diff", *flags], cwd=project, timeout=timeout)
    if again.stdout.strip() or again.returncode != 0:
        raise PredictionError(f"a second ebcheck fix still changes files (exit {again.returncode}):\n"
                              + again.stdout.decode(errors="replace")[:300])


def _same_target(check: Check, entry: dict[str, Any]) -> bool:
    if str(entry.get("protocol", "")).upper() != check.protocol:
        return False
    if entry.get("port") is not None and entry.get("port") != check.port:
        return False
    return check.protocol == "TCP" or entry.get("path") == check.path


def _pick(check: Check, index: int, entries: list[dict[str, Any]], used: set[int]) -> dict[str, Any] | None:
    for i, entry in enumerate(entries):
        if i not in used and entry.get("environment") == check.process and _same_target(check, entry):
            used.add(i)
            return entry
    for i, entry in enumerate(entries):
        if i not in used and _same_target(check, entry):
            used.add(i)
            return entry
    if index < len(entries) and index not in used:
        used.add(index)
        return entries[index]
    return None


def _console_option_met(premise: dict[str, Any], console_options: dict[tuple[str, str], str]) -> bool:
    """A console option's premise holds when the manifest's ``consoleOptions`` gives the
    option that value (or leaves it unset, for the premise whose value is null)."""
    namespace, _, option = str(premise.get("option") or "").rpartition(":")
    return console_options.get((namespace, option)) == premise.get("value")


def outcome_for(entry: dict[str, Any], console_env: dict[str, str], imds_v1: bool = False, *,
                bundle: str | None = None,
                console_options: dict[tuple[str, str], str] | None = None,
                instance: str | None = None, container_command: bool = False) -> dict[str, Any] | None:
    """A conditional prediction's answer for the values the console sets: the outcome whose
    condition (its variable unset, one of its values, or "(other)" for an untested value)
    holds. An outcome resting on the platform generation holds when the stack's metadata
    service matches it (the newest generation is the IMDSv2-only one); one resting on a
    console option when the manifest's ``consoleOptions`` sets it so."""
    outcomes = entry.get("outcomes") or []
    if bundle is not None:
        # Only the answers for the bundle the deploy script assembled.
        outcomes = [o for o in outcomes if bundle in ((o.get("premise") or {}).get("bundle") or "")]
    # Only the answers for the instance family the stack plays (the box has no
    # /sys/hypervisor when the manifest names none: the Nitro case).
    if any((o.get("premise") or {}).get("family") for o in outcomes):
        family = instance or "nitro"
        outcomes = [o for o in outcomes if (o.get("premise") or {}).get("family") == family]
    for outcome in outcomes:
        premise = outcome.get("premise")
        if premise is not None and premise.get("kind") == "deployedBundle" and not outcome.get("variable"):
            return outcome
        if premise is not None and premise.get("kind") == "instanceFamily":
            if not outcome.get("variable"):
                return outcome
            premise = None
        if premise is not None and premise.get("kind") == "consoleOption":
            if not _console_option_met(premise, console_options or {}):
                continue
            if not outcome.get("variable"):
                return outcome
            premise = None
        if premise is not None and premise.get("kind") == "containerCommand":
            # The harness ran the container's command it read from the image (harness/docker.py).
            if premise.get("holds") == container_command and not outcome.get("variable"):
                return outcome
            continue
        if premise is not None:
            if premise.get("kind") == "platformGeneration" and premise.get("holds") == (not imds_v1) \
                    and not outcome.get("variable"):
                return outcome
            continue
        variable = outcome.get("variable")
        value = console_env.get(variable)
        values = outcome.get("values") or []
        tested = outcome.get("tested") or []
        if (value is None and "(unset)" in values) or (value is not None and value in values) \
                or (value is not None and value not in tested and "(other)" in values):
            return outcome
    return None


def compare(case: str, checks: list[Check], real: list[tuple[int | None, bool]], entries: list[dict[str, Any]],
            console_env: dict[str, str] | None = None, imds_v1: bool = False,
            bundle: str | None = None,
            console_options: dict[tuple[str, str], str] | None = None,
            instance: str | None = None, container_command: bool = False) -> list[Mismatch]:
    """``real[i]`` is the (status, healthy) the stack gave for ``checks[i]``. A prediction
    that depends on an open environment variable is compared through the outcome whose
    condition the manifest's ``consoleEnv`` meets."""
    mismatches: list[Mismatch] = []
    used: set[int] = set()
    for index, (check, (status, healthy)) in enumerate(zip(checks, real)):
        entry = _pick(check, index, entries, used)
        if entry is None:
            mismatches.append(Mismatch(case, check.label(), "healthCheck", "present", "missing"))
            continue
        if entry.get("outcomes"):
            outcome = outcome_for(entry, console_env or {}, imds_v1, bundle=bundle,
                                  console_options=console_options, instance=instance,
                                  container_command=container_command)
            if outcome is None:
                mismatches.append(Mismatch(case, check.label(), "outcome", "a condition met", "none"))
                continue
            entry = outcome
        if check.protocol != "TCP" and entry.get("status") != status:
            mismatches.append(Mismatch(case, check.label(), "status", status, entry.get("status")))
        if entry.get("healthy") != healthy:
            mismatches.append(Mismatch(case, check.label(), "healthy", healthy, entry.get("healthy")))
    return mismatches


def mismatch_table(rows: list[Mismatch]) -> str:
    header = ("case", "check", "field", "real", "ebcheck")
    cells = [header] + [(r.case, r.check, r.field, json.dumps(r.real), json.dumps(r.predicted)) for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)
