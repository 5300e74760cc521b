// SPDX-License-Identifier: BSL-1.0
// drx: libFuzzer adapters. Fuzzer bytes become instances of drx types, and JSON documents of a
// schema get structure-aware mutations.
//
// Fuzzing your own code with drx types (the bytes choose every value; any input gives an
// instance, within the declared member rules):
//
//     #include <drx/drx.hpp>
//     #include <drx/tools/fuzz.hpp>
//
//     extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
//         auto page = drx::fuzz_instance<drx::prediction_explanations_page>(data, size);
//         my_client_handles(page);               // or send drx::to_json(page) to your server
//         return 0;
//     }
//
// Structure-aware fuzzing of code that reads JSON text of one schema: libFuzzer's byte
// mutations rarely keep a document readable, so let drx mutate the document as an instance
// (regenerate an object, move a value onto or across a rule's boundary, break one schema
// rule) and let libFuzzer's own mutations do the rest:
//
//     extern "C" std::size_t LLVMFuzzerMutate(std::uint8_t*, std::size_t, std::size_t);
//     extern "C" std::size_t LLVMFuzzerCustomMutator(std::uint8_t* data, std::size_t size,
//                                                    std::size_t max_size, unsigned seed) {
//         return drx::mutate_json<drx::cluster_list>(data, size, max_size, seed,
//                                                    {.fallback = &LLVMFuzzerMutate});
//     }
//
// A dictionary for a schema (libFuzzer's -dict=FILE format) comes from fuzz_dictionary<T>():
// its wire names, enumeration literals and the literals of one_of rules.
//
// Nothing here needs libFuzzer to compile or run: the adapters take bytes and a seed, so they
// also serve other engines (AFL++, honggfuzz) and plain tests.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <boost/describe/enum.hpp>
#include <boost/describe/enumerators.hpp>
#include <boost/mp11/algorithm.hpp>

#include <drx/check.hpp>
#include <drx/read.hpp>
#include <drx/rules.hpp>
#include <drx/tools/generate.hpp>
#include <drx/wire_name.hpp>
#include <drx/write.hpp>

namespace drx {

// ---- bytes as instances -----------------------------------------------------------------------

/// An instance of T whose every choice is read from the fuzzer's bytes (drx::byte_entropy):
/// the shape follows the declaration, values stay within the member rules, and T's repair hooks
/// run. The same bytes always give the same instance; short inputs give small instances (once
/// the bytes run out every choice takes its smallest option). Cross-member and custom rules are
/// not guaranteed: use fuzz_valid_instance() when the code under test needs a valid instance.
template <class T>
T fuzz_instance(std::uint8_t const* data, std::size_t size, generate_options const& opt = {}) {
    byte_entropy e(data, size);
    generator g(e, opt);
    return g.make<T>();
}

/// fuzz_instance(), kept only when it passes check() at the rules level against opt.ctx;
/// std::nullopt otherwise (tell libFuzzer to skip the input by returning early).
template <class T>
std::optional<T> fuzz_valid_instance(std::uint8_t const* data, std::size_t size, generate_options const& opt = {}) {
    T v = fuzz_instance<T>(data, size, opt);
    if (!check(v, {.level = level::rules, .ctx = opt.ctx}).diagnostics.empty()) return std::nullopt;
    return v;
}

// ---- structure-aware mutation -----------------------------------------------------------------

/// libFuzzer's byte-level mutator, `LLVMFuzzerMutate`, or any function of that shape.
using byte_mutator = std::size_t (*)(std::uint8_t* data, std::size_t size, std::size_t max_size);

/// Knobs of mutate_json().
struct mutate_options {
    /// How instances are generated (regenerated objects, fresh documents).
    generate_options generate{};
    /// How the current document is read (unknown keys are ignored by default: a mutated
    /// document keeps reading when a byte-level mutation renamed a key).
    read_options read = [] {
        read_options r;
        r.unknown_keys = unknown_keys::ignore;
        r.duplicate_keys = duplicate_keys::last_wins;
        return r;
    }();
    /// Byte-level mutations (pass &LLVMFuzzerMutate); used for a share of the calls and for
    /// documents that do not read as T. Without it every call is structural.
    byte_mutator fallback = nullptr;
    /// The share of calls given to `fallback` when it is set.
    double byte_level = 0.25;
};

/// The structural mutations mutate_json() chooses from.
enum class json_mutation {
    /// A fresh instance of T (one that generate_valid() accepts, when it can make one).
    fresh,
    /// One object inside the document (or the document itself) generated anew.
    regenerate_object,
    /// A value moved onto or across the boundary of one declared rule (boundary_cases' sites).
    rule_boundary,
    /// One schema rule broken: a member missing, of the wrong type, repeated, out of range.
    schema_break,
    /// The same document in another layout (Python's separators, indentation).
    relayout,
};
BOOST_DESCRIBE_ENUM(json_mutation, fresh, regenerate_object, rule_boundary, schema_break, relayout)

namespace detail {

/// The number of described objects inside v (v included).
template <class V>
std::size_t count_objects(V& v) {
    std::size_t n = 0;
    std::string ptr;
    for_each_object(v, ptr, [&](auto&) { ++n; });
    return n;
}

/// Generates the k-th described object inside v (in for_each_object's order) anew.
template <class V>
void regenerate_object(V& v, std::size_t k, generator& g) {
    std::size_t i = 0;
    std::string ptr;
    bool done = false;
    for_each_object(v, ptr, [&](auto& obj) {
        if (!done && i++ == k) {
            g.fill(obj);
            done = true;
        }
    });
}

}  // namespace detail

/// One structural mutation of the JSON text `current` of schema T, with choices drawn from
/// `e`; `applied` (when not null) says which. A document that does not read as T is replaced
/// by a fresh instance. Returns std::nullopt only when no mutation applies (a fresh instance
/// could not be written).
template <class T>
std::optional<std::string> mutate_json_text(std::string_view current, entropy& e, mutate_options const& opt = {},
                                            json_mutation* applied = nullptr) {
    generator g(e, opt.generate);
    auto fresh = [&]() -> std::optional<std::string> {
        if (applied) *applied = json_mutation::fresh;
        result<T> v = generate_valid<T>(g);
        T x = v.ok() ? std::move(v).value() : g.make<T>();
        result<std::string> text = write(x);
        if (!text) return std::nullopt;
        return std::move(text).value();
    };
    result<T> r = read<T>(current, opt.read);
    if (!r.unchecked() || has_errors(r.diagnostics())) return fresh();
    T v = *r.unchecked();

    for (int attempt = 0; attempt < 4; ++attempt) {
        switch (e.below(5)) {
            case 0: return fresh();
            case 1: {
                T x = v;
                std::size_t n = detail::count_objects(x);
                if (n == 0) break;
                detail::regenerate_object(x, e.below(n), g);
                result<std::string> text = write(x);
                if (!text) break;
                if (applied) *applied = json_mutation::regenerate_object;
                return std::move(text).value();
            }
            case 2: {
                T x = v;
                auto sites = detail::sites_of(x, g);
                if (sites.empty()) break;
                if (!sites[e.below(sites.size())].apply()) break;
                result<std::string> text = write(x);
                if (!text) break;
                if (applied) *applied = json_mutation::rule_boundary;
                return std::move(text).value();
            }
            case 3: {
                std::vector<detail::json_site> sites;
                detail::json_site_collector(sites).visit(v);
                if (sites.empty()) break;
                result<std::string> base = write(v);
                if (!base) break;
                std::string text = detail::apply_json_site(base.value(), sites[e.below(sites.size())]);
                if (text.empty()) break;
                if (applied) *applied = json_mutation::schema_break;
                return text;
            }
            default: {
                write_options wo = e.chance(0.5) ? write_options::python() : write_options::indented(e.chance(0.5) ? 2 : 4);
                wo.ensure_ascii = e.chance(0.5);
                result<std::string> text = write(v, wo);
                if (!text) break;
                if (applied) *applied = json_mutation::relayout;
                return std::move(text).value();
            }
        }
    }
    return fresh();
}

/// A libFuzzer custom mutator for JSON documents of schema T (LLVMFuzzerCustomMutator's
/// signature plus options): mutates data[0, size) in place and returns the new size, at most
/// max_size. Deterministic for a given seed. A share of the calls (opt.byte_level) and every
/// structural result longer than max_size go to opt.fallback when it is set; without it such
/// a result leaves the input unchanged.
template <class T>
std::size_t mutate_json(std::uint8_t* data, std::size_t size, std::size_t max_size, unsigned seed,
                        mutate_options const& opt = {}) {
    seeded_entropy e(seed);
    if (opt.fallback && e.chance(opt.byte_level)) return opt.fallback(data, size, max_size);
    std::optional<std::string> text =
        mutate_json_text<T>(std::string_view(reinterpret_cast<char const*>(data), size), e, opt);
    if (!text || text->size() > max_size) return opt.fallback ? opt.fallback(data, size, max_size) : size;
    if (!text->empty()) std::memcpy(data, text->data(), text->size());
    return text->size();
}

// ---- dictionaries -----------------------------------------------------------------------------

namespace detail {

template <class U>
void add_one_of_literals(std::set<std::string>& out, U const& c) {
    if constexpr (requires { c.values; })
        for (auto v : c.values) out.insert(std::string(v));
    if constexpr (requires { c.inner; }) add_one_of_literals(out, c.inner);
}

/// Collects the tokens of type V (types already seen in `seen` are skipped: recursive types
/// end).
template <class V>
void dictionary_tokens(std::set<std::string>& keys, std::set<std::string>& literals, std::set<void const*>& seen) {
    using U = std::remove_cvref_t<V>;
    if constexpr (is_optional<U>::value || is_nullable<U>::value || is_vector<U>::value || is_std_array<U>::value) {
        dictionary_tokens<typename U::value_type>(keys, literals, seen);
    } else if constexpr (is_object_map<U>::value) {
        dictionary_tokens<typename U::value_type::second_type>(keys, literals, seen);
    } else if constexpr (is_variant<U>::value) {
        [&]<class... A>(std::variant<A...>*) { (dictionary_tokens<A>(keys, literals, seen), ...); }(
            static_cast<U*>(nullptr));
    } else if constexpr (described_enum<U>) {
        for_each_enum_wire_name<U>([&](std::string_view w) { literals.insert(std::string(w)); });
    } else if constexpr (described_struct<U>) {
        static constexpr char tag = 0;
        if (!seen.insert(&tag).second) return;
        boost::mp11::mp_for_each<members_of<U>>([&](auto d) {
            using D = decltype(d);
            keys.insert(std::string(wire_name_of<U, D>()));
            dictionary_tokens<std::remove_cvref_t<decltype(std::declval<U&>().*D::pointer)>>(keys, literals, seen);
        });
        for_each_rule<U>([&](auto const& r) {
            if constexpr (requires { r.constraint; }) add_one_of_literals(literals, r.constraint);
        });
    }
}

}  // namespace detail

/// The form of a dictionary's entries.
enum class dictionary_form {
    /// JSON documents: `"wireName":` keys and `"literal"` strings, JSON punctuation.
    json,
    /// Query strings: `wireName=` parameters and bare literals, `&`, `=`, escapes.
    query,
};

/// A libFuzzer dictionary (-dict=FILE) for the schemas in Ts...: every wire name, every
/// enumeration literal and every one_of literal, then the punctuation of the form. One entry
/// per line, in the `"..."` form with `\\` and `\"` escaped and bytes outside printable ASCII as
/// `\xNN`.
template <class... Ts>
std::string fuzz_dictionary(dictionary_form form = dictionary_form::json) {
    std::set<std::string> keys, literals;
    std::set<void const*> seen;
    (detail::dictionary_tokens<Ts>(keys, literals, seen), ...);
    auto entry = [](std::string const& token) {
        std::string out = "\"";
        static constexpr char hex[] = "0123456789abcdef";
        for (unsigned char c : token) {
            if (c == '\\' || c == '"') {
                out += '\\';
                out += static_cast<char>(c);
            } else if (c < 0x20 || c >= 0x7f) {
                out += "\\x";
                out += hex[c >> 4];
                out += hex[c & 15];
            } else {
                out += static_cast<char>(c);
            }
        }
        return out + "\"\n";
    };
    bool json = form == dictionary_form::json;
    std::string out = "# drx::fuzz_dictionary(): wire names, literals, punctuation.\n";
    for (auto const& k : keys) out += entry(json ? "\"" + k + "\":" : k + "=");
    for (auto const& l : literals) out += entry(json ? "\"" + l + "\"" : l);
    std::initializer_list<char const*> json_tokens = {"{", "}", "[", "]", ",", ":", "null", "true", "false", "-0",
                                                      "0.0", "1e-05", "1e+16", "\\u00e9", "\\ud83d\\ude00", "\"\""};
    std::initializer_list<char const*> query_tokens = {"&", "=", "+", "%", "%20", "%2B", "%26", "%3D", "%C3%A9",
                                                       "%FF", "true", "false", "all", "-1", "1e3", "0.5", "nan"};
    for (char const* t : json ? json_tokens : query_tokens) out += entry(t);
    return out;
}

}  // namespace drx
