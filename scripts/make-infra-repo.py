#!/usr/bin/env python3
"""Writes a repository for the infrastructure readers' benchmark: the seed Django app, and
MEGABYTES of Terraform (Fixtures/terraform repeated, one module per 1 MB file) and of
CloudFormation YAML (Fixtures/cloudformation's environments under unique logical ids).

Usage: make-infra-repo.py FOLDER [MEGABYTES]   (prints the bytes of infrastructure code written)
"""
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1 << 20


def main() -> None:
    out = Path(sys.argv[1])
    megabytes = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    shutil.copytree(ROOT / "Fixtures/projects/seed", out / "app")
    corpus = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "Fixtures/terraform").glob("*.tf"))]
    written = 0
    for index in range(megabytes):
        text, copy = [], 0
        while sum(map(len, text)) < MB:
            # Unique resource names per copy, so every environment is its own definition.
            text.append(re.sub(r'^(resource "[^"]+" ")([^"]+)"', rf'\g<1>\g<2>_{copy}"',
                               corpus[copy % len(corpus)], flags=re.M))
            copy += 1
        path = out / "infra" / f"module{index}" / "main.tf"
        path.parent.mkdir(parents=True)
        path.write_text("\n".join(text), encoding="utf-8")
        written += path.stat().st_size
    templates = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "Fixtures/cloudformation").glob("*.yaml"))]
    for index in range(megabytes):
        body, copy = ['AWSTemplateFormatVersion: "2010-09-09"\nResources:\n'], 0
        while sum(map(len, body)) < MB:
            text = templates[copy % len(templates)].replace("\r\n", "\n")
            section = text.split("\nResources:\n", 1)[1].split("\nOutputs:", 1)[0]
            body.append(re.sub(r"^  ([A-Za-z0-9]+):", rf"  C{copy}\1:", section, flags=re.M) + "\n")
            copy += 1
        path = out / "cloudformation" / f"stack{index}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(body), encoding="utf-8")
        written += path.stat().st_size
    print(written)


if __name__ == "__main__":
    main()
