// SPDX-License-Identifier: BSL-1.0
// drx: prediction explanations objects (seed 002; docs/reference/objects.md (Prediction
// explanations, Fixtures), docs/reference/csv.md and docs/reference/errors.md).
//
// The objects of the records API (relative to /api/v2/, docs/reference/objects.md (Prediction
// explanation endpoints)):
//   explanations-mode                        {"numTopClasses": N} or {"classNames": [...]}
//   prediction-explanations-initialization   GET projects/{pid}/models/{mid}/predictionExplanationsInitialization/
//   prediction-explanations-create           POST projects/{pid}/predictionExplanations/ (and ...OnTrainingData/)
//   prediction-explanations-record           GET projects/{pid}/predictionExplanationsRecords/{id}/
//   prediction-explanations-record-list      GET projects/{pid}/predictionExplanationsRecords/
//   prediction-explanations-page             GET projects/{pid}/predictionExplanations/{id}/
//   prediction-explanations-row              one row of a page (or of an initialization's sample)
//   shap-matrix                              GET projects/{pid}/shapMatrices/{id}/ (metadata)
//
// Key orders are those of the Python client's test fixtures (docs/reference/objects.md (Prediction
// explanations fixtures)); members the fixtures do not show come last, in the order of the tables
// of docs/reference/objects.md.
//
// Rules (docs/reference/rule-sources.md): mode.*, explanations.* and explanations.location.url
// (drx's own id: the client validates a page's record location as a URL, docs/reference/objects.md
// (Page) and docs/reference/errors.md (Python client errors)). Consistency
// (docs/reference/rule-sources.md (Consistency of responses)): response.row_id,
// response.explanations.count, response.explanations.threshold, response.explanations.order,
// response.qualitative.symbol, response.qualitative.sign, response.prediction_values.sum,
// response.prediction.threshold and response.explained_classes. The rules that compare a page with
// the request that produced it read the request given to check(page, options, request): a
// prediction_explanations_record, a prediction_explanations_create or an explanations_mode
// (check_against_record() passes it). The operations (modes, create bodies, paging, collect_rows)
// are in drx/api/prediction_explanations_ops.hpp.
#pragma once

#include <concepts>
#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>
#include <boost/mp11/list.hpp>

#include <drx/api/detail/response_rows.hpp>
#include <drx/api/explanations_mode.hpp>
#include <drx/api/qualitative_strength.hpp>
#include <drx/context.hpp>
#include <drx/nullable.hpp>
#include <drx/number.hpp>
#include <drx/rules.hpp>
#include <drx/scalar.hpp>

namespace drx {

// =============================================================================================
// Objects
// =============================================================================================


/// One n-gram of a text explanation: character offsets into the explanation's featureValue.
/// Whether endingIndex is inclusive is not documented (docs/reference/open-questions.md (Unknown)).
struct ngram_span {
    /// The n-gram's first character.
    std::int64_t starting_index = 0;
    /// The n-gram's end (inclusive or exclusive: undocumented).
    std::int64_t ending_index = 0;
};
BOOST_DESCRIBE_STRUCT(ngram_span, (), (starting_index, ending_index))

/// One item of perNgramTextExplanations (docs/reference/objects.md (Text n-gram explanations)). No
/// captured payload exists (docs/reference/objects.md (What the fixtures lack)); the key order is
/// that of the client's converter.
struct ngram_text_explanation {
    /// Where the n-gram occurs in the feature value.
    std::vector<ngram_span> ngrams;
    /// The n-gram is unknown to the model; validated by the client with a strict Bool
    /// (docs/reference/query-conversions.md (Bool)).
    bool is_unknown = false;
    /// The n-gram's symbol, one of +++ ++ + <+ --- -- - <-.
    std::string qualitative_strength;
    /// The n-gram's contribution.
    number strength;
};
BOOST_DESCRIBE_STRUCT(ngram_text_explanation, (), (ngrams, is_unknown, qualitative_strength, strength))

/// PredictionExplanation (seed 002): one feature's contribution to one class of a row. Key order of
/// the client's fixtures `pei_json` / `pep_json` (docs/reference/objects.md (Prediction
/// explanations fixtures)): featureValue, label, strength, feature, qualitativeStrength;
/// perNgramTextExplanations (3.x, no fixture) last. `pep_json_classification` and seed 003's
/// deployment rows put label last; drx writes the records API order above.
struct prediction_explanation {
    /// The value the feature took for this row (57000, 1.0, "", "-2": the kind is kept).
    scalar feature_value;
    /// Regression: the target name. Classification and clustering: the class or cluster whose
    /// probability rises with a positive strength. Optional in client 3.x.
    std::optional<scalar> label;
    /// How much this value moved the prediction (bare t.Float in the client: an int stays an int).
    number strength;
    /// The feature's name.
    std::string feature;
    /// One of +++ ++ + <+ --- -- - <- (XEMP).
    std::string qualitative_strength;
    /// Text explanations per n-gram; null is a real state (kept by the client on the first page,
    /// docs/reference/objects.md (Null dropping)) and decides the CSV's text columns
    /// (docs/reference/csv.md (Columns), step 7).
    std::optional<nullable<std::vector<ngram_text_explanation>>> per_ngram_text_explanations;
};
BOOST_DESCRIBE_STRUCT(prediction_explanation, (),
                      (feature_value, label, strength, feature, qualitative_strength, per_ngram_text_explanations))

/// PredictionValue (seed 002): one class's probability, or the regression prediction.
/// Key order: value, label (docs/reference/objects.md (Prediction explanations fixtures)).
struct prediction_value {
    /// Classification: the probability of `label`. Regression: the predicted value.
    number value;
    /// Regression: the target name. Classification: a class level (ints appear, 1 and 0).
    /// Optional in client 3.x.
    std::optional<scalar> label;
};
BOOST_DESCRIBE_STRUCT(prediction_value, (), (value, label))

/// PredictionExplanationsRow (seed 002; docs/reference/objects.md (Row)). Key order of `pei_json`:
/// predictionExplanations, prediction, rowId, predictionValues; then predictionThreshold
/// (seen in R fixtures; the client drops it), adjustedPrediction and adjustedPredictionValues
/// (added at the end in the client's adjusted test).
struct prediction_explanations_row {
    /// The explanations, in server order (may be empty).
    std::vector<prediction_explanation> prediction_explanations;
    /// The model's output: an int, float or string (blank allowed).
    scalar prediction;
    /// Which row of the dataset this is.
    std::int64_t row_id = 0;
    /// One entry per class (classification, clustering) or one for regression.
    std::vector<prediction_value> prediction_values;
    /// The binary classification threshold, when the server sends it.
    std::optional<nullable<number>> prediction_threshold;
    /// Only with excludeAdjustedPredictions=false on projects with exposure.
    std::optional<scalar> adjusted_prediction;
    /// Same as prediction_values, for the adjusted predictions.
    std::optional<nullable<std::vector<prediction_value>>> adjusted_prediction_values;
};
BOOST_DESCRIBE_STRUCT(prediction_explanations_row, (),
                      (prediction_explanations, prediction, row_id, prediction_values, prediction_threshold,
                       adjusted_prediction, adjusted_prediction_values))
constexpr std::string_view drx_schema_name(prediction_explanations_row const*) { return "prediction-explanations-row"; }

/// PredictionExplanationsInitialization (seed 002; docs/reference/objects.md (Initialization)). Key
/// order of `pei_json`: projectId, predictionExplanationsSample, modelId.
struct prediction_explanations_initialization {
    /// The project the model belongs to.
    std::string project_id;
    /// A small sample of the explanations the model would compute.
    std::vector<prediction_explanations_row> prediction_explanations_sample;
    /// The model the initialization is for.
    std::string model_id;
};
BOOST_DESCRIBE_STRUCT(prediction_explanations_initialization, (), (project_id, prediction_explanations_sample, model_id))
constexpr std::string_view drx_schema_name(prediction_explanations_initialization const*) {
    return "prediction-explanations-initialization";
}

/// The POST body of PredictionExplanations.create and create_on_training_data (seed 002;
/// docs/reference/objects.md (Prediction explanation endpoints)): modelId and datasetId always;
/// maxExplanations, thresholdLow and thresholdHigh only when set; numTopClasses or classNames from
/// the mode; datetimePredictionPartition ("0" or "holdout") only on the training-data route. Build
/// it with make_create_request() / make_create_on_training_data_request().
struct prediction_explanations_create {
    /// The model to explain.
    std::string model_id;
    /// The prediction dataset (or, on the training-data route, the training data).
    std::string dataset_id;
    /// Explanations per row (per explained class); absent: the server's default, 3 (seed 002).
    std::optional<std::int64_t> max_explanations;
    /// Explain only rows predicted below this value (with threshold_high: outside the band).
    std::optional<number> threshold_low;
    /// Explain only rows predicted above this value.
    std::optional<number> threshold_high;
    /// TopPredictionsMode's parameter (multiclass and clustering).
    std::optional<std::int64_t> num_top_classes;
    /// ClassListMode's parameter (multiclass and clustering).
    std::optional<std::vector<std::string>> class_names;
    /// "0" (the first backtest) or "holdout"; required for OTV and time series projects.
    std::optional<std::string> datetime_prediction_partition;
};
BOOST_DESCRIBE_STRUCT(prediction_explanations_create, (),
                      (model_id, dataset_id, max_explanations, threshold_low, threshold_high, num_top_classes,
                       class_names, datetime_prediction_partition))
constexpr std::string_view drx_schema_name(prediction_explanations_create const*) {
    return "prediction-explanations-create";
}

/// PredictionExplanations, the record (metadata) of a computation (seed 002;
/// docs/reference/objects.md (Record)). Key order of `pe_json`: finishTime, numColumns,
/// predictionExplanationsLocation, thresholdHigh, projectId, thresholdLow, maxExplanations, id,
/// datasetId, modelId; then the 3.x members numTopClasses, classNames, source, and
/// predictionThreshold (R fixtures; the client drops it). Null on the wire is accepted wherever the
/// member is optional (the client drops null keys, docs/reference/objects.md (Null dropping)).
struct prediction_explanations_record {
    /// Epoch seconds (the client converts it to a local datetime).
    number finish_time;
    std::int64_t num_columns = 0;
    /// Where to retrieve the explanations.
    std::string prediction_explanations_location;
    /// The upper threshold the explanations were computed with.
    std::optional<nullable<number>> threshold_high;
    /// The project the model belongs to.
    std::string project_id;
    /// The lower threshold the explanations were computed with.
    std::optional<nullable<number>> threshold_low;
    /// Explanations computed per row (per explained class for multiclass and clustering).
    std::int64_t max_explanations = 0;
    /// The id of the record and of the computation result.
    std::string id;
    /// The dataset the explanations were computed for.
    std::string dataset_id;
    /// The model the explanations are for.
    std::string model_id;
    /// TopPredictionsMode's parameter, when the record has one (3.x).
    std::optional<nullable<std::int64_t>> num_top_classes;
    /// ClassListMode's parameter, when the record has one (3.x).
    std::optional<nullable<std::vector<std::string>>> class_names;
    /// OTV/TS in-training predictions: the portion of the training data used.
    std::optional<nullable<std::string>> source;
    /// Seen in R fixtures (binary records); the Python client drops it.
    std::optional<nullable<number>> prediction_threshold;
};
BOOST_DESCRIBE_STRUCT(prediction_explanations_record, (),
                      (finish_time, num_columns, prediction_explanations_location, threshold_high, project_id,
                       threshold_low, max_explanations, id, dataset_id, model_id, num_top_classes, class_names,
                       source, prediction_threshold))
constexpr std::string_view drx_schema_name(prediction_explanations_record const*) {
    return "prediction-explanations-record";
}

/// The list of records (docs/reference/objects.md (Pagination, Prediction explanation endpoints);
/// `pe_list_json`: count, next, data, previous). The client reads only `data` of the first page.
struct prediction_explanations_record_list {
    /// The number of records.
    std::int64_t count = 0;
    /// The next page's URL (`next` on the wire).
    std::optional<nullable<std::string>> next_page;
    /// The records.
    std::vector<prediction_explanations_record> data;
    /// The previous page's URL (`previous` on the wire).
    std::optional<nullable<std::string>> previous_page;
};
BOOST_DESCRIBE_STRUCT(prediction_explanations_record_list, (), (count, next_page, data, previous_page))
constexpr auto drx_wire_names(prediction_explanations_record_list const*) {
    return std::array{rename{"next_page", "next"}, rename{"previous_page", "previous"}};
}
constexpr std::string_view drx_schema_name(prediction_explanations_record_list const*) {
    return "prediction-explanations-record-list";
}

/// PredictionExplanationsPage (seed 002; docs/reference/objects.md (Page)). Key order of
/// `pep_json`: count, predictionExplanationsRecordLocation, next, data, id, previous;
/// adjustmentMethod (added at the end in the client's adjusted test).
struct prediction_explanations_page {
    /// Total rows computed (not the rows of this page).
    std::int64_t count = 0;
    /// Where to retrieve the record; the client validates it as a URL.
    std::string prediction_explanations_record_location;
    /// The next page's URL; absent or null on the last page.
    std::optional<nullable<std::string>> next_page;
    /// The rows of this page.
    std::vector<prediction_explanations_row> data;
    /// The id of the prediction explanations computation result.
    std::string id;
    /// The previous page's URL; absent or null on the first page.
    std::optional<nullable<std::string>> previous_page;
    /// e.g. "exposureNormalized"; see adjustment_method_of() for the client's "N/A" default.
    std::optional<nullable<std::string>> adjustment_method;
};
BOOST_DESCRIBE_STRUCT(prediction_explanations_page, (),
                      (count, prediction_explanations_record_location, next_page, data, id, previous_page,
                       adjustment_method))
constexpr auto drx_wire_names(prediction_explanations_page const*) {
    return std::array{rename{"next_page", "next"}, rename{"previous_page", "previous"}};
}
constexpr std::string_view drx_schema_name(prediction_explanations_page const*) {
    return "prediction-explanations-page";
}

/// ShapMatrix metadata (seed 002; docs/reference/objects.md (ShapMatrix)): id, projectId, modelId,
/// datasetId. The seed names the id attribute shap_matrix_id; on the wire it is `id`.
struct shap_matrix {
    /// The id of the SHAP matrix (`id` on the wire).
    std::string shap_matrix_id;
    /// The project the model belongs to.
    std::string project_id;
    /// The model the SHAP values were computed with.
    std::string model_id;
    /// The dataset the SHAP values were computed for.
    std::string dataset_id;
};
BOOST_DESCRIBE_STRUCT(shap_matrix, (), (shap_matrix_id, project_id, model_id, dataset_id))
constexpr auto drx_wire_names(shap_matrix const*) { return std::array{rename{"shap_matrix_id", "id"}}; }
constexpr std::string_view drx_schema_name(shap_matrix const*) { return "shap-matrix"; }

/// The prediction explanations family's schemas, in catalogue order.
using prediction_explanations_schemas =
    boost::mp11::mp_list<explanations_mode, prediction_explanations_initialization, prediction_explanations_create,
                         prediction_explanations_record, prediction_explanations_record_list,
                         prediction_explanations_page, prediction_explanations_row, shap_matrix>;

// =============================================================================================
// Modes (seed 002: TopPredictionsMode, ClassListMode; docs/reference/objects.md (Explanation mode))
// =============================================================================================

/// The mode a record was computed with (empty when the record has none).
inline explanations_mode mode_of(prediction_explanations_record const& r) {
    explanations_mode m;
    if (r.num_top_classes && r.num_top_classes->has_value()) m.num_top_classes = **r.num_top_classes;
    if (r.class_names && r.class_names->has_value()) m.class_names = **r.class_names;
    return m;
}

/// The mode a create body asks for (empty when it has none).
inline explanations_mode mode_of(prediction_explanations_create const& c) {
    explanations_mode m;
    m.num_top_classes = c.num_top_classes;
    m.class_names = c.class_names;
    return m;
}

/// is_unsupervised_clustering_or_multiclass() of seed 002: true when the mode sets
/// numTopClasses or classNames (Python truthiness: 0 and [] do not count). "Clustering and
/// multiclass XEMP always has either one of num_top_classes or class_names parameters set."
inline bool is_unsupervised_clustering_or_multiclass(explanations_mode const& m) {
    return (m.num_top_classes && *m.num_top_classes != 0) || (m.class_names && !m.class_names->empty());
}
/// is_unsupervised_clustering_or_multiclass() of a record (seed 002).
inline bool is_unsupervised_clustering_or_multiclass(prediction_explanations_record const& r) {
    return is_unsupervised_clustering_or_multiclass(mode_of(r));
}

/// get_number_of_explained_classes() of seed 002: numTopClasses, else len(classNames) when
/// the mode is set, else 1 ("how many classes we attempt to explain for each row").
inline std::int64_t get_number_of_explained_classes(explanations_mode const& m) {
    if (!is_unsupervised_clustering_or_multiclass(m)) return 1;
    if (m.num_top_classes && *m.num_top_classes != 0) return *m.num_top_classes;
    return static_cast<std::int64_t>(m.class_names->size());
}
/// get_number_of_explained_classes() of a record (seed 002).
inline std::int64_t get_number_of_explained_classes(prediction_explanations_record const& r) {
    return get_number_of_explained_classes(mode_of(r));
}

/// is_multiclass() of seed 002: whether the explanations are for a multiclass project. The client
/// asks the project for its target type (docs/reference/objects.md (Enumerations), TARGET_TYPE);
/// drx takes it from the context's modelKind. std::nullopt when the context does not say.
/// (Clustering projects are not multiclass here; see is_unsupervised_clustering_or_multiclass().)
inline std::optional<bool> is_multiclass(context const& ctx) {
    if (!ctx.model_kind) return std::nullopt;
    return *ctx.model_kind == model_kind::multiclass;
}

/// The server's maxExplanations when a create body does not send it (seed 002).
inline constexpr std::int64_t default_max_explanations = 3;

/// The maxExplanations a create body results in: its own value, or the server default 3.
inline std::int64_t max_explanations_of(prediction_explanations_create const& c) {
    return c.max_explanations.value_or(default_max_explanations);
}

// =============================================================================================
// Python value semantics used by the rules and the CSV export
// =============================================================================================

namespace detail {

/// What the consistency rules need from the request held by the context.
struct pe_request_facts {
    std::int64_t max_explanations = default_max_explanations;
    std::optional<double> threshold_low;
    std::optional<double> threshold_high;
    bool has_mode = false;
    std::int64_t explained_classes = 1;
    std::optional<std::vector<std::string>> class_names;
};

/// The requests the page and row rules compare against (the request given to check()): the record, the
/// create body, or the mode alone.
inline constexpr auto pe_request_types =
    rules::request_of<prediction_explanations_record, prediction_explanations_create, explanations_mode>(
        "prediction_explanations_record, prediction_explanations_create or explanations_mode");

inline std::optional<pe_request_facts> pe_request_of(reporter const& rep) {
    pe_request_facts f;
    explanations_mode m;
    if (auto const* r = rep.request<prediction_explanations_record>()) {
        f.max_explanations = r->max_explanations;
        if (r->threshold_low && r->threshold_low->has_value()) f.threshold_low = (*r->threshold_low)->value();
        if (r->threshold_high && r->threshold_high->has_value()) f.threshold_high = (*r->threshold_high)->value();
        m = mode_of(*r);
    } else if (auto const* c = rep.request<prediction_explanations_create>()) {
        f.max_explanations = max_explanations_of(*c);
        if (c->threshold_low) f.threshold_low = c->threshold_low->value();
        if (c->threshold_high) f.threshold_high = c->threshold_high->value();
        m = mode_of(*c);
    } else if (auto const* md = rep.request<explanations_mode>()) {
        m = *md;
    } else {
        return std::nullopt;
    }
    f.has_mode = is_unsupervised_clustering_or_multiclass(m);
    f.explained_classes = get_number_of_explained_classes(m);
    if (f.has_mode && !(m.num_top_classes && *m.num_top_classes != 0)) f.class_names = m.class_names;
    return f;
}

}  // namespace detail

// =============================================================================================
// URL check (the client's trafaret URL on predictionExplanationsRecordLocation)
// =============================================================================================

/// True if `s` matches the URL pattern the client validates a page's record location with
/// (trafaret's URL: scheme http, https, ftp or ftps; optional user info ending in '@'; a
/// domain name, `localhost` or an IPv4 address; an optional port; then nothing, "/", or '/' or
/// '?' followed by more characters; no whitespace; case-insensitive). drx differs from the
/// Python regular expression in two documented corners: a trailing newline (which Python's `$`
/// tolerates) is refused, and non-ASCII bytes count as letters of a domain label (trafaret
/// IDNA-encodes such hosts before matching).
inline bool is_client_url(std::string_view s) noexcept {
    auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
    auto starts_with_ci = [&](std::string_view x, std::string_view p) {
        if (x.size() < p.size()) return false;
        for (std::size_t i = 0; i < p.size(); ++i)
            if (lower(x[i]) != p[i]) return false;
        return true;
    };
    std::string_view rest;
    for (std::string_view scheme : {"http://", "https://", "ftp://", "ftps://"})
        if (starts_with_ci(s, scheme)) rest = s.substr(scheme.size());
    if (rest.data() == nullptr) return false;
    for (char c : rest)
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return false;

    auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
    auto is_alnum = [&](char c) {
        return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0x80;
    };
    auto host_port_tail = [&](std::string_view t) {
        std::size_t n = 0;
        while (n < t.size() && (is_alnum(t[n]) || t[n] == '.' || t[n] == '-')) ++n;
        std::string_view host = t.substr(0, n);
        auto valid_host = [&]() {
            if (host.empty()) return false;
            if (host.size() == 9) {
                bool lh = true;
                for (std::size_t i = 0; i < 9; ++i)
                    if (lower(host[i]) != "localhost"[i]) lh = false;
                if (lh) return true;
            }
            // IPv4: four groups of 1 to 3 digits.
            {
                int groups = 0;
                std::size_t i = 0;
                bool ok = true;
                while (ok && i <= host.size()) {
                    std::size_t j = i;
                    while (j < host.size() && is_digit(host[j])) ++j;
                    if (j == i || j - i > 3) ok = false;
                    ++groups;
                    if (j == host.size()) break;
                    if (host[j] != '.') ok = false;
                    i = j + 1;
                }
                if (ok && groups == 4) return true;
            }
            // Domain: one or more labels followed by a top-level part, optional final dot.
            std::string_view h = host;
            if (h.back() == '.') h.remove_suffix(1);
            std::vector<std::string_view> parts;
            std::size_t i = 0;
            for (;;) {
                std::size_t dot = h.find('.', i);
                parts.push_back(h.substr(i, dot == std::string_view::npos ? std::string_view::npos : dot - i));
                if (dot == std::string_view::npos) break;
                i = dot + 1;
            }
            if (parts.size() < 2) return false;
            for (std::size_t p = 0; p + 1 < parts.size(); ++p) {
                std::string_view l = parts[p];
                if (l.empty() || l.size() > 63 || !is_alnum(l.front()) || !is_alnum(l.back())) return false;
                for (char c : l)
                    if (!is_alnum(c) && c != '-') return false;
            }
            std::string_view tld = parts.back();
            if (tld.size() < 2) return false;
            for (char c : tld)
                if (!is_alnum(c) && c != '-') return false;
            return true;
        };
        if (!valid_host()) return false;
        std::string_view r = t.substr(n);
        if (!r.empty() && r.front() == ':') {
            std::size_t d = 1;
            while (d < r.size() && is_digit(r[d])) ++d;
            if (d == 1) return false;
            r = r.substr(d);
        }
        if (r.empty() || r == "/") return true;
        return (r.front() == '/' || r.front() == '?') && r.size() >= 2;
    };
    if (host_port_tail(rest)) return true;
    for (std::size_t k = 1; k < rest.size(); ++k)
        if (rest[k] == '@' && host_port_tail(rest.substr(k + 1))) return true;
    return false;
}

// =============================================================================================
// Rules
// =============================================================================================

namespace detail {


/// The facts of the record, create body or mode the row rules compare with
/// (response_rows.hpp): maxExplanations per explained class, the thresholds (which select rows
/// only without a mode, and not for multiclass or clustering models, whose threshold semantics
/// are not documented), and the classes each row explains.
inline std::optional<response_rows::request_facts> pe_facts_of(reporter const& rep) {
    auto f = pe_request_of(rep);
    if (!f) return std::nullopt;
    response_rows::request_facts out;
    out.max_explanations = f->max_explanations;
    out.threshold_low = f->threshold_low;
    out.threshold_high = f->threshold_high;
    auto const* c = rep.ctx();
    out.thresholds_apply = !f->has_mode && !(c && c->model_kind && (*c->model_kind == model_kind::multiclass ||
                                                                    *c->model_kind == model_kind::clustering));
    out.explained_classes = f->explained_classes;
    out.class_names = f->class_names;
    out.classes_source = f->has_mode ? "numTopClasses or len(classNames)" : "no mode: the predicted class only";
    return out;
}

}  // namespace detail


namespace detail {

/// The explanation parameters a create body sends and a record echoes: maxExplanations, the
/// thresholds and the mode (docs/reference/rule-sources.md), shared by both objects' rules.
template <class T>
auto pe_parameter_rules() {
    using namespace drx::rules;
    return std::tuple{
        member<&T::max_explanations>("explanations.max.range", range{0, 100}),
        member<&T::threshold_low>("explanations.threshold.finite", finite_number{}),
        member<&T::threshold_high>("explanations.threshold.finite", finite_number{}),
        ordered<&T::threshold_low, &T::threshold_high>{{"explanations.threshold.order", severity::warning},
                                                       threshold_order_consequence},
    };
}

/// The parameter rules, then the mode rules of the mode members (explanations_mode.hpp).
template <class T>
auto pe_parameter_and_mode_rules() {
    using namespace drx::rules;
    return std::tuple(pe_parameter_rules<T>(), mode_rules<&T::num_top_classes, &T::class_names>(),
                          mode_model_kind<&T::num_top_classes, &T::class_names>());
}

}  // namespace detail

/// The rules of a create body (docs/reference/rule-sources.md).
template <std::same_as<prediction_explanations_create> T>
auto drx_rules(T const*) {
    using namespace drx::rules;
    return std::tuple(
        detail::pe_parameter_and_mode_rules<T>(),
        std::tuple{
            member<&T::datetime_prediction_partition>("explanations.partition", one_of{"0", "holdout"}),
            require<&T::datetime_prediction_partition>(
                "explanations.partition", present<&T::datetime_prediction_partition>{},
                "datetimePredictionPartition (\"0\" or \"holdout\") is required for OTV and time series projects "
                "when explaining training data",
                "\"0\" or \"holdout\"")
                .when(fact_in<&context::datetime_partitioned>(true)),
        });
}

/// Generator repair hook (the cluster rules: a mode within the context's clusters).
template <class G>
void drx_fixup(prediction_explanations_create& v, G& g) {
    detail::fixup_mode<&prediction_explanations_create::num_top_classes, &prediction_explanations_create::class_names>(v, g);
}

/// The rules of a record: the parameters it echoes (docs/reference/rule-sources.md).
template <std::same_as<prediction_explanations_record> T>
auto drx_rules(T const*) {
    return detail::pe_parameter_and_mode_rules<T>();
}

/// Generator repair hook (mode.model_kind and the cluster rules).
template <class G>
void drx_fixup(prediction_explanations_record& v, G& g) {
    detail::fixup_mode<&prediction_explanations_record::num_top_classes, &prediction_explanations_record::class_names>(v, g);
}

namespace detail {
inline bool client_url(std::string_view s) { return is_client_url(s); }
}  // namespace detail

/// The rules of a page: its record location is a URL; rowIds (docs/reference/rule-sources.md
/// (Consistency of responses)).
template <std::same_as<prediction_explanations_page> T>
auto drx_rules(T const*) {
    using namespace drx::rules;
    return std::tuple{
        member<&T::prediction_explanations_record_location>(
            "explanations.location.url",
            format{"uri", &detail::client_url,
                   "https://app.datarobot.com/api/v2/projects/5d5f9ad12a4e7d0b8bd6b8b9/predictionExplanationsRecords/",
                   "predictionExplanationsRecords/page 2"})
            .with_message("predictionExplanationsRecordLocation is not a URL (the client validates it with trafaret's "
                          "URL)")
            .with_expected("a URL"),
        detail::response_rows::row_id_rule<&T::data>(),
    };
}

/// Where the row rules (response_rows.hpp) find their request: the record, the create body or
/// the mode held by the context.
template <std::same_as<prediction_explanations_row> T>
std::optional<detail::response_rows::request_facts> drx_request_facts(T const*,
                                                                              reporter const& rep) {
    return detail::pe_facts_of(rep);
}
constexpr auto drx_request_types(prediction_explanations_row const*) { return detail::pe_request_types; }

/// The consistency rules of a row, one declaration with the deployment
/// rows' (response_rows.hpp); the count, threshold and explained-class rules compare the row
/// with the request held by the context.
template <std::same_as<prediction_explanations_row> T>
auto drx_rules(T const*) {
    return detail::response_rows::row_rules<T>();
}

/// The consistency rules of one explanation: an XEMP symbol, whose sign matches the strength.
template <std::same_as<prediction_explanation> T>
auto drx_rules(T const*) { return detail::response_rows::symbol_rules<T>(); }

/// The consistency rules of one n-gram text explanation (as for explanations).
template <std::same_as<ngram_text_explanation> T>
auto drx_rules(T const*) { return detail::response_rows::symbol_rules<T>(); }






}  // namespace drx
