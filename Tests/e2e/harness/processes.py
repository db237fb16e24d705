"""Child processes in their own sessions, always torn down as whole groups."""
from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Iterator


_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """Linux: the child gets SIGKILL if the harness itself is killed (best effort)."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass


class Managed:
    """One started command; its stdout/stderr go to a log file."""

    def __init__(self, name: str, argv: list[str], cwd: Path, env: dict[str, str], log: Path) -> None:
        self.name = name
        self.argv = argv
        self.log = log
        self._log_handle = log.open("wb")
        self.proc = subprocess.Popen(
            argv,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=self._log_handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_die_with_parent,
        )

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self, grace: float = 3.0) -> None:
        if self.proc.poll() is None:
            self._signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                pass
        # The group may still hold workers even after the leader exited.
        self._signal(signal.SIGKILL)
        try:
            self.proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            pass
        self._log_handle.close()

    def _signal(self, sig: int) -> None:
        try:
            os.killpg(self.proc.pid, sig)
        except (ProcessLookupError, PermissionError):
            pass

    def tail(self, lines: int = 15) -> str:
        try:
            text = self.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])


class ProcessSet:
    """Everything one case started; ``stop_all`` is safe to call more than once."""

    def __init__(self) -> None:
        self._procs: list[Managed] = []

    def start(self, name: str, argv: list[str], cwd: Path, env: dict[str, str], log: Path) -> Managed:
        managed = Managed(name, argv, cwd, env, log)
        self._procs.append(managed)
        return managed

    def __iter__(self) -> Iterator[Managed]:
        return iter(self._procs)

    def stop_all(self) -> None:
        for managed in reversed(self._procs):
            managed.stop()
        self._procs.clear()

