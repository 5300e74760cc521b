#!/usr/bin/env python3
# SPDX-License-Identifier: BSL-1.0
"""Agreement of drx's JSON Schema export with drx's own validators, measured by Ajv and Python's jsonschema.

    python3 tests/schema/agreement.py --drx BUILD/examples/drx [--seeds 3] [--count 40] [--work DIR]

1. Exports every catalogue schema (drx json-schema --all) and compiles each document with Ajv
   in strict mode (tests/schema/ajv_check.mjs; a warning fails).
2. Builds a corpus per schema: valid instances and labelled near misses from `drx generate`
   for several seeds, and boundary tables (below, at and above each numeric and size bound
   of the root object, and each enumeration literal plus one outside it), made from a valid
   instance and the bounds the document states.
3. Judges every instance three times: `drx check --level consistency --json` (no context),
   Ajv and Python's jsonschema (Draft202012Validator).
4. Compares. An instance drx accepts must be accepted by both. An instance with an error
   under a rule the document expresses (its x-drx-expressed list) must be refused by both.
   An instance whose only errors are rules the document lists under x-drx-rules must be
   accepted by both (counted apart). Prints the table per schema and fails on any
   disagreement, listing the first ones.
"""

import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile

import jsonschema

HERE = os.path.dirname(os.path.abspath(__file__))


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def raw_member(line, name):
    """The exact text of top-level member `name` of the JSON object text `line`."""
    dec = json.JSONDecoder()
    i = line.index("{") + 1
    while True:
        while line[i] in " \t,":
            i += 1
        key, i = dec.raw_decode(line, i)
        while line[i] in " \t:":
            i += 1
        start = i
        _, i = dec.raw_decode(line, i)
        if key == name:
            return line[start:i]


def bound_cases(doc, instance):
    """Boundary instances of the root object: (description, instance text)."""
    if not isinstance(instance, dict):
        return []
    fragments = [doc.get("properties", {})]
    for part in doc.get("allOf", []):
        if isinstance(part, dict) and "properties" in part and "if" not in part:
            fragments.append(part["properties"])
    out = []

    def with_value(key, value):
        v = dict(instance)
        v[key] = value
        return json.dumps(v)

    for props in fragments:
        for key, s in props.items():
            if not isinstance(s, dict):
                continue
            branches = [s] + [b for b in s.get("anyOf", []) if isinstance(b, dict)]
            for b in branches:
                for kw in ("minimum", "maximum"):
                    if kw in b:
                        m = b[kw]
                        for x in (m - 1, m, m + 1) if isinstance(m, int) else (m - 0.5, m, m + 0.5):
                            out.append((f"{key} {kw} {m}: {x}", with_value(key, x)))
                for kw in ("minLength", "maxLength"):
                    if kw in b:
                        for n in (b[kw] - 1, b[kw], b[kw] + 1):
                            if n >= 0:
                                out.append((f"{key} {kw}: {n}", with_value(key, "a" * n)))
                for kw in ("minItems", "maxItems"):
                    if kw in b and isinstance(instance.get(key), list) and instance[key]:
                        for n in (b[kw] - 1, b[kw], b[kw] + 1):
                            if n >= 0:
                                items = [instance[key][i % len(instance[key])] for i in range(n)]
                                out.append((f"{key} {kw}: {n}", with_value(key, items)))
                if "enum" in b:
                    for lit in b["enum"] + ["not-a-literal"]:
                        out.append((f"{key} enum: {lit!r}", with_value(key, lit)))
                if "const" in b:
                    out.append((f"{key} const", with_value(key, b["const"])))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--drx", required=True)
    ap.add_argument("--node", default="node")
    ap.add_argument("--ajv", default=os.path.join(HERE, "ajv_check.mjs"), help="ajv_check.mjs, beside its node_modules")
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--count", type=int, default=40)
    ap.add_argument("--work")
    args = ap.parse_args()
    work = args.work or tempfile.mkdtemp(prefix="drx-schema-")
    sdir = os.path.join(work, "schemas")
    os.makedirs(sdir, exist_ok=True)

    r = run([args.drx, "json-schema", "--all", "--out", sdir])
    if r.returncode:
        sys.exit(f"drx json-schema failed: {r.stderr}")
    r = run([args.node, args.ajv, sdir])
    print(r.stdout.strip() or r.stderr.strip())
    if r.returncode:
        sys.exit("Ajv does not compile every document in strict mode")

    names = run([args.drx, "schemas"]).stdout.split()
    docs = {n: json.load(open(os.path.join(sdir, n + ".json"))) for n in names}

    # The corpus: (schema, kind, label, instance text).
    corpus = []
    for n in names:
        first_valid = None
        for seed in range(1, args.seeds + 1):
            r = run([args.drx, "generate", n, "--seed", str(seed), "--count", str(args.count)])
            for line in filter(None, r.stdout.split("\n")):
                corpus.append((n, "valid", "", line))
                if first_valid is None:
                    first_valid = line
            r = run([args.drx, "generate", n, "--seed", str(seed), "--count", str(args.count), "--invalid"])
            for line in filter(None, r.stdout.split("\n")):
                corpus.append((n, "near miss", json.loads(line)["rule"], raw_member(line, "instance")))
        if first_valid is not None:
            for desc, text in bound_cases(docs[n], json.loads(first_valid)):
                corpus.append((n, "boundary", desc, text))

    # drx's verdicts: the error rule ids.
    inst = os.path.join(work, "instance.json")
    drx_errors = []
    for n, _, _, text in corpus:
        with open(inst, "w") as f:
            f.write(text)
        r = run([args.drx, "check", n, inst, "--level", "consistency", "--json"])
        if r.returncode not in (0, 1):
            sys.exit(f"drx check failed on {n}: {r.stderr}")
        ds = json.loads(r.stdout)["diagnostics"]  # one --json record
        drx_errors.append({d["rule"] for d in ds if d["severity"] == "error"})

    # Ajv's verdicts.
    cpath = os.path.join(work, "corpus.jsonl")
    with open(cpath, "w") as f:
        for n, _, _, text in corpus:
            f.write('{"schema": ' + json.dumps(n) + ', "instance": ' + text + "}\n")
    r = run([args.node, args.ajv, sdir, cpath])
    if r.returncode:
        sys.exit(f"Ajv failed: {r.stderr}")
    ajv = [json.loads(l) for l in r.stdout.split("\n") if l]
    assert len(ajv) == len(corpus)

    # Python jsonschema's verdicts.
    validators = {n: jsonschema.Draft202012Validator(d) for n, d in docs.items()}
    for d in docs.values():
        jsonschema.Draft202012Validator.check_schema(d)
    py = []
    for n, _, _, text in corpus:
        err = jsonschema.exceptions.best_match(validators[n].iter_errors(json.loads(text)))
        py.append({"valid": err is None, "error": None if err is None else f"{err.json_path}: {err.message}"})

    table = collections.OrderedDict((n, collections.Counter()) for n in names)
    bad = []
    for (n, kind, label, text), errs, a, p in zip(corpus, drx_errors, ajv, py):
        doc = docs[n]
        listed = {x["id"] for x in doc["x-drx-rules"] if x["severity"] == "error"}
        expressed = set(doc["x-drx-expressed"])
        # A rule id can be expressed in one place and listed in another (deployment.authorization
        # is a required header, expressed, and a credentials form, listed): such ids are partial.
        partial = expressed & listed
        c = table[n]
        c["instances"] += 1
        c[kind] += 1
        if not errs:
            want, cat = True, "drx valid"
        elif errs & (expressed - partial):
            want, cat = False, "expressed error"
        elif errs <= listed - partial:
            want, cat = True, "x-drx-rules only"
        elif errs <= expressed | listed:
            want, cat = None, "partial"
        else:
            want, cat = None, "unclassified"
        c[cat] += 1
        if cat == "unclassified":
            bad.append((n, kind, label, sorted(errs), "rule ids neither expressed nor listed", text))
        if want is None:
            continue
        for who, v in (("Ajv", a), ("jsonschema", p)):
            if v["valid"] == want:
                c[who + " agrees"] += 1
            else:
                bad.append((n, kind, label, sorted(errs), f"{who} says {'valid' if v['valid'] else 'invalid'}"
                            f" ({v.get('error')}), drx {'accepts' if not errs else 'refuses'}", text))

    cols = ["instances", "valid", "near miss", "boundary", "drx valid", "expressed error", "x-drx-rules only",
            "partial", "Ajv agrees", "jsonschema agrees"]
    print("columns: instances (valid generated, near misses, boundary cases); drx's verdict: valid, an error the")
    print("document expresses, only errors it lists under x-drx-rules, or partial (an id both expressed and listed,")
    print("not judged); then how many judged instances each validator agrees on.")
    print(f"{'schema':38}" + "".join(f"{c[:9]:>10}" for c in cols))
    total = collections.Counter()
    for n, c in table.items():
        total.update(c)
        print(f"{n:38}" + "".join(f"{c[k]:>10}" for k in cols))
    print(f"{'all':38}" + "".join(f"{total[k]:>10}" for k in cols))
    if bad:
        print(f"\n{len(bad)} disagreements; the first of each kind:")
        seen = set()
        for b in bad:
            k = (b[0], b[1], tuple(b[3]), b[4].split(" (")[0])
            if k in seen:
                continue
            seen.add(k)
            print(f"  {b[0]} [{b[1]} {b[2]}] drx errors {b[3]}: {b[4]}\n    {b[5][:300]}")
        sys.exit(1)
    print("\nno disagreement")


if __name__ == "__main__":
    main()
