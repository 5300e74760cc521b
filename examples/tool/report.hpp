// SPDX-License-Identifier: BSL-1.0
// How drx verify and drx proxy report an exchange (docs/verify.md): the line
// `INDEX METHOD PATH: ok | N errors | skipped (why)` with the diagnostics and notes under it,
// or one JSON Lines record {"input", "entry", "method", "url", "endpoint", "status", "verdict",
// "diagnostics", "skipped", "notes"}.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <drx/detail/text.hpp>
#include <drx/diagnostic.hpp>
#include <drx/tools/verify.hpp>
#include <drx/write.hpp>

namespace drx_tool {

inline std::string_view verdict_name(drx::verdict v) {
    switch (v) {
        case drx::verdict::ok: return "ok";
        case drx::verdict::violation: return "violation";
        case drx::verdict::skipped: return "skipped";
    }
    return "skipped";
}

/// The path and query of a URL (what the lines show).
inline std::string path_of(std::string const& url) {
    auto p = drx::detail::verify_impl::split_url(url);
    std::string out(p.path);
    if (!p.query.empty()) out += "?" + std::string(p.query);
    return out;
}

/// The JSON Lines record of an exchange (one line, no newline).
inline std::string exchange_record(std::string_view input, std::size_t entry, drx::http_request const& rq, int status,
                                   drx::exchange_report const& r) {
    auto str = [](std::string& out, std::string_view s) { drx::detail::append_json_string(out, s, false); };
    drx::write_options wo;
    wo.ensure_ascii = false;
    std::string out = "{\"input\":";
    str(out, input);
    out += ",\"entry\":" + std::to_string(entry) + ",\"method\":";
    str(out, rq.method);
    out += ",\"url\":";
    str(out, rq.url);
    out += ",\"endpoint\":";
    if (r.endpoint.empty())
        out += "null";
    else
        str(out, r.endpoint);
    out += ",\"status\":" + std::to_string(status) + ",\"verdict\":";
    str(out, verdict_name(r.verdict));
    out += ",\"diagnostics\":" + drx::to_json(r.diagnostics, wo) + ",\"skipped\":" + drx::to_json(r.skipped, wo) +
           ",\"notes\":" + drx::to_json(r.notes, wo) + "}";
    return out;
}

/// "ok", "2 errors, 1 warning", "skipped (why)".
inline std::string verdict_summary(drx::exchange_report const& r) {
    if (r.verdict == drx::verdict::skipped) return "skipped (" + (r.notes.empty() ? std::string() : r.notes.front()) + ")";
    std::size_t errors = 0, warnings = 0;
    for (auto const& d : r.diagnostics) (d.severity == drx::severity::error ? errors : warnings)++;
    std::string s = errors ? std::to_string(errors) + (errors == 1 ? " error" : " errors") : std::string("ok");
    if (warnings) s += ", " + std::to_string(warnings) + (warnings == 1 ? " warning" : " warnings");
    return s;
}

/// The text form: the line, then the diagnostics and notes, each line ending in '\n'.
inline std::string exchange_text(std::string_view prefix, std::size_t entry, drx::http_request const& rq,
                                 drx::exchange_report const& r) {
    std::string out = std::string(prefix) + std::to_string(entry) + " " + rq.method + " " + path_of(rq.url) + ": " +
                      verdict_summary(r) + "\n";
    for (auto const& d : r.diagnostics) out += "  " + drx::to_line(d) + "\n";
    if (r.verdict != drx::verdict::skipped)
        for (auto const& n : r.notes) out += "  note: " + n + "\n";
    for (auto const& s : r.skipped) out += "  note: rule " + s.rule + " skipped: the context lacks " + s.needs + "\n";
    return out;
}

}  // namespace drx_tool
