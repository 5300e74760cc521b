#!/usr/bin/env bash
# SPDX-License-Identifier: BSL-1.0
# Runs every tests/cli/t_*.sh against a built drx tool.
#   bash tests/cli/cli_test.sh <path-to-drx> <repo-root>
# Each script gets the same two arguments, prints one line per failure and exits non-zero on
# any failure. This runner ends with "N passed, N failed" over the scripts.
set -u
drx=$1
root=$2
passed=0
failed=0
for t in "$root"/tests/cli/t_*.sh; do
    [ -e "$t" ] || continue
    if bash "$t" "$drx" "$root"; then
        echo "ok   $(basename "$t")"
        passed=$((passed + 1))
    else
        echo "FAIL $(basename "$t")"
        failed=$((failed + 1))
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
