// SPDX-License-Identifier: BSL-1.0
// drx internals: classification of the member types drx reads, writes and checks.
#pragma once

#include <array>
#include <cmath>
#include <concepts>
#include <limits>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include <boost/describe/enumerators.hpp>
#include <boost/describe/members.hpp>

#include <drx/json_value.hpp>
#include <drx/nullable.hpp>
#include <drx/number.hpp>
#include <drx/object_map.hpp>
#include <drx/scalar.hpp>

namespace drx::detail {

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

template <class T>
struct is_nullable : std::false_type {};
template <class T>
struct is_nullable<nullable<T>> : std::true_type {};

template <class T>
struct is_vector : std::false_type {};
template <class T, class A>
struct is_vector<std::vector<T, A>> : std::true_type {};

template <class T>
struct is_std_array : std::false_type {};
template <class T, std::size_t N>
struct is_std_array<std::array<T, N>> : std::true_type {};

template <class T>
struct is_variant : std::false_type {};
template <class... T>
struct is_variant<std::variant<T...>> : std::true_type {};

template <class T>
struct is_object_map : std::false_type {};
template <class T>
struct is_object_map<object_map<T>> : std::true_type {};

template <class T>
concept described_struct = boost::describe::has_describe_members<T>::value && std::is_class_v<T>;
template <class T>
concept described_enum = boost::describe::has_describe_enumerators<T>::value;
template <class T>
concept integer_type = std::is_integral_v<T> && !std::is_same_v<T, bool> && !std::is_same_v<T, char>;
template <class T>
concept float_type = std::is_floating_point_v<T>;

/// A member that may be absent on the wire.
template <class T>
inline constexpr bool is_optional_v = is_optional<T>::value;

/// The innermost value type through optional and nullable wrappers.
template <class T>
struct unwrap {
    using type = T;
};
template <class T>
struct unwrap<std::optional<T>> : unwrap<T> {};
template <class T>
struct unwrap<nullable<T>> : unwrap<T> {};
template <class T>
using unwrap_t = typename unwrap<T>::type;

/// True when T's operator== can be instantiated (std::variant, std::optional and std::vector
/// declare one whatever their elements are, so look inside them).
template <class T>
struct comparable : std::bool_constant<std::equality_comparable<T>> {};
template <class... T>
struct comparable<std::variant<T...>> : std::bool_constant<(comparable<T>::value && ...)> {};
template <class T>
struct comparable<std::optional<T>> : comparable<T> {};
template <class T>
struct comparable<nullable<T>> : comparable<T> {};
template <class T, class A>
struct comparable<std::vector<T, A>> : comparable<T> {};
template <class T>
inline constexpr bool comparable_v = comparable<T>::value;

/// Calls f(value) if v holds a present, non-null value (through optional and nullable).
template <class T, class F>
void if_present(T const& v, F&& f) {
    if constexpr (is_optional<T>::value) {
        if (v) if_present(*v, f);
    } else if constexpr (is_nullable<T>::value) {
        if (v.has_value()) if_present(*v, f);
    } else {
        f(v);
    }
}

/// True if v is present and not null.
template <class T>
bool is_present(T const& v) {
    bool p = false;
    if_present(v, [&](auto const&) { p = true; });
    return p;
}

/// The value of a member when it is present (through optional and nullable, const kept),
/// else nullptr.
template <class M>
auto* value_if_present(M& m) {
    using U = std::remove_const_t<M>;
    if constexpr (is_optional<U>::value) {
        using P = decltype(value_if_present(*m));
        return m ? value_if_present(*m) : P{nullptr};
    } else if constexpr (is_nullable<U>::value) {
        using P = decltype(value_if_present(*m));
        return m.has_value() ? value_if_present(*m) : P{nullptr};
    } else {
        return &m;
    }
}

/// Sets a numeric value (an integer, a float, a drx::number or a numeric drx::scalar) to x;
/// false when x does not fit an integer member.
template <class V>
bool assign_number(V& v, double x) {
    if constexpr (integer_type<V>) {
        if (std::trunc(x) != x || x < static_cast<double>(std::numeric_limits<V>::min()) ||
            x > static_cast<double>(std::numeric_limits<V>::max()))
            return false;
        v = static_cast<V>(x);
    } else if constexpr (float_type<V>) {
        v = static_cast<V>(x);
    } else if constexpr (std::is_same_v<V, number> || std::is_same_v<V, scalar>) {
        v = V(x);
    } else {
        return false;
    }
    return true;
}


}  // namespace drx::detail
