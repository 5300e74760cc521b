#!/usr/bin/env bash
# SPDX-License-Identifier: BSL-1.0
# `drx format` as a whole process against a program that parses and serializes with Boost.JSON
# (bench/process/parse_serialize.cpp), on the same file: a deployment XEMP response of N rows
# (default 100,000; the rows of examples/payloads/deployment-xemp-response.json, rowId
# renumbered, written compact by Python's json.dumps, which is the text drx writes too).
# Prints the wall time and peak memory of each (best of five runs) and their ratio.
#
#   bash bench/format_process.sh DRX_TOOL [ROWS]     (DRX_TOOL: a Release build's examples/drx)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
tool=${1:?usage: format_process.sh DRX_TOOL [ROWS]}
rows=${2:-100000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 - "$rows" "$tmp/in.json" <<'PY'
import json, sys
rows, out = int(sys.argv[1]), sys.argv[2]
src = json.load(open("examples/payloads/deployment-xemp-response.json"))["data"]
data = []
for i in range(rows):
    r = dict(src[i % len(src)])
    r["rowId"] = i
    data.append(r)
open(out, "w").write(json.dumps({"data": data}, separators=(",", ":")))
PY
g++ -std=c++20 -O2 -o "$tmp/parse_serialize" bench/process/parse_serialize.cpp -lboost_json

best() {  # COMMAND... -> "seconds kilobytes" (the fastest of five runs, and its peak memory)
    local bs="" bk=""
    for _ in 1 2 3 4 5; do
        /usr/bin/time -f "%e %M" -o "$tmp/t" "$@" >/dev/null
        read -r s k <"$tmp/t"
        if [ -z "$bs" ] || awk "BEGIN{exit !($s < $bs)}"; then bs=$s; bk=$k; fi
    done
    echo "$bs $bk"
}
size=$(stat -c %s "$tmp/in.json")
read -r ds dk < <(best "$tool" format deployment-xemp-response "$tmp/in.json" --compact)
read -r bs bk < <(best "$tmp/parse_serialize" "$tmp/in.json")
printf 'input: %d rows, %.1f MB\n' "$rows" "$(awk "BEGIN{print $size / 1e6}")"
printf '%-58s %8s %9s\n' "process" "seconds" "peak MB"
printf '%-58s %8s %9d\n' "drx format deployment-xemp-response FILE --compact" "$ds" "$((dk / 1024))"
printf '%-58s %8s %9d\n' "parse + serialize (boost::json, default resource)" "$bs" "$((bk / 1024))"
printf 'ratio (drx / parse + serialize): %s\n' "$(awk "BEGIN{printf \"%.2f\", $ds / $bs}")"
