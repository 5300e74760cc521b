// SPDX-License-Identifier: BSL-1.0
// drx: scalar, a value that may be an integer, a float, a string, a boolean or null.
//
// docs/reference/exact-json.md (Kinds): `label`, `featureValue`, `prediction`, ... keep the kind
// they were read with (57000 stays an int, "57000" a string, 1.0 a float).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include <drx/nullable.hpp>

namespace drx {

/// A JSON scalar (null, boolean, integer, float or string) that keeps its kind.
class scalar {
public:
    /// Null.
    scalar() noexcept = default;
    scalar(null_t) noexcept {}
    scalar(bool b) noexcept : v_(b) {}
    template <class I>
        requires(std::is_integral_v<I> && !std::is_same_v<I, bool> && !std::is_same_v<I, char>)
    scalar(I i) noexcept : v_(static_cast<std::int64_t>(i)) {}
    scalar(double d) noexcept : v_(d) {}
    scalar(std::string s) noexcept : v_(std::move(s)) {}
    scalar(std::string_view s) : v_(std::string(s)) {}
    scalar(char const* s) : v_(std::string(s)) {}

    bool is_null() const noexcept { return v_.index() == 0; }
    bool is_bool() const noexcept { return v_.index() == 1; }
    bool is_integer() const noexcept { return v_.index() == 2; }
    bool is_float() const noexcept { return v_.index() == 3; }
    /// True for integers and floats.
    bool is_number() const noexcept { return is_integer() || is_float(); }
    bool is_string() const noexcept { return v_.index() == 4; }

    /// Accessors; each throws std::bad_variant_access on a kind mismatch.
    bool as_bool() const { return std::get<1>(v_); }
    std::int64_t as_integer() const { return std::get<2>(v_); }
    double as_float() const { return std::get<3>(v_); }
    std::string const& as_string() const { return std::get<4>(v_); }
    /// An integer or float as a double; throws std::bad_variant_access otherwise.
    double as_double() const { return is_integer() ? static_cast<double>(as_integer()) : as_float(); }

    /// The underlying variant, for std::visit.
    std::variant<null_t, bool, std::int64_t, double, std::string> const& variant() const noexcept { return v_; }

    /// Equal when kind and value are equal (1 and 1.0 and "1" all differ).
    friend bool operator==(scalar const&, scalar const&) = default;

private:
    std::variant<null_t, bool, std::int64_t, double, std::string> v_;
};

}  // namespace drx
