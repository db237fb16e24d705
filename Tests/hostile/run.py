#!/usr/bin/env python3
"""Hostile-input matrix: throwaway repos full of bad bytes, run through every verb.

Usage: python3 Tests/hostile/run.py .build/debug/ebcheck [--keep] [--only NAME[,NAME]]

For each repo and each of `check`, `check --output-format json`, `fix`:
  * the process ends within TIMEOUT seconds with exit 0, 1 or 2 (never a signal, never 3);
  * when the case expects a diagnostic, the bad file is named in stdout/stderr;
  * JSON output parses;
  * every file outside the lint root (the sentinel folder) is byte-identical afterwards;
  * `fix` leaves no `.ebcheck-XXXXXX` temporary file behind.
The last line is `N passed, M failed`; the exit status is non-zero when anything failed.
"""

import hashlib
import json
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SEED = os.path.join(REPO, "Fixtures", "projects", "seed")
# Debug builds run hostile inputs ~30x slower than release; 20 s leaves room on a busy CI core.
TIMEOUT = int(os.environ.get("EBCHECK_HOSTILE_TIMEOUT", "20"))
NGINX_DIR = ".platform/nginx/conf.d/elasticbeanstalk"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def write(root, relative, data, mode=None):
    path = os.path.join(root, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(path, "wb") as handle:
        handle.write(data)
    if mode is not None:
        os.chmod(path, mode)


def append(root, relative, data):
    with open(os.path.join(root, relative), "ab") as handle:
        handle.write(data.encode("utf-8") if isinstance(data, str) else data)


def symlink(root, relative, target):
    path = os.path.join(root, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    os.symlink(target, path)


def tree_hash(folder):
    """Hash of every path, kind, mode and content under `folder` (symlinks not followed)."""
    digest = hashlib.sha256()
    for directory, folders, files in os.walk(folder, followlinks=False):
        folders.sort()
        for name in sorted(folders + files):
            path = os.path.join(directory, name)
            info = os.lstat(path)
            digest.update(os.path.relpath(path, folder).encode("utf-8", "surrogateescape"))
            digest.update(str(stat.S_IFMT(info.st_mode)).encode())
            digest.update(str(stat.S_IMODE(info.st_mode)).encode())
            if stat.S_ISLNK(info.st_mode):
                digest.update(os.readlink(path).encode("utf-8", "surrogateescape"))
            elif stat.S_ISREG(info.st_mode):
                with open(path, "rb") as handle:
                    digest.update(handle.read())
    return digest.hexdigest()


# ---------------------------------------------------------------------------------------------
# The cases. Each builder gets the repo folder (already a copy of the seed project) and the
# sentinel folder outside it, and returns what the output must mention (or None).
# ---------------------------------------------------------------------------------------------

CASES = []


def case(name, expect=None, seed=True, note=None, gap=None):
    """`gap`: a known, reported gap; a missing mention is listed as XFAIL, not a failure."""

    def register(builder):
        CASES.append({"name": name, "build": builder, "expect": expect, "seed": seed, "note": note, "gap": gap})
        return builder

    return register


@case("yaml-alias-bomb", expect="bomb.config")
def _(repo, outside):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 12):
        refs = ", ".join(["*a%d" % (level - 1)] * 10)
        lines.append("a%d: &a%d [%s]" % (level, level, refs))
    lines.append("option_settings:")
    lines.append("  aws:elasticbeanstalk:application:environment:")
    lines.append("    BOMB: *a11")
    write(repo, ".ebextensions/bomb.config", "\n".join(lines) + "\n")


@case("yaml-alias-merge-bomb", expect="merge.config")
def _(repo, outside):
    lines = ["b0: &b0 {k0: v}"]
    for level in range(1, 40):
        lines.append("b%d: &b%d {<<: [*b%d, *b%d], k%d: v}" % (level, level, level - 1, level - 1, level))
    lines.append("option_settings: *b39")
    write(repo, ".ebextensions/merge.config", "\n".join(lines) + "\n")


@case("yaml-deep-flow", expect="deep.config")
def _(repo, outside):
    write(repo, ".ebextensions/deep.config", "option_settings: " + "[" * 200_000 + "]" * 200_000 + "\n")


@case("yaml-deep-block", expect="block.config")
def _(repo, outside):
    lines = ["option_settings:"]
    for level in range(1, 3000):
        lines.append(" " * level + "k%d:" % level)
    write(repo, ".ebextensions/block.config", "\n".join(lines) + " leaf\n")


@case("json-deep-nesting", expect="deep.config")
def _(repo, outside):
    write(repo, ".ebextensions/deep.config", '{"option_settings": ' + '{"a": ' * 300_000 + "1" + "}" * 300_001)


@case("json-deep-arrays-unclosed", expect="open.config")
def _(repo, outside):
    write(repo, ".ebextensions/open.config", "{" + '"x":[' * 500_000)


@case("terraform-deep-nesting", expect="deep.tf")
def _(repo, outside):
    write(repo, "infra/deep.tf", "locals {\n  x = " + "[" * 300_000 + "]" * 300_000 + "\n}\n")


@case("terraform-deep-blocks", expect="blocks.tf")
def _(repo, outside):
    write(repo, "infra/blocks.tf", "a {\n" * 100_000)


@case("terraform-unclosed-heredoc-and-binary", expect="bad.tf")
def _(repo, outside):
    write(repo, "infra/bad.tf", b"resource \"aws_elastic_beanstalk_environment\" \"x\" {\n  setting {\n    value = <<EOT\n"
          + bytes(range(256)) * 200)


@case("terraform-interpolation-bomb", expect="bomb.tf")
def _(repo, outside):
    write(repo, "infra/bomb.tf", 'x = "' + "${\"" * 50_000 + "\n")


@case("terraform-for-each-explosion")
def _(repo, outside):
    # A for expression over a large literal list inside dynamic settings: bounded, no hang.
    items = ", ".join(f'"{i}"' for i in range(20_000))
    write(repo, "infra/many.tf", "locals {\n  many = [" + items + "]\n  pairs = [for a in local.many : [for b in local.many : b]]\n}\n"
          'resource "aws_elastic_beanstalk_environment" "e" {\n  dynamic "setting" {\n    for_each = local.pairs\n'
          '    content {\n      namespace = "aws:elasticbeanstalk:application:environment"\n      name = "X"\n      value = "y"\n    }\n  }\n}\n')


@case("cloudformation-template-bad-bytes", expect="stack.yaml")
def _(repo, outside):
    write(repo, "cfn/stack.yaml", b"AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  E:\n    Type: AWS::ElasticBeanstalk::Environment\n    Properties: [\xff\xfe" + b"{" * 100_000)


@case("python-deep-parens", expect="settings.py")
def _(repo, outside):
    append(repo, "mysite/settings.py", "\nX = " + "(" * 100_000 + "1" + ")" * 100_000 + "\n")


@case("python-deep-mixed-brackets", expect="settings.py")
def _(repo, outside):
    append(repo, "mysite/settings.py", "\nY = " + "[{(" * 50_000 + "\n")


@case("python-deep-blocks", expect="settings.py")
def _(repo, outside):
    body = "".join(" " * level + "if True:\n" for level in range(3000))
    append(repo, "mysite/settings.py", "\n" + body + " " * 3000 + "ALLOWED_HOSTS = ['*']\n")


@case("python-long-chains", expect="settings.py")
def _(repo, outside):
    # Left-nested trees built by loops in the parser: a + a + ..., f()()..., a.b.c..., x[0][0]...
    append(
        repo, "mysite/settings.py",
        "\nZ = " + "-" * 50_000 + "1\nW = f" + "()" * 50_000 + "\nV = a" + ".b" * 50_000
        + "\nU = x" + "[0]" * 50_000 + "\nT = 1" + " + 1" * 50_000 + "\nS = 1" + " * 2" * 50_000 + "\n")


@case("python-elif-chain", expect="settings.py")
def _(repo, outside):
    append(repo, "mysite/settings.py", "\nif A:\n    pass\n" + "elif B:\n    pass\n" * 20_000)


@case("python-int-overflow")
def _(repo, outside):
    append(
        repo, "mysite/settings.py",
        "\nA = 'ab' * 2**62\nB = [1, 2, 3, 4] * 4611686018427387904\nC = (1, 2) * 9223372036854775807\n"
        "D = list(range(-9223372036854775807 - 1, 9223372036854775807, 4611686018427387904))\n"
        "E = 9223372036854775807 + 1\nF = (-9223372036854775807 - 1) // -1\nG = abs(-9223372036854775807 - 1)\n"
        "H = 'abc'[-9223372036854775807 - 1:]\nI = 'a,b'.split(',', 9223372036854775807)\nJ = 2 ** 64\n")


@case("python-quadratic-growth")
def _(repo, outside):
    append(repo, "mysite/settings.py", "\nX = []\nD = {}\n" + "X = [*X, 1]\nX.append(1)\nD[len(D)] = 1\n" * 20_000)


@case("python-evaluation-bombs")
def _(repo, outside):
    append(
        repo,
        "mysite/settings.py",
        "\nALLOWED_HOSTS = ['a'] * 10**9\nBIG = 'x' * 10**12\nPOW = 10**10**10\n"
        "LST = [[1] * 100000] * 100000\nSHIFT = 1 << 10**9\nS = '%s' * 10**8 % ()\n"
        "ALLOWED_HOSTS += ['b'] * (2**62)\nR = list(range(10**12))\n",
    )


def middleware_bombs(repo, first):
    # The repository's own middleware is run under the request: endless loops, runaway
    # recursion, a long class chain and closure towers must end (as unknown), never hang.
    chain = "".join("class C%d(C%d):\n    pass\n" % (i, i - 1) for i in range(1, 3000))
    write(repo, "mysite/bombs.py",
          "from django.http import HttpResponse\n"
          "class C0:\n    def __call__(self, request):\n        return self.get_response(request)\n"
          + chain +
          "class Deep(C2999):\n    def __init__(self, get_response):\n        self.get_response = get_response\n"
          "def spin(n):\n    return spin(n + 1) + spin(n + 2)\n"
          "class Recurse:\n    def __init__(self, get_response):\n        self.get_response = get_response\n"
          "    def __call__(self, request):\n        if spin(0):\n            return HttpResponse()\n"
          "        return self.get_response(request)\n"
          "def factory(get_response):\n    def a(request):\n        def b():\n            def c():\n"
          "                return [x for x in range(10**12) for y in range(10**12)]\n            return c()\n"
          "        return b()\n    return a\n"
          "class Spin:\n    def __init__(self, get_response):\n        self.get_response = get_response\n"
          "    def __call__(self, request):\n        n = 0\n        while True:\n            n += 1\n"
          "            request.path = request.path + 'x'\n")
    # Each bomb ends the chain (unknown), so each case puts another one first.
    append(repo, "mysite/settings.py", "\nMIDDLEWARE = ['mysite.bombs.%s'] + MIDDLEWARE\n" % first)


for _bomb in ("Deep", "Recurse", "factory", "Spin"):
    case("python-middleware-bomb-" + _bomb.lower())(lambda repo, outside, first=_bomb: middleware_bombs(repo, first))


@case("python-import-cycle")
def _(repo, outside):
    append(repo, "mysite/settings.py", "\nfrom mysite.settings import *\nfrom .other import *\n")
    write(repo, "mysite/other.py", "from .settings import *\nfrom mysite.other import *\nALLOWED_HOSTS = ALLOWED_HOSTS + ALLOWED_HOSTS\n")


@case("python-catastrophic-regex-route", expect="urls.py")
def _(repo, outside):
    # Hosts pass, so the check reaches the URL resolver and its backtracking regex.
    append(repo, "mysite/settings.py", "\nALLOWED_HOSTS = ['*']\nimport re\nDISALLOWED_USER_AGENTS = [re.compile(r'^(.*)*(.*)*x$'), re.compile(r'(E|E)+z')]\n")
    write(
        repo,
        "mysite/urls.py",
        "from django.urls import re_path\nfrom django.http import HttpResponse\n"
        "urlpatterns = [re_path(r'^(a+)+$', lambda r: HttpResponse()), re_path(r'^((a|a)*)*b$', None)]\n",
    )
    write(
        repo,
        ".ebextensions/health.config",
        "option_settings:\n  aws:elasticbeanstalk:application:\n    Application Healthcheck URL: /" + "a" * 40 + "!\n"
        "  aws:elasticbeanstalk:environment:process:default:\n    HealthCheckPath: /" + "a" * 40 + "!\n",
    )


@case("nginx-deep-blocks", expect="deep.conf", gap="NG001 (nginx parse error) is produced by NginxParser but no rule reports it")
def _(repo, outside):
    write(repo, NGINX_DIR + "/deep.conf", "location / {" * 100_000 + "}" * 100_000 + "\n")


@case("nginx-include-loop")
def _(repo, outside):
    write(repo, NGINX_DIR + "/loop.conf", "include conf.d/elasticbeanstalk/*.conf;\ninclude /etc/nginx/conf.d/elasticbeanstalk/loop.conf;\n")
    write(repo, ".platform/nginx/nginx.conf", "http { include nginx.conf; include conf.d/*.conf; server { listen 80; include conf.d/elasticbeanstalk/*.conf; } }\n")


@case("nginx-include-fanout")
def _(repo, outside):
    letters = "abcdefghijklmnopq"
    for index, letter in enumerate(letters[:-1]):
        write(repo, NGINX_DIR + "/x%s.conf" % letter, ("include conf.d/elasticbeanstalk/x%s.conf;\n" % letters[index + 1]) * 10)
    write(repo, NGINX_DIR + "/xq.conf", "location /q { return 200; }\n")


@case("nginx-catastrophic-regex")
def _(repo, outside):
    write(repo, NGINX_DIR + "/regex.conf", "location ~ ^/(a+)+$ { return 200; }\nlocation ~* ^/((a|a)*)*b$ { return 204; }\n")
    write(
        repo,
        ".ebextensions/health.config",
        "option_settings:\n  aws:elasticbeanstalk:environment:process:default:\n    HealthCheckPath: /" + "a" * 40 + "!\n",
    )
    write(repo, ".platform/nginx/nginx.conf", "http { include nginx.conf; include conf.d/*.conf; server { listen 80; include conf.d/elasticbeanstalk/*.conf; } }\n")


@case("huge-list-python")
def _(repo, outside):
    hosts = ", ".join("'h%d.example.com'" % index for index in range(100_000))
    append(repo, "mysite/settings.py", "\nALLOWED_HOSTS = [" + hosts + "]\n")


@case("huge-list-yaml-and-nginx")
def _(repo, outside):
    lines = ["option_settings:"]
    for index in range(20_000):
        lines.append("  - namespace: aws:elasticbeanstalk:application:environment\n    option_name: V%d\n    value: x" % index)
    write(repo, ".ebextensions/many.config", "\n".join(lines) + "\n")
    write(repo, NGINX_DIR + "/many.conf", "".join("location /p%d { return 200; }\n" % index for index in range(50_000)))


@case("huge-list-requirements")
def _(repo, outside):
    write(repo, "requirements.txt", "".join("pkg%d==1.0\n" % index for index in range(50_000)) + "Django==4.2\n")


@case("many-files")
def _(repo, outside):
    for index in range(3000):
        write(repo, ".ebextensions/%04d.config" % index, "option_settings:\n  aws:elasticbeanstalk:application:environment:\n    K%d: v\n" % index)


@case("ten-megabyte-lines", expect="huge.config")
def _(repo, outside):
    write(repo, ".ebextensions/huge.config", "option_settings: '" + "x" * (10 << 20) + "'\n")
    write(repo, NGINX_DIR + "/huge.conf", "# " + "y" * (10 << 20) + "\n")
    append(repo, "mysite/settings.py", "\n# " + "z" * (10 << 20) + "\n")
    write(repo, "Procfile", "web: " + "w" * (10 << 20) + "\n")
    write(repo, ".elasticbeanstalk/config.yml", "global: '" + "g" * (10 << 20) + "'\n")


# Lines just under the 5 MB file limit are read; one kind per repo keeps each run short
# under a debug build (the release binary reads all of them together in about a second).
@case("long-line-yaml")
def _(repo, outside):
    write(repo, ".ebextensions/long.config", "option_settings: {a: '" + "x" * (2 << 20) + "'}\n")


@case("long-line-nginx")
def _(repo, outside):
    write(repo, NGINX_DIR + "/long.conf", "set $v " + "y" * (4 << 20) + ";\n")


@case("long-line-python")
def _(repo, outside):
    append(repo, "mysite/settings.py", "\nLONG = '" + "z" * (4 << 20) + "'\n")


@case("long-line-procfile-and-requirements")
def _(repo, outside):
    write(repo, "Procfile", "web: gunicorn " + "w" * (1 << 20) + "\n")
    write(repo, "requirements.txt", "Django==4.2 " + "q" * (1 << 20) + "\n")


@case("utf16-with-bom", expect="settings.py")
def _(repo, outside):
    with open(os.path.join(repo, "mysite/settings.py"), "rb") as handle:
        text = handle.read().decode("utf-8")
    write(repo, "mysite/settings.py", "\ufeff".encode("utf-16-le") + text.encode("utf-16-le"))
    write(repo, ".ebextensions/utf16.config", b"\xfe\xff" + "option_settings:\n  a: b\n".encode("utf-16-be"))
    write(repo, NGINX_DIR + "/utf16.conf", b"\xff\xfe" + "location / { return 200; }\n".encode("utf-16-le"))


@case("latin1-and-mixed-encodings")
def _(repo, outside):
    append(repo, "mysite/settings.py", "\n# caf\xe9 na\xefve\nNAME = 'r\xe9sum\xe9'\n".encode("latin-1") + "\nKO = '한국어'\n".encode("utf-8") + b"\xc3\x28\xa0\xa1\xf0\x28\x8c\x28\n")
    write(repo, ".ebextensions/latin1.config", "option_settings:\n  aws:elasticbeanstalk:application:environment:\n    NAME: 'caf\xe9'\n".encode("latin-1"))
    write(repo, NGINX_DIR + "/latin1.conf", "# caf\xe9\nlocation /caf\xe9 { return 200; }\n".encode("latin-1"))
    write(repo, "Procfile", "web: gunicorn caf\xe9.wsgi\n".encode("latin-1"))
    write(repo, "requirements.txt", "Dj\xe4ngo==4.2\n".encode("latin-1"))


@case("lone-surrogate-escapes")
def _(repo, outside):
    write(repo, ".ebextensions/surrogate.config", '{"option_settings": {"aws:elasticbeanstalk:application:environment": {"A": "\\ud800", "B": "\\udc00\\ud800x", "C": "\\uDFFF"}}}')
    write(repo, ".ebextensions/surrogate-yaml.config", 'option_settings:\n  aws:elasticbeanstalk:application:environment:\n    A: "\\ud800"\n    B: "\\U0010FFFF\\U00110000"\n')
    append(repo, "mysite/settings.py", "\nA = '\\ud800'\nB = b'\\xff'.decode()\nC = '\\N{NOT A NAME}'\nD = '\\U00110000'\n")
    # The raw bytes of an encoded surrogate (CESU-8), invalid in UTF-8.
    write(repo, NGINX_DIR + "/surrogate.conf", b"location /\xed\xa0\x80 { return 200; }\n")


@case("binary-files")
def _(repo, outside):
    generator = random.Random(0xEBC)
    for relative in [".ebextensions/binary.config", "mysite/settings.py", NGINX_DIR + "/binary.conf", "Procfile", "requirements.txt", ".elasticbeanstalk/config.yml", "mysite/urls.py"]:
        write(repo, relative, bytes(generator.randrange(256) for _ in range(64 * 1024)))


@case("nul-bytes", expect="settings.py")
def _(repo, outside):
    append(repo, "mysite/settings.py", b"\nX = 'a\x00b'\x00\nALLOWED_HOSTS\x00 = []\n")
    write(repo, ".ebextensions/nul.config", b"option_settings:\x00\n  a\x00: b\x00\n")
    write(repo, NGINX_DIR + "/nul.conf", b"location /\x00 { return 200\x00; }\n")
    write(repo, "Procfile", b"web: gunicorn\x00 mysite.wsgi\n")
    write(repo, "requirements.txt", b"Django\x00==4.2\n")


@case("empty-files")
def _(repo, outside):
    for relative in [".ebextensions/django.config", "mysite/settings.py", "mysite/urls.py", NGINX_DIR + "/empty.conf", "Procfile", "requirements.txt", ".elasticbeanstalk/config.yml", ".ebcheck.yml", ".platform/nginx/nginx.conf"]:
        write(repo, relative, b"")


@case("directories-named-like-files")
def _(repo, outside):
    for relative in [".ebextensions/x.config", "Procfile", "requirements.txt", NGINX_DIR + "/d.conf", ".elasticbeanstalk/config.yml", "mysite/health.py"]:
        path = os.path.join(repo, relative)
        if os.path.isfile(path):
            os.remove(path)
        os.makedirs(path, exist_ok=True)
        write(repo, relative + "/inner.config", "option_settings: {}\n")


@case("unreadable-files", expect="settings.py", note="chmod 000 does not stop root; the case still runs but cannot expect a read error")
def _(repo, outside):
    write(repo, ".ebextensions/locked.config", "option_settings: {}\n", mode=0)
    os.chmod(os.path.join(repo, "mysite/settings.py"), 0)
    os.makedirs(os.path.join(repo, "locked-folder"))
    write(repo, "locked-folder/requirements.txt", "Django==4.2\n")
    os.chmod(os.path.join(repo, "locked-folder"), 0)


@case("symlink-loops")
def _(repo, outside):
    symlink(repo, ".ebextensions/a.config", "b.config")
    symlink(repo, ".ebextensions/b.config", "a.config")
    symlink(repo, ".ebextensions/self.config", "self.config")
    symlink(repo, "mysite/loop", "..")
    symlink(repo, "loop", ".")
    symlink(repo, NGINX_DIR + "/dangling.conf", "does-not-exist.conf")


@case("symlinks-escaping-root")
def _(repo, outside):
    symlink(repo, ".ebextensions/evil.config", os.path.join(outside, "secret.config"))
    symlink(repo, NGINX_DIR + "/evil.conf", os.path.join(outside, "secret.conf"))
    symlink(repo, "outside-folder", outside)
    symlink(repo, "requirements.txt.link", os.path.join(outside, "requirements.txt"))
    os.remove(os.path.join(repo, "requirements.txt"))
    symlink(repo, "requirements.txt", os.path.join(outside, "requirements.txt"))
    # The file fix would edit is a link out of the root.
    os.remove(os.path.join(repo, "mysite/settings.py"))
    symlink(repo, "mysite/settings.py", os.path.join(outside, "settings.py"))


@case("symlinked-folders-escaping-root")
def _(repo, outside):
    shutil.rmtree(os.path.join(repo, "mysite"))
    symlink(repo, "mysite", os.path.join(outside, "mysite"))
    symlink(repo, ".platform", os.path.join(outside, "platform"))


@case("symlink-in-root-to-settings", note="a link inside the root to the file fix edits")
def _(repo, outside):
    symlink(repo, "mysite/settings_link.py", "settings.py")
    symlink(repo, "alias", "mysite")


@case("special-files")
def _(repo, outside):
    os.mkfifo(os.path.join(repo, ".ebextensions/fifo.config"))
    os.mkfifo(os.path.join(repo, "Procfile.fifo"))
    os.remove(os.path.join(repo, "requirements.txt"))
    os.mkfifo(os.path.join(repo, "requirements.txt"))
    symlink(repo, NGINX_DIR + "/zero.conf", "/dev/zero")
    symlink(repo, ".ebextensions/urandom.config", "/dev/urandom")


@case("ebcheck-yml-fifo", expect=".ebcheck.yml")
def _(repo, outside):
    os.mkfifo(os.path.join(repo, ".ebcheck.yml"))


@case("ebcheck-yml-dev-zero", expect=".ebcheck.yml")
def _(repo, outside):
    symlink(repo, ".ebcheck.yml", "/dev/zero")


@case("ebcheck-yml-escaping-root", expect=".ebcheck.yml")
def _(repo, outside):
    symlink(repo, ".ebcheck.yml", os.path.join(outside, "ebcheck.yml"))


@case("ebcheck-yml-directory", expect=".ebcheck.yml")
def _(repo, outside):
    os.makedirs(os.path.join(repo, ".ebcheck.yml"))


@case("ebcheck-yml-hostile", expect=".ebcheck.yml")
def _(repo, outside):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 10):
        lines.append("a%d: &a%d [%s]" % (level, level, ", ".join(["*a%d" % (level - 1)] * 10)))
    lines.append("exclude: *a9")
    lines.append("env: " + "{a: " * 50_000)
    write(repo, ".ebcheck.yml", "\n".join(lines) + "\n")


@case("ebcheck-yml-huge", expect=".ebcheck.yml")
def _(repo, outside):
    write(repo, ".ebcheck.yml", "env:\n  A: '" + "x" * (12 << 20) + "'\n")


@case("eb-cli-config-hostile")
def _(repo, outside):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 12):
        lines.append("a%d: &a%d [%s]" % (level, level, ", ".join(["*a%d" % (level - 1)] * 10)))
    lines.append("branch-defaults: *a11")
    lines.append("global: " + "[" * 100_000)
    write(repo, ".elasticbeanstalk/config.yml", "\n".join(lines) + "\n")
    write(repo, ".elasticbeanstalk/saved_configs/bad.cfg.yml", b"\xff\xfe\x00\x00" + b"\x00" * 100)


@case("procfile-and-requirements-hostile")
def _(repo, outside):
    write(repo, "Procfile", "web: gunicorn --bind :" + "9" * 5000 + " mysite.wsgi\nweb: again\n" + ":" * 100_000 + "\n" + "x: " + "$" * 100_000 + "\n")
    write(repo, "requirements.txt", "-r requirements.txt\n-r other.txt\n-c requirements.txt\nDjango" + "[" * 100_000 + "\n" + "Django>=" + "9" * 5000 + "\n")
    write(repo, "other.txt", "-r requirements.txt\n")
    write(repo, "requirements/base.txt", "-r ../requirements.txt\n-r base.txt\n")


@case("procfile-malformed", expect="Procfile", gap="PF001 (Procfile parse error) is produced by the Procfile reader but no rule reports it")
def _(repo, outside):
    write(repo, "Procfile", "web gunicorn mysite.wsgi\n: nothing\n\x00\n")


@case("ignore-files-special")
def _(repo, outside):
    os.mkfifo(os.path.join(repo, ".gitignore.fifo"))
    os.remove(os.path.join(repo, ".gitignore"))
    os.mkfifo(os.path.join(repo, ".gitignore"))
    symlink(repo, ".ebignore", "/dev/zero")
    os.makedirs(os.path.join(repo, "mysite", ".gitignore"))


@case("deep-directories")
def _(repo, outside):
    relative = "/".join("d%d" % level for level in range(120))
    write(repo, relative + "/settings.py", "ALLOWED_HOSTS = []\n")
    write(repo, "/".join("e" for _ in range(60)) + "/.ebextensions/deep.config", "option_settings: {}\n")


@case("crlf-and-lone-cr")
def _(repo, outside):
    path = os.path.join(repo, "mysite/settings.py")
    with open(path, "rb") as handle:
        data = handle.read()
    write(repo, "mysite/settings.py", data.replace(b"\n", b"\r"))
    write(repo, ".ebextensions/cr.config", b"option_settings:\r  aws:elasticbeanstalk:application:environment:\r\n    A: b\r")


@case("file-changing-during-run", note="a thread rewrites settings.py and a config while ebcheck runs")
def _(repo, outside):
    pass


def mutator(repo, stop):
    """Rewrites files in place (truncate, grow, replace) until told to stop."""
    generator = random.Random(7)
    settings = os.path.join(repo, "mysite/settings.py")
    config = os.path.join(repo, ".ebextensions/django.config")
    with open(settings, "rb") as handle:
        original = handle.read()
    while not stop.is_set():
        choice = generator.randrange(4)
        try:
            if choice == 0:
                with open(settings, "wb") as handle:
                    handle.write(original[: generator.randrange(len(original))])
            elif choice == 1:
                with open(settings, "ab") as handle:
                    handle.write(b"X = 1\n" * 1000)
            elif choice == 2:
                with open(config, "wb") as handle:
                    handle.write(b"option_settings: [" * generator.randrange(100))
            else:
                os.replace(os.path.join(repo, "mysite/urls.py"), os.path.join(repo, "mysite/urls2.py"))
                os.replace(os.path.join(repo, "mysite/urls2.py"), os.path.join(repo, "mysite/urls.py"))
        except OSError:
            pass
        time.sleep(0.0005)


# ---------------------------------------------------------------------------------------------


def make_outside(folder):
    os.makedirs(os.path.join(folder, "mysite"))
    os.makedirs(os.path.join(folder, "platform/nginx/conf.d"))
    write(folder, "secret.config", "option_settings:\n  aws:elasticbeanstalk:application:environment:\n    SECRET: sentinel\n")
    write(folder, "secret.conf", "location /secret { return 200; }\n")
    write(folder, "requirements.txt", "Django==4.2\n")
    write(folder, "ebcheck.yml", "select: [HC]\n")
    write(folder, "platform/nginx/conf.d/x.conf", "location / { return 301 https://$host; }\n")
    shutil.copy(os.path.join(SEED, "mysite/settings.py"), os.path.join(folder, "settings.py"))
    for name in os.listdir(os.path.join(SEED, "mysite")):
        shutil.copy(os.path.join(SEED, "mysite", name), os.path.join(folder, "mysite", name))
    os.chmod(os.path.join(folder, "settings.py"), 0o640)


def restore_permissions(folder):
    for directory, folders, files in os.walk(folder, followlinks=False):
        for name in folders + files:
            path = os.path.join(directory, name)
            if not os.path.islink(path):
                try:
                    os.chmod(path, 0o755)
                except OSError:
                    pass
    for directory, folders, _ in os.walk(folder, followlinks=False):
        for name in folders:
            path = os.path.join(directory, name)
            if not os.path.islink(path):
                os.chmod(path, 0o755)


COMMANDS = [
    ("check", ["check"]),
    ("check-json", ["check", "--output-format", "json"]),
    ("fix", ["fix"]),
]


def run_one(binary, repo, arguments):
    start = time.monotonic()
    try:
        process = subprocess.run(
            [binary] + arguments + [repo], cwd=repo, stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=TIMEOUT)
    except subprocess.TimeoutExpired as expired:
        return None, expired.stdout or b"", expired.stderr or b"", time.monotonic() - start
    return process.returncode, process.stdout, process.stderr, time.monotonic() - start


def leftover_temporaries(repo):
    found = []
    for directory, _, files in os.walk(repo, followlinks=False):
        found += [os.path.join(directory, name) for name in files if name.startswith(".ebcheck-")]
    return found


def main():
    arguments = sys.argv[1:]
    if not arguments:
        print(__doc__)
        return 2
    binary = os.path.abspath(arguments[0])
    keep = "--keep" in arguments
    only = None
    if "--only" in arguments:
        only = set(arguments[arguments.index("--only") + 1].split(","))
    workspace = tempfile.mkdtemp(prefix="ebcheck-hostile-")
    outside = os.path.join(workspace, "outside")
    make_outside(outside)
    passed = failed = 0
    notes = []
    gaps = []
    try:
        for spec in CASES:
            if only and spec["name"] not in only:
                continue
            repo = os.path.join(workspace, "repos", spec["name"])
            shutil.copytree(SEED, repo, symlinks=True)
            spec["build"](repo, outside)
            if spec["note"]:
                notes.append("%s: %s" % (spec["name"], spec["note"]))
            expect = spec["expect"]
            if spec["name"] == "unreadable-files" and IS_ROOT:
                expect = None
            before = tree_hash(outside)
            for label, command in COMMANDS:
                stop = threading.Event()
                thread = None
                if spec["name"] == "file-changing-during-run":
                    thread = threading.Thread(target=mutator, args=(repo, stop), daemon=True)
                    thread.start()
                try:
                    code, out, err, seconds = run_one(binary, repo, command)
                finally:
                    stop.set()
                    if thread:
                        thread.join()
                problems = []
                if code is None:
                    problems.append("timed out after %ds" % TIMEOUT)
                elif code < 0:
                    problems.append("killed by signal %s" % signal.Signals(-code).name)
                elif code not in (0, 1, 2):
                    problems.append("exit %d" % code)
                text = (out + err).decode("utf-8", "replace")
                gap = None
                if expect and label != "fix" and code is not None and expect not in text:
                    if spec["gap"]:
                        gap = "output does not name %s (known gap: %s)" % (expect, spec["gap"])
                    else:
                        problems.append("output does not name %s" % expect)
                if label == "check-json" and code in (0, 1):
                    try:
                        json.loads(out.decode("utf-8"))
                    except (ValueError, UnicodeDecodeError) as error:
                        problems.append("JSON does not parse: %s" % error)
                after = tree_hash(outside)
                if after != before:
                    problems.append("files outside the lint root changed")
                if label == "fix":
                    leftovers = leftover_temporaries(repo)
                    if leftovers:
                        problems.append("temporary files left: %s" % leftovers[:3])
                name = "%s/%s" % (spec["name"], label)
                detail = "exit %s, %.2fs" % (code, seconds)
                if problems:
                    failed += 1
                    print("FAIL %-52s %s: %s" % (name, detail, "; ".join(problems)))
                    tail = text.strip().splitlines()[-3:]
                    for line in tail:
                        print("     | " + line[:200])
                elif gap:
                    passed += 1
                    gaps.append("%s: %s" % (name, gap))
                    print("XFAIL %-51s %s: %s" % (name, detail, gap))
                else:
                    passed += 1
                    print("ok   %-52s %s" % (name, detail))
                sys.stdout.flush()
    finally:
        restore_permissions(workspace)
        if keep:
            print("kept %s" % workspace)
        else:
            shutil.rmtree(workspace, ignore_errors=True)
    for note in notes:
        print("note: " + note)
    if IS_ROOT:
        print("note: running as root, so chmod 000 files stay readable; unreadable-files expects no read error")
    if gaps:
        print("%d known gaps (counted as passed, listed in the report):" % len(gaps))
        for gap in gaps:
            print("  " + gap)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
