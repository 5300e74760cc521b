# SPDX-License-Identifier: BSL-1.0
"""Validates a JSON document against drx's JSON Schema of SCHEMA with Python's jsonschema.

    python3 validate.py SCHEMA_DIR SCHEMA FILE      (Debian: apt-get install python3-jsonschema)

SCHEMA_DIR is share/drx/schemas of an installed drx, or the output of
`drx json-schema --all --out DIR`. Prints "valid", or the first error and exits 1.
"""
import json
import sys

import jsonschema

schema_dir, name, path = sys.argv[1:4]
with open(f"{schema_dir}/{name}.json") as f:
    validator = jsonschema.Draft202012Validator(json.load(f))
with open(path) as f:
    error = jsonschema.exceptions.best_match(validator.iter_errors(json.load(f)))
if error is None:
    print("valid")
else:
    print(f"invalid: {error.json_path} {error.message}")
    sys.exit(1)
