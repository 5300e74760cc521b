// SPDX-License-Identifier: BSL-1.0
// The benchmarks' inputs, built from the shipped examples (examples/payloads/): a deployment
// XEMP or SHAP response of n rows, each a copy of the example's first row with its own rowId.
// Shared by bench_compare.cpp and bench_read_memory.cpp; DRX_SOURCE_DIR (bench/CMakeLists.txt)
// is the repository.
#pragma once

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

#include <drx/api/deployment.hpp>
#include <drx/read.hpp>

#ifndef DRX_SOURCE_DIR
#error "bench/CMakeLists.txt defines DRX_SOURCE_DIR (the repository, for examples/payloads and schemas)"
#endif

namespace bench {

/// The text of a file of the repository.
inline std::string file_text(std::string const& relative) {
    std::string const path = std::string(DRX_SOURCE_DIR) + "/" + relative;
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// A file of the repository read as T (throws if it does not read).
template <class T>
T read_file(std::string const& relative) {
    return drx::read<T>(file_text(relative)).value();
}

/// n copies of the first row of examples/payloads/deployment-xemp-response.json.
inline drx::deployment_xemp_response xemp_response(std::size_t n) {
    auto const example = read_file<drx::deployment_xemp_response>("examples/payloads/deployment-xemp-response.json");
    drx::deployment_xemp_response r;
    r.data.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        r.data.push_back(example.data.at(0));
        r.data.back().row_id = static_cast<std::int64_t>(i);
    }
    return r;
}

/// n copies of the first row of examples/payloads/deployment-shap-response.json, with a third
/// explanation, smaller than the other two (response.explanations.order), whose strength the
/// remaining total gives up (response.shap.additivity).
inline drx::deployment_shap_response shap_response(std::size_t n) {
    auto const example = read_file<drx::deployment_shap_response>("examples/payloads/deployment-shap-response.json");
    drx::deployment_shap_row row = example.data.at(0);
    drx::shap_explanation third = row.prediction_explanations.at(1);
    third.feature_value = drx::scalar("44");
    third.strength = drx::number(0.0123456789);
    third.feature = "num_lab_procedures";
    row.prediction_explanations.push_back(third);
    auto& meta = row.shap_explanations_metadata;
    meta.remaining_total = drx::number(meta.remaining_total.value() - third.strength.value());
    drx::deployment_shap_response r;
    r.data.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        r.data.push_back(row);
        r.data.back().row_id = static_cast<std::int64_t>(i);
    }
    return r;
}

}  // namespace bench
