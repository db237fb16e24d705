"""The source bundle `eb deploy` uploads for a project folder, laid out as a copy.

The EB CLI builds the bundle with `git archive` from the last commit, so git-ignored files
stay behind; when the folder holds an `.ebignore`, it uses no git semantics at all
(aws/aws-elastic-beanstalk-cli, `ebcli/operations/commonops.py` `_zip_up_project` and
`ebcli/core/fileoperations.py` `get_ebignore_list` / `_zipdir`): pathspec's `gitwildmatch`
patterns (the CLI pins pathspec 0.10.1; so does Tests/e2e/requirements.txt) list every FILE
of the tree they match, each file on its own path, the last matching pattern deciding, so a
`!` line puts back files below a folder an earlier line left out (git would not look inside
it); then the walk zips every file but those, the `.ebignore`, names ending in `~` and
anything in a folder whose path holds `.elasticbeanstalk`, committed or not. ebcheck models
the same set, so the stack must boot exactly that set for the two to be compared.

A fixture is a folder of this repository, not a repository of its own: "committed" is read
as "not ignored by the fixture's .gitignore files, or tracked although ignored" (a file
forced into git is in `git archive` all the same).
"""
from __future__ import annotations

import codecs
import os
import shutil
import stat
import subprocess
from pathlib import Path

_GIT = ["git", "-c", "core.excludesFile=/dev/null", "-c", "init.defaultBranch=main"]


def _git(folder: Path, *arguments: str) -> list[str]:
    done = subprocess.run(
        [*_GIT, "-C", str(folder), *arguments], check=True, capture_output=True, text=True)
    return [line for line in done.stdout.split("\0") if line]


def _tracked_although_ignored(source: Path) -> set[str]:
    """Files of ``source`` that the enclosing repository tracks while a .gitignore matches
    them (relative to ``source``); empty when ``source`` is in no repository."""
    try:
        inside = _git(source, "rev-parse", "--is-inside-work-tree")
    except (subprocess.CalledProcessError, FileNotFoundError):
        return set()
    if not inside:
        return set()
    return set(_git(source, "ls-files", "-z", "--cached", "--ignored", "--exclude-standard", "--", "."))


def ebignore_bundle(root: Path) -> list[str]:
    """The files (relative to ``root``) `eb deploy` zips from a tree with an `.ebignore`,
    as the EB CLI decides them."""
    import pathspec  # the EB CLI's own matcher

    with codecs.open(str(root / ".ebignore"), "r", encoding="utf-8") as lines:
        spec = pathspec.PathSpec.from_lines("gitwildmatch", lines)
    left_out = set(spec.match_tree(str(root)))
    left_out.add(".ebignore")
    kept: list[str] = []
    for folder, _, names in os.walk(root):
        relative = Path(folder).relative_to(root).as_posix()
        if ".elasticbeanstalk" in relative:
            continue
        for name in names:
            path = name if relative == "." else f"{relative}/{name}"
            if path.endswith("~") or path in left_out:
                continue
            if stat.S_ISSOCK(os.stat(Path(folder) / name).st_mode):
                continue
            kept.append(path)
    return sorted(kept)


def deployed_files(source: Path, copy: Path) -> list[str]:
    """The paths (relative to ``copy``) of ``copy`` that the bundle of ``source`` holds.
    ``copy`` is a plain copy of ``source``."""
    if (copy / ".ebignore").is_file():
        # Only .ebignore decides; .gitignore files are ordinary files of the bundle.
        return ebignore_bundle(copy)
    _git(copy, "init", "-q")
    try:
        kept = _git(copy, "ls-files", "-z", "--others", "--exclude-standard")
        kept += sorted(_tracked_although_ignored(source) - set(kept))
    finally:
        shutil.rmtree(copy / ".git", ignore_errors=True)
    return kept


def prune_to_bundle(source: Path, copy: Path) -> list[str]:
    """Removes from ``copy`` every file the bundle of ``source`` leaves out; returns them."""
    kept = set(deployed_files(source, copy))
    removed: list[str] = []
    for path in sorted(copy.rglob("*"), reverse=True):
        relative = path.relative_to(copy).as_posix()
        if path.is_symlink() or path.is_file():
            if relative not in kept:
                path.unlink()
                removed.append(relative)
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return sorted(removed)
