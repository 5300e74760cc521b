#!/usr/bin/env bash
# SPDX-License-Identifier: BSL-1.0
# CLI test of `drx verify` over the labelled corpus of tests/data/verify: every exchange's
# verdict and the set of its error rule ids equal the label written by hand in its "comment"
# (make_corpus.py says how labels read), with and without --allow-bad-requests; the text
# output's line per exchange; exit codes; the corpus files are make_corpus.py's output.
#
#   bash tests/cli/t_verify.sh <path-to-drx> <repo-root>
set -u
drx=${1:?usage: t_verify.sh <path-to-drx> <repo-root>}
root=${2:?usage: t_verify.sh <path-to-drx> <repo-root>}
failures=0
fail() {
    echo "FAIL t_verify: $*"
    failures=$((failures + 1))
}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/drx_t_verify.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
corpus=$root/tests/data/verify

python3 "$corpus/make_corpus.py" "$tmp" || fail "make_corpus.py: exit $?"
for f in deployment.jsonl clustering.har explanations.har entries.jsonl; do
    cmp -s "$tmp/$f" "$corpus/$f" || fail "$f is not make_corpus.py's output (run python3 tests/data/verify/make_corpus.py)"
done

# Labels against the --json records.
for allow in "" "--allow-bad-requests"; do
    for f in deployment.jsonl clustering.har explanations.har entries.jsonl; do
        "$drx" verify --json $allow "$corpus/$f" > "$tmp/out.jsonl" 2> "$tmp/err"
        rc=$?
        python3 - "$corpus/$f" "$tmp/out.jsonl" "$allow" "$rc" <<'PY' || fail "$f ${allow:-(default)}: labels differ"
import json, sys
corpus, out, allow, rc = sys.argv[1], sys.argv[2], sys.argv[3] != "", int(sys.argv[4])
text = open(corpus, encoding="utf-8").read()
if corpus.endswith(".har"):
    comments = [e.get("comment", "") for e in json.loads(text)["log"]["entries"]]
else:
    comments = []
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            comments.append(json.loads(line).get("comment", ""))
        except ValueError:
            comments.append("expect: violation verify.entry")   # a line that is not JSON
records = [json.loads(l) for l in open(out, encoding="utf-8")]
bad = 0
if len(records) != len(comments):
    print(f"  {len(records)} records for {len(comments)} exchanges"); sys.exit(1)
any_violation = False
for i, (c, r) in enumerate(zip(comments, records)):
    label = c.split("expect:", 1)[1].strip()
    parts = [p.strip() for p in label.split(";")]
    verdict, _, rules = parts[0].partition(" ")
    want = (verdict, set(filter(None, rules.split(","))))
    if allow:
        for p in parts[1:]:
            if p.startswith("allow-bad-requests:"):
                v = p.split(":", 1)[1].strip()
                want = (v, want[1] if v == "violation" else set())
    got_rules = {d["rule"] for d in r["diagnostics"] if d["severity"] == "error"}
    got = (r["verdict"], got_rules)
    any_violation |= r["verdict"] == "violation"
    if r["entry"] != i or got != want:
        print(f"  entry {i}: expected {want[0]} {sorted(want[1])}, got {got[0]} {sorted(got[1])}")
        bad += 1
if rc != (1 if any_violation else 0):
    print(f"  exit {rc}, expected {1 if any_violation else 0}"); bad += 1
sys.exit(1 if bad else 0)
PY
    done
done

# The text output: a line per exchange, the diagnostics under it, a summary on stderr.
"$drx" verify "$corpus/deployment.jsonl" > "$tmp/out.txt" 2> "$tmp/err.txt"
[ $? -eq 1 ] || fail "verify deployment.jsonl: expected exit 1"
grep -qxF '0 POST /predApi/v1.0/deployments/5f0c2b3a9e1d4c7b8a6f0e12/predictions?maxExplanations=3: ok' "$tmp/out.txt" ||
    fail "no 'ok' line for entry 0: $(head -1 "$tmp/out.txt")"
grep -qxF '2 POST /predApi/v1.0/deployments/5f0c2b3a9e1d4c7b8a6f0e12/predictions?maxExplanations=3: 1 error' "$tmp/out.txt" ||
    fail "no '1 error' line for entry 2"
grep -qP '^  /response/body/data\tverify\.row_count\terror\tthe request sends 3 rows; the response scores 1$' "$tmp/out.txt" ||
    fail "entry 2's diagnostic line"
grep -qE '^drx verify: 21 exchanges: [0-9]+ ok, [0-9]+ violations, 0 skipped$' "$tmp/err.txt" || fail "summary: $(cat "$tmp/err.txt")"
"$drx" verify "$corpus/clustering.har" 2>/dev/null | grep -qxF '15 GET /api/v2/version/: skipped (no documented endpoint has this path)' ||
    fail "an unknown route is not reported as skipped"

# Exit codes: 0 for a recording with only good and skipped exchanges; --quiet prints nothing;
# standard input; a missing file is an I/O error (2).
head -1 "$corpus/deployment.jsonl" > "$tmp/good.jsonl"
"$drx" verify "$tmp/good.jsonl" > /dev/null 2>&1 || fail "a good recording: exit $?"
out=$("$drx" verify --quiet "$corpus/deployment.jsonl" 2>&1)
[ $? -eq 1 ] && [ -z "$out" ] || fail "--quiet: exit code or output ($out)"
"$drx" verify - < "$tmp/good.jsonl" > /dev/null 2>&1 || fail "standard input: exit $?"
"$drx" verify "$tmp/missing.har" > /dev/null 2> "$tmp/err.txt"
[ $? -eq 2 ] || fail "a missing recording: expected exit 2"
grep -q 'missing.har: No such file or directory' "$tmp/err.txt" || fail "a missing recording: $(cat "$tmp/err.txt")"
# The context: with the deployment listed as unknown, its 404 is judged (and right).
sed -n 17p "$corpus/deployment.jsonl" > "$tmp/notfound.jsonl"
"$drx" verify --context '{"deployments": ["aaaaaaaaaaaaaaaaaaaaaaaa"]}' "$tmp/notfound.jsonl" > "$tmp/out.txt" 2>/dev/null
[ $? -eq 1 ] || fail "a 404 for an unknown deployment: the request names an unknown deployment (deployment.not_found)"
grep -q 'deployment.not_found' "$tmp/out.txt" || fail "deployment.not_found not reported: $(cat "$tmp/out.txt")"

[ "$failures" -eq 0 ]
