#!/usr/bin/env bash
# SPDX-License-Identifier: BSL-1.0
# Declaring objects stays cheap (README.md (Which header)): the include closure of each family
# header (what `CXX -M` lists) holds no generator (drx/tools/), no JSON parser
# (Boost's basic_parser_impl.hpp, drx's readers), no checker (drx/checker.hpp) and no <random>.
#
#   bash tests/include_closure.sh <c++ compiler> <include dir>
#       prints one line per family header and what its closure wrongly holds; exits non-zero
#       on any
#   bash tests/include_closure.sh --held <c++ compiler> <include dir> <source file>
#       prints what the source file's closure holds of those ("generator parser ...", or
#       nothing); bench/compile_table.sh uses it
set -u

held_of() {  # CXX INCLUDE_DIR FILE
    local deps held=""
    deps=$("$1" -std=c++20 -I"$2" -M "$3") || return 1
    deps=$(tr ' \\' '\n\n' <<<"$deps" | grep -v '^$')
    grep -q 'drx/tools/' <<<"$deps" && held+="generator "
    grep -qE 'basic_parser_impl\.hpp|drx/read\.hpp|drx/detail/(reader|direct_reader)\.hpp' <<<"$deps" && held+="parser "
    grep -q 'drx/checker\.hpp' <<<"$deps" && held+="checker "
    grep -qE '/random$' <<<"$deps" && held+="<random> "
    printf '%s\n' "${held% }"
}

if [ "${1:-}" = --held ]; then
    held_of "${2:?compiler}" "${3:?include dir}" "${4:?source file}"
    exit
fi

cxx=${1:?usage: include_closure.sh <c++ compiler> <include dir>}
inc=${2:?usage: include_closure.sh <c++ compiler> <include dir>}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bad=0
for h in drx/api/clustering.hpp drx/api/prediction_explanations.hpp drx/api/deployment.hpp drx/api/explanations_mode.hpp; do
    printf '#include <%s>\nint main() {}\n' "$h" >"$tmp/x.cpp"
    if ! held=$(held_of "$cxx" "$inc" "$tmp/x.cpp" 2>"$tmp/err"); then
        echo "$h: does not preprocess"; cat "$tmp/err"; bad=1; continue
    fi
    if [ -n "$held" ]; then
        echo "$h: its closure holds $held"; bad=1
    else
        echo "$h: no generator, parser, checker or <random> in its closure"
    fi
done
exit $bad
