#!/usr/bin/env python3
# SPDX-License-Identifier: BSL-1.0
"""Generate the golden files of tests/data/deployment/ with CPython (never with drx).

    python3 tests/tools/make_deployment_golden.py            # rewrite the files
    python3 tests/tools/make_deployment_golden.py --check    # exit 1 if a file would change

Files:
  python_numbers.tsv   one line per input text: hex(UTF-8)  int()  float()  StrBool-1.x  ToBool-2.x
                       int():   "ok <decimal>", "ValueError" or "ValueError limit" (4300 digits)
                       float(): repr(float(s)) or "ValueError"
                       bools:   "True", "False" or "DataError" (trafaret's spelling lists)
  query_decode.tsv     hex(query string) then hex(name) hex(value) pairs, as
                       urllib.parse.parse_qsl(q, keep_blank_values=True) decodes them ('+' is a space)
  cli_query.tsv        query string, tab, the JSON `drx query` prints for it (parse_qsl, int(), float(),
                       StrBool, json.dumps; parameters in seed 003's table order)
  query_encode.tsv     the same pairs and hex(urllib.parse.urlencode(pairs)) (quote_plus), as the
                       Python client's requests library builds a query
  *.json               response bodies: seed 003's examples through json.loads / json.dumps
                       (the Python server's default separators), and the mock server's trimmed forms
Produced with CPython 3.11 (Unicode 14.0.0). Sources: docs/reference/query-conversions.md and
docs/reference/errors.md, seed 003 (tests/data/seed003/*.txt).
"""
import json
import os
import sys
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests", "data", "deployment")

# ---- python numbers -------------------------------------------------------------------------

NUMBER_INPUTS = [
    # docs/reference/query-conversions.md (Int)
    "3", " 3", "3 ", "\t3\n", "+3", "-0", "00", "007", "1_000", "1__000", "_1", "3_", "\uff13", "\u0663",
    "\u0663\u0664", "\u00b2", "\u2460", "\u00bd", "\u4e09", "\u00a03\u00a0", "\u20033", "\u20283", "\x853",
    "\x1c3", "\x1d3", "\x1e3", "\x1f3", "3\x1c", "3.0", "1.0", "1e3", ".5", "5.", " 2.5 ", "1_0.5", "", " ",
    "0x10", "0b10", "0o7", "nan", "inf", "Infinity", "-3", "--3", "+-3", "+ 1", "- 1", "1 2", "12 ",
    "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
    "18446744073709551615", "18446744073709551616", "99999999999999999999999999", "-0000", "+0",
    "0_0", "1_2_3", "1\u00a02", "\u0661_\u0662", "\ufeff1", "\u180e1", "\u200b1", "1\x00", "\x001",
    "\u30003\u3000", "\u16803", "\u205f3", "\u202f3", "\u20293", "\u20093", "\u200a3", "\u20003",
    "\U0001d7ce\U0001d7cf", "\U0001fbf5", "\u0e53", "\u09e9\u0033", "\uff10\uff17",
    "1" * 4300, "1" * 4301, "0" * 4301, "0" * 4300, "1_" * 2150 + "1", "1_" * 4300 + "1",
    " " * 100 + "7" + " " * 100, "+" + "9" * 4300, "-" + "9" * 4301,
    # docs/reference/query-conversions.md (Float)
    "3.0", "1e3", "1.5e3", "1_000.5e1_0", "1e1_0", "1_.5", "1._5", "1_e3", "1e_3", "_1.0", "1.0_",
    "NaN", "+nan", "-nan", "INF", "infinity", "-Infinity", "iNfInItY", "inf ", "infinit", "nan(1)",
    "1e400", "-1e400", "1e-400", "9" * 5000, "0." + "0" * 400 + "1", "0." + "0" * 400 + "1e400",
    "1" + "0" * 400 + "e-400", "\uff11e\uff13", "\u0663.\u0665", "1e", "1e+", "1e-", "e5", ".", ".e5",
    "1.e5", "+.5", "-.5e-3", "1E+05", "1e5.5", "1,5", "in f", "++1", "None", "null", "\u3000inf",
    "5e-324", "2.4703282292062327e-324", "2.4703282292062328e-324", "1.7976931348623157e308",
    "1.7976931348623158e308", "1.7976931348623159e308", "2.2250738585072011e-308",
    "0.1", "0.30000000000000004", "123456789012345678901234567890", "1e22", "1e23", "4.35",
    "1e0000000000000000000000000000000000000001", "1e-0000000000000000000000000000000000000001",
    "1e99999999999999999999999", "0e99999999999999999999999", "0.0e-99999999999999999999",
    "-0.0", "-0", "+0.0", "00.00", "0.5", "2.5", "0.678", "0.345", "\u0b66.\u0b67",
    # docs/reference/query-conversions.md (Bool)
    "t", "T", "true", "TRUE", "True", "y", "Y", "yes", "YES", "on", "ON", "1", "false", "FALSE", "n",
    "no", "off", "OFF", "0", "none", "None", "NONE", "1.0", "0.0", "f", "F", "null", "2", "1.00",
    "\uff39\uff25\uff33", " true ", "\x1ctrue\x1f", "\x85yes\u3000", "\u00a0no\u2028", "tru e", "yess",
    "\u0130", "\u212a", "-1", "on\t", "\x0bOff\x0c", "\u00a0\u00a0", "-0.0",
]


def py_int(s):
    try:
        return "ok %d" % int(s)
    except ValueError as e:
        return "ValueError limit" if "Exceeds the limit" in str(e) else "ValueError"


def py_float(s):
    try:
        return repr(float(s))
    except ValueError:
        return "ValueError"


TRUE1 = ("t", "true", "y", "yes", "on", "1")
FALSE1 = ("false", "n", "no", "off", "0", "none")


def str_bool(s, v2):
    # trafaret StrBool (1.x) / ToBool (2.x): str(value).strip().lower() against fixed lists.
    w = str(s).strip().lower()
    if w in TRUE1 or (v2 and w == "1.0"):
        return "True"
    if w in FALSE1 or (v2 and w == "0.0"):
        return "False"
    return "DataError"


def numbers_file():
    lines = []
    seen = set()
    for s in NUMBER_INPUTS:
        if s in seen:
            continue
        seen.add(s)
        lines.append("\t".join([s.encode("utf-8").hex(), py_int(s), py_float(s), str_bool(s, False),
                                str_bool(s, True)]))
    return "\n".join(lines) + "\n"


# ---- query strings --------------------------------------------------------------------------

DECODE_INPUTS = [
    "", "a=1", "a=1&b=2", "a=1&&b=2", "&a=1&", "a", "a=", "=1", "a=1=2", "a+b=c+d", "a%20b=c%20d",
    "a%2Bb=%2B1", "maxExplanations=3&thresholdHigh=0.5&explanationClassNames=a&explanationClassNames=b",
    "explanationClassNames=%C3%A9t%C3%A9&explanationClassNames=%E2%82%AC+sign",
    "explanationClassNames=%F0%9F%98%80", "k=%7e%7E~", "x=%26%3D%25", "x=a;b", "%61=%62",
    "maxExplanations=+3", "maxExplanations=%2B3", "thresholdLow=1e-05", "a=%00",
    "passthroughColumns=id&passthroughColumns=name+with+space",
]

ENCODE_INPUTS = [
    [],
    [("maxExplanations", "3")],
    [("maxExplanations", "3"), ("thresholdHigh", "0.5"), ("explanationClassNames", "a"),
     ("explanationClassNames", "b")],
    [("explanationClassNames", "\u00e9t\u00e9"), ("explanationClassNames", "\u20ac sign"),
     ("explanationClassNames", "\U0001f600")],
    [("explanationClassNames", "a&b=c%d+e f/g?h#i")],
    [("passthroughColumns", "~-._ AZaz09!*'();:@$,[]")],
    [("thresholdLow", "1e-05"), ("thresholdHigh", "-0.0"), ("excludeAdjustedPredictions", "true"),
     ("predictionWarningEnabled", "false")],
    [("explanationClassNames", "\x00\x01\x7f\u0080\u07ff\u0800\uffff\U00010000\U0010ffff")],
]


def hexs(s):
    return s.encode("utf-8").hex()


def decode_file():
    lines = []
    for q in DECODE_INPUTS:
        pairs = urllib.parse.parse_qsl(q, keep_blank_values=True, strict_parsing=False, errors="strict")
        lines.append("\t".join([hexs(q) or "-"] + [hexs(k) + ":" + hexs(v) for k, v in pairs]))
    return "\n".join(lines) + "\n"


def encode_file():
    lines = []
    for pairs in ENCODE_INPUTS:
        q = urllib.parse.urlencode(pairs)
        lines.append("\t".join([hexs(q) or "-"] + [hexs(k) + ":" + hexs(v) for k, v in pairs]))
    return "\n".join(lines) + "\n"


# ---- drx query outputs -----------------------------------------------------------------------
# What `drx query` prints for accepted queries: the parameters as the server converts them
# (parse_qsl, then int() / float() / trafaret 1.x StrBool / lists), as json.dumps writes them, in
# the order of seed 003's argument table.

QUERY_PARAMS = [
    ("maxExplanations", int), ("maxCodes", int), ("thresholdLow", float), ("thresholdHigh", float),
    ("excludeAdjustedPredictions", "bool"), ("explanationNumTopClasses", int), ("explanationClassNames", list),
    ("passthroughColumns", list), ("passthroughColumnsSet", str), ("predictionWarningEnabled", "bool"),
    ("maxNgramExplanations", int), ("explanationAlgorithm", str),
]

CLI_QUERIES = [
    "",
    "maxExplanations=3&thresholdHigh=0.5&explanationClassNames=a&explanationClassNames=b",
    "maxExplanations=+%D9%A3+&thresholdLow=1e-5&excludeAdjustedPredictions=YES",
    "explanationClassNames=%C3%A9t%C3%A9&explanationClassNames=a+b&passthroughColumns=id",
    "predictionWarningEnabled=off&thresholdHigh=1&maxExplanations=1_0",
    "thresholdLow=-0&thresholdHigh=%EF%BC%91e%EF%BC%93&maxCodes=007",
    "passthroughColumnsSet=all&passthroughColumns=a%2Fb&passthroughColumns=%E2%82%AC",
    "explanationNumTopClasses=10&maxNgramExplanations=0&explanationAlgorithm=xemp",
]


def convert(kind, text):
    if kind is int:
        return int(text)
    if kind is float:
        return float(text)
    if kind == "bool":
        return str_bool(text, False) == "True"
    return text


def cli_file():
    lines = []
    for q in CLI_QUERIES:
        pairs = urllib.parse.parse_qsl(q, keep_blank_values=True)
        out = {}
        for name, kind in QUERY_PARAMS:
            values = [v for k, v in pairs if k == name]
            if not values:
                continue
            out[name] = values if kind is list else convert(kind, values[0])
        lines.append(q + "\t" + json.dumps(out))
    return "\n".join(lines) + "\n"


# ---- response bodies ------------------------------------------------------------------------

def seed(name):
    with open(os.path.join(ROOT, "tests", "data", "seed003", name), encoding="utf-8") as f:
        return json.loads(f.read())


def trimmed(doc, limit, shap):
    """The mock server's answer for maxExplanations=limit (None = no explanations asked):
    each row keeps its first `limit` explanations; for SHAP the dropped strengths move into
    remainingTotal, so baseValue + strengths + remainingTotal is unchanged."""
    doc = json.loads(json.dumps(doc))
    for row in doc["data"]:
        ex = row["predictionExplanations"]
        keep = ex[: (0 if limit is None else limit)]
        if shap:
            meta = row["shapExplanationsMetadata"]
            for e in ex[len(keep):]:
                meta["remainingTotal"] = meta["remainingTotal"] + e["strength"]
        row["predictionExplanations"] = keep
    return doc


def bodies():
    xemp = seed("xemp_example.txt")
    shap = seed("shap_example.txt")
    return {
        "xemp_python.json": json.dumps(xemp),
        "shap_python.json": json.dumps(shap),
        "xemp_max2_python.json": json.dumps(trimmed(xemp, 2, False)),
        "shap_max1_python.json": json.dumps(trimmed(shap, 1, True)),
        "xemp_none_python.json": json.dumps(trimmed(xemp, None, False)),
    }


def main():
    check = sys.argv[1:] == ["--check"]
    if sys.argv[1:] and not check:
        sys.stderr.write("usage: make_deployment_golden.py [--check]\n")
        sys.exit(2)
    files = {"python_numbers.tsv": numbers_file(), "query_decode.tsv": decode_file(),
             "query_encode.tsv": encode_file(), "cli_query.tsv": cli_file()}
    for name, text in bodies().items():
        files[name] = text + "\n"
    changed = []
    for name, text in files.items():
        path = os.path.join(OUT, name)
        old = None
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                old = f.read()
        if old != text:
            changed.append(name)
            if not check:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
    if check and changed:
        print("out of date: " + ", ".join(changed))
        sys.exit(1)
    print(("would change: " if check else "written: ") + (", ".join(changed) or "nothing"))


if __name__ == "__main__":
    main()
