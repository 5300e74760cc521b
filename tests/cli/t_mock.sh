#!/usr/bin/env bash
# SPDX-License-Identifier: BSL-1.0
# drx-mock (examples/mock/, docs/mock.md) driven with curl on 127.0.0.1.
#   bash tests/cli/t_mock.sh <path-to-drx> <repo-root>
# The mock is the drx-mock next to the drx binary (or $DRX_MOCK). It is started on a free port
# (with --timeout as a safety bound only), asked good and bad requests, and stopped.
# Expected bodies come from independent sources: tests/data/deployment/*_python.json (seed
# 003's examples through CPython's json.dumps, trimmed as documented, by
# tests/tools/make_deployment_golden.py), seed 003's errors list
# (tests/data/deployment/seed003_errors.txt) and the payload files of examples/payloads. Where
# the mock answers one row per input row, the expected text is computed here by CPython from
# those files (the golden row with its rowId, passthroughValues from Python's csv and json
# modules), never from the mock's own output. drx's own texts (401, 400, 413, 414) are the
# documented ones of include/drx/api/deployment_request.hpp; the mock's own (bodies, gzip,
# limits, 404/405) those of docs/mock.md. The exchanges are recorded as JSON Lines in drx's
# exchange format (docs/verify.md, "Recordings") and `drx verify` must find every good one ok.
set -u
drx=$1
root=$2
data=$root/tests/data/deployment
payloads=$root/examples/payloads
mock=${DRX_MOCK:-$(dirname "$drx")/drx-mock}
fails=0
tmp=$(mktemp -d)
pid=
helpers=()  # background clients started by this script
cleanup() {
    local h
    for h in "${helpers[@]}"; do kill "$h" 2>/dev/null; done
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT

fail() { echo "t_mock: $*"; fails=$((fails + 1)); }

if [ ! -x "$mock" ]; then
    fail "drx-mock not found at $mock (build the target drx_mock, or set DRX_MOCK)"
    exit 1
fi
for tool in curl python3 gzip; do
    command -v "$tool" >/dev/null 2>&1 || { fail "$tool not found"; exit 1; }
done

# launch FILE-PREFIX ARGS... : starts the mock (ARGS after --port 0) in the background; its pid
# in $pid, its port in $port, its output in FILE-PREFIX.out and .err. With $launch_fds set,
# under ulimit -n $launch_fds.
launch() {
    local out=$1
    shift
    rm -f "$tmp/port"
    (
        [ -n "${launch_fds:-}" ] && ulimit -n "$launch_fds"
        exec "$mock" --port 0 --port-file "$tmp/port" --payloads "$payloads" "$@"
    ) >"$out.out" 2>"$out.err" &
    pid=$!
    for _ in $(seq 1 100); do
        [ -s "$tmp/port" ] && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if [ ! -s "$tmp/port" ]; then
        fail "the mock did not start with $*: $(head -c 300 "$out.err")"
        return 1
    fi
    port=$(cat "$tmp/port")
    base="http://127.0.0.1:$port/predApi/v1.0/deployments"
    api="http://127.0.0.1:$port/api/v2"
}
stop() {
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    pid=
}
# exits_within TENTHS: true when the mock ($pid) has ended within TENTHS tenths of a second.
exits_within() {
    for _ in $(seq 1 "$1"); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    ! kill -0 "$pid" 2>/dev/null
}

# ---- the recording -------------------------------------------------------------------------
# Every exchange made with `ask` while $rec is "RECORDING KIND" is kept in $tmp/x/N/: RECORDING
# is xemp, shap (the deployments' algorithm, given to drx verify as context) or api; KIND is
# good (drx verify must say ok) or refused (a refusal the real server gives: ok with
# --allow-bad-requests). Empty $rec: not recorded (the mock's own refusals, which drx verify
# does not know).
rec=
n=0
mkdir -p "$tmp/x"

# ask WANT METHOD URL [curl options...] : sends the request (-H fields; --data-binary @FILE);
# checks the status; the answer's body is in $tmp/got, its header in $tmp/got.head.
ask() {
    local want=$1 method=$2 url=$3
    shift 3
    local code
    code=$(curl -sS -o "$tmp/got" -D "$tmp/got.head" -w '%{http_code}' -X "$method" "$@" "$url" 2>"$tmp/curlerr")
    [ "$code" = "$want" ] || fail "status $code, wanted $want: $method ${url:0:200} ($(head -c 200 "$tmp/curlerr"))"
    [ -n "$rec" ] || return 0
    n=$((n + 1))
    local d=$tmp/x/$n
    mkdir -p "$d"
    printf '%s' "$rec" >"$d/label"
    printf '%s' "$method" >"$d/method"
    printf '%s' "$url" >"$d/url"
    printf '%s' "$code" >"$d/status"
    cp "$tmp/got" "$d/body"
    cp "$tmp/got.head" "$d/head"
    : >"$d/req.head"
    while [ $# -gt 0 ]; do
        case $1 in
            -H) printf '%s\n' "$2" >>"$d/req.head"; shift ;;
            --data-binary) cp "${2#@}" "$d/req.body"; shift ;;
        esac
        shift
    done
}
# post_with STATUS URL [curl options...] : POSTs $tmp/body.csv with the given fields.
post_with() {
    local want=$1 url=$2
    shift 2
    ask "$want" POST "$url" --data-binary @"$tmp/body.csv" "$@"
}
# post STATUS URL : the same with a Bearer Authorization and Content-Type text/csv.
post() { post_with "$1" "$2" -H 'Authorization: Bearer test-key' -H 'Content-Type: text/csv'; }
# body_is FILE WHAT : the answer equals FILE without its final newline.
body_is() {
    head -c -1 "$1" >"$tmp/want"
    cmp -s "$tmp/want" "$tmp/got" || fail "$2: got '$(head -c 300 "$tmp/got")', wanted '$(head -c 300 "$tmp/want")'"
}
# body_text TEXT WHAT : the answer equals TEXT.
body_text() {
    printf '%s' "$1" >"$tmp/want"
    cmp -s "$tmp/want" "$tmp/got" || fail "$2: got '$(head -c 300 "$tmp/got")', wanted '$1'"
}
# body_computed WHAT : the answer equals $tmp/want (written by one of the Python helpers).
body_computed() {
    cmp -s "$tmp/want" "$tmp/got" || fail "$1: got '$(head -c 400 "$tmp/got")', wanted '$(head -c 400 "$tmp/want")'"
}
seed_body() { awk -F'\t' -v t="$1" '$2 == t { print $3 }' "$data/seed003_errors.txt"; }

# rows_want GOLDEN N [PASSTHROUGH] : $tmp/want = GOLDEN's rows for N input rows (row i is the
# golden row i modulo its rows, with rowId i), as json.dumps writes it; PASSTHROUGH is a file
# of one JSON object per row, each row's passthroughValues (written last, as drx does).
rows_want() {
    python3 - "$@" >"$tmp/want" <<'PY'
import json, sys
golden, n = json.load(open(sys.argv[1])), int(sys.argv[2])
pt = [json.loads(l) for l in open(sys.argv[3])] if len(sys.argv) > 3 else None
data = []
for i in range(n):
    row = dict(golden["data"][i % len(golden["data"])])
    row["rowId"] = i
    if pt is not None:
        row["passthroughValues"] = pt[i]
    data.append(row)
sys.stdout.write(json.dumps({"data": data}))
PY
}
# csv_passthrough BODY COLUMN... : one JSON object per data row of the CSV file BODY, as
# Python's csv module reads it (blank lines skipped): each COLUMN's cell, null past the row.
csv_passthrough() {
    python3 - "$@" >"$tmp/pt" <<'PY'
import csv, io, json, sys
with open(sys.argv[1], newline="") as f:
    records = [r for r in csv.reader(io.StringIO(f.read(), newline="")) if r]
header, cols = records[0], sys.argv[2:]
for row in records[1:]:
    print(json.dumps({c: row[header.index(c)] if header.index(c) < len(row) else None for c in cols}))
PY
}
# json_passthrough BODY [COLUMN...] : the same for a JSON body (its values as json.loads gives
# them; a key absent from a row: null); without COLUMNs, every key in order of first appearance.
json_passthrough() {
    python3 - "$@" >"$tmp/pt" <<'PY'
import json, sys
rows, cols = json.load(open(sys.argv[1])), sys.argv[2:]
if not cols:
    for r in rows:
        cols += [k for k in r if k not in cols]
for r in rows:
    print(json.dumps({c: r.get(c) for c in cols}))
PY
}

# ---- start it: free port, --timeout only as the test's safety bound ----
launch "$tmp/main" --timeout 300 || exit 1
xemp=5f0c1b2d3e4f5a6b7c8d9e0f
shap=5f0c1b2d3e4f5a6b7c8d9e1a
multi=5f0c1b2d3e4f5a6b7c8d9e2b
ts=5f0c1b2d3e4f5a6b7c8d9e3c
printf 'id,name\n1,Alice\n' >"$tmp/body.csv"
cp "$tmp/body.csv" "$tmp/one.csv"

# ---- good requests, one input row: the golden responses, as the Python server writes them ----
rec="xemp good"
post 200 "$base/$xemp/predictions?maxExplanations=3"
body_is "$data/xemp_python.json" "XEMP maxExplanations=3"
post 200 "$base/$xemp/predictions?maxExplanations=2"
body_is "$data/xemp_max2_python.json" "XEMP maxExplanations=2"
post 200 "$base/$xemp/predictions"
body_is "$data/xemp_none_python.json" "XEMP without maxExplanations"
post 200 "$base/$xemp/predictions?maxExplanations=3&thresholdHigh=0.5"
body_is "$data/xemp_none_python.json" "XEMP, the row inside the thresholds"
post 200 "$base/$xemp/predictions?maxExplanations=3&thresholdLow=0.1&unknownParameter=1"
body_is "$data/xemp_python.json" "XEMP, the row below thresholdLow; an unknown parameter"
rec="shap good"
post 200 "$base/$shap/predictions?maxExplanations=0"
body_is "$data/shap_python.json" "SHAP maxExplanations=0 (all)"
post 200 "$base/$shap/predictions?maxExplanations=all"
body_is "$data/shap_python.json" "SHAP maxExplanations=all"
post 200 "$base/$shap/predictions?maxExplanations=1"
body_is "$data/shap_max1_python.json" "SHAP maxExplanations=1 (remainingTotal takes the rest)"

# ---- one row per input row ----
# (before: 3 CSV rows gave 1 row)
rec="xemp good"
printf 'id,name\n1,Alice\n2,Bob\n3,Carol\n' >"$tmp/body.csv"
post 200 "$base/$xemp/predictions?maxExplanations=3"
rows_want "$data/xemp_python.json" 3
body_computed "3 CSV rows: 3 rows, rowIds 0, 1, 2"
post 200 "$base/$xemp/predictions?maxExplanations=2&thresholdHigh=0.5"
rows_want "$data/xemp_none_python.json" 3
body_computed "3 CSV rows inside the thresholds"
rec="shap good"
post 200 "$base/$shap/predictions?maxExplanations=1"
rows_want "$data/shap_max1_python.json" 3
body_computed "SHAP, 3 CSV rows, maxExplanations=1"

# RFC 4180: quoted fields with commas, doubled quotes and line breaks; CRLF; a blank line skipped.
# (before: a plain comma split, "Smith, Bob" came back as "\"Smith")
rec="xemp good"
printf 'id,name,comment\r\n1,"Smith, Bob","say ""hi"""\r\n\r\n2,Alice,"two\nlines"\r\n3,"",plain\n' >"$tmp/body.csv"
post 200 "$base/$xemp/predictions?maxExplanations=3&passthroughColumns=name&passthroughColumns=comment&passthroughColumns=id"
csv_passthrough "$tmp/body.csv" name comment id
rows_want "$data/xemp_python.json" 3 "$tmp/pt"
body_computed "quoted CSV cells in passthroughValues"
grep -qF '"passthroughValues": {"name": "Smith, Bob", "comment": "say \"hi\"", "id": "1"}' "$tmp/got" ||
    fail "the quoted cell with a comma is not whole: $(head -c 600 "$tmp/got")"
printf 'id,name\n1,Alice\n2,Bob\n' | gzip -c >"$tmp/body.csv"
post_with 200 "$base/$xemp/predictions?maxExplanations=1&passthroughColumnsSet=all" -H 'Authorization: Bearer k' \
    -H 'Content-Type: text/csv' -H 'Content-Encoding: gzip'
printf 'id,name\n1,Alice\n2,Bob\n' >"$tmp/plain.csv"
csv_passthrough "$tmp/plain.csv" id name
python3 -c 'import json,sys; g=json.load(open(sys.argv[1])); g["data"][0]["predictionExplanations"]=g["data"][0]["predictionExplanations"][:1]; json.dump(g, open(sys.argv[2], "w"))' \
    "$data/xemp_python.json" "$tmp/xemp_max1.json"
rows_want "$tmp/xemp_max1.json" 2 "$tmp/pt"
body_computed "a gzip body (gzip -c): its rows and passthrough values"
rec="shap good"
post_with 200 "$base/$shap/predictions?maxExplanations=1&passthroughColumns=name" -H 'authorization: Token old-style' \
    -H 'content-encoding: gzip' -H 'content-type: text/plain'
csv_passthrough "$tmp/plain.csv" name
rows_want "$data/shap_max1_python.json" 2 "$tmp/pt"
body_computed "deprecated Token form, gzip, text/plain"

# JSON bodies: an array of objects; values as given (string, number, bool, null).
rec="xemp good"
printf '[{"id": 1, "name": "Alice", "score": 0.1, "vip": true, "note": null}, {"name": "Bob", "id": 2, "score": 1e5}, {"id": "3", "vip": false, "score": -0.0}]' >"$tmp/body.csv"
cp "$tmp/body.csv" "$tmp/body.json"
post_with 200 "$base/$xemp/predictions?maxExplanations=3&passthroughColumnsSet=all" -H 'Authorization: Bearer k' \
    -H 'Content-Type: application/json'
json_passthrough "$tmp/body.json"
rows_want "$data/xemp_python.json" 3 "$tmp/pt"
body_computed "a JSON body, passthroughColumnsSet=all"
post_with 200 "$base/$xemp/predictions?maxExplanations=2&passthroughColumns=score&passthroughColumns=vip" \
    -H 'Authorization: Bearer k' -H 'Content-Type: application/json; charset=UTF-8'
json_passthrough "$tmp/body.json" score vip
rows_want "$data/xemp_max2_python.json" 3 "$tmp/pt"
body_computed "a JSON body, two passthrough columns"
# multipart/form-data (curl -F): the rows of its first part
rec=
code=$(curl -sS -o "$tmp/got" -w '%{http_code}' -F "file=@$tmp/plain.csv;type=text/csv" -H 'Authorization: Bearer k' \
    "$base/$xemp/predictions?maxExplanations=3" 2>"$tmp/curlerr")
[ "$code" = 200 ] || fail "multipart: status $code ($(head -c 200 "$tmp/curlerr"))"
rows_want "$data/xemp_python.json" 2
body_computed "a multipart/form-data body"

# ---- refused bodies: the mock's texts (docs/mock.md) ----
rec=
printf 'not gzip\n' >"$tmp/body.csv"
post_with 400 "$base/$xemp/predictions?maxExplanations=3" -H 'Authorization: Bearer k' -H 'Content-Type: text/csv' \
    -H 'Content-Encoding: gzip'
body_text '{"message": "Content-Encoding is gzip but the body does not decode as gzip: not gzip data (no 1f 8b header)"}' \
    "a body that says gzip but is not"
printf 'id,name\n1,Alice\n' | gzip -c | head -c 20 >"$tmp/body.csv"
post_with 400 "$base/$xemp/predictions?maxExplanations=3" -H 'Authorization: Bearer k' -H 'Content-Type: text/csv' \
    -H 'Content-Encoding: gzip'
body_text '{"message": "Content-Encoding is gzip but the body does not decode as gzip: truncated gzip data"}' \
    "a truncated gzip body"
: >"$tmp/body.csv"
post 400 "$base/$xemp/predictions?maxExplanations=3"
body_text '{"message": "The request body is empty: send the rows to score as CSV with a header row, or as a JSON array of objects"}' "an empty body"
printf '\n\r\n\n' >"$tmp/body.csv"
post 400 "$base/$xemp/predictions?maxExplanations=3"
body_text '{"message": "The CSV body has no header row: its first line names the columns"}' "blank lines only"
printf 'id,name\n' >"$tmp/body.csv"
post 400 "$base/$xemp/predictions?maxExplanations=3"
body_text '{"message": "The CSV body has a header row but no data rows"}' "a header row alone"
printf 'id,name\n1,"Alice\n' >"$tmp/body.csv"
post 400 "$base/$xemp/predictions?maxExplanations=3"
body_text '{"message": "The CSV body ends inside a quoted field"}' "an open quote"
printf 'id,name\n1,Alice,extra\n' >"$tmp/body.csv"
post 400 "$base/$xemp/predictions?maxExplanations=3"
body_text '{"message": "The CSV body'"'"'s row 0 (rowId) has 3 fields; its header row has 2"}' "a row longer than the header"
for bad in '{"id": 1}' '[1, 2]' '[{"id": [1]}]' '[]'; do
    printf '%s' "$bad" >"$tmp/body.csv"
    post_with 400 "$base/$xemp/predictions?maxExplanations=3" -H 'Authorization: Bearer k' -H 'Content-Type: application/json'
    if [ "$bad" = '[]' ]; then
        body_text '{"message": "The JSON body is an empty array: no rows to score"}' "JSON []"
    else
        grep -q '^{"message": "The JSON body is not an array of objects: ' "$tmp/got" || fail "JSON $bad: $(cat "$tmp/got")"
    fi
done
cp "$tmp/one.csv" "$tmp/body.csv"

# ---- seed 003's error bodies, byte for byte ----
rec="xemp refused"
post 422 "$base/$xemp/predictions?maxExplanations=abc"
body_text "$(seed_body max_codes)" "maxExplanations=abc"
post 422 "$base/$xemp/predictions?maxExplanations=all"
body_text "$(seed_body max_codes)" "all with XEMP"
post 422 "$base/$xemp/predictions?maxExplanations=2&thresholdHigh=high"
body_text "$(seed_body threshold_high)" "thresholdHigh=high"
post 422 "$base/$xemp/predictions?maxExplanations=2&thresholdLow="
body_text "$(seed_body threshold_low)" "thresholdLow="
post 422 "$base/$xemp/predictions?maxExplanations=2&excludeAdjustedPredictions=maybe"
body_text "$(seed_body exclude_adjusted)" "excludeAdjustedPredictions=maybe"
post 422 "$base/$xemp/predictions?maxExplanations=2&predictionWarningEnabled=maybe"
body_text "$(seed_body prediction_warning)" "predictionWarningEnabled=maybe"
post 422 "$base/$multi/predictions?maxExplanations=2"
body_text "$(seed_body multiclass)" "multiclass deployment"
post 422 "$base/$ts/predictions?maxExplanations=2"
body_text "$(seed_body time_series)" "time series deployment"
post 404 "$base/not-a-valid-id/predictions?maxExplanations=2"
body_text "$(seed_body bad_id)" "malformed id"
post 404 "$base/${xemp^^}0/predictions?maxExplanations=2"
body_text "$(seed_body bad_id)" "25 hex digits"
post 404 "$base/aaaaaaaaaaaaaaaaaaaaaaaa/predictions?maxExplanations=2"
body_text "$(seed_body not_found)" "unknown id"
post 422 "$base/$xemp/predictions?excludeAdjustedPredictions=x&thresholdLow=x&thresholdHigh=x&maxExplanations=x"
body_text "{\"message\": \"{'max_codes': DataError(value can't be converted to int), 'threshold_high': DataError(value can't be converted to float), 'threshold_low': DataError(value can't be converted to float), 'exclude_adjusted_predictions': DataError(value can't be converted to Bool)}\"}" \
    "several bad parameters, seed 003's key order"

# ---- bad requests with drx's documented texts ----
post_with 401 "$base/$xemp/predictions?maxExplanations=2" -H 'Content-Type: text/csv'
body_text '{"message": "Missing Authorization header: send \"Authorization: Bearer <API key>\""}' "no Authorization"
post_with 401 "$base/$xemp/predictions?maxExplanations=2" -H 'Authorization: Bearer' -H 'Content-Type: text/csv'
post_with 415 "$base/$xemp/predictions?maxExplanations=2" -H 'Authorization: Bearer k' -H 'Content-Encoding: br' \
    -H 'Content-Type: text/csv'
body_text '{"message": "Unsupported Content-Encoding: only gzip is supported"}' "Content-Encoding br"
post_with 415 "$base/$xemp/predictions?maxExplanations=2" -H 'Authorization: Bearer k' -H 'Content-Type: text/html'
rec=
post_with 400 "$base/$xemp/predictions?maxExplanations=2" -H 'Authorization: Bearer a' -H 'authorization: Bearer b'
rec="xemp refused"
post 400 "$base/$xemp/predictions?maxExplanations=%zz"
grep -q '^{"message": "Malformed query string: parameter 1 ' "$tmp/got" || fail "%zz: $(cat "$tmp/got")"
post 400 "$base/$xemp/predictions?maxExplanations=2&explanationClassNames=%4"
post 400 "$base/$xemp/predictions?explanationClassNames=%C3%28"
rec=
# raw REQUEST-HEAD : sends REQUEST-HEAD (CRLF lines, ending with an empty line) over a plain
# TCP connection (for requests longer than a command line allows); the answer is in $tmp/raw.
raw() {
    : >"$tmp/raw"
    if ! exec 3<>"/dev/tcp/127.0.0.1/$port" 2>/dev/null; then
        fail "cannot open /dev/tcp/127.0.0.1/$port"
        return
    fi
    printf '%s' "$1" >&3
    timeout 10 cat <&3 >"$tmp/raw"
    exec 3<&-
}
# 100,000 parameters (889 kB of URL): drx's limit (10,000) answers 414.
big=$(awk 'BEGIN { for (i = 0; i < 100000; i++) printf "%sp%d=1", (i ? "&" : ""), i; print "" }')
raw "POST /predApi/v1.0/deployments/$xemp/predictions?$big HTTP/1.1"$'\r\n'"Host: x"$'\r\n'"Authorization: Bearer k"$'\r\n'"Content-Length: 0"$'\r\n\r\n'
head -n 1 "$tmp/raw" | grep -q '^HTTP/1.1 414 ' || fail "100,000 parameters: $(head -c 200 "$tmp/raw")"
grep -q '{"message": "Request-URI too long: query string with 100000 parameters' "$tmp/raw" ||
    fail "100,000 parameters: $(tail -c 200 "$tmp/raw")"
# A body over 50 MB is refused from its Content-Length, before it is sent.
raw "POST /predApi/v1.0/deployments/$xemp/predictions?maxExplanations=1 HTTP/1.1"$'\r\n'"Host: x"$'\r\n'"Authorization: Bearer k"$'\r\n'"Content-Type: text/csv"$'\r\n'"Content-Length: 52428801"$'\r\n\r\n'
head -n 1 "$tmp/raw" | grep -q '^HTTP/1.1 413 ' || fail "over 50 MB: $(head -c 200 "$tmp/raw")"
grep -qF '{"message": "Request body is larger than the 50 MB limit (52428800 bytes)"}' "$tmp/raw" ||
    fail "over 50 MB body: $(tail -c 200 "$tmp/raw")"

# ---- unknown paths and methods ----
ask 405 GET "$base/$xemp/predictions?maxExplanations=2"
body_text '{"message": "Method Not Allowed"}' "GET on the predictions route"
grep -qi '^Allow: POST' "$tmp/got.head" || fail "405 without Allow: POST: $(cat "$tmp/got.head")"
post 404 "http://127.0.0.1:$port/somewhere/else"
body_text '{"message": "Not Found"}' "unknown route"
ask 404 GET "$api/projects/5f0c2d5a4a7ab1a6b4d7a1e1/models/5f0c2e8f4a7ab1a6b4d7a1f2/clusterNames/extra/"
body_text '{"message": "Not Found"}' "unknown route under a known one"
ask 405 DELETE "$api/projects/5f0c2d5a4a7ab1a6b4d7a1e1/models/5f0c2e8f4a7ab1a6b4d7a1f2/clusterNames/"
grep -qi '^Allow: GET, PATCH' "$tmp/got.head" || fail "405 without Allow: GET, PATCH: $(cat "$tmp/got.head")"

# ---- the clustering and prediction-explanations routes, from examples/payloads ----
# The expected bodies: the payload files through json.load / json.dumps (the server's
# separators), changed by CPython where the request changes them.
# py_want EXPR FILE... : $tmp/want = json.dumps(EXPR), f0, f1, ... the FILEs' JSON values.
py_want() {
    local expr=$1
    shift
    python3 - "$expr" "$@" >"$tmp/want" <<'PY'
import json, sys
f = [json.load(open(p)) for p in sys.argv[2:]]
env = {f"f{i}": v for i, v in enumerate(f)}
sys.stdout.write(json.dumps(eval(sys.argv[1], {"json": json}, env)))
PY
}
proj=5f0c2d5a4a7ab1a6b4d7a1e1
model=5f0c2e8f4a7ab1a6b4d7a1f2
names="$api/projects/$proj/models/$model/clusterNames/"
rec="api good"
ask 200 GET "$names"
py_want f0 "$payloads/cluster-list.json"
body_computed "GET clusterNames"
ask 200 GET "$api/projects/$proj/models/$model/clusterNames"
body_computed "GET clusterNames without the trailing slash"
printf '{"clusterNameMappings": [{"currentName": "Cluster 2", "newName": "Big spenders"}]}' >"$tmp/rename.json"
ask 200 PATCH "$names" -H 'Content-Type: application/json' --data-binary @"$tmp/rename.json"
py_want '{**f0, "clusters": [dict(c, name="Big spenders") if c["name"] == "Cluster 2" else c for c in f0["clusters"]]}' \
    "$payloads/cluster-list.json"
body_computed "PATCH clusterNames: the renamed list"
cp "$tmp/want" "$tmp/renamed.json"
ask 200 GET "$names"
cmp -s "$tmp/renamed.json" "$tmp/got" || fail "GET clusterNames after the rename: $(head -c 300 "$tmp/got")"
rec="api refused"
printf '{"clusterNameMappings": [{"currentName": "Cluster 2", "newName": "Again"}]}' >"$tmp/rename.json"
ask 422 PATCH "$names" -H 'Content-Type: application/json' --data-binary @"$tmp/rename.json"
body_text '{"message": "No current cluster with name Cluster 2"}' "renaming a name that was renamed away"
rec="api good"
ask 200 GET "$api/projects/$proj/models/$model/clusterInsights/"
py_want f0 "$payloads/cluster-insights-page.json"
body_computed "GET clusterInsights"
ask 200 GET "$api/projects/$proj/models/$model/clusterInsights/?offset=1&limit=2"
py_want "{**f0, 'count': 2, 'next': 'http://127.0.0.1:$port/api/v2/projects/$proj/models/$model/clusterInsights/?offset=3&limit=2', 'previous': 'http://127.0.0.1:$port/api/v2/projects/$proj/models/$model/clusterInsights/?offset=0&limit=2', 'data': f0['data'][1:3]}" \
    "$payloads/cluster-insights-page.json"
body_computed "GET clusterInsights offset=1 limit=2"
xproj=5a1ec6b0c8089125e0c5d4a1
xid=5a1ec82fc8089125e0c5d4d3
ask 200 GET "$api/projects/$xproj/predictionExplanationsRecords/"
py_want '{"count": 1, "next": None, "data": [f0], "previous": None}' "$payloads/prediction-explanations-record.json"
body_computed "GET predictionExplanationsRecords"
ask 200 GET "$api/projects/$xproj/predictionExplanationsRecords/$xid/"
py_want f0 "$payloads/prediction-explanations-record.json"
body_computed "GET predictionExplanationsRecords/ID"
ask 200 GET "$api/projects/$xproj/predictionExplanations/$xid/"
py_want f0 "$payloads/prediction-explanations-page.json"
body_computed "GET predictionExplanations/ID"
ask 200 GET "$api/projects/$xproj/predictionExplanations/$xid/?limit=2&excludeAdjustedPredictions=false"
py_want "{**f0, 'next': 'http://127.0.0.1:$port/api/v2/projects/$xproj/predictionExplanations/$xid/?offset=2&limit=2', 'data': f0['data'][:2], 'previous': None}" \
    "$payloads/prediction-explanations-page.json"
body_computed "GET predictionExplanations/ID limit=2"
rec="api refused"
ask 404 GET "$api/projects/$proj/models/aaaaaaaaaaaaaaaaaaaaaaaa/clusterNames/"
body_text '{"message": "Not Found"}' "clusterNames of an unknown model"
rec=
ask 404 GET "$api/projects/aaaaaaaaaaaaaaaaaaaaaaaa/predictionExplanationsRecords/$xid/"
body_text '{"message": "Not Found"}' "a record of an unknown project"
ask 400 GET "$api/projects/$xproj/predictionExplanations/$xid/?limit=x"
body_text '{"message": "limit must be a non-negative integer, got \"x\""}' "limit=x"

# ---- the mock's body limit (default 1 MiB): 413 with the mock's text ----
mock_413='{"message": "Request body is larger than the mock'"'"'s limit of 1048576 bytes (--max-body-bytes)"}'
raw "POST /predApi/v1.0/deployments/$xemp/predictions?maxExplanations=1 HTTP/1.1"$'\r\n'"Host: x"$'\r\n'"Authorization: Bearer k"$'\r\n'"Content-Type: text/csv"$'\r\n'"Content-Length: 1048577"$'\r\n\r\n'
head -n 1 "$tmp/raw" | grep -q '^HTTP/1.1 413 ' || fail "Content-Length 1048577: $(head -c 200 "$tmp/raw")"
grep -qF "$mock_413" "$tmp/raw" || fail "Content-Length 1048577: $(tail -c 200 "$tmp/raw")"
{ printf 'id,name\n'; head -c 2097152 /dev/zero | tr '\0' 'a'; } >"$tmp/body.csv"
post_with 413 "$base/$xemp/predictions?maxExplanations=1" -H 'Authorization: Bearer k' -H 'Content-Type: text/csv' \
    -H 'Transfer-Encoding: chunked'
body_text "$mock_413" "a 2 MiB chunked body"
post 413 "$base/$xemp/predictions?maxExplanations=1"
body_text "$mock_413" "a 2 MiB body"
# ... and once decompressed (a 2 MiB CSV is 2 kB of gzip)
gzip -c <"$tmp/body.csv" >"$tmp/big.gz"
cp "$tmp/big.gz" "$tmp/body.csv"
post_with 413 "$base/$xemp/predictions?maxExplanations=1" -H 'Authorization: Bearer k' -H 'Content-Type: text/csv' \
    -H 'Content-Encoding: gzip'
body_text '{"message": "Request body is larger than the mock'"'"'s limit of 1048576 bytes (--max-body-bytes) once decompressed"}' \
    "a gzip body of 2 MiB decompressed"
# exactly the limit is accepted
{ printf 'id,name\n1,Alice\n'; head -c $((1048576 - 16)) /dev/zero | tr '\0' 'a'; } >"$tmp/body.csv"
post 200 "$base/$xemp/predictions?maxExplanations=3"
# more rows than --max-rows (default 10000)
awk 'BEGIN { print "id"; for (i = 0; i < 10001; i++) print i }' >"$tmp/body.csv"
post 413 "$base/$xemp/predictions?maxExplanations=1"
body_text '{"message": "The body sends more than 10000 rows, the mock'"'"'s limit (--max-rows)"}' "10001 rows"
awk 'BEGIN { print "id"; for (i = 0; i < 10000; i++) print i }' >"$tmp/body.csv"
post 200 "$base/$xemp/predictions?maxExplanations=1"
[ "$(grep -o '"rowId": [0-9]*' "$tmp/got" | tail -n 1)" = '"rowId": 9999' ] || fail "10000 rows: the last rowId is not 9999"
cp "$tmp/one.csv" "$tmp/body.csv"

# ---- malformed HTTP: 400 with a short text body, not a silent close ----
# malformed_is WHAT : $tmp/raw is a 400 in text/plain whose body starts "Bad Request: ".
malformed_is() {
    head -n 1 "$tmp/raw" | grep -q '^HTTP/1.1 400 ' || fail "$1: wanted a 400, got '$(head -c 200 "$tmp/raw")'"
    grep -qi '^Content-Type: text/plain' "$tmp/raw" || fail "$1: no text/plain answer: '$(head -c 300 "$tmp/raw")'"
    tail -n 1 "$tmp/raw" | grep -q '^Bad Request: ' || fail "$1: body '$(tail -c 200 "$tmp/raw")'"
}
raw $'NOT HTTP AT ALL\r\n\r\n'
malformed_is "a request line that is not HTTP"
raw "POST /predApi/v1.0/deployments/$xemp/predictions HTTP/1.1"$'\r\n'"Host: x"$'\r\n'"Content-Length: abc"$'\r\n\r\n'
malformed_is "Content-Length abc"
raw "POST /predApi/v1.0/deployments/$xemp/predictions HTTP/1.1"$'\r\n'"Host x"$'\r\n\r\n'
malformed_is "a field without a colon"
raw "POST /predApi/v1.0/deployments/$xemp/predictions?maxExplanations=1 HTTP/1.1"$'\r\n'"Host: x"$'\r\n'"Authorization: Bearer k"$'\r\n'"Content-Type: text/csv"$'\r\n'"Transfer-Encoding: chunked"$'\r\n\r\n'"zz"$'\r\n'"id"$'\r\n'
malformed_is "a chunk size that is not hex"

# 16 connections announcing 45 MB bodies and sending 8 MB each: the server's memory stays put.
rss() { awk '/^VmRSS:/ { print int($2 / 1024) }' "/proc/$pid/status" 2>/dev/null; }
if [ -r "/proc/$pid/status" ]; then
    rss0=$(rss)
    fds=()
    for _ in $(seq 1 16); do
        exec {fd}<>"/dev/tcp/127.0.0.1/$port" || { fail "cannot connect for the memory test"; break; }
        fds+=("$fd")
        printf '%s\r\n' "POST /predApi/v1.0/deployments/$xemp/predictions?maxExplanations=1 HTTP/1.1" "Host: x" \
            "Authorization: Bearer k" "Content-Type: text/csv" "Content-Length: 47185920" "" >&"$fd"
        (exec timeout 10 head -c 8388608 /dev/zero >&"$fd" 2>/dev/null) &
        helpers+=($!)
    done
    sleep 2
    rss1=$(rss)
    for fd in "${fds[@]}"; do exec {fd}>&-; done
    [ -n "$rss0" ] && [ -n "$rss1" ] && [ "$((rss1 - rss0))" -lt 48 ] ||
        fail "16 partial 45 MB bodies: the mock's RSS went from ${rss0:-?} MB to ${rss1:-?} MB"
else
    echo "t_mock: no /proc/$pid/status: memory check SKIPPED"
fi

# ---- passthrough: linear in the columns; a name twice takes its last column in the line ----
printf 'id,name,id\n1,Alice,2\n' >"$tmp/body.csv"
post 200 "$base/$xemp/predictions?maxExplanations=1&passthroughColumns=id&passthroughColumns=name&passthroughColumns=id"
grep -qF '"passthroughValues": {"id": "2", "name": "Alice"}}' "$tmp/got" || fail "passthrough id twice: $(cat "$tmp/got")"
printf 'id,name,id\n1,Alice\n' >"$tmp/body.csv"
post 200 "$base/$xemp/predictions?maxExplanations=1&passthroughColumnsSet=all"
grep -qF '"passthroughValues": {"id": "1", "name": "Alice"}}' "$tmp/got" || fail "passthrough, a short line: $(cat "$tmp/got")"
awk 'BEGIN { n = 80000
             for (i = 0; i < n; i++) printf "%sc%d", (i ? "," : ""), i; print ""
             for (i = 0; i < n; i++) printf "%s%d", (i ? "," : ""), i % 10; print "" }' >"$tmp/body.csv"
code=$(curl -sS -o "$tmp/got" -w '%{http_code}' --max-time 30 -X POST --data-binary @"$tmp/body.csv" \
    -H 'Authorization: Bearer k' -H 'Content-Type: text/csv' \
    "$base/$xemp/predictions?maxExplanations=1&passthroughColumnsSet=all" 2>"$tmp/curlerr")
if [ "$code" != 200 ]; then
    fail "80,000 passthrough columns: status $code ($(head -c 200 "$tmp/curlerr"))"
else
    n80=$(grep -o '"c[0-9]*": "[0-9]"' "$tmp/got" | wc -l)
    [ "$n80" -eq 80000 ] || fail "80,000 passthrough columns: $n80 values"
    grep -qF '"c0": "0", "c1": "1"' "$tmp/got" && grep -qF '"c79999": "9"}' "$tmp/got" ||
        fail "80,000 passthrough columns: wrong values"
fi
cp "$tmp/one.csv" "$tmp/body.csv"

# ---- the mock checked its own answers against the requests: no complaint ----
if grep -q 'own answer' "$tmp/main.err"; then fail "the mock's answers broke consistency rules: $(grep 'own answer' "$tmp/main.err" | head -3)"; fi
stop

# ---- drx verify over the recorded exchanges ----
# Each recording as JSON Lines (docs/verify.md, "Recordings"): request method, URL, the fields
# sent with -H, the body (bodyBase64 when it is not UTF-8: gzip); the response's status, fields
# and body. Good exchanges must be ok as they are; the real server's refusals ok with
# --allow-bad-requests. The context: the mock's four deployments, and each recording's algorithm.
python3 - "$tmp/x" "$tmp" <<'PY' || fail "cannot write the recordings"
import base64, json, os, sys
src, out = sys.argv[1], sys.argv[2]
files = {}
for n in sorted(os.listdir(src), key=int):
    d = os.path.join(src, n)
    read = lambda name: open(os.path.join(d, name), "rb").read()
    recording, kind = read("label").decode().split()
    req_fields = [l.split(":", 1) for l in read("req.head").decode().splitlines() if l]
    req = {"method": read("method").decode(), "url": read("url").decode(),
           "headers": [{"name": k.strip(), "value": v.strip()} for k, v in req_fields]}
    body = read("req.body") if os.path.exists(os.path.join(d, "req.body")) else b""
    try:
        req["body"] = body.decode("utf-8")
    except UnicodeDecodeError:
        req["bodyBase64"] = base64.b64encode(body).decode()
    head = read("head").decode("latin-1").split("\r\n\r\n")
    head = [h for h in head if h.strip()][-1].splitlines()  # the last header block (not 100 Continue)
    resp = {"status": int(read("status")), "headers": [{"name": k.strip(), "value": v.strip()}
            for k, v in (l.split(":", 1) for l in head[1:] if ":" in l)], "body": read("body").decode("utf-8")}
    files.setdefault(f"{recording}-{kind}", []).append(json.dumps({"request": req, "response": resp}))
for name, lines in files.items():
    with open(os.path.join(out, name + ".jsonl"), "w") as f:
        f.write("\n".join(lines) + "\n")
print("t_mock: recorded exchanges: " + ", ".join(f"{k} {len(v)}" for k, v in sorted(files.items())))
PY
deployments='"deployments": ["5f0c1b2d3e4f5a6b7c8d9e0f", "5f0c1b2d3e4f5a6b7c8d9e1a", "5f0c1b2d3e4f5a6b7c8d9e2b", "5f0c1b2d3e4f5a6b7c8d9e3c"]'
for f in xemp-good xemp-refused shap-good api-good api-refused; do
    [ -s "$tmp/$f.jsonl" ] || { fail "no recording $f"; continue; }
    case $f in
        xemp-*) ctx="{\"algorithm\": \"xemp\", $deployments}" ;;
        shap-*) ctx="{\"algorithm\": \"shap\", $deployments}" ;;
        *) ctx='{}' ;;
    esac
    allow=
    [ "${f##*-}" = refused ] && allow=--allow-bad-requests
    "$drx" verify --json $allow --context "$ctx" "$tmp/$f.jsonl" >"$tmp/$f.out" 2>"$tmp/$f.err"
    python3 - "$tmp/$f.jsonl" "$tmp/$f.out" <<'PY' || fail "drx verify ${allow:-(default)} over $f: $(head -c 2000 "$tmp/$f.out") $(cat "$tmp/$f.err")"
import json, sys
sent = [l for l in open(sys.argv[1]) if l.strip()]
got = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
bad = [f'{g["entry"]} {g["method"]} {g["url"]}: {g["verdict"]} {g["diagnostics"]}' for g in got if g["verdict"] != "ok"]
for b in bad:
    print(b)
sys.exit(1 if bad or len(got) != len(sent) else 0)
PY
done

# ---- SIGTERM and SIGINT stop it (exit 0); without --timeout it runs until then ----
for sig in TERM INT; do
    launch "$tmp/sig$sig" || continue
    grep -q 'until stopped' "$tmp/sig$sig.out" || fail "no 'until stopped' without --timeout: $(cat "$tmp/sig$sig.out")"
    sleep 1
    kill -0 "$pid" 2>/dev/null || fail "the mock without --timeout ended by itself"
    post 200 "$base/$xemp/predictions?maxExplanations=3"
    body_is "$data/xemp_python.json" "before SIG$sig"
    kill -s "$sig" "$pid"
    if ! exits_within 50; then
        fail "SIG$sig: still running 5 s later"
        stop
    else
        wait "$pid"
        rc=$?
        pid=
        [ "$rc" -eq 0 ] || fail "SIG$sig: exit status $rc"
        grep -q "SIG$sig received, stopping" "$tmp/sig$sig.out" || fail "SIG$sig: no stop message: $(cat "$tmp/sig$sig.out")"
    fi
done

# ---- --timeout: it stops by itself ----
"$mock" --port 0 --timeout 1 --payloads "$payloads" >"$tmp/log2" 2>&1 &
pid=$!
if ! exits_within 50; then
    fail "the mock did not stop by itself within 5 s of a 1 s timeout"
else
    wait "$pid"
    rc=$?
    [ "$rc" -eq 0 ] || fail "the mock stopped with status $rc after its timeout"
    pid=
fi
grep -q 'passed, stopping' "$tmp/log2" || fail "no stop message: $(cat "$tmp/log2")"

# ---- a scenario file: its deployments, the managed cloud, its projects ----
cat >"$tmp/scenario.json" <<EOF
{"managedCloud": true, "payloads": "$payloads",
 "deployments": [{"id": "0123456789abcdef01234567", "algorithm": "shap"}],
 "projects": [{"id": "aaaaaaaaaaaaaaaaaaaaaaaa", "clusteringModels": ["bbbbbbbbbbbbbbbbbbbbbbbb"],
               "predictionExplanations": ["cccccccccccccccccccccccc"]}]}
EOF
if launch "$tmp/scen" --scenario "$tmp/scenario.json" --timeout 60; then
    post_with 401 "$base/0123456789abcdef01234567/predictions?maxExplanations=1" -H 'Authorization: Bearer k' \
        -H 'Content-Type: text/csv'
    body_text '{"message": "Missing DataRobot-Key header: the managed AI Platform requires it"}' "managed cloud without DataRobot-Key"
    post_with 200 "$base/0123456789abcdef01234567/predictions?maxExplanations=1" -H 'Authorization: Bearer k' \
        -H 'DataRobot-Key: dk' -H 'Content-Type: text/csv'
    body_is "$data/shap_max1_python.json" "the scenario's SHAP deployment"
    post_with 200 "$api/deployments/0123456789abcdef01234567/predictions?maxExplanations=1" -H 'Authorization: Bearer k' \
        -H 'Content-Type: text/csv'
    body_is "$data/shap_max1_python.json" "the serverless route (Bearer only)"
    post 404 "$base/$xemp/predictions?maxExplanations=1"
    body_text "$(seed_body not_found)" "a default deployment, not in the scenario"
    ask 200 GET "$api/projects/aaaaaaaaaaaaaaaaaaaaaaaa/models/bbbbbbbbbbbbbbbbbbbbbbbb/clusterNames/"
    py_want '{**f0, "projectId": "aaaaaaaaaaaaaaaaaaaaaaaa", "modelId": "bbbbbbbbbbbbbbbbbbbbbbbb"}' "$payloads/cluster-list.json"
    body_computed "the scenario's clustering model"
    ask 404 GET "$api/projects/$proj/models/$model/clusterNames/"
    ask 200 GET "$api/projects/aaaaaaaaaaaaaaaaaaaaaaaa/predictionExplanationsRecords/cccccccccccccccccccccccc/"
    py_want "json.loads(json.dumps(f0).replace('$xproj', 'aaaaaaaaaaaaaaaaaaaaaaaa').replace('$xid', 'cccccccccccccccccccccccc'))" \
        "$payloads/prediction-explanations-record.json"
    body_computed "the scenario's explanations record"
    stop
fi
printf '{"deployment": []}' >"$tmp/bad-scenario.json"
"$mock" --scenario "$tmp/bad-scenario.json" --timeout 5 >"$tmp/bad.out" 2>"$tmp/bad.err"
rc=$?
[ "$rc" -eq 2 ] || fail "a scenario with an unknown key: exit $rc, wanted 2"
grep -q 'deployment' "$tmp/bad.err" || fail "a scenario with an unknown key: $(cat "$tmp/bad.err")"

# hold N : opens N idle connections to the mock; their fds in ${held[@]}.
hold() {
    held=()
    local i
    for i in $(seq 1 "$1"); do
        exec {fd}<>"/dev/tcp/127.0.0.1/$port" || { fail "cannot open connection $i"; return 1; }
        held+=("$fd")
    done
}
release() {
    local fd
    for fd in "${held[@]}"; do exec {fd}>&-; done
    held=()
}

# ---- accept failures are retried: 40 idle connections under ulimit -n 32 ----
# Not in a UBSan build (the sanitized clang build): on a type-cache miss its vptr check probes
# memory through a pipe(), which fails without free descriptors, and it then reports a false
# "invalid vptr" (seen on boost::system::error_code::message() in the accept handler).
if grep -qa '__ubsan_handle_dynamic_type_cache_miss' "$mock"; then
    echo "t_mock: the mock is built with UBSan (false vptr reports without free descriptors): EMFILE check SKIPPED"
elif launch_fds=32 launch "$tmp/emfile" --timeout 60; then
    hold 40
    sleep 1
    release
    code=$(curl -sS -o "$tmp/got" -w '%{http_code}' --max-time 10 -X POST --data-binary @"$tmp/body.csv" \
        -H 'Authorization: Bearer k' -H 'Content-Type: text/csv' "$base/$xemp/predictions?maxExplanations=3" \
        2>"$tmp/curlerr")
    [ "$code" = 200 ] || fail "a request after EMFILE: status $code ($(head -c 200 "$tmp/curlerr"))"
    grep -q 'accept failed' "$tmp/emfile.out" || fail "EMFILE: no accept failure logged (is ulimit -n 32 too high?)"
    stop
fi

# ---- --max-connections: the next connection waits; --read-timeout closes idle ones ----
if launch "$tmp/cap" --timeout 60 --max-connections 4 --read-timeout 5; then
    hold 4
    code=$(curl -sS -o "$tmp/got" -w '%{http_code}' --max-time 2 -X POST --data-binary @"$tmp/body.csv" \
        -H 'Authorization: Bearer k' -H 'Content-Type: text/csv' "$base/$xemp/predictions?maxExplanations=3" \
        2>/dev/null)
    [ "$code" = 000 ] || fail "a fifth connection with --max-connections 4: answered $code at once"
    start=$SECONDS
    timeout 20 cat <&"${held[0]}" >/dev/null
    [ $((SECONDS - start)) -le 10 ] || fail "--read-timeout 5: an idle connection was still open after 10 s"
    release
    post 200 "$base/$xemp/predictions?maxExplanations=3"
    body_is "$data/xemp_python.json" "after the held connections closed"
    grep -q 'connections open (--max-connections): new ones wait' "$tmp/cap.out" || fail "no wait logged"
    stop
fi

# ---- --timeout holds while requests are in flight ----
# A client trickling a request (--read-timeout longer than --timeout) and a request that keeps
# the one thread busy (600,000 passthrough columns): the process is gone 1 s after its deadline
# at the latest.
awk 'BEGIN { n = 600000
             for (i = 0; i < n; i++) printf "%sc%d", (i ? "," : ""), i; print ""
             for (i = 0; i < n; i++) printf "%s%d", (i ? "," : ""), i % 10; print "" }' >"$tmp/wide.csv"
started=$SECONDS
if launch "$tmp/deadline" --timeout 2 --read-timeout 30 --max-body-bytes 52428800; then
    exec {slow}<>"/dev/tcp/127.0.0.1/$port"
    (
        printf '%s\r\n' "POST /predApi/v1.0/deployments/$xemp/predictions HTTP/1.1" "Host: x" \
            "Authorization: Bearer k" "Content-Type: text/csv" "Content-Length: 1000" "" >&"$slow"
        for _ in $(seq 1 50); do printf 'x' >&"$slow" || break; sleep 0.2; done
    ) 2>/dev/null &
    helpers+=($!)
    curl -sS -o /dev/null --max-time 20 -X POST --data-binary @"$tmp/wide.csv" -H 'Authorization: Bearer k' \
        -H 'Content-Type: text/csv' "$base/$xemp/predictions?passthroughColumnsSet=all" 2>/dev/null &
    helpers+=($!)
    if ! exits_within 100; then
        fail "--timeout 2 with requests in flight: still running after $((SECONDS - started)) s"
        stop
    else
        wait "$pid"
        rc=$?
        pid=
        [ "$rc" -eq 0 ] || fail "--timeout 2 with requests in flight: exit status $rc"
        [ $((SECONDS - started)) -le 6 ] || fail "--timeout 2 with requests in flight: ran $((SECONDS - started)) s"
        grep -qE 'passed, stopping|still being answered 1 s later: exiting' "$tmp/deadline.out" "$tmp/deadline.err" ||
            fail "--timeout 2: no stop message: $(cat "$tmp/deadline.out" "$tmp/deadline.err")"
    fi
    exec {slow}>&-
fi

[ "$fails" -eq 0 ]
