#!/usr/bin/env python3
# SPDX-License-Identifier: BSL-1.0
"""Generate the CPython golden files under tests/data/core/ used by the core tests.

Every expected text here comes from CPython's json module (json.dumps / json.loads), never
from drx. The tests that read these files (tests/test_writer.cpp, tests/test_seed003.cpp)
build the same data in C++ and compare drx's output with these bytes. Each file holds exactly
what json.dumps returned (no trailing newline).

Run from anywhere:  python3 tests/tools/make_core_golden.py
Produced with CPython 3.11 (Debian 12's python3).
"""
import json
import math
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests", "data", "core")
SEED = os.path.join(ROOT, "tests", "data", "seed003")

LAYOUTS = {
    "compact": dict(separators=(",", ":")),
    "python": dict(),
    "indent0": dict(indent=0),
    "indent2": dict(indent=2),
    "indent4": dict(indent=4),
}


def write(name, text):
    with open(os.path.join(OUT, name), "w", encoding="ascii" if text.isascii() else "utf-8", newline="") as f:
        f.write(text)


# drx_test::writer_doc in tests/test_writer.cpp, member for member, in declared (wire) order.
WRITER_DOC = {
    "name": "drx",
    "flag": True,
    "count": -42,
    "big": 18446744073709551615,
    "ratio": 0.1,
    "tiny": 1e-05,
    "huge": 1e16,
    "whole": 3.0,
    "negZero": -0.0,
    "nInt": 0,
    "nFloat": 0.0,
    "scalars": [1, 1.0, "1", True, None, -2.5e-07],
    # "absent" is an absent std::optional: omitted
    "nullOpt": None,
    "nullStr": None,
    "colour": "dark-green",
    "kind": "time-series",
    "emptyList": [],
    "emptyMap": {},
    "scores": {"z": 1.5, "a": -0.0, "m": 2.0},
    "triple": [1, 2, 3],
    "nested": [{"k": 1, "xs": []}, {"k": 2, "xs": [3, 4]}],
    "grid": [[], [1, 2]],
    "any": {"x": [1, 2.5, None, True, "s"], "y": {}, "z": [], "f": 1e22, "g": 0.1},
}

# drx_test::empties in tests/test_writer.cpp.
EMPTIES = {"a": [], "b": {}, "c": [[], {}], "d": [{}], "e": {"f": []}}

# drx_test::text_doc in tests/test_writer.cpp.
TEXT = ("\u00e9\u20ac\U0001F600\u2028\u2029 ctrl \x00\x01\x1f\x7f \"q\" \\ \n\t\r\b\f / "
        "\U0010FFFF\uffff\u0080")
TEXT_DOC = {"s": TEXT, "keys": {"cl\u00e9": 1, "\U0001F600": 2, "a\"b": 3}}

# drx_test::nan_doc in tests/test_writer.cpp (written with allow_nan).
NAN_DOC = {"a": math.nan, "b": math.inf, "c": -math.inf, "d": [math.nan, 1.0]}


def main():
    os.makedirs(OUT, exist_ok=True)
    for lay, kw in LAYOUTS.items():
        write("writer_doc.%s.json" % lay, json.dumps(WRITER_DOC, **kw))
        write("writer_empties.%s.json" % lay, json.dumps(EMPTIES, **kw))
        write("writer_all_absent.%s.json" % lay, json.dumps({}, **kw))
    write("writer_text.ascii.json", json.dumps(TEXT_DOC, separators=(",", ":")))
    write("writer_text.utf8.json", json.dumps(TEXT_DOC, separators=(",", ":"), ensure_ascii=False))
    write("writer_nan.compact.json", json.dumps(NAN_DOC, separators=(",", ":")))

    with open(os.path.join(SEED, "xemp_example.txt"), encoding="utf-8") as f:
        xemp = json.loads(f.read())
    with open(os.path.join(SEED, "shap_example.txt"), encoding="utf-8") as f:
        shap = json.loads(f.read())
    write("seed003_xemp.indent2.json", json.dumps(xemp, indent=2))
    write("seed003_xemp.compact.json", json.dumps(xemp, separators=(",", ":")))
    write("seed003_shap.compact.json", json.dumps(shap, separators=(",", ":")))
    write("seed003_shap.indent2.json", json.dumps(shap, indent=2))


if __name__ == "__main__":
    main()
