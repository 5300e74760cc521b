#!/usr/bin/env bash
# drx generate (contract section 6) over every schema of `drx schemas`:
#  - 20 valid lines per schema, each passing `drx check --level rules` (exit 0, no output): the
#    generators guarantee the rules level (issue 6); consistency is not generated yet;
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
        out=$(printf '%s' "$line" | "$DRX" check "$schema" - --level rules 2>/dev/null)
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

[ $fails -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "t_generate: ok"
