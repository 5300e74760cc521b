// SPDX-License-Identifier: BSL-1.0
// drx: verifying recorded HTTP exchanges against the documented endpoints (contract testing).
//
//     drx::verifier v({.ctx = &ctx});
//     drx::exchange_report r = v.verify(request, response);   // r.verdict: ok, violation, skipped
//
// An exchange is routed to its endpoint by method and path (the operation ids are those of the
// OpenAPI document, drx/tools/openapi.hpp); then its request (path id, query, headers, body where
// the endpoint declares one), its status and its body are checked, and a response body against
// the request that produced it (the consistency rules). A verifier keeps what earlier exchanges
// showed: the clusters of a model (a later rename is checked against them) and the explanation
// records (a later page of rows is checked against its record). Diagnostics point into the
// exchange: /request/path/..., /request/query/..., /request/headers/..., /request/body/...,
// /response/status, /response/headers/..., /response/body/... . docs/verify.md says what each
// endpoint checks; the rule ids of its own findings (verify.*) are listed by `drx rules`.
//
// Bodies: a body sent with Content-Encoding: gzip is decompressed when it is gzip data (HAR
// files usually hold the decoded text; both are accepted). This header needs zlib (link
// drx::verify, or ZLIB::ZLIB).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/describe/enum.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <drx/api/clustering.hpp>
#include <drx/api/clustering_ops.hpp>
#include <drx/api/deployment.hpp>
#include <drx/api/deployment_server.hpp>
#include <drx/api/error_body.hpp>
#include <drx/api/prediction_explanations.hpp>
#include <drx/api/prediction_explanations_ops.hpp>
#include <drx/check.hpp>
#include <drx/context.hpp>
#include <drx/detail/codec.hpp>
#include <drx/detail/csv_records.hpp>
#include <drx/detail/python_format.hpp>
#include <drx/detail/text.hpp>
#include <drx/diagnostic.hpp>
#include <drx/query.hpp>
#include <drx/tools/verify_rules.hpp>
#include <drx/write.hpp>

namespace drx {

/// An HTTP header field as recorded.
struct http_field {
    std::string name;
    std::string value;
};

/// A recorded request. `url` may be absolute (scheme and host are ignored) or a path with its
/// query; `body` is absent for a request without one.
struct http_request {
    std::string method;
    std::string url;
    std::vector<http_field> headers;
    std::optional<std::string> body;
};

/// A recorded response.
struct http_response {
    int status = 0;
    std::vector<http_field> headers;
    std::optional<std::string> body;
};

/// What verifying an exchange concluded.
enum class verdict {
    /// Routed, and nothing is an error.
    ok,
    /// Routed, and at least one diagnostic is an error.
    violation,
    /// Not a documented endpoint (or method): nothing was checked. Never a pass.
    skipped
};
BOOST_DESCRIBE_ENUM(verdict, ok, violation, skipped)


/// The findings of verifying one exchange.
struct exchange_report {
    /// The endpoint's operation id (as in the OpenAPI document), "" when not routed.
    std::string endpoint;
    drx::verdict verdict = drx::verdict::skipped;
    /// Every finding, pointing into the exchange (/request/..., /response/...).
    std::vector<diagnostic> diagnostics;
    /// Rules skipped for lack of context.
    std::vector<skipped_rule> skipped;
    /// What was not checked, and why (and why the exchange was skipped).
    std::vector<std::string> notes;
};

/// Options of verifying.
struct verify_options {
    /// Facts about the models and deployments (model kind, algorithm, cluster names, managed
    /// cloud, known deployments); rules needing absent facts are skipped.
    context const* ctx = nullptr;
    /// How the prediction server answers what the documents leave to the deployment.
    predictions_policy policy = {};
    /// How bodies are read.
    read_options read = {};
    /// Largest body after decoding (gzip), in bytes.
    std::size_t max_body_size = std::size_t{64} << 20;
    /// When true, a request that breaks the contract is not a violation if the response is
    /// exactly the server's answer to it (its errors are reported as warnings): for recordings
    /// that test a server's refusals on purpose.
    bool allow_bad_requests = false;
};

namespace detail::verify_impl {

inline bool iequals(std::string_view a, std::string_view b) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [&](char x, char y) { return lower(x) == lower(y); });
}

inline std::string_view header(std::vector<http_field> const& hs, std::string_view name, bool* found = nullptr) {
    for (auto const& h : hs)
        if (iequals(h.name, name)) {
            if (found) *found = true;
            return h.value;
        }
    if (found) *found = false;
    return {};
}

/// The URL's parts: the path (percent-decoding left to the segments) and the query (no '?').
struct url_parts {
    std::string_view path;
    std::string_view query;
};
inline url_parts split_url(std::string_view url) {
    if (auto s = url.find("://"); s != std::string_view::npos) {
        auto p = url.find('/', s + 3);
        url = p == std::string_view::npos ? std::string_view("/") : url.substr(p);
    }
    if (auto h = url.find('#'); h != std::string_view::npos) url = url.substr(0, h);
    url_parts out;
    auto q = url.find('?');
    out.path = url.substr(0, q);
    if (q != std::string_view::npos) out.query = url.substr(q + 1);
    return out;
}

/// Percent-decodes a path segment ("%2F" stays one segment); malformed escapes stay as written.
inline std::string decode_segment(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size()) {
            int hi = deployment_impl::hex_digit_value(s[i + 1]), lo = deployment_impl::hex_digit_value(s[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out += static_cast<char>(hi * 16 + lo);
                i += 2;
                continue;
            }
        }
        out += s[i];
    }
    return out;
}

inline std::vector<std::string> segments(std::string_view path) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i <= path.size()) {
        auto e = path.find('/', i);
        if (e == std::string_view::npos) e = path.size();
        if (e > i) out.push_back(decode_segment(path.substr(i, e - i)));
        i = e + 1;
    }
    return out;
}

/// The documented operations.
enum class op {
    list_cluster_names,
    rename_clusters,
    list_cluster_insights,
    compute_cluster_insights,
    get_clustering_model,
    set_target,
    get_initialization,
    create_initialization,
    create_explanations,
    create_explanations_on_training_data,
    list_records,
    get_record,
    get_page,
    create_batch_prediction,
    deployment_predictions,
};

struct route {
    std::string_view method;
    /// Segments from the API root; "{name}" is a parameter.
    std::string_view path;
    std::string_view operation;
    verify_impl::op op;
};

/// Every documented endpoint verify knows, relative to /api/v2/ (or /predApi/v1.0/ for the
/// prediction server). The operation ids are the OpenAPI document's (a test keeps them equal).
inline constexpr route routes[] = {
    {"GET", "api/v2/projects/{projectId}/models/{modelId}/clusterNames", "listClusterNames", op::list_cluster_names},
    {"PATCH", "api/v2/projects/{projectId}/models/{modelId}/clusterNames", "renameClusters", op::rename_clusters},
    {"GET", "api/v2/projects/{projectId}/models/{modelId}/clusterInsights", "listClusterInsights", op::list_cluster_insights},
    {"POST", "api/v2/projects/{projectId}/models/{modelId}/clusterInsights", "computeClusterInsights",
     op::compute_cluster_insights},
    {"GET", "api/v2/projects/{projectId}/models/{modelId}", "getClusteringModel", op::get_clustering_model},
    {"PATCH", "api/v2/projects/{projectId}/aim", "setTarget", op::set_target},
    {"GET", "api/v2/projects/{projectId}/models/{modelId}/predictionExplanationsInitialization",
     "getPredictionExplanationsInitialization", op::get_initialization},
    {"POST", "api/v2/projects/{projectId}/models/{modelId}/predictionExplanationsInitialization",
     "createPredictionExplanationsInitialization", op::create_initialization},
    {"POST", "api/v2/projects/{projectId}/predictionExplanations", "createPredictionExplanations", op::create_explanations},
    {"POST", "api/v2/projects/{projectId}/predictionExplanationsOnTrainingData",
     "createPredictionExplanationsOnTrainingData", op::create_explanations_on_training_data},
    {"GET", "api/v2/projects/{projectId}/predictionExplanationsRecords", "listPredictionExplanationsRecords", op::list_records},
    {"GET", "api/v2/projects/{projectId}/predictionExplanationsRecords/{id}", "getPredictionExplanationsRecord", op::get_record},
    {"GET", "api/v2/projects/{projectId}/predictionExplanations/{id}", "getPredictionExplanationsPage", op::get_page},
    {"POST", "api/v2/batchPredictions", "createBatchPrediction", op::create_batch_prediction},
    {"POST", "predApi/v1.0/deployments/{deploymentId}/predictions", "deploymentPredictions", op::deployment_predictions},
    {"POST", "api/v2/deployments/{deploymentId}/predictions", "deploymentPredictionsServerless", op::deployment_predictions},
};

/// What routing found: the route and its path parameters, or the methods of a known path.
struct routed {
    route const* r = nullptr;
    std::map<std::string, std::string, std::less<>> params;
    /// Documented methods of the path, when the path is known but the method is not.
    std::vector<std::string_view> methods;
    /// True for the serverless deployment path (/api/v2/deployments/...).
    bool serverless = false;
};

inline bool match(std::string_view pattern, std::vector<std::string> const& segs, std::size_t from,
                  std::map<std::string, std::string, std::less<>>& params) {
    std::vector<std::string> pat = segments(pattern);
    if (segs.size() - from != pat.size()) return false;
    params.clear();
    for (std::size_t i = 0; i < pat.size(); ++i) {
        auto const& p = pat[i];
        auto const& s = segs[from + i];
        if (p.size() > 2 && p.front() == '{' && p.back() == '}')
            params[p.substr(1, p.size() - 2)] = s;
        else if (p != s)
            return false;
    }
    return true;
}

inline routed find_route(std::string_view method, std::string_view path) {
    routed out;
    auto segs = segments(path);
    // The API root may sit under a prefix (https://host/prefix/api/v2/...).
    std::size_t from = segs.size();
    for (std::size_t i = 0; i + 1 < segs.size(); ++i)
        if ((segs[i] == "api" && segs[i + 1] == "v2") || (segs[i] == "predApi" && segs[i + 1] == "v1.0")) {
            from = i;
            break;
        }
    if (from == segs.size()) return out;
    std::map<std::string, std::string, std::less<>> params;
    for (auto const& r : routes) {
        if (!match(r.path, segs, from, params)) continue;
        if (r.method == method) {
            out.r = &r;
            out.params = params;
            out.serverless = r.op == op::deployment_predictions && segs[from] == "api";
            out.methods.clear();
            return out;
        }
        if (std::find(out.methods.begin(), out.methods.end(), r.method) == out.methods.end()) out.methods.push_back(r.method);
    }
    return out;
}

/// The findings of one exchange while it is verified.
struct recorder {
    exchange_report& rep;

    void add(std::string pointer, std::string_view rule, std::string message, severity sev = severity::error,
             std::optional<std::string> expected = std::nullopt, std::optional<std::string> actual = std::nullopt) {
        rep.diagnostics.push_back({std::move(pointer), std::string(rule), sev, std::move(message), std::move(expected),
                                   std::move(actual)});
    }
    /// Adds diagnostics whose pointers are relative to `prefix`.
    void add_all(std::string_view prefix, std::vector<diagnostic> const& ds) {
        for (auto d : ds) {
            d.pointer = std::string(prefix) + d.pointer;
            rep.diagnostics.push_back(std::move(d));
        }
    }
    void add_skipped(std::vector<skipped_rule> const& s) {
        for (auto const& x : s)
            if (std::find(rep.skipped.begin(), rep.skipped.end(), x) == rep.skipped.end()) rep.skipped.push_back(x);
    }
    void note(std::string s) { rep.notes.push_back(std::move(s)); }
};

/// A body, decoded: gzip when Content-Encoding says so and the bytes are gzip data.
inline std::optional<std::string> decoded_body(std::optional<std::string> const& body, std::vector<http_field> const& headers,
                                               std::string_view where, std::size_t max_size, recorder& rec) {
    if (!body) return std::nullopt;
    std::string_view enc = header(headers, "Content-Encoding");
    std::string e = deployment_impl::ascii_lower(enc);
    if (e == "gzip" || e == "x-gzip") {
        if (!looks_gzip(*body)) return *body;  // recorded after decoding
        auto g = gunzip(*body, max_size);
        if (!g.bytes) {
            rec.add(std::string(where), verify_rule::body, "the gzip body does not decode: " + g.error);
            return std::nullopt;
        }
        return std::move(*g.bytes);
    }
    if (body->size() > max_size) {
        rec.add(std::string(where), verify_rule::body,
                "the body is larger than " + std::to_string(max_size) + " bytes (verify_options::max_body_size)");
        return std::nullopt;
    }
    // Another coding (br, deflate, ...): a recording that holds the decoded text (as HAR files do)
    // is taken as it is; encoded bytes cannot be judged, and are not passed either.
    if (!e.empty() && e != "identity" && !is_valid_utf8(*body)) {
        rec.add(std::string(where), verify_rule::body,
                "the body is encoded with Content-Encoding " + std::string(enc) + ", which drx does not decode (gzip it does)");
        return std::nullopt;
    }
    return *body;
}

/// Reads and checks a body as T; the value when it is valid.
template <class T>
std::optional<T> check_body(recorder& rec, std::string_view where, std::string const& text, verify_options const& opt,
                            context const* ctx, request_ref request = {}) {
    validate_options vo;
    vo.read = opt.read;
    vo.check.level = level::consistency;
    vo.check.ctx = ctx;
    vo.check.request = request;
    result<T> r = validate<T>(text, vo);
    rec.add_all(where, r.diagnostics());
    rec.add_skipped(r.skipped());
    if (r.omitted())
        rec.note(std::to_string(r.omitted()) + " more diagnostics of " + std::string(where) +
                 " omitted (read_options::max_diagnostics)");
    if (!r.ok()) return std::nullopt;
    return std::move(r.value());
}

/// The message of a {"message": ...} body, or std::nullopt (with a diagnostic) when the body is
/// not one.
inline std::optional<std::string> error_message(recorder& rec, std::optional<std::string> const& body,
                                                verify_options const& opt) {
    if (!body) {
        rec.add("/response/body", verify_rule::body, "an error answer without a body (expected {\"message\": ...})");
        return std::nullopt;
    }
    auto e = check_body<error_body>(rec, "/response/body", *body, opt, nullptr);
    if (!e) return std::nullopt;
    return e->message;
}

/// Checks an answer documented as `{"message": TEXT}` for one of `texts` (any message when
/// `texts` is empty).
inline void expect_message(recorder& rec, std::optional<std::string> const& body, verify_options const& opt,
                           std::vector<std::string_view> const& texts) {
    auto m = error_message(rec, body, opt);
    if (!m || texts.empty()) return;
    if (std::find(texts.begin(), texts.end(), *m) != texts.end()) return;
    std::string want;
    for (auto t : texts) want += (want.empty() ? "" : " or ") + json_quoted(t);
    rec.add("/response/body/message", verify_rule::error_body,
            "the server's message for this answer is " + want + ", got " + json_quoted(*m), severity::error, want,
            json_quoted(*m));
}

inline std::string status_list(std::vector<int> const& s) {
    std::string out;
    for (int x : s) out += (out.empty() ? "" : ", ") + std::to_string(x);
    return out;
}

/// A status outside the documented ones: an error for 5xx, 1xx, 3xx and 2xx; a warning for a
/// 4xx whose body is a well-formed {"message"} (an answer the documents do not list).
inline void undocumented_status(recorder& rec, int status, std::vector<int> const& documented,
                                std::optional<std::string> const& body, verify_options const& opt) {
    std::string m = "status " + std::to_string(status) + " is not a documented answer of this endpoint (documented: " +
                    status_list(documented) + ")";
    if (status >= 400 && status < 500) {
        rec.add("/response/status", verify_rule::status, m, severity::warning, status_list(documented), std::to_string(status));
        error_message(rec, body, opt);
    } else {
        rec.add("/response/status", verify_rule::status, m, severity::error, status_list(documented), std::to_string(status));
    }
}

/// A 202 answer's Location header.
inline void expect_location(recorder& rec, http_response const& resp) {
    bool found = false;
    header(resp.headers, "Location", &found);
    if (!found)
        rec.add("/response/headers/Location", verify_rule::location,
                "a 202 answer names the job to poll in its Location header; it has none");
}

/// The number of records of a CSV text after its header (drx/detail/csv_records.hpp; a last
/// record left inside an open quote counts too).
inline std::size_t csv_data_rows(std::string_view s) {
    std::size_t records = 0;
    csv_end e = for_each_csv_record(s, [](std::string&&) {}, [&] { return ++records, true; });
    if (e == csv_end::open_quote) ++records;
    return records ? records - 1 : 0;
}

/// The rows a deployment predictions body sends, when drx can count them: CSV (text/csv,
/// text/plain) or a JSON array of records (application/json).
inline std::optional<std::size_t> body_rows(std::string_view content_type, std::string const& body) {
    std::string ct = deployment_impl::ascii_lower(content_type.substr(0, content_type.find(';')));
    while (!ct.empty() && ct.back() == ' ') ct.pop_back();
    if (ct == "text/csv" || ct == "text/plain" || ct.empty()) return csv_data_rows(body);
    if (ct == "application/json") {
        boost::json::error_code ec;
        boost::json::parse_options po;
        po.max_depth = 64;
        boost::json::value v = boost::json::parse(body, ec, {}, po);
        if (ec || !v.is_array()) return std::nullopt;
        return v.as_array().size();
    }
    return std::nullopt;
}

/// Reads offset and limit (and excludeAdjustedPredictions when `exclude` is true) of a paged
/// GET's query, decoded as the server does (drx::decode_query): each must be a non-negative
/// integer (true/false); the limit, when given and not 0.
inline std::optional<std::int64_t> page_limit_of(recorder& rec, std::string_view query, bool exclude) {
    std::optional<std::int64_t> limit;
    auto pairs = decode_query(query);  // drx/query.hpp: the server's splitting and decoding
    rec.add_all("/request/query", pairs.diagnostics());
    if (!pairs) return limit;
    for (auto const& [k, v] : pairs.value()) {
        std::string ptr = "/request/query";
        append_pointer_token(ptr, k);
        if (k == "offset" || k == "limit") {
            bool digits = !v.empty() && v.size() <= 18 && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
            if (!digits) {
                rec.add(ptr, verify_rule::query, k + " must be a non-negative integer, got " + json_quoted(v), severity::error,
                        "a non-negative integer", json_quoted(v));
            } else if (k == "limit") {
                std::int64_t n = std::stoll(v);
                if (n != 0) limit = n;
            }
        } else if (exclude && k == "excludeAdjustedPredictions") {
            if (v != "true" && v != "false")
                rec.add(ptr, verify_rule::query, "excludeAdjustedPredictions is \"true\" or \"false\", got " + json_quoted(v),
                        severity::error, "\"true\" or \"false\"", json_quoted(v));
        }
    }
    return limit;
}

inline void check_page_size(recorder& rec, std::optional<std::int64_t> limit, std::size_t items) {
    if (limit && static_cast<std::int64_t>(items) > *limit)
        rec.add("/response/body/data", verify_rule::page_limit,
                "the page holds " + std::to_string(items) + " items, more than the request's limit " + std::to_string(*limit),
                severity::error, "at most " + std::to_string(*limit) + " items", std::to_string(items));
}

}  // namespace detail::verify_impl

/// Verifies exchanges one after another, remembering what earlier ones showed (a model's
/// clusters, explanation records by id). Not thread-safe; one per recording.
class verifier {
public:
    explicit verifier(verify_options opt = {}) : opt_(std::move(opt)) {}

    /// Verifies one exchange. Never throws on bad input (only std::bad_alloc).
    template <int N = 0>
    exchange_report verify(http_request const& req, http_response const& resp) {
        namespace vi = detail::verify_impl;
        exchange_report rep;
        vi::recorder rec{rep};
        if (req.method.empty() || req.url.empty() || resp.status < 100 || resp.status > 599) {
            rec.add("", verify_rule::entry,
                    req.method.empty()   ? "the exchange has no request method"
                    : req.url.empty()    ? "the exchange has no request URL"
                                         : "the response status " + std::to_string(resp.status) + " is not an HTTP status");
            rep.verdict = verdict::violation;
            return rep;
        }
        auto url = vi::split_url(req.url);
        vi::routed rt = vi::find_route(req.method, url.path);
        if (!rt.r) {
            if (rt.methods.empty()) {
                rec.note("no documented endpoint has this path");
            } else {
                std::string ms;
                for (auto m : rt.methods) ms += (ms.empty() ? "" : ", ") + std::string(m);
                rec.note(req.method + " is not a documented method of this path (documented: " + ms + ")");
            }
            rep.verdict = verdict::skipped;
            return rep;
        }
        rep.endpoint = std::string(rt.r->operation);
        dispatch<N>(rec, *rt.r, rt, url, req, resp);
        finish(rep);
        return rep;
    }

    verify_options const& options() const noexcept { return opt_; }

private:
    verify_options opt_;
    /// The clusters of each model ("projectId/modelId"), from clusterNames answers.
    std::map<std::string, cluster_list, std::less<>> clusters_;
    /// Explanation records by "projectId/id".
    std::map<std::string, prediction_explanations_record, std::less<>> records_;

    static void finish(exchange_report& rep) {
        rep.verdict = has_errors(rep.diagnostics) ? verdict::violation : verdict::ok;
    }

    template <class T>
    std::optional<T> body_as(detail::verify_impl::recorder& rec, std::optional<std::string> const& decoded,
                             std::string_view where, context const* ctx, request_ref request = {}) {
        if (!decoded) {
            if (rec.rep.diagnostics.empty() || rec.rep.diagnostics.back().rule != verify_rule::body)
                rec.add(std::string(where), verify_rule::body, "the endpoint's answer has a body; the recording holds none");
            return std::nullopt;
        }
        return detail::verify_impl::check_body<T>(rec, where, *decoded, opt_, ctx, request);
    }

    std::optional<std::string> response_body(detail::verify_impl::recorder& rec, http_response const& resp) {
        return detail::verify_impl::decoded_body(resp.body, resp.headers, "/response/body", opt_.max_body_size, rec);
    }
    std::optional<std::string> request_body(detail::verify_impl::recorder& rec, http_request const& req) {
        return detail::verify_impl::decoded_body(req.body, req.headers, "/request/body", opt_.max_body_size, rec);
    }

    /// A GET answered with 200 and a body of schema T, or one of the documented errors.
    template <class T>
    std::optional<T> expect_ok_body(detail::verify_impl::recorder& rec, http_response const& resp, context const* ctx,
                                    std::vector<std::pair<int, std::vector<std::string_view>>> const& errors,
                                    request_ref request = {}) {
        namespace vi = detail::verify_impl;
        if (resp.status == 200) return body_as<T>(rec, response_body(rec, resp), "/response/body", ctx, request);
        for (auto const& [status, texts] : errors)
            if (resp.status == status) {
                vi::expect_message(rec, response_body(rec, resp), opt_, texts);
                return std::nullopt;
            }
        std::vector<int> documented{200};
        for (auto const& e : errors) documented.push_back(e.first);
        vi::undocumented_status(rec, resp.status, documented, response_body(rec, resp), opt_);
        return std::nullopt;
    }

    /// A POST or PATCH answered with 202 and Location.
    void expect_accepted(detail::verify_impl::recorder& rec, http_response const& resp) {
        namespace vi = detail::verify_impl;
        if (resp.status == 202) {
            vi::expect_location(rec, resp);
            return;
        }
        vi::undocumented_status(rec, resp.status, {202}, response_body(rec, resp), opt_);
    }

    static std::string key(std::map<std::string, std::string, std::less<>> const& p, std::string_view a, std::string_view b) {
        auto ia = p.find(a);
        auto ib = p.find(b);
        return (ia == p.end() ? std::string() : ia->second) + "/" + (ib == p.end() ? std::string() : ib->second);
    }

    template <int N>
    void dispatch(detail::verify_impl::recorder& rec, detail::verify_impl::route const& r, detail::verify_impl::routed const& rt,
                  detail::verify_impl::url_parts const& url, http_request const& req, http_response const& resp) {
        namespace vi = detail::verify_impl;
        using vi::op;
        context const* ctx = opt_.ctx;
        switch (r.op) {
            case op::list_cluster_names: {
                auto l = expect_ok_body<cluster_list>(rec, resp, ctx, {{404, {cluster_not_found_message}}});
                if (l) clusters_[key(rt.params, "projectId", "modelId")] = std::move(*l);
                return;
            }
            case op::rename_clusters:
                return rename_clusters<N>(rec, rt, req, resp);
            case op::list_cluster_insights: {
                auto limit = vi::page_limit_of(rec, url.query, false);
                auto p = expect_ok_body<cluster_insights_page>(
                    rec, resp, ctx, {{404, {no_cluster_insights_message, cluster_not_found_message}}});
                if (p) vi::check_page_size(rec, limit, p->data.size());
                return;
            }
            case op::get_clustering_model: {
                // The model route serves every kind of model; drx describes clustering models.
                std::optional<std::string> body = resp.status == 200 ? response_body(rec, resp) : std::nullopt;
                bool clustering = (ctx && ctx->model_kind == model_kind::clustering) ||
                                  (body && body->find("\"nClusters\"") != std::string::npos);
                if (resp.status == 200 && !clustering) {
                    rec.note("not a clustering model (no nClusters, and the context's modelKind is not clustering): "
                             "drx describes only clustering models on this route");
                    rec.rep.endpoint = std::string(r.operation);
                    return;
                }
                if (resp.status == 200) {
                    body_as<clustering_model>(rec, body, "/response/body", ctx);
                    return;
                }
                expect_ok_body<clustering_model>(rec, resp, ctx, {{404, {}}});
                return;
            }
            case op::set_target: {
                auto body = request_body(rec, req);
                if (body && body->find("\"unsupervisedMode\"") != std::string::npos) {
                    body_as<unsupervised_project_options>(rec, body, "/request/body", ctx);
                } else {
                    rec.note("the aim body sets no unsupervisedMode: drx describes only the unsupervised clustering "
                             "options of this route, so the request body was not checked");
                }
                expect_accepted(rec, resp);
                return;
            }
            case op::compute_cluster_insights:
            case op::create_initialization:
                expect_accepted(rec, resp);
                return;
            case op::get_initialization:
                expect_ok_body<prediction_explanations_initialization>(rec, resp, ctx, {{404, {}}});
                return;
            case op::create_explanations:
            case op::create_explanations_on_training_data:
                body_as<prediction_explanations_create>(rec, request_body(rec, req), "/request/body", ctx);
                expect_accepted(rec, resp);
                return;
            case op::list_records: {
                auto limit = vi::page_limit_of(rec, url.query, false);
                auto l = expect_ok_body<prediction_explanations_record_list>(rec, resp, ctx, {{404, {}}});
                if (l) {
                    vi::check_page_size(rec, limit, l->data.size());
                    for (auto const& x : l->data) records_[x.project_id + "/" + x.id] = x;
                }
                return;
            }
            case op::get_record: {
                auto x = expect_ok_body<prediction_explanations_record>(rec, resp, ctx, {{404, {}}});
                if (x) records_[key(rt.params, "projectId", "id")] = std::move(*x);
                return;
            }
            case op::get_page: {
                auto limit = vi::page_limit_of(rec, url.query, true);
                auto it = records_.find(key(rt.params, "projectId", "id"));
                request_ref request;
                if (it != records_.end()) request = request_ref::of(it->second);
                else rec.note("the record of these explanations was not seen earlier in the recording: the page's "
                              "rows are not checked against it");
                auto p = expect_ok_body<prediction_explanations_page>(rec, resp, ctx, {{404, {}}}, request);
                if (p) vi::check_page_size(rec, limit, p->data.size());
                return;
            }
            case op::create_batch_prediction: {
                // The job body holds more than the explanation settings drx describes.
                auto body = request_body(rec, req);
                if (body) {
                    validate_options vo;
                    vo.read = opt_.read;
                    vo.read.unknown_keys = unknown_keys::ignore;
                    vo.check.ctx = ctx;
                    auto s = validate<batch_explanation_settings>(*body, vo);
                    rec.add_all("/request/body", s.diagnostics());
                    rec.add_skipped(s.skipped());
                } else {
                    rec.add("/request/body", verify_rule::body, "a batch prediction job is created with a body; the recording holds none");
                }
                expect_accepted(rec, resp);
                return;
            }
            case op::deployment_predictions:
                return deployment_predictions<N>(rec, rt, url, req, resp);
        }
    }

    template <int N>
    void rename_clusters(detail::verify_impl::recorder& rec, detail::verify_impl::routed const& rt, http_request const& req,
                         http_response const& resp) {
        namespace vi = detail::verify_impl;
        std::string k = key(rt.params, "projectId", "modelId");
        // The clusters before the rename: an earlier answer of the recording, else the context.
        cluster_list const* before = nullptr;
        if (auto it = clusters_.find(k); it != clusters_.end()) before = &it->second;
        context c = opt_.ctx ? *opt_.ctx : context{};
        if (before) {
            c.cluster_names = cluster_names_of(before->clusters);
            c.n_clusters = static_cast<std::int64_t>(c.cluster_names->size());
        }
        if (c.cluster_names && !c.model_kind) c.model_kind = model_kind::clustering;
        if (!c.cluster_names)
            rec.note("the model's clusters before the rename are not known (no earlier clusterNames answer, no context "
                     "clusterNames): the rename is not checked against them");
        std::size_t first = rec.rep.diagnostics.size();
        auto mappings = body_as<cluster_rename_request>(rec, request_body(rec, req), "/request/body", &c);
        std::optional<cluster_http_error> refusal = cluster_rename_http_error(
            std::vector<diagnostic>(rec.rep.diagnostics.begin() + static_cast<std::ptrdiff_t>(first), rec.rep.diagnostics.end()));
        if (refusal) {
            if (resp.status != refusal->status) {
                rec.add("/response/status", verify_rule::status,
                        "the server refuses this rename with " + std::to_string(refusal->status) + " {\"message\": " +
                            detail::json_quoted(refusal->body.message) + "}; the response has " + std::to_string(resp.status),
                        severity::error, std::to_string(refusal->status), std::to_string(resp.status));
            } else {
                vi::expect_message(rec, response_body(rec, resp), opt_, {refusal->body.message});
                soften_request_errors(rec);
            }
            return;
        }
        auto after = expect_ok_body<cluster_list>(rec, resp, opt_.ctx, {{404, {cluster_not_found_message}}, {422, {}}});
        if (!after) return;
        if (before && mappings) {
            auto expected = apply_cluster_rename<N>(*before, *mappings);
            if (expected.ok()) {
                auto want = cluster_names_of(expected.value().clusters);
                auto got = cluster_names_of(after->clusters);
                if (want != got) {
                    std::string w, g;
                    for (auto const& s : want) w += (w.empty() ? "" : ", ") + detail::json_quoted(s);
                    for (auto const& s : got) g += (g.empty() ? "" : ", ") + detail::json_quoted(s);
                    rec.add("/response/body/clusters", verify_rule::rename,
                            "after the rename the clusters are [" + w + "] in order; the answer has [" + g + "]",
                            severity::error, "[" + w + "]", "[" + g + "]");
                }
            }
        }
        clusters_[k] = std::move(*after);
    }

    /// With allow_bad_requests, a refused request answered exactly: its errors become warnings.
    void soften_request_errors(detail::verify_impl::recorder& rec) {
        if (!opt_.allow_bad_requests) return;
        bool response_ok = std::none_of(rec.rep.diagnostics.begin(), rec.rep.diagnostics.end(), [](diagnostic const& d) {
            return d.severity == severity::error && d.pointer.starts_with("/response");
        });
        if (!response_ok) return;
        for (auto& d : rec.rep.diagnostics)
            if (d.pointer.starts_with("/request") && d.severity == severity::error) d.severity = severity::warning;
    }

    template <int N>
    void deployment_predictions(detail::verify_impl::recorder& rec, detail::verify_impl::routed const& rt,
                                detail::verify_impl::url_parts const& url, http_request const& req, http_response const& resp) {
        namespace vi = detail::verify_impl;
        context c = opt_.ctx ? *opt_.ctx : context{};
        // The serverless route takes Bearer authorization only: no DataRobot-Key.
        if (rt.serverless) c.managed_cloud = false;
        std::string id = rt.params.count("deploymentId") ? rt.params.at("deploymentId") : std::string();

        // Headers (documented ones only; a documented one given twice is an error).
        std::vector<std::pair<std::string_view, std::string_view>> fields;
        for (auto const& h : req.headers) fields.emplace_back(h.name, h.value);
        auto hs = headers_from_fields(fields);
        rec.add_all("/request/headers", hs.diagnostics());
        deployment_predictions_headers headers = hs.unchecked() ? *hs.unchecked() : deployment_predictions_headers{};

        auto check = check_predictions_request<N>(std::optional<std::string_view>(id), url.query, &headers, &c, opt_.policy);
        for (auto d : check.diagnostics) {
            std::string prefix;
            if (d.rule == "deployment.bad_id" || d.rule == "deployment.not_found") prefix = "/request/path/deploymentId";
            else if (is_header_pointer(d.pointer)) prefix = "/request/headers";
            else prefix = "/request/query";
            d.pointer = prefix + d.pointer;
            rec.rep.diagnostics.push_back(std::move(d));
        }
        auto body = request_body(rec, req);
        if (!req.body) rec.add("/request/body", verify_rule::body, "a predictions request sends the rows to score; the recording holds no body");

        if (check.error) {
            http_answer const& want = *check.error;
            std::optional<std::string> got = response_body(rec, resp);
            if (resp.status != want.status) {
                rec.add("/response/status", verify_rule::status,
                        "the server answers this request with " + std::to_string(want.status) + " " + want.body +
                            "; the response has " + std::to_string(resp.status),
                        severity::error, std::to_string(want.status), std::to_string(resp.status));
            } else if (!got || *got != want.body) {
                rec.add("/response/body", verify_rule::error_body,
                        "the server's body for this answer is exactly " + want.body, severity::error, want.body,
                        got ? *got : std::string("(none)"));
            } else {
                soften_request_errors(rec);
            }
            return;
        }

        // Accepted: the server scores the rows.
        if (resp.status != 200) {
            // Refusals that rest on facts the context does not give cannot be judged.
            std::optional<std::string> got = response_body(rec, resp);
            auto is = [&](int status, std::string_view text) {
                return resp.status == status && got && *got == deployment_error_body(text);
            };
            if (is(404, deployment_text::not_found) && !c.deployments) {
                rec.note("the deployment's existence is not known (no context deployments): its 404 Not found is not judged");
                return;
            }
            if ((is(422, deployment_text::multiclass) || is(422, deployment_text::time_series)) && !c.model_kind) {
                rec.note("the model's kind is not known (no context modelKind): its 422 refusal is not judged");
                return;
            }
            rec.add("/response/status", verify_rule::status,
                    "the server scores this request (200); the response has " + std::to_string(resp.status), severity::error,
                    "200", std::to_string(resp.status));
            return;
        }
        deployment_predictions_query const& q = *check.query;
        if (!explanations_requested(q, check.algorithm)) {
            rec.note("the request asks for no explanations: drx describes the responses with explanations, so the "
                     "response body was not checked");
            return;
        }
        c.algorithm = check.algorithm;
        std::optional<std::string> got = response_body(rec, resp);
        std::optional<std::size_t> rows;
        if (check.algorithm == explanation_algorithm::shap) {
            if (auto r = body_as<deployment_shap_response>(rec, got, "/response/body", &c, request_ref::of(q))) rows = r->data.size();
        } else {
            if (auto r = body_as<deployment_xemp_response>(rec, got, "/response/body", &c, request_ref::of(q))) rows = r->data.size();
        }
        if (rows && body) {
            auto sent = vi::body_rows(vi::header(req.headers, "Content-Type"), *body);
            if (!sent)
                rec.note("the request body's rows are not counted (only CSV and JSON array bodies are)");
            else if (*sent != *rows)
                rec.add("/response/body/data", verify_rule::row_count,
                        "the request sends " + std::to_string(*sent) + " rows; the response scores " + std::to_string(*rows),
                        severity::error, std::to_string(*sent) + " rows", std::to_string(*rows) + " rows");
        }
    }

    static bool is_header_pointer(std::string_view pointer) {
        std::string tok = detail::deployment_impl::first_token(pointer);
        bool found = false;
        boost::mp11::mp_for_each<detail::members_of<deployment_predictions_headers>>([&](auto d) {
            if (wire_name_of<deployment_predictions_headers, decltype(d)>() == tok) found = true;
        });
        return found;
    }
};

/// Verifies one exchange on its own (no earlier exchanges to remember).
template <int N = 0>
exchange_report verify_exchange(http_request const& request, http_response const& response, verify_options const& opt = {}) {
    verifier v(opt);
    return v.template verify<N>(request, response);
}

}  // namespace drx
