#!/usr/bin/env bash
# SPDX-License-Identifier: BSL-1.0
# drx generate (README.md, "The drx tool") over every schema of `drx schemas`:
#  - 20 valid lines per schema, each passing `drx check` at its default level, consistency
#    (exit 0, no output: not even a warning);
#  - 20 invalid lines per schema ({"rule", "pointer", "instance"}), each failing `drx check`
#    with exactly one diagnostic: that rule at that pointer (rules level, or consistency level
#    for consistency rules).
# Usage: bash tests/cli/t_generate.sh <path-to-drx> <repo-root>
set -u
DRX=$1
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The lines of a schema are checked in one run each (--jsonl: line N is the input FILE:N, and
# checked as that document alone), and the records are judged with CPython's json module.
for schema in $("$DRX" schemas); do
    if ! "$DRX" generate "$schema" --seed 7 --count 20 > "$tmp/valid" 2> "$tmp/err"; then
        fail "$schema: generate exited non-zero: $(head -c 300 "$tmp/err")"
        continue
    fi
    n=$(wc -l < "$tmp/valid")
    [ "$n" -eq 20 ] || fail "$schema: $n valid lines, expected 20"
    "$DRX" check "$schema" --jsonl "$tmp/valid" --json > "$tmp/records" 2>/dev/null
    rc=$?
    [ $rc -eq 0 ] || fail "$schema valid lines: exit $rc"
    python3 - "$tmp/records" "$n" "$tmp/valid" <<'PY' || fail "$schema: valid lines with diagnostics (above)"
import json, sys
records = [json.loads(l) for l in open(sys.argv[1])]
lines = open(sys.argv[3]).read().splitlines()
ok = len(records) == int(sys.argv[2])
if not ok:
    print("%d records for %s lines" % (len(records), sys.argv[2]))
for i, r in enumerate(records):
    if r["input"] != "%s:%d" % (sys.argv[3], i + 1) or not r["valid"] or r["diagnostics"]:
        print("valid line %d: %s :: %s" % (i + 1, json.dumps(r), lines[i] if i < len(lines) else ""))
        ok = False
sys.exit(0 if ok else 1)
PY

    if ! "$DRX" generate "$schema" --seed 7 --count 20 --invalid > "$tmp/invalid" 2> "$tmp/err"; then
        fail "$schema: generate --invalid exited non-zero: $(head -c 300 "$tmp/err")"
        continue
    fi
    n=$(wc -l < "$tmp/invalid")
    [ "$n" -ge 1 ] || fail "$schema: no invalid lines"
    # Each line split with CPython's json module (independent of drx) into its label and its
    # instance: the raw text after "instance": (duplicate keys must survive, so no re-dump).
    python3 - "$tmp/invalid" "$tmp/labels" "$tmp/instances" <<'PY' || fail "$schema: invalid lines that are not JSON"
import json, sys
ok = True
with open(sys.argv[2], "w") as labels, open(sys.argv[3], "w") as instances:
    for i, line in enumerate(open(sys.argv[1]).read().splitlines()):
        try:
            d = dict(json.loads(line, object_pairs_hook=lambda kv: kv))
            labels.write(json.dumps([d["rule"], d["pointer"]]) + "\n")
        except Exception as e:
            print("invalid line %d is not a labelled JSON line (%s): %s" % (i + 1, e, line))
            ok = False
            labels.write("null\n")
        instance = line[line.index('"instance":') + len('"instance":'):]
        instances.write(instance[:-1] + "\n")
sys.exit(0 if ok else 1)
PY
    "$DRX" check "$schema" --jsonl "$tmp/instances" --level rules --json > "$tmp/rules" 2>/dev/null
    "$DRX" check "$schema" --jsonl "$tmp/instances" --level consistency --json > "$tmp/consistency" 2>/dev/null
    rc=$?
    [ $rc -eq 1 ] || fail "$schema invalid lines: exit $rc at the consistency level"
    # Each instance fails with exactly one diagnostic, an error: its rule at its pointer, at
    # the rules level (or, when that level finds nothing, at the consistency level).
    python3 - "$tmp/labels" "$tmp/rules" "$tmp/consistency" "$tmp/invalid" <<'PY' || fail "$schema: invalid lines (above)"
import json, sys
labels = [json.loads(l) for l in open(sys.argv[1])]
at_rules = [json.loads(l) for l in open(sys.argv[2])]
at_consistency = [json.loads(l) for l in open(sys.argv[3])]
lines = open(sys.argv[4]).read().splitlines()
ok = len(at_rules) == len(labels) == len(at_consistency)
if not ok:
    print("%d labels, %d and %d records" % (len(labels), len(at_rules), len(at_consistency)))
for i, label in enumerate(labels[:min(len(at_rules), len(at_consistency))]):
    r = at_rules[i] if at_rules[i]["diagnostics"] else at_consistency[i]
    got = [[d["pointer"], d["rule"], d["severity"]] for d in r["diagnostics"]]
    if label is None or got != [[label[1], label[0], "error"]] or r["valid"]:
        print("invalid line %d: want %s got %s :: %s" % (i + 1, label, got, lines[i]))
        ok = False
sys.exit(0 if ok else 1)
PY
done

# Query strings (drx generate --query): valid ones are accepted by `drx query` with no
# context; each invalid one breaks its labelled rule and the server answers with the status
# and body the line carries, which `drx query` prints as "STATUS BODY".
q=deployment-predictions-query
"$DRX" generate "$q" --query --seed 3 --count 20 > "$tmp/qvalid" || fail "generate --query exited non-zero"
[ "$(wc -l < "$tmp/qvalid")" -eq 20 ] || fail "generate --query: not 20 lines"
while IFS= read -r line; do
    query=$(printf '%s' "$line" | python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["query"])')
    "$DRX" query "$query" > "$tmp/out" 2>&1 || fail "valid query refused: $query :: $(cat "$tmp/out")"
done < "$tmp/qvalid"
"$DRX" generate "$q" --query --invalid --seed 3 --count 30 > "$tmp/qinvalid" || fail "generate --query --invalid exited non-zero"
[ "$(wc -l < "$tmp/qinvalid")" -ge 20 ] || fail "generate --query --invalid: fewer than 20 lines"
while IFS= read -r line; do
    printf '%s' "$line" | python3 -c '
import json, sys
d = json.loads(sys.stdin.read())
print(d["instance"]); print("%d %s" % (d["status"], d["body"])); print(d["rule"])' > "$tmp/label" ||
        { fail "invalid query line is not JSON with status and body: $line"; continue; }
    query=$(sed -n 1p "$tmp/label")
    want=$(sed -n 2p "$tmp/label")
    got=$("$DRX" query "$query" 2>/dev/null)
    rc=$?
    [ "$rc" -eq 1 ] && [ "$got" = "$want" ] || fail "invalid query: want [$want] got [$got] (exit $rc) :: $line"
    case $want in
        "422 "*|"400 "*) ;;
        *) fail "invalid query answered with neither 422 nor 400: $want" ;;
    esac
done < "$tmp/qinvalid"

# The fuzzers' dictionaries are the output of `drx dictionary` (derived from the declarations).
root=$2
cmp -s <("$DRX" dictionary) "$root/fuzz/fuzz_read.dict" || fail "fuzz/fuzz_read.dict differs from drx dictionary"
cmp -s <("$DRX" dictionary --query deployment-predictions-query) "$root/fuzz/fuzz_query.dict" ||
    fail "fuzz/fuzz_query.dict differs from drx dictionary --query deployment-predictions-query"
cmp -s <("$DRX" dictionary deployment-predictions-headers) "$root/fuzz/fuzz_headers.dict" ||
    fail "fuzz/fuzz_headers.dict differs"
cmp -s <("$DRX" dictionary prediction-explanations-page deployment-xemp-response deployment-shap-response) \
    "$root/fuzz/fuzz_csv.dict" || fail "fuzz/fuzz_csv.dict differs"
"$DRX" dictionary no-such-schema > /dev/null 2>&1; [ $? -eq 2 ] || fail "drx dictionary: an unknown schema is not a usage error"
grep -qxF '"\"clusterNameMappings\":"' "$root/fuzz/fuzz_read.dict" || fail "fuzz_read.dict lacks clusterNameMappings"
grep -qxF '"maxExplanations="' "$root/fuzz/fuzz_query.dict" || fail "fuzz_query.dict lacks maxExplanations="

[ $fails -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "t_generate: ok"
