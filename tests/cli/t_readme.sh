#!/usr/bin/env bash
# SPDX-License-Identifier: BSL-1.0
# The README's tour is examples/tour.cpp verbatim (the suite builds and runs that example), and
# every command of `drx --help` appears in the README's synopsis of the tool.
#
#   bash tests/cli/t_readme.sh <path-to-drx> <repo-root>
set -u
drx=${1:?usage: t_readme.sh <path-to-drx> <repo-root>}
root=${2:?usage: t_readme.sh <path-to-drx> <repo-root>}
failures=0
fail() {
    echo "FAIL t_readme: $*"
    failures=$((failures + 1))
}
python3 - "$root/README.md" "$root/examples/tour.cpp" <<'PY' || fail "the README's tour is not examples/tour.cpp"
import sys
readme = open(sys.argv[1]).read()
tour = readme.split("## A tour", 1)[1].split("```cpp\n", 1)[1].split("```\n", 1)[0]
assert tour == open(sys.argv[2]).read(), "differs"
PY
"$drx" --help > "${TMPDIR:-/tmp}/drx_help.$$"
for cmd in $(sed -n 's/^\(usage:\)\{0,1\} *drx \([a-z-][a-z-]*\).*/\2/p' "${TMPDIR:-/tmp}/drx_help.$$" | sort -u); do
    grep -q "^drx $cmd\b" "$root/README.md" || fail "drx $cmd is in --help but not in the README's synopsis"
done
rm -f "${TMPDIR:-/tmp}/drx_help.$$"
[ "$failures" -eq 0 ]
