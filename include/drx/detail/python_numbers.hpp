// SPDX-License-Identifier: BSL-1.0
// drx internals: Python's int(str) / float(str) and trafaret's bool spellings, exactly.
//
// The real server converts query text with trafaret, which calls Python's int() and float()
// (docs/reference/query-conversions.md (Int, Float, Bool, Python int() and float())). These
// functions give the same answers on any UTF-8 text, so every family that reads values the Python
// way can reuse them:
//
//   python_int("\u0663 ")       -> 3        (Unicode Nd digits, non-ASCII whitespace stripped)
//   python_int("1_000")         -> 1000     (PEP 515 underscores, one at a time, between digits)
//   python_int("3.0")           -> invalid  (no decimal point or exponent in int())
//   python_int(4301 digits)     -> too_many_digits (CPython's 4300-digit limit, leading zeros count)
//   python_float("-iNfInItY")   -> -inf     python_float("1e400") -> inf    ("1e-400" -> 0.0)
//   trafaret_str_bool(" YES\x1c") -> true   (str.strip() also strips U+001C..U+001F)
//
// Character facts (which code points are digits, which are whitespace) come from the tables in
// python_unicode_tables.hpp, generated from CPython's unicodedata by
// tests/tools/gen_python_unicode_tables.py (Unicode 14.0.0, CPython 3.11).
#pragma once

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

#include <drx/detail/python_format.hpp>
#include <drx/detail/python_unicode_tables.hpp>

namespace drx::detail {

/// The digit value Python gives code point c (0..9), or -1 when c is not a decimal digit.
constexpr int python_decimal_value(char32_t c) noexcept {
    if (c >= U'0' && c <= U'9') return static_cast<int>(c - U'0');
    if (c < 0x80) return -1;
    auto const* b = std::begin(python_decimal_runs);
    auto const* e = std::end(python_decimal_runs);
    auto const* it = std::upper_bound(b, e, c, [](char32_t x, python_decimal_run const& r) { return x < r.first; });
    if (it == b) return -1;
    --it;
    if (c - it->first < it->count) return static_cast<int>(it->first_value + (c - it->first));
    return -1;
}

/// str.isspace() of code point c (the characters str.strip() removes).
constexpr bool python_isspace(char32_t c) noexcept {
    return std::binary_search(std::begin(python_space_chars), std::end(python_space_chars), c);
}

/// C's isspace in the "C" locale (Py_ISSPACE): the ASCII whitespace int() and float() strip.
constexpr bool python_ascii_space(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

/// CPython's _PyUnicode_TransformDecimalAndSpaceToASCII, the first step of int(str) and
/// float(str): ASCII characters stay, non-ASCII whitespace becomes ' ', non-ASCII decimal
/// digits become their ASCII digit, and the text ends at the first other non-ASCII
/// character with a '?' (which no parser accepts). Returns false when `utf8` is not valid
/// UTF-8 (no Python str has such bytes).
inline bool python_transform_decimal_and_space(std::string_view utf8, std::string& out) {
    out.clear();
    out.reserve(utf8.size());
    auto const* p = reinterpret_cast<unsigned char const*>(utf8.data());
    auto const* const end = p + utf8.size();
    while (p != end) {
        if (*p < 0x80) {
            out += static_cast<char>(*p++);
            continue;
        }
        char32_t cp = 0;
        std::size_t n = decode_utf8_sequence(p, end, cp);
        if (n == 0) return false;
        p += n;
        if (python_isspace(cp)) {
            out += ' ';
        } else if (int d = python_decimal_value(cp); d >= 0) {
            out += static_cast<char>('0' + d);
        } else {
            out += '?';
            // CPython stops here; the rest cannot make the text valid. Keep validating UTF-8.
            while (p != end) {
                if (*p < 0x80) {
                    ++p;
                    continue;
                }
                n = decode_utf8_sequence(p, end, cp);
                if (n == 0) return false;
                p += n;
            }
            return true;
        }
    }
    return true;
}

/// CPython's default int max_str_digits (sys.get_int_max_str_digits(), CPython 3.11+ and the
/// 3.10.7 / 3.9.14 / 3.8.14 / 3.7.14 security releases).
inline constexpr std::size_t python_int_max_str_digits = 4300;

/// The outcome of Python's int(text) (base 10).
struct python_int_result {
    enum class status {
        ok,               ///< a valid integer
        invalid,          ///< ValueError "invalid literal for int() with base 10"
        too_many_digits,  ///< ValueError "Exceeds the limit (4300 digits) for integer string conversion"
    };
    status st = status::invalid;
    /// The integer is negative (ok only; "-0" is 0 and not negative).
    bool negative = false;
    /// The integer fits std::int64_t (ok only); otherwise its magnitude is larger than any int64.
    bool fits = false;
    /// The integer, when ok() and fits.
    std::int64_t value = 0;
    /// The number of digits read (underscores, sign and whitespace not counted).
    std::size_t digits = 0;

    /// True when int() returns a value (a ValueError otherwise).
    constexpr bool ok() const noexcept { return st == status::ok; }
};

/// Python's int(text) for a str `text` given as UTF-8 (docs/reference/query-conversions.md (Int,
/// Python int() and float())): surrounding whitespace stripped (ASCII " \t\n\v\f\r" and non-ASCII
/// str.isspace(), not U+001C..U+001F), one optional sign, Unicode decimal digits (scripts may mix),
/// single underscores between digits, no decimal point, exponent, prefix or special value, and at
/// most `max_str_digits` digits (0 = no limit). Text that is not valid UTF-8 is invalid.
inline python_int_result python_int(std::string_view text, std::size_t max_str_digits = python_int_max_str_digits) {
    python_int_result r;
    std::string s;
    if (!python_transform_decimal_and_space(text, s)) return r;
    std::size_t i = 0, n = s.size();
    while (i < n && python_ascii_space(s[i])) ++i;
    while (n > i && python_ascii_space(s[n - 1])) --n;
    bool neg = false;
    if (i < n && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
    if (i >= n || s[i] < '0' || s[i] > '9') return r;
    std::uint64_t mag = 0;
    bool big = false;
    std::size_t digits = 0;
    for (; i < n; ++i) {
        char c = s[i];
        if (c == '_') {
            // One underscore, between two digits (the previous character was a digit).
            if (i + 1 >= n || s[i + 1] < '0' || s[i + 1] > '9') return r;
            continue;
        }
        if (c < '0' || c > '9') return r;
        ++digits;
        unsigned d = static_cast<unsigned>(c - '0');
        if (!big) {
            if (mag > (std::numeric_limits<std::uint64_t>::max() - d) / 10)
                big = true;
            else
                mag = mag * 10 + d;
        }
    }
    r.digits = digits;
    if (max_str_digits != 0 && digits > max_str_digits) {
        r.st = python_int_result::status::too_many_digits;
        return r;
    }
    r.st = python_int_result::status::ok;
    r.negative = neg && (big || mag != 0);
    constexpr std::uint64_t max_pos = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (big || mag > max_pos + (neg ? 1u : 0u)) {
        r.fits = false;
        return r;
    }
    r.fits = true;
    if (neg)
        r.value = mag == max_pos + 1 ? std::numeric_limits<std::int64_t>::min() : -static_cast<std::int64_t>(mag);
    else
        r.value = static_cast<std::int64_t>(mag);
    return r;
}

/// Python's float(text) for a str `text` given as UTF-8 (docs/reference/query-conversions.md
/// (Float, Python int() and float())): the same whitespace and digits as int();
/// `digits[.digits][e[sign]digits]`, `.digits`, `digits.`; single underscores between digits
/// anywhere; `inf`, `infinity`, `nan` in any case with an optional sign. Out-of-range values become
/// ±inf or ±0.0, as CPython's do; the result is correctly rounded. std::nullopt is Python's
/// ValueError.
inline std::optional<double> python_float(std::string_view text) {
    std::string s;
    if (!python_transform_decimal_and_space(text, s)) return std::nullopt;
    // _Py_string_to_number_with_underscores: every '_' sits between two digits; then drop them.
    if (s.find('_') != std::string::npos) {
        std::string t;
        t.reserve(s.size());
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (s[i] == '_') {
                bool before = i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9';
                bool after = i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '9';
                if (!before || !after) return std::nullopt;
                continue;
            }
            t += s[i];
        }
        s.swap(t);
    }
    std::size_t i = 0, n = s.size();
    while (i < n && python_ascii_space(s[i])) ++i;
    while (n > i && python_ascii_space(s[n - 1])) --n;
    bool neg = false;
    if (i < n && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
    std::string_view body(s.data() + i, n - i);
    auto iequal = [](std::string_view a, std::string_view lower) {
        if (a.size() != lower.size()) return false;
        for (std::size_t k = 0; k < a.size(); ++k) {
            char c = a[k];
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            if (c != lower[k]) return false;
        }
        return true;
    };
    if (iequal(body, "inf") || iequal(body, "infinity"))
        return neg ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    if (iequal(body, "nan")) return neg ? -std::numeric_limits<double>::quiet_NaN() : std::numeric_limits<double>::quiet_NaN();

    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    std::size_t k = 0;
    std::size_t int_begin = k;
    while (k < body.size() && digit(body[k])) ++k;
    std::string_view int_part = body.substr(int_begin, k - int_begin);
    std::string_view frac_part;
    if (k < body.size() && body[k] == '.') {
        std::size_t fb = ++k;
        while (k < body.size() && digit(body[k])) ++k;
        frac_part = body.substr(fb, k - fb);
    }
    if (int_part.empty() && frac_part.empty()) return std::nullopt;
    // The exponent, saturated far beyond any double (clipped below).
    long long exp10 = 0;
    if (k < body.size() && (body[k] == 'e' || body[k] == 'E')) {
        ++k;
        bool eneg = false;
        if (k < body.size() && (body[k] == '+' || body[k] == '-')) eneg = body[k++] == '-';
        std::size_t eb = k;
        while (k < body.size() && digit(body[k])) {
            if (exp10 < 1'000'000'000'000LL) exp10 = exp10 * 10 + (body[k] - '0');
            ++k;
        }
        if (k == eb) return std::nullopt;
        if (eneg) exp10 = -exp10;
    }
    if (k != body.size()) return std::nullopt;

    // Position of the first non-zero digit, to tell overflow from underflow and zero.
    std::size_t total = int_part.size() + frac_part.size();
    std::size_t first_nz = total;
    for (std::size_t j = 0; j < total; ++j) {
        char c = j < int_part.size() ? int_part[j] : frac_part[j - int_part.size()];
        if (c != '0') {
            first_nz = j;
            break;
        }
    }
    double v = 0.0;
    if (first_nz != total) {
        // Clipping the exponent to ±(digits + 400) keeps every outcome (±inf, 0.0 or the value).
        long long lim = static_cast<long long>(total) + 400;
        long long e = std::clamp(exp10, -lim, lim);
        std::string buf;
        buf.reserve(total + 24);
        buf.append(int_part.empty() ? std::string_view("0") : int_part);
        buf += '.';
        buf.append(frac_part.empty() ? std::string_view("0") : frac_part);
        buf += 'e';
        buf += std::to_string(e);
        auto res = std::from_chars(buf.data(), buf.data() + buf.size(), v, std::chars_format::general);
        if (res.ec == std::errc::result_out_of_range) {
            // Decimal exponent of the leading digit: > 0 overflows, otherwise it underflows.
            long long lead = static_cast<long long>(int_part.size()) - 1 - static_cast<long long>(first_nz) + e;
            v = lead > 0 ? std::numeric_limits<double>::infinity() : 0.0;
        } else if (res.ec != std::errc() || res.ptr != buf.data() + buf.size()) {
            return std::nullopt;  // not reached: the text was checked above
        }
    }
    return neg ? -v : v;
}

/// The trafaret major versions whose bool spellings differ (docs/reference/query-conversions.md
/// (Bool)).
enum class trafaret_version { v1, v2 };

/// trafaret's StrBool (1.x) / ToBool (2.x) on a str given as UTF-8: str.strip() (every
/// str.isspace() character, U+001C..U+001F included), str.lower(), then
/// t/true/y/yes/on/1 -> true and false/n/no/off/0/none -> false; 2.x also reads 1.0 and 0.0.
/// std::nullopt is the DataError "value can't be converted to Bool".
///
/// Lower-casing only ASCII letters is exact: the generator of the Unicode tables checks that
/// no non-ASCII character lowers into one of these spellings.
inline std::optional<bool> trafaret_str_bool(std::string_view text, trafaret_version version = trafaret_version::v1) {
    if (!is_valid_utf8(text)) return std::nullopt;
    auto const* b = reinterpret_cast<unsigned char const*>(text.data());
    auto const* e = b + text.size();
    // Strip leading whitespace.
    while (b != e) {
        char32_t cp = *b;
        std::size_t n = 1;
        if (*b >= 0x80) n = decode_utf8_sequence(b, e, cp);
        if (!python_isspace(cp)) break;
        b += n;
    }
    // Strip trailing whitespace: step back over one code point at a time.
    while (e != b) {
        auto const* q = e - 1;
        while (q != b && (*q & 0xC0) == 0x80) --q;
        char32_t cp = *q;
        if (*q >= 0x80) decode_utf8_sequence(q, e, cp);
        if (!python_isspace(cp)) break;
        e = q;
    }
    std::string w(reinterpret_cast<char const*>(b), static_cast<std::size_t>(e - b));
    if (w.size() > 5) return std::nullopt;
    for (char& c : w)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (w == "t" || w == "true" || w == "y" || w == "yes" || w == "on" || w == "1") return true;
    if (w == "false" || w == "n" || w == "no" || w == "off" || w == "0" || w == "none") return false;
    if (version == trafaret_version::v2) {
        if (w == "1.0") return true;
        if (w == "0.0") return false;
    }
    return std::nullopt;
}

}  // namespace drx::detail
