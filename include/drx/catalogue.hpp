// SPDX-License-Identifier: BSL-1.0
// drx: the schema catalogue, a runtime table of named schemas built from type lists.
//
// Every documented object has a stable schema name (docs/reference/objects.md (Schema catalogue)),
// declared next to it:
//     constexpr std::string_view drx_schema_name(deployment_error const*) { return "deployment-error"; }
// A family header lists its objects in a boost::mp11::mp_list; drx/schemas.hpp joins the lists
// into drx::catalogue(), which the `drx` tool and generic code use to work by name.
#pragma once

#include <algorithm>
#include <span>
#include <variant>
#include <string>
#include <string_view>
#include <vector>

#include <boost/mp11/algorithm.hpp>
#include <boost/mp11/list.hpp>

#include <drx/check.hpp>
#include <drx/read.hpp>
#include <drx/write.hpp>

namespace drx {

/// The stable schema name of T.
template <class T>
constexpr std::string_view schema_name_of() {
    return drx_schema_name(static_cast<T const*>(nullptr));
}

/// What running a schema over a text gives: every diagnostic of reading and checking (at most
/// read_options::max_diagnostics, plus the schema.limit error that says where a run stopped at
/// the cap), the rules skipped for lack of context, and the written text when asked for and
/// valid. ok() is true exactly when no listed diagnostic is an error.
struct schema_run {
    std::vector<diagnostic> diagnostics;
    std::vector<skipped_rule> skipped;
    std::size_t omitted = 0;
    /// The exact JSON, when writing was asked for and nothing was an error.
    std::optional<std::string> output;
    bool ok() const noexcept { return !has_errors(diagnostics); }
};

namespace detail {

/// Adds the request types that the rules of T, and of every object type inside T, compare
/// against (their rules::request_types names), each once.
template <class T>
void add_request_types(std::vector<std::string_view>& out) {
    using U = std::remove_cvref_t<T>;
    if constexpr (is_optional<U>::value || is_nullable<U>::value || is_vector<U>::value) {
        add_request_types<typename U::value_type>(out);
    } else if constexpr (is_std_array<U>::value) {
        add_request_types<typename U::value_type>(out);
    } else if constexpr (is_object_map<U>::value) {
        add_request_types<typename U::value_type::second_type>(out);
    } else if constexpr (is_variant<U>::value) {
        [&]<class... A>(std::variant<A...>*) { (add_request_types<A>(out), ...); }(static_cast<U*>(nullptr));
    } else if constexpr (described_struct<U>) {
        for_each_rule<U>([&](auto const& r) {
            using R = std::remove_cvref_t<decltype(r)>;
            if constexpr (std::is_same_v<R, rules::custom<U>>) {
                if (any_of(r.needs, needs::request) && !r.request.names.empty() &&
                    std::find(out.begin(), out.end(), r.request.names) == out.end())
                    out.push_back(r.request.names);
            }
        });
        boost::mp11::mp_for_each<members_of<U>>([&](auto d) {
            using D = decltype(d);
            add_request_types<std::remove_cvref_t<decltype(std::declval<U&>().*D::pointer)>>(out);
        });
    }
}

template <class T>
std::vector<std::string_view> request_types_of() {
    std::vector<std::string_view> out;
    add_request_types<T>(out);
    return out;
}

}  // namespace detail

/// One schema of a catalogue, with type-erased entry points.
struct schema_entry {
    std::string_view name;
    /// The request types its consistency rules compare against (check_options::request), e.g.
    /// "deployment_predictions_query"; empty when no rule reads a request.
    std::vector<std::string_view> (*request_types)();
    /// Reads `text`, checks rules up to check.level (none for level::schema), and writes the
    /// object with `*format` when given and everything passed.
    schema_run (*run)(std::string_view text, read_options const& read, check_options const& check,
                      write_options const* format);
};

namespace detail {

template <class T>
schema_run run_schema(std::string_view text, read_options const& ro, check_options const& co, write_options const* wo) {
    schema_run out;
    result<T> r = read<T>(text, ro);
    out.diagnostics = std::move(r.diagnostics());
    out.omitted = r.omitted();
    if (!r.unchecked()) return out;
    if (co.level != level::schema) {
        // One cap for the whole run: what reading used is taken from the check's share.
        check_options c = co;
        std::vector<diagnostic> failures = detail::take_member_rule_failures(out.diagnostics);
        c.read_failures = &failures;
        std::size_t used = out.diagnostics.size();
        c.max_diagnostics = ro.max_diagnostics > used ? ro.max_diagnostics - used : 0;
        check_report rep = check(*r.unchecked(), c);
        for (auto& d : rep.diagnostics) out.diagnostics.push_back(std::move(d));
        out.skipped = std::move(rep.skipped);
        out.omitted += rep.omitted;
    }
    if (wo && out.ok()) {
        result<std::string> w = write(*r.unchecked(), *wo);
        if (w)
            out.output = std::move(w).value();
        else
            for (auto& d : w.diagnostics()) out.diagnostics.push_back(std::move(d));
    }
    return out;
}

}  // namespace detail

/// Builds the entries of a type list of schemas, in list order.
template <class List>
std::vector<schema_entry> make_catalogue() {
    std::vector<schema_entry> v;
    boost::mp11::mp_for_each<boost::mp11::mp_transform<std::type_identity, List>>([&](auto t) {
        using T = typename decltype(t)::type;
        v.push_back({schema_name_of<T>(), &detail::request_types_of<T>, &detail::run_schema<T>});
    });
    return v;
}

/// Calls f(std::type_identity<T>{}) for the schema of List named `name`; false if none.
template <class List, class F>
bool with_schema(std::string_view name, F&& f) {
    bool found = false;
    boost::mp11::mp_for_each<boost::mp11::mp_transform<std::type_identity, List>>([&](auto t) {
        using T = typename decltype(t)::type;
        if (!found && schema_name_of<T>() == name) {
            found = true;
            f(t);
        }
    });
    return found;
}

}  // namespace drx
