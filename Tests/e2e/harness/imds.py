"""A tiny EC2 instance metadata service on loopback.

By default it behaves like an instance launched with ``HttpTokens=required`` (the AL2023
Beanstalk default): a token must be fetched with ``PUT /latest/api/token``
and sent back in ``X-aws-ec2-metadata-token``; a token-less GET gets 401. With
``allow_v1`` it also answers token-less GETs, as Amazon Linux 2 and AMI instances do unless
``DisableIMDSv1`` is set (docs/facts.md §5); a wrong token is still 401.
"""
from __future__ import annotations

import secrets
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PRIVATE_IP = "172.31.38.21"
_TTL_HEADER = "X-aws-ec2-metadata-token-ttl-seconds"
_TOKEN_HEADER = "X-aws-ec2-metadata-token"


class _Handler(BaseHTTPRequestHandler):
    server: "FakeIMDS._Server"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        self.server.log.append(f"{self.command} {self.path} -> {args[1] if len(args) > 1 else '?'}")

    def _reply(self, status: int, body: str = "") -> None:
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_PUT(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        if self.path != "/latest/api/token":
            self._reply(404)
            return
        ttl = self.headers.get(_TTL_HEADER, "")
        if not ttl.isdigit() or not 1 <= int(ttl) <= 21600:
            self._reply(400)
            return
        token = secrets.token_urlsafe(32)
        self.server.tokens.add(token)
        self._reply(200, token)

    def do_GET(self) -> None:
        token = self.headers.get(_TOKEN_HEADER)
        if token is None and self.server.allow_v1:
            pass
        elif token is None or token not in self.server.tokens:
            self._reply(401)
            return
        if self.path.rstrip("/") == "/latest/meta-data/local-ipv4":
            self._reply(200, PRIVATE_IP)
        elif self.path.rstrip("/") == "/latest/meta-data/local-hostname":
            self._reply(200, "ip-" + PRIVATE_IP.replace(".", "-") + ".us-west-2.compute.internal")
        else:
            self._reply(404)


class FakeIMDS:
    """Runs the fake metadata service in a daemon thread; use as a context manager."""

    class _Server(ThreadingHTTPServer):
        daemon_threads = True
        tokens: set[str]
        log: list[str]
        allow_v1: bool

    def __init__(self, allow_v1: bool = False) -> None:
        self._server = self._Server(("127.0.0.1", 0), _Handler)
        self._server.allow_v1 = allow_v1
        self._server.tokens = set()
        self._server.log = []
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-imds", daemon=True)

    @property
    def address(self) -> str:
        host, port = self._server.server_address[:2]
        return f"{host}:{port}"

    @property
    def log(self) -> list[str]:
        return list(self._server.log)

    def __enter__(self) -> "FakeIMDS":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
