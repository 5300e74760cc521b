// SPDX-License-Identifier: BSL-1.0
// drx-mock: the clustering and prediction-explanations payloads, read and validated
// (examples/mock/endpoints.hpp).
#include <fstream>
#include <iostream>
#include <iterator>

#include <drx/check.hpp>

#include "endpoints.hpp"
#include "load.hpp"

namespace drx_mock::detail {

bool load_payload(std::filesystem::path const& file, drx::cluster_list& out) { return load(file, out); }
bool load_payload(std::filesystem::path const& file, drx::cluster_insights_page& out) { return load(file, out); }
bool load_payload(std::filesystem::path const& file, drx::prediction_explanations_record& out) { return load(file, out); }
bool load_payload(std::filesystem::path const& file, drx::prediction_explanations_page& out) { return load(file, out); }

}  // namespace drx_mock::detail
