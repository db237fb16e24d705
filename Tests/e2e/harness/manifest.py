"""``Fixtures/expected/<case>/case.json``: what the real stack answers for a fixture."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Check:
    process: str
    protocol: str
    port: int
    path: str | None
    status: int | None
    healthy: bool
    matcher: str = "200"

    @staticmethod
    def from_json(raw: dict[str, Any]) -> "Check":
        protocol = str(raw.get("protocol", "HTTP")).upper()
        return Check(
            process=str(raw.get("process", "default")),
            protocol=protocol,
            port=int(raw.get("port", 80)),
            path=raw.get("path") if protocol != "TCP" else None,
            status=raw.get("status"),
            healthy=bool(raw["healthy"]),
            matcher=str(raw.get("matcher", "200")),
        )

    def label(self) -> str:
        where = f"{self.protocol}:{self.port}"
        return f"{self.process} {where}{self.path or ''}"


@dataclass
class Manifest:
    case: str
    description: str
    checks: list[Check]
    env: dict[str, str] = field(default_factory=dict)
    other_host_status: int | None = None
    # Values set in the console or CLI: the real app gets them, ebcheck never does (it must
    # predict without them).
    console_env: dict[str, str] = field(default_factory=dict)
    # "terraform", "cloudformation" or "cdk": the health path and matcher are set in
    # infrastructure code, so the harness takes them from ebcheck's JSON prediction.
    infrastructure: str | None = None
    # "docker": the environment runs Beanstalk's Docker platform (harness/docker.py lays it out).
    platform: str | None = None
    # Why ebcheck offers no fix (the repository must say what only its authors know, such as
    # which settings module to deploy): under --fix the fixes are still applied, and the case
    # must then answer exactly as recorded, no worse and no different.
    no_fix: str | None = None
    # The instance answers token-less metadata requests (IMDSv1 enabled: Amazon Linux 2 and
    # the AMI by default); false is an IMDSv2-only instance (Amazon Linux 2023's default).
    imds_v1: bool = False
    # What a deploy script of the fixture copies into the bundle before `eb deploy`
    # (source → destination, relative to the bundle), and the condition ebcheck names that
    # bundle by (`STAGE=prod`): the harness makes the copies after ebcheck ran (and fixed),
    # as the script would, and compares the outcome for that bundle.
    deploy_copies: dict[str, str] = field(default_factory=dict)
    deploy_condition: str | None = None
    # Option settings the console or CLI applies to the environment (they override the
    # bundle's): ``{"namespace": {"Option": "value"}}`` in the manifest, keyed here by
    # (namespace, option). ebcheck never sees them.
    console_options: dict[tuple[str, str], str] = field(default_factory=dict)
    # Real `nginx -t` (or `apachectl configtest`) refuses the repository's files: the
    # deployment's check fails and the platform's own configuration serves (NG001, AP001).
    config_refused: bool = False
    # "multicontainer": which repository Dockerfile builds each image of Dockerrun.aws.json v2
    # (what the deploy pipeline builds; harness/multicontainer.py).
    images: dict[str, str] = field(default_factory=dict)
    # Unknown by design: each build the pipeline may deploy ({"images": {...}, "checks": [...]}).
    candidates: list[dict] = field(default_factory=list)
    # The instance's hypervisor, "xen" (``/sys/hypervisor/uuid`` exists and starts with
    # ``ec2``) or "nitro" (no such file); None leaves the test box as it is (no such file).
    # An outcome resting on the instance family is compared for this family.
    instance: str | None = None
    # Files infrastructure code writes into the bundle it deploys (a Dockerrun.aws.json made by
    # Terraform's jsonencode), path in the bundle -> text, recorded from reading the code as
    # `deploy` records a script's copies; the harness never reads Terraform. They are laid
    # over the bundle's root, whose own Beanstalk files (.ebextensions, .platform, a
    # Dockerrun) the code's bundle does not hold.
    bundle_files: dict[str, str] = field(default_factory=dict)

    @staticmethod
    def load(path: Path) -> "Manifest":
        raw = json.loads(path.read_text(encoding="utf-8"))
        return Manifest(
            case=path.parent.name,
            description=str(raw.get("description", "")),
            checks=[Check.from_json(c) for c in raw["checks"]],
            env={str(k): str(v) for k, v in (raw.get("env") or {}).items()},
            other_host_status=raw.get("otherHostStatus"),
            console_env={str(k): str(v) for k, v in (raw.get("consoleEnv") or {}).items()},
            infrastructure=raw.get("infrastructure"),
            platform=raw.get("platform"),
            no_fix=raw.get("noFix"),
            imds_v1=bool(raw.get("imdsV1", False)),
            deploy_copies={str(k): str(v) for k, v in ((raw.get("deploy") or {}).get("copies") or {}).items()},
            deploy_condition=(raw.get("deploy") or {}).get("condition"),
            config_refused=bool(raw.get("configRefused", False)),
            images={str(k): str(v) for k, v in (raw.get("images") or {}).items()},
            candidates=list(raw.get("candidates") or []),
            instance=raw.get("instance"),
            bundle_files={str(k): str(v) for k, v in (raw.get("bundleFiles") or {}).items()},
            console_options={
                (str(namespace), str(option)): str(value)
                for namespace, options in (raw.get("consoleOptions") or {}).items()
                for option, value in options.items()
            },
        )
