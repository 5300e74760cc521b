// SPDX-License-Identifier: BSL-1.0
// batch-explanation-settings (docs/reference/objects.md (Batch explanation settings) and
// docs/reference/limits.md): ranges, the batch-route class-mode names, passthrough precedence, the
// explanation algorithm.
#include <doctest/doctest.h>

#include "support/test_support.hpp"

#include <drx/api/deployment.hpp>
#include <drx/schemas.hpp>

#include <string>
#include <vector>

namespace {

using drx::batch_explanation_settings;

std::vector<drx::diagnostic> check_json(std::string_view json, drx::context const* ctx = nullptr) {
    drx::validate_options o;
    o.check.level = drx::level::rules;
    o.check.ctx = ctx;
    return drx::validate<batch_explanation_settings>(json, o).diagnostics();
}

using drx_test::errors;
using drx_test::has;

}  // namespace

TEST_CASE("batch settings: a full body reads and writes back in the documented order") {
    std::string const in =
        R"({"maxExplanations": 5, "maxNgramExplanations": "all", "explanationAlgorithm": "shap", "thresholdHigh": 0.9, )"
        R"("thresholdLow": 0.1, "explanationNumTopClasses": 2, "predictionThreshold": 0.5, "predictionWarningEnabled": true, )"
        R"("passthroughColumnsSet": "all", "includeProbabilities": false, "includePredictionStatus": true, )"
        R"("skipDriftTracking": true, "abortOnError": false})";
    drx::validate_options o;
    o.check.level = drx::level::rules;
    auto r = drx::validate<batch_explanation_settings>(in, o);
    REQUIRE(r.ok());
    CHECK(r.diagnostics().empty());
    CHECK(drx::to_json(r.value(), drx::write_options::python()) == in);
    // Other keys of a job body are unknown here (warnings by default).
    auto job = check_json(R"({"deploymentId": "x", "maxExplanations": 3})");
    CHECK(has(job, "schema.unknown_key", "/deploymentId", drx::severity::warning));
    CHECK(errors(job) == 0);
    CHECK(drx::find_schema("batch-explanation-settings") != nullptr);
}

TEST_CASE("batch settings: range boundaries with rule ids and pointers") {
    CHECK(errors(check_json(R"({"maxExplanations": 0})")) == 0);
    CHECK(errors(check_json(R"({"maxExplanations": 100})")) == 0);
    CHECK(has(check_json(R"({"maxExplanations": -1})"), "explanations.max.range", "/maxExplanations"));
    CHECK(has(check_json(R"({"maxExplanations": 101})"), "explanations.max.range", "/maxExplanations"));
    CHECK(has(check_json(R"({"maxExplanations": "all"})"), "schema.type", "/maxExplanations"));  // int only here
    CHECK(errors(check_json(R"({"maxNgramExplanations": 0})")) == 0);
    CHECK(has(check_json(R"({"maxNgramExplanations": -1})"), "explanations.max_ngram", "/maxNgramExplanations"));
    CHECK(has(check_json(R"({"maxNgramExplanations": "most"})"), "explanations.max_ngram", "/maxNgramExplanations"));
    CHECK(has(check_json(R"({"maxNgramExplanations": 1.5})"), "explanations.max_ngram", "/maxNgramExplanations"));
    CHECK(errors(check_json(R"({"explanationNumTopClasses": 1})")) == 0);
    CHECK(errors(check_json(R"({"explanationNumTopClasses": 10})")) == 0);
    CHECK(has(check_json(R"({"explanationNumTopClasses": 0})"), "mode.num_top_classes.range", "/explanationNumTopClasses"));
    CHECK(has(check_json(R"({"explanationNumTopClasses": 11})"), "mode.num_top_classes.range", "/explanationNumTopClasses"));
    CHECK(has(check_json(R"({"explanationClassNames": []})"), "mode.class_names.size", "/explanationClassNames"));
    CHECK(has(check_json(R"({"explanationClassNames": ["a", ""]})"), "mode.class_names.item", "/explanationClassNames/1"));
    CHECK(has(check_json(R"({"explanationClassNames": ["a", "a"]})"), "mode.class_names.unique", "/explanationClassNames/1"));
    CHECK(has(check_json(R"({"explanationNumTopClasses": 1, "explanationClassNames": ["a"]})"), "mode.exclusive",
              "/explanationClassNames"));
    CHECK(errors(check_json(R"({"predictionThreshold": 0})")) == 0);
    CHECK(errors(check_json(R"({"predictionThreshold": 1})")) == 0);
    CHECK(errors(check_json(R"({"predictionThreshold": null})")) == 0);
    CHECK(has(check_json(R"({"predictionThreshold": 1.0000001})"), "batch.prediction_threshold.range",
              "/predictionThreshold"));
    CHECK(has(check_json(R"({"predictionThreshold": -0.1})"), "batch.prediction_threshold.range", "/predictionThreshold"));
    CHECK(has(check_json(R"({"thresholdLow": 0.8, "thresholdHigh": 0.2})"), "explanations.threshold.order",
              "/thresholdLow", drx::severity::warning));
    batch_explanation_settings s;
    s.threshold_high = std::numeric_limits<double>::infinity();
    CHECK(has(drx::check(s).diagnostics, "explanations.threshold.finite", "/thresholdHigh"));
}

TEST_CASE("batch settings: explanation algorithm and model kind (context)") {
    CHECK(has(check_json(R"({"explanationAlgorithm": "lime"})"), "explanations.algorithm", "/explanationAlgorithm"));
    drx::context xemp;
    xemp.algorithm = drx::explanation_algorithm::xemp;
    CHECK(has(check_json(R"({"explanationAlgorithm": "shap"})", &xemp), "explanations.algorithm.model",
              "/explanationAlgorithm"));
    CHECK(errors(check_json(R"({"explanationAlgorithm": "xemp"})", &xemp)) == 0);
    drx::context reg;
    reg.model_kind = drx::model_kind::regression;
    CHECK(has(check_json(R"({"explanationNumTopClasses": 2})", &reg), "mode.model_kind", "/explanationNumTopClasses"));
    batch_explanation_settings s;
    CHECK(drx::effective_algorithm(s) == drx::explanation_algorithm::xemp);  // TF default
    s.explanation_algorithm = "shap";
    CHECK(drx::effective_algorithm(s) == drx::explanation_algorithm::shap);
}

TEST_CASE("batch settings: passthrough precedence (set \"all\" wins)") {
    CHECK(has(check_json(R"({"passthroughColumnsSet": "some"})"), "deployment.passthrough_set", "/passthroughColumnsSet"));
    auto both = check_json(R"({"passthroughColumnsSet": "all", "passthroughColumns": ["id"]})");
    CHECK(errors(both) == 0);
    CHECK(has(both, "batch.passthrough.precedence", "/passthroughColumns", drx::severity::warning));
    batch_explanation_settings s;
    s.passthrough_columns = std::vector<std::string>{"id", "name"};
    auto p = drx::effective_passthrough(s);
    CHECK_FALSE(p.all);
    CHECK(p.columns == std::vector<std::string>{"id", "name"});
    s.passthrough_columns_set = "all";
    p = drx::effective_passthrough(s);
    CHECK(p.all);
    CHECK(p.columns.empty());
    s = {};
    p = drx::effective_passthrough(s);
    CHECK_FALSE(p.all);
    CHECK(p.columns.empty());
}
