"""Makes a loopback test box look like an EC2 instance to the app under test.

Loaded automatically by Python because the harness puts this folder first on
the app's PYTHONPATH. It only touches name resolution:

* connections to the instance metadata service (169.254.169.254 and the
  ``instance-data`` names, port 80) go to the harness's fake IMDS server,
  whose address is in ``EBCHECK_E2E_IMDS`` as ``host:port``;
* ``socket.gethostname()`` answers the EC2 IP-based hostname and resolving it
  gives the instance private IP, as VPC DNS does on a real instance.

Everything else resolves exactly as before.
"""
from __future__ import annotations

import os
import socket
from typing import Any

_IMDS_NAMES = frozenset({"169.254.169.254", "instance-data", "instance-data.ec2.internal"})
_PRIVATE_IP = os.environ.get("EBCHECK_E2E_PRIVATE_IP", "172.31.38.21")
_HOSTNAME = "ip-" + _PRIVATE_IP.replace(".", "-")
_OWN_NAMES = frozenset({_HOSTNAME, _HOSTNAME + ".ec2.internal", _HOSTNAME + ".us-west-2.compute.internal"})


def _fake_imds() -> tuple[str, int] | None:
    raw = os.environ.get("EBCHECK_E2E_IMDS", "")
    host, _, port = raw.rpartition(":")
    if not host or not port.isdigit():
        return None
    return host, int(port)


_IMDS = _fake_imds()
_real_getaddrinfo = socket.getaddrinfo
_real_create_connection = socket.create_connection
_real_gethostbyname = socket.gethostbyname
_real_gethostbyname_ex = socket.gethostbyname_ex


def _is_imds(host: Any, port: Any) -> bool:
    return _IMDS is not None and host in _IMDS_NAMES and str(port) in ("80", "http", "None")


def _getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> list[Any]:
    if _IMDS is not None and _is_imds(host, port):
        return _real_getaddrinfo(_IMDS[0], _IMDS[1], *args, **kwargs)
    if host in _OWN_NAMES:
        return _real_getaddrinfo(_PRIVATE_IP, port, *args, **kwargs)
    return _real_getaddrinfo(host, port, *args, **kwargs)


def _create_connection(address: tuple[Any, Any], *args: Any, **kwargs: Any) -> socket.socket:
    host, port = address[0], address[1]
    if _IMDS is not None and _is_imds(host, port):
        address = _IMDS
    return _real_create_connection(address, *args, **kwargs)


def _gethostname() -> str:
    return _HOSTNAME


def _gethostbyname(name: str) -> str:
    if name in _OWN_NAMES:
        return _PRIVATE_IP
    return _real_gethostbyname(name)


def _gethostbyname_ex(name: str) -> tuple[str, list[str], list[str]]:
    if name in _OWN_NAMES:
        return _HOSTNAME + ".us-west-2.compute.internal", [_HOSTNAME], [_PRIVATE_IP]
    return _real_gethostbyname_ex(name)


socket.getaddrinfo = _getaddrinfo
socket.create_connection = _create_connection
socket.gethostname = _gethostname
socket.gethostbyname = _gethostbyname
socket.gethostbyname_ex = _gethostbyname_ex
