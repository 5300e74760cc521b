// SPDX-License-Identifier: BSL-1.0
// drx: an OpenAPI 3.1 document of the documented endpoints, with every catalogue schema as a
// component (drx/tools/json_schema.hpp makes them from the declarations).
//
//     std::string doc = drx::openapi();        // what `drx openapi` prints
//
// The components are the JSON Schema documents with their `$defs` lifted into
// components.schemas (references rewritten). The endpoints are listed below as data, each
// naming its schemas by C++ type, so a renamed schema or a new member follows:
//   clustering      GET/PATCH clusterNames, GET/POST clusterInsights, GET the model,
//                   PATCH the project's aim (unsupervised options)
//   explanations    GET/POST the initialization, POST create (and on training data), GET the
//                   records and one record, GET a page of rows
//   batch           POST batchPredictions (the explanation fields of the job body)
//   deployment      POST predApi/v1.0/deployments/{deploymentId}/predictions (and the
//                   serverless api/v2/deployments/{deploymentId}/predictions): the path
//                   parameter, every query parameter of deployment_predictions_query with its
//                   type, the DataRobot-Key and Content-Encoding headers, bearer authorization,
//                   the XEMP and SHAP bodies, and the exact error bodies as examples
// Paths and bodies follow docs/json-schema.md and the family headers' comments.
#pragma once

#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <boost/mp11/algorithm.hpp>

#include <drx/api/deployment_server.hpp>
#include <drx/catalogue.hpp>
#include <drx/schemas.hpp>
#include <drx/tools/json_schema.hpp>
#include <drx/version.hpp>

namespace drx {

/// Options of the OpenAPI export.
struct openapi_options {
    json_schema_options schema;
    /// The server URL's default (a server variable, `host`).
    std::string_view host = "https://app.datarobot.com";
};

namespace detail::openapi_impl {

namespace bj = boost::json;

/// Rewrites `#/$defs/NAME` references to `#/components/schemas/NAME`, in place.
inline void rewrite_refs(bj::value& v) {
    if (v.is_object()) {
        for (auto& kv : v.as_object()) {
            if (kv.key() == "$ref" && kv.value().is_string()) {
                std::string_view r(kv.value().as_string().data(), kv.value().as_string().size());
                if (r.starts_with("#/$defs/")) kv.value() = "#/components/schemas/" + std::string(r.substr(8));
            } else {
                rewrite_refs(kv.value());
            }
        }
    } else if (v.is_array()) {
        for (auto& x : v.as_array()) rewrite_refs(x);
    }
}

template <class T>
std::string name() {
    return std::string(schema_name_of<T>());
}
inline bj::object component_ref(std::string_view component) {
    return bj::object{{"$ref", "#/components/schemas/" + std::string(component)}};
}
inline bj::object json_content(bj::value schema) {
    return bj::object{{"application/json", bj::object{{"schema", std::move(schema)}}}};
}
/// A response with a JSON body of schema `component`.
inline bj::object body_response(std::string_view description, std::string_view component) {
    return bj::object{{"description", description}, {"content", json_content(component_ref(component))}};
}
/// A `{"message": ...}` response with one example per text.
inline bj::object message_response(std::string_view description,
                                   std::initializer_list<std::pair<std::string_view, std::string_view>> texts) {
    bj::object examples;
    for (auto const& [key, text] : texts)
        examples[key] = bj::object{{"value", bj::object{{"message", text}}}};
    bj::object media{{"schema", component_ref(name<error_body>())}};
    if (!examples.empty()) media["examples"] = std::move(examples);
    return bj::object{{"description", description}, {"content", bj::object{{"application/json", std::move(media)}}}};
}
inline bj::object accepted_response(std::string_view what) {
    return bj::object{
        {"description", std::string("Accepted: ") + std::string(what) +
                            "; the Location header names the job to poll (projects/{projectId}/jobs/{jobId}/)"},
        {"headers", bj::object{{"Location", bj::object{{"schema", bj::object{{"type", "string"}}}}}}}};
}
inline bj::object path_parameter(std::string_view n, std::string_view description) {
    return bj::object{{"name", n},
                      {"in", "path"},
                      {"required", true},
                      {"description", description},
                      {"schema", bj::object{{"type", "string"}}}};
}
inline bj::object query_parameter(std::string_view n, bj::object schema, std::string_view description) {
    return bj::object{{"name", n}, {"in", "query"}, {"description", description}, {"schema", std::move(schema)}};
}
inline bj::object integer_schema(std::int64_t min) { return bj::object{{"type", "integer"}, {"minimum", min}}; }

/// The query parameters of a query struct Q, from its declaration: one per member, typed as
/// the JSON Schema export types it; lists as repeated parameters.
template <class Q>
bj::array query_parameters_of(json_schema_options const& opt) {
    bj::array out;
    json_schema_impl::exporter ex(opt);
    boost::mp11::mp_for_each<members_of<Q>>([&](auto d) {
        using D = decltype(d);
        using M = std::remove_cvref_t<decltype(std::declval<Q&>().*D::pointer)>;
        constexpr std::string_view w = wire_name_of<Q, D>();
        bj::object p{{"name", w}, {"in", "query"}, {"schema", ex.template type_schema<M>()}};
        if constexpr (is_vector<unwrap_t<M>>::value) {
            p["style"] = "form";
            p["explode"] = true;
        }
        out.push_back(std::move(p));
    });
    return out;
}

/// The documented endpoints.
inline bj::object paths(openapi_options const& opt) {
    bj::value project = path_parameter("projectId", "the project's id");
    bj::value model = path_parameter("modelId", "the model's id");
    bj::value offset = query_parameter("offset", integer_schema(0), "the first item of the page (default 0)");
    bj::value limit = query_parameter("limit", integer_schema(0), "the most items of the page");
    bj::value not_found_404 = message_response("Not found", {{"notFound", "Not Found"}});
    bj::object p;

    p["/api/v2/projects/{projectId}/models/{modelId}/clusterNames/"] = bj::object{
        {"parameters", bj::array{project, model}},
        {"get", bj::object{{"summary", "List the model's clusters (not paginated)"},
                           {"operationId", "listClusterNames"},
                           {"responses", bj::object{{"200", body_response("The clusters", name<cluster_list>())},
                                                    {"404", not_found_404}}}}},
        {"patch", bj::object{
                      {"summary", "Rename clusters"},
                      {"operationId", "renameClusters"},
                      {"requestBody", bj::object{{"required", true}, {"content", json_content(component_ref(name<cluster_rename_request>()))}}},
                      {"responses",
                       bj::object{{"200", body_response("The clusters after the rename", name<cluster_list>())},
                                  {"404", not_found_404},
                                  {"422", message_response("A rename the server refuses",
                                                           {{"unknownCluster", "No current cluster with name Cluster 1"}})}}}}}};

    p["/api/v2/projects/{projectId}/models/{modelId}/clusterInsights/"] = bj::object{
        {"parameters", bj::array{project, model}},
        {"get", bj::object{{"summary", "List the cluster insights, one per feature (paginated)"},
                           {"operationId", "listClusterInsights"},
                           {"parameters", bj::array{offset, limit}},
                           {"responses",
                            bj::object{{"200", body_response("A page of insights", name<cluster_insights_page>())},
                                       {"404", message_response("No insights, or no such model",
                                                                {{"notComputed", "There are no cluster insights available for this model yet."},
                                                                 {"notFound", "Not Found"}})}}}}},
        {"post", bj::object{{"summary", "Compute the cluster insights"},
                            {"operationId", "computeClusterInsights"},
                            {"responses", bj::object{{"202", accepted_response("the insights are being computed")}}}}}};

    p["/api/v2/projects/{projectId}/models/{modelId}/"] = bj::object{
        {"parameters", bj::array{project, model}},
        {"get", bj::object{{"summary", "Get a model (a clustering model here)"},
                           {"operationId", "getClusteringModel"},
                           {"responses", bj::object{{"200", body_response("The model", name<clustering_model>())}}}}}};

    p["/api/v2/projects/{projectId}/aim/"] = bj::object{
        {"parameters", bj::array{project}},
        {"patch", bj::object{{"summary", "Start modeling; the unsupervised clustering options of the project"},
                             {"operationId", "setTarget"},
                             {"requestBody", bj::object{{"required", true}, {"content", json_content(component_ref(name<unsupervised_project_options>()))}}},
                             {"responses", bj::object{{"202", accepted_response("the project is being set up")}}}}}};

    p["/api/v2/projects/{projectId}/models/{modelId}/predictionExplanationsInitialization/"] = bj::object{
        {"parameters", bj::array{project, model}},
        {"get", bj::object{{"summary", "Get the model's prediction explanations initialization"},
                           {"operationId", "getPredictionExplanationsInitialization"},
                           {"responses", bj::object{{"200", body_response("The initialization", name<prediction_explanations_initialization>())},
                                                    {"404", message_response("Not computed", {})}}}}},
        {"post", bj::object{{"summary", "Compute the initialization"},
                            {"operationId", "createPredictionExplanationsInitialization"},
                            {"responses", bj::object{{"202", accepted_response("the initialization is being computed")}}}}}};

    bj::value create_body =
        bj::object{{"required", true}, {"content", json_content(component_ref(name<prediction_explanations_create>()))}};
    struct create_route {
        char const *path, *summary, *operation;
    };
    for (auto const& c : {create_route{"/api/v2/projects/{projectId}/predictionExplanations/",
                                       "Compute prediction explanations for a dataset", "createPredictionExplanations"},
                          create_route{"/api/v2/projects/{projectId}/predictionExplanationsOnTrainingData/",
                                       "Compute prediction explanations on the training data (datetimePredictionPartition)",
                                       "createPredictionExplanationsOnTrainingData"}})
        p[c.path] = bj::object{
            {"parameters", bj::array{project}},
            {"post", bj::object{{"summary", c.summary},
                                {"operationId", c.operation},
                                {"requestBody", create_body},
                                {"responses", bj::object{{"202", accepted_response("the explanations are being computed")}}}}}};

    p["/api/v2/projects/{projectId}/predictionExplanationsRecords/"] = bj::object{
        {"parameters", bj::array{project}},
        {"get", bj::object{{"summary", "List the prediction explanations records"},
                           {"operationId", "listPredictionExplanationsRecords"},
                           {"parameters", bj::array{query_parameter("modelId", bj::object{{"type", "string"}}, "only this model's records"),
                                                    limit, offset}},
                           {"responses", bj::object{{"200", body_response("The records", name<prediction_explanations_record_list>())}}}}}};
    p["/api/v2/projects/{projectId}/predictionExplanationsRecords/{id}/"] = bj::object{
        {"parameters", bj::array{project, path_parameter("id", "the record's id")}},
        {"get", bj::object{{"summary", "Get a prediction explanations record"},
                           {"operationId", "getPredictionExplanationsRecord"},
                           {"responses", bj::object{{"200", body_response("The record", name<prediction_explanations_record>())}}}}}};
    p["/api/v2/projects/{projectId}/predictionExplanations/{id}/"] = bj::object{
        {"parameters", bj::array{project, path_parameter("id", "the record's id")}},
        {"get", bj::object{
                    {"summary", "Get a page of explained rows"},
                    {"operationId", "getPredictionExplanationsPage"},
                    {"parameters",
                     bj::array{offset, limit,
                               query_parameter("excludeAdjustedPredictions",
                                               bj::object{{"type", "string"}, {"enum", bj::array{"true", "false"}}},
                                               "leave out exposure-adjusted predictions (default \"true\")")}},
                    {"responses", bj::object{{"200", body_response("A page of rows", name<prediction_explanations_page>())}}}}}};

    p["/api/v2/batchPredictions/"] = bj::object{
        {"post", bj::object{{"summary", "Create a batch prediction job; its explanation fields (other job fields are not described)"},
                            {"operationId", "createBatchPrediction"},
                            {"requestBody", bj::object{{"required", true}, {"content", json_content(component_ref(name<batch_explanation_settings>()))}}},
                            {"responses", bj::object{{"202", accepted_response("the job is queued")}}}}}};

    // The prediction server's route, and the serverless one of the application (Bearer only,
    // no DataRobot-Key): one operation each.
    auto deployment_route = [&](std::string_view path, std::string_view operation, bool with_key) {
        bj::array dparams{bj::object{{"name", "deploymentId"},
                                     {"in", "path"},
                                     {"required", true},
                                     {"description", "the deployment's id: 24 hexadecimal digits"},
                                     {"schema", bj::object{{"type", "string"}, {"pattern", "^[0-9a-fA-F]{24}$"}}}}};
        for (auto& q : query_parameters_of<deployment_predictions_query>(opt.schema)) dparams.push_back(std::move(q));
        if (with_key)
            dparams.push_back(bj::object{{"name", "DataRobot-Key"},
                                         {"in", "header"},
                                         {"description", "the prediction server's key (managed cloud)"},
                                         {"schema", bj::object{{"type", "string"}}}});
        dparams.push_back(bj::object{{"name", "Content-Encoding"},
                                     {"in", "header"},
                                     {"description", "gzip when the body is compressed"},
                                     {"schema", bj::object{{"type", "string"}, {"enum", bj::array{"gzip"}}}}});
        bj::object scoring{{"schema", bj::object{{"type", "string"}}}};
        std::string dict_example = "{'max_codes': DataError(" + std::string(deployment_text::not_int) + ")}";
        p[path] = bj::object{
            {"post",
             bj::object{
                 {"summary", "Score rows with a deployment; with maxExplanations > 0, explain them (XEMP or SHAP)"},
                 {"operationId", operation},
                 {"parameters", std::move(dparams)},
                 {"security", bj::array{bj::object{{"bearer", bj::array{}}}}},
                 {"requestBody",
                  bj::object{{"required", true},
                             {"description", "the rows to score, at most 50 MB (52428800 bytes)"},
                             {"content", bj::object{{"text/csv", scoring},
                                                    {"text/plain; charset=UTF-8", scoring},
                                                    {"application/json", bj::object{{"schema", bj::object{}}}},
                                                    {"multipart/form-data", bj::object{{"schema", bj::object{{"type", "object"}}}}}}}}},
                 {"responses",
                  bj::object{
                      {"200",
                       bj::object{{"description", "The scored rows, with their explanations"},
                                  {"content", json_content(bj::object{{"oneOf", bj::array{component_ref(name<deployment_xemp_response>()),
                                                                                       component_ref(name<deployment_shap_response>())}}})}}},
                      {"400", message_response("A malformed query string or Content-Length", {{"badContentLength", deployment_text::bad_content_length}})},
                      {"401", message_response("Missing or malformed credentials",
                                               {{"missingAuthorization", deployment_text::missing_authorization},
                                                {"badAuthorization", deployment_text::bad_authorization}})},
                      {"404", message_response("A malformed or unknown deployment id",
                                               {{"badId", deployment_text::bad_id}, {"notFound", deployment_text::not_found}})},
                      {"413", message_response("A body over 50 MB", {{"tooLarge", deployment_text::body_too_large}})},
                      {"414", message_response("A query string over the limits", {})},
                      {"415", message_response("An unsupported Content-Type or Content-Encoding",
                                               {{"contentEncoding", deployment_text::bad_content_encoding}})},
                      {"422", message_response("Parameters the server refuses",
                                               {{"notAnInteger", dict_example},
                                                {"multiclass", deployment_text::multiclass},
                                                {"timeSeries", deployment_text::time_series}})}}}}}};
    };
    deployment_route("/predApi/v1.0/deployments/{deploymentId}/predictions", "deploymentPredictions", true);
    deployment_route("/api/v2/deployments/{deploymentId}/predictions", "deploymentPredictionsServerless", false);
    return p;
}

}  // namespace detail::openapi_impl

/// The OpenAPI 3.1 document, as a Boost.JSON object. (A template only so that it is compiled
/// where it is called.)
template <int = 0>
boost::json::object openapi_object(openapi_options const& opt = {}) {
    namespace bj = boost::json;
    namespace oi = detail::openapi_impl;
    bj::object schemas;
    bj::object defs;
    boost::mp11::mp_for_each<boost::mp11::mp_transform<std::type_identity, all_schemas>>([&](auto t) {
        using T = typename decltype(t)::type;
        bj::object doc = json_schema_object<T>(opt.schema);
        if (auto* d = doc.if_contains("$defs"))
            for (auto& kv : d->as_object())
                if (!defs.contains(kv.key())) defs[kv.key()] = kv.value();
        doc.erase("$defs");
        doc.erase("$schema");
        doc.erase("$id");
        schemas[oi::name<T>()] = std::move(doc);
    });
    // A nested struct that is a catalogue schema too is that schema's component.
    for (auto& kv : defs)
        if (!schemas.contains(kv.key())) schemas[kv.key()] = std::move(kv.value());
    bj::value s = std::move(schemas);
    oi::rewrite_refs(s);
    bj::object out{
        {"openapi", "3.1.0"},
        {"info", bj::object{{"title", "DataRobot clustering and prediction explanations APIs (drx)"},
                            {"version", drx::version_string},
                            {"description", "The objects of DataRobot's clustering and prediction explanations APIs, "
                                            "derived from drx's declarations; x-drx-rules lists what JSON Schema "
                                            "cannot say (docs/json-schema.md)."}}},
        {"jsonSchemaDialect", bj::string_view(json_schema_dialect.data(), json_schema_dialect.size())},
        {"servers", bj::array{bj::object{{"url", "{host}"},
                                         {"variables", bj::object{{"host", bj::object{{"default", opt.host}}}}}}}},
        {"paths", oi::paths(opt)},
        {"components", bj::object{{"schemas", std::move(s)},
                                  {"securitySchemes", bj::object{{"bearer", bj::object{{"type", "http"}, {"scheme", "bearer"}}}}}}}};
    return out;
}

/// The OpenAPI 3.1 document as indented text ending in a newline.
template <int N = 0>
std::string openapi(openapi_options const& opt = {}) {
    return detail::json_schema_impl::pretty_text(openapi_object<N>(opt));
}

}  // namespace drx
