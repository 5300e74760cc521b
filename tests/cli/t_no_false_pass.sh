#!/usr/bin/env bash
# SPDX-License-Identifier: BSL-1.0
# The drx tool never calls bad input valid, never loses output silently, never reads without
# bound: the exit code agrees with the diagnostics past the --max-diagnostics cap, writing to a
# full disk is an I/O error, endless input stops at the size limit, unreadable paths are named
# with the system's reason, and limits that would overflow the stack are refused.
#   bash tests/cli/t_no_false_pass.sh <path-to-drx> <repo-root>
set -u
drx=$1
root=$2
payloads=$root/examples/payloads
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() { echo "t_no_false_pass: $*"; fails=$((fails + 1)); }
# run RC [INPUT_FILE] -- CMD...: runs CMD with stdout to $tmp/out, stderr to $tmp/err.
expect_rc() {
    local want=$1 input=$2; shift 2
    "$@" >"$tmp/out" 2>"$tmp/err" <"$input"
    local rc=$?
    [ "$rc" -eq "$want" ] || fail "exit $rc, wanted $want: $*  (stderr: $(head -c 300 "$tmp/err"))"
}

# 1. 100 unknown-key warnings, then a type error: invalid (exit 1), and the list says so.
{
    printf '{'
    for i in $(seq 1 100); do printf '"u%d":0,' "$i"; done
    printf '"projectId":1,"modelId":"m","clusters":[]}'
} >"$tmp/capped.json"
expect_rc 1 /dev/null "$drx" check cluster-list "$tmp/capped.json"
grep -q $'\tschema.limit\terror\treading stopped at the limit of 100 diagnostics' "$tmp/out" ||
    fail "check past the cap does not say that reading stopped: $(tail -n 1 "$tmp/out")"
grep -q 'diagnostics not listed' "$tmp/err" || fail "no note on the stop: $(cat "$tmp/err")"
expect_rc 1 /dev/null "$drx" format cluster-list "$tmp/capped.json"
printf 'not json' >"$tmp/bad.txt"
expect_rc 1 "$tmp/bad.txt" "$drx" check deployment-xemp-response - --max-diagnostics 0
expect_rc 1 "$tmp/bad.txt" "$drx" check deployment-xemp-response - --max-diagnostics 0 --json
grep -q '"rule":"schema.limit","severity":"error"' "$tmp/out" || fail "--json past the cap: $(cat "$tmp/out")"
# A valid document with warnings past the cap stays valid.
expect_rc 0 /dev/null "$drx" check cluster-list "$payloads/cluster-list.json" --max-diagnostics 0

# 2. Output that cannot be written is an I/O error (exit 2), for every command that prints.
if [ -w /dev/full ]; then
    "$drx" format cluster-list "$payloads/cluster-list.json" >/dev/full 2>"$tmp/err"
    rc=$?
    [ "$rc" -eq 2 ] || fail "format >/dev/full exited $rc"
    grep -q 'cannot write to standard output' "$tmp/err" || fail "format >/dev/full: $(cat "$tmp/err")"
    "$drx" schemas >/dev/full 2>/dev/null
    [ $? -eq 2 ] || fail "schemas >/dev/full did not exit 2"
    "$drx" generate cluster-list --count 3 >/dev/full 2>/dev/null
    [ $? -eq 2 ] || fail "generate >/dev/full did not exit 2"
fi
"$drx" schemas >&- 2>/dev/null
[ $? -eq 2 ] || fail "schemas with stdout closed did not exit 2"

# 3. Endless input stops at the size limit (a few bytes over it are read, not gigabytes).
expect_rc 1 /dev/null timeout 20 "$drx" check cluster-list /dev/zero --max-input-size 1000
grep -q $'\tschema.limit\terror\tinput larger than the limit of 1000 bytes' "$tmp/out" || fail "/dev/zero: $(cat "$tmp/out")"
expect_rc 1 /dev/zero timeout 20 "$drx" check cluster-list -
expect_rc 1 /dev/null timeout 20 "$drx" csv /dev/zero --max-input-size 4096

# 4. Unreadable inputs name the path and the system's reason.
: > "$tmp/plain"
expect_rc 2 /dev/null "$drx" check cluster-list "$tmp/plain/x.json"
grep -qx "drx: cannot read $tmp/plain/x.json: Not a directory" "$tmp/err" || fail "unreadable input: $(cat "$tmp/err")"
# A directory is an input of its *.json files; one without any is an error, not a pass.
mkdir -p "$tmp/empty-dir"
expect_rc 2 /dev/null "$drx" check cluster-list "$tmp/empty-dir"
grep -qx "drx: no \*.json file in the directory $tmp/empty-dir" "$tmp/err" || fail "empty directory: $(cat "$tmp/err")"
expect_rc 2 /dev/null "$drx" check cluster-list "$tmp/missing.json"
grep -qx "drx: cannot read $tmp/missing.json: No such file or directory" "$tmp/err" || fail "missing input: $(cat "$tmp/err")"

# 5. Depth limits that would overflow the stack, or wrap, are refused; deep input is a diagnostic.
expect_rc 2 /dev/null "$drx" check cluster-list "$payloads/cluster-list.json" --max-depth 2000000
grep -q 'max-depth is at most 512' "$tmp/err" || fail "--max-depth 2000000: $(cat "$tmp/err")"
expect_rc 2 /dev/null "$drx" check cluster-list "$payloads/cluster-list.json" --max-depth 18446744073709551615
python3 -c "print('['*100000+']'*100000)" >"$tmp/deep.json"
expect_rc 1 /dev/null "$drx" check cluster-list "$tmp/deep.json" --max-depth 512
grep -q $'\tschema.limit\terror\tnesting deeper than the limit of 512' "$tmp/out" || fail "deep input: $(head -c 300 "$tmp/out")"

# 6. Numbers the command line cannot hold are quoted as given.
expect_rc 2 /dev/null "$drx" csv "$payloads/prediction-explanations-page.json" --max-explanations 18446744073709551615
grep -q "at most 9223372036854775807, got '18446744073709551615'" "$tmp/err" || fail "--max-explanations: $(cat "$tmp/err")"
expect_rc 1 /dev/null "$drx" query 'maxExplanations=9223372036854775808'
grep -q 'got 9223372036854775808)' "$tmp/out" || fail "query quote: $(cat "$tmp/out")"

# 7. The explanation mode's cluster rules run under a clustering context.
printf '{"numTopClasses": 4}' >"$tmp/mode.json"
expect_rc 1 /dev/null "$drx" check explanations-mode "$tmp/mode.json" \
    --context '{"modelKind": "clustering", "clusterNames": ["Cluster 1", "Cluster 2", "Cluster 3"]}'
grep -q $'/numTopClasses\tclusters.predicted.range\terror' "$tmp/out" || fail "mode under clustering: $(cat "$tmp/out")"

# 8. A request of another type than the rules compare against is a usage error (the library
#    skips such rules and says why: tests/test_no_false_pass.cpp).
expect_rc 2 /dev/null "$drx" check prediction-explanations-page "$payloads/prediction-explanations-page.json" \
    --request 'maxExplanations=1'
grep -q 'compare against prediction_explanations_record, prediction_explanations_create or explanations_mode' "$tmp/err" ||
    fail "wrong request type not refused: $(cat "$tmp/err")"
expect_rc 2 /dev/null "$drx" check cluster-list "$payloads/cluster-list.json" --request 'maxExplanations=1'
grep -q 'none of its rules compares against a request' "$tmp/err" || fail "--request on cluster-list: $(cat "$tmp/err")"
expect_rc 0 /dev/null "$drx" check deployment-xemp-response "$payloads/deployment-xemp-response.json" \
    --request 'maxExplanations=3'


[ "$fails" -eq 0 ]
