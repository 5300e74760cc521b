// SPDX-License-Identifier: BSL-1.0
// Growth of the cost with the input size, for code paths that scan a list once per item (a
// linear scan inside a loop makes them quadratic). Each case runs at three sizes N, 2N, 4N and
// asks Google Benchmark for the fitted complexity (the "_BigO" and "_RMS" rows): a quadratic
// path takes about 4x per step and fits N^2; a linear one 2x and fits N (or NlgN).
//   1. object_map: reading {N distinct keys} into drx::object_map<drx::scalar>
//      (read_object_map_distinct); the same N keys each given twice, read with
//      duplicate_keys::last_wins, where each duplicate calls object_map::find()
//      (read_object_map_duplicates_last_wins); object_map::set() of N distinct keys, where each
//      set() calls find() (object_map_set_distinct). N = 10k, 20k, 40k.
//   2. clustering.cluster_list.unique: check() at level rules of unsupervised_project_options
//      whose autopilotClusterList holds N - 1 distinct values and the first one again
//      (check_cluster_list_unique). Values past 100 also break clustering.cluster_list.range
//      and .size; only the cost matters, and check()'s diagnostics cap is lifted so that the
//      unique rule runs at all. N = 20k, 40k, 80k.
//   3. rename.*: check_cluster_rename() of N valid mappings against N cluster names
//      (rename.current.unique, rename.new.unique, rename.current.exists, rename.collision), as
//      renames to new names (check_cluster_rename/new_names) and as a rotation, every cluster
//      taking the next one's name (check_cluster_rename/rotation: the collision rule's "is that
//      cluster renamed too" path); apply_cluster_rename() of a cluster_list of N clusters
//      (apply_cluster_rename). N = 5k, 10k, 20k.
//   4. response.passthrough: check() of a 10-row deployment_xemp_response whose rows echo C
//      passthroughValues, against a deployment_predictions_query asking for those C columns in
//      the request given to check() (check_passthrough). C = 10k, 20k, 40k (every size past the caches, so
//      that memory effects do not bend the curve; quadratic code took 1.4 s at 10k).
//   5. Diagnostics volume: check() at level rules of an explanations_mode with N identical
//      classNames (mode.class_names.unique, already n log n), with the default options
//      (check_mode_duplicate_class_names/default_options: the library's cap of 100)
//      and with the cap lifted (/uncapped). N = 10k, 20k, 40k.
// Inputs are built outside the timed loops. Counters: "diagnostics" is the number produced per
// run (kept plus dropped past a cap, except in case 5, which counts the dropped in "omitted").
// A run whose input does not do what the case means (a read that fails, a skipped rule, a
// rename not applied) is reported as an error instead of a time.
// Run (Release build): build/bench/bench_growth --benchmark_min_time=0.1
//   one case: add --benchmark_filter=rename (or read_object_map, object_map_set,
//   check_cluster_list_unique, check_passthrough, check_mode_duplicate_class_names).
#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include <drx/api/clustering_ops.hpp>
#include <drx/api/deployment.hpp>
#include <drx/api/prediction_explanations.hpp>
#include <drx/check.hpp>
#include <drx/context.hpp>
#include <drx/object_map.hpp>
#include <drx/read.hpp>
#include <drx/scalar.hpp>

namespace {

/// prefix + i in 6 digits ("col000042"): names of one width, so that every comparison of two
/// of them compares their bytes (with "Cluster 9" and "Cluster 10", the cost of a comparison
/// would change with N).
std::string padded_name(char const* prefix, std::size_t i) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%s%06zu", prefix, i);
    return buf;
}

std::string column_name(std::size_t i) { return padded_name("col", i); }

std::vector<std::string> column_names(std::size_t n) {
    std::vector<std::string> v;
    v.reserve(n);
    for (std::size_t i = 0; i < n; ++i) v.push_back(column_name(i));
    return v;
}

/// {"col000000":0,"col000001":1,...}; with `twice`, every key comes again after the first N.
std::string object_text(std::size_t n, bool twice) {
    std::string s = "{";
    for (int pass = 0; pass < (twice ? 2 : 1); ++pass)
        for (std::size_t i = 0; i < n; ++i) {
            if (s.size() > 1) s += ',';
            s += '"' + column_name(i) + "\":" + std::to_string(i);
        }
    s += '}';
    return s;
}

std::size_t size_arg(benchmark::State const& st) { return static_cast<std::size_t>(st.range(0)); }

void set_diagnostics(benchmark::State& st, std::size_t n) { st.counters["diagnostics"] = static_cast<double>(n); }

/// The three sizes of a growth case, N, 2N and 4N, in milliseconds, with the fitted complexity.
template <std::int64_t N>
void sizes(benchmark::internal::Benchmark* b) {
    b->Arg(N)->Arg(2 * N)->Arg(4 * N)->Unit(benchmark::kMillisecond)->Complexity();
}

/// Lifts check()'s diagnostics cap (check_options::max_diagnostics), so that a rule's whole
/// loop runs even after earlier rules reported many errors.
drx::check_options uncapped(drx::check_options o) {
    o.max_diagnostics = static_cast<std::size_t>(-1);
    return o;
}

/// The diagnostics a check dropped past its cap.
std::size_t omitted_of(drx::check_report const& rep) { return rep.omitted; }

/// Marks the run as failed when the input did not do what the case means to measure.
void expect(benchmark::State& st, bool good, char const* what) {
    if (!good) st.SkipWithError(what);
}

// ---- 1. object_map ----------------------------------------------------------------------------

void read_object_map_distinct(benchmark::State& st) {
    std::string const text = object_text(size_arg(st), false);
    std::size_t diags = 0;
    bool good = false;
    for (auto _ : st) {
        auto r = drx::read<drx::object_map<drx::scalar>>(text);
        diags = r.diagnostics().size() + r.omitted();
        good = r.ok() && r.unchecked()->size() == size_arg(st);
        benchmark::DoNotOptimize(r);
    }
    expect(st, good, "the object did not read as N keys");
    set_diagnostics(st, diags);
    st.SetComplexityN(st.range(0));
}
BENCHMARK(read_object_map_distinct)->Apply(sizes<10000>);

void read_object_map_duplicates_last_wins(benchmark::State& st) {
    std::string const text = object_text(size_arg(st), true);
    drx::read_options const opt{.duplicate_keys = drx::duplicate_keys::last_wins};
    std::size_t diags = 0;
    bool good = false;
    for (auto _ : st) {
        auto r = drx::read<drx::object_map<drx::scalar>>(text, opt);
        diags = r.diagnostics().size() + r.omitted();  // N warnings, 100 of them kept
        good = r.ok() && r.unchecked()->size() == size_arg(st);
        benchmark::DoNotOptimize(r);
    }
    expect(st, good, "the object did not read as N keys");
    set_diagnostics(st, diags);
    st.SetComplexityN(st.range(0));
}
BENCHMARK(read_object_map_duplicates_last_wins)->Apply(sizes<10000>);

void object_map_set_distinct(benchmark::State& st) {
    std::vector<std::string> const keys = column_names(size_arg(st));
    bool good = false;
    for (auto _ : st) {
        drx::object_map<drx::scalar> m;
        for (std::size_t i = 0; i < keys.size(); ++i) m.set(keys[i], drx::scalar(static_cast<std::int64_t>(i)));
        good = m.size() == keys.size();
        benchmark::DoNotOptimize(m);
    }
    expect(st, good, "the map does not hold N keys");
    st.SetComplexityN(st.range(0));
}
BENCHMARK(object_map_set_distinct)->Apply(sizes<10000>);

// ---- 2. clustering.cluster_list.unique --------------------------------------------------------

void check_cluster_list_unique(benchmark::State& st) {
    drx::unsupervised_project_options o;
    o.unsupervised_mode = true;
    o.unsupervised_type = drx::unsupervised_type_enum::clustering;
    std::vector<std::int64_t> v;
    // N - 1 distinct values, then the first one again: the rule compares every pair and reports
    // that last value once, which shows that it ran over the whole list.
    for (std::size_t i = 0; i + 1 < size_arg(st); ++i) v.push_back(static_cast<std::int64_t>(i) + 2);
    v.push_back(2);
    o.autopilot_cluster_list = std::move(v);
    // Distinct values past 100 each break clustering.cluster_list.range: without the cap lifted,
    // check() would stop at the cap before clustering.cluster_list.unique runs.
    drx::check_options const opt = uncapped(drx::check_options{.level = drx::level::rules});
    std::size_t diags = 0;
    bool good = false;
    for (auto _ : st) {
        auto rep = drx::check(o, opt);
        diags = rep.diagnostics.size() + omitted_of(rep);
        good = !rep.diagnostics.empty() && rep.diagnostics.back().rule == "clustering.cluster_list.unique";
        benchmark::DoNotOptimize(rep);
    }
    expect(st, good, "clustering.cluster_list.unique did not report the repeated last value");
    set_diagnostics(st, diags);
    st.SetComplexityN(st.range(0));
}
BENCHMARK(check_cluster_list_unique)->Apply(sizes<20000>);

// ---- 3. rename.* -------------------------------------------------------------------------------

/// "Cluster 000001" ... "Cluster N" (fixed width, see padded_name).
std::vector<std::string> cluster_names(std::size_t n) {
    std::vector<std::string> v;
    v.reserve(n);
    for (std::size_t i = 0; i < n; ++i) v.push_back(padded_name("Cluster ", i + 1));
    return v;
}

/// Cluster i to "Renamed i" (rotate: Cluster i to Cluster i+1, the last to Cluster 1): valid.
drx::cluster_rename_request rename_request(std::vector<std::string> const& names, bool rotate) {
    std::vector<std::pair<std::string, std::string>> pairs;
    pairs.reserve(names.size());
    for (std::size_t i = 0; i < names.size(); ++i)
        pairs.emplace_back(names[i], rotate ? names[(i + 1) % names.size()] : padded_name("Renamed ", i + 1));
    return drx::make_cluster_rename_request(pairs);
}

void check_cluster_rename(benchmark::State& st, bool rotate) {
    std::vector<std::string> const names = cluster_names(size_arg(st));
    drx::cluster_rename_request const req = rename_request(names, rotate);
    std::size_t diags = 0, skipped = 0;
    for (auto _ : st) {
        auto rep = drx::check_cluster_rename(req, names);
        diags = rep.diagnostics.size();
        skipped = rep.skipped.size();
        benchmark::DoNotOptimize(rep);
    }
    expect(st, diags == 0 && skipped == 0, "the rename request is not valid, or rules were skipped");
    set_diagnostics(st, diags);
    st.SetComplexityN(st.range(0));
}
BENCHMARK_CAPTURE(check_cluster_rename, new_names, false)->Apply(sizes<5000>);
BENCHMARK_CAPTURE(check_cluster_rename, rotation, true)->Apply(sizes<5000>);

void apply_cluster_rename(benchmark::State& st) {
    std::vector<std::string> const names = cluster_names(size_arg(st));
    drx::cluster_list list;
    list.project_id = "5f3b0a1e2c4d6e8f9a0b1c2d";
    list.model_id = "5f3b0a1e2c4d6e8f9a0b1c2e";
    drx::number const percent(100.0 / static_cast<double>(names.size()));
    for (auto const& n : names) list.clusters.push_back({n, drx::nullable<drx::number>(percent)});
    drx::cluster_rename_request const req = rename_request(names, false);
    std::size_t diags = 0;
    bool good = false;
    for (auto _ : st) {
        auto r = drx::apply_cluster_rename(list, req);
        diags = r.diagnostics().size();
        good = r.ok() && r.unchecked()->clusters.back().name == req.cluster_name_mappings.back().new_name;
        benchmark::DoNotOptimize(r);
    }
    expect(st, good, "the rename was not applied");
    set_diagnostics(st, diags);
    st.SetComplexityN(st.range(0));
}
BENCHMARK(apply_cluster_rename)->Apply(sizes<5000>);

// ---- 4. response.passthrough -------------------------------------------------------------------

void check_passthrough(benchmark::State& st) {
    std::size_t const columns = size_arg(st);
    std::vector<std::string> const cols = column_names(columns);
    drx::deployment_xemp_response resp;
    for (std::size_t i = 0; i < 10; ++i) {
        drx::deployment_xemp_row row;
        row.prediction_values = {{drx::number(0.75), drx::scalar(1)}, {drx::number(0.25), drx::scalar(0)}};
        row.prediction_threshold = drx::number(0.5);
        row.prediction = drx::scalar(1);
        row.row_id = static_cast<std::int64_t>(i);
        drx::object_map<drx::scalar> pv;
        for (std::size_t c = 0; c < columns; ++c) pv.append(cols[c], drx::scalar(static_cast<std::int64_t>(c)));
        row.passthrough_values = std::move(pv);
        resp.data.push_back(std::move(row));
    }
    drx::deployment_predictions_query q;
    q.passthrough_columns = cols;
    drx::context ctx;
    ctx.model_kind = drx::model_kind::binary;
    drx::check_options const opt{.level = drx::level::consistency, .ctx = &ctx};
    std::size_t diags = 0, skipped = 0;
    for (auto _ : st) {
        auto rep = drx::check(resp, opt, q);
        diags = rep.diagnostics.size();
        skipped = rep.skipped.size();
        benchmark::DoNotOptimize(rep);
    }
    expect(st, diags == 0 && skipped == 0, "the response does not match its request, or rules were skipped");
    set_diagnostics(st, diags);
    st.SetComplexityN(st.range(0));
}
BENCHMARK(check_passthrough)->Apply(sizes<10000>);

// ---- 5. diagnostics volume (unique_items) ------------------------------------------------------

/// N identical classNames: N - 1 mode.class_names.unique errors (and one mode.class_names.size);
/// with the default options check() keeps at most its cap of them, uncapped all of them.
void check_mode_duplicate_class_names(benchmark::State& st, bool lift_cap) {
    drx::explanations_mode m;
    m.class_names = std::vector<std::string>(size_arg(st), "Cluster 1");
    drx::check_options opt{.level = drx::level::rules};
    if (lift_cap) opt = uncapped(opt);
    std::size_t diags = 0, omitted = 0;
    for (auto _ : st) {
        auto rep = drx::check(m, opt);
        diags = rep.diagnostics.size();
        omitted = omitted_of(rep);
        benchmark::DoNotOptimize(rep);
    }
    set_diagnostics(st, diags);
    st.counters["omitted"] = static_cast<double>(omitted);
    st.SetComplexityN(st.range(0));
}
BENCHMARK_CAPTURE(check_mode_duplicate_class_names, default_options, false)->Apply(sizes<10000>);
BENCHMARK_CAPTURE(check_mode_duplicate_class_names, uncapped, true)->Apply(sizes<10000>);

}  // namespace
