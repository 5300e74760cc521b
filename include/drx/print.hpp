// SPDX-License-Identifier: BSL-1.0
// drx: operator<< for the values users print and compare in tests (docs/testing.md).
//
//     #include <drx/print.hpp>
//     std::cout << row.prediction;          // 0.07836511, 1, "yes" or null: as drx writes it
//     std::cout << r.diagnostics()[0];      // /data/0/rowId<TAB>schema.type<TAB>error<TAB>expected ...
//     std::cout << drx::check(obj);         // valid, or invalid (1 error) and the lines
//
// Every operator is in namespace drx, so argument-dependent lookup finds it; that is how
// doctest's StringMaker and GoogleTest's PrintTo print drx values in failure messages.
// Values print as drx's writer writes them in compact JSON (the writer's own number and string
// formatting: repr(float), ensure_ascii), except that NaN and infinities print as Python
// spells them (NaN, Infinity, -Infinity) instead of being refused. A diagnostic prints as the
// line `drx check` prints (drx::to_line). This header includes no reader, no generator and no
// <iostream>.
#pragma once

#include <concepts>
#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <drx/diagnostic.hpp>
#include <drx/json_value.hpp>
#include <drx/nullable.hpp>
#include <drx/number.hpp>
#include <drx/scalar.hpp>
#include <drx/write.hpp>

namespace drx {

struct check_report;  // drx/checker.hpp
struct schema_run;    // drx/catalogue.hpp

namespace detail {

/// Writes `v` as drx writes it in compact JSON, NaN and infinities spelled as Python does.
/// A string that is not valid UTF-8 cannot be written: the writer puts "" in its place, and the
/// refusal follows in parentheses, so the printed text never passes for the value.
template <class V>
void print_json(std::ostream& os, V const& v) {
    write_options wo;
    wo.allow_nan = true;
    std::string out;
    std::vector<diagnostic> const refused = write_to(out, v, wo);
    os << out;
    for (diagnostic const& d : refused) {
        os << " (" << d.rule;
        if (!d.pointer.empty()) os << " at " << d.pointer;
        os << ": " << d.message << ")";
    }
}

/// The types printed through the writer when inside a nullable or optional: JSON's leaves.
template <class V>
concept json_leaf = std::is_same_v<V, bool> || integer_type<V> || std::is_same_v<V, double> ||
                    std::is_same_v<V, std::string> || std::is_same_v<V, std::string_view>;

template <class V>
concept streamable = requires(std::ostream& os, V const& v) { os << v; };

template <class V>
void print_member(std::ostream& os, V const& v) {
    if constexpr (json_leaf<V>)
        print_json(os, v);
    else
        os << v;
}

inline void plural(std::string& s, std::size_t n, std::string_view one, std::string_view many) {
    if (!s.empty()) s += ", ";
    s += std::to_string(n);
    s += ' ';
    s += n == 1 ? one : many;
}

/// The findings of reading, checking or validating: a status line, then one indented line per
/// diagnostic (drx::to_line) and per skipped rule.
inline void print_findings(std::ostream& os, bool has_value, std::vector<diagnostic> const& ds,
                           std::vector<skipped_rule> const& skipped, std::size_t omitted) {
    std::size_t errors = 0, warnings = 0;
    for (diagnostic const& d : ds) (d.severity == severity::error ? errors : warnings) += 1;
    std::string counts;
    if (errors) plural(counts, errors, "error", "errors");
    if (warnings) plural(counts, warnings, "warning", "warnings");
    if (omitted) plural(counts, omitted, "more not listed", "more not listed");
    if (!skipped.empty()) plural(counts, skipped.size(), "rule skipped", "rules skipped");
    if (!has_value && errors == 0) counts = counts.empty() ? "no value" : "no value, " + counts;
    os << (has_value && errors == 0 ? "valid" : "invalid");
    if (!counts.empty()) os << " (" << counts << ")";
    for (diagnostic const& d : ds) os << "\n  " << to_line(d);
    for (skipped_rule const& s : skipped) os << "\n  skipped " << s.rule << ": needs " << s.needs;
}

}  // namespace detail

// ---- diagnostics ------------------------------------------------------------------------------

/// The line `drx check` prints: POINTER<TAB>RULE<TAB>SEVERITY<TAB>MESSAGE (drx::to_line).
inline std::ostream& operator<<(std::ostream& os, diagnostic const& d) { return os << to_line(d); }

/// One line per diagnostic, as `drx check` prints them; "(no diagnostics)" when empty.
inline std::ostream& operator<<(std::ostream& os, std::vector<diagnostic> const& ds) {
    if (ds.empty()) return os << "(no diagnostics)";
    for (std::size_t i = 0; i < ds.size(); ++i) os << (i ? "\n" : "") << to_line(ds[i]);
    return os;
}

/// "skipped RULE: needs FACTS".
inline std::ostream& operator<<(std::ostream& os, skipped_rule const& s) {
    return os << "skipped " << s.rule << ": needs " << s.needs;
}

/// One line per skipped rule; "(no rules skipped)" when empty.
inline std::ostream& operator<<(std::ostream& os, std::vector<skipped_rule> const& ss) {
    if (ss.empty()) return os << "(no rules skipped)";
    for (std::size_t i = 0; i < ss.size(); ++i) os << (i ? "\n" : "") << ss[i];
    return os;
}

// ---- results ----------------------------------------------------------------------------------

/// `valid` or `invalid`, the counts in parentheses, then each diagnostic and skipped rule on
/// its own line, indented by two spaces:
///     invalid (1 error)
///       /clusters/0/percent<TAB>cluster.percent.range<TAB>error<TAB>expected a number in [0, 100]
/// The value itself is not printed.
template <class T>
std::ostream& operator<<(std::ostream& os, result<T> const& r) {
    detail::print_findings(os, r.unchecked() != nullptr, r.diagnostics(), r.skipped(), r.omitted());
    return os;
}

/// A check_report (drx::check) or schema_run (a catalogue entry's run), as a result prints.
template <class R>
    requires std::same_as<R, check_report> || std::same_as<R, schema_run>
std::ostream& operator<<(std::ostream& os, R const& r) {
    detail::print_findings(os, true, r.diagnostics, r.skipped, r.omitted);
    return os;
}

// ---- values -----------------------------------------------------------------------------------

/// As drx writes it: 32 or 32.0 (the kind it was read with), 1e-05, -0.0.
inline std::ostream& operator<<(std::ostream& os, number const& n) {
    detail::print_json(os, n);
    return os;
}

/// As drx writes it: null, true, 57000, 57000.0 or "57000".
inline std::ostream& operator<<(std::ostream& os, scalar const& s) {
    detail::print_json(os, s);
    return os;
}

/// null.
inline std::ostream& operator<<(std::ostream& os, null_t) { return os << "null"; }

/// The value as drx writes it, compact.
inline std::ostream& operator<<(std::ostream& os, json_value const& v) {
    detail::print_json(os, v.value);
    return os;
}

/// null, or the value (strings, booleans and numbers as drx writes them: "a", true, 0.5).
template <class T>
    requires detail::json_leaf<T> || detail::streamable<T>
std::ostream& operator<<(std::ostream& os, nullable<T> const& v) {
    if (v.is_null()) return os << "null";
    detail::print_member(os, *v);
    return os;
}

/// An optional drx value (an optional member): "(absent)", or the value as above. Found by
/// argument-dependent lookup only for optionals of drx's types.
template <class T>
    requires detail::streamable<T>
std::ostream& operator<<(std::ostream& os, std::optional<T> const& v) {
    if (!v) return os << "(absent)";
    return os << *v;
}

/// A described enum of drx as its wire name (model_kind::time_series prints time-series); a
/// value that is no enumerator prints as its number in parentheses.
template <class E>
    requires detail::described_enum<E> && std::is_enum_v<E>
std::ostream& operator<<(std::ostream& os, E e) {
    std::string_view const name = enum_wire_name(e);
    if (name.empty()) return os << '(' << static_cast<long long>(static_cast<std::underlying_type_t<E>>(e)) << ')';
    return os << name;
}

}  // namespace drx
