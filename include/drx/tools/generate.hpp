// SPDX-License-Identifier: BSL-1.0
// drx: generating instances from the declarations, for fuzzing and contract tests.
//
//     drx::seeded_entropy e(42);
//     drx::generator g(e);
//     drx::result<drx::cluster_list> v = drx::generate_valid<drx::cluster_list>(g);   // passes check()
//     std::vector<drx::labelled_case> bad = drx::near_misses<drx::cluster_list>(g, 10);
//     std::vector<drx::labelled_case> edges = drx::boundary_cases<drx::cluster_list>(g);
//
// Everything is derived from the declarations: the member types give the shape, the member
// rules (range, size_in, non_empty, unique_items, one_of, each) bound the values, and the other
// rules repair each object after its members are made: cross-member rules (mutually_exclusive,
// exactly_one_of, requires_member, ordered, deprecated), conditional rules (`.when`, require),
// the constraints no value bound expresses (int_or_literal, format, equals_fact, ascending_by,
// decimal_at_most, forbidden, none_of), and custom rules through the repair they carry
// (rules::custom::repair). Their near misses come from the same declarations (custom rules:
// rules::custom::near_misses). A repair that spans several rules of an object is a hook found
// by argument-dependent lookup (a template, so that declaring it needs no generator header),
//     template <class G> void drx_fixup(T& obj, G& g);        // G is drx::generator
// called after each T is generated (the conditional rules then run once more);
// generate_valid() verifies with check() and retries. Likewise a near-miss hook,
//     template <class G, class Sites> void drx_custom_sites(T& obj, G& g, Sites& out);
// (Sites is std::vector<drx::mutation_site>), which boundary_cases() and near_misses() use as
// they use the declared rules.
//
// Entropy comes from a seeded PRNG (deterministic: the same seed gives the same instances) or
// from fuzzer bytes (byte_entropy: a libFuzzer input becomes a structured instance).
#pragma once

#include <algorithm>
#include <cmath>
#include <concepts>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <boost/describe/enumerators.hpp>
#include <boost/mp11/algorithm.hpp>

#include <drx/check.hpp>
#include <drx/fwd.hpp>
#include <drx/read.hpp>
#include <drx/rules.hpp>
#include <drx/write.hpp>

namespace drx {

/// Deterministic entropy from a seed (std::mt19937_64).
class seeded_entropy final : public entropy {
public:
    explicit seeded_entropy(std::uint64_t seed) : rng_(seed) {}
    std::uint64_t next() override { return rng_(); }

private:
    std::mt19937_64 rng_;
};

/// Entropy read from bytes, for libFuzzer harnesses (in the spirit of FuzzedDataProvider):
/// each call consumes up to 8 bytes; once the bytes run out it returns zeros, which steer every
/// choice to its smallest option, so any input yields a finite instance.
class byte_entropy final : public entropy {
public:
    byte_entropy(std::uint8_t const* data, std::size_t size) : p_(data), end_(data + size) {}
    std::uint64_t next() override {
        std::uint64_t v = 0;
        for (int i = 0; i < 8 && p_ != end_; ++i) v = (v << 8) | *p_++;
        return v;
    }
    /// True once every byte has been used.
    bool exhausted() const noexcept { return p_ == end_; }

private:
    std::uint8_t const* p_;
    std::uint8_t const* end_;
};

/// Knobs of the generators.
struct generate_options {
    /// Probability that an optional member is present.
    double optional_presence = 0.7;
    /// Probability that a nullable value is null.
    double null_probability = 0.15;
    /// Most items of an array or object that has no size rule.
    std::size_t max_items = 4;
    /// Longest string without a size rule, in code points.
    std::size_t max_string = 12;
    /// Nesting of json_value members.
    std::size_t max_depth = 3;
    /// Facts for custom rules and fixups (a valid instance is valid against this context).
    context const* ctx = nullptr;
    /// How many times generate_valid() tries before giving up.
    std::size_t attempts = 64;
};

// ---- value specs: what the member rules allow -------------------------------------------------

namespace detail {

/// The bounds member rules put on one value (and, through each{}, on its items).
struct value_spec {
    std::optional<double> lo, hi;
    std::size_t min_size = 0;
    std::optional<std::size_t> max_size;
    bool unique = false;
    std::vector<std::string_view> choices;
    std::shared_ptr<value_spec> item;

    value_spec& items() {
        if (!item) item = std::make_shared<value_spec>();
        return *item;
    }
};

inline void add_constraint(value_spec& s, rules::range const& c) {
    s.lo = s.lo ? std::max(*s.lo, c.min) : c.min;
    s.hi = s.hi ? std::min(*s.hi, c.max) : c.max;
}
inline void add_constraint(value_spec& s, rules::size_in const& c) {
    s.min_size = std::max(s.min_size, c.min);
    s.max_size = s.max_size ? std::min(*s.max_size, c.max) : c.max;
}
inline void add_constraint(value_spec& s, rules::non_empty const&) { s.min_size = std::max<std::size_t>(s.min_size, 1); }
inline void add_constraint(value_spec& s, rules::unique_items const&) { s.unique = true; }
inline void add_constraint(value_spec&, rules::finite_number const&) {}  // generators never make NaN
template <auto F>
void add_constraint(value_spec&, rules::unique_by<F> const&) {}  // distinct values: the object's repair hook
template <auto L>
void add_constraint(value_spec&, rules::in_context<L> const&) {}  // values of the context: the repair hook
template <auto F, class C>
void add_constraint(value_spec&, rules::field<F, C> const&) {}  // the item's own spec applies
template <std::size_t N>
void add_constraint(value_spec& s, rules::one_of<N> const& c) {
    s.choices.assign(c.values.begin(), c.values.end());
}
// Constraints that bound no value spec: generator::cross repairs them after the object is made.
inline void add_constraint(value_spec&, rules::forbidden const&) {}
inline void add_constraint(value_spec&, rules::wrong_type const&) {}
inline void add_constraint(value_spec&, rules::int_or_literal const&) {}
inline void add_constraint(value_spec&, rules::format const&) {}
inline void add_constraint(value_spec&, rules::decimal_at_most const&) {}
template <std::size_t N>
void add_constraint(value_spec&, rules::none_of<N> const&) {}
template <auto L>
void add_constraint(value_spec&, rules::equals_fact<L> const&) {}
template <auto F>
void add_constraint(value_spec&, rules::ascending_by<F> const&) {}
template <class C>
void add_constraint(value_spec& s, rules::each<C> const& c) {
    add_constraint(s.items(), c.inner);
}

template <class C>
struct is_none_of : std::false_type {};
template <std::size_t N>
struct is_none_of<rules::none_of<N>> : std::true_type {};

template <class R>
struct is_conditional_rule : std::false_type {};
template <auto M, class C, class G>
struct is_conditional_rule<rules::member_rule<M, C, G>> : std::bool_constant<!std::is_same_v<G, rules::always>> {};
template <auto At, class P, class G>
struct is_conditional_rule<rules::requirement<At, P, G>> : std::true_type {};

template <class R>
struct is_member_rule : std::false_type {};
template <auto M, class C, class G>
struct is_member_rule<rules::member_rule<M, C, G>> : std::true_type {};

/// The spec of member pointer M of T, from T's member rules.
template <class T, auto M>
value_spec member_spec() {
    value_spec s;
    for_each_rule<T>([&](auto const& r) {
        using R = std::remove_cvref_t<decltype(r)>;
        if constexpr (is_member_rule<R>::value) {
            if constexpr (std::is_same_v<std::remove_cv_t<decltype(R::pointer)>, decltype(M)>) {
                // A guarded rule bounds the member only when its condition holds: the object's
                // repair (generator::cross) applies it after the members are generated.
                if constexpr (std::is_same_v<std::remove_cvref_t<decltype(r.guard)>, rules::always>)
                    if (R::pointer == M) add_constraint(s, r.constraint);
            }
        }
    });
    return s;
}

}  // namespace detail

class generator;

namespace detail {

/// True when T has a repair hook `void drx_fixup(T&, drx::generator&)`, found by
/// argument-dependent lookup (declare it in T's namespace, next to T).
template <class T>
concept has_fixup = requires(T& obj, generator& g) { drx_fixup(obj, g); };

}  // namespace detail

// ---- the generator ----------------------------------------------------------------------------

/// Generates values of described types, honouring the declared rules.
class generator {
public:
    explicit generator(entropy& e, generate_options opt = {}) : e_(e), opt_(std::move(opt)) {}

    entropy& source() noexcept { return e_; }
    generate_options const& options() const noexcept { return opt_; }

    /// A value of V within `spec` (member rules); objects get their own rules and fixups.
    template <class V>
    V make(detail::value_spec const& spec = {}) {
        V v{};
        fill(v, spec);
        return v;
    }

    /// Replaces v with a freshly generated value within `spec`.
    template <class V>
    void fill(V& v, detail::value_spec const& spec = {}) {
        using U = std::remove_cvref_t<V>;
        using namespace detail;
        if constexpr (is_optional<U>::value) {
            v.emplace();
            fill(*v, spec);
        } else if constexpr (is_nullable<U>::value) {
            if (e_.chance(opt_.null_probability)) {
                v.reset();
            } else {
                v.emplace();
                fill(*v, spec);
            }
        } else if constexpr (std::is_same_v<U, bool>) {
            v = e_.chance(0.5);
        } else if constexpr (integer_type<U>) {
            v = integer<U>(spec);
        } else if constexpr (float_type<U>) {
            v = static_cast<U>(floating(spec));
        } else if constexpr (std::is_same_v<U, number>) {
            if (integral_bounds(spec) && e_.chance(0.5))
                v = number(integer<std::int64_t>(spec));
            else
                v = number(floating(spec));
        } else if constexpr (std::is_same_v<U, scalar>) {
            v = make_scalar(spec);
        } else if constexpr (std::is_same_v<U, std::string>) {
            v = string(spec);
        } else if constexpr (described_enum<U>) {
            std::vector<U> all;
            boost::mp11::mp_for_each<boost::describe::describe_enumerators<U>>([&](auto d) { all.push_back(d.value); });
            v = all[e_.below(all.size())];
        } else if constexpr (is_vector<U>::value) {
            using E = typename U::value_type;
            v.clear();
            std::size_t n = count(spec);
            static value_spec const none;
            value_spec const& is = spec.item ? *spec.item : none;
            for (std::size_t i = 0; i < n; ++i) {
                E x = make<E>(is);
                if constexpr (comparable_v<E>) {
                    if (spec.unique) {
                        bool dup = std::find(v.begin(), v.end(), x) != v.end();
                        for (std::size_t tries = 0; dup && tries < 8; ++tries) {
                            x = make<E>(is);
                            dup = std::find(v.begin(), v.end(), x) != v.end();
                        }
                        if (dup) break;  // a small domain: stop short (size rules are then checked)
                    }
                }
                v.push_back(std::move(x));
            }
        } else if constexpr (is_std_array<U>::value) {
            static value_spec const none;
            for (auto& x : v) fill(x, spec.item ? *spec.item : none);
        } else if constexpr (is_object_map<U>::value) {
            v = U{};
            std::size_t n = count(spec);
            static value_spec const none;
            for (std::size_t i = 0; i < n; ++i) {
                std::string k = string({}) + "_" + std::to_string(i);  // distinct keys
                v.append(std::move(k), make<typename U::value_type::second_type>(spec.item ? *spec.item : none));
            }
        } else if constexpr (is_variant<U>::value) {
            variant(v);
        } else if constexpr (std::is_same_v<U, json_value>) {
            v.value = json(0);
        } else if constexpr (described_struct<U>) {
            object(v);
        } else {
            static_assert(sizeof(U) == 0, "drx cannot generate this type");
        }
    }

    /// A random string within `spec` (choices, size), mixing ASCII, escapes and non-ASCII.
    std::string string(detail::value_spec const& spec) {
        if (!spec.choices.empty()) return std::string(spec.choices[e_.below(spec.choices.size())]);
        std::size_t lo = spec.min_size;
        std::size_t hi = spec.max_size ? std::min(*spec.max_size, lo + opt_.max_string) : lo + opt_.max_string;
        std::size_t n = static_cast<std::size_t>(e_.between(static_cast<std::int64_t>(lo), static_cast<std::int64_t>(hi)));
        static constexpr std::string_view pieces[] = {"a", "b", "Z", "0", "7", " ", "_", "-", "\"", "\\", "/",
                                                      "\n", "\t", "\x01", "\xc3\xa9", "\xe2\x82\xac",
                                                      "\xe2\x80\xa8", "\xf0\x9f\x98\x80", "Cluster", "x"};
        std::string s;
        for (std::size_t i = 0; i < n; ++i) {
            // Mostly plain letters, sometimes anything.
            s += e_.chance(0.7) ? pieces[e_.below(4)] : pieces[e_.below(std::size(pieces))];
        }
        return s;
    }

private:
    static bool integral_bounds(detail::value_spec const& s) {
        return (!s.lo || std::trunc(*s.lo) == *s.lo) && (!s.hi || std::trunc(*s.hi) == *s.hi);
    }

    template <class I>
    I integer(detail::value_spec const& s) {
        using L = std::numeric_limits<I>;
        double lo = s.lo ? std::ceil(*s.lo) : 0;
        double hi = s.hi ? std::floor(*s.hi) : lo + 1000;
        lo = std::max(lo, static_cast<double>(L::min()));
        hi = std::min(hi, static_cast<double>(L::max()) / 2);  // stays clear of the type's edge
        if (hi < lo) hi = lo;
        return static_cast<I>(e_.between(static_cast<std::int64_t>(lo), static_cast<std::int64_t>(hi)));
    }

    double floating(detail::value_spec const& s) {
        if (s.lo || s.hi) {
            double lo = s.lo ? *s.lo : *s.hi - 1000;
            double hi = s.hi ? *s.hi : *s.lo + 1000;
            switch (e_.below(6)) {
                case 0: return lo;
                case 1: return hi;
                default: return lo + (hi - lo) * e_.unit();
            }
        }
        switch (e_.below(6)) {
            case 0: return 0.0;
            case 1: return static_cast<double>(e_.between(-1000, 1000));
            case 2: return (e_.unit() - 0.5) * std::pow(10.0, static_cast<double>(e_.between(-20, 20)));
            default: return e_.unit();
        }
    }

    scalar make_scalar(detail::value_spec const& s) {
        if (!s.choices.empty() || s.min_size > 0) return scalar(string(s));
        if (s.lo || s.hi) return e_.chance(0.5) ? scalar(integer<std::int64_t>(s)) : scalar(floating(s));
        switch (e_.below(5)) {
            case 0: return scalar(null);
            case 1: return scalar(e_.chance(0.5));
            case 2: return scalar(static_cast<std::int64_t>(e_.between(-100000, 100000)));
            case 3: return scalar(floating(s));
            default: return scalar(string(s));
        }
    }

    std::size_t count(detail::value_spec const& s) {
        std::size_t lo = s.min_size;
        std::size_t hi = s.max_size ? std::min(*s.max_size, lo + opt_.max_items) : lo + opt_.max_items;
        return static_cast<std::size_t>(e_.between(static_cast<std::int64_t>(lo), static_cast<std::int64_t>(hi)));
    }

    template <class... A>
    void variant(std::variant<A...>& v) {
        std::size_t pick = e_.below(sizeof...(A));
        boost::mp11::mp_for_each<boost::mp11::mp_iota_c<sizeof...(A)>>([&](auto I) {
            if (I == pick) v.template emplace<I>(make<std::variant_alternative_t<I, std::variant<A...>>>());
        });
    }

    boost::json::value json(std::size_t depth) {
        switch (e_.below(depth >= opt_.max_depth ? 5 : 7)) {
            case 0: return nullptr;
            case 1: return e_.chance(0.5);
            case 2: return static_cast<std::int64_t>(e_.between(-1000, 1000));
            case 3: return floating({});
            case 4: return boost::json::value(string({}));
            case 5: {
                boost::json::array a;
                for (std::size_t n = e_.below(4); n > 0; --n) a.push_back(json(depth + 1));
                return a;
            }
            default: {
                boost::json::object o;
                for (std::size_t n = e_.below(4); n > 0; --n) o[string({}) + std::to_string(n)] = json(depth + 1);
                return o;
            }
        }
    }

    template <class T>
    void object(T& obj) {
        boost::mp11::mp_for_each<detail::members_of<T>>([&](auto d) {
            using D = decltype(d);
            auto& m = obj.*D::pointer;
            using M = std::remove_cvref_t<decltype(m)>;
            detail::value_spec spec = detail::member_spec<T, D::pointer>();
            if constexpr (detail::is_optional<M>::value) {
                if (!e_.chance(opt_.optional_presence)) {
                    m.reset();
                    return;
                }
            }
            fill(m, spec);
        });
        for_each_rule<T>([&](auto const& r) { cross(obj, r); });
        if constexpr (detail::has_fixup<T>) drx_fixup(obj, *this);
        // Conditional rules once more: a later repair may have made an earlier condition hold
        // (a cluster list turns unsupervised mode on, which forbids a target). These repairs
        // draw no entropy, so the second pass changes nothing that already holds.
        for_each_rule<T>([&](auto const& r) {
            if constexpr (detail::is_conditional_rule<std::remove_cvref_t<decltype(r)>>::value) cross(obj, r);
        });
    }

    // Cross-member rules, enforced after the members are generated.
    template <class T, class R>
    void cross(T&, R const&) {}

    template <class T, auto... Ms>
    void cross(T& obj, rules::mutually_exclusive<Ms...> const&) {
        std::size_t keep = e_.below(sizeof...(Ms) + 1);  // sizeof...(Ms): keep none
        std::size_t i = 0;
        ((i++ != keep ? clear<T, Ms>(obj) : void()), ...);
    }
    template <class T, auto... Ms>
    void cross(T& obj, rules::exactly_one_of<Ms...> const&) {
        std::size_t keep = e_.below(sizeof...(Ms));
        std::size_t i = 0;
        ((i++ != keep ? clear<T, Ms>(obj) : ensure<T, Ms>(obj)), ...);
    }
    template <class T, auto A, auto B>
    void cross(T& obj, rules::requires_member<A, B> const&) {
        if (detail::is_present(obj.*A)) ensure<T, B>(obj);
    }
    template <class T, auto A, auto B>
    void cross(T& obj, rules::ordered<A, B> const&) {
        // Out of order: the two values trade places (members of one type) or A takes B's.
        auto* a = detail::value_if_present(obj.*A);
        auto* b = detail::value_if_present(obj.*B);
        if (!a || !b) return;
        auto x = detail::numeric_value(*a), y = detail::numeric_value(*b);
        if (!x || !y || !(*x > *y)) return;
        if constexpr (std::is_same_v<std::remove_cvref_t<decltype(*a)>, std::remove_cvref_t<decltype(*b)>>)
            std::swap(*a, *b);
        else
            detail::assign_number(*a, *y);
    }

    // Member rules whose constraint no value spec expresses, or that hold under a condition:
    // the member is repaired, or dropped when it is optional.
    template <class T, auto M, class C, class G>
    void cross(T& obj, rules::member_rule<M, C, G> const& r) {
        if (!detail::holds(r.guard, obj, opt_.ctx)) return;
        auto* v = detail::value_if_present(obj.*M);
        if (!v || repair(*v, r.constraint)) return;
        constexpr bool guarded = !std::is_same_v<G, rules::always>;
        constexpr bool drop_only = std::is_same_v<C, rules::forbidden> || detail::is_none_of<C>::value;
        if constexpr (guarded || drop_only) {
            if constexpr (!std::is_same_v<decltype(passes(*v, r.constraint)), std::nullptr_t>)
                if (!passes(*v, r.constraint)) clear<T, M>(obj);
        }
    }
    template <class T, auto At, class P, class G>
    void cross(T& obj, rules::requirement<At, P, G> const& r) {
        if (!detail::holds(r.guard, obj, opt_.ctx) || detail::holds(r.condition, obj, opt_.ctx)) return;
        satisfy(obj, r.condition);
        if constexpr (At != nullptr)
            if (!detail::holds(r.condition, obj, opt_.ctx)) clear<T, At>(obj);
    }
    template <class T, auto Old, auto New>
    void cross(T& obj, rules::deprecated<Old, New> const&) {
        if (!detail::is_present(obj.*Old)) return;
        if (!detail::is_present(obj.*New)) obj.*New = obj.*Old;
        clear<T, Old>(obj);
    }
    template <class T>
    void cross(T& obj, rules::custom<T> const& r) {
        if (r.repair) r.repair(obj, e_, opt_.ctx);
    }

    // repair(v, c): makes v satisfy c in place where that has one obvious answer; true when v
    // now satisfies it. passes(v, c): whether v satisfies c (nullptr: the spec took care of it).
    template <class V, class C>
    bool repair(V&, C const&) {
        return false;
    }
    template <class V>
    bool repair(V& v, rules::int_or_literal const& c) {
        if constexpr (std::is_same_v<V, scalar>) {
            if (detail::int_or_literal_failure(c, v) == 0) return true;
            auto lo = static_cast<std::int64_t>(c.min.value_or(0));
            v = scalar(lo + static_cast<std::int64_t>(e_.below(10)));
            return true;
        }
        return false;
    }
    template <class V>
    bool repair(V& v, rules::format const& c) {
        if constexpr (std::is_same_v<V, std::string>) {
            if (!c.test || c.test(v)) return true;
            v = std::string(c.example);
            return true;
        }
        return false;
    }
    template <class V>
    bool repair(V& v, rules::decimal_at_most const& c) {
        if constexpr (std::is_same_v<V, std::string>) {
            if (!detail::test(c, v)) v = std::to_string(std::min<std::uint64_t>(c.max, v.size()));
            return true;
        }
        return false;
    }
    template <class V, auto L>
    bool repair(V& v, rules::equals_fact<L> const&) {
        if constexpr (std::is_same_v<V, std::string>) {
            if (!opt_.ctx || !(opt_.ctx->*L)) return true;
            using E = std::remove_cvref_t<decltype(*(opt_.ctx->*L))>;
            E parsed{};
            if (enum_from_wire<E>(v, parsed)) v = std::string(enum_wire_name(*(opt_.ctx->*L)));
            return true;
        }
        return false;
    }
    template <class V, auto F>
    bool repair(V& v, rules::ascending_by<F> const& c) {
        if constexpr (detail::is_vector<V>::value) {
            for (std::size_t i = 0; i < v.size(); ++i) {
                auto& id = v[i].*F;
                auto prev = i ? static_cast<std::int64_t>(v[i - 1].*F) : c.min - 1;
                if (id <= prev || id < c.min) id = static_cast<std::remove_cvref_t<decltype(id)>>(prev + 1);
            }
            return true;
        }
        return false;
    }
    template <class V, class C>
    std::nullptr_t passes(V const&, C const&) {
        return nullptr;
    }
    template <class V>
    bool passes(V const&, rules::forbidden const&) {
        return false;
    }
    template <class V, std::size_t N>
    bool passes(V const& v, rules::none_of<N> const& c) {
        return detail::test(c, v);
    }
    template <class V, std::size_t N>
    bool passes(V const& v, rules::one_of<N> const& c) {
        if constexpr (detail::described_enum<V>) {
            for (auto x : c.values)
                if (enum_wire_name(v) == x) return true;
            return false;
        } else {
            return detail::test(c, v);
        }
    }
    template <class V, auto L>
    bool passes(V const& v, rules::in_context<L> const&) {
        if constexpr (std::is_same_v<V, std::string>) {
            if (!opt_.ctx || !(opt_.ctx->*L)) return true;
            auto const& list = *(opt_.ctx->*L);
            return std::find(list.begin(), list.end(), v) != list.end();
        }
        return true;
    }
    template <class V, class C>
    bool passes(V const& v, rules::each<C> const& c) {
        if constexpr (detail::is_vector<V>::value) {
            for (auto const& e : v) {
                bool ok = true;
                detail::if_present(e, [&](auto const& x) {
                    if constexpr (!std::is_same_v<decltype(passes(x, c.inner)), std::nullptr_t>) ok = passes(x, c.inner);
                });
                if (!ok) return false;
            }
        }
        return true;
    }

    // satisfy(obj, condition): makes the condition hold where members can (facts cannot).
    template <class T, class P>
    void satisfy(T&, P const&) {}
    template <class T, auto M>
    void satisfy(T& obj, rules::present<M> const&) {
        ensure<T, M>(obj);
    }
    template <class T, auto M>
    void satisfy(T& obj, rules::is_true<M> const&) {
        obj.*M = true;
    }
    template <class T, auto M>
    void satisfy(T& obj, rules::filled<M> const&) {
        auto* v = detail::value_if_present(obj.*M);
        std::string t;
        if (v)
            for (char c : *v)
                if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) t += c;
        obj.*M = t.empty() ? std::string("key") : t;
    }
    template <class T, auto M, class V, std::size_t N>
    void satisfy(T& obj, rules::equal_to_t<M, V, N> const& c) {
        using W = detail::unwrap_t<std::remove_cvref_t<decltype(obj.*M)>>;
        if constexpr (std::is_same_v<V, std::string_view> && detail::described_enum<W>) {
            W e{};
            if (enum_from_wire<W>(c.values[0], e)) obj.*M = e;  // a condition by wire name
        } else if constexpr (std::is_same_v<V, std::string_view>) {
            obj.*M = W(std::string(c.values[0]));
        } else {
            obj.*M = c.values[0];
        }
    }
    template <class T, class... P>
    void satisfy(T& obj, rules::all_t<P...> const& c) {
        std::apply([&](auto const&... p) { (satisfy(obj, p), ...); }, c.parts);
    }

    template <class T, auto M>
    void clear(T& obj) {
        if constexpr (detail::is_optional<std::remove_cvref_t<decltype(obj.*M)>>::value) (obj.*M).reset();
    }
    template <class T, auto M>
    void ensure(T& obj) {
        auto& m = obj.*M;
        if (detail::is_present(m)) return;
        using M_t = std::remove_cvref_t<decltype(m)>;
        if constexpr (detail::is_optional<M_t>::value) {
            m.emplace();
            fill(*m, detail::member_spec<T, M>());
            if constexpr (detail::is_nullable<typename M_t::value_type>::value) {
                if (!m->has_value()) {
                    m->emplace();
                    fill(**m, detail::member_spec<T, M>());
                }
            }
        }
    }

    entropy& e_;
    generate_options opt_;
};

/// A valid instance of T: generated, repaired by fixups, and verified with check() at every
/// level (rules and consistency, as `drx check` does by default) against the options' context,
/// with no diagnostic at all, warnings included; retried up to options().attempts times. Rules
/// whose context facts are missing are skipped, as check() skips them. Not ok (with the last
/// attempt's diagnostics) when no attempt passed.
template <class T>
result<T> generate_valid(generator& g) {
    std::vector<diagnostic> last;
    for (std::size_t i = 0; i < g.options().attempts; ++i) {
        T v = g.make<T>();
        check_report rep = check(v, {.level = level::consistency, .ctx = g.options().ctx});
        if (rep.ok() && rep.diagnostics.empty()) return {std::move(v), {}};
        last = std::move(rep.diagnostics);
    }
    return {std::nullopt, std::move(last)};
}

// ---- boundary and near-miss cases -------------------------------------------------------------

/// One generated case: the rule it is about, the pointer it targets, what it is, whether it
/// should pass, and the instance as compact JSON.
struct labelled_case {
    std::string rule;
    std::string pointer;
    /// "at min", "below min", "literal \"x\"", "two of a, b", "wrong type", ...
    std::string label;
    /// True when the instance satisfies the rule (an at-the-bound case).
    bool valid = false;
    std::string instance;
};


/// True when T has a near-miss hook for its custom rules, found by argument-dependent lookup
/// (declare it in T's namespace, next to T and its rules):
///
///     void drx_custom_sites(T& obj, drx::generator& g, std::vector<drx::mutation_site>& out);
///
/// It appends the ways to move `obj` across (or onto) the boundary of its custom rules, with
/// pointers relative to `obj`; the apply functions change `obj` in place. The declared member
/// and cross-member rules need no hook: their sites are read from the rules themselves.
/// boundary_cases() and near_misses() keep a site only when checking its result gives exactly
/// its label, so a hook may list sites that do not always apply.
template <class T>
concept has_custom_sites =
    requires(T& obj, generator& g, std::vector<mutation_site>& out) { drx_custom_sites(obj, g, out); };

namespace detail {

/// Calls f(obj) for every described struct inside v (v itself included), parents before
/// their members; while f runs, `ptr` is the object's RFC 6901 pointer in wire names.
template <class V, class F>
void for_each_object(V& v, std::string& ptr, F&& f) {
    using U = std::remove_cvref_t<V>;
    auto at = [&](std::string_view token, auto& child) {
        std::size_t mark = ptr.size();
        append_pointer_token(ptr, token);
        for_each_object(child, ptr, f);
        ptr.resize(mark);
    };
    if constexpr (is_optional<U>::value) {
        if (v) for_each_object(*v, ptr, f);
    } else if constexpr (is_nullable<U>::value) {
        if (v.has_value()) for_each_object(*v, ptr, f);
    } else if constexpr (is_vector<U>::value || is_std_array<U>::value) {
        for (std::size_t i = 0; i < v.size(); ++i) at(std::to_string(i), v[i]);
    } else if constexpr (is_object_map<U>::value) {
        for (auto& [k, x] : v) at(k, x);
    } else if constexpr (is_variant<U>::value) {
        std::visit([&](auto& x) { for_each_object(x, ptr, f); }, v);
    } else if constexpr (described_struct<U>) {
        f(v);
        boost::mp11::mp_for_each<members_of<U>>([&](auto d) {
            using D = decltype(d);
            at(wire_name_of<U, D>(), v.*D::pointer);
        });
    }
}

/// Walks an instance and lists the mutation sites of every rule of every object in it.
class site_collector {
public:
    site_collector(generator& g, std::vector<mutation_site>& out) : g_(g), out_(out) {}

    template <class V>
    void visit(V& v) {
        for_each_object(v, ptr_, [&](auto& obj) {
            using O = std::remove_cvref_t<decltype(obj)>;
            for_each_rule<O>([&](auto const& r) { sites(obj, r); });
            if constexpr (has_custom_sites<O>) {
                std::vector<mutation_site> own;
                drx_custom_sites(obj, g_, own);
                for (auto& s : own) {
                    s.pointer = ptr_ + s.pointer;
                    out_.push_back(std::move(s));
                }
            }
        });
    }

private:
    template <class T, class R>
    void sites(T&, R const&) {}  // custom rules: no generic sites

    template <class T, auto M, class C, class G>
    void sites(T& obj, rules::member_rule<M, C, G> const& r) {
        // A guarded rule is crossed where its condition holds already.
        if (!holds(r.guard, obj, g_.options().ctx)) return;
        auto mark = push(wire_name<M>());
        member_sites(obj.*M, r, r.constraint, member_spec<T, M>());
        pop(mark);
    }

    void add(rules::rule_base const& r, std::string label, bool valid, std::function<bool()> f, std::string ptr = {}) {
        out_.push_back({std::string(r.id), ptr.empty() ? ptr_ : ptr, std::move(label), valid, r.level, r.severity,
                        std::move(f)});
    }

    /// The value of a member when it is present (through optional and nullable), else nullptr.
    template <class M>
    static auto* existing(M& m) {
        return value_if_present(m);
    }

    /// The value of a member, made present (generated within its spec) when it is absent.
    template <class M>
    static auto* present(M& m, generator& g, value_spec const& spec) {
        if constexpr (is_optional<M>::value) {
            if (!m) {
                m.emplace();
                g.fill(*m, spec);
            }
            return present(*m, g, spec);
        } else if constexpr (is_nullable<M>::value) {
            if (!m.has_value()) {
                m.emplace();
                g.fill(*m, spec);
            }
            return present(*m, g, spec);
        } else {
            return &m;
        }
    }

    template <class M, class R>
    void member_sites(M& m, R const& r, rules::range const& c, value_spec const& spec) {
        using V = std::remove_pointer_t<decltype(present(m, g_, spec))>;
        if constexpr (integer_type<V> || float_type<V> || std::is_same_v<V, number> || std::is_same_v<V, scalar>) {
            auto set = [&m, this, spec](double x, bool as_int) {
                return [&m, g = &g_, spec, x, as_int]() {
                    auto* p = present(m, *g, spec);
                    using W = std::remove_pointer_t<decltype(p)>;
                    (void)as_int;  // used for number and scalar only
                    if constexpr (integer_type<W>) {
                        if (x < static_cast<double>(std::numeric_limits<W>::min()) ||
                            x > static_cast<double>(std::numeric_limits<W>::max()) || std::trunc(x) != x)
                            return false;
                        *p = static_cast<W>(x);
                    } else if constexpr (float_type<W>) {
                        *p = static_cast<W>(x);
                    } else {
                        *p = as_int ? W(static_cast<std::int64_t>(x)) : W(x);
                    }
                    return true;
                };
            };
            constexpr bool ints = integer_type<V>;
            bool int_bounds = std::trunc(c.min) == c.min && std::trunc(c.max) == c.max;
            add(r, "at min", true, set(c.min, int_bounds));
            add(r, "at max", true, set(c.max, int_bounds));
            if (ints || int_bounds) {
                add(r, "below min", false, set(c.min - 1, true));
                add(r, "above max", false, set(c.max + 1, true));
            }
            if (!ints) {
                add(r, "just below min", false, set(std::nextafter(c.min, -INFINITY), false));
                add(r, "just above max", false, set(std::nextafter(c.max, INFINITY), false));
            }
        }
    }

    template <class M, class R>
    void member_sites(M& m, R const& r, rules::size_in const& c, value_spec const& spec) {
        size_sites(m, r, c.min, c.max, spec);
    }
    template <class M, class R>
    void member_sites(M& m, R const& r, rules::non_empty const&, value_spec const& spec) {
        size_sites(m, r, 1, std::numeric_limits<std::size_t>::max(), spec);
    }

    template <class M, class R>
    void size_sites(M& m, R const& r, std::size_t lo, std::size_t hi, value_spec const& spec) {
        using V = std::remove_pointer_t<decltype(present(m, g_, spec))>;
        if constexpr (std::is_same_v<V, std::string> || is_vector<V>::value) {
            auto resize = [&m, this, spec](std::size_t n) {
                return [&m, g = &g_, spec, n]() {
                    auto* p = present(m, *g, spec);
                    using W = std::remove_pointer_t<decltype(p)>;
                    if (n > 1000) return false;
                    if constexpr (std::is_same_v<W, std::string>) {
                        // n code points; keep what fits, pad with letters.
                        std::string s;
                        std::size_t k = 0;
                        for (std::size_t i = 0; i < p->size() && k < n; ++i) {
                            if ((static_cast<unsigned char>((*p)[i]) & 0xC0) != 0x80) {
                                if (k == n) break;
                                ++k;
                            }
                            s += (*p)[i];
                        }
                        // drop a trailing partial sequence
                        while (!s.empty() && code_points(s) > n) s.pop_back();
                        while (code_points(s) < n) s += 'q';
                        *p = s;
                    } else {
                        static value_spec const none;
                        value_spec const& is = spec.item ? *spec.item : none;
                        if (p->size() > n) p->resize(n);
                        std::size_t guard = 0;
                        while (p->size() < n && guard++ < 64) {
                            auto x = g->make<typename W::value_type>(is);
                            if constexpr (comparable_v<typename W::value_type>)
                                if (spec.unique && std::find(p->begin(), p->end(), x) != p->end()) continue;
                            p->push_back(std::move(x));
                        }
                        if (p->size() != n) return false;
                    }
                    return true;
                };
            };
            add(r, "at min size", true, resize(lo));
            if (hi <= 1000) add(r, "at max size", true, resize(hi));
            if (lo > 0) add(r, "below min size", false, resize(lo - 1));
            if (hi < 1000) add(r, "above max size", false, resize(hi + 1));
        }
    }

    template <class M, class R>
    void member_sites(M& m, R const& r, rules::unique_items const&, value_spec const& spec) {
        using V = std::remove_pointer_t<decltype(present(m, g_, spec))>;
        if constexpr (is_vector<V>::value) {
            add(r, "duplicate item", false, [&m, g = &g_, spec]() {
                auto* p = present(m, *g, spec);
                if (p->empty()) return false;
                if (p->size() >= 2)
                    (*p)[1] = (*p)[0];
                else
                    p->push_back((*p)[0]);
                return true;
            });
        }
    }

    template <class M, class R, auto F>
    void member_sites(M& m, R const& r, rules::unique_by<F> const&, value_spec const& spec) {
        using V = std::remove_pointer_t<decltype(present(m, g_, spec))>;
        if constexpr (is_vector<V>::value) {
            // The last item takes the first one's value (on lists of two items or more).
            V* p = existing(m);
            if (!p || p->size() < 2) return;
            std::size_t last = p->size() - 1;
            auto mark = push(std::to_string(last));
            auto inner = push(wire_name<F>());
            add(r, std::string(wire_name<F>()) + " repeated", false, [&m, last]() {
                V* q = existing(m);
                if (!q || q->size() <= last) return false;
                (*q)[last].*F = (*q)[0].*F;
                return true;
            });
            pop(inner);
            pop(mark);
        }
    }

    template <class M, class R, auto F, class C>
    void member_sites(M& m, R const& r, rules::field<F, C> const& c, value_spec const& spec) {
        using V = std::remove_pointer_t<decltype(present(m, g_, spec))>;
        if constexpr (described_struct<V>) {
            V* p = existing(m);
            if (!p) return;
            auto mark = push(wire_name<F>());
            member_sites(p->*F, r, c.inner, member_spec<V, F>());
            pop(mark);
        }
    }

    template <class M, class R, auto L>
    void member_sites(M& m, R const& r, rules::in_context<L> const&, value_spec const& spec) {
        using V = std::remove_pointer_t<decltype(present(m, g_, spec))>;
        context const* c = g_.options().ctx;
        if constexpr (std::is_same_v<V, std::string>) {
            if (!c || !(c->*L)) return;
            auto const* list = &*(c->*L);
            add(r, "not in the context", false, [&m, g = &g_, spec, list]() {
                std::string n = "not in the context";
                while (std::find(list->begin(), list->end(), n) != list->end()) n += '+';
                *present(m, *g, spec) = n;
                return true;
            });
        }
    }

    template <class M, class R, std::size_t N>
    void member_sites(M& m, R const& r, rules::one_of<N> const& c, value_spec const& spec) {
        using V = std::remove_pointer_t<decltype(present(m, g_, spec))>;
        if constexpr (std::is_same_v<V, std::string> || std::is_same_v<V, scalar>) {
            for (auto lit : c.values)
                add(r, "literal " + json_quoted(lit), true, [&m, g = &g_, spec, lit]() {
                    *present(m, *g, spec) = V(std::string(lit));
                    return true;
                });
            add(r, "not a literal", false, [&m, g = &g_, spec, c]() {
                std::string s = std::string(c.values[0]) + "?";
                *present(m, *g, spec) = V(s);
                return true;
            });
        }
    }

    template <class M, class R>
    void member_sites(M&, R const&, rules::finite_number const&, value_spec const&) {}  // not expressible in JSON
    template <class M, class R>
    void member_sites(M&, R const&, rules::wrong_type const&, value_spec const&) {}  // JSON sites (json_site)

    template <class M, class R>
    void member_sites(M& m, R const& r, rules::forbidden const&, value_spec const& spec) {
        add(r, "present", false, [&m, g = &g_, spec]() {
            present(m, *g, spec);
            return true;
        });
    }
    /// A site's apply function: member m made present (within spec) and set to `value`.
    template <class M, class X>
    auto set_to(M& m, value_spec const& spec, X value) {
        return [&m, g = &g_, spec, value]() {
            auto* p = present(m, *g, spec);
            *p = std::remove_pointer_t<decltype(p)>(value);
            return true;
        };
    }

    template <class M, class R>
    void member_sites(M& m, R const& r, rules::int_or_literal const& c, value_spec const& spec) {
        using V = std::remove_pointer_t<decltype(present(m, g_, spec))>;
        if constexpr (std::is_same_v<V, scalar>) {
            add(r, "literal " + json_quoted(c.literal), true, set_to(m, spec, scalar(std::string(c.literal))));
            add(r, "not an integer", false, set_to(m, spec, scalar(2.5)));
            add(r, "a string other than the literal", false, set_to(m, spec, scalar(std::string("abc"))));
            if (c.min) add(r, "below min", false, set_to(m, spec, scalar(static_cast<std::int64_t>(*c.min) - 1)));
        }
    }
    template <class M, class R, std::size_t N>
    void member_sites(M& m, R const& r, rules::none_of<N> const& c, value_spec const& spec) {
        using V = std::remove_pointer_t<decltype(present(m, g_, spec))>;
        if constexpr (std::is_same_v<V, std::string> || std::is_same_v<V, scalar>)
            for (auto lit : c.values) add(r, "literal " + json_quoted(lit), false, set_to(m, spec, std::string(lit)));
    }
    template <class M, class R>
    void member_sites(M& m, R const& r, rules::format const& c, value_spec const& spec) {
        using V = std::remove_pointer_t<decltype(present(m, g_, spec))>;
        if constexpr (std::is_same_v<V, std::string>) {
            add(r, "a " + std::string(c.name), true, set_to(m, spec, std::string(c.example)));
            add(r, "not a " + std::string(c.name), false, set_to(m, spec, std::string(c.counterexample)));
        }
    }
    template <class M, class R>
    void member_sites(M& m, R const& r, rules::decimal_at_most const& c, value_spec const& spec) {
        using V = std::remove_pointer_t<decltype(present(m, g_, spec))>;
        if constexpr (std::is_same_v<V, std::string>) {
            add(r, "at max", true, set_to(m, spec, std::to_string(c.max)));
            if (c.max < std::numeric_limits<std::uint64_t>::max())
                add(r, "one above max", false, set_to(m, spec, std::to_string(c.max + 1)));
        }
    }
    template <class M, class R, auto L>
    void member_sites(M& m, R const& r, rules::equals_fact<L> const&, value_spec const& spec) {
        using V = std::remove_pointer_t<decltype(present(m, g_, spec))>;
        context const* ctx = g_.options().ctx;
        if constexpr (std::is_same_v<V, std::string>) {
            if (!ctx || !(ctx->*L)) return;
            using E = std::remove_cvref_t<decltype(*(ctx->*L))>;
            for_each_enum_wire_name<E>([&](std::string_view w) {
                add(r, "the value " + json_quoted(w), w == enum_wire_name(*(ctx->*L)), set_to(m, spec, std::string(w)));
            });
        }
    }
    template <class M, class R, auto F>
    void member_sites(M& m, R const& r, rules::ascending_by<F> const& c, value_spec const& spec) {
        using V = std::remove_pointer_t<decltype(present(m, g_, spec))>;
        if constexpr (is_vector<V>::value) {
            V* p = existing(m);
            if (!p || p->empty()) return;
            add(r, "below min", false, [p, c]() {
                (*p)[0].*F = static_cast<std::remove_cvref_t<decltype((*p)[0].*F)>>(c.min - 1);
                return true;
            }, ptr_ + "/0/" + std::string(wire_name<F>()));
            if (p->size() < 2) return;
            add(r, "a repeat", false, [p]() {
                (*p)[1].*F = (*p)[0].*F;
                return true;
            }, ptr_ + "/1/" + std::string(wire_name<F>()));
        }
    }

    template <class M, class R, class C>
    void member_sites(M& m, R const& r, rules::each<C> const& c, value_spec const& spec) {
        using V = std::remove_pointer_t<decltype(present(m, g_, spec))>;
        if constexpr (is_vector<V>::value) {
            // The sites of the inner constraint on item 0. Listing sites leaves the instance as
            // it is: when there is no item 0, the sites act on a scratch item that apply() then
            // makes the list's only item.
            static value_spec const none;
            value_spec const& is = spec.item ? *spec.item : none;
            auto mark = push("0");
            if (V* p = existing(m); p && !p->empty()) {
                member_sites((*p)[0], r, c.inner, is);
            } else {
                auto scratch = std::make_shared<typename V::value_type>(g_.make<typename V::value_type>(is));
                std::size_t first = out_.size();
                member_sites(*scratch, r, c.inner, is);
                for (std::size_t k = first; k < out_.size(); ++k)
                    out_[k].apply = [&m, g = &g_, spec, scratch, inner = std::move(out_[k].apply)]() {
                        if (!inner()) return false;
                        auto* list = present(m, *g, spec);
                        list->assign(1, *scratch);
                        return true;
                    };
            }
            pop(mark);
        }
    }

    // Cross-member rules.
    template <class T, auto... Ms>
    void sites(T& obj, rules::mutually_exclusive<Ms...> const& r) {
        constexpr std::size_t n = sizeof...(Ms);
        std::array<std::string_view, n> names{wire_name<Ms>()...};
        for (std::size_t a = 0; a < n; ++a)
            for (std::size_t b = a + 1; b < n; ++b)
                add(r, "both " + std::string(names[a]) + " and " + std::string(names[b]), false,
                    [&obj, g = &g_, a, b]() {
                        std::size_t i = 0;
                        ((i == a || i == b ? make_present<T, Ms>(obj, *g) : make_absent<T, Ms>(obj), ++i), ...);
                        return true;
                    },
                    ptr_ + json_pointer(names[b]));
        for (std::size_t a = 0; a < n; ++a)
            add(r, "only " + std::string(names[a]), true, [&obj, g = &g_, a]() {
                std::size_t i = 0;
                ((i == a ? make_present<T, Ms>(obj, *g) : make_absent<T, Ms>(obj), ++i), ...);
                return true;
            });
    }

    template <class T, auto... Ms>
    void sites(T& obj, rules::exactly_one_of<Ms...> const& r) {
        add(r, "none", false, [&obj]() {
            (make_absent<T, Ms>(obj), ...);
            return ((!is_present(obj.*Ms)) && ...);
        });
        constexpr std::size_t n = sizeof...(Ms);
        std::array<std::string_view, n> names{wire_name<Ms>()...};
        for (std::size_t a = 0; a < n; ++a)
            add(r, "only " + std::string(names[a]), true, [&obj, g = &g_, a]() {
                std::size_t i = 0;
                ((i == a ? make_present<T, Ms>(obj, *g) : make_absent<T, Ms>(obj), ++i), ...);
                return true;
            });
    }

    template <class T, auto A, auto B>
    void sites(T& obj, rules::requires_member<A, B> const& r) {
        add(r, std::string(wire_name<A>()) + " without " + std::string(wire_name<B>()), false,
            [&obj, g = &g_]() {
                make_present<T, A>(obj, *g);
                make_absent<T, B>(obj);
                return is_present(obj.*A) && !is_present(obj.*B);
            },
            ptr_ + json_pointer(wire_name<A>()));
        add(r, "both", true, [&obj, g = &g_]() {
            make_present<T, A>(obj, *g);
            make_present<T, B>(obj, *g);
            return true;
        });
    }

    template <class T, auto A, auto B>
    void sites(T& obj, rules::ordered<A, B> const& r) {
        auto move = [&obj, g = &g_](double above) {
            return [&obj, g, above]() {
                auto* a = present(obj.*A, *g, member_spec<T, A>());
                auto* b = present(obj.*B, *g, member_spec<T, B>());
                auto y = numeric_value(*b);
                return y && std::isfinite(*y) && assign_number(*a, *y + above);
            };
        };
        add(r, std::string(wire_name<A>()) + " equal to " + std::string(wire_name<B>()), true, move(0));
        add(r, std::string(wire_name<A>()) + " above " + std::string(wire_name<B>()), false, move(0.25),
            ptr_ + json_pointer(wire_name<A>()));
    }

    template <class T, auto At, class P, class G>
    void sites(T& obj, rules::requirement<At, P, G> const& r) {
        context const* ctx = g_.options().ctx;
        std::string at = ptr_;
        if constexpr (At != nullptr) at += json_pointer(wire_name<At>());
        bool condition = holds(r.condition, obj, ctx);
        if (holds(r.guard, obj, ctx)) {
            if (condition)
                add(r, "the condition broken", false, [&obj, c = r.condition]() { return unsatisfy(obj, c); }, at);
        } else if (!condition) {
            // The condition fails (a fact of the context, say): the rule fires once its guard holds.
            add(r, "the guard made true", false, [&obj, g = &g_, c = r.guard]() { return make_hold(obj, *g, c); }, at);
        }
    }
    template <class T, class P>
    static bool make_hold(T&, generator&, P const&) {
        return false;
    }
    template <class T, auto M>
    static bool make_hold(T& obj, generator& g, rules::present<M> const&) {
        make_present<T, M>(obj, g);
        return is_present(obj.*M);
    }
    template <class T, class P>
    static bool unsatisfy(T&, P const&) {
        return false;
    }
    template <class T, auto M>
    static bool unsatisfy(T& obj, rules::present<M> const&) {
        make_absent<T, M>(obj);
        return !is_present(obj.*M);
    }
    template <class T, auto M>
    static bool unsatisfy(T& obj, rules::is_true<M> const&) {
        obj.*M = false;
        return true;
    }
    template <class T, class... P>
    static bool unsatisfy(T& obj, rules::all_t<P...> const& c) {
        return unsatisfy(obj, std::get<0>(c.parts));
    }

    template <class T, auto Old, auto New>
    void sites(T& obj, rules::deprecated<Old, New> const& r) {
        add(r, "the deprecated " + std::string(wire_name<Old>()), false,
            [&obj, g = &g_]() {
                make_present<T, Old>(obj, *g);
                return true;
            },
            ptr_ + json_pointer(wire_name<Old>()));
    }

    template <class T>
    void sites(T& obj, rules::custom<T> const& r) {
        if (!r.near_misses) return;
        std::vector<mutation_site> own;
        r.near_misses(obj, g_.source(), g_.options().ctx, own);
        for (auto& s : own) {
            s.pointer = ptr_ + s.pointer;
            out_.push_back(std::move(s));
        }
    }

    template <class T, auto M>
    static void make_present(T& obj, generator& g) {
        present(obj.*M, g, member_spec<T, M>());
    }
    template <class T, auto M>
    static void make_absent(T& obj) {
        if constexpr (is_optional<std::remove_cvref_t<decltype(obj.*M)>>::value) (obj.*M).reset();
    }

    std::size_t push(std::string_view k) {
        std::size_t m = ptr_.size();
        append_pointer_token(ptr_, k);
        return m;
    }
    void pop(std::size_t m) { ptr_.resize(m); }

    generator& g_;
    std::vector<mutation_site>& out_;
    std::string ptr_;
};

template <class T>
std::vector<mutation_site> sites_of(T& v, generator& g) {
    std::vector<mutation_site> out;
    site_collector c(g, out);
    c.visit(v);
    return out;
}

/// The rule diagnostics of `text` read as T, at `lvl`.
template <class T>
std::vector<diagnostic> diagnose(std::string const& text, level lvl, context const* ctx) {
    result<T> r = validate<T>(text, {.read = {}, .check = {.level = lvl, .ctx = ctx}});
    return std::move(r.diagnostics());
}

}  // namespace detail

/// Boundary cases of every introspectable rule of T and of the objects inside it: below, at
/// and above each bound, each literal of an enumeration, each combination of mutually
/// exclusive members. Each case is a copy of one valid base instance moved onto or across one
/// boundary, and is kept only when checking it gives exactly what its label says: no
/// diagnostic when `valid`, or exactly one error with its rule id and pointer otherwise.
template <class T>
std::vector<labelled_case> boundary_cases(generator& g) {
    std::vector<labelled_case> out;
    result<T> base = generate_valid<T>(g);
    if (!base) return out;
    T probe = base.value();
    // One case per (rule, label) makes the table; the same rule repeats on every nested object,
    // so the sites are grouped and each group tries at most three of its places.
    std::vector<std::vector<std::size_t>> groups;
    {
        std::map<std::string, std::size_t> index;
        auto all = detail::sites_of(probe, g);
        for (std::size_t i = 0; i < all.size(); ++i) {
            auto [it, fresh] = index.emplace(all[i].rule + '\n' + all[i].label, groups.size());
            if (fresh) groups.emplace_back();
            groups[it->second].push_back(i);
        }
    }
    for (auto const& group : groups) {
        for (std::size_t k = 0; k < group.size() && k < 3; ++k) {
            T v = base.value();
            auto sites = detail::sites_of(v, g);
            if (group[k] >= sites.size()) break;
            auto& s = sites[group[k]];
            if (!s.apply()) continue;
            result<std::string> text = write(v);
            if (!text) continue;
            auto ds = detail::diagnose<T>(text.value(), s.lvl, g.options().ctx);
            bool as_labelled = s.valid ? ds.empty()
                                       : (ds.size() == 1 && ds[0].rule == s.rule && ds[0].pointer == s.pointer &&
                                          ds[0].severity == s.sev);
            if (as_labelled) {
                out.push_back({s.rule, s.pointer, s.label, s.valid, std::move(text).value()});
                break;
            }
        }
    }
    return out;
}

namespace detail {

/// One schema-level mutation of the JSON form of an instance.
struct json_site {
    std::string rule;
    std::string pointer;  // of the member concerned
    std::string label;
    enum class op { remove, replace, duplicate } what;
    std::string parent;   // pointer of the object holding the member
    std::string key;      // the member's wire name
    boost::json::value with;
};

/// Lists the schema-level mutations of an instance: each present member can get a value of the
/// wrong JSON type (schema.type), a string outside its enumeration (schema.enum), an integer
/// beyond its C++ type (schema.number_range), a repeated key (schema.duplicate_key); each
/// required member can go missing (schema.required).
class json_site_collector {
public:
    explicit json_site_collector(std::vector<json_site>& out) : out_(out) {}

    template <class V>
    void visit(V const& v) {
        for_each_object(v, ptr_, [&](auto const& obj) { members(obj); });
    }

private:
    /// The sites of one object's own members (for_each_object reaches the nested ones).
    template <class U>
    void members(U const& v) {
        std::string parent = ptr_;
        boost::mp11::mp_for_each<members_of<U>>([&](auto d) {
            using D = decltype(d);
            auto const& m = v.*D::pointer;
            using M = std::remove_cvref_t<decltype(m)>;
            std::string key(wire_name_of<U, D>());
            auto mark = push(key);
            if constexpr (is_optional<M>::value) {
                if (!m) {
                    pop(mark);
                    return;
                }
            } else {
                out_.push_back({std::string(schema_rule::required), ptr_, "missing " + key, json_site::op::remove,
                                parent, key, nullptr});
            }
            out_.push_back({std::string(schema_rule::duplicate_key), ptr_, "duplicate " + key,
                            json_site::op::duplicate, parent, key, nullptr});
            using I = unwrap_t<M>;
            // A member that declares wrong_type is reported under that rule id (the reader's).
            member_read_rules const* own = member_read_rules_of<U, D::pointer>();
            if (auto w = wrong_kind<I>())
                out_.push_back({std::string(own && !own->type_id.empty() ? own->type_id : schema_rule::type), ptr_,
                                "wrong type for " + key, json_site::op::replace, parent, key, *w});
            // An enumeration member with a one_of rule reports other strings under that rule.
            if constexpr (described_enum<I>)
                out_.push_back({std::string(own && !own->enum_id.empty() ? own->enum_id : schema_rule::enumeration),
                                ptr_, "not an enumerator", json_site::op::replace, parent, key,
                                boost::json::value("not-an-enumerator")});
            if constexpr (integer_type<I>)
                out_.push_back({std::string(schema_rule::number_range), ptr_, "integer too large",
                                json_site::op::replace, parent, key, boost::json::value(1e300)});
            pop(mark);
        });
    }

    /// A JSON value that I never accepts (none for types that accept anything).
    template <class I>
    static std::optional<boost::json::value> wrong_kind() {
        if constexpr (std::is_same_v<I, std::string> || described_enum<I>)
            return boost::json::value(12345);
        else if constexpr (integer_type<I> || float_type<I> || std::is_same_v<I, number>)
            return boost::json::value("1");
        else if constexpr (std::is_same_v<I, bool>)
            return boost::json::value("true");
        else if constexpr (std::is_same_v<I, scalar>)
            return boost::json::value(boost::json::array{});
        else if constexpr (is_vector<I>::value || is_std_array<I>::value)
            return boost::json::value(boost::json::object{});
        else if constexpr (is_object_map<I>::value || described_struct<I>)
            return boost::json::value(boost::json::array{});
        else
            return std::nullopt;  // json_value and variants
    }

    std::size_t push(std::string_view k) {
        std::size_t m = ptr_.size();
        append_pointer_token(ptr_, k);
        return m;
    }
    void pop(std::size_t m) { ptr_.resize(m); }

    std::vector<json_site>& out_;
    std::string ptr_;
};

/// Writes a JSON value compactly with drx's number and string forms; when `dup_parent` is the
/// pointer of an object, its member `dup_key` is written twice.
inline void write_json(std::string& out, boost::json::value const& v, std::string& ptr, std::string const& dup_parent,
                       std::string const& dup_key) {
    switch (v.kind()) {
        case boost::json::kind::object: {
            out += '{';
            bool first = true;
            for (auto const& kv : v.get_object()) {
                std::string_view k(kv.key().data(), kv.key().size());
                int times = (ptr == dup_parent && k == dup_key) ? 2 : 1;
                for (int t = 0; t < times; ++t) {
                    if (!first) out += ',';
                    first = false;
                    append_json_string(out, k, true);
                    out += ':';
                    std::size_t m = ptr.size();
                    append_pointer_token(ptr, k);
                    write_json(out, kv.value(), ptr, dup_parent, dup_key);
                    ptr.resize(m);
                }
            }
            out += '}';
            break;
        }
        case boost::json::kind::array: {
            out += '[';
            std::size_t i = 0;
            for (auto const& e : v.get_array()) {
                if (i) out += ',';
                std::size_t m = ptr.size();
                ptr += '/';
                ptr += std::to_string(i++);
                write_json(out, e, ptr, dup_parent, dup_key);
                ptr.resize(m);
            }
            out += ']';
            break;
        }
        default: out += to_json(json_value{v});
    }
}

/// Applies a json_site to the JSON text of an instance; empty when it does not apply.
inline std::string apply_json_site(std::string const& text, json_site const& s) {
    result<json_value> r = read<json_value>(text);  // drx's exact numbers, not Boost's
    if (!r) return {};
    boost::json::value doc = std::move(r.value().value);
    boost::system::error_code ec;
    boost::json::value* parent = doc.find_pointer(s.parent, ec);
    if (!parent || !parent->is_object()) return {};
    boost::json::object& o = parent->get_object();
    if (!o.contains(s.key)) return {};
    if (s.what == json_site::op::remove) o.erase(s.key);
    if (s.what == json_site::op::replace) o[s.key] = s.with;
    std::string out, ptr;
    write_json(out, doc, ptr, s.what == json_site::op::duplicate ? s.parent : std::string("\x01none"), s.key);
    return out;
}

}  // namespace detail

/// Up to `count` near-miss instances of T: each violates exactly one error-severity rule (a
/// declared rule of T or of an object inside it, or a schema-level rule), and reading and
/// checking it at that rule's level gives exactly one diagnostic: that rule at that pointer.
/// Rules written as custom functions are reached through the objects' drx_custom_sites hooks.
template <class T>
std::vector<labelled_case> near_misses(generator& g, std::size_t count) {
    std::vector<labelled_case> out;
    entropy& e = g.source();
    for (std::size_t attempt = 0; out.size() < count && attempt < count * 8 + 16; ++attempt) {
        result<T> base = generate_valid<T>(g);
        if (!base) break;
        T probe = base.value();
        auto rule_sites = detail::sites_of(probe, g);
        std::vector<std::size_t> invalid;
        for (std::size_t i = 0; i < rule_sites.size(); ++i)
            if (!rule_sites[i].valid && rule_sites[i].sev == severity::error) invalid.push_back(i);
        std::vector<detail::json_site> json_sites;
        detail::json_site_collector(json_sites).visit(base.value());
        std::size_t total = invalid.size() + json_sites.size();
        if (total == 0) break;
        // A rule id first, then one of its places: rules with few places (most custom ones)
        // come up as often as rules with many (schema.type has one per member).
        std::map<std::string, std::vector<std::size_t>> by_rule;
        for (std::size_t i = 0; i < invalid.size(); ++i) by_rule[rule_sites[invalid[i]].rule].push_back(i);
        for (std::size_t i = 0; i < json_sites.size(); ++i) by_rule[json_sites[i].rule].push_back(invalid.size() + i);
        auto group = by_rule.begin();
        std::advance(group, static_cast<std::ptrdiff_t>(e.below(by_rule.size())));
        std::size_t pick = group->second[e.below(group->second.size())];
        labelled_case c;
        level lvl = level::schema;
        if (pick < invalid.size()) {
            T v = base.value();
            auto sites = detail::sites_of(v, g);
            auto& s = sites[invalid[pick]];
            if (!s.apply()) continue;
            result<std::string> text = write(v);
            if (!text) continue;
            c = {s.rule, s.pointer, s.label, false, std::move(text).value()};
            lvl = s.lvl;
        } else {
            auto const& s = json_sites[pick - invalid.size()];
            std::string text = detail::apply_json_site(to_json(base.value()), s);
            if (text.empty()) continue;
            c = {s.rule, s.pointer, s.label, false, std::move(text)};
        }
        auto ds = detail::diagnose<T>(c.instance, lvl == level::schema ? level::rules : lvl, g.options().ctx);
        if (ds.size() == 1 && ds[0].rule == c.rule && ds[0].pointer == c.pointer && ds[0].severity == severity::error)
            out.push_back(std::move(c));
    }
    return out;
}

}  // namespace drx
