#!/usr/bin/env bash
# SPDX-License-Identifier: BSL-1.0
# The drx tool's core commands (README.md, "The drx tool"): schemas, check, format; exit codes
# 0 success, 1 invalid input, 2 usage or I/O error.
#   bash tests/cli/t_core.sh <path-to-drx> <repo-root>
set -u
drx=$1
root=$2
data=$root/tests/data/seed003
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() { echo "t_core: $*"; fails=$((fails + 1)); }

# expect_rc RC CMD... : runs CMD with stdout to $tmp/out, stderr to $tmp/err.
expect_rc() {
    local want=$1; shift
    "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
    local rc=$?
    [ "$rc" -eq "$want" ] || fail "exit $rc, wanted $want: $*  (stderr: $(head -c 300 "$tmp/err"))"
}
# expect_rc_in RC INPUT CMD... : the same with INPUT on stdin.
expect_rc_in() {
    local want=$1 input=$2; shift 2
    printf '%s' "$input" | "$@" >"$tmp/out" 2>"$tmp/err"
    local rc=$?
    [ "$rc" -eq "$want" ] || fail "exit $rc, wanted $want: $* <<< $input  (stderr: $(head -c 300 "$tmp/err"))"
}
has_line() { grep -qF -- "$1" "$tmp/out" || fail "missing line '$1' in output of: $2"; }

# schemas: the names of the catalogue that exist so far include the seed 003 ones.
expect_rc 0 "$drx" schemas
for s in deployment-xemp-response deployment-shap-response deployment-error; do
    grep -qx "$s" "$tmp/out" || fail "drx schemas does not list $s"
done

# check: valid documents exit 0 with no output.
expect_rc 0 "$drx" check deployment-xemp-response "$data/xemp_example.txt"
[ -s "$tmp/out" ] && fail "check of a valid document printed: $(cat "$tmp/out")"
expect_rc 0 "$drx" check deployment-shap-response "$data/shap_example.txt" --json
python3 -c 'import json,sys; r=json.loads(open(sys.argv[1]).read()); assert r["valid"] is True and r["diagnostics"] == [], r; assert r["skipped"][0]["rule"] == "response.explanations.count", r' "$tmp/out" ||
    fail "check --json of a valid document printed $(cat "$tmp/out")"

# check: invalid documents exit 1; text lines are POINTER TAB RULE TAB SEVERITY TAB MESSAGE.
expect_rc_in 1 '{"data":[{"predictionValues":[],"prediction":1,"rowId":"x","predictionExplanations":[]}]}' \
    "$drx" check deployment-xemp-response -
has_line $'/data/0/rowId\tschema.type\terror\texpected integer, got string' "check wrong type"
expect_rc_in 1 '{"message": "a", "message": "b"}' "$drx" check deployment-error
has_line $'/message\tschema.duplicate_key\terror\tduplicate key "message"' "check duplicate key"
expect_rc_in 0 '{"message": "a", "extra": 1}' "$drx" check deployment-error
has_line $'/extra\tschema.unknown_key\twarning' "check unknown key (warning by default)"
expect_rc_in 1 '{"message": "a", "extra": 1}' "$drx" check deployment-error --unknown-keys error
expect_rc_in 0 '{"message": "a", "message": "b"}' "$drx" check deployment-error --duplicate-keys last-wins

# check --json: one record per input (JSON Lines), its diagnostics objects with pointer, rule,
# severity, message.
expect_rc_in 1 '{"message": 5}' "$drx" check deployment-error --json
python3 - "$tmp/out" <<'PY' || fail "check --json output is not the documented record"
import json, sys
lines = open(sys.argv[1]).read().splitlines()
assert len(lines) == 1, lines
r = json.loads(lines[0])
assert r["input"] == "-" and r["schema"] == "deployment-error" and r["valid"] is False, r
assert r["skipped"] == [] and r["omitted"] == 0, r
d = r["diagnostics"]
assert isinstance(d, list) and len(d) == 1, d
x = d[0]
assert x["pointer"] == "/message" and x["rule"] == "schema.type" and x["severity"] == "error", x
assert x["message"] == "expected string, got integer", x
PY

# Bad input classes (issue 2): each gives diagnostics with a pointer and exits 1, no crash.
expect_rc_in 1 '' "$drx" check deployment-error
has_line $'\tschema.syntax\terror\tempty input' "empty input"
expect_rc_in 1 '{"data": [{"predictionValues": [' "$drx" check deployment-xemp-response
has_line $'/data/0/predictionValues\tschema.syntax\terror\tinvalid JSON at line 1, column 33: unexpected end of input' "truncated"
expect_rc_in 1 '{"message": NaN}' "$drx" check deployment-error
grep -q $'^/message\tschema.syntax\terror' "$tmp/out" || fail "NaN literal: $(cat "$tmp/out")"
printf '{"message": "\xff"}' >"$tmp/bad_utf8.json"
expect_rc 1 "$drx" check deployment-error "$tmp/bad_utf8.json"
grep -q $'^/message\tschema.syntax\terror' "$tmp/out" || fail "invalid UTF-8: $(cat "$tmp/out")"
python3 -c 'print("{\"data\": " + "[" * 10000)' >"$tmp/deep.json"
expect_rc 1 "$drx" check deployment-xemp-response "$tmp/deep.json"
grep -q $'\tschema.limit\terror\tnesting deeper than the limit of 64' "$tmp/out" || fail "deep nesting: $(cat "$tmp/out")"
expect_rc_in 1 '{"data": [{"predictionValues": [], "prediction": 1, "rowId": 99999999999999999999, "predictionExplanations": []}]}' \
    "$drx" check deployment-xemp-response
has_line $'/data/0/rowId\tschema.number_range\terror' "huge integer"
expect_rc_in 1 '{"data": [{"predictionValues": [{"value": 1e999, "label": 1}], "prediction": 1, "rowId": 0, "predictionExplanations": []}]}' \
    "$drx" check deployment-xemp-response
has_line $'/data/0/predictionValues/0/value\tschema.number_range\terror' "huge float"

# format: layouts; the seed 003 XEMP example is an indent-2 dump with leading spaces lost.
expect_rc 0 "$drx" format deployment-xemp-response "$data/xemp_example.txt" --indent 2
sed 's/^ *//' "$tmp/out" | cmp -s - "$data/xemp_example.txt" || fail "format --indent 2 does not reproduce seed 003's XEMP example"
if command -v python3 >/dev/null; then
    python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1])), indent=2))' "$data/xemp_example.txt" | cmp -s - "$tmp/out" \
        || fail "format --indent 2 differs from CPython json.dumps(indent=2)"
    expect_rc 0 "$drx" format deployment-shap-response "$data/shap_example.txt"
    python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1])), separators=(",", ":")))' "$data/shap_example.txt" \
        | cmp -s - "$tmp/out" || fail "format (compact) differs from CPython for the SHAP example"
    expect_rc 0 "$drx" format deployment-shap-response "$data/shap_example.txt" --python
    python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))))' "$data/shap_example.txt" \
        | cmp -s - "$tmp/out" || fail "format --python differs from CPython's default layout"
else
    echo "t_core: python3 not found: CPython comparisons SKIPPED"
fi
expect_rc_in 0 '{"message": "caf\u00e9 \ud83d\ude00"}' "$drx" format deployment-error
[ "$(cat "$tmp/out")" = '{"message":"caf\u00e9 \ud83d\ude00"}' ] || fail "ensure_ascii output: $(cat "$tmp/out")"
expect_rc_in 0 '{"message": "caf\u00e9"}' "$drx" format deployment-error --utf8
[ "$(cat "$tmp/out")" = '{"message":"café"}' ] || fail "--utf8 output: $(cat "$tmp/out")"
expect_rc_in 1 '{"message": 1}' "$drx" format deployment-error
[ -s "$tmp/out" ] && fail "format of an invalid document wrote output"

# Usage and I/O errors exit 2.
expect_rc 2 "$drx"
expect_rc 2 "$drx" frobnicate
expect_rc 2 "$drx" check no-such-schema "$data/xemp_example.txt"
expect_rc 2 "$drx" check deployment-error /no/such/file.json
expect_rc 2 "$drx" check deployment-error --level nonsense "$data/xemp_example.txt"
expect_rc 2 "$drx" check deployment-error --context '{"modelKind": "tree"}' "$data/xemp_example.txt"
expect_rc 2 "$drx" format deployment-error --indent x "$data/xemp_example.txt"

[ "$fails" -eq 0 ]
