"""Prints a TOML file as JSON the way TOMLReaderTests encodes ebcheck's reading of it.

Usage: toml_json.py FILE. Prints `{"error": true}` when Python's tomllib rejects the file.
Strings, booleans and integers keep their JSON types; floats become {"float": repr};
dates and times become {"datetime": isoformat}; tables are objects, arrays are arrays.
"""
import datetime
import json
import sys
import tomllib


def encode(value):
    if isinstance(value, bool) or isinstance(value, (str, int)):
        return value
    if isinstance(value, float):
        return {"float": repr(value)}
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return {"datetime": True}
    if isinstance(value, list):
        return [encode(item) for item in value]
    return {key: encode(item) for key, item in value.items()}


try:
    with open(sys.argv[1], "rb") as handle:
        document = tomllib.load(handle)
except tomllib.TOMLDecodeError:
    print(json.dumps({"error": True}))
else:
    print(json.dumps(encode(document), sort_keys=True, ensure_ascii=False))
