// SPDX-License-Identifier: BSL-1.0
// Testing a user's client (examples/testing/my_client.hpp) with drx's doctest macros
// (drx/testing/doctest.hpp, docs/testing.md): the bodies it sends pass every rule of
// cluster-name-mappings against the model's names, a rename the server refuses is named by its
// rule and pointer (docs/rules.md), and the response fixture it reads is a valid cluster-list.
// Run from the repository root (or set DRX_SOURCE_DIR).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <drx/testing/doctest.hpp>

#include <string>
#include <vector>

#include "fixture.hpp"
#include "my_client.hpp"

using my_client_tests::model;
using my_client_tests::response_fixture;

TEST_CASE("the response fixture is a valid cluster list, and cluster_names reads it") {
    DRX_REQUIRE_VALID(drx::cluster_list, response_fixture());
    CHECK(my_client::cluster_names(response_fixture()) == std::vector<std::string>{"Cluster 1", "Cluster 2", "Cluster 3"});
    CHECK_THROWS_AS(my_client::cluster_names(R"({"clusters": 5})"), drx::error);
}

TEST_CASE("rename_body: what the client sends passes every rule") {
    DRX_CHECK_VALID(drx::cluster_rename_request, my_client::rename_body({{"Cluster 1", "AAA"}, {"Cluster 2", "BBB"}}), model());
    // A swap renames both clusters at once.
    DRX_CHECK_VALID(drx::cluster_rename_request,
                    my_client::rename_body({{"Cluster 1", "Cluster 2"}, {"Cluster 2", "Cluster 1"}}), model());
    // Names that need escaping still make valid JSON.
    DRX_CHECK_VALID(drx::cluster_rename_request, my_client::rename_body({{"Cluster 3", "say \"hi\" \\ \t"}}), model());
}

TEST_CASE("rename_body: renames the server refuses, by rule and pointer") {
    // The client does not guard against these; drx says which rule the server's 422 is about.
    DRX_CHECK_BREAKS(drx::cluster_rename_request, my_client::rename_body({{"Cluster 1", "Cluster 2"}}), "rename.collision",
                     "/clusterNameMappings/0/newName", model());
    DRX_CHECK_BREAKS(drx::cluster_rename_request, my_client::rename_body({{"Cluster 1", "A"}, {"Cluster 2", "A"}}),
                     "rename.new.unique", "/clusterNameMappings/1/newName", model());
    DRX_CHECK_BREAKS(drx::cluster_rename_request, my_client::rename_body({{"Cluster 9", "A"}}), "rename.current.exists",
                     "/clusterNameMappings/0/currentName", model());
    DRX_CHECK_BREAKS(drx::cluster_rename_request, my_client::rename_body({{"Cluster 1", ""}}), "rename.pair",
                     "/clusterNameMappings/0/newName", model());
}
