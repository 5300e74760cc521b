// SPDX-License-Identifier: BSL-1.0
// drx: nullable<T>, a member that is always present on the wire but may be null.
//
// Absent, null and value are three distinct states (docs/reference/exact-json.md (Absent and
// null)):
//   T                          present, never null
//   drx::nullable<T>           present, null or a value
//   std::optional<T>           absent or a value (null is a type error)
//   std::optional<nullable<T>> absent, null or a value
#pragma once

#include <compare>
#include <optional>
#include <utility>

namespace drx {

/// The JSON `null` value, as stored in a nullable<T>.
struct null_t {
    friend constexpr bool operator==(null_t, null_t) noexcept { return true; }
    friend constexpr auto operator<=>(null_t, null_t) noexcept = default;
};
/// The JSON `null` value.
inline constexpr null_t null{};

/// A value that is present but may be JSON `null`.
///
/// Reading accepts `null` or a T; writing writes `null` or the T. Wrap it in
/// std::optional to also allow the member to be absent.
template <class T>
class nullable {
public:
    using value_type = T;

    /// A null value.
    constexpr nullable() noexcept = default;
    constexpr nullable(null_t) noexcept {}
    /// A non-null value.
    template <class U = T>
        requires std::is_constructible_v<T, U&&> && (!std::is_same_v<std::remove_cvref_t<U>, nullable>) &&
                 (!std::is_same_v<std::remove_cvref_t<U>, null_t>)
    constexpr nullable(U&& v) : v_(std::forward<U>(v)) {}

    /// True when the value is JSON null.
    constexpr bool is_null() const noexcept { return !v_.has_value(); }
    /// True when a value is held.
    constexpr bool has_value() const noexcept { return v_.has_value(); }
    constexpr explicit operator bool() const noexcept { return v_.has_value(); }

    /// The held value; throws std::bad_optional_access when null.
    constexpr T& value() & { return v_.value(); }
    constexpr T const& value() const& { return v_.value(); }
    constexpr T* operator->() noexcept { return &*v_; }
    constexpr T const* operator->() const noexcept { return &*v_; }
    constexpr T& operator*() noexcept { return *v_; }
    constexpr T const& operator*() const noexcept { return *v_; }

    /// Makes the value null.
    constexpr void reset() noexcept { v_.reset(); }
    /// Constructs a value in place.
    template <class... A>
    constexpr T& emplace(A&&... a) {
        return v_.emplace(std::forward<A>(a)...);
    }

    friend constexpr bool operator==(nullable const&, nullable const&) = default;
    friend constexpr bool operator==(nullable const& a, null_t) noexcept { return a.is_null(); }

private:
    std::optional<T> v_;
};

}  // namespace drx
