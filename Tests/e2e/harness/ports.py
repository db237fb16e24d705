"""Maps the ports a repo talks about (80, 8000, PORT...) to free loopback ports."""
from __future__ import annotations

import socket
import time
from typing import Callable


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PortMap:
    """Each logical port gets one real port, so mismatches stay mismatches."""

    def __init__(self) -> None:
        self._real: dict[int, int] = {}

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
