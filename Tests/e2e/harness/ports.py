"""Maps the ports a repo talks about (80, 8000, PORT...) to free loopback ports."""
from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path
from typing import Callable


# Ports handed out in this run. A port is free only until someone binds it: with two cases
# running at once (``--jobs 2``), the kernel can hand the port one case released a moment ago,
# before its server bound it, to the other case too — and then one case's checks reach the
# other case's server. A port is therefore never handed out twice in one run.
_HANDED_OUT: set[int] = set()
_HANDED_OUT_LOCK = threading.Lock()


def free_port() -> int:
    with _HANDED_OUT_LOCK:
        while True:
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
                sock.bind(("127.0.0.1", 0))
                port = int(sock.getsockname()[1])
            if port not in _HANDED_OUT:
                _HANDED_OUT.add(port)
                return port


class PortMap:
    """Each logical port gets one real port, so mismatches stay mismatches."""

    def __init__(self, socket_dir: Path | None = None) -> None:
        self._real: dict[int, int] = {}
        # Unix socket paths the repo names (`/run/gunicorn.sock`) → files in the case's folder,
        # so the app server and nginx meet where the repository says and nowhere else.
        self._socket_dir = socket_dir
        self._sockets: dict[str, str] = {}

    def __getitem__(self, logical: int) -> int:
        if logical not in self._real:
            taken = set(self._real.values())
            port = free_port()
            while port in taken:
                port = free_port()
            self._real[logical] = port
        return self._real[logical]

    def items(self) -> list[tuple[int, int]]:
        return sorted(self._real.items())

    def socket(self, logical: str) -> str:
        """The real path standing for the socket path ``logical`` (one per distinct path)."""
        if logical not in self._sockets:
            folder = self._socket_dir or Path("/tmp")
            folder.mkdir(mode=0o755, parents=True, exist_ok=True)
            self._sockets[logical] = str(folder / f"s{len(self._sockets)}-{os.getpid()}.sock")
        return self._sockets[logical]


def wait_for_socket(path: str, deadline: float, alive: Callable[[], bool]) -> bool:
    """True once the unix socket at ``path`` accepts a connection."""
    while time.monotonic() < deadline:
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
                sock.settimeout(0.5)
                sock.connect(path)
                return True
        except OSError:
            if not alive():
                return False
            time.sleep(0.05)
    return False


def wait_for_port(port: int, deadline: float, alive: Callable[[], bool], host: str = "127.0.0.1") -> bool:
    """True once host:port accepts a connection; False if ``alive`` turns false or time runs out."""
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return True
        except OSError:
            if not alive():
                return False
            time.sleep(0.05)
    return False
