// SPDX-License-Identifier: BSL-1.0
// drx: declaring the rules of an object.
//
// An object's rules are a tuple returned by `drx_rules(T const*)`, found by argument-dependent
// lookup next to the struct. Each rule carries its stable id (docs/reference/rule-sources.md), a
// severity and a level, and is plain data, so the checker, the JSON Schema export and the
// generators all read the same declaration:
//
//     inline auto drx_rules(explanations_mode const*) {
//         using T = explanations_mode;
//         using namespace drx::rules;
//         return std::tuple{
//             member<&T::num_top_classes>("mode.num_top_classes.range", range{1, 10}),
//             member<&T::class_names>("mode.class_names.size", size_in{1, 10}),
//             member<&T::class_names>("mode.class_names.item", each{non_empty{}}),
//             member<&T::class_names>("mode.class_names.unique", unique_items{}),
//             mutually_exclusive<&T::num_top_classes, &T::class_names>{"mode.exclusive"},
//         };
//     }
//
// Member rules apply when the member is present and not null, and (with `.when(condition)`)
// when a condition holds. Cross-member rules: mutually_exclusive, requires_member,
// exactly_one_of, ordered (A <= B when both are present), require (a condition, at a member),
// deprecated (an old member name), and custom (a function that reports diagnostics with
// pointers, optionally needing facts from the context, with its own repair and near misses for
// the generators). docs/declaring-objects.md lists the whole vocabulary.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

#include <drx/context.hpp>
#include <drx/detail/pointer_path.hpp>
#include <drx/detail/python_format.hpp>
#include <drx/detail/text.hpp>
#include <drx/detail/traits.hpp>
#include <drx/diagnostic.hpp>
#include <drx/fwd.hpp>
#include <drx/wire_name.hpp>

namespace drx {

class reporter;

namespace rules {

// ---- constraints on one value -------------------------------------------------------------

/// A number in [min, max], both inclusive. Applies to integers, floats, drx::number and
/// numeric drx::scalar values.
struct range {
    double min;
    double max;
};
/// A size in [min, max]: items of an array or object, or code points of a string.
struct size_in {
    std::size_t min;
    std::size_t max;
};
/// A non-empty string, array or object.
struct non_empty {};
/// No two items of an array are equal.
struct unique_items {};
/// No two items of an array of objects have the same value of member F (a string or integer
/// member of the item type): `unique_by<&cluster_name_mapping::current_name>{}`.
template <auto F>
struct unique_by {};
/// A float that is neither NaN nor infinite.
struct finite_number {};
/// The object's rule id and message for a value of the wrong JSON type in this member (or in
/// one of its items), instead of schema.type: `member<&T::autopilot_cluster_list>(
/// "clustering.cluster_list.type", wrong_type{"a list of integers", "an integer"})
/// .with_message("autopilot_cluster_list must be a list of integers")`. The reader finds it;
/// validate() reports it in the order of the rules, and the object's other rules still run
/// (its member's own rules skip a member that did not read). An integral number that the
/// member's integer type cannot hold is reported under the member's range rule (`range` or
/// `each{range}`), when it has one: 1e30 is out of [2, 100] before it is out of 64 bits; an
/// integer literal beyond 64 bits stays schema.number_range.
struct wrong_type {
    /// What the member holds, and what each item holds ("a list of integers", "an integer").
    std::string_view expected;
    std::string_view item_expected = {};
};
/// The member must be absent: a member rule with it fires whenever the member is present
/// (and not null), so it is used with a condition: `member<&T::target>(id, forbidden{})
/// .when(is_true<&T::unsupervised_mode>{})`.
struct forbidden {};
/// An integer (5.0 counts as 5), or exactly the string `literal`, on a drx::scalar member:
/// maxExplanations is an integer or "all". With `min`, the integer is at least min; a smaller
/// one is reported as "value is less than MIN" (the server's text), a non-integer with the
/// rule's message.
struct int_or_literal {
    std::string_view literal;
    std::optional<double> min = {};
};
/// A string none of the listed values (on a string or drx::scalar member).
template <std::size_t N>
struct none_of {
    std::array<std::string_view, N> values;
};
template <class... S>
none_of(S...) -> none_of<sizeof...(S)>;
/// A value equal to the context's fact L (an enumeration fact such as &context::algorithm),
/// compared by wire name; values that are not a wire name of the fact's type are left to other
/// rules. Its message may use {} (the value) and {fact} (the context's value).
template <auto L>
struct equals_fact {};
/// A string of a named format, judged by `test`: "uri" (a URL), "media-type", ... The format
/// is data for the JSON Schema export (`name`, and `pattern` when it is a regular expression)
/// and for the generators (`example` satisfies it, `counterexample` does not).
struct format {
    std::string_view name;
    bool (*test)(std::string_view) = nullptr;
    std::string_view example;
    std::string_view counterexample;
    std::string_view pattern = {};
};
/// A string holding a decimal number of at most `max` (digits, with optional spaces and tabs
/// around them): an HTTP Content-Length. Text that is not a decimal number passes (a format
/// rule says so); the actual value reported is the number ("more than 2^64" past 64 bits).
struct decimal_at_most {
    std::uint64_t max;
};
/// The items of an array of objects have strictly ascending values of the integer member F,
/// each at least `min`: `ascending_by<&row::row_id>{0}` (rowIds non-negative, unique and
/// ascending).
template <auto F>
struct ascending_by {
    std::int64_t min = 0;
};
/// A string that is one of the context's list L: `in_context<&context::cluster_names>` (a
/// cluster of the model) or `in_context<&context::deployments>`. A rule with it needs that
/// context fact and is skipped without it. Its message may name the value with {}: "No
/// current cluster with name {}".
template <auto L>
struct in_context {};
/// A string among the listed values (an enumeration on a free string member).
template <std::size_t N>
struct one_of {
    std::array<std::string_view, N> values;
};
template <class... S>
one_of(S...) -> one_of<sizeof...(S)>;
/// Every item of an array (or value of an object) satisfies the inner constraint.
template <class C>
struct each {
    C inner;
};
template <class C>
each(C) -> each<C>;
/// Member F of an object (an item, inside each{}) satisfies the inner constraint, reported at
/// F's pointer: `each{field<&mapping::current_name>{in_context<&context::cluster_names>{}}}`.
template <auto F, class C>
struct field {
    C inner;
};

/// The context facts a constraint needs (in_context's list, also inside each{}).
template <class C>
constexpr drx::needs constraint_needs(C const*) {
    return drx::needs::nothing;
}
template <class C>
constexpr drx::needs constraint_needs(each<C> const*) {
    return constraint_needs(static_cast<C const*>(nullptr));
}
template <auto F, class C>
constexpr drx::needs constraint_needs(field<F, C> const*) {
    return constraint_needs(static_cast<C const*>(nullptr));
}
template <auto L>
constexpr drx::needs constraint_needs(in_context<L> const*) {
    if constexpr (L == &context::cluster_names)
        return drx::needs::cluster_names;
    else if constexpr (L == &context::deployments)
        return drx::needs::deployments;
    else
        static_assert(L == &context::cluster_names, "in_context takes &context::cluster_names or &context::deployments");
}

// ---- conditions ----------------------------------------------------------------------------
//
// Conditions are facts about an object and its context, written as data: the guard of a rule
// (`.when(c)`: the rule applies only when c holds) and the requirement of `require<At>(...)`.
// The checker evaluates them, the generators make them hold (or break them once), and the
// JSON Schema export writes them as if/then.

/// Holds always (the guard of a rule without `.when`).
struct always {};
/// Member M is present (and not null).
template <auto M>
struct present {};
/// Boolean member M is present and true.
template <auto M>
struct is_true {};
/// String member M is present and holds more than spaces and tabs.
template <auto M>
struct filled {};
/// Member M is present and equal to one of the values (strings, enumerators or booleans).
template <auto M, class V, std::size_t N>
struct equal_to_t {
    std::array<V, N> values;
};
template <class V>
using condition_value_t = std::conditional_t<std::is_convertible_v<V, std::string_view>, std::string_view, V>;
template <auto M, class V, class... Vs>
constexpr equal_to_t<M, condition_value_t<V>, 1 + sizeof...(Vs)> equal_to(V v, Vs... vs) {
    return {{condition_value_t<V>(v), condition_value_t<V>(vs)...}};
}
/// The context's fact L is one of the values; a rule guarded by it needs that fact (and is
/// skipped without it) unless `unknown_holds`, when an absent fact counts as holding.
template <auto L, class V, std::size_t N>
struct fact_in_t {
    std::array<V, N> values;
    bool unknown_holds = false;
};
template <auto L, class V, class... Vs>
constexpr fact_in_t<L, V, 1 + sizeof...(Vs)> fact_in(V v, Vs... vs) {
    return {{v, vs...}, false};
}
/// Like fact_in, but an absent fact holds: "unless the context names another kind".
template <auto L, class V, class... Vs>
constexpr fact_in_t<L, V, 1 + sizeof...(Vs)> fact_in_or_unknown(V v, Vs... vs) {
    return {{v, vs...}, true};
}
/// All the conditions hold.
template <class... P>
struct all_t {
    std::tuple<P...> parts;
};
template <class... P>
constexpr all_t<P...> all(P... p) {
    return {{p...}};
}
/// The condition does not hold.
template <class P>
struct not_t {
    P inner;
};
template <class P>
constexpr not_t<P> negate(P p) {
    return {p};
}

/// True when member pointers A and B are the same member (of any types).
template <auto A, auto B>
constexpr bool same_member() {
    if constexpr (std::is_same_v<decltype(A), decltype(B)>)
        return A == B;
    else
        return false;
}

/// The context fact behind member pointer L of drx::context.
template <auto L>
constexpr drx::needs fact_needs() {
    if constexpr (same_member<L, &context::model_kind>())
        return drx::needs::model_kind;
    else if constexpr (same_member<L, &context::algorithm>())
        return drx::needs::algorithm;
    else if constexpr (same_member<L, &context::datetime_partitioned>())
        return drx::needs::datetime_partitioned;
    else if constexpr (same_member<L, &context::managed_cloud>())
        return drx::needs::managed_cloud;
    else if constexpr (same_member<L, &context::cluster_names>())
        return drx::needs::cluster_names;
    else if constexpr (same_member<L, &context::n_clusters>())
        return drx::needs::n_clusters;
    else
        return drx::needs::deployments;
}

template <auto L>
constexpr drx::needs constraint_needs(equals_fact<L> const*) {
    return fact_needs<L>();
}

/// The context facts a condition needs.
constexpr drx::needs condition_needs(always const&) { return drx::needs::nothing; }
template <auto M>
constexpr drx::needs condition_needs(present<M> const&) { return drx::needs::nothing; }
template <auto M>
constexpr drx::needs condition_needs(is_true<M> const&) { return drx::needs::nothing; }
template <auto M>
constexpr drx::needs condition_needs(filled<M> const&) { return drx::needs::nothing; }
template <auto M, class V, std::size_t N>
constexpr drx::needs condition_needs(equal_to_t<M, V, N> const&) { return drx::needs::nothing; }
template <auto L, class V, std::size_t N>
constexpr drx::needs condition_needs(fact_in_t<L, V, N> const& c) {
    return c.unknown_holds ? drx::needs::nothing : fact_needs<L>();
}
template <class... P>
constexpr drx::needs condition_needs(all_t<P...> const& c) {
    return std::apply([](auto const&... p) { return (drx::needs::nothing | ... | condition_needs(p)); }, c.parts);
}
template <class P>
constexpr drx::needs condition_needs(not_t<P> const& c) { return condition_needs(c.inner); }

// ---- rules ----------------------------------------------------------------------------------

/// Common fields of every rule.
struct rule_base {
    std::string_view id;
    drx::severity severity = drx::severity::error;
    drx::level level = drx::level::rules;
};

/// A constraint on member M, applied when the member is present (and not null) and the guard
/// G holds (`.when(condition)`; always by default).
template <auto M, class C, class G = always>
struct member_rule : rule_base {
    C constraint;
    /// The real system's exact message, when known; otherwise drx writes its own. It may name
    /// the value: {} is its text, {value} its JSON text, {size} its size; a duplicate's message
    /// (unique_items) {first}, the index of the first occurrence.
    std::string_view message = {};
    /// What was expected, when the constraint's own description is not the documented text.
    std::string_view expected = {};
    /// The actual value as reported, when not the value's JSON text; {size} is its size.
    std::string_view actual = {};
    G guard = {};

    static constexpr auto pointer = M;
    constexpr member_rule as_warning() const {
        auto r = *this;
        r.severity = drx::severity::warning;
        return r;
    }
    constexpr member_rule at(drx::level l) const {
        auto r = *this;
        r.level = l;
        return r;
    }
    constexpr member_rule with_message(std::string_view m) const {
        auto r = *this;
        r.message = m;
        return r;
    }
    constexpr member_rule with_expected(std::string_view e) const {
        auto r = *this;
        r.expected = e;
        return r;
    }
    constexpr member_rule with_actual(std::string_view a) const {
        auto r = *this;
        r.actual = a;
        return r;
    }
    /// The same rule, applied only when `condition` holds.
    template <class P>
    constexpr member_rule<M, C, P> when(P condition) const {
        member_rule<M, C, P> r;
        static_cast<rule_base&>(r) = *this;
        r.constraint = constraint;
        r.message = message;
        r.expected = expected;
        r.actual = actual;
        r.guard = condition;
        return r;
    }
};

/// Whether constraint C can judge a value of type V (the member's type without optional and
/// nullable): a range on a string, say, would never fire, so member() refuses to compile it.
template <class C, class V>
struct constraint_applies : std::false_type {};
template <class V>
struct constraint_applies<range, V>
    : std::bool_constant<detail::integer_type<V> || detail::float_type<V> || std::is_same_v<V, number> ||
                         std::is_same_v<V, scalar>> {};
template <class V>
struct constraint_applies<finite_number, V>
    : std::bool_constant<detail::float_type<V> || std::is_same_v<V, number> || std::is_same_v<V, scalar>> {};
template <class V>
struct constraint_applies<size_in, V>
    : std::bool_constant<std::is_same_v<V, std::string> || std::is_same_v<V, scalar> || detail::is_vector<V>::value ||
                         detail::is_std_array<V>::value || detail::is_object_map<V>::value> {};
template <class V>
struct constraint_applies<non_empty, V> : constraint_applies<size_in, V> {};
template <class V>
struct constraint_applies<unique_items, V>
    : std::bool_constant<detail::is_vector<V>::value || detail::is_std_array<V>::value> {};
template <auto F, class V>
struct constraint_applies<unique_by<F>, V> : std::false_type {};
template <auto F, class E, class A>
struct constraint_applies<unique_by<F>, std::vector<E, A>>
    : std::is_same<E, typename detail::member_pointer_traits<decltype(F)>::class_type> {};
template <std::size_t N, class V>
struct constraint_applies<one_of<N>, V>
    : std::bool_constant<std::is_same_v<V, std::string> || std::is_same_v<V, scalar> || detail::described_enum<V>> {};
template <auto L, class V>
struct constraint_applies<in_context<L>, V> : std::is_same<V, std::string> {};
template <auto F, class C, class V>
struct constraint_applies<field<F, C>, V>
    : std::bool_constant<std::is_same_v<V, typename detail::member_pointer_traits<decltype(F)>::class_type> &&
                         constraint_applies<C, detail::unwrap_t<std::remove_cvref_t<decltype(std::declval<V&>().*F)>>>::value> {};
template <class C, class V>
struct constraint_applies<each<C>, V> : std::false_type {};
template <class C, class E, class A>
struct constraint_applies<each<C>, std::vector<E, A>> : constraint_applies<C, detail::unwrap_t<E>> {};
template <class C, class E, std::size_t N>
struct constraint_applies<each<C>, std::array<E, N>> : constraint_applies<C, detail::unwrap_t<E>> {};
template <class C, class E>
struct constraint_applies<each<C>, object_map<E>> : constraint_applies<C, detail::unwrap_t<E>> {};

template <class V>
struct constraint_applies<forbidden, V> : std::true_type {};
template <class V>
struct constraint_applies<wrong_type, V> : std::true_type {};
template <class V>
struct constraint_applies<int_or_literal, V> : std::is_same<V, scalar> {};
template <std::size_t N, class V>
struct constraint_applies<none_of<N>, V> : std::bool_constant<std::is_same_v<V, std::string> || std::is_same_v<V, scalar>> {};
template <auto L, class V>
struct constraint_applies<equals_fact<L>, V> : std::is_same<V, std::string> {};
template <class V>
struct constraint_applies<format, V> : std::is_same<V, std::string> {};
template <class V>
struct constraint_applies<decimal_at_most, V> : std::is_same<V, std::string> {};
template <auto F, class V>
struct constraint_applies<ascending_by<F>, V> : std::false_type {};
template <auto F, class E, class A>
struct constraint_applies<ascending_by<F>, std::vector<E, A>>
    : std::bool_constant<std::is_same_v<E, typename detail::member_pointer_traits<decltype(F)>::class_type> &&
                         detail::integer_type<std::remove_cvref_t<decltype(std::declval<E&>().*F)>>> {};

/// Declares constraint `c` with rule id `id` on member M.
template <auto M, class C>
constexpr member_rule<M, C> member(std::string_view id, C c) {
    using V = detail::unwrap_t<std::remove_cvref_t<decltype(std::declval<member_class_t<M>&>().*M)>>;
    static_assert(constraint_applies<C, V>::value,
                  "drx::rules::member: this constraint cannot judge the member's type and would never fire (range "
                  "and finite_number take numbers; size_in and non_empty strings, arrays and objects; unique_items "
                  "arrays; unique_by<&Item::field> arrays of Item; one_of strings; each{c} the items of an array or "
                  "object)");
    member_rule<M, C> r;
    r.id = id;
    r.constraint = c;
    return r;
}

/// At most one of the members is present.
template <auto... Ms>
struct mutually_exclusive : rule_base {};

/// When member A is present, member B must be present too.
template <auto A, auto B>
struct requires_member : rule_base {};

/// Exactly one of the members is present.
template <auto... Ms>
struct exactly_one_of : rule_base {};

/// The consequence of explanations.threshold.order, the one message of that rule id.
inline constexpr std::string_view threshold_order_consequence =
    ": every row is below one or above the other, so every row is explained";

/// When both numeric members are present (and not null), A <= B. `consequence` ends the
/// message: "thresholdLow 0.9 is above thresholdHigh 0.1" + consequence.
template <auto A, auto B>
struct ordered : rule_base {
    std::string_view consequence = {};
};

/// Condition P must hold, reported at member At (nullptr: the object itself) with `message`
/// and `expected`; the actual value is read from P ("absent", "unsupervisedMode: false", the
/// context's value). The message may name the member ({member}) and the context's value of a
/// fact in P ({fact}). With `.when(c)` it applies only when c holds:
///
///     require<&T::unsupervised_type>("clustering.unsupervised_type", is_true<&T::unsupervised_mode>{},
///                                    "unsupervisedType needs unsupervisedMode true", "unsupervisedMode: true")
///         .when(present<&T::unsupervised_type>{})
template <auto At, class P, class G = always>
struct requirement : rule_base {
    P condition;
    std::string_view message;
    std::string_view expected = {};
    G guard = {};

    constexpr requirement as_warning() const {
        auto r = *this;
        r.severity = drx::severity::warning;
        return r;
    }
    template <class Q>
    constexpr requirement<At, P, Q> when(Q c) const {
        requirement<At, P, Q> r;
        static_cast<rule_base&>(r) = *this;
        r.condition = condition;
        r.message = message;
        r.expected = expected;
        r.guard = c;
        return r;
    }
};
template <auto At, class P>
constexpr requirement<At, P> require(std::string_view id, P condition, std::string_view message,
                                     std::string_view expected = {}) {
    requirement<At, P> r;
    r.id = id;
    r.condition = condition;
    r.message = message;
    r.expected = expected;
    return r;
}

/// Member Old is the deprecated name of member New: a warning whenever Old is present ("maxCodes
/// is the deprecated name of maxExplanations", and "; maxExplanations is given too and wins"
/// when both are).
template <auto Old, auto New>
struct deprecated : rule_base {};

/// The request types a rule compares against (the request of check(), see drx::request_ref):
/// `request_of<deployment_predictions_query>("deployment_predictions_query")`. A rule needing
/// the request is skipped, and says why, when it is given a request of another type.
struct request_types {
    /// True when the request is one of the types; nullptr: any type.
    bool (*accepts)(request_ref const&) = nullptr;
    /// The accepted types, for the skip note ("a deployment_predictions_query").
    std::string_view names = {};
};
/// request_types that also name the types at compile time (`types`), so that check() can refuse
/// another request type when it compiles.
template <class... R>
struct typed_request_types : request_types {
    using types = std::tuple<R...>;
};
template <class... R>
constexpr typed_request_types<R...> request_of(std::string_view names) {
    typed_request_types<R...> t;
    t.accepts = [](request_ref const& r) { return ((r.get<R>() != nullptr) || ...); };
    t.names = names;
    return t;
}

/// A rule written as a function: it reports through a drx::reporter (pointer, message,
/// expected, actual). `needs` names the context facts it requires; without them it is skipped.
/// A rule that needs the request names the request types it reads in `request`.
template <class T>
struct custom : rule_base {
    /// What the rule checks, for documentation and the JSON Schema export.
    std::string_view description;
    void (*fn)(T const&, reporter&) = nullptr;
    drx::needs needs = drx::needs::nothing;
    request_types request = {};
    /// For the generators: makes a generated T satisfy the rule (entropy for the choices, the
    /// context the instance is generated for, possibly null).
    void (*repair)(T&, entropy&, context const*) = nullptr;
    /// For the generators: appends the ways to move a T onto or across the rule's boundary,
    /// with pointers relative to the T; each site's apply changes the T in place (and returns
    /// false when it does not apply). Sites are kept only when checking gives their label.
    void (*near_misses)(T&, entropy&, context const*, std::vector<mutation_site>&) = nullptr;
    /// For the JSON Schema export (drx/tools/json_schema.hpp): the rule as JSON Schema text
    /// applying to the T (`#/$defs/NAME` names a nested struct), when it can be written as one;
    /// empty: the document lists the rule in its x-drx-rules.
    std::string_view schema = {};
};

}  // namespace rules

/// No rules: the fallback of the drx_rules hook.
constexpr std::tuple<> drx_rules(void const*) { return {}; }

/// The rules declared for T.
template <class T>
auto rules_of() {
    return drx_rules(static_cast<T const*>(nullptr));
}

namespace detail {
template <class R>
struct is_rule_group : std::false_type {};
template <class... R>
struct is_rule_group<std::tuple<R...>> : std::true_type {};

template <class G, class F>
void for_each_in_group(G const& g, F& f) {
    std::apply(
        [&](auto const&... r) {
            [[maybe_unused]] auto one = [&](auto const& x) {
                if constexpr (is_rule_group<std::remove_cvref_t<decltype(x)>>::value)
                    for_each_in_group(x, f);
                else
                    f(x);
            };
            (one(r), ...);
        },
        g);
}
}  // namespace detail

/// Calls f(rule) for every rule declared for T, in declaration order. A declaration may group
/// rules in nested tuples (`std::tuple{mode_rules<...>(), member<...>(...)}`): groups are
/// walked in place, so no std::tuple_cat is needed to compose rule sets.
template <class T, class F>
void for_each_rule(F&& f) {
    // Built once: a declaration is constant, and checking calls this for every object.
    static auto const rules = rules_of<T>();
    detail::for_each_in_group(rules, f);
}

/// Builds an RFC 6901 pointer from tokens (strings are escaped, integers are indexes):
/// `drx::json_pointer("clusterNameMappings", 2, "currentName")` is "/clusterNameMappings/2/currentName".
template <class... A>
std::string json_pointer(A const&... tokens) {
    std::string p;
    auto one = [&](auto const& t) {
        if constexpr (std::is_integral_v<std::remove_cvref_t<decltype(t)>>)
            detail::append_pointer_token(p, std::to_string(t));
        else
            detail::append_pointer_token(p, std::string_view(t));
    };
    (one(tokens), ...);
    return p;
}

/// Collects the diagnostics of a check up to a cap (check_options::max_diagnostics). Past the
/// cap, diagnostics are counted; the first error past it stops the check, and finish() then
/// appends one schema.limit error saying so, so an invalid object's list always holds an error.
class diagnostic_sink {
public:
    diagnostic_sink(std::vector<diagnostic>& out, std::size_t cap) : out_(out), cap_(cap) {}
    void push(diagnostic d) {
        if (stopped_ || out_.size() >= cap_) {
            ++omitted_;
            if (d.severity == severity::error && !stopped_) {
                stopped_ = true;
                stop_pointer_ = std::move(d.pointer);
            }
            return;
        }
        out_.push_back(std::move(d));
    }
    /// True once an error was dropped at the cap: nothing more is checked.
    bool stopped() const noexcept { return stopped_; }
    std::size_t omitted() const noexcept { return omitted_; }
    void finish() {
        if (!stopped_ || finished_) return;
        finished_ = true;
        out_.push_back({stop_pointer_, "schema.limit", severity::error,
                        "checking stopped at the limit of " + std::to_string(cap_) +
                            " diagnostics (max_diagnostics) on an error it did not list; later rules were not "
                            "checked, so more problems may follow",
                        "at most " + std::to_string(cap_) + " diagnostics", {}});
    }

private:
    std::vector<diagnostic>& out_;
    std::size_t cap_;
    std::size_t omitted_ = 0;
    bool stopped_ = false;
    bool finished_ = false;
    std::string stop_pointer_;
};

/// What a custom rule reports through. Pointers are relative to the checked object.
class reporter {
public:
    reporter(detail::pointer_path const& base, std::string_view rule, severity sev, context const* ctx,
             diagnostic_sink& out, request_ref const& request = {})
        : base_(base), rule_(rule), sev_(sev), ctx_(ctx), out_(out), request_(request) {}

    /// Reports at `relative_pointer` ("" for the object itself, "/member/0" below it).
    void report(std::string_view relative_pointer, std::string message, std::optional<std::string> expected = {},
                std::optional<std::string> actual = {}) {
        out_.push({base_.str(relative_pointer), std::string(rule_), sev_, std::move(message), std::move(expected),
                   std::move(actual)});
    }
    /// True once the check stopped at the diagnostics cap: a long rule may return early.
    bool stopped() const noexcept { return out_.stopped(); }
    /// The context; never null inside a rule whose needs are met, possibly null otherwise.
    context const* ctx() const noexcept { return ctx_; }
    /// The request the check was given, if it is an R.
    template <class R>
    R const* request() const noexcept {
        return request_.get<R>();
    }
    /// The object's own pointer.
    std::string base() const { return base_.str(); }

private:
    detail::pointer_path const& base_;
    std::string_view rule_;
    severity sev_;
    context const* ctx_;
    diagnostic_sink& out_;
    request_ref request_;
};

namespace detail {

/// A bound as text: integers without a decimal point.
inline std::string bound_text(double x) {
    if (std::isfinite(x) && std::trunc(x) == x && std::fabs(x) < 1e15) return std::to_string(static_cast<long long>(x));
    std::string s;
    append_float_repr(s, x);
    return s;
}

/// Counts code points of UTF-8 text.
inline std::size_t code_points(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

// ---- constraint evaluation: test(c, v) says whether v satisfies c (true if c does not apply).

template <class V>
std::optional<double> numeric_value(V const& v) {
    using U = std::remove_cvref_t<V>;
    if constexpr (integer_type<U> || float_type<U>)
        return static_cast<double>(v);
    else if constexpr (std::is_same_v<U, number>)
        return v.value();
    else if constexpr (std::is_same_v<U, scalar>)
        return v.is_number() ? std::optional<double>(v.as_double()) : std::nullopt;
    else
        return std::nullopt;
}

template <class V>
bool test(rules::range const& c, V const& v) {
    auto x = numeric_value(v);
    if (!x) return true;
    if constexpr (integer_type<V>) {
        // Compare integers exactly (bounds are small integers in practice).
        return static_cast<long double>(v) >= static_cast<long double>(c.min) &&
               static_cast<long double>(v) <= static_cast<long double>(c.max);
    } else {
        return *x >= c.min && *x <= c.max;  // NaN fails
    }
}
inline std::string describe(rules::range const& c) { return "a number in [" + bound_text(c.min) + ", " + bound_text(c.max) + "]"; }

template <class V>
std::optional<std::size_t> size_of(V const& v) {
    using U = std::remove_cvref_t<V>;
    if constexpr (std::is_same_v<U, std::string>)
        return code_points(v);
    else if constexpr (std::is_same_v<U, scalar>)
        return v.is_string() ? std::optional<std::size_t>(code_points(v.as_string())) : std::nullopt;
    else if constexpr (is_vector<U>::value || is_object_map<U>::value || is_std_array<U>::value)
        return v.size();
    else
        return std::nullopt;
}

template <class V>
bool test(rules::size_in const& c, V const& v) {
    auto n = size_of(v);
    return !n || (*n >= c.min && *n <= c.max);
}
inline std::string describe(rules::size_in const& c) {
    return "a size in [" + std::to_string(c.min) + ", " + std::to_string(c.max) + "]";
}

template <class V>
bool test(rules::non_empty const&, V const& v) {
    auto n = size_of(v);
    return !n || *n > 0;
}
inline std::string describe(rules::non_empty const&) { return "a non-empty value"; }

template <class V>
bool test(rules::finite_number const&, V const& v) {
    auto x = numeric_value(v);
    return !x || std::isfinite(*x);
}
inline std::string describe(rules::finite_number const&) { return "a finite number"; }

template <auto L>
std::string describe(rules::in_context<L> const&) {
    if constexpr (L == &context::cluster_names)
        return "a cluster name of the model";
    else
        return "a deployment of the context";
}

template <auto F>
std::string describe(rules::unique_by<F> const&) {
    return "unique " + std::string(wire_name<F>()) + " values";
}

/// Whether v (a string, a string scalar or an enumerator, by wire name) is among `values`;
/// std::nullopt for a value of another kind, which such constraints leave alone.
template <std::size_t N, class V>
std::optional<bool> among(std::array<std::string_view, N> const& values, V const& v) {
    std::string_view s;
    if constexpr (std::is_same_v<V, std::string>)
        s = v;
    else if constexpr (std::is_same_v<V, scalar>) {
        if (!v.is_string()) return std::nullopt;
        s = v.as_string();
    } else if constexpr (described_enum<V>) {
        s = enum_wire_name(v);
    } else
        return std::nullopt;
    // Lengths first, then the bytes in a plain loop (no call to memcmp): the lists are a few
    // short words.
    for (std::string_view x : values) {
        if (x.size() != s.size()) continue;
        std::size_t i = 0;
        while (i < x.size() && x[i] == s[i]) ++i;
        if (i == x.size()) return true;
    }
    return false;
}
/// "one of \"a\", \"b\"" (or "none of ...").
template <std::size_t N>
std::string values_text(std::string s, std::array<std::string_view, N> const& values) {
    for (std::size_t i = 0; i < N; ++i) {
        if (i) s += ", ";
        s += json_quoted(values[i]);
    }
    return s;
}
template <std::size_t N, class V>
bool test(rules::one_of<N> const& c, V const& v) {
    return among(c.values, v).value_or(true);
}
template <std::size_t N>
std::string describe(rules::one_of<N> const& c) {
    return values_text("one of ", c.values);
}

// ---- conditions: holds(c, obj, ctx), and what a failed requirement reports as actual.

/// The wire text of a condition value (an enumerator's wire name, a boolean, a string).
template <class V>
std::string condition_text(V const& v) {
    if constexpr (std::is_same_v<V, bool>)
        return v ? "true" : "false";
    else if constexpr (std::is_enum_v<V>)
        return std::string(enum_wire_name(v));
    else
        return std::string(v);
}

template <class V, class W>
bool condition_equal(V const& member_value, W const& want) {
    if constexpr (std::is_same_v<W, std::string_view>) {
        if constexpr (std::is_same_v<V, std::string>)
            return member_value == want;
        else if constexpr (std::is_same_v<V, scalar>)
            return member_value.is_string() && member_value.as_string() == want;
        else if constexpr (std::is_enum_v<V>)
            return enum_wire_name(member_value) == want;
        else
            return false;
    } else if constexpr (std::is_same_v<V, W>) {
        return member_value == want;
    } else {
        return false;
    }
}

template <class T>
bool holds(rules::always const&, T const&, context const*) {
    return true;
}
template <class T, auto M>
bool holds(rules::present<M> const&, T const& obj, context const*) {
    return is_present(obj.*M);
}
template <class T, auto M>
bool holds(rules::is_true<M> const&, T const& obj, context const*) {
    auto const* v = value_if_present(obj.*M);
    return v && *v;
}
template <class T, auto M>
bool holds(rules::filled<M> const&, T const& obj, context const*) {
    auto const* v = value_if_present(obj.*M);
    return v && v->find_first_not_of(" \t") != std::string::npos;
}
template <class T, auto M, class V, std::size_t N>
bool holds(rules::equal_to_t<M, V, N> const& c, T const& obj, context const*) {
    auto const* v = value_if_present(obj.*M);
    if (!v) return false;
    for (auto const& w : c.values)
        if (condition_equal(*v, w)) return true;
    return false;
}
template <class T, auto L, class V, std::size_t N>
bool holds(rules::fact_in_t<L, V, N> const& c, T const&, context const* ctx) {
    if (!ctx || !(ctx->*L)) return c.unknown_holds;
    for (auto const& w : c.values)
        if (*(ctx->*L) == w) return true;
    return false;
}
template <class T, class... P>
bool holds(rules::all_t<P...> const& c, T const& obj, context const* ctx) {
    return std::apply([&](auto const&... p) { return (holds(p, obj, ctx) && ...); }, c.parts);
}
template <class T, class P>
bool holds(rules::not_t<P> const& c, T const& obj, context const* ctx) {
    return !holds(c.inner, obj, ctx);
}

/// The actual value a failed requirement reports: "absent" (present<M>), "NAME: false" or
/// "NAME absent" (is_true<M>), the context's value of a fact; nothing for composite conditions.
template <class P, class T>
std::optional<std::string> condition_actual(P const&, T const&, context const*) {
    return std::nullopt;
}
template <auto M, class T>
std::optional<std::string> condition_actual(rules::present<M> const&, T const&, context const*) {
    return "absent";
}
template <auto M, class T>
std::optional<std::string> condition_actual(rules::is_true<M> const&, T const& obj, context const*) {
    std::string w(wire_name<M>());
    return is_present(obj.*M) ? w + ": false" : w + " absent";
}
template <auto M, class T>
std::optional<std::string> condition_actual(rules::filled<M> const&, T const& obj, context const*) {
    return is_present(obj.*M) ? "empty" : "absent";
}
template <auto L, class V, std::size_t N, class T>
std::optional<std::string> condition_actual(rules::fact_in_t<L, V, N> const&, T const&, context const* ctx) {
    if (!ctx || !(ctx->*L)) return std::nullopt;
    return json_quoted(condition_text(*(ctx->*L)));
}

/// The context's value of the first fact a condition reads, as text ({fact} in messages).
template <class P>
std::optional<std::string> condition_fact(P const&, context const*) {
    return std::nullopt;
}
template <auto L, class V, std::size_t N>
std::optional<std::string> condition_fact(rules::fact_in_t<L, V, N> const&, context const* ctx) {
    if (!ctx || !(ctx->*L)) return std::nullopt;
    return condition_text(*(ctx->*L));
}
template <class P>
std::optional<std::string> condition_fact(rules::not_t<P> const& c, context const* ctx) {
    return condition_fact(c.inner, ctx);
}
template <class... P>
std::optional<std::string> condition_fact(rules::all_t<P...> const& c, context const* ctx) {
    std::optional<std::string> out;
    std::apply([&](auto const&... p) { ((out ? void() : void(out = condition_fact(p, ctx))), ...); }, c.parts);
    return out;
}

/// Replaces every `key` in `text` with `value`.
inline std::string fill_placeholder(std::string text, std::string_view key, std::string_view value) {
    for (std::size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size()))
        text.replace(at, key.size(), value);
    return text;
}

// ---- the newer constraints: test and describe --------------------------------------------

template <class V>
bool test(rules::wrong_type const&, V const&) {
    return true;  // the reader reports it
}
inline std::string describe(rules::wrong_type const& c) { return std::string(c.expected); }
template <class V>
bool test(rules::forbidden const&, V const&) {
    return false;
}
inline std::string describe(rules::forbidden const&) { return "absent"; }

/// An integer-valued scalar (5.0 counts as 5).
inline bool integral_scalar(scalar const& s) {
    if (s.is_integer()) return true;
    return s.is_float() && std::isfinite(s.as_float()) && std::trunc(s.as_float()) == s.as_float();
}
/// 0: satisfied; 1: neither an integer nor the literal; 2: an integer below min.
inline int int_or_literal_failure(rules::int_or_literal const& c, scalar const& v) {
    if (v.is_string() && v.as_string() == c.literal) return 0;
    if (!integral_scalar(v)) return 1;
    if (c.min && v.as_double() < *c.min) return 2;
    return 0;
}
template <class V>
bool test(rules::int_or_literal const& c, V const& v) {
    if constexpr (std::is_same_v<V, scalar>)
        return int_or_literal_failure(c, v) == 0;
    else
        return true;
}
inline std::string describe(rules::int_or_literal const& c) {
    return std::string("an integer") + (c.min ? " >= " + bound_text(*c.min) : std::string()) + " or " +
           json_quoted(c.literal);
}

template <std::size_t N, class V>
bool test(rules::none_of<N> const& c, V const& v) {
    return !among(c.values, v).value_or(false);
}
template <std::size_t N>
std::string describe(rules::none_of<N> const& c) {
    return values_text("none of ", c.values);
}

/// The value of decimal text (digits with optional spaces and tabs around them), saturated at
/// UINT64_MAX; std::nullopt when the text is not a decimal number.
inline std::optional<std::uint64_t> decimal_value(std::string_view v) {
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
    if (v.empty()) return std::nullopt;
    std::uint64_t n = 0;
    for (char c : v) {
        if (c < '0' || c > '9') return std::nullopt;
        unsigned d = static_cast<unsigned>(c - '0');
        n = n > (std::numeric_limits<std::uint64_t>::max() - d) / 10 ? std::numeric_limits<std::uint64_t>::max()
                                                                     : n * 10 + d;
    }
    return n;
}
/// A format test: decimal text.
inline bool decimal_text(std::string_view v) { return decimal_value(v).has_value(); }
template <class V>
bool test(rules::decimal_at_most const& c, V const& v) {
    if constexpr (std::is_same_v<V, std::string>) {
        auto n = decimal_value(v);
        return !n || *n <= c.max;
    } else {
        return true;
    }
}
inline std::string describe(rules::decimal_at_most const& c) { return "at most " + std::to_string(c.max); }

template <class V>
bool test(rules::format const& c, V const& v) {
    if constexpr (std::is_same_v<V, std::string>)
        return !c.test || c.test(v);
    else
        return true;
}
inline std::string describe(rules::format const& c) { return "a string of format " + std::string(c.name); }

}  // namespace detail
}  // namespace drx
