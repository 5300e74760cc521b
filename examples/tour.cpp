// SPDX-License-Identifier: BSL-1.0
// The README's tour, whole: read a deployment XEMP response, use it, write it back exactly,
// check its rules. Run from the repository root (or set DRX_SOURCE_DIR).
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include <drx/api/deployment.hpp>
#include <drx/check.hpp>

int main() {
    char const* root = std::getenv("DRX_SOURCE_DIR");
    std::ifstream file(std::string(root ? root : ".") + "/examples/payloads/deployment-xemp-response.json");
    std::stringstream text;
    text << file.rdbuf();

    // Read: never throws on bad input; every problem is a diagnostic, all are collected.
    drx::result<drx::deployment_xemp_response> r = drx::read<drx::deployment_xemp_response>(text.str());
    if (!r) {
        for (drx::diagnostic const& d : r.diagnostics())
            std::cerr << drx::to_line(d) << '\n';  // /data/0/rowId  schema.type  error  expected integer, got string
        return 1;
    }
    drx::deployment_xemp_response& resp = r.value();

    // Typed access; member names are the Python client's attribute names.
    for (auto const& row : resp.data)
        for (auto const& e : row.prediction_explanations)
            std::cout << e.feature << ' ' << e.strength.value() << ' ' << e.qualitative_strength << '\n';

    // Write exactly as the server does: compact, json.dumps' default, or indent=N.
    std::string body = drx::to_json(resp);  // {"data":[{"predictionValues":...
    std::string pretty = drx::to_json(resp, drx::write_options::indented(2));
    std::cout << body.substr(0, 60) << "...\n";

    // Check the rules, optionally with facts about the model (docs/rules.md lists them).
    drx::context ctx;
    ctx.model_kind = drx::model_kind::binary;
    drx::check_report rep = drx::check(resp, {.level = drx::level::consistency, .ctx = &ctx});
    for (drx::diagnostic const& d : rep.diagnostics) std::cout << drx::to_line(d) << '\n';
    for (drx::skipped_rule const& s : rep.skipped) std::cout << "skipped " << s.rule << ": needs " << s.needs << '\n';
    return rep.ok() ? 0 : 1;
}
