"""Print CPython's tokens of a file as `KIND LINE COLUMN` lines (column 0-based, code points)."""
import sys
import tokenize

SKIP = {tokenize.ENCODING, tokenize.ENDMARKER}

with open(sys.argv[1], "rb") as handle:
    for token in tokenize.tokenize(handle.readline):
        if token.type in SKIP:
            continue
        kind = tokenize.tok_name[token.type]
        line, column = token.start
        print(kind, line, column)
