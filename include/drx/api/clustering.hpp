// SPDX-License-Identifier: BSL-1.0
// drx: clustering objects (seeds 000 and 001; docs/reference/objects.md (Clustering),
// docs/reference/limits.md (Clustering)).
//
// Schemas (docs/reference/objects.md: Schema catalogue, and the sections named here):
//   cluster                       {name, percent?}                        Cluster
//   cluster-list                  clusterNames GET/PATCH response         Cluster list
//   cluster-name-mappings         clusterNames PATCH body                 Cluster name mappings
//   cluster-insight               ClusterInsight, five per-type shapes    Cluster insight
//   cluster-insights-page         paginated list of ClusterInsight        Cluster insights page
//   clustering-model              the model record of a clustering model  Clustering model
//   unsupervised-project-options  the aim PATCH body                      Unsupervised project options
//
// This header holds the declarations, their rules and their generator hooks. The operations
// users run on them (renames, the clusters explained, summaries) are in
// drx/api/clustering_ops.hpp, so declaring and checking costs no more than it must.
#pragma once

#include <concepts>
#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>
#include <boost/json/value.hpp>
#include <boost/mp11/algorithm.hpp>
#include <boost/mp11/list.hpp>

#include <drx/api/error_body.hpp>
#include <drx/api/explanations_mode.hpp>
#include <drx/context.hpp>
#include <drx/detail/python_format.hpp>
#include <drx/json_value.hpp>
#include <drx/nullable.hpp>
#include <drx/number.hpp>
#include <drx/object_map.hpp>
#include <drx/rules.hpp>

namespace drx {

// =============================================================================================
// cluster, cluster-list
// =============================================================================================

/// One cluster of a clustering model: its current name and the percent of the data it holds
/// (seed 001 `Cluster`; docs/reference/objects.md (Cluster, Clustering fixtures)). Key order:
/// name, percent.
struct cluster {
    /// The current name; "Cluster 1" ... "Cluster N" unless renamed.
    std::string name;
    /// Percent of the data in the cluster, 0 to 100; absent before cluster insights are
    /// computed. Keeps its wire kind (the fixture has 12.1 and the integer 32). A null is
    /// accepted and written back: the Python client drops null keys before validating, so it
    /// treats null as absent (docs/reference/objects.md (Null dropping)).
    std::optional<nullable<number>> percent;
};
BOOST_DESCRIBE_STRUCT(cluster, (), (name, percent))
constexpr std::string_view drx_schema_name(cluster const*) { return "cluster"; }

template <std::same_as<cluster> T>
auto drx_rules(T const*) {
    using namespace drx::rules;
    return std::tuple{
        member<&T::percent>("cluster.percent.range", range{0, 100}),
    };
}

/// The tolerance of `cluster.percent.sum`: half a unit of the first decimal per cluster, the
/// coarsest rounding seen in the sources (12.1, 22.2, 33.7: docs/reference/objects.md, "Clustering
/// fixtures").
/// The sum of n percents may be off by at most `n * cluster_percent_sum_tolerance_per_cluster`
/// (plus 1e-9 for binary floating point).
inline constexpr double cluster_percent_sum_tolerance_per_cluster = 0.05;

/// The clusterNames GET and PATCH response (docs/reference/objects.md (Cluster list, Clustering
/// fixtures)): not paginated. Key order: projectId, modelId, clusters.
struct cluster_list {
    std::string project_id;
    std::string model_id;
    std::vector<cluster> clusters;
};
BOOST_DESCRIBE_STRUCT(cluster_list, (), (project_id, model_id, clusters))
constexpr std::string_view drx_schema_name(cluster_list const*) { return "cluster-list"; }

namespace detail {

/// cluster.percent.sum (warning): when every cluster has a percent, they add up to 100 within
/// rounding (see cluster_percent_sum_tolerance_per_cluster). Lists where some or all percents
/// are absent (insights not computed) are not checked.
inline void cluster_percent_sum_rule(cluster_list const& l, reporter& rep) {
    if (l.clusters.empty()) return;
    double sum = 0;
    for (auto const& c : l.clusters) {
        if (!c.percent || !c.percent->has_value()) return;
        sum += (**c.percent).value();
    }
    double tol = cluster_percent_sum_tolerance_per_cluster * static_cast<double>(l.clusters.size());
    if (std::fabs(sum - 100.0) <= tol + 1e-9) return;
    std::string s;
    append_float_repr(s, sum);
    std::string t;
    append_float_repr(t, tol);
    rep.report(json_pointer("clusters"), "the percents of the clusters add up to " + s + ", not 100 (tolerance " + t + ")",
               "100 +/- " + t, s);
}

}  // namespace detail

template <std::same_as<cluster_list> T>
auto drx_rules(T const*) {
    using namespace drx::rules;
    return std::tuple{
        custom<T>{{"cluster.percent.sum", severity::warning, level::rules},
                  "the percents of all clusters add up to 100 within rounding (when all are present)",
                  &detail::cluster_percent_sum_rule},
    };
}

/// Generator repair hook (cluster.percent.sum): when every cluster has a percent, scales them
/// to add up to 100.
template <class G>
void drx_fixup(cluster_list& l, G&) {
    if (l.clusters.empty()) return;
    double sum = 0;
    for (auto const& c : l.clusters) {
        if (!c.percent || !c.percent->has_value()) return;
        sum += (**c.percent).value();
    }
    double const n = static_cast<double>(l.clusters.size());
    for (auto& c : l.clusters) {
        double p = sum > 0 ? (**c.percent).value() / sum * 100.0 : 100.0 / n;
        *c.percent = nullable<number>(number(std::min(p, 100.0)));
    }
}

// =============================================================================================
// cluster-name-mappings (the PATCH body)
// =============================================================================================

/// One rename: {currentName, newName} (docs/reference/objects.md (Cluster name mappings)).
struct cluster_name_mapping {
    std::string current_name;
    std::string new_name;
};
BOOST_DESCRIBE_STRUCT(cluster_name_mapping, (), (current_name, new_name))

template <std::same_as<cluster_name_mapping> T>
auto drx_rules(T const*) {
    using namespace drx::rules;
    return std::tuple{
        member<&T::current_name>("rename.pair", non_empty{}),
        member<&T::new_name>("rename.pair", non_empty{}),
    };
}

/// The clusterNames PATCH body {clusterNameMappings: [{currentName, newName}]}, built by the
/// Python client's update_cluster_names / update_cluster_name from (current, new) tuples, in
/// order (seed 001; docs/reference/objects.md (Cluster name mappings)).
struct cluster_rename_request {
    std::vector<cluster_name_mapping> cluster_name_mappings;
};
BOOST_DESCRIBE_STRUCT(cluster_rename_request, (), (cluster_name_mappings))
constexpr std::string_view drx_schema_name(cluster_rename_request const*) { return "cluster-name-mappings"; }

/// The server's 422 message for a currentName that is not a cluster of the model
/// (docs/reference/errors.md (Clustering error bodies): "No current cluster with name Cluster 1").
inline constexpr std::string_view no_current_cluster_template = "No current cluster with name {}";
inline std::string no_current_cluster_message(std::string_view name) {
    std::string s(no_current_cluster_template);
    return s.replace(s.find("{}"), 2, name);
}


/// The 404 message of GET/PATCH clusterNames/ and GET clusterInsights/ for an unknown project
/// or model (docs/reference/errors.md (Clustering error bodies)).
inline constexpr std::string_view cluster_not_found_message = "Not Found";
/// The 404 message of GET clusterInsights/ before insights are computed
/// (docs/reference/errors.md (Clustering error bodies)).
inline constexpr std::string_view no_cluster_insights_message =
    "There are no cluster insights available for this model yet.";

/// An HTTP status with its error body.
struct cluster_http_error {
    int status = 0;
    cluster_error_body body;
};

namespace detail {

inline std::string mapping_pointer(std::size_t i, std::string_view member) {
    return json_pointer("clusterNameMappings", i, member);
}

inline bool contains_name(std::vector<std::string> const& v, std::string_view s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

/// A set of names for constant-time membership (the names must outlive it).
inline std::unordered_set<std::string_view> name_set(std::vector<std::string> const& v) {
    return std::unordered_set<std::string_view>(v.begin(), v.end());
}

/// rename.collision: after renaming, every cluster name is distinct. A mapping collides when
/// its newName is the name of a cluster that keeps its name (is not renamed by the request).
/// Two mappings with the same newName are rename.new.unique; mappings whose currentName does
/// not exist are rename.current.exists; neither is reported again here. A swap (A to B and
/// B to A) renames both clusters, so it does not collide.
inline void rename_collision_rule(cluster_rename_request const& r, reporter& rep) {
    auto const names = name_set(*rep.ctx()->cluster_names);
    std::unordered_set<std::string_view> renamed;
    renamed.reserve(r.cluster_name_mappings.size());
    for (auto const& m : r.cluster_name_mappings) renamed.insert(m.current_name);
    for (std::size_t i = 0; i < r.cluster_name_mappings.size() && !rep.stopped(); ++i) {
        auto const& m = r.cluster_name_mappings[i];
        if (!names.contains(m.current_name) || m.new_name == m.current_name) continue;
        if (names.contains(m.new_name) && !renamed.contains(m.new_name))
            rep.report(mapping_pointer(i, "newName"),
                       "after renaming, two clusters would be named " + detail::json_quoted(m.new_name) + ": " +
                           detail::json_quoted(m.new_name) + " is a cluster that keeps its name",
                       "a name no other cluster has after renaming", detail::json_quoted(m.new_name));
    }
}

}  // namespace detail

template <std::same_as<cluster_rename_request> T>
auto drx_rules(T const*) {
    using namespace drx::rules;
    return std::tuple{
        member<&T::cluster_name_mappings>("rename.current.unique", unique_by<&cluster_name_mapping::current_name>{}),
        member<&T::cluster_name_mappings>("rename.new.unique", unique_by<&cluster_name_mapping::new_name>{}),
        // The server's 422: every currentName is a cluster of the model.
        member<&T::cluster_name_mappings>(
            "rename.current.exists",
            each{field<&cluster_name_mapping::current_name, in_context<&context::cluster_names>>{}})
            .with_message(no_current_cluster_template),
        custom<T>{{"rename.collision"}, "after renaming, all cluster names are distinct",
                  &detail::rename_collision_rule, needs::cluster_names},
    };
}

/// Generator repair hook (rename.current.unique, rename.new.unique, rename.current.exists,
/// rename.collision): currentNames are distinct cluster names of the context (when it has
/// them), newNames are distinct and name no cluster of the context.
template <class G>
void drx_fixup(cluster_rename_request& r, G& g) {
    auto& ms = r.cluster_name_mappings;
    std::vector<std::string> const* names = g.options().ctx && g.options().ctx->cluster_names
                                                ? &*g.options().ctx->cluster_names
                                                : nullptr;
    auto taken = [&](std::string const& s, std::size_t upto, std::string cluster_name_mapping::*m) {
        for (std::size_t j = 0; j < upto; ++j)
            if (ms[j].*m == s) return true;
        return false;
    };
    if (names) {
        std::vector<std::string> pool;  // distinct, non-empty names of the model
        for (auto const& n : *names)
            if (!n.empty() && std::find(pool.begin(), pool.end(), n) == pool.end()) pool.push_back(n);
        if (ms.size() > pool.size()) ms.resize(pool.size());
        for (auto& m : ms) {
            std::size_t k = static_cast<std::size_t>(g.source().below(pool.size()));
            m.current_name = pool[k];
            pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(k));
        }
    }
    for (std::size_t i = 0; i < ms.size(); ++i) {
        if (!names) {
            std::string base = ms[i].current_name.empty() ? std::string("c") : ms[i].current_name;
            ms[i].current_name = base;
            for (std::size_t k = 1; taken(ms[i].current_name, i, &cluster_name_mapping::current_name); ++k)
                ms[i].current_name = base + "#" + std::to_string(k);
        }
        std::string base = ms[i].new_name.empty() ? std::string("n") : ms[i].new_name;
        ms[i].new_name = base;
        for (std::size_t k = 1; taken(ms[i].new_name, i, &cluster_name_mapping::new_name) ||
                                (names && detail::contains_name(*names, ms[i].new_name));
             ++k)
            ms[i].new_name = base + "#" + std::to_string(k);
    }
}

/// Near-miss hook (rename.collision; the unique_by and in_context rules need none): with the
/// context's cluster names, a newName that is a cluster keeping its name.
template <class G, class Sites>
void drx_custom_sites(cluster_rename_request& r, G& g, Sites& out) {
    auto& ms = r.cluster_name_mappings;
    context const* c = g.options().ctx;
    if (!c || !c->cluster_names || ms.empty()) return;
    std::vector<std::string> const* names = &*c->cluster_names;
    out.push_back({"rename.collision", detail::mapping_pointer(0, "newName"), "newName of a cluster that keeps its name",
                   false, level::rules, severity::error, [&ms, names] {
                       for (auto const& n : *names) {
                           bool renamed = false;
                           for (auto const& m : ms) renamed |= m.current_name == n;
                           if (!renamed) {
                               ms[0].new_name = n;
                               return true;
                           }
                       }
                       return false;
                   }});
}

// =============================================================================================
// cluster-insight: ClusterInsight and its five per-feature-type shapes
// =============================================================================================
//
// `insights` items are read with an ordered std::variant, as the Python client validates
// them with a trafaret Or over the five shapes in the order numeric, categorical, text,
// image, geospatial (docs/reference/objects.md (Cluster insight)). Every nested dict is strict
// in the client (no extra keys), so all of them are closed here: that is what lets the alternatives
// discriminate. `insight.shape` then checks each item's shape against featureType.
//
// Number members use drx::number: the client validates them as floats, which accept ints, and
// drx writes back the kind it read (the fixtures write floats with ".0", docs/reference/objects.md
// (Clustering fixtures)).

/// One cluster's value of a numeric statistic. Key order: statistic, clusterName (11.2).
struct numeric_cluster_statistic {
    /// The statistic in this cluster; null when every row is missing.
    std::optional<nullable<number>> statistic;
    std::string cluster_name;
};
BOOST_DESCRIBE_STRUCT(numeric_cluster_statistic, (), (statistic, cluster_name))
constexpr bool drx_closed(numeric_cluster_statistic const*) { return true; }

/// One statistic of a numeric feature (featureType "numeric"): avg, firstQuartile, max,
/// median, min, missingRowsPercent or thirdQuartile. Key order: allData, perCluster,
/// insightName (11.2).
struct numeric_insight {
    /// The statistic over all rows; null when every row is missing.
    std::optional<nullable<number>> all_data;
    std::vector<numeric_cluster_statistic> per_cluster;
    std::string insight_name;
};
BOOST_DESCRIBE_STRUCT(numeric_insight, (), (all_data, per_cluster, insight_name))
constexpr bool drx_closed(numeric_insight const*) { return true; }

/// The frequency of one category level, in percent. Category levels can repeat (11.3).
struct category_level_frequency {
    std::string category_level;
    number frequency;
};
BOOST_DESCRIBE_STRUCT(category_level_frequency, (), (category_level, frequency))
constexpr bool drx_closed(category_level_frequency const*) { return true; }

/// Categorical statistics over all rows. Key order: perValueStatistics, allOther,
/// missingRowsPercent (11.3; text orders its keys differently, see text_all_data).
struct categorical_all_data {
    std::vector<category_level_frequency> per_value_statistics;
    number all_other;
    number missing_rows_percent;
};
BOOST_DESCRIBE_STRUCT(categorical_all_data, (), (per_value_statistics, all_other, missing_rows_percent))
constexpr bool drx_closed(categorical_all_data const*) { return true; }

/// Categorical statistics of one cluster. Key order: perValueStatistics, allOther,
/// missingRowsPercent, clusterName (11.3).
struct categorical_cluster_data {
    std::vector<category_level_frequency> per_value_statistics;
    number all_other;
    number missing_rows_percent;
    std::string cluster_name;
};
BOOST_DESCRIBE_STRUCT(categorical_cluster_data, (), (per_value_statistics, all_other, missing_rows_percent, cluster_name))
constexpr bool drx_closed(categorical_cluster_data const*) { return true; }

/// The insight of a categorical feature (featureType "categorical", insightName
/// "categoryLevelFrequencyPercent"). Key order: allData, perCluster, insightName (11.3).
struct categorical_insight {
    categorical_all_data all_data;
    std::vector<categorical_cluster_data> per_cluster;
    std::string insight_name;
};
BOOST_DESCRIBE_STRUCT(categorical_insight, (), (all_data, per_cluster, insight_name))
constexpr bool drx_closed(categorical_insight const*) { return true; }

/// One important n-gram of a text feature. Key order: ngram, importance, contextualExtracts.
/// Importance is 0 to 1 over all rows but unbounded per cluster (11.4).
struct text_ngram_statistic {
    std::string ngram;
    number importance;
    std::vector<std::string> contextual_extracts;
};
BOOST_DESCRIBE_STRUCT(text_ngram_statistic, (), (ngram, importance, contextual_extracts))
constexpr bool drx_closed(text_ngram_statistic const*) { return true; }

/// Text statistics over all rows. Key order: perValueStatistics, missingRowsPercent
/// (docs/reference/objects.md (Clustering fixtures): perValueStatistics BEFORE missingRowsPercent;
/// the client's validator lists them the other way round, the payload order wins).
struct text_all_data {
    std::vector<text_ngram_statistic> per_value_statistics;
    /// The client's validator allows null (docs/reference/objects.md (Cluster insight)), so drx
    /// accepts it.
    nullable<number> missing_rows_percent;
};
BOOST_DESCRIBE_STRUCT(text_all_data, (), (per_value_statistics, missing_rows_percent))
constexpr bool drx_closed(text_all_data const*) { return true; }

/// Text statistics of one cluster. Key order: perValueStatistics, missingRowsPercent,
/// clusterName (11.4).
struct text_cluster_data {
    std::vector<text_ngram_statistic> per_value_statistics;
    nullable<number> missing_rows_percent;
    std::string cluster_name;
};
BOOST_DESCRIBE_STRUCT(text_cluster_data, (), (per_value_statistics, missing_rows_percent, cluster_name))
constexpr bool drx_closed(text_cluster_data const*) { return true; }

/// The insight of a text feature (featureType "text", insightName "importantNgrams").
struct text_insight {
    text_all_data all_data;
    std::vector<text_cluster_data> per_cluster;
    std::string insight_name;
};
BOOST_DESCRIBE_STRUCT(text_insight, (), (all_data, per_cluster, insight_name))
constexpr bool drx_closed(text_insight const*) { return true; }

/// Image statistics over all rows. Key order: imageEntities (24-hex ids),
/// percentageOfMissingImages (11.5).
struct image_all_data {
    std::vector<std::string> image_entities;
    number percentage_of_missing_images;
};
BOOST_DESCRIBE_STRUCT(image_all_data, (), (image_entities, percentage_of_missing_images))
constexpr bool drx_closed(image_all_data const*) { return true; }

/// Image statistics of one cluster. Key order: images, percentageOfMissingImages,
/// clusterName (11.5).
struct image_cluster_data {
    std::vector<std::string> images;
    number percentage_of_missing_images;
    std::string cluster_name;
};
BOOST_DESCRIBE_STRUCT(image_cluster_data, (), (images, percentage_of_missing_images, cluster_name))
constexpr bool drx_closed(image_cluster_data const*) { return true; }

/// The insight of an image feature (featureType "image", insightName "representativeImages").
struct image_insight {
    image_all_data all_data;
    std::vector<image_cluster_data> per_cluster;
    std::string insight_name;
};
BOOST_DESCRIBE_STRUCT(image_insight, (), (all_data, per_cluster, insight_name))
constexpr bool drx_closed(image_insight const*) { return true; }

/// Representative locations of one cluster: [longitude, latitude] pairs, in the fixture's
/// order, duplicates allowed. Key order: representativeLocations, clusterName (11.6).
struct geospatial_cluster_data {
    std::vector<std::array<number, 2>> representative_locations;
    std::string cluster_name;
};
BOOST_DESCRIBE_STRUCT(geospatial_cluster_data, (), (representative_locations, cluster_name))
constexpr bool drx_closed(geospatial_cluster_data const*) { return true; }

/// The insight of a geospatial point feature (featureType "geospatialPoint", insightName
/// "representativeLocations"): no allData (11.6).
struct geospatial_insight {
    std::vector<geospatial_cluster_data> per_cluster;
    std::string insight_name;
};
BOOST_DESCRIBE_STRUCT(geospatial_insight, (), (per_cluster, insight_name))
constexpr bool drx_closed(geospatial_insight const*) { return true; }

/// One item of ClusterInsight.insights: one of the five shapes, tried in the client's order.
using cluster_insight_item =
    std::variant<numeric_insight, categorical_insight, text_insight, image_insight, geospatial_insight>;

/// The featureType values with a documented insight shape, in the order of the alternatives
/// of cluster_insight_item (docs/reference/objects.md (Enumerations)).
inline constexpr std::array<std::string_view, 5> cluster_feature_types{"numeric", "categorical", "text", "image",
                                                                       "geospatialPoint"};

/// ClusterInsight: one feature's insights with its per-cluster breakdown (seed 001;
/// docs/reference/objects.md (Cluster insight, Clustering fixtures)). Key order: featureName,
/// featureType, insights, featureImpact. Not closed: the client's top-level converter allows extra
/// keys.
struct cluster_insight {
    std::string feature_name;
    /// numeric, categorical, text, image or geospatialPoint; the client types it as a free string.
    std::string feature_type;
    std::vector<cluster_insight_item> insights;
    /// Documented as 0 to 1, but the geospatial fixture holds 13.7
    /// (docs/reference/open-questions.md (Conflicts between sources)), hence a warning. May be
    /// absent or null (the all_rows_missing fixture has null).
    std::optional<nullable<number>> feature_impact;
};
BOOST_DESCRIBE_STRUCT(cluster_insight, (), (feature_name, feature_type, insights, feature_impact))
constexpr std::string_view drx_schema_name(cluster_insight const*) { return "cluster-insight"; }

/// The featureType whose shape the item has ("numeric" ... "geospatialPoint").
inline std::string_view cluster_insight_shape(cluster_insight_item const& item) {
    return cluster_feature_types[item.index()];
}

namespace detail {

/// insight.shape: every item has the shape of featureType. A featureType outside the five
/// documented ones is reported too (at /featureType): drx cannot tell which shape it needs.
/// One ambiguity is accepted: a geospatialPoint item with an empty perCluster list is also a
/// valid numeric item (allData is optional there), and the client's Or picks numeric for it;
/// both shapes write the same JSON, so it is not reported.
inline void insight_shape_rule(cluster_insight const& ci, reporter& rep) {
    std::size_t want = cluster_feature_types.size();
    for (std::size_t k = 0; k < cluster_feature_types.size(); ++k)
        if (cluster_feature_types[k] == ci.feature_type) want = k;
    if (want == cluster_feature_types.size()) {
        rep.report(json_pointer("featureType"),
                   "featureType " + detail::json_quoted(ci.feature_type) +
                       " has no documented insight shape (numeric, categorical, text, image, geospatialPoint)",
                   "one of \"numeric\", \"categorical\", \"text\", \"image\", \"geospatialPoint\"",
                   detail::json_quoted(ci.feature_type));
        return;
    }
    for (std::size_t i = 0; i < ci.insights.size(); ++i) {
        auto const& item = ci.insights[i];
        if (item.index() == want) continue;
        if (want == 4 && item.index() == 0) {
            auto const& n = std::get<0>(item);
            if (!n.all_data && n.per_cluster.empty()) continue;  // the shapes coincide
        }
        rep.report(json_pointer("insights", i),
                   "featureType " + detail::json_quoted(ci.feature_type) + " needs " + std::string(cluster_feature_types[want]) +
                       " insights, but this item has the " + std::string(cluster_insight_shape(item)) + " shape",
                   std::string(cluster_feature_types[want]) + " shape",
                   std::string(cluster_insight_shape(item)) + " shape");
    }
}

/// insight.shape as JSON Schema (drx/tools/json_schema.hpp): featureType is one of the five,
/// and the items have its shape. The one accepted ambiguity needs no exception here: an item
/// read as numeric with an empty perCluster and no allData is also a geospatial item.
inline constexpr std::string_view insight_shape_schema = R"({
  "properties": {"featureType": {"type": "string", "enum": ["numeric", "categorical", "text", "image", "geospatialPoint"]}},
  "allOf": [
    {"if": {"properties": {"featureType": {"const": "numeric"}}},
     "then": {"properties": {"insights": {"type": "array", "items": {"$ref": "#/$defs/numeric_insight"}}}}},
    {"if": {"properties": {"featureType": {"const": "categorical"}}},
     "then": {"properties": {"insights": {"type": "array", "items": {"$ref": "#/$defs/categorical_insight"}}}}},
    {"if": {"properties": {"featureType": {"const": "text"}}},
     "then": {"properties": {"insights": {"type": "array", "items": {"$ref": "#/$defs/text_insight"}}}}},
    {"if": {"properties": {"featureType": {"const": "image"}}},
     "then": {"properties": {"insights": {"type": "array", "items": {"$ref": "#/$defs/image_insight"}}}}},
    {"if": {"properties": {"featureType": {"const": "geospatialPoint"}}},
     "then": {"properties": {"insights": {"type": "array", "items": {"$ref": "#/$defs/geospatial_insight"}}}}}
  ]
})";

}  // namespace detail

template <std::same_as<cluster_insight> T>
auto drx_rules(T const*) {
    using namespace drx::rules;
    return std::tuple{
        custom<T>{{"insight.shape"},
                  "every insight item has the shape of featureType",
                  &detail::insight_shape_rule,
                  needs::nothing,
                  {},
                  nullptr,
                  nullptr,
                  detail::insight_shape_schema},
        member<&T::feature_impact>("insight.feature_impact.range", range{0, 1}).as_warning(),
    };
}

/// Generator repair hook (insight.shape): featureType is one of the five documented types and
/// every insight item is regenerated with that type's shape when it has another.
template <class G>
void drx_fixup(cluster_insight& ci, G& g) {
    std::size_t want = cluster_feature_types.size();
    for (std::size_t k = 0; k < cluster_feature_types.size(); ++k)
        if (cluster_feature_types[k] == ci.feature_type) want = k;
    if (want == cluster_feature_types.size()) {
        want = static_cast<std::size_t>(g.source().below(cluster_feature_types.size()));
        ci.feature_type = std::string(cluster_feature_types[want]);
    }
    for (auto& item : ci.insights) {
        if (item.index() == want) continue;
        boost::mp11::mp_with_index<std::variant_size_v<cluster_insight_item>>(want, [&](auto I) {
            item.template emplace<I>();
            g.fill(std::get<I>(item));
        });
    }
}

// =============================================================================================
// cluster-insights-page
// =============================================================================================

/// The cluster insights list (GET clusterInsights/): the standard envelope plus totalCount and
/// version (docs/reference/objects.md (Cluster insights page, Clustering fixtures)). Key order:
/// count, next, previous, data, totalCount, version.
struct cluster_insights_page {
    std::int64_t count = 0;
    /// URL of the next page, or null.
    nullable<std::string> next_page;
    /// URL of the previous page, or null.
    nullable<std::string> previous_page;
    std::vector<cluster_insight> data;
    std::int64_t total_count = 0;
    /// The insights' version (6 in the fixture).
    std::int64_t version = 0;
};
BOOST_DESCRIBE_STRUCT(cluster_insights_page, (), (count, next_page, previous_page, data, total_count, version))
constexpr auto drx_wire_names(cluster_insights_page const*) {
    return std::array{rename{"next_page", "next"}, rename{"previous_page", "previous"}};
}
constexpr std::string_view drx_schema_name(cluster_insights_page const*) { return "cluster-insights-page"; }

// =============================================================================================
// clustering-model
// =============================================================================================

/// The scores of one metric of a model. Key order of the fixture (11.8): validation,
/// crossValidation, holdout, training, backtestingScores, backtesting.
struct model_metric_scores {
    nullable<number> validation;
    nullable<number> cross_validation;
    nullable<number> holdout;
    nullable<number> training;
    /// One score per backtest (datetime models), or null.
    nullable<std::vector<nullable<number>>> backtesting_scores;
    nullable<number> backtesting;
};
BOOST_DESCRIBE_STRUCT(model_metric_scores, (), (validation, cross_validation, holdout, training, backtesting_scores,
                                                backtesting))

/// The model record of a clustering model (GET projects/{pid}/models/{mid}/; seed 001
/// ClusteringModel; docs/reference/objects.md (Clustering model, Clustering fixtures)). Keys are
/// alphabetical, as in the fixture. The members present in the fixture are required (nullable where
/// it holds null, and samplePct / trainingRowCount, which Model records leave null for datetime
/// models). hasEmptyClusters is optional (absent in the `clustering_model_data` fixture). The other
/// Model fields of the documented constructor that the fixture lacks are optional and nullable,
/// placed alphabetically like the rest.
struct clustering_model {
    std::string blueprint_id;
    std::optional<nullable<std::string>> data_selection_method;
    std::string featurelist_id;
    std::string featurelist_name;
    std::optional<bool> has_empty_clusters;
    std::string id;
    bool is_frozen = false;
    /// True when the model picks the number of clusters itself.
    bool is_n_clusters_dynamically_determined = false;
    bool is_starred = false;
    std::optional<nullable<bool>> is_trained_into_holdout;
    std::optional<nullable<bool>> is_trained_into_validation;
    nullable<std::string> link_function;
    /// Scores by metric name; clustering models are ranked by "Silhouette Score".
    object_map<model_metric_scores> metrics;
    std::string model_category;
    std::string model_family;
    std::optional<nullable<std::string>> model_family_full_name;
    std::int64_t model_number = 0;
    std::string model_type;
    nullable<std::string> monotonic_decreasing_featurelist_id;
    nullable<std::string> monotonic_increasing_featurelist_id;
    /// The number of clusters, 2 to 100.
    std::int64_t n_clusters = 0;
    nullable<std::string> parent_model_id;
    number prediction_threshold;
    bool prediction_threshold_read_only = false;
    std::vector<std::string> processes;
    std::string project_id;
    nullable<number> sample_pct;
    std::optional<nullable<std::string>> sampling_method;
    bool supports_composable_ml = false;
    bool supports_monotonic_constraints = false;
    std::optional<nullable<number>> time_window_sample_pct;
    nullable<std::string> training_duration;
    nullable<std::string> training_end_date;
    nullable<std::int64_t> training_row_count;
    nullable<std::string> training_start_date;
};
BOOST_DESCRIBE_STRUCT(clustering_model, (),
                      (blueprint_id, data_selection_method, featurelist_id, featurelist_name, has_empty_clusters, id,
                       is_frozen, is_n_clusters_dynamically_determined, is_starred, is_trained_into_holdout,
                       is_trained_into_validation, link_function, metrics, model_category, model_family,
                       model_family_full_name, model_number, model_type, monotonic_decreasing_featurelist_id,
                       monotonic_increasing_featurelist_id, n_clusters, parent_model_id, prediction_threshold,
                       prediction_threshold_read_only, processes, project_id, sample_pct, sampling_method,
                       supports_composable_ml, supports_monotonic_constraints, time_window_sample_pct,
                       training_duration, training_end_date, training_row_count, training_start_date))
constexpr std::string_view drx_schema_name(clustering_model const*) { return "clustering-model"; }

/// The metric clustering models are ranked by (docs/reference/objects.md (Enumerations)).
inline constexpr std::string_view silhouette_score = "Silhouette Score";

template <std::same_as<clustering_model> T>
auto drx_rules(T const*) {
    using namespace drx::rules;
    return std::tuple{
        member<&T::n_clusters>("clustering.n_clusters.range", range{2, 100}),
    };
}

// =============================================================================================
// unsupervised-project-options (the aim PATCH body)
// =============================================================================================

/// AUTOPILOT_MODE of the Python client 3.x (docs/reference/objects.md (Enumerations)): "auto",
/// "manual", "quick", "comprehensive". The historic values (SEMI_AUTO "semi", the numeric 0/1/2
/// form) predate unsupervised projects (UnsupervisedTypeEnum arrived with the 2.27-era client, when
/// the modes were auto/manual/quick), so drx does not accept them: "semi" is schema.enum and a
/// number is schema.type.
enum class autopilot_mode { full_auto, manual, quick, comprehensive };
BOOST_DESCRIBE_ENUM(autopilot_mode, full_auto, manual, quick, comprehensive)
constexpr auto drx_enum_names(autopilot_mode const*) {
    return std::array{enum_name<autopilot_mode>{autopilot_mode::full_auto, "auto"}};
}

/// The values of unsupervisedType (UnsupervisedTypeEnum, docs/reference/objects.md (Enumerations)).
inline constexpr std::array<std::string_view, 2> unsupervised_types{"anomaly", "clustering"};

/// UnsupervisedTypeEnum of the Python client: the kind of an unsupervised project.
enum class unsupervised_type_enum { anomaly, clustering };
BOOST_DESCRIBE_ENUM(unsupervised_type_enum, anomaly, clustering)

/// The client's exact text for an autopilot_cluster_list that is not a list
/// (docs/reference/errors.md (Python client errors)).
inline constexpr std::string_view autopilot_cluster_list_type_message = "autopilot_cluster_list must be a list of integers";

/// The unsupervised parameters of analyze_and_model / start, as the aim PATCH body
/// (PATCH projects/{id}/aim/; seed 001; docs/reference/objects.md (Unsupervised project options)).
/// Other aim keys (metric, quickrun, ...) are not declared and follow the reader's unknown-key
/// policy.
///
/// Key order: the sources hold no example of this body. drx writes target and mode first and
/// the unsupervised keys after them, in the order the client adds them (unsupervisedMode,
/// unsupervisedType, autopilotClusterList; docs/reference/objects.md (Unsupervised project
/// options) says each is only sent when the previous conditions hold).
struct unsupervised_project_options {
    /// Must be absent in unsupervised mode (clustering.target_forbidden).
    std::optional<std::string> target;
    /// AUTOPILOT_MODE; clustering runs only in comprehensive or manual mode (clustering.mode).
    std::optional<autopilot_mode> mode;
    std::optional<bool> unsupervised_mode;
    /// "anomaly" or "clustering". Another string is reported under the rule id
    /// clustering.unsupervised_type (the member's one_of rule), not schema.enum.
    std::optional<unsupervised_type_enum> unsupervised_type;
    /// The cluster counts Autopilot tries, each in [2, 100], at most 10 of them. A value of
    /// another type (a string, an object, null, or a list holding a non-integer such as 7.5,
    /// "7", true or null) is reported with the client's exact text under
    /// clustering.cluster_list.type (the rules' wrong_type), and the other rules still run; 5.0
    /// counts as the integer 5, and an integral number beyond 64 bits is
    /// out of [2, 100].
    std::optional<std::vector<std::int64_t>> autopilot_cluster_list;
};
BOOST_DESCRIBE_STRUCT(unsupervised_project_options, (),
                      (target, mode, unsupervised_mode, unsupervised_type, autopilot_cluster_list))
constexpr std::string_view drx_schema_name(unsupervised_project_options const*) {
    return "unsupervised-project-options";
}

/// The autopilot cluster list; nullptr when absent.
inline std::vector<std::int64_t> const* autopilot_cluster_values(unsupervised_project_options const& o) {
    return o.autopilot_cluster_list ? &*o.autopilot_cluster_list : nullptr;
}

/// True for unsupervisedMode true with unsupervisedType "clustering".
inline bool is_unsupervised_clustering(unsupervised_project_options const& o) {
    return o.unsupervised_mode.value_or(false) && o.unsupervised_type == unsupervised_type_enum::clustering;
}

/// The rules of the options (docs/declaring-objects.md shows them as the example of conditions).
template <std::same_as<unsupervised_project_options> T>
auto drx_rules(T const*) {
    using namespace drx::rules;
    constexpr auto clustering = all(is_true<&T::unsupervised_mode>{}, equal_to<&T::unsupervised_type>("clustering"));
    return std::tuple{
        member<&T::unsupervised_type>("clustering.unsupervised_type", one_of{"anomaly", "clustering"}),
        require<&T::unsupervised_type>("clustering.unsupervised_type", is_true<&T::unsupervised_mode>{},
                                       "unsupervisedType needs unsupervisedMode true (the client sends it only in "
                                       "unsupervised mode)",
                                       "unsupervisedMode: true")
            .when(present<&T::unsupervised_type>{}),
        member<&T::target>("clustering.target_forbidden", forbidden{})
            .with_message("no target may be given in unsupervised mode")
            .with_expected("target absent")
            .when(is_true<&T::unsupervised_mode>{}),
        member<&T::mode>("clustering.mode", one_of{"comprehensive", "manual"})
            .with_message("unsupervised clustering runs only in \"comprehensive\" or \"manual\" mode, got {value}")
            .with_expected("\"comprehensive\" or \"manual\"")
            .when(clustering),
        member<&T::autopilot_cluster_list>("clustering.cluster_list.type", wrong_type{"a list of integers", "an integer"})
            .with_message(autopilot_cluster_list_type_message),
        member<&T::autopilot_cluster_list>("clustering.cluster_list.range", each{range{2, 100}})
            .with_message("each autopilotClusterList value is in [2, 100], got {}")
            .with_expected("an integer in [2, 100]"),
        member<&T::autopilot_cluster_list>("clustering.cluster_list.size", size_in{1, 10})
            .with_message("autopilotClusterList holds 1 to 10 values, got {size}")
            .with_expected("1 to 10 values")
            .with_actual("{size} values"),
        member<&T::autopilot_cluster_list>("clustering.cluster_list.unique", unique_items{})
            .with_message("autopilotClusterList value {} appears more than once (first at index {first})")
            .with_expected("unique values"),
        require<&T::autopilot_cluster_list>("clustering.cluster_list.requires_clustering", clustering,
                                            "autopilotClusterList applies only to unsupervised clustering "
                                            "(unsupervisedMode true, unsupervisedType \"clustering\"); the Python "
                                            "client drops it silently otherwise",
                                            "unsupervisedMode true and unsupervisedType \"clustering\"")
            .when(present<&T::autopilot_cluster_list>{}),
    };
}

/// The same parameters on the batch prediction and deployment routes:
/// explanationNumTopClasses or explanationClassNames.
struct cluster_batch_explanations_params {
    std::optional<std::int64_t> explanation_num_top_classes;
    std::optional<std::vector<std::string>> explanation_class_names;
};
BOOST_DESCRIBE_STRUCT(cluster_batch_explanations_params, (), (explanation_num_top_classes, explanation_class_names))

/// The cluster rules and the mode rules under the batch-route names (explanations_mode.hpp).
template <std::same_as<cluster_batch_explanations_params> T>
auto drx_rules(T const*) {
    return detail::mode_rules<&T::explanation_num_top_classes, &T::explanation_class_names>();
}

/// The clustering family's schemas, in catalogue order.
using clustering_schemas = boost::mp11::mp_list<cluster, cluster_list, cluster_rename_request, cluster_insight,
                                                cluster_insights_page, clustering_model, unsupervised_project_options>;

}  // namespace drx
