// SPDX-License-Identifier: BSL-1.0
// Helpers shared by the test files.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <random>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <doctest/doctest.h>

#include <drx/diagnostic.hpp>

namespace drx_test {

/// True if `ds` holds a diagnostic with this rule, pointer and severity.
inline bool has(std::vector<drx::diagnostic> const& ds, std::string_view rule, std::string_view pointer,
                drx::severity sev = drx::severity::error) {
    for (auto const& d : ds)
        if (d.rule == rule && d.pointer == pointer && d.severity == sev) return true;
    return false;
}

/// How many diagnostics of `ds` are errors.
inline std::size_t errors(std::vector<drx::diagnostic> const& ds) {
    std::size_t n = 0;
    for (auto const& d : ds) n += d.severity == drx::severity::error;
    return n;
}

/// A file's bytes; fails the test when it cannot be opened.
inline std::string slurp(std::filesystem::path const& p) {
    std::ifstream f(p, std::ios::binary);
    REQUIRE_MESSAGE(f.good(), "cannot open " << p.string());
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
}

/// A path of the source tree: $DRX_SOURCE_DIR/relative (the tests run from the source root
/// otherwise).
inline std::filesystem::path source_path(std::string_view relative) {
    char const* src = std::getenv("DRX_SOURCE_DIR");
    return std::filesystem::path(src ? src : ".") / relative;
}

/// True if a python3 with the json module can be run.
inline bool python3_available() { return std::system("python3 -c \"import json\" >/dev/null 2>&1") == 0; }

/// A temporary directory removed on destruction.
struct temp_dir {
    std::filesystem::path path;
    temp_dir() {
        std::random_device rd;
        for (int i = 0; i < 100 && path.empty(); ++i) {
            std::filesystem::path c =
                std::filesystem::temp_directory_path() /
                ("drx_test_" + std::to_string(rd()) + "_" +
                 std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
            std::error_code ec;
            if (std::filesystem::create_directory(c, ec) && !ec) path = c;
        }
        REQUIRE(!path.empty());
    }
    temp_dir(temp_dir const&) = delete;
    temp_dir& operator=(temp_dir const&) = delete;
    ~temp_dir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
};

}  // namespace drx_test
