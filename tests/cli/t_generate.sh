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

for schema in $("$DRX" schemas); do
    if ! "$DRX" generate "$schema" --seed 7 --count 20 > "$tmp/valid" 2> "$tmp/err"; then
        fail "$schema: generate exited non-zero: $(head -c 300 "$tmp/err")"
        continue
    fi
    n=$(wc -l < "$tmp/valid")
    [ "$n" -eq 20 ] || fail "$schema: $n valid lines, expected 20"
    i=0
    while IFS= read -r line; do
        i=$((i + 1))
        out=$(printf '%s' "$line" | "$DRX" check "$schema" - 2>/dev/null)
        rc=$?
        [ $rc -eq 0 ] && [ -z "$out" ] || fail "$schema valid line $i: exit $rc: $out :: $line"
    done < "$tmp/valid"

    if ! "$DRX" generate "$schema" --seed 7 --count 20 --invalid > "$tmp/invalid" 2> "$tmp/err"; then
        fail "$schema: generate --invalid exited non-zero: $(head -c 300 "$tmp/err")"
        continue
    fi
    n=$(wc -l < "$tmp/invalid")
    [ "$n" -ge 1 ] || fail "$schema: no invalid lines"
    i=0
    while IFS= read -r line; do
        i=$((i + 1))
        # Split the line with CPython's json module (independent of drx).
        printf '%s' "$line" | python3 -c '
import json, sys
d = json.loads(sys.stdin.read(), object_pairs_hook=lambda kv: kv)
d = dict(d)
print(d["rule"]); print(d["pointer"])' > "$tmp/label" 2>/dev/null || { fail "$schema invalid line $i: not JSON: $line"; continue; }
        rule=$(sed -n 1p "$tmp/label")
        pointer=$(sed -n 2p "$tmp/label")
        # The instance is the raw text after "instance": (duplicate keys must survive, so no re-dump).
        instance=${line#*\"instance\":}
        instance=${instance%\}}
        want=$(printf '%s\t%s\terror' "$pointer" "$rule")
        printf '%s' "$instance" | "$DRX" check "$schema" - --level rules > "$tmp/out" 2>/dev/null
        rc=$?
        if [ ! -s "$tmp/out" ]; then
            printf '%s' "$instance" | "$DRX" check "$schema" - --level consistency > "$tmp/out" 2>/dev/null
            rc=$?
        fi
        got=$(cut -f1-3 "$tmp/out")
        [ "$rc" -eq 1 ] && [ "$got" = "$want" ] || fail "$schema invalid line $i: want [$want] got [$got] (exit $rc) :: $line"
    done < "$tmp/invalid"
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
