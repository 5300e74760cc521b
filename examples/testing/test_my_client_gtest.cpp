// SPDX-License-Identifier: BSL-1.0
// Testing a user's client (examples/testing/my_client.hpp) with drx's GoogleTest matchers
// (drx/testing/gtest.hpp, docs/testing.md): the same checks as test_my_client_doctest.cpp.
// Run from the repository root (or set DRX_SOURCE_DIR).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <drx/testing/gtest.hpp>

#include <string>
#include <vector>

#include "fixture.hpp"
#include "my_client.hpp"

namespace {

using drx::testing::Breaks;
using drx::testing::IsValid;
using ::testing::ElementsAre;

using my_client_tests::model;
using my_client_tests::response_fixture;

TEST(MyClient, ReadsTheClusterNamesOfAValidResponse) {
    ASSERT_THAT(response_fixture(), IsValid<drx::cluster_list>());
    EXPECT_THAT(my_client::cluster_names(response_fixture()), ElementsAre("Cluster 1", "Cluster 2", "Cluster 3"));
    EXPECT_THROW(my_client::cluster_names(R"({"clusters": 5})"), drx::error);
}

TEST(MyClient, RenameBodiesPassEveryRule) {
    EXPECT_THAT(my_client::rename_body({{"Cluster 1", "AAA"}, {"Cluster 2", "BBB"}}), IsValid<drx::cluster_rename_request>(model()));
    EXPECT_THAT(my_client::rename_body({{"Cluster 1", "Cluster 2"}, {"Cluster 2", "Cluster 1"}}),
                IsValid<drx::cluster_rename_request>(model()));
    EXPECT_THAT(my_client::rename_body({{"Cluster 3", "say \"hi\" \\ \t"}}), IsValid<drx::cluster_rename_request>(model()));
}

TEST(MyClient, RenamesTheServerRefuses) {
    EXPECT_THAT(my_client::rename_body({{"Cluster 1", "Cluster 2"}}),
                Breaks<drx::cluster_rename_request>("rename.collision", "/clusterNameMappings/0/newName", model()));
    EXPECT_THAT(my_client::rename_body({{"Cluster 1", "A"}, {"Cluster 2", "A"}}),
                Breaks<drx::cluster_rename_request>("rename.new.unique", "/clusterNameMappings/1/newName", model()));
    EXPECT_THAT(my_client::rename_body({{"Cluster 9", "A"}}),
                Breaks<drx::cluster_rename_request>("rename.current.exists", "/clusterNameMappings/0/currentName", model()));
    EXPECT_THAT(my_client::rename_body({{"Cluster 1", ""}}),
                Breaks<drx::cluster_rename_request>("rename.pair", "/clusterNameMappings/0/newName", model()));
}

}  // namespace
