# Every literal form a settings file might contain
INT_PLAIN = 42
INT_UNDERSCORE = 1_000_000
INT_HEX = 0xFF
INT_OCT = 0o755
INT_BIN = 0b1010
FLOAT_PLAIN = 3.14
FLOAT_EXP = 1e-3
FLOAT_DOT = 10.
FLOAT_LEAD = .5
NEGATIVE = -7
COMPLEX_PART = 2j
BIG = 2 ** 10
DIVIDED = 7 // 2
REMAINDER = 7 % 3

SINGLE = 'single'
DOUBLE = "double"
RAW = r"^health/?$"
RAW_UPPER = R'\d+'
BYTES = b"bytes"
UNICODE = u"unicode"
ESCAPES = "tab\tnewline\nquote\"backslash\\"
HEX_ESCAPE = "\x41\u00e9\N{BULLET}"
IMPLICIT = ("first " "second "
            'third')
TRIPLE = """triple
quoted"""
TRIPLE_SINGLE = '''it's'''
NAME = "world"
FSTRING = f"hello {NAME}!"
FSTRING_BRACES = f"{{literal}} {NAME.upper()}"
RAW_F = rf"{NAME}\d"
EMPTY = ""
ELLIPSIS_VALUE = ...
NOTHING = None
YES, NO = True, False
ALLOWED_HOSTS = ["numbers.example.com"]
ROOT_URLCONF = "num.urls"
