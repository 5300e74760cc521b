// drx: the qualitative strength symbols of XEMP explanations (seed 003's table).
#pragma once

#include <array>
#include <string_view>

namespace drx {

/// The eight qualitative strength symbols, strongest positive to strongest negative
/// (seed 003: +++ ++ + <+ for positive effects, --- -- - <- for negative ones).
inline constexpr std::array<std::string_view, 8> qualitative_symbols{"+++", "++", "+", "<+", "---", "--", "-", "<-"};

/// True if `s` is one of the eight symbols.
constexpr bool is_qualitative_symbol(std::string_view s) noexcept {
    for (auto x : qualitative_symbols)
        if (x == s) return true;
    return false;
}

/// +1 for a positive symbol, -1 for a negative one, 0 for anything else.
constexpr int qualitative_sign(std::string_view s) noexcept {
    if (!is_qualitative_symbol(s)) return 0;
    return s.back() == '+' ? 1 : -1;
}

}  // namespace drx
