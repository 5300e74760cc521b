// SPDX-License-Identifier: BSL-1.0
// Every DRX_* macro failing once, on purpose: tests/testing/doctest_failures.sh runs this
// program and checks that it fails with exactly these reports (file, line, macro and
// diagnostics), and that a failed DRX_REQUIRE_* ends its test case. Not part of the suite's
// passing tests: it is meant to fail.
#include <doctest/doctest.h>

#include <drx/api/clustering.hpp>
#include <drx/testing/doctest.hpp>

#include <string>
#include <vector>

namespace {

drx::context names() {
    drx::context c;
    c.cluster_names = std::vector<std::string>{"Cluster 1", "Cluster 2", "Cluster 3"};
    return c;
}

}  // namespace

TEST_CASE("valid fails") {
    std::string const text = R"({"name": "Cluster 1", "percent": 101})";
    DRX_CHECK_VALID(drx::cluster, text);
    MESSAGE("after DRX_CHECK_VALID");
}

TEST_CASE("valid with context fails") {
    DRX_CHECK_VALID(drx::cluster_rename_request, R"({"clusterNameMappings": [{"currentName": "Cluster 9", "newName": "B"}]})", names());
}

TEST_CASE("breaks fails") {
    DRX_CHECK_BREAKS(drx::cluster, R"({"name": "a", "percent": 5})", "cluster.percent.range", "/percent");
}

TEST_CASE("warns fails") {
    DRX_CHECK_WARNS(drx::cluster, R"({"name": "a", "percent": 500})", "cluster.percent.range", "/percent");
}

TEST_CASE("require valid fails and ends the test case") {
    DRX_REQUIRE_VALID(drx::cluster, R"({"percent": 1})");
    MESSAGE("not reached after DRX_REQUIRE_VALID");
}

TEST_CASE("require breaks fails and ends the test case") {
    DRX_REQUIRE_BREAKS(drx::cluster, R"({"name": "a"})", "cluster.percent.range", "/percent");
    MESSAGE("not reached after DRX_REQUIRE_BREAKS");
}

TEST_CASE("passing macros report nothing") {
    DRX_CHECK_VALID(drx::cluster, R"({"name": "a", "percent": 5})");
    DRX_CHECK_BREAKS(drx::cluster, R"({"name": "a", "percent": 500})", "cluster.percent.range", "/percent");
}
