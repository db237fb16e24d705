#!/usr/bin/env bash
# Runs action.yml's own shell steps (not the upload) the way the runner would, on
# Fixtures/projects/seed:
#   - the release download, from the `make dist` tarball served by a web server on 127.0.0.1
#     (and, as root, with the Swift toolchain hidden), then from a file:// URL with the version
#     read from the action's sources; a tarball that does not match its .sha256 is refused;
#   - build-from-source: true (make release, which `make dist` has already built);
# and validates the SARIF against the 2.1.0 schema and the `github` format's annotations; then
# with the app in a subfolder of a git checkout (`path: backend`), where every SARIF URI must be
# relative to the repository root and name a file there, as GitHub code scanning resolves it.
# Usage: scripts/action-smoke.sh [DIST_FOLDER]   (default dist; run by `make integrations`)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
dist=$(cd "${1:-$repo/dist}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$repo" "$work" "$dist" <<'PY'
import functools, hashlib, http.server, json, os, re, shutil, subprocess, sys, threading

import jsonschema
import yaml

repo, work, dist = sys.argv[1], sys.argv[2], sys.argv[3]
action = yaml.safe_load(open(os.path.join(repo, "action.yml"), encoding="utf-8"))
assert action["runs"]["using"] == "composite", "action.yml must be a composite action"
steps = action["runs"]["steps"]
by_id = {step["id"]: step for step in steps}
for needed in ("download", "deps", "build", "check", "upload"):
    assert needed in by_id, f"action.yml has no step with id {needed}"
upload = by_id["upload"]
assert upload["uses"].startswith("github/codeql-action/upload-sarif@"), upload["uses"]
assert upload["with"]["sarif_file"] == "ebcheck.sarif"
assert "download-url" in action["inputs"] and "version" in action["inputs"]
assert action["inputs"]["build-from-source"]["default"] == "false"

tarballs = [name for name in os.listdir(dist) if name.endswith("-unknown-linux-gnu.tar.gz")]
assert len(tarballs) == 1, f"{dist} must hold one release tarball (make dist): {tarballs}"
tarball = tarballs[0]
version = tarball.split("-")[1]

# A release folder laid out like GitHub's: <base>/v<version>/<asset>.
releases = os.path.join(work, "releases")
os.makedirs(os.path.join(releases, f"v{version}"))
for asset in (tarball, tarball + ".sha256"):
    shutil.copy(os.path.join(dist, asset), os.path.join(releases, f"v{version}", asset))
# The same tarball under a second version whose checksum file is wrong.
os.makedirs(os.path.join(releases, "v9.9.9"))
bad = tarball.replace(version, "9.9.9")
shutil.copy(os.path.join(dist, tarball), os.path.join(releases, "v9.9.9", bad))
with open(os.path.join(releases, "v9.9.9", bad + ".sha256"), "w") as handle:
    handle.write(hashlib.sha256(b"something else").hexdigest() + "  " + bad + "\n")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(
    ("127.0.0.1", 0), functools.partial(QuietHandler, directory=releases))
threading.Thread(target=server.serve_forever, daemon=True).start()
http_base = f"http://127.0.0.1:{server.server_address[1]}"
hide = ["bash", os.path.join(repo, "Tests/dist/without-swift.sh")] if os.getuid() == 0 else []


def run_action(inputs, hidden=False, subfolder=None):
    """Runs the action's shell steps (their `if:` honoured) in a fresh workspace holding the
    seed (in `subfolder` of a git checkout when given); returns (outputs, check stdout)."""
    values = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    values.update(inputs)
    outputs = {}
    workspace = os.path.join(work, "workspace")
    shutil.rmtree(workspace, ignore_errors=True)
    if subfolder:
        os.makedirs(os.path.join(workspace, ".git"))
    shutil.copytree(os.path.join(repo, "Fixtures/projects/seed"),
                    os.path.join(workspace, subfolder) if subfolder else workspace)
    runner_temp = os.path.join(work, "runner-temp")
    shutil.rmtree(runner_temp, ignore_errors=True)
    os.makedirs(runner_temp)

    def value_of(expression):
        expression = expression.strip()
        if "||" in expression:
            return next((v for v in map(value_of, expression.split("||")) if v), "")
        if expression == "github.action_path":
            return repo
        if expression.startswith("inputs."):
            return values[expression[len("inputs."):]]
        step, _, key = expression[len("steps."):].partition(".outputs.")
        return outputs.get(step, {}).get(key, "")

    def expand(text):
        return re.sub(r"\$\{\{(.*?)\}\}", lambda m: value_of(m.group(1)), str(text))

    def condition(text):
        if text is None:
            return True
        match = re.fullmatch(r"\s*(\S+)\s*(==|!=)\s*'([^']*)'\s*", str(text))
        assert match, f"the smoke test cannot evaluate if: {text}"
        equal = value_of(match.group(1)) == match.group(3)
        return equal if match.group(2) == "==" else not equal

    stdout = ""
    for step in steps:
        if "run" not in step or step["id"] == "verdict" or not condition(step.get("if")):
            continue
        assert step["shell"] == "bash"
        output_file = os.path.join(work, f"{step['id']}.out")
        open(output_file, "w").close()
        env = dict(os.environ, GITHUB_OUTPUT=output_file, GITHUB_ACTION_PATH=repo,
                   GITHUB_PATH=os.path.join(work, "path.txt"), RUNNER_TEMP=runner_temp)
        env.update({key: expand(value) for key, value in step.get("env", {}).items()})
        command = ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", expand(step["run"])]
        result = subprocess.run((hide if hidden else []) + command, cwd=workspace, env=env,
                                text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if result.returncode != 0:
            return {"failed": step["id"], "status": result.returncode, "log": result.stdout}, ""
        outputs[step["id"]] = dict(
            line.split("=", 1) for line in open(output_file).read().splitlines() if "=" in line)
        stdout = result.stdout
    return outputs.get("check", {}) | {"bin": value_of("steps.download.outputs.bin || steps.build.outputs.bin")}, stdout


schema = json.load(open(os.path.join(repo, "Tests/EBCheckTests/Support/sarif-schema-2.1.0.json")))
if "properties" not in schema:
    schema = {**schema, "$ref": "#/definitions/Root"}
validator = jsonschema.Draft7Validator(schema)
if validator.is_valid({}):
    sys.exit("the schema accepts {}: the validation would prove nothing")


def expect_sarif(outputs, label):
    assert outputs.get("exit-code") == "1", f"{label}: the seed must fail with exit 1: {outputs}"
    assert outputs.get("sarif-file") == "ebcheck.sarif"
    sarif = json.load(open(os.path.join(work, "workspace", "ebcheck.sarif"), encoding="utf-8"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(sarif)]
    if errors:
        sys.exit(f"{label}: ebcheck.sarif does not validate:\n" + "\n".join(errors))
    rules = [result["ruleId"] for run in sarif["runs"] for result in run.get("results", [])]
    assert "HC001" in rules, f"{label}: SARIF lacks HC001: {rules}"
    return rules


# 1. The release download over HTTP on loopback, format sarif (the default); as root, every
#    step runs with the Swift toolchain hidden.
outputs, _ = run_action({"version": version, "download-url": http_base}, hidden=bool(hide))
rules = expect_sarif(outputs, "download")
assert outputs["bin"].startswith(os.path.join(work, "runner-temp")), outputs
where = "with the toolchain hidden" if hide else "(not root: toolchain left visible)"
print(f"ok: download {http_base}/v{version}/{tarball} {where}: checksum verified, "
      f"exit-code 1, ebcheck.sarif valid SARIF 2.1.0 with {rules}")

# 2. The version read from the action's sources, from a file:// URL, format github.
outputs, stdout = run_action({"download-url": "file://" + releases, "format": "github"})
assert outputs.get("exit-code") == "1", outputs
assert re.search(r"^::error file=mysite/settings\.py,line=26,", stdout, re.M), stdout
print(f"ok: download from file:// with the sources' version {version}, format github: "
      "an ::error annotation for mysite/settings.py:26")

# 3. A tarball that does not match its .sha256 is refused before it runs.
outputs, _ = run_action({"version": "9.9.9", "download-url": http_base})
assert outputs.get("failed") == "download", outputs
assert "does not match its .sha256" in outputs["log"], outputs["log"]
print("ok: a tarball that does not match its .sha256 stops the download step")

# 4. build-from-source: true builds with make release (already built by make dist here).
outputs, _ = run_action({"build-from-source": "true"})
expect_sarif(outputs, "build-from-source")
assert outputs["bin"] == os.path.join(repo, ".build/release/ebcheck"), outputs
print("ok: build-from-source: make release, exit-code 1, valid SARIF")

# 5. The app in a subfolder of a checkout: URIs and annotations relative to the checkout root.
checkout = os.path.join(work, "workspace")
outputs, _ = run_action({"version": version, "download-url": http_base, "path": "backend"},
                        subfolder="backend")
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
outputs, stdout = run_action({"version": version, "download-url": http_base, "path": "backend",
                              "format": "github"}, subfolder="backend")
assert re.search(r"^::error file=backend/mysite/settings\.py,line=26,", stdout, re.M), stdout
print("ok: path backend: the annotation names backend/mysite/settings.py")
server.shutdown()
PY
echo "action smoke test passed"
