// SPDX-License-Identifier: BSL-1.0
// Clustering objects (issue 3): every schema reads and writes exactly.
//
// The payloads in tests/data/clustering/ were written by hand from the shapes of
// docs/reference/objects.md (Clustering fixtures, items 1-8: key orders, value kinds, the
// all_rows_missing variant, the duplicate category level, featureImpact 13.7, the integer percent
// 32). The oracle for the written text is CPython: json.dumps(json.loads(text)) in the compact,
// default and indent=2 layouts, with ensure_ascii on and off (docs/reference/exact-json.md). Where
// python3 is not available the differential cases say so (MESSAGE) and check nothing else; the
// structural cases below them do not need python3.
#include <doctest/doctest.h>

#include "support/test_support.hpp"

#include <drx/api/clustering_ops.hpp>
#include <drx/catalogue.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string_view>
#include <algorithm>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

fs::path source_dir() {
    if (char const* e = std::getenv("DRX_SOURCE_DIR"); e && *e) return fs::path(e);
    return fs::path(__FILE__).parent_path().parent_path();
}

fs::path data_path(std::string const& name) { return source_dir() / "tests" / "data" / "clustering" / name; }

std::string slurp(fs::path const& p) {
    std::ifstream f(p, std::ios::binary);
    REQUIRE_MESSAGE(f.good(), "cannot open " << p.string());
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
}

using drx_test::python3_available;
using drx_test::temp_dir;

/// The payload files and the schema each one is read with.
struct payload {
    char const* file;
    char const* schema;
};
payload const payloads[] = {
    {"cluster.json", "cluster"},
    {"cluster-name-only.json", "cluster"},
    {"cluster-list.json", "cluster-list"},
    {"cluster-list-names-only.json", "cluster-list"},
    {"cluster-list-seed001.json", "cluster-list"},
    {"cluster-name-mappings.json", "cluster-name-mappings"},
    {"insight-numeric.json", "cluster-insight"},
    {"insight-numeric-all-rows-missing.json", "cluster-insight"},
    {"insight-categorical.json", "cluster-insight"},
    {"insight-text.json", "cluster-insight"},
    {"insight-image.json", "cluster-insight"},
    {"insight-geospatial.json", "cluster-insight"},
    {"cluster-insights-page.json", "cluster-insights-page"},
    {"clustering-model.json", "clustering-model"},
    {"clustering-model-has-empty-clusters.json", "clustering-model"},
    {"unsupervised-project-options.json", "unsupervised-project-options"},
};

/// The layouts compared with CPython: file suffix, python keyword arguments, drx options.
struct layout_case {
    char const* suffix;
    char const* python_kwargs;
    drx::write_options options;
};
std::vector<layout_case> layouts() {
    drx::write_options utf8;
    utf8.ensure_ascii = false;
    return {
        {"compact", "separators=(',', ':')", drx::write_options::compact()},
        {"python", "", drx::write_options::python()},
        {"indent2", "indent=2", drx::write_options::indented(2)},
        {"utf8", "separators=(',', ':'), ensure_ascii=False", utf8},
    };
}

/// Runs CPython over every payload and layout; returns false if python3 failed.
bool run_python(fs::path const& out_dir) {
    std::string script = "import json, sys\nsrc, dst = sys.argv[1], sys.argv[2]\n";
    script += "files = [";
    for (auto const& p : payloads) script += "'" + std::string(p.file) + "', ";
    script += "]\nfor f in files:\n    obj = json.loads(open(src + '/' + f, encoding='utf-8').read())\n";
    for (auto const& l : layouts())
        script += "    open(dst + '/' + f + '." + std::string(l.suffix) +
                  "', 'w', encoding='utf-8', newline='').write(json.dumps(obj" +
                  (std::string(l.python_kwargs).empty() ? "" : ", " + std::string(l.python_kwargs)) + "))\n";
    fs::path sp = out_dir / "oracle.py";
    std::ofstream(sp) << script;
    std::string cmd = "python3 \"" + sp.string() + "\" \"" + data_path("").string() + "\" \"" + out_dir.string() + "\"";
    return std::system(cmd.c_str()) == 0;
}

/// The clustering family's catalogue entries (the full catalogue is drx/schemas.hpp; the CLI
/// test checks that these names are listed by `drx schemas`).
std::vector<drx::schema_entry> const& clustering_entries() {
    static auto const entries = drx::make_catalogue<drx::clustering_schemas>();
    return entries;
}

drx::schema_entry const* find_schema(std::string_view name) {
    for (auto const& e : clustering_entries())
        if (e.name == name) return &e;
    return nullptr;
}

drx::schema_run run(char const* schema, std::string const& text, drx::write_options const& wo) {
    auto const* e = find_schema(schema);
    REQUIRE(e != nullptr);
    drx::check_options co;
    co.level = drx::level::rules;
    return e->run(text, drx::read_options{}, co, &wo);
}

}  // namespace

TEST_CASE("the clustering family declares its stable schema names, in catalogue order") {
    std::vector<std::string> names;
    for (auto const& e : clustering_entries()) names.emplace_back(e.name);
    CHECK(names == std::vector<std::string>{"cluster", "cluster-list", "cluster-name-mappings", "cluster-insight",
                                            "cluster-insights-page", "clustering-model",
                                            "unsupervised-project-options"});
}

TEST_CASE("every clustering payload is written exactly as CPython's json.dumps writes it") {
    if (!python3_available()) {
        MESSAGE("SKIPPED: python3 not found; the CPython differential round trips were not run");
        return;
    }
    temp_dir tmp;
    REQUIRE(run_python(tmp.path));
    int compared = 0;
    for (auto const& p : payloads) {
        std::string text = slurp(data_path(p.file));
        for (auto const& l : layouts()) {
            CAPTURE(p.file);
            CAPTURE(l.suffix);
            drx::schema_run r = run(p.schema, text, l.options);
            for (auto const& d : r.diagnostics)
                if (d.severity == drx::severity::error) FAIL_CHECK(drx::to_line(d));
            REQUIRE(r.output.has_value());
            std::string expected = slurp(tmp.path / (std::string(p.file) + "." + l.suffix));
            CHECK(*r.output == expected);
            ++compared;
        }
    }
    CHECK(compared == static_cast<int>(std::size(payloads) * layouts().size()));
}

TEST_CASE("writing what was read and reading it again gives the same object") {
    for (auto const& p : payloads) {
        CAPTURE(p.file);
        std::string text = slurp(data_path(p.file));
        drx::schema_run first = run(p.schema, text, drx::write_options::compact());
        REQUIRE(first.output.has_value());
        drx::schema_run second = run(p.schema, *first.output, drx::write_options::compact());
        REQUIRE(second.output.has_value());
        CHECK(*second.output == *first.output);
    }
}

TEST_CASE("cluster: name and percent keep absent, null, int and float apart") {
    auto a = drx::parse<drx::cluster>(R"({"name": "Cluster 1"})");
    CHECK(a.name == "Cluster 1");
    CHECK_FALSE(a.percent.has_value());
    CHECK(drx::to_json(a) == R"({"name":"Cluster 1"})");

    auto n = drx::parse<drx::cluster>(R"({"name": "Cluster 1", "percent": null})");
    REQUIRE(n.percent.has_value());
    CHECK(n.percent->is_null());
    CHECK(drx::to_json(n) == R"({"name":"Cluster 1","percent":null})");

    auto i = drx::parse<drx::cluster>(R"({"name": "Cluster 4", "percent": 32})");
    REQUIRE(i.percent.has_value());
    CHECK((**i.percent).is_integer());
    CHECK(drx::to_json(i) == R"({"name":"Cluster 4","percent":32})");

    auto f = drx::parse<drx::cluster>(R"({"name": "Cluster 4", "percent": 32.0})");
    CHECK((**f.percent).is_float());
    CHECK(drx::to_json(f) == R"({"name":"Cluster 4","percent":32.0})");
}

TEST_CASE("cluster-list: the clusters_data fixture (floats and the integer 32)") {
    auto l = drx::parse<drx::cluster_list>(slurp(data_path("cluster-list.json")));
    CHECK(l.project_id == "5f0c2d5a4a7ab1a6b4d7a1e1");
    CHECK(l.model_id == "5f0c2e8f4a7ab1a6b4d7a1f2");
    REQUIRE(l.clusters.size() == 4);
    CHECK((**l.clusters[0].percent).value() == doctest::Approx(12.1));
    CHECK((**l.clusters[3].percent).is_integer());
    CHECK(drx::to_json(l) ==
          R"({"projectId":"5f0c2d5a4a7ab1a6b4d7a1e1","modelId":"5f0c2e8f4a7ab1a6b4d7a1f2","clusters":[)"
          R"({"name":"Cluster 1","percent":12.1},{"name":"Cluster 2","percent":22.2},)"
          R"({"name":"Cluster 3","percent":33.7},{"name":"Cluster 4","percent":32}]})");
}

TEST_CASE("cluster-insight: each featureType reads as its own shape") {
    struct expect {
        char const* file;
        std::size_t index;
        std::size_t items;
    };
    for (auto const& e : {expect{"insight-numeric.json", 0, 7}, expect{"insight-numeric-all-rows-missing.json", 0, 7},
                          expect{"insight-categorical.json", 1, 1}, expect{"insight-text.json", 2, 1},
                          expect{"insight-image.json", 3, 1}, expect{"insight-geospatial.json", 4, 1}}) {
        CAPTURE(e.file);
        auto r = drx::validate<drx::cluster_insight>(slurp(data_path(e.file)));
        REQUIRE(r.unchecked() != nullptr);
        auto const& ci = *r.unchecked();
        REQUIRE(ci.insights.size() == e.items);
        for (auto const& item : ci.insights) CHECK(item.index() == e.index);
        CHECK(drx::cluster_insight_shape(ci.insights[0]) == drx::cluster_feature_types[e.index]);
    }
}

TEST_CASE("cluster-insight: numeric statistics in item order, all_rows_missing nulls") {
    auto ci = drx::parse<drx::cluster_insight>(slurp(data_path("insight-numeric.json")));
    std::vector<std::string> names;
    for (auto const& it : ci.insights) names.push_back(std::get<drx::numeric_insight>(it).insight_name);
    CHECK(names == std::vector<std::string>{"avg", "firstQuartile", "max", "median", "min", "missingRowsPercent",
                                            "thirdQuartile"});
    auto const& avg = std::get<drx::numeric_insight>(ci.insights[0]);
    CHECK(avg.per_cluster[1].cluster_name == "Cluster Y");
    CHECK((**avg.per_cluster[0].statistic).value() == 6130400000000.0);

    auto miss = drx::parse<drx::cluster_insight>(slurp(data_path("insight-numeric-all-rows-missing.json")));
    REQUIRE(miss.feature_impact.has_value());
    CHECK(miss.feature_impact->is_null());
    for (auto const& it : miss.insights) {
        auto const& n = std::get<drx::numeric_insight>(it);
        bool is_missing = n.insight_name == "missingRowsPercent";
        REQUIRE(n.all_data.has_value());
        CHECK(n.all_data->has_value() == is_missing);
        for (auto const& c : n.per_cluster) CHECK(c.statistic->has_value() == is_missing);
    }
    std::string w = drx::to_json(miss);
    CHECK(w.find(R"({"allData":100.0,"perCluster":[{"statistic":100.0,"clusterName":"Cluster 1"})") != std::string::npos);
    CHECK(w.find(R"({"allData":null,"perCluster":[{"statistic":null,"clusterName":"Cluster 1"})") != std::string::npos);
    CHECK(w.ends_with(R"(}],"featureImpact":null})"));
}

TEST_CASE("cluster-insight: categorical and text order allData keys differently, and keep both") {
    auto cat = drx::parse<drx::cluster_insight>(slurp(data_path("insight-categorical.json")));
    auto const& c = std::get<drx::categorical_insight>(cat.insights[0]);
    REQUIRE(c.all_data.per_value_statistics.size() == 3);
    CHECK(c.all_data.per_value_statistics[0].category_level == "www.xyz.com");
    CHECK(c.all_data.per_value_statistics[2].category_level == "www.xyz.com");  // duplicate levels kept
    std::string cw = drx::to_json(cat);
    CHECK(cw.find(R"({"categoryLevel":"www.xyz.com","frequency":20.0}],"allOther":9.25,"missingRowsPercent":0.0})") !=
          std::string::npos);

    auto txt = drx::parse<drx::cluster_insight>(slurp(data_path("insight-text.json")));
    std::string tw = drx::to_json(txt);
    CHECK(tw.find(R"("allData":{"perValueStatistics":[{"ngram":"xyz","importance":1.0,"contextualExtracts":)") !=
          std::string::npos);
    CHECK(tw.find(R"("contextualExtracts":[]}],"missingRowsPercent":0.0},"perCluster")") != std::string::npos);
    CHECK(tw.find(R"(\u00efve xyz \ud83d\ude00)") != std::string::npos);
}

TEST_CASE("cluster-insight: geospatial has no allData and keeps duplicate locations") {
    auto g = drx::parse<drx::cluster_insight>(slurp(data_path("insight-geospatial.json")));
    auto const& geo = std::get<drx::geospatial_insight>(g.insights[0]);
    REQUIRE(geo.per_cluster[0].representative_locations.size() == 3);
    CHECK(geo.per_cluster[0].representative_locations[0] == geo.per_cluster[0].representative_locations[1]);
    CHECK((**g.feature_impact).value() == 13.7);
    std::string w = drx::to_json(g);
    CHECK(w.find("allData") == std::string::npos);
    CHECK(w.find(R"([[-122.4194,37.7749],[-122.4194,37.7749],[-118.2437,34.0522]])") != std::string::npos);
}

TEST_CASE("cluster-insights-page: envelope key order and next/previous wire names") {
    auto p = drx::parse<drx::cluster_insights_page>(slurp(data_path("cluster-insights-page.json")));
    CHECK(p.count == 5);
    CHECK(p.total_count == 5);
    CHECK(p.version == 6);
    CHECK(p.next_page.is_null());
    CHECK(p.previous_page.is_null());
    REQUIRE(p.data.size() == 5);
    std::string w = drx::to_json(p);
    CHECK(w.rfind(R"({"count":5,"next":null,"previous":null,"data":[{"featureName":"some_numeric_feature")", 0) == 0);
    CHECK(w.ends_with(R"(}],"totalCount":5,"version":6})"));
    p.next_page = "https://app.datarobot.com/api/v2/projects/p/models/m/clusterInsights/?offset=5&limit=5";
    CHECK(drx::to_json(p).find(R"("next":"https://app.datarobot.com/api/v2/projects/p/models/m/clusterInsights/?offset=5&limit=5")") !=
          std::string::npos);
}

TEST_CASE("clustering-model: the fixture record clustering_model_data") {
    auto m = drx::parse<drx::clustering_model>(slurp(data_path("clustering-model.json")));
    CHECK(m.n_clusters == 7);
    CHECK_FALSE(m.is_n_clusters_dynamically_determined);
    CHECK_FALSE(m.has_empty_clusters.has_value());
    CHECK(m.featurelist_name == "Informative Features");
    CHECK(m.model_type == "K-Means Clustering");
    CHECK(m.processes.size() == 8);
    CHECK(m.training_row_count.has_value());
    CHECK(*m.training_row_count == 3110);
    auto const* s = m.metrics.find(drx::silhouette_score);
    REQUIRE(s != nullptr);
    CHECK(s->validation.has_value());
    CHECK(s->cross_validation.is_null());
    CHECK(s->backtesting_scores.is_null());
    std::string w = drx::to_json(m);
    CHECK(w.find(R"("metrics":{"Silhouette Score":{"validation":0.25483,"crossValidation":null,"holdout":null,)"
                 R"("training":0.26187,"backtestingScores":null,"backtesting":null}})") != std::string::npos);
    CHECK(w.find("hasEmptyClusters") == std::string::npos);

    auto e = drx::parse<drx::clustering_model>(slurp(data_path("clustering-model-has-empty-clusters.json")));
    REQUIRE(e.has_empty_clusters.has_value());
    CHECK(*e.has_empty_clusters);
    CHECK(drx::to_json(e).find(R"("featurelistName":"Informative Features","hasEmptyClusters":true,"id":)") !=
          std::string::npos);
}

TEST_CASE("clustering-model: a record missing a fixture member is schema.required") {
    std::string text = slurp(data_path("clustering-model.json"));
    auto pos = text.find("  \"nClusters\": 7,\n");
    REQUIRE(pos != std::string::npos);
    text.erase(pos, std::string("  \"nClusters\": 7,\n").size());
    auto r = drx::read<drx::clustering_model>(text);
    CHECK_FALSE(r.ok());
    REQUIRE(r.diagnostics().size() == 1);
    CHECK(r.diagnostics()[0].pointer == "/nClusters");
    CHECK(r.diagnostics()[0].rule == "schema.required");
}

TEST_CASE("unsupervised-project-options: the aim body of seed 001's second example") {
    auto o = drx::parse<drx::unsupervised_project_options>(slurp(data_path("unsupervised-project-options.json")));
    REQUIRE(o.mode.has_value());
    CHECK(*o.mode == drx::autopilot_mode::comprehensive);
    auto const* v = drx::autopilot_cluster_values(o);
    REQUIRE(v != nullptr);
    CHECK(*v == std::vector<std::int64_t>{7, 9, 11, 15, 19});
    CHECK(drx::to_json(o) ==
          R"({"mode":"comprehensive","unsupervisedMode":true,"unsupervisedType":"clustering","autopilotClusterList":[7,9,11,15,19]})");

    // Built in C++, as analyze_and_model(unsupervised_mode=True, mode=COMPREHENSIVE,
    // unsupervised_type=CLUSTERING) sends it (no target, no cluster list).
    drx::unsupervised_project_options b;
    b.mode = drx::autopilot_mode::comprehensive;
    b.unsupervised_mode = true;
    b.unsupervised_type = drx::unsupervised_type_enum::clustering;
    CHECK(drx::to_json(b) == R"({"mode":"comprehensive","unsupervisedMode":true,"unsupervisedType":"clustering"})");
    CHECK(drx::check(b).ok());
    b.autopilot_cluster_list = std::vector<std::int64_t>{7, 9};
    CHECK(drx::to_json(b).find(R"("autopilotClusterList":[7,9])") != std::string::npos);

    drx::unsupervised_project_options a;
    a.mode = drx::autopilot_mode::full_auto;
    CHECK(drx::to_json(a) == R"({"mode":"auto"})");
}

TEST_CASE("unsupervised-project-options: historic autopilot modes are not accepted") {
    auto semi = drx::read<drx::unsupervised_project_options>(R"({"mode": "semi"})");
    REQUIRE(semi.diagnostics().size() == 1);
    CHECK(semi.diagnostics()[0].pointer == "/mode");
    CHECK(semi.diagnostics()[0].rule == "schema.enum");
    auto numeric = drx::read<drx::unsupervised_project_options>(R"({"mode": 2})");
    REQUIRE(numeric.diagnostics().size() == 1);
    CHECK(numeric.diagnostics()[0].pointer == "/mode");
    CHECK(numeric.diagnostics()[0].rule == "schema.type");
    for (char const* ok : {"auto", "manual", "quick", "comprehensive"}) {
        CAPTURE(ok);
        CHECK(drx::read<drx::unsupervised_project_options>(std::string(R"({"mode": ")") + ok + "\"}").ok());
    }
}
