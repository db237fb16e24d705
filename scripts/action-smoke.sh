#!/usr/bin/env bash
# Runs action.yml's own steps (deps, build, check; not the upload) the way the runner would,
# on Fixtures/projects/seed, then validates the SARIF against the 2.1.0 schema and checks the
# `github` format's annotations; then again with the app in a subfolder of a git checkout
# (`path: backend`), where every SARIF URI must be relative to the repository root and name a
# file that exists there, as GitHub code scanning resolves it. Usage: scripts/action-smoke.sh
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R "$repo/Fixtures/projects/seed" "$work/workspace"
mkdir -p "$work/checkout/.git"
cp -R "$repo/Fixtures/projects/seed" "$work/checkout/backend"

python3 - "$repo" "$work" <<'PY'
import json, os, re, subprocess, sys

import jsonschema
import yaml

repo, work = sys.argv[1], sys.argv[2]
workspace = os.path.join(work, "workspace")
action = yaml.safe_load(open(os.path.join(repo, "action.yml"), encoding="utf-8"))
assert action["runs"]["using"] == "composite", "action.yml must be a composite action"
steps = {step["id"]: step for step in action["runs"]["steps"]}
for needed in ("deps", "build", "check", "upload"):
    assert needed in steps, f"action.yml has no step with id {needed}"
upload = steps["upload"]
assert upload["uses"].startswith("github/codeql-action/upload-sarif@"), upload["uses"]
assert upload["with"]["sarif_file"] == "ebcheck.sarif"


def run_action(inputs, workspace=workspace):
    """Runs deps, build and check with `inputs` in `workspace`; returns (check outputs, stdout)."""
    values = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    values.update(inputs)
    outputs = {}

    def expand(text):
        def value(match):
            expression = match.group(1).strip()
            if expression == "github.action_path":
                return repo
            if expression.startswith("inputs."):
                return values[expression[len("inputs."):]]
            step, _, key = expression[len("steps."):].partition(".outputs.")
            return outputs.get(step, {}).get(key, "")
        return re.sub(r"\$\{\{(.*?)\}\}", value, str(text))

    stdout = ""
    for step_id in ("deps", "build", "check"):
        step = steps[step_id]
        assert step["shell"] == "bash"
        output_file = os.path.join(work, f"{step_id}.out")
        open(output_file, "w").close()
        env = dict(os.environ, GITHUB_OUTPUT=output_file, GITHUB_ACTION_PATH=repo)
        env.update({key: expand(value) for key, value in step.get("env", {}).items()})
        script = expand(step["run"])
        result = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
            cwd=workspace, env=env, text=True, stdout=subprocess.PIPE)
        if result.returncode != 0:
            sys.exit(f"step {step_id} failed with exit {result.returncode}:\n{result.stdout}")
        outputs[step_id] = dict(
            line.split("=", 1) for line in open(output_file).read().splitlines() if "=" in line)
        stdout = result.stdout
    return outputs["check"], stdout


# format: sarif (the default): findings exit 1 but the step passes so the upload runs.
outputs, _ = run_action({"path": "."})
assert outputs.get("exit-code") == "1", f"seed must fail with exit 1: {outputs}"
assert outputs.get("sarif-file") == "ebcheck.sarif"
sarif_path = os.path.join(workspace, "ebcheck.sarif")
sarif = json.load(open(sarif_path, encoding="utf-8"))
schema = json.load(open(os.path.join(repo, "Tests/EBCheckTests/Support/sarif-schema-2.1.0.json")))
if "properties" not in schema:
    schema = {**schema, "$ref": "#/definitions/Root"}
validator = jsonschema.Draft7Validator(schema)
if validator.is_valid({}):
    sys.exit("the schema accepts {}: the validation would prove nothing")
errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(sarif)]
if errors:
    sys.exit("ebcheck.sarif does not validate:\n" + "\n".join(errors))
rules = [result["ruleId"] for run in sarif["runs"] for result in run.get("results", [])]
assert "HC001" in rules, f"SARIF lacks HC001: {rules}"
print(f"ok: format sarif: exit-code 1, ebcheck.sarif valid SARIF 2.1.0 with {rules}")

# format: github: annotations on stdout.
outputs, stdout = run_action({"path": ".", "format": "github"})
assert outputs.get("exit-code") == "1", outputs
assert re.search(r"^::error file=mysite/settings\.py,line=26,", stdout, re.M), stdout
print("ok: format github: an ::error annotation for mysite/settings.py:26")

# The app in a subfolder of a checkout: URIs and annotations relative to the checkout root.
checkout = os.path.join(work, "checkout")
outputs, _ = run_action({"path": "backend"}, workspace=checkout)
assert outputs.get("exit-code") == "1", outputs
sarif = json.load(open(os.path.join(checkout, "ebcheck.sarif"), encoding="utf-8"))
errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(sarif)]
if errors:
    sys.exit("subfolder ebcheck.sarif does not validate:\n" + "\n".join(errors))
runs = sarif["runs"]
assert len(runs) == 1, f"one run expected, got {len(runs)}"
locations = []
def collect(value):
    if isinstance(value, dict):
        if "artifactLocation" in value:
            locations.append(value["artifactLocation"])
        for item in value.values():
            collect(item)
    elif isinstance(value, list):
        for item in value:
            collect(item)
collect(runs[0].get("results", []))
assert locations, "no artifact locations"
for location in locations:
    uri = location["uri"]
    assert location.get("uriBaseId") == "%SRCROOT%", location
    assert not uri.startswith("/") and "://" not in uri and not uri.startswith(".."), uri
    created = any(uri == change["artifactLocation"]["uri"] and change.get("properties", {}).get("createsFile")
                  for result in runs[0]["results"] for fix in result.get("fixes", [])
                  for change in fix["artifactChanges"])
    assert created or os.path.isfile(os.path.join(checkout, uri)), f"{uri} is not a file of the checkout"
print(f"ok: path backend: {len(locations)} SARIF locations, all repository-relative files of the checkout")
outputs, stdout = run_action({"path": "backend", "format": "github"}, workspace=checkout)
assert re.search(r"^::error file=backend/mysite/settings\.py,line=26,", stdout, re.M), stdout
print("ok: path backend: the annotation names backend/mysite/settings.py")

PY
echo "action smoke test passed"
