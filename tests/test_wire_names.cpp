// SPDX-License-Identifier: BSL-1.0
// Wire names (docs/reference/objects.md (Wire names)): member names are the Python client's
// snake_case attribute names, wire names their camelize. Its examples are the oracle for the common
// case; for the edge cases (digits, leading and trailing underscores) the oracle is the client's
// camelize regex `(?!^)_([a-zA-Z])` -> upper-cased letter, run in CPython 3.11:
//   re.sub(r"(?!^)_([a-zA-Z])", lambda m: m.group(1).upper(), "class_0_label") == "class_0Label"
//   ... "_leading_name" == "_leadingName", "trailing_" == "trailing_", "x_1y" == "x_1y"
// and keys with double underscores are left alone.
#include <doctest/doctest.h>

#include <drx/read.hpp>
#include <drx/wire_name.hpp>
#include <drx/write.hpp>

#include <boost/describe/class.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace drx_test {

/// Members named as in the Python client, one per example of docs/reference/objects.md (Wire
/// names).
struct camel {
    int max_explanations = 0;
    int autopilot_cluster_list = 0;
    int datetime_prediction_partition = 0;
    int n_clusters = 0;
    int num_top_classes = 0;
    int class_names = 0;
    int is_n_clusters_dynamically_determined = 0;
    int per_ngram_text_explanations = 0;
    int percentage_of_missing_images = 0;
    int prediction_explanations_record_location = 0;
    int class_0_label = 0;
    int _leading_name = 0;
    int trailing_ = 0;
    int x_1y = 0;
    int plain = 0;
};
BOOST_DESCRIBE_STRUCT(camel, (),
                      (max_explanations, autopilot_cluster_list, datetime_prediction_partition, n_clusters,
                       num_top_classes, class_names, is_n_clusters_dynamically_determined, per_ngram_text_explanations,
                       percentage_of_missing_images, prediction_explanations_record_location, class_0_label,
                       _leading_name, trailing_, x_1y, plain))

/// A page whose wire names differ from the camelize of its members (docs/reference/objects.md (Wire
/// names): `next`/`previous` for `next_page`/`previous_page`), plus an override longer than the
/// member.
struct page {
    std::optional<drx::nullable<std::string>> next_page;
    std::optional<drx::nullable<std::string>> previous_page;
    int total_count = 0;
    int n = 0;
};
BOOST_DESCRIBE_STRUCT(page, (), (next_page, previous_page, total_count, n))
constexpr auto drx_wire_names(page const*) {
    return std::array{drx::rename{"next_page", "next"}, drx::rename{"previous_page", "previous"},
                      drx::rename{"n", "aVeryLongWireNameIndeed"}};
}

}  // namespace drx_test

using drx_test::camel;
using drx_test::page;

// Compile time: wire_name and member_name are constexpr.
static_assert(drx::wire_name<&camel::max_explanations>() == "maxExplanations");
static_assert(drx::wire_name<&camel::autopilot_cluster_list>() == "autopilotClusterList");
static_assert(drx::wire_name<&camel::datetime_prediction_partition>() == "datetimePredictionPartition");
static_assert(drx::wire_name<&camel::n_clusters>() == "nClusters");
static_assert(drx::wire_name<&camel::num_top_classes>() == "numTopClasses");
static_assert(drx::wire_name<&camel::class_names>() == "classNames");
static_assert(drx::wire_name<&camel::is_n_clusters_dynamically_determined>() == "isNClustersDynamicallyDetermined");
static_assert(drx::wire_name<&camel::per_ngram_text_explanations>() == "perNgramTextExplanations");
static_assert(drx::wire_name<&camel::percentage_of_missing_images>() == "percentageOfMissingImages");
static_assert(drx::wire_name<&camel::prediction_explanations_record_location>() ==
              "predictionExplanationsRecordLocation");
static_assert(drx::wire_name<&camel::class_0_label>() == "class_0Label");
static_assert(drx::wire_name<&camel::_leading_name>() == "_leadingName");
static_assert(drx::wire_name<&camel::trailing_>() == "trailing_");
static_assert(drx::wire_name<&camel::x_1y>() == "x_1y");
static_assert(drx::wire_name<&camel::plain>() == "plain");
static_assert(drx::wire_name<&page::next_page>() == "next");
static_assert(drx::wire_name<&page::previous_page>() == "previous");
static_assert(drx::wire_name<&page::total_count>() == "totalCount");
static_assert(drx::wire_name<&page::n>() == "aVeryLongWireNameIndeed");
static_assert(drx::member_name<&page::next_page>() == "next_page");
static_assert(drx::member_name<&camel::is_n_clusters_dynamically_determined>() == "is_n_clusters_dynamically_determined");

namespace {

// Double underscores: left alone (checked through the camelize used for member names).
static_assert(drx::detail::camelize<8>("a__b_c").view() == "a__b_c");
static_assert(drx::detail::camelize<10>("__dunder__").view() == "__dunder__");
static_assert(drx::detail::camelize<12>("x_y__z_w").view() == "x_y__z_w");
static_assert(drx::detail::camelize<3>("a_b").view() == "aB");
static_assert(drx::detail::camelize<4>("_a_b").view() == "_aB");
static_assert(drx::detail::camelize<3>("a_B").view() == "aB");

}  // namespace

TEST_CASE("wire names: the documented camelize examples at run time") {
    struct wcase {
        std::string_view member, wire;
    };
    // The same table as the static_asserts, through the functions at run time.
    wcase const cases[] = {
        {"max_explanations", "maxExplanations"},
        {"autopilot_cluster_list", "autopilotClusterList"},
        {"datetime_prediction_partition", "datetimePredictionPartition"},
        {"n_clusters", "nClusters"},
        {"num_top_classes", "numTopClasses"},
        {"class_names", "classNames"},
        {"is_n_clusters_dynamically_determined", "isNClustersDynamicallyDetermined"},
        {"per_ngram_text_explanations", "perNgramTextExplanations"},
        {"percentage_of_missing_images", "percentageOfMissingImages"},
        {"prediction_explanations_record_location", "predictionExplanationsRecordLocation"},
        {"class_0_label", "class_0Label"},
        {"_leading_name", "_leadingName"},
        {"trailing_", "trailing_"},
        {"x_1y", "x_1y"},
        {"a__b_c", "a__b_c"},
        {"n__clusters", "n__clusters"},
    };
    for (wcase const& c : cases) {
        CAPTURE(c.member);
        CHECK(drx::detail::camelize<64>(c.member).view() == c.wire);
    }
}

TEST_CASE("wire names: reading and writing use the wire names") {
    camel c;
    c.max_explanations = 1;
    c.n_clusters = 2;
    c.class_0_label = 3;
    std::string const text = drx::to_json(c);
    CHECK(text ==
          "{\"maxExplanations\":1,\"autopilotClusterList\":0,\"datetimePredictionPartition\":0,\"nClusters\":2,"
          "\"numTopClasses\":0,\"classNames\":0,\"isNClustersDynamicallyDetermined\":0,\"perNgramTextExplanations\":0,"
          "\"percentageOfMissingImages\":0,\"predictionExplanationsRecordLocation\":0,\"class_0Label\":3,"
          "\"_leadingName\":0,\"trailing_\":0,\"x_1y\":0,\"plain\":0}");
    drx::result<camel> r = drx::read<camel>(text);
    REQUIRE(r.ok());
    CHECK(r.value().n_clusters == 2);
    CHECK(r.value().class_0_label == 3);
    CHECK(r.diagnostics().empty());

    // The snake_case member names are not wire names: unknown keys (warnings by default), and
    // the members they were meant for are missing.
    drx::result<camel> s = drx::read<camel>("{\"max_explanations\":1}");
    CHECK_FALSE(s.ok());
    REQUIRE_FALSE(s.diagnostics().empty());
    CHECK(s.diagnostics()[0].rule == "schema.unknown_key");
    CHECK(s.diagnostics()[0].pointer == "/max_explanations");
    CHECK(s.diagnostics()[1].rule == "schema.required");
    CHECK(s.diagnostics()[1].pointer == "/maxExplanations");
}

TEST_CASE("wire names: drx_wire_names overrides, in reading, writing and pointers") {
    page p;
    p.next_page = drx::nullable<std::string>("https://x/?offset=10");
    p.previous_page = drx::nullable<std::string>(drx::null);
    p.total_count = 12;
    p.n = 5;
    std::string const text = drx::to_json(p);
    CHECK(text == "{\"next\":\"https://x/?offset=10\",\"previous\":null,\"totalCount\":12,\"aVeryLongWireNameIndeed\":5}");
    drx::result<page> r = drx::read<page>(text);
    REQUIRE(r.ok());
    CHECK(r.value().next_page == p.next_page);
    CHECK(r.value().previous_page.has_value());
    CHECK(r.value().n == 5);
    // The overridden member's pointer uses the wire name.
    drx::result<page> bad = drx::read<page>("{\"next\":1,\"totalCount\":1,\"aVeryLongWireNameIndeed\":1}");
    REQUIRE(bad.diagnostics().size() == 1);
    CHECK(bad.diagnostics()[0].pointer == "/next");
    CHECK(bad.diagnostics()[0].rule == "schema.type");
    // And the camelize of the member name is not accepted as an alias.
    drx::result<page> camel_form = drx::read<page>("{\"nextPage\":null,\"totalCount\":1,\"aVeryLongWireNameIndeed\":1}");
    REQUIRE(camel_form.diagnostics().size() == 1);
    CHECK(camel_form.diagnostics()[0].rule == "schema.unknown_key");
    CHECK(camel_form.diagnostics()[0].pointer == "/nextPage");
}
