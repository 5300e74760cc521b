#!/usr/bin/env python3
# SPDX-License-Identifier: BSL-1.0
"""A pandas re-implementation of the Python client's prediction explanations CSV export.

This is the independent oracle for drx's CSV export (include/drx/tools/csv.hpp). It does not
use drx. It follows docs/reference/csv.md (client 3.x >= 3.3.2, get_all_as_dataframe and
download_to_csv) step by step, on the JSON the server sends:

  1. from_api: keys underscorized, null keys dropped at every level except
     per_ngram_text_explanations (the client's keep-null path, docs/reference/objects.md
     (Null dropping));
  2. the row converter: row_id through the client's Int (5.0 -> 5), everything else keeps its
     JSON type (trafaret 2.x bare Int/Float), text items rebuilt in the converter's key order;
  3. the column list from the first row and the record (docs/reference/csv.md, Columns);
  4. the rows (Rows), including the client's 5-per-missing-explanation padding;
  5. pandas.DataFrame(data=rows, columns=columns).to_csv(path, header=True, index=False,
     encoding="utf-8") (download_to_csv).

Input: a case file (JSON object):
  {"page": {...}}  or  {"rows": [...]}  or  {"deployment": {"data": [...]}}, or the page or
  deployment response in its own file: {"pageFile": "x.page.json"} / {"deploymentFile": ...}
  (relative to the case file)
  "maxExplanations": N           the record's maxExplanations (required)
  "numTopClasses": K | "classNames": [...]   the record's mode (optional)
  "alignedTextPadding": true     pad 6 (not 5) cells per missing explanation when text columns
                                 exist with a mode: drx's documented aligned layout (default false:
                                 exactly the client)

Usage:
  pe_csv_oracle.py CASE.json [CASE.json ...]   writes CASE.csv next to each case (the name
                                               with ".case.json" or ".json" replaced by ".csv")
  pe_csv_oracle.py --batch DIR                 every DIR/*.case.json -> DIR/*.csv; a case the
                                               client cannot export gets DIR/*.err instead

Needs pandas (Debian: python3-pandas). Produced the committed golden files under
tests/data/prediction_explanations/csv/ with pandas 1.5.3 on CPython 3.11.
"""
import json
import os
import re
import sys

import pandas as pd

_FIRST_CAP = re.compile("(.)([A-Z][a-z]+)")
_ALL_CAP = re.compile("([a-z0-9])([A-Z])")
KEEP_NULL = "per_ngram_text_explanations"


def underscorize(name):
    """The client's underscorize (datarobot.utils)."""
    return _ALL_CAP.sub(r"\1_\2", _FIRST_CAP.sub(r"\1_\2", name)).lower()


def from_api(value):
    """Underscorize keys recursively and drop null keys, keeping the text-explanation key."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            uk = underscorize(k)
            if v is None and uk != KEEP_NULL:
                continue
            out[uk] = from_api(v)
        return out
    if isinstance(value, list):
        return [from_api(v) for v in value]
    return value


def to_int(v):
    """The client's Int (trafaret ToInt): an integral float becomes an int."""
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def convert_text_items(items):
    if items is None:
        return None
    out = []
    for it in items:
        out.append({
            "ngrams": [{"ending_index": to_int(g["ending_index"]),
                        "starting_index": to_int(g["starting_index"])} for g in it["ngrams"]],
            "is_unknown": it["is_unknown"],
            "qualitative_strength": it["qualitative_strength"],
            "strength": it["strength"],
        })
    return out


def convert_row(row):
    row = dict(row)
    row["row_id"] = to_int(row["row_id"])
    expl = []
    for pe in row.get("prediction_explanations", []):
        pe = dict(pe)
        if KEEP_NULL in pe:
            pe[KEEP_NULL] = convert_text_items(pe[KEEP_NULL])
        expl.append(pe)
    row["prediction_explanations"] = expl
    return row


def export(case, base_dir="."):
    for key in ("page", "deployment"):
        if key + "File" in case:
            with open(os.path.join(base_dir, case[key + "File"]), encoding="utf-8") as f:
                case = dict(case)
                case[key] = json.load(f)
    if "page" in case:
        raw_rows = case["page"]["data"]
    elif "rows" in case:
        raw_rows = case["rows"]
    else:
        raw_rows = case["deployment"]["data"]
    rows = [convert_row(from_api(r)) for r in raw_rows]
    max_explanations = case["maxExplanations"]
    num_top_classes = case.get("numTopClasses")
    class_names = case.get("classNames")
    aligned = bool(case.get("alignedTextPadding", False))

    # is_unsupervised_clustering_or_multiclass / get_number_of_explained_classes (seed 002)
    multiclass = bool(num_top_classes or class_names)
    explained = (num_top_classes or len(class_names)) if multiclass else 1

    # Column list from the first row (the probe; StopIteration escapes when there is none).
    first_row = next(iter(rows))
    columns = ["row_id", "prediction"]
    adjusted = first_row.get("adjusted_prediction") is not None
    if adjusted:
        columns.append("adjusted_prediction")
    classification = len(first_row["prediction_values"]) > 1
    if classification:
        for i in range(len(first_row["prediction_values"])):
            columns.extend(["class_{}_label".format(i), "class_{}_probability".format(i)])
    fields = ["feature", "feature_value", "label", "qualitative_strength", "strength"]
    first_expl = first_row["prediction_explanations"]
    if first_expl and KEEP_NULL in first_expl[0]:
        fields.append(KEEP_NULL)
    if multiclass:
        for k in range(explained):
            for i in range(max_explanations):
                for f in fields:
                    columns.append("explained_class_{}_explanation_{}_{}".format(k, i, f))
    else:
        for i in range(max_explanations):
            for f in fields:
                columns.append("explanation_{}_{}".format(i, f))

    def values(pe):
        v = [pe["feature"], pe["feature_value"], pe["label"], pe.get("qualitative_strength"), pe["strength"]]
        if len(fields) == 6:
            v.append(json.dumps(pe.get(KEEP_NULL), ensure_ascii=False))
        return v

    pad = len(fields) if aligned else 5
    data_rows = []
    for row in rows:
        data = [row["row_id"], row["prediction"]]
        if adjusted:
            data.append(row.get("adjusted_prediction"))
        if classification:
            for pv in sorted(row["prediction_values"], key=lambda x: x["label"]):
                data.extend([pv["label"], pv["value"]])
        if multiclass:
            current = None
            count = 0
            started = False
            for pe in row["prediction_explanations"]:
                if started and pe["label"] != current:
                    data.extend([None] * pad * (max_explanations - count))
                    count = 0
                started = True
                current = pe["label"]
                data.extend(values(pe))
                count += 1
        else:
            for pe in row["prediction_explanations"]:
                data.extend(values(pe))
        data.extend([None] * (len(columns) - len(data)))
        data_rows.append(data)
    return pd.DataFrame(data=data_rows, columns=columns)


def csv_name(path):
    for suffix in (".case.json", ".json"):
        if path.endswith(suffix):
            return path[: -len(suffix)] + ".csv"
    return path + ".csv"


def run(path, record_errors):
    with open(path, encoding="utf-8") as f:
        case = json.load(f)
    out = csv_name(path)
    try:
        df = export(case, os.path.dirname(path))
    except Exception as e:  # the client's own failure (StopIteration, KeyError, TypeError, ValueError)
        if not record_errors:
            raise
        with open(csv_name(path)[:-4] + ".err", "w", encoding="utf-8") as f:
            f.write("{}: {}\n".format(type(e).__name__, e))
        return
    df.to_csv(out, header=True, index=False, encoding="utf-8")


def main(argv):
    if len(argv) >= 2 and argv[0] == "--batch":
        d = argv[1]
        for name in sorted(os.listdir(d)):
            if name.endswith(".case.json"):
                run(os.path.join(d, name), True)
        return 0
    if not argv:
        sys.stderr.write(__doc__)
        return 2
    for path in argv:
        run(path, False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
