#!/usr/bin/env bash
# SPDX-License-Identifier: BSL-1.0
# The JSON Schema export against Ajv and Python's jsonschema (ctest: schema_agreement).
#   bash tests/schema/run.sh DRX_TOOL WORK_DIR
# Installs the pinned Ajv and OpenAPI 3.1 schema (tests/schema/package-lock.json) with `npm ci`
# into WORK_DIR, runs tests/schema/agreement.py over the generated corpus (several seeds,
# boundary tables), checks the OpenAPI document (openapi_check.mjs), a Prism mock of it, and
# the README's examples.
set -euo pipefail
tool=$1
work=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
for c in node npm python3; do
  command -v "$c" >/dev/null || { echo "schema_agreement: $c is missing (scripts/setup installs it)" >&2; exit 1; }
done
python3 -c 'import jsonschema' 2>/dev/null || { echo "schema_agreement: python3-jsonschema is missing (scripts/setup installs it)" >&2; exit 1; }
mkdir -p "$work/node"
cp "$here/package.json" "$here/package-lock.json" "$here/ajv_check.mjs" "$here/openapi_check.mjs" "$work/node/"
# npm ci only when the lock changed since the last install (re-runs stay offline).
if ! cmp -s "$here/package-lock.json" "$work/node/node_modules/.drx-lock" 2>/dev/null; then
  (cd "$work/node" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$here/package-lock.json" "$work/node/node_modules/.drx-lock"
fi
python3 "$here/agreement.py" --drx "$tool" --ajv "$work/node/ajv_check.mjs" --work "$work/run" --seeds 3 --count 40

# The OpenAPI document: valid under the OpenAPI 3.1 schema, its components compile, its
# examples and the shipped payloads are valid.
"$tool" openapi > "$work/openapi.json"
node "$work/node/openapi_check.mjs" "$work/openapi.json" "$(cd "$here/../.." && pwd)/examples/payloads"

# A mock server from the OpenAPI document (Prism, as the README shows): its answers for the
# cluster names, a deployment prediction and a 422 example pass drx check.
port=$((20000 + RANDOM % 20000))
"$work/node/node_modules/.bin/prism" mock -p "$port" "$work/openapi.json" > "$work/prism.log" 2>&1 &
prism=$!
trap 'kill "$prism" 2>/dev/null || true' EXIT
for _ in $(seq 60); do
  grep -q "Prism is listening" "$work/prism.log" && break
  sleep 0.5
done
grep -q "Prism is listening" "$work/prism.log" || { cat "$work/prism.log" >&2; echo "the mock server did not start" >&2; exit 1; }
base=http://127.0.0.1:$port
mock_check() {  # SCHEMA CURL_ARGS...
  local schema=$1
  shift
  curl -sS -o "$work/mock.json" "$@" || { echo "mock: curl $* failed" >&2; exit 1; }
  "$tool" check "$schema" "$work/mock.json" > "$work/mock.out" 2>&1 ||
    { echo "mock: the answer to $* fails drx check $schema:" >&2; cat "$work/mock.json" "$work/mock.out" >&2; exit 1; }
}
mock_check cluster-list "$base/api/v2/projects/p1/models/m1/clusterNames/"
mock_check deployment-xemp-response -X POST -H 'Authorization: Bearer key' -H 'Content-Type: text/csv' \
  --data-binary 'a,b' "$base/predApi/v1.0/deployments/5d5f9ad12a4e7d0b8bd6b8b9/predictions?maxExplanations=3"
mock_check deployment-error -X PATCH -H 'Content-Type: application/json' -H 'Prefer: code=422' \
  -d '{"clusterNameMappings": [{"currentName": "Cluster 1", "newName": "A"}]}' "$base/api/v2/projects/p1/models/m1/clusterNames/"
grep -qF 'No current cluster with name Cluster 1' "$work/mock.json" || { echo "mock: not the 422 example" >&2; exit 1; }
kill "$prism" 2>/dev/null || true
echo "mock server: its answers pass drx check"

# The README's examples (examples/schema): every shipped payload is valid under the shipped
# documents for both validators, and a payload with a percent above 100 is not.
root=$(cd "$here/../.." && pwd)
cp "$root/examples/schema/validate.mjs" "$work/node/"
for p in "$root"/examples/payloads/*.json; do
  n=$(basename "$p" .json)
  [[ $(node "$work/node/validate.mjs" "$root/schemas" "$n" "$p") == valid ]] || { echo "validate.mjs: $n payload refused" >&2; exit 1; }
  [[ $(python3 "$root/examples/schema/validate.py" "$root/schemas" "$n" "$p") == valid ]] || { echo "validate.py: $n payload refused" >&2; exit 1; }
done
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["clusters"][0]["percent"]=101; json.dump(d,open(sys.argv[2],"w"))' \
  "$root/examples/payloads/cluster-list.json" "$work/bad-cluster-list.json"
if node "$work/node/validate.mjs" "$root/schemas" cluster-list "$work/bad-cluster-list.json" ||
   python3 "$root/examples/schema/validate.py" "$root/schemas" cluster-list "$work/bad-cluster-list.json"; then
  echo "the examples accept a percent of 101" >&2; exit 1
fi
echo "examples/schema: the shipped payloads are valid, a percent of 101 is not"
