#!/usr/bin/env bash
# SPDX-License-Identifier: BSL-1.0
# CLI test of `drx json-schema` and `drx openapi`: usage errors and what is printed. Whether the
# documents say what drx's validators say is measured by tests/schema/run.sh (Ajv, jsonschema).
#
#   bash tests/cli/t_json_schema.sh <path-to-drx> <repo-root>
set -u

drx=${1:?usage: t_json_schema.sh <path-to-drx> <repo-root>}
root=${2:?usage: t_json_schema.sh <path-to-drx> <repo-root>}
failures=0
fail() {
    echo "FAIL t_json_schema: $*"
    failures=$((failures + 1))
}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/drx_t_json_schema.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT

# Usage errors exit 2 with a message.
for args in "json-schema" "json-schema nope" "json-schema cluster --all --out $tmp" "json-schema --all" \
            "json-schema cluster --unknown-keys maybe" "json-schema cluster extra" "openapi extra" "openapi --unknown-keys"; do
    # shellcheck disable=SC2086
    "$drx" $args > /dev/null 2> "$tmp/err"
    rc=$?
    [ "$rc" = 2 ] || fail "drx $args: exit $rc, expected 2"
    grep -q '^drx: ' "$tmp/err" || fail "drx $args: no 'drx: ' message"
done

# One document: a draft 2020-12 object schema with the schema's $id.
"$drx" json-schema cluster-list > "$tmp/cl.json" || fail "json-schema cluster-list: exit $?"
python3 - "$tmp/cl.json" <<'PY' || fail "json-schema cluster-list: unexpected document"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["$schema"] == "https://json-schema.org/draft/2020-12/schema", d["$schema"]
assert d["$id"] == "urn:drx:schema:cluster-list"
assert d["required"] == ["projectId", "modelId", "clusters"]
assert d["$defs"]["cluster"]["properties"]["percent"]["type"] == ["integer", "number", "null"]
assert {r["id"] for r in d["x-drx-rules"]} >= {"cluster.percent.sum", "schema.duplicate_key"}
# descriptions from the rule declarations
assert d["$defs"]["cluster"]["properties"]["percent"]["description"] == "cluster.percent.range: expected a number in [0, 100]"
assert "cluster.percent.sum (warning)" in d["description"]
PY

# --unknown-keys error closes every object.
"$drx" json-schema cluster-list --unknown-keys error > "$tmp/closed.json" || fail "json-schema --unknown-keys error: exit $?"
grep -q '"unevaluatedProperties": false' "$tmp/closed.json" || fail "--unknown-keys error: no closed object"
grep -q '"unevaluatedProperties"' "$tmp/cl.json" && fail "cluster-list is open by default, got unevaluatedProperties"

# --all writes one file per schema; --out to a missing directory is an I/O error.
mkdir -p "$tmp/all"
"$drx" json-schema --all --out "$tmp/all" || fail "json-schema --all: exit $?"
[ "$(ls "$tmp/all" | wc -l)" = "$("$drx" schemas | wc -l)" ] || fail "json-schema --all: not one file per schema"
"$drx" json-schema --all --out "$tmp/missing/dir" 2> "$tmp/err"
[ $? = 2 ] || fail "json-schema --all --out missing dir: exit code not 2"

# openapi: 3.1.0, the deployment route, every schema a component.
"$drx" openapi > "$tmp/openapi.json" || fail "openapi: exit $?"
python3 - "$tmp/openapi.json" "$tmp/all" <<'PY' || fail "openapi: unexpected document"
import json, os, sys
d = json.load(open(sys.argv[1]))
assert d["openapi"] == "3.1.0"
assert "/predApi/v1.0/deployments/{deploymentId}/predictions" in d["paths"]
names = {f[:-5] for f in os.listdir(sys.argv[2])}
assert names <= set(d["components"]["schemas"]), names - set(d["components"]["schemas"])
q = [p["name"] for p in d["paths"]["/predApi/v1.0/deployments/{deploymentId}/predictions"]["post"]["parameters"] if p["in"] == "query"]
assert "maxExplanations" in q and "explanationClassNames" in q, q
PY

[ "$failures" -eq 0 ]
