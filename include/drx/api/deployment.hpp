// SPDX-License-Identifier: BSL-1.0
// drx: deployment predictions with explanations (seed 003; docs/reference/objects.md (XEMP
// response, SHAP response, Deployment fixtures)).
//
// Responses of POST /predApi/v1.0/deployments/<id>/predictions with maxExplanations > 0:
//   deployment-xemp-response  {"data": [XEMP rows]}
//   deployment-shap-response  {"data": [SHAP rows, each with shapExplanationsMetadata]}
//   deployment-error          {"message": "..."}
// Key orders are those of seed 003's examples; XEMP and SHAP rows order their keys differently
// and each keeps its own (docs/reference/exact-json.md (Key order)).
//
// The requests (query, headers), the server-side entry point and the batch explanation settings are
// in drx/api/deployment_request.hpp, included here. The consistency rules of the responses
// (docs/reference/rule-sources.md (Consistency of responses)) are at the end of this file.
#pragma once

#include <concepts>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <boost/describe/class.hpp>
#include <boost/mp11/list.hpp>

#include <drx/api/deployment_request.hpp>
#include <drx/api/detail/response_rows.hpp>
#include <drx/api/error_body.hpp>
#include <drx/api/qualitative_strength.hpp>
#include <drx/json_value.hpp>
#include <drx/nullable.hpp>
#include <drx/number.hpp>
#include <drx/object_map.hpp>
#include <drx/scalar.hpp>

namespace drx {

/// One class's output for a row: its label and the predicted value or probability.
/// Key order of seed 003: value, label.
struct deployment_prediction_value {
    /// The probability of the class (classification) or the predicted value (regression).
    number value;
    /// The class (an int, float or string as the wire gives it), or the target name.
    scalar label;
};
BOOST_DESCRIBE_STRUCT(deployment_prediction_value, (), (value, label))

/// One XEMP explanation. Key order of seed 003: featureValue, strength, feature,
/// qualitativeStrength, label.
struct xemp_explanation {
    /// The value the feature took in this row, with its wire kind (57000, "male", 9.6875).
    scalar feature_value;
    /// How much this value moved the prediction.
    number strength;
    /// The feature's name.
    std::string feature;
    /// One of +++ ++ + <+ --- -- - <- (seed 003's table).
    std::string qualitative_strength;
    /// The class whose probability rises with a positive strength (or the target name).
    scalar label;
};
BOOST_DESCRIBE_STRUCT(xemp_explanation, (), (feature_value, strength, feature, qualitative_strength, label))

/// One row of an XEMP response. Key order of seed 003: predictionValues,
/// predictionThreshold, prediction, rowId, predictionExplanations; passthroughValues (only with
/// passthrough columns requested; its position is not documented, drx writes it last).
struct deployment_xemp_row {
    std::vector<deployment_prediction_value> prediction_values;
    /// Classification rows only; absent in older responses (docs/reference/objects.md (Deployment
    /// fixtures)).
    std::optional<number> prediction_threshold;
    scalar prediction;
    std::int64_t row_id = 0;
    std::vector<xemp_explanation> prediction_explanations;
    std::optional<object_map<scalar>> passthrough_values;
};
BOOST_DESCRIBE_STRUCT(deployment_xemp_row, (),
                      (prediction_values, prediction_threshold, prediction, row_id, prediction_explanations,
                       passthrough_values))

/// The XEMP response body.
struct deployment_xemp_response {
    std::vector<deployment_xemp_row> data;
};
BOOST_DESCRIBE_STRUCT(deployment_xemp_response, (), (data))
constexpr std::string_view drx_schema_name(deployment_xemp_response const*) { return "deployment-xemp-response"; }

/// One SHAP explanation. Key order of seed 003: featureValue, strength, qualitativeStrength
/// (always null for SHAP), feature, label.
struct shap_explanation {
    scalar feature_value;
    number strength;
    nullable<std::string> qualitative_strength;
    std::string feature;
    scalar label;
};
BOOST_DESCRIBE_STRUCT(shap_explanation, (), (feature_value, strength, qualitative_strength, feature, label))

/// The SHAP metadata of a row. Key order of seed 003: warnings, remainingTotal, baseValue.
struct shap_metadata {
    /// Null in seed 003; its non-null shape is not documented (docs/reference/open-questions.md
    /// (Unknown)), so any JSON value is accepted and written back exactly.
    nullable<json_value> warnings;
    /// The SHAP contribution of the features not listed.
    number remaining_total;
    /// The model's average prediction, the start of the SHAP sum.
    number base_value;
};
BOOST_DESCRIBE_STRUCT(shap_metadata, (), (warnings, remaining_total, base_value))

/// One row of a SHAP response. Key order of seed 003: deploymentApprovalStatus, prediction,
/// predictionExplanations, rowId, predictionValues, predictionThreshold,
/// shapExplanationsMetadata; passthroughValues last (position not documented).
struct deployment_shap_row {
    std::optional<std::string> deployment_approval_status;
    scalar prediction;
    std::vector<shap_explanation> prediction_explanations;
    std::int64_t row_id = 0;
    std::vector<deployment_prediction_value> prediction_values;
    std::optional<number> prediction_threshold;
    shap_metadata shap_explanations_metadata;
    std::optional<object_map<scalar>> passthrough_values;
};
BOOST_DESCRIBE_STRUCT(deployment_shap_row, (),
                      (deployment_approval_status, prediction, prediction_explanations, row_id, prediction_values,
                       prediction_threshold, shap_explanations_metadata, passthrough_values))

/// The SHAP response body.
struct deployment_shap_response {
    std::vector<deployment_shap_row> data;
};
BOOST_DESCRIBE_STRUCT(deployment_shap_response, (), (data))
constexpr std::string_view drx_schema_name(deployment_shap_response const*) { return "deployment-shap-response"; }


// =============================================================================================
// Consistency of the responses (docs/reference/rule-sources.md (Consistency of responses)),
// optionally against their request
// =============================================================================================
//
// Every rule below is at level consistency. Rules that compare with the request read it from
// check() (`drx::check(response, options, query)` with a deployment_predictions_query, e.g. from
// `drx check --request QUERY`) and are skipped without it. How a row is read:
//   * its kind: the context's modelKind when given (regression; binary; multiclass and
//     clustering are "several classes"), else by shape: one predictionValues entry is a
//     regression row, two a binary row, more a row of several classes;
//   * the positive class of a binary row: the label of its explanations (they explain the
//     positive class), else its first predictionValues entry (the positive class comes first,
//     docs/reference/objects.md (Prediction explanations fixtures) and seed 003);
//   * its explained value: the positive-class probability (binary) or the prediction
//     (regression). Thresholds, the decision threshold and SHAP additivity use it; nothing is
//     known of them for several classes (docs/reference/open-questions.md (Unknown)), so
//     they skip such rows.
// Tolerances: class probabilities add up to 1 within 1e-6; SHAP additivity holds within
// 1e-8 * max(1, |value|) (seed 003's example holds to 6.2e-9).
// drx adds the rule id response.passthrough (no source names an id for it;
// docs/reference/rule-sources.md (Consistency of responses)).

/// The tolerance of response.shap.additivity, relative to max(1, |explained value|).
inline constexpr double shap_additivity_tolerance = 1e-8;
/// The tolerance of response.prediction_values.sum.
inline constexpr double prediction_values_sum_tolerance = 1e-6;

namespace detail::deployment_impl {

/// The request the deployment response rules compare against (the request given to check()).
inline constexpr auto deployment_request_types =
    rules::request_of<deployment_predictions_query>("deployment_predictions_query");

using response_rows::explained_value;
using response_rows::row_shape;
using response_rows::shape_of;

template <class Row>
constexpr explanation_algorithm algorithm_of() {
    return std::is_same_v<Row, deployment_shap_row> ? explanation_algorithm::shap : explanation_algorithm::xemp;
}

// ---- rules of a row -----------------------------------------------------------------------



/// baseValue + sum of strengths + remainingTotal minus the explained value of a SHAP row, or
/// std::nullopt when the row has no explained value (several classes, no probabilities).
inline std::optional<double> shap_additivity_residual(deployment_shap_row const& r, context const* ctx = nullptr) {
    auto v = explained_value(r, shape_of(r, ctx));
    if (!v) return std::nullopt;
    double sum = r.shap_explanations_metadata.base_value.value() + r.shap_explanations_metadata.remaining_total.value();
    for (auto const& e : r.prediction_explanations) sum += e.strength.value();
    return sum - *v;
}

inline void rule_shap_additivity(deployment_shap_row const& r, reporter& rep) {
    auto res = shap_additivity_residual(r, rep.ctx());
    if (!res) return;
    auto v = explained_value(r, shape_of(r, rep.ctx()));
    double tol = shap_additivity_tolerance * std::max(1.0, std::fabs(*v));
    if (!(std::fabs(*res) <= tol))
        rep.report(json_pointer("shapExplanationsMetadata"),
                   "baseValue + strengths + remainingTotal is " + python_number_text(*v + *res) + ", not the explained value " +
                       python_number_text(*v) + " (off by " + python_number_text(*res) + ")",
                   python_number_text(*v), python_number_text(*v + *res));
}

/// The facts of the deployment query the request rules compare with (response_rows.hpp):
/// maxExplanations per class (by the row's algorithm), the thresholds, and the classes a row
/// explains: explanationNumTopClasses (default 1) or explanationClassNames.
template <class Row>
std::optional<response_rows::request_facts> facts_of(reporter const& rep) {
    auto const* q = rep.request<deployment_predictions_query>();
    if (!q) return std::nullopt;
    response_rows::request_facts f;
    f.max_explanations = explanation_limit(*q, algorithm_of<Row>());
    f.threshold_low = q->threshold_low;
    f.threshold_high = q->threshold_high;
    // Without a class mode a row explains one class: the positive class, the target, or (for
    // multiclass and clustering) the predicted class.
    f.explained_classes = q->explanation_class_names ? static_cast<std::int64_t>(q->explanation_class_names->size())
                                                     : q->explanation_num_top_classes.value_or(1);
    f.class_names = q->explanation_class_names;
    f.classes_source = "explanationNumTopClasses, default 1, or len(explanationClassNames)";
    return f;
}

}  // namespace detail::deployment_impl

/// Where the row rules of the deployment responses (response_rows.hpp) find their request: a
/// deployment_predictions_query held by the context.
template <std::same_as<deployment_xemp_row> T>
std::optional<detail::response_rows::request_facts> drx_request_facts(T const*,
                                                                              reporter const& rep) {
    return detail::deployment_impl::facts_of<deployment_xemp_row>(rep);
}
template <std::same_as<deployment_shap_row> T>
std::optional<detail::response_rows::request_facts> drx_request_facts(T const*,
                                                                              reporter const& rep) {
    return detail::deployment_impl::facts_of<deployment_shap_row>(rep);
}
constexpr auto drx_request_types(deployment_xemp_row const*) {
    return detail::deployment_impl::deployment_request_types;
}
constexpr auto drx_request_types(deployment_shap_row const*) {
    return detail::deployment_impl::deployment_request_types;
}

namespace detail::deployment_impl {

template <class Row>
void rule_passthrough(Row const& r, reporter& rep) {
    auto const* q = rep.request<deployment_predictions_query>();
    if (!q) return;
    std::string ptr = json_pointer("passthroughValues");
    if (q->passthrough_columns_set == "all") {
        if (!r.passthrough_values)
            rep.report(ptr, "passthroughColumnsSet=all was asked for but the row has no passthroughValues",
                       "passthroughValues", "absent");
        return;
    }
    if (!q->passthrough_columns) {
        if (r.passthrough_values)
            rep.report(ptr, "passthroughValues without passthroughColumns in the request", "absent",
                       "passthroughValues");
        return;
    }
    if (!r.passthrough_values) {
        rep.report(ptr, "passthroughColumns were asked for but the row has no passthroughValues", "passthroughValues",
                   "absent");
        return;
    }
    // Linear in the columns and the row's keys: object_map::find is a hash lookup, and the
    // requested columns go into a hash set once per row.
    auto const& cols = *q->passthrough_columns;
    for (auto const& c : cols)
        if (!rep.stopped() && !r.passthrough_values->contains(c))
            rep.report(ptr, "passthroughValues lacks the requested column " + detail::json_quoted(c), detail::json_quoted(c), "absent");
    std::unordered_set<std::string_view> const requested(cols.begin(), cols.end());
    for (auto const& [k, v] : *r.passthrough_values)
        if (!rep.stopped() && !requested.contains(k))
            rep.report(json_pointer("passthroughValues", k), "passthroughValues holds column " + detail::json_quoted(k) +
                                                                 ", which was not requested",
                       "a requested column", detail::json_quoted(k));
}

/// The row rules of both response kinds: the rows' shared rules (response_rows.hpp), and the
/// passthrough values.
template <class Row>
auto deployment_row_rules() {
    using namespace drx::rules;
    return std::tuple(
        response_rows::row_rules<Row>(),
        std::tuple{custom<Row>{{"response.passthrough", severity::error, drx::level::consistency},
                               "passthroughValues echo exactly the requested passthroughColumns (any columns with "
                               "passthroughColumnsSet=all, none without passthrough)",
                               &rule_passthrough<Row>, needs::request, deployment_request_types}});
}

}  // namespace detail::deployment_impl

/// True when two labels name the same class, as Python's == says: numbers by value across
/// kinds (1 == 1.0 == True; seed 003's SHAP example labels the classes 1 and 0.0), strings
/// exactly, a string never equal to a number.
inline bool same_class_label(scalar const& a, scalar const& b) { return detail::pe_python_equal(a, b); }

/// baseValue + the strengths + remainingTotal, minus the row's positive-class probability
/// (binary) or prediction (regression); std::nullopt for rows of several classes. Seed 003's
/// example gives about 6.2e-9 (response.shap.additivity allows 1e-8 * max(1, |value|)).
inline std::optional<double> shap_additivity_residual(deployment_shap_row const& r, context const* ctx = nullptr) {
    return detail::deployment_impl::shap_additivity_residual(r, ctx);
}

/// Repairs a generated SHAP row (drx/tools/generate.hpp) after its row rules' own repairs:
/// small falling strengths, and remainingTotal making baseValue + strengths + remainingTotal
/// the explained value (response.shap.additivity).
template <class G>
void drx_fixup(deployment_shap_row& r, G&) {
    using namespace detail::deployment_impl;
    for (std::size_t i = 0; i < r.prediction_explanations.size(); ++i) {
        auto& e = r.prediction_explanations[i];
        double mag = 0.5 / static_cast<double>(i + 1);
        e.strength = drx::number(e.strength.value() < 0 ? -mag : mag);
    }
    auto v = explained_value(r, shape_of(r, nullptr));
    if (!v || !std::isfinite(*v)) return;
    auto& meta = r.shap_explanations_metadata;
    meta.base_value = drx::number(0.5);
    double sum = 0.5;
    for (auto const& e : r.prediction_explanations) sum += e.strength.value();
    meta.remaining_total = drx::number(*v - sum);
}

/// The consistency rules of an XEMP row (docs/reference/rule-sources.md (Consistency of
/// responses)).
template <std::same_as<deployment_xemp_row> T>
auto drx_rules(T const*) { return detail::deployment_impl::deployment_row_rules<T>(); }

/// The consistency rules of one XEMP explanation: one of the eight symbols, with the strength's
/// sign (one declaration with the records API's explanations, response_rows.hpp).
template <std::same_as<xemp_explanation> T>
auto drx_rules(T const*) { return detail::response_rows::symbol_rules<T>(); }

/// The consistency rules of a SHAP row (docs/reference/rule-sources.md (Consistency of responses)).
template <std::same_as<deployment_shap_row> T>
auto drx_rules(T const*) {
    using namespace drx::rules;
    constexpr auto c = drx::level::consistency;
    using E = shap_explanation;
    return std::tuple(
        std::tuple{
            member<&T::prediction_explanations>("response.qualitative.symbol",
                                                each{field<&E::qualitative_strength, forbidden>{}})
                .with_message("SHAP explanations carry no qualitativeStrength (null), got {value}")
                .with_expected("null")
                .at(c),
            custom<T>{{"response.shap.additivity", severity::error, c},
                      "baseValue + sum of strengths + remainingTotal equals the positive-class probability (or the "
                      "prediction), within 1e-8 * max(1, |value|)",
                      &detail::deployment_impl::rule_shap_additivity},
        },
        detail::deployment_impl::deployment_row_rules<T>());
}

/// The consistency rules of an XEMP response (docs/reference/rule-sources.md (Consistency of
/// responses)).
template <std::same_as<deployment_xemp_response> T>
auto drx_rules(T const*) {
    return std::tuple{detail::response_rows::row_id_rule<&deployment_xemp_response::data>()};
}

/// The consistency rules of a SHAP response (docs/reference/rule-sources.md (Consistency of
/// responses)).
template <std::same_as<deployment_shap_response> T>
auto drx_rules(T const*) {
    return std::tuple{detail::response_rows::row_id_rule<&deployment_shap_response::data>()};
}

/// The deployment family's schemas, in catalogue order.
using deployment_schemas =
    boost::mp11::mp_list<deployment_xemp_response, deployment_shap_response, deployment_error,
                         deployment_predictions_query, deployment_predictions_headers, batch_explanation_settings>;

}  // namespace drx
