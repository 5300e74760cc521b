#!/usr/bin/env bash
# SPDX-License-Identifier: BSL-1.0
# CLI test of the clustering schemas (issue 3): drx schemas / format / check.
#
#   bash tests/cli/t_clustering.sh <path-to-drx> <repo-root>
#
# `drx format` outputs are compared byte for byte with CPython's json.dumps of the same payloads
# (tests/data/clustering/expected/, see its README.md). `drx check` lines are compared exactly:
# whole lines where the message is the real system's text (docs/reference/errors.md), the pointer,
# rule and severity fields otherwise. Prints one line per failure; exits non-zero on any.
set -u

drx=${1:?usage: t_clustering.sh <path-to-drx> <repo-root>}
root=${2:?usage: t_clustering.sh <path-to-drx> <repo-root>}
data="$root/tests/data/clustering"
ctx3='{"clusterNames": ["Cluster 1", "Cluster 2", "Cluster 3"], "nClusters": 3}'

failures=0
checks=0
fail() {
    echo "FAIL t_clustering: $*"
    failures=$((failures + 1))
}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/drx_t_clustering.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT

# expect_rc NAME WANT GOT
expect_rc() {
    checks=$((checks + 1))
    [ "$2" = "$3" ] || fail "$1: exit code $3, expected $2"
}
# expect_text NAME EXPECTED_FILE GOT_FILE
expect_same() {
    checks=$((checks + 1))
    cmp -s "$2" "$3" || fail "$1: output differs from $(basename "$2"): $(diff "$2" "$3" | head -3 | tr '\n' ' ')"
}

# ---- drx schemas lists every clustering schema ---------------------------------------------
"$drx" schemas > "$tmp/schemas"
expect_rc "schemas" 0 $?
for s in cluster cluster-list cluster-name-mappings cluster-insight cluster-insights-page clustering-model \
         unsupervised-project-options; do
    checks=$((checks + 1))
    grep -qx -- "$s" "$tmp/schemas" || fail "schemas: $s is not listed"
done

# ---- drx format: exact JSON, three layouts -------------------------------------------------------
schema_of() {
    case "$1" in
        cluster.json|cluster-name-only.json) echo cluster ;;
        cluster-list*.json) echo cluster-list ;;
        cluster-name-mappings.json) echo cluster-name-mappings ;;
        insight-*.json) echo cluster-insight ;;
        cluster-insights-page.json) echo cluster-insights-page ;;
        clustering-model*.json) echo clustering-model ;;
        unsupervised-project-options.json) echo unsupervised-project-options ;;
        *) echo unknown ;;
    esac
}
n_payloads=0
for path in "$data"/*.json; do
    f=$(basename "$path")
    s=$(schema_of "$f")
    n_payloads=$((n_payloads + 1))
    for layout in compact python indent2; do
        case $layout in
            compact) opt=(--compact) ;;
            python) opt=(--python) ;;
            indent2) opt=(--indent 2) ;;
        esac
        "$drx" format "$s" "$path" "${opt[@]}" > "$tmp/out" 2> "$tmp/err"
        expect_rc "format $s $f $layout" 0 $?
        expect_same "format $s $f $layout" "$data/expected/$f.$layout" "$tmp/out"
    done
done
[ "$n_payloads" -ge 16 ] || fail "expected at least 16 payloads in $data, found $n_payloads"

# stdin works the same
"$drx" format cluster-list - < "$data/cluster-list.json" > "$tmp/out" 2> /dev/null
expect_rc "format from stdin" 0 $?
expect_same "format from stdin" "$data/expected/cluster-list.json.compact" "$tmp/out"

# ---- drx check ----------------------------------------------------------------------------------
# check_lines NAME WANT_RC EXPECTED_LINES_FILE FIELDS -- drx check args...
#   FIELDS is "all" (whole lines) or "1-3" (pointer, rule, severity)
check_lines() {
    local name=$1 want_rc=$2 expected=$3 fields=$4
    shift 5
    "$drx" check "$@" > "$tmp/out" 2> "$tmp/err"
    expect_rc "$name" "$want_rc" $?
    if [ "$fields" = "all" ]; then
        expect_same "$name" "$expected" "$tmp/out"
    else
        cut -f "$fields" "$tmp/out" > "$tmp/cut"
        expect_same "$name" "$expected" "$tmp/cut"
    fi
}
T=$'\t'

# every valid payload passes (warnings allowed) with the model's names as context
for path in "$data"/*.json; do
    f=$(basename "$path")
    s=$(schema_of "$f")
    "$drx" check "$s" "$path" --context "$ctx3" > "$tmp/out" 2> "$tmp/err"
    expect_rc "check $s $f" 0 $?
done

# rename.current.exists: the server's 422 text
printf '/clusterNameMappings/1/currentName%srename.current.exists%serror%sNo current cluster with name Cluster 9\n' \
    "$T" "$T" "$T" > "$tmp/exp"
"$drx" check cluster-name-mappings "$data/bad/mappings-unknown-and-duplicate.json" --context "$ctx3" > "$tmp/out" 2>/dev/null
expect_rc "check mappings (unknown, duplicate)" 1 $?
grep -F "rename.current.exists" "$tmp/out" > "$tmp/got"
expect_same "check mappings: exists line" "$tmp/exp" "$tmp/got"
printf '%s\n' "/clusterNameMappings/2/currentName${T}rename.current.unique${T}error" \
    "/clusterNameMappings/1/currentName${T}rename.current.exists${T}error" \
    "/clusterNameMappings/3/newName${T}rename.collision${T}error" > "$tmp/exp"
check_lines "check mappings: all rules" 1 "$tmp/exp" 1-3 -- \
    cluster-name-mappings "$data/bad/mappings-unknown-and-duplicate.json" --context "$ctx3"

# a swap is valid
: > "$tmp/exp"
check_lines "check mappings: swap" 0 "$tmp/exp" all -- cluster-name-mappings "$data/bad/mappings-swap.json" --context "$ctx3"

# without context the context rules are skipped, and drx says so on stderr
"$drx" check cluster-name-mappings "$data/bad/mappings-unknown-and-duplicate.json" > "$tmp/out" 2> "$tmp/err"
expect_rc "check mappings without context" 1 $?  # rename.current.unique needs no context
checks=$((checks + 1))
grep -q "rule rename.current.exists skipped" "$tmp/err" || fail "check without context: no skip note for rename.current.exists"
checks=$((checks + 1))
grep -q "rename.current.exists" "$tmp/out" && fail "check without context: rename.current.exists was applied"

# clustering.cluster_list.type: the client's exact text
printf '/autopilotClusterList%sclustering.cluster_list.type%serror%sautopilot_cluster_list must be a list of integers\n' \
    "$T" "$T" "$T" > "$tmp/exp"
check_lines "check options: list is a string" 1 "$tmp/exp" all -- \
    unsupervised-project-options "$data/bad/options-cluster-list-string.json"
printf '%s\n' "/mode${T}clustering.mode${T}error" \
    "/autopilotClusterList/1${T}clustering.cluster_list.type${T}error" \
    "/autopilotClusterList/2${T}clustering.cluster_list.type${T}error" > "$tmp/exp"
check_lines "check options: bad items and mode" 1 "$tmp/exp" 1-3 -- \
    unsupervised-project-options "$data/bad/options-cluster-list-items.json"
printf '%s\n' "/target${T}clustering.target_forbidden${T}error" \
    "/autopilotClusterList${T}clustering.cluster_list.requires_clustering${T}error" > "$tmp/exp"
check_lines "check options: target and anomaly list" 1 "$tmp/exp" 1-3 -- \
    unsupervised-project-options "$data/bad/options-target.json"

# insight.shape, insight.feature_impact.range (a warning: exit 0)
printf '%s\n' "/insights/1${T}insight.shape${T}error" > "$tmp/exp"
check_lines "check insight shape" 1 "$tmp/exp" 1-3 -- cluster-insight "$data/bad/insight-shape-mismatch.json"
printf '%s\n' "/featureImpact${T}insight.feature_impact.range${T}warning" > "$tmp/exp"
check_lines "check geospatial 13.7" 0 "$tmp/exp" 1-3 -- cluster-insight "$data/insight-geospatial.json"
printf '%s\n' "/data/4/featureImpact${T}insight.feature_impact.range${T}warning" > "$tmp/exp"
check_lines "check page 13.7" 0 "$tmp/exp" 1-3 -- cluster-insights-page "$data/cluster-insights-page.json"

# cluster.percent.range and cluster.percent.sum
printf '%s\n' "/clusters${T}cluster.percent.sum${T}warning" "/clusters/0/percent${T}cluster.percent.range${T}error" > "$tmp/exp"
check_lines "check percent" 1 "$tmp/exp" 1-3 -- cluster-list "$data/bad/cluster-list-percent.json"
: > "$tmp/exp"
check_lines "check percent, schema level only" 0 "$tmp/exp" all -- \
    cluster-list "$data/bad/cluster-list-percent.json" --level schema

# clustering.n_clusters.range
printf '%s\n' "/nClusters${T}clustering.n_clusters.range${T}error" > "$tmp/exp"
check_lines "check nClusters" 1 "$tmp/exp" 1-3 -- clustering-model "$data/bad/model-n-clusters.json"

# --json carries the same diagnostics
"$drx" check unsupervised-project-options "$data/bad/options-cluster-list-string.json" --json > "$tmp/out" 2>/dev/null
expect_rc "check --json" 1 $?
checks=$((checks + 1))
grep -qF '"pointer":"/autopilotClusterList","rule":"clustering.cluster_list.type","severity":"error","message":"autopilot_cluster_list must be a list of integers"' "$tmp/out" ||
    fail "check --json: $(head -c 200 "$tmp/out")"

# format refuses invalid input: exit 1, nothing on stdout, the diagnostics on stderr
"$drx" format cluster-list "$data/bad/cluster-list-percent.json" > "$tmp/out" 2> "$tmp/err"
expect_rc "format invalid" 1 $?
checks=$((checks + 1))
[ -s "$tmp/out" ] && fail "format invalid: wrote output"
checks=$((checks + 1))
grep -q "cluster.percent.range" "$tmp/err" || fail "format invalid: no diagnostic on stderr"

if [ "$failures" -ne 0 ]; then
    echo "t_clustering: $failures of $checks checks failed"
    exit 1
fi
echo "t_clustering: all $checks checks passed"
exit 0
