// SPDX-License-Identifier: BSL-1.0
// drx/testing/doctest.hpp: the DRX_CHECK_* macros pass on valid payloads and on the rule they
// name, and the predicates behind them (drx/testing/expect.hpp) fail with drx's diagnostics.
// (tests/testing/doctest_failures.cpp shows the macros' own failure reports.)
//
// Inputs: examples/payloads/cluster-list.json and tests/data/clustering/cluster-name-mappings.json
// (valid), and near misses made by hand from them. Expected rule ids, messages and needs from
// docs/rules.md ("expected a number in [0, 100]", "No current cluster with name {}", both rename
// rules need clusterNames, cluster.percent.sum is a warning on /clusters); a range error ends in
// ", got VALUE" (tests/test_deployment_query.cpp), a missing member's pointer names it
// (tests/test_reader.cpp), a syntax error points at the root ("").
#include <doctest/doctest.h>

#include <drx/api/clustering.hpp>
#include <drx/testing/doctest.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "support/test_support.hpp"

DRX_DOCTEST_PRINT_ENUM(::drx::autopilot_mode);

namespace {

std::string file(std::string_view relative) { return drx_test::slurp(drx_test::source_path(relative)); }

std::string cluster_list() { return file("examples/payloads/cluster-list.json"); }

/// examples/payloads/cluster-list.json with its first percent (27.1704180064) replaced.
std::string cluster_list_with_first_percent(std::string const& percent) {
    std::string s = cluster_list();
    std::size_t const at = s.find("27.1704180064");
    REQUIRE(at != std::string::npos);
    return s.replace(at, 13, percent);
}

/// The names of examples/payloads/cluster-list.json, as the model's context.
drx::context names() {
    drx::context c;
    c.cluster_names = std::vector<std::string>{"Cluster 1", "Cluster 2", "Cluster 3"};
    return c;
}

constexpr std::string_view unknown_rename = R"({"clusterNameMappings": [{"currentName": "Cluster 9", "newName": "B"}]})";

bool contains(std::string const& s, std::string_view part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("DRX_CHECK_VALID / DRX_REQUIRE_VALID pass on valid payloads, text or object, with or without context") {
    DRX_CHECK_VALID(drx::cluster_list, cluster_list());
    DRX_REQUIRE_VALID(drx::cluster_rename_request, file("tests/data/clustering/cluster-name-mappings.json"), names());
    drx::context const ctx = names();
    DRX_CHECK_VALID(drx::cluster_rename_request, file("tests/data/clustering/cluster-name-mappings.json"), &ctx);
    DRX_CHECK_VALID(drx::cluster, drx::cluster{"Cluster 1", drx::nullable<drx::number>(drx::number(12.5))});
    DRX_CHECK_VALID(drx::cluster, std::string_view(R"({"name": "a"})"));
    DRX_CHECK_VALID(drx::cluster, R"({"name": "a", "percent": 100})");
}

TEST_CASE("DRX_CHECK_BREAKS and DRX_CHECK_WARNS pass on the rule at its pointer") {
    DRX_CHECK_BREAKS(drx::cluster, R"({"name": "Cluster 1", "percent": 101})", "cluster.percent.range", "/percent");
    DRX_REQUIRE_BREAKS(drx::cluster_list, cluster_list_with_first_percent("101"), "cluster.percent.range",
                       "/clusters/0/percent");
    DRX_CHECK_WARNS(drx::cluster_list, cluster_list_with_first_percent("101"), "cluster.percent.sum", "/clusters");
    DRX_CHECK_BREAKS(drx::cluster_rename_request, unknown_rename, "rename.current.exists",
                     "/clusterNameMappings/0/currentName", names());
    DRX_CHECK_BREAKS(drx::cluster, "{", "schema.syntax", "");
}

TEST_CASE("expect_valid: false on an invalid payload, the message lists the diagnostics as drx check does") {
    auto const o = drx::testing::expect_valid<drx::cluster>(R"({"name": "Cluster 1", "percent": 101})");
    CHECK_FALSE(o.passed);
    CHECK_FALSE(static_cast<bool>(o));
    CHECK(o.message == "cluster: invalid (1 error)\n  /percent\tcluster.percent.range\terror\texpected a number in [0, 100], got 101");

    // The same for an object, checked with drx::check.
    auto const obj = drx::testing::expect_valid<drx::cluster>(drx::cluster{"Cluster 1", drx::nullable<drx::number>(drx::number(-1))});
    CHECK_FALSE(obj.passed);
    CHECK(obj.message == "cluster: invalid (1 error)\n  /percent\tcluster.percent.range\terror\texpected a number in [0, 100], got -1");

    // Reading options are used: an unknown key is an error under unknown_keys::error.
    drx::validate_options strict;
    strict.read.unknown_keys = drx::unknown_keys::error;
    std::string const extra = R"({"name": "a", "x": 1})";
    CHECK(drx::testing::expect_valid<drx::cluster>(extra).passed);
    auto const s = drx::testing::expect_valid<drx::cluster>(extra, strict);
    CHECK_FALSE(s.passed);
    CHECK(contains(s.message, "cluster: invalid (1 error)\n  /x\tschema.unknown_key\terror\t"));

    // Passing, the message still says what was found.
    auto const ok = drx::testing::expect_valid<drx::cluster_rename_request>(unknown_rename);
    CHECK(ok.passed);
    CHECK(ok.message ==
          "cluster-name-mappings: valid (2 rules skipped)\n  skipped rename.current.exists: needs clusterNames\n"
          "  skipped rename.collision: needs clusterNames");
    auto const with_ctx = drx::testing::expect_valid<drx::cluster_rename_request>(unknown_rename, names());
    CHECK_FALSE(with_ctx.passed);
    CHECK(with_ctx.message ==
          "cluster-name-mappings: invalid (1 error)\n  /clusterNameMappings/0/currentName\trename.current.exists\terror\t"
          "No current cluster with name Cluster 9");
}

TEST_CASE("expect_breaks: false, and why, when the rule is absent, elsewhere, a warning or skipped") {
    // A valid payload breaks nothing.
    auto const none = drx::testing::expect_breaks<drx::cluster>(R"({"name": "a", "percent": 5})", "cluster.percent.range", "/percent");
    CHECK_FALSE(none.passed);
    CHECK(none.message == "cluster: expected an error cluster.percent.range at /percent; drx found: valid");

    // The rule is broken at another pointer.
    std::string const bad = cluster_list_with_first_percent("101");
    auto const elsewhere = drx::testing::expect_breaks<drx::cluster_list>(bad, "cluster.percent.range", "/clusters/1/percent");
    CHECK_FALSE(elsewhere.passed);
    CHECK(elsewhere.message.starts_with(
        "cluster-list: expected an error cluster.percent.range at /clusters/1/percent (it is reported at "
        "/clusters/0/percent); drx found: invalid (1 error, 1 warning)\n"));
    CHECK(contains(elsewhere.message, "\n  /clusters/0/percent\tcluster.percent.range\terror\texpected a number in [0, 100], got 101"));
    CHECK(contains(elsewhere.message, "\n  /clusters\tcluster.percent.sum\twarning\t"));

    // A warning is not an error.
    auto const warning = drx::testing::expect_breaks<drx::cluster_list>(bad, "cluster.percent.sum", "/clusters");
    CHECK_FALSE(warning.passed);
    CHECK(warning.message.starts_with(
        "cluster-list: expected an error cluster.percent.sum at /clusters (it is a warning there); drx found: "));
    CHECK(drx::testing::expect_warns<drx::cluster_list>(bad, "cluster.percent.sum", "/clusters").passed);
    auto const not_warning = drx::testing::expect_warns<drx::cluster_list>(bad, "cluster.percent.range", "/clusters/0/percent");
    CHECK_FALSE(not_warning.passed);
    CHECK(not_warning.message.starts_with(
        "cluster-list: expected a warning cluster.percent.range at /clusters/0/percent (it is an error there); drx found: "));

    // Without the context the rule is skipped, and the message says what it needs.
    auto const skipped = drx::testing::expect_breaks<drx::cluster_rename_request>(unknown_rename, "rename.current.exists",
                                                                                 "/clusterNameMappings/0/currentName");
    CHECK_FALSE(skipped.passed);
    CHECK(skipped.message ==
          "cluster-name-mappings: expected an error rename.current.exists at /clusterNameMappings/0/currentName (the rule "
          "was skipped: it needs clusterNames); drx found: valid (2 rules skipped)\n"
          "  skipped rename.current.exists: needs clusterNames\n  skipped rename.collision: needs clusterNames");

    // With it, the rule holds, and the message says so.
    auto const found = drx::testing::expect_breaks<drx::cluster_rename_request>(unknown_rename, "rename.current.exists",
                                                                               "/clusterNameMappings/0/currentName", names());
    CHECK(found.passed);
    CHECK(found.message ==
          "cluster-name-mappings: error rename.current.exists at /clusterNameMappings/0/currentName, as expected; drx "
          "found: invalid (1 error)\n  /clusterNameMappings/0/currentName\trename.current.exists\terror\tNo current "
          "cluster with name Cluster 9");

    // The root pointer is spelled out.
    auto const root = drx::testing::expect_breaks<drx::cluster>(R"({"percent": 1})", "schema.required", "");
    CHECK_FALSE(root.passed);
    CHECK(root.message.starts_with(
        "cluster: expected an error schema.required at the root (\"\") (it is reported at /name); drx found: "));
}

TEST_CASE("outcome prints its message; doctest prints drx enums by their wire names with this header") {
    auto const o = drx::testing::expect_valid<drx::cluster>(R"({"name": "a"})");
    using doctest::toString;
    CHECK(std::string(toString(o).c_str()) == "cluster: valid");
    CHECK(std::string(toString(drx::model_kind::time_series).c_str()) == "time-series");
    CHECK(std::string(toString(drx::severity::warning).c_str()) == "warning");
    CHECK(std::string(toString(drx::level::rules).c_str()) == "rules");
    CHECK(std::string(toString(drx::explanation_algorithm::xemp).c_str()) == "xemp");
    CHECK(std::string(toString(drx::autopilot_mode::comprehensive).c_str()) == "comprehensive");
}
