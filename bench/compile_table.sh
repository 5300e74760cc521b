#!/usr/bin/env bash
# SPDX-License-Identifier: BSL-1.0
# What including drx costs to compile: wall time and peak memory of compiling a file that
# includes one header and calls nothing, against the baseline of <boost/json.hpp> and
# <boost/describe.hpp>, with the ratio; and whether each header's include closure (g++ -M)
# holds a generator, a JSON parser, the checker or <random> (tests/include_closure.sh --held).
# Two rows bound <drx/drx.hpp> from below: the three family headers together (the declarations
# and rules of every object, nothing else), and, with g++, <drx/drx.hpp> with g++'s garbage
# collection turned off (see the comment above those rows).
#   bash bench/compile_table.sh [CXX] [FLAGS...]     (default: g++ -O2)
# Each figure is the best of three runs.
set -u
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cxx=${1:-g++}
shift || true
flags=("$@")
[ ${#flags[@]} -eq 0 ] && flags=(-O2)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

measure() {  # FILE [EXTRA_FLAGS...] -> "seconds kilobytes" (best of three)
    local best_s="" best_k="" file=$1
    shift
    for _ in 1 2 3; do
        /usr/bin/time -f "%e %M" -o "$tmp/t" "$cxx" -std=c++20 "${flags[@]}" "$@" -Iinclude -c "$file" -o /dev/null 2>/dev/null || return 1
        read -r s k <"$tmp/t"
        if [ -z "$best_s" ] || awk "BEGIN{exit !($s < $best_s)}"; then best_s=$s; best_k=$k; fi
    done
    echo "$best_s $best_k"
}

printf '#include <boost/json.hpp>\n#include <boost/describe.hpp>\nint main() {}\n' >"$tmp/base.cpp"
read -r base_s base_k < <(measure "$tmp/base.cpp")
printf '%-44s %8s %8s %7s  %s\n' "file includes" "seconds" "MB" "ratio" "closure holds"
printf '%-44s %8s %8d %7s\n' "<boost/json.hpp> + <boost/describe.hpp>" "$base_s" "$((base_k / 1024))" "1.00"
row() {  # LABEL SOURCE_TEXT [EXTRA_FLAGS...]
    local label=$1
    printf '%s\n' "$2" >"$tmp/x.cpp"
    shift 2
    local r
    r=$(measure "$tmp/x.cpp" "$@") || { printf '%-44s %s\n' "$label" "does not compile"; return; }
    read -r s k <<<"$r"
    local held
    held=$(bash tests/include_closure.sh --held "$cxx" include "$tmp/x.cpp" 2>/dev/null)
    printf '%-44s %8s %8d %7s  %s\n' "$label" "$s" "$((k / 1024))" "$(awk "BEGIN{printf \"%.2f\", $s / $base_s}")" "${held:--}"
}
for h in drx/api/clustering.hpp drx/api/prediction_explanations.hpp drx/api/deployment.hpp drx/api/explanations_mode.hpp \
         drx/api/clustering_ops.hpp drx/api/prediction_explanations_ops.hpp drx/api/deployment_server.hpp \
         drx/check.hpp drx/read.hpp drx/write.hpp drx/query.hpp drx/drx.hpp; do
    row "<$h>" "#include <$h>
int main() {}"
done
# What bounds <drx/drx.hpp> from below: the declarations and rules of every object (the three
# family headers together), and, with g++, the <drx/drx.hpp> row again with g++'s garbage
# collection off. g++ collects once its heap passes 256 MB (--param ggc-min-heapsize, 128 MB
# with more than 1 GB of memory, grown by ggc-min-expand, 100%); <drx/drx.hpp> passes it and the
# baseline does not, so the difference of the two rows is what that one collection costs.
row "the three family headers" "#include <drx/api/clustering.hpp>
#include <drx/api/prediction_explanations.hpp>
#include <drx/api/deployment.hpp>
int main() {}"
# g++ under any name (c++, g++-12): GCC defines __GNUC__ and clang defines __clang__ as well.
macros=$(printf '' | "$cxx" -dM -E -x c++ - 2>/dev/null)
if grep -q '__GNUC__' <<<"$macros" && ! grep -q '__clang__' <<<"$macros"; then
    row "<drx/drx.hpp>, g++ collection off" "#include <drx/drx.hpp>
int main() {}" --param=ggc-min-heapsize=4194304
fi
row "<drx/schemas.hpp> + one find_schema call" '#include <drx/schemas.hpp>
int main() { return drx::find_schema("cluster") ? 0 : 1; }'
