#!/usr/bin/env bash
# SPDX-License-Identifier: BSL-1.0
# Mistakes drx catches at compile time with a plain message: each tests/compile_fail/*.cpp
# (except the control) must fail to compile, and the compiler's output must hold the text
# after "// expect: " on its first line. A control file that uses the same headers correctly
# must compile, so a broken include path cannot pass as an expected failure.
#   bash tests/compile_fail/run.sh CXX INCLUDE_DIR [EXTRA_FLAGS...]
set -u
cxx=$1
inc=$2
shift 2
dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
cat >"$tmp/control.cpp" <<'CPP'
#include <drx/api/explanations_mode.hpp>
#include <drx/check.hpp>
#include <drx/read.hpp>
int main() { return drx::check(drx::read<drx::explanations_mode>("{}").value()).ok() ? 0 : 1; }
CPP
if "$cxx" -std=c++20 -fsyntax-only -I"$inc" "$@" "$tmp/control.cpp" >"$tmp/control.log" 2>&1; then
    passed=$((passed + 1))
else
    echo "FAIL control: the correct use does not compile: $(head -c 600 "$tmp/control.log")"
    failed=$((failed + 1))
fi
for f in "$dir"/*.cpp; do
    want=$(sed -n '1s|^// expect: ||p' "$f")
    name=$(basename "$f")
    if "$cxx" -std=c++20 -fsyntax-only -I"$inc" "$@" "$f" >"$tmp/log" 2>&1; then
        echo "FAIL $name: compiled, but it should not"
        failed=$((failed + 1))
    elif grep -qF -- "$want" "$tmp/log"; then
        echo "ok   $name"
        passed=$((passed + 1))
    else
        echo "FAIL $name: the compiler did not say '$want':"
        head -c 1500 "$tmp/log"
        failed=$((failed + 1))
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
