#!/usr/bin/env python3
"""Writes a benchmark monorepo: N Beanstalk services copied from the fixtures, plus a
virtualenv and a node_modules tree ebcheck must skip without descending.

Usage: make-monorepo.py TARGET [--services 200] [--venv-files 5000] [--node-files 3000]
"""
import argparse
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ["seed", "split-settings-domain-only", "ssl-redirect", "health-middleware-first",
             "nginx-return-200", "procfile-port", "env-from-option-settings", "two-processes"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("target", type=Path)
    parser.add_argument("--services", type=int, default=200)
    parser.add_argument("--venv-files", type=int, default=5000)
    parser.add_argument("--node-files", type=int, default=3000)
    args = parser.parse_args()
    if args.target.exists():
        shutil.rmtree(args.target)
    for index in range(args.services):
        template = TEMPLATES[index % len(TEMPLATES)]
        shutil.copytree(ROOT / "Fixtures/projects" / template, args.target / "services" / f"svc{index:03d}")
    venv = args.target / ".venv"
    (venv / "lib/python3.11/site-packages").mkdir(parents=True)
    (venv / "pyvenv.cfg").write_text("home = /usr/bin\n")
    for index in range(args.venv_files):
        package = venv / "lib/python3.11/site-packages" / f"pkg{index // 50}"
        package.mkdir(exist_ok=True)
        (package / f"module{index}.py").write_text(f"VALUE = {index}\n")
    for index in range(args.node_files):
        folder = args.target / "frontend/node_modules" / f"dep{index // 30}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"index{index}.js").write_text("module.exports = {};\n")
    (args.target / ".gitignore").write_text("node_modules/\n")


if __name__ == "__main__":
    main()
