// SPDX-License-Identifier: BSL-1.0
// Clustering rules (issue 3; docs/reference/rule-sources.md): every rule at its boundaries (below,
// at, above, wrong type), checking the exact rule id and pointer, and the bad inputs of the issue.
// Expected texts come from docs/reference/rule-sources.md and docs/reference/errors.md ("No current
// cluster with name NAME", "autopilot_cluster_list must be a list of integers").
#include <doctest/doctest.h>

#include <drx/api/clustering_ops.hpp>
#include <drx/catalogue.hpp>

#include <algorithm>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace {

/// A diagnostic as (pointer, rule, severity).
struct found {
    std::string pointer;
    std::string rule;
    drx::severity severity;
    friend bool operator==(found const&, found const&) = default;
};

std::ostream& operator<<(std::ostream& os, found const& f) {
    return os << "{" << f.pointer << " " << f.rule << " " << (f.severity == drx::severity::error ? "error" : "warning")
              << "}";
}

std::ostream& operator<<(std::ostream& os, std::vector<found> const& v) {
    os << "[";
    for (auto const& f : v) os << f;
    return os << "]";
}

template <class T>
drx::result<T> validate(std::string const& json, drx::context const* ctx = nullptr) {
    drx::validate_options o;
    o.check.ctx = ctx;
    return drx::validate<T>(json, o);
}

template <class T>
std::vector<found> diags(std::string const& json, drx::context const* ctx = nullptr) {
    std::vector<found> out;
    auto r = validate<T>(json, ctx);
    for (auto const& d : r.diagnostics()) out.push_back({d.pointer, d.rule, d.severity});
    return out;
}

constexpr auto E = drx::severity::error;
constexpr auto W = drx::severity::warning;
using V = std::vector<found>;

drx::context names_ctx(std::vector<std::string> names) {
    drx::context c;
    c.n_clusters = static_cast<std::int64_t>(names.size());
    c.cluster_names = std::move(names);
    return c;
}

std::string cluster(std::string const& percent) { return R"({"name": "Cluster 1", "percent": )" + percent + "}"; }

std::string cluster_list(std::vector<std::string> const& percents) {
    std::string s = R"({"projectId": "p", "modelId": "m", "clusters": [)";
    for (std::size_t i = 0; i < percents.size(); ++i) {
        if (i) s += ", ";
        s += R"({"name": "Cluster )" + std::to_string(i + 1) + "\"";
        if (!percents[i].empty()) s += ", \"percent\": " + percents[i];
        s += "}";
    }
    return s + "]}";
}

std::string mappings(std::vector<std::pair<std::string, std::string>> const& pairs) {
    std::string s = R"({"clusterNameMappings": [)";
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        if (i) s += ", ";
        s += R"({"currentName": )" + pairs[i].first + R"(, "newName": )" + pairs[i].second + "}";
    }
    return s + "]}";
}

std::string options(std::string const& body) { return "{" + body + "}"; }
std::string clustering_with_list(std::string const& list) {
    return options(R"("mode": "comprehensive", "unsupervisedMode": true, "unsupervisedType": "clustering", )"
                   R"("autopilotClusterList": )" +
                   list);
}

std::string model_with_n(std::string const& n) {
    return R"({"blueprintId": "b", "featurelistId": "f", "featurelistName": "Informative Features", "id": "m",)"
           R"( "isFrozen": false, "isNClustersDynamicallyDetermined": false, "isStarred": false, "linkFunction": null,)"
           R"( "metrics": {}, "modelCategory": "model", "modelFamily": "CLUSTER", "modelNumber": 7,)"
           R"( "modelType": "K-Means Clustering", "monotonicDecreasingFeaturelistId": null,)"
           R"( "monotonicIncreasingFeaturelistId": null, "nClusters": )" +
           n +
           R"(, "parentModelId": null, "predictionThreshold": 0.5, "predictionThresholdReadOnly": false,)"
           R"( "processes": [], "projectId": "p", "samplePct": 89.9885, "supportsComposableMl": false,)"
           R"( "supportsMonotonicConstraints": false, "trainingDuration": null, "trainingEndDate": null,)"
           R"( "trainingRowCount": 3110, "trainingStartDate": null})";
}

// Insight items of each shape, minimal but complete.
std::string const numeric_item = R"({"allData": 1.5, "perCluster": [{"statistic": 2.0, "clusterName": "Cluster 1"}], "insightName": "avg"})";
std::string const categorical_item =
    R"({"allData": {"perValueStatistics": [{"categoryLevel": "a", "frequency": 100.0}], "allOther": 0.0, "missingRowsPercent": 0.0},)"
    R"( "perCluster": [{"perValueStatistics": [], "allOther": 0.0, "missingRowsPercent": 0.0, "clusterName": "Cluster 1"}],)"
    R"( "insightName": "categoryLevelFrequencyPercent"})";
std::string const text_item =
    R"({"allData": {"perValueStatistics": [{"ngram": "x", "importance": 1.0, "contextualExtracts": ["x y"]}], "missingRowsPercent": null},)"
    R"( "perCluster": [{"perValueStatistics": [], "missingRowsPercent": 0.0, "clusterName": "Cluster 1"}], "insightName": "importantNgrams"})";
std::string const image_item =
    R"({"allData": {"imageEntities": ["5f0c30004a7ab1a6b4d7a200"], "percentageOfMissingImages": 0.0},)"
    R"( "perCluster": [{"images": [], "percentageOfMissingImages": 0.0, "clusterName": "Cluster 1"}], "insightName": "representativeImages"})";
std::string const geo_item =
    R"({"perCluster": [{"representativeLocations": [[1.0, 2.0]], "clusterName": "Cluster 1"}], "insightName": "representativeLocations"})";

std::string insight(std::string const& type, std::vector<std::string> const& items, std::string const& impact = "0.5") {
    std::string s = R"({"featureName": "f", "featureType": ")" + type + R"(", "insights": [)";
    for (std::size_t i = 0; i < items.size(); ++i) s += (i ? ", " : "") + items[i];
    s += "]";
    if (!impact.empty()) s += R"(, "featureImpact": )" + impact;
    return s + "}";
}

}  // namespace

// ---- cluster.percent.range ------------------------------------------------------------------

TEST_CASE("cluster.percent.range: 0 to 100") {
    CHECK(diags<drx::cluster>(cluster("-0.0001")) == V{{"/percent", "cluster.percent.range", E}});
    CHECK(diags<drx::cluster>(cluster("-1")) == V{{"/percent", "cluster.percent.range", E}});
    CHECK(diags<drx::cluster>(cluster("0")).empty());
    CHECK(diags<drx::cluster>(cluster("0.0")).empty());
    CHECK(diags<drx::cluster>(cluster("50.5")).empty());
    CHECK(diags<drx::cluster>(cluster("100")).empty());
    CHECK(diags<drx::cluster>(cluster("100.0")).empty());
    CHECK(diags<drx::cluster>(cluster("100.0001")) == V{{"/percent", "cluster.percent.range", E}});
    CHECK(diags<drx::cluster>(cluster("101")) == V{{"/percent", "cluster.percent.range", E}});
    CHECK(diags<drx::cluster>(cluster("null")).empty());
    // wrong type: the schema level reports it and the rule does not run
    CHECK(diags<drx::cluster>(cluster("\"50\"")) == V{{"/percent", "schema.type", E}});
    CHECK(diags<drx::cluster>(cluster("true")) == V{{"/percent", "schema.type", E}});
}

TEST_CASE("cluster.percent.range inside a cluster list points at the cluster") {
    // 50 + 150 - 50 is 150: the list-level sum warning comes first, then the members
    CHECK(diags<drx::cluster_list>(cluster_list({"50", "150", "-50"})) ==
          V{{"/clusters", "cluster.percent.sum", W},
            {"/clusters/1/percent", "cluster.percent.range", E},
            {"/clusters/2/percent", "cluster.percent.range", E}});
    auto r = validate<drx::cluster_list>(cluster_list({"100", "100.5"}));
    CHECK_FALSE(r.ok());
    bool seen = false;
    for (auto const& d : r.diagnostics())
        if (d.rule == "cluster.percent.range") {
            seen = true;
            CHECK(d.actual == std::optional<std::string>("100.5"));
        }
    CHECK(seen);
}

// ---- cluster.percent.sum (warning) --------------------------------------------------------------

TEST_CASE("cluster.percent.sum: all percents add up to 100 within 0.05 per cluster") {
    // three clusters: tolerance 0.15
    CHECK(diags<drx::cluster_list>(cluster_list({"50", "49.84", "0"})) ==
          V{{"/clusters", "cluster.percent.sum", W}});                                      // below
    CHECK(diags<drx::cluster_list>(cluster_list({"50", "49.85", "0"})).empty());          // at the lower edge
    CHECK(diags<drx::cluster_list>(cluster_list({"50", "50", "0"})).empty());             // exact
    CHECK(diags<drx::cluster_list>(cluster_list({"50", "50", "0.15"})).empty());          // at the upper edge
    CHECK(diags<drx::cluster_list>(cluster_list({"50", "50", "0.16"})) ==
          V{{"/clusters", "cluster.percent.sum", W}});                                      // above
    // the fixture (12.1 + 22.2 + 33.7 + 32) and seed 001's example (27.17... + ... = 99.9999999999)
    CHECK(diags<drx::cluster_list>(cluster_list({"12.1", "22.2", "33.7", "32"})).empty());
    CHECK(diags<drx::cluster_list>(cluster_list({"27.1704180064", "36.9131832797", "35.9163987138"})).empty());
    // not checked when a percent is absent or null (insights not computed)
    CHECK(diags<drx::cluster_list>(cluster_list({"10", ""})).empty());
    CHECK(diags<drx::cluster_list>(cluster_list({"", "", ""})).empty());
    CHECK(diags<drx::cluster_list>(cluster_list({"10", "null"})).empty());
    // a warning leaves the document valid
    CHECK(validate<drx::cluster_list>(cluster_list({"10", "10"})).ok());
    // wrong type
    CHECK(diags<drx::cluster_list>(cluster_list({"50", "\"50\""})) == V{{"/clusters/1/percent", "schema.type", E}});
}

// ---- rename.* ---------------------------------------------------------------------------------

TEST_CASE("rename.pair: currentName and newName are non-empty strings") {
    CHECK(diags<drx::cluster_rename_request>(mappings({{R"("")", R"("AAA")"}})) ==
          V{{"/clusterNameMappings/0/currentName", "rename.pair", E}});
    CHECK(diags<drx::cluster_rename_request>(mappings({{R"("Cluster 1")", R"("")"}})) ==
          V{{"/clusterNameMappings/0/newName", "rename.pair", E}});
    CHECK(diags<drx::cluster_rename_request>(mappings({{R"("C")", R"("A")"}})).empty());            // 1 character
    CHECK(diags<drx::cluster_rename_request>(mappings({{R"("Cluster 1")", R"("AAA")"}})).empty());
    CHECK(diags<drx::cluster_rename_request>(mappings({{R"("Cluster 1")", R"("AAA")"}, {R"("")", R"("")"}})) ==
          V{{"/clusterNameMappings/1/currentName", "rename.pair", E}, {"/clusterNameMappings/1/newName", "rename.pair", E}});
    // wrong type and missing members are the schema level
    CHECK(diags<drx::cluster_rename_request>(mappings({{"1", R"("AAA")"}})) ==
          V{{"/clusterNameMappings/0/currentName", "schema.type", E}});
    CHECK(diags<drx::cluster_rename_request>(mappings({{R"("Cluster 1")", "null"}})) ==
          V{{"/clusterNameMappings/0/newName", "schema.type", E}});
    CHECK(diags<drx::cluster_rename_request>(R"({"clusterNameMappings": [{"currentName": "Cluster 1"}]})") ==
          V{{"/clusterNameMappings/0/newName", "schema.required", E}});
    CHECK(diags<drx::cluster_rename_request>(R"({"clusterNameMappings": [["Cluster 1", "AAA"]]})") ==
          V{{"/clusterNameMappings/0", "schema.type", E}});
}

TEST_CASE("rename.current.unique and rename.new.unique") {
    CHECK(diags<drx::cluster_rename_request>(mappings({{R"("A")", R"("X")"}, {R"("B")", R"("Y")"}})).empty());
    CHECK(diags<drx::cluster_rename_request>(mappings({{R"("A")", R"("X")"}, {R"("A")", R"("Y")"}})) ==
          V{{"/clusterNameMappings/1/currentName", "rename.current.unique", E}});
    CHECK(diags<drx::cluster_rename_request>(mappings({{R"("A")", R"("X")"}, {R"("B")", R"("X")"}})) ==
          V{{"/clusterNameMappings/1/newName", "rename.new.unique", E}});
    CHECK(diags<drx::cluster_rename_request>(
              mappings({{R"("A")", R"("X")"}, {R"("B")", R"("Y")"}, {R"("A")", R"("Z")"}, {R"("C")", R"("Y")"}})) ==
          V{{"/clusterNameMappings/2/currentName", "rename.current.unique", E},
            {"/clusterNameMappings/3/newName", "rename.new.unique", E}});
    // names differ by case: not duplicates
    CHECK(diags<drx::cluster_rename_request>(mappings({{R"("A")", R"("X")"}, {R"("a")", R"("x")"}})).empty());
    // wrong type of the list itself
    CHECK(diags<drx::cluster_rename_request>(R"({"clusterNameMappings": "A"})") ==
          V{{"/clusterNameMappings", "schema.type", E}});
    // an empty list is valid (nothing is renamed)
    CHECK(diags<drx::cluster_rename_request>(R"({"clusterNameMappings": []})").empty());
}

TEST_CASE("rename.current.exists: the server's 422 text, with context; skipped without") {
    auto ctx = names_ctx({"Cluster 1", "Cluster 2", "Cluster 3"});
    auto r = validate<drx::cluster_rename_request>(mappings({{R"("Cluster 1")", R"("AAA")"}, {R"("Cluster 9")", R"("BBB")"}}),
                                                   &ctx);
    REQUIRE(r.diagnostics().size() == 1);
    auto const& d = r.diagnostics()[0];
    CHECK(d.pointer == "/clusterNameMappings/1/currentName");
    CHECK(d.rule == "rename.current.exists");
    CHECK(d.severity == E);
    CHECK(d.message == "No current cluster with name Cluster 9");
    // case matters
    CHECK(diags<drx::cluster_rename_request>(mappings({{R"("cluster 1")", R"("AAA")"}}), &ctx) ==
          V{{"/clusterNameMappings/0/currentName", "rename.current.exists", E}});
    CHECK(diags<drx::cluster_rename_request>(mappings({{R"("Cluster 3")", R"("AAA")"}}), &ctx).empty());
    // without the context the rule is skipped, visibly
    auto req = drx::parse<drx::cluster_rename_request>(mappings({{R"("Cluster 9")", R"("BBB")"}}));
    drx::check_report rep = drx::check(req);
    CHECK(rep.ok());
    bool skipped = false;
    for (auto const& s : rep.skipped)
        if (s.rule == "rename.current.exists") {
            skipped = true;
            CHECK(s.needs == "clusterNames");
        }
    CHECK(skipped);
}

TEST_CASE("rename.collision: a new name may not be a cluster that keeps its name; swaps are valid") {
    auto ctx = names_ctx({"Cluster 1", "Cluster 2", "Cluster 3"});
    // collides with Cluster 2, which keeps its name
    CHECK(diags<drx::cluster_rename_request>(mappings({{R"("Cluster 1")", R"("Cluster 2")"}}), &ctx) ==
          V{{"/clusterNameMappings/0/newName", "rename.collision", E}});
    // swap A<->B at once
    CHECK(diags<drx::cluster_rename_request>(
              mappings({{R"("Cluster 1")", R"("Cluster 2")"}, {R"("Cluster 2")", R"("Cluster 1")"}}), &ctx)
              .empty());
    // a chain: 1 -> 2 and 2 -> 4 leaves names 2, 4, 3
    CHECK(diags<drx::cluster_rename_request>(
              mappings({{R"("Cluster 1")", R"("Cluster 2")"}, {R"("Cluster 2")", R"("Cluster 4")"}}), &ctx)
              .empty());
    // renaming to its own name changes nothing
    CHECK(diags<drx::cluster_rename_request>(mappings({{R"("Cluster 1")", R"("Cluster 1")"}}), &ctx).empty());
    // a rotation of three
    CHECK(diags<drx::cluster_rename_request>(mappings({{R"("Cluster 1")", R"("Cluster 2")"},
                                                       {R"("Cluster 2")", R"("Cluster 3")"},
                                                       {R"("Cluster 3")", R"("Cluster 1")"}}),
                                             &ctx)
              .empty());
    // two mappings to one new name: rename.new.unique only, not reported twice
    CHECK(diags<drx::cluster_rename_request>(mappings({{R"("Cluster 1")", R"("X")"}, {R"("Cluster 2")", R"("X")"}}), &ctx) ==
          V{{"/clusterNameMappings/1/newName", "rename.new.unique", E}});
    // skipped without context
    auto req = drx::parse<drx::cluster_rename_request>(mappings({{R"("Cluster 1")", R"("Cluster 2")"}}));
    auto rep = drx::check(req);
    CHECK(rep.ok());
    CHECK(std::find_if(rep.skipped.begin(), rep.skipped.end(), [](auto const& s) { return s.rule == "rename.collision"; }) !=
          rep.skipped.end());
}

// ---- insight.shape ------------------------------------------------------------------------------

TEST_CASE("insight.shape: every item has the shape of its featureType") {
    std::vector<std::pair<std::string, std::string>> const shapes{{"numeric", numeric_item},
                                                                  {"categorical", categorical_item},
                                                                  {"text", text_item},
                                                                  {"image", image_item},
                                                                  {"geospatialPoint", geo_item}};
    for (auto const& shape : shapes) {
        for (auto const& other : shapes) {
            std::string const& type = shape.first;
            std::string const& item = shape.second;
            std::string const& other_type = other.first;
            std::string const& other_item = other.second;
            CAPTURE(type);
            CAPTURE(other_type);
            if (type == other_type)
                CHECK(diags<drx::cluster_insight>(insight(type, {item})).empty());
            else
                CHECK(diags<drx::cluster_insight>(insight(type, {item, other_item})) ==
                      V{{"/insights/1", "insight.shape", E}});
        }
    }
}

TEST_CASE("insight.shape: the message names both shapes; unknown featureTypes are reported") {
    auto r = validate<drx::cluster_insight>(insight("numeric", {categorical_item}));
    REQUIRE(r.diagnostics().size() == 1);
    CHECK(r.diagnostics()[0].message ==
          "featureType \"numeric\" needs numeric insights, but this item has the categorical shape");
    CHECK(diags<drx::cluster_insight>(insight("date", {numeric_item})) == V{{"/featureType", "insight.shape", E}});
    CHECK(diags<drx::cluster_insight>(insight("Numeric", {numeric_item})) == V{{"/featureType", "insight.shape", E}});
    // no items: nothing to mismatch
    CHECK(diags<drx::cluster_insight>(insight("text", {})).empty());
    // a geospatial item with no clusters is also a numeric item: accepted, written the same
    std::string empty_geo = R"({"perCluster": [], "insightName": "representativeLocations"})";
    auto g = validate<drx::cluster_insight>(insight("geospatialPoint", {empty_geo}));
    CHECK(g.ok());
    CHECK(drx::to_json(g.value()) ==
          R"({"featureName":"f","featureType":"geospatialPoint","insights":[{"perCluster":[],"insightName":"representativeLocations"}],"featureImpact":0.5})");
    // but a numeric item with allData under geospatialPoint is a mismatch
    CHECK(diags<drx::cluster_insight>(insight("geospatialPoint", {numeric_item})) == V{{"/insights/0", "insight.shape", E}});
    // wrong type of featureType
    CHECK(diags<drx::cluster_insight>(R"({"featureName": "f", "featureType": 3, "insights": []})") ==
          V{{"/featureType", "schema.type", E}});
}

TEST_CASE("insight items are strict: an extra key or a missing key matches no shape") {
    std::string extra = R"({"allData": 1.5, "perCluster": [], "insightName": "avg", "future": 1})";
    auto r = validate<drx::cluster_insight>(insight("numeric", {extra}));
    CHECK_FALSE(r.ok());
    REQUIRE(r.diagnostics().size() >= 2);
    CHECK(r.diagnostics()[0].pointer == "/insights/0");
    CHECK(r.diagnostics()[0].rule == "schema.type");
    CHECK(r.diagnostics()[0].message.find("closest: numeric_insight") != std::string::npos);
    CHECK(r.diagnostics()[1].pointer == "/insights/0/future");
    CHECK(r.diagnostics()[1].rule == "schema.unknown_key");

    std::string missing = R"({"allData": {"perValueStatistics": [], "missingRowsPercent": 0.0}, "perCluster": []})";
    auto m = validate<drx::cluster_insight>(insight("text", {missing}));
    CHECK_FALSE(m.ok());
    REQUIRE(!m.diagnostics().empty());
    CHECK(m.diagnostics()[0].pointer == "/insights/0");
    CHECK(m.diagnostics()[0].rule == "schema.type");
    bool insight_name_required = false;
    for (auto const& d : m.diagnostics())
        if (d.pointer == "/insights/0/insightName" && d.rule == "schema.required") insight_name_required = true;
    CHECK(insight_name_required);

    // the top-level ClusterInsight is not strict: an extra key there is a warning (default policy)
    std::string top = R"({"featureName": "f", "featureType": "numeric", "insights": [], "future": true})";
    CHECK(diags<drx::cluster_insight>(top) == V{{"/future", "schema.unknown_key", W}});
    // a location that is not a pair
    std::string bad_geo =
        R"({"perCluster": [{"representativeLocations": [[1.0, 2.0, 3.0]], "clusterName": "C"}], "insightName": "representativeLocations"})";
    auto b = validate<drx::cluster_insight>(insight("geospatialPoint", {bad_geo}));
    CHECK_FALSE(b.ok());
    CHECK(b.diagnostics()[0].pointer == "/insights/0");
    CHECK(b.diagnostics()[0].rule == "schema.type");
}

// ---- insight.feature_impact.range (warning) ------------------------------------------------------

TEST_CASE("insight.feature_impact.range: documented as 0 to 1, a warning") {
    auto fi = [](std::string const& v) { return diags<drx::cluster_insight>(insight("numeric", {numeric_item}, v)); };
    V const warn{{"/featureImpact", "insight.feature_impact.range", W}};
    CHECK(fi("-0.0001") == warn);
    CHECK(fi("0").empty());
    CHECK(fi("0.0").empty());
    CHECK(fi("0.30865117804983067").empty());
    CHECK(fi("1").empty());
    CHECK(fi("1.0").empty());
    CHECK(fi("1.0001") == warn);
    CHECK(fi("13.7") == warn);  // the geospatial fixture's value
    CHECK(fi("null").empty());
    CHECK(fi("").empty());  // absent
    CHECK(validate<drx::cluster_insight>(insight("numeric", {numeric_item}, "13.7")).ok());
    CHECK(fi("\"0.5\"") == V{{"/featureImpact", "schema.type", E}});
}

// ---- clustering.n_clusters.range -------------------------------------------------------------------

TEST_CASE("clustering.n_clusters.range: 2 to 100") {
    V const bad{{"/nClusters", "clustering.n_clusters.range", E}};
    CHECK(diags<drx::clustering_model>(model_with_n("1")) == bad);
    CHECK(diags<drx::clustering_model>(model_with_n("-7")) == bad);
    CHECK(diags<drx::clustering_model>(model_with_n("2")).empty());
    CHECK(diags<drx::clustering_model>(model_with_n("7")).empty());
    CHECK(diags<drx::clustering_model>(model_with_n("100")).empty());
    CHECK(diags<drx::clustering_model>(model_with_n("101")) == bad);
    CHECK(diags<drx::clustering_model>(model_with_n("7.5")) == V{{"/nClusters", "schema.type", E}});
    CHECK(diags<drx::clustering_model>(model_with_n("\"7\"")) == V{{"/nClusters", "schema.type", E}});
    CHECK(diags<drx::clustering_model>(model_with_n("null")) == V{{"/nClusters", "schema.type", E}});
}

// ---- clustering.* of unsupervised-project-options ---------------------------------------------------

TEST_CASE("clustering.unsupervised_type: anomaly or clustering, and only with unsupervisedMode true") {
    using O = drx::unsupervised_project_options;
    CHECK(diags<O>(options(R"("unsupervisedMode": true, "unsupervisedType": "anomaly")")).empty());
    CHECK(diags<O>(options(R"("unsupervisedMode": true, "unsupervisedType": "clustering")")).empty());
    CHECK(diags<O>(options(R"("unsupervisedMode": true, "unsupervisedType": "Clustering")")) ==
          V{{"/unsupervisedType", "clustering.unsupervised_type", E}});
    CHECK(diags<O>(options(R"("unsupervisedMode": true, "unsupervisedType": "")")) ==
          V{{"/unsupervisedType", "clustering.unsupervised_type", E}});
    CHECK(diags<O>(options(R"("unsupervisedType": "clustering")")) ==
          V{{"/unsupervisedType", "clustering.unsupervised_type", E}});
    CHECK(diags<O>(options(R"("unsupervisedMode": false, "unsupervisedType": "anomaly")")) ==
          V{{"/unsupervisedType", "clustering.unsupervised_type", E}});
    CHECK(diags<O>(options(R"("unsupervisedMode": true, "unsupervisedType": 1)")) ==
          V{{"/unsupervisedType", "schema.type", E}});
    CHECK(diags<O>(options(R"("unsupervisedMode": "true")")) == V{{"/unsupervisedMode", "schema.type", E}});
    // unsupervised mode without a type is fine
    CHECK(diags<O>(options(R"("unsupervisedMode": true)")).empty());
}

TEST_CASE("unsupervisedType is an enumeration whose other strings are clustering.unsupervised_type") {
    using O = drx::unsupervised_project_options;
    auto r = validate<O>(options(R"("unsupervisedMode": true, "unsupervisedType": "clustering")"));
    REQUIRE(r.ok());
    CHECK(r.value().unsupervised_type == drx::unsupervised_type_enum::clustering);
    CHECK(drx::is_unsupervised_clustering(r.value()));
    // The reader reports it under the member's one_of rule, with the checker's text for it,
    // and the object's other rules still run (unsupervisedType needs unsupervisedMode true).
    auto bad = validate<O>(options(R"("unsupervisedType": "Clustering")"));
    REQUIRE(bad.diagnostics().size() == 2);
    CHECK(bad.diagnostics()[0].rule == "clustering.unsupervised_type");
    CHECK(bad.diagnostics()[0].message == R"(expected one of "anomaly", "clustering", got "Clustering")");
    CHECK(bad.diagnostics()[0].actual == R"("Clustering")");
    CHECK(bad.diagnostics()[1].message.starts_with("unsupervisedType needs unsupervisedMode true"));
    // A one_of that is a subset of an enumeration (clustering.mode) leaves schema.enum alone.
    CHECK(diags<O>(options(R"("unsupervisedMode": true, "unsupervisedType": "clustering", "mode": "bogus")")) ==
          V{{"/mode", "schema.enum", E}});
    // Written back as the wire name.
    CHECK(drx::to_json(r.value()).find(R"("unsupervisedType":"clustering")") != std::string::npos);
}

TEST_CASE("clustering.target_forbidden: no target in unsupervised mode") {
    using O = drx::unsupervised_project_options;
    CHECK(diags<O>(options(R"("target": "churn", "unsupervisedMode": true)")) ==
          V{{"/target", "clustering.target_forbidden", E}});
    CHECK(diags<O>(options(R"("target": "", "unsupervisedMode": true, "unsupervisedType": "clustering", "mode": "manual")")) ==
          V{{"/target", "clustering.target_forbidden", E}});
    CHECK(diags<O>(options(R"("unsupervisedMode": true)")).empty());
    CHECK(diags<O>(options(R"("target": "churn", "unsupervisedMode": false)")).empty());
    CHECK(diags<O>(options(R"("target": "churn")")).empty());
    CHECK(diags<O>(options(R"("target": 5, "unsupervisedMode": true)")) == V{{"/target", "schema.type", E}});
}

TEST_CASE("clustering.mode: unsupervised clustering runs only in comprehensive or manual mode") {
    using O = drx::unsupervised_project_options;
    auto body = [](std::string const& mode, std::string const& type = "clustering") {
        return options(R"("mode": )" + mode + R"(, "unsupervisedMode": true, "unsupervisedType": ")" + type + "\"");
    };
    CHECK(diags<O>(body(R"("comprehensive")")).empty());
    CHECK(diags<O>(body(R"("manual")")).empty());
    CHECK(diags<O>(body(R"("quick")")) == V{{"/mode", "clustering.mode", E}});
    CHECK(diags<O>(body(R"("auto")")) == V{{"/mode", "clustering.mode", E}});
    // anomaly detection and supervised projects may use any mode
    CHECK(diags<O>(body(R"("quick")", "anomaly")).empty());
    CHECK(diags<O>(options(R"("mode": "quick")")).empty());
    // no mode: not checked (the server's default is not documented)
    CHECK(diags<O>(options(R"("unsupervisedMode": true, "unsupervisedType": "clustering")")).empty());
    // wrong value / type
    CHECK(diags<O>(body(R"("semi")")) == V{{"/mode", "schema.enum", E}});
    CHECK(diags<O>(body("2")) == V{{"/mode", "schema.type", E}});
    auto r = validate<O>(body(R"("quick")"));
    CHECK(r.diagnostics()[0].message ==
          "unsupervised clustering runs only in \"comprehensive\" or \"manual\" mode, got \"quick\"");
}

TEST_CASE("clustering.cluster_list.type: the client's exact text, at the list or at the bad item") {
    using O = drx::unsupervised_project_options;
    V const at_list{{"/autopilotClusterList", "clustering.cluster_list.type", E}};
    CHECK(diags<O>(clustering_with_list(R"("7,9,11")")) == at_list);
    CHECK(diags<O>(clustering_with_list("7")) == at_list);
    CHECK(diags<O>(clustering_with_list(R"({"a": 7})")) == at_list);
    CHECK(diags<O>(clustering_with_list("null")) == at_list);
    CHECK(diags<O>(clustering_with_list("[7, 9.5]")) == V{{"/autopilotClusterList/1", "clustering.cluster_list.type", E}});
    CHECK(diags<O>(clustering_with_list(R"([7, "9"])")) == V{{"/autopilotClusterList/1", "clustering.cluster_list.type", E}});
    CHECK(diags<O>(clustering_with_list("[true, 7, null]")) ==
          V{{"/autopilotClusterList/0", "clustering.cluster_list.type", E},
            {"/autopilotClusterList/2", "clustering.cluster_list.type", E}});
    CHECK(diags<O>(clustering_with_list("[[7]]")) == V{{"/autopilotClusterList/0", "clustering.cluster_list.type", E}});
    // integers, also spelt 9.0 (docs/reference/reading.md: 5.0 counts as the integer 5)
    CHECK(diags<O>(clustering_with_list("[7, 9]")).empty());
    CHECK(diags<O>(clustering_with_list("[7, 9.0]")).empty());
    auto r = validate<O>(clustering_with_list("[7, 9.5]"));
    REQUIRE(r.diagnostics().size() == 1);
    CHECK(r.diagnostics()[0].message == "autopilot_cluster_list must be a list of integers");
    CHECK(r.diagnostics()[0].actual == std::optional<std::string>("9.5"));
}

TEST_CASE("clustering.cluster_list.range: each value in [2, 100]") {
    using O = drx::unsupervised_project_options;
    CHECK(diags<O>(clustering_with_list("[1]")) == V{{"/autopilotClusterList/0", "clustering.cluster_list.range", E}});
    CHECK(diags<O>(clustering_with_list("[2]")).empty());
    CHECK(diags<O>(clustering_with_list("[100]")).empty());
    CHECK(diags<O>(clustering_with_list("[7, 101]")) == V{{"/autopilotClusterList/1", "clustering.cluster_list.range", E}});
    CHECK(diags<O>(clustering_with_list("[-3, 0]")) == V{{"/autopilotClusterList/0", "clustering.cluster_list.range", E},
                                                         {"/autopilotClusterList/1", "clustering.cluster_list.range", E}});
    // integral numbers beyond 64 bits are out of range, not a type error; an integer literal
    // that fits no 64-bit integer stops at the schema level (schema.number_range)
    CHECK(diags<O>(clustering_with_list("[7, 1e30]")) == V{{"/autopilotClusterList/1", "clustering.cluster_list.range", E}});
    CHECK(diags<O>(clustering_with_list("[7, 18446744073709551615]")) ==
          V{{"/autopilotClusterList/1", "clustering.cluster_list.range", E}});
    CHECK(diags<O>(clustering_with_list("[7, 100000000000000000000000]")) ==
          V{{"/autopilotClusterList/1", "schema.number_range", E}});
    // wrong type: the type rule only
    CHECK(diags<O>(clustering_with_list("[1.5]")) == V{{"/autopilotClusterList/0", "clustering.cluster_list.type", E}});
}

TEST_CASE("clustering.cluster_list.size: 1 to 10 values") {
    using O = drx::unsupervised_project_options;
    V const bad{{"/autopilotClusterList", "clustering.cluster_list.size", E}};
    CHECK(diags<O>(clustering_with_list("[]")) == bad);
    CHECK(diags<O>(clustering_with_list("[2]")).empty());
    CHECK(diags<O>(clustering_with_list("[2, 3, 4, 5, 6, 7, 8, 9, 10, 11]")).empty());
    CHECK(diags<O>(clustering_with_list("[2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]")) == bad);
    CHECK(diags<O>(clustering_with_list(R"("[]")")) == V{{"/autopilotClusterList", "clustering.cluster_list.type", E}});
}

TEST_CASE("clustering.cluster_list.unique") {
    using O = drx::unsupervised_project_options;
    CHECK(diags<O>(clustering_with_list("[7, 8]")).empty());
    CHECK(diags<O>(clustering_with_list("[7, 7]")) == V{{"/autopilotClusterList/1", "clustering.cluster_list.unique", E}});
    CHECK(diags<O>(clustering_with_list("[7, 7.0]")) == V{{"/autopilotClusterList/1", "clustering.cluster_list.unique", E}});
    CHECK(diags<O>(clustering_with_list("[7, 8, 9, 8, 7]")) ==
          V{{"/autopilotClusterList/3", "clustering.cluster_list.unique", E},
            {"/autopilotClusterList/4", "clustering.cluster_list.unique", E}});
    CHECK(diags<O>(clustering_with_list(R"([7, "7"])")) == V{{"/autopilotClusterList/1", "clustering.cluster_list.type", E}});
}

TEST_CASE("clustering.cluster_list.requires_clustering: only with unsupervised clustering") {
    using O = drx::unsupervised_project_options;
    V const bad{{"/autopilotClusterList", "clustering.cluster_list.requires_clustering", E}};
    CHECK(diags<O>(clustering_with_list("[7]")).empty());
    CHECK(diags<O>(options(R"("unsupervisedMode": true, "unsupervisedType": "anomaly", "autopilotClusterList": [7])")) == bad);
    CHECK(diags<O>(options(R"("unsupervisedMode": true, "autopilotClusterList": [7])")) == bad);
    CHECK(diags<O>(options(R"("target": "y", "autopilotClusterList": [7])")) == bad);
    auto r = validate<O>(options(R"("autopilotClusterList": [7])"));
    REQUIRE(r.diagnostics().size() == 1);
    CHECK(r.diagnostics()[0].message.find("drops it silently") != std::string::npos);
    // a malformed list outside clustering: both facts are reported
    CHECK(diags<O>(options(R"("autopilotClusterList": "x")")) ==
          V{{"/autopilotClusterList", "clustering.cluster_list.type", E},
            {"/autopilotClusterList", "clustering.cluster_list.requires_clustering", E}});
}

// ---- clusters.predicted.range, clusters.list.known -------------------------------------------------

TEST_CASE("clusters.predicted.range: N in [1, min(10, number of clusters)]") {
    // The project-route parameters are the explanation mode: [1, 10] is its member rule
    // mode.num_top_classes.range, the number of clusters is clusters.predicted.range.
    using P = drx::cluster_explanations_params;
    V const bad{{"/numTopClasses", "clusters.predicted.range", E}};
    V const range{{"/numTopClasses", "mode.num_top_classes.range", E}};
    auto seven = names_ctx({"C1", "C2", "C3", "C4", "C5", "C6", "C7"});
    CHECK(diags<P>(R"({"numTopClasses": 0})", &seven) == range);
    CHECK(diags<P>(R"({"numTopClasses": 1})", &seven).empty());
    CHECK(diags<P>(R"({"numTopClasses": 7})", &seven).empty());
    CHECK(diags<P>(R"({"numTopClasses": 8})", &seven) == bad);
    std::vector<std::string> twelve_names;
    for (int i = 1; i <= 12; ++i) twelve_names.push_back("Cluster " + std::to_string(i));
    auto twelve = names_ctx(twelve_names);
    CHECK(diags<P>(R"({"numTopClasses": 10})", &twelve).empty());
    CHECK(diags<P>(R"({"numTopClasses": 11})", &twelve) == range);  // reported once
    // without context: [1, 10], and the number-of-clusters part is skipped
    CHECK(diags<P>(R"({"numTopClasses": 10})").empty());
    CHECK(diags<P>(R"({"numTopClasses": 11})") == range);
    auto rep = drx::check(drx::parse<P>(R"({"numTopClasses": 8})"));
    CHECK(rep.ok());
    CHECK(std::find_if(rep.skipped.begin(), rep.skipped.end(), [](auto const& s) {
              return s.rule == "clusters.predicted.range" && s.needs == "nClusters or clusterNames";
          }) != rep.skipped.end());
    // the count follows from clusterNames when nClusters is absent
    drx::context names_only;
    names_only.cluster_names = std::vector<std::string>{"A", "B", "C"};
    CHECK(diags<P>(R"({"numTopClasses": 4})", &names_only) == bad);
    CHECK(diags<P>(R"({"numTopClasses": 3})", &names_only).empty());
    // wrong type
    CHECK(diags<P>(R"({"numTopClasses": "3"})") == V{{"/numTopClasses", "schema.type", E}});
    CHECK(diags<P>(R"({"numTopClasses": 2.5})") == V{{"/numTopClasses", "schema.type", E}});
    // batch / deployment names
    using B = drx::cluster_batch_explanations_params;
    CHECK(diags<B>(R"({"explanationNumTopClasses": 8})", &seven) ==
          V{{"/explanationNumTopClasses", "clusters.predicted.range", E}});
    CHECK(diags<B>(R"({"explanationNumTopClasses": 0})") ==
          V{{"/explanationNumTopClasses", "mode.num_top_classes.range", E}});
    CHECK(diags<B>(R"({"explanationNumTopClasses": 7})", &seven).empty());
}

TEST_CASE("clusters.list.known: every listed cluster is a cluster of the model") {
    using P = drx::cluster_explanations_params;
    auto ctx = names_ctx({"Cluster 1", "Cluster 2", "AAA"});
    CHECK(diags<P>(R"({"classNames": ["Cluster 1"]})", &ctx).empty());
    CHECK(diags<P>(R"({"classNames": ["AAA", "Cluster 2", "Cluster 1"]})", &ctx).empty());
    CHECK(diags<P>(R"({"classNames": ["Cluster 9"]})", &ctx) == V{{"/classNames/0", "clusters.list.known", E}});
    CHECK(diags<P>(R"({"classNames": ["Cluster 1", "cluster 2"]})", &ctx) == V{{"/classNames/1", "clusters.list.known", E}});
    CHECK(diags<P>(R"({"classNames": [1]})", &ctx) == V{{"/classNames/0", "schema.type", E}});
    // size, item and uniqueness use the explanation-mode rule ids
    CHECK(diags<P>(R"({"classNames": []})", &ctx) == V{{"/classNames", "mode.class_names.size", E}});
    CHECK(diags<P>(R"({"classNames": ["AAA", "AAA"]})", &ctx) == V{{"/classNames/1", "mode.class_names.unique", E}});
    CHECK(diags<P>(R"({"numTopClasses": 1, "classNames": ["AAA"]})", &ctx) == V{{"/classNames", "mode.exclusive", E}});
    using B = drx::cluster_batch_explanations_params;
    CHECK(diags<B>(R"({"explanationClassNames": ["Cluster 9"]})", &ctx) ==
          V{{"/explanationClassNames/0", "clusters.list.known", E}});
    // skipped without context
    auto rep = drx::check(drx::parse<P>(R"({"classNames": ["Cluster 9"]})"));
    CHECK(rep.ok());
    CHECK(std::find_if(rep.skipped.begin(), rep.skipped.end(), [](auto const& s) { return s.rule == "clusters.list.known"; }) !=
          rep.skipped.end());
}

// ---- bad input: nothing crashes -----------------------------------------------------------------

TEST_CASE("bad input of the issue: each gives a diagnostic with a pointer and the rule id") {
    // shape does not match featureType
    CHECK(diags<drx::cluster_insight>(insight("image", {text_item})) == V{{"/insights/0", "insight.shape", E}});
    // percent above 100, in a page of insights' cluster list
    CHECK(diags<drx::cluster_list>(cluster_list({"100.01"})) == V{{"/clusters/0/percent", "cluster.percent.range", E}});
    CHECK(diags<drx::cluster_list>(cluster_list({"100.1"})) == V{{"/clusters", "cluster.percent.sum", W},
                                                                 {"/clusters/0/percent", "cluster.percent.range", E}});
    // unknown and duplicate cluster names in mappings
    auto ctx = names_ctx({"Cluster 1", "Cluster 2"});
    CHECK(diags<drx::cluster_rename_request>(
              mappings({{R"("Cluster 1")", R"("A")"}, {R"("Cluster 1")", R"("B")"}, {R"("Nope")", R"("C")"}}), &ctx) ==
          V{{"/clusterNameMappings/1/currentName", "rename.current.unique", E},
            {"/clusterNameMappings/2/currentName", "rename.current.exists", E}});
    // cluster lists that are not lists of integers
    CHECK(diags<drx::unsupervised_project_options>(clustering_with_list(R"(["a"])")) ==
          V{{"/autopilotClusterList/0", "clustering.cluster_list.type", E}});
    // insights inside a page: pointers go through data
    std::string page = R"({"count": 1, "next": null, "previous": null, "data": [)" + insight("numeric", {text_item}) +
                       R"(], "totalCount": 1, "version": 6})";
    CHECK(diags<drx::cluster_insights_page>(page) == V{{"/data/0/insights/0", "insight.shape", E}});
}

TEST_CASE("garbage never crashes any clustering schema") {
    std::vector<std::string> const inputs{
        "", " ", "null", "[]", "{}", "\"x\"", "1", "{\"clusters\": [1, 2", "{\"name\": \"\xff\"}", "[[[[[[[[[[",
        std::string(100, '['), "{\"insights\": [{\"allData\": {\"allData\": {}}}]}",
        R"({"featureName": "f", "featureType": "numeric", "insights": [null, 1, "x", [], {}]})",
        R"({"autopilotClusterList": [[], {}, null, 1e999]})", R"({"clusterNameMappings": [null, {}, []]})",
        R"({"count": 1, "next": null, "previous": null, "data": [{}], "totalCount": 1, "version": 6})",
        R"({"metrics": {"Silhouette Score": {"validation": "x"}, "Silhouette Score": {}}})"};
    for (char const* name : {"cluster", "cluster-list", "cluster-name-mappings", "cluster-insight",
                             "cluster-insights-page", "clustering-model", "unsupervised-project-options"}) {
        static auto const entries = drx::make_catalogue<drx::clustering_schemas>();
        auto it = std::find_if(entries.begin(), entries.end(), [&](auto const& x) { return x.name == name; });
        REQUIRE(it != entries.end());
        auto const& e = *it;
        for (auto const& in : inputs) {
            CAPTURE(e.name);
            CAPTURE(in);
            drx::schema_run r;
            CHECK_NOTHROW(r = e.run(in, drx::read_options{}, drx::check_options{}, nullptr));
            bool trivially_valid = (in == "{}" && (e.name == "unsupervised-project-options"));
            // every input is reported (unsupervised-project-options accepts objects with
            // unknown keys, as warnings); every diagnostic carries a rule id
            if (!trivially_valid) CHECK_FALSE(r.diagnostics.empty());
            if (in.empty() || in[0] != '{') CHECK_FALSE(r.ok());
            for (auto const& d : r.diagnostics) CHECK_FALSE(d.rule.empty());
        }
    }
}
