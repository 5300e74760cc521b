// SPDX-License-Identifier: BSL-1.0
// Limits of the CSV export (include/drx/tools/csv.hpp): which kind of document
// write_explanations_csv_from_json() reads (explanations_document_of(), a scan without a DOM,
// within the reader's own depth and size limits), and the bounds on the table it builds
// (csv_max_cells; the csv.options messages).
//
// This file replaces the global operator new/delete to count the bytes allocated while a
// document's kind is decided: the scan must not copy the input into a DOM.
#include <doctest/doctest.h>

#include <drx/tools/csv.hpp>

#include "support/test_support.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <new>
#include <sstream>
#include <string>

// ---- counting allocator (every replaceable non-aligned form, so that each new pairs with its
// delete under ASan too) ----

namespace {
bool g_counting = false;
std::size_t g_allocated = 0;
char volatile g_sink = 0;

void* counted_alloc(std::size_t n) noexcept {
    if (g_counting) g_allocated += n;
    return std::malloc(n == 0 ? 1 : n);
}
}  // namespace

void* operator new(std::size_t n) {
    if (void* p = counted_alloc(n)) return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t n) {
    if (void* p = counted_alloc(n)) return p;
    throw std::bad_alloc();
}
void* operator new(std::size_t n, std::nothrow_t const&) noexcept { return counted_alloc(n); }
void* operator new[](std::size_t n, std::nothrow_t const&) noexcept { return counted_alloc(n); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, std::nothrow_t const&) noexcept { std::free(p); }
void operator delete[](void* p, std::nothrow_t const&) noexcept { std::free(p); }

namespace {

namespace fs = std::filesystem;
using drx::explanations_document;

fs::path csv_dir() { return drx_test::source_path("tests/data/prediction_explanations/csv"); }
using drx_test::slurp;

std::string shap_text() { return slurp(csv_dir() / "deployment_shap.response.json"); }

/// The SHAP fixture with `n` arrays nested in shapExplanationsMetadata.warnings (a free JSON
/// member): the document is n + 4 deep (response, data, row, metadata). n = 0: warnings null.
std::string shap_nested(std::size_t n) {
    std::string text = shap_text();
    std::string const null_warnings = "\"warnings\": null";
    auto at = text.find(null_warnings);
    REQUIRE(at != std::string::npos);
    std::string deep = n == 0 ? "null" : std::string(n, '[') + std::string(n, ']');
    return text.replace(at, null_warnings.size(), "\"warnings\": " + deep);
}

/// A document with the rows of `file`'s data repeated to `rows` rows (rowId 0, 1, ...).
std::string repeated_rows(std::string const& file, std::size_t rows) {
    auto doc = boost::json::parse(slurp(csv_dir() / file)).as_object();
    auto& data = doc.at("data").as_array();
    boost::json::array out;
    for (std::size_t i = 0; i < rows; ++i) {
        boost::json::value row = data[i % data.size()];
        row.as_object()["rowId"] = static_cast<std::int64_t>(i);
        out.push_back(std::move(row));
    }
    data = std::move(out);
    if (doc.contains("count")) doc["count"] = static_cast<std::int64_t>(rows);
    return boost::json::serialize(doc);
}

drx::explanations_csv_options max_explanations(std::int64_t n) {
    drx::explanations_csv_options o;
    o.max_explanations = n;
    return o;
}

std::string rule_at(drx::result<std::string> const& r) {
    std::string s;
    for (auto const& d : r.diagnostics())
        if (d.severity == drx::severity::error) s += (s.empty() ? "" : "; ") + d.pointer + " " + d.rule;
    return s;
}

bool has_rule(drx::result<std::string> const& r, std::string_view rule) {
    for (auto const& d : r.diagnostics())
        if (d.rule == rule && d.severity == drx::severity::error) return true;
    return false;
}

/// Bytes allocated by f().
template <class F>
std::size_t allocated_by(F&& f) {
    g_allocated = 0;
    g_counting = true;
    f();
    g_counting = false;
    return g_allocated;
}

}  // namespace

TEST_CASE("explanations_document_of: the kind of the fixtures") {
    CHECK(drx::explanations_document_of(shap_text()) == explanations_document::deployment_shap);
    CHECK(drx::explanations_document_of(slurp(csv_dir() / "deployment_xemp.response.json")) ==
          explanations_document::deployment_xemp);
    CHECK(drx::explanations_document_of(slurp(csv_dir() / "regression.page.json")) == explanations_document::page);
    CHECK(drx::explanations_document_of(slurp(csv_dir() / "text_clustering_aligned.page.json")) ==
          explanations_document::page);
}

TEST_CASE("explanations_document_of: only the top level and the rows' own keys decide") {
    auto kind = [](std::string_view text) { return drx::explanations_document_of(text); };
    auto constexpr page = explanations_document::page;
    auto constexpr xemp = explanations_document::deployment_xemp;
    auto constexpr shap = explanations_document::deployment_shap;
    CHECK(kind(R"({"data":[]})") == xemp);
    CHECK(kind(R"({"data":[{"rowId":0}]})") == xemp);
    CHECK(kind(R"({"data":[{"rowId":0},{"shapExplanationsMetadata":null}]})") == shap);
    CHECK(kind(" \n{\"data\":[{\"shapExplanationsMetadata\":{}}]}\t\r\n") == shap);
    // escaped keys are compared unescaped, as in a DOM
    CHECK(kind(R"({"d\u0061ta":[{"shap\u0045xplanationsMetadata":{}}]})") == shap);
    // the key must be a row's own, and rows are the objects of the "data" array
    CHECK(kind(R"({"data":[{"x":{"shapExplanationsMetadata":{}}}]})") == xemp);
    CHECK(kind(R"({"data":[[{"shapExplanationsMetadata":{}}]]})") == xemp);
    CHECK(kind(R"({"data":{"shapExplanationsMetadata":{}}})") == xemp);
    CHECK(kind(R"({"data":[{"shapExplanationsMetadat":1},{"shapExplanationsMetadataX":1}]})") == xemp);
    CHECK(kind(R"({"data":[{"x":"shapExplanationsMetadata"}]})") == xemp);
    // the last of repeated "data" keys counts (the reader reports the repetition)
    CHECK(kind(R"({"data":[{"shapExplanationsMetadata":1}],"data":[{}]})") == xemp);
    CHECK(kind(R"({"data":[{}],"data":[{"shapExplanationsMetadata":1}]})") == shap);
    // anything else is a page
    CHECK(kind(R"({"data":[{"shapExplanationsMetadata":1}],"count":1})") == page);
    CHECK(kind(R"({"count":1,"data":[]})") == page);
    CHECK(kind(R"({"dat":[]})") == page);
    CHECK(kind("{}") == page);
    CHECK(kind("[]") == page);
    CHECK(kind(R"([{"data":[]}])") == page);
    CHECK(kind("1") == page);
    CHECK(kind(R"("data")") == page);
    CHECK(kind("null") == page);
    CHECK(kind("") == page);
    CHECK(kind("  ") == page);
    // not JSON: a page, for the page reader to report
    CHECK(kind(R"({"data":[{"shapExplanationsMetadata":1}]} x)") == page);
    CHECK(kind(R"({"data":[{"shapExplanationsMetadata":1}]}{})") == page);
    CHECK(kind(R"({"data":[{"shapExplanationsMetadata":1}])") == page);
    CHECK(kind(R"({"data":[{"shapExplanationsMetadata":1}] /* c */})") == page);
    CHECK(kind(R"({"data":[{"shapExplanationsMetadata":1,}]})") == page);
    CHECK(kind("{\"data\":[{\"shapExplanationsMetadata\":\"\xff\"}]}") == page);
}

TEST_CASE("explanations_document_of: the reader's limits") {
    std::string const text = shap_text();  // 5 deep (response, data, row, explanations, explanation)
    drx::read_options ro;
    ro.max_depth = 5;
    CHECK(drx::explanations_document_of(text, ro) == explanations_document::deployment_shap);
    ro.max_depth = 4;  // the reader refuses it: read as a page (whose reader reports the limit)
    CHECK(drx::explanations_document_of(text, ro) == explanations_document::page);
    ro = {};
    ro.max_input_size = text.size();
    CHECK(drx::explanations_document_of(text, ro) == explanations_document::deployment_shap);
    ro.max_input_size = text.size() - 1;
    CHECK(drx::explanations_document_of(text, ro) == explanations_document::page);
}

TEST_CASE("a SHAP response nested as deep as the reader accepts is exported as SHAP") {
    auto const opt = max_explanations(2);
    std::string const golden = slurp(csv_dir() / "deployment_shap.csv");  // pandas' CSV of the fixture
    auto shallow = drx::write_explanations_csv_from_json(shap_nested(0), opt);
    REQUIRE(shallow.ok());
    REQUIRE(shallow.value() == golden);
    for (std::size_t n : {28u, 29u, 40u, 60u}) {  // 32, 33, 44 and 64 deep (the reader's default limit)
        CAPTURE(n);
        std::string const text = shap_nested(n);
        REQUIRE(drx::validate<drx::deployment_shap_response>(text).ok());
        CHECK(drx::explanations_document_of(text) == explanations_document::deployment_shap);
        auto r = drx::write_explanations_csv_from_json(text, opt);
        for (auto const& d : r.diagnostics()) MESSAGE(drx::to_line(d));
        REQUIRE(r.ok());
        CHECK(r.value() == golden);
    }
    SUBCASE("one deeper than the limit: refused with the reader's limit diagnostic") {
        std::string const text = shap_nested(61);
        CHECK_FALSE(drx::validate<drx::deployment_shap_response>(text).ok());
        CHECK(drx::explanations_document_of(text) == explanations_document::page);
        auto r = drx::write_explanations_csv_from_json(text, opt);
        CHECK_FALSE(r.ok());
        CHECK(has_rule(r, drx::schema_rule::limit));
    }
    SUBCASE("the validate_options' read limits are the scan's") {
        drx::validate_options vo;
        vo.read.max_depth = 100;
        std::string const text = shap_nested(90);  // 94 deep
        REQUIRE(drx::validate<drx::deployment_shap_response>(text, vo).ok());
        auto r = drx::write_explanations_csv_from_json(text, opt, vo);
        for (auto const& d : r.diagnostics()) MESSAGE(drx::to_line(d));
        REQUIRE(r.ok());
        CHECK(r.value() == golden);
        vo.read.max_depth = 93;
        auto refused = drx::write_explanations_csv_from_json(text, opt, vo);
        CHECK_FALSE(refused.ok());
        CHECK(has_rule(refused, drx::schema_rule::limit));
    }
}

TEST_CASE("the kind is decided without a copy of the input") {
    std::string const shap = repeated_rows("deployment_shap.response.json", 4000);
    std::string const page = repeated_rows("regression.page.json", 4000);
    REQUIRE(shap.size() > (std::size_t{1} << 20));
    REQUIRE(page.size() > (std::size_t{1} << 20));
    // the counter sees the allocations (also under ASan)
    CHECK(allocated_by([] {
              std::string s(100'000, 'x');
              g_sink = s[50'000];
          }) >= 100'000);
    explanations_document k1{}, k2{};
    std::size_t const shap_bytes = allocated_by([&] { k1 = drx::explanations_document_of(shap); });
    std::size_t const page_bytes = allocated_by([&] { k2 = drx::explanations_document_of(page); });
    CHECK(k1 == explanations_document::deployment_shap);
    CHECK(k2 == explanations_document::page);
    // a DOM holds more than the text; the scan's state is a few words (Boost's parser keeps
    // its nesting on the stack)
    CHECK(shap_bytes < 4096);
    CHECK(page_bytes < 4096);
    // and the export of the big SHAP response still works
    auto r = drx::write_explanations_csv_from_json(shap, max_explanations(2));
    REQUIRE(r.ok());
    CHECK(std::count(r.value().begin(), r.value().end(), '\n') == 4001);
}

TEST_CASE("the table's cells are bounded before any output is built") {
    // regression rows: row_id, prediction and 5 columns per slot
    // 166666 slots: the most csv_max_columns allows (x 6); 61 x 833332 cells, 60 would be 49999920
    auto const page = drx::parse<drx::prediction_explanations_page>(repeated_rows("regression.page.json", 61));
    auto r = drx::write_explanations_csv(page, max_explanations(166'666));
    REQUIRE(r.diagnostics().size() == 1);
    CHECK(rule_at(r) == " csv.options");
    CHECK(r.diagnostics()[0].message ==
          "61 rows x 833332 columns makes more than 50000000 cells (explained_classes x max_explanations: 1 x 166666)");
    CHECK(r.diagnostics()[0].expected == "at most 50000000 cells");
    CHECK(r.diagnostics()[0].actual == "61 x 833332");
    CHECK_FALSE(r.ok());

    SUBCASE("the command line's case: a 285 KB page with --max-explanations 166666") {
        std::string const text = repeated_rows("regression.page.json", 740);
        CHECK(text.size() > 280'000);
        auto big = drx::write_explanations_csv_from_json(text, max_explanations(166'666));
        CHECK_FALSE(big.ok());
        CHECK(rule_at(big) == " csv.options");
        CHECK(big.diagnostics().back().message == "740 rows x 833332 columns makes more than 50000000 cells "
                                                  "(explained_classes x max_explanations: 1 x 166666)");
    }
    SUBCASE("explained classes and prediction value columns count") {
        auto const binary = drx::parse<drx::prediction_explanations_page>(repeated_rows("binary.page.json", 600));
        drx::explanations_csv_options o;
        o.max_explanations = 1'000;
        o.explained_classes = 17;  // 6 + 17 x 1000 x 5 = 85006 columns
        auto b = drx::write_explanations_csv(binary, o);
        CHECK(rule_at(b) == " csv.options");
        CHECK(b.diagnostics()[0].message == "600 rows x 85006 columns makes more than 50000000 cells "
                                            "(explained_classes x max_explanations: 17 x 1000)");
    }
    SUBCASE("below the bound the table is built") {
        auto ok = drx::write_explanations_csv(page, max_explanations(1'000));  // 61 x 5002 cells
        REQUIRE(ok.ok());
        CHECK(std::count(ok.value().begin(), ok.value().end(), '\n') == 62);
    }
}

TEST_CASE("negative options: the message quotes the value given") {
    auto const page = drx::parse<drx::prediction_explanations_page>(slurp(csv_dir() / "regression.page.json"));
    drx::explanations_csv_options o;
    o.max_explanations = std::numeric_limits<std::int64_t>::min();  // e.g. 9223372036854775808 converted
    o.explained_classes = -2;
    auto r = drx::write_explanations_csv(page, o);
    CHECK_FALSE(r.ok());
    REQUIRE(r.diagnostics().size() == 2);
    CHECK(r.diagnostics()[0].rule == drx::csv_rule::options);
    CHECK(r.diagnostics()[0].message == "max_explanations is negative: -9223372036854775808");
    CHECK(r.diagnostics()[0].actual == "-9223372036854775808");
    CHECK(r.diagnostics()[1].rule == drx::csv_rule::options);
    CHECK(r.diagnostics()[1].message == "explained_classes is negative: -2");
}
