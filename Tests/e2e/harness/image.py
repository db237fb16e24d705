"""Builds a container image's file tree from its Dockerfile, without a Docker engine.

Only what the repository decides is laid out: each ``COPY``/``ADD`` of the last stage (and
of the ``FROM stage`` it starts from) copies files of the build context to their path in
the image, leaving out what the context's ``.dockerignore`` excludes (every pattern relative
to the context root, ``**`` crossing folders, the last matching pattern deciding, a
pattern matching a path or any folder above it). The image's root is a folder of the case,
so absolute image paths become paths below it; code that computes paths from ``__file__``
finds its files where the image has them, and a file no copy brings is not there.
"""
from __future__ import annotations

import fnmatch
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Copy:
    sources: list[str]
    destination: str


@dataclass
class Stage:
    copies: list[Copy] = field(default_factory=list)
    workdir: str = "/"


def _norm(path: str) -> str:
    parts: list[str] = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if parts:
                parts.pop()
            continue
        parts.append(part)
    return "/" + "/".join(parts)


def read_copies(text: str, substitute) -> Stage:
    """The last stage's copies (``--from`` copies bring nothing of the repository)."""
    from .docker import _instructions, _assignments
    stages: dict[str, Stage] = {}
    stage = Stage()
    name: str | None = None
    values: dict[str, str] = {}
    for keyword, argument in _instructions(text):
        if keyword == "FROM":
            if name:
                stages[name] = stage
            words = [w for w in argument.split() if not w.startswith("--")]
            base = stages.get(words[0].lower()) if words else None
            stage = Stage(list(base.copies), base.workdir) if base else Stage()
            name = words[-1].lower() if len(words) >= 3 and words[-2].lower() == "as" else None
            values = {}
        elif keyword in ("ARG", "ENV"):
            for key, value in _assignments(argument, legacy=keyword == "ENV"):
                values.setdefault(key, substitute(value, values)) if keyword == "ARG" else None
                if keyword == "ENV":
                    values[key] = substitute(value, values)
        elif keyword == "WORKDIR":
            path = substitute(argument.strip(), values)
            stage.workdir = _norm(path if path.startswith("/") else stage.workdir + "/" + path)
        elif keyword in ("COPY", "ADD"):
            words = argument.split()
            if any(w.startswith("--from") for w in words):
                continue
            paths = [substitute(w, values) for w in words if not w.startswith("--")]
            if len(paths) < 2 or paths[0].startswith("["):
                continue
            last = paths[-1]
            into = last.endswith("/") or last in (".", "./") or len(paths) > 2
            destination = last if last.startswith("/") else stage.workdir.rstrip("/") + "/" + last
            destination = _norm(destination) + ("/" if into else "")
            stage.copies.append(Copy(paths[:-1], destination))
    return stage


def _pattern(line: str) -> tuple[bool, re.Pattern[str]] | None:
    text = line.strip()
    if not text or text.startswith("#"):
        return None
    negated = text.startswith("!")
    if negated:
        text = text[1:].strip()
    text = _norm(text).lstrip("/")
    if not text:
        return None
    parts = []
    for part in text.split("/"):
        parts.append(".*" if part == "**" else fnmatch.translate(part)[4:-3].replace(".*", "[^/]*"))
    expression = "/".join(parts).replace(".*/", "(?:.*/)?")
    return negated, re.compile(f"^{expression}$")


def ignored(context: Path):
    """A test of a context-relative path against the context's ``.dockerignore``."""
    file = context / ".dockerignore"
    patterns = [p for p in map(_pattern, file.read_text(encoding="utf-8").splitlines())
                if p] if file.is_file() else []

    def test(relative: str) -> bool:
        excluded = False
        candidates = [relative]
        parts = relative.split("/")
        candidates += ["/".join(parts[:i]) for i in range(1, len(parts))]
        for negated, expression in patterns:
            if any(expression.match(c) for c in candidates):
                excluded = not negated
        return excluded
    return test


def materialize(context: Path, dockerfile: Path, root: Path, substitute) -> Stage:
    """Copies the context's files to their image paths below ``root``; returns the stage."""
    stage = read_copies(dockerfile.read_text(encoding="utf-8"), substitute)
    excluded = ignored(context)
    for copy in stage.copies:
        for source in copy.sources:
            origin = (context / source).resolve()
            if not origin.exists() or context.resolve() not in (origin, *origin.parents):
                continue
            if origin.is_file():
                relative = origin.relative_to(context.resolve()).as_posix()
                if excluded(relative):
                    continue
                target = copy.destination + origin.name if copy.destination.endswith("/") else copy.destination
                _place(origin, root, target)
                continue
            for path in sorted(origin.rglob("*")):
                relative = path.relative_to(context.resolve()).as_posix()
                if not path.is_file() or excluded(relative):
                    continue
                inside = path.relative_to(origin).as_posix()
                _place(path, root, copy.destination.rstrip("/") + "/" + inside)
    return stage


def _place(path: Path, root: Path, image_path: str) -> None:
    target = root / _norm(image_path).lstrip("/")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(path, target)


def host_path(root: Path, image_path: str) -> Path:
    return root / _norm(image_path).lstrip("/")
