"""Makes a loopback test box look like an EC2 instance to the app under test.

Loaded automatically by Python because the harness puts this folder first on
the app's PYTHONPATH. It only touches name resolution:

* connections to the instance metadata service (169.254.169.254 and the
  ``instance-data`` names, port 80) go to the harness's fake IMDS server,
  whose address is in ``EBCHECK_E2E_IMDS`` as ``host:port``;
* ``socket.gethostname()`` answers the EC2 IP-based hostname and resolving it
  gives the instance private IP, as VPC DNS does on a real instance;
* with ``EBCHECK_E2E_HYPERVISOR`` = ``xen``, ``/sys/hypervisor/uuid`` exists (for
  ``os.path`` tests and ``open``) and starts with ``ec2``; with ``nitro`` it does not.

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


# The instance's hypervisor (``EBCHECK_E2E_HYPERVISOR``): on "xen" the Xen driver's
# ``/sys/hypervisor/uuid`` exists and starts with ``ec2``; on "nitro" it does not, whatever
# the test box has. Only that folder is touched.
_HYPERVISOR = os.environ.get("EBCHECK_E2E_HYPERVISOR")
_UUID_PATH = "/sys/hypervisor/uuid"
_UUID_TEXT = "ec2e1916-9099-7caf-fd21-01234abcdef0\n"


def _hypervisor_entry(path: Any) -> str | None:
    """"file", "folder" or "missing" for a /sys/hypervisor path under the played hypervisor."""
    if _HYPERVISOR not in ("xen", "nitro"):
        return None
    try:
        text = os.path.normpath(os.fspath(path))
    except TypeError:
        return None
    if not isinstance(text, str) or not (text == "/sys/hypervisor" or text.startswith("/sys/hypervisor/")):
        return None
    if _HYPERVISOR == "nitro":
        return "missing"
    return {"/sys/hypervisor": "folder", _UUID_PATH: "file"}.get(text, "missing")


def _patched_test(real: Any, kinds: tuple[str, ...]) -> Any:
    def test(path: Any) -> bool:
        entry = _hypervisor_entry(path)
        return real(path) if entry is None else entry in kinds
    return test


if _HYPERVISOR in ("xen", "nitro"):
    import builtins
    import io

    os.path.exists = _patched_test(os.path.exists, ("file", "folder"))
    os.path.isfile = _patched_test(os.path.isfile, ("file",))
    os.path.isdir = _patched_test(os.path.isdir, ("folder",))
    _real_open = builtins.open

    def _open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        entry = _hypervisor_entry(file) if not isinstance(file, int) else None
        if entry == "file":
            return io.BytesIO(_UUID_TEXT.encode()) if "b" in mode else io.StringIO(_UUID_TEXT)
        if entry is not None:
            raise FileNotFoundError(2, "No such file or directory", os.fspath(file))
        return _real_open(file, mode, *args, **kwargs)

    builtins.open = _open
