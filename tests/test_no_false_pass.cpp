// SPDX-License-Identifier: BSL-1.0
// Regression tests of bad input that once passed, crashed or cost the square of its size: the
// diagnostics cap, the entry points' types, the request's type, huge exponents, the depth
// limit, the one rule set of the explanation mode, object_map with many keys, and the query
// conversions. Growth is measured by bench/bench_growth.cpp, not here.
#include <pthread.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include <drx/drx.hpp>

#include "support/test_support.hpp"

namespace {

struct measured {
    double value = 0;
    std::optional<std::string> name;
};
BOOST_DESCRIBE_STRUCT(measured, (), (value, name))

using drx_test::has;

/// {"u0": 0, ..., "u<n-1>": 0, <tail>}: n unknown-key warnings, then `tail`.
std::string warnings_then(std::size_t n, std::string const& tail) {
    std::string s = "{";
    for (std::size_t i = 0; i < n; ++i) s += "\"u" + std::to_string(i) + "\":0,";
    return s + tail + "}";
}


template <class T>
concept can_check = requires(T const& t) { drx::check(t); };

}  // namespace

TEST_CASE("the diagnostics cap never turns an invalid document into a valid one") {
    // 100 warnings fill the default cap; the type error after them is not listed.
    std::string doc = warnings_then(100, "\"value\":\"not a number\"");
    drx::result<measured> r = drx::read<measured>(doc);
    CHECK_FALSE(r.ok());
    CHECK(drx::has_errors(r.diagnostics()) == !r.ok());
    REQUIRE(r.diagnostics().size() == 101);
    auto const& last = r.diagnostics().back();
    CHECK(last.rule == "schema.limit");
    CHECK(last.severity == drx::severity::error);
    CHECK(last.pointer == "/value");
    CHECK(last.message.find("reading stopped at the limit of 100 diagnostics") != std::string::npos);
    CHECK(last.message.find("the rest of the document was not read") != std::string::npos);

    // The catalogue's run (what drx check reports) agrees.
    drx::schema_entry const* e = drx::find_schema("deployment-xemp-response");
    REQUIRE(e != nullptr);
    drx::read_options zero;
    zero.max_diagnostics = 0;
    drx::schema_run run = e->run("not json", zero, {}, nullptr);
    CHECK_FALSE(run.ok());
    REQUIRE(run.diagnostics.size() == 1);
    CHECK(run.diagnostics[0].rule == "schema.limit");
    CHECK(run.omitted == 1);

    // Warnings alone past the cap: counted exactly, reading goes on, the document is valid.
    drx::read_options two;
    two.max_diagnostics = 2;
    drx::result<measured> w = drx::read<measured>(warnings_then(50, "\"value\":1"), two);
    CHECK(w.ok());
    CHECK(w.diagnostics().size() == 2);
    CHECK(w.omitted() == 48);
    CHECK(w.value().value == 1);
}

TEST_CASE("the diagnostics cap covers rule checking too, with the stop made visible") {
    drx::explanations_mode m;
    m.class_names = std::vector<std::string>(5000, "a");  // one size error, 4999 duplicates
    drx::check_report rep = drx::check(m, {.max_diagnostics = 10});
    CHECK_FALSE(rep.ok());
    REQUIRE(rep.diagnostics.size() == 11);
    CHECK(rep.diagnostics.back().rule == "schema.limit");
    CHECK(rep.diagnostics.back().message.find("checking stopped") != std::string::npos);
    CHECK(rep.omitted >= 1);
    // One cap over reading and checking: validate() and the catalogue share it.
    std::string text = "{\"classNames\": [";
    for (int i = 0; i < 3000; ++i) text += std::string(i ? "," : "") + "\"a\"";
    text += "]}";
    drx::validate_options vo;
    vo.read.max_diagnostics = 7;
    auto v = drx::validate<drx::explanations_mode>(text, vo);
    CHECK_FALSE(v.ok());
    CHECK(v.diagnostics().size() == 8);
    CHECK(drx::has_errors(v.diagnostics()));
    drx::schema_run run = drx::find_schema("explanations-mode")->run(text, vo.read, {}, nullptr);
    CHECK(run.diagnostics.size() == 8);
    CHECK_FALSE(run.ok());
}

TEST_CASE("drx::check takes described types only") {
    static_assert(can_check<drx::explanations_mode>);
    static_assert(can_check<std::vector<drx::cluster>>);
    static_assert(!can_check<std::string>);
    static_assert(!can_check<int>);
    static_assert(!can_check<drx::result<drx::explanations_mode>>);
    static_assert(!drx::checkable<drx::result<drx::cluster>>);
    CHECK(drx::check(drx::explanations_mode{}).ok());
}

// The request types each schema's rules read, derived from the declarations (compile time).
static_assert(std::is_same_v<drx::request_types_of<drx::deployment_xemp_response>,
                             std::tuple<drx::deployment_predictions_query>>);
static_assert(std::is_same_v<drx::request_types_of<drx::prediction_explanations_page>,
                             std::tuple<drx::prediction_explanations_record, drx::prediction_explanations_create,
                                        drx::explanations_mode>>);
static_assert(std::tuple_size_v<drx::request_types_of<drx::cluster_list>> == 0);

TEST_CASE("a request of the wrong type is a skipped rule, never a passed one") {
    std::string page_text = drx_test::slurp(drx_test::source_path("tests/data/prediction_explanations/objects/page_regression.json"));
    auto page = drx::read<drx::prediction_explanations_page>(page_text);
    REQUIRE(page.ok());
    // A tool that picks the schema at run time passes the request type-erased
    // (check_options::request); in C++, check(page, options, query) does not compile
    // (tests/compile_fail). A query is not a record, create body or mode.
    drx::deployment_predictions_query const query{};
    drx::context ctx;
    drx::check_options const wrong{.ctx = &ctx, .request = drx::request_ref::of(query)};
    drx::check_report rep = drx::check(page.value(), wrong);
    bool found = false;
    for (auto const& s : rep.skipped)
        if (s.rule == "response.explanations.count") {
            found = true;
            CHECK(s.needs.find("prediction_explanations_record") != std::string::npos);
            CHECK(s.needs.find("another type") != std::string::npos);
        }
    CHECK(found);
    // validate() returns the skipped rules as well.
    auto v = drx::validate<drx::prediction_explanations_page>(page_text, {.read = {}, .check = wrong});
    CHECK(v.ok());
    CHECK(v.skipped() == rep.skipped);
    // With a request of a type the rule reads, it runs (and is not listed as skipped).
    drx::context good;
    drx::check_report ran = drx::check(page.value(), {.ctx = &good}, drx::explanations_mode{});
    for (auto const& s : ran.skipped) CHECK(s.rule != "response.explanations.count");
}

TEST_CASE("exponents of 2^31 and more are numbers, not syntax errors") {
    auto over = drx::read<measured>(R"({"value": 1e2147483648})");
    CHECK(over.diagnostics() == std::vector<drx::diagnostic>{{"/value", "schema.number_range", drx::severity::error,
                                                               over.diagnostics().at(0).message,
                                                               over.diagnostics().at(0).expected, "1e2147483648"}});
    auto under = drx::read<measured>(R"({"value": 1e-99999999999999999999})");
    REQUIRE(under.diagnostics().size() == 1);
    CHECK(under.diagnostics()[0].rule == "schema.number_range");
    CHECK(under.diagnostics()[0].actual == std::optional<std::string>("1e-99999999999999999999"));
    auto zero = drx::read<measured>(R"({"value": 0e2147483648, "name": "e2147483648"})");
    REQUIRE(zero.ok());
    CHECK(zero.value().value == 0.0);
    CHECK(zero.value().name == std::optional<std::string>("e2147483648"));  // strings are untouched
    // In an ignored member the document stays readable, and what follows is still read.
    auto skipped = drx::read<measured>(R"({"x": [-12.5E+00000000000000002147483648], "value": 2})");
    CHECK(skipped.ok());
    CHECK(skipped.value().value == 2.0);
    CHECK(skipped.diagnostics().size() == 1);  // the unknown-key warning
}

TEST_CASE("a UTF-8 byte order mark is named") {
    auto r = drx::read<measured>("\xEF\xBB\xBF{\"value\": 1}");
    REQUIRE(r.diagnostics().size() == 1);
    CHECK(r.diagnostics()[0].rule == "schema.syntax");
    CHECK(r.diagnostics()[0].message.find("byte order mark") != std::string::npos);
}

namespace {
struct deep_read {
    std::string doc;
    bool ok = false;
    std::size_t diagnostics = 0;
};
void* read_deep(void* p) {
    auto* d = static_cast<deep_read*>(p);
    drx::read_options o;
    o.max_depth = drx::max_depth_limit;
    auto r = drx::read<drx::json_value>(d->doc, o);
    d->ok = r.ok();
    d->diagnostics = r.diagnostics().size();
    return nullptr;
}
}  // namespace

TEST_CASE("the depth limit has a maximum that is safe on a 1 MiB stack, and never wraps") {
    drx::read_options o;
    o.max_depth = drx::max_depth_limit + 1;
    auto r = drx::read<measured>(R"({"value": 1})", o);
    REQUIRE(r.diagnostics().size() == 1);
    CHECK(r.diagnostics()[0].rule == "schema.limit");
    CHECK_FALSE(r.ok());
    o.max_depth = static_cast<std::size_t>(-1);  // once wrapped to 1
    auto w = drx::read<measured>(R"({"value": 1})", o);
    CHECK_FALSE(w.ok());
    CHECK(w.diagnostics().at(0).rule == "schema.limit");

    // The deepest accepted nesting reads on a thread with a 1 MiB stack.
    deep_read d;
    d.doc = std::string(drx::max_depth_limit, '[') + std::string(drx::max_depth_limit, ']');
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, std::size_t{1} << 20);
    pthread_t t;
    REQUIRE(pthread_create(&t, &attr, &read_deep, &d) == 0);
    pthread_join(t, nullptr);
    pthread_attr_destroy(&attr);
    CHECK(d.ok);
    CHECK(d.diagnostics == 0);
    // One more level is a schema.limit error, not a crash.
    d.doc = "[" + d.doc + "]";
    auto deeper = drx::read<drx::json_value>(d.doc, {.max_depth = drx::max_depth_limit});
    CHECK_FALSE(deeper.ok());
    CHECK(has(deeper.diagnostics(), "schema.limit", "/0/0" + [] {
        std::string p;
        for (std::size_t i = 2; i < drx::max_depth_limit; ++i) p += "/0";
        return p;
    }()));
}

TEST_CASE("the explanation mode is one type with one rule set: the cluster rules apply under a clustering context") {
    drx::context ctx;
    ctx.model_kind = drx::model_kind::clustering;
    ctx.cluster_names = std::vector<std::string>{"Cluster 1", "Cluster 2", "Cluster 3"};
    drx::schema_entry const* e = drx::find_schema("explanations-mode");
    REQUIRE(e != nullptr);
    drx::check_options co{.level = drx::level::rules, .ctx = &ctx};
    drx::schema_run four = e->run(R"({"numTopClasses": 4})", {}, co, nullptr);
    CHECK_FALSE(four.ok());
    CHECK(has(four.diagnostics, "clusters.predicted.range", "/numTopClasses"));  // count from clusterNames
    drx::schema_run three = e->run(R"({"numTopClasses": 3})", {}, co, nullptr);
    CHECK(three.ok());
    drx::schema_run list = e->run(R"({"classNames": ["Cluster 1", "Cluster 9"]})", {}, co, nullptr);
    CHECK(list.diagnostics.size() == 1);
    CHECK(has(list.diagnostics, "clusters.list.known", "/classNames/1"));
    // A multiclass model's classes are not clusters: the cluster rules do not apply.
    drx::context multi = ctx;
    multi.model_kind = drx::model_kind::multiclass;
    drx::check_options mo{.level = drx::level::rules, .ctx = &multi};
    CHECK(e->run(R"({"numTopClasses": 4})", {}, mo, nullptr).ok());
    // The project-route cluster parameters are the same type.
    static_assert(std::is_same_v<drx::cluster_explanations_params, drx::explanations_mode>);
    // The create body and the record carry the same rules on their mode members.
    auto create = drx::validate<drx::prediction_explanations_create>(
        R"({"datasetId": "5f0c1b2d3e4f5a6b7c8d9e0f", "modelId": "5f0c1b2d3e4f5a6b7c8d9e1a", "numTopClasses": 4})",
        {.read = {}, .check = co});
    CHECK(has(create.diagnostics(), "clusters.predicted.range", "/numTopClasses"));
}

TEST_CASE("object_map with many keys: last-wins duplicates and set() keep positions and values") {
    std::string text = "{";
    for (int i = 0; i < 300; ++i) text += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
    for (int i = 0; i < 300; ++i) text += "\"k" + std::to_string(i) + "\":" + std::to_string(1000 + i) + (i < 299 ? "," : "");
    text += "}";
    drx::read_options o;
    o.duplicate_keys = drx::duplicate_keys::last_wins;
    o.max_diagnostics = 1000;
    auto r = drx::read<drx::object_map<std::int64_t>>(text, o);
    REQUIRE(r.ok());
    auto const& m = r.value();
    REQUIRE(m.size() == 300);
    CHECK(m.begin()->first == "k0");
    CHECK(*m.find("k0") == 1000);
    CHECK(*m.find("k299") == 1299);
    CHECK(m.find("k300") == nullptr);
    drx::object_map<std::int64_t> copy = m;
    CHECK(copy == m);
    copy.set("k7", -7);
    copy.set("new", 1);
    CHECK(*copy.find("k7") == -7);
    CHECK(copy.size() == 301);
    CHECK((copy.begin() + 7)->second == -7);
    CHECK(*copy.find("new") == 1);
    drx::object_map<std::int64_t> moved = std::move(copy);
    CHECK(*moved.find("k299") == 1299);
}

TEST_CASE("query conversions quote what came, and the query cap keeps an invalid query invalid") {
    auto r = drx::validate_query<drx::deployment_predictions_query>("maxExplanations=9223372036854775808",
                                                                    {.level = drx::level::rules});
    CHECK_FALSE(r.ok());
    bool quoted = false;
    for (auto const& d : r.diagnostics())
        if (d.rule == "explanations.max.range") quoted = d.message.find("9223372036854775808") != std::string::npos;
    CHECK(quoted);
    auto answer = drx::check_predictions_request(std::nullopt, "maxExplanations=9223372036854775808", nullptr, nullptr);
    REQUIRE(answer.error);
    CHECK(answer.error->body.find("got 9223372036854775808") != std::string::npos);
    CHECK(answer.error->body.find("9223372036854775807") == std::string::npos);
    drx::query_options qo;
    qo.max_diagnostics = 1;
    auto capped = drx::read_query<drx::deployment_predictions_query>("foo=1&thresholdHigh=abc", qo);
    CHECK_FALSE(capped.ok());
    CHECK(drx::has_errors(capped.diagnostics()));
}

TEST_CASE("the catalogue says which request each schema's rules compare against") {
    auto types = [](std::string_view name) {
        drx::schema_entry const* e = drx::find_schema(name);
        REQUIRE(e != nullptr);
        return e->request_types();
    };
    CHECK(types("deployment-xemp-response") == std::vector<std::string_view>{"deployment_predictions_query"});
    CHECK(types("deployment-shap-response") == std::vector<std::string_view>{"deployment_predictions_query"});
    CHECK(types("prediction-explanations-page") ==
          std::vector<std::string_view>{
              "prediction_explanations_record, prediction_explanations_create or explanations_mode"});
    CHECK(types("cluster-list").empty());
    CHECK(types("deployment-predictions-query").empty());
}

TEST_CASE("a type failure under a member's own rule id is reported by read, validate and check alike") {
    // autopilotClusterList declares wrong_type: reading reports clustering.cluster_list.type
    // (not schema.type), keeps checking the other rules, and never drops the error.
    std::string const text = R"({"mode": "quick", "unsupervisedMode": true, "unsupervisedType": "clustering",
                                  "autopilotClusterList": [7, "9"]})";
    using O = drx::unsupervised_project_options;
    auto r = drx::read<O>(text);
    CHECK_FALSE(r.ok());
    REQUIRE(r.diagnostics().size() == 1);
    CHECK(r.diagnostics()[0].rule == "clustering.cluster_list.type");
    CHECK(r.diagnostics()[0].pointer == "/autopilotClusterList/1");
    auto v = drx::validate<O>(text);
    CHECK_FALSE(v.ok());
    REQUIRE(v.diagnostics().size() == 2);
    CHECK(v.diagnostics()[0].rule == "clustering.mode");  // the rules' order
    CHECK(v.diagnostics()[1].rule == "clustering.cluster_list.type");
    // Given to a check whose object has no such member, the failure is still reported.
    std::vector<drx::diagnostic> failures = r.diagnostics();
    drx::check_options co;
    co.read_failures = &failures;
    auto rep = drx::check(drx::cluster_list{}, co);
    CHECK_FALSE(rep.ok());
    CHECK(rep.diagnostics.back().rule == "clustering.cluster_list.type");
}
