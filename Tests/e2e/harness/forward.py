"""A TCP port forwarder: what Docker's published port is when Beanstalk runs no proxy.

With ``ProxyServer: none`` on the Docker platform, port 80 of the instance is the container's
port published by Docker (docs/facts.md §9): connections go straight to the container's
address. ``python3 forward.py LISTEN_PORT TARGET_HOST TARGET_PORT`` stands in for it.
"""
from __future__ import annotations

import socket
import sys
import threading


def _pipe(source: socket.socket, sink: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            sink.sendall(data)
    except OSError:
        pass
    finally:
        for end in (source, sink):
            try:
                end.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def _serve(client: socket.socket, target: tuple[str, int]) -> None:
    try:
        upstream = socket.create_connection(target, timeout=5)
    except OSError:
        client.close()  # nothing listens there: the connection is refused, as Docker's would be
        return
    threading.Thread(target=_pipe, args=(client, upstream), daemon=True).start()
    _pipe(upstream, client)


def main() -> None:
    listen, host, port = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    server = socket.create_server(("127.0.0.1", listen), reuse_port=False)
    while True:
        client, _ = server.accept()
        threading.Thread(target=_serve, args=(client, (host, port)), daemon=True).start()


if __name__ == "__main__":
    main()
