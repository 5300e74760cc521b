#!/usr/bin/env bash
# SPDX-License-Identifier: BSL-1.0
# Runs tests/testing/doctest_failures.cpp, whose every test case but one fails on purpose, and
# checks its report line by line: each DRX_* macro fails at its own file and line, naming the
# call as written and listing drx's diagnostics (the drx check lines, indented by two spaces),
# a failed DRX_REQUIRE_* ends its test case, a failed DRX_CHECK_* does not, and passing macros
# report nothing. The expected text is written out below from docs/testing.md's form and the
# rule messages of docs/rules.md.
#   doctest_failures.sh PROGRAM
set -uo pipefail

program=$1
out=$("$program" --no-path-filenames=true --no-colors=true 2>&1)
status=$?
if [[ $status -ne 1 ]]; then
  echo "FAIL: expected exit status 1, got $status" >&2
  printf '%s\n' "$out" >&2
  exit 1
fi
# doctest's banner lines name its version and options; the rest is the report.
got=$(printf '%s\n' "$out" | grep -v -e '^\[doctest\] doctest version' -e '^\[doctest\] run with')
expected=$(cat <<'END'
===============================================================================
doctest_failures.cpp:24:
TEST CASE:  valid fails

doctest_failures.cpp:26: ERROR: DRX_CHECK_VALID(drx::cluster, text): cluster: invalid (1 error)
  /percent	cluster.percent.range	error	expected a number in [0, 100], got 101

doctest_failures.cpp:27: MESSAGE: after DRX_CHECK_VALID

===============================================================================
doctest_failures.cpp:30:
TEST CASE:  valid with context fails

doctest_failures.cpp:31: ERROR: DRX_CHECK_VALID(drx::cluster_rename_request, R"({"clusterNameMappings": [{"currentName": "Cluster 9", "newName": "B"}]})", names()): cluster-name-mappings: invalid (1 error)
  /clusterNameMappings/0/currentName	rename.current.exists	error	No current cluster with name Cluster 9

===============================================================================
doctest_failures.cpp:34:
TEST CASE:  breaks fails

doctest_failures.cpp:35: ERROR: DRX_CHECK_BREAKS(drx::cluster, R"({"name": "a", "percent": 5})", "cluster.percent.range", "/percent"): cluster: expected an error cluster.percent.range at /percent; drx found: valid

===============================================================================
doctest_failures.cpp:38:
TEST CASE:  warns fails

doctest_failures.cpp:39: ERROR: DRX_CHECK_WARNS(drx::cluster, R"({"name": "a", "percent": 500})", "cluster.percent.range", "/percent"): cluster: expected a warning cluster.percent.range at /percent (it is an error there); drx found: invalid (1 error)
  /percent	cluster.percent.range	error	expected a number in [0, 100], got 500

===============================================================================
doctest_failures.cpp:42:
TEST CASE:  require valid fails and ends the test case

doctest_failures.cpp:43: FATAL ERROR: DRX_REQUIRE_VALID(drx::cluster, R"({"percent": 1})"): cluster: invalid (1 error)
  /name	schema.required	error	missing required member "name"

===============================================================================
doctest_failures.cpp:47:
TEST CASE:  require breaks fails and ends the test case

doctest_failures.cpp:48: FATAL ERROR: DRX_REQUIRE_BREAKS(drx::cluster, R"({"name": "a"})", "cluster.percent.range", "/percent"): cluster: expected an error cluster.percent.range at /percent; drx found: valid

===============================================================================
[doctest] test cases: 7 | 1 passed | 6 failed | 0 skipped
[doctest] assertions: 6 | 0 passed | 6 failed |
[doctest] Status: FAILURE!
END
)
if [[ "$got" != "$expected" ]]; then
  echo "FAIL: the report differs from the expected one (< expected, > got):" >&2
  diff <(printf '%s\n' "$expected") <(printf '%s\n' "$got") >&2
  exit 1
fi
echo "doctest_failures: every DRX_* macro reports its failure as expected"
