#!/usr/bin/env bash
# SPDX-License-Identifier: BSL-1.0
# CLI tests of the prediction explanations family: drx schemas / check / format / csv.
#   bash tests/cli/t_prediction_explanations.sh <path-to-drx> <repo-root>
# Expected outputs come from independent sources: the fixture payloads and their json.dumps forms
# (written by CPython), the CSV files written by pandas (tests/tools/pe_csv_oracle.py), and the rule
# ids and pointers of docs/reference/rule-sources.md. One line per failure; exits non-zero if
# anything failed.
set -u

drx=${1:?usage: t_prediction_explanations.sh <path-to-drx> <repo-root>}
root=${2:?usage: t_prediction_explanations.sh <path-to-drx> <repo-root>}
data="$root/tests/data/prediction_explanations"
failures=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() {
  echo "FAIL t_prediction_explanations: $*"
  failures=$((failures + 1))
}

# expect_rc WANT DESCRIPTION -- command...
expect_rc() {
  local want=$1 what=$2
  shift 3
  "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  [[ $rc -eq $want ]] || fail "$what: exit $rc, expected $want ($(head -c 300 "$tmp/err"))"
}

# ---- schemas --------------------------------------------------------------------------------
"$drx" schemas >"$tmp/schemas" || fail "drx schemas exited non-zero"
for s in explanations-mode prediction-explanations-initialization prediction-explanations-create \
         prediction-explanations-record prediction-explanations-record-list prediction-explanations-page \
         prediction-explanations-row shap-matrix; do
  grep -qx -- "$s" "$tmp/schemas" || fail "drx schemas does not list $s"
done

# ---- check and format: every fixture is valid and writes back byte for byte ------------------
while read -r schema file; do
  f="$data/objects/$file.json"
  expect_rc 0 "check $schema $file" -- "$drx" check "$schema" "$f"
  [[ -s "$tmp/out" ]] && fail "check $schema $file printed diagnostics: $(head -n 3 "$tmp/out")"
  expect_rc 0 "format $schema $file" -- "$drx" format "$schema" "$f"
  cmp -s "$tmp/out" "$f" || fail "format $schema $file: output differs from the fixture"
  expect_rc 0 "format --python $schema $file" -- "$drx" format "$schema" "$f" --python
  cmp -s "$tmp/out" "$data/objects/$file.python.json" || fail "format --python $schema $file differs from json.dumps"
done <<'EOF'
prediction-explanations-initialization initialization
prediction-explanations-record record
prediction-explanations-record record_clustering
prediction-explanations-record-list record_list
prediction-explanations-page page_regression
prediction-explanations-page page_adjusted
prediction-explanations-create create
prediction-explanations-create create_training_clustering
explanations-mode mode_top
explanations-mode mode_list
shap-matrix shap_matrix
prediction-explanations-row row_text
EOF

# stdin works too
"$drx" format explanations-mode - <"$data/objects/mode_top.json" >"$tmp/out" 2>/dev/null || fail "format from stdin failed"
cmp -s "$tmp/out" "$data/objects/mode_top.json" || fail "format from stdin differs"

# ---- bad input: exit 1 and the diagnostics' pointer, rule and severity -----------------------
# bad_input SCHEMA 'JSON' 'EXPECTED (tab-separated pointer, rule, severity; lines joined by |)' [drx options]
bad_input() {
  local schema=$1 json=$2 expected=$3
  shift 3
  printf '%s' "$json" | "$drx" check "$schema" - "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  [[ $rc -eq 1 ]] || fail "check $schema '$json': exit $rc, expected 1"
  local got
  got=$(cut -f1-3 "$tmp/out" | paste -sd'|')
  [[ "$got" == "$expected" ]] || fail "check $schema '$json': got '$got', expected '$expected'"
}
T=$'\t'
bad_input explanations-mode '{"numTopClasses":2,"classNames":["a"]}' "/classNames${T}mode.exclusive${T}error"
bad_input explanations-mode '{"numTopClasses":0}' "/numTopClasses${T}mode.num_top_classes.range${T}error"
bad_input explanations-mode '{"numTopClasses":11}' "/numTopClasses${T}mode.num_top_classes.range${T}error"
bad_input explanations-mode '{"numTopClasses":"5"}' "/numTopClasses${T}schema.type${T}error"
bad_input explanations-mode '{"classNames":["a","a"]}' "/classNames/1${T}mode.class_names.unique${T}error"
bad_input explanations-mode '{"classNames":["a",""]}' "/classNames/1${T}mode.class_names.item${T}error"
bad_input explanations-mode '{"classNames":[]}' "/classNames${T}mode.class_names.size${T}error"
bad_input explanations-mode '{"numTopClasses":3}' "/numTopClasses${T}mode.model_kind${T}error" --context '{"modelKind":"binary"}'
bad_input prediction-explanations-create '{"modelId":"m","datasetId":"d","datetimePredictionPartition":"1"}' \
  "/datetimePredictionPartition${T}explanations.partition${T}error"
bad_input prediction-explanations-create '{"modelId":"m","datasetId":"d"}' \
  "/datetimePredictionPartition${T}explanations.partition${T}error" --context '{"datetimePartitioned":true}'
bad_input prediction-explanations-create '{"modelId":"m","datasetId":"d","maxExplanations":101}' \
  "/maxExplanations${T}explanations.max.range${T}error"
sed 's#"predictionExplanationsRecordLocation":"[^"]*"#"predictionExplanationsRecordLocation":"not a url"#' \
  "$data/objects/page_regression.json" >"$tmp/bad_location.json"
bad_input prediction-explanations-page "$(cat "$tmp/bad_location.json")" \
  "/predictionExplanationsRecordLocation${T}explanations.location.url${T}error"
bad_input prediction-explanations-page \
  '{"count":1,"predictionExplanationsRecordLocation":"https://h.example.com/r/","data":[{"predictionExplanations":[{"featureValue":1,"label":"y","strength":-0.5,"feature":"f","qualitativeStrength":"+"}],"prediction":1,"rowId":0,"predictionValues":[{"value":1,"label":"y"}]}],"id":"e"}' \
  "/data/0/predictionExplanations/0/qualitativeStrength${T}response.qualitative.sign${T}error"
# the explanation-count rule needs the request: it is skipped from the command line, and says so
"$drx" check prediction-explanations-page "$data/objects/page_regression.json" >"$tmp/out" 2>"$tmp/err" ||
  fail "check of page_regression failed"
grep -q "response.explanations.count skipped" "$tmp/err" || fail "the skipped request rule is not reported"

# ---- csv: every golden case, the options as the case file gives them -------------------------
for c in "$data"/csv/*.case.json; do
  name=$(basename "$c" .case.json)
  max=$(sed -n 's/.*"maxExplanations": *\([0-9]*\).*/\1/p' "$c")
  src=$(sed -n 's/.*"\(page\|deployment\)File": *"\([^"]*\)".*/\2/p' "$c")
  args=(--max-explanations "$max")
  k=$(sed -n 's/.*"numTopClasses": *\([0-9]*\).*/\1/p' "$c")
  if [[ -z "$k" ]] && grep -q '"classNames"' "$c"; then
    k=$(tr -d '\n' <"$c" | sed -n 's/.*"classNames": *\[\([^]]*\)\].*/\1/p' | tr ',' '\n' | grep -c .)
  fi
  [[ -n "$k" ]] && args+=(--explained-classes "$k")
  grep -q '"alignedTextPadding": *true' "$c" || args+=(--client-text-padding)
  expect_rc 0 "csv $name" -- "$drx" csv "$data/csv/$src" "${args[@]}"
  cmp -s "$tmp/out" "$data/csv/$name.csv" || fail "csv $name: output differs from pandas' $name.csv"
done

# the record gives maxExplanations and the mode, as in the client
expect_rc 0 "csv --record" -- "$drx" csv "$data/csv/clustering_top2.page.json" --record "$data/objects/record_clustering.json"
cmp -s "$tmp/out" "$data/csv/clustering_top2.csv" || fail "csv --record differs from pandas' clustering_top2.csv"
# without options: the largest count in the rows (3 here, as the record says)
expect_rc 0 "csv default slots" -- "$drx" csv "$data/csv/regression.page.json"
cmp -s "$tmp/out" "$data/csv/regression.csv" || fail "csv without --max-explanations differs"
"$drx" csv - --max-explanations 3 <"$data/csv/binary.page.json" >"$tmp/out" 2>/dev/null || fail "csv from stdin failed"
cmp -s "$tmp/out" "$data/csv/binary.csv" || fail "csv from stdin differs"
expect_rc 0 "csv of the seed 003 SHAP example" -- "$drx" csv "$data/csv/deployment_shap.response.json"
cmp -s "$tmp/out" "$data/csv/deployment_shap.csv" || fail "csv of the SHAP response differs"

# csv failures: exit 1 with a diagnostic on stderr; usage errors exit 2
expect_rc 1 "csv of a page without rows" -- "$drx" csv <(printf '%s' '{"count":0,"predictionExplanationsRecordLocation":"https://h.example.com/r/","data":[],"id":"e"}')
grep -q "^/data${T}csv.no_rows${T}error" "$tmp/err" || fail "csv without rows: no csv.no_rows diagnostic"
expect_rc 1 "csv with too few slots" -- "$drx" csv "$data/csv/regression.page.json" --max-explanations 2
grep -q "^/data/0/predictionExplanations/2${T}response.explanations.count${T}error" "$tmp/err" ||
  fail "csv with too few slots: no response.explanations.count diagnostic"
[[ -s "$tmp/out" ]] && fail "csv wrote output despite an error"
expect_rc 1 "csv of a page whose location is not a URL" -- "$drx" csv "$tmp/bad_location.json"
grep -q "explanations.location.url" "$tmp/err" || fail "csv with a bad location: no explanations.location.url diagnostic"
expect_rc 1 "csv of a bad record" -- "$drx" csv "$data/csv/regression.page.json" --record "$tmp/bad_location.json"
expect_rc 1 "csv of invalid JSON" -- "$drx" csv <(printf '{"count":')
grep -q "schema.syntax" "$tmp/err" || fail "csv of invalid JSON: no schema.syntax diagnostic"
expect_rc 2 "csv with an unknown option" -- "$drx" csv "$data/csv/regression.page.json" --bogus
expect_rc 2 "csv with a bad number" -- "$drx" csv "$data/csv/regression.page.json" --max-explanations x
expect_rc 2 "csv of a missing file" -- "$drx" csv "$tmp/does-not-exist.json"

if [[ $failures -ne 0 ]]; then
  echo "t_prediction_explanations: $failures failure(s)"
  exit 1
fi
echo "t_prediction_explanations: all passed"
