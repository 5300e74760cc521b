// SPDX-License-Identifier: BSL-1.0
// drx: JSON Schema (draft 2020-12) documents derived from the declarations and their rules.
//
//     std::string doc = drx::json_schema<drx::cluster_list>();      // the document's text
//     boost::json::object o = drx::json_schema_object<drx::cluster_list>();
//
// Nothing here is written by hand per object: the member types give `type`, `required`,
// nullability, enumerations, items and closed objects; the rules declared with drx_rules
// (drx/rules.hpp) give ranges, sizes, `uniqueItems`, enumerations, patterns, integer-or-literal
// members, mutually exclusive and conditionally required members (`not`, `if`/`then`,
// `oneOf`). A custom rule takes part when it declares its own JSON Schema (custom::schema).
// Every rule that JSON Schema cannot express (one that needs the context or the request,
// compares members or rows, or is a function without a schema) and every warning is listed
// in the document's `x-drx-rules` array with its id, level, severity, needs and message, and
// so are the reader's own refusals that a JSON Schema validator cannot see (duplicate keys,
// integers beyond 64 bits). A validator that accepts a document therefore accepts what
// `drx check --level consistency` accepts without a context, except for the listed rules;
// tests/schema/agreement.py measures that against Ajv and Python's jsonschema.
//
// Mapping of the member types:
//   std::string "string"; bool "boolean"; std::int64_t "integer" (5.0 is an integer, as drx
//   reads it); double "number"; drx::number ["integer", "number"] (drx keeps the kind it read
//   when it writes); drx::scalar string, number, boolean or null; described enum:
//   "enum" of the wire names; std::optional<T>: not required (null is still refused);
//   drx::nullable<T>: T or null; std::vector<T> "array"; std::array<T, N> exactly N items;
//   drx::object_map<T>: an object of T values; std::variant<A...>: anyOf in order (the reader
//   takes the first alternative that reads); described struct: an object, in `$defs` when
//   nested, closed (`unevaluatedProperties: false`) when drx_closed says so or the options
//   refuse unknown keys; drx::json_value: any JSON.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <variant>
#include <utility>
#include <vector>

#include <boost/core/type_name.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <boost/mp11/algorithm.hpp>

#include <drx/context.hpp>
#include <drx/detail/python_format.hpp>
#include <drx/detail/traits.hpp>
#include <drx/diagnostic.hpp>
#include <drx/read_options.hpp>
#include <drx/rules.hpp>
#include <drx/tools/rule_list.hpp>
#include <drx/wire_name.hpp>

namespace drx {

/// Options of the JSON Schema export.
struct json_schema_options {
    /// The reader's unknown-key policy the document describes: with unknown_keys::error every
    /// object is closed; otherwise only the objects declared closed (drx_closed) are.
    drx::unknown_keys unknown_keys = drx::unknown_keys::warning;
    /// The prefix of each document's `$id`; the schema name follows it.
    std::string_view id_prefix = "urn:drx:schema:";
};

/// The JSON Schema dialect of the documents.
inline constexpr std::string_view json_schema_dialect = "https://json-schema.org/draft/2020-12/schema";

namespace detail::json_schema_impl {

namespace bj = boost::json;

template <class T>
concept has_schema_name = requires { drx_schema_name(static_cast<T const*>(nullptr)); };

/// The `$defs` name of a nested struct: its schema name when it has one, else its C++ name
/// without the namespace.
template <class T>
std::string def_name() {
    if constexpr (has_schema_name<T>) {
        return std::string(drx_schema_name(static_cast<T const*>(nullptr)));
    } else {
        std::string n = boost::core::type_name<T>();
        if (auto p = n.rfind("::"); p != std::string::npos) n = n.substr(p + 2);
        return n;
    }
}

inline std::string_view level_name(drx::level l) {
    switch (l) {
        case drx::level::schema: return "schema";
        case drx::level::rules: return "rules";
        case drx::level::consistency: return "consistency";
    }
    return "rules";
}

/// The context keys of the facts in `n` (drx::needs_keys), as a JSON array.
inline bj::array needs_names(drx::needs n) {
    bj::array a;
    for (std::string_view k : needs_keys(n)) a.emplace_back(bj::string_view(k.data(), k.size()));
    return a;
}

/// A bound: an integral value as an integer, others as a double.
inline bj::value bound(double x) {
    if (std::trunc(x) == x && std::fabs(x) < 9007199254740992.0) return bj::value(static_cast<std::int64_t>(x));
    return bj::value(x);
}

inline bj::value string_array(auto const& values) {
    bj::array a;
    for (std::string_view v : values) a.emplace_back(bj::string_view(v.data(), v.size()));
    return a;
}

/// A fragment that is not expressible: the rule goes to x-drx-rules.
struct fragment {
    bool expressible = true;
    bj::value schema;  // an object, or `true` / `false`
};
inline fragment inexpressible() { return {false, bj::value(true)}; }
inline fragment schema_of(bj::object o) { return {true, bj::value(std::move(o))}; }

class exporter {
public:
    explicit exporter(json_schema_options const& opt) : opt_(opt) {}

    json_schema_options const& options() const { return opt_; }
    bj::object& defs() { return defs_; }
    bj::array& drx_rules_out() { return x_rules_; }

    // ---- types -------------------------------------------------------------------------------

    /// The schema of a member of type T (optional removed by the caller).
    template <class T>
    bj::value type_schema() {
        using U = std::remove_cvref_t<T>;
        if constexpr (is_optional<U>::value) {
            return type_schema<typename U::value_type>();
        } else if constexpr (is_nullable<U>::value) {
            bj::value inner = type_schema<typename U::value_type>();
            return nullable_of(std::move(inner));
        } else if constexpr (std::is_same_v<U, std::string>) {
            return bj::object{{"type", "string"}};
        } else if constexpr (std::is_same_v<U, bool>) {
            return bj::object{{"type", "boolean"}};
        } else if constexpr (integer_type<U>) {
            // The 64-bit range is not stated: JavaScript validators and mock servers read
            // 9223372036854775807 as 2^63, past the range (schema.number_range is listed).
            return bj::object{{"type", "integer"}};
        } else if constexpr (float_type<U>) {
            return bj::object{{"type", "number"}};
        } else if constexpr (std::is_same_v<U, number>) {
            return bj::object{{"type", bj::array{"integer", "number"}}};
        } else if constexpr (std::is_same_v<U, scalar>) {
            return bj::object{{"type", bj::array{"string", "number", "boolean", "null"}}};
        } else if constexpr (std::is_same_v<U, json_value>) {
            return bj::value(true);
        } else if constexpr (described_enum<U>) {
            bj::array names;
            for_each_enum_wire_name<U>([&](std::string_view n) { names.emplace_back(bj::string_view(n.data(), n.size())); });
            return bj::object{{"enum", std::move(names)}};
        } else if constexpr (is_vector<U>::value) {
            return bj::object{{"type", "array"}, {"items", type_schema<typename U::value_type>()}};
        } else if constexpr (is_std_array<U>::value) {
            constexpr auto n = static_cast<std::int64_t>(std::tuple_size_v<U>);
            return bj::object{{"type", "array"},
                              {"items", type_schema<typename U::value_type>()},
                              {"minItems", n},
                              {"maxItems", n}};
        } else if constexpr (is_object_map<U>::value) {
            return bj::object{{"type", "object"},
                              {"additionalProperties", type_schema<typename U::value_type::second_type>()}};
        } else if constexpr (is_variant<U>::value) {
            bj::array alts;
            [&]<class... A>(std::variant<A...>*) { (alts.push_back(type_schema<A>()), ...); }(static_cast<U*>(nullptr));
            return bj::object{{"anyOf", std::move(alts)}};
        } else if constexpr (described_struct<U>) {
            return bj::object{{"$ref", "#/$defs/" + def_name<U>()}};
        } else {
            static_assert(sizeof(U) == 0, "drx::json_schema: a member type the export does not know");
        }
    }

    static bj::value nullable_of(bj::value inner) {
        if (inner.is_object()) {
            auto& o = inner.as_object();
            if (auto* t = o.if_contains("type"); t && only_type_specific(o)) {
                if (t->is_string()) {
                    o["type"] = bj::array{t->as_string(), "null"};
                    return inner;
                }
                if (t->is_array()) {
                    bool has_null = false;
                    for (auto const& x : t->as_array()) has_null = has_null || x == "null";
                    if (!has_null) t->as_array().emplace_back("null");
                    return inner;
                }
            }
        } else if (inner.is_bool() && inner.as_bool()) {
            return inner;
        }
        return bj::object{{"anyOf", bj::array{bj::object{{"type", "null"}}, std::move(inner)}}};
    }

    /// Adds the definition of struct T to $defs (once) and returns its name.
    template <class T>
    std::string define() {
        std::string name = def_name<T>();
        if (defs_.contains(name)) return name;
        defs_[name] = bj::object{};  // placeholder: recursion ends here
        defs_[name] = object_schema<T>();
        return name;
    }

    /// The schema of described struct T: its members, then its rules.
    template <class T>
    bj::object object_schema() {
        bj::object props;
        bj::array required;
        boost::mp11::mp_for_each<members_of<T>>([&](auto d) {
            using D = decltype(d);
            using M = std::remove_cvref_t<decltype(std::declval<T&>().*D::pointer)>;
            constexpr std::string_view w = wire_name_of<T, D>();
            props[bj::string_view(w.data(), w.size())] = type_schema<M>();
            if constexpr (!is_optional<M>::value) required.emplace_back(bj::string_view(w.data(), w.size()));
            define_nested<M>();
        });
        bj::object o{{"type", "object"}, {"properties", std::move(props)}};
        if (!required.empty()) o["required"] = std::move(required);
        bj::array all;
        notes_.clear();
        for_each_rule<T>([&](auto const& r) { rule<T>(r, all); });
        if (!all.empty()) o["allOf"] = std::move(all);
        // Descriptions from the rule declarations: each member's rules, and the object's own.
        std::string object_notes;
        for (auto const& [member, text] : notes_) {
            if (member.empty()) {
                object_notes += (object_notes.empty() ? "" : "\n") + text;
                continue;
            }
            bj::value& p = o["properties"].as_object()[member];
            if (!p.is_object()) p = bj::object{};
            bj::value& d = p.as_object()["description"];
            d = d.is_string() ? bj::value(std::string(d.as_string().c_str()) + "\n" + text) : bj::value(text);
        }
        if (!object_notes.empty()) o["description"] = "drx rules: " + object_notes;
        if (closed<T>()) o["unevaluatedProperties"] = false;
        return o;
    }

    template <class T>
    bool closed() const {
        return opt_.unknown_keys == drx::unknown_keys::error || drx_closed(static_cast<T const*>(nullptr));
    }

    /// Defines the structs inside member type M.
    template <class M>
    void define_nested() {
        using U = std::remove_cvref_t<M>;
        if constexpr (is_optional<U>::value || is_nullable<U>::value || is_vector<U>::value || is_std_array<U>::value) {
            define_nested<typename U::value_type>();
        } else if constexpr (is_object_map<U>::value) {
            define_nested<typename U::value_type::second_type>();
        } else if constexpr (is_variant<U>::value) {
            [&]<class... A>(std::variant<A...>*) { (define_nested<A>(), ...); }(static_cast<U*>(nullptr));
        } else if constexpr (described_struct<U>) {
            define<U>();
        }
    }

    // ---- conditions (relative to the object) ------------------------------------------------

    /// The schema of "member M is present and not null".
    template <auto M>
    static bj::object present_schema() {
        using V = std::remove_cvref_t<member_type_t<M>>;
        constexpr std::string_view w = wire_name<M>();
        bj::string_view k(w.data(), w.size());
        bj::object o{{"required", bj::array{k}}};
        if constexpr (may_be_null<V>())
            o["properties"] = bj::object{{k, bj::object{{"not", bj::object{{"type", "null"}}}}}};
        else
            o["properties"] = bj::object{{k, bj::object{}}};
        return o;
    }

    template <class V>
    static constexpr bool may_be_null() {
        if constexpr (is_optional<V>::value)
            return may_be_null<typename V::value_type>();
        else
            return is_nullable<V>::value;
    }

    /// The schema of condition P, or nullopt when it cannot be judged without the context
    /// (the rule is then skipped by drx check without one).
    static std::optional<bj::value> condition(rules::always const&) { return bj::value(true); }
    template <auto M>
    static std::optional<bj::value> condition(rules::present<M> const&) {
        return bj::value(present_schema<M>());
    }
    template <auto M>
    static std::optional<bj::value> condition(rules::is_true<M> const&) {
        constexpr std::string_view w = wire_name<M>();
        bj::string_view k(w.data(), w.size());
        return bj::value(bj::object{{"required", bj::array{k}}, {"properties", bj::object{{k, bj::object{{"const", true}}}}}});
    }
    template <auto M>
    static std::optional<bj::value> condition(rules::filled<M> const&) {
        constexpr std::string_view w = wire_name<M>();
        bj::string_view k(w.data(), w.size());
        return bj::value(bj::object{{"required", bj::array{k}},
                                    {"properties", bj::object{{k, bj::object{{"type", "string"}, {"pattern", "[^ \\t]"}}}}}});
    }
    template <auto M, class V, std::size_t N>
    static std::optional<bj::value> condition(rules::equal_to_t<M, V, N> const& c) {
        constexpr std::string_view w = wire_name<M>();
        bj::string_view k(w.data(), w.size());
        bj::array vals;
        for (auto const& v : c.values) {
            if constexpr (std::is_same_v<V, bool>)
                vals.emplace_back(v);
            else
                vals.emplace_back(bj::string_view(condition_text(v)));
        }
        return bj::value(bj::object{{"required", bj::array{k}}, {"properties", bj::object{{k, bj::object{{"enum", std::move(vals)}}}}}});
    }
    template <auto L, class V, std::size_t N>
    static std::optional<bj::value> condition(rules::fact_in_t<L, V, N> const& c) {
        // Without a context, a fact that may be unknown holds; one that may not skips the rule.
        if (c.unknown_holds) return bj::value(true);
        return std::nullopt;
    }
    template <class... P>
    static std::optional<bj::value> condition(rules::all_t<P...> const& c) {
        bj::array parts;
        bool ok = true;
        std::apply(
            [&](auto const&... p) {
                auto one = [&](auto const& x) {
                    auto s = condition(x);
                    if (!s) ok = false;
                    else if (!(s->is_bool() && s->as_bool())) parts.push_back(std::move(*s));
                };
                (one(p), ...);
            },
            c.parts);
        if (!ok) return std::nullopt;
        if (parts.empty()) return bj::value(true);
        if (parts.size() == 1) return parts[0];
        return bj::value(bj::object{{"allOf", std::move(parts)}});
    }
    template <class P>
    static std::optional<bj::value> condition(rules::not_t<P> const& c) {
        auto s = condition(c.inner);
        if (!s) return std::nullopt;
        if (s->is_bool()) return bj::value(!s->as_bool());
        return bj::value(bj::object{{"not", std::move(*s)}});
    }

    /// `schema` when `guard` holds: the schema itself, or if/then.
    static bj::value guarded(bj::value const& guard, bj::value schema) {
        if (guard.is_bool() && guard.as_bool()) return schema;
        return bj::object{{"if", guard}, {"then", std::move(schema)}};
    }

    // ---- constraints on a value of type V ----------------------------------------------------

    template <class V>
    static constexpr bool is_string_like() {
        return std::is_same_v<V, std::string> || std::is_same_v<V, scalar>;
    }

    template <class V>
    fragment constraint(rules::range const& c) {
        return schema_of({{"minimum", bound(c.min)}, {"maximum", bound(c.max)}});
    }
    template <class V>
    fragment constraint(rules::finite_number const&) {
        return schema_of({});  // JSON text holds finite numbers only (the reader refuses overflow)
    }
    template <class V>
    static fragment sizes(std::size_t min, std::optional<std::size_t> max) {
        char const* lo = nullptr;
        char const* hi = nullptr;
        if constexpr (is_string_like<V>()) {
            lo = "minLength", hi = "maxLength";
        } else if constexpr (is_vector<V>::value || is_std_array<V>::value) {
            lo = "minItems", hi = "maxItems";
        } else if constexpr (is_object_map<V>::value) {
            lo = "minProperties", hi = "maxProperties";
        } else {
            return schema_of({});
        }
        bj::object o{{lo, static_cast<std::uint64_t>(min)}};
        if (max) o[hi] = static_cast<std::uint64_t>(*max);
        return schema_of(std::move(o));
    }
    template <class V>
    fragment constraint(rules::size_in const& c) {
        return sizes<V>(c.min, c.max);
    }
    template <class V>
    fragment constraint(rules::non_empty const&) {
        return sizes<V>(1, std::nullopt);
    }
    template <class V>
    fragment constraint(rules::unique_items const&) {
        return schema_of({{"uniqueItems", true}});
    }
    template <class V, std::size_t N>
    fragment constraint(rules::one_of<N> const& c) {
        bj::object e{{"enum", string_array(c.values)}};
        if constexpr (std::is_same_v<V, scalar>)
            return schema_of({{"anyOf", bj::array{bj::object{{"not", bj::object{{"type", "string"}}}}, std::move(e)}}});
        else
            return schema_of(std::move(e));
    }
    template <class V, std::size_t N>
    fragment constraint(rules::none_of<N> const& c) {
        return schema_of({{"not", bj::object{{"enum", string_array(c.values)}}}});
    }
    template <class V>
    fragment constraint(rules::forbidden const&) {
        return {true, bj::value(false)};
    }
    template <class V>
    fragment constraint(rules::wrong_type const&) {
        return schema_of({});  // the member's type says it
    }
    template <class V>
    fragment constraint(rules::int_or_literal const& c) {
        bj::object i{{"type", "integer"}};
        if (c.min) i["minimum"] = bound(*c.min);
        return schema_of(
            {{"anyOf", bj::array{std::move(i), bj::object{{"const", bj::string_view(c.literal.data(), c.literal.size())}}}}});
    }
    template <class V>
    fragment constraint(rules::format const& c) {
        if (c.pattern.empty()) return inexpressible();
        return schema_of({{"pattern", bj::string_view(c.pattern.data(), c.pattern.size())}});
    }
    template <class V, class C>
    fragment constraint(rules::each<C> const& c) {
        if constexpr (is_vector<V>::value || is_std_array<V>::value) {
            using E = typename V::value_type;
            fragment f = constraint<unwrap_t<E>>(c.inner);
            if (!f.expressible) return f;
            return schema_of({{"items", member_level<E>(std::move(f.schema))}});
        } else if constexpr (is_object_map<V>::value) {
            using E = typename V::value_type::second_type;
            fragment f = constraint<unwrap_t<E>>(c.inner);
            if (!f.expressible) return f;
            return schema_of({{"additionalProperties", member_level<E>(std::move(f.schema))}});
        } else {
            return schema_of({});
        }
    }
    template <class V, auto F, class C>
    fragment constraint(rules::field<F, C> const& c) {
        using FT = std::remove_cvref_t<member_type_t<F>>;
        fragment f = constraint<unwrap_t<FT>>(c.inner);
        if (!f.expressible) return f;
        constexpr std::string_view w = wire_name<F>();
        return schema_of({{"properties", bj::object{{bj::string_view(w.data(), w.size()), member_level<FT>(std::move(f.schema))}}}});
    }
    // Needing the context, comparing items, or a function: not expressible.
    template <class V, auto F>
    fragment constraint(rules::unique_by<F> const&) { return inexpressible(); }
    template <class V, auto L>
    fragment constraint(rules::in_context<L> const&) { return inexpressible(); }
    template <class V, auto L>
    fragment constraint(rules::equals_fact<L> const&) { return inexpressible(); }
    template <class V, auto F>
    fragment constraint(rules::ascending_by<F> const&) { return inexpressible(); }
    template <class V>
    fragment constraint(rules::decimal_at_most const&) { return inexpressible(); }

    /// The `type` keyword of a non-null value of type V, when it has one.
    template <class V>
    static std::optional<bj::value> type_keyword() {
        using U = std::remove_cvref_t<V>;
        if constexpr (std::is_same_v<U, std::string> || described_enum<U>)
            return bj::value("string");
        else if constexpr (std::is_same_v<U, bool>)
            return bj::value("boolean");
        else if constexpr (integer_type<U>)
            return bj::value("integer");
        else if constexpr (float_type<U>)
            return bj::value("number");
        else if constexpr (std::is_same_v<U, number>)
            return bj::value(bj::array{"integer", "number"});
        else if constexpr (std::is_same_v<U, scalar>)
            return bj::value(bj::array{"string", "number", "boolean", "null"});
        else if constexpr (is_vector<U>::value || is_std_array<U>::value)
            return bj::value("array");
        else if constexpr (is_object_map<U>::value || described_struct<U>)
            return bj::value("object");
        else
            return std::nullopt;
    }

    /// The schema of a rule's fragment on a member (or item) of type M, through optional and
    /// nullable: the fragment with the value's `type` (so that its type-specific keywords are
    /// applicable, as Ajv's strict mode asks), and a null value passing, as member rules skip
    /// null.
    template <class M>
    static bj::value member_level(bj::value s) {
        using V = unwrap_t<std::remove_cvref_t<M>>;
        if (s.is_object() && !s.as_object().empty() && !s.as_object().contains("type"))
            if (auto t = type_keyword<V>()) {
                bj::object o{{"type", std::move(*t)}};
                for (auto& kv : s.as_object()) o[kv.key()] = std::move(kv.value());
                s = std::move(o);
            }
        if constexpr (may_be_null<std::remove_cvref_t<M>>()) {
            if (s.is_bool() && s.as_bool()) return s;
            // Keywords that judge only values of the stated type let null through once the
            // type admits it; the others (enum, const, not, ...) need an explicit branch.
            if (s.is_object() && s.as_object().contains("type") && only_type_specific(s.as_object())) {
                bj::value& t = s.as_object()["type"];
                if (t.is_string()) t = bj::array{t.as_string(), "null"};
                else if (t.is_array() && std::find(t.as_array().begin(), t.as_array().end(), bj::value("null")) == t.as_array().end())
                    t.as_array().emplace_back("null");
                return s;
            }
            return bj::object{{"anyOf", bj::array{bj::object{{"type", "null"}}, std::move(s)}}};
        } else {
            return s;
        }
    }

    /// True when every keyword of `o` but `type` applies to values of one type only.
    static bool only_type_specific(bj::object const& o) {
        static constexpr std::string_view specific[] = {
            "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength",
            "pattern", "minItems", "maxItems", "uniqueItems", "items", "prefixItems", "contains", "minProperties",
            "maxProperties", "properties", "additionalProperties", "required", "dependentRequired"};
        for (auto const& kv : o) {
            std::string_view k(kv.key().data(), kv.key().size());
            if (k != "type" && std::find(std::begin(specific), std::end(specific), k) == std::end(specific)) return false;
        }
        return true;
    }

    // ---- rules ---------------------------------------------------------------------------

    /// Lists a rule under x-drx-rules.
    void list(rules::rule_base const& r, drx::needs n, std::string_view message, std::string_view why) {
        for (auto const& e : x_rules_)
            if (e.as_object().at("id") == bj::string_view(r.id.data(), r.id.size()) &&
                e.as_object().at("message") == bj::string_view(message.data(), message.size()))
                return;
        x_rules_.push_back(bj::object{{"id", bj::string_view(r.id.data(), r.id.size())},
                                      {"level", level_name(r.level)},
                                      {"severity", r.severity == severity::error ? "error" : "warning"},
                                      {"needs", needs_names(n)},
                                      {"message", bj::string_view(message.data(), message.size())},
                                      {"why", bj::string_view(why.data(), why.size())}});
    }
    /// Records that rule id `id` is expressed by the document.
    void expressed(std::string_view id) {
        for (auto const& e : expressed_)
            if (e == bj::string_view(id.data(), id.size())) return;
        expressed_.emplace_back(bj::string_view(id.data(), id.size()));
    }
    bj::array& expressed_ids() { return expressed_; }

    /// A rule message as prose: its placeholders ({} and {value}, {size}, {first}, {member},
    /// {fact}; rules.hpp) said in words, and a trailing ", got {...}" dropped.
    static std::string prose(std::string_view message) {
        std::string m(message);
        for (std::string_view tail : {", got {value}", ", got {}", ", got {size}"})
            if (m.ends_with(tail)) m.resize(m.size() - tail.size());
        auto replace_all = [&](std::string_view from, std::string_view to) {
            for (std::size_t at = m.find(from); at != std::string::npos; at = m.find(from, at + to.size()))
                m.replace(at, from.size(), to);
        };
        replace_all(" (first at index {first})", "");
        replace_all("value {} ", "a value ");
        replace_all("{value}", "the value");
        replace_all("{size}", "its size");
        replace_all("{first}", "the first one");
        replace_all("{member}", "the member");
        replace_all("{fact}", "the context's value");
        replace_all("{}", "the value");
        return m;
    }

    /// Notes a rule for the description of its member (or of the object).
    void note(rule_info const& i) {
        if (i.message.empty() || i.message == i.id) return;  // nothing to say beyond the id
        std::string t = i.id + (i.severity == severity::error ? "" : " (warning)") + ": " + prose(i.message);
        notes_.emplace_back(i.member, std::move(t));
    }

    /// Applies rule r of T: adds its schema to `all`, or lists it with the reason (rule_info_of
    /// gives its message, member and needs, as `drx rules` lists them).
    template <class T, class R>
    void rule(R const& r, bj::array& all) {
        rule_info const i = rule_info_of<T>(r);
        note(i);
        if (r.level == drx::level::schema) return expressed(r.id);  // a type rule of the reader: the types say it
        if (r.severity != severity::error) return list(r, i.needs, i.message, "a warning: it does not make an instance invalid");
        std::string_view why = express<T>(r, all);
        if (why.empty())
            expressed(r.id);
        else
            list(r, i.needs, i.message, why);
    }

    // express<T>(rule, all): adds an error rule's schema to `all` and returns "", or returns
    // why JSON Schema cannot say it.
    template <class T, auto M, class C, class G>
    std::string_view express(rules::member_rule<M, C, G> const& r, bj::array& all) {
        using MT = std::remove_cvref_t<member_type_t<M>>;
        if (rules::constraint_needs(static_cast<C const*>(nullptr)) != drx::needs::nothing) return "needs the context";
        auto guard = condition(r.guard);
        if (!guard) return "its condition needs the context";
        fragment f = constraint<unwrap_t<MT>>(r.constraint);
        if (!f.expressible) return "not expressible in JSON Schema";
        constexpr std::string_view w = wire_name<M>();
        bj::object on_member{{"properties", bj::object{{bj::string_view(w.data(), w.size()), member_level<MT>(std::move(f.schema))}}}};
        all.push_back(guarded(*guard, std::move(on_member)));
        return {};
    }
    template <class T, auto... Ms>
    std::string_view express(rules::mutually_exclusive<Ms...> const&, bj::array& all) {
        bj::array pairs;
        bj::array ps{bj::value(present_schema<Ms>())...};
        for (std::size_t a = 0; a < ps.size(); ++a)
            for (std::size_t b = a + 1; b < ps.size(); ++b) pairs.push_back(bj::object{{"allOf", bj::array{ps[a], ps[b]}}});
        all.push_back(bj::object{{"not", pairs.size() == 1 ? pairs[0] : bj::value(bj::object{{"anyOf", std::move(pairs)}})}});
        return {};
    }
    template <class T, auto A, auto B>
    std::string_view express(rules::requires_member<A, B> const&, bj::array& all) {
        all.push_back(bj::object{{"if", present_schema<A>()}, {"then", present_schema<B>()}});
        return {};
    }
    template <class T, auto... Ms>
    std::string_view express(rules::exactly_one_of<Ms...> const&, bj::array& all) {
        all.push_back(bj::object{{"oneOf", bj::array{bj::value(present_schema<Ms>())...}}});
        return {};
    }
    template <class T, auto A, auto B>
    std::string_view express(rules::ordered<A, B> const&, bj::array&) {
        return "compares two members";
    }
    template <class T, auto At, class P, class G>
    std::string_view express(rules::requirement<At, P, G> const& r, bj::array& all) {
        auto guard = condition(r.guard);
        auto cond = condition(r.condition);
        if (!guard || !cond) return "needs the context";
        all.push_back(guarded(*guard, std::move(*cond)));
        return {};
    }
    template <class T, auto Old, auto New>
    std::string_view express(rules::deprecated<Old, New> const&, bj::array&) {
        return "a warning: it does not make an instance invalid";  // deprecated names are warnings
    }
    template <class T>
    std::string_view express(rules::custom<T> const& r, bj::array& all) {
        if (r.needs != needs::nothing) return "needs the context";
        if (r.schema.empty()) return "a rule written as a function";
        all.push_back(bj::parse(bj::string_view(r.schema.data(), r.schema.size())));
        return {};
    }

private:
    json_schema_options opt_;
    /// The rule notes of the object being exported: (member wire name or "", text).
    std::vector<std::pair<std::string, std::string>> notes_;
    bj::object defs_;
    bj::array x_rules_;
    bj::array expressed_;
};

/// The reader's refusals that a JSON Schema validator cannot see (of reader_rules_info),
/// listed in every document.
inline void reader_rules(bj::array& out) {
    for (rule_info const& r : reader_rules_info()) {
        if (r.id != schema_rule::duplicate_key && r.id != schema_rule::number_range && r.id != schema_rule::syntax &&
            r.id != schema_rule::limit)
            continue;
        out.push_back(bj::object{{"id", r.id},
                                 {"level", "schema"},
                                 {"severity", "error"},
                                 {"needs", bj::array{}},
                                 {"message", r.message},
                                 {"why", "a JSON Schema validator sees the parsed value, not the text"}});
    }
}

/// Writes v as indented JSON text (two spaces; numbers as drx writes them).
inline void write_pretty(std::string& out, bj::value const& v, int indent) {
    auto nl = [&](int n) {
        out += '\n';
        out.append(static_cast<std::size_t>(n) * 2, ' ');
    };
    switch (v.kind()) {
        case bj::kind::null: out += "null"; break;
        case bj::kind::bool_: out += v.get_bool() ? "true" : "false"; break;
        case bj::kind::int64: out += std::to_string(v.get_int64()); break;
        case bj::kind::uint64: out += std::to_string(v.get_uint64()); break;
        case bj::kind::double_: append_float_repr(out, v.get_double()); break;
        case bj::kind::string: {
            bj::string const& s = v.get_string();
            append_json_string(out, std::string_view(s.data(), s.size()), false);
            break;
        }
        case bj::kind::array: {
            auto const& a = v.get_array();
            if (a.empty()) {
                out += "[]";
                break;
            }
            bool scalars = true;
            for (auto const& x : a) scalars = scalars && !x.is_structured();
            out += '[';
            for (std::size_t i = 0; i < a.size(); ++i) {
                if (i) out += scalars ? ", " : ",";
                if (!scalars) nl(indent + 1);
                write_pretty(out, a[i], indent + 1);
            }
            if (!scalars) nl(indent);
            out += ']';
            break;
        }
        case bj::kind::object: {
            auto const& o = v.get_object();
            if (o.empty()) {
                out += "{}";
                break;
            }
            out += '{';
            bool first = true;
            for (auto const& kv : o) {
                if (!first) out += ',';
                first = false;
                nl(indent + 1);
                append_json_string(out, std::string_view(kv.key().data(), kv.key().size()), false);
                out += ": ";
                write_pretty(out, kv.value(), indent + 1);
            }
            nl(indent);
            out += '}';
            break;
        }
    }
}

/// v as indented JSON text ending in a newline (the documents' form).
inline std::string pretty_text(bj::value const& v) {
    std::string out;
    write_pretty(out, v, 0);
    out += '\n';
    return out;
}

}  // namespace detail::json_schema_impl

/// The JSON Schema document of catalogue schema T, as a Boost.JSON object: `$schema`, `$id`,
/// `title`, the root object's keywords, `$defs` (the nested structs), `x-drx-rules` (what the
/// document cannot express) and `x-drx-expressed` (the rule ids it does express).
template <class T>
boost::json::object json_schema_object(json_schema_options const& opt = {}) {
    namespace js = detail::json_schema_impl;
    namespace bj = boost::json;
    js::exporter ex(opt);
    // The reader's structural rules: the types, `required`, the enumerations and closed objects;
    // schema.number_range too where a member's own range rule refuses the number first (1e300
    // in [0, 100]), while it is listed for the 64-bit and double limits.
    for (std::string_view id : {schema_rule::type, schema_rule::required, schema_rule::enumeration,
                                schema_rule::unknown_key, schema_rule::number_range})
        ex.expressed(id);
    std::string name = js::def_name<T>();
    bj::object root{{"$schema", bj::string_view(json_schema_dialect.data(), json_schema_dialect.size())},
                    {"$id", std::string(opt.id_prefix) + name},
                    {"title", name}};
    bj::object body = ex.template object_schema<T>();
    for (auto& kv : body) root[kv.key()] = std::move(kv.value());
    if (!ex.defs().empty()) root["$defs"] = std::move(ex.defs());
    js::reader_rules(ex.drx_rules_out());
    root["x-drx-rules"] = std::move(ex.drx_rules_out());
    root["x-drx-expressed"] = std::move(ex.expressed_ids());
    return root;
}

/// The JSON Schema document of catalogue schema T, as indented text ending in a newline.
template <class T>
std::string json_schema(json_schema_options const& opt = {}) {
    return detail::json_schema_impl::pretty_text(json_schema_object<T>(opt));
}

}  // namespace drx
