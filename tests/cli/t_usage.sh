#!/usr/bin/env bash
# SPDX-License-Identifier: BSL-1.0
# The drx tool's command-line conventions (docs/cli.md): a usage error is one line on stderr,
# "drx: PROBLEM (see drx COMMAND --help)", with exit 2 and nothing on stdout, for every
# command; an I/O error names the path and the system's reason; every command that takes an
# option value takes it as --opt=value as well as --opt value; every command has --help.
# The expected lines are written out here, from docs/cli.md, not taken from the tool.
#
#   bash tests/cli/t_usage.sh <path-to-drx> <repo-root>
set -u
drx=${1:?usage: t_usage.sh <path-to-drx> <repo-root>}
root=${2:?usage: t_usage.sh <path-to-drx> <repo-root>}
case $drx in /*) ;; *) drx=$PWD/$drx ;; esac
failures=0
fail() {
    echo "FAIL t_usage: $*"
    failures=$((failures + 1))
}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/drx_t_usage.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
payloads=$root/examples/payloads
csvdata=$root/tests/data/prediction_explanations/csv

# usage_error 'EXPECTED STDERR LINE' ARGS... : drx ARGS exits 2, prints nothing on stdout and
# exactly that one line on stderr.
usage_error() {
    local want=$1
    shift
    (cd "$tmp" && "$drx" "$@") >"$tmp/out" 2>"$tmp/err" </dev/null
    local rc=$?
    [ "$rc" = 2 ] || fail "drx $*: exit $rc, wanted 2"
    [ -s "$tmp/out" ] && fail "drx $*: printed on stdout: $(head -c 200 "$tmp/out")"
    printf '%s\n' "$want" | cmp -s - "$tmp/err" || fail "drx $*: stderr is '$(head -c 400 "$tmp/err")', wanted the one line '$want'"
}

# ---- one-line usage errors, for every command ----
commands=(schemas check format csv query generate dictionary json-schema openapi rules verify proxy)
for c in "${commands[@]}"; do
    usage_error "drx: unknown option --jsn (see drx $c --help)" "$c" --jsn
done
usage_error "drx: missing command (see drx --help)"
usage_error "drx: unknown command 'chek' (see drx --help)" chek cluster-list
usage_error "drx: unknown option --jsn (see drx --help)" --jsn
# a missing value, a bad value, a missing or extra argument
usage_error "drx: --level needs a value (see drx check --help)" check cluster-list --level
usage_error "drx: --level is schema, rules or consistency, got 'all' (see drx check --help)" check cluster-list --level=all
usage_error "drx: missing SCHEMA (see drx check --help)" check
usage_error "drx: unexpected argument 'b.json' (see drx format --help)" format cluster-list a.json b.json
usage_error "drx: --indent is at most 64 (see drx format --help)" format cluster-list --indent=65
usage_error "drx: --max-explanations needs a number, got 'x' (see drx csv --help)" csv --max-explanations=x
usage_error "drx: unexpected argument 'b=2' (see drx query --help)" query a=1 b=2
usage_error "drx: --algorithm is xemp or shap, got 'lime' (see drx query --help)" query --algorithm=lime a=1
usage_error "drx: --count needs a number, got 'many' (see drx generate --help)" generate cluster-list --count=many
usage_error "drx: unknown schema 'nope': drx schemas lists the schemas (see drx dictionary --help)" dictionary nope
usage_error "drx: --all and --out DIR go together (see drx json-schema --help)" json-schema --all
usage_error "drx: --unknown-keys needs a value (see drx openapi --help)" openapi --unknown-keys
usage_error "drx: unexpected argument 'extra' (see drx schemas --help)" schemas extra
usage_error "drx: unexpected argument 'b' (see drx rules --help)" rules cluster-list b
usage_error "drx: missing --upstream (see drx proxy --help)" proxy
usage_error "drx: --upstream is http://HOST:PORT[/PREFIX], got 'https://example.com' (see drx proxy --help)" \
    proxy --upstream=https://example.com
usage_error "drx: --listen is HOST:PORT, got 'localhost' (see drx proxy --help)" proxy --upstream http://h:1 --listen localhost
usage_error "drx: --max-input-size needs a number, got 'big' (see drx verify --help)" verify --max-input-size=big
# a value that is refused for several reasons stays on one line
usage_error "drx: --context is not a valid context: /x schema.unknown_key: unknown key \"x\" (see drx check --help)" \
    check cluster-list --context '{"x": 1}'

# ---- I/O errors: the path and the system's reason, exit 2 ----
# io_error 'EXPECTED STDERR LINE' ARGS... (run in $tmp, where missing.json does not exist)
io_error() {
    local want=$1
    shift
    (cd "$tmp" && "$drx" "$@") >"$tmp/out" 2>"$tmp/err" </dev/null
    local rc=$?
    [ "$rc" = 2 ] || fail "drx $*: exit $rc, wanted 2"
    printf '%s\n' "$want" | cmp -s - "$tmp/err" || fail "drx $*: stderr is '$(head -c 400 "$tmp/err")', wanted '$want'"
}
io_error "drx: cannot read missing.json: No such file or directory" check cluster-list missing.json
io_error "drx: cannot read missing.json: No such file or directory" check cluster-list --jsonl missing.json
io_error "drx: cannot read missing.json: No such file or directory" format cluster-list missing.json
io_error "drx: cannot read missing.json: No such file or directory" csv missing.json
io_error "drx: cannot read missing.json: No such file or directory" csv "$csvdata/binary.page.json" --record=missing.json
io_error "drx: cannot read missing.json: No such file or directory" check explanations-mode --context=@missing.json
io_error "drx: cannot write no-dir/cluster.json: No such file or directory" json-schema --all --out=no-dir
io_error "drx: cannot read missing.har: No such file or directory" verify missing.har
if [ -w /dev/full ]; then
    "$drx" openapi >/dev/full 2>"$tmp/err"
    [ $? = 2 ] || fail "openapi >/dev/full: exit code not 2"
    printf '%s\n' "drx: cannot write to standard output: No space left on device" | cmp -s - "$tmp/err" ||
        fail "openapi >/dev/full: '$(cat "$tmp/err")'"
fi

# ---- --opt=value on every command that takes an option value ----
# check: --max-input-size=10 refuses the (longer) payload, as --max-input-size 10 does.
"$drx" check cluster-list "$payloads/cluster-list.json" --max-input-size=10 >"$tmp/out" 2>/dev/null
[ $? = 1 ] && grep -q $'\tschema.limit\terror\tinput larger than the limit of 10 bytes' "$tmp/out" ||
    fail "check --max-input-size=10: $(head -c 200 "$tmp/out")"
"$drx" check cluster-list "$payloads/cluster-list.json" --max-input-size 10 >"$tmp/out2" 2>/dev/null
cmp -s "$tmp/out" "$tmp/out2" || fail "check --max-input-size=10 and --max-input-size 10 differ"
# format: --indent=3 is Python's json.dumps(indent=3).
python3 -c 'import json, sys; print(json.dumps(json.load(open(sys.argv[1])), indent=3))' "$payloads/cluster-list.json" >"$tmp/want"
"$drx" format cluster-list "$payloads/cluster-list.json" --indent=3 >"$tmp/out" || fail "format --indent=3: exit $?"
cmp -s "$tmp/want" "$tmp/out" || fail "format --indent=3 is not json.dumps(indent=3)"
# csv: --max-explanations=3 writes what pandas wrote (tests/data/prediction_explanations/csv).
"$drx" csv "$csvdata/binary.page.json" --max-explanations=3 >"$tmp/out" 2>/dev/null || fail "csv --max-explanations=3: exit $?"
cmp -s "$tmp/out" "$csvdata/binary.csv" || fail "csv --max-explanations=3 differs from binary.csv"
# query: "all" is accepted with --algorithm=shap only.
"$drx" query --algorithm=shap 'maxExplanations=all' >"$tmp/out" 2>/dev/null || fail "query --algorithm=shap: exit $?"
printf '%s\n' '{"maxExplanations": "all"}' | cmp -s - "$tmp/out" || fail "query --algorithm=shap: $(cat "$tmp/out")"
# generate: --count=3 gives three lines, the same as --count 3.
"$drx" generate cluster-list --seed=5 --count=3 >"$tmp/out" || fail "generate --count=3: exit $?"
[ "$(wc -l <"$tmp/out")" = 3 ] || fail "generate --count=3: $(wc -l <"$tmp/out") lines"
"$drx" generate cluster-list --seed 5 --count 3 | cmp -s - "$tmp/out" || fail "generate --seed=5 and --seed 5 differ"
# json-schema and openapi: --unknown-keys=error closes the objects.
"$drx" json-schema cluster-list --unknown-keys=error | grep -q '"unevaluatedProperties": false' ||
    fail "json-schema --unknown-keys=error: no closed object"
"$drx" openapi --unknown-keys=error | grep -q '"unevaluatedProperties": false' || fail "openapi --unknown-keys=error: no closed object"
mkdir "$tmp/all"
"$drx" json-schema --all --out="$tmp/all" && [ -s "$tmp/all/cluster-list.json" ] || fail "json-schema --all --out=DIR"
# (schemas, dictionary and rules take no option value.)

# ---- --help for every command: the command's synopsis from the README, then its options ----
for c in "${commands[@]}"; do
    "$drx" "$c" --help >"$tmp/help" 2>"$tmp/err"
    [ $? = 0 ] || fail "drx $c --help: exit code not 0"
    [ -s "$tmp/err" ] && fail "drx $c --help wrote on stderr"
    first=$(grep -m1 "^drx $c\\b" "$root/README.md")
    [ "$(head -n 1 "$tmp/help")" = "usage: $first" ] || fail "drx $c --help: first line '$(head -n 1 "$tmp/help")', wanted 'usage: $first'"
    # every option the README's synopsis names for the command is listed
    synopsis=$(awk -v c="$c" '/^## The `drx` tool/ { sec = 1 } sec && /^```sh/ { blk = 1; next }
                            blk && /^```/ { exit } blk { if ($0 ~ /^drx /) cur = $2; if (cur == c) print }' "$root/README.md")
    [ -n "$synopsis" ] || fail "drx $c is not in the README's synopsis"
    for o in $(printf '%s\n' "$synopsis" | grep -o -- '--[a-z][a-z0-9-]*' | sort -u); do
        grep -q "^  \(-[a-z], \)\{0,1\}$o\b" "$tmp/help" || fail "drx $c --help does not list $o"
    done
done
# --help wins over a bad option before it; -h is --help.
"$drx" check --jsn --help >"$tmp/out" 2>&1 && grep -q '^usage: drx check ' "$tmp/out" || fail "check --jsn --help: not the help"
"$drx" format -h >"$tmp/out" 2>&1 && grep -q '^usage: drx format ' "$tmp/out" || fail "format -h: not the help"
"$drx" --help >"$tmp/out" && grep -q '^drx rules ' "$tmp/out" || fail "drx --help: not the synopsis"

[ "$failures" -eq 0 ]
