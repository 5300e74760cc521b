// SPDX-License-Identifier: BSL-1.0
// drx verify (examples/tool/verify_command.hpp): routes every exchange of every recording,
// verifies it, and prints one line or one JSON Lines record per exchange.
#include "verify_command.hpp"

#include "report.hpp"

#include <ostream>
#include <string>
#include <string_view>

#include <drx/tools/exchanges.hpp>
#include <drx/tools/verify.hpp>

namespace drx_tool {

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
            if (cmd.json)
                out << exchange_record(input, x.entry, x.request, x.response.status, r) << "\n";
            else
                out << exchange_text(prefixed ? input + ":" : std::string(), x.entry, x.request, r);
        }
    }
    if (!cmd.quiet)
        err << "drx verify: " << (n_ok + n_bad + n_skipped) << " exchanges: " << n_ok << " ok, " << n_bad
            << (n_bad == 1 ? " violation, " : " violations, ") << n_skipped << " skipped\n";
    if (unreadable) return 2;
    return n_bad ? 1 : 0;
}

}  // namespace drx_tool
