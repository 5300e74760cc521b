// SPDX-License-Identifier: BSL-1.0
// drx: what a struct read from query strings declares, and the options of reading one, without
// the query-string reader and writer (drx/query.hpp): a family header that declares a query
// struct includes this one only.
#pragma once

#include <cstddef>
#include <string_view>

namespace drx {

/// What the server calls a query parameter internally, for its error messages.
///
/// trafaret's Dict reports a bad parameter under its internal key: `{'max_codes': DataError(value
/// can't be converted to int)}` for maxExplanations (seed 003). A struct read from query strings
/// lists its parameters with `drx_query_params(T const*)`, in the order the server reports them
/// when several are bad (docs/reference/query-conversions.md (Several bad parameters): the Dict's
/// key definition order). An empty key means the parameter is checked outside the Dict and reported
/// alone as `'wireName': message` (seed 003's predictionWarningEnabled).
struct query_param {
    /// The C++ member name.
    std::string_view member;
    /// The server's internal key; empty when the parameter is not in the Dict.
    std::string_view key;
    /// The rule id of a failed conversion of this parameter's text.
    std::string_view type_rule;
};

/// Options of reading a query string.
struct query_options {
    /// Longest query string accepted, in bytes (0: no limit). Front-end servers refuse long
    /// URLs (HTTP 414); drx's default is generous.
    std::size_t max_query_bytes = std::size_t{1} << 20;
    /// Most parameters accepted (0: no limit).
    std::size_t max_parameters = 10000;
    /// Most diagnostics collected; result::omitted() counts the rest.
    std::size_t max_diagnostics = 100;
};

}  // namespace drx
