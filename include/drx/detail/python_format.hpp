// SPDX-License-Identifier: BSL-1.0
// drx: Python-exact formatting of floats and strings (docs/reference/exact-json.md).
//
// The oracle for everything in this file is CPython: `repr(float)` for numbers
// and `json.dumps(str, ensure_ascii=...)` for strings (docs/reference/exact-json.md:
// Floats, Strings, NaN and infinities). Header-only, standard headers only.
#pragma once

#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <system_error>

namespace drx::detail {

// Lowercase hexadecimal digits, as CPython's json encoder writes them in
// "\uXXXX" escapes (docs/reference/exact-json.md (Strings)).
inline constexpr char python_hex_digits[] = "0123456789abcdef";

// Python's repr(float) of x (docs/reference/exact-json.md (Floats)): shortest
// round-trip digits (std::to_chars is shortest), fixed notation when the decimal
// exponent e of x = d.ddd * 10^e satisfies -4 <= e < 16, with ".0" appended when
// there is no fractional part ("1.0", "0.0", "9999999999999998.0"); exponent form
// otherwise ("1e-05", "1e+16", "1.5e-07": sign always, at least 2 exponent digits);
// -0.0 is kept. NaN -> "NaN", +inf -> "Infinity", -inf -> "-Infinity", the spellings
// of json.dumps (docs/reference/exact-json.md (NaN and infinities); the caller decides
// whether they are allowed). write_float_repr writes it into a buffer, append_float_repr
// appends it to a string.
/// Room write_float_repr needs: the longest repr is 24 characters ("-1.2345678901234567e-308";
/// fixed notation is at most 23, "-0.0001234567890123456").
inline constexpr std::size_t float_repr_max = 24;

/// Writes repr(x) at w, which has room for float_repr_max characters; returns the end.
inline char* write_float_repr(char* w, double x) noexcept {
    if (std::isnan(x)) {
        std::memcpy(w, "NaN", 3);
        return w + 3;
    }
    if (std::isinf(x)) {
        if (x < 0) {
            std::memcpy(w, "-Infinity", 9);
            return w + 9;
        }
        std::memcpy(w, "Infinity", 8);
        return w + 8;
    }

    // Python's fixed range, -4 <= e < 16, is 1e-4 <= |x| < 1e16 (zero included), compared on
    // doubles: a double below 1e16 never has a shortest form of 1e+16, and the double 1e-4 is
    // the least whose shortest form has e = -4. There the shortest round-trip digits in fixed
    // notation are Python's, with ".0" added to an integral value.
    double const magnitude = std::fabs(x);
    if (magnitude == 0 || (magnitude >= 1e-4 && magnitude < 1e16)) {
        char* const e = std::to_chars(w, w + float_repr_max, x, std::chars_format::fixed).ptr;
        // The fixed digits have a point unless the value is integral (below 1e16, so the cast
        // is exact): then Python adds ".0", also to -0.0.
        if (static_cast<double>(static_cast<std::int64_t>(x)) != x) return e;
        e[0] = '.';
        e[1] = '0';
        return e + 2;
    }
    // Otherwise the shortest round-trip digits in scientific form, "[-]d[.ddd]e(+|-)XX[X]",
    // which is exactly Python's exponent form (two exponent digits at least).
    return std::to_chars(w, w + float_repr_max, x, std::chars_format::scientific).ptr;
}

inline void append_float_repr(std::string& out, double x) {
    char buf[float_repr_max];
    out.append(buf, static_cast<std::size_t>(write_float_repr(buf, x) - buf));
}

/// Python's str() of a float: repr(float), with nan, inf and -inf for the special values (the
/// one spelling drx's messages use).
inline std::string python_number_text(double x) {
    if (x != x) return "nan";
    if (x == std::numeric_limits<double>::infinity()) return "inf";
    if (x == -std::numeric_limits<double>::infinity()) return "-inf";
    std::string s;
    append_float_repr(s, x);
    return s;
}

// Decodes one UTF-8 sequence starting at p (p < end, *p >= 0x80). Returns its
// length (2..4) and stores the code point in cp, or returns 0 if the sequence is
// invalid: a stray continuation byte, an overlong form, a surrogate U+D800..U+DFFF,
// a value above U+10FFFF, or a truncated sequence. These are the byte strings
// that Python's strict UTF-8 decoder refuses, so no Python str maps to them
// (docs/reference/exact-json.md (Strings)).
inline std::size_t decode_utf8_sequence(unsigned char const* p, unsigned char const* end,
                                        char32_t& cp) noexcept {
    unsigned const b0 = p[0];
    std::size_t const avail = static_cast<std::size_t>(end - p);
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        if (avail < 2 || (p[1] & 0xC0) != 0x80) {
            return 0;
        }
        cp = static_cast<char32_t>(((b0 & 0x1Fu) << 6) | (p[1] & 0x3Fu));
        return 2;
    }
    if (b0 >= 0xE0 && b0 <= 0xEF) {
        if (avail < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) {
            return 0;
        }
        // E0 needs A0..BF (no overlong); ED needs 80..9F (no surrogates).
        if ((b0 == 0xE0 && p[1] < 0xA0) || (b0 == 0xED && p[1] > 0x9F)) {
            return 0;
        }
        cp = static_cast<char32_t>(((b0 & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu));
        return 3;
    }
    if (b0 >= 0xF0 && b0 <= 0xF4) {
        if (avail < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 ||
            (p[3] & 0xC0) != 0x80) {
            return 0;
        }
        // F0 needs 90..BF (no overlong); F4 needs 80..8F (<= U+10FFFF).
        if ((b0 == 0xF0 && p[1] < 0x90) || (b0 == 0xF4 && p[1] > 0x8F)) {
            return 0;
        }
        cp = static_cast<char32_t>(((b0 & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) |
                                   ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu));
        return 4;
    }
    return 0;  // 0x80..0xC1 (continuation / overlong lead) or 0xF5..0xFF
}

// True if the 8 bytes at p are all ASCII (used to skip ASCII runs quickly).
inline bool all_ascii_8(unsigned char const* p) noexcept {
    std::uint64_t word;
    std::memcpy(&word, p, sizeof word);
    return (word & 0x8080808080808080ull) == 0;
}

// Validates UTF-8 as Python's strict decoder does: rejects overlongs, surrogates
// U+D800..U+DFFF, code points above U+10FFFF and truncated sequences
// (docs/reference/exact-json.md (Strings)).
inline bool is_valid_utf8(std::string_view s) noexcept {
    auto const* p = reinterpret_cast<unsigned char const*>(s.data());
    auto const* const end = p + s.size();
    while (p != end) {
        while (end - p >= 8 && all_ascii_8(p)) {
            p += 8;
        }
        if (p == end) {
            break;
        }
        if (*p < 0x80) {
            ++p;
            continue;
        }
        char32_t cp;
        std::size_t const n = decode_utf8_sequence(p, end, cp);
        if (n == 0) {
            return false;
        }
        p += n;
    }
    return true;
}

// True if byte c is copied verbatim by json.dumps in both ensure_ascii settings:
// printable ASCII 0x20..0x7e other than '"' and '\\' (docs/reference/exact-json.md (Strings)).
inline constexpr bool is_plain_json_byte(unsigned char c) noexcept {
    return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
}

// True if all 8 bytes at p are plain (see is_plain_json_byte); a word-at-a-time test
// so that long runs of ordinary text are skipped quickly.
inline bool all_plain_json_8(unsigned char const* p) noexcept {
    constexpr std::uint64_t ones = 0x0101010101010101ull;
    constexpr std::uint64_t highs = 0x8080808080808080ull;
    std::uint64_t x;
    std::memcpy(&x, p, sizeof x);
    // (v - ones) & ~v & highs is nonzero iff some byte of v is zero (exact for "any").
    auto const has_zero_byte = [](std::uint64_t v) { return (v - ones) & ~v & highs; };
    std::uint64_t const below_space = (x - ones * 0x20) & ~x & highs;  // some byte < 0x20
    std::uint64_t const special = has_zero_byte(x ^ (ones * '"')) | has_zero_byte(x ^ (ones * '\\')) |
                                  has_zero_byte(x ^ (ones * 0x7f));
    return ((x & highs) | below_space | special) == 0;
}

// Writes the 6-character escape "\uXXXX" (lowercase hex) of the UTF-16 unit u
// into w, as json.dumps does (docs/reference/exact-json.md (Strings)). Returns the end.
inline char* write_u_escape(char* w, unsigned u) noexcept {
    w[0] = '\\';
    w[1] = 'u';
    w[2] = python_hex_digits[(u >> 12) & 0xF];
    w[3] = python_hex_digits[(u >> 8) & 0xF];
    w[4] = python_hex_digits[(u >> 4) & 0xF];
    w[5] = python_hex_digits[u & 0xF];
    return w + 6;
}

// Writes the json.dumps escape of an ASCII byte c that needs one (a control
// character < 0x20, '"', '\\', or 0x7f when ensure_ascii): the short forms
// \" \\ \n \r \t \b \f, otherwise \u00XX (docs/reference/exact-json.md (Strings)). Returns the end.
inline char* write_ascii_escape(char* w, unsigned char c) noexcept {
    char short_form = 0;
    switch (c) {
        case '"': short_form = '"'; break;
        case '\\': short_form = '\\'; break;
        case '\n': short_form = 'n'; break;
        case '\r': short_form = 'r'; break;
        case '\t': short_form = 't'; break;
        case '\b': short_form = 'b'; break;
        case '\f': short_form = 'f'; break;
        default: break;
    }
    if (short_form != 0) {
        w[0] = '\\';
        w[1] = short_form;
        return w + 2;
    }
    return write_u_escape(w, c);
}

// s as a JSON string literal exactly as json.dumps(s, ensure_ascii=ensure_ascii)
// writes it (docs/reference/exact-json.md (Strings)): quotes; \" \\ \n \r \t \b \f; other chars
// < 0x20 as \u00XX (lowercase hex). ensure_ascii=true: every char outside 0x20..0x7e
// (0x7f included) as \uXXXX, astral chars as a surrogate pair. ensure_ascii=false:
// only the mandatory escapes, everything else (0x7f, non-ASCII) as raw UTF-8.
// write_json_string writes it into a buffer; append_json_string appends it to `out` and
// returns false, leaving `out` unchanged, if s is not valid UTF-8. `s` must not view the
// contents of `out` (appending may reallocate it).

/// Room write_json_string needs for `n` bytes of text: six characters a byte (a control
/// character is \u00XX; a 2-, 3- or 4-byte sequence is one or two \uXXXX) and the quotes.
constexpr std::size_t json_string_max(std::size_t n) noexcept { return 6 * n + 2; }

/// At least the length write_json_string writes for s, and exact for plain text: the quotes, and
/// five more characters for each byte that may be escaped.
inline std::size_t json_string_bound(std::string_view s) noexcept {
    auto const* p = reinterpret_cast<unsigned char const*>(s.data());
    auto const* const end = p + s.size();
    std::size_t extra = 0;
    while (p != end) {
        while (end - p >= 8 && all_plain_json_8(p)) {
            p += 8;
        }
        if (p == end) {
            break;
        }
        if (!is_plain_json_byte(*p)) {
            extra += 5;
        }
        ++p;
    }
    return s.size() + 2 + extra;
}

/// Writes s at w, which has room for json_string_bound(s) characters (json_string_max(s.size())
/// is more, and costs no scan); returns the end, or nullptr if s is not valid UTF-8.
inline char* write_json_string(char* w, std::string_view s, bool ensure_ascii) noexcept {
    *w++ = '"';
    auto const* const begin = reinterpret_cast<unsigned char const*>(s.data());
    auto const* const end = begin + s.size();
    auto const* p = begin;
    auto const* run = begin;  // start of the pending run of bytes copied verbatim
    auto flush = [&] {
        std::size_t const n = static_cast<std::size_t>(p - run);
        if (n) std::memcpy(w, run, n);
        w += n;
    };

    while (p != end) {
        // Extend the run over plain printable ASCII, 8 bytes at a time, then bytewise.
        while (end - p >= 8 && all_plain_json_8(p)) {
            p += 8;
        }
        while (p != end && is_plain_json_byte(*p)) {
            ++p;
        }
        if (p == end) {
            break;
        }
        unsigned char const c = *p;
        if (c < 0x80) {
            if (c == 0x7f && !ensure_ascii) {
                ++p;
                continue;
            }
            flush();
            w = write_ascii_escape(w, c);
            run = ++p;
            continue;
        }
        char32_t cp = 0;
        std::size_t const n = decode_utf8_sequence(p, end, cp);
        if (n == 0) {
            return nullptr;
        }
        if (!ensure_ascii) {
            p += n;  // raw UTF-8 stays in the run
            continue;
        }
        flush();
        if (cp >= 0x10000) {
            char32_t const v = cp - 0x10000;
            w = write_u_escape(w, 0xD800u | static_cast<unsigned>(v >> 10));
            w = write_u_escape(w, 0xDC00u | static_cast<unsigned>(v & 0x3FFu));
        } else {
            w = write_u_escape(w, static_cast<unsigned>(cp));
        }
        p += n;
        run = p;
    }
    flush();
    *w++ = '"';
    return w;
}

inline bool append_json_string(std::string& out, std::string_view s, bool ensure_ascii) {
    std::size_t const original_size = out.size();
    out.resize(original_size + json_string_max(s.size()));
    char* const e = write_json_string(out.data() + original_size, s, ensure_ascii);
    out.resize(e ? static_cast<std::size_t>(e - out.data()) : original_size);
    return e != nullptr;
}

}  // namespace drx::detail
