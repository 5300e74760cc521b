#!/usr/bin/env bash
# SPDX-License-Identifier: BSL-1.0
# CLI test of `drx rules`: docs/rules.md is its Markdown output; every rule id that drx's
# headers spell out is listed; --json and a schema filter.
#
#   bash tests/cli/t_rules.sh <path-to-drx> <repo-root>
set -u
drx=${1:?usage: t_rules.sh <path-to-drx> <repo-root>}
root=${2:?usage: t_rules.sh <path-to-drx> <repo-root>}
failures=0
fail() {
    echo "FAIL t_rules: $*"
    failures=$((failures + 1))
}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/drx_t_rules.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT

"$drx" rules --markdown > "$tmp/rules.md" || fail "rules --markdown: exit $?"
cmp -s "$tmp/rules.md" "$root/docs/rules.md" ||
    fail "docs/rules.md is not what drx rules --markdown prints: $(diff "$root/docs/rules.md" "$tmp/rules.md" | head -5 | tr '\n' ' ')"

# Every rule id written in the headers (a quoted family.name string) is listed.
"$drx" rules | cut -f1 | sort > "$tmp/listed"
grep -rhoE '"(schema|cluster|clusters|clustering|rename|insight|mode|explanations|response|deployment|batch|pagination|write|csv|verify)\.[a-z_.]+"' \
    "$root/include" | tr -d '"' | sort -u > "$tmp/spelled"
missing=$(comm -13 "$tmp/listed" "$tmp/spelled" | tr '\n' ' ')
[ -z "$missing" ] || fail "rule ids in the headers that drx rules does not list: $missing"

# Every listed rule id has a source (the last column), and every recorded source is a listed id.
awk -F'\t' '$NF == "" {print $1}' < <("$drx" rules) > "$tmp/nosource"
[ -s "$tmp/nosource" ] && fail "rule ids without a source (include/drx/tools/rule_sources.hpp): $(tr '\n' ' ' < "$tmp/nosource")"
grep -oE '^    \{"[a-z_]+\.[a-z_.]+"' "$root/include/drx/tools/rule_sources.hpp" | tr -d ' {"' | sort > "$tmp/sourced"
stale=$(comm -13 "$tmp/listed" "$tmp/sourced" | tr '\n' ' ')
[ -z "$stale" ] || fail "rule_sources.hpp names rule ids drx rules does not list: $stale"

"$drx" rules --json > "$tmp/rules.json" || fail "rules --json: exit $?"
python3 - "$tmp/rules.json" <<'PY' || fail "rules --json: unexpected records"
import json, sys
rules = {r["id"]: r for r in json.load(open(sys.argv[1]))}
r = rules["cluster.percent.range"]
assert r["schemas"] == ["cluster", "cluster-list"], r
assert r["levels"] == ["rules"] and r["severities"] == ["error"] and r["members"] == ["percent"], r
assert rules["clusters.list.known"]["needs"] == ["clusterNames"]
assert rules["cluster.percent.sum"]["severities"] == ["warning"]
assert len(rules["schema.type"]["schemas"]) == 21
assert rules["deployment.max_explanations.type"]["source"] == "seed 003", rules["deployment.max_explanations.type"]
assert rules["verify.row_count"]["schemas"] == ["(operations)"]
PY

"$drx" rules cluster-list | cut -f1 > "$tmp/one"
grep -qx cluster.percent.sum "$tmp/one" || fail "rules cluster-list: no cluster.percent.sum"
grep -qx rename.pair "$tmp/one" && fail "rules cluster-list lists rename.pair"
"$drx" rules nope > /dev/null 2>&1
[ $? = 2 ] || fail "rules nope: exit code not 2"

[ "$failures" -eq 0 ]
