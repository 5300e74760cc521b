// SPDX-License-Identifier: BSL-1.0
// drx-mock: the canned deployment responses and the scenario file, read and validated
// (examples/mock/endpoints.hpp).
#include <fstream>
#include <iostream>
#include <iterator>

#include <drx/check.hpp>

#include "endpoints.hpp"
#include "load.hpp"

namespace drx_mock::detail {

bool load_payload(std::filesystem::path const& file, drx::deployment_xemp_response& out) { return load(file, out); }
bool load_payload(std::filesystem::path const& file, drx::deployment_shap_response& out) { return load(file, out); }

std::optional<scenario_file> read_scenario(std::filesystem::path const& file) {
    auto t = slurp(file);
    if (!t) {
        std::cerr << "mock: cannot read the scenario " << file << "\n";
        return std::nullopt;
    }
    drx::read_options ro;
    ro.unknown_keys = drx::unknown_keys::error;  // a misspelt key is a mistake, not a default
    auto r = drx::read<scenario_file>(*t, ro);
    for (auto const& d : r.diagnostics()) std::cerr << "mock: " << file.string() << ": " << drx::to_line(d) << "\n";
    if (!r) return std::nullopt;
    return std::move(r).value();
}

}  // namespace drx_mock::detail
