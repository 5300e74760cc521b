// SPDX-License-Identifier: BSL-1.0
// Consistency rules of deployment-xemp-response and deployment-shap-response
// (docs/reference/rule-sources.md (Consistency of responses)), on seed 003's examples
// (tests/data/seed003/) and variations of them, optionally against the request that produced them
// (check(response, options, query)).
#include <doctest/doctest.h>

#include <drx/api/deployment.hpp>
#include <drx/check.hpp>
#include <drx/query.hpp>
#include <drx/read.hpp>
#include <drx/schemas.hpp>
#include <drx/tools/generate.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace {

namespace fs = std::filesystem;
using drx::deployment_shap_response;
using drx::deployment_xemp_response;

fs::path source_dir() {
    if (char const* s = std::getenv("DRX_SOURCE_DIR")) return s;
    return fs::path(__FILE__).parent_path().parent_path();
}

std::string slurp(fs::path const& p) {
    std::ifstream f(p, std::ios::binary);
    REQUIRE(f.good());
    return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

deployment_xemp_response seed_xemp() {
    return drx::parse<deployment_xemp_response>(slurp(source_dir() / "tests/data/seed003/xemp_example.txt"));
}
deployment_shap_response seed_shap() {
    return drx::parse<deployment_shap_response>(slurp(source_dir() / "tests/data/seed003/shap_example.txt"));
}

template <class T>
drx::check_report consistency(T const& v, drx::context const* ctx = nullptr) {
    return drx::check(v, {.level = drx::level::consistency, .ctx = ctx});
}

bool has(drx::check_report const& r, std::string_view rule, std::string_view pointer,
         drx::severity sev = drx::severity::error) {
    for (auto const& d : r.diagnostics)
        if (d.rule == rule && d.pointer == pointer && d.severity == sev) return true;
    return false;
}

bool skipped(drx::check_report const& r, std::string_view rule) {
    for (auto const& s : r.skipped)
        if (s.rule == rule) return true;
    return false;
}

/// A context and the query the checked response answers.
struct requested {
    drx::context ctx;
    drx::deployment_predictions_query query;
};

requested with_request(std::string_view query, std::optional<drx::model_kind> kind = std::nullopt) {
    requested r;
    r.query = drx::read_query<drx::deployment_predictions_query>(query).value();
    r.ctx.model_kind = kind;
    return r;
}

template <class T>
drx::check_report consistency(T const& v, requested const* r) {
    return drx::check(v, {.level = drx::level::consistency, .ctx = &r->ctx}, r->query);
}

}  // namespace

TEST_CASE("seed 003's examples are consistent; rules needing the request are skipped, visibly") {
    auto x = consistency(seed_xemp());
    CHECK(x.diagnostics.empty());
    CHECK(skipped(x, "response.explanations.count"));
    CHECK(skipped(x, "response.explanations.threshold"));
    CHECK(skipped(x, "response.passthrough"));
    CHECK(skipped(x, "response.explained_classes"));
    auto s = consistency(seed_shap());
    CHECK(s.diagnostics.empty());
    CHECK(skipped(s, "response.explanations.count"));
}

TEST_CASE("response.shap.additivity: seed 003 holds to 1e-8") {
    auto shap = seed_shap();
    auto res = drx::shap_additivity_residual(shap.data[0]);
    REQUIRE(res.has_value());
    CHECK(std::fabs(*res) < 1e-8);
    CHECK(std::fabs(*res) > 1e-9);  // the example is rounded to 10 decimals: about 6.2e-9 off
    MESSAGE("seed 003 SHAP additivity residual: " << *res);
    // 0.3964062631 + 0.0534648234 - 0.0490243586 - 0.089668474 = 0.3111782539 vs 0.3111782477
    CHECK(std::fabs(*res - 6.2e-9) < 1e-12);
    // Moving one strength by 1e-8 breaks it; by -1e-8 it still holds (residual -3.8e-9).
    auto off = shap;
    off.data[0].prediction_explanations[0].strength = drx::number(0.0534648234 + 1e-8);
    CHECK(has(consistency(off), "response.shap.additivity", "/data/0/shapExplanationsMetadata"));
    off.data[0].prediction_explanations[0].strength = drx::number(0.0534648234 - 1e-8);
    CHECK_FALSE(has(consistency(off), "response.shap.additivity", "/data/0/shapExplanationsMetadata"));
    // Regression rows add up to the prediction.
    auto reg = shap;
    auto& row = reg.data[0];
    row.prediction_values = {{drx::number(12.5), drx::scalar("target")}};
    row.prediction_threshold.reset();
    row.prediction = drx::scalar(12.5);
    row.shap_explanations_metadata.base_value = drx::number(10.0);
    row.shap_explanations_metadata.remaining_total = drx::number(2.5 - 0.0534648234 + 0.0490243586);
    CHECK(consistency(reg).diagnostics.empty());
    row.prediction = drx::scalar(12.6);
    CHECK(has(consistency(reg), "response.shap.additivity", "/data/0/shapExplanationsMetadata"));
}

TEST_CASE("response.row_id: non-negative, unique, ascending") {
    auto x = seed_xemp();
    x.data.push_back(x.data[0]);
    x.data.push_back(x.data[0]);
    x.data[1].row_id = 1;
    x.data[2].row_id = 5;
    CHECK(consistency(x).diagnostics.empty());
    x.data[2].row_id = 1;
    CHECK(has(consistency(x), "response.row_id", "/data/2/rowId"));
    x.data[2].row_id = 0;
    CHECK(has(consistency(x), "response.row_id", "/data/2/rowId"));
    x.data[0].row_id = -1;
    CHECK(has(consistency(x), "response.row_id", "/data/0/rowId"));
    auto s = seed_shap();
    s.data[0].row_id = -3;
    CHECK(has(consistency(s), "response.row_id", "/data/0/rowId"));
}

TEST_CASE("response.qualitative.symbol and response.qualitative.sign") {
    auto x = seed_xemp();
    for (auto sym : {"+++", "++", "+", "<+"}) {
        x.data[0].prediction_explanations[0].qualitative_strength = "---";
        x.data[0].prediction_explanations[0].qualitative_strength = sym;
        auto r = consistency(x);
        CHECK(has(r, "response.qualitative.sign", "/data/0/predictionExplanations/0/qualitativeStrength"));
    }
    for (auto sym : {"---", "--", "-", "<-"}) {
        x.data[0].prediction_explanations[0].qualitative_strength = sym;
        CHECK(consistency(x).diagnostics.empty());
    }
    for (auto sym : {"++++", "", "+-", "0", "<", "< -"}) {
        x.data[0].prediction_explanations[0].qualitative_strength = sym;
        CHECK(has(consistency(x), "response.qualitative.symbol", "/data/0/predictionExplanations/0/qualitativeStrength"));
    }
    // A zero strength has no direction: either sign is accepted.
    x.data[0].prediction_explanations[0].qualitative_strength = "<+";
    x.data[0].prediction_explanations[0].strength = drx::number(0.0);
    CHECK_FALSE(has(consistency(x), "response.qualitative.sign", "/data/0/predictionExplanations/0/qualitativeStrength"));
    // SHAP carries null.
    auto s = seed_shap();
    s.data[0].prediction_explanations[1].qualitative_strength = std::string("-");
    CHECK(has(consistency(s), "response.qualitative.symbol", "/data/0/predictionExplanations/1/qualitativeStrength"));
}

TEST_CASE("response.prediction_values.sum: within 1e-6") {
    auto x = seed_xemp();
    x.data[0].prediction_values[1].value = drx::number(0.92163489 + 9e-7);
    CHECK_FALSE(has(consistency(x), "response.prediction_values.sum", "/data/0/predictionValues"));
    x.data[0].prediction_values[1].value = drx::number(0.92163489 + 1.1e-6);
    CHECK(has(consistency(x), "response.prediction_values.sum", "/data/0/predictionValues"));
    x.data[0].prediction_values[1].value = drx::number(0.92163489 - 1.1e-6);
    CHECK(has(consistency(x), "response.prediction_values.sum", "/data/0/predictionValues"));
}

TEST_CASE("response.prediction.threshold: the positive class exactly when its probability reaches the threshold") {
    auto x = seed_xemp();  // p(1) = 0.07836511, threshold 0.5, prediction 0
    x.data[0].prediction = drx::scalar(std::int64_t{1});
    CHECK(has(consistency(x), "response.prediction.threshold", "/data/0/prediction"));
    x.data[0].prediction_threshold = drx::number(0.07836511);  // reaches: positive
    CHECK_FALSE(has(consistency(x), "response.prediction.threshold", "/data/0/prediction"));
    x.data[0].prediction = drx::scalar(1.0);  // 1.0 is the class 1
    CHECK_FALSE(has(consistency(x), "response.prediction.threshold", "/data/0/prediction"));
    x.data[0].prediction_threshold = drx::number(0.0783651100001);  // just above: negative
    CHECK(has(consistency(x), "response.prediction.threshold", "/data/0/prediction"));
    auto s = seed_shap();  // prediction 0.0 against label 0.0: the same class
    CHECK_FALSE(has(consistency(s), "response.prediction.threshold", "/data/0/prediction"));
    s.data[0].prediction = drx::scalar("0");
    CHECK(has(consistency(s), "response.prediction.threshold", "/data/0/prediction"));
}

TEST_CASE("response.explanations.count against the request") {
    auto x = seed_xemp();  // three explanations
    auto c3 = with_request("maxExplanations=3");
    CHECK(consistency(x, &c3).diagnostics.empty());
    auto c2 = with_request("maxExplanations=2");
    CHECK(has(consistency(x, &c2), "response.explanations.count", "/data/0/predictionExplanations/2"));
    auto none = with_request("");
    CHECK(has(consistency(x, &none), "response.explanations.count", "/data/0/predictionExplanations/0"));
    auto codes = with_request("maxCodes=2");
    CHECK(has(consistency(x, &codes), "response.explanations.count", "/data/0/predictionExplanations/2"));
    // SHAP: 0 and "all" mean every explanation.
    auto s = seed_shap();
    auto zero = with_request("maxExplanations=0");
    CHECK(consistency(s, &zero).diagnostics.empty());
    auto one = with_request("maxExplanations=1");
    CHECK(has(consistency(s, &one), "response.explanations.count", "/data/0/predictionExplanations/1"));
}

TEST_CASE("response.explanations.threshold against the request") {
    auto x = seed_xemp();  // positive-class probability 0.07836511
    auto low_ok = with_request("maxExplanations=3&thresholdLow=0.1");
    CHECK(consistency(x, &low_ok).diagnostics.empty());
    auto low_bad = with_request("maxExplanations=3&thresholdLow=0.07836511");  // not below
    CHECK(has(consistency(x, &low_bad), "response.explanations.threshold", "/data/0/predictionExplanations"));
    auto high_ok = with_request("maxExplanations=3&thresholdHigh=0.0783651");
    CHECK(consistency(x, &high_ok).diagnostics.empty());
    auto both_bad = with_request("maxExplanations=3&thresholdLow=0.05&thresholdHigh=0.5");
    CHECK(has(consistency(x, &both_bad), "response.explanations.threshold", "/data/0/predictionExplanations"));
    // A row without explanations is never wrong here.
    x.data[0].prediction_explanations.clear();
    CHECK(consistency(x, &both_bad).diagnostics.empty());
}

TEST_CASE("response.explained_classes: multiclass rows explain the requested classes") {
    auto x = seed_xemp();
    auto& row = x.data[0];
    row.prediction_threshold.reset();
    row.prediction_values = {{drx::number(0.5), drx::scalar("A")}, {drx::number(0.3), drx::scalar("B")},
                             {drx::number(0.2), drx::scalar("C")}};
    row.prediction = drx::scalar("A");
    row.prediction_explanations[0].label = drx::scalar("A");
    row.prediction_explanations[1].label = drx::scalar("B");
    row.prediction_explanations[2].label = drx::scalar("B");
    auto two = with_request("maxExplanations=2&explanationNumTopClasses=2", drx::model_kind::multiclass);
    CHECK(consistency(x, &two).diagnostics.empty());
    auto three = with_request("maxExplanations=2&explanationNumTopClasses=3", drx::model_kind::multiclass);
    CHECK(has(consistency(x, &three), "response.explained_classes", "/data/0/predictionExplanations"));
    auto dflt = with_request("maxExplanations=2", drx::model_kind::multiclass);  // default: 1 class
    CHECK(has(consistency(x, &dflt), "response.explained_classes", "/data/0/predictionExplanations"));
    auto names = with_request("maxExplanations=2&explanationClassNames=A&explanationClassNames=C",
                              drx::model_kind::clustering);
    CHECK(has(consistency(x, &names), "response.explained_classes", "/data/0/predictionExplanations/1/label"));
    auto names_ok = with_request("maxExplanations=2&explanationClassNames=B&explanationClassNames=A",
                                 drx::model_kind::multiclass);
    CHECK(consistency(x, &names_ok).diagnostics.empty());
    // Per class, the count rule counts separately: B has two explanations.
    auto one = with_request("maxExplanations=1&explanationNumTopClasses=2", drx::model_kind::multiclass);
    CHECK(has(consistency(x, &one), "response.explanations.count", "/data/0/predictionExplanations/2"));
}

TEST_CASE("response.passthrough: passthroughValues echo the requested columns") {
    auto x = seed_xemp();
    auto cols = with_request("maxExplanations=3&passthroughColumns=id&passthroughColumns=name");
    CHECK(has(consistency(x, &cols), "response.passthrough", "/data/0/passthroughValues"));
    x.data[0].passthrough_values = drx::object_map<drx::scalar>{{"name", drx::scalar("x")}, {"id", drx::scalar(std::int64_t{7})}};
    CHECK(consistency(x, &cols).diagnostics.empty());
    x.data[0].passthrough_values->set("extra", drx::scalar());
    CHECK(has(consistency(x, &cols), "response.passthrough", "/data/0/passthroughValues/extra"));
    auto all = with_request("maxExplanations=3&passthroughColumnsSet=all&passthroughColumns=id");
    CHECK(consistency(x, &all).diagnostics.empty());
    auto plain = with_request("maxExplanations=3");
    CHECK(has(consistency(x, &plain), "response.passthrough", "/data/0/passthroughValues"));
    x.data[0].passthrough_values.reset();
    CHECK(has(consistency(x, &all), "response.passthrough", "/data/0/passthroughValues"));
}

TEST_CASE("response.explanations.order (warning): falling |strength| per class") {
    auto x = seed_xemp();
    std::swap(x.data[0].prediction_explanations[1], x.data[0].prediction_explanations[2]);
    auto r = consistency(x);
    CHECK(has(r, "response.explanations.order", "/data/0/predictionExplanations/2/strength", drx::severity::warning));
    CHECK(r.ok());  // a warning only
    auto s = seed_shap();  // 0.0534648234 then -0.0490243586: by |strength|
    std::swap(s.data[0].prediction_explanations[0], s.data[0].prediction_explanations[1]);
    CHECK(has(consistency(s), "response.explanations.order", "/data/0/predictionExplanations/1/strength",
              drx::severity::warning));
}

TEST_CASE("validate at the consistency level through the catalogue") {
    auto const* e = drx::find_schema("deployment-xemp-response");
    REQUIRE(e != nullptr);
    auto r = with_request("maxExplanations=1");
    auto run = e->run(slurp(source_dir() / "tests/data/seed003/xemp_example.txt"), {},
                      {.level = drx::level::consistency, .ctx = &r.ctx, .request = drx::request_ref::of(r.query)},
                      nullptr);
    CHECK_FALSE(run.ok());
    REQUIRE(run.diagnostics.size() == 1);  // the first explanation over the limit
    CHECK(run.diagnostics[0].rule == "response.explanations.count");
    CHECK(run.diagnostics[0].pointer == "/data/0/predictionExplanations/1");
}

// ---- generated instances (drx/tools/generate.hpp with this family's drx_fixup hooks) --------

namespace {

template <class T>
std::size_t generated_clean(std::uint64_t seeds) {
    std::size_t clean = 0;
    for (std::uint64_t s = 1; s <= seeds; ++s) {
        drx::seeded_entropy e(s);
        drx::generator g(e);
        auto v = drx::generate_valid<T>(g);
        if (!v) continue;
        auto rep = drx::check(v.value(), {.level = drx::level::consistency});
        clean += rep.diagnostics.empty();
    }
    return clean;
}

}  // namespace

TEST_CASE("generated instances pass every rule, consistency included (drx_fixup hooks)") {
    CHECK(generated_clean<drx::deployment_xemp_response>(40) == 40);
    CHECK(generated_clean<drx::deployment_shap_response>(40) == 40);
    CHECK(generated_clean<drx::deployment_predictions_query>(40) == 40);
    CHECK(generated_clean<drx::deployment_predictions_headers>(40) == 40);
    CHECK(generated_clean<drx::batch_explanation_settings>(40) == 40);
}
