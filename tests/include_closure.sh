#!/usr/bin/env bash
# SPDX-License-Identifier: BSL-1.0
# Declaring objects stays cheap (README.md (Which header)): the include closure of each family
# header (what `CXX -M` lists) holds no generator (drx/tools/), no JSON parser
# (Boost's basic_parser_impl.hpp, drx's readers), no checker (drx/checker.hpp) and no <random>.
#
#   bash tests/include_closure.sh <c++ compiler> <include dir>
#
# Prints one line per header and what its closure wrongly holds; exits non-zero on any.
set -u
cxx=${1:?usage: include_closure.sh <c++ compiler> <include dir>}
inc=${2:?usage: include_closure.sh <c++ compiler> <include dir>}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bad=0
for h in drx/api/clustering.hpp drx/api/prediction_explanations.hpp drx/api/deployment.hpp drx/api/explanations_mode.hpp; do
    printf '#include <%s>\nint main() {}\n' "$h" >"$tmp/x.cpp"
    if ! deps=$("$cxx" -std=c++20 -I"$inc" -M "$tmp/x.cpp" 2>"$tmp/err"); then
        echo "$h: does not preprocess"; cat "$tmp/err"; bad=1; continue
    fi
    deps=$(tr ' \\' '\n\n' <<<"$deps" | grep -v '^$')
    held=""
    grep -q 'drx/tools/' <<<"$deps" && held+=" generator"
    grep -qE 'basic_parser_impl\.hpp|drx/read\.hpp|drx/detail/(reader|direct_reader)\.hpp' <<<"$deps" && held+=" parser"
    grep -q 'drx/checker\.hpp' <<<"$deps" && held+=" checker"
    grep -qE '/random$' <<<"$deps" && held+=" <random>"
    if [ -n "$held" ]; then
        echo "$h: its closure holds$held"; bad=1
    else
        echo "$h: $(wc -l <<<"$deps") files, no generator, parser, checker or <random>"
    fi
done
exit $bad
