// drx: deployment predictions with explanations (seed 003; wire-format.md sections 7 and 11.10).
//
// Responses of POST /predApi/v1.0/deployments/<id>/predictions with maxExplanations > 0:
//   deployment-xemp-response  {"data": [XEMP rows]}
//   deployment-shap-response  {"data": [SHAP rows, each with shapExplanationsMetadata]}
//   deployment-error          {"message": "..."}
// Key orders are those of seed 003's examples; XEMP and SHAP rows order their keys differently
// and each keeps its own (contract section 2.1).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/describe/class.hpp>
#include <boost/mp11/list.hpp>

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
    /// Classification rows only; absent in older responses (wire-format.md section 11.10).
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
    /// Null in seed 003; its non-null shape is not documented (wire-format.md section 14),
    /// so any JSON value is accepted and written back exactly.
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

/// An error body of the prediction server: {"message": "..."} (seed 003's errors list).
struct deployment_error {
    std::string message;
};
BOOST_DESCRIBE_STRUCT(deployment_error, (), (message))
constexpr std::string_view drx_schema_name(deployment_error const*) { return "deployment-error"; }

/// The deployment family's schemas, in catalogue order.
using deployment_schemas = boost::mp11::mp_list<deployment_xemp_response, deployment_shap_response, deployment_error>;

}  // namespace drx
