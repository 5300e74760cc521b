// SPDX-License-Identifier: BSL-1.0
// drx: reading JSON text (or a boost::json::value) straight into described structs.
//
//     drx::result<drx::deployment_xemp_response> r = drx::read<drx::deployment_xemp_response>(text);
//     if (!r) for (auto const& d : r.diagnostics()) std::cerr << drx::to_line(d) << '\n';
//
// A valid document is read in one pass by the direct reader (drx/detail/direct_reader.hpp);
// anything else by the event-driven reader on Boost.JSON's basic_parser (drx/detail/reader.hpp),
// which reports every problem. No DOM in between. Number text is converted
// exactly (std::from_chars), never through Boost.JSON's double conversion. The non-throwing
// API never crashes or throws on bad input (only std::bad_alloc can escape) and never presents
// a half-filled object as valid: every problem is a diagnostic, all of them are collected.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>

#include <boost/core/type_name.hpp>
#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <drx/detail/direct_reader.hpp>
#include <drx/detail/reader.hpp>
#include <drx/diagnostic.hpp>

namespace drx {

namespace detail {

/// The size limits Boost.JSON's basic_parser asks its handler for: none, since drx enforces its
/// own (read_options) with pointers. Every basic_parser handler of drx derives from it.
struct unlimited_parser_sizes {
    static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_string_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_key_size = static_cast<std::size_t>(-1);
};

/// The basic_parser handler: forwards events to the reader, joining split strings and numbers.
struct text_handler : unlimited_parser_sizes {

    reader& r;
    std::string buf;
    std::string num;
    // When the parser reads a copy whose huge exponents were clamped (clamp_exponents), number
    // texts are taken from the same offsets of the original, so diagnostics quote what came.
    char const* parsed_base = nullptr;
    char const* original_base = nullptr;

    explicit text_handler(reader& rd) : r(rd) {}

    bool go(boost::json::error_code& ec) {
        if (r.stopped()) {
            ec = boost::json::error::exception;
            return false;
        }
        return true;
    }
    bool too_long(std::size_t n, bool key, boost::json::error_code& ec) {
        if (r.length_ok(n, key)) return false;
        ec = boost::json::error::exception;
        return true;
    }

    bool on_document_begin(boost::json::error_code&) { return true; }
    bool on_document_end(boost::json::error_code&) { return true; }
    bool on_object_begin(boost::json::error_code& ec) {
        r.begin_object();
        return go(ec);
    }
    bool on_object_end(std::size_t, boost::json::error_code& ec) {
        r.end_object();
        return go(ec);
    }
    bool on_array_begin(boost::json::error_code& ec) {
        r.begin_array();
        return go(ec);
    }
    bool on_array_end(std::size_t, boost::json::error_code& ec) {
        r.end_array();
        return go(ec);
    }
    bool on_key_part(boost::json::string_view s, std::size_t n, boost::json::error_code& ec) {
        if (too_long(n, true, ec)) return false;
        buf.append(s.data(), s.size());
        return true;
    }
    bool on_key(boost::json::string_view s, std::size_t n, boost::json::error_code& ec) {
        if (too_long(n, true, ec)) return false;
        if (buf.empty()) {
            r.key(std::string_view(s.data(), s.size()));
        } else {
            buf.append(s.data(), s.size());
            r.key(buf);
            buf.clear();
        }
        return go(ec);
    }
    bool on_string_part(boost::json::string_view s, std::size_t n, boost::json::error_code& ec) {
        if (too_long(n, false, ec)) return false;
        buf.append(s.data(), s.size());
        return true;
    }
    bool on_string(boost::json::string_view s, std::size_t n, boost::json::error_code& ec) {
        if (too_long(n, false, ec)) return false;
        if (buf.empty()) {
            r.string(std::string_view(s.data(), s.size()));
        } else {
            buf.append(s.data(), s.size());
            r.string(buf);
            buf.clear();
        }
        return go(ec);
    }
    bool on_number_part(boost::json::string_view s, boost::json::error_code&) {
        num.append(s.data(), s.size());
        return true;
    }
    bool number(boost::json::string_view s, boost::json::error_code& ec) {
        number_token t;
        if (num.empty()) {
            t.text = std::string_view(s.data(), s.size());
            if (original_base) t.text = std::string_view(original_base + (s.data() - parsed_base), s.size());
        } else {
            num.append(s.data(), s.size());
            t.text = num;
        }
        r.number(t);
        num.clear();
        return go(ec);
    }
    bool on_int64(std::int64_t, boost::json::string_view s, boost::json::error_code& ec) { return number(s, ec); }
    bool on_uint64(std::uint64_t, boost::json::string_view s, boost::json::error_code& ec) { return number(s, ec); }
    bool on_double(double, boost::json::string_view s, boost::json::error_code& ec) { return number(s, ec); }
    bool on_bool(bool b, boost::json::error_code& ec) {
        r.boolean(b);
        return go(ec);
    }
    bool on_null(boost::json::error_code& ec) {
        r.null();
        return go(ec);
    }
    bool on_comment_part(boost::json::string_view, boost::json::error_code&) { return true; }
    bool on_comment(boost::json::string_view, boost::json::error_code&) { return true; }
};

inline std::string syntax_message(boost::json::error_code const& ec) {
    namespace e = boost::json;
    if (ec == e::error::incomplete) return "unexpected end of input (truncated JSON)";
    if (ec == e::error::extra_data) return "extra data after the JSON value";
    if (ec == e::error::exponent_overflow) return "number exponent too large";
    if (ec == e::error::too_deep) return "nesting too deep";
    if (ec == e::error::illegal_leading_surrogate || ec == e::error::illegal_trailing_surrogate)
        return "invalid \\u escape: unpaired UTF-16 surrogate";
    if (ec == e::error::expected_hex_digit) return "invalid \\u escape: expected a hex digit";
    return ec.message() + " (not valid JSON: a bad token, an invalid escape or invalid UTF-8)";
}

inline void line_column(std::string_view text, std::size_t offset, std::size_t& line, std::size_t& col) {
    line = 1;
    col = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            col = 1;
        } else {
            ++col;
        }
    }
}

/// A copy of JSON text in which every exponent above 999,999,999 is clamped to that value,
/// keeping the text's length and every offset (the digits become 0...0999999999). Boost.JSON
/// refuses exponents of 2^31 and more as a syntax error although they are valid JSON (Python
/// reads 1e2147483648 as inf and 0e2147483648 as 0.0); a clamped exponent converts the same
/// way (over- or underflow stays over- or underflow, a zero stays zero), and the reader
/// converts the original text anyway.
inline std::string clamp_exponents(std::string_view text) {
    std::string out(text);
    std::size_t i = 0, n = out.size();
    auto digit = [&](std::size_t k) { return k < n && out[k] >= '0' && out[k] <= '9'; };
    while (i < n) {
        char c = out[i];
        if (c == '"') {  // skip a string, escapes included
            for (++i; i < n && out[i] != '"'; ++i)
                if (out[i] == '\\') ++i;
            ++i;
        } else if (c == '-' || digit(i)) {
            if (c == '-') ++i;
            while (digit(i) || (i < n && out[i] == '.')) ++i;
            if (i < n && (out[i] == 'e' || out[i] == 'E')) {
                ++i;
                if (i < n && (out[i] == '+' || out[i] == '-')) ++i;
                std::size_t b = i;
                while (digit(i)) ++i;
                std::size_t first = b;
                while (first < i && out[first] == '0') ++first;
                if (i - first > 9) {
                    std::fill(out.begin() + static_cast<std::ptrdiff_t>(b), out.begin() + static_cast<std::ptrdiff_t>(i), '0');
                    std::fill(out.begin() + static_cast<std::ptrdiff_t>(i - 9), out.begin() + static_cast<std::ptrdiff_t>(i), '9');
                }
            }
        } else {
            ++i;
        }
    }
    return out;
}

/// Reads `text` into the reader. `parsed` is what the parser sees: the text itself, or a copy
/// with clamped exponents (clamp_exponents). Returns true when the parser refused an exponent
/// too large for it and `parsed` was the text itself: the caller then reads again from a
/// clamped copy. (A template only so that the parser is compiled where text is read.)
template <int = 0>
bool read_text(reader& r, std::string_view text, std::string_view parsed = {}) {
    read_options const& opt = r.options();
    if (parsed.data() == nullptr) parsed = text;
    if (text.size() > opt.max_input_size) {
        r.add(schema_rule::limit, "input larger than the limit of " + std::to_string(opt.max_input_size) + " bytes",
              "size <= " + std::to_string(opt.max_input_size), std::to_string(text.size()) + " bytes");
        return false;
    }
    if (text.substr(0, 3) == "\xEF\xBB\xBF") {
        r.add(schema_rule::syntax,
              "invalid JSON at line 1, column 1: a UTF-8 byte order mark (EF BB BF) starts the input; JSON text "
              "must not begin with one (RFC 8259 section 8.1)");
        return false;
    }
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        r.add(schema_rule::syntax, "empty input: expected a JSON value");
        return false;
    }
    boost::json::parse_options po;
    po.max_depth = opt.max_depth + 2;  // drx enforces the limit itself, with a pointer
    boost::json::basic_parser<text_handler> p(po, r);
    if (parsed.data() != text.data()) {
        p.handler().parsed_base = parsed.data();
        p.handler().original_base = text.data();
    }
    boost::json::error_code ec;
    std::size_t n = p.write_some(false, parsed.data(), parsed.size(), ec);
    if (ec == boost::json::error::exponent_overflow && !r.stopped() && parsed.data() == text.data()) return true;
    if (!ec && !r.stopped() && text.find_first_not_of(" \t\r\n", n) != std::string_view::npos) {
        n = text.find_first_not_of(" \t\r\n", n);
        ec = boost::json::error::extra_data;
    }
    if (ec && !r.stopped()) {
        std::size_t line = 0, col = 0;
        line_column(text, n, line, col);
        r.add(schema_rule::syntax,
              "invalid JSON at line " + std::to_string(line) + ", column " + std::to_string(col) + ": " +
                  syntax_message(ec));
    }
    return false;
}

inline void walk(reader& r, boost::json::value const& v) {
    if (r.stopped()) return;
    switch (v.kind()) {
        case boost::json::kind::null: r.null(); break;
        case boost::json::kind::bool_: r.boolean(v.get_bool()); break;
        case boost::json::kind::int64: {
            number_token t;
            t.src = number_token::source::int64;
            t.i = v.get_int64();
            r.number(t);
            break;
        }
        case boost::json::kind::uint64: {
            number_token t;
            t.src = number_token::source::uint64;
            t.u = v.get_uint64();
            r.number(t);
            break;
        }
        case boost::json::kind::double_: {
            number_token t;
            t.src = number_token::source::dbl;
            t.d = v.get_double();
            r.number(t);
            break;
        }
        case boost::json::kind::string: {
            auto const& s = v.get_string();
            if (!r.length_ok(s.size(), false)) return;
            r.string(std::string_view(s.data(), s.size()));
            break;
        }
        case boost::json::kind::array:
            r.begin_array();
            for (auto const& e : v.get_array()) {
                if (r.stopped()) return;
                walk(r, e);
            }
            if (!r.stopped()) r.end_array();
            break;
        case boost::json::kind::object:
            r.begin_object();
            for (auto const& kv : v.get_object()) {
                if (r.stopped() || !r.length_ok(kv.key().size(), true)) return;
                r.key(std::string_view(kv.key().data(), kv.key().size()));
                walk(r, kv.value());
            }
            if (!r.stopped()) r.end_object();
            break;
    }
}

template <class T, class Feed>
result<T> read_with(read_options const& opt, Feed&& feed) {
    std::optional<T> value(std::in_place);
    reader r(slot_of(*value), opt);
    if (opt.max_depth > max_depth_limit) {
        r.add(schema_rule::limit,
              "max_depth " + std::to_string(opt.max_depth) + " is above the largest supported, " +
                  std::to_string(max_depth_limit) + " (deeper nesting would overflow the stack); nothing was read",
              "max_depth <= " + std::to_string(max_depth_limit), std::to_string(opt.max_depth));
        return {std::nullopt, std::move(r.diagnostics()), 0};
    }
    feed(r);
    r.finish();
    if (!r.complete() && !r.has_errors())  // defensive: an incomplete read is never valid (past the cap too)
        r.diagnostics().push_back({r.pointer(), std::string(schema_rule::syntax), severity::error, "incomplete document", {}, {}});
    if (r.has_errors() || !r.complete()) value.reset();
    return {std::move(value), std::move(r.diagnostics()), r.omitted()};
}

/// A short name of type A for messages: the struct's name for described structs
/// ("numeric_insight"), the JSON type otherwise ("integer", "string").
template <class A>
std::string alternative_name() {
    if constexpr (described_struct<A>) {
        std::string n = boost::core::type_name<A>();
        auto p = n.rfind("::");
        return p == std::string::npos ? n : n.substr(p + 2);
    } else {
        return rd<A>::expected();
    }
}

/// How deep a pointer reaches (its number of reference tokens).
inline std::size_t pointer_depth(std::string const& p) { return static_cast<std::size_t>(std::count(p.begin(), p.end(), '/')); }

/// std::variant<A...>: the value is captured, then each alternative is read in order and the first
/// one that reads without errors wins (as the Python client's trafaret Or does,
/// docs/reference/objects.md (Cluster insight)). When none matches, the closest alternative's
/// diagnostics are reported below a schema.type diagnostic naming every alternative.
template <class... A>
struct rd<std::variant<A...>> {
    using V = std::variant<A...>;

    /// False when reading `v` as Alt surely fails at once: a required member is missing, or a key
    /// that Alt does not declare where unknown keys are errors. Such an alternative could not
    /// win, so the first pass does not read it.
    template <class Alt>
    static bool may_read(boost::json::value const& v, read_options const& o) {
        if constexpr (described_struct<Alt>) {
            if (!v.is_object()) return false;
            auto const& obj = v.get_object();
            using table = struct_table<Alt>;
            for (auto const& e : table::entries())
                if (e.required && !obj.contains(e.wire)) return false;
            if (drx_closed(static_cast<Alt const*>(nullptr)) || o.unknown_keys == unknown_keys::error)
                for (auto const& kv : obj)
                    if (table::find(kv.key()) == table::size) return false;
        }
        return true;
    }

    static void resolve(void* target, boost::json::value& v, reader& r) {
        std::vector<diagnostic> best;
        std::size_t best_errors = static_cast<std::size_t>(-1), best_depth = 0;
        std::string best_name;
        bool done = false;
        read_options o = r.options();
        // First pass: only the alternatives that may read; the first that reads wins.
        boost::mp11::mp_for_each<boost::mp11::mp_iota_c<sizeof...(A)>>([&](auto I) {
            if (done) return;
            using Alt = std::variant_alternative_t<I, V>;
            if (!may_read<Alt>(v, o)) return;
            result<Alt> res = read_with<Alt>(o, [&](reader& sub) { walk(sub, v); });
            if (!res.ok()) return;
            *static_cast<V*>(target) = V(std::in_place_index<I>, std::move(res).value());
            for (auto& d : res.diagnostics())  // warnings of the chosen alternative
                r.add_at(r.pointer() + d.pointer, d.rule, std::move(d.message), std::move(d.expected), std::move(d.actual),
                         d.severity);
            done = true;
        });
        if (done) return;
        // None reads: every alternative, for the closest one's diagnostics.
        boost::mp11::mp_for_each<boost::mp11::mp_iota_c<sizeof...(A)>>([&](auto I) {
            if (done) return;
            using Alt = std::variant_alternative_t<I, V>;
            result<Alt> res = read_with<Alt>(o, [&](reader& sub) { walk(sub, v); });
            if (res.ok()) {  // not reached when may_read is right; kept so that it cannot lose a value
                *static_cast<V*>(target) = V(std::in_place_index<I>, std::move(res).value());
                for (auto& d : res.diagnostics())
                    r.add_at(r.pointer() + d.pointer, d.rule, std::move(d.message), std::move(d.expected),
                             std::move(d.actual), d.severity);
                done = true;
                return;
            }
            // Closest: fewest errors, then the deepest first error (the shape matched further).
            std::size_t errors = 0, depth = 0;
            for (auto const& d : res.diagnostics()) {
                if (d.severity != severity::error) continue;
                if (errors++ == 0) depth = pointer_depth(d.pointer);
            }
            if (errors < best_errors || (errors == best_errors && depth > best_depth)) {
                best_errors = errors;
                best_depth = depth;
                best = std::move(res.diagnostics());
                best_name = alternative_name<Alt>();
            }
        });
        if (done) return;
        std::string exp = expected();
        r.add(schema_rule::type, "expected " + exp + ", got a value matching none of them (closest: " + best_name + ")",
              exp, abbreviate(kind_text(v)));
        for (auto& d : best)
            r.add_at(r.pointer() + d.pointer, d.rule, std::move(d.message), std::move(d.expected), std::move(d.actual),
                     d.severity);
    }
    static std::string kind_text(boost::json::value const& v) {
        std::string out;
        switch (v.kind()) {
            case boost::json::kind::object: return "{...}";
            case boost::json::kind::array: return "[...]";
            case boost::json::kind::string: return json_quoted(v.get_string());
            case boost::json::kind::double_: append_float_repr(out, v.get_double()); return out;
            default: return boost::json::serialize(v);
        }
    }
    static void null(void* p, reader& r) {
        boost::json::value v;
        resolve(p, v, r);
    }
    static void boolean(void* p, bool b, reader& r) {
        boost::json::value v(b);
        resolve(p, v, r);
    }
    static void number(void* p, number_token const& t, reader& r) {
        boost::json::value v;
        std::size_t before = r.diagnostics().size() + r.omitted();
        rd<boost::json::value>::number(&v, t, r);
        if (r.diagnostics().size() + r.omitted() == before) resolve(p, v, r);  // converted exactly
    }
    static void string(void* p, std::string_view s, reader& r) {
        boost::json::value v(s);
        resolve(p, v, r);
    }
    static void object(void* p, reader& r) { r.push_capture(p, &resolve, true); }
    static void array(void* p, reader& r) { r.push_capture(p, &resolve, false); }
    static std::string expected() {
        std::string s = "one of: ";
        bool first = true;
        ((s += (first ? "" : ", ") + alternative_name<A>(), first = false), ...);
        return s;
    }
};

/// Reads JSON text with the event-driven reader only (drx/detail/reader.hpp), which
/// produces every diagnostic; drx::read runs it when the direct reader steps aside.
template <class T>
result<T> read_events(std::string_view text, read_options const& opt) {
    bool clamp = false;
    result<T> r = read_with<T>(opt, [&](reader& rd) { clamp = read_text(rd, text); });
    if (!clamp) return r;
    // An exponent of 2^31 or more: read again from a copy Boost.JSON's parser accepts.
    std::string parsed = clamp_exponents(text);
    return read_with<T>(opt, [&](reader& rd) { read_text(rd, text, parsed); });
}

}  // namespace detail

/// Reads JSON text into a T. Never throws on bad input; see result<T>. A valid document is
/// read by the direct reader (drx/detail/direct_reader.hpp) in one pass; anything else is read
/// again by the event-driven reader, which reports every problem. Both give the same object.
template <class T>
result<T> read(std::string_view text, read_options const& opt = {}) {
    {
        std::optional<T> value(std::in_place);
        if (detail::direct::read(text, *value, opt)) return {std::move(value), {}, 0};
    }
    return detail::read_events<T>(text, opt);
}

/// Reads an already parsed boost::json::value into a T. Numbers are taken as the value holds
/// them (a value parsed by boost::json::parse may already hold a misrounded double).
template <class T, class J>
    requires std::same_as<J, boost::json::value>
result<T> read(J const& v, read_options const& opt = {}) {
    return detail::read_with<T>(opt, [&](detail::reader& r) { detail::walk(r, v); });
}

/// Reads JSON text into a T; throws drx::error with every diagnostic on failure.
template <class T>
T parse(std::string_view text, read_options const& opt = {}) {
    return read<T>(text, opt).value();
}

}  // namespace drx
