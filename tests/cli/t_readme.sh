#!/usr/bin/env bash
# SPDX-License-Identifier: BSL-1.0
# The README's tour is examples/tour.cpp verbatim (the suite builds and runs that example),
# every command of `drx --help` appears in the README's synopsis of the tool, and that synopsis
# (the sh block under "## The `drx` tool") is the synopsis `drx --help` prints (its lines from
# the first one starting "drx " to the first empty line), byte for byte.
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
python3 - "$root/README.md" "${TMPDIR:-/tmp}/drx_help.$$" <<'PY' || fail "the README's synopsis is not the synopsis of drx --help (README.md says how to refresh it)"
import sys
readme = open(sys.argv[1]).read()
block = readme.split("## The `drx` tool\n", 1)[1].split("```sh\n", 1)[1].split("```\n", 1)[0]
lines = open(sys.argv[2]).read().split("\n")
start = next(i for i, l in enumerate(lines) if l.startswith("drx "))
synopsis = "".join(l + "\n" for l in lines[start:lines.index("", start)])
if block != synopsis:
    import difflib
    sys.stdout.writelines(difflib.unified_diff(block.splitlines(True), synopsis.splitlines(True), "README.md", "drx --help"))
    sys.exit(1)
PY
rm -f "${TMPDIR:-/tmp}/drx_help.$$"
[ "$failures" -eq 0 ]
