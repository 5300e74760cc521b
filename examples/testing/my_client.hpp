// SPDX-License-Identifier: BSL-1.0
// A user's client of the clusterNames API (seed 001), tested with drx in
// examples/testing/test_my_client_doctest.cpp and test_my_client_gtest.cpp (docs/testing.md).
//
// rename_body() writes the PATCH clusterNames/ body by hand, as a client without drx's types
// might; cluster_names() reads the names out of a GET clusterNames/ response with drx. The tests
// check the bodies against every rule of cluster-name-mappings, with the model's names as the
// context, and the response fixtures against cluster-list.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <drx/api/clustering.hpp>
#include <drx/read.hpp>

namespace my_client {

/// `s` as a JSON string: quotes, backslashes and control characters escaped.
inline std::string json_string(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
            out += buf;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

/// The body of PATCH /api/v2/projects/{projectId}/models/{modelId}/clusterNames/ for the
/// renames (current name, new name), in order.
inline std::string rename_body(std::vector<std::pair<std::string, std::string>> const& renames) {
    std::string body = "{\"clusterNameMappings\": [";
    for (std::size_t i = 0; i < renames.size(); ++i) {
        if (i) body += ", ";
        body += "{\"currentName\": " + json_string(renames[i].first) + ", \"newName\": " + json_string(renames[i].second) + "}";
    }
    return body + "]}";
}

/// The cluster names of a GET clusterNames/ response (a cluster list), in order; throws
/// drx::error with the diagnostics when the response is not one.
inline std::vector<std::string> cluster_names(std::string_view response) {
    drx::cluster_list list = drx::parse<drx::cluster_list>(response);
    std::vector<std::string> names;
    for (auto const& c : list.clusters) names.push_back(c.name);
    return names;
}

}  // namespace my_client
