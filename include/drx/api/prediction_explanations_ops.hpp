// SPDX-License-Identifier: BSL-1.0
// drx: operations on the prediction explanations objects (seed 002), beside their declarations
// and rules in drx/api/prediction_explanations.hpp:
//   top_predictions_mode, class_list_mode, get_api_parameters   the modes and their parameters
//   make_create_request, make_create_on_training_data_request   create bodies
//   create_prerequisites, next_prerequisite, can_create          what must exist before create
//   page_request, query_string, page_path, parse_page_link, ...  paging through a record's rows
//   collect_rows                                                 every row of a record, page by page
//   check_against_record, check_against_request                  a page against its request
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json/value.hpp>

#include <drx/api/explanations_mode.hpp>
#include <drx/api/prediction_explanations.hpp>
#include <drx/checker.hpp>
#include <drx/context.hpp>
#include <drx/diagnostic.hpp>
#include <drx/json_value.hpp>
#include <drx/number.hpp>

namespace drx {

// =============================================================================================
// Modes (seed 002: TopPredictionsMode, ClassListMode; docs/reference/objects.md (Explanation mode))
// =============================================================================================

/// TopPredictionsMode(num_top_classes): explain the N most probable classes of each row.
inline explanations_mode top_predictions_mode(std::int64_t num_top_classes) {
    explanations_mode m;
    m.num_top_classes = num_top_classes;
    return m;
}

/// ClassListMode(class_names): explain the listed classes (or clusters) for every row.
inline explanations_mode class_list_mode(std::vector<std::string> class_names) {
    explanations_mode m;
    m.class_names = std::move(class_names);
    return m;
}

/// The mode's parameters as the client sends them (seed 002, get_api_parameters): on project
/// routes `numTopClasses` / `classNames`; on batch and deployment routes (`batch_route`)
/// `explanationNumTopClasses` / `explanationClassNames`. No mode gives an empty object (the
/// client sends nothing and the server explains the predicted class only). The result is a
/// JSON object; write it with drx::to_json.
inline json_value get_api_parameters(explanations_mode const& m, bool batch_route = false) {
    json_value out;
    boost::json::object& o = out.value.emplace_object();
    if (m.num_top_classes) o[batch_route ? "explanationNumTopClasses" : "numTopClasses"] = *m.num_top_classes;
    if (m.class_names) {
        boost::json::array a;
        for (auto const& n : *m.class_names) a.emplace_back(boost::json::string_view(n.data(), n.size()));
        o[batch_route ? "explanationClassNames" : "classNames"] = std::move(a);
    }
    return out;
}

// =============================================================================================
// Create (seed 002: create, create_on_training_data)
// =============================================================================================


/// Options of a create request. Thresholds and the mode are sent only when set.
struct create_options {
    /// Sent as given; the default 3 is the documented default, written out explicitly.
    /// Reset it to send nothing and let the server apply its default (also 3).
    std::optional<std::int64_t> max_explanations = default_max_explanations;
    std::optional<number> threshold_low;
    std::optional<number> threshold_high;
    /// Multiclass and clustering only; no mode means TopPredictionsMode(1) on the server.
    std::optional<explanations_mode> mode;
};

/// The body of PredictionExplanations.create(project_id, model_id, dataset_id, ...).
inline prediction_explanations_create make_create_request(std::string model_id, std::string dataset_id,
                                                          create_options const& opt = {}) {
    prediction_explanations_create c;
    c.model_id = std::move(model_id);
    c.dataset_id = std::move(dataset_id);
    c.max_explanations = opt.max_explanations;
    c.threshold_low = opt.threshold_low;
    c.threshold_high = opt.threshold_high;
    if (opt.mode) {
        c.num_top_classes = opt.mode->num_top_classes;
        c.class_names = opt.mode->class_names;
    }
    return c;
}

/// The body of PredictionExplanations.create_on_training_data(...): the same as create, plus
/// datetimePredictionPartition ("0" or "holdout"; required for OTV and time series projects).
inline prediction_explanations_create make_create_on_training_data_request(
    std::string model_id, std::string dataset_id, create_options const& opt = {},
    std::optional<std::string> datetime_prediction_partition = std::nullopt) {
    prediction_explanations_create c = make_create_request(std::move(model_id), std::move(dataset_id), opt);
    c.datetime_prediction_partition = std::move(datetime_prediction_partition);
    return c;
}

/// The prerequisites of PredictionExplanations.create, in the order seed 002 lists them.
enum class explanations_prerequisite { feature_impact, initialization, predictions };
BOOST_DESCRIBE_ENUM(explanations_prerequisite, feature_impact, initialization, predictions)

/// The prerequisites as a sequence: each must be met before the next (seed 002).
inline constexpr std::array<explanations_prerequisite, 3> create_prerequisites{
    explanations_prerequisite::feature_impact, explanations_prerequisite::initialization,
    explanations_prerequisite::predictions};

/// What seed 002 says to do for a prerequisite.
constexpr std::string_view prerequisite_step(explanations_prerequisite p) noexcept {
    switch (p) {
        case explanations_prerequisite::feature_impact:
            return "Compute feature impact for the model via datarobot.Model.get_feature_impact()";
        case explanations_prerequisite::initialization:
            return "Compute a PredictionExplanationsInitialization for the model via "
                   "datarobot.PredictionExplanationsInitialization.create(project_id, model_id)";
        case explanations_prerequisite::predictions:
            return "Compute predictions for the model and dataset via datarobot.Model.request_predictions(dataset_id)";
    }
    return {};
}

/// What a user knows about a model and dataset, to ask "can I create explanations now?".
struct prerequisites_state {
    /// Feature impact was computed for the model.
    bool feature_impact = false;
    /// A PredictionExplanationsInitialization exists for the model.
    bool initialization = false;
    /// Predictions were computed for the model and the dataset.
    bool predictions = false;
};

/// Whether prerequisite p is met in state s.
constexpr bool is_met(prerequisites_state const& s, explanations_prerequisite p) noexcept {
    switch (p) {
        case explanations_prerequisite::feature_impact: return s.feature_impact;
        case explanations_prerequisite::initialization: return s.initialization;
        case explanations_prerequisite::predictions: return s.predictions;
    }
    return false;
}

/// The first prerequisite (in seed 002's order) that is not met; std::nullopt when create may
/// be called now.
constexpr std::optional<explanations_prerequisite> next_prerequisite(prerequisites_state const& s) noexcept {
    for (auto p : create_prerequisites)
        if (!is_met(s, p)) return p;
    return std::nullopt;
}

/// True when every prerequisite of create is met.
constexpr bool can_create(prerequisites_state const& s) noexcept { return !next_prerequisite(s).has_value(); }

// =============================================================================================
// Pages (seed 002: get_rows, get_prediction_explanations_page; docs/reference/objects.md
// (Pagination, Page, Prediction explanation endpoints))
// =============================================================================================

/// The query of a rows page request.
struct page_request {
    /// Rows to skip; always sent (default 0).
    std::int64_t offset = 0;
    /// Rows per page; sent only when set and non-zero (Python truthiness).
    std::optional<std::int64_t> limit;
    /// Sent as "true" / "false" (default true).
    bool exclude_adjusted_predictions = true;
};

/// The query parameters as the client sends them, in order: offset, excludeAdjustedPredictions,
/// then limit when truthy (docs/reference/objects.md (Prediction explanation endpoints):
/// `?offset=0&excludeAdjustedPredictions=true`).
inline std::vector<std::pair<std::string, std::string>> query_parameters(page_request const& q) {
    std::vector<std::pair<std::string, std::string>> out;
    out.emplace_back("offset", std::to_string(q.offset));
    out.emplace_back("excludeAdjustedPredictions", q.exclude_adjusted_predictions ? "true" : "false");
    if (q.limit && *q.limit != 0) out.emplace_back("limit", std::to_string(*q.limit));
    return out;
}

/// The query string (without '?') of query_parameters().
inline std::string query_string(page_request const& q) {
    std::string s;
    for (auto const& [k, v] : query_parameters(q)) {
        if (!s.empty()) s += '&';
        s += k;
        s += '=';
        s += v;
    }
    return s;
}

/// The rows page path relative to /api/v2/ with its query:
/// `projects/{pid}/predictionExplanations/{id}/?offset=0&excludeAdjustedPredictions=true`.
inline std::string page_path(std::string_view project_id, std::string_view explanations_id,
                             page_request const& q = {}) {
    std::string s = "projects/";
    s += project_id;
    s += "/predictionExplanations/";
    s += explanations_id;
    s += "/?";
    s += query_string(q);
    return s;
}

/// The query string (without '?') of PredictionExplanations.list(project_id, model_id, limit,
/// offset): modelId, limit and offset, each only when given (None is dropped,
/// docs/reference/objects.md (Null dropping, Prediction explanation endpoints)), in that order.
inline std::string record_list_query_string(std::optional<std::string_view> model_id = std::nullopt,
                                            std::optional<std::int64_t> limit = std::nullopt,
                                            std::optional<std::int64_t> offset = std::nullopt) {
    std::string s;
    auto add = [&](std::string_view k, std::string const& v) {
        if (!s.empty()) s += '&';
        s += k;
        s += '=';
        s += v;
    };
    if (model_id) add("modelId", std::string(*model_id));
    if (limit) add("limit", std::to_string(*limit));
    if (offset) add("offset", std::to_string(*offset));
    return s;
}

/// Reads offset, limit and excludeAdjustedPredictions back from a next/previous link (for
/// example `...?limit=2&offset=2&excludeAdjustedPredictions=true`); std::nullopt when a
/// parameter is malformed. Missing parameters keep their defaults.
inline std::optional<page_request> parse_page_link(std::string_view url) {
    page_request q;
    auto qm = url.find('?');
    if (qm == std::string_view::npos) return q;
    std::string_view rest = url.substr(qm + 1);
    if (auto h = rest.find('#'); h != std::string_view::npos) rest = rest.substr(0, h);
    auto to_int = [](std::string_view v, std::int64_t& out) {
        if (v.empty()) return false;
        std::int64_t x = 0;
        for (char c : v) {
            if (c < '0' || c > '9') return false;
            if (x > (INT64_MAX - (c - '0')) / 10) return false;
            x = x * 10 + (c - '0');
        }
        out = x;
        return true;
    };
    while (!rest.empty()) {
        auto amp = rest.find('&');
        std::string_view kv = rest.substr(0, amp);
        rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
        auto eq = kv.find('=');
        std::string_view k = kv.substr(0, eq);
        std::string_view v = eq == std::string_view::npos ? std::string_view{} : kv.substr(eq + 1);
        if (k == "offset") {
            if (!to_int(v, q.offset)) return std::nullopt;
        } else if (k == "limit") {
            std::int64_t l = 0;
            if (!to_int(v, l)) return std::nullopt;
            q.limit = l;
        } else if (k == "excludeAdjustedPredictions") {
            if (v == "true")
                q.exclude_adjusted_predictions = true;
            else if (v == "false")
                q.exclude_adjusted_predictions = false;
            else
                return std::nullopt;
        }
    }
    return q;
}

/// The next page's URL, when there is one (the `next` link, absent or null on the last page).
inline std::optional<std::string> next_page_url(prediction_explanations_page const& p) {
    if (p.next_page && p.next_page->has_value()) return **p.next_page;
    return std::nullopt;
}

/// The previous page's URL, when there is one.
inline std::optional<std::string> previous_page_url(prediction_explanations_page const& p) {
    if (p.previous_page && p.previous_page->has_value()) return **p.previous_page;
    return std::nullopt;
}

/// The adjustment method applied to the predictions, or "N/A" when the page does not say
/// (absent or null: the client's default, seed 002 and docs/reference/objects.md (Page)).
inline std::string_view adjustment_method_of(prediction_explanations_page const& p) noexcept {
    if (p.adjustment_method && p.adjustment_method->has_value()) return **p.adjustment_method;
    return "N/A";
}

/// Every row from `first` on, following `next` links as the client's get_rows() does.
/// `fetch(url)` returns the page at a URL as a drx::result<prediction_explanations_page>
/// (for example drx::read of the HTTP body). Stops at the first page without `next`; a fetch
/// failure or a link seen before (a loop) ends it with the diagnostics, the failing URL in
/// the message.
template <class Fetch>
result<std::vector<prediction_explanations_row>> collect_rows(prediction_explanations_page first, Fetch&& fetch) {
    std::vector<prediction_explanations_row> rows;
    std::vector<std::string> seen;
    prediction_explanations_page page = std::move(first);
    for (;;) {
        for (auto& r : page.data) rows.push_back(std::move(r));
        auto next = next_page_url(page);
        if (!next) break;
        if (std::find(seen.begin(), seen.end(), *next) != seen.end())
            return {std::nullopt,
                    {{"/next", "pagination.loop", severity::error, "the next link " + *next + " was followed before", {}, {}}}};
        seen.push_back(*next);
        result<prediction_explanations_page> r = fetch(*next);
        if (!r) {
            auto ds = r.diagnostics();
            ds.insert(ds.begin(),
                      diagnostic{"", "pagination.fetch", severity::error, "fetching " + *next + " failed", {}, {}});
            return {std::nullopt, std::move(ds)};
        }
        page = std::move(r).value();
    }
    return {std::move(rows), {}};
}

/// Checks a page against the record it belongs to (the record's maxExplanations, thresholds
/// and mode drive the response.* rules). `opt.ctx`, when given, supplies the other facts.
/// (A template only so that the checker is compiled where it is called, not in every file that
/// includes this header.)
template <class Page = prediction_explanations_page>
    requires std::same_as<Page, prediction_explanations_page>
check_report check_against_record(Page const& page, prediction_explanations_record const& record,
                                  check_options opt = {}) {
    return check(page, std::move(opt), record);
}

/// Checks a page against the create request that produced it.
template <class Page = prediction_explanations_page>
    requires std::same_as<Page, prediction_explanations_page>
check_report check_against_request(Page const& page, prediction_explanations_create const& request,
                                   check_options opt = {}) {
    return check(page, std::move(opt), request);
}

}  // namespace drx
