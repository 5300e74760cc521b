// SPDX-License-Identifier: BSL-1.0
// drx-mock's endpoints, shared by the files that implement them: service.cpp (routes, bodies,
// the clustering and prediction-explanations answers), predictions.cpp (the deployment
// predictions: the request checked, the canned rows shaped, the answer checked and written)
// and payloads.cpp / payloads_api.cpp (the payload files read and validated). The drx work is
// spread over these files because its template instantiations, not its headers, are what
// costs compile time and memory (docs/mock.md, "Building").
#pragma once

#include <cctype>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/describe/class.hpp>

#include <drx/api/clustering.hpp>
#include <drx/api/deployment.hpp>
#include <drx/api/deployment_server.hpp>
#include <drx/api/prediction_explanations.hpp>
#include <drx/context.hpp>
#include <drx/scalar.hpp>

#include "service.hpp"

namespace drx_mock {

// ---- the scenario file (docs/mock.md, "Scenarios") -------------------------------------------

struct scenario_deployment {
    std::string id;
    std::optional<drx::model_kind> model_kind;
    std::optional<drx::explanation_algorithm> algorithm;
};
BOOST_DESCRIBE_STRUCT(scenario_deployment, (), (id, model_kind, algorithm))

struct scenario_project {
    std::string id;
    std::optional<std::vector<std::string>> clustering_models;
    std::optional<std::vector<std::string>> prediction_explanations;
};
BOOST_DESCRIBE_STRUCT(scenario_project, (), (id, clustering_models, prediction_explanations))

struct scenario_file {
    std::optional<bool> managed_cloud;
    std::optional<std::string> payloads;
    std::optional<std::vector<scenario_deployment>> deployments;
    std::optional<std::vector<scenario_project>> projects;
};
BOOST_DESCRIBE_STRUCT(scenario_file, (), (managed_cloud, payloads, deployments, projects))

namespace detail {

inline answer error(unsigned status, std::string_view message) { return {status, error_body(message), "application/json", {}}; }

inline std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

inline bool iequal(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
    });
}

/// The rows a predictions request sends: the column names (a CSV header, which may repeat a
/// name; a JSON body's keys in the order they first appear) and each row's values by column
/// position (a CSV row may be shorter than its header).
struct table {
    std::vector<std::string> columns;
    std::vector<std::vector<drx::scalar>> rows;
};

struct refusal {
    unsigned status;
    std::string message;
};

struct deployment {
    std::string id;
    drx::model_kind kind = drx::model_kind::binary;
    drx::explanation_algorithm algorithm = drx::explanation_algorithm::xemp;
};

/// A predictions request checked as the real server checks it.
struct prediction {
    drx::context ctx;
    drx::deployment_predictions_headers headers;
    drx::predictions_request_check checked;
};

// predictions.cpp

/// Checks a predictions request (path id, query, headers) as the real server does, with the
/// facts of the deployment it names; the refusal to send, or std::nullopt with `p` filled in.
/// `serverless`: the /api/v2/deployments/ route, which takes Bearer authorization only.
std::optional<answer> check_prediction(request const& r, std::string_view id, std::string_view query, bool serverless,
                                       std::vector<deployment> const& deployments, bool managed_cloud, bool log,
                                       prediction& p);
/// The answer to an accepted request: one row per row of `t`, from the canned rows.
answer score(prediction const& p, table const& t, drx::deployment_xemp_response const& xemp,
             drx::deployment_shap_response const& shap);

// payloads.cpp, payloads_api.cpp: read and validate a payload file (the reasons printed).

bool load_payload(std::filesystem::path const& file, drx::deployment_xemp_response& out);
bool load_payload(std::filesystem::path const& file, drx::deployment_shap_response& out);
bool load_payload(std::filesystem::path const& file, drx::cluster_list& out);
bool load_payload(std::filesystem::path const& file, drx::cluster_insights_page& out);
bool load_payload(std::filesystem::path const& file, drx::prediction_explanations_record& out);
bool load_payload(std::filesystem::path const& file, drx::prediction_explanations_page& out);
/// The scenario file (unknown keys are errors), or std::nullopt with the reasons printed.
std::optional<scenario_file> read_scenario(std::filesystem::path const& file);

}  // namespace detail
}  // namespace drx_mock
