#!/usr/bin/env python3
"""Checks ebcheck's generated text with the real tools users run it through.

cfn-lint for CloudFormation, python-hcl2 for Terraform, botocore's ModifyTargetGroup input
model for the AWS CLI arguments, PyYAML for .ebextensions, and real Django for the middleware.
Usage: run.py PATH_TO_EBCHECK
"""
from __future__ import annotations

import importlib
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Callable

import botocore.session
import botocore.validate
import hcl2
import yaml

EBCHECK = ""


def generate(*args: str) -> str:
    """Runs `ebcheck generate` in an empty folder, so only Beanstalk's defaults and the flags count."""
    with tempfile.TemporaryDirectory() as folder:
        return subprocess.run(
            [EBCHECK, "generate", *args], check=True, capture_output=True, text=True, cwd=folder
        ).stdout


def check_cloudformation(load_balancer: str) -> None:
    text = generate("target-group", "--format", "cloudformation", "--load-balancer", load_balancer)
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as handle:
        handle.write(text)
    result = subprocess.run(["cfn-lint", handle.name], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def check_terraform(load_balancer: str) -> None:
    text = generate("target-group", "--format", "terraform", "--load-balancer", load_balancer)
    parsed = unquote(hcl2.loads(text))
    group = parsed["resource"][0]["aws_lb_target_group"]["health_check"]
    block = group["health_check"][0]
    expected = {"path": "/health/", "protocol": "HTTP", "port": "traffic-port", "matcher": "200"}
    for key in ("interval", "timeout", "healthy_threshold", "unhealthy_threshold"):
        assert isinstance(block.get(key), int), f"health_check.{key} is not a number: {block}"
    for key, value in expected.items():
        assert block.get(key) == value, f"health_check.{key} = {block.get(key)!r}, expected {value!r}"


def unquote(value):
    """python-hcl2 5.x keeps the quotes of strings and block labels; older versions drop them."""
    if isinstance(value, dict):
        return {unquote(key): unquote(item) for key, item in value.items()}
    if isinstance(value, list):
        return [unquote(item) for item in value]
    if isinstance(value, str) and len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1]
    return value


def cli_parameters(script: str) -> dict:
    command = " ".join(line.rstrip("\\").strip() for line in script.splitlines() if not line.startswith("#"))
    words = shlex.split(command.replace('"$TARGET_GROUP_ARN"', "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/x/0123456789abcdef"))
    assert words[:3] == ["aws", "elbv2", "modify-target-group"], words[:3]
    params: dict = {}
    index = 3
    while index < len(words):
        flag = words[index][2:]
        name = "".join(part.capitalize() for part in flag.split("-"))
        if flag == "health-check-enabled":
            params["HealthCheckEnabled"] = True
            index += 1
            continue
        value = words[index + 1]
        index += 2
        if flag == "matcher":
            key, _, code = value.partition("=")
            params["Matcher"] = {key: code}
        elif flag.endswith("seconds") or flag.endswith("count"):
            params[name] = int(value)
        else:
            params[name] = value
    return params


def check_cli(load_balancer: str) -> None:
    params = cli_parameters(generate("target-group", "--format", "cli", "--load-balancer", load_balancer))
    model = botocore.session.get_session().get_service_model("elbv2")
    shape = model.operation_model("ModifyTargetGroup").input_shape
    botocore.validate.validate_parameters(params, shape)
    interval, timeout = params["HealthCheckIntervalSeconds"], params["HealthCheckTimeoutSeconds"]
    assert 5 <= interval <= 300 and 2 <= timeout <= 120 and timeout < interval, params


def check_ebextensions(load_balancer: str) -> None:
    document = yaml.safe_load(generate("ebextensions", "--load-balancer", load_balancer))
    options = document["option_settings"]
    assert isinstance(options, dict) and options, document


def ebextensions_rows(load_balancer: str) -> list[list[str]]:
    """The options `generate ebextensions` writes, as [namespace, option, value] rows."""
    document = yaml.safe_load(generate("ebextensions", "--load-balancer", load_balancer))
    return [
        [namespace, option, str(value)]
        for namespace, options in document["option_settings"].items()
        for option, value in options.items()
    ]


def setting_outputs(load_balancer: str, terraform: bool) -> list[str]:
    """The same options from `generate ebextensions --for` and `generate target-group --format`."""
    which = "terraform" if terraform else "cloudformation"
    fmt = "terraform-setting" if terraform else "cloudformation-option-settings"
    return [
        generate("ebextensions", "--for", which, "--load-balancer", load_balancer),
        generate("target-group", "--format", fmt, "--load-balancer", load_balancer),
    ]


def check_terraform_settings(load_balancer: str) -> None:
    for text in setting_outputs(load_balancer, terraform=True):
        wrapped = (
            'resource "aws_elastic_beanstalk_environment" "web" {\n'
            '  name                = "mysite"\n  application         = "mysite"\n'
            '  solution_stack_name = "64bit Amazon Linux 2023 v4.3.0 running Python 3.12"\n'
            + text + "}\n"
        )
        parsed = unquote(hcl2.loads(wrapped))
        web = parsed["resource"][0]["aws_elastic_beanstalk_environment"]["web"]
        rows = [[s["namespace"], s["name"], s["value"]] for s in web["setting"]]
        assert rows == ebextensions_rows(load_balancer), rows


def check_cloudformation_settings(load_balancer: str) -> None:
    for text in setting_outputs(load_balancer, terraform=False):
        body = "\n".join("      " + line if line else line for line in text.splitlines())
        template = (
            'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n'
            "  Application:\n    Type: AWS::ElasticBeanstalk::Application\n"
            "  Environment:\n    Type: AWS::ElasticBeanstalk::Environment\n    Properties:\n"
            "      ApplicationName: !Ref Application\n"
            "      SolutionStackName: 64bit Amazon Linux 2023 v4.3.0 running Python 3.12\n"
            + body + "\n"
        )
        with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as handle:
            handle.write(template)
        result = subprocess.run(["cfn-lint", handle.name], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
        entries = yaml.safe_load(text)["OptionSettings"]
        rows = [[e["Namespace"], e["OptionName"], e["Value"]] for e in entries]
        assert rows == ebextensions_rows(load_balancer), rows


def check_middleware(_: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "health_check.py").write_text(generate("middleware", "--path", "/health/"))
        Path(folder, "probe_settings.py").write_text(
            "SECRET_KEY = 'x'\nDEBUG = False\nALLOWED_HOSTS = ['www.example.com']\n"
            "ROOT_URLCONF = 'probe_settings'\nurlpatterns = []\n"
            "MIDDLEWARE = ['health_check.HealthCheckMiddleware',"
            " 'django.middleware.security.SecurityMiddleware',"
            " 'django.middleware.common.CommonMiddleware']\n"
        )
        code = (
            "import django, os\n"
            "os.environ['DJANGO_SETTINGS_MODULE'] = 'probe_settings'\n"
            "django.setup()\n"
            "from django.test import Client\n"
            "client = Client(raise_request_exception=False)\n"
            "print(client.get('/health/', HTTP_HOST='172.31.38.21').status_code,"
            " client.head('/health/', HTTP_HOST='172.31.38.21').status_code,"
            " client.post('/health/', HTTP_HOST='172.31.38.21').status_code,"
            " client.get('/other/', HTTP_HOST='evil.example.com').status_code)\n"
        )
        result = subprocess.run([sys.executable, "-c", code], cwd=folder, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        assert result.stdout.split() == ["200", "200", "400", "400"], result.stdout


CHECKS: list[tuple[str, Callable[[str], None], list[str]]] = [
    ("cloudformation passes cfn-lint", check_cloudformation, ["application", "network"]),
    ("terraform parses with python-hcl2", check_terraform, ["application", "network"]),
    ("cli validates against botocore", check_cli, ["application", "network"]),
    ("ebextensions loads with PyYAML", check_ebextensions, ["application", "network", "classic"]),
    ("terraform setting blocks parse with python-hcl2", check_terraform_settings,
     ["application", "network", "classic"]),
    ("cloudformation OptionSettings pass cfn-lint", check_cloudformation_settings,
     ["application", "network", "classic"]),
    ("middleware answers under real Django", check_middleware, ["-"]),
]


def main() -> int:
    global EBCHECK
    EBCHECK = str(Path(sys.argv[1]).resolve())
    passed = failed = 0
    for name, check, variants in CHECKS:
        for variant in variants:
            try:
                check(variant)
                passed += 1
                print(f"ok    {name} ({variant})")
            except Exception as error:  # noqa: BLE001 - report every failure, keep going
                failed += 1
                print(f"FAIL  {name} ({variant}): {error}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
