// drx: reading JSON text (or a boost::json::value) straight into described structs.
//
//     drx::result<drx::deployment_xemp_response> r = drx::read<drx::deployment_xemp_response>(text);
//     if (!r) for (auto const& d : r.diagnostics()) std::cerr << drx::to_line(d) << '\n';
//
// Driven by Boost.JSON's basic_parser events, with no DOM in between. Number text is converted
// exactly (std::from_chars), never through Boost.JSON's double conversion. The non-throwing
// API never crashes or throws on bad input (only std::bad_alloc can escape) and never presents
// a half-filled object as valid: every problem is a diagnostic, all of them are collected.
#pragma once

#include <string>
#include <string_view>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/value.hpp>

#include <drx/detail/reader.hpp>
#include <drx/diagnostic.hpp>

namespace drx {

namespace detail {

/// The basic_parser handler: forwards events to the reader, joining split strings and numbers.
struct text_handler {
    static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_string_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_key_size = static_cast<std::size_t>(-1);

    reader& r;
    std::string buf;
    std::string num;

    explicit text_handler(reader& rd) : r(rd) {}

    bool go(boost::json::error_code& ec) {
        if (r.stopped()) {
            ec = boost::json::error::exception;
            return false;
        }
        return true;
    }
    bool too_long(std::size_t n, boost::json::error_code& ec) {
        if (n <= r.options().max_string_length) return false;
        r.add(schema_rule::limit,
              "string longer than the limit of " + std::to_string(r.options().max_string_length) + " bytes",
              "length <= " + std::to_string(r.options().max_string_length), std::to_string(n) + " bytes or more");
        r.stop();
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
        if (too_long(n, ec)) return false;
        buf.append(s.data(), s.size());
        return true;
    }
    bool on_key(boost::json::string_view s, std::size_t n, boost::json::error_code& ec) {
        if (too_long(n, ec)) return false;
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
        if (too_long(n, ec)) return false;
        buf.append(s.data(), s.size());
        return true;
    }
    bool on_string(boost::json::string_view s, std::size_t n, boost::json::error_code& ec) {
        if (too_long(n, ec)) return false;
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

inline void read_text(reader& r, std::string_view text) {
    read_options const& opt = r.options();
    if (text.size() > opt.max_input_size) {
        r.add(schema_rule::limit, "input larger than the limit of " + std::to_string(opt.max_input_size) + " bytes",
              "size <= " + std::to_string(opt.max_input_size), std::to_string(text.size()) + " bytes");
        return;
    }
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        r.add(schema_rule::syntax, "empty input: expected a JSON value");
        return;
    }
    boost::json::parse_options po;
    po.max_depth = opt.max_depth + 2;  // drx enforces the limit itself, with a pointer
    boost::json::basic_parser<text_handler> p(po, r);
    boost::json::error_code ec;
    std::size_t n = p.write_some(false, text.data(), text.size(), ec);
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
            if (s.size() > r.options().max_string_length) {
                r.add(schema_rule::limit, "string longer than the limit", {}, {});
                r.stop();
                return;
            }
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
                if (r.stopped()) return;
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
    feed(r);
    if (!r.complete() && !r.has_errors())  // defensive: every incomplete read has a diagnostic
        r.add(schema_rule::syntax, "incomplete document");
    if (r.has_errors()) value.reset();
    return {std::move(value), std::move(r.diagnostics()), r.omitted()};
}

}  // namespace detail

/// Reads JSON text into a T. Never throws on bad input; see result<T>.
template <class T>
result<T> read(std::string_view text, read_options const& opt = {}) {
    return detail::read_with<T>(opt, [&](detail::reader& r) { detail::read_text(r, text); });
}

/// Reads an already parsed boost::json::value into a T. Numbers are taken as the value holds
/// them (a value parsed by boost::json::parse may already hold a misrounded double).
template <class T>
result<T> read(boost::json::value const& v, read_options const& opt = {}) {
    return detail::read_with<T>(opt, [&](detail::reader& r) { detail::walk(r, v); });
}

/// Reads JSON text into a T; throws drx::error with every diagnostic on failure.
template <class T>
T parse(std::string_view text, read_options const& opt = {}) {
    return read<T>(text, opt).value();
}

}  // namespace drx
