// SPDX-License-Identifier: BSL-1.0
// drx-mock: the clustering and prediction-explanations payloads, read and validated
// (examples/mock/endpoints.hpp).
#include <fstream>
#include <iostream>
#include <iterator>

#include <drx/check.hpp>

#include "endpoints.hpp"

namespace drx_mock::detail {

namespace {

std::optional<std::string> slurp(std::filesystem::path const& p) {
    std::ifstream f(p, std::ios::binary);
    if (!f) return std::nullopt;
    return std::string(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

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

}  // namespace

bool load_payload(std::filesystem::path const& file, drx::cluster_list& out) { return load(file, out); }
bool load_payload(std::filesystem::path const& file, drx::cluster_insights_page& out) { return load(file, out); }
bool load_payload(std::filesystem::path const& file, drx::prediction_explanations_record& out) { return load(file, out); }
bool load_payload(std::filesystem::path const& file, drx::prediction_explanations_page& out) { return load(file, out); }

}  // namespace drx_mock::detail
