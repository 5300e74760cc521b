// SPDX-License-Identifier: BSL-1.0
// drx internals: the direct reader, the fast path of drx::read (drx/read.hpp).
//
// Most documents are valid. For them, drx::read first runs this reader: a recursive descent
// over the text, specialized for each C++ type at compile time (no event dispatch, no frames,
// no JSON pointer), that fills the object straight from the bytes. It gives up ("bails") at the
// first thing that would make the event-driven reader (drx/detail/reader.hpp) say anything at
// all: a syntax error, a limit, an unknown key (unless unknown keys are ignored), a duplicate,
// a missing member, a value of the wrong type, a number that does not fit. drx::read then reads
// the text again with the event-driven reader, which produces every diagnostic. So the direct
// reader decides nothing: it either produces exactly the object the event-driven reader would
// produce with no diagnostic at all, or it steps aside. tests/test_direct_reader.cpp and the
// read fuzzer (fuzz/fuzz_read.cpp) hold the two readers to that.
//
// Conversions are the event-driven reader's own (number_text.hpp, wire_name.hpp), except
// integer literals of at most 19 digits, converted while scanned to the same values; what is
// here is the JSON grammar (RFC 8259, as Boost.JSON's parser accepts it with default options:
// no comments, no trailing commas, strict UTF-8, no lone surrogates in \u escapes).
// Recursion is bounded by read_options::max_depth, as in the event-driven reader.
#pragma once

#include <bitset>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <boost/json/value.hpp>
#include <boost/mp11/algorithm.hpp>

#include <drx/detail/number_text.hpp>
#include <drx/detail/python_format.hpp>
#include <drx/detail/reader.hpp>
#include <drx/detail/traits.hpp>
#include <drx/read_options.hpp>
#include <drx/wire_name.hpp>

namespace drx::detail::direct {

/// What reading one value gave. `mismatch`: the value is surely an error of the type being
/// read (the wrong JSON type, a missing member, a string outside an enumeration, ...), which
/// only matters inside a std::variant, where the next alternative is tried. `bail`: anything
/// else the direct reader does not take (the document may still be valid).
enum class st : unsigned char { ok, mismatch, bail };

struct cursor {
    cursor(std::string_view text, read_options const& o) : p(text.data()), end(text.data() + text.size()), opt(o) {}
    char const* p;
    char const* end;
    read_options const& opt;
    std::size_t depth = 0;
    /// Above zero inside a std::variant: the event-driven reader captures a variant's value as a
    /// boost::json::value first, so numbers arrive converted as that value holds them.
    unsigned dom = 0;
    /// Unknown keys met inside a variant, where each is a warning of its alternative: an
    /// alternative that reads with one wins with its warnings, which bails.
    std::size_t warnings = 0;
    std::string scratch;      // an unescaped string
    std::string key_scratch;  // an unescaped key
};

inline bool is_space(char c) noexcept { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }
inline void skip_space(cursor& c) noexcept {
    while (c.p != c.end && is_space(*c.p)) ++c.p;
}
/// The next byte, or 0 at the end of the input (0 starts no JSON value).
inline char peek(cursor const& c) noexcept { return c.p != c.end ? *c.p : '\0'; }

inline bool literal(cursor& c, std::string_view word) noexcept {
    if (static_cast<std::size_t>(c.end - c.p) < word.size() || std::memcmp(c.p, word.data(), word.size()) != 0)
        return false;
    c.p += word.size();
    return true;
}

inline int hex_digit(char ch) noexcept {
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
}

inline bool hex4(cursor& c, unsigned& u) noexcept {
    if (c.end - c.p < 4) return false;
    u = 0;
    for (int k = 0; k < 4; ++k) {
        int h = hex_digit(c.p[k]);
        if (h < 0) return false;
        u = u * 16 + static_cast<unsigned>(h);
    }
    c.p += 4;
    return true;
}

inline void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

/// The first byte at or after p that is not plain string text (a quote, a backslash, a
/// control character or a byte of a multibyte sequence), or the byte 16 or 8 before the end.
inline unsigned char const* skip_plain(unsigned char const* p, unsigned char const* end) noexcept {
#if defined(__SSE2__)
    __m128i const quote = _mm_set1_epi8('"');
    __m128i const backslash = _mm_set1_epi8('\\');
    __m128i const space = _mm_set1_epi8(0x20);
    while (end - p >= 16) {
        __m128i v = _mm_loadu_si128(reinterpret_cast<__m128i const*>(p));
        // Signed: bytes of 0x80 and above are negative, so below 0x20 too.
        __m128i special = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                                       _mm_cmplt_epi8(v, space));
        if (int m = _mm_movemask_epi8(special)) return p + __builtin_ctz(static_cast<unsigned>(m));
        p += 16;
    }
#endif
    while (end - p >= 8 && all_plain_json_8(p)) p += 8;
    return p;
}

/// Scans a string starting at its opening quote. Without escapes `out` views the input;
/// with them it views c.scratch, or c.key_scratch for a key (valid until the next string or
/// key).
inline bool string_token(cursor& c, std::string_view& out, bool key) {
    auto const* p = reinterpret_cast<unsigned char const*>(c.p) + 1;
    auto const* const end = reinterpret_cast<unsigned char const*>(c.end);
    auto const* const start = p;
    for (;;) {
        p = skip_plain(p, end);
        if (p == end) return false;
        unsigned char b = *p;
        if (b == '"') break;
        if (b == '\\') goto escaped;
        if (b < 0x20) return false;
        if (b < 0x80) {
            ++p;
        } else {
            char32_t cp;
            std::size_t n = decode_utf8_sequence(p, end, cp);
            if (n == 0) return false;
            p += n;
        }
    }
    out = std::string_view(reinterpret_cast<char const*>(start), static_cast<std::size_t>(p - start));
    c.p = reinterpret_cast<char const*>(p + 1);
    return out.size() <= c.opt.max_string_length;
escaped:
    std::string& buf = key ? c.key_scratch : c.scratch;
    buf.assign(reinterpret_cast<char const*>(start), static_cast<std::size_t>(p - start));
    for (;;) {
        if (p == end) return false;
        unsigned char b = *p;
        if (b == '"') break;
        if (b == '\\') {
            if (end - p < 2) return false;
            char e = static_cast<char>(p[1]);
            p += 2;
            switch (e) {
                case '"': buf += '"'; break;
                case '\\': buf += '\\'; break;
                case '/': buf += '/'; break;
                case 'b': buf += '\b'; break;
                case 'f': buf += '\f'; break;
                case 'n': buf += '\n'; break;
                case 'r': buf += '\r'; break;
                case 't': buf += '\t'; break;
                case 'u': {
                    c.p = reinterpret_cast<char const*>(p);
                    unsigned u = 0;
                    if (!hex4(c, u)) return false;
                    char32_t cp = u;
                    if (u >= 0xDC00 && u <= 0xDFFF) return false;  // a lone trailing surrogate
                    if (u >= 0xD800 && u <= 0xDBFF) {
                        unsigned lo = 0;
                        if (!literal(c, "\\u") || !hex4(c, lo) || lo < 0xDC00 || lo > 0xDFFF) return false;
                        cp = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                    }
                    append_utf8(buf, cp);
                    p = reinterpret_cast<unsigned char const*>(c.p);
                    break;
                }
                default: return false;
            }
            continue;
        }
        if (b < 0x20) return false;
        auto const* run = p;
        if (b < 0x80) {
            ++p;
        } else {
            char32_t cp;
            std::size_t n = decode_utf8_sequence(p, end, cp);
            if (n == 0) return false;
            p += n;
        }
        buf.append(reinterpret_cast<char const*>(run), static_cast<std::size_t>(p - run));
    }
    c.p = reinterpret_cast<char const*>(p + 1);
    out = buf;
    return out.size() <= c.opt.max_string_length;
}

/// memcmp(a, b, n) == 0 for the short sizes of wire names, eight bytes at a time.
inline bool same_bytes(char const* a, char const* b, std::size_t n) noexcept {
    if (n >= 8) {
        std::uint64_t x, y;
        for (std::size_t i = 0; i + 8 <= n; i += 8) {
            std::memcpy(&x, a + i, 8);
            std::memcpy(&y, b + i, 8);
            if (x != y) return false;
        }
        std::memcpy(&x, a + n - 8, 8);  // the last eight bytes, overlapping
        std::memcpy(&y, b + n - 8, 8);
        return x == y;
    }
    for (std::size_t i = 0; i < n; ++i)
        if (a[i] != b[i]) return false;
    return true;
}

/// True, past the key, when the key at c.p (its opening quote) is exactly `wire` written
/// without escapes (`wire` is plain text: plain_wire_names).
inline bool expected_key(cursor& c, std::string_view wire) noexcept {
    std::size_t n = wire.size();
    if (n > c.opt.max_string_length || static_cast<std::size_t>(c.end - c.p) < n + 2 || c.p[n + 1] != '"' ||
        !same_bytes(c.p + 1, wire.data(), n))
        return false;
    c.p += n + 2;
    return true;
}

/// A number as scanned: its text, whether it is an integer literal (no fraction, no
/// exponent), and for a literal of at most 19 digits its sign and magnitude.
struct scanned_number {
    std::string_view text;
    bool literal = true;
    bool exact = false;  // mag holds the literal's magnitude
    bool negative = false;
    std::uint64_t mag = 0;
};

/// Scans a number (RFC 8259 grammar). Exponents of more than nine significant digits bail:
/// the event-driven reader reads those from a clamped copy (read.hpp, clamp_exponents).
inline bool scan_number(cursor& c, scanned_number& n) noexcept {
    char const* p = c.p;
    char const* const end = c.end;
    auto digit = [&] { return p != end && static_cast<unsigned char>(*p - '0') <= 9; };
    if (p != end && *p == '-') {
        n.negative = true;
        ++p;
    }
    if (p == end) return false;
    char const* first = p;
    if (*p == '0') {
        ++p;
    } else if (*p >= '1' && *p <= '9') {
        std::uint64_t m = 0;
        while (digit()) m = m * 10 + static_cast<unsigned>(*p++ - '0');  // wraps past 19 digits: unused then
        n.mag = m;
    } else {
        return false;
    }
    n.exact = p - first <= 19;
    if (p != end && *p == '.') {
        n.literal = false;
        ++p;
        if (!digit()) return false;
        while (digit()) ++p;
    }
    if (p != end && (*p == 'e' || *p == 'E')) {
        n.literal = false;
        ++p;
        if (p != end && (*p == '+' || *p == '-')) ++p;
        if (!digit()) return false;
        while (p != end && *p == '0') ++p;
        char const* sig = p;
        while (digit()) ++p;
        if (p - sig > 9) return false;
    }
    n.exact = n.exact && n.literal;
    n.text = std::string_view(c.p, static_cast<std::size_t>(p - c.p));
    c.p = p;
    return true;
}

/// The token a scanned number is converted from: its text, or, inside a variant, the value a
/// boost::json::value holds for it (rd<boost::json::value>::number). False when that
/// conversion fails (an error of the whole document).
inline bool number_token_of(cursor& c, scanned_number const& n, number_token& t) noexcept {
    t.text = n.text;
    if (!c.dom) return true;
    if (n.literal) {
        if (to_integer(t, t.i) == conv::ok) {
            t.src = number_token::source::int64;
            return true;
        }
        if (to_integer(t, t.u) == conv::ok) {
            t.src = number_token::source::uint64;
            return true;
        }
        return false;
    }
    if (to_double(t, t.d) != conv::ok) return false;
    t.src = number_token::source::dbl;
    return true;
}

/// An integer literal of at most 19 digits into integer type I, as to_integer converts it.
template <class I>
bool exact_to_integer(scanned_number const& n, I& out) noexcept {
    using L = std::numeric_limits<I>;
    if (n.negative && n.mag != 0) {
        if constexpr (!L::is_signed) {
            return false;
        } else {
            if (n.mag > static_cast<std::uint64_t>(L::max()) + 1) return false;
            out = n.mag == static_cast<std::uint64_t>(L::max()) + 1 ? L::min() : static_cast<I>(-static_cast<I>(n.mag));
            return true;
        }
    }
    if (n.mag > static_cast<std::uint64_t>(L::max())) return false;
    out = static_cast<I>(n.mag);
    return true;
}

/// A number member (an integer, a double or a drx::number): mismatch when it does not convert.
template <class T>
st read_number(cursor& c, T& out) {
    scanned_number n;
    if (!scan_number(c, n)) return st::bail;
    if (!c.dom && n.exact) {
        // The common case: a short integer literal, converted as to_integer and from_chars would.
        if constexpr (std::is_same_v<T, double>) {
            out = n.negative ? -static_cast<double>(n.mag) : static_cast<double>(n.mag);
            return st::ok;
        } else if constexpr (std::is_same_v<T, number>) {
            std::int64_t i = 0;
            if (!exact_to_integer(n, i)) return st::mismatch;
            out = number(i);
            return st::ok;
        } else {
            return exact_to_integer(n, out) ? st::ok : st::mismatch;
        }
    }
    if (!c.dom && !n.literal && !std::is_integral_v<T>) {
        // A fraction or an exponent, into a double: from_chars, as to_double converts.
        double d = 0;
        auto r = std::from_chars(n.text.data(), n.text.data() + n.text.size(), d);
        if (r.ec != std::errc() || r.ptr != n.text.data() + n.text.size()) return st::mismatch;
        if constexpr (std::is_same_v<T, number>)
            out = number(d);
        else
            out = d;
        return st::ok;
    }
    number_token t;
    if (!number_token_of(c, n, t)) return st::bail;
    if constexpr (std::is_same_v<T, number>) {
        if (t.integer_literal()) {
            std::int64_t i = 0;
            if (to_integer(t, i) != conv::ok) return st::mismatch;
            out = number(i);
        } else {
            double d = 0;
            if (to_double(t, d) != conv::ok) return st::mismatch;
            out = number(d);
        }
        return st::ok;
    } else if constexpr (std::is_same_v<T, double>) {
        return to_double(t, out) == conv::ok ? st::ok : st::mismatch;
    } else {
        return to_integer(t, out) == conv::ok ? st::ok : st::mismatch;
    }
}

/// Enters a container: false past max_depth (a limit, which bails).
inline bool enter(cursor& c) noexcept {
    ++c.p;
    return ++c.depth <= c.opt.max_depth;
}

/// After a member or an element: true with `done` set at the closing byte `close`, true at a
/// comma (the next item follows), false on anything else.
inline bool next_item(cursor& c, char close, bool& done) noexcept {
    skip_space(c);
    char ch = peek(c);
    if (ch == ',') {
        ++c.p;
        skip_space(c);
        done = false;
        return true;
    }
    if (ch == close) {
        ++c.p;
        --c.depth;
        done = true;
        return true;
    }
    return false;
}

/// After a key: the colon and the space around it.
inline bool colon(cursor& c) noexcept {
    skip_space(c);
    if (peek(c) != ':') return false;
    ++c.p;
    skip_space(c);
    return true;
}

/// The items of an array or object whose opening byte is at c.p: enters it (max_depth), then
/// calls item() for each, which reads one element (or one key and its value) and returns its
/// status, and leaves it at `close`. Anything but ok from an item is returned as it is.
template <class F>
st items(cursor& c, char close, F&& item) {
    if (!enter(c)) return st::bail;
    skip_space(c);
    if (peek(c) == close) {
        ++c.p;
        --c.depth;
        return st::ok;
    }
    for (bool done = false; !done;) {
        if (st s = item(); s != st::ok) return s;
        if (!next_item(c, close, done)) return st::bail;
    }
    return st::ok;
}

/// A key and its colon, the key as string_token gives it.
inline bool key_token(cursor& c, std::string_view& k) {
    return peek(c) == '"' && string_token(c, k, true) && colon(c);
}

/// A value of a JSON type the C++ type does not take: the wrong type (a mismatch) when the
/// byte starts some JSON value; otherwise a syntax error is coming, and every alternative of a
/// variant meets it, so a mismatch is safe there too.
inline st wrong_type() noexcept { return st::mismatch; }

template <class T>
st value(cursor& c, T& out);

/// Reads any JSON value into a boost::json::value, as rd<boost::json::value> does.
inline st any_value(cursor& c, boost::json::value& j) {
    switch (peek(c)) {
        case 'n':
            if (!literal(c, "null")) return st::bail;
            j = nullptr;
            return st::ok;
        case 't':
            if (!literal(c, "true")) return st::bail;
            j = true;
            return st::ok;
        case 'f':
            if (!literal(c, "false")) return st::bail;
            j = false;
            return st::ok;
        case '"': {
            std::string_view s;
            if (!string_token(c, s, false)) return st::bail;
            j = s;
            return st::ok;
        }
        case '[': {
            auto& a = j.emplace_array();
            return items(c, ']', [&] { return any_value(c, a.emplace_back(nullptr)); });
        }
        case '{': {
            auto& o = j.emplace_object();
            return items(c, '}', [&] {
                std::string_view k;
                if (!key_token(c, k) || o.contains(k)) return st::bail;  // a duplicate too
                return any_value(c, o[k]);
            });
        }
        default: {
            scanned_number n;
            number_token t;
            if (!scan_number(c, n) || !number_token_of(c, n, t)) return st::bail;
            return to_json_number(t, j) == conv::ok ? st::ok : st::bail;
        }
    }
}

/// Skips the value of a key the object does not declare (unknown keys ignored), checking it as
/// the event-driven reader's parser does; inside a variant, as its capture does.
inline bool skip_value(cursor& c) {
    if (c.dom) {
        boost::json::value v;
        return any_value(c, v) == st::ok;
    }
    switch (peek(c)) {
        case 'n': return literal(c, "null");
        case 't': return literal(c, "true");
        case 'f': return literal(c, "false");
        case '"': {
            std::string_view s;
            return string_token(c, s, false);
        }
        case '[': return items(c, ']', [&] { return skip_value(c) ? st::ok : st::bail; }) == st::ok;
        case '{':
            return items(c, '}', [&] {
                       std::string_view k;
                       return key_token(c, k) && skip_value(c) ? st::ok : st::bail;
                   }) == st::ok;
        default: {
            scanned_number n;
            return scan_number(c, n);
        }
    }
}

template <class T>
struct required_members {
    static std::bitset<128> const& mask() {
        static std::bitset<128> const m = [] {
            std::bitset<128> b;
            auto const& es = struct_table<T>::entries();
            for (std::size_t i = 0; i < es.size(); ++i) b[i] = es[i].required;
            return b;
        }();
        return m;
    }
};

/// The members whose wire name is plain text (printable ASCII, no quote, no backslash), so a
/// key of exactly those bytes is that name, valid JSON (expected_key). Others are scanned.
template <class T>
struct plain_wire_names {
    static std::bitset<128> const& mask() {
        static std::bitset<128> const m = [] {
            std::bitset<128> b;
            auto const& es = struct_table<T>::entries();
            for (std::size_t i = 0; i < es.size(); ++i) {
                bool plain = true;
                for (char ch : es[i].wire) {
                    auto u = static_cast<unsigned char>(ch);
                    plain = plain && u >= 0x20 && u < 0x7f && ch != '"' && ch != '\\';
                }
                b[i] = plain;
            }
            return b;
        }();
        return m;
    }
};

template <class T>
st read_struct(cursor& c, T& obj) {
    using table = struct_table<T>;
    using members = typename table::members;
    if (peek(c) != '{') return wrong_type();
    if (!enter(c)) return st::bail;
    std::bitset<128> seen;
    std::vector<std::string> unknown;  // unknown keys, when ignored (a duplicate is reported)
    skip_space(c);
    if (peek(c) == '}') {
        ++c.p;
        --c.depth;
    } else {
        std::size_t next = 0;
        for (bool done = false; !done;) {
            auto const& es = table::entries();
            std::string_view k;
            std::size_t i = table::size;
            if (peek(c) != '"') return st::bail;
            if (next < table::size && plain_wire_names<T>::mask()[next] && expected_key(c, es[next].wire)) {
                // Keys mostly come in declaration order: the next member's key, in place.
                i = next;
                k = es[next].wire;
            } else {
                if (!string_token(c, k, true)) return st::bail;
                i = table::find(k);
            }
            if (!colon(c)) return st::bail;
            if (i == table::size) {
                if (drx_closed(static_cast<T const*>(nullptr)) || c.opt.unknown_keys == unknown_keys::error)
                    return st::mismatch;
                if (c.opt.unknown_keys == unknown_keys::warning) {
                    // A warning, which bails; inside a variant, only once the alternative is
                    // known to read (it may fail for a missing member, which comes later).
                    if (!c.dom) return st::bail;
                    ++c.warnings;
                }
                for (auto const& u : unknown)
                    if (u == k) return st::bail;
                unknown.emplace_back(k);
                if (!skip_value(c)) return st::bail;
            } else {
                if (seen[i]) return st::bail;  // a duplicate
                seen[i] = true;
                next = i + 1;
                if constexpr (table::size > 0) {
                    st s = boost::mp11::mp_with_index<table::size>(i, [&](auto I) {
                        using D = boost::mp11::mp_at_c<members, I>;
                        return value(c, obj.*D::pointer);
                    });
                    if (s != st::ok) return s;
                }
            }
            if (!next_item(c, '}', done)) return st::bail;
        }
    }
    if constexpr (table::size > 0)
        if ((required_members<T>::mask() & ~seen).any()) return st::mismatch;  // a missing member
    return st::ok;
}

template <class U, class A>
st read_vector(cursor& c, std::vector<U, A>& v) {
    if (peek(c) != '[') return wrong_type();
    std::size_t& hint = rd<std::vector<U, A>>::size_hint();  // the event-driven reader's own hint
    if (hint) v.reserve(std::min<std::size_t>(hint, 64));
    st s = items(c, ']', [&] { return value(c, v.emplace_back()); });
    if (s == st::ok) hint = v.size();
    return s;
}

template <class U, std::size_t N>
st read_array(cursor& c, std::array<U, N>& v) {
    if (peek(c) != '[') return wrong_type();
    std::size_t n = 0;
    st s = items(c, ']', [&] { return n == N ? st::mismatch : value(c, v[n++]); });  // mismatch: more than N
    if (s != st::ok) return s;
    return n == N ? st::ok : st::mismatch;
}

template <class U>
st read_map(cursor& c, object_map<U>& m) {
    if (peek(c) != '{') return wrong_type();
    return items(c, '}', [&] {
        std::string_view k;
        if (!key_token(c, k) || m.find(k)) return st::bail;  // a duplicate too
        return value(c, m.append(std::string(k)));
    });
}

/// std::variant: the alternatives in order, the first that reads wins, as
/// rd<std::variant<...>>::resolve decides.
template <class... A>
st read_variant(cursor& c, std::variant<A...>& v) {
    char const* const start = c.p;
    std::size_t const depth = c.depth;
    ++c.dom;
    st result = st::bail;
    bool decided = false;
    boost::mp11::mp_for_each<boost::mp11::mp_iota_c<sizeof...(A)>>([&](auto I) {
        if (decided) return;
        c.p = start;
        c.depth = depth;
        std::variant_alternative_t<I, std::variant<A...>> alt{};
        std::size_t const warned = c.warnings;
        st s = value(c, alt);
        if (s == st::mismatch) return;
        if (s == st::ok && c.warnings != warned) s = st::bail;  // it wins with warnings
        decided = true;
        result = s;
        if (s == st::ok) v.template emplace<I>(std::move(alt));
    });
    --c.dom;
    return result;  // every alternative a mismatch: the document is invalid, which bails
}

template <class T>
st value(cursor& c, T& out) {
    if constexpr (std::is_same_v<T, bool>) {
        if (peek(c) == 't') return literal(c, "true") ? (out = true, st::ok) : st::bail;
        if (peek(c) == 'f') return literal(c, "false") ? (out = false, st::ok) : st::bail;
        return wrong_type();
    } else if constexpr (std::is_same_v<T, std::string>) {
        if (peek(c) != '"') return wrong_type();
        std::string_view s;
        if (!string_token(c, s, false)) return st::bail;
        out.assign(s);
        return st::ok;
    } else if constexpr (integer_type<T> || std::is_same_v<T, double> || std::is_same_v<T, number>) {
        char ch = peek(c);
        if (ch != '-' && (ch < '0' || ch > '9')) return wrong_type();
        return read_number(c, out);
    } else if constexpr (std::is_same_v<T, scalar>) {
        switch (peek(c)) {
            case 'n':
                if (!literal(c, "null")) return st::bail;
                out = scalar();
                return st::ok;
            case 't':
            case 'f': {
                bool b = false;
                st s = value(c, b);
                if (s == st::ok) out = scalar(b);
                return s;
            }
            case '"': {
                std::string_view s;
                if (!string_token(c, s, false)) return st::bail;
                out = scalar(s);
                return st::ok;
            }
            case '[':
            case '{': return wrong_type();
            default: {
                number n;
                st s = value(c, n);
                if (s == st::ok) out = n.is_integer() ? scalar(n.as_integer()) : scalar(n.value());
                return s;
            }
        }
    } else if constexpr (described_enum<T>) {
        if (peek(c) != '"') return wrong_type();
        std::string_view s;
        if (!string_token(c, s, false)) return st::bail;
        return enum_from_wire<T>(s, out) ? st::ok : st::mismatch;
    } else if constexpr (is_optional<T>::value) {
        return value(c, out.emplace());
    } else if constexpr (is_nullable<T>::value) {
        if (peek(c) == 'n') {
            if (!literal(c, "null")) return st::bail;
            out.reset();
            return st::ok;
        }
        return value(c, out.emplace());
    } else if constexpr (is_vector<T>::value) {
        return read_vector(c, out);
    } else if constexpr (is_std_array<T>::value) {
        return read_array(c, out);
    } else if constexpr (is_object_map<T>::value) {
        return read_map(c, out);
    } else if constexpr (std::is_same_v<T, boost::json::value>) {
        return any_value(c, out);
    } else if constexpr (std::is_same_v<T, json_value>) {
        return any_value(c, out.value);
    } else if constexpr (is_variant<T>::value) {
        return read_variant(c, out);
    } else {
        static_assert(described_struct<T>, "the event-driven reader (rd<T>) says which member types drx reads");
        return read_struct(c, out);
    }
}

/// Reads the whole text into `out`; true only when the event-driven reader would read the
/// same object with no diagnostic. On false, `out` is in an unspecified state.
template <class T>
bool read(std::string_view text, T& out, read_options const& opt) {
    if (text.size() > opt.max_input_size || opt.max_depth > max_depth_limit) return false;
    cursor c(text, opt);
    skip_space(c);
    if (value(c, out) != st::ok) return false;
    skip_space(c);
    return c.p == c.end;
}

}  // namespace drx::detail::direct
