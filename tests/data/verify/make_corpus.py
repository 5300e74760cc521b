#!/usr/bin/env python3
# SPDX-License-Identifier: BSL-1.0
# Writes the labelled corpus of recorded exchanges that tests/cli/t_verify.sh runs `drx verify`
# over: deployment.jsonl, clustering.har, explanations.har, entries.jsonl (next to this file).
# Bodies come from examples/payloads and tests/data (seed documents and real payloads); the
# expected error bodies of the prediction server are seed 003's list
# (tests/data/deployment/seed003_errors.txt). Every exchange carries its label in "comment":
#   "expect: ok" | "expect: skipped" | "expect: violation RULE[,RULE...]"
# (the set of rule ids with severity error that drx verify must report, written by hand from
# docs/rules.md and docs/verify.md, never from drx's output). "allow-bad-requests" in the label
# says what the verdict is with --allow-bad-requests ("ok" unless given).
#   python3 tests/data/verify/make_corpus.py [OUT_DIR]   (the committed files are its output;
#   tests/cli/t_verify.sh regenerates them into a temporary OUT_DIR and compares)
import base64, gzip, json, os, sys

src = os.path.dirname(os.path.abspath(__file__))
root = os.path.normpath(os.path.join(src, "..", "..", ".."))
here = sys.argv[1] if len(sys.argv) > 1 else src

def load(rel):
    with open(os.path.join(root, rel), encoding="utf-8") as f:
        return json.load(f)

def dumps(v):  # the server's json.dumps defaults (", " and ": ")
    return json.dumps(v)

seed_errors = {}
with open(os.path.join(root, "tests/data/deployment/seed003_errors.txt"), encoding="utf-8") as f:
    for line in f:
        if line.startswith("#") or not line.strip():
            continue
        status, tag, body = line.rstrip("\n").split("\t")
        seed_errors[tag] = (int(status), body)

DEP = "5f0c2b3a9e1d4c7b8a6f0e12"
PRED = "https://example.orm.datarobot.com/predApi/v1.0/deployments/" + DEP + "/predictions"
APP = "https://app.datarobot.com/api/v2/"
AUTH = [{"name": "Authorization", "value": "Bearer NjE3ZjA"}, {"name": "DataRobot-Key", "value": "1b4c0d2e"}]
CSV1 = "Sex,Age,Fare\nmale,62,9.6875\n"
CSV3 = "Sex,Age,Fare\nmale,62,9.6875\nfemale,38,71.2833\nfemale,26,7.925\n"
xemp = load("examples/payloads/deployment-xemp-response.json")   # 1 row, 3 explanations
shap = load("examples/payloads/deployment-shap-response.json")   # 1 row, 2 explanations

# --- deployment.jsonl ------------------------------------------------------------------------
lines = []
def ex(comment, method, url, req_headers, body, status, resp_body, resp_headers=None, body_b64=None, resp_b64=None):
    rq = {"method": method, "url": url, "headers": req_headers}
    if body_b64 is not None: rq["bodyBase64"] = body_b64
    elif body is not None: rq["body"] = body
    rs = {"status": status, "headers": resp_headers or [{"name": "Content-Type", "value": "application/json"}]}
    if resp_b64 is not None: rs["bodyBase64"] = resp_b64
    elif resp_body is not None: rs["body"] = resp_body
    return {"comment": comment, "request": rq, "response": rs}

csv_h = AUTH + [{"name": "Content-Type", "value": "text/csv"}]
def err(tag):
    return seed_errors[tag]

lines.append(ex("expect: ok", "POST", PRED + "?maxExplanations=3", csv_h, CSV1, 200, dumps(xemp)))
lines.append(ex("expect: violation response.explanations.count", "POST", PRED + "?maxExplanations=2", csv_h, CSV1, 200, dumps(xemp)))
lines.append(ex("expect: violation verify.row_count", "POST", PRED + "?maxExplanations=3", csv_h, CSV3, 200, dumps(xemp)))
s, b = err("max_codes")
lines.append(ex("expect: violation deployment.max_explanations.type; allow-bad-requests: ok", "POST", PRED + "?maxExplanations=abc", csv_h, CSV1, s, b))
lines.append(ex("expect: violation deployment.max_explanations.type,verify.status; allow-bad-requests: violation", "POST", PRED + "?maxExplanations=abc", csv_h, CSV1, 200, dumps(xemp)))
lines.append(ex("expect: violation deployment.max_explanations.type,verify.error_body; allow-bad-requests: violation", "POST", PRED + "?maxExplanations=abc", csv_h, CSV1, s, '{"message": "maxExplanations must be an integer"}'))
s, b = err("threshold_high")
lines.append(ex("expect: violation deployment.threshold_high.type; allow-bad-requests: ok", "POST", PRED + "?maxExplanations=3&thresholdHigh=high", csv_h, CSV1, s, b))
s, b = err("bad_id")
lines.append(ex("expect: violation deployment.bad_id; allow-bad-requests: ok", "POST", PRED.replace(DEP, "not-an-id"), csv_h, CSV1, s, b))
lines.append(ex("expect: violation deployment.authorization; allow-bad-requests: ok", "POST", PRED + "?maxExplanations=3",
                [{"name": "Content-Type", "value": "text/csv"}], CSV1, 401,
                dumps({"message": "Missing Authorization header: send \"Authorization: Bearer <API key>\""})))
lines.append(ex("expect: ok", "POST", PRED + "?maxExplanations=3&explanationAlgorithm=shap", csv_h, CSV1, 200, dumps(shap)))
lines.append(ex("expect: violation response.explanations.count", "POST", PRED + "?maxExplanations=1&explanationAlgorithm=shap", csv_h, CSV1, 200, dumps(shap)))
gz = base64.b64encode(gzip.compress(CSV3.encode(), mtime=0)).decode()
three = {"data": [dict(xemp["data"][0], rowId=i) for i in range(3)]}
lines.append(ex("expect: ok", "POST", PRED + "?maxExplanations=3", csv_h + [{"name": "Content-Encoding", "value": "gzip"}], None, 200, dumps(three), body_b64=gz))
lines.append(ex("expect: violation verify.body", "POST", PRED + "?maxExplanations=3", csv_h + [{"name": "Content-Encoding", "value": "gzip"}], None, 200, dumps(xemp),
                body_b64=base64.b64encode(gzip.compress(CSV1.encode(), mtime=0)[:12]).decode()))
lines.append(ex("expect: ok", "POST", PRED + "?maxExplanations=3", csv_h, CSV1, 200, None,
                resp_headers=[{"name": "Content-Type", "value": "application/json"}, {"name": "Content-Encoding", "value": "gzip"}],
                resp_b64=base64.b64encode(gzip.compress(dumps(xemp).encode(), mtime=0)).decode()))
lines.append(ex("expect: violation verify.status", "POST", PRED + "?maxExplanations=3", csv_h, CSV1, 500, '{"message": "Internal Server Error"}'))
lines.append(ex("expect: ok", "POST", APP + "deployments/" + DEP + "/predictions?maxExplanations=3",
                [{"name": "Authorization", "value": "Bearer NjE3ZjA"}, {"name": "Content-Type", "value": "text/csv"}], CSV1, 200, dumps(xemp)))
s, b = err("not_found")
lines.append(ex("expect: ok", "POST", PRED + "?maxExplanations=3", csv_h, CSV1, s, b))
lines.append(ex("expect: ok", "POST", PRED, csv_h, CSV1, 200, dumps({"data": [{"prediction": 0, "rowId": 0}]})))
json_h = AUTH + [{"name": "Content-Type", "value": "application/json"}]
lines.append(ex("expect: ok", "POST", PRED + "?maxExplanations=3", json_h, dumps([{"Sex": "male", "Age": 62, "Fare": 9.6875}]), 200, dumps(xemp)))
lines.append(ex("expect: violation verify.row_count", "POST", PRED + "?maxExplanations=3", json_h,
                dumps([{"Sex": "male", "Age": 62, "Fare": 9.6875}, {"Sex": "female", "Age": 38, "Fare": 71.2833}]), 200, dumps(xemp)))
lines.append(ex("expect: violation verify.body", "POST", PRED + "?maxExplanations=3", csv_h, None, 200, dumps(xemp)))

with open(os.path.join(here, "deployment.jsonl"), "w", encoding="utf-8") as f:
    for l in lines:
        f.write(json.dumps(l, ensure_ascii=False) + "\n")

# --- HAR files ---------------------------------------------------------------------------------
def har_entry(comment, method, url, status, body=None, req_body=None, resp_headers=None, req_headers=None):
    e = {"startedDateTime": "2026-11-30T10:00:00.000Z", "time": 12, "comment": comment,
         "request": {"method": method, "url": url, "httpVersion": "HTTP/1.1", "cookies": [],
                     "headers": (req_headers or []) + [{"name": "Authorization", "value": "Bearer NjE3ZjA"}],
                     "queryString": [], "headersSize": -1, "bodySize": -1},
         "response": {"status": status, "statusText": "", "httpVersion": "HTTP/1.1", "cookies": [],
                      "headers": resp_headers if resp_headers is not None else [{"name": "Content-Type", "value": "application/json"}],
                      "content": {"size": len(body or ""), "mimeType": "application/json"},
                      "redirectURL": "", "headersSize": -1, "bodySize": -1},
         "cache": {}, "timings": {"send": 0, "wait": 12, "receive": 0}}
    if body is not None:
        e["response"]["content"]["text"] = body
    if req_body is not None:
        e["request"]["postData"] = {"mimeType": "application/json", "text": req_body}
    return e

def har(entries, name):
    doc = {"log": {"version": "1.2", "creator": {"name": "drx tests/data/verify/make_corpus.py", "version": "1"}, "entries": entries}}
    with open(os.path.join(here, name), "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1, ensure_ascii=False)
        f.write("\n")

clusters = load("examples/payloads/cluster-list.json")
P, M = clusters["projectId"], clusters["modelId"]
names_url = APP + "projects/%s/models/%s/clusterNames/" % (P, M)
insights_url = APP + "projects/%s/models/%s/clusterInsights/" % (P, M)
renamed = json.loads(json.dumps(clusters)); renamed["clusters"][0]["name"] = "Big spenders"
insights = load("examples/payloads/cluster-insights-page.json")   # 5 insights
bad_percent = json.loads(json.dumps(clusters)); bad_percent["clusters"][1]["percent"] = 136.9131832797
rename = lambda cur, new: dumps({"clusterNameMappings": [{"currentName": cur, "newName": new}]})
accepted = [{"name": "Location", "value": APP + "projects/%s/jobs/77/" % P}]
c = [
    har_entry("expect: ok", "GET", names_url, 200, dumps(clusters)),
    har_entry("expect: ok", "PATCH", names_url, 200, dumps(renamed), rename("Cluster 1", "Big spenders")),
    har_entry("expect: violation rename.current.exists; allow-bad-requests: ok", "PATCH", names_url, 422,
              dumps({"message": "No current cluster with name Cluster 9"}), rename("Cluster 9", "Small")),
    har_entry("expect: violation rename.current.exists,verify.status; allow-bad-requests: violation", "PATCH", names_url, 200,
              dumps(renamed), rename("Cluster 9", "Small")),
    har_entry("expect: violation verify.rename", "PATCH", names_url, 200, dumps(renamed), rename("Cluster 2", "Loyal")),
    har_entry("expect: ok", "GET", insights_url + "?limit=10", 200, dumps(insights)),
    har_entry("expect: violation verify.page_limit", "GET", insights_url + "?offset=0&limit=2", 200, dumps(insights)),
    har_entry("expect: violation verify.query", "GET", insights_url + "?limit=-1", 200, dumps(insights)),
    har_entry("expect: ok", "GET", insights_url, 404, dumps({"message": "There are no cluster insights available for this model yet."})),
    har_entry("expect: violation verify.error_body", "GET", insights_url, 404, dumps({"message": "no insights"})),
    har_entry("expect: ok", "POST", insights_url, 202, "", resp_headers=accepted),
    har_entry("expect: violation verify.location", "POST", insights_url, 202, "", resp_headers=[]),
    har_entry("expect: violation verify.status", "GET", names_url, 500, "<html>Server Error</html>"),
    har_entry("expect: violation cluster.percent.range", "GET", names_url, 200, dumps(bad_percent)),
    har_entry("expect: skipped", "DELETE", names_url, 204, ""),
    har_entry("expect: skipped", "GET", APP + "version/", 200, dumps({"major": 2, "minor": 35})),
    har_entry("expect: ok", "GET", APP + "projects/%s/models/%s/" % (P, M), 200, dumps({"id": M, "modelType": "Gradient Boosted Trees"})),
]
har(c, "clustering.har")

record = load("examples/payloads/prediction-explanations-record.json")
page = load("examples/payloads/prediction-explanations-page.json")   # 3 rows: 3, 3, 0 explanations
PP, RID = record["projectId"], record["id"]
record_url = APP + "projects/%s/predictionExplanationsRecords/%s/" % (PP, RID)
page_url = APP + "projects/%s/predictionExplanations/%s/" % (PP, RID)
strict = dict(record, id="5a1ec82fc8089125e0c5d4d4", maxExplanations=1)
strict_page = dict(page, id=strict["id"])
create = load("tests/data/prediction_explanations/objects/create.json")
init = load("tests/data/prediction_explanations/objects/initialization.json")
e = [
    har_entry("expect: ok", "GET", record_url, 200, dumps(record)),
    har_entry("expect: ok", "GET", page_url + "?offset=0&excludeAdjustedPredictions=true", 200, dumps(page)),
    har_entry("expect: violation verify.page_limit", "GET", page_url + "?offset=0&excludeAdjustedPredictions=true&limit=2", 200, dumps(page)),
    har_entry("expect: violation verify.query", "GET", page_url + "?offset=0&excludeAdjustedPredictions=yes", 200, dumps(page)),
    har_entry("expect: ok", "GET", APP + "projects/%s/predictionExplanationsRecords/%s/" % (PP, strict["id"]), 200, dumps(strict)),
    har_entry("expect: violation response.explanations.count", "GET",
              APP + "projects/%s/predictionExplanations/%s/?offset=0&excludeAdjustedPredictions=true" % (PP, strict["id"]), 200, dumps(strict_page)),
    har_entry("expect: ok", "POST", APP + "projects/%s/predictionExplanations/" % PP, 202, "", dumps(create), resp_headers=accepted),
    har_entry("expect: violation mode.exclusive", "POST", APP + "projects/%s/predictionExplanations/" % PP, 202, "",
              dumps(dict(create, numTopClasses=2, classNames=["a"])), resp_headers=accepted),
    har_entry("expect: ok", "POST", APP + "projects/%s/predictionExplanations/" % PP, 202, "",
              dumps(dict(create, thresholdLow=0.9, thresholdHigh=0.1)), resp_headers=accepted),
    har_entry("expect: ok", "GET", APP + "projects/%s/models/%s/predictionExplanationsInitialization/" % (PP, record["modelId"]), 200, dumps(init)),
    har_entry("expect: ok", "GET", APP + "projects/%s/models/%s/predictionExplanationsInitialization/" % (PP, record["modelId"]), 404,
              dumps({"message": "Prediction explanations initialization not found"})),
    har_entry("expect: ok", "POST", APP + "batchPredictions/", 202, "",
              dumps({"deploymentId": DEP, "intakeSettings": {"type": "localFile"}, "maxExplanations": 3, "explanationNumTopClasses": 2}),
              resp_headers=accepted),
    har_entry("expect: violation mode.num_top_classes.range", "POST", APP + "batchPredictions/", 202, "",
              dumps({"deploymentId": DEP, "maxExplanations": 3, "explanationNumTopClasses": 11}), resp_headers=accepted),
]
har(e, "explanations.har")

# --- entries.jsonl: recordings that are not complete exchanges --------------------------------
bad = [
    '{"comment": "expect: violation verify.entry", "request": {"method": "GET"}, "response": {"status": 200}}',
    '{"comment": "expect: violation verify.entry", "request": {"method": "GET", "url": "' + names_url + '"}}',
    '{"comment": "expect: violation verify.entry", "request": {"method": "GET", "url": "' + names_url + '"}, "response": {"status": 200, "bodyBase64": "***"}}',
    'this line is not JSON',
]
with open(os.path.join(here, "entries.jsonl"), "w", encoding="utf-8") as f:
    f.write("\n".join(bad) + "\n")
