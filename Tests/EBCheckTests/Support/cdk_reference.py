"""Reference reading of AWS CDK (Python) apps: CPython runs each app against a stub `aws_cdk`
package that records what CfnEnvironment / CfnConfigurationTemplate receive.

Usage: cdk_reference.py APP_FOLDER ...   (each holding app.py)
Prints {folder: [[construct id, kind, namespace, option, value], ...]} in call order; a value
known only when the app synthesizes (a token such as a bucket name) is "<dynamic>".
"""
import json
import os
import subprocess
import sys
import tempfile
import textwrap

STUB_INIT = '''
from . import aws_elasticbeanstalk  # noqa: F401  (a real submodule, imported before __getattr__)


class Anything:
    """Any other construct, attribute or token."""
    def __init__(self, *args, **kwargs):
        pass

    def __getattr__(self, name):
        return Anything()

    def __call__(self, *args, **kwargs):
        return Anything()

    def __str__(self):
        return "${Token[TOKEN.1]}"


class App(Anything):
    def synth(self):
        return None


class Stack(Anything):
    def __init__(self, scope=None, construct_id=None, **kwargs):
        pass


def __getattr__(name):
    return Anything()
'''

STUB_EB = '''
RECORDS = []


def _token():
    from . import Anything
    return Anything()


def _render(value):
    if isinstance(value, str):
        return "<dynamic>" if "${Token[" in value else value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return "<dynamic>"


def _rows(construct_id, kind, option_settings):
    for entry in option_settings or []:
        data = entry if isinstance(entry, dict) else entry.__dict__
        RECORDS.append([construct_id, kind, data.get("namespace"),
                        data.get("option_name", data.get("optionName")),
                        _render(data.get("value", ""))])


class _Property:
    def __init__(self, **kwargs):
        self.__dict__.update(kwargs)


class CfnEnvironment:
    OptionSettingProperty = _Property

    def __init__(self, scope, construct_id, *, option_settings=None, **kwargs):
        _rows(construct_id, "environment", option_settings)
        self.ref = _token()

    def __getattr__(self, name):
        return _token()


class CfnConfigurationTemplate:
    ConfigurationOptionSettingProperty = _Property

    def __init__(self, scope, construct_id, *, option_settings=None, **kwargs):
        _rows(construct_id, "configurationTemplate", option_settings)
        self.ref = _token()

    def __getattr__(self, name):
        return _token()


def __getattr__(name):
    from . import Anything
    return Anything()
'''

STUB_CONSTRUCTS = "class Construct:\n    pass\n"

RUNNER = textwrap.dedent('''
    import json, runpy, sys
    import os
    folder = os.path.abspath(sys.argv[1])
    sys.path.insert(0, folder)
    runpy.run_path(folder + "/app.py", run_name="__main__")
    from aws_cdk import aws_elasticbeanstalk
    print(json.dumps(aws_elasticbeanstalk.RECORDS))
''')


def main():
    with tempfile.TemporaryDirectory() as stubs:
        os.makedirs(os.path.join(stubs, "aws_cdk"))
        os.makedirs(os.path.join(stubs, "constructs"))
        for path, text in (("aws_cdk/__init__.py", STUB_INIT), ("aws_cdk/aws_elasticbeanstalk.py", STUB_EB),
                           ("constructs/__init__.py", STUB_CONSTRUCTS)):
            with open(os.path.join(stubs, path), "w", encoding="utf-8") as handle:
                handle.write(textwrap.dedent(text))
        result = {}
        for folder in sys.argv[1:]:
            environment = dict(os.environ, PYTHONPATH=stubs, PYTHONDONTWRITEBYTECODE="1")
            done = subprocess.run([sys.executable, "-c", RUNNER, folder], capture_output=True,
                                  text=True, env=environment, cwd=os.path.abspath(folder), timeout=60)
            if done.returncode != 0:
                raise SystemExit(f"{folder}: {done.stderr}")
            result[folder] = json.loads(done.stdout.strip().splitlines()[-1])
        print(json.dumps(result, ensure_ascii=False))


main()
