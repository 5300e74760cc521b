// SPDX-License-Identifier: BSL-1.0
// drx: checking the declared rules of an object (no reader: validate() reading and checking
// in one call is in drx/check.hpp).
//
//     drx::check_report rep = drx::check(obj, {.level = drx::level::rules, .ctx = &ctx});
//
// check() walks the object and every object inside it, applying each one's declared rules
// (rules.hpp) up to the requested level. Rules whose context facts are missing are skipped and
// listed in check_report::skipped, so a skipped rule is never mistaken for a passed one.
#pragma once

#include <algorithm>
#include <array>
#include <optional>
#include <variant>
#include <limits>
#include <map>
#include <unordered_map>
#include <unordered_set>
#include <string>
#include <vector>

#include <boost/describe/members.hpp>
#include <boost/mp11/algorithm.hpp>

#include <drx/context.hpp>
#include <drx/detail/actual_text.hpp>
#include <drx/diagnostic.hpp>
#include <drx/nullable.hpp>
#include <drx/object_map.hpp>
#include <drx/rules.hpp>
#include <drx/write.hpp>

namespace drx {

/// Options of check().
struct check_options {
    /// Highest level of rules applied: rules or consistency (docs/reference/rule-sources.md).
    drx::level level = drx::level::consistency;
    /// Facts for the rules that need them; rules needing absent facts are skipped.
    context const* ctx = nullptr;
    /// The request that produced the checked response, for the consistency rules that compare
    /// with it. check(obj, options, request) sets it, checking the request type at compile time.
    request_ref request = {};
    /// Errors the reader found under members' own rule ids (rules::wrong_type), for validate():
    /// each is reported when its rule's turn comes, and the member's own rules skip it.
    std::vector<diagnostic> const* read_failures = nullptr;
    /// Most diagnostics reported. Warnings past the cap are counted in check_report::omitted;
    /// the first error past it stops the check and a final schema.limit error says so.
    std::size_t max_diagnostics = 100;
};

/// The findings of check().
struct check_report {
    std::vector<diagnostic> diagnostics;
    /// Rules skipped because the context lacked their facts (each rule id once).
    std::vector<skipped_rule> skipped;
    /// Diagnostics dropped past check_options::max_diagnostics.
    std::size_t omitted = 0;
    /// True when no diagnostic is an error.
    bool ok() const noexcept { return !has_errors(diagnostics); }
};

/// The types check() accepts: described structs, and optionals, nullables, variants, vectors,
/// arrays and object maps of them. A drx::result is not one: check its value().
template <class T>
struct is_checkable : std::false_type {};
template <class T>
inline constexpr bool is_checkable_v = is_checkable<std::remove_cvref_t<T>>::value;
template <class T>
    requires detail::described_struct<T>
struct is_checkable<T> : std::true_type {};
template <class T>
struct is_checkable<std::optional<T>> : is_checkable<T> {};
template <class T>
struct is_checkable<nullable<T>> : is_checkable<T> {};
template <class T, class A>
struct is_checkable<std::vector<T, A>> : is_checkable<T> {};
template <class T, std::size_t N>
struct is_checkable<std::array<T, N>> : is_checkable<T> {};
template <class T>
struct is_checkable<object_map<T>> : is_checkable<T> {};
template <class... T>
struct is_checkable<std::variant<T...>> : std::bool_constant<(is_checkable<T>::value && ...)> {};
/// A type whose rules drx can check (see is_checkable).
template <class T>
concept checkable = is_checkable_v<T>;

namespace detail {

/// True when a value of type V may hold a described struct (whose rules the checker applies).
template <class V>
struct holds_objects : std::bool_constant<described_struct<V>> {};
template <class V>
struct holds_objects<std::optional<V>> : holds_objects<V> {};
template <class V>
struct holds_objects<nullable<V>> : holds_objects<V> {};
template <class V, class A>
struct holds_objects<std::vector<V, A>> : holds_objects<V> {};
template <class V, std::size_t N>
struct holds_objects<std::array<V, N>> : holds_objects<V> {};
template <class V>
struct holds_objects<object_map<V>> : holds_objects<V> {};
template <class... V>
struct holds_objects<std::variant<V...>> : std::bool_constant<(holds_objects<V>::value || ...)> {};

class checker {
public:
    checker(check_options const& opt, check_report& rep)
        : opt_(opt), rep_(rep), sink_(rep.diagnostics, opt.max_diagnostics) {}

    /// Ends the check: the stop note when the cap stopped it, and the omitted count.
    void finish() {
        // A member-rule failure of reading whose rule never came up (the object was not
        // visited) is still reported: no failure is ever dropped.
        if (opt_.read_failures)
            for (std::size_t i = 0; i < opt_.read_failures->size(); ++i)
                if (i >= emitted_.size() || !emitted_[i]) sink_.push((*opt_.read_failures)[i]);
        sink_.finish();
        rep_.omitted = sink_.omitted();
    }

    template <class V>
    void visit(V const& v) {
        using U = std::remove_cvref_t<V>;
        if (sink_.stopped()) return;
        if constexpr (is_optional<U>::value || is_nullable<U>::value) {
            if_present(v, [&](auto const& x) { visit(x); });
        } else if constexpr (is_variant<U>::value) {
            std::visit([&](auto const& x) { visit(x); }, v);
        } else if constexpr (is_vector<U>::value || is_std_array<U>::value) {
            std::size_t i = 0;
            for (auto const& e : v) {
                auto mark = push(i++);
                visit(e);
                pop(mark);
            }
        } else if constexpr (is_object_map<U>::value) {
            for (auto const& [k, x] : v) {
                auto mark = push(k);
                visit(x);
                pop(mark);
            }
        } else if constexpr (described_struct<U>) {
            object(v);
        }
    }

private:
    template <class T>
    void object(T const& obj) {
        for_each_rule<T>([&](auto const& r) {
            if (!sink_.stopped()) apply(obj, r);
        });
        boost::mp11::mp_for_each<members_of<T>>([&](auto d) {
            using D = decltype(d);
            // Only members that hold objects are walked: nothing else has rules of its own.
            if constexpr (holds_objects<std::remove_cvref_t<decltype(obj.*D::pointer)>>::value) {
                auto mark = push(wire_name_of<T, D>());
                visit(obj.*D::pointer);
                pop(mark);
            }
        });
    }

    bool applies(rules::rule_base const& r) const { return r.level <= opt_.level && r.level != level::schema; }

    void add(std::string ptr, rules::rule_base const& r, std::string message, std::optional<std::string> expected,
             std::optional<std::string> actual) {
        sink_.push({std::move(ptr), std::string(r.id), r.severity, std::move(message), std::move(expected), std::move(actual)});
    }

    // ---- member rules ----
    template <class T, auto M, class C, class G>
    void apply(T const& obj, rules::member_rule<M, C, G> const& r) {
        if (!applies(r)) return;
        if (opt_.read_failures && !opt_.read_failures->empty() && read_failed(wire_name<M>(), r.id)) return;
        constexpr needs n = rules::constraint_needs(static_cast<C const*>(nullptr));
        needs const all = n | rules::condition_needs(r.guard);
        if (all != needs::nothing && skipped(r, all, {})) return;
        if (!holds(r.guard, obj, opt_.ctx)) return;
        auto mark = push(wire_name<M>());
        if_present(obj.*M, [&](auto const& v) { constraint(r, r.constraint, v); });
        pop(mark);
    }

    /// True when reading failed at or below member `wire` of the current object: the failures
    /// of rule `id` are reported now (in the order of the rules), and the member is not judged.
    bool read_failed(std::string_view wire, std::string_view id) {
        std::string p = path_.str();
        append_pointer_token(p, wire);
        bool failed = false;
        emitted_.resize(opt_.read_failures->size());
        for (std::size_t i = 0; i < opt_.read_failures->size(); ++i) {
            auto const& d = (*opt_.read_failures)[i];
            bool under = d.pointer.size() >= p.size() && d.pointer.compare(0, p.size(), p) == 0 &&
                         (d.pointer.size() == p.size() || d.pointer[p.size()] == '/');
            if (!under) continue;
            failed = true;
            if (d.rule == id && !emitted_[i]) {
                emitted_[i] = true;
                sink_.push(d);
            }
        }
        return failed;
    }

    /// The rule's message with its placeholders filled ({} the value's text, {value} its JSON
    /// text), or `fallback` when the rule has none.
    template <class R, class V>
    static std::string message_of(R const& r, V const& v, std::string const& act, std::string fallback) {
        if (r.message.empty()) return fallback;
        std::string msg = fill_placeholder(std::string(r.message), "{value}", act);
        if (auto n = size_of(v)) msg = fill_placeholder(std::move(msg), "{size}", std::to_string(*n));
        if constexpr (std::is_same_v<std::remove_cvref_t<V>, std::string>)
            return fill_placeholder(std::move(msg), "{}", v);
        else
            return fill_placeholder(std::move(msg), "{}", act);
    }
    template <class R, class C>
    static std::string expected_of(R const& r, C const& c) {
        return r.expected.empty() ? describe(c) : std::string(r.expected);
    }

    template <class R, class C, class V>
    void constraint(R const& r, C const& c, V const& v) {
        if (test(c, v)) return;
        std::string exp = expected_of(r, c);
        std::string act = actual_text(v);
        std::string msg = message_of(r, v, act, "expected " + exp + ", got " + act);
        if (!r.actual.empty()) {
            act = std::string(r.actual);
            if (auto n = size_of(v)) act = fill_placeholder(std::move(act), "{size}", std::to_string(*n));
        }
        add(path_.str(), r, std::move(msg), exp, act);
    }

    template <class R, class V>
    void constraint(R const& r, rules::int_or_literal const& c, V const& v) {
        if constexpr (std::is_same_v<std::remove_cvref_t<V>, scalar>) {
            int f = int_or_literal_failure(c, v);
            if (f == 0) return;
            std::string exp = expected_of(r, c);
            std::string act = actual_text(v);
            std::string msg = f == 2 ? "value is less than " + bound_text(*c.min)
                                     : message_of(r, v, act, "expected " + exp + ", got " + act);
            add(path_.str(), r, std::move(msg), exp, act);
        }
    }

    template <class R, class V>
    void constraint(R const& r, rules::decimal_at_most const& c, V const& v) {
        if (test(c, v)) return;
        auto n = decimal_value(v);
        std::string act = *n == std::numeric_limits<std::uint64_t>::max() ? "more than 2^64" : std::to_string(*n);
        add(path_.str(), r, message_of(r, v, act, "expected " + describe(c) + ", got " + act), expected_of(r, c), act);
    }

    template <class R, auto L, class V>
    void constraint(R const& r, rules::equals_fact<L> const&, V const& v) {
        using E = typename std::remove_cvref_t<decltype(*(opt_.ctx->*L))>;
        E parsed{};
        if (!enum_from_wire<E>(v, parsed)) return;  // not a value of the fact: other rules say so
        std::string_view fact = enum_wire_name(*(opt_.ctx->*L));
        if (v == fact) return;
        std::string msg = r.message.empty() ? json_quoted(v) + " is not the context's " + json_quoted(fact)
                                            : fill_placeholder(fill_placeholder(std::string(r.message), "{fact}", fact),
                                                               "{}", v);
        add(path_.str(), r, std::move(msg), r.expected.empty() ? json_quoted(fact) : std::string(r.expected), json_quoted(v));
    }

    template <class R, auto F, class V>
    void constraint(R const& r, rules::ascending_by<F> const& c, V const& v) {
        using U = std::remove_cvref_t<V>;
        if constexpr (is_vector<U>::value) {
            std::string const wire(wire_name<F>());
            for (std::size_t i = 0; i < v.size() && !sink_.stopped(); ++i) {
                auto id = static_cast<std::int64_t>(v[i].*F);
                auto mark = push(i);
                auto inner = push(wire);
                if (id < c.min) {
                    add(path_.str(), r,
                        wire + " " + std::to_string(id) +
                            (c.min == 0 ? std::string(" is negative") : " is below " + std::to_string(c.min)),
                        "a " + wire + " >= " + std::to_string(c.min), std::to_string(id));
                } else if (i > 0 && id <= static_cast<std::int64_t>(v[i - 1].*F)) {
                    std::string prev = std::to_string(static_cast<std::int64_t>(v[i - 1].*F));
                    add(path_.str(), r,
                        wire + " " + std::to_string(id) +
                            (id == static_cast<std::int64_t>(v[i - 1].*F) ? " repeats" : " comes after") + " " +
                            wire + " " + prev + " of the previous row: " + wire + "s are unique and ascending",
                        "a " + wire + " above " + prev, std::to_string(id));
                }
                pop(inner);
                pop(mark);
            }
        }
    }

    template <class R, class C, class V>
    void constraint(R const& r, rules::each<C> const& c, V const& v) {
        using U = std::remove_cvref_t<V>;
        if constexpr (is_vector<U>::value || is_std_array<U>::value) {
            std::size_t i = 0;
            for (auto const& e : v) {
                if (sink_.stopped()) return;
                auto mark = push(i++);
                if_present(e, [&](auto const& x) { constraint(r, c.inner, x); });
                pop(mark);
            }
        } else if constexpr (is_object_map<U>::value) {
            for (auto const& [k, e] : v) {
                if (sink_.stopped()) return;
                auto mark = push(k);
                if_present(e, [&](auto const& x) { constraint(r, c.inner, x); });
                pop(mark);
            }
        }
    }

    template <class R, class V>
    void constraint(R const& r, rules::unique_items const&, V const& v) {
        using U = std::remove_cvref_t<V>;
        if constexpr (is_vector<U>::value || is_std_array<U>::value) {
            using E = typename U::value_type;
            auto report = [&](std::size_t i, std::size_t j) {
                auto mark = push(i);
                std::string act = actual_text(v[i]);
                std::string msg =
                    message_of(r, v[i], act, "duplicate item " + act + " (first at index " + std::to_string(j) + ")");
                msg = fill_placeholder(std::move(msg), "{first}", std::to_string(j));
                add(path_.str(), r, std::move(msg), r.expected.empty() ? std::string("unique items") : std::string(r.expected),
                    act);
                pop(mark);
            };
            if constexpr (std::is_same_v<E, std::string> || integer_type<E>) {
                // Strings and integers: one ordered pass, n log n.
                std::map<E, std::size_t> first;
                for (std::size_t i = 0; i < v.size() && !sink_.stopped(); ++i) {
                    auto [it, inserted] = first.emplace(v[i], i);
                    if (!inserted) report(i, it->second);
                }
            } else {
                for (std::size_t i = 1; i < v.size() && !sink_.stopped(); ++i)
                    for (std::size_t j = 0; j < i; ++j)
                        if (v[i] == v[j]) {
                            report(i, j);
                            break;
                        }
            }
        }
    }

    template <class R, auto F, class C, class V>
    void constraint(R const& r, rules::field<F, C> const& c, V const& v) {
        auto mark = push(wire_name<F>());
        if_present(v.*F, [&](auto const& x) { constraint(r, c.inner, x); });
        pop(mark);
    }

    template <class R, auto L, class V>
    void constraint(R const& r, rules::in_context<L> const& c, V const& v) {
        if constexpr (std::is_same_v<std::remove_cvref_t<V>, std::string>) {
            if (context_set(*(opt_.ctx->*L)).contains(v)) return;
            std::string act = json_quoted(v);
            add(path_.str(), r, message_of(r, v, act, act + " is not " + describe(c)), describe(c), act);
        }
    }
    /// The context list as a hash set, built once per check: membership is constant time, so
    /// each{in_context<...>} is linear in the items and the list.
    std::unordered_set<std::string_view> const& context_set(std::vector<std::string> const& list) {
        auto [it, fresh] = context_sets_.try_emplace(&list);
        if (fresh) it->second.insert(list.begin(), list.end());
        return it->second;
    }

    template <class R, auto F, class V>
    void constraint(R const& r, rules::unique_by<F> const& c, V const& v) {
        using U = std::remove_cvref_t<V>;
        if constexpr (is_vector<U>::value) {
            // One pass with a hash map of first occurrences: linear in the items.
            using K = std::remove_cvref_t<decltype(v[0].*F)>;
            using Key = std::conditional_t<std::is_same_v<K, std::string>, std::string_view, K>;
            std::unordered_map<Key, std::size_t> first;
            first.reserve(v.size());
            std::string const wire(wire_name<F>());
            for (std::size_t i = 0; i < v.size() && !sink_.stopped(); ++i) {
                auto [it, fresh] = first.emplace(Key(v[i].*F), i);
                if (fresh) continue;
                auto mark = push(i);
                auto inner = push(wire);
                std::string act;
                if constexpr (std::is_same_v<K, std::string>)
                    act = json_quoted(v[i].*F);
                else
                    act = actual_text(v[i].*F);
                add(path_.str(), r,
                    r.message.empty() ? wire + " " + act + " appears more than once (first at index " +
                                            std::to_string(it->second) + ")"
                                      : std::string(r.message),
                    describe(c), act);
                pop(inner);
                pop(mark);
            }
        }
    }

    // ---- cross-member rules ----
    template <class T, auto... Ms>
    void apply(T const& obj, rules::mutually_exclusive<Ms...> const& r) {
        if (!applies(r)) return;
        std::vector<std::string_view> present;
        ((is_present(obj.*Ms) ? present.push_back(wire_name<Ms>()) : void()), ...);
        if (present.size() < 2) return;
        std::string names = join(present);
        add(path_.str(json_pointer(present[1])), r, names + " are mutually exclusive", "at most one of " + all_names<Ms...>(),
            names);
    }

    template <class T, auto A, auto B>
    void apply(T const& obj, rules::requires_member<A, B> const& r) {
        if (!applies(r)) return;
        if (is_present(obj.*A) && !is_present(obj.*B))
            add(path_.str(json_pointer(wire_name<A>())), r,
                std::string(wire_name<A>()) + " requires " + std::string(wire_name<B>()),
                std::string(wire_name<B>()) + " present", std::string(wire_name<B>()) + " absent");
    }

    template <class T, auto... Ms>
    void apply(T const& obj, rules::exactly_one_of<Ms...> const& r) {
        if (!applies(r)) return;
        std::vector<std::string_view> present;
        ((is_present(obj.*Ms) ? present.push_back(wire_name<Ms>()) : void()), ...);
        if (present.size() == 1) return;
        add(path_.str(), r, "exactly one of " + all_names<Ms...>() + " is required, got " + std::to_string(present.size()),
            "exactly one of " + all_names<Ms...>(), present.empty() ? std::string("none") : join(present));
    }

    template <class T, auto A, auto B>
    void apply(T const& obj, rules::ordered<A, B> const& r) {
        if (!applies(r)) return;
        std::optional<double> a, b;
        if_present(obj.*A, [&](auto const& x) { a = numeric_value(x); });
        if_present(obj.*B, [&](auto const& x) { b = numeric_value(x); });
        if (!a || !b || !(*a > *b)) return;
        std::string an(wire_name<A>()), bn(wire_name<B>());
        std::string at = python_number_text(*a), bt = python_number_text(*b);
        add(path_.str(json_pointer(an)), r, an + " " + at + " is above " + bn + " " + bt + std::string(r.consequence),
            an + " <= " + bn, at);
    }

    template <class T, auto At, class P, class G>
    void apply(T const& obj, rules::requirement<At, P, G> const& r) {
        if (!applies(r)) return;
        needs const n = rules::condition_needs(r.condition) | rules::condition_needs(r.guard);
        if (n != needs::nothing && skipped(r, n, {})) return;
        if (!holds(r.guard, obj, opt_.ctx) || holds(r.condition, obj, opt_.ctx)) return;
        std::string ptr = path_.str();
        std::string msg(r.message);
        if constexpr (At != nullptr) {
            ptr += json_pointer(wire_name<At>());
            msg = fill_placeholder(std::move(msg), "{member}", wire_name<At>());
        }
        if (auto f = condition_fact(r.condition, opt_.ctx)) msg = fill_placeholder(std::move(msg), "{fact}", *f);
        add(std::move(ptr), r, std::move(msg),
            r.expected.empty() ? std::optional<std::string>() : std::optional<std::string>(std::string(r.expected)),
            condition_actual(r.condition, obj, opt_.ctx));
    }

    template <class T, auto Old, auto New>
    void apply(T const& obj, rules::deprecated<Old, New> const& r) {
        if (!applies(r) || !is_present(obj.*Old)) return;
        std::string o(wire_name<Old>()), n(wire_name<New>());
        add(path_.str(json_pointer(o)), r,
            o + " is the deprecated name of " + n + (is_present(obj.*New) ? "; " + n + " is given too and wins" : ""), {},
            {});
    }

    template <class T>
    void apply(T const& obj, rules::custom<T> const& r) {
        if (!applies(r) || !r.fn) return;
        if (r.needs != needs::nothing && skipped(r, r.needs, r.request)) return;
        reporter rp(path_, r.id, r.severity, opt_.ctx, sink_, opt_.request);
        r.fn(obj, rp);
    }

    /// True (and the rule listed in check_report::skipped, once) when the context lacks a fact
    /// the rule needs, or holds a request of another type than the rule reads.
    bool skipped(rules::rule_base const& r, needs n, rules::request_types const& req) {
        // The context and the request do not change during a check: whether a set of facts is
        // there (and the request is of an accepted type) is worked out once per pair, not once
        // per rule per object.
        facts_met found{n, req.accepts, false, false};
        auto const memo = std::find_if(facts_memo_.begin(), facts_memo_.end(),
                                       [&](facts_met const& m) { return m.n == n && m.accepts == req.accepts; });
        if (memo != facts_memo_.end()) {
            found = *memo;
        } else {
            bool const have = has_facts(n, opt_.ctx, opt_.request);
            found.other_request = have && any_of(n, needs::request) && req.accepts && !req.accepts(opt_.request);
            found.met = have && !found.other_request;
            if (facts_memo_.size() < 16) facts_memo_.push_back(found);
        }
        if (found.met) return false;
        bool const other_request = found.other_request;
        // Listed once per rule id; the text is made only then. A rule's id is static text, so
        // one already listed is mostly found by the address of its text, without a compare.
        auto same_text = [&](std::string_view s) { return s.data() == r.id.data() && s.size() == r.id.size(); };
        if (std::any_of(skipped_ids_.begin(), skipped_ids_.end(), same_text)) return true;
        skipped_ids_.push_back(r.id);
        if (std::any_of(rep_.skipped.begin(), rep_.skipped.end(), [&](skipped_rule const& s) { return s.rule == r.id; }))
            return true;
        rep_.skipped.push_back({std::string(r.id), other_request ? "a request of type " + std::string(req.names) +
                                                                       " (the context holds another type)"
                                                                 : missing_facts(n, opt_.ctx, opt_.request)});
        return true;
    }

    template <auto... Ms>
    static std::string all_names() {
        return join(std::vector<std::string_view>{wire_name<Ms>()...});
    }
    static std::string join(std::vector<std::string_view> const& v) {
        std::string s;
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (i) s += i + 1 == v.size() ? " and " : ", ";
            s += v[i];
        }
        return s;
    }
    std::size_t push(std::string_view k) { return path_.push(k); }
    std::size_t push(std::size_t i) { return path_.push(i); }
    void pop(std::size_t m) { path_.pop(m); }

    check_options const& opt_;
    check_report& rep_;
    struct facts_met {
        needs n;
        bool (*accepts)(request_ref const&);
        bool met;            // the facts are there, and the request is of an accepted type
        bool other_request;  // the context holds a request of another type
    };
    std::vector<facts_met> facts_memo_;  // what was found of each (facts, request types) pair
    std::vector<std::string_view> skipped_ids_;  // the id texts of the rules skipped so far
    diagnostic_sink sink_;
    /// Where the walk is; its text is made only for a diagnostic.
    pointer_path path_;
    std::unordered_map<void const*, std::unordered_set<std::string_view>> context_sets_;
    std::vector<bool> emitted_;  // which read_failures were reported
};

}  // namespace detail

/// Checks the declared rules of `v` and of every object inside it, up to opt.level. T is
/// `checkable`: a described struct (BOOST_DESCRIBE_STRUCT), or an optional, vector, array,
/// variant or object_map of them; anything else (a string, a drx::result) does not compile,
/// and the compiler names the unmet concept drx::checkable.
template <checkable T>
check_report check(T const& v, check_options const& opt = {}) {
    check_report rep;
    detail::checker c(opt, rep);
    c.visit(v);
    c.finish();
    return rep;
}

namespace detail {

template <class... L>
struct type_set_union;
template <>
struct type_set_union<> {
    using type = std::tuple<>;
};
template <class... A>
struct type_set_union<std::tuple<A...>> {
    using type = std::tuple<A...>;
};
template <class... A, class... B, class... Rest>
struct type_set_union<std::tuple<A...>, std::tuple<B...>, Rest...>
    : type_set_union<boost::mp11::mp_unique<std::tuple<A..., B...>>, Rest...> {};

template <class T>
struct requests_of;
template <class T>
using requests_of_t = typename requests_of<std::remove_cvref_t<T>>::type;

/// The request types T's own rules read (drx_request_types of T, when declared).
template <class T>
struct own_requests {
    using type = std::tuple<>;
};
template <class T>
    requires requires { typename decltype(drx_request_types(static_cast<T const*>(nullptr)))::types; }
struct own_requests<T> {
    using type = typename decltype(drx_request_types(static_cast<T const*>(nullptr)))::types;
};

template <class T>
struct requests_of {
    using type = std::tuple<>;
};
template <class T>
    requires described_struct<T>
struct requests_of<T> {
    template <class D>
    using member_requests = requests_of_t<decltype(std::declval<T&>().*D::pointer)>;
    using type = typename boost::mp11::mp_apply<
        type_set_union,
        boost::mp11::mp_push_front<boost::mp11::mp_transform<member_requests, boost::mp11::mp_rename<members_of<T>, std::tuple>>,
                                   typename own_requests<T>::type>>::type;
};
template <class T>
struct requests_of<std::optional<T>> : requests_of<T> {};
template <class T>
struct requests_of<nullable<T>> : requests_of<T> {};
template <class T, class A>
struct requests_of<std::vector<T, A>> : requests_of<T> {};
template <class T, std::size_t N>
struct requests_of<std::array<T, N>> : requests_of<T> {};
template <class T>
struct requests_of<object_map<T>> : requests_of<T> {};
template <class... T>
struct requests_of<std::variant<T...>> : type_set_union<requests_of_t<T>...> {};

template <class R, class List>
struct accepts_request : boost::mp11::mp_contains<List, R> {};
template <class... A, class List>
struct accepts_request<std::variant<A...>, List> : std::bool_constant<(boost::mp11::mp_contains<List, A>::value && ...)> {};

}  // namespace detail

/// The request types the rules of T (and of the objects inside it) compare with, as a
/// std::tuple of types: std::tuple<deployment_predictions_query> for a deployment response.
template <class T>
using request_types_of = detail::requests_of_t<T>;

/// Checks `v` against the request that produced it (and opt's context for the other facts).
/// R must be a request type of T's rules (drx::request_types_of<T>), or a std::variant of
/// them; another type does not compile.
template <checkable T, class R>
check_report check(T const& v, check_options opt, R const& request) {
    static_assert(std::tuple_size_v<request_types_of<T>> != 0,
                  "drx::check: no rule of this type compares with a request; call check(obj, options)");
    static_assert(detail::accepts_request<R, request_types_of<T>>::value,
                  "drx::check: the rules of this type compare with another request type (see "
                  "drx::request_types_of<T>)");
    opt.request = request_ref::of(request);
    return check(v, opt);
}

/// A result is not checked as such: check its value (r.value(), or *r.unchecked()).
template <class T>
check_report check(result<T> const&, check_options const& = {}) = delete;

}  // namespace drx
