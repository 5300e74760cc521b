// SPDX-License-Identifier: BSL-1.0
// drx: the server side of the deployment predictions endpoint. drx::check_predictions_request()
// takes the path's deployment id, the raw query string and the headers, and gives either the
// validated request or the error answer (status and exact body) that the real server gives;
// drx::headers_from_fields() builds the headers from HTTP fields. The declarations and rules it
// checks against are in drx/api/deployment_request.hpp, the query-string format is
// drx/query.hpp, and docs/rules.md lists the rule ids it answers with.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/mp11/algorithm.hpp>

#include <drx/api/deployment_request.hpp>
#include <drx/checker.hpp>
#include <drx/context.hpp>
#include <drx/detail/python_format.hpp>
#include <drx/detail/text.hpp>
#include <drx/detail/traits.hpp>
#include <drx/diagnostic.hpp>
#include <drx/query.hpp>
#include <drx/wire_name.hpp>

namespace drx {

/// Builds the headers from HTTP fields (elements with `first` = name and `second` = value,
/// convertible to std::string_view; names case-insensitive). Fields
/// other than the five documented ones are ignored; a documented one given twice is a
/// schema.duplicate_key error.
template <class Fields>
result<deployment_predictions_headers> headers_from_fields(Fields const& fields) {
    using T = deployment_predictions_headers;
    T h;
    std::vector<diagnostic> diags;
    for (auto const& field : fields) {
        std::string_view name = field.first;
        std::string_view value = field.second;
        std::string_view w = detail::deployment_impl::wire_name_ci<T>(name);
        if (w.empty()) continue;
        boost::mp11::mp_for_each<detail::members_of<T>>([&](auto d) {
            using D = decltype(d);
            if (wire_name_of<T, D>() != w) return;
            auto& m = h.*D::pointer;
            if (m) {
                std::string ptr;
                detail::append_pointer_token(ptr, w);
                diags.push_back({ptr, std::string(schema_rule::duplicate_key), severity::error,
                                 "header \"" + std::string(w) + "\" given twice", {}, {}});
            } else {
                m = std::string(value);
            }
        });
    }
    std::optional<T> v;
    if (!has_errors(diags)) v = std::move(h);
    return {std::move(v), std::move(diags)};
}

// =============================================================================================
// The server side: a request in, the validated request or the exact error out
// =============================================================================================

/// How the server answers what seed 003 leaves to the deployment (docs/reference/rule-sources.md).
struct predictions_policy {
    /// Model kinds answered with 422 (seed 003's table: multiclass and time series). Time
    /// series is refused for every request; other kinds only when explanations are asked for.
    std::vector<model_kind> rejected_model_kinds{model_kind::multiclass, model_kind::time_series};
    /// The algorithm when neither the context nor explanationAlgorithm says (XEMP, seed 003's
    /// default).
    explanation_algorithm default_algorithm = explanation_algorithm::xemp;
    /// Limits of the query string.
    query_options query;
};

/// An HTTP answer: status and body (the exact JSON text).
struct http_answer {
    int status = 200;
    std::string body;
    friend bool operator==(http_answer const&, http_answer const&) = default;
};

/// What check_predictions_request() found.
struct predictions_request_check {
    /// The decoded query, when accepted.
    std::optional<deployment_predictions_query> query;
    /// The error answer, when refused.
    std::optional<http_answer> error;
    /// Every finding, warnings included (unknown parameters, deprecated forms, ...).
    std::vector<diagnostic> diagnostics;
    /// The algorithm in effect (context, else explanationAlgorithm, else the policy's default).
    explanation_algorithm algorithm = explanation_algorithm::xemp;
    /// True when the request is accepted.
    bool ok() const noexcept { return !error; }
};

/// The body `{"message": ...}` as the server writes it (json.dumps defaults: ", " and ": ",
/// ensure_ascii).
inline std::string deployment_error_body(std::string_view message) {
    std::string out = "{\"message\": ";
    if (!detail::append_json_string(out, message, true)) detail::append_json_string(out, "<invalid UTF-8>", true);
    out += '}';
    return out;
}

/// True for a well-formed deployment id: 24 hexadecimal digits (an ObjectId).
inline bool well_formed_deployment_id(std::string_view id) {
    return id.size() == 24 && std::all_of(id.begin(), id.end(), [](char c) { return detail::deployment_impl::hex_digit_value(c) >= 0; });
}

namespace detail::deployment_impl {

inline std::string first_token(std::string_view pointer) {
    if (pointer.size() < 2 || pointer[0] != '/') return {};
    std::size_t e = pointer.find('/', 1);
    std::string tok(pointer.substr(1, e == std::string_view::npos ? e : e - 1));
    std::string out;
    for (std::size_t i = 0; i < tok.size(); ++i) {
        if (tok[i] == '~' && i + 1 < tok.size()) {
            out += tok[i + 1] == '1' ? '/' : '~';
            ++i;
        } else {
            out += tok[i];
        }
    }
    return out;
}

inline bool cross_parameter_rule(std::string_view id) {
    return id == "deployment.class_modes.exclusive" || id == "mode.model_kind" || id == "explanations.algorithm.model" ||
           id == "deployment.multiclass" || id == "deployment.time_series";
}

/// The trafaret 1.x str() of the Dict error over the failing parameters, in drx_query_params
/// order: {'max_codes': DataError(value can't be converted to int), 'threshold_high': ...}.
template <int = 0>
std::string dict_error_message(std::vector<diagnostic const*> const& errs) {
    using T = deployment_predictions_query;
    std::string msg;
    std::vector<std::string_view> done;
    for (auto const& p : drx_query_params(static_cast<T const*>(nullptr))) {
        if (p.key.empty() || std::find(done.begin(), done.end(), p.key) != done.end()) continue;
        std::string_view wire;
        boost::mp11::mp_for_each<members_of<T>>([&](auto d) {
            if (std::string_view(decltype(d)::name) == p.member) wire = wire_name_of<T, decltype(d)>();
        });
        for (auto const* d : errs) {
            if (first_token(d->pointer) != wire) continue;
            msg += msg.empty() ? "{" : ", ";
            msg += "'";
            msg += p.key;
            msg += "': DataError(";
            msg += d->message;
            msg += ")";
            done.push_back(p.key);
            break;
        }
    }
    return msg.empty() ? msg : msg + "}";
}

}  // namespace detail::deployment_impl

/// Checks a deployment predictions request as the real server does and says how it answers.
///
/// `deployment_id` is the path's <id> (std::nullopt: not checked); `query` the raw query
/// string; `headers` the request headers (nullptr: not checked); `ctx` the facts (model kind,
/// algorithm, managed cloud, known deployments; nullptr: none). The first failing stage
/// answers, in this order (documented; the real server's order is not published):
///   1. 404 {"message": "Bad request"}  the id is not 24 hex digits        (deployment.bad_id)
///   2. 404 {"message": "Not found"}    the id is not in ctx->deployments  (deployment.not_found)
///   3. headers: 401 Authorization / DataRobot-Key, 400 malformed Content-Length, 413 body over
///      50 MB, 415 Content-Type, 415 Content-Encoding (drx texts). A header given twice is found
///      when the headers are built (read_headers, headers_from_fields); answer it with 400.
///   4. 422 time series model (seed 003's text), when the policy refuses time series
///   5. 414 query over the limits, 400 malformed percent-encoding or UTF-8 (drx texts)
///   6. 422 the Dict: every bad parameter together, `{'max_codes': DataError(...), ...}` in
///      drx_query_params order (conversion errors with trafaret's texts; rule failures of one
///      parameter with drx's diagnostic message inside DataError(...))
///   7. 422 `'predictionWarningEnabled': value can't be converted to Bool` (seed 003)
///   8. 422 multiclass (seed 003's text) or another refused kind, when explanations are asked
///   9. 422 cross-parameter rules (class modes together, class modes on a binary model,
///      explanationAlgorithm not the model's): the first one's drx message
/// Never throws on bad input (only std::bad_alloc). (A template only so that it is compiled
/// where it is called, not in every file that includes this header; call it as a function.)
template <int N = 0>
predictions_request_check check_predictions_request(std::optional<std::string_view> deployment_id,
                                                    std::string_view query,
                                                    deployment_predictions_headers const* headers, context const* ctx,
                                                    predictions_policy const& policy = {}) {
    predictions_request_check out;
    auto refuse = [&](int status, std::string_view message) {
        out.error = http_answer{status, deployment_error_body(message)};
        out.query.reset();
        return out;
    };
    auto add = [&](std::string ptr, std::string_view rule, std::string message, severity sev = severity::error) {
        out.diagnostics.push_back({std::move(ptr), std::string(rule), sev, std::move(message), {}, {}});
    };

    // 1-2. The deployment id.
    if (deployment_id) {
        if (!well_formed_deployment_id(*deployment_id)) {
            add("", "deployment.bad_id", "deployment id " + detail::json_quoted(*deployment_id) + " is not 24 hex digits");
            return refuse(404, deployment_text::bad_id);
        }
        if (ctx && ctx->deployments) {
            std::string id = detail::deployment_impl::ascii_lower(*deployment_id);
            bool known = std::any_of(ctx->deployments->begin(), ctx->deployments->end(),
                                     [&](std::string const& d) { return detail::deployment_impl::ascii_lower(d) == id; });
            if (!known) {
                add("", "deployment.not_found", "deployment " + detail::json_quoted(*deployment_id) + " does not exist");
                return refuse(404, deployment_text::not_found);
            }
        }
    }

    // 3. Headers.
    if (headers) {
        check_report hr = check(*headers, {.level = level::rules, .ctx = ctx});
        for (auto const& d : hr.diagnostics) out.diagnostics.push_back(d);
        auto first = [&](std::string_view rule) -> diagnostic const* {
            for (auto const& d : hr.diagnostics)
                if (d.severity == severity::error && d.rule == rule) return &d;
            return nullptr;
        };
        if (auto const* d = first("deployment.authorization")) return refuse(401, d->message);
        if (auto const* d = first("deployment.body_size"))
            return refuse(d->message == deployment_text::body_too_large ? 413 : 400, d->message);
        if (auto const* d = first("deployment.content_type")) return refuse(415, d->message);
        if (auto const* d = first("deployment.content_encoding")) return refuse(415, d->message);
    }

    // 4. Time series models are refused whatever the query.
    auto refused_kind = [&](model_kind k) {
        return std::find(policy.rejected_model_kinds.begin(), policy.rejected_model_kinds.end(), k) !=
               policy.rejected_model_kinds.end();
    };
    bool const have_kind = ctx && ctx->model_kind.has_value();
    model_kind const kind = have_kind ? *ctx->model_kind : model_kind::binary;
    if (have_kind && kind == model_kind::time_series && refused_kind(model_kind::time_series)) {
        add("", "deployment.time_series", std::string(deployment_text::time_series));
        return refuse(422, deployment_text::time_series);
    }

    // 5. Decoding and conversion (members whose text does not convert stay empty).
    deployment_predictions_query q;
    std::vector<diagnostic> conv;
    detail::deployment_impl::query_sink sink{conv, policy.query.max_diagnostics};
    detail::deployment_impl::read_query_into(q, query, policy.query, sink);
    for (auto const& d : conv) out.diagnostics.push_back(d);
    for (auto const& d : conv) {
        if (d.severity != severity::error) continue;
        if (d.rule == schema_rule::limit) return refuse(414, "Request-URI too long: " + d.message);
        if (d.rule == schema_rule::syntax) return refuse(400, "Malformed query string: " + d.message);
    }

    // The algorithm in effect, and the rules. Refused model kinds follow the policy (stages 4
    // and 8), not the default rules deployment.multiclass / deployment.time_series.
    context c = ctx ? *ctx : context{};
    if (!c.algorithm) {
        if (q.explanation_algorithm == "shap")
            c.algorithm = explanation_algorithm::shap;
        else if (q.explanation_algorithm == "xemp")
            c.algorithm = explanation_algorithm::xemp;
        else
            c.algorithm = policy.default_algorithm;
    }
    out.algorithm = *c.algorithm;
    check_report qr = check(q, {.level = level::rules, .ctx = &c});
    detail::deployment_impl::quote_saturated(conv, qr.diagnostics);
    std::erase_if(qr.diagnostics, [](diagnostic const& d) {
        return d.rule == "deployment.multiclass" || d.rule == "deployment.time_series";
    });
    for (auto const& d : qr.diagnostics) out.diagnostics.push_back(d);

    // 6. The Dict: conversion errors and one-parameter rule errors.
    std::vector<diagnostic const*> dict_errs, cross_errs;
    diagnostic const* warning_err = nullptr;
    for (auto const& d : conv) {
        if (d.severity != severity::error) continue;
        if (d.rule == "deployment.prediction_warning.type") {
            if (!warning_err) warning_err = &d;
        } else {
            dict_errs.push_back(&d);
        }
    }
    for (auto const& d : qr.diagnostics) {
        if (d.severity != severity::error) continue;
        if (detail::deployment_impl::cross_parameter_rule(d.rule) || detail::deployment_impl::first_token(d.pointer).empty())
            cross_errs.push_back(&d);
        else
            dict_errs.push_back(&d);
    }
    if (!dict_errs.empty()) {
        std::string m = detail::deployment_impl::dict_error_message<N>(dict_errs);
        return refuse(422, m.empty() ? dict_errs.front()->message : m);
    }

    // 7. predictionWarningEnabled, checked outside the Dict.
    if (warning_err) return refuse(422, "'predictionWarningEnabled': " + warning_err->message);

    // 8. Model kinds refused when explanations are asked for.
    if (have_kind && kind != model_kind::time_series && refused_kind(kind) && explanations_requested(q, out.algorithm)) {
        std::string text;
        if (kind == model_kind::multiclass) {
            text = deployment_text::multiclass;
        } else {
            // drx's text by analogy with seed 003's multiclass one.
            std::string k(enum_wire_name(kind));
            k[0] = static_cast<char>(k[0] - 'a' + 'A');
            text = k + " models cannot be used for Prediction Explanations";
        }
        add("", kind == model_kind::multiclass ? "deployment.multiclass" : "deployment.model_kind", text);
        return refuse(422, text);
    }

    // 9. Rules across parameters.
    if (!cross_errs.empty()) return refuse(422, cross_errs.front()->message);
    out.query = std::move(q);
    return out;
}

}  // namespace drx
