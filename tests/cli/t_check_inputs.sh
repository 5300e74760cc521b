#!/usr/bin/env bash
# SPDX-License-Identifier: BSL-1.0
# CLI test of drx check over many inputs: files, a directory, JSON Lines (--jsonl), --json
# records, --quiet, --context @FILE, I/O errors; and drx --version.
#
#   bash tests/cli/t_check_inputs.sh <path-to-drx> <repo-root>
set -u
drx=${1:?usage: t_check_inputs.sh <path-to-drx> <repo-root>}
root=${2:?usage: t_check_inputs.sh <path-to-drx> <repo-root>}
case $drx in /*) ;; *) drx=$PWD/$drx ;; esac
failures=0
fail() {
    echo "FAIL t_check_inputs: $*"
    failures=$((failures + 1))
}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/drx_t_check_inputs.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
payload="$root/examples/payloads/cluster-list.json"

[ "$("$drx" --version)" = "drx $(sed -n 's/.*version_string\[\] = "\(.*\)";/\1/p' "$root/include/drx/version.hpp")" ] ||
    fail "--version: $("$drx" --version)"

# A directory: its *.json files, sorted, recursively; one invalid makes the exit code 1.
mkdir -p "$tmp/dir/sub"
cp "$payload" "$tmp/dir/a.json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["clusters"][0]["percent"]=101; json.dump(d,open(sys.argv[2],"w"))' \
    "$payload" "$tmp/dir/sub/b.json"
echo 'not a json file' > "$tmp/dir/notes.txt"
"$drx" check cluster-list "$tmp/dir" > "$tmp/out" 2>&1
[ $? = 1 ] || fail "a directory with an invalid file: exit code not 1"
grep -qx "$tmp/dir/sub/b.json"$'\t/clusters/0/percent\tcluster.percent.range\terror\texpected a number in \[0, 100\], got 101' "$tmp/out" ||
    fail "directory: no prefixed line for b.json: $(head -c 300 "$tmp/out")"
grep -q "notes.txt" "$tmp/out" && fail "directory: read a file that is not *.json"

# --json: one record per input, in order.
"$drx" check cluster-list "$tmp/dir" "$payload" --json > "$tmp/out"
python3 - "$tmp/out" "$tmp/dir" "$payload" <<'PY' || fail "--json records"
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1]).read().splitlines()]
assert [r["input"] for r in recs] == [sys.argv[2] + "/a.json", sys.argv[2] + "/sub/b.json", sys.argv[3]], recs
assert [r["valid"] for r in recs] == [True, False, True], recs
assert all(set(r) == {"input", "schema", "valid", "diagnostics", "skipped", "omitted"} for r in recs)
PY

# --jsonl: every line a document, named FILE:LINE; blank lines skipped; an oversized line
# is refused alone.
"$drx" generate cluster-list --seed 4 --count 3 > "$tmp/docs.jsonl"
printf '\n{"projectId": 1}\n' >> "$tmp/docs.jsonl"
"$drx" check cluster-list --jsonl "$tmp/docs.jsonl" --json > "$tmp/out"
[ $? = 1 ] || fail "--jsonl with an invalid line: exit code not 1"
python3 - "$tmp/out" "$tmp/docs.jsonl" <<'PY' || fail "--jsonl records"
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1]).read().splitlines()]
assert [r["input"] for r in recs] == [sys.argv[2] + ":%d" % n for n in (1, 2, 3, 5)], [r["input"] for r in recs]
assert [r["valid"] for r in recs] == [True, True, True, False], recs
PY
"$drx" check cluster-list --jsonl - --max-input-size 10 < "$tmp/docs.jsonl" > "$tmp/out"
[ $? = 1 ] || fail "--jsonl over the size limit: exit code not 1"
grep -q $'^-:1\t\tschema.limit\terror' "$tmp/out" || fail "--jsonl over the limit: $(head -c 200 "$tmp/out")"

# --quiet: the exit code only.
"$drx" check cluster-list "$tmp/dir" --quiet > "$tmp/out" 2>&1
[ $? = 1 ] && [ ! -s "$tmp/out" ] || fail "--quiet printed or exited wrongly: $(head -c 200 "$tmp/out")"
"$drx" check cluster-list "$payload" -q
[ $? = 0 ] || fail "-q on a valid file: exit code not 0"

# --context @FILE
echo '{"clusterNames": ["a"], "nClusters": 1}' > "$tmp/ctx.json"
echo '{"classNames": ["b"]}' | "$drx" check explanations-mode --context "@$tmp/ctx.json" > "$tmp/out" 2>/dev/null
[ $? = 1 ] && grep -q 'clusters.list.known' "$tmp/out" || fail "--context @FILE: $(cat "$tmp/out")"
"$drx" check explanations-mode --context "@$tmp/missing.json" < /dev/null 2> "$tmp/err"
[ $? = 2 ] && grep -q "missing.json: No such file" "$tmp/err" || fail "--context @missing: $(cat "$tmp/err")"

# -- ends the options: a file whose name starts with "-" is an input.
cp "$payload" "$tmp/-dash.json"
(cd "$tmp" && "$drx" check cluster-list -- -dash.json) || fail "check -- -dash.json: exit $?"
(cd "$tmp" && "$drx" check cluster-list -dash.json) 2> "$tmp/err"
[ $? = 2 ] || fail "check -dash.json without --: not a usage error"
# --option=value
"$drx" check cluster-list --level=consistency --max-diagnostics=3 "$payload" || fail "--option=value: exit $?"

# I/O errors name the path and the reason, and exit 2.
"$drx" check cluster-list "$tmp/nope.json" 2> "$tmp/err"
[ $? = 2 ] && grep -q "cannot read $tmp/nope.json: No such file or directory" "$tmp/err" || fail "missing input: $(cat "$tmp/err")"

[ "$failures" -eq 0 ]
