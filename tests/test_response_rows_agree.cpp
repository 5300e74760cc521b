// SPDX-License-Identifier: BSL-1.0
// The two response families (prediction explanations pages and deployment responses) share
// one implementation of each row rule (drx/api/detail/response_rows.hpp): the same row, read
// as a records-API row and as a deployment XEMP row, gets the same verdict, rule by rule, with
// or without the request that produced it.
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include <drx/drx.hpp>

namespace {

/// "POINTER RULE SEVERITY" of each diagnostic.
std::vector<std::string> verdict(std::vector<drx::diagnostic> const& ds) {
    std::vector<std::string> v;
    for (auto const& d : ds)
        v.push_back(d.pointer + " " + d.rule + " " + (d.severity == drx::severity::error ? "error" : "warning"));
    return v;
}

std::string expl(std::string const& label, std::string const& strength, std::string const& symbol = "+") {
    return R"({"featureValue": 1, "label": )" + label + R"(, "strength": )" + strength +
           R"(, "feature": "f", "qualitativeStrength": ")" + symbol + "\"}";
}

std::string row(std::string const& values, std::string const& prediction, std::vector<std::string> const& explanations,
                std::string const& threshold = "") {
    std::string ex;
    for (auto const& e : explanations) ex += (ex.empty() ? "" : ", ") + e;
    return R"({"predictionExplanations": [)" + ex + R"(], "prediction": )" + prediction +
           R"(, "rowId": 0, "predictionValues": )" + values + (threshold.empty() ? "" : ", \"predictionThreshold\": " + threshold) +
           "}";
}

/// The verdicts of one row text under both families, with the equivalent requests.
struct both {
    std::vector<std::string> page, deployment;
};

both check_both(std::string const& text, std::string const& query, std::string const& create_body,
                drx::model_kind kind) {
    both out;
    drx::context pc;
    pc.model_kind = kind;
    auto p = drx::read<drx::prediction_explanations_row>(text);
    REQUIRE_MESSAGE(p.ok(), text);
    drx::check_options const po{.level = drx::level::consistency, .ctx = &pc};
    out.page = verdict(create_body.empty()
                           ? drx::check(p.value(), po).diagnostics
                           : drx::check(p.value(), po, drx::parse<drx::prediction_explanations_create>(create_body))
                                 .diagnostics);

    drx::context dc;
    dc.model_kind = kind;
    auto d = drx::read<drx::deployment_xemp_row>(text);
    REQUIRE_MESSAGE(d.ok(), text);
    drx::check_options const dopt{.level = drx::level::consistency, .ctx = &dc};
    out.deployment = verdict(
        query.empty() ? drx::check(d.value(), dopt).diagnostics
                      : drx::check(d.value(), dopt,
                                   drx::validate_query<drx::deployment_predictions_query>(query, {.level = drx::level::rules}).value())
                            .diagnostics);
    return out;
}

std::string const binary_values = R"([{"value": 0.75, "label": 1}, {"value": 0.25, "label": 0}])";
std::string const class_values =
    R"([{"value": 0.5, "label": "A"}, {"value": 0.3, "label": "B"}, {"value": 0.2, "label": "C"}])";

}  // namespace

TEST_CASE("both families give the same verdict on the same rows") {
    using V = std::vector<std::string>;
    struct case_ {
        char const* what;
        std::string text, query, create;
        drx::model_kind kind;
        V want;
    };
    std::string const create1 = R"({"modelId": "m", "datasetId": "d", "maxExplanations": 1})";
    std::string const create3hi = R"({"modelId": "m", "datasetId": "d", "maxExplanations": 3, "thresholdHigh": 0.8})";
    std::string const top2 = R"({"modelId": "m", "datasetId": "d", "maxExplanations": 3, "numTopClasses": 2})";
    std::vector<case_> cases{
        {"valid binary row", row(binary_values, "1", {expl("1", "0.5"), expl("1", "-0.25", "-")}, "0.5"), "", "",
         drx::model_kind::binary, V{}},
        {"interleaved classes out of order", row(class_values, "\"A\"", {expl("\"A\"", "0.5"), expl("\"B\"", "0.9"), expl("\"A\"", "0.7")}),
         "", "", drx::model_kind::multiclass, V{"/predictionExplanations/2/strength response.explanations.order warning"}},
        {"labels equal as Python says: 1, 1.0 and true", row(binary_values, "1", {expl("1.0", "0.5"), expl("true", "0.6")}, "0.5"),
         "", "", drx::model_kind::binary, V{"/predictionExplanations/1/strength response.explanations.order warning"}},
        {"probabilities off", row(R"([{"value": 0.75, "label": 1}, {"value": 0.5, "label": 0}])", "1", {}), "", "",
         drx::model_kind::binary, V{"/predictionValues response.prediction_values.sum error"}},
        {"prediction on the wrong side of the threshold", row(binary_values, "0", {expl("1", "0.5")}, "0.5"), "", "",
         drx::model_kind::binary, V{"/prediction response.prediction.threshold error"}},
        {"prediction label given as 1.0", row(binary_values, "1.0", {expl("1", "0.5")}, "0.5"), "", "",
         drx::model_kind::binary, V{}},
        {"symbol against the strength", row(binary_values, "1", {expl("1", "-0.5", "++")}), "", "",
         drx::model_kind::binary, V{"/predictionExplanations/0/qualitativeStrength response.qualitative.sign error"}},
        {"a symbol that is none of XEMP's eight", row(binary_values, "1", {expl("1", "0.5", "++++")}), "", "",
         drx::model_kind::binary, V{"/predictionExplanations/0/qualitativeStrength response.qualitative.symbol error"}},
        {"more explanations than asked for", row(binary_values, "1", {expl("1", "0.5"), expl("1", "0.25")}),
         "maxExplanations=1", create1, drx::model_kind::binary,
         V{"/predictionExplanations/1 response.explanations.count error"}},
        {"explanations on a row the thresholds exclude", row(binary_values, "1", {expl("1", "0.5")}),
         "maxExplanations=3&thresholdHigh=0.8", create3hi, drx::model_kind::binary,
         V{"/predictionExplanations response.explanations.threshold error"}},
        {"explanations on a row the thresholds select",
         row(R"([{"value": 0.9, "label": 1}, {"value": 0.1, "label": 0}])", "1", {expl("1", "0.5")}),
         "maxExplanations=3&thresholdHigh=0.8", create3hi, drx::model_kind::binary, V{}},
        {"two classes explained, one asked for (no mode)", row(class_values, "\"A\"", {expl("\"A\"", "0.5"), expl("\"B\"", "0.4")}),
         "maxExplanations=3", R"({"modelId": "m", "datasetId": "d", "maxExplanations": 3})", drx::model_kind::multiclass,
         V{"/predictionExplanations response.explained_classes error"}},
        {"two classes asked for and explained", row(class_values, "\"A\"", {expl("\"A\"", "0.5"), expl("\"B\"", "0.4")}),
         "maxExplanations=3&explanationNumTopClasses=2", top2, drx::model_kind::multiclass, V{}},
    };
    for (auto const& c : cases) {
        CAPTURE(c.what);
        both b = check_both(c.text, c.query, c.create, c.kind);
        CHECK(b.page == c.want);
        CHECK(b.deployment == c.want);
    }
}
