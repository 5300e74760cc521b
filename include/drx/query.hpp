// SPDX-License-Identifier: BSL-1.0
// drx: query strings, a format beside JSON: reading and writing any described struct whose
// members are all std::optional, with the conversions of a Python server (trafaret 1.x on
// Werkzeug's form decoding) and diagnostics with pointers, as drx/read.hpp does for JSON.
//
//     auto q = drx::read_query<drx::deployment_predictions_query>("maxExplanations=3");
//     std::string s = drx::write_query(q.value());
//
// How a query string is decoded: parameters are separated by '&' only (not ';'); empty parts
// are skipped; a part without '=' is a parameter with an empty value; '+' is a space; %XX is
// the byte XX; the bytes must then be UTF-8 (a malformed escape or invalid UTF-8 is
// schema.syntax). A parameter given twice that is not a list keeps its first value, with a
// schema.duplicate_key warning; unknown parameters are schema.unknown_key warnings.
// How one is built: members in declared order, lists as repeated parameters, quote_plus
// encoding; integers in decimal, floats as Python's str(float), booleans "true" / "false".
// The conversions (Python's int() and float(), StrBool) are in drx/detail/python_numbers.hpp.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/describe/class.hpp>
#include <boost/mp11/algorithm.hpp>

#include <drx/checker.hpp>
#include <drx/detail/python_format.hpp>
#include <drx/detail/python_numbers.hpp>
#include <drx/detail/text.hpp>
#include <drx/detail/traits.hpp>
#include <drx/diagnostic.hpp>
#include <drx/query_options.hpp>
#include <drx/rules.hpp>
#include <drx/scalar.hpp>
#include <drx/wire_name.hpp>

namespace drx {

// =============================================================================================
// Query strings: reading and writing any described struct of optional members
// =============================================================================================

namespace detail::deployment_impl {

constexpr std::array<query_param, 0> drx_query_params(void const*) { return {}; }

template <class T>
constexpr auto query_params_of() {
    return drx_query_params(static_cast<T const*>(nullptr));
}

/// The query_param of member D of T (key = member name, type rule schema.type when undeclared).
template <class T, class D>
constexpr query_param query_param_of() {
    constexpr auto ps = query_params_of<T>();
    for (auto const& p : ps)
        if (p.member == std::string_view(D::name)) return p;
    return {D::name, D::name, schema_rule::type};
}

inline int hex_digit_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/// Form-decodes one name or value: '+' is a space, %XX a byte. On a malformed escape returns
/// false and sets `bad` to the offending text ("%zz", "%4", "%").
inline bool form_decode(std::string_view in, std::string& out, std::string& bad) {
    out.clear();
    out.reserve(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
        char c = in[i];
        if (c == '+') {
            out += ' ';
        } else if (c == '%') {
            int h = i + 1 < in.size() ? hex_digit_value(in[i + 1]) : -1;
            int l = i + 2 < in.size() ? hex_digit_value(in[i + 2]) : -1;
            if (h < 0 || l < 0) {
                bad = std::string(in.substr(i, std::min<std::size_t>(3, in.size() - i)));
                return false;
            }
            out += static_cast<char>(h * 16 + l);
            i += 2;
        } else {
            out += c;
        }
    }
    return true;
}

/// quote_plus: A-Z a-z 0-9 _ . - ~ kept, space as '+', every other byte as %XX.
inline void form_encode(std::string& out, std::string_view in) {
    static constexpr char hex[] = "0123456789ABCDEF";
    for (unsigned char c : in) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
            c == '-' || c == '~') {
            out += static_cast<char>(c);
        } else if (c == ' ') {
            out += '+';
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 0xF];
        }
    }
}

/// Collects diagnostics up to a cap, counting the rest.
struct query_sink {
    std::vector<diagnostic>& out;
    std::size_t cap;
    std::size_t omitted = 0;
    bool errors = false;
    bool dropped_error = false;
    void add(std::string pointer, std::string_view rule, std::string message, std::optional<std::string> expected = {},
             std::optional<std::string> actual = {}, severity sev = severity::error) {
        if (sev == severity::error) errors = true;
        if (cap != 0 && out.size() >= cap) {
            ++omitted;
            if (sev == severity::error) dropped_error = true;
            return;
        }
        out.push_back({std::move(pointer), std::string(rule), sev, std::move(message), std::move(expected),
                       std::move(actual)});
    }
};

/// Replaces every `from` in `s` by `to`.
inline void replace_all(std::string& s, std::string_view from, std::string_view to) {
    for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size()))
        s.replace(p, from.size(), to);
}

/// The text inside a json_quoted() string of digits and signs (no escapes in such text).
inline std::string unquote_text(std::string const& quoted) {
    if (quoted.size() >= 2 && quoted.front() == '"' && quoted.back() == '"') return quoted.substr(1, quoted.size() - 2);
    return quoted;
}

/// An integer beyond 64 bits is kept saturated, with a schema.number_range warning whose
/// `actual` is the text that came: the rule diagnostics `ds` at its pointer quote that text
/// instead of the saturated value.
inline void quote_saturated(std::vector<diagnostic> const& conversion, std::vector<diagnostic>& ds) {
    for (auto const& c : conversion) {
        if (c.rule != schema_rule::number_range || c.severity != severity::warning || !c.actual) continue;
        std::string const text = unquote_text(*c.actual);
        for (auto& d : ds) {
            if (d.pointer != c.pointer) continue;
            for (std::string_view sat : {"-9223372036854775808", "9223372036854775807"}) {
                replace_all(d.message, sat, text);
                if (d.actual) replace_all(*d.actual, sat, text);
            }
        }
    }
}

/// Python's int() of a parameter's text, saturated to int64 (with a warning) when larger.
inline bool query_int(std::string_view text, std::int64_t& v, query_sink& sink, std::string const& ptr,
                      std::string_view type_rule) {
    auto r = python_int(text);
    if (!r.ok()) {
        sink.add(ptr, type_rule, "value can't be converted to int", "an integer (Python int())", detail::json_quoted(text));
        return false;
    }
    if (r.fits) {
        v = r.value;
        return true;
    }
    v = r.negative ? std::numeric_limits<std::int64_t>::min() : std::numeric_limits<std::int64_t>::max();
    sink.add(ptr, schema_rule::number_range, "integer beyond 64 bits, kept as " + std::to_string(v),
             "an integer in [-9223372036854775808, 9223372036854775807]", detail::json_quoted(text), severity::warning);
    return true;
}

/// Converts one parameter's text into member `m` (an optional value), the way the real
/// server's trafaret 1.x does: bool by StrBool, integers by int(), floats by float(), scalar
/// by int() or else kept as the text (rules decide, e.g. "all"), strings as they are, string
/// lists by repetition.
template <class M>
void query_assign(M& m, std::string_view text, query_sink& sink, std::string const& ptr, std::string_view wire,
                  std::string_view type_rule) {
    static_assert(is_optional<M>::value, "members read from query strings are std::optional");
    using X = typename M::value_type;
    if constexpr (is_vector<X>::value) {
        static_assert(std::is_same_v<typename X::value_type, std::string>, "query lists hold strings");
        if (!m) m.emplace();
        m->emplace_back(text);
        return;
    } else {
        if (m) {
            sink.add(ptr, schema_rule::duplicate_key,
                     "parameter \"" + std::string(wire) + "\" given again: the first value is kept", {}, detail::json_quoted(text),
                     severity::warning);
            return;
        }
        if constexpr (std::is_same_v<X, bool>) {
            auto b = trafaret_str_bool(text);
            if (!b)
                sink.add(ptr, type_rule, "value can't be converted to Bool", "a trafaret 1.x bool spelling",
                         detail::json_quoted(text));
            else
                m = *b;
        } else if constexpr (integer_type<X>) {
            std::int64_t v = 0;
            if (!query_int(text, v, sink, ptr, type_rule)) return;
            if (v < static_cast<std::int64_t>(std::numeric_limits<X>::min()) ||
                (v > 0 && static_cast<std::uint64_t>(v) > static_cast<std::uint64_t>(std::numeric_limits<X>::max()))) {
                sink.add(ptr, schema_rule::number_range, "number does not fit the member", {}, detail::json_quoted(text));
                return;
            }
            m = static_cast<X>(v);
        } else if constexpr (float_type<X>) {
            auto f = python_float(text);
            if (!f)
                sink.add(ptr, type_rule, "value can't be converted to float", "a float (Python float())",
                         detail::json_quoted(text));
            else
                m = static_cast<X>(*f);
        } else if constexpr (std::is_same_v<X, scalar>) {
            auto r = python_int(text);
            if (r.ok()) {
                std::int64_t v = 0;
                query_int(text, v, sink, ptr, type_rule);
                m = scalar(v);
            } else {
                m = scalar(text);
            }
        } else if constexpr (std::is_same_v<X, std::string>) {
            m = std::string(text);
        } else {
            static_assert(sizeof(X) == 0, "drx cannot read this member type from a query string");
        }
    }
}

/// Appends one value as query text.
template <class X>
void query_value_text(std::string& out, X const& v) {
    if constexpr (std::is_same_v<X, bool>) {
        out += v ? "true" : "false";
    } else if constexpr (integer_type<X>) {
        out += std::to_string(v);
    } else if constexpr (float_type<X>) {
        double d = static_cast<double>(v);
        if (std::isnan(d))
            out += "nan";
        else if (std::isinf(d))
            out += d < 0 ? "-inf" : "inf";
        else
            append_float_repr(out, d);  // Python's str(float)
    } else if constexpr (std::is_same_v<X, scalar>) {
        if (v.is_integer())
            out += std::to_string(v.as_integer());
        else if (v.is_float()) {
            double d = v.as_float();
            if (std::isfinite(d) && std::trunc(d) == d && std::fabs(d) < 9.2e18)
                out += std::to_string(static_cast<std::int64_t>(d));  // an integral JSON float is an int
            else
                query_value_text(out, d);
        } else if (v.is_bool())
            out += v.as_bool() ? "true" : "false";
        else if (v.is_string())
            out += v.as_string();
    } else {
        out += std::string_view(v);
    }
}

}  // namespace detail::deployment_impl

/// One decoded query parameter.
struct query_pair {
    std::string name;
    std::string value;
    friend bool operator==(query_pair const&, query_pair const&) = default;
};

namespace detail::deployment_impl {

/// Splits and decodes `query` (see the top of this file), calling
/// fn(name, value, pointer) for every well-formed parameter, in order. Malformed ones are
/// schema.syntax errors; the limits of `opt` are schema.limit errors and stop at once
/// (returns false).
template <class F>
bool for_each_query_pair(std::string_view query, query_options const& opt, query_sink& sink, F&& fn) {
    if (opt.max_query_bytes != 0 && query.size() > opt.max_query_bytes) {
        sink.add("", schema_rule::limit,
                 "query string longer than the limit of " + std::to_string(opt.max_query_bytes) + " bytes",
                 "at most " + std::to_string(opt.max_query_bytes) + " bytes", std::to_string(query.size()) + " bytes");
        return false;
    }
    if (opt.max_parameters != 0) {
        std::size_t parts = 0;
        std::size_t b = 0;
        while (b <= query.size()) {
            std::size_t e = query.find('&', b);
            if (e == std::string_view::npos) e = query.size();
            if (e > b) ++parts;
            b = e + 1;
        }
        if (parts > opt.max_parameters) {
            sink.add("", schema_rule::limit,
                     "query string with " + std::to_string(parts) + " parameters, more than the limit of " +
                         std::to_string(opt.max_parameters),
                     "at most " + std::to_string(opt.max_parameters) + " parameters", std::to_string(parts));
            return false;
        }
    }
    std::string name, text, bad;
    std::size_t b = 0, index = 0;
    while (b <= query.size()) {
        std::size_t e = query.find('&', b);
        if (e == std::string_view::npos) e = query.size();
        std::string_view part = query.substr(b, e - b);
        b = e + 1;
        if (part.empty()) continue;
        ++index;
        std::size_t eq = part.find('=');
        std::string_view raw_name = part.substr(0, eq);
        std::string_view raw_value = eq == std::string_view::npos ? std::string_view() : part.substr(eq + 1);
        auto where = [&] { return "parameter " + std::to_string(index) + " (" + detail::json_quoted(part) + ")"; };
        if (!form_decode(raw_name, name, bad)) {
            sink.add("", schema_rule::syntax,
                     where() + ": \"" + bad + "\" is not percent-encoding (a '%' needs two hex digits)", "%XX",
                     detail::json_quoted(bad));
            continue;
        }
        std::string ptr;
        bool name_ok = is_valid_utf8(name);
        append_pointer_token(ptr, name_ok ? std::string_view(name) : raw_name);
        if (!name_ok) {
            sink.add(ptr, schema_rule::syntax, where() + ": the name is not valid UTF-8 after percent-decoding");
            continue;
        }
        if (!form_decode(raw_value, text, bad)) {
            sink.add(ptr, schema_rule::syntax,
                     where() + ": \"" + bad + "\" is not percent-encoding (a '%' needs two hex digits)", "%XX",
                     detail::json_quoted(bad));
            continue;
        }
        if (!is_valid_utf8(text)) {
            sink.add(ptr, schema_rule::syntax, where() + ": the value is not valid UTF-8 after percent-decoding");
            continue;
        }
        fn(std::string_view(name), std::string_view(text), ptr);
    }
    return true;
}

/// Reads `query` into `value`, member by member; a parameter whose text does not convert
/// leaves its member as it was. Returns false when a limit stopped the reading.
template <class T>
bool read_query_into(T& value, std::string_view query, query_options const& opt, query_sink& sink) {
    using members = members_of<T>;
    constexpr std::size_t n_members = boost::mp11::mp_size<members>::value;
    std::array<std::string_view, n_members> wires{};
    {
        std::size_t i = 0;
        boost::mp11::mp_for_each<members>([&](auto d) { wires[i++] = wire_name_of<T, decltype(d)>(); });
    }
    return for_each_query_pair(query, opt, sink, [&](std::string_view name, std::string_view text,
                                                     std::string const& ptr) {
        bool known = false;
        std::size_t i = 0;
        boost::mp11::mp_for_each<members>([&](auto d) {
            using D = decltype(d);
            std::string_view w = wires[i++];
            if (known || w != name) return;
            known = true;
            constexpr query_param p = query_param_of<T, D>();
            auto& m = value.*D::pointer;
            std::string item_ptr = ptr;
            if constexpr (is_vector<typename std::remove_cvref_t<decltype(m)>::value_type>::value)
                item_ptr += "/" + std::to_string(m ? m->size() : 0);
            query_assign(m, text, sink, item_ptr, w, p.type_rule);
        });
        if (!known)
            sink.add(ptr, schema_rule::unknown_key,
                     "unknown parameter \"" + std::string(name) + "\" (accepted and ignored)", {}, detail::json_quoted(text),
                     severity::warning);
    });
}

}  // namespace detail::deployment_impl

/// Decodes a query string into its parameters, in order (see the top of this file):
/// urllib.parse.parse_qsl(query, keep_blank_values=True) on well-formed input.
inline result<std::vector<query_pair>> decode_query(std::string_view query, query_options const& opt = {}) {
    std::vector<diagnostic> diags;
    detail::deployment_impl::query_sink sink{diags, opt.max_diagnostics};
    std::optional<std::vector<query_pair>> pairs(std::in_place);
    detail::deployment_impl::for_each_query_pair(query, opt, sink, [&](std::string_view n, std::string_view v, std::string const&) {
        pairs->push_back({std::string(n), std::string(v)});
    });
    if (sink.errors) pairs.reset();
    return {std::move(pairs), std::move(diags), sink.omitted};
}

/// Encodes parameters as a query string: urllib.parse.urlencode(pairs) (quote_plus).
inline std::string encode_query(std::vector<query_pair> const& pairs) {
    std::string out;
    for (auto const& p : pairs) {
        if (!out.empty()) out += '&';
        detail::deployment_impl::form_encode(out, p.name);
        out += '=';
        detail::deployment_impl::form_encode(out, p.value);
    }
    return out;
}

/// Reads a query string (the part after '?', without it) into T, a described struct whose
/// members are all std::optional (see the decoding rules at the top of this file).
/// Conversion failures are errors with the parameter's type rule and trafaret's exact text;
/// unknown parameters are schema.unknown_key warnings; malformed escapes and invalid UTF-8 are
/// schema.syntax errors; the limits of `opt` give schema.limit errors. Never throws on bad
/// input (only std::bad_alloc).
template <class T>
result<T> read_query(std::string_view query, query_options const& opt = {}) {
    std::vector<diagnostic> diags;
    detail::deployment_impl::query_sink sink{diags, opt.max_diagnostics};
    std::optional<T> value(std::in_place);
    detail::deployment_impl::read_query_into(*value, query, opt, sink);
    if (sink.errors) value.reset();
    if (sink.dropped_error)  // the list must show that the query is invalid
        diags.push_back({"", std::string(schema_rule::limit), severity::error,
                         "an error past the limit of " + std::to_string(opt.max_diagnostics) +
                             " diagnostics (max_diagnostics) was not listed; the query is invalid",
                         "at most " + std::to_string(opt.max_diagnostics) + " diagnostics", {}});
    return {std::move(value), std::move(diags), sink.omitted};
}

/// Reads a query string with read_query() and checks the object's rules up to check.level:
/// validate() for query strings. ok() only when both pass; rules are checked only on an object
/// that read without errors.
template <class T>
result<T> validate_query(std::string_view query, check_options const& check_opt = {}, query_options const& opt = {}) {
    result<T> r = read_query<T>(query, opt);
    if (r.unchecked() && check_opt.level != level::schema) {
        check_report rep = check(*r.unchecked(), check_opt);
        detail::deployment_impl::quote_saturated(r.diagnostics(), rep.diagnostics);
        for (auto& d : rep.diagnostics) r.diagnostics().push_back(std::move(d));
        r.skipped() = std::move(rep.skipped);
    }
    return r;
}

/// Writes T as a query string (without '?'), as the Python client's requests library does:
/// present members in declared order, lists repeated, quote_plus encoding.
template <class T>
std::string write_query(T const& v) {
    std::string out;
    boost::mp11::mp_for_each<detail::members_of<T>>([&](auto d) {
        using D = decltype(d);
        auto const& m = v.*D::pointer;
        if (!m) return;
        constexpr std::string_view wire = wire_name_of<T, D>();
        auto one = [&](auto const& x) {
            if (!out.empty()) out += '&';
            detail::deployment_impl::form_encode(out, wire);
            out += '=';
            std::string t;
            detail::deployment_impl::query_value_text(t, x);
            detail::deployment_impl::form_encode(out, t);
        };
        using X = typename std::remove_cvref_t<decltype(m)>::value_type;
        if constexpr (detail::is_vector<X>::value) {
            for (auto const& x : *m) one(x);
        } else {
            one(*m);
        }
    });
    return out;
}

}  // namespace drx
