// SPDX-License-Identifier: BSL-1.0
// drx verify (examples/tool/verify_command.hpp): routes every exchange of every recording,
// verifies it, and prints one line or one JSON Lines record per exchange.
#include "verify_command.hpp"

#include <ostream>
#include <string>
#include <string_view>

#include <drx/tools/exchanges.hpp>
#include <drx/tools/verify.hpp>
#include <drx/write.hpp>

namespace drx_tool {

namespace {

std::string_view verdict_name(drx::verdict v) {
    switch (v) {
        case drx::verdict::ok: return "ok";
        case drx::verdict::violation: return "violation";
        case drx::verdict::skipped: return "skipped";
    }
    return "skipped";
}

/// The path of a URL (what the text lines show).
std::string path_of(std::string const& url) {
    auto p = drx::detail::verify_impl::split_url(url);
    std::string out(p.path);
    if (!p.query.empty()) out += "?" + std::string(p.query);
    return out;
}

void append_string(std::string& out, std::string_view s) { drx::detail::append_json_string(out, s, false); }

/// {"input", "entry", "method", "url", "endpoint", "status", "verdict", "diagnostics",
///  "skipped", "notes"}
std::string record(std::string const& input, drx::recorded_exchange const& x, drx::exchange_report const& r) {
    drx::write_options wo;
    wo.ensure_ascii = false;
    std::string out = "{\"input\":";
    append_string(out, input);
    out += ",\"entry\":" + std::to_string(x.entry) + ",\"method\":";
    append_string(out, x.request.method);
    out += ",\"url\":";
    append_string(out, x.request.url);
    out += ",\"endpoint\":";
    if (r.endpoint.empty()) out += "null";
    else append_string(out, r.endpoint);
    out += ",\"status\":" + std::to_string(x.response.status) + ",\"verdict\":";
    append_string(out, verdict_name(r.verdict));
    out += ",\"diagnostics\":" + drx::to_json(r.diagnostics, wo) + ",\"skipped\":[";
    for (std::size_t i = 0; i < r.skipped.size(); ++i) {
        out += i ? ",{\"rule\":" : "{\"rule\":";
        append_string(out, r.skipped[i].rule);
        out += ",\"needs\":";
        append_string(out, r.skipped[i].needs);
        out += "}";
    }
    out += "],\"notes\":[";
    for (std::size_t i = 0; i < r.notes.size(); ++i) {
        if (i) out += ",";
        append_string(out, r.notes[i]);
    }
    out += "]}";
    return out;
}

std::string summary(drx::exchange_report const& r) {
    if (r.verdict == drx::verdict::skipped) return "skipped (" + (r.notes.empty() ? std::string() : r.notes.front()) + ")";
    std::size_t errors = 0, warnings = 0;
    for (auto const& d : r.diagnostics) (d.severity == drx::severity::error ? errors : warnings)++;
    std::string s = errors ? std::to_string(errors) + (errors == 1 ? " error" : " errors") : std::string("ok");
    if (warnings) s += ", " + std::to_string(warnings) + (warnings == 1 ? " warning" : " warnings");
    return s;
}

}  // namespace

int run_verify(verify_command const& cmd, input_reader const& read, std::ostream& out, std::ostream& err) {
    drx::verify_options opt;
    if (cmd.ctx) opt.ctx = &*cmd.ctx;
    opt.read = cmd.read;
    opt.allow_bad_requests = cmd.allow_bad_requests;
    std::vector<std::string> inputs = cmd.inputs.empty() ? std::vector<std::string>{"-"} : cmd.inputs;
    bool const prefixed = inputs.size() > 1;
    std::size_t n_ok = 0, n_bad = 0, n_skipped = 0;
    bool unreadable = false;
    for (auto const& input : inputs) {
        std::string text;
        if (!read(input, text, cmd.max_input_size)) {
            err << "drx verify: " << input << " is larger than " << cmd.max_input_size << " bytes (--max-input-size)\n";
            unreadable = true;
            continue;
        }
        drx::exchange_file file = drx::read_exchanges(text);
        if (!file.error.empty()) {
            err << "drx verify: " << input << ": " << file.error << "\n";
            unreadable = true;
            continue;
        }
        drx::verifier v(opt);  // one recording, one memory of earlier exchanges
        for (auto const& x : file.exchanges) {
            drx::exchange_report r = drx::verify_recorded(v, x);
            (r.verdict == drx::verdict::ok ? n_ok : r.verdict == drx::verdict::violation ? n_bad : n_skipped)++;
            if (cmd.quiet) continue;
            if (cmd.json) {
                out << record(input, x, r) << "\n";
                continue;
            }
            out << (prefixed ? input + ":" : std::string()) << x.entry << " " << x.request.method << " "
                << path_of(x.request.url) << ": " << summary(r) << "\n";
            for (auto const& d : r.diagnostics) out << "  " << drx::to_line(d) << "\n";
            if (r.verdict != drx::verdict::skipped)
                for (auto const& nt : r.notes) out << "  note: " << nt << "\n";
            for (auto const& s : r.skipped) out << "  note: rule " << s.rule << " skipped: the context lacks " << s.needs << "\n";
        }
    }
    if (!cmd.quiet)
        err << "drx verify: " << (n_ok + n_bad + n_skipped) << " exchanges: " << n_ok << " ok, " << n_bad
            << (n_bad == 1 ? " violation, " : " violations, ") << n_skipped << " skipped\n";
    if (unreadable) return 2;
    return n_bad ? 1 : 0;
}

}  // namespace drx_tool
