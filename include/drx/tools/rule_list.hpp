// SPDX-License-Identifier: BSL-1.0
// drx: the rules of an object as records, read from their declarations (drx/rules.hpp): what
// `drx rules` lists, docs/rules.md holds, and the JSON Schema export (drx/tools/json_schema.hpp)
// describes.
//
//     for (drx::rule_info const& r : drx::rules_info<drx::cluster_list>()) ...
//     drx::for_each_object_type<drx::cluster_list>([](auto t) { ... });   // cluster_list, cluster
#pragma once

#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include <boost/mp11/algorithm.hpp>

#include <drx/context.hpp>
#include <drx/detail/traits.hpp>
#include <drx/diagnostic.hpp>
#include <drx/query_options.hpp>
#include <drx/rules.hpp>
#include <drx/tools/verify_rules.hpp>
#include <drx/wire_name.hpp>

namespace drx {

/// One declared rule.
struct rule_info {
    std::string id;
    drx::level level = drx::level::rules;
    drx::severity severity = drx::severity::error;
    /// The context facts (and the request) it needs; without them it is skipped.
    drx::needs needs = drx::needs::nothing;
    /// The wire name of the member it is declared on or reported at; "" for the object.
    std::string member;
    /// Its message form: the real system's text, or drx's ({} and the other placeholders of
    /// drx/rules.hpp stand for the value).
    std::string message;
};

namespace detail::rule_list_impl {

template <auto At>
constexpr std::string_view wire_name_or_empty() {
    if constexpr (At == nullptr)
        return {};
    else
        return wire_name<At>();
}

template <auto... Ms>
std::string names() {
    std::string s;
    ((s += (s.empty() ? "" : ", ") + std::string(wire_name<Ms>())), ...);
    return s;
}

inline rule_info base(rules::rule_base const& r, drx::needs n, std::string_view member, std::string message) {
    return {std::string(r.id), r.level, r.severity, n, std::string(member), std::move(message)};
}

/// What a constraint asks for, in words (describe() of drx/rules.hpp where it has one).
template <class C>
std::string constraint_text(C const& c) {
    if constexpr (requires { detail::describe(c); })
        return detail::describe(c);
    else
        return "a valid value";
}
template <class C>
std::string constraint_text(rules::each<C> const& c) {
    return "each item " + constraint_text(c.inner);
}
template <auto F, class C>
std::string constraint_text(rules::field<F, C> const& c) {
    return std::string(wire_name<F>()) + " " + constraint_text(c.inner);
}
inline std::string constraint_text(rules::unique_items const&) { return "unique items"; }
template <auto F>
std::string constraint_text(rules::ascending_by<F> const& c) {
    return "items with unique, ascending " + std::string(wire_name<F>()) + " values from " + std::to_string(c.min);
}
template <auto L>
std::string constraint_text(rules::equals_fact<L> const&) {
    return "the context's value";
}

template <class T, auto M, class C, class G>
rule_info info(rules::member_rule<M, C, G> const& r) {
    std::string m;
    if (!r.message.empty())
        m = r.message;
    else
        m = "expected " + constraint_text(r.constraint);
    drx::needs const n = rules::constraint_needs(static_cast<C const*>(nullptr)) | rules::condition_needs(r.guard);
    return base(r, n, wire_name<M>(), std::move(m));
}
template <class T, auto... Ms>
rule_info info(rules::mutually_exclusive<Ms...> const& r) {
    return base(r, needs::nothing, "", "at most one of " + names<Ms...>());
}
template <class T, auto A, auto B>
rule_info info(rules::requires_member<A, B> const& r) {
    return base(r, needs::nothing, wire_name<A>(), std::string(wire_name<A>()) + " requires " + std::string(wire_name<B>()));
}
template <class T, auto... Ms>
rule_info info(rules::exactly_one_of<Ms...> const& r) {
    return base(r, needs::nothing, "", "exactly one of " + names<Ms...>());
}
template <class T, auto A, auto B>
rule_info info(rules::ordered<A, B> const& r) {
    return base(r, needs::nothing, wire_name<A>(),
                std::string(wire_name<A>()) + " <= " + std::string(wire_name<B>()) + " when both are present");
}
template <class T, auto At, class P, class G>
rule_info info(rules::requirement<At, P, G> const& r) {
    return base(r, rules::condition_needs(r.condition) | rules::condition_needs(r.guard), wire_name_or_empty<At>(),
                std::string(r.message));
}
template <class T, auto Old, auto New>
rule_info info(rules::deprecated<Old, New> const& r) {
    return base(r, needs::nothing, wire_name<Old>(),
                std::string(wire_name<Old>()) + " is the deprecated name of " + std::string(wire_name<New>()));
}
template <class T>
rule_info info(rules::custom<T> const& r) {
    return base(r, r.needs, "", std::string(r.description));
}

template <class M, class F>
void nested_types(F& f);

template <class T, class F>
void object_types(F& f) {
    if (!f.first_visit(static_cast<T const*>(nullptr))) return;
    f(std::type_identity<T>{});
    boost::mp11::mp_for_each<members_of<T>>([&](auto d) {
        using D = decltype(d);
        nested_types<std::remove_cvref_t<decltype(std::declval<T&>().*D::pointer)>>(f);
    });
}

template <class M, class F>
void nested_types(F& f) {
    using U = std::remove_cvref_t<M>;
    if constexpr (is_optional<U>::value || is_nullable<U>::value || is_vector<U>::value || is_std_array<U>::value)
        nested_types<typename U::value_type>(f);
    else if constexpr (is_object_map<U>::value)
        nested_types<typename U::value_type::second_type>(f);
    else if constexpr (is_variant<U>::value)
        [&]<class... A>(std::variant<A...>*) { (nested_types<A>(f), ...); }(static_cast<U*>(nullptr));
    else if constexpr (described_struct<U>)
        object_types<U>(f);
}

template <class G>
struct once {
    G& g;
    std::vector<void const*> seen;
    template <class T>
    bool first_visit(T const*) {
        static char const tag = 0;
        for (auto const* p : seen)
            if (p == &tag) return false;
        seen.push_back(&tag);
        return true;
    }
    template <class I>
    void operator()(I t) {
        g(t);
    }
};

}  // namespace detail::rule_list_impl

/// The rule record of declared rule r of T.
template <class T, class R>
rule_info rule_info_of(R const& r) {
    return detail::rule_list_impl::info<T>(r);
}

/// The rules declared for T itself, in declaration order.
template <class T>
std::vector<rule_info> rules_info() {
    std::vector<rule_info> out;
    for_each_rule<T>([&](auto const& r) { out.push_back(rule_info_of<T>(r)); });
    return out;
}

/// Calls f(std::type_identity<U>{}) for T and for every described struct inside its members
/// (through optional, nullable, arrays, maps and variants), each once, T first.
template <class T, class F>
void for_each_object_type(F&& f) {
    detail::rule_list_impl::once<std::remove_reference_t<F>> o{f, {}};
    detail::rule_list_impl::object_types<T>(o);
}

/// The context keys of the facts in `n` ("request" for the request given to check()).
inline std::vector<std::string_view> needs_keys(drx::needs n) {
    std::vector<std::string_view> out;
    auto one = [&](drx::needs bit, std::string_view name) {
        if (any_of(n, bit)) out.push_back(name);
    };
    one(needs::model_kind, "modelKind");
    one(needs::algorithm, "algorithm");
    one(needs::cluster_names, "clusterNames");
    one(needs::n_clusters, "nClusters");
    one(needs::cluster_count, "nClusters or clusterNames");
    one(needs::datetime_partitioned, "datetimePartitioned");
    one(needs::managed_cloud, "managedCloud");
    one(needs::deployments, "deployments");
    one(needs::request, "request");
    return out;
}

/// The reader's own rules, which every schema has (drx/diagnostic.hpp's schema_rule).
inline std::vector<rule_info> reader_rules_info() {
    auto one = [](std::string_view id, char const* message) {
        return rule_info{std::string(id), level::schema, severity::error, needs::nothing, "", message};
    };
    return {one(schema_rule::syntax,
                "invalid JSON at line L, column C: REASON (also a byte order mark, invalid UTF-8, trailing data)"),
            one(schema_rule::type, "expected TYPE, got KIND"),
            one(schema_rule::required, "missing required member \"NAME\""),
            one(schema_rule::unknown_key, "unknown key \"NAME\" (an error in closed objects, else the reader's policy)"),
            one(schema_rule::duplicate_key, "duplicate key \"NAME\""),
            one(schema_rule::enumeration, "expected one of VALUES, got VALUE"),
            one(schema_rule::number_range,
                "number does not fit TYPE: an integer beyond the member's 64-bit range, or a number that overflows "
                "or underflows a double"),
            one(schema_rule::limit, "input beyond the reader's size, depth, string length or diagnostics limits")};
}

/// The rule ids that operations report rather than declared rules: the writer, the deployment
/// server entry point (drx/api/deployment_server.hpp), paging (collect_rows), the CSV export
/// (drx/tools/csv.hpp), and verifying recorded exchanges (drx/tools/verify.hpp). Each entry
/// names where it comes from in `member`.
inline std::vector<rule_info> operation_rules_info() {
    auto one = [](std::string_view id, std::string_view where, std::string_view message) {
        return rule_info{std::string(id), level::schema, severity::error, needs::nothing, std::string(where), std::string(message)};
    };
    std::vector<rule_info> out{
        one(write_rule::non_finite, "write()", "NaN and infinities are not JSON (write_options::allow_nan writes them as Python does)"),
        one(write_rule::utf8, "write()", "the string is not valid UTF-8"),
        one("deployment.bad_id", "check_predictions_request()", "deployment id \"ID\" is not 24 hex digits (404 Bad request)"),
        one("deployment.not_found", "check_predictions_request()", "deployment \"ID\" does not exist (404 Not found)"),
        one("deployment.model_kind", "check_predictions_request()", "KIND models cannot be used for Prediction Explanations (422)"),
        one("pagination.loop", "collect_rows()", "the next link URL was followed before"),
        one("pagination.fetch", "collect_rows()", "fetching URL failed"),
        one("csv.no_rows", "to_csv()", "the page has no rows (the client fails with StopIteration)"),
        one("csv.label", "to_csv()", "a label is missing, or labels mix strings and numbers"),
        one("csv.columns", "to_csv()", "a row has more cells than the columns"),
        one("csv.options", "to_csv()", "a negative option, or more columns or cells than the export's limits"),
    };
    // verify's findings (drx/tools/verify.hpp); one that can also be a warning is listed twice.
    for (auto const& v : verify_rules_table) {
        out.push_back(one(v.id, "verify()", v.message));
        if (v.also_warning) {
            out.push_back(out.back());
            out.back().severity = severity::warning;
        }
    }
    return out;
}

/// The conversion rules of a struct read from query strings (its drx_query_params, drx/query.hpp):
/// a parameter whose text does not convert, under that parameter's rule id.
template <class T>
std::vector<rule_info> query_rules_info() {
    std::vector<rule_info> out;
    if constexpr (requires { drx_query_params(static_cast<T const*>(nullptr)); }) {
        for (auto const& p : drx_query_params(static_cast<T const*>(nullptr)))
            out.push_back({std::string(p.type_rule), level::schema, severity::error, needs::nothing, std::string(p.member),
                           "the parameter's text does not convert (Python's int() or float(), the bool spellings)"});
    }
    return out;
}

}  // namespace drx
