#!/usr/bin/env python3
# SPDX-License-Identifier: BSL-1.0
"""Generate the golden tables embedded in tests/test_python_format.cpp.

The expected texts come from CPython (repr(float), json.dumps), never from drx.
Run:  python3 tests/tools/make_python_golden.py > /tmp/golden.inc
and paste the three tables into tests/test_python_format.cpp (between the
"BEGIN GENERATED" / "END GENERATED" markers). Produced with CPython 3.11.
"""
import json
import math
import struct
import sys

FLOATS = [
    0.0, -0.0, 1.0, -1.0, 0.1, 0.30000000000000004, 1e-05, 0.0001, 0.00011,
    0.00010000000000000002, 9.999999999999999e-05, 1e+16, 9999999999999998.0,
    1e+15, 1234567890123456.8, 1.5e-07, 123456789012345.67, 12345678901234.567,
    1e+22, 1e+23, -1e+16, -0.0001, 123456789.0, 1e-30, 1e+30, 1.7976931348623157e+308, 5e-324, 2.2250738585072014e-308,
    2.225073858507201e-308, -1.5, 100.0, 1e+100, 123e-20, 1.2345e-10, 0.5, 2.5,
    3.141592653589793, -2.718281828459045, 9007199254740992.0, 9007199254740994.0,
    1.8446744073709552e+19, 123456.0, 0.001, 0.01, 1e-4 * 1.5, 4.35, 1e21, 1e-7,
    -1e-300, 65536.0, 0.2, 1.1, 2.0 ** -1074 * 3, 2.0 ** 60, 1e16 + 2, 1e-06, 1e+17, 1.5e+300, 5e-310,
    123.456, -0.001234, 7e-10, 1.0000000000000002, 0.9999999999999999, 42.0,
]

STRINGS = [
    "", "a", "hello world", "quote\"in", "back\\slash", "/slash", "\x7f",
    "".join(chr(c) for c in range(0x20)), "tab\there\nnl\rcr\bbs\fff",
    "\u00e9", "caf\u00e9", "\u20ac", "\uffff", "\ufeff", "\U0001F600", "x\U0001F600y",
    "\u2028\u2029", "\U0010FFFF", "\U00010000", "\u0080", "\u07ff", "\u0800",
    "\ud7ff", "\ue000", "mixed \u00e9\u20ac\U0001F600 \x01\"\\ end", "\x00", "~ \x1f",
    # Longer than 8 bytes, so that the word-at-a-time scan meets each special byte.
    "abcdefgh\x7fijklmnop", "0123456789\x1fabcdefghij", "ABCDEFGHIJ\"KLMNOPQRST",
    "ABCDEFGHIJ\\KLMNOPQRST", "ABCDEFGHIJ\u00e9KLMNOPQRST\U0001F600", "abcdefghijklmnop\n",
    " !#$%&'()*+,-./0123456789:;<=>?@[]^_`{|}~",
]

# Byte strings Python's strict UTF-8 decoder refuses (checked below).
INVALID = [
    b"\x80", b"\xbf", b"\xc0\x80", b"\xc1\xbf", b"\xc2", b"\xc2\x41", b"\xe0\x80\x80",
    b"\xe0\x9f\xbf", b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xe2\x82", b"\xf0\x80\x80\x80",
    b"\xf0\x8f\xbf\xbf", b"\xf4\x90\x80\x80", b"\xf5\x80\x80\x80", b"\xff", b"\xfe",
    b"\xf0\x9f\x98", b"ok\xe9", b"abcdefgh\x80abcdefgh", b"\xf8\x88\x80\x80\x80",
]


def cxx_bytes(b: bytes) -> str:
    out = []
    for c in b:
        if c == 0x22:
            out.append('\\"')
        elif c == 0x5C:
            out.append("\\\\")
        elif 0x20 <= c < 0x7F and c != 0x3F:
            out.append(chr(c))
        else:
            out.append("\\%03o" % c)
    return '"' + "".join(out) + '"'


def main() -> None:
    w = sys.stdout.write
    w("// Produced by %s\n" % sys.version.split()[0].join(["CPython ", "'s repr/json.dumps"]))
    w("// BEGIN GENERATED floats: {bits, repr}\n")
    for x in FLOATS:
        bits = struct.unpack(">Q", struct.pack(">d", x))[0]
        w('    {0x%016xull, "%s"},\n' % (bits, repr(x)))
    for x in (math.nan, math.inf, -math.inf):
        bits = struct.unpack(">Q", struct.pack(">d", x))[0]
        w('    {0x%016xull, %s},\n' % (bits, cxx_bytes(json.dumps(x).encode())))
    w("// END GENERATED floats\n")
    w("// BEGIN GENERATED strings: {utf8 input, dumps ensure_ascii=True, dumps ensure_ascii=False}\n")
    for s in STRINGS:
        b = s.encode("utf-8")
        a = json.dumps(s).encode("utf-8")
        u = json.dumps(s, ensure_ascii=False).encode("utf-8")
        w("    {std::string_view(%s, %d), %s, std::string_view(%s, %d)},\n"
          % (cxx_bytes(b), len(b), cxx_bytes(a), cxx_bytes(u), len(u)))
    w("// END GENERATED strings\n")
    w("// BEGIN GENERATED invalid utf-8 (bytes.decode('utf-8') raises)\n")
    for b in INVALID:
        try:
            b.decode("utf-8")
        except UnicodeDecodeError:
            w("    std::string_view(%s, %d),\n" % (cxx_bytes(b), len(b)))
        else:
            raise SystemExit("not invalid: %r" % b)
    w("// END GENERATED invalid\n")


if __name__ == "__main__":
    main()
