#!/usr/bin/env python3
# SPDX-License-Identifier: BSL-1.0
"""Writes the prediction explanations fixtures under tests/data/prediction_explanations/.

The payloads are reconstructions of the Python client's test fixtures and of seed 003's
examples from their descriptions in docs/reference/objects.md ("Prediction explanations
fixtures": key orders, value kinds), plus CSV cases that exercise docs/reference/csv.md. Every
file is written by CPython's json module, never by drx:
  objects/NAME.json         json.dumps(obj, separators=(",", ":"))   (drx's compact layout)
  objects/NAME.python.json  json.dumps(obj)                           (json.dumps' default)
  csv/NAME.page.json        a page; csv/NAME.case.json its record's maxExplanations and mode
  csv/deployment_*.response.json  copies of tests/data/seed003/*_example.txt (seed 003)
The expected CSV files are then written by pandas:
  python3 tests/tools/pe_csv_oracle.py tests/data/prediction_explanations/csv/*.case.json
Usage: make_pe_fixtures.py [OUTPUT_DIR]   (default: tests/data/prediction_explanations)
"""
import json
import os
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "tests", "data", "prediction_explanations")
os.makedirs(os.path.join(OUT, "objects"), exist_ok=True)
os.makedirs(os.path.join(OUT, "csv"), exist_ok=True)


def dump(path, obj):
    with open(os.path.join(OUT, path), "w", encoding="utf-8") as f:
        f.write(json.dumps(obj, separators=(",", ":")) + "\n")
    if path.startswith("objects/"):
        with open(os.path.join(OUT, path[:-5] + ".python.json"), "w", encoding="utf-8") as f:
            f.write(json.dumps(obj) + "\n")


PID = "5a1ec6b0c8089125e0c5d4a1"
MID = "5a1ec71bc8089125e0c5d4b2"
DID = "5a1ec7c1c8089125e0c5d4c8"
PEID = "5a1ec82fc8089125e0c5d4d3"


# Regression rows in the key order of pei_json / pep_json (docs/reference/objects.md,
# "Prediction explanations fixtures")
def reg_row(row_id, pred, expl):
    return {"predictionExplanations": expl, "prediction": pred, "rowId": row_id,
            "predictionValues": [{"value": pred, "label": "YearMade"}]}


def reg_expl(fv, strength, feature, q):
    return {"featureValue": fv, "label": "YearMade", "strength": strength, "feature": feature, "qualitativeStrength": q}


reg_rows = [
    reg_row(0, 2059.988037109375, [reg_expl(57000, -0.6702361404849768, "MachineHoursCurrentMeter", "---"),
                                    reg_expl("Medium", -0.3917562735919655, "ProductSize", "---"),
                                    reg_expl("", -0.2103416748049972, "fiModelSeries", "---")]),
    reg_row(1, 1972.0, [reg_expl(1.0, -0.5912041807174683, "Enclosure_EROPS", "---"),
                        reg_expl("-2", -0.3001, "fiModelDesc", "---")]),
    reg_row(2, 2001.25, [reg_expl(57000, -0.11, "MachineHoursCurrentMeter", "---")]),
]

# objects -----------------------------------------------------------------------------------
init = {"projectId": PID, "predictionExplanationsSample": reg_rows[:2], "modelId": MID}
dump("objects/initialization.json", init)

record = {"finishTime": 1482424475.33823, "numColumns": 50,
          "predictionExplanationsLocation": "https://app.datarobot.com/api/v2/projects/%s/predictionExplanations/%s/" % (PID, PEID),
          "thresholdHigh": 0.9, "projectId": PID, "thresholdLow": 0.1, "maxExplanations": 3, "id": PEID,
          "datasetId": DID, "modelId": MID}
dump("objects/record.json", record)
record_mc = dict(record, thresholdHigh=None, thresholdLow=None, maxExplanations=2, numTopClasses=2, classNames=None,
                 source=None)
dump("objects/record_clustering.json", record_mc)
dump("objects/record_list.json", {"count": 3, "next": None, "data": [record, dict(record, id="5a1ec82fc8089125e0c5d4d4"),
                                                                    dict(record, id="5a1ec82fc8089125e0c5d4d5", finishTime=1482424476)],
                                  "previous": None})
loc = "https://app.datarobot.com/api/v2/projects/%s/predictionExplanationsRecords/%s/" % (PID, PEID)
page = {"count": 6, "predictionExplanationsRecordLocation": loc, "next": None, "data": reg_rows, "id": PEID,
        "previous": None}
dump("objects/page_regression.json", page)


# binary classification page (pep_json_classification): explanation order featureValue,
# strength, feature, qualitativeStrength, label; labels 1 and 0 (positive first); prediction int
def bin_row(row_id, p1, expl):
    return {"predictionExplanations": expl, "prediction": 1 if p1 >= 0.5 else 0, "rowId": row_id,
            "predictionValues": [{"value": p1, "label": 1}, {"value": round(1 - p1, 10), "label": 0}]}


def bin_expl(fv, s, feature, q):
    return {"featureValue": fv, "strength": s, "feature": feature, "qualitativeStrength": q, "label": 1}


bin_rows = [bin_row(0, 0.07836511, []), bin_row(1, 0.5, []),
            bin_row(2, 0.95, [bin_expl("Surgery-Neuro", 0.8, "medical_specialty", "+++"),
                              bin_expl(9, 0.4, "number_diagnoses", "++"),
                              bin_expl("723", -0.05, "diag_1", "-")])]
page_bin = {"count": 3, "predictionExplanationsRecordLocation": loc,
            "next": "https://app.datarobot.com/api/v2/projects/%s/predictionExplanations/%s/?limit=3&offset=3&excludeAdjustedPredictions=true" % (PID, PEID),
            "data": bin_rows, "id": PEID, "previous": None}
dump("objects/page_binary_fixture_order.json", page_bin)

# adjusted variant: adjustmentMethod at the end, adjustedPrediction(Values) at the end of rows
adj_rows = []
for r in reg_rows:
    r = dict(r)
    r["adjustedPrediction"] = r["prediction"] * 2
    r["adjustedPredictionValues"] = [{"value": r["prediction"] * 2, "label": "YearMade"}]
    adj_rows.append(r)
dump("objects/page_adjusted.json", dict(page, data=adj_rows, adjustmentMethod="exposureNormalized"))

dump("objects/create.json", {"modelId": MID, "datasetId": DID, "maxExplanations": 3, "thresholdLow": 0.1,
                             "thresholdHigh": 0.9})
dump("objects/create_training_clustering.json", {"modelId": MID, "datasetId": DID, "maxExplanations": 5,
                                                 "classNames": ["Cluster 1", "Cluster 3"],
                                                 "datetimePredictionPartition": "holdout"})
dump("objects/mode_top.json", {"numTopClasses": 3})
dump("objects/mode_list.json", {"classNames": ["Cluster 1", "Cluster 10", "caf\u00e9"]})
dump("objects/shap_matrix.json", {"id": "5a1ec900c8089125e0c5d4e0", "projectId": PID, "modelId": MID, "datasetId": DID})

# a text row: perNgramTextExplanations in the converter's order, ngrams startingIndex, endingIndex
text_expl = {"featureValue": "great product, \"really\" good\nthanks caf\u00e9", "label": "YearMade", "strength": 0.5,
             "feature": "review", "qualitativeStrength": "++",
             "perNgramTextExplanations": [
                 {"ngrams": [{"startingIndex": 0, "endingIndex": 5}], "isUnknown": False, "qualitativeStrength": "+",
                  "strength": 0.25},
                 {"ngrams": [{"startingIndex": 6, "endingIndex": 13}, {"startingIndex": 43, "endingIndex": 47}],
                  "isUnknown": True, "qualitativeStrength": "<+", "strength": 1}]}
null_text = {"featureValue": 3, "label": "YearMade", "strength": -0.125, "feature": "age", "qualitativeStrength": "-",
             "perNgramTextExplanations": None}
dump("objects/row_text.json", reg_row(7, 10.5, [text_expl, null_text]))


# csv cases ---------------------------------------------------------------------------------
def case(name, page_obj, max_expl, **mode):
    dump("csv/%s.page.json" % name, page_obj)
    c = {"pageFile": "%s.page.json" % name, "maxExplanations": max_expl}
    c.update(mode)
    with open(os.path.join(OUT, "csv/%s.case.json" % name), "w", encoding="utf-8") as f:
        f.write(json.dumps(c, indent=2) + "\n")


case("regression", page, 3)
case("binary", page_bin, 3)
case("adjusted", dict(page, data=adj_rows, adjustmentMethod="exposureNormalized"), 3)


# clustering, num_top_classes=2, max_explanations=2, 3 clusters (the worked header of 6.3)
def cl_row(row_id, probs, expl):
    names = ["Cluster 2", "Cluster 10", "Cluster 1"]  # server order; the client sorts them
    pvs = [{"value": p, "label": n} for p, n in zip(probs, names)]
    best = max(zip(probs, names))[1]
    return {"predictionExplanations": expl, "prediction": best, "rowId": row_id, "predictionValues": pvs}


def cl_expl(fv, label, s, feature, q):
    return {"featureValue": fv, "label": label, "strength": s, "feature": feature, "qualitativeStrength": q}


cl_rows = [
    cl_row(0, [0.5, 0.3, 0.2], [cl_expl(12, "Cluster 2", 0.9, "age", "+++"), cl_expl("a,b", "Cluster 2", 0.3, "tags", "++"),
                                cl_expl(12, "Cluster 10", -0.4, "age", "--")]),
    cl_row(1, [0.1, 0.25, 0.65], [cl_expl(40, "Cluster 1", 0.7, "age", "++"),
                                  cl_expl(3.5, "Cluster 10", 0.2, "income", "+"), cl_expl("x", "Cluster 10", -0.1, "tags", "-")]),
    cl_row(2, [0.4, 0.4, 0.2], []),
]
case("clustering_top2", {"count": 3, "predictionExplanationsRecordLocation": loc, "next": None, "data": cl_rows,
                         "id": PEID, "previous": None}, 2, numTopClasses=2)
case("clustering_list", {"count": 3, "predictionExplanationsRecordLocation": loc, "next": None, "data": cl_rows[:2],
                         "id": PEID, "previous": None}, 2, classNames=["Cluster 2", "Cluster 10"])

# text + clustering: a short first class shifts the next one in the client's layout
tx_rows = [
    cl_row(0, [0.6, 0.3, 0.1], [dict(cl_expl("good, fine", "Cluster 2", 0.6, "review", "++"),
                                     perNgramTextExplanations=[{"ngrams": [{"startingIndex": 0, "endingIndex": 4}],
                                                                "isUnknown": False, "qualitativeStrength": "++",
                                                                "strength": 0.5}]),
                                cl_expl(7, "Cluster 10", 0.2, "age", "+"), cl_expl(8.0, "Cluster 10", -0.1, "size", "-")]),
    cl_row(1, [0.2, 0.3, 0.5], [dict(cl_expl("bad", "Cluster 1", -0.5, "review", "--"), perNgramTextExplanations=None),
                                dict(cl_expl(9, "Cluster 1", 0.1, "age", "+"), perNgramTextExplanations=[]),
                                cl_expl(10, "Cluster 10", 0.3, "age", "++")]),
]
tx_page = {"count": 2, "predictionExplanationsRecordLocation": loc, "next": None, "data": tx_rows, "id": PEID,
           "previous": None}
case("text_clustering_aligned", tx_page, 2, numTopClasses=2, alignedTextPadding=True)
case("text_clustering_client", tx_page, 2, numTopClasses=2, alignedTextPadding=False)

# text, regression: null and [] text, non-ASCII, quotes, commas, newlines
tr_rows = [reg_row(0, 1.5, [text_expl, null_text]), reg_row(1, -0.0, [dict(null_text, perNgramTextExplanations=[])]),
           reg_row(2, 1e16, [])]
case("text_regression", {"count": 3, "predictionExplanationsRecordLocation": loc, "next": None, "data": tr_rows,
                         "id": PEID, "previous": None}, 2)

# multiclass with integer labels, one class with a single explanation
mc_rows = [
    {"predictionExplanations": [cl_expl("v", 3, 0.5, "f1", "++"), cl_expl(1e-07, 1, -0.3, "f2", "--")],
     "prediction": 3, "rowId": 0,
     "predictionValues": [{"value": 0.7, "label": 3}, {"value": 0.2, "label": 1}, {"value": 0.1, "label": 2}]},
    {"predictionExplanations": [cl_expl(True, 2, 0.5, "f1", "++"), cl_expl(0, 2, 0.25, "f3", "+"),
                                cl_expl(123456789012345678, 1, -0.3, "f2", "--")],
     "prediction": 2, "rowId": 1,
     "predictionValues": [{"value": 0.2, "label": 1}, {"value": 0.5, "label": 2}, {"value": 0.3, "label": 3}]},
]
case("multiclass_int_labels", {"count": 2, "predictionExplanationsRecordLocation": loc, "next": None, "data": mc_rows,
                               "id": PEID, "previous": None}, 2, numTopClasses=2)

# seed 003's deployment examples, as the seed gives them
for kind, max_expl in (("xemp", 3), ("shap", 2)):
    shutil.copyfile(os.path.join(ROOT, "tests", "data", "seed003", "%s_example.txt" % kind),
                    os.path.join(OUT, "csv", "deployment_%s.response.json" % kind))
    with open(os.path.join(OUT, "csv", "deployment_%s.case.json" % kind), "w", encoding="utf-8") as f:
        f.write(json.dumps({"deploymentFile": "deployment_%s.response.json" % kind, "maxExplanations": max_expl},
                           indent=2) + "\n")
