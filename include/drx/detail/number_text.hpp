// SPDX-License-Identifier: BSL-1.0
// drx internals: exact conversion of JSON number text.
//
// Boost.JSON 1.81's own double conversion gives the wrong value for about 29% of random
// shortest-form doubles, so drx converts the raw number text that basic_parser hands to its
// number events: floats with std::from_chars (correctly rounded), integers exactly, including
// integral values written with a fraction or an exponent (`5.0`, `1e2`), which count as
// integers as in JSON Schema (docs/reference/reading.md).
#pragma once

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string_view>
#include <system_error>

namespace drx::detail {

/// A number as it came: raw text from the parser, or an already converted value when read
/// from a boost::json::value.
struct number_token {
    enum class source : unsigned char { text, int64, uint64, dbl };
    source src = source::text;
    std::string_view text;
    std::int64_t i = 0;
    std::uint64_t u = 0;
    double d = 0;

    /// True when written as an integer literal (no fraction, no exponent).
    bool integer_literal() const noexcept {
        switch (src) {
            case source::text: return text.find_first_of(".eE") == std::string_view::npos;
            case source::int64:
            case source::uint64: return true;
            case source::dbl: return false;
        }
        return false;
    }
};

enum class conv { ok, not_integral, out_of_range };

/// Parses JSON number text (already validated by the parser) as an exact integer.
/// `5.0`, `50e-1` and `1e2` are integral; `5.5` is not; values beyond 64 bits are out of range.
inline conv exact_integer_text(std::string_view t, bool& negative, std::uint64_t& magnitude) noexcept {
    std::size_t p = 0;
    negative = false;
    if (p < t.size() && t[p] == '-') {
        negative = true;
        ++p;
    }
    std::string_view int_digits, frac_digits;
    std::size_t s = p;
    while (p < t.size() && t[p] >= '0' && t[p] <= '9') ++p;
    int_digits = t.substr(s, p - s);
    if (p < t.size() && t[p] == '.') {
        s = ++p;
        while (p < t.size() && t[p] >= '0' && t[p] <= '9') ++p;
        frac_digits = t.substr(s, p - s);
    }
    std::int64_t exp = 0;
    if (p < t.size() && (t[p] == 'e' || t[p] == 'E')) {
        ++p;
        bool eneg = false;
        if (p < t.size() && (t[p] == '+' || t[p] == '-')) eneg = t[p++] == '-';
        for (; p < t.size() && t[p] >= '0' && t[p] <= '9'; ++p) {
            if (exp < 1000000000) exp = exp * 10 + (t[p] - '0');
        }
        if (eneg) exp = -exp;
    }
    // value = digits(int_digits frac_digits) * 10^(exp - len(frac_digits))
    std::int64_t scale = exp - static_cast<std::int64_t>(frac_digits.size());
    // Collect significant digits, skipping leading zeros.
    auto digit_at = [&](std::size_t k) { return k < int_digits.size() ? int_digits[k] : frac_digits[k - int_digits.size()]; };
    std::size_t n = int_digits.size() + frac_digits.size();
    std::size_t first = 0;
    while (first < n && digit_at(first) == '0') ++first;
    if (first == n) {
        magnitude = 0;
        return conv::ok;  // zero, whatever the exponent
    }
    std::size_t last = n;  // one past the last digit that is kept
    if (scale < 0) {
        // The last -scale digits are the fraction: they must all be zeros.
        std::uint64_t drop = static_cast<std::uint64_t>(-scale);
        if (drop > n - first) return conv::not_integral;
        for (std::size_t k = n - static_cast<std::size_t>(drop); k < n; ++k)
            if (digit_at(k) != '0') return conv::not_integral;
        last = n - static_cast<std::size_t>(drop);
        scale = 0;
    }
    if (static_cast<std::int64_t>(last - first) + scale > 20) return conv::out_of_range;
    std::uint64_t m = 0;
    constexpr std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
    for (std::size_t k = first; k < last; ++k) {
        unsigned dgt = static_cast<unsigned>(digit_at(k) - '0');
        if (m > (max - dgt) / 10) return conv::out_of_range;
        m = m * 10 + dgt;
    }
    for (std::int64_t k = 0; k < scale; ++k) {
        if (m > max / 10) return conv::out_of_range;
        m *= 10;
    }
    magnitude = m;
    return conv::ok;
}

/// Converts a token to integer type I exactly.
template <class I>
conv to_integer(number_token const& tok, I& out) noexcept {
    bool neg = false;
    std::uint64_t mag = 0;
    switch (tok.src) {
        case number_token::source::text: {
            conv c = exact_integer_text(tok.text, neg, mag);
            if (c != conv::ok) return c;
            break;
        }
        case number_token::source::int64:
            neg = tok.i < 0;
            mag = neg ? static_cast<std::uint64_t>(-(tok.i + 1)) + 1 : static_cast<std::uint64_t>(tok.i);
            break;
        case number_token::source::uint64: mag = tok.u; break;
        case number_token::source::dbl: {
            double d = tok.d;
            if (std::isnan(d)) return conv::not_integral;
            if (std::isinf(d)) return conv::out_of_range;
            if (std::trunc(d) != d) return conv::not_integral;
            if (d >= 18446744073709551616.0 || d < -9223372036854775808.0) return conv::out_of_range;
            neg = d < 0;
            mag = static_cast<std::uint64_t>(neg ? -d : d);
            break;
        }
    }
    if (neg && mag == 0) neg = false;  // -0
    using L = std::numeric_limits<I>;
    if (neg) {
        if constexpr (!L::is_signed) {
            return conv::out_of_range;
        } else {
            // |min| = max + 1
            if (mag > static_cast<std::uint64_t>(L::max()) + 1) return conv::out_of_range;
            out = mag == static_cast<std::uint64_t>(L::max()) + 1 ? L::min() : static_cast<I>(-static_cast<I>(mag));
            return conv::ok;
        }
    }
    if (mag > static_cast<std::uint64_t>(L::max())) return conv::out_of_range;
    out = static_cast<I>(mag);
    return conv::ok;
}

/// Converts a token to double, correctly rounded. Text that overflows to infinity or
/// underflows a nonzero value to zero is out of range (no silent data loss).
inline conv to_double(number_token const& tok, double& out) noexcept {
    switch (tok.src) {
        case number_token::source::text: {
            auto r = std::from_chars(tok.text.data(), tok.text.data() + tok.text.size(), out);
            if (r.ec == std::errc::result_out_of_range) return conv::out_of_range;
            if (r.ec != std::errc() || r.ptr != tok.text.data() + tok.text.size()) return conv::out_of_range;
            return conv::ok;
        }
        case number_token::source::int64: out = static_cast<double>(tok.i); return conv::ok;
        case number_token::source::uint64: out = static_cast<double>(tok.u); return conv::ok;
        case number_token::source::dbl: out = tok.d; return conv::ok;
    }
    return conv::out_of_range;
}

}  // namespace drx::detail
