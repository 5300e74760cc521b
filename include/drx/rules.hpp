// drx: declaring the rules of an object.
//
// An object's rules are a tuple returned by `drx_rules(T const*)`, found by argument-dependent
// lookup next to the struct. Each rule carries its stable id (contract sections 4 and 5), a
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
// Member rules apply when the member is present and not null. Cross-member rules:
// mutually_exclusive, requires_member, exactly_one_of, ordered (A <= B when both are present),
// and custom (a function that reports diagnostics with pointers, optionally needing facts
// from the context).
#pragma once

#include <any>
#include <array>
#include <cmath>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

#include <drx/context.hpp>
#include <drx/detail/python_format.hpp>
#include <drx/detail/text.hpp>
#include <drx/detail/traits.hpp>
#include <drx/diagnostic.hpp>
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

// ---- rules ----------------------------------------------------------------------------------

/// Common fields of every rule.
struct rule_base {
    std::string_view id;
    drx::severity severity = drx::severity::error;
    drx::level level = drx::level::rules;
};

/// A constraint on member M.
template <auto M, class C>
struct member_rule : rule_base {
    C constraint;
    /// The real system's exact message, when known; otherwise drx writes its own.
    std::string_view message = {};

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
struct constraint_applies<one_of<N>, V> : std::bool_constant<std::is_same_v<V, std::string> || std::is_same_v<V, scalar>> {};
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

/// The request types a rule compares against (context::request holds one of them):
/// `request_of<deployment_predictions_query>()`. A rule needing the request is skipped, and
/// says why, when the context holds a request of another type.
struct request_types {
    /// True when the context's request is one of the types; nullptr: any type.
    bool (*accepts)(std::any const&) = nullptr;
    /// The accepted types, for the skip note ("a deployment_predictions_query").
    std::string_view names = {};
};
template <class... R>
constexpr request_types request_of(std::string_view names) {
    return {[](std::any const& a) { return ((std::any_cast<R>(&a) != nullptr) || ...); }, names};
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
};

}  // namespace rules

/// No rules: the fallback of the drx_rules hook.
constexpr std::tuple<> drx_rules(void const*) { return {}; }

/// The rules declared for T.
template <class T>
auto rules_of() {
    return drx_rules(static_cast<T const*>(nullptr));
}

/// Calls f(rule) for every rule declared for T.
template <class T, class F>
void for_each_rule(F&& f) {
    std::apply([&](auto const&... r) { (f(r), ...); }, rules_of<T>());
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
    reporter(std::string const& base, std::string_view rule, severity sev, context const* ctx, diagnostic_sink& out)
        : base_(base), rule_(rule), sev_(sev), ctx_(ctx), out_(out) {}

    /// Reports at `relative_pointer` ("" for the object itself, "/member/0" below it).
    void report(std::string_view relative_pointer, std::string message, std::optional<std::string> expected = {},
                std::optional<std::string> actual = {}) {
        out_.push({base_ + std::string(relative_pointer), std::string(rule_), sev_, std::move(message),
                   std::move(expected), std::move(actual)});
    }
    /// True once the check stopped at the diagnostics cap: a long rule may return early.
    bool stopped() const noexcept { return out_.stopped(); }
    /// The context; never null inside a rule whose needs are met, possibly null otherwise.
    context const* ctx() const noexcept { return ctx_; }
    /// The request held by the context, if it is an R.
    template <class R>
    R const* request() const noexcept {
        return ctx_ ? std::any_cast<R>(&ctx_->request) : nullptr;
    }
    /// The object's own pointer.
    std::string const& base() const noexcept { return base_; }

private:
    std::string const& base_;
    std::string_view rule_;
    severity sev_;
    context const* ctx_;
    diagnostic_sink& out_;
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

template <std::size_t N, class V>
bool test(rules::one_of<N> const& c, V const& v) {
    std::string_view s;
    if constexpr (std::is_same_v<V, std::string>)
        s = v;
    else if constexpr (std::is_same_v<V, scalar>) {
        if (!v.is_string()) return true;
        s = v.as_string();
    } else
        return true;
    for (auto x : c.values)
        if (x == s) return true;
    return false;
}
template <std::size_t N>
std::string describe(rules::one_of<N> const& c) {
    std::string s = "one of ";
    for (std::size_t i = 0; i < N; ++i) {
        if (i) s += ", ";
        s += json_quoted(c.values[i]);
    }
    return s;
}

}  // namespace detail
}  // namespace drx
