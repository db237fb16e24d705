#!/usr/bin/env python3
"""Writes the release link's symbol order (scripts/link-order.txt) from a run of the seed check.

Usage: make-link-order.py BINARY [OUT] [-- CHECK ARGS...]
  BINARY  an unstripped ebcheck built as `make release` builds it (.build/release/ebcheck)
  OUT     the order file (default: scripts/link-order.txt)

Start-up is mostly page faults (docs/performance.md, round seven): each first touch of a page
of the 54 MB binary costs a fault, and the code and zero-filled data the seed check uses were
spread over the whole binary. The run goes through valgrind's lackey tool, which reports every
instruction and memory access; each address inside BINARY's code (.text) or zero-filled data
(.bss) is mapped to the symbol that holds it, and the symbols are written in the order the
run first touched them. lld (`--symbol-ordering-file`, Makefile LINK_FLAGS) then lays them out
in that order at the start of their sections, so the check touches a few packed pages instead
of one page here and there. A name the code no longer has is skipped by the linker
(`--no-warn-symbol-ordering`), so a stale file costs only locality, never a failed build or a
different program: rerun this after large changes (valgrind and binutils' nm/readelf needed).
"""
import os
import re
import subprocess
import sys
from bisect import bisect_right
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Where valgrind maps a position-independent executable on x86-64 (checked below: the
# program's entry point must be among the instructions the run executed).
VALGRIND_PIE_BASE = 0x108000
ORDERED_SECTIONS = (".text", ".bss")


def sections(binary):
    """(name, start, end) of the sections whose symbols are ordered."""
    found = []
    listing = subprocess.run(["readelf", "-SW", binary], capture_output=True, text=True, check=True)
    for line in listing.stdout.splitlines():
        match = re.match(r"\s*\[\s*\d+\]\s+(\S+)\s+\S+\s+([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)", line)
        if match and match.group(1) in ORDERED_SECTIONS:
            start = int(match.group(2), 16)
            found.append((match.group(1), start, start + int(match.group(3), 16)))
    return found


def entry_point(binary):
    header = subprocess.run(["readelf", "-hW", binary], capture_output=True, text=True, check=True)
    match = re.search(r"Entry point address:\s+0x([0-9a-f]+)", header.stdout)
    if not match:
        sys.exit(f"make-link-order: {binary}: no entry point in its ELF header")
    return int(match.group(1), 16)


def symbols(binary):
    """Sorted (start, size, name) of every sized symbol."""
    listing = subprocess.run(["nm", "-S", "-n", "--defined-only", binary],
                             capture_output=True, text=True, check=True)
    found = []
    for line in listing.stdout.splitlines():
        parts = line.split()
        if len(parts) == 4 and int(parts[1], 16) > 0:
            found.append((int(parts[0], 16), int(parts[1], 16), parts[3]))
    if not found:
        sys.exit(f"make-link-order: {binary} has no symbols (give the unstripped release binary)")
    found.sort()
    return found


def first_touches(binary, check_args, ranges):
    """Offsets inside `ranges` (binary addresses), each once, in the order the run touched them."""
    low = min(start for _, start, _ in ranges) + VALGRIND_PIE_BASE
    high = max(end for _, _, end in ranges) + VALGRIND_PIE_BASE
    reader, writer = os.pipe()
    command = ["valgrind", "--tool=lackey", "--trace-mem=yes", f"--log-fd={writer}", binary,
               *check_args]
    run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           pass_fds=(writer,))
    os.close(writer)
    seen = set()
    order = []
    with open(reader, "rb", buffering=1 << 20) as trace:
        for line in trace:
            # "I  0403c3a0,3" (instruction) or " L 1ffefff8b8,8" / " S ..." / " M ..." (data)
            comma = line.find(b",")
            if comma < 0 or line[:1] == b"=":
                continue
            address = int(line[3:comma], 16)
            if low <= address < high and address not in seen:
                seen.add(address)
                order.append(address - VALGRIND_PIE_BASE)
    if run.wait() not in (0, 1):
        sys.exit(f"make-link-order: the traced check exited with {run.returncode}")
    return order, seen


def ordered_symbols(touched, ranges, table):
    """The names of the symbols holding the `touched` offsets, section by section in `ranges`
    order and within a section in the order of their first touch, each name once; offsets
    between symbols (padding, unnamed code) name nothing. `table` is sorted (start, size, name)."""
    starts = [start for start, _, _ in table]
    names = []
    named = set()
    for _, start, end in ranges:
        for offset in touched:
            if not start <= offset < end:
                continue
            index = bisect_right(starts, offset) - 1
            if index < 0:
                continue
            symbol_start, size, symbol = table[index]
            if offset < symbol_start + size and symbol not in named:
                named.add(symbol)
                names.append(symbol)
    return names


def main():
    args = sys.argv[1:]
    check_args = ["check", "Fixtures/projects/seed"]
    if "--" in args:
        check_args = args[args.index("--") + 1:]
        args = args[:args.index("--")]
    if not args:
        sys.exit(__doc__)
    binary = args[0]
    out = Path(args[1]) if len(args) > 1 else ROOT / "scripts/link-order.txt"
    ranges = sections(binary)
    touched, seen = first_touches(binary, check_args, ranges)
    if entry_point(binary) + VALGRIND_PIE_BASE not in seen:
        sys.exit("make-link-order: the program's entry point is not in the trace: valgrind did "
                 f"not load {binary} at {VALGRIND_PIE_BASE:#x}")
    names = ordered_symbols(touched, ranges, symbols(binary))
    out.write_text("".join(name + "\n" for name in names))
    print(f"make-link-order: {len(names)} symbols ({', '.join(n for n, _, _ in ranges)}) -> {out}")


if __name__ == "__main__":
    main()
