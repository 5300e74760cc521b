// SPDX-License-Identifier: BSL-1.0
// The fixture both tests of examples/testing/ use: the GET clusterNames/ answer
// examples/payloads/cluster-list.json (from the repository root, or DRX_SOURCE_DIR), and the
// model's names from it as drx's context for the rename rules.
#pragma once

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <drx/context.hpp>

#include "my_client.hpp"

namespace my_client_tests {

/// The response fixture's text ("" when the file cannot be read: the tests check it is valid).
inline std::string response_fixture() {
    char const* root = std::getenv("DRX_SOURCE_DIR");
    std::ifstream f(std::string(root && *root ? root : ".") + "/examples/payloads/cluster-list.json", std::ios::binary);
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
}

/// The model's names, as drx's context for the rename rules.
inline drx::context model() {
    drx::context ctx;
    ctx.cluster_names = my_client::cluster_names(response_fixture());
    return ctx;
}

}  // namespace my_client_tests
