// SPDX-License-Identifier: BSL-1.0
// drx: the context, the facts about the model and request that some rules need.
//
// docs/reference/reading.md (The context): rules that need facts not in the object (the model's
// cluster names, its kind, the explanation algorithm, the request) take them from a context;
// without them those rules are skipped, and check_report::skipped says so.
//
// As JSON (every key optional):
//   {"modelKind": "binary" | "regression" | "multiclass" | "clustering" | "anomaly" | "time-series",
//    "algorithm": "xemp" | "shap", "clusterNames": ["Cluster 1", ...], "nClusters": 7,
//    "datetimePartitioned": false, "managedCloud": true, "deployments": ["<id>", ...]}
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <drx/wire_name.hpp>

namespace drx {

/// The kind of model a document belongs to.
enum class model_kind { binary, regression, multiclass, clustering, anomaly, time_series };
BOOST_DESCRIBE_ENUM(model_kind, binary, regression, multiclass, clustering, anomaly, time_series)
constexpr auto drx_enum_names(model_kind const*) {
    return std::array{enum_name<model_kind>{model_kind::time_series, "time-series"}};
}

/// The prediction explanation algorithm of a model (docs/reference/objects.md (Enumerations)).
enum class explanation_algorithm { xemp, shap };
BOOST_DESCRIBE_ENUM(explanation_algorithm, xemp, shap)

/// Facts about the model, the project and the request, for rules that need them.
struct context {
    std::optional<::drx::model_kind> model_kind;
    std::optional<explanation_algorithm> algorithm;
    /// The model's current cluster names.
    std::optional<std::vector<std::string>> cluster_names;
    /// The model's number of clusters.
    std::optional<std::int64_t> n_clusters;
    /// The project is datetime partitioned (OTV or time series).
    std::optional<bool> datetime_partitioned;
    /// The prediction server is DataRobot's managed cloud (DataRobot-Key required).
    std::optional<bool> managed_cloud;
    /// The deployment ids that exist.
    std::optional<std::vector<std::string>> deployments;
};
BOOST_DESCRIBE_STRUCT(context, (), (model_kind, algorithm, cluster_names, n_clusters, datetime_partitioned, managed_cloud,
                                    deployments))

/// The model's number of clusters: nClusters, else the length of clusterNames.
inline std::optional<std::int64_t> cluster_count(context const* c) {
    if (!c) return std::nullopt;
    if (c->n_clusters) return c->n_clusters;
    if (c->cluster_names) return static_cast<std::int64_t>(c->cluster_names->size());
    return std::nullopt;
}

/// The request that produced a response, for the consistency rules that compare with it: a
/// reference to an object of a request type, with the type. drx::check(obj, options, request)
/// makes one, and refuses at compile time a request type that obj's rules do not read; the
/// type-erased form (check_options::request) serves tools that pick the schema at run time,
/// where a rule given another request type is skipped and says so. It does not own the request.
class request_ref {
public:
    request_ref() = default;
    /// A reference to `r` (for a std::variant, to its current alternative).
    template <class R>
    static request_ref of(R const& r) noexcept {
        request_ref out;
        if constexpr (requires { r.index(); r.valueless_by_exception(); })
            std::visit([&](auto const& a) { out = of(a); }, r);
        else {
            out.p_ = &r;
            out.tag_ = &tag<R>;
        }
        return out;
    }
    /// The request, if it is an R.
    template <class R>
    R const* get() const noexcept {
        return tag_ == &tag<R> ? static_cast<R const*>(p_) : nullptr;
    }
    bool empty() const noexcept { return p_ == nullptr; }

private:
    template <class R>
    static constexpr char tag = 0;  // one address per request type
    void const* p_ = nullptr;
    void const* tag_ = nullptr;
};

/// Facts a rule needs from the context (a bit set).
enum class needs : unsigned {
    nothing = 0,
    model_kind = 1u << 0,
    algorithm = 1u << 1,
    cluster_names = 1u << 2,
    n_clusters = 1u << 3,
    datetime_partitioned = 1u << 4,
    managed_cloud = 1u << 5,
    deployments = 1u << 6,
    request = 1u << 7,
    /// The number of clusters: nClusters, or the length of clusterNames.
    cluster_count = 1u << 8,
};
constexpr needs operator|(needs a, needs b) { return static_cast<needs>(static_cast<unsigned>(a) | static_cast<unsigned>(b)); }
constexpr bool any_of(needs a, needs b) { return (static_cast<unsigned>(a) & static_cast<unsigned>(b)) != 0; }

namespace detail {
/// Calls f(name) for each fact of `n` that the context (or the request) lacks.
template <class F>
void for_each_missing_fact(needs n, context const* c, request_ref const& request, F&& f) {
    auto want = [&](needs bit, bool have, char const* name) {
        if (any_of(n, bit) && !have) f(name);
    };
    want(needs::model_kind, c && c->model_kind, "modelKind");
    want(needs::algorithm, c && c->algorithm, "algorithm");
    want(needs::cluster_names, c && c->cluster_names, "clusterNames");
    want(needs::n_clusters, c && c->n_clusters, "nClusters");
    want(needs::datetime_partitioned, c && c->datetime_partitioned, "datetimePartitioned");
    want(needs::managed_cloud, c && c->managed_cloud, "managedCloud");
    want(needs::deployments, c && c->deployments, "deployments");
    want(needs::request, !request.empty(), "the request (--request)");
    want(needs::cluster_count, c && (c->n_clusters || c->cluster_names), "nClusters or clusterNames");
}
}  // namespace detail

/// The context keys (wire names) of the facts in `n`, or "" if the context (and the request,
/// when `n` names it) holds them all.
inline std::string missing_facts(needs n, context const* c, request_ref const& request = {}) {
    std::string out;
    detail::for_each_missing_fact(n, c, request, [&](char const* name) {
        if (!out.empty()) out += ", ";
        out += name;
    });
    return out;
}

/// True when the context (and the request, when `n` names it) holds every fact of `n`; builds
/// no text (missing_facts() says which are missing).
inline bool has_facts(needs n, context const* c, request_ref const& request = {}) {
    if (n == needs::nothing) return true;
    bool all = true;
    detail::for_each_missing_fact(n, c, request, [&](char const*) { all = false; });
    return all;
}

}  // namespace drx
