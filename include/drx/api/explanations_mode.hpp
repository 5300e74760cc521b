// SPDX-License-Identifier: BSL-1.0
// drx: the explanation mode, one wire object with one rule set for every model kind.
//
// {"numTopClasses": N} or {"classNames": [...]} on the project routes: seed 002's
// TopPredictionsMode and ClassListMode for multiclass models, seed 000's "Predicted" and "List
// of clusters" for clustering models. The same C++ type serves both (explanations-mode in the
// catalogue; drx::cluster_explanations_params is another name of it); the rules that need the
// model's clusters apply when the context describes a clustering model.
#pragma once

#include <concepts>
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <boost/describe/class.hpp>

#include <drx/context.hpp>
#include <drx/rules.hpp>
#include <drx/wire_name.hpp>

namespace drx {

/// An explanation mode of multiclass and clustering XEMP explanations (seed 002's
/// TopPredictionsMode and ClassListMode; seed 000's "Predicted" and "List of clusters"), in
/// its project-route form: `{"numTopClasses": N}` or `{"classNames": [...]}`.
///
/// An empty object is "no mode": the server then explains only the predicted class, the same
/// as TopPredictionsMode(1) (seed 002). Build modes with top_predictions_mode() and
/// class_list_mode(); get_api_parameters() gives the route's parameter names (all three in
/// drx/api/prediction_explanations_ops.hpp).
struct explanations_mode {
    /// TopPredictionsMode: the number of top predicted classes explained per row, [1..10].
    std::optional<std::int64_t> num_top_classes;
    /// ClassListMode: the classes (or clusters) explained for every row.
    std::optional<std::vector<std::string>> class_names;
};
BOOST_DESCRIBE_STRUCT(explanations_mode, (), (num_top_classes, class_names))
constexpr std::string_view drx_schema_name(explanations_mode const*) { return "explanations-mode"; }

namespace detail {

/// mode.model_kind: the mode members Num and Names (any wire names: numTopClasses or
/// explanationNumTopClasses, ...) apply only to multiclass and clustering models; each one
/// present is reported. One declaration for every object that carries a mode.
template <auto Num, auto Names>
auto mode_model_kind() {
    using namespace drx::rules;
    constexpr auto kinds = fact_in<&context::model_kind>(model_kind::multiclass, model_kind::clustering);
    constexpr std::string_view message = "{member} applies only to multiclass and clustering models, not to {fact} models";
    constexpr std::string_view expected = "modelKind multiclass or clustering";
    return std::tuple{require<Num>("mode.model_kind", kinds, message, expected).when(present<Num>{}),
                      require<Names>("mode.model_kind", kinds, message, expected).when(present<Names>{})};
}

/// True unless the context names a model kind other than clustering: the cluster rules apply
/// to clustering models, and to a context that gives clusters without naming the kind.
inline bool clustering_context(context const* c) {
    return c && (!c->model_kind || *c->model_kind == model_kind::clustering);
}

/// clusters.predicted.range, the part that needs the number of clusters: N <= the number of
/// clusters (nClusters, else the length of clusterNames). N outside [1, 10] is the member
/// rule's (mode.num_top_classes.range), reported once.
template <auto M>
void cluster_predicted_count_rule(member_class_t<M> const& p, reporter& rep) {
    auto const* v = value_if_present(p.*M);
    if (!v || !clustering_context(rep.ctx())) return;
    std::int64_t n = *v;
    std::int64_t k = *cluster_count(rep.ctx());
    if (n < 1 || n > 10 || n <= k) return;
    std::int64_t hi = std::min<std::int64_t>(10, k);
    rep.report(json_pointer(wire_name<M>()),
               "Predicted explains 1 to min(10, number of clusters) = " + std::to_string(hi) + " clusters, got " +
                   std::to_string(n),
               "an integer in [1, " + std::to_string(hi) + "]", std::to_string(n));
}

/// The member rules of the two mode members Num and Names, under any wire names
/// (docs/reference/rule-sources.md, "Explanation parameters"), with the id of their exclusivity
/// (mode.exclusive on the project routes).
template <auto Num, auto Names>
auto mode_member_rules(std::string_view exclusive_id = "mode.exclusive") {
    using namespace drx::rules;
    mutually_exclusive<Num, Names> exclusive;
    exclusive.id = exclusive_id;
    return std::tuple{
        member<Num>("mode.num_top_classes.range", range{1, 10}),
        member<Names>("mode.class_names.size", size_in{1, 10}),
        member<Names>("mode.class_names.item", each{non_empty{}}),
        member<Names>("mode.class_names.unique", unique_items{}),
        exclusive,
    };
}

/// The cluster rules of seed 000 on the mode members Num and Names.
template <auto Num, auto Names>
auto cluster_mode_rules() {
    using T = member_class_t<Num>;
    using namespace drx::rules;
    return std::tuple{
        custom<T>{{"clusters.predicted.range"},
                  "a clustering model's Predicted count is at most its number of clusters",
                  &cluster_predicted_count_rule<Num>, needs::cluster_count},
        member<Names>("clusters.list.known", each{in_context<&context::cluster_names>{}})
            .with_message("{value} is not a cluster of the model")
            .when(fact_in_or_unknown<&context::model_kind>(model_kind::clustering)),
    };
}

/// The mode rules and the cluster rules of the mode members Num and Names.
template <auto Num, auto Names>
auto mode_rules() {
    return std::tuple(mode_member_rules<Num, Names>(), cluster_mode_rules<Num, Names>());
}

/// Generator repair of mode.model_kind and the cluster rules: no mode unless the context's
/// model is multiclass or clustering (when the context names a kind); under a clustering
/// context, numTopClasses is at most the number of clusters and classNames are distinct
/// clusters of the model.
template <auto Num, auto Names, class T, class G>
void fixup_mode(T& v, G& g) {
    context const* c = g.options().ctx;
    if (c && c->model_kind && *c->model_kind != model_kind::multiclass && *c->model_kind != model_kind::clustering) {
        (v.*Num).reset();
        (v.*Names).reset();
        return;
    }
    if (!clustering_context(c)) return;
    auto* num = value_if_present(v.*Num);
    if (auto k = cluster_count(c); k && num && *k >= 1 && *num > *k) *num = std::min<std::int64_t>(*k, 10);
    auto* list = value_if_present(v.*Names);
    if (c->cluster_names && list) {
        std::vector<std::string> pool;
        for (auto const& n : *c->cluster_names)
            if (!n.empty() && std::find(pool.begin(), pool.end(), n) == pool.end()) pool.push_back(n);
        if (list->size() > pool.size()) list->resize(pool.size());
        if (list->empty() && !pool.empty()) list->resize(1);
        for (auto& s : *list) {
            std::size_t k = static_cast<std::size_t>(g.source().below(pool.size()));
            s = pool[k];
            pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(k));
        }
        if (list->empty()) (v.*Names).reset();
    }
}

}  // namespace detail

/// The rules of a mode: the mode rules, and the cluster rules for clustering models.
template <std::same_as<explanations_mode> T>
auto drx_rules(T const*) {
    using namespace drx::rules;
    return std::tuple(detail::mode_rules<&T::num_top_classes, &T::class_names>(),
                          detail::mode_model_kind<&T::num_top_classes, &T::class_names>());
}

/// Generator repair hook (mode.model_kind, clusters.predicted.range, clusters.list.known).
template <class G>
void drx_fixup(explanations_mode& v, G& g) {
    detail::fixup_mode<&explanations_mode::num_top_classes, &explanations_mode::class_names>(v, g);
}

/// The cluster-selection parameters of the project routes (POST predictionExplanations/ and
/// predictionExplanationsOnTrainingData/) are the explanation mode itself: one wire object,
/// one type.
using cluster_explanations_params = explanations_mode;

}  // namespace drx
