#!/usr/bin/env bash
# SPDX-License-Identifier: BSL-1.0
# The deployment family through the drx tool (README.md, "The drx tool"): drx query, drx check
# --request, the query / headers / batch schemas.
#   bash tests/cli/t_deployment.sh <path-to-drx> <repo-root>
# Expected outputs come from independent sources: seed 003's errors list
# (tests/data/deployment/seed003_errors.txt) and CPython (tests/data/deployment/cli_query.tsv,
# written by tests/tools/make_deployment_golden.py). drx's own texts are checked by rule id and
# pointer only.
set -u
drx=$1
root=$2
data=$root/tests/data/deployment
seed=$root/tests/data/seed003
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() { echo "t_deployment: $*"; fails=$((fails + 1)); }

# run RC CMD... : runs CMD (stdout to $tmp/out, stderr to $tmp/err) and checks the exit code.
run() {
    local want=$1; shift
    "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
    local rc=$? cmd="$*"
    [ "$rc" -eq "$want" ] || fail "exit $rc, wanted $want: ${cmd:0:300}  (stderr: $(head -c 300 "$tmp/err"))"
}
# run_in RC INPUT CMD... : the same with INPUT on stdin.
run_in() {
    local want=$1 input=$2; shift 2
    printf '%s' "$input" | "$@" >"$tmp/out" 2>"$tmp/err"
    local rc=$?
    [ "$rc" -eq "$want" ] || fail "exit $rc, wanted $want: $* <<< $input  (stderr: $(head -c 300 "$tmp/err"))"
}
# same EXPECTED WHAT : stdout must be EXPECTED plus a newline, byte for byte.
same() {
    printf '%s\n' "$1" >"$tmp/want"
    cmp -s "$tmp/want" "$tmp/out" || fail "$2: got '$(head -c 400 "$tmp/out")', wanted '$1'"
}
has_line() { grep -qF -- "$1" "$tmp/out" || fail "missing line '$1' in output of: $2"; }
seed_body() { awk -F'\t' -v t="$1" '$2 == t { print $1 " " $3 }' "$data/seed003_errors.txt"; }

[ -s "$data/seed003_errors.txt" ] || fail "missing $data/seed003_errors.txt"

# ---- schemas ----
run 0 "$drx" schemas
for s in deployment-predictions-query deployment-predictions-headers batch-explanation-settings; do
    grep -qx "$s" "$tmp/out" || fail "drx schemas does not list $s"
done

# ---- drx query: accepted queries print the decoded parameters (CPython's answers) ----
n=0
while IFS= read -r line; do
    query=${line%%$'\t'*}
    want=${line#*$'\t'}
    run 0 "$drx" query "$query"
    same "$want" "drx query '$query'"
    n=$((n + 1))
done <"$data/cli_query.tsv"
[ "$n" -ge 8 ] || fail "cli_query.tsv has $n lines"
# A leading '?' is dropped.
run 0 "$drx" query '?maxExplanations=2'
same '{"maxExplanations": 2}' "drx query with a leading ?"

# ---- drx query: seed 003's error bodies, byte for byte ----
id=5f0c1b2d3e4f5a6b7c8d9e0f
run 1 "$drx" query 'maxExplanations=abc'
same "$(seed_body max_codes)" "maxExplanations=abc"
run 1 "$drx" query 'thresholdHigh=0.5x'
same "$(seed_body threshold_high)" "thresholdHigh=0.5x"
run 1 "$drx" query 'thresholdLow='
same "$(seed_body threshold_low)" "thresholdLow="
run 1 "$drx" query 'excludeAdjustedPredictions='
same "$(seed_body exclude_adjusted)" "excludeAdjustedPredictions="
run 1 "$drx" query 'predictionWarningEnabled=sometimes'
same "$(seed_body prediction_warning)" "predictionWarningEnabled=sometimes"
run 1 "$drx" query --model-kind multiclass 'maxExplanations=3'
same "$(seed_body multiclass)" "multiclass"
run 1 "$drx" query --model-kind time-series ''
same "$(seed_body time_series)" "time series"
run 1 "$drx" query --deployment 5f0c1b2d3e4f5a6b7c8d9e0 'maxExplanations=3'
same "$(seed_body bad_id)" "23 hex digits"
run 1 "$drx" query --deployment 5f0c1b2d3e4f5a6b7c8d9e0g 'maxExplanations=3'
same "$(seed_body bad_id)" "a non-hex digit"
run 1 "$drx" query --context "{\"deployments\": [\"$id\"]}" --deployment aaaaaaaaaaaaaaaaaaaaaaaa 'maxExplanations=3'
same "$(seed_body not_found)" "unknown deployment"
run 0 "$drx" query --context "{\"deployments\": [\"$id\"]}" --deployment "$id" 'maxExplanations=3'
same '{"maxExplanations": 3}' "known deployment"
# "all" is for SHAP only.
run 1 "$drx" query 'maxExplanations=all'
same "$(seed_body max_codes)" "all with XEMP"
run 0 "$drx" query --algorithm shap 'maxExplanations=all'
same '{"maxExplanations": "all"}' "all with SHAP"
run 0 "$drx" query --context '{"algorithm": "shap"}' 'maxExplanations=all'
same '{"maxExplanations": "all"}' "all with SHAP from the context"

# Several bad parameters: one Dict message, seed 003's key order whatever the query order.
run 1 "$drx" query 'excludeAdjustedPredictions=x&thresholdLow=x&maxExplanations=x'
same "422 {\"message\": \"{'max_codes': DataError(value can't be converted to int), 'threshold_low': DataError(value can't be converted to float), 'exclude_adjusted_predictions': DataError(value can't be converted to Bool)}\"}" "several bad parameters"

# Unknown parameters: accepted, a warning on stderr.
run 0 "$drx" query 'maxExplanations=1&forecastPoint=2020-01-01'
same '{"maxExplanations": 1}' "unknown parameter"
grep -qF $'/forecastPoint\tschema.unknown_key\twarning' "$tmp/err" || fail "no unknown-parameter warning on stderr"

# ---- bad input: clear errors, no crash ----
for q in 'maxExplanations=%zz' 'maxExplanations=%4' 'explanationClassNames=%FF' 'explanationClassNames=%ED%A0%80'; do
    run 1 "$drx" query "$q"
    grep -q '^400 {"message": "Malformed query string: ' "$tmp/out" || fail "$q: $(cat "$tmp/out")"
    grep -qF $'\tschema.syntax\terror\t' "$tmp/err" || fail "$q: no schema.syntax diagnostic"
done
# Over the parameter limit (10,000 by default; the 100,000-parameter query, too long for a
# command line, is in tests/test_deployment_query.cpp and tests/cli/t_mock.sh).
big=$(awk 'BEGIN { for (i = 0; i < 10001; i++) printf "%sa=1", (i ? "&" : ""); print "" }')
run 1 "$drx" query "$big"
grep -q '^414 {"message": "Request-URI too long: query string with 10001 parameters' "$tmp/out" ||
    fail "10,001 parameters: $(head -c 200 "$tmp/out")"

# ---- usage errors exit 2 ----
run 2 "$drx" query
run 2 "$drx" query --algorithm lime 'maxExplanations=1'
run 2 "$drx" query --model-kind tree 'maxExplanations=1'
run 2 "$drx" query 'a=1' 'b=2'
run 2 "$drx" check deployment-xemp-response "$seed/xemp_example.txt" --request 'maxExplanations=x'

# ---- drx check --request: consistency against the request ----
run 0 "$drx" check deployment-xemp-response "$seed/xemp_example.txt" --request 'maxExplanations=3&thresholdLow=0.1'
[ -s "$tmp/out" ] && fail "consistent response printed: $(cat "$tmp/out")"
run 1 "$drx" check deployment-xemp-response "$seed/xemp_example.txt" --request 'maxExplanations=2'
has_line $'/data/0/predictionExplanations/2\tresponse.explanations.count\terror\t' "--request maxExplanations=2"
run 1 "$drx" check deployment-xemp-response "$seed/xemp_example.txt" --request 'maxExplanations=3&thresholdHigh=0.5'
has_line $'/data/0/predictionExplanations\tresponse.explanations.threshold\terror\t' "--request thresholdHigh"
run 1 "$drx" check deployment-shap-response "$seed/shap_example.txt" --request 'maxExplanations=3&passthroughColumns=id' --json
grep -qF '"pointer":"/data/0/passthroughValues","rule":"response.passthrough"' "$tmp/out" ||
    fail "--request passthroughColumns --json: $(cat "$tmp/out")"
run 0 "$drx" check deployment-shap-response "$seed/shap_example.txt" --request 'maxExplanations=0'
# Without --request the request rules are skipped, and the tool says so.
run 0 "$drx" check deployment-xemp-response "$seed/xemp_example.txt"
grep -qF 'rule response.explanations.count skipped' "$tmp/err" || fail "no skipped note without --request"

# ---- deployment-predictions-headers: names are case-insensitive ----
run_in 0 '{"authorization": "Bearer abc", "CONTENT-TYPE": "text/csv", "content-length": "52428800"}' \
    "$drx" check deployment-predictions-headers -
run_in 1 '{"content-type": "text/csv"}' "$drx" check deployment-predictions-headers -
has_line $'/Authorization\tdeployment.authorization\terror\t' "missing Authorization"
run_in 1 '{"Authorization": "Bearer a", "AUTHORIZATION": "Bearer b"}' "$drx" check deployment-predictions-headers -
has_line $'/Authorization\tschema.duplicate_key\terror\t' "Authorization twice"
run_in 1 '{"Authorization": "Bearer a", "Content-Length": "52428801"}' "$drx" check deployment-predictions-headers -
has_line $'/Content-Length\tdeployment.body_size\terror\t' "over 50 MB"
run_in 1 '{"Authorization": "Bearer a", "content-encoding": "br"}' "$drx" check deployment-predictions-headers -
has_line $'/Content-Encoding\tdeployment.content_encoding\terror\t' "Content-Encoding br"
run_in 1 '{"Authorization": "Bearer a"}' "$drx" check deployment-predictions-headers - --context '{"managedCloud": true}'
has_line $'/DataRobot-Key\tdeployment.authorization\terror\t' "DataRobot-Key on managed cloud"
run_in 0 '{"authorization": "Bearer a", "datarobot-key": "k"}' "$drx" format deployment-predictions-headers -
same '{"Authorization":"Bearer a","DataRobot-Key":"k"}' "format headers"

# ---- the JSON forms of the query and the batch settings ----
run_in 0 '{"thresholdHigh": 0.5, "maxExplanations": 3}' "$drx" format deployment-predictions-query - --python
same '{"maxExplanations": 3, "thresholdHigh": 0.5}' "format query (declared order)"
run_in 1 '{"maxExplanations": "all"}' "$drx" check deployment-predictions-query - --context '{"algorithm": "xemp"}'
has_line $'/maxExplanations\texplanations.max.all_requires_shap\terror\t' "all with XEMP (JSON form)"
run_in 1 '{"explanationNumTopClasses": 11}' "$drx" check batch-explanation-settings -
has_line $'/explanationNumTopClasses\tmode.num_top_classes.range\terror\t' "batch num top classes"
run_in 0 '{"passthroughColumnsSet": "all", "passthroughColumns": ["id"]}' "$drx" check batch-explanation-settings -
has_line $'/passthroughColumns\tbatch.passthrough.precedence\twarning\t' "batch passthrough precedence"

[ "$fails" -eq 0 ]
