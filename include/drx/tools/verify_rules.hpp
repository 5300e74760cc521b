// SPDX-License-Identifier: BSL-1.0
// drx: the rule ids of verify's own findings (drx/tools/verify.hpp; the schemas' rules keep
// their ids), with what each says, for `drx rules` (drx/tools/rule_list.hpp). Apart from
// verify.hpp so that listing them needs no zlib.
#pragma once

#include <array>
#include <string_view>

namespace drx {

namespace verify_rule {
/// The status is not the one the server answers this request with (or not a documented one).
inline constexpr std::string_view status = "verify.status";
/// The error body is not the exact one the server gives for this request.
inline constexpr std::string_view error_body = "verify.error_body";
/// A body that cannot be decoded (gzip, base64), or a body missing where the endpoint has one.
inline constexpr std::string_view body = "verify.body";
/// The response scores a different number of rows than the request sent.
inline constexpr std::string_view row_count = "verify.row_count";
/// A 202 (accepted) answer without the Location header that names the job.
inline constexpr std::string_view location = "verify.location";
/// The clusters a rename answers with do not carry the rename.
inline constexpr std::string_view rename = "verify.rename";
/// A page holds more items than the request's limit.
inline constexpr std::string_view page_limit = "verify.page_limit";
/// A query parameter of a paged request that is not a non-negative integer (or true/false).
inline constexpr std::string_view query = "verify.query";
/// A recorded entry that is not a complete exchange (no method, URL or status).
inline constexpr std::string_view entry = "verify.entry";
}  // namespace verify_rule

/// One of verify's rules: its id, whether it can also be a warning, and what it says.
struct verify_rule_info {
    std::string_view id;
    bool also_warning;
    std::string_view message;
};

/// verify's rules, for the rule list.
inline constexpr std::array<verify_rule_info, 9> verify_rules_table{{
    {verify_rule::status, true,
     "the status is not the one the server answers this request with (an undocumented 4xx with a {\"message\"} body: a warning)"},
    {verify_rule::error_body, false, "the error body is not the exact one the server gives for this request"},
    {verify_rule::body, false, "a body does not decode (gzip, base64, the size limit), or is missing where the endpoint has one"},
    {verify_rule::row_count, false, "the response scores a different number of rows than the request sends"},
    {verify_rule::location, false, "a 202 answer without the Location header that names the job"},
    {verify_rule::rename, false, "the clusters a rename answers with do not carry the rename"},
    {verify_rule::page_limit, false, "a page holds more items than the request's limit"},
    {verify_rule::query, false, "offset or limit is not a non-negative integer, or excludeAdjustedPredictions not true or false"},
    {verify_rule::entry, false, "a recorded entry that is not a complete exchange (no method, URL or status)"},
}};

}  // namespace drx
