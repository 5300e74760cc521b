// SPDX-License-Identifier: BSL-1.0
// drx: operations on the clustering objects of drx/api/clustering.hpp (seeds 000 and 001).
//
//   make_cluster_rename_request / apply_cluster_rename     update_cluster_names, update_cluster_name
//   check_cluster_rename, cluster_rename_http_error        the rename.* rules; the server's 422 body
//   clusters_with_prediction_distribution                  seed 000's "up to 20 clusters"
//   cluster_explanations_mode                              seed 000's Predicted / List of clusters
//   cluster_percent_summary, summarize_cluster_insights     the summaries of seed 001
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <drx/api/clustering.hpp>
#include <drx/checker.hpp>
#include <drx/detail/python_format.hpp>

namespace drx {

// =============================================================================================
// Operations: renaming clusters
// =============================================================================================

/// Builds the PATCH body as update_cluster_names(cluster_name_mappings) does: one mapping per
/// (current, new) pair, in order (docs/reference/objects.md (Cluster name mappings)).
inline cluster_rename_request make_cluster_rename_request(
    std::vector<std::pair<std::string, std::string>> const& pairs) {
    cluster_rename_request r;
    r.cluster_name_mappings.reserve(pairs.size());
    for (auto const& [cur, nw] : pairs) r.cluster_name_mappings.push_back({cur, nw});
    return r;
}

/// Builds the PATCH body as update_cluster_name(current_name, new_name) does: one mapping.
inline cluster_rename_request make_cluster_rename_request(std::string current_name, std::string new_name) {
    cluster_rename_request r;
    r.cluster_name_mappings.push_back({std::move(current_name), std::move(new_name)});
    return r;
}

/// The names of the clusters, in list order.
inline std::vector<std::string> cluster_names_of(std::vector<cluster> const& clusters) {
    std::vector<std::string> v;
    v.reserve(clusters.size());
    for (auto const& c : clusters) v.push_back(c.name);
    return v;
}

/// Checks a rename request against the model's current cluster names: every rename.* rule
/// (rename.pair, rename.current.unique, rename.new.unique, rename.current.exists with the
/// server's text "No current cluster with name NAME", rename.collision).
/// (A template only so that it is compiled where it is called; call it as a function.)
template <int = 0>
check_report check_cluster_rename(cluster_rename_request const& req, std::vector<std::string> const& names) {
    context ctx;
    ctx.cluster_names = names;
    ctx.n_clusters = static_cast<std::int64_t>(names.size());
    ctx.model_kind = model_kind::clustering;
    return check(req, {.level = level::rules, .ctx = &ctx});
}

/// Applies a rename to a cluster list and returns the list the server answers the PATCH with:
/// the same projectId, modelId and cluster order, each renamed cluster with its new name and
/// its percent kept. A request that breaks a rename.* rule against the list's names gives no
/// value and the diagnostics (pointers into the request). (A template only so that it is
/// compiled where it is called; call it as a function.)
template <int N = 0>
result<cluster_list> apply_cluster_rename(cluster_list const& list, cluster_rename_request const& req) {
    check_report rep = check_cluster_rename<N>(req, cluster_names_of(list.clusters));
    if (!rep.ok()) return {std::nullopt, std::move(rep.diagnostics)};
    cluster_list out = list;
    // The first mapping of each currentName renames (the rules refuse repeats anyway).
    std::unordered_map<std::string_view, std::string_view> to;
    to.reserve(req.cluster_name_mappings.size());
    for (auto const& m : req.cluster_name_mappings) to.emplace(m.current_name, m.new_name);
    for (auto& c : out.clusters)
        if (auto it = to.find(c.name); it != to.end()) c.name = std::string(it->second);
    return {std::move(out), std::move(rep.diagnostics)};
}

/// The server's answer to a refused rename, where the sources give it: 422
/// {"message": "No current cluster with name NAME"} for the first rename.current.exists
/// diagnostic (in request order; which name the server names when several are missing is
/// not documented). nullopt for other refusals, whose server texts are unknown
/// (docs/reference/open-questions.md (Unknown)).
inline std::optional<cluster_http_error> cluster_rename_http_error(std::vector<diagnostic> const& ds) {
    for (auto const& d : ds)
        if (d.rule == "rename.current.exists" && d.severity == severity::error)
            return cluster_http_error{422, cluster_error_body{d.message}};
    return std::nullopt;
}

// =============================================================================================
// Operations: the clusters whose prediction distribution is shown
// =============================================================================================

/// How many clusters get a prediction distribution preview (seed 000;
/// docs/reference/limits.md (Clustering)).
inline constexpr std::size_t cluster_prediction_distribution_limit = 20;

/// The clusters whose prediction distribution is shown (seed 000: "up to 20 clusters, those
/// that contain the most data"), most data first.
///
/// Deterministic on ties: clusters are ranked by falling percent; equal percents keep their
/// order in `clusters`; clusters without a percent (insights not computed) come after every
/// cluster with one, in list order. The integer 32 and the float 32.0 are equal percents.
/// (A template only so that it is compiled where it is called; call it as a function.)
template <int = 0>
std::vector<cluster> clusters_with_prediction_distribution(
    std::vector<cluster> const& clusters, std::size_t limit = cluster_prediction_distribution_limit) {
    std::vector<std::size_t> order(clusters.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    auto pct = [&](std::size_t i) -> std::optional<double> {
        auto const& p = clusters[i].percent;
        if (!p || !p->has_value()) return std::nullopt;
        return (**p).value();
    };
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        auto pa = pct(a), pb = pct(b);
        if (pa && pb) return *pa > *pb;
        return pa.has_value() && !pb.has_value();
    });
    std::vector<cluster> out;
    for (std::size_t k = 0; k < order.size() && k < limit; ++k) out.push_back(clusters[order[k]]);
    return out;
}

// =============================================================================================
// Operations: which clusters are explained (seed 000 "Clusters" setting)
// =============================================================================================

/// The three settings of seed 000's Clusters control.
enum class cluster_explanations_kind {
    top_predicted,  ///< no method set: each row's top predicted cluster (the same as Predicted 1)
    predicted,      ///< Predicted N: the N most probable clusters of each row, N in [1, min(10, clusters)]
    list,           ///< List of clusters: the named clusters, which must exist
};

/// Which clusters prediction explanations are computed for (seed 000; docs/reference/objects.md
/// (Explanation mode, Clustering explanations)), with its mapping to the wire parameters.
struct cluster_explanations_mode {
    cluster_explanations_kind kind = cluster_explanations_kind::top_predicted;
    /// N of Predicted N.
    std::int64_t predicted_count = 1;
    /// The clusters of List of clusters.
    std::vector<std::string> clusters;

    /// The default: the top predicted cluster of each row.
    static cluster_explanations_mode top_predicted() { return {}; }
    /// Predicted N.
    static cluster_explanations_mode predicted(std::int64_t n) {
        return {cluster_explanations_kind::predicted, n, {}};
    }
    /// List of clusters.
    static cluster_explanations_mode list(std::vector<std::string> names) {
        return {cluster_explanations_kind::list, 0, std::move(names)};
    }

    /// The project-route parameters: {} (nothing sent), {"numTopClasses": N} or
    /// {"classNames": [...]}.
    cluster_explanations_params project_params() const {
        cluster_explanations_params p;
        if (kind == cluster_explanations_kind::predicted) p.num_top_classes = predicted_count;
        if (kind == cluster_explanations_kind::list) p.class_names = clusters;
        return p;
    }
    /// The batch/deployment-route parameters: {}, {"explanationNumTopClasses": N} or
    /// {"explanationClassNames": [...]}.
    cluster_batch_explanations_params batch_params() const {
        cluster_batch_explanations_params p;
        if (kind == cluster_explanations_kind::predicted) p.explanation_num_top_classes = predicted_count;
        if (kind == cluster_explanations_kind::list) p.explanation_class_names = clusters;
        return p;
    }
    /// How many clusters each row gets explanations for.
    std::size_t clusters_per_row() const {
        switch (kind) {
            case cluster_explanations_kind::predicted: return predicted_count < 0 ? 0 : static_cast<std::size_t>(predicted_count);
            case cluster_explanations_kind::list: return clusters.size();
            default: return 1;
        }
    }
};

/// The mode that project-route parameters express (numTopClasses wins if both are given,
/// which mode.exclusive reports).
inline cluster_explanations_mode cluster_explanations_mode_of(cluster_explanations_params const& p) {
    if (p.num_top_classes) return cluster_explanations_mode::predicted(*p.num_top_classes);
    if (p.class_names) return cluster_explanations_mode::list(*p.class_names);
    return cluster_explanations_mode::top_predicted();
}

/// Checks a mode against the model's cluster names (clusters.predicted.range with
/// min(10, number of clusters), clusters.list.known, mode.class_names.*), on the project-route
/// parameters it maps to.
/// (A template only so that it is compiled where it is called; call it as a function.)
template <int = 0>
check_report check_cluster_explanations(cluster_explanations_mode const& mode,
                                               std::vector<std::string> const& names) {
    context ctx;
    ctx.cluster_names = names;
    ctx.n_clusters = static_cast<std::int64_t>(names.size());
    ctx.model_kind = model_kind::clustering;
    return check(mode.project_params(), {.level = level::rules, .ctx = &ctx});
}

// =============================================================================================
// Operations: summaries users print
// =============================================================================================

/// A number as Python's str() prints it: integers as digits, floats as repr(float)
/// (27.1704180064, 32, 1e-05, nan, inf).
inline std::string python_str(number const& n) {
    if (n.is_integer()) return std::to_string(n.as_integer());
    double d = n.value();
    if (std::isnan(d)) return "nan";
    if (std::isinf(d)) return d < 0 ? "-inf" : "inf";
    std::string s;
    detail::append_float_repr(s, d);
    return s;
}

/// One line of seed 001's print_summary: "'NAME' holds PERCENT % of data".
///
/// Like the seed's helper (`if not percent: percent = "?"`), an absent or null percent and a
/// percent equal to zero (Python's `not 0.0` is true) print as "?".
inline std::string cluster_percent_line(cluster const& c) {
    std::string p = "?";
    if (c.percent && c.percent->has_value() && (**c.percent).value() != 0) p = python_str(**c.percent);
    return "'" + c.name + "' holds " + p + " % of data";
}

/// Seed 001's summary of the clusters: one cluster_percent_line per cluster, each ending in
/// a newline, in list order.
inline std::string cluster_percent_summary(std::vector<cluster> const& clusters) {
    std::string s;
    for (auto const& c : clusters) s += cluster_percent_line(c) + "\n";
    return s;
}

/// One cluster's part of a feature summary.
struct cluster_breakdown {
    std::string cluster_name;
    /// What the insights say about the feature in this cluster (drx's wording, see
    /// summarize_cluster_insights).
    std::string text;
};

/// A feature's importance and its per-cluster breakdown, for printing.
struct cluster_feature_summary {
    std::string feature_name;
    std::string feature_type;
    /// featureImpact; empty when absent or null.
    std::optional<number> feature_impact;
    /// The same facts over all rows ("" for geospatial features, which have no allData).
    std::string all_data;
    /// One entry per cluster, in the order clusters first appear in the insights.
    std::vector<cluster_breakdown> per_cluster;
};

namespace detail {

inline std::string opt_number_text(std::optional<nullable<number>> const& v) {
    return v && v->has_value() ? python_str(**v) : std::string("null");
}

inline cluster_breakdown& breakdown_for(std::vector<cluster_breakdown>& v, std::string const& name) {
    for (auto& b : v)
        if (b.cluster_name == name) return b;
    return v.emplace_back(cluster_breakdown{name, {}});
}

inline void append_part(std::string& s, std::string const& part) {
    if (!s.empty()) s += ", ";
    s += part;
}

inline std::string top_category(std::vector<category_level_frequency> const& v) {
    if (v.empty()) return "no category levels";
    auto const* best = &v.front();
    for (auto const& x : v)
        if (x.frequency.value() > best->frequency.value()) best = &x;
    return "most frequent '" + best->category_level + "' (" + python_str(best->frequency) + " %)";
}

inline std::string top_ngram(std::vector<text_ngram_statistic> const& v) {
    if (v.empty()) return "no n-grams";
    auto const* best = &v.front();
    for (auto const& x : v)
        if (x.importance.value() > best->importance.value()) best = &x;
    return "top n-gram '" + best->ngram + "' (importance " + python_str(best->importance) + ")";
}

inline std::string missing_text(nullable<number> const& n) {
    return "missing " + (n.has_value() ? python_str(*n) : std::string("null")) + " %";
}

struct summary_visitor {
    cluster_feature_summary& out;

    void operator()(numeric_insight const& x) const {
        append_part(out.all_data, x.insight_name + "=" + opt_number_text(x.all_data));
        for (auto const& c : x.per_cluster)
            append_part(breakdown_for(out.per_cluster, c.cluster_name).text,
                        x.insight_name + "=" + opt_number_text(c.statistic));
    }
    void operator()(categorical_insight const& x) const {
        append_part(out.all_data, top_category(x.all_data.per_value_statistics) + ", all other " +
                                      python_str(x.all_data.all_other) + " %, " +
                                      missing_text(x.all_data.missing_rows_percent));
        for (auto const& c : x.per_cluster)
            append_part(breakdown_for(out.per_cluster, c.cluster_name).text,
                        top_category(c.per_value_statistics) + ", all other " + python_str(c.all_other) + " %, " +
                            missing_text(c.missing_rows_percent));
    }
    void operator()(text_insight const& x) const {
        append_part(out.all_data,
                    top_ngram(x.all_data.per_value_statistics) + ", " + missing_text(x.all_data.missing_rows_percent));
        for (auto const& c : x.per_cluster)
            append_part(breakdown_for(out.per_cluster, c.cluster_name).text,
                        top_ngram(c.per_value_statistics) + ", " + missing_text(c.missing_rows_percent));
    }
    void operator()(image_insight const& x) const {
        append_part(out.all_data, "representative images: " + std::to_string(x.all_data.image_entities.size()) + ", " +
                                      missing_text(x.all_data.percentage_of_missing_images));
        for (auto const& c : x.per_cluster)
            append_part(breakdown_for(out.per_cluster, c.cluster_name).text,
                        "representative images: " + std::to_string(c.images.size()) + ", " +
                            missing_text(c.percentage_of_missing_images));
    }
    void operator()(geospatial_insight const& x) const {
        for (auto const& c : x.per_cluster)
            append_part(breakdown_for(out.per_cluster, c.cluster_name).text,
                        "representative locations: " + std::to_string(c.representative_locations.size()));
    }
};

}  // namespace detail

/// Summarizes cluster insights: one entry per feature, most important first (falling
/// featureImpact; features without one last; ties keep their input order), each with what its
/// insights say over all rows and per cluster:
///   numeric      every statistic: "avg=12.5, firstQuartile=3.0, ..." (null prints "null")
///   categorical  "most frequent 'LEVEL' (F %), all other A %, missing M %"
///                (the first level of highest frequency)
///   text         "top n-gram 'NGRAM' (importance I), missing M %" (the first of highest importance)
///   image        "representative images: N, missing M %"
///   geospatial   "representative locations: N"
/// Numbers print as Python's str() does.
/// (A template only so that it is compiled where it is called; call it as a function.)
template <int = 0>
std::vector<cluster_feature_summary> summarize_cluster_insights(std::vector<cluster_insight> const& insights) {
    std::vector<cluster_feature_summary> out;
    out.reserve(insights.size());
    for (auto const& ci : insights) {
        cluster_feature_summary s;
        s.feature_name = ci.feature_name;
        s.feature_type = ci.feature_type;
        if (ci.feature_impact && ci.feature_impact->has_value()) s.feature_impact = **ci.feature_impact;
        for (auto const& item : ci.insights) std::visit(detail::summary_visitor{s}, item);
        out.push_back(std::move(s));
    }
    std::stable_sort(out.begin(), out.end(), [](cluster_feature_summary const& a, cluster_feature_summary const& b) {
        if (a.feature_impact && b.feature_impact) return a.feature_impact->value() > b.feature_impact->value();
        return a.feature_impact.has_value() && !b.feature_impact.has_value();
    });
    return out;
}

/// The summary as text:
///   1. FEATURE [TYPE] impact IMPACT          ("impact ?" when absent or null)
///      all data: ...                         (omitted when empty)
///      CLUSTER: ...                          (one line per cluster)
/// (A template only so that it is compiled where it is called; call it as a function.)
template <int = 0>
std::string format_cluster_insights_summary(std::vector<cluster_feature_summary> const& summary) {
    std::string s;
    std::size_t n = 0;
    for (auto const& f : summary) {
        s += std::to_string(++n) + ". " + f.feature_name + " [" + f.feature_type + "] impact " +
             (f.feature_impact ? python_str(*f.feature_impact) : std::string("?")) + "\n";
        if (!f.all_data.empty()) s += "   all data: " + f.all_data + "\n";
        for (auto const& c : f.per_cluster) s += "   " + c.cluster_name + ": " + c.text + "\n";
    }
    return s;
}

}  // namespace drx
