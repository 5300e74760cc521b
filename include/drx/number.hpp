// SPDX-License-Identifier: BSL-1.0
// drx: number, a JSON number that keeps the kind (integer or float) it was read with.
//
// docs/reference/exact-json.md (Kinds): a value whose wire type admits both int and float keeps its
// kind: `0` stays `0` and `0.0` stays `0.0` when read and written again.
#pragma once

#include <cstdint>
#include <variant>

namespace drx {

/// A JSON number that remembers whether it was written as an integer or as a float.
///
/// Use it for members documented as float that may arrive as integers (`percent: 32`, bare
/// `t.Float` fields of the Python client, docs/reference/query-conversions.md (Trafaret versions)).
class number {
public:
    /// The integer 0.
    constexpr number() noexcept = default;
    /// An integer number, written without a decimal point.
    template <class I>
        requires(std::is_integral_v<I> && !std::is_same_v<I, bool>)
    constexpr number(I i) noexcept : v_(static_cast<std::int64_t>(i)) {}
    /// A float number, written as Python's repr(float).
    constexpr number(double d) noexcept : v_(d) {}

    /// True when the number is an integer (it was read or built as one).
    constexpr bool is_integer() const noexcept { return v_.index() == 0; }
    /// True when the number is a float.
    constexpr bool is_float() const noexcept { return v_.index() == 1; }
    /// The integer; only meaningful when is_integer().
    constexpr std::int64_t as_integer() const noexcept { return is_integer() ? std::get<0>(v_) : 0; }
    /// The value as a double, whatever its kind.
    constexpr double value() const noexcept {
        return is_integer() ? static_cast<double>(std::get<0>(v_)) : std::get<1>(v_);
    }
    constexpr operator double() const noexcept { return value(); }

    /// Equal when kind and value are equal (1 and 1.0 differ; -0.0 and 0.0 compare equal as doubles).
    friend constexpr bool operator==(number const& a, number const& b) noexcept { return a.v_ == b.v_; }

private:
    std::variant<std::int64_t, double> v_{std::int64_t{0}};
};

}  // namespace drx
