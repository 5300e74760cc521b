#!/usr/bin/env python3
# SPDX-License-Identifier: BSL-1.0
"""What the API family headers are made of: lines of struct and describe declarations, rule
declarations, custom rule code, generator code (hooks, and the repairs and near misses that
custom rules carry), and operations (everything else). Comments and blank lines are not
counted. Also counts custom<> rules and drx_fixup / drx_custom_sites hooks.

    python3 bench/line_breakdown.py [INCLUDE_DIR]      (default: include)

Each top-level definition (found by brace matching) goes to one class:
  struct      struct/enum definitions, BOOST_DESCRIBE_* lines, drx_schema_name / drx_enum_names;
  rules       functions whose body declares rules (member<, require<, custom<, ...);
  hooks       drx_fixup, drx_custom_sites, and functions taking drx::entropy& or mutation sites;
  custom      functions taking a drx::reporter& (the bodies of custom rules);
  operations  the rest (conversions, summaries, request facts, helpers).
"""
import re
import sys
from pathlib import Path

RULE_WORDS = re.compile(r"\b(member<|require<|custom<|mutually_exclusive<|requires_member<|exactly_one_of<|ordered<|deprecated<|rules::member<)")


def code_lines(text):
    out = []
    in_block = False
    for line in text.splitlines():
        s = line.strip()
        if in_block:
            if "*/" in s:
                in_block = False
            continue
        if s.startswith("/*"):
            in_block = "*/" not in s
            continue
        if not s or s.startswith("//") or s.startswith("#"):
            out.append(None)
            continue
        if re.match(r"namespace\b[^{]*\{\s*(//.*)?$", s) or re.match(r"\}\s*//\s*namespace", s):
            out.append(None)  # namespaces are transparent
            continue
        out.append(line)
    return out


def chunks(lines):
    """Top-level definitions: (first line index, last line index)."""
    i, n = 0, len(lines)
    while i < n:
        if lines[i] is None:
            i += 1
            continue
        start, depth, j, seen_brace = i, 0, i, False
        while j < n:
            l = lines[j] or ""
            l = re.sub(r'"(\\.|[^"\\])*"', '""', l)
            l = re.sub(r"'(\\.|[^'\\])'", "''", l)
            for c in l:
                if c == "{":
                    depth += 1
                    seen_brace = True
                elif c == "}":
                    depth -= 1
            if depth <= 0 and (seen_brace or l.rstrip().endswith(";") or l.rstrip().endswith(")")):
                if not seen_brace and not l.rstrip().endswith(";") and j + 1 < n and lines[j + 1] and lines[j + 1].strip().startswith("{"):
                    j += 1
                    continue
                break
            j += 1
        yield start, min(j, n - 1)
        i = j + 1


def classify(text):
    lines = code_lines(text)
    out = {"struct": 0, "rules": 0, "custom": 0, "hooks": 0, "operations": 0}
    for a, b in chunks(lines):
        body = "\n".join(l for l in lines[a:b + 1] if l is not None)
        count = sum(1 for l in lines[a:b + 1] if l is not None)
        head = body.split("{", 1)[0]
        if body.lstrip().startswith(("namespace", "}")) and count <= 1:
            continue
        if re.match(r"\s*(template\s*<[^>]*>\s*)?(struct|enum class|enum)\b", body) or "BOOST_DESCRIBE" in body or "drx_schema_name" in head or "drx_enum_names" in head:
            kind = "struct"
        elif "drx_fixup" in head or "drx_custom_sites" in head or "entropy&" in head or "mutation_site" in head:
            kind = "hooks"
        elif "reporter&" in head or "reporter &" in head:
            kind = "custom"
        elif RULE_WORDS.search(body) and ("drx_rules" in head or re.search(r"\bauto\b", head)):
            kind = "rules"
        elif body.lstrip().startswith("namespace"):
            continue
        else:
            kind = "operations"
        out[kind] += count
    return out


def main():
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "include")
    files = sorted((root / "drx/api").glob("*.hpp")) + sorted((root / "drx/api/detail").glob("*.hpp"))
    total = {"struct": 0, "rules": 0, "custom": 0, "hooks": 0, "operations": 0}
    customs = hooks = 0
    for f in files:
        text = f.read_text()
        for k, v in classify(text).items():
            total[k] += v
        customs += len(re.findall(r"\bcustom<", text))
        hooks += len(re.findall(r"\bvoid drx_(fixup|custom_sites)\(", text))
    n = sum(total.values())
    labels = {"struct": "struct and describe", "rules": "rule declarations", "custom": "custom rule code",
              "hooks": "generator code", "operations": "operations and helpers"}
    for k, v in total.items():
        print(f"{labels[k]:26s} {v:6d} lines  {100.0 * v / n:5.1f}%")
    print(f"{'total':26s} {n:6d} lines")
    print(f"custom<> rules {customs}, generator hooks {hooks}")


if __name__ == "__main__":
    main()
