// SPDX-License-Identifier: BSL-1.0
// drx: requests of the deployment predictions endpoint, and batch explanation settings
// (seed 003; docs/reference/objects.md (Deployment predictions, Batch explanation settings),
// docs/reference/query-conversions.md, docs/reference/errors.md and
// docs/reference/rule-sources.md).
//
//   deployment-predictions-query    the query parameters of
//                                   POST /predApi/v1.0/deployments/<id>/predictions
//   deployment-predictions-headers  its request headers
//   batch-explanation-settings      the explanation fields of a batch prediction job body
//
// A query string is read with drx::read_query<deployment_predictions_query>() and written
// with drx::write_query() (drx/query.hpp, the query-string format, beside JSON); both are
// derived from the struct's declaration, as JSON reading and writing are. The server side,
// drx::check_predictions_request(), is in drx/api/deployment_server.hpp.
//
// How a query string is decoded (the real server is a Python WSGI application; drx follows
// Werkzeug's / urllib.parse.parse_qsl's form decoding, which is what Flask's request.args
// does): parameters are separated by '&' only (not ';'); empty parts are skipped; a part
// without '=' is a parameter with an empty value; '+' is a space; %XX is the byte XX; the
// bytes must then be UTF-8. Where Werkzeug is lenient (it keeps a malformed "%zz" as is and
// replaces invalid UTF-8 with U+FFFD), drx refuses with a clear error instead
// (schema.syntax; the server entry point answers 400 with a drx message).
// A parameter given twice that is not a list keeps its first value (MultiDict.get), with a
// schema.duplicate_key warning. Unknown parameters are accepted with a schema.unknown_key
// warning.
//
// How a query string is built: as the Python client's `requests` builds one
// (urllib.parse.urlencode with quote_plus): members in declared order, lists as repeated
// parameters, A-Z a-z 0-9 _ . - ~ kept, space as '+', every other byte as %XX (upper case);
// integers in decimal, floats as Python's str(float) (repr), booleans as "true" / "false".
// Reading what drx builds gives the same object back, and building what drx reads from a
// string it built gives the same string back.
//
// Values are converted exactly as the real server's trafaret 1.x does
// (docs/reference/query-conversions.md (Trafaret versions)): integers with Python's int(), floats
// with float(), booleans with StrBool's spellings; drx/detail/python_numbers.hpp implements them.
//
// Rule ids (docs/reference/rule-sources.md) and the ids drx adds (named "drx" below):
//   deployment.max_explanations.type, deployment.threshold_low.type,
//   deployment.threshold_high.type, deployment.exclude_adjusted.type,
//   deployment.prediction_warning.type       value conversion (exact trafaret texts)
//   explanations.max.range, explanations.max.all_requires_shap, explanations.threshold.finite,
//   explanations.threshold.order (warning), mode.num_top_classes.range, mode.class_names.size,
//   mode.class_names.item, mode.class_names.unique, mode.model_kind, mode.exclusive (batch)
//   deployment.class_modes.exclusive, deployment.passthrough_set, deployment.multiclass,
//   deployment.time_series, deployment.bad_id, deployment.not_found, deployment.authorization,
//   deployment.content_type, deployment.content_encoding, deployment.body_size
//   drx: deployment.max_codes.deprecated (warning; maxCodes, the old name of maxExplanations),
//        explanations.max_ngram (maxNgramExplanations is an integer >= 0 or "all"),
//        explanations.algorithm (explanationAlgorithm is "shap" or "xemp"),
//        explanations.algorithm.model (it is the model's algorithm, context),
//        deployment.model_kind (a model kind the policy refuses, other than multiclass and
//        time series: "<Kind> models cannot be used for Prediction Explanations"),
//        batch.prediction_threshold.range (predictionThreshold in [0, 1]),
//        batch.passthrough.precedence (warning: passthroughColumnsSet "all" wins)
#pragma once

#include <concepts>
#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include <boost/describe/class.hpp>
#include <boost/mp11/algorithm.hpp>

#include <drx/api/explanations_mode.hpp>
#include <drx/detail/actual_text.hpp>
#include <drx/query_options.hpp>
#include <drx/context.hpp>
#include <drx/detail/base64.hpp>
#include <drx/detail/traits.hpp>
#include <drx/rules.hpp>
#include <drx/scalar.hpp>
#include <drx/wire_name.hpp>

namespace drx {

// =============================================================================================
// deployment-predictions-query
// =============================================================================================

/// The query parameters of POST /predApi/v1.0/deployments/<id>/predictions (seed 003's argument
/// table, then the parameters the other sources add; docs/reference/objects.md (Query parameters)).
/// Every member is optional; members are in the order of seed 003's table, which is the order of
/// the JSON form (`drx query` prints it) and of write_query().
struct deployment_predictions_query {
    /// An integer in [0, 100], or "all" (SHAP only). 0 with XEMP: no explanations; 0 or "all"
    /// with SHAP: every explanation (docs/reference/objects.md (Query parameters)).
    std::optional<scalar> max_explanations;
    /// The deprecated name of maxExplanations (seed 003); maxExplanations wins when both come.
    std::optional<scalar> max_codes;
    /// Rows whose prediction is below this are explained.
    std::optional<double> threshold_low;
    /// Rows whose prediction is above this are explained.
    std::optional<double> threshold_high;
    /// Leave exposure-adjusted predictions out (the server's default is true).
    std::optional<bool> exclude_adjusted_predictions;
    /// Multiclass: explain the top N classes, N in [1, 10].
    std::optional<std::int64_t> explanation_num_top_classes;
    /// Multiclass: explain these classes (repeated parameter, percent-encoded UTF-8).
    std::optional<std::vector<std::string>> explanation_class_names;
    /// Columns of the request body echoed per row in passthroughValues (repeated parameter).
    std::optional<std::vector<std::string>> passthrough_columns;
    /// "all": echo every column; wins over passthroughColumns.
    std::optional<std::string> passthrough_columns_set;
    /// Regression: add prediction warnings.
    std::optional<bool> prediction_warning_enabled;
    /// Text n-gram explanations: an integer >= 0 or "all" (docs/reference/objects.md (Query
    /// parameters)).
    std::optional<scalar> max_ngram_explanations;
    /// "shap" or "xemp" (docs/reference/objects.md (Query parameters)); must be the model's
    /// algorithm.
    std::optional<std::string> explanation_algorithm;
};
BOOST_DESCRIBE_STRUCT(deployment_predictions_query, (),
                      (max_explanations, max_codes, threshold_low, threshold_high, exclude_adjusted_predictions,
                       explanation_num_top_classes, explanation_class_names, passthrough_columns,
                       passthrough_columns_set, prediction_warning_enabled, max_ngram_explanations,
                       explanation_algorithm))
constexpr std::string_view drx_schema_name(deployment_predictions_query const*) {
    return "deployment-predictions-query";
}

/// The server's internal keys, in the order several bad parameters are reported.
///
/// The real Dict's definition order is not published; drx uses the order of seed 003's error
/// list (max_codes, threshold_high, threshold_low, exclude_adjusted_predictions), then the
/// remaining parameters in the order of seed 003's argument table. The keys other than those
/// four are drx's, by analogy (snake_case of the wire name). predictionWarningEnabled is
/// reported alone, in seed 003's other form.
constexpr auto drx_query_params(deployment_predictions_query const*) {
    return std::array{
        query_param{"max_explanations", "max_codes", "deployment.max_explanations.type"},
        query_param{"max_codes", "max_codes", "deployment.max_explanations.type"},
        query_param{"threshold_high", "threshold_high", "deployment.threshold_high.type"},
        query_param{"threshold_low", "threshold_low", "deployment.threshold_low.type"},
        query_param{"exclude_adjusted_predictions", "exclude_adjusted_predictions", "deployment.exclude_adjusted.type"},
        query_param{"explanation_num_top_classes", "explanation_num_top_classes", "schema.type"},
        query_param{"explanation_class_names", "explanation_class_names", "mode.class_names.item"},
        query_param{"passthrough_columns", "passthrough_columns", "schema.type"},
        query_param{"passthrough_columns_set", "passthrough_columns_set", "deployment.passthrough_set"},
        query_param{"max_ngram_explanations", "max_ngram_explanations", "explanations.max_ngram"},
        query_param{"explanation_algorithm", "explanation_algorithm", "explanations.algorithm"},
        query_param{"prediction_warning_enabled", "", "deployment.prediction_warning.type"},
    };
}

/// The exact texts of seed 003's errors list.
namespace deployment_text {
inline constexpr std::string_view bad_id = "Bad request";
inline constexpr std::string_view not_found = "Not found";
inline constexpr std::string_view multiclass = "Multiclass models cannot be used for Prediction Explanations";
inline constexpr std::string_view time_series =
    "This endpoint does not support predictions on time series models. Please use the timeSeriesPredictions "
    "route instead.";
/// trafaret's DataError texts (docs/reference/errors.md (trafaret DataError)).
inline constexpr std::string_view not_int = "value can't be converted to int";
inline constexpr std::string_view not_float = "value can't be converted to float";
inline constexpr std::string_view not_bool = "value can't be converted to Bool";
/// trafaret's Atom("all") text, for passthroughColumnsSet (drx: the real text is not published).
inline constexpr std::string_view not_all = "value is not exactly 'all'";
/// trafaret's Enum text, for explanationAlgorithm (drx: the real text is not published).
inline constexpr std::string_view no_variant = "value doesn't match any variant";
}  // namespace deployment_text

/// The maxExplanations the server uses: maxExplanations, else the deprecated maxCodes.
inline std::optional<scalar> const& requested_max_explanations(deployment_predictions_query const& q) {
    return q.max_explanations ? q.max_explanations : q.max_codes;
}

/// How many explanations per row (and per explained class) a query asks for, with algorithm
/// `alg`: 0 = none (no maxExplanations, or 0 with XEMP); std::nullopt = every explanation
/// ("all", or 0 with SHAP; docs/reference/objects.md (Query parameters)).
inline std::optional<std::int64_t> explanation_limit(deployment_predictions_query const& q, explanation_algorithm alg) {
    auto const& m = requested_max_explanations(q);
    if (!m) return 0;
    if (m->is_string()) return std::nullopt;  // "all" (validated by the rules)
    std::int64_t n = 0;
    if (m->is_integer()) {
        n = m->as_integer();
    } else if (m->is_float()) {  // the JSON form may say 5.0; anything odd was refused by the rules
        double d = m->as_float();
        n = !(d > 0) ? 0 : d >= 9.2e18 ? std::numeric_limits<std::int64_t>::max() : static_cast<std::int64_t>(d);
    }
    if (n == 0 && alg == explanation_algorithm::shap) return std::nullopt;
    return n < 0 ? 0 : n;
}

/// True when the query asks for explanations with algorithm `alg`.
inline bool explanations_requested(deployment_predictions_query const& q, explanation_algorithm alg) {
    auto l = explanation_limit(q, alg);
    return !l || *l > 0;
}

namespace detail::deployment_impl {

/// explanations.max_ngram on member M (a scalar): an integer >= 0 or "all", with the server's
/// texts (the query's 422 bodies; the batch settings say the same). One declaration for both.
template <auto M>
constexpr auto max_ngram_rule() {
    return rules::member<M>("explanations.max_ngram", rules::int_or_literal{"all", 0})
        .with_message(deployment_text::not_int);
}

/// explanations.algorithm.model on member M (explanationAlgorithm): "shap" or "xemp" is the
/// model's algorithm.
template <auto M>
constexpr auto algorithm_model_rule() {
    return rules::member<M>("explanations.algorithm.model", rules::equals_fact<&context::algorithm>{})
        .with_message("explanationAlgorithm is {} but the model's explanations are {fact}: XEMP and SHAP are "
                      "mutually exclusive");
}

}  // namespace detail::deployment_impl

/// The rules of the query (docs/reference/rule-sources.md). Conversion failures of query text are
/// reported when reading (read_query); these rules also check the JSON form.
template <std::same_as<deployment_predictions_query> T>
auto drx_rules(T const*) {
    using detail::abbreviate;
    using detail::actual_text;
    using namespace drx::rules;
    constexpr auto not_shap = negate(fact_in<&context::algorithm>(explanation_algorithm::shap));
    return std::tuple(std::tuple{
        member<&T::max_explanations>("deployment.max_explanations.type", int_or_literal{"all"})
            .with_message(deployment_text::not_int),
        member<&T::max_codes>("deployment.max_explanations.type", int_or_literal{"all"})
            .with_message(deployment_text::not_int),
        member<&T::max_explanations>("explanations.max.range", range{0, 100}),
        member<&T::max_codes>("explanations.max.range", range{0, 100}),
        member<&T::max_explanations>("explanations.max.all_requires_shap", none_of{"all"})
            .with_message(deployment_text::not_int)
            .with_expected("an integer (\"all\" is for SHAP models)")
            .when(not_shap),
        member<&T::max_codes>("explanations.max.all_requires_shap", none_of{"all"})
            .with_message(deployment_text::not_int)
            .with_expected("an integer (\"all\" is for SHAP models)")
            .when(not_shap),
        deprecated<&T::max_codes, &T::max_explanations>{{"deployment.max_codes.deprecated", severity::warning}},
        member<&T::threshold_low>("explanations.threshold.finite", finite_number{}),
        member<&T::threshold_high>("explanations.threshold.finite", finite_number{}),
        ordered<&T::threshold_low, &T::threshold_high>{{"explanations.threshold.order", severity::warning},
                                                       threshold_order_consequence},
    },
        detail::mode_member_rules<&T::explanation_num_top_classes, &T::explanation_class_names>(
            "deployment.class_modes.exclusive"),
        detail::mode_model_kind<&T::explanation_num_top_classes, &T::explanation_class_names>(),
        std::tuple{
        member<&T::passthrough_columns_set>("deployment.passthrough_set", one_of{"all"})
            .with_message(deployment_text::not_all),
        detail::deployment_impl::max_ngram_rule<&T::max_ngram_explanations>(),
        member<&T::explanation_algorithm>("explanations.algorithm", one_of{"shap", "xemp"})
            .with_message(deployment_text::no_variant),
        detail::deployment_impl::algorithm_model_rule<&T::explanation_algorithm>(),
        require<nullptr>("deployment.time_series", negate(fact_in<&context::model_kind>(model_kind::time_series)),
                         deployment_text::time_series),
        custom<T>{{"deployment.multiclass"},
                  "multiclass models get no prediction explanations (seed 003)",
                  [](T const& q, reporter& rep) {
                      context const& c = *rep.ctx();
                      if (*c.model_kind != model_kind::multiclass) return;
                      // A maxExplanations that does not convert is that rule's error alone: the
                      // server answers the conversion first (tests/data/deployment/seed003_errors.txt).
                      auto const& m = requested_max_explanations(q);
                      if (m && detail::int_or_literal_failure(rules::int_or_literal{"all"}, *m) != 0) return;
                      if (explanations_requested(q, c.algorithm.value_or(explanation_algorithm::xemp)))
                          rep.report("", std::string(deployment_text::multiclass));
                  },
                  needs::model_kind, {},
                  // repair: a multiclass model's query asks for no explanations
                  [](T& q, entropy&, context const* c) {
                      if (c && c->model_kind == model_kind::multiclass) {
                          q.max_explanations.reset();
                          q.max_codes.reset();
                      }
                  },
                  // near miss: explanations asked of a multiclass model
                  [](T& q, entropy&, context const* c, std::vector<mutation_site>& out) {
                      if (c && c->model_kind == model_kind::multiclass)
                          out.push_back({"deployment.multiclass", "", "explanations asked of a multiclass model", false,
                                         level::rules, severity::error, [&q] {
                                             q.max_explanations = scalar(std::int64_t{3});
                                             return true;
                                         }});
                  }},
    });
}

// =============================================================================================
// deployment-predictions-headers
// =============================================================================================

/// The request headers of the deployment predictions endpoint (seed 003's header table,
/// docs/reference/objects.md (Headers) and docs/reference/limits.md). Read from a JSON object of
/// header name to string value; header names are case-insensitive (read_headers() in
/// drx/api/deployment_headers_json.hpp, headers_from_fields()).
struct deployment_predictions_headers {
    /// Required: "Bearer <API key>"; the deprecated "Token <API key>" and
    /// "Basic <base64 of username:API key>" are accepted with a warning.
    std::optional<std::string> authorization;
    /// Required on DataRobot's managed cloud (context managedCloud).
    std::optional<std::string> datarobot_key;
    /// text/plain; charset=UTF-8, text/csv, application/json or multipart/form-data.
    std::optional<std::string> content_type;
    /// gzip only.
    std::optional<std::string> content_encoding;
    /// The body size in bytes, at most 52428800 (50 MB), as a decimal string.
    std::optional<std::string> content_length;
};
BOOST_DESCRIBE_STRUCT(deployment_predictions_headers, (),
                      (authorization, datarobot_key, content_type, content_encoding, content_length))
constexpr auto drx_wire_names(deployment_predictions_headers const*) {
    return std::array{rename{"authorization", "Authorization"}, rename{"datarobot_key", "DataRobot-Key"},
                      rename{"content_type", "Content-Type"}, rename{"content_encoding", "Content-Encoding"},
                      rename{"content_length", "Content-Length"}};
}
constexpr std::string_view drx_schema_name(deployment_predictions_headers const*) {
    return "deployment-predictions-headers";
}

/// The largest request body the prediction server takes: 50 MB (docs/reference/limits.md
/// (Deployment predictions)).
inline constexpr std::uint64_t deployment_body_limit = 52428800;

/// drx's own texts for header errors (the real server's texts are not published).
namespace deployment_text {
inline constexpr std::string_view missing_authorization =
    "Missing Authorization header: send \"Authorization: Bearer <API key>\"";
inline constexpr std::string_view bad_authorization =
    "Invalid Authorization header: expected \"Bearer <API key>\" (or the deprecated \"Token <API key>\" or "
    "\"Basic <base64 of username:API key>\")";
inline constexpr std::string_view missing_datarobot_key =
    "Missing DataRobot-Key header: the managed AI Platform requires it";
inline constexpr std::string_view body_too_large = "Request body is larger than the 50 MB limit (52428800 bytes)";
inline constexpr std::string_view bad_content_length = "Invalid Content-Length header: expected a decimal number";
inline constexpr std::string_view bad_content_type =
    "Unsupported Content-Type: expected text/plain; charset=UTF-8, text/csv, application/json or "
    "multipart/form-data";
inline constexpr std::string_view bad_content_encoding = "Unsupported Content-Encoding: only gzip is supported";
}  // namespace deployment_text

namespace detail::deployment_impl {

inline std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

inline std::string_view trim_ows(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}


/// The forms of an Authorization value.
enum class auth_form { bearer, token, basic, invalid };

inline auth_form authorization_form(std::string_view v) {
    v = trim_ows(v);
    std::size_t sp = v.find(' ');
    if (sp == std::string_view::npos) return auth_form::invalid;
    std::string scheme = ascii_lower(v.substr(0, sp));
    std::string_view cred = trim_ows(v.substr(sp + 1));
    if (cred.empty() || cred.find_first_of(" \t") != std::string_view::npos) return auth_form::invalid;
    if (scheme == "bearer") return auth_form::bearer;
    if (scheme == "token") return auth_form::token;
    if (scheme == "basic") {
        auto d = base64_decode(cred);
        if (!d || d->find(':') == std::string::npos) return auth_form::invalid;
        return auth_form::basic;
    }
    return auth_form::invalid;
}

/// True for a documented Content-Type: the media type (case-insensitive) among text/plain,
/// text/csv, application/json and multipart/form-data; a charset parameter, when given on a
/// text type, is UTF-8; multipart/form-data has a boundary.
inline bool documented_content_type(std::string_view v) {
    std::size_t semi = v.find(';');
    std::string type = ascii_lower(trim_ows(v.substr(0, semi)));
    if (type != "text/plain" && type != "text/csv" && type != "application/json" && type != "multipart/form-data")
        return false;
    bool boundary = false;
    while (semi != std::string_view::npos) {
        std::size_t next = v.find(';', semi + 1);
        std::string_view param = trim_ows(v.substr(semi + 1, next == std::string_view::npos ? next : next - semi - 1));
        semi = next;
        if (param.empty()) continue;
        std::size_t eq = param.find('=');
        if (eq == std::string_view::npos) return false;
        std::string key = ascii_lower(trim_ows(param.substr(0, eq)));
        std::string_view val = trim_ows(param.substr(eq + 1));
        if (val.size() >= 2 && val.front() == '"' && val.back() == '"') val = val.substr(1, val.size() - 2);
        if (key == "charset" && type.rfind("text/", 0) == 0 && ascii_lower(val) != "utf-8") return false;
        if (key == "boundary" && !val.empty()) boundary = true;
    }
    return type != "multipart/form-data" || boundary;
}

}  // namespace detail::deployment_impl

namespace detail::deployment_impl {
inline bool valid_authorization(std::string_view v) { return authorization_form(v) != auth_form::invalid; }
inline bool gzip_coding(std::string_view v) { return ascii_lower(trim_ows(v)) == "gzip"; }
}  // namespace detail::deployment_impl

/// The rules of the headers (docs/reference/rule-sources.md). Messages are drx's (documented
/// above).
template <std::same_as<deployment_predictions_headers> T>
auto drx_rules(T const*) {
    using detail::abbreviate;
    using namespace drx::rules;
    namespace impl = detail::deployment_impl;
    return std::tuple{
        require<&T::authorization>("deployment.authorization", present<&T::authorization>{},
                                   deployment_text::missing_authorization, "Bearer <API key>"),
        member<&T::authorization>("deployment.authorization",
                                  format{"authorization", &impl::valid_authorization, "Bearer key", "Digest key"})
            .with_message(deployment_text::bad_authorization)
            .with_expected("Bearer <API key>"),
        custom<T>{{"deployment.authorization", severity::warning},
                  "the Token and Basic forms of Authorization are deprecated",
                  [](T const& h, reporter& rep) {
                      if (!h.authorization) return;
                      auto f = impl::authorization_form(*h.authorization);
                      if (f == impl::auth_form::token || f == impl::auth_form::basic)
                          rep.report(json_pointer(wire_name<&T::authorization>()),
                                     std::string(f == impl::auth_form::token ? "Token" : "Basic") +
                                         " authorization is deprecated: use \"Bearer <API key>\"");
                  },
                  needs::nothing, {}, nullptr,
                  // near miss: the deprecated Token form
                  [](T& h, entropy&, context const*, std::vector<mutation_site>& out) {
                      out.push_back({"deployment.authorization", "/Authorization", "the deprecated Token form", false,
                                     level::rules, severity::warning, [&h] {
                                         h.authorization = "Token key";
                                         return true;
                                     }});
                  }},
        require<&T::datarobot_key>("deployment.authorization", filled<&T::datarobot_key>{},
                                   deployment_text::missing_datarobot_key, "a DataRobot-Key")
            .when(fact_in<&context::managed_cloud>(true)),
        member<&T::content_length>("deployment.body_size", format{"decimal", &detail::decimal_text, "12", "12 bytes"})
            .with_message(deployment_text::bad_content_length)
            .with_expected("a decimal number"),
        member<&T::content_length>("deployment.body_size", decimal_at_most{deployment_body_limit})
            .with_message(deployment_text::body_too_large),
        member<&T::content_type>("deployment.content_type",
                                 format{"media-type", &impl::documented_content_type, "text/csv", "image/png"})
            .with_message(deployment_text::bad_content_type)
            .with_expected("text/plain; charset=UTF-8, text/csv, application/json or multipart/form-data"),
        member<&T::content_encoding>("deployment.content_encoding",
                                     format{"content-coding", &impl::gzip_coding, "gzip", "br"})
            .with_message(deployment_text::bad_content_encoding)
            .with_expected("gzip"),
    };
}

namespace detail::deployment_impl {

/// The described member of T whose wire name equals `name` ignoring ASCII case, or "".
template <class T>
std::string_view wire_name_ci(std::string_view name) {
    std::string_view found;
    std::string lower = ascii_lower(name);
    boost::mp11::mp_for_each<members_of<T>>([&](auto d) {
        constexpr std::string_view w = wire_name_of<T, decltype(d)>();
        if (found.empty() && ascii_lower(w) == lower) found = w;
    });
    return found;
}

}  // namespace detail::deployment_impl

// =============================================================================================
// batch-explanation-settings
// =============================================================================================

/// The explanation fields of a batch prediction job body, POST /api/v2/batchPredictions/
/// (docs/reference/objects.md (Batch explanation settings)), in the order of its table. The class
/// modes use the batch-route names explanationNumTopClasses / explanationClassNames (the project
/// routes say numTopClasses / classNames). Other keys of a job body are unknown keys here.
struct batch_explanation_settings {
    /// An integer in [0, 100]; 0 (the default) computes no explanations.
    std::optional<std::int64_t> max_explanations;
    /// An integer >= 0 or "all"; none are computed by default.
    std::optional<scalar> max_ngram_explanations;
    /// "shap" or "xemp" (the default).
    std::optional<std::string> explanation_algorithm;
    std::optional<double> threshold_high;
    std::optional<double> threshold_low;
    /// Multiclass: the top N classes, N in [1, 10].
    std::optional<std::int64_t> explanation_num_top_classes;
    /// Multiclass: these classes (1 to 10, distinct, non-empty).
    std::optional<std::vector<std::string>> explanation_class_names;
    /// In [0, 1], or null (client 3.4.0 and later).
    std::optional<nullable<double>> prediction_threshold;
    std::optional<bool> prediction_warning_enabled;
    /// "all" only; wins over passthroughColumns.
    std::optional<std::string> passthrough_columns_set;
    std::optional<std::vector<std::string>> passthrough_columns;
    /// Default true; the client sends it only when false.
    std::optional<bool> include_probabilities;
    /// Default false; the client sends it only when true.
    std::optional<bool> include_prediction_status;
    /// Default false; the client sends it only when true.
    std::optional<bool> skip_drift_tracking;
    /// Default true; the client sends it only when false.
    std::optional<bool> abort_on_error;
};
BOOST_DESCRIBE_STRUCT(batch_explanation_settings, (),
                      (max_explanations, max_ngram_explanations, explanation_algorithm, threshold_high, threshold_low,
                       explanation_num_top_classes, explanation_class_names, prediction_threshold,
                       prediction_warning_enabled, passthrough_columns_set, passthrough_columns,
                       include_probabilities, include_prediction_status, skip_drift_tracking, abort_on_error))
constexpr std::string_view drx_schema_name(batch_explanation_settings const*) { return "batch-explanation-settings"; }

/// What a batch job echoes of the scoring data (docs/reference/objects.md (Batch explanation
/// settings): passthroughColumnsSet "all" wins; anything else means the columns list when given).
struct passthrough_choice {
    /// Every column.
    bool all = false;
    /// These columns (empty and !all: none).
    std::vector<std::string> columns;
};

/// The passthrough a batch job applies, by the client's precedence.
inline passthrough_choice effective_passthrough(batch_explanation_settings const& s) {
    if (s.passthrough_columns_set == "all") return {true, {}};
    return {false, s.passthrough_columns.value_or(std::vector<std::string>{})};
}

/// The explanation algorithm a batch job uses (xemp unless explanationAlgorithm says shap).
inline explanation_algorithm effective_algorithm(batch_explanation_settings const& s) {
    return s.explanation_algorithm == "shap" ? explanation_algorithm::shap : explanation_algorithm::xemp;
}

/// The rules of the batch settings (docs/reference/rule-sources.md; docs/reference/objects.md
/// (Batch explanation settings) and docs/reference/limits.md).
template <std::same_as<batch_explanation_settings> T>
auto drx_rules(T const*) {
    using detail::abbreviate;
    using detail::actual_text;
    using namespace drx::rules;
    return std::tuple(std::tuple{
        member<&T::max_explanations>("explanations.max.range", range{0, 100}),
        detail::deployment_impl::max_ngram_rule<&T::max_ngram_explanations>(),
        member<&T::explanation_algorithm>("explanations.algorithm", one_of{"shap", "xemp"}),
        detail::deployment_impl::algorithm_model_rule<&T::explanation_algorithm>(),
        member<&T::threshold_high>("explanations.threshold.finite", finite_number{}),
        member<&T::threshold_low>("explanations.threshold.finite", finite_number{}),
        ordered<&T::threshold_low, &T::threshold_high>{{"explanations.threshold.order", severity::warning},
                                                       threshold_order_consequence},
    },
        detail::mode_member_rules<&T::explanation_num_top_classes, &T::explanation_class_names>(),
        detail::mode_model_kind<&T::explanation_num_top_classes, &T::explanation_class_names>(),
        std::tuple{
        member<&T::prediction_threshold>("batch.prediction_threshold.range", range{0, 1}),
        member<&T::passthrough_columns_set>("deployment.passthrough_set", one_of{"all"}),
        require<&T::passthrough_columns>("batch.passthrough.precedence", negate(present<&T::passthrough_columns>{}),
                                         "passthroughColumns is ignored: passthroughColumnsSet \"all\" takes "
                                         "precedence")
            .when(equal_to<&T::passthrough_columns_set>("all"))
            .as_warning(),
    });
}


}  // namespace drx
