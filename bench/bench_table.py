#!/usr/bin/env python3
# SPDX-License-Identifier: BSL-1.0
"""Markdown table of a bench_compare run (bench/bench_compare.cpp).

    bench/bench_table.py RESULTS.json [--command "CMD"]
        the table of a saved run: Google Benchmark's --benchmark_format=json (or
        --benchmark_out) output of a run with --benchmark_repetitions=N
        --benchmark_report_aggregates_only=true; CMD is printed as the command that made it.
    bench/bench_table.py [--out FILE] --run BINARY [BENCHMARK ARGS...]
        runs BINARY with the arguments and --benchmark_out=FILE --benchmark_out_format=json
        (FILE: bench_compare.json), its console output on stderr, then prints the table with
        that command.

Rows: case, input, the median CPU time of the repetitions, MB/s (10^6 bytes of the input's
JSON text per second of CPU time), rows/s, the coefficient of variation of the CPU time
over the repetitions, and the speed against Boost: the median time of Boost's boost_parse of
the same input over the case's median time (for the writes, drx_write, drx_csv,
boost_serialize and boost_value_from: of boost_serialize); above 1 is faster than Boost, as
"drx::read at least 2.0x" means in the project's performance targets. Then the
machine (lscpu or /proc/cpuinfo, nproc, /proc/meminfo) and the command.
Python 3 standard library only.
"""

import argparse
import json
import os
import shlex
import subprocess
import sys

# Cases whose ratio is taken against boost_serialize (they write text from an object or value).
WRITES = {"drx_write", "drx_csv", "boost_serialize", "boost_value_from"}
READ_BASELINE = "boost_parse"
WRITE_BASELINE = "boost_serialize"

# The order of the rows: bench_compare's registration order (a run with
# --benchmark_enable_random_interleaving reports its cases shuffled); other names follow.
CASE_ORDER = ["drx_read", "drx_check_schema", "drx_check_rules", "drx_check_consistency", "drx_validate",
              "drx_write", "drx_format", "drx_csv", "boost_parse", "boost_parse_monotonic", "boost_null_parser",
              "boost_parse_serialize", "boost_serialize", "boost_value_to", "boost_value_from", "simdjson_dom",
              "simdjson_ondemand", "rapidjson_parse", "rapidjson_schema", "rapidjson_parse_schema"]
INPUT_KINDS = ["xemp", "shap", "page", "insights"]


def case_key(case):
    return (CASE_ORDER.index(case), "") if case in CASE_ORDER else (len(CASE_ORDER), case)


def input_key(name):
    """xemp_1k, xemp_10k, xemp_100k, shap_..., page_..., insights_...: by kind, then size."""
    kind, _, size = name.partition("_")
    digits = "".join(ch for ch in size if ch.isdigit())
    scale = 1000 if size.endswith("k") else 1
    rank = INPUT_KINDS.index(kind) if kind in INPUT_KINDS else len(INPUT_KINDS)
    return (rank, kind, int(digits) * scale if digits else 0, name)


TO_SECONDS = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}


def fmt_time(seconds):
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds / 1e-9:.3g} ns"


def fmt_rate(per_second):
    for suffix, scale in (("G", 1e9), ("M", 1e6), ("k", 1e3)):
        if per_second >= scale:
            return f"{per_second / scale:.3g} {suffix}"
    return f"{per_second:.3g}"


def fmt_int(x):
    return f"{x:,.0f}" if x >= 100 else f"{x:.3g}"


def machine():
    """(label, value) pairs describing this machine."""
    out = []
    model = None
    try:
        text = subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout
        fields = {}
        for line in text.splitlines():
            if ":" in line:
                k, v = line.split(":", 1)
                fields[k.strip()] = v.strip()
        model = fields.get("Model name")
        for k in ("Architecture", "Thread(s) per core", "Core(s) per socket", "Socket(s)", "L2 cache", "L3 cache",
                  "Hypervisor vendor"):
            if k in fields:
                out.append((k, fields[k]))
    except (OSError, subprocess.CalledProcessError):
        pass
    if model is None:
        try:
            with open("/proc/cpuinfo", encoding="utf-8") as f:
                for line in f:
                    if line.startswith("model name"):
                        model = line.split(":", 1)[1].strip()
                        break
        except OSError:
            pass
    out.insert(0, ("CPU", model or "unknown"))
    out.insert(1, ("nproc", str(os.cpu_count() or "unknown")))
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    kib = int(line.split()[1])
                    out.insert(2, ("memory", f"{kib / 1024 / 1024:.1f} GiB"))
                    break
    except (OSError, ValueError):
        pass
    return out


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def medians(doc):
    """{(case, input): record} of the median aggregates (the errors as records too), the same
    of the cv aggregates, and the cases and inputs in table order."""
    cases, inputs = [], []
    rows = {}
    cvs = {}
    for b in doc.get("benchmarks", []):
        run_name = b.get("run_name", b.get("name", ""))
        if "/" not in run_name:
            continue
        case, inp = run_name.split("/", 1)
        if case not in cases:
            cases.append(case)
        if inp not in inputs:
            inputs.append(inp)
        if b.get("error_occurred"):
            rows[(case, inp)] = {"error": b.get("error_message", "error")}
        elif b.get("run_type") == "aggregate" and b.get("aggregate_name") == "median":
            rows[(case, inp)] = b
        elif b.get("run_type") == "aggregate" and b.get("aggregate_name") == "cv":
            cvs[(case, inp)] = b
        elif b.get("run_type") == "iteration" and (case, inp) not in rows:
            rows[(case, inp)] = b  # a run without repetitions: its only measurement
    return rows, cvs, sorted(cases, key=case_key), sorted(inputs, key=input_key)


def cpu_seconds(b):
    return b["cpu_time"] * TO_SECONDS[b.get("time_unit", "ns")]


def table(doc, command):
    rows, cvs, cases, inputs = medians(doc)
    lines = ["| case | input | median CPU time | MB/s | rows/s | CV | speed × baseline |",
             "|---|---|---:|---:|---:|---:|---:|"]
    for inp in inputs:
        for case in cases:
            b = rows.get((case, inp))
            if b is None:
                continue
            if "error" in b:
                lines.append(f"| {case} | {inp} | error: {b['error']} | | | | |")
                continue
            t = cpu_seconds(b)
            mbs = fmt_int(b["bytes_per_second"] / 1e6) if "bytes_per_second" in b else ""
            rps = fmt_rate(b["rows"]) if "rows" in b else ""
            cv = ""
            c = cvs.get((case, inp))
            if c is not None:
                cv = f"{100 * c['cpu_time']:.1f}%"  # the cv aggregate holds the ratio itself
            base_case = WRITE_BASELINE if case in WRITES else READ_BASELINE
            base = rows.get((base_case, inp))
            ratio = ""
            if base is not None and "error" not in base and cpu_seconds(base) > 0:
                ratio = f"{cpu_seconds(base) / t:.2f}" if t > 0 else ""
                if case == base_case:
                    ratio = "1 (baseline)"
                elif case in WRITES:
                    ratio += " (vs serialize)"
            lines.append(f"| {case} | {inp} | {fmt_time(t)} | {mbs} | {rps} | {cv} | {ratio} |")

    ctx = doc.get("context", {})
    out = ["\n".join(lines), ""]
    out.append("Machine: " + "; ".join(f"{k} {v}" for k, v in machine()) + ".")
    details = []
    if "date" in ctx:
        details.append(f"run {ctx['date']}")
    if "load_avg" in ctx:
        details.append("load average at the start " + ", ".join(f"{x:.2f}" for x in ctx["load_avg"]))
    if "library_build_type" in ctx:
        details.append(f"Google Benchmark library built as {ctx['library_build_type']}")
    reps = {b.get("repetitions") for b in doc.get("benchmarks", []) if "repetitions" in b}
    if reps:
        details.append("repetitions " + ", ".join(str(r) for r in sorted(reps)))
    if details:
        out.append("Run: " + "; ".join(details) + ".")
    if command:
        out.append("")
        out.append("```sh")
        out.append(command)
        out.append("```")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("results", nargs="?", help="the JSON results of a run")
    ap.add_argument("--command", default="", help="the command that made RESULTS.json, printed under the table")
    ap.add_argument("--out", default="bench_compare.json", help="with --run: where the JSON results go")
    ap.add_argument("--run", nargs=argparse.REMAINDER, metavar="BINARY ARGS",
                    help="run BINARY with ARGS (everything after --run), then print its table")
    a = ap.parse_args()
    if a.run:
        if a.results:
            ap.error("give RESULTS.json or --run BINARY [ARGS...], not both")
        cmd = a.run + [f"--benchmark_out={a.out}", "--benchmark_out_format=json"]
        rc = subprocess.run(cmd, stdout=sys.stderr).returncode
        if rc != 0:
            print(f"bench_table.py: {shlex.join(cmd)} exited with {rc}", file=sys.stderr)
            return rc
        print(table(load(a.out), shlex.join(cmd)))
        return 0
    if not a.results:
        ap.error("give RESULTS.json, or --run BINARY [ARGS...]")
    print(table(load(a.results), a.command))
    return 0


if __name__ == "__main__":
    sys.exit(main())
