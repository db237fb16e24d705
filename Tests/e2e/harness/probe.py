"""Sends exactly what the load balancer health checker sends, and nothing more."""
from __future__ import annotations

import socket
from dataclasses import dataclass

from .imds import PRIVATE_IP

USER_AGENT = "ELB-HealthChecker/2.0"


@dataclass(frozen=True)
class Answer:
    status: int | None
    location: str | None = None


def http_get(port: int, path: str, host_header: str, timeout: float = 8.0) -> Answer:
    """One ``GET`` over HTTP/1.1, redirects not followed; status None when nothing answered."""
    request = (
        f"GET {path} HTTP/1.1\r\n"
        f"Host: {host_header}\r\n"
        "Connection: close\r\n"
        f"User-Agent: {USER_AGENT}\r\n"
        "Accept-Encoding: gzip, compressed\r\n"
        "\r\n"
    ).encode("ascii")
    head = b""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
            sock.sendall(request)
            while b"\r\n\r\n" not in head and len(head) < 65536:
                chunk = sock.recv(4096)
                if not chunk:
                    break
                head += chunk
    except OSError:
        if not head:
            return Answer(None)
    lines = head.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    parts = lines[0].split()
    if len(parts) < 2 or not parts[0].startswith("HTTP/") or not parts[1].isdigit():
        return Answer(None)
    location = None
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "location":
            location = value.strip()
    return Answer(int(parts[1]), location)


def checker_host(check_port: int) -> str:
    """ALB sends the target's private IP and the health-check port."""
    return f"{PRIVATE_IP}:{check_port}"


def tcp_accepts(port: int, timeout: float = 3.0) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout):
            return True
    except OSError:
        return False


def matches(status: int | None, matcher: str) -> bool:
    """``MatcherHTTPCode`` semantics: comma list of codes and ``lo-hi`` ranges."""
    if status is None:
        return False
    for part in matcher.split(","):
        low, sep, high = part.strip().partition("-")
        if sep and low.isdigit() and high.isdigit():
            if int(low) <= status <= int(high):
                return True
        elif low.isdigit() and int(low) == status:
            return True
    return False
