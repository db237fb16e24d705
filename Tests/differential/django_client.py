"""Asks real Django, through its test client, what it answers the health checker's request.

Run by run.py in a fresh process per fixture, with the fixture as the working directory and
the app server's environment. Loads the WSGI application the way gunicorn does (which sets
DJANGO_SETTINGS_MODULE and loads MIDDLEWARE), then sends GET <path> with the Host and headers
the app receives behind the platform's nginx. Prints one JSON object: {"path": status, ...};
a WSGI application that cannot load answers 502 (what nginx answers when no worker starts).
"""
from __future__ import annotations

import importlib
import json
import os
import sys


def main() -> int:
    args = sys.argv[1:]
    target, host, paths = args[0], args[1], args[2:]
    module_name, _, attribute = target.partition(":")
    # The settings see the app server's command line, not this script's.
    if os.environ.get("EBCHECK_DIFFERENTIAL_ARGV"):
        sys.argv = json.loads(os.environ["EBCHECK_DIFFERENTIAL_ARGV"])
    try:
        module = importlib.import_module(module_name)
        getattr(module, attribute or "application")
        from django.test import Client

        client = Client(raise_request_exception=False)
        # Building the handler loads MIDDLEWARE: an entry that cannot be imported fails here.
        client.handler.load_middleware()
    except Exception as error:  # noqa: BLE001 - any failure to start is the 502 nginx gives
        print(json.dumps({"loadError": f"{type(error).__name__}: {error}",
                          "statuses": {p: 502 for p in paths}}))
        return 0
    statuses = {}
    for path in paths:
        try:
            response = client.get(
                path,
                HTTP_HOST=host,
                HTTP_USER_AGENT="ELB-HealthChecker/2.0",
                HTTP_X_REAL_IP="10.0.0.2",
                HTTP_X_FORWARDED_FOR="10.0.0.2",
                HTTP_CONNECTION="close",
                REMOTE_ADDR="127.0.0.1",
            )
        except Exception:  # noqa: BLE001 - out of the WSGI handler: gunicorn answers 500
            statuses[path] = 500
            continue
        statuses[path] = response.status_code
    print(json.dumps({"statuses": statuses}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
