// drx: checking rules, and validating text in one call.
//
//     drx::check_report rep = drx::check(obj, {.level = drx::level::rules, .ctx = &ctx});
//     drx::result<T> r = drx::validate<T>(text, {.check = {.ctx = &ctx}});
//
// check() walks the object and every object inside it, applying each one's declared rules
// (rules.hpp) up to the requested level. Rules whose context facts are missing are skipped and
// listed in check_report::skipped, so a skipped rule is never mistaken for a passed one.
#pragma once

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include <boost/describe/members.hpp>
#include <boost/mp11/algorithm.hpp>

#include <drx/context.hpp>
#include <drx/diagnostic.hpp>
#include <drx/read.hpp>
#include <drx/rules.hpp>
#include <drx/write.hpp>

namespace drx {

/// Options of check().
struct check_options {
    /// Highest level of rules applied: rules (contract section 4) or consistency (section 5).
    drx::level level = drx::level::consistency;
    /// Facts for the rules that need them; rules needing absent facts are skipped.
    context const* ctx = nullptr;
};

/// A rule that was not applied for lack of context facts.
struct skipped_rule {
    std::string rule;
    /// The context keys it needs (wire names).
    std::string needs;
    friend bool operator==(skipped_rule const&, skipped_rule const&) = default;
};

/// The findings of check().
struct check_report {
    std::vector<diagnostic> diagnostics;
    /// Rules skipped because the context lacked their facts (each rule id once).
    std::vector<skipped_rule> skipped;
    /// True when no diagnostic is an error.
    bool ok() const noexcept { return !has_errors(diagnostics); }
};

namespace detail {

/// The compact JSON text of a value, abbreviated, for a diagnostic's `actual`.
template <class V>
std::string actual_text(V const& v) {
    write_options o;
    o.ensure_ascii = false;
    o.allow_nan = true;
    std::string s;
    write_to(s, v, o);
    return abbreviate(std::move(s));
}

class checker {
public:
    checker(check_options const& opt, check_report& rep) : opt_(opt), rep_(rep) {}

    template <class V>
    void visit(V const& v) {
        using U = std::remove_cvref_t<V>;
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
        for_each_rule<T>([&](auto const& r) { apply(obj, r); });
        boost::mp11::mp_for_each<members_of<T>>([&](auto d) {
            using D = decltype(d);
            auto mark = push(wire_name_of<T, D>());
            visit(obj.*D::pointer);
            pop(mark);
        });
    }

    bool applies(rules::rule_base const& r) const { return r.level <= opt_.level && r.level != level::schema; }

    void add(std::string ptr, rules::rule_base const& r, std::string message, std::optional<std::string> expected,
             std::optional<std::string> actual) {
        rep_.diagnostics.push_back(
            {std::move(ptr), std::string(r.id), r.severity, std::move(message), std::move(expected), std::move(actual)});
    }

    // ---- member rules ----
    template <class T, auto M, class C>
    void apply(T const& obj, rules::member_rule<M, C> const& r) {
        if (!applies(r)) return;
        auto mark = push(wire_name<M>());
        if_present(obj.*M, [&](auto const& v) { constraint(r, r.constraint, v); });
        pop(mark);
    }

    template <class R, class C, class V>
    void constraint(R const& r, C const& c, V const& v) {
        if (test(c, v)) return;
        std::string exp = describe(c);
        std::string act = actual_text(v);
        std::string msg = r.message.empty() ? "expected " + exp + ", got " + act : std::string(r.message);
        add(ptr_, r, std::move(msg), exp, act);
    }

    template <class R, class C, class V>
    void constraint(R const& r, rules::each<C> const& c, V const& v) {
        using U = std::remove_cvref_t<V>;
        if constexpr (is_vector<U>::value || is_std_array<U>::value) {
            std::size_t i = 0;
            for (auto const& e : v) {
                auto mark = push(i++);
                if_present(e, [&](auto const& x) { constraint(r, c.inner, x); });
                pop(mark);
            }
        } else if constexpr (is_object_map<U>::value) {
            for (auto const& [k, e] : v) {
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
                std::string msg = r.message.empty()
                                      ? "duplicate item " + act + " (first at index " + std::to_string(j) + ")"
                                      : std::string(r.message);
                add(ptr_, r, std::move(msg), "unique items", act);
                pop(mark);
            };
            if constexpr (std::is_same_v<E, std::string> || integer_type<E>) {
                // Strings and integers: one ordered pass, n log n.
                std::map<E, std::size_t> first;
                for (std::size_t i = 0; i < v.size(); ++i) {
                    auto [it, inserted] = first.emplace(v[i], i);
                    if (!inserted) report(i, it->second);
                }
            } else {
                for (std::size_t i = 1; i < v.size(); ++i)
                    for (std::size_t j = 0; j < i; ++j)
                        if (v[i] == v[j]) {
                            report(i, j);
                            break;
                        }
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
        add(ptr_ + json_pointer(present[1]), r, names + " are mutually exclusive", "at most one of " + all_names<Ms...>(),
            names);
    }

    template <class T, auto A, auto B>
    void apply(T const& obj, rules::requires_member<A, B> const& r) {
        if (!applies(r)) return;
        if (is_present(obj.*A) && !is_present(obj.*B))
            add(ptr_ + json_pointer(wire_name<A>()), r,
                std::string(wire_name<A>()) + " requires " + std::string(wire_name<B>()),
                std::string(wire_name<B>()) + " present", std::string(wire_name<B>()) + " absent");
    }

    template <class T, auto... Ms>
    void apply(T const& obj, rules::exactly_one_of<Ms...> const& r) {
        if (!applies(r)) return;
        std::vector<std::string_view> present;
        ((is_present(obj.*Ms) ? present.push_back(wire_name<Ms>()) : void()), ...);
        if (present.size() == 1) return;
        add(ptr_, r, "exactly one of " + all_names<Ms...>() + " is required, got " + std::to_string(present.size()),
            "exactly one of " + all_names<Ms...>(), present.empty() ? std::string("none") : join(present));
    }

    template <class T>
    void apply(T const& obj, rules::custom<T> const& r) {
        if (!applies(r) || !r.fn) return;
        std::string missing = missing_facts(r.needs, opt_.ctx);
        if (!missing.empty()) {
            auto it = std::find_if(rep_.skipped.begin(), rep_.skipped.end(),
                                   [&](skipped_rule const& s) { return s.rule == r.id; });
            if (it == rep_.skipped.end()) rep_.skipped.push_back({std::string(r.id), missing});
            return;
        }
        reporter rp(ptr_, r.id, r.severity, opt_.ctx, rep_.diagnostics);
        r.fn(obj, rp);
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
    std::size_t push(std::string_view k) {
        std::size_t m = ptr_.size();
        append_pointer_token(ptr_, k);
        return m;
    }
    std::size_t push(std::size_t i) {
        std::size_t m = ptr_.size();
        ptr_ += '/';
        ptr_ += std::to_string(i);
        return m;
    }
    void pop(std::size_t m) { ptr_.resize(m); }

    check_options const& opt_;
    check_report& rep_;
    std::string ptr_;
};

}  // namespace detail

/// Checks the declared rules of `v` and of every object inside it, up to opt.level.
template <class T>
check_report check(T const& v, check_options const& opt = {}) {
    check_report rep;
    detail::checker c(opt, rep);
    c.visit(v);
    return rep;
}

/// Options of validate(): how to read, and how far to check.
struct validate_options {
    read_options read;
    check_options check;
};

/// Reads `text` and checks the object's rules; the result is ok() only when both pass.
/// Rules are checked only on a completely read object (schema-level errors stop there).
/// Skipped rules are available through check() when needed.
template <class T>
result<T> validate(std::string_view text, validate_options const& opt = {}) {
    result<T> r = read<T>(text, opt.read);
    if (r.unchecked() && opt.check.level != level::schema) {
        check_report rep = check(*r.unchecked(), opt.check);
        for (auto& d : rep.diagnostics) r.diagnostics().push_back(std::move(d));
    }
    return r;
}

}  // namespace drx
