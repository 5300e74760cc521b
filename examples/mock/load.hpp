// SPDX-License-Identifier: BSL-1.0
// drx-mock: reading a payload file and validating it with drx (consistency level), for
// examples/mock/payloads.cpp and payloads_api.cpp.
#pragma once

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <string>

#include <drx/check.hpp>

namespace drx_mock::detail {

inline std::optional<std::string> slurp(std::filesystem::path const& p) {
    std::ifstream f(p, std::ios::binary);
    if (!f) return std::nullopt;
    return std::string(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

/// Reads `file` into `out`; false (and the reasons on stderr) when it cannot be read or is not
/// a valid T.
template <class T>
bool load(std::filesystem::path const& file, T& out) {
    auto t = slurp(file);
    if (!t) {
        std::cerr << "mock: cannot read " << file << " (run from the source root, or pass --payloads DIR)\n";
        return false;
    }
    drx::validate_options vo;
    vo.check.level = drx::level::consistency;
    auto r = drx::validate<T>(*t, vo);
    for (auto const& d : r.diagnostics()) std::cerr << "mock: " << file.string() << ": " << drx::to_line(d) << "\n";
    if (!r) return false;
    out = std::move(r).value();
    return true;
}

}  // namespace drx_mock::detail
