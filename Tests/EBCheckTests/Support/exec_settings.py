"""Import a settings module the way Django would and print its UPPERCASE values as tagged JSON.

usage: exec_settings.py ROOT MODULE ENV_JSON

The network and hostname lookups are stubbed so that the run is hermetic; the environment is
exactly ENV_JSON. Values are tagged ({"t": "str", "v": ...}) so that tuples, lists, ints,
floats and bools stay distinguishable after JSON decoding.
"""
import importlib
import json
import os
import socket
import sys
import types
import urllib.request

FAKE_IP = "10.9.8.7"
OPTIONAL_PACKAGES = {"environ", "decouple", "django", "urllib3"}


class FakeResponse:
    status_code = 200
    status = 200
    text = FAKE_IP
    content = FAKE_IP.encode()
    data = FAKE_IP.encode()

    def read(self):
        return FAKE_IP.encode()

    def raise_for_status(self):
        return None

    def json(self):
        return {}

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def fake_call(*args, **kwargs):
    return FakeResponse()


requests = types.ModuleType("requests")
requests.get = requests.put = requests.post = requests.head = requests.request = fake_call
requests.exceptions = types.SimpleNamespace(RequestException=IOError, Timeout=IOError, ConnectionError=IOError)
requests.RequestException = IOError


class FakeSession:
    get = put = post = head = request = staticmethod(fake_call)


requests.Session = requests.session = FakeSession
sys.modules["requests"] = requests

urllib.request.urlopen = fake_call
socket.gethostname = lambda: "ip-10-9-8-7"
socket.gethostbyname = lambda name: FAKE_IP
socket.gethostbyname_ex = lambda name: (name, [], [FAKE_IP])


def tag(value):
    if value is None:
        return {"t": "none"}
    if isinstance(value, bool):
        return {"t": "bool", "v": value}
    if isinstance(value, int):
        return {"t": "int", "v": str(value)}
    if isinstance(value, float):
        return {"t": "float", "v": repr(value)}
    if isinstance(value, str):
        return {"t": "str", "v": value}
    if isinstance(value, list):
        return {"t": "list", "v": [tag(item) for item in value]}
    if isinstance(value, tuple):
        return {"t": "tuple", "v": [tag(item) for item in value]}
    if isinstance(value, dict):
        return {"t": "dict", "v": [[tag(k), tag(v)] for k, v in value.items()]}
    return {"t": "other", "v": repr(value)}


def main():
    root, module, env = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    os.environ.clear()
    os.environ.update(env)
    sys.path.insert(0, root)
    sys.dont_write_bytecode = True
    try:
        settings = importlib.import_module(module)
    except ModuleNotFoundError as error:
        if error.name and error.name.split(".")[0] in OPTIONAL_PACKAGES:
            # The helper library is not installed here: nothing to compare against.
            print(json.dumps({"skip": repr(error)}))
            return
        print(json.dumps({"error": repr(error)}))
        return
    except BaseException as error:  # noqa: BLE001 - report whatever the import raised
        print(json.dumps({"error": repr(error)}))
        return
    values = {name: tag(getattr(settings, name)) for name in dir(settings) if name.isupper()}
    print(json.dumps({"values": values}))


main()
