// SPDX-License-Identifier: BSL-1.0
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
    // The eight symbols are one to three signs of one kind, or '<' and a sign: decided from
    // the bytes, without comparing against each symbol (this runs for every explanation).
    auto sign = [](char c) { return c == '+' || c == '-'; };
    switch (s.size()) {
        case 1: return sign(s[0]);
        case 2: return sign(s[1]) && (s[0] == '<' || s[0] == s[1]);
        case 3: return sign(s[0]) && s[1] == s[0] && s[2] == s[0];
        default: return false;
    }
}

/// +1 for a positive symbol, -1 for a negative one, 0 for anything else.
constexpr int qualitative_sign(std::string_view s) noexcept {
    if (!is_qualitative_symbol(s)) return 0;
    return s.back() == '+' ? 1 : -1;
}

/// `symbol` when it is a symbol whose sign agrees with `strength` (any symbol agrees with 0),
/// otherwise "+" or "-" after the strength's sign: how generated explanations are repaired to
/// satisfy response.qualitative.symbol and response.qualitative.sign.
constexpr std::string_view symbol_agreeing_with(std::string_view symbol, double strength) noexcept {
    int sign = qualitative_sign(symbol);
    if (sign != 0 && !(sign < 0 && strength > 0) && !(sign > 0 && strength < 0)) return symbol;
    return strength < 0 ? "-" : "+";
}

/// The meaning of a symbol, as seed 003's "qualitativeStrength indicator" table states it
/// (its "Description" column, verbatim); empty for anything that is not a symbol.
constexpr std::string_view qualitative_meaning(std::string_view s) noexcept {
    if (s == "+++") return "Absolute score is > 0.75 and feature has positive impact.";
    if (s == "---") return "Absolute score is > 0.75 and feature has negative impact.";
    if (s == "++") return "Absolute score is between (0.25, 0.75) and feature has positive impact.";
    if (s == "--") return "Absolute score is between (0.25, 0.75) and feature has negative impact.";
    if (s == "+") return "Absolute score is between (0.001, 0.25) and feature has positive impact.";
    if (s == "-") return "Absolute score is between (0.001, 0.25) and feature has negative impact.";
    if (s == "<+") return "Absolute score is between (0, 0.001) and feature has positive impact.";
    if (s == "<-") return "Absolute score is between (0, 0.001) and feature has negative impact.";
    return {};
}

/// The symbol of a normalized XEMP score q (a strength divided by the row's normalization
/// factor; q itself is not in the API), following seed 003's table: |q| > 0.75 is `+++`/`---`,
/// (0.25, 0.75) is `++`/`--`, (0.001, 0.25) is `+`/`-`, (0, 0.001) is `<+`/`<-`.
///
/// Seed 003 writes open intervals, so it leaves the boundaries themselves open; drx closes them as
/// the documented two-feature table does (docs/reference/objects.md (Qualitative strength), the
/// only official table with these cut-offs): 0.75 is `++`, 0.25 is `+`, 0.001 is `+`, and on the
/// negative side -0.75 is `--`, -0.25 is `-`, -0.001 is `<-`; 0 itself is `<-` (the grey `---` of
/// that table). Returns an empty view for NaN. The real server's cut-offs also depend on the
/// model's feature count (docs/reference/objects.md (Qualitative strength)); this helper is the
/// table of seed 003, not a re-implementation of the server.
constexpr std::string_view qualitative_symbol_for(double q) noexcept {
    if (q != q) return {};  // NaN
    if (q > 0.75) return "+++";
    if (q > 0.25) return "++";
    if (q >= 0.001) return "+";
    if (q > 0) return "<+";
    if (q > -0.001) return "<-";
    if (q >= -0.25) return "-";
    if (q >= -0.75) return "--";
    return "---";
}

}  // namespace drx
