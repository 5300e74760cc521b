#!/usr/bin/env bash
# SPDX-License-Identifier: BSL-1.0
# CLI test of `drx proxy` on 127.0.0.1, with bounded lifetimes (--timeout, --max-exchanges):
#   - in front of the mock prediction server, a good client's exchange is ok and passes through
#     unchanged; a bad client's request (maxExplanations=abc) is a violation, answered with the
#     mock's exact 422 (seed 003's text, tests/data/deployment/seed003_errors.txt), or with 502
#     under --fail-on-violation; the recording (HAR, and JSON Lines) verifies the same way;
#   - in front of a server that breaks the contract (a small Python server answering with more
#     explanations than asked for), the violation is reported and the exit code is 1.
#   bash tests/cli/t_proxy.sh <path-to-drx> <repo-root>
set -u
drx=${1:?usage: t_proxy.sh <path-to-drx> <repo-root>}
root=${2:?usage: t_proxy.sh <path-to-drx> <repo-root>}
failures=0
fail() {
    echo "FAIL t_proxy: $*"
    failures=$((failures + 1))
}
if ! command -v curl >/dev/null 2>&1; then
    echo "t_proxy: curl is not installed: skipped"
    exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/drx_t_proxy.XXXXXX") || exit 2
pids=()
cleanup() {
    local p
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
    wait 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT

mock=${DRX_MOCK_SERVER:-}
if [ -z "$mock" ]; then
    for m in "$(dirname "$drx")/drx-mock" "$(dirname "$drx")/example_mock_prediction_server"; do
        [ -x "$m" ] && mock=$m && break
    done
fi
[ -n "$mock" ] || { fail "no mock server next to $drx (set DRX_MOCK_SERVER)"; exit 1; }

wait_file() {  # FILE: waits up to 10 s for a non-empty file
    for _ in $(seq 100); do [ -s "$1" ] && return 0; sleep 0.1; done
    return 1
}

case $(basename "$mock") in
    drx-mock) DRX_SOURCE_DIR=$root "$mock" --port-file "$tmp/mock.port" --timeout 60 > "$tmp/mock.log" 2>&1 & ;;
    *) DRX_SOURCE_DIR=$root "$mock" --serve --port-file "$tmp/mock.port" --timeout 60 > "$tmp/mock.log" 2>&1 & ;;
esac
pids+=($!)
wait_file "$tmp/mock.port" || { fail "the mock did not start: $(cat "$tmp/mock.log")"; exit 1; }
upstream=http://127.0.0.1:$(cat "$tmp/mock.port")

dep=5f0c1b2d3e4f5a6b7c8d9e0f  # the mock's binary XEMP deployment
url_of() { echo "http://127.0.0.1:$(cat "$1")/predApi/v1.0/deployments/$dep/predictions?$2"; }
post() {  # PORT_FILE QUERY OUT -> status code
    curl -s -o "$3" -w '%{http_code}' -X POST -H 'Authorization: Bearer k' -H 'Content-Type: text/csv' \
        --data-binary $'a,b\n1,2\n' "$(url_of "$1" "$2")"
}
direct() { curl -s -X POST -H 'Authorization: Bearer k' -H 'Content-Type: text/csv' --data-binary $'a,b\n1,2\n' "$upstream/predApi/v1.0/deployments/$dep/predictions?$1"; }

# start_proxy NAME OUT PROXY-ARGS...: starts drx proxy (stdout to OUT, stderr to $tmp/NAME.err,
# the port in $tmp/NAME.port) with a 60 s bound, waits for its port; its pid in $proxy_pid.
start_proxy() {
    local name=$1 out=$2
    shift 2
    "$drx" proxy --port-file "$tmp/$name.port" --timeout 60 "$@" > "$out" 2> "$tmp/$name.err" &
    proxy_pid=$!
    pids+=($proxy_pid)
    wait_file "$tmp/$name.port" || { fail "the proxy did not start: $(cat "$tmp/$name.err")"; exit 1; }
}

# 1. A good and a bad client through the proxy (two exchanges, then it stops).
start_proxy p1 "$tmp/p1.jsonl" --listen 127.0.0.1:0 --upstream "$upstream" --max-exchanges 2 --json --record "$tmp/p1.har"
p1=$proxy_pid
code=$(post "$tmp/p1.port" "maxExplanations=2" "$tmp/good.json")
[ "$code" = 200 ] || fail "good request through the proxy: status $code"
direct "maxExplanations=2" > "$tmp/good.direct.json"
cmp -s "$tmp/good.json" "$tmp/good.direct.json" || fail "the proxy changed the good answer's body"
code=$(post "$tmp/p1.port" "maxExplanations=abc" "$tmp/bad.json")
[ "$code" = 422 ] || fail "bad request through the proxy: status $code"
want=$(awk -F'\t' '$2 == "max_codes" {print $3}' "$root/tests/data/deployment/seed003_errors.txt")
[ "$(cat "$tmp/bad.json")" = "$want" ] || fail "the 422 body through the proxy: $(cat "$tmp/bad.json")"
wait "$p1"
rc=$?
[ "$rc" -eq 1 ] || fail "the proxy's exit code after a violation: $rc (expected 1)"
python3 - "$tmp/p1.jsonl" <<'PY' || fail "the proxy's records: $(cat "$tmp/p1.jsonl")"
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
assert [r["verdict"] for r in recs] == ["ok", "violation"], recs
assert {d["rule"] for d in recs[1]["diagnostics"] if d["severity"] == "error"} == {"deployment.max_explanations.type"}, recs[1]
assert recs[0]["endpoint"] == "deploymentPredictions" and recs[1]["status"] == 422
PY
# The HAR it recorded verifies the same way.
"$drx" verify --json "$tmp/p1.har" > "$tmp/p1.verify.jsonl" 2>/dev/null
python3 - "$tmp/p1.verify.jsonl" <<'PY' || fail "drx verify over the proxy's HAR: $(cat "$tmp/p1.verify.jsonl")"
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
assert [r["verdict"] for r in recs] == ["ok", "violation"], recs
PY

# 2. --fail-on-violation: the bad client gets 502 with the violations; JSON Lines recording.
start_proxy p2 "$tmp/p2.out" --upstream "$upstream" --max-exchanges 2 --fail-on-violation --quiet --record "$tmp/p2.jsonl"
p2=$proxy_pid
code=$(post "$tmp/p2.port" "maxExplanations=2" "$tmp/good2.json")
[ "$code" = 200 ] || fail "--fail-on-violation, good request: status $code"
code=$(post "$tmp/p2.port" "maxExplanations=abc" "$tmp/bad2.json")
[ "$code" = 502 ] || fail "--fail-on-violation, bad request: status $code"
grep -q '"rule":"deployment.max_explanations.type"' "$tmp/bad2.json" || fail "the 502 body: $(cat "$tmp/bad2.json")"
wait "$p2"
[ -s "$tmp/p2.out" ] && fail "--quiet printed: $(head -2 "$tmp/p2.out")"
"$drx" verify "$tmp/p2.jsonl" > /dev/null 2>&1
[ $? -eq 1 ] || fail "drx verify over the proxy's JSON Lines recording: expected exit 1"

# 3. A server that breaks the contract: 2 explanations per row when maxExplanations=1 asks for one.
cat > "$tmp/bad_server.py" <<'PY'
import http.server, sys
body = open(sys.argv[2], "rb").read()
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a):
        pass
s = http.server.HTTPServer(("127.0.0.1", 0), H)
open(sys.argv[1], "w").write(str(s.server_address[1]))
s.timeout = 30
for _ in range(2):
    s.handle_request()
PY
python3 "$tmp/bad_server.py" "$tmp/bad.port" "$root/examples/payloads/deployment-xemp-response.json" &
pids+=($!)
wait_file "$tmp/bad.port" || { fail "the bad server did not start"; exit 1; }
start_proxy p3 "$tmp/p3.out" --upstream "http://127.0.0.1:$(cat "$tmp/bad.port")" --max-exchanges 1
p3=$proxy_pid
code=$(post "$tmp/p3.port" "maxExplanations=1" "$tmp/bad3.json")
[ "$code" = 200 ] || fail "bad server: the proxy passes its answer through (status $code)"
wait "$p3"
[ $? -eq 1 ] || fail "bad server: the proxy's exit code"
grep -qF '0 POST /predApi/v1.0/deployments/5f0c1b2d3e4f5a6b7c8d9e0f/predictions?maxExplanations=1: 1 error' "$tmp/p3.out" ||
    fail "bad server: the line: $(cat "$tmp/p3.out")"
grep -qP '^  /response/body/data/0/predictionExplanations/1\tresponse\.explanations\.count\terror\t' "$tmp/p3.out" ||
    fail "bad server: the diagnostic: $(cat "$tmp/p3.out")"

# 4. Usage errors.
"$drx" proxy --upstream https://example.com > /dev/null 2> "$tmp/u.err"
[ $? -eq 2 ] || fail "an https upstream: expected exit 2"
grep -q 'see drx proxy --help' "$tmp/u.err" || fail "an https upstream: $(cat "$tmp/u.err")"

[ "$failures" -eq 0 ]
