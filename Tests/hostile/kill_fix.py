#!/usr/bin/env python3
"""`ebcheck fix` killed with SIGKILL at random moments leaves every file old or new.

Usage: python3 Tests/hostile/kill_fix.py .build/debug/ebcheck [--trials N] [--files N] [--apps N]

Builds a repo with many fixable files: the seed project, N `.ebextensions` configs with a
misspelled namespace (each fixed by EB001's rename), and N application folders under
`services/`, each a copy of the seed whose HC001 fix is a multi-file fix (a new
`.ebextensions/health-check.config`, a new `mysite/ebcheck_health.py`, an edit of
`mysite/settings.py`). All of a run's files are written in one transaction (every temporary
first, then every rename). The test records the original and the fully fixed state, then for
each trial copies the repo, starts `ebcheck fix`, kills it with SIGKILL after a random delay
and checks:
  * every file is byte-identical to its original or to its fixed version (created files are
    absent or complete), never partial;
  * anything else left behind is a `.ebcheck-XXXXXX` temporary file, which the linter ignores;
  * running `ebcheck fix` again reaches exactly the fixed state and removes every temporary.
The last line is `N passed, M failed`.
"""

import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = os.path.join(os.path.dirname(os.path.dirname(HERE)), "Fixtures", "projects", "seed")


def snapshot(root):
    files = {}
    for directory, _, names in os.walk(root):
        for name in names:
            path = os.path.join(directory, name)
            with open(path, "rb") as handle:
                files[os.path.relpath(path, root)] = handle.read()
    return files


def build(root, count, apps):
    shutil.copytree(SEED, root)
    for index in range(apps):
        shutil.copytree(SEED, os.path.join(root, "services", "app%02d" % index))
    for index in range(count):
        path = os.path.join(root, ".ebextensions", "c%04d.config" % index)
        with open(path, "w") as handle:
            handle.write("option_settings:\n  aws:elasticbeanstalk:application:enviroment:\n    K%d: v\n" % index)
    # CRLF and an unusual mode on a file the fix edits.
    settings = os.path.join(root, "mysite", "settings.py")
    with open(settings, "rb") as handle:
        data = handle.read()
    with open(settings, "wb") as handle:
        handle.write(data.replace(b"\n", b"\r\n"))
    os.chmod(settings, 0o640)


def has_temporary(folder):
    return any(name.startswith(".ebcheck-") for name in os.listdir(folder))


def fix(binary, root):
    return subprocess.run(
        [binary, "fix", "."], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)


def start_fix(binary, root):
    return subprocess.Popen([binary, "fix", "."], cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main():
    arguments = sys.argv[1:]
    if not arguments:
        print(__doc__)
        return 2
    binary = os.path.abspath(arguments[0])
    trials = int(arguments[arguments.index("--trials") + 1]) if "--trials" in arguments else 16
    count = int(arguments[arguments.index("--files") + 1]) if "--files" in arguments else 300
    apps = int(arguments[arguments.index("--apps") + 1]) if "--apps" in arguments else 10
    workspace = tempfile.mkdtemp(prefix="ebcheck-kill-")
    passed = failed = 0
    partial_runs = 0
    leftovers_seen = 0
    try:
        template = os.path.join(workspace, "template")
        build(template, count, apps)
        original = snapshot(template)
        reference_root = os.path.join(workspace, "reference")
        shutil.copytree(template, reference_root)
        first = os.path.join(reference_root, ".ebextensions", "c0000.config")
        inode = os.stat(first).st_ino
        start = time.monotonic()
        process = start_fix(binary, reference_root)
        staging = writing = None
        while process.poll() is None:
            now = time.monotonic() - start
            if staging is None and has_temporary(os.path.dirname(first)):
                staging = now
            if writing is None and os.stat(first).st_ino != inode:
                writing = now
            time.sleep(0.0005)
        duration = time.monotonic() - start
        writing = writing if writing is not None else 0.0
        staging = staging if staging is not None else writing
        reference = snapshot(reference_root)
        changed = sorted(path for path in reference if original.get(path) != reference[path])
        reference_mode = os.stat(os.path.join(reference_root, "mysite", "settings.py")).st_mode & 0o7777
        created = [path for path in changed if path not in original]
        print("repo: %d files, %d changed (%d created) by a full run in %.2fs (temporaries from %.2fs, renames from %.2fs)" % (len(original), len(changed), len(created), duration, staging, writing))
        # Each app's multi-file fix creates two files and edits its settings.
        if len(changed) < count + 3 * apps or len(created) < 2 * apps or reference_mode != 0o640:
            print("FAIL reference run: %d files changed, %d created, settings.py mode %o" % (len(changed), len(created), reference_mode))
            failed += 1
        if any(os.path.basename(path).startswith(".ebcheck-") for path in reference):
            print("FAIL reference run left a temporary file")
            failed += 1
        generator = random.Random(0xC0FFEE)
        for trial in range(trials):
            root = os.path.join(workspace, "trial%02d" % trial)
            shutil.copytree(template, root)
            # Kills land in each phase of the write: anywhere in the run (trial % 3 == 0),
            # while the temporaries are written (1), and among the renames, right after the
            # first (2). The kill is blind; the checks below hold wherever it lands.
            folder = os.path.join(root, ".ebextensions")
            first = os.path.join(folder, "c0000.config")
            inode = os.stat(first).st_ino
            process = start_fix(binary, root)
            begun = time.monotonic()
            phase = trial % 3
            if phase == 0:
                time.sleep(generator.uniform(0.0, duration))
            else:
                while process.poll() is None and time.monotonic() - begun < 60:
                    try:
                        if phase == 1 and has_temporary(folder):
                            break
                        if phase == 2 and os.stat(first).st_ino != inode:
                            break
                    except OSError:
                        pass
                    time.sleep(0.0002)
                if phase == 1:
                    time.sleep(generator.uniform(0.0, max(0.001, writing - staging)))
                else:
                    time.sleep(generator.uniform(0.0, 0.004))
            delay = time.monotonic() - begun
            process.send_signal(signal.SIGKILL)
            process.wait()
            after = snapshot(root)
            problems = []
            old = new = 0
            for path in sorted(set(original) | set(reference) | set(after)):
                name = os.path.basename(path)
                if path not in original and path not in reference:
                    if name.startswith(".ebcheck-"):
                        leftovers_seen += 1
                        continue
                    problems.append("unexpected file %s" % path)
                    continue
                state = after.get(path)
                if path in changed:
                    if state == reference[path]:
                        new += 1
                    elif state == original.get(path):
                        old += 1
                    else:
                        problems.append("%s is neither old nor new (%d bytes)" % (path, len(state or b"")))
                elif state != original.get(path):
                    problems.append("%s changed but the fix does not change it" % path)
            if old and new:
                partial_runs += 1
            # Per application folder: its multi-file fix is wholly applied or wholly absent
            # only when the kill missed the rename phase; either way each file is whole.
            rerun = fix(binary, root)
            final = snapshot(root)
            survivors = sorted(path for path in final if os.path.basename(path).startswith(".ebcheck-"))
            if survivors:
                problems.append("temporaries survive the next run: %s" % ", ".join(survivors[:3]))
            final = {path: data for path, data in final.items() if path not in survivors}
            if rerun.returncode not in (0, 1) or final != reference:
                problems.append("a second run does not reach the fixed state (exit %d)" % rerun.returncode)
            mode = os.stat(os.path.join(root, "mysite", "settings.py")).st_mode & 0o7777
            if mode != 0o640:
                problems.append("settings.py mode %o, expected 640" % mode)
            label = "trial %02d killed after %.3fs: %d old, %d new" % (trial, delay, old, new)
            if problems:
                failed += 1
                print("FAIL %s: %s" % (label, "; ".join(problems[:5])))
            else:
                passed += 1
                print("ok   %s" % label)
            shutil.rmtree(root)
    finally:
        shutil.rmtree(workspace, ignore_errors=True)
    print("%d trials killed mid-write (some files old, some new); %d temporary files left by kills, ignored by the linter and not in the fixed state" % (partial_runs, leftovers_seen))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
