// SPDX-License-Identifier: BSL-1.0
// drx: wire names of members and enumerators, derived at compile time.
//
// A member's wire name is the Python client's camelize of its snake_case name
// (docs/reference/objects.md (Wire names): `max_explanations` -> `maxExplanations`, keys with
// double underscores left alone), unless the object declares an override:
//
//     struct page { std::optional<drx::nullable<std::string>> next_page; ... };
//     BOOST_DESCRIBE_STRUCT(page, (), (next_page, ...))
//     constexpr auto drx_wire_names(page const*) {
//         return std::array{drx::rename{"next_page", "next"}};
//     }
//
// An enumerator's wire name is its C++ name unless the enum declares overrides with
// `drx_enum_names(E const*)` returning an array of drx::enum_name<E>.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <type_traits>

#include <boost/describe/enumerators.hpp>
#include <boost/describe/members.hpp>
#include <boost/mp11/algorithm.hpp>

namespace drx {

/// One wire-name override: the C++ member name and the name used on the wire.
struct rename {
    std::string_view member;
    std::string_view wire;
};

/// One enumerator wire-name override.
template <class E>
struct enum_name {
    E value;
    std::string_view wire;
};

namespace detail {

/// Fallback of the ADL hook: no overrides.
constexpr std::array<rename, 0> drx_wire_names(void const*) { return {}; }

template <class T>
constexpr auto wire_overrides() {
    return drx_wire_names(static_cast<T const*>(nullptr));
}

constexpr std::size_t cstr_len(char const* s) {
    std::size_t n = 0;
    while (s[n] != '\0') ++n;
    return n;
}

constexpr bool ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/// A fixed-capacity constexpr string.
template <std::size_t N>
struct fixed_string {
    char data[N + 1]{};
    std::size_t size = 0;
    constexpr std::string_view view() const { return {data, size}; }
};

/// The Python client's camelize: `(?!^)_([a-zA-Z])` -> upper-cased letter; names holding a
/// double underscore are left alone (docs/reference/objects.md (Wire names)).
template <std::size_t N>
constexpr fixed_string<N> camelize(std::string_view in) {
    fixed_string<N> out;
    bool keep = false;
    for (std::size_t i = 0; i + 1 < in.size(); ++i)
        if (in[i] == '_' && in[i + 1] == '_') keep = true;
    for (std::size_t i = 0; i < in.size(); ++i) {
        char c = in[i];
        if (!keep && c == '_' && i > 0 && i + 1 < in.size() && ascii_letter(in[i + 1])) {
            char n = in[++i];
            out.data[out.size++] = (n >= 'a' && n <= 'z') ? static_cast<char>(n - 'a' + 'A') : n;
        } else {
            out.data[out.size++] = c;
        }
    }
    return out;
}

/// Room for the wire name of D: its own length, or the longest override of T.
template <class T, class D>
constexpr std::size_t wire_name_capacity() {
    std::size_t n = cstr_len(D::name);
    for (auto const& r : wire_overrides<T>())
        if (r.wire.size() > n) n = r.wire.size();
    return n;
}

template <class T, class D>
constexpr auto make_wire_name() {
    constexpr std::size_t n = cstr_len(D::name);
    fixed_string<wire_name_capacity<T, D>()> out;
    constexpr auto ov = wire_overrides<T>();
    for (auto const& r : ov) {
        if (r.member == std::string_view(D::name)) {
            for (char c : r.wire) out.data[out.size++] = c;
            return std::pair{out, true};
        }
    }
    return std::pair{camelize<wire_name_capacity<T, D>()>(std::string_view(D::name, n)), false};
}

template <class T, class D>
inline constexpr auto wire_name_storage = make_wire_name<T, D>();

template <class T>
using members_of = boost::describe::describe_members<T, boost::describe::mod_any_access>;

/// Every override must name a described member: a misspelt override is a compile error.
template <class T>
constexpr bool overrides_name_members() {
    constexpr auto ov = wire_overrides<T>();
    for (auto const& r : ov) {
        bool found = false;
        boost::mp11::mp_for_each<members_of<T>>([&](auto d) {
            if (std::string_view(decltype(d)::name) == r.member) found = true;
        });
        if (!found) return false;
    }
    return true;
}

}  // namespace detail

namespace detail {

template <class M>
struct member_pointer_traits;
template <class C, class V>
struct member_pointer_traits<V C::*> {
    using class_type = C;
    using value_type = V;
};

}  // namespace detail

/// The struct that member pointer M belongs to.
template <auto M>
using member_class_t = typename detail::member_pointer_traits<decltype(M)>::class_type;
/// The type of the member that member pointer M points to.
template <auto M>
using member_type_t = typename detail::member_pointer_traits<decltype(M)>::value_type;

/// The wire name of the member described by descriptor D of struct T.
template <class T, class D>
constexpr std::string_view wire_name_of() {
    static_assert(detail::overrides_name_members<T>(), "drx_wire_names names a member that T does not describe");
    return detail::wire_name_storage<T, D>.first.view();
}

namespace detail {

/// Calls f(descriptor) for the descriptor of member pointer M.
template <auto M, class F>
constexpr void with_descriptor(F&& f) {
    using T = member_class_t<M>;
    boost::mp11::mp_for_each<members_of<T>>([&](auto d) {
        using D = decltype(d);
        if constexpr (std::is_same_v<std::remove_cv_t<decltype(D::pointer)>, decltype(M)>) {
            if (D::pointer == M) f(d);
        }
    });
}

}  // namespace detail

/// The wire name of member pointer M (e.g. `drx::wire_name<&page::next_page>()` is "next").
template <auto M>
constexpr std::string_view wire_name() {
    std::string_view out;
    detail::with_descriptor<M>([&](auto d) { out = wire_name_of<member_class_t<M>, decltype(d)>(); });
    return out;
}

/// The C++ member name of member pointer M.
template <auto M>
constexpr std::string_view member_name() {
    std::string_view out;
    detail::with_descriptor<M>([&](auto d) { out = decltype(d)::name; });
    return out;
}

namespace detail {

template <class E>
constexpr std::array<enum_name<E>, 0> drx_enum_names(E const*) {
    return {};
}

template <class E>
constexpr auto enum_overrides() {
    return drx_enum_names(static_cast<E const*>(nullptr));
}

}  // namespace detail

/// The wire string of enumerator `v` of a described enum E (empty if v is not an enumerator).
template <class E>
constexpr std::string_view enum_wire_name(E v) {
    constexpr auto ov = detail::enum_overrides<E>();
    for (auto const& o : ov)
        if (o.value == v) return o.wire;
    std::string_view out;
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
        if (d.value == v) out = d.name;
    });
    return out;
}

/// The enumerator whose wire string is `s`; false if none.
template <class E>
constexpr bool enum_from_wire(std::string_view s, E& out) {
    bool found = false;
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
        if (!found && enum_wire_name<E>(d.value) == s) {
            out = d.value;
            found = true;
        }
    });
    return found;
}

/// Calls f(wire_string) for every enumerator of E, in declaration order.
template <class E, class F>
constexpr void for_each_enum_wire_name(F&& f) {
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>(
        [&](auto d) { f(enum_wire_name<E>(d.value)); });
}

}  // namespace drx
