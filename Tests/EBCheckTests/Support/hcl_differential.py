"""Reference reading of Terraform files with python-hcl2, compared with ebcheck's.

Usage: hcl_differential.py OURS.json FILE.tf ...
OURS.json maps each path to ebcheck's flattened attributes: [block path, canonical value]
pairs. This script flattens python-hcl2's reading the same way and prints
{"compared": N, "mismatches": [...]}.

Canonical values: strings as "s:<decoded text>", expressions Terraform evaluates later as
"e:<source without whitespace and commas>", numbers as floats, bools, null, lists, maps.
python-hcl2 drops a heredoc's final newline; ebcheck's side strips it too (Terraform keeps it).
"""
import json
import re
import sys

import hcl2
from hcl2 import SerializationOptions

NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$")


def decode(text):
    """HCL quoted-string escapes."""
    out = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            kind = text[index + 1]
            simple = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}
            if kind in simple:
                out.append(simple[kind])
                index += 2
                continue
            if kind in "uU":
                digits = 4 if kind == "u" else 8
                out.append(chr(int(text[index + 2:index + 2 + digits], 16)))
                index += 2 + digits
                continue
        if text.startswith("$${", index) or text.startswith("%%{", index):
            out.append(text[index] + "{")
            index += 3
            continue
        out.append(char)
        index += 1
    return "".join(out)


def squeeze(text):
    return re.sub(r"[\s,]", "", text)


def canonical(value):
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        if len(value) >= 2 and value[0] == value[-1] == '"':
            return "s:" + decode(value[1:-1])
        if value.startswith("${") and value.endswith("}"):
            inner = value[2:-1]
            if NUMBER.match(inner.strip()):
                return float(inner)
            return "e:" + squeeze(inner)
        # A bare name (`string`, `engine_version`) is printed as written.
        return "e:" + squeeze(value)
    if isinstance(value, list):
        return [canonical(item) for item in value]
    if isinstance(value, dict):
        return {unquote(key): canonical(item) for key, item in value.items()}
    return repr(value)


def unquote(key):
    return key[1:-1] if len(key) >= 2 and key[0] == key[-1] == '"' else key


def is_block(value):
    return isinstance(value, dict) and value.get("__is_block__") is True


def flatten_body(body, prefix, out):
    counts = {}
    for key, value in body.items():
        if key == "__is_block__":
            continue
        if isinstance(value, list) and value and all(isinstance(item, dict) for item in value) \
                and any(contains_block(item) for item in value):
            for item in value:
                flatten_block(item, prefix + key, [], out, counts)
        else:
            out.append([prefix + key, canonical(value)])


def contains_block(item):
    while isinstance(item, dict) and not is_block(item) and len(item) == 1:
        item = next(iter(item.values()))
    return is_block(item)


def flatten_block(item, type_path, labels, out, counts):
    if is_block(item):
        path = type_path + "".join("/" + label for label in labels)
        counts[path] = counts.get(path, -1) + 1
        flatten_body(item, f"{path}#{counts[path]}/", out)
        return
    for label, inner in item.items():
        flatten_block(inner, type_path, labels + [unquote(label)], out, counts)


def main():
    ours = json.load(open(sys.argv[1], encoding="utf-8"))
    options = SerializationOptions(with_comments=False, preserve_heredocs=False, explicit_blocks=True)
    compared = 0
    mismatches = []
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as handle:
            document = hcl2.loads(handle.read(), serialization_options=options)
        theirs = []
        flatten_body(document, "", theirs)
        mine = ours.get(path, [])
        theirs.sort(key=lambda pair: pair[0])
        mine.sort(key=lambda pair: pair[0])
        if [p for p, _ in theirs] != [p for p, _ in mine]:
            mismatches.append({"file": path, "paths": {"python-hcl2": [p for p, _ in theirs], "ebcheck": [p for p, _ in mine]}})
            continue
        for (key, reference), (_, actual) in zip(theirs, mine):
            compared += 1
            if reference != actual:
                mismatches.append({"file": path, "attribute": key, "python-hcl2": reference, "ebcheck": actual})
    print(json.dumps({"compared": compared, "mismatches": mismatches}, ensure_ascii=False))


if __name__ == "__main__":
    main()
