// SPDX-License-Identifier: BSL-1.0
// drx/testing/gtest.hpp: IsValid, Breaks and Warns pass on valid payloads and on the rule they
// name, fail with explanations that list drx's diagnostics (ExplainMatchResult,
// Matcher::MatchAndExplain, and EXPECT_NONFATAL_FAILURE over a failing EXPECT_THAT), and
// GoogleTest prints drx values through drx/print.hpp's operator<<.
//
// Inputs: examples/payloads/cluster-list.json and tests/data/clustering/cluster-name-mappings.json
// (valid), and near misses made by hand from them. Expected rule ids, messages and needs from
// docs/rules.md ("expected a number in [0, 100]", "No current cluster with name {}", both rename
// rules need clusterNames); a range error ends in ", got VALUE" (tests/test_deployment_query.cpp).
#include <gmock/gmock.h>
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <drx/api/clustering.hpp>
#include <drx/testing/gtest.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

using drx::testing::Breaks;
using drx::testing::IsValid;
using drx::testing::Warns;

std::string file(std::string const& relative) {
    char const* root = std::getenv("DRX_SOURCE_DIR");
    std::ifstream f(std::string(root ? root : ".") + "/" + relative, std::ios::binary);
    EXPECT_TRUE(f.good()) << "cannot open " << relative;
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
}

drx::context names() {
    drx::context c;
    c.cluster_names = std::vector<std::string>{"Cluster 1", "Cluster 2", "Cluster 3"};
    return c;
}

constexpr char const* unknown_rename = R"({"clusterNameMappings": [{"currentName": "Cluster 9", "newName": "B"}]})";
constexpr char const* percent_101 = R"({"name": "Cluster 1", "percent": 101})";

TEST(DrxMatchers, IsValidPassesOnValidPayloads) {
    EXPECT_THAT(file("examples/payloads/cluster-list.json"), IsValid<drx::cluster_list>());
    EXPECT_THAT(file("tests/data/clustering/cluster-name-mappings.json"), IsValid<drx::cluster_rename_request>(names()));
    drx::context const ctx = names();
    EXPECT_THAT(file("tests/data/clustering/cluster-name-mappings.json"), IsValid<drx::cluster_rename_request>(&ctx));
    EXPECT_THAT(R"({"name": "a"})", IsValid<drx::cluster>());
    EXPECT_THAT(std::string_view(R"({"name": "a", "percent": 0})"), IsValid<drx::cluster>());
    EXPECT_THAT((drx::cluster{"a", drx::nullable<drx::number>(drx::number(5))}), IsValid<drx::cluster>());
    EXPECT_THAT(percent_101, ::testing::Not(IsValid<drx::cluster>()));
    // Without the context the rule is skipped, so the unknown name is not caught...
    EXPECT_THAT(unknown_rename, IsValid<drx::cluster_rename_request>());
    // ...with it, it is.
    EXPECT_THAT(unknown_rename, ::testing::Not(IsValid<drx::cluster_rename_request>(names())));
}

TEST(DrxMatchers, BreaksAndWarnsPassOnTheRuleAtItsPointer) {
    EXPECT_THAT(percent_101, Breaks<drx::cluster>("cluster.percent.range", "/percent"));
    EXPECT_THAT(unknown_rename, Breaks<drx::cluster_rename_request>("rename.current.exists",
                                                                    "/clusterNameMappings/0/currentName", names()));
    std::string list = file("examples/payloads/cluster-list.json");
    std::size_t const at = list.find("27.1704180064");
    ASSERT_NE(at, std::string::npos);
    list.replace(at, 13, "101");
    EXPECT_THAT(list, Breaks<drx::cluster_list>("cluster.percent.range", "/clusters/0/percent"));
    EXPECT_THAT(list, Warns<drx::cluster_list>("cluster.percent.sum", "/clusters"));
    EXPECT_THAT(list, ::testing::Not(Breaks<drx::cluster_list>("cluster.percent.sum", "/clusters")));
    EXPECT_THAT(list, ::testing::Not(Breaks<drx::cluster_list>("cluster.percent.range", "/clusters/1/percent")));
    EXPECT_THAT("[", Breaks<drx::cluster>("schema.syntax", ""));
}

TEST(DrxMatchers, ExplainMatchResultListsTheDiagnostics) {
    ::testing::StringMatchResultListener invalid;
    EXPECT_FALSE(::testing::ExplainMatchResult(IsValid<drx::cluster>(), percent_101, &invalid));
    EXPECT_EQ(invalid.str(), "cluster: invalid (1 error)\n  /percent\tcluster.percent.range\terror\texpected a number in [0, 100], got 101");

    ::testing::StringMatchResultListener valid;
    EXPECT_TRUE(::testing::ExplainMatchResult(IsValid<drx::cluster_rename_request>(), unknown_rename, &valid));
    EXPECT_EQ(valid.str(),
              "cluster-name-mappings: valid (2 rules skipped)\n  skipped rename.current.exists: needs clusterNames\n"
              "  skipped rename.collision: needs clusterNames");

    ::testing::Matcher<std::string const&> const skipped =
        Breaks<drx::cluster_rename_request>("rename.current.exists", "/clusterNameMappings/0/currentName");
    ::testing::StringMatchResultListener why;
    EXPECT_FALSE(skipped.MatchAndExplain(std::string(unknown_rename), &why));
    EXPECT_EQ(why.str(),
              "cluster-name-mappings: expected an error rename.current.exists at /clusterNameMappings/0/currentName (the "
              "rule was skipped: it needs clusterNames); drx found: valid (2 rules skipped)\n"
              "  skipped rename.current.exists: needs clusterNames\n  skipped rename.collision: needs clusterNames");

    ::testing::Matcher<std::string const&> const with_ctx =
        Breaks<drx::cluster_rename_request>("rename.current.exists", "/clusterNameMappings/0/currentName", names());
    ::testing::StringMatchResultListener found;
    EXPECT_TRUE(with_ctx.MatchAndExplain(std::string(unknown_rename), &found));
    EXPECT_EQ(found.str(),
              "cluster-name-mappings: error rename.current.exists at /clusterNameMappings/0/currentName, as expected; drx "
              "found: invalid (1 error)\n  /clusterNameMappings/0/currentName\trename.current.exists\terror\tNo current "
              "cluster with name Cluster 9");

    ::testing::StringMatchResultListener warning;
    EXPECT_FALSE(::testing::ExplainMatchResult(Warns<drx::cluster>("cluster.percent.range", "/percent"), percent_101, &warning));
    EXPECT_EQ(warning.str(),
              "cluster: expected a warning cluster.percent.range at /percent (it is an error there); drx found: invalid (1 "
              "error)\n  /percent\tcluster.percent.range\terror\texpected a number in [0, 100], got 101");
}

TEST(DrxMatchers, Descriptions) {
    EXPECT_EQ(::testing::DescribeMatcher<std::string>(IsValid<drx::cluster_list>()), "is a valid cluster-list");
    EXPECT_EQ(::testing::DescribeMatcher<std::string>(IsValid<drx::cluster_list>(), true), "is not a valid cluster-list");
    EXPECT_EQ(::testing::DescribeMatcher<std::string>(Breaks<drx::cluster>("cluster.percent.range", "/percent")),
              "is a cluster document that has an error cluster.percent.range at /percent");
    EXPECT_EQ(::testing::DescribeMatcher<std::string>(Warns<drx::cluster_list>("cluster.percent.sum", "/clusters"), true),
              "is a cluster-list document that does not have a warning cluster.percent.sum at /clusters");
    EXPECT_EQ(::testing::DescribeMatcher<std::string>(Breaks<drx::cluster>("schema.syntax", "")),
              "is a cluster document that has an error schema.syntax at the root (\"\")");
}

TEST(DrxMatchers, AFailingExpectThatReportsTheDiagnostics) {
    EXPECT_NONFATAL_FAILURE(EXPECT_THAT(percent_101, IsValid<drx::cluster>()),
                            "Expected: is a valid cluster\n  Actual: ");
    EXPECT_NONFATAL_FAILURE(
        EXPECT_THAT(percent_101, IsValid<drx::cluster>()),
        "cluster: invalid (1 error)\n  /percent\tcluster.percent.range\terror\texpected a number in [0, 100], got 101");
    EXPECT_NONFATAL_FAILURE(EXPECT_THAT(R"({"name": "a"})", Breaks<drx::cluster>("cluster.percent.range", "/percent")),
                            "cluster: expected an error cluster.percent.range at /percent; drx found: valid");
}

TEST(DrxPrinters, PrintToGoesThroughOperatorShiftLeft) {
    EXPECT_EQ(::testing::PrintToString(drx::scalar(1.0)), "1.0");
    EXPECT_EQ(::testing::PrintToString(drx::scalar(57000)), "57000");
    EXPECT_EQ(::testing::PrintToString(drx::scalar("x")), "\"x\"");
    EXPECT_EQ(::testing::PrintToString(drx::number(1e-05)), "1e-05");
    EXPECT_EQ(::testing::PrintToString(drx::nullable<drx::number>()), "null");
    EXPECT_EQ(::testing::PrintToString(drx::model_kind::time_series), "time-series");
    drx::diagnostic const d{"/percent", "cluster.percent.range", drx::severity::error, "expected a number in [0, 100]", {}, {}};
    EXPECT_EQ(::testing::PrintToString(d), "/percent\tcluster.percent.range\terror\texpected a number in [0, 100]");
    // GoogleTest prints containers itself, each element through operator<<.
    EXPECT_EQ(::testing::PrintToString(std::vector<drx::diagnostic>{d}),
              "{ /percent\tcluster.percent.range\terror\texpected a number in [0, 100] }");
    EXPECT_EQ(::testing::PrintToString(drx::validate<drx::cluster>(R"({"name": "a"})")), "valid");
    // A failed comparison of drx values prints them as drx writes them.
    EXPECT_NONFATAL_FAILURE(EXPECT_EQ(drx::scalar(1), drx::scalar(1.0)), "Which is: 1.0");
}

}  // namespace
