// SPDX-License-Identifier: BSL-1.0
// drx: generated query strings for structs read from query strings (drx::read_query), such as
// the deployment predictions query: valid ones, and near misses labelled with the one rule they
// break.
//
//     drx::seeded_entropy e(7);
//     drx::generator g(e);
//     drx::result<std::string> q = drx::generate_valid_query<drx::deployment_predictions_query>(g);
//     for (drx::labelled_case const& c : drx::query_near_misses<drx::deployment_predictions_query>(g, 20))
//         drx::check_predictions_request(std::nullopt, c.instance, nullptr, nullptr);  // 422, 400, ...
//
// Derived from the declaration as the JSON generators are: the member types say which texts do not
// convert (Python int(), float() and trafaret's StrBool, docs/reference/query-conversions.md), the
// struct's drx_query_params() say which rule id a failed conversion reports, and the declared rules
// give the other near misses (near_misses(), written with write_query()).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <boost/mp11/algorithm.hpp>

#include <drx/query.hpp>
#include <drx/check.hpp>
#include <drx/tools/generate.hpp>

namespace drx {

namespace detail {

/// The diagnostics of reading `q` as T and checking it at the rules level (validate_query).
template <class T>
std::vector<diagnostic> query_diagnostics(std::string_view q, context const* ctx) {
    return validate_query<T>(q, {.level = level::rules, .ctx = ctx}).diagnostics();
}

/// True when `ds` holds exactly one error, rule `rule` at `pointer` (warnings aside).
inline bool only_error_is(std::vector<diagnostic> const& ds, std::string_view rule, std::string_view pointer) {
    std::size_t errors = 0;
    bool match = false;
    for (auto const& d : ds) {
        if (d.severity != severity::error) continue;
        ++errors;
        match = d.rule == rule && d.pointer == pointer;
    }
    return errors == 1 && match;
}

/// Texts a query member of type M never converts from: Python int() for integers (and for
/// scalars, which take an int or a keyword), float() for numbers, StrBool for booleans
/// (docs/reference/query-conversions.md). Empty for strings and string lists, which take any text.
template <class M>
std::vector<std::string_view> unconvertible_texts() {
    using I = unwrap_t<M>;
    if constexpr (std::is_same_v<I, bool>)
        return {"maybe", "", "2", "yes"};
    else if constexpr (integer_type<I> || std::is_same_v<I, scalar>)
        return {"abc", "1.5", "", "0x10", "1e3"};
    else if constexpr (float_type<I> || std::is_same_v<I, number>)
        return {"abc", "", "1e", "0x10", "1,5"};
    else
        return {};
}

/// `q` with every parameter named `name` removed and `name=text` appended.
inline std::string with_parameter(std::string_view q, std::string_view name, std::string_view text) {
    result<std::vector<query_pair>> pairs = decode_query(q);
    std::vector<query_pair> out;
    if (pairs)
        for (auto& p : pairs.value())
            if (p.name != name) out.push_back(std::move(p));
    out.push_back({std::string(name), std::string(text)});
    return encode_query(out);
}

}  // namespace detail

/// A valid query string of T: an instance from generate_valid<T>() written with write_query(),
/// kept when read_query() reads it back and check() at the rules level finds no error (against
/// the generator's context). Not ok when no attempt gave one.
template <class T>
result<std::string> generate_valid_query(generator& g) {
    std::vector<diagnostic> last;
    for (std::size_t i = 0; i < g.options().attempts; ++i) {
        result<T> v = generate_valid<T>(g);
        if (!v) return {std::nullopt, std::move(v.diagnostics())};
        std::string q = write_query(v.value());
        last = detail::query_diagnostics<T>(q, g.options().ctx);
        if (!has_errors(last)) return {std::move(q), {}};
    }
    return {std::nullopt, std::move(last)};
}

/// Up to `count` near-miss query strings of T (in labelled_case::instance), each labelled with
/// the one rule it breaks and the pointer there: read_query() and check() at the rules level
/// give exactly one error, that rule at that pointer (warnings, such as an unknown or
/// deprecated parameter, may come with it). Two kinds, drawn in turn:
///  - a parameter whose text does not convert ("abc" for an integer, "maybe" for a boolean,
///    ...), labelled with the parameter's type rule from drx_query_params();
///  - a near miss of a declared rule (near_misses<T>()) that a query string can express.
template <class T>
std::vector<labelled_case> query_near_misses(generator& g, std::size_t count) {
    std::vector<labelled_case> out;
    context const* ctx = g.options().ctx;
    entropy& e = g.source();

    struct conversion {
        std::string_view wire;
        std::string_view rule;
        std::vector<std::string_view> texts;
    };
    std::vector<conversion> conversions;
    boost::mp11::mp_for_each<detail::members_of<T>>([&](auto d) {
        using D = decltype(d);
        using M = std::remove_cvref_t<decltype(std::declval<T&>().*D::pointer)>;
        auto texts = detail::unconvertible_texts<M>();
        if (!texts.empty())
            conversions.push_back({wire_name_of<T, D>(), detail::deployment_impl::query_param_of<T, D>().type_rule,
                                   std::move(texts)});
    });

    std::vector<labelled_case> rule_cases;  // pending near misses of the declared rules
    for (std::size_t attempt = 0; out.size() < count && attempt < count * 8 + 16; ++attempt) {
        labelled_case c;
        if (!conversions.empty() && (attempt % 2 == 0)) {
            result<std::string> base = generate_valid_query<T>(g);
            if (!base) break;
            conversion const& k = conversions[e.below(conversions.size())];
            std::string_view text = k.texts[e.below(k.texts.size())];
            std::string pointer;
            detail::append_pointer_token(pointer, k.wire);
            c = {std::string(k.rule), std::move(pointer),
                 std::string(k.wire) + " = " + detail::json_quoted(text) + " does not convert", false,
                 detail::with_parameter(base.value(), k.wire, text)};
        } else {
            if (rule_cases.empty()) rule_cases = near_misses<T>(g, 8);
            if (rule_cases.empty()) continue;
            c = std::move(rule_cases.back());
            rule_cases.pop_back();
            if (c.rule.starts_with("schema.")) continue;  // the JSON form's own rules
            result<T> v = read<T>(c.instance);
            if (!v.unchecked()) continue;
            c.instance = write_query(*v.unchecked());
        }
        if (detail::only_error_is(detail::query_diagnostics<T>(c.instance, ctx), c.rule, c.pointer))
            out.push_back(std::move(c));
    }
    return out;
}

}  // namespace drx
